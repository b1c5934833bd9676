//! The DIV table of the RV32IM machine v2 (air/rv32im/div.rs) and its
//! builder: honest rows from the executor's own steps (DIV, DIVU, REM, REMU
//! on edge and random values, division by zero, the signed overflow
//! -2^31 / -1) satisfy every constraint and put on the bus exactly the EXEC
//! receives of the requests and the lookups the Builder counted; forged
//! rows, each claiming a wrong result with the other cells made as
//! consistent as possible, are caught, and the test names what catches each.

mod common;
mod rv32im2_common;

use common::TestRng;
use p3_matrix::dense::RowMajorMatrix;
use rv32im2_common::muldiv::*;
use rv32im2_common::table::*;
use zkvm_executor::testing::asm;
use zkvm_prover::rv32im2::builder::Builder;
use zkvm_prover::rv32im2::div::DivTable;
use zkvm_prover::rv32im2::Request;
use zkvm_prover::tables;
use zkvm_prover::types::F;
use zkvm_verifier::air::rv32im::div;
use zkvm_verifier::air::TableId;
use zkvm_verifier::field::{self, P};
use zkvm_verifier::receipt::program as prog;

const TABLE: TableId = TableId::Rv32Div;

fn cases() -> Vec<Case> {
    let mut rng = TestRng(0xd1_0001);
    let mut values: Vec<u32> = EDGES.to_vec();
    values.extend([7, 0xffff_fff9, 0x8000_0000 | 7, 0x1_0000, 0xffff_0000]);
    for _ in 0..6 {
        values.push(rng.next_u64() as u32);
    }
    // Small divisors of random dividends: quotients of every size.
    for _ in 0..4 {
        values.push((rng.next_u64() as u32) >> (rng.below(32) as u32));
    }
    let ops: [fn(u32, u32, u32) -> u32; 4] = [asm::div, asm::divu, asm::rem, asm::remu];
    let mut cases = Vec::new();
    for &a in &values {
        for &b in &values {
            for op in ops {
                cases.push(Case {
                    word: op(3, 1, 2),
                    a,
                    b,
                });
            }
        }
        cases.push(Case {
            word: asm::div(0, 1, 2),
            a,
            b: a ^ 0x0f0f_0f0f,
        });
    }
    cases
}

fn build_div(cases: &[Case]) -> Built {
    build(cases, DivTable::new(), DivTable::push, DivTable::finish)
}

#[test]
fn op_numbers_are_the_programs() {
    assert_eq!(
        div::OPS,
        [prog::OP_DIV, prog::OP_DIVU, prog::OP_REM, prog::OP_REMU]
    );
    for op in 0..3 * 64 {
        assert_eq!(DivTable::handles(op), div::OPS.contains(&op), "op {op}");
    }
}

#[test]
fn honest_rows_satisfy_the_table_and_the_bus() {
    let cases = cases();
    let built = build_div(&cases);
    assert_eq!(built.run.steps.len(), cases.len());
    check_honest(&TABLE, &built);
    // The special cases are there: by zero, overflow.
    let by_zero = built.run.steps.iter().filter(|(r, _)| r.b == 0).count();
    assert!(by_zero >= 4 * 4);
    assert!(built
        .run
        .steps
        .iter()
        .any(|(r, _)| r.op == prog::OP_DIV && r.a == 0x8000_0000 && r.b == u32::MAX));
    let n = cases.len();
    let signed = built
        .run
        .steps
        .iter()
        .filter(|(r, _)| r.op == prog::OP_DIV || r.op == prog::OP_REM)
        .count();
    // 8 U8 per row and one more per nonzero divisor; U16: r (2), carries
    // (5), a's sign (signed rows), d (2 per nonzero divisor).
    let fixed: u32 = built.fixed.iter().sum();
    assert_eq!(fixed as usize, 8 * n + (n - by_zero));
    let range: u32 = built.range16.iter().sum();
    assert_eq!(range as usize, 7 * n + signed + 2 * (n - by_zero));
}

