module

public import Zkvm.Air.V2.RunIoClk
public import Zkvm.Air.V2.RunEcallChain
public import Zkvm.Air.V2.IoBytes

/-!
# One ECALL's IO chain without range hypotheses: the chain read from its start

`ecall_chain` (RunEcallChain.lean) reads one ECALL's IO chain as numbers, which needs every IO
row's word address and first moved position in range (`hrange`). A write to fd 2 carries a
cursor no constraint fixes, so no range of positions can be derived for it. This file
reads the chain relative to its start instead: a point (address, position) of the field is read
as the numbers ((address − buf).val, (position − cur).val). Then, with fewer than p / 4 IO rows and
the length c below 2^30:

* `sum_wrap`, `no_wrap`: each row's step (1 to 4, `io_step`) is added without wrapping around
  the field — the steps of the rows add up to c plus p times the rows that wrap, and they add up
  to less than p;
* `shifted_chain`: so the rows are links of `Zkvm.Air.IoChain` from (0, 0) to (c, c), and
  `IoChain.chain` applies: they partition [0, c) in step;
* `ecall_shift_perm`, `ecall_cover`: for a moving SYSCALL row (its IO messages balancing as
  `ecall_io_perm` gives), the real IO rows of its clk, relative to (buf, cur), partition [0, c)
  in step; `ecall_row_at`:
  each starts at IO(buf + i, cur + i) (field elements) for its index i (`ecallPos`), with
  i + (e − f + 1) ≤ c;
