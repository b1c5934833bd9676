module

public import Zkvm.Spec.Codec
public import Zkvm.Spec.Stages
public import Zkvm.Extracted.Protocol.Vk.Types
public import Zkvm.Extracted.Receipt.Program

/-!
# The verifying key's digest (specification)

The digest of a verifying key (`vk_digest`, rust/verifier/src/protocol/vk.rs) binds the
transcript to the statement being proven: which machine, which parameters, which program. It
is the hash of `encVk`, the bytes

* "zkvm-verifying-key-v5" (`vkMagic`, 21 ASCII bytes);
* the machine's code 6 (`airCode`), its number of public values (`numPublicValues`, 15) and
  its number of tables (12), each as a little-endian `u32` (`Zkvm.Commit.le32`);
* for each of the machine's twelve tables in order (`machineShapes`, Spec/Stages.lean), its
  shape (`encShape`): width, constraint count, largest constraint degree, LogUp fraction count,
  fixed table count, least and greatest log height, each a `u32` (the number of global
  fractions is not written);
* the parameters (`encParams`): log blowup, query count, proof-of-work bits, log final
  polynomial length, log FRI arity, log cap height, then zero knowledge as the `u32` 1 or 0;
* the 32 bytes of the program's digest (`programDigest`, `program_digest` in
  rust/verifier/src/receipt/program.rs): the hash of `encProgram`, the bytes "zkvm-program-v1"
  (`programMagic`), the entry, then the rows (ten `u32`s each: pc, op, use_imm, rs1, rs2, rd,
  write_rd, imm, k, target), the image words (space, word address, value) and the zero
  intervals (lo, hi), each vector after its length as a `u32` (`Zkvm.Spec.Codec.encLen`).

The fixed tables and boundary rules are functions of the key, so they are bound through it.

`vk_digest` never fails: it has no error type, and none of its steps can panic. Its result is
`vkDigest H vk` (the hash `H` of `encVk H vk`) when the program's three vectors are shorter
than `2^64` (`KeyFits`: their lengths are exact machine words, as for every slice a Rust
program holds); lengths of `2^32` or more are written modulo `2^32` by both (`encLen`). The
refinement is `Zkvm.Refinement.protocol.vk.vk_digest_spec` (Refinement/Protocol/VkDigest.lean).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Spec.VerifyingKey

open Zkvm.Extracted Zkvm.Commit
open Zkvm.Spec.Codec (encLen)

/-! ## The program's digest -/

/-- "zkvm-program-v1" in ASCII. -/
def programMagic : List UInt8 :=
  [122, 107, 118, 109, 45, 112, 114, 111, 103, 114, 97, 109, 45, 118, 49]

/-- A program row: its ten words. -/
def encRow (r : receipt.program.ProgramRow) : List UInt8 :=
  le32 r.pc ++ le32 r.op ++ le32 r.use_imm ++ le32 r.rs1 ++ le32 r.rs2 ++ le32 r.rd ++
    le32 r.write_rd ++ le32 r.imm ++ le32 r.k ++ le32 r.target

/-- An image word: address space, word address, value. -/
def encImageWord (w : receipt.program.ImageWord) : List UInt8 :=
  le32 w.space ++ le32 w.wa ++ le32 w.value

/-- A zero interval: its bounds. -/
def encZeroInterval (z : receipt.program.ZeroInterval) : List UInt8 :=
  le32 z.lo ++ le32 z.hi

/-- **The bytes a program's digest hashes**: the domain separator, the entry, then the rows,
the image and the zero intervals, each after its length. -/
def encProgram (p : receipt.program.Program) : List UInt8 :=
  programMagic ++ le32 p.entry ++
    encLen p.rows.length ++ p.rows.flatMap encRow ++
    encLen p.image.length ++ p.image.flatMap encImageWord ++
    encLen p.zero_intervals.length ++ p.zero_intervals.flatMap encZeroInterval

