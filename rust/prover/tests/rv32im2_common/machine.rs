//! The whole machine (every table of version 2 at once): an honest run's
//! traces (`rv32im2::run::build_traces`), the full check of a witness
//! (every table's constraints on every row, and the bus with the verifier's
//! boundary messages, message by message), the re-count of the RANGE and
//! FIXED multiplicities after an edit (what a cheating prover would do, so
//! that only the lie itself remains), and the proof of a forged witness
//! with the prover's own check off.
#![allow(dead_code)]

use std::collections::BTreeMap;

use p3_matrix::dense::RowMajorMatrix;
use p3_matrix::Matrix;
use zkvm_prover::prove::check_table_constraints;
use zkvm_prover::rv32im2::run::{build_traces_private, verifying_key, Witness};
use zkvm_prover::rv32im2::TraceError;
use zkvm_prover::types::{from_u32, to_u32, F};
use zkvm_prover::ProverOptions;
use zkvm_verifier::air::rv32im::{bus, fixed, range, statement};
use zkvm_verifier::air::{tables, AirId, TableId};
use zkvm_verifier::error::error_name;
use zkvm_verifier::protocol::vk::VerifyingKey;
use zkvm_verifier::receipt::program::Program;
use zkvm_verifier::Statement;

use super::{add_to, fns, signed, trace_bag, Bag};

pub const MAX_CYCLES: u64 = 1 << 20;

/// A run of the machine: key, input, traces (one per table, in the key's
/// order) and what the statement needs.
pub struct Run {
    pub elf: Vec<u8>,
    pub vk: VerifyingKey,
    pub input: Vec<u8>,
    pub w: Witness,
}

pub fn try_run(elf: &[u8], input: &[u8]) -> Result<Run, TraceError> {
    try_run_private(elf, input, &[])
}

/// `try_run` with a private input (fd 3).
pub fn try_run_private(elf: &[u8], input: &[u8], private: &[u8]) -> Result<Run, TraceError> {
    let vk = verifying_key(elf).unwrap_or_else(|e| panic!("verifying key: {e:?}"));
    let w = build_traces_private(&vk.air, elf, input, private, MAX_CYCLES)?;
    Ok(Run {
        elf: elf.to_vec(),
        vk,
        input: input.to_vec(),
        w,
    })
}

pub fn run(elf: &[u8], input: &[u8]) -> Run {
    try_run(elf, input).unwrap_or_else(|e| panic!("build_traces: {e}"))
}

pub fn program(vk: &VerifyingKey) -> &Program {
    match &vk.air {
        AirId::Rv32imV2(p) => p,
        _ => panic!("not a version-2 key"),
    }
}

/// The position of a table in the machine's order.
pub fn index(vk: &VerifyingKey, table: TableId) -> usize {
    tables(&vk.air)
        .iter()
        .position(|t| std::mem::discriminant(t) == std::mem::discriminant(&table))
        .expect("a table of the machine")
}

pub fn table_name(t: &TableId) -> String {
    format!("{t:?}")
}

pub fn tag_name(tag: u32) -> &'static str {
    match tag {
        bus::TAG_PROG => "PROG",
        bus::TAG_MEM => "MEM",
        bus::TAG_IMG => "IMG",
        bus::TAG_POW2 => "POW2",
        bus::TAG_U16 => "U16",
        bus::TAG_U8 => "U8",
        bus::TAG_AND4 => "AND4",
        bus::TAG_INPUT => "INPUT",
        bus::TAG_OUTPUT => "OUTPUT",
        bus::TAG_EXEC => "EXEC",
        bus::TAG_HALT => "HALT",
        bus::TAG_EXIT => "EXIT",
        bus::TAG_IO => "IO",
        bus::TAG_PRIV => "PRIV",
        bus::TAG_PLEN => "PLEN",
        _ => "?",
    }
}

/// A witness as a (possibly dishonest) prover hands it over: traces and
/// the statement it claims.
#[derive(Clone)]
pub struct Claim {
    pub traces: Vec<RowMajorMatrix<F>>,
    pub public_values: Vec<u32>,
    pub input: Vec<u8>,
    pub output: Vec<u8>,
}

