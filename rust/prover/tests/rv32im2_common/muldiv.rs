//! Helpers of the MUL and DIV table tests (rv32im2_mul.rs,
//! rv32im2_div.rs): run single instructions on the executor, build a table
//! from their requests, check its side of the bus, and name what catches a
//! forged row (a constraint, a U16, U8 or POW2 lookup of a value the range or
//! fixed table does not hold, or an EXEC message no CPU row sends).
#![allow(dead_code)]

use p3_matrix::dense::RowMajorMatrix;
use zkvm_executor::StepRecord;
use zkvm_prover::rv32im2::builder::Builder;
use zkvm_prover::rv32im2::{Request, TraceError};
use zkvm_prover::tables;
use zkvm_prover::types::F;
use zkvm_verifier::air::rv32im::{bus, fixed, statement};
use zkvm_verifier::air::TableId;

use super::table::*;

pub const PUBLIC: [u32; statement::NUM_PUBLIC_VALUES] = [0; statement::NUM_PUBLIC_VALUES];

pub const EDGES: [u32; 14] = [
    0,
    1,
    2,
    3,
    0xff,
    0x7fff,
    0x8000,
    0xffff,
    0x7fff_ffff,
    0x8000_0000,
    0x8000_0001,
    0xffff_fffe,
    0xffff_ffff,
    0x1234_5678,
];

/// One instruction to run with x1 = a, x2 = b.
/// The table and Builder of a run, and the c of each request.
pub struct Built {
    pub run: Run,
    pub trace: RowMajorMatrix<F>,
    pub results: Vec<u32>,
    pub range16: Vec<u32>,
    pub fixed: Vec<u32>,
}

pub type PushFn<T> = fn(&mut T, &mut Builder, &Request, &StepRecord) -> Result<u32, TraceError>;

pub fn build<T>(
    cases: &[Case],
    mut table: T,
    push: PushFn<T>,
    finish: fn(T) -> RowMajorMatrix<F>,
) -> Built {
    let run = run_cases(cases);
    let mut b = Builder::new(&run.program);
    let mut results = Vec::new();
    for (req, rec) in &run.steps {
        results.push(push(&mut table, &mut b, req, rec).unwrap());
    }
    let (range16, fixed) = (b.range16.clone(), b.fixed.clone());
    Built {
        trace: finish(table),
        run,
        results,
        range16,
        fixed,
    }
}

pub use super::exec_message;

/// The bus side: EXEC received once per request with its c, and the
/// Builder's lookups sent.
pub fn check_bus(table: &TableId, built: &Built) {
    let mut expected = Multiset::new();
    for ((req, _), &c) in built.run.steps.iter().zip(&built.results) {
        insert(
            &mut expected,
            exec_message(req, c),
            zkvm_verifier::field::neg(1),
        );
    }
    let mut b = Builder::new(&built.run.program);
    b.range16.clone_from(&built.range16);
    b.fixed.clone_from(&built.fixed);
    recorded_lookup_sends(&b, &mut expected);
    assert_eq!(table_bus(table, &built.trace), clean(expected), "{table:?}");
}

/// Checks the honest table: no constraint fails, the results are the
/// executor's, the bus side is as the requests and the Builder say.
pub fn check_honest(table: &TableId, built: &Built) {
    let fns = tables::scalar_fns(table).unwrap();
    assert_eq!(tables::first_violation(&fns, &built.trace, &PUBLIC), None);
    for ((req, rec), &c) in built.run.steps.iter().zip(&built.results) {
        if rec.rd != 0 {
            assert_eq!(
                c, rec.rd_value,
                "op {} a {:#x} b {:#x}",
                req.op, req.a, req.b
            );
        }
    }
    check_bus(table, built);
}

/// Whether `msg` (tag first) is a row of the fixed table's POW2 part.
fn is_pow2_row(msg: &[u32]) -> bool {
    let mut rows = Vec::new();
    fixed::push_pow2_rows(&mut rows);
    rows.iter().any(|r| r[..] == msg[..])
}

/// What catches row `i` of `forged` (the same row of `honest` is the honest
/// one): a failing constraint, a lookup outside its table (U16, U8, POW2),
/// or an EXEC message (fraction 0) that differs from the honest one in a
/// field other than c (fields 7, 8): one no CPU row sends.
pub fn diagnose_row(
    table: &TableId,
    honest: &RowMajorMatrix<F>,
    forged: &RowMajorMatrix<F>,
    i: usize,
) -> Catch {
    let fns = tables::scalar_fns(table).unwrap();
    if let Some((row_at, c)) = tables::first_violation(&fns, forged, &PUBLIC) {
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
        if (msg[0] == bus::TAG_U8 && msg[1] >= 256)
            || (msg[0] == bus::TAG_POW2 && !is_pow2_row(msg))
        {
            return Catch::NotFixed(k);
        }
    }
    let original = row_messages(&fns, &row(honest, i));
    for (k, ((m, msg), (m0, msg0))) in fractions.iter().zip(&original).enumerate() {
        if msg[0] != bus::TAG_EXEC && msg0[0] != bus::TAG_EXEC {
            continue;
        }
        if m != m0 {
            return Catch::Message(k, usize::MAX);
        }
        for (j, (a, b)) in msg.iter().zip(msg0).enumerate() {
            if a != b && j != 7 && j != 8 {
                return Catch::Message(k, j);
            }
        }
    }
    Catch::Missed
}

/// A forged row: which honest row, what to change, what must catch it.
pub struct Forgery {
    pub name: &'static str,
    pub pick: fn(&Request) -> bool,
    pub edit: fn(&mut [u32]),
    pub expect: Catch,
}

/// Applies each forgery to the first row its `pick` accepts (the edit must
/// change the row) and checks that it is caught as expected.
pub fn check_forgeries(table: TableId, built: &Built, forgeries: &[Forgery]) {
    let mut failures = Vec::new();
    for f in forgeries {
        let i = built
            .run
            .steps
            .iter()
            .position(|(req, _)| (f.pick)(req))
            .unwrap_or_else(|| panic!("{}: no row to forge", f.name));
        let mut forged = built.trace.clone();
        let honest_cells = row(&forged, i);
        let mut cells = honest_cells.clone();
        (f.edit)(&mut cells);
        assert_ne!(cells, honest_cells, "{}: the edit changes nothing", f.name);
        set_row(&mut forged, i, &cells);
        let got = diagnose_row(&table, &built.trace, &forged, i);
        if got != f.expect {
            failures.push(format!(
                "{}: expected {:?}, got {:?}",
                f.name, f.expect, got
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
