//! The ALU and LOGIC tables of the RV32IM machine v2 (air/rv32im/alu.rs,
//! logic.rs) and their builders: honest rows from the executor's own steps
//! (every op, every immediate form, edge and random values) satisfy every
//! constraint and put on the bus exactly the EXEC receives of the requests
//! and the lookups the Builder counted; forged rows, each claiming a wrong
//! result with the other cells made as consistent as possible, are caught,
//! and the test names what catches each.

mod common;
mod rv32im2_common;

use common::TestRng;
use p3_matrix::dense::RowMajorMatrix;
use rv32im2_common::table::*;
use zkvm_executor::testing::asm;
use zkvm_executor::testing::elf_writer::TEXT_BASE;
use zkvm_executor::StepRecord;
use zkvm_prover::rv32im2::alu::AluTable;
use zkvm_prover::rv32im2::builder::Builder;
use zkvm_prover::rv32im2::logic::LogicTable;
use zkvm_prover::rv32im2::Request;
use zkvm_prover::tables;
use zkvm_prover::types::F;
use zkvm_verifier::air::rv32im::{alu, bus, logic, statement};
use zkvm_verifier::air::TableId;
use zkvm_verifier::receipt::program as prog;

const PUBLIC: [u32; statement::NUM_PUBLIC_VALUES] = [0; statement::NUM_PUBLIC_VALUES];

const EDGES: [u32; 12] = [
    0,
    1,
    2,
    0x7fff,
    0x8000,
    0xffff,
    0x1_0000,
    0x7fff_ffff,
    0x8000_0000,
    0x8000_0001,
    0xffff_fffe,
    0xffff_ffff,
];

const IMMS: [i32; 8] = [0, 1, -1, 2, 2047, -2048, 0x555, -0x2aa];

fn alu_cases() -> Vec<Case> {
    let mut rng = TestRng(0xa1u64 << 32 | 0x0001);
    let mut values: Vec<u32> = EDGES.to_vec();
    for _ in 0..6 {
        values.push(rng.next_u64() as u32);
    }
    let r_ops: [fn(u32, u32, u32) -> u32; 4] = [asm::add, asm::sub, asm::slt, asm::sltu];
    let branches: [fn(u32, u32, i32) -> u32; 6] =
        [asm::beq, asm::bne, asm::blt, asm::bge, asm::bltu, asm::bgeu];
    let i_ops: [fn(u32, u32, i32) -> u32; 3] = [asm::addi, asm::slti, asm::sltiu];
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
            for br in branches {
                cases.push(Case {
                    word: br(1, 2, 8),
                    a,
                    b,
                });
            }
        }
        // x0 as rd: the result is computed all the same.
        cases.push(Case {
            word: asm::add(0, 1, 2),
            a,
            b: a ^ 0x1234_5678,
        });
        for &imm in &IMMS {
            for op in i_ops {
                cases.push(Case {
                    word: op(3, 1, imm),
                    a,
                    b: rng.next_u64() as u32,
                });
            }
        }
    }
    // Equal operands for the branches and comparisons.
    for &a in &values {
        for br in branches {
            cases.push(Case {
                word: br(1, 2, -16),
                a,
                b: a,
            });
        }
        cases.push(Case {
            word: asm::slt(3, 1, 2),
            a,
            b: a,
        });
    }
    // JALR: targets 0, 4, TEXT_BASE, 2^30 - 4 with bit 0 set or not, the sum
    // wrapping around 2^32 for some.
    for &imm in &IMMS {
        for target in [0u32, 4, TEXT_BASE, (1 << 30) - 4] {
            for bit in [0u32, 1] {
                let a = (target + bit).wrapping_sub(imm as u32);
                cases.push(Case {
                    word: asm::jalr(3, 1, imm),
                    a,
                    b: rng.next_u64() as u32,
                });
                cases.push(Case {
                    word: asm::jalr(0, 1, imm),
                    a,
                    b: 0,
                });
            }
        }
    }
    cases
}

fn logic_cases() -> Vec<Case> {
    let mut rng = TestRng(0x1061_c000);
    let mut values: Vec<u32> = EDGES.to_vec();
    values.extend([0x0f0f_0f0f, 0xf0f0_f0f0, 0x5555_5555, 0xaaaa_aaaa]);
    for _ in 0..6 {
        values.push(rng.next_u64() as u32);
    }
    let r_ops: [fn(u32, u32, u32) -> u32; 3] = [asm::xor, asm::or, asm::and];
    let i_ops: [fn(u32, u32, i32) -> u32; 3] = [asm::xori, asm::ori, asm::andi];
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
        for &imm in &IMMS {
            for op in i_ops {
                cases.push(Case {
                    word: op(3, 1, imm),
                    a,
                    b: rng.next_u64() as u32,
                });
            }
        }
    }
    cases
}

