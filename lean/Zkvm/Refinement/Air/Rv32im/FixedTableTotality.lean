module

public import Zkvm.Refinement.Protocol.Stark.FixedTotality

/-!
# `fixed::fixed_table` never panics

`fixed_table_total`: building the machine's fixed table from a program never panics, provided
every program row's op leaves room for the immediate-form offset (`op + 64 < 2^32`; every
decoded op is below 38, `decodeRow_op_lt`). Hence `checked_fixed_tables_total` and
`all_fixed_tables_total`: the fixed-table stage of `verify_segments` never panics, for any table
shapes and dimensions, when the machine's program has such ops.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.fixed

open Zkvm.Extraction Zkvm.Extracted
open Zkvm.Refinement.protocol.stark (lt_len_succ)

/-- A loop whose iterations decrease the measure, followed by a continuation that returns. -/
theorem loop_total_bindR {σ ρ β : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ))
    (init : σ) (k : ρ → Outcome β) (R : β → Prop)
    (step : ∀ s, ∃ x, body s = .ok x ∧ ∀ s', x = .cont s' → measure s' < measure s)
    (post : ∀ r, ∃ b, k r = .ok b ∧ R b) :
    ∃ b, (loop measure body init >>= k) = .ok b ∧ R b := by
  obtain ⟨r, hr, -⟩ := loop_ok measure body init (fun _ => True) (fun _ => True)
    (fun s _ => by
      obtain ⟨x, hx, hm⟩ := step s
      cases x with
      | cont s' => exact Or.inl ⟨s', hx, hm s' rfl, trivial⟩
      | done r => exact Or.inr ⟨r, hx, trivial⟩) trivial
  obtain ⟨b, hb, hR⟩ := post r
  exact ⟨b, by rw [hr, ok_bind]; exact hb, hR⟩

/-- The same, without a property of the result. -/
theorem loop_total_bind {σ ρ β : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ))
    (init : σ) (k : ρ → Outcome β)
    (step : ∀ s, ∃ x, body s = .ok x ∧ ∀ s', x = .cont s' → measure s' < measure s)
    (post : ∀ r, ∃ b, k r = .ok b) :
    ∃ b, (loop measure body init >>= k) = .ok b := by
  obtain ⟨b, hb, -⟩ := loop_total_bindR measure body init k (fun _ => True) step
    (fun r => by obtain ⟨b, hb⟩ := post r; exact ⟨b, hb, trivial⟩)
  exact ⟨b, hb⟩

/-- A `u32` counter below a bound steps without overflow, decreasing `2^32 - counter`. -/
theorem u32_step (s c : UInt32) (h : s < c) :
    U32.add s 1 = .ok (s + 1) ∧ 2 ^ 32 - (s + 1).toNat < 2 ^ 32 - s.toNat := by
  have h1 := UInt32.lt_iff_toNat_lt.mp h
  have h2 := UInt32.toNat_lt c
  refine ⟨U32.add_eq s 1 (by simp; omega), ?_⟩
  simp only [UInt32.toNat_add]; simp; omega

set_option linter.unusedSimpArgs false in
/-- `fixed::flags` never panics. -/
theorem flags_total (row : receipt.program.ProgramRow) :
    ∃ f, air.rv32im.fixed.flags row = .ok f := by
  unfold air.rv32im.fixed.flags
  dsimp only
  by_cases h1 : row.write_rd = 1 <;> (try simp only [h1, ne_eq, ↓reduceIte])
  all_goals by_cases h2 : (decide (row.op ≥ receipt.program.OP_BEQ) &&
      decide (row.op ≤ receipt.program.OP_BGEU)) = true <;>
    (try simp only [h2, ne_eq, ↓reduceIte])
  all_goals by_cases h3 : row.op = receipt.program.OP_JAL <;>
    (try simp only [h3, ne_eq, ↓reduceIte])
  all_goals by_cases h4 : row.op = receipt.program.OP_JALR <;>
    (try simp only [h4, ne_eq, ↓reduceIte])
  all_goals by_cases h5 : row.op = receipt.program.OP_LUI <;>
    (try simp only [h5, ne_eq, ↓reduceIte])
  all_goals by_cases h6 : row.op = receipt.program.OP_AUIPC <;>
    (try simp only [h6, ne_eq, ↓reduceIte])
  all_goals by_cases h7 : row.op = receipt.program.OP_FENCE <;>
    (try simp only [h7, ne_eq, ↓reduceIte])
  all_goals exact ⟨_, rfl⟩

/-- `fixed::prog_row` never panics when the op leaves room for the immediate-form offset. -/
theorem prog_row_total (row : receipt.program.ProgramRow) (hop : row.op.toNat + 64 < 2 ^ 32) :
    ∃ r, air.rv32im.fixed.prog_row row = .ok r := by
  obtain ⟨f, hf⟩ := flags_total row
  have he : ∃ x, air.rv32im.fixed.exec_op row = .ok x := by
    unfold air.rv32im.fixed.exec_op
    split
    · exact ⟨_, U32.add_eq _ _ (by simpa using hop)⟩
    · exact ⟨_, rfl⟩
  obtain ⟨x, hx⟩ := he
  unfold air.rv32im.fixed.prog_row
  simp only [hx, hf, air.rv32im.fixed.lo, air.rv32im.fixed.hi, U32.shr_eq _ 16 (by decide),
    pure_ok, ok_bind]
  split <;> exact ⟨_, rfl⟩

/-- `fixed::push_pow2_rows` never panics. -/
theorem push_pow2_rows_total (rows : List (List UInt32)) :
    ∃ r, air.rv32im.fixed.push_pow2_rows rows = .ok r := by
  unfold air.rv32im.fixed.push_pow2_rows
  apply loop_total_bind
  · intro ⟨rs, kind⟩
    dsimp only
    split
    · rename_i hk
      obtain ⟨hka, hkm⟩ := u32_step kind 2 hk
      apply loop_total_bindR (R := fun (x : Step (List (List UInt32) × UInt32)
          (List (List UInt32) × UInt32)) => ∀ s', x = Step.cont s' →
        2 ^ 32 - UInt32.toNat s'.2 < 2 ^ 32 - UInt32.toNat kind)
      · intro ⟨rs2, s⟩
        dsimp only
        split
        · rename_i hs
          obtain ⟨hsa, hsm⟩ := u32_step s 32 hs
          have hs' : s.toNat < 32 := UInt32.lt_iff_toNat_lt.mp hs
          have hle : s.toNat ≤ (32 : UInt32).toNat := by
            have : (32 : UInt32).toNat = 32 := rfl
            omega
          have hsub : (32 - s).toNat < 64 := by
            have : (32 : UInt32).toNat = 32 := rfl
            rw [UInt32.toNat_sub_of_le _ _ hle]; omega
          split
          all_goals (try rw [U64.shl_eq 1 s.toNat (by omega), ok_bind])
          all_goals (try split)
          all_goals (try rw [U32.sub_eq _ _ hle, ok_bind, U64.shl_eq 1 (32 - s).toNat hsub, ok_bind])
          all_goals (try split)
          all_goals
            simp only [pure_ok, ok_bind, U64.shr_eq _ 8 (by decide),
              U64.shr_eq _ 16 (by decide), U64.shr_eq _ 24 (by decide), hsa]
            exact ⟨_, rfl, fun s' h => by cases h; exact hsm⟩
        · exact ⟨_, rfl, fun s' h => by cases h⟩
      · intro r
        simp only [hka, ok_bind]
        exact ⟨_, rfl, fun s' h => by cases h; exact hkm⟩
    · exact ⟨_, rfl, fun s' h => by cases h⟩
  · intro r
    exact ⟨_, rfl⟩

/-- **`fixed::fixed_table` never panics**, for a program whose ops leave room for the
immediate-form offset (`op + 64 < 2^32`; decoded ops are below 38). -/
theorem fixed_table_total (prog : receipt.program.Program)
    (hops : ∀ r ∈ prog.rows, r.op.toNat + 64 < 2 ^ 32) :
    ∃ t, air.rv32im.fixed.fixed_table prog = .ok t := by
  unfold air.rv32im.fixed.fixed_table
  apply loop_total_bind
  · intro ⟨rs, i⟩
    dsimp only
    split
    · rename_i hc
      obtain ⟨hi, hsucc, e⟩ := lt_len_succ _ i hc
      rw [Slice.index_eq _ _ hi, ok_bind]
      obtain ⟨pr, hpr⟩ := prog_row_total _ (hops _ (List.getElem_mem hi))
      rw [hpr, ok_bind, hsucc, ok_bind]
      exact ⟨_, rfl, fun s' h => by cases h; dsimp only; have := UInt64.toNat_lt i; omega⟩
    · exact ⟨_, rfl, fun s' h => by cases h⟩
  · intro ⟨rows1, i1⟩
    dsimp only
    apply loop_total_bind
    · intro ⟨rs, i⟩
      dsimp only
      split
      · rename_i hc
        obtain ⟨hi, hsucc, e⟩ := lt_len_succ _ i hc
        rw [Slice.index_eq _ _ hi, ok_bind]
        simp only [air.rv32im.fixed.lo, air.rv32im.fixed.hi, U32.shr_eq _ 16 (by decide),
          pure_ok, ok_bind, hsucc]
        exact ⟨_, rfl, fun s' h => by cases h; dsimp only; have := UInt64.toNat_lt i; omega⟩
      · exact ⟨_, rfl, fun s' h => by cases h⟩
    · intro ⟨rows2, i2⟩
      dsimp only
      obtain ⟨p2, hp2⟩ := push_pow2_rows_total rows2
      rw [hp2, ok_bind]
      apply loop_total_bind
      · intro ⟨rs, v⟩
        dsimp only
        split
        · rename_i hv
          obtain ⟨hva, hvm⟩ := u32_step v 256 hv
          rw [hva, ok_bind]
          exact ⟨_, rfl, fun s' h => by cases h; exact hvm⟩
        · exact ⟨_, rfl, fun s' h => by cases h⟩
      · intro ⟨rows3, v3⟩
        dsimp only
        apply loop_total_bind
        · intro ⟨rs, a⟩
          dsimp only
          split
          · rename_i ha
            obtain ⟨haa, ham⟩ := u32_step a 16 ha
            apply loop_total_bindR (R := fun (x : Step (List (List UInt32) × UInt32)
                (List (List UInt32) × UInt32)) => ∀ s', x = Step.cont s' →
              2 ^ 32 - UInt32.toNat s'.2 < 2 ^ 32 - UInt32.toNat a)
            · intro ⟨rs2, b⟩
              dsimp only
              split
              · rename_i hb
                obtain ⟨hba, hbm⟩ := u32_step b 16 hb
                rw [hba, ok_bind]
                exact ⟨_, rfl, fun s' h => by cases h; exact hbm⟩
              · exact ⟨_, rfl, fun s' h => by cases h⟩
            · intro r
              simp only [haa, ok_bind]
              exact ⟨_, rfl, fun s' h => by cases h; exact ham⟩
          · exact ⟨_, rfl, fun s' h => by cases h⟩
        · intro r
          exact ⟨_, rfl⟩

end Zkvm.Refinement.air.rv32im.fixed

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted

/-- **`checked_fixed_tables` never panics** when the machine's program rows have ops with
`op + 64 < 2^32` (decoded programs have ops below 38). -/
theorem checked_fixed_tables_total (vk : protocol.vk.VerifyingKey) (index : Usize)
    (shape : air.TableShape) (logHeight : UInt32)
    (hops : ∀ prog, vk.air = .Rv32imV2 prog → ∀ r ∈ prog.rows, r.op.toNat + 64 < 2 ^ 32) :
    ∃ r, protocol.stark.checked_fixed_tables vk index shape logHeight = .ok r :=
  checked_fixed_tables_total_of vk index shape logHeight
    (fun prog h => air.rv32im.fixed.fixed_table_total prog (hops prog h))

/-- **`all_fixed_tables` never panics**, for any table shapes and dimensions, when the machine's
program rows have ops with `op + 64 < 2^32` (decoded programs have ops below 38). This gives
`verify_segments_total`'s `haf` (its hypotheses about `table_shapes` and `proof_dimensions` are
not needed). -/
theorem all_fixed_tables_total (vk : protocol.vk.VerifyingKey) (shapes : List air.TableShape)
    (dims : protocol.stark.ProofDimensions)
    (hops : ∀ prog, vk.air = .Rv32imV2 prog → ∀ r ∈ prog.rows, r.op.toNat + 64 < 2 ^ 32) :
    ∃ r, protocol.stark.all_fixed_tables vk shapes dims = .ok r :=
  all_fixed_tables_total_of vk shapes dims
    (fun prog h => air.rv32im.fixed.fixed_table_total prog (hops prog h))

end Zkvm.Refinement.protocol.stark