impl Run {
    pub fn claim(&self) -> Claim {
        Claim {
            traces: self.w.traces.clone(),
            public_values: self.w.public_values.clone(),
            input: self.input.clone(),
            output: self.w.output.clone(),
        }
    }
    pub fn trace(&self, table: TableId) -> &RowMajorMatrix<F> {
        &self.w.traces[index(&self.vk, table)]
    }
}

/// The outcome of the full check: the first violated constraint of each
/// table (table, row, constraint) and the unbalanced bus tags.
#[derive(Debug, Default, PartialEq)]
pub struct Diagnosis {
    pub constraints: Vec<(String, usize, usize)>,
    pub tags: Vec<&'static str>,
    /// The verifier's boundary messages could not be formed (a statement the
    /// verifier refuses before any proof).
    pub statement_refused: bool,
}

impl Diagnosis {
    pub fn is_clean(&self) -> bool {
        self.constraints.is_empty() && self.tags.is_empty() && !self.statement_refused
    }
    /// The tables with a violated constraint.
    pub fn tables(&self) -> Vec<&str> {
        self.constraints
            .iter()
            .map(|(t, _, _)| t.as_str())
            .collect()
    }
}

/// Every message of every table with its multiplicity, the FIXED table's
/// rows with theirs, and the verifier's boundary messages: the imbalance
/// by tag (empty when the bus balances). Err if the verifier refuses the
/// statement.
pub fn bus_imbalance(vk: &VerifyingKey, c: &Claim) -> Result<BTreeMap<u32, Bag>, ()> {
    let program = program(vk);
    let mut total: BTreeMap<u32, Bag> = BTreeMap::new();
    for (id, trace) in tables(&vk.air).into_iter().zip(&c.traces) {
        let bags = if let TableId::Rv32Fixed = id {
            let rows = fixed::fixed_table(program).rows;
            let mut bags: BTreeMap<u32, Bag> = BTreeMap::new();
            for (i, row) in rows.into_iter().enumerate() {
                let m = to_u32(trace.values[i * fixed::WIDTH + fixed::M]);
                add_to(bags.entry(row[0]).or_default(), row, -signed(m));
            }
            bags
        } else {
            trace_bag(&fns(id), trace)
        };
        for (tag, bag) in bags {
            for (msg, n) in bag {
                add_to(total.entry(tag).or_default(), msg, n);
            }
        }
    }
    let boundary =
        statement::boundary_messages(&c.public_values, &c.input, &c.output).map_err(|_| ())?;
    for msg in boundary.sends {
        add_to(total.entry(msg[0]).or_default(), msg, 1);
    }
    for msg in boundary.receives {
        add_to(total.entry(msg[0]).or_default(), msg, -1);
    }
    total.retain(|_, b| !b.is_empty());
    Ok(total)
}

/// The full check of a claim.
pub fn diagnose(vk: &VerifyingKey, c: &Claim) -> Diagnosis {
    let mut d = Diagnosis::default();
    let start = vec![c.public_values[statement::PV_ENTRY], 0];
    let public = statement::segment_public_values(&c.public_values, &[start], 0)
        .expect("a statement's public values");
    for (id, trace) in tables(&vk.air).iter().zip(&c.traces) {
        match check_table_constraints(id, trace, &public) {
            Ok(Some((row, k))) => d.constraints.push((table_name(id), row, k)),
            Ok(None) => {}
            Err(e) => panic!("{id:?}: {e:?}"),
        }
    }
    match bus_imbalance(vk, c) {
        Ok(total) => {
            for (tag, bag) in &total {
                d.tags.push(tag_name(*tag));
                for (msg, n) in bag.iter().take(4) {
                    println!("    unbalanced {} {n:+} {msg:?}", tag_name(*tag));
                }
            }
        }
        Err(()) => d.statement_refused = true,
    }
    d
}

/// An honest claim passes the full check (printed otherwise).
pub fn assert_clean(name: &str, vk: &VerifyingKey, c: &Claim) {
    let d = diagnose(vk, c);
    assert!(d.is_clean(), "{name}: the honest witness fails: {d:?}");
}

