module

public import Zkvm.Air.V2.DivSpec
public import Zkvm.Air.V2.MulCore

/-!
# The DIV table: the identity `q'·y + r' ≡ a (mod 2^64)` from the limb equations

`identity_core`: on a real row whose q and y cells are bytes and whose sign bits are bits, the
four limb equations (`Groups.identity`), with r's and a's limbs below `2^16` and the carries
below `2^14` (U16 of `4 Σ κ`), lift to ℕ and sum to
`Q̃·Ỹ + R̃ ≡ Ã (mod 2^64)` for the 64-bit extensions (`val8` of the byte cells, and
`v + s (2^64 − 2^32)` for r and a). The convolution lemmas are MUL's.
-/

@[expose] public section

namespace Zkvm.Air.V2.Div

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col
open Zkvm.Air.V2.Mul (conv factor pair val8 nconv hconv conv_cast val8_mul nconv_le cellsNat
  factor_cast cellsNat_le)

variable {r : Row BabyBear}

/-- One limb equation of the identity, lifted to ℕ. -/
theorem limb_lift {xv yv : Nat → Nat}
    (hx : ∀ i, factor r q0 sq i = ((xv i : Nat) : BabyBear))
    (hy : ∀ i, factor r y0 sy i = ((yv i : Nat) : BabyBear))
    (bx : ∀ i, xv i ≤ 255) (bY : ∀ i, yv i ≤ 255) {m rv av cin κ : Nat} (hm : m < 4)
    (h : limbEq r m = 0) (hr : limbs r rLo rHi sr m = ((rv : Nat) : BabyBear))
    (ha : limbs r aLo aHi sa m = ((av : Nat) : BabyBear))
    (hc : carryIn r m = ((cin : Nat) : BabyBear)) (hk : r (k0 + m) = ((κ : Nat) : BabyBear))
    (brv : rv < 2 ^ 16) (bav : av < 2 ^ 16) (bc : cin < 2 ^ 14) (bk : κ < 2 ^ 14) :
    nconv xv yv (2 * m) + 256 * nconv xv yv (2 * m + 1) + rv + cin = av + 65536 * κ := by
  have c₀ := nconv_le bx bY (k := 2 * m) (by omega)
  have c₁ := nconv_le bx bY (k := 2 * m + 1) (by omega)
  have hP : P = 2013265921 := P_eq
  refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
  simp only [Felt.natCast_add, Felt.natCast_mul]
  rw [← conv_cast hx hy, ← conv_cast hx hy, ← hr, ← ha, ← hc, ← hk]
  have e := h
  unfold limbEq at e
  have h256 : ((256 : Nat) : BabyBear) = 256 := rfl
  have h65536 : ((65536 : Nat) : BabyBear) = 65536 := rfl
  rw [h256, h65536]
  grind

theorem limbs_0 (r : Row BabyBear) (lo hi s : Nat) : limbs r lo hi s 0 = r lo := rfl
theorem limbs_1 (r : Row BabyBear) (lo hi s : Nat) : limbs r lo hi s 1 = r hi := rfl
theorem limbs_2 (r : Row BabyBear) (lo hi s : Nat) : limbs r lo hi s 2 = 65535 * r s := rfl
theorem limbs_3 (r : Row BabyBear) (lo hi s : Nat) : limbs r lo hi s 3 = 65535 * r s := rfl

theorem ext_cast (x : BabyBear) : 65535 * x = ((65535 * x.val : Nat) : BabyBear) := by
  rw [Felt.natCast_mul, Felt.natCast_val]; rfl

