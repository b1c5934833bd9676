module

public import Zkvm.Refinement.Commit.MerkleCap
public import Zkvm.Extracted.Commit.Mmcs
public import Zkvm.Commit.Mmcs
public import Zkvm.Extraction.LoopEq

/-!
# The pieces of the extracted mixed-height opening

`crate::commit::mmcs`'s helpers compute the spec's encodings (`Zkvm.Commit.Mmcs`):
`push_values` appends the LE32 bytes of a row, `push_digest` a digest's bytes, `leaf_digest`
hashes `mmcsLeafInput`, `node_digest` hashes `nodeInput` or `injectInput`, `rows_at_height` is
`rowsAt` and `max_log_height` is `maxHeight`; none of them panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.commit.mmcs

open Zkvm.Extraction Zkvm.Extracted Zkvm.Commit
open Zkvm.Refinement.commit.merkle

variable (H : List UInt8 → Zkvm.Commit.Digest)

theorem push_values_spec (b : List UInt8) (vals : List UInt32) (hl : vals.length < 2 ^ 64) :
    commit.mmcs.push_values b vals = .ok (b ++ vals.flatMap le32) := by
  have hn := Slice.len_toNat vals hl
  unfold commit.mmcs.push_values
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ vals.length ∧ s.1 = b ++ (vals.take s.2.toNat).flatMap le32)
    (Q := fun s => s.1 = b ++ vals.flatMap le32)
  · intro ⟨c, i⟩ ⟨hi, hc⟩
    simp only at hi hc
    by_cases hlt : i < Slice.len vals
    · have hi' : i.toNat < vals.length := by
        rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(c ++ le32 vals[i.toNat], i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, Slice.index_eq vals i hi', ok_bind, index_le_bytes_0,
          index_le_bytes_1, index_le_bytes_2, index_le_bytes_3,
          Usize.add_eq i 1 (by simp; omega), pure_ok, Slice.push, le32, List.append_assoc,
          List.cons_append, List.nil_append]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · refine ⟨by simp only [e]; omega, ?_⟩
        simp only [e, hc, List.take_add_one, List.getElem?_eq_getElem hi', Option.toList_some,
          List.flatMap_append, List.flatMap_cons, List.flatMap_nil, List.append_nil,
          List.append_assoc]
    · right
      refine ⟨(c, i), by simp only [hlt, if_false, pure_ok], ?_⟩
      have e : i.toNat = vals.length := by
        rw [UInt64.lt_iff_toNat_lt, hn] at hlt; omega
      simp only [hc, e, List.take_length]
  · exact ⟨by simp, by simp⟩
  · intro ⟨c, i⟩ h
    simp only at h
    simp only [h, pure_ok]

theorem push_digest_spec (b : List UInt8) (d : Digest) :
    commit.mmcs.push_digest b d.bytes = .ok (b ++ d.bytes) := by
  have hd := d.length_bytes
  unfold commit.mmcs.push_digest
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ 32 ∧ s.1 = b ++ d.bytes.take s.2.toNat)
    (Q := fun s => s.1 = b ++ d.bytes)
  · intro ⟨c, i⟩ ⟨hi, hc⟩
    simp only at hi hc
    by_cases hlt : i < 32
    · have hi' : i.toNat < 32 := by rw [UInt64.lt_iff_toNat_lt] at hlt; simpa using hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(c ++ [d.bytes[i.toNat]], i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, Slice.index_eq d.bytes i (by omega), ok_bind,
          Usize.add_eq i 1 (by simp; omega), pure_ok, Slice.push]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · refine ⟨by simp only [e]; omega, ?_⟩
        simp only [e, hc, List.take_add_one, List.getElem?_eq_getElem (by omega : i.toNat < d.bytes.length),
          Option.toList_some, List.append_assoc]
    · right
      refine ⟨(c, i), by simp only [hlt, if_false, pure_ok], ?_⟩
      have e : i.toNat = 32 := by
        rw [UInt64.lt_iff_toNat_lt] at hlt; simp at hlt; omega
      simp only [hc, e, ← hd, List.take_length]
  · exact ⟨by simp, by simp⟩
  · intro ⟨c, i⟩ h
    simp only at h
    simp only [h, pure_ok]

