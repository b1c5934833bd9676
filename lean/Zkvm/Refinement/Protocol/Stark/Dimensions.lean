module

public import Zkvm.Spec.Dimensions
public import Zkvm.Refinement.Commit.MmcsParts
public import Zkvm.Extraction.LoopEq

/-!
# The proof's dimensions: caps, distinct heights, phase layouts

`crate::protocol::stark`: `cap_len`, `distinct_heights`, `distinct_lde_heights`,
`phase_layout`, `phase_cap_len`, `has_any_aux` and `check_table_openings` compute their
specifications in `Zkvm.Spec.Dimensions` and never panic or diverge (`distinct_heights`'s
outer search, a `loopFix`, ends because its bound decreases). The only hypotheses are that
the lists the functions read are shorter than `2^64`, which every Rust slice is.

The loops counting an index up to a slice's length share `loop_count` (the measure decreases
because the index goes up by one), and a `loopFix` with a decreasing measure is run by
`loopFix_bind_ok`. The rest of the proof's dimensions and shape are in `Stark.TableDims`
(`table_dimensions`), `Stark.ProofDims` (`proof_dimensions`) and `Stark.Shape`
(`check_proof_shape`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec
open Zkvm.Commit (capHeight maxHeight)

/-! ## Loop rules -/

/-- A loop counting an index `idx s` up by one per iteration (the extracted measure
`2^64 - idx`), proved by an invariant. -/
theorem loop_count {σ ρ : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ)) (init : σ)
    (idx : σ → Usize) (hm : ∀ s, measure s = 2 ^ 64 - (idx s).toNat) (P : σ → Prop)
    (Q : ρ → Prop)
    (step : ∀ s, P s →
      (∃ s', body s = .ok (.cont s') ∧ (idx s').toNat = (idx s).toNat + 1 ∧ P s') ∨
      (∃ r, body s = .ok (.done r) ∧ Q r))
    (hinit : P init) : ∃ r, loop measure body init = .ok r ∧ Q r :=
  loop_ok measure body init P Q (fun s hs => by
    rcases step s hs with ⟨s', h1, h2, h3⟩ | h
    · left
      refine ⟨s', h1, ?_, h3⟩
      rw [hm, hm]
      have := UInt64.toNat_lt (idx s')
      omega
    · right; exact h) hinit

/-- The same, followed by a continuation. -/
theorem loop_count_bind {σ ρ β : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ))
    (init : σ) (k : ρ → Outcome β) {b : β} (idx : σ → Usize)
    (hm : ∀ s, measure s = 2 ^ 64 - (idx s).toNat) (P : σ → Prop) (Q : ρ → Prop)
    (step : ∀ s, P s →
      (∃ s', body s = .ok (.cont s') ∧ (idx s').toNat = (idx s).toNat + 1 ∧ P s') ∨
      (∃ r, body s = .ok (.done r) ∧ Q r))
    (hinit : P init) (post : ∀ r, Q r → k r = .ok b) :
    (loop measure body init >>= k) = .ok b := by
  obtain ⟨r, hr, hq⟩ := loop_count measure body init idx hm P Q step hinit
  rw [hr, ok_bind]; exact post r hq

/-- The same, for a loop whose result is known. -/
theorem loop_count_eq {σ ρ : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ))
    (init : σ) (b : ρ) (idx : σ → Usize) (hm : ∀ s, measure s = 2 ^ 64 - (idx s).toNat)
    (P : σ → Prop)
    (step : ∀ s, P s →
      (∃ s', body s = .ok (.cont s') ∧ (idx s').toNat = (idx s).toNat + 1 ∧ P s') ∨
      (∃ r, body s = .ok (.done r) ∧ r = b))
    (hinit : P init) : loop measure body init = .ok b := by
  obtain ⟨r, hr, hq⟩ := loop_count measure body init idx hm P (fun r => r = b) step hinit
  rw [hr, hq]

