module

public import Zkvm.Extracted.Air.Rv32im.Mul
public import Zkvm.Refinement.Air.Rv32im.Alu
public import Zkvm.Air.V2.MulSpec
public import Zkvm.Air.V2.MulMessages

/-!
# The extracted MUL constraint function computes `Zkvm.Air.V2.Mul.constraints`

On every row of 35 extension elements, `air::rv32im::mul::eval` returns exactly the 19 values
of the Lean spec constraint function `Mul.constraints` (the named groups of phase1.4b.mul), in
order, and never panics; with its helpers: the factors' eight bytes (`factor`), the
convolutions `C_k` (`convolution`, a loop), P's limbs (`product_limb`) and the limb loop with its
carries.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.air.rv32im.mul

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.Ext4
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.air.expr
open Zkvm.Refinement.air.rv32im.alu (zero_add' ofNat_numeral)

theorem boolean_spec (a : Ext4) :
    air.rv32im.mul.boolean (toExt a) = .ok (toExt (Zkvm.Air.V2.Mul.boolean a)) := by
  unfold air.rv32im.mul.boolean
  rw [one_spec, ok_bind, sub_spec, ok_bind, mul_spec]; rfl

theorem is_real_spec (r : Nat → Ext4) :
    air.rv32im.mul.is_real (locOf 35 r) = .ok (toExt (Zkvm.Air.V2.Mul.real r)) := by
  have hF : Slice.len air.rv32im.mul.FLAGS = 7 := rfl
  have hmem : ∀ c ∈ air.rv32im.mul.FLAGS, c.toNat < 35 := by decide
  unfold air.rv32im.mul.is_real
  rw [zero_spec, ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ 7 ∧
      s.1 = toExt ((air.rv32im.mul.FLAGS.take s.2.toNat).foldl (fun acc c => acc + r c.toNat) 0))
    (Q := fun s => s.1 = toExt (air.rv32im.mul.FLAGS.foldl (fun acc c => acc + r c.toNat) 0))
  · intro ⟨acc, i⟩ ⟨hi, hacc⟩
    dsimp only at hi hacc
    subst hacc
    dsimp only
    by_cases hlt : i < Slice.len air.rv32im.mul.FLAGS
    · have hlt' : i.toNat < 7 := by rw [hF, UInt64.lt_iff_toNat_lt] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(toExt ((air.rv32im.mul.FLAGS.take (i.toNat + 1)).foldl
        (fun acc c => acc + r c.toNat) 0), i + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq air.rv32im.mul.FLAGS i hlt', ok_bind,
          index_locOf 35 r _ (hmem _ (List.getElem_mem _)), ok_bind, add_spec, ok_bind,
          Usize.add_eq i 1 (by simp; omega), ok_bind, pure_ok, List.take_add_one,
          List.getElem?_eq_getElem hlt', List.foldl_append]
        rfl
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : i.toNat = 7 := by
        have : ¬ i.toNat < 7 := fun h => hlt (by rw [hF, UInt64.lt_iff_toNat_lt]; exact h)
        omega
      dsimp only
      rw [e]; rfl
  · exact ⟨by simp, by simp⟩
  · intro ⟨acc, i⟩ h
    dsimp only at h
    subst h
    show Outcome.ok _ = _
    congr 2
    simp only [air.rv32im.mul.FLAGS, air.rv32im.mul.F_MUL, air.rv32im.mul.F_MULH,
      air.rv32im.mul.F_MULHSU, air.rv32im.mul.F_MULHU, air.rv32im.mul.F_SLL,
      air.rv32im.mul.F_SRL, air.rv32im.mul.F_SRA, List.foldl_cons, List.foldl_nil, zero_add',
      UInt64.reduceToNat, Zkvm.Air.V2.Mul.real, Zkvm.Air.V2.Mul.Col.fMul,
      Zkvm.Air.V2.Mul.Col.fMulh, Zkvm.Air.V2.Mul.Col.fMulhsu, Zkvm.Air.V2.Mul.Col.fMulhu,
      Zkvm.Air.V2.Mul.Col.fSll, Zkvm.Air.V2.Mul.Col.fSrl, Zkvm.Air.V2.Mul.Col.fSra]

