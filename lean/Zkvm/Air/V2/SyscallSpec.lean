module

public import Zkvm.Air.WordLimbs
public import Zkvm.Air.Table

/-!
# The SYSCALL table of the RV32IM machine, version 2: its constraints as named groups

`rust/verifier/src/air/rv32im/syscall.rs` (docs/air.md §4, §7.2) has one row per ECALL. The
CPU's ECALL row sends EXEC(ECALL, clk, a = a7, b = a0, c, 0, next_pc) and writes c to a0; the
SYSCALL row receives it and, by the flag that is set:
* read (a7 = 63): fd b = 3 fd3 (0 the public input, 3 the private one); it reads a1 = buf and
  a2 = len at port 3 and moves the input cursor from cur to cur + c, where c + d = len without
  overflow and d = 0 or cur + c = LIM (LIM the public input length for fd 0); d = 0 is checked
  limb by limb, since the word d_lo + 2^16 d_hi is a multiple of p for some d ≠ 0 when len ≥ p;
* write (a7 = 64): fd b = 1 + fd2, c = len; fd 1 moves the output cursor by len;
* exit (a7 = 93 or 94): c = b, and it reads both cursors at its timestamp.
This file states its constraints as a structure of named groups (`Groups`), over any commutative
ring, as `eval` computes them; `constraints` is the same list of 33 values in `eval`'s order, and
`groups_iff` says the groups hold exactly when every value vanishes. `eval` also reads one
public value, the input length (`pvInputLen`), passed here as the row `pub`.

What the bus gives the table is stated as explicit hypotheses (`Lookups`), read off `messages`:
the U16 lookups of the four accesses' gap limbs (where the access is on), of 4 buf_hi and
4 c_hi (read and write rows) and of c_lo, d_lo, d_hi (read rows).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Syscall

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table

/-! ## Columns, as in syscall.rs -/

namespace Col
def fRead : Nat := 0
def fWrite : Nat := 1
def fExit : Nat := 2
/-- A write to fd 2. -/
def fd2 : Nat := 3
def clk : Nat := 4
def aLo : Nat := 5
def aHi : Nat := 6
def bLo : Nat := 7
def bHi : Nat := 8
def cLo : Nat := 9
def cHi : Nat := 10
def nextPc : Nat := 11
/-- a1 = buf, read at port 3: value, previous timestamp, gap. -/
def bufLo : Nat := 12
def bufHi : Nat := 13
def tBuf : Nat := 14
def gbLo : Nat := 15
def gbHi : Nat := 16
/-- a2 = len. -/
def lenLo : Nat := 17
def lenHi : Nat := 18
def tLen : Nat := 19
def glLo : Nat := 20
def glHi : Nat := 21
/-- The cursor of a read or of a write to fd 1, the input cursor on exit. -/
def cur : Nat := 22
def curNew : Nat := 23
def tCur : Nat := 24
def gcLo : Nat := 25
def gcHi : Nat := 26
/-- Exit: the output cursor. -/
def out : Nat := 27
def tOut : Nat := 28
def goLo : Nat := 29
def goHi : Nat := 30
/-- Read: d = len − c, and the carry of c_lo + d_lo. -/
def dLo : Nat := 31
def dHi : Nat := 32
def carry : Nat := 33
/-- A read of fd 3 (the private input). -/
def fd3 : Nat := 34
/-- Read: the length of the input read. -/
def lim : Nat := 35
def width : Nat := 36
end Col

open Col

/-- The public value `eval` reads: the public input's length (statement.rs `PV_INPUT_LEN`). -/
def pvInputLen : Nat := 4

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- `x (x − 1)`: vanishes exactly on 0 and 1 (in a field). -/
def boolean (x : F) : F := x * (x - 1)

/-- 1 on every ECALL row. -/
def real (r : Row F) : F := r fRead + r fWrite + r fExit

/-- Read or write: the rows that read a1, a2 and move bytes. -/
def moves (r : Row F) : F := r fRead + r fWrite

/-- The rows that access the cursor: read, write to fd 1, exit. -/
def cursorOn (r : Row F) : F := moves r + r fExit - r fd2

/-- 4 clk + 4: the timestamp of port 3. -/
def timestamp (r : Row F) : F := 4 * r clk + 4

/-- lo + 2^16 hi. -/
def word (r : Row F) (lo hi : Nat) : F := r lo + 65536 * r hi

/-- An access's gap: lo + 2^16 hi − (ts − prev − 1). -/
def gap (r : Row F) (lo hi prev : Nat) : F := word r lo hi - (timestamp r - r prev - 1)

