module

public import Zkvm.Spec.Air
public import Zkvm.Stark.Gap
public import Zkvm.Stark.Ali
public import Zkvm.Stark.Deep

/-!
# The STARK IOP and its verifier (specification, protocol version 4)

The interactive protocol the Fiat–Shamir transcript (`Zkvm.Spec.Schedule`) makes
non-interactive. Oracles are words (functions on the LDE domains); the verifier reads them at
its query points (Merkle openings realise this, `Zkvm.Commit`).

Rounds and challenges (`Chal`):

| round | prover | challenge |
| --- | --- | --- |
| 0 | main columns of every table | `(χ, β)` |
| 1 | auxiliary (LogUp) columns, claimed sums `σ_t` | `α` |
| 2 | quotient chunks `Q_{t,k}` | `ζ` |
| 3 | out-of-domain values: every main and auxiliary column at `ζ` and `ζ·ω_t`, every chunk at `ζ` | `γ` |
| 4 + r | FRI layer `r` | `β_r` |
| 4 + R | final polynomial | `s` query points of the top domain |

The prover is any strategy (`Prover`): each message is a function of the challenges drawn
before it (a message of round `k` is always applied to the first `k` challenges).

The verifier (`accepts`) checks: the bus, `Σ_t σ_t + Σ boundary fractions = 0`; every fixed
column's claimed value at `ζ` against the verifying key's polynomial; for every table the
out-of-domain identity `Σ_i α^{m−1−i} C_i(ζ) = (ζ^n − 1)·Σ_k ζ^{kn} Q_k(ζ)` from the claimed values
(`foldAlpha`, `chunkValue`); the final polynomial's degree; and at every query point, that the
committed layer 0 equals its own DEEP value and every FRI check passes (`Zkvm.Stark.passAux`).

The DEEP function of the tables on FRI layer `j` is `Σ_i γ^i (c_i(x) − v_i)/(x − z_i)` over their
terms in order: per table, every main column at `ζ` and at `ζ·ω`, every auxiliary column at `ζ`
and `ζ·ω`, every quotient chunk at `ζ` (`deepTerms`, `deepFun`). The one at layer 0 is checked
against the committed layer 0; the others are rolled into the fold producing their layer
(`FoldKernel.shape`), with coefficient `β_r^A`.

Simplifications against the byte-level protocol, each realised by a proved or standard step:
extension columns are single `E`-valued words here (the bytes commit their 4 base
coordinates); selectors are their polynomials' values (the Rust formulas equal them off `H`).
-/

public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Stark Poly

universe u

/-- A challenge: the lookup pair, one field element, or the query points. -/
inductive Chal (E : Type u) where
  | pair (a b : E)
  | one (a : E)
  | pts (xs : List E)

namespace Chal

variable {E : Type u}

instance [Inhabited E] : Inhabited (Chal E) := ⟨.pts []⟩

@[expose] def fst [Inhabited E] : Chal E → E
  | pair a _ => a
  | one a => a
  | pts _ => default

@[expose] def snd [Inhabited E] : Chal E → E
  | pair _ b => b
  | _ => default

@[expose] def list : Chal E → List E
  | pts xs => xs
  | _ => []

end Chal

/-- The FRI layers, fixed by the verifying key: domains, projections `x ↦ x^A`, the components of
a word (`comp r f i` on layer `r + 1`), degree bounds, agreement thresholds, arities. -/
structure FoldKernel (E : Type u) where
  D : Nat → List E
  proj : Nat → E → E
  comp : Nat → (E → E) → Nat → E → E
  d : Nat → Nat
  t : Nat → Nat
  A : Nat → Nat

variable {E : Type u} [Lean.Grind.Field E] [DecidableEq E] [Inhabited E]

/-- The FRI instance with the rolled-in words `g`: step `r` folds `f` into
`Σ_{i<A} β^i comp_i(f) + β^A g(r+1)`. -/
@[expose] def FoldKernel.shape (K : FoldKernel E) (g : Nat → E → E) : FriShape E where
  D := K.D
  proj := K.proj
  fold := fun r f β y => curveAt (fun i => if i < K.A r then K.comp r f i y else g (r + 1) y) (K.A r) β
  d := K.d
  t := K.t
  A := K.A
  g := g

