module

public import Zkvm.Air.V2.MemCompleteCommon

/-!
# The MEM table: the builder's row meets the flag, lane, address, space and causality groups

For every request the builder accepts (`Request.Ok`), the row of `Request.row` meets the groups
of docs/air.md §7.1 that do not depend on the op's values (`CommonGroups`, `common_groups`) and
its U16 lookups of the gap, q and the address limbs hold (`common_lookups`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

/-- The groups of docs/air.md §7.1 that do not depend on the op's values: flags, lanes,
alignment, address, space, causality. -/
structure CommonGroups (r : Row BabyBear) : Prop where
  bool_flags : ∀ c ∈ flags, boolean (r c) = 0
  one_op : boolean (real r) = 0
  bool_l0 : boolean (lane0 r) = 0
  bool_l1 : boolean (r l1) = 0
  bool_l2 : boolean (r l2) = 0
  bool_l3 : boolean (r l3) = 0
  align : halves r * (r l1 + r l3) = 0
  bool_carry : boolean (r carry) = 0
  addr_lo : r aLo + r immLo - addrLo r - 65536 * r carry = 0
  addr_hi : kHi r * (kHi r - 65536) = 0
  bool_rom : boolean (r rom) = 0
  store_ram : isStore r * r rom = 0
  causal : real r * (gap r - expectedGap r) = 0

namespace Request

variable {q : Request}

theorem flagCell_le (o : Op) : q.flagCell o ≤ 1 := by unfold flagCell; split <;> omega

theorem laneCell_le (k : Nat) : q.laneCell k ≤ 1 := by unfold laneCell; split <;> omega

/-- The lane cells encode the lane. -/
theorem laneCells_sum : q.laneCell 1 + 2 * q.laneCell 2 + 3 * q.laneCell 3 = q.lane := by
  have := (addr_split q).2.2
  simp only [laneCell]
  rcases (by omega : q.lane = 0 ∨ q.lane = 1 ∨ q.lane = 2 ∨ q.lane = 3) with h | h | h | h <;>
    rw [h] <;> decide

theorem common_groups (hq : q.Ok) : CommonGroups q.row := by
  have hP : P = 2013265921 := P_eq
  obtain ⟨hc, hc1⟩ := carry_eq q
  obtain ⟨e, he, hh⟩ := hi_eq q
  have hs := laneCells_sum (q := q)
  refine
    { bool_flags := ?_, one_op := ?_, bool_l0 := ?_, bool_l1 := ?_, bool_l2 := ?_,
      bool_l3 := ?_, align := ?_, bool_carry := ?_, addr_lo := ?_, addr_hi := ?_,
      bool_rom := ?_, store_ram := ?_, causal := ?_ }
  · intro c hc
    simp only [flags, List.mem_cons, List.not_mem_nil, or_false] at hc
    rcases hc with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl <;>
      exact bool_cast (flagCell_le _)
  · rw [real_row]; decide
  · rw [(lanes_row hq).1]; exact bool_cast (by split <;> omega)
  · rw [row_l1]; exact bool_cast (laneCell_le _)
  · rw [row_l2]; exact bool_cast (laneCell_le _)
  · rw [row_l3]; exact bool_cast (laneCell_le _)
  · rw [halves_row, row_l1, row_l3]
    by_cases hw : q.width = 2
    · have ha := hq.aligned
      rw [hw] at ha
      have hl := lane_eq q
      simp only [laneCell]
      rw [if_pos hw, if_neg (by omega), if_neg (by omega)]
      decide
    · rw [if_neg hw]; grind
  · rw [row_carry]; exact bool_cast hc1
  · unfold addrLo
    rw [row_aLo, row_immLo, row_q, row_l1, row_l2, row_l3, row_carry]
    have N : (q.a.toNat &&& 0xFFFF) + (q.imm.toNat &&& 0xFFFF) =
        4 * q.qCell + (q.laneCell 1 + 2 * q.laneCell 2 + 3 * q.laneCell 3) + 65536 * q.carry := by
      rw [and_mask16, and_mask16]; omega
    have := cast_eq N
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at this
    grind
  · unfold kHi
    rw [row_aHi, row_immHi, row_carry, row_addrHi]
    have N : (q.a.toNat >>> 16) + (q.imm.toNat >>> 16) + q.carry = (q.addr >>> 16) + 65536 * e := by
      simp only [Nat.shiftRight_eq_div_pow]; omega
    have := cast_eq N
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at this
    rcases (by omega : e = 0 ∨ e = 1) with rfl | rfl
    · simp only [Felt.natCast_zero] at this; grind
    · simp only [Felt.natCast_one] at this; grind
  · rw [row_rom]; exact bool_cast (by split <;> omega)
  · rw [isStore_row, row_rom]
    cases hst : q.isStore
    · simp only [Bool.false_eq_true, if_false, Felt.natCast_zero]; grind
    · rw [hq.ram hst]; simp only [if_true, Bool.false_eq_true, if_false, Felt.natCast_zero]; grind
  · rw [real_row]
    unfold Mem.gap expectedGap timestamp
    rw [row_gLo, row_gHi, row_prevTs, row_clk]
    have hc := hq.causal
    have N : (q.gap &&& 0xFFFF) + 65536 * (q.gap >>> 16) + q.prevTs + 1 = 4 * q.clk + 4 := by
      rw [and_mask16, Nat.shiftRight_eq_div_pow]
      simp only [Request.gap, ts] at hc ⊢
      omega
    have := cast_eq N
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at this
    grind

end Request

end Zkvm.Air.V2.Mem

end
