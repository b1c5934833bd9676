module

public import Zkvm.Air.V2.RunStatement
public import Zkvm.Air.V2.BusNet
public import Zkvm.Air.V2.BusLooks
public import Zkvm.Air.V2.RunBoundary
public import Zkvm.Air.V2.BusSegments

/-!
# The private input's messages on the bus: PRIV and PLEN

A read of fd 3 moves bytes the IO rows receive as PRIV(pos, byte) (tag 14) and takes its limit
from a PLEN(plen) receive (tag 15) of its SYSCALL row. Neither tag is counted (`countedTags`):
the PRIVATE table sends PRIV with multiplicity `real` and PLEN with a free multiplicity `mlen`.
Both are global messages (one sum over all segments with the statement, `BusSegments`). This
file derives, from their net multiplicity 0 over the tables' and the statement's fractions with
fewer than p fractions carrying each (the statement carrying neither tag), who sends what a table
receives:

* the census of tags 14 and 15: only the IO rows (their byte fractions, multiplicity
  sign · moved, −moved on reads of fd 3: `io_priv_mult`) and the PRIVATE rows
  (`private_priv_only`) carry PRIV; only the SYSCALL rows (−fd3, `syscall_plen_only`) and the
  PRIVATE rows carry PLEN; no other table carries either (`*_no_priv`);
* `rcvd_carried`: a message received once (multiplicity −1), whose every carrier outside a
  predicate has multiplicity 0 or −1, meets the predicate (the mirror of `lookup_carried`);
* `priv_of_net`: a PRIV message a table receives is a real PRIVATE row's PRIV(j, byte);
* `plen_of_net`: a PLEN message a table receives is a PRIVATE row's PLEN(plen) with mlen ≠ 0;
* `stmt_no_priv`: the verifier's statement messages carry neither tag (`run_of_bus`'s `hpstmt`);
  `privNet_of_global`: the global sum of the segments gives `run_of_bus`'s `hpnet` and `hpfew`;
  `Run.witnessBnd_final_priv`: the witness's boundary rows close the private cursor (IO, 2)
  with the PRIVATE end row's j (`run_of_bus`'s `hfinalPriv`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)

