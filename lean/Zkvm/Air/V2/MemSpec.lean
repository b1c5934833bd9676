module

public import Zkvm.Air.WordLimbs
public import Zkvm.Air.Table

/-!
# The MEM table of the RV32IM machine, version 2: its constraints as named groups

`rust/verifier/src/air/rv32im/mem.rs` (docs/air.md §7.1) has one row per load or store (LB, LH,
LW, LBU, LHU, SB, SH, SW). The row computes the address a + imm in limbs (lo = 4 q + lane, hi,
the carry), makes one access at port 3 of the word wa = q + 2^14 hi in space 1 + rom, and
selects (loads) or replaces (stores) the addressed lanes of that word. This file states its
constraints as a structure of named groups (`Groups`, the groups of docs/air.md §7.1), over any
commutative ring, as `eval` computes them; `constraints` is the same list of 41 values in
`eval`'s order, and `groups_iff` says the groups hold exactly when every value vanishes.

What the bus gives the table is stated as explicit hypotheses, read off `messages`:
* `Lookups`: the U16 lookups of the gap, q, the address's low limb and its high limb (sent
  with multiplicity `real`), the U8 lookups of x0, x1 (multiplicity `sub`), of 2v − 256 s
  (multiplicity f_LB + f_LH + f_SB) and of y1 (multiplicity f_SB);
* `Inputs`: the EXEC message's a, b, imm and the MEM message's old word are well-formed (limbs
  below 2^16), which the CPU table and the memory argument provide.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Mem

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table

/-! ## Columns, as in mem.rs -/

namespace Col
def fLb : Nat := 0
def fLh : Nat := 1
def fLw : Nat := 2
def fLbu : Nat := 3
def fLhu : Nat := 4
def fSb : Nat := 5
def fSh : Nat := 6
def fSw : Nat := 7
def clk : Nat := 8
def aLo : Nat := 9
def aHi : Nat := 10
def bLo : Nat := 11
def bHi : Nat := 12
def cLo : Nat := 13
def cHi : Nat := 14
def immLo : Nat := 15
def immHi : Nat := 16
def nextPc : Nat := 17
/-- Bits 2..15 of the address: lo = 4 q + lane. -/
def q : Nat := 18
/-- The address's high limb. -/
def addrHi : Nat := 19
/-- The carry of a_lo + imm_lo. -/
def carry : Nat := 20
/-- Lanes 1, 2, 3; lane 0 is sub − L1 − L2 − L3. -/
def l1 : Nat := 21
def l2 : Nat := 22
def l3 : Nat := 23
/-- 1: the word is ROM (space 2), 0: RAM (space 1). -/
def rom : Nat := 24
def oldLo : Nat := 25
def oldHi : Nat := 26
def newLo : Nat := 27
def newHi : Nat := 28
def prevTs : Nat := 29
def gLo : Nat := 30
def gHi : Nat := 31
/-- Bytes of the addressed half of the old word. -/
def x0 : Nat := 32
def x1 : Nat := 33
/-- LB, LBU: the addressed byte; LH: the half's high byte; SB: b's low byte. -/
def v : Nat := 34
/-- The top bit of v. -/
def s : Nat := 35
/-- SB: the high byte of b_lo. -/
def y1 : Nat := 36
def width : Nat := 37
end Col

open Col

/-- The op numbers of the EXEC message (receipt/program.rs `OP_*`). -/
def opLb : Nat := 10
def opLh : Nat := 11
def opLw : Nat := 12
def opLbu : Nat := 13
def opLhu : Nat := 14
def opSb : Nat := 15
def opSh : Nat := 16
def opSw : Nat := 17

/-- The op flags, in the order of `FLAGS`. -/
def flags : List Nat := [fLb, fLh, fLw, fLbu, fLhu, fSb, fSh, fSw]

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- `x (x − 1)`: vanishes exactly on 0 and 1 (in a field). -/
def boolean (x : F) : F := x * (x - 1)

/-- 1 on every load or store row: the sum of the op flags. -/
def real (r : Row F) : F :=
  r fLb + r fLh + r fLw + r fLbu + r fLhu + r fSb + r fSh + r fSw

def isLoad (r : Row F) : F := r fLb + r fLh + r fLw + r fLbu + r fLhu

def isStore (r : Row F) : F := r fSb + r fSh + r fSw

/-- 1 on sub-word rows (all but LW, SW). -/
def isSub (r : Row F) : F := r fLb + r fLh + r fLbu + r fLhu + r fSb + r fSh

