module

public import Zkvm.Air.V2.RunPort3
public import Zkvm.Air.V2.RunCount

/-!
# One ECALL's IO rows are its chain, from the bus

A moving SYSCALL row starts the IO chain of its ECALL, IO(kind, clk, buf, cur), and ends it,
IO(kind, clk, buf + c, cur + c); each real IO row of that ECALL receives a link's start and sends
its stop (docs/air.md §7, `Io.row_link`). `Io.ecall_rows_cover` turns the balance of these
messages, as a permutation of numbers, into the chain covering [buf, buf + c) once. This file
derives that permutation from the IO messages balancing over every table's rows:

* `sent_count_io`, `rcvd_count_io`: an IO message of the ECALL (kind, clk) is sent as often as
  moving SYSCALL rows start with it and real IO rows send it, and received as often as SYSCALL
  rows end with it and IO rows receive it (the tag-13 census, counted);
* `ecall_io_perm`: so, for an ECALL row's moving SYSCALL row (the only one at its clk, counted
  with its place: `sys_rows_le_one`), its start and its IO rows' sends (the real IO rows with its
  clk) are a permutation of its end and their receives (as field elements);
* `ecall_chain`: the same as numbers, the permutation `Io.ecall_rows_cover` and the ECALL joins
  take, with the end buf + c, cur + c not wrapped around the field: the chain moves forward from
  the start (`Zkvm.Air.IoChain.chain`), and an end past the field's size would fall below it.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)

/-- A fraction carrying an IO message (tag 13). -/
def IsIo (f : Fraction BabyBear) : Bool := f.fields.head? == some 13

theorem syscall_io_filter (r : Row BabyBear) :
    (Syscall.fractions r).filter IsIo =
      [⟨Syscall.moves r, ioStart r⟩, ⟨-(Syscall.moves r), ioEnd r⟩] := by
  simp only [Syscall.fractions, Syscall.access, Syscall.tagExec, Syscall.opEcall, Syscall.tagHalt,
    Syscall.tagMem, Syscall.tagIo, Syscall.tagU16, Syscall.tagPlen, ioStart, ioEnd, IsIo,
    List.cons_append, List.nil_append, List.filter_cons, List.filter_nil]
  simp (config := { decide := true })

theorem io_io_filter {r : Row BabyBear} (hg : Io.Groups r) :
    (Io.fractions r).filter IsIo = [⟨-(Io.real r), ioRecv r⟩, ⟨Io.real r, ioSend r⟩] := by
  have hb := byteTag_ne_io hg
  simp only [Io.fractions, Io.tagMem, Io.tagU16, Io.tagU8, Io.tagIo, ioRecv, ioSend, IsIo,
    List.filter_cons, List.filter_nil]
  simp (config := { decide := true }) [hb]

/-- For an IO message, only the fractions carrying tag 13 count. -/
theorem countP_io_filter (l : List (Fraction BabyBear)) {m : List BabyBear}
    (hm : m.head? = some 13) (μ : BabyBear → Bool) :
    l.countP (fun f => f.fields == m && μ f.mult) =
      (l.filter IsIo).countP (fun f => f.fields == m && μ f.mult) := by
  rw [List.countP_filter]
  apply List.countP_congr
  intro f _
  constructor
  · intro h
    simp only [Bool.and_eq_true, beq_iff_eq] at h ⊢
    refine ⟨h, ?_⟩
    simp only [IsIo, h.1, hm, beq_self_eq_true]
  · intro h
    simp only [Bool.and_eq_true] at h ⊢
    exact h.1

/-- Rows each contributing 0 or 1 contribute the number of rows that contribute. -/
theorem countP_rows {α : Type} {rows : List (Row BabyBear)} {F : Row BabyBear → List α}
    {P : α → Bool} {q : Row BabyBear → Bool}
    (h : ∀ r ∈ rows, (F r).countP P = if q r then 1 else 0) :
    (rows.flatMap F).countP P = rows.countP q := by
  induction rows with
  | nil => rfl
  | cons a rest ih =>
    rw [List.flatMap_cons, List.countP_append, List.countP_cons, h a (List.mem_cons_self ..),
      ih (fun r hr => h r (List.mem_cons_of_mem _ hr))]
    split <;> omega

