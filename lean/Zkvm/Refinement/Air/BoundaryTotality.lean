module

public import Zkvm.Refinement.Protocol.Stark.VerifySegments

/-!
# `statement::boundary_messages` never panics

`boundary_messages_total`: for any public values (not only canonical ones) and inputs and
outputs shorter than `2^64` (the output three shorter), the machine's boundary messages are
computed without panic, with at most `|input| + 3` sends and at most `|output| + 3` receives.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.statement

open Zkvm.Extraction Zkvm.Extracted
open Zkvm.Refinement.protocol.stark (lt_len_iff succ_ok loop_count slice_len_toNat_le)

/-- `loop_count` followed by a continuation that returns a value satisfying `R`. -/
theorem loop_count_bind_post {σ ρ β : Type} (measure : σ → Nat)
    (body : σ → Outcome (Step σ ρ)) (init : σ) (k : ρ → Outcome β) (R : β → Prop)
    (idx : σ → Usize) (hm : ∀ s, measure s = 2 ^ 64 - (idx s).toNat) (P : σ → Prop)
    (Q : ρ → Prop)
    (step : ∀ s, P s →
      (∃ s', body s = .ok (.cont s') ∧ (idx s').toNat = (idx s).toNat + 1 ∧ P s') ∨
      (∃ r, body s = .ok (.done r) ∧ Q r))
    (hinit : P init) (post : ∀ r, Q r → ∃ b, k r = .ok b ∧ R b) :
    ∃ b, (loop measure body init >>= k) = .ok b ∧ R b := by
  obtain ⟨r, hr, hq⟩ := loop_count measure body init idx hm P Q step hinit
  obtain ⟨b, hb, hR⟩ := post r hq
  exact ⟨b, by rw [hr, ok_bind]; exact hb, hR⟩

/-- `field::mul` never panics (on any `u32`s, canonical or not). -/
theorem field_mul_total (a b : UInt32) : ∃ c, field.mul a b = .ok c := by
  unfold field.mul
  have ha := a.toNat_lt
  have hb := b.toNat_lt
  rw [U64.mul_eq _ _ (by simp only [UInt32.toNat_toUInt64]; exact Nat.lt_of_lt_of_le (Nat.mul_lt_mul_of_lt_of_lt ha hb) (by decide)),
    ok_bind, U64.rem_eq _ _ (by decide), ok_bind]
  exact ⟨_, rfl⟩

