module

public import Zkvm.Air.Limbs
public import Zkvm.RiscV.Execute

/-!
# Words as 16-bit limbs and bytes: what the ALU constraints check

`Zkvm.RiscV.Word` ties a `Word` (`BitVec 32`) to its limbs (`lo`, `hi`) and bytes (`byte i`).
This file adds what per-instruction proofs need on top, in both directions (soundness: the
limb equations force the semantics; completeness: the honest witnesses satisfy them):

* limbs and bytes as lists (`limbs`, `bytes`) with `limbSum`, and uniqueness: limbs in range
  with the value of a word are that word's limbs (`eq_limbs_of_limbSum`);
* a word read from two field elements in range (`ofFelts`);
* ADD on two limbs with carries (`add_iff_limbs`, carries ≤ 1 forced by the ranges),
  SUB as an addition with borrows (`sub_iff_limbs`), and the comparisons read off the final
  borrow: unsigned `ult_iff_borrow`, signed `slt_iff_borrow` (sign bits from the high limbs);
* the sign bit from a split of the high limb (`msb_iff_of_hi_split`);
* sign and zero extension of loaded bytes and halves as limbs (`extend_b`, `extend_h`,
  `extend_bu`, `extend_hu`, `extend_w`).
-/

@[expose] public section

namespace Zkvm.Air

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Limbs

namespace WordLimbs

/-- The two 16-bit limbs of a word, low first. -/
def limbs (w : Word) : List Nat := [w.lo, w.hi]

/-- The four bytes of a word, least significant first. -/
def bytes (w : Word) : List Nat := [w.byte 0, w.byte 1, w.byte 2, w.byte 3]

theorem limbSum_limbs (w : Word) : limbSum (2 ^ 16) (limbs w) = w.toNat := by
  simp only [limbs, limbSum_cons, limbSum_nil]
  rw [Word.toNat_eq_limbs w]
  omega

theorem limbSum_bytes (w : Word) : limbSum (2 ^ 8) (bytes w) = w.toNat := by
  simp only [bytes, limbSum_cons, limbSum_nil]
  rw [Word.toNat_eq_bytes w]
  omega

theorem limbs_lt (w : Word) : ∀ x ∈ limbs w, x < 2 ^ 16 := by
  intro x hx
  simp only [limbs, List.mem_cons, List.not_mem_nil, or_false] at hx
  rcases hx with rfl | rfl
  · exact w.lo_lt
  · exact w.hi_lt

theorem bytes_lt (w : Word) : ∀ x ∈ bytes w, x < 2 ^ 8 := by
  intro x hx
  simp only [bytes, List.mem_cons, List.not_mem_nil, or_false] at hx
  rcases hx with rfl | rfl | rfl | rfl <;> exact w.byte_lt _

/-- Two limbs in range with the value of `w` are `w`'s limbs. -/
theorem eq_limbs_of_limbSum {w : Word} {xs : List Nat} (hlen : xs.length = 2)
    (hx : ∀ x ∈ xs, x < 2 ^ 16) (h : limbSum (2 ^ 16) xs = w.toNat) : xs = limbs w :=
  limbSum_inj (by rw [hlen]; rfl) hx (limbs_lt w) (by rw [h, limbSum_limbs])

/-- Four bytes in range with the value of `w` are `w`'s bytes. -/
theorem eq_bytes_of_limbSum {w : Word} {xs : List Nat} (hlen : xs.length = 4)
    (hx : ∀ x ∈ xs, x < 2 ^ 8) (h : limbSum (2 ^ 8) xs = w.toNat) : xs = bytes w :=
  limbSum_inj (by rw [hlen]; rfl) hx (bytes_lt w) (by rw [h, limbSum_bytes])

theorem toNat_ofLimbs {l₀ l₁ : Nat} (h₀ : l₀ < 2 ^ 16) (h₁ : l₁ < 2 ^ 16) :
    (Word.ofLimbs l₀ l₁).toNat = l₀ + 2 ^ 16 * l₁ := by
  simp only [Word.ofLimbs, BitVec.toNat_ofNat]
  omega

/-- The bytes of the word with limbs `l₀`, `l₁`: each limb is two bytes. -/
theorem byte_ofLimbs {l₀ l₁ : Nat} (h₀ : l₀ < 2 ^ 16) (h₁ : l₁ < 2 ^ 16) :
    (Word.ofLimbs l₀ l₁).byte 0 = l₀ % 2 ^ 8 ∧ (Word.ofLimbs l₀ l₁).byte 1 = l₀ / 2 ^ 8 ∧
      (Word.ofLimbs l₀ l₁).byte 2 = l₁ % 2 ^ 8 ∧ (Word.ofLimbs l₀ l₁).byte 3 = l₁ / 2 ^ 8 := by
  simp only [Word.byte, toNat_ofLimbs h₀ h₁]
  omega

