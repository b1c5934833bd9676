module

public import Zkvm.Air.V2.RunBus

/-!
# Each load's or store's request is received once

`Run.port3_of_tables` assumes `MemOnce`: no two real MEM rows receive the same EXEC message
(`Run.ecall_port3` the same of SYSCALL rows, `SysOnce`). This file states both and derives them
from the EXEC messages balancing, by counting:

* a CPU request is sent at most once (`sent_count_le_one`): only CPU rows send EXEC (the census),
  each CPU row's fractions carry tag 10 once, and no two CPU rows with f_exec share a clk;
* two different real rows of a coprocessor table receiving the same message would make it
  received at least twice (`two_le_rcvd_count`);
* so, balanced, a message is received by one MEM row only (`memOnce_of_bus`), and likewise by
  one SYSCALL row only (`sysOnce_of_bus`, `SysOnce`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Exec (Tables)

/-- **No two real MEM rows receive the same EXEC message** (what the bus gives: each CPU request
is sent once, so received once). -/
def MemOnce (T : Tables) : Prop :=
  ∀ rm₁ ∈ T.mem, ∀ rm₂ ∈ T.mem, Mem.real rm₁ = 1 → Mem.real rm₂ = 1 →
    Exec.Mem.execMsg rm₁ = Exec.Mem.execMsg rm₂ → rm₁ = rm₂

/-- **No two real SYSCALL rows receive the same EXEC message.** -/
def SysOnce (T : Tables) : Prop :=
  ∀ rs₁ ∈ T.sys, ∀ rs₂ ∈ T.sys, Syscall.real rs₁ = 1 → Syscall.real rs₂ = 1 →
    Exec.Syscall.execMsg rs₁ = Exec.Syscall.execMsg rs₂ → rs₁ = rs₂

end Zkvm.Air.V2.Run

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)

/-! ## Lists -/

/-- A list with two different members has at least two elements. -/
theorem two_le_length {α : Type} {l : List α} {a b : α} (ha : a ∈ l) (hb : b ∈ l) (hne : a ≠ b) :
    2 ≤ l.length := by
  match l, ha, hb with
  | [c], ha, hb =>
    simp only [List.mem_singleton] at ha hb
    exact absurd (ha.trans hb.symm) hne
  | _ :: _ :: _, _, _ => simp

/-- The selected rows' images form a sublist of the rows' lists, when each selected row's image
is in its own list. -/
theorem filter_map_sublist {α β : Type} (sel : α → Bool) (g : α → β) (F : α → List β) :
    ∀ rows : List α, (∀ a ∈ rows, sel a = true → [g a].Sublist (F a)) →
      ((rows.filter sel).map g).Sublist (rows.flatMap F)
  | [], _ => by simp
  | a :: rest, h => by
    have ih := filter_map_sublist sel g F rest (fun b hb => h b (List.mem_cons_of_mem _ hb))
    rw [List.flatMap_cons, List.filter_cons]
    split
    · rename_i hs
      rw [List.map_cons]
      exact (h a (List.mem_cons_self ..) hs).append ih
    · exact ih.trans (List.sublist_append_right _ _)

/-- Rows each contributing at most one, and only when selected with key `c`, contribute at most
one in all when the selected rows' keys are distinct. -/
theorem countP_flatMap_le_one {α β κ : Type} (P : β → Bool) (F : α → List β) (E : α → Bool)
    (k : α → κ) (c : κ) (hrow : ∀ a, (F a).countP P ≤ 1)
    (hpos : ∀ a, 0 < (F a).countP P → E a = true ∧ k a = c) :
    ∀ rows : List α, ((rows.filter E).map k).Nodup → (rows.flatMap F).countP P ≤ 1
  | [], _ => by simp
  | a :: rest, hnd => by
    rw [List.flatMap_cons, List.countP_append]
    have hnd' : ((rest.filter E).map k).Nodup := by
      rw [List.filter_cons] at hnd
      split at hnd
      · exact (List.nodup_cons.mp (by simpa using hnd)).2
      · exact hnd
    by_cases h0 : (F a).countP P = 0
    · have := countP_flatMap_le_one P F E k c hrow hpos rest hnd'
      omega
    · obtain ⟨hE, hk⟩ := hpos a (by omega)
      have hnot : c ∉ (rest.filter E).map k := by
        rw [List.filter_cons, if_pos hE, List.map_cons, hk] at hnd
        exact (List.nodup_cons.mp hnd).1
      have hz : (rest.flatMap F).countP P = 0 := by
        apply List.countP_eq_zero.mpr
        intro f hf hP
        obtain ⟨b, hb, hfb⟩ := List.mem_flatMap.mp hf
        obtain ⟨hEb, hkb⟩ := hpos b (List.countP_pos_iff.mpr ⟨f, hfb, hP⟩)
        exact hnot (List.mem_map.mpr ⟨b, List.mem_filter.mpr ⟨hb, hEb⟩, hkb⟩)
      have := hrow a
      omega

