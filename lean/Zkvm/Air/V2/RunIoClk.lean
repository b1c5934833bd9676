module

public import Zkvm.Air.V2.RunIoCensus
public import Zkvm.Air.V2.RunEcallChain

/-!
# Every real IO row carries a moving SYSCALL row's clk, with no range hypothesis

`io_row_syscall` (`RunIoCensus`) walks the IO chain back to a SYSCALL row's start, which needs
the real IO rows' word addresses and positions in range (so that the chain's addresses fall
strictly as numbers). Those ranges come from the memory argument, whose causality uses the fact
proved here, so this file proves it without them, by counting in the field:

* `io_step`: a real IO row's send and receive differ, in their address field, by
  `e − f + 1` with `f ≤ e ≤ 3` — a number from 1 to 4, whatever its word address;
* `io_perm_of_no_syscall`: if no moving SYSCALL row has a given (kind, clk), the IO messages of
  that (kind, clk) are sent and received only by the real IO rows with it (the tag-13 census,
  counted), so their sends are a permutation of their receives;
* `io_row_syscall'`: summing the address field over that permutation, the rows' steps add up to
  0 in the field; with fewer than p / 4 IO rows their sum lies in [1, p), below the field's
  size, so there is no such row: every real IO row carries the clk and kind of a moving SYSCALL
  row.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table

/-- The sum of a list of field elements. -/
def feltSum : List BabyBear → BabyBear
  | [] => 0
  | a :: l => a + feltSum l

/-- The sum of field elements does not depend on their order. -/
theorem feltSum_perm {l l' : List BabyBear} (h : l.Perm l') : feltSum l = feltSum l' := by
  induction h with
  | nil => rfl
  | cons x _ ih => simp only [feltSum, ih]
  | swap x y l => simp only [feltSum]; grind
  | trans _ _ ih1 ih2 => exact ih1.trans ih2

/-- Differences that are numbers add up to the number their sum is. -/
theorem feltSum_sub {α : Type} (S : List α) (a b : α → BabyBear) (n : α → Nat)
    (h : ∀ x ∈ S, a x - b x = (n x : BabyBear)) :
    feltSum (S.map a) - feltSum (S.map b) = ((S.map n).sum : BabyBear) := by
  induction S with
  | nil => simp only [List.map_nil, feltSum, List.sum_nil]; grind
  | cons x S ih =>
    have hx := h x (List.mem_cons_self ..)
    have hS := ih (fun y hy => h y (List.mem_cons_of_mem _ hy))
    simp only [List.map_cons, feltSum, List.sum_cons]
    push_natCast
    grind

/-- Numbers from 1 to 4 add up to between the list's length and four times it. -/
theorem sum_bounds {α : Type} (S : List α) (n : α → Nat) (h : ∀ x ∈ S, 1 ≤ n x ∧ n x ≤ 4) :
    S.length ≤ (S.map n).sum ∧ (S.map n).sum ≤ 4 * S.length := by
  induction S with
  | nil => simp
  | cons x S ih =>
    have hx := h x (List.mem_cons_self ..)
    have hS := ih (fun y hy => h y (List.mem_cons_of_mem _ hy))
    simp only [List.map_cons, List.sum_cons, List.length_cons]
    omega

/-- **A real IO row's step** (field level, no range on its word address): its send's address
field minus its receive's is `e − f + 1`, with `f ≤ e ≤ 3` its start and end lanes. -/
theorem io_step {ri : Row BabyBear} (hg : Io.Groups ri) (hreal : Io.real ri = 1) :
    ∃ f e : Nat, f ≤ e ∧ e ≤ 3 ∧
      (ioSend ri).getD 3 0 - (ioRecv ri).getD 3 0 = ((e - f + 1 : Nat) : BabyBear) := by
  obtain ⟨f, e, hfe, he3, hf, he, -⟩ := Io.lanes_sound hg hreal
  refine ⟨f, e, hfe, he3, ?_⟩
  simp only [ioSend, ioRecv, List.getD_cons_succ, List.getD_cons_zero]
  rw [Io.laneAt_s, Io.laneAt_t, hf, he]
  obtain ⟨k, rfl⟩ := Nat.exists_eq_add_of_le hfe
  rw [show f + k - f + 1 = k + 1 by omega]
  push_natCast
  grind

/-- The step of `io_step` as a number from 1 to 4. -/
theorem io_step_val {ri : Row BabyBear} (hg : Io.Groups ri) (hreal : Io.real ri = 1) :
    1 ≤ ((ioSend ri).getD 3 0 - (ioRecv ri).getD 3 0).val ∧
      ((ioSend ri).getD 3 0 - (ioRecv ri).getD 3 0).val ≤ 4 := by
  obtain ⟨f, e, hfe, he3, h⟩ := io_step hg hreal
  rw [h, BabyBear.val_natCast, Nat.mod_eq_of_lt (by rw [P_eq]; omega)]
  omega

