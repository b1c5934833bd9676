module

public import Zkvm.Air.V2.RunStatement

/-!
# From net multiplicities to the counted balance

The LogUp argument does not give a permutation. Its sum being 0 at a random point gives, with
high probability, that every message's **net multiplicity** is 0 in the field: the sum of the
multiplicities of the fractions carrying it, over every table's rows and the statement's own
messages (docs/air.md §12.2 (b); `NetZero`). Lookups into RANGE and FIXED balance that way with
free counts on the receiving side, so the run cannot ask for more in general.

On the counted tags (MEM, INPUT, OUTPUT, EXEC, HALT, EXIT, IO: `countedTags`) every table's
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

/-- Every fraction on the bus: the tables' rows', the statement's and the FIXED table's (`fx`:
one receive per fixed row, with a free multiplicity). -/
def busFractions (T : Tables) (ssent srcvd : List (List BabyBear))
    (fx : List (Fraction BabyBear)) : List (Fraction BabyBear) :=
  T.fractions ++ stmtFractions ssent srcvd ++ fx

/-- **What the LogUp argument gives** (docs/air.md §12.2 (b)): every message's net multiplicity
over the bus is 0 in the field. -/
def NetZero (T : Tables) (ssent srcvd : List (List BabyBear)) (fx : List (Fraction BabyBear)) :
    Prop :=
  ∀ m, net m (busFractions T ssent srcvd fx) = 0

/-- Every table fraction with a counted tag has multiplicity −1, 0 or 1 (docs/air.md §12.2 (d)). -/
def UnitMults (T : Tables) : Prop :=
  ∀ f ∈ T.fractions, Counted f.fields → f.mult = 0 ∨ f.mult = 1 ∨ f.mult = -1

/-- Fewer than p fractions on the bus carry any one counted message (docs/air.md §12.2 (d): the
verifier bounds the number of fractions below p). -/
def FewCopies (T : Tables) (ssent srcvd : List (List BabyBear)) (fx : List (Fraction BabyBear)) :
    Prop :=
  ∀ m, (carrying m (busFractions T ssent srcvd fx)).length < 2013265921

theorem length_carrying_le (m : List BabyBear) (fs : List (Fraction BabyBear)) :
    (carrying m fs).length ≤ fs.length := List.length_filter_le _ _

/-- **Fewer than p fractions on the whole bus** (one segment: every table at most 2^20 rows,
docs/air.md §12.2 (d)) is more than `FewCopies` asks. -/
theorem fewCopies_of_length {T : Tables} {ssent srcvd : List (List BabyBear)}
    {fx : List (Fraction BabyBear)}
    (h : (busFractions T ssent srcvd fx).length < 2013265921) : FewCopies T ssent srcvd fx :=
  fun m => Nat.lt_of_le_of_lt (length_carrying_le m _) h

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

theorem sentOf_append (a b : List (Fraction BabyBear)) : sentOf (a ++ b) = sentOf a ++ sentOf b := by
  simp only [sentOf, List.filter_append, List.map_append]

theorem rcvdOf_append (a b : List (Fraction BabyBear)) : rcvdOf (a ++ b) = rcvdOf a ++ rcvdOf b := by
  simp only [rcvdOf, List.filter_append, List.map_append]

/-- The statement's sends. -/
theorem sentOf_stmt (ssent srcvd : List (List BabyBear)) :
    sentOf (stmtFractions ssent srcvd) = ssent := by
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
  rw [stmtFractions, sentOf_append, h1, h2, List.append_nil]

/-- The statement's receives. -/
theorem rcvdOf_stmt (ssent srcvd : List (List BabyBear)) :
    rcvdOf (stmtFractions ssent srcvd) = srcvd := by
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
  rw [stmtFractions, rcvdOf_append, h1, h2, List.nil_append]

