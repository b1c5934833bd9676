module

public import Zkvm.Air.V2.ExecDecode
public import Zkvm.Air.V2.AluSound
public import Zkvm.Air.V2.AluBranch
public import Zkvm.Air.V2.AluJalr
public import Zkvm.Air.V2.MulSound
public import Zkvm.Air.V2.MulShift
public import Zkvm.Air.V2.MulShiftRight
public import Zkvm.Air.V2.DivSignedSound
public import Zkvm.Air.V2.DivUnsignedSound
public import Zkvm.Air.V2.SyscallMessages
public import Zkvm.Air.BusLookups
public import Zkvm.Spec.ProgMessage

/-!
# The EXEC contract: what the row that receives a CPU's request guarantees

The CPU sends EXEC(op, clk, a, b, c, imm, next_pc) (docs/air.md §3, tag 10) and the coprocessor
that receives it proves the instruction's result (docs/air.md §4). This file states that
interface and proves it from the tables:
* `Msg`: the message's fields, `Msg.a`, `b`, `c`, `imm` its words;
* `Receives m`: the message is received by a real row of a coprocessor table (ALU, LOGIC, MUL,
  DIV, MEM, SYSCALL) satisfying its constraints and its lookups' range facts; each table's
  `execMsg` is the first fraction of its `fractions` (`exec_fraction`, by `rfl`);
* `Contract m`: §4's guarantee for the register ops, their immediate forms, the M extension,
  the branches and JALR (loads, stores and ECALL move memory and are joined elsewhere);
* **`contract_of_receives`**: a received message whose a, b and imm are words (16-bit limbs)
  satisfies the contract. The op field names the receiving row's flag (ExecDecode), the
  per-op soundness theorems (phase1.4b.alu, .logic, .mul, .div) give the result, and an op
  number no row of a table carries rules that table out;
* `receives_of_bus`: from a balanced bus whose EXEC receivers are such rows, every EXEC message
  sent is received.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table

/-- An EXEC message's fields after the tag. -/
structure Msg where
  op : BabyBear
  clk : BabyBear
  aLo : BabyBear
  aHi : BabyBear
  bLo : BabyBear
  bHi : BabyBear
  cLo : BabyBear
  cHi : BabyBear
  immLo : BabyBear
  immHi : BabyBear
  nextPc : BabyBear

namespace Msg

/-- The message as the bus carries it, tag 10 first. -/
def fields (m : Msg) : List BabyBear :=
  [10, m.op, m.clk, m.aLo, m.aHi, m.bLo, m.bHi, m.cLo, m.cHi, m.immLo, m.immHi, m.nextPc]

def a (m : Msg) : Word := WordLimbs.ofFelts m.aLo m.aHi
def b (m : Msg) : Word := WordLimbs.ofFelts m.bLo m.bHi
def c (m : Msg) : Word := WordLimbs.ofFelts m.cLo m.cHi
def imm (m : Msg) : Word := WordLimbs.ofFelts m.immLo m.immHi

/-- The operands the CPU sends are words: 16-bit limbs. -/
structure Bounded (m : Msg) : Prop where
  a_lo : m.aLo.val < 2 ^ 16
  a_hi : m.aHi.val < 2 ^ 16
  b_lo : m.bLo.val < 2 ^ 16
  b_hi : m.bHi.val < 2 ^ 16
  imm_lo : m.immLo.val < 2 ^ 16
  imm_hi : m.immHi.val < 2 ^ 16

theorem fields_inj {m m' : Msg} (h : m.fields = m'.fields) : m = m' := by
  cases m; cases m'
  simp only [fields, List.cons.injEq, and_true, true_and] at h
  obtain ⟨h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11⟩ := h
  subst h1 h2 h3 h4 h5 h6 h7 h8 h9 h10 h11
  rfl

end Msg

/-- A program word (an op number, a PROG field) as a field element: its value mod p. -/
def felt (n : UInt32) : BabyBear := ((n.toNat : Nat) : BabyBear)

theorem val_opNum {n : UInt32} (h : n.toNat < 38) : (felt n).val = n.toNat :=
  Mem.val_cast (by omega)

theorem val_opNum_imm {n : UInt32} (h : n.toNat < 38) : (felt n + 64).val = n.toNat + 64 := by
  have e : felt n + 64 = ((n.toNat + 64 : Nat) : BabyBear) := by unfold felt; push_natCast
  rw [e, Mem.val_cast (by omega)]

