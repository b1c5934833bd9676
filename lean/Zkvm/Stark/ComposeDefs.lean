module

public import Zkvm.Stark.Decode
public import Zkvm.Stark.LogUpRows

/-!
# The composition: hypotheses, decoded objects and the doomed states

Definitions for `Zkvm.Stark.Compose`.

**Hypotheses on the AIR and the layers** (`IopShape.Valid`): the facts about tables (heights,
roots of unity, selector degrees and where they are nonzero, fixed polynomials, fractions that
read only the local row, constraints that read only the main rows and selectors, constraint
degrees, layers) and about the FRI layers (distinct points, the fibers and thresholds of
`FriShape.Valid`, the unique-decoding margin, and the reconstruction of a word from its
components, `CurveFold.lift`) that the proof uses. None is probabilistic; each is a property
of the verifying key.

**Decoded objects.** With every committed column within its layer's threshold, `decW` is its
decoding (a polynomial of degree `≤ n`), `decWitness` the witness it defines on the trace
domain, `decRow` the rows read from the decoded polynomials.

**Doomed states** after each of the first four challenges (`Doom1` … `Doom4`): the prover is
"doomed" if no later challenge can make the verifier accept except through a bad event that the
next round's lemma counts.
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Spec Poly Classical

universe u

variable {E : Type u} [Lean.Grind.Field E] [DecidableEq E] [Inhabited E]

section

variable (sh : IopShape E)

/-- Table `t`. -/
@[expose] def tab (t : Nat) : Table E := sh.air.tables t