#[test]
fn special_cases_give_the_rv32im_results() {
    let ops: [fn(u32, u32, u32) -> u32; 4] = [asm::div, asm::divu, asm::rem, asm::remu];
    let mut cases = Vec::new();
    for a in [0u32, 1, 0x8000_0000, 0xffff_ffff, 0x1234_5678] {
        for op in ops {
            cases.push(Case {
                word: op(3, 1, 2),
                a,
                b: 0,
            });
        }
    }
    for op in ops {
        cases.push(Case {
            word: op(3, 1, 2),
            a: 0x8000_0000,
            b: 0xffff_ffff,
        });
    }
    let built = build_div(&cases);
    check_honest(&TABLE, &built);
    for ((req, _), &c) in built.run.steps.iter().zip(&built.results) {
        let expected = match (req.op, req.b) {
            (prog::OP_DIV | prog::OP_DIVU, 0) => u32::MAX,
            (_, 0) => req.a,
            (prog::OP_DIV, _) => 0x8000_0000,
            (prog::OP_DIVU, _) => 0,
            (prog::OP_REM, _) => 0,
            _ => 0x8000_0000,
        };
        assert_eq!(c, expected, "op {} a {:#x} b {:#x}", req.op, req.a, req.b);
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
        word: asm::div(3, 1, 2),
        a: 50,
        b: 7,
    }];
    let run = run_cases(&cases);
    let mut b = Builder::new(&run.program);
    let (req, rec) = &run.steps[0];
    let mut wrong = *req;
    wrong.a = 51;
    assert!(DivTable::new().push(&mut b, &wrong, rec).is_err());
    let mut other = *req;
    other.op = prog::OP_REM;
    assert!(DivTable::new().push(&mut b, &other, rec).is_err());
    let mut not_div = *req;
    not_div.op = prog::OP_MUL;
    assert!(DivTable::new().push(&mut b, &not_div, rec).is_err());
}

// ------------------------------------------------------------ forgeries

const TWO16: u32 = 1 << 16;
/// -1 / 2^16 in the field: an integer, (p - 1) / 2^16.
const WRAP: u32 = (P - 1) >> 16;

fn signed_field(v: i64) -> u32 {
    if v >= 0 {
        (v as u64 % P as u64) as u32
    } else {
        field::neg(((-v) as u64 % P as u64) as u32)
    }
}

/// Writes the bytes of q, its sign bit, r's limbs and sign bit.
fn set_q(c: &mut [u32], q: u32, sq: bool) {
    for i in 0..4 {
        c[div::Q0 + i] = (q >> (8 * i)) & 0xff;
    }
    c[div::SQ] = sq as u32;
}

fn set_r(c: &mut [u32], r: u32, sr: bool) {
    c[div::R_LO] = r & 0xffff;
    c[div::R_HI] = r >> 16;
    c[div::SR] = sr as u32;
}

