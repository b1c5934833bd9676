module

public import Zkvm.Commit.Encoding

/-!
# The proof format's primitive encodings (specification)

Little-endian encodings of `rust/verifier/src/protocol/codec.rs` (docs/protocol.md): a `u32`
is its 4 LE bytes (`Zkvm.Commit.le32`), a `u64` its low then high word, a digest its 32 bytes,
an extension element its 4 coefficients, a length a `u32`, a vector its length then its
elements. The refinement (`Zkvm.Refinement.protocol.codec`) shows the extracted writers produce
these bytes and the extracted readers read them back, and that the readers never panic.
-/

public section

noncomputable section

namespace Zkvm.Spec.Codec

open Zkvm.Commit (le32)

/-- A `u64`: the low word, then the high word. -/
@[expose] def encU64 (v : UInt64) : List UInt8 := le32 v.toUInt32 ++ le32 (v >>> 32).toUInt32

/-- An extension element (its coefficients). -/
@[expose] def encExt (e : List UInt32) : List UInt8 := e.flatMap le32

/-- A length prefix. -/
@[expose] def encLen (n : Nat) : List UInt8 := le32 (UInt32.ofNat n)

/-- A vector of field elements. -/
@[expose] def encFieldVec (vs : List UInt32) : List UInt8 := encLen vs.length ++ vs.flatMap le32

/-- A vector of extension elements. -/
@[expose] def encExtVec (es : List (List UInt32)) : List UInt8 :=
  encLen es.length ++ es.flatMap encExt

/-- A vector of digests. -/
@[expose] def encDigestVec (ds : List (List UInt8)) : List UInt8 := encLen ds.length ++ ds.flatten

theorem length_le32 (v : UInt32) : (le32 v).length = 4 := rfl

theorem length_encU64 (v : UInt64) : (encU64 v).length = 8 := rfl

theorem length_encExt (e : List UInt32) : (encExt e).length = 4 * e.length := by
  induction e with
  | nil => rfl
  | cons a e ih => simp [encExt, List.flatMap_cons, length_le32] at ih ⊢; omega

end Zkvm.Spec.Codec
