module

public import Zkvm.Refinement.Receipt.ElfTotal
public import Zkvm.Extracted.Receipt

/-!
# `check_program_image` never panics (issue 11)

`check_program_image_total`: on any program. The reads `image[r]` for `r < 32` are in bounds
because the check first refuses images with fewer than 32 words; `image[j - 1]` because the loop
starts at `j = 1`; the scan for the first ROM word stops at `rom ≤ n`, so the RAM words read below
`rom` are in bounds.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.receipt

open Zkvm.Extraction Zkvm.Extracted
open Zkvm.Refinement.receipt.program

local macro "halt_step" : tactic => `(tactic| exact ⟨_, rfl, idx_done trivial⟩)
local macro "fin" : tactic => `(tactic| exact ⟨_, rfl, trivial⟩)

/- The end of an iteration: stop the loop, or count one further (`hs`, `e`). -/
set_option hygiene false in
local macro "tail_step" : tactic => `(tactic| (
  apply ite_ex
  · intro _; exact ⟨_, rfl, idx_done trivial⟩
  · intro _; refine bind_ex hs ?_; exact ⟨_, rfl, idx_cont e trivial⟩))

/- The same, for the loop whose counter stays at least 1. -/
set_option hygiene false in
local macro "tail_step1" : tactic => `(tactic| (
  apply ite_ex
  · intro _; exact ⟨_, rfl, idx_done trivial⟩
  · intro _
    refine bind_ex hs ?_
    exact ⟨_, rfl, idx_cont e (by show 1 ≤ UInt64.toNat (j + 1); omega)⟩))

/- The register check after `value`, given the read bound `hi`. -/
set_option hygiene false in
local macro "reg_t3" : tactic => `(tactic| (
  apply ite_ex
  · intro _
    refine bind_ex (pure_ok _) ?_
    tail_step
  · intro _
    refine bind_ex (Slice.index_eq _ _ hi) ?_
    refine bind_ex (pure_ok _) ?_
    tail_step))

set_option hygiene false in
local macro "reg_tac" : tactic => `(tactic| (
  refine bind_ex (Slice.index_eq _ _ hi) ?_
  apply ite_ex
  · intro _
    refine bind_ex (pure_ok _) ?_
    reg_t3
  · intro _
    refine bind_ex (Slice.index_eq _ _ hi) ?_
    refine bind_ex (pure_ok _) ?_
    reg_t3))

