module

public import Zkvm.Refinement.Protocol.Stark.QueryDeep

/-!
# The DEEP values of a query: the tables' terms and the masking terms

The two loops of `crate::protocol::stark::check_queries` with early returns, each proved to
compute its spec (`Zkvm.Spec.Queries`) and never panic:

* `add_tables_loop`: every table's DEEP term added at its height (`addTables`), the terms being
  what `deep_composition_at` returns at each table's query point (the inner loop is
  `add_term_loop`);
* `add_masks_loop`: with zero knowledge, the masking terms (`addMasks`; the inner loop is
  `mask_value_loop`).

As in `Stark.QueryDeep`, each lemma is stated for any loop measure and body given by
equations, which `check_queries_spec` (`Stark.Queries`) proves by `rfl`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.field.extension (toExt add_spec mul_spec from_base_spec mul_by_basis_spec
  mul_base_spec zero_eq basis)
open Zkvm.Refinement.fri (toDeep)

/-! ## The masking terms -/

theorem except_map_map {ε α β γ : Type} (f : β → γ) (g : α → β) (x : Except ε α) :
    (x.map g).map f = x.map (f ∘ g) := by
  cases x <;> rfl

theorem addMasks_cons (γs : List Ext4) (offset : Nat) (rowOf : UInt32 → List BabyBear) (k : Nat)
    (d : UInt32 × Ext4) (ds : List (UInt32 × Ext4)) :
    addMasks γs offset rowOf k (d :: ds) =
      if (rowOf d.1).length ≠ 4 ∨ γs.length ≤ offset + k then .error .WrongProofShape
      else (addMasks γs offset rowOf (k + 1) ds).map
        (fun r => (d.1, d.2 + γs.getD (offset + k) 0 * maskValue (rowOf d.1)) :: r) := rfl

theorem toDeep_value (d : UInt32 × Ext4) : (toDeep d).value = toExt d.2 := rfl
theorem toDeep_log_size (d : UInt32 × Ext4) : (toDeep d).log_size = d.1 := rfl

theorem map_set_mid {α β : Type} (f : α → β) (pre rest : List α) (a c : α) (k : Nat)
    (hk : pre.length = k) :
    ((pre ++ a :: rest).map f).set k (f c) = (pre ++ [c] ++ rest).map f := by
  subst hk
  rw [List.map_append, List.map_cons, List.set_append_right _ _ (by simp), List.length_map,
    Nat.sub_self, List.set_cons_zero]
  simp

/-- The loop's result: the DEEP values with their masking terms, or the shape error. -/
def masksExit (r : Except error.VerifyError (List (UInt32 × Ext4))) (n : Usize) :
    Exit (List fri.DeepValue × Usize) (Except error.VerifyError Unit) :=
  match r with
  | .ok R => .brk (R.map toDeep, n)
  | .error e => .ret (.error e)