/// Sets the RANGE and FIXED multiplicities to what the other tables look up
/// (as a prover fitting the lookups to an edited witness would).
pub fn reseal(vk: &VerifyingKey, c: &mut Claim) {
    let program = program(vk);
    let ids = tables(&vk.air);
    let mut sends: BTreeMap<Vec<u32>, i64> = BTreeMap::new();
    for (id, trace) in ids.into_iter().zip(&c.traces) {
        if matches!(id, TableId::Rv32Range | TableId::Rv32Fixed) {
            continue;
        }
        for (_, bag) in trace_bag(&fns(id), trace) {
            for (msg, n) in bag {
                *sends.entry(msg).or_insert(0) += n;
            }
        }
    }
    let count = |msg: &Vec<u32>| -> u32 {
        let n = sends.get(msg).copied().unwrap_or(0);
        from_i64(n)
    };
    let r = index(vk, TableId::Rv32Range);
    let rows = c.traces[r].height();
    for v in 0..rows {
        let m = count(&vec![bus::TAG_U16, v as u32]);
        c.traces[r].values[v * range::WIDTH + range::M] = from_u32(m);
    }
    let f = index(vk, TableId::Rv32Fixed);
    for (i, row) in fixed::fixed_table(program).rows.iter().enumerate() {
        c.traces[f].values[i * fixed::WIDTH + fixed::M] = from_u32(count(row));
    }
}

/// A signed count as a field element.
pub fn from_i64(n: i64) -> u32 {
    let p = zkvm_verifier::field::P as i64;
    (((n % p) + p) % p) as u32
}

pub fn get(c: &Claim, t: usize, row: usize, col: usize) -> u32 {
    let w = c.traces[t].width();
    to_u32(c.traces[t].values[row * w + col])
}

pub fn set(c: &mut Claim, t: usize, row: usize, col: usize, v: u32) {
    let w = c.traces[t].width();
    c.traces[t].values[row * w + col] = from_u32(v);
}

pub fn row(c: &Claim, t: usize, r: usize) -> Vec<u32> {
    let w = c.traces[t].width();
    c.traces[t].values[r * w..(r + 1) * w]
        .iter()
        .map(|&x| to_u32(x))
        .collect()
}

pub fn set_row(c: &mut Claim, t: usize, r: usize, values: &[u32]) {
    let w = c.traces[t].width();
    for (j, &v) in values.iter().enumerate() {
        c.traces[t].values[r * w + j] = from_u32(v);
    }
}

/// The first row of table `t` that is all zeros (padding).
pub fn first_padding_row(c: &Claim, t: usize) -> usize {
    let h = c.traces[t].height();
    (0..h)
        .find(|&r| row(c, t, r).iter().all(|&v| v == 0))
        .expect("a padding row")
}

/// Proves the claim with the prover's constraint and bus checks off and
/// verifies the proof: the verifier's error (or the prover's refusal).
pub fn prove_and_verify(vk: &VerifyingKey, c: &Claim) -> Result<(), String> {
    let statement = Statement {
        public_values: c.public_values.clone(),
        input: c.input.clone(),
        output: c.output.clone(),
    };
    let options = ProverOptions {
        num_threads: None,
        check_constraints: false,
        zk_seed: None,
    };
    match zkvm_prover::prove(vk, &c.traces, &statement, &options) {
        Ok(proof) => {
            zkvm_verifier::verify(vk, &statement, &proof).map_err(|e| error_name(&e).to_string())
        }
        Err(e) => Err(format!("the prover refuses: {e:?}")),
    }
}

/// Asserts that the claim's proof (prover checks off) is rejected by the
/// verifier itself (not refused by the prover); returns the error.
pub fn assert_proof_rejected(name: &str, vk: &VerifyingKey, c: &Claim) -> String {
    let result = prove_and_verify(vk, c);
    println!("{name}: proof of the forgery -> {result:?}");
    let e = result.expect_err("the forged proof verified");
    assert!(
        !e.starts_with("the prover refuses"),
        "{name}: expected the verifier to reject, {e}"
    );
    e
}
