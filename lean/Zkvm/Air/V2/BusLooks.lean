module

public import Zkvm.Air.V2.BusSends
public import Zkvm.Air.V2.BusProg
public import Zkvm.Air.V2.CpuLookups

/-!
# Every table's lookups from net multiplicities

The soundness theorems of every table take the range facts of their lookups as hypotheses
(`Alu.Lookups`, …, `Cpu.Lookups`: "when the lookup's multiplicity is nonzero, its value is in
range"). Here they are derived from the bus (docs/air.md §12.2 (d)): a lookup sent with
multiplicity 1 — every lookup's multiplicity is 0 or 1 (`sends_of`) — is carried by a receiver
(`lookup_carried`): a RANGE row, whose value is below 2^16, or a FIXED row, whose content is the
fixed table's (`FixedFacts`: U8 rows below 256, AND4 rows the AND of two nibbles, POW2 rows the
shift factors, no U16 rows). `Bus` bundles what the bus gives; `Carries` what the lookups need
of it (one segment's bus gives it too: `SegBus`); `looks_of` gives every coprocessor's
`Lookups` (the run theorem's `T.Looks`), `io_looks` and `cpu_looks` the IO and CPU rows'.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)

namespace Tables

variable {T : Tables} {f : Fraction BabyBear} {r : Row BabyBear}

theorem of_alu (hr : r ∈ T.alu) (hf : f ∈ Alu.fractions r) : f ∈ T.fractions := by
  unfold Tables.fractions
  exact List.mem_append_left _ (List.mem_append_left _ (List.mem_append_left _
    (List.mem_append_left _ (List.mem_append_left _ (List.mem_append_left _
      (List.mem_append_left _ (List.mem_append_left _ (List.mem_append_left _
        (List.mem_append_right _ (List.mem_flatMap.mpr ⟨r, hr, hf⟩))))))))))

theorem of_logic (hr : r ∈ T.logic) (hf : f ∈ Logic.fractions r) : f ∈ T.fractions := by
  unfold Tables.fractions
  exact List.mem_append_left _ (List.mem_append_left _ (List.mem_append_left _
    (List.mem_append_left _ (List.mem_append_left _ (List.mem_append_left _
      (List.mem_append_left _ (List.mem_append_left _
        (List.mem_append_right _ (List.mem_flatMap.mpr ⟨r, hr, hf⟩)))))))))

theorem of_mul (hr : r ∈ T.mul) (hf : f ∈ Mul.fractions r) : f ∈ T.fractions := by
  unfold Tables.fractions
  exact List.mem_append_left _ (List.mem_append_left _ (List.mem_append_left _
    (List.mem_append_left _ (List.mem_append_left _ (List.mem_append_left _
      (List.mem_append_left _ (List.mem_append_right _ (List.mem_flatMap.mpr ⟨r, hr, hf⟩))))))))

theorem of_div (hr : r ∈ T.div) (hf : f ∈ Div.fractions r) : f ∈ T.fractions := by
  unfold Tables.fractions
  exact List.mem_append_left _ (List.mem_append_left _ (List.mem_append_left _
    (List.mem_append_left _ (List.mem_append_left _ (List.mem_append_left _
      (List.mem_append_right _ (List.mem_flatMap.mpr ⟨r, hr, hf⟩)))))))

end Tables

/-- **Lookup soundness over net multiplicities**, with the receivers named by a predicate `Q`:
when a message's net multiplicity is 0, fewer than p fractions carry it, every carrier that is
not a receiver has multiplicity 0 or 1, and one has 1, then a receiver carries it. -/
theorem lookup_carried {m : List BabyBear} {fs : List (Fraction BabyBear)}
    {Q : Fraction BabyBear → Prop} (hnet : net m fs = 0)
    (hfew : (carrying m fs).length < 2013265921)
    (hA : ∀ f ∈ fs, f.fields = m → ¬ Q f → f.mult = 0 ∨ f.mult = 1)
    (hsend : ∃ f ∈ fs, f.fields = m ∧ f.mult = 1) : ∃ f ∈ fs, f.fields = m ∧ Q f := by
  refine Classical.byContradiction fun hno => ?_
  have hA' : ∀ f ∈ fs, f.fields = m → f.mult = 0 ∨ f.mult = 1 := fun f hf e =>
    hA f hf e (fun hq => hno ⟨f, hf, e, hq⟩)
  obtain ⟨g, hg, -⟩ := lookup_received (A := fs) (R := [])
    (by rw [List.append_nil]; exact hnet) (by rw [List.append_nil]; exact hfew) hA' hsend
  cases hg

/-- What the FIXED table's rows hold for the lookup tags (fixed.rs; docs/air.md §6): U8 rows
are bytes, AND4 rows two nibbles and their AND, POW2 rows the shift factors; it has no U16 row. -/
structure FixedFacts (fx : List (Fraction BabyBear)) : Prop where
  no_u16 : ∀ g ∈ fx, g.fields.head? ≠ some 5
  u8 : ∀ g ∈ fx, ∀ v, g.fields = [6, v] → v.val < 256
  and4 : ∀ g ∈ fx, ∀ a b c, g.fields = [7, a, b, c] →
    a.val < 16 ∧ b.val < 16 ∧ c.val = a.val &&& b.val
  pow2 : ∀ g ∈ fx, ∀ k s f₀ f₁ f₂ f₃ nz, g.fields = [4, k, s, f₀, f₁, f₂, f₃, nz] →
    Mul.Pow2Row k.val s.val f₀.val f₁.val f₂.val f₃.val nz.val

/-- **What the bus gives the lookups**: every message's net multiplicity 0 with fewer than p
fractions each, the statement carrying no lookup, the RANGE rows' values below 2^16 (the RANGE
table's constraints, `Range.lookup_lt`), the FIXED table's content, the tables' groups and the
CPU, PRIVATE and BOUNDARY booleans. -/
structure Bus (T : Tables) (ssent srcvd : List (List BabyBear)) (fx : List (Fraction BabyBear)) :
    Prop where
  net : NetZero T ssent srcvd fx
  few : FewCopies T ssent srcvd fx
  stmt : ∀ m ∈ ssent ++ srcvd, ¬ LookupTag m
  range : ∀ r ∈ T.range, (r Range.Col.v).val < 2 ^ 16
  fixed : FixedFacts fx
  ok : T.Ok
  bools : Bools T

variable {T : Tables} {ssent srcvd : List (List BabyBear)} {fx : List (Fraction BabyBear)}

/-- **A lookup sent with nonzero multiplicity is carried by a FIXED or a RANGE row**: when its
message's net multiplicity over the bus is 0 with fewer than p fractions carrying it, and the
statement carries no lookup. -/
theorem carried (hok : T.Ok) (hb : Bools T) (hstmt : ∀ m ∈ ssent ++ srcvd, ¬ LookupTag m)
    {f : Fraction BabyBear} (hf : f ∈ T.fractions)
    (hl : LookupTag f.fields) (hbit : IsBit f.mult) (hm : f.mult ≠ 0)
    (hnet : net f.fields (busFractions T ssent srcvd fx) = 0)
    (hfew : (carrying f.fields (busFractions T ssent srcvd fx)).length < 2013265921) :
    ∃ g, (g ∈ fx ∨ ∃ r ∈ T.range, g ∈ Range.fractions r) ∧ g.fields = f.fields := by
  have h1 : f.mult = 1 := hbit.resolve_left hm
  have hA : ∀ g ∈ busFractions T ssent srcvd fx, g.fields = f.fields →
      ¬ (g ∈ fx ∨ ∃ r ∈ T.range, g ∈ Range.fractions r) → g.mult = 0 ∨ g.mult = 1 := by
    intro g hg e hnq
    simp only [busFractions, List.mem_append] at hg
    rcases hg with (hg | hg) | hg
    · rcases sends_of hok hb hg (e ▸ hl) with hb | hr
      · exact hb
      · exact absurd (Or.inr hr) hnq
    · simp only [stmtFractions, List.mem_append, List.mem_map] at hg
      rcases hg with ⟨m, hm', rfl⟩ | ⟨m, hm', rfl⟩
      · have e' : m = f.fields := e
        exact absurd (e' ▸ hl) (hstmt m (List.mem_append_left _ hm'))
      · have e' : m = f.fields := e
        exact absurd (e' ▸ hl) (hstmt m (List.mem_append_right _ hm'))
    · exact absurd (Or.inl hg) hnq
  obtain ⟨g, -, he, hq⟩ := lookup_carried hnet hfew hA
    ⟨f, List.mem_append_left _ (List.mem_append_left _ hf), rfl, h1⟩
  exact ⟨g, hq, he⟩

