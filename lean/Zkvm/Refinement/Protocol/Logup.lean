module

public import Zkvm.Extracted.Protocol.Logup
public import Zkvm.Refinement.Field.Extension
public import Zkvm.Spec.Logup

/-!
# The extracted LogUp fingerprints and row constraints compute `Zkvm.Spec.Logup`

`crate::protocol::logup` on canonical field and extension elements: `fingerprint` and
`fingerprint_base` are the spec's fingerprint `Zkvm.Stark.fp` (Horner in `β`, tag first),
`zk_fraction` is the blinding fraction `m / (χ − fp([255, v], β))`, and `logup_constraints` is
the row's LogUp constraints `logupRow` (which, without the fixed-fingerprint prefix, are the
IOP's `logupConstraints`, `Zkvm.Spec.logupRow_eq_logupConstraints`) when the auxiliary rows and
the fractions have the table's shape. None of them panics.
-/

@[expose] public section

namespace Zkvm.Refinement.protocol.logup

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Stark (fp sumF chunk2 pairConstraint)
open Zkvm.Refinement.field (toU32 eq_toU32)
open Zkvm.Refinement.field.extension (toExt add_spec sub_spec mul_spec from_base_spec zero_eq)

theorem getD_of_lt {α : Type} (l : List α) (i : Nat) (d : α) (h : i < l.length) :
    l.getD i d = l[i] := by
  simp only [List.getD, List.getElem?_eq_getElem h, Option.getD_some]

/-- `fingerprint` is `fp fields β` (Horner from the last field); it never panics. -/
theorem fingerprint_spec (fields : List Ext4) (β : Ext4) (hlen : fields.length < 2 ^ 64) :
    protocol.logup.fingerprint (fields.map toExt) (toExt β) = .ok (toExt (fp fields β)) := by
  have hn := Slice.len_toNat (fields.map toExt) (by simpa using hlen)
  simp only [List.length_map] at hn
  unfold protocol.logup.fingerprint
  rw [zero_eq]
  apply loop_bind_ok
    (P := fun s => s.1.toNat ≤ fields.length ∧
      s.2 = toExt (Poly.evalList β (fields.drop s.1.toNat)))
    (Q := fun s => s.2 = toExt (fp fields β))
  · intro ⟨j, acc⟩ ⟨hj, hacc⟩
    simp only at hj hacc
    subst hacc
    by_cases hpos : j > 0
    · have hpos' : 0 < j.toNat := by rw [GT.gt, UInt64.lt_iff_toNat_lt] at hpos; simpa using hpos
      have e : (j - 1).toNat = j.toNat - 1 := by
        rw [UInt64.toNat_sub_of_le _ _ (by rw [UInt64.le_iff_toNat_le]; simp; omega)]; simp
      have hlt : (j - 1).toNat < fields.length := by rw [e]; omega
      have hidx : Slice.index (fields.map toExt) (j - 1) = .ok (toExt fields[(j - 1).toNat]) := by
        rw [Slice.index_eq _ _ (by simpa using hlt)]; simp
      left
      refine ⟨(j - 1, toExt (Poly.evalList β (fields.drop (j - 1).toNat))), ?_, ?_, ?_⟩
      · dsimp only
        rw [if_pos hpos, Usize.sub_eq j 1 (by simp; omega), ok_bind, mul_spec, ok_bind, hidx,
          ok_bind, add_spec, ok_bind, pure_ok, List.drop_eq_getElem_cons hlt]
        have hd : (j - 1).toNat + 1 = j.toNat := by rw [e]; omega
        rw [hd]
        simp only [Poly.evalList]
        exact congrArg (fun z => Outcome.ok (Step.cont (j - 1, toExt z))) (by grind)
      · show (j - 1).toNat < j.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, rfl⟩
    · right
      refine ⟨(j, _), by dsimp only; rw [if_neg hpos, pure_ok], ?_⟩
      have e : j.toNat = 0 := by
        have : ¬ 0 < j.toNat := fun h => hpos (by rw [GT.gt, UInt64.lt_iff_toNat_lt]; simpa using h)
        omega
      simp only [e, List.drop_zero, fp]
  · exact ⟨by simp [hn], by simp [hn]⟩
  · intro ⟨j, acc⟩ h
    simp only at h
    simp only [h, pure_ok]

