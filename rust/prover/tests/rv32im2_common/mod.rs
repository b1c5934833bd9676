//! Shared helpers for the tests of the RV32IM machine's version-2 tables
//! (rv32im2_*.rs): running an ELF in the executor, the EXEC request of a
//! step, and the bus side of a table (its messages with multiplicities, per
//! row and as a multiset); `asm`, a label assembler for test programs;
//! `machine`, the whole machine at once (full check of every table and the
//! bus, forged claims and their proofs); `table` and `muldiv`, one table's
//! trace from executor steps, its bus side as a multiset, and what catches
//! a forged row.
#![allow(dead_code)]

pub mod asm;
pub mod machine;
pub mod muldiv;
pub mod programs;
pub mod table;

use std::collections::BTreeMap;

use p3_matrix::dense::RowMajorMatrix;
use zkvm_executor::{Machine, StepRecord};
use zkvm_prover::rv32im2::Request;
use zkvm_prover::tables::{self, Fns};
use zkvm_prover::types::{from_u32, to_u32, F};
use zkvm_verifier::air::rv32im::{bus, fixed};
use zkvm_verifier::air::TableId;
use zkvm_verifier::field;
use zkvm_verifier::receipt::program::{load_program, Program, ProgramRow};

/// A small deterministic generator (splitmix64).
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }
    pub fn u32(&mut self) -> u32 {
        self.next_u64() as u32
    }
    /// An edge value half the time, else random.
    pub fn word(&mut self) -> u32 {
        const EDGES: [u32; 12] = [
            0,
            1,
            0xFFFF_FFFF,
            0x7FFF_FFFF,
            0x8000_0000,
            0x7F,
            0x80,
            0xFF,
            0x7FFF,
            0x8000,
            0xFFFF,
            0x0001_0000,
        ];
        if self.below(2) == 0 {
            EDGES[self.below(EDGES.len() as u64) as usize]
        } else {
            self.u32()
        }
    }
}

/// Runs `elf` on `input` to its exit: the verifier's program and the
/// executor's records.
pub fn run(elf: &[u8], input: &[u8]) -> (Program, Vec<StepRecord>) {
    let program = load_program(elf).expect("the verifier loads the ELF");
    let exec = zkvm_executor::Program::from_elf(elf).expect("the executor loads the ELF");
    let mut machine = Machine::new(&exec, input).expect("machine");
    let mut records: Vec<StepRecord> = Vec::new();
    machine
        .run_with(1 << 20, &mut records)
        .expect("the run exits");
    (program, records)
}

/// The program row at `pc`.
pub fn row_at(program: &Program, pc: u32) -> &ProgramRow {
    let i = program
        .rows
        .binary_search_by_key(&pc, |r| r.pc)
        .expect("a program row");
    &program.rows[i]
}

/// The EXEC request the CPU makes for a step (c not yet known), with a and b
/// the executor's rs1 and rs2 values (for ECALL, whose PROG row reads a7
/// and a0, the caller puts those).
pub fn request(program: &Program, step: &StepRecord) -> Request {
    let row = row_at(program, step.pc);
    Request {
        op: fixed::exec_op(row),
        clk: step.cycle as u32,
        a: step.rs1_value,
        b: step.rs2_value,
        imm: row.imm,
        pc: step.pc,
        next_pc: step.next_pc,
    }
}

/// The EXEC message of a request with result c (what the CPU sends).
pub fn exec_message(req: &Request, c: u32) -> Vec<u32> {
    vec![
        bus::TAG_EXEC,
        req.op,
        req.clk,
        req.a & 0xFFFF,
        req.a >> 16,
        req.b & 0xFFFF,
        req.b >> 16,
        c & 0xFFFF,
        c >> 16,
        req.imm & 0xFFFF,
        req.imm >> 16,
        req.next_pc,
    ]
}

/// A message with its multiplicity (field elements, canonical).
pub type Message = (u32, Vec<u32>);

/// The fractions of one row: (multiplicity, message) per fraction.
pub fn row_messages(fns: &Fns<F>, row: &[u32]) -> Vec<Message> {
    let local: Vec<F> = row.iter().map(|&v| from_u32(v)).collect();
    let mut flat: Vec<F> = Vec::new();
    (fns.messages)(&local, &mut flat);
    let mut out = Vec::new();
    let mut pos = 0;
    for &len in fns.fraction_lens {
        let m = to_u32(flat[pos]);
        let msg: Vec<u32> = flat[pos + 1..pos + 1 + len]
            .iter()
            .map(|&x| to_u32(x))
            .collect();
        out.push((m, msg));
        pos += 1 + len;
    }
    out
}

