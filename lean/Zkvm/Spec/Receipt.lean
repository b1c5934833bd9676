module

public import Zkvm.Spec.Codec

/-!
# The receipt's byte format (specification)

A receipt (rust/verifier/src/receipt/mod.rs, version 1) is the 12 bytes "zkvm-receipt", the
version 1 as a `u32`, the exit code (`u32`), the cycle count (`u64`), the number of input bytes
consumed (`u32`), then the input, the output and the proof bytes, each after its length as a
`u32`; integers little-endian (`Zkvm.Spec.Codec`), nothing after the proof. The refinement
(`Zkvm.Refinement.receipt`) shows that the extracted `encode_receipt` writes these bytes, that
`decode_receipt` reads them back, and that it never panics on any input.
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

end Zkvm.Spec.Receipt