/-- What the verifying key fixes beyond the AIR. -/
structure IopShape (E : Type u) where
  air : Air E
  /-- Quotient chunks of each table. -/
  chunks : Nat → Nat
  kernel : FoldKernel E
  /-- FRI folding steps. -/
  R : Nat
  numQueries : Nat

/-- A prover strategy. -/
structure Prover (E : Type u) where
  main : Nat → Nat → E → E
  aux : List (Chal E) → Nat → Nat → E → E
  sums : List (Chal E) → Nat → E
  quot : List (Chal E) → Nat → Nat → E → E
  oodMain : List (Chal E) → Nat → Nat → E × E
  oodAux : List (Chal E) → Nat → Nat → E × E
  oodQuot : List (Chal E) → Nat → Nat → E
  layer : List (Chal E) → Nat → E → E
  final : List (Chal E) → Poly E

variable (sh : IopShape E) (pr : Prover E) (τ : List (Chal E))

/-! ## The challenges of a transcript -/

@[expose] def chiOf : E := (τ.getD 0 default).fst
@[expose] def betaOf : E := (τ.getD 0 default).snd
@[expose] def alphaOf : E := (τ.getD 1 default).fst
@[expose] def zetaOf : E := (τ.getD 2 default).fst
@[expose] def gammaOf : E := (τ.getD 3 default).fst
@[expose] def friBetaOf (r : Nat) : E := (τ.getD (4 + r) default).fst
@[expose] def queriesOf : List E := (τ.getD (4 + sh.R) default).list

/-! ## What the verifier computes -/

/-- The number of auxiliary columns of table `t`: the pairs and `φ`. -/
@[expose] def auxWidth (t : Nat) : Nat := numPairs (sh.air.tables t) + 1

/-- Claimed sum of table `t`. -/
@[expose] def sigmaOf (t : Nat) : E := pr.sums (τ.take 1) t

/-- The bus check: `Σ_t σ_t + Σ (boundary fractions) = 0`. -/
@[expose] def busCheck : Prop :=
  sumUpTo (sigmaOf pr τ) sh.air.numTables + fracSum (chiOf τ) (betaOf τ) sh.air.boundary = 0

/-- The row the verifier reads at `ζ` from the claimed values. -/
@[expose] def claimedRow (t : Nat) : Row E where
  loc := (List.range (sh.air.tables t).width).map (fun j => (pr.oodMain (τ.take 3) t j).1)
  nxt := (List.range (sh.air.tables t).width).map (fun j => (pr.oodMain (τ.take 3) t j).2)
  auxLoc := (List.range (auxWidth sh t)).map (fun j => (pr.oodAux (τ.take 3) t j).1)
  auxNxt := (List.range (auxWidth sh t)).map (fun j => (pr.oodAux (τ.take 3) t j).2)
  first := eval (sh.air.tables t).selFirst (zetaOf τ)
  last := eval (sh.air.tables t).selLast (zetaOf τ)
  trans := eval (sh.air.tables t).selTrans (zetaOf τ)

/-- The claimed values of table `t`'s quotient chunks at `ζ`. -/
@[expose] def claimedChunks (t : Nat) : List E :=
  (List.range (sh.chunks t)).map (fun k => pr.oodQuot (τ.take 3) t k)

/-- Every fixed column's claimed value at `ζ` is the verifying key's polynomial there. -/
@[expose] def fixedCheck : Prop :=
  ∀ t, t < sh.air.numTables → ∀ jV ∈ (sh.air.tables t).fixed,
    (pr.oodMain (τ.take 3) t jV.1).1 = eval jV.2 (zetaOf τ)

/-- The out-of-domain check of every table. -/
@[expose] def oodCheck : Prop :=
  ∀ t, t < sh.air.numTables →
    foldAlpha ((allConstraints (sh.air.tables t) (chiOf τ) (betaOf τ) (sigmaOf pr τ t)).map
        (fun C => C (claimedRow sh pr τ t))) (alphaOf τ) =
      (zetaOf τ ^ (sh.air.tables t).n - 1) * chunkValue (sh.air.tables t).n (zetaOf τ)
        (claimedChunks sh pr τ t)

