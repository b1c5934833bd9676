module

public import Zkvm.Stark.Count
public import Zkvm.Poly.Interpolation

/-!
# LogUp: an unbalanced bus is caught by all but few challenges `(χ, β)`

A bus fraction is a multiplicity `m` and a message `msg` (a list of field elements, tag first).
Its fingerprint is `fp msg β = Σⱼ βʲ·msgⱼ` (`fp`, Horner from the last field, as the Rust
`logup::fingerprint`) and the fraction is `m / (χ - fp msg β)`. The bus is balanced when every
message has total multiplicity zero (`mult v fs = 0` for every `v`).

`logup_sound`: if some message `v₀` has nonzero total multiplicity, all messages have the same
length `L` (pad with zeros: this does not change fingerprints), and there are `M` fractions, then

* at most `M·(L - 1)` challenges `β` make some other message's fingerprint collide with
  `v₀`'s (`atMost_collision`: each collision is a root of a nonzero polynomial of degree
  `≤ L - 1`), and
* for every other `β`, at most `2M - 1` points `χ` make a denominator zero or the sum of
  fractions zero: grouped by distinct denominators, the sum is `N(χ) / ∏ (χ - y)` with a
  numerator `N` of degree `≤ M - 1` that is nonzero at `fp v₀ β` (`numer`).

With `countP_pairs_le` this is `Pr_{(χ, β) ← E²}[…] ≤ (2M - 1)/|E| + M·(L - 1)/|E|`
(`logup_count`).
-/

public section

noncomputable section

namespace Zkvm.Stark

open Poly

universe u

variable {F : Type u} [Lean.Grind.Field F] [DecidableEq F]

/-! ## Fingerprints and their collisions -/

/-- The fingerprint `Σⱼ βʲ·msgⱼ` of a message (`msg₀` is its tag). -/
@[expose] def fp (msg : List F) (β : F) : F := evalList β msg

/-- Two lists of the same length that differ have a nonzero coefficient in their difference. -/
theorem exists_ne_zero_sub : ∀ (a b : List F), a.length = b.length → a ≠ b →
    ∃ c ∈ addList a (negList b), c ≠ 0
  | [], [], _, h => absurd rfl h
  | x :: a, y :: b, hl, h => by
    simp only [negList, addList, List.mem_cons]
    by_cases hxy : x = y
    · subst hxy
      have hab : a ≠ b := fun e => h (e ▸ rfl)
      obtain ⟨c, hc, hne⟩ := exists_ne_zero_sub a b (by simpa using hl) hab
      exact ⟨c, Or.inr hc, hne⟩
    · exact ⟨x + -y, Or.inl rfl, fun e => hxy (by grind)⟩

/-- **Fingerprint collisions.** Two different messages of length `L` have the same fingerprint
for at most `L - 1` challenges `β`. -/
theorem atMost_fp_eq {a b : List F} {L : Nat} (ha : a.length = L) (hb : b.length = L)
    (hab : a ≠ b) : AtMost (fun β => fp a β = fp b β) (L - 1) := by
  have hnz : ((⟨a⟩ : Poly F) - ⟨b⟩).IsNonzero :=
    exists_ne_zero_sub a b (by rw [ha, hb]) hab
  have hda : (⟨a⟩ : Poly F).DegreeLE (L - 1) := by simp only [DegreeLE]; omega
  have hdb : (⟨b⟩ : Poly F).DegreeLE (L - 1) := by simp only [DegreeLE]; omega
  exact (atMost_eval_eq hnz hda hdb).of_imp (fun β h => h)

/-- A fraction: multiplicity and message. -/
abbrev Frac (F : Type u) := F × List F

/-- Some fraction's message other than `v` has `v`'s fingerprint. -/
@[expose] def Collides (v : List F) (fs : List (Frac F)) (β : F) : Prop :=
  ∃ f ∈ fs, f.2 ≠ v ∧ fp f.2 β = fp v β

