module

public import Zkvm.Air.V2.RunStatement
public import Zkvm.Air.V2.BusSends
public import Zkvm.Spec.Statement

/-!
# The statement's side of the bus is the verifier's

`run_of_bus` states the statement's messages by tag: none is EXEC, HALT or IO, its INPUT sends
are the input's bytes below the consumed count (`BusLookups.inputSends`), its OUTPUT receives
the output's bytes (`BusLookups.outputReceives`), its EXIT the claimed exit and cycles. The
verifier's statement messages (`Spec.Statement.sends`, `receives`, as `u32`s; here as field
elements, `stmtSent`, `stmtRcvd`) are so: `stmt_tags`, `stmt_input`, `stmt_output`,
`stmt_exit`; nor is any a PROG message (`stmt_no_prog`) or a lookup (`stmt_no_lookup`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Spec.Statement

/-- A `u32` as a field element. -/
def feltOf (x : UInt32) : BabyBear := ((x.toNat : Nat) : BabyBear)

/-- A byte as a field element. -/
def byteFelt (b : UInt8) : BabyBear := ((b.toNat : Nat) : BabyBear)

/-- The statement's sends as field elements. -/
def stmtSent (pv : List BabyBear) (input : List UInt8) : List (List BabyBear) :=
  (sends pv input).map (List.map feltOf)

/-- The statement's receives as field elements. -/
def stmtRcvd (pv : List BabyBear) (output : List UInt8) : List (List BabyBear) :=
  (receives pv output).map (List.map feltOf)

theorem feltOf_u32 (x : BabyBear) : feltOf (u32 x) = x := by
  apply BabyBear.ext
  have h := x.val_lt
  have hP : Zkvm.Field.P = 2013265921 := Zkvm.Field.P_eq
  simp only [feltOf, u32]
  rw [UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega), Mem.val_cast (by omega)]

/-- **The statement carries no EXEC, HALT or IO message.** -/
theorem stmt_tags (pv : List BabyBear) (input output : List UInt8) :
    ∀ m ∈ stmtSent pv input ++ stmtRcvd pv output,
      m.head? ≠ some 10 ∧ m.head? ≠ some 11 ∧ m.head? ≠ some 13 := by
  intro m hm
  simp only [stmtSent, stmtRcvd, sends, receives, List.mem_append, List.mem_map,
    List.mem_cons, List.not_mem_nil, or_false] at hm
  rcases hm with ⟨l, (rfl | rfl | rfl) | ⟨j, -, rfl⟩, rfl⟩ |
    ⟨l, ((rfl | rfl) | ⟨j, -, rfl⟩) | rfl, rfl⟩ <;>
    simp only [List.map_cons, List.head?_cons, ne_eq, Option.some.injEq, feltOf] <;>
    decide

/-- **The statement carries no PROG message** (tag 1). -/
theorem stmt_no_prog (pv : List BabyBear) (input output : List UInt8) :
    ∀ m ∈ stmtSent pv input ++ stmtRcvd pv output, m.head? ≠ some 1 := by
  intro m hm
  simp only [stmtSent, stmtRcvd, sends, receives, List.mem_append, List.mem_map,
    List.mem_cons, List.not_mem_nil, or_false] at hm
  rcases hm with ⟨l, (rfl | rfl | rfl) | ⟨j, -, rfl⟩, rfl⟩ |
    ⟨l, ((rfl | rfl) | ⟨j, -, rfl⟩) | rfl, rfl⟩ <;>
    simp only [List.map_cons, List.head?_cons, ne_eq, Option.some.injEq, feltOf] <;>
    decide

/-- **The statement carries no lookup** (tags 4 to 7). -/
theorem stmt_no_lookup (pv : List BabyBear) (input output : List UInt8) :
    ∀ m ∈ stmtSent pv input ++ stmtRcvd pv output, ¬ LookupTag m := by
  intro m hm
  simp only [stmtSent, stmtRcvd, sends, receives, List.mem_append, List.mem_map,
    List.mem_cons, List.not_mem_nil, or_false] at hm
  rcases hm with ⟨l, (rfl | rfl | rfl) | ⟨j, -, rfl⟩, rfl⟩ |
    ⟨l, ((rfl | rfl) | ⟨j, -, rfl⟩) | rfl, rfl⟩ <;>
    simp only [List.map_cons, lookupTag_cons, feltOf] <;>
    decide

