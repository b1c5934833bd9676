module

public import Zkvm.Commit.Mmcs

/-!
# One phase's opening at a query (specification)

A commitment phase (main traces, auxiliary traces, quotients) is one mixed-height tree
(`Zkvm.Commit.Mmcs`). A query at position `index` of the largest LDE domain (`2^logMax`
points) opens the phase's tree at `index / 2^(logMax - top)`, `top` the phase's tallest matrix;
a phase without matrices has an empty opening (Rust `stark::verify_phase_opening`).
-/

public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Commit

/-- The check of one phase's opening at query `index` (module documentation). -/
@[expose] def phaseOpening (H : List UInt8 → Digest) (cap : List Digest) (lhs widths : List Nat)
    (logCap logMax index : Nat) (rows : List (List UInt32)) (path : List Digest) : Bool :=
  if lhs = [] then decide (rows = []) && decide (path = [])
  else if logMax < maxHeight lhs then false
  else verifyMmcs H cap lhs widths logCap (index / 2 ^ (logMax - maxHeight lhs)) rows path

end Zkvm.Spec
