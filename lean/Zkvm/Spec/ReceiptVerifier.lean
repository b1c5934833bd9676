module

public import Zkvm.Spec.Verifier
public import Zkvm.Spec.Receipt
public import Zkvm.Spec.ProofFormat
public import Zkvm.Spec.VerifyingKey
public import Zkvm.Extracted.Receipt

/-!
# The receipt verifier, written for reading

`receiptAccept H vk vkD bytes run` is the top-level verifier (`verify_receipt`,
rust/verifier/src/receipt/mod.rs) as the composition of the specs it runs, in order, on typed
values. It accepts the run `run` exactly when

1. **the receipt's bytes** are `encReceipt` (`Zkvm.Spec.Receipt`) of an exit code, a cycle
   count, a consumed count, an input, an output and proof bytes, each byte string's length
   fitting its `u32` prefix (`ReceiptBytes`);
2. **the statement** of that claim is well formed: the spec's public values
   (`Zkvm.Spec.Receipt.publicValues`, with the key's program's entry and zero intervals) are
   accepted, and the statement `receiptStatement` is the key's digest `vkD`, those public values
   as field elements, the input and the output;
3. **the proof bytes** are the proof format's encoding of segments within the key's limits
   (`Zkvm.Spec.ProofFormat.encSegments`, `WithinLimits` with `decodeLimits`);
4. **the decoded segments are images of typed values**: headers `hdrs` (`SegmentHeader`) and
   views `views` (`SegmentView`: prover messages, out-of-domain openings, every query's typed
   paths and siblings), one of each per segment (`SegmentsImage`, `SegmentImage`);
5. **the segments verifier** `Zkvm.Spec.Verifier.segmentsAccept` accepts the statement, headers,
   segments and views;
6. the run is the receipt's exit code, cycle count, consumed count, input and output.

The typed headers and views are existentially quantified: the decoder returns the images of
typed values (`Zkvm.Refinement.protocol.decode.decode_segments_ok`), and the segments verifier
accepts for one choice of them exactly when it accepts for every one
(`Zkvm.Refinement.protocol.stark.verify_segments_iff_spec`).

As in `segmentsAccept`, a few definitions read here live in refinement files: the images
`toExt` and `toOpenings` of typed extension elements and openings, and `QueryDataOk` (a query is
the image of typed paths and siblings; it also records the sizes and canonical rows the decoder
checks).

The key's digest `vkD` is a parameter: `vk_digest` has no spec yet; the refinement
(`Zkvm.Refinement.receipt.verify_receipt_iff_spec`, VerifyReceiptSpec.lean) takes the
hypothesis that `vk_digest` returns `vkD`'s bytes.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Spec.ReceiptVerifier

open Zkvm.Extracted Zkvm.Field Zkvm.Spec Zkvm.Commit
open Zkvm.Spec.Receipt (encReceipt publicValues)
open Zkvm.Spec.Verifier (SegmentView segmentsAccept)
open Zkvm.Spec.VerifyingKey (vkProgram)
open Zkvm.Refinement.field.extension (toExt)
open Zkvm.Refinement.protocol.stark (toOpenings QueryDataOk)

/-! ## The receipt and its statement -/

/-- **The receipt's bytes**: `encReceipt` of its fields, the input, output and proof each shorter
than `2^32` bytes (their lengths are written as `u32`s). -/
def ReceiptBytes (bytes : List UInt8) (exitCode : UInt32) (cycles : UInt64) (consumed : UInt32)
    (input output proof : List UInt8) : Prop :=
  bytes = encReceipt exitCode cycles consumed input output proof ∧
    input.length < 2 ^ 32 ∧ output.length < 2 ^ 32 ∧ proof.length < 2 ^ 32

/-- A program's zero intervals as `(lo, hi)` pairs. -/
def zeroIntervals (p : receipt.program.Program) : List (UInt32 × UInt32) :=
  p.zero_intervals.map fun z => (z.lo, z.hi)

