module

public import Zkvm.Refinement.VerifyReceiptElf

/-!
# What `check_program_image` establishes

`verifying_key` (rust/verifier/src/receipt/mod.rs) ends with `check_program_image`, which checks
the facts about a key's image that the soundness proof of the whole run takes of the program
(`Zkvm.Air.V2.Run.run_of_traces_rom`, with the bridge in Air/V2/RunKey.lean):

* `check_program_image_core`: by index, what each of its five loops establishes (`ImageChecked`):
  the 32 registers first (x2 = `INITIAL_SP`, the others 0), each word before the next in the
  order (space, word address), no word past the registers in a zero interval, and no word in
  `[32, rom)` at the address of a word in `[rom, n)`, `rom` the first ROM word past the
  registers;
* `check_program_image_ok`: for a program `check_program_shape` accepted (`ProgramShape`), the
  image meets `KeyImage`: the registers, strictly sorted by (space, word address) (a
  `List.Pairwise`, by transitivity from the consecutive check), no RAM or ROM word in a zero
  interval, and no RAM word at a ROM word's address;
* `verifying_key_image`: every key `verifying_key` returns is the machine of a program meeting
  `ProgramShape` and `KeyImage`.

The check's last loop moves one pointer through the ROM words while it walks the words in
`[32, rom)`, which is sound when their addresses increase, i.e. when they are all RAM words: a
register word past x31 would break it (the 32 registers followed by (0, 100), (1, 5), (2, 5)
would pass, with a RAM and a ROM word at address 5). `check_program_shape` refuses a register
word whose address is 32 or more, and with the order that rules out any register word past x31
(`noExtraRegs_of`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.receipt

open Zkvm.Extraction Zkvm.Extracted
open Zkvm.Refinement.protocol.stark (lt_len_succ succ_ok)

/-! ## Reading the image by index -/

/-- The space of image word `k` (0 past the end). -/
def spAt (p : receipt.program.Program) (k : Nat) : Nat :=
  (p.image[k]?.map fun w => w.space.toNat).getD 0

/-- The word address of image word `k` (0 past the end). -/
def waAt (p : receipt.program.Program) (k : Nat) : Nat :=
  (p.image[k]?.map fun w => w.wa.toNat).getD 0

theorem spAt_eq {p : receipt.program.Program} {k : Nat} (hk : k < p.image.length) :
    spAt p k = p.image[k].space.toNat := by
  simp [spAt, List.getElem?_eq_getElem hk]

theorem waAt_eq {p : receipt.program.Program} {k : Nat} (hk : k < p.image.length) :
    waAt p k = p.image[k].wa.toNat := by
  simp [waAt, List.getElem?_eq_getElem hk]

/-- Register `i`'s image word: space 0, word address `i`, value `INITIAL_SP` = 2^30 for x2 and 0
for the others. -/
def RegWord (p : receipt.program.Program) (i : Nat) : Prop :=
  ∃ w, p.image[i]? = some w ∧ w.space.toNat = 0 ∧ w.wa.toNat = i ∧
    w.value = if i = 2 then 0x4000_0000 else 0

/-- Image word `a` comes strictly before image word `b` in the order (space, word address). -/
def LexLt (p : receipt.program.Program) (a b : Nat) : Prop :=
  spAt p a < spAt p b ∨ (spAt p a = spAt p b ∧ waAt p a < waAt p b)

theorem LexLt.trans {p : receipt.program.Program} {a b c : Nat} (h1 : LexLt p a b)
    (h2 : LexLt p b c) : LexLt p a c := by
  unfold LexLt at *; omega

theorem regWord_of (p : receipt.program.Program) (r : Usize) (hik : r.toNat < p.image.length)
    (hs : p.image[r.toNat].space = receipt.program.SPACE_REG)
    (hw : p.image[r.toNat].wa.toUInt64 = r)
    (hv : p.image[r.toNat].value = if r = 2 then receipt.program.INITIAL_SP else 0) :
    RegWord p r.toNat := by
  refine ⟨p.image[r.toNat], List.getElem?_eq_getElem hik, ?_, ?_, ?_⟩
  · rw [hs]; rfl
  · have := congrArg UInt64.toNat hw
    simp only [UInt32.toNat_toUInt64] at this
    exact this
  · rw [hv]
    by_cases h2 : r = 2
    · subst h2; decide
    · have : r.toNat ≠ 2 := fun h' => h2 (UInt64.toNat_inj.mp (by rw [h']; rfl))
      rw [if_neg h2, if_neg this]