/-- The LDE domain of table `t` (its FRI layer's domain). -/
@[expose] def colD (t : Nat) : List E := sh.kernel.D (tab sh t).layer

/-- The agreement threshold for table `t`'s columns: one below its layer's. -/
@[expose] def colT (t : Nat) : Nat := sh.kernel.t (tab sh t).layer - 1

/-- A word of table `t` is close: within the threshold of a polynomial of degree `≤ n_t`. -/
@[expose] def isClose (t : Nat) (c : E → E) : Prop := ColClose (colD sh t) (tab sh t).n (colT sh t) c

/-- Its decoding. -/
@[expose] def decW (t : Nat) (c : E → E) : Poly E := dec (colD sh t) (tab sh t).n (colT sh t) c

/-- The number of constraints of table `t` (own and LogUp). -/
@[expose] def numConstraints (t : Nat) : Nat := (tab sh t).own.length + numPairs (tab sh t) + 3

/-- The number of bus fractions: every row of every table, and the boundary. -/
@[expose] def busSize : Nat :=
  ((List.range sh.air.numTables).map (fun t => (tab sh t).n * (tab sh t).numFractions)).sum +
    sh.air.boundary.length

/-- The number of DEEP terms of table `t`. -/
@[expose] def termCount (t : Nat) : Nat := 2 * (tab sh t).width + 2 * auxWidth sh t + sh.chunks t

/-- The number of DEEP terms on layer `j`. -/
@[expose] def classSize (j : Nat) : Nat :=
  ((List.range sh.air.numTables).map (fun t => if (tab sh t).layer = j then termCount sh t else 0)).sum

/-- **Hypotheses** of the composed theorem: properties of the verifying key. -/
structure IopValid (deg : Nat → Nat) (L : Nat) : Prop where
  n_pos : ∀ t, t < sh.air.numTables → 1 ≤ (tab sh t).n
  ω_pow : ∀ t, t < sh.air.numTables → (tab sh t).ω ^ (tab sh t).n = 1
  selF_deg : ∀ t, t < sh.air.numTables → (tab sh t).selFirst.DegreeLE (tab sh t).n
  selL_deg : ∀ t, t < sh.air.numTables → (tab sh t).selLast.DegreeLE (tab sh t).n
  selT_deg : ∀ t, t < sh.air.numTables → (tab sh t).selTrans.DegreeLE (tab sh t).n
  selF_ne : ∀ t, t < sh.air.numTables → eval (tab sh t).selFirst ((tab sh t).ω ^ 0) ≠ 0
  selL_ne : ∀ t, t < sh.air.numTables →
    eval (tab sh t).selLast ((tab sh t).ω ^ ((tab sh t).n - 1)) ≠ 0
  selT_ne : ∀ t, t < sh.air.numTables → ∀ i, i + 1 < (tab sh t).n →
    eval (tab sh t).selTrans ((tab sh t).ω ^ i) ≠ 0
  fixed_deg : ∀ t, t < sh.air.numTables → ∀ jV ∈ (tab sh t).fixed, jV.2.DegreeLE (tab sh t).n
  fixed_col : ∀ t, t < sh.air.numTables → ∀ jV ∈ (tab sh t).fixed, jV.1 < (tab sh t).width
  frac_len : ∀ t, t < sh.air.numTables → ∀ row, ((tab sh t).fractions row).length = (tab sh t).numFractions
  frac_loc : ∀ t, t < sh.air.numTables → ∀ row row' : Row E, row.loc = row'.loc →
    (tab sh t).fractions row = (tab sh t).fractions row'
  msg_len : ∀ t, t < sh.air.numTables → ∀ row, ∀ f ∈ (tab sh t).fractions row, f.2.length = L
  boundary_len : ∀ f ∈ sh.air.boundary, f.2.length = L
  own_main : ∀ t, t < sh.air.numTables → ∀ C ∈ (tab sh t).own, ∀ row row' : Row E,
    row.loc = row'.loc → row.nxt = row'.nxt → row.first = row'.first → row.last = row'.last →
    row.trans = row'.trans → C row = C row'
  degree : ∀ t, t < sh.air.numTables → ∀ χ β σ : E, ∀ C ∈ allConstraints (tab sh t) χ β σ,
    HasDegree C (deg t)
  chunks_pos : ∀ t, t < sh.air.numTables → 1 ≤ sh.chunks t
  layer_le : ∀ t, t < sh.air.numTables → (tab sh t).layer ≤ sh.R
  layer_deg : ∀ t, t < sh.air.numTables → sh.kernel.d (tab sh t).layer + 1 = (tab sh t).n
  D_nodup : ∀ j, j ≤ sh.R → (sh.kernel.D j).Nodup
  /-- Inside the unique-decoding radius with a margin: `N + n + 1 ≤ 2(t − 1)`, `n = d + 1`. -/
  udr : ∀ j, j ≤ sh.R → (sh.kernel.D j).length + (sh.kernel.d j + 1) + 1 ≤ 2 * (sh.kernel.t j - 1)
  layers : ∀ g, (sh.kernel.shape g).Valid sh.R
  lift : ∀ r, r < sh.R → ∀ p : Nat → Poly E,
    (∀ i, i < sh.kernel.A r → (p i).DegreeLE (sh.kernel.d (r + 1))) →
    ∃ P : Poly E, P.DegreeLE (sh.kernel.d r) ∧ ∀ f, ∀ x ∈ sh.kernel.D r,
      (∀ i, i < sh.kernel.A r → sh.kernel.comp r f i (sh.kernel.proj r x) =
        eval (p i) (sh.kernel.proj r x)) → f x = eval P x

end

section

variable (sh : IopShape E) (pr : Prover E) (τ : List (Chal E))

/-- The decoded main columns of table `t`. -/
@[expose] def decMain (t : Nat) : List (Poly E) :=
  (List.range (tab sh t).width).map (fun j => decW sh t (pr.main t j))

/-- The decoded auxiliary columns. -/
@[expose] def decAux (t : Nat) : List (Poly E) :=
  (List.range (auxWidth sh t)).map (fun j => decW sh t (pr.aux (τ.take 1) t j))

/-- The decoded quotient chunks. -/
@[expose] def decQuot (t : Nat) : List (Poly E) :=
  (List.range (sh.chunks t)).map (fun k => decW sh t (pr.quot (τ.take 2) t k))

/-- The witness of the decoded main columns. -/
@[expose] def decWitness : Nat → Nat → Nat → E :=
  fun t j i => eval (decW sh t (pr.main t j)) ((tab sh t).ω ^ i)

/-- The row read at `x` from the decoded polynomials. -/
@[expose] def decRow (t : Nat) (x : E) : Row E :=
  rowAt (tab sh t).ω (decMain sh pr t) (decAux sh pr τ t) (tab sh t).selFirst (tab sh t).selLast
    (tab sh t).selTrans x

/-- The constraint values of table `t` on the decoded row at `x`. -/
@[expose] def decValues (t : Nat) (x : E) : List E :=
  (allConstraints (tab sh t) (chiOf τ) (betaOf τ) (sigmaOf pr τ t)).map (fun C => C (decRow sh pr τ t x))

@[expose] def MainClose : Prop :=
  ∀ t, t < sh.air.numTables → ∀ j, j < (tab sh t).width → isClose sh t (pr.main t j)

@[expose] def AuxClose : Prop :=
  ∀ t, t < sh.air.numTables → ∀ j, j < auxWidth sh t → isClose sh t (pr.aux (τ.take 1) t j)

@[expose] def QuotClose : Prop :=
  ∀ t, t < sh.air.numTables → ∀ k, k < sh.chunks t → isClose sh t (pr.quot (τ.take 2) t k)

/-- An own constraint fails on a row of the decoded witness. -/
@[expose] def OwnFail : Prop :=
  ∃ t, t < sh.air.numTables ∧ ∃ i, i < (tab sh t).n ∧ ∃ C ∈ (tab sh t).own,
    C (witnessRow (tab sh t) (decWitness sh pr t) i) ≠ 0

/-- A decoded fixed column is not its polynomial. -/
@[expose] def FixedFail : Prop :=
  ∃ t, t < sh.air.numTables ∧ ∃ jV ∈ (tab sh t).fixed, ∃ x, eval (decW sh t (pr.main t jV.1)) x ≠ eval jV.2 x

/-- After `(χ, β)`. -/
@[expose] def Doom1 : Prop :=
  ¬ MainClose sh pr ∨ OwnFail sh pr ∨ FixedFail sh pr ∨
    (¬ PoleHit (busFractions sh.air (decWitness sh pr)) (chiOf τ) (betaOf τ) ∧
      fracSum (chiOf τ) (betaOf τ) (busFractions sh.air (decWitness sh pr)) ≠ 0)

/-- After `α`. -/
@[expose] def Doom2 : Prop :=
  ¬ MainClose sh pr ∨ ¬ AuxClose sh pr τ ∨ ¬ busCheck sh pr τ ∨ FixedFail sh pr ∨
    ∃ t, t < sh.air.numTables ∧ ∃ i, i < (tab sh t).n ∧
      foldAlpha (decValues sh pr τ t ((tab sh t).ω ^ i)) (alphaOf τ) ≠ 0

/-- After `ζ`. -/
@[expose] def Doom3 : Prop :=
  ¬ MainClose sh pr ∨ ¬ AuxClose sh pr τ ∨ ¬ QuotClose sh pr τ ∨ ¬ busCheck sh pr τ ∨
    (∃ t, t < sh.air.numTables ∧ ∃ jV ∈ (tab sh t).fixed,
      eval (decW sh t (pr.main t jV.1)) (zetaOf τ) ≠ eval jV.2 (zetaOf τ)) ∨
    ∃ t, t < sh.air.numTables ∧
      foldAlpha (decValues sh pr τ t (zetaOf τ)) (alphaOf τ) ≠
        (zetaOf τ ^ (tab sh t).n - 1) *
          chunkValue (tab sh t).n (zetaOf τ) ((decQuot sh pr τ t).map (fun Q => eval Q (zetaOf τ)))

/-- After `γ`: a check fails, or some layer's DEEP function is far. -/
@[expose] def Doom4 : Prop :=
  ¬ busCheck sh pr τ ∨ ¬ fixedCheck sh pr τ ∨ ¬ oodCheck sh pr τ ∨
    ∃ j, j ≤ sh.R ∧ FarAt (friShapeOf sh pr τ) j (deepFun sh pr τ j)

/-- The prover is not doomed after the challenges `τ` (see `Zkvm.Stark.Compose`). -/
@[expose] def Escaped : Prop :=
  if τ.length = 0 then ∃ W, Satisfied sh.air W
  else if τ.length = 1 then ¬ Doom1 sh pr τ
  else if τ.length = 2 then ¬ Doom2 sh pr τ
  else if τ.length = 3 then ¬ Doom3 sh pr τ
  else if τ.length < 5 + sh.R then
    ¬ (Doom4 sh pr τ ∧ ∀ r, 4 + r < τ.length →
        GoodFold (friShapeOf sh pr τ) r (layerOf sh pr τ r) (friBetaOf τ r))
  else accepts sh pr τ

end

/-! ## Prefix stability -/

theorem getD_append_lt {α : Type u} (τ : List α) (c d : α) {k : Nat} (hk : k < τ.length) :
    (τ ++ [c]).getD k d = τ.getD k d := by
  simp [List.getD_eq_getElem?_getD, List.getElem?_append_left hk]

theorem take_append_le {α : Type u} (τ : List α) (c : α) {m : Nat} (hm : m ≤ τ.length) :
    (τ ++ [c]).take m = τ.take m :=
  List.take_append_of_le_length hm

end Zkvm.Stark

end
