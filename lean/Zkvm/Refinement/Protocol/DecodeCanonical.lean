module

public import Zkvm.Spec.ProofFormat
public import Zkvm.Refinement.ReceiptCanonical
public import Zkvm.Refinement.Protocol.DecodeImages

/-!
# The proof decoder accepts only encodings of segments within its limits

`decode_segments_with_limits bytes limits` (rust/verifier/src/protocol/proof.rs) against the
format's spec (`Zkvm.Spec.ProofFormat`):

* `decode_segments_canonical`: bytes it accepts (shorter than `2^64`) are `encSegments` of the
  segments it returns, and those segments are `WithinLimits`. So a proof has one encoding, and
  every decoded value is canonical and within the key's limits.

  Built by inverting every reader: what it accepted from `pos` to `e` is the encoding of what
  it returned (`Reads`; `read_u32_reads` … `read_segment_reads`, `read_header_reads`), chained
  through the element loops by one invariant (`vec_loop_reads`), on top of the receipt's
  inversions (`read_u32_inv`, `read_u64_inv`) and the decoder's totality
  (`Zkvm.Refinement.protocol.proof`).

* The converse, reading encodings back (`Has bytes p x`: the bytes hold `x` at `p`): every
  reader up to a query reads its encoding back (`read_u32_vec_has`, `read_multi_opening_has`,
  `read_fri_step_has`, `read_caps_has`, `read_table_openings_has`, `read_query_has`), from the
  codec's round trips (`Zkvm.Refinement.protocol.codec`) and a loop lemma for elements of
  varying width (`vec_loop_enc'`); a segment, the header and the whole decoder are in
  DecodeRoundTrip.lean (`read_segment_has`, `decode_segments_enc`, `decode_segments_iff`).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.protocol.decodeCanonical

open Zkvm.Extraction Zkvm.Extracted Zkvm.Spec.Codec Zkvm.Spec.ProofFormat
open Zkvm.Commit (le32)
open Zkvm.Refinement.protocol.codec
open Zkvm.Refinement.receipt (read_u32_inv read_u64_inv drop_eq_append)

/-! ## What a reader accepted -/

/-- The bytes from `p` to `e` are `x`. -/
def Reads (bytes : List UInt8) (p e : Nat) (x : List UInt8) : Prop :=
  e = p + x.length ∧ bytes.drop p = x ++ bytes.drop e

theorem Reads.nil (bytes : List UInt8) (p : Nat) : Reads bytes p p [] := ⟨by simp, by simp⟩

theorem Reads.trans {bytes : List UInt8} {p q r : Nat} {x y : List UInt8}
    (h1 : Reads bytes p q x) (h2 : Reads bytes q r y) : Reads bytes p r (x ++ y) := by
  obtain ⟨e1, d1⟩ := h1
  obtain ⟨e2, d2⟩ := h2
  exact ⟨by simp; omega, by rw [d1, d2, List.append_assoc]⟩

theorem Reads.eq {bytes : List UInt8} {p e : Nat} {x y : List UInt8} (h : Reads bytes p e x)
    (hxy : x = y) : Reads bytes p e y := hxy ▸ h

theorem reads_of_take {bytes : List UInt8} {p e n : Nat} {x : List UInt8}
    (he : e = p + n) (hl : x.length = n) (ht : (bytes.drop p).take n = x) : Reads bytes p e x :=
  ⟨by omega, by rw [drop_eq_append bytes p n x ht, he]⟩

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

theorem set_snoc (xs : List UInt32) (x : UInt32) (n : Nat) :
    (xs ++ List.replicate (n + 1) 0).set xs.length x = (xs ++ [x]) ++ List.replicate n 0 := by
  simp [List.replicate_succ]

section Inv

variable {bytes : List UInt8} (hb : bytes.length < 2 ^ 64)

include hb

theorem read_u32_reads {pos : Usize} {v : UInt32} {e : Usize}
    (h : protocol.codec.read_u32 bytes pos = .ok (.ok (v, e))) :
    Reads bytes pos.toNat e.toNat (le32 v) := by
  obtain ⟨h1, -, h3⟩ := read_u32_inv hb h
  exact reads_of_take h1 (length_le32 v) h3

theorem read_u64_reads {pos : Usize} {v : UInt64} {e : Usize}
    (h : protocol.codec.read_u64 bytes pos = .ok (.ok (v, e))) :
    Reads bytes pos.toNat e.toNat (encU64 v) := by
  obtain ⟨h1, -, h3⟩ := read_u64_inv hb h
  exact reads_of_take h1 (length_encU64 v) h3

theorem read_field_reads {pos : Usize} {v : UInt32} {e : Usize}
    (h : protocol.codec.read_field bytes pos = .ok (.ok (v, e))) :
    Reads bytes pos.toNat e.toNat (le32 v) ∧ Canon v := by
  obtain ⟨r, hr⟩ := read_u32_total bytes pos hb
  rw [read_field_of hr] at h
  rcases r with _ | ⟨w, e'⟩
  · cases h
  · simp only at h
    split at h
    · rename_i hc
      simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at h
      obtain ⟨rfl, rfl⟩ := h
      exact ⟨read_u32_reads hb hr, hc⟩
    · cases h

theorem read_len_reads {pos m len e : Usize}
    (h : protocol.codec.read_len bytes pos m = .ok (.ok (len, e))) :
    Reads bytes pos.toNat e.toNat (encLen len.toNat) ∧ len.toNat < 2 ^ 32 ∧
      len.toNat * m.toNat ≤ bytes.length - e.toNat := by
  obtain ⟨r, hr⟩ := read_u32_total bytes pos hb
  rcases r with _ | ⟨l, e'⟩
  · unfold protocol.codec.read_len at h
    rw [hr, ok_bind] at h
    cases h
  · rw [read_len_of hb hr m] at h
    split at h
    · rename_i hc
      simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at h
      obtain ⟨rfl, rfl⟩ := h
      refine ⟨(read_u32_reads hb hr).eq ?_, ?_, ?_⟩
      · simp only [encLen, UInt32.toNat_toUInt64, UInt32.ofNat_toNat]
      · simp only [UInt32.toNat_toUInt64]; exact l.toNat_lt
      · simp only [UInt32.toNat_toUInt64]; omega
    · cases h

theorem read_digest_reads {pos : Usize} {d : List UInt8} {e : Usize}
    (h : protocol.codec.read_digest bytes pos = .ok (.ok (d, e))) :
    Reads bytes pos.toNat e.toNat d ∧ d.length = 32 := by
  rw [read_digest_spec _ _ hb] at h
  split at h
  · split at h
    · cases h
    · rename_i h1 h2
      simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at h
      obtain ⟨rfl, rfl⟩ := h
      have hl : ((bytes.drop pos.toNat).take 32).length = 32 := by simp; omega
      refine ⟨reads_of_take ?_ hl rfl, hl⟩
      simp only [UInt64.toNat_add]; simp; omega
  · cases h

