module

public import Zkvm.Refinement.Protocol.Stark.AllConstraints
public import Zkvm.Refinement.Protocol.Stark.Quotient
public import Zkvm.Refinement.Protocol.Domain
public import Zkvm.Refinement.Protocol.LogupColumns
public import Zkvm.Refinement.Air.Fold

/-!
# `stark::check_table_ood`: one table's out-of-domain check

`check_table_ood` computes the selectors at ζ, the auxiliary extension columns from their base
coordinates, the table's constraint values (`all_constraints_at`), folds them with α and
compares the fold with Z_H(ζ) · Q(ζ). `check_table_ood_spec`: for every table of machine
version 2, on openings of the right shapes (canonical extension elements) and a challenge ζ at
which the selectors exist, it accepts exactly when

  foldAlpha (oodValues …) α = vanishing ζ n · chunkValue (2^n) ζ (chunksFromBase quotient k),

`oodValues` being the table's Lean spec constraints and LogUp row constraints at the opened rows
(`all_constraints_at_spec`), and otherwise returns `OodConstraintMismatch`; it never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4 Zkvm.Spec Zkvm.Air.Table
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.field.extension (toExt toExt_inj mul_spec)
open Zkvm.Refinement.air.expr (locOf)
open Zkvm.Refinement.air.rv32im.cpu (selOf)
open Zkvm.Refinement.protocol.logup (toChallenges)
open Zkvm.Refinement.protocol.domain (toSelectors)

/-- The window of the opened rows at ζ, with the selectors' values there. -/
def oodWindow (rL rN pub : Nat → Ext4) (sel : SelectorValues) : Window Ext4 :=
  ⟨rL, rN, pub, sel.isFirstRow, sel.isLastRow, sel.isTransition⟩