/-- **`statement::boundary_messages` never panics**, on any public values (canonical or not),
for inputs shorter than `2^64` and outputs three shorter; it sends at most `|input| + 3`
messages and receives at most `|output| + 3`. -/
theorem boundary_messages_total (pv : List UInt32) (input output : List UInt8)
    (hpv : pv.length < 2 ^ 64) (hin : input.length < 2 ^ 64)
    (hout : output.length + 3 < 2 ^ 64) :
    ∃ r, air.rv32im.statement.boundary_messages pv input output = .ok r ∧
      ∀ m, r = .ok m →
        m.sends.length ≤ input.length + 3 ∧ m.receives.length ≤ output.length + 3 := by
  unfold air.rv32im.statement.boundary_messages
  split
  · exact ⟨_, rfl, fun m h => by cases h⟩
  rename_i h15
  have hl : pv.length = 15 := by
    have := Slice.len_toNat pv hpv
    rw [Classical.not_not.mp h15] at this; exact this.symm
  have i1 := Slice.index_eq pv air.rv32im.statement.PV_EXIT_LO (by rw [hl]; decide)
  have i2 := Slice.index_eq pv air.rv32im.statement.PV_EXIT_HI (by rw [hl]; decide)
  have i3 := Slice.index_eq pv air.rv32im.statement.PV_CYCLES (by rw [hl]; decide)
  have i4 := Slice.index_eq pv air.rv32im.statement.PV_INPUT_LEN (by rw [hl]; decide)
  have i5 := Slice.index_eq pv air.rv32im.statement.PV_INPUT_CONSUMED (by rw [hl]; decide)
  have i6 := Slice.index_eq pv air.rv32im.statement.PV_OUTPUT_LEN (by rw [hl]; decide)
  simp only [i1, i2, i3, i4, i5, i6, ok_bind, pure_ok]
  obtain ⟨lt, hlt⟩ := field_mul_total air.rv32im.bus.PORTS
    (pv[UInt64.toNat air.rv32im.statement.PV_CYCLES]'(by rw [hl]; decide))
  rw [hlt]
  generalize pv[UInt64.toNat air.rv32im.statement.PV_INPUT_CONSUMED]'(by rw [hl]; decide) = c
  split
  · simp only [Bool.true_or, if_true]
    exact ⟨_, rfl, fun m h => by cases h⟩
  · split
    · exact ⟨_, rfl, fun m h => by cases h⟩
    · rename_i hc
      simp only [Bool.or_eq_true, decide_eq_true_eq, not_or, gt_iff_lt, UInt64.not_lt] at hc
      have hcon := UInt64.le_iff_toNat_le.mp hc.2
      have hc32 := UInt32.toNat_lt c
      rw [Usize.add_eq _ 3 (by simp only [UInt32.toNat_toUInt64]; simp; omega), ok_bind, ok_bind]
      apply loop_count_bind_post _ _ _ _ _ (fun (x : List (List UInt32) × Usize) => x.2)
        (fun _ => rfl)
        (fun x => x.1.length = x.2.toNat + 3 ∧ x.2.toNat ≤ c.toUInt64.toNat)
        (fun x => x.1.length ≤ input.length + 3)
      · intro ⟨sends, j⟩ ⟨hlen, hj⟩
        dsimp only at hlen hj ⊢
        by_cases hjc : j < c.toUInt64
        · have hjn : j.toNat < input.length := by
            have := UInt64.lt_iff_toNat_lt.mp hjc
            have := slice_len_toNat_le input
            omega
          rw [if_pos hjc, Slice.index_eq input j hjn, ok_bind]
          obtain ⟨hsucc, e⟩ := succ_ok j _ hjn hin
          rw [hsucc, ok_bind]
          left
          refine ⟨_, rfl, e, ?_, ?_⟩
          · simp only [Slice.push, List.length_append, hlen, e, List.length_singleton]
          · dsimp only; have := UInt64.lt_iff_toNat_lt.mp hjc; omega
        · right
          refine ⟨_, by rw [if_neg hjc], ?_⟩
          dsimp only
          have := slice_len_toNat_le input
          omega
      · simp [Slice.push, Slice.withCapacity]
      · intro ⟨sends, j⟩ hq
        dsimp only at hq ⊢
        have hlo := Slice.len_toNat output (by omega)
        rw [Usize.add_eq _ 3 (by simp only [hlo]; simp; omega), ok_bind]
        apply loop_count_bind_post _ _ _ _ _ (fun (x : List (List UInt32) × Usize) => x.2)
          (fun _ => rfl)
          (fun x => x.1.length = x.2.toNat + 2 ∧ x.2.toNat ≤ output.length)
          (fun x => x.1.length ≤ output.length + 2)
        · intro ⟨recv, j⟩ ⟨hlen, hj⟩
          dsimp only at hlen hj ⊢
          by_cases hjc : j < Slice.len output
          · have hjn : j.toNat < output.length := (lt_len_iff j output (by omega)).mp hjc
            rw [if_pos hjc, Slice.index_eq output j hjn, ok_bind]
            obtain ⟨hsucc, e⟩ := succ_ok j _ hjn (by omega)
            rw [hsucc, ok_bind]
            left
            refine ⟨_, rfl, e, ?_, ?_⟩
            · simp only [Slice.push, List.length_append, hlen, e, List.length_singleton]
            · dsimp only; omega
          · right
            refine ⟨_, by rw [if_neg hjc], ?_⟩
            dsimp only
            omega
        · simp [Slice.push, Slice.withCapacity]
        · intro ⟨recv, j⟩ hq2
          dsimp only at hq2 ⊢
          refine ⟨_, rfl, fun m h => ?_⟩
          cases h
          simp only [Slice.push, List.length_append, List.length_singleton]
          omega

end Zkvm.Refinement.air.rv32im.statement
