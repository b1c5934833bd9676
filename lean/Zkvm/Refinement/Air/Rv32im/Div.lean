module

public import Zkvm.Extracted.Air.Rv32im.Div
public import Zkvm.Refinement.Air.Rv32im.Mul
public import Zkvm.Air.V2.DivSpec
public import Zkvm.Air.V2.DivMessages

/-!
# The extracted DIV constraint function computes `Zkvm.Air.V2.Div.constraints`

On every row of 34 extension elements, `air::rv32im::div::eval` returns exactly the 24 values
of the Lean spec constraint function `Div.constraints` (the named groups of phase1.4b.div), in
order, and never panics. DIV's `factor` and `convolution` are MUL's code
(`Zkvm.Refinement.air.rv32im.mul`); `limbs` and `magnitude` are refined here.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.div

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.air.expr
open Zkvm.Refinement.air.rv32im.alu (zero_add' ofNat_numeral)
open Zkvm.Refinement.air.rv32im.mul (factorList konst256 konstLimb)

theorem boolean_spec (a : Ext4) :
    air.rv32im.div.boolean (toExt a) = .ok (toExt (Zkvm.Air.V2.Div.boolean a)) := by
  unfold air.rv32im.div.boolean
  rw [one_spec, ok_bind, sub_spec, ok_bind, mul_spec]; rfl

theorem factor_eq : air.rv32im.div.factor = air.rv32im.mul.factor := rfl

theorem convolution_eq : air.rv32im.div.convolution = air.rv32im.mul.convolution := rfl

theorem konst65535 : air.expr.konst 65535 = .ok (toExt 65535) := by
  rw [konst_spec 65535 (by decide)]; rfl

theorem konst2 : air.expr.konst 2 = .ok (toExt 2) := by
  rw [konst_spec 2 (by decide)]; rfl

/-- A sign-extended word's four limbs as the extracted code holds them. -/
def limbList (r : Nat → Ext4) (lo hi sign : Nat) : List (List UInt32) :=
  (List.range 4).map (fun m => toExt (Zkvm.Air.V2.Div.limbs r lo hi sign m))

theorem limbs_spec (r : Nat → Ext4) (lo hi sign : Usize) (h1 : lo.toNat < 34)
    (h2 : hi.toNat < 34) (h3 : sign.toNat < 34) :
    air.rv32im.div.limbs (locOf 34 r) lo hi sign = .ok (limbList r lo.toNat hi.toNat sign.toNat) := by
  unfold air.rv32im.div.limbs
  rw [konst65535, ok_bind, index_locOf 34 r sign h3, ok_bind, mul_spec, ok_bind,
    index_locOf 34 r lo h1, ok_bind, index_locOf 34 r hi h2, ok_bind, pure_ok]
  rfl

theorem getElem_limbList (r : Nat → Ext4) (lo hi sign m : Nat) (h : m < 4) :
    (limbList r lo hi sign)[m]'(by simp [limbList]; exact h) =
      toExt (Zkvm.Air.V2.Div.limbs r lo hi sign m) := by
  simp [limbList]

theorem index_limbList (r : Nat → Ext4) (lo hi sign : Nat) (m : Usize) (h : m.toNat < 4) :
    Slice.index (limbList r lo hi sign) m = .ok (toExt (Zkvm.Air.V2.Div.limbs r lo hi sign m.toNat)) := by
  rw [Slice.index_eq _ _ (by simp [limbList]; exact h)]
  simp [limbList]

theorem magnitude_spec (lo hi s : Ext4) :
    air.rv32im.div.magnitude (toExt lo) (toExt hi) (toExt s) =
      .ok (toExt (Zkvm.Air.V2.Div.magLo lo s), toExt (Zkvm.Air.V2.Div.magHi hi s)) := by
  unfold air.rv32im.div.magnitude
  rw [one_spec, ok_bind, konst2, ok_bind, mul_spec, ok_bind, sub_spec, ok_bind, mul_spec, ok_bind,
    mul_spec, ok_bind, konstLimb, ok_bind, mul_spec, ok_bind, add_spec, ok_bind, pure_ok]
  rfl

set_option maxRecDepth 20000 in
/-- **`eval` is the spec**: on every row, the extracted DIV constraint function returns the
values of `Div.constraints`, in order; it never panics. -/
theorem eval_spec (r : Nat → Ext4) (next pub : List (List UInt32)) (sel : air.Selectors) :
    air.rv32im.div.eval (locOf 34 r) next pub sel [] =
      .ok ((Zkvm.Air.V2.Div.constraints r).map toExt) := by
  have hF : Slice.len air.rv32im.div.FLAGS = 4 := rfl
  have hmem : ∀ c ∈ air.rv32im.div.FLAGS, c.toNat < 34 := by decide
  unfold air.rv32im.div.eval
  simp only [air.rv32im.div.is_real, air.rv32im.div.signed]
  simp (config := { maxSteps := 4000000 }) (disch := decide) only [index_locOf, add_spec, ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ 4 ∧
      s.1 = (air.rv32im.div.FLAGS.take s.2.toNat).map
        (fun c => toExt (Zkvm.Air.V2.Div.boolean (r c.toNat))))
    (Q := fun s => s.1 = air.rv32im.div.FLAGS.map
        (fun c => toExt (Zkvm.Air.V2.Div.boolean (r c.toNat))))
  · intro ⟨out, f⟩ ⟨hf, hout⟩
    dsimp only at hf hout
    subst hout
    dsimp only
    by_cases hlt : f < Slice.len air.rv32im.div.FLAGS
    · have hlt' : f.toNat < 4 := by rw [hF, UInt64.lt_iff_toNat_lt] at hlt; exact hlt
      have e : (f + 1).toNat = f.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨((air.rv32im.div.FLAGS.take (f.toNat + 1)).map
        (fun c => toExt (Zkvm.Air.V2.Div.boolean (r c.toNat))), f + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq air.rv32im.div.FLAGS f hlt', ok_bind,
          index_locOf 34 r _ (hmem _ (List.getElem_mem _)), ok_bind, boolean_spec, ok_bind,
          Usize.add_eq f 1 (by simp; omega), ok_bind, pure_ok, List.take_add_one,
          List.getElem?_eq_getElem hlt', List.map_append]
        rfl
      · show 2 ^ 64 - (f + 1).toNat < 2 ^ 64 - f.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : f.toNat = 4 := by
        have : ¬ f.toNat < 4 := fun h => hlt (by rw [hF, UInt64.lt_iff_toNat_lt]; exact h)
        omega
      dsimp only
      rw [e]; rfl
  · exact ⟨by simp, rfl⟩
  · intro ⟨out, f⟩ h
    dsimp only at h
    subst h
    dsimp only
    simp (config := { maxSteps := 4000000 }) (disch := decide) only [ok_bind, pure_ok, index_locOf,
      boolean_spec, add_spec, sub_spec, mul_spec, one_spec, zero_spec, konst256, konst65535,
      Slice.push, Usize.add_eq, factor_eq, Zkvm.Refinement.air.rv32im.mul.factor_spec,
      limbs_spec, air.rv32im.div.pair, air.rv32im.div.quotient, air.rv32im.div.remainder]
    apply loop_bind_ok
      (P := fun (x : List (List UInt32) × List UInt32 × Usize) => x.2.2.toNat ≤ 4 ∧
        x.1 = ((Zkvm.Air.V2.Div.constraints r).map toExt).take (18 + x.2.2.toNat) ∧
        x.2.1 = toExt (Zkvm.Air.V2.Div.carryIn r x.2.2.toNat))
      (Q := fun (x : List (List UInt32) × List UInt32 × Usize) =>
        x.1 = ((Zkvm.Air.V2.Div.constraints r).map toExt).take 22)
    · intro ⟨out, carry, m⟩ ⟨hm, hout, hc⟩
      dsimp only at hm hout hc
      subst hout hc
      by_cases hlt : m < 4
      · have hlt' : m.toNat < 4 := by rw [UInt64.lt_iff_toNat_lt] at hlt; simpa using hlt
        have e : (m + 1).toNat = m.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        have e2 : (2 * m).toNat = 2 * m.toNat := by simp only [UInt64.toNat_mul]; simp; omega
        have e21 : (2 * m + 1).toNat = 2 * m.toNat + 1 := by
          simp only [UInt64.toNat_add, UInt64.toNat_mul]; simp; omega
        have ek : (air.rv32im.div.K0 + m).toNat = 26 + m.toNat := by
          simp only [UInt64.toNat_add, air.rv32im.div.K0]; simp; omega
        left
        refine ⟨(((Zkvm.Air.V2.Div.constraints r).map toExt).take (18 + m.toNat) ++
          [toExt (Zkvm.Air.V2.Div.limbEq r m.toNat)], toExt (r (26 + m.toNat)), m + 1),
          ?_, ?_, ?_⟩
        · simp only [hlt, if_true, Usize.mul_eq 2 m (by simp; omega), ok_bind, convolution_eq,
            Zkvm.Refinement.air.rv32im.mul.convolution_spec r _ _ _ _ (2 * m) (by rw [e2]; omega),
            Usize.add_eq (2 * m) 1 (by simp; omega),
            Zkvm.Refinement.air.rv32im.mul.convolution_spec r _ _ _ _ (2 * m + 1)
              (by rw [e21]; omega), mul_spec, add_spec,
            Usize.add_eq air.rv32im.div.K0 m (by simp [air.rv32im.div.K0]; omega),
            index_locOf 34 r _ (by rw [ek]; omega), konstLimb,
            sub_spec, Usize.add_eq m 1 (by simp; omega), e2, e21, ek]
          simp only [index_limbList r _ _ _ m hlt', ok_bind, add_spec, sub_spec]
          simp only [Zkvm.Air.V2.Div.limbEq, air.rv32im.div.F_DIV, air.rv32im.div.F_DIVU, air.rv32im.div.F_REM,
          air.rv32im.div.F_REMU, air.rv32im.div.A_LO, air.rv32im.div.A_HI, air.rv32im.div.SA,
          air.rv32im.div.Q0, air.rv32im.div.SQ, air.rv32im.div.Y0, air.rv32im.div.SY,
          air.rv32im.div.R_LO, air.rv32im.div.R_HI, air.rv32im.div.SR, air.rv32im.div.C_LO,
          air.rv32im.div.C_HI, air.rv32im.div.K0, air.rv32im.div.YZ, air.rv32im.div.D_LO,
          air.rv32im.div.D_HI, air.rv32im.div.BETA, air.rv32im.div.FLAGS,
          Zkvm.Air.V2.Div.Col.fDiv, Zkvm.Air.V2.Div.Col.fDivu, Zkvm.Air.V2.Div.Col.fRem,
          Zkvm.Air.V2.Div.Col.fRemu, Zkvm.Air.V2.Div.Col.aLo, Zkvm.Air.V2.Div.Col.aHi,
          Zkvm.Air.V2.Div.Col.sa, Zkvm.Air.V2.Div.Col.q0, Zkvm.Air.V2.Div.Col.sq,
          Zkvm.Air.V2.Div.Col.y0, Zkvm.Air.V2.Div.Col.sy, Zkvm.Air.V2.Div.Col.rLo,
          Zkvm.Air.V2.Div.Col.rHi, Zkvm.Air.V2.Div.Col.sr, Zkvm.Air.V2.Div.Col.cLo,
          Zkvm.Air.V2.Div.Col.cHi, Zkvm.Air.V2.Div.Col.k0, Zkvm.Air.V2.Div.Col.yz,
          Zkvm.Air.V2.Div.Col.dLo, Zkvm.Air.V2.Div.Col.dHi, Zkvm.Air.V2.Div.Col.beta,
          UInt64.reduceToNat, UInt64.reduceAdd]
        · show 2 ^ 64 - (m + 1).toNat < 2 ^ 64 - m.toNat
          rw [e]; omega
        · refine ⟨by rw [e]; omega, ?_, ?_⟩
          · rw [e, show 18 + (m.toNat + 1) = (18 + m.toNat) + 1 by omega, List.take_add_one]
            congr 1
            rcases (by omega : m.toNat = 0 ∨ m.toNat = 1 ∨ m.toNat = 2 ∨ m.toNat = 3) with
              h | h | h | h <;> simp [h, Zkvm.Air.V2.Div.constraints, Zkvm.Air.V2.Div.flags]
          · rw [e]; simp [Zkvm.Air.V2.Div.carryIn, Zkvm.Air.V2.Div.Col.k0]
      · right
        refine ⟨(((Zkvm.Air.V2.Div.constraints r).map toExt).take (18 + m.toNat),
          toExt (Zkvm.Air.V2.Div.carryIn r m.toNat), m), by simp only [hlt, if_false], ?_⟩
        have e : m.toNat = 4 := by
          have : ¬ m.toNat < 4 := fun h => hlt (by rw [UInt64.lt_iff_toNat_lt]; simpa using h)
          omega
        show List.take (18 + m.toNat) _ = _
        rw [e]
    · refine ⟨by simp, ?_, by simp [Zkvm.Air.V2.Div.carryIn]⟩
      show _ = List.take (18 + 0) _
      simp only [Zkvm.Air.V2.Div.constraints, Zkvm.Air.V2.Div.flags, Zkvm.Air.V2.Div.real,
        Zkvm.Air.V2.Div.signed, Zkvm.Air.V2.Div.quotient, Zkvm.Air.V2.Div.remainder,
        Zkvm.Air.V2.Div.compares, Zkvm.Air.V2.Div.qLo, Zkvm.Air.V2.Div.qHi, Zkvm.Air.V2.Div.yLo,
        Zkvm.Air.V2.Div.yHi, Zkvm.Air.V2.Div.boundLo, Zkvm.Air.V2.Div.boundHi,
        Zkvm.Air.V2.Mul.pair, List.map_append, List.map_cons, List.map_nil, List.cons_append,
        List.nil_append, List.append_assoc, air.rv32im.div.F_DIV, air.rv32im.div.F_DIVU, air.rv32im.div.F_REM,
          air.rv32im.div.F_REMU, air.rv32im.div.A_LO, air.rv32im.div.A_HI, air.rv32im.div.SA,
          air.rv32im.div.Q0, air.rv32im.div.SQ, air.rv32im.div.Y0, air.rv32im.div.SY,
          air.rv32im.div.R_LO, air.rv32im.div.R_HI, air.rv32im.div.SR, air.rv32im.div.C_LO,
          air.rv32im.div.C_HI, air.rv32im.div.K0, air.rv32im.div.YZ, air.rv32im.div.D_LO,
          air.rv32im.div.D_HI, air.rv32im.div.BETA, air.rv32im.div.FLAGS,
          Zkvm.Air.V2.Div.Col.fDiv, Zkvm.Air.V2.Div.Col.fDivu, Zkvm.Air.V2.Div.Col.fRem,
          Zkvm.Air.V2.Div.Col.fRemu, Zkvm.Air.V2.Div.Col.aLo, Zkvm.Air.V2.Div.Col.aHi,
          Zkvm.Air.V2.Div.Col.sa, Zkvm.Air.V2.Div.Col.q0, Zkvm.Air.V2.Div.Col.sq,
          Zkvm.Air.V2.Div.Col.y0, Zkvm.Air.V2.Div.Col.sy, Zkvm.Air.V2.Div.Col.rLo,
          Zkvm.Air.V2.Div.Col.rHi, Zkvm.Air.V2.Div.Col.sr, Zkvm.Air.V2.Div.Col.cLo,
          Zkvm.Air.V2.Div.Col.cHi, Zkvm.Air.V2.Div.Col.k0, Zkvm.Air.V2.Div.Col.yz,
          Zkvm.Air.V2.Div.Col.dLo, Zkvm.Air.V2.Div.Col.dHi, Zkvm.Air.V2.Div.Col.beta,
          UInt64.reduceToNat, UInt64.reduceAdd]
      rfl
    · intro ⟨out, carry, m⟩ h
      dsimp only at h
      subst h
      simp (config := { maxSteps := 4000000 }) (disch := decide) only [ok_bind, pure_ok,
        index_locOf, add_spec, sub_spec, mul_spec, one_spec, konst256, konstLimb, Slice.push,
        Usize.add_eq, air.rv32im.div.compares, air.rv32im.div.is_real, air.rv32im.div.pair,
        magnitude_spec]
      refine congrArg Outcome.ok ?_
      simp only [Zkvm.Air.V2.Div.constraints, Zkvm.Air.V2.Div.flags, Zkvm.Air.V2.Div.real,
        Zkvm.Air.V2.Div.signed, Zkvm.Air.V2.Div.quotient, Zkvm.Air.V2.Div.remainder,
        Zkvm.Air.V2.Div.compares, Zkvm.Air.V2.Div.qLo, Zkvm.Air.V2.Div.qHi, Zkvm.Air.V2.Div.yLo,
        Zkvm.Air.V2.Div.yHi, Zkvm.Air.V2.Div.boundLo, Zkvm.Air.V2.Div.boundHi,
        Zkvm.Air.V2.Mul.pair, List.map_append, List.map_cons, List.map_nil, List.cons_append,
        List.nil_append, List.append_assoc, air.rv32im.div.F_DIV, air.rv32im.div.F_DIVU, air.rv32im.div.F_REM,
          air.rv32im.div.F_REMU, air.rv32im.div.A_LO, air.rv32im.div.A_HI, air.rv32im.div.SA,
          air.rv32im.div.Q0, air.rv32im.div.SQ, air.rv32im.div.Y0, air.rv32im.div.SY,
          air.rv32im.div.R_LO, air.rv32im.div.R_HI, air.rv32im.div.SR, air.rv32im.div.C_LO,
          air.rv32im.div.C_HI, air.rv32im.div.K0, air.rv32im.div.YZ, air.rv32im.div.D_LO,
          air.rv32im.div.D_HI, air.rv32im.div.BETA, air.rv32im.div.FLAGS,
          Zkvm.Air.V2.Div.Col.fDiv, Zkvm.Air.V2.Div.Col.fDivu, Zkvm.Air.V2.Div.Col.fRem,
          Zkvm.Air.V2.Div.Col.fRemu, Zkvm.Air.V2.Div.Col.aLo, Zkvm.Air.V2.Div.Col.aHi,
          Zkvm.Air.V2.Div.Col.sa, Zkvm.Air.V2.Div.Col.q0, Zkvm.Air.V2.Div.Col.sq,
          Zkvm.Air.V2.Div.Col.y0, Zkvm.Air.V2.Div.Col.sy, Zkvm.Air.V2.Div.Col.rLo,
          Zkvm.Air.V2.Div.Col.rHi, Zkvm.Air.V2.Div.Col.sr, Zkvm.Air.V2.Div.Col.cLo,
          Zkvm.Air.V2.Div.Col.cHi, Zkvm.Air.V2.Div.Col.k0, Zkvm.Air.V2.Div.Col.yz,
          Zkvm.Air.V2.Div.Col.dLo, Zkvm.Air.V2.Div.Col.dHi, Zkvm.Air.V2.Div.Col.beta,
          UInt64.reduceToNat, UInt64.reduceAdd]
      rfl

theorem shl_one_15 : U32.shl 1 15 = .ok 32768 := rfl

/-- One step of the messages proof: operations rewritten, constants and indices computed,
finished binds and matches reduced. -/
local macro "div_msg_step" : tactic => `(tactic|
  simp (config := { maxSteps := 4000000 }) (disch := decide) only [index_locOf, konst_spec,
    mul_spec, add_spec, sub_spec, neg_spec, zero_spec, one_spec, ok_bind, pure_ok, Slice.index,
    Slice.len, Slice.push, shl_one_15, air.rv32im.div.is_real, air.rv32im.div.signed,
    air.rv32im.div.compares, air.rv32im.div.pair, air.rv32im.div.lookup, air.rv32im.div.FLAGS,
    air.rv32im.div.OPS, List.getElem?_cons_succ, List.getElem?_cons_zero, getElem?_locOf,
    Usize.add_eq, UInt64.reduceAdd, UInt64.reduceToNat, UInt64.reduceLT, UInt64.reduceOfNat,
    UInt32.reduceToNat, List.length_cons, List.length_nil, Nat.reduceAdd, ↓reduceIte,
    Nat.reducePow, Nat.reduceSub, Nat.reduceLT, decide_true,
    air.rv32im.div.F_DIV, air.rv32im.div.F_DIVU, air.rv32im.div.F_REM, air.rv32im.div.F_REMU,
    air.rv32im.div.Q0, air.rv32im.div.Y0, air.rv32im.div.K0, air.rv32im.div.SA,
    air.rv32im.div.SY, air.rv32im.div.YZ])

set_option maxRecDepth 20000 in
/-- **The bus messages**: the extracted `messages` returns `Div.fractions` flattened; it never
panics. -/
theorem messages_spec (r : Nat → Ext4) :
    air.rv32im.div.messages (locOf 34 r) [] = .ok ((Zkvm.Air.V2.Div.messages r).map toExt) := by
  unfold air.rv32im.div.messages
  div_msg_step
  repeat (rw [loop_eq]; div_msg_step)
  refine congrArg Outcome.ok ?_
  simp only [air.rv32im.div.CLK, air.rv32im.div.A_LO, air.rv32im.div.A_HI,
    air.rv32im.div.C_LO, air.rv32im.div.C_HI, air.rv32im.div.IMM_LO, air.rv32im.div.IMM_HI,
    air.rv32im.div.NEXT_PC, air.rv32im.div.R_LO, air.rv32im.div.R_HI, air.rv32im.div.D_LO,
    air.rv32im.div.D_HI, air.rv32im.div.BETA,
    air.rv32im.bus.TAG_EXEC, air.rv32im.bus.TAG_U8, air.rv32im.bus.TAG_U16,
    Zkvm.Air.V2.Div.messages, Zkvm.Air.V2.Div.fractions, Zkvm.Air.V2.Mul.look,
    Zkvm.Air.V2.Div.opField, Zkvm.Air.V2.Mul.topLookup, Zkvm.Air.V2.Div.real,
    Zkvm.Air.V2.Div.signed, Zkvm.Air.V2.Div.compares, Zkvm.Air.V2.Div.yLo,
    Zkvm.Air.V2.Div.yHi, Zkvm.Air.V2.Mul.pair,
    Zkvm.Air.V2.Div.Col.fDiv, Zkvm.Air.V2.Div.Col.fDivu, Zkvm.Air.V2.Div.Col.fRem,
    Zkvm.Air.V2.Div.Col.fRemu, Zkvm.Air.V2.Div.Col.clk, Zkvm.Air.V2.Div.Col.immLo,
    Zkvm.Air.V2.Div.Col.immHi, Zkvm.Air.V2.Div.Col.nextPc, Zkvm.Air.V2.Div.Col.aLo,
    Zkvm.Air.V2.Div.Col.aHi, Zkvm.Air.V2.Div.Col.sa, Zkvm.Air.V2.Div.Col.q0,
    Zkvm.Air.V2.Div.Col.y0, Zkvm.Air.V2.Div.Col.sy, Zkvm.Air.V2.Div.Col.rLo,
    Zkvm.Air.V2.Div.Col.rHi, Zkvm.Air.V2.Div.Col.cLo, Zkvm.Air.V2.Div.Col.cHi,
    Zkvm.Air.V2.Div.Col.k0, Zkvm.Air.V2.Div.Col.yz, Zkvm.Air.V2.Div.Col.dLo,
    Zkvm.Air.V2.Div.Col.dHi, Zkvm.Air.V2.Div.Col.beta,
    List.map_append, List.map_cons, List.map_nil, List.append_assoc, List.cons_append,
    List.nil_append, List.flatMap_cons, List.flatMap_nil, List.append_nil, UInt64.reduceToNat,
    UInt32.reduceToNat, Nat.reduceAdd, zero_add', ofNat_numeral, List.cons.injEq, and_true,
    and_self]

end Zkvm.Refinement.air.rv32im.div
