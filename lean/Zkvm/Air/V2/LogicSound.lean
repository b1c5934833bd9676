module

public import Zkvm.Air.V2.LogicBasic

/-!
# The LOGIC table: soundness of AND, OR, XOR (and ANDI, ORI, XORI)

On a row whose flag for the op is set, the groups (`Groups`) and the AND4 lookups (`Lookups`)
force c to be the semantics' result (`Zkvm.RiscV.AluOp.eval`) on a and y (y = imm for the
immediate forms, else b), with c's limbs and the EXEC message's a limbs below `2^16`:
`op_sound` for any of the three ops, and `and_sound`, `or_sound`, `xor_sound`.

The proof reads the nibble cells as numbers (the AND4 lookups bound them), computes each result
limb as the number of four nibble results (`resultLimb_eq`) and the word operation digit by
digit (`Op.word`); it never unfolds the 32 bits nor names a constraint by index.
-/

@[expose] public section

namespace Zkvm.Air.V2.Logic

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

variable {r : Row BabyBear}

theorem val_le_one {x : BabyBear} (h : boolean x = 0) : x.val ≤ 1 := Felt.val_le_one_of_bool h

theorem eq_zero_of_val {x : BabyBear} (h : x.val = 0) : x = 0 := BabyBear.eq_zero_iff_val.mpr h

theorem val_of_eq_one {x : BabyBear} (h : x = 1) : x.val = 1 := by rw [h]; rfl

theorem one_ne_zero : (1 : BabyBear) ≠ 0 := by decide

/-- The op flags' values add up to at most 1. -/
theorem flag_sum (hg : Groups r) : (r fXor).val + (r fOr).val + (r fAnd).val ≤ 1 := by
  have h0 := val_le_one (hg.bool_flags fXor (by simp [flags]))
  have h1 := val_le_one (hg.bool_flags fOr (by simp [flags]))
  have h2 := val_le_one (hg.bool_flags fAnd (by simp [flags]))
  have hP : P = 2013265921 := P_eq
  have hreal : real r = (((r fXor).val + (r fOr).val + (r fAnd).val : Nat) : BabyBear) := by
    simp only [Felt.natCast_add, Felt.natCast_val]; rfl
  have := val_le_one hg.one_op
  rw [hreal, BabyBear.val_natCast, Nat.mod_eq_of_lt (by omega)] at this
  exact this

/-- A set flag clears the others. -/
theorem only_flag (hg : Groups r) (o : Op) (hop : r o.flag = 1) :
    r fXor = (if o = .xor then 1 else 0) ∧ r fOr = (if o = .or then 1 else 0) ∧
      r fAnd = (if o = .and then 1 else 0) := by
  have s := flag_sum hg
  have v := val_of_eq_one hop
  cases o <;> simp only [Op.flag] at hop v <;> simp only [reduceCtorEq, if_true, if_false] <;>
    refine ⟨?_, ?_, ?_⟩ <;> first | exact hop | (apply eq_zero_of_val; omega)

/-- y's word is the one of its nibble sums. -/
theorem yWord_eq (hg : Groups r) : yWord r = WordLimbs.ofFelts (limb r y0) (limb r (y0 + 4)) := by
  have e0 := hg.y_lo
  have e1 := hg.y_hi
  unfold yLo at e0
  unfold yHi at e1
  rcases eq_zero_or_one_of_mul_sub_one hg.bool_useImm with hu | hu
  · rw [yWord, if_neg (by rw [hu]; decide), bWord]
    rw [hu] at e0 e1
    have l : r bLo = limb r y0 := by grind
    have h : r bHi = limb r (y0 + 4) := by grind
    rw [l, h]
  · rw [yWord, if_pos hu, immWord]
    rw [hu] at e0 e1
    have l : r immLo = limb r y0 := by grind
    have h : r immHi = limb r (y0 + 4) := by grind
    rw [l, h]

