module

public import Zkvm.Refinement.Protocol.FriSchedule
public import Zkvm.Refinement.Fri.FoldLeaf

/-!
# `params::final_poly_len` computes `Spec.finalPolyLen`

Without zero knowledge, 2^log_final_poly_len; with it, the masked degree bound walked down the
FRI schedule (`Spec.foldBound`): the outer loop over the arities and, per fold, the inner loop
over the tables' heights that raises the bound where a table joins. Every `u64` and `u32`
operation stays in range for validated parameters (the bound below 2^41, shifts below 40), so the
function never panics (`final_poly_len_spec`).
-/

@[expose] public section

namespace Zkvm.Refinement.protocol.params

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec
open Zkvm.Refinement.fri (one_shl_toNat)

theorem aritiesFrom_length (a floor : Nat) (hs : List Nat) :
    ∀ fuel cur, (aritiesFrom a floor hs fuel cur).length ≤ fuel
  | 0, _ => by simp [aritiesFrom]
  | f + 1, cur => by
    simp only [aritiesFrom]
    split
    · simp only [List.length_cons]; have := aritiesFrom_length a floor hs f; grind
    · simp

theorem final_poly_len_spec (p : protocol.params.StarkParams) (hv : (toSpec p).Valid)
    (hs : List UInt32) (hl : hs.length < 2 ^ 64) :
    ∃ v, protocol.params.final_poly_len p hs = .ok v ∧
      v.toNat = finalPolyLen (toSpec p) (hs.map UInt32.toNat) := by
  have hv' := hv
  simp only [Params.Valid, toSpec] at hv'
  obtain ⟨hb1, hb4, hq1, hq1024, -, hf10, ha1, ha4, -⟩ := hv'
  have hn := Slice.len_toNat hs hl
  unfold protocol.params.final_poly_len
  cases hz : p.zk
  · refine ⟨(1 : UInt64) <<< UInt64.ofNat p.log_final_poly_len.toNat, ?_, ?_⟩
    · simp only [Bool.not_false, ↓reduceIte]
      rw [Usize.shl_eq 1 _ (by omega), ok_bind, pure_ok]
    · simp only [finalPolyLen, toSpec, hz, Bool.not_false, ↓reduceIte]
      exact one_shl_toNat _ (by omega)
  · simp only [Bool.not_true, Bool.false_eq_true, ↓reduceIte]
    rw [zk_mask_len_spec p (by omega), ok_bind]
    obtain ⟨ar, har, harN⟩ := fri_log_arities_spec p hv hs hl
    rw [har, ok_bind, tallest_spec hs hl, ok_bind]
    have hzN : zkMaskLen (toSpec p) = 2 * p.num_queries.toNat + 2 := by
      simp [zkMaskLen, toSpec, hz]
    have hzv : (UInt32.ofNat (zkMaskLen (toSpec p))).toUInt64.toNat = zkMaskLen (toSpec p) := by
      simp only [UInt32.toNat_toUInt64, UInt32.toNat_ofNat']; exact Nat.mod_eq_of_lt (by omega)
    generalize (UInt32.ofNat (zkMaskLen (toSpec p))).toUInt64 = z at hzv
    have htop := tallestU32_toNat hs
    generalize tallestU32 hs = top at htop
    obtain ⟨N, hN⟩ : ∃ N, N = hs.map UInt32.toNat := ⟨_, rfl⟩
    rw [← hN] at htop harN ⊢
    have hzs : (toSpec p).zk = true := hz
    have hbl : (toSpec p).logBlowup = p.log_blowup.toNat := rfl
    simp only [finalPolyLen, hzs, hbl, Bool.not_true, Bool.false_eq_true, ↓reduceIte]
    generalize zkMaskLen (toSpec p) = zN at hzv hzN
    by_cases h1 : top < p.log_blowup
    · have h1' : top.toNat < p.log_blowup.toNat := UInt32.lt_iff_toNat_lt.mp h1
      refine ⟨0, ?_, ?_⟩
      · rw [if_pos h1]; simp only [pure_ok, ok_bind, ↓reduceIte]
      · rw [if_pos (Or.inl (by rw [← htop]; exact h1'))]; rfl
    · have h1' : p.log_blowup.toNat ≤ top.toNat :=
        Nat.le_of_not_lt (fun h => h1 (UInt32.lt_iff_toNat_lt.mpr h))
      have hsub : (top - p.log_blowup).toNat = top.toNat - p.log_blowup.toNat :=
        UInt32.toNat_sub_of_le _ _ (UInt32.le_iff_toNat_le.mpr h1')
      rw [if_neg h1, U32.sub_eq _ _ h1', ok_bind, pure_ok, ok_bind]
      by_cases h40 : top.toNat - p.log_blowup.toNat ≥ 40
      · refine ⟨0, ?_, ?_⟩
        · have : decide (top - p.log_blowup ≥ 40) = true := by
            simp only [decide_eq_true_eq]; exact UInt32.le_iff_toNat_le.mpr (by rw [hsub]; simpa using h40)
          rw [this]; simp only [↓reduceIte]; rfl
        · rw [if_pos (Or.inr (by rw [← htop]; exact h40))]; rfl
      · have : decide (top - p.log_blowup ≥ 40) = false := by
          simp only [decide_eq_false_iff_not]
          intro hh; exact h40 (by have := UInt32.le_iff_toNat_le.mp hh; rw [hsub] at this; simpa using this)
        rw [this]
        simp only [Bool.false_eq_true, ↓reduceIte]
        rw [if_neg (by rw [← htop]; omega)]
        have hp40 := Nat.pow_le_pow_right (by decide : 0 < 2)
          (by omega : top.toNat - p.log_blowup.toNat ≤ 40)
        have hsh : ((1 : UInt64) <<< UInt64.ofNat (top - p.log_blowup).toNat).toNat =
            2 ^ (top.toNat - p.log_blowup.toNat) := by
          rw [one_shl_toNat _ (by rw [hsub]; omega), hsub]
        rw [ok_bind, U64.shl_eq _ _ (by rw [hsub]; omega), ok_bind,
          U64.add_eq _ _ (by rw [hsh, hzv]; omega), ok_bind]
        -- the schedule's facts
        have hlenar : ar.length < 2 ^ 64 := by
          have : (ar.map UInt32.toNat).length = ar.length := List.length_map _
          have hfa : (friArities (toSpec p) N).length ≤ tallest N := by
            unfold friArities
            exact aritiesFrom_length _ _ _ _ _
          have : tallest N < 2 ^ 32 := by rw [← htop]; exact top.toNat_lt
          rw [harN] at *; omega
        have hT := htop
        rw [← harN]
        obtain ⟨fl, hfl⟩ : ∃ fl, fl = p.log_final_poly_len.toNat + p.log_blowup.toNat := ⟨_, rfl⟩
        have hbnd : ∀ k ∈ ar.map UInt32.toNat, 1 ≤ k ∧ k ≤ p.log_fri_arity.toNat := by
          rw [harN]; exact aritiesFrom_bounds _ _ _ _ _
        have hsum : fl ≤ top.toNat → (ar.map UInt32.toNat).sum + fl = top.toNat := by
          intro hle
          rw [harN, friArities, sum_aritiesFrom _ _ _ (by simp [toSpec]; omega) _ _
            (by simp [toSpec]; rw [← hfl, ← htop]; exact hle) (by omega)]
          simp [toSpec]; rw [← hfl, ← htop]; omega
        have hnil : ¬ fl ≤ top.toNat → ar = [] := by
          intro hlt
          have : friArities (toSpec p) N = [] := by
            unfold friArities
            cases hT' : tallest N with
            | zero => simp [aritiesFrom]
            | succ c => simp only [aritiesFrom]; rw [if_neg (by simp [toSpec]; omega)]
          rw [← harN] at this
          exact List.map_eq_nil_iff.mp this
        have hlen := Slice.len_toNat ar hlenar
        obtain ⟨arN, harN'⟩ : ∃ arN, arN = ar.map UInt32.toNat := ⟨_, rfl⟩
        rw [← harN'] at hbnd hsum ⊢
        obtain ⟨final, hfinal⟩ : ∃ final, final = foldBound p.log_blowup.toNat zN N arN
            (2 ^ (tallest N - p.log_blowup.toNat) + zN) (tallest N) := ⟨_, rfl⟩
        rw [← hfinal]
        have hT40 : top.toNat - p.log_blowup.toNat < 40 := by omega
        apply loop_bind_ex (R := fun (v : UInt64) => v.toNat = final)
          (P := fun (s : UInt64 × UInt32 × Usize) => s.2.2.toNat ≤ ar.length ∧
            s.1.toNat < 2 ^ 41 ∧ s.2.1.toNat ≤ top.toNat ∧
            ((arN.drop s.2.2.toNat).sum + fl ≤ s.2.1.toNat ∨ ar.length ≤ s.2.2.toNat) ∧
            foldBound p.log_blowup.toNat zN N (arN.drop s.2.2.toNat) s.1.toNat s.2.1.toNat = final)
          (Q := fun (r : UInt64 × UInt32 × Usize) => r.1.toNat = final)
        · intro ⟨b, cur, r⟩ ⟨hr, hb, hcur, hsm, hfb⟩
          dsimp only at hr hb hcur hsm hfb ⊢
          by_cases hlt : r < Slice.len ar
          · have hlt' : r.toNat < ar.length := by
              have := UInt64.lt_iff_toNat_lt.mp hlt; rw [hlen] at this; exact this
            have hlN : r.toNat < arN.length := by rw [harN', List.length_map]; exact hlt'
            have hkN : (ar[r.toNat]).toNat = arN[r.toNat] := by simp [harN']
            have hdrop : arN.drop r.toNat = arN[r.toNat] :: arN.drop (r.toNat + 1) :=
              List.drop_eq_getElem_cons hlN
            obtain ⟨k1, k4⟩ := hbnd _ (List.getElem_mem hlN)
            have hsm' : arN[r.toNat] + (arN.drop (r.toNat + 1)).sum + fl ≤ cur.toNat := by
              rcases hsm with h | h
              · rw [hdrop, List.sum_cons] at h; omega
              · omega
            generalize hK : ar[r.toNat] = K at hkN
            generalize hkk : arN[r.toNat] = kN at hkN hsm' hdrop k1 k4
            have hKc : K.toNat ≤ cur.toNat := by omega
            have hcK : (cur - K).toNat = cur.toNat - kN := by
              rw [UInt32.toNat_sub_of_le _ _ (UInt32.le_iff_toNat_le.mpr hKc), hkN]
            have hpk : 2 ^ kN ≤ 16 :=
              calc 2 ^ kN ≤ 2 ^ 4 := Nat.pow_le_pow_right (by decide) (by omega)
                _ = 16 := rfl
            have hpk1 : 1 ≤ 2 ^ kN := Nat.one_le_two_pow
            have hshk : ((1 : UInt64) <<< UInt64.ofNat K.toNat).toNat = 2 ^ kN := by
              rw [one_shl_toNat _ (by omega), hkN]
            obtain ⟨b', hb'⟩ : ∃ b', b' = (b.toNat + 2 ^ kN - 1) / 2 ^ kN := ⟨_, rfl⟩
            have hb'le : b' ≤ b.toNat := by
              have hbm : b.toNat ≤ b.toNat * 2 ^ kN := Nat.le_mul_of_pos_right _ hpk1
              have : b' < b.toNat + 1 := by
                rw [hb']
                apply (Nat.div_lt_iff_lt_mul (by omega)).mpr
                rw [Nat.add_mul, Nat.one_mul]; omega
              omega
            obtain ⟨c', hc'⟩ : ∃ c', c' = cur.toNat - kN := ⟨_, rfl⟩
            have hc'bl : p.log_blowup.toNat ≤ c' := by omega
            obtain ⟨own, hown⟩ : ∃ own, own = 2 ^ (c' - p.log_blowup.toNat) + zN := ⟨_, rfl⟩
            have hp39 : 2 ^ (c' - p.log_blowup.toNat) ≤ 2 ^ 40 :=
              Nat.pow_le_pow_right (by decide) (by omega)
            obtain ⟨newb, hnewb⟩ : ∃ newb, newb = if N.contains c' then max b' own else b' :=
              ⟨_, rfl⟩
            have hnb : newb < 2 ^ 41 := by
              rw [hnewb]; split <;> omega
            left
            have hr1 : r.toNat + 1 < 2 ^ 64 := by omega
            have hsub1 : (1 : UInt64).toNat ≤ (b + (1 : UInt64) <<< UInt64.ofNat K.toNat).toNat := by
              rw [UInt64.toNat_add, hshk, show (1 : UInt64).toNat = 1 from rfl]; omega
            have hshr : ((b + (1 : UInt64) <<< UInt64.ofNat K.toNat - 1) >>>
                UInt64.ofNat K.toNat).toNat = b' := by
              rw [UInt64.toNat_shiftRight, UInt64.toNat_sub_of_le _ _ (UInt64.le_iff_toNat_le.mpr
                hsub1), UInt64.toNat_add, hshk]
              have e : (UInt64.ofNat K.toNat).toNat = kN := by
                simp only [UInt64.toNat_ofNat']; rw [hkN]; exact Nat.mod_eq_of_lt (by omega)
              rw [e, Nat.mod_eq_of_lt (by omega : kN < 64), Nat.shiftRight_eq_div_pow, hb']
              simp only [show (1 : UInt64).toNat = 1 from rfl]
              congr 1; omega
            -- the table's own bound at log size c', as a u64
            have hcb : p.log_blowup.toNat ≤ (cur - K).toNat := by rw [hcK]; omega
            have hsubc : ((cur - K) - p.log_blowup).toNat = c' - p.log_blowup.toNat := by
              rw [UInt32.toNat_sub_of_le _ _ (UInt32.le_iff_toNat_le.mpr hcb), hcK, hc']
            have hownv : ((1 : UInt64) <<< UInt64.ofNat ((cur - K) - p.log_blowup).toNat +
                z).toNat = own := by
              rw [UInt64.toNat_add, one_shl_toNat _ (by rw [hsubc]; omega), hsubc, hzv, hown]
              omega
            refine ⟨(UInt64.ofNat newb, cur - K, r + 1), ?_, ?_, ?_⟩
            · rw [if_pos hlt, Slice.index_eq _ _ hlt', hK, ok_bind,
                U64.shl_eq _ _ (by omega), ok_bind,
                U64.add_eq _ _ (by rw [hshk]; omega), ok_bind,
                U64.sub_eq _ _ hsub1, ok_bind,
                U64.shr_eq _ _ (by omega), ok_bind,
                U32.sub_eq _ _ hKc, ok_bind]
              apply loop_bind_ok
                (P := fun (x : UInt64 × Usize) => x.2.toNat ≤ hs.length ∧
                  x.1.toNat = if (N.take x.2.toNat).contains c' then max b' own else b')
                (Q := fun (x : UInt64 × Usize) => x.1 = UInt64.ofNat newb)
              · intro ⟨bb, u⟩ ⟨hu, hbb⟩
                dsimp only at hu hbb ⊢
                by_cases hul : u < Slice.len hs
                · have hul' : u.toNat < hs.length := by
                    have := UInt64.lt_iff_toNat_lt.mp hul; rw [hn] at this; exact this
                  have eu : (u + 1).toNat = u.toNat + 1 := by
                    rw [UInt64.toNat_add]; simp; omega
                  have htake : N.take (u.toNat + 1) = N.take u.toNat ++ [hs[u.toNat].toNat] := by
                    rw [hN, List.take_add_one]; simp [List.getElem?_eq_getElem hul']
                  left
                  by_cases heq : hs[u.toNat] = cur - K
                  · have hv : hs[u.toNat].toNat = c' := by rw [heq, hcK, hc']
                    refine ⟨(if (1 : UInt64) <<< UInt64.ofNat ((cur - K) - p.log_blowup).toNat + z >
                      bb then (1 : UInt64) <<< UInt64.ofNat ((cur - K) - p.log_blowup).toNat + z
                      else bb, u + 1), ?_, ?_, ?_⟩
                    · rw [if_pos hul, Slice.index_eq _ _ hul', ok_bind, if_pos heq,
                        U32.sub_eq _ _ hcb, ok_bind, U64.shl_eq _ _ (by rw [hsubc]; omega), ok_bind,
                        U64.add_eq _ _ (by rw [one_shl_toNat _ (by rw [hsubc]; omega), hsubc, hzv]; omega),
                        ok_bind]
                      split
                      · rw [pure_ok, ok_bind, Usize.add_eq _ 1 (by simp; omega), ok_bind, pure_ok]
                      · rw [pure_ok, ok_bind, Usize.add_eq _ 1 (by simp; omega), ok_bind, pure_ok]
                    · show 2 ^ 64 - (u + 1).toNat < 2 ^ 64 - u.toNat
                      rw [eu]; omega
                    · refine ⟨by rw [eu]; omega, ?_⟩
                      dsimp only
                      rw [eu, htake, hv]
                      have hc : (N.take u.toNat ++ [c']).contains c' = true := by simp
                      rw [hc, if_pos rfl]
                      split
                      · rename_i hgt
                        have := UInt64.lt_iff_toNat_lt.mp hgt
                        rw [hownv] at this ⊢
                        split at hbb <;> omega
                      · rename_i hgt
                        have := fun h => hgt (UInt64.lt_iff_toNat_lt.mpr (by rw [hownv]; exact h))
                        have hle : own ≤ bb.toNat := Nat.le_of_not_lt this
                        split at hbb <;> omega
                  · have hv : hs[u.toNat].toNat ≠ c' := by
                      intro h; apply heq; apply UInt32.toNat_inj.mp; rw [h, hcK, hc']
                    refine ⟨(bb, u + 1), ?_, ?_, ?_⟩
                    · rw [if_pos hul, Slice.index_eq _ _ hul', ok_bind, if_neg heq, pure_ok, ok_bind,
                        Usize.add_eq _ 1 (by simp; omega), ok_bind, pure_ok]
                    · show 2 ^ 64 - (u + 1).toNat < 2 ^ 64 - u.toNat
                      rw [eu]; omega
                    · refine ⟨by rw [eu]; omega, ?_⟩
                      dsimp only
                      rw [eu, htake, hbb]
                      have : (N.take u.toNat ++ [hs[u.toNat].toNat]).contains c' =
                          (N.take u.toNat).contains c' := by
                        simp; intro h; exact absurd h.symm hv
                      rw [this]
                · right
                  refine ⟨(bb, u), by rw [if_neg hul, pure_ok], ?_⟩
                  have hule : hs.length ≤ u.toNat :=
                    Nat.le_of_not_lt (fun h => hul (UInt64.lt_iff_toNat_lt.mpr (by rw [hn]; exact h)))
                  have : N.take u.toNat = N := by
                    rw [List.take_of_length_le (by rw [hN, List.length_map]; omega)]
                  rw [this, ← hnewb] at hbb
                  show bb = UInt64.ofNat newb
                  apply UInt64.toNat_inj.mp
                  rw [hbb]; simp only [UInt64.toNat_ofNat']; exact (Nat.mod_eq_of_lt (by omega)).symm
              · refine ⟨by simp, ?_⟩
                dsimp only
                rw [hshr]
                simp
              · intro x hx
                rw [Usize.add_eq r 1 (by simp; omega), ok_bind, pure_ok, hx]
            · show 2 ^ 64 - (r + 1).toNat < 2 ^ 64 - r.toNat
              have : (r + 1).toNat = r.toNat + 1 := by
                rw [UInt64.toNat_add]; simp; omega
              omega
            · have e1 : (r + 1).toNat = r.toNat + 1 := by
                rw [UInt64.toNat_add]; simp; omega
              have e2 : (UInt64.ofNat newb).toNat = newb := by
                simp only [UInt64.toNat_ofNat']; exact Nat.mod_eq_of_lt (by omega)
              dsimp only
              rw [e1, e2, hcK]
              refine ⟨by omega, hnb, by omega, Or.inl (by omega), ?_⟩
              rw [← hfb, hdrop, foldBound, ← hb', ← hc', ← hown, hnewb]
          · right
            refine ⟨(b, cur, r), by rw [if_neg hlt, pure_ok], ?_⟩
            have : ar.length ≤ r.toNat :=
              Nat.le_of_not_lt (fun h => hlt (UInt64.lt_iff_toNat_lt.mpr (by rw [hlen]; exact h)))
            rw [← hfb, List.drop_eq_nil_of_le (by rw [harN', List.length_map]; exact this)]
            rfl
        · refine ⟨by simp, ?_, by simp, ?_, ?_⟩
          · show ((1 : UInt64) <<< UInt64.ofNat (top - p.log_blowup).toNat + z).toNat < 2 ^ 41
            rw [UInt64.toNat_add, hsh, hzv]
            have : 2 ^ (top.toNat - p.log_blowup.toNat) ≤ 2 ^ 40 := hp40
            omega
          · show (arN.drop (0 : UInt64).toNat).sum + fl ≤ top.toNat ∨ ar.length ≤ (0 : UInt64).toNat
            by_cases hle : fl ≤ top.toNat
            · left; simp only [UInt64.toNat_zero, List.drop_zero]; have := hsum hle; omega
            · right; rw [hnil hle]; simp
          · show foldBound _ zN N (arN.drop (0 : UInt64).toNat)
              ((1 : UInt64) <<< UInt64.ofNat (top - p.log_blowup).toNat + z).toNat top.toNat = final
            rw [UInt64.toNat_zero, List.drop_zero, UInt64.toNat_add, hsh, hzv, hfinal, htop]
            congr 1
            have : 2 ^ (top.toNat - p.log_blowup.toNat) ≤ 2 ^ 40 := hp40
            rw [← htop]; omega
        · intro r hq
          exact ⟨r.1, rfl, hq⟩

end Zkvm.Refinement.protocol.params
