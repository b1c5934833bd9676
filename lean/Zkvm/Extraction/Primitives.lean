module

/-!
# Runtime of the extracted verifier: results, panics and loops

Hand-written support for the Lean code that `extraction/` generates from `rust/verifier`
(`Zkvm.Extracted.*`). The semantics is documented in `extraction/README.md`; in short:

* Every extracted function returns an `Outcome`: `ok v` (the Rust function returned `v`),
  `panic p` (the Rust function panics: arithmetic overflow with overflow checks on, division by
  zero, an index out of bounds), or `div` (a loop whose measure failed to decrease, or a
  `loopFix` loop that does not terminate). The verifier's own failures are values: a Rust
  `Result<T, VerifyError>` is a Lean `Except VerifyError T` inside `ok`. So "the verifier never
  panics" is the statement `∃ v, f x = .ok v`.
* `while` loops become `loop`, a well-founded recursion on a measure of the loop state: the
  translator picks the measure from the loop condition (the counter compared in it); if an
  iteration does not decrease it, the loop is `div`. Proving that a loop returns `ok` therefore
  proves that its measure decreases. `loopFix` (a `partial_fixpoint`) is the form for loops
  without a counter; proofs unfold it with its fixpoint equation.
-/

@[expose] public section

-- Nothing here is run natively (the WebAssembly toolchain cannot compile code that uses core
-- library functions); the kernel evaluates it.
noncomputable section

namespace Zkvm.Extraction

/-- Why a Rust function panics. -/
inductive Panic where
  /-- `+ - *` overflow, or a shift by at least the bit width (Rust with overflow checks). -/
  | overflow
  /-- `/` or `%` by zero. -/
  | divisionByZero
  /-- An index or a slice range outside the slice. -/
  | indexOutOfBounds
  deriving DecidableEq, Repr

/-- The result of running an extracted function. -/
inductive Outcome (α : Type) where
  | ok (v : α)
  | panic (p : Panic)
  | div
  deriving DecidableEq, Repr

namespace Outcome

def bind {α β : Type} (x : Outcome α) (f : α → Outcome β) : Outcome β :=
  match x with
  | ok a => f a
  | panic p => panic p
  | div => div

instance : Monad Outcome where
  pure := ok
  bind := bind

@[simp] theorem pure_eq {α : Type} (a : α) : (pure a : Outcome α) = ok a := rfl
@[simp] theorem bind_ok {α β : Type} (a : α) (f : α → Outcome β) : (ok a >>= f) = f a := rfl
@[simp] theorem bind_panic {α β : Type} (p : Panic) (f : α → Outcome β) :
    (panic p >>= f) = panic p := rfl
@[simp] theorem bind_div {α β : Type} (f : α → Outcome β) : (div >>= f) = div := rfl

theorem bind_eq {α β : Type} (x : Outcome α) (f : α → Outcome β) : x >>= f = bind x f := rfl

theorem bind_eq_ok {α β : Type} {x : Outcome α} {f : α → Outcome β} {b : β} :
    (x >>= f) = ok b ↔ ∃ a, x = ok a ∧ f a = ok b := by
  cases x <;> simp [bind_eq, bind]

instance : LawfulMonad Outcome := LawfulMonad.mk'
  (id_map := fun x => by cases x <;> rfl)
  (pure_bind := fun _ _ => rfl)
  (bind_assoc := fun x _ _ => by cases x <;> rfl)

/-- Equivalent to `∃ v, x = ok v`: neither a panic nor divergence. -/
def isOk {α : Type} : Outcome α → Bool
  | ok _ => true
  | _ => false

end Outcome

/-- Rust's `Result<T, E>` is `Except E T`; its equality is decidable (for kernel checks). -/
instance instDecidableEqExcept {ε α : Type} [DecidableEq ε] [DecidableEq α] :
    DecidableEq (Except ε α) := fun a b =>
  match a, b with
  | .ok x, .ok y =>
    if h : x = y then isTrue (h ▸ rfl) else isFalse (fun e => h (by cases e; rfl))
  | .error x, .error y =>
    if h : x = y then isTrue (h ▸ rfl) else isFalse (fun e => h (by cases e; rfl))
  | .ok _, .error _ => isFalse (fun e => by cases e)
  | .error _, .ok _ => isFalse (fun e => by cases e)

