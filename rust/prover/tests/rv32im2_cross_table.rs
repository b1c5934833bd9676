//! Forged witnesses of the whole version-2 machine: lies of the CPU table
//! (constants, links, jumps, the first row) and of the statement, and lies
//! between tables (a coprocessor row that no CPU row asked for, a CPU
//! request that no coprocessor row answers, multiplicities beyond one, a
//! table taller than the machine allows).
//!
//! Each forgery starts from the honest traces of a small program, changes
//! what the lie needs, then re-counts the RANGE and FIXED multiplicities
//! (`machine::reseal`, as a cheating prover would) and asserts the exact
//! diagnosis of the full check: which tables violate a constraint and which
//! bus tags do not balance. One forgery of each group is also proved with
//! the prover's own checks off, and the verifier rejects the proof.
//!
//! Why multiplicities cannot wrap modulo p: outside RANGE and FIXED every
//! multiplicity is -1, 0 or 1 (a product of boolean columns or a sum of
//! one-hot flags; rv32im2_coverage.rs checks it on every honest row, and
//! `a_single_cell_cannot_make_a_multiplicity_beyond_one` shows that no cell
//! change reaches another value without violating a constraint), every
//! table has at most 2^MAX_LOG_HEIGHT rows, and the verifier's own messages
//! are distinct. So the count of any message on the bus is an integer of
//! absolute value at most the total number of fractions plus one, which is
//! below p (`every_count_on_the_bus_stays_below_p`): it is 0 modulo p only
//! if it is 0. RANGE and FIXED receive with free multiplicities, but only
//! true facts (U16(v) for v < 2^16, the rows of the fixed table): p copies
//! of a lie would need p rows, and the CPU table, whose height bounds the
//! clock, is checked against its maximum (`a_table_taller_than_allowed_is_refused`).

mod rv32im2_common;

use p3_matrix::Matrix;
use rv32im2_common::asm::{elf, Asm};
use rv32im2_common::machine::{
    self, assert_clean, assert_proof_rejected, diagnose, first_padding_row, get, index, reseal,
    row, set, set_row, Claim, Diagnosis, Run,
};
use rv32im2_common::{fns, row_messages, violations};
use zkvm_executor::testing::asm::{self, reg};
use zkvm_prover::types::from_u32;
use zkvm_verifier::air::rv32im::{alu, bus, cpu, range, statement};
use zkvm_verifier::air::{table_shape, tables, TableId};
use zkvm_verifier::field::P;
use zkvm_verifier::protocol::proof::{decode_proof, encode_proof};
use zkvm_verifier::{Statement, VerifyError};

/// The program: every forged instruction's rd is overwritten by the next
/// instruction without being read (`lui rd, 0`), so a forged result only
/// needs that row's previous value patched to keep the register's chain.
struct Pcs {
    add: u32,
    lui: u32,
    auipc: u32,
    jal: u32,
    mul: u32,
}

fn program() -> (Vec<u8>, Pcs) {
    let mut a = Asm::new();
    a.emit(asm::addi(reg::T0, 0, 5));
    a.emit(asm::addi(reg::T1, 0, 7));
    let add = a.emit(asm::add(reg::T2, reg::T0, reg::T1));
    a.emit(asm::lui(reg::T2, 0));
    let lui = a.emit(asm::lui(reg::A3, 0x12345));
    a.emit(asm::lui(reg::A3, 0));
    let auipc = a.emit(asm::auipc(reg::A4, 1));
    a.emit(asm::lui(reg::A4, 0));
    let jal = a.emit(asm::jal(reg::A5, 8));
    a.emit(asm::addi(reg::A5, 0, 1)); // jumped over
    a.emit(asm::lui(reg::A5, 0));
    let mul = a.emit(asm::mul(reg::A6, reg::T0, reg::T1));
    a.emit(asm::lui(reg::A6, 0));
    a.syscall(64, 1, zkvm_executor::testing::elf_writer::DATA_BASE, 4);
    a.exit(12);
    let pcs = Pcs {
        add,
        lui,
        auipc,
        jal,
        mul,
    };
    (elf(&a.finish(), b"data", 64), pcs)
}

