module

public import Zkvm.Refinement.VerifyReceiptSpec
public import Zkvm.Refinement.Protocol.Stark.FixedTableKey
public import Zkvm.Refinement.Receipt.CheckRows

/-!
# The top-level theorem for keys made from an ELF

`verify_receipt_refines_key` (VerifyReceiptSpec.lean) holds for a trusted key of a stated shape:
its program's ops below `2^32 - 64`, its entry and zero intervals canonical, its proof-of-work
bound below 64 bits; and inside the spec verifier the key's fixed table is the program's
`Spec.fixedRows` only for keys whose ops are below 38 (`FixedSpecFits`), with the extracted
`air::fixed_tables` and `check_fixed_at_zeta` standing in for other keys. Here the key is the
one the verifier itself makes from an ELF, `receipt::verifying_key`, which ends with
`receipt::check_program_counts`, `check_program_shape` and `check_program_image`
(rust/verifier/src/receipt/mod.rs; the image check's facts are for the whole-run theorem):

* `check_program_counts_ok`, `check_program_shape_ok`: a program they accept has at most `2^20`
  rows and image words and at most four zero intervals (counted with `get`, so the bound is on
  the lists themselves, not their lengths modulo `2^64`), ops below 38, its entry below `2^30`, image words in the three spaces at word addresses below
  `2^28`, zero intervals `lo ≤ hi ≤ 2^28` (`ProgramShape`);
* `verifying_key_shape`: every key `verifying_key` returns has that program and the RV32IM
  parameters (20 bits of grinding), so it meets every hypothesis of `verify_receipt_refines_key`
  (`KeyFits` included), and `FixedSpecFits` and `FixedRowsFit`: the spec verifier's fallbacks to
  extracted code are never taken for it (`keyFixedTable` is the program's `Spec.fixedRows`,
  `fixedAtZetaOk` is `Spec.checkFixedAtZeta`);
* `verify_receipt_refines_elf`: **for every ELF and every byte string** (shorter than `2^64`, as
  every Rust slice is), if `verifying_key` returns a key, `verify_receipt` with it returns (never
  panics), and returns a run exactly when `receiptAccept` accepts the bytes with the key's
  digest.

`load_program` itself (the ELF parser) is not refined: the theorem holds for whatever program it
returns, and the checks refuse none that it builds (rust/verifier/tests/
program_table.rs checks it on every example and on mutated ELFs).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.receipt

open Zkvm.Extraction Zkvm.Extracted
open Zkvm.Refinement.protocol.stark (lt_len_succ)
open Zkvm.Spec.ReceiptVerifier (receiptAccept)

/-- **The bounds `check_program_shape` checks** of a key's program. -/
structure ProgramShape (p : receipt.program.Program) : Prop where
  rows : p.rows.length ≤ 2 ^ 20
  image : p.image.length ≤ 2 ^ 20
  zeroCount : p.zero_intervals.length ≤ 4
  entry : p.entry.toNat < 2 ^ 30
  ops : ∀ r ∈ p.rows, r.op.toNat < 38
  words : ∀ w ∈ p.image, w.space.toNat ≤ 2 ∧ w.wa.toNat < 2 ^ 28
  regWa : ∀ w ∈ p.image, w.space.toNat = 0 → w.wa.toNat < 32
  zeros : ∀ z ∈ p.zero_intervals, z.lo.toNat ≤ z.hi.toNat ∧ z.hi.toNat ≤ 2 ^ 28

/-- An index of a list shorter than `2^64` stays below its `usize` length, and the next index is
its successor. -/
theorem idx_of_not_lt {α : Type} (l : List α) (hl : l.length < 2 ^ 64) (i : Usize)
    (hc : ¬ i < Slice.len l) : l.length ≤ i.toNat := by
  have := Slice.len_toNat l hl
  rw [UInt64.lt_iff_toNat_lt, this] at hc
  omega

/-- An element at index `m` is missing exactly when the list has at most `m` elements. -/
theorem length_of_get_none {α : Type} {l : List α} {m : Usize} (h : Slice.get l m = none) :
    l.length ≤ m.toNat := by
  simp only [Slice.get, List.getElem?_eq_none_iff] at h
  exact h

/-- **What `check_program_counts` accepts**: at most four zero intervals, at most `2^20` program
rows and image words. Read with `get`, the counts bound the lists themselves (not their lengths
modulo `2^64`). -/
theorem check_program_counts_ok (p : receipt.program.Program)
    (h : receipt.check_program_counts p = .ok (.ok ())) :
    p.zero_intervals.length ≤ 4 ∧ p.rows.length ≤ 2 ^ 20 ∧ p.image.length ≤ 2 ^ 20 := by
  have hmax : (receipt.program.MAX_FIXED_TABLE_ROWS : UInt64).toNat = 2 ^ 20 := rfl
  have hmz : (air.rv32im.statement.MAX_ZERO_INTERVALS : UInt64).toNat = 4 := rfl
  unfold receipt.check_program_counts at h
  cases gz : Slice.get p.zero_intervals air.rv32im.statement.MAX_ZERO_INTERVALS with
  | some _ => rw [gz] at h; simp only [pure_ok] at h; cases h
  | none =>
  cases gr : Slice.get p.rows receipt.program.MAX_FIXED_TABLE_ROWS with
  | some _ => rw [gz] at h; simp only [gr, pure_ok] at h; cases h
  | none =>
  cases gi : Slice.get p.image receipt.program.MAX_FIXED_TABLE_ROWS with
  | some _ => rw [gz] at h; simp only [gr, gi, pure_ok] at h; cases h
  | none =>
  have h1 := length_of_get_none gz
  have h2 := length_of_get_none gr
  have h3 := length_of_get_none gi
  rw [hmz] at h1
  rw [hmax] at h2 h3
  exact ⟨h1, h2, h3⟩

/-- **What `check_program_counts` and `check_program_shape` accept**: a program meeting
`ProgramShape`. -/
theorem check_program_shape_ok (p : receipt.program.Program)
    (hc : receipt.check_program_counts p = .ok (.ok ()))
    (h : receipt.check_program_shape p = .ok (.ok ())) : ProgramShape p := by
  obtain ⟨hlz, hlr1, hlr2⟩ := check_program_counts_ok p hc
  have hlr : p.rows.length ≤ 2 ^ 20 ∧ p.image.length ≤ 2 ^ 20 := ⟨hlr1, hlr2⟩
  have hr : p.rows.length < 2 ^ 64 := by omega
  have hi : p.image.length < 2 ^ 64 := by omega
  have hz : p.zero_intervals.length < 2 ^ 64 := by omega
  have hst : (receipt.program.STACK_TOP : UInt32).toNat = 2 ^ 30 := rfl
  have hst4 : U32.div receipt.program.STACK_TOP 4 = .ok (2 ^ 28) := rfl
  have hnum : (receipt.program.NUM_OPS : UInt32).toNat = 38 := rfl
  have hrom : (receipt.program.SPACE_ROM : UInt32).toNat = 2 := rfl
  unfold receipt.check_program_shape at h
  simp only at h
  split at h
  · cases h
  rename_i hentry
  have hent : p.entry.toNat < 2 ^ 30 := by
    simp only [ge_iff_le, UInt32.le_iff_toNat_le, hst] at hentry
    omega
  -- the ops
  obtain ⟨r1, h1, h⟩ := Outcome.bind_eq_ok.mp h
  have q1 := Zkvm.Refinement.protocol.stark.loop_post h1
    (fun i : Usize => ∀ k (hk : k < p.rows.length), k < i.toNat → p.rows[k].op.toNat < 38)
    (fun r : Exit Usize (Except error.VerifyError Unit) => match r with
      | .ret x => x ≠ .ok ()
      | .brk _ => ∀ k (hk : k < p.rows.length), p.rows[k].op.toNat < 38)
    (fun i hP x hx => by
      try simp only at hx
      by_cases hc : i < Slice.len p.rows
      · obtain ⟨hik, hs, e⟩ := lt_len_succ p.rows i hc
        rw [if_pos hc, Slice.index_eq _ _ hik, ok_bind] at hx
        by_cases hop : p.rows[i.toNat].op ≥ receipt.program.NUM_OPS
        · rw [if_pos hop, pure_ok] at hx
          cases ok_inj.mp hx
          intro e'; cases e'
        · rw [if_neg hop, hs, ok_bind, pure_ok] at hx
          cases ok_inj.mp hx
          intro k hk hk'
          rw [e] at hk'
          rcases Nat.lt_succ_iff_lt_or_eq.mp hk' with hk' | rfl
          · exact hP k hk hk'
          · simp only [ge_iff_le, UInt32.le_iff_toNat_le, hnum] at hop
            omega
      · rw [if_neg hc, pure_ok] at hx
        cases ok_inj.mp hx
        have := idx_of_not_lt p.rows hr i hc
        intro k hk
        exact hP k hk (by omega))
    (fun k _ h => by simp at h)
  cases r1 with
  | ret x =>
    simp only [pure_ok] at h
    exact absurd (ok_inj.mp h) q1
  | brk i1 =>
  simp only at h q1
  -- the image words
  obtain ⟨r2, h2, h⟩ := Outcome.bind_eq_ok.mp h
  have hreg : (receipt.program.SPACE_REG : UInt32) = 0 := rfl
  have hnr : (receipt.program.NUM_REGISTERS : UInt32).toNat = 32 := rfl
  have h28 : (2 ^ 28 : UInt32).toNat = 2 ^ 28 := rfl
  have q2 := Zkvm.Refinement.protocol.stark.loop_post h2
    (fun j : Usize => ∀ k (hk : k < p.image.length), k < j.toNat →
      p.image[k].space.toNat ≤ 2 ∧ p.image[k].wa.toNat < 2 ^ 28 ∧
        (p.image[k].space.toNat = 0 → p.image[k].wa.toNat < 32))
    (fun r : Exit Usize (Except error.VerifyError Unit) => match r with
      | .ret x => x ≠ .ok ()
      | .brk _ => ∀ k (hk : k < p.image.length),
          p.image[k].space.toNat ≤ 2 ∧ p.image[k].wa.toNat < 2 ^ 28 ∧
            (p.image[k].space.toNat = 0 → p.image[k].wa.toNat < 32))
    (fun j hP x hx => by
      try simp only at hx
      by_cases hc : j < Slice.len p.image
      · obtain ⟨hjk, hs, e⟩ := lt_len_succ p.image j hc
        rw [if_pos hc] at hx
        simp only [Slice.index_eq _ _ hjk, ok_bind, pure_ok, hst4] at hx
        by_cases hgood : p.image[j.toNat].space.toNat ≤ 2 ∧ p.image[j.toNat].wa.toNat < 2 ^ 28 ∧
            (p.image[j.toNat].space.toNat = 0 → p.image[j.toNat].wa.toNat < 32)
        · obtain ⟨g1, g2, g3⟩ := hgood
          have n1 : ¬ p.image[j.toNat].space > receipt.program.SPACE_ROM := by
            simp only [gt_iff_lt, UInt32.lt_iff_toNat_lt, hrom]; omega
          have n2 : ¬ p.image[j.toNat].wa ≥ 2 ^ 28 := by
            simp only [ge_iff_le, UInt32.le_iff_toNat_le, h28]; omega
          have n3 : p.image[j.toNat].space = receipt.program.SPACE_REG →
              ¬ p.image[j.toNat].wa ≥ receipt.program.NUM_REGISTERS := by
            intro e0
            rw [hreg] at e0
            have := g3 (by rw [e0]; rfl)
            simp only [ge_iff_le, UInt32.le_iff_toNat_le, hnr]; omega
          by_cases hr0 : p.image[j.toNat].space = receipt.program.SPACE_REG
          · simp only [n1, n2, n3 hr0, hr0, decide_true, decide_false, if_false, if_true,
              Bool.false_eq_true, ok_bind, pure_ok, hs] at hx
            cases ok_inj.mp hx
            intro k hk hk'
            rw [e] at hk'
            rcases Nat.lt_succ_iff_lt_or_eq.mp hk' with hk' | rfl
            · exact hP k hk hk'
            · exact ⟨g1, g2, g3⟩
          · simp only [n1, n2, hr0, decide_false, if_false, Bool.false_eq_true, ok_bind, pure_ok,
              hs] at hx
            cases ok_inj.mp hx
            intro k hk hk'
            rw [e] at hk'
            rcases Nat.lt_succ_iff_lt_or_eq.mp hk' with hk' | rfl
            · exact hP k hk hk'
            · exact ⟨g1, g2, g3⟩
        · have hbad : p.image[j.toNat].space > receipt.program.SPACE_ROM ∨
              p.image[j.toNat].wa ≥ 2 ^ 28 ∨
              (p.image[j.toNat].space = receipt.program.SPACE_REG ∧
                p.image[j.toNat].wa ≥ receipt.program.NUM_REGISTERS) := by
            simp only [gt_iff_lt, UInt32.lt_iff_toNat_lt, hrom, ge_iff_le, UInt32.le_iff_toNat_le,
              h28, hnr, hreg, ← UInt32.toNat_inj, UInt32.toNat_zero]
            omega
          rcases hbad with hb | hb | ⟨hb1, hb2⟩
          · simp only [hb, if_true, ok_bind, pure_ok] at hx
            cases ok_inj.mp hx
            intro e'; cases e'
          · by_cases hsp : p.image[j.toNat].space > receipt.program.SPACE_ROM
            · simp only [hsp, if_true, ok_bind, pure_ok] at hx
              cases ok_inj.mp hx
              intro e'; cases e'
            · simp only [hsp, hb, if_false, if_true, decide_true, ok_bind, pure_ok] at hx
              cases ok_inj.mp hx
              intro e'; cases e'
          · by_cases hsp : p.image[j.toNat].space > receipt.program.SPACE_ROM
            · simp only [hsp, if_true, ok_bind, pure_ok] at hx
              cases ok_inj.mp hx
              intro e'; cases e'
            · by_cases hw : p.image[j.toNat].wa ≥ 2 ^ 28
              · simp only [hsp, hw, if_false, if_true, decide_true, ok_bind, pure_ok] at hx
                cases ok_inj.mp hx
                intro e'; cases e'
              · simp only [hsp, hw, hb1, hb2, if_false, if_true, decide_true, decide_false,
                  Bool.false_eq_true, ok_bind, pure_ok] at hx
                cases ok_inj.mp hx
                intro e'; cases e'
      · rw [if_neg hc, pure_ok] at hx
        cases ok_inj.mp hx
        have := idx_of_not_lt p.image hi j hc
        intro k hk
        exact hP k hk (by omega))
    (fun k _ h => by simp at h)
  cases r2 with
  | ret x =>
    simp only [pure_ok] at h
    exact absurd (ok_inj.mp h) q2
  | brk i2 =>
  simp only at h q2
  -- the zero intervals
  obtain ⟨r3, h3, h⟩ := Outcome.bind_eq_ok.mp h
  have q3 := Zkvm.Refinement.protocol.stark.loop_post h3
    (fun j : Usize => ∀ k (hk : k < p.zero_intervals.length), k < j.toNat →
      p.zero_intervals[k].lo.toNat ≤ p.zero_intervals[k].hi.toNat ∧
        p.zero_intervals[k].hi.toNat ≤ 2 ^ 28)
    (fun r : Exit Usize (Except error.VerifyError Unit) => match r with
      | .ret x => x ≠ .ok ()
      | .brk _ => ∀ k (hk : k < p.zero_intervals.length),
          p.zero_intervals[k].lo.toNat ≤ p.zero_intervals[k].hi.toNat ∧
            p.zero_intervals[k].hi.toNat ≤ 2 ^ 28)
    (fun j hP x hx => by
      try simp only at hx
      by_cases hc : j < Slice.len p.zero_intervals
      · obtain ⟨hjk, hs, e⟩ := lt_len_succ p.zero_intervals j hc
        rw [if_pos hc, Slice.index_eq _ _ hjk, ok_bind, ok_bind] at hx
        by_cases hlo : p.zero_intervals[j.toNat].lo > p.zero_intervals[j.toNat].hi
        · rw [if_pos hlo, pure_ok, ok_bind, if_pos rfl, pure_ok] at hx
          cases ok_inj.mp hx
          intro e'; cases e'
        · rw [if_neg hlo, ok_bind, hst4, ok_bind, pure_ok, ok_bind] at hx
          by_cases hhi : p.zero_intervals[j.toNat].hi > 2 ^ 28
          · rw [if_pos (by simp [hhi]), pure_ok] at hx
            cases ok_inj.mp hx
            intro e'; cases e'
          · rw [if_neg (by simp [hhi]), hs, ok_bind, pure_ok] at hx
            cases ok_inj.mp hx
            intro k hk hk'
            rw [e] at hk'
            rcases Nat.lt_succ_iff_lt_or_eq.mp hk' with hk' | rfl
            · exact hP k hk hk'
            · simp only [gt_iff_lt, UInt32.lt_iff_toNat_lt] at hlo hhi
              have h28 : (2 ^ 28 : UInt32).toNat = 2 ^ 28 := rfl
              rw [h28] at hhi
              exact ⟨by omega, by omega⟩
      · rw [if_neg hc, pure_ok] at hx
        cases ok_inj.mp hx
        have := idx_of_not_lt p.zero_intervals hz j hc
        intro k hk
        exact hP k hk (by omega))
    (fun k _ h => by simp at h)
  cases r3 with
  | ret x =>
    simp only [pure_ok] at h
    exact absurd (ok_inj.mp h) q3
  | brk i3 =>
  simp only at q3
  refine ⟨hlr.1, hlr.2, hlz, hent, ?_, ?_, ?_, ?_⟩
  · intro r hr'
    obtain ⟨k, hk, rfl⟩ := List.getElem_of_mem hr'
    exact q1 k hk
  · intro w hw
    obtain ⟨k, hk, rfl⟩ := List.getElem_of_mem hw
    exact ⟨(q2 k hk).1, (q2 k hk).2.1⟩
  · intro w hw
    obtain ⟨k, hk, rfl⟩ := List.getElem_of_mem hw
    exact (q2 k hk).2.2
  · intro z hz'
    obtain ⟨k, hk, rfl⟩ := List.getElem_of_mem hz'
    exact q3 k hk

/-- **What `verifying_key` returns**: the RV32IM machine of a program that `load_program` made
and `check_program_counts`, `check_program_shape` and `check_program_image` accepted, and the
RV32IM parameters (20 bits of grinding). -/
theorem verifying_key_ok {elf : List UInt8} {vk : protocol.vk.VerifyingKey}
    (h : receipt.verifying_key elf = .ok (.ok vk)) :
    ∃ prog, vk.air = .Rv32imV2 prog ∧ vk.params.pow_bits = 20 ∧
      receipt.check_program_counts prog = .ok (.ok ()) ∧
      receipt.check_program_shape prog = .ok (.ok ()) ∧
      receipt.check_program_image prog = .ok (.ok ()) ∧
      receipt.check_program_rows prog = .ok (.ok ()) := by
  unfold receipt.verifying_key at h
  obtain ⟨r, -, h⟩ := Outcome.bind_eq_ok.mp h
  rcases r with e | prog
  · simp at h
  simp only [pure_ok, ok_bind] at h
  obtain ⟨c0, hc0, h⟩ := Outcome.bind_eq_ok.mp h
  rcases c0 with e | u0
  · simp at h
  simp only at h
  obtain ⟨c, hc, h⟩ := Outcome.bind_eq_ok.mp h
  rcases c with e | u
  · simp at h
  simp only at h
  obtain ⟨c', hc', h⟩ := Outcome.bind_eq_ok.mp h
  rcases c' with e | u'
  · simp at h
  simp only at h
  obtain ⟨c'', hc'', h⟩ := Outcome.bind_eq_ok.mp h
  rcases c'' with e | u''
  · simp at h
  simp only at h
  obtain ⟨prm, hprm, h⟩ := Outcome.bind_eq_ok.mp h
  unfold receipt.rv32im_params protocol.params.compact_zk_params at hprm
  rw [pure_ok] at hprm
  obtain rfl := ok_inj.mp hprm
  cases ok_inj.mp h
  exact ⟨prog, rfl, rfl, hc0, hc, hc', hc''⟩

/-- **Program binding in the key**: every row of the program of a key `verifying_key` made is
the Lean decoder's row (`Spec.decodeRow`) of a ROM word of its image at its address
(`check_program_rows_ok`, with at most 2^20 rows: `check_program_counts_ok`). -/
theorem verifying_key_rows {elf : List UInt8} {vk : protocol.vk.VerifyingKey}
    (h : receipt.verifying_key elf = .ok (.ok vk)) :
    ∃ prog, vk.air = .Rv32imV2 prog ∧ ∀ i < prog.rows.length, RowDecoded prog i := by
  obtain ⟨prog, hair, -, hc0, -, -, hrows⟩ := verifying_key_ok h
  have hl := (check_program_counts_ok prog hc0).2.1
  obtain ⟨r, hr, hgood⟩ := check_program_rows_ok prog
  rw [hrows] at hr
  exact ⟨prog, hair, hgood (Outcome.ok.inj hr).symm (by omega)⟩

/-- **Every key `verifying_key` returns meets the top-level theorem's hypotheses**: its
program's lists are shorter than `2^64` (`KeyFits`: at most `2^20` rows and image words, at most
four zero intervals), its ops are below 38, its entry and zero intervals below `2^30`, its
proof-of-work bound 20 bits; and the spec verifier takes the program's own fixed table for it
(`FixedSpecFits`, `FixedRowsFit`). -/
theorem verifying_key_shape {elf : List UInt8} {vk : protocol.vk.VerifyingKey}
    (h : receipt.verifying_key elf = .ok (.ok vk)) :
    Zkvm.Spec.VerifyingKey.KeyFits vk ∧
    (∀ prog, vk.air = .Rv32imV2 prog → ∀ r ∈ prog.rows, r.op.toNat + 64 < 2 ^ 32) ∧
    vk.params.pow_bits.toNat < 64 ∧
    (∀ prog, vk.air = .Rv32imV2 prog → prog.zero_intervals.length < 2 ^ 64 ∧
      prog.entry.toNat < Zkvm.Field.P ∧
      ∀ z ∈ prog.zero_intervals, z.lo.toNat < Zkvm.Field.P ∧ z.hi.toNat < Zkvm.Field.P) ∧
    Zkvm.Spec.FixedSpecFits vk ∧ Zkvm.Spec.Verifier.FixedRowsFit vk := by
  obtain ⟨prog, hair, hpow, hc0, hc, -⟩ := verifying_key_ok h
  have hs := check_program_shape_ok prog hc0 hc
  have hprog : Zkvm.Spec.VerifyingKey.vkProgram vk = prog := by
    unfold Zkvm.Spec.VerifyingKey.vkProgram; rw [hair]
  have hz : prog.zero_intervals.length < 2 ^ 64 := by have := hs.zeroCount; omega
  have hfits : Zkvm.Spec.VerifyingKey.KeyFits vk := by
    unfold Zkvm.Spec.VerifyingKey.KeyFits
    rw [hprog]
    exact ⟨by have := hs.rows; omega, by have := hs.image; omega, hz⟩
  have hP : (2 : Nat) ^ 30 < Zkvm.Field.P := by unfold Zkvm.Field.P; omega
  have hfit : Zkvm.Spec.FixedSpecFits vk := by
    unfold Zkvm.Spec.FixedSpecFits; rw [hair]
    exact ⟨hs.ops, by have := hs.rows; have := hs.image; omega⟩
  refine ⟨hfits, ?_, ?_, ?_, hfit, ?_⟩
  · intro p' hp' r hr'
    rw [hair] at hp'; cases hp'
    have := hs.ops r hr'; omega
  · rw [hpow]; decide
  · intro p' hp'
    rw [hair] at hp'; cases hp'
    refine ⟨hz, by have := hs.entry; omega, fun z hz' => ?_⟩
    have := hs.zeros z hz'; omega
  · intro t ht
    obtain ⟨rfl, -⟩ := (Zkvm.Refinement.protocol.stark.fixed_tables_11_spec vk t hfit).mp ht
    have hk : Zkvm.Spec.keyFixedRows vk =
        Zkvm.Spec.fixedRows (prog.rows.map Zkvm.Spec.specRow) (prog.image.map Zkvm.Spec.specWord) := by
      unfold Zkvm.Spec.keyFixedRows; rw [hair]
    refine ⟨?_, fun row hrow => ?_⟩
    · show (Zkvm.Spec.keyFixedRows vk).length < 2 ^ 64
      rw [hk, Zkvm.Refinement.protocol.stark.fixedRows_length]
      simp only [List.length_map]
      have := hs.rows; have := hs.image; omega
    · have hrow' : row ∈ Zkvm.Spec.keyFixedRows vk := hrow
      rw [hk] at hrow'
      have := Zkvm.Refinement.protocol.stark.fixedRows_row_len _ _ row hrow'
      omega

/-- **The top-level theorem for a key made from an ELF**: for every ELF from which
`verifying_key` makes a key, on every byte string `verify_receipt` with that key returns, and
returns a run exactly when `receiptAccept` accepts it with the key's digest; a typed error
otherwise. No hypothesis on the key is left: `check_program_shape` gives them all
(`verifying_key_shape`), and with it the spec verifier's fixed table is the program's
`Spec.fixedRows`. -/
theorem verify_receipt_refines_elf (H : List UInt8 → Zkvm.Commit.Digest) (elf : List UInt8)
    (vk : protocol.vk.VerifyingKey) (hvk : receipt.verifying_key elf = .ok (.ok vk))
    (bytes : List UInt8) (hb : bytes.length < 2 ^ 64) :
    ∃ r, receipt.verify_receipt (commit.merkle.bytesOf H) vk bytes = .ok r ∧
      ∀ run, r = .ok run ↔
        receiptAccept H vk (Zkvm.Spec.VerifyingKey.vkDigest H vk) bytes run := by
  obtain ⟨hfits, hops, hpow, hprog, -, -⟩ := verifying_key_shape hvk
  exact verify_receipt_refines_key H vk hfits hops hpow hprog bytes hb

end Zkvm.Refinement.receipt

end
