module

public import Zkvm.Air.V2.RunInstance
public import Zkvm.RiscV.Program

/-!
# The run from the state the key describes

`run_of_witness` (RunInstance.lean) concludes the semantics' run from any state `s₀` meeting the
four invariants at row 0 (`Inv`, `OutInv`, `InInv`, `PrivInv`), with the memory's initial values
`init` any function that agrees with the witness's boundary rows. This file names the state the
verifying key describes and discharges the four invariants for it:

* `keyState entry image code L input priv`: pc at the entry, the registers the image's space-0
  words give (`imageVal`), byte memory the little-endian bytes of the RAM and ROM image words
  (`memWord`, 0 elsewhere), fetch from the code words, layout `L`, the input and private input
  given, every cursor at 0, no output, no exit code;
* `keyInit image`: the memory argument's initial values the key describes — a register cell holds
  its image word's limbs, a RAM or ROM cell its word's, an I/O cursor 0. It agrees with every
  boundary row of the witness (`keyInit_bnd`): an image row's initial value is its image word's
  (the IMG lookup, `bnd_origin`), a zero row's is 0 and no RAM or ROM image word lies in a zero
  interval, a cursor's is 0. The boundary table has rows only for the cells the run touches, so
  its initial values alone (`bndInit`) do not describe the key's registers and words; `keyInit`
  does, for every cell;
* no access of the witness is at time 0 (`witnessAccs_ts_pos`), so memory at time 1 is `keyInit`
  (`memAt_one`);
* the four invariants at row 0 (`inv_keyState`, `outInv_keyState`, `inInv_keyState`,
  `privInv_keyState`) and the whole run from the key's state (`run_of_traces_init`: the first
  CPU row's pc, PC0, is the entry), also with the code words the ROM image words
  (`romCode`, `run_of_traces_rom`);
* `keyState_load`: with the loader's registers (`RegImage`), the key's state is the executor's
  `Program.load` but for its byte memory and fetch table.

The facts about the key's program used here (`ImageFacts`, `RegImage`) are what `load_program`
(rust/verifier/src/receipt/program.rs) builds; the program is not derived from the ELF in Lean.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory Zkvm.Air.V2.Cpu Zkvm.Air.V2.Cpu.Col
open Zkvm.Air.V2.Exec (Tables felt)
open Zkvm.Air.ByteMemory (wordAt)
open Zkvm.Spec.Statement (pvExitLo pvExitHi pvCycles pvInputConsumed pvOutputLen)

/-! ## The key's initial values -/

/-- The value of the image word in space `sp` at word address `wa`, 0 if there is none. -/
def imageVal (image : List Spec.ImageWord) (sp wa : Nat) : UInt32 :=
  match image.find? (fun w => decide (w.space.toNat = sp ∧ w.wa.toNat = wa)) with
  | some w => w.value
  | none => 0

/-- The memory word at word address `wa`: the RAM or ROM image word there, 0 if there is none. -/
def memWord (image : List Spec.ImageWord) (wa : Nat) : UInt32 :=
  match image.find? (fun w => decide ((w.space.toNat = 1 ∨ w.space.toNat = 2) ∧ w.wa.toNat = wa))
    with
  | some w => w.value
  | none => 0

/-- A word's limbs as the memory argument's value: value &&& 65535 and value >>> 16. -/
def limbsOf (v : UInt32) : Val := (felt (v &&& 65535), felt (v >>> 16))

/-- **The memory argument's initial values the key describes**: a register cell (space 0) holds
its image word's limbs, a RAM or ROM cell its memory word's, every other cell (the I/O cursors)
0. -/
def keyInit (image : List Spec.ImageWord) (c : Cell) : Val :=
  if c.1 = 0 then limbsOf (imageVal image 0 c.2.val)
  else if c.1 = 1 ∨ c.1 = 2 then limbsOf (memWord image c.2.val)
  else (0, 0)

/-- The byte at address `a` the key describes: lane `a mod 4` of the memory word at `a / 4`. -/
def keyByte (image : List Spec.ImageWord) (a : Nat) : Byte :=
  BitVec.ofNat 8 ((memWord image (a / 4)).toNat / 2 ^ (8 * (a % 4)))

/-- The instruction word of the code words at `pc`, if any. -/
def codeAt (code : List (UInt32 × UInt32)) (pc : Word) : Option Word :=
  (code.find? (fun q => decide (q.1.toBitVec = pc))).map (fun q => q.2.toBitVec)

