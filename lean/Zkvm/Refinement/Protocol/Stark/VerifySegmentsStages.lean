module

public import Zkvm.Refinement.Protocol.Stark.VerifySegmentsTotal
public import Zkvm.Refinement.Protocol.Stark.FixedAtZetaTotality
public import Zkvm.Refinement.Protocol.FixedTables
public import Zkvm.Refinement.Protocol.LogupColumns
public import Zkvm.Refinement.Protocol.Stark.TableOod

/-!
# `verify_segments` never panics: the fixed tables at ζ

`check_fixed_at_zeta` compares, for every table with fixed tables, the fixed fingerprint columns
opened at ζ with the fixed tables' interpolants there (`logup::check_fixed_tables`). Computing
the interpolants divides by ζ − ω^i; when one of these is zero (ζ on the trace subgroup) the
batch inversion returns `DegenerateChallenge`, a typed error, and the field's own inversion
never panics (it is a power), so the stage can panic only through non-canonical or ill-shaped
operands. Here it is proved never to panic on the operands `verify_segments` passes it:

* `fingerprint_base_total`, `fixed_tables_at_total`, `check_fixed_tables_total`: the
  interpolants and their comparison never panic, for tables whose entries are canonical
  (`CanonTable`), on any claimed values, any height and any canonical β and ζ, with ζ anywhere
  (no condition that ζ is off the subgroup);
* `ext_columns_from_base_total`: recombining base coordinates never panics on canonical
  extension elements (a count not a multiple of 4 is rejected with `WrongProofShape`);
* `is_canonical_spec`, `air_fixed_tables_canon`, `all_fixed_tables_canon`: the fixed tables
  `all_fixed_tables` returns are canonical, since `air::fixed_tables` checks them
  (`fixed::is_canonical`);
* `check_fixed_at_zeta_total`: `check_fixed_at_zeta` never panics, for openings that are the
  images of typed values and canonical β and ζ;
* `fold_constraints_total`, `check_table_ood_total`: `check_table_ood` never panics on the
  openings' shapes `check_table_ood_spec` takes, with ζ anywhere (on the subgroup, at 1 or at
  ω⁻¹ the selectors are rejected with `DegenerateChallenge`), any height and any constraint
  count: of `check_table_ood_spec`'s hypotheses only the shapes and the 20 public values remain;
* `verify_segments_never_panics_of_fixed`: `verify_segments_never_panics_of_msgs` without its
  hypothesis on `check_fixed_at_zeta`; those on `check_table_ood` and `check_queries` remain.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4
open Zkvm.Field.BabyBear (rootOfUnity)
open Zkvm.Refinement.field (toU32 eq_toU32)
open Zkvm.Refinement.field.extension (toExt add_spec sub_spec mul_spec mul_base_spec zero_eq
  from_base_spec)

/-! ## Loop rules returning a property of the result -/

/-- A counting loop by an invariant, followed by a continuation whose results satisfy `R`. -/
theorem loop_count_bind_R {σ ρ β : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ))
    (init : σ) (k : ρ → Outcome β) (R : β → Prop) (idx : σ → Usize)
    (hm : ∀ s, measure s = 2 ^ 64 - (idx s).toNat) (P : σ → Prop) (Q : ρ → Prop)
    (step : ∀ s, P s →
      (∃ s', body s = .ok (.cont s') ∧ (idx s').toNat = (idx s).toNat + 1 ∧ P s') ∨
      (∃ r, body s = .ok (.done r) ∧ Q r))
    (hinit : P init) (post : ∀ r, Q r → ∃ b, k r = .ok b ∧ R b) :
    ∃ b, (loop measure body init >>= k) = .ok b ∧ R b := by
  obtain ⟨r, hr, hq⟩ := loop_count measure body init idx hm P Q step hinit
  obtain ⟨b, hb, hR⟩ := post r hq
  exact ⟨b, by rw [hr, ok_bind]; exact hb, hR⟩

/-- A loop by an invariant and a decreasing measure, followed by a continuation whose results
satisfy `R`. -/
theorem loop_bind_R {σ ρ β : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ))
    (init : σ) (k : ρ → Outcome β) (R : β → Prop) (P : σ → Prop) (Q : ρ → Prop)
    (step : ∀ s, P s →
      (∃ s', body s = .ok (.cont s') ∧ measure s' < measure s ∧ P s') ∨
      (∃ r, body s = .ok (.done r) ∧ Q r))
    (hinit : P init) (post : ∀ r, Q r → ∃ b, k r = .ok b ∧ R b) :
    ∃ b, (loop measure body init >>= k) = .ok b ∧ R b := by
  obtain ⟨r, hr, hq⟩ := loop_ok measure body init P Q step hinit
  obtain ⟨b, hb, hR⟩ := post r hq
  exact ⟨b, by rw [hr, ok_bind]; exact hb, hR⟩