set_option linter.unusedVariables false in
/-- **The zero-knowledge loop adding to each DEEP value its masking term** (`addMasks`): the
masking row of each height is read by `mask_row` from the quotient opening (`rowOf`, its
canonical coefficients), the powers of `γ` are `γs`. It never panics: the power's index
`offset + k` cannot overflow, as the previous index was below `γs.length`. -/
theorem add_masks_loop (L : List (UInt32 × Ext4)) (hl : L.length < 2 ^ 64)
    (γs : List Ext4) (hγ : γs.length < 2 ^ 64) (offset : Usize)
    (layouts : List protocol.stark.PhaseLayout) (lay : protocol.stark.PhaseLayout)
    (quotient : protocol.proof.MultiOpening) (rowOf : UInt32 → List BabyBear)
    (hlay : Slice.index layouts 2 = .ok lay)
    (hrow : ∀ h, protocol.stark.mask_row lay quotient h = .ok ((rowOf h).map toU32))
    (hrow64 : ∀ h, (rowOf h).length < 2 ^ 64)
    (measure : List fri.DeepValue × Usize → Nat) (hm : ∀ s, measure s = 2 ^ 64 - s.2.toNat)
    (body : List fri.DeepValue × Usize → Outcome (Step (List fri.DeepValue × Usize)
      (Exit (List fri.DeepValue × Usize) (Except error.VerifyError Unit))))
    (hb : ∀ deep_values k, body (deep_values, k) = (do
      let mut deep_values := deep_values
      let mut k := k
      if k < (Slice.len deep_values) then
        let row : List UInt32 ← protocol.stark.mask_row (← Slice.index layouts 2) quotient ((← Slice.index deep_values k).log_size)
        if (Slice.len row) ≠ 4 then
          return Step.done (Exit.ret (Except.error error.VerifyError.WrongProofShape))
        else
          let mut mask : field.extension.Ext := field.extension.ZERO
          let mut e : Usize := 0
          let t14' ← loop (σ := field.extension.Ext × Usize) (ρ := field.extension.Ext × Usize)
              (fun (mask, e) => 2 ^ 64 - e.toNat)
              (fun (mask, e) => do
                let mut mask := mask
                let mut e := e
                if e < 4 then
                  let coefficient : field.extension.Ext ← field.extension.from_base (← Slice.index row e)
                  mask ← field.extension.add mask (← field.extension.mul_by_basis coefficient e)
                  e ← Usize.add e 1
                  return Step.cont (mask, e)
                else
                  return Step.done (mask, e))
              (mask, e)
          (mask, e) := t14'
          let power : Usize ← Usize.add offset k
          if power ≥ (Slice.len (γs.map toExt)) then
            return Step.done (Exit.ret (Except.error error.VerifyError.WrongProofShape))
          else
            let term : field.extension.Ext ← field.extension.mul (← Slice.index (γs.map toExt) power) mask
            let t15' := (← field.extension.add ((← Slice.index deep_values k).value) term)
            deep_values ← Slice.update deep_values k { (← Slice.index deep_values k) with value := t15' }
            k ← Usize.add k 1
            return Step.cont (deep_values, k)
      else
        return Step.done (Exit.brk (deep_values, k)))) :
    loop measure body (L.map toDeep, 0) =
      .ok (masksExit (addMasks γs offset.toNat rowOf 0 L) (Slice.len L)) := by
  have hγl := Slice.len_toNat (γs.map toExt) (by simpa using hγ)
  simp only [List.length_map] at hγl
  apply loop_count_eq _ _ _ _ (fun s => s.2) hm
    (P := fun (s : List fri.DeepValue × Usize) => s.2.toNat ≤ L.length ∧
      (s.2.toNat = 0 ∨ offset.toNat + s.2.toNat ≤ γs.length) ∧
      ∃ pre : List (UInt32 × Ext4), pre.length = s.2.toNat ∧
        s.1 = (pre ++ L.drop s.2.toNat).map toDeep ∧
        addMasks γs offset.toNat rowOf 0 L =
          (addMasks γs offset.toNat rowOf s.2.toNat (L.drop s.2.toNat)).map (pre ++ ·))
  · intro ⟨dv, k⟩ ⟨h1, hoff, pre, hpre, hdv, hspec⟩
    dsimp only at h1 hoff hpre hdv hspec
    have hdl : dv.length = L.length := by rw [hdv]; simp; omega
    rw [hb]
    by_cases hc : k < Slice.len dv
    · have ht : k.toNat < L.length := by rw [← hdl]; exact (lt_len_iff k _ (by omega)).mp hc
      have htd : k.toNat < dv.length := by omega
      have hdrop := List.drop_eq_getElem_cons ht
      have hget : dv[k.toNat] = toDeep L[k.toNat] := by
        simp only [hdv, List.getElem_map]
        rw [List.getElem_append_right (by omega)]
        simp [hpre]
      rw [hdrop, addMasks_cons] at hspec
      simp only [if_pos hc, hlay, Slice.index_eq _ _ htd, ok_bind, hget, hrow]
      have hrl : (Slice.len ((rowOf (toDeep L[k.toNat]).log_size).map toU32) ≠ 4) ↔
          (rowOf L[k.toNat].1).length ≠ 4 := by
        rw [ne_eq, ne_eq, slice_len_eq_iff _ _ (by simpa using hrow64 _)]
        simp [toDeep]
      by_cases hr4 : (rowOf L[k.toNat].1).length ≠ 4
      · right
        refine ⟨_, by rw [if_pos (hrl.mpr hr4), pure_ok], ?_⟩
        rw [hspec, if_pos (Or.inl hr4)]; rfl
      · have hr4' : (rowOf L[k.toNat].1).length = 4 := by omega
        rw [if_neg (fun h => hr4 (hrl.mp h))]
        have hk64 : offset.toNat + k.toNat < 2 ^ 64 := by
          have := UInt64.toNat_lt offset; omega
        have hadd : Usize.add offset k = .ok (offset + k) := Usize.add_eq offset k hk64
        have hpk : (offset + k).toNat = offset.toNat + k.toNat := by
          simp only [UInt64.toNat_add]; omega
        rw [mask_value_loop (rowOf (toDeep L[k.toNat]).log_size) hr4' _ ?hm _ ?hb, ok_bind]
        case hm => intro _; rfl
        case hb => intro _ _; rfl
        simp only [hadd, ok_bind]
        by_cases hp : γs.length ≤ offset.toNat + k.toNat
        · right
          have : offset + k ≥ Slice.len (γs.map toExt) := by
            rw [ge_iff_le, UInt64.le_iff_toNat_le, hγl, hpk]; exact hp
          refine ⟨_, by rw [if_pos this, pure_ok], ?_⟩
          rw [hspec, if_pos (Or.inr hp)]; rfl
        · left
          have hnp : ¬ (offset + k ≥ Slice.len (γs.map toExt)) := by
            rw [ge_iff_le, UInt64.le_iff_toNat_le, hγl, hpk]; exact hp
          have hpi : (offset + k).toNat < (γs.map toExt).length := by simp; omega
          obtain ⟨hsucc, e⟩ := succ_ok k _ ht hl
          let nd : UInt32 × Ext4 := (L[k.toNat].1, L[k.toNat].2 +
            γs.getD (offset.toNat + k.toNat) 0 * maskValue (rowOf L[k.toNat].1))
          refine ⟨((pre ++ [nd] ++ L.drop (k.toNat + 1)).map toDeep, k + 1), ?_, e, ?_, ?_⟩
          · rw [if_neg hnp]
            simp only [Slice.index_eq _ _ hpi, ok_bind, List.getElem_map, mul_spec,
              toDeep_value, toDeep_log_size, add_spec, Slice.update_eq _ _ _ htd, hsucc, pure_ok]
            rw [← map_set_mid toDeep pre (L.drop (k.toNat + 1)) L[k.toNat] nd k.toNat hpre, hdv,
              hdrop]
            have hγk : offset.toNat + k.toNat < γs.length := by simp at hpi; omega
            have hnd : toDeep nd = { log_size := L[k.toNat].fst, value := toExt (L[k.toNat].snd +
                γs[offset.toNat + k.toNat] * maskValue (rowOf L[k.toNat].fst)) } := by
              show ({ log_size := L[k.toNat].fst, value := toExt (L[k.toNat].snd +
                γs.getD (offset.toNat + k.toNat) 0 * maskValue (rowOf L[k.toNat].fst)) } :
                fri.DeepValue) = _
              rw [List.getD_eq_getElem?_getD, List.getElem?_eq_getElem hγk, Option.getD_some]
            simp only [hpk]
            rw [hnd]
          · dsimp only; omega
          · dsimp only
            refine ⟨Or.inr (by rw [e]; omega), pre ++ [nd], by simp [hpre, e], by rw [e], ?_⟩
            rw [hspec, if_neg (by omega), except_map_map, e]
            congr 1
            funext x
            simp [nd]
    · right
      refine ⟨.brk (dv, k), by simp only [if_neg hc, pure_ok], ?_⟩
      have : ¬ k.toNat < L.length := fun hh => hc ((lt_len_iff k _ (by omega)).mpr (by omega))
      have hk : k = Slice.len L := UInt64.toNat_inj.mp (by rw [Slice.len_toNat _ hl]; omega)
      rw [List.drop_eq_nil_of_le (by omega)] at hdv hspec
      rw [hspec, hdv, hk]
      rfl
  · refine ⟨by simp, Or.inl (by simp), [], by simp, by simp, ?_⟩
    show addMasks γs offset.toNat rowOf 0 L = (addMasks γs offset.toNat rowOf 0 L).map ([] ++ ·)
    cases addMasks γs offset.toNat rowOf 0 L <;> rfl

/-! ## The tables' DEEP terms -/

theorem addTables_cons (t : UInt32 × Except error.VerifyError Ext4)
    (ts : List (UInt32 × Except error.VerifyError Ext4)) (R : List (UInt32 × Ext4)) :
    addTables (t :: ts) R =
      match t.2 with
      | .ok v => addTables ts (addAtHeight t.1 v R)
      | .error e => .error e := by
  unfold addTables
  rw [List.foldlM_cons]
  rcases t with ⟨h, _ | v⟩ <;> rfl

/-- The loop's result: the DEEP values with every table's term, or the first table's error. -/
def tablesExit (r : Except error.VerifyError (List (UInt32 × Ext4))) (n : Usize) :
    Exit (Usize × List fri.DeepValue) (Except error.VerifyError Unit) :=
  match r with
  | .ok R => .brk (n, R.map toDeep)
  | .error e => .ret (.error e)

set_option linter.unusedVariables false in
/-- **The loop adding every table's DEEP term at its LDE height** (`addTables`). The table's
term is what `deep_composition_at` returns at the table's query point on the table's rows of
the three openings (`terms`, with each table's LDE height); the query point exists and the
position's shift is in range because every table's LDE height is at most `2^27` and at most
the tallest one, below `2^64` (`proofDims_log_lde`, `proofDims_log_max_lde_lt`). -/
theorem add_tables_loop (tables : List protocol.stark.TableDims) (hl : tables.length < 2 ^ 64)
    (logMax : UInt32) (hmax : logMax.toNat < 64)
    (hlde : ∀ d ∈ tables, d.log_lde.toNat ≤ 27 ∧ d.log_lde.toNat ≤ logMax.toNat)
    (index : UInt64) (openings : List protocol.proof.TableOpenings)
    (hop : tables.length ≤ openings.length)
    (layouts : List protocol.stark.PhaseLayout) (l0 l1 l2 : protocol.stark.PhaseLayout)
    (hlay : layouts = [l0, l1, l2])
    (main aux quot : protocol.proof.MultiOpening)
    (h0 : l0.tables.length < 2 ^ 64) (h1 : l1.tables.length < 2 ^ 64)
    (h2 : l2.tables.length < 2 ^ 64) (hm0 : main.rows.length < 2 ^ 64)
    (hm1 : aux.rows.length < 2 ^ 64) (hm2 : quot.rows.length < 2 ^ 64)
    (zeta : List UInt32) (zn : List (List UInt32)) (hzn : tables.length ≤ zn.length)
    (gp : List (List UInt32))
    (terms : List (UInt32 × Except error.VerifyError Ext4)) (hterms : terms.length = tables.length)
    (hterm : ∀ u (hu : u < tables.length), terms[u].1 = tables[u].log_lde ∧
      protocol.deep.deep_composition_at
        (toU32 (bitrevCosetPoint 0 tables[u].log_lde.toNat
          (index.toNat / 2 ^ (logMax.toNat - tables[u].log_lde.toNat))))
        (phaseRow l0.tables main.rows (UInt64.ofNat u))
        (phaseRow l1.tables aux.rows (UInt64.ofNat u))
        (phaseRow l2.tables quot.rows (UInt64.ofNat u))
        zeta (zn[u]'(by omega)) (openings[u]'(by omega)).main_local
        (openings[u]'(by omega)).main_next (openings[u]'(by omega)).aux_local
        (openings[u]'(by omega)).aux_next (openings[u]'(by omega)).quotient gp
        tables[u].gamma_offset = .ok (terms[u].2.map toExt))
    (L : List (UInt32 × Ext4)) (hL : L.length < 2 ^ 64)
    (measure : Usize × List fri.DeepValue → Nat) (hm : ∀ s, measure s = 2 ^ 64 - s.1.toNat)
    (body : Usize × List fri.DeepValue → Outcome (Step (Usize × List fri.DeepValue)
      (Exit (Usize × List fri.DeepValue) (Except error.VerifyError Unit))))
    (hb : ∀ u deep_values, body (u, deep_values) = (do
      let mut u := u
      let mut deep_values := deep_values
      if u < (Slice.len tables) then
        let d : protocol.stark.TableDims ← Slice.index tables u
        let position : UInt64 ← U64.shr index ((← U32.sub logMax d.log_lde).toNat)
        let x : UInt32 ← match (← protocol.domain.bitrev_coset_point 0 d.log_lde position) with
        | .ok p =>
          pure p
        | .error e =>
          return Step.done (Exit.ret (Except.error e))
        let o : protocol.proof.TableOpenings ← Slice.index openings u
        let term : field.extension.Ext ← match (← protocol.deep.deep_composition_at x (← protocol.stark.phase_row (← Slice.index layouts 0) main u) (← protocol.stark.phase_row (← Slice.index layouts 1) aux u) (← protocol.stark.phase_row (← Slice.index layouts 2) quot u) zeta (← Slice.index zn u) o.main_local o.main_next o.aux_local o.aux_next o.quotient gp d.gamma_offset) with
        | .ok v =>
          pure v
        | .error e =>
          return Step.done (Exit.ret (Except.error e))
        let mut k : Usize := 0
        let t9' ← loop (σ := (List fri.DeepValue) × Usize) (ρ := (List fri.DeepValue) × Usize)
            (fun (deep_values, k) => 2 ^ 64 - k.toNat)
            (fun (deep_values, k) => do
              let mut deep_values := deep_values
              let mut k := k
              if k < (Slice.len deep_values) then
                if (← Slice.index deep_values k).log_size = d.log_lde then
                  let t10' := (← field.extension.add ((← Slice.index deep_values k).value) term)
                  deep_values ← Slice.update deep_values k { (← Slice.index deep_values k) with value := t10' }
                k ← Usize.add k 1
                return Step.cont (deep_values, k)
              else
                return Step.done (deep_values, k))
            (deep_values, k)
        (deep_values, k) := t9'
        u ← Usize.add u 1
        return Step.cont (u, deep_values)
      else
        return Step.done (Exit.brk (u, deep_values)))) :
    loop measure body (0, L.map toDeep) =
      .ok (tablesExit (addTables terms L) (Slice.len tables)) := by
  subst hlay
  apply loop_count_eq _ _ _ _ (fun s => s.1) hm
    (P := fun (s : Usize × List fri.DeepValue) => s.1.toNat ≤ tables.length ∧
      ∃ R : List (UInt32 × Ext4), s.2 = R.map toDeep ∧ R.length = L.length ∧
        addTables terms L = addTables (terms.drop s.1.toNat) R)
  · intro ⟨u, dv⟩ ⟨hu1, R, hdv, hRl, hspec⟩
    dsimp only at hu1 hdv hRl hspec
    rw [hb]
    by_cases hc : u < Slice.len tables
    · have ht := (lt_len_iff u _ hl).mp hc
      obtain ⟨hsucc, e⟩ := succ_ok u _ ht hl
      obtain ⟨hlde27, hldem⟩ := hlde _ (List.getElem_mem ht)
      obtain ⟨hth, hdc⟩ := hterm u.toNat ht
      have hsub : (logMax - tables[u.toNat].log_lde).toNat =
          logMax.toNat - tables[u.toNat].log_lde.toNat :=
        UInt32.toNat_sub_of_le _ _ (UInt32.le_iff_toNat_le.mpr hldem)
      have hdrop : terms.drop u.toNat = terms[u.toNat] :: terms.drop (u.toNat + 1) :=
        List.drop_eq_getElem_cons (by omega)
      rw [hdrop, addTables_cons] at hspec
      have hu64 : UInt64.ofNat u.toNat = u := by simp
      rw [hu64] at hdc
      simp only [if_pos hc, Slice.index_eq _ _ ht, ok_bind,
        U32.sub_eq logMax tables[u.toNat].log_lde (by omega), hsub,
        U64.shr_eq index (logMax.toNat - tables[u.toNat].log_lde.toNat) (by omega),
        protocol.domain.bitrev_coset_point_spec, UInt32.toNat_zero,
        if_pos hlde27, pure_ok, Slice.index_eq openings u (by omega),
        Slice.index_eq zn u (by omega)]
      have hidx0 : Slice.index [l0, l1, l2] 0 = .ok l0 := rfl
      have hidx1 : Slice.index [l0, l1, l2] 1 = .ok l1 := rfl
      have hidx2 : Slice.index [l0, l1, l2] 2 = .ok l2 := rfl
      have hshr : (index >>> UInt64.ofNat (logMax.toNat - tables[u.toNat].log_lde.toNat)).toNat =
          index.toNat / 2 ^ (logMax.toNat - tables[u.toNat].log_lde.toNat) :=
        Zkvm.Refinement.fri.shr_toNat _ _ (by omega)
      simp only [hidx0, hidx1, hidx2, ok_bind, phase_row_spec _ _ _ h0 hm0,
        phase_row_spec _ _ _ h1 hm1, phase_row_spec _ _ _ h2 hm2, hshr, hdc]
      rcases hterm' : terms[u.toNat].2 with err | v
      · right
        rw [hterm'] at hspec
        refine ⟨_, rfl, ?_⟩
        rw [hspec]; rfl
      · left
        rw [hterm'] at hspec
        refine ⟨(u + 1, (addAtHeight tables[u.toNat].log_lde v R).map toDeep), ?_, e, ?_, ?_⟩
        · dsimp only [Except.map]
          rw [hdv, add_term_loop R tables[u.toNat].log_lde v (by omega) _ ?hm _ ?hb, ok_bind]
          case hm => intro _; rfl
          case hb => intro _ _; rfl
          simp only [hsucc, ok_bind]
        · dsimp only; omega
        · refine ⟨(addAtHeight tables[u.toNat].log_lde v R), rfl, by simp [addAtHeight, hRl], ?_⟩
          dsimp only
          rw [hspec, e, hth]
    · right
      refine ⟨.brk (u, dv), by simp only [if_neg hc, pure_ok], ?_⟩
      have : ¬ u.toNat < tables.length := fun hh => hc ((lt_len_iff u _ hl).mpr hh)
      have hk : u = Slice.len tables := UInt64.toNat_inj.mp (by rw [Slice.len_toNat _ hl]; omega)
      rw [List.drop_eq_nil_of_le (by omega)] at hspec
      rw [hspec, hdv, hk]
      rfl
  · exact ⟨by simp, L, rfl, rfl, by simp⟩

end Zkvm.Refinement.protocol.stark
