module

public import Zkvm.Air.V2.RangeSpec

/-!
# From a balanced bus to lookup membership

The bus argument (a LogUp sum of zero, then the probabilistic step; see `Zkvm.Stark.logup_sound`
and the memory argument `Zkvm.Air.Memory`) yields that what the tables and the statement send is
what they receive, as multisets (`Balanced`, the interface, counted in ℕ). From that:
* **U16 lookups are in range** (`u16_sound`): when the RANGE table (a 2^16-row trace satisfying
  its constraints) is the only receiver of U16 messages, every U16(v) sent has v < 2^16 — the
  fact every table's `Lookups` hypothesis states for its U16 lookups;
* **the bytes a read receives are the input's** (`input_sound`): when the statement is the only
  sender of INPUT messages, sending INPUT(j, byte_j) for j below the consumed count, every
  INPUT(pos, b) received has pos below that count and b the input's byte at pos;
* **the bytes a write sends are the output's** (`output_sound`): when the statement is the only
  receiver of OUTPUT messages, receiving OUTPUT(j, byte_j) for j below the output length, every
  OUTPUT(pos, b) sent has pos below that length and b the output's byte at pos;
* **the claimed exit is a halting row's** (`exit_sound`): the statement's EXIT(lo, hi, cycles)
  is sent by some row, and every EXIT sent is that one.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.BusLookups

open Zkvm.Field Zkvm.Air.Table

/-- **The bus balances**: every message is sent as often as it is received. -/
def Balanced (sent rcvd : List (List BabyBear)) : Prop := ∀ m, sent.count m = rcvd.count m

theorem mem_rcvd (h : Balanced sent rcvd) {m : List BabyBear} (hm : m ∈ sent) : m ∈ rcvd := by
  have := h m
  rw [← List.count_pos_iff] at hm ⊢
  omega

theorem mem_sent (h : Balanced sent rcvd) {m : List BabyBear} (hm : m ∈ rcvd) : m ∈ sent := by
  have := h m
  rw [← List.count_pos_iff] at hm ⊢
  omega

/-- **U16 lookups are in range.** -/
theorem u16_sound (t : Trace BabyBear) (pub : Nat → BabyBear) (hh : t.height = 2 ^ 16)
    (hsat : ∀ i < t.height, Zkvm.Air.V2.Range.Groups (t.window pub i))
    (sent rcvd : List (List BabyBear)) (hbal : Balanced sent rcvd)
    (hrange : ∀ m ∈ rcvd, m.head? = some 5 → ∃ i < t.height, m = [5, t.row i Zkvm.Air.V2.Range.Col.v])
    {v : BabyBear} (hv : [5, v] ∈ sent) : v.val < 2 ^ 16 := by
  obtain ⟨i, hi, he⟩ := hrange _ (mem_rcvd hbal hv) rfl
  simp only [List.cons.injEq, and_true, true_and] at he
  exact Zkvm.Air.V2.Range.lookup_lt t pub hh hsat hi he

/-- The statement's INPUT sends: (8, j, byte_j) for j below the consumed count. -/
def inputSends (input : List BabyBear) (consumed : Nat) : List (List BabyBear) :=
  (List.range consumed).map (fun (j : Nat) => [8, ((j : Nat) : BabyBear), input.getD j 0])

/-- **The bytes a read receives are the input's.** -/
theorem input_sound (input : List BabyBear) (consumed : Nat) (hc : consumed < 2013265921)
    (sent rcvd : List (List BabyBear)) (hbal : Balanced sent rcvd)
    (honly : ∀ m ∈ sent, m.head? = some 8 → m ∈ inputSends input consumed)
    {pos : Nat} (hpos : pos < 2013265921) {b : BabyBear} (hm : [8, (pos : BabyBear), b] ∈ rcvd) :
    pos < consumed ∧ b = input.getD pos 0 := by
  have hs := honly _ (mem_sent hbal hm) rfl
  obtain ⟨j, hj, he⟩ := List.mem_map.mp hs
  simp only [List.mem_range] at hj
  simp only [List.cons.injEq, and_true, true_and] at he
  obtain ⟨hjp, hb⟩ := he
  have hP : P = 2013265921 := P_eq
  have : j = pos := Felt.natCast_inj_of_lt (by omega) (by omega) hjp
  subst this
  exact ⟨hj, hb.symm⟩

/-- The statement's OUTPUT receives: (9, j, byte_j) for j below the output length. -/
def outputReceives (output : List BabyBear) : List (List BabyBear) :=
  (List.range output.length).map (fun (j : Nat) => [9, ((j : Nat) : BabyBear), output.getD j 0])

/-- **The bytes a write sends are the output's.** -/
theorem output_sound (output : List BabyBear) (hl : output.length < 2013265921)
    (sent rcvd : List (List BabyBear)) (hbal : Balanced sent rcvd)
    (honly : ∀ m ∈ rcvd, m.head? = some 9 → m ∈ outputReceives output)
    {pos : Nat} (hpos : pos < 2013265921) {b : BabyBear} (hm : [9, (pos : BabyBear), b] ∈ sent) :
    pos < output.length ∧ b = output.getD pos 0 := by
  have hs := honly _ (mem_rcvd hbal hm) rfl
  obtain ⟨j, hj, he⟩ := List.mem_map.mp hs
  simp only [List.mem_range] at hj
  simp only [List.cons.injEq, and_true, true_and] at he
  obtain ⟨hjp, hb⟩ := he
  have hP : P = 2013265921 := P_eq
  have : j = pos := Felt.natCast_inj_of_lt (by omega) (by omega) hjp
  subst this
  exact ⟨hj, hb.symm⟩

/-- **The exit the statement claims is a halting row's**: when the statement's EXIT(lo, hi,
cycles) is the only EXIT received, every EXIT(a, b, c) sent (a CPU halt row sends its b limbs,
a0, and clk + 1) is that one, and the statement's EXIT is sent by some row. -/
theorem exit_sound (lo hi cycles : BabyBear) (sent rcvd : List (List BabyBear))
    (hbal : Balanced sent rcvd)
    (honly : ∀ m ∈ rcvd, m.head? = some 12 → m = [12, lo, hi, cycles])
    (hstmt : [12, lo, hi, cycles] ∈ rcvd) :
    (∀ a b c : BabyBear, [12, a, b, c] ∈ sent → a = lo ∧ b = hi ∧ c = cycles) ∧
      [12, lo, hi, cycles] ∈ sent := by
  refine ⟨fun a b c hm => ?_, mem_sent hbal hstmt⟩
  have := honly _ (mem_rcvd hbal hm) rfl
  simp only [List.cons.injEq, and_true, true_and] at this
  exact this

end Zkvm.Air.BusLookups

end