/-- **The machine state the key describes**: pc at the entry, the registers of the image's
space-0 words, byte memory the little-endian bytes of its RAM and ROM words (0 elsewhere), fetch
from the code words, layout `L`, the input `input` and private input `priv` unread, no output
and no exit code. -/
def keyState (entry : UInt32) (image : List Spec.ImageWord) (code : List (UInt32 × UInt32))
    (L : Layout) (input priv : List Byte) : State where
  pc := entry.toBitVec
  regs := (List.range 32).map fun i => (imageVal image 0 i).toBitVec
  mem := fun a => keyByte image a.toNat
  code := codeAt code
  layout := L
  input := input
  inputPos := 0
  privateInput := priv
  privatePos := 0
  output := []
  debugOutput := []
  exitCode := none

/-- **What `load_program` guarantees about the key's program, used for its initial state**
(rust/verifier/src/receipt/program.rs):
* `keys`: no two image words share (space, word address) — the image is sorted by (space, wa)
  strictly increasing (the 32 registers, then the RAM file words of the non-executable segments,
  then every word of the executable ones, each segment's in address order, segments in address
  order, and `validate_segments` refuses segments that share a word);
* `reg0`: the image word of x0 is 0 (every register's word is 0 but x2's, `INITIAL_SP`);
* `ram`: no RAM image word lies in a zero interval — a zero interval is a non-executable
  segment's tail `[file_end, end)` past its file words `[first, file_end)` (no other segment
  shares its words), or the heap `[heap_start / 4, STACK_TOP / 4)` above every segment's last
  word; the statement's unused interval slots are empty. -/
structure ImageFacts (image : List Spec.ImageWord) (pb : Nat → BabyBear) : Prop where
  keys : (image.map fun w => (w.space, w.wa)).Nodup
  reg0 : ∀ w ∈ image, w.space.toNat = 0 → w.wa.toNat = 0 → w.value = 0
  ram : ∀ w ∈ image, w.space.toNat = 1 → ∀ j ∈ Boundary.intervals,
    ¬ ((pb (Boundary.pvZero0 + 2 * j)).val ≤ w.wa.toNat ∧
      w.wa.toNat < (pb (Boundary.pvZero0 + 2 * j + 1)).val)

/-- Code words with one word per pc. -/
def CodeFun (code : List (UInt32 × UInt32)) : Prop :=
  ∀ p ∈ code, ∀ q ∈ code, p.1 = q.1 → p.2 = q.2

/-! ## Lookups -/

/-- `find?` of an element satisfying the predicate, every other such element being it. -/
theorem find?_unique {α : Type} {l : List α} {p : α → Bool} {w : α} (hw : w ∈ l) (hp : p w = true)
    (hu : ∀ w' ∈ l, p w' = true → w' = w) : l.find? p = some w := by
  cases h : l.find? p with
  | none => exact absurd hp (by simpa using List.find?_eq_none.mp h w hw)
  | some w' => rw [hu w' (List.mem_of_find?_eq_some h) (List.find?_some h)]