/-- **The SYSCALL table's constraints**, one field per group of syscall.rs. -/
structure Groups (r pub : Row F) : Prop where
  /-- Booleans [0-5]: the three kinds, at most one, fd2, the carry. -/
  bool_read : boolean (r fRead) = 0
  bool_write : boolean (r fWrite) = 0
  bool_exit : boolean (r fExit) = 0
  bool_real : boolean (real r) = 0
  bool_fd2 : boolean (r fd2) = 0
  bool_carry : boolean (r carry) = 0
  /-- fd 2 only on writes [6]. -/
  fd2_write : r fd2 * (1 - r fWrite) = 0
  /-- The syscall number a7 [7-10]. -/
  num_read : r fRead * (r aLo - 63) = 0
  num_write : r fWrite * (r aLo - 64) = 0
  num_exit : r fExit * (r aLo - 93) * (r aLo - 94) = 0
  num_hi : real r * r aHi = 0
  /-- File descriptors [11-14]: read 3 fd3, write 1 + fd2. -/
  fd_read_lo : r fRead * (r bLo - 3 * r fd3) = 0
  fd_read_hi : r fRead * r bHi = 0
  fd_write_hi : r fWrite * r bHi = 0
  fd_write_lo : r fWrite * (r bLo - (1 + r fd2)) = 0
  /-- Exit: a0 unchanged [15-16]. -/
  exit_lo : r fExit * (r cLo - r bLo) = 0
  exit_hi : r fExit * (r cHi - r bHi) = 0
  /-- Write: c = len [17-18]. -/
  write_lo : r fWrite * (r cLo - r lenLo) = 0
  write_hi : r fWrite * (r cHi - r lenHi) = 0
  /-- Read [19-22]: c + d = len without carry out, and d = 0 (limb by limb) or the input
  ends. -/
  read_lo : r fRead * (r cLo + r dLo - r lenLo - 65536 * r carry) = 0
  read_hi : r fRead * (r cHi + r dHi + r carry - r lenHi) = 0
  read_end_lo : r fRead * r dLo * (r cur + word r cLo cHi - r lim) = 0
  read_end_hi : r fRead * r dHi * (r cur + word r cLo cHi - r lim) = 0
  /-- The cursor [23-24]: + c on read and write, unchanged on exit. -/
  cur_step : moves r * (r curNew - r cur - word r cLo cHi) = 0
  cur_exit : r fExit * (r curNew - r cur) = 0
  /-- Gaps of the accesses that are on [25-28]. -/
  gap_buf : moves r * gap r gbLo gbHi tBuf = 0
  gap_len : moves r * gap r glLo glHi tLen = 0
  gap_cur : cursorOn r * gap r gcLo gcHi tCur = 0
  gap_out : r fExit * gap r goLo goHi tOut = 0
  /-- fd 3 [29-31]: boolean, only on reads; a read of fd 0 has LIM = the input length. -/
  bool_fd3 : boolean (r fd3) = 0
  fd3_read : r fd3 * (1 - r fRead) = 0
  public_lim : r fRead * (1 - r fd3) * (r lim - pub pvInputLen) = 0
  /-- fd 2 [32]: no cursor cell, so its IO chain starts at position cur = 0. -/
  fd2_cur : r fd2 * r cur = 0

/-- The constraint values, in `eval`'s order. -/
def constraints (r pub : Row F) : List F :=
  [boolean (r fRead), boolean (r fWrite), boolean (r fExit), boolean (real r),
   boolean (r fd2), boolean (r carry),
   r fd2 * (1 - r fWrite),
   r fRead * (r aLo - 63), r fWrite * (r aLo - 64), r fExit * (r aLo - 93) * (r aLo - 94),
   real r * r aHi,
   r fRead * (r bLo - 3 * r fd3), r fRead * r bHi, r fWrite * r bHi,
   r fWrite * (r bLo - (1 + r fd2)),
   r fExit * (r cLo - r bLo), r fExit * (r cHi - r bHi),
   r fWrite * (r cLo - r lenLo), r fWrite * (r cHi - r lenHi),
   r fRead * (r cLo + r dLo - r lenLo - 65536 * r carry),
   r fRead * (r cHi + r dHi + r carry - r lenHi),
   r fRead * r dLo * (r cur + word r cLo cHi - r lim),
   r fRead * r dHi * (r cur + word r cLo cHi - r lim),
   moves r * (r curNew - r cur - word r cLo cHi), r fExit * (r curNew - r cur),
   moves r * gap r gbLo gbHi tBuf, moves r * gap r glLo glHi tLen,
   cursorOn r * gap r gcLo gcHi tCur, r fExit * gap r goLo goHi tOut,
   boolean (r fd3), r fd3 * (1 - r fRead),
   r fRead * (1 - r fd3) * (r lim - pub pvInputLen),
   r fd2 * r cur]

theorem length_constraints (r pub : Row F) : (constraints r pub).length = 33 := rfl

