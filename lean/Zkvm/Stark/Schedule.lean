module

public import Zkvm.Spec.Schedule
public import Zkvm.Stark.Transcript

/-!
# Every prover message is absorbed before the challenges that depend on it

In the interactive protocol a challenge of round `r` depends on the statement and on every
prover message of rounds `0 … r`. The Fiat–Shamir transcript of `Zkvm.Spec.Schedule` realises
this dependency:

* **Order** (`*_prefix`): each challenge is squeezed by the one sequential run of the transcript
  (`transcriptOps`) right after the absorption of every message of its round and of all earlier
  rounds: its operation list is a prefix of the run.
* **Binding** (`chi_binding` … `queries_binding`): if two (statement, proof) pairs give the
  same block for a challenge, then they agree on the statement and on every prover message of
  that round and all earlier ones — or `findTranscriptCollision` returns an explicit collision
  of `H`. So a prover cannot change any message a challenge depends on (the heights, a
  commitment, a claimed sum, an out-of-domain value, a FRI commitment, the final polynomial,
  the nonce, or the public input and output) without changing the challenge, short of a
  SHA3-256 collision.

The omission of a message from the transcript (the cause of "Frozen Heart"-type bugs) would
make the corresponding binding theorem false.
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

/-! ## What each challenge is bound to -/

/-- The statement and round 0's messages (heights, main commitment) agree. -/
@[expose] def SameRound0 (st : Statement) (pf : ProofMsgs) (st' : Statement) (pf' : ProofMsgs) :
    Prop :=
  st = st' ∧ pf.logHeights = pf'.logHeights ∧ pf.mainCap = pf'.mainCap