/-- **The identity** mod `2^64`, over ℕ. -/
theorem identity_core (hg : Groups r) (hl : Lookups r) (hreal : real r = 1)
    (bq : ∀ i, i < 4 → (r (q0 + i)).val < 256) (bsq : (r sq).val ≤ 1)
    (bY : ∀ i, i < 4 → (r (y0 + i)).val < 256) (bsy : (r sy).val ≤ 1)
    (bsr : (r sr).val ≤ 1) (bsa : (r sa).val ≤ 1) (ha₀ : (r aLo).val < 2 ^ 16)
    (ha₁ : (r aHi).val < 2 ^ 16) :
    (val8 (cellsNat r q0 sq) * val8 (cellsNat r y0 sy) +
        ((r rLo).val + 65536 * (r rHi).val + (r sr).val * (2 ^ 64 - 2 ^ 32))) % 2 ^ 64 =
      ((r aLo).val + 65536 * (r aHi).val + (r sa).val * (2 ^ 64 - 2 ^ 32)) % 2 ^ 64 := by
  have hr : real r ≠ 0 := by rw [hreal]; exact Mul.one_ne_zero
  have hP : P = 2013265921 := P_eq
  have k₀ := hl.carries hr 0 (by omega)
  have k₁ := hl.carries hr 1 (by omega)
  have k₂ := hl.carries hr 2 (by omega)
  have k₃ := hl.carries hr 3 (by omega)
  simp only [Nat.add_zero] at k₀
  have ks := hl.carry_sum hr
  have es : 4 * (r k0 + r (k0 + 1) + r (k0 + 2) + r (k0 + 3)) =
      ((4 * ((r k0).val + (r (k0 + 1)).val + (r (k0 + 2)).val + (r (k0 + 3)).val) : Nat) :
        BabyBear) := by
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_val]; rfl
  rw [es, BabyBear.val_natCast, hP, Nat.mod_eq_of_lt (by omega)] at ks
  have lr0 := hl.limb_r_lo hr
  have lr1 := hl.limb_r_hi hr
  have hx := factor_cast r q0 sq
  have hy := factor_cast r y0 sy
  have bx := cellsNat_le bq bsq
  have by' := cellsNat_le bY bsy
  have c0 : carryIn r 0 = ((0 : Nat) : BabyBear) := rfl
  have c1 : carryIn r 1 = (((r k0).val : Nat) : BabyBear) := by rw [Felt.natCast_val]; rfl
  have c2 : carryIn r 2 = (((r (k0 + 1)).val : Nat) : BabyBear) := by
    rw [Felt.natCast_val]; rfl
  have c3 : carryIn r 3 = (((r (k0 + 2)).val : Nat) : BabyBear) := by
    rw [Felt.natCast_val]; rfl
  have q0' : r (k0 + 0) = (((r k0).val : Nat) : BabyBear) := by rw [Felt.natCast_val]; rfl
  have q1 := (Felt.natCast_val (r (k0 + 1))).symm
  have q2 := (Felt.natCast_val (r (k0 + 2))).symm
  have q3 := (Felt.natCast_val (r (k0 + 3))).symm
  have r0 : limbs r rLo rHi sr 0 = (((r rLo).val : Nat) : BabyBear) := by
    rw [limbs_0, Felt.natCast_val]
  have r1 : limbs r rLo rHi sr 1 = (((r rHi).val : Nat) : BabyBear) := by
    rw [limbs_1, Felt.natCast_val]
  have a0' : limbs r aLo aHi sa 0 = (((r aLo).val : Nat) : BabyBear) := by
    rw [limbs_0, Felt.natCast_val]
  have a1' : limbs r aLo aHi sa 1 = (((r aHi).val : Nat) : BabyBear) := by
    rw [limbs_1, Felt.natCast_val]
  have e0 := limb_lift hx hy bx by' (by omega) (hg.identity 0 (by omega)) r0 a0' c0 q0' lr0
    ha₀ (by omega) (by omega)
  have e1 := limb_lift hx hy bx by' (by omega) (hg.identity 1 (by omega)) r1 a1' c1 q1 lr1
    ha₁ (by omega) (by omega)
  have e2 := limb_lift hx hy bx by' (by omega) (hg.identity 2 (by omega))
    (by rw [limbs_2, ext_cast]) (by rw [limbs_2, ext_cast]) c2 q2 (by omega) (by omega)
    (by omega) (by omega)
  have e3 := limb_lift hx hy bx by' (by omega) (hg.identity 3 (by omega))
    (by rw [limbs_3, ext_cast]) (by rw [limbs_3, ext_cast]) c3 q3 (by omega) (by omega)
    (by omega) (by omega)
  rw [val8_mul]
  generalize nconv (cellsNat r q0 sq) (cellsNat r y0 sy) 0 = c₀ at *
  generalize nconv (cellsNat r q0 sq) (cellsNat r y0 sy) 1 = c₁ at *
  generalize nconv (cellsNat r q0 sq) (cellsNat r y0 sy) 2 = c₂ at *
  generalize nconv (cellsNat r q0 sq) (cellsNat r y0 sy) 3 = c₃ at *
  generalize nconv (cellsNat r q0 sq) (cellsNat r y0 sy) 4 = c₄ at *
  generalize nconv (cellsNat r q0 sq) (cellsNat r y0 sy) 5 = c₅ at *
  generalize nconv (cellsNat r q0 sq) (cellsNat r y0 sy) 6 = c₆ at *
  generalize nconv (cellsNat r q0 sq) (cellsNat r y0 sy) 7 = c₇ at *
  generalize (hconv (cellsNat r q0 sq) (cellsNat r y0 sy) 8 + 256 *
    (hconv (cellsNat r q0 sq) (cellsNat r y0 sy) 9 + 256 *
    (hconv (cellsNat r q0 sq) (cellsNat r y0 sy) 10 + 256 *
    (hconv (cellsNat r q0 sq) (cellsNat r y0 sy) 11 + 256 *
    (hconv (cellsNat r q0 sq) (cellsNat r y0 sy) 12 + 256 *
    (hconv (cellsNat r q0 sq) (cellsNat r y0 sy) 13 + 256 *
    hconv (cellsNat r q0 sq) (cellsNat r y0 sy) 14)))))) = h
  omega

end Zkvm.Air.V2.Div
