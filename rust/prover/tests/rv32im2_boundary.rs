//! The BOUNDARY table of the RV32IM machine v2 (air/rv32im/boundary.rs) and
//! its builder: the cells a replay touched (registers, RAM image words, RAM
//! words of the zero intervals, ROM words) give rows that satisfy every
//! constraint and put on the bus exactly each cell's initial MEM send, its
//! final MEM receive, the IMG lookups of image cells and the Builder's
//! range lookups; forged boundaries (a cell twice, keys wrapping around p,
//! a word claimed zero outside the zero intervals, wrong image values, ...)
//! are caught, and the test names what catches each.

mod common;
mod rv32im2_common;

use std::collections::HashSet;

use p3_matrix::dense::RowMajorMatrix;
use rv32im2_common::table::*;
use zkvm_executor::layout::STACK_TOP;
use zkvm_executor::testing::asm;
use zkvm_executor::testing::elf_writer::{ElfBuilder, DATA_BASE, TEXT_BASE};
use zkvm_prover::rv32im2::boundary;
use zkvm_prover::rv32im2::builder::Builder;
use zkvm_prover::tables;
use zkvm_prover::types::{from_u32, F};
use zkvm_verifier::air::rv32im::boundary as col;
use zkvm_verifier::air::rv32im::{bus, fixed, statement};
use zkvm_verifier::air::TableId;
use zkvm_verifier::field::P;
use zkvm_verifier::receipt::program::{load_program, Program};

const TABLE: TableId = TableId::Rv32Boundary;

fn program() -> Program {
    let text: Vec<u32> = (0..16).map(|i| asm::addi(1, 1, i)).collect();
    let data: Vec<u8> = (0..64u32).map(|i| (i * 37 + 5) as u8).collect();
    // 64 file bytes, then a zero tail up to 256 bytes.
    let elf = ElfBuilder::with_text(&text)
        .data(DATA_BASE, data, 256)
        .build();
    load_program(&elf).unwrap()
}

/// Accesses in the order a run might make them; returns the Builder.
fn replay(program: &Program) -> Builder<'_> {
    let mut b = Builder::new(program);
    let mut ts = 0;
    let mut next = || {
        ts += 3;
        ts
    };
    let data = DATA_BASE / 4;
    let heap = program.zero_intervals.last().unwrap().lo;
    let stack = STACK_TOP / 4;
    let cells: Vec<(u32, u32, Option<u32>)> = vec![
        (bus::SPACE_REG, 0, None),
        (bus::SPACE_REG, 1, Some(7)),
        (bus::SPACE_REG, 2, None),
        (bus::SPACE_REG, 31, Some(0xffff_ffff)),
        (bus::SPACE_RAM, data, None),
        (bus::SPACE_RAM, data + 1, Some(0x1234_5678)),
        (bus::SPACE_RAM, data + 15, Some(0)),
        (bus::SPACE_RAM, data + 16, None),
        (bus::SPACE_RAM, data + 63, Some(0x8000_0000)),
        (bus::SPACE_RAM, heap, Some(1)),
        (bus::SPACE_RAM, heap + 1000, None),
        (bus::SPACE_RAM, stack - 1, Some(0xdead_beef)),
        (bus::SPACE_RAM, stack - 2, Some(2)),
        (bus::SPACE_ROM, TEXT_BASE / 4, None),
        (bus::SPACE_ROM, TEXT_BASE / 4 + 15, None),
        (bus::SPACE_REG, 1, Some(8)),
        (bus::SPACE_RAM, data + 1, None),
        (bus::SPACE_RAM, stack - 1, Some(3)),
    ];
    for (space, addr, new) in cells {
        b.access(space, addr, new, next()).unwrap();
    }
    b
}

/// The public values the tables of a one-segment run see (the boundary
/// table is filled in the last segment only).
fn public(program: &Program) -> Vec<u32> {
    let pv = statement::public_values(program, 0, 100, 0, 0, 0).unwrap();
    let start = vec![pv[statement::PV_ENTRY], 0];
    statement::segment_public_values(&pv, &[start], 0).unwrap()
}