fn honest() -> (Run, Pcs) {
    let (e, pcs) = program();
    let h = machine::run(&e, b"");
    assert_clean("honest", &h.vk, &h.claim());
    (h, pcs)
}

/// The CPU row of the instruction at `pc` (its first execution).
fn cpu_row(h: &Run, pc: u32) -> usize {
    let t = index(&h.vk, TableId::Rv32Cpu);
    let c = h.claim();
    (0..h.w.cycles as usize)
        .find(|&r| get(&c, t, r, cpu::PC) == pc)
        .expect("a CPU row at pc")
}

/// The row of `table` whose CLK column is `clk` (`clk_col`).
fn row_with_clk(
    c: &Claim,
    t: usize,
    clk_col: usize,
    clk: u32,
    real: impl Fn(&[u32]) -> bool,
) -> usize {
    let h = c.traces[t].height();
    (0..h)
        .find(|&r| {
            let v = row(c, t, r);
            v[clk_col] == clk && real(&v)
        })
        .expect("a coprocessor row for the clock")
}

fn word(c: &Claim, t: usize, r: usize, lo: usize) -> u32 {
    get(c, t, r, lo) | (get(c, t, r, lo + 1) << 16)
}

fn set_word(c: &mut Claim, t: usize, r: usize, lo: usize, v: u32) {
    set(c, t, r, lo, v & 0xFFFF);
    set(c, t, r, lo + 1, v >> 16);
}

/// CPU row r writes `v` to its rd; the next row, which overwrites the same
/// register, receives v as its previous value.
fn forge_rd(c: &mut Claim, t: usize, r: usize, v: u32) {
    assert_eq!(get(c, t, r + 1, cpu::RD), get(c, t, r, cpu::RD));
    assert_eq!(get(c, t, r + 1, cpu::F_WR), 1);
    set_word(c, t, r, cpu::C_LO, v);
    set_word(c, t, r + 1, cpu::P_LO, v);
}

/// Re-counts the lookups, then checks the diagnosis: the tables with a
/// violated constraint and the unbalanced tags, exactly.
fn expect(name: &str, h: &Run, c: &mut Claim, tables_failing: &[&str], tags: &[&str]) -> Diagnosis {
    reseal(&h.vk, c);
    let d = diagnose(&h.vk, c);
    println!("{name}: {d:?}");
    assert!(!d.statement_refused, "{name}: the statement is refused");
    let mut got: Vec<&str> = d.tables();
    got.dedup();
    assert_eq!(got, tables_failing, "{name}: constraint failures");
    assert_eq!(d.tags, tags, "{name}: unbalanced tags");
    d
}

// ============================================================ the CPU table

