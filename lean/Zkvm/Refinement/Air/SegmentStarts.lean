module

public import Zkvm.Refinement.Air.SegmentPublicValues

/-!
# `statement::check_segment_starts` accepts exactly `Spec.Segments.SegmentStartsOk`

Proved: for every input (lists shorter than `2^64`), the extracted function returns `ok`, and
its result is `Ok(())` exactly when the chain of starts satisfies the spec; otherwise it is
the typed error `WrongPublicValueCount` or `SegmentChainBroken` (which one depends on the
first failing check; not specified here). It never panics.
-/

@[expose] public section

namespace Zkvm.Refinement.air.rv32im.statement

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec.Segments

theorem loop_exists {σ ρ β : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ))
    (init : σ) (k : ρ → Outcome β) (P : σ → Prop) (Q : ρ → Prop) (R : β → Prop)
    (step : ∀ s, P s →
      (∃ s', body s = .ok (.cont s') ∧ measure s' < measure s ∧ P s') ∨
      (∃ r, body s = .ok (.done r) ∧ Q r))
    (hinit : P init) (post : ∀ r, Q r → ∃ b, k r = .ok b ∧ R b) :
    ∃ b, (loop measure body init >>= k) = .ok b ∧ R b := by
  obtain ⟨r, hr, hq⟩ := loop_induct measure body P Q step init hinit
  obtain ⟨b, hb, hR⟩ := post r hq
  exact ⟨b, by rw [hr, ok_bind, hb], hR⟩

theorem shl30 : (1 : UInt32) <<< UInt32.ofNat 30 = 1073741824 := by decide

theorem ge_u32 (a b : UInt32) : (a ≥ b) ↔ b.toNat ≤ a.toNat := UInt32.le_iff_toNat_le

theorem mod4_ne (a : UInt32) : (a % 4 ≠ 0) ↔ a.toNat % 4 ≠ 0 := by
  rw [ne_eq, ne_eq, ← UInt32.toNat_inj]; simp

theorem n0 : UInt64.toNat 0 = 0 := rfl
theorem n1 : UInt64.toNat 1 = 1 := rfl
theorem n3 : UInt64.toNat 3 = 3 := rfl
theorem u30 : UInt32.toNat 1073741824 = 2 ^ 30 := rfl