* `ecall_buf_end`, `ecall_row_nat`, `ecall_covering_row`: with the rows' word addresses below
  2^28 (RunIoRange.lean's `io_wa_of_bus`) and buf below 2^30, buf + c ≤ 2^30 + 4, each row's first
  address is 4 wa + f = buf + i as numbers and its first position base + f = cur + i in the field,
  and every i < c lies at a moved lane j of one row with 4 wa + j = buf + i, base + j = cur + i;
* `pos_no_wrap`, `write_output'`, `read_input'`: the bytes a write sends as OUTPUT and a read
  receives as INPUT or PRIV are at the positions cur + i, numbers once cur + c ≤ p (which the
  statement's and the PRIVATE rows' positions give, `pos_no_wrap`) — `Io.write_output` and
  `Io.read_input` without any range of positions.

No range of `base` is used, and none holds in general: `base` is the position lane 0 would have,
p − (f − pos) for a row whose first moved position pos is below its first lane f (the prover's
rows for a buffer starting inside a word at cursor 0, and every unaligned write to fd 2, whose
cursor column is 0), and a write to fd 2 carries a cursor no constraint fixes, so its positions
may wrap around the field. The IO rows' `base` is tied to the chain only in the field,
base + f = cur + i, which is what their INPUT, OUTPUT and PRIV messages need.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table Zkvm.Air.IoChain

/-- Rows that each wrap or not: if any wraps, the sum drops by the modulus. -/
theorem sum_wrap {α : Type} (S : List α) (f g : α → Nat) (M : Nat)
    (h : ∀ x ∈ S, g x = f x ∨ g x + M = f x) :
    (S.map g).sum ≤ (S.map f).sum ∧
      ((∀ x ∈ S, g x = f x) ∨ (S.map g).sum + M ≤ (S.map f).sum) := by
  induction S with
  | nil => exact ⟨by simp, Or.inl (by simp)⟩
  | cons x S ih =>
    obtain ⟨hle, hor⟩ := ih (fun y hy => h y (List.mem_cons_of_mem _ hy))
    simp only [List.map_cons, List.sum_cons]
    rcases h x (List.mem_cons_self ..) with hx | hx
    · refine ⟨by omega, ?_⟩
      rcases hor with h1 | h1
      · left
        intro y hy
        rcases List.mem_cons.mp hy with rfl | hy
        · exact hx
        · exact h1 y hy
      · right; omega
    · exact ⟨by omega, Or.inr (by omega)⟩

theorem sum_map_add {α : Type} (S : List α) (u s : α → Nat) :
    (S.map fun x => u x + s x).sum = (S.map u).sum + (S.map s).sum := by
  induction S with
  | nil => simp
  | cons x S ih => simp only [List.map_cons, List.sum_cons, ih]; omega

/-- A field element read relative to a base point. -/
def rel (B a : BabyBear) : Nat := (a - B).val

theorem rel_add (B a : BabyBear) (n : Nat) (hn : n < P) :
    rel B (a + (n : BabyBear)) = rel B a + n ∨ rel B (a + (n : BabyBear)) + P = rel B a + n := by
  have e : a + (n : BabyBear) - B = (a - B) + (n : BabyBear) := by grind
  unfold rel
  rw [e, BabyBear.val_add, BabyBear.val_natCast, Nat.mod_eq_of_lt hn]
  have hl := (a - B).val_lt
  by_cases hc : (a - B).val + n < P
  · left; exact Nat.mod_eq_of_lt hc
  · right
    rw [Nat.mod_eq_sub_mod (by omega), Nat.mod_eq_of_lt (by omega)]
    omega

theorem rel_self (B : BabyBear) : rel B B = 0 := by
  unfold rel
  rw [show B - B = 0 by grind]
  rfl

theorem rel_cast (B : BabyBear) (n : Nat) (hn : n < P) : rel B (B + (n : BabyBear)) = n := by
  unfold rel
  rw [show B + (n : BabyBear) - B = (n : BabyBear) by grind, BabyBear.val_natCast,
    Nat.mod_eq_of_lt hn]

/-- **No row wraps**: if the steps (1 to 4) of a list of points balance, relative to B, against a
start B and an end B + c (c below p), and four times the rows is below p, every step is added as a
number. -/
theorem no_wrap {α : Type} (S : List α) (A : α → BabyBear) (s : α → Nat)
    (hs : ∀ x ∈ S, 1 ≤ s x ∧ s x ≤ 4) (B : BabyBear) (c : Nat)
    (hcP : c < P) (hsize : 4 * S.length < P)
    (hP : (B :: S.map (fun x => A x + (s x : BabyBear))).Perm
      ((B + (c : BabyBear)) :: S.map A)) :
    ∀ x ∈ S, rel B (A x + (s x : BabyBear)) = rel B (A x) + s x := by
  have hPv : P = 2013265921 := P_eq
  have hsum := sum_perm (hP.map (rel B))
  simp only [List.map_cons, List.sum_cons, List.map_map, rel_self,
    rel_cast B c (by omega), Function.comp_def] at hsum
  have hw := sum_wrap S (fun x => rel B (A x) + s x) (fun x => rel B (A x + (s x : BabyBear))) P
    (fun x hx => rel_add B (A x) (s x) (by have := hs x hx; omega))
  have hb := Exec.sum_bounds S s hs
  rw [sum_map_add] at hw
  rcases hw.2 with h | h
  · exact h
  · omega

/-- The link of a point relative to (B, C), with step s. -/
def relLink (B C : BabyBear) (a q : BabyBear) (s : Nat) : Link :=
  ⟨(rel B a, rel C q), (rel B a + s, rel C q + s)⟩

/-- **The chain read from its start**: points (A x, Q x) stepping by s x (1 to 4) in both
coordinates, balancing against a start (B, C) and an end (B + c, C + c) with c and four times the
rows below p, are, relative to (B, C), links that partition [0, c) in step. -/
theorem shifted_chain {α : Type} (S : List α) (A Q : α → BabyBear) (s : α → Nat)
    (hs : ∀ x ∈ S, 1 ≤ s x ∧ s x ≤ 4) (B C : BabyBear) (c : Nat)
    (hcP : c < P) (hsize : 4 * S.length < P)
    (hP : ((B, C) :: S.map (fun x => (A x + (s x : BabyBear), Q x + (s x : BabyBear)))).Perm
      ((B + (c : BabyBear), C + (c : BabyBear)) :: S.map (fun x => (A x, Q x)))) :
    Covers (S.map fun x => relLink B C (A x) (Q x) (s x)) (0, 0) (c, c) := by
  have hA := no_wrap S A s hs B c hcP hsize (by
    have := hP.map Prod.fst; simpa only [List.map_cons, List.map_map, Function.comp_def] using this)
  have hQ := no_wrap S Q s hs C c hcP hsize (by
    have := hP.map Prod.snd; simpa only [List.map_cons, List.map_map, Function.comp_def] using this)
  apply chain
  · intro l hl
    obtain ⟨x, hx, rfl⟩ := List.mem_map.mp hl
    have := hs x hx
    simp only [Link.Ok, relLink]
    omega
  · have h2 := hP.map (fun pt => (rel B pt.1, rel C pt.2))
    simp only [List.map_cons, List.map_map, rel_self, rel_cast B c (by omega),
      rel_cast C c (by omega)] at h2
    have e1 : S.map ((fun pt : BabyBear × BabyBear => (rel B pt.1, rel C pt.2)) ∘
        fun x => (A x + (s x : BabyBear), Q x + (s x : BabyBear))) =
        (S.map fun x => relLink B C (A x) (Q x) (s x)).map Link.stop := by
      rw [List.map_map]
      apply List.map_congr_left
      intro x hx
      simp only [Function.comp, relLink, hA x hx, hQ x hx]
    have e2 : S.map ((fun pt : BabyBear × BabyBear => (rel B pt.1, rel C pt.2)) ∘
        fun x => (A x, Q x)) =
        (S.map fun x => relLink B C (A x) (Q x) (s x)).map Link.start := by
      rw [List.map_map]
      rfl
    rw [e1, e2] at h2
    exact h2

/-! ## One ECALL's IO rows -/

/-- The real IO rows with a SYSCALL row's clk: its ECALL's IO rows. -/
def ecallRows (T : Tables) (rs : Row BabyBear) : List (Row BabyBear) :=
  T.io.filter fun ri => decide (Io.real ri = 1) && decide (ri Io.Col.clk = rs Syscall.Col.clk)

/-- An IO row's step e − f + 1, read off its messages' address fields. -/
def ioStepN (ri : Row BabyBear) : Nat := ((ioSend ri).getD 3 0 - (ioRecv ri).getD 3 0).val

/-- The SYSCALL row's buffer address buf_lo + 2^16 buf_hi and length c, as field elements. -/
def sysBuf (rs : Row BabyBear) : BabyBear := Syscall.word rs Syscall.Col.bufLo Syscall.Col.bufHi
def sysLen (rs : Row BabyBear) : BabyBear := Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi

/-- An IO row's link read relative to its ECALL's start (buf, cur). -/
def ecallLink (rs ri : Row BabyBear) : Link :=
  relLink (sysBuf rs) (rs Syscall.Col.cur) ((ioRecv ri).getD 3 0) ((ioRecv ri).getD 4 0)
    (ioStepN ri)

/-- A real IO row's send is its receive plus its step, in both address and position. -/
theorem io_send_step {ri : Row BabyBear} (hg : Io.Groups ri) (hreal : Io.real ri = 1) :
    1 ≤ ioStepN ri ∧ ioStepN ri ≤ 4 ∧
      (ioSend ri).getD 3 0 = (ioRecv ri).getD 3 0 + ((ioStepN ri : Nat) : BabyBear) ∧
      (ioSend ri).getD 4 0 = (ioRecv ri).getD 4 0 + ((ioStepN ri : Nat) : BabyBear) := by
  obtain ⟨h1, h4⟩ := io_step_val hg hreal
  have hc : ((ioStepN ri : Nat) : BabyBear) = (ioSend ri).getD 3 0 - (ioRecv ri).getD 3 0 :=
    Felt.natCast_val _
  refine ⟨h1, h4, ?_, ?_⟩
  · rw [hc]; grind
  · rw [hc]
    simp only [ioSend, ioRecv, List.getD_cons_succ, List.getD_cons_zero]
    grind

/-- **One ECALL's IO messages as points stepping from its start**: for a moving SYSCALL row
answering an ECALL row (no other requesting CPU row with its clk), when the EXEC and IO messages
balance, the real IO rows with its clk, each received at (address, position) = (A, Q) and sent at
(A + s, Q + s) for its step s (1 to 4), balance against the start (buf, cur) and the end
(buf + c, cur + c) — the permutation `ecall_cover` and `ecall_len` (RunIoFd2.lean) read. -/
theorem ecall_shift_perm {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T) (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    {r : Row BabyBear} (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 →
      (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val → r' = r)
    {rs : Row BabyBear} (hrs : rs ∈ T.sys) (hreal : Syscall.real rs = 1)
    (he : Cpu.execMsg r = Syscall.execMsg rs) (hmv : Syscall.moves rs = 1) :
    (∀ ri ∈ ecallRows T rs, 1 ≤ ioStepN ri ∧ ioStepN ri ≤ 4) ∧
    ((sysBuf rs, rs Syscall.Col.cur) :: (ecallRows T rs).map (fun ri =>
        ((ioRecv ri).getD 3 0 + ((ioStepN ri : Nat) : BabyBear),
          (ioRecv ri).getD 4 0 + ((ioStepN ri : Nat) : BabyBear)))).Perm
      ((sysBuf rs + (((sysLen rs).val : Nat) : BabyBear),
          rs Syscall.Col.cur + (((sysLen rs).val : Nat) : BabyBear)) ::
        (ecallRows T rs).map (fun ri => ((ioRecv ri).getD 3 0, (ioRecv ri).getD 4 0))) := by
  have hmem : ∀ ri ∈ ecallRows T rs, Io.Groups ri ∧ Io.real ri = 1 := by
    intro ri hri
    simp only [ecallRows, List.mem_filter, Bool.and_eq_true, decide_eq_true_eq] at hri
    exact ⟨hok.io ri hri.1, hri.2.1⟩
  refine ⟨fun ri hri => by
    obtain ⟨hg, hr1⟩ := hmem ri hri
    obtain ⟨h1, h4, -, -⟩ := io_send_step hg hr1
    exact ⟨h1, h4⟩, ?_⟩
  have hP := (ecall_io_perm hok hbal hiob hnd hdist hrs hreal he hmv).map
    (fun m => (m.getD 3 0, m.getD 4 0))
  simp only [List.map_cons, List.map_map] at hP
  have e1 : (ecallRows T rs).map ((fun m : List BabyBear => (m.getD 3 0, m.getD 4 0)) ∘ ioSend) =
      (ecallRows T rs).map (fun ri => ((ioRecv ri).getD 3 0 + ((ioStepN ri : Nat) : BabyBear),
        (ioRecv ri).getD 4 0 + ((ioStepN ri : Nat) : BabyBear))) := by
    apply List.map_congr_left
    intro ri hri
    obtain ⟨hg, hr1⟩ := hmem ri hri
    obtain ⟨-, -, h3, h4⟩ := io_send_step hg hr1
    simp only [Function.comp, h3, h4]
  have e2 : (ecallRows T rs).map ((fun m : List BabyBear => (m.getD 3 0, m.getD 4 0)) ∘ ioRecv) =
      (ecallRows T rs).map (fun ri => ((ioRecv ri).getD 3 0, (ioRecv ri).getD 4 0)) := rfl
  have hcast : ((sysLen rs).val : BabyBear) = sysLen rs := Felt.natCast_val _
  have hs : (ioStart rs).getD 3 0 = sysBuf rs ∧ (ioStart rs).getD 4 0 = rs Syscall.Col.cur :=
    ⟨rfl, rfl⟩
  have ht : (ioEnd rs).getD 3 0 = sysBuf rs + ((sysLen rs).val : BabyBear) ∧
      (ioEnd rs).getD 4 0 = rs Syscall.Col.cur + ((sysLen rs).val : BabyBear) := by
    rw [hcast]; exact ⟨rfl, rfl⟩
  rw [show ecallRows T rs = T.io.filter fun ri => decide (Io.real ri = 1) &&
    decide (ri Io.Col.clk = rs Syscall.Col.clk) from rfl] at e1 e2 ⊢
  rw [e1, e2, hs.1, hs.2, ht.1, ht.2] at hP
  exact hP

/-- **One ECALL's IO rows partition its buffer, read from its start, without ranges**: for a
moving SYSCALL row answering an ECALL row (no other requesting CPU row with its clk), with fewer
than p / 4 IO rows, the real IO rows with its clk are, relative to (buf, cur), links partitioning
[0, c) in step — when the EXEC and IO messages balance. -/
theorem ecall_cover {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T) (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    {r : Row BabyBear} (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 →
      (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val → r' = r)
    {rs : Row BabyBear} (hrs : rs ∈ T.sys) (hreal : Syscall.real rs = 1)
    (he : Cpu.execMsg r = Syscall.execMsg rs) (hmv : Syscall.moves rs = 1)
    (hio : 4 * T.io.length < 2013265921) (hc : (sysLen rs).val < 2 ^ 30) :
    Covers ((ecallRows T rs).map (ecallLink rs)) (0, 0) ((sysLen rs).val, (sysLen rs).val) := by
  have hPv : P = 2013265921 := P_eq
  have hlen : (ecallRows T rs).length ≤ T.io.length := List.length_filter_le _ _
  obtain ⟨hst, hP⟩ := ecall_shift_perm hok hbal hiob hnd hdist hrs hreal he hmv
  exact shifted_chain _ (fun ri => (ioRecv ri).getD 3 0) (fun ri => (ioRecv ri).getD 4 0) ioStepN
    hst (sysBuf rs) (rs Syscall.Col.cur) (sysLen rs).val (by omega) (by omega) hP

/-- An IO row's first moved byte's index in its ECALL's buffer: its receive's address, relative
to buf. -/
def ecallPos (rs ri : Row BabyBear) : Nat := rel (sysBuf rs) ((ioRecv ri).getD 3 0)

/-- **Each IO row of an ECALL starts inside its buffer, in step**: under `ecall_cover`'s
hypotheses, every real IO row with the SYSCALL row's clk receives IO(buf + i, cur + i) (address
and position as field elements) for its index i (`ecallPos`), with i + (e − f + 1) ≤ c. -/
theorem ecall_row_at {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T) (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    {r : Row BabyBear} (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 →
      (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val → r' = r)
    {rs : Row BabyBear} (hrs : rs ∈ T.sys) (hreal : Syscall.real rs = 1)
    (he : Cpu.execMsg r = Syscall.execMsg rs) (hmv : Syscall.moves rs = 1)
    (hio : 4 * T.io.length < 2013265921) (hc : (sysLen rs).val < 2 ^ 30)
    {ri : Row BabyBear} (hri : ri ∈ T.io) (hr1 : Io.real ri = 1)
    (hclk : ri Io.Col.clk = rs Syscall.Col.clk) :
    ecallPos rs ri + ioStepN ri ≤ (sysLen rs).val ∧
      4 * ri Io.Col.wa + Io.laneAt ri Io.Col.s1 = sysBuf rs + (ecallPos rs ri : BabyBear) ∧
      ri Io.Col.base + Io.laneAt ri Io.Col.s1 =
        rs Syscall.Col.cur + (ecallPos rs ri : BabyBear) := by
  have hcov := ecall_cover hok hbal hiob hnd hdist hrs hreal he hmv hio hc
  have hmem : ri ∈ ecallRows T rs := by
    simp only [ecallRows, List.mem_filter, Bool.and_eq_true, decide_eq_true_eq]
    exact ⟨hri, hr1, hclk⟩
  obtain ⟨-, hle, hsh⟩ := hcov.inside _ (List.mem_map_of_mem hmem)
  simp only [ecallLink, relLink] at hle hsh
  refine ⟨by unfold ecallPos; omega, ?_, ?_⟩
  · show (ioRecv ri).getD 3 0 = _
    unfold ecallPos rel
    rw [Felt.natCast_val]; grind
  · show (ioRecv ri).getD 4 0 = _
    unfold ecallPos
    rw [show rel (sysBuf rs) ((ioRecv ri).getD 3 0) = rel (rs Syscall.Col.cur) ((ioRecv ri).getD 4 0)
      by omega]
    unfold rel
    rw [Felt.natCast_val]; grind

/-- A real IO row's first moved address 4 wa + f, as a number, when wa < 2^28: the receive's
address field, with f ≤ e ≤ 3 its lanes and step e − f + 1. -/
theorem io_recv_addr {ri : Row BabyBear} (hg : Io.Groups ri) (hreal : Io.real ri = 1)
    (hwa : (ri Io.Col.wa).val < 2 ^ 28) :
    ∃ f e : Nat, f ≤ e ∧ e ≤ 3 ∧ Io.laneAt ri Io.Col.s1 = (f : BabyBear) ∧
      Io.laneAt ri Io.Col.t1 = (e : BabyBear) ∧ ioStepN ri = e - f + 1 ∧
      ((ioRecv ri).getD 3 0).val = 4 * (ri Io.Col.wa).val + f ∧
      (∀ j ∈ Io.lanes, Io.moved ri j = Io.movedOf f e j) := by
  obtain ⟨f, e, hfe, he3, hf, he, hm⟩ := Io.lanes_sound hg hreal
  have hstep : ioStepN ri = e - f + 1 := by
    unfold ioStepN
    simp only [ioSend, ioRecv, List.getD_cons_succ, List.getD_cons_zero]
    rw [Io.laneAt_s, Io.laneAt_t, hf, he]
    apply Mem.lift (by omega)
    obtain ⟨k, rfl⟩ := Nat.exists_eq_add_of_le hfe
    rw [show f + k - f + 1 = k + 1 by omega]
    push_natCast
    grind
  refine ⟨f, e, hfe, he3, by rw [Io.laneAt_s, hf], by rw [Io.laneAt_t, he], hstep, ?_, hm⟩
  simp only [ioRecv, List.getD_cons_succ, List.getD_cons_zero]
  rw [Io.laneAt_s, hf]
  exact Mem.lift (by omega) (by push_natCast)

/-- **The buffer does not wrap around the field**: under `ecall_cover`'s hypotheses, with the
ECALL's real IO rows' word addresses below 2^28 and buf below 2^30, buf + c ≤ 2^30 + 4 — the
byte at buf + (2^30 + 4 − buf) would lie in a row whose first address is a number above 2^30,
while 4 wa + f is below 2^30. -/
theorem ecall_buf_end {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T) (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    {r : Row BabyBear} (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 →
      (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val → r' = r)
    {rs : Row BabyBear} (hrs : rs ∈ T.sys) (hreal : Syscall.real rs = 1)
    (he : Cpu.execMsg r = Syscall.execMsg rs) (hmv : Syscall.moves rs = 1)
    (hio : 4 * T.io.length < 2013265921) (hc : (sysLen rs).val < 2 ^ 30)
    (hwa : ∀ ri ∈ T.io, Io.real ri = 1 → (ri Io.Col.wa).val < 2 ^ 28)
    (hbuf : (sysBuf rs).val < 2 ^ 30) :
    (sysBuf rs).val + (sysLen rs).val ≤ 2 ^ 30 + 4 := by
  have hPv : P = 2013265921 := P_eq
  apply Decidable.byContradiction
  intro hgt
  have hcov := ecall_cover hok hbal hiob hnd hdist hrs hreal he hmv hio hc
  have h1 := hcov.once (2 ^ 30 + 4 - (sysBuf rs).val) (by simp) (by simp; omega)
  obtain ⟨l, hl⟩ : ∃ l, l ∈ ((ecallRows T rs).map (ecallLink rs)).filter
      (Link.Holds (2 ^ 30 + 4 - (sysBuf rs).val)) := by
    cases hf : ((ecallRows T rs).map (ecallLink rs)).filter
        (Link.Holds (2 ^ 30 + 4 - (sysBuf rs).val)) with
    | nil => rw [hf] at h1; simp at h1
    | cons l _ => exact ⟨l, by simp⟩
  obtain ⟨hlm, hhold⟩ := List.mem_filter.mp hl
  obtain ⟨ri, hri, rfl⟩ := List.mem_map.mp hlm
  have hri' := hri
  simp only [ecallRows, List.mem_filter, Bool.and_eq_true, decide_eq_true_eq] at hri'
  obtain ⟨f, e, hfe, he3, -, -, hstep, hA, -⟩ :=
    io_recv_addr (hok.io ri hri'.1) hri'.2.1 (hwa ri hri'.1 hri'.2.1)
  have hw := hwa ri hri'.1 hri'.2.1
  simp only [Link.Holds, ecallLink, relLink, decide_eq_true_eq] at hhold
  -- the row's first address, relative to buf, as a number
  have hrel : ((ioRecv ri).getD 3 0).val = (sysBuf rs).val + rel (sysBuf rs) ((ioRecv ri).getD 3 0) := by
    have e1 : (ioRecv ri).getD 3 0 = sysBuf rs +
        ((rel (sysBuf rs) ((ioRecv ri).getD 3 0) : Nat) : BabyBear) := by
      unfold rel; rw [Felt.natCast_val]; grind
    have hlt : (sysBuf rs).val + rel (sysBuf rs) ((ioRecv ri).getD 3 0) < 2013265921 := by
      rw [hstep] at hhold; omega
    have hr : rel (sysBuf rs) ((ioRecv ri).getD 3 0) < 2013265921 := by
      unfold rel; have := ((ioRecv ri).getD 3 0 - sysBuf rs).val_lt; rw [hPv] at this; exact this
    have hv := congrArg BabyBear.val e1
    rw [BabyBear.val_add, BabyBear.val_natCast, hPv, Nat.mod_eq_of_lt hr,
      Nat.mod_eq_of_lt hlt] at hv
    exact hv
  rw [hstep] at hhold
  omega

/-- **One ECALL's IO row, as numbers**: under `ecall_cover`'s hypotheses, with the real IO rows'
word addresses below 2^28 and buf below 2^30, a real IO row with the SYSCALL row's clk moves the
lanes f .. e (f ≤ e ≤ 3) of its word, its first moved address is 4 wa + f = buf + i as numbers
for its index i (`ecallPos`), i + (e − f + 1) ≤ c, and its first moved position is cur + i in the
field: base + f = cur + i. -/
theorem ecall_row_nat {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T) (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    {r : Row BabyBear} (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 →
      (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val → r' = r)
    {rs : Row BabyBear} (hrs : rs ∈ T.sys) (hreal : Syscall.real rs = 1)
    (he : Cpu.execMsg r = Syscall.execMsg rs) (hmv : Syscall.moves rs = 1)
    (hio : 4 * T.io.length < 2013265921) (hc : (sysLen rs).val < 2 ^ 30)
    (hwa : ∀ ri ∈ T.io, Io.real ri = 1 → (ri Io.Col.wa).val < 2 ^ 28)
    (hbuf : (sysBuf rs).val < 2 ^ 30)
    {ri : Row BabyBear} (hri : ri ∈ T.io) (hr1 : Io.real ri = 1)
    (hclk : ri Io.Col.clk = rs Syscall.Col.clk) :
    ∃ f e : Nat, f ≤ e ∧ e ≤ 3 ∧ Io.laneAt ri Io.Col.s1 = (f : BabyBear) ∧
      Io.laneAt ri Io.Col.t1 = (e : BabyBear) ∧
      (∀ j ∈ Io.lanes, Io.moved ri j = Io.movedOf f e j) ∧ ioStepN ri = e - f + 1 ∧
      ecallPos rs ri + ioStepN ri ≤ (sysLen rs).val ∧
      4 * (ri Io.Col.wa).val + f = (sysBuf rs).val + ecallPos rs ri ∧
      ri Io.Col.base + (f : BabyBear) = rs Syscall.Col.cur + (ecallPos rs ri : BabyBear) := by
  have hPv : P = 2013265921 := P_eq
  obtain ⟨hle, hA, hQ⟩ := ecall_row_at hok hbal hiob hnd hdist hrs hreal he hmv hio hc hri hr1 hclk
  obtain ⟨f, e, hfe, he3, hf, het, hstep, hAv, hm⟩ := io_recv_addr (hok.io ri hri) hr1
    (hwa ri hri hr1)
  have hend := ecall_buf_end hok hbal hiob hnd hdist hrs hreal he hmv hio hc hwa hbuf
  refine ⟨f, e, hfe, he3, hf, het, hm, hstep, hle, ?_, by rw [← hf]; exact hQ⟩
  have hv := congrArg BabyBear.val hA
  have hAv' : (4 * ri Io.Col.wa + Io.laneAt ri Io.Col.s1).val = 4 * (ri Io.Col.wa).val + f := hAv
  rw [hAv', BabyBear.val_add, BabyBear.val_natCast, hPv,
    Nat.mod_eq_of_lt (show ecallPos rs ri < 2013265921 by rw [hstep] at hle; omega),
    Nat.mod_eq_of_lt (show (sysBuf rs).val + ecallPos rs ri < 2013265921 by
      rw [hstep] at hle; omega)] at hv
  exact hv

/-- **Every byte of the buffer lies in one of its ECALL's IO rows** (the range-free
`Io.covering_row`): under `ecall_row_nat`'s hypotheses, for i < c a real IO row with the SYSCALL
row's clk moves a lane j of its word with 4 wa + j = buf + i as numbers and base + j = cur + i
in the field — and exactly one row's range holds i (`ecall_cover`'s `once`). -/
theorem ecall_covering_row {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T)
    (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    {r : Row BabyBear} (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 →
      (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val → r' = r)
    {rs : Row BabyBear} (hrs : rs ∈ T.sys) (hreal : Syscall.real rs = 1)
    (he : Cpu.execMsg r = Syscall.execMsg rs) (hmv : Syscall.moves rs = 1)
    (hio : 4 * T.io.length < 2013265921) (hc : (sysLen rs).val < 2 ^ 30)
    (hwa : ∀ ri ∈ T.io, Io.real ri = 1 → (ri Io.Col.wa).val < 2 ^ 28)
    (hbuf : (sysBuf rs).val < 2 ^ 30) {i : Nat} (hi : i < (sysLen rs).val) :
    ∃ ri ∈ ecallRows T rs, ∃ j, j ≤ 3 ∧ Io.moved ri j = 1 ∧
      4 * (ri Io.Col.wa).val + j = (sysBuf rs).val + i ∧
      ri Io.Col.base + (j : BabyBear) = rs Syscall.Col.cur + (i : BabyBear) := by
  have hcov := ecall_cover hok hbal hiob hnd hdist hrs hreal he hmv hio hc
  have h1 := hcov.once i (by simp) (by simpa using hi)
  obtain ⟨l, hl⟩ : ∃ l, l ∈ ((ecallRows T rs).map (ecallLink rs)).filter (Link.Holds i) := by
    cases hf : ((ecallRows T rs).map (ecallLink rs)).filter (Link.Holds i) with
    | nil => rw [hf] at h1; simp at h1
    | cons l _ => exact ⟨l, by simp⟩
  obtain ⟨hlm, hhold⟩ := List.mem_filter.mp hl
  obtain ⟨ri, hri, rfl⟩ := List.mem_map.mp hlm
  have hri' := hri
  simp only [ecallRows, List.mem_filter, Bool.and_eq_true, decide_eq_true_eq] at hri'
  obtain ⟨f, e, hfe, he3, -, -, hm, hstep, -, hA, hQ⟩ := ecall_row_nat hok hbal hiob hnd hdist
    hrs hreal he hmv hio hc hwa hbuf hri'.1 hri'.2.1 hri'.2.2
  simp only [Link.Holds, ecallLink, relLink, decide_eq_true_eq] at hhold
  have hp : rel (sysBuf rs) ((ioRecv ri).getD 3 0) = ecallPos rs ri := rfl
  rw [hp, hstep] at hhold
  refine ⟨ri, hri, f + (i - ecallPos rs ri), by omega, ?_, by omega, ?_⟩
  · have hj : f + (i - ecallPos rs ri) ∈ Io.lanes := by rw [Io.mem_lanes]; omega
    rw [hm _ hj, Io.movedOf, if_pos (by omega)]
  · have e1 : ((f + (i - ecallPos rs ri) : Nat) : BabyBear) =
        (f : BabyBear) + ((i - ecallPos rs ri : Nat) : BabyBear) := Felt.natCast_add _ _
    have e2 : ((i : Nat) : BabyBear) =
        (ecallPos rs ri : BabyBear) + ((i - ecallPos rs ri : Nat) : BabyBear) := by
      rw [← Felt.natCast_add]; congr 1; omega
    rw [e1, e2]
    grind

/-! ## The bytes, from the range-free chain -/

/-- **A write's bytes are the statement's output at their positions** (`Io.write_output` from the
range-free cover): if every i < c lies at a moved lane j of one of the rows, with 4 wa + j = buf + i
as numbers and base + j = cur + i in the field (`ecall_covering_row`), and cur + c ≤ p, then
output[cur + i] is the byte at buf + i. -/
theorem write_output' (rows : List (Row BabyBear))
    (hrows : ∀ r ∈ rows, Io.Groups r ∧ Io.real r = 1 ∧ r Io.Col.kWrite1 = 1)
    (s : Zkvm.RiscV.State)
    (hmem : ∀ r ∈ rows, ∀ j ∈ Io.lanes,
      r (Io.Col.u0 + j) = Io.memByte s (4 * (r Io.Col.wa).val + j))
    (buf c : Nat) (cur : BabyBear) (hcur : cur.val + c ≤ 2013265921)
    (hcov : ∀ i < c, ∃ r ∈ rows, ∃ j, j ≤ 3 ∧ Io.moved r j = 1 ∧
      4 * (r Io.Col.wa).val + j = buf + i ∧ r Io.Col.base + (j : BabyBear) = cur + (i : BabyBear))
    (sent : List (List BabyBear))
    (hsent : ∀ r ∈ rows, ∀ j ∈ Io.lanes, Io.moved r j = 1 →
      [9, r Io.Col.base + ((j : Nat) : BabyBear), r (Io.Col.n0 + j)] ∈ sent)
    (output : List BabyBear)
    (hout : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [9, ((pos : Nat) : BabyBear), b] ∈ sent → b = output.getD pos 0) :
    ∀ i, i < c → output.getD (cur.val + i) 0 = Io.memByte s (buf + i) := by
  intro i hi
  obtain ⟨r, hr, j, hj3, hmv, hx, hpos⟩ := hcov i hi
  obtain ⟨hg, hreal, hw1⟩ := hrows r hr
  have hjl : j ∈ Io.lanes := by rw [Io.mem_lanes]; omega
  have hm := hsent r hr j hjl hmv
  have hp : r Io.Col.base + ((j : Nat) : BabyBear) = (((cur.val + i : Nat) : Nat) : BabyBear) := by
    rw [hpos, Felt.natCast_add, Felt.natCast_val]
  rw [hp] at hm
  have hb := hout (cur.val + i) _ (by omega) hm
  rw [← hb]
  have hwr : Io.writes r = 1 := by
    rcases Io.kinds hg hreal with ⟨-, h, -, -⟩ | ⟨-, -, h, -⟩ | ⟨-, h, -, -⟩ | ⟨-, h, -, -⟩ <;>
      first | (unfold Io.writes; rw [hw1, h]; decide) | (rw [hw1] at h; exfalso; revert h; decide)
  rw [Io.write_keeps hg hwr j hjl, hmem r hr j hjl, hx]

/-- **A read's bytes are the input's** (`Io.read_input` from the range-free chain): if each row
moves the lanes f .. e of its word, starts at 4 wa + f = buf + i as numbers and base + f = cur + i
in the field with i + (e − f + 1) ≤ c (`ecall_row_nat`), and cur + c ≤ p, every byte a row writes
at a lane it moves lies in the buffer and is the input's byte at its position (INPUT for fd 0,
PRIV for fd 3). -/
theorem read_input' (rows : List (Row BabyBear)) (buf c : Nat) (cur : BabyBear)
    (hcur : cur.val + c ≤ 2013265921)
    (hrow : ∀ r ∈ rows, ∃ f e i : Nat, f ≤ e ∧ e ≤ 3 ∧
      (∀ j ∈ Io.lanes, Io.moved r j = Io.movedOf f e j) ∧ i + (e - f + 1) ≤ c ∧
      4 * (r Io.Col.wa).val + f = buf + i ∧ r Io.Col.base + (f : BabyBear) = cur + (i : BabyBear))
    (tag : BabyBear) (rcvd : List (List BabyBear))
    (hrecv : ∀ r ∈ rows, ∀ j ∈ Io.lanes, Io.moved r j = 1 →
      [tag, r Io.Col.base + ((j : Nat) : BabyBear), r (Io.Col.n0 + j)] ∈ rcvd)
    (input : List BabyBear)
    (hin : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [tag, ((pos : Nat) : BabyBear), b] ∈ rcvd → b = input.getD pos 0) :
    ∀ r ∈ rows, ∀ j ∈ Io.lanes, Io.moved r j = 1 →
      buf ≤ 4 * (r Io.Col.wa).val + j ∧ 4 * (r Io.Col.wa).val + j < buf + c ∧
        r (Io.Col.n0 + j) = input.getD (cur.val + (4 * (r Io.Col.wa).val + j - buf)) 0 := by
  intro r hr j hj hmv
  obtain ⟨f, e, i, hfe, he3, hm, hle, hA, hQ⟩ := hrow r hr
  have hfj : f ≤ j ∧ j ≤ e := by
    have h := hm j hj
    rw [hmv, Io.movedOf] at h
    by_cases hc : f ≤ j ∧ j ≤ e
    · exact hc
    · rw [if_neg hc] at h; exfalso; revert h; decide
  refine ⟨by omega, by omega, ?_⟩
  have hmsg := hrecv r hr j hj hmv
  have hp : r Io.Col.base + ((j : Nat) : BabyBear) =
      (((cur.val + (4 * (r Io.Col.wa).val + j - buf) : Nat) : Nat) : BabyBear) := by
    have e1 : ((j : Nat) : BabyBear) = (f : BabyBear) + ((j - f : Nat) : BabyBear) := by
      rw [← Felt.natCast_add]; congr 1; omega
    rw [show cur.val + (4 * (r Io.Col.wa).val + j - buf) = cur.val + (i + (j - f)) by omega,
      Felt.natCast_add, Felt.natCast_val, Felt.natCast_add, e1]
    grind
  rw [hp] at hmsg
  exact hin _ _ (by omega) hmsg

/-- **The positions do not wrap around the field**: if every position cur + i (i < c, in the
field) of an ECALL's bytes is below M ≤ 2^30 — as the statement's INPUT and OUTPUT messages and
the PRIVATE rows' PRIV messages give for the positions they carry — then c = 0 or cur + c ≤ M
as numbers, which `write_output'` and `read_input'` take. -/
theorem pos_no_wrap (cur : BabyBear) (c M : Nat) (hM : M ≤ 2 ^ 30)
    (h : ∀ i < c, (cur + (i : BabyBear)).val < M) : c = 0 ∨ cur.val + c ≤ M := by
  have hPv : P = 2013265921 := P_eq
  apply Decidable.byContradiction
  intro hno
  by_cases hcur : M ≤ cur.val
  · have := h 0 (by omega)
    rw [BabyBear.val_add, BabyBear.val_natCast, hPv, Nat.zero_mod, Nat.add_zero,
      Nat.mod_eq_of_lt (by have := cur.val_lt; rw [hPv] at this; exact this)] at this
    omega
  · have := h (M - cur.val) (by omega)
    rw [BabyBear.val_add, BabyBear.val_natCast, hPv,
      Nat.mod_eq_of_lt (show M - cur.val < 2013265921 by omega),
      show cur.val + (M - cur.val) = M by omega,
      Nat.mod_eq_of_lt (show M < 2013265921 by omega)] at this
    omega

end Zkvm.Air.V2.Exec

end
