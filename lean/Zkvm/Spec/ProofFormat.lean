module

public import Zkvm.Spec.Codec
public import Zkvm.Field.Modulus
public import Zkvm.Extracted.Protocol.Proof

/-!
# The proof's byte format (specification)

The bytes of a proof (rust/verifier/src/protocol/proof.rs, format version 5, docs/protocol.md
§5.2), over the decoder's own values (`protocol.proof.Proof`: lists of `u32`s, of extension
elements as four `u32`s, of digests as 32 bytes), built from the primitive encodings of
`Zkvm.Spec.Codec`:

* the header: the version 5 as a `u32`, then the number of segments as a length;
* each segment, its fields in order (`encSegment`): the segment values and the tables' log
  heights (`u32` vectors), the main and auxiliary caps (digest vectors), the claimed sums (an
  extension vector), the quotient cap, the tables' out-of-domain openings (five extension
  vectors each, `encOpenings`), the FRI layers' caps, the final polynomial, the proof-of-work
  nonce (a `u64`) and the queries (`encQuery`: three multi-openings, each its rows as field
  vectors and a path, then the FRI steps, each its siblings and its path);
* every vector after its length.

`WithinLimits limits segs` states what the decoder `decode_segments_with_limits` enforces
beyond the layout: between one and `max_segments` segments; per segment at most 16 canonical
segment values, at most `max_tables` log heights and claimed sums, at most 64 tables' openings,
at most `max_fri_rounds` FRI caps, at most `max_queries` queries; per query at most
`max_matrices` rows in each multi-opening and at most `max_fri_rounds` FRI steps; every field
element (and every extension coefficient) canonical, every extension element four
coefficients, every digest 32 bytes; and every vector shorter than `2^32` (its length is
written as a `u32`). The log heights and the nonce are any `u32`s / `u64`.

The refinement (`Zkvm.Refinement.protocol.decodeCanonical.decode_segments_canonical`) proves
that bytes the decoder accepts are `encSegments` of the segments it returns, and that those are
`WithinLimits`.
-/

public section

noncomputable section

namespace Zkvm.Spec.ProofFormat

open Zkvm.Commit (le32)
open Zkvm.Spec.Codec
open Zkvm.Extracted

/-- The format version the decoder accepts. -/
@[expose] def version : UInt32 := 5

/-- A multi-opening: the number of rows, each row as a vector of field elements, then the
authentication path. -/
@[expose] def encMultiOpening (m : protocol.proof.MultiOpening) : List UInt8 :=
  encLen m.rows.length ++ m.rows.flatMap encFieldVec ++ encDigestVec m.path

/-- A FRI step of a query: its siblings, then its path. -/
@[expose] def encFriStep (s : protocol.proof.FriQueryStep) : List UInt8 :=
  encExtVec s.siblings ++ encDigestVec s.path

/-- A query: the main, auxiliary and quotient openings, then the FRI steps after their
number. -/
@[expose] def encQuery (q : protocol.proof.QueryProof) : List UInt8 :=
  encMultiOpening q.main ++ encMultiOpening q.aux ++ encMultiOpening q.quotient ++
    encLen q.fri_steps.length ++ q.fri_steps.flatMap encFriStep

/-- A table's openings at the out-of-domain point: five extension vectors. -/
@[expose] def encOpenings (o : protocol.proof.TableOpenings) : List UInt8 :=
  encExtVec o.main_local ++ encExtVec o.main_next ++ encExtVec o.aux_local ++
    encExtVec o.aux_next ++ encExtVec o.quotient

/-- **One segment's bytes**: its fields in order, every vector after its length. -/
@[expose] def encSegment (p : protocol.proof.Proof) : List UInt8 :=
  encFieldVec p.segment_values ++ encFieldVec p.log_heights ++
    encDigestVec p.main_commitment ++ encDigestVec p.aux_commitment ++
    encExtVec p.claimed_sums ++ encDigestVec p.quotient_commitment ++
    encLen p.openings.length ++ p.openings.flatMap encOpenings ++
    encLen p.fri_commitments.length ++ p.fri_commitments.flatMap encDigestVec ++
    encExtVec p.final_poly ++ encU64 p.pow_nonce ++
    encLen p.queries.length ++ p.queries.flatMap encQuery

/-- **The bytes of a proof**: the version, the number of segments, then each segment. -/
@[expose] def encSegments (segs : List protocol.proof.Proof) : List UInt8 :=
  le32 version ++ encLen segs.length ++ segs.flatMap encSegment

/-! ## What the decoder enforces -/

