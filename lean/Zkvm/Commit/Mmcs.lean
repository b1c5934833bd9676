module

public import Zkvm.Commit.Cap

/-!
# Mixed-height Merkle commitments (several matrices in one tree)

The trace commitments of the verifier (Rust `crate::commit::mmcs`): matrices `M_0, …, M_{k-1}`
with `2^h_t` rows are committed in one tree of `2^top` leaves, `top = max_t h_t`. Matrix `t`
enters the tree at level `top - h_t`: its row `j` is hashed into node `j` of that level.

* leaf `j` (level 0) hashes `0x00 ‖ rows j of the matrices with h_t = top` (`mmcsLeafInput`);
* node `j` of level `l > 0` hashes `0x01 ‖ left ‖ right` when no matrix enters there, and
  `0x02 ‖ left ‖ right ‖ rows j of the matrices with h_t = top - l` otherwise
  (`mmcsStepInput`), rows concatenated in matrix order, each value LE32.

The tree is committed by its cap (`Zkvm.Commit.Cap`). An opening of leaf `i` gives, for each
matrix `t`, its row `i >> (top - h_t)`, and the siblings from level 0 up to the cap.
`verifyMmcs` is the verifier's check (Rust `mmcs::verify_opening`): every matrix at least as
tall as the cap, every row of its matrix's width (widths are nonzero), and the climb from the
leaf ends at the cap node. With a single matrix it is the cap opening of `Zkvm.Commit.Cap`
(`verifyMmcs_single`). Binding: `Zkvm.Commit.MmcsBinding`.
-/

public section

noncomputable section

namespace Zkvm.Commit

variable (H : List UInt8 → Digest)

/-- The first byte of a node into which matrix rows enter. -/
@[expose] def injectTag : UInt8 := 0x02

/-- Rows as bytes: each value LE32, rows concatenated in order. -/
@[expose] def rowsBytes (rows : List (List UInt32)) : List UInt8 := rows.flatMap (·.flatMap le32)

/-- The bytes hashed for a leaf holding the rows of the tallest matrices. -/
@[expose] def mmcsLeafInput (rows : List (List UInt32)) : List UInt8 := leafTag :: rowsBytes rows

/-- The bytes hashed for a node with children `l`, `r` into which `rows` enter. -/
@[expose] def injectInput (l r : Digest) (rows : List (List UInt32)) : List UInt8 :=
  injectTag :: (l.bytes ++ r.bytes ++ rowsBytes rows)

/-- The input hashed one level above `cur` (index `i` in its level) with sibling `sib`, where
the rows `inj` enter (none: an ordinary node). -/
@[expose] def mmcsStepInput (i : Nat) (cur sib : Digest) (inj : List (List UInt32)) :
    List UInt8 :=
  if inj = [] then stepInput i cur sib
  else if i % 2 = 0 then injectInput cur sib inj else injectInput sib cur inj

/-- Climb from `cur` at index `i` along the levels' (sibling, injected rows), bottom-up. -/
@[expose] def mmcsClimb : Digest → Nat → List (Digest × List (List UInt32)) → Digest
  | cur, _, [] => cur
  | cur, i, (sib, inj) :: rest => mmcsClimb (H (mmcsStepInput i cur sib inj)) (i / 2) rest

/-- The rows of the matrices of log height `h`, in matrix order (Rust `rows_at_height`). -/
@[expose] def rowsAt : List Nat → List (List UInt32) → Nat → List (List UInt32)
  | lh :: lhs, r :: rs, h => if lh = h then r :: rowsAt lhs rs h else rowsAt lhs rs h
  | _, _, _ => []

/-- The tallest matrix's log height (0 for none; Rust `max_log_height`). -/
@[expose] def maxHeight (lhs : List Nat) : Nat := lhs.foldl max 0

/-- The levels from `l` up: level `l` has the next sibling and the rows of height `top - l`. -/
@[expose] def levelsFrom (lhs : List Nat) (rows : List (List UInt32)) (top : Nat) :
    Nat → List Digest → List (Digest × List (List UInt32))
  | _, [] => []
  | l, s :: path => (s, rowsAt lhs rows (top - l)) :: levelsFrom lhs rows top (l + 1) path

