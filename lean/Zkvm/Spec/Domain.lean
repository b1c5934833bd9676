module

public import Zkvm.Field.TwoAdic
public import Zkvm.Field.Extension

/-!
# Evaluation domains and selectors (specification)

The domain helpers of `rust/verifier/src/protocol/domain.rs`, over the Lean field:

* the trace domain `H = ⟨ω_n⟩`, `n = 2^logN`, `ω_n = rootOfUnity logN` (`logN ≤ 27`);
* the LDE coset `g · ⟨ω_N⟩` with `g = 31` (`cosetShift`); after squaring it `layer` times it
  is `g^(2^layer) · ⟨ω⟩` for a smaller `ω`, and `cosetPoint layer logSize i` is its point
  `g^(2^layer) · ω_{2^logSize}^i`;
* committed matrices are in bit-reversed order: position `i` holds the point at
  `reverseBits i logSize` (`bitrevCosetPoint`);
* the vanishing polynomial of `H` at `z`: `Z_H(z) = z^n - 1` (`vanishing`);
* the selectors at a point `z` outside `H` (unnormalised, as Plonky3):
  `is_first_row = Z_H(z)/(z - 1)`, `is_last_row = Z_H(z)/(z - ω⁻¹)`,
  `is_transition = z - ω⁻¹`; `selectorsAt` is `none` when `Z_H(z)`, `z - 1` or `z - ω⁻¹` is
  zero (the verifier rejects such a challenge).
-/

public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Field Zkvm.Field.BabyBear

/-- The coset shift `g = 31`, a generator of the multiplicative group (not in any `H`). -/
@[expose] def cosetShift : BabyBear := 31

/-- Point `index` of the coset `g^(2^layer) · ⟨ω_{2^logSize}⟩` (the LDE domain squared `layer`
times, of size `2^logSize`). -/
@[expose] def cosetPoint (layer logSize index : Nat) : BabyBear :=
  cosetShift ^ 2 ^ layer * rootOfUnity logSize ^ index

/-- The low `n` bits of `v` in reverse order: bit `j` of `v` becomes bit `n - 1 - j`. The
`n + 1`-bit reversal is the `n`-bit one shifted up, with bit `n` of `v` as its lowest bit. -/
@[expose] def reverseBits (v : Nat) : Nat → Nat
  | 0 => 0
  | n + 1 => 2 * reverseBits v n + v / 2 ^ n % 2

example : reverseBits 1 3 = 4 := by decide
example : reverseBits 6 3 = 3 := by decide
example : reverseBits 0b1011 4 = 0b1101 := by decide

theorem reverseBits_lt (v : Nat) : ∀ n, reverseBits v n < 2 ^ n
  | 0 => by simp [reverseBits]
  | n + 1 => by
    have := reverseBits_lt v n
    have : v / 2 ^ n % 2 < 2 := Nat.mod_lt _ (by omega)
    simp only [reverseBits, Nat.pow_succ]
    omega

/-- The point at position `position` of the bit-reversed coset domain. -/
@[expose] def bitrevCosetPoint (layer logSize position : Nat) : BabyBear :=
  cosetPoint layer logSize (reverseBits position logSize)

/-- `Z_H(z) = z^(2^logN) - 1`, the vanishing polynomial of the trace domain. -/
@[expose] def vanishing (z : Ext4) (logN : Nat) : Ext4 := z ^ 2 ^ logN - 1

/-- The three selector values at a point. -/
structure SelectorValues where
  isFirstRow : Ext4
  isLastRow : Ext4
  isTransition : Ext4

/-- The selectors at `z` for the trace domain of size `2^logN`, or `none` when `z` is
degenerate (`Z_H(z) = 0`, `z = 1` or `z = ω⁻¹`). -/
@[expose] def selectorsAt (z : Ext4) (logN : Nat) : Option SelectorValues :=
  let toLast := z - Ext4.ofBase (rootOfUnity logN)⁻¹
  if vanishing z logN = 0 ∨ z - 1 = 0 ∨ toLast = 0 then none
  else some ⟨vanishing z logN * (z - 1)⁻¹, vanishing z logN * toLast⁻¹, toLast⟩

end Zkvm.Spec

end
