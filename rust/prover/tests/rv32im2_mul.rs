//! The MUL table of the RV32IM machine v2 (air/rv32im/mul.rs) and its
//! builder: honest rows from the executor's own steps (MUL, MULH, MULHSU,
//! MULHU, SLL, SRL, SRA, SLLI, SRLI, SRAI on edge and random values, shift
//! amounts with high bits set) satisfy every constraint and put on the bus
//! exactly the EXEC receives of the requests and the lookups the Builder
//! counted; forged rows, each claiming a wrong result with the other cells
//! made as consistent as possible, are caught, and the test names what
//! catches each.

mod common;
mod rv32im2_common;

use common::TestRng;
use p3_matrix::dense::RowMajorMatrix;
use rv32im2_common::muldiv::*;
use rv32im2_common::table::*;
use zkvm_executor::testing::asm;
use zkvm_prover::rv32im2::builder::Builder;
use zkvm_prover::rv32im2::mul::MulTable;
use zkvm_prover::tables;
use zkvm_prover::types::F;
use zkvm_verifier::air::rv32im::{bus, mul};
use zkvm_verifier::air::TableId;
use zkvm_verifier::field::P;
use zkvm_verifier::receipt::program as prog;

const TABLE: TableId = TableId::Rv32Mul;

fn values() -> Vec<u32> {
    let mut rng = TestRng(0x3a1_0001);
    let mut values: Vec<u32> = EDGES.to_vec();
    for _ in 0..6 {
        values.push(rng.next_u64() as u32);
    }
    values
}

fn cases() -> Vec<Case> {
    let mut rng = TestRng(0x3a1_0002);
    let values = values();
    let r_ops: [fn(u32, u32, u32) -> u32; 7] = [
        asm::mul,
        asm::mulh,
        asm::mulhsu,
        asm::mulhu,
        asm::sll,
        asm::srl,
        asm::sra,
    ];
    let i_ops: [fn(u32, u32, u32) -> u32; 3] = [asm::slli, asm::srli, asm::srai];
    let mut cases = Vec::new();
    for &a in &values {
        for &b in &values {
            for op in r_ops {
                cases.push(Case {
                    word: op(3, 1, 2),
                    a,
                    b,
                });
            }
        }
        // Every shift amount, by register (high bits set or not) and by
        // immediate.
        for s in 0..32 {
            for op in i_ops {
                cases.push(Case {
                    word: op(3, 1, s),
                    a,
                    b: rng.next_u64() as u32,
                });
            }
            for high in [0u32, 0xffff_ffe0, rng.next_u64() as u32 & !31] {
                for op in [asm::sll, asm::srl, asm::sra] {
                    cases.push(Case {
                        word: op(3, 1, 2),
                        a,
                        b: high | s,
                    });
                }
            }
        }
        // x0 as rd: the result is computed all the same.
        cases.push(Case {
            word: asm::mulh(0, 1, 2),
            a,
            b: a ^ 0x8765_4321,
        });
    }
    cases
}

fn build_mul(cases: &[Case]) -> Built {
    build(cases, MulTable::new(), MulTable::push, MulTable::finish)
}

#[test]
fn op_numbers_are_the_programs() {
    assert_eq!(
        mul::OPS,
        [
            prog::OP_MUL,
            prog::OP_MULH,
            prog::OP_MULHSU,
            prog::OP_MULHU,
            prog::OP_SLL,
            prog::OP_SRL,
            prog::OP_SRA,
        ]
    );
    for op in 0..3 * bus::IMM_OP_OFFSET {
        let base = op % bus::IMM_OP_OFFSET;
        let imm = op >= bus::IMM_OP_OFFSET;
        let expected = op < 2 * bus::IMM_OP_OFFSET
            && mul::OPS.contains(&base)
            && (!imm || [prog::OP_SLL, prog::OP_SRL, prog::OP_SRA].contains(&base));
        assert_eq!(MulTable::handles(op), expected, "op {op}");
    }
}

