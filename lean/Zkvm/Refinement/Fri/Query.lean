module

public import Zkvm.Refinement.Fri.FoldLeaf
public import Zkvm.Extraction.LoopEq
public import Zkvm.Refinement.TranscriptSqueeze
public import Zkvm.Spec.FriQuery

/-!
# The extracted `verify_fri_query` computes `Zkvm.Spec.friQuery`

One FRI query, with the Merkle check of each layer taken as the extracted
`merkle::verify_cap_opening` (assumed not to panic on the proof's commitments and leaves; the
hypothesis is discharged, and the check replaced by the spec's cap opening, in
`Zkvm.Refinement.Fri.QueryCap`): the extracted query check returns the
spec's verdict, its errors mapped to the verifier's (`toVerifyError`), for a largest domain of
at most `2^27` points; it never panics.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Refinement.fri

open Zkvm.Extraction Zkvm.Extracted Zkvm.Field Zkvm.Field.BabyBear Zkvm.Field.Ext4 Zkvm.Spec
open Zkvm.Refinement.field (toU32)
open Zkvm.Refinement.field.extension (toExt add_spec mul_spec square_spec)
open Zkvm.Refinement.protocol.domain (bitrev_coset_point_spec)
open Zkvm.Refinement.transcript (and_mask_toNat shl_one_toNat)

/-- The verifier's error for a spec rejection. -/
def toVerifyError : FriError → error.VerifyError
  | .shape => .WrongProofShape
  | .index => .IndexOutOfBounds
  | .merkle => .FriMerkleMismatch
  | .finalPoly => .FriFinalPolynomialMismatch

/-- The Rust DEEP value of a (log size, value) pair. -/
def toDeep (d : UInt32 × Ext4) : fri.DeepValue := { log_size := d.1, value := toExt d.2 }

/-- The Merkle check of round `r` as the extracted code performs it (`false` if it panicked). -/
def capCheck (sha3_256 : List UInt8 → commit.hash.Digest) (commitments : List (List commit.hash.Digest))
    (steps : List protocol.proof.FriQueryStep) (lch : UInt32) (r depth leaf : Nat)
    (values : List BabyBear) : Bool :=
  match commitments[r]?, steps[r]? with
  | some c, some st =>
    match commit.merkle.verify_cap_opening sha3_256 c (UInt64.ofNat depth) lch.toUInt64
        (UInt64.ofNat leaf) (values.map toU32) st.path with
    | .ok b => b
    | _ => false
  | _, _ => false

theorem friRounds_error_mono (capOk : Nat → Nat → Nat → List BabyBear → Bool)
    (deep : List (Nat × Ext4)) (betas : List Ext4) (siblings : List (List Ext4))
    (logArities : List Nat) (s : FriState) (n : Nat) (e : FriError)
    (h : friRounds capOk deep betas siblings logArities n s = .error e) :
    ∀ m, n ≤ m → friRounds capOk deep betas siblings logArities m s = .error e := by
  intro m hm
  induction m with
  | zero => have : n = 0 := by omega
            subst this; exact h
  | succ m ih =>
    rcases Nat.lt_or_ge n (m + 1) with hlt | hge
    · rw [friRounds_succ, ih (by omega)]; rfl
    · have : n = m + 1 := by omega
      subst this; exact h

theorem getElem?_queryCoset (sib : List Ext4) (sl : Nat) (cur : Ext4) (t : Nat)
    (hsl : sl ≤ sib.length) (ht : t ≤ sib.length) :
    (queryCoset sib sl cur)[t]? =
      if t < sl then sib[t]? else if t = sl then some cur else sib[t - 1]? := by
  unfold queryCoset
  have hl : (sib.take sl).length = sl := by simp; omega
  by_cases h1 : t < sl
  · rw [if_pos h1, List.getElem?_append_left (by omega), List.getElem?_take_of_lt h1]
  · rw [if_neg h1, List.getElem?_append_right (by omega), hl]
    by_cases h2 : t = sl
    · subst h2; simp
    · rw [if_neg h2]
      obtain ⟨u, hu⟩ : ∃ u, t - sl = u + 1 := ⟨t - sl - 1, by omega⟩
      rw [hu, List.getElem?_cons_succ, List.getElem?_drop]
      congr 1; omega

