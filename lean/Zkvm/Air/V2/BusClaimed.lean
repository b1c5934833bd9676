module

public import Zkvm.Spec.Logup
public import Zkvm.Spec.Boundary
public import Zkvm.Stark.LogUpRows
public import Zkvm.Air.V2.BusLogup

/-!
# A table's claimed sum is its rows' fractions

The run theorem's bus check (`Zkvm.Air.V2.Exec.check_bus_count`, BusCheck.lean;
`check_bus_netZero_count`, BusRun.lean) takes as hypothesis `hσ` that the claimed sums are
`Stark.fracSum χ β (liftRaw …)` of the machine tables' rows' fractions. This file derives that
from the LogUp constraints of each row, in the form the verifier evaluates them
(`Zkvm.Spec.logupRow`: `K` fixed-fingerprint columns, then the pair columns `h_0 … h_{P−1}`, then
the running sum `φ`).

* `claimed_sum_of_logupRows` (any field): if on each of `n ≥ 1` rows with pairs `ds r`
  (`⌈|ds r| / 2⌉ = P` on every row) the constraints `logupRow K (ds r) (aux r) (aux (r+1))
  (first r) (last r) (trans r) σ` vanish, the denominators are nonzero and the selectors are
  nonzero where they act (`first 0`, `last (n−1)`, `trans r` for `r < n − 1`), then
  `σ = Σ_r divSum (ds r)`. It chains `Zkvm.Stark.sum_pairs_eq` (the pair columns of one row sum
  to its fractions) and `Zkvm.Stark.claimed_sum_eq` (the running sum ends at the claimed sum).
  Short auxiliary rows need no hypothesis: `logupRow` reads missing cells as 0 on both sides.
* `claimed_sum_of_rows_sel`, `claimed_sum_of_rows`: the machine form, for rows whose fractions
  are `fs r : List (Fraction BabyBear)` lifted into `Ext4` (`liftRaw`) with denominators
  `χ − fp(fields, β)` (`Spec.denoms`): `σ = fracSum χ β (liftRaw ((List.range n).flatMap fs))`;
  `claimed_sum_of_rows` with the row selectors `first = [r = 0]`, `last = [r = n − 1]`,
  `trans = [r < n − 1]`.
* `claimed_sums_of_tables`: for a list of tables (`LogupTrace`: `K`, `n`, fractions per row,
  rows, auxiliary rows, claimed sum) whose LogUp rows hold (`LogupTrace.Holds`), the sum of
  their claimed sums is `fracSum` over all their rows' fractions (`claimed_sums_eq` for claimed
  sums given directly).
* `flatMap_range_getD`, `LogupTrace.ofRows`, `LogupTrace.rowFractions_ofRows`: a table given
  as a list of rows `l` (row `r` is `l.getD r d`) has `l.flatMap f` as its rows' fractions, the
  form `Tables.fractions` (RunBus.lean) takes for each table (`tables_fractions_eq`).
* `claimed_total_of_tables`: the run theorem's `hσ` in the verifier's form (`foldl (· + ·) 0`
  over the flattened claimed sums, as `totalClaimed` adds them; `foldl_add_eq`): if the claimed
  sums are those of LogUp traces that hold and whose rows' fractions are, all together,
  `T.fractions ++ fx`, the total is `fracSum χ β (liftRaw (T.fractions ++ fx))`;
  `claimed_total_of_tables_filter`: the same when the two lists agree only after dropping
  fractions of multiplicity 0 on both sides (`fracSum_liftRaw_filter`), e.g. padding rows.

Not covered here: that the committed traces' rows are the machine tables' rows (up to fractions
of multiplicity 0), and the link from the verifier's out-of-domain check to the row
constraints (`Zkvm.Stark.claimed_sum_of_logup`, LogUpRows.lean, over polynomials).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Exec.BusClaimed

open Zkvm.Field Zkvm.Air.Table
open Zkvm.Air.V2.Cpu (Fraction)
open Zkvm.Air.V2.Exec (Tables liftRaw)
open Zkvm.Stark (sumF divSum chunk2 pairConstraint sumUpTo)

