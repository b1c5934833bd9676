module

public import Zkvm.Air.Memory

/-!
# What a cell holds, over time

`HoldsBefore accs bnd c t v tv` (`Zkvm.Air.Memory`) says what cell `c` holds just before
time `t`. The whole-run proof will walk through the rows in time order keeping a memory state
equal to the machine's; these are the facts it needs to move that state forward:

* `HoldsBefore.unique`: a cell holds one value at a time (given distinct keys and
  boundary cells);
* `HoldsBefore.of_no_access`: without an access to `c` between `t` and `t'`, what `c` holds
  does not change;
* `holdsBefore_of_last`: after an access to `c` with no later one before `t'`, `c` holds
  that access's write.
-/

@[expose] public section

namespace Zkvm.Air.Memory

variable {α β : Type} {accs : List (Access α β)} {bnd : List (Boundary α β)}

/-- A cell holds one value (written at one time) at a time. -/
theorem HoldsBefore.unique (hts : (accs.map Access.key).Nodup) (hcells : (bnd.map (·.cell)).Nodup)
    {c : α} {t : Nat} {v v' : β} {tv tv' : Nat} (h : HoldsBefore accs bnd c t v tv)
    (h' : HoldsBefore accs bnd c t v' tv') : v = v' ∧ tv = tv' := by
  rcases h with ⟨a, ⟨ha, hc, hlt, hmax⟩, hv, htv⟩ | ⟨hnone, b, hb, hc, hv, htv⟩ <;>
    rcases h' with ⟨a', ⟨ha', hc', hlt', hmax'⟩, hv', htv'⟩ | ⟨hnone', b', hb', hc', hv', htv'⟩
  · have h1 := hmax a' ha' hc' hlt'
    have h2 := hmax' a ha hc hlt
    have := ListFacts.eq_of_mem_of_nodup_map hts ha ha'
      (show Access.key a = Access.key a' by simp only [Access.key, hc, hc', Nat.le_antisymm h2 h1])
    subst this
    exact ⟨hv.trans hv'.symm, htv.trans htv'.symm⟩
  · have := hnone' a ha hc; omega
  · have := hnone a' ha' hc'; omega
  · have := ListFacts.eq_of_mem_of_nodup_map hcells hb hb' (hc.trans hc'.symm)
    subst this
    exact ⟨hv.trans hv'.symm, htv.trans htv'.symm⟩

/-- Without an access to `c` at a time in `[t, t')`, what `c` holds before `t'` is what it
held before `t`. -/
theorem HoldsBefore.of_no_access {c : α} {t t' : Nat} {v : β} {tv : Nat}
    (h : HoldsBefore accs bnd c t v tv) (htt : t ≤ t')
    (hnone : ∀ a ∈ accs, a.cell = c → ¬(t ≤ a.ts ∧ a.ts < t')) :
    HoldsBefore accs bnd c t' v tv := by
  rcases h with ⟨a, ⟨ha, hc, hlt, hmax⟩, hv, htv⟩ | ⟨hn, b, hb, hc, hv, htv⟩
  · refine Or.inl ⟨a, ⟨ha, hc, by omega, fun a'' ha'' hc'' hlt'' => ?_⟩, hv, htv⟩
    by_cases h1 : a''.ts < t
    · exact hmax a'' ha'' hc'' h1
    · exact absurd ⟨Nat.le_of_not_lt h1, hlt''⟩ (hnone a'' ha'' hc'')
  · refine Or.inr ⟨fun a'' ha'' hc'' => ?_, b, hb, hc, hv, htv⟩
    have := hn a'' ha'' hc''
    exact Nat.le_of_not_lt fun h2 => hnone a'' ha'' hc'' ⟨this, h2⟩

/-- After an access `a` to `c`, with no later access to `c` before `t'`, `c` holds `a`'s
write before `t'`. -/
theorem holdsBefore_of_last {a : Access α β} {t' : Nat} (ha : a ∈ accs) (hlt : a.ts < t')
    (hnone : ∀ a' ∈ accs, a'.cell = a.cell → ¬(a.ts < a'.ts ∧ a'.ts < t')) :
    HoldsBefore accs bnd a.cell t' a.write a.ts :=
  Or.inl ⟨a, ⟨ha, rfl, hlt, fun a'' ha'' hc'' hlt'' =>
    Nat.le_of_not_lt fun h => hnone a'' ha'' hc'' ⟨h, hlt''⟩⟩, rfl, rfl⟩

end Zkvm.Air.Memory