/-- Lane 0: sub − L1 − L2 − L3. -/
def lane0 (r : Row F) : F := isSub r - r l1 - r l2 - r l3

/-- The address's low limb 4 q + L1 + 2 L2 + 3 L3. -/
def addrLo (r : Row F) : F := 4 * r q + (r l1 + 2 * r l2 + 3 * r l3)

/-- The word address q + 2^14 hi. -/
def wordAddr (r : Row F) : F := r q + 16384 * r addrHi

/-- The memory space 1 + rom. -/
def space (r : Row F) : F := 1 + r rom

/-- 4 clk + 4: the timestamp of port 3. -/
def timestamp (r : Row F) : F := 4 * r clk + 4

/-- x0 + 256 x1: the addressed half of the old word. -/
def half (r : Row F) : F := r x0 + 256 * r x1

/-- The half-word ops, which must be even-aligned. -/
def halves (r : Row F) : F := r fLh + r fLhu + r fSh

/-- k = a_hi + imm_hi + carry − hi, which is 0 or 2^16. -/
def kHi (r : Row F) : F := r aHi + r immHi + r carry - r addrHi

/-- The causality gap g_lo + 2^16 g_hi and what it must be, ts − prev_ts − 1. -/
def gap (r : Row F) : F := r gLo + 65536 * r gHi
def expectedGap (r : Row F) : F := timestamp r - r prevTs - 1

/-- The addressed byte (L0 + L2) x0 + (L1 + L3) x1. -/
def laneByte (r : Row F) : F := (lane0 r + r l2) * r x0 + (r l1 + r l3) * r x1

/-- SH: the new limbs. -/
def shLo (r : Row F) : F := r oldLo + lane0 r * (r bLo - r oldLo)
def shHi (r : Row F) : F := r oldHi + r l2 * (r bLo - r oldHi)

/-- SB: the new limbs, with d0 = v − x0 and d1 = 256 (v − x1). -/
def sbLo (r : Row F) : F :=
  r oldLo + lane0 r * (r v - r x0) + r l1 * (256 * (r v - r x1))
def sbHi (r : Row F) : F :=
  r oldHi + r l2 * (r v - r x0) + r l3 * (256 * (r v - r x1))

/-- **The MEM table's constraints**, one field per group of docs/air.md §7.1. -/
structure Groups (r : Row F) : Prop where
  /-- Flags [0-8]: each flag boolean, their sum boolean. -/
  bool_flags : ∀ c ∈ flags, boolean (r c) = 0
  one_op : boolean (real r) = 0
  /-- Lanes [9-12]: L0..L3 boolean. -/
  bool_l0 : boolean (lane0 r) = 0
  bool_l1 : boolean (r l1) = 0
  bool_l2 : boolean (r l2) = 0
  bool_l3 : boolean (r l3) = 0
  /-- Alignment [13]: halves are even. -/
  align : halves r * (r l1 + r l3) = 0
  /-- Address [14-16]. -/
  bool_carry : boolean (r carry) = 0
  addr_lo : r aLo + r immLo - addrLo r - 65536 * r carry = 0
  addr_hi : kHi r * (kHi r - 65536) = 0
  /-- Space [17-18]: RAM or ROM; stores write RAM. -/
  bool_rom : boolean (r rom) = 0
  store_ram : isStore r * r rom = 0
  /-- Causality [19]. -/
  causal : real r * (gap r - expectedGap r) = 0
  /-- Loads read [20-21]: the word is unchanged. -/
  load_lo : isLoad r * (r newLo - r oldLo) = 0
  load_hi : isLoad r * (r newHi - r oldHi) = 0
  /-- The addressed half [22-23]. -/
  half_lo : (lane0 r + r l1) * (r oldLo - half r) = 0
  half_hi : (r l2 + r l3) * (r oldHi - half r) = 0
  /-- v and its sign [24-26]. -/
  bool_s : boolean (r s) = 0
  v_byte : (r fLb + r fLbu) * (r v - laneByte r) = 0
  v_lh : r fLh * (r v - r x1) = 0
  /-- Loads [27-33]. -/
  lw_lo : r fLw * (r cLo - r oldLo) = 0
  lw_hi : r fLw * (r cHi - r oldHi) = 0
  lb_lo : r fLb * (r cLo - (r v + 65280 * r s)) = 0
  lbu_lo : r fLbu * (r cLo - r v) = 0
  lh_lo : (r fLh + r fLhu) * (r cLo - half r) = 0
  signed_hi : (r fLb + r fLh) * (r cHi - 65535 * r s) = 0
  unsigned_hi : (r fLbu + r fLhu) * r cHi = 0
  /-- SW [34-35]. -/
  sw_lo : r fSw * (r newLo - r bLo) = 0
  sw_hi : r fSw * (r newHi - r bHi) = 0
  /-- SH [36-37]. -/
  sh_lo : r fSh * (r newLo - shLo r) = 0
  sh_hi : r fSh * (r newHi - shHi r) = 0
  /-- SB [38-40]. -/
  sb_b : r fSb * (r bLo - (r v + 256 * r y1)) = 0
  sb_lo : r fSb * (r newLo - sbLo r) = 0
  sb_hi : r fSb * (r newHi - sbHi r) = 0

