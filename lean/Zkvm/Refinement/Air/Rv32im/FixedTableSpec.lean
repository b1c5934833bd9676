module

public import Zkvm.Refinement.Air.Rv32im.FixedTableTotality
public import Zkvm.Refinement.Air.Rv32im.Fixed
public import Zkvm.Extraction.LoopEq
public import Zkvm.Spec.FixedTable

/-!
# The extracted fixed table is `Zkvm.Spec.fixedRows`

`fixed_table_spec`: for a program whose rows are the extracted forms (`toRow`) of specification
rows with ops below 38 (every row of the decoder, `decodeRow_op_lt`) and whose image words are
those of `Spec.ImageWord`s, `air::rv32im::fixed::fixed_table` returns exactly the rows of
`Zkvm.Spec.fixedRows`: the PROG rows (`progMessage`, via `prog_row_spec`), the IMG rows, the 64
POW2 rows (`push_pow2_rows_spec`), the 256 U8 rows and the 256 AND4 rows (`u8_loop`,
`and4_loop`). `fixed_table_spec_of_ops` states it for any extracted program whose ops are below
38, `fixed_table_spec_decoded` for a program whose rows are decodings of words of a code list.
Each loop is followed with `loop_eq_ok` and an invariant: the rows so far are the input's
followed by the spec rows of the counters already passed.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.fixed

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec
open Zkvm.Refinement.receipt.program (toRow)
open Zkvm.Refinement.protocol.stark (lt_len_succ)

/-- The extracted image word of a specification image word. -/
def toWord (w : Spec.ImageWord) : receipt.program.ImageWord := ⟨w.space, w.wa, w.value⟩

/-- A `u32` counter below a bound steps to its successor. -/
theorem u32_succ_toNat (v c : UInt32) (h : v < c) : (v + 1).toNat = v.toNat + 1 := by
  have h1 := UInt32.lt_iff_toNat_lt.mp h
  have h2 := UInt32.toNat_lt c
  simp only [UInt32.toNat_add]; simp; omega

