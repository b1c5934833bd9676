module

public import Zkvm.Refinement.Protocol.Stark.Bus
public import Zkvm.Air.V2.BusCheck

/-!
# The extracted bus check gives the run theorem's net multiplicities

`check_bus_spec` (Bus.lean) reads the extracted `check_bus` as the bus condition over the
statement's messages as field elements (`sendsF`, `receivesF`); the run theorem states the
statement's side of the bus as `Exec.stmtSent` and `Exec.stmtRcvd` (the verifier's `u32`
messages as field elements). They are the same lists (`stmtSent_eq`, `stmtRcvd_eq`), so an
accepted `check_bus` gives the equation `Exec.check_bus_count` counts
(`check_bus_accepted_sum`), and:

* `check_bus_netZero_count`: **if the extracted `check_bus` accepts at more than
  `(2M − 1)·|U| + 11M·|S|` challenge pairs `(χ, β) ∈ S × U`** — with claimed sums that are the
  tables' and FIXED rows' fractions at each pair (what the LogUp constraints force,
  `Zkvm.Stark.claimed_sum_eq`) — **then every net multiplicity on the bus is 0**: the run
  theorem's `NetZero`, for tables whose rows meet their groups and FIXED rows of the fixed table.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Spec Zkvm.Stark
open Zkvm.Refinement.field (toU32 toU32_toNat)
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Spec.Statement

theorem feltOf_toU32 (x : BabyBear) : Zkvm.Air.V2.Exec.feltOf (toU32 x) = x :=
  Zkvm.Air.V2.Exec.feltOf_u32 x

theorem map_feltOf_toU32 (l : List (List BabyBear)) :
    (l.map fun m => m.map toU32).map (List.map Zkvm.Air.V2.Exec.feltOf) = l := by
  induction l with
  | nil => rfl
  | cons m l ih =>
    have hm : ∀ m : List BabyBear, m.map (Zkvm.Air.V2.Exec.feltOf ∘ toU32) = m := by
      intro m
      induction m with
      | nil => rfl
      | cons x m ihm => simp only [List.map_cons, Function.comp_apply, feltOf_toU32, ihm]
    simp only [List.map_cons, ih, List.map_map, hm]

/-- The run theorem's statement sends are the verifier's. -/
theorem stmtSent_eq (pv : List BabyBear) (input : List UInt8) (hin : input.length < 2013265921)
    (hc : (pv.getD pvInputConsumed 0).val ≤ input.length) :
    Zkvm.Air.V2.Exec.stmtSent pv input = sendsF pv input := by
  unfold Zkvm.Air.V2.Exec.stmtSent
  rw [← sendsF_eq pv input hin hc, map_feltOf_toU32]

/-- The run theorem's statement receives are the verifier's. -/
theorem stmtRcvd_eq (pv : List BabyBear) (output : List UInt8) (hout : output.length < 2013265921) :
    Zkvm.Air.V2.Exec.stmtRcvd pv output = receivesF pv output := by
  unfold Zkvm.Air.V2.Exec.stmtRcvd
  rw [← receivesF_eq pv output hout, map_feltOf_toU32]

/-- **An accepted `check_bus` is the bus equation** over the run theorem's statement messages:
the claimed sums and the statement's boundary fractions add to 0 at the challenges. -/
theorem check_bus_accepted_sum (vk : protocol.vk.VerifyingKey) (pv : List BabyBear)
    (input output : List UInt8) (segs : List protocol.proof.Proof) (cs : List (List Ext4))
    (hcs : segs.map (·.claimed_sums) = cs.map (·.map toExt)) (point beta : Ext4)
    (hpv : pv.length < 2 ^ 64) (hin : input.length < 2013265921)
    (hout : output.length < 2013265921) (hsegs : segs.length < 2 ^ 64)
    (hcl : ∀ l ∈ cs, l.length < 2 ^ 64)
    (h : protocol.stark.check_bus vk ⟨pv.map toU32, input, output⟩ segs (toExt point)
      (toExt beta) = .ok (.ok ())) :
    totalClaimed cs + fracSum point beta (boundaryFracs (Zkvm.Air.V2.Exec.stmtSent pv input)
      (Zkvm.Air.V2.Exec.stmtRcvd pv output)) = 0 := by
  rw [check_bus_spec vk pv input output segs cs hcs point beta hpv hin hout hsegs hcl] at h
  cases hbm : boundaryMessages pv input output with
  | error e => rw [hbm] at h; cases h
  | ok x =>
    rw [hbm] at h
    simp only at h
    have hc : (pv.getD pvInputConsumed 0).val ≤ input.length := by
      unfold boundaryMessages at hbm
      split at hbm
      · cases hbm
      · split at hbm
        · cases hbm
        · rename_i hcond
          simp only [not_or, Nat.not_lt] at hcond
          exact hcond.2.2
    rw [stmtSent_eq pv input hin hc, stmtRcvd_eq pv output hout]
    split at h
    · split at h
      · assumption
      · cases h
    · cases h

