module

/-!
# Byte encodings hashed by the Merkle commitment

The hash function is SHA3-256 in the Rust verifier; here it is any function
`H : List UInt8 → Digest` (a parameter of every definition in `Zkvm.Commit`). This file fixes
the byte strings that are hashed, exactly as `docs/protocol.md` and the Rust verifier do:

* a digest is 32 bytes;
* a field element (any `u32`) is its 4 little-endian bytes (`u32::to_le_bytes`);
* a leaf with values `v₀, …, vₙ₋₁` hashes `0x00 ‖ le32 v₀ ‖ … ‖ le32 vₙ₋₁`;
* an inner node with children `l`, `r` hashes `0x01 ‖ l ‖ r`.

The facts proved here are the ones binding needs: each encoding is injective (so distinct
openings give distinct hash inputs), and the first byte separates leaves from inner nodes.
-/

public section

-- Definitions that use the core `List` functions (`++`, `flatMap`, indexing, `length`) cannot
-- be compiled to native code by this WebAssembly toolchain (its core library lacks their
-- compiled forms), and nothing here is ever run natively. `noncomputable section` lets Lean
-- skip native code where it cannot produce it; the definitions are still explicit algorithms
-- that the kernel evaluates (see the `decide` examples).
noncomputable section

namespace Zkvm.Commit

/-- A hash output: exactly 32 bytes. The length is part of the type so that the byte
string `l ‖ r` of two digests determines both of them. -/
structure Digest where
  bytes : List UInt8
  length_bytes : bytes.length = 32

namespace Digest

@[ext] theorem ext {a b : Digest} (h : a.bytes = b.bytes) : a = b := by
  cases a; cases b; cases h; rfl

/-- Equality of digests is decided on their bytes. -/
@[expose] instance : DecidableEq Digest := fun a b =>
  match decEq a.bytes b.bytes with
  | isTrue h => isTrue (Digest.ext h)
  | isFalse h => isFalse (fun e => h (congrArg Digest.bytes e))

/-- The all-zero digest; only used as a default value. -/
@[expose] instance : Inhabited Digest := ⟨⟨List.replicate 32 0, by simp⟩⟩

end Digest

/-- The 4 little-endian bytes of a `u32` (Rust `u32::to_le_bytes`). -/
@[expose] def le32 (v : UInt32) : List UInt8 :=
  [v.toUInt8, (v >>> 8).toUInt8, (v >>> 16).toUInt8, (v >>> 24).toUInt8]

theorem le32_example : le32 0x04030201 = [0x01, 0x02, 0x03, 0x04] := by decide

theorem length_le32 (v : UInt32) : (le32 v).length = 4 := rfl

theorem le32_injective {a b : UInt32} (h : le32 a = le32 b) : a = b := by
  simp only [le32, List.cons.injEq] at h
  obtain ⟨h0, h1, h2, h3, -⟩ := h
  have e0 := congrArg UInt8.toNat h0
  have e1 := congrArg UInt8.toNat h1
  have e2 := congrArg UInt8.toNat h2
  have e3 := congrArg UInt8.toNat h3
  simp [UInt32.toNat_toUInt8, UInt32.toNat_shiftRight, Nat.shiftRight_eq_div_pow] at e0 e1 e2 e3
  apply UInt32.toNat_inj.mp
  have ha := a.toNat_lt
  have hb := b.toNat_lt
  omega

/-- Concatenated little-endian encodings of a list of `u32`s determine the list: every
element takes exactly 4 bytes. -/
theorem flatMap_le32_injective {as bs : List UInt32}
    (h : as.flatMap le32 = bs.flatMap le32) : as = bs := by
  induction as generalizing bs with
  | nil =>
    cases bs with
    | nil => rfl
    | cons b bs => simp [List.flatMap_cons, le32] at h
  | cons a as ih =>
    cases bs with
    | nil => simp [List.flatMap_cons, le32] at h
    | cons b bs =>
      simp only [List.flatMap_cons] at h
      obtain ⟨hab, hrest⟩ := List.append_inj h (by simp [length_le32])
      rw [le32_injective hab, ih hrest]

/-- The first byte of every hashed leaf: domain separation from inner nodes. -/
@[expose] def leafTag : UInt8 := 0x00

/-- The first byte of every hashed inner node. -/
@[expose] def nodeTag : UInt8 := 0x01

/-- The bytes hashed for a leaf holding `vals`: `0x00 ‖ le32 v₀ ‖ … ‖ le32 vₙ₋₁`. -/
@[expose] def leafInput (vals : List UInt32) : List UInt8 :=
  leafTag :: vals.flatMap le32

/-- The bytes hashed for an inner node with children `l` and `r`: `0x01 ‖ l ‖ r`. -/
@[expose] def nodeInput (l r : Digest) : List UInt8 :=
  nodeTag :: (l.bytes ++ r.bytes)

theorem leafInput_injective {as bs : List UInt32} (h : leafInput as = leafInput bs) :
    as = bs :=
  flatMap_le32_injective (List.cons.inj h).2

theorem nodeInput_injective {l r l' r' : Digest} (h : nodeInput l r = nodeInput l' r') :
    l = l' ∧ r = r' := by
  have h' := (List.cons.inj h).2
  obtain ⟨hl, hr⟩ := List.append_inj h' (by rw [l.length_bytes, l'.length_bytes])
  exact ⟨Digest.ext hl, Digest.ext hr⟩

theorem length_nodeInput (l r : Digest) : (nodeInput l r).length = 65 := by
  simp [nodeInput, l.length_bytes, r.length_bytes]

/-- Domain separation: no leaf encoding is also an inner-node encoding. -/
theorem leafInput_ne_nodeInput (vals : List UInt32) (l r : Digest) :
    leafInput vals ≠ nodeInput l r := by
  intro h
  have := (List.cons.inj h).1
  simp [leafTag, nodeTag] at this

end Zkvm.Commit