/-- A table without IO messages contributes nothing to an IO message's count. -/
theorem countP_no_io {rows : List (Row BabyBear)} {F : Row BabyBear → List (Fraction BabyBear)}
    {m : List BabyBear} (hm : m.head? = some 13) (μ : BabyBear → Bool)
    (h : ∀ r ∈ rows, ∀ f ∈ F r, f.fields.head? ≠ some 13) :
    (rows.flatMap F).countP (fun f => f.fields == m && μ f.mult) = 0 :=
  List.countP_eq_zero.mpr fun f hf hP => by
    obtain ⟨r, hr, hf'⟩ := List.mem_flatMap.mp hf
    simp only [Bool.and_eq_true, beq_iff_eq] at hP
    exact h r hr f hf' (hP.1 ▸ hm)

theorem ne_neg_one {x : BabyBear} (h : x.val ≤ 1) : x ≠ -1 := by
  intro e
  rw [e] at h
  exact absurd h (by decide)

theorem sys_count_sent {rs pub : Row BabyBear} (hg : Syscall.Groups rs pub) {m : List BabyBear}
    (hm : m.head? = some 13) :
    (Syscall.fractions rs).countP (fun f => f.fields == m && decide (f.mult = 1)) =
      if decide (Syscall.moves rs = 1) && (ioStart rs == m) then 1 else 0 := by
  rw [countP_io_filter _ hm (fun v => decide (v = 1)), syscall_io_filter]
  have hne : -(Syscall.moves rs) ≠ 1 := neg_ne_one (moves_le hg)
  simp only [List.countP_cons, List.countP_nil, hne, decide_false, Bool.and_false]
  by_cases h1 : ioStart rs = m <;> by_cases h2 : Syscall.moves rs = 1 <;> simp [h1, h2]

theorem sys_count_rcvd {rs pub : Row BabyBear} (hg : Syscall.Groups rs pub) {m : List BabyBear}
    (hm : m.head? = some 13) :
    (Syscall.fractions rs).countP (fun f => f.fields == m && decide (f.mult = -1)) =
      if decide (Syscall.moves rs = 1) && (ioEnd rs == m) then 1 else 0 := by
  rw [countP_io_filter _ hm (fun v => decide (v = -1)), syscall_io_filter]
  have hne : Syscall.moves rs ≠ -1 := ne_neg_one (moves_le hg)
  have hiff : -(Syscall.moves rs) = -1 ↔ Syscall.moves rs = 1 := by
    constructor <;> intro h <;> grind
  simp only [List.countP_cons, List.countP_nil, hne, decide_false, Bool.and_false, hiff]
  by_cases h1 : ioEnd rs = m <;> by_cases h2 : Syscall.moves rs = 1 <;> simp [h1, h2]

theorem io_count_sent {ri : Row BabyBear} (hg : Io.Groups ri) {m : List BabyBear}
    (hm : m.head? = some 13) :
    (Io.fractions ri).countP (fun f => f.fields == m && decide (f.mult = 1)) =
      if decide (Io.real ri = 1) && (ioSend ri == m) then 1 else 0 := by
  rw [countP_io_filter _ hm (fun v => decide (v = 1)), io_io_filter hg]
  have hne : -(Io.real ri) ≠ 1 := neg_ne_one (Felt.val_le_one_of_bool hg.bool_real)
  simp only [List.countP_cons, List.countP_nil, hne, decide_false, Bool.and_false]
  by_cases h1 : ioSend ri = m <;> by_cases h2 : Io.real ri = 1 <;> simp [h1, h2]

theorem io_count_rcvd {ri : Row BabyBear} (hg : Io.Groups ri) {m : List BabyBear}
    (hm : m.head? = some 13) :
    (Io.fractions ri).countP (fun f => f.fields == m && decide (f.mult = -1)) =
      if decide (Io.real ri = 1) && (ioRecv ri == m) then 1 else 0 := by
  rw [countP_io_filter _ hm (fun v => decide (v = -1)), io_io_filter hg]
  have hne : Io.real ri ≠ -1 := ne_neg_one (Felt.val_le_one_of_bool hg.bool_real)
  have hiff : -(Io.real ri) = -1 ↔ Io.real ri = 1 := by
    constructor <;> intro h <;> grind
  simp only [List.countP_cons, List.countP_nil, hne, decide_false, Bool.and_false, hiff]
  by_cases h1 : ioRecv ri = m <;> by_cases h2 : Io.real ri = 1 <;> simp [h1, h2]

