module

public import Zkvm.Field.Modulus

/-! Root of the Lean development: importing it checks everything. -/
