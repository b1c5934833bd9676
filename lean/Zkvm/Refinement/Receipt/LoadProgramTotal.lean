module

public import Zkvm.Refinement.Receipt.SegmentWordTotal

/-!
# `load_program` never panics (issue 11)

`load_program_total`: for every ELF file, `program::load_program` returns (a program or a typed
error), never panics and never diverges. Facts carried from the earlier stages:

* `parse_elf` returns fewer than `2^32` segments (`parse_elf_total`), so the table-size sum
  `words` (at most `2^31 + 2` per segment) stays below `2^64`;
* `validate_segments` accepts only an order with at least one entry per segment and segments
  ending at or below `SEGMENT_LIMIT` (`validate_segments_total`), so `order[i]` is in bounds and
  every ROM word address `wa` is below `2^28`, so its byte address `4 wa` fits in a `u32`;
* every RAM word address is below `2^31` (a `u32` address plus a `u32` size), so
  `segment_word`'s byte addresses fit in a `u64` (`segment_word_total`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.receipt.program

open Zkvm.Extraction Zkvm.Extracted

theorem succ32_of_lt (i n : UInt32) (h : i < n) :
    U32.add i 1 = .ok (i + 1) ∧ (i + 1).toNat = i.toNat + 1 := by
  have h1 := UInt32.lt_iff_toNat_lt.mp h
  have h2 := n.toNat_lt
  have hs : i.toNat + (1 : UInt32).toNat < 2 ^ 32 := by
    rw [show (1 : UInt32).toNat = 1 from rfl]; omega
  refine ⟨U32.add_eq i 1 hs, ?_⟩
  rw [UInt32.toNat_add, Nat.mod_eq_of_lt hs]; rfl

local macro "bad" : tactic => `(tactic| exact ⟨_, rfl, trivial⟩)
local macro "stop_idx" : tactic => `(tactic| exact ⟨_, rfl, idx_done trivial⟩)

