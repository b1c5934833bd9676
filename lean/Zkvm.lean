module

public import Zkvm.Field.Modulus
public import Zkvm.Field.Prime
public import Zkvm.Field.Fermat
public import Zkvm.Field.Algebra
public import Zkvm.Field.BabyBear
public import Zkvm.Field.TwoAdic
public import Zkvm.Field.Extension
public import Zkvm.Poly.Basic
public import Zkvm.Poly.Division
public import Zkvm.Poly.RootBound
public import Zkvm.Poly.Interpolation
public import Zkvm.Commit.Encoding
public import Zkvm.Commit.Merkle
public import Zkvm.Commit.MerkleCompleteness
public import Zkvm.Commit.MerkleBinding
public import Zkvm.RiscV.Word
public import Zkvm.RiscV.State
public import Zkvm.RiscV.Decode
public import Zkvm.RiscV.Execute
public import Zkvm.RiscV.Program
public import Zkvm.RiscV.Step
public import Zkvm.RiscV.Vectors.All
public import Zkvm.Air.ListFacts
public import Zkvm.Air.Memory
public import Zkvm.Air.MemoryReplay
public import Zkvm.Air.MemoryState
public import Zkvm.Air.Felt
public import Zkvm.Air.Limbs
public import Zkvm.Air.WordLimbs
public import Zkvm.Air.MulLimbs
public import Zkvm.Air.DivLimbs
public import Zkvm.Air.Table

/-!
Root of the Lean development: importing it checks everything.

- `Zkvm.Field`: the BabyBear prime field and its quartic extension.
- `Zkvm.Poly`: univariate polynomials, root bound, interpolation.
- `Zkvm.Commit`: Merkle commitments and their binding.
- `Zkvm.RiscV`: RV32IM semantics and the test vectors tying it to the Rust executor.
- `Zkvm.Air`: the memory argument and the layout-independent lemmas relating constraints to
  the semantics (field, limbs, words, products, division, a table model).
-/
