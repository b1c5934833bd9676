module

public import Zkvm.Air.V2.RunWordWrites
public import Zkvm.Air.V2.RunPrivateBus

/-!
# A read's new bytes are bytes (`hio` of `wordWrites_of_bus`), from the bus

`wordWrites_of_bus` (RunWordWrites.lean) takes `hio`: every real IO row that reads
(`Io.reads = 1`) has new bytes `n0 + j` below 2^8 on every lane j. This file derives it from
the bus (`io_read_bytes_of_bus`), lane by lane (`io_read_byte`):

* a lane the row does not move keeps its old byte (`Io.read_keeps`), which the row's U8 lookup
  ranges (`Io.Lookups.u8`);
* a lane it moves (moved = 1: `Io.lanes_sound`, `movedOf_cases`) carries the byte of its byte
  fraction ⟨sign · moved, [byteTag, base + j, n_j]⟩ (`io_byte_fraction`), a receive (sign −1):
  on a read of fd 0 (kRead = 1, tag 8) an INPUT message the statement sends
  (`Exec.input_of_bus`), whose byte is the input's at its position, a byte's field element
  (`hinput`, as `run_of_bus` takes it); on a read of fd 3 (kPriv = 1, tag 14) a PRIV message a
  real PRIVATE row sends (`Exec.priv_of_net`), whose byte its U8 lookup ranges (`hprivB`, the
  first half of `priv_looks`; `privByte_of_rows` gives it from `run_of_bus`'s `hprivRows`).

The hypotheses are those `run_of_bus` already has: `Exec.BusFacts`, the statement's INPUT sends
(`hinB`, `hinput`, `hcons`, `hinlen`), the PRIV messages' net multiplicities (`hpstmt`,
`hpnet`, `hpfew`), and the PRIVATE rows' bytes (`hprivB`, or `hprivRows` through
`privByte_of_rows`: `io_read_bytes_of_rows`). `wordWrites_of_bus_io` is `wordWrites_of_bus`
with `hio` so discharged.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table Zkvm.Air.Memory
open Zkvm.Air.V2.Exec (Tables)

/-- A byte as a field element is below 2^8. -/
theorem byte_cast_lt (x : Byte) : (((x.toNat : Nat) : BabyBear)).val < 2 ^ 8 := by
  have h := x.isLt
  rw [Mem.val_cast (by omega)]
  exact h

/-- **The PRIVATE rows' byte lookups from `run_of_bus`'s `hprivRows`**: a real PRIVATE row's byte
is a byte of the private input, so below 256 (real is boolean, so real ≠ 0 is real = 1). -/
theorem privByte_of_rows {T : Tables} (hb : Exec.Bools T) {priv : List Byte} {pcons : Nat}
    (hprivRows : ∀ r ∈ T.priv, r Private.Col.real = 1 → (r Private.Col.j).val < pcons ∧
      r Private.Col.byte = (((priv.getD (r Private.Col.j).val 0).toNat : Nat) : BabyBear)) :
    ∀ r ∈ T.priv, r Private.Col.real ≠ 0 → (r Private.Col.byte).val < 256 := by
  intro r hr h0
  have h1 : r Private.Col.real = 1 := by
    rcases (hb.priv r hr).1 with h | h
    · exact absurd h h0
    · exact h
  rw [(hprivRows r hr h1).2]
  exact byte_cast_lt _

