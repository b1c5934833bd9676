module

public import Zkvm.Refinement.Protocol.Stark.VerifySegments
public import Zkvm.Refinement.Air.SegmentStarts
public import Zkvm.Refinement.Air.BoundaryTotality
public import Zkvm.Refinement.Protocol.Stark.FixedTotality

/-!
# Stages of `verify_segments` that never panic

Totality (`∃ r, f args = .ok r`) of stages `verify_segments` calls, for the arguments it gives
them, so that the corresponding hypotheses of `verify_segments_total` hold:

* `check_statement_total`: `statement::check_statement`, on any statement and expected count;
* `check_segment_values_total`: `air::check_segment_values`, for segment values shorter than
  `2^64` (as every Rust slice is);
* `check_global_fractions_total`: `stark::check_global_fractions`, on any shapes and
  dimensions, for public values shorter than `2^64` and input and output whose lengths add up, plus 6, below `2^64` (`check_statement_io`: an
  accepted statement has both below `2^32`); `check_global_fractions_total_of` is its loop,
  given `boundary_messages`' totality and message counts (`boundary_messages_total`).

The fixed-table stages are in `FixedTotality.lean`, `Air/Rv32im/FixedTableTotality.lean` and
`FixedAtZetaTotality.lean`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted

/-- **`check_statement` never panics**, whatever the statement and the expected count `n`: this
is `verify_segments_total`'s `hst`. -/
theorem check_statement_total (st : protocol.statement.Statement) (n : Usize) :
    ∃ r, protocol.statement.check_statement st n = .ok r := by
  unfold protocol.statement.check_statement
  split
  · exact ⟨_, rfl⟩
  apply loop_count_total_bind' _ _ (0 : Usize) _ (fun x => x) (fun _ => rfl)
  · intro i
    dsimp only
    split
    · rename_i hc
      obtain ⟨hlt, hsucc, e⟩ := lt_len_succ _ i hc
      rw [Slice.index_eq _ i hlt, ok_bind]
      unfold field.is_canonical
      simp only [pure_ok, ok_bind]
      split
      · exact ⟨_, rfl, fun s' h => by cases h⟩
      · rw [hsucc, ok_bind]
        exact ⟨_, rfl, fun s' h => by cases h; exact e⟩
    · exact ⟨_, rfl, fun s' h => by cases h⟩
  · intro r
    cases r with
    | ret x => exact ⟨_, rfl⟩
    | brk x =>
      dsimp only
      split
      · exact ⟨_, rfl⟩
      · exact ⟨_, rfl⟩


/-- `(x &&& 63).toNat` is a valid shift amount for a `u64`. -/
theorem and63_lt (x : UInt32) : (x &&& 63).toNat < 64 := by
  rw [UInt32.toNat_and]
  have := Nat.and_le_right (n := x.toNat) (m := (63 : UInt32).toNat)
  have h63 : (63 : UInt32).toNat = 63 := rfl
  omega

/-- **`check_global_fractions` never panics**, on any shapes and dimensions, provided `boundary_messages` does not panic and its message lists'
lengths add up below `2^64`. -/
theorem check_global_fractions_total_of (vk : protocol.vk.VerifyingKey)
    (st : protocol.statement.Statement) (shapes : List air.TableShape)
    (dims : List protocol.stark.ProofDimensions)
    (hbm : ∃ r, air.boundary_messages vk st = .ok r ∧ ∀ m, r = .ok m →
      (Slice.len m.sends).toNat + (Slice.len m.receives).toNat < 2 ^ 64) :
    ∃ r, protocol.stark.check_global_fractions vk st shapes dims = .ok r := by
  obtain ⟨rb, hrb, hlen⟩ := hbm
  unfold protocol.stark.check_global_fractions
  rw [hrb, ok_bind]
  cases rb with
  | error e => exact ⟨_, rfl⟩
  | ok m =>
  simp only [pure_ok, ok_bind]
  rw [U64.add_eq _ _ (hlen m rfl), ok_bind]
  apply loop_count_total_bind' _ _ _ _ (fun (x : UInt64 × Usize) => x.2) (fun _ => rfl)
  · intro ⟨total, s⟩
    dsimp only
    split
    · rename_i hc
      obtain ⟨hlt, hsuccS, eS⟩ := lt_len_succ dims s hc
      apply loop_count_total_bind _ _ _ _ _ (fun (x : UInt64 × Usize) => x.2) (fun _ => rfl)
      · intro ⟨tot, t⟩
        dsimp only
        by_cases ht : t < Slice.len shapes
        · obtain ⟨htn, hsuccT, eT⟩ := lt_len_succ shapes t ht
          simp only [if_pos ht, Slice.index_eq _ s hlt, ok_bind]
          by_cases ht2 : t < Slice.len dims[s.toNat].tables
          · obtain ⟨htn2, -, -⟩ := lt_len_succ _ t ht2
            simp only [decide_eq_true ht2, if_true, Slice.index_eq _ t htn2, Slice.index_eq _ t htn,
              ok_bind, U64.shl_eq _ _ (and63_lt _)]
            split
            · split
              · split
                · exact ⟨_, rfl, fun s' h => by cases h⟩
                · simp only [hsuccT, ok_bind]
                  exact ⟨_, rfl, fun s' h => by cases h; exact eT⟩
              · exact ⟨_, rfl, fun s' h => by cases h⟩
            · exact ⟨_, rfl, fun s' h => by cases h⟩
          · simp only [decide_eq_false ht2]
            exact ⟨_, rfl, fun s' h => by cases h⟩
        · rw [if_neg ht]
          exact ⟨_, rfl, fun s' h => by cases h⟩
      · intro r
        cases r with
        | ret x => exact ⟨_, rfl, fun s' h => by cases h⟩
        | brk x =>
          simp only [hsuccS, ok_bind]
          exact ⟨_, rfl, fun s' h => by cases h; exact eS⟩
    · exact ⟨_, rfl, fun s' h => by cases h⟩
  · intro r
    cases r with
    | ret x => exact ⟨_, rfl⟩
    | brk x => exact ⟨_, rfl⟩

