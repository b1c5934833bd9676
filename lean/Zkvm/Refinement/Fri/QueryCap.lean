module

public import Zkvm.Refinement.Fri.Query
public import Zkvm.Refinement.Commit.MerkleCap

/-!
# One FRI query with its cap openings

`Zkvm.Refinement.fri.verify_fri_query_spec` takes each layer's Merkle check as the extracted
`verify_cap_opening` (`capCheck`). Here that check is replaced by the spec's cap opening
`Zkvm.Commit.verifyCapOpening` (whose binding theorem is `Zkvm.Commit.cap_binding`): with the
hash `bytesOf H`, the layer commitments a list of caps and every step's path a list of digests,
the extracted query check returns `friQuery (capSpec H caps paths lch)`, and it never panics.
No hypothesis about the Merkle check remains.

The spec's query only calls its Merkle check on well-formed arguments (a layer depth below 64,
a leaf index inside the layer, at most `4·2^31` values): `friQuery_congr` shows that two checks
agreeing there give the same verdict.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.fri

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Spec Zkvm.Commit
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.commit.merkle (bytesOf)
open Zkvm.Refinement.field.extension (toExt)

/-- The arguments on which the spec's query calls its Merkle check. -/
def WellFormed (depth leaf : Nat) (values : List BabyBear) : Prop :=
  depth < 64 ∧ leaf < 2 ^ depth ∧ values.length < 2 ^ 34

