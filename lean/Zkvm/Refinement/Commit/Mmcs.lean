module

public import Zkvm.Refinement.Commit.MmcsParts
public import Zkvm.Commit.MmcsBinding

/-!
# The extracted mixed-height opening computes `Zkvm.Commit.verifyMmcs`

`crate::commit::mmcs::verify_opening`, the check of every trace opening, returns exactly the
spec's `verifyMmcs` (whose binding theorem is `Zkvm.Commit.mmcs_binding`) and never panics, for
any hash with 32-byte outputs (`bytesOf H`) and slices whose lengths fit a `usize`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.commit.mmcs

open Zkvm.Extraction Zkvm.Extracted Zkvm.Commit
open Zkvm.Refinement.commit.merkle
open Zkvm.Refinement.commit.merkle_cap (cap_height_spec shr_toNat one_shl_toNat)

variable (H : List UInt8 → Zkvm.Commit.Digest)

theorem mem_rowsAt : ∀ (lhs : List Nat) (rows : List (List UInt32)) (h : Nat) (x : List UInt32),
    x ∈ rowsAt lhs rows h → x ∈ rows
  | l :: lhs, r :: rows, h, x, hx => by
    simp only [rowsAt] at hx
    split at hx
    · simp only [List.mem_cons] at hx
      rcases hx with rfl | hx
      · exact List.mem_cons_self
      · exact List.mem_cons_of_mem _ (mem_rowsAt lhs rows h x hx)
    · exact List.mem_cons_of_mem _ (mem_rowsAt lhs rows h x hx)
  | [], _, _, _, hx => by simp [rowsAt] at hx
  | _ :: _, [], _, _, hx => by simp [rowsAt] at hx

theorem length_rowsAt : ∀ (lhs : List Nat) (rows : List (List UInt32)) (h : Nat),
    (rowsAt lhs rows h).length ≤ rows.length
  | l :: lhs, r :: rows, h => by
    simp only [rowsAt]
    split
    · simp only [List.length_cons]; have := length_rowsAt lhs rows h; omega
    · have := length_rowsAt lhs rows h; simp only [List.length_cons]; omega
  | [], _, _ => by simp [rowsAt]
  | _ :: _, [], _ => by simp [rowsAt]

theorem mmcsClimb_append (cur : Digest) (i : Nat) (p : List (Digest × List (List UInt32)))
    (s : Digest) (j : List (List UInt32)) :
    mmcsClimb H cur i (p ++ [(s, j)]) =
      H (mmcsStepInput (i / 2 ^ p.length) (mmcsClimb H cur i p) s j) := by
  induction p generalizing cur i with
  | nil => simp [mmcsClimb]
  | cons a p ih =>
    obtain ⟨s', j'⟩ := a
    simp only [List.cons_append, mmcsClimb, ih, List.length_cons, Nat.pow_succ,
      Nat.div_div_eq_div_mul, Nat.mul_comm]

theorem length_levelsFrom (lhs : List Nat) (rows : List (List UInt32)) (top : Nat) :
    ∀ (l : Nat) (path : List Digest), (levelsFrom lhs rows top l path).length = path.length
  | _, [] => rfl
  | l, _ :: p => by simp [levelsFrom, length_levelsFrom lhs rows top (l + 1) p]

theorem getElem_levelsFrom (lhs : List Nat) (rows : List (List UInt32)) (top : Nat) :
    ∀ (l : Nat) (path : List Digest) (k : Nat) (hk : k < path.length),
      (levelsFrom lhs rows top l path)[k]'(by rw [length_levelsFrom]; exact hk) =
        (path[k], rowsAt lhs rows (top - (l + k)))
  | _, [], _, hk => by simp at hk
  | l, s :: p, 0, _ => by simp [levelsFrom]
  | l, s :: p, k + 1, hk => by
    simp only [levelsFrom, List.getElem_cons_succ]
    rw [getElem_levelsFrom lhs rows top (l + 1) p k (by simpa using hk)]
    simp only [show l + 1 + k = l + (k + 1) by omega]