#[test]
fn cpu_forgeries() {
    let (h, pcs) = honest();
    let t = index(&h.vk, TableId::Rv32Cpu);

    // LUI of another constant (k and c both changed): the PROG lookup fails.
    let mut c = h.claim();
    let r = cpu_row(&h, pcs.lui);
    let k = get(&c, t, r, cpu::K_LO) ^ 0x10;
    set(&mut c, t, r, cpu::K_LO, k);
    let v = word(&c, t, r, cpu::C_LO) ^ 0x10;
    forge_rd(&mut c, t, r, v);
    expect("LUI other constant", &h, &mut c, &[], &["PROG"]);
    assert_proof_rejected("LUI other constant", &h.vk, &c);

    // AUIPC off by a page (c without k): rd = k on f_k rows.
    let mut c = h.claim();
    let r = cpu_row(&h, pcs.auipc);
    let v = word(&c, t, r, cpu::C_LO).wrapping_add(0x1000);
    forge_rd(&mut c, t, r, v);
    let d = expect("AUIPC + 0x1000", &h, &mut c, &["Rv32Cpu"], &[]);
    assert_eq!(d.constraints[0].2, 23, "f_k (c_lo - k_lo)");

    // JAL writing another link.
    let mut c = h.claim();
    let r = cpu_row(&h, pcs.jal);
    let v = word(&c, t, r, cpu::C_LO) + 4;
    forge_rd(&mut c, t, r, v);
    let d = expect("JAL link + 4", &h, &mut c, &["Rv32Cpu"], &[]);
    assert_eq!(d.constraints[0].2, 23, "f_k (c_lo - k_lo)");

    // JAL landing on the instruction it jumps over: next pc is not the
    // target, and the next row's pc is not next pc (the rows after it are
    // the honest path).
    let mut c = h.claim();
    let r = cpu_row(&h, pcs.jal);
    set(&mut c, t, r, cpu::NEXT_PC, pcs.jal + 4);
    let d = expect(
        "JAL to the skipped instruction",
        &h,
        &mut c,
        &["Rv32Cpu"],
        &[],
    );
    // The next row's pc is not next_pc (first), next_pc is not the target.
    assert_eq!(d.constraints[0].2, 19, "pc' = next_pc");
    let mut row_alone = row(&c, t, r);
    row_alone[cpu::IS_REAL] = 1;
    assert_eq!(
        violations(&fns(TableId::Rv32Cpu), &row_alone),
        vec![22],
        "next pc = target"
    );

    // The run claimed to start elsewhere (entry + 4).
    let mut c = h.claim();
    c.public_values[statement::PV_ENTRY] += 4;
    let d = expect("entry + 4", &h, &mut c, &["Rv32Cpu"], &[]);
    assert_eq!(
        (d.constraints[0].1, d.constraints[0].2),
        (0, 15),
        "first row: pc = entry"
    );

    // A register read whose previous access is claimed at its own
    // timestamp: the gap ts - prev - 1 = -1 is p - 1 = 0x7800 * 2^16 in
    // the field, and U16(8 * 0x7800) is no range row; no write sent that
    // access.
    let mut c = h.claim();
    let r = cpu_row(&h, pcs.add);
    let ts = 4 * r as u32 + 1;
    set(&mut c, t, r, cpu::T1, ts);
    set(&mut c, t, r, cpu::G1_LO, (P - 1) & 0xFFFF);
    set(&mut c, t, r, cpu::G1_HI, (P - 1) >> 16);
    expect(
        "rs1 read at its own timestamp",
        &h,
        &mut c,
        &[],
        &["MEM", "U16"],
    );

    // x0 read as 5 by `addi t0, x0, 5` (row 0): x0's chain carries 0 from
    // its initial value (MEM), and the ALU answered the request with a = 0
    // (EXEC).
    let mut c = h.claim();
    assert_eq!(get(&c, t, 0, cpu::RS1), 0);
    set(&mut c, t, 0, cpu::A_LO, 5);
    expect("x0 reads as 5", &h, &mut c, &[], &["MEM", "EXEC"]);

    // An instruction row after padding: the last row made real again.
    let mut c = h.claim();
    let last = c.traces[t].height() - 1;
    let copy = row(&c, t, 2);
    set_row(&mut c, t, last, &copy);
    set(&mut c, t, last, cpu::CLK, last as u32);
    // Its PROG lookup is re-counted; its register accesses and its EXEC
    // request have no partner.
    let d = expect(
        "a real row after padding",
        &h,
        &mut c,
        &["Rv32Cpu"],
        &["MEM", "EXEC"],
    );
    assert_eq!(d.constraints[0].2, 18, "no real row after padding");
}

