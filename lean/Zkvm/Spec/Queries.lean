module

public import Zkvm.Spec.Deep
public import Zkvm.Spec.Domain
public import Zkvm.Extracted.Error

/-!
# The DEEP values of a query (specification)

At each query the verifier (`protocol::stark::check_queries`) computes one DEEP value per
distinct LDE height of the tables, largest first, before handing them to the FRI query check:

* `zetaNexts`: `ζ' = ζ·ω_n` for each table of `2^n` rows (`ω_n = rootOfUnity n`), the second
  out-of-domain point of the table's DEEP terms;
* `tableTerm`: a table's DEEP term `deepAt` at the query point, or `DegenerateChallenge` when
  the point is `ζ` or `ζ'`;
* `deepInit`: the values start at zero, one per distinct LDE height;
* `addAtHeight`: a table's DEEP term (`deepAt`) is added to the value of its LDE height;
  `addTables` adds the tables' terms in table order, stopping at the first table whose term is
  an error (a query point on `ζ` or `ζ'`, or openings of the wrong shape);
* `maskValue`: with zero knowledge, the masking polynomial's opened row `[c0, c1, c2, c3]` is
  the extension element `Σ_e c_e·X^e`; `addMasks` adds `γ^(offset+k)` times the masking
  value of its height to the `k`-th DEEP value, rejecting with `WrongProofShape` a masking row
  without four coefficients or a power of `γ` beyond the computed ones;