theorem mmcsStepInput_eq (i : Nat) (cur sib : Digest) (inj : List (List UInt32)) :
    mmcsStepInput i cur sib inj =
      if i % 2 = 0 then nodeDigestInput cur sib inj else nodeDigestInput sib cur inj := by
  unfold mmcsStepInput nodeDigestInput stepInput
  by_cases h : inj = [] <;> by_cases hi : i % 2 = 0 <;> simp [h, hi]

theorem rowsOk_drop (ws : List Nat) (rs : List (List UInt32)) (hs : List Nat) (c t : Nat)
    (h1 : t < ws.length) (h2 : t < rs.length) (h3 : t < hs.length) :
    rowsOk (ws.drop t) (rs.drop t) (hs.drop t) c =
      (decide (ws[t] ≠ 0) && decide (rs[t].length = ws[t]) && decide (c ≤ hs[t]) &&
        rowsOk (ws.drop (t + 1)) (rs.drop (t + 1)) (hs.drop (t + 1)) c) := by
  rw [List.drop_eq_getElem_cons h1, List.drop_eq_getElem_cons h2, List.drop_eq_getElem_cons h3]
  rfl

/-- An accepted opening has matrices, and as many widths and rows as heights. -/
theorem verifyMmcs_shape {cap : List Digest} {lhs widths : List Nat} {logCap i : Nat}
    {rows : List (List UInt32)} {path : List Digest}
    (h : verifyMmcs H cap lhs widths logCap i rows path = true) :
    lhs ≠ [] ∧ lhs.length = widths.length ∧ rows.length = widths.length := by
  simp only [verifyMmcs, Bool.and_eq_true, decide_eq_true_eq] at h
  obtain ⟨⟨⟨⟨⟨⟨hne, -⟩, hok⟩, -⟩, -⟩, -⟩, -⟩ := h
  obtain ⟨hw, hn, -⟩ := of_rowsOk hok
  have : rows.length = widths.length := by rw [← hw, List.length_map]
  exact ⟨hne, by omega, this⟩