/-! ## Counting EXEC messages -/

theorem sent_count (T : Tables) (x : List BabyBear) :
    T.sent.count x = T.fractions.countP (fun f => f.fields == x && decide (f.mult = 1)) := by
  simp only [Tables.sent, List.count_eq_countP, List.countP_map, List.countP_filter]
  rfl

theorem rcvd_count (T : Tables) (x : List BabyBear) :
    T.rcvd.count x = T.fractions.countP (fun f => f.fields == x && decide (f.mult = -1)) := by
  simp only [Tables.rcvd, List.count_eq_countP, List.countP_map, List.countP_filter]
  rfl

/-- A CPU row's fractions carry tag 10 once (its EXEC request). -/
theorem cpu_tag10_count (r : Row BabyBear) :
    (Cpu.fractions r).countP (fun f => f.fields.head? == some 10) = 1 := by
  simp only [Cpu.fractions, Cpu.port, Cpu.tagProg, Cpu.tagMem, Cpu.tagU16, Cpu.tagExec,
    Cpu.tagHalt, Cpu.tagExit, List.append_assoc, List.cons_append, List.nil_append,
    List.countP_cons, List.countP_nil]
  simp (config := { decide := true })

/-- **A CPU request is sent at most once**, when no two CPU rows with f_exec share a clk. -/
theorem sent_count_le_one {T : Tables} (hok : T.Ok)
    (hdist : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    (r : Row BabyBear) : T.sent.count (Cpu.execMsg r).fields ≤ 1 := by
  rw [sent_count]
  let P : Fraction BabyBear → Bool :=
    fun f => f.fields == (Cpu.execMsg r).fields && decide (f.mult = 1)
  have hhead : ∀ f, P f = true → f.fields.head? = some 10 := by
    intro f hf
    simp only [P, Bool.and_eq_true, beq_iff_eq] at hf
    rw [hf.1]; rfl
  have h1 : ∀ f, P f = true → f.mult = 1 := by
    intro f hP
    simp only [P, Bool.and_eq_true, decide_eq_true_eq] at hP; exact hP.2
  -- only the CPU rows' fractions count
  have zero : ∀ (rows : List (Row BabyBear)) (F : Row BabyBear → List (Fraction BabyBear)),
      (∀ r' ∈ rows, ∀ f ∈ F r', f.fields.head? = some 10 → f.mult = 1 → False) →
      (rows.flatMap F).countP P = 0 := fun rows F h =>
    List.countP_eq_zero.mpr fun f hf hP => by
      obtain ⟨r', hr', hf'⟩ := List.mem_flatMap.mp hf
      exact h r' hr' f hf' (hhead f hP) (h1 f hP)
  have hle : T.fractions.countP P ≤ (T.cpu.flatMap Cpu.fractions).countP P := by
    simp only [Tables.fractions, List.countP_append]
    rw [zero T.alu Alu.fractions fun r' hr' f hf hh h1 => by
          have e := alu_exec_only r' f hf hh; subst e
          exact neg_ne_one (alu_real_le (hok.alu r' hr')) h1,
      zero T.logic Logic.fractions fun r' hr' f hf hh h1 => by
          have e := logic_exec_only r' f hf hh; subst e
          exact neg_ne_one (logic_real_le (hok.logic r' hr')) h1,
      zero T.mul Mul.fractions fun r' hr' f hf hh h1 => by
          have e := mul_exec_only r' f hf hh; subst e
          exact neg_ne_one (mul_real_le (hok.mul r' hr')) h1,
      zero T.div Div.fractions fun r' hr' f hf hh h1 => by
          have e := div_exec_only r' f hf hh; subst e
          exact neg_ne_one (div_real_le (hok.div r' hr')) h1,
      zero T.mem Mem.fractions fun r' hr' f hf hh h1 => by
          have e := mem_exec_only r' f hf hh; subst e
          exact neg_ne_one (mem_real_le (hok.mem r' hr')) h1,
      zero T.sys Syscall.fractions fun r' hr' f hf hh h1 => by
          have e := syscall_exec_only r' f hf hh; subst e
          obtain ⟨pub, hg⟩ := hok.sys r' hr'
          exact neg_ne_one (syscall_real_le hg) h1,
      zero T.io Io.fractions fun r' hr' f hf hh _ => io_no_exec (hok.io r' hr') f hf hh,
      zero T.range Range.fractions fun r' _ f hf hh _ => range_no_exec r' f hf hh,
      zero T.priv Private.fractions fun r' _ f hf hh _ => private_no_exec r' f hf hh,
      zero T.bnd Boundary.fractions fun r' _ f hf hh _ => boundary_no_exec r' f hf hh]
    omega
  refine Nat.le_trans hle (countP_flatMap_le_one P Cpu.fractions
    (fun r' => decide (r' Cpu.Col.fExec = 1)) (· Cpu.Col.clk) (r Cpu.Col.clk) ?_ ?_ T.cpu hdist)
  · intro r'
    rw [← cpu_tag10_count r']
    exact List.countP_mono_left fun f _ hP => by simp only [hhead f hP]; rfl
  · intro r' hpos
    obtain ⟨f, hf, hP⟩ := List.countP_pos_iff.mp hpos
    have e := cpu_exec_only r' f hf (hhead f hP)
    subst e
    simp only [P, Bool.and_eq_true, beq_iff_eq, decide_eq_true_eq] at hP
    have he := Msg.fields_inj hP.1
    simp only [Cpu.execMsg, Msg.mk.injEq] at he
    exact ⟨by simp only [hP.2, decide_true], he.2.1⟩

/-- **A message is received at least as often as real rows of a coprocessor table receive it**
(counted with their places in the table): for a table whose rows' fractions are among all
fractions and whose first fraction receives the row's message with multiplicity −real. -/
theorem rows_le_rcvd_count {T : Tables} {rows : List (Row BabyBear)}
    {F : Row BabyBear → List (Fraction BabyBear)} {real : Row BabyBear → BabyBear}
    {msg : Row BabyBear → List BabyBear} (hsub : (rows.flatMap F).Sublist T.fractions)
    (hhead : ∀ r, (F r).head? = some ⟨-(real r), msg r⟩) (x : List BabyBear) :
    (rows.filter fun r => decide (real r = 1) && (msg r == x)).length ≤ T.rcvd.count x := by
  let sel : Row BabyBear → Bool := fun r => decide (real r = 1) && (msg r == x)
  let g : Row BabyBear → Fraction BabyBear := fun r => ⟨-1, msg r⟩
  have hs1 : ((rows.filter sel).map g).Sublist (rows.flatMap F) :=
    filter_map_sublist sel g F rows fun r _ hs => by
      have hreal : real r = 1 := by
        simp only [sel, Bool.and_eq_true, decide_eq_true_eq] at hs; exact hs.1
      have hg : g r = ⟨-(real r), msg r⟩ := by simp only [g, hreal]
      obtain ⟨tl, htl⟩ : ∃ tl, F r = ⟨-(real r), msg r⟩ :: tl := by
        have h := hhead r
        cases hF : F r with
        | nil => rw [hF] at h; cases h
        | cons f tl => rw [hF] at h; cases h; exact ⟨tl, rfl⟩
      rw [hg, htl]
      exact List.cons_sublist_cons.mpr (List.nil_sublist _)
  have hs3 := ((hs1.trans hsub).filter (fun f => decide (f.mult = -1))).map (·.fields)
  have hkeep : ((rows.filter sel).map g).filter (fun f => decide (f.mult = -1)) =
      (rows.filter sel).map g :=
    List.filter_eq_self.mpr fun f hf => by
      obtain ⟨r, -, rfl⟩ := List.mem_map.mp hf
      simp only [g, decide_true]
  rw [hkeep, List.map_map] at hs3
  have hc := hs3.count_le x
  have hall : ((rows.filter sel).map ((·.fields) ∘ g)).count x =
      ((rows.filter sel).map ((·.fields) ∘ g)).length := by
    apply List.count_eq_length.mpr
    intro y hy
    obtain ⟨r, hr, rfl⟩ := List.mem_map.mp hy
    simp only [List.mem_filter, sel, Bool.and_eq_true, beq_iff_eq] at hr
    exact hr.2.2.symm
  rw [List.length_map] at hall
  exact hall ▸ hc

/-- **Two different real rows of a coprocessor table receiving one message make it received at
least twice.** -/
theorem two_le_rcvd_count {T : Tables} {rows : List (Row BabyBear)}
    {F : Row BabyBear → List (Fraction BabyBear)} {real : Row BabyBear → BabyBear}
    {msg : Row BabyBear → List BabyBear} (hsub : (rows.flatMap F).Sublist T.fractions)
    (hhead : ∀ r, (F r).head? = some ⟨-(real r), msg r⟩)
    {r₁ r₂ : Row BabyBear} (h₁ : r₁ ∈ rows) (h₂ : r₂ ∈ rows) (hr₁ : real r₁ = 1)
    (hr₂ : real r₂ = 1) (he : msg r₁ = msg r₂) (hne : r₁ ≠ r₂) :
    2 ≤ T.rcvd.count (msg r₁) := by
  refine Nat.le_trans ?_ (rows_le_rcvd_count hsub hhead (msg r₁))
  refine two_le_length (List.mem_filter.mpr ⟨h₁, ?_⟩) (List.mem_filter.mpr ⟨h₂, ?_⟩) hne
  · simp only [hr₁, decide_true, Bool.true_and, beq_self_eq_true]
  · simp only [hr₂, decide_true, Bool.true_and, he, beq_self_eq_true]

theorem mem_sublist (T : Tables) : (T.mem.flatMap Mem.fractions).Sublist T.fractions := by
  unfold Tables.fractions
  iterate 5 apply List.sublist_append_of_sublist_left
  exact List.sublist_append_right _ _

theorem sys_sublist (T : Tables) : (T.sys.flatMap Syscall.fractions).Sublist T.fractions := by
  unfold Tables.fractions
  iterate 4 apply List.sublist_append_of_sublist_left
  exact List.sublist_append_right _ _

/-- **No two real MEM rows receive the same message** (`Run.MemOnce`), when the EXEC messages
balance and no two CPU rows with f_exec share a clk. -/
theorem memOnce_of_bus {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T)
    (hdist : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup) :
    Run.MemOnce T := by
  intro rm₁ h₁ rm₂ h₂ hr₁ hr₂ he
  apply Classical.byContradiction
  intro hne
  have h2 := two_le_rcvd_count (mem_sublist T) Mem.exec_fraction h₁ h₂ hr₁ hr₂
    (congrArg Msg.fields he) hne
  obtain ⟨r, -, -, hfe⟩ := mem_answers_cpu hok hbal h₁ hr₁
  have h1 := sent_count_le_one hok hdist r
  rw [hfe, hbal _ rfl] at h1
  omega

/-- **No two real SYSCALL rows receive the same message** (`Run.SysOnce`), when the EXEC messages
balance and no two CPU rows with f_exec share a clk. -/
theorem sysOnce_of_bus {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T)
    (hdist : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup) :
    Run.SysOnce T := by
  intro rs₁ h₁ rs₂ h₂ hr₁ hr₂ he
  apply Classical.byContradiction
  intro hne
  have h2 := two_le_rcvd_count (sys_sublist T) Syscall.exec_fraction h₁ h₂ hr₁ hr₂
    (congrArg Msg.fields he) hne
  have hin : (Syscall.execMsg rs₁).fields ∈ T.rcvd :=
    Tables.rcvd_of (f := ⟨-(Syscall.real rs₁), (Syscall.execMsg rs₁).fields⟩)
      (Tables.of_sys h₁ (List.mem_of_mem_head? (Syscall.exec_fraction rs₁))) (by rw [hr₁])
  obtain ⟨r, -, -, hfe⟩ := exec_sender hok (exec_rcvd_sent hbal hin rfl) rfl
  have h1 := sent_count_le_one hok hdist r
  rw [← hfe, hbal _ rfl] at h1
  omega

/-- **A SYSCALL row's request is received by it alone**, counted with the places in the table. -/
theorem sys_rows_le_one {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T)
    (hdist : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    {rs : Row BabyBear} (hrs : rs ∈ T.sys) (hreal : Syscall.real rs = 1) :
    (T.sys.filter fun rs' => decide (Syscall.real rs' = 1) &&
      ((Syscall.execMsg rs').fields == (Syscall.execMsg rs).fields)).length ≤ 1 := by
  have hin : (Syscall.execMsg rs).fields ∈ T.rcvd :=
    Tables.rcvd_of (f := ⟨-(Syscall.real rs), (Syscall.execMsg rs).fields⟩)
      (Tables.of_sys hrs (List.mem_of_mem_head? (Syscall.exec_fraction rs))) (by rw [hreal])
  obtain ⟨r, -, -, hfe⟩ := exec_sender hok (exec_rcvd_sent hbal hin rfl) rfl
  have h1 := sent_count_le_one hok hdist r
  rw [← hfe, hbal _ rfl] at h1
  exact Nat.le_trans (rows_le_rcvd_count (sys_sublist T) Syscall.exec_fraction _) h1

end Zkvm.Air.V2.Exec

end
