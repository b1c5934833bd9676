module

public import Zkvm.Air.V2.DivBuilderArith
public import Zkvm.Air.V2.MulCompleteLookups

/-!
# The DIV table: the builder's checks never fail

For every request (`Request.checks_ok`): the identity's four steps pass (`lhs_m ≥ A_m`,
`2^16 ∣ lhs_m − A_m`), the carry sum is below `2^14`, and for y ≠ 0 the remainder is below the
divisor, the bound's low limb equation is `β·2^16`, its high one holds and `β ∈ [−1, 254]`
(in fact `β ∈ [−1, 2]`). The identity mod `2^64` over the sign-extended bytes and limbs
(`ident64`) comes from the exact one (`Request.honest`); the carries from `divCarry_eq`.
-/

@[expose] public section

namespace Zkvm.Air.V2.Div

open Zkvm.Field Zkvm.RiscV Zkvm.Air
open Zkvm.Air.V2.Mul (byteOf val8 val8_factor byteOf_lo byteOf_hi byteOf_lt)

namespace Request

variable (t : Request)

theorem qx_le : ∀ i, t.qx i ≤ 255 := fun i => by
  have := t.sq_le
  unfold qx; split
  · have := byteOf_lt t.quo.toNat i; omega
  · omega

theorem yx_le : ∀ i, t.yx i ≤ 255 := fun i => by
  have := t.sy_le
  unfold yx; split
  · have := byteOf_lt t.b.toNat i; omega
  · omega

theorem rx_lt : ∀ m, m < 4 → t.rx m < 2 ^ 16 := fun m _ => by
  have := t.sr_le; have := t.rem.lo_lt; have := t.rem.hi_lt
  unfold rx; split
  · omega
  · split <;> omega

theorem ax_lt : ∀ m, m < 4 → t.ax m < 2 ^ 16 := fun m _ => by
  have := t.sa_le; have := t.a.lo_lt; have := t.a.hi_lt
  unfold ax; split
  · omega
  · split <;> omega

theorem val8_word (w : Word) {x : Nat → Nat} {s : Nat}
    (hx : ∀ i, x i = if i < 4 then byteOf w.toNat i else 255 * s) :
    val8 x = w.toNat + s * (2 ^ 64 - 2 ^ 32) := by
  rw [val8_factor (b₀ := byteOf w.toNat 0) (b₁ := byteOf w.toNat 1) (b₂ := byteOf w.toNat 2)
    (b₃ := byteOf w.toNat 3) (s := s) (by rw [hx]; rfl) (by rw [hx]; rfl) (by rw [hx]; rfl)
    (by rw [hx]; rfl) (by rw [hx]; rfl) (by rw [hx]; rfl) (by rw [hx]; rfl) (by rw [hx]; rfl)]
  have e1 := byteOf_lo w.toNat
  have e2 := byteOf_hi w.toNat w.isLt
  omega

theorem val4_word (w : Word) {x : Nat → Nat} {s : Nat}
    (hx : ∀ m, x m = if m = 0 then w.lo else if m = 1 then w.hi else 65535 * s) :
    val4 x = w.toNat + s * (2 ^ 64 - 2 ^ 32) := by
  have := Word.toNat_eq_limbs w
  simp only [val4, hx]
  simp only [Nat.reduceEqDiff, if_true, if_false]
  omega