theorem key_eq {image : List Spec.ImageWord} (hk : (image.map fun w => (w.space, w.wa)).Nodup)
    {w w' : Spec.ImageWord} (hw : w ∈ image) (hw' : w' ∈ image)
    (hs : w'.space.toNat = w.space.toNat) (ha : w'.wa.toNat = w.wa.toNat) : w' = w :=
  ListFacts.eq_of_mem_of_nodup_map hk hw' hw
    (by simp only [UInt32.toNat_inj.mp hs, UInt32.toNat_inj.mp ha])

/-- An image word's value is `imageVal` at its space and address. -/
theorem imageVal_of_mem {image : List Spec.ImageWord}
    (hk : (image.map fun w => (w.space, w.wa)).Nodup) {w : Spec.ImageWord} (hw : w ∈ image) :
    imageVal image w.space.toNat w.wa.toNat = w.value := by
  unfold imageVal
  rw [find?_unique hw (by simp) fun w' hw' hp => by
    simp only [decide_eq_true_eq] at hp
    exact key_eq hk hw hw' hp.1 hp.2]

/-- A RAM or ROM image word's value is `memWord` at its address, when no RAM and ROM word share
an address. -/
theorem memWord_of_mem {image : List Spec.ImageWord} {pb : Nat → BabyBear}
    (hk : (image.map fun w => (w.space, w.wa)).Nodup) (hOne : OneCellPerWord image pb)
    {w : Spec.ImageWord} (hw : w ∈ image) (hs : w.space.toNat = 1 ∨ w.space.toNat = 2) :
    memWord image w.wa.toNat = w.value := by
  unfold memWord
  rw [find?_unique hw (by simp [hs]) fun w' hw' hp => by
    simp only [decide_eq_true_eq] at hp
    obtain ⟨hs', ha⟩ := hp
    refine key_eq hk hw hw' ?_ ha
    rcases hs with h | h <;> rcases hs' with h' | h'
    · omega
    · exact absurd ha.symm (hOne.img w hw w' hw' h h')
    · exact absurd ha (hOne.img w' hw' w hw h' h)
    · omega]

/-- No RAM or ROM image word at the address: `memWord` is 0. -/
theorem memWord_none {image : List Spec.ImageWord} {a : Nat}
    (h : ∀ w ∈ image, (w.space.toNat = 1 ∨ w.space.toNat = 2) → w.wa.toNat ≠ a) :
    memWord image a = 0 := by
  unfold memWord
  rw [List.find?_eq_none.mpr fun w hw hp => by
    simp only [decide_eq_true_eq] at hp
    exact h w hw hp.1 hp.2]

/-- The register x0's value in the image is 0. -/
theorem imageVal_reg0 {image : List Spec.ImageWord}
    (h : ∀ w ∈ image, w.space.toNat = 0 → w.wa.toNat = 0 → w.value = 0) :
    imageVal image 0 0 = 0 := by
  unfold imageVal
  cases e : image.find? (fun w => decide (w.space.toNat = 0 ∧ w.wa.toNat = 0)) with
  | none => rfl
  | some w =>
    have hp := List.find?_some e
    simp only [decide_eq_true_eq] at hp
    exact h w (List.mem_of_find?_eq_some e) hp.1 hp.2

/-- The code words fetch at their pcs, with one word per pc. -/
theorem codeAt_of_mem {code : List (UInt32 × UInt32)} (h : CodeFun code) {p : UInt32 × UInt32} (hp : p ∈ code) :
    codeAt code p.1.toBitVec = some p.2.toBitVec := by
  unfold codeAt
  cases e : code.find? (fun q => decide (q.1.toBitVec = p.1.toBitVec)) with
  | none =>
    have := List.find?_eq_none.mp e p hp
    simp at this
  | some q =>
    have hq := List.find?_some e
    simp only [decide_eq_true_eq] at hq
    have e1 : q.1 = p.1 := UInt32.toBitVec_inj.mp hq
    simp only [Option.map_some, h q (List.mem_of_find?_eq_some e) p hp e1]

/-! ## Limbs and words -/

theorem limbsOf_lo (v : UInt32) : (limbsOf v).1.val = v.toNat % 2 ^ 16 := by
  have hlt := img_limb_lo_lt v
  simp only [limbsOf]
  rw [Step.val_felt (by omega), UInt32.toNat_and]
  have e : (65535 : UInt32).toNat = 2 ^ 16 - 1 := by decide
  rw [e, Nat.and_two_pow_sub_one_eq_mod]

theorem limbsOf_hi (v : UInt32) : (limbsOf v).2.val = v.toNat / 2 ^ 16 := by
  have hlt := img_limb_hi_lt v
  simp only [limbsOf]
  rw [Step.val_felt (by omega), UInt32.toNat_shiftRight, Nat.shiftRight_eq_div_pow]
  have e : (16 : UInt32).toNat % 32 = 16 := by decide
  rw [e]

theorem limbsOf_zero : limbsOf 0 = (0, 0) := by decide

/-- **The key's byte memory holds its memory words**: the word at word address `wa` (below 2^30)
is `memWord`'s. -/
theorem wordAt_keyState (entry : UInt32) (image : List Spec.ImageWord)
    (code : List (UInt32 × UInt32)) (L : Layout) (input priv : List Byte) {wa : Nat}
    (hwa : wa < 2 ^ 30) :
    wordAt (keyState entry image code L input priv) wa = (memWord image wa).toBitVec := by
  apply BitVec.eq_of_toNat_eq
  rw [ByteMemory.toNat_wordAt]
  have hadd : ∀ j < 4, (BitVec.ofNat 32 (4 * wa) + BitVec.ofNat 32 j).toNat = 4 * wa + j := by
    intro j hj
    simp only [BitVec.toNat_add, BitVec.toNat_ofNat]
    omega
  have hb : ∀ j < 4, ByteMemory.byteAt (keyState entry image code L input priv)
      (BitVec.ofNat 32 (4 * wa)) j = (memWord image wa).toNat / 2 ^ (8 * j) % 2 ^ 8 := by
    intro j hj
    simp only [ByteMemory.byteAt, keyState, keyByte, hadd j hj, BitVec.toNat_ofNat]
    rw [show (4 * wa + j) / 4 = wa by omega, show (4 * wa + j) % 4 = j by omega]
  rw [hb 0 (by decide), hb 1 (by decide), hb 2 (by decide), hb 3 (by decide)]
  have := (memWord image wa).toNat_lt
  show _ = (memWord image wa).toNat
  simp only [Nat.mul_zero, Nat.pow_zero, Nat.div_one, Nat.mul_one]
  omega

/-! ## Memory at time 1 -/

/-- **No access of the witness is at time 0**: the CPU's ports are at 4 clk + 1, 2, 3, every
other table's accesses at 4 clk + 4. -/
theorem witnessAccs_ts_pos {cpu mem sys io : List (Row BabyBear)} {a : Access Cell Val}
    (h : a ∈ witnessAccs cpu mem sys io) : a.ts ≠ 0 := by
  rcases mem_witnessAccs h with ⟨r, -, ha⟩ | ⟨rm, -, ha⟩ | ⟨rs, -, ha⟩ | ⟨ri, -, ha⟩
  · rcases mem_cpuAccesses ha with ⟨-, rfl | rfl⟩ | ⟨-, rfl⟩ <;>
      simp only [rs1Access, rs2Access, rdAccess] <;> omega
  · unfold memAccesses at ha; split at ha
    · rw [List.mem_singleton] at ha; subst ha; simp only [memAccess]; omega
    · cases ha
  · unfold syscallAccesses at ha
    simp only [List.mem_append] at ha
    rcases ha with (ha | ha) | ha <;> split at ha <;>
      simp only [List.mem_cons, List.not_mem_nil, or_false] at ha
    all_goals first
      | (rcases ha with rfl | rfl <;> simp only [bufAccess, lenAccess] <;> omega)
      | (subst ha; simp only [curAccess, outAccess]; omega)
      | cases ha
  · unfold ioAccesses at ha; split at ha
    · simp only [List.mem_singleton] at ha; subst ha; simp only [ioAccess]; omega
    · cases ha

/-- **Memory at row 0's time 1 is the initial memory**: no access happens at time 0. -/
theorem memAt_one {accs : List (Access Cell Val)} (h : ∀ a ∈ accs, a.ts ≠ 0) (init : Cell → Val) :
    memAt accs init (4 * 0 + 1) = init :=
  funext fun _ => memAt_succ_of_none (init := init) fun a ha _ => h a ha

/-! ## The key's initial values agree with the boundary rows -/

variable {T : Tables} {tb : Trace BabyBear} {pb : Nat → BabyBear}

theorem felt_of_toNat {x : UInt32} {k : Nat} (h : x.toNat = k) : felt x = ((k : Nat) : BabyBear) := by
  simp only [felt, h]

/-- **`keyInit` is every boundary row's initial value**: an image row's is its image word's
(`bnd_origin`), and the word is the one `keyInit` looks up (one word per (space, address), no RAM
and ROM word at one address); a zero row's is 0, and no RAM or ROM image word is in a zero
interval; an I/O cursor's is 0. -/
theorem keyInit_bnd {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hs : Boundary.Sat tb pb) (hT : T.bnd = (List.range tb.height).map tb.row)
    (hL : BndLooks T prows image) (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb)
    (hK : ImageFacts image pb) (consumed outLen : BabyBear) (ts : Nat) (re : Row BabyBear) :
    ∀ b ∈ witnessBnd T consumed outLen ts re, keyInit image b.cell = b.init := by
  intro b hb
  rcases mem_witnessBnd hT hb with ⟨i, hi, h1, rfl⟩ | ⟨e3, einit⟩
  · show keyInit image (tb.row i Boundary.Col.space, tb.row i Boundary.Col.addr) =
      (tb.row i Boundary.Col.initLo, tb.row i Boundary.Col.initHi)
    rcases bnd_origin hs hT hL hIB hi h1 with ⟨w, hw, es, ea, el, eh⟩ | ⟨es, el, eh, j, hj, hlo, hhi⟩
    · rw [es, ea, el, eh]
      have hav : (felt w.wa).val = w.wa.toNat := val_felt_small (by have := hIB.wa w hw; omega)
      have hsp := hIB.space w hw
      have e : w.space.toNat = 0 ∨ w.space.toNat = 1 ∨ w.space.toNat = 2 := by omega
      rcases e with e | e | e
      · rw [felt_of_toNat e]
        have h00 : ((0 : Nat) : BabyBear) = 0 := by decide
        have hv := imageVal_of_mem hK.keys hw
        rw [e] at hv
        simp only [keyInit, h00, if_true]
        rw [hav, hv]
        rfl
      · rw [felt_of_toNat e]
        have h10 : ((1 : Nat) : BabyBear) ≠ 0 := by decide
        have h11 : ((1 : Nat) : BabyBear) = 1 := by decide
        simp only [keyInit, h11, true_or, if_true]
        rw [hav, memWord_of_mem hK.keys hOne hw (Or.inl e)]
        rfl
      · rw [felt_of_toNat e]
        have h20 : ((2 : Nat) : BabyBear) ≠ 0 := by decide
        have h21 : ((2 : Nat) : BabyBear) = 2 := by decide
        simp only [keyInit, h21, or_true, if_true]
        rw [hav, memWord_of_mem hK.keys hOne hw (Or.inr e)]
        rfl
    · rw [es, el, eh]
      have h10 : (1 : BabyBear) ≠ 0 := by decide
      simp only [keyInit, h10, if_false, true_or, if_true]
      rw [memWord_none fun w hw hsw hwa => ?_, limbsOf_zero]
      rcases hsw with h | h
      · exact hK.ram w hw h j hj ⟨by omega, by omega⟩
      · exact hOne.zero w hw h j hj ⟨by omega, by omega⟩
  · rw [einit]
    unfold keyInit
    rw [e3, if_neg (by decide), if_neg (by decide)]

/-! ## The four invariants at row 0 -/

section Row0

variable {entry : UInt32} {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
  {L : Layout} {input priv : List Byte} {accs : List (Access Cell Val)}

/-- The key's registers in its initial values. -/
theorem regsIn_keyState (hK : ImageFacts image pb) :
    RegsIn (keyInit image) (keyState entry image code L input priv) := by
  intro x
  have hx := x.isLt
  have hv : (felt (Spec.reg x)).val = x.toNat := by
    rw [Step.val_felt (by rw [reg_toNat]; omega), reg_toNat]
  have hreg : (keyState entry image code L input priv).reg x = (imageVal image 0 x.toNat).toBitVec := by
    unfold State.reg
    split
    · rename_i h0
      subst h0
      rw [show (0 : Reg).toNat = 0 from rfl, imageVal_reg0 hK.reg0]
      rfl
    · simp only [keyState, List.getD_eq_getElem?_getD, List.getElem?_map, List.getElem?_range hx,
        Option.map_some, Option.getD_some]
  simp only [regCell, keyInit, if_true, hv, hreg, Word.lo, Word.hi]
  exact ⟨limbsOf_lo _, limbsOf_hi _⟩

/-- The key's byte memory in its initial values, at every word cell of a boundary row (word
addresses below 2^30). -/
theorem memIn_keyState {bnd : List (Boundary Cell Val)}
    (h30 : ∀ b ∈ bnd, IsWordCell b.cell → b.cell.2.val < 2 ^ 30) :
    MemIn (keyInit image) bnd (keyState entry image code L input priv) := by
  intro b hb hw
  rw [wordAt_keyState entry image code L input priv (h30 b hb hw)]
  have h0 : b.cell.1 ≠ 0 := wordCell_ne hw
  have h12 : b.cell.1 = 1 ∨ b.cell.1 = 2 := hw
  simp only [keyInit, h0, h12, if_false, if_true, Word.lo, Word.hi]
  exact ⟨limbsOf_lo _, limbsOf_hi _⟩

/-- **Row 0's invariant for the key's state**: the first CPU row's pc is the entry, and memory at
time 1 (the key's initial values: no access at time 0) holds the key's registers and words. -/
theorem inv_keyState {wins : Nat → Window BabyBear} {bnd : List (Boundary Cell Val)}
    (hK : ImageFacts image pb) (hcf : CodeFun code) (hpc : ((wins 0).cur pc).val = entry.toNat)
    (hts : ∀ a ∈ accs, a.ts ≠ 0)
    (h30 : ∀ b ∈ bnd, IsWordCell b.cell → b.cell.2.val < 2 ^ 30) :
    Inv wins accs (keyInit image) bnd code L 0 (keyState entry image code L input priv) where
  pc := hpc
  live := rfl
  len := by simp [keyState]
  fetch := fun p hp => codeAt_of_mem hcf hp
  layout := rfl
  regs := by rw [memAt_one hts]; exact regsIn_keyState hK
  mem := by rw [memAt_one hts]; exact memIn_keyState h30

theorem cursor_keyInit (j : BabyBear) : keyInit image (3, j) = (((0 : Nat) : BabyBear), 0) := by
  have h30 : ¬ ((3 : BabyBear) = 0) := by decide
  have h3 : ¬ ((3 : BabyBear) = 1 ∨ (3 : BabyBear) = 2) := by decide
  simp only [keyInit, h30, h3, if_false]
  rfl

/-- **Row 0's output invariant for the key's state**: the output cursor starts at 0, no output. -/
theorem outInv_keyState (hts : ∀ a ∈ accs, a.ts ≠ 0)
    (out : List BabyBear) :
    OutInv accs (keyInit image) out 0 (keyState entry image code L input priv) where
  cursor := by rw [memAt_one hts]; exact cursor_keyInit 1
  outPrefix := fun i hi => absurd hi (Nat.not_lt_zero _)
  len_le := Nat.zero_le _

/-- **Row 0's input invariant for the key's state**: the input cursor starts at 0. -/
theorem inInv_keyState (hts : ∀ a ∈ accs, a.ts ≠ 0) (consumed : Nat) :
    InInv accs (keyInit image) input consumed 0 (keyState entry image code L input priv) where
  cursor := by rw [memAt_one hts]; exact cursor_keyInit 0
  pos := Nat.zero_le _
  input := rfl

/-- **Row 0's private-input invariant for the key's state**: the private cursor starts at 0. -/
theorem privInv_keyState (hts : ∀ a ∈ accs, a.ts ≠ 0) (pcons : Nat) :
    PrivInv accs (keyInit image) priv pcons 0 (keyState entry image code L input priv) where
  cursor := by rw [memAt_one hts]; exact cursor_keyInit 2
  pos := Nat.zero_le _
  input := rfl

end Row0

/-! ## The whole run from the key's state -/

/-- The first CPU row's pc is the entry, when the CPU's public value PC0 is it. -/
theorem pc0_entry {t : Trace BabyBear} {pub : Nat → BabyBear} (hs : t.Satisfies constraintFn pub)
    (h0 : 0 < t.height) {entry : UInt32} (hpc0 : pub Pv.pc0 = felt entry)
    (hentry : entry.toNat < 2 ^ 30) : ((t.window pub 0).cur pc).val = entry.toNat := by
  rw [window_cur, (first_row hs h0).2.1, hpc0, Step.val_felt (by omega)]

/-- **The whole run from the key's state** (`run_of_traces` from `keyState`): for one segment's
traces as in `run_of_traces`, whose CPU public value PC0 is the key's entry (below 2^30), and a
key whose program meets `ImageFacts` besides `ImageBounds`, `OneCellPerWord` and `ImageAllowed L`,
the semantics' run of `N` steps from the state the key describes — pc at the entry, the image's
registers and words, fetch from `code`, layout `L`, the statement's input and the PRIVATE trace's
private input — halts with the exit code of `pv`, after `pv`'s cycle count of steps, with exactly
the claimed output, having consumed the claimed input bytes and read the private input up to its
end row. The memory's initial values are the key's (`keyInit`), which agree with every boundary
row (`keyInit_bnd`). -/
theorem run_of_traces_init {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {fx : List (Zkvm.Air.V2.Cpu.Fraction BabyBear)}
    (hB : Exec.Bus T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) fx)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord} {code : List (UInt32 × UInt32)}
    (hfxr : ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    {t : Trace BabyBear} {pub : Nat → BabyBear} (hs : t.Satisfies constraintFn pub)
    (hclk0 : pub Pv.clk0 = 0) (hf : pub Pv.final = 1) {N : Nat} (hNh : N ≤ t.height)
    (hN0 : 0 < N) (hN27 : N ≤ 2 ^ 27) (hreal : ∀ n < N, t.row n isReal = 1)
    (hpad : N = t.height ∨ t.row N isReal = 0) (hcT : T.cpu = (List.range t.height).map t.row)
    {entry : UInt32} (hpc0 : pub Pv.pc0 = felt entry) (hentry : entry.toNat < 2 ^ 30)
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : T.bnd = (List.range tb.height).map tb.row)
    (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb) {L : Layout}
    (hA : ImageAllowed L image pb) (hK : ImageFacts image pb)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : T.priv = (List.range tp.height).map tp.row)
    {n : Nat} (hn : n < tp.height) (hendn : tp.row n Private.Col.endRow = 1)
    (hn24 : n + 2 ^ 24 ≤ 2 ^ 30) (hend : endRows T = [tp.row n])
    (hcode : ∀ p ∈ code, p.1.toNat < 2 ^ 30) (hcode4 : ∀ p ∈ code, p.1.toNat % 4 = 0)
    (hcf : CodeFun code)
    (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((input.length : Nat) : BabyBear))
    (hcons : (pv.getD pvInputConsumed 0).val ≤ input.length) (hinlen : input.length < 2 ^ 30)
    (hout6 : (pv.getD pvOutputLen 0).val = output.length)
    (houtlen : output.length ≤ maxOutputLen) :
    ∃ s, run N (keyState entry image code L (input.map UInt8.toBitVec) (privOf tp n)) = .ok s ∧
      s.exitCode = some (WordLimbs.ofFelts (pv.getD pvExitLo 0) (pv.getD pvExitHi 0)) ∧
      pv.getD pvCycles 0 = ((N : Nat) : BabyBear) ∧ s.output = output.map UInt8.toBitVec ∧
      s.inputPos = (pv.getD pvInputConsumed 0).val ∧ s.privatePos = n := by
  have hL := bndLooks_of_bus hB hbs hbT (stmt_no_img pv input output) hfxr
  have h30 := (witnessBnd_of_bus hB hbs hbT (stmt_no_img pv input output) hfxr hIB hOne hA
    (pv.getD pvInputConsumed 0) (pv.getD pvOutputLen 0) (4 * pv.getD pvCycles 0).val
    (tp.row n)).2.2.2.1
  have hts : ∀ a ∈ witnessAccs ((List.range N).map fun m => (t.window pub m).cur) T.mem T.sys
      T.io, a.ts ≠ 0 := fun a ha => witnessAccs_ts_pos ha
  exact run_of_witness hB hfxr hprows
    (fun r hr => (cpu_bits_of_trace hs hcT r hr).2.2) hrange
    (runRows_of_trace hs hclk0 hf hNh hN0 (by omega) hreal hpad hcT)
    (cpuAcc_of_trace hs hNh (fun i hi hih => by
      rcases hpad with h | h
      · omega
      · exact padding_of_le hs hi hih h) hcT)
    hN27 hbs hbT hIB hOne hA hps hpf hpT hn hendn hn24 hend hcode hcode4
    (haltOnly_of_trace hs hf hNh hreal hpad hcT) hpub hcons hinlen hout6 houtlen
    (keyInit_bnd hbs hbT hL hIB hOne hK _ _ _ _)
    (inv_keyState hK hcf (pc0_entry hs (by omega) hpc0 hentry) hts h30)
    (outInv_keyState hts _) (inInv_keyState hts _) (privInv_keyState hts _)

/-! ## The code words the ROM image words are -/

/-- The ROM image words as code words: (4 wa, value) for every image word of space 2. -/
def romCode (image : List Spec.ImageWord) : List (UInt32 × UInt32) :=
  (image.filter fun w => decide (w.space.toNat = 2)).map fun w => (4 * w.wa, w.value)

theorem mem_romCode {image : List Spec.ImageWord} {p : UInt32 × UInt32} (h : p ∈ romCode image) :
    ∃ w ∈ image, w.space.toNat = 2 ∧ p = (4 * w.wa, w.value) := by
  obtain ⟨w, hw, rfl⟩ := List.mem_map.mp h
  simp only [List.mem_filter, decide_eq_true_eq] at hw
  exact ⟨w, hw.1, hw.2, rfl⟩

theorem toNat_four_mul {x : UInt32} (h : x.toNat < 2 ^ 28) : (4 * x).toNat = 4 * x.toNat := by
  rw [UInt32.toNat_mul]
  have e : (4 : UInt32).toNat = 4 := rfl
  rw [e]
  omega

/-- **The ROM code words' facts**: their pcs are 4-aligned and below 2^30 (word addresses below
2^28, `ImageBounds`), one word per pc (one image word per (space, address), `ImageFacts`). -/
theorem romCode_facts {image : List Spec.ImageWord} (hIB : ImageBounds image pb)
    (hK : ImageFacts image pb) :
    (∀ p ∈ romCode image, p.1.toNat < 2 ^ 30) ∧ (∀ p ∈ romCode image, p.1.toNat % 4 = 0) ∧
      CodeFun (romCode image) := by
  refine ⟨fun p hp => ?_, fun p hp => ?_, fun p hp q hq e => ?_⟩
  · obtain ⟨w, hw, -, rfl⟩ := mem_romCode hp
    have := hIB.wa w hw
    rw [toNat_four_mul this]
    omega
  · obtain ⟨w, hw, -, rfl⟩ := mem_romCode hp
    rw [toNat_four_mul (hIB.wa w hw)]
    omega
  · obtain ⟨w, hw, hs, rfl⟩ := mem_romCode hp
    obtain ⟨w', hw', hs', rfl⟩ := mem_romCode hq
    have e' := congrArg UInt32.toNat e
    simp only [toNat_four_mul (hIB.wa w hw), toNat_four_mul (hIB.wa w' hw')] at e'
    rw [key_eq hK.keys hw hw' (by rw [hs, hs']) (by omega)]

