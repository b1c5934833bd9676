module

public import Zkvm.Spec.Transcript
public import Zkvm.Commit.MerkleBinding

/-!
# Binding of the Fiat–Shamir transcript

The transcript state is a hash chain, so it commits to everything absorbed and squeezed so far:
two *different* lists of operations that reach the same state give an explicit collision of
`H` (`transcript_binding`, with the extractor `findRev`). In particular a challenge (a squeezed
block) is bound to the whole list of operations before it (`squeeze_binding`): a prover who
changes any earlier message, or the order or number of messages, gets unrelated challenges
unless it finds a collision of SHA3-256.

Why the extractor works: every operation hashes a byte string that determines the previous
state and the operation (`opInput_injective`: a tag byte, the 32-byte state, then the data);
the initial state hashes 24 bytes, which no operation's input has (`length_opInput`, at least
33 bytes). Walking back from the common final state, the first level where the two hashed
inputs differ is a collision; if they never differ, the lists are equal.

Also: the message encodings used by the transcript are injective on what they encode
(`encBase_injective`, `encExt_injective`, `encCap_injective`), so the list of absorbed byte
strings determines the messages.
-/

public section

noncomputable section

namespace Zkvm.Stark

open Zkvm.Commit Zkvm.Spec Zkvm.Field

variable (H : List UInt8 → Digest)

/-! ## Injectivity of the hashed inputs -/

theorem length_opInput (st : Digest) (op : Op) : 33 ≤ (opInput st op).length := by
  cases op <;> simp [opInput, absorbInput, squeezeInput, st.length_bytes] <;> omega