#[test]
fn honest_rows_satisfy_the_table_and_the_bus() {
    let cases = cases();
    let built = build_mul(&cases);
    assert_eq!(built.run.steps.len(), cases.len());
    check_honest(&TABLE, &built);
    // Every row: 4 U8 of a, 4 U8 of b or one POW2; 4 + 4 + 1 U16, and one
    // more for a shift.
    let shifts = built
        .run
        .steps
        .iter()
        .filter(|(r, _)| {
            let base = r.op % bus::IMM_OP_OFFSET;
            [prog::OP_SLL, prog::OP_SRL, prog::OP_SRA].contains(&base)
        })
        .count();
    let n = cases.len();
    let fixed: u32 = built.fixed.iter().sum();
    assert_eq!(fixed as usize, 4 * n + 4 * (n - shifts) + shifts);
    let range: u32 = built.range16.iter().sum();
    assert_eq!(range as usize, 9 * n + shifts);
}

#[test]
fn honest_carries_stay_far_below_the_bound() {
    // The largest carries: both factors all ones, sign-extended.
    let cases: Vec<Case> = [0xffff_ffffu32, 0x8000_0000, 0x7fff_ffff]
        .iter()
        .flat_map(|&a| {
            [asm::mul, asm::mulh, asm::mulhsu, asm::mulhu]
                .into_iter()
                .map(move |op| Case {
                    word: op(3, 1, 2),
                    a,
                    b: a,
                })
        })
        .collect();
    let built = build_mul(&cases);
    check_honest(&TABLE, &built);
    for i in 0..cases.len() {
        let cells = row(&built.trace, i);
        let sum: u32 = (0..4).map(|m| cells[mul::K0 + m]).sum();
        assert!(sum < 1 << 13, "row {i}: carries sum to {sum}");
    }
}

#[test]
fn padding_rows_are_silent() {
    let fns = tables::scalar_fns(&TABLE).unwrap();
    let zero = vec![0u32; fns.width];
    assert!(row_messages(&fns, &zero).iter().all(|(m, _)| *m == 0));
    let trace = RowMajorMatrix::new(vec![F::default(); fns.width * 64], fns.width);
    assert_eq!(tables::first_violation(&fns, &trace, &PUBLIC), None);
}

#[test]
fn a_request_the_executor_disagrees_with_is_refused() {
    let cases = [Case {
        word: asm::mul(3, 1, 2),
        a: 5,
        b: 7,
    }];
    let run = run_cases(&cases);
    let mut b = Builder::new(&run.program);
    let (req, rec) = &run.steps[0];
    let mut wrong = *req;
    wrong.b = 8;
    assert!(MulTable::new().push(&mut b, &wrong, rec).is_err());
    let mut not_mul = *req;
    not_mul.op = prog::OP_ADD;
    assert!(MulTable::new().push(&mut b, &not_mul, rec).is_err());
    let mut mul_imm = *req;
    mul_imm.op = prog::OP_MUL + bus::IMM_OP_OFFSET;
    assert!(MulTable::new().push(&mut b, &mul_imm, rec).is_err());
}

// ------------------------------------------------------------ forgeries

const TWO16: u32 = 1 << 16;
/// -1 / 2^16 in the field: an integer, (p - 1) / 2^16.
const WRAP: u32 = (P - 1) >> 16;

fn is(op: u32) -> impl Fn(&zkvm_prover::rv32im2::Request) -> bool {
    move |r| r.op == op
}

/// The eight bytes of a factor from the row (canonical field values).
fn factor(c: &[u32], first: usize, sign: usize) -> [u64; 8] {
    let e = 255 * c[sign] as u64;
    [
        c[first] as u64,
        c[first + 1] as u64,
        c[first + 2] as u64,
        c[first + 3] as u64,
        e,
        e,
        e,
        e,
    ]
}

fn takes_high(c: &[u32]) -> bool {
    c[mul::F_MULH]
        + c[mul::F_MULHSU]
        + c[mul::F_MULHU]
        + (c[mul::F_SRL] + c[mul::F_SRA]) * c[mul::NZ]
        == 1
}