/-- The identity mod `2^64` over the sign-extended bytes and limbs. -/
theorem ident64 : (val8 t.qx * val8 t.yx + val4 t.rx) % 2 ^ 64 = val4 t.ax % 2 ^ 64 := by
  rw [val8_word t.quo (x := t.qx) (s := t.sq) (fun i => rfl),
    val8_word t.b (x := t.yx) (s := t.sy) (fun i => rfl),
    val4_word t.rem (x := t.rx) (s := t.sr) (fun m => rfl),
    val4_word t.a (x := t.ax) (s := t.sa) (fun m => rfl)]
  have h := t.honest.ident
  generalize t.quo.toNat = Q at *
  generalize t.b.toNat = Y at *
  generalize t.rem.toNat = R at *
  generalize t.a.toNat = A at *
  generalize t.sq = sq at *
  generalize t.sy = sy at *
  generalize t.sr = sr at *
  generalize t.sa = sa at *
  generalize hK : 2 ^ 64 - 2 ^ 32 = K
  have hK' : (K : Int) = 2 ^ 64 - 2 ^ 32 := by subst hK; rfl
  have k : (((Q + sq * K) * (Y + sy * K) + (R + sr * K) : Nat) : Int) =
      ((A + sa * K : Nat) : Int) +
      2 ^ 64 * (sq * ((Y : Int) - 2 ^ 32 * sy) + sy * ((Q : Int) - 2 ^ 32 * sq) +
        2 ^ 64 * sq * sy + sr - sa) := by
    simp only [Int.natCast_add, Int.natCast_mul, hK']
    grind
  generalize (Q + sq * K) * (Y + sy * K) + (R + sr * K) = L at *
  generalize A + sa * K = Rt at *
  omega

/-- The identity's steps: `lhs_m = A_m + 2^16 κ_m`. -/
theorem step_eq (m : Nat) (hm : m < 4) :
    divLhs t.qx t.yx t.rx m + t.carry m = t.ax m + 65536 * t.carry (m + 1) :=
  divCarry_eq t.ax_lt t.ident64 m hm

theorem carry_sum_lt : 4 * (t.carry 1 + t.carry 2 + t.carry 3 + t.carry 4) < 2 ^ 16 :=
  divCarry_sum t.qx_le t.yx_le t.rx_lt

theorem carry_le (m : Nat) (hm : m ≤ 4) : t.carry m ≤ 2041 :=
  divCarry_le t.qx_le t.yx_le t.rx_lt m hm

/-- `|v|` in limbs: `magL + 2^16 magH = abs`. -/
theorem mag_eq (v : Word) {s : Nat} (hs : s ≤ 1) :
    magL v s + 65536 * magH v s = (absv v s : Int) ∧ -65536 < magL v s ∧ magL v s < 65536 := by
  have := Word.toNat_eq_limbs v
  have := v.lo_lt
  have := v.isLt
  unfold magL magH absv
  rcases (by omega : s = 0 ∨ s = 1) with rfl | rfl <;> simp <;> omega

/-- The remainder bound's limbs (y ≠ 0): `low = β·2^16`, the high equation, `β ∈ [−1, 2]`. -/
theorem bound_ok (hb : t.b ≠ 0) :
    t.low = t.beta * 65536 ∧ magH t.rem t.sr + ((t.d / 65536 : Nat) : Int) + t.beta =
      magH t.b t.sy ∧ -1 ≤ t.beta ∧ t.beta ≤ 2 := by
  have hlt := t.honest.bound hb
  obtain ⟨mr, mr1, mr2⟩ := mag_eq t.rem t.sr_le
  obtain ⟨my, my1, my2⟩ := mag_eq t.b t.sy_le
  unfold beta low
  have hd : t.absR + 1 + t.d = t.absY := by unfold d; omega
  unfold absR at hd hlt
  unfold absY at hd hlt
  generalize magL t.rem t.sr = lr at *
  generalize magL t.b t.sy = ly at *
  generalize magH t.rem t.sr = hr at *
  generalize magH t.b t.sy = hy at *
  generalize t.d = d at *
  omega

/-- **The builder's checks never fail.** -/
theorem checks_ok : t.checks := by
  refine ⟨fun m hm => ?_, by have := t.carry_sum_lt; omega, t.honest.bound,
    fun hb => (t.bound_ok hb).1, fun hb => (t.bound_ok hb).2.1,
    fun hb => ⟨(t.bound_ok hb).2.2.1, by have := (t.bound_ok hb).2.2.2; omega⟩⟩
  have := t.step_eq m hm
  omega

end Request

end Zkvm.Air.V2.Div