universe u v

section Generic

variable {E : Type u} [Lean.Grind.Field E]

theorem sumF_map_zero {α : Type v} : ∀ l : List α, sumF (l.map fun _ => (0 : E)) = 0
  | [] => rfl
  | _ :: l => by simp only [List.map_cons, sumF, sumF_map_zero l]; grind

/-- The first `P` cells of a row, missing cells read as 0. -/
theorem sumF_take_eq : ∀ (P : Nat) (l : List E),
    sumF (l.take P) = sumF ((List.range P).map fun j => l.getD j 0)
  | 0, _ => rfl
  | P + 1, [] => by
    simp only [List.take_nil, List.getD_nil]
    rw [sumF_map_zero]; rfl
  | P + 1, a :: l => by
    rw [List.take_succ_cons, List.range_succ_eq_map, List.map_cons, List.map_map]
    simp only [sumF, List.getD_cons_zero]
    rw [sumF_take_eq P l]
    congr 2

theorem sumUpTo_congr' {S S' : Nat → E} : ∀ n : Nat, (∀ i, i < n → S i = S' i) →
    sumUpTo S n = sumUpTo S' n
  | 0, _ => rfl
  | n + 1, h => by
    simp only [sumUpTo]; rw [sumUpTo_congr' n (fun i hi => h i (by omega)), h n (by omega)]

/-- **One row**: the pair constraints make the pair columns (after `K` fixed columns) sum to
the row's fractions. -/
theorem row_pairs_sum (K P : Nat) (ds : List (E × E)) (auxLoc : List E)
    (hP : (ds.length + 1) / 2 = P) (hd : ∀ p ∈ ds, p.2 ≠ 0)
    (hc : ∀ j, j < P → pairConstraint (auxLoc.getD (K + j) 0) ((chunk2 ds).getD j []) = 0) :
    sumF ((auxLoc.drop K).take P) = divSum ds := by
  rw [sumF_take_eq]
  have hl : ((List.range P).map fun j => (auxLoc.drop K).getD j 0).length = (chunk2 ds).length := by
    rw [List.length_map, List.length_range, Stark.length_chunk2, hP]
  refine Stark.sum_pairs_eq _ _ hl hd ?_
  refine Stark.forall_zip_of_getD (fun h g => pairConstraint h g = 0) 0 [] _ _ hl ?_
  intro j hj
  rw [List.length_map, List.length_range] at hj
  rw [List.getD_eq_getElem?_getD, List.getElem?_map, List.getElem?_range hj]
  simp only [Option.map_some, Option.getD_some]
  rw [Spec.getD_drop]
  exact hc j hj

/-- **The claimed sum of a table from its rows' LogUp constraints** (any field). `n ≥ 1` rows,
row `r` with fractions as pairs `ds r` (numerator, denominator), `⌈|ds r| / 2⌉ = P` on every row,
auxiliary rows `aux r` (`K` fixed columns, `P` pair columns, `φ`): if every row's
`logupRow` vanishes, every denominator is nonzero and the selectors are nonzero where they act,
then `σ = Σ_{r<n} Σ (ds r)`. -/
theorem claimed_sum_of_logupRows (K n P : Nat) (hn : 1 ≤ n)
    (ds : Nat → List (E × E)) (aux : Nat → List E) (first last trans : Nat → E) (σ : E)
    (hP : ∀ r, r < n → ((ds r).length + 1) / 2 = P)
    (hF : first 0 ≠ 0) (hL : last (n - 1) ≠ 0) (hT : ∀ r, r + 1 < n → trans r ≠ 0)
    (hvan : ∀ r, r < n → ∀ c ∈ Spec.logupRow K (ds r) (aux r) (aux (r + 1)) (first r) (last r)
      (trans r) σ, c = 0)
    (hd : ∀ r, r < n → ∀ p ∈ ds r, p.2 ≠ 0) :
    σ = sumUpTo (fun r => divSum (ds r)) n := by
  have hrow : ∀ r, r < n →
      (∀ j, j < P → pairConstraint ((aux r).getD (K + j) 0) ((chunk2 (ds r)).getD j []) = 0) ∧
      first r * (aux r).getD (K + P) 0 = 0 ∧
      trans r * ((aux (r + 1)).getD (K + P) 0 - (aux r).getD (K + P) 0 -
        sumF (((aux r).drop K).take P)) = 0 ∧
      last r * ((aux r).getD (K + P) 0 + sumF (((aux r).drop K).take P) - σ) = 0 := by
    intro r hr
    have h := hvan r hr
    simp only [Spec.logupRow, hP r hr] at h
    refine ⟨fun j hj => h _ (List.mem_append_left _ (List.mem_map.2 ⟨j, List.mem_range.2 hj, rfl⟩)),
      h _ (List.mem_append_right _ (by simp)), h _ (List.mem_append_right _ (by simp)),
      h _ (List.mem_append_right _ (by simp))⟩
  have h0 : (aux 0).getD (K + P) 0 = 0 :=
    (Poly.mul_eq_zero_iff.mp (hrow 0 hn).2.1).resolve_left hF
  have hstep : ∀ r, r + 1 < n → (aux (r + 1)).getD (K + P) 0 =
      (aux r).getD (K + P) 0 + sumF (((aux r).drop K).take P) := by
    intro r hr
    have := (Poly.mul_eq_zero_iff.mp (hrow r (by omega)).2.2.1).resolve_left (hT r hr)
    grind
  have hl : (aux (n - 1)).getD (K + P) 0 + sumF (((aux (n - 1)).drop K).take P) = σ := by
    have := (Poly.mul_eq_zero_iff.mp (hrow (n - 1) (by omega)).2.2.2).resolve_left hL
    grind
  rw [Stark.claimed_sum_eq (φ := fun r => (aux r).getD (K + P) 0)
    (S := fun r => sumF (((aux r).drop K).take P)) hn h0 hstep hl]
  exact sumUpTo_congr' n fun r hr =>
    row_pairs_sum K P (ds r) (aux r) (hP r hr) (hd r hr) (hrow r hr).1

end Generic

/-! ## The machine's fractions -/

theorem fracSum_liftRaw_flatMap_range (χ β : Ext4) (fs : Nat → List (Fraction BabyBear)) :
    ∀ n : Nat, Stark.fracSum χ β (liftRaw ((List.range n).flatMap fs)) =
      sumUpTo (fun r => Stark.fracSum χ β (liftRaw (fs r))) n
  | 0 => rfl
  | n + 1 => by
    rw [List.range_succ, List.flatMap_append, liftRaw, List.map_append, Spec.fracSum_append, ← liftRaw,
      ← liftRaw, fracSum_liftRaw_flatMap_range χ β fs n, List.flatMap_singleton]; rfl

/-- **The claimed sum of a machine table**, general selectors: `n ≥ 1` rows with `w` fractions
each (`fs r`, lifted into `Ext4`, denominators `χ − fp(fields, β)`), auxiliary rows `aux r`
with `K` fixed-fingerprint columns in front; if every row's LogUp constraints vanish, no
denominator vanishes and the selectors are nonzero where they act, then
`σ = fracSum χ β (liftRaw ((List.range n).flatMap fs))`. -/
theorem claimed_sum_of_rows_sel (K n w : Nat) (hn : 1 ≤ n) (fs : Nat → List (Fraction BabyBear))
    (aux : Nat → List Ext4) (first last trans : Nat → Ext4) (χ β σ : Ext4)
    (hlen : ∀ r, r < n → (fs r).length = w)
    (hF : first 0 ≠ 0) (hL : last (n - 1) ≠ 0) (hT : ∀ r, r + 1 < n → trans r ≠ 0)
    (hvan : ∀ r, r < n → ∀ c ∈ Spec.logupRow K (Spec.denoms χ β (liftRaw (fs r))) (aux r)
      (aux (r + 1)) (first r) (last r) (trans r) σ, c = 0)
    (hpole : ∀ r, r < n → ∀ f ∈ fs r, χ - Stark.fp (f.fields.map Ext4.ofBase) β ≠ 0) :
    σ = Stark.fracSum χ β (liftRaw ((List.range n).flatMap fs)) := by
  rw [claimed_sum_of_logupRows K n ((w + 1) / 2) hn (fun r => Spec.denoms χ β (liftRaw (fs r)))
    aux first last trans σ
    (fun r hr => by simp only [Spec.denoms, liftRaw, List.length_map, hlen r hr])
    hF hL hT hvan ?_, fracSum_liftRaw_flatMap_range]
  · exact sumUpTo_congr' n fun r _ => Stark.divSum_denoms_eq_fracSum χ β _
  · intro r hr p hp
    simp only [Spec.denoms, liftRaw, List.map_map, List.mem_map, Function.comp_apply] at hp
    obtain ⟨f, hf, rfl⟩ := hp
    exact hpole r hr f hf

/-- A row selector: `1` where the condition holds, `0` elsewhere. -/
def sel (p : Prop) [Decidable p] : Ext4 := if p then 1 else 0

theorem sel_ne_zero {p : Prop} [Decidable p] (h : p) : sel p ≠ 0 := by
  simp only [sel, h, if_true]
  exact fun e => Lean.Grind.Field.zero_ne_one e.symm

/-- **The claimed sum of a machine table** with the trace's row selectors: `first = [r = 0]`,
`last = [r = n − 1]`, `trans = [r < n − 1]`. -/
theorem claimed_sum_of_rows (K n w : Nat) (hn : 1 ≤ n) (fs : Nat → List (Fraction BabyBear))
    (aux : Nat → List Ext4) (χ β σ : Ext4)
    (hlen : ∀ r, r < n → (fs r).length = w)
    (hvan : ∀ r, r < n → ∀ c ∈ Spec.logupRow K (Spec.denoms χ β (liftRaw (fs r))) (aux r)
      (aux (r + 1)) (sel (r = 0)) (sel (r = n - 1)) (sel (r < n - 1)) σ, c = 0)
    (hpole : ∀ r, r < n → ∀ f ∈ fs r, χ - Stark.fp (f.fields.map Ext4.ofBase) β ≠ 0) :
    σ = Stark.fracSum χ β (liftRaw ((List.range n).flatMap fs)) :=
  claimed_sum_of_rows_sel K n w hn fs aux (fun r => sel (r = 0)) (fun r => sel (r = n - 1))
    (fun r => sel (r < n - 1)) χ β σ hlen (sel_ne_zero rfl) (sel_ne_zero rfl)
    (fun r hr => sel_ne_zero (by omega)) hvan hpole

/-! ## Several tables -/

/-- **The claimed sums of several tables** add up to the sum over all their rows' fractions. -/
theorem claimed_sums_eq {α : Type} (χ β : Ext4) (σ : α → Ext4)
    (rows : α → List (Fraction BabyBear)) :
    ∀ ts : List α, (∀ t ∈ ts, σ t = Stark.fracSum χ β (liftRaw (rows t))) →
      sumF (ts.map σ) = Stark.fracSum χ β (liftRaw (ts.flatMap rows))
  | [], _ => rfl
  | t :: ts, h => by
    rw [List.map_cons, sumF, List.flatMap_cons, liftRaw, List.map_append, Spec.fracSum_append, ← liftRaw,
      ← liftRaw, h t (List.mem_cons_self ..),
      claimed_sums_eq χ β σ rows ts (fun t' ht' => h t' (List.mem_cons_of_mem _ ht'))]

/-- One table's LogUp data at fixed challenges: `K` fixed-fingerprint columns, `n` rows of `w`
fractions each (`fs r`), the auxiliary rows and the claimed sum. -/
structure LogupTrace where
  K : Nat
  n : Nat
  w : Nat
  fs : Nat → List (Fraction BabyBear)
  aux : Nat → List Ext4
  σ : Ext4

/-- Every fraction of every row of the table. -/
def LogupTrace.rowFractions (t : LogupTrace) : List (Fraction BabyBear) :=
  (List.range t.n).flatMap t.fs

/-- The table's LogUp rows hold at `(χ, β)`: at least one row, `w` fractions a row, every row's
LogUp constraints vanish (row selectors `[r = 0]`, `[r = n − 1]`, `[r < n − 1]`) and no
denominator `χ − fp(fields, β)` vanishes. -/
def LogupTrace.Holds (t : LogupTrace) (χ β : Ext4) : Prop :=
  1 ≤ t.n ∧ (∀ r, r < t.n → (t.fs r).length = t.w) ∧
  (∀ r, r < t.n → ∀ c ∈ Spec.logupRow t.K (Spec.denoms χ β (liftRaw (t.fs r))) (t.aux r)
      (t.aux (r + 1)) (sel (r = 0)) (sel (r = t.n - 1)) (sel (r < t.n - 1)) t.σ, c = 0) ∧
  (∀ r, r < t.n → ∀ f ∈ t.fs r, χ - Stark.fp (f.fields.map Ext4.ofBase) β ≠ 0)

theorem LogupTrace.claimed (t : LogupTrace) {χ β : Ext4} (h : t.Holds χ β) :
    t.σ = Stark.fracSum χ β (liftRaw t.rowFractions) :=
  claimed_sum_of_rows t.K t.n t.w h.1 t.fs t.aux χ β t.σ h.2.1 h.2.2.1 h.2.2.2

/-- **The claimed sums of tables whose LogUp rows hold** add up to `fracSum` over all their
rows' fractions. -/
theorem claimed_sums_of_tables (χ β : Ext4) (ts : List LogupTrace)
    (h : ∀ t ∈ ts, t.Holds χ β) :
    sumF (ts.map (·.σ)) = Stark.fracSum χ β (liftRaw (ts.flatMap LogupTrace.rowFractions)) :=
  claimed_sums_eq χ β (·.σ) LogupTrace.rowFractions ts fun t ht => t.claimed (h t ht)

/-- A table given as a list of rows: indexing its rows by `List.range` gives the same
fractions. -/
theorem flatMap_range_getD {α β : Type} (f : α → List β) (d : α) :
    ∀ l : List α, (List.range l.length).flatMap (fun r => f (l.getD r d)) = l.flatMap f
  | [] => rfl
  | a :: l => by
    rw [List.length_cons, List.range_succ_eq_map, List.flatMap_cons, List.flatMap_cons,
      List.flatMap_map]
    simp only [List.getD_cons_zero, List.getD_cons_succ]
    rw [flatMap_range_getD f d l]

/-- A table's LogUp data from its list of rows `l` (row `r` is `l.getD r d`). -/
def LogupTrace.ofRows {α : Type} (K w : Nat) (f : α → List (Fraction BabyBear)) (d : α)
    (l : List α) (aux : Nat → List Ext4) (σ : Ext4) : LogupTrace :=
  ⟨K, l.length, w, fun r => f (l.getD r d), aux, σ⟩

theorem LogupTrace.rowFractions_ofRows {α : Type} (K w : Nat) (f : α → List (Fraction BabyBear))
    (d : α) (l : List α) (aux : Nat → List Ext4) (σ : Ext4) :
    (LogupTrace.ofRows K w f d l aux σ).rowFractions = l.flatMap f :=
  flatMap_range_getD f d l

/-- `foldl (· + ·)` is `sumF` (the verifier's `totalClaimed` adds the claimed sums so). -/
theorem foldl_add_eq {E : Type u} [Lean.Grind.Field E] : ∀ (a : E) (l : List E),
    l.foldl (· + ·) a = a + sumF l
  | a, [] => by simp only [List.foldl_nil, sumF]; grind
  | a, x :: l => by rw [List.foldl_cons, foldl_add_eq (a + x) l, sumF]; grind

/-- The machine tables' fractions, table by table. -/
theorem tables_fractions_eq (T : Tables) :
    T.fractions = [T.cpu.flatMap Cpu.fractions, T.alu.flatMap Alu.fractions,
      T.logic.flatMap Logic.fractions, T.mul.flatMap Mul.fractions, T.div.flatMap Div.fractions,
      T.mem.flatMap Mem.fractions, T.sys.flatMap Syscall.fractions, T.io.flatMap Io.fractions,
      T.range.flatMap Range.fractions, T.priv.flatMap Private.fractions,
      T.bnd.flatMap Boundary.fractions].flatten := by
  simp only [Tables.fractions, List.flatten_cons, List.flatten_nil, List.append_nil,
    List.append_assoc]

/-- **The run theorem's `hσ` from the tables' LogUp rows**: if the verifier's claimed sums
(`cs`, added with `foldl` as `totalClaimed` does) are the claimed sums of LogUp traces whose rows
hold at `(χ, β)` and whose rows' fractions are, all together, the machine tables' and the FIXED
rows' (`T.fractions ++ fx`), then their total is `fracSum χ β (liftRaw (T.fractions ++ fx))`. -/
theorem claimed_total_of_tables (χ β : Ext4) (T : Tables) (fx : List (Fraction BabyBear))
    (ts : List LogupTrace) (cs : List (List Ext4)) (hcs : cs.flatten = ts.map (·.σ))
    (hrows : ts.flatMap LogupTrace.rowFractions = T.fractions ++ fx)
    (h : ∀ t ∈ ts, t.Holds χ β) :
    cs.flatten.foldl (· + ·) 0 = Stark.fracSum χ β (liftRaw (T.fractions ++ fx)) := by
  rw [foldl_add_eq, hcs, claimed_sums_of_tables χ β ts h, hrows]
  grind

theorem ofBase_zero' : Ext4.ofBase 0 = 0 := rfl

/-- Fractions of multiplicity 0 add nothing: only the nonzero ones count. -/
theorem fracSum_liftRaw_filter (χ β : Ext4) : ∀ fs : List (Fraction BabyBear),
    Stark.fracSum χ β (liftRaw (fs.filter fun f => f.mult ≠ 0)) = Stark.fracSum χ β (liftRaw fs)
  | [] => rfl
  | f :: fs => by
    have ih := fracSum_liftRaw_filter χ β fs
    by_cases h : f.mult = 0
    · have e : Stark.fracSum χ β (liftRaw (f :: fs)) = Stark.fracSum χ β (liftRaw fs) := by
        simp only [liftRaw, List.map_cons, Stark.fracSum, h, ofBase_zero']
        rw [Lean.Grind.Field.div_eq_mul_inv]; grind
      rw [e, List.filter_cons_of_neg (by simp [h]), ih]
    · rw [List.filter_cons_of_pos (by simp [h])]
      simp only [liftRaw, List.map_cons, Stark.fracSum] at ih ⊢
      rw [ih]

/-- **`hσ` for padded traces**: as `claimed_total_of_tables`, with the traces' rows' fractions
equal to `T.fractions ++ fx` only once fractions of multiplicity 0 (padding rows, inactive
lookups) are dropped on both sides. -/
theorem claimed_total_of_tables_filter (χ β : Ext4) (T : Tables) (fx : List (Fraction BabyBear))
    (ts : List LogupTrace) (cs : List (List Ext4)) (hcs : cs.flatten = ts.map (·.σ))
    (hrows : (ts.flatMap LogupTrace.rowFractions).filter (fun f => f.mult ≠ 0) =
      (T.fractions ++ fx).filter (fun f => f.mult ≠ 0))
    (h : ∀ t ∈ ts, t.Holds χ β) :
    cs.flatten.foldl (· + ·) 0 = Stark.fracSum χ β (liftRaw (T.fractions ++ fx)) := by
  rw [foldl_add_eq, hcs, claimed_sums_of_tables χ β ts h, ← fracSum_liftRaw_filter, hrows,
    fracSum_liftRaw_filter]
  grind

end Zkvm.Air.V2.Exec.BusClaimed

end
