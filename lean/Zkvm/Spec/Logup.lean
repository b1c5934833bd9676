module

public import Zkvm.Spec.Air

/-!
# The LogUp checks of one row (specification)

The arithmetic of `rust/verifier/src/protocol/logup.rs` over a field: a message's fingerprint
is `Zkvm.Stark.fp` (Horner in `β`, the tag first); the LogUp constraints of a row whose
auxiliary row holds `K` fixed-fingerprint columns, then the pair columns `h_0 … h_{P-1}`, then
the running sum `φ` (`logupRow`), for the row's fractions given as (numerator, denominator)
pairs. With `K = 0` and the denominators `χ − fp(msg, β)` these are the IOP's
`Zkvm.Spec.logupConstraints` (`logupRow_eq_logupConstraints`), and a prefix of `K` columns
only shifts the auxiliary row (`logupRow_drop`).
-/

public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Stark

universe u

variable {E : Type u} [Lean.Grind.Field E]

/-- The LogUp constraints of one row, in the normative order: one per pair column, then first
row (`φ = 0`), transition (`φ' = φ + S`) and last row (`φ + S = σ`), `S` the row's pair sum. -/
@[expose] def logupRow (K : Nat) (ds : List (E × E)) (auxLoc auxNxt : List E)
    (first last trans σ : E) : List E :=
  (List.range ((ds.length + 1) / 2)).map
      (fun j => pairConstraint (auxLoc.getD (K + j) 0) ((chunk2 ds).getD j [])) ++
    [first * auxLoc.getD (K + (ds.length + 1) / 2) 0,
     trans * (auxNxt.getD (K + (ds.length + 1) / 2) 0 - auxLoc.getD (K + (ds.length + 1) / 2) 0 -
       sumF ((auxLoc.drop K).take ((ds.length + 1) / 2))),
     last * (auxLoc.getD (K + (ds.length + 1) / 2) 0 +
       sumF ((auxLoc.drop K).take ((ds.length + 1) / 2)) - σ)]

theorem getD_drop {α : Type u} (l : List α) (K j : Nat) (d : α) :
    (l.drop K).getD j d = l.getD (K + j) d := by
  simp [List.getD, List.getElem?_drop]

/-- The fixed-fingerprint columns in front only shift the auxiliary row. -/
theorem logupRow_drop (K : Nat) (ds : List (E × E)) (auxLoc auxNxt : List E)
    (first last trans σ : E) :
    logupRow K ds auxLoc auxNxt first last trans σ =
      logupRow 0 ds (auxLoc.drop K) (auxNxt.drop K) first last trans σ := by
  simp only [logupRow, getD_drop, Nat.zero_add, List.drop_zero]

/-- With the denominators `χ − fp(msg, β)` and no fixed columns, the row's LogUp constraints
are the IOP's (`Zkvm.Spec.logupConstraints`) at that row. -/
theorem logupRow_eq_logupConstraints [DecidableEq E] (T : Table E) (χ β σ : E) (row : Row E)
    (h : (T.fractions row).length = T.numFractions) :
    logupRow 0 (denoms χ β (T.fractions row)) row.auxLoc row.auxNxt row.first row.last row.trans σ =
      (logupConstraints T χ β σ).map (fun C => C row) := by
  simp only [logupRow, logupConstraints, numPairs, denoms, List.length_map, h, List.map_append,
    List.map_map, Nat.zero_add, List.drop_zero, List.map_cons, List.map_nil]
  rfl

theorem sumF_append_single (l : List E) (x : E) : sumF (l ++ [x]) = sumF l + x := by
  induction l with
  | nil => simp only [List.nil_append, sumF]; grind
  | cons a l ih =>
    simp only [List.cons_append, sumF, ih]
    exact (Lean.Grind.Semiring.add_assoc _ _ _).symm

/-- Pair `j` of a row's fractions: two fractions, or one at the end of an odd count. -/
theorem getD_chunk2 {α : Type u} : ∀ (ds : List α) (j : Nat) (h : 2 * j < ds.length),
    (chunk2 ds).getD j [] =
      if h' : 2 * j + 1 < ds.length then [ds[2 * j], ds[2 * j + 1]] else [ds[2 * j]]
  | _ :: _ :: _, 0, _ => by simp [chunk2]
  | _ :: _ :: rest, j + 1, h => by
    have ih := getD_chunk2 rest j (by simp at h; omega)
    have e1 : 2 * (j + 1) = 2 * j + 1 + 1 := by omega
    simp only [chunk2, List.getD_cons_succ, ih, e1, List.length_cons, List.getElem_cons_succ]
    by_cases hh : 2 * j + 1 < rest.length
    · simp [hh, show 2 * j + 1 + 1 + 1 < rest.length + 1 + 1 by omega]
    · simp [hh, show ¬ 2 * j + 1 + 1 + 1 < rest.length + 1 + 1 by omega]
  | [_], 0, _ => by simp [chunk2]
  | [_], _ + 1, h => by simp at h; omega
  | [], _, h => by simp at h

end Zkvm.Spec
