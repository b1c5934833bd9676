module

public import Zkvm.Refinement.Protocol.Stark.TableDims
public import Zkvm.Refinement.Protocol.FinalPolyLen
public import Zkvm.Refinement.Protocol.Stark.Shape

/-!
# The proof's dimensions: `proof_dimensions`

`crate::protocol::stark::proof_dimensions` computes `Spec.proofDims` and never panics, for
the verifying key's table shapes (`ShapeFits`) and claimed heights in slices
(`proof_dimensions_spec`); the machine's shapes fit (`table_shapes_fit`, evaluated by the
kernel), so as `verify` calls it, `proof_dimensions` never panics
(`proof_dimensions_of_table_shapes`). On the dimensions it returns, `check_proof_shape` is
`Spec.checkProofShape` for every decoded proof (`check_proof_shape_of_proofDims`: the bounds
`check_proof_shape_spec` assumes hold there).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec
open Zkvm.Commit (capHeight maxHeight)
open Zkvm.Refinement.protocol.params (toSpec validate_params_spec fri_log_arities_spec
  final_poly_len_spec aritiesFrom_length)

/-- The spec's table dimensions, with the ones computed so far in front. -/
def prependOk (ds : List protocol.stark.TableDims) :
    Except error.VerifyError (List protocol.stark.TableDims × Usize) →
      Except error.VerifyError (List protocol.stark.TableDims × Usize)
  | .error e => .error e
  | .ok (ds', o) => .ok (ds ++ ds', o)

theorem tablesDims_drop (p : protocol.params.StarkParams) (off : Usize)
    (ss : List air.TableShape) (hs : List UInt32) (t : Nat) (h1 : t < ss.length)
    (h2 : t < hs.length) :
    tablesDims p off (ss.drop t) (hs.drop t) =
      match tableDims p ss[t] hs[t] off with
      | .error e => .error e
      | .ok d =>
        if 2 ^ 64 ≤ off.toNat + gammaPowers d then .error .ArithmeticOverflow
        else
          match tablesDims p (UInt64.ofNat (off.toNat + gammaPowers d)) (ss.drop (t + 1))
              (hs.drop (t + 1)) with
          | .error e => .error e
          | .ok (ds, o) => .ok (d :: ds, o) := by
  rw [List.drop_eq_getElem_cons h1, List.drop_eq_getElem_cons h2]
  rfl

theorem tablesDims_drop_ok (p : protocol.params.StarkParams) (off : Usize)
    (ss : List air.TableShape) (hs : List UInt32) (t : Nat) (h1 : t < ss.length)
    (h2 : t < hs.length) (d : protocol.stark.TableDims) (hd : tableDims p ss[t] hs[t] off = .ok d) :
    tablesDims p off (ss.drop t) (hs.drop t) =
      if 2 ^ 64 ≤ off.toNat + gammaPowers d then .error .ArithmeticOverflow
      else
        match tablesDims p (UInt64.ofNat (off.toNat + gammaPowers d)) (ss.drop (t + 1))
            (hs.drop (t + 1)) with
        | .error e => .error e
        | .ok (ds, o) => .ok (d :: ds, o) := by
  rw [tablesDims_drop p off ss hs t h1 h2, hd]

theorem tablesDims_drop_error (p : protocol.params.StarkParams) (off : Usize)
    (ss : List air.TableShape) (hs : List UInt32) (t : Nat) (h1 : t < ss.length)
    (h2 : t < hs.length) (e : error.VerifyError) (hd : tableDims p ss[t] hs[t] off = .error e) :
    tablesDims p off (ss.drop t) (hs.drop t) = .error e := by
  rw [tablesDims_drop p off ss hs t h1 h2, hd]

theorem tablesDims_nil (p : protocol.params.StarkParams) (off : Usize)
    (ss : List air.TableShape) : tablesDims p off ss [] = .ok ([], off) := by
  cases ss <;> rfl

theorem checked_mul_eq (a b : Usize) :
    Usize.checked_mul a b = if a.toNat * b.toNat < 2 ^ 64 then some (a * b) else none := rfl

theorem stark_checked_add_eq (a b : Usize) :
    protocol.stark.checked_add a b =
      .ok (if a.toNat + b.toNat < 2 ^ 64 then .ok (a + b) else .error .ArithmeticOverflow) := by
  unfold protocol.stark.checked_add Usize.checked_add
  by_cases h : a.toNat + b.toNat < 2 ^ 64 <;> simp [h]

