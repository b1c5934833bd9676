module

public import Zkvm.Air.V2.RunStatement

/-!
# From net multiplicities to the counted balance

The LogUp argument does not give a permutation. Its sum being 0 at a random point gives, with
high probability, that every message's **net multiplicity** is 0 in the field: the sum of the
multiplicities of the fractions carrying it, over every table's rows and the statement's own
messages (docs/air.md §12.2 (b); `NetZero`). Lookups into RANGE and FIXED balance that way with
free counts on the receiving side, so the run cannot ask for more in general.

On the counted tags (INPUT, OUTPUT, EXEC, HALT, EXIT, IO: `countedTags`) every table's
multiplicity is −1, 0 or 1 (§12.2 (d); `UnitMults`), and the statement sends each of its
messages with multiplicity 1 and receives with −1. Then a message's net multiplicity is the
number of its sends minus the number of its receives, cast into the field; when fewer than p
fractions carry the message (`FewCopies`, what the verifier's bound on the fractions gives), net
0 in the field is net 0 in ℕ. `balanced_of_net` derives the counted balance (`Balanced`) that
the run's joins take.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)

/-- The net multiplicity of message `m` over a list of fractions: the sum of the multiplicities
of the fractions carrying it. -/
def net (m : List BabyBear) : List (Fraction BabyBear) → BabyBear
  | [] => 0
  | f :: fs => (if f.fields = m then f.mult else 0) + net m fs

/-- The messages sent once (multiplicity 1) by a list of fractions. -/
def sentOf (fs : List (Fraction BabyBear)) : List (List BabyBear) :=
  (fs.filter fun f => decide (f.mult = 1)).map (·.fields)

/-- The messages received once (multiplicity −1) by a list of fractions. -/
def rcvdOf (fs : List (Fraction BabyBear)) : List (List BabyBear) :=
  (fs.filter fun f => decide (f.mult = -1)).map (·.fields)

/-- The fractions carrying message `m`. -/
def carrying (m : List BabyBear) (fs : List (Fraction BabyBear)) : List (Fraction BabyBear) :=
  fs.filter fun f => decide (f.fields = m)

/-- The statement's side of the bus as fractions: what it sends with multiplicity 1, what it
receives with −1. -/
def stmtFractions (ssent srcvd : List (List BabyBear)) : List (Fraction BabyBear) :=
  ssent.map (fun m => ⟨1, m⟩) ++ srcvd.map (fun m => ⟨-1, m⟩)

/-- Every fraction on the bus: the tables' rows' and the statement's. -/
def busFractions (T : Tables) (ssent srcvd : List (List BabyBear)) : List (Fraction BabyBear) :=
  T.fractions ++ stmtFractions ssent srcvd

/-- **What the LogUp argument gives** (docs/air.md §12.2 (b)): every message's net multiplicity
over the bus is 0 in the field. -/
def NetZero (T : Tables) (ssent srcvd : List (List BabyBear)) : Prop :=
  ∀ m, net m (busFractions T ssent srcvd) = 0

/-- Every table fraction with a counted tag has multiplicity −1, 0 or 1 (docs/air.md §12.2 (d)). -/
def UnitMults (T : Tables) : Prop :=
  ∀ f ∈ T.fractions, Counted f.fields → f.mult = 0 ∨ f.mult = 1 ∨ f.mult = -1

/-- Fewer than p fractions on the bus carry any one counted message (docs/air.md §12.2 (d): the
verifier bounds the number of fractions below p). -/
def FewCopies (T : Tables) (ssent srcvd : List (List BabyBear)) : Prop :=
  ∀ m, Counted m → (carrying m (busFractions T ssent srcvd)).length < 2013265921

theorem length_carrying_le (m : List BabyBear) (fs : List (Fraction BabyBear)) :
    (carrying m fs).length ≤ fs.length := List.length_filter_le _ _

/-- **Fewer than p fractions on the whole bus** (one segment: every table at most 2^20 rows,
docs/air.md §12.2 (d)) is more than `FewCopies` asks. -/
theorem fewCopies_of_length {T : Tables} {ssent srcvd : List (List BabyBear)}
    (h : (busFractions T ssent srcvd).length < 2013265921) : FewCopies T ssent srcvd :=
  fun m _ => Nat.lt_of_le_of_lt (length_carrying_le m _) h

theorem neg_one_ne_one : (-1 : BabyBear) ≠ 1 := by decide

theorem natCast_succ (n : Nat) : (((n + 1 : Nat) : Nat) : BabyBear) = ((n : Nat) : BabyBear) + 1 := by
  grind

/-- **A net multiplicity with unit multiplicities is sends minus receives**: over fractions whose
multiplicities on `m` are −1, 0 or 1, the net multiplicity plus the receives is the sends. -/
theorem net_add_rcvd (m : List BabyBear) : ∀ fs : List (Fraction BabyBear),
    (∀ f ∈ fs, f.fields = m → f.mult = 0 ∨ f.mult = 1 ∨ f.mult = -1) →
    net m fs + (((rcvdOf fs).count m : Nat) : BabyBear) = (((sentOf fs).count m : Nat) : BabyBear)
  | [], _ => by simp only [net, rcvdOf, sentOf, List.filter_nil, List.map_nil, List.count_nil]; grind
  | f :: fs, hu => by
    have ih := net_add_rcvd m fs fun g hg => hu g (List.mem_cons_of_mem _ hg)
    simp only [net, rcvdOf, sentOf, List.filter_cons] at ih ⊢
    by_cases hf : f.fields = m
    · rcases hu f List.mem_cons_self hf with h | h | h
      · have h1 : ¬ f.mult = 1 := by rw [h]; decide
        have h2 : ¬ f.mult = -1 := by rw [h]; decide
        simp only [hf, h1, h2, decide_false, if_true, Bool.false_eq_true, if_false]
        rw [h]; grind
      · simp only [hf, h, neg_one_ne_one.symm, decide_true, decide_false, if_true,
          Bool.false_eq_true, if_false, List.map_cons, List.count_cons_self]
        rw [natCast_succ]; grind
      · simp only [hf, h, neg_one_ne_one, decide_true, decide_false, if_true,
          Bool.false_eq_true, if_false, List.map_cons, List.count_cons_self]
        rw [natCast_succ]; grind
    · have e : ∀ l : List (List BabyBear), (f.fields :: l).count m = l.count m := fun l =>
        List.count_cons_of_ne hf
      simp only [hf, if_false]
      split <;> split <;> (try simp only [List.map_cons, e]) <;> grind

/-- The sends of a message are among the fractions carrying it. -/
theorem count_sentOf_le (m : List BabyBear) : ∀ fs : List (Fraction BabyBear),
    (sentOf fs).count m ≤ (carrying m fs).length
  | [] => by simp [sentOf, carrying]
  | f :: fs => by
    have ih := count_sentOf_le m fs
    simp only [sentOf, carrying, List.filter_cons] at ih ⊢
    by_cases hf : f.fields = m
    · simp only [hf, decide_true, if_true, List.length_cons]
      split
      · simp only [List.map_cons, hf, List.count_cons_self]; omega
      · omega
    · simp only [hf, decide_false, Bool.false_eq_true, if_false]
      split
      · simp only [List.map_cons, List.count_cons_of_ne hf]; exact ih
      · exact ih

/-- The receives of a message are among the fractions carrying it. -/
theorem count_rcvdOf_le (m : List BabyBear) : ∀ fs : List (Fraction BabyBear),
    (rcvdOf fs).count m ≤ (carrying m fs).length
  | [] => by simp [rcvdOf, carrying]
  | f :: fs => by
    have ih := count_rcvdOf_le m fs
    simp only [rcvdOf, carrying, List.filter_cons] at ih ⊢
    by_cases hf : f.fields = m
    · simp only [hf, decide_true, if_true, List.length_cons]
      split
      · simp only [List.map_cons, hf, List.count_cons_self]; omega
      · omega
    · simp only [hf, decide_false, Bool.false_eq_true, if_false]
      split
      · simp only [List.map_cons, List.count_cons_of_ne hf]; exact ih
      · exact ih

/-- The bus's sends are the tables' and the statement's. -/
theorem sentOf_bus (T : Tables) (ssent srcvd : List (List BabyBear)) :
    sentOf (busFractions T ssent srcvd) = T.sent ++ ssent := by
  have h1 : ∀ l : List (List BabyBear),
      sentOf (l.map (fun m => (⟨1, m⟩ : Fraction BabyBear))) = l := by
    intro l; induction l with
    | nil => rfl
    | cons a l ih =>
      simp only [sentOf, List.map_cons, List.filter_cons, decide_true, if_true] at ih ⊢
      rw [ih]
  have h2 : ∀ l : List (List BabyBear),
      sentOf (l.map (fun m => (⟨-1, m⟩ : Fraction BabyBear))) = [] := by
    intro l; induction l with
    | nil => rfl
    | cons a l ih =>
      simp only [sentOf, List.map_cons, List.filter_cons, neg_one_ne_one, decide_false,
        Bool.false_eq_true, if_false] at ih ⊢
      exact ih
  have happ : ∀ a b : List (Fraction BabyBear), sentOf (a ++ b) = sentOf a ++ sentOf b := by
    intro a b; simp only [sentOf, List.filter_append, List.map_append]
  rw [busFractions, stmtFractions, happ, happ, h1, h2, List.append_nil]
  rfl

/-- The bus's receives are the tables' and the statement's. -/
theorem rcvdOf_bus (T : Tables) (ssent srcvd : List (List BabyBear)) :
    rcvdOf (busFractions T ssent srcvd) = T.rcvd ++ srcvd := by
  have h1 : ∀ l : List (List BabyBear),
      rcvdOf (l.map (fun m => (⟨1, m⟩ : Fraction BabyBear))) = [] := by
    intro l; induction l with
    | nil => rfl
    | cons a l ih =>
      simp only [rcvdOf, List.map_cons, List.filter_cons, neg_one_ne_one.symm, decide_false,
        Bool.false_eq_true, if_false] at ih ⊢
      exact ih
  have h2 : ∀ l : List (List BabyBear),
      rcvdOf (l.map (fun m => (⟨-1, m⟩ : Fraction BabyBear))) = l := by
    intro l; induction l with
    | nil => rfl
    | cons a l ih =>
      simp only [rcvdOf, List.map_cons, List.filter_cons, decide_true, if_true] at ih ⊢
      rw [ih]
  have happ : ∀ a b : List (Fraction BabyBear), rcvdOf (a ++ b) = rcvdOf a ++ rcvdOf b := by
    intro a b; simp only [rcvdOf, List.filter_append, List.map_append]
  rw [busFractions, stmtFractions, happ, happ, h1, h2, List.nil_append]
  rfl

/-- **The counted balance from net multiplicities** (docs/air.md §12.2 (b), (d)): with every
message's net multiplicity 0, the tables' multiplicities on counted tags −1, 0 or 1, and fewer
than p fractions carrying any counted message, every counted message is sent as often as it is
received. -/
theorem balanced_of_net {T : Tables} {ssent srcvd : List (List BabyBear)}
    (hnet : NetZero T ssent srcvd) (hunit : UnitMults T) (hfew : FewCopies T ssent srcvd) :
    Balanced T ssent srcvd := by
  intro m hm
  have hu : ∀ f ∈ busFractions T ssent srcvd, f.fields = m →
      f.mult = 0 ∨ f.mult = 1 ∨ f.mult = -1 := by
    intro f hf he
    rcases List.mem_append.mp hf with hf | hf
    · exact hunit f hf (he ▸ hm)
    · simp only [stmtFractions, List.mem_append, List.mem_map] at hf
      rcases hf with ⟨_, _, rfl⟩ | ⟨_, _, rfl⟩
      · exact Or.inr (Or.inl rfl)
      · exact Or.inr (Or.inr rfl)
  have h := net_add_rcvd m _ hu
  rw [hnet m, sentOf_bus, rcvdOf_bus] at h
  have hs := count_sentOf_le m (busFractions T ssent srcvd)
  have hr := count_rcvdOf_le m (busFractions T ssent srcvd)
  rw [sentOf_bus] at hs
  rw [rcvdOf_bus] at hr
  have hf := hfew m hm
  have hP : P = 2013265921 := P_eq
  refine Zkvm.Air.Felt.natCast_inj_of_lt (by omega) (by omega) ?_
  rw [← h]
  grind

end Zkvm.Air.V2.Exec

end
