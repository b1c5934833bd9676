module

public import Zkvm.Spec.Schedule
public import Zkvm.Stark.Transcript

/-!
# Equal operation lists have equal messages (protocol version 6)

The lemmas behind `Zkvm.Stark.Schedule`: if the operations before a challenge of
`Zkvm.Spec.Schedule` (and its blocks) are the same list for two (statement, segment headers,
segment number, segment messages) tuples, then the tuples agree on everything those operations
absorb. Each round is peeled off at the squeeze that ends it (`absorbAll_squeeze_inj`), and the
message encodings are injective (`Zkvm.Stark.Transcript`).
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Commit Zkvm.Spec Zkvm.Field

/-! ## Peeling rounds off equal operation lists -/

theorem not_absorb_mem_squeezes {x : List UInt8} : ∀ k : Nat, Op.absorb x ∉ squeezes k
  | 0 => by simp [squeezes]
  | k + 1 => by simp [squeezes, List.replicate_succ]

theorem absorbAll_squeeze_inj : ∀ {ms ms' : List (List UInt8)} {X X' : List Op},
    absorbAll ms ++ Op.squeeze :: X = absorbAll ms' ++ Op.squeeze :: X' → ms = ms' ∧ X = X'
  | [], [], _, _, h => by simpa [absorbAll] using h
  | [], _ :: _, _, _, h => by simp [absorbAll] at h
  | _ :: _, [], _, _, h => by simp [absorbAll] at h
  | m :: ms, m' :: ms', X, X', h => by
    simp only [absorbAll, List.map_cons, List.cons_append, List.cons.injEq, Op.absorb.injEq] at h
    obtain ⟨hm, hrest⟩ := h
    obtain ⟨hms, hX⟩ := absorbAll_squeeze_inj (ms := ms) (ms' := ms') hrest
    exact ⟨by rw [hm, hms], hX⟩

theorem squeezes_succ (k : Nat) : squeezes (k + 1) = Op.squeeze :: squeezes k := rfl

theorem squeezes_one : squeezes 1 = [Op.squeeze] := rfl

theorem squeezes_two : squeezes 2 = [Op.squeeze, Op.squeeze] := rfl

theorem friOps_cons (c : Nat) (cap : List Digest) (caps : List (List Digest)) :
    friOps c (cap :: caps) = Op.absorb (encCap cap) :: (squeezes c ++ friOps c caps) := rfl