/// Recomputes c, x and the carries from the row's factors, honestly.
fn reproduct(c: &mut [u32]) {
    let x = factor(c, mul::A0, mul::SA);
    let y = factor(c, mul::M0, mul::SB);
    let (limbs, carries) = zkvm_prover::rv32im2::mul::limb_product(&x, &y);
    let (lo, hi) = ([limbs[0], limbs[1]], [limbs[2], limbs[3]]);
    let (cw, xw) = if takes_high(c) { (hi, lo) } else { (lo, hi) };
    c[mul::C_LO] = cw[0];
    c[mul::C_HI] = cw[1];
    c[mul::X_LO] = xw[0];
    c[mul::X_HI] = xw[1];
    for m in 0..4 {
        c[mul::K0 + m] = carries[m];
    }
}

/// Keeps c and x and solves the limb equations for the carries (field).
fn recarry(c: &mut [u32]) {
    let x = factor(c, mul::A0, mul::SA);
    let y = factor(c, mul::M0, mul::SB);
    let conv = |k: usize| -> u64 { (0..=k).map(|i| x[i] * y[k - i]).sum() };
    let limbs = if takes_high(c) {
        [c[mul::X_LO], c[mul::X_HI], c[mul::C_LO], c[mul::C_HI]]
    } else {
        [c[mul::C_LO], c[mul::C_HI], c[mul::X_LO], c[mul::X_HI]]
    };
    let mut carry = 0u32;
    for m in 0..4 {
        let lhs = ((conv(2 * m) + 256 * conv(2 * m + 1)) % P as u64) as u32;
        let lhs = fadd(lhs, carry);
        carry = fmul(fsub(lhs, limbs[m]), finv(TWO16));
        c[mul::K0 + m] = carry;
    }
}

