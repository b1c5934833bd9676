module

public import Zkvm.Extracted.Protocol.Stark
public import Zkvm.Commit.Cap
public import Zkvm.Commit.Mmcs
public import Zkvm.Refinement.Protocol.TraceLength
public import Zkvm.Spec.FriSchedule

/-!
# The proof's dimensions and shape (specification)

What `protocol::stark` derives from the verifying key and the claimed table heights before it
reads a proof, and what it demands of the proof's vectors, written for reading over the
verifier's own structures (`TableDims`, `ProofDimensions`, `PhaseLayout`, `Proof`):

* `distinctHeights`: the distinct heights of a list, largest first (`distinct_heights`);
  `distinctLdeHeights` of the tables' LDE heights (`distinct_lde_heights`).
* `capLen`: the number of digests in the cap of a tree (`cap_len`).
* `phaseLayout`: the matrices of a commitment phase (0: main traces, 1: auxiliary traces,
  2: quotients): one per table with columns in the phase, in table order, then with zero
  knowledge the masking polynomials (phase 2) and the salt matrices, one per distinct LDE
  height, largest first (`phase_layout`); `phaseCapLen` is its cap's length
  (`phase_cap_len`).
* `hasAnyAux`: whether some table has an auxiliary trace (`has_any_aux`).
* `tableOpeningsOk`, `proofShapeOk`, `checkProofShape`: the lengths a proof's vectors must
  have (`check_table_openings`, `check_proof_shape`).
* `tableDims`: one table's dimensions, with the checks of its constraint degree against the
  blowup and of its height (`table_dimensions`), built from `committedShape`, `shapeHasAux`,
  `constraintDegree`, `logQuotientChunks`, `shapeAuxExtWidth`, `numLogupConstraints`
  (`protocol::logup`, `air::log_quotient_chunks`).
* `tablesDims`, `proofDims`: all tables' dimensions with their gamma-power offsets, the
  masking polynomials' offset with zero knowledge, the tallest LDE domain and the cap-height
  check (`proof_dimensions`).