theorem usize_add_toNat (a b : Usize) (h : a.toNat + b.toNat < 2 ^ 64) :
    (a + b).toNat = a.toNat + b.toNat := by
  rw [UInt64.toNat_add]; exact Nat.mod_eq_of_lt h

theorem mul2_toNat (a : Usize) (h : a.toNat * 2 < 2 ^ 64) : (a * 2).toNat = a.toNat * 2 := by
  rw [UInt64.toNat_mul]; exact Nat.mod_eq_of_lt h

/-- The cap check of `proof_dimensions`: it rejects when some table's LDE height is below the
cap height `c`. -/
theorem cap_loop {β : Type} (tables : List protocol.stark.TableDims) (c : UInt32)
    (hl : tables.length < 2 ^ 64) (μ : Usize → Nat) (hμ : ∀ u, μ u = 2 ^ 64 - u.toNat)
    (body : Usize → Outcome (Step Usize
      (Exit Usize (Except error.VerifyError protocol.stark.ProofDimensions))))
    (hstep : ∀ u : Usize, (hu : u.toNat < tables.length) →
      body u = if tables[u.toNat].log_lde < c then
        .ok (.done (.ret (.error .InvalidTraceLength))) else .ok (.cont (u + 1)))
    (hstop : ∀ u : Usize, tables.length ≤ u.toNat → body u = .ok (.done (.brk u)))
    (k : Exit Usize (Except error.VerifyError protocol.stark.ProofDimensions) → Outcome β)
    (b : β)
    (h1 : tables.any (fun d => decide (d.log_lde < c)) = true →
      k (.ret (.error .InvalidTraceLength)) = .ok b)
    (h2 : tables.any (fun d => decide (d.log_lde < c)) = false → ∀ u, k (.brk u) = .ok b) :
    (loop μ body 0 >>= k) = .ok b := by
  apply loop_count_bind _ _ _ _ (fun u => u) hμ
    (P := fun (u : Usize) => u.toNat ≤ tables.length ∧
      tables.any (fun d => decide (d.log_lde < c)) =
        (tables.drop u.toNat).any (fun d => decide (d.log_lde < c)))
    (Q := fun r => match r with
      | .ret v => v = .error .InvalidTraceLength ∧
          tables.any (fun d => decide (d.log_lde < c)) = true
      | .brk _ => tables.any (fun d => decide (d.log_lde < c)) = false)
  · intro u ⟨hu1, hinv⟩
    by_cases hu : u.toNat < tables.length
    · rw [List.drop_eq_getElem_cons hu, List.any_cons] at hinv
      obtain ⟨hsucc, e⟩ := succ_ok u _ hu hl
      by_cases hlt : tables[u.toNat].log_lde < c
      · right
        refine ⟨.ret (.error .InvalidTraceLength), by rw [hstep u hu, if_pos hlt], rfl, ?_⟩
        rw [hinv]; simp [hlt]
      · left
        refine ⟨u + 1, by rw [hstep u hu, if_neg hlt], e, by omega, ?_⟩
        rw [e, hinv]; simp [hlt]
    · right
      refine ⟨.brk u, hstop u (by omega), ?_⟩
      show _ = false
      rw [hinv, List.drop_eq_nil_of_le (by omega)]; rfl
  · exact ⟨by simp, by simp⟩
  · intro r hq
    cases r with
    | ret v => obtain ⟨rfl, h⟩ := hq; exact h1 h
    | brk u => exact h2 hq u

