module

public import Zkvm.Commit.Encoding

/-!
# Merkle trees and path verification

A Merkle tree over a hash function `H : List UInt8 → Digest`, which is a parameter of every
definition (SHA3-256 in the Rust verifier; nothing about it is assumed here). Hashed byte
strings are those of `Zkvm.Commit.Encoding` (`docs/protocol.md`).

* A tree has `2^k` leaves; each leaf is a list of `u32` values (field elements).
* An opening of leaf `i` is its values and `k` sibling digests from the bottom up. At level `j`
  the running digest is the left child if bit `j` of `i` is `0`, the right child otherwise.
* `verifyPath H root i vals path` accepts iff `i < 2 ^ path.length` and climbing from the leaf
  hash of `vals` along `path` ends at `root`. With `k = 0` the root is the leaf hash.
  `verifyOpening H root k i vals path` also requires `path.length = k`, as the Rust
  `verify_opening` does (the verifier knows the height of the committed tree).

The honest prover side: `pairUp` hashes adjacent pairs of one level into the next,
`layerRoot`/`layerPath` give the root and the authentication path of a level of `2^k`
digests, and `root`/`openPath`/`buildTree` apply them to the leaf hashes.
-/

public section

-- Nothing here is run natively (see `Zkvm.Commit.Encoding`); the kernel evaluates it.
noncomputable section

namespace Zkvm.Commit

variable (H : List UInt8 → Digest)

/-- The digest of a leaf holding `vals`. -/
@[expose] def leafHash (vals : List UInt32) : Digest := H (leafInput vals)

/-- The digest of an inner node with children `l` and `r`. -/
@[expose] def nodeHash (l r : Digest) : Digest := H (nodeInput l r)

/-- The input hashed one level above `cur`, whose index within its level is `i`, given its
sibling `sib`: `cur` is the left child when `i` is even. -/
@[expose] def stepInput (i : Nat) (cur sib : Digest) : List UInt8 :=
  if i % 2 = 0 then nodeInput cur sib else nodeInput sib cur

/-- Climb from `cur` at index `i` along the sibling digests `path` (bottom-up); at each level
the index is halved, so level `j` uses bit `j` of the starting index. -/
@[expose] def climb : Digest → Nat → List Digest → Digest
  | cur, _, [] => cur
  | cur, i, sib :: path => climb (H (stepInput i cur sib)) (i / 2) path

/-- The verifier's check of an opening: leaf `i` of the tree with root `root` holds `vals`,
authenticated by the sibling digests `path` (bottom-up). -/
@[expose] def verifyPath (root : Digest) (i : Nat) (vals : List UInt32)
    (path : List Digest) : Bool :=
  decide (i < 2 ^ path.length) && decide (climb H (leafHash H vals) i path = root)

/-- The Rust verifier's `verify_opening`: the verifier knows the tree height `depth` and
rejects a path of any other length (and, through `verifyPath`, an index `≥ 2 ^ depth`). -/
@[expose] def verifyOpening (root : Digest) (depth i : Nat) (vals : List UInt32)
    (path : List Digest) : Bool :=
  decide (path.length = depth) && verifyPath H root i vals path

/-! ## The honest tree -/

/-- The next level up: the node hashes of the adjacent pairs `(ds[2j], ds[2j+1])`. (A last
unpaired digest is dropped; levels of a tree of `2^k` leaves have even length.) -/
@[expose] def pairUp : List Digest → List Digest
  | l :: r :: rest => nodeHash H l r :: pairUp rest
  | _ => []

/-- The root of a level of `2^k` digests. -/
@[expose] def layerRoot : Nat → List Digest → Digest
  | 0, ds => ds.headD default
  | k + 1, ds => layerRoot k (pairUp H ds)

/-- The index of the sibling of node `i` within its level. -/
@[expose] def siblingIndex (i : Nat) : Nat := if i % 2 = 0 then i + 1 else i - 1

/-- The authentication path of entry `i` of a level of `2^k` digests: the sibling on this
level, then the path of the parent (index `i / 2`) one level up. -/
@[expose] def layerPath : Nat → List Digest → Nat → List Digest
  | 0, _, _ => []
  | k + 1, ds, i => (ds[siblingIndex i]?).getD default :: layerPath k (pairUp H ds) (i / 2)

/-- All `k + 1` levels, from the given one up to the root level. -/
@[expose] def layers : Nat → List Digest → List (List Digest)
  | 0, ds => [ds]
  | k + 1, ds => ds :: layers k (pairUp H ds)

/-- The height `k` of a tree with `2^k` leaves. -/
@[expose] def height (leaves : List (List UInt32)) : Nat := leaves.length.log2

/-- The whole tree: its levels from the leaf hashes (level 0) up to the root. -/
@[expose] def buildTree (leaves : List (List UInt32)) : List (List Digest) :=
  layers H (height leaves) (leaves.map (leafHash H))

/-- The root of the tree with the given leaves. -/
@[expose] def root (leaves : List (List UInt32)) : Digest :=
  layerRoot H (height leaves) (leaves.map (leafHash H))

/-- The honest authentication path of leaf `i`. -/
@[expose] def openPath (leaves : List (List UInt32)) (i : Nat) : List Digest :=
  layerPath H (height leaves) (leaves.map (leafHash H)) i

end Zkvm.Commit