/-- **What the lookups need of a bus**: every lookup a table row sends with multiplicity 1 is
carried by a FIXED or RANGE row, the RANGE rows' values are below 2^16, the FIXED table's
content, the tables' groups and booleans. `Bus` gives it (`Bus.carries`), and so does one
segment's bus (`SegBus.carries`). -/
structure Carries (T : Tables) (fx : List (Fraction BabyBear)) : Prop where
  carried : ∀ f ∈ T.fractions, LookupTag f.fields → IsBit f.mult → f.mult ≠ 0 →
    ∃ g, (g ∈ fx ∨ ∃ r ∈ T.range, g ∈ Range.fractions r) ∧ g.fields = f.fields
  range : ∀ r ∈ T.range, (r Range.Col.v).val < 2 ^ 16
  fixed : FixedFacts fx
  ok : T.Ok
  bools : Bools T

theorem Bus.carries (hB : Bus T ssent srcvd fx) : Carries T fx :=
  ⟨fun _ hf hl hbit hm => carried hB.ok hB.bools hB.stmt hf hl hbit hm (hB.net _) (hB.few _),
    hB.range, hB.fixed, hB.ok, hB.bools⟩

/-- A U16 lookup a table row sends with nonzero multiplicity is in range. -/
theorem u16_at (hB : Carries T fx) {l : List (Fraction BabyBear)}
    (hl : ∀ f ∈ l, f ∈ T.fractions) (hs : ∀ f ∈ l, LookupTag f.fields → IsBit f.mult)
    {i : Nat} {μ v : BabyBear} (hi : l[i]? = some ⟨μ, [5, v]⟩) (hμ : μ ≠ 0) :
    v.val < 2 ^ 16 := by
  have hmem := List.mem_of_getElem? hi
  have ht : LookupTag [5, v] := lookupTag_cons.mpr (by decide)
  obtain ⟨g, hg, he⟩ := hB.carried _ (hl _ hmem) ht (hs _ hmem ht) hμ
  rcases hg with hg | ⟨r, hr, hg⟩
  · exact absurd (by rw [he]; rfl) (hB.fixed.no_u16 g hg)
  · simp only [Range.fractions, List.mem_singleton] at hg
    subst hg
    simp only [List.cons.injEq, and_true, true_and] at he
    rw [← he]; exact hB.range r hr

