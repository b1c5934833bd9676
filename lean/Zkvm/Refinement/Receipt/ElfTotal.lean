module

public import Zkvm.Extracted.Receipt.Program
public import Zkvm.Extraction.LoopEq

/-!
# Reading an ELF file never panics (issue 11)

Bottom of the chain `receipt::verifying_key` never panics (`VerifyingKeyTotal.lean`):

* `loop_idx_bind`, `loop_lt_bind`: loops by an invariant, counting up by one or with any
  decreasing measure, followed by a continuation that returns;
* `elf_u16_total`, `elf_u32_total`: the little-endian readers never panic;
* `parse_elf_total`: `program::parse_elf` never panics, and the segments it returns are fewer
  than `2^32` (at most one per program header, whose count is below `2^32`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.receipt.program

open Zkvm.Extraction Zkvm.Extracted

/-- What one iteration of a counting loop must give: the next state, one count further, meeting
the invariant, or the loop's result, meeting the postcondition. -/
def IdxStep {σ ρ : Type} (idx : σ → Usize) (P : σ → Prop) (Q : ρ → Prop) (s : σ) :
    Step σ ρ → Prop
  | .cont s' => (idx s').toNat = (idx s).toNat + 1 ∧ P s'
  | .done r => Q r

/-- What one iteration of a loop must give, for any measure. -/
def LtStep {σ ρ : Type} (measure : σ → Nat) (P : σ → Prop) (Q : ρ → Prop) (s : σ) :
    Step σ ρ → Prop
  | .cont s' => measure s' < measure s ∧ P s'
  | .done r => Q r

theorem idx_done {σ ρ : Type} {idx : σ → Usize} {P : σ → Prop} {Q : ρ → Prop} {s : σ} {r : ρ}
    (h : Q r) : IdxStep idx P Q s (.done r) := h

