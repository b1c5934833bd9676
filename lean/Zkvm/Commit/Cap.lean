module

public import Zkvm.Commit.MerkleBinding
public import Zkvm.Commit.MerkleCompleteness

/-!
# Merkle caps: openings, binding, completeness

The verifier commits to a tree of `2^depth` leaves by its **cap**: the `2^c` nodes of the
level `c = min(logCap, depth)` below the root, left to right (`c = 0` is the root alone,
`c = depth` the leaf hashes). An opening of leaf `i` carries the `depth - c` siblings below the
cap and ends at cap node `i / 2^(depth - c)` (`docs/protocol.md`; Rust
`crate::commit::merkle::verify_cap_opening`, refined in `Zkvm.Refinement.commit.merkle_cap`).

* `verifyCapOpening H cap depth logCap i vals path`: the verifier's check.
* `verifyCapOpening_root`: with cap height 0 the cap is the root and the check is
  `verifyOpening`, the root opening of `Zkvm.Commit.Merkle`.
* `cap_binding`: two accepted openings of the same index against the same cap with different
  leaf values give a collision of `H`, computed by the same extractor `findCollision` as for
  roots (`merkle_binding`).
* `verifyCapOpening_capPath`: the honest cap `capOf` of a tree and the honest path `capPath`
  (the first `depth - c` siblings of the root path) are accepted at every leaf.
-/

public section

noncomputable section

namespace Zkvm.Commit

variable (H : List UInt8 → Digest)

/-- The cap height of a tree of `2^depth` leaves when the protocol asks for `logCap`:
`min(logCap, depth)` (Rust `cap_height`). -/
@[expose] def capHeight (depth logCap : Nat) : Nat := if logCap < depth then logCap else depth

/-- The verifier's check of a cap opening: the path has one sibling per level below the cap,
the cap has `2^c` nodes, the index is a leaf of the tree, and climbing from the leaf hash of
`vals` along `path` ends at cap node `i / 2^(depth - c)`. -/
@[expose] def verifyCapOpening (cap : List Digest) (depth logCap i : Nat) (vals : List UInt32)
    (path : List Digest) : Bool :=
  decide (path.length = depth - capHeight depth logCap) &&
    decide (cap.length = 2 ^ capHeight depth logCap) && decide (i < 2 ^ depth) &&
    decide (cap[i / 2 ^ (depth - capHeight depth logCap)]? =
      some (climb H (leafHash H vals) i path))

/-- The level `b` steps above the given one. -/
@[expose] def levelUp : Nat → List Digest → List Digest
  | 0, ds => ds
  | b + 1, ds => levelUp b (pairUp H ds)

/-- The honest cap of height `min(logCap, height)` of the tree with the given leaves. -/
@[expose] def capOf (leaves : List (List UInt32)) (logCap : Nat) : List Digest :=
  levelUp H (height leaves - capHeight (height leaves) logCap) (leaves.map (leafHash H))

/-- The honest cap opening path of leaf `i`: the siblings below the cap. -/
@[expose] def capPath (leaves : List (List UInt32)) (logCap i : Nat) : List Digest :=
  layerPath H (height leaves - capHeight (height leaves) logCap) (leaves.map (leafHash H)) i

theorem capHeight_le (depth logCap : Nat) : capHeight depth logCap ≤ depth := by
  unfold capHeight; split <;> omega

theorem capHeight_zero (depth : Nat) : capHeight depth 0 = 0 := by
  unfold capHeight; split <;> omega

/-- **Cap height 0 is the root.** The cap check against the one-node cap `[root]` is the root
opening check `verifyOpening`. -/
theorem verifyCapOpening_root (root : Digest) (depth i : Nat) (vals : List UInt32)
    (path : List Digest) :
    verifyCapOpening H [root] depth 0 i vals path = verifyOpening H root depth i vals path := by
  simp only [verifyCapOpening, verifyOpening, verifyPath, capHeight_zero, Nat.sub_zero,
    List.length_singleton, Nat.pow_zero, decide_true, Bool.and_true]
  by_cases hl : path.length = depth
  · subst hl
    by_cases hi : i < 2 ^ path.length
    · have h0 : i / 2 ^ path.length = 0 := Nat.div_eq_of_lt hi
      simp only [hi, h0, decide_true, Bool.true_and, List.getElem?_cons_zero, Option.some.injEq]
      by_cases hc : climb H (leafHash H vals) i path = root
      · simp [hc]
      · simp [hc, Ne.symm hc]
    · simp [hi]
  · simp [hl]

/-- An accepted cap opening: the path length, the cap size, the index bound, and the climb
ending at the cap node. -/
theorem of_verifyCapOpening {cap : List Digest} {depth logCap i : Nat} {vals : List UInt32}
    {path : List Digest} (h : verifyCapOpening H cap depth logCap i vals path = true) :
    path.length = depth - capHeight depth logCap ∧ cap.length = 2 ^ capHeight depth logCap ∧
      i < 2 ^ depth ∧
      cap[i / 2 ^ (depth - capHeight depth logCap)]? = some (climb H (leafHash H vals) i path) := by
  simpa only [verifyCapOpening, Bool.and_eq_true, decide_eq_true_eq, and_assoc] using h

