module

public import Zkvm.Refinement.Receipt.LoadProgramTotal
public import Zkvm.Refinement.Receipt.CheckImageTotal
public import Zkvm.Refinement.Receipt.CheckRows

/-!
# `verifying_key` never panics (issue 11)

* `check_program_counts_total`, `check_program_shape_total`: two of the three checks of a
  program never panic, on any program (an index below a list's `usize` length is in bounds);
  the third, `check_program_image_total`, is in CheckImageTotal.lean;
* `verifying_key_total`: **on every byte string `receipt::verifying_key` returns** a key or a
  typed error: it never panics and never diverges (`load_program_total`, LoadProgramTotal.lean,
  for the program). It needs no bound on the length.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.receipt

open Zkvm.Extraction Zkvm.Extracted
open Zkvm.Refinement.receipt.program

local macro "halt_step" : tactic => `(tactic| exact ⟨_, rfl, idx_done trivial⟩)
local macro "fin" : tactic => `(tactic| exact ⟨_, rfl, trivial⟩)

/- The end of an iteration: stop the loop, or count one further. -/
set_option hygiene false in
local macro "tail_step" : tactic => `(tactic| (
  apply ite_ex
  · intro _; exact ⟨_, rfl, idx_done trivial⟩
  · intro _; refine bind_ex hs ?_; exact ⟨_, rfl, idx_cont e trivial⟩))

/- The image loop of `check_program_shape`: `t5'` then `t7'`, given the read bound `hj`. -/
set_option hygiene false in
local macro "shape_t7" : tactic => `(tactic| (
  apply ite_ex
  · intro _
    refine bind_ex (pure_ok _) ?_
    tail_step
  · intro _
    apply ite_ex
    · intro _
      refine bind_ex (Slice.index_eq _ _ hj) ?_
      refine bind_ex (pure_ok _) ?_
      refine bind_ex (pure_ok _) ?_
      tail_step
    · intro _
      refine bind_ex (pure_ok _) ?_
      refine bind_ex (pure_ok _) ?_
      tail_step))

/-- **`check_program_counts` never panics.** -/
theorem check_program_counts_total (p : receipt.program.Program) :
    ∃ r, receipt.check_program_counts p = .ok r := by
  unfold receipt.check_program_counts
  dsimp only
  split
  · exact ⟨_, rfl⟩
  · split
    · exact ⟨_, rfl⟩
    · split
      · exact ⟨_, rfl⟩
      · exact ⟨_, rfl⟩

/-- **`check_program_shape` never panics.** -/
theorem check_program_shape_total (p : receipt.program.Program) :
    ∃ r, receipt.check_program_shape p = .ok r := by
  suffices h : ∃ r, receipt.check_program_shape p = .ok r ∧ True by
    obtain ⟨r, hr, -⟩ := h; exact ⟨r, hr⟩
  unfold receipt.check_program_shape
  dsimp only
  apply ite_ex; · intro _; fin
  intro _
  refine loop_idx_bind _ _ _ _ (fun s : Usize => s) (fun _ => rfl) (fun _ => True)
    (fun _ => True) _ ?_ trivial ?_
  · intro i _
    apply ite_ex
    · intro hc
      obtain ⟨hs, e⟩ := succ_of_lt i _ hc
      refine bind_ex (Slice.index_eq _ i (lt_len _ i hc)) ?_
      tail_step
    · intro _; halt_step
  · intro r _
    cases r with
    | ret x => fin
    | brk i =>
      refine loop_idx_bind _ _ _ _ (fun s : Usize => s) (fun _ => rfl) (fun _ => True)
        (fun _ => True) _ ?_ trivial ?_
      · intro j _
        apply ite_ex
        · intro hc
          obtain ⟨hs, e⟩ := succ_of_lt j _ hc
          have hj := lt_len _ j hc
          refine bind_ex (Slice.index_eq _ _ hj) ?_
          refine bind_ex (Slice.index_eq _ _ hj) ?_
          apply ite_ex
          · intro _
            refine bind_ex (pure_ok _) ?_
            shape_t7
          · intro _
            refine bind_ex (Slice.index_eq _ _ hj) ?_
            refine bind_ex (U32.div_eq _ _ (by decide)) ?_
            refine bind_ex (pure_ok _) ?_
            shape_t7
        · intro _; halt_step
      · intro r _
        cases r with
        | ret x => fin
        | brk j =>
          refine loop_idx_bind _ _ _ _ (fun s : Usize => s) (fun _ => rfl) (fun _ => True)
            (fun _ => True) _ ?_ trivial ?_
          · intro k _
            apply ite_ex
            · intro hc
              obtain ⟨hs, e⟩ := succ_of_lt k _ hc
              have hk := lt_len _ k hc
              refine bind_ex (Slice.index_eq _ _ hk) ?_
              refine bind_ex (Slice.index_eq _ _ hk) ?_
              apply ite_ex
              · intro _
                refine bind_ex (pure_ok _) ?_
                tail_step
              · intro _
                refine bind_ex (Slice.index_eq _ _ hk) ?_
                refine bind_ex (U32.div_eq _ _ (by decide)) ?_
                refine bind_ex (pure_ok _) ?_
                tail_step
            · intro _; halt_step
          · intro r _
            cases r with
            | ret x => fin
            | brk k => fin

/-- **`verifying_key` never panics and never diverges**, on any byte string: it returns a key or
a typed error. -/
theorem verifying_key_total (elf : List UInt8) :
    ∃ r, receipt.verifying_key elf = .ok r := by
  suffices h : ∃ r, receipt.verifying_key elf = .ok r ∧ True by
    obtain ⟨r, hr, -⟩ := h; exact ⟨r, hr⟩
  unfold receipt.verifying_key
  obtain ⟨lp, hlp⟩ := load_program_total elf
  refine bind_ex hlp ?_
  rcases lp with e | prog
  · fin
  refine bind_ex (pure_ok _) ?_
  obtain ⟨c1, h1⟩ := check_program_counts_total prog
  refine bind_ex h1 ?_
  rcases c1 with e | ⟨⟩
  · fin
  obtain ⟨c2, h2⟩ := check_program_shape_total prog
  refine bind_ex h2 ?_
  rcases c2 with e | ⟨⟩
  · fin
  obtain ⟨c3, h3⟩ := check_program_image_total prog
  refine bind_ex h3 ?_
  rcases c3 with e | ⟨⟩
  · fin
  obtain ⟨c4, h4, -⟩ := check_program_rows_ok prog
  refine bind_ex h4 ?_
  rcases c4 with e | ⟨⟩
  · fin
  fin

end Zkvm.Refinement.receipt
