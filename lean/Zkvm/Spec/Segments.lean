module

/-!
# Segments: the chain of starts and a segment's public values

An execution is proved in segments. Segment `s` starts at a `(pc, clk)` pair (`starts[s]`, two
`u32` words); the statement carries 15 public values (entry at index 0, cycle count at 3).

* The chain of starts is valid (`SegmentStartsOk`) when the statement has its 15 values, there
  is at least one segment, and every start is two words, with: the first at the entry pc and
  clk 0; the clks strictly increasing; every clk below the cycle count; every pc 4-aligned
  and below `2^30`.
* The 20 public values of segment `s`'s tables (`segmentPublicValues`): the statement's 15,
  then its start `(pc, clk)`, then the next segment's start and `0`, or `0, 0, 1` for the last
  segment (the flag says "this segment exits").
-/

@[expose] public section

noncomputable section

namespace Zkvm.Spec.Segments

/-- Index of the entry pc in the statement's public values. -/
def pvEntry : Nat := 0
/-- Index of the cycle count in the statement's public values. -/
def pvCycles : Nat := 3
/-- Number of the statement's public values. -/
def numPublicValues : Nat := 15

/-- Segment `i`'s start (`[]` if absent). -/
def start (starts : List (List UInt32)) (i : Nat) : List UInt32 := starts.getD i []
/-- Segment `i`'s start pc. -/
def startPc (starts : List (List UInt32)) (i : Nat) : UInt32 := (start starts i).getD 0 0
/-- Segment `i`'s start clk. -/
def startClk (starts : List (List UInt32)) (i : Nat) : UInt32 := (start starts i).getD 1 0

/-- Segment `i`'s start is well formed and follows the one before. -/
def StartOk (values : List UInt32) (starts : List (List UInt32)) (i : Nat) : Prop :=
  (start starts i).length = 2 ∧
  (if i = 0 then startPc starts i = values.getD pvEntry 0 ∧ startClk starts i = 0
   else (startClk starts (i - 1)).toNat < (startClk starts i).toNat) ∧
  (startClk starts i).toNat < (values.getD pvCycles 0).toNat ∧
  (startPc starts i).toNat % 4 = 0 ∧ (startPc starts i).toNat < 2 ^ 30

/-- The chain of segment starts is valid for the statement's public values. -/
def SegmentStartsOk (values : List UInt32) (starts : List (List UInt32)) : Prop :=
  values.length = numPublicValues ∧ starts ≠ [] ∧ ∀ i < starts.length, StartOk values starts i

/-- The 20 public values of segment `s`, or `none` when the inputs have the wrong shape. -/
def segmentPublicValues (values : List UInt32) (starts : List (List UInt32)) (s : Nat) :
    Option (List UInt32) :=
  if values.length = numPublicValues ∧ s < starts.length ∧ (start starts s).length = 2 then
    if s + 1 = starts.length then
      some (values ++ [startPc starts s, startClk starts s, 0, 0, 1])
    else if (start starts (s + 1)).length = 2 then
      some (values ++ [startPc starts s, startClk starts s,
        startPc starts (s + 1), startClk starts (s + 1), 0])
    else none
  else none

theorem length_segmentPublicValues {values : List UInt32} {starts : List (List UInt32)} {s : Nat}
    {pv : List UInt32} (h : segmentPublicValues values starts s = some pv) : pv.length = 20 := by
  unfold segmentPublicValues at h
  split at h
  · rename_i hc
    split at h
    · cases h; simp [hc.1, numPublicValues]
    · split at h
      · cases h; simp [hc.1, numPublicValues]
      · cases h
  · cases h

end Zkvm.Spec.Segments

end
