module

public import Zkvm.RiscV.State

/-!
# Loading a program

A `Program` is what the executor's `Program::from_elf` produces — an entry point and loadable
segments — and `Program.load` builds the initial `State` the way `Machine::new` does:

* `pc` is the entry point, `sp` (`x2`) is `stackTop`, every other register is zero;
* each segment occupies `[vaddr, vaddr + memSize)`, starting with its initialised bytes and
  zero after them (`.bss`); executable segments are read + execute, all others read + write;
* the heap + stack region runs from the end of the highest segment up to `stackTop`,
  read + write and zero; everything else is unmapped.

Segments are given as little-endian words at 4-aligned addresses (the test vectors' programs are
word lists; the Lean model does not parse ELF files).
-/

@[expose] public section

-- Definitions are for proofs and kernel evaluation only; some core list functions used here
-- have no compiled code in this toolchain.
noncomputable section

namespace Zkvm.RiscV

/-- `memSize` bytes at the 4-aligned address `vaddr`: first the bytes of `words`, then zeros. -/
structure Segment where
  vaddr : Nat
  words : List Word
  memSize : Nat
  executable : Bool

namespace Segment

/-- One past the segment's last address. -/
def stop (seg : Segment) : Nat := seg.vaddr + seg.memSize

def contains (seg : Segment) (a : Word) : Bool := seg.vaddr ≤ a.toNat && a.toNat < seg.stop

/-- The initial byte at address `a` of the segment. -/
def byteAt (seg : Segment) (a : Word) : Byte :=
  let offset := a.toNat - seg.vaddr
  (seg.words.getD (offset / 4) 0).toBytes.getD (offset % 4) 0

/-- The instruction word at `pc`, if the segment is executable and holds a whole 4-aligned word
there (past the initialised words it is `0`, which does not decode). -/
def wordAt (seg : Segment) (pc : Word) : Option Word :=
  if seg.executable && pc.toNat % 4 == 0 && seg.vaddr ≤ pc.toNat && pc.toNat + 4 ≤ seg.stop then
    some (seg.words.getD ((pc.toNat - seg.vaddr) / 4) 0)
  else none

/-- Executable segments are read + execute only; all others are read + write. -/
def region (seg : Segment) : Region :=
  { start := seg.vaddr, stop := seg.stop, writable := !seg.executable,
    executable := seg.executable }

end Segment

structure Program where
  entry : Word
  segments : List Segment

namespace Program

/-- The heap starts right after the highest segment. -/
def heapStart (p : Program) : Nat := (p.segments.map Segment.stop).foldl max 0

def layout (p : Program) : Layout :=
  p.segments.map Segment.region ++
    [{ start := p.heapStart, stop := stackTop, writable := true, executable := false }]

/-- The machine about to run `p` on the input `input` (fd 0) and the private input `privateIn`
(fd 3, empty by default). -/
def load (p : Program) (input : List Byte) (privateIn : List Byte := []) : State where
  pc := p.entry
  regs := (List.range 32).map fun i => if i = 2 then BitVec.ofNat 32 stackTop else 0
  mem a := match p.segments.find? (·.contains a) with
    | some seg => seg.byteAt a
    | none => 0
  code pc := p.segments.findSome? (·.wordAt pc)
  layout := p.layout
  input := input
  inputPos := 0
  privateInput := privateIn
  privatePos := 0
  output := []
  debugOutput := []
  exitCode := none

/-- The shape of every test vector's program (the executor's
`ElfBuilder::with_text(code).data(DATA_BASE, data, dataSize)`): `code` at `0x1_0000`, entered
at its first word, and, if `dataSize > 0`, a read/write segment of `dataSize` bytes at
`0x2_0000` that starts with the bytes of `data`. -/
def ofCode (code : List Word) (data : List Word := []) (dataSize : Nat := 0) : Program where
  entry := 0x1_0000#32
  segments :=
    { vaddr := 0x1_0000, words := code, memSize := 4 * code.length, executable := true } ::
      if dataSize = 0 then []
      else [{ vaddr := 0x2_0000, words := data, memSize := dataSize, executable := false }]

theorem load_regs_length (p : Program) (input : List Byte) : (p.load input).regs.length = 32 := by
  simp [load]

/-- The loaded machine has `sp = stackTop`. -/
theorem load_sp (p : Program) (input : List Byte) :
    (p.load input).reg 2 = BitVec.ofNat 32 stackTop := rfl

end Program

end Zkvm.RiscV