/-- **`check_global_fractions` never panics**, on any table shapes and segment dimensions (this
is `verify_segments_total`'s `hgf`), for public values shorter than `2^64` (a Rust slice) and
input and output whose lengths add up, plus 6, below `2^64`. At the call in `verify_segments`,
`check_statement` has accepted the statement, so the input and output are shorter than `2^32`
(`check_statement_io`). -/
theorem check_global_fractions_total (vk : protocol.vk.VerifyingKey)
    (st : protocol.statement.Statement) (shapes : List air.TableShape)
    (dims : List protocol.stark.ProofDimensions)
    (hpv : st.public_values.length < 2 ^ 64)
    (hio : st.input.length + st.output.length + 6 < 2 ^ 64) :
    ∃ r, protocol.stark.check_global_fractions vk st shapes dims = .ok r := by
  apply check_global_fractions_total_of vk st shapes dims
  unfold air.boundary_messages
  obtain ⟨a, params⟩ := vk
  cases a with
  | Rv32imV2 prog =>
    simp only [air.num_public_values, pure_ok, ok_bind]
    split
    · exact ⟨_, rfl, fun m h => by cases h⟩
    · obtain ⟨r, hr, hlen⟩ := air.rv32im.statement.boundary_messages_total st.public_values
        st.input st.output hpv (by omega) (by omega)
      refine ⟨r, hr, fun m hm => ?_⟩
      have h1 := slice_len_toNat_le m.sends
      have h2 := slice_len_toNat_le m.receives
      have := hlen m hm
      omega

/-- What an accepting `check_statement` says of the input and output: at most
`MAX_IO_BYTES` (`2^32 - 1`) bytes each. -/
theorem check_statement_io (st : protocol.statement.Statement) (n : Usize)
    (hin : st.input.length < 2 ^ 64) (hout : st.output.length < 2 ^ 64)
    (h : protocol.statement.check_statement st n = .ok (.ok ())) :
    st.input.length < 2 ^ 32 ∧ st.output.length < 2 ^ 32 := by
  unfold protocol.statement.check_statement at h
  split at h
  · cases h
  obtain ⟨r, hr, h⟩ := Outcome.bind_eq_ok.mp h
  cases r with
  | ret x =>
    simp only at h
    have hq := loop_post hr (fun _ => True)
      (fun (r : Exit Usize (Except error.VerifyError Unit)) => match r with
        | .ret x => x ≠ .ok ()
        | .brk _ => True)
      (by
        intro i _ y hb
        dsimp only at hb
        split at hb
        · obtain ⟨a, -, hb⟩ := Outcome.bind_eq_ok.mp hb
          simp only [field.is_canonical, pure_ok, ok_bind] at hb
          split at hb
          · cases hb; intro h'; cases h'
          · obtain ⟨r, -, hb⟩ := Outcome.bind_eq_ok.mp hb
            cases hb; trivial
        · cases hb; trivial)
      trivial
    exact absurd (ok_inj.mp h) hq
  | brk x =>
    simp only at h
    split at h
    · cases h
    · rename_i hc
      simp only [Bool.or_eq_true, decide_eq_true_eq, not_or, gt_iff_lt, UInt64.not_lt] at hc
      have h1 := UInt64.le_iff_toNat_le.mp hc.1
      have h2 := UInt64.le_iff_toNat_le.mp hc.2
      rw [Slice.len_toNat _ hin] at h1
      rw [Slice.len_toNat _ hout] at h2
      have hm : protocol.statement.MAX_IO_BYTES.toNat = 2 ^ 32 - 1 := rfl
      omega

end Zkvm.Refinement.protocol.stark

namespace Zkvm.Refinement.air

open Zkvm.Extraction Zkvm.Extracted

/-- **`check_segment_values` never panics**, for public values, segments and each segment's
values shorter than `2^64`. `verify_segments` calls it with its statement and the segments'
copied values (`segs.map (·.segment_values)`), so this gives `verify_segments_total`'s `hcv`
(the lengths are those of Rust slices). -/
theorem check_segment_values_total (a : air.AirId) (st : protocol.statement.Statement)
    (values : List (List UInt32)) (hpv : st.public_values.length < 2 ^ 64)
    (hs : values.length < 2 ^ 64) (hw : ∀ v ∈ values, v.length < 2 ^ 64) :
    ∃ r, air.check_segment_values a st values = .ok r := by
  unfold air.check_segment_values
  split
  · exact ⟨_, rfl⟩
  · cases a with
    | Rv32imV2 _ =>
      obtain ⟨r, hr, -⟩ := rv32im.statement.check_segment_starts_spec st.public_values values
        hpv hs hw
      exact ⟨r, hr⟩

end Zkvm.Refinement.air