/-- A U8 lookup a table row sends with nonzero multiplicity is a byte. -/
theorem u8_at (hB : Carries T fx) {l : List (Fraction BabyBear)}
    (hl : ∀ f ∈ l, f ∈ T.fractions) (hs : ∀ f ∈ l, LookupTag f.fields → IsBit f.mult)
    {i : Nat} {μ v : BabyBear} (hi : l[i]? = some ⟨μ, [6, v]⟩) (hμ : μ ≠ 0) :
    v.val < 256 := by
  have hmem := List.mem_of_getElem? hi
  have ht : LookupTag [6, v] := lookupTag_cons.mpr (by decide)
  obtain ⟨g, hg, he⟩ := hB.carried _ (hl _ hmem) ht (hs _ hmem ht) hμ
  rcases hg with hg | ⟨r, hr, hg⟩
  · exact hB.fixed.u8 g hg v he
  · simp only [Range.fractions, List.mem_singleton] at hg
    subst hg
    simp only [List.cons.injEq] at he
    exact absurd he.1 (by decide)

/-- An AND4 lookup a table row sends with nonzero multiplicity is two nibbles and their AND. -/
theorem and4_at (hB : Carries T fx) {l : List (Fraction BabyBear)}
    (hl : ∀ f ∈ l, f ∈ T.fractions) (hs : ∀ f ∈ l, LookupTag f.fields → IsBit f.mult)
    {i : Nat} {μ a b c : BabyBear} (hi : l[i]? = some ⟨μ, [7, a, b, c]⟩) (hμ : μ ≠ 0) :
    a.val < 16 ∧ b.val < 16 ∧ c.val = a.val &&& b.val := by
  have hmem := List.mem_of_getElem? hi
  have ht : LookupTag [7, a, b, c] := lookupTag_cons.mpr (by decide)
  obtain ⟨g, hg, he⟩ := hB.carried _ (hl _ hmem) ht (hs _ hmem ht) hμ
  rcases hg with hg | ⟨r, hr, hg⟩
  · exact hB.fixed.and4 g hg a b c he
  · simp only [Range.fractions, List.mem_singleton] at hg
    subst hg
    simp only [List.cons.injEq] at he
    exact absurd he.1 (by decide)

