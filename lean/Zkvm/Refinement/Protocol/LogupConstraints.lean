module

public import Zkvm.Refinement.Protocol.Logup

/-!
# The extracted `logup_constraints` computes `Zkvm.Spec.logupRow`

On auxiliary rows of the table's width (`K` fixed-fingerprint columns, `P = ⌈F/2⌉` pair columns
and `φ`) and `F` fractions, `logup_constraints` returns the row's LogUp constraints in the
normative order, and never panics; `aux_ext_width` and `num_pair_columns` are the widths.
-/

@[expose] public section

namespace Zkvm.Refinement.protocol.logup

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Stark (fp sumF chunk2 pairConstraint)
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.field.extension (toExt add_spec sub_spec mul_spec zero_eq)

/-- `num_pair_columns` is `⌈F/2⌉`; it never panics. -/
theorem num_pair_columns_spec (F : Usize) :
    protocol.logup.num_pair_columns F = .ok (F / 2 + F % 2) ∧
      (F / 2 + F % 2).toNat = (F.toNat + 1) / 2 := by
  have h1 : (F / 2).toNat = F.toNat / 2 := by simp [UInt64.toNat_div]
  have h2 : (F % 2).toNat = F.toNat % 2 := by simp [UInt64.toNat_mod]
  have hF := UInt64.toNat_lt F
  refine ⟨?_, ?_⟩
  · unfold protocol.logup.num_pair_columns
    rw [Usize.div_eq F 2 (by decide), ok_bind, Usize.rem_eq F 2 (by decide), ok_bind,
      Usize.add_eq _ _ (by rw [h1, h2]; omega)]
  · simp only [UInt64.toNat_add, h1, h2]; omega

/-- `aux_ext_width` is `K + ⌈F/2⌉ + 1` for a table with an auxiliary phase; it never panics. -/
theorem aux_ext_width_spec (shape : air.TableShape)
    (haux : 0 < shape.num_fractions.toNat ∨ 0 < shape.num_fixed_tables.toNat)
    (h64 : shape.num_fixed_tables.toNat + (shape.num_fractions.toNat + 1) / 2 + 1 < 2 ^ 64) :
    ∃ W : Usize, protocol.logup.aux_ext_width shape = .ok W ∧
      W.toNat = shape.num_fixed_tables.toNat + (shape.num_fractions.toNat + 1) / 2 + 1 := by
  obtain ⟨hp, hpn⟩ := num_pair_columns_spec shape.num_fractions
  have hb : (decide (shape.num_fractions > 0) || decide (shape.num_fixed_tables > 0)) = true := by
    rcases haux with h | h
    · have : shape.num_fractions > 0 := UInt64.lt_iff_toNat_lt.mpr (by simpa using h)
      simp [this]
    · have : shape.num_fixed_tables > 0 := UInt64.lt_iff_toNat_lt.mpr (by simpa using h)
      simp [this]
  refine ⟨shape.num_fixed_tables + (shape.num_fractions / 2 + shape.num_fractions % 2) + 1, ?_, ?_⟩
  · unfold protocol.logup.aux_ext_width protocol.logup.has_aux
    rw [pure_ok, ok_bind, hb]
    simp only [Bool.not_true, Bool.false_eq_true, if_false]
    rw [hp, ok_bind, Usize.add_eq _ _ (by rw [hpn]; omega), ok_bind,
      Usize.add_eq _ _ (by simp only [UInt64.toNat_add, hpn]; simp; omega)]
  · simp only [UInt64.toNat_add, hpn]; simp; omega

theorem take_succ_drop (l : List Ext4) (K j : Nat) (h : K + j < l.length) :
    (l.drop K).take (j + 1) = (l.drop K).take j ++ [l[K + j]] := by
  rw [List.take_add_one, List.getElem?_drop, List.getElem?_eq_getElem h]; rfl

