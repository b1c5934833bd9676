module

public import Zkvm.Refinement.Protocol.Stark.Dimensions

/-!
# The proof's shape: `check_proof_shape`

`crate::protocol::stark::check_proof_shape` accepts exactly the proofs whose vectors have the
lengths the dimensions fix (`Spec.proofShapeOk`) and rejects the others with
`WrongProofShape`; it never panics. Its hypotheses are what every decoded proof is as a Rust
value (`ProofFits`: vectors shorter than `2^64`, extension elements `[u32; 4]`) and a bound on
the number of tables that `proof_dimensions` guarantees (at most `MAX_TABLES` = 64).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec

/-- `is_zero` of an extension element (4 coordinates, as a Rust `[u32; 4]`) is `extIsZero`. -/
theorem is_zero_eq (s : field.extension.Ext) (h : 4 ≤ s.length) :
    field.extension.is_zero s = .ok (extIsZero s) := by
  match s, h with
  | a :: b :: c :: d :: rest, _ =>
    unfold field.extension.is_zero extIsZero
    have i0 : Slice.index (a :: b :: c :: d :: rest) 0 = .ok a := rfl
    have i1 : Slice.index (a :: b :: c :: d :: rest) 1 = .ok b := rfl
    have i2 : Slice.index (a :: b :: c :: d :: rest) 2 = .ok c := rfl
    have i3 : Slice.index (a :: b :: c :: d :: rest) 3 = .ok d := rfl
    simp only [i0, i1, i2, i3, ok_bind, List.take_succ_cons, List.take_zero, List.cons.injEq,
      and_true]
    by_cases ha : a = 0 <;> by_cases hb : b = 0 <;> by_cases hc : c = 0 <;> by_cases hd : d = 0 <;>
      simp [ha, hb, hc, hd]

/-- What a decoded proof satisfies as a Rust value: its vectors are shorter than `2^64`, and
its claimed sums are extension elements (`[u32; 4]`). -/
structure ProofFits (proof : protocol.proof.Proof) : Prop where
  claimed_sums : proof.claimed_sums.length < 2 ^ 64
  sums_ext : ∀ s ∈ proof.claimed_sums, 4 ≤ s.length
  openings : proof.openings.length < 2 ^ 64
  openings_fit : ∀ o ∈ proof.openings, o.main_local.length < 2 ^ 64 ∧
    o.main_next.length < 2 ^ 64 ∧ o.aux_local.length < 2 ^ 64 ∧ o.aux_next.length < 2 ^ 64 ∧
    o.quotient.length < 2 ^ 64
  fri_commitments : proof.fri_commitments.length < 2 ^ 64
  fri_fit : ∀ c ∈ proof.fri_commitments, c.length < 2 ^ 64
  final_poly : proof.final_poly.length < 2 ^ 64
  queries : proof.queries.length < 2 ^ 64
  main_commitment : proof.main_commitment.length < 2 ^ 64
  aux_commitment : proof.aux_commitment.length < 2 ^ 64
  quotient_commitment : proof.quotient_commitment.length < 2 ^ 64