/-- A canonical field element. -/
@[expose] def Canon (v : UInt32) : Prop := v.toNat < Zkvm.Field.P

/-- A vector whose length fits its `u32` prefix. -/
@[expose] def Short {α : Type} (l : List α) : Prop := l.length < 2 ^ 32

/-- A vector of canonical field elements. -/
@[expose] def FieldVecOk (vs : List UInt32) : Prop := Short vs ∧ ∀ v ∈ vs, Canon v

/-- An extension element: four canonical coefficients. -/
@[expose] def ExtOk (e : List UInt32) : Prop := e.length = 4 ∧ ∀ v ∈ e, Canon v

/-- A vector of extension elements. -/
@[expose] def ExtVecOk (es : List (List UInt32)) : Prop := Short es ∧ ∀ e ∈ es, ExtOk e

/-- A vector of digests (32 bytes each). -/
@[expose] def DigestVecOk (ds : List (List UInt8)) : Prop := Short ds ∧ ∀ d ∈ ds, d.length = 32

/-- A multi-opening within the limits: at most `max_matrices` rows of canonical elements. -/
@[expose] def MultiOpeningOk (limits : protocol.proof.DecodeLimits)
    (m : protocol.proof.MultiOpening) : Prop :=
  m.rows.length ≤ limits.max_matrices.toNat ∧ Short m.rows ∧ (∀ r ∈ m.rows, FieldVecOk r) ∧
    DigestVecOk m.path

/-- A FRI step's siblings and path. -/
@[expose] def FriStepOk (s : protocol.proof.FriQueryStep) : Prop :=
  ExtVecOk s.siblings ∧ DigestVecOk s.path

/-- A query within the limits: its three multi-openings, at most `max_fri_rounds` steps. -/
@[expose] def QueryOk (limits : protocol.proof.DecodeLimits) (q : protocol.proof.QueryProof) :
    Prop :=
  MultiOpeningOk limits q.main ∧ MultiOpeningOk limits q.aux ∧ MultiOpeningOk limits q.quotient ∧
    q.fri_steps.length ≤ limits.max_fri_rounds.toNat ∧ Short q.fri_steps ∧
    ∀ s ∈ q.fri_steps, FriStepOk s

/-- A table's five vectors of openings. -/
@[expose] def OpeningsOk (o : protocol.proof.TableOpenings) : Prop :=
  ExtVecOk o.main_local ∧ ExtVecOk o.main_next ∧ ExtVecOk o.aux_local ∧ ExtVecOk o.aux_next ∧
    ExtVecOk o.quotient

/-- **One segment within the decoder's limits.** -/
structure SegmentWithin (limits : protocol.proof.DecodeLimits) (p : protocol.proof.Proof) :
    Prop where
  /-- At most 16 segment values (`MAX_SEGMENT_VALUES`), each canonical. -/
  values : p.segment_values.length ≤ 16 ∧ ∀ v ∈ p.segment_values, Canon v
  /-- At most `max_tables` log heights (any `u32`s). -/
  heights : p.log_heights.length ≤ limits.max_tables.toNat ∧ Short p.log_heights
  main : DigestVecOk p.main_commitment
  aux : DigestVecOk p.aux_commitment
  /-- At most `max_tables` claimed sums. -/
  sums : ExtVecOk p.claimed_sums ∧ p.claimed_sums.length ≤ limits.max_tables.toNat
  quotient : DigestVecOk p.quotient_commitment
  /-- At most 64 tables' openings (`MAX_TABLES`). -/
  openings : p.openings.length ≤ 64 ∧ ∀ o ∈ p.openings, OpeningsOk o
  /-- At most `max_fri_rounds` FRI caps. -/
  fri : p.fri_commitments.length ≤ limits.max_fri_rounds.toNat ∧ Short p.fri_commitments ∧
    ∀ c ∈ p.fri_commitments, DigestVecOk c
  finalPoly : ExtVecOk p.final_poly
  /-- At most `max_queries` queries, each within the limits. -/
  queries : p.queries.length ≤ limits.max_queries.toNat ∧ Short p.queries ∧
    ∀ q ∈ p.queries, QueryOk limits q

/-- **Segments within the decoder's limits**: between one and `max_segments` of them, each
`SegmentWithin`. -/
@[expose] def WithinLimits (limits : protocol.proof.DecodeLimits)
    (segs : List protocol.proof.Proof) : Prop :=
  1 ≤ segs.length ∧ segs.length ≤ limits.max_segments.toNat ∧ Short segs ∧
    ∀ p ∈ segs, SegmentWithin limits p

end Zkvm.Spec.ProofFormat
