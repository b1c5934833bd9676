module

public import Zkvm.Air.V2.DivUnsigned

/-!
# The DIV table: soundness of DIVU and REMU

`divu_sound`, `remu_sound`: on a row whose flag for the op is set, the groups, the lookups and a
well-formed a force c to be `MulOp.eval` on a and b (division by zero included), with c's limbs
below `2^16`. From `unsigned_core` and `DivLimbs.divu_remu_of_identity`.
-/

@[expose] public section

namespace Zkvm.Air.V2.Div

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col
open Zkvm.Air.V2.Mul (eq_zero_of_val val_of_eq_one one_ne_zero)

variable {r : Row BabyBear}

/-- **DIVU**: c = a / b (all ones for b = 0). -/
theorem divu_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fDivu = 1) :
    cWord r = MulOp.divu.eval (aWord r) (bWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 := by
  have s := flag_sum hg
  have v := val_of_eq_one hop
  have z0 : r fDiv = 0 := eq_zero_of_val (by omega)
  have z2 : r fRem = 0 := eq_zero_of_val (by omega)
  have z3 : r fRemu = 0 := eq_zero_of_val (by omega)
  have hreal : real r = 1 := by unfold real; rw [z0, hop, z2, z3]; decide
  have hsg : signed r = 0 := by unfold signed; rw [z0, z2]; decide
  have hq : quotient r = 1 := by unfold quotient; rw [z0, hop]; decide
  obtain ⟨hid, hcase, lq0, lq1, _, _⟩ := unsigned_core hg hl hi hreal hsg
  have c0 : r cLo = qLo r := by have e := hg.c_q_lo; rw [hq] at e; grind
  have c1 : r cHi = qHi r := by have e := hg.c_q_hi; rw [hq] at e; grind
  have hc : cWord r = qWord r := by rw [cWord, qWord, c0, c1]
  refine ⟨?_, by rw [c0]; exact lq0, by rw [c1]; exact lq1⟩
  rw [hc]
  rcases hcase with ⟨hb, hlt⟩ | ⟨hb, hq1⟩
  · exact (DivLimbs.divu_remu_of_identity (q := qWord r) (r := rWord r) hb hid.symm hlt).1.symm
  · rw [hb, hq1]; simp [MulOp.eval]

/-- **REMU**: c = a mod b (a for b = 0). -/
theorem remu_sound (hg : Groups r) (hl : Lookups r) (hi : Inputs r) (hop : r fRemu = 1) :
    cWord r = MulOp.remu.eval (aWord r) (bWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 := by
  have s := flag_sum hg
  have v := val_of_eq_one hop
  have z0 : r fDiv = 0 := eq_zero_of_val (by omega)
  have z1 : r fDivu = 0 := eq_zero_of_val (by omega)
  have z2 : r fRem = 0 := eq_zero_of_val (by omega)
  have hreal : real r = 1 := by unfold real; rw [z0, z1, z2, hop]; decide
  have hsg : signed r = 0 := by unfold signed; rw [z0, z2]; decide
  have hm : remainder r = 1 := by unfold remainder; rw [z2, hop]; decide
  obtain ⟨hid, hcase, _, _, lr0, lr1⟩ := unsigned_core hg hl hi hreal hsg
  have c0 : r cLo = r rLo := by have e := hg.c_r_lo; rw [hm] at e; grind
  have c1 : r cHi = r rHi := by have e := hg.c_r_hi; rw [hm] at e; grind
  have hc : cWord r = rWord r := by rw [cWord, rWord, c0, c1]
  refine ⟨?_, by rw [c0]; exact lr0, by rw [c1]; exact lr1⟩
  rw [hc]
  rcases hcase with ⟨hb, hlt⟩ | ⟨hb, _⟩
  · exact (DivLimbs.divu_remu_of_identity (q := qWord r) (r := rWord r) hb hid.symm hlt).2.symm
  · rw [hb] at hid ⊢
    simp only [MulOp.eval, if_true]
    apply BitVec.eq_of_toNat_eq
    have : (0 : Word).toNat = 0 := rfl
    rw [this, Nat.mul_zero, Nat.zero_add] at hid
    exact hid