/// The table and Builder of a run, and the c of each request.
struct Built {
    run: Run,
    trace: RowMajorMatrix<F>,
    results: Vec<u32>,
    range16: Vec<u32>,
    fixed: Vec<u32>,
}

fn build_alu(cases: &[Case]) -> Built {
    let run = run_cases(cases);
    let mut b = Builder::new(&run.program);
    let mut table = AluTable::new();
    let mut results = Vec::new();
    for (req, rec) in &run.steps {
        results.push(table.push(&mut b, req, rec).unwrap());
    }
    let (range16, fixed) = (b.range16.clone(), b.fixed.clone());
    Built {
        trace: table.finish(),
        run,
        results,
        range16,
        fixed,
    }
}

fn build_logic(cases: &[Case]) -> Built {
    let run = run_cases(cases);
    let mut b = Builder::new(&run.program);
    let mut table = LogicTable::new();
    let mut results = Vec::new();
    for (req, rec) in &run.steps {
        results.push(table.push(&mut b, req, rec).unwrap());
    }
    let (range16, fixed) = (b.range16.clone(), b.fixed.clone());
    Built {
        trace: table.finish(),
        run,
        results,
        range16,
        fixed,
    }
}

fn exec_message(req: &Request, c: u32, next_pc: u32) -> Vec<u32> {
    vec![
        bus::TAG_EXEC,
        req.op,
        req.clk,
        req.a & 0xffff,
        req.a >> 16,
        req.b & 0xffff,
        req.b >> 16,
        c & 0xffff,
        c >> 16,
        req.imm & 0xffff,
        req.imm >> 16,
        next_pc,
    ]
}

/// The bus side: EXEC received once per request with its c, and the
/// Builder's lookups sent.
fn check_bus(table: &TableId, built: &Built) {
    let mut expected = Multiset::new();
    for ((req, _), &c) in built.run.steps.iter().zip(&built.results) {
        insert(
            &mut expected,
            exec_message(req, c, req.next_pc),
            field_neg(1),
        );
    }
    let mut b = Builder::new(&built.run.program);
    b.range16.clone_from(&built.range16);
    b.fixed.clone_from(&built.fixed);
    recorded_lookup_sends(&b, &mut expected);
    assert_eq!(table_bus(table, &built.trace), clean(expected), "{table:?}");
}

fn field_neg(v: u32) -> u32 {
    zkvm_verifier::field::neg(v)
}

#[test]
fn op_numbers_are_the_programs() {
    assert_eq!(
        alu::OPS,
        [
            prog::OP_ADD,
            prog::OP_SUB,
            prog::OP_SLT,
            prog::OP_SLTU,
            prog::OP_BEQ,
            prog::OP_BNE,
            prog::OP_BLT,
            prog::OP_BGE,
            prog::OP_BLTU,
            prog::OP_BGEU,
            prog::OP_JALR,
        ]
    );
    assert_eq!(logic::OPS, [prog::OP_XOR, prog::OP_OR, prog::OP_AND]);
    for op in 0..2 * bus::IMM_OP_OFFSET {
        let base = op % bus::IMM_OP_OFFSET;
        let imm = op >= bus::IMM_OP_OFFSET;
        let alu_op = alu::OPS.contains(&base)
            && (!imm || [prog::OP_ADD, prog::OP_SLT, prog::OP_SLTU].contains(&base));
        assert_eq!(AluTable::handles(op), alu_op, "op {op}");
        assert_eq!(
            LogicTable::handles(op),
            logic::OPS.contains(&base),
            "op {op}"
        );
    }
}

#[test]
fn honest_alu_rows_satisfy_the_table_and_the_bus() {
    let cases = alu_cases();
    let built = build_alu(&cases);
    assert_eq!(built.run.steps.len(), cases.len());
    let fns = tables::scalar_fns(&TableId::Rv32Alu).unwrap();
    assert_eq!(tables::first_violation(&fns, &built.trace, &PUBLIC), None);
    // c is the executor's result (rd), taken-ness, or pc + 4 for JALR.
    for ((req, rec), &c) in built.run.steps.iter().zip(&built.results) {
        if rec.rd != 0 {
            assert_eq!(c, rec.rd_value);
        }
        if (prog::OP_BEQ..=prog::OP_BGEU).contains(&req.op) {
            assert_eq!(c, (rec.next_pc != req.pc + 4) as u32);
        }
    }
    check_bus(&TableId::Rv32Alu, &built);
}