theorem read_ext_reads {pos : Usize} {v : List UInt32} {e : Usize}
    (h : protocol.codec.read_ext bytes pos = .ok (.ok (v, e))) :
    Reads bytes pos.toNat e.toNat (encExt v) ∧ ExtOk v := by
  unfold protocol.codec.read_ext at h
  dsimp only at h
  have key := decode.loop_post
    (fun (s : Usize × field.extension.Ext × Usize) => s.2.2.toNat ≤ 4 ∧
      ∃ xs : List UInt32, xs.length = s.2.2.toNat ∧ s.2.1 = xs ++ List.replicate (4 - s.2.2.toNat) 0 ∧
        Reads bytes pos.toNat s.1.toNat (xs.flatMap le32) ∧ ∀ a ∈ xs, Canon a)
    (fun r => match r with
      | Exit.brk s => Reads bytes pos.toNat s.1.toNat (encExt s.2.1) ∧ ExtOk s.2.1
      | Exit.ret x => ∃ err, x = Except.error err) ?step ?init h
  case init =>
    exact ⟨by simp, [], rfl, rfl, Reads.nil _ _, by simp⟩
  case step =>
    intro ⟨c, w, i⟩ ⟨hi4, xs, hxl, hw, hr, hc⟩
    simp only at hi4 hxl hw hr hc
    by_cases hlt : i < 4
    · have hi : i.toNat < 4 := by rw [UInt64.lt_iff_toNat_lt] at hlt; simpa using hlt
      obtain ⟨r, hrf⟩ := read_field_total bytes c hb
      cases r with
      | error err =>
        right
        exact ⟨Exit.ret (.error err), by simp only [hlt, if_true, hrf, ok_bind]; rfl, err, rfl⟩
      | ok xn =>
        obtain ⟨x, next⟩ := xn
        obtain ⟨hx1, hx2⟩ := read_field_reads hb hrf
        have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        left
        refine ⟨(next, w.set i.toNat x, i + 1), ?_, ?_, ?_⟩
        · simp only [hlt, if_true, hrf, ok_bind, Slice.update_eq w i x (by rw [hw]; simp; omega),
            Usize.add_eq i 1 (by simp; omega)]
          rfl
        · show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
          rw [e]; omega
        · refine ⟨by simp only [e]; omega, xs ++ [x], by simp [hxl, e], ?_, ?_, ?_⟩
          · simp only [hw, e]
            rw [show 4 - i.toNat = (4 - (i.toNat + 1)) + 1 by omega, ← hxl]
            exact set_snoc xs x _
          · exact (hr.trans hx1).eq (by simp)
          · intro a ha
            simp only [List.mem_append, List.mem_singleton] at ha
            rcases ha with ha | rfl
            · exact hc a ha
            · exact hx2
    · right
      have hk : i.toNat = 4 := by
        rw [UInt64.lt_iff_toNat_lt] at hlt; simp at hlt; omega
      refine ⟨Exit.brk (c, w, i), by simp only [hlt, if_false]; rfl, ?_⟩
      simp only
      have hw' : w = xs := by rw [hw, hk]; simp
      subst hw'
      exact ⟨hr, by rw [hxl, hk], hc⟩
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

end Inv

/-! ## The element loop -/

/-- What the element loop returned: on a break, elements each satisfying `Q`, as many as the
count, whose encodings are the bytes from `c0` to the final cursor; otherwise an error. -/
def VecReads {α γ : Type} (bytes : List UInt8) (c0 : Nat) (enc : α → List UInt8) (Q : α → Prop)
    (len : Usize) : Exit (Usize × List α × Usize) (Except error.VerifyError γ) → Prop
  | .brk s => Reads bytes c0 s.1.toNat (s.2.1.flatMap enc) ∧ (∀ v ∈ s.2.1, Q v) ∧
      s.2.1.length = len.toNat
  | .ret x => ∃ err, x = .error err

/-- **The element loop's inversion**: if every element the reader returns is the encoding of the
bytes it read and satisfies `Q`, the loop (followed by `k`, returning `b`) ran `k` on a
`VecReads` result. -/
theorem vec_loop_reads {α γ β : Type} (bytes : List UInt8)
    (rd : List UInt8 → Usize → Outcome (Except error.VerifyError (α × Usize)))
    (len : Usize) (enc : α → List UInt8) (Q : α → Prop)
    (hrd : ∀ c, ∃ r, rd bytes c = .ok r)
    (hQ : ∀ c v n, rd bytes c = .ok (.ok (v, n)) → Reads bytes c.toNat n.toNat (enc v) ∧ Q v)
    (M : Usize × List α × Usize → Nat)
    (B : Usize × List α × Usize → Outcome (Step (Usize × List α × Usize)
      (Exit (Usize × List α × Usize) (Except error.VerifyError γ))))
    (hM : ∀ s, M s = 2 ^ 64 - s.2.2.toNat) (hB : ∀ s, B s = vecBody rd bytes len s)
    (c0 : Usize) (k : Exit (Usize × List α × Usize) (Except error.VerifyError γ) → Outcome β)
    {b : β} (h : (loop M B (c0, [], 0) >>= k) = .ok b) :
    ∃ r, k r = .ok b ∧ VecReads bytes c0.toNat enc Q len r := by
  refine decode.loop_post
    (fun s => Reads bytes c0.toNat s.1.toNat (s.2.1.flatMap enc) ∧ (∀ v ∈ s.2.1, Q v) ∧
      s.2.1.length = s.2.2.toNat ∧ s.2.2.toNat ≤ len.toNat)
    (VecReads bytes c0.toNat enc Q len) ?_ ⟨Reads.nil _ _, by simp, by simp, by simp⟩ h
  intro ⟨c, vs, i⟩ ⟨hR, hQs, hl, hle⟩
  simp only at hR hQs hl hle
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
      obtain ⟨hv1, hv2⟩ := hQ c v next hr
      left
      refine ⟨(next, Slice.push vs v, i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, hr, ok_bind, Usize.add_eq i 1 (by simp; omega)]
      · rw [hM, hM]
        show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · refine ⟨(hR.trans hv1).eq (by simp [Slice.push]), ?_, ?_, ?_⟩
        · intro x hx
          simp only [Slice.push, List.mem_append, List.mem_singleton] at hx
          rcases hx with hx | rfl
          · exact hQs x hx
          · exact hv2
        · simp only [Slice.push, List.length_append, List.length_singleton, hl, e]
        · simp only [e]; omega
  · right
    have hi : ¬ i.toNat < len.toNat := fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
    exact ⟨Exit.brk (c, vs, i), by simp only [hlt, if_false], hR, hQs, by simp only; omega⟩

/-- A vector reader's loop in hypothesis `h`: its result is a `VecReads`; an error contradicts
`h`; a break goes on with the rest (hypothesis `h'`), the elements' facts in `hq`. -/
local macro "vec_step " h:ident rd:term ", " bs:term ", " len:term ", " enc:term ", " Q:term ", "
    hrd:term ", " hQ:term " => " c:ident vs:ident i:ident hq:ident h':ident : tactic => `(tactic| (
  obtain ⟨r, $h':ident, $hq:ident⟩ := vec_loop_reads $bs $rd $len $enc $Q $hrd $hQ _ _ (fun _ => rfl)
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

