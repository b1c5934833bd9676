module

public import Zkvm.Air.V2.BusNet
public import Zkvm.Stark.LogUp
public import Zkvm.Field.Extension

/-!
# From the LogUp sum to net multiplicities 0

The run theorem reads the bus through net multiplicities (`net`, `NetZero`, BusNet.lean); the
protocol-soundness side bounds the LogUp challenges for which an unbalanced bus sums to 0
(`Zkvm.Stark.logup_count`, over an abstract field and fractions whose messages all have one
length). This file is the interface between the two (docs/air.md §12.2 (a), (b)).

The verifier sums `m / (χ − fp(msg, β))` with the machine's fractions lifted into the extension
(`liftRaw`: base-field multiplicities and fields as constants of `Ext4`), messages of different
lengths as they are. Padding a message with zero fields keeps its fingerprint (`fp_pad`), so the
sum and the poles are those of the messages padded to one length `L` (`fracSum_liftPad`,
`poleHit_liftPad`), the form `logup_count` takes. Padding loses nothing when it keeps the bus's
messages apart (`PadInj`), which holds when every message is non-empty and messages with the same
first field (the tag) have the same length (`padInj_of_arity`). Then:

* `net_zero_of_balanced`: a bus balanced in the extension (`Zkvm.Stark.Balanced` of the padded
  lifted fractions) has every net multiplicity 0 in the base field;
* `logup_net_count`: if some net multiplicity is not 0, at most `(2M − 1)·|T| + M(L − 1)·|S|`
  challenge pairs `(χ, β) ∈ S × T` make a denominator zero or the verifier's sum zero, for `M`
  fractions of at most `L` fields — over the whole extension, `Pr ≤ (2M − 1 + M(L − 1))/|E|`;
* `netZero_of_balanced`, `logup_bus_count`: the same for the bus of the run theorem
  (`busFractions`: every table's rows, the statement's messages, the FIXED rows), so its
  hypothesis `NetZero` fails only on those challenges. A segment's local bus (`SegBus`) is a
  list of fractions too and takes the generic forms.

What remains between this and the verifier: that the verifier's check (the tables' claimed sums
and the statement's boundary term adding to 0) is this sum (each table's claimed sum is its rows'
fractions when its LogUp constraints vanish: `Zkvm.Stark.claimed_sum_of_logup`), and the tags'
arities over every table's messages (`TagArity`, here a hypothesis).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)

/-- A message padded with zero fields to `L` fields. -/
def padTo (L : Nat) (m : List BabyBear) : List BabyBear := m ++ List.replicate (L - m.length) 0

/-- The fractions as the verifier sums them: multiplicity and fields as constants of `Ext4`. -/
def liftRaw (fs : List (Fraction BabyBear)) : List (Stark.Frac Ext4) :=
  fs.map fun f => (Ext4.ofBase f.mult, f.fields.map Ext4.ofBase)

/-- The same fractions with every message padded to `L` fields. -/
def liftPad (L : Nat) (fs : List (Fraction BabyBear)) : List (Stark.Frac Ext4) :=
  fs.map fun f => (Ext4.ofBase f.mult, (padTo L f.fields).map Ext4.ofBase)

/-- Padding to `L` fields keeps the messages of `fs` apart. -/
def PadInj (L : Nat) (fs : List (Fraction BabyBear)) : Prop :=
  ∀ f ∈ fs, ∀ g ∈ fs, padTo L f.fields = padTo L g.fields → f.fields = g.fields

/-- Messages with the same first field (the tag) have the same length. -/
def TagArity (fs : List (Fraction BabyBear)) : Prop :=
  ∀ f ∈ fs, ∀ g ∈ fs, f.fields.head? = g.fields.head? → f.fields.length = g.fields.length

/-! ## Padding -/

theorem length_padTo {L : Nat} {m : List BabyBear} (h : m.length ≤ L) : (padTo L m).length = L := by
  simp only [padTo, List.length_append, List.length_replicate]; omega

theorem head?_padTo (L : Nat) {m : List BabyBear} (h : m ≠ []) : (padTo L m).head? = m.head? := by
  cases m with
  | nil => exact absurd rfl h
  | cons a m => rfl

