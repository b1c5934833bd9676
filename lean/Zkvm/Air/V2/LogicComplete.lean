module

public import Zkvm.Air.V2.LogicBuilder

/-!
# The LOGIC table: completeness of AND, OR, XOR (and ANDI, ORI, XORI)

For every request (any op, immediate form or not, any a, b, imm), the row the builder makes
(`Request.row`) satisfies every group (`Groups`), its AND4 lookups hold (`Lookups`), the EXEC
message's a is the request's a, y is the request's y, and c is the semantics' result on a and
y: `op_complete`.
-/

@[expose] public section

namespace Zkvm.Air.V2.Logic

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col Request

/-- One nibble, from numbers: `a op y` is `Op.comb` of a, y and `a &&& y`, cast. -/
theorem Op.nibble_cast (o : Op) {x y : Nat} (hx : x < 16) (hy : y < 16) :
    ((o.nat x y : Nat) : BabyBear) =
      o.comb ((x : Nat) : BabyBear) ((y : Nat) : BabyBear) ((x &&& y : Nat) : BabyBear) := by
  have hn : x &&& y < 16 := Nat.and_lt_two_pow (n := 4) x hy
  have e := o.nibble (a := ((x : Nat) : BabyBear)) (y := ((y : Nat) : BabyBear))
    (n := ((x &&& y : Nat) : BabyBear)) (by rw [val_natCast_lt (n := x) (by omega)]; exact hx)
    (by rw [val_natCast_lt (n := y) (by omega)]; exact hy)
    (by
      rw [val_natCast_lt (n := x &&& y) (by omega), val_natCast_lt (n := x) (by omega),
        val_natCast_lt (n := y) (by omega)])
  rw [val_natCast_lt (n := x) (by omega), val_natCast_lt (n := y) (by omega)] at e
  exact e

/-- Four nibble cells given as numbers make the limb of their number. -/
theorem limb_of_cells {r : Row BabyBear} {first : Nat} {x : Nat → Nat}
    (h : ∀ j, j < 4 → r (first + j) = ((x j : Nat) : BabyBear)) :
    limb r first = ((nib (x 0) (x 1) (x 2) (x 3) : Nat) : BabyBear) := by
  have h0 := h 0 (by omega)
  simp only [Nat.add_zero] at h0
  unfold limb nib
  rw [h0, h 1 (by omega), h 2 (by omega), h 3 (by omega)]
  simp only [Felt.natCast_add, Felt.natCast_mul]
  have h16 : ((16 : Nat) : BabyBear) = 16 := rfl
  rw [h16]
  grind

/-- The result limb, from nibble cells given as numbers. -/
theorem resultLimb_of_cells (o : Op) {r : Row BabyBear} {first : Nat} {x y : Nat → Nat}
    (hx : r fXor = if o = .xor then 1 else 0) (ho : r fOr = if o = .or then 1 else 0)
    (ha : r fAnd = if o = .and then 1 else 0)
    (bx : ∀ j, j < 4 → x j < 16) (bY : ∀ j, j < 4 → y j < 16)
    (ca : ∀ j, j < 4 → r (a0 + first + j) = ((x j : Nat) : BabyBear))
    (cy : ∀ j, j < 4 → r (y0 + first + j) = ((y j : Nat) : BabyBear))
    (cn : ∀ j, j < 4 → r (n0 + first + j) = ((x j &&& y j : Nat) : BabyBear)) :
    resultLimb r first =
      ((nib (o.nat (x 0) (y 0)) (o.nat (x 1) (y 1)) (o.nat (x 2) (y 2)) (o.nat (x 3) (y 3)) :
        Nat) : BabyBear) := by
  unfold resultLimb
  rw [limb_of_cells ca, limb_of_cells cy, limb_of_cells cn]
  unfold nib
  simp only [Felt.natCast_add, Felt.natCast_mul]
  rw [o.nibble_cast (bx 0 (by omega)) (bY 0 (by omega)),
    o.nibble_cast (bx 1 (by omega)) (bY 1 (by omega)),
    o.nibble_cast (bx 2 (by omega)) (bY 2 (by omega)),
    o.nibble_cast (bx 3 (by omega)) (bY 3 (by omega))]
  have h16 : ((16 : Nat) : BabyBear) = 16 := rfl
  rw [h16]
  cases o <;> simp only [Op.comb, reduceCtorEq, if_true, if_false] at hx ho ha ⊢ <;>
    rw [hx, ho, ha] <;> grind

theorem boolean_flagCell (q : Request) (o : Op) : boolean (q.flagCell o) = 0 := by
  unfold Request.flagCell; split <;> decide

/-- c is the semantics' result on a and y. -/
theorem Request.c_eq (q : Request) : q.c = q.op.alu.eval q.a q.y := by
  unfold Request.c; cases q.op <;> rfl