/-- **The statement's INPUT sends are the input's bytes below the consumed count.** -/
theorem stmt_input (pv : List BabyBear) (input : List UInt8) :
    ∀ m ∈ stmtSent pv input, m.head? = some 8 →
      m ∈ Zkvm.Air.BusLookups.inputSends (input.map byteFelt) (pv.getD pvInputConsumed 0).val := by
  intro m hm h8
  simp only [stmtSent, sends, List.mem_map, List.mem_append, List.mem_cons, List.not_mem_nil,
    or_false] at hm
  rcases hm with ⟨l, (rfl | rfl | rfl) | ⟨j, hj, rfl⟩, rfl⟩
  · simp [feltOf] at h8; exact absurd h8 (by decide)
  · simp [feltOf] at h8; exact absurd h8 (by decide)
  · simp [feltOf] at h8; exact absurd h8 (by decide)
  · have hjp : j < 2013265921 := by
      have := (pv.getD pvInputConsumed 0).val_lt
      have hP : Zkvm.Field.P = 2013265921 := Zkvm.Field.P_eq
      simp only [List.mem_range] at hj; omega
    refine List.mem_map.mpr ⟨j, hj, ?_⟩
    simp only [List.map_cons, List.map_nil, feltOf, List.cons.injEq, and_true]
    refine ⟨by decide, ?_, ?_⟩
    · rw [UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega)]
    · simp only [List.getD_eq_getElem?_getD, List.getElem?_map]
      cases input[j]? <;> simp [byteFelt, Felt.natCast_zero]

/-- **The statement's OUTPUT receives are the output's bytes** (an output shorter than 2^32). -/
theorem stmt_output (pv : List BabyBear) (output : List UInt8) (hlen : output.length < 2 ^ 32) :
    ∀ m ∈ stmtRcvd pv output, m.head? = some 9 →
      m ∈ Zkvm.Air.BusLookups.outputReceives (output.map byteFelt) := by
  intro m hm h9
  simp only [stmtRcvd, receives, List.mem_map, List.mem_append, List.mem_cons, List.not_mem_nil,
    or_false] at hm
  rcases hm with ⟨l, ((rfl | rfl) | ⟨j, hj, rfl⟩) | rfl, rfl⟩
  · simp [feltOf] at h9; exact absurd h9 (by decide)
  · simp [feltOf] at h9; exact absurd h9 (by decide)
  · simp only [List.mem_range] at hj
    refine List.mem_map.mpr ⟨j, by simp only [List.length_map, List.mem_range]; exact hj, ?_⟩
    simp only [List.map_cons, List.map_nil, feltOf, List.cons.injEq, and_true]
    refine ⟨by decide, ?_, ?_⟩
    · rw [UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega)]
    · simp only [List.getD_eq_getElem?_getD, List.getElem?_map]
      cases output[j]? <;> simp [byteFelt, Felt.natCast_zero]
  · simp [feltOf] at h9; exact absurd h9 (by decide)

/-- **The statement's EXIT receive is the claimed exit and cycles.** -/
theorem stmt_exit (pv : List BabyBear) (output : List UInt8) :
    ∀ m ∈ stmtRcvd pv output, m.head? = some 12 →
      m = [12, pv.getD pvExitLo 0, pv.getD pvExitHi 0, pv.getD pvCycles 0] := by
  intro m hm h12
  simp only [stmtRcvd, receives, List.mem_map, List.mem_append, List.mem_cons, List.not_mem_nil,
    or_false] at hm
  rcases hm with ⟨l, ((rfl | rfl) | ⟨j, -, rfl⟩) | rfl, rfl⟩
  · simp [feltOf] at h12; exact absurd h12 (by decide)
  · simp [feltOf] at h12; exact absurd h12 (by decide)
  · simp [feltOf] at h12; exact absurd h12 (by decide)
  · simp only [List.map_cons, List.map_nil, feltOf_u32]
    rfl

end Zkvm.Air.V2.Exec

end
