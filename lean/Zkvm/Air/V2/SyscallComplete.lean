module

public import Zkvm.Air.V2.SyscallBuilder
public import Zkvm.Air.V2.CpuCompleteRow

/-!
# The SYSCALL table: the builder's row meets the constraints

For every ECALL the builder accepts (`Request.Ok`: a7 names the syscall, a0 a file descriptor it
takes, each access's previous timestamp is earlier than 4 clk + 4, a read's cursor is within
its input, and the public input's length is the statement's for a read of fd 0), the row of
`Request.row` satisfies every group of the SYSCALL table (`row_groups`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Syscall

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Col
open Zkvm.Air.V2.Cpu (Access)

namespace Request

variable (q : Request)

/-- What the builder checks, or keeps, before it writes a row (syscall.rs `push`). -/
structure Ok (pub : Row BabyBear) : Prop where
  exit_a7 : q.kind = .exit → q.a7.toNat = 93 ∨ q.a7.toNat = 94
  read_a7 : q.kind = .read → q.a7.toNat = 63
  write_a7 : q.kind = .write → q.a7.toNat = 64
  read_fd : q.kind = .read → q.a0.toNat = 0 ∨ q.a0.toNat = 3
  write_fd : q.kind = .write → q.a0.toNat = 1 ∨ q.a0.toNat = 2
  prev_cur : q.fd2 = false → q.accCur.prevTs < q.ts
  prev_out : q.kind = .exit → q.accOut.prevTs < q.ts
  prev_buf : q.kind ≠ .exit → q.accBuf.prevTs < q.ts
  prev_len : q.kind ≠ .exit → q.accLen.prevTs < q.ts
  cur_le : q.kind = .read → q.cur ≤ q.lim
  pub_lim : q.kind = .read → q.fd3 = false → pub pvInputLen = (q.lim : BabyBear)

variable {q}

theorem bitF_bool (b : Bool) : boolean (bitF b) = 0 := by
  cases b <;> decide

theorem ts_cast : ((q.ts : Nat) : BabyBear) = 4 * (q.clk : BabyBear) + 4 := by
  simp only [ts]; push_natCast

/-- An access's gap cells hold ts − prev − 1 (as the constraint's `gap`). -/
theorem gap_zero (x : Access) (h : x.prevTs < q.ts) :
    ((x.gapLo q.ts : Nat) : BabyBear) + 65536 * ((x.gapHi q.ts : Nat) : BabyBear) -
      (4 * (q.clk : BabyBear) + 4 - (x.prevTs : BabyBear) - 1) = 0 := by
  have := Cpu.gap_cells x h
  rw [ts_cast] at this
  grind

theorem c_toNat (hk : q.kind ≠ .exit) : q.c.toNat = q.count := by
  have hc : q.count ≤ q.len.toNat := by
    unfold count; split <;> omega
  have := q.len.isLt
  simp only [c, isExit, hk, decide_false, Bool.false_eq_true, ↓reduceIte, BitVec.toNat_ofNat]
  omega


