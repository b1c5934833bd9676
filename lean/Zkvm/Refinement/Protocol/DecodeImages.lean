module

public import Zkvm.Refinement.Protocol.Decode
public import Zkvm.Refinement.Field.Extension
public import Zkvm.Refinement.Protocol.Stark.VerifySegmentsTotal
public import Zkvm.Refinement.Protocol.Stark.QueryCheck

/-!
# What the proof decoder returns is the image of typed values

The readers of `crate::protocol::codec` and `crate::protocol::proof` check what they read: a
field element is canonical (`read_field`), an extension element is four of them (`read_ext`), a
digest is 32 bytes (`read_digest`), and every vector's length fits the bytes that remain
(`read_len`) and the decoder's limits (`read_bounded_len`). So whatever they return on success is
the image of typed values: `Ext4` elements (`toExt`), `Digest`s (`Digest.bytes`), canonical
`u32`s, with lengths bounded by the input's.

* codec level: `read_field_ok`, `read_ext_ok`, `read_digest_ok`, `read_len_ok`, and the vectors
  `read_field_vec_ok`, `read_ext_vec_ok`, `read_digest_vec_ok`, by one invariant of the shared
  element loop (`vec_loop_bind_ok`);
* proof level: `read_bounded_len_ok`, `read_u32_vec_ok`, `read_multi_opening_ok`,
  `read_fri_step_ok`, `read_caps_ok`, `read_table_openings_ok`, `read_query_ok`.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.decode

open Zkvm.Extraction Zkvm.Extracted
open Zkvm.Refinement.protocol.codec
open Zkvm.Refinement.field.extension (toExt)

/-! ## Typed images -/

/-- Every element of a list is an image: the list is the image of a list. -/
theorem exists_map_of_forall {α β : Type} (f : β → α) :
    ∀ (l : List α), (∀ a ∈ l, ∃ b, a = f b) → ∃ bs : List β, l = bs.map f
  | [], _ => ⟨[], rfl⟩
  | a :: l, h => by
    obtain ⟨b, hb⟩ := h a List.mem_cons_self
    obtain ⟨bs, hbs⟩ := exists_map_of_forall f l (fun x hx => h x (List.mem_cons_of_mem _ hx))
    exact ⟨b :: bs, by rw [hb, hbs]; rfl⟩

/-- Every element of a list is an image of a value satisfying `R`: the list is the image of a
list of such values. -/
theorem exists_map_of_forall' {α β : Type} (f : β → α) (R : β → Prop) :
    ∀ (l : List α), (∀ a ∈ l, ∃ b, a = f b ∧ R b) → ∃ bs : List β, l = bs.map f ∧ ∀ b ∈ bs, R b
  | [], _ => ⟨[], rfl, fun _ h => by cases h⟩
  | a :: l, h => by
    obtain ⟨b, hb, hR⟩ := h a List.mem_cons_self
    obtain ⟨bs, hbs, hR'⟩ :=
      exists_map_of_forall' f R l (fun x hx => h x (List.mem_cons_of_mem _ hx))
    refine ⟨b :: bs, by rw [hb, hbs]; rfl, fun x hx => ?_⟩
    rcases List.mem_cons.mp hx with rfl | hx
    · exact hR
    · exact hR' x hx

/-- A canonical `u32` is the image of a field element. -/
theorem exists_toU32 (a : UInt32) (h : a.toNat < Zkvm.Field.P) :
    ∃ b : Zkvm.Field.BabyBear, a = Zkvm.Refinement.field.toU32 b :=
  ⟨⟨a.toNat, h⟩, Zkvm.Refinement.field.eq_toU32 rfl⟩

/-- Four canonical `u32`s are the image of an extension element. -/
theorem exists_toExt (v : List UInt32) (hl : v.length = 4)
    (hc : ∀ a ∈ v, a.toNat < Zkvm.Field.P) : ∃ x : Zkvm.Field.Ext4, v = toExt x := by
  match v, hl with
  | [a0, a1, a2, a3], _ =>
    obtain ⟨b0, h0⟩ := exists_toU32 a0 (hc a0 (by simp))
    obtain ⟨b1, h1⟩ := exists_toU32 a1 (hc a1 (by simp))
    obtain ⟨b2, h2⟩ := exists_toU32 a2 (hc a2 (by simp))
    obtain ⟨b3, h3⟩ := exists_toU32 a3 (hc a3 (by simp))
    exact ⟨⟨b0, b1, b2, b3⟩, by rw [h0, h1, h2, h3]; rfl⟩

/-- Thirty-two bytes are the bytes of a digest. -/
theorem exists_digest (d : List UInt8) (h : d.length = 32) :
    ∃ D : Zkvm.Commit.Digest, d = D.bytes :=
  ⟨⟨d, h⟩, rfl⟩

/-! ## The codec's readers -/

/-- One read of a `(value, position)` pair in a hypothesis `h` that the function returned
`ok (ok _)`: the error case contradicts `h`; the ok case goes on with the rest. -/
local macro "ok_step " h:ident t:term " => " a:ident b:ident hr:ident : tactic => `(tactic| (
  obtain ⟨r, $hr:ident⟩ := $t
  rw [$hr:ident, ok_bind] at $h:ident
  rcases r with _ | ⟨$a:ident, $b:ident⟩
  · first | cases $h:ident | (simp only [pure_ok] at $h:ident; cases $h:ident) |
      simp at $h:ident
  simp only [pure_ok, ok_bind] at $h:ident))

/-- The extracted element loop's body is `vecBody`. -/
local macro "vec_body_tac " rd:term : tactic => `(tactic| (
  unfold vecBody; (try simp only []); split
  · generalize $rd = g
    cases g with
    | ok r =>
      simp only [ok_bind]
      cases r with
      | ok vn => obtain ⟨v, n⟩ := vn; first | rfl | simp only [] | skip
      | error e => first | rfl | simp only [] | skip
    | _ => first | rfl | skip
  · rfl))

