//! Regression: boundary keys cannot wrap around modulo p. With keys
//! 4 wa + space (up to 2^30) a gap in [0, 2^30) could step from a high key
//! back to a low one, giving a cell two initial values; a forged receipt
//! then claimed exit code 0 for a program exiting with 1. Keys are now
//! 3 wa + space (< 3 * 2^28), so key + 1 + gap < p and keys strictly increase.

use p3_matrix::dense::RowMajorMatrix;
use zkvm_executor::testing::asm;
use zkvm_executor::testing::elf_writer::ElfBuilder;
use zkvm_prover::rv32im::{build_trace, check_trace, TraceViolation};
use zkvm_prover::types::{from_u32, to_u32, F};
use zkvm_verifier::air::rv32im_v1 as air;
use zkvm_verifier::field;
use zkvm_verifier::receipt::program::load_program;

fn get(t: &RowMajorMatrix<F>, r: usize, c: usize) -> u32 {
    to_u32(t.values[r * air::WIDTH + c])
}
fn set(t: &mut RowMajorMatrix<F>, r: usize, c: usize, v: u32) {
    t.values[r * air::WIDTH + c] = from_u32(v);
}
fn bump(t: &mut RowMajorMatrix<F>, col: usize, top: u32, v: u32, delta: i64) {
    let row = v.min(top) as usize;
    assert!(v <= top, "range value {v} > {top}");
    let cur = get(t, row, col) as i64;
    set(
        t,
        row,
        col,
        (cur + delta).rem_euclid(field::P as i64) as u32,
    );
}
fn u16u12(t: &mut RowMajorMatrix<F>, v: u32, d: i64) {
    bump(t, air::M16, 65535, v & 0xFFFF, d);
    bump(t, air::M12, 4095, v >> 16, d);
}
fn u16u14(t: &mut RowMajorMatrix<F>, v: u32, d: i64) {
    bump(t, air::M16, 65535, v & 0xFFFF, d);
    bump(t, air::M14, 16383, v >> 16, d);
}

#[test]
fn a_cell_cannot_get_a_second_boundary_row_by_wrapping_keys() {
    let mut code = vec![];
    code.extend(asm::exit(1)); // li a0, 1; li a7, 93; ecall
    let elf = ElfBuilder::with_text(&code).build();
    let program = load_program(&elf).unwrap();
    let w = build_trace(&program, &elf, &[], 1 << 20).unwrap();
    check_trace(&program, &w.trace, &w.public_values, &[], &w.output).expect("honest");
    let mut t = w.trace.clone();
    let n = t.values.len() / air::WIDTH;
    let ex = (0..n).find(|&r| get(&t, r, air::F_EXIT) == 1).unwrap();
    // Exit row: a0 read at port 1 now returns the initial value 0 (ts 0).
    let clk = get(&t, ex, air::CLK);
    let ts1 = 8 * clk + 1;
    let t_prev = get(&t, ex, air::T0 + 1);
    let old_gap = ts1 - t_prev - 1;
    u16u12(&mut t, old_gap, -1);
    set(&mut t, ex, air::V2_LO, 0);
    set(&mut t, ex, air::V2_HI, 0);
    for i in 0..32 {
        set(&mut t, ex, air::Y + i, 0);
    }
    set(&mut t, ex, air::T0 + 1, 0);
    let g = ts1 - 1;
    set(&mut t, ex, air::GAP0 + 2, g & 0xFFFF);
    set(&mut t, ex, air::GAP0 + 3, g >> 16);
    u16u12(&mut t, g, 1);
    // The honest boundary row of x10 now receives the last honest write (value 1, t_prev).
    let nb = w.boundary_rows;
    let b10 = (0..nb)
        .find(|&r| get(&t, r, air::B_SPACE) == 0 && get(&t, r, air::B_WA) == 10)
        .unwrap();
    set(&mut t, b10, air::B_FIN_TS, t_prev);
    // Row nb: a zero row for the top stack word (key 2^30 - 3).
    let key = |t: &RowMajorMatrix<F>, r: usize| 3 * get(t, r, air::B_WA) + get(t, r, air::B_SPACE);
    let last_key = key(&t, nb - 1);
    let j = program
        .zero_intervals
        .iter()
        .position(|z| z.hi == 1 << 28)
        .unwrap();
    let z = &program.zero_intervals[j];
    let wa = (1u32 << 28) - 1;
    set(&mut t, nb, air::B_ZERO, 1);
    set(&mut t, nb, air::B_SPACE, 1);
    set(&mut t, nb, air::B_WA, wa);
    set(&mut t, nb, air::B_SEL0 + j, 1);
    let (e1, e2) = (wa - z.lo, z.hi - 1 - wa);
    set(&mut t, nb, air::B_E1_LO, e1 & 0xFFFF);
    set(&mut t, nb, air::B_E1_HI, e1 >> 16);
    set(&mut t, nb, air::B_E2_LO, e2 & 0xFFFF);
    set(&mut t, nb, air::B_E2_HI, e2 >> 16);
    u16u12(&mut t, e1, 1);
    u16u12(&mut t, e2, 1);
    let gap = key(&t, nb) - last_key - 1;
    set(&mut t, nb, air::B_GAP_LO, gap & 0xFFFF);
    set(&mut t, nb, air::B_GAP_HI, gap >> 16);
    u16u14(&mut t, gap, 1);
    // Row nb + 1: a second boundary row for x10 (key 40), after the "wrap".
    let r2 = nb + 1;
    set(&mut t, r2, air::B_IMG, 1);
    set(&mut t, r2, air::B_SPACE, 0);
    set(&mut t, r2, air::B_WA, 10);
    set(&mut t, r2, air::B_FIN_TS, ts1);
    let gap2 = ((key(&t, r2) as i64 - key(&t, nb) as i64 - 1).rem_euclid(field::P as i64)) as u32;
    // With keys 3 wa + space < 3 * 2^28, a decrease needs a gap above 2^30:
    // it does not fit the 16 + 14-bit range check.
    assert!(gap2 >= 1 << 30, "wrapped gap {gap2} fits the range check");
    set(&mut t, r2, air::B_GAP_LO, gap2 & 0xFFFF);
    set(&mut t, r2, air::B_GAP_HI, gap2 >> 16);
    bump(&mut t, air::M16, 65535, gap2 & 0xFFFF, 1);
    let img = program.rows.len() + 10;
    let m = get(&t, img, air::MFIX);
    set(&mut t, img, air::MFIX, m + 1);
    let mut pv = w.public_values.clone();
    pv[air::PV_EXIT_LO] = 0;
    pv[air::PV_EXIT_HI] = 0;
    assert_eq!(
        check_trace(&program, &t, &pv, &[], &w.output),
        Err(TraceViolation::BusUnbalanced)
    );
}
