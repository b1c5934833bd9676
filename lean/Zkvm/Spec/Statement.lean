module

public import Zkvm.Field.BabyBear
public import Zkvm.Extracted.Error

/-!
# The statement's boundary messages (specification)

The verifier puts the statement's side of the bus itself (docs/air.md §8): it sends the three
I/O cursors' initial values MEM(IO, j, 0, 0, 0) and the consumed input bytes INPUT(j, byte_j),
j below the consumed count; it receives the input and output cursors' final values at the last
timestamp 4 · cycles, MEM(IO, 0, consumed, 0, 4 cycles) and MEM(IO, 1, output length, 0,
4 cycles), the output bytes OUTPUT(j, byte_j) and EXIT(exit_lo, exit_hi, cycles). The statement
must have its 15 public values, the input and output lengths it names, and a consumed count
within the input. `boundaryMessages` states this over the public values as field elements
(canonical `u32`s, `toU32`), the messages as the `u32` lists the verifier fingerprints.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Spec.Statement

open Zkvm.Field

/-- The canonical `u32` of a field element. -/
def u32 (x : BabyBear) : UInt32 := UInt32.ofNat x.val

/-- The public values' positions (statement.rs `PV_*`). -/
def pvExitLo : Nat := 1
def pvExitHi : Nat := 2
def pvCycles : Nat := 3
def pvInputLen : Nat := 4
def pvInputConsumed : Nat := 5
def pvOutputLen : Nat := 6

/-- The messages the verifier sends: the three cursors' initial values, then the consumed
input bytes. -/
def sends (pv : List BabyBear) (input : List UInt8) : List (List UInt32) :=
  [[2, 3, 0, 0, 0, 0], [2, 3, 1, 0, 0, 0], [2, 3, 2, 0, 0, 0]] ++
    (List.range (pv.getD pvInputConsumed 0).val).map
      (fun j => [8, UInt32.ofNat j, (input.getD j 0).toUInt32])

/-- The messages the verifier receives: the input and output cursors' final values at
4 · cycles, the output bytes, the exit. -/
def receives (pv : List BabyBear) (output : List UInt8) : List (List UInt32) :=
  [[2, 3, 0, u32 (pv.getD pvInputConsumed 0), 0, u32 (4 * pv.getD pvCycles 0)],
   [2, 3, 1, u32 (pv.getD pvOutputLen 0), 0, u32 (4 * pv.getD pvCycles 0)]] ++
    (List.range output.length).map (fun j => [9, UInt32.ofNat j, (output.getD j 0).toUInt32]) ++
    [[12, u32 (pv.getD pvExitLo 0), u32 (pv.getD pvExitHi 0), u32 (pv.getD pvCycles 0)]]

/-- **The statement's boundary messages**, or why the statement is refused. -/
def boundaryMessages (pv : List BabyBear) (input output : List UInt8) :
    Except Zkvm.Extracted.error.VerifyError (List (List UInt32) × List (List UInt32)) :=
  if pv.length ≠ 15 then .error .WrongPublicValueCount
  else if (pv.getD pvInputLen 0).val ≠ input.length ∨ (pv.getD pvOutputLen 0).val ≠ output.length ∨
      input.length < (pv.getD pvInputConsumed 0).val then .error .InvalidStatement
  else .ok (sends pv input, receives pv output)

end Zkvm.Spec.Statement

end