/// Multiset of messages: message -> signed count (sends positive).
pub type Bag = BTreeMap<Vec<u32>, i64>;

/// A field multiplicity as a small signed integer.
pub fn signed(m: u32) -> i64 {
    if m > field::P / 2 {
        -((field::P - m) as i64)
    } else {
        m as i64
    }
}

pub fn add_to(bag: &mut Bag, msg: Vec<u32>, count: i64) {
    if count == 0 {
        return;
    }
    let e = bag.entry(msg.clone()).or_insert(0);
    *e += count;
    if *e == 0 {
        bag.remove(&msg);
    }
}

/// Every message of a trace, with multiplicities, by tag.
pub fn trace_bag(fns: &Fns<F>, trace: &RowMajorMatrix<F>) -> BTreeMap<u32, Bag> {
    let w = fns.width;
    let mut bags: BTreeMap<u32, Bag> = BTreeMap::new();
    for r in 0..trace.values.len() / w {
        let row: Vec<u32> = trace.values[r * w..(r + 1) * w]
            .iter()
            .map(|&x| to_u32(x))
            .collect();
        for (m, msg) in row_messages(fns, &row) {
            let tag = msg[0];
            add_to(bags.entry(tag).or_default(), msg, signed(m));
        }
    }
    bags.retain(|_, b| !b.is_empty());
    bags
}

/// The U16 and U8 lookups the Builder recorded, counted as the tables that
/// answer them receive them: U16(v) range16[v] times, U8(v) fixed[u8_start +
/// v] times (positive counts here; the table making them sends them).
pub fn recorded_lookups(
    b: &zkvm_prover::rv32im2::builder::Builder,
    program: &Program,
) -> (Bag, Bag) {
    let mut u16s = Bag::new();
    for (v, &n) in b.range16.iter().enumerate() {
        add_to(&mut u16s, vec![bus::TAG_U16, v as u32], n as i64);
    }
    let mut u8s = Bag::new();
    let start = fixed::u8_start(program);
    for v in 0..256usize {
        add_to(
            &mut u8s,
            vec![bus::TAG_U8, v as u32],
            b.fixed[start + v] as i64,
        );
    }
    (u16s, u8s)
}

/// The scalar functions of a table.
pub fn fns(table: TableId) -> Fns<F> {
    tables::scalar_fns(&table).expect("a table written against expr")
}

/// The constraints a single row violates (selectors 0, next row zero).
pub fn violations(fns: &Fns<F>, row: &[u32]) -> Vec<usize> {
    let local: Vec<F> = row.iter().map(|&v| from_u32(v)).collect();
    let next = vec![from_u32(0); row.len()];
    // The last segment of a run (the boundary table has rows only there).
    use zkvm_verifier::air::rv32im::statement::{NUM_TABLE_PUBLIC_VALUES, PV_SEG_FINAL};
    let mut public = vec![from_u32(0); NUM_TABLE_PUBLIC_VALUES];
    public[PV_SEG_FINAL] = from_u32(1);
    let sel = tables::Sel {
        is_first_row: from_u32(0),
        is_last_row: from_u32(0),
        is_transition: from_u32(0),
    };
    let mut out = Vec::new();
    (fns.eval)(&local, &next, &public, &sel, &mut out);
    out.iter()
        .enumerate()
        .filter(|(_, v)| to_u32(**v) != 0)
        .map(|(i, _)| i)
        .collect()
}

/// The range lookups of a row that no table can answer: U16(v) with
/// v >= 2^16, U8(v) with v >= 256 (nonzero multiplicity).
pub fn bad_lookups(fns: &Fns<F>, row: &[u32]) -> Vec<Vec<u32>> {
    row_messages(fns, row)
        .into_iter()
        .filter(|(m, msg)| {
            *m != 0
                && ((msg[0] == bus::TAG_U16 && msg[1] >= 1 << 16)
                    || (msg[0] == bus::TAG_U8 && msg[1] >= 256))
        })
        .map(|(_, msg)| msg)
        .collect()
}

/// The messages of `forged` (other than range lookups) that differ from
/// those of `honest`, by tag: a forged row's EXEC or MEM message that the
/// honest run does not match unbalances the bus.
pub fn changed_tags(fns: &Fns<F>, honest: &[u32], forged: &[u32]) -> Vec<u32> {
    let h = row_messages(fns, honest);
    let f = row_messages(fns, forged);
    let mut tags = Vec::new();
    for (a, b) in h.iter().zip(f.iter()) {
        let tag = a.1[0];
        if tag == bus::TAG_U16 || tag == bus::TAG_U8 {
            continue;
        }
        if a != b && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}
