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
public import Zkvm.Air.V2.AluSpec
public import Zkvm.Air.V2.AluBasic
public import Zkvm.Air.V2.AluSound
public import Zkvm.Air.V2.AluBranch
public import Zkvm.Air.V2.AluJalr
public import Zkvm.Air.V2.AluBuilder
public import Zkvm.Air.V2.AluComplete
public import Zkvm.Air.V2.AluCompleteBranch
public import Zkvm.Air.V2.AluCompleteSigned
public import Zkvm.Air.V2.AluCompleteJalr
public import Zkvm.Air.V2.AluExtractedCheck
public import Zkvm.Air.V2.LogicSpec
public import Zkvm.Air.V2.LogicBasic
public import Zkvm.Air.V2.LogicSound
public import Zkvm.Air.V2.LogicBuilder
public import Zkvm.Air.V2.LogicComplete
public import Zkvm.Air.V2.LogicExtractedCheck
public import Zkvm.Air.V2.MulSpec
public import Zkvm.Air.V2.MulBasic
public import Zkvm.Air.V2.MulCore
public import Zkvm.Air.V2.MulSound
public import Zkvm.Air.V2.MulShift
public import Zkvm.Air.V2.MulShiftNat
public import Zkvm.Air.V2.MulShiftRight
public import Zkvm.Air.V2.MulHonest
public import Zkvm.Air.V2.MulBuilder
public import Zkvm.Air.V2.MulCompleteGroups
public import Zkvm.Air.V2.MulCompleteLookups
public import Zkvm.Air.V2.MulComplete
public import Zkvm.Air.V2.MulExtractedCheck
public import Zkvm.Air.V2.DivSpec
public import Zkvm.Air.V2.DivExtractedCheck
public import Zkvm.Air.V2.DivCore
public import Zkvm.Air.V2.DivUnsigned
public import Zkvm.Air.V2.DivUnsignedSound
public import Zkvm.Air.V2.DivSignedNat
public import Zkvm.Air.V2.DivSigned
public import Zkvm.Air.V2.DivSignedBound
public import Zkvm.Air.V2.DivSignedSound
public import Zkvm.Air.V2.DivHonest
public import Zkvm.Air.V2.DivBuilder
public import Zkvm.Air.V2.DivBuilderArith
public import Zkvm.Air.V2.DivBuilderOk
public import Zkvm.Air.V2.DivCompleteCells
public import Zkvm.Air.V2.DivCompleteGroups
public import Zkvm.Air.V2.DivCompleteLookups
public import Zkvm.Air.V2.DivComplete
public import Zkvm.Air.V2.MemSpec
public import Zkvm.Air.V2.MemExtractedCheck
public import Zkvm.Air.V2.MemBasic
public import Zkvm.Air.V2.MemLoad
public import Zkvm.Air.V2.MemStore
public import Zkvm.Air.V2.MemStoreByte
public import Zkvm.Air.V2.MemBuilder
public import Zkvm.Air.V2.MemCompleteCells
public import Zkvm.Air.V2.MemCompleteCommon
public import Zkvm.Air.V2.MemCompleteAddr
public import Zkvm.Air.V2.MemCompleteWord
public import Zkvm.Air.V2.MemCompleteLookups
public import Zkvm.Air.V2.MemCompleteSub
public import Zkvm.Air.V2.MemCompleteLoad
public import Zkvm.Air.V2.MemComplete
public import Zkvm.Air.V2.MemCompleteStore
public import Zkvm.Air.V2.MemCompleteStoreByte
public import Zkvm.Air.V2.CpuSpec
public import Zkvm.Air.V2.CpuExtractedCheck
public import Zkvm.Air.V2.CpuBasic
public import Zkvm.Air.V2.CpuSound
public import Zkvm.Air.V2.CpuTrace
public import Zkvm.Air.V2.CpuBuilder
public import Zkvm.Air.V2.CpuCompleteRow
public import Zkvm.Air.V2.CpuComplete
public import Zkvm.Air.V2.CpuCompleteSem
public import Zkvm.Air.V2.CpuLookups
public import Zkvm.Air.V2.CpuSegments
public import Zkvm.Air.V2.CpuMessages
public import Zkvm.Air.V2.CpuMessagesCheck
public import Zkvm.Extracted
public import Zkvm.Refinement.Field
public import Zkvm.Refinement.Field.Extension
public import Zkvm.Refinement.Commit.Merkle
public import Zkvm.Refinement.Transcript
public import Zkvm.Refinement.TranscriptSqueeze
public import Zkvm.Refinement.Protocol.Domain
public import Zkvm.Refinement.Protocol.Params
public import Zkvm.Refinement.TranscriptFork
public import Zkvm.Refinement.Protocol.SegmentChallenges
public import Zkvm.Refinement.Air.SegmentPublicValues
public import Zkvm.Refinement.Air.SegmentStarts
public import Zkvm.Spec.Fri
public import Zkvm.Refinement.Fri
public import Zkvm.Refinement.Fri.FoldLeafLists
public import Zkvm.Refinement.Fri.FoldLeaf
public import Zkvm.Spec.FriQuery
public import Zkvm.Refinement.Fri.Query
public import Zkvm.Commit.Cap
public import Zkvm.Refinement.Commit.MerkleCap
public import Zkvm.Refinement.Fri.QueryCap
public import Zkvm.Refinement.Air.Expr
public import Zkvm.Refinement.Air.Rv32im.Alu
public import Zkvm.Refinement.Air.Rv32im.Logic
public import Zkvm.Refinement.Air.Rv32im.Cpu
public import Zkvm.Extraction.LoopEq
public import Zkvm.Refinement.Air.Fold
public import Zkvm.Spec.Columns
public import Zkvm.Refinement.Protocol.LogupColumns
public import Zkvm.Refinement.Protocol.Stark.Quotient
public import Zkvm.Refinement.Protocol.Stark.Shared
public import Zkvm.Refinement.Protocol.Stark.Challenges
public import Zkvm.Spec.FriSchedule
public import Zkvm.Refinement.Protocol.FriSchedule
public import Zkvm.Spec.Deep
public import Zkvm.Refinement.Protocol.Deep
public import Zkvm.Spec.Logup
public import Zkvm.Refinement.Protocol.Logup
public import Zkvm.Refinement.Protocol.LogupConstraints
public import Zkvm.Refinement.Protocol.LogupInverse
public import Zkvm.Spec.Boundary
public import Zkvm.Refinement.Protocol.LogupBoundary
public import Zkvm.Refinement.Receipt.ProgramImm
public import Zkvm.Spec.Program
public import Zkvm.Refinement.Receipt.ProgramFields
public import Zkvm.Refinement.Receipt.ProgramDecode
public import Zkvm.Refinement.Receipt.ProgramDecodeMem
public import Zkvm.Refinement.Receipt.ProgramDecodeAlu
public import Zkvm.Refinement.Receipt.ProgramDecodeOpImm
public import Zkvm.Refinement.Receipt.ProgramDecodeWord
public import Zkvm.Differential.Field
public import Zkvm.Differential.Extension
public import Zkvm.Differential.Merkle
public import Zkvm.Differential.Transcript
public import Zkvm.Differential.Fri
public import Zkvm.Differential.Air
public import Zkvm.Differential.BuilderAlu
public import Zkvm.Differential.BuilderLogic
public import Zkvm.Differential.BuilderMul
public import Zkvm.Differential.BuilderDiv
public import Zkvm.Differential.BuilderMem
public import Zkvm.Differential.BuilderCpu
public import Zkvm.Spec.Transcript
public import Zkvm.Spec.Schedule
public import Zkvm.Spec.Air
public import Zkvm.Spec.Iop
public import Zkvm.Spec.Domain
public import Zkvm.Spec.Params
public import Zkvm.Spec.Segments
public import Zkvm.Stark.Count
public import Zkvm.Stark.Rounds
public import Zkvm.Stark.Ali
public import Zkvm.Stark.LogUp
public import Zkvm.Stark.LogUpTrace
public import Zkvm.Stark.LogUpRows
public import Zkvm.Stark.Transcript
public import Zkvm.Stark.ScheduleInj
public import Zkvm.Stark.Schedule
public import Zkvm.Stark.ScheduleFork
public import Zkvm.Stark.ZkMask
public import Zkvm.Stark.Code
public import Zkvm.Stark.Deep
public import Zkvm.Stark.Fri
public import Zkvm.Stark.Gap
public import Zkvm.Stark.Decode
public import Zkvm.Stark.ComposeDefs
public import Zkvm.Stark.ComposeAlg
public import Zkvm.Stark.ComposeAlpha
public import Zkvm.Stark.ComposeZeta
public import Zkvm.Stark.ComposeStable
public import Zkvm.Stark.ComposeTerms
public import Zkvm.Stark.ComposeGamma
public import Zkvm.Stark.ComposeFri
public import Zkvm.Stark.Compose
public import Zkvm.Stark.Bits

