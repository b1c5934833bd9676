module

public import Zkvm.Air.V2.AluComplete
public import Zkvm.Air.V2.AluJalr

/-!
# The ALU table: completeness of JALR

For every JALR request whose target `a + imm` is below `2^30` (the builder refuses the others:
honest targets are below `2^30`) and whose next pc is the semantics' target (the builder checks
it against the executor), the row the builder makes satisfies every group and its lookups.
-/

@[expose] public section

namespace Zkvm.Air.V2.Alu

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col Request

variable (q : Request)

set_option maxHeartbeats 400000 in
/-- **JALR**. -/
theorem jalr_complete (hop : q.op = .jalr) (hu : q.useImm = false)
    (hsmall : (q.a + q.imm).hi < 2 ^ 14)
    (hpc : q.nextPc = ((q.a + q.imm) &&& ~~~1#32).toNat) :
    Groups q.row ∧ Lookups q.row ∧ Inputs q.row := by
  have f0 : q.row fAdd = 0 := flag_row_zero q (by rw [hop]; decide)
  have f1 : q.row fSub = 0 := flag_row_zero q (by rw [hop]; decide)
  have f2 : q.row fSlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f3 : q.row fSltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f4 : q.row fBeq = 0 := flag_row_zero q (by rw [hop]; decide)
  have f5 : q.row fBne = 0 := flag_row_zero q (by rw [hop]; decide)
  have f6 : q.row fBlt = 0 := flag_row_zero q (by rw [hop]; decide)
  have f7 : q.row fBge = 0 := flag_row_zero q (by rw [hop]; decide)
  have f8 : q.row fBltu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f9 : q.row fBgeu = 0 := flag_row_zero q (by rw [hop]; decide)
  have f10 : q.row fJalr = 1 := flag_row_one q hop
  have hy : q.y = q.imm := by simp [Request.y, hu, hop]
  have er : q.res = q.a + q.imm := by simp [Request.res, hop, Op.adds, hy]
  have el : q.l = (q.a + q.imm).lo / 2 := by simp [Request.l, hop, er]
  have eh : q.h = 4 * (q.a + q.imm).hi := by simp [Request.h, hop, er]
  have e1 : q.k1 = (q.a.lo + q.imm.lo) / 65536 := by simp [Request.k1, hop, Op.adds, hy]
  have e2 : q.k2 = (q.a.toNat + q.imm.toNat) / 4294967296 := by
    simp [Request.k2, hop, Op.adds, hy]
  have esa : q.sa = (q.a + q.imm).toNat % 2 := by simp [Request.sa, hop, Op.signed, er]
  have hsy : q.sy = 0 := by simp [Request.sy, hop, Op.signed]
  have hlo := Word.lo_add q.a q.imm
  have hhi := Word.hi_add q.a q.imm
  have := Word.toNat_eq_limbs q.a
  have := Word.toNat_eq_limbs q.imm
  have := Word.toNat_eq_limbs (q.a + q.imm)
  have := q.a.lo_lt; have := q.imm.lo_lt; have := q.a.hi_lt; have := q.imm.hi_lt
  have := (q.a + q.imm).lo_lt; have := (q.a + q.imm).hi_lt
  have n0 : q.a.lo + q.imm.lo = 2 * q.l + q.sa + 65536 * q.k1 := by
    rw [el, esa, e1]; omega
  have n1 : 4 * (q.a.hi + q.imm.hi + q.k1) = q.h + 262144 * q.k2 := by
    rw [eh, e1, e2]; omega
  have n2 : (q.a + q.imm).hi + 65536 * q.k2 = q.a.hi + q.imm.hi + q.k1 := by
    rw [e1, e2]; omega
  have n3 : q.nextPc = 2 * q.l + 65536 * (q.a + q.imm).hi := by
    rw [hpc, toNat_and_not_one, el]; omega
  have hk1 : q.k1 ≤ 1 := by rw [e1]; omega
  have hk2 : q.k2 ≤ 1 := by rw [e2]; omega
  have hsa1 : q.sa ≤ 1 := by rw [esa]; omega
  have m0 := cast_eq n0
  have m1 := cast_eq n1
  have m2 := cast_eq n2
  have m3 := cast_eq n3
  simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at m0 m1 m2 m3
  have ca0 : q.row aLo = (q.a.lo : BabyBear) := rfl
  have ca1 : q.row aHi = (q.a.hi : BabyBear) := rfl
  have ci0 : q.row immLo = (q.imm.lo : BabyBear) := rfl
  have ci1 : q.row immHi = (q.imm.hi : BabyBear) := rfl
  have cb0 : q.row bLo = (q.b.lo : BabyBear) := rfl
  have cb1 : q.row bHi = (q.b.hi : BabyBear) := rfl
  have cpc : q.row nextPc = (q.nextPc : BabyBear) := rfl
  have cl : q.row L = (q.l : BabyBear) := rfl
  have ch : q.row H = (q.h : BabyBear) := rfl
  have ck1 : q.row k1 = (q.k1 : BabyBear) := rfl
  have ck2 : q.row k2 = (q.k2 : BabyBear) := rfl
  have csa : q.row sa = (q.sa : BabyBear) := rfl
  have hun : q.row useImm = 0 := by rw [row_useImm, hu]; rfl
  have hreal := real_row q
  refine ⟨⟨bool_flags_row q, bool_useImm_row q, ?_, ?_, ?_, ?_, by rw [hreal]; decide, ?_, ?_, ?_,
    ?_, ?_, ?_, ?_, ?_⟩, ⟨?_, ?_, ?_, ?_, ?_⟩, inputs_row q⟩
  · rw [ck1]; exact boolean_natCast hk1
  · rw [ck2]; exact boolean_natCast hk2
  · rw [csa]; exact boolean_natCast hsa1
  · rw [row_sy, hsy]; decide
  · grind
  · simp only [sigma, subtracts, yLo, immWeight]; grind
  · simp only [sigma, subtracts, yHi, immWeight, jalrHigh]; grind
  · simp only [jalrHigh]; grind
  · simp only [resultOps, expectedLo, signedLess]; grind
  · grind
  · simp only [eqBit]; grind
  · simp only [eqBit]; grind
  · intro _; rw [cl]; exact val_natCast_lt (by rw [el]; omega)
  · intro _; rw [ch]; exact val_natCast_lt (by rw [eh]; omega)
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; simp only [signed]; grind
  · intro h; exfalso; apply h; grind

end Zkvm.Air.V2.Alu
