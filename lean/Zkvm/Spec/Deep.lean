module

public import Zkvm.Field.Extension

/-!
# The DEEP composition at a query point (specification)

The arithmetic of `rust/verifier/src/protocol/deep.rs` over the Lean field. For one table with
opened rows `T` (main, width `w`), `A` (auxiliary base columns, width `a`) and `Q` (quotient
chunks' base columns) at an LDE point `x`, the claimed out-of-domain values at `ζ` and
`ζ' = ζ·ω`, and the powers `γs` of the challenge `γ` from offset `o` on:

  f(x) = (Σ_j γ^(o+j) (T_j − T_j(ζ)) + Σ_j γ^(o+2w+j) (A_j − A_j(ζ)) + Σ_c γ^(o+2w+2a+c) (Q_c − Q_c(ζ))) / (x − ζ)
       + (Σ_j γ^(o+w+j) (T_j − T_j(ζ')) + Σ_j γ^(o+2w+a+j) (A_j − A_j(ζ'))) / (x − ζ')

(`deepAt`); each sum is accumulated in column order (`accumulate`), and `powers γ n` lists
`1, γ, …, γ^(n-1)`.
-/

public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Field Zkvm.Field.Ext4

/-- `[1, γ, γ², …, γ^(n-1)]`. -/
@[expose] def powers (γ : Ext4) (n : Nat) : List Ext4 := (List.range n).map (γ ^ ·)

/-- Adding term `j`: `coeffs[offset + j] · (values_j − claimed_j)`. -/
@[expose] def accStep (values : List BabyBear) (claimed coeffs : List Ext4) (offset : Nat)
    (s : Ext4) (j : Nat) : Ext4 :=
  s + coeffs.getD (offset + j) 0 * (ofBase (values.getD j 0) - claimed.getD j 0)

/-- `acc + Σ_j coeffs[offset + j] · (values_j − claimed_j)`, accumulated in order of `j`. -/
@[expose] def accumulate (acc : Ext4) (values : List BabyBear) (claimed coeffs : List Ext4)
    (offset : Nat) : Ext4 :=
  (List.range values.length).foldl (accStep values claimed coeffs offset) acc

/-- One table's terms of the DEEP function at the LDE point `x` (module documentation). -/
@[expose] def deepAt (x : BabyBear) (trace aux quot : List BabyBear) (ζ ζ' : Ext4)
    (oodT oodTn oodA oodAn oodQ γs : List Ext4) (o : Nat) : Ext4 :=
  let w := trace.length
  let a := aux.length
  let atZ := accumulate (accumulate (accumulate 0 trace oodT γs o) aux oodA γs (o + w + w)) quot
    oodQ γs (o + w + w + a + a)
  let atZn := accumulate (accumulate 0 trace oodTn γs (o + w)) aux oodAn γs (o + w + w + a)
  atZ * (ofBase x - ζ)⁻¹ + atZn * (ofBase x - ζ')⁻¹

theorem length_powers (γ : Ext4) (n : Nat) : (powers γ n).length = n := by simp [powers]

end Zkvm.Spec