#[test]
fn honest_logic_rows_satisfy_the_table_and_the_bus() {
    let cases = logic_cases();
    let built = build_logic(&cases);
    let fns = tables::scalar_fns(&TableId::Rv32Logic).unwrap();
    assert_eq!(tables::first_violation(&fns, &built.trace, &PUBLIC), None);
    for ((_, rec), &c) in built.run.steps.iter().zip(&built.results) {
        assert_eq!(c, rec.rd_value);
    }
    // Eight AND4 lookups per row, nothing else.
    let and4: u32 = built.fixed.iter().sum();
    assert_eq!(and4 as usize, 8 * cases.len());
    assert!(built.range16.iter().all(|&c| c == 0));
    check_bus(&TableId::Rv32Logic, &built);
}

#[test]
fn padding_rows_are_silent() {
    for table in [TableId::Rv32Alu, TableId::Rv32Logic] {
        let fns = tables::scalar_fns(&table).unwrap();
        let zero = vec![0u32; fns.width];
        assert!(row_messages(&fns, &zero).iter().all(|(m, _)| *m == 0));
        let trace = RowMajorMatrix::new(vec![F::default(); fns.width * 64], fns.width);
        assert_eq!(tables::first_violation(&fns, &trace, &PUBLIC), None);
    }
}

#[test]
fn jalr_beyond_two_to_the_thirty_has_no_row() {
    // The executor jumps (the fetch there would fail); the ALU refuses.
    let cases = [Case {
        word: asm::jalr(3, 1, 0),
        a: 1 << 30,
        b: 0,
    }];
    let run = run_cases(&cases);
    let mut b = Builder::new(&run.program);
    let mut table = AluTable::new();
    let (req, rec) = &run.steps[0];
    assert!(table.push(&mut b, req, rec).is_err());
}

#[test]
fn a_request_the_executor_disagrees_with_is_refused() {
    let cases = [Case {
        word: asm::add(3, 1, 2),
        a: 5,
        b: 7,
    }];
    let run = run_cases(&cases);
    let mut b = Builder::new(&run.program);
    let (req, rec) = &run.steps[0];
    let mut wrong = *req;
    wrong.b = 8;
    assert!(AluTable::new().push(&mut b, &wrong, rec).is_err());
    let mut logic_req = *req;
    logic_req.op = prog::OP_XOR;
    assert!(LogicTable::new().push(&mut b, &logic_req, rec).is_err());
    assert!(AluTable::new().push(&mut b, &logic_req, rec).is_err());
}

// ------------------------------------------------------------ forgeries

/// EXEC message fields a forgery may change (the claimed result): c_lo,
/// c_hi, next_pc.
const RESULT_FIELDS: [usize; 3] = [7, 8, 11];

struct Forgery {
    name: &'static str,
    /// Picks the honest row to forge (by its request and step).
    pick: fn(&Request, &StepRecord) -> bool,
    /// Edits the row's cells (canonical field values).
    edit: fn(&mut [u32]),
    expect: Catch,
}

fn base_op(req: &Request) -> u32 {
    req.op % bus::IMM_OP_OFFSET
}

fn is(req: &Request, op: u32) -> bool {
    req.op == op
}

