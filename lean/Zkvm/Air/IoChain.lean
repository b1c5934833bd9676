module

/-!
# The IO chain: links that balance against a start and an end cover the interval between them

An ECALL that moves bytes (docs/air.md §7.2) sends IO(start) from its SYSCALL row and receives
IO(end); every IO row of that ECALL receives IO at the first byte it moves and sends IO one past
its last byte. A message is a point (address, position): the byte at an address and its
position in the input or output. Each row moves at least one byte and keeps address and position
in step (its end minus its start is the same in both).

`chain`: if what is sent (the start, the rows' ends) is a permutation of what is received (the
end, the rows' starts), the rows' address ranges [start, stop) partition [s, t) exactly: every
address of [s, t) lies in exactly one row's range, no row leaves [s, t), and each row's position
is s's plus its offset from s. That is the statement the SYSCALL/IO join needs: the bytes an
ECALL moves are the addresses buf .. buf + c − 1, each once, at positions cur .. cur + c − 1.
The balance is the bus argument's output (a LogUp sum of zero, then the probabilistic step; see
the memory argument, `Zkvm.Air.Memory`), restricted to the IO messages of one (kind, clk).
A cycle of links is impossible (`no_cycle`): every link moves forward.
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.IoChain

/-- A point of the chain: (address, position). -/
abbrev Point := Nat × Nat

/-- One IO row: it receives `start` and sends `stop`. -/
structure Link where
  start : Point
  stop : Point
deriving DecidableEq

/-- A row moves at least one byte and keeps address and position in step. -/
def Link.Ok (l : Link) : Prop :=
  l.start.1 < l.stop.1 ∧ l.start.2 + l.stop.1 = l.stop.2 + l.start.1

/-- The row's address range [start, stop) holds x. -/
def Link.Holds (x : Nat) (l : Link) : Bool := decide (l.start.1 ≤ x ∧ x < l.stop.1)

/-- The links partition the addresses [s, t), in step with the positions from s's. -/
structure Covers (links : List Link) (s t : Point) : Prop where
  le : s.1 ≤ t.1
  shift : s.2 + t.1 = t.2 + s.1
  inside : ∀ l ∈ links, s.1 ≤ l.start.1 ∧ l.stop.1 ≤ t.1 ∧ s.2 + l.start.1 = l.start.2 + s.1
  once : ∀ x, s.1 ≤ x → x < t.1 → (links.filter (Link.Holds x)).length = 1

theorem sum_perm {l₁ l₂ : List Nat} (h : l₁.Perm l₂) : l₁.sum = l₂.sum := by
  induction h with
  | nil => rfl
  | cons x _ ih => simp only [List.sum_cons, ih]
  | swap x y l => simp only [List.sum_cons]; omega
  | trans _ _ ih₁ ih₂ => exact ih₁.trans ih₂

theorem sum_stop_ge (links : List Link) (hok : ∀ l ∈ links, l.Ok) :
    (links.map (fun l => l.start.1)).sum + links.length ≤
      (links.map (fun l => l.stop.1)).sum := by
  induction links with
  | nil => simp
  | cons l rest ih =>
    simp only [List.map_cons, List.sum_cons, List.length_cons]
    have h1 := (hok l (by simp)).1
    have h2 := ih (fun l' hl' => hok l' (by simp [hl']))
    omega

/-- **No cycle**: links whose ends are a permutation of their starts are none. -/
theorem no_cycle (links : List Link) (hok : ∀ l ∈ links, l.Ok)
    (h : (links.map Link.stop).Perm (links.map Link.start)) : links = [] := by
  have e := sum_perm (h.map Prod.fst)
  simp only [List.map_map, Function.comp_def] at e
  have := sum_stop_ge links hok
  cases links with
  | nil => rfl
  | cons l rest => simp only [List.length_cons] at this; omega