/-- `logup_constraints` is the row's LogUp constraints `logupRow` on auxiliary rows of the
table's width and the table's number of fractions; it never panics. -/
theorem logup_constraints_spec (shape : air.TableShape) (ds : List (Ext4 × Ext4))
    (aL aN : List Ext4) (f l t σ : Ext4)
    (hF : ds.length = shape.num_fractions.toNat)
    (haux : 0 < shape.num_fractions.toNat ∨ 0 < shape.num_fixed_tables.toNat)
    (hL : aL.length = shape.num_fixed_tables.toNat + (shape.num_fractions.toNat + 1) / 2 + 1)
    (hN : aN.length = aL.length) (h64 : aL.length < 2 ^ 64) :
    protocol.logup.logup_constraints shape (ds.map toFraction) (aL.map toExt) (aN.map toExt)
        { is_first_row := toExt f, is_last_row := toExt l, is_transition := toExt t } (toExt σ) =
      .ok (.ok ((logupRow shape.num_fixed_tables.toNat ds aL aN f l t σ).map toExt)) := by
  obtain ⟨W, hW, hWn⟩ := aux_ext_width_spec shape haux (by omega)
  obtain ⟨hp, hpn⟩ := num_pair_columns_spec shape.num_fractions
  generalize hK : shape.num_fixed_tables = K at *
  generalize hFu : shape.num_fractions = Fu at *
  generalize hPu : Fu / 2 + Fu % 2 = Pu at *
  have hFu64 := UInt64.toNat_lt Fu
  have hK64 := UInt64.toNat_lt K
  have hlenL := Slice.len_toNat (aL.map toExt) (by simpa using h64)
  have hlenN := Slice.len_toNat (aN.map toExt) (by simp; omega)
  have hlenF := Slice.len_toNat (ds.map toFraction) (by simp; omega)
  simp only [List.length_map] at hlenL hlenN hlenF
  have hc : (decide (Slice.len (aL.map toExt) ≠ W) || decide (Slice.len (aN.map toExt) ≠ W) ||
      decide (W = 0)) = false := by
    have e1 : Slice.len (aL.map toExt) = W := UInt64.toNat_inj.mp (by rw [hlenL, hWn, hL])
    have e2 : Slice.len (aN.map toExt) = W := UInt64.toNat_inj.mp (by rw [hlenN, hWn, hN, hL])
    have e3 : W ≠ 0 := fun h => by subst h; simp at hWn
    simp [e1, e2, e3]
  have hfr : Slice.len (ds.map toFraction) = Fu := UInt64.toNat_inj.mp (by rw [hlenF, hF])
  unfold protocol.logup.logup_constraints
  rw [hW, ok_bind, hc]
  simp only [Bool.false_eq_true, if_false]
  rw [hK, hFu]
  simp only [hfr, ne_eq, not_true_eq_false, if_false]
  rw [hp, ok_bind, Usize.add_eq Pu 3 (by simp; omega), ok_bind, zero_eq]
  -- the pair loop
  have hP : Pu.toNat = (ds.length + 1) / 2 := by rw [hpn, hF]
  have hPL : K.toNat + Pu.toNat + 1 = aL.length := by rw [hL, hpn]
  let pc : Nat → Ext4 := fun j => pairConstraint (aL.getD (K.toNat + j) 0) ((chunk2 ds).getD j [])
  apply loop_bind_ok
    (P := fun s => s.2.2.toNat ≤ Pu.toNat ∧
      s.1 = ((List.range s.2.2.toNat).map pc).map toExt ∧
      s.2.1 = toExt (sumF ((aL.drop K.toNat).take s.2.2.toNat)))
    (Q := fun s => s.1 = ((List.range Pu.toNat).map pc).map toExt ∧
      s.2.1 = toExt (sumF ((aL.drop K.toNat).take Pu.toNat)))
  · intro ⟨out, rs, j⟩ ⟨hj, hout, hrs⟩
    simp only at hj hout hrs
    subst hout hrs
    by_cases hlt : j < Pu
    · have hlt' : j.toNat < Pu.toNat := UInt64.lt_iff_toNat_lt.mp hlt
      have e : (j + 1).toNat = j.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hKj : (K + j).toNat = K.toNat + j.toNat := by simp only [UInt64.toNat_add]; omega
      have h2j : (2 * j).toNat = 2 * j.toNat := by simp only [UInt64.toNat_mul]; simp; omega
      have h2j1 : (2 * j + 1).toNat = 2 * j.toNat + 1 := by
        simp only [UInt64.toNat_add, h2j]; simp; omega
      have hKjL : K.toNat + j.toNat < aL.length := by omega
      have h2jF : 2 * j.toNat < ds.length := by omega
      have hh : Slice.index (aL.map toExt) (K + j) = .ok (toExt aL[K.toNat + j.toNat]) := by
        rw [Slice.index_eq _ _ (by rw [hKj]; simpa using hKjL)]; simp [hKj]
      have ha : Slice.index (ds.map toFraction) (2 * j) = .ok (toFraction ds[2 * j.toNat]) := by
        rw [Slice.index_eq _ _ (by rw [h2j]; simpa using h2jF)]; simp [h2j]
      have hpc : pc j.toNat = pairConstraint aL[K.toNat + j.toNat]
          (if h' : 2 * j.toNat + 1 < ds.length then [ds[2 * j.toNat], ds[2 * j.toNat + 1]]
            else [ds[2 * j.toNat]]) := by
        simp only [pc, getD_of_lt _ _ _ hKjL, getD_chunk2 ds j.toNat h2jF]
      left
      refine ⟨(((List.range (j.toNat + 1)).map pc).map toExt,
        toExt (sumF ((aL.drop K.toNat).take (j.toNat + 1))), j + 1), ?_, ?_, ?_⟩
      · dsimp only
        rw [if_pos hlt, Usize.add_eq K j (by omega), ok_bind, hh, ok_bind,
          Usize.mul_eq 2 j (by simp; omega), ok_bind, ha, ok_bind, ok_bind,
          Usize.add_eq (2 * j) 1 (by rw [h2j]; simp; omega), ok_bind]
        rw [List.range_succ, List.map_append, List.map_append, take_succ_drop aL _ _ hKjL,
          sumF_append_single]
        simp only [List.map_cons, List.map_nil, hpc]
        by_cases h2 : 2 * j + 1 < Fu
        · have h2' : 2 * j.toNat + 1 < ds.length := by
            rw [UInt64.lt_iff_toNat_lt, h2j1] at h2; omega
          have hb : Slice.index (ds.map toFraction) (2 * j + 1) =
              .ok (toFraction ds[2 * j.toNat + 1]) := by
            rw [Slice.index_eq _ _ (by rw [h2j1]; simpa using h2')]; simp [h2j1]
          rw [if_pos h2]
          simp only [ok_bind, Usize.add_eq (2 * j) 1 (by rw [h2j]; simp; omega), hb]
          simp only [toFraction, mul_spec, add_spec, sub_spec, ok_bind, pure_ok, Slice.push,
            Usize.add_eq j 1 (by simp; omega), dif_pos h2', pairConstraint]
        · have h2' : ¬ 2 * j.toNat + 1 < ds.length := by
            intro hh'; apply h2; rw [UInt64.lt_iff_toNat_lt, h2j1]; omega
          rw [if_neg h2]
          simp only [toFraction, mul_spec, add_spec, sub_spec, ok_bind, pure_ok, Slice.push,
            Usize.add_eq j 1 (by simp; omega), dif_neg h2', pairConstraint]
      · show 2 ^ 64 - (j + 1).toNat < 2 ^ 64 - j.toNat
        rw [e]; have := UInt64.toNat_lt j; omega
      · exact ⟨by rw [e]; omega, by rw [e], by rw [e]⟩
    · right
      refine ⟨_, by dsimp only; rw [if_neg hlt, pure_ok], ?_⟩
      have e : j.toNat = Pu.toNat := by
        have : ¬ j.toNat < Pu.toNat := fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      simp [e]
  · exact ⟨by simp, by simp [Slice.withCapacity], by simp [sumF]⟩
  · intro ⟨out, rs, j⟩ ⟨hout, hrs⟩
    simp only at hout hrs
    subst hout hrs
    dsimp only
    have hKP : (K + Pu).toNat = K.toNat + Pu.toNat := by simp only [UInt64.toNat_add]; omega
    have hphi : Slice.index (aL.map toExt) (K + Pu) = .ok (toExt aL[K.toNat + Pu.toNat]) := by
      rw [Slice.index_eq _ _ (by rw [hKP]; simp; omega)]; simp [hKP]
    have hphin : Slice.index (aN.map toExt) (K + Pu) =
        .ok (toExt (aN[K.toNat + Pu.toNat]'(by omega))) := by
      rw [Slice.index_eq _ _ (by rw [hKP]; simp; omega)]; simp [hKP]
    rw [Usize.add_eq K Pu (by omega), ok_bind, hphi, ok_bind, ok_bind, hphin, ok_bind]
    simp only [mul_spec, sub_spec, add_spec, ok_bind, pure_ok, Slice.push, logupRow, List.map_append,
      List.map_cons, List.map_nil, ← hP, getD_of_lt _ _ _ (show K.toNat + Pu.toNat < aL.length by omega),
      getD_of_lt _ _ _ (show K.toNat + Pu.toNat < aN.length by omega), List.append_assoc,
      List.cons_append, List.nil_append]
    rfl

end Zkvm.Refinement.protocol.logup
