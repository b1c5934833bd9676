module

public import Zkvm.Refinement.Fri
public import Zkvm.Refinement.Fri.FoldLeafLists
public import Zkvm.Refinement.Protocol.Domain

/-!
# The extracted `fold_leaf` computes `Zkvm.Spec.foldLeaf`

`fri::fold_leaf` folds one leaf of `2^k` extension values (in bit-reversed position order) in
`k` rounds of binary folds, in place. On a well-shaped leaf (`0 < k ≤ log_size ≤ 27`, leaf
index below `2^(log_size - k)`, the domain shift not overflowing) it returns the spec's
`foldLeaf`, and it never panics.
-/

@[expose] public section

namespace Zkvm.Refinement.fri

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.field.extension (toExt square_spec)
open Zkvm.Refinement.protocol.domain (bitrev_coset_point_spec)

theorem index_of_getElem? {α : Type} {l : List α} {i : Usize} {a : α} (h : l[i.toNat]? = some a) :
    Slice.index l i = .ok a := by
  unfold Slice.index; rw [h]

theorem getD_of_lt {α : Type} (l : List α) (i : Nat) (d : α) (h : i < l.length) :
    l.getD i d = l[i] := by
  simp only [List.getD, List.getElem?_eq_getElem h, Option.getD_some]

theorem one_shl_toNat (k : Nat) (hk : k < 64) : ((1 : UInt64) <<< UInt64.ofNat k).toNat = 2 ^ k := by
  have e : (UInt64.ofNat k).toNat = k := UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  rw [UInt64.toNat_shiftLeft, e, Nat.mod_eq_of_lt hk, UInt64.toNat_one, Nat.one_shiftLeft,
    Nat.mod_eq_of_lt (Nat.pow_lt_pow_right (by omega) hk)]

theorem shl_toNat (a : UInt64) (k : Nat) (hk : k < 64) (h : a.toNat * 2 ^ k < 2 ^ 64) :
    (a <<< UInt64.ofNat k).toNat = a.toNat * 2 ^ k := by
  have e : (UInt64.ofNat k).toNat = k := UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  rw [UInt64.toNat_shiftLeft, e, Nat.mod_eq_of_lt hk, Nat.shiftLeft_eq, Nat.mod_eq_of_lt h]

/-- The bound on positions: a leaf of `2^m` values at index `li` of a layer of `2^L` values
(`li < 2^(L - k)`, `m ≤ k ≤ L`) ends inside the layer. -/
theorem leaf_end_le {li m k L : Nat} (hli : li < 2 ^ (L - k)) (hm : m ≤ k) (hk : k ≤ L) :
    li * 2 ^ m + 2 ^ m ≤ 2 ^ L := by
  have h1 : (li + 1) * 2 ^ m ≤ 2 ^ (L - k) * 2 ^ m := Nat.mul_le_mul_right _ (by omega)
  have h2 : 2 ^ (L - k) * 2 ^ m ≤ 2 ^ L := by
    rw [← Nat.pow_add]; exact Nat.pow_le_pow_right (by omega) (by omega)
  rw [Nat.add_mul, Nat.one_mul] at h1
  omega

