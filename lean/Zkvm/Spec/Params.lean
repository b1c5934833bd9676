module

/-!
# Protocol parameters (specification)

The parameters of `rust/verifier/src/protocol/params.rs` as naturals: the blowup, the FRI
queries, the proof-of-work bits, the final polynomial's length, the FRI arity, the Merkle cap
height (all as log2 where the Rust says so) and zero knowledge. `Params.Valid` is what
`validate_params` accepts; `zkMaskLen` is the number of random coefficients masking each
committed polynomial with zero knowledge (docs/protocol.md §15.4): two per query and two
more (zeta and zeta·omega), none without.
-/

public section

namespace Zkvm.Spec

/-- The protocol's parameters, fixed by the verifying key. -/
structure Params where
  logBlowup : Nat
  numQueries : Nat
  powBits : Nat
  logFinalPolyLen : Nat
  logFriArity : Nat
  logCapHeight : Nat
  zk : Bool
deriving DecidableEq

/-- The bounds `validate_params` checks. -/
@[expose] def Params.Valid (p : Params) : Prop :=
  1 ≤ p.logBlowup ∧ p.logBlowup ≤ 4 ∧ 1 ≤ p.numQueries ∧ p.numQueries ≤ 1024 ∧
    p.powBits ≤ 32 ∧ p.logFinalPolyLen ≤ 10 ∧ 1 ≤ p.logFriArity ∧ p.logFriArity ≤ 4 ∧
    p.logCapHeight ≤ 10

instance (p : Params) : Decidable p.Valid := by
  unfold Params.Valid; exact inferInstance

/-- Random coefficients per masked polynomial: `2·queries + 2` with zero knowledge. -/
@[expose] def zkMaskLen (p : Params) : Nat := if p.zk then 2 * p.numQueries + 2 else 0

/-- The receipts' parameters (`compact_zk_params`). -/
@[expose] def compactZk : Params := ⟨2, 44, 20, 6, 2, 6, true⟩

theorem compactZk_valid : compactZk.Valid := by decide

theorem zkMaskLen_compactZk : zkMaskLen compactZk = 90 := by decide

/-- log2 of the extension field's size, rounded down (|E| = p^4 > 2^123). -/
@[expose] def extensionFieldBits : Nat := 123

/-- **Conjectured security** (`params::conjectured_security_bits`, the ethSTARK-style conjecture
of docs/protocol.md), for tables of at most 2^logN rows: the queries' bits, num_queries ·
log_blowup (less 1/8 bit per query with zero knowledge, counted in sixteenths) plus the
proof-of-work bits, and the field's bits less log2 of the largest LDE domain and the FRI arity's
loss; the smaller of the two. -/
@[expose] def conjecturedSecurityBits (p : Params) (logN : Nat) : Nat :=
  min (p.numQueries * (if p.zk then 16 * p.logBlowup - 2 else 16 * p.logBlowup) / 16 + p.powBits)
    (extensionFieldBits - (logN + p.logBlowup + (p.logFriArity - 1)))

/-- The receipts' parameters at 2^18 rows: 102 bits (the figure the README reports). -/
theorem conjecturedSecurityBits_compactZk : conjecturedSecurityBits compactZk 18 = 102 := by
  decide

end Zkvm.Spec