/-- The groups hold exactly when every constraint value vanishes. -/
theorem groups_iff (r pub : Row F) : Groups r pub ↔ ∀ e ∈ constraints r pub, e = 0 := by
  constructor
  · intro h e he
    simp only [constraints, List.mem_cons, List.not_mem_nil, or_false] at he
    rcases he with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl |
      rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl |
      rfl | rfl | rfl | rfl | rfl
    · exact h.bool_read
    · exact h.bool_write
    · exact h.bool_exit
    · exact h.bool_real
    · exact h.bool_fd2
    · exact h.bool_carry
    · exact h.fd2_write
    · exact h.num_read
    · exact h.num_write
    · exact h.num_exit
    · exact h.num_hi
    · exact h.fd_read_lo
    · exact h.fd_read_hi
    · exact h.fd_write_hi
    · exact h.fd_write_lo
    · exact h.exit_lo
    · exact h.exit_hi
    · exact h.write_lo
    · exact h.write_hi
    · exact h.read_lo
    · exact h.read_hi
    · exact h.read_end_lo
    · exact h.read_end_hi
    · exact h.cur_step
    · exact h.cur_exit
    · exact h.gap_buf
    · exact h.gap_len
    · exact h.gap_cur
    · exact h.gap_out
    · exact h.bool_fd3
    · exact h.fd3_read
    · exact h.public_lim
    · exact h.fd2_cur
  · intro h
    have m : ∀ e, e ∈ constraints r pub → e = 0 := h
    simp only [constraints, List.mem_cons, List.not_mem_nil, or_false] at m
    exact
      { bool_read := m _ (by simp)
        bool_write := m _ (by simp)
        bool_exit := m _ (by simp)
        bool_real := m _ (by simp)
        bool_fd2 := m _ (by simp)
        bool_carry := m _ (by simp)
        fd2_write := m _ (by simp)
        num_read := m _ (by simp)
        num_write := m _ (by simp)
        num_exit := m _ (by simp)
        num_hi := m _ (by simp)
        fd_read_lo := m _ (by simp)
        fd_read_hi := m _ (by simp)
        fd_write_hi := m _ (by simp)
        fd_write_lo := m _ (by simp)
        exit_lo := m _ (by simp)
        exit_hi := m _ (by simp)
        write_lo := m _ (by simp)
        write_hi := m _ (by simp)
        read_lo := m _ (by simp)
        read_hi := m _ (by simp)
        read_end_lo := m _ (by simp)
        read_end_hi := m _ (by simp)
        cur_step := m _ (by simp)
        cur_exit := m _ (by simp)
        gap_buf := m _ (by simp)
        gap_len := m _ (by simp)
        gap_cur := m _ (by simp)
        gap_out := m _ (by simp)
        bool_fd3 := m _ (by simp)
        fd3_read := m _ (by simp)
        public_lim := m _ (by simp)
        fd2_cur := m _ (by simp) }

end Ring

/-! ## What the bus provides, over BabyBear -/

/-- The range lookups of `messages`, each holding where its multiplicity is non-zero: U16 of
each access's gap limbs (the high one scaled by 8; buf and len on read and write rows, the
cursor where `cursorOn`, the output cursor on exit), of 4 buf_hi and 4 c_hi (read and write
rows: buf and c are below 2^30) and of c_lo, d_lo, d_hi (read rows). -/
structure Lookups (r : Row BabyBear) : Prop where
  gbLo : moves r ≠ 0 → (r gbLo).val < 2 ^ 16
  gbHi : moves r ≠ 0 → (8 * r gbHi).val < 2 ^ 16
  glLo : moves r ≠ 0 → (r glLo).val < 2 ^ 16
  glHi : moves r ≠ 0 → (8 * r glHi).val < 2 ^ 16
  gcLo : cursorOn r ≠ 0 → (r gcLo).val < 2 ^ 16
  gcHi : cursorOn r ≠ 0 → (8 * r gcHi).val < 2 ^ 16
  goLo : r fExit ≠ 0 → (r goLo).val < 2 ^ 16
  goHi : r fExit ≠ 0 → (8 * r goHi).val < 2 ^ 16
  bufHi : moves r ≠ 0 → (4 * r bufHi).val < 2 ^ 16
  cHi : moves r ≠ 0 → (4 * r cHi).val < 2 ^ 16
  cLo : r fRead ≠ 0 → (r cLo).val < 2 ^ 16
  dLo : r fRead ≠ 0 → (r dLo).val < 2 ^ 16
  dHi : r fRead ≠ 0 → (r dHi).val < 2 ^ 16

/-- The words the row carries: a, b from the EXEC message (the CPU sends register values in
16-bit limbs), buf and len from the register accesses (the memory argument returns what was
last written, well-formed). -/
structure Inputs (r : Row BabyBear) : Prop where
  a_lo : (r aLo).val < 2 ^ 16
  a_hi : (r aHi).val < 2 ^ 16
  b_lo : (r bLo).val < 2 ^ 16
  b_hi : (r bHi).val < 2 ^ 16
  buf_lo : (r bufLo).val < 2 ^ 16
  buf_hi : (r bufHi).val < 2 ^ 16
  len_lo : (r lenLo).val < 2 ^ 16
  len_hi : (r lenHi).val < 2 ^ 16

/-! ## The words of a row -/

def aWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r aLo) (r aHi)
def bWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r bLo) (r bHi)
def cWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r cLo) (r cHi)
def bufWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r bufLo) (r bufHi)
def lenWord (r : Row BabyBear) : Word := WordLimbs.ofFelts (r lenLo) (r lenHi)

end Zkvm.Air.V2.Syscall

end