/// Real rows of a boundary trace.
fn real_rows(trace: &RowMajorMatrix<F>) -> Vec<Vec<u32>> {
    let n = trace.values.len() / trace.width;
    (0..n)
        .map(|i| row(trace, i))
        .filter(|r| r[col::B_IMG] + r[col::B_ZERO] != 0)
        .collect()
}

fn to_trace(rows: &[Vec<u32>]) -> RowMajorMatrix<F> {
    let n = rows.len().max(64).next_power_of_two();
    let mut values = vec![F::default(); n * col::WIDTH];
    for (i, r) in rows.iter().enumerate() {
        for (c, &v) in r.iter().enumerate() {
            values[i * col::WIDTH + c] = from_u32(v);
        }
    }
    RowMajorMatrix::new(values, col::WIDTH)
}

fn key(r: &[u32]) -> u32 {
    zkvm_verifier::field::add(
        zkvm_verifier::field::mul(col::KEY_SPACE_WEIGHT, r[col::SPACE]),
        r[col::ADDR],
    )
}

/// Rewrites the gap columns of every row from the keys (as a cheating
/// prover would): gap = key - previous key - 1 as a field element, split
/// canonically (low 14 bits, the rest).
fn regap(rows: &mut [Vec<u32>]) {
    for i in 1..rows.len() {
        let gap = fsub(fsub(key(&rows[i]), key(&rows[i - 1])), 1);
        rows[i][col::G_LO] = gap % col::GAP_HI_WEIGHT;
        rows[i][col::G_HI] = gap / col::GAP_HI_WEIGHT;
    }
}

/// Interval offsets of a zero row from interval j, split canonically.
fn set_offsets(r: &mut [u32], public: &[u32], j: usize) {
    for s in 0..statement::MAX_ZERO_INTERVALS {
        r[col::SEL0 + s] = (s == j) as u32;
    }
    let lo = public[statement::PV_ZERO0 + 2 * j];
    let hi = public[statement::PV_ZERO0 + 2 * j + 1];
    let e1 = fsub(r[col::ADDR], lo);
    let e2 = fsub(fsub(hi, 1), r[col::ADDR]);
    let w = col::OFFSET_HI_WEIGHT;
    r[col::E1_LO] = e1 % w;
    r[col::E1_HI] = e1 / w;
    r[col::E2_LO] = e2 % w;
    r[col::E2_HI] = e2 / w;
}

fn diagnose_boundary(program: &Program, trace: &RowMajorMatrix<F>) -> Catch {
    let fns = tables::scalar_fns(&TABLE).unwrap();
    if let Some((_, c)) = tables::first_violation(&fns, trace, &public(program)) {
        return Catch::Constraint(c);
    }
    let fixed_rows: HashSet<Vec<u32>> = fixed::fixed_table(program).rows.into_iter().collect();
    let n = trace.values.len() / trace.width;
    for i in 0..n {
        for (k, (m, msg)) in row_messages(&fns, &row(trace, i)).iter().enumerate() {
            if *m == 0 {
                continue;
            }
            if msg[0] == bus::TAG_U16 && msg[1] >= 1 << 16 {
                return Catch::Range(k);
            }
            if msg[0] == bus::TAG_IMG && !fixed_rows.contains(msg) {
                return Catch::NotFixed(k);
            }
        }
    }
    Catch::Missed
}

#[test]
fn layout_constants_are_the_statements() {
    assert_eq!(col::PV_ZERO0, statement::PV_ZERO0);
    assert_eq!(col::MAX_ZERO_INTERVALS, statement::MAX_ZERO_INTERVALS);
    // Keys below 3 * 2^28 plus a gap below 2^30 + 2^16 stay below p.
    let max_key = 3u64 << 28;
    let max_gap = (1u64 << 16) + (col::GAP_HI_WEIGHT as u64) * ((1 << 16) - 1);
    assert!(max_key + 1 + max_gap < P as u64);
}

