module

public import Zkvm.Air.V2.SyscallSpec
public import Zkvm.Air.V2.CpuBasic
public import Zkvm.Air.V2.MemBasic
public import Zkvm.RiscV.Execute

/-!
# The SYSCALL table: soundness of the ECALL row (read, write, exit)

On a SYSCALL row whose flag is set, the groups (`Groups`), the range lookups (`Lookups`) and
well-formed operands (`Inputs`) force what the semantics' `execEcall` does with the registers:
* **exit** (`exit_sound`, `exit_step`): a7 is 93 or 94, c = a0 (the CPU writes a0 back
  unchanged), the input cursor is unchanged, and `execEcall` halts with exit code a0;
* **write** (`write_sound`, `write_step`): a7 = 64, the fd a0 is 1 or 2 (a write to fd 2 is
  flagged `fd2`), c = len (what `sysWrite` returns in a0), buf and len below 2^30, and the output
  cursor, accessed exactly for fd 1, moves by len; `execEcall` is `sysWrite` on fd a0;
* **read** (`read_sound`, `read_count`, `read_step`): a7 = 63, the fd a0 is 0 or 3 (3 exactly
  when `fd3`), c + d = len with no overflow, c below 2^30, and d = 0 or the cursor reaches the
  input's end LIM (the public input length for fd 0); so once the IO chain gives
  cur + c ≤ LIM, c = min(len, LIM − cur), which is the number of bytes `sysRead` copies and
  returns in a0 when the cursor is the semantics' input position and LIM its input's length.
* every access the row makes at port 3 has an earlier previous timestamp (`prev_lt`).
The bytes themselves are moved by the IO table (io.rs), which is not proved here. No proof names
a constraint by its index.
-/

@[expose] public section

namespace Zkvm.Air.V2.Syscall

open Zkvm.Field Zkvm.RiscV Zkvm.Air Zkvm.Air.Table Col

variable {r pub : Row BabyBear}

theorem bool_cases {x : BabyBear} (h : boolean x = 0) : x = 0 ∨ x = 1 :=
  eq_zero_or_one_of_mul_sub_one h

/-- A value is the cast of a small number: its `val` is that number. -/
theorem val_eq {x : BabyBear} {n : Nat} (hn : n < 2013265921) (h : x = (n : BabyBear)) :
    x.val = n :=
  Mem.lift hn h

/-- `x = 4 y`'s value bounds y: if y = w − u − z with w, u < 2^16, z ≤ 1 (all as numbers) and
U16(4 y), then u + z ≤ w and y is w − u − z, below 2^14. -/
theorem quarter_of_diff {y w u z : BabyBear} (h : y + u + z = w) (hw : w.val < 2 ^ 16)
    (hu : u.val < 2 ^ 16) (hz : z.val ≤ 1) (h4 : (4 * y).val < 2 ^ 16) :
    y.val + u.val + z.val = w.val ∧ y.val < 2 ^ 14 := by
  have hP : P = 2013265921 := P_eq
  have e4 : ((4 * y).val + 4 * u.val + 4 * z.val : Nat) = 4 * w.val := by
    refine Felt.natCast_inj_of_lt (by omega) (by omega) ?_
    push_natCast
    grind
  have hle : u.val + z.val ≤ w.val := by omega
  have ey : y = ((w.val - u.val - z.val : Nat) : BabyBear) := by
    have e : ((w.val - u.val - z.val : Nat) : BabyBear) + ((u.val : Nat) : BabyBear) +
        ((z.val : Nat) : BabyBear) = ((w.val : Nat) : BabyBear) := by
      rw [← Felt.natCast_add, ← Felt.natCast_add]
      congr 1
      omega
    simp only [Felt.natCast_val] at e
    grind
  have hy := val_eq (by omega) ey
  omega

/-- What two limbs below 2^16 and 2^14 make: the field value of lo + 2^16 hi is the word's
number. -/
theorem val_word {lo hi : BabyBear} (hlo : lo.val < 2 ^ 16) (hhi : hi.val < 2 ^ 14) :
    (lo + 65536 * hi).val = lo.val + 65536 * hi.val := by
  have hP : P = 2013265921 := P_eq
  refine val_eq (by omega) ?_
  push_natCast

/-! ## The kind of a row -/