/-- **A program's digest.** -/
def programDigest (H : List UInt8 → Digest) (p : receipt.program.Program) : Digest :=
  H (encProgram p)

/-! ## The key's digest -/

/-- "zkvm-verifying-key-v5" in ASCII. -/
def vkMagic : List UInt8 :=
  [122, 107, 118, 109, 45, 118, 101, 114, 105, 102, 121, 105, 110, 103, 45, 107, 101, 121, 45,
    118, 53]

/-- The machine's code (`air::air_code`: RV32IM, version 2). -/
def airCode : UInt32 := 6

/-- A table's shape: width, constraint count, largest constraint degree, fraction count, fixed
table count, least and greatest log height (counts as `u32`s). -/
def encShape (s : air.TableShape) : List UInt8 :=
  le32 s.width.toUInt32 ++ le32 s.num_constraints.toUInt32 ++ le32 s.max_constraint_degree ++
    le32 s.num_fractions.toUInt32 ++ le32 s.num_fixed_tables.toUInt32 ++
    le32 s.min_log_height ++ le32 s.max_log_height

/-- The parameters, zero knowledge as 1 or 0. -/
def encParams (p : protocol.params.StarkParams) : List UInt8 :=
  le32 p.log_blowup ++ le32 p.num_queries ++ le32 p.pow_bits ++ le32 p.log_final_poly_len ++
    le32 p.log_fri_arity ++ le32 p.log_cap_height ++ le32 (if p.zk then 1 else 0)

/-- The key's program (machine version 2 is the only one). -/
def vkProgram (vk : protocol.vk.VerifyingKey) : receipt.program.Program :=
  match vk.air with
  | .Rv32imV2 p => p

/-- **The bytes a key's digest hashes**: the domain separator, the machine's code, public value
count and table count, the twelve tables' shapes, the parameters and the program's digest. -/
def encVk (H : List UInt8 → Digest) (vk : protocol.vk.VerifyingKey) : List UInt8 :=
  vkMagic ++ le32 airCode ++ le32 (UInt32.ofNat numPublicValues) ++
    encLen machineShapes.length ++ machineShapes.flatMap encShape ++ encParams vk.params ++
    (programDigest H (vkProgram vk)).bytes

/-- **The key's digest.** -/
def vkDigest (H : List UInt8 → Digest) (vk : protocol.vk.VerifyingKey) : Digest :=
  H (encVk H vk)

/-- **The key's vectors fit machine words**: the program's rows, image and zero intervals are
each shorter than `2^64` (true of every slice a Rust program holds). Under it `vk_digest` is
`vkDigest`; it never fails in any case. -/
def KeyFits (vk : protocol.vk.VerifyingKey) : Prop :=
  (vkProgram vk).rows.length < 2 ^ 64 ∧ (vkProgram vk).image.length < 2 ^ 64 ∧
    (vkProgram vk).zero_intervals.length < 2 ^ 64

/-! ## Sizes -/

theorem length_encRow (r : receipt.program.ProgramRow) : (encRow r).length = 40 := rfl

theorem length_encShape (s : air.TableShape) : (encShape s).length = 28 := rfl

theorem length_encParams (p : protocol.params.StarkParams) : (encParams p).length = 28 := by
  unfold encParams; cases p.zk <;> rfl

/-- `encVk` is 429 bytes: 21 + 3·4 + 12·28 + 7·4, then the program's digest's 32. -/
theorem length_encVk (H : List UInt8 → Digest) (vk : protocol.vk.VerifyingKey) :
    (encVk H vk).length = 429 := by
  have hs : (machineShapes.flatMap encShape).length = 336 := by
    rw [List.length_flatMap]; simp only [length_encShape]; rfl
  simp only [encVk, List.length_append, length_encParams, Digest.length_bytes, hs]
  rfl

end Zkvm.Spec.VerifyingKey

end
