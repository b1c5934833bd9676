module

public import Zkvm.RiscV.Execute

/-!
# Steps and runs

`step` executes one instruction — fetch from the code table, decode, execute — and `run n`
executes `n` of them, stopping at the first trap. Like the executor, a machine that has called
`exit` stays as it is (`step_of_halted`), so `run` with more steps than the program needs gives
the same final state.
-/

@[expose] public section

-- For proofs and kernel evaluation only (not all core functions have compiled code here).
noncomputable section

namespace Zkvm.RiscV

/-- One instruction (one cycle). -/
def step (s : State) : Result :=
  if s.exitCode.isSome then .ok s else
  match s.code s.pc with
  | none => .error (.instructionFetchFault s.pc)
  | some word =>
    match decode word with
    | none => .error (.illegalInstruction s.pc word)
    | some instr => execute s instr

/-- `n` steps, or the first trap. -/
def run : Nat → State → Result
  | 0, s => .ok s
  | n + 1, s =>
    match step s with
    | .ok s' => run n s'
    | .error t => .error t

/-- Run outcomes are compared by kernel evaluation in the test vectors. -/
instance instDecidableEqExcept {ε α : Type} [DecidableEq ε] [DecidableEq α] :
    DecidableEq (Except ε α)
  | .ok a, .ok b => decidable_of_iff (a = b) (by simp)
  | .error a, .error b => decidable_of_iff (a = b) (by simp)
  | .ok _, .error _ => isFalse (by simp)
  | .error _, .ok _ => isFalse (by simp)

theorem run_zero (s : State) : run 0 s = .ok s := rfl

theorem run_succ (n : Nat) (s : State) : run (n + 1) s = (step s).bind (run n) := by
  simp only [run]
  cases step s <;> rfl

/-- Runs compose: `m + n` steps are `m` steps, then `n` more (unless the first part traps). -/
theorem run_add (m n : Nat) (s : State) : run (m + n) s = (run m s).bind (run n) := by
  induction m generalizing s with
  | zero => rw [Nat.zero_add]; rfl
  | succ m ih =>
    rw [Nat.add_right_comm, run_succ, run_succ]
    cases step s with
    | error t => rfl
    | ok s' => exact ih s'

theorem step_of_halted {s : State} (h : s.exitCode.isSome) : step s = .ok s := by
  simp [step, h]

/-- A halted machine stays halted, whatever the number of steps. -/
theorem run_of_halted {s : State} (h : s.exitCode.isSome) (n : Nat) : run n s = .ok s := by
  induction n with
  | zero => rfl
  | succ n ih => rw [run_succ, step_of_halted h]; exact ih

end Zkvm.RiscV