theorem idx_cont {σ ρ : Type} {idx : σ → Usize} {P : σ → Prop} {Q : ρ → Prop} {s s' : σ}
    (h1 : (idx s').toNat = (idx s).toNat + 1) (h2 : P s') : IdxStep idx P Q s (.cont s') :=
  ⟨h1, h2⟩

theorem lt_done {σ ρ : Type} {measure : σ → Nat} {P : σ → Prop} {Q : ρ → Prop} {s : σ} {r : ρ}
    (h : Q r) : LtStep measure P Q s (.done r) := h

theorem lt_cont {σ ρ : Type} {measure : σ → Nat} {P : σ → Prop} {Q : ρ → Prop} {s s' : σ}
    (h1 : measure s' < measure s) (h2 : P s') : LtStep measure P Q s (.cont s') :=
  ⟨h1, h2⟩

/-- A loop by an invariant `P` and a decreasing measure, then a continuation returning on every
result meeting `Q`. -/
theorem loop_lt_bind {σ ρ β : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ))
    (init : σ) (k : ρ → Outcome β) (P : σ → Prop) (Q : ρ → Prop) (R : β → Prop)
    (step : ∀ s, P s → ∃ x, body s = .ok x ∧ LtStep measure P Q s x)
    (hinit : P init) (post : ∀ r, Q r → ∃ b, k r = .ok b ∧ R b) :
    ∃ b, (loop measure body init >>= k) = .ok b ∧ R b := by
  apply loop_bind_ex measure body init k R P Q _ hinit post
  intro s hs
  obtain ⟨x, hx, hst⟩ := step s hs
  cases x with
  | cont s' => exact Or.inl ⟨s', hx, hst.1, hst.2⟩
  | done r => exact Or.inr ⟨r, hx, hst⟩

/-- A loop whose measure is `2^64` minus a counter that each iteration increments. -/
theorem loop_idx_bind {σ ρ β : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ))
    (init : σ) (k : ρ → Outcome β) (idx : σ → Usize) (hm : ∀ s, measure s = 2 ^ 64 - (idx s).toNat)
    (P : σ → Prop) (Q : ρ → Prop) (R : β → Prop)
    (step : ∀ s, P s → ∃ x, body s = .ok x ∧ IdxStep idx P Q s x)
    (hinit : P init) (post : ∀ r, Q r → ∃ b, k r = .ok b ∧ R b) :
    ∃ b, (loop measure body init >>= k) = .ok b ∧ R b := by
  apply loop_lt_bind measure body init k P Q R _ hinit post
  intro s hs
  obtain ⟨x, hx, hst⟩ := step s hs
  refine ⟨x, hx, ?_⟩
  cases x with
  | cont s' =>
    refine ⟨?_, hst.2⟩
    rw [hm, hm, hst.1]
    have := (idx s').toNat_lt
    rw [hst.1] at this
    omega
  | done r => exact hst

/-- `i < n` for a `usize` counter: `i + 1` does not overflow. -/
theorem succ_of_lt (i n : Usize) (h : i < n) :
    Usize.add i 1 = .ok (i + 1) ∧ (i + 1).toNat = i.toNat + 1 := by
  have h1 := UInt64.lt_iff_toNat_lt.mp h
  have h2 := n.toNat_lt
  refine ⟨Usize.add_eq i 1 (by simp; omega), ?_⟩
  simp only [UInt64.toNat_add]; simp; omega

/-- `i < n` for a `u64` counter: `i + 1` does not overflow. -/
theorem succ64_of_lt (i n : UInt64) (h : i < n) :
    U64.add i 1 = .ok (i + 1) ∧ (i + 1).toNat = i.toNat + 1 := by
  have h1 := UInt64.lt_iff_toNat_lt.mp h
  have h2 := n.toNat_lt
  refine ⟨U64.add_eq i 1 (by simp; omega), ?_⟩
  simp only [UInt64.toNat_add]; simp; omega

/-- A counter below a list's `usize` length indexes it. -/
theorem lt_len (l : List α) (i : Usize) (h : i < Slice.len l) : i.toNat < l.length := by
  have h1 := UInt64.lt_iff_toNat_lt.mp h
  have h2 : (Slice.len l).toNat ≤ l.length := by simp [Slice.len, Nat.mod_le]
  omega

/-- `a + b` for `usize` values whose sum fits. -/
theorem add_ok (a b : Usize) (n : Nat) (hb : b.toNat = n) (h : a.toNat + n < 2 ^ 64) :
    Usize.add a b = .ok (a + b) ∧ (a + b).toNat = a.toNat + n := by
  subst hb
  refine ⟨Usize.add_eq a b h, ?_⟩
  rw [UInt64.toNat_add, Nat.mod_eq_of_lt h]

/-- **`elf_u16` never panics.** -/
theorem elf_u16_total (bytes : List UInt8) (pos : Usize) :
    ∃ r, receipt.program.elf_u16 bytes pos = .ok r := by
  unfold receipt.program.elf_u16
  have h2 : (2 : Usize).toNat = 2 := rfl
  by_cases hc : pos.toNat + 2 < 2 ^ 64
  · have c1 : Usize.checked_add pos 2 = some (pos + 2) := by
      simp only [Usize.checked_add]; rw [if_pos (by rw [h2]; exact hc)]
    have e1 : (pos + 2).toNat = pos.toNat + 2 := by
      simp only [UInt64.toNat_add, h2]; omega
    simp only [c1, pure_ok, ok_bind]
    by_cases he : pos + 2 > Slice.len bytes
    · exact ⟨_, by rw [if_pos he]⟩
    · rw [if_neg he]
      have hle : pos.toNat + 2 ≤ bytes.length := by
        have : (Slice.len bytes).toNat ≤ bytes.length := by simp [Slice.len, Nat.mod_le]
        rw [gt_iff_lt, UInt64.lt_iff_toNat_lt] at he; omega
      obtain ⟨a1, t1⟩ := add_ok pos 1 1 rfl (by omega)
      rw [Slice.index_eq _ _ (by omega), ok_bind, a1, ok_bind, Slice.index_eq _ _ (by omega),
        ok_bind, U32.shl_eq _ _ (by decide), ok_bind]
      exact ⟨_, rfl⟩
  · have c1 : Usize.checked_add pos 2 = none := by
      simp only [Usize.checked_add]; rw [if_neg (by rw [h2]; exact hc)]
    exact ⟨_, by simp only [c1]; rfl⟩

/-- **`elf_u32` never panics.** -/
theorem elf_u32_total (bytes : List UInt8) (pos : Usize) :
    ∃ r, receipt.program.elf_u32 bytes pos = .ok r := by
  unfold receipt.program.elf_u32
  have h4 : (4 : Usize).toNat = 4 := rfl
  by_cases hc : pos.toNat + 4 < 2 ^ 64
  · have c1 : Usize.checked_add pos 4 = some (pos + 4) := by
      simp only [Usize.checked_add]; rw [if_pos (by rw [h4]; exact hc)]
    have e1 : (pos + 4).toNat = pos.toNat + 4 := by
      simp only [UInt64.toNat_add, h4]; omega
    simp only [c1, pure_ok, ok_bind]
    by_cases he : pos + 4 > Slice.len bytes
    · exact ⟨_, by rw [if_pos he]⟩
    · rw [if_neg he]
      have hle : pos.toNat + 4 ≤ bytes.length := by
        have : (Slice.len bytes).toNat ≤ bytes.length := by simp [Slice.len, Nat.mod_le]
        rw [gt_iff_lt, UInt64.lt_iff_toNat_lt] at he; omega
      obtain ⟨a1, t1⟩ := add_ok pos 1 1 rfl (by omega)
      obtain ⟨a2, t2⟩ := add_ok pos 2 2 rfl (by omega)
      obtain ⟨a3, t3⟩ := add_ok pos 3 3 rfl (by omega)
      rw [Slice.index_eq _ _ (by omega), ok_bind, a1, ok_bind, Slice.index_eq _ _ (by omega),
        ok_bind, U32.shl_eq _ _ (by decide), ok_bind, a2, ok_bind,
        Slice.index_eq _ _ (by omega), ok_bind, U32.shl_eq _ _ (by decide), ok_bind, a3, ok_bind,
        Slice.index_eq _ _ (by omega), ok_bind, U32.shl_eq _ _ (by decide), ok_bind]
      exact ⟨_, rfl⟩
  · have c1 : Usize.checked_add pos 4 = none := by
      simp only [Usize.checked_add]; rw [if_neg (by rw [h4]; exact hc)]
    exact ⟨_, by simp only [c1]; rfl⟩

/-- `a * b` for `usize` values whose product fits. -/
theorem mul_ok (a b : Usize) (n : Nat) (hb : b.toNat = n) (h : a.toNat * n < 2 ^ 64) :
    Usize.mul a b = .ok (a * b) ∧ (a * b).toNat = a.toNat * n := by
  subst hb
  refine ⟨Usize.mul_eq a b h, ?_⟩
  rw [UInt64.toNat_mul, Nat.mod_eq_of_lt h]

/-- An `if` both of whose branches return. -/
theorem ite_ex {α : Type} {c : Prop} [Decidable c] {a b : Outcome α} {R : α → Prop}
    (h1 : c → ∃ x, a = .ok x ∧ R x) (h2 : ¬c → ∃ x, b = .ok x ∧ R x) :
    ∃ x, (if c then a else b) = .ok x ∧ R x := by
  by_cases h : c
  · rw [if_pos h]; exact h1 h
  · rw [if_neg h]; exact h2 h

/-- A bind whose first action returns `a`, continued by a continuation that returns on `a`. -/
theorem bind_ex {α β : Type} {x : Outcome α} {a : α} (hx : x = .ok a) {k : α → Outcome β}
    {R : β → Prop} (h : ∃ b, k a = .ok b ∧ R b) : ∃ b, (x >>= k) = .ok b ∧ R b := by
  rw [hx, ok_bind]; exact h

/-- A read `elf_u32` followed by a continuation that returns on both of its results. -/
theorem u32_ex {β : Type} (elf : List UInt8) (pos : Usize)
    {k : Except error.VerifyError UInt32 → Outcome β} {R : β → Prop}
    (herr : ∀ e, ∃ b, k (.error e) = .ok b ∧ R b) (hok : ∀ v, ∃ b, k (.ok v) = .ok b ∧ R b) :
    ∃ b, (receipt.program.elf_u32 elf pos >>= k) = .ok b ∧ R b := by
  obtain ⟨r, hr⟩ := elf_u32_total elf pos
  rw [hr, ok_bind]
  cases r with
  | error e => exact herr e
  | ok v => exact hok v

/-- The property of `parse_elf`'s result: fewer than `2^32` segments. -/
def ParseOk (r : Except error.VerifyError (UInt32 × List receipt.program.LoadSegment)) : Prop :=
  ∀ e segs, r = .ok (e, segs) → segs.length < 2 ^ 32

local macro "bad" : tactic => `(tactic| exact ⟨_, rfl, fun _ _ h => by cases h⟩)
local macro "ret_err" : tactic =>
  `(tactic| exact ⟨_, rfl, idx_done ⟨(fun x hx _ _ h => by cases hx; cases h), (fun s hs => by cases hs)⟩⟩)

/-- **`parse_elf` never panics**, on any bytes; the segments it returns are fewer than `2^32`. -/
theorem parse_elf_total (elf : List UInt8) :
    ∃ r, receipt.program.parse_elf elf = .ok r ∧ ParseOk r := by
  have hlen : (Slice.len elf).toNat ≤ elf.length := by simp [Slice.len, Nat.mod_le]
  unfold receipt.program.parse_elf
  dsimp only
  apply loop_idx_bind _ _ _ _ (fun i => i) (fun _ => rfl) (fun _ => True)
    (fun r => ∀ x, r = .ret x → ParseOk x)
  · intro i _
    split
    · rename_i hc
      simp only [Bool.and_eq_true, decide_eq_true_eq] at hc
      have h1 := lt_len elf i hc.2
      have h4 : i.toNat < 4 := UInt64.lt_iff_toNat_lt.mp hc.1
      obtain ⟨hs, e⟩ := succ_of_lt i 4 hc.1
      rw [Slice.index_eq _ _ h1, ok_bind, Slice.index_eq [127, 69, 76, 70] i (by simp; omega),
        ok_bind]
      split
      · exact ⟨_, rfl, idx_done fun x hx _ _ h => by cases hx; cases h⟩
      · rw [hs, ok_bind]
        exact ⟨_, rfl, idx_cont e trivial⟩
    · exact ⟨_, rfl, idx_done fun x hx => by cases hx⟩
  · trivial
  · intro r hr
    cases r with
    | ret x => exact ⟨_, rfl, hr x rfl⟩
    | brk i =>
      show ∃ b, (if Slice.len elf < receipt.program.ELF_IDENT_SIZE then _ else _) = _ ∧ _
      by_cases h16 : Slice.len elf < receipt.program.ELF_IDENT_SIZE
      · rw [if_pos h16]; bad
      rw [if_neg h16]
      have h16' : 16 ≤ elf.length := by
        have := UInt64.not_lt.mp h16
        rw [UInt64.le_iff_toNat_le] at this
        have e16 : (receipt.program.ELF_IDENT_SIZE).toNat = 16 := rfl
        omega
      refine bind_ex (Slice.index_eq elf 4 (by simp; omega)) ?_
      apply ite_ex; · intro _; bad
      intro _
      refine bind_ex (Slice.index_eq elf 5 (by simp; omega)) ?_
      apply ite_ex; · intro _; bad
      intro _
      apply ite_ex; · intro _; bad
      intro _
      obtain ⟨r1, h1⟩ := elf_u16_total elf 18
      refine bind_ex h1 ?_
      rcases r1 with e | v1; · bad
      refine bind_ex (pure_ok _) ?_
      apply ite_ex; · intro _; bad
      intro _
      obtain ⟨r2, h2⟩ := elf_u16_total elf 16
      refine bind_ex h2 ?_
      rcases r2 with e | v2; · bad
      refine bind_ex (pure_ok _) ?_
      apply ite_ex; · intro _; bad
      intro _
      obtain ⟨r3, h3⟩ := elf_u32_total elf 36
      refine bind_ex h3 ?_
      rcases r3 with e | v3; · bad
      refine bind_ex (pure_ok _) ?_
      apply ite_ex; · intro _; bad
      intro _
      obtain ⟨r4, h4⟩ := elf_u32_total elf 24
      refine bind_ex h4 ?_
      rcases r4 with e | entry; · bad
      refine bind_ex (pure_ok _) ?_
      obtain ⟨r5, h5⟩ := elf_u32_total elf 28
      refine bind_ex h5 ?_
      rcases r5 with e | v5; · bad
      refine bind_ex (pure_ok _) ?_
      obtain ⟨r6, h6⟩ := elf_u16_total elf 42
      refine bind_ex h6 ?_
      rcases r6 with e | v6; · bad
      refine bind_ex (pure_ok _) ?_
      obtain ⟨r7, h7⟩ := elf_u16_total elf 44
      refine bind_ex h7 ?_
      rcases r7 with e | v7; · bad
      refine bind_ex (pure_ok _) ?_
      apply ite_ex; · intro _; bad
      intro _
      cases hm : Usize.checked_mul v7.toUInt64 receipt.program.PROGRAM_HEADER_SIZE with
      | none => bad
      | some l =>
      refine bind_ex (pure_ok _) ?_
      cases ha : Usize.checked_add v5.toUInt64 l with
      | none => bad
      | some te =>
      refine bind_ex (pure_ok _) ?_
      apply ite_ex; · intro _; bad
      intro _
      have h7b : v7.toUInt64.toNat < 2 ^ 32 := by simp only [UInt32.toNat_toUInt64]; exact v7.toNat_lt
      have h5b : v5.toUInt64.toNat < 2 ^ 32 := by simp only [UInt32.toNat_toUInt64]; exact v5.toNat_lt
      refine loop_idx_bind _ _ _ _ (fun s : List receipt.program.LoadSegment × Usize => s.2)
        (fun _ => rfl)
        (fun s => s.1.length ≤ s.2.toNat ∧ s.2 ≤ v7.toUInt64)
        (fun r => (∀ x, r = .ret x → ParseOk x) ∧
          (∀ s : List receipt.program.LoadSegment × Usize, r = .brk s → s.1.length < 2 ^ 32))
        _ ?_ ?_ ?_
      · intro ⟨segs, index⟩ ⟨hl, hle⟩
        dsimp only at hl hle ⊢
        apply ite_ex
        · intro hc
          have hlt := UInt64.lt_iff_toNat_lt.mp hc
          obtain ⟨hs, e⟩ := succ_of_lt index _ hc
          have hle' : index + 1 ≤ v7.toUInt64 := by
            rw [UInt64.le_iff_toNat_le, e]; omega
          obtain ⟨am, tm⟩ := mul_ok index receipt.program.PROGRAM_HEADER_SIZE 32 rfl (by omega)
          refine bind_ex am ?_
          obtain ⟨aa, ta⟩ := add_ok v5.toUInt64 (index * receipt.program.PROGRAM_HEADER_SIZE) _ tm
            (by omega)
          refine bind_ex aa ?_
          apply u32_ex
          · intro _; ret_err
          intro ptype
          refine bind_ex (pure_ok _) ?_
          apply ite_ex; · intro _; ret_err
          intro _
          apply ite_ex
          · intro _
            refine bind_ex (add_ok _ 4 4 rfl (by omega)).1 ?_
            apply u32_ex
            · intro _; ret_err
            intro offset
            refine bind_ex (pure_ok _) ?_
            refine bind_ex (add_ok _ 8 8 rfl (by omega)).1 ?_
            apply u32_ex
            · intro _; ret_err
            intro vaddr
            refine bind_ex (pure_ok _) ?_
            refine bind_ex (add_ok _ 16 16 rfl (by omega)).1 ?_
            apply u32_ex
            · intro _; ret_err
            intro fsz
            refine bind_ex (pure_ok _) ?_
            refine bind_ex (add_ok _ 20 20 rfl (by omega)).1 ?_
            apply u32_ex
            · intro _; ret_err
            intro msz
            refine bind_ex (pure_ok _) ?_
            refine bind_ex (add_ok _ 24 24 rfl (by omega)).1 ?_
            apply u32_ex
            · intro _; ret_err
            intro flags
            refine bind_ex (pure_ok _) ?_
            apply ite_ex; · intro _; ret_err
            intro _
            apply ite_ex
            · intro _
              cases hd : Usize.checked_add offset.toUInt64 fsz.toUInt64 with
              | none => ret_err
              | some de =>
              refine bind_ex (pure_ok _) ?_
              apply ite_ex; · intro _; ret_err
              intro _
              refine bind_ex (pure_ok _) ?_
              refine bind_ex hs ?_
              refine ⟨_, rfl, idx_cont e ⟨?_, hle'⟩⟩
              simp only [Slice.push, List.length_append, List.length_singleton]; omega
            · intro _
              refine bind_ex (pure_ok _) ?_
              refine bind_ex hs ?_
              exact ⟨_, rfl, idx_cont e ⟨by simp only; omega, hle'⟩⟩
          · intro _
            refine bind_ex hs ?_
            exact ⟨_, rfl, idx_cont e ⟨by simp only; omega, hle'⟩⟩
        · intro hc
          refine ⟨_, rfl, idx_done ⟨(fun x hx => by cases hx), (fun s' hs' => ?_)⟩⟩
          cases hs'
          show segs.length < 2 ^ 32
          have := UInt64.le_iff_toNat_le.mp hle
          omega
      · exact ⟨by simp, by simp [UInt64.le_iff_toNat_le]⟩
      · intro r ⟨hret, hbrk⟩
        cases r with
        | ret x => exact ⟨_, rfl, hret x rfl⟩
        | brk s =>
          obtain ⟨segs, index⟩ := s
          exact ⟨_, rfl, fun e sg h => by cases h; exact hbrk _ rfl⟩
end Zkvm.Refinement.receipt.program
