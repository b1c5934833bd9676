module

public import Zkvm.Refinement.Receipt.SortTotal

/-!
# Validating the segments never panics (issue 11)

* `and_not3`: rounding down to a multiple of 4 (`x & !3`) as a number;
* `segment_end_eq`, `mapped_end_eq`, `mapped_start_eq`: a segment's end and its mapped words'
  bounds, which never panic nor fail (a `u32` address plus a `u32` size fits in a `u64`);
* `validate_segments_total`: `program::validate_segments` never panics on segments shorter than
  `2^64`; when it accepts them, the order it returns has at least as many entries as there are
  segments (so every segment index is a valid index of the order) and every segment ends at or
  below `SEGMENT_LIMIT` (`ValidOk`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.receipt.program

open Zkvm.Extraction Zkvm.Extracted

/-- `x & !3` is `x` rounded down to a multiple of 4. -/
theorem and_not3 (x : UInt64) : (x &&& ~~~3).toNat = x.toNat / 4 * 4 := by
  rw [UInt64.toNat_and]
  have h3 : (~~~(3 : UInt64)).toNat = 2 ^ 64 - 4 := by decide
  rw [h3]
  have hx := x.toNat_lt
  apply Nat.eq_of_testBit_eq
  intro i
  rw [Nat.testBit_and]
  have e : x.toNat / 4 * 4 = x.toNat / 2 ^ 2 * 2 ^ 2 := rfl
  rw [e, Nat.testBit_mul_two_pow]
  have e2 : 2 ^ 64 - 4 = (2 ^ 62 - 1) * 2 ^ 2 := by decide
  rw [e2, Nat.testBit_mul_two_pow]
  by_cases hi : 2 ≤ i
  · simp only [hi, decide_true, Bool.true_and, Nat.testBit_div_two_pow, Nat.sub_add_cancel hi,
      Nat.testBit_two_pow_sub_one]
    by_cases h2 : i - 2 < 62
    · simp [h2]
    · simp only [h2, decide_false, Bool.and_false]
      have : x.toNat.testBit i = false := Nat.testBit_lt_two_pow
        (Nat.lt_of_lt_of_le hx (Nat.pow_le_pow_right (by decide) (show 64 ≤ i by omega)))
      simp [this]
  · simp [hi]

/-- A segment's end never overflows. -/
theorem segment_end_eq (s : receipt.program.LoadSegment) :
    receipt.program.segment_end s = .ok (.ok (s.vaddr.toUInt64 + s.mem_size.toUInt64)) ∧
      (s.vaddr.toUInt64 + s.mem_size.toUInt64).toNat = s.vaddr.toNat + s.mem_size.toNat := by
  have h1 := s.vaddr.toNat_lt
  have h2 := s.mem_size.toNat_lt
  have hs : (s.vaddr.toUInt64).toNat + (s.mem_size.toUInt64).toNat < 2 ^ 64 := by
    simp only [UInt32.toNat_toUInt64]; omega
  have hc : U64.checked_add s.vaddr.toUInt64 s.mem_size.toUInt64 =
      some (s.vaddr.toUInt64 + s.mem_size.toUInt64) := by
    simp only [U64.checked_add]; rw [if_pos hs]
  refine ⟨?_, ?_⟩
  · unfold receipt.program.segment_end
    rw [hc]; rfl
  · rw [UInt64.toNat_add, Nat.mod_eq_of_lt hs]; simp only [UInt32.toNat_toUInt64]

/-- The end of a segment's last mapped word never overflows. -/
theorem mapped_end_eq (s : receipt.program.LoadSegment) :
    receipt.program.mapped_end s =
        .ok (.ok ((s.vaddr.toUInt64 + s.mem_size.toUInt64 + 3) &&& ~~~3)) ∧
      ((s.vaddr.toUInt64 + s.mem_size.toUInt64 + 3) &&& ~~~3).toNat =
        (s.vaddr.toNat + s.mem_size.toNat + 3) / 4 * 4 := by
  obtain ⟨h1, e1⟩ := segment_end_eq s
  have hv := s.vaddr.toNat_lt
  have hm := s.mem_size.toNat_lt
  have ha : (s.vaddr.toUInt64 + s.mem_size.toUInt64).toNat + (3 : UInt64).toNat < 2 ^ 64 := by
    rw [e1]; show _ + 3 < _; omega
  have e3 : (s.vaddr.toUInt64 + s.mem_size.toUInt64 + 3).toNat =
      s.vaddr.toNat + s.mem_size.toNat + 3 := by
    rw [UInt64.toNat_add, Nat.mod_eq_of_lt ha, e1]; rfl
  refine ⟨?_, ?_⟩
  · unfold receipt.program.mapped_end
    rw [h1, ok_bind]
    show (U64.add _ 3 >>= fun x => pure (Except.ok (x &&& ~~~3))) = _
    rw [U64.add_eq _ _ ha, ok_bind]; rfl
  · rw [and_not3, e3]

/-- The start of a segment's first mapped word. -/
theorem mapped_start_eq (s : receipt.program.LoadSegment) :
    receipt.program.mapped_start s = .ok (s.vaddr.toUInt64 &&& ~~~3) ∧
      (s.vaddr.toUInt64 &&& ~~~3).toNat = s.vaddr.toNat / 4 * 4 := by
  refine ⟨rfl, ?_⟩
  rw [and_not3]; simp only [UInt32.toNat_toUInt64]

/-- Every segment ends at or below `SEGMENT_LIMIT` (`0x3FF0_0000`). -/
def SegsBelow (segments : List receipt.program.LoadSegment) : Prop :=
  ∀ k (hk : k < segments.length),
    segments[k].vaddr.toNat + segments[k].mem_size.toNat ≤ 1072693248

/-- What an accepted layout gives `load_program`: an order indexing every segment, and every
segment below `SEGMENT_LIMIT`. -/
def ValidOk (segments : List receipt.program.LoadSegment)
    (r : Except error.VerifyError (List Usize × UInt32)) : Prop :=
  ∀ order heap, r = .ok (order, heap) → segments.length ≤ order.length ∧ SegsBelow segments

local macro "bad" : tactic => `(tactic| exact ⟨_, rfl, fun _ _ h => by cases h⟩)
local macro "ret_err" : tactic =>
  `(tactic| exact ⟨_, rfl, idx_done fun x hx _ _ h => by cases hx; cases h⟩)

/- The heap loop and the last check, given `hlo` and `hb`. -/
set_option hygiene false in
local macro "heap_tac" : tactic => `(tactic| (
  refine loop_idx_bind _ _ _ _ (fun s : UInt64 × Usize => s.2) (fun _ => rfl) (fun _ => True)
    (fun r => ∀ x, r = .ret x → ValidOk segments x) _ ?_ trivial ?_
  · intro ⟨hp, m⟩ _
    dsimp only
    apply ite_ex
    · intro hc
      obtain ⟨hs, e⟩ := succ_of_lt m _ hc
      refine bind_ex (Slice.index_eq segments m (lt_len segments m hc)) ?_
      refine bind_ex (mapped_end_eq _).1 ?_
      refine bind_ex (pure_ok _) ?_
      apply ite_ex
      · intro _
        refine bind_ex (pure_ok _) ?_
        refine bind_ex hs ?_
        exact ⟨_, rfl, idx_cont e trivial⟩
      · intro _
        refine bind_ex (pure_ok _) ?_
        refine bind_ex hs ?_
        exact ⟨_, rfl, idx_cont e trivial⟩
    · intro _
      exact ⟨_, rfl, idx_done fun x hx => by cases hx⟩
  · intro r hr
    cases r with
    | ret x => exact ⟨_, rfl, hr x rfl⟩
    | brk s =>
      apply ite_ex
      · intro _; bad
      · intro _
        exact ⟨_, rfl, fun o h hh => by cases hh; exact ⟨hlo, hb⟩⟩))

/-- **`validate_segments` never panics** on segments shorter than `2^64`. -/
theorem validate_segments_total (entry : UInt32) (segments : List receipt.program.LoadSegment)
    (hl : segments.length < 2 ^ 64) :
    ∃ r, receipt.program.validate_segments entry segments = .ok r ∧ ValidOk segments r := by
  have hn := Slice.len_toNat segments hl
  have hlim : (UInt32.toUInt64 receipt.program.SEGMENT_LIMIT).toNat = 1072693248 := rfl
  unfold receipt.program.validate_segments
  dsimp only
  apply ite_ex; · intro _; bad
  intro hn0
  refine loop_idx_bind _ _ _ _ (fun s : Usize => s) (fun _ => rfl)
    (fun i => ∀ k (hk : k < segments.length), k < i.toNat →
      segments[k].vaddr.toNat + segments[k].mem_size.toNat ≤ 1072693248)
    (fun r => (∀ x, r = .ret x → ValidOk segments x) ∧ (∀ i, r = .brk i → SegsBelow segments))
    _ ?_ ?_ ?_
  · intro i hi
    apply ite_ex
    · intro hc
      have hc' := lt_len segments i hc
      obtain ⟨hs, e⟩ := succ_of_lt i _ hc
      refine bind_ex (Slice.index_eq segments i hc') ?_
      refine bind_ex (segment_end_eq _).1 ?_
      refine bind_ex (pure_ok _) ?_
      refine bind_ex (Slice.index_eq segments i hc') ?_
      apply ite_ex
      · intro _
        exact ⟨_, rfl, idx_done ⟨(fun x hx _ _ h => by cases hx; cases h), (fun _ h => by cases h)⟩⟩
      · intro hok
        simp only [Bool.or_eq_true, decide_eq_true_eq, not_or] at hok
        have hb : segments[i.toNat].vaddr.toNat + segments[i.toNat].mem_size.toNat ≤
            1072693248 := by
          have := UInt64.not_lt.mp hok.2
          rw [UInt64.le_iff_toNat_le, (segment_end_eq _).2, hlim] at this
          exact this
        refine bind_ex hs ?_
        refine ⟨_, rfl, idx_cont e (fun k hk hki => ?_)⟩
        rcases Nat.lt_or_ge k i.toNat with h | h
        · exact hi k hk h
        · have : k = i.toNat := by
            have : k < (i + 1).toNat := hki
            omega
          subst this
          exact hb
    · intro hc
      refine ⟨_, rfl, idx_done ⟨(fun x hx => by cases hx), (fun i' hi' k hk => ?_)⟩⟩
      cases hi'
      have := UInt64.not_lt.mp hc
      rw [UInt64.le_iff_toNat_le, hn] at this
      exact hi k hk (by omega)
  · intro k hk h
    exact absurd h (Nat.not_lt_zero _)
  · intro r ⟨hret, hbrk⟩
    cases r with
    | ret x => exact ⟨_, rfl, hret x rfl⟩
    | brk i =>
      have hb := hbrk i rfl
      obtain ⟨o, ho⟩ := sort_by_vaddr_total segments hl
      refine bind_ex ho ?_
      rcases o with e | order
      · bad
      refine bind_ex (pure_ok _) ?_
      apply ite_ex; · intro _; bad
      intro hlen
      have hlo : segments.length ≤ order.length := by
        have h2 := congrArg UInt64.toNat (Classical.not_not.mp hlen)
        rw [hn] at h2
        have : (Slice.len order).toNat ≤ order.length := by simp [Slice.len, Nat.mod_le]
        omega
      refine loop_idx_bind _ _ _ _ (fun s : Usize => s) (fun _ => rfl) (fun j => 1 ≤ j.toNat)
        (fun r => ∀ x, r = .ret x → ValidOk segments x) _ ?_ ?_ ?_
      · intro j hj
        apply ite_ex
        · intro hc
          have hc' := lt_len segments j hc
          obtain ⟨hs, e⟩ := succ_of_lt j _ hc
          have h1 : (1 : Usize).toNat ≤ j.toNat := hj
          refine bind_ex (Usize.sub_eq j 1 h1) ?_
          have hj1 : (j - 1).toNat = j.toNat - 1 := UInt64.toNat_sub_of_le _ _ h1
          refine bind_ex (Slice.index_eq order (j - 1) (by omega)) ?_
          refine bind_ex (Slice.index_eq order j (by omega)) ?_
          apply ite_ex; · intro _; ret_err
          intro hab
          simp only [Bool.or_eq_true, decide_eq_true_eq, not_or, ge_iff_le, UInt64.not_le] at hab
          have ha := lt_len segments _ hab.1
          have hb' := lt_len segments _ hab.2
          refine bind_ex (Slice.index_eq segments _ ha) ?_
          refine bind_ex (mapped_end_eq _).1 ?_
          refine bind_ex (pure_ok _) ?_
          refine bind_ex (Slice.index_eq segments _ hb') ?_
          refine bind_ex (mapped_start_eq _).1 ?_
          apply ite_ex; · intro _; ret_err
          intro _
          refine bind_ex hs ?_
          exact ⟨_, rfl, idx_cont e (by show 1 ≤ (j + 1).toNat; omega)⟩
        · intro _; exact ⟨_, rfl, idx_done fun x hx => by cases hx⟩
      · show 1 ≤ (1 : Usize).toNat; decide
      · intro r hr
        cases r with
        | ret x => exact ⟨_, rfl, hr x rfl⟩
        | brk j =>
          show ∃ b, (if entry &&& 3 = 0 then _ else _) = _ ∧ _
          apply ite_ex
          · intro _
            refine bind_ex (U64.add_eq _ _ (by
              rw [UInt32.toNat_toUInt64]; have := entry.toNat_lt
              show entry.toNat + 4 < 2 ^ 64; omega)) ?_
            refine loop_idx_bind _ _ _ _ (fun s : Bool × Usize => s.2) (fun _ => rfl)
              (fun _ => True) (fun r => ∀ x, r = .ret x → ValidOk segments x) _ ?_ trivial ?_
            · intro ⟨eok, k⟩ _
              dsimp only
              apply ite_ex
              · intro hc
                obtain ⟨hs, e⟩ := succ_of_lt k _ hc
                refine bind_ex (Slice.index_eq segments k (lt_len segments k hc)) ?_
                refine bind_ex (segment_end_eq _).1 ?_
                refine bind_ex (pure_ok _) ?_
                apply ite_ex
                · intro _
                  refine bind_ex (pure_ok _) ?_
                  refine bind_ex hs ?_
                  exact ⟨_, rfl, idx_cont e trivial⟩
                · intro _
                  refine bind_ex (pure_ok _) ?_
                  refine bind_ex hs ?_
                  exact ⟨_, rfl, idx_cont e trivial⟩
              · intro _
                exact ⟨_, rfl, idx_done fun x hx => by cases hx⟩
            · intro r hr
              cases r with
              | ret x => exact ⟨_, rfl, hr x rfl⟩
              | brk s =>
                refine bind_ex (pure_ok _) ?_
                apply ite_ex
                · intro _; bad
                · intro _
                  heap_tac
          · intro _
            refine bind_ex (pure_ok _) ?_
            apply ite_ex
            · intro _; bad
            · intro _
              heap_tac

end Zkvm.Refinement.receipt.program
