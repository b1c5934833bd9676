module

public import Zkvm.Field.Extension
public import Zkvm.Stark.LogUpTrace

/-!
# The bus's boundary fractions (specification)

The verifier puts the statement's messages on the bus itself: each message it sends counts
`+1`, each it receives `-1` (`boundaryFracs`), at the global lookup point `χ` with the
fingerprint challenge `β`. The bus check is `Σ claimed sums + fracSum χ β boundaryFracs = 0`
(the IOP's `busCheck`). `signedSum` is the same sum as the verifier accumulates it from the
inverted denominators (`signedSum_eq_fracSum`).
-/

public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Field Zkvm.Field.Ext4 Zkvm.Stark

/-- The boundary fractions: `+1` per sent message, `-1` per received one, fields in the
extension. -/
@[expose] def boundaryFracs (sends receives : List (List BabyBear)) : List (Frac Ext4) :=
  sends.map (fun m => ((1 : Ext4), m.map ofBase)) ++ receives.map (fun m => ((-1 : Ext4), m.map ofBase))

/-- The denominator of a message: `χ − fp(m, β)`. -/
@[expose] def boundaryDen (χ β : Ext4) (m : List BabyBear) : Ext4 := χ - fp (m.map ofBase) β

/-- The first `ns` inverses added, the others subtracted, left to right. -/
@[expose] def signedSum (ns : Nat) (inv : List Ext4) : Ext4 :=
  (List.range inv.length).foldl
    (fun acc j => if j < ns then acc + inv.getD j 0 else acc - inv.getD j 0) 0

theorem sumF_append' (l : List Ext4) (x : Ext4) : sumF (l ++ [x]) = sumF l + x := by
  induction l with
  | nil => simp only [List.nil_append, sumF]; grind
  | cons a l ih => simp only [List.cons_append, sumF, ih]; grind

/-- The signed sum of the first `k` inverses: the first `ns` added, the rest subtracted. -/
theorem signed_prefix (ns : Nat) (inv : List Ext4) :
    ∀ k, k ≤ inv.length →
      (List.range k).foldl (fun acc j => if j < ns then acc + inv.getD j 0 else acc - inv.getD j 0) 0 =
        sumF ((inv.take k).take ns) - sumF ((inv.take k).drop ns)
  | 0, _ => by simp [sumF]; grind
  | k + 1, hk => by
    rw [List.range_succ, List.foldl_append, signed_prefix ns inv k (by omega)]
    simp only [List.foldl_cons, List.foldl_nil]
    have hg : inv.getD k 0 = inv[k] := by
      simp only [List.getD, List.getElem?_eq_getElem (show k < inv.length by omega), Option.getD_some]
    rw [hg, List.take_add_one, List.getElem?_eq_getElem (show k < inv.length by omega)]
    simp only [Option.toList_some]
    have hl : (List.take k inv).length = k := by simp; omega
    by_cases h : k < ns
    · rw [if_pos h, List.take_of_length_le (show (List.take k inv).length ≤ ns by omega),
        List.take_of_length_le (show (List.take k inv ++ [inv[k]]).length ≤ ns by simp [hl]; omega),
        List.drop_eq_nil_of_le (show (List.take k inv).length ≤ ns by omega),
        List.drop_eq_nil_of_le (show (List.take k inv ++ [inv[k]]).length ≤ ns by simp [hl]; omega),
        sumF_append']
      grind
    · rw [if_neg h, List.take_append_of_le_length (by rw [hl]; omega),
        List.drop_append_of_le_length (by rw [hl]; omega), sumF_append']
      grind

theorem signedSum_eq (ns : Nat) (inv : List Ext4) :
    signedSum ns inv = sumF (inv.take ns) - sumF (inv.drop ns) := by
  rw [signedSum, signed_prefix ns inv inv.length (Nat.le_refl _), List.take_length]

theorem fracSum_sends (χ β : Ext4) (ms : List (List BabyBear)) :
    fracSum χ β (ms.map (fun m => ((1 : Ext4), m.map ofBase))) =
      sumF (ms.map (fun m => (boundaryDen χ β m)⁻¹)) := by
  induction ms with
  | nil => rfl
  | cons m ms ih =>
    simp only [List.map_cons, fracSum, ih, sumF, boundaryDen]
    grind

theorem fracSum_receives (χ β : Ext4) (ms : List (List BabyBear)) :
    fracSum χ β (ms.map (fun m => ((-1 : Ext4), m.map ofBase))) =
      - sumF (ms.map (fun m => (boundaryDen χ β m)⁻¹)) := by
  induction ms with
  | nil => simp [fracSum, sumF]; grind
  | cons m ms ih =>
    simp only [List.map_cons, fracSum, ih, sumF, boundaryDen]
    grind

theorem fracSum_append (χ β : Ext4) (a b : List (Frac Ext4)) :
    fracSum χ β (a ++ b) = fracSum χ β a + fracSum χ β b := by
  induction a with
  | nil => simp [fracSum]; grind
  | cons f a ih => simp only [List.cons_append, fracSum, ih]; grind

/-- The verifier's signed sum of the inverted denominators is the boundary's `fracSum`. -/
theorem signedSum_eq_fracSum (χ β : Ext4) (sends receives : List (List BabyBear)) :
    signedSum sends.length
        ((sends.map (boundaryDen χ β) ++ receives.map (boundaryDen χ β)).map (·⁻¹)) =
      fracSum χ β (boundaryFracs sends receives) := by
  rw [signedSum_eq, boundaryFracs, fracSum_append, fracSum_sends, fracSum_receives, List.map_append,
    List.take_append_of_le_length (by simp), List.take_of_length_le (by simp),
    List.drop_append_of_le_length (by simp), List.drop_eq_nil_of_le (by simp), List.nil_append,
    List.map_map, List.map_map]
  simp only [Function.comp_def]
  grind

end Zkvm.Spec
