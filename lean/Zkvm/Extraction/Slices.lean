module

public import Zkvm.Extraction.Scalars

/-!
# Arrays, slices and vectors in the extracted verifier

Rust's `[T; N]`, `&[T]` and `Vec<T>` are all `List T` (an array's length is an invariant of
the code, not of the type). Reading `a[i]`, writing `a[i] = v` and slicing `a[s..e]` check the
bounds and panic (`Panic.indexOutOfBounds`) exactly where Rust does. `len` is the length as a
`usize`; a Rust slice is never longer than `isize::MAX`, so theorems about the extracted code
may assume `l.length < 2 ^ 64` for their inputs. Allocation (`Vec::with_capacity`, `push`) is
assumed to succeed: the model has no memory limit.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Extraction

namespace Slice

variable {α : Type}

/-- `a.len()`. -/
def len (l : List α) : Usize := UInt64.ofNat l.length

/-- `a.is_empty()`. -/
def is_empty (l : List α) : Bool := l.isEmpty

/-- `a[i]`. -/
def index (l : List α) (i : Usize) : Outcome α :=
  match l[i.toNat]? with
  | some a => .ok a
  | none => .panic .indexOutOfBounds

/-- `a[i] = v`: the updated list. -/
def update (l : List α) (i : Usize) (v : α) : Outcome (List α) :=
  if i.toNat < l.length then .ok (l.set i.toNat v) else .panic .indexOutOfBounds

/-- `a.get(i)`. -/
def get (l : List α) (i : Usize) : Option α := l[i.toNat]?

/-- `&a[s..e]`. -/
def range (l : List α) (s e : Usize) : Outcome (List α) :=
  if s.toNat ≤ e.toNat ∧ e.toNat ≤ l.length then .ok ((l.take e.toNat).drop s.toNat)
  else .panic .indexOutOfBounds

/-- `&a[s..]`. -/
def rangeFrom (l : List α) (s : Usize) : Outcome (List α) :=
  if s.toNat ≤ l.length then .ok (l.drop s.toNat) else .panic .indexOutOfBounds

/-- `&a[..e]`. -/
def rangeTo (l : List α) (e : Usize) : Outcome (List α) :=
  if e.toNat ≤ l.length then .ok (l.take e.toNat) else .panic .indexOutOfBounds

/-- `v.push(x)`: the updated vector. -/
def push (l : List α) (x : α) : List α := l ++ [x]

/-- `v.extend_from_slice(s)`: the updated vector. -/
def extend (l s : List α) : List α := l ++ s

/-- `vec![x; n]` and `[x; n]`. -/
def «repeat» (x : α) (n : Usize) : List α := List.replicate n.toNat x

/-- `Vec::with_capacity(n)`: an empty vector (the capacity is not observable). -/
def withCapacity (_n : Usize) : List α := []

theorem index_eq (l : List α) (i : Usize) (h : i.toNat < l.length) :
    index l i = .ok l[i.toNat] := by
  simp [index, List.getElem?_eq_getElem h]

theorem update_eq (l : List α) (i : Usize) (v : α) (h : i.toNat < l.length) :
    update l i v = .ok (l.set i.toNat v) := by
  simp [update, h]

theorem len_toNat (l : List α) (h : l.length < 2 ^ 64) : (len l).toNat = l.length := by
  simp [len, UInt64.toNat_ofNat, Nat.mod_eq_of_lt h]

end Slice

example : Slice.index [1, 2, 3] 2 = .ok (3 : UInt8) := by decide
example : Slice.index [1, 2, 3] 3 = (.panic .indexOutOfBounds : Outcome UInt8) := by decide
example : Slice.update [1, 2, 3] 0 (7 : UInt8) = .ok [7, 2, 3] := by decide
example : Slice.range [1, 2, 3, 4] 1 3 = .ok [(2 : UInt8), 3] := by decide
example : Slice.range [1, 2, 3, 4] 3 1 = (.panic .indexOutOfBounds : Outcome (List UInt8)) := by
  decide

end Zkvm.Extraction