/-- Two Merkle checks that agree on well-formed arguments. -/
def AgreeWF (capOk capOk' : Nat → Nat → Nat → List BabyBear → Bool) : Prop :=
  ∀ r d l v, WellFormed d l v → capOk r d l v = capOk' r d l v

/-- The state invariant of a query: a layer below `2^64` points, the position inside it. -/
def StateOk (s : FriState) : Prop := s.logSize < 64 ∧ s.position < 2 ^ s.logSize

theorem friRound_congr {capOk capOk' : Nat → Nat → Nat → List BabyBear → Bool}
    (hag : AgreeWF capOk capOk') (deep : List (Nat × Ext4)) (r : Nat) (β : Ext4)
    (siblings : List Ext4) (k : Nat) (s : FriState) (hs : StateOk s) :
    friRound capOk deep r β siblings k s = friRound capOk' deep r β siblings k s ∧
      ∀ s', friRound capOk deep r β siblings k s = .ok s' → StateOk s' := by
  unfold friRound
  dsimp only
  by_cases h1 : k = 0 ∨ 32 ≤ k ∨ s.logSize < k
  · simp only [if_pos h1]; exact ⟨trivial, fun _ h => nomatch h⟩
  simp only [if_neg h1]
  by_cases h2 : siblings.length ≠ 2 ^ k - 1
  · simp only [if_pos h2]; exact ⟨trivial, fun _ h => nomatch h⟩
  simp only [if_neg h2]
  have hk : 0 < k ∧ k < 32 ∧ k ≤ s.logSize := by omega
  have hpow : 2 ^ s.logSize = 2 ^ (s.logSize - k) * 2 ^ k := by
    rw [← Nat.pow_add, show s.logSize - k + k = s.logSize by omega]
  have hleaf : s.position / 2 ^ k < 2 ^ (s.logSize - k) := by
    rw [Nat.div_lt_iff_lt_mul (Nat.two_pow_pos _), ← hpow]; exact hs.2
  have hwf : WellFormed (s.logSize - k) (s.position / 2 ^ k)
      (leafValues (queryCoset siblings (s.position % 2 ^ k) s.current)) := by
    refine ⟨by have := hs.1; omega, hleaf, ?_⟩
    rw [length_leafValues]
    simp only [queryCoset, List.length_append, List.length_take, List.length_cons,
      List.length_drop]
    have : 2 ^ k ≤ 2 ^ 31 := Nat.pow_le_pow_right (by omega) (by omega)
    omega
  simp only [hag _ _ _ _ hwf]
  refine ⟨trivial, ?_⟩
  intro s' h
  have hok : StateOk ⟨0, 0, s.logSize - k, s.position / 2 ^ k, 0⟩ :=
    ⟨by show s.logSize - k < 64; have := hs.1; omega, hleaf⟩
  split at h
  · exact nomatch h
  · split at h
    · split at h <;> (cases h; exact hok)
    · cases h; exact hok

theorem friRounds_congr {capOk capOk' : Nat → Nat → Nat → List BabyBear → Bool}
    (hag : AgreeWF capOk capOk') (deep : List (Nat × Ext4)) (betas : List Ext4)
    (siblings : List (List Ext4)) (logArities : List Nat) :
    ∀ (n : Nat) (s : FriState), StateOk s →
      friRounds capOk deep betas siblings logArities n s =
        friRounds capOk' deep betas siblings logArities n s ∧
      ∀ s', friRounds capOk deep betas siblings logArities n s = .ok s' → StateOk s'
  | 0, s, hs => ⟨rfl, fun s' h => by simp [friRounds] at h; cases h; exact hs⟩
  | n + 1, s, hs => by
    obtain ⟨ih, ihs⟩ := friRounds_congr hag deep betas siblings logArities n s hs
    rw [friRounds_succ, friRounds_succ, ← ih]
    cases hr : friRounds capOk deep betas siblings logArities n s with
    | error e => exact ⟨rfl, fun _ h => nomatch h⟩
    | ok t =>
      have ht := ihs t hr
      obtain ⟨e, et⟩ := friRound_congr hag deep n (betas.getD n 0) (siblings.getD n [])
        (logArities.getD n 0) t ht
      exact ⟨e, fun s' h => et s' h⟩

/-- **The query only looks at well-formed Merkle checks**: two checks agreeing on well-formed
arguments give the same verdict. -/
theorem friQuery_congr {capOk capOk' : Nat → Nat → Nat → List BabyBear → Bool}
    (hag : AgreeWF capOk capOk') (numCommitments : Nat) (betas : List Ext4)
    (siblings : List (List Ext4)) (finalPoly : List Ext4) (logArities : List Nat)
    (logMax index : Nat) (deep : List (Nat × Ext4)) :
    friQuery capOk numCommitments betas siblings finalPoly logArities logMax index deep =
      friQuery capOk' numCommitments betas siblings finalPoly logArities logMax index deep := by
  unfold friQuery
  split
  · rfl
  · split
    · rfl
    · rename_i d0 rest
      split
      · rfl
      · rename_i hlm
        split
        · rfl
        · rename_i hidx
          have hs : StateOk ⟨d0.2, 0, logMax, index, 1⟩ := by
            refine ⟨by show logMax < 64; omega, ?_⟩
            show index < 2 ^ logMax
            have : index / 2 ^ logMax = 0 := by omega
            exact (Nat.div_eq_zero_iff_lt (Nat.two_pow_pos _)).mp this
          rw [(friRounds_congr hag (d0 :: rest) betas siblings logArities _ _ hs).1]

/-- The spec's Merkle check of round `r`: the cap opening of the leaf's values (as `u32`s)
against round `r`'s cap, with round `r`'s path. -/
def capSpec (H : List UInt8 → Digest) (caps paths : List (List Digest)) (logCap : Nat)
    (r depth leaf : Nat) (values : List BabyBear) : Bool :=
  match caps[r]?, paths[r]? with
  | some c, some p => verifyCapOpening H c depth logCap leaf (values.map toU32) p
  | _, _ => false

/-- On well-formed arguments the extracted Merkle check of a round is the spec's cap opening. -/
theorem capCheck_agree (H : List UInt8 → Digest) (caps paths : List (List Digest))
    (steps : List protocol.proof.FriQueryStep) (lch : UInt32)
    (hpl : paths.length = steps.length)
    (hpath : ∀ r (h : r < steps.length), steps[r].path = (paths[r]'(by omega)).map Digest.bytes)
    (hcaps : ∀ c ∈ caps, c.length < 2 ^ 64) (hpaths : ∀ p ∈ paths, p.length < 2 ^ 64) :
    AgreeWF (capCheck (bytesOf H) (caps.map (fun c => c.map Digest.bytes)) steps lch)
      (capSpec H caps paths lch.toNat) := by
  intro r d l v ⟨hd, hl, hv⟩
  have hdl : l < 2 ^ 64 :=
    Nat.lt_of_lt_of_le hl (Nat.pow_le_pow_right (by omega) (by omega))
  unfold capCheck capSpec
  by_cases hrc : r < caps.length
  · by_cases hrs : r < steps.length
    · have hrp : r < paths.length := by omega
      rw [List.getElem?_eq_getElem (by simpa using hrc), List.getElem?_eq_getElem hrs,
        List.getElem?_eq_getElem hrc, List.getElem?_eq_getElem hrp]
      dsimp only
      rw [List.getElem_map, hpath r hrs,
        Zkvm.Refinement.commit.merkle_cap.verify_cap_opening_spec H _ _ _ _ _ _
          (by rw [List.length_map]; omega) (hpaths _ (List.getElem_mem _))
          (hcaps _ (List.getElem_mem _))]
      have e1 : (UInt64.ofNat d).toNat = d :=
        UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
      have e2 : (UInt64.ofNat l).toNat = l :=
        UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
      simp only [e1, e2, UInt32.toNat_toUInt64, hd, decide_true, Bool.true_and]
    · rw [show steps[r]? = none from List.getElem?_eq_none (by omega),
        show paths[r]? = none from List.getElem?_eq_none (by omega)]
      cases (caps.map (fun c => c.map Digest.bytes))[r]? <;> cases caps[r]? <;> rfl
  · rw [show (caps.map (fun c => c.map Digest.bytes))[r]? = none from
        List.getElem?_eq_none (by simp; omega),
      show caps[r]? = none from List.getElem?_eq_none (by omega)]

/-- **`verify_fri_query` with its cap openings**: with the hash `bytesOf H`, the layer
commitments caps of digests and each step's path a list of digests, the extracted query check
returns the verdict of `friQuery` whose Merkle check is the spec's cap opening (`capSpec`), for
a largest domain of at most `2^27` points; it never panics. -/
theorem verify_fri_query_cap_spec (H : List UInt8 → Digest) (caps paths : List (List Digest))
    (betas : List Ext4) (steps : List protocol.proof.FriQueryStep) (sibs : List (List Ext4))
    (finalPoly : List Ext4) (log_arities : List UInt32) (log_max lch : UInt32) (index : UInt64)
    (deep : List (UInt32 × Ext4))
    (hsl : steps.length = sibs.length) (hpl : paths.length = steps.length)
    (hsib : ∀ r (h : r < steps.length), steps[r].siblings = (sibs[r]'(by omega)).map toExt)
    (hpath : ∀ r (h : r < steps.length), steps[r].path = (paths[r]'(by omega)).map Digest.bytes)
    (hcaps : ∀ c ∈ caps, c.length < 2 ^ 64) (hpaths : ∀ p ∈ paths, p.length < 2 ^ 64)
    (hmax : log_max.toNat ≤ 27)
    (hc64 : caps.length < 2 ^ 64) (hs64 : steps.length < 2 ^ 64)
    (hb64 : betas.length < 2 ^ 64) (ha64 : log_arities.length < 2 ^ 64)
    (hd64 : deep.length < 2 ^ 64) (hf64 : finalPoly.length < 2 ^ 64)
    (hsib64 : ∀ r (h : r < sibs.length), (sibs[r]'h).length < 2 ^ 64) :
    fri.verify_fri_query (bytesOf H) (caps.map (fun c => c.map Digest.bytes)) (betas.map toExt)
        steps (finalPoly.map toExt) log_arities log_max lch index (deep.map toDeep) =
      .ok ((friQuery (capSpec H caps paths lch.toNat) caps.length betas sibs
        finalPoly (log_arities.map UInt32.toNat) log_max.toNat index.toNat
        (deep.map fun d => (d.1.toNat, d.2))).mapError toVerifyError) := by
  have hcap : ∀ r (h : r < (caps.map (fun c => c.map Digest.bytes)).length)
      (h' : r < steps.length) (d i : UInt64) (v : List UInt32), 4 * v.length + 1 < 2 ^ 64 →
      ∃ b, commit.merkle.verify_cap_opening (bytesOf H)
        (caps.map (fun c => c.map Digest.bytes))[r] d lch.toUInt64 i v steps[r].path = .ok b := by
    intro r h h' d i v hv
    have hrc : r < caps.length := by simpa using h
    rw [List.getElem_map, hpath r h']
    exact ⟨_, Zkvm.Refinement.commit.merkle_cap.verify_cap_opening_spec H _ _ _ _ _ _ hv
      (hpaths _ (List.getElem_mem _)) (hcaps _ (List.getElem_mem _))⟩
  rw [verify_fri_query_spec (bytesOf H) _ betas steps sibs finalPoly log_arities log_max lch index
    deep hsl hsib hcap hmax (by simpa using hc64) hs64 hb64 ha64 hd64 hf64 hsib64, List.length_map,
    friQuery_congr (capCheck_agree H caps paths steps lch hpl hpath hcaps hpaths)]

end Zkvm.Refinement.fri