/-- A loop followed by `k` that returned `b`: `k` ran on a result satisfying `Q`, by an
invariant `P`. -/
theorem loop_post {σ ρ β : Type} {M : σ → Nat} {B : σ → Outcome (Step σ ρ)} {init : σ}
    {k : ρ → Outcome β} {b : β} (P : σ → Prop) (Q : ρ → Prop)
    (step : ∀ s, P s →
      (∃ s', B s = .ok (.cont s') ∧ M s' < M s ∧ P s') ∨ (∃ r, B s = .ok (.done r) ∧ Q r))
    (hinit : P init) (h : (loop M B init >>= k) = .ok b) : ∃ r, k r = .ok b ∧ Q r := by
  obtain ⟨r, hr, hq⟩ := loop_ok M B init P Q step hinit
  rw [hr, ok_bind] at h
  exact ⟨r, h, hq⟩

variable {bytes : List UInt8} (hb : bytes.length < 2 ^ 64)

include hb

theorem read_field_ok {pos : Usize} {v : UInt32} {e : Usize}
    (h : protocol.codec.read_field bytes pos = .ok (.ok (v, e))) : v.toNat < Zkvm.Field.P := by
  obtain ⟨r, hr⟩ := read_u32_total bytes pos hb
  rw [read_field_of hr] at h
  rcases r with _ | ⟨w, e'⟩
  · cases h
  · simp only at h
    split at h
    · cases h; assumption
    · cases h

theorem read_len_ok {pos m len e : Usize}
    (h : protocol.codec.read_len bytes pos m = .ok (.ok (len, e))) :
    len.toNat * m.toNat ≤ bytes.length ∧ len.toNat < 2 ^ 32 := by
  obtain ⟨r, hr⟩ := read_u32_total bytes pos hb
  rcases r with _ | ⟨l, e'⟩
  · unfold protocol.codec.read_len at h
    rw [hr, ok_bind] at h
    cases h
  · rw [read_len_of hb hr m] at h
    split at h
    · rename_i hc
      cases h
      have := (read_u32_end hb hr).2
      refine ⟨?_, ?_⟩
      · simp only [UInt32.toNat_toUInt64]; omega
      · simp only [UInt32.toNat_toUInt64]; exact l.toNat_lt
    · cases h

theorem read_digest_ok {pos : Usize} {d : List UInt8} {e : Usize}
    (h : protocol.codec.read_digest bytes pos = .ok (.ok (d, e))) : d.length = 32 := by
  rw [read_digest_spec _ _ hb] at h
  split at h
  · split at h
    · cases h
    · cases h; simp; omega
  · cases h

theorem read_ext_ok {pos : Usize} {v : List UInt32} {e : Usize}
    (h : protocol.codec.read_ext bytes pos = .ok (.ok (v, e))) :
    v.length = 4 ∧ ∀ a ∈ v, a.toNat < Zkvm.Field.P := by
  unfold protocol.codec.read_ext at h
  dsimp only at h
  have key := loop_post
    (fun (s : Usize × field.extension.Ext × Usize) =>
      s.2.1.length = 4 ∧ ∀ a ∈ s.2.1, a.toNat < Zkvm.Field.P)
    (fun r => match r with
      | Exit.brk s => s.2.1.length = 4 ∧ ∀ a ∈ s.2.1, a.toNat < Zkvm.Field.P
      | Exit.ret x => ∃ err, x = Except.error err) ?step ?init h
  case init =>
    refine ⟨rfl, ?_⟩
    intro a ha
    simp only [field.extension.ZERO, List.mem_cons, List.not_mem_nil, or_false] at ha
    rcases ha with rfl | rfl | rfl | rfl <;> decide
  case step =>
    intro ⟨c, w, i⟩ ⟨hl, hc⟩
    simp only at hl hc
    by_cases hlt : i < 4
    · have hi : i.toNat < 4 := by rw [UInt64.lt_iff_toNat_lt] at hlt; simpa using hlt
      obtain ⟨r, hr⟩ := read_field_total bytes c hb
      cases r with
      | error err =>
        right
        exact ⟨Exit.ret (.error err), by simp only [hlt, if_true, hr, ok_bind]; rfl, err, rfl⟩
      | ok xn =>
        obtain ⟨x, next⟩ := xn
        have hx := read_field_ok hb hr
        left
        refine ⟨(next, w.set i.toNat x, i + 1), ?_, ?_, ?_⟩
        · simp only [hlt, if_true, hr, ok_bind, Slice.update_eq w i x (by omega),
            Usize.add_eq i 1 (by simp; omega)]
          rfl
        · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
          have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
          rw [e]; omega
        · refine ⟨by simp [hl], fun a ha => ?_⟩
          rcases List.mem_or_eq_of_mem_set ha with h1 | h1
          · exact hc a h1
          · rw [h1]; exact hx
    · right
      exact ⟨Exit.brk (c, w, i), by simp only [hlt, if_false]; rfl, hl, hc⟩
  obtain ⟨r, hk, hq⟩ := key
  cases r with
  | ret x =>
    obtain ⟨err, rfl⟩ := hq
    cases hk
  | brk s =>
    obtain ⟨c, w, i⟩ := s
    simp only [pure_ok] at hk
    cases hk
    exact hq

