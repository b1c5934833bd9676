module

public import Zkvm.Spec.Fri

/-!
# One FRI query (specification)

The query check of `rust/verifier/src/fri.rs` (`verify_fri_query`) over the Lean field. The
Merkle check of a layer's leaf is a parameter `capOk r depth leaf values` (round `r`'s
commitment and authentication path are fixed by the caller), so that this file is about the
folding only; the cap opening itself is `Zkvm.Commit`'s.

A query at position `index` of the largest domain (`2^logMax` points) starts from the DEEP
value of that size. Round `r` with arity `2^k`: the query's leaf is `position / 2^k` and its
slot `position mod 2^k`; the leaf's values are the prover's siblings with the running value
in the slot (`coset`), checked against the commitment (`capOk`), then folded (`foldLeaf`) into
the next layer's value at the leaf's position; when the next layer has the size of the next
DEEP function, that function's value joins with the coefficient `β^(2^k)` (`sqIter k β`).
After the last round the final polynomial, evaluated at the remaining point, must equal the
running value, and every DEEP function must have joined.
-/

public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4

/-- Why a query is rejected. -/
inductive FriError where
  /-- The proof or the schedule does not have the expected shape. -/
  | shape
  /-- The query position is outside the domain. -/
  | index
  /-- A layer's leaf does not open against its commitment. -/
  | merkle
  /-- The last folded value is not the final polynomial's. -/
  | finalPoly
deriving DecidableEq

/-- The running state of a query between rounds. -/
structure FriState where
  current : Ext4
  shift : Nat
  logSize : Nat
  position : Nat
  nextDeep : Nat

/-- `b` squared `k` times (`b^(2^k)`). -/
@[expose] def sqIter : Nat → Ext4 → Ext4
  | 0, b => b
  | k + 1, b => sqIter k b * sqIter k b

/-- The leaf of a round: the prover's siblings with `current` in the query's slot. -/
@[expose] def queryCoset (siblings : List Ext4) (slot : Nat) (current : Ext4) : List Ext4 :=
  siblings.take slot ++ current :: siblings.drop slot

/-- Round `r` of a query (module documentation). -/
@[expose] def friRound (capOk : Nat → Nat → Nat → List BabyBear → Bool)
    (deep : List (Nat × Ext4)) (r : Nat) (β : Ext4) (siblings : List Ext4) (k : Nat)
    (s : FriState) : Except FriError FriState :=
  if k = 0 ∨ 32 ≤ k ∨ s.logSize < k then .error .shape
  else if siblings.length ≠ 2 ^ k - 1 then .error .shape
  else
    let leaf := s.position / 2 ^ k
    let coset := queryCoset siblings (s.position % 2 ^ k) s.current
    if capOk r (s.logSize - k) leaf (leafValues coset) = false then .error .merkle
    else
      let cur := foldLeaf k coset β (leaf * 2 ^ k) s.shift s.logSize
      match deep[s.nextDeep]? with
      | some d =>
        if d.1 = s.logSize - k then
          .ok ⟨cur + sqIter k β * d.2, s.shift + k, s.logSize - k, leaf, s.nextDeep + 1⟩
        else .ok ⟨cur, s.shift + k, s.logSize - k, leaf, s.nextDeep⟩
      | none => .ok ⟨cur, s.shift + k, s.logSize - k, leaf, s.nextDeep⟩

/-- The rounds `0 … n-1` of a query from the state `s`. -/
@[expose] def friRounds (capOk : Nat → Nat → Nat → List BabyBear → Bool)
    (deep : List (Nat × Ext4)) (betas : List Ext4) (siblings : List (List Ext4))
    (logArities : List Nat) (n : Nat) (s : FriState) : Except FriError FriState :=
  (List.range n).foldlM
    (fun s r => friRound capOk deep r (betas.getD r 0) (siblings.getD r []) (logArities.getD r 0) s) s

/-- One FRI query: `.ok ()` when it passes. `numCommitments` is the number of layer
commitments, `deep` the DEEP functions' (log size, value at the query), largest first. -/
@[expose] def friQuery (capOk : Nat → Nat → Nat → List BabyBear → Bool) (numCommitments : Nat)
    (betas : List Ext4) (siblings : List (List Ext4)) (finalPoly : List Ext4)
    (logArities : List Nat) (logMax index : Nat) (deep : List (Nat × Ext4)) :
    Except FriError Unit :=
  if numCommitments ≠ logArities.length ∨ siblings.length ≠ logArities.length ∨
      betas.length ≠ logArities.length then .error .shape
  else match deep with
    | [] => .error .shape
    | d0 :: _ =>
      if d0.1 ≠ logMax ∨ 64 ≤ logMax then .error .shape
      else if index / 2 ^ logMax ≠ 0 then .error .index
      else match friRounds capOk deep betas siblings logArities logArities.length
          ⟨d0.2, 0, logMax, index, 1⟩ with
        | .error e => .error e
        | .ok s =>
          if s.nextDeep ≠ deep.length then .error .shape
          else if Poly.evalList (ofBase (bitrevCosetPoint s.shift s.logSize s.position)) finalPoly
              ≠ s.current then .error .finalPoly
          else .ok ()

theorem friRounds_succ (capOk : Nat → Nat → Nat → List BabyBear → Bool)
    (deep : List (Nat × Ext4)) (betas : List Ext4) (siblings : List (List Ext4))
    (logArities : List Nat) (n : Nat) (s : FriState) :
    friRounds capOk deep betas siblings logArities (n + 1) s =
      (friRounds capOk deep betas siblings logArities n s).bind
        (friRound capOk deep n (betas.getD n 0) (siblings.getD n []) (logArities.getD n 0)) := by
  simp only [friRounds, List.range_succ, List.foldlM_append, List.foldlM_cons, List.foldlM_nil,
    bind_pure]
  rfl

end Zkvm.Spec