/-- **One lane of a read row's new word is a byte**: a real IO row with reads = 1 that meets its
groups and lookups, when every INPUT (tag 8) and PRIV (tag 14) message a table receives carries a
byte (`hm8`, `hm14`), has its new byte at lane j below 2^8. -/
theorem io_read_byte {T : Tables} {ri : Row BabyBear} (hri : ri ∈ T.io) (hg : Io.Groups ri)
    (hl : Io.Lookups ri) (hreal : Io.real ri = 1) (hrd : Io.reads ri = 1)
    (hm8 : ∀ (p b : BabyBear), [8, p, b] ∈ T.rcvd → b.val < 2 ^ 8)
    (hm14 : ∀ (p b : BabyBear), [14, p, b] ∈ T.rcvd → b.val < 2 ^ 8)
    {j : Nat} (hj : j ∈ Io.lanes) : (ri (Io.Col.n0 + j)).val < 2 ^ 8 := by
  obtain ⟨fl, el, -, -, -, -, hmv⟩ := Io.lanes_sound hg hreal
  rcases Exec.movedOf_cases fl el j with h0 | h1
  · -- not moved: the old byte, ranged by the U8 lookup
    rw [(Io.read_keeps hg hrd).2 j hj (by rw [hmv j hj, h0])]
    exact hl.u8 (by rw [hreal]; decide) j hj
  · -- moved: the byte of a receive
    have hm1 : Io.moved ri j = 1 := by rw [hmv j hj, h1]
    have hf := Exec.Tables.of_io hri (io_byte_fraction ri hj)
    unfold Io.reads at hrd
    rcases io_kind_cases hg hreal with ⟨a, b, c, d⟩ | ⟨a, b, c, d⟩ | ⟨a, b, c, d⟩ |
        ⟨a, b, c, d⟩
    · have hsign : Io.sign ri = -1 := by
        unfold Io.sign Io.reads; rw [a, b, d]; decide
      have htag : Io.byteTag ri = 8 := by
        unfold Io.byteTag; rw [a, b, d]; decide
      have h := Tables.rcvd_of hf (by simp only [hsign, hm1]; grind)
      rw [htag] at h
      exact hm8 _ _ h
    · rw [a, d] at hrd; exact absurd hrd (by decide)
    · rw [a, d] at hrd; exact absurd hrd (by decide)
    · have hsign : Io.sign ri = -1 := by
        unfold Io.sign Io.reads; rw [a, b, d]; decide
      have htag : Io.byteTag ri = 14 := by
        unfold Io.byteTag; rw [a, b, d]; decide
      have h := Tables.rcvd_of hf (by simp only [hsign, hm1]; grind)
      rw [htag] at h
      exact hm14 _ _ h

