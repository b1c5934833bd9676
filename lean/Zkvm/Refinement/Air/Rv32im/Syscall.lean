module

public import Zkvm.Extracted.Air.Rv32im.Syscall
public import Zkvm.Refinement.Air.Rv32im.Alu
public import Zkvm.Air.V2.SyscallSpec
public import Zkvm.Air.V2.SyscallMessages

/-!
# The extracted SYSCALL constraint function computes `Zkvm.Air.V2.Syscall.constraints`

On every row of 36 extension elements and every public-value vector with more than 4 entries,
`air::rv32im::syscall::eval` returns exactly the 33 values of the Lean spec constraint function
`Syscall.constraints` (the named groups of phase1.4b.syscall), in order, and never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.syscall

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.air.expr
open Zkvm.Refinement.air.rv32im.alu (ofNat_numeral zero_add')

theorem boolean_spec (a : Ext4) :
    air.rv32im.syscall.boolean (toExt a) = .ok (toExt (Zkvm.Air.V2.Syscall.boolean a)) := by
  unfold air.rv32im.syscall.boolean
  rw [one_spec, ok_bind, sub_spec, ok_bind, mul_spec]; rfl

set_option maxRecDepth 20000 in
/-- **`eval` is the spec**: on every row and every public-value vector with an input length
(index 4), the extracted SYSCALL constraint function returns the values of
`Syscall.constraints`, in order; it never panics. -/
theorem eval_spec (r : Nat → Ext4) (next : List (List UInt32)) (np : Nat) (pub : Nat → Ext4)
    (hp : 4 < np) (sel : air.Selectors) :
    air.rv32im.syscall.eval (locOf 36 r) next (locOf np pub) sel [] =
      .ok ((Zkvm.Air.V2.Syscall.constraints r pub).map toExt) := by
  have hpv : Slice.index (locOf np pub) air.rv32im.syscall.PV_INPUT_LEN = .ok (toExt (pub 4)) :=
    index_locOf np pub _ hp
  unfold air.rv32im.syscall.eval
  simp (config := { maxSteps := 4000000 }) (disch := decide) only [hpv, index_locOf,
    air.rv32im.syscall.is_real, air.rv32im.syscall.word, air.rv32im.syscall.moves,
    air.rv32im.syscall.cursor_on, air.rv32im.syscall.gap, air.rv32im.syscall.timestamp,
    boolean_spec, add_spec, sub_spec, mul_spec, one_spec, konst_spec, ok_bind, pure_ok,
    Slice.push, U32.add_eq]
  refine congrArg Outcome.ok ?_
  simp only [air.rv32im.syscall.F_READ, air.rv32im.syscall.F_WRITE, air.rv32im.syscall.F_EXIT,
    air.rv32im.syscall.FD2, air.rv32im.syscall.CLK, air.rv32im.syscall.A_LO,
    air.rv32im.syscall.A_HI, air.rv32im.syscall.B_LO, air.rv32im.syscall.B_HI,
    air.rv32im.syscall.C_LO, air.rv32im.syscall.C_HI, air.rv32im.syscall.BUF_LO,
    air.rv32im.syscall.BUF_HI, air.rv32im.syscall.T_BUF, air.rv32im.syscall.GB_LO,
    air.rv32im.syscall.GB_HI, air.rv32im.syscall.LEN_LO, air.rv32im.syscall.LEN_HI,
    air.rv32im.syscall.T_LEN, air.rv32im.syscall.GL_LO, air.rv32im.syscall.GL_HI,
    air.rv32im.syscall.CUR, air.rv32im.syscall.CUR_NEW, air.rv32im.syscall.T_CUR,
    air.rv32im.syscall.GC_LO, air.rv32im.syscall.GC_HI, air.rv32im.syscall.T_OUT,
    air.rv32im.syscall.GO_LO, air.rv32im.syscall.GO_HI, air.rv32im.syscall.D_LO,
    air.rv32im.syscall.D_HI, air.rv32im.syscall.CARRY, air.rv32im.syscall.FD3,
    air.rv32im.syscall.LIM, air.rv32im.syscall.SYS_READ, air.rv32im.syscall.SYS_WRITE,
    air.rv32im.syscall.SYS_EXIT, air.rv32im.syscall.SYS_EXIT_GROUP,
    Zkvm.Air.V2.Syscall.Col.fRead, Zkvm.Air.V2.Syscall.Col.fWrite,
    Zkvm.Air.V2.Syscall.Col.fExit, Zkvm.Air.V2.Syscall.Col.fd2, Zkvm.Air.V2.Syscall.Col.clk,
    Zkvm.Air.V2.Syscall.Col.aLo, Zkvm.Air.V2.Syscall.Col.aHi, Zkvm.Air.V2.Syscall.Col.bLo,
    Zkvm.Air.V2.Syscall.Col.bHi, Zkvm.Air.V2.Syscall.Col.cLo, Zkvm.Air.V2.Syscall.Col.cHi,
    Zkvm.Air.V2.Syscall.Col.bufLo, Zkvm.Air.V2.Syscall.Col.bufHi,
    Zkvm.Air.V2.Syscall.Col.tBuf, Zkvm.Air.V2.Syscall.Col.gbLo,
    Zkvm.Air.V2.Syscall.Col.gbHi, Zkvm.Air.V2.Syscall.Col.lenLo,
    Zkvm.Air.V2.Syscall.Col.lenHi, Zkvm.Air.V2.Syscall.Col.tLen,
    Zkvm.Air.V2.Syscall.Col.glLo, Zkvm.Air.V2.Syscall.Col.glHi, Zkvm.Air.V2.Syscall.Col.cur,
    Zkvm.Air.V2.Syscall.Col.curNew, Zkvm.Air.V2.Syscall.Col.tCur,
    Zkvm.Air.V2.Syscall.Col.gcLo, Zkvm.Air.V2.Syscall.Col.gcHi, Zkvm.Air.V2.Syscall.Col.tOut,
    Zkvm.Air.V2.Syscall.Col.goLo, Zkvm.Air.V2.Syscall.Col.goHi, Zkvm.Air.V2.Syscall.Col.dLo,
    Zkvm.Air.V2.Syscall.Col.dHi, Zkvm.Air.V2.Syscall.Col.carry, Zkvm.Air.V2.Syscall.Col.fd3,
    Zkvm.Air.V2.Syscall.Col.lim, Zkvm.Air.V2.Syscall.pvInputLen,
    air.rv32im.bus.LIMB, air.rv32im.bus.PORTS, air.rv32im.bus.PORT_COPROCESSOR,
    air.rv32im.bus.FD_PRIVATE,
    Zkvm.Air.V2.Syscall.real, Zkvm.Air.V2.Syscall.moves, Zkvm.Air.V2.Syscall.cursorOn,
    Zkvm.Air.V2.Syscall.timestamp, Zkvm.Air.V2.Syscall.word, Zkvm.Air.V2.Syscall.gap,
    Zkvm.Air.V2.Syscall.constraints, List.map_cons, List.map_nil, List.append_assoc,
    List.cons_append, List.nil_append,
    UInt64.reduceToNat, UInt32.reduceToNat, UInt32.reduceAdd,
    List.cons.injEq, and_true, ofNat_numeral, and_self]

set_option maxRecDepth 20000 in
/-- **The bus messages**: on every row, the extracted `messages` returns the named fractions of
`Syscall.fractions` flattened; it never panics. -/
theorem messages_spec (r : Nat → Ext4) :
    air.rv32im.syscall.messages (locOf 36 r) [] =
      .ok ((Zkvm.Air.V2.Syscall.messages r).map toExt) := by
  unfold air.rv32im.syscall.messages air.rv32im.syscall.access air.rv32im.syscall.lookup16
  simp (config := { maxSteps := 4000000 }) (disch := decide) only [ok_bind, pure_ok, index_locOf,
    air.rv32im.syscall.is_real, air.rv32im.syscall.word, air.rv32im.syscall.moves,
    air.rv32im.syscall.cursor_on, air.rv32im.syscall.timestamp, air.rv32im.syscall.kind,
    air.rv32im.syscall.cursor_cell,
    add_spec, sub_spec, mul_spec, neg_spec, one_spec, konst_spec, Slice.push, U32.add_eq]
  refine congrArg Outcome.ok ?_
  simp only [air.rv32im.syscall.F_READ, air.rv32im.syscall.F_WRITE, air.rv32im.syscall.F_EXIT,
    air.rv32im.syscall.FD2, air.rv32im.syscall.CLK, air.rv32im.syscall.A_LO,
    air.rv32im.syscall.A_HI, air.rv32im.syscall.B_LO, air.rv32im.syscall.B_HI,
    air.rv32im.syscall.C_LO, air.rv32im.syscall.C_HI, air.rv32im.syscall.NEXT_PC,
    air.rv32im.syscall.BUF_LO, air.rv32im.syscall.BUF_HI, air.rv32im.syscall.T_BUF,
    air.rv32im.syscall.GB_LO, air.rv32im.syscall.GB_HI, air.rv32im.syscall.LEN_LO,
    air.rv32im.syscall.LEN_HI, air.rv32im.syscall.T_LEN, air.rv32im.syscall.GL_LO,
    air.rv32im.syscall.GL_HI, air.rv32im.syscall.CUR, air.rv32im.syscall.CUR_NEW,
    air.rv32im.syscall.T_CUR, air.rv32im.syscall.GC_LO, air.rv32im.syscall.GC_HI,
    air.rv32im.syscall.OUT, air.rv32im.syscall.T_OUT, air.rv32im.syscall.GO_LO,
    air.rv32im.syscall.GO_HI, air.rv32im.syscall.D_LO, air.rv32im.syscall.D_HI,
    air.rv32im.syscall.FD3, air.rv32im.syscall.LIM, air.rv32im.syscall.OP_ECALL,
    air.rv32im.syscall.REG_A1, air.rv32im.syscall.REG_A2,
    Zkvm.Air.V2.Syscall.Col.fRead, Zkvm.Air.V2.Syscall.Col.fWrite,
    Zkvm.Air.V2.Syscall.Col.fExit, Zkvm.Air.V2.Syscall.Col.fd2, Zkvm.Air.V2.Syscall.Col.clk,
    Zkvm.Air.V2.Syscall.Col.aLo, Zkvm.Air.V2.Syscall.Col.aHi, Zkvm.Air.V2.Syscall.Col.bLo,
    Zkvm.Air.V2.Syscall.Col.bHi, Zkvm.Air.V2.Syscall.Col.cLo, Zkvm.Air.V2.Syscall.Col.cHi,
    Zkvm.Air.V2.Syscall.Col.nextPc, Zkvm.Air.V2.Syscall.Col.bufLo,
    Zkvm.Air.V2.Syscall.Col.bufHi, Zkvm.Air.V2.Syscall.Col.tBuf,
    Zkvm.Air.V2.Syscall.Col.gbLo, Zkvm.Air.V2.Syscall.Col.gbHi,
    Zkvm.Air.V2.Syscall.Col.lenLo, Zkvm.Air.V2.Syscall.Col.lenHi,
    Zkvm.Air.V2.Syscall.Col.tLen, Zkvm.Air.V2.Syscall.Col.glLo,
    Zkvm.Air.V2.Syscall.Col.glHi, Zkvm.Air.V2.Syscall.Col.cur,
    Zkvm.Air.V2.Syscall.Col.curNew, Zkvm.Air.V2.Syscall.Col.tCur,
    Zkvm.Air.V2.Syscall.Col.gcLo, Zkvm.Air.V2.Syscall.Col.gcHi, Zkvm.Air.V2.Syscall.Col.out,
    Zkvm.Air.V2.Syscall.Col.tOut, Zkvm.Air.V2.Syscall.Col.goLo, Zkvm.Air.V2.Syscall.Col.goHi,
    Zkvm.Air.V2.Syscall.Col.dLo, Zkvm.Air.V2.Syscall.Col.dHi, Zkvm.Air.V2.Syscall.Col.fd3,
    Zkvm.Air.V2.Syscall.Col.lim,
    air.rv32im.bus.LIMB, air.rv32im.bus.PORTS, air.rv32im.bus.PORT_COPROCESSOR,
    air.rv32im.bus.TAG_EXEC, air.rv32im.bus.TAG_HALT, air.rv32im.bus.TAG_MEM,
    air.rv32im.bus.TAG_U16, air.rv32im.bus.TAG_IO, air.rv32im.bus.TAG_PLEN,
    air.rv32im.bus.SPACE_REG, air.rv32im.bus.SPACE_IO, air.rv32im.bus.IO_OUTPUT_CURSOR,
    air.rv32im.bus.GAP_HI_SCALE,
    Zkvm.Air.V2.Syscall.messages, Zkvm.Air.V2.Syscall.fractions, Zkvm.Air.V2.Syscall.access,
    Zkvm.Air.V2.Syscall.real, Zkvm.Air.V2.Syscall.moves, Zkvm.Air.V2.Syscall.cursorOn,
    Zkvm.Air.V2.Syscall.timestamp, Zkvm.Air.V2.Syscall.word, Zkvm.Air.V2.Syscall.kind,
    Zkvm.Air.V2.Syscall.cursorCell, Zkvm.Air.V2.Syscall.tagMem, Zkvm.Air.V2.Syscall.tagU16,
    Zkvm.Air.V2.Syscall.tagExec, Zkvm.Air.V2.Syscall.tagHalt, Zkvm.Air.V2.Syscall.tagIo,
    Zkvm.Air.V2.Syscall.tagPlen, Zkvm.Air.V2.Syscall.spaceReg, Zkvm.Air.V2.Syscall.spaceIo,
    Zkvm.Air.V2.Syscall.opEcall,
    List.map_append, List.map_cons, List.map_nil, List.append_assoc, List.cons_append,
    List.nil_append, List.flatMap_cons, List.flatMap_nil, List.flatMap_append, List.append_nil,
    UInt64.reduceToNat, UInt32.reduceToNat, UInt32.reduceAdd, List.cons.injEq, and_true,
    ofNat_numeral, and_self]

end Zkvm.Refinement.air.rv32im.syscall