/-- An IO message's fractions of a given multiplicity are the SYSCALL and IO rows' (the tag-13
census, counted). -/
theorem countP_io_tables (T : Tables) {m : List BabyBear} (hm : m.head? = some 13)
    (μ : BabyBear → Bool) :
    T.fractions.countP (fun f => f.fields == m && μ f.mult) =
      (T.sys.flatMap Syscall.fractions).countP (fun f => f.fields == m && μ f.mult) +
        (T.io.flatMap Io.fractions).countP (fun f => f.fields == m && μ f.mult) := by
  simp only [Tables.fractions, List.countP_append]
  rw [countP_no_io hm μ (fun r _ => cpu_no_io r), countP_no_io hm μ (fun r _ => alu_no_io r),
    countP_no_io hm μ (fun r _ => logic_no_io r), countP_no_io hm μ (fun r _ => mul_no_io r),
    countP_no_io hm μ (fun r _ => div_no_io r), countP_no_io hm μ (fun r _ => mem_no_io r),
    countP_no_io hm μ (fun r _ => range_no_io r), countP_no_io hm μ (fun r _ => private_no_io r),
    countP_no_io hm μ (fun r _ => boundary_no_io r)]
  omega

/-- **How often an IO message is sent**: as often as moving SYSCALL rows start with it and real
IO rows send it. -/
theorem sent_count_io {T : Tables} (hok : T.Ok) {m : List BabyBear} (hm : m.head? = some 13) :
    T.sent.count m = T.sys.countP (fun rs => decide (Syscall.moves rs = 1) && (ioStart rs == m)) +
      T.io.countP (fun ri => decide (Io.real ri = 1) && (ioSend ri == m)) := by
  rw [sent_count, countP_io_tables T hm (fun v => decide (v = 1)),
    countP_rows (fun rs hrs => by obtain ⟨pub, hg⟩ := hok.sys rs hrs; exact sys_count_sent hg hm),
    countP_rows (fun ri hri => io_count_sent (hok.io ri hri) hm)]

/-- **How often an IO message is received**: as often as moving SYSCALL rows end with it and real
IO rows receive it. -/
theorem rcvd_count_io {T : Tables} (hok : T.Ok) {m : List BabyBear} (hm : m.head? = some 13) :
    T.rcvd.count m = T.sys.countP (fun rs => decide (Syscall.moves rs = 1) && (ioEnd rs == m)) +
      T.io.countP (fun ri => decide (Io.real ri = 1) && (ioRecv ri == m)) := by
  rw [rcvd_count, countP_io_tables T hm (fun v => decide (v = -1)),
    countP_rows (fun rs hrs => by obtain ⟨pub, hg⟩ := hok.sys rs hrs; exact sys_count_rcvd hg hm),
    countP_rows (fun ri hri => io_count_rcvd (hok.io ri hri) hm)]

/-- An IO message of the ECALL at clk `c`: tag 13 and clk `c`. -/
def AtClk (c : BabyBear) (m : List BabyBear) : Prop := m.head? = some 13 ∧ m[2]? = some c

instance (c : BabyBear) (m : List BabyBear) : Decidable (AtClk c m) := by
  unfold AtClk; exact inferInstance