/-- A POW2 lookup a table row sends with nonzero multiplicity is a shift factor's row. -/
theorem pow2_at (hB : Carries T fx) {l : List (Fraction BabyBear)}
    (hl : ∀ f ∈ l, f ∈ T.fractions) (hs : ∀ f ∈ l, LookupTag f.fields → IsBit f.mult)
    {i : Nat} {μ k s f₀ f₁ f₂ f₃ nz : BabyBear}
    (hi : l[i]? = some ⟨μ, [4, k, s, f₀, f₁, f₂, f₃, nz]⟩) (hμ : μ ≠ 0) :
    Mul.Pow2Row k.val s.val f₀.val f₁.val f₂.val f₃.val nz.val := by
  have hmem := List.mem_of_getElem? hi
  have ht : LookupTag [4, k, s, f₀, f₁, f₂, f₃, nz] := lookupTag_cons.mpr (by decide)
  obtain ⟨g, hg, he⟩ := hB.carried _ (hl _ hmem) ht (hs _ hmem ht) hμ
  rcases hg with hg | ⟨r, hr, hg⟩
  · exact hB.fixed.pow2 g hg k s f₀ f₁ f₂ f₃ nz he
  · simp only [Range.fractions, List.mem_singleton] at hg
    subst hg
    simp only [List.cons.injEq] at he
    exact absurd he.1 (by decide)

variable {r : Row BabyBear}

theorem alu_looks (hB : Carries T fx) (hr : r ∈ T.alu) : Alu.Lookups r :=
  have hl : ∀ f ∈ Alu.fractions r, f ∈ T.fractions := fun _ hf => Tables.of_alu hr hf
  have hs := alu_sends (hB.ok.alu r hr)
  { limb_L := fun h => u16_at hB hl hs (i := 1) rfl h
    limb_H := fun h => u16_at hB hl hs (i := 2) rfl h
    sign_a := fun h => u16_at hB hl hs (i := 3) rfl h
    sign_b := fun h => u16_at hB hl hs (i := 4) rfl h
    sign_imm := fun h => u16_at hB hl hs (i := 5) rfl h }

