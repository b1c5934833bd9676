module

public import Zkvm.Spec.Transcript

/-!
# The order of the transcript (protocol version 6, segments; zero knowledge does not change it)

What the verifier absorbs and squeezes, in order. Every challenge is the block squeezed after an
explicit list of operations (`Challenges`): reading this file is reading the protocol's
Fiat–Shamir schedule (`docs/protocol.md` §9; Rust: `stark::begin_transcript`,
`stark::absorb_segment_header`, `stark::shared_transcript`, `stark::derive_challenges`,
`Transcript::fork`).

A proof is a list of `S` segment proofs. The first part of the transcript is shared by all
segments; then each segment `s` continues on its own copy of that state (its *fork*), which
first absorbs `s`:

| round | absorbed (one message each) | squeezed |
| --- | --- | --- |
| 0 (shared) | version `5` (u32), verifying-key digest, public values (base list), input bytes, output bytes, the number of segments `S` (u64); then for each segment in order its header: segment values (LE32 list), its tables' `log₂` heights (LE32 list), main commitment (cap) | `χ`, `β` |
| fork `s` | the segment number `s` (u32) | — |
| 1 | only if some table has an auxiliary trace (`hasAux`): segment `s`'s auxiliary commitment, claimed sums `σ_{s,t}` (extension list) | `α` |
| 2 | its quotient commitment | `ζ` |
| 3 | its out-of-domain values, one extension list per `oodValues` entry | `γ` |
| 4 + r | its FRI layer `r`'s commitment | `friChals` blocks |
| last | its final polynomial (extension list); then the proof-of-work nonce is checked at this state and absorbed (u64) | `numQueries` indices |