/-- The DEEP terms (word, claimed value, point) of table `t`. -/
@[expose] def deepTerms (t : Nat) : List ((E → E) × E × E) :=
  let T := sh.air.tables t
  let ζ := zetaOf τ
  (List.range T.width).flatMap (fun j =>
      [(pr.main t j, (pr.oodMain (τ.take 3) t j).1, ζ),
       (pr.main t j, (pr.oodMain (τ.take 3) t j).2, T.ω * ζ)]) ++
  (List.range (auxWidth sh t)).flatMap (fun j =>
      [(pr.aux (τ.take 1) t j, (pr.oodAux (τ.take 3) t j).1, ζ),
       (pr.aux (τ.take 1) t j, (pr.oodAux (τ.take 3) t j).2, T.ω * ζ)]) ++
  (List.range (sh.chunks t)).map (fun k => (pr.quot (τ.take 2) t k, pr.oodQuot (τ.take 3) t k, ζ))

/-- The DEEP terms of the tables on FRI layer `j`, table by table. -/
@[expose] def classTerms (j : Nat) : List ((E → E) × E × E) :=
  ((List.range sh.air.numTables).filter (fun t => (sh.air.tables t).layer == j)).flatMap
    (deepTerms sh pr τ)

/-- The DEEP quotient words of a list of terms. -/
@[expose] def deepWords (terms : List ((E → E) × E × E)) : List (E → E) :=
  terms.map (fun tm => deepQuot tm.1 tm.2.1 tm.2.2)

/-- `Σ_i γ^i w_i`. -/
@[expose] def batch (ws : List (E → E)) (γ : E) : E → E := fun x => evalList γ (ws.map (fun w => w x))

/-- The DEEP function of layer `j`. -/
@[expose] def deepFun (j : Nat) : E → E := batch (deepWords (classTerms sh pr τ j)) (gammaOf τ)

/-- The FRI instance of this transcript (roll-ins: the DEEP functions). -/
@[expose] def friShapeOf : FriShape E := sh.kernel.shape (deepFun sh pr τ)

/-- The FRI layers: the committed words, then the final polynomial. -/
@[expose] def layerOf (r : Nat) : E → E :=
  if r < sh.R then pr.layer (τ.take (4 + r)) r else eval (pr.final (τ.take (4 + sh.R)))

/-- The final polynomial's degree is within the last layer's bound. -/
@[expose] def finalCheck : Prop := (pr.final (τ.take (4 + sh.R))).DegreeLE (sh.kernel.d sh.R)

/-- Every query point: layer 0 equals its DEEP value and every FRI check passes. -/
@[expose] def queryCheck : Prop :=
  ∀ x ∈ queriesOf sh τ, layerOf sh pr τ 0 x = deepFun sh pr τ 0 x ∧
    passAux (friShapeOf sh pr τ) (layerOf sh pr τ) (friBetaOf τ) sh.R 0 x

/-- **The IOP verifier accepts** the transcript `τ` (prover `pr`, challenges `τ`). -/
@[expose] def accepts : Prop :=
  busCheck sh pr τ ∧ fixedCheck sh pr τ ∧ oodCheck sh pr τ ∧ finalCheck sh pr τ ∧ queryCheck sh pr τ

/-! ## The challenge spaces -/

/-- Uniform challenges: `(χ, β)` from `E × E`, `α, ζ, γ, β_r` from `E`, and `s` points of the
top domain. `Eall` lists the field. -/
@[expose] def spaces (Eall : List E) : List (List (Chal E)) :=
  [(pairs Eall Eall).map (fun p => Chal.pair p.1 p.2)] ++
  List.replicate (4 + sh.R - 1) (Eall.map Chal.one) ++
  [(seqs (List.replicate sh.numQueries (sh.kernel.D 0))).map Chal.pts]

end Zkvm.Spec

end
