module

public import Zkvm.RiscV.Execute

/-!
# The memory word model against byte memory

The MEM table and the memory argument see memory as 32-bit words in cells (space, word
address); the semantics (`Zkvm.RiscV.State.mem`) as bytes. `wordAt s wa` is the word of the four
bytes at 4 wa … 4 wa + 3, little-endian. A load's bytes are a lane of that word
(`readBytes_lane`): for an access of 1, 2 or 4 bytes aligned to its size, the `n` bytes at the
address, read little-endian, are the word's bytes from `addr mod 4` on.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.ByteMemory

open Zkvm.RiscV

/-- The word of the four bytes at `4 wa`, little-endian. -/
def wordAt (s : State) (wa : Nat) : Word :=
  BitVec.ofNat 32 (littleEndian (s.readBytes (BitVec.ofNat 32 (4 * wa)) 4))

/-- The byte at `base + j`, as a number. -/
def byteAt (s : State) (base : Word) (j : Nat) : Nat := (s.mem (base + BitVec.ofNat 32 j)).toNat

theorem byteAt_lt (s : State) (base : Word) (j : Nat) : byteAt s base j < 2 ^ 8 :=
  (s.mem _).isLt

theorem readBytes_four (s : State) (base : Word) :
    littleEndian (s.readBytes base 4) = byteAt s base 0 + 2 ^ 8 * (byteAt s base 1 +
      2 ^ 8 * (byteAt s base 2 + 2 ^ 8 * byteAt s base 3)) := by
  simp [State.readBytes, List.range, List.range.loop, littleEndian, byteAt]

theorem toNat_wordAt (s : State) (wa : Nat) :
    (wordAt s wa).toNat = byteAt s (BitVec.ofNat 32 (4 * wa)) 0 + 2 ^ 8 *
      (byteAt s (BitVec.ofNat 32 (4 * wa)) 1 + 2 ^ 8 * (byteAt s (BitVec.ofNat 32 (4 * wa)) 2 +
        2 ^ 8 * byteAt s (BitVec.ofNat 32 (4 * wa)) 3)) := by
  have h0 := byteAt_lt s (BitVec.ofNat 32 (4 * wa)) 0
  have h1 := byteAt_lt s (BitVec.ofNat 32 (4 * wa)) 1
  have h2 := byteAt_lt s (BitVec.ofNat 32 (4 * wa)) 2
  have h3 := byteAt_lt s (BitVec.ofNat 32 (4 * wa)) 3
  rw [wordAt, BitVec.toNat_ofNat, readBytes_four]
  omega

/-- The address plus `i` is the word's base plus `lane + i` (as words, modulo 2^32). -/
theorem add_lane (addr : Word) (i : Nat) :
    addr + BitVec.ofNat 32 i =
      BitVec.ofNat 32 (4 * (addr.toNat / 4)) + BitVec.ofNat 32 (addr.toNat % 4 + i) := by
  apply BitVec.eq_of_toNat_eq
  have := addr.isLt
  simp only [BitVec.toNat_add, BitVec.toNat_ofNat]
  omega

theorem byte_of_lane (s : State) (addr : Word) (i : Nat) :
    (s.mem (addr + BitVec.ofNat 32 i)).toNat =
      byteAt s (BitVec.ofNat 32 (4 * (addr.toNat / 4))) (addr.toNat % 4 + i) := by
  rw [add_lane addr i]; rfl

/-- **A load's bytes are a lane of the word**: for an access of n ∈ {1, 2, 4} bytes aligned to
n, the bytes at the address read little-endian are the word's bytes from addr mod 4 on. -/
theorem readBytes_lane (s : State) (addr : Word) (n : Nat) (hn : n = 1 ∨ n = 2 ∨ n = 4)
    (hal : addr.toNat % n = 0) :
    littleEndian (s.readBytes addr n) =
      (wordAt s (addr.toNat / 4)).toNat / 2 ^ (8 * (addr.toNat % 4)) % 2 ^ (8 * n) := by
  rw [toNat_wordAt]
  have h0 := byteAt_lt s (BitVec.ofNat 32 (4 * (addr.toNat / 4))) 0
  have h1 := byteAt_lt s (BitVec.ofNat 32 (4 * (addr.toNat / 4))) 1
  have h2 := byteAt_lt s (BitVec.ofNat 32 (4 * (addr.toNat / 4))) 2
  have h3 := byteAt_lt s (BitVec.ofNat 32 (4 * (addr.toNat / 4))) 3
  rcases hn with rfl | rfl | rfl
  · have e := byte_of_lane s addr 0
    simp only [State.readBytes, List.range, List.range.loop, List.map_cons, List.map_nil,
      littleEndian] at e ⊢
    rw [e]
    have : addr.toNat % 4 = 0 ∨ addr.toNat % 4 = 1 ∨ addr.toNat % 4 = 2 ∨ addr.toNat % 4 = 3 := by
      omega
    rcases this with h | h | h | h <;> simp only [h, Nat.reduceMul, Nat.reducePow, Nat.reduceAdd] <;> omega
  · have e0 := byte_of_lane s addr 0
    have e1 := byte_of_lane s addr 1
    simp only [State.readBytes, List.range, List.range.loop, List.map_cons, List.map_nil,
      littleEndian] at e0 e1 ⊢
    rw [e0, e1]
    have : addr.toNat % 4 = 0 ∨ addr.toNat % 4 = 2 := by omega
    rcases this with h | h <;> simp only [h, Nat.reduceMul, Nat.reducePow, Nat.reduceAdd] <;> omega
  · have e0 := byte_of_lane s addr 0
    have e1 := byte_of_lane s addr 1
    have e2 := byte_of_lane s addr 2
    have e3 := byte_of_lane s addr 3
    simp only [State.readBytes, List.range, List.range.loop, List.map_cons, List.map_nil,
      littleEndian] at e0 e1 e2 e3 ⊢
    rw [e0, e1, e2, e3]
    have h : addr.toNat % 4 = 0 := by omega
    simp only [h, Nat.reduceMul, Nat.reducePow, Nat.reduceAdd]
    omega

end Zkvm.Air.ByteMemory

end