/-- **Binding of caps.** Two openings of the same leaf index with different leaf values, both
accepted against the same cap (same tree height and cap height), give two distinct inputs with
the same `H` output, computed by `findCollision`. -/
theorem cap_binding {cap : List Digest} {depth logCap i : Nat}
    {vals₁ vals₂ : List UInt32} {path₁ path₂ : List Digest}
    (h₁ : verifyCapOpening H cap depth logCap i vals₁ path₁ = true)
    (h₂ : verifyCapOpening H cap depth logCap i vals₂ path₂ = true) (hne : vals₁ ≠ vals₂) :
    ∃ x y, findCollision H i vals₁ path₁ vals₂ path₂ = some (x, y) ∧ x ≠ y ∧ H x = H y := by
  obtain ⟨hl₁, -, -, hc₁⟩ := of_verifyCapOpening H h₁
  obtain ⟨hl₂, -, -, hc₂⟩ := of_verifyCapOpening H h₂
  have htop : climb H (H (leafInput vals₁)) i path₁ = climb H (H (leafInput vals₂)) i path₂ := by
    have := hc₁.symm.trans hc₂
    simpa [leafHash] using this
  exact findCollisionFrom_spec H path₁ path₂ _ _ i (hl₁.trans hl₂.symm) htop
    (Or.inl (fun h => hne (leafInput_injective h)))

theorem length_levelUp : ∀ (b c : Nat) (ds : List Digest),
    ds.length = 2 ^ (b + c) → (levelUp H b ds).length = 2 ^ c
  | 0, c, ds, h => by simpa [levelUp] using h
  | b + 1, c, ds, h => by
    have h' : ds.length = 2 * 2 ^ (b + c) := by
      rw [h, show b + 1 + c = (b + c) + 1 by omega, Nat.pow_succ]; omega
    exact length_levelUp b c (pairUp H ds) (length_pairUp H _ ds h')

/-- Climbing `b` levels from entry `i` along its honest path reaches entry `i / 2^b` of the
level `b` steps up. -/
theorem climb_layerPath_levelUp : ∀ (b c : Nat) (ds : List Digest) (i : Nat) (d : Digest),
    ds.length = 2 ^ (b + c) → ds[i]? = some d →
      (levelUp H b ds)[i / 2 ^ b]? = some (climb H d i (layerPath H b ds i))
  | 0, c, ds, i, d, _, hd => by simpa [levelUp, layerPath, climb] using hd
  | b + 1, c, ds, i, d, hlen, hd => by
    have h' : ds.length = 2 * 2 ^ (b + c) := by
      rw [hlen, show b + 1 + c = (b + c) + 1 by omega, Nat.pow_succ]; omega
    have ih := climb_layerPath_levelUp b c (pairUp H ds) (i / 2) _ (length_pairUp H _ ds h')
      (getElem?_pairUp_parent H ds _ i d h' hd)
    simp only [levelUp, layerPath, climb]
    rw [show i / 2 ^ (b + 1) = i / 2 / 2 ^ b by
      rw [Nat.div_div_eq_div_mul, Nat.pow_succ, Nat.mul_comm]]
    exact ih

/-- **Completeness of caps.** In a tree of `2^k` leaves, the honest path of every leaf is
accepted against the honest cap, for every cap height asked for. -/
theorem verifyCapOpening_capPath (leaves : List (List UInt32)) (k logCap i : Nat)
    (hlen : leaves.length = 2 ^ k) (hi : i < leaves.length) :
    verifyCapOpening H (capOf H leaves logCap) k logCap i leaves[i] (capPath H leaves logCap i) =
      true := by
  have hk := height_eq hlen
  have hc := capHeight_le k logCap
  have hsplit : (leaves.map (leafHash H)).length =
      2 ^ ((k - capHeight k logCap) + capHeight k logCap) := by
    simp [hlen, show k - capHeight k logCap + capHeight k logCap = k by omega]
  have hmap : (leaves.map (leafHash H))[i]? = some (leafHash H leaves[i]) := by
    simp [List.getElem?_eq_getElem hi]
  simp only [verifyCapOpening, capOf, capPath, hk, Bool.and_eq_true, decide_eq_true_eq]
  exact ⟨⟨⟨length_layerPath H _ _ _, length_levelUp H _ _ _ hsplit⟩, by omega⟩,
    climb_layerPath_levelUp H _ _ _ i _ hsplit hmap⟩

/-- A level of `2^k` digests, `k` levels up, is its root alone. -/
theorem levelUp_eq_layerRoot : ∀ (k : Nat) (ds : List Digest),
    ds.length = 2 ^ k → levelUp H k ds = [layerRoot H k ds]
  | 0, ds, hlen => by
    match ds, hlen with
    | [e], _ => rfl
  | k + 1, ds, hlen => by
    have h' : ds.length = 2 * 2 ^ k := by rw [hlen, Nat.pow_succ]; omega
    simp only [levelUp, layerRoot]
    exact levelUp_eq_layerRoot k (pairUp H ds) (length_pairUp H _ ds h')

/-- The honest cap of height 0 is the root alone. -/
theorem capOf_zero (leaves : List (List UInt32)) (k : Nat) (hlen : leaves.length = 2 ^ k) :
    capOf H leaves 0 = [root H leaves] := by
  have hk := height_eq hlen
  simp only [capOf, root, hk, capHeight_zero, Nat.sub_zero]
  exact levelUp_eq_layerRoot H k _ (by simp [hlen])

end Zkvm.Commit
