module

public import Zkvm.Spec.Queries
public import Zkvm.Refinement.Protocol.Stark.Dimensions
public import Zkvm.Refinement.Fri.Query
public import Zkvm.Refinement.Protocol.Stark.QueryRows

/-!
# The DEEP values of a query: the loops of `check_queries`

`crate::protocol::stark::check_queries` computes, at each query, one DEEP value per distinct
LDE height (`Zkvm.Spec.Queries`). Its loops, each proved to compute its spec and never panic:

* `deep_init_loop`: the values start at zero (`deepInit`);
* `add_term_loop`: a table's term is added at its height (`addAtHeight`);
* `mask_value_loop`: the masking row's value `Σ_e c_e·X^e` (`maskValue`);
* `zeta_next_loop`: `ζ·ω_n` for each table (`zetaNexts`), for tables of at most `2^27` rows.

The loops over all tables and over the masking terms are in `Stark.QueryTerms`.

Each lemma is stated for any loop measure and body given by equations (the body as the
extracted code writes it, with the enclosing function's variables as parameters), so that
`check_queries_spec` (`Stark.Queries`) rewrites with it and proves both equations by `rfl`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.field.extension (toExt add_spec mul_spec from_base_spec mul_by_basis_spec
  mul_base_spec zero_eq basis)
open Zkvm.Refinement.fri (toDeep)

/-! ## The DEEP values start at zero -/

/-- **The first loop of a query: one zero DEEP value per distinct LDE height.** -/
theorem deep_init_loop (heights : List UInt32) (hl : heights.length < 2 ^ 64)
    (measure : List fri.DeepValue × Usize → Nat) (hm : ∀ s, measure s = 2 ^ 64 - s.2.toNat)
    (body : List fri.DeepValue × Usize →
      Outcome (Step (List fri.DeepValue × Usize) (List fri.DeepValue × Usize)))
    (hb : ∀ deep_values h, body (deep_values, h) = (do
      let mut deep_values := deep_values
      let mut h := h
      if h < (Slice.len heights) then
        deep_values := (Slice.push deep_values
          { log_size := (← Slice.index heights h), value := field.extension.ZERO : fri.DeepValue })
        h ← Usize.add h 1
        return Step.cont (deep_values, h)
      else
        return Step.done (deep_values, h))) :
    loop measure body (Slice.withCapacity (Slice.len heights), 0) =
      .ok ((deepInit heights).map toDeep, Slice.len heights) := by
  apply loop_count_eq _ _ _ _ (fun s => s.2) hm
    (P := fun (s : List fri.DeepValue × Usize) => s.2.toNat ≤ heights.length ∧
      s.1 = (deepInit (heights.take s.2.toNat)).map toDeep)
  · intro ⟨dv, h⟩ ⟨h1, hinv⟩
    dsimp only at h1 hinv
    rw [hb]
    by_cases hc : h < Slice.len heights
    · have ht := (lt_len_iff h _ hl).mp hc
      obtain ⟨hsucc, e⟩ := succ_ok h _ ht hl
      left
      refine ⟨(dv ++ [toDeep (heights[h.toNat], 0)], h + 1), ?_, e, ?_, ?_⟩
      · simp only [if_pos hc, Slice.index_eq _ _ ht, ok_bind, hsucc, pure_ok, Slice.push, zero_eq]
        rfl
      · dsimp only; omega
      · dsimp only
        rw [e, hinv, List.take_add_one, List.getElem?_eq_getElem ht, Option.toList_some]
        simp only [deepInit, List.map_append, List.map_cons, List.map_nil]
    · right
      refine ⟨(dv, h), by simp only [if_neg hc, pure_ok], ?_⟩
      have : ¬ h.toNat < heights.length := fun hh => hc ((lt_len_iff h _ hl).mpr hh)
      have hk : h = Slice.len heights := UInt64.toNat_inj.mp (by
        rw [Slice.len_toNat _ hl]; omega)
      rw [List.take_of_length_le (by omega)] at hinv
      rw [hinv, hk]
  · exact ⟨by simp, by simp [Slice.withCapacity, deepInit]⟩

/-! ## A table's term, added at its height -/

/-- The DEEP values after updating the first `k` of them with `f`. -/
def updTo {α : Type} (f : α → α) (L : List α) (k : Nat) : List α :=
  (L.take k).map f ++ L.drop k

theorem updTo_length {α : Type} (f : α → α) (L : List α) (k : Nat) (hk : k ≤ L.length) :
    (updTo f L k).length = L.length := by
  simp [updTo]; omega

theorem updTo_getElem {α : Type} (f : α → α) (L : List α) (k : Nat) (hk : k < L.length) :
    (updTo f L k)[k]'(by rw [updTo_length f L k (by omega)]; exact hk) = L[k] := by
  simp only [updTo]
  rw [List.getElem_append_right (by simp; omega)]
  simp; congr 1; omega

theorem updTo_succ {α : Type} (f : α → α) (L : List α) (k : Nat) (hk : k < L.length) :
    updTo f L (k + 1) = (updTo f L k).set k (f L[k]) := by
  simp only [updTo]
  rw [List.set_append_right _ _ (by simp; omega)]
  simp only [List.length_map, List.length_take, Nat.min_eq_left (Nat.le_of_lt hk), Nat.sub_self]
  rw [List.drop_eq_getElem_cons hk, List.set_cons_zero, List.take_add_one,
    List.getElem?_eq_getElem hk, Option.toList_some, List.map_append, List.append_assoc]
  rfl

theorem updTo_full {α : Type} (f : α → α) (L : List α) (k : Nat) (hk : L.length ≤ k) :
    updTo f L k = L.map f := by
  simp [updTo, List.take_of_length_le hk, List.drop_eq_nil_of_le hk]

/-- The update of one value by a table's term. -/
def addStep (lde : UInt32) (term : Ext4) (d : UInt32 × Ext4) : UInt32 × Ext4 :=
  if d.1 = lde then (d.1, d.2 + term) else d

/-- **The loop adding a table's DEEP term to the value of its LDE height.** -/
theorem add_term_loop (L : List (UInt32 × Ext4)) (lde : UInt32) (term : Ext4)
    (hl : L.length < 2 ^ 64)
    (measure : List fri.DeepValue × Usize → Nat) (hm : ∀ s, measure s = 2 ^ 64 - s.2.toNat)
    (body : List fri.DeepValue × Usize →
      Outcome (Step (List fri.DeepValue × Usize) (List fri.DeepValue × Usize)))
    (hb : ∀ deep_values k, body (deep_values, k) = (do
      let mut deep_values := deep_values
      let mut k := k
      if k < (Slice.len deep_values) then
        if (← Slice.index deep_values k).log_size = lde then
          let t10' := (← field.extension.add ((← Slice.index deep_values k).value) (toExt term))
          deep_values ← Slice.update deep_values k { (← Slice.index deep_values k) with value := t10' }
        k ← Usize.add k 1
        return Step.cont (deep_values, k)
      else
        return Step.done (deep_values, k))) :
    loop measure body (L.map toDeep, 0) =
      .ok ((addAtHeight lde term L).map toDeep, Slice.len L) := by
  apply loop_count_eq _ _ _ _ (fun s => s.2) hm
    (P := fun (s : List fri.DeepValue × Usize) => s.2.toNat ≤ L.length ∧
      s.1 = (updTo (addStep lde term) L s.2.toNat).map toDeep)
  · intro ⟨dv, k⟩ ⟨h1, hinv⟩
    dsimp only at h1 hinv
    have hdl : dv.length = L.length := by rw [hinv, List.length_map, updTo_length _ _ _ h1]
    rw [hb]
    by_cases hc : k < Slice.len dv
    · have ht : k.toNat < L.length := by rw [← hdl]; exact (lt_len_iff k _ (by omega)).mp hc
      have htd : k.toNat < dv.length := by omega
      obtain ⟨hsucc, e⟩ := succ_ok k _ ht hl
      have hget : dv[k.toNat] = toDeep L[k.toNat] := by
        simp only [hinv, List.getElem_map, updTo_getElem _ _ _ ht]
      left
      refine ⟨((updTo (addStep lde term) L (k.toNat + 1)).map toDeep, k + 1), ?_, e, ?_, ?_⟩
      · simp only [if_pos hc, Slice.index_eq _ _ htd, ok_bind, hget]
        by_cases hlde : L[k.toNat].1 = lde
        · have hs : (toDeep L[k.toNat]).log_size = lde := hlde
          simp only [toDeep, add_spec, ok_bind, Slice.update_eq _ _ _ htd, hsucc, pure_ok]
          rw [updTo_succ _ _ _ ht, List.map_set, ← hinv]
          simp only [addStep, if_pos hlde, toDeep]
        · have hs : ¬ (toDeep L[k.toNat]).log_size = lde := hlde
          simp only [if_neg hs, pure_ok, ok_bind, hsucc]
          rw [updTo_succ _ _ _ ht, List.map_set, ← hinv]
          simp only [addStep, if_neg hlde, ← hget, List.set_getElem_self]
      · dsimp only; rw [e]; omega
      · dsimp only; rw [e]
    · right
      refine ⟨(dv, k), by simp only [if_neg hc, pure_ok], ?_⟩
      have : ¬ k.toNat < L.length := fun hh => hc ((lt_len_iff k _ (by omega)).mpr (by omega))
      have hk : k = Slice.len L := UInt64.toNat_inj.mp (by rw [Slice.len_toNat _ hl]; omega)
      rw [updTo_full _ _ _ (by omega)] at hinv
      rw [hinv, hk]; rfl
  · exact ⟨by simp, by simp [updTo]⟩

/-! ## The masking polynomial's value -/

theorem basis_eq_pow (e : Nat) (h : e < 4) : basis e = X ^ e := by
  unfold basis
  by_cases h0 : e = 0
  · subst h0; rw [if_pos rfl, Ext4.pow_zero]
  · by_cases h1 : e = 1
    · subst h1; rw [if_neg (by decide), if_pos rfl, Ext4.pow_succ, Ext4.pow_zero, Ext4.one_mul]
    · by_cases h2 : e = 2
      · subst h2; rfl
      · have h3 : e = 3 := by omega
        subst h3; rfl

/-- One step of the masking value. -/
def maskStep (row : List BabyBear) (m : Ext4) (e : Nat) : Ext4 := m + ofBase (row.getD e 0) * X ^ e

/-- **The loop computing the masking row's value `Σ_e c_e·X^e`** (a row of four canonical
coefficients). -/
theorem mask_value_loop (row : List BabyBear) (hr : row.length = 4)
    (measure : field.extension.Ext × Usize → Nat) (hm : ∀ s, measure s = 2 ^ 64 - s.2.toNat)
    (body : field.extension.Ext × Usize →
      Outcome (Step (field.extension.Ext × Usize) (field.extension.Ext × Usize)))
    (hb : ∀ mask e, body (mask, e) = (do
      let mut mask := mask
      let mut e := e
      if e < 4 then
        let coefficient : field.extension.Ext ← field.extension.from_base (← Slice.index (row.map toU32) e)
        mask ← field.extension.add mask (← field.extension.mul_by_basis coefficient e)
        e ← Usize.add e 1
        return Step.cont (mask, e)
      else
        return Step.done (mask, e))) :
    loop measure body (field.extension.ZERO, 0) = .ok (toExt (maskValue row), 4) := by
  apply loop_count_eq _ _ _ _ (fun s => s.2) hm
    (P := fun (s : field.extension.Ext × Usize) => s.2.toNat ≤ 4 ∧
      s.1 = toExt ((List.range s.2.toNat).foldl (maskStep row) 0))
  · intro ⟨mask, e⟩ ⟨h1, hinv⟩
    dsimp only at h1 hinv
    rw [hb]
    by_cases hc : e < 4
    · have ht : e.toNat < 4 := UInt64.lt_iff_toNat_lt.mp hc
      have htr : e.toNat < (row.map toU32).length := by simp [hr]; omega
      obtain ⟨hsucc, he⟩ := succ_ok e 4 ht (by decide)
      left
      refine ⟨(toExt ((List.range (e.toNat + 1)).foldl (maskStep row) 0), e + 1), ?_, he, ?_, ?_⟩
      · simp only [if_pos hc, Slice.index_eq _ _ htr, List.getElem_map, ok_bind, from_base_spec,
          mul_by_basis_spec, hinv, add_spec, hsucc, pure_ok]
        rw [List.range_succ, List.foldl_append]
        simp only [List.foldl_cons, List.foldl_nil, maskStep, basis_eq_pow _ ht,
          List.getD_eq_getElem?_getD, List.getElem?_eq_getElem (show e.toNat < row.length by omega),
          Option.getD_some]
      · dsimp only; omega
      · dsimp only; rw [he]
    · right
      refine ⟨(mask, e), by simp only [if_neg hc, pure_ok], ?_⟩
      have he : e = 4 := UInt64.toNat_inj.mp (by
        have : ¬ e.toNat < 4 := fun hh => hc (UInt64.lt_iff_toNat_lt.mpr hh)
        simp; omega)
      subst he
      rw [hinv]; rfl
  · exact ⟨by simp, by simp [zero_eq]⟩

/-! ## `ζ·ω` for each table -/

/-- **The loop computing `ζ·ω_n` for each table** (tables of at most `2^27` rows: every table
of accepted dimensions, `proofDims_log_lde`). -/
theorem zeta_next_loop (tables : List protocol.stark.TableDims) (hl : tables.length < 2 ^ 64)
    (h27 : ∀ d ∈ tables, d.log_height.toNat ≤ 27) (ζ : Ext4)
    (measure : List field.extension.Ext × Usize → Nat) (hm : ∀ s, measure s = 2 ^ 64 - s.2.toNat)
    (body : List field.extension.Ext × Usize → Outcome (Step (List field.extension.Ext × Usize)
      (Exit (List field.extension.Ext × Usize) (Except error.VerifyError Unit))))
    (hb : ∀ zeta_next t, body (zeta_next, t) = (do
      let mut zeta_next := zeta_next
      let mut t := t
      if t < (Slice.len tables) then
        let omega : UInt32 ← match (← protocol.domain.subgroup_generator ((← Slice.index tables t).log_height)) with
        | .ok w =>
          pure w
        | .error e =>
          return Step.done (Exit.ret (Except.error e))
        zeta_next := (Slice.push zeta_next (← field.extension.mul_base (toExt ζ) omega))
        t ← Usize.add t 1
        return Step.cont (zeta_next, t)
      else
        return Step.done (Exit.brk (zeta_next, t)))) :
    loop measure body (Slice.withCapacity (Slice.len tables), 0) =
      .ok (.brk ((zetaNexts ζ (tables.map (·.log_height.toNat))).map toExt, Slice.len tables)) := by
  apply loop_count_eq _ _ _ _ (fun s => s.2) hm
    (P := fun (s : List field.extension.Ext × Usize) => s.2.toNat ≤ tables.length ∧
      s.1 = (zetaNexts ζ ((tables.take s.2.toNat).map (·.log_height.toNat))).map toExt)
  · intro ⟨zn, t⟩ ⟨h1, hinv⟩
    dsimp only at h1 hinv
    rw [hb]
    by_cases hc : t < Slice.len tables
    · have ht := (lt_len_iff t _ hl).mp hc
      obtain ⟨hsucc, e⟩ := succ_ok t _ ht hl
      have h27t := h27 _ (List.getElem_mem ht)
      left
      refine ⟨(zn ++ [toExt (smul (rootOfUnity tables[t.toNat].log_height.toNat) ζ)], t + 1), ?_, e,
        ?_, ?_⟩
      · simp only [if_pos hc, Slice.index_eq _ _ ht, ok_bind,
          protocol.domain.subgroup_generator_spec, if_pos h27t, pure_ok, mul_base_spec, hsucc,
          Slice.push]
      · dsimp only; omega
      · dsimp only
        rw [e, hinv, List.take_add_one, List.getElem?_eq_getElem ht, Option.toList_some]
        simp only [zetaNexts, List.map_append, List.map_cons, List.map_nil]
    · right
      refine ⟨.brk (zn, t), by simp only [if_neg hc, pure_ok], ?_⟩
      have : ¬ t.toNat < tables.length := fun hh => hc ((lt_len_iff t _ hl).mpr hh)
      have hk : t = Slice.len tables := UInt64.toNat_inj.mp (by
        rw [Slice.len_toNat _ hl]; omega)
      rw [List.take_of_length_le (by omega)] at hinv
      rw [hinv, hk]
  · exact ⟨by simp, by simp [Slice.withCapacity, zetaNexts]⟩

end Zkvm.Refinement.protocol.stark