/-- A message no fraction carries is neither sent nor received by them. -/
theorem count_sentOf_eq_zero {m : List BabyBear} {fs : List (Fraction BabyBear)}
    (h : ∀ f ∈ fs, f.fields ≠ m) : (sentOf fs).count m = 0 :=
  List.count_eq_zero.mpr fun hm => by
    obtain ⟨f, hf, e⟩ := List.mem_map.mp hm
    exact h f (List.mem_filter.mp hf).1 e

theorem count_rcvdOf_eq_zero {m : List BabyBear} {fs : List (Fraction BabyBear)}
    (h : ∀ f ∈ fs, f.fields ≠ m) : (rcvdOf fs).count m = 0 :=
  List.count_eq_zero.mpr fun hm => by
    obtain ⟨f, hf, e⟩ := List.mem_map.mp hm
    exact h f (List.mem_filter.mp hf).1 e

/-- **The counted balance from net multiplicities on some messages**: `balanced_of_net` with
net multiplicity 0 and fewer than p fractions asked only of the messages satisfying `Q`, giving
the balance of the counted messages satisfying `Q` (one segment's local messages, or all
segments' global ones: BusSegments.lean). -/
theorem balanced_of_net_on {Q : List BabyBear → Prop} {T : Tables}
    {ssent srcvd : List (List BabyBear)} {fx : List (Fraction BabyBear)}
    (hnet : ∀ m, Q m → net m (busFractions T ssent srcvd fx) = 0) (hunit : UnitMults T)
    (hfx : ∀ f ∈ fx, ¬ Counted f.fields)
    (hfew : ∀ m, Q m → (carrying m (busFractions T ssent srcvd fx)).length < 2013265921) :
    ∀ m, Counted m → Q m → (T.sent ++ ssent).count m = (T.rcvd ++ srcvd).count m := by
  intro m hm hq
  have hu : ∀ f ∈ busFractions T ssent srcvd fx, f.fields = m →
      f.mult = 0 ∨ f.mult = 1 ∨ f.mult = -1 := by
    intro f hf he
    simp only [busFractions, List.mem_append] at hf
    rcases hf with (hf | hf) | hf
    · exact hunit f hf (he ▸ hm)
    · simp only [stmtFractions, List.mem_append, List.mem_map] at hf
      rcases hf with ⟨_, _, rfl⟩ | ⟨_, _, rfl⟩
      · exact Or.inr (Or.inl rfl)
      · exact Or.inr (Or.inr rfl)
    · exact absurd (he ▸ hm) (hfx f hf)
  have hnx : ∀ f ∈ fx, f.fields ≠ m := fun f hf e => hfx f hf (e ▸ hm)
  have hs0 := count_sentOf_eq_zero hnx
  have hr0 := count_rcvdOf_eq_zero hnx
  have h := net_add_rcvd m _ hu
  have hs := count_sentOf_le m (busFractions T ssent srcvd fx)
  have hr := count_rcvdOf_le m (busFractions T ssent srcvd fx)
  simp only [busFractions, sentOf_append, rcvdOf_append, sentOf_stmt, rcvdOf_stmt,
    List.count_append] at h hs hr
  rw [show net m (T.fractions ++ stmtFractions ssent srcvd ++ fx) = 0 from hnet m hq, hs0,
    hr0] at h
  have hf := hfew m hq
  simp only [busFractions] at hf
  have hP : P = 2013265921 := P_eq
  rw [List.count_append, List.count_append]
  have e1 : T.sent = sentOf T.fractions := rfl
  have e2 : T.rcvd = rcvdOf T.fractions := rfl
  rw [e1, e2]
  simp only [Nat.add_zero] at h
  refine Zkvm.Air.Felt.natCast_inj_of_lt (by omega) (by omega) ?_
  rw [← h]
  grind

/-- **The counted balance from net multiplicities** (docs/air.md §12.2 (b), (d)): with every
message's net multiplicity 0, the tables' multiplicities on counted tags −1, 0 or 1, the FIXED
table carrying no counted tag, and fewer than p fractions carrying any message, every counted
message is sent as often as it is received. -/
theorem balanced_of_net {T : Tables} {ssent srcvd : List (List BabyBear)}
    {fx : List (Fraction BabyBear)} (hnet : NetZero T ssent srcvd fx) (hunit : UnitMults T)
    (hfx : ∀ f ∈ fx, ¬ Counted f.fields) (hfew : FewCopies T ssent srcvd fx) :
    Balanced T ssent srcvd := fun m hm =>
  balanced_of_net_on (Q := fun _ => True) (fun m _ => hnet m) hunit hfx (fun m _ => hfew m) m hm
    trivial

/-- The net multiplicity of a list's concatenation. -/
theorem net_append (m : List BabyBear) :
    ∀ a b : List (Fraction BabyBear), net m (a ++ b) = net m a + net m b
  | [], b => by simp only [List.nil_append, net]; grind
  | f :: a, b => by simp only [List.cons_append, net, net_append m a b]; grind

/-- A message no fraction carries has net multiplicity 0. -/
theorem net_eq_zero_of {m : List BabyBear} :
    ∀ {fs : List (Fraction BabyBear)}, (∀ f ∈ fs, f.fields ≠ m) → net m fs = 0
  | [], _ => rfl
  | f :: fs, h => by
    simp only [net, h f List.mem_cons_self, if_false,
      net_eq_zero_of (fun g hg => h g (List.mem_cons_of_mem _ hg))]
    grind

/-- **Lookup soundness over net multiplicities** (docs/air.md §12.2 (d)): when a message's net
multiplicity over the senders `A` and the receivers `R` is 0, fewer than p fractions carry it,
every sender carrying it has multiplicity 0 or 1 and one has 1, then a receiver carries it. -/
theorem lookup_received {m : List BabyBear} {A R : List (Fraction BabyBear)}
    (hnet : net m (A ++ R) = 0) (hfew : (carrying m (A ++ R)).length < 2013265921)
    (hA : ∀ f ∈ A, f.fields = m → f.mult = 0 ∨ f.mult = 1)
    (hsend : ∃ f ∈ A, f.fields = m ∧ f.mult = 1) : ∃ f ∈ R, f.fields = m := by
  refine Classical.byContradiction fun hno => ?_
  have hR : ∀ f ∈ R, f.fields ≠ m := fun f hf e => hno ⟨f, hf, e⟩
  rw [net_append, net_eq_zero_of hR] at hnet
  have hu : ∀ f ∈ A, f.fields = m → f.mult = 0 ∨ f.mult = 1 ∨ f.mult = -1 := fun f hf e =>
    (hA f hf e).elim Or.inl (fun h => Or.inr (Or.inl h))
  have h := net_add_rcvd m A hu
  have hr0 : (rcvdOf A).count m = 0 := List.count_eq_zero.mpr fun hm => by
    obtain ⟨f, hf, e⟩ := List.mem_map.mp hm
    obtain ⟨hf, h1⟩ := List.mem_filter.mp hf
    simp only [decide_eq_true_eq] at h1
    rcases hA f hf e with h0 | h1'
    · rw [h0] at h1; exact absurd h1 (by decide)
    · rw [h1'] at h1; exact absurd h1 neg_one_ne_one.symm
  have hpos : 0 < (sentOf A).count m := by
    obtain ⟨f, hf, e, h1⟩ := hsend
    exact List.count_pos_iff.mpr (List.mem_map.mpr ⟨f, List.mem_filter.mpr ⟨hf, by
      simp only [h1, decide_true]⟩, e⟩)
  have hle := count_sentOf_le m (A ++ R)
  rw [sentOf_append, List.count_append] at hle
  have hP : P = 2013265921 := P_eq
  rw [hr0] at h
  have : (sentOf A).count m = 0 :=
    Zkvm.Air.Felt.natCast_inj_of_lt (by omega) (by omega) (by rw [← h]; grind)
  omega

end Zkvm.Air.V2.Exec

end