/-- On an exit row, the other kinds and both fd flags are off. -/
theorem exit_only (hg : Groups r pub) (hex : r fExit = 1) :
    r fRead = 0 ∧ r fWrite = 0 ∧ r fd2 = 0 ∧ r fd3 = 0 := by
  have hb := hg.bool_real
  have hfd2 := hg.fd2_write
  have hfd3 := hg.fd3_read
  unfold boolean real at hb
  rcases bool_cases hg.bool_read with h1 | h1 <;> rcases bool_cases hg.bool_write with h2 | h2
  · refine ⟨h1, h2, ?_, ?_⟩ <;> grind
  all_goals (rw [h1, h2, hex] at hb; exfalso; revert hb; decide)

/-- On a write row, read and exit are off, and so is fd3. -/
theorem write_only (hg : Groups r pub) (hwr : r fWrite = 1) :
    r fRead = 0 ∧ r fExit = 0 ∧ r fd3 = 0 := by
  have hb := hg.bool_real
  have hfd3 := hg.fd3_read
  unfold boolean real at hb
  rcases bool_cases hg.bool_read with h1 | h1 <;> rcases bool_cases hg.bool_exit with h2 | h2
  · refine ⟨h1, h2, ?_⟩; grind
  all_goals (rw [h1, h2, hwr] at hb; exfalso; revert hb; decide)

/-- On a read row, write and exit are off, and so is fd2. -/
theorem read_only (hg : Groups r pub) (hrd : r fRead = 1) :
    r fWrite = 0 ∧ r fExit = 0 ∧ r fd2 = 0 := by
  have hb := hg.bool_real
  have hfd2 := hg.fd2_write
  unfold boolean real at hb
  rcases bool_cases hg.bool_write with h1 | h1 <;> rcases bool_cases hg.bool_exit with h2 | h2
  · refine ⟨h1, h2, ?_⟩; grind
  all_goals (rw [h1, h2, hrd] at hb; exfalso; revert hb; decide)

/-! ## Exit -/

