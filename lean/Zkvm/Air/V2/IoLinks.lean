module

public import Zkvm.Air.V2.IoSound
public import Zkvm.Air.V2.IoMessages
public import Zkvm.Air.IoChain

/-!
# The IO rows as links of the IO chain

A real IO row receives IO(kind, clk, 4 wa + f, base + f) and sends IO(kind, clk, 4 wa + e + 1,
base + e + 1) (`Io.fractions`). With its word address a memory cell (wa < 2^28) and the
position of its first moved byte below 2^30 (`firstPos`; `base` itself may wrap around the field),
these field values are exact numbers, and the row is a link of the chain
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

/-- The position of a real IO row's first moved byte (its receive's position field), as a
number. It is the cursor where the row starts; `base` itself is the position lane 0 would have,
which wraps around the field when the first moved lane f lies beyond that position (the prover's
first row of an ECALL at cursor 0 into a buffer starting at lane f > 0). -/
def firstPos (r : Row BabyBear) : Nat := (r base + laneAt r s1).val

/-- A moved lane's position read from the row's first moved byte: for f ≤ j, base + j is the
number `firstPos r + (j − f)`, in the field. -/
theorem base_lane {f : Nat} (hf : laneAt r s1 = (f : BabyBear)) {j : Nat} (hj : f ≤ j) :
    r base + ((j : Nat) : BabyBear) = ((firstPos r + (j - f) : Nat) : BabyBear) := by
  have hb : r base + (f : BabyBear) = ((firstPos r : Nat) : BabyBear) := by
    rw [← hf]; exact (Felt.natCast_val _).symm
  have hj' : ((j : Nat) : BabyBear) = (f : BabyBear) + ((j - f : Nat) : BabyBear) := by
    rw [← Felt.natCast_add]; congr 1; omega
  rw [hj', Felt.natCast_add, ← hb]
  grind

/-- **A real IO row is a link**: with its word address below 2^28 and its first moved byte's
position below 2^30, its messages' addresses and positions are the numbers 4 wa + f,
`firstPos r` and 4 wa + e + 1, `firstPos r` + (e − f) + 1 with f ≤ e ≤ 3, the moved lanes are
f .. e, each moved lane j ≥ f sits at position `firstPos r` + (j − f), and the link moves forward
in step. No range of `base` is needed. -/
theorem row_link (hg : Groups r) (hreal : real r = 1) (hwa : (r wa).val < 2 ^ 28)
    (hpos : firstPos r < 2 ^ 30) :
    ∃ f e : Nat, f ≤ e ∧ e ≤ 3 ∧
      (linkOf r).start = (4 * (r wa).val + f, firstPos r) ∧
      (linkOf r).stop = (4 * (r wa).val + e + 1, firstPos r + (e - f) + 1) ∧
      (∀ j ∈ lanes, moved r j = movedOf f e j) ∧ (linkOf r).Ok ∧
      ∀ j : Nat, f ≤ j → r base + ((j : Nat) : BabyBear) = ((firstPos r + (j - f) : Nat) : BabyBear) := by
  obtain ⟨f, e, hfe, he3, hf, he, hm⟩ := lanes_sound hg hreal
  have hf' : laneAt r s1 = (f : BabyBear) := by rw [laneAt_s, hf]
  have a1 : (4 * r wa + laneAt r s1).val = 4 * (r wa).val + f := by
    rw [hf']
    exact Mem.lift (by omega) (by push_natCast)
  have a2 : (r base + laneAt r s1).val = firstPos r := rfl
  have a3 : (4 * r wa + (laneAt r t1 + 1)).val = 4 * (r wa).val + e + 1 := by
    rw [laneAt_t, he]
    exact Mem.lift (by omega) (by push_natCast; grind)
  have a4 : (r base + (laneAt r t1 + 1)).val = firstPos r + (e - f) + 1 := by
    rw [laneAt_t, he, show (e : BabyBear) + 1 = ((e + 1 : Nat) : BabyBear) by push_natCast,
      base_lane hf' (by omega : f ≤ e + 1)]
    exact Mem.lift (by omega) (by congr 1; omega)
  refine ⟨f, e, hfe, he3, ?_, ?_, hm, ?_, fun j hj => base_lane hf' hj⟩
  · simp only [linkOf, a1, a2]
  · simp only [linkOf, a3, a4]
  · simp only [Link.Ok, linkOf, a1, a2, a3, a4]
    omega

/-- **One ECALL's IO rows cover its bytes**: real IO rows with their word addresses below 2^28
and first moved positions below 2^30, whose links balance against the SYSCALL row's start (buf, cur) and
end (buf + c, cur + c), partition the addresses [buf, buf + c), in step with the positions from
cur. -/
theorem ecall_rows_cover (rows : List (Row BabyBear))
    (hrows : ∀ r ∈ rows, Groups r ∧ real r = 1 ∧ (r wa).val < 2 ^ 28 ∧ firstPos r < 2 ^ 30)
    (buf cur c : Nat)
    (hbal : ((buf, cur) :: rows.map (fun r => (linkOf r).stop)).Perm
      ((buf + c, cur + c) :: rows.map (fun r => (linkOf r).start))) :
    Covers (rows.map linkOf) (buf, cur) (buf + c, cur + c) := by
  apply chain
  · intro l hl
    obtain ⟨r, hr, rfl⟩ := List.mem_map.mp hl
    obtain ⟨hg, hreal, hwa, hpos⟩ := hrows r hr
    obtain ⟨_, _, _, _, _, _, _, hok, -⟩ := row_link hg hreal hwa hpos
    exact hok
  · simpa [List.map_map, Function.comp_def] using hbal

end Zkvm.Air.V2.Io