/-- `load_program` returns (the form `load_program_total` is proved in). -/
theorem load_program_total' (elf : List UInt8) :
    ∃ r, receipt.program.load_program elf = .ok r ∧ True := by
  have h2 : (2 : UInt64).toNat = 2 := rfl
  unfold receipt.program.load_program
  dsimp only
  obtain ⟨pr, hpr, hpok⟩ := parse_elf_total elf
  refine bind_ex hpr ?_
  rcases pr with e | ⟨entry, segs⟩
  · bad
  have hN : segs.length < 2 ^ 32 := hpok entry segs rfl
  refine bind_ex (pure_ok _) ?_
  obtain ⟨vr, hvr, hvok⟩ := validate_segments_total entry segs (by omega)
  refine bind_ex hvr ?_
  rcases vr with e | ⟨order, heap⟩
  · bad
  obtain ⟨hlo, hbelow⟩ := hvok order heap rfl
  refine bind_ex (pure_ok _) ?_
  have hn := Slice.len_toNat segs (by omega)
  refine bind_ex (add64_ok _ _ (by decide)).1 ?_
  -- the table-size sum
  refine loop_idx_bind _ _ _ _ (fun s : UInt64 × Usize => s.2) (fun _ => rfl)
    (fun s => s.1.toNat ≤ 608 + s.2.toNat * (2 ^ 31 + 2) ∧ s.2.toNat ≤ segs.length)
    (fun _ => True) _ ?_ ⟨by decide, Nat.zero_le _⟩ ?_
  · intro ⟨words, si⟩ ⟨hw, hsi⟩
    dsimp only at hw hsi ⊢
    apply ite_ex
    · intro hc
      have hc' := lt_len segs si hc
      obtain ⟨hs, e⟩ := succ_of_lt si _ hc
      refine index_bind segs si hc' (fun sg hsg => ?_)
      have hb := hbelow si.toNat hc'
      rw [hsg] at hb
      have hv := sg.vaddr.toNat_lt
      have hm := sg.mem_size.toNat_lt
      have hf := sg.file_size.toNat_lt
      have tv : sg.vaddr.toUInt64.toNat = sg.vaddr.toNat := UInt32.toNat_toUInt64 _
      have tf : sg.file_size.toUInt64.toNat = sg.file_size.toNat := UInt32.toNat_toUInt64 _
      have t3 : (3 : UInt64).toNat = 3 := rfl
      apply ite_ex
      · intro _
        refine mapped_end_bind sg (fun en een => ?_)
        refine bind_ex (pure_ok _) ?_
        refine mapped_start_bind sg (fun st est => ?_)
        refine sub64_bind (by omega) (fun d ed => ?_)
        refine div64_bind (fun q eq => ?_)
        refine mul64_bind (by rw [h2]; omega) (fun p ep => ?_)
        rw [h2] at ep
        refine add64_bind (by omega) (fun w' ew' => ?_)
        refine bind_ex hs ?_
        refine ⟨_, rfl, idx_cont e ⟨?_, ?_⟩⟩
        · show w'.toNat ≤ 608 + (si + 1).toNat * (2 ^ 31 + 2)
          rw [e]; omega
        · show (si + 1).toNat ≤ _; omega
      · intro _
        refine add64_bind (by omega) (fun a1 ea1 => ?_)
        refine add64_bind (by omega) (fun a2 ea2 => ?_)
        have efe := and_not3 a2
        refine mapped_start_bind sg (fun st est => ?_)
        refine sub64_bind (by omega) (fun d ed => ?_)
        refine div64_bind (fun q eq => ?_)
        refine add64_bind (by omega) (fun w' ew' => ?_)
        refine bind_ex hs ?_
        refine ⟨_, rfl, idx_cont e ⟨?_, ?_⟩⟩
        · show w'.toNat ≤ 608 + (si + 1).toNat * (2 ^ 31 + 2)
          rw [e]; omega
        · show (si + 1).toNat ≤ _; omega
    · intro _
      stop_idx
  · intro r _
    cases r with
    | ret x => bad
    | brk s =>
      obtain ⟨words, si⟩ := s
      dsimp only
      apply ite_ex; · intro _; bad
      intro _
      -- the registers
      refine loop_lt_bind _ _ _ _ (fun _ => True) (fun _ => True) _ ?_ trivial ?_
      · intro ⟨image, r⟩ _
        dsimp only
        apply ite_ex
        · intro hr
          have hr' := UInt32.lt_iff_toNat_lt.mp hr
          have h32 : receipt.program.NUM_REGISTERS.toNat = 32 := rfl
          obtain ⟨hs, e⟩ := succ32_of_lt r _ hr
          apply ite_ex
          · intro _
            refine bind_ex (pure_ok _) ?_
            refine bind_ex hs ?_
            exact ⟨_, rfl, lt_cont (by show 2 ^ 32 - (r + 1).toNat < 2 ^ 32 - r.toNat; omega) trivial⟩
          · intro _
            refine bind_ex (pure_ok _) ?_
            refine bind_ex hs ?_
            exact ⟨_, rfl, lt_cont (by show 2 ^ 32 - (r + 1).toNat < 2 ^ 32 - r.toNat; omega) trivial⟩
        · intro _
          exact ⟨_, rfl, lt_done trivial⟩
      · intro ⟨image, r⟩ _
        dsimp only
        refine loop_idx_bind _ _ _ _
          (fun s : List receipt.program.ImageWord × List receipt.program.ZeroInterval × Usize =>
            s.2.2) (fun _ => rfl) (fun _ => True) (fun _ => True) _ ?_ trivial ?_
        · intro ⟨image, zi, i⟩ _
          dsimp only
          apply ite_ex
          · intro hc
            have hc' := lt_len segs i hc
            obtain ⟨hs, e⟩ := succ_of_lt i _ hc
            refine index_bind order i (by omega) (fun idx _ => ?_)
            apply ite_ex; · intro _; stop_idx
            intro hidx
            have hidx' := lt_len segs idx (UInt64.not_le.mp hidx)
            refine index_bind segs idx hidx' (fun sg hsg => ?_)
            have hb := hbelow idx.toNat hidx'
            rw [hsg] at hb
            have hv := sg.vaddr.toNat_lt
            have hm := sg.mem_size.toNat_lt
            have hf := sg.file_size.toNat_lt
            have tv : sg.vaddr.toUInt64.toNat = sg.vaddr.toNat := UInt32.toNat_toUInt64 _
            have tf : sg.file_size.toUInt64.toNat = sg.file_size.toNat := UInt32.toNat_toUInt64 _
            have t3 : (3 : UInt64).toNat = 3 := rfl
            apply ite_ex
            · intro _
              refine mapped_start_bind sg (fun st est => ?_)
              refine div64_bind (fun first efirst => ?_)
              refine add64_bind (by omega) (fun a1 ea1 => ?_)
              refine add64_bind (by omega) (fun a2 ea2 => ?_)
              refine div64_bind (fun fe efe => ?_)
              refine mapped_end_bind sg (fun en een => ?_)
              refine div64_bind (fun en4 een4 => ?_)
              refine loop_idx_bind _ _ _ _ (fun s : UInt64 × List receipt.program.ImageWord => s.1)
                (fun _ => rfl) (fun _ => True) (fun _ => True) _ ?_ trivial ?_
              · intro ⟨wa, image'⟩ _
                dsimp only
                apply ite_ex
                · intro hwa
                  have hwa' := UInt64.lt_iff_toNat_lt.mp hwa
                  obtain ⟨hs2, e2⟩ := succ64_of_lt wa _ hwa
                  obtain ⟨sw, hsw⟩ := segment_word_total elf sg wa (by omega)
                  refine bind_ex hsw ?_
                  rcases sw with err | v
                  · stop_idx
                  refine bind_ex (pure_ok _) ?_
                  refine bind_ex hs2 ?_
                  exact ⟨_, rfl, idx_cont e2 trivial⟩
                · intro _; stop_idx
              · intro r _
                cases r with
                | ret x => stop_idx
                | brk s =>
                  apply ite_ex
                  · intro _
                    refine bind_ex (pure_ok _) ?_
                    refine bind_ex hs ?_
                    exact ⟨_, rfl, idx_cont e trivial⟩
                  · intro _
                    refine bind_ex (pure_ok _) ?_
                    refine bind_ex hs ?_
                    exact ⟨_, rfl, idx_cont e trivial⟩
            · intro _
              refine bind_ex (pure_ok _) ?_
              refine bind_ex hs ?_
              exact ⟨_, rfl, idx_cont e trivial⟩
          · intro _; stop_idx
        · intro r _
          cases r with
          | ret x => bad
          | brk s =>
            refine bind_ex (U32.div_eq _ _ (by decide)) ?_
            refine bind_ex (U32.div_eq _ _ (by decide)) ?_
            refine loop_idx_bind _ _ _ _
              (fun s : List receipt.program.ImageWord × List receipt.program.ProgramRow × Usize =>
                s.2.2) (fun _ => rfl) (fun _ => True) (fun _ => True) _ ?_ trivial ?_
            · intro ⟨image, rows, j⟩ _
              dsimp only
              apply ite_ex
              · intro hc
                have hc' := lt_len segs j hc
                obtain ⟨hs, e⟩ := succ_of_lt j _ hc
                refine index_bind order j (by omega) (fun idx _ => ?_)
                apply ite_ex; · intro _; stop_idx
                intro hidx
                have hidx' := lt_len segs idx (UInt64.not_le.mp hidx)
                refine index_bind segs idx hidx' (fun sg hsg => ?_)
                have hb := hbelow idx.toNat hidx'
                rw [hsg] at hb
                have hv := sg.vaddr.toNat_lt
                have hm := sg.mem_size.toNat_lt
                have hf := sg.file_size.toNat_lt
                have tv : sg.vaddr.toUInt64.toNat = sg.vaddr.toNat := UInt32.toNat_toUInt64 _
                have tf : sg.file_size.toUInt64.toNat = sg.file_size.toNat := UInt32.toNat_toUInt64 _
                have t3 : (3 : UInt64).toNat = 3 := rfl
                apply ite_ex
                · intro _
                  refine mapped_end_bind sg (fun en een => ?_)
                  refine div64_bind (fun en4 een4 => ?_)
                  refine mapped_start_bind sg (fun st est => ?_)
                  refine div64_bind (fun w0 ew0 => ?_)
                  refine loop_idx_bind _ _ _ _
                    (fun s : UInt64 × List receipt.program.ImageWord ×
                      List receipt.program.ProgramRow => s.1)
                    (fun _ => rfl) (fun _ => True) (fun _ => True) _ ?_ trivial ?_
                  · intro ⟨wa, image', rows'⟩ _
                    dsimp only
                    apply ite_ex
                    · intro hwa
                      have hwa' := UInt64.lt_iff_toNat_lt.mp hwa
                      obtain ⟨hs2, e2⟩ := succ64_of_lt wa _ hwa
                      obtain ⟨sw, hsw⟩ := segment_word_total elf sg wa (by omega)
                      refine bind_ex hsw ?_
                      rcases sw with err | v
                      · stop_idx
                      refine bind_ex (pure_ok _) ?_
                      have hwa32 : wa.toUInt32.toNat = wa.toNat := by
                        rw [UInt64.toNat_toUInt32]; omega
                      obtain ⟨op, fmt, hcl, hbr⟩ := classify_build_total (wa.toUInt32 * 4) v
                      refine bind_ex hcl ?_
                      apply ite_ex
                      · intro hne
                        refine bind_ex (U32.mul_eq _ _ (by rw [hwa32]; show _ * 4 < _; omega)) ?_
                        obtain ⟨row, hrow⟩ := hbr hne
                        refine bind_ex hrow ?_
                        refine bind_ex (pure_ok _) ?_
                        refine bind_ex hs2 ?_
                        exact ⟨_, rfl, idx_cont e2 trivial⟩
                      · intro _
                        refine bind_ex (pure_ok _) ?_
                        refine bind_ex hs2 ?_
                        exact ⟨_, rfl, idx_cont e2 trivial⟩
                    · intro _; stop_idx
                  · intro r _
                    cases r with
                    | ret x => stop_idx
                    | brk s =>
                      refine bind_ex (pure_ok _) ?_
                      refine bind_ex hs ?_
                      exact ⟨_, rfl, idx_cont e trivial⟩
                · intro _
                  refine bind_ex (pure_ok _) ?_
                  refine bind_ex hs ?_
                  exact ⟨_, rfl, idx_cont e trivial⟩
              · intro _; stop_idx
            · intro r _
              cases r with
              | ret x => bad
              | brk s => bad

/-- **`load_program` never panics and never diverges**, on any ELF file. -/
theorem load_program_total (elf : List UInt8) :
    ∃ r, receipt.program.load_program elf = .ok r := by
  obtain ⟨r, hr, -⟩ := load_program_total' elf
  exact ⟨r, hr⟩

end Zkvm.Refinement.receipt.program