/-- The word with four given bytes (each below `2^8`). -/
theorem bytes_ofLimbs_bytes {b₀ b₁ b₂ b₃ : Nat} (h₀ : b₀ < 2 ^ 8) (h₁ : b₁ < 2 ^ 8)
    (h₂ : b₂ < 2 ^ 8) (h₃ : b₃ < 2 ^ 8) :
    bytes (Word.ofLimbs (b₀ + 2 ^ 8 * b₁) (b₂ + 2 ^ 8 * b₃)) = [b₀, b₁, b₂, b₃] := by
  have hl₀ : b₀ + 2 ^ 8 * b₁ < 2 ^ 16 := by omega
  have hl₁ : b₂ + 2 ^ 8 * b₃ < 2 ^ 16 := by omega
  obtain ⟨e₀, e₁, e₂, e₃⟩ := byte_ofLimbs hl₀ hl₁
  simp only [bytes, e₀, e₁, e₂, e₃, List.cons.injEq, and_true]
  omega

/-! ## Words in a row -/

/-- The word whose limbs are two field elements (meaningful when both are below `2^16`, which
the range lookups provide). -/
def ofFelts (l₀ l₁ : BabyBear) : Word := Word.ofLimbs l₀.val l₁.val

theorem lo_ofFelts {l₀ : BabyBear} (l₁ : BabyBear) (h₀ : l₀.val < 2 ^ 16) :
    (ofFelts l₀ l₁).lo = l₀.val := Word.lo_ofLimbs _ h₀

theorem hi_ofFelts {l₀ l₁ : BabyBear} (h₀ : l₀.val < 2 ^ 16) (h₁ : l₁.val < 2 ^ 16) :
    (ofFelts l₀ l₁).hi = l₁.val := Word.hi_ofLimbs h₀ h₁

theorem toNat_ofFelts {l₀ l₁ : BabyBear} (h₀ : l₀.val < 2 ^ 16) (h₁ : l₁.val < 2 ^ 16) :
    (ofFelts l₀ l₁).toNat = l₀.val + 2 ^ 16 * l₁.val := toNat_ofLimbs h₀ h₁

/-- Every word is read from its own limbs, cast to the field. -/
theorem ofFelts_limbs (w : Word) : ofFelts (w.lo : BabyBear) (w.hi : BabyBear) = w := by
  have hP : P = 2013265921 := P_eq
  have h₀ : ((w.lo : BabyBear)).val = w.lo := by
    simp only [BabyBear.val_natCast]; have := w.lo_lt; exact Nat.mod_eq_of_lt (by omega)
  have h₁ : ((w.hi : BabyBear)).val = w.hi := by
    simp only [BabyBear.val_natCast]; have := w.hi_lt; exact Nat.mod_eq_of_lt (by omega)
  simp only [ofFelts, h₀, h₁, Word.ofLimbs_lo_hi]

/-! ## Addition and subtraction on two limbs -/

/-- **ADD.** `r = a + b` exactly when the two limb equations hold for some carries; the
carries are then at most 1, and they are the honest ones `(a.lo + b.lo) / 2^16` and so on. -/
theorem add_iff_limbs (a b r : Word) :
    r = a + b ↔ ∃ c₀ c₁, a.lo + b.lo = r.lo + 2 ^ 16 * c₀ ∧
      a.hi + b.hi + c₀ = r.hi + 2 ^ 16 * c₁ ∧ c₀ ≤ 1 ∧ c₁ ≤ 1 := by
  constructor
  · intro h
    subst h
    have := a.lo_lt; have := b.lo_lt; have := a.hi_lt; have := b.hi_lt
    refine ⟨(a.lo + b.lo) / 2 ^ 16, (a.hi + b.hi + (a.lo + b.lo) / 2 ^ 16) / 2 ^ 16,
      ?_, ?_, by omega, by omega⟩
    · rw [Word.lo_add]; omega
    · rw [Word.hi_add]; omega
  · intro ⟨c₀, c₁, h₀, h₁, _, _⟩
    exact Word.add_eq_of_limbs h₀ h₁

/-- Carries of a limb addition are bits, whatever the constraint says of them. -/
theorem carries_le_one {a b r : Word} {c₀ c₁ : Nat} (h₀ : a.lo + b.lo = r.lo + 2 ^ 16 * c₀)
    (h₁ : a.hi + b.hi + c₀ = r.hi + 2 ^ 16 * c₁) : c₀ ≤ 1 ∧ c₁ ≤ 1 := by
  have := a.lo_lt; have := b.lo_lt; have := a.hi_lt; have := b.hi_lt
  omega

/-- **SUB**, checked as the addition `r + b = a` with borrows `c₀`, `c₁`: `r = a - b` exactly
when the limb equations hold; the final borrow is 1 exactly when `a < b` unsigned. -/
theorem sub_iff_limbs (a b r : Word) :
    r = a - b ↔ ∃ c₀ c₁, r.lo + b.lo = a.lo + 2 ^ 16 * c₀ ∧
      r.hi + b.hi + c₀ = a.hi + 2 ^ 16 * c₁ ∧ c₀ ≤ 1 ∧ c₁ ≤ 1 := by
  rw [Word.sub_eq_iff, eq_comm, add_iff_limbs]

