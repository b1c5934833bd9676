module

public import Zkvm.Extracted.Protocol.Stark
public import Zkvm.Extraction.LoopEq

/-!
# The query's opened rows: `opening_has_shape`, `phase_row`, `mask_row`

At each query the verifier checks that a commitment phase's opening has the layout's shape
(`opening_has_shape`: one row per matrix, each of its matrix's width, no path without matrices)
and picks out a table's row (`phase_row`: the first matrix of that table) and the masking
polynomial's row of a given LDE height (`mask_row`). Proved: each computes its spec
(`OpeningShape`, `phaseRow`, `maskRow`, written by recursion on the layout) and never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted

/-- The opened rows have the layout's widths, and there is no path without matrices. -/
def OpeningShape (widths : List Usize) (rows : List (List UInt32)) (path : List commit.hash.Digest) :
    Prop :=
  rows.length = widths.length ∧ (widths = [] → path = []) ∧
    ∀ m (h : m < rows.length), UInt64.ofNat (rows[m]'h).length = widths.getD m 0

instance (widths : List Usize) (rows : List (List UInt32)) (path : List commit.hash.Digest) :
    Decidable (OpeningShape widths rows path) := by
  unfold OpeningShape; exact inferInstance

/-- The row of the first matrix of `table` (empty if there is none). -/
def phaseRow : List Usize → List (List UInt32) → Usize → List UInt32
  | t :: ts, r :: rs, table => if t = table then r else phaseRow ts rs table
  | _, _, _ => []

/-- The row of the first masking matrix of LDE height `logSize` (empty if there is none). -/
def maskRow : List Usize → List (List UInt32) → List UInt32 → UInt32 → List UInt32
  | t :: ts, r :: rs, h :: hs, logSize =>
    if t = protocol.stark.MASK_MATRIX ∧ h = logSize then r else maskRow ts rs hs logSize
  | _, _, _, _ => []

theorem phaseRow_nil_left (rs : List (List UInt32)) (table : Usize) : phaseRow [] rs table = [] := by
  cases rs <;> rfl

theorem phaseRow_nil_right (ts : List Usize) (table : Usize) : phaseRow ts [] table = [] := by
  cases ts <;> rfl

/-- **`phase_row` is `phaseRow`**; it never panics. -/
theorem phase_row_spec (layout : protocol.stark.PhaseLayout) (opening : protocol.proof.MultiOpening)
    (table : Usize) (ht : layout.tables.length < 2 ^ 64) (hr : opening.rows.length < 2 ^ 64) :
    protocol.stark.phase_row layout opening table =
      .ok (phaseRow layout.tables opening.rows table) := by
  have hlt := Slice.len_toNat layout.tables ht
  have hlr := Slice.len_toNat opening.rows hr
  unfold protocol.stark.phase_row
  apply loop_bind_ok
    (P := fun (m : Usize) => m.toNat ≤ layout.tables.length ∧ m.toNat ≤ opening.rows.length ∧
      phaseRow layout.tables opening.rows table =
        phaseRow (layout.tables.drop m.toNat) (opening.rows.drop m.toNat) table)
    (Q := fun r => match r with
      | .ret v => v = phaseRow layout.tables opening.rows table
      | .brk _ => phaseRow layout.tables opening.rows table = [])
  · intro m ⟨h1, h2, hinv⟩
    by_cases hc : ((decide (m < Slice.len layout.tables)) &&
        (decide (m < Slice.len opening.rows))) = true
    · have hm1 : m.toNat < layout.tables.length := by
        simp only [Bool.and_eq_true, decide_eq_true_eq, UInt64.lt_iff_toNat_lt, hlt, hlr] at hc
        exact hc.1
      have hm2 : m.toNat < opening.rows.length := by
        simp only [Bool.and_eq_true, decide_eq_true_eq, UInt64.lt_iff_toNat_lt, hlt, hlr] at hc
        exact hc.2
      have hdrop : phaseRow (layout.tables.drop m.toNat) (opening.rows.drop m.toNat) table =
          if layout.tables[m.toNat] = table then opening.rows[m.toNat]
          else phaseRow (layout.tables.drop (m.toNat + 1)) (opening.rows.drop (m.toNat + 1)) table := by
        rw [List.drop_eq_getElem_cons hm1, List.drop_eq_getElem_cons hm2]; rfl
      by_cases heq : layout.tables[m.toNat] = table
      · right
        refine ⟨.ret opening.rows[m.toNat], ?_, ?_⟩
        · simp only [if_pos hc, Slice.index_eq _ _ hm1, ok_bind, heq, if_true,
            Slice.index_eq _ _ hm2, pure_ok]
        · show opening.rows[m.toNat] = phaseRow layout.tables opening.rows table
          rw [hinv, hdrop, if_pos heq]
      · have e : (m + 1).toNat = m.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        left
        refine ⟨m + 1, ?_, ?_, ?_⟩
        · simp only [if_pos hc, Slice.index_eq _ _ hm1, ok_bind, heq, if_false,
            Usize.add_eq m 1 (by simp; omega), pure_ok]
        · show 2 ^ 64 - (m + 1).toNat < 2 ^ 64 - m.toNat
          rw [e]; omega
        · refine ⟨by rw [e]; omega, by rw [e]; omega, ?_⟩
          rw [e, hinv, hdrop, if_neg heq]
    · right
      refine ⟨.brk m, by rw [if_neg hc, pure_ok], ?_⟩
      show phaseRow layout.tables opening.rows table = []
      rw [hinv]
      simp only [Bool.and_eq_true, decide_eq_true_eq, UInt64.lt_iff_toNat_lt, hlt, hlr] at hc
      rcases Nat.lt_or_ge m.toNat layout.tables.length with h | h
      · have : ¬ m.toNat < opening.rows.length := fun h' => hc ⟨h, h'⟩
        rw [List.drop_eq_nil_of_le (show opening.rows.length ≤ m.toNat by omega),
          phaseRow_nil_right]
      · rw [List.drop_eq_nil_of_le h, phaseRow_nil_left]
  · exact ⟨by simp, by simp, by simp⟩
  · intro r hq
    cases r with
    | ret v => simp only at hq; rw [hq]; rfl
    | brk m => simp only at hq; rw [hq]; rfl

theorem maskRow_nil (ts : List Usize) (rs : List (List UInt32)) (hs : List UInt32) (l : UInt32)
    (h : ts = [] ∨ rs = [] ∨ hs = []) : maskRow ts rs hs l = [] := by
  rcases h with rfl | rfl | rfl
  · rfl
  · cases ts <;> rfl
  · cases ts <;> cases rs <;> rfl

/-- **`mask_row` is `maskRow`**; it never panics. -/
theorem mask_row_spec (layout : protocol.stark.PhaseLayout) (opening : protocol.proof.MultiOpening)
    (logSize : UInt32) (ht : layout.tables.length < 2 ^ 64) (hr : opening.rows.length < 2 ^ 64)
    (hh : layout.log_heights.length < 2 ^ 64) :
    protocol.stark.mask_row layout opening logSize =
      .ok (maskRow layout.tables opening.rows layout.log_heights logSize) := by
  have hlt := Slice.len_toNat layout.tables ht
  have hlr := Slice.len_toNat opening.rows hr
  have hlh := Slice.len_toNat layout.log_heights hh
  unfold protocol.stark.mask_row
  apply loop_bind_ok
    (P := fun (m : Usize) => m.toNat ≤ layout.tables.length ∧ m.toNat ≤ opening.rows.length ∧
      m.toNat ≤ layout.log_heights.length ∧
      maskRow layout.tables opening.rows layout.log_heights logSize =
        maskRow (layout.tables.drop m.toNat) (opening.rows.drop m.toNat)
          (layout.log_heights.drop m.toNat) logSize)
    (Q := fun r => match r with
      | .ret v => v = maskRow layout.tables opening.rows layout.log_heights logSize
      | .brk _ => maskRow layout.tables opening.rows layout.log_heights logSize = [])
  · intro m ⟨h1, h2, h3, hinv⟩
    by_cases hc : (((decide (m < Slice.len layout.tables)) &&
        (decide (m < Slice.len opening.rows))) && (decide (m < Slice.len layout.log_heights))) = true
    · simp only [Bool.and_eq_true, decide_eq_true_eq, UInt64.lt_iff_toNat_lt, hlt, hlr, hlh] at hc
      obtain ⟨⟨hm1, hm2⟩, hm3⟩ := hc
      have hc' : (((decide (m < Slice.len layout.tables)) &&
          (decide (m < Slice.len opening.rows))) && (decide (m < Slice.len layout.log_heights))) =
          true := by
        simp only [Bool.and_eq_true, decide_eq_true_eq, UInt64.lt_iff_toNat_lt, hlt, hlr, hlh]
        exact ⟨⟨hm1, hm2⟩, hm3⟩
      have hdrop : maskRow (layout.tables.drop m.toNat) (opening.rows.drop m.toNat)
          (layout.log_heights.drop m.toNat) logSize =
          if layout.tables[m.toNat] = protocol.stark.MASK_MATRIX ∧
              layout.log_heights[m.toNat] = logSize then opening.rows[m.toNat]
          else maskRow (layout.tables.drop (m.toNat + 1)) (opening.rows.drop (m.toNat + 1))
            (layout.log_heights.drop (m.toNat + 1)) logSize := by
        rw [List.drop_eq_getElem_cons hm1, List.drop_eq_getElem_cons hm2,
          List.drop_eq_getElem_cons hm3]; rfl
      by_cases heq : layout.tables[m.toNat] = protocol.stark.MASK_MATRIX ∧
          layout.log_heights[m.toNat] = logSize
      · right
        refine ⟨.ret opening.rows[m.toNat], ?_, ?_⟩
        · simp only [if_pos hc', Slice.index_eq _ _ hm1, ok_bind, heq.1, if_true,
            Slice.index_eq _ _ hm3, pure_ok, heq.2, decide_true, Slice.index_eq _ _ hm2]
        · show opening.rows[m.toNat] = maskRow layout.tables opening.rows layout.log_heights logSize
          rw [hinv, hdrop, if_pos heq]
      · have e : (m + 1).toNat = m.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        left
        refine ⟨m + 1, ?_, ?_, ?_⟩
        · by_cases h1' : layout.tables[m.toNat] = protocol.stark.MASK_MATRIX
          · have h2' : ¬ layout.log_heights[m.toNat] = logSize := fun h => heq ⟨h1', h⟩
            simp only [if_pos hc', Slice.index_eq _ _ hm1, ok_bind, h1', if_true,
              Slice.index_eq _ _ hm3, pure_ok, h2', decide_false, Bool.false_eq_true, if_false,
              Usize.add_eq m 1 (by simp; omega)]
          · simp only [if_pos hc', Slice.index_eq _ _ hm1, ok_bind, h1', if_false, pure_ok,
              Bool.false_eq_true, Usize.add_eq m 1 (by simp; omega)]
        · show 2 ^ 64 - (m + 1).toNat < 2 ^ 64 - m.toNat
          rw [e]; omega
        · refine ⟨by rw [e]; omega, by rw [e]; omega, by rw [e]; omega, ?_⟩
          rw [e, hinv, hdrop, if_neg heq]
    · right
      refine ⟨.brk m, by rw [if_neg hc, pure_ok], ?_⟩
      show maskRow layout.tables opening.rows layout.log_heights logSize = []
      rw [hinv]
      simp only [Bool.and_eq_true, decide_eq_true_eq, UInt64.lt_iff_toNat_lt, hlt, hlr, hlh] at hc
      apply maskRow_nil
      rcases Nat.lt_or_ge m.toNat layout.tables.length with h | h
      · rcases Nat.lt_or_ge m.toNat opening.rows.length with h' | h'
        · right; right
          exact List.drop_eq_nil_of_le (by
            have : ¬ m.toNat < layout.log_heights.length := fun h'' => hc ⟨⟨h, h'⟩, h''⟩
            omega)
        · right; left; exact List.drop_eq_nil_of_le h'
      · left; exact List.drop_eq_nil_of_le h
  · exact ⟨by simp, by simp, by simp, by simp⟩
  · intro r hq
    cases r with
    | ret v => simp only at hq; rw [hq]; rfl
    | brk m => simp only at hq; rw [hq]; rfl