/-- **Every INPUT message a table receives carries a byte**: it is one the statement sends
(`Exec.input_of_bus`), whose byte is the input's at its position, a byte's field element. -/
theorem input_bytes_of_bus {T : Tables} (hok : T.Ok) {ssent srcvd : List (List BabyBear)}
    (hb : Exec.Balanced T ssent srcvd) {input : List BabyBear} {consumed : Nat}
    (hinB : ∀ m ∈ ssent, m.head? = some 8 → m ∈ Zkvm.Air.BusLookups.inputSends input consumed)
    {inp : List Byte} (hinput : ∀ k, input.getD k 0 = (((inp.getD k 0).toNat : Nat) : BabyBear))
    (hcons : consumed ≤ inp.length) (hinlen : inp.length < 2 ^ 30) :
    ∀ (p b : BabyBear), [8, p, b] ∈ T.rcvd → b.val < 2 ^ 8 := by
  intro p b hm
  have hP : Zkvm.Field.P = 2013265921 := Zkvm.Field.P_eq
  have hp : p.val < 2013265921 := by have := BabyBear.val_lt p; omega
  have hm' : [8, ((p.val : Nat) : BabyBear), b] ∈ T.rcvd := by rw [Felt.natCast_val]; exact hm
  rw [(Exec.input_of_bus hok hb (by omega) hinB p.val b hp hm').2, hinput]
  exact byte_cast_lt _

/-- **Every PRIV message a table receives carries a byte**: it is a real PRIVATE row's
(`Exec.priv_of_net`), whose byte its U8 lookup ranges. -/
theorem priv_bytes_of_bus {T : Tables} {ssent srcvd : List (List BabyBear)} (hok : T.Ok)
    (hb : Exec.Bools T) (hpstmt : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 14 ∧ m.head? ≠ some 15)
    (hpnet : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      Exec.net m (Exec.busFractions T ssent srcvd []) = 0)
    (hpfew : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      (Exec.carrying m (Exec.busFractions T ssent srcvd [])).length < 2013265921)
    (hprivB : ∀ r ∈ T.priv, r Private.Col.real ≠ 0 → (r Private.Col.byte).val < 256) :
    ∀ (p b : BabyBear), [14, p, b] ∈ T.rcvd → b.val < 2 ^ 8 := by
  intro p b hm
  obtain ⟨r, hr, h1, e⟩ := Exec.priv_of_net hok hb hpstmt hm rfl
    (hpnet _ (Or.inl rfl)) (hpfew _ (Or.inl rfl))
  simp only [List.cons.injEq] at e
  rw [e.2.2.1]
  exact hprivB r hr (by rw [h1]; decide)

/-- **A read's new bytes are bytes, from the bus** (`wordWrites_of_bus`'s `hio`, in its exact
form): with the bus facts, the statement's INPUT sends being the input's bytes below the consumed
count (as `run_of_bus` takes them), the PRIV messages' net multiplicity 0 over the tables' and
the statement's fractions (fewer than p carrying each, the statement carrying none), and every
real PRIVATE row's byte below 256 (its U8 lookup, `priv_looks`; or `privByte_of_rows`), every
real IO row that reads has every new byte below 2^8 (over any CPU rows; `LimbsBefore` is not
needed). -/
theorem io_read_bytes_of_bus {T : Tables} {ssent srcvd : List (List BabyBear)}
    {code : List (UInt32 × UInt32)} (hF : Exec.BusFacts T ssent srcvd code)
    {input : List BabyBear} {consumed : Nat}
    (hinB : ∀ m ∈ ssent, m.head? = some 8 → m ∈ Zkvm.Air.BusLookups.inputSends input consumed)
    {inp : List Byte} (hinput : ∀ k, input.getD k 0 = (((inp.getD k 0).toNat : Nat) : BabyBear))
    (hcons : consumed ≤ inp.length) (hinlen : inp.length < 2 ^ 30)
    (hpstmt : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 14 ∧ m.head? ≠ some 15)
    (hpnet : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      Exec.net m (Exec.busFractions T ssent srcvd []) = 0)
    (hpfew : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      (Exec.carrying m (Exec.busFractions T ssent srcvd [])).length < 2013265921)
    (hprivB : ∀ r ∈ T.priv, r Private.Col.real ≠ 0 → (r Private.Col.byte).val < 256)
    {cpu : List (Row BabyBear)} :
    ∀ ri ∈ T.io, Io.real ri = 1 → Io.reads ri = 1 →
      LimbsBefore (witnessAccs cpu T.mem T.sys T.io) (ioAccess ri).ts →
        ∀ j ∈ Io.lanes, (ri (Io.Col.n0 + j)).val < 2 ^ 8 :=
  fun ri hri hreal hrd _ _ hj =>
    io_read_byte hri (hF.ok.io ri hri) (hF.io ri hri) hreal hrd
      (input_bytes_of_bus hF.ok hF.balanced hinB hinput hcons hinlen)
      (priv_bytes_of_bus hF.ok hF.bools hpstmt hpnet hpfew hprivB) hj

/-- **`io_read_bytes_of_bus` with `run_of_bus`'s private-row facts** (`hprivRows`: every real
PRIVATE row's byte is the private input's at its j), through `privByte_of_rows`. -/
theorem io_read_bytes_of_rows {T : Tables} {ssent srcvd : List (List BabyBear)}
    {code : List (UInt32 × UInt32)} (hF : Exec.BusFacts T ssent srcvd code)
    {input : List BabyBear} {consumed : Nat}
    (hinB : ∀ m ∈ ssent, m.head? = some 8 → m ∈ Zkvm.Air.BusLookups.inputSends input consumed)
    {inp : List Byte} (hinput : ∀ k, input.getD k 0 = (((inp.getD k 0).toNat : Nat) : BabyBear))
    (hcons : consumed ≤ inp.length) (hinlen : inp.length < 2 ^ 30)
    (hpstmt : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 14 ∧ m.head? ≠ some 15)
    (hpnet : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      Exec.net m (Exec.busFractions T ssent srcvd []) = 0)
    (hpfew : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      (Exec.carrying m (Exec.busFractions T ssent srcvd [])).length < 2013265921)
    {priv : List Byte} {pcons : Nat}
    (hprivRows : ∀ r ∈ T.priv, r Private.Col.real = 1 → (r Private.Col.j).val < pcons ∧
      r Private.Col.byte = (((priv.getD (r Private.Col.j).val 0).toNat : Nat) : BabyBear))
    {cpu : List (Row BabyBear)} :
    ∀ ri ∈ T.io, Io.real ri = 1 → Io.reads ri = 1 →
      LimbsBefore (witnessAccs cpu T.mem T.sys T.io) (ioAccess ri).ts →
        ∀ j ∈ Io.lanes, (ri (Io.Col.n0 + j)).val < 2 ^ 8 :=
  io_read_bytes_of_bus hF hinB hinput hcons hinlen hpstmt hpnet hpfew
    (privByte_of_rows hF.bools hprivRows)