set_option maxRecDepth 4000 in
/-- **`verify_opening` is `verifyMmcs`**: the extracted mixed-height opening check returns the
spec's verdict and never panics (32-byte cap nodes and siblings, slices whose lengths fit a
`usize`). -/
theorem verify_opening_spec (cap : List Digest) (lhs : List UInt32) (widths : List UInt64)
    (lch : UInt32) (index : UInt64) (rows : List (List UInt32)) (path : List Digest)
    (hc : cap.length < 2 ^ 64) (hl : lhs.length < 2 ^ 64) (hw : widths.length < 2 ^ 64)
    (hr : rows.length < 2 ^ 64) (hrr : ∀ r ∈ rows, r.length < 2 ^ 64)
    (hp : path.length < 2 ^ 64) :
    commit.mmcs.verify_opening (bytesOf H) (cap.map Digest.bytes) lhs widths lch index rows
        (path.map Digest.bytes) =
      .ok (verifyMmcs H cap (lhs.map UInt32.toNat) (widths.map UInt64.toNat) lch.toNat
        index.toNat rows path) := by
  have hnl := Slice.len_toNat lhs hl
  have hnw := Slice.len_toNat widths hw
  have hnr := Slice.len_toNat rows hr
  have hnp := Slice.len_toNat (path.map Digest.bytes) (by simpa using hp)
  have hnc := Slice.len_toNat (cap.map Digest.bytes) (by simpa using hc)
  simp only [List.length_map] at hnp hnc
  unfold commit.mmcs.verify_opening
  -- the first shape check
  by_cases h0 : lhs = [] ∨ lhs.length ≠ widths.length ∨ rows.length ≠ widths.length
  · have c0 : ((Slice.is_empty lhs || decide (Slice.len lhs ≠ Slice.len widths)) ||
        decide (Slice.len rows ≠ Slice.len widths)) = true := by
      rcases h0 with h0 | h0 | h0
      · subst h0; rfl
      · simp [← UInt64.toNat_inj, hnl, hnw, h0]
      · simp [← UInt64.toNat_inj, hnr, hnw, h0]
    simp only [c0, if_true, pure_ok]
    refine congrArg Outcome.ok (Eq.symm (Bool.eq_false_iff.mpr fun hv => ?_))
    obtain ⟨hne, e1, e2⟩ := verifyMmcs_shape H hv
    simp only [List.length_map, ne_eq, List.map_eq_nil_iff] at hne e1 e2
    rcases h0 with h0 | h0 | h0
    · exact hne h0
    · exact h0 e1
    · exact h0 e2
  simp only [not_or, ne_eq, Decidable.not_not] at h0
  obtain ⟨hne, hLW, hRW⟩ := h0
  have c0 : ((Slice.is_empty lhs || decide (Slice.len lhs ≠ Slice.len widths)) ||
      decide (Slice.len rows ≠ Slice.len widths)) = false := by
    have : Slice.is_empty lhs = false := by
      cases lhs with
      | nil => exact absurd rfl hne
      | cons _ _ => rfl
    simp [this, ← UInt64.toNat_inj, hnl, hnw, hnr, hLW, hRW]
  simp only [c0, Bool.false_eq_true, if_false]
  obtain ⟨m, hm, hmv⟩ := max_log_height_spec lhs hl
  simp only [hm, ok_bind]
  unfold verifyMmcs
  rw [← hmv]
  by_cases h64' : 64 ≤ m.toNat
  · have c64 : m ≥ 64 := by
      simp only [ge_iff_le, UInt32.le_iff_toNat_le]; simp; omega
    have h64 : ¬ m.toNat < 64 := by omega
    simp only [c64, if_true, pure_ok]
    simp [verifyMmcs, h64]
  have h64 : m.toNat < 64 := by omega
  have c64 : ¬ (m ≥ 64) := by
    simp only [ge_iff_le, UInt32.le_iff_toNat_le]; simp; omega
  simp only [c64, if_false]
  obtain ⟨h, hh, hht⟩ := cap_height_spec m.toUInt64 lch.toUInt64
  simp only [UInt32.toNat_toUInt64] at hht
  have hle := capHeight_le m.toNat lch.toNat
  generalize hC : capHeight m.toNat lch.toNat = C at hht hle
  have hC32 : (UInt64.toUInt32 h).toNat = C := by
    rw [UInt64.toNat_toUInt32, hht]; omega
  simp only [hh, ok_bind]
  have hLn : (lhs.map UInt32.toNat).length = widths.length := by simp [hLW]
  -- the per-matrix checks
  rw [loop_eq_ok (b := if rowsOk (widths.map UInt64.toNat) rows (lhs.map UInt32.toNat) C then
      Exit.brk (UInt64.ofNat widths.length) else Exit.ret false)
    (P := fun (t : Usize) => t.toNat ≤ widths.length ∧
      rowsOk (widths.map UInt64.toNat) rows (lhs.map UInt32.toNat) C =
        rowsOk ((widths.map UInt64.toNat).drop t.toNat) (rows.drop t.toNat)
          ((lhs.map UInt32.toNat).drop t.toNat) C)]
  rotate_left
  · intro t ⟨ht, hinv⟩
    by_cases hlt : t < Slice.len widths
    · have htw : t.toNat < widths.length := by
        rw [UInt64.lt_iff_toNat_lt, hnw] at hlt; exact hlt
      have htr : t.toNat < rows.length := by omega
      have htl : t.toNat < lhs.length := by omega
      have e : (t + 1).toNat = t.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      rw [rowsOk_drop _ _ _ C t.toNat (by simpa using htw) htr (by simpa using htl)] at hinv
      simp only [List.getElem_map] at hinv
      have hlen := Slice.len_toNat rows[t.toNat] (hrr _ (List.getElem_mem _))
      have b2 : (Slice.len rows[t.toNat] ≠ widths[t.toNat]) ↔
          ¬ (rows[t.toNat].length = widths[t.toNat].toNat) := by
        rw [ne_eq, ← UInt64.toNat_inj, hlen]
      have b3 : (lhs[t.toNat] < UInt64.toUInt32 h) ↔ ¬ (C ≤ lhs[t.toNat].toNat) := by
        rw [UInt32.lt_iff_toNat_lt, hC32]; omega
      have b1 : (widths[t.toNat] = 0) ↔ ¬ (widths[t.toNat].toNat ≠ 0) := by
        rw [Decidable.not_not, ← UInt64.toNat_inj]; rfl
      simp only [hlt, if_true, Slice.index_eq widths t htw, Slice.index_eq rows t htr,
        Slice.index_eq lhs t htl, ok_bind, pure_ok]
      by_cases c1 : widths[t.toNat] = 0
      · right
        refine ⟨Exit.ret false, by simp only [c1, if_true, ok_bind], ?_⟩
        have : rowsOk (widths.map UInt64.toNat) rows (lhs.map UInt32.toNat) C = false := by
          rw [hinv]; simp [b1.mp c1]
        simp [this]
      by_cases c2 : Slice.len rows[t.toNat] = widths[t.toNat]
      · by_cases c3 : lhs[t.toNat] < UInt64.toUInt32 h
        · right
          refine ⟨Exit.ret false, by simp only [c1, if_false, c2, ne_eq, not_true_eq_false,
            decide_false, ok_bind, Bool.false_eq_true, c3, decide_true, if_true], ?_⟩
          have : rowsOk (widths.map UInt64.toNat) rows (lhs.map UInt32.toNat) C = false := by
            rw [hinv]; simp [b3.mp c3]
          simp [this]
        · left
          refine ⟨t + 1, by simp only [c1, if_false, c2, ne_eq, not_true_eq_false, decide_false,
            ok_bind, Bool.false_eq_true, c3, Usize.add_eq t 1 (by simp; omega), pure_ok], ?_, ?_⟩
          · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
            rw [e]; omega
          · have n1 : widths[t.toNat].toNat ≠ 0 := fun x => c1 (b1.mpr (by simpa using x))
            have n2 : rows[t.toNat].length = widths[t.toNat].toNat :=
              Classical.byContradiction fun hc => (b2.mpr hc) c2
            have n3 : C ≤ lhs[t.toNat].toNat :=
              Classical.byContradiction fun hc => c3 (b3.mpr hc)
            refine ⟨by rw [e]; omega, ?_⟩
            rw [hinv, e]
            simp [n1, n2, n3]
      · right
        refine ⟨Exit.ret false, by simp only [c1, if_false, c2, ne_eq, not_false_eq_true,
          decide_true, ok_bind, if_true], ?_⟩
        have : rowsOk (widths.map UInt64.toNat) rows (lhs.map UInt32.toNat) C = false := by
          rw [hinv]; simp [b2.mp c2]
        simp [this]
    · right
      have htw : t.toNat = widths.length := by
        rw [UInt64.lt_iff_toNat_lt, hnw] at hlt; omega
      refine ⟨Exit.brk t, by simp only [hlt, if_false, pure_ok], ?_⟩
      have : rowsOk (widths.map UInt64.toNat) rows (lhs.map UInt32.toNat) C = true := by
        rw [hinv, List.drop_eq_nil_of_le (by simp; omega), List.drop_eq_nil_of_le (by omega),
          List.drop_eq_nil_of_le (by simp; omega)]
        rfl
      simp only [this, if_true]
      congr 1
      apply UInt64.toNat_inj.mp
      rw [htw, UInt64.toNat_ofNat_of_lt' (by simpa [UInt64.size] using hw)]
  · exact ⟨by simp, by simp⟩
  by_cases hok' : rowsOk (widths.map UInt64.toNat) rows (lhs.map UInt32.toNat) C = false
  · simp only [hok', Bool.false_eq_true, if_false, pure_ok]
    simp [verifyMmcs, hC, hok']
  have hok : rowsOk (widths.map UInt64.toNat) rows (lhs.map UInt32.toNat) C = true := by
    simpa using hok'
  simp only [hok, if_true, ok_bind]
  have hCm : C ≤ m.toNat := hle
  obtain ⟨bl, hbl, hblv⟩ : ∃ b, U32.sub m (UInt64.toUInt32 h) = .ok b ∧ b.toNat = m.toNat - C :=
    ⟨_, U32.sub_eq _ _ (by rw [hC32]; omega), by
      rw [UInt32.toNat_sub_of_le _ _ (UInt32.le_iff_toNat_le.mpr (by rw [hC32]; omega)), hC32]⟩
  obtain ⟨n, hshl, hn⟩ := merkle_cap.shl_one_ok (UInt64.toUInt32 h).toNat (by omega)
  rw [hC32] at hn
  have hq := U64.shr_eq index m.toNat h64
  have hqv := shr_toNat index m.toNat h64
  generalize index >>> UInt64.ofNat m.toNat = q at hq hqv
  simp only [hbl, ok_bind, hshl, hq]
  by_cases h1 : ¬ path.length = m.toNat - C
  · have c1 : Slice.len (path.map Digest.bytes) ≠ bl.toUInt64 := by
      rw [ne_eq, ← UInt64.toNat_inj, hnp, UInt32.toNat_toUInt64, hblv]; exact h1
    simp only [c1, ne_eq, not_false_eq_true, if_true, pure_ok, ok_bind]
    simp [h1]
  replace h1 : path.length = m.toNat - C := Classical.byContradiction h1
  have c1 : Slice.len (path.map Digest.bytes) = bl.toUInt64 := by
    rw [← UInt64.toNat_inj, hnp, UInt32.toNat_toUInt64, hblv]; exact h1
  simp only [c1, ne_eq, not_true_eq_false, if_false, pure_ok, ok_bind]
  by_cases h2 : ¬ cap.length = 2 ^ C
  · have c2 : Slice.len (cap.map Digest.bytes) ≠ n := by
      rw [ne_eq, ← UInt64.toNat_inj, hnc, hn]; exact h2
    simp only [c2, not_false_eq_true, decide_true, if_true, pure_ok, ok_bind]
    simp [h1, h2]
  replace h2 : cap.length = 2 ^ C := Classical.byContradiction h2
  have c2 : Slice.len (cap.map Digest.bytes) = n := by
    rw [← UInt64.toNat_inj, hnc, hn]; exact h2
  simp only [c2, not_true_eq_false, decide_false, Bool.false_eq_true, if_false, pure_ok, ok_bind]
  by_cases h3 : ¬ index.toNat < 2 ^ m.toNat
  · have c3 : q ≠ 0 := by
      rw [ne_eq, ← UInt64.toNat_inj, hqv]; simp; omega
    simp only [c3, not_false_eq_true, if_true, pure_ok]
    simp [h1, h2, h3]
  replace h3 : index.toNat < 2 ^ m.toNat := Classical.byContradiction h3
  have c3 : q = 0 := by
    rw [← UInt64.toNat_inj, hqv]; simp; exact h3
  have hmr := rows_at_height_spec lhs rows m hl hr
  have hleaf := leaf_digest_spec H (rowsAt (lhs.map UInt32.toNat) rows m.toNat)
    (Nat.lt_of_le_of_lt (length_rowsAt _ _ _) hr)
    (fun x hx => hrr x (mem_rowsAt _ _ _ x hx))
  simp only [c3, not_true_eq_false, if_false, hmr, ok_bind, hleaf]
  -- the climb from the leaf to the cap
  generalize hLf : H (mmcsLeafInput (rowsAt (lhs.map UInt32.toNat) rows m.toNat)) = leaf
  generalize hLv : levelsFrom (lhs.map UInt32.toNat) rows m.toNat 1 path = levels
  have hlevlen : levels.length = path.length := by rw [← hLv, length_levelsFrom]
  rw [loop_eq_ok (b := ((mmcsClimb H leaf index.toNat levels).bytes,
      UInt64.ofNat (index.toNat / 2 ^ (m.toNat - C)), UInt32.ofNat (m.toNat - C + 1)))
    (P := fun (x : commit.hash.Digest × UInt64 × UInt32) => 1 ≤ x.2.2.toNat ∧
      x.2.2.toNat ≤ m.toNat - C + 1 ∧
      x.1 = (mmcsClimb H leaf index.toNat (levels.take (x.2.2.toNat - 1))).bytes ∧
      x.2.1.toNat = index.toNat / 2 ^ (x.2.2.toNat - 1))]
  rotate_left
  · intro ⟨cur, pos, lv⟩ ⟨hlv1, hlv2, hcur, hpos⟩
    simp only at hlv1 hlv2 hcur hpos
    subst hcur
    by_cases hlv : lv ≤ bl
    · have hlv' : lv.toNat ≤ m.toNat - C := by
        rw [UInt32.le_iff_toNat_le, hblv] at hlv; exact hlv
      have hk : lv.toNat - 1 < path.length := by omega
      have e1 : (lv - 1).toNat = lv.toNat - 1 :=
        UInt32.toNat_sub_of_le _ _ (UInt32.le_iff_toNat_le.mpr (by simp; omega))
      have e2 : (m - lv).toNat = m.toNat - lv.toNat :=
        UInt32.toNat_sub_of_le _ _ (UInt32.le_iff_toNat_le.mpr (by omega))
      have e3 : (lv + 1).toNat = lv.toNat + 1 := by
        simp only [UInt32.toNat_add]; simp; omega
      have hsib : Slice.index (path.map Digest.bytes) (lv - 1).toUInt64 =
          .ok (path[lv.toNat - 1]'hk).bytes := by
        have e1' : ((lv - 1).toUInt64).toNat = lv.toNat - 1 := by
          rw [UInt32.toNat_toUInt64, e1]
        rw [Slice.index_eq _ _ (by rw [List.length_map, e1']; exact hk)]
        simp only [List.getElem_map, e1']
      have hinj := rows_at_height_spec lhs rows (m - lv) hl hr
      rw [e2] at hinj
      have hnd := fun (a b : Digest) => node_digest_spec H a b
        (rowsAt (lhs.map UInt32.toNat) rows (m.toNat - lv.toNat))
        (Nat.lt_of_le_of_lt (length_rowsAt _ _ _) hr)
        (fun x hx => hrr x (mem_rowsAt _ _ _ x hx))
      have hget : levels[lv.toNat - 1]'(by omega) =
          ((path[lv.toNat - 1]'hk), rowsAt (lhs.map UInt32.toNat) rows (m.toNat - lv.toNat)) := by
        subst hLv
        rw [getElem_levelsFrom _ _ _ 1 path (lv.toNat - 1) hk]
        simp only [show 1 + (lv.toNat - 1) = lv.toNat by omega]
      have htake : levels.take lv.toNat = levels.take (lv.toNat - 1) ++
          [((path[lv.toNat - 1]'hk), rowsAt (lhs.map UInt32.toNat) rows (m.toNat - lv.toNat))] := by
        have : levels.take lv.toNat = levels.take ((lv.toNat - 1) + 1) := by
          congr 1; omega
        rw [this, List.take_add_one, List.getElem?_eq_getElem (by omega), hget]
        rfl
      have hclimb : mmcsClimb H leaf index.toNat (levels.take lv.toNat) =
          H (if pos.toNat % 2 = 0 then
              nodeDigestInput (mmcsClimb H leaf index.toNat (levels.take (lv.toNat - 1)))
                (path[lv.toNat - 1]'hk) (rowsAt (lhs.map UInt32.toNat) rows (m.toNat - lv.toNat))
            else nodeDigestInput (path[lv.toNat - 1]'hk)
                (mmcsClimb H leaf index.toNat (levels.take (lv.toNat - 1)))
                (rowsAt (lhs.map UInt32.toNat) rows (m.toNat - lv.toNat))) := by
        rw [htake, mmcsClimb_append, mmcsStepInput_eq, List.length_take,
          Nat.min_eq_left (by omega), ← hpos]
      left
      refine ⟨((mmcsClimb H leaf index.toNat (levels.take lv.toNat)).bytes, pos >>> UInt64.ofNat 1,
        lv + 1), ?_, ?_, ?_⟩
      · by_cases hpar : pos &&& 1 = 0
        · have hpar' := (and_one_eq_zero pos).mp hpar
          simp only [hlv, if_true, U32.sub_eq lv 1 (by simp; omega), ok_bind, hsib,
            U32.sub_eq m lv (by omega), hinj, hpar, hnd, U64.shr_eq pos 1 (by decide),
            U32.add_eq lv 1 (by simp; omega), pure_ok, hclimb, if_pos hpar']
        · have hpar' : ¬ pos.toNat % 2 = 0 := fun x => hpar ((and_one_eq_zero pos).mpr x)
          simp only [hlv, if_true, U32.sub_eq lv 1 (by simp; omega), ok_bind, hsib,
            U32.sub_eq m lv (by omega), hinj, hpar, if_false, hnd, U64.shr_eq pos 1 (by decide),
            U32.add_eq lv 1 (by simp; omega), pure_ok, hclimb, if_neg hpar']
      · show 2 ^ 32 - (lv + 1).toNat < 2 ^ 32 - lv.toNat
        rw [e3]; omega
      · refine ⟨by simp only [e3]; omega, by simp only [e3]; omega, by simp only [e3]; rfl, ?_⟩
        simp only [e3, Zkvm.Refinement.field.shr_one_toNat, hpos]
        rw [show lv.toNat + 1 - 1 = (lv.toNat - 1) + 1 by omega, Nat.pow_succ,
          Nat.div_div_eq_div_mul]
    · right
      have hlv' : lv.toNat = m.toNat - C + 1 := by
        rw [UInt32.le_iff_toNat_le, hblv] at hlv; omega
      refine ⟨((mmcsClimb H leaf index.toNat (levels.take (lv.toNat - 1))).bytes, pos, lv),
        by simp only [hlv, if_false, pure_ok], ?_⟩
      have hall : levels.take (lv.toNat - 1) = levels := by
        rw [List.take_of_length_le (by omega)]
      simp only [hall, Prod.mk.injEq, true_and]
      refine ⟨?_, ?_⟩
      · apply UInt64.toNat_inj.mp
        rw [hpos, UInt64.toNat_ofNat_of_lt' (by
          have := Nat.div_le_self index.toNat (2 ^ (m.toNat - C))
          have := index.toNat_lt; simp [UInt64.size]; omega)]
        congr 2; omega
      · apply UInt32.toNat_inj.mp
        rw [hlv', UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega)]
  · refine ⟨by simp, by simp, ?_, by simp⟩
    simp [mmcsClimb]
  have hci : index.toNat / 2 ^ (m.toNat - C) < cap.length := by
    rw [h2, Nat.div_lt_iff_lt_mul (Nat.two_pow_pos _), ← Nat.pow_add,
      show C + (m.toNat - C) = m.toNat by omega]
    exact h3
  have hciv : (UInt64.ofNat (index.toNat / 2 ^ (m.toNat - C))).toNat =
      index.toNat / 2 ^ (m.toNat - C) :=
    UInt64.toNat_ofNat_of_lt' (by
      have := Nat.div_le_self index.toNat (2 ^ (m.toNat - C))
      have := index.toNat_lt; simp [UInt64.size]; omega)
  have c5 : ¬ (UInt64.ofNat (index.toNat / 2 ^ (m.toNat - C)) ≥ n) := by
    simp only [ge_iff_le, UInt64.le_iff_toNat_le, hciv, hn, ← h2]; omega
  have hidx : Slice.index (cap.map Digest.bytes) (UInt64.ofNat (index.toNat / 2 ^ (m.toNat - C))) =
      .ok cap[index.toNat / 2 ^ (m.toNat - C)].bytes := by
    rw [Slice.index_eq _ _ (by rw [List.length_map, hciv]; exact hci)]
    simp only [List.getElem_map, hciv]
  simp only [ok_bind, c5, if_false, hidx, pure_ok]
  subst hLf hLv
  simp [h1, h2, h3, h64, hne, List.getElem?_eq_getElem hci, digest_bytes_eq_iff, eq_comm]

end Zkvm.Refinement.commit.mmcs