/-- **`opening_has_shape` decides `OpeningShape`**; it never panics. -/
theorem opening_has_shape_spec (layout : protocol.stark.PhaseLayout)
    (opening : protocol.proof.MultiOpening) (hr : opening.rows.length < 2 ^ 64)
    (hw : layout.widths.length < 2 ^ 64) :
    protocol.stark.opening_has_shape layout opening =
      .ok (decide (OpeningShape layout.widths opening.rows opening.path)) := by
  have hlr := Slice.len_toNat opening.rows hr
  have hlw := Slice.len_toNat layout.widths hw
  unfold protocol.stark.opening_has_shape
  by_cases hlen : opening.rows.length = layout.widths.length
  · have hl : Slice.len opening.rows = Slice.len layout.widths :=
      UInt64.toNat_inj.mp (by rw [hlr, hlw, hlen])
    rw [if_neg (fun h => h hl)]
    by_cases hp : layout.widths = [] ∧ opening.path ≠ []
    · have hc : (Slice.is_empty layout.widths && !Slice.is_empty opening.path) = true := by
        simp [Slice.is_empty, hp.1, hp.2]
      rw [if_pos hc, pure_ok]
      congr 1
      symm
      rw [decide_eq_false_iff_not]
      intro ⟨_, h2, _⟩
      exact hp.2 (h2 hp.1)
    · have hc : ¬ (Slice.is_empty layout.widths && !Slice.is_empty opening.path) = true := by
        intro h
        apply hp
        simp only [Slice.is_empty, Bool.and_eq_true, Bool.not_eq_true', List.isEmpty_iff,
          List.isEmpty_eq_false_iff] at h
        exact ⟨h.1, h.2⟩
      rw [if_neg hc]
      dsimp only
      apply loop_bind_ok
        (P := fun (m : Usize) => m.toNat ≤ opening.rows.length ∧
          ∀ k, k < m.toNat → UInt64.ofNat (opening.rows.getD k []).length =
            layout.widths.getD k 0)
        (Q := fun r => match r with
          | .ret b => b = false ∧ ¬ ∀ k (hk : k < opening.rows.length),
              UInt64.ofNat (opening.rows[k]'hk).length = layout.widths.getD k 0
          | .brk _ => ∀ k (hk : k < opening.rows.length),
              UInt64.ofNat (opening.rows[k]'hk).length = layout.widths.getD k 0)
      · intro m ⟨h1, hinv⟩
        by_cases hm : m < Slice.len opening.rows
        · have hm' : m.toNat < opening.rows.length := by
            rw [UInt64.lt_iff_toNat_lt, hlr] at hm; exact hm
          have hmw : m.toNat < layout.widths.length := by omega
          have hgw : layout.widths.getD m.toNat 0 = layout.widths[m.toNat] := by
            simp [List.getD, List.getElem?_eq_getElem hmw]
          by_cases heq : Slice.len (opening.rows[m.toNat]) = layout.widths[m.toNat]
          · have e : (m + 1).toNat = m.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
            left
            refine ⟨m + 1, ?_, ?_, ?_⟩
            · simp only [if_pos hm, Slice.index_eq _ _ hm', Slice.index_eq _ _ hmw, ok_bind, heq,
                ne_eq, not_true_eq_false, if_false, Usize.add_eq m 1 (by simp; omega), pure_ok]
            · show 2 ^ 64 - (m + 1).toNat < 2 ^ 64 - m.toNat
              rw [e]; omega
            · refine ⟨by rw [e]; omega, fun k hk => ?_⟩
              rw [e] at hk
              rcases Nat.lt_or_ge k m.toNat with h | h
              · exact hinv k h
              · have : k = m.toNat := by omega
                subst this
                rw [hgw, List.getD_eq_getElem?_getD, List.getElem?_eq_getElem hm', Option.getD_some]
                exact heq
          · right
            refine ⟨.ret false, ?_, rfl, ?_⟩
            · simp only [if_pos hm, Slice.index_eq _ _ hm', Slice.index_eq _ _ hmw, ok_bind,
                if_pos heq, pure_ok]
            · intro hall
              apply heq
              have := hall m.toNat hm'
              rw [hgw] at this
              exact this
        · right
          refine ⟨.brk m, by rw [if_neg hm, pure_ok], ?_⟩
          have : ¬ m.toNat < opening.rows.length := fun h => hm (by rw [UInt64.lt_iff_toNat_lt, hlr]; exact h)
          intro k hk
          have := hinv k (by omega)
          rw [List.getD_eq_getElem?_getD, List.getElem?_eq_getElem hk, Option.getD_some] at this
          exact this
      · exact ⟨by simp, fun k hk => absurd hk (by simp)⟩
      · intro r hq
        have hp' : layout.widths = [] → opening.path = [] := fun h =>
          Classical.byContradiction fun h' => hp ⟨h, h'⟩
        cases r with
        | ret b =>
          obtain ⟨rfl, hn⟩ := hq
          simp only [pure_ok]
          congr 1
          symm
          rw [decide_eq_false_iff_not]
          intro ⟨_, _, h3⟩
          exact hn h3
        | brk m =>
          simp only [pure_ok]
          congr 1
          symm
          rw [decide_eq_true_iff]
          exact ⟨hlen, hp', hq⟩
  · rw [if_pos (fun h => hlen (by
      have := congrArg UInt64.toNat h; rw [hlr, hlw] at this; exact this)), pure_ok]
    congr 1
    symm
    rw [decide_eq_false_iff_not]
    intro ⟨h1, _, _⟩
    exact hlen h1

end Zkvm.Refinement.protocol.stark
