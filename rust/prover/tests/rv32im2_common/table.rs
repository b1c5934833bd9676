//! Helpers for the tests of the coprocessor and boundary tables
//! (rv32im2_alu.rs, rv32im2_boundary.rs, and through `muldiv`
//! rv32im2_mul.rs, rv32im2_div.rs): the multiset a table puts on
//! the bus, the multiset the Builder's lookup counts say it must put, and
//! the diagnosis of a forged row (which constraint, or which lookup, catches
//! it).
#![allow(dead_code)]

use std::collections::HashMap;

use p3_matrix::dense::RowMajorMatrix;
use zkvm_executor::testing::elf_writer::{ElfBuilder, TEXT_BASE};
use zkvm_executor::{Machine, StepRecord};
use zkvm_prover::rv32im2::builder::Builder;
use zkvm_prover::rv32im2::Request;
use zkvm_prover::tables;
use zkvm_prover::types::{from_u32, to_u32, F};
use zkvm_verifier::air::rv32im::{bus, fixed};
use zkvm_verifier::air::TableId;
use zkvm_verifier::field;
use zkvm_verifier::receipt::program::{load_program, Program};

/// Messages (tag first) with their summed multiplicities (field elements as
/// u32; positive = send), zero sums dropped.
pub type Multiset = HashMap<Vec<u32>, u32>;

pub fn insert(set: &mut Multiset, message: Vec<u32>, m: u32) {
    let e = set.entry(message).or_insert(0);
    *e = field::add(*e, m);
}

pub fn clean(mut set: Multiset) -> Multiset {
    set.retain(|_, m| *m != 0);
    set
}

pub use super::row_messages;

pub fn row(trace: &RowMajorMatrix<F>, i: usize) -> Vec<u32> {
    let w = trace.width;
    trace.values[i * w..(i + 1) * w]
        .iter()
        .map(|&v| to_u32(v))
        .collect()
}

pub fn set_row(trace: &mut RowMajorMatrix<F>, i: usize, values: &[u32]) {
    let w = trace.width;
    for (c, &v) in values.iter().enumerate() {
        trace.values[i * w + c] = from_u32(v);
    }
}

/// Everything the table puts on the bus, over all rows.
pub fn table_bus(table: &TableId, trace: &RowMajorMatrix<F>) -> Multiset {
    let fns = tables::scalar_fns(table).unwrap();
    let n = trace.values.len() / trace.width;
    let mut set = Multiset::new();
    for i in 0..n {
        for (m, msg) in row_messages(&fns, &row(trace, i)) {
            if m != 0 {
                insert(&mut set, msg, m);
            }
        }
    }
    clean(set)
}

/// The lookups the Builder recorded, as sends: U16(v) count times, and each
/// fixed-table row its count times.
pub fn recorded_lookup_sends(b: &Builder, set: &mut Multiset) {
    for (v, &count) in b.range16.iter().enumerate() {
        if count != 0 {
            insert(set, vec![bus::TAG_U16, v as u32], count);
        }
    }
    let fixed_rows = fixed::fixed_table(b.program).rows;
    for (i, &count) in b.fixed.iter().enumerate() {
        if count != 0 {
            insert(set, fixed_rows[i].clone(), count);
        }
    }
}

/// What catches a forged row.
#[derive(Debug, PartialEq, Eq)]
pub enum Catch {
    /// This constraint (index) fails on the forged row.
    Constraint(usize),
    /// A U16 lookup (this fraction of the row) of a value not below 2^16.
    Range(usize),
    /// An AND4 lookup (this fraction) that is not a row of the nibble-AND table.
    And4(usize),
    /// A lookup of the fixed table (this fraction) that is not one of its rows.
    NotFixed(usize),
    /// A received EXEC (or other fixed-field message) that differs from the
    /// honest one in a field the prover does not choose (fraction, field).
    Message(usize, usize),
    /// Nothing: the forgery passes.
    Missed,
}