fn check_forgeries(table: TableId, built: &Built, forgeries: &[Forgery]) {
    let mut failures = Vec::new();
    for f in forgeries {
        let i = built
            .run
            .steps
            .iter()
            .position(|(req, rec)| (f.pick)(req, rec))
            .unwrap_or_else(|| panic!("{}: no row to forge", f.name));
        let mut forged = built.trace.clone();
        let mut cells = row(&forged, i);
        (f.edit)(&mut cells);
        set_row(&mut forged, i, &cells);
        let got = diagnose(
            &table,
            &built.trace,
            &forged,
            i,
            &PUBLIC,
            &[0],
            &RESULT_FIELDS,
        );
        if got != f.expect {
            failures.push(format!(
                "{}: expected {:?}, got {:?}",
                f.name, f.expect, got
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

const TWO16: u32 = 1 << 16;

fn alu_forgeries() -> Vec<Forgery> {
    use alu::*;
    vec![
        Forgery {
            name: "ADD c_lo + 1 (limb and c)",
            pick: |r, _| is(r, prog::OP_ADD) && (r.a.wrapping_add(r.b) & 0xffff) < 0xffff,
            edit: |c| {
                c[L] += 1;
                c[C_LO] += 1;
            },
            expect: Catch::Constraint(18),
        },
        Forgery {
            name: "ADD c_lo + 1 with the carry made to fit",
            pick: |r, _| is(r, prog::OP_ADD) && (r.a.wrapping_add(r.b) & 0xffff) < 0xffff,
            edit: |c| {
                c[L] += 1;
                c[C_LO] += 1;
                c[K1] = fsub(c[K1], finv(TWO16));
            },
            expect: Catch::Constraint(12),
        },
        Forgery {
            name: "ADD carry kept in the low limb (non-canonical c)",
            pick: |r, _| is(r, prog::OP_ADD) && (r.a & 0xffff) + (r.b & 0xffff) >= TWO16,
            edit: |c| {
                c[K1] = 0;
                c[L] += TWO16;
                c[C_LO] = c[L];
                c[H] = fsub(c[H], 1);
                c[C_HI] = c[H];
            },
            expect: Catch::Range(1),
        },
        Forgery {
            name: "SUB borrow hidden in the high limb",
            pick: |r, _| is(r, prog::OP_SUB) && r.a < r.b && r.a != 0,
            edit: |c| {
                c[K2] = 0;
                c[H] = fsub(c[H], TWO16);
                c[C_HI] = c[H];
            },
            expect: Catch::Range(2),
        },
        Forgery {
            name: "SLTU flipped (c only)",
            pick: |r, _| is(r, prog::OP_SLTU),
            edit: |c| c[C_LO] = 1 - c[C_LO],
            expect: Catch::Constraint(21),
        },
        Forgery {
            name: "SLTU flipped with the borrow and the high limb recomputed",
            pick: |r, _| is(r, prog::OP_SLTU) && r.a < r.b,
            edit: |c| {
                c[C_LO] = 0;
                c[K2] = 0;
                c[H] = fsub(c[H], TWO16);
            },
            expect: Catch::Range(2),
        },
        Forgery {
            name: "SLT flipped by lying about a's sign",
            pick: |r, _| is(r, prog::OP_SLT) && r.a >> 31 == 1 && r.b >> 31 == 0,
            edit: |c| {
                // Honest: k2 = 0, sa = 1, sy = 0, c = 1.
                c[SA] = 0;
                c[C_LO] = 0;
            },
            expect: Catch::Range(3),
        },
        Forgery {
            name: "SLT flipped by lying about y's sign",
            pick: |r, _| is(r, prog::OP_SLT) && r.a >> 31 == 0 && r.b >> 31 == 0 && r.a < r.b,
            edit: |c| {
                c[SY] = 1;
                c[C_LO] = 0;
            },
            expect: Catch::Range(4),
        },
        Forgery {
            name: "SLTI flipped by lying about imm's sign",
            pick: |r, _| is(r, prog::OP_SLT + 64) && r.a >> 31 == 0 && r.imm >> 31 == 1,
            edit: |c| {
                c[SY] = 0;
                c[C_LO] = 1;
            },
            expect: Catch::Range(5),
        },
        Forgery {
            name: "SLT with c_hi = 1",
            pick: |r, _| is(r, prog::OP_SLT),
            edit: |c| c[C_HI] = 1,
            expect: Catch::Constraint(22),
        },
        Forgery {
            name: "BEQ taken on different operands",
            pick: |r, _| is(r, prog::OP_BEQ) && r.a != r.b,
            edit: |c| c[C_LO] = 1,
            expect: Catch::Constraint(23),
        },
        Forgery {
            name: "BEQ not taken on equal operands",
            pick: |r, _| is(r, prog::OP_BEQ) && r.a == r.b,
            edit: |c| {
                c[C_LO] = 0;
                c[INV] = 12345;
            },
            expect: Catch::Constraint(24),
        },
        Forgery {
            name: "BNE taken on equal operands",
            pick: |r, _| is(r, prog::OP_BNE) && r.a == r.b,
            edit: |c| c[C_LO] = 1,
            expect: Catch::Constraint(24),
        },
        Forgery {
            name: "BNE not taken on different operands",
            pick: |r, _| is(r, prog::OP_BNE) && r.a != r.b,
            edit: |c| c[C_LO] = 0,
            expect: Catch::Constraint(23),
        },
        Forgery {
            name: "BLTU flipped with the borrow recomputed",
            pick: |r, _| is(r, prog::OP_BLTU) && r.a > r.b,
            edit: |c| {
                c[C_LO] = 1;
                c[K2] = 1;
                c[H] = fadd(c[H], TWO16);
            },
            expect: Catch::Range(2),
        },
        Forgery {
            name: "BGEU flipped (c only)",
            pick: |r, _| is(r, prog::OP_BGEU),
            edit: |c| c[C_LO] = 1 - c[C_LO],
            expect: Catch::Constraint(21),
        },
        Forgery {
            name: "BLT flipped by a sign lie",
            pick: |r, _| is(r, prog::OP_BLT) && r.a >> 31 == 1 && r.b >> 31 == 0,
            edit: |c| {
                c[SA] = 0;
                c[C_LO] = 0;
            },
            expect: Catch::Range(3),
        },
        Forgery {
            name: "BGE flipped by a sign lie",
            pick: |r, _| is(r, prog::OP_BGE) && r.a >> 31 == 0 && r.b >> 31 == 1,
            edit: |c| {
                c[SY] = 0;
                c[C_LO] = 0;
            },
            expect: Catch::Range(4),
        },
        Forgery {
            name: "JALR keeps bit 0",
            pick: |r, _| is(r, prog::OP_JALR) && r.a.wrapping_add(r.imm) & 1 == 1,
            edit: |c| {
                c[SA] = 0;
                c[L] = fmul(fadd(fmul(c[L], 2), 1), finv(2));
                c[NEXT_PC] += 1;
            },
            expect: Catch::Range(1),
        },
        Forgery {
            name: "JALR next_pc + 2^16",
            pick: |r, _| is(r, prog::OP_JALR),
            edit: |c| c[NEXT_PC] += TWO16,
            expect: Catch::Constraint(20),
        },
        Forgery {
            name: "JALR next_pc - 2^32 (carry out dropped)",
            pick: |r, _| is(r, prog::OP_JALR) && (r.a as u64 + r.imm as u64) >> 32 == 1,
            edit: |c| {
                c[K2] = 0;
                c[H] = fadd(c[H], 4 * TWO16);
                c[NEXT_PC] = fadd(c[NEXT_PC], fmul(TWO16, TWO16));
            },
            expect: Catch::Range(2),
        },
        Forgery {
            name: "JALR to an address at or above 2^30 (the field would wrap at p)",
            pick: |r, _| is(r, prog::OP_JALR) && r.a.wrapping_add(r.imm) >> 16 == (1 << 14) - 1,
            edit: |c| {
                // a_hi + 2^14: the sum's high limb becomes 2^15 - 1.
                c[A_HI] += 1 << 14;
                c[H] += 4 << 14;
                c[NEXT_PC] = fadd(c[NEXT_PC], 1 << 30);
            },
            expect: Catch::Range(2),
        },
        Forgery {
            name: "ADD row also flagged SUB",
            pick: |r, _| is(r, prog::OP_ADD),
            edit: |c| c[F_SUB] = 1,
            expect: Catch::Constraint(16),
        },
        Forgery {
            name: "ADD flag 2",
            pick: |r, _| is(r, prog::OP_ADD),
            edit: |c| c[F_ADD] = 2,
            expect: Catch::Constraint(0),
        },
        Forgery {
            name: "SUB as an immediate form",
            pick: |r, _| is(r, prog::OP_SUB),
            edit: |c| c[USE_IMM] = 1,
            expect: Catch::Constraint(17),
        },
        Forgery {
            name: "ADDI computed from b (as ADD)",
            pick: |r, s| is(r, prog::OP_ADD + 64) && s.rs2_value == 0 && r.imm != 0,
            edit: |c| {
                // y = b = 0: the sum is a; op field becomes 18.
                c[USE_IMM] = 0;
                c[L] = c[A_LO];
                c[H] = c[A_HI];
                c[C_LO] = c[A_LO];
                c[C_HI] = c[A_HI];
                c[K1] = 0;
                c[K2] = 0;
            },
            expect: Catch::Message(0, 1),
        },
        Forgery {
            name: "BEQ row claiming to be BNE's op",
            pick: |r, _| is(r, prog::OP_BEQ) && r.a != r.b,
            edit: |c| {
                c[F_BEQ] = 0;
                c[F_BNE] = 1;
                c[C_LO] = 1;
            },
            expect: Catch::Message(0, 1),
        },
    ]
}

#[test]
fn forged_alu_rows_are_caught() {
    let built = build_alu(&alu_cases());
    // Every op appears among the forgeries' rows.
    let forgeries = alu_forgeries();
    let ops: Vec<u32> = built.run.steps.iter().map(|(r, _)| base_op(r)).collect();
    for op in alu::OPS {
        assert!(ops.contains(&op));
    }
    check_forgeries(TableId::Rv32Alu, &built, &forgeries);
}

fn logic_forgeries() -> Vec<Forgery> {
    use logic::*;
    vec![
        Forgery {
            name: "XOR c_lo ^ 1",
            pick: |r, _| is(r, prog::OP_XOR),
            edit: |c| c[C_LO] ^= 1,
            expect: Catch::Constraint(8),
        },
        Forgery {
            name: "AND c_hi + 1",
            pick: |r, _| is(r, prog::OP_AND) && (r.a & r.b) >> 16 < 0xffff,
            edit: |c| c[C_HI] += 1,
            expect: Catch::Constraint(9),
        },
        Forgery {
            name: "AND with a wrong nibble AND (c recomputed)",
            pick: |r, _| is(r, prog::OP_AND) && (r.a & r.b) & 0xf == 0,
            edit: |c| {
                c[N0] = 1;
                c[C_LO] += 1;
            },
            expect: Catch::And4(1),
        },
        Forgery {
            name: "OR with a nibble of 16 (limb of a unchanged)",
            pick: |r, _| is(r, prog::OP_OR) && r.a & 0xf0 != 0,
            edit: |c| {
                // a_0 + 16, a_1 - 1: the same limb; n_0 kept; c recomputed.
                c[A0] += 16;
                c[A0 + 1] -= 1;
                let mut lo = 0;
                for i in (0..4).rev() {
                    lo = lo * 16 + c[A0 + i] + c[Y0 + i] - c[N0 + i];
                }
                c[C_LO] = lo;
            },
            expect: Catch::And4(1),
        },
        Forgery {
            name: "OR computed as XOR",
            pick: |r, _| is(r, prog::OP_OR) && r.a & r.b & 0xffff != 0,
            edit: |c| {
                let mut limbs = [0u32; 2];
                for (k, limb) in limbs.iter_mut().enumerate() {
                    for i in (0..4).rev() {
                        let j = 4 * k + i;
                        *limb = *limb * 16 + (c[A0 + j] ^ c[Y0 + j]);
                    }
                }
                c[C_LO] = limbs[0];
                c[C_HI] = limbs[1];
            },
            expect: Catch::Constraint(8),
        },
        Forgery {
            name: "XOR on another y (nibbles, ANDs and c recomputed)",
            pick: |r, _| is(r, prog::OP_XOR) && r.b & 0xf != 0xf,
            edit: |c| {
                c[Y0] += 1;
                c[N0] = c[A0] & c[Y0];
                let mut lo = 0;
                for i in (0..4).rev() {
                    lo = lo * 16 + (c[A0 + i] ^ c[Y0 + i]);
                }
                c[C_LO] = lo;
            },
            expect: Catch::Constraint(6),
        },
        Forgery {
            name: "XORI computed from b (as XOR)",
            pick: |r, s| is(r, prog::OP_XOR + 64) && s.rs2_value == 0 && r.imm != 0,
            edit: |c| {
                // y = b = 0: c = a, op field 23.
                c[USE_IMM] = 0;
                let mut limbs = [0u32; 2];
                for j in 0..8 {
                    c[Y0 + j] = 0;
                    c[N0 + j] = 0;
                    limbs[j / 4] += c[A0 + j] << (4 * (j % 4));
                }
                c[C_LO] = limbs[0];
                c[C_HI] = limbs[1];
            },
            expect: Catch::Message(0, 1),
        },
        Forgery {
            name: "XOR and OR flags together",
            pick: |r, _| is(r, prog::OP_XOR),
            edit: |c| c[F_OR] = 1,
            expect: Catch::Constraint(4),
        },
        Forgery {
            name: "immediate flag on a padding-like row",
            pick: |r, _| is(r, prog::OP_AND),
            edit: |c| {
                c[F_AND] = 0;
                c[USE_IMM] = 1;
            },
            expect: Catch::Constraint(5),
        },
    ]
}

#[test]
fn forged_logic_rows_are_caught() {
    let built = build_logic(&logic_cases());
    check_forgeries(TableId::Rv32Logic, &built, &logic_forgeries());
}