/-- A factor's eight bytes as the extracted code holds them. -/
def factorList (r : Nat → Ext4) (first sign : Nat) : List (List UInt32) :=
  (List.range 8).map (fun i => toExt (Zkvm.Air.V2.Mul.factor r first sign i))

theorem konst255 : air.expr.konst 255 = .ok (toExt 255) := by
  rw [konst_spec 255 (by decide)]; rfl

theorem factor_spec (r : Nat → Ext4) (w : Nat) (hw : w ≤ 1024) (first sign : Usize)
    (h1 : first.toNat + 3 < w) (h2 : sign.toNat < w) :
    air.rv32im.mul.factor (locOf w r) first sign = .ok (factorList r first.toNat sign.toNat) := by
  have e1 : (first + 1).toNat = first.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
  have e2 : (first + 2).toNat = first.toNat + 2 := by simp only [UInt64.toNat_add]; simp; omega
  have e3 : (first + 3).toNat = first.toNat + 3 := by simp only [UInt64.toNat_add]; simp; omega
  unfold air.rv32im.mul.factor
  rw [konst255, ok_bind, index_locOf w r sign h2, ok_bind, mul_spec, ok_bind,
    index_locOf w r first (by omega), ok_bind, Usize.add_eq first 1 (by simp; omega), ok_bind,
    index_locOf w r _ (by rw [e1]; omega), ok_bind, Usize.add_eq first 2 (by simp; omega),
    ok_bind, index_locOf w r _ (by rw [e2]; omega), ok_bind,
    Usize.add_eq first 3 (by simp; omega), ok_bind, index_locOf w r _ (by rw [e3]; omega),
    ok_bind, pure_ok, e1, e2, e3]
  rfl

theorem getElem_factorList (r : Nat → Ext4) (first sign i : Nat) (h : i < 8) :
    (factorList r first sign)[i]'(by simp [factorList]; exact h) =
      toExt (Zkvm.Air.V2.Mul.factor r first sign i) := by
  simp [factorList]

/-- `convolution` is `C_k` of the two factors (k below 8); it never panics. -/
theorem convolution_spec (r : Nat → Ext4) (a sa m sb : Nat) (k : Usize) (hk : k.toNat ≤ 7) :
    air.rv32im.mul.convolution (factorList r a sa) (factorList r m sb) k =
      .ok (toExt (Zkvm.Air.V2.Mul.conv (Zkvm.Air.V2.Mul.factor r a sa)
        (Zkvm.Air.V2.Mul.factor r m sb) k.toNat)) := by
  have hlx : (factorList r a sa).length = 8 := by simp [factorList]
  have hly : (factorList r m sb).length = 8 := by simp [factorList]
  unfold air.rv32im.mul.convolution
  rw [zero_spec, ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ k.toNat + 1 ∧
      s.1 = toExt (Zkvm.Air.V2.Mul.convSum (Zkvm.Air.V2.Mul.factor r a sa)
        (Zkvm.Air.V2.Mul.factor r m sb) k.toNat s.2.toNat))
    (Q := fun s => s.1 = toExt (Zkvm.Air.V2.Mul.conv (Zkvm.Air.V2.Mul.factor r a sa)
        (Zkvm.Air.V2.Mul.factor r m sb) k.toNat))
  · intro ⟨acc, i⟩ ⟨hi, hacc⟩
    dsimp only at hi hacc
    subst hacc
    dsimp only
    by_cases hle : i ≤ k
    · have hle' : i.toNat ≤ k.toNat := UInt64.le_iff_toNat_le.mp hle
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have ek : (k - i).toNat = k.toNat - i.toNat :=
        UInt64.toNat_sub_of_le _ _ (UInt64.le_iff_toNat_le.mpr hle')
      left
      refine ⟨(toExt (Zkvm.Air.V2.Mul.convSum (Zkvm.Air.V2.Mul.factor r a sa)
        (Zkvm.Air.V2.Mul.factor r m sb) k.toNat (i.toNat + 1)), i + 1), ?_, ?_, ?_⟩
      · rw [if_pos hle, Slice.index_eq _ i (by rw [hlx]; omega), ok_bind,
          Usize.sub_eq k i hle', ok_bind, Slice.index_eq _ (k - i) (by rw [hly, ek]; omega),
          ok_bind, getElem_factorList r a sa _ (by omega),
          getElem_factorList r m sb _ (by rw [ek]; omega), mul_spec, ok_bind, add_spec, ok_bind,
          Usize.add_eq i 1 (by simp; omega), ok_bind, pure_ok, ek]
        rfl
      · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hle, pure_ok], ?_⟩
      have e : i.toNat = k.toNat + 1 := by
        have : ¬ i.toNat ≤ k.toNat := fun h => hle (UInt64.le_iff_toNat_le.mpr h)
        omega
      dsimp only
      rw [e]; rfl
  · exact ⟨by simp, by simp [Zkvm.Air.V2.Mul.convSum]⟩
  · intro ⟨acc, i⟩ h
    dsimp only at h
    subst h
    rfl

