module

public import Zkvm.Refinement.Transcript
public import Zkvm.Spec.Schedule

/-!
# `Transcript::fork` is the spec's `forkOp`

A segment's transcript is the shared transcript after absorbing the segment index as a `u32`
(four little-endian bytes). Proved: the extracted `Transcript.fork` returns exactly the spec
state `step H st (.absorb (encU32 s))` and never panics; for an index `s < 2^32` given as a
`Nat`, that is `step H st (forkOp s)` of `Zkvm.Spec.Schedule`.
-/

@[expose] public section

namespace Zkvm.Refinement.transcript

open Zkvm.Extraction Zkvm.Extracted Zkvm.Commit Zkvm.Spec
open Zkvm.Refinement.commit.merkle (bytesOf)

variable (H : List UInt8 → Digest)

/-- Forking absorbs the `LE32` of the index into a copy of the state. Never panics. -/
theorem fork_spec (st : Digest) (s : UInt32) :
    Extracted.transcript.Transcript.fork (bytesOf H) (stateOf st) s =
      .ok (stateOf (step H st (.absorb (encU32 s)))) := by
  unfold Extracted.transcript.Transcript.fork
  have h := absorb_u32_spec H st s
  simp only [stateOf] at h ⊢
  rw [h, ok_bind, pure_ok]

/-- The fork of segment `s` is the schedule's `forkOp s`. -/
theorem fork_forkOp (st : Digest) (s : Nat) :
    Extracted.transcript.Transcript.fork (bytesOf H) (stateOf st) s.toUInt32 =
      .ok (stateOf (step H st (forkOp s))) := by
  rw [fork_spec]
  rfl

end Zkvm.Refinement.transcript
