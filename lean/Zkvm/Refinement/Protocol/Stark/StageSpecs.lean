module

public import Zkvm.Spec.Stages
public import Zkvm.Refinement.Protocol.Stark.FixedTableKey
public import Zkvm.Refinement.Protocol.Stark.StageTotality
public import Zkvm.Refinement.Protocol.Stark.Bus
public import Zkvm.Refinement.Protocol.Stark.VerifySegmentsTotal
public import Zkvm.Refinement.Protocol.Stark.PhaseRowWidth
public import Zkvm.Refinement.Protocol.FixedTables
public import Zkvm.Refinement.Protocol.LogupColumns
public import Zkvm.Refinement.Protocol.Stark.AllConstraints

/-!
# Stages of `verify_segments` compute their specs (`Spec/Stages.lean`)

* `tables_iff`, `num_segment_values_iff`, `table_shapes_iff`: the machine's constants
  `air::tables`, `air::num_segment_values` and `stark::table_shapes` are `machineTables`,
  `numSegmentValues` and `machineShapes` (`table_shape_at`: each table's `air::table_shape`, by a
  small kernel evaluation; `table_shapes_eq`: the loop collecting them);
* `num_public_values_eq`, `check_statement_spec`: `air::num_public_values` is
  `numPublicValues` (15), and `check_statement` on the image of a spec statement (public values
  as canonical `u32`s) is `checkStatement`'s case analysis for any expected count;
  `check_statement_at` is the call in `verify_segments`:
  `check_statement img (num_public_values) = .ok (.ok ()) ↔ checkStatement st = .ok ()`;
* `check_global_fractions_spec`: `check_global_fractions` on the image of a spec statement is
  `checkGlobalFractions` (dimensions with heights below `2^64` and at least one table in some
  segment: with none, the extracted loop never compares its count with p);
  `check_global_fractions_at` is the call in `verify_segments` (dimensions that `proofDims`
  accepted on the machine's shapes, one or more segments);
* `all_fixed_tables_iff`: `all_fixed_tables` on the machine's shapes accepts exactly
  `fixedTablesOk` (`keyFixedTable_iff`: the key's fixed table, spec rows for a key meeting
  `FixedSpecFits`, is `air::fixed_tables`; `check_fixed_table_sizes_one`: one table's size check is `fixedTableFits`;
  `checked_fixed_tables_11_iff`: the fixed table's check; `loop_ok_inv`: partial correctness of
  a loop, for the direction from an accepting run);
* `check_fixed_at_zeta_eq`: `check_fixed_at_zeta` on the machine's shapes returns
  `checkFixedAtZeta` (openings the images of typed ones, the fixed tables `fixedTablesOk` gives,
  the fixed table's height at most `2^27`, its auxiliary opening `4 k` wide with `k ≥ 1`, the
  key's fixed table's lists shorter than `2^64` with canonical entries), from
  `check_fixed_tables_one_eq` (one table's check is `fixedTableAtZeta`: ζ on the subgroup's first
  rows is `DegenerateChallenge`, `fixed_tables_at_degenerate`; otherwise
  `check_fixed_tables_spec`), `ext_columns_from_base_spec`, `fixed_fps_of_row_spec`
  (`chunks_take_one`: the fixed column is the first auxiliary extension column) and
  `toFixed_fixedRowsOf` (a canonical table is the image of its field rows).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field
open Zkvm.Refinement.field (toU32 toU32_toNat)

/-! ## The machine's constants -/

/-- **`air::tables` is `machineTables`.** -/
theorem tables_iff (a : air.AirId) (ids : List air.TableId) :
    air.tables a = .ok ids ↔ ids = Zkvm.Spec.machineTables := by
  cases a
  exact ⟨fun h => (ok_inj.mp h).symm, fun h => by rw [h]; rfl⟩

/-- **`air::num_segment_values` is `numSegmentValues`** (2). -/
theorem num_segment_values_iff (a : air.AirId) (nv : Usize) :
    air.num_segment_values a = .ok nv ↔ nv.toNat = Zkvm.Spec.numSegmentValues := by
  cases a
  constructor
  · intro h; rw [← ok_inj.mp h]; rfl
  · intro h
    have : nv = 2 := UInt64.toNat_inj.mp h
    rw [this]; rfl

/-- **Each of the machine's tables has its shape in `machineShapes`** (`air::table_shape`; one
small kernel evaluation per table). -/
theorem table_shape_at (i : Nat) (h1 : i < Zkvm.Spec.machineTables.length)
    (h2 : i < Zkvm.Spec.machineShapes.length) :
    air.table_shape Zkvm.Spec.machineTables[i] = .ok Zkvm.Spec.machineShapes[i] := by
  have : i < 12 := h1
  obtain rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl :
      i = 0 ∨ i = 1 ∨ i = 2 ∨ i = 3 ∨ i = 4 ∨ i = 5 ∨ i = 6 ∨ i = 7 ∨ i = 8 ∨ i = 9 ∨
        i = 10 ∨ i = 11 := by omega
  all_goals decide +kernel +revert