/-- The shape checks: each width nonzero, each row of its width, each matrix at least `c` tall. -/
@[expose] def rowsOk : List Nat → List (List UInt32) → List Nat → Nat → Bool
  | w :: ws, r :: rs, h :: hs, c =>
    decide (w ≠ 0) && decide (r.length = w) && decide (c ≤ h) && rowsOk ws rs hs c
  | [], [], [], _ => true
  | _, _, _, _ => false

/-- The verifier's check of a mixed-height opening of leaf `i` against `cap`. -/
@[expose] def verifyMmcs (cap : List Digest) (lhs widths : List Nat) (logCap i : Nat)
    (rows : List (List UInt32)) (path : List Digest) : Bool :=
  decide (lhs ≠ []) && decide (maxHeight lhs < 64) &&
    rowsOk widths rows lhs (capHeight (maxHeight lhs) logCap) &&
    decide (path.length = maxHeight lhs - capHeight (maxHeight lhs) logCap) &&
    decide (cap.length = 2 ^ capHeight (maxHeight lhs) logCap) &&
    decide (i < 2 ^ maxHeight lhs) &&
    decide (cap[i / 2 ^ (maxHeight lhs - capHeight (maxHeight lhs) logCap)]? =
      some (mmcsClimb H (H (mmcsLeafInput (rowsAt lhs rows (maxHeight lhs)))) i
        (levelsFrom lhs rows (maxHeight lhs) 1 path)))

/-! ## A single matrix is an ordinary tree -/

theorem rowsBytes_single (vals : List UInt32) : rowsBytes [vals] = vals.flatMap le32 := by
  simp [rowsBytes]

theorem mmcsClimb_single (k : Nat) (vals : List UInt32) : ∀ (path : List Digest) (l : Nat)
    (cur : Digest) (i : Nat), 0 < l → l + path.length ≤ k + 1 →
    mmcsClimb H cur i (levelsFrom [k] [vals] k l path) = climb H cur i path
  | [], _, _, _, _, _ => rfl
  | s :: path, l, cur, i, hl, hk => by
    have hne : rowsAt [k] [vals] (k - l) = [] := by
      simp only [rowsAt]; rw [if_neg (by simp at hk; omega)]
    simp only [levelsFrom, mmcsClimb, climb, mmcsStepInput, hne, if_true]
    exact mmcsClimb_single k vals path (l + 1) _ _ (by omega) (by simp at hk; omega)

/-- **One matrix is an ordinary tree**: the mixed-height check of a single matrix of `2^k`
rows of width `w` is the cap opening of its rows (`verifyCapOpening`), plus the width check. -/
theorem verifyMmcs_single (cap : List Digest) (k w logCap i : Nat) (vals : List UInt32)
    (path : List Digest) :
    verifyMmcs H cap [k] [w] logCap i [vals] path =
      (decide (k < 64) && decide (w ≠ 0) && decide (vals.length = w) &&
        verifyCapOpening H cap k logCap i vals path) := by
  have hmax : maxHeight [k] = k := by simp [maxHeight]
  have hle := capHeight_le k logCap
  have hrows : rowsAt [k] [vals] k = [vals] := by simp [rowsAt]
  simp only [verifyMmcs, hmax, hrows, rowsOk, verifyCapOpening, mmcsLeafInput, rowsBytes_single,
    ne_eq, List.cons_ne_nil, not_false_eq_true, decide_true, Bool.true_and, hle, Bool.and_true]
  by_cases hp : path.length = k - capHeight k logCap
  · rw [mmcsClimb_single H k vals path 1 _ i (by omega) (by omega)]
    simp only [hp, decide_true, Bool.true_and, Bool.and_true, leafHash, leafInput]
    cases decide (k < 64) <;> cases decide (w = 0) <;> cases decide (vals.length = w) <;>
      simp [Bool.and_assoc, Bool.and_comm, Bool.and_left_comm]
  · simp [hp]

end Zkvm.Commit