theorem check_segment_starts_spec (values : List UInt32) (starts : List (List UInt32))
    (hv : values.length < 2 ^ 64) (hs : starts.length < 2 ^ 64)
    (hw : ∀ v ∈ starts, v.length < 2 ^ 64) :
    ∃ r, Extracted.air.rv32im.statement.check_segment_starts values starts = .ok r ∧
      (r = .ok () ↔ SegmentStartsOk values starts) ∧
      (r = .ok () ∨ r = .error .WrongPublicValueCount ∨ r = .error .SegmentChainBroken) := by
  have hsn := Slice.len_toNat starts hs
  unfold Extracted.air.rv32im.statement.check_segment_starts
  by_cases h1 : values.length = numPublicValues ∧ starts ≠ []
  · have c1 : (decide (Slice.len values ≠ air.rv32im.statement.NUM_PUBLIC_VALUES) ||
        Slice.is_empty starts) = false := by
      simp only [ne_eq, len_eq_iff _ hv, h1.1, Slice.is_empty]
      simp [numPublicValues, air.rv32im.statement.NUM_PUBLIC_VALUES, h1.2]
    have h3 : 3 < values.length := by rw [h1.1]; decide
    simp only [c1, Bool.false_eq_true, if_false,
      Slice.index_eq values air.rv32im.statement.PV_CYCLES h3, ok_bind]
    apply loop_exists
      (P := fun s : Usize => s.toNat ≤ starts.length ∧ ∀ i < s.toNat, StartOk values starts i)
      (Q := fun r : Exit Usize (Except error.VerifyError Unit) => match r with
        | .ret e => (e = .error .WrongPublicValueCount ∨ e = .error .SegmentChainBroken) ∧ ¬ ∀ i < starts.length, StartOk values starts i
        | .brk _ => ∀ i < starts.length, StartOk values starts i)
    · intro s ⟨hsl, hall⟩
      have hv15 : values.length = 15 := h1.1
      have i3 : values[3] = values.getD pvCycles 0 := (getD_eq_getElem _ _ _ (by omega)).symm
      have i0 : values[0] = values.getD pvEntry 0 := (getD_eq_getElem _ _ _ (by omega)).symm
      by_cases hlt : s < Slice.len starts
      · have hs' : s.toNat < starts.length := by rw [UInt64.lt_iff_toNat_lt, hsn] at hlt; exact hlt
        have hw2 := hw _ (List.getElem_mem hs')
        have hst : start starts s.toNat = starts[s.toNat] := getD_eq_getElem _ _ _ hs'
        have e1 : (s + 1).toNat = s.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        simp only [hlt, if_true, Slice.index_eq starts s hs', ok_bind]
        by_cases hl2 : starts[s.toNat].length = 2
        · have c3 : (Slice.len starts[s.toNat] ≠ air.rv32im.statement.NUM_SEGMENT_VALUES) = False := by
            simp only [ne_eq, len_eq_iff _ hw2, hl2, eq_iff_iff, iff_false, Decidable.not_not]; decide
          have hpc : startPc starts s.toNat = starts[s.toNat][0] := by
            simp only [startPc, hst]; exact getD_eq_getElem _ _ _ (by omega)
          have hclk : startClk starts s.toNat = starts[s.toNat][1] := by
            simp only [startClk, hst]; exact getD_eq_getElem _ _ _ (by omega)
          have hsok : ∀ P : Prop, ((start starts s.toNat).length = 2 ∧ P) ↔ P := by
            intro P; rw [hst, hl2]; simp
          simp only [c3, if_false, Slice.index_eq starts[s.toNat] 0 (by simp; omega),
            Slice.index_eq starts[s.toNat] 1 (by simp; omega), ok_bind, U32.rem_eq _ 4 (by decide),
            U32.shl_eq 1 30 (by decide), Usize.add_eq s 1 (by simp; omega), pure_ok, shl30, ge_u32,
            mod4_ne, n0, n1, air.rv32im.statement.PV_CYCLES, n3, u30, if_true, decide_eq_true_eq]
          have hok : StartOk values starts s.toNat ↔
              (if s.toNat = 0 then starts[s.toNat][0] = values[0] ∧ starts[s.toNat][1] = 0
               else (startClk starts (s.toNat - 1)).toNat < (starts[s.toNat][1]).toNat) ∧
              (starts[s.toNat][1]).toNat < (values[3]).toNat ∧
              (starts[s.toNat][0]).toNat % 4 = 0 ∧ (starts[s.toNat][0]).toNat < 2 ^ 30 := by
            simp only [StartOk, hst, hl2, hpc, hclk, ← i0, ← i3, true_and]
          have i0' : Slice.index values air.rv32im.statement.PV_ENTRY = .ok values[0] :=
            Slice.index_eq values _ (by simp [air.rv32im.statement.PV_ENTRY]; omega)
          have hprev : s.toNat ≠ 0 → ∃ (L : List UInt32) (prev : UInt32),
              Usize.sub s 1 = .ok (s - 1) ∧ Slice.index starts (s - 1) = .ok L ∧
              Slice.index L 1 = .ok prev ∧ startClk starts (s.toNat - 1) = prev := by
            intro hne
            have hp : s.toNat - 1 < starts.length := by omega
            have hl := (hall (s.toNat - 1) (by omega)).1
            have hst' : start starts (s.toNat - 1) = starts[s.toNat - 1] := getD_eq_getElem _ _ _ hp
            rw [hst'] at hl
            have es : (s - 1).toNat = s.toNat - 1 := by simp only [UInt64.toNat_sub]; simp; omega
            refine ⟨starts[(s - 1).toNat], starts[s.toNat - 1][1], Usize.sub_eq s 1 (by simp; omega),
              Slice.index_eq starts (s - 1) (by rw [es]; exact hp), ?_, ?_⟩
            · simp only [es]; exact Slice.index_eq _ _ (by simp; omega)
            · simp only [startClk, hst']; exact getD_eq_getElem _ _ _ (by omega)
          have hcont : StartOk values starts s.toNat →
              (s + 1).toNat ≤ starts.length ∧ ∀ i < (s + 1).toNat, StartOk values starts i := by
            intro h
            refine ⟨by omega, fun i hi => ?_⟩
            by_cases hi' : i < s.toNat
            · exact hall i hi'
            · have : i = s.toNat := by omega
              subst this; exact h
          have hmeas : 2 ^ 64 - (s + 1).toNat < 2 ^ 64 - s.toNat := by omega
          clear hpc hclk hsok
          generalize starts[s.toNat][0] = pc at *
          generalize starts[s.toNat][1] = clk at *
          generalize values[3] = cyc at *
          generalize values[0] = entry at *
          by_cases hs0 : s = 0
          · have hs0n : s.toNat = 0 := by rw [hs0]; rfl
            rw [if_pos hs0n] at hok
            by_cases hA : pc = entry ∧ clk = 0
            · have hA' : (decide (pc ≠ entry) || decide (clk ≠ 0)) = false := by simp [hA.1, hA.2]
              by_cases hR : clk.toNat < cyc.toNat ∧ pc.toNat % 4 = 0 ∧ pc.toNat < 2 ^ 30
              · left
                refine ⟨s + 1, ?_, hmeas, hcont (hok.mpr ⟨hA, hR⟩)⟩
                have r1 : ¬ (cyc.toNat ≤ clk.toNat) := by omega
                have r2 : ¬ (pc.toNat % 4 ≠ 0) := by omega
                have r3 : ¬ (2 ^ 30 ≤ pc.toNat) := by omega
                simp only [if_pos hs0, i0', ok_bind, hA', Bool.false_eq_true, if_false]
                simp [r1, r2, r3]
              · right
                refine ⟨.ret (.error .SegmentChainBroken), ?_, .inr rfl,
                  fun h => hR (hok.mp (h s.toNat hs')).2⟩
                simp only [if_pos hs0, i0', ok_bind, hA', Bool.false_eq_true, if_false]
                by_cases r1 : cyc.toNat ≤ clk.toNat
                · simp [r1]
                · by_cases r2 : pc.toNat % 4 ≠ 0
                  · simp [r1, r2]
                  · have r3 : 2 ^ 30 ≤ pc.toNat := by omega
                    simp [r1, r2, r3]
            · right
              refine ⟨.ret (.error .SegmentChainBroken), ?_, .inr rfl,
                fun h => hA (hok.mp (h s.toNat hs')).1⟩
              have hA' : (decide (pc ≠ entry) || decide (clk ≠ 0)) = true := by
                by_cases h : pc = entry
                · have : ¬ clk = 0 := fun h' => hA ⟨h, h'⟩
                  simp [this]
                · simp [h]
              simp only [if_pos hs0, i0', ok_bind, hA', if_true]
          · have hs0n : s.toNat ≠ 0 := fun h => hs0 (UInt64.toNat_inj.mp (by rw [h]; rfl))
            rw [if_neg hs0n] at hok
            obtain ⟨L, prev, hsub, hL, hp, hpe⟩ := hprev hs0n
            rw [hpe] at hok
            simp only [if_neg hs0, hsub, hL, hp, ok_bind]
            by_cases hB : prev.toNat < clk.toNat
            · by_cases hR : clk.toNat < cyc.toNat ∧ pc.toNat % 4 = 0 ∧ pc.toNat < 2 ^ 30
              · left
                refine ⟨s + 1, ?_, hmeas, hcont (hok.mpr ⟨hB, hR⟩)⟩
                have r0 : ¬ (clk.toNat ≤ prev.toNat) := by omega
                have r1 : ¬ (cyc.toNat ≤ clk.toNat) := by omega
                have r2 : ¬ (pc.toNat % 4 ≠ 0) := by omega
                have r3 : ¬ (2 ^ 30 ≤ pc.toNat) := by omega
                simp [r0, r1, r2, r3]
              · right
                refine ⟨.ret (.error .SegmentChainBroken), ?_, .inr rfl,
                  fun h => hR (hok.mp (h s.toNat hs')).2⟩
                have r0 : ¬ (clk.toNat ≤ prev.toNat) := by omega
                by_cases r1 : cyc.toNat ≤ clk.toNat
                · simp [r0, r1]
                · by_cases r2 : pc.toNat % 4 ≠ 0
                  · simp [r0, r1, r2]
                  · have r3 : 2 ^ 30 ≤ pc.toNat := by omega
                    simp [r0, r1, r2, r3]
            · right
              refine ⟨.ret (.error .SegmentChainBroken), ?_, .inr rfl,
                fun h => hB (hok.mp (h s.toNat hs')).1⟩
              have r0 : clk.toNat ≤ prev.toNat := by omega
              simp [r0]
        · right
          have c3 : (Slice.len starts[s.toNat] ≠ air.rv32im.statement.NUM_SEGMENT_VALUES) = True := by
            simp only [ne_eq, len_eq_iff _ hw2, eq_iff_iff, iff_true]
            simp [air.rv32im.statement.NUM_SEGMENT_VALUES]; omega
          refine ⟨.ret (.error .WrongPublicValueCount), ?_, .inl rfl,
            fun h => hl2 (hst ▸ (h s.toNat hs').1)⟩
          simp only [c3, if_true, pure_ok]
      · right
        have e : s.toNat = starts.length := by rw [UInt64.lt_iff_toNat_lt, hsn] at hlt; omega
        refine ⟨.brk s, by simp only [hlt, if_false, pure_ok], ?_⟩
        intro i hi
        exact hall i (by omega)
    · exact ⟨by simp, by simp⟩
    · intro r hq
      match r, hq with
      | .ret e, ⟨he, hn⟩ =>
        refine ⟨e, by simp only [pure_ok], ?_, .inr he⟩
        rcases he with he | he <;> subst he <;> simp only [reduceCtorEq, false_iff, SegmentStartsOk] <;>
          exact fun h => hn h.2.2
      | .brk _, hall =>
        exact ⟨.ok (), by simp only [pure_ok],
          by simp only [true_iff]; exact ⟨h1.1, h1.2, hall⟩, .inl rfl⟩
  · have c1 : (decide (Slice.len values ≠ air.rv32im.statement.NUM_PUBLIC_VALUES) ||
        Slice.is_empty starts) = true := by
      simp only [ne_eq, len_eq_iff _ hv, Slice.is_empty]
      by_cases hl : values.length = 15
      · have h : starts = [] := Classical.byContradiction fun h => h1 ⟨hl, h⟩
        simp [h]
      · simp [air.rv32im.statement.NUM_PUBLIC_VALUES]; omega
    refine ⟨.error .WrongPublicValueCount, by simp only [c1, if_true, pure_ok], ?_, .inr (.inl rfl)⟩
    simp only [reduceCtorEq, false_iff, SegmentStartsOk]
    exact fun h => h1 ⟨h.1, h.2.1⟩

end Zkvm.Refinement.air.rv32im.statement