/-- **AND, OR, XOR and their immediate forms**: c = a op y. -/
theorem op_sound (o : Op) (hg : Groups r) (hl : Lookups r) (hop : r o.flag = 1) :
    cWord r = o.alu.eval (aWord r) (yWord r) ∧ (r cLo).val < 2 ^ 16 ∧ (r cHi).val < 2 ^ 16 ∧
      (limb r a0).val < 2 ^ 16 ∧ (limb r (a0 + 4)).val < 2 ^ 16 := by
  obtain ⟨hx, ho, ha⟩ := only_flag hg o hop
  have hreal : real r = 1 := by
    unfold real; rw [hx, ho, ha]; cases o <;> decide
  have N := hl.and4 (by rw [hreal]; exact one_ne_zero)
  have F0 : NibbleFacts r 0 := fun j hj => by
    have := N j (by omega); simp only [Nat.add_zero]; exact this
  have F4 : NibbleFacts r 4 := fun j hj => by
    have := N (4 + j) (by omega); simp only [← Nat.add_assoc] at this; exact this
  have hxa : ∀ i, i < 8 → (fun i => (r (a0 + i)).val) i < 16 := fun i hi => (N i hi).1
  have hya : ∀ i, i < 8 → (fun i => (r (y0 + i)).val) i < 16 := fun i hi => (N i hi).2.1
  have c0 := eq_of_sub_eq_zero hg.c_lo
  have c1 := eq_of_sub_eq_zero hg.c_hi
  rw [resultLimb_eq o hx ho ha F0] at c0
  rw [resultLimb_eq o hx ho ha F4] at c1
  have hc0 : (r cLo).val = nib (o.nat (r (a0 + 0)).val (r (y0 + 0)).val)
      (o.nat (r (a0 + 1)).val (r (y0 + 1)).val) (o.nat (r (a0 + 2)).val (r (y0 + 2)).val)
      (o.nat (r (a0 + 3)).val (r (y0 + 3)).val) := by
    rw [c0]
    exact val_natCast_lt (nib_lt (o.nat_lt (hxa 0 (by omega)) (hya 0 (by omega)))
      (o.nat_lt (hxa 1 (by omega)) (hya 1 (by omega)))
      (o.nat_lt (hxa 2 (by omega)) (hya 2 (by omega)))
      (o.nat_lt (hxa 3 (by omega)) (hya 3 (by omega))))
  have hc1 : (r cHi).val = nib (o.nat (r (a0 + 4)).val (r (y0 + 4)).val)
      (o.nat (r (a0 + 5)).val (r (y0 + 5)).val) (o.nat (r (a0 + 6)).val (r (y0 + 6)).val)
      (o.nat (r (a0 + 7)).val (r (y0 + 7)).val) := by
    rw [c1]
    exact val_natCast_lt (nib_lt (o.nat_lt (hxa 4 (by omega)) (hya 4 (by omega)))
      (o.nat_lt (hxa 5 (by omega)) (hya 5 (by omega)))
      (o.nat_lt (hxa 6 (by omega)) (hya 6 (by omega)))
      (o.nat_lt (hxa 7 (by omega)) (hya 7 (by omega))))
  have lc0 : (r cLo).val < 2 ^ 16 := by
    rw [hc0]
    exact nib_lt (o.nat_lt (hxa 0 (by omega)) (hya 0 (by omega)))
      (o.nat_lt (hxa 1 (by omega)) (hya 1 (by omega)))
      (o.nat_lt (hxa 2 (by omega)) (hya 2 (by omega)))
      (o.nat_lt (hxa 3 (by omega)) (hya 3 (by omega)))
  have lc1 : (r cHi).val < 2 ^ 16 := by
    rw [hc1]
    exact nib_lt (o.nat_lt (hxa 4 (by omega)) (hya 4 (by omega)))
      (o.nat_lt (hxa 5 (by omega)) (hya 5 (by omega)))
      (o.nat_lt (hxa 6 (by omega)) (hya 6 (by omega)))
      (o.nat_lt (hxa 7 (by omega)) (hya 7 (by omega)))
  have la0 : (limb r a0).val = nib (r (a0 + 0)).val (r (a0 + 1)).val (r (a0 + 2)).val
      (r (a0 + 3)).val :=
    limb_val r a0 (hxa 0 (by omega)) (hxa 1 (by omega)) (hxa 2 (by omega)) (hxa 3 (by omega))
  have la1 : (limb r (a0 + 4)).val = nib (r (a0 + 4)).val (r (a0 + 5)).val (r (a0 + 6)).val
      (r (a0 + 7)).val :=
    limb_val r (a0 + 4) (hxa 4 (by omega)) (hxa 5 (by omega)) (hxa 6 (by omega))
      (hxa 7 (by omega))
  have ly0 : (limb r y0).val = nib (r (y0 + 0)).val (r (y0 + 1)).val (r (y0 + 2)).val
      (r (y0 + 3)).val :=
    limb_val r y0 (hya 0 (by omega)) (hya 1 (by omega)) (hya 2 (by omega)) (hya 3 (by omega))
  have ly1 : (limb r (y0 + 4)).val = nib (r (y0 + 4)).val (r (y0 + 5)).val (r (y0 + 6)).val
      (r (y0 + 7)).val :=
    limb_val r (y0 + 4) (hya 4 (by omega)) (hya 5 (by omega)) (hya 6 (by omega))
      (hya 7 (by omega))
  have la0' : (limb r a0).val < 2 ^ 16 := by
    rw [la0]; exact nib_lt (hxa 0 (by omega)) (hxa 1 (by omega)) (hxa 2 (by omega))
      (hxa 3 (by omega))
  have la1' : (limb r (a0 + 4)).val < 2 ^ 16 := by
    rw [la1]; exact nib_lt (hxa 4 (by omega)) (hxa 5 (by omega)) (hxa 6 (by omega))
      (hxa 7 (by omega))
  have ly0' : (limb r y0).val < 2 ^ 16 := by
    rw [ly0]; exact nib_lt (hya 0 (by omega)) (hya 1 (by omega)) (hya 2 (by omega))
      (hya 3 (by omega))
  have ly1' : (limb r (y0 + 4)).val < 2 ^ 16 := by
    rw [ly1]; exact nib_lt (hya 4 (by omega)) (hya 5 (by omega)) (hya 6 (by omega))
      (hya 7 (by omega))
  refine ⟨?_, lc0, lc1, la0', la1'⟩
  apply BitVec.eq_of_toNat_eq
  rw [Op.toNat_eval, yWord_eq hg, aWord, cWord, WordLimbs.toNat_ofFelts lc0 lc1,
    WordLimbs.toNat_ofFelts la0' la1', WordLimbs.toNat_ofFelts ly0' ly1', hc0, hc1, la0, la1,
    ly0, ly1]
  exact (o.word hxa hya).symm

theorem and_sound (hg : Groups r) (hl : Lookups r) (hop : r fAnd = 1) :
    cWord r = AluOp.and.eval (aWord r) (yWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 ∧ (limb r a0).val < 2 ^ 16 ∧ (limb r (a0 + 4)).val < 2 ^ 16 :=
  op_sound .and hg hl hop

theorem or_sound (hg : Groups r) (hl : Lookups r) (hop : r fOr = 1) :
    cWord r = AluOp.or.eval (aWord r) (yWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 ∧ (limb r a0).val < 2 ^ 16 ∧ (limb r (a0 + 4)).val < 2 ^ 16 :=
  op_sound .or hg hl hop

theorem xor_sound (hg : Groups r) (hl : Lookups r) (hop : r fXor = 1) :
    cWord r = AluOp.xor.eval (aWord r) (yWord r) ∧ (r cLo).val < 2 ^ 16 ∧
      (r cHi).val < 2 ^ 16 ∧ (limb r a0).val < 2 ^ 16 ∧ (limb r (a0 + 4)).val < 2 ^ 16 :=
  op_sound .xor hg hl hop

end Zkvm.Air.V2.Logic