/-- **SLTU/BLTU/BGEU**: the final borrow of `a - b` is the unsigned comparison. -/
theorem ult_iff_borrow {a b r : Word} {c₀ c₁ : Nat} (h₀ : r.lo + b.lo = a.lo + 2 ^ 16 * c₀)
    (h₁ : r.hi + b.hi + c₀ = a.hi + 2 ^ 16 * c₁) : a.ult b = true ↔ c₁ = 1 := by
  have hc := carries_le_one h₀ h₁
  have hv : r.toNat + b.toNat = a.toNat + 2 ^ 32 * c₁ := by
    rw [Word.toNat_eq_limbs r, Word.toNat_eq_limbs b, Word.toNat_eq_limbs a]; omega
  rw [carry_eq_one_iff_lt r.toNat_lt hc.2 hv]
  simp only [BitVec.ult, decide_eq_true_eq]

/-- The sign bit from the high limb split as `2^15·m + t` (`m` a bit, `t < 2^15`): the split
an msb lookup provides. -/
theorem msb_iff_of_hi_split {a : Word} {m t : Nat} (hm : m ≤ 1) (ht : t < 2 ^ 15)
    (h : a.hi = 2 ^ 15 * m + t) : a.msb = true ↔ m = 1 := by
  rw [Word.msb_iff_hi]
  omega

/-- **SLT/BLT/BGE**: signed less-than is the unsigned borrow, flipped when the signs differ. -/
theorem slt_iff_borrow {a b r : Word} {c₀ c₁ : Nat} (h₀ : r.lo + b.lo = a.lo + 2 ^ 16 * c₀)
    (h₁ : r.hi + b.hi + c₀ = a.hi + 2 ^ 16 * c₁) :
    a.slt b = true ↔ ((2 ^ 15 ≤ a.hi) ≠ (2 ^ 15 ≤ b.hi) ↔ c₁ = 0) := by
  have hu := ult_iff_borrow h₀ h₁
  have hc := carries_le_one h₀ h₁
  have ha := Word.msb_iff_hi a
  have hb := Word.msb_iff_hi b
  rw [BitVec.slt_eq_ult]
  cases hma : a.msb <;> cases hmb : b.msb <;> cases hult : a.ult b <;>
    simp_all <;> omega

/-! ## Sign and zero extension of loaded values -/

/-- `LB`: a byte `v`, sign-extended; `s = v / 2^7` is its sign bit. -/
theorem extend_b {v : Nat} (hv : v < 2 ^ 8) :
    LoadWidth.extend .b v = Word.ofLimbs (v + 0xFF00 * (v / 2 ^ 7)) (0xFFFF * (v / 2 ^ 7)) := by
  apply BitVec.eq_of_toNat_eq
  simp only [LoadWidth.extend, BitVec.toNat_signExtend, BitVec.toNat_setWidth,
    BitVec.toNat_ofNat, BitVec.msb_eq_decide, Word.ofLimbs]
  rw [Nat.mod_eq_of_lt hv]
  by_cases hs : 2 ^ 7 ≤ v
  · simp only [hs, decide_true, if_true, Nat.reduceSub, Nat.reducePow]; omega
  · simp only [hs, decide_false, Bool.false_eq_true, if_false, Nat.reducePow]; omega

/-- `LH`: a half `v`, sign-extended; `s = v / 2^15` is its sign bit. -/
theorem extend_h {v : Nat} (hv : v < 2 ^ 16) :
    LoadWidth.extend .h v = Word.ofLimbs v (0xFFFF * (v / 2 ^ 15)) := by
  apply BitVec.eq_of_toNat_eq
  simp only [LoadWidth.extend, BitVec.toNat_signExtend, BitVec.toNat_setWidth,
    BitVec.toNat_ofNat, BitVec.msb_eq_decide, Word.ofLimbs]
  rw [Nat.mod_eq_of_lt hv]
  by_cases hs : 2 ^ 15 ≤ v
  · simp only [hs, decide_true, if_true, Nat.reduceSub, Nat.reducePow]; omega
  · simp only [hs, decide_false, Bool.false_eq_true, if_false, Nat.reducePow]; omega

/-- `LBU`, `LHU`, `LW`: zero extension (a byte or half is the low limb, the high limb is 0). -/
theorem extend_bu (v : Nat) : LoadWidth.extend .bu v = Word.ofLimbs v 0 := by
  apply BitVec.eq_of_toNat_eq
  simp only [LoadWidth.extend, Word.ofLimbs, BitVec.toNat_ofNat]
  omega

theorem extend_hu (v : Nat) : LoadWidth.extend .hu v = Word.ofLimbs v 0 := by
  apply BitVec.eq_of_toNat_eq
  simp only [LoadWidth.extend, Word.ofLimbs, BitVec.toNat_ofNat]
  omega

theorem extend_w {l₀ l₁ : Nat} :
    LoadWidth.extend .w (l₀ + 2 ^ 16 * l₁) = Word.ofLimbs l₀ l₁ := rfl

end WordLimbs

end Zkvm.Air