omit hb in
/-- What the element loop returned: on a break, elements each satisfying `Q`, as many as the
count; otherwise an error. -/
def VecOut {α γ : Type} (Q : α → Prop) (len : Usize) :
    Exit (Usize × List α × Usize) (Except error.VerifyError γ) → Prop
  | .brk s => (∀ v ∈ s.2.1, Q v) ∧ s.2.1.length = len.toNat
  | .ret x => ∃ err, x = .error err

omit hb in
/-- **The element loop's invariant**: if every element the reader returns satisfies `Q`, the
loop (followed by `k`, returning `b`) ran `k` on a `VecOut` result. -/
theorem vec_loop_bind_ok {α γ β : Type}
    (rd : List UInt8 → Usize → Outcome (Except error.VerifyError (α × Usize)))
    (len : Usize) (Q : α → Prop)
    (hrd : ∀ c, ∃ r, rd bytes c = .ok r)
    (hQ : ∀ c v n, rd bytes c = .ok (.ok (v, n)) → Q v)
    (M : Usize × List α × Usize → Nat)
    (B : Usize × List α × Usize → Outcome (Step (Usize × List α × Usize)
      (Exit (Usize × List α × Usize) (Except error.VerifyError γ))))
    (hM : ∀ s, M s = 2 ^ 64 - s.2.2.toNat) (hB : ∀ s, B s = vecBody rd bytes len s)
    (c0 : Usize) (k : Exit (Usize × List α × Usize) (Except error.VerifyError γ) → Outcome β)
    {b : β} (h : (loop M B (c0, [], 0) >>= k) = .ok b) :
    ∃ r, k r = .ok b ∧ VecOut Q len r := by
  refine loop_post
    (fun s => (∀ v ∈ s.2.1, Q v) ∧ s.2.1.length = s.2.2.toNat ∧ s.2.2.toNat ≤ len.toNat)
    (VecOut Q len) ?_ ⟨by simp, by simp, by simp⟩ h
  intro ⟨c, vs, i⟩ ⟨hQs, hl, hle⟩
  simp only at hQs hl hle
  rw [hB]
  unfold vecBody
  by_cases hlt : i < len
  · have hi : i.toNat < len.toNat := UInt64.lt_iff_toNat_lt.mp hlt
    have hlen := len.toNat_lt
    obtain ⟨r, hr⟩ := hrd c
    cases r with
    | error e =>
      right
      exact ⟨Exit.ret (.error e), by simp only [hlt, if_true, hr, ok_bind], e, rfl⟩
    | ok vn =>
      obtain ⟨v, next⟩ := vn
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      left
      refine ⟨(next, Slice.push vs v, i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, hr, ok_bind, Usize.add_eq i 1 (by simp; omega)]
      · rw [hM, hM]
        show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · refine ⟨?_, ?_, ?_⟩
        · intro x hx
          simp only [Slice.push, List.mem_append, List.mem_singleton] at hx
          rcases hx with hx | rfl
          · exact hQs x hx
          · exact hQ c x next hr
        · simp only [Slice.push, List.length_append, List.length_singleton, hl, e]
        · simp only [e]; omega
  · right
    have hi : ¬ i.toNat < len.toNat := fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
    exact ⟨Exit.brk (c, vs, i), by simp only [hlt, if_false], hQs, by simp only; omega⟩