/-- The real IO rows of kind `k` at clk `c`. -/
def ioRows (T : Tables) (k c : BabyBear) : List (Row BabyBear) :=
  T.io.filter fun ri =>
    decide (Io.real ri = 1) && decide (Io.kind ri = k) && decide (ri Io.Col.clk = c)

/-- An IO message of kind `k` at clk `c`. -/
def AtKindClk (k c : BabyBear) (m : List BabyBear) : Prop :=
  m.head? = some 13 ∧ m[1]? = some k ∧ m[2]? = some c

instance (k c : BabyBear) (m : List BabyBear) : Decidable (AtKindClk k c m) := by
  unfold AtKindClk; exact inferInstance

/-- The real IO rows sending (or receiving) an IO message of kind `k` at clk `c` are `ioRows`. -/
theorem io_countP_kind_clk {T : Tables} {k c : BabyBear} (msg : Row BabyBear → List BabyBear)
    (hkc : ∀ ri, (msg ri)[1]? = some (Io.kind ri) ∧ (msg ri)[2]? = some (ri Io.Col.clk))
    {m : List BabyBear} (hm : AtKindClk k c m) :
    T.io.countP (fun ri => decide (Io.real ri = 1) && (msg ri == m)) =
      ((ioRows T k c).map msg).count m := by
  rw [ioRows, List.count_eq_countP, List.countP_map, List.countP_filter]
  apply List.countP_congr
  intro ri _
  simp only [Function.comp, Bool.and_eq_true, decide_eq_true_eq, beq_iff_eq]
  constructor
  · rintro ⟨h1, h2⟩
    have hk := (hkc ri).1
    have hc := (hkc ri).2
    rw [h2, hm.2.1] at hk
    rw [h2, hm.2.2] at hc
    exact ⟨h2, ⟨h1, (Option.some.inj hk).symm⟩, (Option.some.inj hc).symm⟩
  · rintro ⟨h2, ⟨h1, -⟩, -⟩
    exact ⟨h1, h2⟩

/-- No moving SYSCALL row starts (or ends) an IO message of a (kind, clk) no moving SYSCALL row
has. -/
theorem sys_countP_none {T : Tables} {k c : BabyBear}
    (hno : ∀ rs ∈ T.sys, Syscall.moves rs = 1 → rs Syscall.Col.clk = c → Syscall.kind rs = k →
      False)
    (msg : Row BabyBear → List BabyBear)
    (hkc : ∀ rs, (msg rs)[1]? = some (Syscall.kind rs) ∧ (msg rs)[2]? = some (rs Syscall.Col.clk))
    {m : List BabyBear} (hm : AtKindClk k c m) :
    T.sys.countP (fun rs => decide (Syscall.moves rs = 1) && (msg rs == m)) = 0 := by
  apply List.countP_eq_zero.mpr
  intro rs hrs h
  simp only [Bool.and_eq_true, decide_eq_true_eq, beq_iff_eq] at h
  have hk := (hkc rs).1
  have hc := (hkc rs).2
  rw [h.2, hm.2.1] at hk
  rw [h.2, hm.2.2] at hc
  exact hno rs hrs h.1 (Option.some.inj hc).symm (Option.some.inj hk).symm