/-- The constraint values, in `eval`'s order. -/
def constraints (r : Row F) : List F :=
  flags.map (fun c => boolean (r c)) ++
  [boolean (real r),
   boolean (lane0 r), boolean (r l1), boolean (r l2), boolean (r l3),
   halves r * (r l1 + r l3),
   boolean (r carry), r aLo + r immLo - addrLo r - 65536 * r carry, kHi r * (kHi r - 65536),
   boolean (r rom), isStore r * r rom,
   real r * (gap r - expectedGap r),
   isLoad r * (r newLo - r oldLo), isLoad r * (r newHi - r oldHi),
   (lane0 r + r l1) * (r oldLo - half r), (r l2 + r l3) * (r oldHi - half r),
   boolean (r s), (r fLb + r fLbu) * (r v - laneByte r), r fLh * (r v - r x1),
   r fLw * (r cLo - r oldLo), r fLw * (r cHi - r oldHi),
   r fLb * (r cLo - (r v + 65280 * r s)), r fLbu * (r cLo - r v),
   (r fLh + r fLhu) * (r cLo - half r), (r fLb + r fLh) * (r cHi - 65535 * r s),
   (r fLbu + r fLhu) * r cHi,
   r fSw * (r newLo - r bLo), r fSw * (r newHi - r bHi),
   r fSh * (r newLo - shLo r), r fSh * (r newHi - shHi r),
   r fSb * (r bLo - (r v + 256 * r y1)), r fSb * (r newLo - sbLo r),
   r fSb * (r newHi - sbHi r)]

theorem length_constraints (r : Row F) : (constraints r).length = 41 := rfl

/-- The groups hold exactly when every constraint value vanishes. -/
theorem groups_iff (r : Row F) : Groups r ↔ ∀ e ∈ constraints r, e = 0 := by
  constructor
  · intro h e he
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at he
    rcases he with ⟨c, hc, rfl⟩ | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl |
      rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl |
      rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl
    · exact h.bool_flags c hc
    · exact h.one_op
    · exact h.bool_l0
    · exact h.bool_l1
    · exact h.bool_l2
    · exact h.bool_l3
    · exact h.align
    · exact h.bool_carry
    · exact h.addr_lo
    · exact h.addr_hi
    · exact h.bool_rom
    · exact h.store_ram
    · exact h.causal
    · exact h.load_lo
    · exact h.load_hi
    · exact h.half_lo
    · exact h.half_hi
    · exact h.bool_s
    · exact h.v_byte
    · exact h.v_lh
    · exact h.lw_lo
    · exact h.lw_hi
    · exact h.lb_lo
    · exact h.lbu_lo
    · exact h.lh_lo
    · exact h.signed_hi
    · exact h.unsigned_hi
    · exact h.sw_lo
    · exact h.sw_hi
    · exact h.sh_lo
    · exact h.sh_hi
    · exact h.sb_b
    · exact h.sb_lo
    · exact h.sb_hi
  · intro h
    have m : ∀ e, e ∈ constraints r → e = 0 := h
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at m
    exact
      { bool_flags := fun c hc => m _ (Or.inl ⟨c, hc, rfl⟩)
        one_op := m _ (Or.inr (by simp))
        bool_l0 := m _ (Or.inr (by simp))
        bool_l1 := m _ (Or.inr (by simp))
        bool_l2 := m _ (Or.inr (by simp))
        bool_l3 := m _ (Or.inr (by simp))
        align := m _ (Or.inr (by simp))
        bool_carry := m _ (Or.inr (by simp))
        addr_lo := m _ (Or.inr (by simp))
        addr_hi := m _ (Or.inr (by simp))
        bool_rom := m _ (Or.inr (by simp))
        store_ram := m _ (Or.inr (by simp))
        causal := m _ (Or.inr (by simp))
        load_lo := m _ (Or.inr (by simp))
        load_hi := m _ (Or.inr (by simp))
        half_lo := m _ (Or.inr (by simp))
        half_hi := m _ (Or.inr (by simp))
        bool_s := m _ (Or.inr (by simp))
        v_byte := m _ (Or.inr (by simp))
        v_lh := m _ (Or.inr (by simp))
        lw_lo := m _ (Or.inr (by simp))
        lw_hi := m _ (Or.inr (by simp))
        lb_lo := m _ (Or.inr (by simp))
        lbu_lo := m _ (Or.inr (by simp))
        lh_lo := m _ (Or.inr (by simp))
        signed_hi := m _ (Or.inr (by simp))
        unsigned_hi := m _ (Or.inr (by simp))
        sw_lo := m _ (Or.inr (by simp))
        sw_hi := m _ (Or.inr (by simp))
        sh_lo := m _ (Or.inr (by simp))
        sh_hi := m _ (Or.inr (by simp))
        sb_b := m _ (Or.inr (by simp))
        sb_lo := m _ (Or.inr (by simp))
        sb_hi := m _ (Or.inr (by simp)) }