/-! ## The order used by `partial_fixpoint`: `div` below everything else -/

open Lean.Order in
instance {α : Type} : PartialOrder (Outcome α) :=
  inferInstanceAs (PartialOrder (FlatOrder (Outcome.div (α := α))))

open Lean.Order in
noncomputable instance {α : Type} : CCPO (Outcome α) :=
  inferInstanceAs (CCPO (FlatOrder (Outcome.div (α := α))))

open Lean.Order in
instance : MonoBind Outcome where
  bind_mono_left h := by
    cases h
    · exact FlatOrder.rel.bot
    · exact FlatOrder.rel.refl
  bind_mono_right h := by
    rename_i a _ _
    cases a
    · exact h _
    · exact FlatOrder.rel.refl
    · exact FlatOrder.rel.refl

/-! ## Loops -/

/-- What one iteration of a loop body decides: go on with a new state, or stop. -/
inductive Step (σ ρ : Type) where
  | cont (s : σ)
  | done (r : ρ)

/-- How a loop with an early `return` inside ends: normally (`break` or a false condition)
with its final state, or by returning `r` from the enclosing function. -/
inductive Exit (σ ρ : Type) where
  | brk (s : σ)
  | ret (r : ρ)

/-- `while` loop on state `σ`: runs `body` until it says `done`. Well-founded recursion on
`measure`: an iteration that does not decrease `measure` makes the whole loop `div`, so a proof
that the loop returns `ok` includes that its measure decreases (the translator chooses the
measure from the loop condition). -/
def loop {σ ρ : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ)) (s : σ) :
    Outcome ρ :=
  match body s with
  | .ok (.cont s') => if measure s' < measure s then loop measure body s' else .div
  | .ok (.done r) => .ok r
  | .panic p => .panic p
  | .div => .div
termination_by measure s

theorem loop_eq {σ ρ : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ)) (s : σ) :
    loop measure body s =
      match body s with
      | .ok (.cont s') => if measure s' < measure s then loop measure body s' else .div
      | .ok (.done r) => .ok r
      | .panic p => .panic p
      | .div => .div := by
  rw [loop]

/-- Proof rule for `loop`: an invariant `P` that each iteration preserves while decreasing the
measure, and that yields `Q` when the body stops. -/
theorem loop_induct {σ ρ : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ))
    (P : σ → Prop) (Q : ρ → Prop)
    (step : ∀ s, P s →
      (∃ s', body s = .ok (.cont s') ∧ measure s' < measure s ∧ P s') ∨
      (∃ r, body s = .ok (.done r) ∧ Q r)) :
    ∀ s, P s → ∃ r, loop measure body s = .ok r ∧ Q r := by
  intro s
  induction h : measure s using Nat.strongRecOn generalizing s with
  | ind n ih =>
    intro hs
    rw [loop_eq]
    rcases step s hs with ⟨s', hb, hlt, hs'⟩ | ⟨r, hb, hq⟩
    · rw [hb]; simp only [hlt, if_true]
      exact ih (measure s') (h ▸ hlt) s' rfl hs'
    · rw [hb]; exact ⟨r, rfl, hq⟩

/-- A loop without a measure, as a least fixpoint (`div` when it does not terminate). The
kernel cannot evaluate it; proofs rewrite with `loopFix_eq`. -/
def loopFix {σ ρ : Type} (body : σ → Outcome (Step σ ρ)) (s : σ) : Outcome ρ := do
  match (← body s) with
  | .cont s' => loopFix body s'
  | .done r => pure r
partial_fixpoint

theorem loopFix_eq {σ ρ : Type} (body : σ → Outcome (Step σ ρ)) (s : σ) :
    loopFix body s = (do
      match (← body s) with
      | .cont s' => loopFix body s'
      | .done r => pure r) := by
  rw [loopFix]

end Zkvm.Extraction