/// Recomputes c (q or r by the flags), the carries (solved in the field)
/// and, on rows with y ≠ 0 claimed, d and β (d_lo canonical, β from the low
/// equation, d_hi solved in the field).
fn refill(c: &mut [u32]) {
    use div::*;
    let q_lo = c[Q0] + 256 * c[Q0 + 1];
    let q_hi = c[Q0 + 2] + 256 * c[Q0 + 3];
    if c[F_DIV] + c[F_DIVU] == 1 {
        c[C_LO] = q_lo;
        c[C_HI] = q_hi;
    } else {
        c[C_LO] = c[R_LO];
        c[C_HI] = c[R_HI];
    }
    let ext = |first: usize, sign: usize| -> [u64; 8] {
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
    };
    let (q, y) = (ext(Q0, SQ), ext(Y0, SY));
    let conv = |k: usize| -> u64 { (0..=k).map(|i| q[i] * y[k - i]).sum() };
    let r = [c[R_LO], c[R_HI], 0xffff * c[SR], 0xffff * c[SR]];
    let a = [c[A_LO], c[A_HI], 0xffff * c[SA], 0xffff * c[SA]];
    let mut carry = 0u32;
    for m in 0..4 {
        let lhs = ((conv(2 * m) + 256 * conv(2 * m + 1)) % P as u64) as u32;
        let lhs = fadd(fadd(lhs, r[m]), carry);
        carry = fmul(fsub(lhs, a[m]), finv(TWO16));
        c[K0 + m] = carry;
    }
    let real: u32 = (0..4).map(|f| c[FLAGS[f]]).sum();
    if real == 1 && c[YZ] == 0 {
        let mag = |lo: i64, hi: i64, s: i64| (lo * (1 - 2 * s), hi * (1 - 2 * s) + (s << 16));
        let (ly, hy) = mag(
            (c[Y0] + 256 * c[Y0 + 1]) as i64,
            (c[Y0 + 2] + 256 * c[Y0 + 3]) as i64,
            c[SY] as i64,
        );
        let (lr, hr) = mag(c[R_LO] as i64, c[R_HI] as i64, c[SR] as i64);
        let d_lo = (ly - lr - 1).rem_euclid(1 << 16);
        let beta = (lr + 1 + d_lo - ly) >> 16;
        c[D_LO] = d_lo as u32;
        c[BETA] = signed_field(beta);
        c[D_HI] = signed_field(hy - hr - beta);
    } else {
        c[D_LO] = 0;
        c[D_HI] = 0;
        c[BETA] = 0;
    }
}

fn is(r: &Request, op: u32, a: u32, b: u32) -> bool {
    r.op == op && r.a == a && r.b == b
}