/// The statement: each public value and the I/O bytes.
#[test]
fn statement_forgeries() {
    let (h, _) = honest();
    // The exit code and the cycle count are what the halt row sends (EXIT);
    // the cycle count also closes the I/O cursors (MEM at ts 4 cycles).
    for (name, at, tags) in [
        ("exit code low limb", statement::PV_EXIT_LO, &["EXIT"][..]),
        ("exit code high limb", statement::PV_EXIT_HI, &["EXIT"][..]),
        ("cycles + 1", statement::PV_CYCLES, &["MEM", "EXIT"][..]),
    ] {
        let mut c = h.claim();
        c.public_values[at] += 1;
        expect(name, &h, &mut c, &[], tags);
    }
    // Another output byte: the OUTPUT message the verifier receives differs.
    let mut c = h.claim();
    c.output[1] ^= 1;
    expect("output byte", &h, &mut c, &[], &["OUTPUT"]);
    let mut c = h.claim();
    c.output[1] ^= 1;
    assert_proof_rejected("output byte", &h.vk, &c);
    // One output byte less (length and bytes): the output cursor closes at
    // another value, and the last byte is not received.
    let mut c = h.claim();
    c.output.pop();
    c.public_values[statement::PV_OUTPUT_LEN] -= 1;
    expect("output shortened", &h, &mut c, &[], &["MEM", "OUTPUT"]);
}

// ============================================================ between tables

/// A coprocessor row that no CPU row asked for: an honest ADD row copied
/// into the ALU's padding (same clock, or a clock past the run).
#[test]
fn a_coprocessor_row_no_cpu_row_asked_for() {
    let (h, pcs) = honest();
    let t = index(&h.vk, TableId::Rv32Alu);
    let clk = cpu_row(&h, pcs.add) as u32;
    let base = h.claim();
    let r = row_with_clk(&base, t, alu::CLK, clk, |v| v[alu::F_ADD] == 1);
    let honest_row = row(&base, t, r);

    let mut c = h.claim();
    let pad = first_padding_row(&c, t);
    set_row(&mut c, t, pad, &honest_row);
    expect("ADD answered twice", &h, &mut c, &[], &["EXEC"]);
    let e = assert_proof_rejected("ADD answered twice", &h.vk, &c);
    assert_eq!(e, "LookupSumMismatch");

    let mut c = h.claim();
    set_row(&mut c, t, pad, &honest_row);
    set(&mut c, t, pad, alu::CLK, h.w.cycles as u32 + 3);
    expect(
        "ADD row for a clock past the run",
        &h,
        &mut c,
        &[],
        &["EXEC"],
    );

    // A MUL row no one asked for, in the MUL table.
    let m = index(&h.vk, TableId::Rv32Mul);
    let mut c = h.claim();
    let clk = cpu_row(&h, pcs.mul) as u32;
    let r = row_with_clk(&c, m, zkvm_verifier::air::rv32im::mul::CLK, clk, |_| true);
    let copy = row(&c, m, r);
    let pad = first_padding_row(&c, m);
    set_row(&mut c, m, pad, &copy);
    expect("MUL answered twice", &h, &mut c, &[], &["EXEC"]);
}

/// A CPU request that no coprocessor row answers: the ADD's ALU row
/// removed (the rows after it move up), with the honest result or a false
/// one.
#[test]
fn a_cpu_request_no_coprocessor_answers() {
    let (h, pcs) = honest();
    let t = index(&h.vk, TableId::Rv32Alu);
    let cpu_t = index(&h.vk, TableId::Rv32Cpu);
    let clk = cpu_row(&h, pcs.add);
    let remove = |c: &mut Claim| {
        let r = row_with_clk(c, t, alu::CLK, clk as u32, |v| v[alu::F_ADD] == 1);
        let n = c.traces[t].height();
        for i in r..n - 1 {
            let next = row(c, t, i + 1);
            set_row(c, t, i, &next);
        }
        let w = c.traces[t].width();
        set_row(c, t, n - 1, &vec![0; w]);
    };
    let mut c = h.claim();
    remove(&mut c);
    expect("ADD unanswered", &h, &mut c, &[], &["EXEC"]);
    let e = assert_proof_rejected("ADD unanswered", &h.vk, &c);
    assert_eq!(e, "LookupSumMismatch");

    // The lie it would allow: 5 + 7 = 13.
    let mut c = h.claim();
    remove(&mut c);
    forge_rd(&mut c, cpu_t, clk, 13);
    expect("ADD 5 + 7 = 13, unanswered", &h, &mut c, &[], &["EXEC"]);
}

