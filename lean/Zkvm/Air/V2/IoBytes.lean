module

public import Zkvm.Air.V2.IoLinks
public import Zkvm.RiscV.Execute

/-!
# The bytes the IO rows move: a write's reach the output, a read's come from the input

The IO rows of one write ECALL to fd 1 read the words of its buffer (keeping them) and send
OUTPUT(position, byte) for every byte they move (`Io.fractions`). With
* the rows' links balanced against the SYSCALL row's (buf, cur) and (buf + c, cur + c) — so they
  partition the buffer, in step with the positions from cur (`ecall_rows_cover`);
* each row's old word the byte memory's at its word address (the memory argument);
* the statement the only receiver of OUTPUT (`BusLookups.output_sound`: a sent OUTPUT(pos, b)
  has b = the statement's output at pos);
every byte of the buffer is the statement's output at its position: output[cur + i] is the
byte at buf + i, for i < c (`write_output`). Likewise the IO rows of a read of fd 0 receive
INPUT(position, byte) for every byte they move and write it to their word: with the statement
the only sender of INPUT (`BusLookups.input_sound`), every byte a read row writes at a lane it
moves, address 4 wa + j in [buf, buf + c), is the input's byte at cur + (4 wa + j − buf)
(`read_input`; PRIV and the private input for fd 3).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Io

open Zkvm.Field Zkvm.RiscV Zkvm.Air Zkvm.Air.Table Col
open Zkvm.Air.IoChain

/-- The byte at address `x` of the semantics' memory, as a field element. -/
def memByte (s : State) (x : Nat) : BabyBear := (((s.mem (BitVec.ofNat 32 x)).toNat : Nat) : BabyBear)

/-- **A row covering an address**: in a cover of [buf, buf + c), the address buf + i lies in one
row's link, at a moved lane j of its word (4 wa + j = buf + i), whose position base + j is
cur + i in the field, a number below 2^30 + 4. -/
theorem covering_row (rows : List (Row BabyBear))
    (hrows : ∀ r ∈ rows, Groups r ∧ real r = 1 ∧ (r wa).val < 2 ^ 28 ∧ firstPos r < 2 ^ 30)
    {buf cur c : Nat} (hcov : Covers (rows.map linkOf) (buf, cur) (buf + c, cur + c))
    {i : Nat} (hi : i < c) :
    ∃ r ∈ rows, ∃ j, j ≤ 3 ∧ moved r j = 1 ∧ 4 * (r wa).val + j = buf + i ∧
      r base + ((j : Nat) : BabyBear) = ((cur + i : Nat) : BabyBear) ∧ cur + i < 2 ^ 30 + 4 := by
  have h1 := hcov.once (buf + i) (by simp) (by simp; omega)
  obtain ⟨l, hl⟩ : ∃ l, l ∈ (rows.map linkOf).filter (Link.Holds (buf + i)) := by
    cases hf : (rows.map linkOf).filter (Link.Holds (buf + i)) with
    | nil => rw [hf] at h1; simp at h1
    | cons l _ => exact ⟨l, by simp⟩
  obtain ⟨hlm, hhold⟩ := List.mem_filter.mp hl
  obtain ⟨r, hr, rfl⟩ := List.mem_map.mp hlm
  obtain ⟨hg, hreal, hwa, hpos⟩ := hrows r hr
  obtain ⟨f, e, hfe, he3, hs, ht, hm, -, hbl⟩ := row_link hg hreal hwa hpos
  have hin := (hcov.inside (linkOf r) hlm).2.2
  simp only [Link.Holds, decide_eq_true_eq] at hhold
  rw [hs, ht] at hhold
  rw [hs] at hin
  simp only at hhold hin
  refine ⟨r, hr, buf + i - 4 * (r wa).val, by omega, ?_, by omega, ?_, by omega⟩
  · have hj : buf + i - 4 * (r wa).val ∈ lanes := by
      rw [mem_lanes]; omega
    rw [hm _ hj, movedOf, if_pos (by omega)]
  · rw [hbl _ (by omega)]; congr 1; omega
/-- **A write's bytes are the statement's output at their positions.** -/
theorem write_output (rows : List (Row BabyBear))
    (hrows : ∀ r ∈ rows, Groups r ∧ real r = 1 ∧ r kWrite1 = 1 ∧ (r wa).val < 2 ^ 28 ∧
      firstPos r < 2 ^ 30)
    (s : State) (hmem : ∀ r ∈ rows, ∀ j ∈ lanes, r (u0 + j) = memByte s (4 * (r wa).val + j))
    (buf cur c : Nat)
    (hbal : ((buf, cur) :: rows.map (fun r => (linkOf r).stop)).Perm
      ((buf + c, cur + c) :: rows.map (fun r => (linkOf r).start)))
    (sent : List (List BabyBear))
    (hsent : ∀ r ∈ rows, ∀ j ∈ lanes, moved r j = 1 →
      [9, r base + ((j : Nat) : BabyBear), r (n0 + j)] ∈ sent)
    (output : List BabyBear)
    (hout : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 → [9, ((pos : Nat) : BabyBear), b] ∈ sent →
      b = output.getD pos 0) :
    ∀ i, i < c → output.getD (cur + i) 0 = memByte s (buf + i) := by
  intro i hi
  have hrows' : ∀ r ∈ rows, Groups r ∧ real r = 1 ∧ (r wa).val < 2 ^ 28 ∧ firstPos r < 2 ^ 30 :=
    fun r hr => have h := hrows r hr; ⟨h.1, h.2.1, h.2.2.2.1, h.2.2.2.2⟩
  have hcov := ecall_rows_cover rows hrows' buf cur c hbal
  obtain ⟨r, hr, j, hj3, hmv, hx, hpos, hlt⟩ := covering_row rows hrows' hcov hi
  obtain ⟨hg, hreal, hw1, -⟩ := hrows r hr
  have hjl : j ∈ lanes := by rw [mem_lanes]; omega
  have hm := hsent r hr j hjl hmv
  rw [hpos] at hm
  have hb := hout (cur + i) _ (by omega) hm
  rw [← hb]
  have hwr : writes r = 1 := by
    rcases kinds hg hreal with ⟨-, h, -, -⟩ | ⟨-, -, h, -⟩ | ⟨-, h, -, -⟩ | ⟨-, h, -, -⟩ <;>
      first | (unfold writes; rw [hw1, h]; decide) | (rw [hw1] at h; exfalso; revert h; decide)
  rw [write_keeps hg hwr j hjl, hmem r hr j hjl, hx]

/-- **A read's bytes are the input's**: every byte a read row of one ECALL writes at a lane it
moves lies in the buffer, and is the input's byte at its position (INPUT, tag 8, for fd 0;
PRIV, tag 14, for fd 3's private input). -/
theorem read_input (rows : List (Row BabyBear))
    (hrows : ∀ r ∈ rows, Groups r ∧ real r = 1 ∧ (r wa).val < 2 ^ 28 ∧ firstPos r < 2 ^ 30)
    (buf cur c : Nat)
    (hbal : ((buf, cur) :: rows.map (fun r => (linkOf r).stop)).Perm
      ((buf + c, cur + c) :: rows.map (fun r => (linkOf r).start)))
    (tag : BabyBear) (rcvd : List (List BabyBear))
    (hrecv : ∀ r ∈ rows, ∀ j ∈ lanes, moved r j = 1 →
      [tag, r base + ((j : Nat) : BabyBear), r (n0 + j)] ∈ rcvd)
    (input : List BabyBear)
    (hin : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [tag, ((pos : Nat) : BabyBear), b] ∈ rcvd → b = input.getD pos 0) :
    ∀ r ∈ rows, ∀ j ∈ lanes, moved r j = 1 →
      buf ≤ 4 * (r wa).val + j ∧ 4 * (r wa).val + j < buf + c ∧
        r (n0 + j) = input.getD (cur + (4 * (r wa).val + j - buf)) 0 := by
  intro r hr j hj hmv
  have hcov := ecall_rows_cover rows hrows buf cur c hbal
  obtain ⟨hg, hreal, hwa, hpos⟩ := hrows r hr
  obtain ⟨f, e, hfe, he3, hs, ht, hm, -, hbl⟩ := row_link hg hreal hwa hpos
  have hin' := hcov.inside (linkOf r) (List.mem_map.mpr ⟨r, hr, rfl⟩)
  rw [hs, ht] at hin'
  simp only at hin'
  have hfj : f ≤ j ∧ j ≤ e := by
    have h := hm j hj
    rw [hmv, movedOf] at h
    by_cases hc : f ≤ j ∧ j ≤ e
    · exact hc
    · rw [if_neg hc] at h; exfalso; revert h; decide
  have hj3 : j ≤ 3 := by have := mem_lanes.mp hj; omega
  refine ⟨by omega, by omega, ?_⟩
  have hmsg := hrecv r hr j hj hmv
  have hp : r base + ((j : Nat) : BabyBear) =
      (((cur + (4 * (r wa).val + j - buf) : Nat) : Nat) : BabyBear) := by
    rw [hbl j hfj.1]; congr 1; omega
  rw [hp] at hmsg
  exact hin _ _ (by omega) hmsg

end Zkvm.Air.V2.Io

end