/-- **The table's constraint values at ζ**: its Lean spec constraints, then the LogUp row
constraints of its fraction pairs (and the blinding fraction's under zero knowledge). -/
def oodValues (t : air.TableId) (zk : Bool) (rL rN pub : Nat → Ext4) (sel : SelectorValues)
    (aL aN : List Ext4) (χ β χl σ : Ext4) : List Ext4 :=
  Zkvm.Refinement.air.specConstraints t (oodWindow rL rN pub sel) ++
    logupRow (specFixed t)
      (specPairs t rL ((aL.take (specFixed t)).getD 0 0) χ β χl ++
        zkPairs zk rL (Zkvm.Refinement.air.specWidth t) χ β)
      aL aN sel.isFirstRow sel.isLastRow sel.isTransition σ

/-- The auxiliary extension width of a table (K + P + 1). -/
def auxExtWidth (t : air.TableId) (zk : Bool) : Nat :=
  specFixed t + (Zkvm.Refinement.air.specNumFractions t + (if zk then 1 else 0) + 1) / 2 + 1

set_option maxHeartbeats 4000000 in
/-- **`check_table_ood` is the out-of-domain comparison of the spec values.** -/
theorem check_table_ood_spec (t : air.TableId) (zk : Bool) (rL rN : Nat → Ext4)
    (pubs : List BabyBear) (hp : pubs.length = 20) (aLb aNb qs : List Ext4)
    (ζ α χ β χl σ : Ext4) (γ : List UInt32) (betas : List (List UInt32)) (idx : List UInt64)
    (dims : protocol.stark.TableDims) (sel : SelectorValues)
    (h27 : dims.log_height.toNat ≤ 27) (hsel : selectorsAt ζ dims.log_height.toNat = some sel)
    (haL : aLb.length = 4 * auxExtWidth t zk) (haN : aNb.length = 4 * auxExtWidth t zk)
    (hq : qs.length = 4 * dims.num_quotient_chunks.toNat) (hql : qs.length < 2 ^ 64)
    (hnc : dims.num_constraints.toNat =
      (oodValues t zk rL rN (fun i => ofBase (pubs.getD i 0)) sel
        (chunksFromBase aLb (auxExtWidth t zk)) (chunksFromBase aNb (auxExtWidth t zk))
        χ β χl σ).length) :
    protocol.stark.check_table_ood t (pubs.map toU32)
        ⟨locOf (Zkvm.Refinement.air.specWidth t + zkCols zk) rL,
          locOf (Zkvm.Refinement.air.specWidth t + zkCols zk) rN,
          aLb.map toExt, aNb.map toExt, qs.map toExt⟩
        dims ⟨toChallenges χ β χl, toExt α, toExt ζ, γ, betas, idx⟩ (toExt σ) zk =
      .ok (if Zkvm.Stark.foldAlpha (oodValues t zk rL rN (fun i => ofBase (pubs.getD i 0)) sel
              (chunksFromBase aLb (auxExtWidth t zk)) (chunksFromBase aNb (auxExtWidth t zk))
              χ β χl σ) α =
            vanishing ζ dims.log_height.toNat *
              Zkvm.Stark.chunkValue (2 ^ dims.log_height.toNat) ζ
                (chunksFromBase qs dims.num_quotient_chunks.toNat)
          then .ok () else .error .OodConstraintMismatch) := by
  have hE : auxExtWidth t zk ≤ 16 := by
    unfold auxExtWidth specFixed; cases t <;> cases zk <;> decide
  unfold protocol.stark.check_table_ood
  rw [Zkvm.Refinement.protocol.domain.selectors_at_spec, if_pos h27, hsel]
  simp only [pure_ok, ok_bind]
  rw [Zkvm.Refinement.protocol.logup.ext_columns_from_base_spec aLb _ haL (by omega),
    Zkvm.Refinement.protocol.logup.ext_columns_from_base_spec aNb _ haN (by omega)]
  simp only [pure_ok, ok_bind]
  have hs : toSelectors sel =
      selOf (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel) := rfl
  have hac := all_constraints_at_spec t zk (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel)
    pubs hp rfl (chunksFromBase aLb (auxExtWidth t zk)) (chunksFromBase aNb (auxExtWidth t zk))
    χ β χl σ (by rw [length_chunksFromBase]; rfl)
    (by rw [length_chunksFromBase, length_chunksFromBase])
  have p1 : (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel).cur = rL := rfl
  have p2 : (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel).next = rN := rfl
  have p3 : (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel).isFirst = sel.isFirstRow := rfl
  have p4 : (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel).isLast = sel.isLastRow := rfl
  have p5 : (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel).isTransition =
    sel.isTransition := rfl
  rw [p1, p2, p3, p4, p5] at hac
  rw [hs, hac]
  simp only [pure_ok, ok_bind]
  rw [← List.map_append]
  have hlen : Slice.len ((oodValues t zk rL rN (fun i => ofBase (pubs.getD i 0)) sel
      (chunksFromBase aLb (auxExtWidth t zk)) (chunksFromBase aNb (auxExtWidth t zk))
      χ β χl σ).map toExt) = dims.num_constraints := by
    apply UInt64.toNat_inj.mp
    rw [Slice.len_toNat _ (by rw [List.length_map, ← hnc]; exact UInt64.toNat_lt _),
      List.length_map, hnc]
  have hv : Zkvm.Refinement.air.specConstraints t
        (oodWindow rL rN (fun i => ofBase (pubs.getD i 0)) sel) ++
      logupRow (specFixed t)
        (specPairs t rL ((List.take (specFixed t) (chunksFromBase aLb (auxExtWidth t zk))).getD 0 0)
            χ β χl ++ zkPairs zk rL (Zkvm.Refinement.air.specWidth t) χ β)
        (chunksFromBase aLb (auxExtWidth t zk)) (chunksFromBase aNb (auxExtWidth t zk))
        sel.isFirstRow sel.isLastRow sel.isTransition σ =
      oodValues t zk rL rN (fun i => ofBase (pubs.getD i 0)) sel
        (chunksFromBase aLb (auxExtWidth t zk)) (chunksFromBase aNb (auxExtWidth t zk)) χ β χl σ :=
    rfl
  rw [hv, hlen]
  simp only [ne_eq, not_true_eq_false, if_false]
  rw [Zkvm.Refinement.air.fold_constraints_spec _ α (by rw [← hnc]; exact UInt64.toNat_lt _),
    ok_bind, quotient_at_zeta_spec qs ζ _ _ hq hql, ok_bind]
  simp only [pure_ok, ok_bind]
  rw [Zkvm.Refinement.protocol.domain.vanishing_at_spec, ok_bind, mul_spec, ok_bind]
  by_cases h : Zkvm.Stark.foldAlpha (oodValues t zk rL rN (fun i => ofBase (pubs.getD i 0)) sel
      (chunksFromBase aLb (auxExtWidth t zk)) (chunksFromBase aNb (auxExtWidth t zk)) χ β χl σ) α =
      vanishing ζ dims.log_height.toNat *
        Zkvm.Stark.chunkValue (2 ^ dims.log_height.toNat) ζ
          (chunksFromBase qs dims.num_quotient_chunks.toNat)
  · rw [if_pos h, h]
    simp
  · rw [if_neg h, if_pos (fun e => h (toExt_inj e))]

end Zkvm.Refinement.protocol.stark
