module

public import Zkvm.Air.V2.IoBuilder
public import Zkvm.Air.V2.CpuCompleteRow
public import Zkvm.Air.V2.IoSound

/-!
# The IO table: the builder's row meets the constraints

For every word the builder moves (`Request.Ok`: lanes f ≤ e ≤ 3, reads write RAM, writes keep the
word, reads keep the lanes they do not move, the previous timestamp is earlier than 4 clk + 4),
the row of `Request.row` satisfies every group of the IO table (`row_groups`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Io

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col

namespace Request

variable (q : Request)

/-- What the builder makes sure of for one word (syscall.rs `move_bytes`). -/
structure Ok : Prop where
  fe : q.f ≤ q.e
  e3 : q.e ≤ 3
  ram : q.kind = .read ∨ q.kind = .priv → q.rom = false
  write_keeps : q.kind = .write1 ∨ q.kind = .write2 → q.new = q.old
  read_keeps : ∀ j, j < 4 → ¬ (q.f ≤ j ∧ j ≤ q.e) → q.new.byte j = q.old.byte j
  causal : q.prevTs < q.ts

variable {q}

theorem bitF_bool (b : Bool) : boolean (bitF b) = 0 := by
  cases b <;> decide

theorem real_row : real q.row = 1 := by
  simp only [real, row_kRead, row_kWrite1, row_kWrite2, row_kPriv, bitF]
  cases q.kind <;> simp <;> grind

theorem reads_row : reads q.row = bitF (q.kind = .read || q.kind = .priv) := by
  simp only [reads, row_kRead, row_kPriv, bitF]
  cases q.kind <;> simp <;> grind

theorem writes_row : writes q.row = bitF (q.kind = .write1 || q.kind = .write2) := by
  simp only [writes, row_kWrite1, row_kWrite2, bitF]
  cases q.kind <;> simp <;> grind

theorem lanes_cases (h : q.Ok) :
    (q.f = 0 ∨ q.f = 1 ∨ q.f = 2 ∨ q.f = 3) ∧ (q.e = 0 ∨ q.e = 1 ∨ q.e = 2 ∨ q.e = 3) := by
  have := h.fe; have := h.e3; omega

theorem sLane_row (h : q.Ok) (j : Nat) (hj : j ∈ lanes) :
    sLane q.row j = bitF (q.f = j) := by
  have hr := real_row (q := q)
  obtain ⟨hf, -⟩ := lanes_cases h
  rcases mem_lanes.mp hj with rfl | rfl | rfl | rfl <;>
    simp only [sLane, s0, hr, row_s1, row_s2, row_s3] <;>
    rcases hf with hf | hf | hf | hf <;> simp [bitF, hf] <;> grind

theorem tLane_row (h : q.Ok) (j : Nat) (hj : j ∈ lanes) :
    tLane q.row j = bitF (q.e = j) := by
  have hr := real_row (q := q)
  obtain ⟨-, he⟩ := lanes_cases h
  rcases mem_lanes.mp hj with rfl | rfl | rfl | rfl <;>
    simp only [tLane, t0, hr, row_t1, row_t2, row_t3] <;>
    rcases he with he | he | he | he <;> simp [bitF, he] <;> grind

theorem moved_row (h : q.Ok) (j : Nat) (hj : j ∈ lanes) :
    moved q.row j = bitF (decide (q.f ≤ j ∧ j ≤ q.e)) := by
  have hr := real_row (q := q)
  obtain ⟨hf, he⟩ := lanes_cases h
  have hfe := h.fe
  rcases mem_lanes.mp hj with rfl | rfl | rfl | rfl <;>
    simp only [moved, s0, t0, hr, row_s1, row_s2, row_s3, row_t1, row_t2, row_t3] <;>
    rcases hf with hf | hf | hf | hf <;> rcases he with he | he | he | he <;>
    simp [bitF, hf, he] at hfe ⊢ <;> grind

/-- **Completeness of the IO table**: every row the builder makes for a word it moves satisfies
the table's groups. -/
theorem row_groups (h : q.Ok) : Groups q.row := by
  have hr := real_row (q := q)
  refine ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩
  · rw [row_kRead]; exact bitF_bool _
  · rw [row_kWrite1]; exact bitF_bool _
  · rw [row_kWrite2]; exact bitF_bool _
  · rw [hr]; decide
  · intro j hj; rw [sLane_row h j hj]; exact bitF_bool _
  · intro j hj; rw [tLane_row h j hj]; exact bitF_bool _
  · obtain ⟨hf, he⟩ := lanes_cases h
    have hfe := h.fe
    simp only [before, t0, hr, row_s1, row_s2, row_s3, row_t1, row_t2, row_t3]
    rcases hf with hf | hf | hf | hf <;> rcases he with he | he | he | he <;>
      simp [bitF, hf, he] at hfe ⊢ <;> grind
  · rw [row_rom]; exact bitF_bool _
  · rw [reads_row, row_rom]
    cases hk : q.kind <;> simp [bitF, h.ram, hk] <;> grind
  · intro j hj
    have hj4 : j < 4 := by have := mem_lanes.mp hj; omega
    rw [writes_row, row_n q j hj4, row_u q j hj4]
    cases hk : q.kind <;> simp [bitF, hk, h.write_keeps] <;> grind
  · intro j hj
    have hj4 : j < 4 := by have := mem_lanes.mp hj; omega
    rw [reads_row, moved_row h j hj, row_n q j hj4, row_u q j hj4]
    by_cases hm : q.f ≤ j ∧ j ≤ q.e
    · simp [bitF, hm]; grind
    · rw [h.read_keeps j hj4 hm]; grind
  · simp only [gap, expectedGap, timestamp, hr, row_gLo, row_gHi, row_clk, row_prevTs]
    have := Cpu.gap_cells q.acc h.causal
    have ht : ((q.ts : Nat) : BabyBear) = 4 * (q.clk : BabyBear) + 4 := by
      simp only [ts]; push_natCast
    rw [ht] at this
    simp only [acc] at this ⊢
    grind
  · rw [row_kPriv]; exact bitF_bool _

end Request

end Zkvm.Air.V2.Io

end