/-- A vector reader's loop in hypothesis `h`: its result is a `VecOut`; an error contradicts
`h`; a break goes on with the rest (hypothesis `h'`), the elements' facts in `hq`. -/
local macro "vec_step " h:ident rd:term ", " bs:term ", " len:term ", " hrd:term ", " hQ:term " => " c:ident vs:ident
    i:ident hq:ident h':ident : tactic => `(tactic| (
  obtain ⟨r, $h':ident, $hq:ident⟩ := vec_loop_bind_ok $rd $len _ $hrd $hQ _ _ (fun _ => rfl)
    (fun s => by vec_body_tac ($rd $bs s.1)) _ _ $h:ident
  clear $h:ident
  rcases r with s | x
  rotate_left
  · obtain ⟨err, hx⟩ := $hq:ident
    subst hx
    first
      | (simp only [pure_ok, Outcome.ok.injEq, reduceCtorEq] at $h':ident; done)
      | (simp at $h':ident; done)
      | cases $h':ident
  obtain ⟨$c:ident, $vs:ident, $i:ident⟩ := s
  simp only [pure_ok, ok_bind] at $h':ident))

theorem read_field_vec_ok {pos : Usize} {vs : List UInt32} {e : Usize}
    (h : protocol.codec.read_field_vec bytes pos = .ok (.ok (vs, e))) :
    (∀ a ∈ vs, a.toNat < Zkvm.Field.P) ∧ vs.length * 4 ≤ bytes.length := by
  unfold protocol.codec.read_field_vec at h
  ok_step h (read_len_total bytes pos 4 hb) => len cursor hl
  have hlen := read_len_ok hb hl
  simp only [Slice.withCapacity] at h
  vec_step h protocol.codec.read_field, bytes, len, (fun c => read_field_total bytes c hb),
    (fun c v n hr => read_field_ok hb hr) => c' ws i hq hk
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk
  obtain ⟨rfl, rfl⟩ := hk
  exact ⟨hq.1, by rw [hq.2]; simpa using hlen.1⟩

theorem read_ext_vec_ok {pos : Usize} {vs : List (List UInt32)} {e : Usize}
    (h : protocol.codec.read_ext_vec bytes pos = .ok (.ok (vs, e))) :
    (∃ xs : List Zkvm.Field.Ext4, vs = xs.map toExt) ∧ vs.length * 16 ≤ bytes.length := by
  unfold protocol.codec.read_ext_vec at h
  ok_step h (read_len_total bytes pos 16 hb) => len cursor hl
  have hlen := read_len_ok hb hl
  simp only [Slice.withCapacity] at h
  vec_step h protocol.codec.read_ext, bytes, len, (fun c => read_ext_total bytes c hb),
    (fun c v n hr => read_ext_ok hb hr) => c' ws i hq hk
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk
  obtain ⟨rfl, rfl⟩ := hk
  exact ⟨exists_map_of_forall toExt _ (fun v hv => exists_toExt v (hq.1 v hv).1 (hq.1 v hv).2),
    by rw [hq.2]; simpa using hlen.1⟩

theorem read_digest_vec_ok {pos : Usize} {vs : List (List UInt8)} {e : Usize}
    (h : protocol.codec.read_digest_vec bytes pos = .ok (.ok (vs, e))) :
    (∃ ds : List Zkvm.Commit.Digest, vs = ds.map Zkvm.Commit.Digest.bytes) ∧
      vs.length * 32 ≤ bytes.length := by
  unfold protocol.codec.read_digest_vec at h
  ok_step h (read_len_total bytes pos 32 hb) => len cursor hl
  have hlen := read_len_ok hb hl
  simp only [Slice.withCapacity] at h
  vec_step h protocol.codec.read_digest, bytes, len, (fun c => read_digest_total bytes c hb),
    (fun c v n hr => read_digest_ok hb hr) => c' ws i hq hk
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk
  obtain ⟨rfl, rfl⟩ := hk
  exact ⟨exists_map_of_forall _ _ (fun v hv => exists_digest v (hq.1 v hv)),
    by rw [hq.2]; simpa using hlen.1⟩

/-! ## The proof's readers -/

theorem read_bounded_len_ok {pos m max len e : Usize}
    (h : protocol.proof.read_bounded_len bytes pos m max = .ok (.ok (len, e))) :
    len.toNat * m.toNat ≤ bytes.length ∧ len.toNat ≤ max.toNat := by
  unfold protocol.proof.read_bounded_len at h
  ok_step h (read_len_total bytes pos m hb) => l n hl
  have hlen := read_len_ok hb hl
  split at h
  · cases h
  · rename_i hc
    simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at h
    obtain ⟨rfl, rfl⟩ := h
    refine ⟨hlen.1, ?_⟩
    rw [gt_iff_lt, UInt64.lt_iff_toNat_lt] at hc
    omega

theorem read_u32_vec_ok {pos max : Usize} {vs : List UInt32} {e : Usize}
    (h : protocol.proof.read_u32_vec bytes pos max = .ok (.ok (vs, e))) :
    vs.length ≤ max.toNat := by
  unfold protocol.proof.read_u32_vec at h
  ok_step h (protocol.proof.read_bounded_len_total bytes hb pos 4 max) => len cursor hl
  have hlen := read_bounded_len_ok hb hl
  simp only [Slice.withCapacity] at h
  vec_step h protocol.codec.read_u32, bytes, len, (fun c => read_u32_total bytes c hb),
    (fun c v n (hr : protocol.codec.read_u32 bytes c = .ok (.ok (v, n))) => trivial) =>
    c' ws i hq hk
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk
  obtain ⟨rfl, rfl⟩ := hk
  rw [hq.2]; exact hlen.2

theorem read_multi_opening_ok {pos : Usize} {limits : protocol.proof.DecodeLimits}
    {o : protocol.proof.MultiOpening} {e : Usize}
    (h : protocol.proof.read_multi_opening bytes pos limits = .ok (.ok (o, e))) :
    ∃ path, Zkvm.Refinement.protocol.stark.OpeningOk o path ∧
      o.rows.length ≤ limits.max_matrices.toNat := by
  unfold protocol.proof.read_multi_opening at h
  ok_step h (protocol.proof.read_bounded_len_total bytes hb pos 4 limits.max_matrices) =>
    count cursor hl
  have hc := read_bounded_len_ok hb hl
  simp only [Slice.withCapacity] at h
  vec_step h protocol.codec.read_field_vec, bytes, count, (fun c => read_field_vec_total bytes c hb),
    (fun c v n hr => read_field_vec_ok hb hr) => c' rows i hq hk
  ok_step hk (read_digest_vec_total bytes c' hb) => path pend hp
  have hpath := read_digest_vec_ok hb hp
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk
  obtain ⟨rfl, rfl⟩ := hk
  obtain ⟨ds, hds⟩ := hpath.1
  have hdl : ds.length * 32 ≤ bytes.length := by
    have := hpath.2; rw [hds, List.length_map] at this; exact this
  refine ⟨ds, ?_, by simp only; rw [hq.2]; exact hc.2⟩
  unfold Zkvm.Refinement.protocol.stark.OpeningOk
  refine ⟨by simp only; rw [hq.2]; exact count.toNat_lt, fun r hr => ?_, fun r hr => ?_,
    by simp only; exact hds, by omega⟩
  · have := (hq.1 r hr).2; omega
  · exact (hq.1 r hr).1

/-- A FRI step of typed siblings and path. -/
def friStepOf (x : List Zkvm.Field.Ext4 × List Zkvm.Commit.Digest) : protocol.proof.FriQueryStep :=
  ⟨x.1.map toExt, x.2.map Zkvm.Commit.Digest.bytes⟩

theorem read_fri_step_ok {pos : Usize} {st : protocol.proof.FriQueryStep} {e : Usize}
    (h : protocol.proof.read_fri_step bytes pos = .ok (.ok (st, e))) :
    ∃ x, st = friStepOf x ∧ x.1.length < 2 ^ 64 ∧ x.2.length < 2 ^ 64 := by
  unfold protocol.proof.read_fri_step at h
  ok_step h (read_ext_vec_total bytes pos hb) => sibs p1 h1
  ok_step h (read_digest_vec_total bytes p1 hb) => path p2 h2
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at h
  obtain ⟨rfl, rfl⟩ := h
  obtain ⟨⟨xs, hxs⟩, hl1⟩ := read_ext_vec_ok hb h1
  obtain ⟨⟨ds, hds⟩, hl2⟩ := read_digest_vec_ok hb h2
  rw [hxs, List.length_map] at hl1
  rw [hds, List.length_map] at hl2
  exact ⟨(xs, ds), by rw [hxs, hds]; rfl, by simp only; omega, by simp only; omega⟩

theorem read_query_ok {pos : Usize} {limits : protocol.proof.DecodeLimits}
    {q : protocol.proof.QueryProof} {e : Usize}
    (h : protocol.proof.read_query bytes pos limits = .ok (.ok (q, e))) :
    ∃ qd, Zkvm.Refinement.protocol.stark.QueryDataOk q qd := by
  unfold protocol.proof.read_query at h
  ok_step h (protocol.proof.read_multi_opening_total bytes hb pos limits) => main p1 h1
  ok_step h (protocol.proof.read_multi_opening_total bytes hb p1 limits) => aux p2 h2
  ok_step h (protocol.proof.read_multi_opening_total bytes hb p2 limits) => quot p3 h3
  ok_step h (protocol.proof.read_bounded_len_total bytes hb p3 protocol.proof.MIN_FRI_STEP_BYTES
    limits.max_fri_rounds) => ns cursor h4
  simp only [Slice.withCapacity] at h
  vec_step h protocol.proof.read_fri_step, bytes, ns,
    (fun c => protocol.proof.read_fri_step_total bytes hb c),
    (fun c v n hr => read_fri_step_ok hb hr) => c' steps i hq hk
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk
  obtain ⟨rfl, rfl⟩ := hk
  obtain ⟨mp, hm, -⟩ := read_multi_opening_ok hb h1
  obtain ⟨ap, ha, -⟩ := read_multi_opening_ok hb h2
  obtain ⟨qp, hqo, -⟩ := read_multi_opening_ok hb h3
  obtain ⟨L, hL, hLR⟩ := exists_map_of_forall' friStepOf
    (fun x => x.1.length < 2 ^ 64 ∧ x.2.length < 2 ^ 64) steps
    (fun v hv => hq.1 v hv)
  have hsl : steps.length < 2 ^ 64 := by rw [hq.2]; exact ns.toNat_lt
  refine ⟨⟨mp, ap, qp, L.map (·.2), L.map (·.1)⟩, ?_⟩
  unfold Zkvm.Refinement.protocol.stark.QueryDataOk
  simp only
  subst hL
  refine ⟨hm, ha, hqo, by simp, by simp, fun r h h' => ?_, fun r h h' => ?_, fun p hp => ?_,
    hsl, fun r h => ?_⟩
  · simp [friStepOf]
  · simp [friStepOf]
  · obtain ⟨x, hx, rfl⟩ := List.mem_map.mp hp
    exact (hLR x hx).2
  · simp only [List.getElem_map]
    exact (hLR _ (List.getElem_mem _)).1

theorem read_caps_ok {pos : Usize} {limits : protocol.proof.DecodeLimits}
    {cs : List (List (List UInt8))} {e : Usize}
    (h : protocol.proof.read_caps bytes pos limits = .ok (.ok (cs, e))) :
    ∃ caps : List (List Zkvm.Commit.Digest),
      cs = caps.map (fun c => c.map Zkvm.Commit.Digest.bytes) ∧
      (∀ c ∈ caps, c.length * 32 ≤ bytes.length) ∧ caps.length ≤ limits.max_fri_rounds.toNat := by
  unfold protocol.proof.read_caps at h
  ok_step h (protocol.proof.read_bounded_len_total bytes hb pos protocol.proof.MIN_CAP_BYTES
    limits.max_fri_rounds) => count cursor hl
  have hc := read_bounded_len_ok hb hl
  simp only [Slice.withCapacity] at h
  vec_step h protocol.codec.read_digest_vec, bytes, count, (fun c => read_digest_vec_total bytes c hb),
    (fun c v n hr => read_digest_vec_ok hb hr) => c' ws i hq hk
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk
  obtain ⟨rfl, rfl⟩ := hk
  obtain ⟨caps, hcaps, hR⟩ := exists_map_of_forall'
    (fun (c : List Zkvm.Commit.Digest) => c.map Zkvm.Commit.Digest.bytes)
    (fun (c : List Zkvm.Commit.Digest) => c.length * 32 ≤ bytes.length) ws (fun v hv => by
      obtain ⟨⟨ds, hds⟩, hl⟩ := hq.1 v hv
      exact ⟨ds, hds, by rw [hds, List.length_map] at hl; exact hl⟩)
  refine ⟨caps, hcaps, hR, ?_⟩
  have := hq.2
  rw [hcaps, List.length_map] at this
  rw [this]; exact hc.2

/-- A table's openings whose five lists each fit in the bytes (16 bytes an element). -/
def OodFits (n : Nat) (s : Zkvm.Refinement.protocol.stark.OodSpec) : Prop :=
  s.mainLocal.length * 16 ≤ n ∧ s.mainNext.length * 16 ≤ n ∧ s.auxLocal.length * 16 ≤ n ∧
    s.auxNext.length * 16 ≤ n ∧ s.quotient.length * 16 ≤ n

theorem read_table_openings_ok {pos : Usize} {o : protocol.proof.TableOpenings} {e : Usize}
    (h : protocol.proof.read_table_openings bytes pos = .ok (.ok (o, e))) :
    ∃ s, o = Zkvm.Refinement.protocol.stark.toOpenings s ∧ OodFits bytes.length s := by
  unfold protocol.proof.read_table_openings at h
  ok_step h (read_ext_vec_total bytes pos hb) => l1 p1 h1
  ok_step h (read_ext_vec_total bytes p1 hb) => l2 p2 h2
  ok_step h (read_ext_vec_total bytes p2 hb) => l3 p3 h3
  ok_step h (read_ext_vec_total bytes p3 hb) => l4 p4 h4
  ok_step h (read_ext_vec_total bytes p4 hb) => l5 p5 h5
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at h
  obtain ⟨rfl, rfl⟩ := h
  obtain ⟨⟨x1, e1⟩, b1⟩ := read_ext_vec_ok hb h1
  obtain ⟨⟨x2, e2⟩, b2⟩ := read_ext_vec_ok hb h2
  obtain ⟨⟨x3, e3⟩, b3⟩ := read_ext_vec_ok hb h3
  obtain ⟨⟨x4, e4⟩, b4⟩ := read_ext_vec_ok hb h4
  obtain ⟨⟨x5, e5⟩, b5⟩ := read_ext_vec_ok hb h5
  subst e1 e2 e3 e4 e5
  simp only [List.length_map] at b1 b2 b3 b4 b5
  exact ⟨⟨x1, x2, x3, x4, x5⟩, rfl, b1, b2, b3, b4, b5⟩


/-! ## Segments -/

/-- The element loop's body is `vecBody`, for a reader given as a function (`congr` on the
bind's continuation). -/
local macro "vec_body_fun_tac" : tactic => `(tactic| (
  unfold vecBody; (try simp only []); split
  · congr 1
    funext r
    rcases r with _ | ⟨v, n⟩ <;> rfl
  · rfl))

/-- The element loop, for a reader given as a function `rd` (see `vec_step`). -/
local macro "vec_step_fun " h:ident rd:term ", " len:term ", " hrd:term ", " hQ:term " => "
    c:ident vs:ident i:ident hq:ident h':ident : tactic => `(tactic| (
  obtain ⟨r, $h':ident, $hq:ident⟩ := vec_loop_bind_ok $rd $len _ $hrd $hQ _ _ (fun _ => rfl)
    (fun s => by vec_body_fun_tac) _ _ $h:ident
  clear $h:ident
  rcases r with s | x
  rotate_left
  · obtain ⟨err, hx⟩ := $hq:ident
    subst hx
    first
      | (simp only [pure_ok, Outcome.ok.injEq, reduceCtorEq] at $h':ident; done)
      | (simp at $h':ident; done)
      | cases $h':ident
  obtain ⟨$c:ident, $vs:ident, $i:ident⟩ := s
  simp only [pure_ok, ok_bind] at $h':ident))

omit hb in
/-- **What `verify_segments` needs of one decoded segment**: its layout fits (`ProofFits`), its
prover messages and query openings are images of typed values (`SegmentMsgs`,
`QueryDataOk`), its header's lists are short and its main cap and claimed sums are images. -/
structure SegOk (p : protocol.proof.Proof) : Prop where
  fits : Zkvm.Refinement.protocol.stark.ProofFits p
  msgs : ∃ pf os, Zkvm.Refinement.protocol.stark.SegmentMsgs p pf os
  qd : ∃ QD : Nat → Zkvm.Refinement.protocol.stark.QueryData,
    ∀ q (hq : q < p.queries.length),
      Zkvm.Refinement.protocol.stark.QueryDataOk p.queries[q] (QD q)
  vals : p.segment_values.length < 2 ^ 30
  lh : p.log_heights.length < 2 ^ 30
  main : ∃ mc : List Zkvm.Commit.Digest,
    p.main_commitment = mc.map Zkvm.Commit.Digest.bytes ∧ mc.length < 2 ^ 27
  sums : ∃ cs : List Zkvm.Field.Ext4, p.claimed_sums = cs.map toExt

omit hb in
/-- Typed data for every element of a list gives a function on indices. -/
theorem choose_fn {α β : Type} [Inhabited β] (l : List α) (R : α → β → Prop)
    (h : ∀ a ∈ l, ∃ b, R a b) : ∃ f : Nat → β, ∀ q (hq : q < l.length), R l[q] (f q) := by
  refine ⟨fun q => if hq : q < l.length then Classical.choose (h l[q] (List.getElem_mem hq))
    else default, fun q hq => ?_⟩
  simp only [hq, dif_pos]
  exact Classical.choose_spec (h l[q] (List.getElem_mem hq))

instance : Inhabited Zkvm.Refinement.protocol.stark.QueryData := ⟨⟨[], [], [], [], []⟩⟩

/-- **A decoded segment satisfies `SegOk`**, for proof bytes shorter than `2^32` and at most
`2^30` tables. -/
theorem read_segment_ok (hb32 : bytes.length < 2 ^ 32) {pos : Usize}
    {limits : protocol.proof.DecodeLimits} (hmt : limits.max_tables.toNat < 2 ^ 30)
    {p : protocol.proof.Proof} {e : Usize}
    (h : protocol.proof.read_segment bytes pos limits = .ok (.ok (p, e))) : SegOk p := by
  unfold protocol.proof.read_segment at h
  ok_step h (protocol.proof.read_u32_vec_total bytes hb pos protocol.proof.MAX_SEGMENT_VALUES) =>
    sv p0 h0
  have hsv := read_u32_vec_ok hb h0
  have key := loop_post (fun (_ : Usize) => True)
    (fun r => match r with
      | Exit.brk _ => True
      | Exit.ret x => ∃ err, x = Except.error err) ?step trivial h
  case step =>
    intro v _
    by_cases hlt : v < Slice.len sv
    · have hv : v.toNat < sv.length := by
        have h1 := UInt64.lt_iff_toNat_lt.mp hlt
        have h2 : (Slice.len sv).toNat ≤ sv.length := by
          simp only [Slice.len]; exact Nat.mod_le _ _
        omega
      have hlt' := UInt64.lt_iff_toNat_lt.mp hlt
      have hv64 := (Slice.len sv).toNat_lt
      by_cases hc : sv[v.toNat].toNat < Zkvm.Field.P
      · left
        refine ⟨v + 1, ?_, ?_, trivial⟩
        · simp only [hlt, if_true, Slice.index_eq sv v hv, ok_bind,
            Zkvm.Refinement.field.is_canonical_spec, hc, decide_true, Bool.not_true,
            Bool.false_eq_true, if_false, Usize.add_eq v 1 (by simp; omega)]
        · show 2 ^ 64 - (v + 1).toNat < 2 ^ 64 - v.toNat
          have e : (v + 1).toNat = v.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
          rw [e]; omega
      · right
        refine ⟨Exit.ret (Except.error error.VerifyError.NonCanonicalFieldElement), ?_, _, rfl⟩
        simp only [hlt, if_true, Slice.index_eq sv v hv, ok_bind,
          Zkvm.Refinement.field.is_canonical_spec, hc, decide_false, Bool.not_false, if_true]
    · right
      exact ⟨Exit.brk v, by simp only [hlt, if_false], trivial⟩
  obtain ⟨r, hk, hq⟩ := key
  clear h
  rcases r with _ | x
  rotate_left
  · obtain ⟨err, hx⟩ := hq
    subst hx
    first
      | (simp only [Outcome.ok.injEq, reduceCtorEq] at hk; done)
      | (simp at hk; done)
  simp only at hk
  ok_step hk (protocol.proof.read_u32_vec_total bytes hb p0 limits.max_tables) => lh p1 h1
  ok_step hk (read_digest_vec_total bytes p1 hb) => mc p2 h2
  ok_step hk (read_digest_vec_total bytes p2 hb) => ac p3 h3
  ok_step hk (read_ext_vec_total bytes p3 hb) => cs p4 h4
  split at hk
  · first
      | (simp only [Outcome.ok.injEq, reduceCtorEq] at hk; done)
      | (simp at hk; done)
  ok_step hk (read_digest_vec_total bytes p4 hb) => qc p5 h5
  ok_step hk (protocol.proof.read_bounded_len_total bytes hb p5 protocol.proof.MIN_OPENINGS_BYTES
    protocol.proof.MAX_TABLES) => nt cursor h6
  try simp only [Slice.withCapacity] at hk
  vec_step hk protocol.proof.read_table_openings, bytes, nt,
    (fun c => protocol.proof.read_table_openings_total bytes hb c),
    (fun c v n hr => read_table_openings_ok hb hr) => c7 os i7 hq7 hk2
  ok_step hk2 (protocol.proof.read_caps_total bytes hb c7 limits) => fc p8 h8
  ok_step hk2 (read_ext_vec_total bytes p8 hb) => fp p9 h9
  ok_step hk2 (read_u64_total bytes p9 hb) => nonce p10 h10
  ok_step hk2 (protocol.proof.read_bounded_len_total bytes hb p10 protocol.proof.MIN_QUERY_BYTES
    limits.max_queries) => nq cursor2 h11
  try simp only [Slice.withCapacity] at hk2
  vec_step_fun hk2 (fun b c => protocol.proof.read_query b c limits), nq,
    (fun c => protocol.proof.read_query_total bytes hb c limits),
    (fun c v n hr => read_query_ok hb hr) => c12 qs i12 hq12 hk3
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk3
  obtain ⟨rfl, rfl⟩ := hk3
  -- the typed values
  have hlh := read_u32_vec_ok hb h1
  obtain ⟨⟨mcD, hmc⟩, bmc⟩ := read_digest_vec_ok hb h2
  obtain ⟨⟨acD, hac⟩, bac⟩ := read_digest_vec_ok hb h3
  obtain ⟨⟨csE, hcs⟩, bcs⟩ := read_ext_vec_ok hb h4
  obtain ⟨⟨qcD, hqc⟩, bqc⟩ := read_digest_vec_ok hb h5
  obtain ⟨fcD, hfc, bfc, bfcl⟩ := read_caps_ok hb h8
  obtain ⟨⟨fpE, hfp⟩, bfp⟩ := read_ext_vec_ok hb h9
  obtain ⟨osS, hos, bos⟩ := exists_map_of_forall' Zkvm.Refinement.protocol.stark.toOpenings
    (OodFits bytes.length) os hq7.1
  have hosl : os.length < 2 ^ 64 := by rw [hq7.2]; exact nt.toNat_lt
  have hqsl : qs.length < 2 ^ 64 := by rw [hq12.2]; exact nq.toNat_lt
  subst hmc hac hcs hqc hfc hfp hos
  simp only [List.length_map] at bmc bac bcs bqc bfp
  have hsv' : sv.length < 2 ^ 30 := by
    have : protocol.proof.MAX_SEGMENT_VALUES.toNat = 16 := rfl
    omega
  have hosl' : osS.length < 2 ^ 64 := by simpa using hosl
  have hfcl : fcD.length < 2 ^ 64 := Nat.lt_of_le_of_lt bfcl limits.max_fri_rounds.toNat_lt
  have hb64 : bytes.length < 2 ^ 64 := hb
  refine ⟨?_, ?_, choose_fn qs _ (fun q hq => hq12.1 q hq), hsv', by simp only; omega,
    ⟨mcD, rfl, by omega⟩, ⟨csE, rfl⟩⟩
  · -- ProofFits
    refine ⟨?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_, ?_⟩
    all_goals simp only [List.length_map]
    · omega
    · intro s hs
      obtain ⟨x, -, rfl⟩ := List.mem_map.mp hs
      simp [toExt]
    · exact hosl'
    · intro o ho
      obtain ⟨x, hx, rfl⟩ := List.mem_map.mp ho
      obtain ⟨b1, b2, b3, b4, b5⟩ := bos x hx
      simp only [Zkvm.Refinement.protocol.stark.toOpenings, List.length_map]
      omega
    · exact hfcl
    · intro c hc
      obtain ⟨x, hx, rfl⟩ := List.mem_map.mp hc
      have := bfc x hx
      simp only [List.length_map]; omega
    · omega
    · exact hqsl
    · omega
    · omega
    · omega
  · -- SegmentMsgs
    refine ⟨⟨acD, csE, qcD, [], fcD, fpE, nonce⟩, osS,
      ⟨rfl, rfl, rfl, rfl, rfl, rfl, rfl, hosl', ?_, ?_, ?_, ?_, ?_, hfcl, ?_⟩⟩
    all_goals try simp only
    · omega
    · omega
    · omega
    · intro o ho
      obtain ⟨b1, b2, b3, b4, b5⟩ := bos o ho
      omega
    · intro c hc
      have := bfc c hc
      omega
    · omega

/-- **The decoded segments satisfy `SegOk`**: `decode_segments_with_limits`, on proof bytes
shorter than `2^32` and limits of at most `2^30` tables, returns at most `max_segments`
segments, each `SegOk`. -/
theorem decode_segments_ok (hb32 : bytes.length < 2 ^ 32) {limits : protocol.proof.DecodeLimits}
    (hmt : limits.max_tables.toNat < 2 ^ 30) {segs : List protocol.proof.Proof}
    (h : protocol.proof.decode_segments_with_limits bytes limits = .ok (.ok segs)) :
    segs.length ≤ limits.max_segments.toNat ∧ ∀ p ∈ segs, SegOk p := by
  unfold protocol.proof.decode_segments_with_limits at h
  ok_step h (protocol.proof.read_header_total bytes hb) => count cursor h0
  split at h
  · first
      | (simp only [Outcome.ok.injEq, reduceCtorEq] at h; done)
      | (simp at h; done)
  rename_i hcnt
  cases hsub : Usize.checked_sub (Slice.len bytes) cursor with
  | none =>
    simp only [hsub] at h
    first
      | (simp only [Outcome.ok.injEq, reduceCtorEq] at h; done)
      | (simp at h; done)
      | cases h
  | some rem =>
    simp only [hsub, ok_bind,
      Usize.div_eq rem protocol.proof.MIN_SEGMENT_BYTES (by decide)] at h
    split at h
    · first
        | (simp only [Outcome.ok.injEq, reduceCtorEq] at h; done)
        | (simp at h; done)
    try simp only [Slice.withCapacity] at h
    vec_step_fun h (fun b c => protocol.proof.read_segment b c limits), count.toUInt64,
      (fun c => protocol.proof.read_segment_total bytes hb c limits),
      (fun c v n hr => read_segment_ok hb hb32 hmt hr) => c' out s hq hk
    split at hk
    · first
        | (simp only [Outcome.ok.injEq, reduceCtorEq] at hk; done)
        | (simp at hk; done)
    simp only [Outcome.ok.injEq, Except.ok.injEq] at hk
    subst hk
    refine ⟨?_, hq.1⟩
    rw [hq.2]
    simp only [Bool.or_eq_true, decide_eq_true_eq, not_or] at hcnt
    have := hcnt.2
    rw [gt_iff_lt, UInt64.lt_iff_toNat_lt] at this
    omega

end Zkvm.Refinement.protocol.decode
