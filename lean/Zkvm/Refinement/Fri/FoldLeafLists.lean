module

/-!
# List facts for the in-place fold of a FRI leaf

`fri::fold_leaf` overwrites a leaf in place: after `v` folds of a round the buffer holds the
first `v` folded values, then the layer's values from position `v` on, then whatever followed
the layer (`F.take v ++ W.drop v ++ rest`). Reading position `i ≥ v` still sees the layer's
value, and writing the next folded value at `v` advances the state.
-/

@[expose] public section

namespace Zkvm.Refinement.fri

theorem length_state {α : Type} (F W rest : List α) {v : Nat} (hF : v ≤ F.length)
    (hW : v ≤ W.length) : (F.take v ++ W.drop v ++ rest).length = W.length + rest.length := by
  simp only [List.length_append, List.length_take, List.length_drop]
  omega

theorem getElem?_state {α : Type} (F W rest : List α) {v i : Nat} (hF : v ≤ F.length)
    (hvi : v ≤ i) (hi : i < W.length) : (F.take v ++ W.drop v ++ rest)[i]? = W[i]? := by
  have ht : (F.take v).length = v := by simp; omega
  rw [List.append_assoc, List.getElem?_append_right (by omega), ht,
    List.getElem?_append_left (by simp; omega), List.getElem?_drop]
  congr 1; omega

theorem set_state {α : Type} (F W rest : List α) {v : Nat} (hF : v < F.length)
    (hW : v < W.length) :
    (F.take v ++ W.drop v ++ rest).set v F[v] = F.take (v + 1) ++ W.drop (v + 1) ++ rest := by
  have ht : (F.take v).length = v := by simp; omega
  rw [List.append_assoc, List.set_append_right _ _ (by omega), ht, Nat.sub_self,
    List.drop_eq_getElem_cons hW, List.cons_append, List.set_cons_zero,
    List.take_add_one, List.getElem?_eq_getElem hF]
  simp only [Option.toList_some, List.append_assoc, List.cons_append, List.nil_append]

end Zkvm.Refinement.fri
