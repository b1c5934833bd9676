module

public import Zkvm.Air.V2.MemBuilder

/-!
# The MEM table: the builder's cells as numbers

The cells of `Request.row` (`MemBuilder`) are written with shifts and masks, as the Rust code
writes them; here they are read as quotients and remainders (`aLo_eq`, …), and the address
facts the groups need are proved on numbers: the low limb is `4 q + lane` with `lane = addr mod
4` (`addr_split`), the carry equation (`carry_eq`) and the high-limb equation with its wrap
(`hi_eq`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

namespace Request

variable (q : Request)

theorem and_mask16 (x : Nat) : x &&& 0xFFFF = x % 2 ^ 16 := by
  rw [(by decide : (0xFFFF : Nat) = 2 ^ 16 - 1), Nat.and_two_pow_sub_one_eq_mod]

theorem and_mask8 (x : Nat) : x &&& 0xFF = x % 2 ^ 8 := by
  rw [(by decide : (0xFF : Nat) = 2 ^ 8 - 1), Nat.and_two_pow_sub_one_eq_mod]

theorem and_mask2 (x : Nat) : x &&& 3 = x % 2 ^ 2 := by
  rw [(by decide : (3 : Nat) = 2 ^ 2 - 1), Nat.and_two_pow_sub_one_eq_mod]

theorem addr_eq : q.addr = (q.a.toNat + q.imm.toNat) % 2 ^ 32 := by
  simp only [addr, BitVec.toNat_add]

theorem addr_lt : q.addr < 2 ^ 32 := (q.a + q.imm).isLt

theorem lane_eq : q.lane = q.addr % 4 := by rw [lane, and_mask2]

/-- The carry of the low limbs. -/
def carry : Nat := ((q.a.toNat &&& 0xFFFF) + (q.imm.toNat &&& 0xFFFF)) >>> 16

def qCell : Nat := (q.addr &&& 0xFFFF) >>> 2

theorem qCell_eq : q.qCell = q.addr % 2 ^ 16 / 4 := by
  rw [qCell, and_mask16, Nat.shiftRight_eq_div_pow]

theorem carry_eq :
    q.a.toNat % 2 ^ 16 + q.imm.toNat % 2 ^ 16 = 4 * q.qCell + q.lane + 65536 * q.carry ∧
      q.carry ≤ 1 := by
  rw [qCell_eq, lane_eq, carry, and_mask16, and_mask16, Nat.shiftRight_eq_div_pow, addr_eq]
  have := q.a.isLt
  have := q.imm.isLt
  omega

theorem hi_eq : ∃ e, e ≤ 1 ∧
    q.a.toNat / 2 ^ 16 + q.imm.toNat / 2 ^ 16 + q.carry = q.addr / 2 ^ 16 + 65536 * e := by
  rw [carry, and_mask16, and_mask16, Nat.shiftRight_eq_div_pow, addr_eq]
  have := q.a.isLt
  have := q.imm.isLt
  refine ⟨(q.a.toNat / 2 ^ 16 + q.imm.toNat / 2 ^ 16 +
      (q.a.toNat % 2 ^ 16 + q.imm.toNat % 2 ^ 16) / 2 ^ 16) / 2 ^ 16, ?_, ?_⟩ <;> omega

theorem addr_split : q.addr % 2 ^ 16 = 4 * q.qCell + q.lane ∧ q.qCell < 2 ^ 14 ∧ q.lane < 4 := by
  rw [qCell_eq, lane_eq]
  omega

/-! ## The row's cells -/

theorem row_fLb : q.row Col.fLb = ((q.flagCell .lb : Nat) : BabyBear) := rfl
theorem row_fLh : q.row Col.fLh = ((q.flagCell .lh : Nat) : BabyBear) := rfl
theorem row_fLw : q.row Col.fLw = ((q.flagCell .lw : Nat) : BabyBear) := rfl
theorem row_fLbu : q.row Col.fLbu = ((q.flagCell .lbu : Nat) : BabyBear) := rfl
theorem row_fLhu : q.row Col.fLhu = ((q.flagCell .lhu : Nat) : BabyBear) := rfl
theorem row_fSb : q.row Col.fSb = ((q.flagCell .sb : Nat) : BabyBear) := rfl
theorem row_fSh : q.row Col.fSh = ((q.flagCell .sh : Nat) : BabyBear) := rfl
theorem row_fSw : q.row Col.fSw = ((q.flagCell .sw : Nat) : BabyBear) := rfl
theorem row_clk : q.row Col.clk = ((q.clk : Nat) : BabyBear) := rfl
theorem row_aLo : q.row Col.aLo = ((q.a.toNat &&& 0xFFFF : Nat) : BabyBear) := rfl
theorem row_aHi : q.row Col.aHi = ((q.a.toNat >>> 16 : Nat) : BabyBear) := rfl
theorem row_bLo : q.row Col.bLo = ((q.b.toNat &&& 0xFFFF : Nat) : BabyBear) := rfl
theorem row_bHi : q.row Col.bHi = ((q.b.toNat >>> 16 : Nat) : BabyBear) := rfl
theorem row_cLo : q.row Col.cLo = ((q.c &&& 0xFFFF : Nat) : BabyBear) := rfl
theorem row_cHi : q.row Col.cHi = ((q.c >>> 16 : Nat) : BabyBear) := rfl
theorem row_immLo : q.row Col.immLo = ((q.imm.toNat &&& 0xFFFF : Nat) : BabyBear) := rfl
theorem row_immHi : q.row Col.immHi = ((q.imm.toNat >>> 16 : Nat) : BabyBear) := rfl
theorem row_nextPc : q.row Col.nextPc = ((q.nextPc : Nat) : BabyBear) := rfl
theorem row_q : q.row Col.q = ((q.qCell : Nat) : BabyBear) := rfl
theorem row_addrHi : q.row Col.addrHi = ((q.addr >>> 16 : Nat) : BabyBear) := rfl
theorem row_carry : q.row Col.carry = ((q.carry : Nat) : BabyBear) := rfl
theorem row_l1 : q.row Col.l1 = ((q.laneCell 1 : Nat) : BabyBear) := rfl
theorem row_l2 : q.row Col.l2 = ((q.laneCell 2 : Nat) : BabyBear) := rfl
theorem row_l3 : q.row Col.l3 = ((q.laneCell 3 : Nat) : BabyBear) := rfl
theorem row_rom : q.row Col.rom = ((if q.rom then 1 else 0 : Nat) : BabyBear) := rfl
theorem row_oldLo : q.row Col.oldLo = ((q.old.toNat &&& 0xFFFF : Nat) : BabyBear) := rfl
theorem row_oldHi : q.row Col.oldHi = ((q.old.toNat >>> 16 : Nat) : BabyBear) := rfl
theorem row_newLo : q.row Col.newLo = ((q.new &&& 0xFFFF : Nat) : BabyBear) := rfl
theorem row_newHi : q.row Col.newHi = ((q.new >>> 16 : Nat) : BabyBear) := rfl
theorem row_prevTs : q.row Col.prevTs = ((q.prevTs : Nat) : BabyBear) := rfl
theorem row_gLo : q.row Col.gLo = ((q.gap &&& 0xFFFF : Nat) : BabyBear) := rfl
theorem row_gHi : q.row Col.gHi = ((q.gap >>> 16 : Nat) : BabyBear) := rfl
theorem row_x0 : q.row Col.x0 = ((q.x0 : Nat) : BabyBear) := rfl
theorem row_x1 : q.row Col.x1 = ((q.x1 : Nat) : BabyBear) := rfl
theorem row_v : q.row Col.v = ((q.v : Nat) : BabyBear) := rfl
theorem row_s : q.row Col.s = ((q.s : Nat) : BabyBear) := rfl
theorem row_y1 : q.row Col.y1 = ((q.y1 : Nat) : BabyBear) := rfl

end Request

end Zkvm.Air.V2.Mem

end