theorem logic_looks (hB : Carries T fx) (hr : r ∈ T.logic) : Logic.Lookups r :=
  have hl : ∀ f ∈ Logic.fractions r, f ∈ T.fractions := fun _ hf => Tables.of_logic hr hf
  have hs := logic_sends (hB.ok.logic r hr)
  { and4 := fun h i hi => by
      have e : ∀ j, j < 8 → (Logic.fractions r)[j + 1]? = some (Logic.and4 r j) := by
        intro j hj
        obtain rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl :
          j = 0 ∨ j = 1 ∨ j = 2 ∨ j = 3 ∨ j = 4 ∨ j = 5 ∨ j = 6 ∨ j = 7 := by omega
        all_goals rfl
      exact and4_at hB hl hs (e i hi) h }

theorem mul_looks (hB : Carries T fx) (hr : r ∈ T.mul) : Mul.Lookups r :=
  have hl : ∀ f ∈ Mul.fractions r, f ∈ T.fractions := fun _ hf => Tables.of_mul hr hf
  have hs := mul_sends (hB.ok.mul r hr)
  { byte_a := fun h i hi => by
      obtain rfl | rfl | rfl : i = 0 ∨ i = 1 ∨ i = 2 := by omega
      · exact u8_at hB hl hs (i := 1) rfl h
      · exact u8_at hB hl hs (i := 2) rfl h
      · exact u8_at hB hl hs (i := 3) rfl h
    top_a := fun h => u8_at hB hl hs (i := 4) rfl h
    byte_b := fun h i hi => by
      obtain rfl | rfl | rfl : i = 0 ∨ i = 1 ∨ i = 2 := by omega
      · exact u8_at hB hl hs (i := 5) rfl h
      · exact u8_at hB hl hs (i := 6) rfl h
      · exact u8_at hB hl hs (i := 7) rfl h
    top_b := fun h => u8_at hB hl hs (i := 8) rfl h
    pow2 := fun h => pow2_at hB hl hs (i := 9) rfl h
    limb_c_lo := fun h => u16_at hB hl hs (i := 10) rfl h
    limb_c_hi := fun h => u16_at hB hl hs (i := 11) rfl h
    limb_x_lo := fun h => u16_at hB hl hs (i := 12) rfl h
    limb_x_hi := fun h => u16_at hB hl hs (i := 13) rfl h
    carries := fun h m hm => by
      obtain rfl | rfl | rfl | rfl : m = 0 ∨ m = 1 ∨ m = 2 ∨ m = 3 := by omega
      · exact u16_at hB hl hs (i := 14) rfl h
      · exact u16_at hB hl hs (i := 15) rfl h
      · exact u16_at hB hl hs (i := 16) rfl h
      · exact u16_at hB hl hs (i := 17) rfl h
    carry_sum := fun h => u16_at hB hl hs (i := 18) rfl h
    rest := fun h => u16_at hB hl hs (i := 19) rfl h }

