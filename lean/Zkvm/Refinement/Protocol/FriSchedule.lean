module

public import Zkvm.Refinement.Protocol.Params
public import Zkvm.Spec.FriSchedule
public import Zkvm.Extraction.LoopEq
public import Zkvm.Refinement.TranscriptSqueeze

/-!
# The extracted FRI schedule computes `Zkvm.Spec.friArities`

`params::tallest` is the largest height, `params::log_final_layer` the final layer's log size,
and `params::fri_log_arities` (on validated parameters and heights below `2^32`) the spec's
schedule, whose arities are between 1 and the FRI arity, add up to the distance from the
tallest domain to the final layer, and pass through every table domain in between
(`Zkvm.Spec.FriSchedule`). None of them panics.
-/

@[expose] public section

namespace Zkvm.Refinement.protocol.params

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec

/-- The largest of `u32` heights, as the Rust loop keeps it. -/
def tallestU32 (hs : List UInt32) : UInt32 := hs.foldl (fun top h => if h > top then h else top) 0

theorem foldl_max_toNat : ∀ (hs : List UInt32) (top : UInt32),
    (hs.foldl (fun top h => if h > top then h else top) top).toNat =
      (hs.map UInt32.toNat).foldl (fun top h => if h > top then h else top) top.toNat
  | [], _ => rfl
  | h :: hs, top => by
    simp only [List.foldl_cons, List.map_cons]
    by_cases hg : h > top
    · have : h.toNat > top.toNat := UInt32.lt_iff_toNat_lt.mp hg
      rw [if_pos hg, if_pos this]; exact foldl_max_toNat hs h
    · have : ¬ h.toNat > top.toNat := fun hh => hg (UInt32.lt_iff_toNat_lt.mpr hh)
      rw [if_neg hg, if_neg this]; exact foldl_max_toNat hs top

theorem tallestU32_toNat (hs : List UInt32) :
    (tallestU32 hs).toNat = Spec.tallest (hs.map UInt32.toNat) :=
  foldl_max_toNat hs 0

/-- `tallest` is the largest height; it never panics. -/
theorem tallest_spec (hs : List UInt32) (hl : hs.length < 2 ^ 64) :
    protocol.params.tallest hs = .ok (tallestU32 hs) := by
  have hn := Slice.len_toNat hs hl
  unfold protocol.params.tallest
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ hs.length ∧
      s.1 = (hs.take s.2.toNat).foldl (fun top h => if h > top then h else top) 0)
    (Q := fun s => s.1 = tallestU32 hs)
  · intro ⟨top, t⟩ ⟨ht, htop⟩
    dsimp only at ht htop
    subst htop
    dsimp only
    by_cases hlt : t < Slice.len hs
    · have hlt' : t.toNat < hs.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
      have e : (t + 1).toNat = t.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hidx : Slice.index hs t = .ok hs[t.toNat] := Slice.index_eq _ _ hlt'
      have htake : hs.take (t.toNat + 1) = hs.take t.toNat ++ [hs[t.toNat]] := by
        rw [List.take_add_one, List.getElem?_eq_getElem hlt']; rfl
      left
      refine ⟨((hs.take (t.toNat + 1)).foldl (fun top h => if h > top then h else top) 0, t + 1),
        ?_, ?_, ?_⟩
      · rw [if_pos hlt, hidx, ok_bind, htake, List.foldl_append]
        by_cases hg : hs[t.toNat] > (hs.take t.toNat).foldl (fun top h => if h > top then h else top) 0
        · rw [if_pos hg, ok_bind, pure_ok, ok_bind, Usize.add_eq t 1 (by simp; omega), ok_bind, pure_ok]
          simp [hg]
        · rw [if_neg hg, Usize.add_eq t 1 (by simp; omega), ok_bind, pure_ok]
          simp [hg]
      · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : t.toNat = hs.length := by
        have : ¬ t.toNat < (Slice.len hs).toNat := fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      dsimp only
      rw [e, List.take_length]; rfl
  · exact ⟨by simp, by simp⟩
  · intro ⟨top, t⟩ h
    dsimp only at h
    subst h
    rfl

/-- The next target, as the Rust loop keeps it. -/
def targetU32 (hs : List UInt32) (cur floor : UInt32) : UInt32 :=
  hs.foldl (fun t h => if h < cur ∧ h > t then h else t) floor

theorem targetU32_toNat (cur : UInt32) : ∀ (hs : List UInt32) (t : UInt32),
    (hs.foldl (fun t h => if h < cur ∧ h > t then h else t) t).toNat =
      (hs.map UInt32.toNat).foldl (fun t h => if h < cur.toNat ∧ h > t then h else t) t.toNat
  | [], _ => rfl
  | h :: hs, t => by
    simp only [List.foldl_cons, List.map_cons]
    by_cases hg : h < cur ∧ h > t
    · have : h.toNat < cur.toNat ∧ h.toNat > t.toNat :=
        ⟨UInt32.lt_iff_toNat_lt.mp hg.1, UInt32.lt_iff_toNat_lt.mp hg.2⟩
      rw [if_pos hg, if_pos this]; exact targetU32_toNat cur hs h
    · have : ¬ (h.toNat < cur.toNat ∧ h.toNat > t.toNat) := fun hh =>
        hg ⟨UInt32.lt_iff_toNat_lt.mpr hh.1, UInt32.lt_iff_toNat_lt.mpr hh.2⟩
      rw [if_neg hg, if_neg this]; exact targetU32_toNat cur hs t

/-- `log_final_layer` is the final polynomial's log length plus the log blowup (validated
parameters); it never panics. -/
theorem log_final_layer_spec (p : protocol.params.StarkParams) (hv : (toSpec p).Valid) :
    protocol.params.log_final_layer p = .ok (p.log_final_poly_len + p.log_blowup) := by
  unfold protocol.params.log_final_layer
  simp only [Params.Valid, toSpec] at hv
  exact U32.add_eq _ _ (by omega)

