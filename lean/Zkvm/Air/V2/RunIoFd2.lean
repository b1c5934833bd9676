module

public import Zkvm.Air.V2.RunIoShift
public import Zkvm.Air.V2.RunTrace
public import Zkvm.Air.V2.RunPort3

/-!
# The first positions of the writes to fd 2, from the chain

A write to fd 2 sends its bytes nowhere: no byte message bounds its IO rows' positions (compare
RunIoPos.lean for the other kinds). The SYSCALL table's group `fd2_cur` (syscall.rs [32]) fixes
its chain's start: a write to fd 2 starts at position cur = 0. Read from that start
(RunIoShift.lean), the ECALL's IO rows then sit at positions 0 .. c − 1:

* `chain_len`, `ecall_len`: a chain of steps 1 to 4 from B to B + c, read relative to B, has
  c ≤ 4 × its rows, so one ECALL's length is at most four times its IO rows — below 2^30 with
  fewer than 2^28 IO rows, without any range of the SYSCALL row's limbs;
* `fd2_of_kind3`: a moving SYSCALL row of kind 3 (an IO row of a write to fd 2 carries its kind)
  is a write to fd 2;
* `fd2_firstPos_of`: so, in tables whose EXEC and IO messages balance, with fewer than 2^28 IO
  rows and requesting CPU rows of distinct clks, every real IO row of a write to fd 2 has its
  first position, base + f = 0 + i for its index i in the buffer, below 2^30 — the primed run
  theorems' `hpos2`, derived; `fd2_firstPos` for a run's tables, and, since the bound is on the
  tables' own IO rows, it holds segment by segment (RunSegsRange.lean: `fd2_firstPos_segs`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table Zkvm.Air.IoChain

/-- **A chain is no longer than its steps**: if the steps (1 to 4) of a list of points balance,
relative to B, against a start B and an end B + c (c below p), then c is at most four times the
rows. -/
theorem chain_len {α : Type} (S : List α) (A : α → BabyBear) (s : α → Nat)
    (hs : ∀ x ∈ S, 1 ≤ s x ∧ s x ≤ 4) (B : BabyBear) (c : Nat)
    (hcP : c < P)
    (hP : (B :: S.map (fun x => A x + (s x : BabyBear))).Perm
      ((B + (c : BabyBear)) :: S.map A)) :
    c ≤ 4 * S.length := by
  have hPv : P = 2013265921 := P_eq
  have hsum := sum_perm (hP.map (rel B))
  simp only [List.map_cons, List.sum_cons, List.map_map, rel_self,
    rel_cast B c (by omega), Function.comp_def] at hsum
  have hw := sum_wrap S (fun x => rel B (A x) + s x) (fun x => rel B (A x + (s x : BabyBear))) P
    (fun x hx => rel_add B (A x) (s x) (by have := hs x hx; omega))
  have hb := Exec.sum_bounds S s hs
  rw [sum_map_add] at hw
  omega

