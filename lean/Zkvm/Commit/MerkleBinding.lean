module

public import Zkvm.Commit.Merkle

/-!
# Binding of Merkle openings

Two different openings of the same leaf index that both verify against the same root (with
paths of the same length, i.e. the same tree height) yield an explicit collision of `H`:
`findCollision` computes two distinct byte strings with the same hash, and
`findCollision_of_verifyPath` proves that it does. Openings "differ" if their leaf values
differ or their paths do. `merkle_binding` states the binding property of the commitment for
the verifier's check `verifyOpening` (tree height known to the verifier): different leaf
values at the same index give a collision.

So for SHA3-256 a second valid opening is as hard to find as a SHA3-256 collision (that
SHA3-256 is collision resistant is a cryptographic assumption, not something proved here; in
Lean `H` is an arbitrary function); and for an injective `H` openings are unique
(`verifyOpening_unique_of_injective`).

The extractor walks up both authentication paths together, comparing the byte strings hashed
at each level: the first level where they differ but hash to the same digest is the
collision. Such a level exists because the inputs differ at some level (the leaf encodings
if the values differ, otherwise the node encodings where the paths first differ), and from
a level where the inputs differ but the hashes do not collide, the hashes differ, so the
inputs one level up differ too (digest concatenation is injective); at the top the hashes are
both the root.
-/

public section

-- Nothing here is run natively (see `Zkvm.Commit.Encoding`); the kernel evaluates it.
noncomputable section

namespace Zkvm.Commit

variable (H : List UInt8 → Digest)

/-- `x` and `y` are a collision of `H`. -/
@[expose] def IsCollision (x y : List UInt8) : Prop := x ≠ y ∧ H x = H y

/-- Walk up two authentication paths of the same index `i` together, from the byte strings
`x`, `y` hashed at the current level; return the first pair of inputs that collide. -/
@[expose] def findCollisionFrom : List UInt8 → List UInt8 → Nat → List Digest → List Digest →
    Option (List UInt8 × List UInt8)
  | x, y, i, s₁ :: p₁, s₂ :: p₂ =>
    if x ≠ y ∧ H x = H y then some (x, y)
    else findCollisionFrom (stepInput i (H x) s₁) (stepInput i (H y) s₂) (i / 2) p₁ p₂
  | x, y, _, _, _ => if x ≠ y ∧ H x = H y then some (x, y) else none

/-- The collision extractor: from two openings `(vals₁, path₁)`, `(vals₂, path₂)` of leaf
`i`, a pair of distinct byte strings with the same hash (see `findCollision_of_verifyPath`). -/
@[expose] def findCollision (i : Nat) (vals₁ : List UInt32) (path₁ : List Digest)
    (vals₂ : List UInt32) (path₂ : List Digest) : Option (List UInt8 × List UInt8) :=
  findCollisionFrom H (leafInput vals₁) (leafInput vals₂) i path₁ path₂

/-- With the same orientation, the input hashed one level up determines both children. -/
theorem stepInput_injective {i : Nat} {a s a' s' : Digest}
    (h : stepInput i a s = stepInput i a' s') : a = a' ∧ s = s' := by
  unfold stepInput at h
  split at h
  · exact nodeInput_injective h
  · exact (nodeInput_injective h).symm

theorem climb_nil (cur : Digest) (i : Nat) : climb H cur i [] = cur := rfl

theorem climb_cons (cur : Digest) (i : Nat) (sib : Digest) (path : List Digest) :
    climb H cur i (sib :: path) = climb H (H (stepInput i cur sib)) (i / 2) path := rfl

/-- The extractor's invariant: climbs from hash inputs `x`, `y` along equally long paths that
end at the same digest, where the inputs or the paths differ, contain a collision, and
`findCollisionFrom` returns it. -/
theorem findCollisionFrom_spec : ∀ (p₁ p₂ : List Digest) (x y : List UInt8) (i : Nat),
    p₁.length = p₂.length → climb H (H x) i p₁ = climb H (H y) i p₂ → (x ≠ y ∨ p₁ ≠ p₂) →
    ∃ a b, findCollisionFrom H x y i p₁ p₂ = some (a, b) ∧ IsCollision H a b
  | [], [], x, y, i, _, htop, hdiff => by
    have hxy : x ≠ y := by simpa using hdiff
    have hH : H x = H y := by simpa [climb_nil] using htop
    exact ⟨x, y, by simp [findCollisionFrom, hxy, hH], hxy, hH⟩
  | [], _ :: _, _, _, _, hlen, _, _ => by simp at hlen
  | _ :: _, [], _, _, _, hlen, _, _ => by simp at hlen
  | s₁ :: p₁, s₂ :: p₂, x, y, i, hlen, htop, hdiff => by
    by_cases hc : x ≠ y ∧ H x = H y
    · exact ⟨x, y, by rw [findCollisionFrom, if_pos hc], hc⟩
    · rw [findCollisionFrom, if_neg hc]
      apply findCollisionFrom_spec p₁ p₂
      · simpa using hlen
      · simpa [climb_cons] using htop
      · by_cases hxy : x = y
        · -- same input here, so the paths differ: at this sibling or further up
          subst hxy
          by_cases hs : s₁ = s₂
          · subst hs
            right
            intro hp
            subst hp
            simp at hdiff
          · left
            intro heq
            exact hs (stepInput_injective heq).2
        · -- different inputs that do not collide hash to different digests
          left
          intro heq
          exact hc ⟨hxy, (stepInput_injective heq).1⟩

