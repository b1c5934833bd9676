//! The RV32IM tables over packed base-field vectors (`E` = F::Packing, one
//! lane per point): the verifier's table files compiled against this `expr`,
//! for the quotient on the LDE domain.

pub mod expr {
    use p3_field::{Field, PrimeCharacteristicRing};

    use crate::types::F;

    pub type E = <F as Field>::Packing;
    pub type Selectors = crate::tables::Sel<E>;

    #[inline(always)]
    pub fn add(a: &E, b: &E) -> E {
        *a + *b
    }
    #[inline(always)]
    pub fn sub(a: &E, b: &E) -> E {
        *a - *b
    }
    #[inline(always)]
    pub fn mul(a: &E, b: &E) -> E {
        *a * *b
    }
    #[inline(always)]
    pub fn neg(a: &E) -> E {
        -*a
    }
    #[inline(always)]
    pub fn konst(value: u32) -> E {
        E::from(F::from_u32(value))
    }
    #[inline(always)]
    pub fn zero() -> E {
        E::ZERO
    }
    #[inline(always)]
    pub fn one() -> E {
        E::ONE
    }
}

#[path = "../../../verifier/src/air/rv32im/alu.rs"]
pub mod alu;
#[path = "../../../verifier/src/air/rv32im/boundary.rs"]
pub mod boundary;
#[path = "../../../verifier/src/air/rv32im/bus.rs"]
pub mod bus;
#[path = "../../../verifier/src/air/rv32im/cpu.rs"]
pub mod cpu;
#[path = "../../../verifier/src/air/rv32im/div.rs"]
pub mod div;
#[path = "../../../verifier/src/air/rv32im/io.rs"]
pub mod io;
#[path = "../../../verifier/src/air/rv32im/logic.rs"]
pub mod logic;
#[path = "../../../verifier/src/air/rv32im/mem.rs"]
pub mod mem;
#[path = "../../../verifier/src/air/rv32im/mul.rs"]
pub mod mul;
#[path = "../../../verifier/src/air/rv32im/private.rs"]
pub mod private;
#[path = "../../../verifier/src/air/rv32im/range.rs"]
pub mod range;
#[path = "../../../verifier/src/air/rv32im/syscall.rs"]
pub mod syscall;