/-- c's limbs are the numbers of the nibble results. -/
theorem Request.c_limbs (q : Request) :
    q.c.lo = nib (q.op.nat (q.an 0) (q.yn 0)) (q.op.nat (q.an 1) (q.yn 1))
        (q.op.nat (q.an 2) (q.yn 2)) (q.op.nat (q.an 3) (q.yn 3)) ∧
      q.c.hi = nib (q.op.nat (q.an 4) (q.yn 4)) (q.op.nat (q.an 5) (q.yn 5))
        (q.op.nat (q.an 6) (q.yn 6)) (q.op.nat (q.an 7) (q.yn 7)) := by
  have e := q.op.word (x := nibble q.a) (y := nibble q.y) (fun i _ => nibble_lt _ i)
    (fun i _ => nibble_lt _ i)
  rw [nib_lo, nib_hi, nib_lo, nib_hi] at e
  have ta := Word.toNat_eq_limbs q.a
  have ty := Word.toNat_eq_limbs q.y
  simp only [Nat.reducePow] at ta ty
  rw [← ta, ← ty, ← Op.toNat_eval, ← Request.c_eq] at e
  have tc := Word.toNat_eq_limbs q.c
  have l0 := q.c.lo_lt
  have l1 := q.c.hi_lt
  have b0 := nib_lt (q.op.nat_lt (nibble_lt q.a 0) (nibble_lt q.y 0))
    (q.op.nat_lt (nibble_lt q.a 1) (nibble_lt q.y 1))
    (q.op.nat_lt (nibble_lt q.a 2) (nibble_lt q.y 2))
    (q.op.nat_lt (nibble_lt q.a 3) (nibble_lt q.y 3))
  have b1 := nib_lt (q.op.nat_lt (nibble_lt q.a 4) (nibble_lt q.y 4))
    (q.op.nat_lt (nibble_lt q.a 5) (nibble_lt q.y 5))
    (q.op.nat_lt (nibble_lt q.a 6) (nibble_lt q.y 6))
    (q.op.nat_lt (nibble_lt q.a 7) (nibble_lt q.y 7))
  simp only [Request.an, Request.yn]
  omega