/-- Unfolds a table's fractions and decides each one's tag. -/
local macro "tag_census" : tactic => `(tactic| (
  simp only [Cpu.fractions, Cpu.port, Cpu.tagProg, Cpu.tagMem, Cpu.tagU16, Cpu.tagExec,
    Cpu.tagHalt, Cpu.tagExit, Alu.fractions, Logic.fractions, Logic.and4, Mul.fractions, Mul.look,
    Div.fractions, Mem.fractions, Range.fractions, Private.fractions, Boundary.fractions,
    Syscall.fractions, Syscall.access, Syscall.tagExec, Syscall.opEcall, Syscall.tagHalt,
    Syscall.tagMem, Syscall.tagIo, Syscall.tagU16, Syscall.tagPlen,
    List.forall_mem_cons, List.not_mem_nil, false_implies, implies_true, and_true,
    List.append_assoc, List.cons_append, List.nil_append]
  <;> simp (config := { decide := true })))

/-! ## The census of tags 14 and 15 -/

theorem cpu_no_priv (r : Row BabyBear) :
    ∀ f ∈ Cpu.fractions r, f.fields.head? ≠ some 14 ∧ f.fields.head? ≠ some 15 := by tag_census
theorem alu_no_priv (r : Row BabyBear) :
    ∀ f ∈ Alu.fractions r, f.fields.head? ≠ some 14 ∧ f.fields.head? ≠ some 15 := by tag_census
theorem logic_no_priv (r : Row BabyBear) :
    ∀ f ∈ Logic.fractions r, f.fields.head? ≠ some 14 ∧ f.fields.head? ≠ some 15 := by tag_census
theorem mul_no_priv (r : Row BabyBear) :
    ∀ f ∈ Mul.fractions r, f.fields.head? ≠ some 14 ∧ f.fields.head? ≠ some 15 := by tag_census
theorem div_no_priv (r : Row BabyBear) :
    ∀ f ∈ Div.fractions r, f.fields.head? ≠ some 14 ∧ f.fields.head? ≠ some 15 := by tag_census
theorem mem_no_priv (r : Row BabyBear) :
    ∀ f ∈ Mem.fractions r, f.fields.head? ≠ some 14 ∧ f.fields.head? ≠ some 15 := by tag_census
theorem range_no_priv (r : Row BabyBear) :
    ∀ f ∈ Range.fractions r, f.fields.head? ≠ some 14 ∧ f.fields.head? ≠ some 15 := by tag_census
theorem boundary_no_priv (r : Row BabyBear) :
    ∀ f ∈ Boundary.fractions r, f.fields.head? ≠ some 14 ∧ f.fields.head? ≠ some 15 := by
  tag_census

/-- A SYSCALL row carries no PRIV, and PLEN only as its fd-3 receive ⟨−fd3, PLEN(lim)⟩. -/
theorem syscall_plen_only (r : Row BabyBear) :
    ∀ f ∈ Syscall.fractions r, f.fields.head? ≠ some 14 ∧
      (f.fields.head? = some 15 → f = ⟨-(r Syscall.Col.fd3), [15, r Syscall.Col.lim]⟩) := by
  tag_census

/-- A PRIVATE row carries PRIV only as ⟨real, PRIV(j, byte)⟩, PLEN only as ⟨mlen, PLEN(plen)⟩. -/
theorem private_priv_only (r : Row BabyBear) :
    ∀ f ∈ Private.fractions r,
      (f.fields.head? = some 14 → f = ⟨r Private.Col.real, [14, r Private.Col.j, r Private.Col.byte]⟩) ∧
      (f.fields.head? = some 15 → f = ⟨r Private.Col.mlen, [15, r Private.Col.plen]⟩) := by
  tag_census

/-- **An IO row's PRIV messages** have multiplicity 0 or −1 (receives of the bytes a read of fd 3
moves); it carries no PLEN. -/
theorem io_priv_mult {ri : Row BabyBear} (hg : Io.Groups ri) {f : Fraction BabyBear}
    (hf : f ∈ Io.fractions ri) :
    (f.fields.head? = some 14 → f.mult = 0 ∨ f.mult = -1) ∧ f.fields.head? ≠ some 15 := by
  have hbyte : ∀ j ∈ Io.lanes, f = ⟨Io.sign ri * Io.moved ri j,
      [Io.byteTag ri, ri Io.Col.base + ((j : Nat) : BabyBear), ri (Io.Col.n0 + j)]⟩ →
      (f.fields.head? = some 14 → f.mult = 0 ∨ f.mult = -1) ∧ f.fields.head? ≠ some 15 := by
    intro j hj e
    subst e
    simp only [List.head?_cons, Option.some.injEq, ne_eq]
    by_cases hreal : Io.real ri = 1
    · obtain ⟨fl, el, -, -, -, -, hmv⟩ := Io.lanes_sound hg hreal
      have hm := hmv j hj
      rcases Run.io_kind_cases hg hreal with ⟨a, b, c, d⟩ | ⟨a, b, c, d⟩ | ⟨a, b, c, d⟩ |
          ⟨a, b, c, d⟩ <;>
        simp only [Io.byteTag, Io.sign, Io.reads, a, b, d, hm] <;>
        rcases movedOf_cases fl el j with h | h <;> rw [h] <;> decide
    · have h0 : Io.real ri = 0 := by
        rcases Io.bool_cases hg.bool_real with h | h
        · exact h
        · exact absurd h hreal
      have hz : ri Io.Col.kRead = 0 ∧ ri Io.Col.kWrite1 = 0 ∧ ri Io.Col.kPriv = 0 := by
        unfold Io.real at h0
        rcases Io.bool_cases hg.bool_read with h1 | h1 <;>
          rcases Io.bool_cases hg.bool_write1 with h2 | h2 <;>
          rcases Io.bool_cases hg.bool_write2 with h3 | h3 <;>
          rcases Io.bool_cases hg.bool_priv with h4 | h4 <;>
          rw [h1, h2, h3, h4] at h0 <;> first | (exfalso; revert h0; decide) | exact ⟨h1, h2, h4⟩
      simp only [Io.byteTag, hz.1, hz.2.1, hz.2.2]
      constructor <;> intro h <;> exact absurd h (by decide)
  simp only [Io.fractions, Io.tagMem, Io.tagU16, Io.tagU8, Io.tagIo, List.mem_cons,
    List.not_mem_nil, or_false] at hf
  rcases hf with rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | h | h | h | h
  all_goals first
    | (constructor <;> intro h <;> simp at h <;> exact absurd h (by decide))
    | exact hbyte 0 (by decide) h
    | exact hbyte 1 (by decide) h
    | exact hbyte 2 (by decide) h
    | exact hbyte 3 (by decide) h

/-! ## Receives carried by a sender -/

/-- The fractions with their multiplicities negated. -/
def negFractions (fs : List (Fraction BabyBear)) : List (Fraction BabyBear) :=
  fs.map fun f => ⟨-f.mult, f.fields⟩

theorem net_neg (m : List BabyBear) :
    ∀ fs : List (Fraction BabyBear), net m (negFractions fs) = -(net m fs)
  | [] => by simp only [negFractions, List.map_nil, net]; grind
  | f :: fs => by
    have ih := net_neg m fs
    simp only [negFractions, List.map_cons, net] at ih ⊢
    rw [ih]
    split <;> grind

theorem carrying_neg_length (m : List BabyBear) :
    ∀ fs : List (Fraction BabyBear),
      (carrying m (negFractions fs)).length = (carrying m fs).length
  | [] => rfl
  | f :: fs => by
    have ih := carrying_neg_length m fs
    simp only [negFractions, List.map_cons, carrying, List.filter_cons] at ih ⊢
    split <;> simp [ih]

/-- **A received message meets the predicate of its senders** (the mirror of `lookup_carried`):
when its net multiplicity over `fs` is 0, fewer than p fractions carry it, one carries it with
multiplicity −1, and while it does not meet `Q` every carrier has multiplicity 0 or −1, then it
meets `Q`. -/
theorem rcvd_carried {m : List BabyBear} {fs : List (Fraction BabyBear)} {Q : Prop}
    (hnet : net m fs = 0) (hfew : (carrying m fs).length < 2013265921)
    (hA : ∀ f ∈ fs, f.fields = m → ¬ Q → f.mult = 0 ∨ f.mult = -1)
    (hrcv : ∃ f ∈ fs, f.fields = m ∧ f.mult = -1) : Q := by
  refine Classical.byContradiction fun hq => ?_
  have hnet' : net m (negFractions fs) = 0 := by rw [net_neg, hnet]; grind
  have hfew' : (carrying m (negFractions fs)).length < 2013265921 := by
    rw [carrying_neg_length]; exact hfew
  obtain ⟨g, -, -, hg⟩ := lookup_carried (Q := fun _ => False) hnet' hfew'
    (fun g hg e _ => by
      obtain ⟨f, hf, rfl⟩ := List.mem_map.mp hg
      rcases hA f hf e hq with h | h
      · left; show -f.mult = 0; rw [h]; decide
      · right; show -f.mult = 1; rw [h]; decide)
    (by
      obtain ⟨f, hf, e, h1⟩ := hrcv
      exact ⟨⟨-f.mult, f.fields⟩, List.mem_map.mpr ⟨f, hf, rfl⟩, e,
        by show -f.mult = 1; rw [h1]; decide⟩)
  exact hg

/-- The multiplicities of PRIV and PLEN fractions on the bus: −1 or 0 except a real PRIVATE
row's PRIV and a PRIVATE row's PLEN with mlen ≠ 0. -/
theorem priv_tag_mult {T : Tables} {ssent srcvd : List (List BabyBear)} (hok : T.Ok)
    (hb : Bools T) (hstmt : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 14 ∧ m.head? ≠ some 15)
    {f : Fraction BabyBear} (hf : f ∈ busFractions T ssent srcvd []) :
    (f.fields.head? = some 14 → f.mult = 0 ∨ f.mult = -1 ∨
      ∃ r ∈ T.priv, r Private.Col.real = 1 ∧
        f.fields = [14, r Private.Col.j, r Private.Col.byte]) ∧
    (f.fields.head? = some 15 → f.mult = 0 ∨ f.mult = -1 ∨
      ∃ r ∈ T.priv, r Private.Col.mlen ≠ 0 ∧ f.fields = [15, r Private.Col.plen]) := by
  simp only [busFractions, List.append_nil, List.mem_append] at hf
  rcases hf with hf | hf
  · simp only [Tables.fractions, List.mem_append, List.mem_flatMap, or_assoc] at hf
    rcases hf with ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ |
      ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩ | ⟨r, hr, hf⟩
    · exact ⟨fun h => absurd h (cpu_no_priv r f hf).1, fun h => absurd h (cpu_no_priv r f hf).2⟩
    · exact ⟨fun h => absurd h (alu_no_priv r f hf).1, fun h => absurd h (alu_no_priv r f hf).2⟩
    · exact ⟨fun h => absurd h (logic_no_priv r f hf).1,
        fun h => absurd h (logic_no_priv r f hf).2⟩
    · exact ⟨fun h => absurd h (mul_no_priv r f hf).1, fun h => absurd h (mul_no_priv r f hf).2⟩
    · exact ⟨fun h => absurd h (div_no_priv r f hf).1, fun h => absurd h (div_no_priv r f hf).2⟩
    · exact ⟨fun h => absurd h (mem_no_priv r f hf).1, fun h => absurd h (mem_no_priv r f hf).2⟩
    · refine ⟨fun h => absurd h (syscall_plen_only r f hf).1, fun h => ?_⟩
      rw [(syscall_plen_only r f hf).2 h]
      obtain ⟨pub, hg⟩ := hok.sys r hr
      rcases Syscall.bool_cases hg.bool_fd3 with h0 | h1
      · left; show -(r Syscall.Col.fd3) = 0; rw [h0]; decide
      · right; left; show -(r Syscall.Col.fd3) = -1; rw [h1]
    · have h := io_priv_mult (hok.io r hr) hf
      exact ⟨fun h14 => (h.1 h14).elim Or.inl (fun h' => Or.inr (Or.inl h')),
        fun h15 => absurd h15 h.2⟩
    · exact ⟨fun h => absurd h (range_no_priv r f hf).1,
        fun h => absurd h (range_no_priv r f hf).2⟩
    · refine ⟨fun h => ?_, fun h => ?_⟩
      · rw [(private_priv_only r f hf).1 h]
        rcases (hb.priv r hr).1 with h0 | h1
        · left; exact h0
        · right; right; exact ⟨r, hr, h1, rfl⟩
      · rw [(private_priv_only r f hf).2 h]
        by_cases h0 : r Private.Col.mlen = 0
        · left; exact h0
        · right; right; exact ⟨r, hr, h0, rfl⟩
    · exact ⟨fun h => absurd h (boundary_no_priv r f hf).1,
        fun h => absurd h (boundary_no_priv r f hf).2⟩
  · simp only [stmtFractions, List.mem_append, List.mem_map] at hf
    rcases hf with ⟨m, hm, rfl⟩ | ⟨m, hm, rfl⟩
    · exact ⟨fun h => absurd h (hstmt m (List.mem_append_left _ hm)).1,
        fun h => absurd h (hstmt m (List.mem_append_left _ hm)).2⟩
    · exact ⟨fun h => absurd h (hstmt m (List.mem_append_right _ hm)).1,
        fun h => absurd h (hstmt m (List.mem_append_right _ hm)).2⟩

theorem busFractions_of_rcvd {T : Tables} {ssent srcvd : List (List BabyBear)}
    {m : List BabyBear} (hm : m ∈ T.rcvd) :
    ∃ f ∈ busFractions T ssent srcvd [], f.fields = m ∧ f.mult = -1 := by
  obtain ⟨f, hf, rfl⟩ := List.mem_map.mp hm
  obtain ⟨hf, h1⟩ := List.mem_filter.mp hf
  simp only [decide_eq_true_eq] at h1
  exact ⟨f, List.mem_append_left _ (List.mem_append_left _ hf), rfl, h1⟩

/-- **A PRIV message a table receives is a real PRIVATE row's** PRIV(j, byte): from its net
multiplicity 0 over the tables' and the statement's fractions (fewer than p carrying it), the
statement carrying no PRIV or PLEN. -/
theorem priv_of_net {T : Tables} {ssent srcvd : List (List BabyBear)} (hok : T.Ok)
    (hb : Bools T) (hstmt : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 14 ∧ m.head? ≠ some 15)
    {m : List BabyBear} (hm : m ∈ T.rcvd) (h14 : m.head? = some 14)
    (hnet : net m (busFractions T ssent srcvd []) = 0)
    (hfew : (carrying m (busFractions T ssent srcvd [])).length < 2013265921) :
    ∃ r ∈ T.priv, r Private.Col.real = 1 ∧ m = [14, r Private.Col.j, r Private.Col.byte] := by
  refine rcvd_carried hnet hfew (fun f hf e hq => ?_) (busFractions_of_rcvd hm)
  rcases (priv_tag_mult hok hb hstmt hf).1 (by rw [e]; exact h14) with h | h | ⟨r, hr, h1, hfr⟩
  · exact Or.inl h
  · exact Or.inr h
  · exact absurd ⟨r, hr, h1, e ▸ hfr⟩ hq

/-- **A PLEN message a table receives is a PRIVATE row's** PLEN(plen), sent with mlen ≠ 0. -/
theorem plen_of_net {T : Tables} {ssent srcvd : List (List BabyBear)} (hok : T.Ok)
    (hb : Bools T) (hstmt : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 14 ∧ m.head? ≠ some 15)
    {m : List BabyBear} (hm : m ∈ T.rcvd) (h15 : m.head? = some 15)
    (hnet : net m (busFractions T ssent srcvd []) = 0)
    (hfew : (carrying m (busFractions T ssent srcvd [])).length < 2013265921) :
    ∃ r ∈ T.priv, r Private.Col.mlen ≠ 0 ∧ m = [15, r Private.Col.plen] := by
  refine rcvd_carried hnet hfew (fun f hf e hq => ?_) (busFractions_of_rcvd hm)
  rcases (priv_tag_mult hok hb hstmt hf).2 (by rw [e]; exact h15) with h | h | ⟨r, hr, h1, hfr⟩
  · exact Or.inl h
  · exact Or.inr h
  · exact absurd ⟨r, hr, h1, e ▸ hfr⟩ hq

/-- **The statement carries no PRIV or PLEN message** (tags 14, 15; `run_of_bus`'s `hpstmt`). -/
theorem stmt_no_priv (pv : List BabyBear) (input output : List UInt8) :
    ∀ m ∈ stmtSent pv input ++ stmtRcvd pv output, m.head? ≠ some 14 ∧ m.head? ≠ some 15 := by
  intro m hm
  simp only [stmtSent, stmtRcvd, Spec.Statement.sends, Spec.Statement.receives, List.mem_append,
    List.mem_map, List.mem_cons, List.not_mem_nil, or_false] at hm
  rcases hm with ⟨l, (rfl | rfl | rfl) | ⟨j, -, rfl⟩, rfl⟩ |
    ⟨l, ((rfl | rfl) | ⟨j, -, rfl⟩) | rfl, rfl⟩ <;>
    simp only [List.map_cons, List.head?_cons, ne_eq, Option.some.injEq, feltOf] <;>
    decide

/-- **PRIV and PLEN are global messages**: the segments' global sum (`facts_of_segments`'s
`hgnet`, `hgfew`) gives `run_of_bus`'s `hpnet` and `hpfew`. -/
theorem privNet_of_global {T : Tables} {ssent srcvd : List (List BabyBear)}
    (hgnet : ∀ m, GlobalMsg m → net m (busFractions T ssent srcvd []) = 0)
    (hgfew : ∀ m, GlobalMsg m →
      (carrying m (busFractions T ssent srcvd [])).length < 2013265921) :
    (∀ m, m.head? = some 14 ∨ m.head? = some 15 → net m (busFractions T ssent srcvd []) = 0) ∧
    (∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      (carrying m (busFractions T ssent srcvd [])).length < 2013265921) := by
  have hg : ∀ m : List BabyBear, m.head? = some 14 ∨ m.head? = some 15 → GlobalMsg m := by
    intro m h
    rcases h with h | h
    · exact ⟨14, by simp [globalTags], h⟩
    · exact ⟨15, by simp [globalTags], h⟩
  exact ⟨fun m h => hgnet m (hg m h), fun m h => hgfew m (hg m h)⟩

end Zkvm.Air.V2.Exec

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air.Table

/-- **The witness's boundary rows close the private cursor (IO, 2) with the PRIVATE end row's j**
(`run_of_bus`'s `hfinalPriv`, with `pcons` its value). -/
theorem witnessBnd_final_priv (T : Exec.Tables) (consumed outLen : BabyBear) (ts : Nat)
    (re : Row BabyBear) :
    ∃ b ∈ witnessBnd T consumed outLen ts re, b.cell = ((3 : BabyBear), (2 : BabyBear)) ∧
      b.final = ((((re Private.Col.j).val : Nat) : BabyBear), 0) :=
  ⟨cursorRec 2 (re Private.Col.j) (re Private.Col.tEnd).val, List.mem_append_right _ (by simp),
    rfl, by rw [Zkvm.Air.Felt.natCast_val]; rfl⟩

end Zkvm.Air.V2.Run

end
