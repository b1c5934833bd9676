module

public import Zkvm.Refinement.Protocol.Stark.Shared
public import Zkvm.Refinement.Protocol.SegmentChallenges

/-!
# A segment's challenges are the schedule's

`stark::derive_challenges` (hash `H`): on segment `s`'s fork of the shared transcript
`run H (opsShared st hdrs)`, the extracted code absorbs the auxiliary commitment and claimed
sums, the quotient commitment, every table's out-of-domain values (main at `ζ` and `ζω`,
auxiliary at both when the table has an auxiliary trace, quotient: `oodLists`), each FRI
commitment, the final polynomial and the proof-of-work nonce, squeezing `α`, `ζ`, `γ`, one
folding challenge per FRI round and the query indices in between: exactly the spec's
`Zkvm.Spec.challenges` of `Zkvm.Spec.Schedule` (one challenge per FRI round), with the lookup
challenges `χ`, `χ − s·β^16`, and `InvalidProofOfWork` when the nonce fails
(`derive_challenges_spec`). It never panics within the stated length bounds. Stated for a
machine with an auxiliary trace (`hasAux`, true of the RV32IM machine, whose tables all have
LogUp fractions); `has_any_aux` is that test.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Commit Zkvm.Spec Zkvm.Field
open Zkvm.Refinement.commit.merkle (bytesOf)
open Zkvm.Refinement.transcript (stateOf absorb_u64_spec absorb_ext_elements_spec squeeze_ext_spec
  squeeze_index_spec_lt check_pow_spec_lt fork_spec)
open Zkvm.Refinement.field.extension (toExt)

variable (H : List UInt8 → Digest)

theorem run_snoc (a : List Op) (o : Op) : run H (a ++ [o]) = step H (run H a) o := by
  simp [run, List.foldl_append]

/-- `has_any_aux` is whether some table has an auxiliary trace; it never panics. -/
theorem has_any_aux_spec (dims : protocol.stark.ProofDimensions) (hl : dims.tables.length < 2 ^ 64) :
    protocol.stark.has_any_aux dims = .ok (dims.tables.any (·.has_aux)) := by
  have hn := Slice.len_toNat dims.tables hl
  unfold protocol.stark.has_any_aux
  apply loop_bind_ok
    (P := fun (t : Usize) => t.toNat ≤ dims.tables.length ∧
      ∀ j (h : j < dims.tables.length), j < t.toNat → dims.tables[j].has_aux = false)
    (Q := fun r => (r = Exit.ret true ∧ dims.tables.any (·.has_aux) = true) ∨
      (∃ t, r = Exit.brk t) ∧ dims.tables.any (·.has_aux) = false)
  · intro t ⟨ht, hno⟩
    by_cases hlt : t < Slice.len dims.tables
    · have hlt' : t.toNat < dims.tables.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (t + 1).toNat = t.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      rw [if_pos hlt, Slice.index_eq _ _ hlt', ok_bind]
      by_cases ha : dims.tables[t.toNat].has_aux = true
      · right
        refine ⟨_, by rw [if_pos ha, pure_ok], Or.inl ⟨rfl, ?_⟩⟩
        rw [List.any_eq_true]; exact ⟨_, List.getElem_mem _, ha⟩
      · left
        refine ⟨t + 1, by rw [if_neg ha, Usize.add_eq t 1 (by simp; omega), ok_bind, pure_ok], ?_, ?_⟩
        · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
          rw [e]; omega
        · refine ⟨by rw [e]; omega, fun j hj hjt => ?_⟩
          rw [e] at hjt
          by_cases hjj : j < t.toNat
          · exact hno j hj hjj
          · have : j = t.toNat := by omega
            subst this; simpa using ha
    · right
      have e : t.toNat = dims.tables.length := by
        have : ¬ t.toNat < (Slice.len dims.tables).toNat := fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      refine ⟨_, by rw [if_neg hlt, pure_ok], Or.inr ⟨⟨t, rfl⟩, ?_⟩⟩
      rw [Bool.eq_false_iff, ne_eq, List.any_eq_true]
      rintro ⟨x, hx, hxa⟩
      obtain ⟨j, hj, rfl⟩ := List.getElem_of_mem hx
      have := hno j hj (by omega)
      rw [this] at hxa; exact Bool.false_ne_true hxa
  · exact ⟨by simp, fun j _ h => by simp at h⟩
  · intro r hr
    rcases hr with ⟨rfl, h⟩ | ⟨⟨t, rfl⟩, h⟩
    · rw [h]; rfl
    · rw [h]; rfl