/-- `check_program_image` returns (the form `check_program_image_total` is proved in). -/
theorem check_program_image_total' (p : receipt.program.Program) :
    ∃ r, receipt.check_program_image p = .ok r ∧ True := by
  have hlen : (Slice.len p.image).toNat ≤ p.image.length := by simp [Slice.len, Nat.mod_le]
  have h32 : (UInt32.toUInt64 receipt.program.NUM_REGISTERS).toNat = 32 := rfl
  unfold receipt.check_program_image
  dsimp only
  apply ite_ex; · intro _; fin
  intro hn
  have hn' : 32 ≤ (Slice.len p.image).toNat := by
    have := UInt64.not_lt.mp hn
    rw [UInt64.le_iff_toNat_le, h32] at this; exact this
  refine loop_idx_bind _ _ _ _ (fun s : Usize => s) (fun _ => rfl) (fun _ => True)
    (fun _ => True) _ ?_ trivial ?_
  · intro r _
    apply ite_ex
    · intro hc
      obtain ⟨hs, e⟩ := succ_of_lt r _ hc
      have hi : r.toNat < p.image.length := by
        have := UInt64.lt_iff_toNat_lt.mp hc
        rw [h32] at this; omega
      apply ite_ex
      · intro _
        refine bind_ex (pure_ok _) ?_
        reg_tac
      · intro _
        refine bind_ex (pure_ok _) ?_
        reg_tac
    · intro _; halt_step
  · intro r _
    cases r with
    | ret x => fin
    | brk r =>
      refine loop_idx_bind _ _ _ _ (fun s : Usize => s) (fun _ => rfl) (fun j => 1 ≤ j.toNat)
        (fun _ => True) _ ?_ (by show 1 ≤ UInt64.toNat 1; decide) ?_
      · intro j hj
        apply ite_ex
        · intro hc
          obtain ⟨hs, e⟩ := succ_of_lt j _ hc
          have hi := lt_len _ j hc
          have h1 : (1 : Usize).toNat ≤ j.toNat := hj
          have hj1 : (j - 1).toNat < p.image.length := by
            rw [UInt64.toNat_sub_of_le _ _ h1]; omega
          refine bind_ex (Usize.sub_eq _ _ h1) ?_
          refine bind_ex (Slice.index_eq _ _ hj1) ?_
          refine bind_ex (Slice.index_eq _ _ hi) ?_
          apply ite_ex
          · intro _
            refine bind_ex (pure_ok _) ?_
            tail_step1
          · intro _
            refine bind_ex (Usize.sub_eq _ _ h1) ?_
            refine bind_ex (Slice.index_eq _ _ hj1) ?_
            refine bind_ex (Slice.index_eq _ _ hi) ?_
            apply ite_ex
            · intro _
              refine bind_ex (Usize.sub_eq _ _ h1) ?_
              refine bind_ex (Slice.index_eq _ _ hj1) ?_
              refine bind_ex (Slice.index_eq _ _ hi) ?_
              refine bind_ex (pure_ok _) ?_
              refine bind_ex (pure_ok _) ?_
              tail_step1
            · intro _
              refine bind_ex (pure_ok _) ?_
              refine bind_ex (pure_ok _) ?_
              tail_step1
        · intro _; halt_step
      · intro r _
        cases r with
        | ret x => fin
        | brk j =>
          refine loop_idx_bind _ _ _ _ (fun s : Usize => s) (fun _ => rfl) (fun _ => True)
            (fun _ => True) _ ?_ trivial ?_
          · intro k _
            apply ite_ex
            · intro hck
              obtain ⟨hsk, ek⟩ := succ_of_lt k _ hck
              have hk := lt_len _ k hck
              refine loop_idx_bind _ _ _ _ (fun s : Usize => s) (fun _ => rfl) (fun _ => True)
                (fun _ => True) _ ?_ trivial ?_
              · intro z _
                apply ite_ex
                · intro hc
                  obtain ⟨hs, e⟩ := succ_of_lt z _ hc
                  have hz := lt_len _ z hc
                  refine bind_ex (Slice.index_eq _ _ hz) ?_
                  refine bind_ex (Slice.index_eq _ _ hk) ?_
                  apply ite_ex
                  · intro _
                    refine bind_ex (Slice.index_eq _ _ hk) ?_
                    refine bind_ex (Slice.index_eq _ _ hz) ?_
                    refine bind_ex (pure_ok _) ?_
                    tail_step
                  · intro _
                    refine bind_ex (pure_ok _) ?_
                    tail_step
                · intro _; halt_step
              · intro r _
                cases r with
                | ret x => halt_step
                | brk z =>
                  refine bind_ex hsk ?_
                  exact ⟨_, rfl, idx_cont ek trivial⟩
            · intro _; halt_step
          · intro r _
            cases r with
            | ret x => fin
            | brk k =>
              refine loop_lt_bind _ _ _ _ (fun rom : Usize => rom.toNat ≤ p.image.length)
                (fun rom : Usize => rom.toNat ≤ p.image.length) _ ?_
                (by show UInt64.toNat (UInt32.toUInt64 receipt.program.NUM_REGISTERS) ≤ _
                    rw [h32]; omega) ?_
              · intro rom hrom
                apply ite_ex
                · intro hc
                  obtain ⟨hs, e⟩ := succ_of_lt rom _ hc
                  have hi := lt_len _ rom hc
                  refine bind_ex (Slice.index_eq _ _ hi) ?_
                  refine bind_ex (pure_ok _) ?_
                  apply ite_ex
                  · intro _
                    refine bind_ex hs ?_
                    refine ⟨_, rfl, lt_cont ?_ ?_⟩
                    · show 2 ^ 64 - (rom + 1).toNat < 2 ^ 64 - rom.toNat
                      have := UInt64.toNat_lt (rom + 1)
                      omega
                    · show (rom + 1).toNat ≤ _; omega
                  · intro _
                    exact ⟨_, rfl, lt_done hrom⟩
                · intro _
                  refine bind_ex (pure_ok _) ?_
                  apply ite_ex
                  · intro h; cases h
                  · intro _
                    exact ⟨_, rfl, lt_done hrom⟩
              · intro rom hrom
                refine loop_idx_bind _ _ _ _ (fun s : Usize × Usize => s.2) (fun _ => rfl)
                  (fun _ => True) (fun _ => True) _ ?_ trivial ?_
                · intro ⟨m, i⟩ _
                  dsimp only
                  apply ite_ex
                  · intro hc
                    obtain ⟨hs, e⟩ := succ_of_lt i _ hc
                    have hi : i.toNat < p.image.length := by
                      have := UInt64.lt_iff_toNat_lt.mp hc; omega
                    refine loop_idx_bind _ _ _ _ (fun s : Usize => s) (fun _ => rfl)
                      (fun _ => True) (fun _ => True) _ ?_ trivial ?_
                    · intro m' _
                      apply ite_ex
                      · intro hc2
                        obtain ⟨hs2, e2⟩ := succ_of_lt m' _ hc2
                        have hm := lt_len _ m' hc2
                        refine bind_ex (Slice.index_eq _ _ hm) ?_
                        refine bind_ex (Slice.index_eq _ _ hi) ?_
                        refine bind_ex (pure_ok _) ?_
                        apply ite_ex
                        · intro _
                          refine bind_ex hs2 ?_
                          exact ⟨_, rfl, idx_cont e2 trivial⟩
                        · intro _; halt_step
                      · intro _
                        refine bind_ex (pure_ok _) ?_
                        apply ite_ex
                        · intro h; cases h
                        · intro _; halt_step
                    · intro m' _
                      apply ite_ex
                      · intro hc2
                        have hm := lt_len _ m' hc2
                        refine bind_ex (Slice.index_eq _ _ hm) ?_
                        refine bind_ex (Slice.index_eq _ _ hi) ?_
                        refine bind_ex (pure_ok _) ?_
                        tail_step
                      · intro _
                        refine bind_ex (pure_ok _) ?_
                        tail_step
                  · intro _; halt_step
                · intro r _
                  cases r with
                  | ret x => fin
                  | brk s => fin

/-- **`check_program_image` never panics**, on any program. -/
theorem check_program_image_total (p : receipt.program.Program) :
    ∃ r, receipt.check_program_image p = .ok r := by
  obtain ⟨r, hr, -⟩ := check_program_image_total' p
  exact ⟨r, hr⟩

end Zkvm.Refinement.receipt
