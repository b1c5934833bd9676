module

public import Zkvm.Spec.Params

/-!
# The FRI folding schedule (specification)

`params::fri_log_arities` over naturals: FRI starts on the tallest LDE domain (`tallest`) and
folds, round by round, by `2^min(a, current - target)` where `a` is the FRI arity and `target`
the next smaller table domain, or the final layer `floor` below the smallest (`nextTarget`),
until the final layer. Proved here: every arity is between 1 and `a`
(`aritiesFrom_bounds`); the arities add up to the distance from the tallest domain to the
final layer (`sum_aritiesFrom`), so the last layer is the final layer; and every table domain
between the two is a layer size (`aritiesFrom_hits`), where that table's DEEP function joins
the folding (fri.rs).
-/

public section

namespace Zkvm.Spec

/-- The largest of the heights (0 for none). -/
@[expose] def tallest (hs : List Nat) : Nat := hs.foldl (fun top h => if h > top then h else top) 0

/-- The largest height below `current` and above `floor`, or `floor`. -/
@[expose] def nextTarget (floor current : Nat) (hs : List Nat) : Nat :=
  hs.foldl (fun t h => if h < current ∧ h > t then h else t) floor

/-- The rounds' log arities from `current` down to `floor` (`fuel` bounds the rounds). -/
@[expose] def aritiesFrom (a floor : Nat) (hs : List Nat) : Nat → Nat → List Nat
  | 0, _ => []
  | fuel + 1, current =>
    if current > floor ∧ a > 0 then
      min (current - nextTarget floor current hs) a ::
        aritiesFrom a floor hs fuel (current - min (current - nextTarget floor current hs) a)
    else []

/-- The schedule of parameters `p` for tables with LDE log heights `hs`. -/
@[expose] def friArities (p : Params) (hs : List Nat) : List Nat :=
  aritiesFrom p.logFriArity (p.logFinalPolyLen + p.logBlowup) hs (tallest hs) (tallest hs)

theorem nextTarget_ge_floor (floor current : Nat) :
    ∀ (hs : List Nat) (t : Nat), floor ≤ t →
      floor ≤ hs.foldl (fun t h => if h < current ∧ h > t then h else t) t
  | [], _, h => h
  | x :: xs, t, h => by
    simp only [List.foldl_cons]
    apply nextTarget_ge_floor floor current xs
    split <;> omega

theorem nextTarget_lt (floor current : Nat) (hc : floor < current) :
    ∀ (hs : List Nat) (t : Nat), t < current →
      hs.foldl (fun t h => if h < current ∧ h > t then h else t) t < current
  | [], _, h => h
  | x :: xs, t, h => by
    simp only [List.foldl_cons]
    apply nextTarget_lt floor current hc xs
    split <;> omega

theorem nextTarget_ge_mem (floor current : Nat) :
    ∀ (hs : List Nat) (t : Nat), ∀ h ∈ hs, h < current →
      h ≤ hs.foldl (fun t h => if h < current ∧ h > t then h else t) t
  | [], _, _, hm, _ => by simp at hm
  | x :: xs, t, h, hm, hh => by
    simp only [List.foldl_cons]
    have mono : ∀ (ys : List Nat) (s : Nat),
        s ≤ ys.foldl (fun t h => if h < current ∧ h > t then h else t) s := by
      intro ys
      induction ys with
      | nil => intro s; exact Nat.le_refl _
      | cons y ys ih =>
        intro s
        simp only [List.foldl_cons]
        by_cases hy : y < current ∧ y > s
        · rw [if_pos hy]; have := ih y; omega
        · rw [if_neg hy]; exact ih s
    rcases List.mem_cons.mp hm with rfl | hm'
    · by_cases hy : h < current ∧ h > t
      · rw [if_pos hy]; exact mono xs h
      · rw [if_neg hy]; have := mono xs t; omega
    · exact nextTarget_ge_mem floor current xs _ h hm' hh

/-- Every round folds by at least 1 and at most `a`. -/
theorem aritiesFrom_bounds (a floor : Nat) (hs : List Nat) :
    ∀ fuel current, ∀ k ∈ aritiesFrom a floor hs fuel current, 1 ≤ k ∧ k ≤ a
  | 0, _, k, hk => by simp [aritiesFrom] at hk
  | fuel + 1, current, k, hk => by
    simp only [aritiesFrom] at hk
    split at hk
    · rename_i hc
      have hlt := nextTarget_lt floor current hc.1 hs floor hc.1
      rcases List.mem_cons.mp hk with rfl | hk'
      · unfold nextTarget at *; constructor <;> omega
      · exact aritiesFrom_bounds a floor hs fuel _ k hk'
    · simp at hk

/-- With enough rounds, the arities add up to the distance to the final layer. -/
theorem sum_aritiesFrom (a floor : Nat) (hs : List Nat) (ha : 0 < a) :
    ∀ fuel current, floor ≤ current → current - floor ≤ fuel →
      (aritiesFrom a floor hs fuel current).sum = current - floor
  | 0, current, _, h => by simp [aritiesFrom]; omega
  | fuel + 1, current, hfl, h => by
    simp only [aritiesFrom]
    by_cases hc : current > floor
    · have hlt := nextTarget_lt floor current hc hs floor hc
      have hge := nextTarget_ge_floor floor current hs floor (Nat.le_refl _)
      rw [if_pos ⟨hc, ha⟩, List.sum_cons]
      unfold nextTarget
      rw [sum_aritiesFrom a floor hs ha fuel _ (by omega) (by omega)]
      omega
    · rw [if_neg (fun h => hc h.1)]; simp; omega