theorem chain_len (n : Nat) : ∀ (links : List Link), links.length = n → (∀ l ∈ links, l.Ok) →
    ∀ s t : Point, (s :: links.map Link.stop).Perm (t :: links.map Link.start) →
      Covers links s t := by
  induction n with
  | zero =>
    intro links hl hok s t hbal
    have h0 : links = [] := List.eq_nil_of_length_eq_zero hl
    subst h0
    have hst : s = t := by
      have := List.perm_singleton.mp hbal
      simpa using this
    subst hst
    exact ⟨Nat.le_refl _, rfl, by simp, fun x h1 h2 => by omega⟩
  | succ n ih =>
    intro links hl hok s t hbal
    by_cases hst : s = t
    · subst hst
      have := no_cycle links hok ((List.perm_cons s).mp hbal)
      subst this
      simp at hl
    · have hmem : s ∈ links.map Link.start := by
        have h := hbal.mem_iff.mp (List.mem_cons_self)
        rcases List.mem_cons.mp h with h | h
        · exact absurd h hst
        · exact h
      obtain ⟨l0, hl0, hs⟩ := List.mem_map.mp hmem
      have hp : links.Perm (l0 :: links.erase l0) := List.perm_cons_erase hl0
      have h1 : (s :: links.map Link.stop).Perm (s :: l0.stop :: (links.erase l0).map Link.stop) :=
        (hp.map Link.stop).cons s
      have h2 : (t :: links.map Link.start).Perm (t :: s :: (links.erase l0).map Link.start) := by
        have := (hp.map Link.start).cons t
        simp only [List.map_cons, hs] at this
        exact this
      have h3 : (t :: s :: (links.erase l0).map Link.start).Perm
          (s :: t :: (links.erase l0).map Link.start) := List.Perm.swap s t _
      have hbal' : (l0.stop :: (links.erase l0).map Link.stop).Perm
          (t :: (links.erase l0).map Link.start) :=
        (List.perm_cons s).mp (h1.symm.trans (hbal.trans (h2.trans h3)))
      have hlen : (links.erase l0).length = n := by
        rw [List.length_erase_of_mem hl0]; omega
      have hokr : ∀ l ∈ links.erase l0, l.Ok := fun l h => hok l (List.mem_of_mem_erase h)
      have cov := ih (links.erase l0) hlen hokr l0.stop t hbal'
      obtain ⟨ok1, ok2⟩ := hok l0 hl0
      rw [hs] at ok1 ok2
      have hle := cov.le
      have hsh := cov.shift
      refine ⟨by omega, by omega, ?_, ?_⟩
      · intro l hl
        rcases List.mem_cons.mp (hp.mem_iff.mp hl) with rfl | hl'
        · rw [hs]; exact ⟨Nat.le_refl _, hle, rfl⟩
        · obtain ⟨i1, i2, i3⟩ := cov.inside l hl'
          exact ⟨by omega, i2, by omega⟩
      · intro x hx1 hx2
        rw [(hp.filter (Link.Holds x)).length_eq, List.filter_cons]
        by_cases hx : x < l0.stop.1
        · have hyes : Link.Holds x l0 = true := by
            simp only [Link.Holds, decide_eq_true_eq, hs]; omega
          have hnone : (links.erase l0).filter (Link.Holds x) = [] := by
            rw [List.filter_eq_nil_iff]
            intro l hl
            have := (cov.inside l hl).1
            simp only [Link.Holds, decide_eq_true_eq]; omega
          rw [if_pos hyes, hnone]; rfl
        · have hno : Link.Holds x l0 = false := by
            simp only [Link.Holds, decide_eq_false_iff_not]; omega
          rw [if_neg (by rw [hno]; exact Bool.false_ne_true)]
          exact cov.once x (by omega) hx2

/-- **The chain**: links (each moving forward, in step) whose ends together with the start `s`
are a permutation of their starts together with the end `t` partition [s, t): every address in
between is in exactly one link's range, and the positions follow the addresses from s's. -/
theorem chain (links : List Link) (hok : ∀ l ∈ links, l.Ok) (s t : Point)
    (hbal : (s :: links.map Link.stop).Perm (t :: links.map Link.start)) : Covers links s t :=
  chain_len links.length links rfl hok s t hbal

end Zkvm.Air.IoChain

end