/-- **`proof_dimensions` is `proofDims`**; it never panics, for shapes of the verifying key's
AIR (`ShapeFits`: `table_shapes` of a fixed machine) and claimed heights in slices. -/
theorem proof_dimensions_spec (p : protocol.params.StarkParams) (shapes : List air.TableShape)
    (logHs : List UInt32) (hsl : shapes.length < 2 ^ 64) (hhl : logHs.length < 2 ^ 64)
    (hfit : ∀ s ∈ shapes, ShapeFits s) :
    protocol.stark.proof_dimensions p shapes logHs = .ok (proofDims p shapes logHs) := by
  unfold protocol.stark.proof_dimensions proofDims
  rw [validate_params_spec]
  by_cases hv : ¬ (toSpec p).Valid
  · simp only [hv, if_false, ok_bind, not_false_eq_true, if_true, pure_ok]
  have hv' : (toSpec p).Valid := Classical.byContradiction hv
  simp only [hv', if_true, ok_bind, not_true_eq_false, if_false]
  have hsn := Slice.len_toNat shapes hsl
  have hhn := Slice.len_toNat logHs hhl
  have hlenEq : (Slice.len shapes = Slice.len logHs) ↔ shapes.length = logHs.length := by
    rw [slice_len_eq_iff _ _ hsl, hhn]
  have ce : (Slice.is_empty shapes || decide (Slice.len shapes ≠ Slice.len logHs) ||
      decide (Slice.len shapes > protocol.proof.MAX_TABLES)) =
      decide (shapes = [] ∨ shapes.length ≠ logHs.length ∨ 64 < shapes.length) := by
    have e1 : Slice.is_empty shapes = decide (shapes = []) := by
      cases shapes <;> simp [Slice.is_empty]
    have e2 : decide (Slice.len shapes ≠ Slice.len logHs) =
        decide (shapes.length ≠ logHs.length) := by simp only [ne_eq, hlenEq]
    have e3 : decide (Slice.len shapes > protocol.proof.MAX_TABLES) =
        decide (64 < shapes.length) := by
      simp only [gt_iff_lt, UInt64.lt_iff_toNat_lt, hsn]; rfl
    rw [e1, e2, e3]
    simp only [Bool.decide_or, Bool.or_assoc]
  rw [ce]
  by_cases hshape : shapes = [] ∨ shapes.length ≠ logHs.length ∨ 64 < shapes.length
  · simp only [hshape, decide_true, if_true, pure_ok]
  simp only [hshape, decide_false, Bool.false_eq_true, if_false]
  have hlen : shapes.length = logHs.length := by omega
  have h64 : shapes.length ≤ 64 := by omega
  apply loop_count_bind _ _ _ _ (fun s => s.2.2.2) (fun _ => rfl)
    (P := fun (s : Usize × List UInt32 × List protocol.stark.TableDims × Usize) =>
      s.2.2.2.toNat ≤ shapes.length ∧ s.2.2.1.length = s.2.2.2.toNat ∧
      s.2.1 = s.2.2.1.map (·.log_lde) ∧
      tablesDims p 0 shapes logHs =
        prependOk s.2.2.1 (tablesDims p s.1 (shapes.drop s.2.2.2.toNat) (logHs.drop s.2.2.2.toNat)))
    (Q := fun r => match r with
      | .ret v => ∃ e, v = .error e ∧ tablesDims p 0 shapes logHs = .error e
      | .brk s => tablesDims p 0 shapes logHs = .ok (s.2.2.1, s.1) ∧
          s.2.1 = s.2.2.1.map (·.log_lde) ∧ s.2.2.1.length = shapes.length)
  · intro ⟨off, lde, tables, t⟩ ⟨ht1, htl, hlde, hinv⟩
    dsimp only at ht1 htl hlde hinv ⊢
    by_cases hc : t < Slice.len shapes
    · have ht := (lt_len_iff t _ hsl).mp hc
      have hth : t.toNat < logHs.length := by omega
      obtain ⟨hsucc, e⟩ := succ_ok t _ ht hsl
      have hfs := hfit _ (List.getElem_mem ht)
      simp only [if_pos hc, Slice.index_eq _ _ ht, Slice.index_eq _ _ hth, ok_bind,
        table_dimensions_spec p _ _ _ hv' hfs]
      cases hd : tableDims p shapes[t.toNat] logHs[t.toNat] off with
      | error err =>
        right
        refine ⟨.ret (.error err), by simp only [pure_ok], err, rfl, ?_⟩
        rw [hinv, tablesDims_drop_error p off shapes logHs t.toNat ht hth err hd]; rfl
      | ok d =>
        rw [tablesDims_drop_ok p off shapes logHs t.toNat ht hth d hd] at hinv
        have two : (2 : UInt64).toNat = 2 := rfl
        simp only [pure_ok, ok_bind, checked_mul_eq, stark_checked_add_eq, two]
        have hg : gammaPowers d = 2 * d.width.toNat + 2 * d.aux_width.toNat +
            d.quotient_width.toNat := rfl
        have hover : 2 ^ 64 ≤ off.toNat + gammaPowers d →
            ∃ r, (Outcome.ok (Step.done (Exit.ret (Except.error error.VerifyError.ArithmeticOverflow))) :
              Outcome (Step (Usize × List UInt32 × List protocol.stark.TableDims × Usize)
                (Exit (Usize × List UInt32 × List protocol.stark.TableDims × Usize)
                  (Except error.VerifyError protocol.stark.ProofDimensions)))) =
                .ok (.done r) ∧ (match r with
                  | .ret v => ∃ e, v = .error e ∧ tablesDims p 0 shapes logHs = .error e
                  | .brk s => tablesDims p 0 shapes logHs = .ok (s.2.2.1, s.1) ∧
                      s.2.1 = s.2.2.1.map (·.log_lde) ∧ s.2.2.1.length = shapes.length) := by
          intro hov
          refine ⟨.ret (.error .ArithmeticOverflow), rfl, .ArithmeticOverflow, rfl, ?_⟩
          rw [hinv, if_pos hov]; rfl
        by_cases m1' : 2 ^ 64 ≤ d.width.toNat * 2
        · right; obtain ⟨r, h1, h2⟩ := hover (by omega)
          refine ⟨r, ?_, h2⟩
          simp only [Nat.not_lt.mpr m1', if_false]
          exact h1
        have m1 : d.width.toNat * 2 < 2 ^ 64 := Nat.not_le.mp m1'
        have e1 := mul2_toNat _ m1
        by_cases m2' : 2 ^ 64 ≤ d.aux_width.toNat * 2
        · right; obtain ⟨r, h1, h2⟩ := hover (by omega)
          refine ⟨r, ?_, h2⟩
          simp only [m1, Nat.not_lt.mpr m2', if_true, if_false]
          exact h1
        have m2 : d.aux_width.toNat * 2 < 2 ^ 64 := Nat.not_le.mp m2'
        have e2 := mul2_toNat _ m2
        by_cases a1' : 2 ^ 64 ≤ off.toNat + d.width.toNat * 2
        · right; obtain ⟨r, h1, h2⟩ := hover (by omega)
          refine ⟨r, ?_, h2⟩
          simp only [m1, m2, if_true, e1, Nat.not_lt.mpr a1', if_false]
          exact h1
        have a1 : off.toNat + d.width.toNat * 2 < 2 ^ 64 := Nat.not_le.mp a1'
        have e3 := usize_add_toNat off (d.width * 2) (by rw [e1]; exact a1)
        rw [e1] at e3
        by_cases a2' : 2 ^ 64 ≤ off.toNat + d.width.toNat * 2 + d.aux_width.toNat * 2
        · right; obtain ⟨r, h1, h2⟩ := hover (by omega)
          refine ⟨r, ?_, h2⟩
          simp only [m1, m2, if_true, e1, e2, e3, a1, Nat.not_lt.mpr a2', if_false]
          exact h1
        have a2 : off.toNat + d.width.toNat * 2 + d.aux_width.toNat * 2 < 2 ^ 64 :=
          Nat.not_le.mp a2'
        have e4 := usize_add_toNat (off + d.width * 2) (d.aux_width * 2) (by rw [e3, e2]; exact a2)
        rw [e3, e2] at e4
        by_cases a3' : 2 ^ 64 ≤ off.toNat + d.width.toNat * 2 + d.aux_width.toNat * 2 +
            d.quotient_width.toNat
        · right; obtain ⟨r, h1, h2⟩ := hover (by omega)
          refine ⟨r, ?_, h2⟩
          simp only [m1, m2, if_true, e1, e2, e3, e4, a1, a2, Nat.not_lt.mpr a3', if_false]
          exact h1
        have a3 : off.toNat + d.width.toNat * 2 + d.aux_width.toNat * 2 +
            d.quotient_width.toNat < 2 ^ 64 := Nat.not_le.mp a3'
        have hov : ¬ 2 ^ 64 ≤ off.toNat + gammaPowers d := by omega
        have eoff : off + d.width * 2 + d.aux_width * 2 + d.quotient_width =
            UInt64.ofNat (off.toNat + gammaPowers d) :=
          ofNat_of_toNat _ _ (by rw [usize_add_toNat _ _ (by rw [e4]; exact a3), e4, hg]; omega)
        rw [if_neg hov] at hinv
        left
        refine ⟨(UInt64.ofNat (off.toNat + gammaPowers d), lde ++ [d.log_lde], tables ++ [d],
          t + 1), ?_, e, ?_⟩
        · simp only [m1, m2, if_true, e1, e2, e3, e4, a1, a2, a3, eoff, hsucc, Slice.push, ok_bind]
        · dsimp only
          refine ⟨by omega, by simp [htl, e], by simp [hlde], ?_⟩
          simp only [e]
          rw [hinv]
          cases tablesDims p (UInt64.ofNat (off.toNat + gammaPowers d)) (shapes.drop (t.toNat + 1))
            (logHs.drop (t.toNat + 1)) with
          | error err => rfl
          | ok r => simp [prependOk]
    · right
      refine ⟨.brk (off, lde, tables, t), by simp only [if_neg hc, pure_ok], ?_⟩
      have : ¬ t.toNat < shapes.length := fun h => hc ((lt_len_iff t _ hsl).mpr h)
      refine ⟨?_, hlde, show tables.length = shapes.length by omega⟩
      rw [hinv, List.drop_eq_nil_of_le (as := logHs) (by omega), tablesDims_nil]
      simp [prependOk]
  · dsimp only
    refine ⟨by simp, by simp [Slice.withCapacity], by simp [Slice.withCapacity], ?_⟩
    simp only [Slice.withCapacity, UInt64.toNat_zero, List.drop_zero]
    cases tablesDims p 0 shapes logHs <;> rfl
  · intro r hq
    cases r with
    | ret v =>
      obtain ⟨err, rfl, he⟩ := hq
      rw [he]
      rfl
    | brk st =>
      obtain ⟨off, lde, tables, t⟩ := st
      obtain ⟨hres, hlde, htl⟩ := hq
      dsimp only at hres hlde htl
      rw [hres]
      subst hlde
      have h64' : tables.length ≤ 64 := by omega
      have hL : (tables.map (·.log_lde)).length < 2 ^ 64 := by simp; omega
      have hTl : tables.length < 2 ^ 64 := by omega
      obtain ⟨m, hm, hmv⟩ := commit.mmcs.max_log_height_spec _ hL
      obtain ⟨l, hl, hlv⟩ := fri_log_arities_spec p hv' _ hL
      obtain ⟨v, hvv, hvn⟩ := final_poly_len_spec p hv' _ hL
      obtain ⟨ch, hch, hchv⟩ := commit.merkle_cap.cap_height_spec (UInt32.toUInt64 m)
        (UInt32.toUInt64 p.log_cap_height)
      simp only [UInt32.toNat_toUInt64] at hchv
      rw [hmv] at hchv
      have hchle := Zkvm.Commit.capHeight_le (maxHeight (List.map UInt32.toNat
        (List.map (fun x => x.log_lde) tables))) p.log_cap_height.toNat
      have hmlt : maxHeight (List.map UInt32.toNat (List.map (fun x => x.log_lde) tables)) < 2 ^ 32 := by
        rw [← hmv]; exact UInt32.toNat_lt m
      have hchn : (UInt64.toUInt32 ch).toNat = capHeight (maxHeight (List.map UInt32.toNat
          (List.map (fun x => x.log_lde) tables))) p.log_cap_height.toNat := by
        rw [UInt64.toNat_toUInt32, hchv]; omega
      have hany : tables.any (fun d => decide (d.log_lde < UInt64.toUInt32 ch)) =
          tables.any (fun d => decide (d.log_lde.toNat < capHeight (maxHeight (List.map UInt32.toNat
            (List.map (fun x => x.log_lde) tables))) p.log_cap_height.toNat)) := by
        congr 1; funext d; simp only [UInt32.lt_iff_toNat_lt, hchn]
      have hm' : m = UInt32.ofNat (maxHeight (List.map UInt32.toNat
          (List.map (fun x => x.log_lde) tables))) := by rw [← hmv, UInt32.ofNat_toNat]
      have hl' : l = (friArities (toSpec p) (List.map UInt32.toNat
          (List.map (fun x => x.log_lde) tables))).map UInt32.ofNat := by
        rw [← hlv, List.map_map]; simp [Function.comp_def, UInt32.ofNat_toNat]
      have hv'' : v = UInt64.ofNat (finalPolyLen (toSpec p) (List.map UInt32.toNat
          (List.map (fun x => x.log_lde) tables))) := by rw [← hvn, UInt64.ofNat_toNat]
      have hstep : ∀ u : Usize, (hu : u.toNat < tables.length) →
          (if u < Slice.len tables then do
            let x ← Slice.index tables u
            if x.log_lde < UInt64.toUInt32 ch then
              pure (Step.done (Exit.ret (Except.error error.VerifyError.InvalidTraceLength)))
            else do
              let r ← Usize.add u 1
              pure (Step.cont r)
          else pure (Step.done (Exit.brk u)) : Outcome (Step Usize
            (Exit Usize (Except error.VerifyError protocol.stark.ProofDimensions)))) =
          if tables[u.toNat].log_lde < UInt64.toUInt32 ch then
            .ok (.done (.ret (.error .InvalidTraceLength))) else .ok (.cont (u + 1)) := by
        intro u hu
        rw [if_pos ((lt_len_iff u _ hTl).mpr hu), Slice.index_eq _ _ hu, ok_bind]
        split
        · rfl
        · rw [(succ_ok u _ hu hTl).1, ok_bind]; rfl
      have hstop : ∀ u : Usize, tables.length ≤ u.toNat →
          (if u < Slice.len tables then do
            let x ← Slice.index tables u
            if x.log_lde < UInt64.toUInt32 ch then
              pure (Step.done (Exit.ret (Except.error error.VerifyError.InvalidTraceLength)))
            else do
              let r ← Usize.add u 1
              pure (Step.cont r)
          else pure (Step.done (Exit.brk u)) : Outcome (Step Usize
            (Exit Usize (Except error.VerifyError protocol.stark.ProofDimensions)))) =
          .ok (.done (.brk u)) := by
        intro u hu
        rw [if_neg (fun h => by have := (lt_len_iff u _ hTl).mp h; omega)]; rfl
      have hoff := UInt64.toNat_lt off
      cases hz : p.zk
      · simp only [Bool.false_eq_true, if_false, Nat.add_zero, Nat.not_le.mpr hoff]
        rw [pure_ok, ok_bind, hm, ok_bind, hch, ok_bind]
        apply cap_loop tables _ hTl _ (fun _ => rfl) _ hstep hstop
        · intro h
          rw [← hany, h]; rfl
        · intro h u
          rw [← hany, h]
          simp only [Bool.false_eq_true, if_false, hl, hvv, ok_bind, pure_ok, hm', hl', hv'',
            UInt64.ofNat_toNat]
      · have hDl := distinctHeights_length_le (List.map (fun x => x.log_lde) tables)
        have hD := Slice.len_toNat (distinctHeights (List.map (fun x => x.log_lde) tables))
          (by omega)
        simp only [if_true, distinct_heights_spec _ hL, ok_bind, stark_checked_add_eq, hD]
        by_cases hov : 2 ^ 64 ≤ off.toNat + (distinctHeights (List.map (fun x => x.log_lde) tables)).length
        · simp only [Nat.not_lt.mpr hov, if_false, hov, if_true, pure_ok]
        have hov' := Nat.not_le.mp hov
        have enum : off + Slice.len (distinctHeights (List.map (fun x => x.log_lde) tables)) =
            UInt64.ofNat (off.toNat + (distinctHeights (List.map (fun x => x.log_lde) tables)).length) :=
          ofNat_of_toNat _ _ (by rw [usize_add_toNat _ _ (by rw [hD]; exact hov'), hD])
        simp only [hov', if_true, hov, if_false, pure_ok, ok_bind, enum]
        rw [hm, ok_bind, hch, ok_bind]
        apply cap_loop tables _ hTl _ (fun _ => rfl) _ hstep hstop
        · intro h
          rw [← hany, h]; rfl
        · intro h u
          rw [← hany, h]
          simp only [Bool.false_eq_true, if_false, hl, hvv, ok_bind, hm', hl', hv'']

theorem foldl_tallest_le (B : Nat) : ∀ (hs : List Nat) (top : Nat), top ≤ B → (∀ x ∈ hs, x ≤ B) →
    hs.foldl (fun top h => if h > top then h else top) top ≤ B
  | [], _, ht, _ => ht
  | y :: hs, top, ht, hh => by
    rw [List.foldl_cons]
    apply foldl_tallest_le B hs _ _ (fun x hx => hh x (List.mem_cons_of_mem _ hx))
    have := hh y List.mem_cons_self
    split <;> omega

/-- **The proof-shape check on the dimensions `proof_dimensions` returns** (as in `verify`):
`check_proof_shape` is `checkProofShape` for every decoded proof (`ProofFits`); the bounds on
the tables and the FRI rounds that `check_proof_shape_spec` assumes hold of those dimensions. -/
theorem check_proof_shape_of_proofDims (proof : protocol.proof.Proof)
    (p : protocol.params.StarkParams) (shapes : List air.TableShape) (logHs : List UInt32)
    (dims : protocol.stark.ProofDimensions) (h : proofDims p shapes logHs = .ok dims)
    (hp : ProofFits proof) :
    protocol.stark.check_proof_shape proof dims p = .ok (checkProofShape proof dims p) := by
  obtain ⟨h27, hle, h64⟩ := proofDims_log_lde p shapes logHs dims h
  obtain ⟨off, htd, -, -, hfri⟩ := proofDims_ok p shapes logHs dims h
  obtain ⟨-, hsmall⟩ := tablesDims_ok p 0 shapes logHs dims.tables off htd
  apply check_proof_shape_spec proof dims p hp (by omega)
  rw [hfri, List.length_map]
  have ht : tallest (List.map UInt32.toNat (List.map (fun x => x.log_lde) dims.tables)) ≤ 27 :=
    foldl_tallest_le 27 _ 0 (by omega) (fun x hx => by
      simp only [List.map_map, List.mem_map, Function.comp_apply] at hx
      obtain ⟨d, hd, rfl⟩ := hx
      exact hsmall d hd)
  have := aritiesFrom_length (toSpec p).logFriArity
    ((toSpec p).logFinalPolyLen + (toSpec p).logBlowup)
    (List.map UInt32.toNat (List.map (fun x => x.log_lde) dims.tables))
    (tallest (List.map UInt32.toNat (List.map (fun x => x.log_lde) dims.tables)))
    (tallest (List.map UInt32.toNat (List.map (fun x => x.log_lde) dims.tables)))
  unfold friArities
  omega

/-- Whether a list of table shapes is the machine's 12 and fits (`ShapeFits`), as a test the
kernel evaluates. -/
def shapesFit (r : Outcome (List air.TableShape)) : Bool :=
  match r with
  | .ok l => l.length == 12 && l.all (fun s => decide (s.width.toNat < 2 ^ 62) &&
      decide (s.num_fractions.toNat < 2 ^ 62) && decide (s.num_fixed_tables.toNat < 2 ^ 62))
  | _ => false

/-- **The verifying key's table shapes fit**: `table_shapes` of the machine (its 12 tables,
evaluated by the kernel) never panics and returns shapes with `ShapeFits`, the hypothesis of
`table_dimensions_spec` and `proof_dimensions_spec`. -/
theorem table_shapes_fit (air_id : air.AirId) :
    ∃ shapes, protocol.stark.table_shapes air_id = .ok shapes ∧ shapes.length = 12 ∧
      ∀ s ∈ shapes, ShapeFits s := by
  have hb : shapesFit (protocol.stark.table_shapes air_id) = true := by
    cases air_id with
    | Rv32imV2 prog =>
      unfold protocol.stark.table_shapes air.tables
      simp only []
      decide +kernel
  unfold shapesFit at hb
  split at hb
  · rename_i l hl
    simp only [Bool.and_eq_true, beq_iff_eq, List.all_eq_true, decide_eq_true_eq] at hb
    exact ⟨l, hl, hb.1, fun s hs => ⟨(hb.2 s hs).1.1, (hb.2 s hs).1.2, (hb.2 s hs).2⟩⟩
  · cases hb

/-- **`proof_dimensions` as `verify` calls it**: on the machine's table shapes and a proof's
claimed heights (a slice), it is `proofDims` and never panics. -/
theorem proof_dimensions_of_table_shapes (air_id : air.AirId) (p : protocol.params.StarkParams)
    (logHs : List UInt32) (hhl : logHs.length < 2 ^ 64) :
    ∃ shapes, protocol.stark.table_shapes air_id = .ok shapes ∧
      protocol.stark.proof_dimensions p shapes logHs = .ok (proofDims p shapes logHs) := by
  obtain ⟨shapes, hs, hl, hfit⟩ := table_shapes_fit air_id
  exact ⟨shapes, hs, proof_dimensions_spec p shapes logHs (by omega) hhl hfit⟩

end Zkvm.Refinement.protocol.stark
