module

public import Zkvm.Air.WordLimbs
public import Zkvm.Air.Table

/-!
# The IO table of the RV32IM machine, version 2: its constraints as named groups

`rust/verifier/src/air/rv32im/io.rs` (docs/air.md §7.2) moves the bytes of a read or write
ECALL, one row per memory word touched. A row moves the lanes f..e of the word wa (one-hot start
lanes S0..S3 and end lanes T0..T3, f ≤ e; S0 and T0 are `real` minus the others), accesses the
word at port 3 (old bytes u0..u3, new bytes n0..n3), and links to the previous and next row of
the same ECALL by IO messages. This file states its constraints as a structure of named groups
(`Groups`), over any commutative ring, as `eval` computes them; `constraints` is the same list
of 25 values in `eval`'s order, and `groups_iff` says the groups hold exactly when every value
vanishes.

What the bus gives the table, read off `messages`: U16 of g_lo and 8 g_hi and U8 of the four old
bytes (multiplicity `real`), the IO chain messages, the INPUT/PRIV bytes a read receives and the
OUTPUT bytes a write to fd 1 sends (`Lookups` states the range facts).
-/

@[expose] public section

noncomputable section

namespace Zkvm.Air.V2.Io

open Zkvm.Field Zkvm.RiscV Zkvm.Air.Table

/-! ## Columns, as in io.rs -/

namespace Col
def kRead : Nat := 0
def kWrite1 : Nat := 1
def kWrite2 : Nat := 2
def clk : Nat := 3
def wa : Nat := 4
def rom : Nat := 5
/-- The position lane 0 would have. -/
def base : Nat := 6
/-- Start lanes S1..S3 and end lanes T1..T3 (S0, T0 are implied). -/
def s1 : Nat := 7
def s2 : Nat := 8
def s3 : Nat := 9
def t1 : Nat := 10
def t2 : Nat := 11
def t3 : Nat := 12
/-- The old word's bytes `u0 + j` and the new word's `n0 + j`, j < 4. -/
def u0 : Nat := 13
def n0 : Nat := 17
def prevTs : Nat := 21
def gLo : Nat := 22
def gHi : Nat := 23
/-- A read of fd 3 (the private input). -/
def kPriv : Nat := 24
def width : Nat := 25
end Col

open Col

section Ring

variable {F : Type} [Lean.Grind.CommRing F]

/-- `x (x − 1)`: vanishes exactly on 0 and 1 (in a field). -/
def boolean (x : F) : F := x * (x - 1)

/-- 1 on every row that moves bytes. -/
def real (r : Row F) : F := r kRead + r kWrite1 + r kWrite2 + r kPriv

/-- Reads of fd 0 or fd 3: the rows that write memory. -/
def reads (r : Row F) : F := r kRead + r kPriv

/-- Writes to fd 1 or fd 2: the rows that keep the word. -/
def writes (r : Row F) : F := r kWrite1 + r kWrite2

/-- Start lane 0 and end lane 0: `real` minus the other lanes. -/
def s0 (r : Row F) : F := real r - r s1 - r s2 - r s3
def t0 (r : Row F) : F := real r - r t1 - r t2 - r t3

/-- The start lane j and the end lane j (j < 4). -/
def sLane (r : Row F) : Nat → F
  | 0 => s0 r
  | 1 => r s1
  | 2 => r s2
  | _ => r s3
def tLane (r : Row F) : Nat → F
  | 0 => t0 r
  | 1 => r t1
  | 2 => r t2
  | _ => r t3

/-- M_j = [f ≤ j ≤ e]: Σ_{i≤j} S_i − Σ_{i<j} T_i (M_3 = T_3). -/
def moved (r : Row F) : Nat → F
  | 0 => s0 r
  | 1 => s0 r + r s1 - t0 r
  | 2 => s0 r + r s1 + r s2 - (t0 r + r t1)
  | _ => r t3

/-- No end lane before the start lane. -/
def before (r : Row F) : F :=
  t0 r * (r s1 + r s2 + r s3) + r t1 * (r s2 + r s3) + r t2 * r s3

/-- 4 clk + 4: the timestamp of port 3. -/
def timestamp (r : Row F) : F := 4 * r clk + 4

/-- The causality gap g_lo + 2^16 g_hi and what it must be, ts − prev_ts − 1. -/
def gap (r : Row F) : F := r gLo + 65536 * r gHi
def expectedGap (r : Row F) : F := timestamp r - r prevTs - 1

/-- The lanes. -/
def lanes : List Nat := [0, 1, 2, 3]