/-- A `loopFix` whose iterations decrease a measure `μ` ends; proved by an invariant. -/
theorem loopFix_bind_ok {σ ρ β : Type} (body : σ → Outcome (Step σ ρ)) (init : σ)
    (k : ρ → Outcome β) {b : β} (μ : σ → Nat) (P : σ → Prop) (Q : ρ → Prop)
    (step : ∀ s, P s → ∃ r, body s = .ok r ∧
      (match r with
       | .cont s' => μ s' < μ s ∧ P s'
       | .done r => Q r))
    (hinit : P init) (post : ∀ r, Q r → k r = .ok b) :
    (loopFix body init >>= k) = .ok b := by
  suffices h : ∀ n s, μ s = n → P s → ∃ r, loopFix body s = .ok r ∧ Q r by
    obtain ⟨r, hr, hq⟩ := h _ init rfl hinit
    rw [hr, ok_bind]; exact post r hq
  intro n
  induction n using Nat.strongRecOn with
  | ind n ih =>
    intro s hs hP
    obtain ⟨r, hr, hq⟩ := step s hP
    rw [loopFix_eq, hr, ok_bind]
    cases r with
    | cont s' =>
      obtain ⟨hlt, hP'⟩ := hq
      exact ih (μ s') (hs ▸ hlt) s' rfl hP'
    | done r => exact ⟨r, pure_ok r, hq⟩

/-! ## Counting lemmas -/

theorem lt_len_iff {α : Type} (t : Usize) (l : List α) (h : l.length < 2 ^ 64) :
    t < Slice.len l ↔ t.toNat < l.length := by
  rw [UInt64.lt_iff_toNat_lt, Slice.len_toNat l h]

theorem slice_len_eq_iff {α : Type} (l : List α) (w : Usize) (h : l.length < 2 ^ 64) :
    Slice.len l = w ↔ l.length = w.toNat := by
  rw [← UInt64.toNat_inj, Slice.len_toNat l h]

theorem succ_ok (t : Usize) (n : Nat) (ht : t.toNat < n) (hn : n < 2 ^ 64) :
    Usize.add t 1 = .ok (t + 1) ∧ (t + 1).toNat = t.toNat + 1 := by
  refine ⟨Usize.add_eq t 1 (by simp; omega), ?_⟩
  simp only [UInt64.toNat_add]; simp; omega

/-! ## Caps -/

/-- **`cap_len` is `capLen`**; it never panics. -/
theorem cap_len_spec (logCap : UInt32) (depth : Usize) :
    protocol.stark.cap_len logCap depth =
      .ok (UInt64.ofNat (capLen logCap.toNat depth.toNat)) := by
  obtain ⟨h, hh, hht⟩ := commit.merkle_cap.cap_height_spec depth (UInt32.toUInt64 logCap)
  have e : (UInt32.toUInt64 logCap).toNat = logCap.toNat := by simp
  rw [e] at hht
  have e64 : (UInt32.toUInt64 64).toNat = 64 := by decide
  unfold protocol.stark.cap_len capLen
  rw [hh, ok_bind]
  by_cases hc : capHeight depth.toNat logCap.toNat < 64
  · have c1 : ¬ (h ≥ UInt32.toUInt64 64) := by
      rw [ge_iff_le, UInt64.le_iff_toNat_le, e64]; omega
    rw [if_neg c1, if_pos hc, Usize.shl_eq 1 _ (by omega)]
    apply congrArg Outcome.ok
    apply UInt64.toNat_inj.mp
    rw [commit.merkle_cap.one_shl_toNat _ (by omega), hht,
      UInt64.toNat_ofNat_of_lt' (Nat.pow_lt_pow_right (by decide) hc)]
  · have c1 : h ≥ UInt32.toUInt64 64 := by
      rw [ge_iff_le, UInt64.le_iff_toNat_le, e64]; omega
    rw [if_pos c1, if_neg hc, pure_ok]
    rfl

/-! ## Whether some table has an auxiliary trace -/

/-- **`has_any_aux` is `hasAnyAux`**; it never panics (for fewer than `2^64` tables, as in
every `ProofDimensions` that `proof_dimensions` returns: at most `MAX_TABLES`). The statement
of `has_any_aux_spec` (`Stark.Challenges`), here over the spec's name. -/
theorem has_any_aux_hasAnyAux (dims : protocol.stark.ProofDimensions)
    (hl : dims.tables.length < 2 ^ 64) :
    protocol.stark.has_any_aux dims = .ok (hasAnyAux dims) := by
  unfold protocol.stark.has_any_aux
  apply loop_count_bind _ _ _ _ (fun t => t) (fun _ => rfl)
    (P := fun (t : Usize) => t.toNat ≤ dims.tables.length ∧
      hasAnyAux dims = (dims.tables.drop t.toNat).any (·.has_aux))
    (Q := fun r => match r with
      | .ret v => v = hasAnyAux dims
      | .brk _ => hasAnyAux dims = false)
  · intro t ⟨h1, hinv⟩
    by_cases hc : t < Slice.len dims.tables
    · have ht := (lt_len_iff t _ hl).mp hc
      have hdrop := List.drop_eq_getElem_cons ht
      rw [hdrop, List.any_cons] at hinv
      by_cases ha : dims.tables[t.toNat].has_aux = true
      · right
        refine ⟨.ret true, ?_, ?_⟩
        · simp only [if_pos hc, Slice.index_eq _ _ ht, ok_bind, ha, if_true, pure_ok]
        · show true = hasAnyAux dims
          rw [hinv, ha, Bool.true_or]
      · obtain ⟨hs, e⟩ := succ_ok t _ ht hl
        left
        refine ⟨t + 1, ?_, e, ?_, ?_⟩
        · simp only [if_pos hc, Slice.index_eq _ _ ht, ok_bind, ha, Bool.false_eq_true,
            if_false, hs, pure_ok]
        · rw [e]; omega
        · rw [e, hinv]; simp [ha]
    · right
      refine ⟨.brk t, by rw [if_neg hc, pure_ok], ?_⟩
      show hasAnyAux dims = false
      have : ¬ t.toNat < dims.tables.length := fun h => hc ((lt_len_iff t _ hl).mpr h)
      rw [hinv, List.drop_eq_nil_of_le (by omega)]; rfl
  · exact ⟨by simp, by simp [hasAnyAux]⟩
  · intro r hq
    cases r with
    | ret v => simp only at hq; rw [hq]; rfl
    | brk _ => simp only at hq; rw [hq, pure_ok]

/-! ## A table's openings -/

/-- **`check_table_openings` is `tableOpeningsOk`**; it never panics (the opened vectors are
slices, shorter than `2^64`). -/
theorem check_table_openings_spec (o : protocol.proof.TableOpenings)
    (d : protocol.stark.TableDims) (h1 : o.main_local.length < 2 ^ 64)
    (h2 : o.main_next.length < 2 ^ 64) (h3 : o.aux_local.length < 2 ^ 64)
    (h4 : o.aux_next.length < 2 ^ 64) (h5 : o.quotient.length < 2 ^ 64) :
    protocol.stark.check_table_openings o d = .ok (tableOpeningsOk o d) := by
  unfold protocol.stark.check_table_openings tableOpeningsOk
  simp only [slice_len_eq_iff _ _ h1, slice_len_eq_iff _ _ h2, slice_len_eq_iff _ _ h3, slice_len_eq_iff _ _ h4,
    slice_len_eq_iff _ _ h5, pure_ok]

/-! ## Distinct heights -/

/-- The search's inner loop: the largest height below `bound`, as `(best, found)`. -/
def foundOf (best : UInt32) (found : Bool) : Option UInt32 := if found then some best else none

/-- **`distinct_heights` is `distinctHeights`**; it never panics, and its search ends (each
round lowers the bound to the height found). -/
theorem distinct_heights_spec (hs : List UInt32) (hl : hs.length < 2 ^ 64) :
    protocol.stark.distinct_heights hs = .ok (distinctHeights hs) := by
  unfold protocol.stark.distinct_heights
  apply loopFix_bind_ok _ _ _
    (fun (s : List UInt32 × UInt32 × Bool) => 2 * s.2.1.toNat + (if s.2.2 then 1 else 0))
    (P := fun (s : List UInt32 × UInt32 × Bool) => s.1 ++ distinctBelow hs s.2.1 = distinctHeights hs ∧
      (s.2.2 = false → distinctBelow hs s.2.1 = []))
    (Q := fun (s : List UInt32 × UInt32 × Bool) => s.1 = distinctHeights hs)
  · intro ⟨out, bound, searching⟩ ⟨hinv, hstop⟩
    cases searching with
    | false =>
      refine ⟨.done (out, bound, false), by simp only [Bool.false_eq_true, if_false, pure_ok], ?_⟩
      show out = distinctHeights hs
      rw [← hinv, hstop rfl, List.append_nil]
    | true =>
      simp only [if_true]
      apply loop_bind_ex _ _ _ _ _
        (P := fun (s : UInt32 × Bool × Usize) => s.2.2.toNat ≤ hs.length ∧
          (hs.drop s.2.2.toNat).foldl (maxBelowStep bound) (foundOf s.1 s.2.1) = maxBelow hs bound)
        (Q := fun (s : UInt32 × Bool × Usize) => foundOf s.1 s.2.1 = maxBelow hs bound)
      · intro ⟨best, found, t⟩ ⟨h1, hinv'⟩
        dsimp only at h1 hinv'
        by_cases hc : t < Slice.len hs
        · have ht := (lt_len_iff t _ hl).mp hc
          obtain ⟨hsucc, e⟩ := succ_ok t _ ht hl
          rw [List.drop_eq_getElem_cons ht, List.foldl_cons] at hinv'
          left
          by_cases hb : (decide (hs[t.toNat] < bound) && (!found || decide (hs[t.toNat] > best))) = true
          · refine ⟨(hs[t.toNat], true, t + 1), ?_, ?_, ?_⟩
            · simp only [if_pos hc, Slice.index_eq _ _ ht, ok_bind, hb, if_true, hsucc, pure_ok]
            · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
              rw [e]; omega
            · refine ⟨by dsimp only; omega, ?_⟩
              dsimp only
              rw [e, ← hinv']
              congr 1
              simp only [Bool.and_eq_true, decide_eq_true_eq, Bool.or_eq_true, Bool.not_eq_true']
                at hb
              unfold maxBelowStep foundOf
              rw [if_pos hb.1]
              cases found with
              | false => rfl
              | true =>
                simp only [if_true]
                rcases hb.2 with h | h
                · cases h
                · rw [if_pos h]
          · refine ⟨(best, found, t + 1), ?_, ?_, ?_⟩
            · simp only [if_pos hc, Slice.index_eq _ _ ht, ok_bind, hb, Bool.false_eq_true,
                if_false, hsucc, pure_ok]
            · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
              rw [e]; omega
            · refine ⟨by dsimp only; omega, ?_⟩
              dsimp only
              rw [e, ← hinv']
              congr 1
              simp only [Bool.and_eq_true, decide_eq_true_eq, Bool.or_eq_true, Bool.not_eq_true',
                not_and, not_or] at hb
              unfold maxBelowStep foundOf
              by_cases hlt : hs[t.toNat] < bound
              · rw [if_pos hlt]
                cases found with
                | false => exact absurd rfl (hb hlt |>.1)
                | true =>
                  simp only [if_true]
                  rw [if_neg (hb hlt).2]
              · rw [if_neg hlt]
        · right
          refine ⟨(best, found, t), by rw [if_neg hc, pure_ok], ?_⟩
          show foundOf best found = maxBelow hs bound
          have : ¬ t.toNat < hs.length := fun h => hc ((lt_len_iff t _ hl).mpr h)
          rw [← hinv', List.drop_eq_nil_of_le (by omega)]; rfl
      · exact ⟨by simp, by simp [foundOf, maxBelow]⟩
      · intro ⟨best, found, t⟩ hq
        dsimp only at hq
        cases found with
        | true =>
          have hm : maxBelow hs bound = some best := by rw [← hq]; rfl
          refine ⟨.cont (out ++ [best], best, true), by simp only [if_true, pure_ok, ok_bind, Slice.push], ?_, ?_, ?_⟩
          · have := UInt32.lt_iff_toNat_lt.mp (maxBelow_some hm).1
            show 2 * best.toNat + 1 < 2 * bound.toNat + 1
            omega
          · show (out ++ [best]) ++ distinctBelow hs best = distinctHeights hs
            rw [← hinv, distinctBelow_some hm, List.append_assoc]; rfl
          · intro h; cases h
        | false =>
          have hm : maxBelow hs bound = none := by rw [← hq]; rfl
          refine ⟨.cont (out, bound, false), by simp only [Bool.false_eq_true, if_false, pure_ok, ok_bind],
            ?_, hinv, fun _ => distinctBelow_none hm⟩
          show 2 * bound.toNat + 0 < 2 * bound.toNat + 1
          omega
  · exact ⟨by simp [distinctHeights], fun h => by cases h⟩
  · intro ⟨out, bound, searching⟩ hq
    dsimp only at hq
    subst hq; rfl

/-- **`distinct_lde_heights` is `distinctLdeHeights`**: the distinct LDE heights of the
tables, largest first; it never panics (fewer than `2^64` tables). -/
theorem distinct_lde_heights_spec (dims : protocol.stark.ProofDimensions)
    (hl : dims.tables.length < 2 ^ 64) :
    protocol.stark.distinct_lde_heights dims = .ok (distinctLdeHeights dims) := by
  unfold protocol.stark.distinct_lde_heights
  apply loop_count_bind _ _ _ _ (fun s => s.2) (fun _ => rfl)
    (P := fun (s : List UInt32 × Usize) => s.2.toNat ≤ dims.tables.length ∧
      s.1 = (dims.tables.take s.2.toNat).map (·.log_lde))
    (Q := fun (s : List UInt32 × Usize) => s.1 = ldeHeights dims)
  · intro ⟨heights, t⟩ ⟨h1, hinv⟩
    dsimp only at h1 hinv
    by_cases hc : t < Slice.len dims.tables
    · have ht := (lt_len_iff t _ hl).mp hc
      obtain ⟨hsucc, e⟩ := succ_ok t _ ht hl
      left
      refine ⟨(heights ++ [dims.tables[t.toNat].log_lde], t + 1), ?_, e, ?_, ?_⟩
      · simp only [if_pos hc, Slice.index_eq _ _ ht, ok_bind, hsucc, pure_ok, Slice.push]
      · dsimp only; omega
      · dsimp only
        rw [e, hinv, List.take_add_one, List.getElem?_eq_getElem ht, Option.toList_some,
          List.map_append, List.map_cons, List.map_nil]
    · right
      refine ⟨(heights, t), by simp only [if_neg hc, pure_ok], ?_⟩
      show heights = ldeHeights dims
      have : ¬ t.toNat < dims.tables.length := fun h => hc ((lt_len_iff t _ hl).mpr h)
      rw [hinv, List.take_of_length_le (by omega)]; rfl
  · exact ⟨by simp, by simp [Slice.withCapacity]⟩
  · intro ⟨heights, t⟩ hq
    dsimp only at hq
    subst hq
    exact distinct_heights_spec _ (by simp [ldeHeights]; exact hl)

/-! ## Phase layouts -/

/-- The loops of `phase_layout` that append one matrix per distinct height (masks and salts). -/
theorem push_loop_ok (heights : List UInt32) (hl : heights.length < 2 ^ 64) (w tag : Usize)
    (lh : List UInt32) (ws ts : List Usize) :
    loop (fun x : List UInt32 × List Usize × List Usize × Usize => 2 ^ 64 - UInt64.toNat x.2.2.snd)
      (fun x =>
        if x.2.2.snd < Slice.len heights then do
          let __do_lift ← Slice.index heights x.2.2.snd
          let r ← Usize.add x.2.2.snd 1
          pure (Step.cont (Slice.push x.fst __do_lift, Slice.push x.2.fst w,
            Slice.push x.2.2.fst tag, r))
        else pure (Step.done (x.fst, x.2.fst, x.2.2.fst, x.2.2.snd)))
      (lh, ws, ts, 0) =
      .ok (lh ++ heights, ws ++ heights.map (fun _ => w), ts ++ heights.map (fun _ => tag),
        Slice.len heights) := by
  apply loop_count_eq _ _ _ _ (fun s => s.2.2.2) (fun _ => rfl)
    (P := fun (s : List UInt32 × List Usize × List Usize × Usize) => s.2.2.2.toNat ≤ heights.length ∧
      s.1 = lh ++ heights.take s.2.2.2.toNat ∧
      s.2.1 = ws ++ (heights.take s.2.2.2.toNat).map (fun _ => w) ∧
      s.2.2.1 = ts ++ (heights.take s.2.2.2.toNat).map (fun _ => tag))
  · intro ⟨a, b, c, k⟩ ⟨h1, ha, hb, hc'⟩
    dsimp only at h1 ha hb hc'
    by_cases hc : k < Slice.len heights
    · have ht := (lt_len_iff k _ hl).mp hc
      obtain ⟨hsucc, e⟩ := succ_ok k _ ht hl
      have htk : heights.take (k + 1).toNat = heights.take k.toNat ++ [heights[k.toNat]] := by
        rw [e, List.take_add_one, List.getElem?_eq_getElem ht, Option.toList_some]
      left
      refine ⟨(a ++ [heights[k.toNat]], b ++ [w], c ++ [tag], k + 1), ?_, e, ?_⟩
      · simp only [if_pos hc, Slice.index_eq _ _ ht, ok_bind, hsucc, pure_ok, Slice.push]
      · dsimp only
        refine ⟨by omega, ?_, ?_, ?_⟩
        · rw [htk, ha, List.append_assoc]
        · rw [htk, hb, List.map_append, List.append_assoc]; rfl
        · rw [htk, hc', List.map_append, List.append_assoc]; rfl
    · right
      refine ⟨(a, b, c, k), by simp only [if_neg hc, pure_ok], ?_⟩
      have : ¬ k.toNat < heights.length := fun h => hc ((lt_len_iff k _ hl).mpr h)
      have hk : k = Slice.len heights := UInt64.toNat_inj.mp (by
        rw [Slice.len_toNat _ hl]; omega)
      rw [List.take_of_length_le (by omega)] at ha hb hc'
      rw [ha, hb, hc', hk]
  · exact ⟨by simp, by simp, by simp, by simp⟩

theorem phaseWidth_eq (d : protocol.stark.TableDims) (phase : UInt32) :
    (if phase = 0 then pure d.width else if phase = 1 then pure d.aux_width
      else pure d.quotient_width : Outcome Usize) = .ok (phaseWidth d phase) := by
  unfold phaseWidth
  split
  · rfl
  · split <;> rfl

theorem tableMatrices_drop (phase : UInt32) (tables : List protocol.stark.TableDims) (t : Nat)
    (ht : t < tables.length) :
    tableMatrices phase t (tables.drop t) =
      if phaseWidth tables[t] phase > 0 then
        (tables[t].log_lde, phaseWidth tables[t] phase, UInt64.ofNat t) ::
          tableMatrices phase (t + 1) (tables.drop (t + 1))
      else tableMatrices phase (t + 1) (tables.drop (t + 1)) := by
  rw [List.drop_eq_getElem_cons ht]; rfl

/-- **`phase_layout` is `phaseLayout`**; it never panics (fewer than `2^64` tables). -/
theorem phase_layout_spec (dims : protocol.stark.ProofDimensions) (phase : UInt32)
    (hl : dims.tables.length < 2 ^ 64) :
    protocol.stark.phase_layout dims phase = .ok (phaseLayout dims phase) := by
  unfold protocol.stark.phase_layout
  apply loop_count_bind _ _ _ _ (fun s => s.2.2.2) (fun _ => rfl)
    (P := fun (s : List UInt32 × List Usize × List Usize × Usize) =>
      s.2.2.2.toNat ≤ dims.tables.length ∧ ∃ pre : List (UInt32 × Usize × Usize),
        s.1 = pre.map (·.1) ∧ s.2.1 = pre.map (·.2.1) ∧ s.2.2.1 = pre.map (·.2.2) ∧
        pre ++ tableMatrices phase s.2.2.2.toNat (dims.tables.drop s.2.2.2.toNat) =
          tableMatrices phase 0 dims.tables)
    (Q := fun (s : List UInt32 × List Usize × List Usize × Usize) =>
      s.1 = (tableMatrices phase 0 dims.tables).map (·.1) ∧
      s.2.1 = (tableMatrices phase 0 dims.tables).map (·.2.1) ∧
      s.2.2.1 = (tableMatrices phase 0 dims.tables).map (·.2.2))
  · intro ⟨lh, ws, ts, t⟩ ⟨h1, pre, hlh, hws, hts, hinv⟩
    dsimp only at h1 hlh hws hts hinv
    by_cases hc : t < Slice.len dims.tables
    · have ht := (lt_len_iff t _ hl).mp hc
      obtain ⟨hsucc, e⟩ := succ_ok t _ ht hl
      rw [tableMatrices_drop phase _ _ ht] at hinv
      left
      by_cases hpos : phaseWidth dims.tables[t.toNat] phase > 0
      · refine ⟨(lh ++ [dims.tables[t.toNat].log_lde], ws ++ [phaseWidth dims.tables[t.toNat] phase],
          ts ++ [t], t + 1), ?_, e, ?_, ?_⟩
        · simp only [if_pos hc, Slice.index_eq _ _ ht, ok_bind, hsucc, pure_ok, Slice.push]
          unfold phaseWidth at hpos ⊢
          by_cases h0 : phase = 0
          · simp only [if_pos h0] at hpos ⊢; simp only [if_pos hpos]
          · by_cases h1 : phase = 1
            · simp only [if_neg h0, if_pos h1] at hpos ⊢; simp only [if_pos hpos]
            · simp only [if_neg h0, if_neg h1] at hpos ⊢; simp only [if_pos hpos]
        · dsimp only; omega
        · refine ⟨pre ++ [(dims.tables[t.toNat].log_lde, phaseWidth dims.tables[t.toNat] phase,
            UInt64.ofNat t.toNat)], ?_, ?_, ?_, ?_⟩
          · simp [hlh]
          · simp [hws]
          · simp [hts]
          · dsimp only
            rw [e, List.append_assoc, ← hinv, if_pos hpos]; rfl
      · refine ⟨(lh, ws, ts, t + 1), ?_, e, ?_, ?_⟩
        · simp only [if_pos hc, Slice.index_eq _ _ ht, ok_bind, hsucc, pure_ok, Slice.push]
          unfold phaseWidth at hpos
          by_cases h0 : phase = 0
          · simp only [if_pos h0] at hpos ⊢; simp only [if_neg hpos]
          · by_cases h1 : phase = 1
            · simp only [if_neg h0, if_pos h1] at hpos ⊢; simp only [if_neg hpos]
            · simp only [if_neg h0, if_neg h1] at hpos ⊢; simp only [if_neg hpos]
        · dsimp only; omega
        · refine ⟨pre, hlh, hws, hts, ?_⟩
          dsimp only
          rw [e, ← hinv, if_neg hpos]
    · right
      refine ⟨(lh, ws, ts, t), by simp only [if_neg hc, pure_ok], ?_⟩
      have : ¬ t.toNat < dims.tables.length := fun h => hc ((lt_len_iff t _ hl).mpr h)
      rw [List.drop_eq_nil_of_le (by omega)] at hinv
      have hnil : ∀ n, tableMatrices phase n [] = [] := fun n => rfl
      rw [hnil, List.append_nil] at hinv
      subst hinv
      exact ⟨hlh, hws, hts⟩
  · exact ⟨by simp, [], by simp, by simp, by simp, by simp⟩
  · intro ⟨lh, ws, ts, t⟩ ⟨hlh, hws, hts⟩
    dsimp only at hlh hws hts ⊢
    have hdl : (ldeHeights dims).length < 2 ^ 64 := by simp [ldeHeights]; exact hl
    have hdh : (distinctLdeHeights dims).length < 2 ^ 64 :=
      Nat.lt_trans (distinctHeights_length_le _) (by decide)
    unfold phaseLayout phaseMatrices zkMatrices
    subst hlh hws hts
    by_cases hzk : dims.zk = true
    · rw [if_pos hzk, distinct_lde_heights_spec dims hl, ok_bind]
      by_cases h2 : phase = 2
      · rw [if_pos h2, push_loop_ok _ hdh, ok_bind]
        rw [pure_ok, ok_bind]
        rw [push_loop_ok _ hdh, ok_bind]
        simp [hzk, h2, List.map_append, List.map_map, Function.comp_def]
      · rw [if_neg h2, pure_ok, ok_bind, push_loop_ok _ hdh, ok_bind]
        simp [hzk, h2, List.map_append, List.map_map, Function.comp_def]
    · rw [if_neg hzk, pure_ok, ok_bind, pure_ok]
      simp [hzk]

/-- **`phase_cap_len` is `phaseCapLen`**; it never panics (a layout has fewer than `2^64`
matrices: `phaseMatrices_length_le`). -/
theorem phase_cap_len_spec (dims : protocol.stark.ProofDimensions)
    (layout : protocol.stark.PhaseLayout) (hl : layout.log_heights.length < 2 ^ 64) :
    protocol.stark.phase_cap_len dims layout = .ok (UInt64.ofNat (phaseCapLen dims layout)) := by
  unfold protocol.stark.phase_cap_len phaseCapLen
  by_cases he : layout.log_heights = []
  · simp only [if_true, he, pure_ok]
    rfl
  · have : Slice.is_empty layout.log_heights = false := by simp [Slice.is_empty, he]
    simp only [this, Bool.false_eq_true, if_false, he]
    obtain ⟨m, hm, hmv⟩ := commit.mmcs.max_log_height_spec layout.log_heights hl
    rw [hm, ok_bind, cap_len_spec, ← hmv]
    simp

end Zkvm.Refinement.protocol.stark