/-- **The whole run from the key's state, its code the ROM image words**: `run_of_traces_init`
with the code words `romCode image`, whose pcs' facts come from the image
(`romCode_facts`); the program rows are decodings of ROM words (what `load_program` builds:
one row per ROM word that decodes, at pc 4 wa). -/
theorem run_of_traces_rom {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {fx : List (Zkvm.Air.V2.Cpu.Fraction BabyBear)}
    (hB : Exec.Bus T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) fx)
    {prows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    (hfxr : ∀ f ∈ fx, f.fields ∈ Exec.fixedFelts prows image)
    (hprows : ∀ r ∈ prows, ∃ p ∈ romCode image, Spec.decodeRow p.1 p.2 = some r)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    {t : Trace BabyBear} {pub : Nat → BabyBear} (hs : t.Satisfies constraintFn pub)
    (hclk0 : pub Pv.clk0 = 0) (hf : pub Pv.final = 1) {N : Nat} (hNh : N ≤ t.height)
    (hN0 : 0 < N) (hN27 : N ≤ 2 ^ 27) (hreal : ∀ n < N, t.row n isReal = 1)
    (hpad : N = t.height ∨ t.row N isReal = 0) (hcT : T.cpu = (List.range t.height).map t.row)
    {entry : UInt32} (hpc0 : pub Pv.pc0 = felt entry) (hentry : entry.toNat < 2 ^ 30)
    {tb : Trace BabyBear} {pb : Nat → BabyBear} (hbs : Boundary.Sat tb pb)
    (hbT : T.bnd = (List.range tb.height).map tb.row)
    (hIB : ImageBounds image pb) (hOne : OneCellPerWord image pb) {L : Layout}
    (hA : ImageAllowed L image pb) (hK : ImageFacts image pb)
    {tp : Trace BabyBear} {pp : Nat → BabyBear} (hps : Private.Sat tp pp)
    (hpf : pp Private.pvFinal = 1) (hpT : T.priv = (List.range tp.height).map tp.row)
    {n : Nat} (hn : n < tp.height) (hendn : tp.row n Private.Col.endRow = 1)
    (hn24 : n + 2 ^ 24 ≤ 2 ^ 30) (hend : endRows T = [tp.row n])
    (hpub : ∀ rs ∈ T.sys, ∃ pub : Row BabyBear, Syscall.Groups rs pub ∧
      pub Syscall.pvInputLen = ((input.length : Nat) : BabyBear))
    (hcons : (pv.getD pvInputConsumed 0).val ≤ input.length) (hinlen : input.length < 2 ^ 30)
    (hout6 : (pv.getD pvOutputLen 0).val = output.length)
    (houtlen : output.length ≤ maxOutputLen) :
    ∃ s, run N (keyState entry image (romCode image) L (input.map UInt8.toBitVec)
        (privOf tp n)) = .ok s ∧
      s.exitCode = some (WordLimbs.ofFelts (pv.getD pvExitLo 0) (pv.getD pvExitHi 0)) ∧
      pv.getD pvCycles 0 = ((N : Nat) : BabyBear) ∧ s.output = output.map UInt8.toBitVec ∧
      s.inputPos = (pv.getD pvInputConsumed 0).val ∧ s.privatePos = n :=
  have hrc := romCode_facts hIB hK
  run_of_traces_init hB hfxr hprows hrange hs hclk0 hf hNh hN0 hN27 hreal hpad hcT hpc0 hentry
    hbs hbT hIB hOne hA hK hps hpf hpT hn hendn hn24 hend hrc.1 hrc.2.1 hrc.2.2 hpub hcons hinlen
    hout6 houtlen

/-! ## The key's state and the executor's loaded state -/

/-- **The image's registers are the loader's**: for each register index i < 32 an image word
of space 0, with value `INITIAL_SP` = 2^30 for x2 and 0 for the others (`load_program`'s first
32 image words). -/
def RegImage (image : List Spec.ImageWord) : Prop :=
  ∀ i < 32, ∃ w ∈ image, w.space.toNat = 0 ∧ w.wa.toNat = i ∧
    w.value = if i = 2 then 0x4000_0000 else 0

/-- **The key's state is the executor's loaded state but for memory and fetch**: for a program
`p` entered at the key's entry, with the key's layout `p.layout`, and an image whose registers
are the loader's, `keyState` is `p.load input priv` with its byte memory and fetch table
replaced by the key's (the image's RAM and ROM words' bytes, the code words). -/
theorem keyState_load {image : List Spec.ImageWord} (hk : (image.map fun w => (w.space, w.wa)).Nodup)
    (hr : RegImage image) (p : RiscV.Program) {entry : UInt32} (he : entry.toBitVec = p.entry)
    (code : List (UInt32 × UInt32)) (input priv : List Byte) :
    keyState entry image code p.layout input priv =
      { p.load input priv with mem := fun a => keyByte image a.toNat, code := codeAt code } := by
  have hregs : ((List.range 32).map fun i => (imageVal image 0 i).toBitVec) =
      (List.range 32).map fun i => if i = 2 then BitVec.ofNat 32 stackTop else 0 := by
    apply List.map_congr_left
    intro i hi
    obtain ⟨w, hw, hs, ha, hv⟩ := hr i (List.mem_range.mp hi)
    have e := imageVal_of_mem hk hw
    rw [hs, ha, hv] at e
    rw [e]
    by_cases h2 : i = 2
    · simp only [h2, if_true]; rfl
    · simp only [h2, if_false]; rfl
  simp only [keyState, RiscV.Program.load, he, hregs]

end Zkvm.Air.V2.Run

end