theorem fold_leaf_spec (leaf : List Ext4) (β : Ext4) (leaf_index : UInt64)
    (shift_log log_size log_arity : UInt32)
    (hk0 : 0 < log_arity.toNat) (hkL : log_arity.toNat ≤ log_size.toNat) (hL : log_size.toNat ≤ 27)
    (hlen : leaf.length = 2 ^ log_arity.toNat)
    (hidx : leaf_index.toNat < 2 ^ (log_size.toNat - log_arity.toNat))
    (hshift : shift_log.toNat + log_arity.toNat < 2 ^ 32) :
    fri.fold_leaf (leaf.map toExt) (toExt β) leaf_index shift_log log_size log_arity =
      .ok (.ok (toExt (foldLeaf log_arity.toNat leaf β (leaf_index.toNat * 2 ^ log_arity.toNat)
        shift_log.toNat log_size.toNat))) := by
  have hk64 : log_arity.toNat < 64 := by omega
  have hpowk : 2 ^ log_arity.toNat < 2 ^ 64 := Nat.pow_lt_pow_right (by omega) hk64
  have hlenN := Slice.len_toNat (leaf.map toExt) (by simp [hlen]; exact hpowk)
  simp only [List.length_map] at hlenN
  unfold fri.fold_leaf
  have hc1 : (decide (log_arity = 0) || decide (log_arity > log_size) || decide (log_size ≥ 64))
      = false := by
    have a1 : log_arity ≠ 0 := fun h => by subst h; simp at hk0
    have a2 : ¬ log_arity > log_size := fun h => by
      rw [GT.gt, UInt32.lt_iff_toNat_lt] at h; omega
    have a3 : ¬ log_size ≥ 64 := fun h => by
      rw [GE.ge, UInt32.le_iff_toNat_le] at h; simp at h; omega
    simp [a1, a2, a3]
  rw [hc1]
  simp only [Bool.false_eq_true, if_false]
  rw [Usize.shl_eq 1 _ hk64, ok_bind]
  have hlen_eq : Slice.len (leaf.map toExt) = 1 <<< UInt64.ofNat log_arity.toNat :=
    UInt64.toNat_inj.mp (by rw [hlenN, one_shl_toNat _ hk64, hlen])
  simp only [hlen_eq, ne_eq, not_true_eq_false, if_false]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ leaf.length ∧ s.1 = (leaf.take s.2.toNat).map toExt)
    (Q := fun s => s.1 = leaf.map toExt)
  · intro ⟨work, i⟩ ⟨hi, hw⟩
    simp only at hi hw
    by_cases hlt : i < Slice.len (leaf.map toExt)
    · have hlt' : i.toNat < leaf.length := by rw [UInt64.lt_iff_toNat_lt, hlenN] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hix : Slice.index (leaf.map toExt) i = .ok (toExt leaf[i.toNat]) := by
        rw [Slice.index_eq _ _ (by simpa using hlt')]; simp
      left
      refine ⟨((leaf.take (i.toNat + 1)).map toExt, i + 1), ?_, ?_, ?_⟩
      · rw [← hlen_eq]
        simp only [hlt, if_true, hix, ok_bind, Usize.add_eq i 1 (by simp; omega), pure_ok, hw,
          Slice.push]
        rw [List.take_add_one, List.getElem?_eq_getElem hlt']
        simp only [List.map_append, Option.toList_some, List.map_cons, List.map_nil]
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; have := UInt64.toNat_lt i; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨(work, i), by rw [← hlen_eq]; simp only [hlt, if_false, pure_ok], ?_⟩
      have e : i.toNat = leaf.length := by
        rw [UInt64.lt_iff_toNat_lt, hlenN] at hlt; omega
      simp only [hw, e, List.take_length]
  · exact ⟨by simp, by simp [Slice.withCapacity]⟩
  intro ⟨work, i⟩ hw
  simp only at hw
  subst hw
  dsimp only
  have hbase0 : leaf_index.toNat * 2 ^ log_arity.toNat + 2 ^ log_arity.toNat ≤ 2 ^ log_size.toNat :=
    leaf_end_le hidx (Nat.le_refl _) hkL
  have h27 : 2 ^ log_size.toNat ≤ 2 ^ 27 := Nat.pow_le_pow_right (by omega) hL
  rw [U64.shl_eq _ _ hk64, ok_bind]
  apply loop_bind_ok
    (P := fun s => ∃ (m : Nat) (w : List Ext4) (b : Ext4) (rest : List (List UInt32)),
      m ≤ log_arity.toNat ∧ s.1.toNat = shift_log.toNat + log_arity.toNat - m ∧
      s.2.1.toNat = log_size.toNat - log_arity.toNat + m ∧
      s.2.2.2.1.toNat = leaf_index.toNat * 2 ^ m ∧ s.2.2.2.2.1.toNat = 2 ^ m ∧
      w.length = 2 ^ m ∧ s.2.2.1 = w.map toExt ++ rest ∧ s.2.2.2.2.2 = toExt b ∧
      foldLeaf m w b (leaf_index.toNat * 2 ^ m) (shift_log.toNat + log_arity.toNat - m)
        (log_size.toNat - log_arity.toNat + m) =
      foldLeaf log_arity.toNat leaf β (leaf_index.toNat * 2 ^ log_arity.toNat) shift_log.toNat
        log_size.toNat)
    (Q := fun r => ∃ st, r = Exit.brk st ∧ Slice.index st.2.2.1 0 = .ok (toExt
      (foldLeaf log_arity.toNat leaf β (leaf_index.toNat * 2 ^ log_arity.toNat) shift_log.toNat
        log_size.toNat)))
  · intro ⟨shift, level, work, base, size, ch⟩ ⟨m, w, b, rest, hm, hsh, hlv, hb, hsz, hwl, hwork, hch, hres⟩
    dsimp only at hsh hlv hb hsz hwork hch
    subst hwork hch
    dsimp only
    by_cases hs : size > 1
    · obtain ⟨m', rfl⟩ : ∃ m', m = m' + 1 := ⟨m - 1, by
        have : 1 < size.toNat := by rw [GT.gt, UInt64.lt_iff_toNat_lt] at hs; simpa using hs
        rcases m with _ | m
        · simp at hsz; omega
        · simp⟩
      have hpm : 2 ^ (m' + 1) = 2 * 2 ^ m' := by rw [Nat.pow_succ, Nat.mul_comm]
      have hend : leaf_index.toNat * 2 ^ (m' + 1) + 2 ^ (m' + 1) ≤ 2 ^ log_size.toNat :=
        leaf_end_le hidx hm hkL
      have hhalf : (size / 2).toNat = 2 ^ m' := by
        rw [UInt64.toNat_div, hsz]; simp [hpm]
      obtain ⟨W, hW⟩ : ∃ W, W = w.map toExt := ⟨_, rfl⟩
      obtain ⟨Fs, hFs⟩ : ∃ Fs, Fs = foldRound w b base.toNat shift.toNat level.toNat := ⟨_, rfl⟩
      obtain ⟨F, hF⟩ : ∃ F, F = Fs.map toExt := ⟨_, rfl⟩
      have hFl : F.length = 2 ^ m' := by
        rw [hF, List.length_map, hFs, length_foldRound, hwl, hpm]; omega
      have hWl : W.length = 2 * 2 ^ m' := by rw [hW, List.length_map, hwl, hpm]
      have hdiv2 : leaf_index.toNat * 2 ^ (m' + 1) / 2 = leaf_index.toNat * 2 ^ m' := by
        rw [hpm, Nat.mul_left_comm, Nat.mul_div_cancel_left _ (by omega)]
      have hlv27 : level.toNat ≤ 27 := by omega
      have hlv1 : 1 ≤ level.toNat := by omega
      left
      refine ⟨(shift + 1, level - 1, F ++ (W.drop (2 ^ m') ++ rest), base >>> 1, size / 2,
        toExt (b * b)), ?_, ?_, ?_⟩
      · simp only [hs, if_true, Usize.div_eq size 2 (by decide), ok_bind]
        apply loop_bind_ok
          (P := fun t => t.1 = shift ∧ t.2.1 = level ∧ t.2.2.2.toNat ≤ 2 ^ m' ∧
            t.2.2.1 = F.take t.2.2.2.toNat ++ W.drop t.2.2.2.toNat ++ rest)
          (Q := fun r => r = Exit.brk (shift, level, F.take (2 ^ m') ++ W.drop (2 ^ m') ++ rest,
            size / 2))
        · intro ⟨sh', lv', wk, v⟩ ⟨h1, h2, hv, hwk⟩
          dsimp only at h1 h2 hv hwk
          subst sh' lv' wk
          dsimp only
          by_cases hvl : v < size / 2
          · have hv' : v.toNat < 2 ^ m' := by rw [UInt64.lt_iff_toNat_lt, hhalf] at hvl; exact hvl
            have hm64 : 2 ^ m' < 2 ^ 27 := by
              have : 2 ^ (m' + 1) ≤ 2 ^ log_size.toNat := by omega
              rw [hpm] at this; omega
            have e1 : (v + 1).toNat = v.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
            have h2v : (2 * v).toNat = 2 * v.toNat := by
              simp only [UInt64.toNat_mul]; simp; omega
            have h2v1 : (2 * v + 1).toNat = 2 * v.toNat + 1 := by
              simp only [UInt64.toNat_add, h2v]; simp; omega
            have hpos : (base + 2 * v).toNat = base.toNat + 2 * v.toNat := by
              simp only [UInt64.toNat_add, h2v]; omega
            have hread0 : Slice.index (F.take v.toNat ++ W.drop v.toNat ++ rest) (2 * v) =
                .ok (toExt (w[2 * v.toNat]'(by omega))) := index_of_getElem? (by
              rw [h2v, getElem?_state F W rest (by omega) (by omega) (by omega), hW,
                List.getElem?_map, List.getElem?_eq_getElem (by omega)]; rfl)
            have hread1 : Slice.index (F.take v.toNat ++ W.drop v.toNat ++ rest) (2 * v + 1) =
                .ok (toExt (w[2 * v.toNat + 1]'(by omega))) := index_of_getElem? (by
              rw [h2v1, getElem?_state F W rest (by omega) (by omega) (by omega), hW,
                List.getElem?_map, List.getElem?_eq_getElem (by omega)]; rfl)
            have hval : toExt (foldPair (w[2 * v.toNat]'(by omega)) (w[2 * v.toNat + 1]'(by omega)) b
                (bitrevCosetPoint shift.toNat level.toNat (base + 2 * v).toNat)) =
                F[v.toNat]'(by omega) := by
              simp only [hF, hFs, List.getElem_map, foldRound, List.getElem_range, hpos]
              rw [getD_of_lt _ _ _ (by omega), getD_of_lt _ _ _ (by omega)]
            have hupd := Slice.update_eq (F.take v.toNat ++ W.drop v.toNat ++ rest) v
              (F[v.toNat]'(by omega))
              (by rw [length_state F W rest (by omega) (by omega)]; omega)
            left
            refine ⟨(shift, level, F.take (v.toNat + 1) ++ W.drop (v.toNat + 1) ++ rest, v + 1),
              ?_, ?_, ?_⟩
            · rw [if_pos hvl, U64.mul_eq 2 v (by simp; omega), ok_bind,
                U64.add_eq base (2 * v) (by rw [h2v]; omega), ok_bind, bitrev_coset_point_spec,
                ok_bind, if_pos hlv27]
              dsimp only
              rw [pure_ok, ok_bind, Usize.mul_eq 2 v (by simp; omega), ok_bind, hread0, ok_bind, ok_bind,
                Usize.add_eq (2 * v) 1 (by rw [h2v]; simp; omega), ok_bind, hread1, ok_bind,
                fold_pair_spec, ok_bind, hval, hupd, ok_bind, Usize.add_eq v 1 (by simp; omega),
                ok_bind, pure_ok, set_state F W rest (by omega) (by omega)]
            · show 2 ^ 64 - (v + 1).toNat < 2 ^ 64 - v.toNat
              rw [e1]; have := UInt64.toNat_lt v; omega
            · exact ⟨rfl, rfl, by rw [e1]; omega, by rw [e1]⟩
          · right
            refine ⟨_, by rw [if_neg hvl, pure_ok], ?_⟩
            have hv2 : v = size / 2 := by
              apply UInt64.toNat_inj.mp
              rw [hhalf]
              have : ¬ v.toNat < (size / 2).toNat := fun h => hvl (UInt64.lt_iff_toNat_lt.mpr h)
              rw [hhalf] at this; omega
            subst hv2
            rw [hhalf]
        · exact ⟨rfl, rfl, by simp, by rw [hW]; simp⟩
        · intro r hr
          subst hr
          dsimp only
          have hca : U32.checked_add shift 1 = some (shift + 1) := by
            simp only [U32.checked_add]; rw [if_pos (by simp; omega)]
          rw [U64.shr_eq base 1 (by decide), ok_bind, U32.sub_eq level 1 (by simp; omega), ok_bind,
            hca]
          dsimp only
          rw [pure_ok, ok_bind, square_spec, ok_bind, pure_ok, List.take_of_length_le (by omega),
            List.append_assoc]
          rfl
      · show (size / 2).toNat < size.toNat
        rw [hhalf, hsz, hpm]; have := Nat.one_le_two_pow (n := m'); omega
      · refine ⟨m', Fs, b * b, W.drop (2 ^ m') ++ rest, by omega, ?_, ?_, ?_, hhalf, ?_,
          by first | rfl | rw [hF], rfl, ?_⟩
        · dsimp only
          rw [UInt32.toNat_add]; simp; omega
        · dsimp only
          rw [UInt32.toNat_sub_of_le _ _ (by rw [UInt32.le_iff_toNat_le]; simp; omega)]; simp; omega
        · dsimp only
          rw [UInt64.toNat_shiftRight, hb]; simp [Nat.shiftRight_eq_div_pow, hdiv2]
        · rw [hFs, length_foldRound, hwl, hpm]; omega
        · rw [← hres, foldLeaf, hFs, hb, hsh, hlv, hdiv2,
            show shift_log.toNat + log_arity.toNat - (m' + 1) + 1 =
              shift_log.toNat + log_arity.toNat - m' by omega,
            show log_size.toNat - log_arity.toNat + (m' + 1) - 1 =
              log_size.toNat - log_arity.toNat + m' by omega]
    · right
      refine ⟨_, by rw [if_neg hs, pure_ok], _, rfl, ?_⟩
      have hm0 : m = 0 := by
        have : ¬ 1 < size.toNat := fun h => hs (by rw [GT.gt, UInt64.lt_iff_toNat_lt]; simpa using h)
        rw [hsz] at this
        rcases m with _ | m
        · rfl
        · have := Nat.one_le_two_pow (n := m); rw [Nat.pow_succ] at *; omega
      subst hm0
      have hw1 : 0 < w.length := by rw [hwl]; simp
      dsimp only
      rw [index_of_getElem? (a := toExt (w[0]'hw1)) (by simp [List.getElem?_append_left, hw1]), ← hres,
        foldLeaf, getD_of_lt _ _ _ hw1]
  · refine ⟨log_arity.toNat, leaf, β, [], Nat.le_refl _, by simp, by simp; omega, ?_, ?_, hlen,
      by simp, rfl, by simp only [Nat.add_sub_cancel, Nat.sub_add_cancel hkL]⟩
    · exact shl_toNat _ _ hk64 (by omega)
    · exact one_shl_toNat _ hk64
  · intro r ⟨st, hr, hix⟩
    subst hr
    simp only [hix, ok_bind, pure_ok]

end Zkvm.Refinement.fri

namespace Zkvm.Refinement.fri

open Zkvm.Extraction Zkvm.Extracted

/-- A leaf schedule out of shape (no fold, more folds than the layer has, or a layer of `2^64`
points or more) is rejected with `WrongProofShape`, never a panic. -/
theorem fold_leaf_bad_arity (leaf : List field.extension.Ext) (β : field.extension.Ext)
    (leaf_index : UInt64) (shift_log log_size log_arity : UInt32)
    (h : log_arity.toNat = 0 ∨ log_size.toNat < log_arity.toNat ∨ 64 ≤ log_size.toNat) :
    fri.fold_leaf leaf β leaf_index shift_log log_size log_arity =
      .ok (.error .WrongProofShape) := by
  unfold fri.fold_leaf
  have hc : (decide (log_arity = 0) || decide (log_arity > log_size) || decide (log_size ≥ 64))
      = true := by
    rcases h with h | h | h
    · have : log_arity = 0 := UInt32.toNat_inj.mp (by simpa using h)
      simp [this]
    · have : log_arity > log_size := UInt32.lt_iff_toNat_lt.mpr h
      simp [this]
    · have : log_size ≥ 64 := UInt32.le_iff_toNat_le.mpr (by simpa using h)
      simp [this]
  rw [if_pos hc]; rfl

/-- A leaf of the wrong length is rejected with `WrongProofShape`, never a panic. -/
theorem fold_leaf_bad_length (leaf : List field.extension.Ext) (β : field.extension.Ext)
    (leaf_index : UInt64) (shift_log log_size log_arity : UInt32)
    (hk : 0 < log_arity.toNat) (hkL : log_arity.toNat ≤ log_size.toNat) (hL : log_size.toNat < 64)
    (hlen : leaf.length < 2 ^ 64) (h : leaf.length ≠ 2 ^ log_arity.toNat) :
    fri.fold_leaf leaf β leaf_index shift_log log_size log_arity =
      .ok (.error .WrongProofShape) := by
  unfold fri.fold_leaf
  have hc : (decide (log_arity = 0) || decide (log_arity > log_size) || decide (log_size ≥ 64))
      = false := by
    have a1 : log_arity ≠ 0 := fun h => by subst h; simp at hk
    have a2 : ¬ log_arity > log_size := fun h => by
      rw [GT.gt, UInt32.lt_iff_toNat_lt] at h; omega
    have a3 : ¬ log_size ≥ 64 := fun h => by
      rw [GE.ge, UInt32.le_iff_toNat_le] at h; simp at h; omega
    simp [a1, a2, a3]
  rw [hc]
  simp only [Bool.false_eq_true, if_false]
  rw [Usize.shl_eq 1 _ (by omega), ok_bind]
  have hne : Slice.len leaf ≠ 1 <<< UInt64.ofNat log_arity.toNat := fun he => by
    have := congrArg UInt64.toNat he
    rw [Slice.len_toNat _ hlen, one_shl_toNat _ (by omega)] at this
    exact h this
  rw [if_pos hne]; rfl

end Zkvm.Refinement.fri
