module

public import Zkvm.Extraction.Primitives

/-!
# Rust's unsigned integers in the extracted verifier

`u8`, `u16`, `u32`, `u64` are Lean's `UInt8` … `UInt64`, and `usize` is `UInt64` (the verifier
runs on 64-bit targets; `Usize` names it). The operations behave exactly as Rust's in a build
with `overflow-checks = true` (`rust/verifier` is built that way in release too):

* `+ - *` panic (`Panic.overflow`) when the exact result is outside `[0, 2^N)`;
* `/ %` panic (`Panic.divisionByZero`) on a zero divisor;
* `<< >>` panic (`Panic.overflow`) when the shift amount is at least `N`; bits shifted out
  are dropped (Rust checks only the amount);
* `& | ^ !` and comparisons never panic;
* `checked_*` return `Option`, `wrapping_*` compute modulo `2^N`;
* `as` between unsigned types is Lean's `UIntM.toUIntN` (zero extension or truncation to the
  low `N` bits, as Rust's `as`).

Each type gets the same family of definitions from the `uint_ops` command below, in the
namespaces `U8`, `U16`, `U32`, `U64`, `Usize`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Extraction

/-- Rust's `usize` on a 64-bit target. -/
abbrev Usize := UInt64

set_option hygiene false in
/-- The checked arithmetic of one unsigned Rust type: `uint_ops NS LeanType LeanType.ofNat bits`. -/
local macro "uint_ops" ns:ident ty:ident ofNat:ident bits:num : command =>
  `(
    namespace $ns
    /-- Number of bits (`uN::BITS`). -/
    def BITS : UInt32 := $bits
    /-- `uN::MAX`. -/
    def MAX : $ty := $ofNat (2 ^ $bits - 1)
    /-- `a + b`, panicking on overflow. -/
    def add (a b : $ty) : Outcome $ty :=
      if a.toNat + b.toNat < 2 ^ $bits then .ok (a + b) else .panic .overflow
    /-- `a - b`, panicking when `b > a`. -/
    def sub (a b : $ty) : Outcome $ty :=
      if b.toNat ≤ a.toNat then .ok (a - b) else .panic .overflow
    /-- `a * b`, panicking on overflow. -/
    def mul (a b : $ty) : Outcome $ty :=
      if a.toNat * b.toNat < 2 ^ $bits then .ok (a * b) else .panic .overflow
    /-- `a / b`, panicking on a zero divisor. -/
    def div (a b : $ty) : Outcome $ty :=
      if b = 0 then .panic .divisionByZero else .ok (a / b)
    /-- `a % b`, panicking on a zero divisor. -/
    def rem (a b : $ty) : Outcome $ty :=
      if b = 0 then .panic .divisionByZero else .ok (a % b)
    /-- `a << s` (any integer type for `s`, given as its value), panicking when `s ≥ N`. -/
    def shl (a : $ty) (s : Nat) : Outcome $ty :=
      if s < $bits then .ok (a <<< $ofNat s) else .panic .overflow
    /-- `a >> s`, panicking when `s ≥ N`. -/
    def shr (a : $ty) (s : Nat) : Outcome $ty :=
      if s < $bits then .ok (a >>> $ofNat s) else .panic .overflow
    def checked_add (a b : $ty) : Option $ty :=
      if a.toNat + b.toNat < 2 ^ $bits then some (a + b) else none
    def checked_sub (a b : $ty) : Option $ty :=
      if b.toNat ≤ a.toNat then some (a - b) else none
    def checked_mul (a b : $ty) : Option $ty :=
      if a.toNat * b.toNat < 2 ^ $bits then some (a * b) else none
    def wrapping_add (a b : $ty) : $ty := a + b
    def wrapping_sub (a b : $ty) : $ty := a - b
    def wrapping_mul (a b : $ty) : $ty := a * b

    theorem add_eq (a b : $ty) (h : a.toNat + b.toNat < 2 ^ $bits) : add a b = .ok (a + b) := by
      simp [add, h]
    theorem sub_eq (a b : $ty) (h : b.toNat ≤ a.toNat) : sub a b = .ok (a - b) := by
      simp [sub, h]
    theorem mul_eq (a b : $ty) (h : a.toNat * b.toNat < 2 ^ $bits) : mul a b = .ok (a * b) := by
      simp [mul, h]
    theorem div_eq (a b : $ty) (h : b ≠ 0) : div a b = .ok (a / b) := by
      simp [div, h]
    theorem rem_eq (a b : $ty) (h : b ≠ 0) : rem a b = .ok (a % b) := by
      simp [rem, h]
    theorem shl_eq (a : $ty) (s : Nat) (h : s < $bits) : shl a s = .ok (a <<< $ofNat s) := by
      simp [shl, h]
    theorem shr_eq (a : $ty) (s : Nat) (h : s < $bits) : shr a s = .ok (a >>> $ofNat s) := by
      simp [shr, h]
    end $ns
  )

uint_ops U8 UInt8 UInt8.ofNat 8
uint_ops U16 UInt16 UInt16.ofNat 16
uint_ops U32 UInt32 UInt32.ofNat 32
uint_ops U64 UInt64 UInt64.ofNat 64
uint_ops Usize UInt64 UInt64.ofNat 64

/-! ## Byte conversions (`to_le_bytes`, `from_le_bytes`) -/

def U8.to_le_bytes (a : UInt8) : List UInt8 := [a]
def U16.to_le_bytes (a : UInt16) : List UInt8 := [a.toUInt8, (a >>> 8).toUInt8]
def U32.to_le_bytes (a : UInt32) : List UInt8 :=
  [a.toUInt8, (a >>> 8).toUInt8, (a >>> 16).toUInt8, (a >>> 24).toUInt8]
def U64.to_le_bytes (a : UInt64) : List UInt8 :=
  [a.toUInt8, (a >>> 8).toUInt8, (a >>> 16).toUInt8, (a >>> 24).toUInt8,
   (a >>> 32).toUInt8, (a >>> 40).toUInt8, (a >>> 48).toUInt8, (a >>> 56).toUInt8]
def Usize.to_le_bytes (a : UInt64) : List UInt8 := U64.to_le_bytes a

/-- The value of little-endian bytes (Rust's `from_le_bytes` takes exactly `N / 8` of them;
the extracted code always passes an array of that length). -/
def leValue : List UInt8 → Nat
  | [] => 0
  | b :: bs => b.toNat + 256 * leValue bs

def U8.from_le_bytes (bs : List UInt8) : UInt8 := UInt8.ofNat (leValue bs)
def U16.from_le_bytes (bs : List UInt8) : UInt16 := UInt16.ofNat (leValue bs)
def U32.from_le_bytes (bs : List UInt8) : UInt32 := UInt32.ofNat (leValue bs)
def U64.from_le_bytes (bs : List UInt8) : UInt64 := UInt64.ofNat (leValue bs)
def Usize.from_le_bytes (bs : List UInt8) : UInt64 := UInt64.ofNat (leValue bs)

/-- `b as uN` for a `bool`. -/
def boolToNat (b : Bool) : Nat := if b then 1 else 0

example : U32.add 0xFFFF_FFFF 1 = .panic .overflow := by decide
example : U32.add 0xFFFF_FFFE 1 = .ok 0xFFFF_FFFF := by decide
example : U64.sub 3 4 = .panic .overflow := by decide
example : U8.mul 16 16 = .panic .overflow := by decide
example : U32.shl 1 31 = .ok 0x8000_0000 := by decide
example : U32.shl 1 32 = .panic .overflow := by decide
example : U32.shl 0xFFFF_FFFF 4 = .ok 0xFFFF_FFF0 := by decide
example : U32.rem 7 0 = .panic .divisionByZero := by decide
example : U32.checked_mul 0x10000 0x10000 = none := by decide
example : U32.wrapping_add 0xFFFF_FFFF 2 = 1 := by decide
example : U32.to_le_bytes 0x04030201 = [1, 2, 3, 4] := by decide
example : U32.from_le_bytes [1, 2, 3, 4] = 0x04030201 := by decide
example : (0x1_0000_0001 : UInt64).toUInt32 = 1 := by decide

end Zkvm.Extraction