* `QueryVerdicts`, `queryDeep`, `checkQuery`, `checkQueries`: the whole check. For each query,
  in order: the three openings' shapes (`WrongProofShape`), the main, auxiliary and quotient
  phase openings (`TraceMerkleMismatch`, `AuxMerkleMismatch`, `QuotientMerkleMismatch`), the
  DEEP values (the tables' terms, then the masking terms), then the FRI query check on them;
  the first failing query's error. A query's verdicts are what the called checks return, each
  computing its own spec (`OpeningShape`, `phaseOpening`, `tableTerm`, `maskRow`, `friQuery`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4

/-- The verifier's errors. -/
abbrev QueryError := Zkvm.Extracted.error.VerifyError

/-- The field element a canonical `u32` holds (the proof decoder rejects non-canonical ones). -/
def ofU32 (a : UInt32) : BabyBear := BabyBear.ofNat a.toNat

/-- `ζ·ω_n` for each table, `n` its log height. -/
def zetaNexts (ζ : Ext4) (logHeights : List Nat) : List Ext4 :=
  logHeights.map (fun n => smul (rootOfUnity n) ζ)

/-- One table's DEEP term at the query point `x` (`deepAt`); a point on `ζ` or `ζ'` is rejected
with `DegenerateChallenge`. -/
def tableTerm (x : BabyBear) (trace aux quot : List BabyBear) (ζ ζ' : Ext4)
    (oodT oodTn oodA oodAn oodQ γs : List Ext4) (o : Nat) : Except QueryError Ext4 :=
  if ofBase x - ζ = 0 ∨ ofBase x - ζ' = 0 then
    .error Zkvm.Extracted.error.VerifyError.DegenerateChallenge
  else .ok (deepAt x trace aux quot ζ ζ' oodT oodTn oodA oodAn oodQ γs o)

/-- The DEEP values before any table: zero at each distinct LDE height. -/
def deepInit (heights : List UInt32) : List (UInt32 × Ext4) :=
  heights.map (fun h => (h, 0))

/-- Adding one table's DEEP term to the value of its LDE height. -/
def addAtHeight (logLde : UInt32) (term : Ext4) (dv : List (UInt32 × Ext4)) :
    List (UInt32 × Ext4) :=
  dv.map (fun d => if d.1 = logLde then (d.1, d.2 + term) else d)

/-- Adding the tables' DEEP terms in table order, each given as its LDE height and its term
(or the error that computing it raised): the first error ends the check. -/
def addTables (terms : List (UInt32 × Except QueryError Ext4)) (dv : List (UInt32 × Ext4)) :
    Except QueryError (List (UInt32 × Ext4)) :=
  terms.foldlM (fun dv t => t.2.map (fun v => addAtHeight t.1 v dv)) dv

/-- The masking polynomial's value: `Σ_{e<4} c_e·X^e` for the opened row `[c0, c1, c2, c3]`. -/
def maskValue (row : List BabyBear) : Ext4 :=
  (List.range 4).foldl (fun m e => m + ofBase (row.getD e 0) * X ^ e) 0

/-- With zero knowledge: the `k`-th DEEP value (height `h`) gets `γ^(offset+k)` times the
masking value of the row `rowOf h`; a row without four coefficients, or a power beyond the
list `γs`, is `WrongProofShape`. -/
def addMasks (γs : List Ext4) (offset : Nat) (rowOf : UInt32 → List BabyBear) :
    Nat → List (UInt32 × Ext4) → Except QueryError (List (UInt32 × Ext4))
  | _, [] => .ok []
  | k, d :: ds =>
    if (rowOf d.1).length ≠ 4 ∨ γs.length ≤ offset + k then .error Zkvm.Extracted.error.VerifyError.WrongProofShape
    else (addMasks γs offset rowOf (k + 1) ds).map
      (fun r => (d.1, d.2 + γs.getD (offset + k) 0 * maskValue (rowOf d.1)) :: r)

end Zkvm.Spec

namespace Zkvm.Spec

open Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4

/-- What the checks of one query found, in the order the verifier makes them: whether the
main, auxiliary and quotient openings have their layouts' shapes (`opening_has_shape`),
whether they open the three commitments (`verify_phase_opening`: `phaseOpening`), each
table's LDE height and DEEP term at the query point (`deep_composition_at`: `deepAt`, or
`DegenerateChallenge` on `ζ`, `ζ'`), the masking row of each LDE height (`mask_row`), and the
FRI query check on given DEEP values (`verify_fri_query`: `friQuery`). -/
structure QueryVerdicts where
  shapes : Bool × Bool × Bool
  phases : Bool × Bool × Bool
  terms : List (UInt32 × Except QueryError Ext4)
  maskRow : UInt32 → List BabyBear
  fri : List (UInt32 × Ext4) → Except QueryError Unit

/-- One query's DEEP values: each table's term added at its LDE height, then with zero
knowledge each height's masking term. -/
def queryDeep (zk : Bool) (heights : List UInt32) (γs : List Ext4) (maskOffset : Nat)
    (v : QueryVerdicts) : Except QueryError (List (UInt32 × Ext4)) :=
  match addTables v.terms (deepInit heights) with
  | .error e => .error e
  | .ok dv => if zk then addMasks γs maskOffset v.maskRow 0 dv else .ok dv

/-- **One query's check**: the openings' shapes, the three phase openings (each with its own
error), then FRI on the query's DEEP values. -/
def checkQuery (zk : Bool) (heights : List UInt32) (γs : List Ext4) (maskOffset : Nat)
    (v : QueryVerdicts) : Except QueryError Unit :=
  if !(v.shapes.1 && v.shapes.2.1 && v.shapes.2.2) then
    .error Zkvm.Extracted.error.VerifyError.WrongProofShape
  else if !v.phases.1 then .error Zkvm.Extracted.error.VerifyError.TraceMerkleMismatch
  else if !v.phases.2.1 then .error Zkvm.Extracted.error.VerifyError.AuxMerkleMismatch
  else if !v.phases.2.2 then .error Zkvm.Extracted.error.VerifyError.QuotientMerkleMismatch
  else match queryDeep zk heights γs maskOffset v with
    | .error e => .error e
    | .ok dv => v.fri dv

/-- **The query check**: every query passes, or the first failing query's error. -/
def checkQueries (zk : Bool) (heights : List UInt32) (γs : List Ext4) (maskOffset : Nat) :
    List QueryVerdicts → Except QueryError Unit
  | [] => .ok ()
  | v :: vs =>
    match checkQuery zk heights γs maskOffset v with
    | .error e => .error e
    | .ok () => checkQueries zk heights γs maskOffset vs

end Zkvm.Spec
