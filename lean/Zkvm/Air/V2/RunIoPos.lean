module

public import Zkvm.Air.V2.RunBusWhole

/-!
# The IO rows' first positions, from the bus

The run theorems take, for every real IO row, its first moved byte's position `Io.firstPos`
(base + f, read as a number) below 2^30 (`hrange`'s second conjunct; `hpos` in the primed forms).
For every kind of row but a write to fd 2 this follows from the bus: the row's message for its
first moved lane f carries base + f as its position, and

* a read of fd 0 receives INPUT(base + f, byte), which only the statement sends, at positions
  below the consumed count (`Exec.input_of_bus`);
* a write to fd 1 sends OUTPUT(base + f, byte), which only the statement receives, at positions
  below the claimed output's length (`Exec.output_of_bus`);
* a read of fd 3 receives PRIV(base + f, byte), which only real PRIVATE rows send, at positions
  below the private input's consumed count (the run theorem's `hprivRows`, through
  `Exec.priv_of_net` as `run_of_bus` uses it: `hprivB` here).

So `firstPos_of_bus`: with those three bounds below 2^30, every real IO row that is not a write
to fd 2 has its first position below 2^30. A write to fd 2 sends no byte message, and no
constraint fixes its cursor, so nothing bounds its positions; what remains of `hpos` is about
those rows only (`hpos_of_fd2`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Run

open Zkvm.Field Zkvm.RiscV Zkvm.Air Zkvm.Air.Table
open Zkvm.Air.V2.Exec (Tables)

/-- The first moved lane's byte message of a real IO row: its position field is
`Io.firstPos ri`, as a number below p. -/
theorem first_byte_msg {T : Tables} {ri : Row BabyBear} (hri : ri ∈ T.io) (hg : Io.Groups ri)
    (hreal : Io.real ri = 1) :
    ∃ f : Nat, f ≤ 3 ∧ Io.moved ri f = 1 ∧
      (⟨Io.sign ri, [Io.byteTag ri, ((Io.firstPos ri : Nat) : BabyBear), ri (Io.Col.n0 + f)]⟩ :
        Zkvm.Air.V2.Cpu.Fraction BabyBear) ∈ T.fractions := by
  obtain ⟨f, e, hfe, he3, hf, -, hm⟩ := Io.lanes_sound hg hreal
  have hfl : f ∈ Io.lanes := Io.mem_lanes.mpr (by omega)
  have hmv : Io.moved ri f = 1 := by
    rw [hm f hfl, Io.movedOf, if_pos ⟨Nat.le_refl _, hfe⟩]
  have hfr := Exec.Tables.of_io hri (io_byte_fraction ri hfl)
  have hpos : ri Io.Col.base + ((f : Nat) : BabyBear) = ((Io.firstPos ri : Nat) : BabyBear) := by
    unfold Io.firstPos; rw [Felt.natCast_val, Io.laneAt_s, hf]
  rw [hmv, hpos, show Io.sign ri * 1 = Io.sign ri by grind] at hfr
  exact ⟨f, by omega, hmv, hfr⟩

/-- **The first positions of the IO rows that move bytes to or from the statement or the private
input**: every real IO row that is not a write to fd 2 has its first moved byte's position below
the consumed input count, the claimed output's length or the private input's consumed count, all
below 2^30. -/
theorem firstPos_of_bus {T : Tables} (hok : T.Ok) {ssent srcvd : List (List BabyBear)}
    (hb : Exec.Balanced T ssent srcvd) {out input : List BabyBear} {consumed pcons : Nat}
    (hout30 : out.length < 2 ^ 30) (hcons30 : consumed < 2 ^ 30) (hpcons30 : pcons < 2 ^ 30)
    (hsr : ∀ m ∈ srcvd, m.head? = some 9 → m ∈ Zkvm.Air.BusLookups.outputReceives out)
    (hss : ∀ m ∈ ssent, m.head? = some 8 → m ∈ Zkvm.Air.BusLookups.inputSends input consumed)
    (hprivB : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [14, ((pos : Nat) : BabyBear), b] ∈ T.rcvd → pos < pcons) :
    ∀ ri ∈ T.io, Io.real ri = 1 → ri Io.Col.kWrite2 = 0 → Io.firstPos ri < 2 ^ 30 := by
  intro ri hri hreal hk2
  have hg := hok.io ri hri
  obtain ⟨f, -, -, hfr⟩ := first_byte_msg hri hg hreal
  have hlt : Io.firstPos ri < 2013265921 := by
    have := BabyBear.val_lt (ri Io.Col.base + Io.laneAt ri Io.Col.s1)
    unfold Io.firstPos; have hP : Zkvm.Field.P = 2013265921 := Zkvm.Field.P_eq; omega
  rcases Io.kinds hg hreal with ⟨h1, h2, h3, h4⟩ | ⟨h1, h2, h3, h4⟩ | ⟨h1, h2, h3, h4⟩ |
      ⟨h1, h2, h3, h4⟩
  · -- a read of fd 0: INPUT received
    have hs : Io.sign ri = -1 := by unfold Io.sign Io.reads; rw [h1, h2, h4]; grind
    have ht : Io.byteTag ri = 8 := by unfold Io.byteTag; rw [h1, h2, h4]; grind
    have hm := Exec.Tables.rcvd_of hfr hs
    rw [ht] at hm
    have := (Exec.input_of_bus hok hb (by omega) hss _ _ hlt hm).1
    omega
  · -- a write to fd 1: OUTPUT sent
    have hs : Io.sign ri = 1 := by unfold Io.sign Io.reads; rw [h1, h2, h4]; grind
    have ht : Io.byteTag ri = 9 := by unfold Io.byteTag; rw [h1, h2, h4]; grind
    have hm := Exec.Tables.sent_of hfr hs
    rw [ht] at hm
    have := (Exec.output_of_bus hok hb (by omega) hsr _ _ hlt hm).1
    omega
  · rw [h3] at hk2; exact absurd hk2 (by decide)
  · -- a read of fd 3: PRIV received
    have hs : Io.sign ri = -1 := by unfold Io.sign Io.reads; rw [h1, h2, h4]; grind
    have ht : Io.byteTag ri = 14 := by unfold Io.byteTag; rw [h1, h2, h4]; grind
    have hm := Exec.Tables.rcvd_of hfr hs
    rw [ht] at hm
    have := hprivB _ _ hlt hm
    omega

/-- **What remains of the position hypothesis**: with `firstPos_of_bus`'s bounds, every real IO
row's first position is below 2^30 once the writes to fd 2 have theirs. -/
theorem hpos_of_fd2 {T : Tables} (hok : T.Ok) {ssent srcvd : List (List BabyBear)}
    (hb : Exec.Balanced T ssent srcvd) {out input : List BabyBear} {consumed pcons : Nat}
    (hout30 : out.length < 2 ^ 30) (hcons30 : consumed < 2 ^ 30) (hpcons30 : pcons < 2 ^ 30)
    (hsr : ∀ m ∈ srcvd, m.head? = some 9 → m ∈ Zkvm.Air.BusLookups.outputReceives out)
    (hss : ∀ m ∈ ssent, m.head? = some 8 → m ∈ Zkvm.Air.BusLookups.inputSends input consumed)
    (hprivB : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [14, ((pos : Nat) : BabyBear), b] ∈ T.rcvd → pos < pcons)
    (hpos2 : ∀ ri ∈ T.io, Io.real ri = 1 → ri Io.Col.kWrite2 = 1 → Io.firstPos ri < 2 ^ 30) :
    ∀ ri ∈ T.io, Io.real ri = 1 → Io.firstPos ri < 2 ^ 30 := by
  intro ri hri hreal
  rcases Io.kinds (hok.io ri hri) hreal with ⟨-, -, h3, -⟩ | ⟨-, -, h3, -⟩ | ⟨-, -, h3, -⟩ |
      ⟨-, -, h3, -⟩
  · exact firstPos_of_bus hok hb hout30 hcons30 hpcons30 hsr hss hprivB ri hri hreal h3
  · exact firstPos_of_bus hok hb hout30 hcons30 hpcons30 hsr hss hprivB ri hri hreal h3
  · exact hpos2 ri hri hreal h3
  · exact firstPos_of_bus hok hb hout30 hcons30 hpcons30 hsr hss hprivB ri hri hreal h3

/-- **The position hypothesis from the bus facts, but for fd 2**: over the run's bus facts with the
statement's messages (as `run_of_facts` takes them), the PRIVATE rows' facts and the statement's
lengths, every real IO row's first position is below 2^30 once the writes to fd 2 have theirs. -/
theorem hpos_of_facts {T : Tables} {pv : List BabyBear} {input output : List UInt8}
    {code : List (UInt32 × UInt32)}
    (hF : Exec.BusFacts T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) code)
    (hpnet : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      Exec.net m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output) []) = 0)
    (hpfew : ∀ m, m.head? = some 14 ∨ m.head? = some 15 →
      (Exec.carrying m (Exec.busFractions T (Exec.stmtSent pv input) (Exec.stmtRcvd pv output)
        [])).length < 2013265921)
    {priv : List Byte} {pcons : Nat}
    (hprivRows : ∀ r ∈ T.priv, r Private.Col.real = 1 → (r Private.Col.j).val < pcons ∧
      r Private.Col.byte = (((priv.getD (r Private.Col.j).val 0).toNat : Nat) : BabyBear))
    (hpcons : pcons ≤ priv.length) (hplen30 : priv.length < 2 ^ 30)
    (hcons : (pv.getD Zkvm.Spec.Statement.pvInputConsumed 0).val ≤ input.length)
    (hinlen : input.length < 2 ^ 30) (houtlen : output.length ≤ maxOutputLen)
    (hpos2 : ∀ ri ∈ T.io, Io.real ri = 1 → ri Io.Col.kWrite2 = 1 → Io.firstPos ri < 2 ^ 30) :
    ∀ ri ∈ T.io, Io.real ri = 1 → Io.firstPos ri < 2 ^ 30 := by
  have hmax : maxOutputLen = 256 * 2 ^ 20 := rfl
  have hprivB : ∀ (pos : Nat) (b : BabyBear), pos < 2013265921 →
      [14, ((pos : Nat) : BabyBear), b] ∈ T.rcvd → pos < pcons := by
    intro pos b hp hm
    obtain ⟨r, hr, h1, e⟩ := Exec.priv_of_net hF.ok hF.bools (Exec.stmt_no_priv pv input output) hm
      rfl (hpnet _ (Or.inl rfl)) (hpfew _ (Or.inl rfl))
    simp only [List.cons.injEq] at e
    obtain ⟨-, ej, -, -⟩ := e
    have hv : (r Private.Col.j).val = pos := by rw [← ej]; exact Mem.val_cast hp
    rw [← hv]; exact (hprivRows r hr h1).1
  exact hpos_of_fd2 hF.ok hF.balanced (out := output.map Exec.byteFelt)
    (input := input.map Exec.byteFelt) (consumed := (pv.getD Zkvm.Spec.Statement.pvInputConsumed 0).val)
    (by rw [List.length_map]; omega) (by omega) (by omega)
    (Exec.stmt_output pv output (by omega)) (Exec.stmt_input pv input) hprivB hpos2

end Zkvm.Air.V2.Run

end
