module

public import Zkvm.Refinement.Protocol.Stark.Dimensions
public import Zkvm.Refinement.Protocol.LogupConstraints

/-!
# One table's dimensions: `table_dimensions`

`crate::protocol::stark::table_dimensions` computes `Spec.tableDims` for validated parameters
and never panics, for a table shape whose counts are far below the machine word
(`ShapeFits`: the shapes of the verifying key's AIR have a few hundred columns at most). On
the way: `zk_shape`, `has_aux`, `constraint_degree`, `aux_ext_width`, `num_logup_constraints`
(`protocol::logup`) and `log_quotient_chunks` (`air`) compute the spec's `committedShape`,
`shapeHasAux`, `constraintDegree`, `shapeAuxExtWidth`, `numLogupConstraints` and
`logQuotientChunks`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec
open Zkvm.Refinement.protocol.params (toSpec validate_log_trace_len_spec)

/-- `zk_shape` is `committedShape` (no overflow for the counts below). -/
theorem zk_shape_eq (s : air.TableShape) (zk : Bool) (hw : s.width.toNat + 2 < 2 ^ 64)
    (hf : s.num_fractions.toNat + 1 < 2 ^ 64) :
    protocol.logup.zk_shape s zk = .ok (committedShape s zk) := by
  unfold protocol.logup.zk_shape committedShape
  cases zk
  · simp only [Bool.false_eq_true, if_false, pure_ok, ok_bind,
      Usize.add_eq s.width 0 (by simp; omega), Usize.add_eq s.num_fractions 0 (by simp; omega)]
  · simp only [if_true, pure_ok, ok_bind, protocol.params.ZK_COLUMNS,
      Usize.add_eq s.width 2 (by simp; omega), Usize.add_eq s.num_fractions 1 (by simp; omega)]

/-- `has_aux` is `shapeHasAux`. -/
theorem has_aux_eq (s : air.TableShape) : protocol.logup.has_aux s = .ok (shapeHasAux s) := by
  unfold protocol.logup.has_aux shapeHasAux
  simp only [gt_iff_lt, UInt64.lt_iff_toNat_lt, pure_ok]
  rfl

/-- `constraint_degree` is `constraintDegree`. -/
theorem constraint_degree_eq (s : air.TableShape) :
    protocol.logup.constraint_degree s = .ok (UInt32.ofNat (constraintDegree s)) := by
  unfold protocol.logup.constraint_degree constraintDegree
  rw [has_aux_eq, ok_bind]
  have e : decide (s.max_constraint_degree < 3) = decide (s.max_constraint_degree.toNat < 3) := by
    simp only [UInt32.lt_iff_toNat_lt]; rfl
  rw [e]
  split
  · rfl
  · rw [pure_ok, UInt32.ofNat_toNat]

theorem constraintDegree_lt (s : air.TableShape) : constraintDegree s < 2 ^ 32 := by
  unfold constraintDegree
  split
  · decide
  · exact UInt32.toNat_lt _

/-- `log_quotient_chunks` is `logQuotientChunks`; it never panics (the degree is a `u32`, so
at most 32 doublings). -/
theorem log_quotient_chunks_eq (d : UInt32) :
    air.log_quotient_chunks d = .ok (UInt32.ofNat (logQuotientChunks d.toNat)) := by
  unfold air.log_quotient_chunks
  have hd := UInt32.toNat_lt d
  by_cases h1 : 1 < d.toNat
  · have hT : d.toNat - 1 < 2 ^ 32 := by omega
    have hsub : U64.sub (UInt32.toUInt64 d) 1 = .ok (UInt32.toUInt64 d - 1) :=
      U64.sub_eq _ _ (by simp; omega)
    have hsubn : (UInt32.toUInt64 d - 1).toNat = d.toNat - 1 := by
      rw [UInt64.toNat_sub_of_le _ _ (UInt64.le_iff_toNat_le.mpr (by simp; omega))]; simp
    have hgt : d > 1 := UInt32.lt_iff_toNat_lt.mpr (by simpa using h1)
    dsimp only
    apply loop_bind_ok
      (P := fun (log : UInt32) => log.toNat ≤ 32 ∧
        logChunksFrom (d.toNat - 1) (32 - log.toNat) log.toNat = logQuotientChunks d.toNat)
      (Q := fun r => r = UInt32.ofNat (logQuotientChunks d.toNat))
    · intro log ⟨hl, hinv⟩
      have hshl : U64.shl 1 log.toNat = .ok ((1 : UInt64) <<< UInt64.ofNat log.toNat) :=
        U64.shl_eq 1 _ (by omega)
      have hshln : ((1 : UInt64) <<< UInt64.ofNat log.toNat).toNat = 2 ^ log.toNat :=
        commit.merkle_cap.one_shl_toNat _ (by omega)
      by_cases hc : 2 ^ log.toNat < d.toNat - 1
      · have hl32 : log.toNat < 32 := by
          rcases Nat.lt_or_ge log.toNat 32 with h | h
          · exact h
          · have : 2 ^ 32 ≤ 2 ^ log.toNat := Nat.pow_le_pow_right (by decide) h
            omega
        have hadd : U32.add log 1 = .ok (log + 1) := U32.add_eq _ _ (by simp; omega)
        have e : (log + 1).toNat = log.toNat + 1 := by
          simp only [UInt32.toNat_add]; simp; omega
        left
        refine ⟨log + 1, ?_, ?_, ?_, ?_⟩
        · simp only [hgt, if_true, hshl, hsub, ok_bind, pure_ok, hadd]
          rw [decide_eq_true (UInt64.lt_iff_toNat_lt.mpr (by rw [hshln, hsubn]; exact hc))]
          simp only [if_true]
        · rw [e]; omega
        · rw [e]; omega
        · rw [e, ← hinv]
          obtain ⟨f, hf⟩ : ∃ f, 32 - log.toNat = f + 1 := ⟨31 - log.toNat, by omega⟩
          rw [hf, logChunksFrom, if_pos hc]
          congr 1; omega
      · right
        refine ⟨log, ?_, ?_⟩
        · simp only [hgt, if_true, hshl, hsub, ok_bind, pure_ok]
          rw [decide_eq_false (fun h => hc (by
            have := UInt64.lt_iff_toNat_lt.mp h; rwa [hshln, hsubn] at this))]
          simp only [Bool.false_eq_true, if_false]
        · rw [← hinv]
          have : logChunksFrom (d.toNat - 1) (32 - log.toNat) log.toNat = log.toNat := by
            obtain ⟨f, hf⟩ | hf : (∃ f, 32 - log.toNat = f + 1) ∨ 32 - log.toNat = 0 := by
              rcases Nat.eq_zero_or_pos (32 - log.toNat) with h | h
              · exact Or.inr h
              · exact Or.inl ⟨32 - log.toNat - 1, by omega⟩
            · rw [hf, logChunksFrom, if_neg hc]
            · rw [hf, logChunksFrom]
          rw [this, UInt32.ofNat_toNat]
    · exact ⟨by simp, by simp [logQuotientChunks, h1]⟩
    · intro r hr; rw [hr, pure_ok]
  · have hng : ¬ d > 1 := fun h => h1 (by have := UInt32.lt_iff_toNat_lt.mp h; simpa using this)
    have : logQuotientChunks d.toNat = 0 := by simp [logQuotientChunks, h1]
    rw [this]
    dsimp only
    apply loop_bind_ok (P := fun (log : UInt32) => log = 0) (Q := fun r => r = 0)
    · intro log hl
      right
      refine ⟨log, ?_, hl⟩
      simp only [hng, if_false, pure_ok, ok_bind, Bool.false_eq_true]
    · rfl
    · intro r hr; rw [hr, pure_ok]; rfl

/-- `aux_ext_width` is `shapeAuxExtWidth`; it never panics (for the counts below). -/
theorem aux_ext_width_eq (s : air.TableShape)
    (h : s.num_fixed_tables.toNat + (s.num_fractions.toNat + 1) / 2 + 1 < 2 ^ 64) :
    protocol.logup.aux_ext_width s = .ok (UInt64.ofNat (shapeAuxExtWidth s)) := by
  unfold shapeAuxExtWidth
  by_cases ha : shapeHasAux s = true
  · have haux : 0 < s.num_fractions.toNat ∨ 0 < s.num_fixed_tables.toNat := by
      simpa [shapeHasAux] using ha
    obtain ⟨W, hW, hWn⟩ := logup.aux_ext_width_spec s haux h
    rw [hW, if_pos ha, ← hWn, UInt64.ofNat_toNat]
  · unfold protocol.logup.aux_ext_width
    rw [has_aux_eq, ok_bind, if_neg ha]
    have : shapeHasAux s = false := by simpa using ha
    simp only [this, Bool.not_false, if_true, pure_ok]
    rfl

/-- `num_logup_constraints` is `numLogupConstraints`; it never panics. -/
theorem num_logup_constraints_eq (s : air.TableShape) :
    protocol.logup.num_logup_constraints s = .ok (UInt64.ofNat (numLogupConstraints s)) := by
  unfold protocol.logup.num_logup_constraints numLogupConstraints
  rw [has_aux_eq, ok_bind]
  have hF := UInt64.toNat_lt s.num_fractions
  cases ha : shapeHasAux s
  · simp only [Bool.not_false, if_true, pure_ok, Bool.false_eq_true, if_false]
    rfl
  · obtain ⟨hp, hpn⟩ := logup.num_pair_columns_spec s.num_fractions
    simp only [Bool.not_true, Bool.false_eq_true, if_false, if_true, hp, ok_bind]
    rw [Usize.add_eq _ _ (by rw [hpn]; simp; omega)]
    congr 1
    apply UInt64.toNat_inj.mp
    rw [UInt64.toNat_add, hpn, UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)]
    simp; omega