/-- The element loop's body is `vecBody`, for a reader given as a function. -/
local macro "vec_body_fun_tac" : tactic => `(tactic| (
  unfold vecBody; (try simp only []); split
  · congr 1
    funext r
    rcases r with _ | ⟨v, n⟩ <;> rfl
  · rfl))

/-- The element loop, for a reader given as a function `rd` (see `vec_step`). -/
local macro "vec_step_fun " h:ident rd:term ", " bs:term ", " len:term ", " enc:term ", " Q:term ", "
    hrd:term ", " hQ:term " => " c:ident vs:ident i:ident hq:ident h':ident : tactic => `(tactic| (
  obtain ⟨r, $h':ident, $hq:ident⟩ := vec_loop_reads $bs $rd $len $enc $Q $hrd $hQ _ _ (fun _ => rfl)
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

theorem flatten_eq_flatMap_self {α : Type} :
    ∀ l : List (List α), l.flatten = l.flatMap (fun d => d)
  | [] => rfl
  | d :: l => by rw [List.flatten_cons, List.flatMap_cons, flatten_eq_flatMap_self l]

section Vec

variable {bytes : List UInt8} (hb : bytes.length < 2 ^ 64)

include hb

theorem read_field_vec_reads {pos : Usize} {vs : List UInt32} {e : Usize}
    (h : protocol.codec.read_field_vec bytes pos = .ok (.ok (vs, e))) :
    Reads bytes pos.toNat e.toNat (encFieldVec vs) ∧ FieldVecOk vs := by
  unfold protocol.codec.read_field_vec at h
  ok_step h (read_len_total bytes pos 4 hb) => len cursor hl
  obtain ⟨hl1, hl2, -⟩ := read_len_reads hb hl
  simp only [Slice.withCapacity] at h
  vec_step h protocol.codec.read_field, bytes, len, le32, Canon,
    (fun c => read_field_total bytes c hb), (fun c v n hr => read_field_reads hb hr) =>
    c' ws i hq hk
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk
  obtain ⟨rfl, rfl⟩ := hk
  obtain ⟨hr, hc, hn⟩ := hq
  replace hn : ws.length = len.toNat := hn
  replace hr : Reads bytes cursor.toNat c'.toNat (ws.flatMap _) := hr
  refine ⟨(hl1.trans hr).eq (by simp only [encFieldVec, hn]), ?_, hc⟩
  unfold Short; omega

theorem read_ext_vec_reads {pos : Usize} {vs : List (List UInt32)} {e : Usize}
    (h : protocol.codec.read_ext_vec bytes pos = .ok (.ok (vs, e))) :
    Reads bytes pos.toNat e.toNat (encExtVec vs) ∧ ExtVecOk vs := by
  unfold protocol.codec.read_ext_vec at h
  ok_step h (read_len_total bytes pos 16 hb) => len cursor hl
  obtain ⟨hl1, hl2, -⟩ := read_len_reads hb hl
  simp only [Slice.withCapacity] at h
  vec_step h protocol.codec.read_ext, bytes, len, encExt, ExtOk,
    (fun c => read_ext_total bytes c hb), (fun c v n hr => read_ext_reads hb hr) =>
    c' ws i hq hk
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk
  obtain ⟨rfl, rfl⟩ := hk
  obtain ⟨hr, hc, hn⟩ := hq
  replace hn : ws.length = len.toNat := hn
  replace hr : Reads bytes cursor.toNat c'.toNat (ws.flatMap _) := hr
  refine ⟨(hl1.trans hr).eq (by simp only [encExtVec, hn]), ?_, hc⟩
  unfold Short; omega

theorem read_digest_vec_reads {pos : Usize} {vs : List (List UInt8)} {e : Usize}
    (h : protocol.codec.read_digest_vec bytes pos = .ok (.ok (vs, e))) :
    Reads bytes pos.toNat e.toNat (encDigestVec vs) ∧ DigestVecOk vs := by
  unfold protocol.codec.read_digest_vec at h
  ok_step h (read_len_total bytes pos 32 hb) => len cursor hl
  obtain ⟨hl1, hl2, -⟩ := read_len_reads hb hl
  simp only [Slice.withCapacity] at h
  vec_step h protocol.codec.read_digest, bytes, len, (fun d => d), (fun d => d.length = 32),
    (fun c => read_digest_total bytes c hb), (fun c v n hr => read_digest_reads hb hr) =>
    c' ws i hq hk
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk
  obtain ⟨rfl, rfl⟩ := hk
  obtain ⟨hr, hc, hn⟩ := hq
  replace hn : ws.length = len.toNat := hn
  replace hr : Reads bytes cursor.toNat c'.toNat (ws.flatMap _) := hr
  refine ⟨(hl1.trans hr).eq (by rw [encDigestVec, hn, flatten_eq_flatMap_self]), ?_, hc⟩
  unfold Short; omega

end Vec

/-! ## The proof's readers -/

section Proof

variable {bytes : List UInt8} (hb : bytes.length < 2 ^ 64)

include hb

theorem read_bounded_len_reads {pos m max len e : Usize}
    (h : protocol.proof.read_bounded_len bytes pos m max = .ok (.ok (len, e))) :
    Reads bytes pos.toNat e.toNat (encLen len.toNat) ∧ len.toNat < 2 ^ 32 ∧
      len.toNat ≤ max.toNat := by
  unfold protocol.proof.read_bounded_len at h
  ok_step h (read_len_total bytes pos m hb) => l n hl
  obtain ⟨h1, h2, -⟩ := read_len_reads hb hl
  split at h
  · cases h
  · rename_i hc
    simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at h
    obtain ⟨rfl, rfl⟩ := h
    rw [gt_iff_lt, UInt64.lt_iff_toNat_lt] at hc
    exact ⟨h1, h2, by omega⟩

theorem read_u32_vec_reads {pos max : Usize} {vs : List UInt32} {e : Usize}
    (h : protocol.proof.read_u32_vec bytes pos max = .ok (.ok (vs, e))) :
    Reads bytes pos.toNat e.toNat (encFieldVec vs) ∧ vs.length ≤ max.toNat ∧ Short vs := by
  unfold protocol.proof.read_u32_vec at h
  ok_step h (protocol.proof.read_bounded_len_total bytes hb pos 4 max) => len cursor hl
  obtain ⟨hl1, hl2, hl3⟩ := read_bounded_len_reads hb hl
  simp only [Slice.withCapacity] at h
  vec_step h protocol.codec.read_u32, bytes, len, le32, (fun _ => True),
    (fun c => read_u32_total bytes c hb), (fun c v n hr => ⟨read_u32_reads hb hr, trivial⟩) =>
    c' ws i hq hk
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk
  obtain ⟨rfl, rfl⟩ := hk
  obtain ⟨hr, -, hn⟩ := hq
  replace hn : ws.length = len.toNat := hn
  replace hr : Reads bytes cursor.toNat c'.toNat (ws.flatMap _) := hr
  refine ⟨(hl1.trans hr).eq (by simp only [encFieldVec, hn]), by omega, ?_⟩
  unfold Short; omega

theorem read_multi_opening_reads {pos : Usize} {limits : protocol.proof.DecodeLimits}
    {o : protocol.proof.MultiOpening} {e : Usize}
    (h : protocol.proof.read_multi_opening bytes pos limits = .ok (.ok (o, e))) :
    Reads bytes pos.toNat e.toNat (encMultiOpening o) ∧ MultiOpeningOk limits o := by
  unfold protocol.proof.read_multi_opening at h
  ok_step h (protocol.proof.read_bounded_len_total bytes hb pos 4 limits.max_matrices) =>
    count cursor hl
  obtain ⟨hl1, hl2, hl3⟩ := read_bounded_len_reads hb hl
  simp only [Slice.withCapacity] at h
  vec_step h protocol.codec.read_field_vec, bytes, count, encFieldVec, FieldVecOk,
    (fun c => read_field_vec_total bytes c hb), (fun c v n hr => read_field_vec_reads hb hr) =>
    c' rows i hq hk
  ok_step hk (read_digest_vec_total bytes c' hb) => path pend hp
  obtain ⟨hp1, hp2⟩ := read_digest_vec_reads hb hp
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk
  obtain ⟨rfl, rfl⟩ := hk
  obtain ⟨hr, hc, hn⟩ := hq
  replace hn : rows.length = count.toNat := hn
  replace hr : Reads bytes cursor.toNat c'.toNat (rows.flatMap _) := hr
  replace hc : ∀ r ∈ rows, FieldVecOk r := hc
  refine ⟨((hl1.trans hr).trans hp1).eq (by simp only [encMultiOpening, hn, List.append_assoc]),
    ?_⟩
  unfold MultiOpeningOk Short
  exact ⟨by simp only; omega, by simp only; omega, hc, hp2⟩

theorem read_fri_step_reads {pos : Usize} {st : protocol.proof.FriQueryStep} {e : Usize}
    (h : protocol.proof.read_fri_step bytes pos = .ok (.ok (st, e))) :
    Reads bytes pos.toNat e.toNat (encFriStep st) ∧ FriStepOk st := by
  unfold protocol.proof.read_fri_step at h
  ok_step h (read_ext_vec_total bytes pos hb) => sibs p1 h1
  ok_step h (read_digest_vec_total bytes p1 hb) => path p2 h2
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at h
  obtain ⟨rfl, rfl⟩ := h
  obtain ⟨r1, o1⟩ := read_ext_vec_reads hb h1
  obtain ⟨r2, o2⟩ := read_digest_vec_reads hb h2
  exact ⟨(r1.trans r2).eq (by simp only [encFriStep]), o1, o2⟩

theorem read_caps_reads {pos : Usize} {limits : protocol.proof.DecodeLimits}
    {cs : List (List (List UInt8))} {e : Usize}
    (h : protocol.proof.read_caps bytes pos limits = .ok (.ok (cs, e))) :
    Reads bytes pos.toNat e.toNat (encLen cs.length ++ cs.flatMap encDigestVec) ∧
      cs.length ≤ limits.max_fri_rounds.toNat ∧ Short cs ∧ ∀ c ∈ cs, DigestVecOk c := by
  unfold protocol.proof.read_caps at h
  ok_step h (protocol.proof.read_bounded_len_total bytes hb pos protocol.proof.MIN_CAP_BYTES
    limits.max_fri_rounds) => count cursor hl
  obtain ⟨hl1, hl2, hl3⟩ := read_bounded_len_reads hb hl
  simp only [Slice.withCapacity] at h
  vec_step h protocol.codec.read_digest_vec, bytes, count, encDigestVec, DigestVecOk,
    (fun c => read_digest_vec_total bytes c hb), (fun c v n hr => read_digest_vec_reads hb hr) =>
    c' ws i hq hk
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk
  obtain ⟨rfl, rfl⟩ := hk
  obtain ⟨hr, hc, hn⟩ := hq
  replace hn : ws.length = count.toNat := hn
  replace hr : Reads bytes cursor.toNat c'.toNat (ws.flatMap _) := hr
  refine ⟨(hl1.trans hr).eq (by simp only [hn]), by omega, by unfold Short; omega, hc⟩

theorem read_table_openings_reads {pos : Usize} {o : protocol.proof.TableOpenings} {e : Usize}
    (h : protocol.proof.read_table_openings bytes pos = .ok (.ok (o, e))) :
    Reads bytes pos.toNat e.toNat (encOpenings o) ∧ OpeningsOk o := by
  unfold protocol.proof.read_table_openings at h
  ok_step h (read_ext_vec_total bytes pos hb) => l1 p1 h1
  ok_step h (read_ext_vec_total bytes p1 hb) => l2 p2 h2
  ok_step h (read_ext_vec_total bytes p2 hb) => l3 p3 h3
  ok_step h (read_ext_vec_total bytes p3 hb) => l4 p4 h4
  ok_step h (read_ext_vec_total bytes p4 hb) => l5 p5 h5
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at h
  obtain ⟨rfl, rfl⟩ := h
  obtain ⟨r1, o1⟩ := read_ext_vec_reads hb h1
  obtain ⟨r2, o2⟩ := read_ext_vec_reads hb h2
  obtain ⟨r3, o3⟩ := read_ext_vec_reads hb h3
  obtain ⟨r4, o4⟩ := read_ext_vec_reads hb h4
  obtain ⟨r5, o5⟩ := read_ext_vec_reads hb h5
  exact ⟨((((r1.trans r2).trans r3).trans r4).trans r5).eq (by simp only [encOpenings]),
    o1, o2, o3, o4, o5⟩

/-- **What `read_query` accepted** is `encQuery` of the query, which is `QueryOk`. -/
theorem read_query_reads {pos : Usize} {limits : protocol.proof.DecodeLimits}
    {q : protocol.proof.QueryProof} {e : Usize}
    (h : protocol.proof.read_query bytes pos limits = .ok (.ok (q, e))) :
    Reads bytes pos.toNat e.toNat (encQuery q) ∧ QueryOk limits q := by
  unfold protocol.proof.read_query at h
  ok_step h (protocol.proof.read_multi_opening_total bytes hb pos limits) => main p1 h1
  ok_step h (protocol.proof.read_multi_opening_total bytes hb p1 limits) => aux p2 h2
  ok_step h (protocol.proof.read_multi_opening_total bytes hb p2 limits) => quot p3 h3
  ok_step h (protocol.proof.read_bounded_len_total bytes hb p3 protocol.proof.MIN_FRI_STEP_BYTES
    limits.max_fri_rounds) => ns cursor h4
  obtain ⟨r1, o1⟩ := read_multi_opening_reads hb h1
  obtain ⟨r2, o2⟩ := read_multi_opening_reads hb h2
  obtain ⟨r3, o3⟩ := read_multi_opening_reads hb h3
  obtain ⟨r4, o4, o4'⟩ := read_bounded_len_reads hb h4
  simp only [Slice.withCapacity] at h
  vec_step h protocol.proof.read_fri_step, bytes, ns, encFriStep, FriStepOk,
    (fun c => protocol.proof.read_fri_step_total bytes hb c),
    (fun c v n hr => read_fri_step_reads hb hr) => c' steps i hq hk
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk
  obtain ⟨rfl, rfl⟩ := hk
  obtain ⟨hr, hc, hn⟩ := hq
  replace hn : steps.length = ns.toNat := hn
  replace hr : Reads bytes cursor.toNat c'.toNat (steps.flatMap _) := hr
  replace hc : ∀ s ∈ steps, FriStepOk s := hc
  refine ⟨((((r1.trans r2).trans r3).trans r4).trans hr).eq
    (by simp only [encQuery, hn, List.append_assoc]), ?_⟩
  unfold QueryOk Short
  exact ⟨o1, o2, o3, by simp only; omega, by simp only; omega, hc⟩

/-- **What `read_segment` accepted** is `encSegment` of the segment it returned, which is
`SegmentWithin` the limits. -/
theorem read_segment_reads {pos : Usize} {limits : protocol.proof.DecodeLimits}
    {p : protocol.proof.Proof} {e : Usize}
    (h : protocol.proof.read_segment bytes pos limits = .ok (.ok (p, e))) :
    Reads bytes pos.toNat e.toNat (encSegment p) ∧ SegmentWithin limits p := by
  unfold protocol.proof.read_segment at h
  ok_step h (protocol.proof.read_u32_vec_total bytes hb pos protocol.proof.MAX_SEGMENT_VALUES) =>
    sv p0 h0
  obtain ⟨r0, o0, -⟩ := read_u32_vec_reads hb h0
  have hsvl : sv.length ≤ 16 := o0
  have hsvn : (Slice.len sv).toNat = sv.length := Slice.len_toNat sv (by omega)
  have key := decode.loop_post
    (fun (v : Usize) => ∀ k (hk : k < sv.length), k < v.toNat → Canon sv[k])
    (fun r => match r with
      | Exit.brk _ => ∀ x ∈ sv, Canon x
      | Exit.ret x => ∃ err, x = Except.error err) ?step ?init h
  case init =>
    intro k hk h0
    simp at h0
  case step =>
    intro v hv
    by_cases hlt : v < Slice.len sv
    · have hlt' := UInt64.lt_iff_toNat_lt.mp hlt
      have hvl : v.toNat < sv.length := by omega
      by_cases hc : sv[v.toNat].toNat < Zkvm.Field.P
      · left
        have e : (v + 1).toNat = v.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        refine ⟨v + 1, ?_, ?_, ?_⟩
        · simp only [hlt, if_true, Slice.index_eq sv v hvl, ok_bind,
            Zkvm.Refinement.field.is_canonical_spec, hc, decide_true, Bool.not_true,
            Bool.false_eq_true, if_false, Usize.add_eq v 1 (by simp; omega)]
        · show 2 ^ 64 - (v + 1).toNat < 2 ^ 64 - v.toNat
          rw [e]; omega
        · intro k hk hk'
          rw [e] at hk'
          rcases Nat.lt_succ_iff_lt_or_eq.mp hk' with hk' | rfl
          · exact hv k hk hk'
          · exact hc
      · right
        refine ⟨Exit.ret (Except.error error.VerifyError.NonCanonicalFieldElement), ?_, _, rfl⟩
        simp only [hlt, if_true, Slice.index_eq sv v hvl, ok_bind,
          Zkvm.Refinement.field.is_canonical_spec, hc, decide_false, Bool.not_false, if_true]
    · right
      refine ⟨Exit.brk v, by simp only [hlt, if_false], ?_⟩
      have hge : sv.length ≤ v.toNat := by
        have : ¬ (v.toNat < (Slice.len sv).toNat) := fun h' => hlt (UInt64.lt_iff_toNat_lt.mpr h')
        omega
      intro x hx
      obtain ⟨k, hk, rfl⟩ := List.mem_iff_getElem.mp hx
      exact hv k hk (by omega)
  obtain ⟨r, hk, hq⟩ := key
  clear h
  rcases r with v | x
  rotate_left
  · obtain ⟨err, hx⟩ := hq
    subst hx
    first
      | (simp only [Outcome.ok.injEq, reduceCtorEq] at hk; done)
      | (simp at hk; done)
  replace hq : ∀ x ∈ sv, Canon x := hq
  simp only at hk
  ok_step hk (protocol.proof.read_u32_vec_total bytes hb p0 limits.max_tables) => lh p1 h1
  ok_step hk (read_digest_vec_total bytes p1 hb) => mc p2 h2
  ok_step hk (read_digest_vec_total bytes p2 hb) => ac p3 h3
  ok_step hk (read_ext_vec_total bytes p3 hb) => cs p4 h4
  obtain ⟨r1, o1, s1⟩ := read_u32_vec_reads hb h1
  obtain ⟨r2, o2⟩ := read_digest_vec_reads hb h2
  obtain ⟨r3, o3⟩ := read_digest_vec_reads hb h3
  obtain ⟨r4, o4⟩ := read_ext_vec_reads hb h4
  split at hk
  · first
      | (simp only [Outcome.ok.injEq, reduceCtorEq] at hk; done)
      | (simp at hk; done)
  rename_i hcs
  have hcsl : cs.length ≤ limits.max_tables.toNat := by
    have hn : (Slice.len cs).toNat = cs.length := Slice.len_toNat cs (by have := o4.1; unfold Short at this; omega)
    have : ¬ (limits.max_tables.toNat < (Slice.len cs).toNat) :=
      fun h' => hcs (UInt64.lt_iff_toNat_lt.mpr h')
    omega
  ok_step hk (read_digest_vec_total bytes p4 hb) => qc p5 h5
  ok_step hk (protocol.proof.read_bounded_len_total bytes hb p5 protocol.proof.MIN_OPENINGS_BYTES
    protocol.proof.MAX_TABLES) => nt cursor h6
  obtain ⟨r5, o5⟩ := read_digest_vec_reads hb h5
  obtain ⟨r6, o6, o6'⟩ := read_bounded_len_reads hb h6
  try simp only [Slice.withCapacity] at hk
  vec_step hk protocol.proof.read_table_openings, bytes, nt, encOpenings, OpeningsOk,
    (fun c => protocol.proof.read_table_openings_total bytes hb c),
    (fun c v n hr => read_table_openings_reads hb hr) => c7 os i7 hq7 hk2
  ok_step hk2 (protocol.proof.read_caps_total bytes hb c7 limits) => fc p8 h8
  ok_step hk2 (read_ext_vec_total bytes p8 hb) => fp p9 h9
  ok_step hk2 (read_u64_total bytes p9 hb) => nonce p10 h10
  ok_step hk2 (protocol.proof.read_bounded_len_total bytes hb p10 protocol.proof.MIN_QUERY_BYTES
    limits.max_queries) => nq cursor2 h11
  obtain ⟨r8, o8, o8', o8''⟩ := read_caps_reads hb h8
  obtain ⟨r9, o9⟩ := read_ext_vec_reads hb h9
  have r10 := read_u64_reads hb h10
  obtain ⟨r11, o11, o11'⟩ := read_bounded_len_reads hb h11
  try simp only [Slice.withCapacity] at hk2
  vec_step_fun hk2 (fun b c => protocol.proof.read_query b c limits), bytes, nq, encQuery,
    (QueryOk limits), (fun c => protocol.proof.read_query_total bytes hb c limits),
    (fun c v n hr => read_query_reads hb hr) => c12 qs i12 hq12 hk3
  simp only [Outcome.ok.injEq, Except.ok.injEq, Prod.mk.injEq] at hk3
  obtain ⟨rfl, rfl⟩ := hk3
  obtain ⟨r7, c7', n7⟩ := hq7
  replace n7 : os.length = nt.toNat := n7
  replace r7 : Reads bytes cursor.toNat c7.toNat (os.flatMap _) := r7
  replace c7' : ∀ o ∈ os, OpeningsOk o := c7'
  obtain ⟨r12, c12', n12⟩ := hq12
  replace n12 : qs.length = nq.toNat := n12
  replace r12 : Reads bytes cursor2.toNat c12.toNat (qs.flatMap _) := r12
  replace c12' : ∀ q ∈ qs, QueryOk limits q := c12'
  have hmt : protocol.proof.MAX_TABLES.toNat = 64 := rfl
  refine ⟨((((((((((((r0.trans r1).trans r2).trans r3).trans r4).trans r5).trans r6).trans
    r7).trans r8).trans r9).trans r10).trans r11).trans r12).eq
    (by simp only [encSegment, n7, n12, List.append_assoc]), ?_⟩
  exact ⟨⟨hsvl, hq⟩, ⟨o1, s1⟩, o2, o3, ⟨o4, hcsl⟩, o5, ⟨by simp only; omega, c7'⟩,
    ⟨o8, o8', o8''⟩, o9, ⟨by simp only; omega, by unfold Short; simp only; omega, c12'⟩⟩

theorem read_header_reads {count : UInt32} {e : Usize}
    (h : protocol.proof.read_header bytes = .ok (.ok (count, e))) :
    Reads bytes 0 e.toNat (le32 version ++ le32 count) := by
  unfold protocol.proof.read_header at h
  ok_step h (read_u32_total bytes 0 hb) => ver pos h1
  split at h
  · cases h
  rename_i hv
  have r1 := read_u32_reads hb h1
  have r2 := read_u32_reads hb h
  have hv' : ver = protocol.proof.PROOF_FORMAT_VERSION := by simpa using hv
  rw [hv'] at r1
  exact r1.trans r2

end Proof

/-- **The decoder accepts only canonical encodings within its limits**: if
`decode_segments_with_limits` returns segments, the bytes are `encSegments` of them and they are
`WithinLimits`. -/
theorem decode_segments_canonical {bytes : List UInt8} (hb : bytes.length < 2 ^ 64)
    {limits : protocol.proof.DecodeLimits} {segs : List protocol.proof.Proof}
    (h : protocol.proof.decode_segments_with_limits bytes limits = .ok (.ok segs)) :
    bytes = encSegments segs ∧ WithinLimits limits segs := by
  have hn := Slice.len_toNat bytes hb
  unfold protocol.proof.decode_segments_with_limits at h
  ok_step h (protocol.proof.read_header_total bytes hb) => count cursor h0
  have r0 := read_header_reads hb h0
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
    vec_step_fun h (fun b c => protocol.proof.read_segment b c limits), bytes, count.toUInt64,
      encSegment, (SegmentWithin limits),
      (fun c => protocol.proof.read_segment_total bytes hb c limits),
      (fun c v n hr => read_segment_reads hb hr) => c' out s hq hk
    split at hk
    · first
        | (simp only [Outcome.ok.injEq, reduceCtorEq] at hk; done)
        | (simp at hk; done)
    rename_i hend
    simp only [Outcome.ok.injEq, Except.ok.injEq] at hk
    subst hk
    obtain ⟨r1, c1, n1⟩ := hq
    replace n1 : out.length = count.toUInt64.toNat := n1
    replace r1 : Reads bytes cursor.toNat c'.toNat (out.flatMap _) := r1
    replace c1 : ∀ p ∈ out, SegmentWithin limits p := c1
    have hc' : c'.toNat = bytes.length := by
      have : c' = Slice.len bytes := by simpa using hend
      rw [this, hn]
    simp only [UInt32.toNat_toUInt64] at n1
    simp only [Bool.or_eq_true, decide_eq_true_eq, not_or] at hcnt
    have hc0 : count.toNat ≠ 0 := by
      intro h0; apply hcnt.1; apply UInt64.toNat_inj.mp; simp [h0]
    have hcm := hcnt.2
    rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, UInt32.toNat_toUInt64] at hcm
    have hcl := count.toNat_lt
    refine ⟨?_, by omega, by omega, by unfold Short; simp at hcl; omega, c1⟩
    obtain ⟨-, d⟩ := r0.trans r1
    rw [hc', List.drop_length, List.append_nil, List.drop_zero] at d
    rw [d]
    simp only [encSegments, encLen, n1, UInt32.ofNat_toNat, List.append_assoc]

/-! ## Reading encodings back -/

/-- The bytes hold `x` at position `p`. -/
def Has (bytes : List UInt8) (p : Nat) (x : List UInt8) : Prop :=
  ∃ pre post, bytes = pre ++ x ++ post ∧ pre.length = p

theorem Has.left {bytes : List UInt8} {p : Nat} {x y : List UInt8} (h : Has bytes p (x ++ y)) :
    Has bytes p x := by
  obtain ⟨pre, post, rfl, rfl⟩ := h
  exact ⟨pre, y ++ post, by simp, rfl⟩

theorem Has.right {bytes : List UInt8} {p : Nat} {x y : List UInt8} (h : Has bytes p (x ++ y)) :
    Has bytes (p + x.length) y := by
  obtain ⟨pre, post, rfl, rfl⟩ := h
  exact ⟨pre ++ x, post, by simp, by simp⟩

theorem Has.rest {bytes : List UInt8} {p : Nat} {x : List UInt8} (h : Has bytes p x) :
    p + x.length ≤ bytes.length := by
  obtain ⟨pre, post, rfl, rfl⟩ := h
  simp only [List.length_append]; omega

theorem Has.eq {bytes : List UInt8} {p : Nat} {x y : List UInt8} (h : Has bytes p x)
    (hxy : x = y) : Has bytes p y := hxy ▸ h

theorem length_flatMap_ge {α : Type} (enc : α → List UInt8) (w : Nat) :
    ∀ xs : List α, (∀ x ∈ xs, w ≤ (enc x).length) → w * xs.length ≤ (xs.flatMap enc).length
  | [], _ => by simp
  | x :: xs, h => by
    have h1 := h x (by simp)
    have h2 := length_flatMap_ge enc w xs (fun y hy => h y (by simp [hy]))
    simp only [List.flatMap_cons, List.length_append, List.length_cons, Nat.mul_succ]
    omega

theorem length_encLen (n : Nat) : (encLen n).length = 4 := rfl

theorem length_encFieldVec (vs : List UInt32) : (encFieldVec vs).length = 4 + 4 * vs.length := by
  simp only [encFieldVec, List.length_append, length_encLen,
    length_flatMap_const le32 4 length_le32]

theorem length_encExtVec (es : List (List UInt32)) (h : ∀ e ∈ es, e.length = 4) :
    (encExtVec es).length = 4 + 16 * es.length := by
  simp only [encExtVec, List.length_append, length_encLen]
  have : ∀ es : List (List UInt32), (∀ e ∈ es, e.length = 4) →
      (es.flatMap encExt).length = 16 * es.length := by
    intro es h
    induction es with
    | nil => rfl
    | cons e es ih =>
      simp only [List.flatMap_cons, List.length_append, length_encExt, h e (by simp),
        ih (fun x hx => h x (by simp [hx])), List.length_cons]
      omega
  rw [this es h]

theorem length_encDigestVec (ds : List (List UInt8)) (h : ∀ d ∈ ds, d.length = 32) :
    (encDigestVec ds).length = 4 + 32 * ds.length := by
  simp only [encDigestVec, List.length_append, length_encLen]
  have : ∀ ds : List (List UInt8), (∀ d ∈ ds, d.length = 32) →
      ds.flatten.length = 32 * ds.length := by
    intro ds h
    induction ds with
    | nil => rfl
    | cons d ds ih =>
      simp only [List.flatten_cons, List.length_append, h d (by simp),
        ih (fun x hx => h x (by simp [hx])), List.length_cons]
      omega
  rw [this ds h]

section Enc

variable {bytes : List UInt8} (hb : bytes.length < 2 ^ 64)

include hb

theorem read_u32_has {p : Nat} {v : UInt32} (h : Has bytes p (le32 v)) :
    protocol.codec.read_u32 bytes (UInt64.ofNat p) = .ok (.ok (v, UInt64.ofNat (p + 4))) := by
  obtain ⟨pre, post, rfl, rfl⟩ := h
  exact read_u32_enc pre post v hb

theorem read_u64_has {p : Nat} {v : UInt64} (h : Has bytes p (encU64 v)) :
    protocol.codec.read_u64 bytes (UInt64.ofNat p) = .ok (.ok (v, UInt64.ofNat (p + 8))) := by
  obtain ⟨pre, post, rfl, rfl⟩ := h
  exact read_u64_enc pre post v hb

theorem read_len_has {p n : Nat} {m : Usize} {body : List UInt8} (hn : n < 2 ^ 32)
    (h : Has bytes p (encLen n ++ body)) (hm : n * m.toNat ≤ body.length) :
    protocol.codec.read_len bytes (UInt64.ofNat p) m =
      .ok (.ok (UInt64.ofNat n, UInt64.ofNat (p + 4))) := by
  obtain ⟨pre, post, rfl, rfl⟩ := h
  have e : pre ++ (encLen n ++ body) ++ post = pre ++ encLen n ++ (body ++ post) := by simp
  rw [e] at hb ⊢
  exact read_len_enc pre (body ++ post) n m hn (by simp; omega) hb

theorem read_field_vec_has {p : Nat} {vs : List UInt32} (hv : FieldVecOk vs)
    (h : Has bytes p (encFieldVec vs)) :
    protocol.codec.read_field_vec bytes (UInt64.ofNat p) =
      .ok (.ok (vs, UInt64.ofNat (p + (encFieldVec vs).length))) := by
  obtain ⟨pre, post, rfl, rfl⟩ := h
  rw [read_field_vec_enc pre post vs hv.2 hv.1 hb, length_encFieldVec, Nat.add_assoc]

theorem read_ext_vec_has {p : Nat} {es : List (List UInt32)} (hv : ExtVecOk es)
    (h : Has bytes p (encExtVec es)) :
    protocol.codec.read_ext_vec bytes (UInt64.ofNat p) =
      .ok (.ok (es, UInt64.ofNat (p + (encExtVec es).length))) := by
  obtain ⟨pre, post, rfl, rfl⟩ := h
  rw [read_ext_vec_enc pre post es (fun e he => (hv.2 e he).1) (fun e he => (hv.2 e he).2) hv.1 hb,
    length_encExtVec es (fun e he => (hv.2 e he).1), Nat.add_assoc]

theorem read_digest_vec_has {p : Nat} {ds : List (List UInt8)} (hv : DigestVecOk ds)
    (h : Has bytes p (encDigestVec ds)) :
    protocol.codec.read_digest_vec bytes (UInt64.ofNat p) =
      .ok (.ok (ds, UInt64.ofNat (p + (encDigestVec ds).length))) := by
  obtain ⟨pre, post, rfl, rfl⟩ := h
  rw [read_digest_vec_enc pre post ds hv.2 hv.1 hb, length_encDigestVec ds hv.2, Nat.add_assoc]

end Enc

/-- **Reading the elements of an encoding back**, for elements of varying width: if the element
reader reads every element `x` back from wherever the bytes hold `enc x`, the loop reads the
whole list back. -/
theorem vec_loop_enc' {α γ β : Type} (bytes : List UInt8)
    (rd : List UInt8 → Usize → Outcome (Except error.VerifyError (α × Usize)))
    (enc : α → List UInt8) (xs : List α) (c0 : Nat)
    (hrd : ∀ x ∈ xs, ∀ c, Has bytes c (enc x) →
      rd bytes (UInt64.ofNat c) = .ok (.ok (x, UInt64.ofNat (c + (enc x).length))))
    (h : Has bytes c0 (xs.flatMap enc)) (hxl : xs.length < 2 ^ 64)
    (M : Usize × List α × Usize → Nat)
    (B : Usize × List α × Usize → Outcome (Step (Usize × List α × Usize)
      (Exit (Usize × List α × Usize) (Except error.VerifyError γ))))
    (hM : ∀ s, M s = 2 ^ 64 - s.2.2.toNat)
    (hB : ∀ s, B s = vecBody rd bytes (UInt64.ofNat xs.length) s)
    (k : Exit (Usize × List α × Usize) (Except error.VerifyError γ) → Outcome β) :
    (loop M B (UInt64.ofNat c0, [], 0) >>= k) =
      k (Exit.brk (UInt64.ofNat (c0 + (xs.flatMap enc).length), xs, UInt64.ofNat xs.length)) := by
  refine bind_of_loop_eq ?_
  have hxn : (UInt64.ofNat xs.length).toNat = xs.length :=
    UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  apply loop_eq_ok
    (P := fun (st : Usize × List α × Usize) => st.2.2.toNat ≤ xs.length ∧
      st.1 = UInt64.ofNat (c0 + ((xs.take st.2.2.toNat).flatMap enc).length) ∧
      st.2.1 = xs.take st.2.2.toNat)
  · intro ⟨c, vs, i⟩ ⟨hi, hc, hvs⟩
    simp only at hi hc hvs
    subst hc hvs
    rw [hB]
    unfold vecBody
    by_cases hlt : i < UInt64.ofNat xs.length
    · have hk : i.toNat < xs.length := by rw [UInt64.lt_iff_toNat_lt, hxn] at hlt; exact hlt
      have e : (i + 1).toNat = i.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
      have hsplit : xs.flatMap enc = (xs.take i.toNat).flatMap enc ++
          (enc xs[i.toNat] ++ (xs.drop (i.toNat + 1)).flatMap enc) := by
        have hx : xs = xs.take i.toNat ++ xs[i.toNat] :: xs.drop (i.toNat + 1) := by
          rw [← List.drop_eq_getElem_cons hk, List.take_append_drop]
        have h1 : xs.flatMap enc =
            (xs.take i.toNat ++ xs[i.toNat] :: xs.drop (i.toNat + 1)).flatMap enc := by
          rw [← hx]
        rw [h1, List.flatMap_append, List.flatMap_cons]
      have hx : Has bytes (c0 + ((xs.take i.toNat).flatMap enc).length) (enc xs[i.toNat]) :=
        (h.eq hsplit).right.left
      have hr := hrd xs[i.toNat] (List.getElem_mem _) _ hx
      have htk : xs.take (i.toNat + 1) = xs.take i.toNat ++ [xs[i.toNat]] := by
        rw [List.take_add_one, List.getElem?_eq_getElem hk, Option.toList_some]
      left
      refine ⟨(UInt64.ofNat (c0 + ((xs.take i.toNat).flatMap enc).length +
        (enc xs[i.toNat]).length), xs.take (i.toNat + 1), i + 1), ?_, ?_, ?_⟩
      · simp only [hlt, if_true, hr, ok_bind, Usize.add_eq i 1 (by simp; omega), Slice.push, htk]
      · rw [hM, hM]
        show 2 ^ 64 - (i + 1).toNat < 2 ^ 64 - i.toNat
        rw [e]; omega
      · refine ⟨by simp only [e]; omega, ?_, by simp only [e]⟩
        simp only [e, htk, List.flatMap_append, List.length_append, List.flatMap_cons,
          List.flatMap_nil, List.append_nil, Nat.add_assoc]
    · right
      have hk : i.toNat = xs.length := by
        rw [UInt64.lt_iff_toNat_lt, hxn] at hlt; omega
      refine ⟨Exit.brk (UInt64.ofNat (c0 + ((xs.take i.toNat).flatMap enc).length),
        xs.take i.toNat, i), by simp only [hlt, if_false], ?_⟩
      rw [hk, List.take_length]
      congr
      apply UInt64.toNat_inj.mp
      rw [hk, hxn]
  · refine ⟨by simp, by simp, by simp⟩

section Enc2

variable {bytes : List UInt8} (hb : bytes.length < 2 ^ 64)

include hb

theorem read_bounded_len_has {p n : Nat} {m max : Usize} {body : List UInt8} (hn : n < 2 ^ 32)
    (hmax : n ≤ max.toNat) (h : Has bytes p (encLen n ++ body)) (hm : n * m.toNat ≤ body.length) :
    protocol.proof.read_bounded_len bytes (UInt64.ofNat p) m max =
      .ok (.ok (UInt64.ofNat n, UInt64.ofNat (p + 4))) := by
  unfold protocol.proof.read_bounded_len
  have hnn : (UInt64.ofNat n).toNat = n := UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  have c : ¬ (UInt64.ofNat n > max) := by rw [gt_iff_lt, UInt64.lt_iff_toNat_lt, hnn]; omega
  simp only [read_len_has hb hn h hm, ok_bind, pure_ok, c, if_false]

/-- **Round trip of a `u32` vector** within its bound. -/
theorem read_u32_vec_has {p : Nat} {max : Usize} {vs : List UInt32} (hs : Short vs)
    (hmax : vs.length ≤ max.toNat) (h : Has bytes p (encFieldVec vs)) :
    protocol.proof.read_u32_vec bytes (UInt64.ofNat p) max =
      .ok (.ok (vs, UInt64.ofNat (p + (encFieldVec vs).length))) := by
  unfold protocol.proof.read_u32_vec
  have hf := length_flatMap_const le32 4 length_le32 vs
  have h' : Has bytes p (encLen vs.length ++ vs.flatMap le32) := h
  have h4 : (4 : Usize).toNat = 4 := rfl
  rw [read_bounded_len_has hb hs hmax h' (by simp only [hf, h4]; omega)]
  have hr := h'.right
  rw [length_encLen] at hr
  simp only [ok_bind, pure_ok, Slice.withCapacity]
  refine (vec_loop_enc' bytes protocol.codec.read_u32 le32 vs (p + 4)
    (fun x _ c hc => by rw [read_u32_has hb hc, length_le32]) hr
    (by unfold Short at hs; omega) _ _ (fun _ => rfl)
    (fun s => by vec_body_tac (protocol.codec.read_u32 bytes s.1)) _).trans ?_
  have : p + (encFieldVec vs).length = p + 4 + (vs.flatMap le32).length := by
    rw [length_encFieldVec, hf]; omega
  rw [this]

/-- **Round trip of a multi-opening.** -/
theorem read_multi_opening_has {p : Nat} {limits : protocol.proof.DecodeLimits}
    {o : protocol.proof.MultiOpening} (hm : MultiOpeningOk limits o)
    (h : Has bytes p (encMultiOpening o)) :
    protocol.proof.read_multi_opening bytes (UInt64.ofNat p) limits =
      .ok (.ok (o, UInt64.ofNat (p + (encMultiOpening o).length))) := by
  obtain ⟨rows, path⟩ := o
  obtain ⟨h1, h2, h3, h4⟩ := hm
  replace h1 : rows.length ≤ limits.max_matrices.toNat := h1
  replace h2 : rows.length < 2 ^ 32 := h2
  replace h3 : ∀ r ∈ rows, FieldVecOk r := h3
  replace h4 : DigestVecOk path := h4
  have h' : Has bytes p (encLen rows.length ++ (rows.flatMap encFieldVec ++ encDigestVec path)) :=
    h.eq (by simp only [encMultiOpening, List.append_assoc])
  have hge := length_flatMap_ge encFieldVec 4 rows (fun r _ => by rw [length_encFieldVec]; omega)
  have e : p + (encMultiOpening ⟨rows, path⟩).length =
      p + 4 + (rows.flatMap encFieldVec).length + (encDigestVec path).length := by
    simp only [encMultiOpening, List.length_append, length_encLen]; omega
  rw [e]
  unfold protocol.proof.read_multi_opening
  have c4 : (4 : Usize).toNat = 4 := rfl
  rw [read_bounded_len_has hb h2 h1 h' (by simp only [List.length_append, c4]; omega)]
  have hr := h'.right
  rw [length_encLen] at hr
  simp only [ok_bind, pure_ok, Slice.withCapacity]
  refine (vec_loop_enc' bytes protocol.codec.read_field_vec encFieldVec rows (p + 4)
    (fun x hx c hc => read_field_vec_has hb (h3 x hx) hc) hr.left
    (by omega) _ _ (fun _ => rfl)
    (fun s => by vec_body_tac (protocol.codec.read_field_vec bytes s.1)) _).trans ?_
  simp only [read_digest_vec_has hb h4 hr.right, ok_bind]

/-- **Round trip of a FRI step.** -/
theorem read_fri_step_has {p : Nat} {st : protocol.proof.FriQueryStep} (hs : FriStepOk st)
    (h : Has bytes p (encFriStep st)) :
    protocol.proof.read_fri_step bytes (UInt64.ofNat p) =
      .ok (.ok (st, UInt64.ofNat (p + (encFriStep st).length))) := by
  obtain ⟨sib, path⟩ := st
  unfold protocol.proof.read_fri_step
  have h' : Has bytes p (encExtVec sib ++ encDigestVec path) := h
  simp only [read_ext_vec_has hb hs.1 h'.left, ok_bind, pure_ok,
    read_digest_vec_has hb hs.2 h'.right, encFriStep, List.length_append, Nat.add_assoc]

/-- **Round trip of the FRI layers' caps.** -/
theorem read_caps_has {p : Nat} {limits : protocol.proof.DecodeLimits}
    {cs : List (List (List UInt8))} {rest : List UInt8}
    (hc : cs.length ≤ limits.max_fri_rounds.toNat ∧ Short cs ∧ ∀ c ∈ cs, DigestVecOk c)
    (h : Has bytes p (encLen cs.length ++ (cs.flatMap encDigestVec ++ rest))) :
    protocol.proof.read_caps bytes (UInt64.ofNat p) limits =
      .ok (.ok (cs, UInt64.ofNat (p + 4 + (cs.flatMap encDigestVec).length))) := by
  obtain ⟨h1, h2, h3⟩ := hc
  have hge := length_flatMap_ge encDigestVec 4 cs (fun c hc => by
    rw [length_encDigestVec c (h3 c hc).2]; omega)
  unfold protocol.proof.read_caps
  have c4 : protocol.proof.MIN_CAP_BYTES.toNat = 4 := rfl
  rw [read_bounded_len_has hb h2 h1 h (by simp only [List.length_append, c4]; omega)]
  have hr := h.right
  rw [length_encLen] at hr
  simp only [ok_bind, pure_ok, Slice.withCapacity]
  refine (vec_loop_enc' bytes protocol.codec.read_digest_vec encDigestVec cs (p + 4)
    (fun x hx c hc => read_digest_vec_has hb (h3 x hx) hc) hr.left
    (by unfold Short at h2; omega) _ _ (fun _ => rfl)
    (fun s => by vec_body_tac (protocol.codec.read_digest_vec bytes s.1)) _).trans ?_
  rfl

/-- **Round trip of a table's openings.** -/
theorem read_table_openings_has {p : Nat} {o : protocol.proof.TableOpenings} (ho : OpeningsOk o)
    (h : Has bytes p (encOpenings o)) :
    protocol.proof.read_table_openings bytes (UInt64.ofNat p) =
      .ok (.ok (o, UInt64.ofNat (p + (encOpenings o).length))) := by
  obtain ⟨a, b, c, d, f⟩ := o
  obtain ⟨ha, hb', hc, hd, hf⟩ := ho
  have h' : Has bytes p (encExtVec a ++ (encExtVec b ++ (encExtVec c ++ (encExtVec d ++
      encExtVec f)))) := h.eq (by simp only [encOpenings, List.append_assoc])
  unfold protocol.proof.read_table_openings
  simp only [read_ext_vec_has hb ha h'.left, ok_bind, pure_ok,
    read_ext_vec_has hb hb' h'.right.left, read_ext_vec_has hb hc h'.right.right.left,
    read_ext_vec_has hb hd h'.right.right.right.left,
    read_ext_vec_has hb hf h'.right.right.right.right]
  simp only [encOpenings, List.length_append, Nat.add_assoc]

omit hb in
theorem length_encMultiOpening_ge (m : protocol.proof.MultiOpening) :
    8 ≤ (encMultiOpening m).length := by
  simp only [encMultiOpening, encDigestVec, List.length_append, length_encLen]; omega

/-- **Round trip of a query**: where the bytes hold `encQuery q` of a query within the limits,
`read_query` returns it and the position after it. -/
theorem read_query_has {p : Nat} {limits : protocol.proof.DecodeLimits}
    {q : protocol.proof.QueryProof} (hq : QueryOk limits q) (h : Has bytes p (encQuery q)) :
    protocol.proof.read_query bytes (UInt64.ofNat p) limits =
      .ok (.ok (q, UInt64.ofNat (p + (encQuery q).length))) := by
  obtain ⟨m, a, qo, steps⟩ := q
  obtain ⟨h1, h2, h3, h4, h5, h6⟩ := hq
  replace h4 : steps.length ≤ limits.max_fri_rounds.toNat := h4
  replace h5 : steps.length < 2 ^ 32 := h5
  replace h6 : ∀ s ∈ steps, FriStepOk s := h6
  have h' : Has bytes p (encMultiOpening m ++ (encMultiOpening a ++ (encMultiOpening qo ++
      (encLen steps.length ++ steps.flatMap encFriStep)))) :=
    h.eq (by simp only [encQuery, List.append_assoc])
  have hge := length_flatMap_ge encFriStep 8 steps (fun s _ => by
    simp only [encFriStep, encExtVec, encDigestVec, List.length_append, length_encLen]; omega)
  have e : p + (encQuery ⟨m, a, qo, steps⟩).length =
      p + (encMultiOpening m).length + (encMultiOpening a).length + (encMultiOpening qo).length +
        4 + (steps.flatMap encFriStep).length := by
    simp only [encQuery, List.length_append, length_encLen]; omega
  rw [e]
  unfold protocol.proof.read_query
  have c8 : protocol.proof.MIN_FRI_STEP_BYTES.toNat = 8 := rfl
  simp only [read_multi_opening_has hb h1 h'.left, ok_bind, pure_ok,
    read_multi_opening_has hb h2 h'.right.left, read_multi_opening_has hb h3 h'.right.right.left,
    read_bounded_len_has (m := protocol.proof.MIN_FRI_STEP_BYTES) (max := limits.max_fri_rounds)
      hb h5 h4 h'.right.right.right (by simp only [c8]; omega),
    Slice.withCapacity]
  have hr := h'.right.right.right.right
  rw [length_encLen] at hr
  refine (vec_loop_enc' bytes protocol.proof.read_fri_step encFriStep steps _
    (fun x hx c hc => read_fri_step_has hb (h6 x hx) hc) hr
    (by omega) _ _ (fun _ => rfl)
    (fun s => by vec_body_tac (protocol.proof.read_fri_step bytes s.1)) _).trans ?_
  rfl

end Enc2

end Zkvm.Refinement.protocol.decodeCanonical