/-- Equal operation lists through the FRI rounds give equal FRI commitments and equal next
message. -/
theorem friOps_inj {c : Nat} (hc : 1 ≤ c) {x x' : List UInt8} {Y Y' : List Op}
    (hY : ∀ m, Op.absorb m ∉ Y) (hY' : ∀ m, Op.absorb m ∉ Y') :
    ∀ {L L' : List (List Digest)},
      friOps c L ++ Op.absorb x :: Y = friOps c L' ++ Op.absorb x' :: Y' → L = L' ∧ x = x' ∧ Y = Y'
  | [], [], h => by simpa [friOps] using h
  | [], cap :: L', h => by
    simp only [friOps, List.nil_append, List.cons_append, List.cons.injEq] at h
    obtain ⟨-, h⟩ := h
    have hm : Op.absorb x' ∈ Y := by rw [h]; simp
    exact absurd hm (hY x')
  | cap :: L, [], h => by
    simp only [friOps, List.nil_append, List.cons_append, List.cons.injEq] at h
    obtain ⟨-, h⟩ := h
    have hm : Op.absorb x ∈ Y' := by rw [← h]; simp
    exact absurd hm (hY' x)
  | cap :: L, cap' :: L', h => by
    simp only [friOps_cons, List.cons_append, List.cons.injEq, Op.absorb.injEq, List.append_assoc] at h
    obtain ⟨hcap, h⟩ := h
    obtain ⟨hL, hx, hYY⟩ := friOps_inj hc hY hY' (List.append_cancel_left h)
    exact ⟨by rw [encCap_injective hcap, hL], hx, hYY⟩

theorem encU32s_injective {as bs : List UInt32} (h : encU32s as = encU32s bs) : as = bs :=
  flatMap_le32_injective h

/-- The segment number absorbed by a fork determines it (below `2^32`; the Rust verifier has at
most `2^16` segments). -/
theorem forkOp_inj {s s' : Nat} (hs : s < 2 ^ 32) (hs' : s' < 2 ^ 32)
    (h : forkOp s = forkOp s') : s = s' := by
  simp only [forkOp, Op.absorb.injEq, encU32] at h
  have h32 := congrArg UInt32.toNat (le32_injective h)
  simp only [Nat.toUInt32, UInt32.toNat_ofNat'] at h32
  omega

/-! ## What each challenge is bound to -/

/-- The statement and round 0 agree: the statement and every segment's header (so also the
number of segments). -/
@[expose] def SameRound0 (st : Statement) (hdrs : List SegmentHeader) (st' : Statement)
    (hdrs' : List SegmentHeader) : Prop :=
  st = st' ∧ hdrs = hdrs'

/-- Round 1's messages agree: auxiliary commitment and claimed sums, when round 1 absorbs them
(`aux`: the machine has an auxiliary trace). -/
@[expose] def SameRound1 (aux : Bool) (pf pf' : ProofMsgs) : Prop :=
  aux = true → pf.auxCap = pf'.auxCap ∧ pf.claimedSums = pf'.claimedSums

theorem statement_eq {st st' : Statement} (h0 : st.vkDigest = st'.vkDigest)
    (h1 : st.publicValues = st'.publicValues) (h2 : st.input = st'.input)
    (h3 : st.output = st'.output) : st = st' := by
  cases st; cases st'; simp_all

theorem headerMsgs_inj {h h' : SegmentHeader} (e : headerMsgs h = headerMsgs h') : h = h' := by
  cases h; cases h'
  simp only [headerMsgs, List.cons.injEq, and_true] at e
  obtain ⟨hv, hl, hc⟩ := e
  rw [encU32s_injective hv, encU32s_injective hl, encCap_injective hc]

theorem flatMap_headerMsgs_inj :
    ∀ {hs hs' : List SegmentHeader}, hs.flatMap headerMsgs = hs'.flatMap headerMsgs → hs = hs'
  | [], [], _ => rfl
  | [], _ :: _, e => by simp [headerMsgs] at e
  | _ :: _, [], e => by simp [headerMsgs] at e
  | h :: hs, h' :: hs', e => by
    simp only [List.flatMap_cons] at e
    obtain ⟨e1, e2⟩ := List.append_inj e (by simp [headerMsgs])
    rw [headerMsgs_inj e1, flatMap_headerMsgs_inj e2]

theorem msgs0_inj {st st' : Statement} {hdrs hdrs' : List SegmentHeader}
    (h : msgs0 st hdrs = msgs0 st' hdrs') : SameRound0 st hdrs st' hdrs' := by
  simp only [msgs0, List.cons_append, List.nil_append, List.cons.injEq] at h
  obtain ⟨-, hvk, hpub, hin, hout, -, hh⟩ := h
  exact ⟨statement_eq (Digest.ext hvk) (encBase_injective hpub) hin hout,
    flatMap_headerMsgs_inj hh⟩

theorem msgs1_inj {aux : Bool} {pf pf' : ProofMsgs} (h : msgs1 aux pf = msgs1 aux pf') :
    SameRound1 aux pf pf' := by
  intro ha
  simp only [msgs1, ha, if_true, List.cons.injEq] at h
  exact ⟨encCap_injective h.1, encExt_injective h.2.1⟩

theorem msgs3_inj {pf pf' : ProofMsgs} (h : msgs3 pf = msgs3 pf') : pf.oodValues = pf'.oodValues := by
  simp only [msgs3] at h
  have : ∀ (a b : List (List Ext4)), a.map encExt = b.map encExt → a = b := by
    intro a b hab
    induction a generalizing b with
    | nil => cases b with
      | nil => rfl
      | cons _ _ => simp at hab
    | cons x a ih => cases b with
      | nil => simp at hab
      | cons y b =>
        simp only [List.map_cons, List.cons.injEq] at hab
        rw [encExt_injective hab.1, ih b hab.2]
  exact this _ _ h

/-- Equal operations before `χ` (and its blocks). -/
theorem opsChi_inj {st st' : Statement} {hdrs hdrs' : List SegmentHeader} {j : Nat} (hj : 1 ≤ j)
    (h : opsChi st hdrs ++ squeezes j = opsChi st' hdrs' ++ squeezes j) :
    SameRound0 st hdrs st' hdrs' := by
  obtain ⟨k, rfl⟩ : ∃ k, j = k + 1 := ⟨j - 1, by omega⟩
  simp only [opsChi, squeezes_succ] at h
  exact msgs0_inj (absorbAll_squeeze_inj h).1

theorem opsAlpha_inj {p : ScheduleParams} {st st' : Statement} {hdrs hdrs' : List SegmentHeader}
    {s s' : Nat} (hs : s < 2 ^ 32) (hs' : s' < 2 ^ 32) {pf pf' : ProofMsgs} {X X' : List Op}
    (h : opsAlpha p st hdrs s pf ++ Op.squeeze :: X =
      opsAlpha p st' hdrs' s' pf' ++ Op.squeeze :: X') :
    SameRound0 st hdrs st' hdrs' ∧ s = s' ∧ SameRound1 p.hasAux pf pf' ∧ X = X' := by
  simp only [opsAlpha, opsShared, opsChi, squeezes_two, List.append_assoc, List.cons_append,
    List.nil_append] at h
  obtain ⟨h0, h⟩ := absorbAll_squeeze_inj h
  simp only [List.cons.injEq, true_and] at h
  obtain ⟨hf, h⟩ := h
  obtain ⟨h1, hX⟩ := absorbAll_squeeze_inj h
  exact ⟨msgs0_inj h0, forkOp_inj hs hs' hf, msgs1_inj h1, hX⟩

theorem opsZeta_inj {p : ScheduleParams} {st st' : Statement} {hdrs hdrs' : List SegmentHeader}
    {s s' : Nat} (hs : s < 2 ^ 32) (hs' : s' < 2 ^ 32) {pf pf' : ProofMsgs} {X X' : List Op}
    (h : opsZeta p st hdrs s pf ++ Op.squeeze :: X =
      opsZeta p st' hdrs' s' pf' ++ Op.squeeze :: X') :
    SameRound0 st hdrs st' hdrs' ∧ s = s' ∧ SameRound1 p.hasAux pf pf' ∧
      pf.quotientCap = pf'.quotientCap ∧ X = X' := by
  simp only [opsZeta, squeezes_one, List.append_assoc, List.cons_append, List.nil_append] at h
  obtain ⟨h0, hss, h1, h⟩ := opsAlpha_inj hs hs' h
  obtain ⟨h2, hX⟩ := absorbAll_squeeze_inj h
  simp only [msgs2, List.cons.injEq, and_true] at h2
  exact ⟨h0, hss, h1, encCap_injective h2, hX⟩

/-- Everything of segment `s`'s run before its FRI rounds agrees: the shared part (statement,
every header), the segment number, and that segment's rounds 1–3. -/
@[expose] def SameBeforeFri (aux : Bool) (st : Statement) (hdrs : List SegmentHeader) (s : Nat)
    (pf : ProofMsgs) (st' : Statement) (hdrs' : List SegmentHeader) (s' : Nat) (pf' : ProofMsgs) :
    Prop :=
  SameRound0 st hdrs st' hdrs' ∧ s = s' ∧ SameRound1 aux pf pf' ∧
    pf.quotientCap = pf'.quotientCap ∧
    pf.oodValues = pf'.oodValues

theorem opsGamma_inj {p : ScheduleParams} {st st' : Statement} {hdrs hdrs' : List SegmentHeader}
    {s s' : Nat} (hs : s < 2 ^ 32) (hs' : s' < 2 ^ 32) {pf pf' : ProofMsgs} {X X' : List Op}
    (h : opsGamma p st hdrs s pf ++ Op.squeeze :: X =
      opsGamma p st' hdrs' s' pf' ++ Op.squeeze :: X') :
    SameBeforeFri p.hasAux st hdrs s pf st' hdrs' s' pf' ∧ X = X' := by
  simp only [opsGamma, squeezes_one, List.append_assoc, List.cons_append, List.nil_append] at h
  obtain ⟨h0, hss, h1, h2, h⟩ := opsZeta_inj hs hs' h
  obtain ⟨h3, hX⟩ := absorbAll_squeeze_inj h
  exact ⟨⟨h0, hss, h1, h2, msgs3_inj h3⟩, hX⟩

theorem opsFri_inj {p : ScheduleParams} (hc : 1 ≤ p.friChals) {st st' : Statement}
    {hdrs hdrs' : List SegmentHeader} {s s' : Nat} (hs : s < 2 ^ 32) (hs' : s' < 2 ^ 32)
    {pf pf' : ProofMsgs} {r j : Nat}
    (h : opsFri p st hdrs s pf r ++ squeezes j = opsFri p st' hdrs' s' pf' r ++ squeezes j) :
    SameBeforeFri p.hasAux st hdrs s pf st' hdrs' s' pf' ∧
      pf.friCaps.take r = pf'.friCaps.take r ∧
      pf.friCaps.getD r [] = pf'.friCaps.getD r [] := by
  simp only [opsFri, squeezes_one, List.append_assoc, List.cons_append, List.nil_append] at h
  obtain ⟨h0, h⟩ := opsGamma_inj hs hs' h
  obtain ⟨hL, hx, -⟩ := friOps_inj hc (fun m => not_absorb_mem_squeezes (x := m) j)
    (fun m => not_absorb_mem_squeezes (x := m) j) h
  exact ⟨h0, hL, encCap_injective hx⟩

/-- The FRI rounds followed by two absorbs (final polynomial, nonce) and at least one squeeze. -/
theorem friOps_two_absorbs_inj {c : Nat} (hc : 1 ≤ c) {k : Nat} :
    ∀ {L L' : List (List Digest)} {a a' b b' : List UInt8},
      friOps c L ++ Op.absorb a :: Op.absorb b :: squeezes (k + 1) =
        friOps c L' ++ Op.absorb a' :: Op.absorb b' :: squeezes (k + 1) →
      L = L' ∧ a = a' ∧ b = b'
  | [], [], _, _, _, _, h => by simpa [friOps] using h
  | [], cap :: L', _, _, _, _, h => by
    simp only [friOps, List.nil_append, List.cons_append, List.cons.injEq] at h
    obtain ⟨-, h⟩ := h
    obtain ⟨c', rfl⟩ : ∃ c', c = c' + 1 := ⟨c - 1, by omega⟩
    simp [squeezes_succ] at h
  | cap :: L, [], _, _, _, _, h => by
    simp only [friOps, List.nil_append, List.cons_append, List.cons.injEq] at h
    obtain ⟨-, h⟩ := h
    obtain ⟨c', rfl⟩ : ∃ c', c = c' + 1 := ⟨c - 1, by omega⟩
    simp [squeezes_succ] at h
  | cap :: L, cap' :: L', _, _, _, _, h => by
    simp only [friOps_cons, List.cons_append, List.cons.injEq, Op.absorb.injEq,
      List.append_assoc] at h
    obtain ⟨hcap, h⟩ := h
    obtain ⟨hL, ha, hb⟩ := friOps_two_absorbs_inj hc (List.append_cancel_left h)
    exact ⟨by rw [encCap_injective hcap, hL], ha, hb⟩

theorem opsQueries_inj {p : ScheduleParams} (hc : 1 ≤ p.friChals) {st st' : Statement}
    {hdrs hdrs' : List SegmentHeader} {s s' : Nat} (hs : s < 2 ^ 32) (hs' : s' < 2 ^ 32)
    {pf pf' : ProofMsgs} {j : Nat} (hj : 1 ≤ j)
    (h : opsQueries p st hdrs s pf ++ squeezes j = opsQueries p st' hdrs' s' pf' ++ squeezes j) :
    SameBeforeFri p.hasAux st hdrs s pf st' hdrs' s' pf' ∧ pf.friCaps = pf'.friCaps ∧
      pf.finalPoly = pf'.finalPoly ∧ pf.powNonce = pf'.powNonce := by
  simp only [opsQueries, opsPow, squeezes_one, List.append_assoc, List.cons_append,
    List.nil_append] at h
  obtain ⟨h0, h⟩ := opsGamma_inj hs hs' h
  -- the final polynomial and the nonce are two absorbs after the FRI rounds
  obtain ⟨k, rfl⟩ : ∃ k, j = k + 1 := ⟨j - 1, by omega⟩
  obtain ⟨hL, ha, hb⟩ := friOps_two_absorbs_inj hc (k := k) (by simpa [squeezes_succ] using h)
  exact ⟨h0, hL, encExt_injective ha, le64_injective hb⟩

end Zkvm.Stark

end