/-- A table shape whose counts are far below the machine word: true of the shapes of the
verifying key's AIR (`table_shapes`, a few hundred columns and fractions at most; proved in
`Stark.ProofDims` as `table_shapes_fit`). -/
def ShapeFits (s : air.TableShape) : Prop :=
  s.width.toNat < 2 ^ 62 ∧ s.num_fractions.toNat < 2 ^ 62 ∧ s.num_fixed_tables.toNat < 2 ^ 62

/-- The zero-knowledge chunk check of `table_dimensions`: `zk && q + 1 > log_blowup`. -/
theorem zk_check_eq {β : Type} (zk : Bool) (q : Nat) (b : UInt32) (hq : q ≤ 32)
    (K : Bool → Outcome β) :
    (if zk = true then (U32.add (UInt32.ofNat q) 1 >>= fun l => pure (decide (l > b)) >>= K)
      else (pure false >>= K)) = K (zk && decide (b.toNat < q + 1)) := by
  have hqn : (UInt32.ofNat q).toNat = q := UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega)
  cases zk
  · simp only [Bool.false_eq_true, if_false, pure_ok, ok_bind, Bool.false_and]
  · have hadd : U32.add (UInt32.ofNat q) 1 = .ok (UInt32.ofNat q + 1) :=
      U32.add_eq _ _ (by rw [hqn]; simp; omega)
    have hadd' : (UInt32.ofNat q + 1).toNat = q + 1 := by
      simp only [UInt32.toNat_add, hqn]; simp; omega
    simp only [if_true, hadd, ok_bind, pure_ok, Bool.true_and, gt_iff_lt,
      UInt32.lt_iff_toNat_lt, hadd']

theorem ofNat_of_toNat (x : UInt64) (n : Nat) (h : x.toNat = n) : x = UInt64.ofNat n := by
  subst h; rw [UInt64.ofNat_toNat]

/-- **`table_dimensions` is `tableDims`**, for validated parameters (`proof_dimensions` checks
them first) and a shape of the verifying key's AIR (`ShapeFits`); it never panics. -/
theorem table_dimensions_spec (p : protocol.params.StarkParams) (shape : air.TableShape)
    (logH : UInt32) (offset : Usize) (hv : (toSpec p).Valid) (hs : ShapeFits shape) :
    protocol.stark.table_dimensions p shape logH offset = .ok (tableDims p shape logH offset) := by
  obtain ⟨hw, hf, hk⟩ := hs
  have hv' := hv
  simp only [Spec.Params.Valid, toSpec] at hv'
  have hcs := zk_shape_eq shape p.zk (by omega) (by omega)
  have hSw : (committedShape shape p.zk).width.toNat < 2 ^ 63 := by
    unfold committedShape; cases p.zk <;> simp <;> omega
  have hSf : (committedShape shape p.zk).num_fractions.toNat < 2 ^ 63 := by
    unfold committedShape; cases p.zk <;> simp <;> omega
  have hSk : (committedShape shape p.zk).num_fixed_tables.toNat < 2 ^ 62 := by
    unfold committedShape; cases p.zk <;> simp <;> omega
  unfold protocol.stark.table_dimensions tableDims
  rw [hcs, ok_bind]
  generalize committedShape shape p.zk = S at hSw hSf hSk ⊢
  dsimp only
  rw [constraint_degree_eq, ok_bind, log_quotient_chunks_eq, ok_bind,
    UInt32.toNat_ofNat_of_lt' (constraintDegree_lt S)]
  have hq32 := logQuotientChunks_le (constraintDegree S)
  generalize logQuotientChunks (constraintDegree S) = q at hq32 ⊢
  have hqn : (UInt32.ofNat q).toNat = q := UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega)
  rw [zk_check_eq p.zk q p.log_blowup hq32]
  have hb4 : p.log_blowup.toNat ≤ 4 := hv'.2.1
  have hAux := aux_ext_width_eq S (by omega)
  have hAuxLt : shapeAuxExtWidth S < 2 ^ 64 := by unfold shapeAuxExtWidth; split <;> omega
  have hAuxN : (UInt64.ofNat (shapeAuxExtWidth S)).toNat = shapeAuxExtWidth S :=
    UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  have hNlLt : numLogupConstraints S < 2 ^ 63 := by unfold numLogupConstraints; split <;> omega
  have hNlN : (UInt64.ofNat (numLogupConstraints S)).toNat = numLogupConstraints S :=
    UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  simp only [hqn, hAux, num_logup_constraints_eq S, has_aux_eq S,
    validate_log_trace_len_spec p hv logH, ok_bind, pure_ok]
  -- the degree against the blowup
  by_cases h1 : p.log_blowup.toNat < q
  · have c : UInt32.ofNat q > p.log_blowup := UInt32.lt_iff_toNat_lt.mpr (by rw [hqn]; exact h1)
    simp only [c, if_true, h1]
  have c1 : ¬ UInt32.ofNat q > p.log_blowup :=
    fun h => h1 (by have := UInt32.lt_iff_toNat_lt.mp h; rwa [hqn] at this)
  simp only [c1, if_false, h1]
  have hq4 : q ≤ 4 := by omega
  by_cases h2 : p.zk = true ∧ p.log_blowup.toNat < q + 1
  · have c : (p.zk && decide (p.log_blowup.toNat < q + 1)) = true := by simp [h2.1, h2.2]
    rw [if_pos c, if_pos h2]
  have c2 : (p.zk && decide (p.log_blowup.toNat < q + 1)) = false := by
    simp only [Bool.and_eq_false_iff, decide_eq_false_iff_not]
    cases hz : p.zk
    · exact Or.inl rfl
    · exact Or.inr (fun h => h2 ⟨hz, h⟩)
  rw [if_neg (by rw [c2]; exact Bool.false_ne_true), if_neg h2]
  -- the height against the parameters
  by_cases hT' : logTraceLenOk (toSpec p) logH.toNat = false
  · simp only [hT', Bool.false_eq_true, if_false, Bool.not_false, if_true]
  have hT : logTraceLenOk (toSpec p) logH.toNat = true := by simpa using hT'
  simp only [hT, if_true, Bool.not_true, Bool.false_eq_true, if_false]
  have h27 : logH.toNat + p.log_blowup.toNat ≤ 27 := by
    unfold logTraceLenOk at hT
    simp only [toSpec, Bool.and_eq_true, decide_eq_true_eq] at hT
    exact hT.2
  -- the height against the table's bounds
  have cm : (decide (logH < S.min_log_height) || decide (logH > S.max_log_height)) =
      decide (logH.toNat < S.min_log_height.toNat ∨ S.max_log_height.toNat < logH.toNat) := by
    simp only [gt_iff_lt, UInt32.lt_iff_toNat_lt, Bool.decide_or]
  rw [cm]
  by_cases hm : logH.toNat < S.min_log_height.toNat ∨ S.max_log_height.toNat < logH.toNat
  · simp only [hm, decide_true, if_true]
  simp only [hm, decide_false, Bool.false_eq_true, if_false]
  -- a table without columns
  by_cases hw0 : S.width.toNat = 0
  · have : S.width = 0 := UInt64.toNat_inj.mp (by rw [hw0]; rfl)
    rw [if_pos this, if_pos hw0]
  have cw : ¬ S.width = 0 := fun h => hw0 (by rw [h]; rfl)
  rw [if_neg cw, if_neg hw0]
  -- the auxiliary width
  have cmul : Usize.checked_mul (UInt64.ofNat (shapeAuxExtWidth S)) 4 =
      if shapeAuxExtWidth S * 4 < 2 ^ 64 then some (UInt64.ofNat (shapeAuxExtWidth S) * 4) else none := by
    unfold Usize.checked_mul; rw [hAuxN]; rfl
  rw [cmul]
  by_cases hm4' : 2 ^ 64 ≤ shapeAuxExtWidth S * 4
  · simp only [Nat.not_lt.mpr hm4', if_false, hm4', if_true]
  have hm4 : shapeAuxExtWidth S * 4 < 2 ^ 64 := Nat.not_le.mp hm4'
  simp only [hm4, if_true, hm4', if_false]
  -- the number of constraints
  have cadd : protocol.stark.checked_add S.num_constraints
      (UInt64.ofNat (numLogupConstraints S)) =
      .ok (if S.num_constraints.toNat + numLogupConstraints S < 2 ^ 64 then
        .ok (S.num_constraints + UInt64.ofNat (numLogupConstraints S))
        else .error .ArithmeticOverflow) := by
    unfold protocol.stark.checked_add Usize.checked_add
    rw [hNlN]
    by_cases h : S.num_constraints.toNat + numLogupConstraints S < 2 ^ 64 <;> simp [h]
  rw [cadd, ok_bind]
  by_cases hc' : 2 ^ 64 ≤ S.num_constraints.toNat + numLogupConstraints S
  · simp only [Nat.not_lt.mpr hc', if_false, hc', if_true]
  have hc : S.num_constraints.toNat + numLogupConstraints S < 2 ^ 64 := Nat.not_le.mp hc'
  simp only [hc, if_true, hc', if_false]
  -- the sizes
  have hshl : Usize.shl 1 q = .ok ((1 : UInt64) <<< UInt64.ofNat q) := Usize.shl_eq 1 q (by omega)
  have hshln : ((1 : UInt64) <<< UInt64.ofNat q).toNat = 2 ^ q :=
    commit.merkle_cap.one_shl_toNat q (by omega)
  have hpow : 2 ^ q ≤ 16 := by
    have := Nat.pow_le_pow_right (show 0 < 2 by decide) hq4; simpa using this
  have hlde : U32.add logH p.log_blowup = .ok (logH + p.log_blowup) := U32.add_eq _ _ (by omega)
  have elde : logH + p.log_blowup = UInt32.ofNat (logH.toNat + p.log_blowup.toNat) := by
    apply UInt32.toNat_inj.mp
    rw [UInt32.toNat_add, UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega)]
    simp; omega
  have eaux : UInt64.ofNat (shapeAuxExtWidth S) * 4 = UInt64.ofNat (shapeAuxExtWidth S * 4) :=
    ofNat_of_toNat _ _ (by rw [UInt64.toNat_mul, hAuxN]; simp; omega)
  have enc : S.num_constraints + UInt64.ofNat (numLogupConstraints S) =
      UInt64.ofNat (S.num_constraints.toNat + numLogupConstraints S) :=
    ofNat_of_toNat _ _ (by rw [UInt64.toNat_add, hNlN]; simp; omega)
  cases hz : p.zk
  · have ech : (1 : UInt64) <<< UInt64.ofNat q = UInt64.ofNat (2 ^ q + 0) :=
      ofNat_of_toNat _ _ (by rw [hshln, Nat.add_zero])
    have hmul : Usize.mul 4 (UInt64.ofNat (2 ^ q + 0)) = .ok (UInt64.ofNat (4 * (2 ^ q + 0))) := by
      have hn : (UInt64.ofNat (2 ^ q + 0)).toNat = 2 ^ q + 0 :=
        UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
      rw [Usize.mul_eq _ _ (by rw [hn]; simp; omega)]
      congr 1
      exact ofNat_of_toNat _ _ (by rw [UInt64.toNat_mul, hn]; simp; omega)
    simp only [Bool.false_eq_true, if_false, hshl, ok_bind, hlde, hmul, elde, eaux, enc,
      ech]
  · have hadd1 : Usize.add ((1 : UInt64) <<< UInt64.ofNat q) 1 =
        .ok (UInt64.ofNat (2 ^ q + 1)) := by
      rw [Usize.add_eq _ _ (by rw [hshln]; simp; omega)]
      congr 1
      exact ofNat_of_toNat _ _ (by rw [UInt64.toNat_add, hshln]; simp; omega)
    have hmul : Usize.mul 4 (UInt64.ofNat (2 ^ q + 1)) = .ok (UInt64.ofNat (4 * (2 ^ q + 1))) := by
      have hn : (UInt64.ofNat (2 ^ q + 1)).toNat = 2 ^ q + 1 :=
        UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
      rw [Usize.mul_eq _ _ (by rw [hn]; simp; omega)]
      congr 1
      exact ofNat_of_toNat _ _ (by rw [UInt64.toNat_mul, hn]; simp; omega)
    simp only [if_true, hshl, ok_bind, hadd1, hlde, hmul, elde, eaux, enc]

end Zkvm.Refinement.protocol.stark