// ============================================================ multiplicities

/// Sum over the tables whose multiplicities are -1, 0 or 1 of (largest
/// height) x (fractions per row), plus one for the verifier's own message:
/// the largest count any message can reach on the bus. Below p, so a count
/// that is 0 modulo p is 0.
#[test]
fn every_count_on_the_bus_stays_below_p() {
    let (h, _) = honest();
    let mut total: u64 = 1;
    for id in tables(&h.vk.air) {
        if matches!(id, TableId::Rv32Range | TableId::Rv32Fixed) {
            continue;
        }
        let shape = table_shape(&id);
        let fractions = shape.num_fractions as u64;
        let rows = 1u64 << shape.max_log_height;
        println!(
            "{id:?}: 2^{} rows x {fractions} fractions",
            shape.max_log_height
        );
        total += rows * fractions;
    }
    println!("at most {total} fractions of multiplicity -1, 0 or 1; p = {P}");
    assert!(total < P as u64);
    // Margin: the bound would still hold with multiplicities up to 3 in
    // absolute value.
    assert!(3 * total < P as u64);
    // The clock (and so every timestamp and EXEC message) is bounded by the
    // CPU table's height.
    assert_eq!(
        table_shape(&TableId::Rv32Cpu).max_log_height,
        cpu::MAX_LOG_HEIGHT
    );
    assert_eq!(table_shape(&TableId::Rv32Range).min_log_height, 16);
    assert_eq!(table_shape(&TableId::Rv32Range).max_log_height, 16);
}

/// Every cell of real rows of every table (but RANGE and FIXED) set to a
/// value that would make a multiplicity other than -1, 0, 1 (2, -2, 1/2,
/// p - 1 where 1 was): the row then violates a constraint of its table
/// (PRIVATE's PLEN multiplicity is free by design and not probed).
#[test]
fn a_single_cell_cannot_make_a_multiplicity_beyond_one() {
    let (h, _) = honest();
    let half = (P + 1) / 2;
    let mut probes = 0;
    for (id, trace) in tables(&h.vk.air).into_iter().zip(&h.w.traces) {
        if matches!(id, TableId::Rv32Range | TableId::Rv32Fixed) {
            continue;
        }
        let name = format!("{id:?}");
        let f = fns(id);
        let w = f.width;
        let n = trace.values.len() / w;
        let rows: Vec<Vec<u32>> = (0..n)
            .map(|r| {
                trace.values[r * w..(r + 1) * w]
                    .iter()
                    .map(|&x| zkvm_prover::types::to_u32(x))
                    .collect()
            })
            .filter(|v: &Vec<u32>| v.iter().any(|&x| x != 0))
            .take(12)
            .collect();
        for honest_row in &rows {
            for col in 0..w {
                for value in [2, P - 1, P - 2, half, honest_row[col] + 1] {
                    let mut forged = honest_row.clone();
                    forged[col] = value % P;
                    // PRIVATE's PLEN(plen) has a free multiplicity (mlen,
                    // docs/air.md §7.3, §12.2): one message only, exempt.
                    let wide = row_messages(&f, &forged)
                        .iter()
                        .any(|(m, msg)| *m > 1 && *m != P - 1 && msg[0] != bus::TAG_PLEN);
                    if wide {
                        probes += 1;
                        assert!(
                            !violations(&f, &forged).is_empty(),
                            "{name}: column {col} = {value} gives a multiplicity beyond one, \
                             no constraint fails"
                        );
                    }
                }
            }
        }
    }
    println!("{probes} cell changes gave a multiplicity beyond one; each violates a constraint");
    assert!(probes > 100);
}

