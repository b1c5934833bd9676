module

public import Zkvm.Commit.Mmcs

/-!
# Binding of mixed-height Merkle openings

Two openings of the same leaf index against the same cap, for the same matrix heights and
widths, that both pass `verifyMmcs` and differ in some matrix's row give an explicit collision
of `H`, computed by `mmcsFindCollision` (`mmcs_binding`).

The extractor walks up both openings together, comparing the byte strings hashed at each
level, and returns the first pair that differs but hashes to the same digest. Such a level
exists: the rows differ at some matrix `t`, which enters the tree at level `top - h_t`, at or
below the cap, where the two hashed inputs therefore differ (rows of the same widths are
encoded injectively, `rowsBytes_injective`); from a level whose inputs differ without
colliding, the digests differ, and so do the inputs one level up (`mmcsStepInput_injective`);
at the cap both climbs end at the same cap node.
-/

public section

noncomputable section

namespace Zkvm.Commit

variable (H : List UInt8 → Digest)

theorem length_flatMap_le32 (r : List UInt32) : (r.flatMap le32).length = 4 * r.length := by
  induction r with
  | nil => rfl
  | cons a r ih => simp [List.flatMap_cons, length_le32, ih]; omega

/-- Rows of the same widths are encoded injectively. -/
theorem rowsBytes_injective : ∀ {a b : List (List UInt32)},
    a.map List.length = b.map List.length → rowsBytes a = rowsBytes b → a = b
  | [], [], _, _ => rfl
  | [], _ :: _, hs, _ => by simp at hs
  | _ :: _, [], hs, _ => by simp at hs
  | r :: a, s :: b, hs, h => by
    simp only [List.map_cons, List.cons.injEq] at hs
    simp only [rowsBytes, List.flatMap_cons] at h
    obtain ⟨h1, h2⟩ := List.append_inj h (by rw [length_flatMap_le32, length_flatMap_le32, hs.1])
    rw [flatMap_le32_injective h1, rowsBytes_injective hs.2 h2]

theorem mmcsLeafInput_injective {a b : List (List UInt32)} (hs : a.map List.length = b.map List.length)
    (h : mmcsLeafInput a = mmcsLeafInput b) : a = b :=
  rowsBytes_injective hs (List.cons.inj h).2