set_option compiler.extract_closed false in
/-- Rewrites the row's cells to their values (flags evaluated by the facts given). -/
macro "row_simp" : tactic => `(tactic| simp only [row_fRead, row_fWrite, row_fExit, row_fd2,
  row_clk, row_aLo, row_aHi, row_bLo, row_bHi, row_cLo, row_cHi, row_nextPc, row_bufLo, row_bufHi,
  row_tBuf, row_gbLo, row_gbHi, row_lenLo, row_lenHi, row_tLen, row_glLo, row_glHi, row_cur,
  row_curNew, row_tCur, row_gcLo, row_gcHi, row_out, row_tOut, row_goLo, row_goHi, row_dLo,
  row_dHi, row_carry, row_fd3, row_lim, bitF, cellF, real, Syscall.moves, cursorOn, gap, word, timestamp,
  Syscall.boolean, Bool.not_false, Bool.not_true, Bool.false_eq_true, ↓reduceIte] at *)

theorem lo_of_small {w : Word} {n : Nat} (h : w.toNat = n) (hn : n < 2 ^ 16) :
    w.lo = n ∧ w.hi = 0 := by
  simp only [Word.lo, Word.hi, h]; omega

theorem exit_groups (h : q.Ok pub) (hk : q.kind = .exit) : Groups q.row pub := by
  have e1 : q.isRead = false := by simp [isRead, hk]
  have e2 : q.isWrite = false := by simp [isWrite, hk]
  have e3 : q.isExit = true := by simp [isExit, hk]
  have e4 : q.moves = false := by simp [Request.moves, hk]
  have e5 : q.fd2 = false := by simp [fd2, hk]
  have e6 : q.fd3 = false := by simp [fd3, hk]
  have hcn : q.curNew = q.cur := by simp [curNew, e3]
  have hcc : q.curCell = q.cur := by simp [curCell, e5]
  have hc : q.c = q.a0 := by simp [c, e3]
  obtain ⟨a0, a1⟩ : q.a7.lo = q.a7.toNat ∧ q.a7.hi = 0 := by
    rcases h.exit_a7 hk with h' | h' <;> rw [h'] <;> exact lo_of_small h' (by decide)
  have g1 := gap_zero q.accCur (h.prev_cur e5)
  have g2 := gap_zero q.accOut (h.prev_out hk)
  have ha : (q.a7.lo : BabyBear) = 93 ∨ (q.a7.lo : BabyBear) = 94 := by
    rcases h.exit_a7 hk with h' | h' <;> rw [a0, h']
    · left; rfl
    · right; rfl
  refine ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_,
    ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩
  all_goals row_simp
  all_goals simp only [e1, e2, e3, e4, e5, e6, hcn, hcc, hc, a1] at *
  all_goals first
    | (simp; done)
    | grind
    | skip

theorem count_cast (hk : q.kind ≠ .exit) :
    ((q.count : Nat) : BabyBear) = (q.c.lo : BabyBear) + 65536 * (q.c.hi : BabyBear) := by
  have e := c_toNat hk
  have : q.c.lo + 65536 * q.c.hi = q.count := by
    simp only [Word.lo, Word.hi]; omega
  rw [← this]; push_natCast

theorem write_groups (h : q.Ok pub) (hk : q.kind = .write) : Groups q.row pub := by
  have e1 : q.isRead = false := by simp [isRead, hk]
  have e2 : q.isWrite = true := by simp [isWrite, hk]
  have e3 : q.isExit = false := by simp [isExit, hk]
  have e4 : q.moves = true := by simp [Request.moves, hk]
  have e6 : q.fd3 = false := by simp [fd3, hk]
  have hcn : q.curNew = q.curCell + q.count := by simp [curNew, e3]
  have hcount : q.count = q.len.toNat := by simp [count, e1]
  have hcl : q.c.lo = q.len.lo ∧ q.c.hi = q.len.hi := by
    have e := c_toNat (q := q) (by rw [hk]; decide)
    rw [hcount] at e
    exact ⟨by simp only [Word.lo, Word.hi, e], by simp only [Word.lo, Word.hi, e]⟩
  have hw := count_cast (q := q) (by rw [hk]; decide)
  obtain ⟨a0, a1⟩ := lo_of_small (h.write_a7 hk) (by decide)
  have g1 := gap_zero q.accBuf (h.prev_buf (by rw [hk]; decide))
  have g2 := gap_zero q.accLen (h.prev_len (by rw [hk]; decide))
  have ha : (q.a7.lo : BabyBear) = 64 := by rw [a0]; rfl
  rcases h.write_fd hk with hfd | hfd
  · have e5 : q.fd2 = false := by
      simp only [fd2, hk, decide_true, Bool.true_and, decide_eq_false_iff_not]
      intro he; rw [he] at hfd; exact absurd hfd (by decide)
    obtain ⟨b0, b1⟩ := lo_of_small hfd (by decide)
    have hb : (q.a0.lo : BabyBear) = 1 := by rw [b0]; rfl
    have hcc : q.curCell = q.cur := by simp [curCell, e5]
    have g3 := gap_zero q.accCur (h.prev_cur e5)
    refine ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_,
      ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩
    all_goals row_simp
    all_goals simp only [e1, e2, e3, e4, e5, e6, hcn, hcc, hcl.1, hcl.2, a1, b1, ha, hb] at *
    all_goals first
      | (simp; done)
      | grind
  · have e5 : q.fd2 = true := by
      simp only [fd2, hk, decide_true, Bool.true_and, decide_eq_true_eq]
      exact BitVec.eq_of_toNat_eq hfd
    obtain ⟨b0, b1⟩ := lo_of_small hfd (by decide)
    have hb : (q.a0.lo : BabyBear) = 2 := by rw [b0]; rfl
    have hcc : q.curCell = 0 := by simp [curCell, e5]
    refine ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_,
      ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩
    all_goals row_simp
    all_goals simp only [e1, e2, e3, e4, e5, e6, hcn, hcc, hcl.1, hcl.2, a1, b1, ha, hb] at *
    all_goals first
      | (simp; done)
      | grind

theorem read_groups (h : q.Ok pub) (hk : q.kind = .read) : Groups q.row pub := by
  have e1 : q.isRead = true := by simp [isRead, hk]
  have e2 : q.isWrite = false := by simp [isWrite, hk]
  have e3 : q.isExit = false := by simp [isExit, hk]
  have e4 : q.moves = true := by simp [Request.moves, hk]
  have e5 : q.fd2 = false := by simp [fd2, hk]
  have hcn : q.curNew = q.curCell + q.count := by simp [curNew, e3]
  have hcc : q.curCell = q.cur := by simp [curCell, e5]
  have hcount : q.count = min (q.lim - q.cur) q.len.toNat := by simp [count, e1]
  have hle := h.cur_le hk
  have hct := c_toNat (q := q) (by rw [hk]; decide)
  have hcl : q.c.lo = q.count % 2 ^ 16 ∧ q.c.hi = q.count / 2 ^ 16 :=
    ⟨by simp only [Word.lo, hct], by simp only [Word.hi, hct]⟩
  have hw := count_cast (q := q) (by rw [hk]; decide)
  have hlen := q.len.isLt
  have hd : q.d = q.len.toNat - q.count := rfl
  have hcar : q.carry = (q.count % 2 ^ 16 + q.d % 2 ^ 16) / 2 ^ 16 := rfl
  have n1 : q.count % 2 ^ 16 + q.d % 2 ^ 16 = q.len.lo + 65536 * q.carry := by
    simp only [Word.lo]; omega
  have n2 : q.count / 2 ^ 16 + q.d / 2 ^ 16 + q.carry = q.len.hi := by
    simp only [Word.hi]; omega
  have n3 : q.d = 0 ∨ q.cur + q.count = q.lim := by omega
  have hcb : q.carry ≤ 1 := by omega
  have f1 : ((q.count % 2 ^ 16 : Nat) : BabyBear) + ((q.d % 2 ^ 16 : Nat) : BabyBear) -
      (q.len.lo : BabyBear) - 65536 * (q.carry : BabyBear) = 0 := by
    have := congrArg (fun n : Nat => (n : BabyBear)) n1
    simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at this
    grind
  have f2 : ((q.count / 2 ^ 16 : Nat) : BabyBear) + ((q.d / 2 ^ 16 : Nat) : BabyBear) +
      (q.carry : BabyBear) - (q.len.hi : BabyBear) = 0 := by
    have := congrArg (fun n : Nat => (n : BabyBear)) n2
    simp only [Felt.natCast_add] at this
    grind
  have f3 : ∀ x : Nat, x ≤ q.d → (x : BabyBear) * ((q.cur : BabyBear) +
      ((q.count % 2 ^ 16 : Nat) : BabyBear) + 65536 * ((q.count / 2 ^ 16 : Nat) : BabyBear) -
        (q.lim : BabyBear)) = 0 := by
    intro x hx
    rcases n3 with h0 | h0
    · have : x = 0 := by omega
      rw [this, Felt.natCast_zero, Lean.Grind.Semiring.zero_mul]
    · have e : q.count % 2 ^ 16 + 65536 * (q.count / 2 ^ 16) = q.count := by omega
      have := congrArg (fun n : Nat => (n : BabyBear)) e
      have h0' := congrArg (fun n : Nat => (n : BabyBear)) h0
      simp only [Felt.natCast_add, Felt.natCast_mul, Felt.natCast_ofNat] at this h0'
      grind
  have hdl := f3 (q.d % 2 ^ 16) (Nat.mod_le _ _)
  have hdh := f3 (q.d / 2 ^ 16) (Nat.div_le_self _ _)
  obtain ⟨a0, a1⟩ := lo_of_small (h.read_a7 hk) (by decide)
  have g1 := gap_zero q.accBuf (h.prev_buf (by rw [hk]; decide))
  have g2 := gap_zero q.accLen (h.prev_len (by rw [hk]; decide))
  have g3 := gap_zero q.accCur (h.prev_cur e5)
  have ha : (q.a7.lo : BabyBear) = 63 := by rw [a0]; rfl
  have hcb' : boolean ((q.carry : Nat) : BabyBear) = 0 := Cpu.boolean_natCast (by omega)
  rcases h.read_fd hk with hfd | hfd
  · have e6 : q.fd3 = false := by
      simp only [fd3, hk, decide_true, Bool.true_and, decide_eq_false_iff_not]
      intro he; rw [he] at hfd; exact absurd hfd (by decide)
    have hpub := h.pub_lim hk e6
    obtain ⟨b0, b1⟩ := lo_of_small hfd (by decide)
    have hb : (q.a0.lo : BabyBear) = 0 := by rw [b0]; rfl
    refine ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_,
      ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩
    all_goals row_simp
    all_goals simp only [e1, e2, e3, e4, e5, e6, hcn, hcc, hcl.1, hcl.2, a1, b1, ha, hb] at *
    all_goals first
      | (simp; done)
      | grind
  · have e6 : q.fd3 = true := by
      simp only [fd3, hk, decide_true, Bool.true_and, decide_eq_true_eq]
      exact BitVec.eq_of_toNat_eq hfd
    obtain ⟨b0, b1⟩ := lo_of_small hfd (by decide)
    have hb : (q.a0.lo : BabyBear) = 3 := by rw [b0]; rfl
    refine ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_,
      ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩
    all_goals row_simp
    all_goals simp only [e1, e2, e3, e4, e5, e6, hcn, hcc, hcl.1, hcl.2, a1, b1, ha, hb] at *
    all_goals first
      | (simp; done)
      | grind

/-- **Completeness of the SYSCALL table**: every row the builder makes for an ECALL it accepts
satisfies the table's groups. -/
theorem row_groups (h : q.Ok pub) : Groups q.row pub := by
  cases hk : q.kind
  · exact exit_groups h hk
  · exact read_groups h hk
  · exact write_groups h hk

end Request

end Zkvm.Air.V2.Syscall

end