theorem product_limb_spec (r : Nat → Ext4) (th : Ext4) (m : Usize) (hm : m.toNat < 4) :
    air.rv32im.mul.product_limb (locOf 35 r) (toExt th) m =
      .ok (toExt (r (Zkvm.Air.V2.Mul.ownCol m.toNat) + th *
        (r (Zkvm.Air.V2.Mul.otherCol m.toNat) - r (Zkvm.Air.V2.Mul.ownCol m.toNat)))) := by
  unfold air.rv32im.mul.product_limb
  by_cases h2 : m < 2
  · have h2' : m.toNat < 2 := by rw [UInt64.lt_iff_toNat_lt] at h2; simpa using h2
    have eo : (air.rv32im.mul.C_LO + m).toNat = 24 + m.toNat := by
      simp only [UInt64.toNat_add, air.rv32im.mul.C_LO]; simp; omega
    have ex : (air.rv32im.mul.X_LO + m).toNat = 26 + m.toNat := by
      simp only [UInt64.toNat_add, air.rv32im.mul.X_LO]; simp; omega
    rw [if_pos h2, Usize.add_eq _ _ (by simp [air.rv32im.mul.C_LO]; omega), ok_bind,
      Usize.add_eq _ _ (by simp [air.rv32im.mul.X_LO]; omega), ok_bind, pure_ok, ok_bind]
    dsimp only
    rw [index_locOf 35 r _ (by rw [eo]; omega), index_locOf 35 r _ (by rw [ex]; omega)]
    simp only [ok_bind, sub_spec, mul_spec, add_spec, eo, ex]
    simp only [Zkvm.Air.V2.Mul.ownCol, Zkvm.Air.V2.Mul.otherCol, h2', if_true,
      Zkvm.Air.V2.Mul.Col.cLo, Zkvm.Air.V2.Mul.Col.xLo]
  · have h2' : ¬ m.toNat < 2 := fun h => h2 (by rw [UInt64.lt_iff_toNat_lt]; simpa using h)
    have ex : (air.rv32im.mul.X_LO + m).toNat = 26 + m.toNat := by
      simp only [UInt64.toNat_add, air.rv32im.mul.X_LO]; simp; omega
    have eo : (air.rv32im.mul.C_LO + m).toNat = 24 + m.toNat := by
      simp only [UInt64.toNat_add, air.rv32im.mul.C_LO]; simp; omega
    have ex2 : (air.rv32im.mul.X_LO + m - 2).toNat = 24 + m.toNat := by
      rw [UInt64.toNat_sub_of_le _ _ (UInt64.le_iff_toNat_le.mpr (by rw [ex]; simp; omega)), ex]; simp
      omega
    have eo2 : (air.rv32im.mul.C_LO + m - 2).toNat = 22 + m.toNat := by
      rw [UInt64.toNat_sub_of_le _ _ (UInt64.le_iff_toNat_le.mpr (by rw [eo]; simp; omega)), eo]; simp
      omega
    rw [if_neg h2, Usize.add_eq _ _ (by simp [air.rv32im.mul.X_LO]; omega), ok_bind,
      Usize.sub_eq _ 2 (by rw [ex]; simp; omega), ok_bind,
      Usize.add_eq _ _ (by simp [air.rv32im.mul.C_LO]; omega), ok_bind,
      Usize.sub_eq _ 2 (by rw [eo]; simp; omega), ok_bind, pure_ok, ok_bind]
    dsimp only
    rw [index_locOf 35 r _ (by rw [ex2]; omega), index_locOf 35 r _ (by rw [eo2]; omega)]
    simp only [ok_bind, sub_spec, mul_spec, add_spec, ex2, eo2]
    simp only [Zkvm.Air.V2.Mul.ownCol, Zkvm.Air.V2.Mul.otherCol, h2', if_false,
      Zkvm.Air.V2.Mul.Col.cLo, Zkvm.Air.V2.Mul.Col.xLo]
    rw [show 26 + m.toNat - 2 = 24 + m.toNat by omega, show 24 + m.toNat - 2 = 22 + m.toNat by omega]