/-- **`fri_log_arities` is the spec's schedule** (validated parameters); it never panics. -/
theorem fri_log_arities_spec (p : protocol.params.StarkParams) (hv : (toSpec p).Valid)
    (hs : List UInt32) (hl : hs.length < 2 ^ 64) :
    ∃ l, protocol.params.fri_log_arities p hs = .ok l ∧
      l.map UInt32.toNat = friArities (toSpec p) (hs.map UInt32.toNat) := by
  have hn := Slice.len_toNat hs hl
  have hv' := hv
  simp only [Params.Valid, toSpec] at hv'
  have hfl : (p.log_final_poly_len + p.log_blowup).toNat = p.log_final_poly_len.toNat + p.log_blowup.toNat := by
    simp only [UInt32.toNat_add]; omega
  obtain ⟨A, hA⟩ : ∃ A, A = (toSpec p).logFriArity := ⟨_, rfl⟩
  obtain ⟨fl, hfl'⟩ : ∃ fl, fl = (toSpec p).logFinalPolyLen + (toSpec p).logBlowup := ⟨_, rfl⟩
  obtain ⟨hN, hhN⟩ : ∃ hN, hN = hs.map UInt32.toNat := ⟨_, rfl⟩
  have hfr : friArities (toSpec p) (hs.map UInt32.toNat) =
      aritiesFrom A fl hN (Spec.tallest hN) (Spec.tallest hN) := by
    rw [friArities, hA, hfl', hhN]
  rw [hfr]
  unfold protocol.params.fri_log_arities
  rw [log_final_layer_spec p hv, ok_bind, tallest_spec hs hl, ok_bind]
  have hflN : (p.log_final_poly_len + p.log_blowup).toNat = fl := by rw [hfl, hfl']; rfl
  have hAN : p.log_fri_arity.toNat = A := by rw [hA]; rfl
  have htop : (tallestU32 hs).toNat = Spec.tallest hN := by rw [hhN, tallestU32_toNat]
  generalize p.log_final_poly_len + p.log_blowup = floor at hflN
  generalize tallestU32 hs = top at htop
  dsimp only
  apply loop_bind_ex
    (R := fun (l : List UInt32) => l.map UInt32.toNat = aritiesFrom A fl hN (Spec.tallest hN) (Spec.tallest hN))
    (P := fun (s : List UInt32 × UInt32) => s.1.map UInt32.toNat ++ aritiesFrom A fl hN s.2.toNat s.2.toNat =
      aritiesFrom A fl hN (Spec.tallest hN) (Spec.tallest hN))
    (Q := fun (s : List UInt32 × UInt32) => s.1.map UInt32.toNat = aritiesFrom A fl hN (Spec.tallest hN) (Spec.tallest hN))
  · intro ⟨ar, cur⟩ hinv
    dsimp only at hinv
    dsimp only
    by_cases hc : cur.toNat > fl ∧ A > 0
    · have hcd : (decide (cur > floor) && decide (p.log_fri_arity > 0)) = true := by
        have h1 : cur > floor := UInt32.lt_iff_toNat_lt.mpr (by rw [hflN]; exact hc.1)
        have h2 : p.log_fri_arity > 0 := UInt32.lt_iff_toNat_lt.mpr (by simp; omega)
        simp [h1, h2]
      rw [if_pos hcd]
      have hcur1 : 1 ≤ cur.toNat := by omega
      obtain ⟨tg, htg⟩ : ∃ tg, tg = targetU32 hs cur floor := ⟨_, rfl⟩
      have htgN : tg.toNat = nextTarget fl cur.toNat hN := by
        rw [htg, targetU32, targetU32_toNat, hflN, hhN]; rfl
      have htglt : tg.toNat < cur.toNat := by
        rw [htgN]; exact nextTarget_lt fl cur.toNat hc.1 hN fl hc.1
      obtain ⟨st, hst⟩ : ∃ st : UInt32,
          st = if cur - tg > p.log_fri_arity then p.log_fri_arity else cur - tg := ⟨_, rfl⟩
      have hsub : (cur - tg).toNat = cur.toNat - tg.toNat :=
        UInt32.toNat_sub_of_le _ _ (by rw [UInt32.le_iff_toNat_le]; omega)
      have hstN : st.toNat = min (cur.toNat - nextTarget fl cur.toNat hN) A := by
        rw [hst, ← htgN, ← hAN]
        by_cases hg : cur - tg > p.log_fri_arity
        · rw [if_pos hg]; have := UInt32.lt_iff_toNat_lt.mp hg; rw [hsub] at this; omega
        · rw [if_neg hg]
          have : ¬ (p.log_fri_arity.toNat < cur.toNat - tg.toNat) :=
            fun h => hg (UInt32.lt_iff_toNat_lt.mpr (by rw [hsub]; exact h))
          rw [hsub]; omega
      have hntlt : nextTarget fl cur.toNat hN < cur.toNat := by rw [← htgN]; exact htglt
      have hst1 : 1 ≤ st.toNat := by rw [hstN]; omega
      have hstle : st.toNat ≤ cur.toNat := by rw [hstN]; omega
      have hcs : (cur - st).toNat = cur.toNat - st.toNat :=
        UInt32.toNat_sub_of_le _ _ (by rw [UInt32.le_iff_toNat_le]; omega)
      left
      refine ⟨(Slice.push ar st, cur - st), ?_, ?_, ?_⟩
      · apply loop_bind_ok
          (P := fun (s : UInt32 × Usize) => s.2.toNat ≤ hs.length ∧
            s.1 = (hs.take s.2.toNat).foldl (fun t h => if h < cur ∧ h > t then h else t) floor)
          (Q := fun (r : UInt32 × Usize) => r = (tg, Slice.len hs))
        · intro ⟨t, u⟩ ⟨hu, ht⟩
          dsimp only at hu ht
          subst ht
          dsimp only
          by_cases hlt : u < Slice.len hs
          · have hlt' : u.toNat < hs.length := by rw [UInt64.lt_iff_toNat_lt, hn] at hlt; exact hlt
            have e : (u + 1).toNat = u.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
            have htake : hs.take (u.toNat + 1) = hs.take u.toNat ++ [hs[u.toNat]] := by
              rw [List.take_add_one, List.getElem?_eq_getElem hlt']; rfl
            left
            refine ⟨((hs.take (u.toNat + 1)).foldl (fun t h => if h < cur ∧ h > t then h else t) floor,
              u + 1), ?_, ?_, ?_⟩
            · rw [if_pos hlt, Slice.index_eq _ _ hlt', ok_bind, htake, List.foldl_append]
              by_cases hg : hs[u.toNat] < cur ∧ hs[u.toNat] >
                  (hs.take u.toNat).foldl (fun t h => if h < cur ∧ h > t then h else t) floor
              · have hgb : (decide (hs[u.toNat] < cur) && decide (hs[u.toNat] >
                    (hs.take u.toNat).foldl (fun t h => if h < cur ∧ h > t then h else t) floor)) = true := by
                  simp [hg.1, hg.2]
                rw [if_pos hgb, pure_ok, ok_bind, Usize.add_eq u 1 (by simp; omega), ok_bind, pure_ok]
                simp [hg]
              · have hgb : ¬ (decide (hs[u.toNat] < cur) && decide (hs[u.toNat] >
                    (hs.take u.toNat).foldl (fun t h => if h < cur ∧ h > t then h else t) floor)) = true := by
                  simp only [Bool.and_eq_true, decide_eq_true_eq]; exact hg
                rw [if_neg hgb, pure_ok, ok_bind, Usize.add_eq u 1 (by simp; omega), ok_bind, pure_ok]
                simp [hg]
            · show 2 ^ 64 - (u + 1).toNat < 2 ^ 64 - u.toNat
              rw [e]; omega
            · exact ⟨by rw [e]; omega, by rw [e]⟩
          · right
            refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
            have e : u.toNat = hs.length := by
              have : ¬ u.toNat < (Slice.len hs).toNat := fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
              omega
            have hu : u = Slice.len hs := UInt64.toNat_inj.mp (by rw [e, hn])
            subst hu
            rw [e, List.take_length, htg]; rfl
        · exact ⟨by simp, by simp⟩
        · intro r hr
          subst hr
          dsimp only
          rw [U32.sub_eq cur tg (by omega), ok_bind]
          by_cases hg : cur - tg > p.log_fri_arity
          · rw [if_pos hg, pure_ok, ok_bind, U32.sub_eq cur _ (by
              rw [show p.log_fri_arity = st by rw [hst, if_pos hg]]; omega), ok_bind, pure_ok, hst,
              if_pos hg]
          · rw [if_neg hg, pure_ok, ok_bind, U32.sub_eq cur _ (by
              rw [show cur - tg = st by rw [hst, if_neg hg]]; omega), ok_bind, pure_ok, hst, if_neg hg]
      · show (cur - st).toNat < cur.toNat
        rw [hcs]; omega
      · dsimp only
        rw [← hinv, hcs, Slice.push, List.map_append, List.append_assoc]
        congr 1
        obtain ⟨c, hc'⟩ : ∃ c, cur.toNat = c + 1 := ⟨cur.toNat - 1, by omega⟩
        conv => rhs; rw [hc']
        simp only [aritiesFrom]
        rw [if_pos (by rw [← hc']; exact hc), ← hc', ← hstN, List.map_cons, List.map_nil,
          List.singleton_append]
        congr 1
        exact aritiesFrom_fuel A fl hN _ _ _ (Nat.le_refl _) (by omega)
    · have hcd : ¬ ((decide (cur > floor) && decide (p.log_fri_arity > 0)) = true) := by
        intro hh
        simp only [Bool.and_eq_true, decide_eq_true_eq] at hh
        apply hc
        exact ⟨by rw [← hflN]; exact UInt32.lt_iff_toNat_lt.mp hh.1,
          by rw [← hAN]; exact UInt32.lt_iff_toNat_lt.mp hh.2⟩
      right
      refine ⟨_, by rw [if_neg hcd, pure_ok], ?_⟩
      dsimp only
      rw [← hinv]
      cases hcur : cur.toNat with
      | zero => simp [aritiesFrom]
      | succ c =>
        simp only [aritiesFrom]
        rw [if_neg (by rw [← hcur]; exact hc), List.append_nil]
  · dsimp only; rw [htop]; rfl
  · intro ⟨ar, cur⟩ hq
    exact ⟨ar, rfl, hq⟩

/-- `zk_min_log_height` is `Spec.zkMinLogHeight` (validated parameters); it never panics. -/
theorem zk_min_log_height_spec (p : protocol.params.StarkParams) (hv : (toSpec p).Valid) :
    protocol.params.zk_min_log_height p = .ok (UInt32.ofNat (zkMinLogHeight (toSpec p))) := by
  have hv' := hv
  simp only [Params.Valid, toSpec] at hv'
  have hz : zkMaskLen (toSpec p) ≤ 2050 := by
    simp only [zkMaskLen, toSpec]; split <;> omega
  unfold protocol.params.zk_min_log_height
  rw [zk_mask_len_spec p (by omega), ok_bind]
  have hzU : (UInt32.toUInt64 (UInt32.ofNat (zkMaskLen (toSpec p)))).toNat = zkMaskLen (toSpec p) := by
    rw [UInt32.toNat_toUInt64, UInt32.toNat_ofNat_of_lt' (by simp [UInt32.size]; omega)]
  rw [U64.mul_eq 16 _ (by rw [hzU]; simp; omega), ok_bind]
  generalize hN : (16 : UInt64) * UInt32.toUInt64 (UInt32.ofNat (zkMaskLen (toSpec p))) = need
  have hNn : need.toNat = 16 * zkMaskLen (toSpec p) := by
    rw [← hN, UInt64.toNat_mul, hzU]; simp; omega
  apply loop_bind_ok
    (P := fun (k : UInt32) => 5 ≤ k.toNat ∧ k.toNat ≤ 40 ∧
      minLogFrom (16 * zkMaskLen (toSpec p)) (40 - k.toNat) k.toNat = zkMinLogHeight (toSpec p))
    (Q := fun (k : UInt32) => k.toNat = zkMinLogHeight (toSpec p))
  · intro k ⟨h5, h40, hk⟩
    by_cases hc : k.toNat < 40 ∧ 2 ^ k.toNat < 16 * zkMaskLen (toSpec p)
    · have hlt : k < 40 := UInt32.lt_iff_toNat_lt.mpr (by simpa using hc.1)
      have hsh : (1 : UInt64) <<< UInt64.ofNat k.toNat < need := by
        rw [UInt64.lt_iff_toNat_lt, hNn, Zkvm.Refinement.transcript.shl_one_toNat _ (by omega)]
        exact hc.2
      have e : (k + 1).toNat = k.toNat + 1 := by simp only [UInt32.toNat_add]; simp; omega
      left
      refine ⟨k + 1, ?_, ?_, ?_⟩
      · rw [if_pos hlt, U64.shl_eq 1 _ (by omega), ok_bind, pure_ok, ok_bind]
        simp only [hsh, decide_true, if_true, U32.add_eq k 1 (by simp; omega), ok_bind, pure_ok]
      · show 2 ^ 32 - (k + 1).toNat < 2 ^ 32 - k.toNat
        rw [e]; omega
      · refine ⟨by rw [e]; omega, by rw [e]; omega, ?_⟩
        rw [e, ← hk]
        obtain ⟨f, hf⟩ : ∃ f, 40 - k.toNat = f + 1 := ⟨40 - k.toNat - 1, by omega⟩
        rw [hf, minLogFrom, if_pos hc, show 40 - (k.toNat + 1) = f by omega]
    · right
      refine ⟨k, ?_, ?_⟩
      · by_cases hlt : k < 40
        · have hlt' : k.toNat < 40 := by simpa using UInt32.lt_iff_toNat_lt.mp hlt
          have hsh : ¬ (1 : UInt64) <<< UInt64.ofNat k.toNat < need := by
            rw [UInt64.lt_iff_toNat_lt, hNn, Zkvm.Refinement.transcript.shl_one_toNat _ (by omega)]
            exact fun h => hc ⟨hlt', h⟩
          rw [if_pos hlt, U64.shl_eq 1 _ (by omega), ok_bind, pure_ok, ok_bind]
          simp only [hsh, decide_false, Bool.false_eq_true, if_false, pure_ok]
        · rw [if_neg hlt, pure_ok, ok_bind]
          simp only [Bool.false_eq_true, if_false, pure_ok]
      · rw [← hk]
        cases hf : 40 - k.toNat with
        | zero => rfl
        | succ f => rw [minLogFrom, if_neg hc]
  · exact ⟨by simp, by simp, rfl⟩
  · intro k hk
    rw [pure_ok]
    congr 1
    apply UInt32.toNat_inj.mp
    have hk32 : k.toNat < 2 ^ 32 := UInt32.toNat_lt k
    rw [hk, UInt32.toNat_ofNat_of_lt' (by rw [← hk]; simpa [UInt32.size] using hk32)]

end Zkvm.Refinement.protocol.params