/-- **`table_shapes` is `machineShapes`**: the loop over `air::tables` collects each table's
shape (`table_shape_at`). -/
theorem table_shapes_eq (a : air.AirId) :
    protocol.stark.table_shapes a = .ok Zkvm.Spec.machineShapes := by
  unfold protocol.stark.table_shapes
  rw [(tables_iff a _).mpr rfl, ok_bind]
  have hlen : (Slice.len Zkvm.Spec.machineTables).toNat = 12 := Slice.len_toNat _ (by decide)
  have hsl : Zkvm.Spec.machineShapes.length = 12 := rfl
  apply loop_bind_ok _ _ _ _
    (P := fun (s : List air.TableShape × Usize) => s.2.toNat ≤ 12 ∧
      s.1 = Zkvm.Spec.machineShapes.take s.2.toNat)
    (Q := fun (s : List air.TableShape × Usize) => s.1 = Zkvm.Spec.machineShapes)
  · intro ⟨sh, t⟩ ⟨ht, hsh⟩
    dsimp only at ht hsh ⊢
    by_cases hc : t < Slice.len Zkvm.Spec.machineTables
    · obtain ⟨hlt, hsucc, e⟩ := lt_len_succ _ t hc
      have hlt' : t.toNat < Zkvm.Spec.machineShapes.length := by rw [hsl]; exact hlt
      left
      rw [if_pos hc, Slice.index_eq _ t hlt, ok_bind, table_shape_at _ hlt hlt', ok_bind,
        hsucc, ok_bind]
      refine ⟨_, rfl, ?_, ?_, ?_⟩
      · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
        have := UInt64.toNat_lt t
        rw [e]; omega
      · dsimp only; rw [e]; exact hlt
      · dsimp only
        rw [e, hsh, Slice.push, List.take_add_one, List.getElem?_eq_getElem hlt']
        rfl
    · right
      rw [if_neg hc]
      refine ⟨_, rfl, ?_⟩
      have : t.toNat = 12 := by
        have : ¬ t.toNat < 12 := fun h => hc (by rw [UInt64.lt_iff_toNat_lt, hlen]; exact h)
        omega
      dsimp only
      rw [hsh, this, ← hsl, List.take_length]
  · exact ⟨by simp, by simp [Slice.withCapacity]⟩
  · intro ⟨sh, t⟩ h
    dsimp only at h ⊢
    rw [h]; rfl

/-- **`table_shapes` gives `machineShapes`.** -/
theorem table_shapes_iff (a : air.AirId) (shapes : List air.TableShape) :
    protocol.stark.table_shapes a = .ok shapes ↔ shapes = Zkvm.Spec.machineShapes := by
  rw [table_shapes_eq]
  exact ⟨fun h => (ok_inj.mp h).symm, fun h => by rw [h]⟩

/-! ## The statement -/

/-- **`air::num_public_values` is `numPublicValues`** (15). -/
theorem num_public_values_eq (a : air.AirId) :
    air.num_public_values a = .ok (UInt64.ofNat Zkvm.Spec.numPublicValues) := by
  cases a; rfl

/-- **`check_statement` is the statement's shape check**, on the image of a spec statement
(its public values canonical `u32`s) and any expected count `n`: a count other than `n` is
`WrongPublicValueCount`, more than `maxIoBytes` bytes of input or output `LengthTooLarge`. -/
theorem check_statement_spec (stS : Zkvm.Spec.Statement) (n : Usize)
    (hpv : stS.publicValues.length < 2 ^ 64) (hin : stS.input.length < 2 ^ 64)
    (hout : stS.output.length < 2 ^ 64) :
    protocol.statement.check_statement ⟨stS.publicValues.map toU32, stS.input, stS.output⟩ n =
      .ok (if stS.publicValues.length ≠ n.toNat then .error .WrongPublicValueCount
        else if Zkvm.Spec.maxIoBytes < stS.input.length ∨
            Zkvm.Spec.maxIoBytes < stS.output.length then .error .LengthTooLarge
        else .ok ()) := by
  have hl : (Slice.len (stS.publicValues.map toU32)).toNat = stS.publicValues.length := by
    rw [Slice.len_toNat _ (by simpa using hpv)]; simp
  unfold protocol.statement.check_statement
  dsimp only
  by_cases hn : stS.publicValues.length ≠ n.toNat
  · rw [if_pos (fun h => hn (by rw [← hl, h])), if_pos hn]; rfl
  have hn' : ¬ (Slice.len (stS.publicValues.map toU32) ≠ n) := by
    intro h; apply h; apply UInt64.toNat_inj.mp; rw [hl]; omega
  rw [if_neg hn', if_neg hn]
  apply loop_bind_ok _ _ _ _ (P := fun i => True)
    (Q := fun (r : Exit Usize (Except error.VerifyError Unit)) => ∃ x, r = .brk x)
  · intro i _
    dsimp only
    split
    · rename_i hc
      obtain ⟨hlt, hsucc, e⟩ := lt_len_succ _ i hc
      left
      rw [Slice.index_eq _ i hlt, ok_bind]
      unfold field.is_canonical
      have hcan : (stS.publicValues.map toU32)[i.toNat] < field.P := by
        rw [List.getElem_map, UInt32.lt_iff_toNat_lt, toU32_toNat]
        exact (stS.publicValues[i.toNat]'(by simpa using hlt)).lt
      simp only [pure_ok, ok_bind, decide_eq_true hcan, Bool.not_true]
      rw [if_neg (by simp), hsucc, ok_bind]
      refine ⟨_, rfl, ?_, trivial⟩
      have := UInt64.toNat_lt i
      omega
    · right; exact ⟨_, rfl, _, rfl⟩
  · trivial
  · rintro r ⟨x, rfl⟩
    dsimp only
    have hm : protocol.statement.MAX_IO_BYTES.toNat = Zkvm.Spec.maxIoBytes := rfl
    have h1 := Slice.len_toNat _ hin
    have h2 := Slice.len_toNat _ hout
    by_cases hc : Zkvm.Spec.maxIoBytes < stS.input.length ∨
        Zkvm.Spec.maxIoBytes < stS.output.length
    · rw [if_pos hc, if_pos]; · rfl
      simp only [Bool.or_eq_true, decide_eq_true_eq, gt_iff_lt, UInt64.lt_iff_toNat_lt]
      omega
    · rw [if_neg hc, if_neg]; · rfl
      simp only [Bool.or_eq_true, decide_eq_true_eq, gt_iff_lt, UInt64.lt_iff_toNat_lt]
      omega

/-- **The statement stage at `verify_segments`' call**: with the machine's public-value count,
`check_statement` accepts the image of a spec statement exactly when `checkStatement` does. -/
theorem check_statement_at (a : air.AirId) (stS : Zkvm.Spec.Statement)
    (hpv : stS.publicValues.length < 2 ^ 64) (hin : stS.input.length < 2 ^ 64)
    (hout : stS.output.length < 2 ^ 64) :
    (∃ npv, air.num_public_values a = .ok npv ∧
      protocol.statement.check_statement ⟨stS.publicValues.map toU32, stS.input, stS.output⟩
        npv = .ok (.ok ())) ↔
    Zkvm.Spec.checkStatement stS = .ok () := by
  have e : (UInt64.ofNat Zkvm.Spec.numPublicValues).toNat = Zkvm.Spec.numPublicValues := rfl
  constructor
  · rintro ⟨npv, h1, h2⟩
    rw [num_public_values_eq] at h1
    cases ok_inj.mp h1
    rw [check_statement_spec stS _ hpv hin hout, e] at h2
    exact ok_inj.mp h2
  · intro h
    refine ⟨_, num_public_values_eq a, ?_⟩
    rw [check_statement_spec stS _ hpv hin hout, e]
    exact congrArg Outcome.ok h

/-! ## The global fractions -/

theorem nat_sum_append (a b : List Nat) : (a ++ b).sum = a.sum + b.sum := by
  induction a with
  | nil => simp
  | cons x xs ih => simp only [List.cons_append, List.sum_cons, ih]; omega

/-- A prefix sum grows by the next element. -/
theorem sum_take_succ (l : List Nat) (i : Nat) (h : i < l.length) :
    (l.take (i + 1)).sum = (l.take i).sum + l[i] := by
  rw [List.take_add_one, nat_sum_append, List.getElem?_eq_getElem h]; simp

/-- A prefix sum is at most the sum. -/
theorem sum_take_le (l : List Nat) (i : Nat) : (l.take i).sum ≤ l.sum := by
  conv => rhs; rw [← List.take_append_drop i l]
  rw [nat_sum_append]; omega

/-- `1 << (h & 63)` is `2^h` for `h < 64`. -/
theorem shl_and63 (h : UInt32) (hh : h.toNat < 64) :
    ((1 : UInt64) <<< UInt64.ofNat (h &&& 63).toNat).toNat = 2 ^ h.toNat := by
  have h1 : (h &&& 63).toNat = h.toNat := by
    rw [UInt32.toNat_and, show (63 : UInt32).toNat = 2 ^ 6 - 1 from rfl,
      Nat.and_two_pow_sub_one_of_lt_two_pow (by omega)]
  rw [h1, UInt64.toNat_shiftLeft]
  simp only [Nat.shiftLeft_eq, Nat.one_mul, UInt64.toNat_one]
  rw [UInt64.toNat_ofNat_of_lt' (Nat.lt_of_lt_of_le (by omega : _ < 64) (by decide)),
    Nat.mod_eq_of_lt hh]
  exact Nat.mod_eq_of_lt (Nat.lt_of_lt_of_le (Nat.pow_lt_pow_right (by decide) hh) (by decide))

/-- A segment's global fractions, table by table. -/
def gfList (shapes : List air.TableShape) (d : protocol.stark.ProofDimensions) : List Nat :=
  List.zipWith Zkvm.Spec.tableGlobalFractions shapes d.tables

-- `step_of_ex` (an iteration step from a result known to satisfy the step's disjunction):
-- `VerifySegmentsStages.lean`.

set_option maxHeartbeats 4000000 in
/-- **`check_global_fractions` is `checkGlobalFractions`**, on the image of a spec statement
(input and output shorter than p), for dimensions whose heights are below `2^64` and with at
least one table in some segment (so that the count is checked at all): it refuses the
statement where `boundaryMessages` does, and otherwise accepts exactly when the boundary
messages and all segments' global fractions are fewer than p. -/
theorem check_global_fractions_spec (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement)
    (shapes : List air.TableShape) (dims : List protocol.stark.ProofDimensions)
    (hpv : stS.publicValues.length < 2 ^ 64) (hin : stS.input.length < 2013265921)
    (hout : stS.output.length < 2013265921) (hsl : shapes.length < 2 ^ 64)
    (hdl : dims.length < 2 ^ 64) (htl : ∀ d ∈ dims, d.tables.length < 2 ^ 64)
    (hlh : ∀ d ∈ dims, ∀ td ∈ d.tables, td.log_height.toNat < 64)
    (hterm : ∃ d ∈ dims, shapes ≠ [] ∧ d.tables ≠ []) :
    protocol.stark.check_global_fractions vk ⟨stS.publicValues.map toU32, stS.input, stS.output⟩
        shapes dims = .ok (Zkvm.Spec.checkGlobalFractions stS shapes dims) := by
  unfold protocol.stark.check_global_fractions Zkvm.Spec.checkGlobalFractions
  rw [air_boundary_messages_spec vk stS.publicValues stS.input stS.output hpv (by omega)
    (by omega), ok_bind]
  cases hbm : Zkvm.Spec.Statement.boundaryMessages stS.publicValues stS.input stS.output with
  | error e => simp only [Zkvm.Refinement.air.rv32im.statement.toBoundary, pure_ok]
  | ok p =>
  obtain ⟨sends, receives⟩ := p
  simp only [Zkvm.Refinement.air.rv32im.statement.toBoundary, pure_ok, ok_bind]
  have hsr : sends = Zkvm.Spec.Statement.sends stS.publicValues stS.input ∧
      receives = Zkvm.Spec.Statement.receives stS.publicValues stS.output := by
    unfold Zkvm.Spec.Statement.boundaryMessages at hbm
    split at hbm
    · cases hbm
    split at hbm
    · cases hbm
    cases hbm; exact ⟨rfl, rfl⟩
  have hPn : Zkvm.Field.P = 2013265921 := rfl
  have hsl1 : sends.length < 2 ^ 40 := by
    rw [hsr.1]
    have := (stS.publicValues.getD Zkvm.Spec.Statement.pvInputConsumed 0).lt
    simp only [Zkvm.Spec.Statement.sends, List.length_append, List.length_cons, List.length_nil,
      List.length_map, List.length_range]
    omega
  have hrl1 : receives.length < 2 ^ 40 := by
    rw [hsr.2]
    simp only [Zkvm.Spec.Statement.receives, List.length_append, List.length_cons,
      List.length_nil, List.length_map, List.length_range]
    omega
  have hls := Slice.len_toNat sends (by omega)
  have hlr := Slice.len_toNat receives (by omega)
  rw [U64.add_eq _ _ (by omega), ok_bind]
  have hbase : (Slice.len sends + Slice.len receives).toNat = sends.length + receives.length := by
    rw [UInt64.toNat_add, hls, hlr]; omega
  have hdl' := Slice.len_toNat dims hdl
  have hsl' := Slice.len_toNat shapes hsl
  have hPu : (field.P.toUInt64).toNat = Zkvm.Field.P := rfl
  have hfs : ∀ d, Zkvm.Spec.segmentGlobalFractions shapes d = (gfList shapes d).sum :=
    fun _ => rfl
  apply loop_bind_ok _ _ _ _
    (P := fun (st : UInt64 × Usize) => st.2.toNat ≤ dims.length ∧
      st.1.toNat = sends.length + receives.length +
        ((dims.map (Zkvm.Spec.segmentGlobalFractions shapes)).take st.2.toNat).sum ∧
      (st.1.toNat < Zkvm.Field.P ∨ ∀ d ∈ dims.take st.2.toNat, gfList shapes d = []))
    (Q := fun (r : Exit (UInt64 × Usize) (Except error.VerifyError Unit)) => match r with
      | .ret x => x = .error .TooManyGlobalFractions ∧ Zkvm.Field.P ≤
          sends.length + receives.length + (dims.map (Zkvm.Spec.segmentGlobalFractions shapes)).sum
      | .brk _ => sends.length + receives.length +
          (dims.map (Zkvm.Spec.segmentGlobalFractions shapes)).sum < Zkvm.Field.P ∨
          ∀ d ∈ dims, gfList shapes d = [])
  · intro ⟨total, S⟩ ⟨hS, htot, hflag⟩
    dsimp only at hS htot hflag ⊢
    by_cases hc : S < Slice.len dims
    · obtain ⟨hlt, hsuccS, eS⟩ := lt_len_succ dims S hc
      rw [if_pos hc]
      have hdS : dims[S.toNat] ∈ dims := List.getElem_mem hlt
      have htl' := Slice.len_toNat _ (htl _ hdS)
      have hgl : (gfList shapes dims[S.toNat]).length =
          min shapes.length dims[S.toNat].tables.length := by
        simp [gfList]
      have hpre : ((dims.map (Zkvm.Spec.segmentGlobalFractions shapes)).take (S.toNat + 1)).sum =
          ((dims.map (Zkvm.Spec.segmentGlobalFractions shapes)).take S.toNat).sum +
            (gfList shapes dims[S.toNat]).sum := by
        rw [sum_take_succ _ _ (by simpa using hlt), List.getElem_map, hfs]
      have hpreT := sum_take_le (dims.map (Zkvm.Spec.segmentGlobalFractions shapes)) (S.toNat + 1)
      apply step_of_ex
      refine loop_bind_ex _ _ _ _ _
        (P := fun (st : UInt64 × Usize) => st.2.toNat ≤ (gfList shapes dims[S.toNat]).length ∧
          st.1.toNat = sends.length + receives.length +
            ((dims.map (Zkvm.Spec.segmentGlobalFractions shapes)).take S.toNat).sum +
            ((gfList shapes dims[S.toNat]).take st.2.toNat).sum ∧
          (st.1.toNat < Zkvm.Field.P ∨
            (st.2.toNat = 0 ∧ ∀ d ∈ dims.take S.toNat, gfList shapes d = [])))
        (Q := fun (r : Exit (UInt64 × Usize) (Except error.VerifyError Unit)) => match r with
          | .ret x => x = .error .TooManyGlobalFractions ∧ Zkvm.Field.P ≤
              sends.length + receives.length +
                ((dims.map (Zkvm.Spec.segmentGlobalFractions shapes)).take S.toNat).sum +
                (gfList shapes dims[S.toNat]).sum
          | .brk st => st.1.toNat = sends.length + receives.length +
                ((dims.map (Zkvm.Spec.segmentGlobalFractions shapes)).take S.toNat).sum +
                (gfList shapes dims[S.toNat]).sum ∧
              (st.1.toNat < Zkvm.Field.P ∨
                (gfList shapes dims[S.toNat] = [] ∧ ∀ d ∈ dims.take S.toNat, gfList shapes d = [])))
        ?_ ?_ ?_
      · intro ⟨tot, t⟩ ⟨ht, htot', hfl'⟩
        dsimp only at ht htot' hfl' ⊢
        have hend : t.toNat = (gfList shapes dims[S.toNat]).length →
            tot.toNat = sends.length + receives.length +
              ((dims.map (Zkvm.Spec.segmentGlobalFractions shapes)).take S.toNat).sum +
              (gfList shapes dims[S.toNat]).sum ∧
            (tot.toNat < Zkvm.Field.P ∨
              (gfList shapes dims[S.toNat] = [] ∧ ∀ d ∈ dims.take S.toNat, gfList shapes d = [])) := by
          intro e
          refine ⟨by rw [htot', e, List.take_length], ?_⟩
          rcases hfl' with h | ⟨h0, h⟩
          · left; exact h
          · right; exact ⟨List.eq_nil_of_length_eq_zero (by omega), h⟩
        by_cases hts : t < Slice.len shapes
        · rw [if_pos hts, Slice.index_eq dims S hlt, ok_bind]
          obtain ⟨ht1, hsuccT, eT⟩ := lt_len_succ shapes t hts
          by_cases htd : t < Slice.len dims[S.toNat].tables
          · obtain ⟨ht2, -, -⟩ := lt_len_succ _ t htd
            rw [if_pos (decide_eq_true htd), ok_bind,
              Slice.index_eq _ t ht2, ok_bind, U64.shl_eq _ _ (and63_lt _), ok_bind,
              Slice.index_eq shapes t ht1, ok_bind]
            have hrows := shl_and63 _ (hlh _ hdS _ (List.getElem_mem ht2))
            have htl2 : t.toNat < (gfList shapes dims[S.toNat]).length := by rw [hgl]; omega
            have hterm' : (gfList shapes dims[S.toNat])[t.toNat] =
                2 ^ (dims[S.toNat].tables[t.toNat]).log_height.toNat *
                  shapes[t.toNat].num_global_fractions.toNat := by
              simp [gfList, Zkvm.Spec.tableGlobalFractions]
            have hsumt := sum_take_succ _ _ htl2
            have hsumle := sum_take_le (gfList shapes dims[S.toNat]) (t.toNat + 1)
            rw [hterm'] at hsumt
            generalize ((1 : UInt64) <<<
              UInt64.ofNat (dims[S.toNat].tables[t.toNat].log_height &&& 63).toNat) = rows
              at hrows ⊢
            generalize shapes[t.toNat].num_global_fractions = ng at hsumt ⊢
            generalize (dims[S.toNat].tables[t.toNat]).log_height.toNat = lh at hrows hsumt
            unfold U64.checked_mul
            by_cases hm : rows.toNat * ng.toNat < 2 ^ 64
            · rw [if_pos hm]
              dsimp only
              have hmv : (rows * ng).toNat = 2 ^ lh * ng.toNat := by
                rw [UInt64.toNat_mul, ← hrows]; exact Nat.mod_eq_of_lt hm
              unfold U64.checked_add
              by_cases ha : tot.toNat + (rows * ng).toNat < 2 ^ 64
              · rw [if_pos ha]
                dsimp only
                have hv : (tot + rows * ng).toNat = tot.toNat + 2 ^ lh * ng.toNat := by
                  rw [UInt64.toNat_add, ← hmv]; exact Nat.mod_eq_of_lt ha
                by_cases hge : tot + rows * ng ≥ field.P.toUInt64
                · rw [if_pos hge]
                  right
                  refine ⟨_, rfl, rfl, ?_⟩
                  rw [ge_iff_le, UInt64.le_iff_toNat_le, hPu, hv] at hge
                  omega
                · rw [if_neg hge, hsuccT, ok_bind]
                  left
                  refine ⟨_, rfl, ?_, ?_⟩
                  · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
                    rw [eT]; omega
                  · rw [ge_iff_le, UInt64.le_iff_toNat_le, hPu, hv] at hge
                    dsimp only
                    rw [eT, hv]
                    refine ⟨by omega, by omega, Or.inl (by omega)⟩
              · rw [if_neg ha]
                right
                refine ⟨_, rfl, rfl, ?_⟩
                omega
            · rw [if_neg hm]
              right
              refine ⟨_, rfl, rfl, ?_⟩
              rw [hrows] at hm
              have : 2 ^ 64 ≤ 2 ^ lh * ng.toNat := by omega
              omega
          · right
            rw [if_neg (by simp [htd])]
            refine ⟨_, rfl, hend ?_⟩
            have : ¬ t.toNat < dims[S.toNat].tables.length :=
              fun h' => htd (by rw [UInt64.lt_iff_toNat_lt, htl']; exact h')
            rw [hgl]; omega
        · right
          rw [if_neg hts, if_neg (by decide)]
          refine ⟨_, rfl, hend ?_⟩
          have : ¬ t.toNat < shapes.length :=
            fun h' => hts (by rw [UInt64.lt_iff_toNat_lt, hsl']; exact h')
          rw [hgl]; omega
      · refine ⟨by simp, by simp [htot], ?_⟩
        rcases hflag with h | h
        · left; exact h
        · right; exact ⟨by simp, h⟩
      · intro r hq
        cases r with
        | ret x =>
          obtain ⟨rfl, h⟩ := hq
          refine ⟨_, rfl, Or.inr ⟨_, rfl, ?_⟩⟩
          dsimp only
          refine ⟨rfl, ?_⟩
          omega
        | brk st =>
          obtain ⟨tot, t⟩ := st
          obtain ⟨h1, h2⟩ := hq
          refine ⟨.cont (tot, S + 1), by dsimp only; rw [hsuccS, ok_bind], Or.inl ⟨_, rfl, ?_, ?_⟩⟩
          · dsimp only; rw [eS]; omega
          · dsimp only at h1 h2 ⊢
            rw [eS]
            refine ⟨by omega, by rw [hpre]; omega, ?_⟩
            rcases h2 with h | ⟨h, h'⟩
            · left; exact h
            · right
              intro d hd
              rw [List.take_add_one, List.getElem?_eq_getElem hlt] at hd
              simp only [Option.toList_some, List.mem_append, List.mem_singleton] at hd
              rcases hd with hd | rfl
              · exact h' d hd
              · exact h
    · right
      rw [if_neg hc]
      refine ⟨_, rfl, ?_⟩
      have e : S.toNat = dims.length := by
        rw [UInt64.lt_iff_toNat_lt, hdl'] at hc; omega
      rw [e, List.take_of_length_le (by simp)] at htot
      rw [e, List.take_length] at hflag
      dsimp only
      rcases hflag with h | h
      · left; omega
      · right; exact h
  · refine ⟨by simp, by simp [hbase], ?_⟩
    simp
  · intro r hq
    cases r with
    | ret x =>
      obtain ⟨rfl, h⟩ := hq
      rw [if_neg (by omega)]
    | brk x =>
      rcases hq with h | h
      · rw [if_pos h]
      · exfalso
        obtain ⟨d, hd, hs, ht⟩ := hterm
        have := h d hd
        unfold gfList at this
        cases shapes with
        | nil => exact hs rfl
        | cons a as =>
          cases hdt : d.tables with
          | nil => exact ht hdt
          | cons b bs => rw [hdt] at this; simp at this

/-- **The global-fraction stage at `verify_segments`' call**: on the machine's table shapes,
for one or more segments whose dimensions `proofDims` accepted (on some claimed heights),
`check_global_fractions` accepts the image of a spec statement exactly when
`checkGlobalFractions` does. -/
theorem check_global_fractions_at (vk : protocol.vk.VerifyingKey) (stS : Zkvm.Spec.Statement)
    (shapes : List air.TableShape) (hshapes : protocol.stark.table_shapes vk.air = .ok shapes)
    (dims : List protocol.stark.ProofDimensions)
    (hpv : stS.publicValues.length < 2 ^ 64) (hin : stS.input.length < 2013265921)
    (hout : stS.output.length < 2013265921) (hdl : dims.length < 2 ^ 64) (hne : dims ≠ [])
    (hd : ∀ d ∈ dims, ∃ lh : List UInt32, lh.length < 2 ^ 64 ∧
      Zkvm.Spec.proofDims vk.params shapes lh = .ok d) :
    protocol.stark.check_global_fractions vk ⟨stS.publicValues.map toU32, stS.input, stS.output⟩
        shapes dims = .ok (.ok ()) ↔
      Zkvm.Spec.checkGlobalFractions stS shapes dims = .ok () := by
  obtain ⟨shapes', hs', hl12, -⟩ := table_shapes_fit vk.air
  rw [hshapes] at hs'
  cases hs'
  rw [check_global_fractions_spec vk stS shapes dims hpv hin hout (by omega) hdl]
  · exact ok_inj
  · intro d hmem
    obtain ⟨lh, -, hpd⟩ := hd d hmem
    have := (Zkvm.Spec.proofDims_log_lde _ _ _ _ hpd).2.2
    omega
  · intro d hmem td htd
    obtain ⟨lh, -, hpd⟩ := hd d hmem
    have h1 := proofDims_log_height _ _ _ _ hpd td htd
    have h2 := (Zkvm.Spec.proofDims_log_lde _ _ _ _ hpd).1
    have h3 := (Zkvm.Spec.proofDims_log_lde _ _ _ _ hpd).2.1 td htd
    omega
  · cases dims with
    | nil => exact absurd rfl hne
    | cons d ds =>
      refine ⟨d, List.mem_cons_self, fun h => (by rw [h] at hl12; cases hl12), ?_⟩
      obtain ⟨lh, hlh, hpd⟩ := hd d List.mem_cons_self
      obtain ⟨shapes', hs', hpd'⟩ := proof_dimensions_of_table_shapes vk.air vk.params lh hlh
      rw [hshapes] at hs'
      cases hs'
      have hany := proof_dimensions_any_aux vk.air vk.params shapes hshapes lh hlh d
        (by rw [hpd', hpd])
      intro h
      rw [h] at hany
      cases hany

/-! ## The fixed tables -/

/-- Partial correctness of a loop: an invariant `P` kept by every iteration that continues, and
`Q` of every iteration that stops, give `Q` of the loop's result whenever it returns one. -/
theorem loop_ok_inv {σ ρ : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ))
    (P : σ → Prop) (Q : ρ → Prop)
    (step : ∀ s, P s → (∀ s', body s = .ok (.cont s') → P s') ∧
      (∀ r, body s = .ok (.done r) → Q r)) :
    ∀ s r, P s → loop measure body s = .ok r → Q r := by
  intro s
  induction h : measure s using Nat.strongRecOn generalizing s with
  | ind n ih =>
    intro r hs hl
    rw [loop_eq] at hl
    split at hl
    · rename_i s' hb
      split at hl
      · rename_i hlt
        exact ih (measure s') (h ▸ hlt) s' rfl r ((step s hs).1 s' hb) hl
      · cases hl
    · rename_i r' hb
      cases hl
      exact (step s hs).2 _ hb
    · cases hl
    · cases hl

/-- **`check_fixed_table_sizes` of one table is `fixedTableFits`.** -/
theorem check_fixed_table_sizes_one (t : air.FixedTable) (lh : UInt32) :
    protocol.logup.check_fixed_table_sizes [t] lh = .ok (Zkvm.Spec.fixedTableFits t lh) := by
  unfold protocol.logup.check_fixed_table_sizes Zkvm.Spec.fixedTableFits
  have h64e : (64 : UInt32).toNat = 64 := rfl
  by_cases h64 : 64 ≤ lh.toNat
  · rw [if_pos (by rw [ge_iff_le, UInt32.le_iff_toNat_le, h64e]; exact h64), if_pos h64]; rfl
  rw [if_neg (by rw [ge_iff_le, UInt32.le_iff_toNat_le, h64e]; exact h64), if_neg h64]
  obtain ⟨nn, hshl, hn⟩ := Zkvm.Refinement.commit.merkle_cap.shl_one_ok lh.toNat (by omega)
  rw [hshl, ok_bind]
  have hrc : (Slice.len t.rows).toNat = Zkvm.Spec.rowCount t := by
    simp [Slice.len, Zkvm.Spec.rowCount]
  have hl1 : (Slice.len [t]).toNat = 1 := rfl
  apply loop_bind_ok _ _ _ _
    (P := fun (k : Usize) => k.toNat ≤ 1 ∧ (k.toNat = 1 → Zkvm.Spec.rowCount t ≤ 2 ^ lh.toNat))
    (Q := fun (r : Exit Usize (Except error.VerifyError Unit)) => match r with
      | .ret v => v = .error .FixedTableTooLarge ∧ 2 ^ lh.toNat < Zkvm.Spec.rowCount t
      | .brk _ => Zkvm.Spec.rowCount t ≤ 2 ^ lh.toNat)
  · intro k ⟨hk, hk1⟩
    dsimp only
    by_cases hc : k < Slice.len [t]
    · obtain ⟨hlt, hsucc, e⟩ := lt_len_succ _ k hc
      have hk0 : k.toNat = 0 := by simp at hlt; omega
      rw [if_pos hc, Slice.index_eq _ _ hlt, ok_bind]
      have hget : [t][k.toNat] = t := by simp [hk0]
      rw [hget]
      by_cases hgt : Slice.len t.rows > nn
      · right
        rw [if_pos hgt]
        refine ⟨_, rfl, rfl, ?_⟩
        rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, hrc, hn] at hgt
        exact hgt
      · left
        rw [if_neg hgt, hsucc, ok_bind]
        refine ⟨_, rfl, ?_, ?_, ?_⟩
        · show 2 ^ 64 - (k + 1).toNat < 2 ^ 64 - k.toNat
          rw [e]; omega
        · rw [e]; omega
        · intro _
          rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, hrc, hn] at hgt
          omega
    · right
      rw [if_neg hc]
      refine ⟨_, rfl, ?_⟩
      apply hk1
      have : ¬ k.toNat < 1 := fun h => hc (by rw [UInt64.lt_iff_toNat_lt, hl1]; exact h)
      omega
  · exact ⟨by simp, by simp⟩
  · intro r hr
    cases r with
    | ret v =>
      obtain ⟨rfl, h⟩ := hr
      dsimp only
      rw [if_pos h]
      rfl
    | brk k =>
      try dsimp only
      rw [if_neg (by omega)]
      rfl

/-- `air::fixed_tables` of the fixed table gives one table. -/
theorem fixed_tables_11_one (vk : protocol.vk.VerifyingKey) (l : List air.FixedTable)
    (h : air.fixed_tables vk 11 = .ok (.ok l)) : ∃ t, l = [t] := by
  obtain ⟨a, params⟩ := vk
  cases a with
  | Rv32imV2 prog =>
    unfold air.fixed_tables at h
    simp only [air.tables, pure_ok, ok_bind] at h
    rw [if_neg (by decide)] at h
    try dsimp only at h
    rw [Slice.index_eq _ _ (by decide), ok_bind] at h
    try dsimp only at h
    obtain ⟨tb, -, h⟩ := Outcome.bind_eq_ok.mp h
    obtain ⟨c, -, h⟩ := Outcome.bind_eq_ok.mp h
    split at h
    · cases h
    · exact ⟨tb, (Except.ok.inj (ok_inj.mp h)).symm⟩

/-- **`checked_fixed_tables` of the fixed table** (a shape with one fixed table) accepts `l`
exactly when `air::fixed_tables` gives one table `t`, `l = [t]`, and `t` fits the height. -/
theorem checked_fixed_tables_11_iff (vk : protocol.vk.VerifyingKey) (sh : air.TableShape)
    (hsh : sh.num_fixed_tables = 1) (lh : UInt32) (l : List air.FixedTable) :
    protocol.stark.checked_fixed_tables vk 11 sh lh = .ok (.ok l) ↔
      ∃ t, air.fixed_tables vk 11 = .ok (.ok [t]) ∧ Zkvm.Spec.fixedTableFits t lh = .ok () ∧
        l = [t] := by
  unfold protocol.stark.checked_fixed_tables
  constructor
  · intro h
    obtain ⟨r, hr, h⟩ := Outcome.bind_eq_ok.mp h
    cases r with
    | error e => cases h
    | ok l' =>
      obtain ⟨t, rfl⟩ := fixed_tables_11_one vk l' hr
      simp only [pure_ok, ok_bind] at h
      rw [if_neg (by rw [hsh]; exact fun h => h rfl), check_fixed_table_sizes_one, ok_bind] at h
      refine ⟨t, hr, ?_, ?_⟩
      · cases hf : Zkvm.Spec.fixedTableFits t lh with
        | error e => rw [hf] at h; cases h
        | ok u => rfl
      · cases hf : Zkvm.Spec.fixedTableFits t lh with
        | error e => rw [hf] at h; cases h
        | ok u => rw [hf] at h; exact (Except.ok.inj (ok_inj.mp h)).symm
  · rintro ⟨t, hr, hf, rfl⟩
    rw [hr, ok_bind]
    simp only [pure_ok, ok_bind]
    rw [if_neg (by rw [hsh]; exact fun h => h rfl), check_fixed_table_sizes_one, ok_bind, hf]

/-- Only the last of the machine's shapes, the fixed table's, has fixed tables. -/
theorem machineShapes_fixed (i : Nat) (h : i < Zkvm.Spec.machineShapes.length) :
    (Zkvm.Spec.machineShapes[i].num_fixed_tables = 0 ↔ i ≠ 11) := by
  have : i < 12 := h
  obtain rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl | rfl :
      i = 0 ∨ i = 1 ∨ i = 2 ∨ i = 3 ∨ i = 4 ∨ i = 5 ∨ i = 6 ∨ i = 7 ∨ i = 8 ∨ i = 9 ∨
        i = 10 ∨ i = 11 := by omega
  all_goals decide +revert

/-- `all_fixed_tables` on the machine's shapes accepts only `fixedTablesOk`. -/
theorem all_fixed_tables_fwd (vk : protocol.vk.VerifyingKey) (d : protocol.stark.ProofDimensions)
    (hd : d.tables.length < 2 ^ 64) (f : List (List air.FixedTable))
    (h : protocol.stark.all_fixed_tables vk Zkvm.Spec.machineShapes d = .ok (.ok f)) :
    Zkvm.Spec.fixedTablesOk vk d.tables f := by
  have hsl : (Slice.len Zkvm.Spec.machineShapes).toNat = 12 := rfl
  have hdl := Slice.len_toNat _ hd
  unfold protocol.stark.all_fixed_tables at h
  obtain ⟨r, hr, hk⟩ := Outcome.bind_eq_ok.mp h
  have hQ := loop_ok_inv _ _ (fun (s : List (List air.FixedTable) × Usize) =>
      (s.2.toNat ≤ 11 ∧ s.2.toNat ≤ d.tables.length ∧ s.1 = List.replicate s.2.toNat []) ∨
      (s.2.toNat = 12 ∧ ∃ td l, d.tables[11]? = some td ∧
        protocol.stark.checked_fixed_tables vk 11 (Zkvm.Spec.machineShapes[11]'(by decide))
          td.log_height = .ok (.ok l) ∧ s.1 = List.replicate 11 [] ++ [l]))
    (fun (r : Exit (List (List air.FixedTable) × Usize)
        (Except error.VerifyError (List (List air.FixedTable)))) => match r with
      | .ret v => ∃ e, v = .error e
      | .brk s => (d.tables.length ≤ 11 ∧ s.1 = List.replicate d.tables.length []) ∨
          (∃ td l, d.tables[11]? = some td ∧
            protocol.stark.checked_fixed_tables vk 11 (Zkvm.Spec.machineShapes[11]'(by decide))
              td.log_height = .ok (.ok l) ∧ s.1 = List.replicate 11 [] ++ [l]))
    ?step _ r (Or.inl ⟨by simp, by simp, by simp [Slice.withCapacity]⟩) hr
  case step =>
    intro ⟨out, t⟩ hP
    dsimp only at hP ⊢
    by_cases hc : ((decide (t < Slice.len Zkvm.Spec.machineShapes)) &&
        (decide (t < Slice.len d.tables))) = true
    · simp only [Bool.and_eq_true, decide_eq_true_eq] at hc
      obtain ⟨h1, hsucc, e⟩ := lt_len_succ _ t hc.1
      obtain ⟨h2, -, -⟩ := lt_len_succ _ t hc.2
      obtain ⟨ht, htn, hout⟩ : t.toNat ≤ 11 ∧ t.toNat ≤ d.tables.length ∧
          out = List.replicate t.toNat [] := by
        rcases hP with h | ⟨ht, -⟩
        · exact h
        · exfalso; have : t.toNat < 12 := h1; omega
      rw [if_pos (by simp only [Bool.and_eq_true, decide_eq_true_eq]; exact hc),
        Slice.index_eq _ _ h1, ok_bind]
      by_cases h11 : t.toNat = 11
      · rw [if_neg (fun hz => ((machineShapes_fixed _ h1).mp hz) h11), ok_bind,
          Slice.index_eq _ _ h2, ok_bind]
        have hs11 : Zkvm.Spec.machineShapes[t.toNat] =
            Zkvm.Spec.machineShapes[11]'(by decide) := by simp [h11]
        have ht11 : t = 11 := UInt64.toNat_inj.mp h11
        have hd11 : d.tables[11]? = some d.tables[t.toNat] := by
          rw [List.getElem?_eq_getElem (by omega)]; simp [h11]
        rw [hs11]
        subst ht11
        constructor
        · intro s' hb
          obtain ⟨c, hc', hb⟩ := Outcome.bind_eq_ok.mp hb
          cases c with
          | error e => cases hb
          | ok l =>
            simp only [pure_ok, ok_bind, hsucc] at hb
            cases ok_inj.mp hb
            right
            refine ⟨by rw [e, h11], _, l, hd11, hc', ?_⟩
            dsimp only
            rw [hout, h11]; rfl
        · intro r hb
          obtain ⟨c, hc', hb⟩ := Outcome.bind_eq_ok.mp hb
          cases c with
          | error e' =>
            cases ok_inj.mp hb
            exact ⟨e', rfl⟩
          | ok l =>
            simp only [pure_ok, ok_bind, hsucc] at hb
            cases ok_inj.mp hb
      · rw [if_pos ((machineShapes_fixed _ h1).mpr h11), hsucc, ok_bind]
        constructor
        · intro s' hb
          cases ok_inj.mp hb
          left
          refine ⟨by rw [e]; omega, by rw [e]; omega, ?_⟩
          dsimp only
          rw [e, hout, List.replicate_succ']
          rfl
        · intro r hb
          cases ok_inj.mp hb
    · rw [if_neg hc]
      constructor
      · intro s' hb; cases ok_inj.mp hb
      · intro r hb
        cases ok_inj.mp hb
        simp only [Bool.and_eq_true, decide_eq_true_eq] at hc
        rcases hP with ⟨ht, htn, hout⟩ | ⟨ht, hex⟩
        · left
          have : t.toNat = d.tables.length := by
            by_cases hA : t < Slice.len Zkvm.Spec.machineShapes
            · have hB : ¬ t < Slice.len d.tables := fun hB => hc ⟨hA, hB⟩
              have : ¬ t.toNat < d.tables.length :=
                fun h => hB (by rw [UInt64.lt_iff_toNat_lt, hdl]; exact h)
              omega
            · exfalso; apply hA; rw [UInt64.lt_iff_toNat_lt, hsl]; omega
          exact ⟨by omega, by rw [hout, this]⟩
        · right; exact hex
  cases r with
  | ret v =>
    obtain ⟨e, rfl⟩ := hQ
    cases ok_inj.mp hk
  | brk s =>
    obtain ⟨out, t⟩ := s
    have hf : out = f := by
      have := ok_inj.mp hk
      exact Except.ok.inj this
    subst hf
    unfold Zkvm.Spec.fixedTablesOk
    try simp only [keyFixedTable_iff]
    rcases hQ with ⟨hn, hout⟩ | ⟨td, l, hd11, hc, hout⟩
    · rw [List.getElem?_eq_none (by omega)]
      exact hout
    · rw [hd11]
      dsimp only
      obtain ⟨t', hft, hfit, rfl⟩ := (checked_fixed_tables_11_iff vk _ rfl _ l).mp hc
      exact ⟨t', hft, hfit, hout⟩

/-- `all_fixed_tables` on the machine's shapes accepts `fixedTablesOk`. -/
theorem all_fixed_tables_bwd (vk : protocol.vk.VerifyingKey) (d : protocol.stark.ProofDimensions)
    (hd : d.tables.length < 2 ^ 64) (f : List (List air.FixedTable))
    (h : Zkvm.Spec.fixedTablesOk vk d.tables f) :
    protocol.stark.all_fixed_tables vk Zkvm.Spec.machineShapes d = .ok (.ok f) := by
  have hsl : (Slice.len Zkvm.Spec.machineShapes).toNat = 12 := rfl
  have hdl := Slice.len_toNat _ hd
  unfold protocol.stark.all_fixed_tables
  apply loop_bind_ok _ _ _ _
    (P := fun (s : List (List air.FixedTable) × Usize) =>
      (s.2.toNat ≤ 11 ∧ s.2.toNat ≤ d.tables.length ∧ s.1 = List.replicate s.2.toNat []) ∨
      (s.2.toNat = 12 ∧ s.1 = f))
    (Q := fun (r : Exit (List (List air.FixedTable) × Usize)
        (Except error.VerifyError (List (List air.FixedTable)))) => match r with
      | .ret _ => False
      | .brk s => s.1 = f)
  · intro ⟨out, t⟩ hP
    dsimp only at hP ⊢
    by_cases hc : ((decide (t < Slice.len Zkvm.Spec.machineShapes)) &&
        (decide (t < Slice.len d.tables))) = true
    · have hc' := hc
      simp only [Bool.and_eq_true, decide_eq_true_eq] at hc'
      obtain ⟨h1, hsucc, e⟩ := lt_len_succ _ t hc'.1
      obtain ⟨h2, -, -⟩ := lt_len_succ _ t hc'.2
      obtain ⟨ht, htn, hout⟩ : t.toNat ≤ 11 ∧ t.toNat ≤ d.tables.length ∧
          out = List.replicate t.toNat [] := by
        rcases hP with h | ⟨ht, -⟩
        · exact h
        · exfalso; have : t.toNat < 12 := h1; omega
      rw [if_pos hc, Slice.index_eq _ _ h1, ok_bind]
      by_cases h11 : t.toNat = 11
      · rw [if_neg (fun hz => ((machineShapes_fixed _ h1).mp hz) h11), ok_bind,
          Slice.index_eq _ _ h2, ok_bind]
        have hs11 : Zkvm.Spec.machineShapes[t.toNat] =
            Zkvm.Spec.machineShapes[11]'(by decide) := by simp [h11]
        have ht11 : t = 11 := UInt64.toNat_inj.mp h11
        have hd11 : d.tables[11]? = some d.tables[t.toNat] := by
          rw [List.getElem?_eq_getElem (by omega)]; simp [h11]
        unfold Zkvm.Spec.fixedTablesOk at h
        try simp only [keyFixedTable_iff] at h
        rw [hd11] at h
        obtain ⟨t', hft, hfit, hf⟩ := h
        have hC := (checked_fixed_tables_11_iff vk (Zkvm.Spec.machineShapes[11]'(by decide)) rfl _ [t']).mpr ⟨t', hft, hfit, rfl⟩
        rw [hs11]
        subst ht11
        rw [hC, ok_bind]
        simp only [pure_ok, ok_bind, hsucc]
        left
        refine ⟨_, rfl, ?_, ?_⟩
        · show 2 ^ 64 - (11 + 1 : UInt64).toNat < 2 ^ 64 - (11 : UInt64).toNat
          decide
        · right
          refine ⟨rfl, ?_⟩
          dsimp only
          rw [hout, hf, h11]; rfl
      · rw [if_pos ((machineShapes_fixed _ h1).mpr h11), hsucc, ok_bind]
        left
        refine ⟨_, rfl, ?_, ?_⟩
        · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
          rw [e]; omega
        · left
          refine ⟨by rw [e]; omega, by rw [e]; omega, ?_⟩
          dsimp only
          rw [e, hout, List.replicate_succ']
          rfl
    · rw [if_neg hc]
      right
      refine ⟨_, rfl, ?_⟩
      simp only [Bool.and_eq_true, decide_eq_true_eq] at hc
      rcases hP with ⟨ht, htn, hout⟩ | ⟨ht, hex⟩
      · have : t.toNat = d.tables.length := by
          by_cases hA : t < Slice.len Zkvm.Spec.machineShapes
          · have hB : ¬ t < Slice.len d.tables := fun hB => hc ⟨hA, hB⟩
            have : ¬ t.toNat < d.tables.length :=
              fun h => hB (by rw [UInt64.lt_iff_toNat_lt, hdl]; exact h)
            omega
          · exfalso; apply hA; rw [UInt64.lt_iff_toNat_lt, hsl]; omega
        unfold Zkvm.Spec.fixedTablesOk at h
        rw [List.getElem?_eq_none (by omega)] at h
        show out = f
        rw [hout, this, h]
      · exact hex
  · exact Or.inl ⟨by simp, by simp, by simp [Slice.withCapacity]⟩
  · intro r hr
    cases r with
    | ret v => exact hr.elim
    | brk s =>
      obtain ⟨out, t⟩ := s
      dsimp only at hr ⊢
      rw [hr]; rfl

/-- **`all_fixed_tables` is `fixedTablesOk`**, on the machine's shapes (`table_shapes_iff`) and
dimensions with fewer than `2^64` tables. -/
theorem all_fixed_tables_iff (vk : protocol.vk.VerifyingKey) (d : protocol.stark.ProofDimensions)
    (hd : d.tables.length < 2 ^ 64) (f : List (List air.FixedTable)) :
    protocol.stark.all_fixed_tables vk Zkvm.Spec.machineShapes d = .ok (.ok f) ↔
      Zkvm.Spec.fixedTablesOk vk d.tables f :=
  ⟨all_fixed_tables_fwd vk d hd f, all_fixed_tables_bwd vk d hd f⟩

/-! ## The fixed tables at ζ -/

section FixedAtZeta

open Zkvm.Field.Ext4
open Zkvm.Field.BabyBear (rootOfUnity)
open Zkvm.Refinement.field.extension (toExt add_spec sub_spec mul_spec mul_base_spec zero_eq
  from_base_spec)
open Zkvm.Refinement.protocol.logup (toFixed maxRows fixedAt)

set_option maxHeartbeats 4000000 in
/-- **`fixed_tables_at` with ζ on the subgroup's first `maxRows` points is
`DegenerateChallenge`** (the batch inversion of the differences `z − ω^i`), for log_n ≤ 27 and
tables that fit the subgroup: the case `fixed_tables_at_spec` leaves out. -/
theorem fixed_tables_at_degenerate (tabs : List (List (List BabyBear))) (β z : Ext4)
    (logN : UInt32) (h27 : logN.toNat ≤ 27) (htabs : tabs.length < 2 ^ 64)
    (hsize : ∀ rows ∈ tabs, rows.length ≤ 2 ^ logN.toNat)
    (hdeg : ¬ ∀ i < maxRows tabs, z - ofBase (rootOfUnity logN.toNat ^ i) ≠ 0) :
    protocol.logup.fixed_tables_at (tabs.map toFixed) (toExt β) (toExt z) logN =
      .ok (.error .DegenerateChallenge) := by
  have h2 : 2 ^ logN.toNat ≤ 2 ^ 27 := Nat.pow_le_pow_right (by decide) h27
  have hM : maxRows tabs ≤ 2 ^ 27 := Zkvm.Refinement.protocol.logup.foldl_max_le tabs 0 _ (by omega) (fun r hr => by
    have := hsize r hr; omega)
  have hlt := Slice.len_toNat (tabs.map toFixed) (by simpa using htabs)
  rw [List.length_map] at hlt
  unfold protocol.logup.fixed_tables_at
  rw [Zkvm.Refinement.protocol.logup.check_fixed_table_sizes_spec tabs logN (by omega) htabs hsize, ok_bind]
  simp only
  rw [Zkvm.Refinement.protocol.domain.subgroup_generator_spec, if_pos h27, ok_bind]
  simp only [pure_ok, ok_bind]
  generalize hω : rootOfUnity logN.toNat = ω at hdeg ⊢
  -- the longest table
  apply loop_bind_ok
    (P := fun (st : Usize × Usize) => st.2.toNat ≤ tabs.length ∧
      st.1.toNat = maxRows (tabs.take st.2.toNat))
    (Q := fun st => st.1.toNat = maxRows tabs)
  · intro ⟨mx, k⟩ ⟨hk, hmx⟩
    dsimp only at hk hmx
    dsimp only
    by_cases hlt2 : k < Slice.len (tabs.map toFixed)
    · have hk' : k.toNat < tabs.length := by rw [UInt64.lt_iff_toNat_lt, hlt] at hlt2; exact hlt2
      have e : (k + 1).toNat = k.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hs := hsize tabs[k.toNat] (List.getElem_mem _)
      have hidx : Slice.index (tabs.map toFixed) k = .ok (toFixed tabs[k.toNat]) := by
        rw [Slice.index_eq _ _ (by simpa using hk')]; simp
      have hlr : (Slice.len (toFixed tabs[k.toNat]).rows).toNat = tabs[k.toNat].length := by
        rw [Slice.len_toNat _ (by simp only [toFixed, List.length_map]; omega)]
        simp [toFixed]
      have hsucc := Zkvm.Refinement.protocol.logup.maxRows_take_succ tabs k.toNat hk'
      left
      by_cases hgt : tabs[k.toNat].length > mx.toNat
      · refine ⟨(Slice.len (toFixed tabs[k.toNat]).rows, k + 1), ?_, ?_, ?_⟩
        · rw [if_pos hlt2, hidx, ok_bind, if_pos (by rw [GT.gt, UInt64.lt_iff_toNat_lt, hlr]; exact hgt),
            ok_bind, Usize.add_eq k 1 (by simp; omega), ok_bind]
        · show 2 ^ 64 - (k + 1).toNat < 2 ^ 64 - k.toNat
          rw [e]; omega
        · refine ⟨by rw [e]; omega, ?_⟩
          dsimp only
          rw [e, hsucc, hlr, ← hmx, if_pos hgt]
      · refine ⟨(mx, k + 1), ?_, ?_, ?_⟩
        · rw [if_pos hlt2, hidx, ok_bind, if_neg (by rw [GT.gt, UInt64.lt_iff_toNat_lt, hlr]; exact hgt),
            Usize.add_eq k 1 (by simp; omega), ok_bind]
        · show 2 ^ 64 - (k + 1).toNat < 2 ^ 64 - k.toNat
          rw [e]; omega
        · refine ⟨by rw [e]; omega, ?_⟩
          dsimp only
          rw [e, hsucc, ← hmx, if_neg hgt]
    · right
      refine ⟨(mx, k), by rw [if_neg hlt2], ?_⟩
      have : k.toNat = tabs.length := by
        have : ¬ k.toNat < tabs.length := fun h => hlt2 (by rw [UInt64.lt_iff_toNat_lt, hlt]; exact h)
        omega
      dsimp only
      rw [hmx, this, List.take_length]
  · exact ⟨by simp, by simp [maxRows]⟩
  · intro ⟨mx, k⟩ hmx
    dsimp only at hmx
    dsimp only
    have hM' : mx.toNat ≤ 2 ^ 27 := by rw [hmx]; exact hM
    -- the powers of ω and the differences z − ω^i
    apply loop_bind_ok
      (P := fun (st : List UInt32 × UInt32 × List (List UInt32) × Usize) =>
        st.2.2.2.toNat ≤ mx.toNat ∧
        st.1 = (List.range st.2.2.2.toNat).map (fun j => toU32 (ω ^ j)) ∧
        st.2.1 = toU32 (ω ^ st.2.2.2.toNat) ∧
        st.2.2.1 = (List.range st.2.2.2.toNat).map (fun j => toExt (z - ofBase (ω ^ j))))
      (Q := fun st =>
        st.1 = (List.range mx.toNat).map (fun j => toU32 (ω ^ j)) ∧
        st.2.2.1 = (List.range mx.toNat).map (fun j => toExt (z - ofBase (ω ^ j))))
    · intro ⟨pw, pow, ds, i⟩ ⟨hi, hpw, hpow, hds⟩
      dsimp only at hi hpw hpow hds
      subst hpw hpow hds
      dsimp only
      by_cases hlt3 : i < mx
      · have hi' : i.toNat < mx.toNat := UInt64.lt_iff_toNat_lt.mp hlt3
        have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        left
        refine ⟨((List.range (i.toNat + 1)).map (fun j => toU32 (ω ^ j)),
          toU32 (ω ^ (i.toNat + 1)),
          (List.range (i.toNat + 1)).map (fun j => toExt (z - ofBase (ω ^ j))), i + 1), ?_, ?_, ?_⟩
        · rw [if_pos hlt3, from_base_spec, ok_bind, sub_spec, ok_bind,
            Zkvm.Refinement.field.mul_spec, ok_bind, Usize.add_eq i 1 (by simp; omega), ok_bind,
            List.range_succ, List.map_append, List.map_append, Lean.Grind.Semiring.pow_succ]
          rfl
        · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
          rw [e]; omega
        · refine ⟨by dsimp only; rw [e]; omega, by dsimp only; rw [e], by dsimp only; rw [e],
            by dsimp only; rw [e]⟩
      · right
        refine ⟨_, by rw [if_neg hlt3], ?_⟩
        have : i.toNat = mx.toNat := by
          have : ¬ i.toNat < mx.toNat := fun h => hlt3 (UInt64.lt_iff_toNat_lt.mpr h)
          omega
        dsimp only
        rw [this]
        exact ⟨rfl, rfl⟩
    · refine ⟨by simp, by simp [Slice.withCapacity], ?_, by simp [Slice.withCapacity]⟩
      dsimp only
      rw [Zkvm.Refinement.protocol.logup.one_eq', UInt64.toNat_zero, Lean.Grind.Semiring.pow_zero]
    · intro ⟨pw, pow, ds, i⟩ ⟨hpw, hds⟩
      dsimp only at hpw hds
      subst hpw hds
      dsimp only
      rw [show (List.range mx.toNat).map (fun j => toExt (z - ofBase (ω ^ j))) =
          ((List.range mx.toNat).map (fun j => z - ofBase (ω ^ j))).map toExt by
          simp [List.map_map, Function.comp_def],
        Zkvm.Refinement.protocol.logup.batch_inverse_spec _ (by simp; omega),
        if_neg (by
          intro hall
          apply hdeg
          intro j hj
          exact hall _ (List.mem_map.mpr ⟨j, by rw [List.mem_range, hmx]; exact hj, rfl⟩)),
        ok_bind]

/-- `z − a ≠ 0` is `z ≠ a`. -/
theorem sub_ne_zero_iff (z a : Ext4) : z - a ≠ 0 ↔ z ≠ a := by
  constructor
  · intro h he; apply h; rw [he]; grind
  · intro h he; apply h; grind

/-- **`check_fixed_tables` of one table is `fixedTableAtZeta`**, for log_n ≤ 27, a table of at
most `2^log_n` rows (rows shorter than `2^64`) and one claimed value: ζ among the first rows'
points is `DegenerateChallenge` (`fixed_tables_at_degenerate`), otherwise the comparison with
the column's value `fixedColumnAt` (`check_fixed_tables_spec`). -/
theorem check_fixed_tables_one_eq (rows : List (List BabyBear)) (c β z : Ext4) (logN : UInt32)
    (h27 : logN.toNat ≤ 27) (hsize : rows.length ≤ 2 ^ logN.toNat)
    (hrow : ∀ row ∈ rows, row.length < 2 ^ 64) :
    protocol.logup.check_fixed_tables [toFixed rows] [toExt c] (toExt β) (toExt z) logN =
      .ok (Zkvm.Spec.fixedTableAtZeta rows c β z logN.toNat) := by
  have hmr : maxRows [rows] = rows.length := by
    simp only [maxRows, List.foldl_cons, List.foldl_nil]
    split <;> omega
  have hiff : (∀ i < maxRows [rows], z - ofBase (rootOfUnity logN.toNat ^ i) ≠ 0) ↔
      (∀ i < rows.length, z ≠ ofBase (rootOfUnity logN.toNat ^ i)) := by
    rw [hmr]
    exact ⟨fun h i hi => (sub_ne_zero_iff _ _).mp (h i hi),
      fun h i hi => (sub_ne_zero_iff _ _).mpr (h i hi)⟩
  have hsz : ∀ r ∈ [rows], r.length ≤ 2 ^ logN.toNat := by
    intro r hr; simp only [List.mem_singleton] at hr; subst hr; exact hsize
  unfold Zkvm.Spec.fixedTableAtZeta
  by_cases hnd : ∀ i < rows.length, z ≠ ofBase (rootOfUnity logN.toNat ^ i)
  · rw [if_pos hnd]
    have h := Zkvm.Refinement.protocol.logup.check_fixed_tables_spec [rows] [c] β z logN h27
      (by simp) hsz
      (by intro r hr; simp only [List.mem_singleton] at hr; subst hr; exact hrow)
      (hiff.mpr hnd) rfl
    simp only [List.map_cons, List.map_nil] at h
    rw [h]
    have e : fixedAt rows β z logN.toNat = Zkvm.Spec.fixedColumnAt rows β z logN.toNat := rfl
    by_cases hc : c = Zkvm.Spec.fixedColumnAt rows β z logN.toNat
    · rw [if_pos hc, if_pos (by rw [hc, e])]
    · rw [if_neg hc, if_neg (by intro h'; apply hc; rw [← e]; exact List.head_eq_of_cons_eq h')]
  · rw [if_neg hnd]
    unfold protocol.logup.check_fixed_tables
    rw [if_neg (by simp [Slice.len])]
    rw [show [toFixed rows] = [rows].map toFixed from rfl,
      fixed_tables_at_degenerate [rows] β z logN h27 (by simp) hsz
        (fun h => hnd (hiff.mp h)), ok_bind]
    rfl

/-- A canonical `u32` is the image of its field element. -/
theorem toU32_ofU32_canon (a : UInt32) (h : a.toNat < Zkvm.Field.P) :
    toU32 (Zkvm.Spec.ofU32 a) = a := by
  apply UInt32.toNat_inj.mp
  rw [Zkvm.Refinement.field.toU32_toNat]
  show a.toNat % Zkvm.Field.P = a.toNat
  exact Nat.mod_eq_of_lt h

/-- A fixed table with canonical entries is the image of its rows as field elements. -/
theorem toFixed_fixedRowsOf (t : air.FixedTable)
    (h : ∀ row ∈ t.rows, ∀ x ∈ row, x.toNat < Zkvm.Field.P) :
    toFixed (Zkvm.Spec.fixedRowsOf t) = t := by
  obtain ⟨rows⟩ := t
  have hrow : ∀ row ∈ rows, (row.map Zkvm.Spec.ofU32).map toU32 = row := by
    intro row hr
    rw [List.map_map]
    conv => rhs; rw [← List.map_id row]
    exact List.map_congr_left (fun x hx => toU32_ofU32_canon x (h row hr x hx))
  simp only [toFixed, Zkvm.Spec.fixedRowsOf, List.map_map]
  congr 1
  conv => rhs; rw [← List.map_id rows]
  exact List.map_congr_left (fun row hr => hrow row hr)

/-- The first of `k ≥ 1` extension columns is `extFromBase` of the coordinates. -/
theorem chunks_take_one (aL : List Ext4) (k : Nat) (hk : 1 ≤ k) :
    (Zkvm.Spec.chunksFromBase aL k).take 1 = [Zkvm.Spec.extFromBase aL] := by
  obtain ⟨k', rfl⟩ : ∃ k', k = k' + 1 := ⟨k - 1, by omega⟩
  simp [Zkvm.Spec.chunksFromBase, List.range_succ_eq_map]

set_option maxHeartbeats 4000000 in
/-- **`check_fixed_at_zeta` is `checkFixedAtZeta`**, on the machine's shapes, for openings that
are the images of typed openings `os` (at least one per table), challenges whose β and ζ are
the images of `β`, `ζ`, and the fixed tables `fixedTablesOk` accepts; when the segment has the
fixed table (index 11): its height is at most `2^27`, its auxiliary opening at ζ has `4 k`
coordinates (`k ≥ 1`), and the key's fixed table has fewer than `2^64` rows, each shorter than
`2^64` with canonical entries. -/
theorem check_fixed_at_zeta_eq (vk : protocol.vk.VerifyingKey) (p : protocol.proof.Proof)
    (d : protocol.stark.ProofDimensions) (ch : protocol.stark.Challenges) (β ζ : Ext4)
    (hβ : ch.lookup.beta = toExt β) (hz : ch.zeta = toExt ζ)
    (os : List OodSpec) (hop : p.openings = os.map toOpenings) (hosl : os.length < 2 ^ 64)
    (hos : d.tables.length ≤ os.length) (hd : d.tables.length < 2 ^ 64)
    (f : List (List air.FixedTable)) (hf : Zkvm.Spec.fixedTablesOk vk d.tables f)
    (h11 : ∀ td o, d.tables[11]? = some td → os[11]? = some o →
      td.log_height.toNat ≤ 27 ∧
        ∃ k, 1 ≤ k ∧ o.auxLocal.length = 4 * k ∧ o.auxLocal.length < 2 ^ 64)
    (hrows : ∀ t, air.fixed_tables vk 11 = .ok (.ok [t]) → t.rows.length < 2 ^ 64 ∧
      ∀ row ∈ t.rows, row.length < 2 ^ 64 ∧ ∀ x ∈ row, x.toNat < Zkvm.Field.P) :
    protocol.stark.check_fixed_at_zeta p d ch Zkvm.Spec.machineShapes f =
      .ok (Zkvm.Spec.checkFixedAtZeta d.tables (os.map (·.auxLocal)) f β ζ) := by
  have hsl : (Slice.len Zkvm.Spec.machineShapes).toNat = 12 := rfl
  have hdl := Slice.len_toNat _ hd
  have hol : (Slice.len p.openings).toNat = os.length := by
    rw [hop, Slice.len_toNat _ (by simpa using hosl), List.length_map]
  have hsome : ∀ td, d.tables[11]? = some td → ∃ o t, os[11]? = some o ∧
      f = List.replicate 11 [] ++ [[t]] ∧ air.fixed_tables vk 11 = .ok (.ok [t]) ∧
      Zkvm.Spec.fixedTableFits t td.log_height = .ok () := by
    intro td htd
    have hf' := hf
    unfold Zkvm.Spec.fixedTablesOk at hf'
    try simp only [keyFixedTable_iff] at hf'
    rw [htd] at hf'
    obtain ⟨t, hft, hfit, hfe⟩ := hf'
    have h12 : 11 < d.tables.length := (List.getElem?_eq_some_iff.mp htd).1
    exact ⟨os[11]'(by omega), t, List.getElem?_eq_getElem (by omega), hfe, hft, hfit⟩
  have hfl12 : f.length ≤ 12 := by
    cases htd : d.tables[11]? with
    | none =>
      have hf' := hf
      unfold Zkvm.Spec.fixedTablesOk at hf'
      rw [htd] at hf'
      rw [hf', List.length_replicate]
      have := List.getElem?_eq_none_iff.mp htd
      omega
    | some td =>
      obtain ⟨o, t, -, hfe, -, -⟩ := hsome td htd
      rw [hfe]; simp
  have hfl := Slice.len_toNat f (by omega)
  have hnone : d.tables[11]? = none →
      Zkvm.Spec.checkFixedAtZeta d.tables (os.map (·.auxLocal)) f β ζ = .ok () := by
    intro h
    unfold Zkvm.Spec.checkFixedAtZeta
    rw [h]
  generalize hR : Zkvm.Spec.checkFixedAtZeta d.tables (os.map (·.auxLocal)) f β ζ = R at hnone
  unfold protocol.stark.check_fixed_at_zeta
  apply loop_bind_ok _ _ _ _
    (P := fun (u : Usize) => u.toNat ≤ 12 ∧ (u.toNat = 12 → R = .ok ()))
    (Q := fun (r : Exit Usize (Except error.VerifyError Unit)) => match r with
      | .ret v => v = R
      | .brk _ => R = .ok ())
  · intro u ⟨hu, hu12⟩
    dsimp only
    by_cases hc : ((((decide (u < Slice.len d.tables)) &&
        (decide (u < Slice.len Zkvm.Spec.machineShapes))) &&
        (decide (u < Slice.len p.openings))) && (decide (u < Slice.len f))) = true
    · have hc' := hc
      simp only [Bool.and_eq_true, decide_eq_true_eq] at hc'
      obtain ⟨⟨⟨h1, h2⟩, h3⟩, h4⟩ := hc'
      obtain ⟨ht, hsucc, e⟩ := lt_len_succ _ u h1
      obtain ⟨hs, -, -⟩ := lt_len_succ _ u h2
      obtain ⟨ho, -, -⟩ := lt_len_succ _ u h3
      obtain ⟨hfi, -, -⟩ := lt_len_succ _ u h4
      have hmeas : 2 ^ 64 - (u + 1).toNat < 2 ^ 64 - u.toNat := by
        have := UInt64.toNat_lt u
        rw [e]; omega
      rw [if_pos hc, Slice.index_eq _ _ hs, ok_bind]
      by_cases h11' : u.toNat = 11
      · have hs11 : Zkvm.Spec.machineShapes[u.toNat] =
            Zkvm.Spec.machineShapes[11]'(by decide) := by simp [h11']
        have htd : d.tables[11]? = some d.tables[u.toNat] := by
          rw [List.getElem?_eq_getElem (by omega)]; simp [h11']
        obtain ⟨o, t, ho11, hfe, hft, hfit⟩ := hsome _ htd
        obtain ⟨hlh, k, hk1, hkl, hkl64⟩ := h11 _ o htd ho11
        obtain ⟨hrl, hrw⟩ := hrows t hft
        have hoE : p.openings[u.toNat] = toOpenings o := by
          have : p.openings[u.toNat]? = some (toOpenings o) := by
            rw [h11', hop, List.getElem?_map, ho11]; rfl
          exact (List.getElem?_eq_some_iff.mp this).2
        have hfE : f[u.toNat] = [t] := by
          have : f[u.toNat]? = some [t] := by rw [h11', hfe]; rfl
          exact (List.getElem?_eq_some_iff.mp this).2
        have hRE : R = Zkvm.Spec.fixedTableAtZeta (Zkvm.Spec.fixedRowsOf t)
            (Zkvm.Spec.extFromBase o.auxLocal) β ζ d.tables[u.toNat].log_height.toNat := by
          rw [← hR]
          unfold Zkvm.Spec.checkFixedAtZeta
          rw [htd, List.getElem?_map, ho11, hfe]
          rfl
        have hn1 : (Zkvm.Spec.machineShapes[11]'(by decide)).num_fixed_tables.toNat = 1 := rfl
        have hfit' : t.rows.length ≤ 2 ^ d.tables[u.toNat].log_height.toNat := by
          unfold Zkvm.Spec.fixedTableFits at hfit
          split at hfit
          · cases hfit
          split at hfit
          · cases hfit
          rename_i h2'
          simp only [Zkvm.Spec.rowCount, Nat.mod_eq_of_lt hrl] at h2'
          omega
        rw [hs11, if_pos (show (Zkvm.Spec.machineShapes[11]'(by decide)).num_fixed_tables > 0
          by decide), Slice.index_eq _ _ ho, ok_bind, hoE,
          show (toOpenings o).aux_local = o.auxLocal.map toExt from rfl,
          Zkvm.Refinement.protocol.logup.ext_columns_from_base_spec o.auxLocal k hkl hkl64, ok_bind]
        simp only [pure_ok, ok_bind]
        rw [fixed_fps_of_row_spec _ _ (by rw [hn1, Zkvm.Spec.length_chunksFromBase]; omega)
          (by rw [Zkvm.Spec.length_chunksFromBase]; omega), ok_bind]
        simp only [pure_ok, ok_bind]
        rw [Slice.index_eq _ _ hfi, ok_bind, Slice.index_eq _ _ ht, ok_bind, hfE, hβ, hz, hn1,
          chunks_take_one _ _ hk1, ← toFixed_fixedRowsOf t (fun row hr => (hrw row hr).2),
          List.map_cons, List.map_nil,
          check_fixed_tables_one_eq _ _ _ _ _ (by omega)
            (by simp only [Zkvm.Spec.fixedRowsOf, List.length_map]; exact hfit')
            (by
              intro row hr
              simp only [Zkvm.Spec.fixedRowsOf, List.mem_map] at hr
              obtain ⟨r, hr, rfl⟩ := hr
              rw [List.length_map]; exact (hrw r hr).1), ok_bind, ← hRE]
        cases R with
        | ok u' =>
          left
          refine ⟨u + 1, ?_, hmeas, by rw [e]; omega, fun _ => rfl⟩
          simp only [pure_ok, ok_bind, hsucc]
        | error e' =>
          right
          exact ⟨_, rfl, rfl⟩
      · rw [if_neg (by rw [(machineShapes_fixed _ hs).mpr h11']; decide)]
        left
        refine ⟨u + 1, ?_, hmeas, by rw [e]; omega, fun h => by omega⟩
        simp only [pure_ok, ok_bind, hsucc]
    · rw [if_neg hc]
      right
      refine ⟨_, rfl, ?_⟩
      show R = .ok ()
      by_cases h12 : u.toNat = 12
      · exact hu12 h12
      · cases htd : d.tables[11]? with
        | none => exact hnone htd
        | some td =>
          exfalso
          apply hc
          obtain ⟨o, t, ho11, hfe, -, -⟩ := hsome td htd
          have h12' : 11 < d.tables.length := (List.getElem?_eq_some_iff.mp htd).1
          have hfl' : f.length = 12 := by rw [hfe]; simp
          simp only [Bool.and_eq_true, decide_eq_true_eq, UInt64.lt_iff_toNat_lt, hdl, hsl, hol,
            hfl, hfl']
          omega
  · exact ⟨by simp, fun h => by simp at h⟩
  · intro r hr
    cases r with
    | ret v =>
      dsimp only at hr
      subst hr
      rfl
    | brk x =>
      dsimp only at hr
      subst hr
      rfl

end FixedAtZeta

end Zkvm.Refinement.protocol.stark

end