/-!
Root of the Lean development: importing it checks everything.

- `Zkvm.Field`: the BabyBear prime field and its quartic extension.
- `Zkvm.Poly`: univariate polynomials, root bound, interpolation.
- `Zkvm.Commit`: Merkle commitments and their binding.
- `Zkvm.RiscV`: RV32IM semantics and the test vectors tying it to the Rust executor.
- `Zkvm.Air`: the memory argument and the layout-independent lemmas relating constraints to
  the semantics (field, limbs, words, products, division, a table model).
- `Zkvm.Extracted`: the Rust verifier translated by extraction/ (generated; runtime in
  `Zkvm.Extraction`); `Zkvm.Refinement`: proofs that extracted functions compute the Lean
  definitions; `Zkvm.Differential`: extracted functions checked against Rust's results, and
  the row-builder models (`Builder*`) against the Rust builders' rows.
- `Zkvm.Spec`: the protocol as the verifier runs it, over any AIR: transcript, challenge
  schedule, abstract multi-table AIR, the STARK IOP, evaluation domains and selectors.
- `Zkvm.Stark`: its soundness pieces: counting bad challenges, ALI and out-of-domain, LogUp,
  transcript binding and order, Reed–Solomon codes, DEEP, FRI, proximity gaps, decoding; the
  composed round-by-round soundness of the IOP (`Compose`, `iop_sound`) and its bits (`Bits`).
-/