theorem injectInput_injective {l r l' r' : Digest} {a b : List (List UInt32)}
    (hs : a.map List.length = b.map List.length) (h : injectInput l r a = injectInput l' r' b) :
    l = l' ∧ r = r' ∧ a = b := by
  have h' := (List.cons.inj h).2
  rw [List.append_assoc, List.append_assoc] at h'
  obtain ⟨hl, h''⟩ := List.append_inj h' (by rw [l.length_bytes, l'.length_bytes])
  obtain ⟨hr, hrows⟩ := List.append_inj h'' (by rw [r.length_bytes, r'.length_bytes])
  exact ⟨Digest.ext hl, Digest.ext hr, rowsBytes_injective hs hrows⟩

theorem stepInput_ne_injectInput (i : Nat) (a s l r : Digest) (rows : List (List UInt32)) :
    stepInput i a s ≠ injectInput l r rows := by
  intro h
  unfold stepInput at h
  split at h <;> (have := (List.cons.inj h).1; simp [nodeTag, injectTag] at this)

/-- With the same orientation and rows of the same widths, the hashed input one level up
determines the child, the sibling and the injected rows. -/
theorem mmcsStepInput_injective {i : Nat} {a s a' s' : Digest} {j j' : List (List UInt32)}
    (hs : j.map List.length = j'.map List.length)
    (h : mmcsStepInput i a s j = mmcsStepInput i a' s' j') : a = a' ∧ s = s' ∧ j = j' := by
  have hnil : j = [] ↔ j' = [] := by
    rw [← List.map_eq_nil_iff (f := List.length), hs, List.map_eq_nil_iff]
  unfold mmcsStepInput at h
  by_cases hj : j = []
  · have hj' := hnil.mp hj
    subst hj hj'
    simp only [if_true] at h
    exact ⟨(stepInput_injective h).1, (stepInput_injective h).2, rfl⟩
  · have hj' : j' ≠ [] := fun e => hj (hnil.mpr e)
    simp only [hj, hj', if_false] at h
    split at h
    · obtain ⟨h1, h2, h3⟩ := injectInput_injective hs h
      exact ⟨h1, h2, h3⟩
    · obtain ⟨h1, h2, h3⟩ := injectInput_injective hs h
      exact ⟨h2, h1, h3⟩

/-- Level by level, the injected rows of two openings have the same widths. -/
@[expose] def SameShapes : List (Digest × List (List UInt32)) →
    List (Digest × List (List UInt32)) → Prop
  | (_, j₁) :: p₁, (_, j₂) :: p₂ => j₁.map List.length = j₂.map List.length ∧ SameShapes p₁ p₂
  | [], [] => True
  | _, _ => False

/-- Walk up two openings together from the inputs `x`, `y` hashed at the current level;
return the first pair of inputs that collide. -/
@[expose] def mmcsFindFrom : List UInt8 → List UInt8 → Nat → List (Digest × List (List UInt32)) →
    List (Digest × List (List UInt32)) → Option (List UInt8 × List UInt8)
  | x, y, i, (s₁, j₁) :: p₁, (s₂, j₂) :: p₂ =>
    if x ≠ y ∧ H x = H y then some (x, y)
    else mmcsFindFrom (mmcsStepInput i (H x) s₁ j₁) (mmcsStepInput i (H y) s₂ j₂) (i / 2) p₁ p₂
  | x, y, _, _, _ => if x ≠ y ∧ H x = H y then some (x, y) else none

/-- The extractor's invariant (as for single trees, `findCollisionFrom_spec`). -/
theorem mmcsFindFrom_spec : ∀ (p₁ p₂ : List (Digest × List (List UInt32))) (x y : List UInt8)
    (i : Nat), SameShapes p₁ p₂ → mmcsClimb H (H x) i p₁ = mmcsClimb H (H y) i p₂ →
    (x ≠ y ∨ p₁ ≠ p₂) → ∃ a b, mmcsFindFrom H x y i p₁ p₂ = some (a, b) ∧ IsCollision H a b
  | [], [], x, y, i, _, htop, hdiff => by
    have hxy : x ≠ y := by simpa using hdiff
    have hH : H x = H y := by simpa [mmcsClimb] using htop
    exact ⟨x, y, by simp [mmcsFindFrom, hxy, hH], hxy, hH⟩
  | [], _ :: _, _, _, _, hs, _, _ => by simp [SameShapes] at hs
  | _ :: _, [], _, _, _, hs, _, _ => by simp [SameShapes] at hs
  | (s₁, j₁) :: p₁, (s₂, j₂) :: p₂, x, y, i, hs, htop, hdiff => by
    simp only [SameShapes] at hs
    by_cases hc : x ≠ y ∧ H x = H y
    · exact ⟨x, y, by rw [mmcsFindFrom, if_pos hc], hc⟩
    · rw [mmcsFindFrom, if_neg hc]
      apply mmcsFindFrom_spec p₁ p₂ _ _ _ hs.2
      · simpa [mmcsClimb] using htop
      · by_cases hxy : x = y
        · subst hxy
          by_cases hsj : s₁ = s₂ ∧ j₁ = j₂
          · obtain ⟨e1, e2⟩ := hsj
            subst e1 e2
            right
            intro hp
            subst hp
            simp at hdiff
          · left
            intro heq
            obtain ⟨-, h2, h3⟩ := mmcsStepInput_injective hs.1 heq
            exact hsj ⟨h2, h3⟩
        · left
          intro heq
          exact hc ⟨hxy, (mmcsStepInput_injective hs.1 heq).1⟩

/-- The collision extractor for mixed-height openings of leaf `i` (tree height `top`). -/
@[expose] def mmcsFindCollision (lhs : List Nat) (top i : Nat) (rows₁ : List (List UInt32))
    (path₁ : List Digest) (rows₂ : List (List UInt32)) (path₂ : List Digest) :
    Option (List UInt8 × List UInt8) :=
  mmcsFindFrom H (mmcsLeafInput (rowsAt lhs rows₁ top)) (mmcsLeafInput (rowsAt lhs rows₂ top)) i
    (levelsFrom lhs rows₁ top 1 path₁) (levelsFrom lhs rows₂ top 1 path₂)

theorem of_rowsOk : ∀ {ws : List Nat} {rs : List (List UInt32)} {hs : List Nat} {c : Nat},
    rowsOk ws rs hs c = true → rs.map List.length = ws ∧ rs.length = hs.length ∧ ∀ h ∈ hs, c ≤ h
  | w :: ws, r :: rs, h :: hs, c, hok => by
    simp only [rowsOk, Bool.and_eq_true, decide_eq_true_eq] at hok
    obtain ⟨⟨⟨-, hw⟩, hc⟩, hrest⟩ := hok
    obtain ⟨e1, e2, e3⟩ := of_rowsOk hrest
    refine ⟨by simp [hw, e1], by simp [e2], ?_⟩
    intro x hx
    simp only [List.mem_cons] at hx
    rcases hx with rfl | hx
    · exact hc
    · exact e3 x hx
  | [], [], [], _, _ => ⟨rfl, rfl, by simp⟩
  | [], [], _ :: _, _, hok => by simp [rowsOk] at hok
  | [], _ :: _, _, _, hok => by simp [rowsOk] at hok
  | _ :: _, [], _, _, hok => by simp [rowsOk] at hok
  | _ :: _, _ :: _, [], _, hok => by simp [rowsOk] at hok

theorem rowsAt_shapes : ∀ (lhs : List Nat) (a b : List (List UInt32)) (h : Nat),
    a.map List.length = b.map List.length →
      (rowsAt lhs a h).map List.length = (rowsAt lhs b h).map List.length
  | [], _, _, _, _ => by simp [rowsAt]
  | _ :: _, [], [], _, _ => rfl
  | _ :: _, [], _ :: _, _, hs => by simp at hs
  | _ :: _, _ :: _, [], _, hs => by simp at hs
  | l :: lhs, r :: a, s :: b, h, hs => by
    simp only [List.map_cons, List.cons.injEq] at hs
    simp only [rowsAt]
    split
    · simp [hs.1, rowsAt_shapes lhs a b h hs.2]
    · exact rowsAt_shapes lhs a b h hs.2

/-- Different rows (for the same heights) differ in the rows of some height. -/
theorem exists_rowsAt_ne : ∀ (lhs : List Nat) (a b : List (List UInt32)),
    a.length = lhs.length → b.length = lhs.length → a ≠ b →
      ∃ h ∈ lhs, rowsAt lhs a h ≠ rowsAt lhs b h
  | [], [], [], _, _, hne => absurd rfl hne
  | [], _ :: _, _, ha, _, _ => by simp at ha
  | [], [], _ :: _, _, hb, _ => by simp at hb
  | _ :: _, [], _, ha, _, _ => by simp at ha
  | _ :: _, _ :: _, [], _, hb, _ => by simp at hb
  | l :: lhs, r :: a, s :: b, ha, hb, hne => by
    simp only [List.length_cons, Nat.add_right_cancel_iff] at ha hb
    by_cases hrs : r = s
    · subst hrs
      have hab : a ≠ b := fun e => hne (e ▸ rfl)
      obtain ⟨h, hh, hneq⟩ := exists_rowsAt_ne lhs a b ha hb hab
      refine ⟨h, List.mem_cons_of_mem _ hh, ?_⟩
      simp only [rowsAt]
      split
      · intro e; exact hneq (List.cons.inj e).2
      · exact hneq
    · refine ⟨l, List.mem_cons_self, ?_⟩
      simp only [rowsAt, if_true]
      intro e; exact hrs (List.cons.inj e).1

theorem le_maxHeight_aux : ∀ (lhs : List Nat) (m h : Nat), (h ∈ lhs ∨ h ≤ m) → h ≤ lhs.foldl max m
  | [], _, _, hh => by simpa using hh
  | l :: lhs, m, h, hh => by
    simp only [List.foldl_cons]
    apply le_maxHeight_aux lhs
    simp only [List.mem_cons] at hh
    rcases hh with (rfl | hh) | hh
    · right; exact Nat.le_max_right _ _
    · left; exact hh
    · right; exact Nat.le_trans hh (Nat.le_max_left _ _)

theorem le_maxHeight {lhs : List Nat} {h : Nat} (hh : h ∈ lhs) : h ≤ maxHeight lhs :=
  le_maxHeight_aux lhs 0 h (Or.inl hh)

theorem sameShapes_levelsFrom (lhs : List Nat) (a b : List (List UInt32)) (top : Nat)
    (hs : a.map List.length = b.map List.length) : ∀ (l : Nat) (p₁ p₂ : List Digest),
    p₁.length = p₂.length → SameShapes (levelsFrom lhs a top l p₁) (levelsFrom lhs b top l p₂)
  | _, [], [], _ => trivial
  | _, [], _ :: _, hl => by simp at hl
  | _, _ :: _, [], hl => by simp at hl
  | l, _ :: p₁, _ :: p₂, hl => by
    simp only [levelsFrom, SameShapes]
    exact ⟨rowsAt_shapes lhs a b _ hs, sameShapes_levelsFrom lhs a b top hs (l + 1) p₁ p₂
      (by simpa using hl)⟩

/-- The level `l + k` entry of the levels from `l` carries the rows of height `top - (l + k)`. -/
theorem levelsFrom_ne (lhs : List Nat) (a b : List (List UInt32)) (top : Nat) (h : Nat)
    (hne : rowsAt lhs a h ≠ rowsAt lhs b h) : ∀ (k l : Nat) (p₁ p₂ : List Digest),
    k < p₁.length → top - (l + k) = h → levelsFrom lhs a top l p₁ ≠ levelsFrom lhs b top l p₂
  | _, _, [], _, hk, _ => by simp at hk
  | 0, l, _ :: _, [], _, _ => by simp [levelsFrom]
  | 0, l, s₁ :: p₁, s₂ :: p₂, _, hh => by
    intro e
    have e2 := (Prod.mk.inj (List.cons.inj e).1).2
    have hh' : top - l = h := by simpa using hh
    rw [hh'] at e2
    exact hne e2
  | k + 1, l, _ :: _, [], _, _ => by simp [levelsFrom]
  | k + 1, l, s₁ :: p₁, s₂ :: p₂, hk, hh => by
    intro e
    exact levelsFrom_ne lhs a b top h hne k (l + 1) p₁ p₂ (by simpa using hk)
      (by rw [← hh]; congr 1; omega) (List.cons.inj e).2

/-- **Binding of mixed-height openings.** Two openings of the same leaf index, both accepted
against the same cap for the same matrix heights, widths and cap height, whose rows differ,
give two distinct inputs with the same `H` output, computed by `mmcsFindCollision`. -/
theorem mmcs_binding {cap : List Digest} {lhs widths : List Nat} {logCap i : Nat}
    {rows₁ rows₂ : List (List UInt32)} {path₁ path₂ : List Digest}
    (h₁ : verifyMmcs H cap lhs widths logCap i rows₁ path₁ = true)
    (h₂ : verifyMmcs H cap lhs widths logCap i rows₂ path₂ = true) (hne : rows₁ ≠ rows₂) :
    ∃ x y, mmcsFindCollision H lhs (maxHeight lhs) i rows₁ path₁ rows₂ path₂ = some (x, y) ∧
      x ≠ y ∧ H x = H y := by
  simp only [verifyMmcs, Bool.and_eq_true, decide_eq_true_eq] at h₁ h₂
  obtain ⟨⟨⟨⟨⟨⟨-, -⟩, hok₁⟩, hl₁⟩, -⟩, -⟩, hc₁⟩ := h₁
  obtain ⟨⟨⟨⟨⟨⟨-, -⟩, hok₂⟩, hl₂⟩, -⟩, -⟩, hc₂⟩ := h₂
  obtain ⟨hw₁, hn₁, hge⟩ := of_rowsOk hok₁
  obtain ⟨hw₂, hn₂, -⟩ := of_rowsOk hok₂
  have hs : rows₁.map List.length = rows₂.map List.length := hw₁.trans hw₂.symm
  have htop := Option.some.inj (hc₁.symm.trans hc₂)
  obtain ⟨h, hh, hneq⟩ := exists_rowsAt_ne lhs rows₁ rows₂ hn₁ hn₂ hne
  have hhc := hge h hh
  have hht := le_maxHeight hh
  apply mmcsFindFrom_spec H _ _ _ _ i
    (sameShapes_levelsFrom lhs rows₁ rows₂ _ hs 1 path₁ path₂ (hl₁.trans hl₂.symm)) htop
  by_cases htop' : h = maxHeight lhs
  · subst htop'
    left
    intro e
    exact hneq (mmcsLeafInput_injective (rowsAt_shapes lhs rows₁ rows₂ _ hs) e)
  · right
    exact levelsFrom_ne lhs rows₁ rows₂ _ h hneq (maxHeight lhs - h - 1) 1 path₁ path₂
      (by rw [hl₁]; omega) (by omega)

end Zkvm.Commit