fn forgeries() -> Vec<Forgery> {
    use mul::*;
    vec![
        Forgery {
            name: "MUL c_lo + 1 (c only)",
            pick: |r| is(prog::OP_MUL)(r) && r.a.wrapping_mul(r.b) & 0xffff < 0xffff,
            edit: |c| c[C_LO] += 1,
            expect: Catch::Constraint(15),
        },
        Forgery {
            name:
                "MUL c_lo + 1, the carries solved in the field (κ_0 + (p-1)/2^16, κ_1 no integer)",
            pick: |r| is(prog::OP_MUL)(r) && r.a.wrapping_mul(r.b) & 0xffff < 0xffff,
            edit: |c| {
                c[C_LO] += 1;
                recarry(c);
            },
            expect: Catch::Range(15),
        },
        Forgery {
            name: "MUL c_lo + 1, c_hi + (p-1)/2^16: every carry a U16, p wraps",
            pick: |r| {
                let v = r.a.wrapping_mul(r.b);
                is(prog::OP_MUL)(r) && v & 0xffff < 0xffff && (v >> 16) + WRAP < TWO16
            },
            edit: |c| {
                c[C_LO] += 1;
                c[C_HI] += WRAP;
                recarry(c);
                assert!((0..4).all(|m| c[K0 + m] < TWO16));
            },
            expect: Catch::Range(18),
        },
        Forgery {
            name: "MUL c_lo + 2^16, κ_0 - 1: a limb out of range",
            pick: |r| is(prog::OP_MUL)(r) && (r.a & 0xffff) * (r.b & 0xffff) >= 1 << 16,
            edit: |c| {
                c[C_LO] += TWO16;
                c[K0] -= 1;
                recarry(c);
            },
            expect: Catch::Range(10),
        },
        Forgery {
            name: "MULH claims the low word",
            pick: |r| {
                is(prog::OP_MULH)(r) && {
                    let p = (r.a as i32 as i64) * (r.b as i32 as i64);
                    (p as u64 >> 32) as u32 != p as u32
                }
            },
            edit: |c| {
                c.swap(C_LO, X_LO);
                c.swap(C_HI, X_HI);
            },
            expect: Catch::Constraint(15),
        },
        Forgery {
            name: "MULH with a's sign dropped (the unsigned product)",
            pick: |r| is(prog::OP_MULH)(r) && r.a >> 31 == 1 && r.b != 0,
            edit: |c| {
                c[SA] = 0;
                reproduct(c);
            },
            expect: Catch::NotFixed(4),
        },
        Forgery {
            name: "MULH with b's sign dropped",
            pick: |r| is(prog::OP_MULH)(r) && r.b >> 31 == 1 && r.a != 0,
            edit: |c| {
                c[SB] = 0;
                reproduct(c);
            },
            expect: Catch::NotFixed(8),
        },
        Forgery {
            name: "MULHU with a sign extension",
            pick: |r| is(prog::OP_MULHU)(r) && r.a >> 31 == 1 && r.b != 0,
            edit: |c| {
                c[SA] = 1;
                reproduct(c);
            },
            expect: Catch::Constraint(10),
        },
        Forgery {
            name: "MULHSU with b signed",
            pick: |r| is(prog::OP_MULHSU)(r) && r.b >> 31 == 1 && r.a != 0,
            edit: |c| {
                c[SB] = 1;
                reproduct(c);
            },
            expect: Catch::Constraint(11),
        },
        Forgery {
            name: "MUL of another b (a factor byte + 1)",
            pick: |r| is(prog::OP_MUL)(r) && r.a != 0 && r.b & 0xff < 0xff,
            edit: |c| {
                c[M0] += 1;
                reproduct(c);
            },
            expect: Catch::Constraint(12),
        },
        Forgery {
            name: "MUL of another b (high bytes)",
            pick: |r| is(prog::OP_MUL)(r) && r.a & 0xffff != 0 && r.b >> 24 < 0xff,
            edit: |c| {
                c[M0 + 3] += 1;
                reproduct(c);
            },
            expect: Catch::Constraint(13),
        },
        Forgery {
            name: "MUL with a's bytes non-canonical (A0 + 256, A1 - 1) and c recomputed",
            pick: |r| is(prog::OP_MUL)(r) && r.a >> 8 & 0xff != 0 && r.b != 0,
            edit: |c| {
                c[A0] += 256;
                c[A0 + 1] -= 1;
                reproduct(c);
            },
            expect: Catch::NotFixed(1),
        },
        Forgery {
            name: "SLL by s + 1 (factor 2^(s+1)), t kept",
            pick: |r| is(prog::OP_SLL)(r) && r.b & 31 < 31 && r.a != 0,
            edit: |c| {
                c[S] += 1;
                c[NZ] = 1;
                let f = 1u32 << c[S];
                for i in 0..4 {
                    c[M0 + i] = (f >> (8 * i)) & 0xff;
                }
                reproduct(c);
            },
            expect: Catch::Constraint(14),
        },
        Forgery {
            name: "SLL by s + 1 with t solved in the field",
            pick: |r| is(prog::OP_SLL)(r) && r.b & 31 < 31 && r.a != 0,
            edit: |c| {
                c[S] += 1;
                c[NZ] = 1;
                c[T] = fsub(c[T], finv(32));
                let f = 1u32 << c[S];
                for i in 0..4 {
                    c[M0 + i] = (f >> (8 * i)) & 0xff;
                }
                reproduct(c);
            },
            expect: Catch::Range(19),
        },
        Forgery {
            name: "SLL by s + 32 (t - 1)",
            pick: |r| is(prog::OP_SLL)(r) && r.b & 0xffff >= 32 && r.a != 0,
            edit: |c| {
                c[S] += 32;
                c[T] -= 1;
                for i in 0..4 {
                    c[M0 + i] = 0;
                }
                reproduct(c);
            },
            expect: Catch::NotFixed(9),
        },
        Forgery {
            name: "SRLI by s > 0 taking the low word (nz = 0)",
            pick: |r| is(prog::OP_SRL + 64)(r) && r.imm & 31 != 0 && r.a != 0,
            edit: |c| {
                c[NZ] = 0;
                reproduct(c);
            },
            expect: Catch::NotFixed(9),
        },
        Forgery {
            name: "SRL with the left factor 2^s",
            pick: |r| is(prog::OP_SRL)(r) && r.b & 31 > 1 && r.a != 0,
            edit: |c| {
                let f = 1u32 << c[S];
                for i in 0..4 {
                    c[M0 + i] = (f >> (8 * i)) & 0xff;
                }
                reproduct(c);
            },
            expect: Catch::NotFixed(9),
        },
        Forgery {
            name: "SRA as SRL (a's sign dropped)",
            pick: |r| is(prog::OP_SRA)(r) && r.a >> 31 == 1 && r.b & 31 != 0,
            edit: |c| {
                c[SA] = 0;
                reproduct(c);
            },
            expect: Catch::NotFixed(4),
        },
        Forgery {
            name: "SRL with a sign extension",
            pick: |r| is(prog::OP_SRL)(r) && r.a >> 31 == 1 && r.b & 31 != 0,
            edit: |c| {
                c[SA] = 1;
                reproduct(c);
            },
            expect: Catch::Constraint(10),
        },
        Forgery {
            name: "SLLI computed from b (use_imm = 0)",
            pick: |r| is(prog::OP_SLL + 64)(r) && r.imm & 31 != r.b & 31 && r.a != 0,
            edit: |c| {
                c[USE_IMM] = 0;
                let s = c[B_LO] & 31;
                c[S] = s;
                c[T] = c[B_LO] >> 5;
                let f = 1u32 << s;
                for i in 0..4 {
                    c[M0 + i] = (f >> (8 * i)) & 0xff;
                }
                c[NZ] = (s != 0) as u32;
                reproduct(c);
            },
            expect: Catch::Message(0, 1),
        },
        Forgery {
            name: "MUL computed as MULHU (flags changed)",
            pick: |r| is(prog::OP_MUL)(r) && r.a != 0 && r.b != 0,
            edit: |c| {
                c[F_MUL] = 0;
                c[F_MULHU] = 1;
                reproduct(c);
            },
            expect: Catch::Message(0, 1),
        },
        Forgery {
            name: "MUL with the immediate flag",
            pick: |r| is(prog::OP_MUL)(r) && r.a != 0 && r.b != 0,
            edit: |c| c[USE_IMM] = 1,
            expect: Catch::Constraint(9),
        },
        Forgery {
            name: "two op flags (MUL and MULHU)",
            pick: |r| is(prog::OP_MUL)(r) && r.a != 0 && r.b != 0,
            edit: |c| c[F_MULHU] = 1,
            expect: Catch::Constraint(8),
        },
        Forgery {
            name: "a flag of 2",
            pick: |r| is(prog::OP_MUL)(r),
            edit: |c| c[F_MUL] = 2,
            expect: Catch::Constraint(0),
        },
    ]
}

#[test]
fn forged_rows_are_caught() {
    let built = build_mul(&cases());
    check_forgeries(TABLE, &built, &forgeries());
}

/// Every single-cell change of an honest row that changes c is caught.
#[test]
fn any_single_cell_change_of_c_is_caught() {
    let built = build_mul(&cases());
    let n = built.run.steps.len();
    let mut rng = TestRng(0x3a1_0003);
    for _ in 0..200 {
        let i = rng.below(n as u64) as usize;
        for col in [mul::C_LO, mul::C_HI] {
            let mut forged = built.trace.clone();
            let mut cells = row(&forged, i);
            cells[col] = fadd(cells[col], 1 + rng.below(TWO16 as u64) as u32);
            set_row(&mut forged, i, &cells);
            let got = diagnose_row(&TABLE, &built.trace, &forged, i);
            assert!(matches!(got, Catch::Constraint(_)), "row {i}: {got:?}");
        }
    }
}