/-- A `u32` counter at most `n` that is not below `n` is `n`. -/
theorem u32_stop (v : UInt32) (n : Nat) (hn : n < 2 ^ 32) (hv : v.toNat ≤ n)
    (h : ¬ v < UInt32.ofNat n) : v = UInt32.ofNat n := by
  apply UInt32.toNat_inj.mp
  have h1 : ¬ v.toNat < n := fun h' => h (UInt32.lt_iff_toNat_lt.mpr
    (by rw [UInt32.toNat_ofNat_of_lt' hn]; exact h'))
  rw [UInt32.toNat_ofNat_of_lt' hn]
  omega

set_option linter.unusedVariables false in
/-- The U8 loop of `fixed_table` appends the 256 U8 rows. -/
theorem u8_loop (base : List (List UInt32)) :
    loop (σ := (List (List UInt32)) × UInt32) (ρ := (List (List UInt32)) × UInt32)
      (fun (rows, v) => 2 ^ 32 - v.toNat)
      (fun (rows, v) => do
        let mut rows := rows
        let mut v := v
        if v < 256 then
          rows := (Slice.push rows [air.rv32im.bus.TAG_U8, v])
          v ← U32.add v 1
          return Step.cont (rows, v)
        else
          return Step.done (rows, v))
      (base, 0) = .ok (base ++ u8Rows, 256) := by
  apply loop_eq_ok _ _ _ _ (fun s => s.2.toNat ≤ 256 ∧
    s.1 = base ++ (List.range s.2.toNat).map fun v => [6, UInt32.ofNat v])
  · intro ⟨rs, v⟩ ⟨hv, hrs⟩
    dsimp only at hv hrs ⊢
    split
    · rename_i h
      obtain ⟨hva, hvm⟩ := u32_step v 256 h
      have e := u32_succ_toNat v 256 h
      rw [hva, ok_bind]
      refine Or.inl ⟨_, rfl, hvm, ?_, ?_⟩
      · dsimp only; have := UInt32.lt_iff_toNat_lt.mp h; simp at this; omega
      · dsimp only
        rw [e, hrs, List.range_succ, List.map_append]
        simp [Slice.push, air.rv32im.bus.TAG_U8]
    · rename_i h
      have e := u32_stop v 256 (by decide) hv h
      refine Or.inr ⟨_, rfl, ?_⟩
      subst e
      simp only [hrs, u8Rows]
      rfl
  · exact ⟨by simp, by simp⟩

/-- The AND4 row of nibbles `a`, `b`. -/
def and4Row (a b : Nat) : List UInt32 :=
  [7, UInt32.ofNat a, UInt32.ofNat b, UInt32.ofNat a &&& UInt32.ofNat b]

set_option linter.unusedVariables false in
/-- The inner AND4 loop (nibble `a` fixed) appends the 16 rows of `a`. -/
theorem and4_inner_loop (base : List (List UInt32)) (a : UInt32) :
    loop (σ := (List (List UInt32)) × UInt32) (ρ := (List (List UInt32)) × UInt32)
      (fun (rows, b) => 2 ^ 32 - b.toNat)
      (fun (rows, b) => do
        let mut rows := rows
        let mut b := b
        if b < 16 then
          rows := (Slice.push rows [air.rv32im.bus.TAG_AND4, a, b, (a &&& b)])
          b ← U32.add b 1
          return Step.cont (rows, b)
        else
          return Step.done (rows, b))
      (base, 0) = .ok (base ++ (List.range 16).map (and4Row a.toNat), 16) := by
  apply loop_eq_ok _ _ _ _ (fun s => s.2.toNat ≤ 16 ∧
    s.1 = base ++ (List.range s.2.toNat).map (and4Row a.toNat))
  · intro ⟨rs, v⟩ ⟨hv, hrs⟩
    dsimp only at hv hrs ⊢
    split
    · rename_i h
      obtain ⟨hva, hvm⟩ := u32_step v 16 h
      have e := u32_succ_toNat v 16 h
      rw [hva, ok_bind]
      refine Or.inl ⟨_, rfl, hvm, ?_, ?_⟩
      · dsimp only; have := UInt32.lt_iff_toNat_lt.mp h; simp at this; omega
      · dsimp only
        rw [e, hrs, List.range_succ, List.map_append]
        simp [Slice.push, air.rv32im.bus.TAG_AND4, and4Row]
    · rename_i h
      have e := u32_stop v 16 (by decide) hv h
      refine Or.inr ⟨_, rfl, ?_⟩
      subst e
      simp only [hrs]
      rfl
  · exact ⟨by simp, by simp⟩

set_option linter.unusedVariables false in
/-- The AND4 loops of `fixed_table` append the 256 AND4 rows. -/
theorem and4_loop (base : List (List UInt32)) :
    loop (σ := (List (List UInt32)) × UInt32) (ρ := (List (List UInt32)) × UInt32)
      (fun (rows, a) => 2 ^ 32 - a.toNat)
      (fun (rows, a) => do
        let mut rows := rows
        let mut a := a
        if a < 16 then
          let mut b : UInt32 := 0
          let t5' ← loop (σ := (List (List UInt32)) × UInt32) (ρ := (List (List UInt32)) × UInt32)
              (fun (rows, b) => 2 ^ 32 - b.toNat)
              (fun (rows, b) => do
                let mut rows := rows
                let mut b := b
                if b < 16 then
                  rows := (Slice.push rows [air.rv32im.bus.TAG_AND4, a, b, (a &&& b)])
                  b ← U32.add b 1
                  return Step.cont (rows, b)
                else
                  return Step.done (rows, b))
              (rows, b)
          (rows, b) := t5'
          a ← U32.add a 1
          return Step.cont (rows, a)
        else
          return Step.done (rows, a))
      (base, 0) = .ok (base ++ and4Rows, 16) := by
  apply loop_eq_ok _ _ _ _ (fun s => s.2.toNat ≤ 16 ∧
    s.1 = base ++ (List.range s.2.toNat).flatMap fun a => (List.range 16).map (and4Row a))
  · intro ⟨rs, v⟩ ⟨hv, hrs⟩
    dsimp only at hv hrs ⊢
    split
    · rename_i h
      obtain ⟨hva, hvm⟩ := u32_step v 16 h
      have e := u32_succ_toNat v 16 h
      rw [and4_inner_loop, ok_bind]
      dsimp only
      rw [hva, ok_bind]
      refine Or.inl ⟨_, rfl, hvm, ?_, ?_⟩
      · dsimp only; have := UInt32.lt_iff_toNat_lt.mp h; simp at this; omega
      · dsimp only
        rw [e, hrs, List.range_succ (n := v.toNat), List.flatMap_append]
        simp
    · rename_i h
      have e := u32_stop v 16 (by decide) hv h
      refine Or.inr ⟨_, rfl, ?_⟩
      subst e
      simp only [hrs, and4Rows]
      rfl
  · exact ⟨by simp, by simp⟩

theorem and255 (x : Nat) : x % 4294967296 &&& 255 = x % 256 % 4294967296 := by
  rw [show (255 : Nat) = 2 ^ 8 - 1 from rfl, Nat.and_two_pow_sub_one_eq_mod]
  omega

/-- Byte `k / 8` of a `u64`, as `fixed_table` takes it, is `⌊F / 2^k⌋ mod 256`. -/
theorem byte_eq (F : UInt64) (k : Nat) (hk : k < 64) :
    UInt64.toUInt32 ((F >>> UInt64.ofNat k) &&& 255) = UInt32.ofNat (F.toNat / 2 ^ k % 256) := by
  apply UInt32.toNat_inj.mp
  simp [UInt64.toNat_shiftRight, Nat.shiftRight_eq_div_pow]
  rw [Nat.mod_eq_of_lt hk, and255]

/-- The low byte of a `u64`. -/
theorem byte0_eq (F : UInt64) :
    UInt64.toUInt32 (F &&& 255) = UInt32.ofNat (F.toNat % 256) := by
  apply UInt32.toNat_inj.mp
  simp
  rw [and255]

/-- `1 << k` in `u64` is `2^k`. -/
theorem shl_toNat (k : Nat) (hk : k < 64) :
    ((1 : UInt64) <<< UInt64.ofNat k).toNat = 2 ^ k := by
  simp [UInt64.toNat_shiftLeft, Nat.shiftLeft_eq]
  rw [Nat.mod_eq_of_lt hk]
  exact Nat.mod_eq_of_lt (Nat.pow_lt_pow_right (by decide) hk)


/-- The POW2 row `push_pow2_rows` pushes for a factor `F` is `pow2Message`. -/
theorem pow2_row_eq (kind s nz : UInt32) (F : UInt64) (hs : s.toNat < 32)
    (hF : F.toNat = shiftFactor kind.toNat s.toNat) (hnz : nz = if s = 0 then 0 else 1) :
    [air.rv32im.bus.TAG_POW2, kind, s, UInt64.toUInt32 (F &&& 255),
      UInt64.toUInt32 ((F >>> UInt64.ofNat 8) &&& 255),
      UInt64.toUInt32 ((F >>> UInt64.ofNat 16) &&& 255),
      UInt64.toUInt32 ((F >>> UInt64.ofNat 24) &&& 255), nz] = pow2Message kind.toNat s.toNat := by
  have hz : (s.toNat = 0) ↔ (s = 0) :=
    ⟨fun h => UInt32.toNat_inj.mp (by simpa using h), fun h => by subst h; rfl⟩
  rw [byte0_eq, byte_eq _ 8 (by decide), byte_eq _ 16 (by decide), byte_eq _ 24 (by decide), hF,
    hnz]
  simp only [pow2Message, UInt32.ofNat_toNat, air.rv32im.bus.TAG_POW2, hz]

set_option hygiene false in
/-- The end of a POW2 iteration, once the factor is `F` with `hF`. -/
local macro "pow2_tail" : tactic => `(tactic| (
  try split
  all_goals
    try (exfalso; contradiction)
    simp only [pure_ok, ok_bind, U64.shr_eq _ 8 (by decide), U64.shr_eq _ 16 (by decide),
      U64.shr_eq _ 24 (by decide), hsa]
    refine Or.inl ⟨_, rfl, hsm, ?_, ?_⟩
    · dsimp only; omega
    · dsimp only
      rw [e, hrs, List.range_succ (n := s.toNat), List.map_append]
      simp only [Slice.push, List.map_cons, List.map_nil, List.append_assoc]
      rw [pow2_row_eq kind s _ F hs' hF (by simp_all)]))

set_option linter.unusedVariables false in
/-- The inner POW2 loop (kind fixed) appends the 32 rows of the kind. -/
theorem pow2_inner_loop (base : List (List UInt32)) (kind : UInt32) (hk : kind.toNat < 2) :
    loop (σ := (List (List UInt32)) × UInt32) (ρ := (List (List UInt32)) × UInt32)
              (fun (rows, s) => 2 ^ 32 - s.toNat)
              (fun (rows, s) => do
                let mut rows := rows
                let mut s := s
                if s < 32 then
                  let factor : UInt64 ← if kind = 0 then
                    U64.shl 1 s.toNat
                  else
                    if s = 0 then
                      pure 1
                    else
                      U64.shl 1 ((← U32.sub 32 s).toNat)
                  let nz : UInt32 ← if s = 0 then
                    pure 0
                  else
                    pure 1
                  rows := (Slice.push rows [air.rv32im.bus.TAG_POW2, kind, s, (UInt64.toUInt32 (factor &&& 255)), (UInt64.toUInt32 ((← U64.shr factor 8) &&& 255)), (UInt64.toUInt32 ((← U64.shr factor 16) &&& 255)), (UInt64.toUInt32 ((← U64.shr factor 24) &&& 255)), nz])
                  s ← U32.add s 1
                  return Step.cont (rows, s)
                else
                  return Step.done (rows, s))
              (base, 0) = .ok (base ++ (List.range 32).map (pow2Message kind.toNat), 32) := by
  apply loop_eq_ok _ _ _ _ (fun s => s.2.toNat ≤ 32 ∧
    s.1 = base ++ (List.range s.2.toNat).map (pow2Message kind.toNat))
  · intro ⟨rs, s⟩ ⟨hv, hrs⟩
    dsimp only at hv hrs ⊢
    split
    · rename_i h
      obtain ⟨hsa, hsm⟩ := u32_step s 32 h
      have e := u32_succ_toNat s 32 h
      have hs' : s.toNat < 32 := UInt32.lt_iff_toNat_lt.mp h
      have hle : s.toNat ≤ (32 : UInt32).toNat := by
        have : (32 : UInt32).toNat = 32 := rfl
        omega
      have hsub : (32 - s).toNat < 64 := by
        have : (32 : UInt32).toNat = 32 := rfl
        rw [UInt32.toNat_sub_of_le _ _ hle]; omega
      split
      · rename_i hk0
        rw [U64.shl_eq 1 s.toNat (by omega), ok_bind]
        have hF : ((1 : UInt64) <<< UInt64.ofNat s.toNat).toNat =
            shiftFactor kind.toNat s.toNat := by
          rw [shl_toNat _ (by omega)]; simp [shiftFactor, hk0]
        generalize (1 : UInt64) <<< UInt64.ofNat s.toNat = F at hF ⊢
        pow2_tail
      · rename_i hk0
        split
        · rename_i hs0
          rw [pure_ok, ok_bind]
          have hF : (1 : UInt64).toNat = shiftFactor kind.toNat s.toNat := by
            subst hs0; simp [shiftFactor]
          generalize (1 : UInt64) = F at hF ⊢
          pow2_tail
        · rename_i hs0
          rw [U32.sub_eq _ _ hle, ok_bind, U64.shl_eq 1 (32 - s).toNat hsub, ok_bind]
          have hF : ((1 : UInt64) <<< UInt64.ofNat (32 - s).toNat).toNat =
              shiftFactor kind.toNat s.toNat := by
            rw [shl_toNat _ hsub]
            have h0 : s.toNat ≠ 0 := fun h0 => hs0 (UInt32.toNat_inj.mp (by simpa using h0))
            have : (32 : UInt32).toNat = 32 := rfl
            have hk' : kind.toNat ≠ 0 := fun h0 => hk0 (UInt32.toNat_inj.mp (by simpa using h0))
            simp [shiftFactor, hk', h0, UInt32.toNat_sub_of_le _ _ hle, this]
          generalize (1 : UInt64) <<< UInt64.ofNat (32 - s).toNat = F at hF ⊢
          pow2_tail
    · rename_i h
      have e := u32_stop s 32 (by decide) hv h
      refine Or.inr ⟨_, rfl, ?_⟩
      subst e
      simp only [hrs]
      rfl
  · exact ⟨by simp, by simp⟩

/-- **`push_pow2_rows` appends `Spec.pow2Rows`**, the 64 shift-factor rows. -/
theorem push_pow2_rows_spec (rows : List (List UInt32)) :
    air.rv32im.fixed.push_pow2_rows rows = .ok (rows ++ pow2Rows) := by
  unfold air.rv32im.fixed.push_pow2_rows
  dsimp only
  rw [loop_eq_ok _ _ _ (rows ++ pow2Rows, 2) (fun s => s.2.toNat ≤ 2 ∧
    s.1 = rows ++ (List.range s.2.toNat).flatMap fun k => (List.range 32).map (pow2Message k))
    ?step ?init, ok_bind]
  · rfl
  case init => exact ⟨by simp, by simp⟩
  case step =>
    intro ⟨rs, v⟩ ⟨hv, hrs⟩
    dsimp only at hv hrs ⊢
    split
    · rename_i h
      obtain ⟨hva, hvm⟩ := u32_step v 2 h
      have e := u32_succ_toNat v 2 h
      have hv2 : v.toNat < 2 := UInt32.lt_iff_toNat_lt.mp h
      rw [pow2_inner_loop _ v hv2, ok_bind]
      dsimp only
      rw [hva, ok_bind]
      refine Or.inl ⟨_, rfl, hvm, ?_, ?_⟩
      · dsimp only; omega
      · dsimp only
        rw [e, hrs, List.range_succ (n := v.toNat), List.flatMap_append]
        simp
    · rename_i h
      have e := u32_stop v 2 (by decide) hv h
      refine Or.inr ⟨_, rfl, ?_⟩
      subst e
      simp only [hrs, pow2Rows]
      rfl


/-- **`fixed::fixed_table` computes `Spec.fixedRows`**: for a program whose rows are the
extracted forms of specification rows `rs` with ops below 38 (every row of the decoder,
`decodeRow_op_lt`) and whose image is that of the words `ws` (each list shorter than `2^64`),
the fixed table is exactly `fixedRows rs ws`: PROG, IMG, POW2, U8 and AND4 rows, in that order. -/
theorem fixed_table_spec (prog : receipt.program.Program) (rs : List ProgramRow)
    (ws : List Spec.ImageWord) (hrows : prog.rows = rs.map toRow)
    (himage : prog.image = ws.map toWord) (hops : ∀ r ∈ rs, r.op.toNat < 38)
    (hlen : rs.length < 2 ^ 64) (hwlen : ws.length < 2 ^ 64) :
    air.rv32im.fixed.fixed_table prog = .ok ⟨fixedRows rs ws⟩ := by
  unfold air.rv32im.fixed.fixed_table
  dsimp only
  rw [loop_eq_ok _ _ _ (rs.map progMessage, UInt64.ofNat rs.length)
    (fun s => s.2.toNat ≤ rs.length ∧ s.1 = (rs.take s.2.toNat).map progMessage) ?s1 ?i1,
    ok_bind]
  case i1 => exact ⟨by simp, by simp⟩
  case s1 =>
    intro ⟨r, i⟩ ⟨hv, hr⟩
    dsimp only at hv hr ⊢
    split
    · rename_i hc
      obtain ⟨hi, hsucc, e⟩ := lt_len_succ _ i hc
      rw [Slice.index_eq _ _ hi, ok_bind]
      have hi' : i.toNat < rs.length := by rw [hrows] at hi; simpa using hi
      have hget : prog.rows[i.toNat] = toRow rs[i.toNat] := by simp [hrows]
      rw [hget, prog_row_spec _ (hops _ (List.getElem_mem hi')), ok_bind, hsucc, ok_bind]
      refine Or.inl ⟨_, rfl, ?_, ?_, ?_⟩
      · dsimp only; have := UInt64.toNat_lt i; omega
      · dsimp only; omega
      · dsimp only
        rw [e, hr, List.take_add_one, List.getElem?_eq_getElem hi', List.map_append]
        simp only [Slice.push, Option.toList_some, List.map_cons, List.map_nil]
    · rename_i hc
      refine Or.inr ⟨_, rfl, ?_⟩
      have hl : (Slice.len prog.rows).toNat = rs.length := by
        rw [Slice.len_toNat _ (by rw [hrows, List.length_map]; exact hlen), hrows, List.length_map]
      have hn : ¬ i.toNat < (Slice.len prog.rows).toNat := fun h =>
        hc (UInt64.lt_iff_toNat_lt.mpr h)
      have e : i.toNat = rs.length := by omega
      have e' : i = UInt64.ofNat rs.length := by
        apply UInt64.toNat_inj.mp; rw [e, UInt64.toNat_ofNat_of_lt' hlen]
      rw [hr, e, e', List.take_length]
  dsimp only
  rw [loop_eq_ok _ _ _ (rs.map progMessage ++ ws.map imgMessage, UInt64.ofNat ws.length)
    (fun s => s.2.toNat ≤ ws.length ∧
      s.1 = rs.map progMessage ++ (ws.take s.2.toNat).map imgMessage)
    ?s2 ?i2, ok_bind]
  case i2 => exact ⟨by simp, by simp⟩
  case s2 =>
    intro ⟨r, i⟩ ⟨hv, hr⟩
    dsimp only at hv hr ⊢
    split
    · rename_i hc
      obtain ⟨hi, hsucc, e⟩ := lt_len_succ _ i hc
      rw [Slice.index_eq _ _ hi, ok_bind]
      have hi' : i.toNat < ws.length := by rw [himage] at hi; simpa using hi
      have hget : prog.image[i.toNat] = toWord ws[i.toNat] := by simp [himage]
      simp only [hget, air.rv32im.fixed.lo, air.rv32im.fixed.hi, U32.shr_eq _ 16 (by decide),
        pure_ok, ok_bind, hsucc]
      refine Or.inl ⟨_, rfl, ?_, ?_, ?_⟩
      · dsimp only; have := UInt64.toNat_lt i; omega
      · dsimp only; omega
      · dsimp only
        rw [e, hr, List.take_add_one, List.getElem?_eq_getElem hi', List.map_append]
        simp only [Slice.push, Option.toList_some, List.map_cons, List.map_nil, List.append_assoc]
        rfl
    · rename_i hc
      refine Or.inr ⟨_, rfl, ?_⟩
      have hl : (Slice.len prog.image).toNat = ws.length := by
        rw [Slice.len_toNat _ (by rw [himage, List.length_map]; exact hwlen), himage,
          List.length_map]
      have hn : ¬ i.toNat < (Slice.len prog.image).toNat := fun h =>
        hc (UInt64.lt_iff_toNat_lt.mpr h)
      have e : i.toNat = ws.length := by omega
      have e' : i = UInt64.ofNat ws.length := by
        apply UInt64.toNat_inj.mp; rw [e, UInt64.toNat_ofNat_of_lt' hwlen]
      rw [hr, e, e', List.take_length]
  try dsimp only
  rw [push_pow2_rows_spec, ok_bind]
  try dsimp only
  rw [u8_loop, ok_bind]
  try dsimp only
  rw [and4_loop, ok_bind]
  try dsimp only
  simp only [fixedRows, List.append_assoc, pure_ok]


/-- The specification row of an extracted row. -/
def fromRow (r : receipt.program.ProgramRow) : ProgramRow :=
  ⟨r.pc, r.op, r.use_imm, r.rs1, r.rs2, r.rd, r.write_rd, r.imm, r.k, r.target⟩

/-- The specification word of an extracted image word. -/
def fromWord (w : receipt.program.ImageWord) : Spec.ImageWord := ⟨w.space, w.wa, w.value⟩

theorem toRow_fromRow (r : receipt.program.ProgramRow) : toRow (fromRow r) = r := by
  cases r; rfl

theorem toWord_fromWord (w : receipt.program.ImageWord) : toWord (fromWord w) = w := by
  cases w; rfl

/-- **`fixed::fixed_table` computes `Spec.fixedRows`** for any extracted program whose ops are
below 38 (and whose row and image lists are shorter than `2^64`), read as specification rows
and words (`fromRow`, `fromWord`). -/
theorem fixed_table_spec_of_ops (prog : receipt.program.Program)
    (hops : ∀ r ∈ prog.rows, r.op.toNat < 38)
    (hlen : prog.rows.length < 2 ^ 64) (hwlen : prog.image.length < 2 ^ 64) :
    air.rv32im.fixed.fixed_table prog =
      .ok ⟨fixedRows (prog.rows.map fromRow) (prog.image.map fromWord)⟩ := by
  apply fixed_table_spec
  · rw [List.map_map]; conv => lhs; rw [← List.map_id prog.rows]
    exact List.map_congr_left (fun r _ => (toRow_fromRow r).symm)
  · rw [List.map_map]; conv => lhs; rw [← List.map_id prog.image]
    exact List.map_congr_left (fun w _ => (toWord_fromWord w).symm)
  · intro r hr
    obtain ⟨r', hr', e⟩ := List.mem_map.mp hr
    subst e
    exact hops r' hr'
  · simpa using hlen
  · simpa using hwlen


/-- **`fixed::fixed_table` computes `Spec.fixedRows` for a decoded program**: every program row
is the decoding of a `(pc, word)` of `code` (`Spec.decodeRow`, as `decode_word` computes it,
`prog_row_decode`), so its op is below 38. -/
theorem fixed_table_spec_decoded (prog : receipt.program.Program) (rs : List ProgramRow)
    (ws : List Spec.ImageWord) (code : List (UInt32 × UInt32))
    (hrows : prog.rows = rs.map toRow) (himage : prog.image = ws.map toWord)
    (hdec : ∀ r ∈ rs, ∃ p ∈ code, decodeRow p.1 p.2 = some r)
    (hlen : rs.length < 2 ^ 64) (hwlen : ws.length < 2 ^ 64) :
    air.rv32im.fixed.fixed_table prog = .ok ⟨fixedRows rs ws⟩ :=
  fixed_table_spec prog rs ws hrows himage
    (fun r hr => by
      obtain ⟨p, -, hd⟩ := hdec r hr
      exact decodeRow_op_lt p.1 p.2 r hd) hlen hwlen

end Zkvm.Refinement.air.rv32im.fixed
