module

public import Zkvm.Spec.Transcript

/-!
# The order of the transcript (protocol version 4, multi-table)

What the verifier absorbs and squeezes, in order. Every challenge is the block squeezed after an
explicit list of operations (`Challenges`): reading this file is reading the protocol's
Fiat–Shamir schedule.

| round | absorbed (one message each) | squeezed |
| --- | --- | --- |
| 0 | version `4` (u32), verifying-key digest, the tables' `log₂` heights (LE32 list), public values (base list), input bytes, output bytes, main commitment (cap) | `χ`, `β` |
| 1 | auxiliary commitment, claimed sums `σ_t` (extension list) | `α` |
| 2 | quotient commitment | `ζ` |
| 3 | the out-of-domain values, one extension list per `oodValues` entry | `γ` |
| 4 + r | FRI layer `r`'s commitment | `friChals` blocks |
| last | final polynomial (extension list); then the proof-of-work nonce is checked at this state and absorbed (u64) | `numQueries` indices |

`transcriptOps` is the whole run in this order; `Zkvm.Stark.Schedule` proves that each challenge
is the block the sequential transcript squeezes at its place, and that each challenge is bound
(up to a collision of `H`) to the statement and every prover message of its round and of all
earlier rounds.

This is the multi-table order described for version 4 (the Rust verifier is being moved to it);
the Rust verifier's `derive_challenges` must follow it message for message.
-/

public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Commit Zkvm.Field

/-- The protocol version absorbed first. -/
@[expose] def protocolVersion : UInt32 := 4

/-- What the statement contributes to the transcript. -/
structure Statement where
  vkDigest : Digest
  publicValues : List BabyBear
  input : List UInt8
  output : List UInt8

/-- The prover messages that the transcript absorbs (the query openings come after the last
challenge and are not absorbed). -/
structure ProofMsgs where
  /-- `log₂` of every table's height, in table order. -/
  logHeights : List UInt32
  mainCap : List Digest
  auxCap : List Digest
  /-- One claimed LogUp sum per table. -/
  claimedSums : List Ext4
  quotientCap : List Digest
  /-- The out-of-domain values, as the lists the protocol absorbs one by one. -/
  oodValues : List (List Ext4)
  /-- One commitment per FRI round. -/
  friCaps : List (List Digest)
  finalPoly : List Ext4
  powNonce : UInt64

/-- Fixed by the verifying key. -/
structure ScheduleParams where
  /-- Blocks squeezed after each FRI commitment (one folding challenge, or more). -/
  friChals : Nat
  numQueries : Nat
  /-- Bits of each query index (`log₂` of the largest LDE domain). -/
  queryBits : Nat
  powBits : Nat

/-- The heights as one message of LE32 words. -/
@[expose] def encU32s (vs : List UInt32) : List UInt8 := vs.flatMap le32

/-- Round 0's messages: the statement, the heights and the main commitment. -/
@[expose] def msgs0 (st : Statement) (pf : ProofMsgs) : List (List UInt8) :=
  [encU32 protocolVersion, st.vkDigest.bytes, encU32s pf.logHeights, encBase st.publicValues,
   st.input, st.output, encCap pf.mainCap]

/-- Round 1's messages: the auxiliary commitment and the claimed sums. -/
@[expose] def msgs1 (pf : ProofMsgs) : List (List UInt8) := [encCap pf.auxCap, encExt pf.claimedSums]

/-- Round 2's message: the quotient commitment. -/
@[expose] def msgs2 (pf : ProofMsgs) : List (List UInt8) := [encCap pf.quotientCap]

/-- Round 3's messages: the out-of-domain values. -/
@[expose] def msgs3 (pf : ProofMsgs) : List (List UInt8) := pf.oodValues.map encExt

/-- Absorb every message of a list, in order. -/
@[expose] def absorbAll (ms : List (List UInt8)) : List Op := ms.map Op.absorb

/-- `k` squeezes. -/
@[expose] def squeezes (k : Nat) : List Op := List.replicate k Op.squeeze