theorem slice_len_eq_ofNat_iff {α : Type} (l : List α) (n : Nat) (hl : l.length < 2 ^ 64)
    (hn : n < 2 ^ 64) : Slice.len l = UInt64.ofNat n ↔ l.length = n := by
  rw [slice_len_eq_iff _ _ hl, UInt64.toNat_ofNat_of_lt' hn]

theorem phaseCapLen_lt (dims : protocol.stark.ProofDimensions)
    (layout : protocol.stark.PhaseLayout) : phaseCapLen dims layout < 2 ^ 64 := by
  unfold phaseCapLen
  split
  · exact Nat.two_pow_pos _
  · exact capLen_lt _ _

theorem tablesOk_drop (os : List protocol.proof.TableOpenings) (ss : List field.extension.Ext)
    (ds : List protocol.stark.TableDims) (t : Nat) (ho : t < os.length) (hs : t < ss.length)
    (hd : t < ds.length) :
    tablesOk (os.drop t) (ss.drop t) (ds.drop t) =
      (tableOpeningsOk os[t] ds[t] && (ds[t].has_aux || extIsZero ss[t]) &&
        tablesOk (os.drop (t + 1)) (ss.drop (t + 1)) (ds.drop (t + 1))) := by
  rw [List.drop_eq_getElem_cons ho, List.drop_eq_getElem_cons hs, List.drop_eq_getElem_cons hd]
  rfl

theorem tablesOk_nil (os : List protocol.proof.TableOpenings) (ss : List field.extension.Ext) :
    tablesOk os ss [] = true := by
  cases os <;> cases ss <;> rfl

theorem friCapsOk_drop (L ls : Nat) (ks : List UInt32) (cs : List (List commit.hash.Digest))
    (r : Nat) (hk : r < ks.length) (hc : r < cs.length) :
    friCapsOk L ls (ks.drop r) (cs.drop r) =
      (decide (ks[r].toNat ≤ ls) && decide (cs[r].length = capLen L (ls - ks[r].toNat)) &&
        friCapsOk L (ls - ks[r].toNat) (ks.drop (r + 1)) (cs.drop (r + 1))) := by
  rw [List.drop_eq_getElem_cons hk, List.drop_eq_getElem_cons hc]
  rfl

theorem friCapsOk_nil (L ls : Nat) (ks : List UInt32) : friCapsOk L ls ks [] = true := by
  cases ks <;> rfl

/-- The FRI rounds' check at the end of `check_proof_shape`: the caps of the folded domains. -/
theorem fri_part (proof : protocol.proof.Proof) (dims : protocol.stark.ProofDimensions)
    (hp : ProofFits proof)
    (h3 : proof.fri_commitments.length = dims.fri_log_arities.length) :
    (loop (fun x : UInt32 × Usize => 18446744073709551616 - UInt64.toNat x.snd)
      (fun x =>
        if x.snd < Slice.len proof.fri_commitments then do
          let k ← Slice.index dims.fri_log_arities x.snd
          if k > x.fst then
            Outcome.ok (Step.done (Exit.ret (Except.error error.VerifyError.WrongProofShape)))
          else do
            let r ← U32.sub x.fst k
            let __do_lift ← Slice.index proof.fri_commitments x.snd
            let __do_lift_1 ← protocol.stark.cap_len dims.log_cap_height r.toUInt64
            if ¬ Slice.len __do_lift = __do_lift_1 then
              Outcome.ok (Step.done (Exit.ret (Except.error error.VerifyError.WrongProofShape)))
            else do
              let r_1 ← Usize.add x.snd 1
              Outcome.ok (Step.cont (r, r_1))
        else Outcome.ok (Step.done (Exit.brk (x.fst, x.snd))))
      (dims.log_max_lde, 0) >>= fun t7' =>
        match t7' with
        | Exit.ret t8' => Outcome.ok t8'
        | Exit.brk _ => Outcome.ok (Except.ok ())) =
    .ok (if friCapsOk dims.log_cap_height.toNat dims.log_max_lde.toNat dims.fri_log_arities
        proof.fri_commitments then .ok () else .error .WrongProofShape) := by
  have hfc := hp.fri_commitments
  apply loop_count_bind _ _ _ _ (fun s => s.2) (fun _ => rfl)
    (P := fun (s : UInt32 × Usize) => s.2.toNat ≤ proof.fri_commitments.length ∧
      friCapsOk dims.log_cap_height.toNat dims.log_max_lde.toNat dims.fri_log_arities
          proof.fri_commitments =
        friCapsOk dims.log_cap_height.toNat s.1.toNat (dims.fri_log_arities.drop s.2.toNat)
          (proof.fri_commitments.drop s.2.toNat))
    (Q := fun r => match r with
      | .ret v => v = .error .WrongProofShape ∧
          friCapsOk dims.log_cap_height.toNat dims.log_max_lde.toNat dims.fri_log_arities
            proof.fri_commitments = false
      | .brk _ => friCapsOk dims.log_cap_height.toNat dims.log_max_lde.toNat
          dims.fri_log_arities proof.fri_commitments = true)
  · intro ⟨ls, r⟩ ⟨hr1, hinv⟩
    dsimp only at hr1 hinv
    by_cases hc : r < Slice.len proof.fri_commitments
    · have hr := (lt_len_iff r _ hfc).mp hc
      have hra : r.toNat < dims.fri_log_arities.length := by omega
      obtain ⟨hsucc, e⟩ := succ_ok r _ hr hfc
      rw [friCapsOk_drop _ _ _ _ _ hra hr] at hinv
      by_cases hk : dims.fri_log_arities[r.toNat] > ls
      · have hk' : ¬ dims.fri_log_arities[r.toNat].toNat ≤ ls.toNat := by
          have := UInt32.lt_iff_toNat_lt.mp hk; omega
        right
        refine ⟨.ret (.error .WrongProofShape), ?_, rfl, ?_⟩
        · simp only [if_pos hc, Slice.index_eq _ _ hra, ok_bind, if_pos hk]
        · rw [hinv, decide_eq_false hk']; rfl
      · have hk' : dims.fri_log_arities[r.toNat].toNat ≤ ls.toNat := by
          have : ¬ ls.toNat < dims.fri_log_arities[r.toNat].toNat :=
            fun h => hk (UInt32.lt_iff_toNat_lt.mpr h)
          omega
        have hsub := U32.sub_eq ls _ hk'
        have hsubn : (ls - dims.fri_log_arities[r.toNat]).toNat =
            ls.toNat - dims.fri_log_arities[r.toNat].toNat := by
          rw [UInt32.toNat_sub_of_le _ _ (UInt32.le_iff_toNat_le.mpr hk')]
        have hcap := cap_len_spec dims.log_cap_height
          (UInt32.toUInt64 (ls - dims.fri_log_arities[r.toNat]))
        rw [UInt32.toNat_toUInt64, hsubn] at hcap
        have hcl := slice_len_eq_ofNat_iff proof.fri_commitments[r.toNat] _
          (hp.fri_fit _ (List.getElem_mem hr)) (capLen_lt dims.log_cap_height.toNat
            (ls.toNat - dims.fri_log_arities[r.toNat].toNat))
        by_cases he : proof.fri_commitments[r.toNat].length =
            capLen dims.log_cap_height.toNat (ls.toNat - dims.fri_log_arities[r.toNat].toNat)
        · left
          refine ⟨(ls - dims.fri_log_arities[r.toNat], r + 1), ?_, e, ?_⟩
          · simp only [if_pos hc, Slice.index_eq _ _ hra, ok_bind, if_neg hk, hsub,
              Slice.index_eq _ _ hr, hcap, hcl.mpr he, not_true_eq_false, if_false, hsucc]
          · dsimp only
            refine ⟨by omega, ?_⟩
            rw [e, hsubn, hinv, decide_eq_true hk', decide_eq_true he]; rfl
        · right
          refine ⟨.ret (.error .WrongProofShape), ?_, rfl, ?_⟩
          · have hn : ¬ Slice.len proof.fri_commitments[r.toNat] = UInt64.ofNat (capLen
                dims.log_cap_height.toNat (ls.toNat - dims.fri_log_arities[r.toNat].toNat)) :=
              fun h => he (hcl.mp h)
            simp only [if_pos hc, Slice.index_eq _ _ hra, ok_bind, if_neg hk, hsub,
              Slice.index_eq _ _ hr, hcap, hn, not_false_eq_true, if_true]
          · rw [hinv, decide_eq_true hk', decide_eq_false he]; rfl
    · right
      refine ⟨.brk (ls, r), by simp only [if_neg hc], ?_⟩
      show friCapsOk _ _ _ _ = true
      have : ¬ r.toNat < proof.fri_commitments.length := fun h => hc ((lt_len_iff r _ hfc).mpr h)
      rw [hinv, List.drop_eq_nil_of_le (as := proof.fri_commitments) (by omega), friCapsOk_nil]
  · exact ⟨by simp, by simp⟩
  · intro r hq
    cases r with
    | ret v =>
      obtain ⟨rfl, hq⟩ := hq
      rw [hq]; rfl
    | brk _ =>
      simp only at hq
      rw [hq]; rfl

/-- **`check_proof_shape` is `checkProofShape`**: it accepts exactly the proofs of the shape
the dimensions fix, and never panics. `ProofFits` holds of every decoded proof; the bound on
the tables holds for the dimensions `proof_dimensions` returns (at most `MAX_TABLES`). -/
theorem check_proof_shape_spec (proof : protocol.proof.Proof)
    (dims : protocol.stark.ProofDimensions) (params : protocol.params.StarkParams)
    (hp : ProofFits proof) (hl : dims.tables.length < 2 ^ 63)
    (hfa : dims.fri_log_arities.length < 2 ^ 64) :
    protocol.stark.check_proof_shape proof dims params =
      .ok (checkProofShape proof dims params) := by
  have hl64 : dims.tables.length < 2 ^ 64 := Nat.lt_trans hl (by decide)
  have hlay : ∀ p, (phaseLayout dims p).log_heights.length < 2 ^ 64 := fun p => by
    rw [(phaseLayout_lengths dims p).1]
    have := phaseMatrices_length_le dims p
    omega
  unfold protocol.stark.check_proof_shape checkProofShape proofShapeOk
  dsimp only
  by_cases hA : proof.claimed_sums.length = dims.tables.length ∧
      proof.openings.length = dims.tables.length ∧
      proof.fri_commitments.length = dims.fri_log_arities.length ∧
      proof.final_poly.length = dims.final_poly_len.toNat ∧
      proof.queries.length = params.num_queries.toNat
  · obtain ⟨h1, h2, h3, h4, h5⟩ := hA
    have c : (decide (Slice.len proof.claimed_sums ≠ Slice.len dims.tables) ||
        decide (Slice.len proof.openings ≠ Slice.len dims.tables) ||
        decide (Slice.len proof.fri_commitments ≠ Slice.len dims.fri_log_arities) ||
        decide (Slice.len proof.final_poly ≠ dims.final_poly_len) ||
        decide (Slice.len proof.queries ≠ params.num_queries.toUInt64)) = false := by
      simp only [ne_eq, slice_len_eq_iff _ _ hp.claimed_sums, slice_len_eq_iff _ _ hp.openings,
        slice_len_eq_iff _ _ hp.fri_commitments, slice_len_eq_iff _ _ hp.final_poly,
        slice_len_eq_iff _ _ hp.queries, Slice.len_toNat _ hl64, Slice.len_toNat _ hfa,
        UInt32.toNat_toUInt64, h1, h2, h3, h4, h5, not_true_eq_false, decide_false,
        Bool.or_false]
    rw [if_neg (by rw [c]; exact Bool.false_ne_true)]
    simp only [h1, h2, h3, h4, h5, decide_true, Bool.true_and]
    apply loop_count_bind _ _ _ _ (fun t => t) (fun _ => rfl)
      (P := fun (t : Usize) => t.toNat ≤ dims.tables.length ∧
        tablesOk proof.openings proof.claimed_sums dims.tables =
          tablesOk (proof.openings.drop t.toNat) (proof.claimed_sums.drop t.toNat)
            (dims.tables.drop t.toNat))
      (Q := fun r => match r with
        | .ret v => v = .error .WrongProofShape ∧
            tablesOk proof.openings proof.claimed_sums dims.tables = false
        | .brk _ => tablesOk proof.openings proof.claimed_sums dims.tables = true)
    · intro t ⟨ht1, hinv⟩
      by_cases hc : t < Slice.len dims.tables
      · have ht := (lt_len_iff t _ hl64).mp hc
        have hto : t.toNat < proof.openings.length := by omega
        have hts : t.toNat < proof.claimed_sums.length := by omega
        obtain ⟨hsucc, e⟩ := succ_ok t _ ht hl64
        obtain ⟨f1, f2, f3, f4, f5⟩ := hp.openings_fit _ (List.getElem_mem hto)
        have hz := is_zero_eq _ (hp.sums_ext _ (List.getElem_mem hts))
        rw [tablesOk_drop _ _ _ _ hto hts ht] at hinv
        by_cases hok : tableOpeningsOk proof.openings[t.toNat] dims.tables[t.toNat] = true
        · by_cases hax : dims.tables[t.toNat].has_aux = true
          · left
            refine ⟨t + 1, ?_, e, by omega, ?_⟩
            · simp only [if_pos hc, Slice.index_eq _ _ hto, Slice.index_eq _ _ ht, ok_bind,
                check_table_openings_spec _ _ f1 f2 f3 f4 f5, hok, hax, Bool.not_true,
                Bool.false_eq_true, if_false, pure_ok, hsucc]
            · rw [e, hinv, hok, hax]; rfl
          · have hax' : dims.tables[t.toNat].has_aux = false := by simpa using hax
            by_cases hez : extIsZero proof.claimed_sums[t.toNat] = true
            · left
              refine ⟨t + 1, ?_, e, by omega, ?_⟩
              · simp only [if_pos hc, Slice.index_eq _ _ hto, Slice.index_eq _ _ ht, ok_bind,
                  check_table_openings_spec _ _ f1 f2 f3 f4 f5, hok, hax', Bool.not_true,
                  Bool.not_false, Bool.false_eq_true, if_false, if_true, pure_ok, hsucc,
                  Slice.index_eq _ _ hts, hz, hez]
              · rw [e, hinv, hok, hax', hez]; rfl
            · have hez' : extIsZero proof.claimed_sums[t.toNat] = false := by simpa using hez
              right
              refine ⟨.ret (.error .WrongProofShape), ?_, rfl, ?_⟩
              · simp only [if_pos hc, Slice.index_eq _ _ hto, Slice.index_eq _ _ ht, ok_bind,
                  check_table_openings_spec _ _ f1 f2 f3 f4 f5, hok, hax', Bool.not_true,
                  Bool.not_false, Bool.false_eq_true, if_false, if_true, pure_ok,
                  Slice.index_eq _ _ hts, hz, hez']
              · rw [hinv, hok, hax', hez']; rfl
        · have hok' : tableOpeningsOk proof.openings[t.toNat] dims.tables[t.toNat] = false := by
            simpa using hok
          right
          refine ⟨.ret (.error .WrongProofShape), ?_, rfl, ?_⟩
          · simp only [if_pos hc, Slice.index_eq _ _ hto, Slice.index_eq _ _ ht, ok_bind,
              check_table_openings_spec _ _ f1 f2 f3 f4 f5, hok', Bool.not_false, if_true,
              pure_ok]
          · rw [hinv, hok']; rfl
      · right
        refine ⟨.brk t, by simp only [if_neg hc, pure_ok], ?_⟩
        show tablesOk proof.openings proof.claimed_sums dims.tables = true
        have : ¬ t.toNat < dims.tables.length := fun h => hc ((lt_len_iff t _ hl64).mpr h)
        rw [hinv, List.drop_eq_nil_of_le (as := dims.tables) (by omega), tablesOk_nil]
    · exact ⟨by simp, by simp⟩
    · intro r hq
      cases r with
      | ret v =>
        obtain ⟨rfl, hq⟩ := hq
        simp only [hq, Bool.false_and, pure_ok]
        rfl
      | brk _ =>
        simp only at hq
        simp only [hq, Bool.true_and]
        have m0 := slice_len_eq_ofNat_iff proof.main_commitment _ hp.main_commitment
          (phaseCapLen_lt dims (phaseLayout dims 0))
        have m1 := slice_len_eq_ofNat_iff proof.aux_commitment _ hp.aux_commitment
          (phaseCapLen_lt dims (phaseLayout dims 1))
        have m2 := slice_len_eq_ofNat_iff proof.quotient_commitment _ hp.quotient_commitment
          (phaseCapLen_lt dims (phaseLayout dims 2))
        simp only [phase_layout_spec dims 0 hl64, phase_layout_spec dims 1 hl64,
          phase_layout_spec dims 2 hl64, phase_cap_len_spec _ _ (hlay 0),
          phase_cap_len_spec _ _ (hlay 1), phase_cap_len_spec _ _ (hlay 2), ok_bind, pure_ok]
        by_cases e0 : proof.main_commitment.length = phaseCapLen dims (phaseLayout dims 0)
        · by_cases e1 : proof.aux_commitment.length = phaseCapLen dims (phaseLayout dims 1)
          · by_cases e2 : proof.quotient_commitment.length = phaseCapLen dims (phaseLayout dims 2)
            · simp only [m0.mpr e0, m1.mpr e1, m2.mpr e2, e0, e1, e2, ne_eq, not_true_eq_false,
                if_false, decide_true, decide_false, Bool.false_eq_true, Bool.true_and]
              exact fri_part proof dims hp h3
            · have n2 : ¬ Slice.len proof.quotient_commitment =
                  UInt64.ofNat (phaseCapLen dims (phaseLayout dims 2)) := fun h => e2 (m2.mp h)
              simp only [m0.mpr e0, m1.mpr e1, n2, e0, e1, e2, ne_eq, not_true_eq_false,
                not_false_eq_true, if_false, if_true, decide_true, decide_false,
                Bool.false_eq_true, Bool.true_and, Bool.false_and]
          · have n1 : ¬ Slice.len proof.aux_commitment =
                UInt64.ofNat (phaseCapLen dims (phaseLayout dims 1)) := fun h => e1 (m1.mp h)
            simp only [m0.mpr e0, n1, e0, e1, ne_eq, not_true_eq_false,
              not_false_eq_true, if_false, if_true, decide_true, decide_false,
              Bool.false_eq_true, Bool.true_and, Bool.false_and]
        · have n0 : ¬ Slice.len proof.main_commitment =
              UInt64.ofNat (phaseCapLen dims (phaseLayout dims 0)) := fun h => e0 (m0.mp h)
          simp only [n0, e0, ne_eq, not_false_eq_true, if_true, decide_false, Bool.false_and]
          rfl
  · have c : (decide (Slice.len proof.claimed_sums ≠ Slice.len dims.tables) ||
        decide (Slice.len proof.openings ≠ Slice.len dims.tables) ||
        decide (Slice.len proof.fri_commitments ≠ Slice.len dims.fri_log_arities) ||
        decide (Slice.len proof.final_poly ≠ dims.final_poly_len) ||
        decide (Slice.len proof.queries ≠ params.num_queries.toUInt64)) = true := by
      simp only [ne_eq, slice_len_eq_iff _ _ hp.claimed_sums, slice_len_eq_iff _ _ hp.openings,
        slice_len_eq_iff _ _ hp.fri_commitments, slice_len_eq_iff _ _ hp.final_poly,
        slice_len_eq_iff _ _ hp.queries, Slice.len_toNat _ hl64, Slice.len_toNat _ hfa,
        UInt32.toNat_toUInt64, Bool.or_eq_true, decide_eq_true_eq]
      omega
    rw [if_pos c, pure_ok]
    have : (decide (proof.claimed_sums.length = dims.tables.length) &&
        decide (proof.openings.length = dims.tables.length) &&
        decide (proof.fri_commitments.length = dims.fri_log_arities.length) &&
        decide (proof.final_poly.length = dims.final_poly_len.toNat) &&
        decide (proof.queries.length = params.num_queries.toNat)) = false := by
      simp only [Bool.and_eq_false_iff, decide_eq_false_iff_not]
      omega
    simp only [this, Bool.false_and]
    rfl

end Zkvm.Refinement.protocol.stark
