module

public import Zkvm.Refinement.Protocol.Stark.VerifySegments
public import Zkvm.Refinement.Protocol.Stark.StageTotality
public import Zkvm.Refinement.Air.Rv32im.FixedTableTotality

/-!
# `verify_segments` never panics: the stages proved so far, wired in

`verify_segments_total` takes, for each stage, that it never panics. Four of them are now
theorems: `check_statement` (on any statement), `all_fixed_tables` (for a program whose ops are
below 2^32 − 64, as decoded ops are), `check_segment_values` and `check_global_fractions` (for
a statement whose public values, input and output are slices). `verify_segments_total_wired`
is `verify_segments_total` with those four discharged; the others stay hypotheses.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted

/-- **`verify_segments` never panics**, with `check_statement`, `all_fixed_tables`,
`check_segment_values` and `check_global_fractions` proved never to panic; the other stages'
freedom from panics stays a hypothesis. -/
theorem verify_segments_total_wired (H : List UInt8 → commit.hash.Digest)
    (vk : protocol.vk.VerifyingKey) (st : protocol.statement.Statement)
    (segs : List protocol.proof.Proof) (hsegs : segs.length < 2 ^ 64)
    (hvals : ∀ p ∈ segs, p.segment_values.length < 2 ^ 64)
    (hlh : ∀ p ∈ segs, p.log_heights.length < 2 ^ 64)
    (hpvl : st.public_values.length < 2 ^ 64)
    (hio : st.input.length + st.output.length + 6 < 2 ^ 64)
    (hops : ∀ prog, vk.air = .Rv32imV2 prog → ∀ r ∈ prog.rows, r.op.toNat + 64 < 2 ^ 32)
    (hcps : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes → ∀ p ∈ segs, ∀ d,
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      ∃ r, protocol.stark.check_proof_shape p d vk.params = .ok r)
    (hsh : ∃ r, protocol.stark.shared_transcript H vk st segs = .ok r)
    (hbus : ∀ pt b, ∃ r, protocol.stark.check_bus vk st segs pt b = .ok r)
    (hdc : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes → ∀ p ∈ segs, ∀ d,
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      ∀ sh pt b i, ∃ r, protocol.stark.derive_challenges H vk sh pt b i p d = .ok r)
    (hfz : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes → ∀ p ∈ segs, ∀ d f,
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.all_fixed_tables vk shapes d = .ok (.ok f) →
      ∀ ch, ∃ r, protocol.stark.check_fixed_at_zeta p d ch shapes f = .ok r)
    (hpv : ∀ i,
      ∃ r, air.segment_public_values vk.air st (segs.map (·.segment_values)) i = .ok r)
    (hood : ∀ id pv o td ch c,
      ∃ r, protocol.stark.check_table_ood id pv o td ch c vk.params.zk = .ok r)
    (hq : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes → ∀ p ∈ segs, ∀ d,
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      ∀ ch, ∃ r, protocol.stark.check_queries H p d ch = .ok r) :
    ∃ r, protocol.stark.verify_segments H vk st segs = .ok r :=
  verify_segments_total H vk st segs hsegs hvals hlh (fun n => check_statement_total st n)
    (fun shapes _ _ _ d _ => all_fixed_tables_total vk shapes d hops) hcps
    (Zkvm.Refinement.air.check_segment_values_total vk.air st _ hpvl
      (by rw [List.length_map]; exact hsegs)
      (fun v hv => by
        obtain ⟨p, hp, rfl⟩ := List.mem_map.mp hv
        exact hvals p hp))
    (fun shapes dims => check_global_fractions_total vk st shapes dims hpvl hio)
    hsh hbus hdc hfz hpv hood hq

end Zkvm.Refinement.protocol.stark

end