/-- Appending the rows `rows[0..t)` one after another. -/
theorem push_rows_loop (b : List UInt8) (rows : List (List UInt32))
    (hl : rows.length < 2 ^ 64) (hr : ∀ r ∈ rows, r.length < 2 ^ 64) :
    loop (σ := (List UInt8) × Usize) (ρ := (List UInt8) × Usize)
      (fun (bytes, t) => 2 ^ 64 - t.toNat)
      (fun (bytes, t) => do
        let mut bytes := bytes
        let mut t := t
        if t < (Slice.len rows) then
          bytes ← commit.mmcs.push_values bytes (← Slice.index rows t)
          t ← Usize.add t 1
          return Step.cont (bytes, t)
        else
          return Step.done (bytes, t))
      (b, 0) = .ok (b ++ rowsBytes rows, UInt64.ofNat rows.length) := by
  have hn := Slice.len_toNat rows hl
  apply loop_eq_ok
    (P := fun s => s.2.toNat ≤ rows.length ∧ s.1 = b ++ rowsBytes (rows.take s.2.toNat))
  · intro ⟨c, t⟩ ⟨ht, hc⟩
    simp only at ht hc
    by_cases hlt : t < Slice.len rows
    · have ht' : t.toNat < rows.length := by
        rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (t + 1).toNat = t.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(c ++ rows[t.toNat].flatMap le32, t + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, Slice.index_eq rows t ht', ok_bind,
          push_values_spec c _ (hr _ (List.getElem_mem _)),
          Usize.add_eq t 1 (by simp; omega), pure_ok]
      · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
        rw [e]; omega
      · refine ⟨by simp only [e]; omega, ?_⟩
        simp only [e, hc, List.take_add_one, List.getElem?_eq_getElem ht', Option.toList_some,
          rowsBytes, List.flatMap_append, List.flatMap_cons, List.flatMap_nil, List.append_nil,
          List.append_assoc]
    · right
      refine ⟨(c, t), by simp only [hlt, if_false, pure_ok], ?_⟩
      have e : t.toNat = rows.length := by
        rw [UInt64.lt_iff_toNat_lt, hn] at hlt; omega
      simp only [hc, e, List.take_length]
      congr
      rw [← e]; simp
  · exact ⟨by simp, by simp [rowsBytes]⟩

/-- `leaf_digest` hashes `mmcsLeafInput`. -/
theorem leaf_digest_spec (rows : List (List UInt32)) (hl : rows.length < 2 ^ 64)
    (hr : ∀ r ∈ rows, r.length < 2 ^ 64) :
    commit.mmcs.leaf_digest (bytesOf H) rows = .ok (H (mmcsLeafInput rows)).bytes := by
  unfold commit.mmcs.leaf_digest
  simp only [Slice.push, List.nil_append]
  rw [push_rows_loop _ rows hl hr]
  rfl

/-- The bytes hashed by `node_digest`. -/
@[expose] def nodeDigestInput (l r : Digest) (inj : List (List UInt32)) : List UInt8 :=
  if inj = [] then nodeInput l r else injectInput l r inj

/-- `node_digest` hashes `nodeInput` when no rows enter, `injectInput` otherwise. -/
theorem node_digest_spec (l r : Digest) (inj : List (List UInt32)) (hl : inj.length < 2 ^ 64)
    (hr : ∀ x ∈ inj, x.length < 2 ^ 64) :
    commit.mmcs.node_digest (bytesOf H) l.bytes r.bytes inj =
      .ok (H (nodeDigestInput l r inj)).bytes := by
  unfold commit.mmcs.node_digest nodeDigestInput
  by_cases he : inj = []
  · subst he
    simp only [Slice.is_empty, if_true]
    rw [node_hash_spec]
    rfl
  · have he' : Slice.is_empty inj = false := by
      cases inj with
      | nil => exact absurd rfl he
      | cons _ _ => rfl
    simp only [he', he, if_false, Bool.false_eq_true, Slice.push, List.nil_append,
      push_digest_spec, ok_bind]
    rw [push_rows_loop _ inj hl hr]
    simp only [ok_bind, pure_ok]
    rfl

