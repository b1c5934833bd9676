module

public import Zkvm.Stark.Schedule

/-!
# Segments after the shared part are independent (protocol version 6)

After the shared part of the transcript (statement, number of segments, every segment's header,
the squeezes of `χ` and `β`), each segment continues on its own fork. This module proves that
segment `s`'s challenges depend on nothing but

* the **state** reached by the shared part (one digest, `sharedState`): two proofs whose shared
  parts reach the same state give segment `s` with the same messages the same `α`, `ζ`, `γ`, FRI
  challenges, query indices and proof-of-work result (`challenges_of_sharedState`), because the
  run of a list `A ++ B` is the run of `B` from the state of `A` (`run_append`);
* the segment number `s` and **that segment's own messages**: no other segment's messages after
  its header enter them (`segment_challenges_independent`, over the challenges of a whole proof).

This is what lets a prover compute the shared part once and then prove the segments
independently (in parallel), and what lets a verifier check them one by one.
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Commit Zkvm.Spec Zkvm.Field

variable (H : List UInt8 → Digest)

/-- The run of `A ++ B` is the run of `B` started from the state after `A`. -/
theorem run_append (A B : List Op) : run H (A ++ B) = B.foldl (step H) (run H A) := by
  simp only [run, List.foldl_append]

/-- The state at the end of the shared part, from which every segment's fork starts. -/
@[expose] def sharedState (st : Statement) (hdrs : List SegmentHeader) : Digest :=
  run H (opsShared st hdrs)

/-- Segment `s`'s run is its fork and own rounds started from the shared state: a copy of that
state absorbs `s`, then the segment's messages. -/
theorem transcript_fork (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader)
    (s : Nat) (pf : ProofMsgs) :
    run H (transcriptOps p st hdrs s pf) =
      (segmentRounds p pf).foldl (step H) (step H (sharedState H st hdrs) (forkOp s)) := by
  rw [transcriptOps_eq, run_append]; rfl

/-- Two shared parts that reach the same state continue alike. -/
theorem run_shared_append {st st' : Statement} {hdrs hdrs' : List SegmentHeader}
    (h : sharedState H st hdrs = sharedState H st' hdrs') (ops : List Op) :
    run H (opsShared st hdrs ++ ops) = run H (opsShared st' hdrs' ++ ops) := by
  unfold sharedState at h
  rw [run_append, run_append, h]

/-- **Segment `s`'s challenges after the fork depend on the shared part only through its state**:
with the same state, the same segment number and the same segment messages, `α`, `ζ`, `γ`, the
FRI challenges, the query indices and the proof-of-work result are the same. -/
theorem challenges_of_sharedState (p : ScheduleParams) {st st' : Statement}
    {hdrs hdrs' : List SegmentHeader} (h : sharedState H st hdrs = sharedState H st' hdrs')
    (s : Nat) (pf : ProofMsgs) :
    (challenges H p st hdrs s pf).alpha = (challenges H p st' hdrs' s pf).alpha ∧
      (challenges H p st hdrs s pf).zeta = (challenges H p st' hdrs' s pf).zeta ∧
      (challenges H p st hdrs s pf).gamma = (challenges H p st' hdrs' s pf).gamma ∧
      (challenges H p st hdrs s pf).fri = (challenges H p st' hdrs' s pf).fri ∧
      (challenges H p st hdrs s pf).queries = (challenges H p st' hdrs' s pf).queries ∧
      (challenges H p st hdrs s pf).powPasses = (challenges H p st' hdrs' s pf).powPasses := by
  have e := run_shared_append H h
  simp only [challenges, blockAfter, opsQueries, opsPow, opsFri, opsGamma, opsZeta, opsAlpha,
    List.append_assoc, e, and_self]

/-- The challenges of segment `s` of a proof are `challenges` of its headers, `s` and its own
messages. -/
theorem proofChallenges_getElem? (p : ScheduleParams) (st : Statement) (segs : List SegmentProof)
    (s : Nat) :
    (proofChallenges H p st segs)[s]? =
      segs[s]?.map (fun seg => challenges H p st (headers segs) s seg.msgs) := by
  simp only [proofChallenges, List.getElem?_mapIdx]

/-- **Segments are independent after the shared part**: two proofs with the same segment headers
whose segment `s` has the same messages give segment `s` the same challenges, whatever the
other segments' later messages are. -/
theorem segment_challenges_independent (p : ScheduleParams) (st : Statement)
    {segs segs' : List SegmentProof} (hh : headers segs = headers segs') {s : Nat}
    (hm : segs[s]?.map SegmentProof.msgs = segs'[s]?.map SegmentProof.msgs) :
    (proofChallenges H p st segs)[s]? = (proofChallenges H p st segs')[s]? := by
  rw [proofChallenges_getElem?, proofChallenges_getElem?, hh]
  cases h1 : segs[s]? <;> cases h2 : segs'[s]? <;> rw [h1, h2] at hm <;> simp_all

end Zkvm.Stark

end
