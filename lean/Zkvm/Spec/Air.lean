module

public import Zkvm.Stark.LogUpTrace

/-!
# An abstract multi-table AIR (specification)

What a witness must satisfy, for any AIR: the protocol's soundness theorem
(`Zkvm.Stark.Compose`) is stated over this, so it holds for every table layout.

* A **table** (`Table`) has a height `n` with trace domain `H = {ω^i | i < n}`, `width` main
  columns, its own **constraints** (functions of a `Row`: the local and next rows and the
  selectors, with public values and other constants inside the function), a fixed number
  `numFractions` of **bus fractions** per row (multiplicity, message), its **fixed columns**
  (column index and the polynomial the verifying key fixes), the three **selector
  polynomials** and the FRI layer its LDE domain belongs to.
* A **witness** gives every cell: `W t j i` is column `j` of table `t` at row `i`.
  `Satisfied` asks that every own constraint vanish on every row (the next row of row `i` is
  row `i + 1 mod n`), every fixed column equal its polynomial on `H`, and the **bus** be
  balanced: over the fractions of all rows of all tables together with the verifier's own
  boundary fractions (public input/output), every message has total multiplicity zero
  (`Zkvm.Stark.Balanced`; with multiplicities below `p` this is equality of multisets,
  `Zkvm.Stark.intBalanced_of_balanced`).
* The **LogUp constraints** the protocol adds to every table (`logupConstraints`): pair
  columns `h_j`, the running sum `φ` (auxiliary row `[h₀, …, h_{P−1}, φ]`) and the claimed sum
  `σ`, exactly as `docs/protocol.md` §5.1.
* A constraint **has degree `≤ d`** (`HasDegree`) if composing it with polynomials of degree
  `≤ e` (every cell and selector) gives a polynomial of degree `≤ d·e`.
-/

public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Stark Poly

universe u

/-- What a constraint reads. -/
structure Row (E : Type u) where
  loc : List E
  nxt : List E
  auxLoc : List E
  auxNxt : List E
  first : E
  last : E
  trans : E

/-- One table of an AIR. -/
structure Table (E : Type u) where
  n : Nat
  ω : E
  width : Nat
  own : List (Row E → E)
  numFractions : Nat
  fractions : Row E → List (Frac E)
  fixed : List (Nat × Poly E)
  selFirst : Poly E
  selLast : Poly E
  selTrans : Poly E
  /-- The FRI layer whose domain is this table's LDE domain. -/
  layer : Nat

/-- An AIR: its tables and the fractions the verifier itself puts on the bus. -/
structure Air (E : Type u) where
  numTables : Nat
  tables : Nat → Table E
  boundary : List (Frac E)

variable {E : Type u} [Lean.Grind.Field E] [DecidableEq E]

/-- Row `i` of table `T` in the witness columns `W j i`. -/
@[expose] def witnessRow (T : Table E) (W : Nat → Nat → E) (i : Nat) : Row E where
  loc := (List.range T.width).map (fun j => W j i)
  nxt := (List.range T.width).map (fun j => W j ((i + 1) % T.n))
  auxLoc := []
  auxNxt := []
  first := eval T.selFirst (T.ω ^ i)
  last := eval T.selLast (T.ω ^ i)
  trans := eval T.selTrans (T.ω ^ i)

/-- The bus fractions of all rows of a table. -/
@[expose] def tableFractions (T : Table E) (W : Nat → Nat → E) : List (Frac E) :=
  (List.range T.n).flatMap (fun i => T.fractions (witnessRow T W i))

/-- All fractions on the bus: every row of every table, then the boundary. -/
@[expose] def busFractions (air : Air E) (W : Nat → Nat → Nat → E) : List (Frac E) :=
  (List.range air.numTables).flatMap (fun t => tableFractions (air.tables t) (W t)) ++ air.boundary

/-- **The witness satisfies the AIR**: every own constraint on every row, every fixed column, and
the bus. -/
@[expose] def Satisfied (air : Air E) (W : Nat → Nat → Nat → E) : Prop :=
  (∀ t, t < air.numTables → ∀ i, i < (air.tables t).n → ∀ C ∈ (air.tables t).own,
      C (witnessRow (air.tables t) (W t) i) = 0) ∧
  (∀ t, t < air.numTables → ∀ jV ∈ (air.tables t).fixed, ∀ i, i < (air.tables t).n →
      W t jV.1 i = eval jV.2 ((air.tables t).ω ^ i)) ∧
  Balanced (busFractions air W)

/-! ## The LogUp constraints -/

/-- `(m, χ − fp msg β)` for every fraction. -/
@[expose] def denoms (χ β : E) (fs : List (Frac E)) : List (E × E) :=
  fs.map (fun f => (f.1, χ - fp f.2 β))

/-- `P = ⌈F / 2⌉` pair columns. -/
@[expose] def numPairs (T : Table E) : Nat := (T.numFractions + 1) / 2

/-- The LogUp constraints of a table for the challenges `χ, β` and the claimed sum `σ`, in the
normative order: pairs, then first row, transition, last row. The auxiliary row is
`[h₀, …, h_{P−1}, φ]`. -/
@[expose] def logupConstraints (T : Table E) (χ β σ : E) : List (Row E → E) :=
  (List.range (numPairs T)).map (fun j => fun row =>
      pairConstraint (row.auxLoc.getD j 0) ((chunk2 (denoms χ β (T.fractions row))).getD j [])) ++
  [fun row => row.first * row.auxLoc.getD (numPairs T) 0,
   fun row => row.trans * (row.auxNxt.getD (numPairs T) 0 - row.auxLoc.getD (numPairs T) 0 -
      sumF (row.auxLoc.take (numPairs T))),
   fun row => row.last * (row.auxLoc.getD (numPairs T) 0 + sumF (row.auxLoc.take (numPairs T)) - σ)]

/-- Every constraint of a table: its own, then the LogUp ones. -/
@[expose] def allConstraints (T : Table E) (χ β σ : E) : List (Row E → E) :=
  T.own ++ logupConstraints T χ β σ

/-! ## Degree -/

/-- The row read at `x` from polynomials: main columns at `x` and `ω·x`, auxiliary columns at
`x` and `ω·x`, selectors at `x`. -/
@[expose] def rowAt (ω : E) (main aux : List (Poly E)) (sF sL sT : Poly E) (x : E) : Row E where
  loc := main.map (fun p => eval p x)
  nxt := main.map (fun p => eval p (ω * x))
  auxLoc := aux.map (fun p => eval p x)
  auxNxt := aux.map (fun p => eval p (ω * x))
  first := eval sF x
  last := eval sL x
  trans := eval sT x

/-- **Degree `≤ d`**: composed with polynomials of degree `≤ e` (cells and selectors), the
constraint is a polynomial of degree `≤ d·e`. -/
@[expose] def HasDegree (C : Row E → E) (d : Nat) : Prop :=
  ∀ (ω : E) (main aux : List (Poly E)) (sF sL sT : Poly E) (e : Nat),
    (∀ p ∈ main, p.DegreeLE e) → (∀ p ∈ aux, p.DegreeLE e) →
    sF.DegreeLE e → sL.DegreeLE e → sT.DegreeLE e →
    ∃ c : Poly E, c.DegreeLE (d * e) ∧ ∀ x, eval c x = C (rowAt ω main aux sF sL sT x)

end Zkvm.Spec

end