/-- One table's out-of-domain values, as extension elements. -/
structure OodSpec where
  mainLocal : List Ext4
  mainNext : List Ext4
  auxLocal : List Ext4
  auxNext : List Ext4
  quotient : List Ext4

/-- The Rust openings of spec values. -/
def toOpenings (o : OodSpec) : protocol.proof.TableOpenings :=
  { main_local := o.mainLocal.map toExt, main_next := o.mainNext.map toExt,
    aux_local := o.auxLocal.map toExt, aux_next := o.auxNext.map toExt,
    quotient := o.quotient.map toExt }

/-- The lists one table's openings contribute to round 3: main at ζ and ζω, auxiliary at both
when the table has an auxiliary trace, quotient. -/
def oodOf (oa : OodSpec × Bool) : List (List Ext4) :=
  if oa.2 then [oa.1.mainLocal, oa.1.mainNext, oa.1.auxLocal, oa.1.auxNext, oa.1.quotient]
  else [oa.1.mainLocal, oa.1.mainNext, oa.1.quotient]

/-- Round 3's lists for the tables' openings `os` and auxiliary flags `aux`. -/
def oodLists (os : List OodSpec) (aux : List Bool) : List (List Ext4) := (os.zip aux).flatMap oodOf

theorem toExt_eq_extWords : toExt = extWords := rfl

theorem encExt_map (vs : List Ext4) :
    (vs.map toExt).flatMap (fun v => v.flatMap le32) = encExt vs := by
  rw [Zkvm.Refinement.transcript.encExt_eq, toExt_eq_extWords]

theorem step_run (a : List Op) (o : Op) : step H (run H a) o = run H (a ++ [o]) :=
  (run_snoc H a o).symm

theorem forkOp_eq (s : Nat) : Op.absorb (encU32 s.toUInt32) = forkOp s := rfl

theorem friOps_snoc (c : Nat) (caps : List (List Digest)) (cap : List Digest) :
    friOps c (caps ++ [cap]) = friOps c caps ++ (Op.absorb (encCap cap) :: squeezes c) := by
  induction caps with
  | nil => simp [friOps]
  | cons x xs ih => simp [friOps, ih]

theorem indexOfBlock_lt (b : Digest) (bits : Nat) (hb : bits ≤ 32) : indexOfBlock b bits < 2 ^ 32 := by
  unfold indexOfBlock
  have : 2 ^ bits ≤ 2 ^ 32 := Nat.pow_le_pow_right (by omega) hb
  have := Nat.mod_lt (leNat (b.bytes.take 4)) (Nat.two_pow_pos bits)
  omega

theorem toUInt64_ofNat32 (n : Nat) (h : n < 2 ^ 32) : (UInt32.ofNat n).toUInt64 = UInt64.ofNat n := by
  apply UInt64.toNat_inj.mp
  rw [UInt32.toNat_toUInt64, UInt32.toNat_ofNat_of_lt' h,
    UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)]