Proved here: the distinct heights are strictly decreasing and are exactly the members of the
list (below `u32::MAX`, the search's start), so there are at most `2^32` of them
(`distinctHeights_sorted`, `mem_distinctHeights`, `distinctHeights_length_le`); a phase
layout's three lists have one entry per matrix (`phaseLayout_lengths`), at most one per table
and two per distinct height (`phaseMatrices_length_le`); a cap length is a power of two below
`2^64` or 0 (`capLen_lt`); `logQuotientChunks d` is `⌈log2(d - 1)⌉`
(`logQuotientChunks_spec`); an accepted table has `log_lde = log_height + log_blowup ≤ 27`
(`tableDims_log_lde`); accepted dimensions have at most 64 tables, each with
`log_lde ≤ log_max_lde ≤ 27` (`proofDims_log_lde`, `proofDims_log_max_lde_lt`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Spec

open Zkvm.Extracted
open Zkvm.Extraction (Usize)
open Zkvm.Commit (capHeight maxHeight)

/-! ## Distinct heights, largest first -/

/-- One step of the search for the largest height below `bound` (`none`: none found yet). -/
def maxBelowStep (bound : UInt32) (acc : Option UInt32) (h : UInt32) : Option UInt32 :=
  if h < bound then
    match acc with
    | none => some h
    | some b => if h > b then some h else some b
  else acc

/-- The largest of `hs` below `bound`, if there is one. -/
def maxBelow (hs : List UInt32) (bound : UInt32) : Option UInt32 :=
  hs.foldl (maxBelowStep bound) none

theorem maxBelowStep_eq_none (bound : UInt32) (acc : Option UInt32) (y : UInt32) :
    maxBelowStep bound acc y = none ↔ acc = none ∧ ¬ y < bound := by
  unfold maxBelowStep
  by_cases hy : y < bound
  · cases acc with
    | none => simp [hy]
    | some b => by_cases hb : y > b <;> simp [hy, hb]
  · simp [hy]

theorem maxBelowStep_some {bound : UInt32} {acc : Option UInt32} {y a : UInt32}
    (h : maxBelowStep bound acc y = some a) : acc = some a ∨ (a = y ∧ y < bound) := by
  unfold maxBelowStep at h
  by_cases hy : y < bound
  · cases acc with
    | none => simp [hy] at h; exact Or.inr ⟨h.symm, hy⟩
    | some b =>
      by_cases hb : y > b
      · simp [hy, hb] at h; exact Or.inr ⟨h.symm, hy⟩
      · simp [hy, hb] at h; exact Or.inl (by rw [h])
  · simp [hy] at h; exact Or.inl h

theorem maxBelowStep_ge {bound : UInt32} {acc : Option UInt32} {y : UInt32} :
    (∀ b, acc = some b → ∃ a, maxBelowStep bound acc y = some a ∧ b.toNat ≤ a.toNat) ∧
    (y < bound → ∃ a, maxBelowStep bound acc y = some a ∧ y.toNat ≤ a.toNat) := by
  unfold maxBelowStep
  by_cases hy : y < bound
  · cases acc with
    | none => exact ⟨fun b h => (by cases h), fun _ => ⟨y, by simp [hy], Nat.le_refl _⟩⟩
    | some b =>
      have hy' := UInt32.lt_iff_toNat_lt.mp hy
      by_cases hb : y > b
      · have hb' := UInt32.lt_iff_toNat_lt.mp hb
        exact ⟨fun b' h => ⟨y, by simp [hy, hb], by cases h; omega⟩,
          fun _ => ⟨y, by simp [hy, hb], Nat.le_refl _⟩⟩
      · have hb' : ¬ b.toNat < y.toNat := fun h => hb (UInt32.lt_iff_toNat_lt.mpr h)
        exact ⟨fun b' h => ⟨b, by simp [hy, hb], by cases h; omega⟩,
          fun _ => ⟨b, by simp [hy, hb], by omega⟩⟩
  · exact ⟨fun b h => ⟨b, by simp [hy, h], Nat.le_refl _⟩, fun h => absurd h hy⟩

theorem foldl_maxBelowStep_none (bound : UInt32) :
    ∀ (l : List UInt32) (acc : Option UInt32),
      l.foldl (maxBelowStep bound) acc = none ↔ acc = none ∧ ∀ x ∈ l, ¬ x < bound
  | [], acc => by simp
  | y :: l, acc => by
    rw [List.foldl_cons, foldl_maxBelowStep_none bound l, maxBelowStep_eq_none]
    simp only [List.mem_cons, forall_eq_or_imp, and_assoc]

theorem foldl_maxBelowStep_some (bound : UInt32) :
    ∀ (l : List UInt32) (acc : Option UInt32) (m : UInt32),
      (∀ a, acc = some a → a < bound) → l.foldl (maxBelowStep bound) acc = some m →
      m < bound ∧ (acc = some m ∨ m ∈ l) ∧ (∀ a, acc = some a → a.toNat ≤ m.toNat) ∧
        ∀ x ∈ l, x < bound → x.toNat ≤ m.toNat
  | [], acc, m, hacc, h => by
    simp only [List.foldl_nil] at h
    subst h
    exact ⟨hacc m rfl, Or.inl rfl, fun a ha => by cases ha; exact Nat.le_refl _,
      fun x hx => by simp at hx⟩
  | y :: l, acc, m, hacc, h => by
    rw [List.foldl_cons] at h
    have hacc' : ∀ a, maxBelowStep bound acc y = some a → a < bound := by
      intro a ha
      rcases maxBelowStep_some ha with h' | ⟨rfl, hy⟩
      · exact hacc a h'
      · exact hy
    obtain ⟨h1, h2, h3, h4⟩ := foldl_maxBelowStep_some bound l _ m hacc' h
    refine ⟨h1, ?_, ?_, ?_⟩
    · rcases h2 with h2 | h2
      · rcases maxBelowStep_some h2 with h' | ⟨rfl, _⟩
        · exact Or.inl h'
        · exact Or.inr List.mem_cons_self
      · exact Or.inr (List.mem_cons_of_mem _ h2)
    · intro a ha
      obtain ⟨a', ha', hle⟩ := (maxBelowStep_ge (bound := bound) (y := y)).1 a ha
      have := h3 a' ha'
      omega
    · intro x hx hxb
      rcases List.mem_cons.mp hx with rfl | hx
      · obtain ⟨a', ha', hle⟩ := (maxBelowStep_ge (acc := acc)).2 hxb
        have := h3 a' ha'
        omega
      · exact h4 x hx hxb

/-- The largest height below the bound is below it, is a member, and is the largest. -/
theorem maxBelow_some {hs : List UInt32} {bound m : UInt32} (h : maxBelow hs bound = some m) :
    m < bound ∧ m ∈ hs ∧ ∀ x ∈ hs, x < bound → x.toNat ≤ m.toNat := by
  obtain ⟨h1, h2, _, h4⟩ := foldl_maxBelowStep_some bound hs none m (fun _ h => by cases h) h
  exact ⟨h1, by simpa using h2, h4⟩

/-- No height below the bound. -/
theorem maxBelow_none {hs : List UInt32} {bound : UInt32} (h : maxBelow hs bound = none) :
    ∀ x ∈ hs, ¬ x < bound :=
  ((foldl_maxBelowStep_none bound hs none).mp h).2

set_option linter.unusedVariables false in
/-- The distinct values of `hs` below `bound`, largest first. -/
def distinctBelow (hs : List UInt32) (bound : UInt32) : List UInt32 :=
  match h : maxBelow hs bound with
  | some m => m :: distinctBelow hs m
  | none => []
termination_by bound.toNat
decreasing_by exact UInt32.lt_iff_toNat_lt.mp (maxBelow_some h).1

/-- The distinct values of `hs`, largest first (`u32::MAX` is the search's start and is
left out; LDE heights are at most 27). -/
def distinctHeights (hs : List UInt32) : List UInt32 := distinctBelow hs 4294967295

theorem distinctBelow_some {hs : List UInt32} {bound m : UInt32} (h : maxBelow hs bound = some m) :
    distinctBelow hs bound = m :: distinctBelow hs m := by
  rw [distinctBelow]; split
  · rename_i m' h'; rw [h] at h'; cases h'; rfl
  · rename_i h'; rw [h] at h'; cases h'

theorem distinctBelow_none {hs : List UInt32} {bound : UInt32} (h : maxBelow hs bound = none) :
    distinctBelow hs bound = [] := by
  rw [distinctBelow]; split
  · rename_i m' h'; rw [h] at h'; cases h'
  · rfl

/-- **The distinct heights below `bound` are the members of `hs` below it.** -/
theorem mem_distinctBelow (hs : List UInt32) (x : UInt32) :
    ∀ bound, x ∈ distinctBelow hs bound ↔ x ∈ hs ∧ x < bound := by
  intro bound
  induction hb : bound.toNat using Nat.strongRecOn generalizing bound with
  | ind n ih =>
    cases hm : maxBelow hs bound with
    | none =>
      rw [distinctBelow_none hm]
      have := maxBelow_none hm
      simp only [List.not_mem_nil, false_iff, not_and]
      exact fun hx hxb => this x hx hxb
    | some m =>
      rw [distinctBelow_some hm]
      obtain ⟨h1, h2, h3⟩ := maxBelow_some hm
      have hmn : m.toNat < n := hb ▸ UInt32.lt_iff_toNat_lt.mp h1
      rw [List.mem_cons, ih m.toNat hmn m rfl]
      constructor
      · rintro (rfl | ⟨hx, hxm⟩)
        · exact ⟨h2, h1⟩
        · refine ⟨hx, ?_⟩
          simp only [UInt32.lt_iff_toNat_lt] at hxm h1 ⊢; omega
      · intro ⟨hx, hxb⟩
        have := h3 x hx hxb
        by_cases hxm : x = m
        · left; exact hxm
        · right; refine ⟨hx, ?_⟩
          have hne : x.toNat ≠ m.toNat := fun e => hxm (UInt32.toNat_inj.mp e)
          simp only [UInt32.lt_iff_toNat_lt]; omega

/-- **The distinct heights below `bound` are strictly decreasing.** -/
theorem distinctBelow_sorted (hs : List UInt32) :
    ∀ bound, (distinctBelow hs bound).Pairwise (fun a b => b < a) := by
  intro bound
  induction hb : bound.toNat using Nat.strongRecOn generalizing bound with
  | ind n ih =>
    cases hm : maxBelow hs bound with
    | none => rw [distinctBelow_none hm]; exact List.Pairwise.nil
    | some m =>
      rw [distinctBelow_some hm]
      have hmn : m.toNat < n := hb ▸ UInt32.lt_iff_toNat_lt.mp (maxBelow_some hm).1
      refine List.Pairwise.cons (fun b hbm => ((mem_distinctBelow hs b m).mp hbm).2) ?_
      exact ih m.toNat hmn m rfl

/-- There are at most `bound` distinct heights below `bound`. -/
theorem distinctBelow_length_le (hs : List UInt32) :
    ∀ bound, (distinctBelow hs bound).length ≤ bound.toNat := by
  intro bound
  induction hb : bound.toNat using Nat.strongRecOn generalizing bound with
  | ind n ih =>
    cases hm : maxBelow hs bound with
    | none => rw [distinctBelow_none hm]; exact Nat.zero_le _
    | some m =>
      rw [distinctBelow_some hm]
      have hmn : m.toNat < n := hb ▸ UInt32.lt_iff_toNat_lt.mp (maxBelow_some hm).1
      have := ih m.toNat hmn m rfl
      simp only [List.length_cons]; omega

/-- **The distinct heights are the members of the list** (other than `u32::MAX`). -/
theorem mem_distinctHeights (hs : List UInt32) (x : UInt32) :
    x ∈ distinctHeights hs ↔ x ∈ hs ∧ x.toNat < 2 ^ 32 - 1 := by
  rw [distinctHeights, mem_distinctBelow, UInt32.lt_iff_toNat_lt]; rfl

/-- **The distinct heights are strictly decreasing** (so without repetition). -/
theorem distinctHeights_sorted (hs : List UInt32) :
    (distinctHeights hs).Pairwise (fun a b => b < a) :=
  distinctBelow_sorted hs _

theorem distinctHeights_length_le (hs : List UInt32) :
    (distinctHeights hs).length < 2 ^ 32 :=
  Nat.lt_of_le_of_lt (distinctBelow_length_le hs _) (by decide)

/-- The LDE heights of the tables, in table order. -/
def ldeHeights (dims : protocol.stark.ProofDimensions) : List UInt32 :=
  dims.tables.map (·.log_lde)

/-- The distinct LDE heights of the tables, largest first. -/
def distinctLdeHeights (dims : protocol.stark.ProofDimensions) : List UInt32 :=
  distinctHeights (ldeHeights dims)

/-! ## Caps -/

/-- The number of digests in the cap of a tree of `2^depth` leaves: `2^min(logCap, depth)`,
or 0 (which no cap matches) when that is beyond the machine word. -/
def capLen (logCap depth : Nat) : Nat :=
  if capHeight depth logCap < 64 then 2 ^ capHeight depth logCap else 0

theorem capLen_lt (logCap depth : Nat) : capLen logCap depth < 2 ^ 64 := by
  unfold capLen
  split
  · exact Nat.pow_lt_pow_right (by decide) (by assumption)
  · exact Nat.two_pow_pos _

/-! ## The commitment phases -/

/-- The width of a table's matrix in a phase: 0 main trace, 1 auxiliary trace, otherwise the
quotient chunks. -/
def phaseWidth (d : protocol.stark.TableDims) (phase : UInt32) : Usize :=
  if phase = 0 then d.width else if phase = 1 then d.aux_width else d.quotient_width

/-- The tables' matrices of a phase, for the tables numbered from `t` on: (log LDE height,
width, table index) of each table with columns in the phase. -/
def tableMatrices (phase : UInt32) : Nat → List protocol.stark.TableDims →
    List (UInt32 × Usize × Usize)
  | _, [] => []
  | t, d :: ds =>
    if phaseWidth d phase > 0 then
      (d.log_lde, phaseWidth d phase, UInt64.ofNat t) :: tableMatrices phase (t + 1) ds
    else tableMatrices phase (t + 1) ds

/-- The zero-knowledge matrices of a phase: with zero knowledge, in phase 2 a masking
polynomial (4 columns) per distinct LDE height, then in every phase a salt matrix per distinct
LDE height, largest first. -/
def zkMatrices (dims : protocol.stark.ProofDimensions) (phase : UInt32) :
    List (UInt32 × Usize × Usize) :=
  if dims.zk then
    (if phase = 2 then (distinctLdeHeights dims).map (fun h => (h, 4, protocol.stark.MASK_MATRIX))
      else []) ++
    (distinctLdeHeights dims).map
      (fun h => (h, protocol.params.ZK_SALT_LEN, protocol.stark.SALT_MATRIX))
  else []

/-- All matrices of a phase, in commitment order. -/
def phaseMatrices (dims : protocol.stark.ProofDimensions) (phase : UInt32) :
    List (UInt32 × Usize × Usize) :=
  tableMatrices phase 0 dims.tables ++ zkMatrices dims phase

/-- A phase's layout: its matrices' log LDE heights, widths and tables. -/
def phaseLayout (dims : protocol.stark.ProofDimensions) (phase : UInt32) :
    protocol.stark.PhaseLayout :=
  { log_heights := (phaseMatrices dims phase).map (·.1),
    widths := (phaseMatrices dims phase).map (·.2.1),
    tables := (phaseMatrices dims phase).map (·.2.2) }

/-- **A layout has one height, width and table per matrix.** -/
theorem phaseLayout_lengths (dims : protocol.stark.ProofDimensions) (phase : UInt32) :
    (phaseLayout dims phase).log_heights.length = (phaseMatrices dims phase).length ∧
    (phaseLayout dims phase).widths.length = (phaseMatrices dims phase).length ∧
    (phaseLayout dims phase).tables.length = (phaseMatrices dims phase).length := by
  simp [phaseLayout]

theorem tableMatrices_length_le (phase : UInt32) :
    ∀ (t : Nat) (ds : List protocol.stark.TableDims), (tableMatrices phase t ds).length ≤ ds.length
  | _, [] => Nat.le_refl _
  | t, d :: ds => by
    have := tableMatrices_length_le phase (t + 1) ds
    unfold tableMatrices; split <;> simp <;> omega

/-- A phase has at most one matrix per table and two per distinct height. -/
theorem phaseMatrices_length_le (dims : protocol.stark.ProofDimensions) (phase : UInt32) :
    (phaseMatrices dims phase).length ≤ dims.tables.length + 2 * 2 ^ 32 := by
  have h1 := tableMatrices_length_le phase 0 dims.tables
  have h2 := distinctHeights_length_le (ldeHeights dims)
  unfold phaseMatrices zkMatrices distinctLdeHeights
  split
  · split <;> simp <;> omega
  · simp; omega

/-- The length of a phase's cap (0 when the phase has no matrix): the cap of the tallest
matrix's tree. -/
def phaseCapLen (dims : protocol.stark.ProofDimensions) (layout : protocol.stark.PhaseLayout) :
    Nat :=
  if layout.log_heights = [] then 0
  else capLen dims.log_cap_height.toNat (maxHeight (layout.log_heights.map UInt32.toNat))

/-- Whether some table has an auxiliary (LogUp) trace. -/
def hasAnyAux (dims : protocol.stark.ProofDimensions) : Bool :=
  dims.tables.any (·.has_aux)

/-! ## The proof's shape -/

/-- A table's out-of-domain openings have its widths: the main trace's at `zeta` and at the
next row, the auxiliary trace's likewise, and the quotient chunks'. -/
def tableOpeningsOk (o : protocol.proof.TableOpenings) (d : protocol.stark.TableDims) : Bool :=
  decide (o.main_local.length = d.width.toNat) && decide (o.main_next.length = d.width.toNat) &&
    decide (o.aux_local.length = d.aux_width.toNat) &&
    decide (o.aux_next.length = d.aux_width.toNat) &&
    decide (o.quotient.length = d.quotient_width.toNat)

/-- An extension element is zero: its four coordinates are. -/
def extIsZero (x : field.extension.Ext) : Bool := decide (x.take 4 = [0, 0, 0, 0])

/-- Every table's openings have its widths, and a table without an auxiliary trace claims
the LogUp sum zero. -/
def tablesOk : List protocol.proof.TableOpenings → List field.extension.Ext →
    List protocol.stark.TableDims → Bool
  | o :: os, s :: ss, d :: ds =>
    tableOpeningsOk o d && (d.has_aux || extIsZero s) && tablesOk os ss ds
  | _, _, _ => true

/-- The FRI commitments fold a domain of `2^logSize` points round by round by the given log
arities, and each round's commitment is the cap of the folded domain's tree. -/
def friCapsOk (logCap : Nat) : Nat → List UInt32 → List (List commit.hash.Digest) → Bool
  | logSize, k :: ks, c :: cs =>
    decide (k.toNat ≤ logSize) && decide (c.length = capLen logCap (logSize - k.toNat)) &&
      friCapsOk logCap (logSize - k.toNat) ks cs
  | _, _, _ => true

/-- **The proof has the shape the dimensions fix**: one claimed sum and one set of openings
per table, one FRI commitment per round, the final polynomial's length and the number of
queries; each table's openings of its widths, and the sum zero without auxiliary trace; the
three phase commitments and every FRI commitment are caps of their trees. -/
def proofShapeOk (proof : protocol.proof.Proof) (dims : protocol.stark.ProofDimensions)
    (params : protocol.params.StarkParams) : Bool :=
  decide (proof.claimed_sums.length = dims.tables.length) &&
    decide (proof.openings.length = dims.tables.length) &&
    decide (proof.fri_commitments.length = dims.fri_log_arities.length) &&
    decide (proof.final_poly.length = dims.final_poly_len.toNat) &&
    decide (proof.queries.length = params.num_queries.toNat) &&
    tablesOk proof.openings proof.claimed_sums dims.tables &&
    decide (proof.main_commitment.length = phaseCapLen dims (phaseLayout dims 0)) &&
    decide (proof.aux_commitment.length = phaseCapLen dims (phaseLayout dims 1)) &&
    decide (proof.quotient_commitment.length = phaseCapLen dims (phaseLayout dims 2)) &&
    friCapsOk dims.log_cap_height.toNat dims.log_max_lde.toNat dims.fri_log_arities
      proof.fri_commitments

/-- `check_proof_shape`: accept a proof of the right shape, reject any other. -/
def checkProofShape (proof : protocol.proof.Proof) (dims : protocol.stark.ProofDimensions)
    (params : protocol.params.StarkParams) : Except error.VerifyError Unit :=
  if proofShapeOk proof dims params then .ok () else .error .WrongProofShape

/-! ## One table's dimensions -/

/-- The table's shape as committed: with zero knowledge, its columns and the protocol's 2
blinding columns (`ZK_COLUMNS`), its fractions and the blinding fraction
(`logup::zk_shape`). -/
def committedShape (s : air.TableShape) (zk : Bool) : air.TableShape :=
  { s with width := s.width + (if zk then 2 else 0),
           num_fractions := s.num_fractions + (if zk then 1 else 0) }

/-- Whether a table has an auxiliary (LogUp) trace: it has fractions or fixed tables
(`logup::has_aux`). -/
def shapeHasAux (s : air.TableShape) : Bool :=
  decide (0 < s.num_fractions.toNat) || decide (0 < s.num_fixed_tables.toNat)

/-- The degree of a table's constraints with its LogUp constraints, which have degree 3
(`logup::constraint_degree`). -/
def constraintDegree (s : air.TableShape) : Nat :=
  if shapeHasAux s && decide (s.max_constraint_degree.toNat < 3) then 3
  else s.max_constraint_degree.toNat

/-- The least `q ≥ start` with `target ≤ 2^q`, searching at most `fuel` steps. -/
def logChunksFrom (target : Nat) : Nat → Nat → Nat
  | 0, q => q
  | fuel + 1, q => if 2 ^ q < target then logChunksFrom target fuel (q + 1) else q

/-- log2 of the number of quotient chunks for constraints of degree `d`: `⌈log2(d - 1)⌉`, the
least `q` with `d - 1 ≤ 2^q` (0 for `d ≤ 2`) (`air::log_quotient_chunks`). -/
def logQuotientChunks (d : Nat) : Nat := if 1 < d then logChunksFrom (d - 1) 32 0 else 0

/-- Auxiliary extension columns: one per fixed table, one per pair of fractions, and the
running sum (`logup::aux_ext_width`). -/
def shapeAuxExtWidth (s : air.TableShape) : Nat :=
  if shapeHasAux s then s.num_fixed_tables.toNat + (s.num_fractions.toNat + 1) / 2 + 1 else 0

/-- LogUp constraints: one per pair of fractions and 3 more (`logup::num_logup_constraints`). -/
def numLogupConstraints (s : air.TableShape) : Nat :=
  if shapeHasAux s then (s.num_fractions.toNat + 1) / 2 + 3 else 0

/-- **One table's dimensions** (`table_dimensions`), for validated parameters: reject a
constraint degree that needs more quotient chunks than the blowup allows (one chunk more with
zero knowledge), a height the parameters (`logTraceLenOk`) or the table's own bounds reject, a
table without columns, and counts beyond the machine word; otherwise the sizes of the table's
part of the proof, its DEEP terms starting at power `offset` of gamma. -/
def tableDims (p : protocol.params.StarkParams) (shape : air.TableShape) (logH : UInt32)
    (offset : Usize) : Except error.VerifyError protocol.stark.TableDims :=
  let s := committedShape shape p.zk
  let q := logQuotientChunks (constraintDegree s)
  let chunks := 2 ^ q + (if p.zk then 1 else 0)
  if p.log_blowup.toNat < q then .error .ConstraintDegreeTooHigh
  else if p.zk ∧ p.log_blowup.toNat < q + 1 then .error .ConstraintDegreeTooHigh
  else if !logTraceLenOk (Refinement.protocol.params.toSpec p) logH.toNat then
    .error .InvalidTraceLength
  else if logH.toNat < s.min_log_height.toNat ∨ s.max_log_height.toNat < logH.toNat then
    .error .InvalidTraceLength
  else if s.width.toNat = 0 then .error .WrongProofShape
  else if 2 ^ 64 ≤ shapeAuxExtWidth s * 4 then .error .ArithmeticOverflow
  else if 2 ^ 64 ≤ s.num_constraints.toNat + numLogupConstraints s then .error .ArithmeticOverflow
  else .ok
    { log_height := logH,
      log_lde := UInt32.ofNat (logH.toNat + p.log_blowup.toNat),
      width := s.width,
      has_aux := shapeHasAux s,
      aux_ext_width := UInt64.ofNat (shapeAuxExtWidth s),
      aux_width := UInt64.ofNat (shapeAuxExtWidth s * 4),
      num_constraints := UInt64.ofNat (s.num_constraints.toNat + numLogupConstraints s),
      log_quotient_chunks := UInt32.ofNat q,
      num_quotient_chunks := UInt64.ofNat chunks,
      quotient_width := UInt64.ofNat (4 * chunks),
      gamma_offset := offset }

theorem logChunksFrom_le (target : Nat) :
    ∀ fuel q, logChunksFrom target fuel q ≤ q + fuel
  | 0, q => Nat.le_refl _
  | fuel + 1, q => by
    unfold logChunksFrom
    split
    · have := logChunksFrom_le target fuel (q + 1)
      omega
    · omega

theorem logChunksFrom_spec (target : Nat) :
    ∀ fuel q, (∀ j < q, 2 ^ j < target) → target ≤ 2 ^ (q + fuel) →
      target ≤ 2 ^ logChunksFrom target fuel q ∧
        ∀ j < logChunksFrom target fuel q, 2 ^ j < target
  | 0, q, hlt, hle => ⟨by simpa using hle, hlt⟩
  | fuel + 1, q, hlt, hle => by
    unfold logChunksFrom
    split
    · rename_i hq
      exact logChunksFrom_spec target fuel (q + 1)
        (fun j hj => by
          rcases Nat.lt_or_ge j q with h | h
          · exact hlt j h
          · rw [show j = q by omega]; exact hq)
        (by rw [show q + 1 + fuel = q + (fuel + 1) by omega]; exact hle)
    · rename_i hq
      exact ⟨Nat.le_of_not_lt hq, hlt⟩

/-- **`logQuotientChunks d` is `⌈log2(d - 1)⌉`**: the least `q` with `d - 1 ≤ 2^q`, for a
degree `1 < d ≤ 2^32` (a `u32`). -/
theorem logQuotientChunks_spec (d : Nat) (h1 : 1 < d) (h2 : d ≤ 2 ^ 32) :
    d - 1 ≤ 2 ^ logQuotientChunks d ∧ ∀ j < logQuotientChunks d, 2 ^ j < d - 1 := by
  unfold logQuotientChunks
  rw [if_pos h1]
  exact logChunksFrom_spec (d - 1) 32 0 (fun j hj => absurd hj (Nat.not_lt_zero _))
    (by simp; omega)

/-- At most 32 quotient chunks' logarithm (degrees are `u32`). -/
theorem logQuotientChunks_le (d : Nat) : logQuotientChunks d ≤ 32 := by
  unfold logQuotientChunks
  split
  · have := logChunksFrom_le (d - 1) 32 0; omega
  · omega

/-- **A table's LDE domain is small**: validated parameters and an accepted height give
`log_lde = log_height + log_blowup ≤ 27`. -/
theorem tableDims_log_lde (p : protocol.params.StarkParams) (shape : air.TableShape)
    (logH : UInt32) (offset : Usize) (d : protocol.stark.TableDims)
    (h : tableDims p shape logH offset = .ok d) :
    d.log_lde.toNat = logH.toNat + p.log_blowup.toNat ∧ logH.toNat + p.log_blowup.toNat ≤ 27 := by
  unfold tableDims at h
  simp only at h
  split at h; · cases h
  split at h; · cases h
  split at h; · cases h
  rename_i _ _ hok
  have hok' : logTraceLenOk (Refinement.protocol.params.toSpec p) logH.toNat = true := by
    simpa using hok
  have h27 : logH.toNat + p.log_blowup.toNat ≤ 27 := by
    unfold logTraceLenOk at hok'
    simp only [Refinement.protocol.params.toSpec, Bool.and_eq_true, decide_eq_true_eq] at hok'
    exact hok'.2
  split at h; · cases h
  split at h; · cases h
  split at h; · cases h
  split at h; · cases h
  cases h
  refine ⟨?_, h27⟩
  show (UInt32.ofNat (logH.toNat + p.log_blowup.toNat)).toNat = _
  rw [UInt32.toNat_ofNat_of_lt' (Nat.lt_of_le_of_lt h27 (by decide))]

/-! ## All tables' dimensions -/

/-- The number of powers of gamma a table's DEEP terms use: two per main column and per
auxiliary column (at `zeta` and at the next row), one per quotient column. -/
def gammaPowers (d : protocol.stark.TableDims) : Nat :=
  2 * d.width.toNat + 2 * d.aux_width.toNat + d.quotient_width.toNat

/-- The tables' dimensions in table order, from gamma offset `off` on: each table's DEEP terms
start where the previous table's end; an offset beyond the machine word is rejected. Returns
the dimensions and the offset after the last table. -/
def tablesDims (p : protocol.params.StarkParams) :
    Usize → List air.TableShape → List UInt32 →
      Except error.VerifyError (List protocol.stark.TableDims × Usize)
  | off, s :: ss, h :: hs =>
    match tableDims p s h off with
    | .error e => .error e
    | .ok d =>
      if 2 ^ 64 ≤ off.toNat + gammaPowers d then .error .ArithmeticOverflow
      else
        match tablesDims p (UInt64.ofNat (off.toNat + gammaPowers d)) ss hs with
        | .error e => .error e
        | .ok (ds, o) => .ok (d :: ds, o)
  | off, _, _ => .ok ([], off)

/-- **The proof's dimensions** (`proof_dimensions`): reject invalid parameters, a number of
tables that is 0, above `MAX_TABLES` = 64 or not the number of claimed heights; then every
table's dimensions (`tablesDims`); with zero knowledge one more power of gamma per distinct
LDE height (the masking polynomials, from `mask_gamma_offset`); every table's LDE domain must
reach the cap height of the tallest tree. FRI starts on the tallest LDE domain
(`log_max_lde`) and folds by the schedule `friArities` down to `finalPolyLen`. -/
def proofDims (p : protocol.params.StarkParams) (shapes : List air.TableShape)
    (logHs : List UInt32) : Except error.VerifyError protocol.stark.ProofDimensions :=
  if ¬ (Refinement.protocol.params.toSpec p).Valid then .error .InvalidParameters
  else if shapes = [] ∨ shapes.length ≠ logHs.length ∨ 64 < shapes.length then
    .error .WrongProofShape
  else
    match tablesDims p 0 shapes logHs with
    | .error e => .error e
    | .ok (tables, off) =>
      let lde := tables.map (·.log_lde)
      let total := off.toNat + (if p.zk then (distinctHeights lde).length else 0)
      let logMax := maxHeight (lde.map UInt32.toNat)
      if 2 ^ 64 ≤ total then .error .ArithmeticOverflow
      else if tables.any (fun d => decide (d.log_lde.toNat < capHeight logMax p.log_cap_height.toNat))
      then .error .InvalidTraceLength
      else .ok
        { tables := tables,
          log_max_lde := UInt32.ofNat logMax,
          fri_log_arities := (friArities (Refinement.protocol.params.toSpec p)
            (lde.map UInt32.toNat)).map UInt32.ofNat,
          final_poly_len := UInt64.ofNat (finalPolyLen (Refinement.protocol.params.toSpec p)
            (lde.map UInt32.toNat)),
          log_cap_height := p.log_cap_height,
          num_gamma_powers := UInt64.ofNat total,
          mask_gamma_offset := off,
          zk := p.zk }

theorem maxFold_le (B : Nat) :
    ∀ (l : List Nat) (a : Nat), a ≤ B → (∀ x ∈ l, x ≤ B) → l.foldl max a ≤ B
  | [], _, ha, _ => ha
  | y :: l, a, ha, hl => by
    rw [List.foldl_cons]
    exact maxFold_le B l _ (by have := hl y List.mem_cons_self; omega)
      (fun x hx => hl x (List.mem_cons_of_mem _ hx))

theorem le_maxFold : ∀ (l : List Nat) (a : Nat), a ≤ l.foldl max a ∧ ∀ x ∈ l, x ≤ l.foldl max a
  | [], a => ⟨Nat.le_refl _, fun x hx => by simp at hx⟩
  | y :: l, a => by
    rw [List.foldl_cons]
    obtain ⟨h1, h2⟩ := le_maxFold l (max a y)
    refine ⟨by omega, fun x hx => ?_⟩
    rcases List.mem_cons.mp hx with rfl | hx
    · omega
    · exact h2 x hx

theorem tablesDims_cons_ok (p : protocol.params.StarkParams) (off : Usize) (s : air.TableShape)
    (ss : List air.TableShape) (h : UInt32) (hs : List UInt32) (d : protocol.stark.TableDims)
    (hd : tableDims p s h off = .ok d) :
    tablesDims p off (s :: ss) (h :: hs) =
      if 2 ^ 64 ≤ off.toNat + gammaPowers d then .error .ArithmeticOverflow
      else
        match tablesDims p (UInt64.ofNat (off.toNat + gammaPowers d)) ss hs with
        | .error e => .error e
        | .ok (ds, o) => .ok (d :: ds, o) := by
  rw [tablesDims, hd]

theorem tablesDims_cons_error (p : protocol.params.StarkParams) (off : Usize)
    (s : air.TableShape) (ss : List air.TableShape) (h : UInt32) (hs : List UInt32)
    (e : error.VerifyError) (hd : tableDims p s h off = .error e) :
    tablesDims p off (s :: ss) (h :: hs) = .error e := by
  rw [tablesDims, hd]

/-- What `tablesDims` accepts: one table per shape, each accepted by `tableDims` (so with an
LDE domain of at most `2^27` points). -/
theorem tablesDims_ok (p : protocol.params.StarkParams) :
    ∀ (off : Usize) (ss : List air.TableShape) (hs : List UInt32)
      (tables : List protocol.stark.TableDims) (o : Usize),
      tablesDims p off ss hs = .ok (tables, o) →
        tables.length ≤ ss.length ∧ ∀ d ∈ tables, d.log_lde.toNat ≤ 27
  | off, s :: ss, h :: hs, tables, o, hd => by
    cases hd1 : tableDims p s h off with
    | error e => rw [tablesDims_cons_error p off s ss h hs e hd1] at hd; cases hd
    | ok d =>
      rw [tablesDims_cons_ok p off s ss h hs d hd1] at hd
      by_cases hov : 2 ^ 64 ≤ off.toNat + gammaPowers d
      · rw [if_pos hov] at hd; cases hd
      rw [if_neg hov] at hd
      cases hr : tablesDims p (UInt64.ofNat (off.toNat + gammaPowers d)) ss hs with
      | error e => rw [hr] at hd; cases hd
      | ok r =>
        obtain ⟨ds, o2⟩ := r
        rw [hr] at hd
        cases hd
        obtain ⟨ih1, ih2⟩ := tablesDims_ok p _ ss hs ds _ hr
        refine ⟨by simp only [List.length_cons]; omega, fun x hx => ?_⟩
        rcases List.mem_cons.mp hx with rfl | hx
        · have := tableDims_log_lde p s h off x hd1; omega
        · exact ih2 x hx
  | off, [], hs, tables, o, hd => by
    cases hs <;> (unfold tablesDims at hd; cases hd; simp)
  | off, _ :: _, [], tables, o, hd => by
    unfold tablesDims at hd; cases hd; simp

/-- What `proofDims` returns: the tables of `tablesDims`, FRI on the tallest of them. -/
theorem proofDims_ok (p : protocol.params.StarkParams) (shapes : List air.TableShape)
    (logHs : List UInt32) (dims : protocol.stark.ProofDimensions)
    (h : proofDims p shapes logHs = .ok dims) :
    ∃ off, tablesDims p 0 shapes logHs = .ok (dims.tables, off) ∧ shapes.length ≤ 64 ∧
      dims.log_max_lde =
        UInt32.ofNat (maxHeight (List.map UInt32.toNat (List.map (fun x => x.log_lde) dims.tables))) ∧
      dims.fri_log_arities = (friArities (Refinement.protocol.params.toSpec p)
        (List.map UInt32.toNat (List.map (fun x => x.log_lde) dims.tables))).map UInt32.ofNat := by
  unfold proofDims at h
  by_cases h1 : ¬ (Refinement.protocol.params.toSpec p).Valid
  · rw [if_pos h1] at h; cases h
  rw [if_neg h1] at h
  by_cases h2 : shapes = [] ∨ shapes.length ≠ logHs.length ∨ 64 < shapes.length
  · rw [if_pos h2] at h; cases h
  rw [if_neg h2] at h
  cases htd : tablesDims p 0 shapes logHs with
  | error e => rw [htd] at h; cases h
  | ok r =>
    obtain ⟨tables, off⟩ := r
    rw [htd] at h
    by_cases h3 : 2 ^ 64 ≤ off.toNat +
        (if p.zk then (distinctHeights (tables.map (·.log_lde))).length else 0)
    · simp only [h3, if_true] at h <;> cases h
    by_cases h4 : tables.any (fun d => decide (d.log_lde.toNat < capHeight
        (maxHeight (List.map UInt32.toNat (List.map (fun x => x.log_lde) tables)))
        p.log_cap_height.toNat)) = true
    · simp only [h3, h4, if_true, if_false] at h <;> cases h
    simp only [h3, h4, if_false] at h
    cases h
    exact ⟨off, rfl, by omega, rfl, rfl⟩

/-- **The LDE domains are small**: in the dimensions `proofDims` accepts, every table's LDE
height is at most `log_max_lde`, which is at most 27 (so below 64); there are at most
`MAX_TABLES` = 64 tables. -/
theorem proofDims_log_lde (p : protocol.params.StarkParams) (shapes : List air.TableShape)
    (logHs : List UInt32) (dims : protocol.stark.ProofDimensions)
    (h : proofDims p shapes logHs = .ok dims) :
    dims.log_max_lde.toNat ≤ 27 ∧ (∀ d ∈ dims.tables, d.log_lde.toNat ≤ dims.log_max_lde.toNat) ∧
      dims.tables.length ≤ 64 := by
  obtain ⟨off, htd, h64, hmax, -⟩ := proofDims_ok p shapes logHs dims h
  obtain ⟨hlen, hsmall⟩ := tablesDims_ok p 0 shapes logHs dims.tables off htd
  have hle : maxHeight (List.map UInt32.toNat (List.map (fun x => x.log_lde) dims.tables)) ≤ 27 :=
    maxFold_le 27 _ 0 (by omega) (fun x hx => by
      simp only [List.map_map, List.mem_map, Function.comp_apply] at hx
      obtain ⟨d, hd, rfl⟩ := hx
      exact hsmall d hd)
  have hofn : dims.log_max_lde.toNat =
      maxHeight (List.map UInt32.toNat (List.map (fun x => x.log_lde) dims.tables)) := by
    rw [hmax]; exact UInt32.toNat_ofNat_of_lt' (Nat.lt_of_le_of_lt hle (by decide))
  refine ⟨by rw [hofn]; exact hle, fun d hd => ?_, by omega⟩
  rw [hofn]
  exact (le_maxFold _ 0).2 _ (by
    simp only [List.map_map, List.mem_map, Function.comp_apply]; exact ⟨d, hd, rfl⟩)

/-- The hypothesis `log_max_lde < 64` of the phase openings (`Stark.PhaseOpening`). -/
theorem proofDims_log_max_lde_lt (p : protocol.params.StarkParams)
    (shapes : List air.TableShape) (logHs : List UInt32) (dims : protocol.stark.ProofDimensions)
    (h : proofDims p shapes logHs = .ok dims) : dims.log_max_lde.toNat < 64 := by
  have := (proofDims_log_lde p shapes logHs dims h).1; omega

end Zkvm.Spec
