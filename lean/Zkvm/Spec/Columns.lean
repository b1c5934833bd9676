module

public import Zkvm.Field.Extension
public import Zkvm.Stark.Ali

/-!
# Extension columns committed as base columns (specification)

An extension column is committed as its four base coefficient columns; an opening gives the
four coefficient columns' values (themselves extension elements at an out-of-domain point), and
the verifier recombines them as `Σ_e X^e v_e` (`extFromBase`). The quotient's chunks are such
columns (`chunksFromBase`), and its value at `ζ` is `chunkValue n ζ` of the chunks
(`Zkvm.Stark.chunkValue`: `Σ_k ζ^(k n) Q_k(ζ)`), as in the IOP's out-of-domain check.
-/

public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Field Zkvm.Field.Ext4

/-- `X^e` for `e < 4` (and `X^3` beyond). -/
@[expose] def basisX (e : Nat) : Ext4 :=
  if e = 0 then 1 else if e = 1 then X else if e = 2 then X ^ 2 else X ^ 3

/-- An extension value from its four base coefficients' values: `Σ_{e<4} v_e X^e`, in order. -/
@[expose] def extFromBase (vs : List Ext4) : Ext4 :=
  (List.range 4).foldl (fun acc e => acc + vs.getD e 0 * basisX e) 0

/-- `k` extension columns from their `4 k` base coefficient columns. -/
@[expose] def chunksFromBase (qs : List Ext4) (k : Nat) : List Ext4 :=
  (List.range k).map (fun i => extFromBase (qs.drop (4 * i)))

theorem length_chunksFromBase (qs : List Ext4) (k : Nat) : (chunksFromBase qs k).length = k := by
  simp [chunksFromBase]

/-- `chunkValue` grows at the end by the next power of `ζ^n`. -/
theorem chunkValue_append (n : Nat) (ζ : Ext4) (l : List Ext4) (v : Ext4) :
    Zkvm.Stark.chunkValue n ζ (l ++ [v]) = Zkvm.Stark.chunkValue n ζ l + (ζ ^ n) ^ l.length * v := by
  induction l with
  | nil => simp only [List.nil_append, Zkvm.Stark.chunkValue, List.length_nil]; grind
  | cons a l ih =>
    simp only [List.cons_append, Zkvm.Stark.chunkValue, ih, List.length_cons]
    rw [Ext4.pow_succ]
    grind

end Zkvm.Spec