theorem div_looks (hB : Carries T fx) (hr : r ∈ T.div) : Div.Lookups r :=
  have hl : ∀ f ∈ Div.fractions r, f ∈ T.fractions := fun _ hf => Tables.of_div hr hf
  have hs := div_sends (hB.ok.div r hr)
  { sign_a := fun h => u16_at hB hl hs (i := 1) rfl h
    byte_q := fun h i hi => by
      obtain rfl | rfl | rfl | rfl : i = 0 ∨ i = 1 ∨ i = 2 ∨ i = 3 := by omega
      · exact u8_at hB hl hs (i := 2) rfl h
      · exact u8_at hB hl hs (i := 3) rfl h
      · exact u8_at hB hl hs (i := 4) rfl h
      · exact u8_at hB hl hs (i := 5) rfl h
    byte_y := fun h i hi => by
      obtain rfl | rfl | rfl : i = 0 ∨ i = 1 ∨ i = 2 := by omega
      · exact u8_at hB hl hs (i := 6) rfl h
      · exact u8_at hB hl hs (i := 7) rfl h
      · exact u8_at hB hl hs (i := 8) rfl h
    top_y := fun h => u8_at hB hl hs (i := 9) rfl h
    limb_r_lo := fun h => u16_at hB hl hs (i := 10) rfl h
    limb_r_hi := fun h => u16_at hB hl hs (i := 11) rfl h
    carries := fun h m hm => by
      obtain rfl | rfl | rfl | rfl : m = 0 ∨ m = 1 ∨ m = 2 ∨ m = 3 := by omega
      · exact u16_at hB hl hs (i := 12) rfl h
      · exact u16_at hB hl hs (i := 13) rfl h
      · exact u16_at hB hl hs (i := 14) rfl h
      · exact u16_at hB hl hs (i := 15) rfl h
    carry_sum := fun h => u16_at hB hl hs (i := 16) rfl h
    d_lo := fun h => u16_at hB hl hs (i := 17) rfl h
    d_hi := fun h => u16_at hB hl hs (i := 18) rfl h
    beta := fun h => u8_at hB hl hs (i := 19) rfl h }

theorem mem_looks (hB : Carries T fx) (hr : r ∈ T.mem) : Mem.Lookups r :=
  have hl : ∀ f ∈ Mem.fractions r, f ∈ T.fractions := fun _ hf => Tables.of_mem hr hf
  have hs := mem_sends (hB.ok.mem r hr)
  { u16_gLo := fun h => u16_at hB hl hs (i := 3) rfl h
    u16_gHi := fun h => u16_at hB hl hs (i := 4) rfl h
    u16_q := fun h => u16_at hB hl hs (i := 5) rfl h
    u16_lo := fun h => u16_at hB hl hs (i := 6) rfl h
    u16_hi := fun h => u16_at hB hl hs (i := 7) rfl h
    u8_x0 := fun h => u8_at hB hl hs (i := 8) rfl h
    u8_x1 := fun h => u8_at hB hl hs (i := 9) rfl h
    u8_top := fun h => u8_at hB hl hs (i := 10) rfl h
    u8_y1 := fun h => u8_at hB hl hs (i := 11) rfl h }

theorem syscall_looks (hB : Carries T fx) (hr : r ∈ T.sys) : Syscall.Lookups r :=
  have hl : ∀ f ∈ Syscall.fractions r, f ∈ T.fractions := fun _ hf => Tables.of_sys hr hf
  have hs := syscall_sends (hB.ok.sys r hr).choose_spec
  { gbLo := fun h => u16_at hB hl hs (i := 4) rfl h
    gbHi := fun h => u16_at hB hl hs (i := 5) rfl h
    glLo := fun h => u16_at hB hl hs (i := 8) rfl h
    glHi := fun h => u16_at hB hl hs (i := 9) rfl h
    gcLo := fun h => u16_at hB hl hs (i := 12) rfl h
    gcHi := fun h => u16_at hB hl hs (i := 13) rfl h
    goLo := fun h => u16_at hB hl hs (i := 16) rfl h
    goHi := fun h => u16_at hB hl hs (i := 17) rfl h
    bufHi := fun h => u16_at hB hl hs (i := 20) rfl h
    cHi := fun h => u16_at hB hl hs (i := 21) rfl h
    cLo := fun h => u16_at hB hl hs (i := 22) rfl h
    dLo := fun h => u16_at hB hl hs (i := 23) rfl h
    dHi := fun h => u16_at hB hl hs (i := 24) rfl h }