/-- Round 1's messages agree: auxiliary commitment and claimed sums. -/
@[expose] def SameRound1 (pf pf' : ProofMsgs) : Prop :=
  pf.auxCap = pf'.auxCap ∧ pf.claimedSums = pf'.claimedSums

theorem statement_eq {st st' : Statement} (h0 : st.vkDigest = st'.vkDigest)
    (h1 : st.publicValues = st'.publicValues) (h2 : st.input = st'.input)
    (h3 : st.output = st'.output) : st = st' := by
  cases st; cases st'; simp_all

theorem msgs0_inj {st st' : Statement} {pf pf' : ProofMsgs} (h : msgs0 st pf = msgs0 st' pf') :
    SameRound0 st pf st' pf' := by
  simp only [msgs0, List.cons.injEq] at h
  obtain ⟨-, hvk, hh, hpub, hin, hout, hcap, -⟩ := h
  exact ⟨statement_eq (Digest.ext hvk) (encBase_injective hpub) hin hout,
    encU32s_injective hh, encCap_injective hcap⟩

theorem msgs1_inj {pf pf' : ProofMsgs} (h : msgs1 pf = msgs1 pf') : SameRound1 pf pf' := by
  simp only [msgs1, List.cons.injEq] at h
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
theorem opsChi_inj {st st' : Statement} {pf pf' : ProofMsgs} {j : Nat} (hj : 1 ≤ j)
    (h : opsChi st pf ++ squeezes j = opsChi st' pf' ++ squeezes j) : SameRound0 st pf st' pf' := by
  obtain ⟨k, rfl⟩ : ∃ k, j = k + 1 := ⟨j - 1, by omega⟩
  simp only [opsChi, squeezes_succ] at h
  exact msgs0_inj (absorbAll_squeeze_inj h).1

theorem opsAlpha_inj {st st' : Statement} {pf pf' : ProofMsgs} {X X' : List Op}
    (h : opsAlpha st pf ++ Op.squeeze :: X = opsAlpha st' pf' ++ Op.squeeze :: X') :
    SameRound0 st pf st' pf' ∧ SameRound1 pf pf' ∧ X = X' := by
  simp only [opsAlpha, opsChi, squeezes_two, List.append_assoc, List.cons_append,
    List.nil_append] at h
  obtain ⟨h0, h⟩ := absorbAll_squeeze_inj h
  simp only [List.cons.injEq, true_and] at h
  obtain ⟨h1, hX⟩ := absorbAll_squeeze_inj h
  exact ⟨msgs0_inj h0, msgs1_inj h1, hX⟩

theorem opsZeta_inj {st st' : Statement} {pf pf' : ProofMsgs} {X X' : List Op}
    (h : opsZeta st pf ++ Op.squeeze :: X = opsZeta st' pf' ++ Op.squeeze :: X') :
    SameRound0 st pf st' pf' ∧ SameRound1 pf pf' ∧ pf.quotientCap = pf'.quotientCap ∧ X = X' := by
  simp only [opsZeta, squeezes_one, List.append_assoc, List.cons_append, List.nil_append] at h
  obtain ⟨h0, h1, h⟩ := opsAlpha_inj h
  obtain ⟨h2, hX⟩ := absorbAll_squeeze_inj h
  simp only [msgs2, List.cons.injEq, and_true] at h2
  exact ⟨h0, h1, encCap_injective h2, hX⟩

theorem opsGamma_inj {st st' : Statement} {pf pf' : ProofMsgs} {X X' : List Op}
    (h : opsGamma st pf ++ Op.squeeze :: X = opsGamma st' pf' ++ Op.squeeze :: X') :
    SameRound0 st pf st' pf' ∧ SameRound1 pf pf' ∧ pf.quotientCap = pf'.quotientCap ∧
      pf.oodValues = pf'.oodValues ∧ X = X' := by
  simp only [opsGamma, squeezes_one, List.append_assoc, List.cons_append, List.nil_append] at h
  obtain ⟨h0, h1, h2, h⟩ := opsZeta_inj h
  obtain ⟨h3, hX⟩ := absorbAll_squeeze_inj h
  exact ⟨h0, h1, h2, msgs3_inj h3, hX⟩

/-- Everything before the FRI rounds agrees (statement, rounds 0–3). -/
@[expose] def SameBeforeFri (st : Statement) (pf : ProofMsgs) (st' : Statement) (pf' : ProofMsgs) :
    Prop :=
  SameRound0 st pf st' pf' ∧ SameRound1 pf pf' ∧ pf.quotientCap = pf'.quotientCap ∧
    pf.oodValues = pf'.oodValues

theorem opsFri_inj {c : Nat} (hc : 1 ≤ c) {st st' : Statement} {pf pf' : ProofMsgs} {r j : Nat}
    (h : opsFri c st pf r ++ squeezes j = opsFri c st' pf' r ++ squeezes j) :
    SameBeforeFri st pf st' pf' ∧ pf.friCaps.take r = pf'.friCaps.take r ∧
      pf.friCaps.getD r [] = pf'.friCaps.getD r [] := by
  simp only [opsFri, squeezes_one, List.append_assoc, List.cons_append, List.nil_append] at h
  obtain ⟨h0, h1, h2, h3, h⟩ := opsGamma_inj h
  obtain ⟨hL, hx, -⟩ := friOps_inj hc (fun m => not_absorb_mem_squeezes (x := m) j)
    (fun m => not_absorb_mem_squeezes (x := m) j) h
  exact ⟨⟨h0, h1, h2, h3⟩, hL, encCap_injective hx⟩

theorem opsQueries_inj {c : Nat} (hc : 1 ≤ c) {st st' : Statement} {pf pf' : ProofMsgs} {j : Nat}
    (hj : 1 ≤ j) (h : opsQueries c st pf ++ squeezes j = opsQueries c st' pf' ++ squeezes j) :
    SameBeforeFri st pf st' pf' ∧ pf.friCaps = pf'.friCaps ∧ pf.finalPoly = pf'.finalPoly ∧
      pf.powNonce = pf'.powNonce := by
  simp only [opsQueries, opsPow, squeezes_one, List.append_assoc, List.cons_append,
    List.nil_append] at h
  obtain ⟨h0, h1, h2, h3, h⟩ := opsGamma_inj h
  -- the final polynomial and the nonce are two absorbs after the FRI rounds
  obtain ⟨k, rfl⟩ : ∃ k, j = k + 1 := ⟨j - 1, by omega⟩
  have key : ∀ {L L' : List (List Digest)} {a a' b b' : List UInt8},
      friOps c L ++ Op.absorb a :: Op.absorb b :: squeezes (k + 1) =
        friOps c L' ++ Op.absorb a' :: Op.absorb b' :: squeezes (k + 1) →
      L = L' ∧ a = a' ∧ b = b' := by
    intro L
    induction L with
    | nil =>
      intro L' a a' b b' h
      cases L' with
      | nil => simpa [friOps] using h
      | cons cap L' =>
        simp only [friOps, List.nil_append, List.cons_append, List.cons.injEq] at h
        obtain ⟨-, h⟩ := h
        obtain ⟨c', rfl⟩ : ∃ c', c = c' + 1 := ⟨c - 1, by omega⟩
        simp [squeezes_succ] at h
    | cons cap L ih =>
      intro L' a a' b b' h
      cases L' with
      | nil =>
        simp only [friOps, List.nil_append, List.cons_append, List.cons.injEq] at h
        obtain ⟨-, h⟩ := h
        obtain ⟨c', rfl⟩ : ∃ c', c = c' + 1 := ⟨c - 1, by omega⟩
        simp [squeezes_succ] at h
      | cons cap' L' =>
        simp only [friOps_cons, List.cons_append, List.cons.injEq, Op.absorb.injEq,
          List.append_assoc] at h
        obtain ⟨hcap, h⟩ := h
        obtain ⟨hL, ha, hb⟩ := ih (List.append_cancel_left h)
        exact ⟨by rw [encCap_injective hcap, hL], ha, hb⟩
  obtain ⟨hL, ha, hb⟩ := key (by simpa [squeezes_succ] using h)
  exact ⟨⟨h0, h1, h2, h3⟩, hL, encExt_injective ha, le64_injective hb⟩

/-! ## The binding theorems -/

variable (H : List UInt8 → Digest)

/-- **`χ` and `β`** (blocks 1 and 2 after round 0) are bound to the statement, the heights and
the main commitment. -/
theorem chi_binding {st st' : Statement} {pf pf' : ProofMsgs} {j : Nat} (hj : 1 ≤ j)
    (h : blockAfter H (opsChi st pf) j = blockAfter H (opsChi st' pf') j) :
    SameRound0 st pf st' pf' ∨
      ∃ x y, findTranscriptCollision H (opsChi st pf ++ squeezes j) (opsChi st' pf' ++ squeezes j) =
        some (x, y) ∧ IsCollision H x y := by
  by_cases he : opsChi st pf ++ squeezes j = opsChi st' pf' ++ squeezes j
  · exact Or.inl (opsChi_inj hj he)
  · exact Or.inr (transcript_binding H h he)

/-- **`α`** is bound to the statement and rounds 0 and 1 (heights, main and auxiliary
commitments, claimed sums). -/
theorem alpha_binding {st st' : Statement} {pf pf' : ProofMsgs}
    (h : blockAfter H (opsAlpha st pf) 1 = blockAfter H (opsAlpha st' pf') 1) :
    (SameRound0 st pf st' pf' ∧ SameRound1 pf pf') ∨
      ∃ x y, findTranscriptCollision H (opsAlpha st pf ++ squeezes 1)
        (opsAlpha st' pf' ++ squeezes 1) = some (x, y) ∧ IsCollision H x y := by
  by_cases he : opsAlpha st pf ++ squeezes 1 = opsAlpha st' pf' ++ squeezes 1
  · obtain ⟨h0, h1, -⟩ := opsAlpha_inj (X := []) (X' := []) he
    exact Or.inl ⟨h0, h1⟩
  · exact Or.inr (transcript_binding H h he)

/-- **`ζ`** is bound to the statement and rounds 0–2 (also the quotient commitment). -/
theorem zeta_binding {st st' : Statement} {pf pf' : ProofMsgs}
    (h : blockAfter H (opsZeta st pf) 1 = blockAfter H (opsZeta st' pf') 1) :
    (SameRound0 st pf st' pf' ∧ SameRound1 pf pf' ∧ pf.quotientCap = pf'.quotientCap) ∨
      ∃ x y, findTranscriptCollision H (opsZeta st pf ++ squeezes 1)
        (opsZeta st' pf' ++ squeezes 1) = some (x, y) ∧ IsCollision H x y := by
  by_cases he : opsZeta st pf ++ squeezes 1 = opsZeta st' pf' ++ squeezes 1
  · obtain ⟨h0, h1, h2, -⟩ := opsZeta_inj (X := []) (X' := []) he
    exact Or.inl ⟨h0, h1, h2⟩
  · exact Or.inr (transcript_binding H h he)

/-- **`γ`** is bound to the statement and rounds 0–3 (also the out-of-domain values). -/
theorem gamma_binding {st st' : Statement} {pf pf' : ProofMsgs}
    (h : blockAfter H (opsGamma st pf) 1 = blockAfter H (opsGamma st' pf') 1) :
    SameBeforeFri st pf st' pf' ∨
      ∃ x y, findTranscriptCollision H (opsGamma st pf ++ squeezes 1)
        (opsGamma st' pf' ++ squeezes 1) = some (x, y) ∧ IsCollision H x y := by
  by_cases he : opsGamma st pf ++ squeezes 1 = opsGamma st' pf' ++ squeezes 1
  · obtain ⟨h0, h1, h2, h3, -⟩ := opsGamma_inj (X := []) (X' := []) he
    exact Or.inl ⟨h0, h1, h2, h3⟩
  · exact Or.inr (transcript_binding H h he)

/-- **FRI round `r`'s challenges** are bound to everything before the FRI rounds and to the
commitments of FRI rounds `0 … r`. -/
theorem fri_binding {c : Nat} (hc : 1 ≤ c) {st st' : Statement} {pf pf' : ProofMsgs} {r j : Nat}
    (h : blockAfter H (opsFri c st pf r) j = blockAfter H (opsFri c st' pf' r) j) :
    (SameBeforeFri st pf st' pf' ∧ pf.friCaps.take r = pf'.friCaps.take r ∧
        pf.friCaps.getD r [] = pf'.friCaps.getD r []) ∨
      ∃ x y, findTranscriptCollision H (opsFri c st pf r ++ squeezes j)
        (opsFri c st' pf' r ++ squeezes j) = some (x, y) ∧ IsCollision H x y := by
  by_cases he : opsFri c st pf r ++ squeezes j = opsFri c st' pf' r ++ squeezes j
  · exact Or.inl (opsFri_inj hc he)
  · exact Or.inr (transcript_binding H h he)

/-- **The query indices** are bound to the statement and every absorbed prover message: all
commitments, claimed sums, out-of-domain values, the final polynomial and the nonce. -/
theorem queries_binding {c : Nat} (hc : 1 ≤ c) {st st' : Statement} {pf pf' : ProofMsgs}
    {j : Nat} (hj : 1 ≤ j)
    (h : blockAfter H (opsQueries c st pf) j = blockAfter H (opsQueries c st' pf') j) :
    (SameBeforeFri st pf st' pf' ∧ pf.friCaps = pf'.friCaps ∧ pf.finalPoly = pf'.finalPoly ∧
        pf.powNonce = pf'.powNonce) ∨
      ∃ x y, findTranscriptCollision H (opsQueries c st pf ++ squeezes j)
        (opsQueries c st' pf' ++ squeezes j) = some (x, y) ∧ IsCollision H x y := by
  by_cases he : opsQueries c st pf ++ squeezes j = opsQueries c st' pf' ++ squeezes j
  · exact Or.inl (opsQueries_inj hc hj he)
  · exact Or.inr (transcript_binding H h he)

/-! ## One sequential run squeezes these blocks -/

theorem friOps_take_drop (c : Nat) : ∀ (caps : List (List Digest)) (r : Nat),
    friOps c caps = friOps c (caps.take r) ++ friOps c (caps.drop r)
  | [], r => by simp [friOps]
  | cap :: caps, 0 => by simp [friOps]
  | cap :: caps, r + 1 => by
    simp only [List.take_succ_cons, List.drop_succ_cons, friOps_cons, List.cons_append,
      List.append_assoc]
    rw [friOps_take_drop c caps r]

/-- The operations before each challenge, followed by its blocks, are a prefix of the whole run:
the sequential transcript squeezes exactly the blocks `challenges` reads. -/
theorem chi_prefix (p : ScheduleParams) (st : Statement) (pf : ProofMsgs) :
    opsChi st pf ++ squeezes 2 <+: transcriptOps p st pf :=
  ⟨absorbAll (msgs1 pf) ++ squeezes 1 ++ absorbAll (msgs2 pf) ++ squeezes 1 ++
      absorbAll (msgs3 pf) ++ squeezes 1 ++ friOps p.friChals pf.friCaps ++
      [Op.absorb (encExt pf.finalPoly)] ++ [Op.absorb (encU64 pf.powNonce)] ++ squeezes p.numQueries,
    by simp only [transcriptOps, opsQueries, opsPow, opsGamma, opsZeta, opsAlpha,
      List.append_assoc]⟩

theorem alpha_prefix (p : ScheduleParams) (st : Statement) (pf : ProofMsgs) :
    opsAlpha st pf ++ squeezes 1 <+: transcriptOps p st pf :=
  ⟨absorbAll (msgs2 pf) ++ squeezes 1 ++ absorbAll (msgs3 pf) ++ squeezes 1 ++
      friOps p.friChals pf.friCaps ++ [Op.absorb (encExt pf.finalPoly)] ++
      [Op.absorb (encU64 pf.powNonce)] ++ squeezes p.numQueries,
    by simp only [transcriptOps, opsQueries, opsPow, opsGamma, opsZeta, List.append_assoc]⟩

theorem zeta_prefix (p : ScheduleParams) (st : Statement) (pf : ProofMsgs) :
    opsZeta st pf ++ squeezes 1 <+: transcriptOps p st pf :=
  ⟨absorbAll (msgs3 pf) ++ squeezes 1 ++ friOps p.friChals pf.friCaps ++
      [Op.absorb (encExt pf.finalPoly)] ++ [Op.absorb (encU64 pf.powNonce)] ++ squeezes p.numQueries,
    by simp only [transcriptOps, opsQueries, opsPow, opsGamma, List.append_assoc]⟩

theorem gamma_prefix (p : ScheduleParams) (st : Statement) (pf : ProofMsgs) :
    opsGamma st pf ++ squeezes 1 <+: transcriptOps p st pf :=
  ⟨friOps p.friChals pf.friCaps ++ [Op.absorb (encExt pf.finalPoly)] ++
      [Op.absorb (encU64 pf.powNonce)] ++ squeezes p.numQueries,
    by simp only [transcriptOps, opsQueries, opsPow, List.append_assoc]⟩

theorem fri_prefix (p : ScheduleParams) (st : Statement) (pf : ProofMsgs) {r : Nat}
    (hr : r < pf.friCaps.length) :
    opsFri p.friChals st pf r ++ squeezes p.friChals <+: transcriptOps p st pf := by
  have hget : pf.friCaps.getD r [] = pf.friCaps[r] := by
    rw [List.getD_eq_getElem?_getD, List.getElem?_eq_getElem hr]; rfl
  refine ⟨friOps p.friChals (pf.friCaps.drop (r + 1)) ++ [Op.absorb (encExt pf.finalPoly)] ++
      [Op.absorb (encU64 pf.powNonce)] ++ squeezes p.numQueries, ?_⟩
  simp only [transcriptOps, opsQueries, opsPow, opsFri, List.append_assoc]
  rw [friOps_take_drop p.friChals pf.friCaps r, List.drop_eq_getElem_cons hr, friOps_cons, hget]
  simp only [List.append_assoc, List.cons_append, List.nil_append]

theorem queries_prefix (p : ScheduleParams) (st : Statement) (pf : ProofMsgs) :
    opsQueries p.friChals st pf ++ squeezes p.numQueries <+: transcriptOps p st pf :=
  List.prefix_refl _

end Zkvm.Stark

end