/-- **The statement of a claimed run**: the key's digest, the spec's public values
(`publicValues`: entry, exit code halves, cycles, input length, consumed count, output length,
zero intervals) as field elements, the input and the output; or why the claim is refused. -/
def receiptStatement (vkD : Digest) (prog : receipt.program.Program) (exitCode : UInt32)
    (cycles : UInt64) (consumed : UInt32) (input output : List UInt8) :
    Except error.VerifyError Statement :=
  (publicValues prog.entry exitCode cycles input.length consumed.toNat output.length
      (zeroIntervals prog)).map
    fun pv => ⟨vkD, pv.map ofU32, input, output⟩

/-! ## The proof's segments -/

/-- The proof decoder's limits for a key: 65,536 segments, the machine's twelve tables, three
matrices per table with zero knowledge (one without), the key's query count, 27 FRI rounds. -/
def decodeLimits (vk : protocol.vk.VerifyingKey) : protocol.proof.DecodeLimits :=
  ⟨protocol.proof.MAX_SEGMENTS, 12, if vk.params.zk then 36 else 12,
    vk.params.num_queries.toUInt64, 27⟩

/-- **A decoded segment is the image of a typed header and view**: its segment values and
claimed heights are the header's, every commitment is the bytes of the typed caps' digests, the
claimed sums, openings and final polynomial are the images of extension elements, the
proof-of-work nonce is the view's, and every query is the image of the view's typed paths and
siblings (`QueryDataOk`). -/
structure SegmentImage (p : protocol.proof.Proof) (h : SegmentHeader) (v : SegmentView) :
    Prop where
  values : p.segment_values = h.values
  logHeights : p.log_heights = h.logHeights
  mainCap : p.main_commitment = h.mainCap.map Digest.bytes
  auxCap : p.aux_commitment = v.msgs.auxCap.map Digest.bytes
  claimedSums : p.claimed_sums = v.msgs.claimedSums.map toExt
  quotientCap : p.quotient_commitment = v.msgs.quotientCap.map Digest.bytes
  openings : p.openings = v.ood.map toOpenings
  friCaps : p.fri_commitments = v.msgs.friCaps.map (fun c => c.map Digest.bytes)
  finalPoly : p.final_poly = v.msgs.finalPoly.map toExt
  powNonce : p.pow_nonce = v.msgs.powNonce
  queries : ∀ q (hq : q < p.queries.length), QueryDataOk p.queries[q] (v.queries q)

/-- **The segments are images of typed values**: one header and one view per segment. -/
def SegmentsImage (segs : List protocol.proof.Proof) (hdrs : List SegmentHeader)
    (views : List SegmentView) : Prop :=
  hdrs.length = segs.length ∧ views.length = segs.length ∧
    ∀ (s : Nat) p h v, segs[s]? = some p → hdrs[s]? = some h → views[s]? = some v →
      SegmentImage p h v

/-! ## The receipt verifier -/

/-- **The receipt verifier**: the bytes are a receipt (`ReceiptBytes`), its claim gives a
statement `st` (`receiptStatement` with the key's digest `vkD` and program), its proof bytes
decode to segments `segs` within the key's limits, which are the images of typed headers `hdrs`
and views `views` (`SegmentsImage`) that the segments verifier `segmentsAccept` accepts; the run
returned is the receipt's exit code, cycles and consumed count with its input and output. -/
def receiptAccept (H : List UInt8 → Digest) (vk : protocol.vk.VerifyingKey) (vkD : Digest)
    (bytes : List UInt8) (run : receipt.VerifiedRun) : Prop :=
  ∃ (exitCode : UInt32) (cycles : UInt64) (consumed : UInt32) (input output proof : List UInt8)
    (st : Statement) (segs : List protocol.proof.Proof) (hdrs : List SegmentHeader)
    (views : List SegmentView),
    ReceiptBytes bytes exitCode cycles consumed input output proof ∧
    receiptStatement vkD (vkProgram vk) exitCode cycles consumed input output = .ok st ∧
    proof = Zkvm.Spec.ProofFormat.encSegments segs ∧
    Zkvm.Spec.ProofFormat.WithinLimits (decodeLimits vk) segs ∧
    SegmentsImage segs hdrs views ∧
    segmentsAccept H vk st hdrs segs views ∧
    run = ⟨exitCode, cycles, consumed, input, output⟩

end Zkvm.Spec.ReceiptVerifier

end