`opsShared` is the shared part (round 0 and the squeezes of `χ`, `β`); `transcriptOps … s …`
is segment `s`'s whole run: the shared part, the fork, then that segment's own rounds 1 … last.
`Zkvm.Stark.Schedule` proves that each challenge is the block the sequential run of its segment
squeezes at its place, that `χ`, `β` are bound (up to a collision of `H`) to the statement and
every segment's header, and that segment `s`'s challenges are bound to the shared part, to `s`
and to that segment's own earlier messages; `Zkvm.Stark.ScheduleFork` that they depend on
nothing else (no other segment's messages after its header): the segments can be proved
independently once the shared part is fixed. The lookup challenges of segment `s`, `χ_s = χ − s·β^16`, are computed from `χ`, `β`
(`logup::segment_challenges`), not squeezed.
-/

public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Commit Zkvm.Field

/-- The protocol version absorbed first. -/
@[expose] def protocolVersion : UInt32 := 6

/-- What the statement contributes to the transcript. -/
structure Statement where
  vkDigest : Digest
  publicValues : List BabyBear
  input : List UInt8
  output : List UInt8

/-- What a segment contributes to the shared part of the transcript. -/
structure SegmentHeader where
  /-- The machine's values of this segment (`air::num_segment_values` words), absorbed as a
  list of LE32 words (the Rust verifier absorbs the decoded `u32`s as they are). -/
  values : List UInt32
  /-- `log₂` of every table's height in this segment, in table order. -/
  logHeights : List UInt32
  mainCap : List Digest

/-- The prover messages of one segment that its fork of the transcript absorbs (the query
openings come after the last challenge and are not absorbed). -/
structure ProofMsgs where
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

/-- A segment proof, as far as the transcript sees it. -/
structure SegmentProof where
  header : SegmentHeader
  msgs : ProofMsgs

/-- The headers of a proof's segments, in order. -/
@[expose] def headers (segs : List SegmentProof) : List SegmentHeader :=
  segs.map SegmentProof.header

/-- Fixed by the verifying key. -/
structure ScheduleParams where
  /-- Blocks squeezed after each FRI commitment (one folding challenge, or more). -/
  friChals : Nat
  numQueries : Nat
  /-- Bits of each query index (`log₂` of the largest LDE domain). -/
  queryBits : Nat
  powBits : Nat
  /-- Some table of the machine has an auxiliary trace (`stark::has_any_aux`; fixed by the
  machine's table shapes): only then does round 1 absorb anything. -/
  hasAux : Bool

/-- A list of `u32` words as one message of LE32 words. -/
@[expose] def encU32s (vs : List UInt32) : List UInt8 := vs.flatMap le32

/-- A segment header's messages: its values, its heights, its main commitment. -/
@[expose] def headerMsgs (h : SegmentHeader) : List (List UInt8) :=
  [encU32s h.values, encU32s h.logHeights, encCap h.mainCap]

/-- Round 0's messages: the statement, the number of segments, then every segment's header. -/
@[expose] def msgs0 (st : Statement) (hdrs : List SegmentHeader) : List (List UInt8) :=
  [encU32 protocolVersion, st.vkDigest.bytes, encBase st.publicValues, st.input, st.output,
   encU64 hdrs.length.toUInt64] ++ hdrs.flatMap headerMsgs

/-- Round 1's messages: the auxiliary commitment and the claimed sums, if the machine has an
auxiliary trace (`aux`); none otherwise. -/
@[expose] def msgs1 (aux : Bool) (pf : ProofMsgs) : List (List UInt8) :=
  if aux then [encCap pf.auxCap, encExt pf.claimedSums] else []

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
@[expose] def opsChi (st : Statement) (hdrs : List SegmentHeader) : List Op :=
  absorbAll (msgs0 st hdrs)

/-- The shared part of the transcript: round 0, then the squeezes of `χ` and `β`. -/
@[expose] def opsShared (st : Statement) (hdrs : List SegmentHeader) : List Op :=
  opsChi st hdrs ++ squeezes 2

/-- The first operation of segment `s`'s fork: absorb `s` as a u32 (`Transcript::fork`). -/
@[expose] def forkOp (s : Nat) : Op := Op.absorb (encU32 s.toUInt32)

/-- Operations before `α` of segment `s`. -/
@[expose] def opsAlpha (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader) (s : Nat)
    (pf : ProofMsgs) : List Op :=
  opsShared st hdrs ++ [forkOp s] ++ absorbAll (msgs1 p.hasAux pf)

/-- Operations before `ζ` of segment `s`. -/
@[expose] def opsZeta (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader) (s : Nat)
    (pf : ProofMsgs) : List Op :=
  opsAlpha p st hdrs s pf ++ squeezes 1 ++ absorbAll (msgs2 pf)

/-- Operations before `γ` of segment `s`. -/
@[expose] def opsGamma (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader) (s : Nat)
    (pf : ProofMsgs) : List Op :=
  opsZeta p st hdrs s pf ++ squeezes 1 ++ absorbAll (msgs3 pf)

/-- Operations before segment `s`'s FRI round `r`'s challenges (its commitment absorbed). -/
@[expose] def opsFri (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader) (s : Nat)
    (pf : ProofMsgs) (r : Nat) : List Op :=
  opsGamma p st hdrs s pf ++ squeezes 1 ++ friOps p.friChals (pf.friCaps.take r) ++
    [Op.absorb (encCap (pf.friCaps.getD r []))]

/-- Operations before segment `s`'s proof-of-work check: everything up to its final
polynomial. -/
@[expose] def opsPow (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader) (s : Nat)
    (pf : ProofMsgs) : List Op :=
  opsGamma p st hdrs s pf ++ squeezes 1 ++ friOps p.friChals pf.friCaps ++
    [Op.absorb (encExt pf.finalPoly)]

/-- Operations before segment `s`'s query indices: the nonce absorbed after the check. -/
@[expose] def opsQueries (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader) (s : Nat)
    (pf : ProofMsgs) : List Op :=
  opsPow p st hdrs s pf ++ [Op.absorb (encU64 pf.powNonce)]

/-- The whole run of segment `s`'s transcript: the shared part, its fork, its own rounds. -/
@[expose] def transcriptOps (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader)
    (s : Nat) (pf : ProofMsgs) : List Op :=
  opsQueries p st hdrs s pf ++ squeezes p.numQueries

variable (H : List UInt8 → Digest)

/-- The `j`-th block (from `1`) squeezed after the operations `ops`. -/
@[expose] def blockAfter (ops : List Op) (j : Nat) : Digest := run H (ops ++ squeezes j)

/-- Every challenge of one segment, each from the block squeezed at its place (`χ`, `β` are
the same for every segment). -/
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

/-- The challenges of segment `s`, whose messages after the header are `pf`, in a proof whose
segments have the headers `hdrs`. -/
@[expose] def challenges (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader)
    (s : Nat) (pf : ProofMsgs) : Challenges where
  chi := extOfBlock (blockAfter H (opsChi st hdrs) 1)
  beta := extOfBlock (blockAfter H (opsChi st hdrs) 2)
  alpha := extOfBlock (blockAfter H (opsAlpha p st hdrs s pf) 1)
  zeta := extOfBlock (blockAfter H (opsZeta p st hdrs s pf) 1)
  gamma := extOfBlock (blockAfter H (opsGamma p st hdrs s pf) 1)
  fri := (List.range pf.friCaps.length).map (fun r =>
    (List.range p.friChals).map (fun j =>
      extOfBlock (blockAfter H (opsFri p st hdrs s pf r) (j + 1))))
  queries := (List.range p.numQueries).map (fun j =>
    indexOfBlock (blockAfter H (opsQueries p st hdrs s pf) (j + 1)) p.queryBits)
  powPasses := powOk H (run H (opsPow p st hdrs s pf)) pf.powNonce p.powBits

/-- The challenges of every segment of a proof, in segment order. -/
@[expose] def proofChallenges (p : ScheduleParams) (st : Statement) (segs : List SegmentProof) :
    List Challenges :=
  segs.mapIdx (fun s seg => challenges H p st (headers segs) s seg.msgs)

end Zkvm.Spec

end