/// One ALU row standing for three ADD answers and minus three SUB answers
/// (flags ADD = 3, SUB = -3, SLT = 1: their sum, the receive multiplicity,
/// is 1, and the op is still 3*18 - 3*19 + 21 = 18 = ADD). The row receives
/// the EXEC of 5 + 7 with a false result; the flags are not boolean.
#[test]
fn non_boolean_flags_that_keep_the_multiplicity_and_the_op() {
    let (h, pcs) = honest();
    let t = index(&h.vk, TableId::Rv32Alu);
    let cpu_t = index(&h.vk, TableId::Rv32Cpu);
    let clk = cpu_row(&h, pcs.add);
    let mut c = h.claim();
    let r = row_with_clk(&c, t, alu::CLK, clk as u32, |v| v[alu::F_ADD] == 1);
    set(&mut c, t, r, alu::F_ADD, 3);
    set(&mut c, t, r, alu::F_SUB, P - 3);
    set(&mut c, t, r, alu::F_SLT, 1);
    forge_rd(&mut c, cpu_t, clk, 13);
    set_word(&mut c, t, r, alu::C_LO, 13);
    let f = fns(TableId::Rv32Alu);
    let msgs = row_messages(&f, &row(&c, t, r));
    assert_eq!(msgs[0].0, P - 1, "receives once");
    assert_eq!(msgs[0].1[1], 18, "as ADD");
    expect("ADD flags (3, -3, 1)", &h, &mut c, &["Rv32Alu"], &[]);
    assert_proof_rejected("ADD flags (3, -3, 1)", &h.vk, &c);
}

// ============================================================ heights

/// A RANGE table of 2^17 rows would prove U16(v) for v up to 2^17 - 1. The
/// prover refuses to prove it, and a proof that claims that height for the
/// RANGE table (or more than 2^20 rows for the CPU) is refused with a
/// typed error before anything else.
#[test]
fn a_table_taller_than_allowed_is_refused() {
    let (h, _) = honest();
    let rt = index(&h.vk, TableId::Rv32Range);
    let mut c = h.claim();
    let mut values = Vec::with_capacity(2 << 16);
    for v in 0..(2u32 << 16) {
        values.push(from_u32(v));
        values.push(from_u32(if v < 1 << 16 {
            get(&c, rt, v as usize, range::M)
        } else {
            0
        }));
    }
    c.traces[rt] = p3_matrix::dense::RowMajorMatrix::new(values, range::WIDTH);
    let result = machine::prove_and_verify(&h.vk, &c);
    println!("RANGE of 2^17 rows: {result:?}");
    assert!(result.unwrap_err().starts_with("the prover refuses"));

    // The honest proof with heights beyond the maxima written in.
    let statement = Statement {
        public_values: h.w.public_values.clone(),
        input: h.input.clone(),
        output: h.w.output.clone(),
    };
    let bytes = zkvm_prover::prove(&h.vk, &h.w.traces, &statement, &Default::default()).unwrap();
    assert_eq!(zkvm_verifier::verify(&h.vk, &statement, &bytes), Ok(()));
    let ct = index(&h.vk, TableId::Rv32Cpu);
    for (t, log) in [(rt, 17), (rt, 15), (ct, cpu::MAX_LOG_HEIGHT + 1)] {
        let mut proof = decode_proof(&bytes).unwrap();
        proof.log_heights[t] = log;
        let result = zkvm_verifier::verify(&h.vk, &statement, &encode_proof(&proof));
        assert_eq!(
            result,
            Err(VerifyError::InvalidTraceLength),
            "table {t} at 2^{log}"
        );
    }
}
