module

public import Zkvm.Spec.Codec
public import Zkvm.Extracted.Error

/-!
# The receipt's byte format (specification)

A receipt (rust/verifier/src/receipt/mod.rs, version 1) is the 12 bytes "zkvm-receipt", the
version 1 as a `u32`, the exit code (`u32`), the cycle count (`u64`), the number of input bytes
consumed (`u32`), then the input, the output and the proof bytes, each after its length as a
`u32`; integers little-endian (`Zkvm.Spec.Codec`), nothing after the proof. The refinement
(`Zkvm.Refinement.receipt`) shows that the extracted `encode_receipt` writes these bytes, that
`decode_receipt` reads them back, and that it never panics on any input.

A receipt's statement (`statement_of`) carries 15 public values (`publicValues`, statement.rs):
the entry point, the exit code's two 16-bit halves, the cycle count, the input length, the
consumed count, the output length and the program's (at most four) zero intervals as (lo, hi)
pairs, padded with zeros; a statement with no cycles, more than 2^27, an input or output of the
field's size or more, more input consumed than given, or more than four zero intervals is
refused.
-/

public section

noncomputable section

namespace Zkvm.Spec.Receipt

open Zkvm.Commit (le32)
open Zkvm.Spec.Codec (encU64 encLen)

/-- The receipt's first 12 bytes, "zkvm-receipt" in ASCII. -/
@[expose] def magic : List UInt8 := [122, 107, 118, 109, 45, 114, 101, 99, 101, 105, 112, 116]

/-- A byte string after its length. -/
@[expose] def encBytes (b : List UInt8) : List UInt8 := encLen b.length ++ b

/-- **The bytes of a receipt**. -/
@[expose] def encReceipt (exitCode : UInt32) (cycles : UInt64) (consumed : UInt32)
    (input output proof : List UInt8) : List UInt8 :=
  magic ++ le32 1 ++ le32 exitCode ++ encU64 cycles ++ le32 consumed ++ encBytes input ++
    encBytes output ++ encBytes proof

theorem length_magic : magic.length = 12 := rfl

theorem length_encReceipt (exitCode : UInt32) (cycles : UInt64) (consumed : UInt32)
    (input output proof : List UInt8) :
    (encReceipt exitCode cycles consumed input output proof).length =
      44 + input.length + output.length + proof.length := by
  simp only [encReceipt, encBytes, encLen, List.length_append, length_magic,
    Zkvm.Spec.Codec.length_le32, Zkvm.Spec.Codec.length_encU64]
  omega

/-- A zero interval's public values: (lo, hi), or (0, 0) past the program's intervals. -/
@[expose] def zeroPair (zeros : List (UInt32 × UInt32)) (j : Nat) : List UInt32 :=
  match zeros[j]? with
  | some z => [z.1, z.2]
  | none => [0, 0]

/-- **The statement's public values** (statement.rs `public_values`), or why it is refused: no
cycles or more than `2^27`, an input of `2^30` bytes or more, an output beyond the semantics'
cap of `2^28` bytes (`maxOutputLen`), more consumed than the input has, more than four zero
intervals. -/
@[expose] def publicValues (entry exitCode : UInt32) (cycles : UInt64) (inLen consumed outLen : Nat)
    (zeros : List (UInt32 × UInt32)) : Except Zkvm.Extracted.error.VerifyError (List UInt32) :=
  if cycles.toNat = 0 ∨ 2 ^ 27 < cycles.toNat ∨ 2 ^ 30 ≤ inLen ∨ 2 ^ 28 < outLen ∨
      inLen < consumed then .error .InvalidStatement
  else if 4 < zeros.length then .error .InvalidStatement
  else .ok ([entry, exitCode &&& 65535, exitCode >>> 16, cycles.toUInt32, UInt32.ofNat inLen,
    UInt32.ofNat consumed, UInt32.ofNat outLen] ++ (List.range 4).flatMap (zeroPair zeros))

theorem length_publicValues {entry exitCode : UInt32} {cycles : UInt64}
    {inLen consumed outLen : Nat} {zeros : List (UInt32 × UInt32)} {pv : List UInt32}
    (h : publicValues entry exitCode cycles inLen consumed outLen zeros = .ok pv) :
    pv.length = 15 := by
  unfold publicValues at h
  split at h
  · cases h
  split at h
  · cases h
  cases h
  have hz : ∀ j, (zeroPair zeros j).length = 2 := fun j => by
    unfold zeroPair; split <;> rfl
  simp [List.length_flatMap, hz]
  rfl

end Zkvm.Spec.Receipt