/-- **`wordWrites_of_bus` with `hio` from the bus** (`io_read_bytes_of_rows`, `run_of_bus`'s
input and private-input hypotheses): `WordWrites` from the memory argument's hypotheses, the
boundary rows' initial limbs, `hrd` and `hmemIn`. -/
theorem wordWrites_of_bus_io {T : Tables} {ssent srcvd : List (List BabyBear)}
    {code : List (UInt32 × UInt32)} (hF : Exec.BusFacts T ssent srcvd code)
    {input : List BabyBear} {consumed : Nat}
    (hinB : ∀ m ∈ ssent, m.head? = some 8 → m ∈ Zkvm.Air.BusLookups.inputSends input consumed)
    {inp : List Byte} (hinput : ∀ k, input.getD k 0 = (((inp.getD k 0).toNat : Nat) : BabyBear))
    (hcons : consumed ≤ inp.length) (hinlen : inp.length < 2 ^ 30)
    (hpstmt : ∀ m ∈ ssent ++ srcvd, m.head? ≠ some 14 ∧ m.head? ≠ some 15)
    (hpnet : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      Exec.net m (Exec.busFractions T ssent srcvd []) = 0)
    (hpfew : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      (Exec.carrying m (Exec.busFractions T ssent srcvd [])).length < 2013265921)
    {priv : List Byte} {pcons : Nat}
    (hprivRows : ∀ r ∈ T.priv, r Private.Col.real = 1 → (r Private.Col.j).val < pcons ∧
      r Private.Col.byte = (((priv.getD (r Private.Col.j).val 0).toNat : Nat) : BabyBear))
    {cpu : List (Row BabyBear)} {bnd : List (Boundary Cell Val)}
    (hh : Hypotheses (witnessAccs cpu T.mem T.sys T.io) bnd)
    (hbnd : ∀ b ∈ bnd, b.cell.1 ≠ 3 → Limbs b.init)
    (hrd : ∀ r ∈ cpu, r Cpu.Col.fWr = 1 →
      LimbsBefore (witnessAccs cpu T.mem T.sys T.io) (4 * (r Cpu.Col.clk).val + 1 + 1 + 1) →
      ReadsBefore (witnessAccs cpu T.mem T.sys T.io) (4 * (r Cpu.Col.clk).val + 1 + 1 + 1) →
        Limbs (r Cpu.Col.cLo, r Cpu.Col.cHi))
    (hmemIn : ∀ rm ∈ T.mem, Mem.real rm = 1 →
      LimbsBefore (witnessAccs cpu T.mem T.sys T.io) (memAccess rm).ts →
        (rm Mem.Col.aLo).val < 2 ^ 16 ∧ (rm Mem.Col.aHi).val < 2 ^ 16 ∧
        (rm Mem.Col.bLo).val < 2 ^ 16 ∧ (rm Mem.Col.bHi).val < 2 ^ 16 ∧
        (rm Mem.Col.immLo).val < 2 ^ 16 ∧ (rm Mem.Col.immHi).val < 2 ^ 16) :
    WordWrites (witnessAccs cpu T.mem T.sys T.io) :=
  wordWrites_of_bus hF hh hbnd hrd hmemIn
    (io_read_bytes_of_rows hF hinB hinput hcons hinlen hpstmt hpnet hpfew hprivRows)

end Zkvm.Air.V2.Run

end
