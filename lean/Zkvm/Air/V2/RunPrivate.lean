module

public import Zkvm.Air.V2.RunInput
public import Zkvm.Air.V2.RunOutput

/-!
# A read ECALL row of fd 3 (the private input) through the memory argument

A read ECALL (a7 = 63) of fd 3 copies the private input's next bytes to the buffer: the
SYSCALL row has fRead and fd3 = 1, its cursor is the cell (IO, 2) (`Syscall.cursorCell`), its
limit LIM is the value of the PLEN message it receives, and its IO rows (kind priv) receive
PRIV(pos, byte) messages, which only the PRIVATE table sends. The analogs of `read_row`,
`read_mem` and `read_row_inv` (fd 0, `RunInput`, `RunWhole`):

* `read3_row`: the semantics' `sysRead` of fd 3 succeeds from the state whose registers memory
  holds at 4 clk + 1 and whose private position the cursor (IO, 2) holds, when LIM is the private
  input's length and every PRIV message received is below the private cursor's final value
  (`hpin`, at most the private input's length); c is the number of bytes it copies;
* the memory after the row: `read_mem_at` (RunInput.lean) at (IO, 2);
* `PrivInv`, the private-input invariant at row n (memory at 4n + 1 holds the private position in
  (IO, 2), within the final cursor, the private input is `priv`), and `Read3Join`, what the bus
  gives about a read row of fd 3 (derived in `RunJoins`: `readJoin3_of_bus`);
* `read3_row_inv`: one read row of fd 3 of the run steps `Inv`, `OutInv` and `PrivInv`, and
  keeps the input position and the cursor (IO, 0).

It builds on `Step.ecall_read_memory` (each IO row's new word is the byte memory's after the
semantics writes the bytes the PRIV messages carry) and `Syscall.read_step`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (felt)
open Zkvm.Air.V2.Step (Runs Reads progMsg progTable val_felt)

/-- A read row of fd 3 has its cursor in the cell (IO, 2). -/
theorem cursorCell_fd3 {rs pub : Row BabyBear} (hgs : Syscall.Groups rs pub)
    (hrd : rs Syscall.Col.fRead = 1) (hfd3 : rs Syscall.Col.fd3 = 1) :
    Syscall.cursorCell rs = 2 := by
  obtain ⟨hw0, -, -⟩ := Syscall.read_only hgs hrd
  unfold Syscall.cursorCell; rw [hw0, hfd3]; grind

section Row

variable {accs : List (Access Cell Val)} {bnd : List (Boundary Cell Val)} {init : Cell → Val}
  {s : State}

/-- **A read ECALL row of fd 3**: with its SYSCALL row (fRead, fd3 = 1, LIM the private input's
length) and IO rows (read rows, chained from (buf, cur) to (buf + c, cur + c), receiving PRIV
messages below the private cursor's final value `pcons`), the semantics' `sysRead` from the
state whose registers memory holds at 4 clk + 1 and whose private position the cursor (IO, 2)
holds succeeds: it copies the private input's next c bytes to buf, and the CPU writes c to a0
and moves on to pc + 4. -/
theorem read3_row {w : Window BabyBear} (hg : Groups w) (hruns : Runs w.cur s.pc .ecall)
    (hreads : Reads w.cur s) (hpc30 : s.pc.toNat < 2 ^ 30) (hpc4 : s.pc.toNat % 4 = 0)
    (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init) (hp : Ports accs w.cur)
    {rs pub : Row BabyBear} (hgs : Syscall.Groups rs pub) (hls : Syscall.Lookups rs)
    (hrs : Syscall.real rs = 1) (he : Exec.Cpu.execMsg w.cur = Exec.Syscall.execMsg rs)
    (hrd : rs Syscall.Col.fRead = 1) (hfd3 : rs Syscall.Col.fd3 = 1)
    (hbufA : bufAccess rs ∈ accs) (hlenA : lenAccess rs ∈ accs) (hcurA : curAccess rs ∈ accs)
    (ios : List (Row BabyBear))
    (hios : ∀ ri ∈ ios, Io.Groups ri ∧ Io.real ri = 1 ∧ Io.reads ri = 1 ∧
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30 ∧ ioAccess ri ∈ accs)
    (hbal : (((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val,
        (rs Syscall.Col.cur).val) :: ios.map (fun r => (Io.linkOf r).stop)).Perm
      (((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val +
          (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val,
        (rs Syscall.Col.cur).val + (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val) ::
        ios.map (fun r => (Io.linkOf r).start)))
    {rcvd : List (List BabyBear)}
    (hrecvP : ∀ ri ∈ ios, ∀ j ∈ Io.lanes, Io.moved ri j = 1 →
      [14, ri Io.Col.base + ((j : Nat) : BabyBear), ri (Io.Col.n0 + j)] ∈ rcvd)
    {pcons : Nat}
    (hpin : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [14, ((pos : Nat) : BabyBear), b] ∈ rcvd → pos < pcons)
    (hcons : pcons ≤ s.privateInput.length) (hplen : s.privateInput.length < 2 ^ 30)
    (hlim : rs Syscall.Col.lim = ((s.privateInput.length : Nat) : BabyBear))
    (hallow : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
      s.layout.mapped a = true ∧ (b.cell.1 = 1 → s.layout.writable a = true))
    (hregs : RegsIn (memAt accs init (4 * (w.cur clk).val + 1)) s)
    (hcur : memAt accs init (4 * (w.cur clk).val + 1) (3, 2) =
      (((s.privatePos : Nat) : BabyBear), 0))
    (hposc : s.privatePos ≤ pcons) :
    execute s .ecall = .ok ({ s.writeBytes (s.reg 11)
        ((s.privateInput.drop s.privatePos).take (s.reg 12).toNat) with
        privatePos := s.privatePos +
          ((s.privateInput.drop s.privatePos).take (s.reg 12).toNat).length }.setReg
          10 (BitVec.ofNat 32
            ((s.privateInput.drop s.privatePos).take (s.reg 12).toNat).length)).next ∧
      s.reg 10 = 3 ∧
      (cWord w.cur).toNat = ((s.privateInput.drop s.privatePos).take (s.reg 12).toNat).length ∧
      (w.cur nextPc).val = (s.pc + 4).toNat ∧
      s.privatePos + (cWord w.cur).toNat ≤ pcons ∧
      (((s.reg 11).toNat, s.privatePos) :: ios.map (fun r => (Io.linkOf r).stop)).Perm
        (((s.reg 11).toNat + (cWord w.cur).toNat, s.privatePos + (cWord w.cur).toNat) ::
          ios.map (fun r => (Io.linkOf r).start)) ∧
      (s.reg 11).toNat + (cWord w.cur).toNat < 2 ^ 32 ∧ (cWord w.cur).toNat < 2 ^ 30 ∧
      rs Syscall.Col.cur + Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi =
        (((s.privatePos + (cWord w.cur).toNat : Nat) : Nat) : BabyBear) := by
  have hclk : rs Syscall.Col.clk = w.cur clk := (congrArg Exec.Msg.clk he).symm
  obtain ⟨hbuf, hlen⟩ := syscall_args hh hinit hp (ecall_rd hruns) hclk hbufA hlenA hregs
  obtain ⟨a0, a1, b0, b1, ha, hb, hc⟩ := Step.ecall_operands hruns hreads he
  have hi : Syscall.Inputs rs := ⟨a0, a1, b0, b1, by rw [hbuf.1]; exact Word.lo_lt _,
    by rw [hbuf.2]; exact Word.hi_lt _, by rw [hlen.1]; exact Word.lo_lt _,
    by rw [hlen.2]; exact Word.hi_lt _⟩
  obtain ⟨-, -, -, hc30, hvw, -, -, -⟩ := Syscall.read_sound hgs hls hi hrd
  have hf0 : rs Syscall.Col.fd3 ≠ 0 := by rw [hfd3]; decide
  -- the cursor is the private position
  have hcc := cursorCell_fd3 hgs hrd hfd3
  have hr := read_eq_memAt hh hinit hcurA
  simp only [curAccess, hclk, hcc] at hr
  rw [word_cpu_ticks hp (c := ((3 : BabyBear), (2 : BabyBear))) (by decide), hcur] at hr
  have hcurv : (rs Syscall.Col.cur).val = s.privatePos := by
    rw [show rs Syscall.Col.cur = ((s.privatePos : Nat) : BabyBear) from congrArg Prod.fst hr]
    exact Mem.val_cast (by omega)
  have hlimv : (rs Syscall.Col.lim).val = s.privateInput.length := by
    rw [hlim]; exact Mem.val_cast (by omega)
  -- the chain in numbers
  have hb11 : (rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val =
      (s.reg 11).toNat := by rw [Word.toNat_eq_limbs, hbuf.1, hbuf.2]
  rw [hb11, hcurv, hvw] at hbal
  have hrows' : ∀ r ∈ ios, Io.Groups r ∧ Io.real r = 1 ∧ (r Io.Col.wa).val < 2 ^ 28 ∧
      Io.firstPos r < 2 ^ 30 :=
    fun r hr => have h := hios r hr; ⟨h.1, h.2.1, h.2.2.2.1, h.2.2.2.2.1⟩
  have hcov := Io.ecall_rows_cover ios hrows' _ _ _ hbal
  -- the read ends within the private bytes: its last byte is one the PRIVATE table sends
  have hwithin : s.privatePos + (Syscall.cWord rs).toNat ≤ pcons := by
    rcases Nat.eq_zero_or_pos (Syscall.cWord rs).toNat with h0 | hpos
    · omega
    · obtain ⟨ri, hri, j, hj, hm, -, hbv, hlt⟩ := Io.covering_row ios hrows' hcov
        (i := (Syscall.cWord rs).toNat - 1) (by omega)
      have hmsg := hrecvP ri hri j (Io.mem_lanes.mpr (by omega)) hm
      rw [hbv] at hmsg
      have := hpin _ _ (by omega) hmsg
      omega
  have hend : (rs Syscall.Col.cur).val + (Syscall.cWord rs).toNat ≤ (rs Syscall.Col.lim).val := by
    rw [hcurv, hlimv]; omega
  obtain ⟨hstep, -, hcount⟩ := Syscall.read_step hgs hls hi hrd ha hb
    (Step.word_of_vals hbuf.1 hbuf.2).symm (Step.word_of_vals hlen.1 hlen.2).symm
    (by rw [if_neg hf0]; exact hcurv) (by rw [if_neg hf0]; exact hlimv) hend
  rw [if_neg hf0] at hcount
  have h10 : s.reg 10 = 3 := by
    rw [hb]; show WordLimbs.ofFelts _ _ = 3
    have bhi : rs Syscall.Col.bHi = 0 := by have := hgs.fd_read_hi; rw [hrd] at this; grind
    have blo : rs Syscall.Col.bLo = 3 := by
      have := hgs.fd_read_lo; rw [hrd, hfd3] at this; grind
    rw [bhi, blo]; decide
  -- every byte of the buffer is in an IO row's RAM word
  have hmap : ∀ i < ((s.privateInput.drop s.privatePos).take (s.reg 12).toNat).length,
      s.layout.mapped (s.reg 11 + BitVec.ofNat 32 i) = true ∧
        s.layout.writable (s.reg 11 + BitVec.ofNat 32 i) = true := by
    intro i hi'
    rw [← hcount] at hi'
    obtain ⟨ri, hri, j, hj, -, hx, -⟩ := Io.covering_row ios hrows' hcov hi'
    obtain ⟨hgi, -, hrdi, hwa, -, hacc⟩ := hios ri hri
    have hrom := (Io.read_keeps hgi hrdi).1
    obtain ⟨hbal', hcausal, hpos, hts, hcells⟩ := hh
    obtain ⟨b, hb', hbc⟩ := exists_boundary hbal' hcausal hpos hts hcells _ hacc
    have hal := hallow b hb' (hbc ▸ ioAccess_wordCell hgi) (s.reg 11 + BitVec.ofNat 32 i) (by
      rw [hbc]
      show (s.reg 11 + BitVec.ofNat 32 i).toNat / 4 = (ri Io.Col.wa).val
      rw [BitVec.toNat_add, BitVec.toNat_ofNat]
      omega)
    refine ⟨hal.1, hal.2 ?_⟩
    rw [hbc]; show 1 + ri Io.Col.rom = 1; rw [hrom]; grind
  have hsmall : (s.reg 11).toNat + (Syscall.cWord rs).toNat < 2 ^ 32 := by
    rcases Nat.eq_zero_or_pos (Syscall.cWord rs).toNat with h0 | hpos
    · have := (s.reg 11).isLt; omega
    · obtain ⟨ri, hri, j, hj, -, hx, -⟩ := Io.covering_row ios hrows' hcov
        (i := (Syscall.cWord rs).toNat - 1) (by omega)
      have := (hios ri hri).2.2.2.1
      omega
  have hcurw : rs Syscall.Col.cur + Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi =
      (((s.privatePos + (Syscall.cWord rs).toNat : Nat) : Nat) : BabyBear) := by
    rw [Felt.natCast_add, ← hcurv, ← hvw, Felt.natCast_val, Felt.natCast_val]
  refine ⟨?_, h10, by rw [hc, hcount], ecall_next hg hruns hpc30 hpc4, by rw [hc]; exact hwithin,
    by rw [hc]; exact hbal, by rw [hc]; exact hsmall, by rw [hc]; exact hc30,
    by rw [hc]; exact hcurw⟩
  show execEcall s = _
  rw [hstep]
  unfold sysRead
  rw [h10, if_neg (by decide), if_pos rfl]
  simp only
  rw [ByteMemory.accessFault_none_of s true _ _ fun i hi => ⟨(hmap i hi).1, fun _ => (hmap i hi).2⟩]

end Row

/-- **The private-input invariant at row n**: memory at 4n + 1 holds the private position in the
cursor (IO, 2); the position is within the private cursor's final value `pcons`; the private
input is `priv`. -/
structure PrivInv (accs : List (Access Cell Val)) (init : Cell → Val) (priv : List Byte)
    (pcons : Nat) (n : Nat) (s : State) : Prop where
  cursor : memAt accs init (4 * n + 1) (3, 2) = (((s.privatePos : Nat) : BabyBear), 0)
  pos : s.privatePos ≤ pcons
  input : s.privateInput = priv

theorem privInv_keep {accs : List (Access Cell Val)} {init : Cell → Val} {priv : List Byte}
    {pcons n : Nat} {s s' : State} (hi : PrivInv accs init priv pcons n s)
    (h1 : s'.privatePos = s.privatePos) (h2 : s'.privateInput = s.privateInput)
    (h3 : memAt accs init (4 * (n + 1) + 1) (3, 2) = memAt accs init (4 * n + 1) (3, 2)) :
    PrivInv accs init priv pcons (n + 1) s' where
  cursor := by rw [h3, h1]; exact hi.cursor
  pos := by rw [h1]; exact hi.pos
  input := by rw [h2]; exact hi.input

/-- **What the bus gives about a read ECALL row of fd 3**: the SYSCALL row that receives its
request (fd3 = 1, its LIM the value of a PLEN message among the receives), its reads of a1 and a2
and its cursor access among the memory argument's accesses; its IO rows (read rows, distinct
words, their accesses among the accesses, chained from (buf, cur) to (buf + c, cur + c)); no
other access at 4 clk + 4; the IO rows' PRIV messages among the bus's receives. -/
def Read3Join (accs : List (Access Cell Val)) (rcvd : List (List BabyBear)) (r : Row BabyBear) :
    Prop :=
  ∃ rs pub, Syscall.Groups rs pub ∧ Syscall.Lookups rs ∧ Syscall.real rs = 1 ∧
    Exec.Cpu.execMsg r = Exec.Syscall.execMsg rs ∧ rs Syscall.Col.fd3 = 1 ∧
    [15, rs Syscall.Col.lim] ∈ rcvd ∧
    bufAccess rs ∈ accs ∧ lenAccess rs ∈ accs ∧ curAccess rs ∈ accs ∧
    ∃ ios : List (Row BabyBear),
      (∀ ri ∈ ios, Io.Groups ri ∧ Io.Lookups ri ∧ Io.real ri = 1 ∧ Io.reads ri = 1 ∧
        (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30 ∧ ri Io.Col.clk = r clk ∧
        ioAccess ri ∈ accs) ∧
      (∀ ri ∈ ios, ∀ ri' ∈ ios, (ri Io.Col.wa).val = (ri' Io.Col.wa).val → ri = ri') ∧
      (((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val,
          (rs Syscall.Col.cur).val) :: ios.map (fun r => (Io.linkOf r).stop)).Perm
        (((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val +
            (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val,
          (rs Syscall.Col.cur).val + (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val) ::
          ios.map (fun r => (Io.linkOf r).start)) ∧
      (∀ a ∈ accs, a.ts = 4 * (r clk).val + 1 + 1 + 1 + 1 →
        a = bufAccess rs ∨ a = lenAccess rs ∨ a = curAccess rs ∨ ∃ ri ∈ ios, a = ioAccess ri) ∧
      (∀ ri ∈ ios, ∀ j ∈ Io.lanes, Io.moved ri j = 1 →
        [14, ri Io.Col.base + ((j : Nat) : BabyBear), ri (Io.Col.n0 + j)] ∈ rcvd)

/-- A list of bytes as field elements, read at k with default 0. -/
theorem getD_map_byte (l : List Byte) (k : Nat) :
    (l.map fun b => ((b.toNat : Nat) : BabyBear)).getD k 0 = (((l.getD k 0).toNat : Nat) : BabyBear) := by
  simp only [List.getD_eq_getElem?_getD, List.getElem?_map]
  cases l[k]? with
  | none => rfl
  | some b => rfl

variable {wins : Nat → Window BabyBear} {accs : List (Access Cell Val)}
  {bnd : List (Boundary Cell Val)} {init : Cell → Val} {code : List (UInt32 × UInt32)}

/-- **One read ECALL row of fd 3 of the run**: from the state row n describes, with the output
and private-input invariants, the semantics' step (a `sysRead` of fd 3 that succeeds) reaches
the state row n + 1 describes, with both invariants; it keeps the input position, the input and
the cursor (IO, 0). The PRIV messages received carry the private input's bytes below `pcons`
(`hprivB`), the PLEN messages its length (`hplenB`). -/
theorem read3_row_inv {N : Nat} (hrows : CpuRows wins 0 N)
    (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init)
    (hwf : WordWrites accs)
    {L : Layout}
    (hallow : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
      L.mapped a = true ∧ (b.cell.1 = 1 → L.writable a = true))
    (h30 : ∀ b ∈ bnd, IsWordCell b.cell → b.cell.2.val < 2 ^ 30)
    (hone : ∀ b ∈ bnd, ∀ b' ∈ bnd, IsWordCell b.cell → IsWordCell b'.cell →
      b.cell.2 = b'.cell.2 → b.cell = b'.cell)
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    {n : Nat} (hn : n + 1 < N)
    (hprog : progMsg ((wins n).cur) ∈ progTable code)
    (hports : Ports accs ((wins n).cur))
    (hop : ((wins n).cur op).val = 36) (h63 : ((wins n).cur aLo).val = 63)
    {rcvd : List (List BabyBear)}
    (hjoin : Read3Join accs rcvd ((wins n).cur))
    {priv : List Byte} {pcons : Nat}
    (hprivB : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [14, ((pos : Nat) : BabyBear), b] ∈ rcvd →
        pos < pcons ∧ b = (((priv.getD pos 0).toNat : Nat) : BabyBear))
    (hplenB : ∀ x : BabyBear, [15, x] ∈ rcvd → x = ((priv.length : Nat) : BabyBear))
    (hpcons : pcons ≤ priv.length) (hplen30 : priv.length < 2 ^ 30)
    {out : List BabyBear}
    {s : State} (hinv : Inv wins accs init bnd code L n s) (ho : OutInv accs init out n s)
    (hpi : PrivInv accs init priv pcons n s) :
    ∃ s', step s = .ok s' ∧ Inv wins accs init bnd code L (n + 1) s' ∧
      OutInv accs init out (n + 1) s' ∧ PrivInv accs init priv pcons (n + 1) s' ∧
      s'.inputPos = s.inputPos ∧ s'.input = s.input ∧
      memAt accs init (4 * (n + 1) + 1) (3, 0) = memAt accs init (4 * n + 1) (3, 0) := by
  have hg := hrows.groups n (by omega)
  have hclk : ((wins n).cur clk).val = n := by rw [hrows.clk n (by omega), Nat.zero_add]
  have h4 : 4 * (n + 1) + 1 = 4 * n + 1 + 1 + 1 + 1 + 1 := by omega
  obtain ⟨i, hruns, hstep, hpc30, hpc4⟩ := row_fetch hcode hcode4 hprog hinv
  have hi := ecall_of_op hruns hop
  subst hi
  have hchain := hrows.chain n hn
  obtain ⟨rs, pub, hgs, hls, hrs, he, hfd3, hlimR, hbufA, hlenA, hcurA, ios, hios, hdist, hbal,
    honly, hrecvP⟩ := hjoin
  have hsclk : rs Syscall.Col.clk = (wins n).cur clk := (congrArg Exec.Msg.clk he).symm
  have hrd : rs Syscall.Col.fRead = 1 := by
    have ha : (wins n).cur aLo = rs Syscall.Col.aLo := congrArg Exec.Msg.aLo he
    refine (Step.syscall_kind hgs hrs).1 ?_
    rw [← ha, ← Felt.natCast_val ((wins n).cur aLo), h63]; rfl
  have hregs : RegsIn (memAt accs init (4 * ((wins n).cur clk).val + 1)) s := by
    rw [hclk]; exact hinv.regs
  have hmem : MemIn (memAt accs init (4 * ((wins n).cur clk).val + 1)) bnd s := by
    rw [hclk]; exact hinv.mem
  obtain ⟨hreads, x, hrd', hregs'⟩ := regs_next (w := wins n) hg hruns hh hinit hwf hports
    hinv.len hregs
  have hx : x = 10 := reg_inj (hrd'.symm.trans (ecall_rd hruns))
  subst hx
  have hallow' : ∀ b ∈ bnd, IsWordCell b.cell → ∀ a : Word, a.toNat / 4 = b.cell.2.val →
      s.layout.mapped a = true ∧ (b.cell.1 = 1 → s.layout.writable a = true) :=
    fun b hb hc a ha => by rw [hinv.layout]; exact hallow b hb hc a ha
  have hios' : ∀ ri ∈ ios, Io.Groups ri ∧ Io.real ri = 1 ∧ Io.reads ri = 1 ∧
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30 ∧ ioAccess ri ∈ accs :=
    fun ri hri => have h := hios ri hri; ⟨h.1, h.2.2.1, h.2.2.2.1, h.2.2.2.2.1, h.2.2.2.2.2.1,
      h.2.2.2.2.2.2.2⟩
  have hcur : memAt accs init (4 * ((wins n).cur clk).val + 1) (3, 2) =
      (((s.privatePos : Nat) : BabyBear), 0) := by rw [hclk]; exact hpi.cursor
  have hlim : rs Syscall.Col.lim = ((s.privateInput.length : Nat) : BabyBear) := by
    rw [hpi.input]; exact hplenB _ hlimR
  obtain ⟨hex, -, hcnt, hnext, hwithin, hbal', hsmall, hc30, hcurw⟩ := read3_row (w := wins n) hg
    hruns hreads hpc30 hpc4 hh hinit hports hgs hls hrs he hrd hfd3 hbufA hlenA hcurA ios hios'
    hbal hrecvP (fun pos b hp hm => (hprivB pos b hp hm).1) (by rw [hpi.input]; exact hpcons)
    (by rw [hpi.input]; exact hplen30) hlim hallow' hregs hcur hpi.pos
  -- the bytes copied and the memory after the row
  obtain ⟨hnew, hkeep⟩ := Step.ecall_read_memory ios
    (fun ri hri => have h := hios' ri hri; ⟨h.1, h.2.1, h.2.2.1, h.2.2.2.1, h.2.2.2.2.1⟩) hdist
    (fun ri hri => io_bytes hh hinit hports (hios ri hri).1 (hios ri hri).2.1 (hios ri hri).2.2.1
      (hios ri hri).2.2.2.2.2.2.1 (hios ri hri).2.2.2.2.2.2.2 (hios ri hri).2.2.2.2.1 hmem)
    s.privateInput s.privatePos (cWord (wins n).cur).toNat hcnt hc30 hsmall hbal' 14 rcvd hrecvP
    (s.privateInput.map fun b => ((b.toNat : Nat) : BabyBear))
    (fun pos b hp hm => by rw [getD_map_byte, hpi.input]; exact (hprivB pos b hp hm).2)
    (getD_map_byte s.privateInput)
  obtain ⟨hmem5, hcur5, hio5⟩ := read_mem_at (init := init) hh hinit hports hgs hrd
    (cursorCell_fd3 hgs hrd hfd3) hsclk hcurA ios
    (fun ri hri => have h := hios ri hri; ⟨h.1, h.2.2.2.1, h.2.2.2.2.2.2.1, h.2.2.2.2.2.2.2⟩)
    honly h30 hone hnew hkeep hmem
  rw [hclk] at hmem5 hcur5 hio5 hregs'
  have hcw : cWord (wins n).cur = BitVec.ofNat 32
      ((s.privateInput.drop s.privatePos).take (s.reg 12).toNat).length := by
    apply BitVec.eq_of_toNat_eq
    rw [BitVec.toNat_ofNat, ← hcnt, Nat.mod_eq_of_lt (by omega)]
  refine ⟨_, hstep.trans hex, ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_⟩, ?_, ?_, ?_, ?_, ?_⟩
  · show _ = ((State.setReg _ _ _).pc + 4).toNat
    rw [setReg_pc, hchain]; exact hnext
  · show (State.setReg _ _ _).exitCode = none
    rw [setReg_eq]; exact hinv.live
  · show (State.setReg _ _ _).regs.length = 32
    rw [setReg_length]; exact hinv.len
  · intro q hq
    simp only [State.next]
    rw [setReg_eq]; exact hinv.fetch q hq
  · show (State.setReg _ _ _).layout = L
    rw [setReg_eq]; exact hinv.layout
  · rw [h4]
    refine regsIn_congr ?_ (by rw [hcw] at hregs'; exact hregs')
    show (State.setReg _ _ _).regs = _
    rw [setReg_eq, setReg_eq]; rfl
  · rw [h4]
    refine memIn_congr ?_ hmem5
    show (State.setReg _ _ _).mem = _
    rw [setReg_eq]
  · refine outInv_keep ho ?_ ?_
    · show (State.setReg _ _ _).output = _
      rw [setReg_eq]; rfl
    · rw [h4]; exact hio5 _ rfl (by decide)
  · refine ⟨?_, ?_, ?_⟩
    · rw [h4, hcur5, hcurw, hcnt]
      show _ = ((((State.setReg _ _ _).privatePos : Nat) : BabyBear), 0)
      rw [setReg_eq]
    · show (State.setReg _ _ _).privatePos ≤ pcons
      have : (State.setReg ({ s.writeBytes (s.reg 11) ((s.privateInput.drop s.privatePos).take
          (s.reg 12).toNat) with privatePos := s.privatePos +
            ((s.privateInput.drop s.privatePos).take (s.reg 12).toNat).length }) 10
          (BitVec.ofNat 32
            ((s.privateInput.drop s.privatePos).take (s.reg 12).toNat).length)).privatePos =
          s.privatePos + ((s.privateInput.drop s.privatePos).take (s.reg 12).toNat).length := by
        rw [setReg_eq]
      rw [this, ← hcnt]; exact hwithin
    · show (State.setReg _ _ _).privateInput = priv
      rw [setReg_eq]; exact hpi.input
  · show (State.setReg _ _ _).inputPos = _
    rw [setReg_eq]; rfl
  · show (State.setReg _ _ _).input = _
    rw [setReg_eq]; rfl
  · rw [h4]; exact hio5 _ rfl (by decide)

/-- `sysWrite` keeps the private position and the private input. -/
theorem sysWrite_private {s s' : State} {fd buf len : Word} (h : sysWrite s fd buf len = .ok s') :
    s'.privatePos = s.privatePos ∧ s'.privateInput = s.privateInput := by
  unfold sysWrite at h
  split at h
  · cases h
  · split at h
    · cases h
    · split at h
      · cases h
      · injection h with h
        subst h
        simp only [State.next]
        rw [setReg_eq]
        split <;> exact ⟨rfl, rfl⟩

/-- **An ECALL other than a read keeps the private position and the private input.** -/
theorem ecall_keeps_private {s s' : State} (h : execEcall s = .ok s')
    (h63 : (s.reg 17).toNat ≠ 63) :
    s'.privatePos = s.privatePos ∧ s'.privateInput = s.privateInput := by
  unfold execEcall at h
  split at h
  · rename_i heq; exact absurd heq h63
  · exact sysWrite_private h
  all_goals first
    | (injection h with h; subst h; exact ⟨rfl, rfl⟩)
    | cases h

/-- **A write ECALL row keeps the private input**: the semantics' step from the state row n
describes keeps the private position and the private input (a7 = 64 is not a read), and memory
keeps the private cursor (IO, 2) from 4n + 1 to 4(n + 1) + 1 (the row's accesses at port 3 are
a1's, a2's, the cursor (IO, 1) of fd 1 and its IO rows' words). -/
theorem write_keeps_private {N : Nat} (hrows : CpuRows wins 0 N)
    (hh : Hypotheses accs bnd) (hinit : ∀ b ∈ bnd, init b.cell = b.init) {L : Layout}
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    {n : Nat} (hn : n + 1 < N)
    (hprog : progMsg ((wins n).cur) ∈ progTable code)
    (hports : Ports accs ((wins n).cur))
    (hop : ((wins n).cur op).val = 36) (h64 : ((wins n).cur aLo).val = 64)
    {sent : List (List BabyBear)} (hjoin : WriteJoin accs sent ((wins n).cur))
    {s s' : State} (hinv : Inv wins accs init bnd code L n s) (hstep : step s = .ok s') :
    s'.privatePos = s.privatePos ∧ s'.privateInput = s.privateInput ∧
      memAt accs init (4 * (n + 1) + 1) (3, 2) = memAt accs init (4 * n + 1) (3, 2) := by
  have hclk : ((wins n).cur clk).val = n := by rw [hrows.clk n (by omega), Nat.zero_add]
  obtain ⟨i, hruns, hstep', -, -⟩ := row_fetch hcode hcode4 hprog hinv
  have hi := ecall_of_op hruns hop
  subst hi
  have hr1 : ∀ a ∈ accs, a.ts = 4 * ((wins n).cur clk).val + 1 → a.write = a.read := by
    intro a ha ht; rw [hports.at1 a ha ht]; rfl
  have hreads : Reads ((wins n).cur) s :=
    reads_of_regs hh hinit hports.rs1 hports.rs2 hr1 (by rw [hclk]; exact hinv.regs)
  have h63 : (s.reg 17).toNat ≠ 63 := by
    obtain ⟨row, hrow, hp⟩ := hruns
    simp only [Spec.programRow, Option.some.injEq] at hrow
    subst hrow
    obtain ⟨-, -, hrs1, -⟩ := Step.prog_fields hp
    obtain ⟨a0, a1⟩ := hreads.a 17 (by rw [hrs1]; rfl)
    rw [Word.toNat_eq_limbs, ← a0, ← a1]
    omega
  have hex : execEcall s = .ok s' := hstep'.symm.trans hstep
  obtain ⟨e1, e2⟩ := ecall_keeps_private hex h63
  refine ⟨e1, e2, ?_⟩
  obtain ⟨rs, pub, hgs, hls, hrs, he, hbufA, hlenA, hcurA, ios, hios, hbal, honly, hsent⟩ := hjoin
  have hsclk : rs Syscall.Col.clk = (wins n).cur clk := (congrArg Exec.Msg.clk he).symm
  have hwr : rs Syscall.Col.fWrite = 1 := by
    have ha : (wins n).cur aLo = rs Syscall.Col.aLo := congrArg Exec.Msg.aLo he
    refine (Step.syscall_kind hgs hrs).2.1 ?_
    rw [← ha, ← Felt.natCast_val ((wins n).cur aLo), h64]; rfl
  obtain ⟨-, -, -, hcc, -⟩ := write_flags hgs hrs hwr
  rw [show 4 * (n + 1) + 1 = 4 * ((wins n).cur clk).val + 1 + 1 + 1 + 1 + 1 by omega,
    memAt_succ_of_none fun a ha hac ht => ?_,
    word_cpu_ticks hports (c := ((3 : BabyBear), (2 : BabyBear))) (by decide), hclk]
  rcases honly a ha ht with rfl | rfl | ⟨-, rfl⟩ | ⟨ri, hri, rfl⟩
  · exact absurd hac (by simp only [bufAccess]; decide)
  · exact absurd hac (by simp only [lenAccess]; decide)
  · exact absurd hac (by simp only [curAccess, hcc]; decide)
  · have hwc := ioAccess_wordCell (hios ri hri).1
    rw [hac] at hwc
    rcases hwc with h | h <;> exact absurd h (by decide)

end Zkvm.Air.V2.Run

end