#[test]
fn honest_boundary_satisfies_the_table_and_the_bus() {
    let program = program();
    let mut b = replay(&program);
    let cells = b.touched_cells();
    let (range_before, fixed_before) = (b.range16.clone(), b.fixed.clone());
    let trace = boundary::build(&mut b).unwrap();
    let fns = tables::scalar_fns(&TABLE).unwrap();
    assert_eq!(
        tables::first_violation(&fns, &trace, &public(&program)),
        None
    );
    let rows = real_rows(&trace);
    assert_eq!(rows.len(), cells.len());
    // Both kinds of rows, every space.
    assert!(rows.iter().any(|r| r[col::B_ZERO] == 1));
    for space in [bus::SPACE_REG, bus::SPACE_RAM, bus::SPACE_ROM] {
        assert!(rows.iter().any(|r| r[col::SPACE] == space));
    }
    // The bus: MEM init (ts 0) sent, MEM final received, and the lookups
    // this build recorded (U16 gaps and offsets, IMG of image cells).
    let mut expected = Multiset::new();
    for c in &cells {
        let init = vec![
            bus::TAG_MEM,
            c.space,
            c.addr,
            c.initial & 0xffff,
            c.initial >> 16,
            0,
        ];
        insert(&mut expected, init, 1);
        let fin = vec![
            bus::TAG_MEM,
            c.space,
            c.addr,
            c.last & 0xffff,
            c.last >> 16,
            c.last_ts,
        ];
        insert(&mut expected, fin, P - 1);
    }
    let mut delta = Builder::new(&program);
    for (v, count) in delta.range16.iter_mut().enumerate() {
        *count = b.range16[v] - range_before[v];
    }
    for (i, count) in delta.fixed.iter_mut().enumerate() {
        *count = b.fixed[i] - fixed_before[i];
    }
    let images: u32 = delta.fixed.iter().sum();
    assert_eq!(images as usize, cells.iter().filter(|c| c.in_image).count());
    recorded_lookup_sends(&delta, &mut expected);
    assert_eq!(table_bus(&TABLE, &trace), clean(expected));
}

#[test]
fn a_word_outside_image_and_zero_intervals_is_refused() {
    let program = program();
    let mut b = Builder::new(&program);
    // A RAM word below the data segment: unmapped.
    b.access(bus::SPACE_RAM, DATA_BASE / 4 - 1, Some(1), 1)
        .unwrap();
    assert!(boundary::build(&mut b).is_err());
}

struct Forgery {
    name: &'static str,
    edit: fn(&mut Vec<Vec<u32>>, &[u32]),
    expect: Catch,
}

fn find(rows: &[Vec<u32>], space: u32, addr: u32) -> usize {
    rows.iter()
        .position(|r| r[col::SPACE] == space && r[col::ADDR] == addr)
        .unwrap()
}