theorem konst256 : air.expr.konst 256 = .ok (toExt 256) := by
  rw [konst_spec 256 (by decide)]; rfl

theorem konstLimb : air.expr.konst air.rv32im.bus.LIMB = .ok (toExt 65536) := by
  rw [konst_spec _ (by decide)]; rfl

theorem konst32 : air.expr.konst 32 = .ok (toExt 32) := by
  rw [konst_spec 32 (by decide)]; rfl

set_option maxRecDepth 20000 in
/-- **`eval` is the spec**: on every row, the extracted MUL constraint function returns the
values of `Mul.constraints`, in order; it never panics. -/
theorem eval_spec (r : Nat → Ext4) (next pub : List (List UInt32)) (sel : air.Selectors) :
    air.rv32im.mul.eval (locOf 35 r) next pub sel [] =
      .ok ((Zkvm.Air.V2.Mul.constraints r).map toExt) := by
  have hF : Slice.len air.rv32im.mul.FLAGS = 7 := rfl
  have hmem : ∀ c ∈ air.rv32im.mul.FLAGS, c.toNat < 35 := by decide
  unfold air.rv32im.mul.eval
  simp only [air.rv32im.mul.multiplies, air.rv32im.mul.shifts]
  simp (disch := decide) only [is_real_spec, index_locOf, add_spec, ok_bind]
  apply loop_bind_ok
    (P := fun s => s.2.toNat ≤ 7 ∧
      s.1 = (air.rv32im.mul.FLAGS.take s.2.toNat).map
        (fun c => toExt (Zkvm.Air.V2.Mul.boolean (r c.toNat))))
    (Q := fun s => s.1 = air.rv32im.mul.FLAGS.map
        (fun c => toExt (Zkvm.Air.V2.Mul.boolean (r c.toNat))))
  · intro ⟨out, f⟩ ⟨hf, hout⟩
    dsimp only at hf hout
    subst hout
    dsimp only
    by_cases hlt : f < Slice.len air.rv32im.mul.FLAGS
    · have hlt' : f.toNat < 7 := by rw [hF, UInt64.lt_iff_toNat_lt] at hlt; exact hlt
      have e : (f + 1).toNat = f.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨((air.rv32im.mul.FLAGS.take (f.toNat + 1)).map
        (fun c => toExt (Zkvm.Air.V2.Mul.boolean (r c.toNat))), f + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, Slice.index_eq air.rv32im.mul.FLAGS f hlt', ok_bind,
          index_locOf 35 r _ (hmem _ (List.getElem_mem _)), ok_bind, boolean_spec, ok_bind,
          Usize.add_eq f 1 (by simp; omega), ok_bind, pure_ok, List.take_add_one,
          List.getElem?_eq_getElem hlt', List.map_append]
        rfl
      · show 2 ^ 64 - (f + 1).toNat < 2 ^ 64 - f.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : f.toNat = 7 := by
        have : ¬ f.toNat < 7 := fun h => hlt (by rw [hF, UInt64.lt_iff_toNat_lt]; exact h)
        omega
      dsimp only
      rw [e]; rfl
  · exact ⟨by simp, rfl⟩
  · intro ⟨out, f⟩ h
    dsimp only at h
    subst h
    dsimp only
    simp (config := { maxSteps := 4000000 }) (disch := decide) only [ok_bind, pure_ok, index_locOf,
      boolean_spec, add_spec, sub_spec, mul_spec, one_spec, zero_spec, konst256, konst32,
      Slice.push, Usize.add_eq, factor_spec, air.rv32im.mul.a_signed, air.rv32im.mul.pair,
      air.rv32im.mul.takes_high, air.rv32im.mul.right]
    apply loop_bind_ok
      (P := fun (x : Usize × List (List UInt32) × List UInt32) => x.1.toNat ≤ 4 ∧
        x.2.1 = ((Zkvm.Air.V2.Mul.constraints r).map toExt).take (15 + x.1.toNat) ∧
        x.2.2 = toExt (Zkvm.Air.V2.Mul.carryIn r x.1.toNat))
      (Q := fun (x : Usize × List (List UInt32) × List UInt32) =>
        x.2.1 = (Zkvm.Air.V2.Mul.constraints r).map toExt)
    · intro ⟨m, out, carry⟩ ⟨hm, hout, hc⟩
      dsimp only at hm hout hc
      subst hout hc
      by_cases hlt : m < 4
      · have hlt' : m.toNat < 4 := by rw [UInt64.lt_iff_toNat_lt] at hlt; simpa using hlt
        have e : (m + 1).toNat = m.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        have e2 : (2 * m).toNat = 2 * m.toNat := by simp only [UInt64.toNat_mul]; simp; omega
        have e21 : (2 * m + 1).toNat = 2 * m.toNat + 1 := by
          simp only [UInt64.toNat_add, UInt64.toNat_mul]; simp; omega
        have ek : (air.rv32im.mul.K0 + m).toNat = 28 + m.toNat := by
          simp only [UInt64.toNat_add, air.rv32im.mul.K0]; simp; omega
        left
        refine ⟨(m + 1, ((Zkvm.Air.V2.Mul.constraints r).map toExt).take (15 + m.toNat) ++
          [toExt (Zkvm.Air.V2.Mul.limbEq r m.toNat)], toExt (r (28 + m.toNat))), ?_, ?_, ?_⟩
        · simp only [hlt, if_true, Usize.mul_eq 2 m (by simp; omega), ok_bind,
            convolution_spec r _ _ _ _ (2 * m) (by rw [e2]; omega),
            Usize.add_eq (2 * m) 1 (by simp; omega),
            convolution_spec r _ _ _ _ (2 * m + 1) (by rw [e21]; omega), mul_spec, add_spec,
            Usize.add_eq air.rv32im.mul.K0 m (by simp [air.rv32im.mul.K0]; omega),
            index_locOf 35 r _ (by rw [ek]; omega), product_limb_spec r _ m hlt', konstLimb,
            sub_spec, Usize.add_eq m 1 (by simp; omega), e2, e21, ek]
          simp only [Zkvm.Air.V2.Mul.limbEq, Zkvm.Air.V2.Mul.productLimb,
            Zkvm.Air.V2.Mul.takesHigh, Zkvm.Air.V2.Mul.right, air.rv32im.mul.F_MUL, air.rv32im.mul.F_MULH, air.rv32im.mul.F_MULHSU,
            air.rv32im.mul.F_MULHU, air.rv32im.mul.F_SLL, air.rv32im.mul.F_SRL, air.rv32im.mul.F_SRA,
            air.rv32im.mul.USE_IMM, air.rv32im.mul.B_LO, air.rv32im.mul.B_HI, air.rv32im.mul.IMM_LO,
            air.rv32im.mul.A0, air.rv32im.mul.SA, air.rv32im.mul.M0, air.rv32im.mul.SB,
            air.rv32im.mul.C_LO, air.rv32im.mul.X_LO, air.rv32im.mul.K0, air.rv32im.mul.S,
            air.rv32im.mul.T, air.rv32im.mul.NZ, air.rv32im.mul.FLAGS,
            Zkvm.Air.V2.Mul.Col.fMul, Zkvm.Air.V2.Mul.Col.fMulh, Zkvm.Air.V2.Mul.Col.fMulhsu,
            Zkvm.Air.V2.Mul.Col.fMulhu, Zkvm.Air.V2.Mul.Col.fSll, Zkvm.Air.V2.Mul.Col.fSrl,
            Zkvm.Air.V2.Mul.Col.fSra, Zkvm.Air.V2.Mul.Col.useImm, Zkvm.Air.V2.Mul.Col.bLo,
            Zkvm.Air.V2.Mul.Col.bHi, Zkvm.Air.V2.Mul.Col.immLo, Zkvm.Air.V2.Mul.Col.a0,
            Zkvm.Air.V2.Mul.Col.sa, Zkvm.Air.V2.Mul.Col.m0, Zkvm.Air.V2.Mul.Col.sb,
            Zkvm.Air.V2.Mul.Col.cLo, Zkvm.Air.V2.Mul.Col.xLo, Zkvm.Air.V2.Mul.Col.k0,
            Zkvm.Air.V2.Mul.Col.s, Zkvm.Air.V2.Mul.Col.t, Zkvm.Air.V2.Mul.Col.nz,
            UInt64.reduceToNat, UInt64.reduceAdd]
        · show 2 ^ 64 - (m + 1).toNat < 2 ^ 64 - m.toNat
          rw [e]; omega
        · refine ⟨by rw [e]; omega, ?_, ?_⟩
          · rw [e, show 15 + (m.toNat + 1) = (15 + m.toNat) + 1 by omega, List.take_add_one]
            congr 1
            rcases (by omega : m.toNat = 0 ∨ m.toNat = 1 ∨ m.toNat = 2 ∨ m.toNat = 3) with
              h | h | h | h <;> simp [h, Zkvm.Air.V2.Mul.constraints, Zkvm.Air.V2.Mul.flags]
          · rw [e]; simp [Zkvm.Air.V2.Mul.carryIn, Zkvm.Air.V2.Mul.Col.k0]
      · right
        refine ⟨(m, ((Zkvm.Air.V2.Mul.constraints r).map toExt).take (15 + m.toNat),
          toExt (Zkvm.Air.V2.Mul.carryIn r m.toNat)), by simp only [hlt, if_false], ?_⟩
        have e : m.toNat = 4 := by
          have : ¬ m.toNat < 4 := fun h => hlt (by rw [UInt64.lt_iff_toNat_lt]; simpa using h)
          omega
        show List.take (15 + m.toNat) _ = _
        rw [e, List.take_of_length_le (by simp [Zkvm.Air.V2.Mul.length_constraints])]
    · refine ⟨by simp, ?_, by simp [Zkvm.Air.V2.Mul.carryIn]⟩
      show _ = List.take (15 + 0) _
      simp only [Zkvm.Air.V2.Mul.constraints, Zkvm.Air.V2.Mul.flags, Zkvm.Air.V2.Mul.real,
        Zkvm.Air.V2.Mul.shifts, Zkvm.Air.V2.Mul.aSigned, Zkvm.Air.V2.Mul.multiplies,
        Zkvm.Air.V2.Mul.pair, Zkvm.Air.V2.Mul.yLo, List.map_append, List.map_cons, List.map_nil,
        List.cons_append, List.nil_append, List.append_assoc, air.rv32im.mul.F_MUL, air.rv32im.mul.F_MULH, air.rv32im.mul.F_MULHSU,
            air.rv32im.mul.F_MULHU, air.rv32im.mul.F_SLL, air.rv32im.mul.F_SRL, air.rv32im.mul.F_SRA,
            air.rv32im.mul.USE_IMM, air.rv32im.mul.B_LO, air.rv32im.mul.B_HI, air.rv32im.mul.IMM_LO,
            air.rv32im.mul.A0, air.rv32im.mul.SA, air.rv32im.mul.M0, air.rv32im.mul.SB,
            air.rv32im.mul.C_LO, air.rv32im.mul.X_LO, air.rv32im.mul.K0, air.rv32im.mul.S,
            air.rv32im.mul.T, air.rv32im.mul.NZ, air.rv32im.mul.FLAGS,
            Zkvm.Air.V2.Mul.Col.fMul, Zkvm.Air.V2.Mul.Col.fMulh, Zkvm.Air.V2.Mul.Col.fMulhsu,
            Zkvm.Air.V2.Mul.Col.fMulhu, Zkvm.Air.V2.Mul.Col.fSll, Zkvm.Air.V2.Mul.Col.fSrl,
            Zkvm.Air.V2.Mul.Col.fSra, Zkvm.Air.V2.Mul.Col.useImm, Zkvm.Air.V2.Mul.Col.bLo,
            Zkvm.Air.V2.Mul.Col.bHi, Zkvm.Air.V2.Mul.Col.immLo, Zkvm.Air.V2.Mul.Col.a0,
            Zkvm.Air.V2.Mul.Col.sa, Zkvm.Air.V2.Mul.Col.m0, Zkvm.Air.V2.Mul.Col.sb,
            Zkvm.Air.V2.Mul.Col.cLo, Zkvm.Air.V2.Mul.Col.xLo, Zkvm.Air.V2.Mul.Col.k0,
            Zkvm.Air.V2.Mul.Col.s, Zkvm.Air.V2.Mul.Col.t, Zkvm.Air.V2.Mul.Col.nz,
            UInt64.reduceToNat, UInt64.reduceAdd]
      rfl
    · intro ⟨m, out, carry⟩ h
      dsimp only at h
      subst h
      rfl

/-- One step of the messages proof: operations rewritten, constants and indices computed,
finished binds and matches reduced. -/
local macro "mul_msg_step" : tactic => `(tactic|
  simp (config := { maxSteps := 4000000 }) (disch := decide) only [index_locOf, konst_spec,
    mul_spec, add_spec, sub_spec, neg_spec, zero_spec, ok_bind, pure_ok, Slice.index, Slice.len,
    Slice.push, is_real_spec, air.rv32im.mul.multiplies, air.rv32im.mul.shifts,
    air.rv32im.mul.right, air.rv32im.mul.a_signed, air.rv32im.mul.pair, air.rv32im.mul.top_byte,
    air.rv32im.mul.lookup, air.rv32im.mul.FLAGS, air.rv32im.mul.OPS,
    List.getElem?_cons_succ, List.getElem?_cons_zero, getElem?_locOf, Usize.add_eq,
    UInt64.reduceAdd, UInt64.reduceToNat, UInt64.reduceLT, UInt64.reduceOfNat,
    UInt32.reduceToNat, List.length_cons, List.length_nil, Nat.reduceAdd, ↓reduceIte,
    Nat.reducePow, Nat.reduceSub, Nat.reduceLT, decide_true,
    air.rv32im.mul.F_MUL, air.rv32im.mul.F_MULH, air.rv32im.mul.F_MULHSU,
    air.rv32im.mul.F_MULHU, air.rv32im.mul.F_SLL, air.rv32im.mul.F_SRL, air.rv32im.mul.F_SRA,
    air.rv32im.mul.A0, air.rv32im.mul.M0, air.rv32im.mul.K0, air.rv32im.mul.C_LO,
    air.rv32im.mul.C_HI, air.rv32im.mul.X_LO, air.rv32im.mul.X_HI, air.rv32im.mul.USE_IMM,
    air.rv32im.mul.SA, air.rv32im.mul.SB, air.rv32im.mul.NZ, air.rv32im.mul.S, air.rv32im.mul.T,
    air.rv32im.bus.IMM_OP_OFFSET])

set_option maxRecDepth 20000 in
/-- **The bus messages**: the extracted `messages` returns `Mul.fractions` flattened; it never
panics. -/
theorem messages_spec (r : Nat → Ext4) :
    air.rv32im.mul.messages (locOf 35 r) [] = .ok ((Zkvm.Air.V2.Mul.messages r).map toExt) := by
  unfold air.rv32im.mul.messages
  mul_msg_step
  repeat (rw [loop_eq]; mul_msg_step)
  refine congrArg Outcome.ok ?_
  simp only [air.rv32im.mul.CLK, air.rv32im.mul.B_LO, air.rv32im.mul.B_HI,
    air.rv32im.mul.IMM_LO, air.rv32im.mul.IMM_HI, air.rv32im.mul.NEXT_PC,
    air.rv32im.bus.TAG_EXEC, air.rv32im.bus.TAG_U8, air.rv32im.bus.TAG_U16,
    air.rv32im.bus.TAG_POW2,
    Zkvm.Air.V2.Mul.messages, Zkvm.Air.V2.Mul.fractions, Zkvm.Air.V2.Mul.look,
    Zkvm.Air.V2.Mul.opField, Zkvm.Air.V2.Mul.topLookup, Zkvm.Air.V2.Mul.real,
    Zkvm.Air.V2.Mul.multiplies, Zkvm.Air.V2.Mul.shifts, Zkvm.Air.V2.Mul.right,
    Zkvm.Air.V2.Mul.aSigned, Zkvm.Air.V2.Mul.pair,
    Zkvm.Air.V2.Mul.Col.fMul, Zkvm.Air.V2.Mul.Col.fMulh, Zkvm.Air.V2.Mul.Col.fMulhsu,
    Zkvm.Air.V2.Mul.Col.fMulhu, Zkvm.Air.V2.Mul.Col.fSll, Zkvm.Air.V2.Mul.Col.fSrl,
    Zkvm.Air.V2.Mul.Col.fSra, Zkvm.Air.V2.Mul.Col.useImm, Zkvm.Air.V2.Mul.Col.clk,
    Zkvm.Air.V2.Mul.Col.bLo, Zkvm.Air.V2.Mul.Col.bHi, Zkvm.Air.V2.Mul.Col.immLo,
    Zkvm.Air.V2.Mul.Col.immHi, Zkvm.Air.V2.Mul.Col.nextPc, Zkvm.Air.V2.Mul.Col.a0,
    Zkvm.Air.V2.Mul.Col.sa, Zkvm.Air.V2.Mul.Col.m0, Zkvm.Air.V2.Mul.Col.sb,
    Zkvm.Air.V2.Mul.Col.cLo, Zkvm.Air.V2.Mul.Col.cHi, Zkvm.Air.V2.Mul.Col.xLo,
    Zkvm.Air.V2.Mul.Col.xHi, Zkvm.Air.V2.Mul.Col.k0, Zkvm.Air.V2.Mul.Col.s,
    Zkvm.Air.V2.Mul.Col.t, Zkvm.Air.V2.Mul.Col.nz,
    List.map_append, List.map_cons, List.map_nil, List.append_assoc, List.cons_append,
    List.nil_append, List.flatMap_cons, List.flatMap_nil, List.append_nil, UInt64.reduceToNat,
    UInt32.reduceToNat, Nat.reduceAdd, zero_add', ofNat_numeral, List.cons.injEq, and_true,
    and_self]

end Zkvm.Refinement.air.rv32im.mul
