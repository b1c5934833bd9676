module

public import Zkvm.Air.V2.IoSound
public import Zkvm.Air.V2.IoMessages
public import Zkvm.Air.IoChain

/-!
# The IO rows as links of the IO chain

A real IO row receives IO(kind, clk, 4 wa + f, base + f) and sends IO(kind, clk, 4 wa + e + 1,
base + e + 1) (`Io.fractions`). With its word address a memory cell (wa < 2^28) and its
positions below 2^30, these field values are exact numbers, and the row is a link of the chain
(`Zkvm.Air.IoChain`): it moves forward (f ≤ e) and keeps address and position in step
(`row_link`). So the IO rows of one ECALL, whose messages balance against the SYSCALL row's
IO(buf, cur) and IO(buf + c, cur + c), cover the addresses buf .. buf + c − 1 exactly once, at
positions cur .. cur + c − 1 (`ecall_rows_cover`, `Zkvm.Air.IoChain.chain`), each row moving the
lanes f .. e of its word (`lanes_sound`). The balance of one ECALL's IO messages, as numbers, is
the bus argument's output restricted to that ECALL's clk, a hypothesis here; `RunEcallChain`
derives it from the IO messages balancing over every table's rows (`Exec.ecall_chain`).
-/

@[expose] public section

namespace Zkvm.Air.V2.Io

open Zkvm.Field Zkvm.Air Zkvm.Air.Table Col
open Zkvm.Air.IoChain

variable {r : Row BabyBear}

/-- The link of a row as numbers: received at the first moved byte, sent one past the last. -/
def linkOf (r : Row BabyBear) : Link :=
  ⟨((4 * r wa + laneAt r s1).val, (r base + laneAt r s1).val),
   ((4 * r wa + (laneAt r t1 + 1)).val, (r base + (laneAt r t1 + 1)).val)⟩

theorem laneAt_s (r : Row BabyBear) : laneAt r s1 = laneOf (r s1) (r s2) (r s3) := rfl
theorem laneAt_t (r : Row BabyBear) : laneAt r t1 = laneOf (r t1) (r t2) (r t3) := rfl

/-- **A real IO row is a link**: its messages' addresses and positions are the numbers
4 wa + f, base + f and 4 wa + e + 1, base + e + 1 with f ≤ e ≤ 3, the moved lanes are f .. e,
and the link moves forward in step. -/
theorem row_link (hg : Groups r) (hreal : real r = 1) (hwa : (r wa).val < 2 ^ 28)
    (hbase : (r base).val < 2 ^ 30) :
    ∃ f e : Nat, f ≤ e ∧ e ≤ 3 ∧
      (linkOf r).start = (4 * (r wa).val + f, (r base).val + f) ∧
      (linkOf r).stop = (4 * (r wa).val + e + 1, (r base).val + e + 1) ∧
      (∀ j ∈ lanes, moved r j = movedOf f e j) ∧ (linkOf r).Ok := by
  obtain ⟨f, e, hfe, he3, hf, he, hm⟩ := lanes_sound hg hreal
  have a1 : (4 * r wa + laneAt r s1).val = 4 * (r wa).val + f := by
    rw [laneAt_s, hf]
    exact Mem.lift (by omega) (by push_natCast)
  have a2 : (r base + laneAt r s1).val = (r base).val + f := by
    rw [laneAt_s, hf]
    exact Mem.lift (by omega) (by push_natCast)
  have a3 : (4 * r wa + (laneAt r t1 + 1)).val = 4 * (r wa).val + e + 1 := by
    rw [laneAt_t, he]
    exact Mem.lift (by omega) (by push_natCast; grind)
  have a4 : (r base + (laneAt r t1 + 1)).val = (r base).val + e + 1 := by
    rw [laneAt_t, he]
    exact Mem.lift (by omega) (by push_natCast; grind)
  refine ⟨f, e, hfe, he3, ?_, ?_, hm, ?_⟩
  · simp only [linkOf, a1, a2]
  · simp only [linkOf, a3, a4]
  · simp only [Link.Ok, linkOf, a1, a2, a3, a4]
    omega

/-- **One ECALL's IO rows cover its bytes**: real IO rows with their word addresses below 2^28
and positions below 2^30, whose links balance against the SYSCALL row's start (buf, cur) and
end (buf + c, cur + c), partition the addresses [buf, buf + c), in step with the positions from
cur. -/
theorem ecall_rows_cover (rows : List (Row BabyBear))
    (hrows : ∀ r ∈ rows, Groups r ∧ real r = 1 ∧ (r wa).val < 2 ^ 28 ∧ (r base).val < 2 ^ 30)
    (buf cur c : Nat)
    (hbal : ((buf, cur) :: rows.map (fun r => (linkOf r).stop)).Perm
      ((buf + c, cur + c) :: rows.map (fun r => (linkOf r).start))) :
    Covers (rows.map linkOf) (buf, cur) (buf + c, cur + c) := by
  apply chain
  · intro l hl
    obtain ⟨r, hr, rfl⟩ := List.mem_map.mp hl
    obtain ⟨hg, hreal, hwa, hbase⟩ := hrows r hr
    obtain ⟨_, _, _, _, _, _, _, hok⟩ := row_link hg hreal hwa hbase
    exact hok
  · simpa [List.map_map, Function.comp_def] using hbal

end Zkvm.Air.V2.Io