fn forgeries() -> Vec<Forgery> {
    vec![
        Forgery {
            name: "a register twice (a second, fresh initial value)",
            edit: |rows, _| {
                let i = find(rows, bus::SPACE_REG, 1);
                let mut copy = rows[i].clone();
                copy[col::FIN_TS] = 1;
                rows.insert(i + 1, copy);
                regap(rows);
            },
            expect: Catch::Range(4),
        },
        Forgery {
            name: "a register twice, keys wrapping around p through a far zero row",
            edit: |rows, public| {
                // key_mid = p - 2^29: reachable from the last key with a gap
                // below 2^30, and p - key_mid < 2^30 steps back to key 1.
                let mut mid = rows[find(rows, bus::SPACE_RAM, STACK_TOP / 4 - 1)].clone();
                mid[col::ADDR] = P - (1 << 29) - col::KEY_SPACE_WEIGHT;
                let j = statement::MAX_ZERO_INTERVALS - 1;
                let last_interval = (0..=j)
                    .rev()
                    .find(|&s| public[statement::PV_ZERO0 + 2 * s + 1] != 0)
                    .unwrap();
                set_offsets(&mut mid, public, last_interval);
                let mut again = rows[find(rows, bus::SPACE_REG, 1)].clone();
                again[col::FIN_TS] = 1;
                rows.push(mid);
                rows.push(again);
                regap(rows);
            },
            expect: Catch::Range(6),
        },
        Forgery {
            name: "a data word claimed zero (not in a zero interval)",
            edit: |rows, public| {
                let i = find(rows, bus::SPACE_RAM, DATA_BASE / 4 + 1);
                rows[i][col::B_IMG] = 0;
                rows[i][col::B_ZERO] = 1;
                rows[i][col::INIT_LO] = 0;
                rows[i][col::INIT_HI] = 0;
                // The nearest interval: the data segment's zero tail above.
                set_offsets(&mut rows[i], public, 0);
            },
            expect: Catch::Range(6),
        },
        Forgery {
            name: "a zero row in an unused interval slot [0, 0)",
            edit: |rows, public| {
                let i = find(rows, bus::SPACE_RAM, DATA_BASE / 4 + 16);
                set_offsets(&mut rows[i], public, statement::MAX_ZERO_INTERVALS - 1);
            },
            expect: Catch::Range(8),
        },
        Forgery {
            name: "a zero row with a non-zero initial value",
            edit: |rows, _| {
                let i = find(rows, bus::SPACE_RAM, DATA_BASE / 4 + 16);
                rows[i][col::INIT_LO] = 5;
            },
            expect: Catch::Constraint(9),
        },
        Forgery {
            name: "a zero row in register space",
            edit: |rows, _| {
                let i = find(rows, bus::SPACE_RAM, DATA_BASE / 4 + 16);
                rows[i][col::SPACE] = bus::SPACE_REG;
                regap(rows);
            },
            expect: Catch::Constraint(8),
        },
        Forgery {
            name: "an image word with another initial value",
            edit: |rows, _| {
                let i = find(rows, bus::SPACE_RAM, DATA_BASE / 4 + 1);
                rows[i][col::INIT_LO] ^= 1;
            },
            expect: Catch::NotFixed(2),
        },
        Forgery {
            name: "a register's initial value (sp) changed",
            edit: |rows, _| {
                let i = find(rows, bus::SPACE_REG, 2);
                rows[i][col::INIT_HI] = 0;
            },
            expect: Catch::NotFixed(2),
        },
        Forgery {
            name: "image and zero row at once",
            edit: |rows, _| {
                let i = find(rows, bus::SPACE_RAM, DATA_BASE / 4);
                rows[i][col::B_ZERO] = 1;
            },
            expect: Catch::Constraint(6),
        },
        Forgery {
            name: "two rows swapped (keys decrease)",
            edit: |rows, _| {
                rows.swap(2, 3);
                regap(rows);
            },
            expect: Catch::Range(4),
        },
        Forgery {
            name: "a real row after padding",
            edit: |rows, _| {
                let n = rows.len();
                let mut gap = vec![0u32; col::WIDTH];
                std::mem::swap(&mut rows[n - 1], &mut gap);
                rows.push(gap);
            },
            expect: Catch::Constraint(13),
        },
        Forgery {
            name: "a gap one short",
            edit: |rows, _| {
                let i = rows.len() - 1;
                rows[i][col::G_LO] = fadd(rows[i][col::G_LO], 1);
            },
            expect: Catch::Constraint(14),
        },
    ]
}

#[test]
fn forged_boundaries_are_caught() {
    let program = program();
    let public = public(&program);
    let mut b = replay(&program);
    let honest = real_rows(&boundary::build(&mut b).unwrap());
    assert_eq!(
        diagnose_boundary(&program, &to_trace(&honest)),
        Catch::Missed
    );
    let mut failures = Vec::new();
    for f in forgeries() {
        let mut rows = honest.clone();
        (f.edit)(&mut rows, &public);
        let got = diagnose_boundary(&program, &to_trace(&rows));
        if got != f.expect {
            failures.push(format!(
                "{}: expected {:?}, got {:?}",
                f.name, f.expect, got
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
