module

public import Zkvm.Air.V2.RunBus

/-!
# Each load's or store's request is received once

`Run.port3_of_tables` assumes `MemOnce`: no two real MEM rows receive the same EXEC message.
This file states it and derives it from the EXEC messages balancing, by counting:

* a CPU request is sent at most once (`sent_count_le_one`): only CPU rows send EXEC (the census),
  each CPU row's fractions carry tag 10 once, and no two CPU rows with f_exec share a clk;
* two different real MEM rows receiving the same message would make it received at least twice
  (`two_le_rcvd_count`);
* so, balanced, a message is received by one MEM row only (`memOnce_of_bus`).
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

/-- **Two different real MEM rows receiving one message make it received at least twice.** -/
theorem two_le_rcvd_count {T : Tables} {rm₁ rm₂ : Row BabyBear} (h₁ : rm₁ ∈ T.mem)
    (h₂ : rm₂ ∈ T.mem) (hr₁ : Mem.real rm₁ = 1) (hr₂ : Mem.real rm₂ = 1)
    (he : Mem.execMsg rm₁ = Mem.execMsg rm₂) (hne : rm₁ ≠ rm₂) :
    2 ≤ T.rcvd.count (Mem.execMsg rm₁).fields := by
  let x := (Mem.execMsg rm₁).fields
  let sel : Row BabyBear → Bool :=
    fun rm => decide (Mem.real rm = 1) && ((Mem.execMsg rm).fields == x)
  let g : Row BabyBear → Fraction BabyBear := fun rm => ⟨-1, (Mem.execMsg rm).fields⟩
  have hs1 : ((T.mem.filter sel).map g).Sublist (T.mem.flatMap Mem.fractions) :=
    filter_map_sublist sel g Mem.fractions T.mem fun rm _ hs => by
      have hreal : Mem.real rm = 1 := by
        simp only [sel, Bool.and_eq_true, decide_eq_true_eq] at hs; exact hs.1
      have hg : g rm = ⟨-(Mem.real rm), (Mem.execMsg rm).fields⟩ := by simp only [g, hreal]
      rw [hg]
      exact List.cons_sublist_cons.mpr (List.nil_sublist _)
  have hs2 : (T.mem.flatMap Mem.fractions).Sublist T.fractions := by
    unfold Tables.fractions
    iterate 5 apply List.sublist_append_of_sublist_left
    exact List.sublist_append_right _ _
  have hs3 := ((hs1.trans hs2).filter (fun f => decide (f.mult = -1))).map (·.fields)
  have hkeep : ((T.mem.filter sel).map g).filter (fun f => decide (f.mult = -1)) =
      (T.mem.filter sel).map g :=
    List.filter_eq_self.mpr fun f hf => by
      obtain ⟨rm, -, rfl⟩ := List.mem_map.mp hf
      simp only [g, decide_true]
  rw [hkeep, List.map_map] at hs3
  have hc := hs3.count_le x
  have hall : ((T.mem.filter sel).map ((·.fields) ∘ g)).count x =
      ((T.mem.filter sel).map ((·.fields) ∘ g)).length := by
    apply List.count_eq_length.mpr
    intro y hy
    obtain ⟨rm, hrm, rfl⟩ := List.mem_map.mp hy
    simp only [List.mem_filter, sel, Bool.and_eq_true, beq_iff_eq] at hrm
    exact hrm.2.2.symm
  have hlen : 2 ≤ (T.mem.filter sel).length := by
    refine two_le_length (List.mem_filter.mpr ⟨h₁, ?_⟩) (List.mem_filter.mpr ⟨h₂, ?_⟩) hne
    · simp only [sel, hr₁, decide_true, Bool.true_and, x, beq_self_eq_true]
    · simp only [sel, hr₂, decide_true, Bool.true_and, x, he, beq_self_eq_true]
  rw [List.length_map] at hall
  exact Nat.le_trans hlen (hall ▸ hc)

/-- **No two real MEM rows receive the same message** (`Run.MemOnce`), when the EXEC messages
balance and no two CPU rows with f_exec share a clk. -/
theorem memOnce_of_bus {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T)
    (hdist : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup) :
    Run.MemOnce T := by
  intro rm₁ h₁ rm₂ h₂ hr₁ hr₂ he
  apply Classical.byContradiction
  intro hne
  have h2 := two_le_rcvd_count h₁ h₂ hr₁ hr₂ he hne
  obtain ⟨r, -, -, hfe⟩ := mem_answers_cpu hok hbal h₁ hr₁
  have h1 := sent_count_le_one hok hdist r
  rw [hfe, hbal _ rfl] at h1
  omega

end Zkvm.Air.V2.Exec

end
