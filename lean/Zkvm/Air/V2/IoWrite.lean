module

public import Zkvm.Air.V2.IoLinks
public import Zkvm.RiscV.Execute

/-!
# A write's bytes reach the statement's output

The IO rows of one write ECALL to fd 1 read the words of its buffer (keeping them) and send
OUTPUT(position, byte) for every byte they move (`Io.fractions`). With
* the rows' links balanced against the SYSCALL row's (buf, cur) and (buf + c, cur + c) — so they
  partition the buffer, in step with the positions from cur (`ecall_rows_cover`);
* each row's old word the byte memory's at its word address (the memory argument);
* the statement the only receiver of OUTPUT (`BusLookups.output_sound`: a sent OUTPUT(pos, b)
  has b = the statement's output at pos);
every byte of the buffer is the statement's output at its position: output[cur + i] is the
byte at buf + i, for i < c (`write_output`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Io

open Zkvm.Field Zkvm.RiscV Zkvm.Air Zkvm.Air.Table Col
open Zkvm.Air.IoChain

/-- The byte at address `x` of the semantics' memory, as a field element. -/
def memByte (s : State) (x : Nat) : BabyBear := (((s.mem (BitVec.ofNat 32 x)).toNat : Nat) : BabyBear)

/-- **A row covering an address**: in a cover of [buf, buf + c), the address buf + i lies in one
row's link, at a moved lane j of its word (4 wa + j = buf + i), whose position is cur + i. -/
theorem covering_row (rows : List (Row BabyBear))
    (hrows : ∀ r ∈ rows, Groups r ∧ real r = 1 ∧ (r wa).val < 2 ^ 28 ∧ (r base).val < 2 ^ 30)
    {buf cur c : Nat} (hcov : Covers (rows.map linkOf) (buf, cur) (buf + c, cur + c))
    {i : Nat} (hi : i < c) :
    ∃ r ∈ rows, ∃ j, j ≤ 3 ∧ moved r j = 1 ∧ 4 * (r wa).val + j = buf + i ∧
      (r base).val + j = cur + i := by
  have h1 := hcov.once (buf + i) (by simp) (by simp; omega)
  obtain ⟨l, hl⟩ : ∃ l, l ∈ (rows.map linkOf).filter (Link.Holds (buf + i)) := by
    cases hf : (rows.map linkOf).filter (Link.Holds (buf + i)) with
    | nil => rw [hf] at h1; simp at h1
    | cons l _ => exact ⟨l, by simp⟩
  obtain ⟨hlm, hhold⟩ := List.mem_filter.mp hl
  obtain ⟨r, hr, rfl⟩ := List.mem_map.mp hlm
  obtain ⟨hg, hreal, hwa, hbase⟩ := hrows r hr
  obtain ⟨f, e, hfe, he3, hs, ht, hm, -⟩ := row_link hg hreal hwa hbase
  have hin := (hcov.inside (linkOf r) hlm).2.2
  simp only [Link.Holds, decide_eq_true_eq] at hhold
  rw [hs, ht] at hhold
  rw [hs] at hin
  simp only at hhold hin
  refine ⟨r, hr, buf + i - 4 * (r wa).val, by omega, ?_, by omega, by omega⟩
  have hj : buf + i - 4 * (r wa).val ∈ lanes := by
    rw [mem_lanes]; omega
  rw [hm _ hj, movedOf, if_pos (by omega)]

/-- **A write's bytes are the statement's output at their positions.** -/
theorem write_output (rows : List (Row BabyBear))
    (hrows : ∀ r ∈ rows, Groups r ∧ real r = 1 ∧ r kWrite1 = 1 ∧ (r wa).val < 2 ^ 28 ∧
      (r base).val < 2 ^ 30)
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
  have hrows' : ∀ r ∈ rows, Groups r ∧ real r = 1 ∧ (r wa).val < 2 ^ 28 ∧ (r base).val < 2 ^ 30 :=
    fun r hr => have h := hrows r hr; ⟨h.1, h.2.1, h.2.2.2.1, h.2.2.2.2⟩
  have hcov := ecall_rows_cover rows hrows' buf cur c hbal
  obtain ⟨r, hr, j, hj3, hmv, hx, hpos⟩ := covering_row rows hrows' hcov hi
  obtain ⟨hg, hreal, hw1, -, hbase⟩ := hrows r hr
  have hjl : j ∈ lanes := by rw [mem_lanes]; omega
  have hm := hsent r hr j hjl hmv
  have hp : r base + ((j : Nat) : BabyBear) = (((cur + i : Nat) : Nat) : BabyBear) := by
    rw [← hpos]; push_natCast
  rw [hp] at hm
  have hb := hout (cur + i) _ (by omega) hm
  rw [← hb]
  have hwr : writes r = 1 := by
    rcases kinds hg hreal with ⟨-, h, -, -⟩ | ⟨-, -, h, -⟩ | ⟨-, h, -, -⟩ | ⟨-, h, -, -⟩ <;>
      first | (unfold writes; rw [hw1, h]; decide) | (rw [hw1] at h; exfalso; revert h; decide)
  rw [write_keeps hg hwr j hjl, hmem r hr j hjl, hx]

end Zkvm.Air.V2.Io

end