/-- Every table domain between the final layer and `current` is a layer: after some rounds
the remaining log size is exactly that height. -/
theorem aritiesFrom_hits (a floor : Nat) (hs : List Nat) (ha : 0 < a) :
    ∀ fuel current, current - floor ≤ fuel → ∀ h ∈ hs, floor ≤ h → h ≤ current →
      ∃ j, current - ((aritiesFrom a floor hs fuel current).take j).sum = h
  | 0, current, hf, h, _, hfl, hle => ⟨0, by simp; omega⟩
  | fuel + 1, current, hf, h, hm, hfl, hle => by
    by_cases heq : h = current
    · exact ⟨0, by simp; omega⟩
    have hc : current > floor := by omega
    have hlt := nextTarget_lt floor current hc hs floor hc
    have hge := nextTarget_ge_mem floor current hs floor h hm (by omega)
    obtain ⟨j, hj⟩ := aritiesFrom_hits a floor hs ha fuel
      (current - min (current - nextTarget floor current hs) a) (by unfold nextTarget at *; omega)
      h hm hfl
      (by unfold nextTarget at *; omega)
    refine ⟨j + 1, ?_⟩
    simp only [aritiesFrom, if_pos (And.intro hc ha), List.take_succ_cons, List.sum_cons]
    have hb : min (current - nextTarget floor current hs) a ≤ current := by omega
    unfold nextTarget at *
    omega

/-! ## The final polynomial's length -/

/-- The masked degree bound walked down the folds `ks` from bound `b` at log size `cur`: a fold
by 2^k rounds the bound up to ⌈b / 2^k⌉, and where a table's domain 2^cur' joins (`hs` contains
cur') the bound is at least that table's masked bound 2^(cur' − blowup) + z. -/
@[expose] def foldBound (blowup z : Nat) (hs : List Nat) : List Nat → Nat → Nat → Nat
  | [], b, _ => b
  | k :: ks, b, cur =>
    foldBound blowup z hs ks
      (if hs.contains (cur - k) then max ((b + 2 ^ k - 1) / 2 ^ k) (2 ^ (cur - k - blowup) + z)
        else (b + 2 ^ k - 1) / 2 ^ k) (cur - k)

/-- The final FRI polynomial's number of coefficients (`params::final_poly_len`):
2^logFinalPolyLen without zero knowledge; with it, the masked degree bound of the tallest
table, n_max + z, walked down the folding schedule (`foldBound`), or 0 when the tallest domain is
below the blowup or 2^40 times above it. -/
@[expose] def finalPolyLen (p : Params) (hs : List Nat) : Nat :=
  if !p.zk then 2 ^ p.logFinalPolyLen
  else if tallest hs < p.logBlowup ∨ tallest hs - p.logBlowup ≥ 40 then 0
  else foldBound p.logBlowup (zkMaskLen p) hs (friArities p hs)
    (2 ^ (tallest hs - p.logBlowup) + zkMaskLen p) (tallest hs)

end Zkvm.Spec

namespace Zkvm.Spec

/-- Enough fuel gives the same schedule. -/
theorem aritiesFrom_fuel (a floor : Nat) (hs : List Nat) :
    ∀ f1 f2 c, c ≤ f1 → c ≤ f2 → aritiesFrom a floor hs f1 c = aritiesFrom a floor hs f2 c
  | 0, f2, c, h1, h2 => by
    have : c = 0 := by omega
    subst this
    cases f2 with
    | zero => rfl
    | succ f2 => simp [aritiesFrom]
  | f1 + 1, 0, c, h1, h2 => by
    have : c = 0 := by omega
    subst this
    simp [aritiesFrom]
  | f1 + 1, f2 + 1, c, h1, h2 => by
    simp only [aritiesFrom]
    by_cases hc : c > floor ∧ a > 0
    · have hlt := nextTarget_lt floor c hc.1 hs floor hc.1
      rw [if_pos hc, if_pos hc, aritiesFrom_fuel a floor hs f1 f2 _ (by unfold nextTarget; omega)
        (by unfold nextTarget; omega)]
    · rw [if_neg hc, if_neg hc]

end Zkvm.Spec

namespace Zkvm.Spec

/-- From `k` on (at most `fuel` steps), the first log height below 40 whose size reaches
`need`, or 40. -/
@[expose] def minLogFrom (need : Nat) : Nat → Nat → Nat
  | 0, k => k
  | fuel + 1, k => if k < 40 ∧ 2 ^ k < need then minLogFrom need fuel (k + 1) else k

/-- The smallest table with zero knowledge: `2^k ≥ 16 z` rows (at least `2^5`, at most
`2^40`), `z` the mask length. -/
@[expose] def zkMinLogHeight (p : Params) : Nat := minLogFrom (16 * zkMaskLen p) 35 5

/-- The receipts' parameters: tables of at least `2^11` rows (`16 · 90 = 1440 ≤ 2048`). -/
theorem zkMinLogHeight_compactZk : zkMinLogHeight compactZk = 11 := by decide

end Zkvm.Spec
