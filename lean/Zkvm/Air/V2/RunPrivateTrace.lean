module

public import Zkvm.Air.V2.RunBus
public import Zkvm.Air.V2.BusLooks
public import Zkvm.Air.V2.PrivateSound
public import Zkvm.Air.V2.MemBasic
public import Zkvm.RiscV.Word

/-!
# The private input a PRIVATE trace carries

`run_of_bus` takes the private input `priv` through two facts about the PRIVATE rows: every real
row's byte is `priv`'s at the row's j, with j below the private cursor's final value `pcons`
(`hprivRows`), and every PLEN sent carries `priv`'s length (`hprivLen`). For the rows of a
satisfying PRIVATE trace of the last segment (`Private.Sat`, FINAL = 1) with its end row at n,
`privOf` reads the private input off the table: the real rows' bytes, then zeros up to plen.
`privFacts_of_trace` gives both facts for it with `pcons` = n, n ≤ its length < 2^30, and the
end row's j is n (the value `witnessBnd` closes the cursor (IO, 2) with). It builds on
`PrivateSound` (the real rows are a prefix, j counts them, the end row is the first non-real
row, plen is constant and n ≤ plen < n + 2^24) and on the lookups the PRIVATE rows send (U8 of
each real row's byte, U16 and U8 of the end row's r_lo and r_hi), which a bus that carries the
lookups gives (`priv_looks`, from `Exec.Carries`: `privFacts_of_carries`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.Air Zkvm.Air.Table Zkvm.RiscV
open Zkvm.Air.V2.Exec (Tables)

/-- **The private input a PRIVATE trace carries** with its end row at n: the bytes of the real
rows 0 … n − 1, then zeros up to plen. -/
def privOf (tp : Trace BabyBear) (n : Nat) : List Byte :=
  (List.range n).map (fun i => BitVec.ofNat 8 (tp.row i Private.Col.byte).val) ++
    List.replicate ((tp.row 0 Private.Col.plen).val - n) 0

/-- **`run_of_bus`'s private-input facts from the PRIVATE trace**: for the rows of a satisfying
PRIVATE trace of the last segment whose end row is at n (n + 2^24 ≤ 2^30), with the U8 lookups
of the real rows' bytes and the U16 and U8 lookups of the end row's r_lo and r_hi, every real
row's byte is `privOf`'s at its j < n, every PLEN sent carries `privOf`'s length, which is at
least n and below 2^30, and the end row's j is n. -/
theorem privFacts_of_trace {tp : Trace BabyBear} {pp : Nat → BabyBear} (hs : Private.Sat tp pp)
    (hf : pp Private.pvFinal = 1) {T : Tables} (hT : T.priv = (List.range tp.height).map tp.row)
    {n : Nat} (hn : n < tp.height) (hend : tp.row n Private.Col.endRow = 1)
    (hn24 : n + 2 ^ 24 ≤ 2 ^ 30)
    (hlo : (tp.row n Private.Col.rLo).val < 2 ^ 16) (hhi : (tp.row n Private.Col.rHi).val < 2 ^ 8)
    (hbyte : ∀ i < n, (tp.row i Private.Col.byte).val < 256) :
    (∀ r ∈ T.priv, r Private.Col.real = 1 → (r Private.Col.j).val < n ∧
      r Private.Col.byte =
        ((((privOf tp n).getD (r Private.Col.j).val 0).toNat : Nat) : BabyBear)) ∧
    (∀ r ∈ T.priv, r Private.Col.mlen ≠ 0 →
      r Private.Col.plen = (((privOf tp n).length : Nat) : BabyBear)) ∧
    n ≤ (privOf tp n).length ∧ (privOf tp n).length < 2 ^ 30 ∧
    (tp.row n Private.Col.j).val = n := by
  obtain ⟨-, hle, hlt⟩ := Private.end_length hs hf hn hend hlo hhi (by omega)
  have hlen : (privOf tp n).length = (tp.row 0 Private.Col.plen).val := by
    simp only [privOf, List.length_append, List.length_map, List.length_range,
      List.length_replicate]
    omega
  have hnr : tp.row n Private.Col.real = 0 := ((Private.end_iff hs hf n hn).mp hend).1
  refine ⟨fun r hr h1 => ?_, fun r hr hm => ?_, by omega, by omega, ?_⟩
  · rw [hT] at hr
    obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
    have hi' := List.mem_range.mp hi
    have hin : i < n := by
      refine Nat.lt_of_not_le fun hge => ?_
      have := Private.real_prefix hs i hi' h1 n hge
      rw [hnr] at this
      exact absurd this (by decide)
    have hj := Private.j_index hs i hi' fun k hk => Private.real_prefix hs i hi' h1 k (by omega)
    have hjv : (tp.row i Private.Col.j).val = i := by rw [hj]; exact Mem.val_cast (by omega)
    refine ⟨by omega, ?_⟩
    rw [hjv]
    have hg : (privOf tp n).getD i 0 = BitVec.ofNat 8 (tp.row i Private.Col.byte).val := by
      simp [privOf, List.getD_eq_getElem?_getD, List.getElem?_append_left, hin]
    rw [hg, BitVec.toNat_ofNat, Nat.mod_eq_of_lt (hbyte i hin), Felt.natCast_val]
  · rw [hT] at hr
    obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hr
    rw [hlen, Private.plen_const hs i (List.mem_range.mp hi), Felt.natCast_val]
  · rw [Private.j_index hs n hn ((Private.end_iff hs hf n hn).mp hend).2]
    exact Mem.val_cast (by omega)

theorem of_priv {T : Tables} {r : Row BabyBear} {f : Zkvm.Air.V2.Cpu.Fraction BabyBear}
    (hr : r ∈ T.priv) (hf : f ∈ Private.fractions r) : f ∈ T.fractions := by
  unfold Tables.fractions
  exact List.mem_append_left _ (List.mem_append_right _ (List.mem_flatMap.mpr ⟨r, hr, hf⟩))

/-- **A PRIVATE row's lookups from the bus**: a real row's byte is below 256 (U8), an end row's
r_lo below 2^16 (U16) and r_hi below 2^8 (U8). -/
theorem priv_looks {T : Tables} {fx : List (Zkvm.Air.V2.Cpu.Fraction BabyBear)}
    (hB : Exec.Carries T fx) {r : Row BabyBear} (hr : r ∈ T.priv) :
    (r Private.Col.real ≠ 0 → (r Private.Col.byte).val < 256) ∧
    (r Private.Col.endRow ≠ 0 →
      (r Private.Col.rLo).val < 2 ^ 16 ∧ (r Private.Col.rHi).val < 2 ^ 8) := by
  have hl : ∀ f ∈ Private.fractions r, f ∈ T.fractions := fun _ hf => of_priv hr hf
  have hs := Exec.private_sends (hB.bools.priv r hr).1 (hB.bools.priv r hr).2
  exact ⟨fun h => Exec.u8_at hB hl hs (i := 1) rfl h,
    fun h => ⟨Exec.u16_at hB hl hs (i := 4) rfl h, Exec.u8_at hB hl hs (i := 5) rfl h⟩⟩

/-- **`privFacts_of_trace` with the PRIVATE rows' lookups from the bus** (`Exec.Carries`). -/
theorem privFacts_of_carries {tp : Trace BabyBear} {pp : Nat → BabyBear} (hs : Private.Sat tp pp)
    (hf : pp Private.pvFinal = 1) {T : Tables} (hT : T.priv = (List.range tp.height).map tp.row)
    {fx : List (Zkvm.Air.V2.Cpu.Fraction BabyBear)} (hB : Exec.Carries T fx)
    {n : Nat} (hn : n < tp.height) (hend : tp.row n Private.Col.endRow = 1)
    (hn24 : n + 2 ^ 24 ≤ 2 ^ 30) :
    (∀ r ∈ T.priv, r Private.Col.real = 1 → (r Private.Col.j).val < n ∧
      r Private.Col.byte =
        ((((privOf tp n).getD (r Private.Col.j).val 0).toNat : Nat) : BabyBear)) ∧
    (∀ r ∈ T.priv, r Private.Col.mlen ≠ 0 →
      r Private.Col.plen = (((privOf tp n).length : Nat) : BabyBear)) ∧
    n ≤ (privOf tp n).length ∧ (privOf tp n).length < 2 ^ 30 ∧
    (tp.row n Private.Col.j).val = n := by
  have hmem : ∀ i < tp.height, tp.row i ∈ T.priv := fun i hi => by
    rw [hT]; exact List.mem_map.mpr ⟨i, List.mem_range.mpr hi, rfl⟩
  have he := (priv_looks hB (hmem n hn)).2 (by rw [hend]; decide)
  refine privFacts_of_trace hs hf hT hn hend hn24 he.1 he.2 fun i hi => ?_
  have hr : tp.row i Private.Col.real = 1 :=
    ((Private.end_iff hs hf n hn).mp hend).2 i hi
  exact (priv_looks hB (hmem i (by omega))).1 (by rw [hr]; decide)

end Zkvm.Air.V2.Run

end