/-- **The fingerprint collision bound**: at most `M·(L - 1)` challenges `β` make another message
collide with `v`. -/
theorem atMost_collision {v : List F} {fs : List (Frac F)} {L : Nat} (hv : v.length = L)
    (hfs : ∀ f ∈ fs, f.2.length = L) : AtMost (Collides v fs) (fs.length * (L - 1)) := by
  have h := AtMost.exists_mem (fun (f : Frac F) β => f.2 ≠ v ∧ fp f.2 β = fp v β)
    (fun _ => L - 1) fs (fun f hf => by
      by_cases he : f.2 = v
      · exact (atMost_false.mono (Nat.zero_le _)).of_imp (fun _ h => h.1 he)
      · exact (atMost_fp_eq (hfs f hf) hv he).of_imp (fun _ h => h.2))
  rw [sum_map_const] at h
  exact h

/-! ## Sums of fractions -/

/-- `Σ m / (χ - fp msg β)` over the fractions. -/
@[expose] def fracSum (χ β : F) : List (Frac F) → F
  | [] => 0
  | f :: fs => f.1 / (χ - fp f.2 β) + fracSum χ β fs

/-- Total multiplicity of the message `v`. -/
@[expose] def mult (v : List F) : List (Frac F) → F
  | [] => 0
  | f :: fs => (if f.2 = v then f.1 else 0) + mult v fs

/-- The bus is balanced: every message has total multiplicity zero. -/
@[expose] def Balanced (fs : List (Frac F)) : Prop := ∀ v : List F, mult v fs = 0

/-- `Σ m / (χ - y)` over pairs `(m, y)`. -/
@[expose] def poleSum (χ : F) : List (F × F) → F
  | [] => 0
  | p :: ps => p.1 / (χ - p.2) + poleSum χ ps

/-- Total multiplicity at the pole `y`. -/
@[expose] def poleMult (y : F) : List (F × F) → F
  | [] => 0
  | p :: ps => (if p.2 = y then p.1 else 0) + poleMult y ps

/-- `Σ_{y ∈ ys} C y / (χ - y)` over a list of distinct poles. -/
@[expose] def resSum (C : F → F) (χ : F) : List F → F
  | [] => 0
  | y :: ys => C y / (χ - y) + resSum C χ ys

/-- A list without duplicates holding the same elements. -/
@[expose] def dedup : List F → List F
  | [] => []
  | a :: l => if a ∈ dedup l then dedup l else a :: dedup l

omit [Lean.Grind.Field F] in
theorem mem_dedup {x : F} : ∀ {l : List F}, x ∈ dedup l ↔ x ∈ l
  | [] => by simp [dedup]
  | a :: l => by
    have ih := @mem_dedup x l
    simp only [dedup]
    split
    · rw [ih, List.mem_cons]
      constructor
      · exact Or.inr
      · rintro (rfl | h)
        · exact ih.mp ‹_›
        · exact h
    · rw [List.mem_cons, List.mem_cons, ih]

omit [Lean.Grind.Field F] in
theorem nodup_dedup : ∀ l : List F, (dedup l).Nodup
  | [] => List.nodup_nil
  | a :: l => by
    simp only [dedup]
    split
    · exact nodup_dedup l
    · exact List.nodup_cons.mpr ⟨‹_›, nodup_dedup l⟩

omit [Lean.Grind.Field F] in
theorem length_dedup_le : ∀ l : List F, (dedup l).length ≤ l.length
  | [] => Nat.le_refl 0
  | a :: l => by
    have := length_dedup_le l
    simp only [dedup]
    split <;> simp <;> omega

