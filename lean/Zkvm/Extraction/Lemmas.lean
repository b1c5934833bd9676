module

public import Zkvm.Extraction.Slices

/-!
# Proof rules for extracted code

Lemmas the refinement proofs (`Zkvm.Refinement.*`) use to reason about generated functions:
running a loop by an invariant, and the `Nat` values of the runtime's checked operations.
-/

@[expose] public section

namespace Zkvm.Extraction

/-! ## Rewriting `do` blocks

`Outcome.bind_ok` and `Outcome.pure_eq` hold by `rfl`, so `simp` uses them as definitional
rewrites, which the kernel re-checks by unfolding: on a long extracted function that unfolding
reaches the checked arithmetic and blows up. These copies are proved propositionally, so `simp`
records the rewrite steps instead. -/

theorem ok_bind {α β : Type} (a : α) (f : α → Outcome β) : (Outcome.ok a >>= f) = f a := by
  rw [Outcome.bind_eq]; rfl

theorem pure_ok {α : Type} (a : α) : (pure a : Outcome α) = Outcome.ok a := by
  show Outcome.ok a = Outcome.ok a; exact Eq.refl _

theorem ok_inj {α : Type} {a b : α} : (Outcome.ok a = Outcome.ok b) ↔ a = b :=
  ⟨fun h => by cases h; rfl, fun h => h ▸ rfl⟩

/-- A loop followed by a continuation, proved by an invariant `P` (preserved by each iteration,
which decreases the measure) and a postcondition `Q` of the loop's result under which the
continuation returns `b`. -/
theorem loop_bind_ok {σ ρ β : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ))
    (init : σ) (k : ρ → Outcome β) {b : β} (P : σ → Prop) (Q : ρ → Prop)
    (step : ∀ s, P s →
      (∃ s', body s = .ok (.cont s') ∧ measure s' < measure s ∧ P s') ∨
      (∃ r, body s = .ok (.done r) ∧ Q r))
    (hinit : P init) (post : ∀ r, Q r → k r = .ok b) :
    (loop measure body init >>= k) = .ok b := by
  obtain ⟨r, hr, hq⟩ := loop_induct measure body P Q step init hinit
  rw [hr, Outcome.bind_ok]; exact post r hq

/-- The same, for a loop whose result is the last action. -/
theorem loop_ok {σ ρ : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ))
    (init : σ) (P : σ → Prop) (Q : ρ → Prop)
    (step : ∀ s, P s →
      (∃ s', body s = .ok (.cont s') ∧ measure s' < measure s ∧ P s') ∨
      (∃ r, body s = .ok (.done r) ∧ Q r))
    (hinit : P init) : ∃ r, loop measure body init = .ok r ∧ Q r :=
  loop_induct measure body P Q step init hinit

end Zkvm.Extraction
