module

public import Zkvm.Air.Memory

/-!
# What every read returns

Under the memory argument's hypotheses a read returns the latest earlier write to its cell or
the cell's initial value (`read_holds`). So a property that every write and every initial value
of some cells has, every read of those cells has (`read_of_writes`) — for instance that register
cells hold 16-bit limbs.
-/

@[expose] public section

namespace Zkvm.Air.Memory

variable {α β : Type} [DecidableEq α] [DecidableEq β]
variable {accs : List (Access α β)} {bnd : List (Boundary α β)}

/-- **Reads inherit what writes and initial values have**: if every access to a cell in `Q`
writes a value with `P`, and every boundary row of such a cell starts with one, every access to
such a cell reads a value with `P`. -/
theorem read_of_writes (hh : Hypotheses accs bnd) {Q : α → Prop} {P : β → Prop}
    (hw : ∀ a ∈ accs, Q a.cell → P a.write) (hb : ∀ b ∈ bnd, Q b.cell → P b.init) :
    ∀ a ∈ accs, Q a.cell → P a.read := by
  obtain ⟨hbal, hcausal, hpos, hts, hcells⟩ := hh
  intro a ha hq
  rcases read_holds hbal hcausal hpos hts hcells a ha with
    ⟨a', ⟨ha', hc', -, -⟩, hv, -⟩ | ⟨-, b, hb', hbc, hv, -⟩
  · rw [hv]; exact hw a' ha' (hc' ▸ hq)
  · rw [hv]; exact hb b hb' (hbc ▸ hq)

end Zkvm.Air.Memory
