module

public import Zkvm.Refinement.Receipt.ElfTotal
public import Zkvm.Refinement.Receipt.ProgramDecodeWord
public import Zkvm.Extracted.Receipt

/-!
# `check_program_rows`: a key's program rows are its ROM words decoded

`verifying_key` accepts a program only when `check_program_rows` does: walking the image's ROM
words in order, every word `decode_word` gives a row for is the next program row, and no row is
left over. `check_program_rows_ok`: it never panics, and when it accepts, every program row is
the Lean decoder's row (`Spec.decodeRow`) of a ROM word of the image at its address — the
program binding the whole-run theorem takes of the fixed table (`romRows_of_check`).
-/

set_option autoImplicit false

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.receipt

open Zkvm.Extraction Zkvm.Extracted
open Zkvm.Refinement.receipt.program

/-- Row `i` of the program is the decoder's row of a ROM word of the image at its address. -/
def RowDecoded (p : receipt.program.Program) (i : Nat) : Prop :=
  ∃ h : i < p.rows.length, ∃ w ∈ p.image, w.space = receipt.program.SPACE_ROM ∧
    ∃ r, Spec.decodeRow (w.wa * 4) w.value = some r ∧ p.rows[i] = toRow r

/-- `same_row` accepts equal rows only. -/
theorem same_row_true {a b : receipt.program.ProgramRow}
    (h : receipt.same_row a b = .ok true) : a = b := by
  unfold receipt.same_row at h
  have h' := Outcome.ok.inj h
  simp only [Bool.and_eq_true, decide_eq_true_eq] at h'
  obtain ⟨⟨⟨⟨⟨⟨⟨⟨⟨h1, h2⟩, h3⟩, h4⟩, h5⟩, h6⟩, h7⟩, h8⟩, h9⟩, h10⟩ := h'
  cases a; cases b
  simp_all

/-- `same_row` returns. -/
theorem same_row_ok (a b : receipt.program.ProgramRow) :
    ∃ x, receipt.same_row a b = .ok x := ⟨_, rfl⟩

/-- **`check_program_rows` never panics, and accepts only a program whose rows are its ROM words
decoded.** -/
theorem check_program_rows_ok (p : receipt.program.Program) :
    ∃ r, receipt.check_program_rows p = .ok r ∧
      (r = .ok () → p.rows.length < 2 ^ 64 → ∀ i < p.rows.length, RowDecoded p i) := by
  unfold receipt.check_program_rows
  dsimp only
  refine loop_idx_bind _ _ _ _ (fun s : Usize × Usize => s.2) (fun _ => rfl)
    (fun s => s.1.toNat ≤ s.2.toNat ∧ s.1.toNat ≤ p.rows.length ∧
      ∀ i < s.1.toNat, RowDecoded p i)
    (fun x => match x with
      | .ret r => r ≠ .ok ()
      | .brk s => s.1.toNat ≤ p.rows.length ∧ ∀ i < s.1.toNat, RowDecoded p i)
    _ ?_ ⟨Nat.le_refl _, Nat.zero_le _, fun i hi => absurd hi (Nat.not_lt_zero _)⟩ ?_
  · rintro ⟨k, j⟩ ⟨hkj, hkl, hgood⟩
    dsimp only at hkj hkl hgood ⊢
    apply ite_ex
    · intro hc
      obtain ⟨hs, e⟩ := succ_of_lt j _ hc
      have hj := lt_len _ j hc
      refine bind_ex (Slice.index_eq _ _ hj) ?_
      apply ite_ex
      · intro hrom
        refine bind_ex (Slice.index_eq _ _ hj) ?_
        by_cases hmul : (p.image[j.toNat]).wa.toNat * (4 : UInt32).toNat < 2 ^ 32
        · have hcm : U32.checked_mul (p.image[j.toNat]).wa 4 = some ((p.image[j.toNat]).wa * 4) := by
            simp only [U32.checked_mul, if_pos hmul]
          rw [hcm]
          dsimp only
          refine bind_ex (pure_ok _) ?_
          refine bind_ex (Slice.index_eq _ _ hj) ?_
          refine bind_ex (decode_word_spec _ _) ?_
          cases hd : Spec.decodeRow ((p.image[j.toNat]).wa * 4) (p.image[j.toNat]).value with
          | none =>
            dsimp only [Option.map_none]
            refine bind_ex (pure_ok _) ?_
            refine bind_ex hs ?_
            exact ⟨_, rfl, idx_cont e ⟨show k.toNat ≤ (j + 1).toNat by omega, hkl, hgood⟩⟩
          | some row =>
            dsimp only [Option.map_some]
            by_cases hk : k ≥ Slice.len p.rows
            · rw [if_pos hk]
              refine bind_ex (pure_ok _) ?_
              rw [if_pos rfl]
              exact ⟨_, rfl, idx_done (by simp)⟩
            · rw [if_neg hk]
              have hkl' : k.toNat < p.rows.length := lt_len _ k (by
                exact UInt64.not_le.mp hk)
              refine bind_ex (Slice.index_eq _ _ hkl') ?_
              obtain ⟨x, hx⟩ := same_row_ok p.rows[k.toNat] (toRow row)
              refine bind_ex hx ?_
              refine bind_ex (pure_ok _) ?_
              cases x with
              | false =>
                simp only [Bool.not_false, if_true]
                exact ⟨_, rfl, idx_done (by simp)⟩
              | true =>
                simp only [Bool.not_true, Bool.false_eq_true, if_false]
                have heq := same_row_true hx
                obtain ⟨hks, ek⟩ := succ_of_lt k _ (UInt64.not_le.mp hk)
                refine bind_ex hks ?_
                refine bind_ex hs ?_
                refine ⟨_, rfl, idx_cont e ⟨show (k + 1).toNat ≤ (j + 1).toNat by omega,
                  show (k + 1).toNat ≤ p.rows.length by omega, fun i hi => ?_⟩⟩
                rw [ek] at hi
                rcases Nat.lt_succ_iff_lt_or_eq.mp hi with hi | hi
                · exact hgood i hi
                · subst hi
                  exact ⟨hkl', p.image[j.toNat], List.getElem_mem hj, hrom, row, hd, heq⟩
        · have hcm : U32.checked_mul (p.image[j.toNat]).wa 4 = none := by
            simp only [U32.checked_mul, if_neg hmul]
          rw [hcm]
          exact ⟨_, rfl, idx_done (by simp)⟩
      · intro _
        refine bind_ex (pure_ok _) ?_
        refine bind_ex hs ?_
        exact ⟨_, rfl, idx_cont e ⟨show k.toNat ≤ (j + 1).toNat by omega, hkl, hgood⟩⟩
    · intro _
      exact ⟨_, rfl, idx_done ⟨hkl, hgood⟩⟩
  · intro r hr
    cases r with
    | ret x => exact ⟨_, rfl, fun h _ => absurd h hr⟩
    | brk s =>
      obtain ⟨k, j⟩ := s
      obtain ⟨hkl, hgood⟩ := hr
      dsimp only
      apply ite_ex
      · intro _
        exact ⟨_, rfl, fun h _ => by cases h⟩
      · intro hne
        refine ⟨_, rfl, fun _ h64 i hi => ?_⟩
        have hlen := Slice.len_toNat p.rows h64
        have : k = Slice.len p.rows := Classical.byContradiction hne
        exact hgood i (by rw [this, hlen]; exact hi)

end Zkvm.Refinement.receipt

end