/-- **Padding keeps messages apart when tags fix lengths.** -/
theorem padInj_of_arity {L : Nat} {fs : List (Fraction BabyBear)}
    (hne : ∀ f ∈ fs, f.fields ≠ []) (ha : TagArity fs) : PadInj L fs := by
  intro f hf g hg e
  have hh : f.fields.head? = g.fields.head? := by
    rw [← head?_padTo L (hne f hf), ← head?_padTo L (hne g hg), e]
  have hl := ha f hf g hg hh
  unfold padTo at e
  exact (List.append_inj e hl).1

theorem ofBase_zero : Ext4.ofBase 0 = 0 := rfl

theorem map_ofBase_inj : ∀ {a b : List BabyBear}, a.map Ext4.ofBase = b.map Ext4.ofBase → a = b
  | [], [], _ => rfl
  | [], _ :: _, h => by simp at h
  | _ :: _, [], h => by simp at h
  | x :: a, y :: b, h => by
    simp only [List.map_cons, List.cons.injEq] at h
    rw [Ext4.ofBase_injective h.1, map_ofBase_inj h.2]

theorem evalList_append_zeros (x : Ext4) : ∀ (m : List Ext4) (k : Nat),
    Poly.evalList x (m ++ List.replicate k 0) = Poly.evalList x m
  | [], 0 => rfl
  | [], k + 1 => by
    have ih := evalList_append_zeros x [] k
    simp only [List.nil_append, Poly.evalList_nil] at ih
    simp only [List.nil_append, List.replicate_succ, Poly.evalList_cons, ih, Poly.evalList_nil]
    grind
  | c :: m, k => by
    simp only [List.cons_append, Poly.evalList_cons, evalList_append_zeros x m k]

/-- **Padding keeps the fingerprint.** -/
theorem fp_pad (L : Nat) (m : List BabyBear) (β : Ext4) :
    Stark.fp ((padTo L m).map Ext4.ofBase) β = Stark.fp (m.map Ext4.ofBase) β := by
  simp only [Stark.fp, padTo, List.map_append, List.map_replicate, ofBase_zero]
  exact evalList_append_zeros β _ _

theorem fracSum_liftPad (L : Nat) (χ β : Ext4) : ∀ fs : List (Fraction BabyBear),
    Stark.fracSum χ β (liftPad L fs) = Stark.fracSum χ β (liftRaw fs)
  | [] => rfl
  | f :: fs => by
    have ih := fracSum_liftPad L χ β fs
    simp only [liftPad, liftRaw, List.map_cons, Stark.fracSum] at ih ⊢
    rw [fp_pad, ih]

theorem poleHit_liftPad (L : Nat) (χ β : Ext4) (fs : List (Fraction BabyBear)) :
    Stark.PoleHit (liftPad L fs) χ β ↔ Stark.PoleHit (liftRaw fs) χ β := by
  simp only [Stark.PoleHit, liftPad, liftRaw, List.mem_map]
  constructor
  · rintro ⟨_, ⟨f, hf, rfl⟩, h⟩
    exact ⟨_, ⟨f, hf, rfl⟩, by rw [h]; exact fp_pad L f.fields β⟩
  · rintro ⟨_, ⟨f, hf, rfl⟩, h⟩
    exact ⟨_, ⟨f, hf, rfl⟩, by rw [h]; exact (fp_pad L f.fields β).symm⟩

theorem length_liftPad {L : Nat} {fs : List (Fraction BabyBear)}
    (hL : ∀ f ∈ fs, f.fields.length ≤ L) : ∀ f ∈ liftPad L fs, f.2.length = L := by
  intro f hf
  obtain ⟨g, hg, rfl⟩ := List.mem_map.mp hf
  simp only [List.length_map]
  exact length_padTo (hL g hg)

/-! ## Multiplicities -/

/-- A message's multiplicity in the lifted padded bus is its net multiplicity, when padding keeps
it apart from the bus's other messages. -/
theorem mult_liftPad (L : Nat) (m : List BabyBear) : ∀ fs : List (Fraction BabyBear),
    (∀ g ∈ fs, padTo L g.fields = padTo L m → g.fields = m) →
    Stark.mult ((padTo L m).map Ext4.ofBase) (liftPad L fs) = Ext4.ofBase (net m fs)
  | [], _ => rfl
  | f :: fs, h => by
    have ih := mult_liftPad L m fs (fun g hg => h g (List.mem_cons_of_mem _ hg))
    simp only [liftPad, List.map_cons, Stark.mult, net] at ih ⊢
    rw [ih, Ext4.ofBase_add]
    by_cases hf : f.fields = m
    · simp only [hf, if_true]
    · have hne : (padTo L f.fields).map Ext4.ofBase ≠ (padTo L m).map Ext4.ofBase :=
        fun e => hf (h f List.mem_cons_self (map_ofBase_inj e))
      simp only [hne, hf, if_false, ofBase_zero]

