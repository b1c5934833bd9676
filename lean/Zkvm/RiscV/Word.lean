module

/-!
# Words, bytes and limbs

The RV32IM model computes on `BitVec 32` (`Word`), the representation the unprivileged spec's
wording maps to most directly ("the low 5 bits of rs2", "sign-extended", "the upper 32 bits of
the 64-bit product"). The STARK's constraints instead see a word as field elements: four bytes
or two 16-bit limbs, each a natural number below `2^8` or `2^16`. This file defines those
views and proves the facts that connect them to `BitVec` arithmetic:

* `toNat_eq_bytes`, `toNat_eq_limbs`: `w = b₀ + 2⁸b₁ + 2¹⁶b₂ + 2²⁴b₃ = l₀ + 2¹⁶l₁`;
* `littleEndian_toBytes`, `toBytes_ofLittleEndian`: memory's little-endian byte order round-trips;
* `add_eq_of_limbs` (and `lo_add`, `hi_add`): limb-wise addition with carries is `BitVec`
  addition, the check an AIR performs for ADD (and, via `sub_eq_iff`, SUB);
* `toNat_mul_limbs`: the low word of a product from limb products;
* `ult_iff_limbs`, `msb_iff_hi`, `toInt_eq_limbs`: comparisons and signs from limbs.
-/

@[expose] public section

namespace Zkvm.RiscV

/-- A 32-bit machine word: a register value, an address or an instruction. -/
abbrev Word := BitVec 32

/-- A byte of memory. -/
abbrev Byte := BitVec 8

/-- A register number: the 5-bit `rd`/`rs1`/`rs2` field of an instruction. -/
abbrev Reg := BitVec 5

/-- The value of a little-endian byte string (lowest address first). -/
def littleEndian : List Byte → Nat
  | [] => 0
  | b :: bs => b.toNat + 2 ^ 8 * littleEndian bs

namespace Word

/-- Byte `i` of `w` (`i = 0` is the least significant), as the number a constraint sees. -/
def byte (w : Word) (i : Nat) : Nat := w.toNat / 2 ^ (8 * i) % 2 ^ 8

/-- The low 16-bit limb. -/
def lo (w : Word) : Nat := w.toNat % 2 ^ 16

/-- The high 16-bit limb. -/
def hi (w : Word) : Nat := w.toNat / 2 ^ 16

/-- The word with limbs `l₀` (low) and `l₁` (high). -/
def ofLimbs (l₀ l₁ : Nat) : Word := BitVec.ofNat 32 (l₀ + 2 ^ 16 * l₁)

/-- The four bytes of `w` in memory order (little-endian): what `sw` stores. -/
def toBytes (w : Word) : List Byte :=
  [BitVec.ofNat 8 (w.byte 0), BitVec.ofNat 8 (w.byte 1),
   BitVec.ofNat 8 (w.byte 2), BitVec.ofNat 8 (w.byte 3)]

theorem toNat_lt (w : Word) : w.toNat < 2 ^ 32 := w.isLt

theorem byte_lt (w : Word) (i : Nat) : w.byte i < 2 ^ 8 := Nat.mod_lt _ (by decide)

theorem lo_lt (w : Word) : w.lo < 2 ^ 16 := Nat.mod_lt _ (by decide)

theorem hi_lt (w : Word) : w.hi < 2 ^ 16 := by
  have := w.toNat_lt
  simp only [hi]
  omega

/-- A word is the sum of its bytes, weighted by their positions. -/
theorem toNat_eq_bytes (w : Word) :
    w.toNat = w.byte 0 + 2 ^ 8 * w.byte 1 + 2 ^ 16 * w.byte 2 + 2 ^ 24 * w.byte 3 := by
  have := w.toNat_lt
  simp only [byte]
  omega

/-- A word is `lo + 2^16 * hi`. -/
theorem toNat_eq_limbs (w : Word) : w.toNat = w.lo + 2 ^ 16 * w.hi := by
  simp only [lo, hi]
  omega

/-- Each limb is two bytes. -/
theorem lo_eq_bytes (w : Word) : w.lo = w.byte 0 + 2 ^ 8 * w.byte 1 := by
  simp only [lo, byte]
  omega

theorem hi_eq_bytes (w : Word) : w.hi = w.byte 2 + 2 ^ 8 * w.byte 3 := by
  have := w.toNat_lt
  simp only [hi, byte]
  omega

/-- Words are equal exactly when their limbs are. -/
theorem eq_iff_limbs {a b : Word} : a = b ↔ a.lo = b.lo ∧ a.hi = b.hi := by
  constructor
  · intro h; subst h; exact ⟨rfl, rfl⟩
  · intro ⟨h₀, h₁⟩
    apply BitVec.eq_of_toNat_eq
    rw [toNat_eq_limbs a, toNat_eq_limbs b, h₀, h₁]

theorem lo_ofLimbs {l₀ : Nat} (l₁ : Nat) (h₀ : l₀ < 2 ^ 16) :
    (ofLimbs l₀ l₁).lo = l₀ := by
  simp only [lo, ofLimbs, BitVec.toNat_ofNat]
  omega

theorem hi_ofLimbs {l₀ l₁ : Nat} (h₀ : l₀ < 2 ^ 16) (h₁ : l₁ < 2 ^ 16) :
    (ofLimbs l₀ l₁).hi = l₁ := by
  simp only [hi, ofLimbs, BitVec.toNat_ofNat]
  omega

theorem ofLimbs_lo_hi (w : Word) : ofLimbs w.lo w.hi = w := by
  apply BitVec.eq_of_toNat_eq
  simp only [ofLimbs, BitVec.toNat_ofNat]
  rw [← toNat_eq_limbs]
  exact Nat.mod_eq_of_lt w.toNat_lt

/-! ## Memory byte order -/

theorem toBytes_toNat (w : Word) :
    w.toBytes.map BitVec.toNat = [w.byte 0, w.byte 1, w.byte 2, w.byte 3] := by
  simp only [toBytes, List.map_cons, List.map_nil, BitVec.toNat_ofNat]
  simp only [Nat.mod_eq_of_lt (byte_lt w _)]

/-- Reading back the bytes `sw` stores gives the stored word. -/
theorem littleEndian_toBytes (w : Word) : littleEndian w.toBytes = w.toNat := by
  have h := toNat_eq_bytes w
  have h₀ := byte_lt w 0
  have h₁ := byte_lt w 1
  have h₂ := byte_lt w 2
  have h₃ := byte_lt w 3
  simp only [toBytes, littleEndian, BitVec.toNat_ofNat]
  omega

theorem ofNat_littleEndian_toBytes (w : Word) : BitVec.ofNat 32 (littleEndian w.toBytes) = w := by
  apply BitVec.eq_of_toNat_eq
  rw [littleEndian_toBytes, BitVec.toNat_ofNat]
  exact Nat.mod_eq_of_lt w.toNat_lt

private theorem ofNat_byte {w : Word} {i : Nat} {b : Byte} (h : w.byte i = b.toNat) :
    BitVec.ofNat 8 (w.byte i) = b := by
  apply BitVec.eq_of_toNat_eq
  rw [BitVec.toNat_ofNat, h]
  exact Nat.mod_eq_of_lt b.isLt

/-- Storing the word `lw` assembled from four bytes stores those bytes. -/
theorem toBytes_ofLittleEndian (b₀ b₁ b₂ b₃ : Byte) :
    toBytes (BitVec.ofNat 32 (littleEndian [b₀, b₁, b₂, b₃])) = [b₀, b₁, b₂, b₃] := by
  have h₀ := b₀.isLt
  have h₁ := b₁.isLt
  have h₂ := b₂.isLt
  have h₃ := b₃.isLt
  have hv : (BitVec.ofNat 32 (littleEndian [b₀, b₁, b₂, b₃])).toNat
      = b₀.toNat + 2 ^ 8 * b₁.toNat + 2 ^ 16 * b₂.toNat + 2 ^ 24 * b₃.toNat := by
    simp only [littleEndian, BitVec.toNat_ofNat]
    omega
  simp only [toBytes]
  rw [ofNat_byte (b := b₀) (by simp only [byte, hv, Nat.reduceMul, Nat.reducePow]; omega),
    ofNat_byte (b := b₁) (by simp only [byte, hv, Nat.reduceMul, Nat.reducePow]; omega),
    ofNat_byte (b := b₂) (by simp only [byte, hv, Nat.reduceMul, Nat.reducePow]; omega),
    ofNat_byte (b := b₃) (by simp only [byte, hv, Nat.reduceMul, Nat.reducePow]; omega)]

/-! ## Arithmetic on limbs -/

/-- The low limb of a sum: the low limbs' sum, without its carry. -/
theorem lo_add (a b : Word) : (a + b).lo = (a.lo + b.lo) % 2 ^ 16 := by
  simp only [lo, BitVec.toNat_add]
  omega

/-- The high limb of a sum: the high limbs' sum plus the carry out of the low limbs. -/
theorem hi_add (a b : Word) : (a + b).hi = (a.hi + b.hi + (a.lo + b.lo) / 2 ^ 16) % 2 ^ 16 := by
  have := a.toNat_lt
  have := b.toNat_lt
  simp only [lo, hi, BitVec.toNat_add]
  omega

/-- Soundness of the limb-wise addition check: if the limbs of `r` satisfy the two
carry equations an ADD constraint imposes (for some carries `c₀`, `c₁`; no range check on the
carries is needed, the limb ranges force `c₀ ≤ 1`), then `r = a + b`. -/
theorem add_eq_of_limbs {a b r : Word} {c₀ c₁ : Nat}
    (h₀ : a.lo + b.lo = r.lo + 2 ^ 16 * c₀) (h₁ : a.hi + b.hi + c₀ = r.hi + 2 ^ 16 * c₁) :
    r = a + b := by
  have := a.toNat_lt
  have := b.toNat_lt
  have := r.toNat_lt
  apply BitVec.eq_of_toNat_eq
  simp only [lo, hi] at h₀ h₁
  rw [BitVec.toNat_add]
  omega

/-- Subtraction is checked as addition: `r = a - b` exactly when `r + b = a`. -/
theorem sub_eq_iff (a b r : Word) : r = a - b ↔ r + b = a := by
  constructor
  · intro h; subst h; exact BitVec.sub_add_cancel a b
  · intro h; subst h; exact (BitVec.add_sub_cancel r b).symm

/-- The low word of a product from the limb products (the `hi * hi` term only affects bits
above 32). -/
theorem toNat_mul_limbs (a b : Word) :
    (a * b).toNat = (a.lo * b.lo + 2 ^ 16 * (a.lo * b.hi + a.hi * b.lo)) % 2 ^ 32 := by
  have e : a.toNat * b.toNat
      = a.lo * b.lo + 2 ^ 16 * (a.lo * b.hi + a.hi * b.lo) + 2 ^ 32 * (a.hi * b.hi) := by
    rw [toNat_eq_limbs a, toNat_eq_limbs b]
    grind
  rw [BitVec.toNat_mul, e, Nat.add_mul_mod_self_left]

/-- Unsigned comparison on limbs: compare the high limbs, then the low ones. -/
theorem ult_iff_limbs (a b : Word) :
    a.ult b = true ↔ a.hi < b.hi ∨ (a.hi = b.hi ∧ a.lo < b.lo) := by
  have ha := toNat_eq_limbs a
  have hb := toNat_eq_limbs b
  have := a.lo_lt
  have := b.lo_lt
  simp only [BitVec.ult, decide_eq_true_eq]
  omega

/-- The sign bit is set exactly when the high limb is at least `2^15`. -/
theorem msb_iff_hi (a : Word) : a.msb = true ↔ 2 ^ 15 ≤ a.hi := by
  have := a.toNat_lt
  simp only [BitVec.msb_eq_decide, decide_eq_true_eq, hi]
  omega

/-- The signed value of a word, decided by its high limb. -/
theorem toInt_eq_limbs (a : Word) :
    a.toInt = if a.hi < 2 ^ 15 then (a.toNat : Int) else (a.toNat : Int) - 2 ^ 32 := by
  have := a.toNat_lt
  rw [BitVec.toInt_eq_toNat_cond]
  by_cases h : a.hi < 2 ^ 15
  · have : 2 * a.toNat < 2 ^ 32 := by simp only [hi] at h; omega
    simp [h, this]
  · have : ¬ 2 * a.toNat < 2 ^ 32 := by simp only [hi] at h; omega
    simp [h, this]

end Word

end Zkvm.RiscV
