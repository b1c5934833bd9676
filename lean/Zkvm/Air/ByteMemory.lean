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

/-! ## Stores -/

/-- The byte at `x` after writing `bytes` at `addr`: the written byte if `x` is one of
`addr, addr + 1, …`, else the old one. -/
theorem writeMem_apply (mem : Word → Byte) (addr : Word) (bytes : List Byte) (x : Word)
    (hlen : bytes.length < 2 ^ 32 - 1) :
    State.writeMem mem addr bytes x =
      if (x - addr).toNat < bytes.length then bytes.getD (x - addr).toNat 0 else mem x := by
  induction bytes generalizing mem addr with
  | nil => simp [State.writeMem]
  | cons b bs ih =>
    simp only [State.writeMem]
    simp only [List.length_cons] at hlen
    rw [ih _ _ (by omega)]
    have hxa := x.isLt
    have haa := addr.isLt
    by_cases hx : x = addr
    · subst hx
      have e : (x - (x + 1)).toNat = 2 ^ 32 - 1 := by
        simp only [BitVec.toNat_sub, BitVec.toNat_add, show (1 : Word).toNat = 1 from rfl]
        omega
      rw [e, if_neg (by omega), if_pos rfl, BitVec.sub_self]
      simp
    · have hne : x.toNat ≠ addr.toNat := fun h => hx (BitVec.eq_of_toNat_eq h)
      have e : (x - (addr + 1)).toNat + 1 = (x - addr).toNat := by
        simp only [BitVec.toNat_sub, BitVec.toNat_add, show (1 : Word).toNat = 1 from rfl]
        omega
      rw [if_neg hx]
      by_cases hlt : (x - (addr + 1)).toNat < bs.length
      · rw [if_pos hlt, if_pos (by simp only [List.length_cons]; omega), ← e]
        simp
      · rw [if_neg hlt, if_neg (by simp only [List.length_cons]; omega)]

theorem getD_take_toBytes (b : Word) (n i : Nat) (hn : n ≤ 4) (hi : i < n) :
    ((b.toBytes.take n).getD i 0).toNat = b.byte i := by
  have hb := Word.byte_lt b i
  have : i = 0 ∨ i = 1 ∨ i = 2 ∨ i = 3 := by omega
  rcases this with rfl | rfl | rfl | rfl <;>
    simp [Word.toBytes, List.getD_eq_getElem?_getD, List.getElem?_take, hi, Nat.mod_eq_of_lt hb]

/-- The byte at `x` after a store of `n ≤ 4` bytes of `b` at `addr`. -/
theorem byte_after (s : State) (addr b x : Word) (n : Nat) (hn : n ≤ 4) :
    (s.writeBytes addr (b.toBytes.take n)).mem x =
      if (x - addr).toNat < n then BitVec.ofNat 8 (b.byte (x - addr).toNat) else s.mem x := by
  have hl : (b.toBytes.take n).length = n := by simp [Word.toBytes]; omega
  simp only [State.writeBytes]
  rw [writeMem_apply _ _ _ _ (by omega), hl]
  split
  · apply BitVec.eq_of_toNat_eq
    rw [getD_take_toBytes b n _ hn (by assumption), BitVec.toNat_ofNat,
      Nat.mod_eq_of_lt (Word.byte_lt _ _)]
  · rfl