/-- **The IO table's constraints**, one field per group of io.rs. -/
structure Groups (r : Row F) : Prop where
  /-- Kinds [0-3]: each boolean, at most one. -/
  bool_read : boolean (r kRead) = 0
  bool_write1 : boolean (r kWrite1) = 0
  bool_write2 : boolean (r kWrite2) = 0
  bool_real : boolean (real r) = 0
  /-- Start and end lanes [4-11]: boolean (so one-hot on real rows, all 0 on padding). -/
  bool_start : ∀ j ∈ lanes, boolean (sLane r j) = 0
  bool_end : ∀ j ∈ lanes, boolean (tLane r j) = 0
  /-- f ≤ e [12]. -/
  ordered : before r = 0
  /-- Space [13-14]: reads write RAM. -/
  bool_rom : boolean (r rom) = 0
  read_ram : reads r * r rom = 0
  /-- Writes keep the word [15-18]. -/
  write_keep : ∀ j ∈ lanes, writes r * (r (n0 + j) - r (u0 + j)) = 0
  /-- Reads keep the lanes not moved [19-22]. -/
  read_keep : ∀ j ∈ lanes, reads r * (1 - moved r j) * (r (n0 + j) - r (u0 + j)) = 0
  /-- Causality [23]. -/
  causal : real r * (gap r - expectedGap r) = 0
  /-- The private read kind is boolean [24]. -/
  bool_priv : boolean (r kPriv) = 0

/-- The constraint values, in `eval`'s order. -/
def constraints (r : Row F) : List F :=
  [boolean (r kRead), boolean (r kWrite1), boolean (r kWrite2), boolean (real r)] ++
  lanes.map (fun j => boolean (sLane r j)) ++ lanes.map (fun j => boolean (tLane r j)) ++
  [before r, boolean (r rom), reads r * r rom] ++
  lanes.map (fun j => writes r * (r (n0 + j) - r (u0 + j))) ++
  lanes.map (fun j => reads r * (1 - moved r j) * (r (n0 + j) - r (u0 + j))) ++
  [real r * (gap r - expectedGap r), boolean (r kPriv)]

theorem length_constraints (r : Row F) : (constraints r).length = 25 := rfl

/-- The groups hold exactly when every constraint value vanishes. -/
theorem groups_iff (r : Row F) : Groups r ↔ ∀ e ∈ constraints r, e = 0 := by
  constructor
  · intro h e he
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at he
    rcases he with ((((((rfl | rfl | rfl | rfl) | ⟨j, hj, rfl⟩) | ⟨j, hj, rfl⟩) |
      (rfl | rfl | rfl)) | ⟨j, hj, rfl⟩) | ⟨j, hj, rfl⟩) | (rfl | rfl)
    · exact h.bool_read
    · exact h.bool_write1
    · exact h.bool_write2
    · exact h.bool_real
    · exact h.bool_start j hj
    · exact h.bool_end j hj
    · exact h.ordered
    · exact h.bool_rom
    · exact h.read_ram
    · exact h.write_keep j hj
    · exact h.read_keep j hj
    · exact h.causal
    · exact h.bool_priv
  · intro h
    have m : ∀ e, e ∈ constraints r → e = 0 := h
    simp only [constraints, List.mem_append, List.mem_map, List.mem_cons, List.not_mem_nil,
      or_false] at m
    exact
      { bool_read := m _ (by simp)
        bool_write1 := m _ (by simp)
        bool_write2 := m _ (by simp)
        bool_real := m _ (by simp)
        bool_start := fun j hj => m _ (Or.inl (Or.inl (Or.inl (Or.inl (Or.inl (Or.inr
          ⟨j, hj, rfl⟩))))))
        bool_end := fun j hj => m _ (Or.inl (Or.inl (Or.inl (Or.inl (Or.inr ⟨j, hj, rfl⟩)))))
        ordered := m _ (by simp)
        bool_rom := m _ (by simp)
        read_ram := m _ (by simp)
        write_keep := fun j hj => m _ (Or.inl (Or.inl (Or.inr ⟨j, hj, rfl⟩)))
        read_keep := fun j hj => m _ (Or.inl (Or.inr ⟨j, hj, rfl⟩))
        causal := m _ (by simp)
        bool_priv := m _ (by simp) }

end Ring

/-! ## What the bus provides, over BabyBear -/

/-- The range lookups of `messages`, sent with multiplicity `real`: U16 of g_lo and of 8 g_hi,
U8 of each old byte. -/
structure Lookups (r : Row BabyBear) : Prop where
  gLo : real r ≠ 0 → (r gLo).val < 2 ^ 16
  gHi : real r ≠ 0 → (8 * r gHi).val < 2 ^ 16
  u8 : real r ≠ 0 → ∀ j ∈ lanes, (r (u0 + j)).val < 2 ^ 8

end Zkvm.Air.V2.Io

end