/-- **AND, OR, XOR and their immediate forms**: the builder's row satisfies the groups and the
lookups, carries a and y, and its c is `a op y`. -/
theorem op_complete (q : Request) :
    Groups q.row ∧ Lookups q.row ∧ aWord q.row = q.a ∧ yWord q.row = q.y ∧
      cWord q.row = q.op.alu.eval q.a q.y := by
  have hx : q.row fXor = if q.op = .xor then 1 else 0 := rfl
  have ho : q.row fOr = if q.op = .or then 1 else 0 := rfl
  have ha : q.row fAnd = if q.op = .and then 1 else 0 := rfl
  have hreal : real q.row = 1 := by
    unfold real; rw [hx, ho, ha]; cases q.op <;> decide
  have bu : boolean (q.row Col.useImm) = 0 := by
    rw [row_useImm]; cases q.useImm <;> decide
  -- the nibble cells, with their numbers
  have ca : ∀ first, first + 4 ≤ 8 → ∀ j, j < 4 →
      q.row (a0 + first + j) = ((q.an (first + j) : Nat) : BabyBear) := fun first hf j hj => by
    rw [Nat.add_assoc]; exact row_a q (by omega)
  have cy : ∀ first, first + 4 ≤ 8 → ∀ j, j < 4 →
      q.row (y0 + first + j) = ((q.yn (first + j) : Nat) : BabyBear) := fun first hf j hj => by
    rw [Nat.add_assoc]; exact row_y q (by omega)
  have cn : ∀ first, first + 4 ≤ 8 → ∀ j, j < 4 → q.row (n0 + first + j) =
      ((q.an (first + j) &&& q.yn (first + j) : Nat) : BabyBear) := fun first hf j hj => by
    rw [Nat.add_assoc]; exact row_n q (by omega)
  have ba : ∀ i, q.an i < 16 := fun i => nibble_lt _ i
  have bY : ∀ i, q.yn i < 16 := fun i => nibble_lt _ i
  have r0 := resultLimb_of_cells q.op hx ho ha (x := fun j => q.an (0 + j))
    (y := fun j => q.yn (0 + j)) (fun j _ => ba _) (fun j _ => bY _) (ca 0 (by omega))
    (cy 0 (by omega)) (cn 0 (by omega))
  have r4 := resultLimb_of_cells q.op hx ho ha (x := fun j => q.an (4 + j))
    (y := fun j => q.yn (4 + j)) (fun j _ => ba _) (fun j _ => bY _) (ca 4 (by omega))
    (cy 4 (by omega)) (cn 4 (by omega))
  obtain ⟨cl, ch⟩ := q.c_limbs
  -- the limbs of a and y
  have la0 := limb_of_cells (r := q.row) (first := a0) (x := fun j => q.an j) (fun j hj => by
    have := ca 0 (by omega) j hj; simp only [Nat.add_zero, Nat.zero_add] at this; exact this)
  have la4 := limb_of_cells (r := q.row) (first := a0 + 4) (x := fun j => q.an (4 + j))
    (ca 4 (by omega))
  have ly0 := limb_of_cells (r := q.row) (first := y0) (x := fun j => q.yn j) (fun j hj => by
    have := cy 0 (by omega) j hj; simp only [Nat.add_zero, Nat.zero_add] at this; exact this)
  have ly4 := limb_of_cells (r := q.row) (first := y0 + 4) (x := fun j => q.yn (4 + j))
    (cy 4 (by omega))
  have na0 : nib (q.an 0) (q.an 1) (q.an 2) (q.an 3) = q.a.lo := nib_lo q.a
  have na4 : nib (q.an (4 + 0)) (q.an (4 + 1)) (q.an (4 + 2)) (q.an (4 + 3)) = q.a.hi :=
    nib_hi q.a
  have ny0 : nib (q.yn 0) (q.yn 1) (q.yn 2) (q.yn 3) = q.y.lo := nib_lo q.y
  have ny4 : nib (q.yn (4 + 0)) (q.yn (4 + 1)) (q.yn (4 + 2)) (q.yn (4 + 3)) = q.y.hi :=
    nib_hi q.y
  rw [na0] at la0
  rw [na4] at la4
  rw [ny0] at ly0
  rw [ny4] at ly4
  have hy : q.row bLo + q.row Col.useImm * (q.row immLo - q.row bLo) = (q.y.lo : BabyBear) ∧
      q.row bHi + q.row Col.useImm * (q.row immHi - q.row bHi) = (q.y.hi : BabyBear) := by
    rw [row_useImm, row_bLo, row_bHi, row_immLo, row_immHi]
    unfold Request.y
    cases q.useImm <;> simp <;> grind
  refine ⟨⟨?_, bu, by rw [hreal]; decide, by rw [hreal]; grind, ?_, ?_, ?_, ?_⟩, ⟨?_⟩, ?_, ?_, ?_⟩
  · intro c hc
    simp only [flags, List.mem_cons, List.not_mem_nil, or_false] at hc
    rcases hc with rfl | rfl | rfl
    · rw [row_fXor]; exact boolean_flagCell q _
    · rw [row_fOr]; exact boolean_flagCell q _
    · rw [row_fAnd]; exact boolean_flagCell q _
  · unfold yLo; rw [hy.1, ly0]; grind
  · unfold yHi; rw [hy.2, ly4]; grind
  · rw [r0, row_cLo, cl]; grind
  · rw [r4, row_cHi, ch]; grind
  · intro _ i hi
    rw [row_a q hi, row_y q hi, row_n q hi, Request.nn]
    have t : ∀ n, n < 16 → ((n : Nat) : BabyBear).val = n := fun n h => val_natCast_lt (by omega)
    rw [t _ (ba i), t _ (bY i),
      t _ (Nat.lt_of_le_of_lt Nat.and_le_left (ba i))]
    exact ⟨ba i, bY i, rfl⟩
  · rw [aWord, la0, la4]; exact WordLimbs.ofFelts_limbs q.a
  · rcases Bool.eq_false_or_eq_true q.useImm with hu | hu
    · rw [yWord, if_pos (by rw [row_useImm, hu]; rfl), immWord, row_immLo, row_immHi]
      have : q.y = q.imm := by simp [Request.y, hu]
      rw [this]; exact WordLimbs.ofFelts_limbs q.imm
    · rw [yWord, if_neg (by rw [row_useImm, hu]; decide), bWord, row_bLo, row_bHi]
      have : q.y = q.b := by simp [Request.y, hu]
      rw [this]; exact WordLimbs.ofFelts_limbs q.b
  · rw [cWord, row_cLo, row_cHi, WordLimbs.ofFelts_limbs, Request.c_eq]

theorem and_complete (q : Request) (hop : q.op = .and) :
    Groups q.row ∧ Lookups q.row ∧ aWord q.row = q.a ∧ yWord q.row = q.y ∧
      cWord q.row = AluOp.and.eval q.a q.y := by
  have h := op_complete q; rw [hop] at h; exact h

theorem or_complete (q : Request) (hop : q.op = .or) :
    Groups q.row ∧ Lookups q.row ∧ aWord q.row = q.a ∧ yWord q.row = q.y ∧
      cWord q.row = AluOp.or.eval q.a q.y := by
  have h := op_complete q; rw [hop] at h; exact h

theorem xor_complete (q : Request) (hop : q.op = .xor) :
    Groups q.row ∧ Lookups q.row ∧ aWord q.row = q.a ∧ yWord q.row = q.y ∧
      cWord q.row = AluOp.xor.eval q.a q.y := by
  have h := op_complete q; rw [hop] at h; exact h

end Zkvm.Air.V2.Logic