theorem lexLt_of (p : receipt.program.Program) {a b : Nat} (ha : a < p.image.length)
    (hb : b < p.image.length)
    (h : p.image[a].space < p.image[b].space ∨
      (p.image[a].space = p.image[b].space ∧ p.image[a].wa < p.image[b].wa)) : LexLt p a b := by
  unfold LexLt
  rw [spAt_eq ha, spAt_eq hb, waAt_eq ha, waAt_eq hb]
  rcases h with h | ⟨h1, h2⟩
  · exact Or.inl (UInt32.lt_iff_toNat_lt.mp h)
  · exact Or.inr ⟨congrArg UInt32.toNat h1, UInt32.lt_iff_toNat_lt.mp h2⟩

/-- No image word in a zero interval, by index. -/
def NoZeroAt (p : receipt.program.Program) (k : Nat) : Prop :=
  ∀ z ∈ p.zero_intervals, ¬ (z.lo.toNat ≤ waAt p k ∧ waAt p k < z.hi.toNat)

/-- **What `check_program_image` establishes, by index**, one field per loop: the registers,
consecutive words in order, no word past the registers in a zero interval, and — for images
with spaces at most 2 and no register word past x31 — no word in space 1 at the address of a
word in space 2 (the last two loops). -/
structure ImageChecked (p : receipt.program.Program) : Prop where
  regs : ∀ i < 32, RegWord p i
  len : 32 ≤ p.image.length
  step : ∀ k, 1 ≤ k → k < p.image.length → LexLt p (k - 1) k
  zero : ∀ k, 32 ≤ k → k < p.image.length → NoZeroAt p k
  ramRom : (∀ k, k < p.image.length → spAt p k ≤ 2) →
    (∀ k, 32 ≤ k → k < p.image.length → spAt p k ≠ 0) →
    ∀ a b, 32 ≤ a → a < p.image.length → b < p.image.length → spAt p a = 1 → spAt p b = 2 →
      waAt p a ≠ waAt p b

theorem spAt_of_regWord {p : receipt.program.Program} {i : Nat} (h : RegWord p i) :
    spAt p i = 0 := by
  obtain ⟨w, hw, hs, -, -⟩ := h
  simp [spAt, hw, hs]

/-- Consecutive order gives the order of every pair. -/
theorem lexLt_of_step {p : receipt.program.Program}
    (h : ∀ k, 1 ≤ k → k < p.image.length → LexLt p (k - 1) k) :
    ∀ b, b < p.image.length → ∀ a, a < b → LexLt p a b := by
  intro b
  induction b with
  | zero => intro _ a ha; exact absurd ha (Nat.not_lt_zero _)
  | succ b ih =>
    intro hb a ha
    have hs := h (b + 1) (by omega) hb
    simp only [Nat.add_sub_cancel] at hs
    rcases Nat.lt_succ_iff_lt_or_eq.mp ha with ha | rfl
    · exact (ih (by omega) a ha).trans hs
    · exact hs