/-- **The IO messages of a (kind, clk) without a moving SYSCALL row balance among its IO rows**:
the real IO rows of that kind and clk send a permutation of what they receive — when the IO
messages balance. -/
theorem io_perm_of_no_syscall {T : Tables} (hok : T.Ok) (hiob : IoBalanced T) (k c : BabyBear)
    (hno : ∀ rs ∈ T.sys, Syscall.moves rs = 1 → rs Syscall.Col.clk = c → Syscall.kind rs = k →
      False) :
    ((ioRows T k c).map ioSend).Perm ((ioRows T k c).map ioRecv) := by
  apply List.perm_iff_count.mpr
  intro m
  by_cases hm : AtKindClk k c m
  · have hs := sent_count_io hok hm.1
    have hr := rcvd_count_io hok hm.1
    rw [sys_countP_none hno ioStart (fun _ => ⟨rfl, rfl⟩) hm,
      io_countP_kind_clk ioSend (fun _ => ⟨rfl, rfl⟩) hm] at hs
    rw [sys_countP_none hno ioEnd (fun _ => ⟨rfl, rfl⟩) hm,
      io_countP_kind_clk ioRecv (fun _ => ⟨rfl, rfl⟩) hm] at hr
    have hb := hiob m hm.1
    omega
  · have hno' : ∀ l : List (List BabyBear), (∀ x ∈ l, AtKindClk k c x) → l.count m = 0 :=
      fun l hl => List.count_eq_zero.mpr fun hx => hm (hl m hx)
    have hin : ∀ ri ∈ ioRows T k c, Io.kind ri = k ∧ ri Io.Col.clk = c := by
      intro ri hri
      simp only [ioRows, List.mem_filter, Bool.and_eq_true, decide_eq_true_eq] at hri
      exact ⟨hri.2.1.2, hri.2.2⟩
    rw [hno' _ ?_, hno' _ ?_]
    · intro x hx
      obtain ⟨ri, hri, rfl⟩ := List.mem_map.mp hx
      obtain ⟨h1, h2⟩ := hin ri hri
      exact ⟨rfl, by simp only [ioRecv, h1]; rfl, by simp only [ioRecv, h2]; rfl⟩
    · intro x hx
      obtain ⟨ri, hri, rfl⟩ := List.mem_map.mp hx
      obtain ⟨h1, h2⟩ := hin ri hri
      exact ⟨rfl, by simp only [ioSend, h1]; rfl, by simp only [ioSend, h2]; rfl⟩

/-- **An IO row works for a SYSCALL row, without ranges**: every real IO row carries the clk and
kind of a moving SYSCALL row, when the IO messages balance and there are fewer than p / 4 IO rows.
Otherwise the real IO rows of its (kind, clk) would send a permutation of what they receive
(`io_perm_of_no_syscall`), so their steps (each from 1 to 4, `io_step`) would add up to 0 in the
field, while as numbers they add up to between 1 and 4 times the rows, below the field's size. -/
theorem io_row_syscall' {T : Tables} (hok : T.Ok) (hbal : IoBalanced T)
    (hio : 4 * T.io.length < 2013265921) :
    ∀ ri ∈ T.io, Io.real ri = 1 → ∃ rs ∈ T.sys, Syscall.moves rs = 1 ∧
      rs Syscall.Col.clk = ri Io.Col.clk ∧ Syscall.kind rs = Io.kind ri := by
  intro ri hri hreal
  apply Classical.byContradiction
  intro hne
  have hno : ∀ rs ∈ T.sys, Syscall.moves rs = 1 → rs Syscall.Col.clk = ri Io.Col.clk →
      Syscall.kind rs = Io.kind ri → False :=
    fun rs hrs h1 h2 h3 => hne ⟨rs, hrs, h1, h2, h3⟩
  have hP := (io_perm_of_no_syscall hok hbal _ _ hno).map (fun m => m.getD 3 0)
  simp only [List.map_map] at hP
  have hsum := feltSum_perm hP
  let S := ioRows T (Io.kind ri) (ri Io.Col.clk)
  have hmem : ∀ x ∈ S, Io.Groups x ∧ Io.real x = 1 := by
    intro x hx
    simp only [S, ioRows, List.mem_filter, Bool.and_eq_true, decide_eq_true_eq] at hx
    exact ⟨hok.io x hx.1, hx.2.1.1⟩
  have hd := feltSum_sub S (fun x => (ioSend x).getD 3 0) (fun x => (ioRecv x).getD 3 0)
    (fun x => ((ioSend x).getD 3 0 - (ioRecv x).getD 3 0).val)
    (fun x _ => (BabyBear.ofNat_val _).symm)
  have hri' : ri ∈ S := by
    refine List.mem_filter.mpr ⟨hri, ?_⟩
    simp only [hreal, decide_true, Bool.and_self]
  have hb := sum_bounds S (fun x => ((ioSend x).getD 3 0 - (ioRecv x).getD 3 0).val)
    (fun x hx => io_step_val (hmem x hx).1 (hmem x hx).2)
  have hlen : S.length ≤ T.io.length := List.length_filter_le _ _
  have hpos : 0 < S.length := List.length_pos_of_mem hri'
  have hz : (((S.map fun x => ((ioSend x).getD 3 0 - (ioRecv x).getD 3 0).val).sum : Nat) :
      BabyBear) = 0 := by
    rw [← hd]
    simp only [Function.comp_def] at hsum
    rw [hsum]
    grind
  have hv := congrArg BabyBear.val hz
  rw [BabyBear.val_natCast, BabyBear.val_zero, Nat.mod_eq_of_lt (by rw [P_eq]; omega)] at hv
  omega

end Zkvm.Air.V2.Exec

end