/-- An accepted opening climbs from its leaf hash to the root. -/
theorem climb_eq_of_verifyPath {root : Digest} {i : Nat} {vals : List UInt32}
    {path : List Digest} (h : verifyPath H root i vals path = true) :
    climb H (H (leafInput vals)) i path = root := by
  simp only [verifyPath, Bool.and_eq_true, decide_eq_true_eq] at h
  exact h.2

/-- **Extraction.** Two accepted openings of the same leaf index, against the same root and
with paths of the same length, that differ in their values or their paths, give a collision
of `H`, computed by `findCollision`. -/
theorem findCollision_of_verifyPath {root : Digest} {i : Nat}
    {vals₁ vals₂ : List UInt32} {path₁ path₂ : List Digest}
    (h₁ : verifyPath H root i vals₁ path₁ = true) (h₂ : verifyPath H root i vals₂ path₂ = true)
    (hlen : path₁.length = path₂.length) (hdiff : vals₁ ≠ vals₂ ∨ path₁ ≠ path₂) :
    ∃ x y, findCollision H i vals₁ path₁ vals₂ path₂ = some (x, y) ∧ IsCollision H x y := by
  apply findCollisionFrom_spec H path₁ path₂ _ _ i hlen
  · rw [climb_eq_of_verifyPath H h₁, climb_eq_of_verifyPath H h₂]
  · rcases hdiff with hv | hp
    · exact Or.inl (fun h => hv (leafInput_injective h))
    · exact Or.inr hp

theorem verifyPath_of_verifyOpening {root : Digest} {depth i : Nat} {vals : List UInt32}
    {path : List Digest} (h : verifyOpening H root depth i vals path = true) :
    path.length = depth ∧ verifyPath H root i vals path = true := by
  simpa only [verifyOpening, Bool.and_eq_true, decide_eq_true_eq] using h

/-- **Binding.** Two openings of the same leaf index with different leaf values, both
accepted by the verifier against the same root and tree height, give two distinct inputs
with the same `H` output, computed by `findCollision`. -/
theorem merkle_binding {root : Digest} {depth i : Nat}
    {vals₁ vals₂ : List UInt32} {path₁ path₂ : List Digest}
    (h₁ : verifyOpening H root depth i vals₁ path₁ = true)
    (h₂ : verifyOpening H root depth i vals₂ path₂ = true) (hne : vals₁ ≠ vals₂) :
    ∃ x y, findCollision H i vals₁ path₁ vals₂ path₂ = some (x, y) ∧ x ≠ y ∧ H x = H y := by
  obtain ⟨hl₁, hv₁⟩ := verifyPath_of_verifyOpening H h₁
  obtain ⟨hl₂, hv₂⟩ := verifyPath_of_verifyOpening H h₂
  exact findCollision_of_verifyPath H hv₁ hv₂ (hl₁.trans hl₂.symm) (Or.inl hne)

/-- For an injective `H` (no collisions at all) an accepted opening is unique: the root and
the tree height determine the leaf values and the path at every index. -/
theorem verifyOpening_unique_of_injective (hH : ∀ x y, H x = H y → x = y) {root : Digest}
    {depth i : Nat} {vals₁ vals₂ : List UInt32} {path₁ path₂ : List Digest}
    (h₁ : verifyOpening H root depth i vals₁ path₁ = true)
    (h₂ : verifyOpening H root depth i vals₂ path₂ = true) : vals₁ = vals₂ ∧ path₁ = path₂ := by
  obtain ⟨hl₁, hv₁⟩ := verifyPath_of_verifyOpening H h₁
  obtain ⟨hl₂, hv₂⟩ := verifyPath_of_verifyOpening H h₂
  apply Classical.byContradiction
  intro hne
  have hdiff : vals₁ ≠ vals₂ ∨ path₁ ≠ path₂ := by
    by_cases hv : vals₁ = vals₂
    · exact Or.inr (fun hp => hne ⟨hv, hp⟩)
    · exact Or.inl hv
  obtain ⟨x, y, _, hxy, hH'⟩ :=
    findCollision_of_verifyPath H hv₁ hv₂ (hl₁.trans hl₂.symm) hdiff
  exact hxy (hH x y hH')

/-! ## The extractor at work

A deliberately weak hash, `lengthHash`, maps every input to 32 copies of its length (mod
256), so all leaves with the same number of values collide, and so do all inner nodes. The
kernel runs `findCollision` on two forged openings of a tree of height 1. -/

/-- A hash that only looks at the input length. -/
@[expose] def lengthHash (x : List UInt8) : Digest :=
  ⟨List.replicate 32 (UInt8.ofNat x.length), by simp⟩

/-- Different leaf values: the collision is found at the leaves. -/
example :
    findCollision lengthHash 0 [1] [lengthHash [7]] [2] [lengthHash [8]] =
      some (leafInput [1], leafInput [2]) := by decide

/-- Same leaf values, different siblings: the collision is found one level up. -/
example :
    findCollision lengthHash 1 [5] [lengthHash [7]] [5] [lengthHash [8, 9]] =
      some (nodeInput (lengthHash [7]) (lengthHash (leafInput [5])),
            nodeInput (lengthHash [8, 9]) (lengthHash (leafInput [5]))) := by decide

/-- Both forged openings of the second example are accepted against the same root. -/
example :
    verifyPath lengthHash (nodeHash lengthHash (lengthHash [7]) (leafHash lengthHash [5]))
        1 [5] [lengthHash [7]] = true ∧
      verifyPath lengthHash (nodeHash lengthHash (lengthHash [7]) (leafHash lengthHash [5]))
        1 [5] [lengthHash [8, 9]] = true := by decide

end Zkvm.Commit
