module

public import Zkvm.Extracted.Air.Rv32im.Statement
public import Zkvm.Extraction.LoopEq
public import Zkvm.Spec.Receipt

/-!
# `statement::public_values` computes `Spec.Receipt.publicValues`

Proved: for a program whose zero intervals are listed in a slice and input and output lengths
that are machine words, the extracted function returns the spec's 15 values or its refusal
(`InvalidStatement`); it never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.statement

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec.Receipt

/-- The program's zero intervals as pairs. -/
def zeroPairs (p : receipt.program.Program) : List (UInt32 × UInt32) :=
  p.zero_intervals.map fun z => (z.lo, z.hi)

/-- **`public_values` is `publicValues`**; it never panics. -/
theorem public_values_spec (p : receipt.program.Program) (exitCode : UInt32) (cycles : UInt64)
    (inLen consumed outLen : Usize) (hz : p.zero_intervals.length < 2 ^ 64) :
    air.rv32im.statement.public_values p exitCode cycles inLen consumed outLen =
      .ok (publicValues p.entry exitCode cycles inLen.toNat consumed.toNat outLen.toNat
        (zeroPairs p)) := by
  have hzl := Slice.len_toNat p.zero_intervals hz
  unfold air.rv32im.statement.public_values publicValues
  have hc : ((((decide (cycles = 0)) || (decide (cycles > air.rv32im.statement.MAX_CYCLES))) ||
      (decide (inLen ≥ air.rv32im.statement.MAX_INPUT_LEN))) ||
      (decide (outLen > air.rv32im.statement.MAX_OUTPUT_LEN)) ||
      (decide (consumed > inLen))) = decide (cycles.toNat = 0 ∨ 2 ^ 27 < cycles.toNat ∨
        2 ^ 30 ≤ inLen.toNat ∨ 2 ^ 28 < outLen.toNat ∨ inLen.toNat < consumed.toNat) := by
    have e0 : (cycles = 0) ↔ cycles.toNat = 0 := by
      rw [← UInt64.toNat_inj]; rfl
    simp only [Bool.or_eq_decide, decide_eq_decide, gt_iff_lt, ge_iff_le, UInt64.lt_iff_toNat_lt,
      UInt64.le_iff_toNat_le, e0]
    simp only [air.rv32im.statement.MAX_CYCLES, air.rv32im.statement.MAX_INPUT_LEN,
      air.rv32im.statement.MAX_OUTPUT_LEN]
    constructor <;> intro h <;> simp_all <;> omega
  by_cases h1 : cycles.toNat = 0 ∨ 2 ^ 27 < cycles.toNat ∨ 2 ^ 30 ≤ inLen.toNat ∨
      2 ^ 28 < outLen.toNat ∨ inLen.toNat < consumed.toNat
  · rw [hc, if_pos (decide_eq_true h1), if_pos h1]; rfl
  rw [hc, if_neg (by simp only [decide_eq_true_eq]; exact h1), if_neg h1]
  have h2e : (Slice.len p.zero_intervals > air.rv32im.statement.MAX_ZERO_INTERVALS) ↔
      4 < (zeroPairs p).length := by
    simp only [gt_iff_lt, UInt64.lt_iff_toNat_lt, hzl, zeroPairs, List.length_map]; rfl
  by_cases h2 : 4 < (zeroPairs p).length
  · rw [if_pos (h2e.mpr h2), if_pos h2]; rfl
  rw [if_neg (fun h => h2 (h2e.mp h)), if_neg h2]
  rw [U32.shr_eq exitCode 16 (by decide)]
  simp only [ok_bind]
  let pv0 : List UInt32 := [p.entry, exitCode &&& 65535, exitCode >>> 16, cycles.toUInt32,
    UInt64.toUInt32 inLen, UInt64.toUInt32 consumed, UInt64.toUInt32 outLen]
  apply loop_bind_ok _ _ _ _
    (P := fun s : List UInt32 × Usize => s.2.toNat ≤ 4 ∧
      s.1 = pv0 ++ (List.range s.2.toNat).flatMap (zeroPair (zeroPairs p)))
    (Q := fun r : List UInt32 × Usize =>
      r.1 = pv0 ++ (List.range 4).flatMap (zeroPair (zeroPairs p)))
  · rintro ⟨pv, j⟩ ⟨hj4, hpv⟩
    dsimp only at hj4 hpv ⊢
    by_cases hj : j < air.rv32im.statement.MAX_ZERO_INTERVALS
    · have hj' : j.toNat < 4 := by
        rw [UInt64.lt_iff_toNat_lt] at hj; exact hj
      have e : (j + 1).toNat = j.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(pv ++ zeroPair (zeroPairs p) j.toNat, j + 1), ?_, ?_, ?_, ?_⟩
      · by_cases hl : j < Slice.len p.zero_intervals
        · have hl' : j.toNat < p.zero_intervals.length := by
            rw [UInt64.lt_iff_toNat_lt, hzl] at hl; exact hl
          have hz' : (zeroPairs p)[j.toNat]? = some (p.zero_intervals[j.toNat].lo,
              p.zero_intervals[j.toNat].hi) := by
            simp only [zeroPairs, List.getElem?_map, List.getElem?_eq_getElem hl', Option.map_some]
          simp only [if_pos hj, if_pos hl, Slice.index_eq _ _ hl', ok_bind, pure_ok,
            Usize.add_eq j 1 (by simp; omega), Slice.push, zeroPair, hz', List.append_assoc,
            List.cons_append, List.nil_append]
        · have hl' : ¬ j.toNat < p.zero_intervals.length := by
            rw [UInt64.lt_iff_toNat_lt, hzl] at hl; exact hl
          have hz' : (zeroPairs p)[j.toNat]? = none := by
            simp only [zeroPairs, List.getElem?_map,
              List.getElem?_eq_none (by omega : p.zero_intervals.length ≤ j.toNat), Option.map_none]
          simp only [if_pos hj, if_neg hl, ok_bind, pure_ok, Usize.add_eq j 1 (by simp; omega),
            Slice.push, zeroPair, hz', List.append_assoc, List.cons_append, List.nil_append]
      · show 2 ^ 64 - (j + 1).toNat < 2 ^ 64 - j.toNat
        rw [e]; omega
      · show (j + 1).toNat ≤ 4
        rw [e]; omega
      · show pv ++ zeroPair (zeroPairs p) j.toNat =
          pv0 ++ (List.range (j + 1).toNat).flatMap (zeroPair (zeroPairs p))
        rw [e, List.range_succ, List.flatMap_append, hpv]
        simp
    · right
      have hj' : j.toNat = 4 := by
        rw [UInt64.lt_iff_toNat_lt] at hj
        have : ¬ j.toNat < 4 := hj
        omega
      refine ⟨(pv, j), by rw [if_neg hj]; rfl, ?_⟩
      show pv = _
      rw [hpv, hj']
  · exact ⟨by simp, by simp [pv0, Slice.push, Slice.withCapacity]⟩
  · rintro ⟨pv, j⟩ hq
    dsimp only at hq ⊢
    rw [hq]
    rfl

end Zkvm.Refinement.air.rv32im.statement

end
