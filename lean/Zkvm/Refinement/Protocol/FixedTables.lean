module

public import Zkvm.Refinement.Protocol.LogupInverse
public import Zkvm.Refinement.Protocol.Logup
public import Zkvm.Refinement.Protocol.Domain
public import Zkvm.Extraction.LoopEq
public import Zkvm.Refinement.Commit.MerkleCap

/-!
# `logup::fixed_tables_at`: the fixed tables' interpolants at a point

A fixed table's fingerprint column is the polynomial of degree below n = 2^log_n that takes the
fingerprint of row i at ω^i (ω = `rootOfUnity log_n`) for i below the table's length and 0
elsewhere on the subgroup. Its value at z is

  Σ_{i<T} fp(row_i) · ω^i / (z − ω^i) · (z^n − 1) / n         (`fixedAt`),

which `fixed_tables_at` computes with one batch inversion of the differences z − ω^i.
Proved: `check_fixed_table_sizes_spec` (every table fits the subgroup) and
`fixed_tables_at_spec`: with log_n ≤ 27, every table at most n rows, and z off the first
`maxRows` points of the subgroup, it returns `fixedAt` of every table, in order; it never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.logup

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Field.BabyBear (rootOfUnity)
open Zkvm.Stark (fp)
open Zkvm.Refinement.field (toU32 toU32_toNat)
open Zkvm.Refinement.field.extension (toExt add_spec sub_spec mul_spec mul_base_spec zero_eq
  from_base_spec)

/-- The Rust fixed table of rows of field elements. -/
def toFixed (rows : List (List BabyBear)) : air.FixedTable := ⟨rows.map (fun r => r.map toU32)⟩

/-- The longest table's length. -/
def maxRows (tabs : List (List (List BabyBear))) : Nat :=
  tabs.foldl (fun m rows => if rows.length > m then rows.length else m) 0

/-- **A fixed table's interpolant at z**: Σ_{i<T} fp(row_i) ω^i / (z − ω^i), times (z^n − 1)/n. -/
def fixedAt (rows : List (List BabyBear)) (β z : Ext4) (logN : Nat) : Ext4 :=
  (List.range rows.length).foldl (fun acc i =>
      acc + fp ((rows.getD i []).map ofBase) β *
        smul (rootOfUnity logN ^ i) (z - ofBase (rootOfUnity logN ^ i))⁻¹) 0 *
    smul ((2 : BabyBear) ^ logN)⁻¹ (vanishing z logN)