theorem rowsAt_drop (lhs : List UInt32) (rows : List (List UInt32)) (h : Nat) (t : Nat)
    (ht : t < lhs.length) (hr : t < rows.length) :
    rowsAt ((lhs.drop t).map UInt32.toNat) (rows.drop t) h =
      if lhs[t].toNat = h then rows[t] :: rowsAt ((lhs.drop (t + 1)).map UInt32.toNat) (rows.drop (t + 1)) h
      else rowsAt ((lhs.drop (t + 1)).map UInt32.toNat) (rows.drop (t + 1)) h := by
  rw [List.drop_eq_getElem_cons ht, List.drop_eq_getElem_cons hr, List.map_cons]
  rfl

/-- `rows_at_height` is `rowsAt`. -/
theorem rows_at_height_spec (lhs : List UInt32) (rows : List (List UInt32)) (h : UInt32)
    (hl : lhs.length < 2 ^ 64) (hr : rows.length < 2 ^ 64) :
    commit.mmcs.rows_at_height lhs rows h = .ok (rowsAt (lhs.map UInt32.toNat) rows h.toNat) := by
  have hnl := Slice.len_toNat lhs hl
  have hnr := Slice.len_toNat rows hr
  unfold commit.mmcs.rows_at_height
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ lhs.length ∧ s.2.toNat ≤ rows.length ∧
      s.1 ++ rowsAt ((lhs.drop s.2.toNat).map UInt32.toNat) (rows.drop s.2.toNat) h.toNat =
        rowsAt (lhs.map UInt32.toNat) rows h.toNat)
    (Q := fun s => s.1 = rowsAt (lhs.map UInt32.toNat) rows h.toNat)
  · intro ⟨out, t⟩ ⟨htl, htr, hout⟩
    simp only at htl htr hout
    by_cases hlt : t < Slice.len lhs ∧ t < Slice.len rows
    · have htl' : t.toNat < lhs.length := by
        rw [UInt64.lt_iff_toNat_lt, hnl] at hlt; exact hlt.1
      have htr' : t.toNat < rows.length := by
        have := hlt.2; rw [UInt64.lt_iff_toNat_lt, hnr] at this; exact this
      have e : (t + 1).toNat = t.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hc : (decide (t < Slice.len lhs) && decide (t < Slice.len rows)) = true := by
        simp [hlt.1, hlt.2]
      rw [rowsAt_drop lhs rows h.toNat t.toNat htl' htr'] at hout
      left
      by_cases heq : lhs[t.toNat] = h
      · have heq' : lhs[t.toNat].toNat = h.toNat := by rw [heq]
        refine ⟨(out ++ [rows[t.toNat]], t + 1), ?_, ?_, ?_⟩
        · simp only [hc, if_true, Slice.index_eq lhs t htl', Slice.index_eq rows t htr', ok_bind,
            heq, Usize.add_eq t 1 (by simp; omega), pure_ok, Slice.push]
        · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
          rw [e]; omega
        · refine ⟨by simp only [e]; omega, by simp only [e]; omega, ?_⟩
          simp only [e]
          rw [if_pos heq'] at hout
          simpa using hout
      · have heq' : ¬ lhs[t.toNat].toNat = h.toNat := fun x => heq (UInt32.toNat_inj.mp x)
        refine ⟨(out, t + 1), ?_, ?_, ?_⟩
        · simp only [hc, if_true, Slice.index_eq lhs t htl', ok_bind, heq, if_false,
            Usize.add_eq t 1 (by simp; omega), pure_ok]
        · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
          rw [e]; omega
        · refine ⟨by simp only [e]; omega, by simp only [e]; omega, ?_⟩
          simp only [e]
          rw [if_neg heq'] at hout
          exact hout
    · have hc : (decide (t < Slice.len lhs) && decide (t < Slice.len rows)) = false := by
        simpa using hlt
      right
      refine ⟨(out, t), by simp only [hc, Bool.false_eq_true, if_false, pure_ok], ?_⟩
      simp only
      have hend : lhs.length ≤ t.toNat ∨ rows.length ≤ t.toNat := by
        rw [UInt64.lt_iff_toNat_lt, hnl, UInt64.lt_iff_toNat_lt, hnr] at hlt; omega
      rcases hend with hend | hend
      · rw [List.drop_eq_nil_of_le hend] at hout
        simpa [rowsAt] using hout
      · rw [List.drop_eq_nil_of_le (as := rows) hend] at hout
        have : ∀ (l : List Nat), rowsAt l [] h.toNat = [] := fun l => by cases l <;> rfl
        simpa [this] using hout
  · exact ⟨by simp, by simp, by simp⟩
  · intro ⟨out, t⟩ hq
    simp only at hq
    simp only [hq, pure_ok]

/-- `max_log_height` is `maxHeight`. -/
theorem max_log_height_spec (lhs : List UInt32) (hl : lhs.length < 2 ^ 64) :
    ∃ m, commit.mmcs.max_log_height lhs = .ok m ∧ m.toNat = maxHeight (lhs.map UInt32.toNat) := by
  have hnl := Slice.len_toNat lhs hl
  unfold commit.mmcs.max_log_height
  refine loop_bind_ex _ _ _ _ (fun (m : UInt32) => m.toNat = maxHeight (lhs.map UInt32.toNat))
    (P := fun (s : UInt32 × Usize) => s.2.toNat ≤ lhs.length ∧
      ((lhs.drop s.2.toNat).map UInt32.toNat).foldl max s.1.toNat = maxHeight (lhs.map UInt32.toNat))
    (Q := fun (s : UInt32 × Usize) => s.1.toNat = maxHeight (lhs.map UInt32.toNat)) ?_ ?_ ?_
  · intro ⟨m, t⟩ ⟨htl, hm⟩
    simp only at htl hm
    by_cases hlt : t < Slice.len lhs
    · have htl' : t.toNat < lhs.length := by
        rw [UInt64.lt_iff_toNat_lt, hnl] at hlt; exact hlt
      have e : (t + 1).toNat = t.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      rw [List.drop_eq_getElem_cons htl', List.map_cons, List.foldl_cons] at hm
      left
      by_cases hgt : lhs[t.toNat] > m
      · refine ⟨(lhs[t.toNat], t + 1), ?_, ?_, ?_⟩
        · simp only [hlt, if_true, Slice.index_eq lhs t htl', ok_bind, hgt,
            Usize.add_eq t 1 (by simp; omega), pure_ok]
        · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
          rw [e]; omega
        · refine ⟨by simp only [e]; omega, ?_⟩
          simp only [e]
          have : max m.toNat lhs[t.toNat].toNat = lhs[t.toNat].toNat := by
            have := UInt32.lt_iff_toNat_lt.mp hgt; omega
          rw [this] at hm; exact hm
      · refine ⟨(m, t + 1), ?_, ?_, ?_⟩
        · simp only [hlt, if_true, Slice.index_eq lhs t htl', ok_bind, hgt, if_false,
            Usize.add_eq t 1 (by simp; omega), pure_ok]
        · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
          rw [e]; omega
        · refine ⟨by simp only [e]; omega, ?_⟩
          simp only [e]
          have : max m.toNat lhs[t.toNat].toNat = m.toNat := by
            have : ¬ m.toNat < lhs[t.toNat].toNat := fun x => hgt (UInt32.lt_iff_toNat_lt.mpr x)
            omega
          rw [this] at hm; exact hm
    · right
      refine ⟨(m, t), by simp only [hlt, if_false, pure_ok], ?_⟩
      have hend : lhs.length ≤ t.toNat := by
        rw [UInt64.lt_iff_toNat_lt, hnl] at hlt; omega
      rw [List.drop_eq_nil_of_le hend] at hm
      simpa using hm
  · exact ⟨by simp, by simp [maxHeight]⟩
  · intro ⟨m, t⟩ hq
    exact ⟨m, by simp only [pure_ok], hq⟩

end Zkvm.Refinement.commit.mmcs