/-- **Exit**: a7 is 93 or 94 (a7's high limb is 0), c = a0 limb by limb, and the input cursor
is read unchanged (the cursor access is on). -/
theorem exit_sound (hg : Groups r pub) (ha0 : (r aLo).val < 2 ^ 16) (ha1 : (r aHi).val < 2 ^ 16)
    (hex : r fExit = 1) :
    ((aWord r).toNat = 93 ∨ (aWord r).toNat = 94) ∧ r cLo = r bLo ∧ r cHi = r bHi ∧
      cWord r = bWord r ∧ r curNew = r cur ∧ cursorOn r = 1 := by
  obtain ⟨h1, h2, h3, _⟩ := exit_only hg hex
  have ahi : r aHi = 0 := by have := hg.num_hi; unfold real at this; grind
  have ha : r aLo = 93 ∨ r aLo = 94 := by
    have h := hg.num_exit
    rw [hex, Lean.Grind.Semiring.one_mul] at h
    rcases eq_zero_or_eq_zero_of_mul_eq_zero h with h | h
    · exact Or.inl (eq_of_sub_eq_zero h)
    · exact Or.inr (eq_of_sub_eq_zero h)
  have cl : r cLo = r bLo := by have := hg.exit_lo; grind
  have ch : r cHi = r bHi := by have := hg.exit_hi; grind
  refine ⟨?_, cl, ch, by simp only [cWord, bWord, cl, ch], ?_, ?_⟩
  · rw [aWord, WordLimbs.toNat_ofFelts ha0 ha1, ahi]
    rcases ha with h | h <;> rw [h] <;> decide
  · have := hg.cur_exit; grind
  · unfold cursorOn moves; grind

/-- **Exit, against the semantics**: when a7 and a0 are the row's a and b, `execEcall` halts
with exit code a0, and the value the CPU writes back to a0 (c) is a0. -/
theorem exit_step (hg : Groups r pub) (ha0 : (r aLo).val < 2 ^ 16) (ha1 : (r aHi).val < 2 ^ 16)
    (hex : r fExit = 1) {s : State}
    (ha : s.reg 17 = aWord r) (hb : s.reg 10 = bWord r) :
    execEcall s = .ok { s with exitCode := some (s.reg 10) } ∧ cWord r = s.reg 10 := by
  obtain ⟨h9, -, -, hc, -⟩ := exit_sound hg ha0 ha1 hex
  refine ⟨?_, by rw [hc, hb]⟩
  unfold execEcall
  rw [ha]
  rcases h9 with h | h <;> simp only [h]

/-! ## Write -/

/-- **Write**: a7 = 64, the fd a0 is 1 + fd2 (1 or 2), c = len limb by limb, buf and len are
below 2^30, the cursor (the output cursor, accessed exactly on fd 1) moves by c. -/
theorem write_sound (hg : Groups r pub) (hl : Lookups r) (hi : Inputs r) (hwr : r fWrite = 1) :
    (aWord r).toNat = 64 ∧ ((r fd2 = 0 ∧ (bWord r).toNat = 1) ∨ (r fd2 = 1 ∧ (bWord r).toNat = 2)) ∧
      r cLo = r lenLo ∧ r cHi = r lenHi ∧ cWord r = lenWord r ∧ (lenWord r).toNat < 2 ^ 30 ∧
      (bufWord r).toNat < 2 ^ 30 ∧ r curNew = r cur + word r cLo cHi ∧
      cursorOn r = 1 - r fd2 := by
  have hP : P = 2013265921 := P_eq
  obtain ⟨h1, h3, _⟩ := write_only hg hwr
  have hmv : moves r = 1 := by unfold moves; rw [h1, hwr]; grind
  have hmv0 : moves r ≠ 0 := by rw [hmv]; decide
  have ahi : r aHi = 0 := by have := hg.num_hi; unfold real at this; grind
  have alo : r aLo = 64 := by have := hg.num_write; grind
  have bhi : r bHi = 0 := by have := hg.fd_write_hi; grind
  have blo : r bLo = 1 + r fd2 := by have := hg.fd_write_lo; grind
  have cl : r cLo = r lenLo := by have := hg.write_lo; grind
  have ch : r cHi = r lenHi := by have := hg.write_hi; grind
  have lenHi14 : (r lenHi).val < 2 ^ 14 := by
    have h4 := hl.cHi hmv0
    rw [ch] at h4
    have e : (4 * r lenHi).val = 4 * (r lenHi).val :=
      val_eq (by have := hi.len_hi; omega) (by push_natCast)
    omega
  have bufHi14 : (r bufHi).val < 2 ^ 14 := by
    have h4 := hl.bufHi hmv0
    have e : (4 * r bufHi).val = 4 * (r bufHi).val :=
      val_eq (by have := hi.buf_hi; omega) (by push_natCast)
    omega
  refine ⟨?_, ?_, cl, ch, by simp only [cWord, lenWord, cl, ch], ?_, ?_, ?_, ?_⟩
  · rw [aWord, WordLimbs.toNat_ofFelts hi.a_lo hi.a_hi, ahi, alo]; decide
  · rw [bWord, WordLimbs.toNat_ofFelts hi.b_lo hi.b_hi, bhi, blo]
    rcases bool_cases hg.bool_fd2 with h | h <;> rw [h] <;> decide
  · simp only [lenWord, WordLimbs.toNat_ofFelts hi.len_lo hi.len_hi]; have := hi.len_lo; omega
  · simp only [bufWord, WordLimbs.toNat_ofFelts hi.buf_lo hi.buf_hi]; have := hi.buf_lo; omega
  · have := hg.cur_step; rw [hmv] at this; grind
  · unfold cursorOn; rw [hmv, h3]; grind

/-- **Write, against the semantics**: when a7, a0, a1, a2 are the row's a, b, buf and len,
`execEcall` is `sysWrite` on the fd a0, which is 1 or 2 (so it is never refused for its fd), and
the value the CPU writes to a0 (c) is len, what `sysWrite` returns. -/
theorem write_step (hg : Groups r pub) (hl : Lookups r) (hi : Inputs r) (hwr : r fWrite = 1)
    {s : State} (ha : s.reg 17 = aWord r) (hb : s.reg 10 = bWord r)
    (hbuf : s.reg 11 = bufWord r) (hlen : s.reg 12 = lenWord r) :
    execEcall s = RiscV.sysWrite s (s.reg 10) (s.reg 11) (s.reg 12) ∧
      (s.reg 10 = 1 ∨ s.reg 10 = 2) ∧ cWord r = s.reg 12 := by
  obtain ⟨h64, hfd, -, -, hc, -⟩ := write_sound hg hl hi hwr
  refine ⟨?_, ?_, by rw [hc, hlen]⟩
  · unfold execEcall
    rw [ha, h64]
  · rw [hb]
    rcases hfd with ⟨-, h⟩ | ⟨-, h⟩
    · exact Or.inl (BitVec.eq_of_toNat_eq (by rw [h] <;> rfl))
    · exact Or.inr (BitVec.eq_of_toNat_eq (by rw [h] <;> rfl))

/-! ## Read -/

/-- d = len − c as a number. -/
def dNat (r : Row BabyBear) : Nat := (r dLo).val + 65536 * (r dHi).val

/-- **Read**: a7 = 63, the fd a0 is 3 fd3 (0 or 3), c + d = len as numbers (no overflow),
c below 2^30, d = 0 or cur + c = LIM, LIM = the public input length on fd 0, and the cursor
moves by c. -/
theorem read_sound (hg : Groups r pub) (hl : Lookups r) (hi : Inputs r) (hrd : r fRead = 1) :
    (aWord r).toNat = 63 ∧ ((r fd3 = 0 ∧ (bWord r).toNat = 0) ∨ (r fd3 = 1 ∧ (bWord r).toNat = 3)) ∧
      (cWord r).toNat + dNat r = (lenWord r).toNat ∧ (cWord r).toNat < 2 ^ 30 ∧
      (word r cLo cHi).val = (cWord r).toNat ∧
      (dNat r = 0 ∨ r cur + word r cLo cHi = r lim) ∧
      (r fd3 = 0 → r lim = pub pvInputLen) ∧ r curNew = r cur + word r cLo cHi := by
  have hP : P = 2013265921 := P_eq
  obtain ⟨h1, h2, _⟩ := read_only hg hrd
  have hmv : moves r = 1 := by unfold moves; rw [h1, hrd]; grind
  have hmv0 : moves r ≠ 0 := by rw [hmv]; decide
  have hrd0 : r fRead ≠ 0 := by rw [hrd]; decide
  have ahi : r aHi = 0 := by have := hg.num_hi; unfold real at this; grind
  have alo : r aLo = 63 := by have := hg.num_read; grind
  have bhi : r bHi = 0 := by have := hg.fd_read_hi; grind
  have blo : r bLo = 3 * r fd3 := by have := hg.fd_read_lo; grind
  have hcl := hl.cLo hrd0
  have hdl := hl.dLo hrd0
  have hdh := hl.dHi hrd0
  have hcar := Felt.val_le_one_of_bool hg.bool_carry
  -- the low limbs: c_lo + d_lo = len_lo + 2^16 carry
  have elo : (r cLo).val + (r dLo).val = (r lenLo).val + 65536 * (r carry).val := by
    refine Felt.natCast_inj_of_lt (by have := hi.len_lo; omega) (by have := hi.len_lo; omega) ?_
    push_natCast
    have := hg.read_lo; grind
  -- the high limbs: c_hi + d_hi + carry = len_hi, c_hi < 2^14
  obtain ⟨ehi, hch⟩ := quarter_of_diff (y := r cHi) (u := r dHi) (z := r carry) (w := r lenHi)
    (by have := hg.read_hi; grind) hi.len_hi hdh hcar (hl.cHi hmv0)
  have hcw : (cWord r).toNat = (r cLo).val + 65536 * (r cHi).val := by
    rw [cWord, WordLimbs.toNat_ofFelts hcl (show (r cHi).val < 2 ^ 16 by omega)]
  have hvw : (word r cLo cHi).val = (cWord r).toNat := by
    rw [hcw]; exact val_word hcl hch
  refine ⟨?_, ?_, ?_, by omega, hvw, ?_, ?_, ?_⟩
  · rw [aWord, WordLimbs.toNat_ofFelts hi.a_lo hi.a_hi, ahi, alo]; decide
  · rw [bWord, WordLimbs.toNat_ofFelts hi.b_lo hi.b_hi, bhi, blo]
    rcases bool_cases hg.bool_fd3 with h | h <;> rw [h] <;> decide
  · simp only [lenWord, WordLimbs.toNat_ofFelts hi.len_lo hi.len_hi, dNat]; rw [hcw]; omega
  · have hlo := hg.read_end_lo
    have hhi := hg.read_end_hi
    rw [hrd, Lean.Grind.Semiring.one_mul] at hlo hhi
    by_cases he : r cur + word r cLo cHi - r lim = 0
    · exact Or.inr (eq_of_sub_eq_zero he)
    · left
      have d0 : r dLo = 0 := by
        rcases eq_zero_or_eq_zero_of_mul_eq_zero hlo with h | h
        · exact h
        · exact absurd h he
      have d1 : r dHi = 0 := by
        rcases eq_zero_or_eq_zero_of_mul_eq_zero hhi with h | h
        · exact h
        · exact absurd h he
      simp only [dNat, d0, d1]; rfl
  · intro h3
    have := hg.public_lim
    rw [hrd, h3] at this
    grind
  · have := hg.cur_step; rw [hmv] at this; grind

/-- **The count a read returns**: when the bytes the IO chain moves end at or before the input's
end (cur + c ≤ LIM, with LIM < p), c = min(len, LIM − cur). -/
theorem read_count (hg : Groups r pub) (hl : Lookups r) (hi : Inputs r) (hrd : r fRead = 1)
    (hend : (r cur).val + (cWord r).toNat ≤ (r lim).val) :
    (cWord r).toNat = min (lenWord r).toNat ((r lim).val - (r cur).val) := by
  have hP : P = 2013265921 := P_eq
  obtain ⟨-, -, hsum, hc30, hvw, hd, -⟩ := read_sound hg hl hi hrd
  have hlim := (r lim).val_lt
  rw [hP] at hlim
  rcases hd with hd | hd
  · omega
  · have e : (r cur + word r cLo cHi).val = (r cur).val + (cWord r).toNat := by
      refine val_eq (by omega) ?_
      rw [← hvw, Felt.natCast_add, Felt.natCast_val, Felt.natCast_val]
    rw [hd] at e
    omega

/-- **Read, against the semantics**: when a7, a0, a1, a2 are the row's a, b, buf and len,
`execEcall` is `sysRead` on the fd a0, which is 0 or 3 (3 exactly on fd3 rows, so it is never
refused for its fd); and when the row's cursor is the semantics' position in that input, LIM its
length and the moved bytes end at or before it, c is the number of bytes `sysRead` copies (and
returns in a0). -/
theorem read_step (hg : Groups r pub) (hl : Lookups r) (hi : Inputs r) (hrd : r fRead = 1)
    {s : State} (ha : s.reg 17 = aWord r) (hb : s.reg 10 = bWord r)
    (hbuf : s.reg 11 = bufWord r) (hlen : s.reg 12 = lenWord r)
    (hpos : (r cur).val = if r fd3 = 0 then s.inputPos else s.privatePos)
    (hlim : (r lim).val = if r fd3 = 0 then s.input.length else s.privateInput.length)
    (hend : (r cur).val + (cWord r).toNat ≤ (r lim).val) :
    execEcall s = RiscV.sysRead s (s.reg 10) (s.reg 11) (s.reg 12) ∧
      (s.reg 10 = 0 ∨ s.reg 10 = 3) ∧
      (cWord r).toNat =
        (((if r fd3 = 0 then s.input.drop s.inputPos else s.privateInput.drop s.privatePos).take
          (s.reg 12).toNat).length) := by
  obtain ⟨h63, hfd, -⟩ := read_sound hg hl hi hrd
  have hcount := read_count hg hl hi hrd hend
  refine ⟨?_, ?_, ?_⟩
  · unfold execEcall
    rw [ha, h63]
  · rw [hb]
    rcases hfd with ⟨-, h⟩ | ⟨-, h⟩
    · exact Or.inl (BitVec.eq_of_toNat_eq (by rw [h] <;> rfl))
    · exact Or.inr (BitVec.eq_of_toNat_eq (by rw [h] <;> rfl))
  · rw [hcount, hlen, hpos, hlim]
    by_cases h3 : r fd3 = 0
    · simp only [h3, if_true, List.length_take, List.length_drop] <;> omega
    · simp only [h3, if_false, List.length_take, List.length_drop] <;> omega

/-! ## The accesses -/

/-- **Causality of an access at port 3**: where its gap group holds, its gap limbs are in range
and the timestamps are at most 2^29, the previous timestamp is earlier. -/
theorem prev_lt {lo hi prev : Nat} (h : gap r lo hi prev = 0) (hlo : (r lo).val < 2 ^ 16)
    (hhi : (8 * r hi).val < 2 ^ 16) (hts : (timestamp r).val ≤ 2 ^ 29)
    (hprev : (r prev).val ≤ 2 ^ 29) : (r prev).val < (timestamp r).val :=
  Cpu.prev_lt_of_gap h hlo hhi hts hprev

/-- On read and write rows the buf and len accesses, where the cursor is on its access, and on
exit the output cursor's access, each satisfy their gap group. -/
theorem gaps (hg : Groups r pub) :
    (moves r = 1 → gap r gbLo gbHi tBuf = 0 ∧ gap r glLo glHi tLen = 0) ∧
    (cursorOn r = 1 → gap r gcLo gcHi tCur = 0) ∧ (r fExit = 1 → gap r goLo goHi tOut = 0) := by
  refine ⟨fun h => ⟨?_, ?_⟩, fun h => ?_, fun h => ?_⟩
  · have := hg.gap_buf; rw [h] at this; grind
  · have := hg.gap_len; rw [h] at this; grind
  · have := hg.gap_cur; rw [h] at this; grind
  · have := hg.gap_out; rw [h] at this; grind

end Zkvm.Air.V2.Syscall