/-- Every table fits the subgroup. -/
theorem check_fixed_table_sizes_spec (tabs : List (List (List BabyBear))) (logN : UInt32)
    (h64 : logN.toNat < 64) (htabs : tabs.length < 2 ^ 64)
    (hsize : ∀ rows ∈ tabs, rows.length ≤ 2 ^ logN.toNat) :
    protocol.logup.check_fixed_table_sizes (tabs.map toFixed) logN = .ok (.ok ()) := by
  have hlt := Slice.len_toNat (tabs.map toFixed) (by simpa using htabs)
  rw [List.length_map] at hlt
  unfold protocol.logup.check_fixed_table_sizes
  rw [if_neg (by rw [ge_iff_le, UInt32.le_iff_toNat_le]; simp; omega)]
  obtain ⟨nn, hshl, hn⟩ := Zkvm.Refinement.commit.merkle_cap.shl_one_ok logN.toNat h64
  rw [hshl, ok_bind]
  have h2 : 2 ^ logN.toNat < 2 ^ 64 := Nat.pow_lt_pow_right (by decide) h64
  apply loop_bind_ok
    (P := fun (k : Usize) => k.toNat ≤ tabs.length)
    (Q := fun r => match r with | .ret v => v = .ok () | .brk _ => True)
  · intro k hk
    by_cases hlt2 : k < Slice.len (tabs.map toFixed)
    · have hk' : k.toNat < tabs.length := by rw [UInt64.lt_iff_toNat_lt, hlt] at hlt2; exact hlt2
      have e : (k + 1).toNat = k.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hs := hsize tabs[k.toNat] (List.getElem_mem _)
      left
      refine ⟨k + 1, ?_, ?_, ?_⟩
      · rw [if_pos hlt2, Slice.index_eq _ _ (by simpa using hk'), ok_bind]
        rw [if_neg (by
          rw [GT.gt, UInt64.lt_iff_toNat_lt, hn,
            Slice.len_toNat _ (by simp only [List.getElem_map, toFixed, List.length_map]; omega)]
          simp only [List.getElem_map, toFixed, List.length_map]; omega)]
        rw [Usize.add_eq k 1 (by simp; omega), ok_bind, pure_ok]
      · show 2 ^ 64 - (k + 1).toNat < 2 ^ 64 - k.toNat
        rw [e]; omega
      · show (k + 1).toNat ≤ tabs.length
        rw [e]; omega
    · right
      exact ⟨.brk k, by rw [if_neg hlt2, pure_ok], trivial⟩
  · show (0 : Usize).toNat ≤ tabs.length
    simp
  · intro r hq
    cases r with
    | ret v => simp only at hq; rw [hq]; rfl
    | brk k => rfl

theorem foldl_max_le (l : List (List (List BabyBear))) (m B : Nat) (hm : m ≤ B)
    (h : ∀ rows ∈ l, rows.length ≤ B) :
    l.foldl (fun m rows => if rows.length > m then rows.length else m) m ≤ B := by
  induction l generalizing m with
  | nil => exact hm
  | cons r t ih =>
    simp only [List.foldl_cons]
    apply ih
    · by_cases hc : r.length > m
      · rw [if_pos hc]; exact h r List.mem_cons_self
      · rw [if_neg hc]; exact hm
    · intro rows hr; exact h rows (List.mem_cons_of_mem _ hr)

theorem foldl_max_ge (l : List (List (List BabyBear))) (m : Nat) :
    m ≤ l.foldl (fun m rows => if rows.length > m then rows.length else m) m ∧
      ∀ rows ∈ l, rows.length ≤ l.foldl (fun m rows => if rows.length > m then rows.length else m) m := by
  induction l generalizing m with
  | nil => simp
  | cons r t ih =>
    simp only [List.foldl_cons]
    obtain ⟨h1, h2⟩ := ih (if r.length > m then r.length else m)
    have hb1 : m ≤ (if r.length > m then r.length else m) := by
      by_cases hc : r.length > m
      · rw [if_pos hc]; omega
      · rw [if_neg hc]; omega
    have hb2 : r.length ≤ (if r.length > m then r.length else m) := by
      by_cases hc : r.length > m
      · rw [if_pos hc]; omega
      · rw [if_neg hc]; omega
    refine ⟨by omega, fun rows hr => ?_⟩
    rcases List.mem_cons.mp hr with rfl | hr
    · omega
    · exact h2 rows hr

theorem maxRows_take_succ (tabs : List (List (List BabyBear))) (k : Nat) (hk : k < tabs.length) :
    maxRows (tabs.take (k + 1)) =
      if tabs[k].length > maxRows (tabs.take k) then tabs[k].length else maxRows (tabs.take k) := by
  simp only [maxRows, List.take_add_one, List.getElem?_eq_getElem hk, Option.toList_some,
    List.foldl_append, List.foldl_cons, List.foldl_nil]

theorem two_eq : (2 : UInt32) = toU32 2 := Zkvm.Refinement.field.eq_toU32 (by decide)
theorem one_eq' : (1 : UInt32) = toU32 1 := Zkvm.Refinement.field.eq_toU32 (by decide)

set_option maxHeartbeats 4000000 in
/-- **`fixed_tables_at` is `fixedAt`** of every table, given log_n ≤ 27, tables that fit the
subgroup and z off its first `maxRows` points; it never panics. -/
theorem fixed_tables_at_spec (tabs : List (List (List BabyBear))) (β z : Ext4) (logN : UInt32)
    (h27 : logN.toNat ≤ 27) (htabs : tabs.length < 2 ^ 64)
    (hsize : ∀ rows ∈ tabs, rows.length ≤ 2 ^ logN.toNat)
    (hrow : ∀ rows ∈ tabs, ∀ row ∈ rows, row.length < 2 ^ 64)
    (hnz : ∀ i < maxRows tabs, z - ofBase (rootOfUnity logN.toNat ^ i) ≠ 0) :
    protocol.logup.fixed_tables_at (tabs.map toFixed) (toExt β) (toExt z) logN =
      .ok (.ok (tabs.map (fun rows => toExt (fixedAt rows β z logN.toNat)))) := by
  have h2 : 2 ^ logN.toNat ≤ 2 ^ 27 := Nat.pow_le_pow_right (by decide) h27
  have hM : maxRows tabs ≤ 2 ^ 27 := foldl_max_le tabs 0 _ (by omega) (fun r hr => by
    have := hsize r hr; omega)
  have hlt := Slice.len_toNat (tabs.map toFixed) (by simpa using htabs)
  rw [List.length_map] at hlt
  unfold protocol.logup.fixed_tables_at
  rw [check_fixed_table_sizes_spec tabs logN (by omega) htabs hsize, ok_bind]
  simp only
  rw [Zkvm.Refinement.protocol.domain.subgroup_generator_spec, if_pos h27, ok_bind]
  simp only [pure_ok, ok_bind]
  generalize hω : rootOfUnity logN.toNat = ω at hnz ⊢
  generalize hR : tabs.map (fun rows => toExt (fixedAt rows β z logN.toNat)) = R
  -- the longest table
  apply loop_bind_ok
    (P := fun (st : Usize × Usize) => st.2.toNat ≤ tabs.length ∧
      st.1.toNat = maxRows (tabs.take st.2.toNat))
    (Q := fun st => st.1.toNat = maxRows tabs)
  · intro ⟨mx, k⟩ ⟨hk, hmx⟩
    dsimp only at hk hmx
    dsimp only
    by_cases hlt2 : k < Slice.len (tabs.map toFixed)
    · have hk' : k.toNat < tabs.length := by rw [UInt64.lt_iff_toNat_lt, hlt] at hlt2; exact hlt2
      have e : (k + 1).toNat = k.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hs := hsize tabs[k.toNat] (List.getElem_mem _)
      have hidx : Slice.index (tabs.map toFixed) k = .ok (toFixed tabs[k.toNat]) := by
        rw [Slice.index_eq _ _ (by simpa using hk')]; simp
      have hlr : (Slice.len (toFixed tabs[k.toNat]).rows).toNat = tabs[k.toNat].length := by
        rw [Slice.len_toNat _ (by simp only [toFixed, List.length_map]; omega)]
        simp [toFixed]
      have hsucc := maxRows_take_succ tabs k.toNat hk'
      left
      by_cases hgt : tabs[k.toNat].length > mx.toNat
      · refine ⟨(Slice.len (toFixed tabs[k.toNat]).rows, k + 1), ?_, ?_, ?_⟩
        · rw [if_pos hlt2, hidx, ok_bind, if_pos (by rw [GT.gt, UInt64.lt_iff_toNat_lt, hlr]; exact hgt),
            ok_bind, Usize.add_eq k 1 (by simp; omega), ok_bind]
        · show 2 ^ 64 - (k + 1).toNat < 2 ^ 64 - k.toNat
          rw [e]; omega
        · refine ⟨by rw [e]; omega, ?_⟩
          dsimp only
          rw [e, hsucc, hlr, ← hmx, if_pos hgt]
      · refine ⟨(mx, k + 1), ?_, ?_, ?_⟩
        · rw [if_pos hlt2, hidx, ok_bind, if_neg (by rw [GT.gt, UInt64.lt_iff_toNat_lt, hlr]; exact hgt),
            Usize.add_eq k 1 (by simp; omega), ok_bind]
        · show 2 ^ 64 - (k + 1).toNat < 2 ^ 64 - k.toNat
          rw [e]; omega
        · refine ⟨by rw [e]; omega, ?_⟩
          dsimp only
          rw [e, hsucc, ← hmx, if_neg hgt]
    · right
      refine ⟨(mx, k), by rw [if_neg hlt2], ?_⟩
      have : k.toNat = tabs.length := by
        have : ¬ k.toNat < tabs.length := fun h => hlt2 (by rw [UInt64.lt_iff_toNat_lt, hlt]; exact h)
        omega
      dsimp only
      rw [hmx, this, List.take_length]
  · exact ⟨by simp, by simp [maxRows]⟩
  · intro ⟨mx, k⟩ hmx
    dsimp only at hmx
    dsimp only
    have hM' : mx.toNat ≤ 2 ^ 27 := by rw [hmx]; exact hM
    -- the powers of ω and the differences z − ω^i
    apply loop_bind_ok
      (P := fun (st : List UInt32 × UInt32 × List (List UInt32) × Usize) =>
        st.2.2.2.toNat ≤ mx.toNat ∧
        st.1 = (List.range st.2.2.2.toNat).map (fun j => toU32 (ω ^ j)) ∧
        st.2.1 = toU32 (ω ^ st.2.2.2.toNat) ∧
        st.2.2.1 = (List.range st.2.2.2.toNat).map (fun j => toExt (z - ofBase (ω ^ j))))
      (Q := fun st =>
        st.1 = (List.range mx.toNat).map (fun j => toU32 (ω ^ j)) ∧
        st.2.2.1 = (List.range mx.toNat).map (fun j => toExt (z - ofBase (ω ^ j))))
    · intro ⟨pw, pow, ds, i⟩ ⟨hi, hpw, hpow, hds⟩
      dsimp only at hi hpw hpow hds
      subst hpw hpow hds
      dsimp only
      by_cases hlt3 : i < mx
      · have hi' : i.toNat < mx.toNat := UInt64.lt_iff_toNat_lt.mp hlt3
        have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        left
        refine ⟨((List.range (i.toNat + 1)).map (fun j => toU32 (ω ^ j)),
          toU32 (ω ^ (i.toNat + 1)),
          (List.range (i.toNat + 1)).map (fun j => toExt (z - ofBase (ω ^ j))), i + 1), ?_, ?_, ?_⟩
        · rw [if_pos hlt3, from_base_spec, ok_bind, sub_spec, ok_bind,
            Zkvm.Refinement.field.mul_spec, ok_bind, Usize.add_eq i 1 (by simp; omega), ok_bind,
            List.range_succ, List.map_append, List.map_append, Lean.Grind.Semiring.pow_succ]
          rfl
        · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
          rw [e]; omega
        · refine ⟨by dsimp only; rw [e]; omega, by dsimp only; rw [e], by dsimp only; rw [e],
            by dsimp only; rw [e]⟩
      · right
        refine ⟨_, by rw [if_neg hlt3], ?_⟩
        have : i.toNat = mx.toNat := by
          have : ¬ i.toNat < mx.toNat := fun h => hlt3 (UInt64.lt_iff_toNat_lt.mpr h)
          omega
        dsimp only
        rw [this]
        exact ⟨rfl, rfl⟩
    · refine ⟨by simp, by simp [Slice.withCapacity], ?_, by simp [Slice.withCapacity]⟩
      dsimp only
      rw [one_eq', UInt64.toNat_zero, Lean.Grind.Semiring.pow_zero]
    · intro ⟨pw, pow, ds, i⟩ ⟨hpw, hds⟩
      dsimp only at hpw hds
      subst hpw hds
      dsimp only
      rw [show (List.range mx.toNat).map (fun j => toExt (z - ofBase (ω ^ j))) =
          ((List.range mx.toNat).map (fun j => z - ofBase (ω ^ j))).map toExt by
          simp [List.map_map, Function.comp_def],
        batch_inverse_spec _ (by simp; omega),
        if_pos (by
          intro v hv
          obtain ⟨j, hj, rfl⟩ := List.mem_map.mp hv
          exact hnz j (by rw [← hmx]; simpa using hj)), ok_bind]
      simp only [pure_ok, ok_bind]
      rw [two_eq, Zkvm.Refinement.field.pow_spec, ok_bind,
        Zkvm.Refinement.protocol.domain.vanishing_at_spec, ok_bind,
        Zkvm.Refinement.field.inv_spec, ok_bind, mul_base_spec, ok_bind]
      simp only [UInt32.toNat_toUInt64, List.map_map, Function.comp_def]
      have hfactor : ∀ rows : List (List BabyBear), rows ∈ tabs → rows.length ≤ mx.toNat := by
        intro rows hr; rw [hmx]; exact (foldl_max_ge tabs 0).2 rows hr
      have hpwl : (List.map (fun j => toU32 (ω ^ j)) (List.range mx.toNat)).length = mx.toNat := by simp
      apply loop_bind_ok
        (P := fun (st : List UInt32 × List (List UInt32) × Usize) =>
          st.1 = (List.range mx.toNat).map (fun j => toU32 (ω ^ j)) ∧
          st.2.2.toNat ≤ tabs.length ∧
          st.2.1 = (tabs.take st.2.2.toNat).map (fun rows => toExt
            ((List.range rows.length).foldl (fun acc i =>
              acc + fp ((rows.getD i []).map ofBase) β * smul (ω ^ i) (z - ofBase (ω ^ i))⁻¹) 0 *
              smul ((2 : BabyBear) ^ logN.toNat)⁻¹ (vanishing z logN.toNat))))
        (Q := fun st => st.2.1 = tabs.map (fun rows => toExt
            ((List.range rows.length).foldl (fun acc i =>
              acc + fp ((rows.getD i []).map ofBase) β * smul (ω ^ i) (z - ofBase (ω ^ i))⁻¹) 0 *
              smul ((2 : BabyBear) ^ logN.toNat)⁻¹ (vanishing z logN.toNat))))
      · intro ⟨pw, out, t⟩ ⟨hpw, ht, hout⟩
        dsimp only at hpw ht hout
        subst hpw hout
        dsimp only
        by_cases hlt4 : t < Slice.len (tabs.map toFixed)
        · have ht' : t.toNat < tabs.length := by rw [UInt64.lt_iff_toNat_lt, hlt] at hlt4; exact hlt4
          have e : (t + 1).toNat = t.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
          have hidx : Slice.index (tabs.map toFixed) t = .ok (toFixed tabs[t.toNat]) := by
            rw [Slice.index_eq _ _ (by simpa using ht')]; simp
          have hrl := hfactor tabs[t.toNat] (List.getElem_mem _)
          have hrows := hrow tabs[t.toNat] (List.getElem_mem _)
          have hlr : (Slice.len (toFixed tabs[t.toNat]).rows).toNat = tabs[t.toNat].length := by
            rw [Slice.len_toNat _ (by simp only [toFixed, List.length_map]; omega)]
            simp [toFixed]
          left
          refine ⟨((List.range mx.toNat).map (fun j => toU32 (ω ^ j)),
            (tabs.take (t.toNat + 1)).map (fun rows => toExt
            ((List.range rows.length).foldl (fun acc i =>
              acc + fp ((rows.getD i []).map ofBase) β * smul (ω ^ i) (z - ofBase (ω ^ i))⁻¹) 0 *
              smul ((2 : BabyBear) ^ logN.toNat)⁻¹ (vanishing z logN.toNat))), t + 1), ?_, ?_, ?_⟩
          · rw [if_pos hlt4, hidx, ok_bind, zero_eq]
            apply loop_bind_ok
              (P := fun (st : List UInt32 × Usize) => st.2.toNat ≤ tabs[t.toNat].length ∧
                st.1 = toExt ((List.range st.2.toNat).foldl (fun acc i =>
                  acc + fp ((tabs[t.toNat].getD i []).map ofBase) β *
                    smul (ω ^ i) (z - ofBase (ω ^ i))⁻¹) 0))
              (Q := fun st => st.1 = toExt ((List.range tabs[t.toNat].length).foldl (fun acc i =>
                  acc + fp ((tabs[t.toNat].getD i []).map ofBase) β *
                    smul (ω ^ i) (z - ofBase (ω ^ i))⁻¹) 0))
            · intro ⟨acc, r⟩ ⟨hr, hacc⟩
              dsimp only at hr hacc
              subst hacc
              dsimp only
              have hcond : ((decide (r < Slice.len (toFixed tabs[t.toNat]).rows) &&
                  decide (r < Slice.len ((List.range mx.toNat).map
                    (fun x => toExt (z - ofBase (ω ^ x))⁻¹)))) &&
                  decide (r < Slice.len ((List.range mx.toNat).map (fun j => toU32 (ω ^ j))))) =
                  decide (r.toNat < tabs[t.toNat].length) := by
                have h1 : (Slice.len ((List.range mx.toNat).map
                    (fun x => toExt (z - ofBase (ω ^ x))⁻¹))).toNat = mx.toNat := by
                  rw [Slice.len_toNat _ (by simp; omega)]; simp
                have h2 : (Slice.len ((List.range mx.toNat).map (fun j => toU32 (ω ^ j)))).toNat =
                    mx.toNat := by
                  rw [Slice.len_toNat _ (by simp; omega)]; simp
                simp only [UInt64.lt_iff_toNat_lt, hlr, h1, h2]
                by_cases hc : r.toNat < tabs[t.toNat].length
                · simp [hc, show r.toNat < mx.toNat by omega]
                · simp [hc]
              by_cases hlt5 : r.toNat < tabs[t.toNat].length
              · have e2 : (r + 1).toNat = r.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
                have hrowlen := hrows (tabs[t.toNat][r.toNat]) (List.getElem_mem _)
                left
                refine ⟨(toExt ((List.range (r.toNat + 1)).foldl (fun acc i =>
                  acc + fp ((tabs[t.toNat].getD i []).map ofBase) β *
                    smul (ω ^ i) (z - ofBase (ω ^ i))⁻¹) 0), r + 1), ?_, ?_, ?_⟩
                · rw [hcond, if_pos (by simpa using hlt5),
                    Slice.index_eq _ _ (by simp only [toFixed, List.length_map]; exact hlt5), ok_bind]
                  simp only [toFixed, List.getElem_map]
                  rw [fingerprint_base_spec _ β hrowlen, ok_bind,
                    Slice.index_eq _ _ (by simp; omega), ok_bind,
                    Slice.index_eq _ _ (by simp; omega), ok_bind]
                  simp only [List.getElem_map, List.getElem_range]
                  rw [mul_base_spec, ok_bind, mul_spec, ok_bind, add_spec, ok_bind,
                    Usize.add_eq r 1 (by simp; omega), ok_bind, List.range_succ, List.foldl_append,
                    List.foldl_cons, List.foldl_nil,
                    List.getD_eq_getElem?_getD, List.getElem?_eq_getElem hlt5, Option.getD_some]
                · show 2 ^ 64 - (r + 1).toNat < 2 ^ 64 - r.toNat
                  rw [e2]; omega
                · exact ⟨by rw [e2]; omega, by rw [e2]⟩
              · right
                refine ⟨_, by rw [hcond, if_neg (by simpa using hlt5)], ?_⟩
                dsimp only
                rw [show r.toNat = tabs[t.toNat].length by omega]
            · exact ⟨by simp, by simp⟩
            · intro ⟨acc, r⟩ hq
              dsimp only at hq
              subst hq
              dsimp only
              rw [mul_spec, ok_bind, Usize.add_eq t 1 (by simp; omega), ok_bind]
              simp only [Slice.push, List.take_add_one, List.getElem?_eq_getElem ht',
                Option.toList_some, List.map_append, List.map_cons, List.map_nil]
          · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
            rw [e]; omega
          · exact ⟨rfl, by dsimp only; rw [e]; omega, by dsimp only; rw [e]⟩
        · right
          refine ⟨_, by rw [if_neg hlt4], ?_⟩
          have : t.toNat = tabs.length := by
            have : ¬ t.toNat < tabs.length := fun h => hlt4 (by rw [UInt64.lt_iff_toNat_lt, hlt]; exact h)
            omega
          dsimp only
          rw [this, List.take_length]
      · exact ⟨rfl, by simp, by simp [Slice.withCapacity]⟩
      · intro ⟨pw, out, t⟩ hq
        dsimp only at hq
        subst hq
        dsimp only
        rw [← hR]
        simp only [fixedAt, hω]

set_option maxHeartbeats 1000000 in
/-- **`check_fixed_tables` compares each fixed fingerprint column's value at ζ with the table's
interpolant** (`fixedAt`): on the same hypotheses as `fixed_tables_at_spec` and one claimed value
per table, it accepts exactly when every claimed value is the interpolant, and otherwise returns
`FixedTableMismatch`; it never panics. -/
theorem check_fixed_tables_spec (tabs : List (List (List BabyBear))) (claimed : List Ext4)
    (β z : Ext4) (logN : UInt32) (h27 : logN.toNat ≤ 27) (htabs : tabs.length < 2 ^ 64)
    (hsize : ∀ rows ∈ tabs, rows.length ≤ 2 ^ logN.toNat)
    (hrow : ∀ rows ∈ tabs, ∀ row ∈ rows, row.length < 2 ^ 64)
    (hnz : ∀ i < maxRows tabs, z - ofBase (rootOfUnity logN.toNat ^ i) ≠ 0)
    (hcl : claimed.length = tabs.length) :
    protocol.logup.check_fixed_tables (tabs.map toFixed) (claimed.map toExt) (toExt β) (toExt z)
        logN =
      .ok (if claimed = tabs.map (fun rows => fixedAt rows β z logN.toNat) then .ok ()
        else .error .FixedTableMismatch) := by
  have hlt := Slice.len_toNat (tabs.map toFixed) (by simpa using htabs)
  have hlc := Slice.len_toNat (claimed.map toExt) (by simpa [hcl] using htabs)
  rw [List.length_map] at hlt hlc
  unfold protocol.logup.check_fixed_tables
  rw [if_neg (fun h => h (UInt64.toNat_inj.mp (by rw [hlt, hlc]; omega)))]
  rw [fixed_tables_at_spec tabs β z logN h27 htabs hsize hrow hnz, ok_bind]
  simp only [pure_ok, ok_bind]
  generalize hE : tabs.map (fun rows => fixedAt rows β z logN.toNat) = E
  have hel : E.length = tabs.length := by rw [← hE]; simp
  have hmapE : tabs.map (fun rows => toExt (fixedAt rows β z logN.toNat)) = E.map toExt := by
    rw [← hE, List.map_map]; rfl
  rw [hmapE]
  have hle := Slice.len_toNat (E.map toExt) (by simp [hel]; omega)
  rw [List.length_map] at hle
  apply loop_bind_ok
    (P := fun (k : Usize) => k.toNat ≤ tabs.length ∧ ∀ j < k.toNat, claimed.getD j 0 = E.getD j 0)
    (Q := fun r => match r with
      | .ret v => v = .error .FixedTableMismatch ∧ claimed ≠ E
      | .brk _ => claimed = E)
  · intro k ⟨hk, hinv⟩
    by_cases hc : ((decide (k < Slice.len (tabs.map toFixed))) &&
        (decide (k < Slice.len (E.map toExt)))) = true
    · have hk' : k.toNat < tabs.length := by
        simp only [Bool.and_eq_true, decide_eq_true_eq, UInt64.lt_iff_toNat_lt, hlt, hle] at hc
        exact hc.1
      have hgE : E.getD k.toNat 0 = E[k.toNat]'(by omega) := by
        simp [List.getD, List.getElem?_eq_getElem (show k.toNat < E.length by omega)]
      have hgC : claimed.getD k.toNat 0 = claimed[k.toNat]'(by omega) := by
        simp [List.getD, List.getElem?_eq_getElem (show k.toNat < claimed.length by omega)]
      by_cases heq : E[k.toNat]'(by omega) = claimed[k.toNat]'(by omega)
      · have e : (k + 1).toNat = k.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        left
        refine ⟨k + 1, ?_, ?_, ?_⟩
        · rw [if_pos hc, Slice.index_eq _ _ (by simp; omega), ok_bind,
            Slice.index_eq _ _ (by simp; omega), ok_bind]
          simp only [List.getElem_map, heq, ne_eq, not_true_eq_false, if_false,
            Usize.add_eq k 1 (by simp; omega), ok_bind, pure_ok]
        · show 2 ^ 64 - (k + 1).toNat < 2 ^ 64 - k.toNat
          rw [e]; omega
        · refine ⟨by rw [e]; omega, fun j hj => ?_⟩
          rw [e] at hj
          rcases Nat.lt_or_ge j k.toNat with h | h
          · exact hinv j h
          · have : j = k.toNat := by omega
            subst this
            rw [hgE, hgC, heq]
      · right
        refine ⟨.ret (.error .FixedTableMismatch), ?_, rfl, ?_⟩
        · rw [if_pos hc, Slice.index_eq _ _ (by simp; omega), ok_bind,
            Slice.index_eq _ _ (by simp; omega), ok_bind]
          simp only [List.getElem_map]
          rw [if_pos (fun h => heq (Zkvm.Refinement.field.extension.toExt_inj h))]
        · intro hce
          apply heq
          subst hce
          rfl
    · right
      refine ⟨.brk k, by rw [if_neg hc], ?_⟩
      show claimed = E
      have hk2 : k.toNat = tabs.length := by
        simp only [Bool.and_eq_true, decide_eq_true_eq, UInt64.lt_iff_toNat_lt, hlt, hle] at hc
        have : ¬ (k.toNat < tabs.length ∧ k.toNat < E.length) := hc
        omega
      apply List.ext_getElem (by omega)
      intro j h1 h2
      have := hinv j (by omega)
      simp only [List.getD, List.getElem?_eq_getElem h1, List.getElem?_eq_getElem h2,
        Option.getD_some] at this
      exact this
  · exact ⟨by simp, fun j hj => absurd hj (by simp)⟩
  · intro r hq
    cases r with
    | ret v =>
      obtain ⟨rfl, hne⟩ := hq
      simp only [pure_ok]
      rw [if_neg hne]
    | brk k =>
      simp only [pure_ok]
      rw [if_pos hq]

end Zkvm.Refinement.protocol.logup
