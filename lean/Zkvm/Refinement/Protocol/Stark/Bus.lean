module

public import Zkvm.Refinement.Air.BoundaryMessages
public import Zkvm.Refinement.Protocol.LogupBoundary
public import Zkvm.Refinement.Protocol.SegmentChallenges
public import Zkvm.Extracted.Protocol.Stark

/-!
# `stark::check_bus`: the bus balance over all segments

`check_bus` adds every segment's claimed sums and checks, with the statement's boundary
messages at the global point, that the bus balances (`check_bus_balance`). Proved here:
`air_boundary_messages_spec` (the dispatch to the machine's statement messages),
`sendsF_eq`/`receivesF_eq` (the statement's messages are canonical field-element lists when the
input and output are shorter than p), and `check_bus_spec`: `check_bus` refuses the statement
exactly where `boundaryMessages` does, returns `DegenerateChallenge` when a boundary denominator
vanishes, and otherwise accepts exactly when Σ claimed sums + fracSum χ β (boundary fractions)
= 0, the IOP's bus condition; it never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4 Zkvm.Spec Zkvm.Stark
open Zkvm.Refinement.field (toU32 toU32_toNat)
open Zkvm.Refinement.field.extension (toExt add_spec zero_eq)
open Zkvm.Refinement.protocol.logup (toChallenges)
open Zkvm.Refinement.air.rv32im.statement (toBoundary boundary_messages_spec)
open Zkvm.Spec.Statement

/-- `air::boundary_messages` for machine version 2 is the statement's `boundaryMessages`. -/
theorem air_boundary_messages_spec (vk : protocol.vk.VerifyingKey) (pv : List BabyBear)
    (input output : List UInt8) (hpv : pv.length < 2 ^ 64) (hin : input.length < 2 ^ 64)
    (hout : output.length + 3 < 2 ^ 64) :
    air.boundary_messages vk ⟨pv.map toU32, input, output⟩ =
      .ok (toBoundary (boundaryMessages pv input output)) := by
  unfold air.boundary_messages
  obtain ⟨air, params⟩ := vk
  cases air with
  | Rv32imV2 prog =>
    simp only [air.num_public_values, pure_ok, ok_bind]
    by_cases h15 : pv.length = 15
    · rw [if_neg (by
        intro h; apply h; apply UInt64.toNat_inj.mp
        rw [Slice.len_toNat _ (by simpa using hpv)]; simp [h15]; rfl)]
      exact boundary_messages_spec pv input output hpv hin hout
    · rw [if_pos (by
        intro h; apply h15; have := congrArg UInt64.toNat h
        rw [Slice.len_toNat _ (by simpa using hpv)] at this; simpa using this)]
      simp [boundaryMessages, h15, toBoundary]

/-- The statement's sent messages as field elements. -/
def sendsF (pv : List BabyBear) (input : List UInt8) : List (List BabyBear) :=
  [[2, 3, 0, 0, 0, 0], [2, 3, 1, 0, 0, 0], [2, 3, 2, 0, 0, 0]] ++
    (List.range (pv.getD pvInputConsumed 0).val).map
      (fun (j : Nat) => [8, ((j : Nat) : BabyBear), ((input.getD j 0).toNat : BabyBear)])

/-- The statement's received messages as field elements. -/
def receivesF (pv : List BabyBear) (output : List UInt8) : List (List BabyBear) :=
  [[2, 3, 0, pv.getD pvInputConsumed 0, 0, 4 * pv.getD pvCycles 0],
   [2, 3, 1, pv.getD pvOutputLen 0, 0, 4 * pv.getD pvCycles 0]] ++
    (List.range output.length).map
      (fun (j : Nat) => [9, ((j : Nat) : BabyBear), ((output.getD j 0).toNat : BabyBear)]) ++
    [[12, pv.getD pvExitLo 0, pv.getD pvExitHi 0, pv.getD pvCycles 0]]

theorem toU32_natCast {n : Nat} (h : n < 2013265921) : toU32 (n : BabyBear) = UInt32.ofNat n := by
  apply UInt32.toNat_inj.mp
  rw [toU32_toNat, BabyBear.val_natCast, P_eq, Nat.mod_eq_of_lt h]
  simp; omega

theorem sendsF_eq (pv : List BabyBear) (input : List UInt8) (hin : input.length < 2013265921)
    (hc : (pv.getD pvInputConsumed 0).val ≤ input.length) :
    (sendsF pv input).map (fun m => m.map toU32) = sends pv input := by
  simp only [sendsF, sends, List.map_append, List.map_cons, List.map_nil, List.map_map]
  congr 1
  apply List.map_congr_left
  intro j hj
  simp only [List.mem_range] at hj
  simp only [Function.comp_apply, List.map_cons, List.map_nil]
  have hb : (input.getD j 0).toNat < 256 := UInt8.toNat_lt _
  rw [toU32_natCast (by omega), toU32_natCast (by omega)]
  congr 2
  congr 1
  apply UInt32.toNat_inj.mp; simp

theorem receivesF_eq (pv : List BabyBear) (output : List UInt8) (hout : output.length < 2013265921) :
    (receivesF pv output).map (fun m => m.map toU32) = receives pv output := by
  simp only [receivesF, receives, List.map_append, List.map_cons, List.map_nil, List.map_map,
    u32]
  congr 2
  apply List.map_congr_left
  intro j hj
  simp only [List.mem_range] at hj
  simp only [Function.comp_apply, List.map_cons, List.map_nil]
  have hb : (output.getD j 0).toNat < 256 := UInt8.toNat_lt _
  rw [toU32_natCast (by omega), toU32_natCast (by omega)]
  congr 2
  congr 1
  apply UInt32.toNat_inj.mp; simp

theorem sendsF_short (pv : List BabyBear) (input : List UInt8) :
    ∀ m ∈ sendsF pv input, m.length ≤ 6 := by
  intro m hm
  simp only [sendsF, List.mem_append, List.mem_cons, List.mem_map, List.not_mem_nil,
    or_false] at hm
  rcases hm with (rfl | rfl | rfl) | ⟨j, _, rfl⟩ <;> simp

theorem receivesF_short (pv : List BabyBear) (output : List UInt8) :
    ∀ m ∈ receivesF pv output, m.length ≤ 6 := by
  intro m hm
  simp only [receivesF, List.mem_append, List.mem_cons, List.mem_map, List.not_mem_nil,
    or_false] at hm
  rcases hm with ((rfl | rfl) | ⟨j, _, rfl⟩) | rfl <;> simp

/-- Every segment's claimed sums added, in order. -/
def totalClaimed (cs : List (List Ext4)) : Ext4 := cs.flatten.foldl (· + ·) 0

set_option maxHeartbeats 2000000 in
/-- **`check_bus` is the bus condition**: it refuses the statement where `boundaryMessages`
does, returns `DegenerateChallenge` where a boundary denominator vanishes, and otherwise accepts
exactly when the claimed sums and the boundary fractions add up to zero; it never panics. -/
theorem check_bus_spec (vk : protocol.vk.VerifyingKey) (pv : List BabyBear)
    (input output : List UInt8) (segs : List protocol.proof.Proof) (cs : List (List Ext4))
    (hcs : segs.map (·.claimed_sums) = cs.map (·.map toExt)) (point beta : Ext4)
    (hpv : pv.length < 2 ^ 64) (hin : input.length < 2013265921)
    (hout : output.length < 2013265921) (hsegs : segs.length < 2 ^ 64)
    (hcl : ∀ l ∈ cs, l.length < 2 ^ 64) :
    protocol.stark.check_bus vk ⟨pv.map toU32, input, output⟩ segs (toExt point) (toExt beta) =
      .ok (match boundaryMessages pv input output with
        | .error e => .error e
        | .ok _ =>
          if ∀ m ∈ sendsF pv input ++ receivesF pv output, boundaryDen point beta m ≠ 0 then
            (if totalClaimed cs +
                fracSum point beta (boundaryFracs (sendsF pv input) (receivesF pv output)) = 0
              then .ok () else .error .LookupSumMismatch)
          else .error .DegenerateChallenge) := by
  have hlen : cs.length = segs.length := by
    have := congrArg List.length hcs; simp at this; omega
  have hci : ∀ i (h : i < segs.length), segs[i].claimed_sums = (cs[i]'(by omega)).map toExt := by
    intro i h
    have := congrArg (fun l => l[i]?) hcs
    simp only [List.getElem?_map, List.getElem?_eq_getElem h,
      List.getElem?_eq_getElem (show i < cs.length by omega), Option.map_some,
      Option.some.injEq] at this
    exact this
  unfold protocol.stark.check_bus
  rw [air_boundary_messages_spec vk pv input output hpv (by omega) (by omega), ok_bind]
  cases hbm : boundaryMessages pv input output with
  | error e => simp only [toBoundary, pure_ok]
  | ok p =>
    have hv : (pv.getD pvInputConsumed 0).val ≤ input.length ∧ p = (sends pv input, receives pv output) := by
      unfold boundaryMessages at hbm
      by_cases c1 : pv.length ≠ 15
      · rw [if_pos c1] at hbm; cases hbm
      · rw [if_neg c1] at hbm
        by_cases c2 : (pv.getD pvInputLen 0).val ≠ input.length ∨
            (pv.getD pvOutputLen 0).val ≠ output.length ∨ input.length < (pv.getD pvInputConsumed 0).val
        · rw [if_pos c2] at hbm; cases hbm
        · rw [if_neg c2] at hbm
          injection hbm with h
          exact ⟨Nat.le_of_not_lt fun h' => c2 (Or.inr (Or.inr h')), h.symm⟩
    obtain ⟨hcons, rfl⟩ := hv
    simp only [toBoundary, pure_ok, ok_bind]
    have hsl : (Slice.len segs).toNat = segs.length := Slice.len_toNat _ hsegs
    rw [zero_eq]
    generalize hR : (if ∀ m ∈ sendsF pv input ++ receivesF pv output, boundaryDen point beta m ≠ 0 then
        (if totalClaimed cs +
            fracSum point beta (boundaryFracs (sendsF pv input) (receivesF pv output)) = 0
          then (.ok () : Except error.VerifyError Unit) else .error .LookupSumMismatch)
      else .error .DegenerateChallenge) = R
    apply loop_bind_ok
      (P := fun (st : List UInt32 × Usize) => st.2.toNat ≤ segs.length ∧
        st.1 = toExt (totalClaimed (cs.take st.2.toNat)))
      (Q := fun st => st.1 = toExt (totalClaimed cs))
    · intro ⟨tot, sg⟩ ⟨hs, ht⟩
      dsimp only at hs ht
      subst ht
      dsimp only
      by_cases hlt : sg < Slice.len segs
      · have hlt' : sg.toNat < segs.length := by rw [UInt64.lt_iff_toNat_lt, hsl] at hlt; exact hlt
        have e : (sg + 1).toNat = sg.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        have hidx : Slice.index segs sg = .ok segs[sg.toNat] := Slice.index_eq _ _ hlt'
        have hc := hci sg.toNat hlt'
        have hcl' : (cs[sg.toNat]'(by omega)).length < 2 ^ 64 := hcl _ (List.getElem_mem _)
        have hl2 : (Slice.len ((cs[sg.toNat]'(by omega)).map toExt)).toNat =
            (cs[sg.toNat]'(by omega)).length := by
          rw [Slice.len_toNat _ (by simpa using hcl')]; simp
        left
        refine ⟨(toExt (totalClaimed (cs.take (sg.toNat + 1))), sg + 1), ?_, ?_, ?_⟩
        · rw [if_pos hlt]
          apply loop_bind_ok
            (P := fun (st : List UInt32 × Usize) => st.2.toNat ≤ (cs[sg.toNat]'(by omega)).length ∧
              st.1 = toExt (((cs.take sg.toNat).flatten ++
                (cs[sg.toNat]'(by omega)).take st.2.toNat).foldl (· + ·) 0))
            (Q := fun st => st.1 = toExt (((cs.take sg.toNat).flatten ++
                (cs[sg.toNat]'(by omega))).foldl (· + ·) 0))
          · intro ⟨tt, t⟩ ⟨ht1, ht2⟩
            dsimp only at ht1 ht2
            subst ht2
            dsimp only
            rw [hidx, ok_bind, hc]
            by_cases hlt2 : t < Slice.len ((cs[sg.toNat]'(by omega)).map toExt)
            · have hlt2' : t.toNat < (cs[sg.toNat]'(by omega)).length := by
                rw [UInt64.lt_iff_toNat_lt, hl2] at hlt2; exact hlt2
              have e2 : (t + 1).toNat = t.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
              left
              refine ⟨(toExt (((cs.take sg.toNat).flatten ++
                (cs[sg.toNat]'(by omega)).take (t.toNat + 1)).foldl (· + ·) 0), t + 1), ?_, ?_, ?_⟩
              · rw [if_pos hlt2, ok_bind, hc, Slice.index_eq _ _ (by simpa using hlt2'), ok_bind,
                  List.getElem_map, add_spec, ok_bind, Usize.add_eq t 1 (by simp; omega), ok_bind,
                  List.take_add_one, List.getElem?_eq_getElem hlt2', Option.toList_some]
                simp only [← List.append_assoc, List.foldl_append, List.foldl_cons, List.foldl_nil]
              · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
                rw [e2]; omega
              · exact ⟨by rw [e2]; omega, by rw [e2]⟩
            · right
              refine ⟨_, by rw [if_neg hlt2], ?_⟩
              have e2 : t.toNat = (cs[sg.toNat]'(by omega)).length := by
                have : ¬ t.toNat < (cs[sg.toNat]'(by omega)).length :=
                  fun h' => hlt2 (by rw [UInt64.lt_iff_toNat_lt, hl2]; exact h')
                omega
              dsimp only
              rw [e2, List.take_length]
          · exact ⟨by simp, by simp [totalClaimed]⟩
          · intro ⟨tt, t⟩ hq
            dsimp only at hq
            subst hq
            dsimp only
            rw [Usize.add_eq sg 1 (by simp; omega), ok_bind]
            simp only [totalClaimed, List.take_add_one, List.getElem?_eq_getElem (show sg.toNat < cs.length by omega),
              Option.toList_some, List.flatten_append, List.flatten_cons, List.flatten_nil,
              List.append_nil]
        · show 2 ^ 64 - (sg + 1).toNat < 2 ^ 64 - sg.toNat
          rw [e]; omega
        · exact ⟨by rw [e]; omega, by rw [e]⟩
      · right
        refine ⟨_, by rw [if_neg hlt], ?_⟩
        have e : sg.toNat = cs.length := by
          have : ¬ sg.toNat < segs.length := fun h' => hlt (by rw [UInt64.lt_iff_toNat_lt, hsl]; exact h')
          omega
        dsimp only
        rw [e, List.take_length]
    · exact ⟨by simp, by simp [totalClaimed]⟩
    · intro ⟨tot, sg⟩ hq
      dsimp only at hq
      subst hq
      dsimp only
      rw [Zkvm.Refinement.protocol.logup.segment_challenges_spec, ok_bind,
        ← sendsF_eq pv input hin hcons, ← receivesF_eq pv output hout]
      have hsl1 : (sendsF pv input).length ≤ 3 + input.length := by
        simp only [sendsF, List.length_append, List.length_cons, List.length_nil, List.length_map,
          List.length_range]; omega
      have hrl1 : (receivesF pv output).length ≤ 3 + output.length := by
        simp only [receivesF, List.length_append, List.length_cons, List.length_nil,
          List.length_map, List.length_range]; omega
      rw [← hR]
      exact Zkvm.Refinement.protocol.logup.check_bus_balance_spec (totalClaimed cs) _ _ point beta _
        (by omega) (by
          intro m hm
          rcases List.mem_append.mp hm with h | h
          · have := sendsF_short pv input m h; omega
          · have := receivesF_short pv output m h; omega)

end Zkvm.Refinement.protocol.stark