/-- **One ECALL is no longer than four times its IO rows**: under `ecall_cover`'s hypotheses but
the bounds on the length and the IO rows, the SYSCALL row's length c is at most four times the
real IO rows with its clk. -/
theorem ecall_len {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T) (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    {r : Row BabyBear} (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 →
      (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val → r' = r)
    {rs : Row BabyBear} (hrs : rs ∈ T.sys) (hreal : Syscall.real rs = 1)
    (he : Cpu.execMsg r = Syscall.execMsg rs) (hmv : Syscall.moves rs = 1) :
    (sysLen rs).val ≤ 4 * (ecallRows T rs).length := by
  have hPv : P = 2013265921 := P_eq
  obtain ⟨hst, hP⟩ := ecall_shift_perm hok hbal hiob hnd hdist hrs hreal he hmv
  have hA := hP.map Prod.fst
  simp only [List.map_cons, List.map_map, Function.comp_def] at hA
  exact chain_len _ (fun ri => (ioRecv ri).getD 3 0) ioStepN hst (sysBuf rs) (sysLen rs).val
    (by have := BabyBear.val_lt (sysLen rs); omega) hA

/-- **A moving SYSCALL row of kind 3 is a write to fd 2.** -/
theorem fd2_of_kind3 {rs pub : Row BabyBear} (hgs : Syscall.Groups rs pub)
    (hreal : Syscall.real rs = 1) (hk : Syscall.kind rs = 3) : rs Syscall.Col.fd2 = 1 := by
  have h2 := hgs.fd2_write
  have h3 := hgs.fd3_read
  unfold Syscall.kind at hk
  rcases Step.syscall_flags hgs hreal with ⟨a, b, -⟩ | ⟨a, b, -⟩ | ⟨a, b, -⟩
  · rw [b] at h2
    have hf2 : rs Syscall.Col.fd2 = 0 := by grind
    rw [a, b, hf2] at hk
    rcases Syscall.bool_cases hgs.bool_fd3 with h | h <;> rw [h] at hk <;>
      exact absurd hk (by decide)
  · rw [a] at h3
    have hf3 : rs Syscall.Col.fd3 = 0 := by grind
    rw [a, b, hf3] at hk
    grind
  · rw [b] at h2
    rw [a] at h3
    have hf2 : rs Syscall.Col.fd2 = 0 := by grind
    have hf3 : rs Syscall.Col.fd3 = 0 := by grind
    rw [a, b, hf2, hf3] at hk
    exact absurd hk (by decide)

end Zkvm.Air.V2.Exec

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Exec (Tables ExecBalanced IoBalanced)

/-- **The writes to fd 2 have their first positions below 2^30**: in tables whose EXEC and IO
messages balance, with fewer than 2^28 IO rows and requesting CPU rows of distinct clks, every real
IO row of a write to fd 2 belongs to a moving SYSCALL row of a write to fd 2 (`io_row_syscall'`),
whose chain starts at position 0 (`fd2_cur`) and is at most four times the IO rows long
(`ecall_len`); the row starts at position i for its index i in the buffer (`ecall_row_at`), below
that length. The tables may be one segment's: the bound is on their own IO rows. -/
theorem fd2_firstPos_of {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T) (hiob : IoBalanced T)
    (hio : T.io.length < 2 ^ 28)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    (hdist : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 1 → ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 →
      (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val → r' = r) :
    ∀ ri ∈ T.io, Io.real ri = 1 → ri Io.Col.kWrite2 = 1 → Io.firstPos ri < 2 ^ 30 := by
  intro ri hri hreal hk2
  obtain ⟨rs, hrs, hmv, hclk, hkind⟩ := Exec.io_row_syscall' hok hiob (by omega) ri hri hreal
  obtain ⟨pub, hgs⟩ := hok.sys rs hrs
  have hreal_s : Syscall.real rs = 1 := by
    unfold Syscall.moves at hmv
    unfold Syscall.real
    rcases Syscall.bool_cases hgs.bool_exit with h | h
    · rw [h, hmv]; grind
    · have hb := hgs.bool_real
      unfold Syscall.real at hb
      rw [h, hmv] at hb
      exact absurd hb (by decide)
  have hk3 : Syscall.kind rs = 3 := by
    rw [hkind]
    unfold Io.kind
    rcases Io.kinds (hok.io ri hri) hreal with ⟨h1, h2, h3, h4⟩ | ⟨h1, h2, h3, h4⟩ |
        ⟨h1, h2, h3, h4⟩ | ⟨h1, h2, h3, h4⟩ <;> rw [h1, h2, h3, h4] <;>
      first | decide | (rw [hk2] at h3; exact absurd h3 (by decide))
  have hfd2 := Exec.fd2_of_kind3 hgs hreal_s hk3
  have hcur : rs Syscall.Col.cur = 0 := by
    have h := hgs.fd2_cur
    rw [hfd2] at h
    grind
  obtain ⟨r, hr, hx, -, -, he⟩ := Exec.syscall_answers_cpu hok hbal hrs hreal_s
  have hdist := hdist r hr hx
  have hlen := Exec.ecall_len hok hbal hiob hnd hdist hrs hreal_s he hmv
  have hlenio : (Exec.ecallRows T rs).length ≤ T.io.length := List.length_filter_le _ _
  obtain ⟨hle, -, hpos⟩ := Exec.ecall_row_at hok hbal hiob hnd hdist hrs hreal_s he hmv
    (by omega) (by omega) hri hreal hclk.symm
  unfold Io.firstPos
  rw [hpos, hcur, show (0 : BabyBear) + ((Exec.ecallPos rs ri : Nat) : BabyBear) =
    ((Exec.ecallPos rs ri : Nat) : BabyBear) by grind, BabyBear.val_natCast,
    Nat.mod_eq_of_lt (by have : P = 2013265921 := P_eq; omega)]
  omega

/-- **The writes to fd 2 have their first positions below 2^30**, in a run (`RunRows`): its
requesting CPU rows are run rows, of distinct clks (`fd2_firstPos_of`). -/
theorem fd2_firstPos {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T) (hiob : IoBalanced T)
    (hio : T.io.length < 2 ^ 28) {wins : Nat → Window BabyBear} {N : Nat}
    (hrr : RunRows T wins N) :
    ∀ ri ∈ T.io, Io.real ri = 1 → ri Io.Col.kWrite2 = 1 → Io.firstPos ri < 2 ^ 30 :=
  fd2_firstPos_of hok hbal hiob hio hrr.nodup fun r hr hx => by
    obtain ⟨m, hm, rfl⟩ := hrr.req r hr hx
    exact dist_of_run hrr.rows hrr.req hm

end Zkvm.Air.V2.Run

end
