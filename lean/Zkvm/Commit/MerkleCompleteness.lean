module

public import Zkvm.Commit.Merkle

/-!
# Completeness of Merkle openings

The honest authentication path of every leaf of a tree of `2^k` leaves is accepted by
`verifyPath`/`verifyOpening` against the tree's root (`verifyPath_openPath`,
`verifyOpening_openPath`), for every hash function `H`.
Also: the path has length `k`, and `buildTree` has `k + 1` levels, the last being the root.
-/

public section

namespace Zkvm.Commit

variable (H : List UInt8 → Digest)

theorem length_pairUp : ∀ (m : Nat) (ds : List Digest),
    ds.length = 2 * m → (pairUp H ds).length = m
  | 0, [], _ => rfl
  | 0, _ :: _, h => by simp at h
  | m + 1, [], h => by simp at h; omega
  | m + 1, [_], h => by simp at h; omega
  | m + 1, l :: r :: rest, h => by
    have hrest : rest.length = 2 * m := by simp at h; omega
    simp [pairUp, length_pairUp m rest hrest]

/-- Entry `j` of the next level up hashes entries `2j` and `2j + 1`. -/
theorem getElem?_pairUp : ∀ (j : Nat) (ds : List Digest) (a b : Digest),
    ds[2 * j]? = some a → ds[2 * j + 1]? = some b → (pairUp H ds)[j]? = some (nodeHash H a b)
  | _, [], _, _, ha, _ => by simp at ha
  | _, [_], _, _, _, hb => by simp at hb
  | 0, l :: r :: rest, a, b, ha, hb => by
    simp at ha hb
    simp [pairUp, ha, hb]
  | j + 1, l :: r :: rest, a, b, ha, hb => by
    have e1 : 2 * (j + 1) = 2 * j + 1 + 1 := by omega
    have e2 : 2 * (j + 1) + 1 = 2 * j + 1 + 1 + 1 := by omega
    rw [e1] at ha
    rw [e2] at hb
    simp only [List.getElem?_cons_succ] at ha hb
    simp only [pairUp, List.getElem?_cons_succ]
    exact getElem?_pairUp j rest a b ha hb

theorem length_layerPath : ∀ (k : Nat) (ds : List Digest) (i : Nat),
    (layerPath H k ds i).length = k
  | 0, _, _ => rfl
  | k + 1, ds, i => by simp [layerPath, length_layerPath k]

/-- The parent of entry `i` of a level of even length is entry `i / 2` of the next level up:
the hash of the step from `i` with its sibling. -/
theorem getElem?_pairUp_parent (ds : List Digest) (m i : Nat) (d : Digest)
    (hlen : ds.length = 2 * m) (hd : ds[i]? = some d) :
    (pairUp H ds)[i / 2]? = some (H (stepInput i d ((ds[siblingIndex i]?).getD default))) := by
  have hi : i < ds.length := by
    rcases List.getElem?_eq_some_iff.mp hd with ⟨h, _⟩
    exact h
  by_cases heven : i % 2 = 0
  · have hsib : i + 1 < ds.length := by omega
    have h0 : ds[2 * (i / 2)]? = some d := by
      rw [show 2 * (i / 2) = i by omega]; exact hd
    have h1 : ds[2 * (i / 2) + 1]? = some ds[i + 1] := by
      rw [show 2 * (i / 2) + 1 = i + 1 by omega]; exact List.getElem?_eq_getElem hsib
    rw [getElem?_pairUp H (i / 2) ds d ds[i + 1] h0 h1]
    simp [siblingIndex, stepInput, heven, nodeHash, List.getElem?_eq_getElem hsib]
  · have hsib : i - 1 < ds.length := by omega
    have h0 : ds[2 * (i / 2)]? = some ds[i - 1] := by
      rw [show 2 * (i / 2) = i - 1 by omega]; exact List.getElem?_eq_getElem hsib
    have h1 : ds[2 * (i / 2) + 1]? = some d := by
      rw [show 2 * (i / 2) + 1 = i by omega]; exact hd
    rw [getElem?_pairUp H (i / 2) ds ds[i - 1] d h0 h1]
    simp [siblingIndex, stepInput, heven, nodeHash, List.getElem?_eq_getElem hsib]