/-- **`check_program_image`'s loops**, for lists shorter than `2^64`. The last loop's invariant:
the ROM words before the pointer `m` have smaller addresses than every RAM word from the
current one `i` on, and no RAM word before `i` has a ROM word's address; the inner loop moves
`m` past the ROM words below `i`'s address, and the next ROM word's address is then at least
`i`'s, different from it, and below every later ROM word's (both runs are sorted by address). -/
theorem check_program_image_core (p : receipt.program.Program)
    (hi : p.image.length < 2 ^ 64) (hz : p.zero_intervals.length < 2 ^ 64)
    (h : receipt.check_program_image p = .ok (.ok ())) : ImageChecked p := by
  unfold receipt.check_program_image at h
  simp only at h
  split at h
  · cases h
  rename_i hn
  have hn32 : 32 ≤ p.image.length := by
    have := Slice.len_toNat _ hi
    have h' : ¬ (Slice.len p.image).toNat < 32 := fun h' => hn (UInt64.lt_iff_toNat_lt.mpr h')
    omega
  -- the registers
  replace h := Outcome.bind_eq_ok.mp h
  obtain ⟨r1, h1, h⟩ := h
  have q1 := Zkvm.Refinement.protocol.stark.loop_post h1
    (fun r : Usize => r.toNat ≤ 32 ∧ ∀ k < r.toNat, RegWord p k)
    (fun r : Exit Usize (Except error.VerifyError Unit) => match r with
      | .ret x => x ≠ .ok ()
      | .brk _ => ∀ k < 32, RegWord p k)
    (fun r hP x hx => by
      clear h h1
      try simp only at hx
      by_cases hc : r < UInt32.toUInt64 receipt.program.NUM_REGISTERS
      · have hr32 : r.toNat < 32 := UInt64.lt_iff_toNat_lt.mp hc
        have hik : r.toNat < p.image.length := by omega
        obtain ⟨hadd, e⟩ := succ_ok r 32 hr32 (by decide)
        rw [if_pos hc] at hx
        simp only [Slice.index_eq _ _ hik, ok_bind, pure_ok, hadd, ↓reduceIte] at hx
        repeat' split at hx
        all_goals (cases ok_inj.mp hx)
        all_goals try simp only [ne_eq, Decidable.not_not, decide_eq_true_eq] at *
        all_goals first
          | (intro e'; cases e'; done)
          | (refine ⟨by omega, fun k hk => ?_⟩
             rcases Nat.lt_succ_iff_lt_or_eq.mp (e ▸ hk) with hk | rfl
             · exact hP.2 k hk
             · apply regWord_of p r hik
               · assumption
               · assumption
               · by_cases h2 : r = 2
                 · rw [if_pos h2]
                   first | assumption | exact absurd h2 ‹¬ r = 2›
                 · rw [if_neg h2]
                   first | assumption | exact absurd ‹r = 2› h2)
      · rw [if_neg hc, pure_ok] at hx
        cases ok_inj.mp hx
        have h32 : ¬ r.toNat < 32 := fun h' => hc (UInt64.lt_iff_toNat_lt.mpr h')
        intro k hk
        exact hP.2 k (by omega))
    ⟨by decide, fun k hk => absurd hk (Nat.not_lt_zero _)⟩
  cases r1 with
  | ret x =>
    simp only [pure_ok] at h
    exact absurd (ok_inj.mp h) q1
  | brk i1 =>
  simp only at h q1
  clear h1
  -- sorted
  replace h := Outcome.bind_eq_ok.mp h
  obtain ⟨r2, h2, h⟩ := h
  have q2 := Zkvm.Refinement.protocol.stark.loop_post h2
    (fun j : Usize => 1 ≤ j.toNat ∧
      ∀ k, 1 ≤ k → k < j.toNat → k < p.image.length → LexLt p (k - 1) k)
    (fun r : Exit Usize (Except error.VerifyError Unit) => match r with
      | .ret x => x ≠ .ok ()
      | .brk _ => ∀ k, 1 ≤ k → k < p.image.length → LexLt p (k - 1) k)
    (fun j hP x hx => by
      clear h h2
      try simp only at hx
      by_cases hc : j < Slice.len p.image
      · obtain ⟨hjk, hadd, e⟩ := lt_len_succ p.image j hc
        have hj1 : (1 : Usize).toNat ≤ j.toNat := by simp; omega
        have es : (j - 1).toNat = j.toNat - 1 := by
          rw [UInt64.toNat_sub_of_le _ _ (UInt64.le_iff_toNat_le.mpr hj1)]; simp
        have hjk' : (j - 1).toNat < p.image.length := by omega
        rw [if_pos hc] at hx
        simp only [Usize.sub_eq j 1 hj1, Slice.index_eq _ _ hjk, Slice.index_eq _ _ hjk', ok_bind,
          pure_ok, hadd, ↓reduceIte, Bool.not_true, Bool.not_false, Bool.false_eq_true] at hx
        repeat' split at hx
        all_goals (cases ok_inj.mp hx)
        all_goals try simp only [Bool.not_eq_true', decide_eq_false_iff_not, Decidable.not_not,
          ] at *
        all_goals first
          | (intro e'; cases e'; done)
          | (refine ⟨by omega, fun k hk1 hk hkl => ?_⟩
             rcases Nat.lt_succ_iff_lt_or_eq.mp (e ▸ hk) with hk | rfl
             · exact hP.2 k hk1 hk hkl
             · rw [← es]
               apply lexLt_of p hjk' hjk
               first
                 | exact Or.inl (by assumption)
                 | exact Or.inr ⟨by assumption, by assumption⟩)
      · rw [if_neg hc, pure_ok] at hx
        cases ok_inj.mp hx
        have := idx_of_not_lt p.image hi j hc
        intro k hk1 hkl
        exact hP.2 k hk1 (by omega) hkl)
    ⟨by decide, fun k hk1 hk _ => by have e1 : (1 : Usize).toNat = 1 := rfl; omega⟩
  cases r2 with
  | ret x =>
    simp only [pure_ok] at h
    exact absurd (ok_inj.mp h) q2
  | brk i2 =>
  simp only at h q2
  clear h2
  -- no image word past the registers in a zero interval
  replace h := Outcome.bind_eq_ok.mp h
  obtain ⟨r3, h3, h⟩ := h
  have q3 := Zkvm.Refinement.protocol.stark.loop_post h3
    (fun k : Usize => 32 ≤ k.toNat ∧
      ∀ k', 32 ≤ k' → k' < k.toNat → k' < p.image.length → NoZeroAt p k')
    (fun r : Exit Usize (Except error.VerifyError Unit) => match r with
      | .ret x => x ≠ .ok ()
      | .brk _ => ∀ k', 32 ≤ k' → k' < p.image.length → NoZeroAt p k')
    (fun k hP x hx => by
      clear h h3
      try simp only at hx
      by_cases hc : k < Slice.len p.image
      · obtain ⟨hkk, hadd, e⟩ := lt_len_succ p.image k hc
        rw [if_pos hc] at hx
        replace hx := Outcome.bind_eq_ok.mp hx
        obtain ⟨t, ht, hx⟩ := hx
        have qz := Zkvm.Refinement.protocol.stark.loop_post ht
          (fun z : Usize => ∀ z' (hz' : z' < p.zero_intervals.length), z' < z.toNat →
            ¬ (p.zero_intervals[z'].lo.toNat ≤ p.image[k.toNat].wa.toNat ∧
              p.image[k.toNat].wa.toNat < p.zero_intervals[z'].hi.toNat))
          (fun r : Exit Usize (Except error.VerifyError Unit) => match r with
            | .ret x => x ≠ .ok ()
            | .brk _ => ∀ z' (hz' : z' < p.zero_intervals.length),
              ¬ (p.zero_intervals[z'].lo.toNat ≤ p.image[k.toNat].wa.toNat ∧
                p.image[k.toNat].wa.toNat < p.zero_intervals[z'].hi.toNat))
          (fun z hZ y hy => by
            clear ht
            try simp only at hy
            by_cases hzc : z < Slice.len p.zero_intervals
            · obtain ⟨hzk, haddz, ez⟩ := lt_len_succ p.zero_intervals z hzc
              rw [if_pos hzc] at hy
              simp only [Slice.index_eq _ _ hzk, Slice.index_eq _ _ hkk, ok_bind, pure_ok, haddz,
                ↓reduceIte, Bool.false_eq_true] at hy
              repeat' split at hy
              all_goals (cases ok_inj.mp hy)
              all_goals try simp only [decide_eq_true_eq] at *
              all_goals first
                | (intro e'; cases e'; done)
                | (intro z' hz' hzz
                   rcases Nat.lt_succ_iff_lt_or_eq.mp (ez ▸ hzz) with hzz | rfl
                   · exact hZ z' hz' hzz
                   · simp only [UInt32.le_iff_toNat_le, UInt32.lt_iff_toNat_lt] at *
                     omega)
            · rw [if_neg hzc, pure_ok] at hy
              cases ok_inj.mp hy
              have := idx_of_not_lt p.zero_intervals hz z hzc
              intro z' hz'
              exact hZ z' hz' (by omega))
          (fun z' _ h' => absurd h' (Nat.not_lt_zero _))
        cases t with
        | ret y =>
          simp only [pure_ok] at hx
          cases ok_inj.mp hx
          exact qz
        | brk z =>
          simp only [hadd, ok_bind, pure_ok] at hx
          cases ok_inj.mp hx
          refine ⟨by omega, fun k' h32 hk' hkl => ?_⟩
          rcases Nat.lt_succ_iff_lt_or_eq.mp (e ▸ hk') with hk' | rfl
          · exact hP.2 k' h32 hk' hkl
          · intro zz hzz
            obtain ⟨z', hz', rfl⟩ := List.getElem_of_mem hzz
            rw [waAt_eq hkk]
            exact qz z' hz'
      · rw [if_neg hc, pure_ok] at hx
        cases ok_inj.mp hx
        have := idx_of_not_lt p.image hi k hc
        intro k' h32 hkl
        exact hP.2 k' h32 (by omega) hkl)
    ⟨by decide, fun k' h32 hk' _ => by
      have e32 : (UInt32.toUInt64 receipt.program.NUM_REGISTERS).toNat = 32 := rfl
      omega⟩
  cases r3 with
  | ret x =>
    simp only [pure_ok] at h
    exact absurd (ok_inj.mp h) q3
  | brk i3 =>
  simp only at h q3
  clear h3
  -- the first ROM word
  replace h := Outcome.bind_eq_ok.mp h
  obtain ⟨rom, h4, h⟩ := h
  have q4 := Zkvm.Refinement.protocol.stark.loop_post h4
    (fun r : Usize => 32 ≤ r.toNat ∧ r.toNat ≤ p.image.length ∧
      ∀ k, 32 ≤ k → k < r.toNat → spAt p k ≠ 2)
    (fun r : Usize => (32 ≤ r.toNat ∧ r.toNat ≤ p.image.length ∧
      ∀ k, 32 ≤ k → k < r.toNat → spAt p k ≠ 2) ∧ (r.toNat < p.image.length → spAt p r.toNat = 2))
    (fun r hP x hx => by
      clear h h4
      try simp only at hx
      by_cases hc : r < Slice.len p.image
      · obtain ⟨hrk, hadd, e⟩ := lt_len_succ p.image r hc
        rw [if_pos hc] at hx
        simp only [Slice.index_eq _ _ hrk, ok_bind, pure_ok, hadd] at hx
        split at hx
        · cases ok_inj.mp hx
          rename_i hsp
          simp only [decide_eq_true_eq] at hsp
          refine ⟨by omega, by omega, fun k h32 hk => ?_⟩
          rcases Nat.lt_succ_iff_lt_or_eq.mp (e ▸ hk) with hk | rfl
          · exact hP.2.2 k h32 hk
          · rw [spAt_eq hrk]
            intro h2
            exact hsp (UInt32.toNat_inj.mp h2)
        · cases ok_inj.mp hx
          rename_i hsp
          simp only [decide_eq_true_eq, Decidable.not_not] at hsp
          refine ⟨hP, fun _ => ?_⟩
          rw [spAt_eq hrk, hsp]
          rfl
      · rw [if_neg hc] at hx
        simp only [ok_bind, pure_ok, Bool.false_eq_true, ↓reduceIte] at hx
        cases ok_inj.mp hx
        have := idx_of_not_lt p.image hi r hc
        exact ⟨hP, fun h' => absurd h' (by omega)⟩)
    ⟨by decide, by
      have e32 : (UInt32.toUInt64 receipt.program.NUM_REGISTERS).toNat = 32 := rfl
      omega, fun k h32 hk => by
      have e32 : (UInt32.toUInt64 receipt.program.NUM_REGISTERS).toNat = 32 := rfl
      omega⟩
  clear h4
  have sorted := lexLt_of_step q2
  refine ⟨q1, hn32, q2, q3, fun hsp hne => ?_⟩
  obtain ⟨⟨hr32, hrl, hnr⟩, hro⟩ := q4
  have e32 : (UInt32.toUInt64 receipt.program.NUM_REGISTERS).toNat = 32 := rfl
  have spRam : ∀ k, 32 ≤ k → k < rom.toNat → spAt p k = 1 := by
    intro k h1 h2
    have := hne k h1 (by omega)
    have := hnr k h1 h2
    have := hsp k (by omega)
    omega
  have spRom : ∀ k, rom.toNat ≤ k → k < p.image.length → spAt p k = 2 := by
    intro k h1 h2
    rcases Nat.lt_or_eq_of_le h1 with h1 | rfl
    · have := sorted k h2 rom.toNat h1
      have := hro (by omega)
      have := hsp k h2
      unfold LexLt at *
      omega
    · exact hro h2
  have ramInc : ∀ a b, 32 ≤ a → a < b → b < rom.toNat → waAt p a < waAt p b := by
    intro a b h1 h2 h3
    have := sorted b (by omega) a h2
    have := spRam a h1 (by omega)
    have := spRam b (by omega) h3
    unfold LexLt at *
    omega
  have romInc : ∀ a b, rom.toNat ≤ a → a < b → b < p.image.length → waAt p a < waAt p b := by
    intro a b h1 h2 h3
    have := sorted b h3 a h2
    have := spRom a h1 (by omega)
    have := spRom b (by omega) h3
    unfold LexLt at *
    omega
  -- no RAM word at a ROM word's address
  replace h := Outcome.bind_eq_ok.mp h
  obtain ⟨r5, h5, h⟩ := h
  have q5 := Zkvm.Refinement.protocol.stark.loop_post h5
    (fun s : Usize × Usize => 32 ≤ s.2.toNat ∧ s.2.toNat ≤ rom.toNat ∧ rom.toNat ≤ s.1.toNat ∧
      s.1.toNat ≤ p.image.length ∧
      (∀ a b, rom.toNat ≤ a → a < s.1.toNat → s.2.toNat ≤ b → b < rom.toNat →
        waAt p a < waAt p b) ∧
      (∀ b a, 32 ≤ b → b < s.2.toNat → rom.toNat ≤ a → a < p.image.length → waAt p b ≠ waAt p a))
    (fun r : Exit (Usize × Usize) (Except error.VerifyError Unit) => match r with
      | .ret x => x ≠ .ok ()
      | .brk _ => ∀ b a, 32 ≤ b → b < rom.toNat → rom.toNat ≤ a → a < p.image.length →
          waAt p b ≠ waAt p a)
    (fun s hP x hx => by
      clear h h5
      try simp only at hx
      by_cases hc : s.2 < rom
      · have hiN : s.2.toNat < rom.toNat := UInt64.lt_iff_toNat_lt.mp hc
        have hik : s.2.toNat < p.image.length := by omega
        obtain ⟨hadd, e⟩ := succ_ok s.2 p.image.length hik hi
        rw [if_pos hc] at hx
        replace hx := Outcome.bind_eq_ok.mp hx
        obtain ⟨m, hm, hx⟩ := hx
        have qm := Zkvm.Refinement.protocol.stark.loop_post hm
          (fun m : Usize => rom.toNat ≤ m.toNat ∧ m.toNat ≤ p.image.length ∧
            ∀ a b, rom.toNat ≤ a → a < m.toNat → s.2.toNat ≤ b → b < rom.toNat →
              waAt p a < waAt p b)
          (fun m : Usize => (rom.toNat ≤ m.toNat ∧ m.toNat ≤ p.image.length ∧
            ∀ a b, rom.toNat ≤ a → a < m.toNat → s.2.toNat ≤ b → b < rom.toNat →
              waAt p a < waAt p b) ∧
            (m.toNat < p.image.length → waAt p s.2.toNat ≤ waAt p m.toNat))
          (fun m hJ y hy => by
            clear hm
            try simp only at hy
            by_cases hmc : m < Slice.len p.image
            · obtain ⟨hmk, haddm, em⟩ := lt_len_succ p.image m hmc
              rw [if_pos hmc] at hy
              simp only [Slice.index_eq _ _ hmk, Slice.index_eq _ _ hik, ok_bind, pure_ok,
                haddm] at hy
              split at hy
              · cases ok_inj.mp hy
                rename_i hlt
                simp only [decide_eq_true_eq, UInt32.lt_iff_toNat_lt] at hlt
                have hlt' : waAt p m.toNat < waAt p s.2.toNat := by
                  rw [waAt_eq hmk, waAt_eq hik]; exact hlt
                refine ⟨by omega, by omega, fun a b ha1 ha2 hb1 hb2 => ?_⟩
                rcases Nat.lt_succ_iff_lt_or_eq.mp (em ▸ ha2) with ha2 | rfl
                · exact hJ.2.2 a b ha1 ha2 hb1 hb2
                · rcases Nat.lt_or_eq_of_le hb1 with hb1 | rfl
                  · have := ramInc s.2.toNat b (by omega) hb1 hb2
                    omega
                  · exact hlt'
              · cases ok_inj.mp hy
                rename_i hlt
                simp only [decide_eq_true_eq, UInt32.lt_iff_toNat_lt] at hlt
                refine ⟨hJ, fun _ => ?_⟩
                rw [waAt_eq hmk, waAt_eq hik]
                omega
            · rw [if_neg hmc] at hy
              simp only [ok_bind, pure_ok, Bool.false_eq_true, ↓reduceIte] at hy
              cases ok_inj.mp hy
              have := idx_of_not_lt p.image hi m hmc
              exact ⟨hJ, fun h' => absurd h' (by omega)⟩)
          ⟨hP.2.2.1, hP.2.2.2.1, hP.2.2.2.2.1⟩
        obtain ⟨⟨hm1, hm2, hm3⟩, hm4⟩ := qm
        have good : waAt p s.2.toNat < waAt p m.toNat ∨ p.image.length ≤ m.toNat →
            (32 ≤ (s.2 + 1).toNat ∧ (s.2 + 1).toNat ≤ rom.toNat ∧ rom.toNat ≤ m.toNat ∧
              m.toNat ≤ p.image.length ∧
              (∀ a b, rom.toNat ≤ a → a < m.toNat → (s.2 + 1).toNat ≤ b → b < rom.toNat →
                waAt p a < waAt p b) ∧
              (∀ b a, 32 ≤ b → b < (s.2 + 1).toNat → rom.toNat ≤ a → a < p.image.length →
                waAt p b ≠ waAt p a)) := by
          intro hgt
          rw [e]
          refine ⟨by omega, by omega, hm1, hm2,
            fun a b ha1 ha2 hb1 hb2 => hm3 a b ha1 ha2 (by omega) hb2,
            fun b a hb1 hb2 ha1 ha2 => ?_⟩
          rcases Nat.lt_succ_iff_lt_or_eq.mp hb2 with hb2 | rfl
          · exact hP.2.2.2.2.2 b a hb1 hb2 ha1 ha2
          · by_cases ham : a < m.toNat
            · have := hm3 a s.2.toNat ha1 ham (Nat.le_refl _) hiN
              omega
            · rcases hgt with hgt | hgt
              · rcases Nat.lt_or_eq_of_le (Nat.not_lt.mp ham) with ham | ham
                · have := romInc m.toNat a hm1 ham ha2
                  omega
                · rw [← ham]; omega
              · omega
        by_cases hml : m < Slice.len p.image
        · obtain ⟨hmk, -, -⟩ := lt_len_succ p.image m hml
          rw [if_pos hml] at hx
          simp only [Slice.index_eq _ _ hmk, Slice.index_eq _ _ hik, ok_bind, pure_ok,
            hadd] at hx
          split at hx
          · cases ok_inj.mp hx
            intro e'; cases e'
          · cases ok_inj.mp hx
            rename_i hne'
            simp only [decide_eq_true_eq] at hne'
            have hne2 : waAt p m.toNat ≠ waAt p s.2.toNat := by
              rw [waAt_eq hmk, waAt_eq hik]
              intro h'
              exact hne' (UInt32.toNat_inj.mp h')
            have := hm4 hmk
            exact good (Or.inl (by omega))
        · rw [if_neg hml] at hx
          simp only [ok_bind, pure_ok, Bool.false_eq_true, ↓reduceIte, hadd] at hx
          cases ok_inj.mp hx
          exact good (Or.inr (idx_of_not_lt p.image hi m hml))
      · rw [if_neg hc, pure_ok] at hx
        cases ok_inj.mp hx
        have : ¬ s.2.toNat < rom.toNat := fun h' => hc (UInt64.lt_iff_toNat_lt.mpr h')
        intro b a hb1 hb2 ha1 ha2
        exact hP.2.2.2.2.2 b a hb1 (by omega) ha1 ha2)
    (by
      dsimp only
      rw [e32]
      exact ⟨Nat.le_refl _, hr32, Nat.le_refl _, hrl, fun a b h1 h2 _ _ => by omega,
        fun b a h1 h2 _ _ => by omega⟩)
  cases r5 with
  | ret x =>
    simp only [pure_ok] at h
    exact absurd (ok_inj.mp h) q5
  | brk i5 =>
  simp only at q5
  intro a b h32 ha hb h1 h2
  have har : a < rom.toNat := by
    by_cases h' : a < rom.toNat
    · exact h'
    · have := spRom a (by omega) ha; omega
  have hbr : rom.toNat ≤ b := by
    by_cases h' : b < 32
    · have := spAt_of_regWord (q1 b h'); omega
    · by_cases h'' : b < rom.toNat
      · have := spRam b (by omega) h''; omega
      · omega
  exact q5 a b h32 har hbr hb

/-! ## What the check establishes -/

/-- Image words in the order (space, word address). -/
def WordLt (w w' : receipt.program.ImageWord) : Prop :=
  w.space.toNat < w'.space.toNat ∨ (w.space.toNat = w'.space.toNat ∧ w.wa.toNat < w'.wa.toNat)

/-- **The facts about a key's image that `check_program_image` checks**:
* `regs`: the first 32 image words are the registers x0 … x31 (space 0, word address the
  register's index), x2 = `INITIAL_SP` = 2^30 and the others 0;
* `sorted`: the image is strictly sorted by (space, word address), so no cell has two words;
* `zero`: no image word past the registers (a RAM or ROM word) lies in a zero interval;
* `ramRom`: no RAM word (space 1) has a ROM word's (space 2) word address. -/
structure KeyImage (p : receipt.program.Program) : Prop where
  regs : ∀ i < 32, RegWord p i
  sorted : p.image.Pairwise WordLt
  zero : ∀ k (hk : k < p.image.length), 32 ≤ k → ∀ z ∈ p.zero_intervals,
    ¬ (z.lo.toNat ≤ p.image[k].wa.toNat ∧ p.image[k].wa.toNat < z.hi.toNat)
  ramRom : ∀ w ∈ p.image, ∀ w' ∈ p.image, w.space.toNat = 1 → w'.space.toNat = 2 →
    w.wa ≠ w'.wa

/-- **No register word past x31**: every image word at index 32 or more is a RAM or ROM word,
not in space 0. `check_program_image`'s last loop reads the words between the registers and the
first ROM word as one run sorted by address, which they are when they share one space. It
follows from the shape (a register's word address is below 32, `ProgramShape.regWa`) and the
order: a space-0 word after x31 = (0, 31) would have a word address above 31. -/
def NoExtraRegs (p : receipt.program.Program) : Prop :=
  ∀ k (hk : k < p.image.length), 32 ≤ k → p.image[k].space.toNat ≠ 0

theorem noExtraRegs_of (p : receipt.program.Program) (hshape : ProgramShape p)
    (c : ImageChecked p) : NoExtraRegs p := by
  intro k hk h32 h0
  have sorted := lexLt_of_step c.step
  have l := sorted k hk 31 (by omega)
  obtain ⟨w, hw, hs, ha, -⟩ := c.regs 31 (by omega)
  have h31 : 31 < p.image.length := by
    rcases Nat.lt_or_ge 31 p.image.length with h | h
    · exact h
    · simp [List.getElem?_eq_none (by omega : p.image.length ≤ 31)] at hw
  have e31 : p.image[31] = w := by
    rw [List.getElem?_eq_getElem h31] at hw; exact Option.some.inj hw
  unfold LexLt at l
  rw [spAt_eq h31, spAt_eq hk, waAt_eq h31, waAt_eq hk, e31, hs, ha, h0] at l
  have := hshape.regWa _ (List.getElem_mem hk) h0
  omega

/-- **What `check_program_image` accepts**: for a program `check_program_shape` accepted
(`ProgramShape`: spaces at most 2, registers' word addresses below 32, at most `2^20` image
words and four zero intervals), the image meets `KeyImage`. -/
theorem check_program_image_ok (p : receipt.program.Program) (hshape : ProgramShape p)
    (h : receipt.check_program_image p = .ok (.ok ())) : KeyImage p := by
  have hi : p.image.length < 2 ^ 64 := by have := hshape.image; omega
  have hz : p.zero_intervals.length < 2 ^ 64 := by have := hshape.zeroCount; omega
  have c := check_program_image_core p hi hz h
  have hregs := noExtraRegs_of p hshape c
  have hsp : ∀ k, k < p.image.length → spAt p k ≤ 2 := fun k hk => by
    rw [spAt_eq hk]; exact (hshape.words _ (List.getElem_mem hk)).1
  have hne : ∀ k, 32 ≤ k → k < p.image.length → spAt p k ≠ 0 := fun k h1 hk => by
    rw [spAt_eq hk]; exact hregs k hk h1
  have hrr := c.ramRom hsp hne
  have sorted := lexLt_of_step c.step
  refine ⟨c.regs, ?_, ?_, ?_⟩
  · rw [List.pairwise_iff_getElem]
    intro a b ha hb hab
    have := sorted b hb a hab
    unfold LexLt at this
    rw [spAt_eq ha, spAt_eq hb, waAt_eq ha, waAt_eq hb] at this
    exact this
  · intro k hk h32 z hzm
    have := c.zero k h32 hk z hzm
    rw [waAt_eq hk] at this
    exact this
  · intro w hw w' hw' h1 h2 e
    obtain ⟨a, ha, rfl⟩ := List.getElem_of_mem hw
    obtain ⟨b, hb, rfl⟩ := List.getElem_of_mem hw'
    have h32 : 32 ≤ a := by
      by_cases h' : a < 32
      · have := spAt_of_regWord (c.regs a h')
        rw [spAt_eq ha] at this; omega
      · omega
    refine hrr a b h32 ha hb (by rw [spAt_eq ha]; exact h1) (by rw [spAt_eq hb]; exact h2) ?_
    rw [waAt_eq ha, waAt_eq hb, e]

/-- **What `verifying_key` checks of its program's image**: every key it returns is the RV32IM
machine of a program meeting `ProgramShape` (`check_program_counts`, `check_program_shape`) and
`KeyImage` (`check_program_image`). -/
theorem verifying_key_image {elf : List UInt8} {vk : protocol.vk.VerifyingKey}
    (h : receipt.verifying_key elf = .ok (.ok vk)) :
    ∃ prog, vk.air = .Rv32imV2 prog ∧ ProgramShape prog ∧ KeyImage prog := by
  obtain ⟨prog, hair, -, hc0, hc, hci, -⟩ := verifying_key_ok h
  have hs := check_program_shape_ok prog hc0 hc
  exact ⟨prog, hair, hs, check_program_image_ok prog hs hci⟩

end Zkvm.Refinement.receipt
