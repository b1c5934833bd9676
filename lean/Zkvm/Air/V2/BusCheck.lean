module

public import Zkvm.Air.V2.BusArity
public import Zkvm.Spec.Boundary

/-!
# The verifier's bus check and the run theorem's net multiplicities

The verifier accepts the bus when the tables' claimed sums and the statement's boundary
fractions add to 0 at the challenges `(χ, β)`: `σ + fracSum χ β (boundaryFracs sends receives)
= 0` (`Zkvm.Spec.boundaryFracs`, the form `check_bus_spec` gives for the extracted `check_bus`).
A table's claimed sum is its rows' fractions once its LogUp constraints hold
(`Zkvm.Stark.claimed_sum_eq`, `Zkvm.Stark.claimed_sum_of_logup`); the prover commits the
auxiliary trace after the challenges, so the claimed sums are a function `σ χ β` of them.

* `liftRaw_stmt`: the statement's fractions lifted are the verifier's boundary fractions;
* `bus_sum`: the sum over the run theorem's whole bus (`busFractions`) is the claimed sums plus
  the boundary term, when the claimed sums are the tables' and FIXED rows' fractions;
* `check_bus_count`: **if some net multiplicity is not 0, the verifier's bus check accepts on at
  most `(2M − 1)·|U| + 11M·|S|` challenge pairs `(χ, β) ∈ S × U`** (`M` fractions on the bus),
  for tables whose rows meet their groups, the verifier's statement messages and FIXED rows of
  the fixed table. Over the whole extension `E` (|E| = p⁴ ≈ 2^124), with `M` below 2^30 that is
  a probability below `13 · 2^30 / 2^124 < 2^-90`.

So the run theorem's `NetZero` is what the bus check gives except with that probability, for one
segment (its local and global messages share the point `χ`; with several segments each
segment's local messages are checked at their own point, SegBus, BusSegments.lean).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)

theorem liftRaw_append (a b : List (Fraction BabyBear)) :
    liftRaw (a ++ b) = liftRaw a ++ liftRaw b := List.map_append

theorem ofBase_one : Ext4.ofBase 1 = 1 := rfl

theorem ofBase_neg_one : Ext4.ofBase (-1) = -1 := by
  rw [Ext4.ofBase_neg, ofBase_one]

/-- **The statement's fractions are the verifier's boundary fractions.** -/
theorem liftRaw_stmt (ssent srcvd : List (List BabyBear)) :
    liftRaw (stmtFractions ssent srcvd) = Spec.boundaryFracs ssent srcvd := by
  simp only [liftRaw, stmtFractions, Spec.boundaryFracs, List.map_append, List.map_map]
  congr 1 <;> apply List.map_congr_left <;> intro m _ <;>
    simp only [Function.comp_apply, ofBase_one, ofBase_neg_one]

/-- **The sum over the whole bus** is the claimed sums plus the verifier's boundary term, when
the claimed sums are the tables' and the FIXED rows' fractions. -/
theorem bus_sum {T : Tables} {ssent srcvd : List (List BabyBear)}
    {fx : List (Fraction BabyBear)} {χ β σ : Ext4}
    (hσ : σ = Stark.fracSum χ β (liftRaw (T.fractions ++ fx))) :
    Stark.fracSum χ β (liftRaw (busFractions T ssent srcvd fx)) =
      σ + Stark.fracSum χ β (Spec.boundaryFracs ssent srcvd) := by
  simp only [busFractions, liftRaw_append, Spec.fracSum_append, liftRaw_stmt] at hσ ⊢
  rw [hσ]
  grind

/-- **The verifier's bus check passes on few challenges unless every net multiplicity is 0**:
for tables whose rows meet their groups, the verifier's statement messages, FIXED rows of the
fixed table and claimed sums `σ χ β` that are the tables' and FIXED rows' fractions at every
challenge, if some message's net multiplicity over the bus is not 0, at most
`(2M − 1)·|U| + 11M·|S|` pairs `(χ, β) ∈ S × U` make the bus check's sum 0. -/
theorem check_bus_count {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {fx : List (Fraction BabyBear)} {rows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hok : T.Ok) (hfx : ∀ f ∈ fx, f.fields ∈ fixedFelts rows image)
    (hbad : ¬ NetZero T (stmtSent pv input) (stmtRcvd pv output) fx)
    (σ : Ext4 → Ext4 → Ext4)
    (hσ : ∀ χ β, σ χ β = Stark.fracSum χ β (liftRaw (T.fractions ++ fx)))
    {S U : List Ext4} (hS : S.Nodup) (hU : U.Nodup) :
    (Stark.pairs S U).countP (fun x => decide (σ x.1 x.2 +
        Stark.fracSum x.1 x.2 (Spec.boundaryFracs (stmtSent pv input) (stmtRcvd pv output)) = 0)) ≤
      (2 * (busFractions T (stmtSent pv input) (stmtRcvd pv output) fx).length - 1) * U.length +
        (busFractions T (stmtSent pv input) (stmtRcvd pv output) fx).length * 11 * S.length := by
  refine Nat.le_trans (List.countP_mono_left fun x _ hx => ?_) (logup_run_count hok hfx hbad hS hU)
  simp only [decide_eq_true_eq] at hx ⊢
  right
  rw [bus_sum (hσ x.1 x.2)]
  exact hx

end Zkvm.Air.V2.Exec

end