/-- Climbing from entry `i` of a level of `2^k` digests along its honest path reaches the
root of that level. -/
theorem climb_layerPath : ∀ (k : Nat) (ds : List Digest) (i : Nat) (d : Digest),
    ds.length = 2 ^ k → ds[i]? = some d → climb H d i (layerPath H k ds i) = layerRoot H k ds
  | 0, ds, i, d, hlen, hd => by
    match ds, hlen with
    | [e], _ =>
      cases i with
      | zero => simp at hd; simp [climb, layerPath, layerRoot, hd]
      | succ i => simp at hd
  | k + 1, ds, i, d, hlen, hd => by
    have hpow : 2 ^ (k + 1) = 2 * 2 ^ k := by rw [Nat.pow_succ]; omega
    have hlen' : ds.length = 2 * 2 ^ k := by omega
    have hnext : (pairUp H ds).length = 2 ^ k := length_pairUp H (2 ^ k) ds hlen'
    simp only [layerPath, climb, layerRoot]
    exact climb_layerPath k (pairUp H ds) (i / 2) _ hnext
      (getElem?_pairUp_parent H ds (2 ^ k) i d hlen' hd)

theorem height_eq {leaves : List (List UInt32)} {k : Nat} (hlen : leaves.length = 2 ^ k) :
    height leaves = k := by
  simp [height, hlen, Nat.log2_two_pow]

/-- **Completeness.** In a tree of `2^k` leaves, the honest opening of every leaf verifies
against the root. -/
theorem verifyPath_openPath (leaves : List (List UInt32)) (k i : Nat)
    (hlen : leaves.length = 2 ^ k) (hi : i < leaves.length) :
    verifyPath H (root H leaves) i leaves[i] (openPath H leaves i) = true := by
  have hk := height_eq hlen
  have hmap : (leaves.map (leafHash H))[i]? = some (leafHash H leaves[i]) := by
    simp [List.getElem?_eq_getElem hi]
  have hclimb := climb_layerPath H k (leaves.map (leafHash H)) i _ (by simp [hlen]) hmap
  simp only [verifyPath, root, openPath, hk, length_layerPath, Bool.and_eq_true,
    decide_eq_true_eq]
  exact ⟨by omega, hclimb⟩

/-- The honest path has one sibling per level. -/
theorem length_openPath (leaves : List (List UInt32)) (k i : Nat)
    (hlen : leaves.length = 2 ^ k) : (openPath H leaves i).length = k := by
  simp [openPath, height_eq hlen, length_layerPath]

/-- **Completeness**, with the tree height checked as the Rust verifier does. -/
theorem verifyOpening_openPath (leaves : List (List UInt32)) (k i : Nat)
    (hlen : leaves.length = 2 ^ k) (hi : i < leaves.length) :
    verifyOpening H (root H leaves) k i leaves[i] (openPath H leaves i) = true := by
  simp only [verifyOpening, Bool.and_eq_true, decide_eq_true_eq]
  exact ⟨length_openPath H leaves k i hlen, verifyPath_openPath H leaves k i hlen hi⟩

theorem length_layers : ∀ (k : Nat) (ds : List Digest), (layers H k ds).length = k + 1
  | 0, _ => rfl
  | k + 1, ds => by simp [layers, length_layers k]

/-- Level `k`, the last of the `k + 1` levels, is the root alone. -/
theorem getElem?_layers_top : ∀ (k : Nat) (ds : List Digest),
    ds.length = 2 ^ k → (layers H k ds)[k]? = some [layerRoot H k ds]
  | 0, ds, hlen => by
    match ds, hlen with
    | [e], _ => rfl
  | k + 1, ds, hlen => by
    have hpow : 2 ^ (k + 1) = 2 * 2 ^ k := by rw [Nat.pow_succ]; omega
    have hnext : (pairUp H ds).length = 2 ^ k := length_pairUp H (2 ^ k) ds (by omega)
    simp only [layers, layerRoot, List.getElem?_cons_succ]
    exact getElem?_layers_top k (pairUp H ds) hnext

/-- `buildTree` has `k + 1` levels: the leaf hashes first, the root alone last. -/
theorem buildTree_spec (leaves : List (List UInt32)) (k : Nat)
    (hlen : leaves.length = 2 ^ k) :
    (buildTree H leaves).length = k + 1 ∧
    (buildTree H leaves)[0]? = some (leaves.map (leafHash H)) ∧
    (buildTree H leaves)[k]? = some [root H leaves] := by
  have hk := height_eq hlen
  refine ⟨?_, ?_, ?_⟩
  · simp [buildTree, hk, length_layers]
  · simp only [buildTree, hk]
    cases k <;> rfl
  · simp only [buildTree, root, hk]
    exact getElem?_layers_top H k _ (by simp [hlen])

end Zkvm.Commit
