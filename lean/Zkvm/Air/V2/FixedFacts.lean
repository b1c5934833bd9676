module

public import Zkvm.Air.V2.BusLooks
public import Zkvm.Spec.FixedTable

/-!
# The fixed table's rows give the run theorem's FIXED facts

The verifier's fixed table is `Spec.fixedRows rows image` (`fixed::fixed_table`,
`Zkvm.Refinement.air.rv32im.fixed.fixed_table_spec`); FIXED's fractions carry its rows as field
elements (`fixedFelts`, each `u32` cast as `felt`). Every such row (`rowFacts_of_mem`):
* has tag 1 (PROG), 3 (IMG), 4 (POW2), 6 (U8) or 7 (AND4): never 5 (U16), never a counted tag
  8–13;
* as `[6, v]` (a U8 row) has `v < 256`; as `[7, a, b, c]` (an AND4 row) has nibbles `a`, `b`
  and `c = a &&& b`; as a POW2 row `[4, k, s, f₀, f₁, f₂, f₃, nz]` is a shift-factor row
  (`Mul.Pow2Row`);
* with tag 1 is the PROG message of a program row.

Hence `fixedFacts_of_rows`: when every FIXED fraction's fields are a row of `fixedFelts`, the run
theorem's `FixedFacts`, its `hfx` (no counted tag) and, when each program row is the decoding of
a `(pc, word)` of `code`, its `hfxp` (every tag-1 row is in `progTable code`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec

open Zkvm.Field
open Zkvm.Air.V2.Cpu (Fraction)

/-- The fixed table's rows as field elements. -/
def fixedFelts (rows : List Spec.ProgramRow) (image : List Spec.ImageWord) :
    List (List BabyBear) :=
  (Spec.fixedRows rows image).map (List.map felt)

/-- What the run theorem needs of one FIXED row, as field elements. -/
structure RowFacts (rows : List Spec.ProgramRow) (l : List BabyBear) : Prop where
  no_u16 : l.head? ≠ some 5
  not_counted : ¬ Counted l
  u8 : ∀ v, l = [6, v] → v.val < 256
  and4 : ∀ a b c, l = [7, a, b, c] → a.val < 16 ∧ b.val < 16 ∧ c.val = a.val &&& b.val
  pow2 : ∀ k s f₀ f₁ f₂ f₃ nz, l = [4, k, s, f₀, f₁, f₂, f₃, nz] →
    Mul.Pow2Row k.val s.val f₀.val f₁.val f₂.val f₃.val nz.val
  prog : l.head? = some 1 → ∃ r ∈ rows, l = (Spec.progMessage r).map felt

/-- The rows of `fixedRows`, by part. -/
theorem mem_fixedRows {rows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    {m : List UInt32} (h : m ∈ Spec.fixedRows rows image) :
    (∃ r ∈ rows, m = Spec.progMessage r) ∨ (∃ w ∈ image, m = Spec.imgMessage w) ∨
      (∃ k s, k < 2 ∧ s < 32 ∧ m = Spec.pow2Message k s) ∨
      (∃ v, v < 256 ∧ m = [6, UInt32.ofNat v]) ∨
      (∃ a b, a < 16 ∧ b < 16 ∧ m = [7, UInt32.ofNat a, UInt32.ofNat b,
        UInt32.ofNat a &&& UInt32.ofNat b]) := by
  simp only [Spec.fixedRows, Spec.pow2Rows, Spec.u8Rows, Spec.and4Rows, List.mem_append,
    List.mem_map, List.mem_flatMap, List.mem_range] at h
  rcases h with (((⟨r, hr, e⟩ | ⟨w, hw, e⟩) | ⟨k, hk, s, hs, e⟩) | ⟨v, hv, e⟩) |
    ⟨a, ha, b, hb, e⟩
  · exact Or.inl ⟨r, hr, e.symm⟩
  · exact Or.inr (Or.inl ⟨w, hw, e.symm⟩)
  · exact Or.inr (Or.inr (Or.inl ⟨k, s, hk, hs, e.symm⟩))
  · exact Or.inr (Or.inr (Or.inr (Or.inl ⟨v, hv, e.symm⟩)))
  · exact Or.inr (Or.inr (Or.inr (Or.inr ⟨a, b, ha, hb, e.symm⟩)))

/-- A small number's `u32` as a field element has that value. -/
theorem val_felt_ofNat {n : Nat} (h : n < 65536) : (felt (UInt32.ofNat n)).val = n := by
  unfold felt
  rw [UInt32.toNat_ofNat_of_lt' (show n < 2 ^ 32 by omega)]
  exact Mem.val_cast (by omega)

/-- The AND of two nibbles as a field element. -/
theorem val_felt_and {a b : Nat} (ha : a < 16) (hb : b < 16) :
    (felt (UInt32.ofNat a &&& UInt32.ofNat b)).val = a &&& b := by
  have hab : a &&& b < 16 := Nat.and_lt_two_pow a (n := 4) hb
  unfold felt
  rw [UInt32.toNat_and, UInt32.toNat_ofNat_of_lt' (show a < 2 ^ 32 by omega),
    UInt32.toNat_ofNat_of_lt' (show b < 2 ^ 32 by omega)]
  exact Mem.val_cast (by omega)

/-- The nz flag of a POW2 row as a field element. -/
theorem val_felt_nz (s : Nat) :
    (felt (if s = 0 then 0 else 1)).val = if s = 0 then 0 else 1 := by
  by_cases h : s = 0 <;> simp only [h, if_true, if_false] <;> decide

/-- A row whose tag is not a counted one is not counted. -/
theorem not_counted_tag (t : BabyBear) (rest : List BabyBear) (h : t ∉ countedTags) :
    ¬ Counted (t :: rest) := by
  intro ⟨u, hu, e⟩
  simp only [List.head?_cons, Option.some.injEq] at e
  subst e
  exact h hu

/-- **Every row of the fixed table has the facts the run theorem needs.** -/
theorem rowFacts_of_mem {rows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    {m : List UInt32} (h : m ∈ Spec.fixedRows rows image) :
    RowFacts rows (m.map felt) := by
  rcases mem_fixedRows h with ⟨r, hr, e⟩ | ⟨w, hw, e⟩ | ⟨k, s, hk, hs, e⟩ | ⟨v, hv, e⟩ |
    ⟨a, b, ha, hb, e⟩ <;> subst e
  · refine ⟨?_, ?_, ?_, ?_, ?_, fun _ => ⟨r, hr, rfl⟩⟩
    · simp only [Spec.progMessage, List.map_cons, List.head?_cons]; decide
    · simp only [Spec.progMessage, List.map_cons]
      exact not_counted_tag _ _ (by decide)
    · intro v hv; simp [Spec.progMessage] at hv
    · intro a b c hv; simp [Spec.progMessage] at hv
    · intro k s f₀ f₁ f₂ f₃ nz hv; simp [Spec.progMessage] at hv
  · refine ⟨?_, ?_, ?_, ?_, ?_, ?_⟩
    · simp only [Spec.imgMessage, List.map_cons, List.head?_cons]; decide
    · simp only [Spec.imgMessage, List.map_cons]
      exact not_counted_tag _ _ (by decide)
    · intro v hv; simp [Spec.imgMessage] at hv
    · intro a b c hv; simp [Spec.imgMessage] at hv
    · intro k s f₀ f₁ f₂ f₃ nz hv; simp [Spec.imgMessage] at hv
    · intro hv
      simp only [Spec.imgMessage, List.map_cons, List.head?_cons, Option.some.injEq] at hv
      exact absurd hv (by decide)
  · refine ⟨?_, ?_, ?_, ?_, ?_, ?_⟩
    · simp only [Spec.pow2Message, List.map_cons, List.head?_cons]; decide
    · simp only [Spec.pow2Message, List.map_cons]
      exact not_counted_tag _ _ (by decide)
    · intro v hv; simp [Spec.pow2Message] at hv
    · intro a b c hv; simp [Spec.pow2Message] at hv
    · intro k' s' f₀ f₁ f₂ f₃ nz hv
      simp only [Spec.pow2Message, List.map_cons, List.map_nil, List.cons.injEq] at hv
      obtain ⟨-, e1, e2, e3, e4, e5, e6, e7, -⟩ := hv
      subst e1 e2 e3 e4 e5 e6 e7
      have h256 : ∀ x : Nat, x % 256 < 65536 := fun x => by
        have := Nat.mod_lt x (show 256 > 0 by decide); omega
      rw [val_felt_ofNat (by omega), val_felt_ofNat (by omega), val_felt_ofNat (h256 _),
        val_felt_ofNat (h256 _), val_felt_ofNat (h256 _), val_felt_ofNat (h256 _), val_felt_nz]
      exact ⟨by omega, hs, rfl, rfl, rfl, rfl, rfl⟩
    · intro hv
      simp only [Spec.pow2Message, List.map_cons, List.head?_cons, Option.some.injEq] at hv
      exact absurd hv (by decide)
  · refine ⟨?_, ?_, ?_, ?_, ?_, ?_⟩
    · simp only [List.map_cons, List.head?_cons]; decide
    · simp only [List.map_cons]
      exact not_counted_tag _ _ (by decide)
    · intro x hx
      simp only [List.map_cons, List.map_nil, List.cons.injEq] at hx
      obtain ⟨-, e, -⟩ := hx
      subst e
      rw [val_felt_ofNat (by omega)]; exact hv
    · intro a b c hx; simp at hx
    · intro k' s' f₀ f₁ f₂ f₃ nz hx; simp at hx
    · intro hx
      simp only [List.map_cons, List.head?_cons, Option.some.injEq] at hx
      exact absurd hx (by decide)
  · refine ⟨?_, ?_, ?_, ?_, ?_, ?_⟩
    · simp only [List.map_cons, List.head?_cons]; decide
    · simp only [List.map_cons]
      exact not_counted_tag _ _ (by decide)
    · intro x hx; simp at hx
    · intro x y z hx
      simp only [List.map_cons, List.map_nil, List.cons.injEq] at hx
      obtain ⟨-, e1, e2, e3, -⟩ := hx
      subst e1 e2 e3
      rw [val_felt_ofNat (by omega), val_felt_ofNat (by omega), val_felt_and ha hb]
      exact ⟨ha, hb, rfl⟩
    · intro k' s' f₀ f₁ f₂ f₃ nz hx; simp at hx
    · intro hx
      simp only [List.map_cons, List.head?_cons, Option.some.injEq] at hx
      exact absurd hx (by decide)

/-- Every row of `fixedFelts` has the facts. -/
theorem rowFacts_of_felts {rows : List Spec.ProgramRow} {image : List Spec.ImageWord}
    {l : List BabyBear} (h : l ∈ fixedFelts rows image) : RowFacts rows l := by
  obtain ⟨m, hm, e⟩ := List.mem_map.mp h
  subst e
  exact rowFacts_of_mem hm

/-- **The FIXED table's facts from its rows**: when every FIXED fraction's fields are a row of
the fixed table of `rows` and `image` (as field elements, `fixedFelts`), the run theorem's
`FixedFacts` hold and no fraction has a counted tag (`run_of_bus`'s `hfx`); when moreover every
program row is the decoding of a `(pc, word)` of `code`, every tag-1 fraction is in the program
table (`run_of_bus`'s `hfxp`). -/
theorem fixedFacts_of_rows {fx : List (Fraction BabyBear)} {rows : List Spec.ProgramRow}
    {image : List Spec.ImageWord} (code : List (UInt32 × UInt32))
    (hfx : ∀ f ∈ fx, f.fields ∈ fixedFelts rows image)
    (hrows : ∀ r ∈ rows, ∃ p ∈ code, Spec.decodeRow p.1 p.2 = some r) :
    FixedFacts fx ∧ (∀ f ∈ fx, ¬ Counted f.fields) ∧
      (∀ f ∈ fx, f.fields.head? = some 1 → f.fields ∈ Step.progTable code) := by
  have H : ∀ f ∈ fx, RowFacts rows f.fields := fun f hf => rowFacts_of_felts (hfx f hf)
  refine ⟨⟨fun g hg => (H g hg).no_u16, fun g hg => (H g hg).u8, fun g hg => (H g hg).and4,
    fun g hg => (H g hg).pow2⟩, fun f hf => (H f hf).not_counted, ?_⟩
  intro f hf h1
  obtain ⟨r, hr, e⟩ := (H f hf).prog h1
  obtain ⟨p, hp, hd⟩ := hrows r hr
  rw [e]
  exact List.mem_filterMap.mpr ⟨p, hp, by rw [hd]; rfl⟩

end Zkvm.Air.V2.Exec