theorem derive_challenges_spec (p : ScheduleParams) (st : Spec.Statement)
    (hdrs : List SegmentHeader) (s : Nat) (pf : ProofMsgs) (os : List OodSpec)
    (vk : protocol.vk.VerifyingKey) (χ β : Ext4) (proof : protocol.proof.Proof)
    (dims : protocol.stark.ProofDimensions) (hs : s < 2 ^ 32)
    (hauxc : proof.aux_commitment = pf.auxCap.map Digest.bytes)
    (hcs : proof.claimed_sums = pf.claimedSums.map toExt)
    (hqc : proof.quotient_commitment = pf.quotientCap.map Digest.bytes)
    (hany : dims.tables.any (·.has_aux) = true)
    (hop : proof.openings = os.map toOpenings)
    (htl : dims.tables.length < 2 ^ 64) (hosl : os.length < 2 ^ 64)
    (hcl : pf.auxCap.length < 2 ^ 27) (hql : pf.quotientCap.length < 2 ^ 27)
    (hsl : pf.claimedSums.length < 2 ^ 28)
    (hol : ∀ o ∈ os, o.mainLocal.length < 2 ^ 28 ∧ o.mainNext.length < 2 ^ 28 ∧
      o.auxLocal.length < 2 ^ 28 ∧ o.auxNext.length < 2 ^ 28 ∧ o.quotient.length < 2 ^ 28)
    (hood : pf.oodValues = oodLists os (dims.tables.map (·.has_aux)))
    (hfri : proof.fri_commitments = pf.friCaps.map (fun c => c.map Digest.bytes))
    (hfp : proof.final_poly = pf.finalPoly.map toExt) (hnonce : proof.pow_nonce = pf.powNonce)
    (hp1 : p.friChals = 1) (hpq : p.numQueries = vk.params.num_queries.toNat)
    (hpb : p.queryBits = dims.log_max_lde.toNat) (hpw : p.powBits = vk.params.pow_bits.toNat)
    (hpa : p.hasAux = true)
    (hqb : dims.log_max_lde.toNat ≤ 32) (hwb : vk.params.pow_bits.toNat < 64)
    (hfl : ∀ c ∈ pf.friCaps, c.length < 2 ^ 27) (hfrl : pf.friCaps.length < 2 ^ 64)
    (hfpl : pf.finalPoly.length < 2 ^ 28) :
    protocol.stark.derive_challenges (bytesOf H) vk (stateOf (run H (opsShared st hdrs)))
        (toExt χ) (toExt β) s.toUInt32 proof dims =
      .ok (if (challenges H p st hdrs s pf).powPasses then
        .ok (protocol.stark.Challenges.mk
          (air.LookupChallenges.mk (toExt χ) (toExt β)
            (toExt (Zkvm.Refinement.protocol.logup.segmentLocalPoint χ β s)))
          (toExt (challenges H p st hdrs s pf).alpha)
          (toExt (challenges H p st hdrs s pf).zeta)
          (toExt (challenges H p st hdrs s pf).gamma)
          ((challenges H p st hdrs s pf).fri.map (fun l => toExt (l.headD 0)))
          ((challenges H p st hdrs s pf).queries.map UInt64.ofNat))
      else .error .InvalidProofOfWork) := by
  have hf4 : ∀ (l : List Ext4), ∀ v ∈ l.map toExt, v.length = 4 := by
    intro l v hv; simp only [List.mem_map] at hv; obtain ⟨x, _, rfl⟩ := hv; rfl
  unfold protocol.stark.derive_challenges
  rw [fork_spec, ok_bind, has_any_aux_spec dims htl, ok_bind]
  simp only [hany, if_true, hauxc, hcs, hqc, absorb_cap_spec H _ pf.auxCap hcl,
    absorb_cap_spec H _ pf.quotientCap hql, ok_bind,
    absorb_ext_elements_spec H _ (pf.claimedSums.map toExt) (by simp; omega) (hf4 _), pure_ok,
    squeeze_ext_spec, encExt_map, forkOp_eq, step_run, List.append_assoc, List.cons_append,
    List.nil_append]
  generalize hPre : opsShared st hdrs ++ [forkOp s, Op.absorb (encCap pf.auxCap),
    Op.absorb (encExt pf.claimedSums), Op.squeeze, Op.absorb (encCap pf.quotientCap), Op.squeeze] = Pre
  have hno := Slice.len_toNat proof.openings (by rw [hop]; simpa using hosl)
  have hnt := Slice.len_toNat dims.tables htl
  rw [hop] at hno ⊢
  simp only [List.length_map] at hno
  let aux := dims.tables.map (·.has_aux)
  let oodOps : Nat → List Op := fun t =>
    ((os.zip aux).take t).flatMap (fun oa => (oodOf oa).map (fun l => Op.absorb (encExt l)))
  apply loop_bind_ok
    (P := fun x => x.2.toNat ≤ os.length ∧ x.2.toNat ≤ dims.tables.length ∧
      x.1 = stateOf (run H (Pre ++ oodOps x.2.toNat)))
    (Q := fun x => x.1 = stateOf (run H (Pre ++ oodOps (os.zip aux).length)))
  · intro ⟨tr, t⟩ ⟨h1, h2, htr⟩
    dsimp only at h1 h2 htr
    subst htr
    dsimp only
    by_cases hc : t.toNat < os.length ∧ t.toNat < dims.tables.length
    · have hcd : (decide (t < Slice.len (os.map toOpenings)) && decide (t < Slice.len dims.tables)) = true := by
        simp only [Bool.and_eq_true, decide_eq_true_eq, UInt64.lt_iff_toNat_lt, hno, hnt]; exact hc
      have e : (t + 1).toNat = t.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hot := hol _ (List.getElem_mem hc.1)
      have hzip : (os.zip aux).take (t.toNat + 1) = (os.zip aux).take t.toNat ++
          [(os[t.toNat]'hc.1, dims.tables[t.toNat].has_aux)] := by
        rw [List.take_add_one, List.getElem?_eq_getElem (by simp [aux]; omega)]
        simp [aux]
      left
      refine ⟨(stateOf (run H (Pre ++ oodOps (t.toNat + 1))), t + 1), ?_, ?_, ?_⟩
      · rw [if_pos hcd, Slice.index_eq _ _ (by simpa using hc.1), ok_bind,
          Slice.index_eq _ _ (by simpa using hc.2)]
        have a1 := fun st0 => absorb_ext_elements_spec H st0 ((os[t.toNat]'hc.1).mainLocal.map toExt)
          (by simp; omega) (hf4 _)
        have a2 := fun st0 => absorb_ext_elements_spec H st0 ((os[t.toNat]'hc.1).mainNext.map toExt)
          (by simp; omega) (hf4 _)
        have a3 := fun st0 => absorb_ext_elements_spec H st0 ((os[t.toNat]'hc.1).auxLocal.map toExt)
          (by simp; omega) (hf4 _)
        have a4 := fun st0 => absorb_ext_elements_spec H st0 ((os[t.toNat]'hc.1).auxNext.map toExt)
          (by simp; omega) (hf4 _)
        have a5 := fun st0 => absorb_ext_elements_spec H st0 ((os[t.toNat]'hc.1).quotient.map toExt)
          (by simp; omega) (hf4 _)
        simp only [List.getElem_map, toOpenings, ok_bind, a1, a2, encExt_map, step_run,
          Usize.add_eq t 1 (by simp; omega)]
        by_cases ha : dims.tables[t.toNat].has_aux = true
        · simp only [ha, if_true, ok_bind, a3, a4, a5, encExt_map, step_run]
          simp only [oodOps, hzip, List.flatMap_append, List.flatMap_cons, List.flatMap_nil,
            oodOf, ha, if_true, List.map_cons, List.map_nil, List.append_nil, List.append_assoc,
            List.cons_append, List.nil_append]
        · simp only [ha, Bool.false_eq_true, if_false, ok_bind, a5, encExt_map, step_run]
          simp only [oodOps, hzip, List.flatMap_append, List.flatMap_cons, List.flatMap_nil,
            oodOf, ha, Bool.false_eq_true, if_false, List.map_cons, List.map_nil, List.append_nil,
            List.append_assoc, List.cons_append, List.nil_append]
      · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]; omega, by rw [e]⟩
    · right
      have hcd : ¬ (decide (t < Slice.len (os.map toOpenings)) && decide (t < Slice.len dims.tables)) = true := by
        simp only [Bool.and_eq_true, decide_eq_true_eq, UInt64.lt_iff_toNat_lt, hno, hnt]; exact hc
      refine ⟨_, by rw [if_neg hcd], ?_⟩
      dsimp only
      have hlen : (os.zip aux).length = t.toNat := by simp [aux]; omega
      rw [hlen]
  · exact ⟨by simp, by simp, by simp [oodOps]⟩
  intro ⟨tr, t⟩ htr
  dsimp only at htr
  subst htr
  simp only [squeeze_ext_spec, ok_bind, step_run, List.append_assoc, List.cons_append, List.nil_append]
  generalize hG : Pre ++ (oodOps (os.zip aux).length ++ [Op.squeeze]) = G
  have hnf := Slice.len_toNat proof.fri_commitments (by rw [hfri]; simpa using hfrl)
  rw [hfri] at hnf ⊢
  simp only [List.length_map] at hnf
  apply loop_bind_ok
    (P := fun x => x.2.2.toNat ≤ pf.friCaps.length ∧
      x.1 = stateOf (run H (G ++ friOps 1 (pf.friCaps.take x.2.2.toNat))) ∧
      x.2.1 = (List.range x.2.2.toNat).map (fun r =>
        toExt (extOfBlock (run H (G ++ friOps 1 (pf.friCaps.take (r + 1)))))))
    (Q := fun x => x.1 = stateOf (run H (G ++ friOps 1 pf.friCaps)) ∧
      x.2.1 = (List.range pf.friCaps.length).map (fun r =>
        toExt (extOfBlock (run H (G ++ friOps 1 (pf.friCaps.take (r + 1)))))))
  · intro ⟨tr, fb, i⟩ ⟨hi, htr, hfb⟩
    dsimp only at hi htr hfb
    subst htr hfb
    dsimp only
    by_cases hlt : i < Slice.len (pf.friCaps.map (fun c => c.map Digest.bytes))
    · have hlt' : i.toNat < pf.friCaps.length := by rw [UInt64.lt_iff_toNat_lt, hnf] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hci := hfl _ (List.getElem_mem hlt')
      have htk : pf.friCaps.take (i.toNat + 1) = pf.friCaps.take i.toNat ++ [pf.friCaps[i.toNat]] := by
        rw [List.take_add_one, List.getElem?_eq_getElem hlt']; rfl
      left
      refine ⟨(stateOf (run H (G ++ friOps 1 (pf.friCaps.take (i.toNat + 1)))),
        (List.range (i.toNat + 1)).map (fun r =>
          toExt (extOfBlock (run H (G ++ friOps 1 (pf.friCaps.take (r + 1)))))), i + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq _ _ (by simpa using hlt'), ok_bind]
        simp only [List.getElem_map, absorb_cap_spec H _ _ hci, ok_bind, squeeze_ext_spec, step_run,
          Usize.add_eq i 1 (by simp; omega), Slice.push, List.range_succ, List.map_append,
          List.map_cons, List.map_nil, htk, friOps_snoc, squeezes, List.replicate, List.append_assoc,
          List.cons_append, List.nil_append]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e], by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt], ?_⟩
      have e : i.toNat = pf.friCaps.length := by
        have : ¬ i.toNat < (Slice.len (pf.friCaps.map (fun c => c.map Digest.bytes))).toNat :=
          fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      dsimp only
      rw [e, List.take_length]
      exact ⟨rfl, rfl⟩
  · exact ⟨by simp, by simp [friOps], by simp [Slice.withCapacity]⟩
  intro ⟨tr, fb, i⟩ ⟨htr, hfb⟩
  dsimp only at htr hfb
  subst htr hfb
  -- The spec's operation lists.
  have hoodOps : oodOps (os.zip aux).length = absorbAll (msgs3 pf) := by
    simp only [oodOps, List.take_length, msgs3, absorbAll, hood, oodLists, List.map_flatMap,
      List.map_map, Function.comp_def, aux]
  have hGa : G = opsGamma p st hdrs s pf ++ [Op.squeeze] := by
    rw [← hG, ← hPre, hoodOps]
    simp only [opsGamma, opsZeta, opsAlpha, msgs1, msgs2, hpa, if_true, absorbAll, squeezes,
      List.replicate, List.map_cons, List.map_nil, List.append_assoc, List.cons_append,
      List.nil_append, List.singleton_append]
  have hfp4 := fun st0 => absorb_ext_elements_spec H st0 (pf.finalPoly.map toExt)
    (by simp; omega) (hf4 _)
  have hpow := fun st0 => check_pow_spec_lt H st0 pf.powNonce vk.params.pow_bits hwb
  simp only [hfp, hfp4, encExt_map, step_run, ok_bind, hnonce, hpow, List.append_assoc,
    List.cons_append, List.nil_append]
  have hPw : G ++ (friOps 1 pf.friCaps ++ [Op.absorb (encExt pf.finalPoly)]) = opsPow p st hdrs s pf := by
    rw [hGa]; simp only [opsPow, hp1, squeezes, List.replicate, List.append_assoc, List.cons_append,
      List.nil_append, List.singleton_append]
  rw [hPw]
  have hpp : (challenges H p st hdrs s pf).powPasses = powOk H (run H (opsPow p st hdrs s pf))
      pf.powNonce vk.params.pow_bits.toNat := by
    simp only [challenges, hpw]
  rw [hpp]
  cases hpo : powOk H (run H (opsPow p st hdrs s pf)) pf.powNonce vk.params.pow_bits.toNat
  · simp only [Bool.not_false, if_true, if_false, Bool.false_eq_true]
  simp only [Bool.not_true, Bool.false_eq_true, if_false, if_true,
    Zkvm.Refinement.transcript.absorb_u64_spec, ok_bind, step_run]
  have hQs : opsPow p st hdrs s pf ++ [Op.absorb (U64.to_le_bytes pf.powNonce)] =
      opsQueries p st hdrs s pf := rfl
  rw [hQs]
  have hnq : (vk.params.num_queries.toUInt64).toNat = vk.params.num_queries.toNat := by simp
  have hbits : dims.log_max_lde.toNat < 64 := by omega
  apply loop_bind_ok
    (P := fun x => x.2.2.toNat ≤ vk.params.num_queries.toNat ∧
      x.2.1 = stateOf (run H (opsQueries p st hdrs s pf ++ squeezes x.2.2.toNat)) ∧
      x.1 = (List.range x.2.2.toNat).map (fun j => UInt64.ofNat
        (indexOfBlock (run H (opsQueries p st hdrs s pf ++ squeezes (j + 1))) dims.log_max_lde.toNat)))
    (Q := fun x => x.1 = (List.range vk.params.num_queries.toNat).map (fun j => UInt64.ofNat
        (indexOfBlock (run H (opsQueries p st hdrs s pf ++ squeezes (j + 1))) dims.log_max_lde.toNat)))
  · intro ⟨idx, tr, q⟩ ⟨hq, htr, hidx⟩
    dsimp only at hq htr hidx
    subst htr hidx
    dsimp only
    by_cases hlt : q < vk.params.num_queries.toUInt64
    · have hlt' : q.toNat < vk.params.num_queries.toNat := by
        rw [UInt64.lt_iff_toNat_lt, hnq] at hlt; exact hlt
      have hnq32 := UInt32.toNat_lt vk.params.num_queries
      have e : (q + 1).toNat = q.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hsq : ∀ n, squeezes (n + 1) = squeezes n ++ [Op.squeeze] := fun n => List.replicate_succ' ..
      left
      refine ⟨((List.range (q.toNat + 1)).map (fun j => UInt64.ofNat
        (indexOfBlock (run H (opsQueries p st hdrs s pf ++ squeezes (j + 1))) dims.log_max_lde.toNat)),
        stateOf (run H (opsQueries p st hdrs s pf ++ squeezes (q.toNat + 1))), q + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, squeeze_index_spec_lt H _ _ hbits, ok_bind]
        simp only [Usize.add_eq q 1 (by simp; omega), ok_bind, Slice.push, List.range_succ,
          List.map_append, List.map_cons, List.map_nil, step_run, hsq, List.append_assoc,
          toUInt64_ofNat32 _ (indexOfBlock_lt _ _ hqb)]
      · show 2 ^ 64 - (q + 1).toNat < 2 ^ 64 - q.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e], by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt], ?_⟩
      have e : q.toNat = vk.params.num_queries.toNat := by
        have : ¬ q.toNat < (vk.params.num_queries.toUInt64).toNat :=
          fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      dsimp only
      rw [e]
  · exact ⟨by simp, by simp [squeezes], by simp [Slice.withCapacity]⟩
  intro ⟨idx, tr, q⟩ hidx
  dsimp only at hidx
  subst hidx
  rw [Zkvm.Refinement.protocol.logup.segment_challenges_spec, ok_bind]
  have hs32 : s.toUInt32.toNat = s := by simp; omega
  refine congrArg (fun c => Outcome.ok (Except.ok c)) ?_
  simp only [protocol.stark.Challenges.mk.injEq, air.LookupChallenges.mk.injEq, hs32, true_and]
  refine ⟨?_, ?_, ?_, ?_, ?_⟩
  · simp only [challenges, blockAfter, opsAlpha, msgs1, hpa, if_true, absorbAll, squeezes,
      List.replicate, List.map_cons, List.map_nil, List.append_assoc, List.cons_append,
      List.nil_append]
  · rw [← hPre]
    simp only [challenges, blockAfter, opsZeta, opsAlpha, msgs1, msgs2, hpa, if_true, absorbAll,
      squeezes, List.replicate, List.map_cons, List.map_nil, List.append_assoc, List.cons_append,
      List.nil_append]
  · rw [hGa]
    simp only [challenges, blockAfter, squeezes, List.replicate]
  · simp only [challenges, List.map_map, Function.comp_def, hp1, List.range_one, List.map_cons,
      List.map_nil, List.headD_cons, blockAfter, Nat.zero_add]
    apply List.map_congr_left
    intro r hr
    have hr' : r < pf.friCaps.length := List.mem_range.mp hr
    have htk : pf.friCaps.take (r + 1) = pf.friCaps.take r ++ [pf.friCaps[r]] := by
      rw [List.take_add_one, List.getElem?_eq_getElem hr']; rfl
    rw [htk, friOps_snoc, hGa]
    simp only [opsFri, hp1, squeezes, List.replicate, List.getD_eq_getElem?_getD,
      List.getElem?_eq_getElem hr', Option.getD_some, List.append_assoc, List.cons_append,
      List.nil_append]
  · simp only [challenges, List.map_map, Function.comp_def, hpq, hpb, blockAfter]

end Zkvm.Refinement.protocol.stark
