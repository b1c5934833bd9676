module

public import Zkvm.Stark.ScheduleInj

/-!
# Every prover message is absorbed before the challenges that depend on it (version 6)

In the interactive protocol a challenge depends on the statement and on every prover message
sent before it. The Fiat–Shamir transcript of `Zkvm.Spec.Schedule` realises this dependency for
a proof of several segments:

* **Order** (`*_prefix`): each challenge of segment `s` is squeezed by the one sequential run of
  that segment's transcript (`transcriptOps … s …`: the shared part, the fork absorbing `s`,
  the segment's own rounds) right after the absorption of every message it depends on: its
  operation list, followed by its blocks, is a prefix of the run. `χ`, `β` are squeezed by the
  shared part, a prefix of every segment's run (`chi_prefix`, `fork_prefix`).
* **Binding** (`chi_binding` … `queries_binding`): if two tuples give the same block for a
  challenge, they agree on everything absorbed before it — or `findTranscriptCollision`
  returns an explicit collision of `H`. For `χ` and `β`: the statement and every segment's
  header (values, heights, main commitment; so also the number of segments). For segment `s`'s
  `α` … query indices: the statement, every header, the segment number `s` itself (a segment
  proof cannot be moved to another place), and that segment's own messages of its round and of
  all earlier rounds. So a prover cannot change any message a challenge depends on without
  changing the challenge, short of a SHA3-256 collision.

That a segment's challenges depend on nothing else (no other segment's messages after the
headers) is `Zkvm.Stark.ScheduleFork`.

The omission of a message from the transcript (the cause of "Frozen Heart"-type bugs) would
make the corresponding binding theorem false.
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Commit Zkvm.Spec Zkvm.Field

/-! ## The binding theorems -/

variable (H : List UInt8 → Digest)

/-- **`χ` and `β`** (blocks 1 and 2 after round 0) are bound to the statement and to every
segment's header: its values, its heights and its main commitment. -/
theorem chi_binding {st st' : Statement} {hdrs hdrs' : List SegmentHeader} {j : Nat} (hj : 1 ≤ j)
    (h : blockAfter H (opsChi st hdrs) j = blockAfter H (opsChi st' hdrs') j) :
    SameRound0 st hdrs st' hdrs' ∨
      ∃ x y, findTranscriptCollision H (opsChi st hdrs ++ squeezes j)
        (opsChi st' hdrs' ++ squeezes j) = some (x, y) ∧ IsCollision H x y := by
  by_cases he : opsChi st hdrs ++ squeezes j = opsChi st' hdrs' ++ squeezes j
  · exact Or.inl (opsChi_inj hj he)
  · exact Or.inr (transcript_binding H h he)

