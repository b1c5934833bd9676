module

public import Zkvm.Commit.Encoding
public import Zkvm.Field.Extension

/-!
# The Fiat–Shamir transcript (specification)

The transcript of `rust/verifier/src/transcript.rs` over an arbitrary hash function
`H : List UInt8 → Digest` (SHA3-256 in Rust; a parameter here, as in `Zkvm.Commit`):

    state₀          = H("zkvm-stark-transcript-v1")
    absorb(data):     state ← H(0x00 ‖ state ‖ LE32(len data) ‖ data)
    squeeze:          state ← H(0x01 ‖ state); the block is the new state
    pow digest(ν):    H(0x02 ‖ state ‖ LE64 ν)          (state unchanged)

and the values derived from a block:

* a base field element: `LE64(block[0..8]) mod p` (`fieldOfBlock`);
* an extension element: coefficient `k` is `LE64(block[8k..8k+8]) mod p` (`extOfBlock`);
* an index below `2^b` (`b ≤ 32`): `LE32(block[0..4]) mod 2^b` (`indexOfBlock`);
* the proof-of-work test: the low `b` bits of `LE32(pow digest[0..4])` are zero (`powOk`).

Message encodings (`docs/protocol.md` §9): a `u32` is its 4 little-endian bytes, a `u64` its 8,
a digest its 32 bytes, a commitment (Merkle cap) the concatenation of its digests, a list of
base elements the concatenation of their `LE32`, a list of extension elements the
concatenation of their 4 coefficients' `LE32`.

A run of the transcript is a list of operations (`Op`): `run H ops` is the state after them,
starting from `state₀`. The protocol's order of operations is `Zkvm.Spec.Schedule`.
-/

public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Commit Zkvm.Field

/-- The bytes of `"zkvm-stark-transcript-v1"`, hashed for the initial state. -/
@[expose] def domainSeparator : List UInt8 :=
  [0x7a, 0x6b, 0x76, 0x6d, 0x2d, 0x73, 0x74, 0x61, 0x72, 0x6b, 0x2d, 0x74, 0x72, 0x61, 0x6e,
   0x73, 0x63, 0x72, 0x69, 0x70, 0x74, 0x2d, 0x76, 0x31]

theorem length_domainSeparator : domainSeparator.length = 24 := rfl

@[expose] def absorbTag : UInt8 := 0x00
@[expose] def squeezeTag : UInt8 := 0x01
@[expose] def powTag : UInt8 := 0x02

/-- The 8 little-endian bytes of a `u64` (Rust `u64::to_le_bytes`). -/
@[expose] def le64 (v : UInt64) : List UInt8 :=
  [v.toUInt8, (v >>> 8).toUInt8, (v >>> 16).toUInt8, (v >>> 24).toUInt8,
   (v >>> 32).toUInt8, (v >>> 40).toUInt8, (v >>> 48).toUInt8, (v >>> 56).toUInt8]

/-- The number with the given little-endian bytes. -/
@[expose] def leNat : List UInt8 → Nat
  | [] => 0
  | b :: bs => b.toNat + 256 * leNat bs

variable (H : List UInt8 → Digest)

/-- The initial state. -/
@[expose] def initState : Digest := H domainSeparator

/-- The bytes hashed to absorb `data` into the state `st`. Rust writes `data.len() as u32`. -/
@[expose] def absorbInput (st : Digest) (data : List UInt8) : List UInt8 :=
  absorbTag :: (st.bytes ++ (le32 data.length.toUInt32 ++ data))

/-- The bytes hashed to squeeze a block from the state `st`. -/
@[expose] def squeezeInput (st : Digest) : List UInt8 := squeezeTag :: st.bytes

/-- The bytes hashed for the proof-of-work test of the nonce `ν` at the state `st`. -/
@[expose] def powInput (st : Digest) (ν : UInt64) : List UInt8 := powTag :: (st.bytes ++ le64 ν)

/-- One transcript operation. -/
inductive Op where
  | absorb (data : List UInt8)
  | squeeze
deriving DecidableEq

/-- The bytes hashed by an operation at the state `st`. -/
@[expose] def opInput (st : Digest) : Op → List UInt8
  | .absorb data => absorbInput st data
  | .squeeze => squeezeInput st

/-- The state after one operation (after a squeeze, it is the squeezed block). -/
@[expose] def step (st : Digest) (op : Op) : Digest := H (opInput st op)

/-- The state after a list of operations, from the initial state. -/
@[expose] def run (ops : List Op) : Digest := ops.foldl (step H) (initState H)

/-! ## Values derived from a block -/

/-- A base field element from a block: `LE64(block[off..off+8]) mod p`. -/
@[expose] def fieldAt (block : Digest) (off : Nat) : BabyBear :=
  BabyBear.ofNat (leNat ((block.bytes.drop off).take 8))

/-- A base field challenge: `LE64(block[0..8]) mod p`. -/
@[expose] def fieldOfBlock (block : Digest) : BabyBear := fieldAt block 0

/-- An extension challenge: coefficient `k` is `LE64(block[8k..8k+8]) mod p`. -/
@[expose] def extOfBlock (block : Digest) : Ext4 :=
  ⟨fieldAt block 0, fieldAt block 8, fieldAt block 16, fieldAt block 24⟩

/-- A query index below `2^bits` (`bits ≤ 32`): `LE32(block[0..4]) mod 2^bits`. -/
@[expose] def indexOfBlock (block : Digest) (bits : Nat) : Nat :=
  leNat (block.bytes.take 4) % 2 ^ bits

/-- The proof-of-work test: the low `bits` bits of `LE32(H(0x02 ‖ state ‖ LE64 ν)[0..4])` are
zero. -/
@[expose] def powOk (st : Digest) (ν : UInt64) (bits : Nat) : Bool :=
  leNat ((H (powInput st ν)).bytes.take 4) % 2 ^ bits == 0

/-! ## Message encodings -/

/-- A `u32` message. -/
@[expose] def encU32 (v : UInt32) : List UInt8 := le32 v

/-- A `u64` message. -/
@[expose] def encU64 (v : UInt64) : List UInt8 := le64 v

/-- A base field element as a `u32` (its canonical value). -/
@[expose] def baseWord (a : BabyBear) : UInt32 := a.val.toUInt32

/-- A list of base field elements: their `LE32` one after the other. -/
@[expose] def encBase (vs : List BabyBear) : List UInt8 := vs.flatMap (fun a => le32 (baseWord a))

/-- The four coefficients of an extension element. -/
@[expose] def extWords (a : Ext4) : List UInt32 :=
  [baseWord a.c0, baseWord a.c1, baseWord a.c2, baseWord a.c3]

/-- A list of extension elements: 16 bytes each. -/
@[expose] def encExt (vs : List Ext4) : List UInt8 := vs.flatMap (fun a => (extWords a).flatMap le32)

/-- A commitment (Merkle cap): its digests' bytes in order. -/
@[expose] def encCap (cap : List Digest) : List UInt8 := cap.flatMap Digest.bytes

end Zkvm.Spec

end