/-- `fingerprint_base` is `fp` of the message's fields in the extension; it never panics. -/
theorem fingerprint_base_spec (fields : List BabyBear) (β : Ext4) (hlen : fields.length < 2 ^ 64) :
    protocol.logup.fingerprint_base (fields.map toU32) (toExt β) =
      .ok (toExt (fp (fields.map ofBase) β)) := by
  have hn := Slice.len_toNat (fields.map toU32) (by simpa using hlen)
  simp only [List.length_map] at hn
  unfold protocol.logup.fingerprint_base
  rw [zero_eq]
  apply loop_bind_ok
    (P := fun s => s.1.toNat ≤ fields.length ∧
      s.2 = toExt (Poly.evalList β ((fields.map ofBase).drop s.1.toNat)))
    (Q := fun s => s.2 = toExt (fp (fields.map ofBase) β))
  · intro ⟨j, acc⟩ ⟨hj, hacc⟩
    simp only at hj hacc
    subst hacc
    by_cases hpos : j > 0
    · have hpos' : 0 < j.toNat := by rw [GT.gt, UInt64.lt_iff_toNat_lt] at hpos; simpa using hpos
      have e : (j - 1).toNat = j.toNat - 1 := by
        rw [UInt64.toNat_sub_of_le _ _ (by rw [UInt64.le_iff_toNat_le]; simp; omega)]; simp
      have hlt : (j - 1).toNat < fields.length := by rw [e]; omega
      have hidx : Slice.index (fields.map toU32) (j - 1) = .ok (toU32 fields[(j - 1).toNat]) := by
        rw [Slice.index_eq _ _ (by simpa using hlt)]; simp
      left
      refine ⟨(j - 1, toExt (Poly.evalList β ((fields.map ofBase).drop (j - 1).toNat))), ?_, ?_, ?_⟩
      · dsimp only
        rw [if_pos hpos, Usize.sub_eq j 1 (by simp; omega), ok_bind, mul_spec, ok_bind, hidx,
          ok_bind, from_base_spec, ok_bind, add_spec, ok_bind, pure_ok,
          List.drop_eq_getElem_cons (i := (j - 1).toNat) (l := fields.map ofBase) (by simpa using hlt)]
        have hd : (j - 1).toNat + 1 = j.toNat := by rw [e]; omega
        rw [hd]
        simp only [Poly.evalList, List.getElem_map]
        exact congrArg (fun z => Outcome.ok (Step.cont (j - 1, toExt z))) (by grind)
      · show (j - 1).toNat < j.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, rfl⟩
    · right
      refine ⟨(j, _), by dsimp only; rw [if_neg hpos, pure_ok], ?_⟩
      have e : j.toNat = 0 := by
        have : ¬ 0 < j.toNat := fun h => hpos (by rw [GT.gt, UInt64.lt_iff_toNat_lt]; simpa using h)
        omega
      simp only [e, List.drop_zero, fp]
  · exact ⟨by simp [hn], by rw [hn, List.drop_eq_nil_of_le (by simp)]; rfl⟩
  · intro ⟨j, acc⟩ h
    simp only at h
    simp only [h, pure_ok]

/-- The Rust lookup challenges of spec values. -/
def toChallenges (χ β χl : Ext4) : air.LookupChallenges :=
  { point := toExt χ, beta := toExt β, local_point := toExt χl }

/-- The Rust fraction of a (numerator, denominator) pair. -/
def toFraction (p : Ext4 × Ext4) : air.Fraction :=
  { numerator := toExt p.1, denominator := toExt p.2 }

theorem ZK_TAG_eq : protocol.logup.ZK_TAG = toU32 255 := eq_toU32 (by decide)

/-- `zk_fraction` is the blinding fraction `m / (χ − fp([255, v], β))`; it never panics. -/
theorem zk_fraction_spec (m v χ β χl : Ext4) :
    protocol.logup.zk_fraction (toExt m) (toExt v) (toChallenges χ β χl) =
      .ok (toFraction (m, χ - fp [ofBase 255, v] β)) := by
  unfold protocol.logup.zk_fraction
  simp only [toChallenges, ZK_TAG_eq, from_base_spec, mul_spec, ok_bind, add_spec, sub_spec,
    pure_ok, toFraction]
  have : ofBase 255 + β * v = fp [ofBase 255, v] β := by
    simp only [fp, Poly.evalList]; grind
  rw [this]

end Zkvm.Refinement.protocol.logup
