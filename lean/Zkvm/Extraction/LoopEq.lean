module

public import Zkvm.Extraction.Lemmas

/-!
# A loop with a known result

`loop_eq_ok`: a loop returns exactly `b` when an invariant is preserved by every iteration and
the loop can only stop with `b` (for loops that are a whole expression's value, e.g. the inner
loops of `fri::verify_fri_query` and `stark::quotient_at_zeta`).
-/

@[expose] public section

namespace Zkvm.Extraction

/-- A loop whose result is `b`, proved by an invariant. -/
theorem loop_eq_ok {σ ρ : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ)) (init : σ)
    (b : ρ) (P : σ → Prop)
    (step : ∀ s, P s →
      (∃ s', body s = .ok (.cont s') ∧ measure s' < measure s ∧ P s') ∨
      (∃ r, body s = .ok (.done r) ∧ r = b))
    (hinit : P init) : loop measure body init = .ok b := by
  obtain ⟨r, hr, hq⟩ := loop_ok measure body init P (fun r => r = b) step hinit
  rw [hr, hq]

/-- A loop followed by a continuation whose result satisfies `R`, by an invariant. -/
theorem loop_bind_ex {σ ρ β : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ))
    (init : σ) (k : ρ → Outcome β) (R : β → Prop) (P : σ → Prop) (Q : ρ → Prop)
    (step : ∀ s, P s →
      (∃ s', body s = .ok (.cont s') ∧ measure s' < measure s ∧ P s') ∨
      (∃ r, body s = .ok (.done r) ∧ Q r))
    (hinit : P init) (post : ∀ r, Q r → ∃ b, k r = .ok b ∧ R b) :
    ∃ b, (loop measure body init >>= k) = .ok b ∧ R b := by
  obtain ⟨r, hr, hq⟩ := loop_ok measure body init P Q step hinit
  obtain ⟨b, hb, hR⟩ := post r hq
  exact ⟨b, by rw [hr, Outcome.bind_ok]; exact hb, hR⟩

end Zkvm.Extraction