theorem io_looks (hB : Carries T fx) (hr : r ∈ T.io) : Io.Lookups r :=
  have hl : ∀ f ∈ Io.fractions r, f ∈ T.fractions := fun _ hf => Tables.of_io hr hf
  have hs := io_sends (hB.ok.io r hr)
  { gLo := fun h => u16_at hB hl hs (i := 4) rfl h
    gHi := fun h => u16_at hB hl hs (i := 5) rfl h
    u8 := fun h j hj => by
      simp only [Io.lanes, List.mem_cons, List.not_mem_nil, or_false] at hj
      rcases hj with rfl | rfl | rfl | rfl
      · exact u8_at hB hl hs (i := 6) rfl h
      · exact u8_at hB hl hs (i := 7) rfl h
      · exact u8_at hB hl hs (i := 8) rfl h
      · exact u8_at hB hl hs (i := 9) rfl h }

theorem cpu_looks (hB : Carries T fx) (hr : r ∈ T.cpu) : Cpu.Lookups r :=
  have hl : ∀ f ∈ Cpu.fractions r, f ∈ T.fractions := fun _ hf => Tables.of_cpu hr hf
  have hs := cpu_sends (hB.bools.cpu r hr).1 (hB.bools.cpu r hr).2
  { g1_lo := fun h => u16_at hB hl hs (i := 3) rfl h
    g1_hi := fun h => u16_at hB hl hs (i := 4) rfl h
    g2_lo := fun h => u16_at hB hl hs (i := 7) rfl h
    g2_hi := fun h => u16_at hB hl hs (i := 8) rfl h
    g3_lo := fun h => u16_at hB hl hs (i := 11) rfl h
    g3_hi := fun h => u16_at hB hl hs (i := 12) rfl h }

/-- **Every coprocessor's lookups** (the run theorem's `T.Looks`), with the CPU rows' f_exec
boolean. -/
theorem looks_of (hB : Carries T fx)
    (hx : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1) : T.Looks where
  alu := fun _ hr => alu_looks hB hr
  logic := fun _ hr => logic_looks hB hr
  mul := fun _ hr => mul_looks hB hr
  div := fun _ hr => div_looks hB hr
  mem := fun _ hr => mem_looks hB hr
  sys := fun _ hr => syscall_looks hB hr
  cpu := hx

/-- **Every coprocessor's lookups from the bus.** -/
theorem looks_of_bus (hB : Bus T ssent srcvd fx)
    (hx : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1) : T.Looks :=
  looks_of hB.carries hx

/-- **The counted balance from the bus**: with the FIXED table carrying no counted tag and the
CPU rows' f_exec and halt booleans, every MEM, INPUT, OUTPUT, EXEC, HALT, EXIT and IO message is
sent as often as it is received (`balanced_of_net` with `unitMults_of`). -/
theorem counts_of_bus (hB : Bus T ssent srcvd fx) (hfx : ∀ f ∈ fx, ¬ Counted f.fields)
    (hx : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1)
    (hhb : ∀ r ∈ T.cpu, r Cpu.Col.halt = 0 ∨ r Cpu.Col.halt = 1) : Balanced T ssent srcvd :=
  balanced_of_net hB.net (unitMults_of hB.ok (looks_of_bus hB hx) hhb hB.bools) hfx hB.few

/-- **The MEM messages balance as multisets**: every memory message (tag 2) of the tables and the
statement is sent as often as it is received — the memory argument's balance, before the
messages are read as accesses and boundary rows. -/
theorem mem_counts_of_bus (hB : Bus T ssent srcvd fx) (hfx : ∀ f ∈ fx, ¬ Counted f.fields)
    (hx : ∀ r ∈ T.cpu, r Cpu.Col.fExec = 0 ∨ r Cpu.Col.fExec = 1)
    (hhb : ∀ r ∈ T.cpu, r Cpu.Col.halt = 0 ∨ r Cpu.Col.halt = 1) {m : List BabyBear}
    (hm : m.head? = some 2) : (T.sent ++ ssent).count m = (T.rcvd ++ srcvd).count m :=
  counts_of_bus hB hfx hx hhb m ⟨2, by simp [countedTags], hm⟩

end Zkvm.Air.V2.Exec

end
