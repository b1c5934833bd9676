module

public import Zkvm.Refinement.Receipt.ValidateTotal
public import Zkvm.Refinement.Receipt.ProgramDecodeWord

/-!
# Reading a segment's word and decoding it never panic (issue 11)

* `add64_ok`, `sub64_ok`, `mul64_ok`, `div64_ok`: checked `u64` arithmetic that fits, with the
  value as a number;
* `segment_word_total`: `program::segment_word` never panics for a word address below `2^61`
  (its byte addresses `4 wa + k` fit in a `u64`; every file position is checked against the
  file's length before it is read);
* `classify_build_total`: `program::classify` never panics, and neither does `build_row` on
  the op and format it gives (from `decode_word_spec`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.receipt.program

open Zkvm.Extraction Zkvm.Extracted

theorem add64_ok (a b : UInt64) (h : a.toNat + b.toNat < 2 ^ 64) :
    U64.add a b = .ok (a + b) ∧ (a + b).toNat = a.toNat + b.toNat :=
  ⟨U64.add_eq a b h, by rw [UInt64.toNat_add, Nat.mod_eq_of_lt h]⟩

theorem sub64_ok (a b : UInt64) (h : b.toNat ≤ a.toNat) :
    U64.sub a b = .ok (a - b) ∧ (a - b).toNat = a.toNat - b.toNat :=
  ⟨U64.sub_eq a b h, UInt64.toNat_sub_of_le _ _ h⟩

theorem mul64_ok (a b : UInt64) (h : a.toNat * b.toNat < 2 ^ 64) :
    U64.mul a b = .ok (a * b) ∧ (a * b).toNat = a.toNat * b.toNat :=
  ⟨U64.mul_eq a b h, by rw [UInt64.toNat_mul, Nat.mod_eq_of_lt h]⟩

theorem div64_ok (a : UInt64) :
    U64.div a 4 = .ok (a / 4) ∧ (a / 4).toNat = a.toNat / 4 :=
  ⟨U64.div_eq a 4 (by decide), UInt64.toNat_div _ _⟩

theorem add64_bind {β : Type} {a b : UInt64} {k : UInt64 → Outcome β} {R : β → Prop}
    (hab : a.toNat + b.toNat < 2 ^ 64)
    (h : ∀ c : UInt64, c.toNat = a.toNat + b.toNat → ∃ x, k c = .ok x ∧ R x) :
    ∃ x, (U64.add a b >>= k) = .ok x ∧ R x := by
  obtain ⟨e1, e2⟩ := add64_ok a b hab
  rw [e1, ok_bind]; exact h _ e2

theorem sub64_bind {β : Type} {a b : UInt64} {k : UInt64 → Outcome β} {R : β → Prop}
    (hab : b.toNat ≤ a.toNat)
    (h : ∀ c : UInt64, c.toNat = a.toNat - b.toNat → ∃ x, k c = .ok x ∧ R x) :
    ∃ x, (U64.sub a b >>= k) = .ok x ∧ R x := by
  obtain ⟨e1, e2⟩ := sub64_ok a b hab
  rw [e1, ok_bind]; exact h _ e2

theorem mul64_bind {β : Type} {a b : UInt64} {k : UInt64 → Outcome β} {R : β → Prop}
    (hab : a.toNat * b.toNat < 2 ^ 64)
    (h : ∀ c : UInt64, c.toNat = a.toNat * b.toNat → ∃ x, k c = .ok x ∧ R x) :
    ∃ x, (U64.mul a b >>= k) = .ok x ∧ R x := by
  obtain ⟨e1, e2⟩ := mul64_ok a b hab
  rw [e1, ok_bind]; exact h _ e2

theorem div64_bind {β : Type} {a : UInt64} {k : UInt64 → Outcome β} {R : β → Prop}
    (h : ∀ c : UInt64, c.toNat = a.toNat / 4 → ∃ x, k c = .ok x ∧ R x) :
    ∃ x, (U64.div a 4 >>= k) = .ok x ∧ R x := by
  obtain ⟨e1, e2⟩ := div64_ok a
  rw [e1, ok_bind]; exact h _ e2

/-- A read `l[i]` in bounds, naming the element. -/
theorem index_bind {α β : Type} (l : List α) (i : Usize) (hi : i.toNat < l.length)
    {k : α → Outcome β} {R : β → Prop} (h : ∀ a, l[i.toNat] = a → ∃ x, k a = .ok x ∧ R x) :
    ∃ x, (Slice.index l i >>= k) = .ok x ∧ R x := by
  rw [Slice.index_eq l i hi, ok_bind]; exact h _ rfl

/-- A segment's mapped end, named. -/
theorem mapped_end_bind {β : Type} (s : receipt.program.LoadSegment)
    {k : Except error.VerifyError UInt64 → Outcome β} {R : β → Prop}
    (h : ∀ e : UInt64, e.toNat = (s.vaddr.toNat + s.mem_size.toNat + 3) / 4 * 4 →
      ∃ x, k (.ok e) = .ok x ∧ R x) :
    ∃ x, (receipt.program.mapped_end s >>= k) = .ok x ∧ R x := by
  obtain ⟨e1, e2⟩ := mapped_end_eq s
  rw [e1, ok_bind]; exact h _ e2

/-- A segment's mapped start, named. -/
theorem mapped_start_bind {β : Type} (s : receipt.program.LoadSegment)
    {k : UInt64 → Outcome β} {R : β → Prop}
    (h : ∀ e : UInt64, e.toNat = s.vaddr.toNat / 4 * 4 → ∃ x, k e = .ok x ∧ R x) :
    ∃ x, (receipt.program.mapped_start s >>= k) = .ok x ∧ R x := by
  obtain ⟨e1, e2⟩ := mapped_start_eq s
  rw [e1, ok_bind]; exact h _ e2

/-- A bind of an `if` both of whose branches, continued, return. -/
theorem ite_bind_ex {α β : Type} {c : Prop} [Decidable c] {a b : Outcome α}
    {f : α → Outcome β} {R : β → Prop}
    (h1 : c → ∃ x, (a >>= f) = .ok x ∧ R x) (h2 : ¬c → ∃ x, (b >>= f) = .ok x ∧ R x) :
    ∃ x, ((if c then a else b) >>= f) = .ok x ∧ R x := by
  by_cases h : c
  · rw [if_pos h]; exact h1 h
  · rw [if_neg h]; exact h2 h

/-- **`segment_word` never panics** for a word address below `2^61`. -/
theorem segment_word_total (elf : List UInt8) (s : receipt.program.LoadSegment) (wa : UInt64)
    (hwa : wa.toNat < 2 ^ 61) :
    ∃ r, receipt.program.segment_word elf s wa = .ok r := by
  have hv := s.vaddr.toNat_lt
  have hf := s.file_size.toNat_lt
  have hlen : (Slice.len elf).toNat ≤ elf.length := by simp [Slice.len, Nat.mod_le]
  suffices h : ∃ r, receipt.program.segment_word elf s wa = .ok r ∧ True by
    obtain ⟨r, hr, -⟩ := h; exact ⟨r, hr⟩
  unfold receipt.program.segment_word
  dsimp only
  refine loop_idx_bind _ _ _ _ (fun s : UInt32 × UInt64 => s.2) (fun _ => rfl)
    (fun _ => True) (fun _ => True) _ ?_ trivial ?_
  · intro ⟨value, k⟩ _
    dsimp only
    apply ite_ex
    · intro hk
      have hk' := UInt64.lt_iff_toNat_lt.mp hk
      have h4 : (4 : UInt64).toNat = 4 := rfl
      rw [h4] at hk'
      obtain ⟨hs, e⟩ := succ64_of_lt k _ hk
      obtain ⟨m1, em1⟩ := mul64_ok wa 4 (by rw [h4]; omega)
      refine bind_ex m1 ?_
      obtain ⟨a1, ea1⟩ := add64_ok (wa * 4) k (by rw [em1, h4]; omega)
      refine bind_ex a1 ?_
      apply ite_ex
      · intro hge
        have hge' := UInt64.le_iff_toNat_le.mp hge
        obtain ⟨a2, -⟩ := add64_ok s.vaddr.toUInt64 s.file_size.toUInt64
          (by simp only [UInt32.toNat_toUInt64]; omega)
        refine bind_ex a2 ?_
        refine bind_ex (pure_ok _) ?_
        apply ite_ex
        · intro _
          refine bind_ex (sub64_ok _ _ hge').1 ?_
          cases hp : Usize.checked_add s.offset (wa * 4 + k - s.vaddr.toUInt64) with
          | none => exact ⟨_, rfl, idx_done trivial⟩
          | some p =>
            refine bind_ex (pure_ok _) ?_
            apply ite_ex; · intro _; exact ⟨_, rfl, idx_done trivial⟩
            intro hp'
            have hp2 := lt_len elf p (UInt64.not_le.mp hp')
            refine bind_ex (Slice.index_eq elf p hp2) ?_
            obtain ⟨m2, em2⟩ := mul64_ok 8 k (by show 8 * _ < _; omega)
            refine bind_ex m2 ?_
            refine bind_ex (U32.shl_eq _ _ (by rw [em2]; show 8 * _ < 32; omega)) ?_
            refine bind_ex (pure_ok _) ?_
            refine bind_ex hs ?_
            exact ⟨_, rfl, idx_cont e trivial⟩
        · intro _
          refine bind_ex (pure_ok _) ?_
          refine bind_ex hs ?_
          exact ⟨_, rfl, idx_cont e trivial⟩
      · intro _
        refine bind_ex (pure_ok _) ?_
        apply ite_ex
        · intro h; cases h
        · intro _
          refine bind_ex (pure_ok _) ?_
          refine bind_ex hs ?_
          exact ⟨_, rfl, idx_cont e trivial⟩
    · intro _
      exact ⟨_, rfl, idx_done trivial⟩
  · intro r _
    cases r with
    | ret x => exact ⟨_, rfl, trivial⟩
    | brk x => exact ⟨_, rfl, trivial⟩

/-- **`classify` never panics, nor does `build_row` on its op and format** (for any pc). -/
theorem classify_build_total (pc w : UInt32) :
    ∃ op fmt, receipt.program.classify w = .ok (op, fmt) ∧
      (op ≠ receipt.program.NO_OP → ∃ row, receipt.program.build_row pc w op fmt = .ok row) := by
  have h := decode_word_spec pc w
  unfold receipt.program.decode_word at h
  obtain ⟨⟨op, fmt⟩, hc, hk⟩ := Outcome.bind_eq_ok.mp h
  refine ⟨op, fmt, hc, fun hne => ?_⟩
  simp only at hk
  rw [if_neg hne] at hk
  obtain ⟨row, hr, -⟩ := Outcome.bind_eq_ok.mp hk
  exact ⟨row, hr⟩

end Zkvm.Refinement.receipt.program