/-- An iteration that returns a step, continuing or stopping, as a loop rule asks. -/
theorem step_of_ex {σ ρ : Type} {x : Outcome (Step σ ρ)} {A : σ → Prop} {B : ρ → Prop}
    (h : ∃ b, x = .ok b ∧ ((∃ s', b = .cont s' ∧ A s') ∨ (∃ r, b = .done r ∧ B r))) :
    (∃ s', x = .ok (.cont s') ∧ A s') ∨ (∃ r, x = .ok (.done r) ∧ B r) := by
  obtain ⟨b, hb, (⟨s', rfl, hA⟩ | ⟨r, rfl, hB⟩)⟩ := h
  · exact Or.inl ⟨s', hb, hA⟩
  · exact Or.inr ⟨r, hb, hB⟩

/-- Forgetting a trivial property of the result. -/
theorem ex_of_ex_true {α : Type} {x : Outcome α} (h : ∃ b, x = .ok b ∧ True) :
    ∃ b, x = .ok b := by
  obtain ⟨b, hb, -⟩ := h
  exact ⟨b, hb⟩

/-! ## Canonical fixed tables -/

/-- A row whose entries (those below `row.len()`, the ones the verifier reads) are canonical. -/
def CanonRow (row : List UInt32) : Prop :=
  ∀ (j : Nat) (h : j < row.length), j < (Slice.len row).toNat → row[j].toNat < Zkvm.Field.P

/-- A fixed table whose rows (those below `rows.len()`) are canonical. -/
def CanonTable (t : air.FixedTable) : Prop :=
  ∀ (i : Nat) (h : i < t.rows.length), i < (Slice.len t.rows).toNat → CanonRow t.rows[i]

/-- A canonical `u32` is the image of a field element. -/
theorem canon_toU32 (x : UInt32) (h : x.toNat < Zkvm.Field.P) : ∃ b : BabyBear, x = toU32 b :=
  ⟨⟨x.toNat, h⟩, eq_toU32 rfl⟩

/-- **`fingerprint_base` never panics** on a canonical row and a canonical β; its value is
canonical. -/
theorem fingerprint_base_total (row : List UInt32) (hrow : CanonRow row) (β : Ext4) :
    ∃ v, protocol.logup.fingerprint_base row (toExt β) = .ok v ∧ ∃ y : Ext4, v = toExt y := by
  unfold protocol.logup.fingerprint_base
  rw [zero_eq]
  apply loop_bind_R
    (P := fun (s : Usize × field.extension.Ext) =>
      s.1.toNat ≤ (Slice.len row).toNat ∧ ∃ a : Ext4, s.2 = toExt a)
    (Q := fun (s : Usize × field.extension.Ext) => ∃ a : Ext4, s.2 = toExt a)
  · intro ⟨j, acc⟩ ⟨hj, a, ha⟩
    dsimp only at hj ha ⊢
    subst ha
    by_cases h0 : j > 0
    · have h0' : 0 < j.toNat := UInt64.lt_iff_toNat_lt.mp h0
      have hj1 : (1 : Usize).toNat ≤ j.toNat := by simp; omega
      have e : (j - 1).toNat = j.toNat - 1 := by
        rw [UInt64.toNat_sub_of_le _ _ (UInt64.le_iff_toNat_le.mpr hj1)]; simp
      have hlen := slice_len_toNat_le row
      have hlt : (j - 1).toNat < row.length := by omega
      obtain ⟨b, hb⟩ := canon_toU32 _ (hrow _ hlt (by omega))
      left
      refine ⟨(j - 1, toExt (a * β + ofBase b)), ?_, ?_, ?_⟩
      · rw [if_pos h0, Usize.sub_eq j 1 hj1, ok_bind, mul_spec, ok_bind,
          Slice.index_eq _ _ hlt, ok_bind, hb, from_base_spec, ok_bind, add_spec, ok_bind,
          pure_ok]
      · show (j - 1).toNat < j.toNat
        omega
      · exact ⟨by dsimp only; omega, _, rfl⟩
    · right
      exact ⟨(j, toExt a), by rw [if_neg h0, pure_ok], a, rfl⟩
  · exact ⟨Nat.le_refl _, 0, rfl⟩
  · intro ⟨j, acc⟩ ⟨a, ha⟩
    dsimp only at ha ⊢
    exact ⟨_, pure_ok _, a, ha⟩

set_option maxHeartbeats 4000000 in
/-- **`fixed_tables_at` never panics**, on canonical tables, canonical β and z and any height:
with z on the subgroup the batch inversion returns `DegenerateChallenge`. -/
theorem fixed_tables_at_total (tables : List air.FixedTable)
    (htab : ∀ t ∈ tables, CanonTable t) (β z : Ext4) (logN : UInt32) :
    ∃ r, protocol.logup.fixed_tables_at tables (toExt β) (toExt z) logN = .ok r := by
  unfold protocol.logup.fixed_tables_at
  obtain ⟨c, hc⟩ := check_fixed_table_sizes_total tables logN
  rw [hc, ok_bind]
  cases c with
  | error e => exact ⟨_, rfl⟩
  | ok u =>
  cases u
  dsimp only
  rw [Zkvm.Refinement.protocol.domain.subgroup_generator_spec, ok_bind]
  rcases Nat.lt_or_ge 27 logN.toNat with h27 | h27
  · rw [if_neg (by omega)]; exact ⟨_, rfl⟩
  rw [if_pos h27]
  simp only [pure_ok, ok_bind]
  generalize rootOfUnity logN.toNat = w
  apply ex_of_ex_true
  -- the longest table
  apply loop_count_bind_R _ _ _ _ _ (fun (s : Usize × Usize) => s.2) (fun _ => rfl)
    (fun _ => True) (fun _ => True)
  · intro ⟨mx, k⟩ _
    dsimp only
    by_cases hk : k < Slice.len tables
    · obtain ⟨hk', hsucc, e⟩ := lt_len_succ tables k hk
      left
      rw [if_pos hk, Slice.index_eq _ _ hk', ok_bind]
      split
      · rw [ok_bind, hsucc, ok_bind]
        exact ⟨_, rfl, e, trivial⟩
      · rw [hsucc, ok_bind]
        exact ⟨_, rfl, e, trivial⟩
    · right
      exact ⟨_, by rw [if_neg hk], trivial⟩
  · trivial
  intro ⟨mx, k⟩ _
  dsimp only
  -- the powers of ω and the differences z − ω^i
  apply loop_count_bind_R _ _ _ _ _
    (fun (s : List UInt32 × UInt32 × List (List UInt32) × Usize) => s.2.2.2) (fun _ => rfl)
    (fun (s : List UInt32 × UInt32 × List (List UInt32) × Usize) =>
      (∀ x ∈ s.1, ∃ b : BabyBear, x = toU32 b) ∧ (∃ b : BabyBear, s.2.1 = toU32 b) ∧
        ∃ L : List Ext4, s.2.2.1 = L.map toExt ∧ L.length ≤ s.2.2.2.toNat)
    (fun (s : List UInt32 × UInt32 × List (List UInt32) × Usize) =>
      (∀ x ∈ s.1, ∃ b : BabyBear, x = toU32 b) ∧
        ∃ L : List Ext4, s.2.2.1 = L.map toExt ∧ L.length ≤ s.2.2.2.toNat)
  · intro ⟨pw, pow, ds, i⟩ ⟨hpw, ⟨b, hb⟩, L, hL, hLl⟩
    dsimp only at hpw hb hL hLl ⊢
    subst hb hL
    by_cases hi : i < mx
    · have hi' := UInt64.lt_iff_toNat_lt.mp hi
      obtain ⟨hs, e⟩ := succ_ok i mx.toNat hi' (UInt64.toNat_lt mx)
      left
      refine ⟨(pw ++ [toU32 b], toU32 (b * w), (L ++ [z - ofBase b]).map toExt, i + 1), ?_, e, ?_⟩
      · rw [if_pos hi, from_base_spec, ok_bind, sub_spec, ok_bind,
          Zkvm.Refinement.field.mul_spec, ok_bind, hs, ok_bind]
        simp only [Slice.push, List.map_append, List.map_cons, List.map_nil]
      · refine ⟨?_, ⟨_, rfl⟩, L ++ [z - ofBase b], rfl, ?_⟩
        · intro x hx
          rcases List.mem_append.mp hx with h | h
          · exact hpw x h
          · simp only [List.mem_singleton] at h
            exact ⟨b, h⟩
        · dsimp only
          rw [List.length_append, e]
          simp only [List.length_singleton]
          omega
    · right
      exact ⟨_, by rw [if_neg hi], hpw, L, rfl, hLl⟩
  · refine ⟨by simp [Slice.withCapacity], ⟨1, Zkvm.Refinement.protocol.logup.one_eq'⟩, [],
      by simp [Slice.withCapacity], by simp⟩
  intro ⟨pw, pow, ds, i⟩ ⟨hpw, L, hL, hLl⟩
  dsimp only at hpw hL hLl ⊢
  subst hL
  rw [Zkvm.Refinement.protocol.logup.batch_inverse_spec L
    (by have := UInt64.toNat_lt i; omega), ok_bind]
  by_cases hnz : ¬ ∀ v ∈ L, v ≠ 0
  · rw [if_neg hnz]
    exact ⟨_, rfl, trivial⟩
  rw [if_pos (Classical.not_not.mp hnz)]
  simp only []
  rw [Zkvm.Refinement.protocol.logup.two_eq, Zkvm.Refinement.field.pow_spec, ok_bind,
    Zkvm.Refinement.protocol.domain.vanishing_at_spec, ok_bind,
    Zkvm.Refinement.field.inv_spec, ok_bind, mul_base_spec, ok_bind]
  -- the tables' sums
  apply loop_count_bind_R _ _ _ _ _
    (fun (s : List UInt32 × List (List UInt32) × Usize) => s.2.2) (fun _ => rfl)
    (fun (s : List UInt32 × List (List UInt32) × Usize) => ∀ x ∈ s.1, ∃ b : BabyBear, x = toU32 b)
    (fun _ => True)
  · intro ⟨pw', out, t⟩ hpw'
    dsimp only at hpw' ⊢
    by_cases ht : t < Slice.len tables
    · obtain ⟨ht', hsucc, e⟩ := lt_len_succ tables t ht
      have hct := htab _ (List.getElem_mem ht')
      rw [if_pos ht, Slice.index_eq _ _ ht', ok_bind, zero_eq]
      apply step_of_ex
      apply loop_count_bind_R _ _ _ _ _
        (fun (s : field.extension.Ext × Usize) => s.2) (fun _ => rfl)
        (fun (s : field.extension.Ext × Usize) => ∃ a : Ext4, s.1 = toExt a)
        (fun (s : field.extension.Ext × Usize) => ∃ a : Ext4, s.1 = toExt a)
      · intro ⟨acc, r⟩ ⟨a, ha⟩
        dsimp only at ha ⊢
        subst ha
        split
        · rename_i hc
          simp only [Bool.and_eq_true, decide_eq_true_eq] at hc
          obtain ⟨⟨h1, h2⟩, h3⟩ := hc
          obtain ⟨hr1, hs1, e1⟩ := lt_len_succ _ r h1
          obtain ⟨hr2, -, -⟩ := lt_len_succ _ r h2
          obtain ⟨hr3, -, -⟩ := lt_len_succ _ r h3
          obtain ⟨fpv, hfp, y, hy⟩ := fingerprint_base_total _
            (hct _ hr1 (UInt64.lt_iff_toNat_lt.mp h1)) β
          obtain ⟨c, hcw⟩ := hpw' _ (List.getElem_mem hr3)
          left
          rw [Slice.index_eq _ _ hr1, ok_bind, hfp, ok_bind, hy, Slice.index_eq _ _ hr2, ok_bind,
            Slice.index_eq _ _ hr3, ok_bind, hcw, List.getElem_map, mul_base_spec, ok_bind,
            mul_spec, ok_bind, add_spec, ok_bind, hs1, ok_bind]
          exact ⟨_, rfl, e1, _, rfl⟩
        · right
          exact ⟨_, rfl, a, rfl⟩
      · exact ⟨0, rfl⟩
      · intro ⟨acc, r⟩ ⟨a, ha⟩
        dsimp only at ha ⊢
        subst ha
        rw [mul_spec, ok_bind, hsucc, ok_bind]
        exact ⟨_, rfl, Or.inl ⟨_, rfl, e, hpw'⟩⟩
    · right
      exact ⟨_, by rw [if_neg ht], trivial⟩
  · exact hpw
  · intro r _
    exact ⟨_, pure_ok _, trivial⟩

/-- **`check_fixed_tables` never panics**, on canonical tables, any claimed values, canonical β
and ζ and any height. -/
theorem check_fixed_tables_total (tables : List air.FixedTable)
    (htab : ∀ t ∈ tables, CanonTable t) (v : List field.extension.Ext) (β z : Ext4)
    (logN : UInt32) :
    ∃ r, protocol.logup.check_fixed_tables tables v (toExt β) (toExt z) logN = .ok r := by
  unfold protocol.logup.check_fixed_tables
  split
  · exact ⟨_, rfl⟩
  rename_i hlen
  have heq : Slice.len v = Slice.len tables := by
    by_cases h : Slice.len v = Slice.len tables
    · exact h
    · exact absurd h hlen
  obtain ⟨r, hr⟩ := fixed_tables_at_total tables htab β z logN
  rw [hr, ok_bind]
  cases r with
  | error e => exact ⟨_, rfl⟩
  | ok ex =>
  simp only [pure_ok, ok_bind]
  apply loop_count_total_bind' _ _ _ _ (fun x => x) (fun _ => rfl)
  · intro k
    dsimp only
    split
    · rename_i hc
      simp only [Bool.and_eq_true, decide_eq_true_eq] at hc
      have hv : k < Slice.len v := by rw [heq]; exact hc.1
      obtain ⟨hk1, hsucc, e⟩ := lt_len_succ ex k hc.2
      obtain ⟨hk2, -, -⟩ := lt_len_succ v k hv
      rw [Slice.index_eq _ _ hk1, ok_bind, Slice.index_eq _ _ hk2, ok_bind]
      split
      · exact ⟨_, rfl, fun s' h => by cases h⟩
      · rw [hsucc, ok_bind]
        exact ⟨_, rfl, fun s' h => by cases h; exact e⟩
    · exact ⟨_, rfl, fun s' h => by cases h⟩
  · intro r
    cases r with
    | ret x => exact ⟨_, rfl⟩
    | brk x => exact ⟨_, rfl⟩

/-- **`ext_columns_from_base` never panics** on canonical extension elements (fewer than
`2^64`), whatever their count. -/
theorem ext_columns_from_base_total (vs : List Ext4) (hl : vs.length < 2 ^ 64) :
    ∃ r, protocol.logup.ext_columns_from_base (vs.map toExt) = .ok r := by
  by_cases h4 : vs.length % 4 = 0
  · exact ⟨_, Zkvm.Refinement.protocol.logup.ext_columns_from_base_spec vs (vs.length / 4)
      (by omega) hl⟩
  · have hn := Slice.len_toNat (vs.map toExt) (by simpa using hl)
    simp only [List.length_map] at hn
    unfold protocol.logup.ext_columns_from_base
    have hdiv : (Slice.len (vs.map toExt) / 4).toNat = vs.length / 4 := by
      rw [UInt64.toNat_div, hn]; simp
    rw [Usize.div_eq _ 4 (by decide), ok_bind,
      Usize.mul_eq _ 4 (by rw [hdiv]; simp; omega), ok_bind]
    rw [if_pos (by
      intro hh
      have := congrArg UInt64.toNat hh
      rw [UInt64.toNat_mul, hdiv, hn] at this
      simp at this
      omega)]
    exact ⟨_, rfl⟩

/-! ## The fixed tables `all_fixed_tables` returns are canonical -/

/-- **`fixed::is_canonical` accepts only canonical tables**; it never panics. -/
theorem is_canonical_spec (table : air.FixedTable) :
    ∃ b, air.rv32im.fixed.is_canonical table = .ok b ∧ (b = true → CanonTable table) := by
  unfold air.rv32im.fixed.is_canonical
  apply loop_count_bind_R _ _ (0 : Usize) _ _ (fun x => x) (fun _ => rfl)
    (fun (i : Usize) => ∀ i' (hi : i' < table.rows.length), i' < i.toNat →
      CanonRow table.rows[i'])
    (fun (r : Exit Usize Bool) => match r with
      | .ret b => b = false
      | .brk _ => CanonTable table)
  · intro i hP
    dsimp only
    by_cases hc : i < Slice.len table.rows
    · obtain ⟨hi, hsucc, e⟩ := lt_len_succ table.rows i hc
      rw [if_pos hc]
      apply step_of_ex
      apply loop_count_bind_R _ _ (0 : Usize) _ _ (fun x => x) (fun _ => rfl)
        (fun (j : Usize) => ∀ j' (hj : j' < table.rows[i.toNat].length), j' < j.toNat →
          table.rows[i.toNat][j'].toNat < Zkvm.Field.P)
        (fun (r : Exit Usize Bool) => match r with
          | .ret b => b = false
          | .brk _ => CanonRow table.rows[i.toNat])
      · intro j hQ
        dsimp only
        rw [Slice.index_eq _ _ hi, ok_bind]
        by_cases hcj : j < Slice.len table.rows[i.toNat]
        · obtain ⟨hj, hsuccj, ej⟩ := lt_len_succ _ j hcj
          rw [if_pos hcj, ok_bind, Slice.index_eq _ _ hj, ok_bind]
          simp only [field.is_canonical, pure_ok, ok_bind]
          by_cases hlt : table.rows[i.toNat][j.toNat] < field.P
          · have hlt' : table.rows[i.toNat][j.toNat].toNat < Zkvm.Field.P := by
              have := UInt32.lt_iff_toNat_lt.mp hlt
              rw [Zkvm.Refinement.field.P_toNat] at this
              exact this
            left
            rw [if_neg (by simp [hlt]), hsuccj, ok_bind]
            refine ⟨_, rfl, ej, fun j' hj' hj'' => ?_⟩
            rcases Nat.lt_or_ge j' j.toNat with h | h
            · exact hQ j' hj' h
            · have : j' = j.toNat := by omega
              subst this
              exact hlt'
          · right
            rw [if_pos (by simp [hlt])]
            exact ⟨_, pure_ok _, rfl⟩
        · right
          rw [if_neg hcj]
          refine ⟨_, pure_ok _, ?_⟩
          show CanonRow table.rows[i.toNat]
          intro j' hj' hj''
          have : ¬ j.toNat < (Slice.len table.rows[i.toNat]).toNat :=
            fun h => hcj (UInt64.lt_iff_toNat_lt.mpr h)
          exact hQ j' hj' (by omega)
      · intro j' _ h
        simp at h
      · intro r hr
        cases r with
        | ret b =>
          exact ⟨_, rfl, Or.inr ⟨_, rfl, hr⟩⟩
        | brk j =>
          dsimp only
          rw [hsucc, ok_bind]
          refine ⟨_, pure_ok _, Or.inl ⟨_, rfl, e, fun i' hi' hi'' => ?_⟩⟩
          rcases Nat.lt_or_ge i' i.toNat with h | h
          · exact hP i' hi' h
          · have : i' = i.toNat := by omega
            subst this
            exact hr
    · right
      rw [if_neg hc]
      refine ⟨_, pure_ok _, ?_⟩
      show CanonTable table
      intro i' hi' hi''
      have : ¬ i.toNat < (Slice.len table.rows).toNat :=
        fun h => hc (UInt64.lt_iff_toNat_lt.mpr h)
      exact hP i' hi' (by omega)
  · intro i' _ h
    simp at h
  · intro r hr
    cases r with
    | ret b =>
      refine ⟨b, rfl, fun hb => ?_⟩
      dsimp only at hr
      rw [hr] at hb
      cases hb
    | brk i =>
      exact ⟨true, pure_ok _, fun _ => hr⟩

/-- The fixed tables `air::fixed_tables` returns are canonical (it checks them). -/
theorem air_fixed_tables_canon (vk : protocol.vk.VerifyingKey) (index : Usize)
    (f : List air.FixedTable) (h : air.fixed_tables vk index = .ok (.ok f)) :
    ∀ t ∈ f, CanonTable t := by
  obtain ⟨a, params⟩ := vk
  cases a with
  | Rv32imV2 prog =>
    unfold air.fixed_tables at h
    simp only [air.tables, pure_ok, ok_bind] at h
    split at h
    · cases h
    · obtain ⟨id, -, h⟩ := Outcome.bind_eq_ok.mp h
      split at h
      · obtain ⟨tb, -, h⟩ := Outcome.bind_eq_ok.mp h
        obtain ⟨c, hc, h⟩ := Outcome.bind_eq_ok.mp h
        obtain ⟨c', hc', hcan⟩ := is_canonical_spec tb
        rw [hc'] at hc
        injection hc with hc
        subst hc
        split at h
        · cases h
        · rename_i hcb
          have hcb' : c' = true := by simpa using hcb
          try simp only [pure_ok] at h
          cases h
          intro t ht
          simp only [List.mem_singleton] at ht
          subst ht
          exact hcan hcb'
      · try simp only [pure_ok] at h
        cases h
        intro t ht
        simp at ht

/-- The fixed tables `checked_fixed_tables` returns are canonical. -/
theorem checked_fixed_tables_canon (vk : protocol.vk.VerifyingKey) (index : Usize)
    (shape : air.TableShape) (logHeight : UInt32) (f : List air.FixedTable)
    (h : protocol.stark.checked_fixed_tables vk index shape logHeight = .ok (.ok f)) :
    ∀ t ∈ f, CanonTable t := by
  unfold protocol.stark.checked_fixed_tables at h
  obtain ⟨r, hr, h⟩ := Outcome.bind_eq_ok.mp h
  cases r with
  | error e => cases h
  | ok tb =>
    simp only [pure_ok, ok_bind] at h
    split at h
    · cases h
    · obtain ⟨c, -, h⟩ := Outcome.bind_eq_ok.mp h
      cases c with
      | error e => cases h
      | ok u =>
        cases h
        exact air_fixed_tables_canon vk index f hr

/-- **The fixed tables `all_fixed_tables` returns are canonical**, for a program whose ops are
below 2^32 − 64 (as decoded ops are). -/
theorem all_fixed_tables_canon (vk : protocol.vk.VerifyingKey) (shapes : List air.TableShape)
    (dims : protocol.stark.ProofDimensions)
    (hops : ∀ prog, vk.air = .Rv32imV2 prog → ∀ r ∈ prog.rows, r.op.toNat + 64 < 2 ^ 32)
    (f : List (List air.FixedTable))
    (h : protocol.stark.all_fixed_tables vk shapes dims = .ok (.ok f)) :
    ∀ fs ∈ f, ∀ t ∈ fs, CanonTable t := by
  have key : ∃ b, protocol.stark.all_fixed_tables vk shapes dims = .ok b ∧
      ∀ f, b = .ok f → ∀ fs ∈ f, ∀ t ∈ fs, CanonTable t := by
    unfold protocol.stark.all_fixed_tables
    apply loop_count_bind_R _ _ _ _ _ (fun (x : List (List air.FixedTable) × Usize) => x.2)
      (fun _ => rfl)
      (fun (x : List (List air.FixedTable) × Usize) => ∀ fs ∈ x.1, ∀ t ∈ fs, CanonTable t)
      (fun (r : Exit (List (List air.FixedTable) × Usize)
          (Except error.VerifyError (List (List air.FixedTable)))) => match r with
        | .ret v => ∀ f, v = .ok f → ∀ fs ∈ f, ∀ t ∈ fs, CanonTable t
        | .brk x => ∀ fs ∈ x.1, ∀ t ∈ fs, CanonTable t)
    · intro ⟨out, t⟩ hP
      dsimp only at hP ⊢
      split
      · rename_i hc
        simp only [Bool.and_eq_true, decide_eq_true_eq] at hc
        obtain ⟨h1, hsucc, e⟩ := lt_len_succ shapes t hc.1
        obtain ⟨h2, -, -⟩ := lt_len_succ dims.tables t hc.2
        rw [Slice.index_eq _ _ h1, ok_bind]
        split
        · simp only [hsucc, ok_bind, pure_ok]
          left
          refine ⟨_, rfl, e, fun fs hfs => ?_⟩
          rcases List.mem_append.mp hfs with h' | h'
          · exact hP fs h'
          · simp only [List.mem_singleton] at h'
            subst h'
            intro t ht
            simp at ht
        · rw [ok_bind, Slice.index_eq _ _ h2, ok_bind]
          obtain ⟨r, hr⟩ := Zkvm.Refinement.protocol.stark.checked_fixed_tables_total vk t
            shapes[t.toNat] dims.tables[t.toNat].log_height hops
          rw [hr, ok_bind]
          cases r with
          | error e' =>
            right
            exact ⟨_, rfl, fun f hf => by cases hf⟩
          | ok fl =>
            simp only [hsucc, ok_bind, pure_ok]
            left
            refine ⟨_, rfl, e, fun fs hfs => ?_⟩
            rcases List.mem_append.mp hfs with h' | h'
            · exact hP fs h'
            · simp only [List.mem_singleton] at h'
              subst h'
              exact checked_fixed_tables_canon vk t _ _ _ hr
      · right
        exact ⟨_, rfl, hP⟩
    · intro fs hfs
      simp [Slice.withCapacity] at hfs
    · intro r hr
      cases r with
      | ret v => exact ⟨_, rfl, hr⟩
      | brk x =>
        refine ⟨_, rfl, fun f hf => ?_⟩
        cases hf
        exact hr
  obtain ⟨b, hb, hR⟩ := key
  rw [hb] at h
  cases h
  exact hR f rfl

/-! ## `check_fixed_at_zeta` -/

/-- **`check_fixed_at_zeta` never panics**, for a proof whose openings are the images of typed
values (`os`, each auxiliary row shorter than `2^64`), challenges whose β and ζ are canonical
(`β`, `z`) and canonical fixed tables (as `all_fixed_tables` returns them). ζ may lie on the
trace subgroup: the verifier then rejects with `DegenerateChallenge`. -/
theorem check_fixed_at_zeta_total (proof : protocol.proof.Proof) (os : List OodSpec)
    (hop : proof.openings = os.map toOpenings) (hos : ∀ o ∈ os, o.auxLocal.length < 2 ^ 64)
    (dims : protocol.stark.ProofDimensions) (ch : protocol.stark.Challenges) (β z : Ext4)
    (hβ : ch.lookup.beta = toExt β) (hz : ch.zeta = toExt z)
    (shapes : List air.TableShape) (fixed : List (List air.FixedTable))
    (hfix : ∀ fs ∈ fixed, ∀ t ∈ fs, CanonTable t) :
    ∃ r, protocol.stark.check_fixed_at_zeta proof dims ch shapes fixed = .ok r :=
  check_fixed_at_zeta_total_of proof dims ch shapes fixed
    (fun o ho => by
      rw [hop] at ho
      obtain ⟨o', ho', rfl⟩ := List.mem_map.mp ho
      exact ext_columns_from_base_total o'.auxLocal (hos o' ho'))
    (fun f hf v lh => by
      rw [hβ, hz]
      exact check_fixed_tables_total f (hfix f hf) v β z lh)

/-! ## `check_table_ood`: ζ anywhere, any constraint count -/

section TableOod

open Zkvm.Spec Zkvm.Air.Table
open Zkvm.Refinement.air.expr (locOf)
open Zkvm.Refinement.air.rv32im.cpu (selOf)
open Zkvm.Refinement.protocol.logup (toChallenges)
open Zkvm.Refinement.protocol.domain (toSelectors)

/-- **`fold_constraints` never panics** on canonical values and a canonical α, however many
values; its value is canonical. -/
theorem fold_constraints_total (values : List Ext4) (α : Ext4) :
    ∃ v, air.fold_constraints (values.map toExt) (toExt α) = .ok v ∧ ∃ y : Ext4, v = toExt y := by
  unfold air.fold_constraints
  rw [zero_eq]
  apply loop_count_bind_R _ _ _ _ _ (fun (s : field.extension.Ext × Usize) => s.2) (fun _ => rfl)
    (fun (s : field.extension.Ext × Usize) => ∃ a : Ext4, s.1 = toExt a)
    (fun (s : field.extension.Ext × Usize) => ∃ a : Ext4, s.1 = toExt a)
  · intro ⟨acc, i⟩ ⟨a, ha⟩
    dsimp only at ha ⊢
    subst ha
    by_cases hi : i < Slice.len (values.map toExt)
    · obtain ⟨hi', hsucc, e⟩ := lt_len_succ _ i hi
      left
      rw [if_pos hi, mul_spec, ok_bind, Slice.index_eq _ _ hi', ok_bind, List.getElem_map,
        add_spec, ok_bind, hsucc, ok_bind]
      exact ⟨_, rfl, e, _, rfl⟩
    · right
      exact ⟨(toExt a, i), by rw [if_neg hi, pure_ok], a, rfl⟩
  · exact ⟨0, rfl⟩
  · intro ⟨acc, i⟩ ⟨a, ha⟩
    exact ⟨_, pure_ok _, a, ha⟩

set_option maxHeartbeats 4000000 in
/-- **`check_table_ood` never panics**, for every table of machine version 2, on openings of the
shapes `check_table_ood_spec` takes (main rows of the table's width, auxiliary rows of its LogUp
width, `4 k` quotient coordinates, canonical extension elements) and 20 canonical public values,
with ζ anywhere and any constraint count: unlike `check_table_ood_spec` it needs no bound on the
height, no selectors at ζ (ζ on the trace subgroup, at 1 or at ω⁻¹ is rejected with
`DegenerateChallenge`) and no agreement of the dimensions' constraint count with the values
(a disagreement is rejected with `WrongProofShape`). -/
theorem check_table_ood_total (t : air.TableId) (zk : Bool) (rL rN : Nat → Ext4)
    (pubs : List BabyBear) (hp : pubs.length = 20) (aLb aNb qs : List Ext4)
    (ζ α χ β χl σ : Ext4) (γ : List UInt32) (betas : List (List UInt32)) (idx : List UInt64)
    (dims : protocol.stark.TableDims)
    (haL : aLb.length = 4 * auxExtWidth t zk) (haN : aNb.length = 4 * auxExtWidth t zk)
    (hq : qs.length = 4 * dims.num_quotient_chunks.toNat) (hql : qs.length < 2 ^ 64) :
    ∃ r, protocol.stark.check_table_ood t (pubs.map toU32)
        ⟨locOf (Zkvm.Refinement.air.specWidth t + zkCols zk) rL,
          locOf (Zkvm.Refinement.air.specWidth t + zkCols zk) rN,
          aLb.map toExt, aNb.map toExt, qs.map toExt⟩
        dims ⟨toChallenges χ β χl, toExt α, toExt ζ, γ, betas, idx⟩ (toExt σ) zk = .ok r := by
  have hE : auxExtWidth t zk ≤ 16 := by
    unfold auxExtWidth specFixed; cases t <;> cases zk <;> decide
  unfold protocol.stark.check_table_ood
  rw [Zkvm.Refinement.protocol.domain.selectors_at_spec]
  rcases Nat.lt_or_ge 27 dims.log_height.toNat with h27 | h27
  · rw [if_neg (by omega)]
    exact ⟨_, rfl⟩
  rw [if_pos h27]
  cases hsel : selectorsAt ζ dims.log_height.toNat with
  | none => exact ⟨_, rfl⟩
  | some sel =>
  simp only [pure_ok, ok_bind]
  rw [Zkvm.Refinement.protocol.logup.ext_columns_from_base_spec aLb _ haL (by omega),
    Zkvm.Refinement.protocol.logup.ext_columns_from_base_spec aNb _ haN (by omega)]
  simp only [ok_bind]
  have hs : toSelectors sel =
      selOf (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel) := rfl
  have hac := all_constraints_at_spec t zk (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel)
    pubs hp rfl (chunksFromBase aLb (auxExtWidth t zk)) (chunksFromBase aNb (auxExtWidth t zk))
    χ β χl σ (by rw [length_chunksFromBase]; rfl)
    (by rw [length_chunksFromBase, length_chunksFromBase])
  have p1 : (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel).cur = rL := rfl
  have p2 : (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel).next = rN := rfl
  have p3 : (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel).isFirst = sel.isFirstRow := rfl
  have p4 : (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel).isLast = sel.isLastRow := rfl
  have p5 : (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel).isTransition =
    sel.isTransition := rfl
  rw [p1, p2, p3, p4, p5] at hac
  rw [hs, hac]
  simp only [ok_bind]
  rw [← List.map_append]
  have hv : Zkvm.Refinement.air.specConstraints t
        (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel) ++
      logupRow (specFixed t)
        (specPairs t rL ((List.take (specFixed t) (chunksFromBase aLb (auxExtWidth t zk))).getD 0 0)
            χ β χl ++ zkPairs zk rL (Zkvm.Refinement.air.specWidth t) χ β)
        (chunksFromBase aLb (auxExtWidth t zk)) (chunksFromBase aNb (auxExtWidth t zk))
        sel.isFirstRow sel.isLastRow sel.isTransition σ =
      oodValues t zk rL rN (fun i => ofBase (pubs.getD i 0)) sel
        (chunksFromBase aLb (auxExtWidth t zk)) (chunksFromBase aNb (auxExtWidth t zk)) χ β χl σ :=
    rfl
  rw [hv]
  split
  · exact ⟨_, rfl⟩
  obtain ⟨fv, hfv, y, hy⟩ := fold_constraints_total (oodValues t zk rL rN
    (fun i => ofBase (pubs.getD i 0)) sel (chunksFromBase aLb (auxExtWidth t zk))
    (chunksFromBase aNb (auxExtWidth t zk)) χ β χl σ) α
  rw [hfv, ok_bind, hy, quotient_at_zeta_spec qs ζ _ _ hq hql, ok_bind]
  simp only []
  rw [Zkvm.Refinement.protocol.domain.vanishing_at_spec, ok_bind, mul_spec, ok_bind]
  split
  · exact ⟨_, rfl⟩
  · exact ⟨_, rfl⟩

end TableOod

/-! ## `verify_segments` -/

/-- **`verify_segments` never panics**, on the hypotheses of
`verify_segments_never_panics_of_msgs` without the one on `check_fixed_at_zeta`: that stage is
proved never to panic at the arguments `verify_segments` passes it (`check_fixed_at_zeta_total`:
the openings are the images of typed values by `SegmentMsgs`, β and ζ canonical by
`derive_challenges_spec`, the fixed tables canonical by `all_fixed_tables_canon`). The freedom
from panics of `check_table_ood` and `check_queries` at the arguments `verify_segments` passes
them stays a hypothesis. -/
theorem verify_segments_never_panics_of_fixed (H : List UInt8 → Zkvm.Commit.Digest)
    (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement)
    (st : protocol.statement.Statement) (hdrs : List Zkvm.Spec.SegmentHeader)
    (segs : List protocol.proof.Proof) (cs : List (List Zkvm.Field.Ext4))
    (hsegs : segs.length < 2 ^ 32)
    (hfit : ∀ p ∈ segs, ProofFits p)
    (hmsgs : ∀ p ∈ segs, ∃ pf os, SegmentMsgs p pf os)
    (hvals : ∀ p ∈ segs, p.segment_values.length < 2 ^ 64)
    (hlh : ∀ p ∈ segs, p.log_heights.length < 2 ^ 64)
    (hops : ∀ prog, vk.air = .Rv32imV2 prog → ∀ r ∈ prog.rows, r.op.toNat + 64 < 2 ^ 32)
    (hpow : vk.params.pow_bits.toNat < 64)
    (hvk : protocol.vk.vk_digest (commit.merkle.bytesOf H) vk = .ok stS.vkDigest.bytes)
    (hpv : st.public_values = stS.publicValues.map Zkvm.Refinement.field.toU32)
    (hin : st.input = stS.input) (hout : st.output = stS.output)
    (hpl : stS.publicValues.length < 2 ^ 30) (hil : stS.input.length < 2013265921)
    (hol : stS.output.length < 2013265921)
    (hlen : segs.length = hdrs.length)
    (hseg : ∀ i (h : i < segs.length), segs[i].segment_values = (hdrs[i]'(by omega)).values ∧
      segs[i].log_heights = (hdrs[i]'(by omega)).logHeights ∧
      segs[i].main_commitment = (hdrs[i]'(by omega)).mainCap.map Zkvm.Commit.Digest.bytes)
    (hb : ∀ h ∈ hdrs, h.values.length < 2 ^ 30 ∧ h.logHeights.length < 2 ^ 30 ∧
      h.mainCap.length < 2 ^ 27)
    (hcs : segs.map (·.claimed_sums) = cs.map (·.map field.extension.toExt))
    (hood : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript (commit.merkle.bytesOf H) vk st segs =
        .ok (sh, pt, b) →
      ∀ ch, protocol.stark.derive_challenges (commit.merkle.bytesOf H) vk sh pt b
        (UInt64.toUInt32 s) p d = .ok (.ok ch) →
      ∀ pv, air.segment_public_values vk.air st (segs.map (·.segment_values)) s = .ok (.ok pv) →
      ∀ ids, air.tables vk.air = .ok ids →
      ∀ (t : Nat) id o td c, ids[t]? = some id → p.openings[t]? = some o →
      d.tables[t]? = some td → p.claimed_sums[t]? = some c →
      ∃ r, protocol.stark.check_table_ood id pv o td ch c vk.params.zk = .ok r)
    (hq : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript (commit.merkle.bytesOf H) vk st segs =
        .ok (sh, pt, b) →
      ∀ ch, protocol.stark.derive_challenges (commit.merkle.bytesOf H) vk sh pt b
        (UInt64.toUInt32 s) p d = .ok (.ok ch) →
      ∃ r, protocol.stark.check_queries (commit.merkle.bytesOf H) p d ch = .ok r) :
    ∃ r, protocol.stark.verify_segments (commit.merkle.bytesOf H) vk st segs = .ok r := by
  have hsh := shared_transcript_spec H vk stS st hdrs segs hvk hpv hin hout hpl (by omega)
    (by omega) hlen (by omega) hseg hb
  apply verify_segments_never_panics_of_msgs H vk stS st hdrs segs cs hsegs hfit hmsgs hvals
    hlh hops hpow hvk hpv hin hout hpl hil hol hlen hseg hb hcs _ hood hq
  intro shapes hshapes s p d hp hpd _ sh pt b hst f hf ch hch
  rw [hsh] at hst
  cases hst
  have hlt : s.toNat < segs.length := (List.getElem?_eq_some_iff.mp hp).1
  have hmem : p ∈ segs := List.mem_of_getElem? hp
  obtain ⟨pf, os, hm⟩ := hmsgs p hmem
  have hd := hpd
  obtain ⟨shapes', hs', hpd'⟩ :=
    proof_dimensions_of_table_shapes vk.air vk.params p.log_heights (hlh p hmem)
  rw [hshapes] at hs'
  cases hs'
  rw [hpd'] at hd
  injection hd with hd
  obtain ⟨h27, -, h64⟩ := Zkvm.Spec.proofDims_log_lde _ _ _ _ hd
  rw [toUInt32_toNat_eq s] at hch
  rw [derive_challenges_spec H
    ⟨1, vk.params.num_queries.toNat, d.log_max_lde.toNat, vk.params.pow_bits.toNat, true⟩
    stS hdrs s.toNat { pf with oodValues := oodLists os (d.tables.map (·.has_aux)) } os vk _ _
    p d (by omega) hm.aux_commitment hm.claimed_sums hm.quotient_commitment
    (proof_dimensions_any_aux vk.air vk.params shapes hshapes _ (hlh p hmem) d hpd) hm.openings
    (by omega) hm.openings_len hm.aux_len
    hm.quotient_len hm.sums_len hm.ood_len rfl hm.fri_commitments hm.final_poly hm.pow_nonce
    rfl rfl rfl rfl rfl (by omega) hpow hm.fri_len hm.fri_rounds hm.final_len] at hch
  split at hch
  · injection hch with hch
    injection hch with hch
    subst hch
    exact check_fixed_at_zeta_total p os hm.openings
      (fun o ho => by have := (hm.ood_len o ho).2.2.1; omega) d _ _ _ rfl rfl shapes f
      (all_fixed_tables_canon vk shapes d hops f hf)
  · cases hch

end Zkvm.Refinement.protocol.stark

end