/-- **`NetZero` from the extracted bus check**: for tables whose rows meet their groups, FIXED
rows of the fixed table and claimed sums `cs χ β` that are the tables' and FIXED rows' fractions
at every challenge pair, if the extracted `check_bus` accepts at more than
`(2M − 1)·|U| + 11M·|S|` pairs `(χ, β) ∈ S × U`, every message's net multiplicity on the run
theorem's bus is 0. -/
theorem check_bus_netZero_count {T : Zkvm.Air.V2.Exec.Tables}
    {fx : List (Zkvm.Air.V2.Cpu.Fraction BabyBear)} {rows : List Spec.ProgramRow}
    {image : List Spec.ImageWord}
    (hok : T.Ok) (hfx : ∀ f ∈ fx, f.fields ∈ Zkvm.Air.V2.Exec.fixedFelts rows image)
    (vk : protocol.vk.VerifyingKey) (pv : List BabyBear) (input output : List UInt8)
    (segs : Ext4 → Ext4 → List protocol.proof.Proof) (cs : Ext4 → Ext4 → List (List Ext4))
    (hcs : ∀ χ β, (segs χ β).map (·.claimed_sums) = (cs χ β).map (·.map toExt))
    (hpv : pv.length < 2 ^ 64) (hin : input.length < 2013265921)
    (hout : output.length < 2013265921) (hsegs : ∀ χ β, (segs χ β).length < 2 ^ 64)
    (hcl : ∀ χ β, ∀ l ∈ cs χ β, l.length < 2 ^ 64)
    (hσ : ∀ χ β, totalClaimed (cs χ β) =
      fracSum χ β (Zkvm.Air.V2.Exec.liftRaw (T.fractions ++ fx)))
    {S U : List Ext4} (hS : S.Nodup) (hU : U.Nodup)
    (hmany : (2 * (Zkvm.Air.V2.Exec.busFractions T (Zkvm.Air.V2.Exec.stmtSent pv input)
        (Zkvm.Air.V2.Exec.stmtRcvd pv output) fx).length - 1) * U.length +
      (Zkvm.Air.V2.Exec.busFractions T (Zkvm.Air.V2.Exec.stmtSent pv input)
        (Zkvm.Air.V2.Exec.stmtRcvd pv output) fx).length * 11 * S.length <
      (pairs S U).countP (fun x => decide (protocol.stark.check_bus vk ⟨pv.map toU32, input, output⟩
        (segs x.1 x.2) (toExt x.1) (toExt x.2) = .ok (.ok ())))) :
    Zkvm.Air.V2.Exec.NetZero T (Zkvm.Air.V2.Exec.stmtSent pv input)
      (Zkvm.Air.V2.Exec.stmtRcvd pv output) fx := by
  refine Classical.byContradiction fun hbad => ?_
  have hc := Zkvm.Air.V2.Exec.check_bus_count hok hfx hbad (fun χ β => totalClaimed (cs χ β))
    hσ hS hU
  have hmono := List.countP_mono_left (l := pairs S U)
    (p := fun x => decide (protocol.stark.check_bus vk ⟨pv.map toU32, input, output⟩
        (segs x.1 x.2) (toExt x.1) (toExt x.2) = .ok (.ok ())))
    (q := fun x => decide (totalClaimed (cs x.1 x.2) + fracSum x.1 x.2
        (boundaryFracs (Zkvm.Air.V2.Exec.stmtSent pv input)
          (Zkvm.Air.V2.Exec.stmtRcvd pv output)) = 0))
    (fun x _ hx => by
      simp only [decide_eq_true_eq] at hx ⊢
      exact check_bus_accepted_sum vk pv input output (segs x.1 x.2) (cs x.1 x.2) (hcs x.1 x.2)
        x.1 x.2 hpv hin hout (hsegs x.1 x.2) (hcl x.1 x.2) hx)
  exact absurd (Nat.lt_of_lt_of_le hmany (Nat.le_trans hmono hc)) (Nat.lt_irrefl _)

end Zkvm.Refinement.protocol.stark

end