/-- **`α` of segment `s`** is bound to the shared part (statement, every header), to `s` and to
the segment's round 1 (auxiliary commitment, claimed sums, when the machine has an auxiliary
trace: `SameRound1`). -/
theorem alpha_binding (p : ScheduleParams) {st st' : Statement} {hdrs hdrs' : List SegmentHeader}
    {s s' : Nat} (hs : s < 2 ^ 32) (hs' : s' < 2 ^ 32) {pf pf' : ProofMsgs}
    (h : blockAfter H (opsAlpha p st hdrs s pf) 1 = blockAfter H (opsAlpha p st' hdrs' s' pf') 1) :
    (SameRound0 st hdrs st' hdrs' ∧ s = s' ∧ SameRound1 p.hasAux pf pf') ∨
      ∃ x y, findTranscriptCollision H (opsAlpha p st hdrs s pf ++ squeezes 1)
        (opsAlpha p st' hdrs' s' pf' ++ squeezes 1) = some (x, y) ∧ IsCollision H x y := by
  by_cases he :
      opsAlpha p st hdrs s pf ++ squeezes 1 = opsAlpha p st' hdrs' s' pf' ++ squeezes 1
  · obtain ⟨h0, hss, h1, -⟩ := opsAlpha_inj (X := []) (X' := []) hs hs' he
    exact Or.inl ⟨h0, hss, h1⟩
  · exact Or.inr (transcript_binding H h he)

/-- **`ζ` of segment `s`** is bound to the shared part, `s` and the segment's rounds 1–2 (also
its quotient commitment). -/
theorem zeta_binding (p : ScheduleParams) {st st' : Statement} {hdrs hdrs' : List SegmentHeader}
    {s s' : Nat} (hs : s < 2 ^ 32) (hs' : s' < 2 ^ 32) {pf pf' : ProofMsgs}
    (h : blockAfter H (opsZeta p st hdrs s pf) 1 = blockAfter H (opsZeta p st' hdrs' s' pf') 1) :
    (SameRound0 st hdrs st' hdrs' ∧ s = s' ∧ SameRound1 p.hasAux pf pf' ∧
        pf.quotientCap = pf'.quotientCap) ∨
      ∃ x y, findTranscriptCollision H (opsZeta p st hdrs s pf ++ squeezes 1)
        (opsZeta p st' hdrs' s' pf' ++ squeezes 1) = some (x, y) ∧ IsCollision H x y := by
  by_cases he : opsZeta p st hdrs s pf ++ squeezes 1 = opsZeta p st' hdrs' s' pf' ++ squeezes 1
  · obtain ⟨h0, hss, h1, h2, -⟩ := opsZeta_inj (X := []) (X' := []) hs hs' he
    exact Or.inl ⟨h0, hss, h1, h2⟩
  · exact Or.inr (transcript_binding H h he)

/-- **`γ` of segment `s`** is bound to the shared part, `s` and the segment's rounds 1–3 (also
its out-of-domain values). -/
theorem gamma_binding (p : ScheduleParams) {st st' : Statement} {hdrs hdrs' : List SegmentHeader}
    {s s' : Nat} (hs : s < 2 ^ 32) (hs' : s' < 2 ^ 32) {pf pf' : ProofMsgs}
    (h : blockAfter H (opsGamma p st hdrs s pf) 1 = blockAfter H (opsGamma p st' hdrs' s' pf') 1) :
    SameBeforeFri p.hasAux st hdrs s pf st' hdrs' s' pf' ∨
      ∃ x y, findTranscriptCollision H (opsGamma p st hdrs s pf ++ squeezes 1)
        (opsGamma p st' hdrs' s' pf' ++ squeezes 1) = some (x, y) ∧ IsCollision H x y := by
  by_cases he :
      opsGamma p st hdrs s pf ++ squeezes 1 = opsGamma p st' hdrs' s' pf' ++ squeezes 1
  · exact Or.inl (opsGamma_inj (X := []) (X' := []) hs hs' he).1
  · exact Or.inr (transcript_binding H h he)

/-- **Segment `s`'s FRI round `r` challenges** are bound to everything of its run before the
FRI rounds and to its commitments of FRI rounds `0 … r`. -/
theorem fri_binding (p : ScheduleParams) (hc : 1 ≤ p.friChals) {st st' : Statement}
    {hdrs hdrs' : List SegmentHeader} {s s' : Nat} (hs : s < 2 ^ 32) (hs' : s' < 2 ^ 32)
    {pf pf' : ProofMsgs} {r j : Nat}
    (h : blockAfter H (opsFri p st hdrs s pf r) j =
      blockAfter H (opsFri p st' hdrs' s' pf' r) j) :
    (SameBeforeFri p.hasAux st hdrs s pf st' hdrs' s' pf' ∧
        pf.friCaps.take r = pf'.friCaps.take r ∧ pf.friCaps.getD r [] = pf'.friCaps.getD r []) ∨
      ∃ x y, findTranscriptCollision H (opsFri p st hdrs s pf r ++ squeezes j)
        (opsFri p st' hdrs' s' pf' r ++ squeezes j) = some (x, y) ∧ IsCollision H x y := by
  by_cases he :
      opsFri p st hdrs s pf r ++ squeezes j = opsFri p st' hdrs' s' pf' r ++ squeezes j
  · exact Or.inl (opsFri_inj hc hs hs' he)
  · exact Or.inr (transcript_binding H h he)

/-- **Segment `s`'s query indices** are bound to the shared part, `s` and every message of that
segment the transcript absorbs: all its commitments, claimed sums, out-of-domain values, final
polynomial and nonce. -/
theorem queries_binding (p : ScheduleParams) (hc : 1 ≤ p.friChals) {st st' : Statement}
    {hdrs hdrs' : List SegmentHeader} {s s' : Nat} (hs : s < 2 ^ 32) (hs' : s' < 2 ^ 32)
    {pf pf' : ProofMsgs} {j : Nat} (hj : 1 ≤ j)
    (h : blockAfter H (opsQueries p st hdrs s pf) j =
      blockAfter H (opsQueries p st' hdrs' s' pf') j) :
    (SameBeforeFri p.hasAux st hdrs s pf st' hdrs' s' pf' ∧ pf.friCaps = pf'.friCaps ∧
        pf.finalPoly = pf'.finalPoly ∧ pf.powNonce = pf'.powNonce) ∨
      ∃ x y, findTranscriptCollision H (opsQueries p st hdrs s pf ++ squeezes j)
        (opsQueries p st' hdrs' s' pf' ++ squeezes j) = some (x, y) ∧ IsCollision H x y := by
  by_cases he : opsQueries p st hdrs s pf ++ squeezes j =
      opsQueries p st' hdrs' s' pf' ++ squeezes j
  · exact Or.inl (opsQueries_inj hc hs hs' hj he)
  · exact Or.inr (transcript_binding H h he)

/-! ## One sequential run per segment squeezes these blocks -/

theorem friOps_take_drop (c : Nat) : ∀ (caps : List (List Digest)) (r : Nat),
    friOps c caps = friOps c (caps.take r) ++ friOps c (caps.drop r)
  | [], r => by simp [friOps]
  | cap :: caps, 0 => by simp [friOps]
  | cap :: caps, r + 1 => by
    simp only [List.take_succ_cons, List.drop_succ_cons, friOps_cons, List.cons_append,
      List.append_assoc]
    rw [friOps_take_drop c caps r]

/-- What segment `s`'s run does after its fork: its own rounds, from its messages only. -/
@[expose] def segmentRounds (p : ScheduleParams) (pf : ProofMsgs) : List Op :=
  absorbAll (msgs1 p.hasAux pf) ++ squeezes 1 ++ absorbAll (msgs2 pf) ++ squeezes 1 ++
    absorbAll (msgs3 pf) ++ squeezes 1 ++ friOps p.friChals pf.friCaps ++
    [Op.absorb (encExt pf.finalPoly)] ++ [Op.absorb (encU64 pf.powNonce)] ++ squeezes p.numQueries

/-- Segment `s`'s run is the shared part, the fork absorbing `s`, then its own rounds. -/
theorem transcriptOps_eq (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader)
    (s : Nat) (pf : ProofMsgs) :
    transcriptOps p st hdrs s pf = opsShared st hdrs ++ forkOp s :: segmentRounds p pf := by
  simp only [transcriptOps, opsQueries, opsPow, opsGamma, opsZeta, opsAlpha, segmentRounds,
    List.append_assoc, List.cons_append, List.nil_append]

/-- The run of segment 1 of a two-segment proof, spelled out message by message (the order of
`docs/protocol.md` §9, steps 1–18, for a machine with an auxiliary trace). -/
theorem transcriptOps_two_segments (p : ScheduleParams) (hp : p.hasAux = true) (st : Statement)
    (h0 h1 : SegmentHeader) (pf : ProofMsgs) :
    transcriptOps p st [h0, h1] 1 pf =
      [Op.absorb (encU32 6), Op.absorb st.vkDigest.bytes, Op.absorb (encBase st.publicValues),
        Op.absorb st.input, Op.absorb st.output, Op.absorb (encU64 2),
        Op.absorb (encU32s h0.values), Op.absorb (encU32s h0.logHeights),
        Op.absorb (encCap h0.mainCap),
        Op.absorb (encU32s h1.values), Op.absorb (encU32s h1.logHeights),
        Op.absorb (encCap h1.mainCap),
        Op.squeeze, Op.squeeze,
        Op.absorb (encU32 1),
        Op.absorb (encCap pf.auxCap), Op.absorb (encExt pf.claimedSums), Op.squeeze,
        Op.absorb (encCap pf.quotientCap), Op.squeeze] ++
      pf.oodValues.map (fun v => Op.absorb (encExt v)) ++ [Op.squeeze] ++
      friOps p.friChals pf.friCaps ++
      [Op.absorb (encExt pf.finalPoly), Op.absorb (encU64 pf.powNonce)] ++
      squeezes p.numQueries := by
  simp only [transcriptOps, opsQueries, opsPow, opsGamma, opsZeta, opsAlpha, opsShared, opsChi,
    msgs0, msgs1, msgs2, msgs3, hp, if_true, headerMsgs, absorbAll, forkOp, protocolVersion,
    List.flatMap_cons, List.flatMap_nil, List.map_cons, List.map_nil,
    List.map_map, List.append_assoc, List.cons_append, List.nil_append, List.append_nil,
    squeezes_one, squeezes_two]
  rfl

/-- The shared part and the fork are a prefix of segment `s`'s run. -/
theorem fork_prefix (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader) (s : Nat)
    (pf : ProofMsgs) : opsShared st hdrs ++ [forkOp s] <+: transcriptOps p st hdrs s pf :=
  ⟨segmentRounds p pf, by
    rw [transcriptOps_eq]; simp only [List.append_assoc, List.cons_append, List.nil_append]⟩

/-- The operations before each challenge, followed by its blocks, are a prefix of the run of
segment `s`: the sequential transcript of every segment squeezes exactly the blocks
`challenges` reads. `χ` and `β` are the last two blocks of the shared part. -/
theorem chi_prefix (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader) (s : Nat)
    (pf : ProofMsgs) : opsChi st hdrs ++ squeezes 2 <+: transcriptOps p st hdrs s pf :=
  ⟨forkOp s :: segmentRounds p pf, by rw [transcriptOps_eq]; rfl⟩

theorem alpha_prefix (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader) (s : Nat)
    (pf : ProofMsgs) : opsAlpha p st hdrs s pf ++ squeezes 1 <+: transcriptOps p st hdrs s pf :=
  ⟨absorbAll (msgs2 pf) ++ squeezes 1 ++ absorbAll (msgs3 pf) ++ squeezes 1 ++
      friOps p.friChals pf.friCaps ++ [Op.absorb (encExt pf.finalPoly)] ++
      [Op.absorb (encU64 pf.powNonce)] ++ squeezes p.numQueries,
    by simp only [transcriptOps, opsQueries, opsPow, opsGamma, opsZeta, List.append_assoc]⟩

theorem zeta_prefix (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader) (s : Nat)
    (pf : ProofMsgs) : opsZeta p st hdrs s pf ++ squeezes 1 <+: transcriptOps p st hdrs s pf :=
  ⟨absorbAll (msgs3 pf) ++ squeezes 1 ++ friOps p.friChals pf.friCaps ++
      [Op.absorb (encExt pf.finalPoly)] ++ [Op.absorb (encU64 pf.powNonce)] ++ squeezes p.numQueries,
    by simp only [transcriptOps, opsQueries, opsPow, opsGamma, List.append_assoc]⟩

theorem gamma_prefix (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader) (s : Nat)
    (pf : ProofMsgs) : opsGamma p st hdrs s pf ++ squeezes 1 <+: transcriptOps p st hdrs s pf :=
  ⟨friOps p.friChals pf.friCaps ++ [Op.absorb (encExt pf.finalPoly)] ++
      [Op.absorb (encU64 pf.powNonce)] ++ squeezes p.numQueries,
    by simp only [transcriptOps, opsQueries, opsPow, List.append_assoc]⟩

theorem fri_prefix (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader) (s : Nat)
    (pf : ProofMsgs) {r : Nat} (hr : r < pf.friCaps.length) :
    opsFri p st hdrs s pf r ++ squeezes p.friChals <+: transcriptOps p st hdrs s pf := by
  have hget : pf.friCaps.getD r [] = pf.friCaps[r] := by
    rw [List.getD_eq_getElem?_getD, List.getElem?_eq_getElem hr]; rfl
  refine ⟨friOps p.friChals (pf.friCaps.drop (r + 1)) ++ [Op.absorb (encExt pf.finalPoly)] ++
      [Op.absorb (encU64 pf.powNonce)] ++ squeezes p.numQueries, ?_⟩
  simp only [transcriptOps, opsQueries, opsPow, opsFri, List.append_assoc]
  rw [friOps_take_drop p.friChals pf.friCaps r, List.drop_eq_getElem_cons hr, friOps_cons, hget]
  simp only [List.append_assoc, List.cons_append, List.nil_append]

theorem queries_prefix (p : ScheduleParams) (st : Statement) (hdrs : List SegmentHeader) (s : Nat)
    (pf : ProofMsgs) :
    opsQueries p st hdrs s pf ++ squeezes p.numQueries <+: transcriptOps p st hdrs s pf :=
  List.prefix_refl _

end Zkvm.Stark

end