/-- The operations of the FRI rounds `0 … r-1`: each absorbs its commitment, then squeezes
`friChals` blocks. -/
@[expose] def friOps (c : Nat) : List (List Digest) → List Op
  | [] => []
  | cap :: caps => Op.absorb (encCap cap) :: (squeezes c ++ friOps c caps)

/-- Operations before `χ`. -/
@[expose] def opsChi (st : Statement) (pf : ProofMsgs) : List Op := absorbAll (msgs0 st pf)

/-- Operations before `α`. -/
@[expose] def opsAlpha (st : Statement) (pf : ProofMsgs) : List Op :=
  opsChi st pf ++ squeezes 2 ++ absorbAll (msgs1 pf)

/-- Operations before `ζ`. -/
@[expose] def opsZeta (st : Statement) (pf : ProofMsgs) : List Op :=
  opsAlpha st pf ++ squeezes 1 ++ absorbAll (msgs2 pf)

/-- Operations before `γ`. -/
@[expose] def opsGamma (st : Statement) (pf : ProofMsgs) : List Op :=
  opsZeta st pf ++ squeezes 1 ++ absorbAll (msgs3 pf)

/-- Operations before FRI round `r`'s challenges (its commitment absorbed). -/
@[expose] def opsFri (c : Nat) (st : Statement) (pf : ProofMsgs) (r : Nat) : List Op :=
  opsGamma st pf ++ squeezes 1 ++ friOps c (pf.friCaps.take r) ++ [Op.absorb (encCap (pf.friCaps.getD r []))]

/-- Operations before the proof-of-work check: everything up to the final polynomial. -/
@[expose] def opsPow (c : Nat) (st : Statement) (pf : ProofMsgs) : List Op :=
  opsGamma st pf ++ squeezes 1 ++ friOps c pf.friCaps ++ [Op.absorb (encExt pf.finalPoly)]

/-- Operations before the query indices: the nonce absorbed after the check. -/
@[expose] def opsQueries (c : Nat) (st : Statement) (pf : ProofMsgs) : List Op :=
  opsPow c st pf ++ [Op.absorb (encU64 pf.powNonce)]

/-- The whole run of the transcript. -/
@[expose] def transcriptOps (p : ScheduleParams) (st : Statement) (pf : ProofMsgs) : List Op :=
  opsQueries p.friChals st pf ++ squeezes p.numQueries

variable (H : List UInt8 → Digest)

/-- The `j`-th block (from `1`) squeezed after the operations `ops`. -/
@[expose] def blockAfter (ops : List Op) (j : Nat) : Digest := run H (ops ++ squeezes j)

/-- Every challenge of the protocol, each from the block squeezed at its place. -/
structure Challenges where
  chi : Ext4
  beta : Ext4
  alpha : Ext4
  zeta : Ext4
  gamma : Ext4
  /-- `friChals` extension challenges per FRI round. -/
  fri : List (List Ext4)
  queries : List Nat
  /-- The proof-of-work nonce passes. -/
  powPasses : Bool

/-- The challenges of a proof. -/
@[expose] def challenges (p : ScheduleParams) (st : Statement) (pf : ProofMsgs) : Challenges where
  chi := extOfBlock (blockAfter H (opsChi st pf) 1)
  beta := extOfBlock (blockAfter H (opsChi st pf) 2)
  alpha := extOfBlock (blockAfter H (opsAlpha st pf) 1)
  zeta := extOfBlock (blockAfter H (opsZeta st pf) 1)
  gamma := extOfBlock (blockAfter H (opsGamma st pf) 1)
  fri := (List.range pf.friCaps.length).map (fun r =>
    (List.range p.friChals).map (fun j => extOfBlock (blockAfter H (opsFri p.friChals st pf r) (j + 1))))
  queries := (List.range p.numQueries).map (fun j =>
    indexOfBlock (blockAfter H (opsQueries p.friChals st pf) (j + 1)) p.queryBits)
  powPasses := powOk H (run H (opsPow p.friChals st pf)) pf.powNonce p.powBits

end Zkvm.Spec

end