/-- **A bus balanced in the extension has every net multiplicity 0** in the base field, when
padding keeps its messages apart. -/
theorem net_zero_of_balanced {L : Nat} {fs : List (Fraction BabyBear)} (hinj : PadInj L fs)
    (hb : Stark.Balanced (liftPad L fs)) (m : List BabyBear) : net m fs = 0 := by
  by_cases hc : ∃ f ∈ fs, f.fields = m
  · obtain ⟨f, hf, rfl⟩ := hc
    have h := mult_liftPad L f.fields fs (fun g hg e => hinj g hg f hf e)
    rw [hb] at h
    exact Ext4.ofBase_injective (h.symm.trans ofBase_zero.symm)
  · exact net_eq_zero_of fun f hf e => hc ⟨f, hf, e⟩

/-- **LogUp over the machine's fractions**: if some message's net multiplicity is not 0, at most
`(2M − 1)·|T| + M(L − 1)·|S|` pairs `(χ, β) ∈ S × T` make a denominator of the verifier's sum
zero or the sum zero, for `M` fractions whose messages have at most `L` fields and which padding
keeps apart. -/
theorem logup_net_count {L : Nat} {fs : List (Fraction BabyBear)}
    (hL : ∀ f ∈ fs, f.fields.length ≤ L) (hinj : PadInj L fs) (hbad : ¬ ∀ m, net m fs = 0)
    {S T : List Ext4} (hS : S.Nodup) (hT : T.Nodup) :
    (Stark.pairs S T).countP (fun x =>
        decide (Stark.PoleHit (liftRaw fs) x.1 x.2 ∨ Stark.fracSum x.1 x.2 (liftRaw fs) = 0)) ≤
      (2 * fs.length - 1) * T.length + fs.length * (L - 1) * S.length := by
  have hunbal : ¬ Stark.Balanced (liftPad L fs) := fun hb => hbad (net_zero_of_balanced hinj hb)
  have h := Stark.logup_count hunbal (length_liftPad hL) hS hT
  have hlen : (liftPad L fs).length = fs.length := List.length_map _
  rw [hlen] at h
  refine Nat.le_trans (Nat.le_of_eq (List.countP_congr fun x _ => ?_)) h
  simp only [decide_eq_true_eq, poleHit_liftPad, fracSum_liftPad]

/-! ## The run theorem's bus -/

/-- **`NetZero` from a balanced bus**: the run theorem's hypothesis holds when the lifted padded
bus (every table's rows, the statement's messages, the FIXED rows) is balanced. -/
theorem netZero_of_balanced {T : Tables} {ssent srcvd : List (List BabyBear)}
    {fx : List (Fraction BabyBear)} {L : Nat} (hinj : PadInj L (busFractions T ssent srcvd fx))
    (hb : Stark.Balanced (liftPad L (busFractions T ssent srcvd fx))) :
    NetZero T ssent srcvd fx :=
  net_zero_of_balanced hinj hb

/-- **The run theorem's `NetZero` fails on few challenges**: if it fails, at most
`(2M − 1)·|T| + M(L − 1)·|S|` pairs `(χ, β) ∈ S × T` make the verifier's sum over the bus zero
(or a denominator zero). -/
theorem logup_bus_count {T : Tables} {ssent srcvd : List (List BabyBear)}
    {fx : List (Fraction BabyBear)} {L : Nat}
    (hL : ∀ f ∈ busFractions T ssent srcvd fx, f.fields.length ≤ L)
    (hinj : PadInj L (busFractions T ssent srcvd fx)) (hbad : ¬ NetZero T ssent srcvd fx)
    {S U : List Ext4} (hS : S.Nodup) (hU : U.Nodup) :
    (Stark.pairs S U).countP (fun x =>
        decide (Stark.PoleHit (liftRaw (busFractions T ssent srcvd fx)) x.1 x.2 ∨
          Stark.fracSum x.1 x.2 (liftRaw (busFractions T ssent srcvd fx)) = 0)) ≤
      (2 * (busFractions T ssent srcvd fx).length - 1) * U.length +
        (busFractions T ssent srcvd fx).length * (L - 1) * S.length :=
  logup_net_count hL hinj hbad hS hU

end Zkvm.Air.V2.Exec

end