theorem resSum_ite (m : F) (χ y : F) : ∀ ys : List F, ys.Nodup → y ∈ ys →
    resSum (fun y' => if y = y' then m else 0) χ ys = m / (χ - y)
  | [], _, h => absurd h List.not_mem_nil
  | z :: ys, hnd, hy => by
    obtain ⟨hz, hnd'⟩ := List.nodup_cons.mp hnd
    simp only [resSum]
    by_cases hyz : y = z
    · subst hyz
      have hzero : resSum (fun y' => if y = y' then m else 0) χ ys = 0 := by
        have : ∀ ys' : List F, y ∉ ys' → resSum (fun y' => if y = y' then m else 0) χ ys' = 0 := by
          intro ys' hys'
          induction ys' with
          | nil => rfl
          | cons w ws ih =>
            have hw : y ≠ w := fun e => hys' (e ▸ List.mem_cons_self ..)
            simp only [resSum, hw, if_false, ih (fun h => hys' (List.mem_cons_of_mem _ h))]
            rw [Lean.Grind.Field.div_eq_mul_inv]; grind
        exact this ys hz
      simp only [if_true, hzero]; grind
    · have hy' : y ∈ ys := (List.mem_cons.mp hy).resolve_left hyz
      simp only [hyz, if_false, resSum_ite m χ y ys hnd' hy']
      rw [Lean.Grind.Field.div_eq_mul_inv]; grind

omit [DecidableEq F] in
theorem resSum_add (C D : F → F) (χ : F) : ∀ ys : List F,
    resSum (fun y => C y + D y) χ ys = resSum C χ ys + resSum D χ ys
  | [] => by simp only [resSum]; grind
  | y :: ys => by
    simp only [resSum, resSum_add C D χ ys, Lean.Grind.Field.div_eq_mul_inv]; grind

/-- **Grouping by pole.** Over a duplicate-free list of poles containing every pole of `ps`,
`Σ m / (χ - y) = Σ_{y ∈ ys} (total multiplicity at y) / (χ - y)`. -/
theorem poleSum_eq_resSum (χ : F) (ys : List F) (hnd : ys.Nodup) : ∀ ps : List (F × F),
    (∀ p ∈ ps, p.2 ∈ ys) → poleSum χ ps = resSum (fun y => poleMult y ps) χ ys
  | [], _ => by
    simp only [poleSum, poleMult]
    induction ys with
    | nil => rfl
    | cons y ys ih =>
      have := ih (List.nodup_cons.mp hnd).2
      simp only [resSum, Lean.Grind.Field.div_eq_mul_inv]
      grind
  | p :: ps, h => by
    have ih := poleSum_eq_resSum χ ys hnd ps (fun q hq => h q (List.mem_cons_of_mem _ hq))
    simp only [poleSum, poleMult]
    rw [resSum_add, ih]
    have hfun : (fun y => if p.2 = y then p.1 else 0) = (fun y => if p.2 = y then p.1 else 0) := rfl
    rw [resSum_ite p.1 χ p.2 ys hnd (h p (List.mem_cons_self ..))]

/-! ## The numerator of a sum of fractions with distinct poles -/

/-- For distinct poles `ys` and residues `C`: the polynomial `N` with
`Σ_{y ∈ ys} C y / (χ - y) = N(χ) / ∏_{y ∈ ys} (χ - y)` (`eval_numer`). -/
@[expose] def numer (C : F → F) : List F → Poly F
  | [] => ⟨[]⟩
  | [y] => Poly.C (C y)
  | y :: ys => C y • vanishing ys + (X - Poly.C y) * numer C ys

omit [DecidableEq F] in
theorem eval_numer (C : F → F) (χ : F) : ∀ ys : List F, χ ∉ ys →
    eval (numer C ys) χ = resSum C χ ys * eval (vanishing ys) χ
  | [], _ => by simp only [numer, resSum, eval_mk, evalList_nil]; grind
  | [y], h => by
    have hne : χ - y ≠ 0 := sub_ne_zero_of_ne (fun e => h (e ▸ List.mem_singleton_self y))
    have hinv := Lean.Grind.Field.mul_inv_cancel hne
    simp only [numer, resSum, eval_C, eval_vanishing_cons, eval_vanishing_nil,
      Lean.Grind.Field.div_eq_mul_inv]
    grind
  | y :: y' :: ys, h => by
    have hne : χ - y ≠ 0 := sub_ne_zero_of_ne (fun e => h (e ▸ List.mem_cons_self ..))
    have hinv := Lean.Grind.Field.mul_inv_cancel hne
    have ih := eval_numer C χ (y' :: ys) (fun h' => h (List.mem_cons_of_mem _ h'))
    simp only [numer] at ih ⊢
    rw [eval_add, eval_smul, eval_mul, eval_sub, eval_X, eval_C, ih]
    simp only [resSum, eval_vanishing_cons, Lean.Grind.Field.div_eq_mul_inv] at ih ⊢
    grind

omit [DecidableEq F] in
theorem degreeLE_numer (C : F → F) : ∀ ys : List F, (numer C ys).DegreeLE (ys.length - 1)
  | [] => by simp [numer, DegreeLE]
  | [y] => by simpa [numer] using degreeLE_C (C y)
  | y :: y' :: ys => by
    have ih := degreeLE_numer C (y' :: ys)
    have hv := degreeLE_vanishing (y' :: ys)
    have hx : (X - Poly.C y : Poly F).DegreeLE 1 :=
      degreeLE_X.sub ((degreeLE_C y).mono (Nat.zero_le 1))
    simp only [numer, List.length_cons] at ih hv ⊢
    refine (hv.smul (C y)).mono (by omega) |>.add ((hx.mul ih).mono (by omega))

theorem eval_numer_ne_zero (C : F → F) {y₀ : F} (hC : C y₀ ≠ 0) : ∀ ys : List F, ys.Nodup →
    y₀ ∈ ys → eval (numer C ys) y₀ ≠ 0
  | [], _, h => absurd h List.not_mem_nil
  | [y], _, h => by
    rw [List.mem_singleton] at h; subst h
    simpa [numer] using hC
  | y :: y' :: ys, hnd, h => by
    obtain ⟨hy, hnd'⟩ := List.nodup_cons.mp hnd
    simp only [numer]
    rw [eval_add, eval_smul, eval_mul, eval_sub, eval_X, eval_C]
    by_cases hyy : y₀ = y
    · subst hyy
      have hv : eval (vanishing (y' :: ys)) y₀ ≠ 0 :=
        fun e => hy ((eval_vanishing_eq_zero_iff y₀ _).mp e)
      have := mul_ne_zero hC hv
      intro e; apply this; rw [← e]; grind
    · have hmem : y₀ ∈ y' :: ys := (List.mem_cons.mp h).resolve_left hyy
      have hv : eval (vanishing (y' :: ys)) y₀ = 0 := (eval_vanishing_eq_zero_iff y₀ _).mpr hmem
      have ih := eval_numer_ne_zero C hC (y' :: ys) hnd' hmem
      have := mul_ne_zero (sub_ne_zero_of_ne hyy) ih
      rw [hv]; intro e; apply this; rw [← e]; grind

/-- **Sums of fractions with distinct poles.** If some residue is nonzero, at most
`|ys| - 1` points `χ` off the poles make `Σ_{y ∈ ys} C y / (χ - y)` vanish. -/
theorem atMost_resSum_eq_zero {C : F → F} {ys : List F} (hnd : ys.Nodup) {y₀ : F}
    (hy₀ : y₀ ∈ ys) (hC : C y₀ ≠ 0) :
    AtMost (fun χ => χ ∉ ys ∧ resSum C χ ys = 0) (ys.length - 1) := by
  have hnz : (numer C ys).IsNonzero :=
    isNonzero_of_eval_ne_zero (eval_numer_ne_zero C hC ys hnd hy₀)
  exact (atMost_eval_eq_zero hnz (degreeLE_numer C ys)).of_imp (fun χ ⟨hχ, h⟩ => by
    rw [eval_numer C χ ys hχ, h]; grind)

/-! ## LogUp soundness -/

/-- The fractions as (multiplicity, pole) pairs at `β`. -/
@[expose] def poles (β : F) (fs : List (Frac F)) : List (F × F) := fs.map (fun f => (f.1, fp f.2 β))

omit [DecidableEq F] in
theorem fracSum_eq_poleSum (χ β : F) : ∀ fs : List (Frac F), fracSum χ β fs = poleSum χ (poles β fs)
  | [] => rfl
  | f :: fs => by simp only [fracSum, poles, List.map_cons, poleSum]; rw [← poles, fracSum_eq_poleSum χ β fs]

/-- Without collisions with `v`, the multiplicity at `v`'s pole is `v`'s multiplicity. -/
theorem poleMult_eq_mult {v : List F} {β : F} : ∀ fs : List (Frac F), ¬ Collides v fs β →
    poleMult (fp v β) (poles β fs) = mult v fs
  | [], _ => rfl
  | f :: fs, h => by
    have h' : ¬ Collides v fs β := fun ⟨g, hg, hgv⟩ => h ⟨g, List.mem_cons_of_mem _ hg, hgv⟩
    simp only [poles, List.map_cons, poleMult, mult] at *
    rw [← poles, poleMult_eq_mult fs h']
    by_cases he : f.2 = v
    · simp [he]
    · have hfp : fp f.2 β ≠ fp v β := fun e => h ⟨f, List.mem_cons_self .., he, e⟩
      simp [he, hfp]

/-- A denominator `χ - fp msg β` of the fractions vanishes. -/
@[expose] def PoleHit (fs : List (Frac F)) (χ β : F) : Prop := ∃ f ∈ fs, χ = fp f.2 β

instance (fs : List (Frac F)) (χ β : F) : Decidable (PoleHit fs χ β) :=
  inferInstanceAs (Decidable (∃ f ∈ fs, χ = fp f.2 β))

/-- **LogUp, second stage.** For a `β` without collisions with an unbalanced message `v`, at
most `2M - 1` points `χ` hit a pole or make the sum of fractions vanish. -/
theorem atMost_chi {v : List F} {fs : List (Frac F)} (hv : mult v fs ≠ 0) {β : F}
    (hβ : ¬ Collides v fs β) :
    AtMost (fun χ => PoleHit fs χ β ∨ fracSum χ β fs = 0) (2 * fs.length - 1) := by
  let ys := dedup ((poles β fs).map Prod.snd)
  have hnd : ys.Nodup := nodup_dedup _
  have hmem : ∀ p ∈ poles β fs, p.2 ∈ ys := fun p hp => mem_dedup.mpr (List.mem_map_of_mem hp)
  have hlen : ys.length ≤ fs.length := by
    have := length_dedup_le ((poles β fs).map Prod.snd)
    simp only [poles, List.length_map] at this; exact this
  -- `v` occurs (its multiplicity is nonzero), so its pole is among `ys`
  have hocc : ∃ f ∈ fs, f.2 = v := by
    refine Classical.byContradiction fun hno => hv ?_
    have : ∀ gs : List (Frac F), (∀ g ∈ gs, g.2 ≠ v) → mult v gs = 0 := by
      intro gs hgs
      induction gs with
      | nil => rfl
      | cons g gs ih =>
        simp only [mult, hgs g (List.mem_cons_self ..), if_false,
          ih (fun g' hg' => hgs g' (List.mem_cons_of_mem _ hg'))]; grind
    exact this fs (fun g hg hgv => hno ⟨g, hg, hgv⟩)
  obtain ⟨f₀, hf₀, hf₀v⟩ := hocc
  have hy₀ : fp v β ∈ ys := by
    have := hmem (f₀.1, fp f₀.2 β) (List.mem_map_of_mem hf₀); rw [hf₀v] at this; exact this
  have hC : poleMult (fp v β) (poles β fs) ≠ 0 := by rw [poleMult_eq_mult fs hβ]; exact hv
  have hpoles : AtMost (fun χ => χ ∈ ys) ys.length := by
    have := AtMost.exists_mem (fun (y : F) χ => χ = y) (fun _ => 1) ys (fun y _ => atMost_eq y)
    rw [sum_map_const, Nat.mul_one] at this
    exact this.of_imp (fun χ h => ⟨χ, h, rfl⟩)
  have hzeros := atMost_resSum_eq_zero (C := fun y => poleMult y (poles β fs)) hnd hy₀ hC
  refine ((hpoles.or hzeros).mono (by omega)).of_imp ?_
  rintro χ (⟨f, hf, rfl⟩ | h)
  · exact Or.inl (hmem _ (List.mem_map_of_mem hf))
  · by_cases hχ : χ ∈ ys
    · exact Or.inl hχ
    · refine Or.inr ⟨hχ, ?_⟩
      rw [← poleSum_eq_resSum χ ys hnd _ hmem, ← fracSum_eq_poleSum]; exact h

/-- **LogUp soundness.** Let `M` fractions carry messages of length `L`, and let the message
`v` (also of length `L`) have nonzero total multiplicity. Then at most `M·(L - 1)` challenges `β`
are bad (a collision with `v`), and for every other `β` at most `2M - 1` points `χ` are bad (a
zero denominator or a zero sum). -/
theorem logup_sound {v : List F} {fs : List (Frac F)} {L : Nat} (hv : mult v fs ≠ 0)
    (hvL : v.length = L) (hfs : ∀ f ∈ fs, f.2.length = L) :
    AtMost (Collides v fs) (fs.length * (L - 1)) ∧
    ∀ β, ¬ Collides v fs β →
      AtMost (fun χ => PoleHit fs χ β ∨ fracSum χ β fs = 0) (2 * fs.length - 1) :=
  ⟨atMost_collision hvL hfs, fun _ hβ => atMost_chi hv hβ⟩

/-- **LogUp soundness, counted over `(χ, β) ∈ S × T`**: if the bus is not balanced, at most
`(2M - 1)·|T| + M·(L - 1)·|S|` pairs make a denominator zero or the sum of fractions zero:
`Pr ≤ (2M - 1)/|S| + M·(L - 1)/|T|`. -/
theorem logup_count {fs : List (Frac F)} {L : Nat} (hunbal : ¬ Balanced fs)
    (hfs : ∀ f ∈ fs, f.2.length = L) {S T : List F} (hS : S.Nodup) (hT : T.Nodup) :
    (pairs S T).countP (fun x => decide (PoleHit fs x.1 x.2 ∨ fracSum x.1 x.2 fs = 0)) ≤
      (2 * fs.length - 1) * T.length + fs.length * (L - 1) * S.length := by
  classical
  have ⟨v, hv⟩ : ∃ v, mult v fs ≠ 0 := Classical.byContradiction fun h =>
    hunbal (fun v => Classical.byContradiction fun hv => h ⟨v, hv⟩)
  -- `v` occurs, so it has length `L`
  have hvL : v.length = L := by
    refine Classical.byContradiction fun hL => hv ?_
    have : ∀ gs : List (Frac F), (∀ g ∈ gs, g.2.length = L) → mult v gs = 0 := by
      intro gs hgs
      induction gs with
      | nil => rfl
      | cons g gs ih =>
        have hg : g.2 ≠ v := fun e => hL (e ▸ hgs g (List.mem_cons_self ..))
        simp only [mult, hg, if_false, ih (fun g' hg' => hgs g' (List.mem_cons_of_mem _ hg'))]
        grind
    exact this fs hfs
  obtain ⟨hβ, hχ⟩ := logup_sound hv hvL hfs
  exact countP_pairs_le hT (fun χ β => PoleHit fs χ β ∨ fracSum χ β fs = 0) (Collides v fs) hβ
    (fun β hb => (hχ β hb).countP_le hS)

end Zkvm.Stark

end