set_option linter.unusedVariables false in
/-- The loop of `verify_fri_query` that places the running value among the siblings builds
`queryCoset` (as extension values); it never panics. -/
theorem coset_loop (arity slot : Usize) (sib : List Ext4) (cur : Ext4) (k : Nat)
    (harity : arity.toNat = 2 ^ k) (hk : k < 32) (hslot : slot.toNat < 2 ^ k)
    (hsib : sib.length + 1 = 2 ^ k) :
    loop (σ := (List field.extension.Ext) × field.extension.Ext × Usize)
        (ρ := (List field.extension.Ext) × field.extension.Ext × Usize)
      (fun (coset, current, t) => 2 ^ 64 - t.toNat)
      (fun (coset, current, t) => do
        let mut coset := coset
        let mut current := current
        let mut t := t
        if t < arity then
          if t < slot then
            coset := (Slice.push coset (← Slice.index (sib.map toExt) t))
          else
            if t = slot then
              coset := (Slice.push coset current)
            else
              coset := (Slice.push coset (← Slice.index (sib.map toExt) (← Usize.sub t 1)))
          t ← Usize.add t 1
          return Step.cont (coset, current, t)
        else
          return Step.done (coset, current, t))
      (Slice.withCapacity arity, toExt cur, 0) =
      .ok ((queryCoset sib slot.toNat cur).map toExt, toExt cur, arity) := by
  have h2k : 2 ^ k < 2 ^ 32 := Nat.pow_lt_pow_right (by omega) hk
  have hlen : (queryCoset sib slot.toNat cur).length = 2 ^ k := by
    simp [queryCoset]; omega
  apply loop_eq_ok
    (P := fun x => x.2.2.toNat ≤ 2 ^ k ∧ x.2.1 = toExt cur ∧
      x.1 = ((queryCoset sib slot.toNat cur).take x.2.2.toNat).map toExt)
  · (
      intro ⟨cs, c, t⟩ ⟨ht, hc, hcs⟩
      dsimp only at ht hc hcs
      subst hc hcs
      dsimp only
      by_cases hlt : t < arity
      · have hlt' : t.toNat < 2 ^ k := by rw [UInt64.lt_iff_toNat_lt, harity] at hlt; exact hlt
        have e : (t + 1).toNat = t.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
        have hq : ((queryCoset sib slot.toNat cur).take (t.toNat + 1)).map toExt =
            ((queryCoset sib slot.toNat cur).take t.toNat).map toExt ++
              [toExt ((queryCoset sib slot.toNat cur)[t.toNat]'(by omega))] := by
          rw [List.take_add_one, List.getElem?_eq_getElem (by omega), List.map_append]; rfl
        have hget := getElem?_queryCoset sib slot.toNat cur t.toNat (by omega) (by omega)
        rw [List.getElem?_eq_getElem (by omega)] at hget
        left
        refine ⟨(((queryCoset sib slot.toNat cur).take (t.toNat + 1)).map toExt, toExt cur, t + 1),
          ?_, ?_, ?_⟩
        · rw [if_pos hlt, hq]
          by_cases h1 : t < slot
          · have h1' : t.toNat < slot.toNat := UInt64.lt_iff_toNat_lt.mp h1
            rw [if_pos h1, if_pos h1'] at *
            rw [List.getElem?_eq_getElem (by omega)] at hget
            rw [Slice.index_eq _ _ (by simp; omega), ok_bind, pure_ok, ok_bind,
              Usize.add_eq t 1 (by simp; omega), ok_bind, pure_ok]
            simp only [Option.some.injEq] at hget
            simp [Slice.push, hget]
          · have h1' : ¬ t.toNat < slot.toNat := fun h => h1 (UInt64.lt_iff_toNat_lt.mpr h)
            rw [if_neg h1]
            rw [if_neg h1'] at hget
            by_cases h2 : t = slot
            · have h2' : t.toNat = slot.toNat := by rw [h2]
              rw [if_pos h2, pure_ok, ok_bind, Usize.add_eq t 1 (by simp; omega), ok_bind, pure_ok]
              rw [if_pos h2'] at hget
              simp only [Option.some.injEq] at hget
              simp [Slice.push, hget]
            · have h2' : t.toNat ≠ slot.toNat := fun h => h2 (UInt64.toNat_inj.mp h)
              rw [if_neg h2'] at hget
              have ht1 : (t - 1).toNat = t.toNat - 1 := by
                rw [UInt64.toNat_sub_of_le _ _ (by rw [UInt64.le_iff_toNat_le]; simp; omega)]; simp
              rw [if_neg h2, Usize.sub_eq t 1 (by simp; omega), ok_bind,
                Slice.index_eq _ _ (by rw [ht1]; simp; omega), ok_bind, pure_ok, ok_bind,
                Usize.add_eq t 1 (by simp; omega), ok_bind, pure_ok]
              rw [List.getElem?_eq_getElem (by omega)] at hget
              simp only [Option.some.injEq] at hget
              simp [Slice.push, hget, ht1]
        · show 2 ^ 64 - (t + 1).toNat < 2 ^ 64 - t.toNat
          rw [e]; omega
        · exact ⟨by rw [e]; omega, rfl, by rw [e]⟩
      · right
        refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
        have e : t.toNat = 2 ^ k := by
          have : ¬ t.toNat < arity.toNat := fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
          omega
        have et : t = arity := UInt64.toNat_inj.mp (by rw [e, harity])
        subst et
        rw [e, ← hlen, List.take_length])
  · exact ⟨by simp, rfl, by simp [Slice.withCapacity]⟩

set_option linter.unusedVariables false in
/-- The roll-in coefficient's loop of `verify_fri_query` squares `β` `log_arity` times; it never
panics. -/
theorem square_loop (β : Ext4) (log_arity : UInt32) :
    loop (σ := field.extension.Ext × UInt32) (ρ := field.extension.Ext × UInt32)
      (fun (coefficient, s) => 2 ^ 32 - s.toNat)
      (fun (coefficient, s) => do
        let mut coefficient := coefficient
        let mut s := s
        if s < log_arity then
          coefficient ← field.extension.square coefficient
          s ← U32.add s 1
          return Step.cont (coefficient, s)
        else
          return Step.done (coefficient, s))
      (toExt β, 0) = .ok (toExt (sqIter log_arity.toNat β), log_arity) := by
  apply loop_eq_ok
    (P := fun x => x.2.toNat ≤ log_arity.toNat ∧ x.1 = toExt (sqIter x.2.toNat β))
  · intro ⟨c, t⟩ ⟨ht, hc⟩
    dsimp only at ht hc
    subst hc
    dsimp only
    by_cases hlt : t < log_arity
    · have hlt' : t.toNat < log_arity.toNat := UInt32.lt_iff_toNat_lt.mp hlt
      have hl32 := UInt32.toNat_lt log_arity
      have e : (t + 1).toNat = t.toNat + 1 := by simp only [UInt32.toNat_add]; simp; omega
      left
      refine ⟨(toExt (sqIter (t.toNat + 1) β), t + 1), ?_, ?_, ?_⟩
      · rw [if_pos hlt, square_spec, ok_bind, U32.add_eq t 1 (by simp; omega), ok_bind, pure_ok]
        rfl
      · show 2 ^ 32 - (t + 1).toNat < 2 ^ 32 - t.toNat
        rw [e]; omega
      · exact ⟨by rw [e]; omega, by rw [e]⟩
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      have e : t = log_arity := by
        apply UInt32.toNat_inj.mp
        have : ¬ t.toNat < log_arity.toNat := fun h => hlt (UInt32.lt_iff_toNat_lt.mpr h)
        omega
      subst e; rfl
  · exact ⟨by simp, rfl⟩

theorem len_eq_iff {α β : Type} (a : List α) (b : List β) (ha : a.length < 2 ^ 64)
    (hb : b.length < 2 ^ 64) : Slice.len a = Slice.len b ↔ a.length = b.length := by
  constructor
  · intro h
    have := congrArg UInt64.toNat h
    rwa [Slice.len_toNat _ ha, Slice.len_toNat _ hb] at this
  · intro h; simp [Slice.len, h]

theorem shr_toNat (a : UInt64) (k : Nat) (hk : k < 64) : (a >>> UInt64.ofNat k).toNat = a.toNat / 2 ^ k := by
  have e : (UInt64.ofNat k).toNat = k := UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)
  rw [UInt64.toNat_shiftRight, e, Nat.mod_eq_of_lt hk, Nat.shiftRight_eq_div_pow]

/-- `verify_fri_query` returns the spec's verdict `friQuery` (with the extracted Merkle check of
each round, `capCheck`), for a largest domain of at most `2^27` points; it never panics. -/
theorem verify_fri_query_spec (sha3_256 : List UInt8 → commit.hash.Digest)
    (commitments : List (List commit.hash.Digest)) (betas : List Ext4)
    (steps : List protocol.proof.FriQueryStep) (sibs : List (List Ext4)) (finalPoly : List Ext4)
    (log_arities : List UInt32) (log_max lch : UInt32) (index : UInt64)
    (deep : List (UInt32 × Ext4))
    (hsl : steps.length = sibs.length)
    (hsib : ∀ r (h : r < steps.length), steps[r].siblings = (sibs[r]'(by omega)).map toExt)
    (hcap : ∀ r (h : r < commitments.length) (h' : r < steps.length) (d i : UInt64)
      (v : List UInt32), 4 * v.length + 1 < 2 ^ 64 → ∃ b, commit.merkle.verify_cap_opening sha3_256 commitments[r] d
        lch.toUInt64 i v steps[r].path = .ok b)
    (hmax : log_max.toNat ≤ 27)
    (hc64 : commitments.length < 2 ^ 64) (hs64 : steps.length < 2 ^ 64)
    (hb64 : betas.length < 2 ^ 64) (ha64 : log_arities.length < 2 ^ 64)
    (hd64 : deep.length < 2 ^ 64) (hf64 : finalPoly.length < 2 ^ 64)
    (hsib64 : ∀ r (h : r < sibs.length), (sibs[r]'h).length < 2 ^ 64) :
    fri.verify_fri_query sha3_256 commitments (betas.map toExt) steps (finalPoly.map toExt)
        log_arities log_max lch index (deep.map toDeep) =
      .ok ((friQuery (capCheck sha3_256 commitments steps lch) commitments.length betas sibs
        finalPoly (log_arities.map UInt32.toNat) log_max.toNat index.toNat
        (deep.map fun d => (d.1.toNat, d.2))).mapError toVerifyError) := by
  unfold fri.verify_fri_query friQuery
  simp only [List.length_map]
  have hshape : (decide (Slice.len commitments ≠ Slice.len log_arities) ||
      decide (Slice.len steps ≠ Slice.len log_arities) ||
      decide (Slice.len (betas.map toExt) ≠ Slice.len log_arities)) =
      decide (commitments.length ≠ log_arities.length ∨ sibs.length ≠ log_arities.length ∨
        betas.length ≠ log_arities.length) := by
    rw [← hsl]
    simp only [ne_eq, len_eq_iff _ _ hc64 ha64, len_eq_iff _ _ hs64 ha64,
      len_eq_iff (betas.map toExt) log_arities (by simpa using hb64) ha64, List.length_map]
    by_cases h1 : commitments.length = log_arities.length <;>
      by_cases h2 : steps.length = log_arities.length <;>
      by_cases h3 : betas.length = log_arities.length <;> simp [h1, h2, h3]
  rw [hshape]
  by_cases hs : commitments.length ≠ log_arities.length ∨ sibs.length ≠ log_arities.length ∨
      betas.length ≠ log_arities.length
  · rw [if_pos (decide_eq_true hs), if_pos hs]; rfl
  rw [if_neg (by simpa using hs), if_neg hs]
  rcases deep with _ | ⟨d0, drest⟩
  · simp only [List.map_nil, Slice.is_empty, List.isEmpty_nil, if_true, pure_ok, ok_bind,
      Bool.true_or]
    rfl
  simp only [List.map_cons, Slice.is_empty, List.isEmpty_cons, Bool.false_eq_true, if_false]
  have hidx0 : Slice.index (toDeep d0 :: drest.map toDeep) 0 = .ok (toDeep d0) := rfl
  rw [hidx0, ok_bind, pure_ok, ok_bind]
  have hd0 : (decide ((toDeep d0).log_size ≠ log_max) || decide (log_max ≥ 64)) =
      decide (d0.1.toNat ≠ log_max.toNat ∨ 64 ≤ log_max.toNat) := by
    have e64 : ¬ log_max ≥ 64 := fun h => by rw [GE.ge, UInt32.le_iff_toNat_le] at h; simp at h; omega
    have e64' : ¬ 64 ≤ log_max.toNat := by omega
    simp only [toDeep, e64, e64', decide_false, Bool.or_false, or_false, ne_eq,
      UInt32.toNat_inj]
  rw [hd0]
  by_cases hd : d0.1.toNat ≠ log_max.toNat ∨ 64 ≤ log_max.toNat
  · rw [if_pos (decide_eq_true hd), if_pos hd]; rfl
  rw [if_neg (by simpa using hd), if_neg hd]
  have hm64 : log_max.toNat < 64 := by omega
  rw [U64.shr_eq index _ hm64, ok_bind]
  have hix : (index >>> UInt64.ofNat log_max.toNat ≠ 0) ↔ index.toNat / 2 ^ log_max.toNat ≠ 0 := by
    rw [ne_eq, ne_eq, ← UInt64.toNat_inj, shr_toNat _ _ hm64]; simp
  by_cases hi : index.toNat / 2 ^ log_max.toNat ≠ 0
  · rw [if_pos (hix.mpr hi), if_pos hi]; rfl
  rw [if_neg (fun h => hi (hix.mp h)), if_neg hi]
  rw [ok_bind]
  have hDn : (Slice.len (toDeep d0 :: List.map toDeep drest)).toNat = drest.length + 1 := by
    rw [Slice.len_toNat _ (by simp at hd64 ⊢; omega)]; simp
  have hlenA := Slice.len_toNat log_arities ha64
  -- The spec side's names.
  generalize hcapOk : capCheck sha3_256 commitments steps lch = capOk
  generalize hla : log_arities.map UInt32.toNat = la
  generalize hdeepN : (d0.1.toNat, d0.2) :: drest.map (fun d => (d.1.toNat, d.2)) = deepN
  have hlaR : la.length = log_arities.length := by rw [← hla]; simp
  have hR : log_arities.length = commitments.length := by omega
  have hRs : sibs.length = log_arities.length := by omega
  have hRb : betas.length = log_arities.length := by omega
  let s0 : FriState := ⟨d0.2, 0, log_max.toNat, index.toNat, 1⟩
  apply loop_bind_ok
    (P := fun x => ∃ st : FriState,
      friRounds capOk deepN betas sibs la x.2.2.2.2.2.toNat s0 = .ok st ∧
      x.2.2.2.2.2.toNat ≤ log_arities.length ∧ x.1 = toExt st.current ∧ x.2.1.toNat = st.shift ∧
      x.2.2.1.toNat = st.logSize ∧ x.2.2.2.1.toNat = st.position ∧ x.2.2.2.2.1.toNat = st.nextDeep ∧
      st.shift + st.logSize = log_max.toNat ∧ st.position < 2 ^ st.logSize ∧
      1 ≤ st.nextDeep ∧ st.nextDeep ≤ drest.length + 1)
    (Q := fun r => (∃ c sh ls pos nd rd st, r = Exit.brk (c, sh, ls, pos, nd, rd) ∧
        friRounds capOk deepN betas sibs la log_arities.length s0 = .ok st ∧
        c = toExt st.current ∧ sh.toNat = st.shift ∧ ls.toNat = st.logSize ∧
        pos.toNat = st.position ∧ nd.toNat = st.nextDeep ∧ st.shift + st.logSize = log_max.toNat) ∨
      (∃ fe, r = Exit.ret (Except.error (toVerifyError fe)) ∧
        friRounds capOk deepN betas sibs la log_arities.length s0 = .error fe))
  · intro ⟨c, sh, ls, pos, nd, rd⟩ ⟨st, hst, hrd, hc, hsh, hls, hpos, hnd, hsum, hposlt, hnd1, hndle⟩
    dsimp only at hst hrd hc hsh hls hpos hnd
    subst hc
    dsimp only
    by_cases hlt : ¬ rd < Slice.len log_arities
    · right
      refine ⟨_, by rw [if_neg hlt, pure_ok], ?_⟩
      left
      have e : rd.toNat = log_arities.length := by
        have : ¬ rd.toNat < (Slice.len log_arities).toNat :=
          fun h => hlt (UInt64.lt_iff_toNat_lt.mpr h)
        omega
      exact ⟨_, _, _, _, _, _, st, rfl, by rw [← e]; exact hst, rfl, hsh, hls, hpos, hnd, hsum⟩
    replace hlt : rd < Slice.len log_arities := Decidable.of_not_not hlt
    have hr : rd.toNat < log_arities.length := by
      rw [UInt64.lt_iff_toNat_lt, hlenA] at hlt; exact hlt
    have hround : friRounds capOk deepN betas sibs la (rd.toNat + 1) s0 =
        friRound capOk deepN rd.toNat (betas.getD rd.toNat 0) (sibs.getD rd.toNat [])
          (la.getD rd.toNat 0) st := by
      rw [friRounds_succ, hst]; rfl
    have hmono := fun fe (h : friRound capOk deepN rd.toNat (betas.getD rd.toNat 0)
        (sibs.getD rd.toNat []) (la.getD rd.toNat 0) st = .error fe) =>
      friRounds_error_mono capOk deepN betas sibs la s0 (rd.toNat + 1) fe (hround.trans h)
        log_arities.length (by omega)
    have hkidx : Slice.index log_arities rd = .ok log_arities[rd.toNat] :=
      Slice.index_eq _ _ (by omega)
    obtain ⟨ka, hka⟩ : ∃ ka, log_arities[rd.toNat] = ka := ⟨_, rfl⟩
    have hlaget : la.getD rd.toNat 0 = ka.toNat := by
      rw [← hla, getD_of_lt _ _ _ (by simp; omega)]; simp [hka]
    rw [if_pos hlt, hkidx, ok_bind, hka]
    have hc1 : (decide (ka = 0) || decide (ka ≥ 32) || decide (ls < ka)) =
        decide (ka.toNat = 0 ∨ 32 ≤ ka.toNat ∨ st.logSize < ka.toNat) := by
      rw [← hls]
      by_cases a1 : ka.toNat = 0 <;> by_cases a2 : 32 ≤ ka.toNat <;>
        by_cases a3 : ls.toNat < ka.toNat <;>
        simp [a1, a2, a3, ← UInt32.toNat_inj, UInt32.le_iff_toNat_le, UInt32.lt_iff_toNat_lt]
    rw [hc1]
    by_cases h1 : ka.toNat = 0 ∨ 32 ≤ ka.toNat ∨ st.logSize < ka.toNat
    · rw [if_pos (decide_eq_true h1)]
      right
      refine ⟨_, pure_ok _, Or.inr ⟨.shape, rfl, hmono .shape ?_⟩⟩
      rw [friRound, hlaget, if_pos h1]
    rw [if_neg (by simpa using h1)]
    have hk0 : 0 < ka.toNat := by omega
    have hk32 : ka.toNat < 32 := by omega
    have hkls : ka.toNat ≤ st.logSize := by omega
    have hls27 : st.logSize ≤ 27 := by omega
    have h2k : 2 ^ ka.toNat < 2 ^ 32 := Nat.pow_lt_pow_right (by omega) hk32
    have h2k1 : 1 ≤ 2 ^ ka.toNat := Nat.one_le_two_pow
    have hsidx : Slice.index steps rd = .ok steps[rd.toNat] := Slice.index_eq _ _ (by omega)
    have hsibr := hsib rd.toNat (by omega)
    have hsibget : sibs.getD rd.toNat [] = sibs[rd.toNat]'(by omega) :=
      getD_of_lt _ _ _ (by omega)
    have hbget : betas.getD rd.toNat 0 = betas[rd.toNat]'(by omega) :=
      getD_of_lt _ _ _ (by omega)
    rw [Usize.shl_eq 1 _ (by omega), ok_bind, U32.sub_eq ls ka (by omega), ok_bind,
      U64.shr_eq pos _ (by omega), ok_bind, U64.shl_eq 1 _ (by omega), ok_bind,
      U64.sub_eq _ 1 (by rw [shl_one_toNat _ (by omega)]; simp; omega), ok_bind, hsidx, ok_bind,
      Usize.sub_eq _ 1 (by rw [shl_one_toNat _ (by omega)]; simp; omega), ok_bind, hsibr]
    have hsl2 : (Slice.len ((sibs[rd.toNat]'(by omega)).map toExt) ≠
        (1 <<< UInt64.ofNat ka.toNat) - 1) ↔ (sibs[rd.toNat]'(by omega)).length ≠ 2 ^ ka.toNat - 1 := by
      rw [ne_eq, ne_eq, ← UInt64.toNat_inj, UInt64.toNat_sub_of_le _ _ (by
          rw [UInt64.le_iff_toNat_le, shl_one_toNat _ (by omega)]; simp; omega),
        shl_one_toNat _ (by omega), Slice.len_toNat _ (by simp; exact hsib64 _ _)]
      simp
    by_cases h2 : (sibs[rd.toNat]'(by omega)).length ≠ 2 ^ ka.toNat - 1
    · rw [if_pos (hsl2.mpr h2)]
      right
      refine ⟨_, pure_ok _, Or.inr ⟨.shape, rfl, hmono .shape ?_⟩⟩
      rw [friRound, hlaget, if_neg h1, hsibget, if_pos h2]
    rw [if_neg (fun h => h2 (hsl2.mp h))]
    have h2' : (sibs[rd.toNat]'(by omega)).length + 1 = 2 ^ ka.toNat := by omega
    have hslot : (pos &&& ((1 <<< UInt64.ofNat ka.toNat) - 1)).toNat = st.position % 2 ^ ka.toNat := by
      rw [and_mask_toNat _ _ (by omega), hpos]
    rw [coset_loop _ _ _ _ ka.toNat (shl_one_toNat _ (by omega)) hk32
      (by rw [hslot]; exact Nat.mod_lt _ (by omega)) h2', ok_bind, hslot]
    -- The Merkle check.
    have hrc : rd.toNat < commitments.length := by omega
    have hrs : rd.toNat < steps.length := by omega
    obtain ⟨cs, hcs⟩ : ∃ cs, queryCoset (sibs[rd.toNat]'(by omega)) (st.position % 2 ^ ka.toNat)
        st.current = cs := ⟨_, rfl⟩
    have hcsl : cs.length = 2 ^ ka.toNat := by
      rw [← hcs]; simp only [queryCoset, List.length_append, List.length_take, List.length_cons,
        List.length_drop]; omega
    have hleafN : (pos >>> UInt64.ofNat ka.toNat).toNat = st.position / 2 ^ ka.toNat := by
      rw [shr_toNat _ _ (by omega), hpos]
    have hleafU : pos >>> UInt64.ofNat ka.toNat = UInt64.ofNat (st.position / 2 ^ ka.toNat) := by
      apply UInt64.toNat_inj.mp
      rw [hleafN, UInt64.toNat_ofNat_of_lt' (by
        have := Nat.div_le_self st.position (2 ^ ka.toNat)
        have : st.position < 2 ^ 27 := Nat.lt_of_lt_of_le hposlt (Nat.pow_le_pow_right (by omega) hls27)
        simp [UInt64.size]; omega)]
    have hlogU : (ls - ka).toUInt64 = UInt64.ofNat (st.logSize - ka.toNat) := by
      apply UInt64.toNat_inj.mp
      rw [UInt32.toNat_toUInt64, UInt32.toNat_sub_of_le _ _ (by rw [UInt32.le_iff_toNat_le]; omega),
        hls, UInt64.toNat_ofNat_of_lt' (by simp [UInt64.size]; omega)]
    obtain ⟨bcap, hbcap⟩ := hcap rd.toNat hrc hrs (UInt64.ofNat (st.logSize - ka.toNat))
      (UInt64.ofNat (st.position / 2 ^ ka.toNat)) ((leafValues cs).map toU32)
      (by rw [List.length_map, length_leafValues, hcsl]; omega)
    have hcapOk' : capOk rd.toNat (st.logSize - ka.toNat) (st.position / 2 ^ ka.toNat)
        (leafValues cs) = bcap := by
      rw [← hcapOk]
      simp only [capCheck, List.getElem?_eq_getElem hrc, List.getElem?_eq_getElem hrs, hbcap]
    have hspec_pre : friRound capOk deepN rd.toNat (betas.getD rd.toNat 0) (sibs.getD rd.toNat [])
        (la.getD rd.toNat 0) st =
        if capOk rd.toNat (st.logSize - ka.toNat) (st.position / 2 ^ ka.toNat) (leafValues cs) = false
        then .error .merkle
        else match deepN[st.nextDeep]? with
          | some d =>
            if d.1 = st.logSize - ka.toNat then
              .ok ⟨foldLeaf ka.toNat cs (betas[rd.toNat]'(by omega)) (st.position / 2 ^ ka.toNat * 2 ^ ka.toNat)
                  st.shift st.logSize + sqIter ka.toNat (betas[rd.toNat]'(by omega)) * d.2,
                st.shift + ka.toNat, st.logSize - ka.toNat, st.position / 2 ^ ka.toNat, st.nextDeep + 1⟩
            else .ok ⟨foldLeaf ka.toNat cs (betas[rd.toNat]'(by omega)) (st.position / 2 ^ ka.toNat * 2 ^ ka.toNat)
                  st.shift st.logSize, st.shift + ka.toNat, st.logSize - ka.toNat,
                st.position / 2 ^ ka.toNat, st.nextDeep⟩
          | none => .ok ⟨foldLeaf ka.toNat cs (betas[rd.toNat]'(by omega)) (st.position / 2 ^ ka.toNat * 2 ^ ka.toNat)
                  st.shift st.logSize, st.shift + ka.toNat, st.logSize - ka.toNat,
                st.position / 2 ^ ka.toNat, st.nextDeep⟩ := by
      rw [friRound, hlaget, if_neg h1, hsibget, if_neg h2, hbget]
      simp only [hcs]
      rfl
    rw [Slice.index_eq commitments rd hrc, ok_bind]
    dsimp only
    rw [hcs, leaf_values_spec _ (by rw [hcsl]; omega), ok_bind, hlogU, hleafU, hbcap, ok_bind]
    cases bcap
    · rw [if_pos (show (!false) = true from rfl)]
      right
      refine ⟨_, pure_ok _, Or.inr ⟨.merkle, rfl, hmono .merkle ?_⟩⟩
      rw [hspec_pre, hcapOk', if_pos rfl]
    rw [if_neg (show ¬ ((!true) = true) by decide)]
    have hbidx : Slice.index (betas.map toExt) rd = .ok (toExt (betas[rd.toNat]'(by omega))) := by
      rw [Slice.index_eq _ _ (by simp; omega)]; simp
    have hleafN' : (UInt64.ofNat (st.position / 2 ^ ka.toNat)).toNat = st.position / 2 ^ ka.toNat := by
      rw [← hleafU, hleafN]
    have hleaflt : st.position / 2 ^ ka.toNat < 2 ^ (st.logSize - ka.toNat) := by
      rw [Nat.div_lt_iff_lt_mul (by omega), ← Nat.pow_add, Nat.sub_add_cancel hkls]; exact hposlt
    rw [hbidx, ok_bind, fold_leaf_spec cs _ _ sh ls ka hk0 (by omega) (by omega) hcsl
      (by rw [hleafN', hls]; exact hleaflt) (by omega), ok_bind]
    dsimp only
    rw [pure_ok, ok_bind]
    have hca : U32.checked_add sh ka = some (sh + ka) := by
      simp only [U32.checked_add]; rw [if_pos (by omega)]
    rw [hca]
    dsimp only
    rw [pure_ok, ok_bind, hleafN', hsh, hls]
    have e_rd : (rd + 1).toNat = rd.toNat + 1 := by simp only [UInt64.toNat_add]; simp; omega
    have e_shk : (sh + ka).toNat = st.shift + ka.toNat := by
      simp only [UInt32.toNat_add]; omega
    have e_lsk : (ls - ka).toNat = st.logSize - ka.toNat := by
      rw [UInt32.toNat_sub_of_le _ _ (by rw [UInt32.le_iff_toNat_le]; omega), hls]
    have hcapT : capOk rd.toNat (st.logSize - ka.toNat) (st.position / 2 ^ ka.toNat)
        (leafValues cs) = false ↔ False := by rw [hcapOk']; simp
    rw [if_neg (by rw [hcapOk']; simp)] at hspec_pre
    have hmeas : 2 ^ 64 - (rd + 1).toNat < 2 ^ 64 - rd.toNat := by rw [e_rd]; omega
    have hsum' : st.shift + ka.toNat + (st.logSize - ka.toNat) = log_max.toNat := by omega
    have hposlt' : st.position / 2 ^ ka.toNat < 2 ^ (st.logSize - ka.toNat) :=
      Nat.div_lt_of_lt_mul (by rw [← Nat.pow_add, Nat.add_sub_cancel' hkls]; exact hposlt)
    by_cases hdn : nd < Slice.len (toDeep d0 :: List.map toDeep drest)
    · have hdn' : st.nextDeep < drest.length + 1 := by
        rw [UInt64.lt_iff_toNat_lt, hDn, hnd] at hdn; exact hdn
      have hdl' : st.nextDeep < (d0 :: drest).length := by simp; omega
      have hnd64 : st.nextDeep + 1 < 2 ^ 64 := by simp at hd64; omega
      have hDidx : Slice.index (toDeep d0 :: List.map toDeep drest) nd =
          .ok (toDeep ((d0 :: drest)[st.nextDeep]'hdl')) := by
        apply index_of_getElem?
        rw [hnd]
        show ((d0 :: drest).map toDeep)[st.nextDeep]? = _
        rw [List.getElem?_map, List.getElem?_eq_getElem hdl']; rfl
      have hdeepget : deepN[st.nextDeep]? = some ((((d0 :: drest)[st.nextDeep]'hdl').1.toNat,
          ((d0 :: drest)[st.nextDeep]'hdl').2)) := by
        rw [← hdeepN]
        show ((d0 :: drest).map (fun d => (d.1.toNat, d.2)))[st.nextDeep]? = _
        rw [List.getElem?_map, List.getElem?_eq_getElem hdl']; rfl
      rw [hdeepget] at hspec_pre
      dsimp only at hspec_pre
      rw [if_pos hdn, hDidx, ok_bind, pure_ok, ok_bind]
      by_cases hj : ((d0 :: drest)[st.nextDeep]'hdl').1.toNat = st.logSize - ka.toNat
      · rw [if_pos hj] at hspec_pre
        have hjd : decide ((toDeep ((d0 :: drest)[st.nextDeep]'hdl')).log_size = ls - ka) = true :=
          decide_eq_true (UInt32.toNat_inj.mp (by rw [e_lsk]; exact hj))
        rw [hjd, if_pos rfl, ok_bind, square_loop, ok_bind, ok_bind]
        dsimp only [toDeep]
        rw [mul_spec, ok_bind, add_spec, ok_bind, Usize.add_eq nd 1 (by simp; omega), ok_bind,
          pure_ok, ok_bind, Usize.add_eq rd 1 (by simp; omega), ok_bind, pure_ok]
        left
        refine ⟨_, rfl, hmeas, ⟨foldLeaf ka.toNat cs (betas[rd.toNat]'(by omega))
            (st.position / 2 ^ ka.toNat * 2 ^ ka.toNat) st.shift st.logSize +
            sqIter ka.toNat (betas[rd.toNat]'(by omega)) * ((d0 :: drest)[st.nextDeep]'hdl').2,
            st.shift + ka.toNat, st.logSize - ka.toNat, st.position / 2 ^ ka.toNat, st.nextDeep + 1⟩,
          by rw [e_rd, hround, hspec_pre], by rw [e_rd]; omega, rfl,
          e_shk, e_lsk, hleafN', by simp only [UInt64.toNat_add]; simp; omega, hsum', hposlt',
          by dsimp only; omega, by dsimp only; omega⟩
      · rw [if_neg hj] at hspec_pre
        have hjd : decide ((toDeep ((d0 :: drest)[st.nextDeep]'hdl')).log_size = ls - ka) = false :=
          decide_eq_false (fun h => hj (by rw [← e_lsk, ← h]; rfl))
        rw [hjd, if_neg (by decide), pure_ok, ok_bind, Usize.add_eq rd 1 (by simp; omega), ok_bind, pure_ok]
        left
        refine ⟨_, rfl, hmeas, ⟨foldLeaf ka.toNat cs (betas[rd.toNat]'(by omega))
            (st.position / 2 ^ ka.toNat * 2 ^ ka.toNat) st.shift st.logSize,
            st.shift + ka.toNat, st.logSize - ka.toNat, st.position / 2 ^ ka.toNat, st.nextDeep⟩,
          by rw [e_rd, hround, hspec_pre], by rw [e_rd]; omega, rfl,
          e_shk, e_lsk, hleafN', hnd, hsum', hposlt', hnd1, hndle⟩
    · have hdn' : ¬ st.nextDeep < drest.length + 1 := by
        intro h; apply hdn; rw [UInt64.lt_iff_toNat_lt, hDn, hnd]; exact h
      have hdeepget : deepN[st.nextDeep]? = none := by
        rw [← hdeepN, List.getElem?_eq_none]; simp; omega
      rw [hdeepget] at hspec_pre
      dsimp only at hspec_pre
      rw [if_neg hdn, pure_ok, ok_bind, if_neg (by decide), pure_ok, ok_bind,
        Usize.add_eq rd 1 (by simp; omega), ok_bind, pure_ok]
      left
      refine ⟨_, rfl, hmeas, ⟨foldLeaf ka.toNat cs (betas[rd.toNat]'(by omega))
            (st.position / 2 ^ ka.toNat * 2 ^ ka.toNat) st.shift st.logSize,
            st.shift + ka.toNat, st.logSize - ka.toNat, st.position / 2 ^ ka.toNat, st.nextDeep⟩,
        by rw [e_rd, hround, hspec_pre], by rw [e_rd]; omega, rfl,
        e_shk, e_lsk, hleafN', hnd, hsum', hposlt', hnd1, hndle⟩
  · have h0 : index.toNat / 2 ^ log_max.toNat = 0 := Decidable.of_not_not hi
    have hp : 0 < 2 ^ log_max.toNat := Nat.two_pow_pos _
    have hlt0 : index.toNat < 2 ^ log_max.toNat := by
      have := (Nat.div_lt_iff_lt_mul hp).mp (by rw [h0]; omega : index.toNat / 2 ^ log_max.toNat < 1)
      omega
    refine ⟨s0, rfl, by simp, rfl, by simp [s0], by simp [s0], rfl, by simp [s0], by simp [s0],
      hlt0, by simp [s0], by simp [s0]⟩
  · intro r hQ
    rcases hQ with ⟨c, sh, ls, pos, nd, rd, st, rfl, hst, hc, hsh, hls, hpos, hnd, hsum⟩ |
      ⟨fe, rfl, hfe⟩
    · rw [hst]
      dsimp only
      have hdl : (d0 :: drest).length = drest.length + 1 := by simp
      have hne : (nd ≠ Slice.len (toDeep d0 :: List.map toDeep drest)) ↔
          st.nextDeep ≠ (d0 :: drest).length := by
        rw [hdl, ← hnd, ← hDn, ne_eq, ne_eq, UInt64.toNat_inj]
      by_cases hn : st.nextDeep ≠ (d0 :: drest).length
      · rw [if_pos (hne.mpr hn), if_pos hn]; rfl
      rw [if_neg (fun h => hn (hne.mp h)), if_neg hn]
      have hls27 : ls.toNat ≤ 27 := by omega
      rw [bitrev_coset_point_spec, ok_bind, if_pos hls27]
      dsimp only
      rw [pure_ok, ok_bind, eval_poly_at_base_spec _ _ hf64, ok_bind, hc, hsh, hls, hpos]
      have hfe : (toExt (Poly.evalList (ofBase (bitrevCosetPoint st.shift st.logSize st.position))
          finalPoly) ≠ toExt st.current) ↔ (Poly.evalList (ofBase (bitrevCosetPoint st.shift
          st.logSize st.position)) finalPoly ≠ st.current) :=
        ⟨fun h h' => h (h' ▸ rfl), fun h h' => h (Zkvm.Refinement.field.extension.toExt_inj h')⟩
      by_cases hp : Poly.evalList (ofBase (bitrevCosetPoint st.shift st.logSize st.position))
          finalPoly ≠ st.current
      · rw [if_pos (hfe.mpr hp), if_pos hp]; rfl
      · rw [if_neg (fun h => hp (hfe.mp h)), if_neg hp]; rfl
    · rw [hfe]; rfl

end Zkvm.Refinement.fri