/-- The SYSCALL rows that start (or end) an IO message at the ECALL's clk: the ECALL's own row
alone, counted with its place in the table. -/
theorem sys_countP_clk {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    {r : Row BabyBear} (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 →
      (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val → r' = r)
    {rs : Row BabyBear} (hrs : rs ∈ T.sys) (hreal : Syscall.real rs = 1)
    (he : Cpu.execMsg r = Syscall.execMsg rs) (msg : Row BabyBear → List BabyBear)
    (hclk : ∀ rs', (msg rs')[2]? = some (rs' Syscall.Col.clk)) {m : List BabyBear}
    (hm : AtClk (rs Syscall.Col.clk) m) :
    T.sys.countP (fun rs' => decide (Syscall.moves rs' = 1) && (msg rs' == m)) =
      if msg rs = m ∧ Syscall.moves rs = 1 then 1 else 0 := by
  have hle := sys_rows_le_one hok hbal hnd hrs hreal
  -- a row counted is real and receives the ECALL's request
  have hq : ∀ rs' ∈ T.sys, (decide (Syscall.moves rs' = 1) && (msg rs' == m)) = true →
      (decide (Syscall.real rs' = 1) &&
        ((Syscall.execMsg rs').fields == (Syscall.execMsg rs).fields)) = true := by
    intro rs' hrs' h
    simp only [Bool.and_eq_true, decide_eq_true_eq, beq_iff_eq] at h ⊢
    obtain ⟨pub, hg⟩ := hok.sys rs' hrs'
    have hreal' := syscall_real_of hg (Or.inl h.1)
    refine ⟨hreal', ?_⟩
    obtain ⟨r', hr', hx', -, hc, hm'⟩ := syscall_answers_cpu hok hbal hrs' hreal'
    have hcc : rs' Syscall.Col.clk = rs Syscall.Col.clk := by
      have h1 := hclk rs'
      rw [h.2, hm.2] at h1
      exact (Option.some.inj h1).symm
    have hrc : r Cpu.Col.clk = rs Syscall.Col.clk := by
      have := congrArg Msg.clk he
      simpa [Cpu.execMsg, Syscall.execMsg] using this
    have e := hdist r' hr' hx' (by rw [hc, hcc, hrc])
    subst e
    rw [← hm', he]
  have hmono := List.countP_mono_left hq
  have hle' : T.sys.countP (fun rs' => decide (Syscall.real rs' = 1) &&
      ((Syscall.execMsg rs').fields == (Syscall.execMsg rs).fields)) ≤ 1 := by
    rw [List.countP_eq_length_filter]; exact hle
  by_cases hs : msg rs = m ∧ Syscall.moves rs = 1
  · rw [if_pos hs]
    have hpos : 0 < T.sys.countP (fun rs' => decide (Syscall.moves rs' = 1) && (msg rs' == m)) :=
      List.countP_pos_iff.mpr ⟨rs, hrs, by simp only [hs.1, hs.2, decide_true, beq_self_eq_true,
        Bool.and_self]⟩
    omega
  · rw [if_neg hs]
    apply Nat.eq_zero_of_not_pos
    intro hpos
    obtain ⟨rs', hrs', hq'⟩ := List.countP_pos_iff.mp hpos
    have h2 := hq rs' hrs' hq'
    by_cases heq : rs' = rs
    · subst heq
      simp only [Bool.and_eq_true, decide_eq_true_eq, beq_iff_eq] at hq'
      exact hs ⟨hq'.2, hq'.1⟩
    · have hin1 : rs ∈ T.sys.filter fun rs' => decide (Syscall.real rs' = 1) &&
          ((Syscall.execMsg rs').fields == (Syscall.execMsg rs).fields) :=
        List.mem_filter.mpr ⟨hrs, by simp only [hreal, decide_true, beq_self_eq_true,
          Bool.and_self]⟩
      have hin2 : rs' ∈ T.sys.filter fun rs' => decide (Syscall.real rs' = 1) &&
          ((Syscall.execMsg rs').fields == (Syscall.execMsg rs).fields) :=
        List.mem_filter.mpr ⟨hrs', h2⟩
      have := two_le_length hin2 hin1 heq
      omega

/-- The real IO rows sending (or receiving) an IO message at the ECALL's clk are those of the
ECALL's IO rows. -/
theorem io_countP_clk {T : Tables} (c : BabyBear) (msg : Row BabyBear → List BabyBear)
    (hclk : ∀ ri, (msg ri)[2]? = some (ri Io.Col.clk)) {m : List BabyBear} (hm : AtClk c m) :
    T.io.countP (fun ri => decide (Io.real ri = 1) && (msg ri == m)) =
      ((T.io.filter fun ri => decide (Io.real ri = 1) && decide (ri Io.Col.clk = c)).map msg).count
        m := by
  rw [List.count_eq_countP, List.countP_map, List.countP_filter]
  apply List.countP_congr
  intro ri _
  simp only [Function.comp, Bool.and_eq_true, decide_eq_true_eq, beq_iff_eq]
  constructor
  · rintro ⟨h1, h2⟩
    refine ⟨h2, h1, ?_⟩
    have := hclk ri
    rw [h2, hm.2] at this
    exact (Option.some.inj this).symm
  · rintro ⟨h2, h1, -⟩
    exact ⟨h1, h2⟩

/-- **One ECALL's IO messages balance as a chain** (field elements): for an ECALL row's SYSCALL
row that moves bytes, its start and its IO rows' sends are a permutation of its end and its IO
rows' receives, its IO rows being the real IO rows with its clk — when the EXEC and IO messages
balance and no two requesting CPU rows share a clk. -/
theorem ecall_io_perm {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T) (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    {r : Row BabyBear} (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 →
      (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val → r' = r)
    {rs : Row BabyBear} (hrs : rs ∈ T.sys) (hreal : Syscall.real rs = 1)
    (he : Cpu.execMsg r = Syscall.execMsg rs) (hmv : Syscall.moves rs = 1) :
    (ioStart rs :: (T.io.filter fun ri => decide (Io.real ri = 1) &&
        decide (ri Io.Col.clk = rs Syscall.Col.clk)).map ioSend).Perm
      (ioEnd rs :: (T.io.filter fun ri => decide (Io.real ri = 1) &&
        decide (ri Io.Col.clk = rs Syscall.Col.clk)).map ioRecv) := by
  apply List.perm_iff_count.mpr
  intro m
  by_cases hm : AtClk (rs Syscall.Col.clk) m
  · have hs := sent_count_io hok hm.1
    have hr := rcvd_count_io hok hm.1
    rw [sys_countP_clk hok hbal hnd hdist hrs hreal he ioStart (fun _ => rfl) hm,
      io_countP_clk (rs Syscall.Col.clk) ioSend (fun _ => rfl) hm] at hs
    rw [sys_countP_clk hok hbal hnd hdist hrs hreal he ioEnd (fun _ => rfl) hm,
      io_countP_clk (rs Syscall.Col.clk) ioRecv (fun _ => rfl) hm] at hr
    have hb := hiob m hm.1
    rw [List.count_cons, List.count_cons]
    simp only [hmv, and_true, beq_iff_eq] at hs hr ⊢
    omega
  · -- every message of both lists is at the ECALL's clk
    have hno : ∀ l : List (List BabyBear), (∀ x ∈ l, AtClk (rs Syscall.Col.clk) x) →
        l.count m = 0 := fun l hl =>
      List.count_eq_zero.mpr fun hx => hm (hl m hx)
    rw [hno _ ?_, hno _ ?_]
    · intro x hx
      rcases List.mem_cons.mp hx with rfl | hx
      · exact ⟨rfl, rfl⟩
      · obtain ⟨ri, hri, rfl⟩ := List.mem_map.mp hx
        simp only [List.mem_filter, Bool.and_eq_true, decide_eq_true_eq] at hri
        exact ⟨rfl, by simp only [ioRecv, hri.2.2]; rfl⟩
    · intro x hx
      rcases List.mem_cons.mp hx with rfl | hx
      · exact ⟨rfl, rfl⟩
      · obtain ⟨ri, hri, rfl⟩ := List.mem_map.mp hx
        simp only [List.mem_filter, Bool.and_eq_true, decide_eq_true_eq] at hri
        exact ⟨rfl, by simp only [ioSend, hri.2.2]; rfl⟩

/-- A chain message's address and position, as numbers. -/
def toPt (m : List BabyBear) : Nat × Nat := ((m.getD 3 0).val, (m.getD 4 0).val)

/-- **One ECALL's IO rows are a chain of numbers from its start to its end**: the permutation
`Io.ecall_rows_cover` takes, with the end's address and position not wrapped around the field
(the chain moves forward from the start, so the end is buf + c and cur + c as numbers) — from
`ecall_io_perm`, when the SYSCALL row's buffer address has limbs below 2^16 and 2^14 and its IO
rows' word addresses and positions are in range. -/
theorem ecall_chain {T : Tables} (hok : T.Ok) (hbal : ExecBalanced T) (hiob : IoBalanced T)
    (hnd : ((T.cpu.filter fun r => decide (r Cpu.Col.fExec = 1)).map (· Cpu.Col.clk)).Nodup)
    (hrange : ∀ ri ∈ T.io, Io.real ri = 1 →
      (ri Io.Col.wa).val < 2 ^ 28 ∧ Io.firstPos ri < 2 ^ 30)
    {r : Row BabyBear} (hdist : ∀ r' ∈ T.cpu, r' Cpu.Col.fExec = 1 →
      (r' Cpu.Col.clk).val = (r Cpu.Col.clk).val → r' = r)
    {rs : Row BabyBear} (hrs : rs ∈ T.sys) (hreal : Syscall.real rs = 1)
    (he : Cpu.execMsg r = Syscall.execMsg rs) (hmv : Syscall.moves rs = 1)
    (hbl : (rs Syscall.Col.bufLo).val < 2 ^ 16) (hbh : (rs Syscall.Col.bufHi).val < 2 ^ 14) :
    (((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val, (rs Syscall.Col.cur).val) ::
        (T.io.filter fun ri => decide (Io.real ri = 1) &&
          decide (ri Io.Col.clk = rs Syscall.Col.clk)).map (fun ri => (Io.linkOf ri).stop)).Perm
      (((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val +
          (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val,
        (rs Syscall.Col.cur).val + (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val) ::
        (T.io.filter fun ri => decide (Io.real ri = 1) &&
          decide (ri Io.Col.clk = rs Syscall.Col.clk)).map (fun ri => (Io.linkOf ri).start)) := by
  have hP := (ecall_io_perm hok hbal hiob hnd hdist hrs hreal he hmv).map toPt
  simp only [List.map_cons, List.map_map] at hP
  have hstop : toPt ∘ ioSend = fun ri => (Io.linkOf ri).stop := rfl
  have hstart : toPt ∘ ioRecv = fun ri => (Io.linkOf ri).start := rfl
  rw [hstop, hstart] at hP
  have hs : toPt (ioStart rs) =
      ((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val,
        (rs Syscall.Col.cur).val) := by
    simp only [toPt, ioStart, List.getD_cons_succ, List.getD_cons_zero, Syscall.word]
    rw [Syscall.val_word hbl hbh]
  rw [hs] at hP
  -- the chain: the end is not wrapped
  have hok' : ∀ l ∈ (T.io.filter fun ri => decide (Io.real ri = 1) &&
      decide (ri Io.Col.clk = rs Syscall.Col.clk)).map Io.linkOf, l.Ok := by
    intro l hl
    obtain ⟨ri, hri, rfl⟩ := List.mem_map.mp hl
    simp only [List.mem_filter, Bool.and_eq_true, decide_eq_true_eq] at hri
    obtain ⟨hwa, hfp⟩ := hrange ri hri.1 hri.2.1
    obtain ⟨_, _, _, _, _, _, _, h, -⟩ := Io.row_link (hok.io ri hri.1) hri.2.1 hwa hfp
    exact h
  have hcov := Zkvm.Air.IoChain.chain _ hok' _ _
    (by simpa [List.map_map, Function.comp_def] using hP)
  obtain ⟨hle, hshift, -, -⟩ := hcov
  have hend : toPt (ioEnd rs) =
      ((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val +
          (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val,
        (rs Syscall.Col.cur).val + (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val) := by
    have hPv : Zkvm.Field.P = 2013265921 := Zkvm.Field.P_eq
    have hw : (Syscall.word rs Syscall.Col.bufLo Syscall.Col.bufHi).val =
        (rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val := by
      unfold Syscall.word; rw [Syscall.val_word hbl hbh]
    have hcv := (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val_lt
    have hcu := (rs Syscall.Col.cur).val_lt
    simp only [toPt, ioEnd, List.getD_cons_succ, List.getD_cons_zero,
      Zkvm.Field.BabyBear.val_add, hw] at hle hshift ⊢
    rw [hPv] at hle hshift hcv hcu ⊢
    have h1 : ((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val +
        (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val) % 2013265921 =
        (rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val +
          (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val := by
      apply Nat.mod_eq_of_lt
      apply Decidable.byContradiction
      intro hge
      have : ((rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val +
          (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val) % 2013265921 =
          (rs Syscall.Col.bufLo).val + 2 ^ 16 * (rs Syscall.Col.bufHi).val +
            (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val - 2013265921 := by
        rw [Nat.mod_eq_sub_mod (by omega), Nat.mod_eq_of_lt (by omega)]
      omega
    rw [h1] at hle hshift ⊢
    refine Prod.ext rfl ?_
    show ((rs Syscall.Col.cur).val + (Syscall.word rs Syscall.Col.cLo Syscall.Col.cHi).val) %
      2013265921 = _
    omega
  rw [hend] at hP
  exact hP

end Zkvm.Air.V2.Exec

end