theorem opInput_injective {st st' : Digest} {op op' : Op}
    (h : opInput st op = opInput st' op') : st = st' ∧ op = op' := by
  cases op <;> cases op' <;> simp only [opInput, absorbInput, squeezeInput] at h
  · obtain ⟨-, h⟩ := List.cons.inj h
    obtain ⟨hst, hrest⟩ := List.append_inj h (by rw [st.length_bytes, st'.length_bytes])
    obtain ⟨-, hd⟩ := List.append_inj hrest (by simp [length_le32])
    exact ⟨Digest.ext hst, by rw [hd]⟩
  · simp [absorbTag, squeezeTag] at h
  · simp [absorbTag, squeezeTag] at h
  · exact ⟨Digest.ext (List.cons.inj h).2, rfl⟩

/-! ## The extractor -/

/-- The state after the operations of a *reversed* list (last operation first). -/
@[expose] def runRev : List Op → Digest
  | [] => initState H
  | op :: r => step H (runRev r) op

/-- The bytes hashed to produce `runRev r`. -/
@[expose] def lastInput : List Op → List UInt8
  | [] => domainSeparator
  | op :: r => opInput (runRev H r) op

theorem runRev_eq (r : List Op) : runRev H r = H (lastInput H r) := by
  cases r <;> rfl

theorem foldl_step_eq_runRev : ∀ (ops : List Op) (r : List Op),
    ops.foldl (step H) (runRev H r) = runRev H (ops.reverse ++ r)
  | [], _ => rfl
  | op :: ops, r => by
    simp only [List.foldl_cons, List.reverse_cons, List.append_assoc, List.singleton_append]
    exact foldl_step_eq_runRev ops (op :: r)

theorem run_eq_runRev (ops : List Op) : run H ops = runRev H ops.reverse := by
  have := foldl_step_eq_runRev H ops []
  simpa [run, runRev] using this

/-- Walk back two reversed operation lists from their final states; return the first pair of
distinct hashed inputs. -/
@[expose] def findRev : List Op → List Op → Option (List UInt8 × List UInt8)
  | o₁ :: r₁, o₂ :: r₂ =>
    if lastInput H (o₁ :: r₁) ≠ lastInput H (o₂ :: r₂) then
      some (lastInput H (o₁ :: r₁), lastInput H (o₂ :: r₂))
    else findRev r₁ r₂
  | r₁, r₂ =>
    if lastInput H r₁ ≠ lastInput H r₂ then some (lastInput H r₁, lastInput H r₂) else none

theorem findRev_spec : ∀ (r₁ r₂ : List Op), runRev H r₁ = runRev H r₂ → r₁ ≠ r₂ →
    ∃ x y, findRev H r₁ r₂ = some (x, y) ∧ IsCollision H x y
  | [], [], _, hne => absurd rfl hne
  | [], o :: r, heq, _ => by
    have hlen := length_opInput (runRev H r) o
    have hx : lastInput H [] ≠ lastInput H (o :: r) := fun e => by
      simp only [lastInput] at e; rw [← e, length_domainSeparator] at hlen; omega
    refine ⟨_, _, by simp only [findRev, hx, ne_eq, not_false_eq_true, if_true], hx, ?_⟩
    rw [runRev_eq, runRev_eq] at heq; exact heq
  | o :: r, [], heq, _ => by
    have hlen := length_opInput (runRev H r) o
    have hx : lastInput H (o :: r) ≠ lastInput H [] := fun e => by
      simp only [lastInput] at e; rw [e, length_domainSeparator] at hlen; omega
    refine ⟨_, _, by simp only [findRev, hx, ne_eq, not_false_eq_true, if_true], hx, ?_⟩
    rw [runRev_eq, runRev_eq] at heq; exact heq
  | o₁ :: r₁, o₂ :: r₂, heq, hne => by
    by_cases hx : lastInput H (o₁ :: r₁) = lastInput H (o₂ :: r₂)
    · simp only [lastInput] at hx
      obtain ⟨hst, hop⟩ := opInput_injective hx
      have hr : r₁ ≠ r₂ := fun e => hne (by rw [e, hop])
      obtain ⟨x, y, hf, hc⟩ := findRev_spec r₁ r₂ hst hr
      refine ⟨x, y, ?_, hc⟩
      simp only [findRev, lastInput]
      rw [if_neg (by simp only [ne_eq, Decidable.not_not]; exact hx)]
      exact hf
    · refine ⟨_, _, by simp only [findRev, hx, ne_eq, not_false_eq_true, if_true], hx, ?_⟩
      rw [runRev_eq, runRev_eq] at heq; exact heq

/-- The collision extractor for two operation lists (in protocol order). -/
@[expose] def findTranscriptCollision (ops₁ ops₂ : List Op) : Option (List UInt8 × List UInt8) :=
  findRev H ops₁.reverse ops₂.reverse

/-- **Transcript binding.** Two different lists of operations that reach the same state give a
collision of `H`, computed by `findTranscriptCollision`. -/
theorem transcript_binding {ops₁ ops₂ : List Op} (heq : run H ops₁ = run H ops₂)
    (hne : ops₁ ≠ ops₂) :
    ∃ x y, findTranscriptCollision H ops₁ ops₂ = some (x, y) ∧ IsCollision H x y := by
  rw [run_eq_runRev, run_eq_runRev] at heq
  exact findRev_spec H _ _ heq (fun e => hne (by simpa using congrArg List.reverse e))

/-- **A challenge is bound to everything before it**: equal squeezed blocks after two different
lists of operations give a collision of `H`. -/
theorem squeeze_binding {ops₁ ops₂ : List Op}
    (heq : run H (ops₁ ++ [Op.squeeze]) = run H (ops₂ ++ [Op.squeeze])) (hne : ops₁ ≠ ops₂) :
    ∃ x y, findTranscriptCollision H (ops₁ ++ [Op.squeeze]) (ops₂ ++ [Op.squeeze]) = some (x, y) ∧
      IsCollision H x y :=
  transcript_binding H heq (fun e => hne (List.append_cancel_right e))

/-- For an injective `H` (no collisions at all) the state determines the operations. -/
theorem run_injective_of_injective (hH : ∀ x y, H x = H y → x = y) {ops₁ ops₂ : List Op}
    (heq : run H ops₁ = run H ops₂) : ops₁ = ops₂ :=
  Classical.byContradiction fun hne => by
    obtain ⟨x, y, -, hxy, hH'⟩ := transcript_binding H heq hne
    exact hxy (hH x y hH')

/-! ## The message encodings are injective -/

theorem baseWord_injective {a b : BabyBear} (h : baseWord a = baseWord b) : a = b := by
  have ha := a.lt
  have hb := b.lt
  have hP : P < 2 ^ 32 := by decide
  simp only [baseWord] at h
  have := congrArg UInt32.toNat h
  simp only [Nat.toUInt32, UInt32.toNat_ofNat'] at this
  apply BabyBear.ext
  rw [Nat.mod_eq_of_lt (by omega), Nat.mod_eq_of_lt (by omega)] at this
  exact this

theorem flatMap_le32_comp_injective {α : Type} {f : α → UInt32} (hf : ∀ a b, f a = f b → a = b)
    {as bs : List α} (h : as.flatMap (fun a => le32 (f a)) = bs.flatMap (fun a => le32 (f a))) :
    as = bs := by
  have h' : (as.map f).flatMap le32 = (bs.map f).flatMap le32 := by
    simpa [List.flatMap_map] using h
  have hm := flatMap_le32_injective h'
  clear h h'
  induction as generalizing bs with
  | nil => cases bs with
    | nil => rfl
    | cons _ _ => simp at hm
  | cons a as ih => cases bs with
    | nil => simp at hm
    | cons b bs =>
      simp only [List.map_cons, List.cons.injEq] at hm
      rw [hf a b hm.1, ih hm.2]

theorem encBase_injective {as bs : List BabyBear} (h : encBase as = encBase bs) : as = bs :=
  flatMap_le32_comp_injective (fun _ _ => baseWord_injective) h

theorem extWords_injective {a b : Ext4} (h : extWords a = extWords b) : a = b := by
  simp only [extWords, List.cons.injEq] at h
  obtain ⟨h0, h1, h2, h3, -⟩ := h
  exact Ext4.ext (baseWord_injective h0) (baseWord_injective h1) (baseWord_injective h2)
    (baseWord_injective h3)

theorem encExt_injective {as bs : List Ext4} (h : encExt as = encExt bs) : as = bs := by
  have h' : (as.flatMap extWords).flatMap le32 = (bs.flatMap extWords).flatMap le32 := by
    simpa [encExt, List.flatMap_assoc] using h
  have hw := flatMap_le32_injective h'
  clear h h'
  induction as generalizing bs with
  | nil => cases bs with
    | nil => rfl
    | cons b _ => simp [extWords] at hw
  | cons a as ih => cases bs with
    | nil => simp [extWords] at hw
    | cons b bs =>
      simp only [List.flatMap_cons] at hw
      obtain ⟨hab, hrest⟩ := List.append_inj hw (by simp [extWords])
      rw [extWords_injective hab, ih hrest]

theorem encCap_injective {as bs : List Digest} (h : encCap as = encCap bs) : as = bs := by
  induction as generalizing bs with
  | nil => cases bs with
    | nil => rfl
    | cons b _ => simp [encCap] at h; have := b.length_bytes; simp [h] at this
  | cons a as ih => cases bs with
    | nil =>
      simp [encCap] at h; have := a.length_bytes; simp [h.1] at this
    | cons b bs =>
      simp only [encCap, List.flatMap_cons] at h
      obtain ⟨hab, hrest⟩ := List.append_inj h (by rw [a.length_bytes, b.length_bytes])
      rw [Digest.ext hab, ih hrest]

theorem le64_injective {a b : UInt64} (h : le64 a = le64 b) : a = b := by
  simp only [le64, List.cons.injEq] at h
  obtain ⟨h0, h1, h2, h3, h4, h5, h6, h7, -⟩ := h
  have e0 := congrArg UInt8.toNat h0
  have e1 := congrArg UInt8.toNat h1
  have e2 := congrArg UInt8.toNat h2
  have e3 := congrArg UInt8.toNat h3
  have e4 := congrArg UInt8.toNat h4
  have e5 := congrArg UInt8.toNat h5
  have e6 := congrArg UInt8.toNat h6
  have e7 := congrArg UInt8.toNat h7
  simp [UInt64.toNat_toUInt8, UInt64.toNat_shiftRight, Nat.shiftRight_eq_div_pow] at e0 e1 e2 e3 e4 e5 e6 e7
  apply UInt64.toNat_inj.mp
  have ha := a.toNat_lt
  have hb := b.toNat_lt
  omega

end Zkvm.Stark

end
