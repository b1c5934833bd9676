module

public import Zkvm.Refinement.Protocol.Stark.Dimensions
public import Zkvm.Refinement.Protocol.Stark.ProofDims

/-!
# The structure of `verify_segments`

`crate::protocol::stark::verify_segments` runs its stages in order: the statement check, the
segment count, a first pass over the segments (segment-value count, `proof_dimensions`,
`all_fixed_tables`, `check_proof_shape`, copying the segment values), `check_segment_values`,
`check_global_fractions`, `shared_transcript` and `check_bus`, then a second pass over the
segments (`derive_challenges`, `check_fixed_at_zeta`, `segment_public_values`, `check_table_ood`
for every table, `check_queries`).

* `verify_segments_ok_iff`: it accepts exactly when every stage accepts (`SegmentsAccepted`,
  with each segment's dimensions and fixed tables as lists indexed like the segments); the two
  directions are `verify_segments_accepted` and `verify_segments_of_accepted`.
* `verify_segments_total`: it never panics or diverges, provided each stage it calls never
  panics on the arguments it receives (hypotheses, except `proof_dimensions`, which
  `proof_dimensions_of_table_shapes` covers, and the machine's constants and table shapes). The
  reads of a proof's openings and claimed sums are in bounds because `check_proof_shape`
  accepted them (`check_proof_shape_lens`).

Both hold for segments and segment values shorter than `2^64`, as every Rust slice is. Facts
about a loop whose result is known come from `loop_post` (partial correctness: an invariant of
every iteration that continues, and a postcondition of every iteration that stops).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.stark

open Zkvm.Extraction Zkvm.Extracted

/-- Partial correctness of `loop`: an invariant preserved by every iteration that continues,
and a postcondition of every iteration that stops, hold of any result the loop returns. -/
theorem loop_post_inv {σ ρ : Type} {measure : σ → Nat} {body : σ → Outcome (Step σ ρ)}
    (P : σ → Prop) (Q : ρ → Prop)
    (step : ∀ s, P s → ∀ x, body s = .ok x →
      match x with
      | .cont s' => P s'
      | .done r => Q r) :
    ∀ s, P s → ∀ r, loop measure body s = .ok r → Q r := by
  intro s
  induction h : measure s using Nat.strongRecOn generalizing s with
  | ind n ih =>
    intro hs r hr
    rw [loop_eq] at hr
    cases hb : body s with
    | ok x =>
      have hx := step s hs x hb
      rw [hb] at hr
      cases x with
      | cont s' =>
        simp only at hr hx
        by_cases hlt : measure s' < measure s
        · rw [if_pos hlt] at hr
          exact ih (measure s') (h ▸ hlt) s' rfl hx r hr
        · rw [if_neg hlt] at hr; cases hr
      | done r' =>
        simp only at hr hx
        cases hr; exact hx
    | panic p => rw [hb] at hr; cases hr
    | div => rw [hb] at hr; cases hr

/-- `loop_post_inv` for a loop whose result is known. -/
theorem loop_post {σ ρ : Type} {measure : σ → Nat} {body : σ → Outcome (Step σ ρ)}
    {init : σ}    {r : ρ} (h : loop measure body init = .ok r) (P : σ → Prop) (Q : ρ → Prop)
    (step : ∀ s, P s → ∀ x, body s = .ok x →
      match x with
      | .cont s' => P s'
      | .done r => Q r)
    (hinit : P init) : Q r :=
  loop_post_inv P Q step init hinit r h

/-- The loop copying a segment's values copies them all. -/
theorem segment_values_copy_loop (n : Usize) (l : List UInt32) (hl : l.length < 2 ^ 64) :
    loop (fun x : List UInt32 × Usize => 2 ^ 64 - UInt64.toNat x.snd)
      (fun x =>
        if x.snd < Slice.len l then do
          let a ← Slice.index l x.snd
          let r ← Usize.add x.snd 1
          Outcome.ok (Step.cont (Slice.push x.fst a, r))
        else Outcome.ok (Step.done (x.fst, x.snd)))
      (Slice.withCapacity n, 0) = .ok (l, Slice.len l) := by
  apply loop_count_eq _ _ _ _ (fun s => s.2) (fun _ => rfl)
    (P := fun (s : List UInt32 × Usize) => s.2.toNat ≤ l.length ∧ s.1 = l.take s.2.toNat)
  · intro ⟨v, i⟩ ⟨h1, hv⟩
    dsimp only at h1 hv
    by_cases hc : i < Slice.len l
    · have ht := (lt_len_iff i _ hl).mp hc
      obtain ⟨hsucc, e⟩ := succ_ok i _ ht hl
      left
      refine ⟨(v ++ [l[i.toNat]], i + 1), ?_, e, ?_, ?_⟩
      · simp only [if_pos hc, Slice.index_eq _ _ ht, ok_bind, hsucc, Slice.push]
      · dsimp only; omega
      · dsimp only
        rw [e, hv, List.take_add_one, List.getElem?_eq_getElem ht]; rfl
    · right
      refine ⟨(v, i), by simp only [if_neg hc], ?_⟩
      have : ¬ i.toNat < l.length := fun h => hc ((lt_len_iff i _ hl).mpr h)
      have hi : i = Slice.len l := UInt64.toNat_inj.mp (by rw [Slice.len_toNat _ hl]; omega)
      rw [hv, List.take_of_length_le (by omega), hi]
  · exact ⟨by simp, by simp [Slice.withCapacity]⟩

/-- `a.len()` is at most the length (it is the length for slices shorter than `2^64`). -/
theorem slice_len_toNat_le {α : Type} (l : List α) : (Slice.len l).toNat ≤ l.length := by
  simp [Slice.len, Nat.mod_le]

/-- A read `a[i]` that returned `a`: the element at `i` is `a`. -/
theorem slice_index_some {α : Type} {l : List α} {i : Usize} {a : α}
    (h : Slice.index l i = .ok a) :
    l[i.toNat]? = some a := by
  unfold Slice.index at h
  split at h
  · rename_i heq; cases h; exact heq
  · cases h

/-! ## The statement -/

/-- The first pass over one segment (shapes, before any hashing) accepts `p`: its segment values
have the count `nv`, `proof_dimensions` gives `d`, `all_fixed_tables` gives `f`, and
`check_proof_shape` accepts. -/
def ShapeAccepted (vk : protocol.vk.VerifyingKey) (shapes : List air.TableShape) (nv : Usize)
    (p : protocol.proof.Proof) (d : protocol.stark.ProofDimensions)
    (f : List (List air.FixedTable)) : Prop :=
  Slice.len p.segment_values = nv ∧
  protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) ∧
  protocol.stark.all_fixed_tables vk shapes d = .ok (.ok f) ∧
  protocol.stark.check_proof_shape p d vk.params = .ok (.ok ())

/-- Table `t`'s out-of-domain check accepts: the table's id, openings, dimensions and claimed
sum exist and `check_table_ood` accepts them. -/
def TableAccepted (vk : protocol.vk.VerifyingKey) (ids : List air.TableId) (pv : List UInt32)
    (p : protocol.proof.Proof) (d : protocol.stark.ProofDimensions)
    (ch : protocol.stark.Challenges) (t : Nat) : Prop :=
  ∃ id o td c, ids[t]? = some id ∧ p.openings[t]? = some o ∧ d.tables[t]? = some td ∧
    p.claimed_sums[t]? = some c ∧
    protocol.stark.check_table_ood id pv o td ch c vk.params.zk = .ok (.ok ())

/-- The second pass over segment `s` (proof `p`, dimensions `d`, fixed tables `f`) accepts:
`derive_challenges` gives challenges, `check_fixed_at_zeta` accepts, `segment_public_values`
gives the public values, every table's `check_table_ood` accepts, and `check_queries` accepts. -/
def SegmentChecked (H : List UInt8 → commit.hash.Digest) (vk : protocol.vk.VerifyingKey)
    (st : protocol.statement.Statement) (ids : List air.TableId)
    (shapes : List air.TableShape) (values : List (List UInt32)) (shared : transcript.Transcript)
    (point beta : field.extension.Ext) (s : Nat) (p : protocol.proof.Proof)
    (d : protocol.stark.ProofDimensions) (f : List (List air.FixedTable)) : Prop :=
  ∃ ch pv,
    protocol.stark.derive_challenges H vk shared point beta (UInt64.toUInt32 (UInt64.ofNat s))
      p d = .ok (.ok ch) ∧
    protocol.stark.check_fixed_at_zeta p d ch shapes f = .ok (.ok ()) ∧
    air.segment_public_values vk.air st values (UInt64.ofNat s) = .ok (.ok pv) ∧
    (∀ t, t < (Slice.len ids).toNat → t < (Slice.len d.tables).toNat →
      TableAccepted vk ids pv p d ch t) ∧
    protocol.stark.check_queries H p d ch = .ok (.ok ())

/-- Every stage `verify_segments` runs accepts: the statement, the segment count, each
segment's first pass (giving its dimensions `dims[s]` and fixed tables `fixed[s]`), the
segment values, the global fractions, the bus with the shared transcript's point and `beta`,
and each segment's second pass. -/
def SegmentsAccepted (H : List UInt8 → commit.hash.Digest) (vk : protocol.vk.VerifyingKey)
    (st : protocol.statement.Statement) (segs : List protocol.proof.Proof) : Prop :=
  ∃ (npv : Usize) (ids : List air.TableId) (shapes : List air.TableShape) (nv : Usize)
    (dims : List protocol.stark.ProofDimensions) (fixed : List (List (List air.FixedTable)))
    (shared : transcript.Transcript) (point beta : field.extension.Ext),
    air.num_public_values vk.air = .ok npv ∧
    protocol.statement.check_statement st npv = .ok (.ok ()) ∧
    segs ≠ [] ∧ segs.length ≤ protocol.proof.MAX_SEGMENTS.toNat ∧
    air.tables vk.air = .ok ids ∧
    protocol.stark.table_shapes vk.air = .ok shapes ∧
    air.num_segment_values vk.air = .ok nv ∧
    dims.length = segs.length ∧ fixed.length = segs.length ∧
    (∀ (s : Nat) p d f, segs[s]? = some p → dims[s]? = some d → fixed[s]? = some f →
      ShapeAccepted vk shapes nv p d f) ∧
    air.check_segment_values vk.air st (segs.map (·.segment_values)) = .ok (.ok ()) ∧
    protocol.stark.check_global_fractions vk st shapes dims = .ok (.ok ()) ∧
    protocol.stark.shared_transcript H vk st segs = .ok (shared, point, beta) ∧
    protocol.stark.check_bus vk st segs point beta = .ok (.ok ()) ∧
    (∀ (s : Nat) p d f, segs[s]? = some p → dims[s]? = some d → fixed[s]? = some f →
      SegmentChecked H vk st ids shapes (segs.map (·.segment_values)) shared point beta s p d f)

/-! ## Acceptance gives every stage's acceptance -/

/-- **Acceptance gives every stage's acceptance** (the direction soundness needs). -/
theorem verify_segments_accepted (H : List UInt8 → commit.hash.Digest)
    (vk : protocol.vk.VerifyingKey) (st : protocol.statement.Statement)
    (segs : List protocol.proof.Proof) (hsegs : segs.length < 2 ^ 64)
    (hvals : ∀ p ∈ segs, p.segment_values.length < 2 ^ 64)
    (h : protocol.stark.verify_segments H vk st segs = .ok (.ok ())) :
    SegmentsAccepted H vk st segs := by
  unfold protocol.stark.verify_segments at h
  obtain ⟨npv, hnpv, h⟩ := Outcome.bind_eq_ok.mp h
  obtain ⟨rc, hrc, h⟩ := Outcome.bind_eq_ok.mp h
  cases rc with
  | error e => cases h
  | ok u =>
    simp only at h
    split at h
    · cases h
    rename_i hcount
    obtain ⟨ids, hids, h⟩ := Outcome.bind_eq_ok.mp h
    obtain ⟨shapes, hshapes, h⟩ := Outcome.bind_eq_ok.mp h
    obtain ⟨nv, hnv, h⟩ := Outcome.bind_eq_ok.mp h
    obtain ⟨r1, hr1, h⟩ := Outcome.bind_eq_ok.mp h
    have hq1 := loop_post hr1
      (fun (x : List protocol.stark.ProofDimensions × List (List (List air.FixedTable)) ×
          List (List UInt32) × Usize) =>
        x.2.2.2.toNat ≤ segs.length ∧ x.1.length = x.2.2.2.toNat ∧
        x.2.1.length = x.2.2.2.toNat ∧
        x.2.2.1 = (segs.take x.2.2.2.toNat).map (·.segment_values) ∧
        ∀ (s : Nat) p d f, segs[s]? = some p → x.1[s]? = some d → x.2.1[s]? = some f →
          ShapeAccepted vk shapes nv p d f)
      (fun r => match r with
        | .ret x => x ≠ .ok ()
        | .brk x => x.1.length = segs.length ∧ x.2.1.length = segs.length ∧
          x.2.2.1 = segs.map (·.segment_values) ∧
          ∀ (s : Nat) p d f, segs[s]? = some p → x.1[s]? = some d → x.2.1[s]? = some f →
            ShapeAccepted vk shapes nv p d f)
      (by
        intro ⟨ad, af, vs, s⟩ ⟨hs, hla, hlf, hvs, hall⟩ x hb
        dsimp only at hs hla hlf hvs hall hb
        split at hb
        · rename_i hc
          have hlt := (lt_len_iff s segs hsegs).mp hc
          rw [Slice.index_eq segs s hlt, ok_bind] at hb
          split at hb
          · cases hb; intro h'; cases h'
          rename_i hnv'
          obtain ⟨rd, hrd, hb⟩ := Outcome.bind_eq_ok.mp hb
          cases rd with
          | error e => cases hb; intro h'; cases h'
          | ok d =>
          simp only [pure_ok, ok_bind] at hb
          obtain ⟨rf, hrf, hb⟩ := Outcome.bind_eq_ok.mp hb
          cases rf with
          | error e => cases hb; intro h'; cases h'
          | ok f =>
          simp only at hb
          obtain ⟨rp, hrp, hb⟩ := Outcome.bind_eq_ok.mp hb
          cases rp with
          | error e => cases hb; intro h'; cases h'
          | ok u =>
          simp only at hb
          obtain ⟨hsucc, e⟩ := succ_ok s _ hlt hsegs
          rw [segment_values_copy_loop _ _ (hvals _ (List.getElem_mem hlt)), ok_bind, hsucc,
            ok_bind] at hb
          cases hb
          dsimp only
          refine ⟨by omega, by simp [Slice.push, hla, e], by simp [Slice.push, hlf, e], ?_, ?_⟩
          · dsimp only
            rw [hvs, e, List.take_add_one, List.getElem?_eq_getElem hlt, Option.toList_some,
              List.map_append]
            rfl
          · intro k p' d' f' h1 h2 h3
            dsimp only [Slice.push] at h2 h3
            rcases Nat.lt_or_ge k s.toNat with hk | hk
            · rw [List.getElem?_append_left (by omega)] at h2 h3
              exact hall k p' d' f' h1 h2 h3
            · rw [List.getElem?_append_right (by omega), hla] at h2
              rw [List.getElem?_append_right (by omega), hlf] at h3
              rcases Nat.eq_or_lt_of_le hk with hk | hk
              · subst hk
                rw [List.getElem?_eq_getElem hlt] at h1
                simp only [Nat.sub_self, List.getElem?_cons_zero, Option.some.injEq] at h1 h2 h3
                subst h1 h2 h3
                exact ⟨Decidable.of_not_not hnv', hrd, hrf, hrp⟩
              · rw [List.getElem?_eq_none (by simp; omega)] at h2; cases h2
        · rename_i hc
          cases hb
          have hn : s.toNat = segs.length := by
            have : ¬ s.toNat < segs.length := fun h' => hc ((lt_len_iff s segs hsegs).mpr h')
            omega
          rw [hn, List.take_of_length_le (by omega)] at hvs
          dsimp only
          exact ⟨by omega, by omega, hvs, hall⟩)
      (by simp [Slice.withCapacity])
    have hne : segs ≠ [] := by
      intro h0; simp [h0, Slice.is_empty] at hcount
    have hle : segs.length ≤ protocol.proof.MAX_SEGMENTS.toNat := by
      have h0 : ¬ Slice.len segs > protocol.proof.MAX_SEGMENTS := by
        intro h0; simp [h0] at hcount
      rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, Slice.len_toNat segs hsegs] at h0; omega
    cases r1 with
    | ret x =>
      simp only at h hq1
      exact absurd (ok_inj.mp h) hq1
    | brk x =>
    obtain ⟨ad, af, vs, s⟩ := x
    obtain ⟨hla, hlf, hvs, hall⟩ := hq1
    dsimp only at hla hlf hvs hall
    simp only at h
    subst hvs
    obtain ⟨rcv, hcv, h⟩ := Outcome.bind_eq_ok.mp h
    cases rcv with
    | error e => cases h
    | ok u1 =>
    simp only at h
    obtain ⟨rgf, hgf, h⟩ := Outcome.bind_eq_ok.mp h
    cases rgf with
    | error e => cases h
    | ok u2 =>
    simp only at h
    obtain ⟨⟨shared, point, beta⟩, hsh, h⟩ := Outcome.bind_eq_ok.mp h
    simp only at h
    obtain ⟨rb, hbus, h⟩ := Outcome.bind_eq_ok.mp h
    cases rb with
    | error e => cases h
    | ok u3 =>
    simp only at h
    obtain ⟨r5, hr5, h⟩ := Outcome.bind_eq_ok.mp h
    have hq5 := loop_post hr5
      (fun (s : Usize) => s.toNat ≤ segs.length ∧ ∀ k < s.toNat, ∀ p d f,
        segs[k]? = some p → ad[k]? = some d → af[k]? = some f →
        SegmentChecked H vk st ids shapes (segs.map (·.segment_values)) shared point beta k p d f)
      (fun r => match r with
        | .ret x => x ≠ .ok ()
        | .brk _ => ∀ (k : Nat) p d f,
          segs[k]? = some p → ad[k]? = some d → af[k]? = some f →
          SegmentChecked H vk st ids shapes (segs.map (·.segment_values)) shared point beta k p d
            f)
      (by
        intro s ⟨hs, hP⟩ x hb
        dsimp only at hb
        split at hb
        · rename_i hc
          simp only [Bool.and_eq_true, decide_eq_true_eq] at hc
          have hlt := (lt_len_iff s segs hsegs).mp hc.1.1
          rw [Slice.index_eq segs s hlt, ok_bind, Slice.index_eq ad s (by omega), ok_bind] at hb
          obtain ⟨rch, hch, hb⟩ := Outcome.bind_eq_ok.mp hb
          cases rch with
          | error e => cases hb; intro h'; cases h'
          | ok ch =>
          simp only [pure_ok, ok_bind] at hb
          rw [Slice.index_eq af s (by omega), ok_bind] at hb
          obtain ⟨rz, hz, hb⟩ := Outcome.bind_eq_ok.mp hb
          cases rz with
          | error e => cases hb; intro h'; cases h'
          | ok uz =>
          simp only at hb
          obtain ⟨rpv, hpv, hb⟩ := Outcome.bind_eq_ok.mp hb
          cases rpv with
          | error e => cases hb; intro h'; cases h'
          | ok pv =>
          simp only at hb
          obtain ⟨r6, hr6, hb⟩ := Outcome.bind_eq_ok.mp hb
          have hq6 := loop_post hr6
            (fun (t : Usize) => ∀ k < t.toNat,
              TableAccepted vk ids pv segs[s.toNat] (ad[s.toNat]'(by omega)) ch k)
            (fun r => match r with
              | .ret x => x ≠ .ok ()
              | .brk _ => ∀ k, k < (Slice.len ids).toNat →
                  k < (Slice.len (ad[s.toNat]'(by omega)).tables).toNat →
                  TableAccepted vk ids pv segs[s.toNat] (ad[s.toNat]'(by omega)) ch k)
            (by
              intro t hP6 x hb
              split at hb
              · rename_i hc6
                simp only [Bool.and_eq_true, decide_eq_true_eq] at hc6
                have ht1 := UInt64.lt_iff_toNat_lt.mp hc6.1
                obtain ⟨id, hid, hb⟩ := Outcome.bind_eq_ok.mp hb
                obtain ⟨o, ho, hb⟩ := Outcome.bind_eq_ok.mp hb
                obtain ⟨td, htd, hb⟩ := Outcome.bind_eq_ok.mp hb
                obtain ⟨c, hcs, hb⟩ := Outcome.bind_eq_ok.mp hb
                obtain ⟨rt, hrt, hb⟩ := Outcome.bind_eq_ok.mp hb
                cases rt with
                | error e => cases hb; intro h'; cases h'
                | ok ut =>
                simp only at hb
                obtain ⟨hsucc, e⟩ := succ_ok t _ ht1 (UInt64.toNat_lt _)
                rw [hsucc, ok_bind] at hb
                cases hb
                intro k hk
                rw [e] at hk
                rcases Nat.lt_succ_iff_lt_or_eq.mp hk with hk | hk
                · exact hP6 k hk
                · subst hk
                  exact ⟨id, o, td, c, slice_index_some hid, slice_index_some ho,
                    slice_index_some htd, slice_index_some hcs, hrt⟩
              · rename_i hc6
                cases hb
                intro k hk1 hk2
                apply hP6
                have : ¬ (t.toNat < (Slice.len ids).toNat ∧
                    t.toNat < (Slice.len (ad[s.toNat]'(by omega)).tables).toNat) :=
                  fun ⟨a, b⟩ => hc6 (by
                    simp only [Bool.and_eq_true, decide_eq_true_eq]
                    exact ⟨UInt64.lt_iff_toNat_lt.mpr a, UInt64.lt_iff_toNat_lt.mpr b⟩)
                omega)
            (by intro k hk; simp at hk)
          cases r6 with
          | ret x6 =>
            simp only at hb hq6
            cases hb; exact hq6
          | brk t6 =>
          simp only at hb hq6
          obtain ⟨rq, hqq, hb⟩ := Outcome.bind_eq_ok.mp hb
          cases rq with
          | error e => cases hb; intro h'; cases h'
          | ok uq =>
          simp only at hb
          obtain ⟨hsucc, e⟩ := succ_ok s _ hlt hsegs
          rw [hsucc, ok_bind] at hb
          cases hb
          refine ⟨by omega, ?_⟩
          intro k hk p d f h1 h2 h3
          rw [e] at hk
          rcases Nat.lt_succ_iff_lt_or_eq.mp hk with hk | hk
          · exact hP k hk p d f h1 h2 h3
          · subst hk
            rw [List.getElem?_eq_getElem hlt, Option.some.injEq] at h1
            rw [List.getElem?_eq_getElem (by omega), Option.some.injEq] at h2 h3
            subst h1 h2 h3
            refine ⟨ch, pv, by rw [UInt64.ofNat_toNat]; exact hch, hz, ?_, hq6, hqq⟩
            rw [UInt64.ofNat_toNat]; exact hpv
        · rename_i hc
          cases hb
          intro k p d f h1 h2 h3
          have hk : k < segs.length := by
            rcases Nat.lt_or_ge k segs.length with hk | hk
            · exact hk
            · rw [List.getElem?_eq_none hk] at h1; cases h1
          apply hP k _ p d f h1 h2 h3
          have : ¬ s.toNat < segs.length := fun a => hc (by
            simp only [Bool.and_eq_true, decide_eq_true_eq]
            exact ⟨⟨(lt_len_iff _ _ hsegs).mpr a, (lt_len_iff _ _ (by omega)).mpr (by omega)⟩,
              (lt_len_iff _ _ (by omega)).mpr (by omega)⟩)
          omega)
      ⟨by simp, by intro k hk; simp at hk⟩
    cases r5 with
    | ret x =>
      simp only at h hq5
      exact absurd (ok_inj.mp h) hq5
    | brk _ =>
    exact ⟨npv, ids, shapes, nv, ad, af, shared, point, beta, hnpv, hrc, hne, hle, hids, hshapes,
      hnv, hla, hlf, hall, hcv, hgf, hsh, hbus, hq5⟩

/-- A read `a[i]` of an element that exists returns it. -/
theorem slice_index_of_some {α : Type} {l : List α} {i : Usize} {a : α}
    (h : l[i.toNat]? = some a) :
    Slice.index l i = .ok a := by
  unfold Slice.index; rw [h]

/-! ## Every stage's acceptance gives acceptance -/

/-- **Every stage's acceptance gives acceptance.** -/
theorem verify_segments_of_accepted (H : List UInt8 → commit.hash.Digest)
    (vk : protocol.vk.VerifyingKey) (st : protocol.statement.Statement)
    (segs : List protocol.proof.Proof) (hsegs : segs.length < 2 ^ 64)
    (hvals : ∀ p ∈ segs, p.segment_values.length < 2 ^ 64)
    (hA : SegmentsAccepted H vk st segs) :
    protocol.stark.verify_segments H vk st segs = .ok (.ok ()) := by
  obtain ⟨npv, ids, shapes, nv, dims, fixed, shared, point, beta, hnpv, hst, hne, hle, hids,
    hshapes, hnv, hld, hlf, hshape, hcv, hgf, hsh, hbus, hseg⟩ := hA
  have hcount : (Slice.is_empty segs || decide (Slice.len segs > protocol.proof.MAX_SEGMENTS)) =
      false := by
    have h1 : Slice.is_empty segs = false := by simp [Slice.is_empty, hne]
    have h2 : ¬ Slice.len segs > protocol.proof.MAX_SEGMENTS := by
      rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, Slice.len_toNat segs hsegs]; omega
    simp [h1, h2]
  unfold protocol.stark.verify_segments
  simp only [hnpv, hst, ok_bind, hcount, Bool.false_eq_true, ↓reduceIte, hids, hshapes, hnv]
  apply loop_count_bind _ _ _ _ (fun x => x.2.2.2) (fun _ => rfl)
    (P := fun (x : List protocol.stark.ProofDimensions × List (List (List air.FixedTable)) ×
        List (List UInt32) × Usize) =>
      x.2.2.2.toNat ≤ segs.length ∧ x.1 = dims.take x.2.2.2.toNat ∧
      x.2.1 = fixed.take x.2.2.2.toNat ∧
      x.2.2.1 = (segs.take x.2.2.2.toNat).map (·.segment_values))
    (Q := fun r => ∃ s', r = .brk (dims, fixed, segs.map (·.segment_values), s'))
  · intro ⟨ad, af, vs, s⟩ ⟨hs, had, haf, hvs⟩
    dsimp only at hs had haf hvs
    by_cases hc : s < Slice.len segs
    · have hlt := (lt_len_iff s segs hsegs).mp hc
      obtain ⟨hlen, hpd, hft, hcps⟩ := hshape s.toNat segs[s.toNat] (dims[s.toNat]'(by omega))
        (fixed[s.toNat]'(by omega)) (List.getElem?_eq_getElem hlt)
        (List.getElem?_eq_getElem (by omega)) (List.getElem?_eq_getElem (by omega))
      obtain ⟨hsucc, e⟩ := succ_ok s _ hlt hsegs
      left
      refine ⟨(ad ++ [dims[s.toNat]'(by omega)], af ++ [fixed[s.toNat]'(by omega)],
        vs ++ [segs[s.toNat].segment_values], s + 1), ?_, e, ?_⟩
      · simp only [hc, ↓reduceIte, Slice.index_eq segs s hlt, ok_bind, hlen, ne_eq,
          not_true_eq_false, hpd, hft, hcps, pure_ok, hsucc]
        rw [← hlen, segment_values_copy_loop _ _ (hvals _ (List.getElem_mem hlt)), ok_bind]
        rfl
      · dsimp only
        refine ⟨by omega, ?_, ?_, ?_⟩
        · rw [had, e, List.take_add_one, List.getElem?_eq_getElem (by omega), Option.toList_some]
        · rw [haf, e, List.take_add_one, List.getElem?_eq_getElem (by omega), Option.toList_some]
        · rw [hvs, e, List.take_add_one, List.getElem?_eq_getElem hlt, Option.toList_some,
            List.map_append]
          rfl
    · right
      refine ⟨.brk (ad, af, vs, s), by simp only [hc, ↓reduceIte, pure_ok], s, ?_⟩
      have hn : s.toNat = segs.length := by
        have : ¬ s.toNat < segs.length := fun h' => hc ((lt_len_iff s segs hsegs).mpr h')
        omega
      rw [had, haf, hvs, hn, List.take_of_length_le (by omega), List.take_of_length_le (by omega),
        List.take_of_length_le (by omega)]
  · exact ⟨by simp, by simp [Slice.withCapacity], by simp [Slice.withCapacity],
      by simp [Slice.withCapacity]⟩
  · intro r ⟨s', hr⟩
    subst hr
    simp only [hcv, ok_bind, hgf, hsh, hbus]
    apply loop_count_bind _ _ _ _ (fun x => x) (fun _ => rfl)
      (P := fun (s : Usize) => s.toNat ≤ segs.length)
      (Q := fun r => ∃ x, r = .brk x)
    · intro s hs
      by_cases hlt : s.toNat < segs.length
      · have hc : (decide (s < Slice.len segs) && decide (s < Slice.len dims) &&
            decide (s < Slice.len fixed)) = true := by
          simp only [Bool.and_eq_true, decide_eq_true_eq]
          exact ⟨⟨(lt_len_iff _ _ hsegs).mpr hlt, (lt_len_iff _ _ (by omega)).mpr (by omega)⟩,
            (lt_len_iff _ _ (by omega)).mpr (by omega)⟩
        obtain ⟨ch, pv, hch, hz, hpv, htab, hq⟩ := hseg s.toNat segs[s.toNat]
          (dims[s.toNat]'(by omega)) (fixed[s.toNat]'(by omega)) (List.getElem?_eq_getElem hlt)
          (List.getElem?_eq_getElem (by omega)) (List.getElem?_eq_getElem (by omega))
        rw [UInt64.ofNat_toNat] at hch hpv
        obtain ⟨hsucc, e⟩ := succ_ok s _ hlt hsegs
        left
        refine ⟨s + 1, ?_, e, by omega⟩
        simp only [hc, ↓reduceIte, Slice.index_eq segs s hlt, Slice.index_eq dims s (by omega),
          Slice.index_eq fixed s (by omega), ok_bind, hch, pure_ok, hz, hpv]
        apply loop_count_bind _ _ _ _ (fun x => x) (fun _ => rfl)
          (P := fun (_ : Usize) => True) (Q := fun r => ∃ x, r = .brk x)
        · intro t _
          by_cases ht : t.toNat < (Slice.len ids).toNat ∧
              t.toNat < (Slice.len (dims[s.toNat]'(by omega)).tables).toNat
          · obtain ⟨id, o, td, c, h1, h2, h3, h4, hood⟩ := htab t.toNat ht.1 ht.2
            have hc6 : (decide (t < Slice.len ids) &&
                decide (t < Slice.len (dims[s.toNat]'(by omega)).tables)) = true := by
              simp only [Bool.and_eq_true, decide_eq_true_eq]
              exact ⟨UInt64.lt_iff_toNat_lt.mpr ht.1, UInt64.lt_iff_toNat_lt.mpr ht.2⟩
            obtain ⟨hsucc6, e6⟩ := succ_ok t _ ht.1 (UInt64.toNat_lt _)
            left
            refine ⟨t + 1, ?_, e6, trivial⟩
            simp only [hc6, ↓reduceIte, slice_index_of_some h1, slice_index_of_some h2,
              slice_index_of_some h3, slice_index_of_some h4, ok_bind, hood, hsucc6]
          · have hc6 : (decide (t < Slice.len ids) &&
                decide (t < Slice.len (dims[s.toNat]'(by omega)).tables)) = false :=
              Bool.eq_false_iff.mpr (fun h' => ht (by
                simp only [Bool.and_eq_true, decide_eq_true_eq] at h'
                exact ⟨UInt64.lt_iff_toNat_lt.mp h'.1, UInt64.lt_iff_toNat_lt.mp h'.2⟩))
            right
            exact ⟨_, by simp only [hc6, Bool.false_eq_true, ↓reduceIte], t, rfl⟩
        · trivial
        · intro r ⟨x, hr⟩
          subst hr
          simp only [hq, ok_bind, hsucc]
      · have hc : (decide (s < Slice.len segs) && decide (s < Slice.len dims) &&
            decide (s < Slice.len fixed)) = false :=
          Bool.eq_false_iff.mpr (fun h' => hlt (by
            simp only [Bool.and_eq_true, decide_eq_true_eq] at h'
            exact (lt_len_iff _ _ hsegs).mp h'.1.1))
        right
        exact ⟨_, by simp only [hc, Bool.false_eq_true, ↓reduceIte, pure_ok], s, rfl⟩
    · simp
    · intro r ⟨x, hr⟩
      subst hr
      simp only [pure_ok]

/-- **`verify_segments` accepts exactly when every stage it runs accepts** (`SegmentsAccepted`),
for segments (and segment values) shorter than `2^64`, as every Rust slice is. -/
theorem verify_segments_ok_iff (H : List UInt8 → commit.hash.Digest)
    (vk : protocol.vk.VerifyingKey) (st : protocol.statement.Statement)
    (segs : List protocol.proof.Proof) (hsegs : segs.length < 2 ^ 64)
    (hvals : ∀ p ∈ segs, p.segment_values.length < 2 ^ 64) :
    protocol.stark.verify_segments H vk st segs = .ok (.ok ()) ↔ SegmentsAccepted H vk st segs :=
  ⟨verify_segments_accepted H vk st segs hsegs hvals,
    verify_segments_of_accepted H vk st segs hsegs hvals⟩

/-! ## Never panics, given that its stages never panic -/

/-- A counting loop whose every iteration runs (continuing with the index one higher, or
stopping) returns. -/
theorem loop_count_total {σ ρ : Type} (measure : σ → Nat) (body : σ → Outcome (Step σ ρ))
    (init : σ)
    (idx : σ → Usize) (hm : ∀ s, measure s = 2 ^ 64 - (idx s).toNat)
    (step : ∀ s, ∃ x, body s = .ok x ∧
      ∀ s', x = .cont s' → (idx s').toNat = (idx s).toNat + 1) :
    ∃ r, loop measure body init = .ok r := by
  obtain ⟨r, hr, _⟩ := loop_count measure body init idx hm (fun _ => True) (fun _ => True)
    (fun s _ => by
      obtain ⟨x, hx, hi⟩ := step s
      cases x with
      | cont s' => exact Or.inl ⟨s', hx, hi s' rfl, trivial⟩
      | done r => exact Or.inr ⟨r, hx, trivial⟩) trivial
  exact ⟨r, hr⟩

/-- `loop_count_total` followed by a continuation whose results satisfy `R`. -/
theorem loop_count_total_bind {σ ρ β : Type} (measure : σ → Nat)
    (body : σ → Outcome (Step σ ρ))
    (init : σ) (k : ρ → Outcome β) (R : β → Prop) (idx : σ → Usize)
    (hm : ∀ s, measure s = 2 ^ 64 - (idx s).toNat)
    (step : ∀ s, ∃ x, body s = .ok x ∧
      ∀ s', x = .cont s' → (idx s').toNat = (idx s).toNat + 1)
    (post : ∀ r, ∃ b, k r = .ok b ∧ R b) :
    ∃ b, (loop measure body init >>= k) = .ok b ∧ R b := by
  obtain ⟨r, hr⟩ := loop_count_total measure body init idx hm step
  obtain ⟨b, hb, hR⟩ := post r
  exact ⟨b, by rw [hr, ok_bind]; exact hb, hR⟩

/-- `loop_count_total` followed by a continuation that returns. -/
theorem loop_count_total_bind' {σ ρ β : Type} (measure : σ → Nat)
    (body : σ → Outcome (Step σ ρ))
    (init : σ) (k : ρ → Outcome β) (idx : σ → Usize)
    (hm : ∀ s, measure s = 2 ^ 64 - (idx s).toNat)
    (step : ∀ s, ∃ x, body s = .ok x ∧
      ∀ s', x = .cont s' → (idx s').toNat = (idx s).toNat + 1)
    (post : ∀ r, ∃ b, k r = .ok b) :
    ∃ b, (loop measure body init >>= k) = .ok b := by
  obtain ⟨r, hr⟩ := loop_count_total measure body init idx hm step
  obtain ⟨b, hb⟩ := post r
  exact ⟨b, by rw [hr, ok_bind]; exact hb⟩

/-- `loop_count` followed by a continuation that returns. -/
theorem loop_count_bind_ex {σ ρ β : Type} (measure : σ → Nat)
    (body : σ → Outcome (Step σ ρ))
    (init : σ) (k : ρ → Outcome β) (idx : σ → Usize)
    (hm : ∀ s, measure s = 2 ^ 64 - (idx s).toNat) (P : σ → Prop) (Q : ρ → Prop)
    (step : ∀ s, P s →
      (∃ s', body s = .ok (.cont s') ∧ (idx s').toNat = (idx s).toNat + 1 ∧ P s') ∨
      (∃ r, body s = .ok (.done r) ∧ Q r))
    (hinit : P init) (post : ∀ r, Q r → ∃ b, k r = .ok b) :
    ∃ b, (loop measure body init >>= k) = .ok b := by
  obtain ⟨r, hr, hq⟩ := loop_count measure body init idx hm P Q step hinit
  obtain ⟨b, hb⟩ := post r hq
  exact ⟨b, by rw [hr, ok_bind]; exact hb⟩

/-- What `check_proof_shape` accepted: as many claimed sums and table openings as tables. -/
theorem check_proof_shape_lens {p : protocol.proof.Proof} {d : protocol.stark.ProofDimensions}
    {params : protocol.params.StarkParams}
    (h : protocol.stark.check_proof_shape p d params = .ok (.ok ())) :
    Slice.len p.claimed_sums = Slice.len d.tables ∧
      Slice.len p.openings = Slice.len d.tables := by
  unfold protocol.stark.check_proof_shape at h
  dsimp only at h
  split at h
  · cases h
  · rename_i hc
    simp only [Bool.or_eq_true, decide_eq_true_eq, not_or, ne_eq, Classical.not_not] at hc
    exact ⟨hc.1.1.1.1, hc.1.1.1.2⟩

/-- **`verify_segments` never panics or diverges**, for segments (their segment values and
claimed heights) shorter than `2^64`, provided each stage never panics on the arguments it
receives: `check_bus`, `derive_challenges`, `check_fixed_at_zeta`, `check_table_ood` and
`check_queries` need to be total only at the arguments the loop passes them (after
`check_proof_shape` accepted the segment, on the transcript and challenges `shared_transcript`
and `derive_challenges` returned; `verify_segments_total` asks them on all arguments). -/
theorem verify_segments_total_at (H : List UInt8 → commit.hash.Digest)
    (vk : protocol.vk.VerifyingKey) (st : protocol.statement.Statement)
    (segs : List protocol.proof.Proof) (hsegs : segs.length < 2 ^ 64)
    (hvals : ∀ p ∈ segs, p.segment_values.length < 2 ^ 64)
    (hlh : ∀ p ∈ segs, p.log_heights.length < 2 ^ 64)
    (hst : ∀ n, ∃ r, protocol.statement.check_statement st n = .ok r)
    (haf : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes → ∀ p ∈ segs, ∀ d,
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      ∃ r, protocol.stark.all_fixed_tables vk shapes d = .ok r)
    (hcps : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes → ∀ p ∈ segs, ∀ d,
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      ∃ r, protocol.stark.check_proof_shape p d vk.params = .ok r)
    (hcv : ∃ r, air.check_segment_values vk.air st (segs.map (·.segment_values)) = .ok r)
    (hgf : ∀ shapes dims, ∃ r, protocol.stark.check_global_fractions vk st shapes dims = .ok r)
    (hsh : ∃ r, protocol.stark.shared_transcript H vk st segs = .ok r)
    (hbus : ∀ sh pt b, protocol.stark.shared_transcript H vk st segs = .ok (sh, pt, b) →
      ∃ r, protocol.stark.check_bus vk st segs pt b = .ok r)
    (hdc : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript H vk st segs = .ok (sh, pt, b) →
      ∃ r, protocol.stark.derive_challenges H vk sh pt b (UInt64.toUInt32 s) p d = .ok r)
    (hfz : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript H vk st segs = .ok (sh, pt, b) →
      ∀ f, protocol.stark.all_fixed_tables vk shapes d = .ok (.ok f) →
      ∀ ch, protocol.stark.derive_challenges H vk sh pt b (UInt64.toUInt32 s) p d = .ok (.ok ch) →
      ∃ r, protocol.stark.check_fixed_at_zeta p d ch shapes f = .ok r)
    (hpv : ∀ i,
      ∃ r, air.segment_public_values vk.air st (segs.map (·.segment_values)) i = .ok r)
    (hood : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript H vk st segs = .ok (sh, pt, b) →
      ∀ ch, protocol.stark.derive_challenges H vk sh pt b (UInt64.toUInt32 s) p d = .ok (.ok ch) →
      ∀ pv, air.segment_public_values vk.air st (segs.map (·.segment_values)) s = .ok (.ok pv) →
      ∀ ids, air.tables vk.air = .ok ids →
      ∀ (t : Nat) id o td c, ids[t]? = some id → p.openings[t]? = some o →
      d.tables[t]? = some td → p.claimed_sums[t]? = some c →
      ∃ r, protocol.stark.check_table_ood id pv o td ch c vk.params.zk = .ok r)
    (hq : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes →
      ∀ (s : Usize) p d, segs[s.toNat]? = some p →
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      protocol.stark.check_proof_shape p d vk.params = .ok (.ok ()) →
      ∀ sh pt b, protocol.stark.shared_transcript H vk st segs = .ok (sh, pt, b) →
      ∀ ch, protocol.stark.derive_challenges H vk sh pt b (UInt64.toUInt32 s) p d = .ok (.ok ch) →
      ∃ r, protocol.stark.check_queries H p d ch = .ok r) :
    ∃ r, protocol.stark.verify_segments H vk st segs = .ok r := by
  obtain ⟨shapes, hshapes, -⟩ := table_shapes_fit vk.air
  have hair : ∃ npv ids nv, air.num_public_values vk.air = .ok npv ∧
      air.tables vk.air = .ok ids ∧
      air.num_segment_values vk.air = .ok nv := by
    cases vk.air with
    | Rv32imV2 _ => exact ⟨_, _, _, rfl, rfl, rfl⟩
  obtain ⟨npv, ids, nv, hnpv, hids, hnv⟩ := hair
  unfold protocol.stark.verify_segments
  rw [hnpv, ok_bind]
  obtain ⟨rs, hrs⟩ := hst npv
  rw [hrs, ok_bind]
  cases rs with
  | error e => exact ⟨_, rfl⟩
  | ok u =>
  simp only
  split
  · exact ⟨_, rfl⟩
  rw [hids, ok_bind, hshapes, ok_bind, hnv, ok_bind]
  apply loop_count_bind_ex _ _ _ _ (fun x => x.2.2.2) (fun _ => rfl)
    (fun (x : List protocol.stark.ProofDimensions × List (List (List air.FixedTable)) ×
        List (List UInt32) × Usize) =>
      x.2.2.2.toNat ≤ segs.length ∧ x.1.length = x.2.2.2.toNat ∧
      x.2.1.length = x.2.2.2.toNat ∧
      x.2.2.1 = (segs.take x.2.2.2.toNat).map (·.segment_values) ∧
      (∀ (k : Nat) p d, segs[k]? = some p → x.1[k]? = some d →
        protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) ∧
        protocol.stark.check_proof_shape p d vk.params = .ok (.ok ())) ∧
      (∀ (k : Nat) d f, x.1[k]? = some d → x.2.1[k]? = some f →
        protocol.stark.all_fixed_tables vk shapes d = .ok (.ok f)))
    (fun (r : Exit (List protocol.stark.ProofDimensions × List (List (List air.FixedTable)) ×
        List (List UInt32) × Usize) (Except error.VerifyError Unit)) => match r with
      | .ret _ => True
      | .brk x => x.2.2.1 = segs.map (·.segment_values) ∧
        (∀ (k : Nat) p d, segs[k]? = some p → x.1[k]? = some d →
          protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) ∧
          protocol.stark.check_proof_shape p d vk.params = .ok (.ok ())) ∧
        (∀ (k : Nat) d f, x.1[k]? = some d → x.2.1[k]? = some f →
          protocol.stark.all_fixed_tables vk shapes d = .ok (.ok f)))
    (by
      intro ⟨ad, af, vs, s⟩ ⟨hs, hla, hlf, hvs, hall, hallf⟩
      dsimp only at hs hla hlf hvs hall hallf ⊢
      by_cases hc : s < Slice.len segs
      · have hlt := (lt_len_iff s segs hsegs).mp hc
        rw [if_pos hc, Slice.index_eq segs s hlt, ok_bind]
        split
        · exact Or.inr ⟨_, rfl, trivial⟩
        have hmem := List.getElem_mem hlt
        obtain ⟨shapes', hshapes', hrd'⟩ := proof_dimensions_of_table_shapes vk.air vk.params
          segs[s.toNat].log_heights (hlh _ hmem)
        rw [hshapes] at hshapes'
        cases hshapes'
        rw [hrd', ok_bind]
        cases hrdv : Zkvm.Spec.proofDims vk.params shapes segs[s.toNat].log_heights with
        | error e => exact Or.inr ⟨_, rfl, trivial⟩
        | ok d =>
        rw [hrdv] at hrd'
        simp only [pure_ok, ok_bind]
        obtain ⟨rf, hrf⟩ := haf shapes hshapes _ hmem d hrd'
        rw [hrf, ok_bind]
        cases rf with
        | error e => exact Or.inr ⟨_, rfl, trivial⟩
        | ok f =>
        simp only
        obtain ⟨rp, hrp⟩ := hcps shapes hshapes _ hmem d hrd'
        rw [hrp, ok_bind]
        cases rp with
        | error e => exact Or.inr ⟨_, rfl, trivial⟩
        | ok u =>
        simp only
        obtain ⟨hsucc, e⟩ := succ_ok s _ hlt hsegs
        rw [segment_values_copy_loop _ _ (hvals _ (List.getElem_mem hlt)), ok_bind, hsucc,
          ok_bind]
        refine Or.inl ⟨_, rfl, e, ?_⟩
        dsimp only
        refine ⟨by omega, by simp [Slice.push, hla, e], by simp [Slice.push, hlf, e], ?_, ?_,
          ?_⟩
        · rw [hvs, e, List.take_add_one, List.getElem?_eq_getElem hlt, Option.toList_some,
            List.map_append]
          rfl
        · intro k p' d' h1 h2
          dsimp only [Slice.push] at h2
          rcases Nat.lt_or_ge k s.toNat with hk | hk
          · rw [List.getElem?_append_left (by omega)] at h2
            exact hall k p' d' h1 h2
          · rw [List.getElem?_append_right (by omega), hla] at h2
            rcases Nat.eq_or_lt_of_le hk with hk | hk
            · subst hk
              rw [List.getElem?_eq_getElem hlt] at h1
              simp only [Nat.sub_self, List.getElem?_cons_zero, Option.some.injEq] at h1 h2
              subst h1 h2
              exact ⟨hrd', hrp⟩
            · rw [List.getElem?_eq_none (by simp; omega)] at h2; cases h2
        · intro k d' f' h2 h3
          dsimp only [Slice.push] at h2 h3
          rcases Nat.lt_or_ge k s.toNat with hk | hk
          · rw [List.getElem?_append_left (by omega)] at h2 h3
            exact hallf k d' f' h2 h3
          · rw [List.getElem?_append_right (by omega), hla] at h2
            rw [List.getElem?_append_right (by omega), hlf] at h3
            rcases Nat.eq_or_lt_of_le hk with hk | hk
            · subst hk
              simp only [Nat.sub_self, List.getElem?_cons_zero, Option.some.injEq] at h2 h3
              subst h2 h3
              exact hrf
            · rw [List.getElem?_eq_none (by simp; omega)] at h2; cases h2
      · rw [if_neg hc]
        refine Or.inr ⟨_, rfl, ?_⟩
        have hn : s.toNat = segs.length := by
          have : ¬ s.toNat < segs.length := fun h' => hc ((lt_len_iff s segs hsegs).mpr h')
          omega
        rw [hn, List.take_of_length_le (by omega)] at hvs
        exact ⟨hvs, hall, hallf⟩)
    ⟨by simp, by simp [Slice.withCapacity], by simp [Slice.withCapacity],
      by simp [Slice.withCapacity], by intro k p d _ h; simp [Slice.withCapacity] at h,
      by intro k d f h _; simp [Slice.withCapacity] at h⟩
  intro r1 hq1
  cases r1 with
  | ret x => exact ⟨_, rfl⟩
  | brk x =>
  obtain ⟨ad, af, vs, s⟩ := x
  obtain ⟨hvs, hall, hallf⟩ := hq1
  dsimp only at hvs hall hallf
  subst hvs
  simp only
  obtain ⟨rcv, hrcv⟩ := hcv
  rw [hrcv, ok_bind]
  cases rcv with
  | error e => exact ⟨_, rfl⟩
  | ok u1 =>
  simp only
  obtain ⟨rgf, hrgf⟩ := hgf shapes ad
  rw [hrgf, ok_bind]
  cases rgf with
  | error e => exact ⟨_, rfl⟩
  | ok u2 =>
  simp only
  obtain ⟨⟨shared, point, beta⟩, hrsh⟩ := hsh
  rw [hrsh, ok_bind]
  simp only
  obtain ⟨rb, hrb⟩ := hbus shared point beta hrsh
  rw [hrb, ok_bind]
  cases rb with
  | error e => exact ⟨_, rfl⟩
  | ok u3 =>
  simp only
  apply loop_count_total_bind' _ _ (0 : Usize) _ (fun x => x) (fun _ => rfl)
  · intro s
    dsimp only
    split
    · rename_i hc
      simp only [Bool.and_eq_true, decide_eq_true_eq] at hc
      have hlt := (lt_len_iff s segs hsegs).mp hc.1.1
      have hlt2 : s.toNat < ad.length :=
        Nat.lt_of_lt_of_le (UInt64.lt_iff_toNat_lt.mp hc.1.2) (slice_len_toNat_le ad)
      have hlt3 : s.toNat < af.length :=
        Nat.lt_of_lt_of_le (UInt64.lt_iff_toNat_lt.mp hc.2) (slice_len_toNat_le af)
      obtain ⟨hpd, hshape⟩ := hall s.toNat _ _ (List.getElem?_eq_getElem hlt)
        (List.getElem?_eq_getElem hlt2)
      have hfx := hallf s.toNat _ _ (List.getElem?_eq_getElem hlt2) (List.getElem?_eq_getElem hlt3)
      have hlens := check_proof_shape_lens hshape
      rw [Slice.index_eq segs s hlt, ok_bind, Slice.index_eq ad s hlt2, ok_bind]
      obtain ⟨rch, hrch⟩ :=
        hdc shapes hshapes s _ _ (List.getElem?_eq_getElem hlt) hpd hshape shared point beta hrsh
      rw [hrch, ok_bind]
      cases rch with
      | error e => exact ⟨_, rfl, fun s' h => by cases h⟩
      | ok ch =>
      simp only [pure_ok, ok_bind]
      rw [Slice.index_eq af s hlt3, ok_bind]
      obtain ⟨rz, hrz⟩ := hfz shapes hshapes s _ _ (List.getElem?_eq_getElem hlt) hpd hshape
        shared point beta hrsh _ hfx ch hrch
      rw [hrz, ok_bind]
      cases rz with
      | error e => exact ⟨_, rfl, fun s' h => by cases h⟩
      | ok uz =>
      simp only
      obtain ⟨rpv, hrpv⟩ := hpv s
      rw [hrpv, ok_bind]
      cases rpv with
      | error e => exact ⟨_, rfl, fun s' h => by cases h⟩
      | ok pv =>
      simp only
      apply loop_count_total_bind _ _ (0 : Usize) _ _ (fun x => x) (fun _ => rfl)
      · intro t
        dsimp only
        split
        · rename_i hc6
          simp only [Bool.and_eq_true, decide_eq_true_eq] at hc6
          have ht1 := UInt64.lt_iff_toNat_lt.mp hc6.1
          have ht2 := UInt64.lt_iff_toNat_lt.mp hc6.2
          have hto : t.toNat < segs[s.toNat].openings.length := by
            have := slice_len_toNat_le segs[s.toNat].openings
            rw [hlens.2] at this; omega
          have htc : t.toNat < segs[s.toNat].claimed_sums.length := by
            have := slice_len_toNat_le segs[s.toNat].claimed_sums
            rw [hlens.1] at this; omega
          have htt : t.toNat < ad[s.toNat].tables.length :=
            Nat.lt_of_lt_of_le ht2 (slice_len_toNat_le _)
          have hti : t.toNat < ids.length := Nat.lt_of_lt_of_le ht1 (slice_len_toNat_le _)
          rw [Slice.index_eq ids t hti, ok_bind, Slice.index_eq _ t hto, ok_bind,
            Slice.index_eq _ t htt, ok_bind, Slice.index_eq _ t htc, ok_bind]
          obtain ⟨rt, hrt⟩ := hood shapes hshapes s _ _ (List.getElem?_eq_getElem hlt) hpd
            hshape shared point beta hrsh ch hrch pv hrpv ids hids t.toNat _ _ _ _
            (List.getElem?_eq_getElem hti) (List.getElem?_eq_getElem hto)
            (List.getElem?_eq_getElem htt) (List.getElem?_eq_getElem htc)
          rw [hrt, ok_bind]
          cases rt with
          | error e => exact ⟨_, rfl, fun s' h => by cases h⟩
          | ok ut =>
          simp only
          obtain ⟨hsucc, e⟩ := succ_ok t _ ht1 (UInt64.toNat_lt _)
          rw [hsucc, ok_bind]
          refine ⟨_, rfl, fun s' h => ?_⟩
          cases h; exact e
        · exact ⟨_, rfl, fun s' h => by cases h⟩
      intro r6
      cases r6 with
      | ret x6 => exact ⟨_, rfl, fun s' h => by cases h⟩
      | brk t6 =>
      simp only
      obtain ⟨rq, hrq⟩ := hq shapes hshapes s _ _ (List.getElem?_eq_getElem hlt) hpd hshape
        shared point beta hrsh ch hrch
      rw [hrq, ok_bind]
      cases rq with
      | error e => exact ⟨_, rfl, fun s' h => by cases h⟩
      | ok uq =>
      simp only
      obtain ⟨hsucc, e⟩ := succ_ok s _ hlt hsegs
      rw [hsucc, ok_bind]
      refine ⟨_, rfl, fun s' h => ?_⟩
      cases h; exact e
    · exact ⟨_, rfl, fun s' h => by cases h⟩
  · intro r5
    cases r5 with
    | ret x => exact ⟨_, rfl⟩
    | brk x => exact ⟨_, rfl⟩

/-- **`verify_segments` never panics or diverges**, for segments (their segment values and
claimed heights) shorter than `2^64`, provided each stage it calls never panics on the arguments
it is given: the machine's table shapes, the segments, each segment's dimensions as
`proof_dimensions` returns them and its fixed tables as `all_fixed_tables` returns them, the
segment values. (`proof_dimensions` itself never panics here: `proof_dimensions_of_table_shapes`.)
-/
theorem verify_segments_total (H : List UInt8 → commit.hash.Digest)
    (vk : protocol.vk.VerifyingKey) (st : protocol.statement.Statement)
    (segs : List protocol.proof.Proof) (hsegs : segs.length < 2 ^ 64)
    (hvals : ∀ p ∈ segs, p.segment_values.length < 2 ^ 64)
    (hlh : ∀ p ∈ segs, p.log_heights.length < 2 ^ 64)
    (hst : ∀ n, ∃ r, protocol.statement.check_statement st n = .ok r)
    (haf : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes → ∀ p ∈ segs, ∀ d,
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      ∃ r, protocol.stark.all_fixed_tables vk shapes d = .ok r)
    (hcps : ∀ shapes, protocol.stark.table_shapes vk.air = .ok shapes → ∀ p ∈ segs, ∀ d,
      protocol.stark.proof_dimensions vk.params shapes p.log_heights = .ok (.ok d) →
      ∃ r, protocol.stark.check_proof_shape p d vk.params = .ok r)
    (hcv : ∃ r, air.check_segment_values vk.air st (segs.map (·.segment_values)) = .ok r)
    (hgf : ∀ shapes dims, ∃ r, protocol.stark.check_global_fractions vk st shapes dims = .ok r)
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
  verify_segments_total_at H vk st segs hsegs hvals hlh hst haf hcps hcv hgf hsh
    (fun _ pt b _ => hbus pt b)
    (by
      intro shapes hs _ p d hp hd _ sh pt b _
      exact hdc shapes hs p (List.mem_of_getElem? hp) d hd sh pt b _)
    (by
      intro shapes hs _ p d hp hd _ _ _ _ _ f hf ch _
      exact hfz shapes hs p (List.mem_of_getElem? hp) d f hd hf ch)
    hpv
    (by
      intro _ _ _ _ _ _ _ _ _ _ _ _ ch _ pv _ _ _ _ id o td c _ _ _ _
      exact hood id pv o td ch c)
    (by
      intro shapes hs _ p d hp hd _ _ _ _ _ ch _
      exact hq shapes hs p (List.mem_of_getElem? hp) d hd ch)

end Zkvm.Refinement.protocol.stark
