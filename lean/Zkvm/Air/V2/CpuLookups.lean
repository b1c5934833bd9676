module

public import Zkvm.Air.V2.CpuCompleteRow
public import Zkvm.Air.V2.CpuBasic

/-!
# The CPU table: the gap lookups, both ways

`messages` sends, for each register port that is on (rs1 and rs2 with multiplicity is_real, rd
with f_wr), the U16 lookups of g_lo and of 8 g_hi (`bus::GAP_HI_SCALE`). `Lookups` states
them as facts about the row (each where its multiplicity is non-zero).
* Soundness: with them, every port that is on has its previous timestamp before its own
  (`ports_causal`, from `rs1_prev_lt`, `rs2_prev_lt`, `rd_prev_lt`).
* Completeness: the builder's row meets them when the gaps are below 2^29, as
  `Builder::access` checks (`Step.lookups_row`); a padding row sends none
  (`padding_lookups`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Cpu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

/-- The U16 lookups of the gaps, where their multiplicity is non-zero. -/
structure Lookups (r : Row BabyBear) : Prop where
  g1_lo : r isReal ≠ 0 → (r g1Lo).val < 2 ^ 16
  g1_hi : r isReal ≠ 0 → (8 * r g1Hi).val < 2 ^ 16
  g2_lo : r isReal ≠ 0 → (r g2Lo).val < 2 ^ 16
  g2_hi : r isReal ≠ 0 → (8 * r g2Hi).val < 2 ^ 16
  g3_lo : r fWr ≠ 0 → (r g3Lo).val < 2 ^ 16
  g3_hi : r fWr ≠ 0 → (8 * r g3Hi).val < 2 ^ 16

/-- **Causality of the CPU's register accesses**: on a real row, with the gap lookups, clk below
2^27 and previous timestamps at most 2^29, each port that is on has its previous timestamp
before its timestamp 4 clk + port + 1. -/
theorem ports_causal {w : Window BabyBear} (hg : Groups w) (hl : Lookups w.cur)
    (hr : w.cur isReal = 1) (hclk : (w.cur clk).val < 2 ^ 27) (h1 : (w.cur t1).val ≤ 2 ^ 29)
    (h2 : (w.cur t2).val ≤ 2 ^ 29) (h3 : (w.cur t3).val ≤ 2 ^ 29) :
    (w.cur t1).val < 4 * (w.cur clk).val + 1 ∧ (w.cur t2).val < 4 * (w.cur clk).val + 2 ∧
      (w.cur fWr = 1 → (w.cur t3).val < 4 * (w.cur clk).val + 3) := by
  have hr0 : w.cur isReal ≠ 0 := by rw [hr]; decide
  refine ⟨rs1_prev_lt hg hr (hl.g1_lo hr0) (hl.g1_hi hr0) hclk h1,
    rs2_prev_lt hg hr (hl.g2_lo hr0) (hl.g2_hi hr0) hclk h2, fun hw => ?_⟩
  have hw0 : w.cur fWr ≠ 0 := by rw [hw]; decide
  exact rd_prev_lt hg hw (hl.g3_lo hw0) (hl.g3_hi hw0) hclk h3

/-- The limbs of a gap below 2^29 pass the lookups. -/
theorem gap_limbs_lt (x : Access) {ts : Nat} (h : x.gap ts < 2 ^ 29) :
    ((x.gapLo ts : Nat) : BabyBear).val < 2 ^ 16 ∧
      (8 * ((x.gapHi ts : Nat) : BabyBear)).val < 2 ^ 16 := by
  have e : 8 * ((x.gapHi ts : Nat) : BabyBear) = ((8 * x.gapHi ts : Nat) : BabyBear) := by
    push_natCast
  have hlo : x.gapLo ts < 2 ^ 16 := Nat.mod_lt _ (by decide)
  have hhi : x.gapHi ts < 2 ^ 13 := by simp only [Access.gapHi]; omega
  rw [e, val_cast (by omega), val_cast (by omega)]
  omega

/-- A padding row sends no gap lookups. -/
theorem padding_lookups (c : Nat) : Lookups (paddingRow c) where
  g1_lo h := absurd rfl h
  g1_hi h := absurd rfl h
  g2_lo h := absurd rfl h
  g2_hi h := absurd rfl h
  g3_lo h := absurd rfl h
  g3_hi h := absurd rfl h

namespace Step

variable {q : Step}

/-- **The builder's row meets its lookups** when its gaps are below 2^29. -/
theorem lookups_row (hq : q.Ok) (h1 : q.acc1.gap q.ts1 < 2 ^ 29)
    (h2 : q.acc2.gap q.ts2 < 2 ^ 29) (h3 : ∀ x, q.acc3 = some x → x.gap q.ts3 < 2 ^ 29) :
    Lookups q.row where
  g1_lo _ := by rw [row_g1Lo]; exact (gap_limbs_lt _ h1).1
  g1_hi _ := by rw [row_g1Hi]; exact (gap_limbs_lt _ h1).2
  g2_lo _ := by rw [row_g2Lo]; exact (gap_limbs_lt _ h2).1
  g2_hi _ := by rw [row_g2Hi]; exact (gap_limbs_lt _ h2).2
  g3_lo hw := by
    rw [row_fWr] at hw
    have hb : q.bit 0 = 1 := by
      have := q.bit_lt 0
      rcases Nat.lt_or_ge (q.bit 0) 1 with h | h
      · exact absurd (cast_of_eq_zero (by omega)) hw
      · omega
    obtain ⟨x, hx, _⟩ := hq.rd_acc hb
    rw [row_g3Lo]
    simp only [Step.g3Lo, hx]
    exact (gap_limbs_lt x (h3 x hx)).1
  g3_hi hw := by
    rw [row_fWr] at hw
    have hb : q.bit 0 = 1 := by
      have := q.bit_lt 0
      rcases Nat.lt_or_ge (q.bit 0) 1 with h | h
      · exact absurd (cast_of_eq_zero (by omega)) hw
      · omega
    obtain ⟨x, hx, _⟩ := hq.rd_acc hb
    rw [row_g3Hi]
    simp only [Step.g3Hi, hx]
    exact (gap_limbs_lt x (h3 x hx)).2

end Step

end Zkvm.Air.V2.Cpu

end