/-- **A store's word**: after writing the low n ∈ {1, 2, 4} bytes of `b` at an address aligned
to n, its word holds the old word with bytes `lane … lane + n − 1` replaced by b's low bytes. -/
theorem wordAt_store (s : State) (addr b : Word) (n : Nat) (hn : n = 1 ∨ n = 2 ∨ n = 4)
    (hal : addr.toNat % n = 0) :
    (wordAt (s.writeBytes addr (b.toBytes.take n)) (addr.toNat / 4)).toNat =
      (wordAt s (addr.toNat / 4)).toNat -
        (wordAt s (addr.toNat / 4)).toNat / 2 ^ (8 * (addr.toNat % 4)) % 2 ^ (8 * n) *
          2 ^ (8 * (addr.toNat % 4)) +
        b.toNat % 2 ^ (8 * n) * 2 ^ (8 * (addr.toNat % 4)) := by
  have ha := addr.isLt
  have hbl := b.isLt
  have hn4 : n ≤ 4 := by omega
  rw [toNat_wordAt, toNat_wordAt]
  have key : ∀ j, j < 4 → byteAt (s.writeBytes addr (b.toBytes.take n))
      (BitVec.ofNat 32 (4 * (addr.toNat / 4))) j =
      if addr.toNat % 4 ≤ j ∧ j < addr.toNat % 4 + n then b.byte (j - addr.toNat % 4)
      else byteAt s (BitVec.ofNat 32 (4 * (addr.toNat / 4))) j := by
    intro j hj
    unfold byteAt
    rw [byte_after s addr b _ n hn4]
    have e : (BitVec.ofNat 32 (4 * (addr.toNat / 4)) + BitVec.ofNat 32 j - addr).toNat =
        (2 ^ 32 - addr.toNat + (4 * (addr.toNat / 4) + j)) % 2 ^ 32 := by
      simp only [BitVec.toNat_sub, BitVec.toNat_add, BitVec.toNat_ofNat]
      omega
    rw [e]
    by_cases hin : addr.toNat % 4 ≤ j ∧ j < addr.toNat % 4 + n
    · rw [if_pos (by omega), if_pos hin, BitVec.toNat_ofNat, Nat.mod_eq_of_lt (Word.byte_lt _ _)]
      congr 1; omega
    · rw [if_neg (by omega), if_neg hin]
  rw [key 0 (by omega), key 1 (by omega), key 2 (by omega), key 3 (by omega)]
  have h0 := byteAt_lt s (BitVec.ofNat 32 (4 * (addr.toNat / 4))) 0
  have h1 := byteAt_lt s (BitVec.ofNat 32 (4 * (addr.toNat / 4))) 1
  have h2 := byteAt_lt s (BitVec.ofNat 32 (4 * (addr.toNat / 4))) 2
  have h3 := byteAt_lt s (BitVec.ofNat 32 (4 * (addr.toNat / 4))) 3
  simp only [Word.byte]
  rcases hn with rfl | rfl | rfl
  · have : addr.toNat % 4 = 0 ∨ addr.toNat % 4 = 1 ∨ addr.toNat % 4 = 2 ∨ addr.toNat % 4 = 3 := by
      omega
    rcases this with h | h | h | h <;>
      simp (config := { decide := true }) only [h, Nat.reduceMul, Nat.reducePow, Nat.reduceAdd,
        Nat.reduceSub, ite_true, ite_false, and_true, and_false, true_and, false_and] <;> omega
  · have : addr.toNat % 4 = 0 ∨ addr.toNat % 4 = 2 := by omega
    rcases this with h | h <;>
      simp (config := { decide := true }) only [h, Nat.reduceMul, Nat.reducePow, Nat.reduceAdd,
        Nat.reduceSub, ite_true, ite_false, and_true, and_false, true_and, false_and] <;> omega
  · have h : addr.toNat % 4 = 0 := by omega
    simp (config := { decide := true }) only [h, Nat.reduceMul, Nat.reducePow, Nat.reduceAdd,
      Nat.reduceSub, ite_true, ite_false, and_true, and_false, true_and, false_and]
    omega

/-- **A store leaves every other word**: words other than the address's keep their bytes. -/
theorem wordAt_store_other (s : State) (addr b : Word) (n : Nat) (hn : n = 1 ∨ n = 2 ∨ n = 4)
    (hal : addr.toNat % n = 0) {wa : Nat} (hwa : wa < 2 ^ 30) (hne : wa ≠ addr.toNat / 4) :
    wordAt (s.writeBytes addr (b.toBytes.take n)) wa = wordAt s wa := by
  have ha := addr.isLt
  unfold wordAt State.readBytes
  congr 2
  apply List.map_congr_left
  intro j hj
  simp only [List.mem_range] at hj
  rw [byte_after s addr b _ n (by omega)]
  have e : (BitVec.ofNat 32 (4 * wa) + BitVec.ofNat 32 j - addr).toNat =
      (2 ^ 32 - addr.toNat + (4 * wa + j)) % 2 ^ 32 := by
    simp only [BitVec.toNat_sub, BitVec.toNat_add, BitVec.toNat_ofNat]
    omega
  rw [e, if_neg (by rcases hn with rfl | rfl | rfl <;> omega)]

/-- **An access to allowed bytes is allowed**: if each of the `n` bytes from `addr` is mapped
(and, for a write, writable), the semantics finds no fault. -/
theorem accessFault_none_of (s : State) (write : Bool) (addr : Word) (n : Nat)
    (h : ∀ i < n, s.layout.mapped (addr + BitVec.ofNat 32 i) = true ∧
      (write = true → s.layout.writable (addr + BitVec.ofNat 32 i) = true)) :
    s.accessFault write addr n = none := by
  unfold State.accessFault
  rw [List.findSome?_eq_none_iff]
  intro x hx
  obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hx
  obtain ⟨hm, hw⟩ := h i (List.mem_range.mp hi)
  simp only [hm, Bool.not_true, Bool.false_eq_true, if_false]
  cases write with
  | false => simp
  | true => simp [hw rfl]

/-- **An access inside one allowed word is allowed**: an access of 1, 2 or 4 bytes aligned to its
size stays inside the word at `addr / 4`; if every address of that word is mapped (and, for a
write, writable), the semantics finds no fault. -/
theorem accessFault_none (s : State) (write : Bool) (addr : Word) (n : Nat)
    (hn : n = 1 ∨ n = 2 ∨ n = 4) (hal : addr.toNat % n = 0)
    (h : ∀ a : Word, a.toNat / 4 = addr.toNat / 4 →
      s.layout.mapped a = true ∧ (write = true → s.layout.writable a = true)) :
    s.accessFault write addr n = none := by
  refine accessFault_none_of s write addr n fun i hi => h _ ?_
  have hlt := addr.isLt
  rw [BitVec.toNat_add, BitVec.toNat_ofNat]
  rcases hn with rfl | rfl | rfl <;> omega

end Zkvm.Air.ByteMemory

end