/// Diagnoses row `i` of `forged` against the same row of `honest`: first a
/// failing constraint anywhere (which must be on that row), then the row's
/// lookups, then its messages, whose fields other than `free` (message
/// field indices, tag = 0, that the forgery may change: the claimed
/// results) must equal the honest row's, fraction by fraction in `fixed_fractions`.
pub fn diagnose(
    table: &TableId,
    honest: &RowMajorMatrix<F>,
    forged: &RowMajorMatrix<F>,
    i: usize,
    public: &[u32],
    fixed_fractions: &[usize],
    free: &[usize],
) -> Catch {
    let fns = tables::scalar_fns(table).unwrap();
    if let Some((row_at, c)) = tables::first_violation(&fns, forged, public) {
        assert!(
            row_at == i || row_at + 1 == i,
            "violation at row {row_at}, forged row {i}"
        );
        return Catch::Constraint(c);
    }
    let fractions = row_messages(&fns, &row(forged, i));
    for (k, (m, msg)) in fractions.iter().enumerate() {
        if *m == 0 {
            continue;
        }
        if msg[0] == bus::TAG_U16 && msg[1] >= 1 << 16 {
            return Catch::Range(k);
        }
        if msg[0] == bus::TAG_AND4 && (msg[1] >= 16 || msg[2] >= 16 || msg[3] != msg[1] & msg[2]) {
            return Catch::And4(k);
        }
    }
    let original = row_messages(&fns, &row(honest, i));
    for &k in fixed_fractions {
        if fractions[k].0 != original[k].0 {
            return Catch::Message(k, usize::MAX);
        }
        for (j, (a, b)) in fractions[k].1.iter().zip(&original[k].1).enumerate() {
            if a != b && !free.contains(&j) {
                return Catch::Message(k, j);
            }
        }
    }
    Catch::Missed
}

/// Field helpers on canonical u32 values.
pub fn fadd(a: u32, b: u32) -> u32 {
    field::add(a, b)
}
pub fn fsub(a: u32, b: u32) -> u32 {
    field::sub(a, b)
}
pub fn fmul(a: u32, b: u32) -> u32 {
    field::mul(a, b)
}
pub fn finv(a: u32) -> u32 {
    field::inv(a)
}

/// One instruction word executed with rs1 = x1 = a and rs2 = x2 = b.
pub struct Case {
    pub word: u32,
    pub a: u32,
    pub b: u32,
}

/// The executor's step of each case, and the request the CPU would send.
pub struct Run {
    pub program: Program,
    pub steps: Vec<(Request, StepRecord)>,
}

pub fn run_cases(cases: &[Case]) -> Run {
    let mut words: Vec<u32> = Vec::new();
    for c in cases {
        if !words.contains(&c.word) {
            words.push(c.word);
        }
    }
    let elf = ElfBuilder::with_text(&words).build();
    let exe = zkvm_executor::Program::from_elf(&elf).unwrap();
    let program = load_program(&elf).unwrap();
    let mut machine = Machine::new(&exe, &[]).unwrap();
    let mut steps = Vec::new();
    for (clk, c) in cases.iter().enumerate() {
        let pc = TEXT_BASE + 4 * words.iter().position(|&w| w == c.word).unwrap() as u32;
        machine.set_reg(1, c.a);
        machine.set_reg(2, c.b);
        machine.set_pc(pc);
        let mut records: Vec<StepRecord> = Vec::new();
        machine.step_with(&mut records).unwrap();
        let rec = records[0];
        let row = program.rows.iter().find(|r| r.pc == pc).unwrap();
        let req = Request {
            op: fixed::exec_op(row),
            clk: clk as u32,
            a: rec.rs1_value,
            b: rec.rs2_value,
            imm: row.imm,
            pc,
            next_pc: rec.next_pc,
        };
        steps.push((req, rec));
    }
    Run { program, steps }
}