end Ring

/-! ## What the bus provides, over BabyBear -/

/-- The range lookups of `messages`: U16 of the gap's limbs (the high one scaled by 8), of q,
of the address's low limb and of its high limb, sent with multiplicity `real`; U8 of x0 and x1
(multiplicity `sub`), of 2v − 256 s (multiplicity f_LB + f_LH + f_SB) and of y1 (f_SB). Each
holds where its multiplicity is non-zero. -/
structure Lookups (r : Row BabyBear) : Prop where
  u16_gLo : real r ≠ 0 → (r gLo).val < 2 ^ 16
  u16_gHi : real r ≠ 0 → (8 * r gHi).val < 2 ^ 16
  u16_q : real r ≠ 0 → (r q).val < 2 ^ 16
  u16_lo : real r ≠ 0 → (addrLo r).val < 2 ^ 16
  u16_hi : real r ≠ 0 → (r addrHi).val < 2 ^ 16
  u8_x0 : isSub r ≠ 0 → (r x0).val < 2 ^ 8
  u8_x1 : isSub r ≠ 0 → (r x1).val < 2 ^ 8
  u8_top : r fLb + r fLh + r fSb ≠ 0 → (2 * r v - 256 * r s).val < 2 ^ 8
  u8_y1 : r fSb ≠ 0 → (r y1).val < 2 ^ 8

/-- The EXEC message's operands and the MEM message's old word are well-formed words: the CPU
table sends register values and immediates in 16-bit limbs, and the memory argument returns
what was last written (or the boundary value), which is well-formed. -/
structure Inputs (r : Row BabyBear) : Prop where
  a_lo : (r aLo).val < 2 ^ 16
  a_hi : (r aHi).val < 2 ^ 16
  b_lo : (r bLo).val < 2 ^ 16
  b_hi : (r bHi).val < 2 ^ 16
  imm_lo : (r immLo).val < 2 ^ 16
  imm_hi : (r immHi).val < 2 ^ 16
  old_lo : (r oldLo).val < 2 ^ 16
  old_hi : (r oldHi).val < 2 ^ 16

/-! ## The words of a row -/

def aWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r aLo) (r aHi)
def bWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r bLo) (r bHi)
def immWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r immLo) (r immHi)
def cWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r cLo) (r cHi)
def oldWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r oldLo) (r oldHi)
def newWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r newLo) (r newHi)

/-! ## The semantics on one word -/

/-- What a load of width `wd` puts in rd when the addressed bytes are those of the word `old`
from byte `lane` on: `execLoad`'s `width.extend (littleEndian bytes)` for the bytes
`old.byte lane, …, old.byte (lane + size − 1)`. -/
def loadValue (wd : LoadWidth) (old : Word) (lane : Nat) : Word :=
  wd.extend (old.toNat / 2 ^ (8 * lane) % 2 ^ (8 * wd.size))

/-- The word `old` after a store of width `wd` of the low bytes of `b` from byte `lane` on
(`execStore` writes `b.toBytes.take size` at the address): the bytes `lane .. lane + size − 1`
replaced by those of `b`, the others kept. -/
def storeValue (wd : StoreWidth) (old b : Word) (lane : Nat) : Word :=
  BitVec.ofNat 32
    (old.toNat - old.toNat / 2 ^ (8 * lane) % 2 ^ (8 * wd.size) * 2 ^ (8 * lane) +
      b.toNat % 2 ^ (8 * wd.size) * 2 ^ (8 * lane))

end Zkvm.Air.V2.Mem

end