/-- c is the word `v`, in 16-bit limbs. -/
def ResultIs (m : Msg) (v : Word) : Prop := m.c = v ∧ m.cLo.val < 2 ^ 16 ∧ m.cHi.val < 2 ^ 16

/-- **The EXEC contract** (docs/air.md §4) for the ops whose coprocessor only computes: the
register ops (ALU, LOGIC, MUL's shifts), their immediate forms (op + 64, y = imm), the M
extension (MUL, DIV), the branches (c_lo the condition, c_hi = 0) and JALR (next_pc the target
with bit 0 cleared). -/
structure Contract (m : Msg) : Prop where
  op : ∀ o : AluOp, m.op = felt (Spec.aluOp o) → ResultIs m (o.eval m.a m.b)
  opImm : ∀ o : AluOp, m.op = felt (Spec.aluOp o) + 64 → ResultIs m (o.eval m.a m.imm)
  mulDiv : ∀ o : MulOp, m.op = felt (Spec.mulOp o) → ResultIs m (o.eval m.a m.b)
  branch : ∀ c : BranchCond, m.op = felt (Spec.branchOp c) →
    m.cLo = (if c.holds m.a m.b then 1 else 0) ∧ m.cHi = 0
  jalr : m.op = 3 → m.nextPc.val = ((m.a + m.imm) &&& ~~~1#32).toNat

/-! ## The ALU -/

namespace Alu

open Zkvm.Air.V2.Alu Zkvm.Air.V2.Alu.Col

variable {r : Row BabyBear}

/-- The EXEC message an ALU row receives. -/
def execMsg (r : Row BabyBear) : Msg :=
  ⟨opField r, r clk, r aLo, r aHi, r bLo, r bHi, r cLo, r cHi, r immLo, r immHi, r nextPc⟩

theorem exec_fraction (r : Row BabyBear) :
    (fractions r).head? = some ⟨-(real r), (execMsg r).fields⟩ := rfl

theorem imm_le (hg : Groups r) :
    (r useImm).val ≤ (r fAdd).val + (r fSlt).val + (r fSltu).val := by
  have u := val_le_one hg.bool_useImm
  by_cases h : (r useImm).val = 1
  · have := imm_val hg h; omega
  · omega

set_option compiler.extract_closed false in
/-- Splits on the row's op (`op_cases`) and closes a linear goal about the op field. -/
macro "alu_omega" hg:term:max hreal:term:max : tactic => `(tactic| (
  have := Zkvm.Air.V2.Alu.val_le_one ($hg).bool_useImm
  have := Zkvm.Air.V2.Exec.Alu.imm_le $hg
  have := Zkvm.Air.V2.Alu.flag_sum $hg
  rcases Zkvm.Air.V2.Alu.op_cases $hg $hreal with
    ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ |
      ⟨h, e⟩ <;> omega))

theorem contract (hg : Groups r) (hl : Lookups r) (hreal : real r = 1)
    (hb : (execMsg r).Bounded) : Contract (execMsg r) := by
  have hi : Inputs r := ⟨hb.a_lo, hb.a_hi, hb.b_lo, hb.b_hi, hb.imm_lo, hb.imm_hi⟩
  refine ⟨?_, ?_, ?_, ?_, ?_⟩
  · intro o ho
    have hv := val_opNum (Spec.aluOp_lt o)
    rw [← ho] at hv
    cases o <;> simp only [Spec.aluOp, UInt32.reduceToNat] at hv <;> simp only [execMsg] at hv
    · have h1 : r fAdd = 1 := eq_one_of_val (by alu_omega hg hreal)
      have h2 : r useImm = 0 := eq_zero_of_val' (by alu_omega hg hreal)
      obtain ⟨e, l, h⟩ := add_sound hg hl hi h1
      rw [yWord_of_useImm h2] at e
      exact ⟨e, l, h⟩
    · exact sub_sound hg hl hi (eq_one_of_val (by alu_omega hg hreal))
    · exfalso; alu_omega hg hreal
    · have h1 : r fSlt = 1 := eq_one_of_val (by alu_omega hg hreal)
      have h2 : r useImm = 0 := eq_zero_of_val' (by alu_omega hg hreal)
      obtain ⟨e, l, h⟩ := slt_sound hg hl hi h1
      rw [yWord_of_useImm h2] at e
      exact ⟨e, l, h⟩
    · have h1 : r fSltu = 1 := eq_one_of_val (by alu_omega hg hreal)
      have h2 : r useImm = 0 := eq_zero_of_val' (by alu_omega hg hreal)
      obtain ⟨e, l, h⟩ := sltu_sound hg hl hi h1
      rw [yWord_of_useImm h2] at e
      exact ⟨e, l, h⟩
    all_goals exfalso; alu_omega hg hreal
  · intro o ho
    have hv := val_opNum_imm (Spec.aluOp_lt o)
    rw [← ho] at hv
    have hlt := Spec.aluOp_lt o
    simp only [execMsg] at hv
    have h2 : r useImm = 1 := eq_one_of_val (by alu_omega hg hreal)
    have hy : yWord r = immWord r := by rw [yWord, if_pos h2]
    cases o <;> simp only [Spec.aluOp, UInt32.reduceToNat] at hv
    · obtain ⟨e, l, h⟩ := add_sound hg hl hi (eq_one_of_val (by alu_omega hg hreal))
      rw [hy] at e
      exact ⟨e, l, h⟩
    · exfalso; alu_omega hg hreal
    · exfalso; alu_omega hg hreal
    · obtain ⟨e, l, h⟩ := slt_sound hg hl hi (eq_one_of_val (by alu_omega hg hreal))
      rw [hy] at e
      exact ⟨e, l, h⟩
    · obtain ⟨e, l, h⟩ := sltu_sound hg hl hi (eq_one_of_val (by alu_omega hg hreal))
      rw [hy] at e
      exact ⟨e, l, h⟩
    all_goals exfalso; alu_omega hg hreal
  · intro o ho
    have hv := val_opNum (Spec.mulOp_lt o)
    rw [← ho] at hv
    exfalso
    cases o <;> simp only [Spec.mulOp, UInt32.reduceToNat] at hv <;> simp only [execMsg] at hv <;>
      alu_omega hg hreal
  · intro c ho
    have hv := val_opNum (Spec.branchOp_lt c)
    rw [← ho] at hv
    apply branch_sound c hg hl hi
    cases c <;> simp only [Spec.branchOp, UInt32.reduceToNat] at hv <;>
      simp only [execMsg] at hv <;> exact eq_one_of_val (by simp only [branchFlag]; alu_omega hg hreal)
  · intro ho
    have hv : (opField r).val = 3 := by simp only [execMsg] at ho; rw [ho]; rfl
    exact (jalr_sound hg hl hi (eq_one_of_val (by alu_omega hg hreal))).1

end Alu

/-! ## LOGIC -/

namespace Logic

open Zkvm.Air.V2.Logic Zkvm.Air.V2.Logic.Col

variable {r : Row BabyBear}

/-- The EXEC message a LOGIC row receives (a's limbs from its nibbles). -/
def execMsg (r : Row BabyBear) : Msg :=
  ⟨opField r, r clk, limb r a0, limb r (a0 + 4), r bLo, r bHi, r cLo, r cHi, r immLo, r immHi,
    r nextPc⟩

theorem exec_fraction (r : Row BabyBear) :
    (fractions r).head? = some ⟨-(real r), (execMsg r).fields⟩ := rfl

theorem logic_op (hg : Groups r) (hl : Lookups r) (o : Op) (hop : r o.flag = 1) :
    cWord r = o.alu.eval (aWord r) (yWord r) ∧ (r cLo).val < 2 ^ 16 ∧ (r cHi).val < 2 ^ 16 :=
  have h := op_sound o hg hl hop
  ⟨h.1, h.2.1, h.2.2.1⟩

set_option compiler.extract_closed false in
/-- Splits on the row's op (`op_cases`) and closes a linear goal about the op field. -/
macro "logic_omega" hg:term:max hreal:term:max : tactic => `(tactic| (
  have := Zkvm.Air.V2.Logic.val_le_one ($hg).bool_useImm
  have := Zkvm.Air.V2.Logic.flag_sum $hg
  rcases Zkvm.Air.V2.Logic.op_cases $hg $hreal with
    ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ <;> omega))

theorem contract (hg : Groups r) (hl : Lookups r) (hreal : real r = 1) :
    Contract (execMsg r) := by
  refine ⟨?_, ?_, ?_, ?_, ?_⟩
  · intro o ho
    have hv := val_opNum (Spec.aluOp_lt o)
    have hlt := Spec.aluOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    cases o <;> simp only [Spec.aluOp, UInt32.reduceToNat] at hv
    · exfalso; logic_omega hg hreal
    · exfalso; logic_omega hg hreal
    · exfalso; logic_omega hg hreal
    · exfalso; logic_omega hg hreal
    · exfalso; logic_omega hg hreal
    · have h2 : r useImm = 0 := eq_zero_of_val' (by logic_omega hg hreal)
      obtain ⟨e, l, h⟩ := logic_op hg hl .xor
        (show r fXor = 1 from eq_one_of_val (by logic_omega hg hreal))
      rw [yWord, if_neg (by rw [h2]; decide)] at e
      exact ⟨e, l, h⟩
    · exfalso; logic_omega hg hreal
    · exfalso; logic_omega hg hreal
    · have h2 : r useImm = 0 := eq_zero_of_val' (by logic_omega hg hreal)
      obtain ⟨e, l, h⟩ := logic_op hg hl .or
        (show r fOr = 1 from eq_one_of_val (by logic_omega hg hreal))
      rw [yWord, if_neg (by rw [h2]; decide)] at e
      exact ⟨e, l, h⟩
    · have h2 : r useImm = 0 := eq_zero_of_val' (by logic_omega hg hreal)
      obtain ⟨e, l, h⟩ := logic_op hg hl .and
        (show r fAnd = 1 from eq_one_of_val (by logic_omega hg hreal))
      rw [yWord, if_neg (by rw [h2]; decide)] at e
      exact ⟨e, l, h⟩
  · intro o ho
    have hv := val_opNum_imm (Spec.aluOp_lt o)
    have hlt := Spec.aluOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    cases o <;> simp only [Spec.aluOp, UInt32.reduceToNat] at hv
    · exfalso; logic_omega hg hreal
    · exfalso; logic_omega hg hreal
    · exfalso; logic_omega hg hreal
    · exfalso; logic_omega hg hreal
    · exfalso; logic_omega hg hreal
    · have h2 : r useImm = 1 := eq_one_of_val (by logic_omega hg hreal)
      obtain ⟨e, l, h⟩ := logic_op hg hl .xor
        (show r fXor = 1 from eq_one_of_val (by logic_omega hg hreal))
      rw [yWord, if_pos h2] at e
      exact ⟨e, l, h⟩
    · exfalso; logic_omega hg hreal
    · exfalso; logic_omega hg hreal
    · have h2 : r useImm = 1 := eq_one_of_val (by logic_omega hg hreal)
      obtain ⟨e, l, h⟩ := logic_op hg hl .or
        (show r fOr = 1 from eq_one_of_val (by logic_omega hg hreal))
      rw [yWord, if_pos h2] at e
      exact ⟨e, l, h⟩
    · have h2 : r useImm = 1 := eq_one_of_val (by logic_omega hg hreal)
      obtain ⟨e, l, h⟩ := logic_op hg hl .and
        (show r fAnd = 1 from eq_one_of_val (by logic_omega hg hreal))
      rw [yWord, if_pos h2] at e
      exact ⟨e, l, h⟩
  · intro o ho
    have hv := val_opNum (Spec.mulOp_lt o)
    have hlt := Spec.mulOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    exfalso
    cases o <;> simp only [Spec.mulOp, UInt32.reduceToNat] at hv <;> logic_omega hg hreal
  · intro o ho
    have hv := val_opNum (Spec.branchOp_lt o)
    have hlt := Spec.branchOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    exfalso
    cases o <;> simp only [Spec.branchOp, UInt32.reduceToNat] at hv <;> logic_omega hg hreal
  · intro ho
    have hv : (execMsg r).op.val = 3 := by rw [ho]; rfl
    simp only [execMsg] at hv
    exfalso; logic_omega hg hreal

end Logic

/-! ## MUL -/

namespace Mul

open Zkvm.Air.V2.Mul Zkvm.Air.V2.Mul.Col

variable {r : Row BabyBear}

/-- The EXEC message a MUL row receives (a's limbs from its bytes). -/
def execMsg (r : Row BabyBear) : Msg :=
  ⟨opField r, r clk, pair (r a0) (r (a0 + 1)), pair (r (a0 + 2)) (r (a0 + 3)), r bLo, r bHi,
    r cLo, r cHi, r immLo, r immHi, r nextPc⟩

theorem exec_fraction (r : Row BabyBear) :
    (fractions r).head? = some ⟨-(real r), (execMsg r).fields⟩ := rfl

theorem imm_le (hg : Groups r) : (r useImm).val ≤ (r fSll).val + (r fSrl).val + (r fSra).val := by
  have u := val_le_one hg.bool_useImm
  by_cases h : (r useImm).val = 1
  · have := imm_val hg h; omega
  · omega

set_option compiler.extract_closed false in
/-- Splits on the row's op (`op_cases`) and closes a linear goal about the op field. -/
macro "mul_omega" hg:term:max hreal:term:max : tactic => `(tactic| (
  have := Zkvm.Air.V2.Mul.val_le_one ($hg).bool_useImm
  have := Zkvm.Air.V2.Exec.Mul.imm_le $hg
  have := Zkvm.Air.V2.Mul.flag_sum $hg
  rcases Zkvm.Air.V2.Mul.op_cases $hg $hreal with
    ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ <;> omega))

theorem contract (hg : Groups r) (hl : Lookups r) (hreal : real r = 1)
    (hb : (execMsg r).Bounded) : Contract (execMsg r) := by
  have hi : Inputs r := ⟨hb.a_lo, hb.a_hi, hb.b_lo, hb.b_hi⟩
  refine ⟨?_, ?_, ?_, ?_, ?_⟩
  · intro o ho
    have hv := val_opNum (Spec.aluOp_lt o)
    have hlt := Spec.aluOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    cases o <;> simp only [Spec.aluOp, UInt32.reduceToNat] at hv
    · exfalso; mul_omega hg hreal
    · exfalso; mul_omega hg hreal
    · have h2 : r useImm = 0 := eq_zero_of_val' (by mul_omega hg hreal)
      obtain ⟨e, l, h⟩ := sll_sound hg hl (eq_one_of_val (by mul_omega hg hreal))
      rw [yWord, if_neg (by rw [h2]; decide)] at e
      exact ⟨e, l, h⟩
    · exfalso; mul_omega hg hreal
    · exfalso; mul_omega hg hreal
    · exfalso; mul_omega hg hreal
    · have h2 : r useImm = 0 := eq_zero_of_val' (by mul_omega hg hreal)
      obtain ⟨e, l, h⟩ := srl_sound hg hl (eq_one_of_val (by mul_omega hg hreal))
      rw [yWord, if_neg (by rw [h2]; decide)] at e
      exact ⟨e, l, h⟩
    · have h2 : r useImm = 0 := eq_zero_of_val' (by mul_omega hg hreal)
      obtain ⟨e, l, h⟩ := sra_sound hg hl hi (eq_one_of_val (by mul_omega hg hreal))
      rw [yWord, if_neg (by rw [h2]; decide)] at e
      exact ⟨e, l, h⟩
    · exfalso; mul_omega hg hreal
    · exfalso; mul_omega hg hreal
  · intro o ho
    have hv := val_opNum_imm (Spec.aluOp_lt o)
    have hlt := Spec.aluOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    cases o <;> simp only [Spec.aluOp, UInt32.reduceToNat] at hv
    · exfalso; mul_omega hg hreal
    · exfalso; mul_omega hg hreal
    · have h2 : r useImm = 1 := eq_one_of_val (by mul_omega hg hreal)
      obtain ⟨e, l, h⟩ := sll_sound hg hl (eq_one_of_val (by mul_omega hg hreal))
      rw [yWord, if_pos h2] at e
      exact ⟨e, l, h⟩
    · exfalso; mul_omega hg hreal
    · exfalso; mul_omega hg hreal
    · exfalso; mul_omega hg hreal
    · have h2 : r useImm = 1 := eq_one_of_val (by mul_omega hg hreal)
      obtain ⟨e, l, h⟩ := srl_sound hg hl (eq_one_of_val (by mul_omega hg hreal))
      rw [yWord, if_pos h2] at e
      exact ⟨e, l, h⟩
    · have h2 : r useImm = 1 := eq_one_of_val (by mul_omega hg hreal)
      obtain ⟨e, l, h⟩ := sra_sound hg hl hi (eq_one_of_val (by mul_omega hg hreal))
      rw [yWord, if_pos h2] at e
      exact ⟨e, l, h⟩
    · exfalso; mul_omega hg hreal
    · exfalso; mul_omega hg hreal
  · intro o ho
    have hv := val_opNum (Spec.mulOp_lt o)
    have hlt := Spec.mulOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    cases o <;> simp only [Spec.mulOp, UInt32.reduceToNat] at hv
    · obtain ⟨e, l, h⟩ := mul_sound hg hl (eq_one_of_val (by mul_omega hg hreal))
      exact ⟨e, l, h⟩
    · obtain ⟨e, l, h⟩ := mulh_sound hg hl hi (eq_one_of_val (by mul_omega hg hreal))
      exact ⟨e, l, h⟩
    · obtain ⟨e, l, h⟩ := mulhsu_sound hg hl hi (eq_one_of_val (by mul_omega hg hreal))
      exact ⟨e, l, h⟩
    · obtain ⟨e, l, h⟩ := mulhu_sound hg hl (eq_one_of_val (by mul_omega hg hreal))
      exact ⟨e, l, h⟩
    · exfalso; mul_omega hg hreal
    · exfalso; mul_omega hg hreal
    · exfalso; mul_omega hg hreal
    · exfalso; mul_omega hg hreal
  · intro o ho
    have hv := val_opNum (Spec.branchOp_lt o)
    have hlt := Spec.branchOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    exfalso
    cases o <;> simp only [Spec.branchOp, UInt32.reduceToNat] at hv <;> mul_omega hg hreal
  · intro ho
    have hv : (execMsg r).op.val = 3 := by rw [ho]; rfl
    simp only [execMsg] at hv
    exfalso; mul_omega hg hreal

end Mul

/-! ## DIV -/

namespace Div

open Zkvm.Air.V2.Div Zkvm.Air.V2.Div.Col

variable {r : Row BabyBear}

/-- The EXEC message a DIV row receives (b's limbs from y's bytes). -/
def execMsg (r : Row BabyBear) : Msg :=
  ⟨opField r, r clk, r aLo, r aHi, yLo r, yHi r, r cLo, r cHi, r immLo, r immHi, r nextPc⟩

theorem exec_fraction (r : Row BabyBear) :
    (fractions r).head? = some ⟨-(real r), (execMsg r).fields⟩ := rfl

set_option compiler.extract_closed false in
/-- Splits on the row's op (`op_cases`) and closes a linear goal about the op field. -/
macro "div_omega" hg:term:max hreal:term:max : tactic => `(tactic| (
  have := Zkvm.Air.V2.Div.flag_sum $hg
  rcases Zkvm.Air.V2.Div.op_cases $hg $hreal with
    ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ <;> omega))

theorem contract (hg : Groups r) (hl : Lookups r) (hreal : real r = 1)
    (hb : (execMsg r).Bounded) : Contract (execMsg r) := by
  have hi : Inputs r := ⟨hb.a_lo, hb.a_hi, hb.b_lo, hb.b_hi⟩
  refine ⟨?_, ?_, ?_, ?_, ?_⟩
  · intro o ho
    have hv := val_opNum (Spec.aluOp_lt o)
    have hlt := Spec.aluOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    exfalso
    cases o <;> simp only [Spec.aluOp, UInt32.reduceToNat] at hv <;> div_omega hg hreal
  · intro o ho
    have hv := val_opNum_imm (Spec.aluOp_lt o)
    have hlt := Spec.aluOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    exfalso
    cases o <;> simp only [Spec.aluOp, UInt32.reduceToNat] at hv <;> div_omega hg hreal
  · intro o ho
    have hv := val_opNum (Spec.mulOp_lt o)
    have hlt := Spec.mulOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    cases o <;> simp only [Spec.mulOp, UInt32.reduceToNat] at hv
    · exfalso; div_omega hg hreal
    · exfalso; div_omega hg hreal
    · exfalso; div_omega hg hreal
    · exfalso; div_omega hg hreal
    · obtain ⟨e, l, h⟩ := div_sound hg hl hi (eq_one_of_val (by div_omega hg hreal))
      exact ⟨e, l, h⟩
    · obtain ⟨e, l, h⟩ := divu_sound hg hl hi (eq_one_of_val (by div_omega hg hreal))
      exact ⟨e, l, h⟩
    · obtain ⟨e, l, h⟩ := rem_sound hg hl hi (eq_one_of_val (by div_omega hg hreal))
      exact ⟨e, l, h⟩
    · obtain ⟨e, l, h⟩ := remu_sound hg hl hi (eq_one_of_val (by div_omega hg hreal))
      exact ⟨e, l, h⟩
  · intro o ho
    have hv := val_opNum (Spec.branchOp_lt o)
    have hlt := Spec.branchOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    exfalso
    cases o <;> simp only [Spec.branchOp, UInt32.reduceToNat] at hv <;> div_omega hg hreal
  · intro ho
    have hv : (execMsg r).op.val = 3 := by rw [ho]; rfl
    simp only [execMsg] at hv
    exfalso; div_omega hg hreal

end Div

/-! ## MEM: its ops are loads and stores, outside the contract's ops -/

namespace Mem

open Zkvm.Air.V2.Mem Zkvm.Air.V2.Mem.Col

variable {r : Row BabyBear}

/-- The EXEC message a MEM row receives. -/
def execMsg (r : Row BabyBear) : Msg :=
  ⟨opField r, r clk, r aLo, r aHi, r bLo, r bHi, r cLo, r cHi, r immLo, r immHi, r nextPc⟩

theorem exec_fraction (r : Row BabyBear) :
    (fractions r).head? = some ⟨-(real r), (execMsg r).fields⟩ := rfl

set_option compiler.extract_closed false in
/-- Splits on the row's op (`op_cases`) and closes a linear goal about the op field. -/
macro "mem_omega" hg:term:max hreal:term:max : tactic => `(tactic| (
  have := Zkvm.Air.V2.Mem.flag_sum $hg
  rcases Zkvm.Air.V2.Mem.op_cases $hg $hreal with
    ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ <;> omega))

theorem contract (hg : Groups r) (hreal : real r = 1) : Contract (execMsg r) := by
  refine ⟨?_, ?_, ?_, ?_, ?_⟩
  · intro o ho
    have hv := val_opNum (Spec.aluOp_lt o)
    have hlt := Spec.aluOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    exfalso
    cases o <;> simp only [Spec.aluOp, UInt32.reduceToNat] at hv <;> mem_omega hg hreal
  · intro o ho
    have hv := val_opNum_imm (Spec.aluOp_lt o)
    have hlt := Spec.aluOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    exfalso
    cases o <;> simp only [Spec.aluOp, UInt32.reduceToNat] at hv <;> mem_omega hg hreal
  · intro o ho
    have hv := val_opNum (Spec.mulOp_lt o)
    have hlt := Spec.mulOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    exfalso
    cases o <;> simp only [Spec.mulOp, UInt32.reduceToNat] at hv <;> mem_omega hg hreal
  · intro o ho
    have hv := val_opNum (Spec.branchOp_lt o)
    have hlt := Spec.branchOp_lt o
    rw [← ho] at hv
    simp only [execMsg] at hv
    exfalso
    cases o <;> simp only [Spec.branchOp, UInt32.reduceToNat] at hv <;> mem_omega hg hreal
  · intro ho
    have hv : (execMsg r).op.val = 3 := by rw [ho]; rfl
    simp only [execMsg] at hv
    exfalso; mem_omega hg hreal

end Mem

/-! ## SYSCALL: its op is ECALL's, outside the contract's ops -/

namespace Syscall

open Zkvm.Air.V2.Syscall Zkvm.Air.V2.Syscall.Col

/-- The EXEC message a SYSCALL row receives (op ECALL, no immediate). -/
def execMsg (r : Row BabyBear) : Msg :=
  ⟨opEcall, r clk, r aLo, r aHi, r bLo, r bHi, r cLo, r cHi, 0, 0, r nextPc⟩

theorem exec_fraction (r : Row BabyBear) :
    (fractions r).head? = some ⟨-(real r), (execMsg r).fields⟩ := rfl

theorem contract (r : Row BabyBear) : Contract (execMsg r) := by
  have h36 : (opEcall : BabyBear).val = 36 := rfl
  refine ⟨?_, ?_, ?_, ?_, ?_⟩
  · intro o ho
    have hv := val_opNum (Spec.aluOp_lt o)
    rw [← ho] at hv
    simp only [execMsg] at hv
    exfalso
    cases o <;> simp only [Spec.aluOp, UInt32.reduceToNat] at hv <;> omega
  · intro o ho
    have hv := val_opNum_imm (Spec.aluOp_lt o)
    rw [← ho] at hv
    simp only [execMsg] at hv
    exfalso
    cases o <;> simp only [Spec.aluOp, UInt32.reduceToNat] at hv <;> omega
  · intro o ho
    have hv := val_opNum (Spec.mulOp_lt o)
    rw [← ho] at hv
    simp only [execMsg] at hv
    exfalso
    cases o <;> simp only [Spec.mulOp, UInt32.reduceToNat] at hv <;> omega
  · intro o ho
    have hv := val_opNum (Spec.branchOp_lt o)
    rw [← ho] at hv
    simp only [execMsg] at hv
    exfalso
    cases o <;> simp only [Spec.branchOp, UInt32.reduceToNat] at hv <;> omega
  · intro ho
    have hv : (execMsg r).op.val = 3 := by rw [ho]; rfl
    simp only [execMsg] at hv
    omega

end Syscall

/-! ## The join -/

/-- **Who receives EXEC** (docs/air.md §4): a real row of a coprocessor table, satisfying its
constraints and the range facts of its lookups, whose first fraction receives the message. -/
inductive Receives (m : Msg) : Prop
  | alu (r : Row BabyBear) (hg : Alu.Groups r) (hl : Alu.Lookups r) (hreal : Alu.real r = 1)
      (he : m = Alu.execMsg r)
  | logic (r : Row BabyBear) (hg : Logic.Groups r) (hl : Logic.Lookups r)
      (hreal : Logic.real r = 1) (he : m = Logic.execMsg r)
  | mul (r : Row BabyBear) (hg : Mul.Groups r) (hl : Mul.Lookups r) (hreal : Mul.real r = 1)
      (he : m = Mul.execMsg r)
  | div (r : Row BabyBear) (hg : Div.Groups r) (hl : Div.Lookups r) (hreal : Div.real r = 1)
      (he : m = Div.execMsg r)
  | mem (r : Row BabyBear) (hg : Mem.Groups r) (hl : Mem.Lookups r) (hreal : Mem.real r = 1)
      (he : m = Mem.execMsg r)
  | syscall (r pub : Row BabyBear) (hg : Syscall.Groups r pub) (hl : Syscall.Lookups r)
      (hreal : Syscall.real r = 1) (he : m = Syscall.execMsg r)

/-- **A received EXEC request whose operands are words satisfies the contract.** -/
theorem contract_of_receives {m : Msg} (hb : m.Bounded) (h : Receives m) : Contract m := by
  cases h with
  | alu r hg hl hreal he => subst he; exact Alu.contract hg hl hreal hb
  | logic r hg hl hreal he => subst he; exact Logic.contract hg hl hreal
  | mul r hg hl hreal he => subst he; exact Mul.contract hg hl hreal hb
  | div r hg hl hreal he => subst he; exact Div.contract hg hl hreal hb
  | mem r hg _ hreal he => subst he; exact Mem.contract hg hreal
  | syscall r _ _ _ _ he => subst he; exact Syscall.contract r

/-- **From the bus**: when the bus balances and every EXEC message received (tag 10) is received
by such a row, every EXEC message sent is. -/
theorem receives_of_bus {sent rcvd : List (List BabyBear)} (hbal : BusLookups.Balanced sent rcvd)
    (hrecv : ∀ x ∈ rcvd, x.head? = some 10 → ∃ m, x = m.fields ∧ Receives m)
    {m : Msg} (hm : m.fields ∈ sent) : Receives m := by
  obtain ⟨m', he, h⟩ := hrecv _ (BusLookups.mem_rcvd hbal hm) rfl
  rw [Msg.fields_inj he]
  exact h

/-! ## The CPU's request -/

namespace Cpu

open Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col

/-- The EXEC message a CPU row sends (when f_exec). -/
def execMsg (r : Row BabyBear) : Msg :=
  ⟨r op, r clk, r aLo, r aHi, r bLo, r bHi, r cLo, r cHi, r immLo, r immHi, r nextPc⟩

theorem exec_fraction (r : Row BabyBear) :
    (fractions r)[13]? = some ⟨r fExec, (execMsg r).fields⟩ := rfl

end Cpu

end Zkvm.Air.V2.Exec

end