fn forgeries() -> Vec<Forgery> {
    use div::*;
    vec![
        Forgery {
            name: "DIVU c + 1 (c only)",
            pick: |r| r.op == prog::OP_DIVU && r.b != 0 && (r.a / r.b) & 0xffff < 0xffff,
            edit: |c| c[C_LO] += 1,
            expect: Catch::Constraint(14),
        },
        Forgery {
            name: "REMU c_hi + 1 (c only)",
            pick: |r| r.op == prog::OP_REMU && r.b != 0 && r.a % r.b >> 16 < 0xffff,
            edit: |c| c[C_HI] += 1,
            expect: Catch::Constraint(17),
        },
        Forgery {
            name: "REMU r_lo + 2^16, r_hi - 1 (the same integer, c_lo not a limb)",
            pick: |r| r.op == prog::OP_REMU && r.b != 0 && r.a % r.b >= 1 << 16,
            edit: |c| {
                c[R_LO] += TWO16;
                c[R_HI] -= 1;
                refill(c);
            },
            expect: Catch::Range(10),
        },
        Forgery {
            name: "DIVU q's bytes non-canonical (Q0 + 256, Q1 - 1)",
            pick: |r| r.op == prog::OP_DIVU && r.b != 0 && (r.a / r.b) >> 8 & 0xff != 0,
            edit: |c| {
                c[Q0] += 256;
                c[Q0 + 1] -= 1;
                refill(c);
            },
            expect: Catch::NotFixed(2),
        },
        Forgery {
            name: "DIVU q + 1, carries solved",
            pick: |r| r.op == prog::OP_DIVU && r.b & 0xffff != 0 && r.a / r.b & 0xff < 0xff,
            edit: |c| {
                c[Q0] += 1;
                refill(c);
            },
            expect: Catch::Range(12),
        },
        Forgery {
            name: "REMU r + 1, carries solved",
            pick: |r| r.op == prog::OP_REMU && r.b > 2 && r.a % r.b < 0xfff0,
            edit: |c| {
                c[R_LO] += 1;
                refill(c);
            },
            expect: Catch::Range(12),
        },
        Forgery {
            name: "DIVU q - 1, r + y: the remainder too large",
            pick: |r| {
                r.op == prog::OP_DIVU
                    && r.b > 1
                    && r.a / r.b >= 1
                    && (r.a % r.b) as u64 + (r.b as u64) < 1 << 32
            },
            edit: |c| {
                let q = (c[Q0] | c[Q0 + 1] << 8 | c[Q0 + 2] << 16 | c[Q0 + 3] << 24) - 1;
                let y = c[Y0] | c[Y0 + 1] << 8 | c[Y0 + 2] << 16 | c[Y0 + 3] << 24;
                let r = (c[R_LO] | c[R_HI] << 16) + y;
                set_q(c, q, false);
                set_r(c, r, false);
                refill(c);
            },
            expect: Catch::Range(18),
        },
        Forgery {
            name: "DIV rounding down: -2 / 3 = -1 rem 1",
            pick: |r| is(r, prog::OP_DIV, 0xffff_fffe, 3),
            edit: |c| {
                set_q(c, u32::MAX, true);
                set_r(c, 1, false);
                refill(c);
            },
            expect: Catch::Constraint(9),
        },
        Forgery {
            name: "REM with a negative remainder of a positive a: 7 % 3 = -2 (q = 3)",
            pick: |r| is(r, prog::OP_REM, 7, 3),
            edit: |c| {
                set_q(c, 3, false);
                set_r(c, (-2i32) as u32, true);
                refill(c);
            },
            expect: Catch::Constraint(8),
        },
        Forgery {
            name: "DIV by zero claimed for y = 3 (q = -1, r = a + 3)",
            pick: |r| is(r, prog::OP_DIV, 7, 3),
            edit: |c| {
                c[YZ] = 1;
                set_q(c, u32::MAX, true);
                set_r(c, 10, false);
                refill(c);
            },
            expect: Catch::Constraint(11),
        },
        Forgery {
            name: "DIVU by zero with q = 0",
            pick: |r| r.op == prog::OP_DIVU && r.b == 0 && r.a != 0,
            edit: |c| {
                set_q(c, 0, false);
                refill(c);
            },
            expect: Catch::Constraint(12),
        },
        Forgery {
            name: "DIVU by zero as an ordinary division (yz = 0, q = 0, r = a)",
            pick: |r| r.op == prog::OP_DIVU && r.b == 0 && r.a != 0,
            edit: |c| {
                c[YZ] = 0;
                set_q(c, 0, false);
                refill(c);
            },
            expect: Catch::Range(18),
        },
        Forgery {
            name: "DIV -2^31 / -1 claimed 0x7fff_ffff rem -1",
            pick: |r| is(r, prog::OP_DIV, 0x8000_0000, u32::MAX),
            edit: |c| {
                set_q(c, 0x7fff_ffff, false);
                set_r(c, u32::MAX, true);
                refill(c);
            },
            expect: Catch::Range(18),
        },
        Forgery {
            name: "DIV -2^31 / -1 claimed 0 rem -2^31",
            pick: |r| is(r, prog::OP_DIV, 0x8000_0000, u32::MAX),
            edit: |c| {
                set_q(c, 0, false);
                set_r(c, 0x8000_0000, true);
                refill(c);
            },
            expect: Catch::Range(18),
        },
        Forgery {
            name: "DIV with y's sign dropped: 0x12345678 / -2 claimed 0",
            pick: |r| is(r, prog::OP_DIV, 0x1234_5678, 0xffff_fffe),
            edit: |c| {
                c[SY] = 0;
                set_q(c, 0, false);
                set_r(c, 0x1234_5678, false);
                refill(c);
            },
            expect: Catch::NotFixed(9),
        },
        Forgery {
            name: "DIV with a's sign dropped: -2 / 3 claimed 0x55555554",
            pick: |r| is(r, prog::OP_DIV, 0xffff_fffe, 3),
            edit: |c| {
                c[SA] = 0;
                set_q(c, 0x5555_5554, false);
                set_r(c, 2, false);
                refill(c);
            },
            expect: Catch::Range(1),
        },
        Forgery {
            name: "DIVU with q's sign extension",
            pick: |r| r.op == prog::OP_DIVU && r.b != 0 && r.a / r.b >= 0x8000_0000,
            edit: |c| {
                c[SQ] = 1;
                refill(c);
            },
            expect: Catch::Constraint(7),
        },
        Forgery {
            name: "REMU r - 1 - (p-1)/2^16 * 2^16: every carry a U16, p wraps",
            pick: |r| is(r, prog::OP_REMU, 0xffff_ffff, 0x8000_0001),
            edit: |c| {
                c[R_LO] -= 1;
                c[R_HI] -= WRAP;
                refill(c);
                assert!((0..4).all(|m| c[K0 + m] < TWO16));
            },
            expect: Catch::Range(16),
        },
        Forgery {
            name:
                "REMU 2^31 % 2 claimed 2 (q - 1): d = p - 1 meets both limb equations, β does not",
            pick: |r| is(r, prog::OP_REMU, 0x8000_0000, 2),
            edit: |c| {
                set_q(c, (1 << 30) - 1, false);
                set_r(c, 2, false);
                refill(c);
                // |r| + 1 + (p - 1) = |y| in the field: d_lo = 0, d_hi =
                // (p - 1) / 2^16, β = H_y - H_r - d_hi = -(p - 1) / 2^16.
                c[D_LO] = 0;
                c[D_HI] = WRAP;
                c[BETA] = field::neg(WRAP);
            },
            expect: Catch::NotFixed(19),
        },
        Forgery {
            name: "DIVU computed as DIV (flags changed)",
            pick: |r| is(r, prog::OP_DIVU, 0xffff_fffe, 3),
            edit: |c| {
                c[F_DIVU] = 0;
                c[F_DIV] = 1;
                // Signed: -2 / 3 = 0 rem -2.
                c[SA] = 1;
                set_q(c, 0, false);
                set_r(c, 0xffff_fffe, true);
                refill(c);
            },
            expect: Catch::Message(0, 1),
        },
        Forgery {
            name: "REM returning q (flag of DIV)",
            pick: |r| is(r, prog::OP_REM, 7, 3),
            edit: |c| {
                c[F_REM] = 0;
                c[F_DIV] = 1;
                refill(c);
            },
            expect: Catch::Message(0, 1),
        },
        Forgery {
            name: "a padding row with yz = 1 (lookups with multiplicity -1)",
            pick: |r| is(r, prog::OP_REM, 7, 3),
            edit: |c| {
                c.iter_mut().for_each(|v| *v = 0);
                c[YZ] = 1;
            },
            expect: Catch::Constraint(10),
        },
        Forgery {
            name: "two op flags",
            pick: |r| is(r, prog::OP_REM, 7, 3),
            edit: |c| c[F_DIV] = 1,
            expect: Catch::Constraint(4),
        },
    ]
}

#[test]
fn forged_rows_are_caught() {
    let built = build_div(&cases());
    check_forgeries(TABLE, &built, &forgeries());
}

/// Every change of c alone on an honest row is caught by a constraint.
#[test]
fn any_single_cell_change_of_c_is_caught() {
    let built = build_div(&cases());
    let n = built.run.steps.len();
    let mut rng = TestRng(0xd1_0003);
    for _ in 0..200 {
        let i = rng.below(n as u64) as usize;
        for col in [div::C_LO, div::C_HI] {
            let mut forged = built.trace.clone();
            let mut cells = row(&forged, i);
            cells[col] = fadd(cells[col], 1 + rng.below(TWO16 as u64) as u32);
            set_row(&mut forged, i, &cells);
            let got = diagnose_row(&TABLE, &built.trace, &forged, i);
            assert!(matches!(got, Catch::Constraint(_)), "row {i}: {got:?}");
        }
    }
}
