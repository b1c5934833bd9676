//! Forged RV32IM witnesses are rejected by `check_trace` (the normative AIR:
//! every constraint on every row pair plus the LogUp bus with the verifier's
//! boundary messages).
//!
//! Each forgery starts from the honest trace of a tiny program, changes one
//! semantic fact (a result bit, a loaded byte, a branch decision, a stored
//! word, a syscall count or byte, a public value...) and then recomputes,
//! as an honest-looking prover would, every other cell it can: bit
//! decompositions, carries, product limbs and carries, the division
//! witness, the rd port's written value, the next receiver of the changed
//! register or memory word (a later rd port, or the boundary row's final
//! value), timestamps and gaps after a dropped row, and every range-table
//! and fixed-table multiplicity (`Forgery::reseal`). `Forgery::expect`
//! then asserts both what `check_trace` reports and an exact diagnosis: the
//! first failing constraint, and that the bus balances (or exactly which
//! LogUp tags do not), i.e. that the semantic lie is the only remaining
//! inconsistency and which constraint or lookup catches it.

mod rv32im_common;

use rv32im_common::*;
use zkvm_executor::testing::asm;
use zkvm_verifier::air::rv32im_v1 as air;
use zkvm_verifier::receipt::program as prog;

const RD: u32 = 28; // t3: every case writes it; the next case overwrites it unread.
const RS1: u32 = reg::T0;
const RS2: u32 = reg::T1;

/// `li t0, x; li t1, y; instr` -> pc of instr.
fn case(a: &mut Asm, x: u32, y: u32, instr: u32) -> u32 {
    a.li(RS1, x);
    a.li(RS2, y);
    a.emit(instr)
}

fn report(test: &str, lines: &[String], min: usize) {
    println!("{test}: {} forgeries rejected", lines.len());
    assert!(lines.len() >= min);
}

// ============================================================ ALU (RV32I)

#[test]
fn alu_forgeries() {
    let mut a = Asm::new();
    let add = case(&mut a, 0x1234_5678, 0x0FED_CBA9, asm::add(RD, RS1, RS2));
    let add_carry = case(&mut a, 0xFFFF, 1, asm::add(RD, RS1, RS2));
    let addi = case(&mut a, 0, 0, asm::addi(RD, RS1, -1));
    let sub = case(&mut a, 5, 7, asm::sub(RD, RS1, RS2));
    let slt = case(&mut a, u32::MAX, 1, asm::slt(RD, RS1, RS2));
    let slti = case(&mut a, 3, 0, asm::slti(RD, RS1, -5));
    let sltu = case(&mut a, 5, 7, asm::sltu(RD, RS1, RS2));
    let sltiu = case(&mut a, u32::MAX, 0, asm::sltiu(RD, RS1, -1));
    let xor = case(&mut a, 0xF0F0_1234, 0x0FF0_4321, asm::xor(RD, RS1, RS2));
    let xori = case(&mut a, 0x1234_5678, 0, asm::xori(RD, RS1, -1));
    let or = case(&mut a, 0x1234_5678, 0x0F0F_0F0E, asm::or(RD, RS1, RS2));
    let ori = case(&mut a, 0x1234_5600, 0, asm::ori(RD, RS1, 0x0F0));
    let and = case(&mut a, 0xFFFF_FFFF, 0x0001_0000, asm::and(RD, RS1, RS2));
    let andi = case(&mut a, 0xFFFF_FFFF, 0, asm::andi(RD, RS1, 0x7FF));
    let sll = case(&mut a, 0x1234_5678, 4, asm::sll(RD, RS1, RS2));
    let sll33 = case(&mut a, 0x1234_5678, 33, asm::sll(RD, RS1, RS2));
    let srli0 = case(&mut a, 0x8765_4321, 0, asm::srli(RD, RS1, 0));
    let srl = case(&mut a, 0x8765_4321, 12, asm::srl(RD, RS1, RS2));
    let srai31 = case(&mut a, 0x8000_0000, 0, asm::srai(RD, RS1, 31));
    let xor_nb = case(&mut a, 1, 1, asm::xor(RD, RS1, RS2));
    let add_flags = case(&mut a, 3, 4, asm::add(RD, RS1, RS2));
    let add_x0 = case(&mut a, 3, 4, asm::add(RD, 0, RS2));
    a.exit(0);
    let h = run(&elf(&a.finish(), &[], 0), &[]);
    assert_honest(&h);
    let mut out = Vec::new();

    // ADD: result bit flipped, adder output follows, carries kept: the low
    // limb of x + y = w + 2^32 c1 fails.
    let mut f = Forgery::new(&h, "ADD z^1");
    let r = f.row_at(add);
    let z = f.word(r, air::Z) ^ 1;
    f.set_result(r, z);
    f.set_word(r, air::W, z);
    out.push(f.expect(Expect::constraint(r, c::ADD_LO)));

    // ADD 0xffff + 1 = 0 (carry dropped): the adder balances only with the
    // non-boolean high carry c1 = 2^-16 (compensating value).
    let mut f = Forgery::new(&h, "ADD carry dropped, c1 = 1/2^16");
    let r = f.row_at(add_carry);
    f.set_result(r, 0);
    f.set_word(r, air::W, 0);
    f.set(r, air::C0, 1);
    f.set(r, air::C1, finv(1 << 16));
    out.push(f.expect(Expect::constraint(r, c::C1_BOOL)));

    // ADDI without sign extension of the immediate (0 + 0xfff), operand 2
    // and adder recomputed: operand 2 must equal the program's immediate.
    let mut f = Forgery::new(&h, "ADDI imm not sign-extended");
    let r = f.row_at(addi);
    f.set_word(r, air::Y, 0xFFF);
    let w = fill_add(&mut f.t, r, 0, 0xFFF);
    f.set_result(r, w);
    out.push(f.expect(Expect::constraint(r, c::Y_LO)));

    // SUB 5 - 7 = 2 (absolute difference) with the low borrow solved in the
    // field: c0 = 4/2^16 is not boolean.
    let mut f = Forgery::new(&h, "SUB |x-y|, c0 solved in the field");
    let r = f.row_at(sub);
    f.set_result(r, 2);
    f.set_word(r, air::W, 2);
    let c0 = fdiv16(fs(2 + 7, 5));
    f.set(r, air::C0, c0);
    f.set(r, air::C1, fdiv16(c0));
    out.push(f.expect(Expect::constraint(r, c::C0_BOOL)));

    // SLT -1 < 1 claimed false (unsigned answer).
    let mut f = Forgery::new(&h, "SLT signed compare as unsigned");
    let r = f.row_at(slt);
    f.set_result(r, 0);
    out.push(f.expect(Expect::constraint(r, c::SLT_Z)));

    // SLTI 3 < -5 claimed true.
    let mut f = Forgery::new(&h, "SLTI 3 < -5");
    let r = f.row_at(slti);
    f.set_result(r, 1);
    out.push(f.expect(Expect::constraint(r, c::SLT_Z)));

    // SLTU 5 <u 7 claimed false with the borrow c1 cleared to match: the
    // subtractor's high limb fails.
    let mut f = Forgery::new(&h, "SLTU 5 <u 7 false, c1 = 0");
    let r = f.row_at(sltu);
    f.set_result(r, 0);
    f.set(r, air::C1, 0);
    out.push(f.expect(Expect::constraint(r, c::SUB_HI)));

    // SLTIU -1 <u 0xffffffff claimed true.
    let mut f = Forgery::new(&h, "SLTIU max <u max");
    let r = f.row_at(sltiu);
    f.set_result(r, 1);
    out.push(f.expect(Expect::constraint(r, c::SLTU_Z)));

    // Bitwise ops: one result bit flipped, caught by that bit's constraint.
    for (name, pc, bit) in [
        ("XOR", xor, 7),
        ("XORI", xori, 31),
        ("OR", or, 0),
        ("ORI", ori, 4),
        ("AND", and, 16),
        ("ANDI", andi, 10),
    ] {
        let mut f = Forgery::new(&h, &format!("{name} z bit {bit} flipped"));
        let r = f.row_at(pc);
        let z = f.word(r, air::Z) ^ (1 << bit);
        f.set_result(r, z);
        out.push(f.expect(Expect::constraint(r, c::BITWISE0 + bit)));
    }

    // SLL by 4 computed with the factor 2^5 (product limbs and carries
    // honest for it): the shift-factor lookup (0, 4, bytes of 2^5, 1) is not
    // in the fixed table.
    let mut f = Forgery::new(&h, "SLL factor of another shift");
    let r = f.row_at(sll);
    let x = f.word(r, air::X);
    let p = fill_mul(&mut f.t, r, x, false, 1 << 5, false);
    f.set_result(r, p[0] | p[1] << 16);
    out.push(f.expect(Expect::bus(&[air::TAG_POW2])));

    // SLL by 33 without masking (x << 33 = 0 with factor 0).
    let mut f = Forgery::new(&h, "SLL 33 unmasked");
    let r = f.row_at(sll33);
    let x = f.word(r, air::X);
    fill_mul(&mut f.t, r, x, false, 0, false);
    f.set_result(r, 0);
    out.push(f.expect(Expect::bus(&[air::TAG_POW2])));

    // SRLI by 0 taken as "shift by 32" (nz = 1, high word of x * 1 = 0):
    // (1, 0, 1, 0, 0, 0, nz = 1) is not a table row.
    let mut f = Forgery::new(&h, "SRLI 0 with nz = 1");
    let r = f.row_at(srli0);
    f.set(r, air::NZ, 1);
    f.set(r, air::TH, 1);
    let p2 = f.get(r, air::P0 + 2);
    let p3 = f.get(r, air::P0 + 3);
    f.set_result(r, p2 | p3 << 16);
    out.push(f.expect(Expect::bus(&[air::TAG_POW2])));

    // SRL by 12 with the low product word selected (th = 0): th is fixed by
    // the op and nz.
    let mut f = Forgery::new(&h, "SRL th = 0");
    let r = f.row_at(srl);
    f.set(r, air::TH, 0);
    let z = f.get(r, air::P0) | f.get(r, air::P0 + 1) << 16;
    f.set_result(r, z);
    out.push(f.expect(Expect::constraint(r, c::TH)));

    // SRAI 0x80000000 by 31 computed as a logical shift (sa = 0): = 1.
    let mut f = Forgery::new(&h, "SRAI as logical shift");
    let r = f.row_at(srai31);
    let x = f.word(r, air::X);
    let p = fill_mul(&mut f.t, r, x, false, 2, false);
    f.set_result(r, p[2] | p[3] << 16);
    out.push(f.expect(Expect::constraint(r, c::SA)));

    // Non-boolean bit with a compensating value: x = 1 held as bits
    // (-1, 1, 0, ...) (same word on the bus), so XOR bit by bit gives
    // z bits (2, 1) = 4 instead of 1 ^ 1 = 0. The booleanity of x0 catches it.
    let mut f = Forgery::new(&h, "XOR with x bits (-1, 1)");
    let r = f.row_at(xor_nb);
    f.set(r, air::X, fneg(1));
    f.set(r, air::X + 1, 1);
    f.set(r, air::Z, 2);
    f.set(r, air::Z + 1, 1);
    f.patch_next_old(prog::SPACE_REG, RD, r, air::PORT_RD, 4);
    out.push(f.expect(Expect::constraint(r, c::X_BIT0)));

    // Non-boolean op flags that still encode op 18 (ADD) for the program
    // lookup: SUB = 3/2, SLT = -1/2 (sum 1, 19*3/2 - 21/2 = 18).
    let mut f = Forgery::new(&h, "ADD row with flags SUB = 3/2, SLT = -1/2");
    let r = f.row_at(add_flags);
    let half = finv(2);
    f.set(r, air::FLAG0 + prog::OP_ADD as usize, 0);
    f.set(r, air::FLAG0 + prog::OP_SUB as usize, fm(3, half));
    f.set(r, air::FLAG0 + prog::OP_SLT as usize, fneg(half));
    out.push(f.expect(Expect::constraint(r, c::FLAG_BOOL0 + prog::OP_SUB as usize)));

    // x0 read as 5 (operand and adder consistent): x0 is never written.
    let mut f = Forgery::new(&h, "x0 reads as 5");
    let r = f.row_at(add_x0);
    f.set_word(r, air::X, 5);
    let w = fill_add(&mut f.t, r, 5, 4);
    f.set_result(r, w);
    out.push(f.expect(Expect::bus(&[air::TAG_MEM])));

    report("alu_forgeries", &out, 22);
}

// ============================================================ M extension

#[test]
fn muldiv_forgeries() {
    let mut a = Asm::new();
    let mul = case(&mut a, 0x1234_5678, 0x9ABC_DEF0, asm::mul(RD, RS1, RS2));
    let mul_th = case(&mut a, 0x1234_5678, 0x9ABC_DEF0, asm::mul(RD, RS1, RS2));
    let mulh = case(&mut a, (-3i32) as u32, 5, asm::mulh(RD, RS1, RS2));
    let mulhsu = case(&mut a, u32::MAX, u32::MAX, asm::mulhsu(RD, RS1, RS2));
    let mulhu = case(&mut a, u32::MAX, u32::MAX, asm::mulhu(RD, RS1, RS2));
    let div_big_r = case(&mut a, 7, 2, asm::div(RD, RS1, RS2));
    let div_swap = case(&mut a, 7, 2, asm::div(RD, RS1, RS2));
    let div0 = case(&mut a, 7, 0, asm::div(RD, RS1, RS2));
    let div_yz = case(&mut a, 5, 1, asm::div(RD, RS1, RS2));
    let divu_ovf = case(&mut a, 0x8000_0000, u32::MAX, asm::divu(RD, RS1, RS2));
    let div_ovf = case(&mut a, 0x8000_0000, u32::MAX, asm::div(RD, RS1, RS2));
    let div_ovf_q = case(&mut a, 0x8000_0000, u32::MAX, asm::div(RD, RS1, RS2));
    let rem_sign = case(&mut a, (-7i32) as u32, 2, asm::rem(RD, RS1, RS2));
    let div_floor = case(&mut a, (-7i32) as u32, 2, asm::div(RD, RS1, RS2));
    let remu = case(&mut a, 100, 7, asm::remu(RD, RS1, RS2));
    let remu0 = case(&mut a, 100, 0, asm::remu(RD, RS1, RS2));
    let divu_wrap = case(&mut a, 100, 7, asm::divu(RD, RS1, RS2));
    a.exit(0);
    let h = run(&elf(&a.finish(), &[], 0), &[]);
    assert_honest(&h);
    let mut out = Vec::new();

    // MUL result bit flipped, product limbs forced to it, carries solved in
    // the field: the U14 range checks on the carries fail.
    let mut f = Forgery::new(&h, "MUL z^32, carries in the field");
    let r = f.row_at(mul);
    let z = f.word(r, air::Z) ^ 32;
    let p = [
        z & 0xFFFF,
        z >> 16,
        f.get(r, air::P0 + 2),
        f.get(r, air::P0 + 3),
    ];
    force_product(&mut f.t, r, p);
    f.set_result(r, z);
    out.push(f.expect(Expect::bus(&[air::TAG_U14])));

    // MUL returning the high word (th = 1).
    let mut f = Forgery::new(&h, "MUL returns the high word");
    let r = f.row_at(mul_th);
    f.set(r, air::TH, 1);
    let z = f.get(r, air::P0 + 2) | f.get(r, air::P0 + 3) << 16;
    f.set_result(r, z);
    out.push(f.expect(Expect::constraint(r, c::TH)));

    // MULH -3 * 5 computed unsigned (sa = 0), multiplier honest for it.
    let mut f = Forgery::new(&h, "MULH unsigned");
    let r = f.row_at(mulh);
    let (x, y) = (f.word(r, air::X), f.word(r, air::Y));
    let p = fill_mul(&mut f.t, r, x, false, y, false);
    f.set_result(r, p[2] | p[3] << 16);
    out.push(f.expect(Expect::constraint(r, c::SA)));

    // MULHSU with y taken as signed (sb = 1): (-1)(-1) -> high word 0.
    let mut f = Forgery::new(&h, "MULHSU signed y");
    let r = f.row_at(mulhsu);
    let (x, y) = (f.word(r, air::X), f.word(r, air::Y));
    let p = fill_mul(&mut f.t, r, x, true, y, true);
    f.set_result(r, p[2] | p[3] << 16);
    out.push(f.expect(Expect::constraint(r, c::SB)));

    // MULHU high word + 1, top limb forced, top carry solved in the field.
    let mut f = Forgery::new(&h, "MULHU z+1");
    let r = f.row_at(mulhu);
    let z = f.word(r, air::Z).wrapping_add(1);
    let p = [
        f.get(r, air::P0),
        f.get(r, air::P0 + 1),
        z & 0xFFFF,
        z >> 16,
    ];
    force_product(&mut f.t, r, p);
    f.set_result(r, z);
    out.push(f.expect(Expect::bus(&[air::TAG_U14])));

    // DIV 7 / 2 = 2 rem 3 (r >= |y|): the identity holds, |y| - |r| - 1 is
    // negative and its high limb fails the U16 check.
    let mut f = Forgery::new(&h, "DIV r >= |y|");
    let r = f.row_at(div_big_r);
    f.div(r, prog::OP_DIV, 7, 2, 2, 3, false);
    f.set_result(r, 2);
    out.push(f.expect(Expect::bus(&[air::TAG_U16])));

    // DIV returning the remainder (q/r swapped in z).
    let mut f = Forgery::new(&h, "DIV z = r");
    let r = f.row_at(div_swap);
    let rem = f.word(r, air::W);
    f.set_result(r, rem);
    out.push(f.expect(Expect::constraint(r, c::Q_Z_LO)));

    // DIV by zero returning q = 0 (r = x): yz forces q = -1.
    let mut f = Forgery::new(&h, "DIV by 0 gives 0");
    let r = f.row_at(div0);
    f.div(r, prog::OP_DIV, 7, 0, 0, 7, false);
    f.set_result(r, 0);
    out.push(f.expect(Expect::constraint(r, c::YZ_U_LO)));

    // DIV 5 / 1 with yz set although y != 0: q = -1, r = 6 satisfies the
    // identity (-1 * 1 + 6 = 5) and yz switches the remainder bound off.
    let mut f = Forgery::new(&h, "DIV yz with y = 1");
    let r = f.row_at(div_yz);
    f.div(r, prog::OP_DIV, 5, 1, u32::MAX, 6, false);
    f.set(r, air::YZ, 1);
    f.set(r, air::YINV, 0);
    f.set(r, air::BD, 0);
    f.set(r, air::DLT_LO, 0);
    f.set(r, air::DLT_HI, 0);
    f.set_result(r, u32::MAX);
    out.push(f.expect(Expect::constraint(r, c::YZ_Y)));

    // DIVU 2^31 / (2^32 - 1) claimed to overflow (ovf on an unsigned op).
    let mut f = Forgery::new(&h, "DIVU with ovf");
    let r = f.row_at(divu_ovf);
    f.div(
        r,
        prog::OP_DIVU,
        0x8000_0000,
        u32::MAX,
        0x8000_0000,
        0,
        true,
    );
    f.set_result(r, 0x8000_0000);
    out.push(f.expect(Expect::constraint(r, c::OVF_SIGNED)));

    // DIV INT_MIN / -1 without the ovf flag: no boolean carry fits.
    let mut f = Forgery::new(&h, "DIV INT_MIN/-1 ovf cleared");
    let r = f.row_at(div_ovf);
    f.div(
        r,
        prog::OP_DIV,
        0x8000_0000,
        u32::MAX,
        0x8000_0000,
        0,
        false,
    );
    out.push(f.expect(Expect::constraint(r, c::D2_BOOL)));

    // DIV INT_MIN / -1 saturating to 0x7fffffff.
    let mut f = Forgery::new(&h, "DIV INT_MIN/-1 saturates");
    let r = f.row_at(div_ovf_q);
    f.div(r, prog::OP_DIV, 0x8000_0000, u32::MAX, 0x7FFF_FFFF, 0, true);
    out.push(f.expect(Expect::constraint(r, c::OVF_U_LO)));

    // REM -7 % 2 = +1 with q = -4 (floored division): identity and bound
    // hold, the remainder's sign differs from the dividend's.
    let mut f = Forgery::new(&h, "REM floored");
    let r = f.row_at(rem_sign);
    f.div(r, prog::OP_REM, (-7i32) as u32, 2, (-4i32) as u32, 1, false);
    out.push(f.expect(Expect::constraint(r, c::REM_SIGN_NEG)));

    // DIV -7 / 2 = -4 (floored).
    let mut f = Forgery::new(&h, "DIV floored");
    let r = f.row_at(div_floor);
    f.div(r, prog::OP_DIV, (-7i32) as u32, 2, (-4i32) as u32, 1, false);
    out.push(f.expect(Expect::constraint(r, c::REM_SIGN_NEG)));

    // REMU 100 % 7 = 9 (q = 13).
    let mut f = Forgery::new(&h, "REMU r >= y");
    let r = f.row_at(remu);
    f.div(r, prog::OP_REMU, 100, 7, 13, 9, false);
    out.push(f.expect(Expect::bus(&[air::TAG_U16])));

    // REMU 100 % 0 = 0: the identity x = q y + r has no boolean carry.
    let mut f = Forgery::new(&h, "REMU by 0 gives 0");
    let r = f.row_at(remu0);
    f.div(r, prog::OP_REMU, 100, 0, u32::MAX, 0, false);
    out.push(f.expect(Expect::constraint(r, c::D0_BOOL)));

    // DIVU 100 / 7 = 15 with the wrapped remainder 2^32 - 5: the identity's
    // top carry is not boolean and |r| >= |y| fails the range check.
    let mut f = Forgery::new(&h, "DIVU wrapped remainder");
    let r = f.row_at(divu_wrap);
    f.div(r, prog::OP_DIVU, 100, 7, 15, (-5i32) as u32, false);
    f.set_result(r, 15);
    out.push(f.expect(Expect::both(r, c::D2_BOOL, &[air::TAG_U16])));

    report("muldiv_forgeries", &out, 17);
}

// ============================================================ loads and stores

const BASE: u32 = reg::S0;

fn memory_data() -> Vec<u8> {
    let mut d = vec![0u8; 64];
    d[0..4].copy_from_slice(&[0x80, 0xFF, 0x7F, 0x01]);
    d[4..8].copy_from_slice(&[0x34, 0x82, 0x56, 0xF8]);
    d[8..12].copy_from_slice(&[0x11, 0x22, 0x33, 0x44]);
    d[12..16].copy_from_slice(&[0xEF, 0xBE, 0xAD, 0xDE]);
    d[16..20].copy_from_slice(&[1, 2, 3, 4]);
    d[20..24].copy_from_slice(&[0x55, 0x66, 0x77, 0x88]);
    d[24..28].copy_from_slice(&[0x99, 0xAA, 0xBB, 0xCC]);
    d[36..40].copy_from_slice(&[0x5A, 0xA5, 0x5A, 0xA5]);
    d[40..44].copy_from_slice(&[9, 8, 7, 6]);
    d
}

/// Changes the memory word that the mem port of row `r` reads (and passes
/// on unchanged) to `v`, patching the word's next receiver.
fn forge_loaded_word(f: &mut Forgery, r: usize, v: u32, sub_word: bool) {
    if sub_word {
        f.set_word(r, air::U, v);
    }
    set_limbs(&mut f.t, r, air::MOLD_LO, v);
    set_limbs(&mut f.t, r, air::MNEW_LO, v);
    let (space, wa) = (f.get(r, air::MSPACE), f.get(r, air::MWA));
    f.patch_next_old(space, wa, r, air::PORT_MEM, v);
}

/// Changes the word a store writes to `v`, patching the next receiver.
fn forge_stored_word(f: &mut Forgery, r: usize, v: u32) {
    set_limbs(&mut f.t, r, air::MNEW_LO, v);
    let (space, wa) = (f.get(r, air::MSPACE), f.get(r, air::MWA));
    f.patch_next_old(space, wa, r, air::PORT_MEM, v);
}

#[test]
fn memory_forgeries() {
    let mut a = Asm::new();
    a.li(BASE, DATA);
    a.li(RS2, 0xA1B2_C3D4);
    let lb = a.emit(asm::lb(RD, BASE, 0));
    let lbu_lane = a.emit(asm::lbu(RD, BASE, 1));
    let lbu_nb = a.emit(asm::lbu(RD, BASE, 1));
    let lh = a.emit(asm::lh(RD, BASE, 4));
    let lh_hi = a.emit(asm::lh(RD, BASE, 6));
    let lhu = a.emit(asm::lhu(RD, BASE, 6));
    let lb_mem = a.emit(asm::lb(RD, BASE, 9));
    let lw = a.emit(asm::lw(RD, BASE, 12));
    let lw_mem = a.emit(asm::lw(RD, BASE, 16));
    let sb = a.emit(asm::sb(RS2, BASE, 22));
    let sh = a.emit(asm::sh(RS2, BASE, 26));
    let sw = a.emit(asm::sw(RS2, BASE, 28));
    let sw_rom = a.emit(asm::sw(RS2, BASE, 32));
    let lw_zero = a.emit(asm::lw(RD, BASE, 36));
    let lw_dup = a.emit(asm::lw(RD, BASE, 40));
    // Timestamp probe: t4 = 5, then t5 = t4 + 0, then t4 overwritten.
    let ts_a = a.emit(asm::addi(29, 0, 5));
    let ts_b = a.emit(asm::add(30, 29, 0));
    a.li(29, 9);
    a.exit(0);
    let h = run(&elf(&a.finish(), &memory_data(), 128), &[]);
    assert_honest(&h);
    let mut out = Vec::new();

    // LB 0x80 without sign extension.
    let mut f = Forgery::new(&h, "LB not sign-extended");
    let r = f.row_at(lb);
    f.set_result(r, 0x80);
    out.push(f.expect(Expect::constraint(r, c::LB_LO)));

    // LBU at offset 1 reading lane 0 (lane one-hot moved, byte of lane 0).
    let mut f = Forgery::new(&h, "LBU wrong lane");
    let r = f.row_at(lbu_lane);
    f.set(r, air::L0 + 1, 0);
    f.set(r, air::L0, 1);
    f.set_result(r, 0x80);
    out.push(f.expect(Expect::constraint(r, c::LANE_W0)));

    // LBU at offset 1 with lanes (1, 0, -1, 1): sum 1, l1 + l3 = w0 = 1,
    // l2 + l3 = w1 = 0, selecting byte0 - byte2 + byte3 = 0x80 - 0x7f + 1 = 2.
    let mut f = Forgery::new(&h, "LBU non-boolean lanes");
    let r = f.row_at(lbu_nb);
    f.set(r, air::L0, 1);
    f.set(r, air::L0 + 1, 0);
    f.set(r, air::L0 + 2, fneg(1));
    f.set(r, air::L0 + 3, 1);
    f.set_result(r, 2);
    out.push(f.expect(Expect::constraint(r, c::L0_BOOL + 2 * 2)));

    // LH 0x8234 zero-extended.
    let mut f = Forgery::new(&h, "LH not sign-extended");
    let r = f.row_at(lh);
    f.set_result(r, 0x8234);
    out.push(f.expect(Expect::constraint(r, c::LH_HI)));

    // LH at offset 6 returning the low half.
    let mut f = Forgery::new(&h, "LH wrong half");
    let r = f.row_at(lh_hi);
    f.set_result(r, 0xFFFF_8234);
    out.push(f.expect(Expect::constraint(r, c::LH_LO)));

    // LHU at offset 6 returning the low half.
    let mut f = Forgery::new(&h, "LHU wrong half");
    let r = f.row_at(lhu);
    f.set_result(r, 0x8234);
    out.push(f.expect(Expect::constraint(r, c::LHU_LO)));

    // LB of a byte the memory never held: the word read (u, old, new) and
    // its final value are patched, the image's initial word is not.
    let mut f = Forgery::new(&h, "LB loaded byte changed");
    let r = f.row_at(lb_mem);
    forge_loaded_word(&mut f, r, 0x4433_9911, true);
    f.set_result(r, 0xFFFF_FF99);
    out.push(f.expect(Expect::bus(&[air::TAG_MEM])));

    // LW result bit flipped.
    let mut f = Forgery::new(&h, "LW z^1");
    let r = f.row_at(lw);
    let z = f.word(r, air::Z) ^ 1;
    f.set_result(r, z);
    out.push(f.expect(Expect::constraint(r, c::LW_LO)));

    // LW of a word the memory never held (old, new, final patched).
    let mut f = Forgery::new(&h, "LW loaded word changed");
    let r = f.row_at(lw_mem);
    let v = f.word(r, air::Z) ^ 0x0100_0000;
    forge_loaded_word(&mut f, r, v, false);
    f.set_result(r, v);
    out.push(f.expect(Expect::bus(&[air::TAG_MEM])));

    // SB into lane 2 with a different byte (final value patched).
    let mut f = Forgery::new(&h, "SB stored byte changed");
    let r = f.row_at(sb);
    let v = limbs(&f.t, r, air::MNEW_LO) ^ 0x0001_0000;
    forge_stored_word(&mut f, r, v);
    out.push(f.expect(Expect::constraint(r, c::SB_HI)));

    // SB clobbering lane 0 as well.
    let mut f = Forgery::new(&h, "SB clobbers another lane");
    let r = f.row_at(sb);
    let v = limbs(&f.t, r, air::MNEW_LO) ^ 0xFF;
    forge_stored_word(&mut f, r, v);
    out.push(f.expect(Expect::constraint(r, c::SB_LO)));

    // SH at offset 26 (upper half) written into the lower half.
    let mut f = Forgery::new(&h, "SH wrong half");
    let r = f.row_at(sh);
    let old = limbs(&f.t, r, air::MOLD_LO);
    forge_stored_word(&mut f, r, (old & 0xFFFF_0000) | 0xC3D4);
    out.push(f.expect(Expect::constraint(r, c::SH_LO)));

    // SW of a different word.
    let mut f = Forgery::new(&h, "SW stored word changed");
    let r = f.row_at(sw);
    forge_stored_word(&mut f, r, 0xA1B2_C2D4);
    out.push(f.expect(Expect::constraint(r, c::SW_LO)));

    // SW claimed to go to the ROM space (self-modifying code): stores are
    // RAM-only, and the RAM cell's chain no longer closes.
    let mut f = Forgery::new(&h, "SW into space ROM");
    let r = f.row_at(sw_rom);
    f.set(r, air::MSPACE, prog::SPACE_ROM);
    out.push(f.expect(Expect::both(r, c::STORE_RAM, &[air::TAG_MEM])));

    // Zero-initialised boundary row at an image address: the word at
    // DATA+36 (0xa55aa55a) claimed to start as 0 in the data segment's zero
    // tail [DATA+64, DATA+128); the load reads 0. wa - lo = -7 fails U12.
    let mut f = Forgery::new(&h, "zero boundary row at an image word");
    let r = f.row_at(lw_zero);
    let wa = data_wa(36);
    let b = boundary_row(&f.t, prog::SPACE_RAM, wa);
    let (j, zi) = h
        .program
        .zero_intervals
        .iter()
        .enumerate()
        .find(|(_, z)| z.lo == data_wa(64))
        .map(|(j, z)| (j, (z.lo, z.hi)))
        .expect("data tail interval");
    f.set(b, air::B_IMG, 0);
    f.set(b, air::B_ZERO, 1);
    f.set(b, air::B_SEL0 + j, 1);
    set_limbs(&mut f.t, b, air::B_INIT_LO, 0);
    let e1 = fs(wa, zi.0);
    let e2 = zi.1 - 1 - wa;
    f.set(b, air::B_E1_LO, e1 & 0xFFFF);
    f.set(b, air::B_E1_HI, e1 >> 16);
    f.set(b, air::B_E2_LO, e2 & 0xFFFF);
    f.set(b, air::B_E2_HI, e2 >> 16);
    forge_loaded_word(&mut f, r, 0, false);
    f.set_result(r, 0);
    out.push(f.expect(Expect::bus(&[air::TAG_U12])));

    // An extra boundary row duplicating the cell DATA+40 (a second,
    // untouched copy: init sent, the same init received at ts 0, one more
    // image lookup): the keys must strictly increase, gap -1 fails U14.
    let mut f = Forgery::new(&h, "duplicate boundary row");
    let _ = f.row_at(lw_dup);
    let b = boundary_row(&f.t, prog::SPACE_RAM, data_wa(40));
    let mut end = b;
    while f.get(end, air::B_IMG) + f.get(end, air::B_ZERO) == 1 {
        end += 1;
    }
    for row in (b + 1..=end).rev() {
        for col in air::B_IMG..air::WIDTH {
            let v = f.get(row - 1, col);
            f.set(row, col, v);
        }
    }
    // Row b + 1 is now the copy; rows after it keep their key gaps.
    let init = limbs(&f.t, b + 1, air::B_INIT_LO);
    set_limbs(&mut f.t, b + 1, air::B_FIN_LO, init);
    f.set(b + 1, air::B_FIN_TS, 0);
    let gap = fneg(1);
    f.set(b + 1, air::B_GAP_LO, gap & 0xFFFF);
    f.set(b + 1, air::B_GAP_HI, gap >> 16);
    let next_gap = limbs(&h.w.trace, b + 1, air::B_GAP_LO);
    set_limbs(&mut f.t, b + 2, air::B_GAP_LO, next_gap);
    out.push(f.expect(Expect::bus(&[air::TAG_U14])));

    // Timestamps out of order: B = `add t5, t4, x0` claims to read t4 before
    // A = `addi t4, x0, 5` wrote it (B gets 0, the old value), and A's write
    // is chained after B's read: A's previous timestamp is B's, so
    // t_prev >= ts and the gap ts - t_prev - 1 = -5 fails the U12 check.
    // The multiset of memory tuples balances.
    let mut f = Forgery::new(&h, "timestamps out of order");
    let ra = f.row_at(ts_a);
    let rb = f.row_at(ts_b);
    assert_eq!(rb, ra + 1);
    let ts_of = |f: &Forgery, r: usize, port: usize| 8 * f.get(r, air::CLK) + port as u32;
    let (tsa, tsb) = (ts_of(&f, ra, air::PORT_RD), ts_of(&f, rb, air::PORT_RS1));
    let t_orig = f.get(ra, air::T0 + air::PORT_RD);
    let set_gap = |f: &mut Forgery, r: usize, port: usize, t_prev: u32, ts: u32| {
        f.set(r, air::T0 + port, t_prev);
        let g = fs(fs(ts, t_prev), 1);
        f.set(r, air::GAP0 + 2 * port, g & 0xFFFF);
        f.set(r, air::GAP0 + 2 * port + 1, g >> 16);
    };
    let NextAccess::Port(next) = next_access(
        &h.w.trace,
        h.w.cpu_rows,
        prog::SPACE_REG,
        29,
        rb,
        air::PORT_RS1,
    ) else {
        panic!("t4 is overwritten later")
    };
    f.set_word(rb, air::X, 0);
    fill_add(&mut f.t, rb, 0, 0);
    f.set_result(rb, 0);
    set_gap(&mut f, rb, air::PORT_RS1, t_orig, tsb);
    set_gap(&mut f, ra, air::PORT_RD, tsb, tsa);
    set_gap(&mut f, next.row, next.port, tsa, next.ts);
    out.push(f.expect(Expect::bus(&[air::TAG_U12])));

    report("memory_forgeries", &out, 17);
}

// ============================================================ control flow

/// `li t0, x; li t1, y; B: br t0, t1, +12; addi t2, x0, 5; jal x0, +12;
/// T: addi t2, x0, 5; jal x0, +4; E:` -> (pc of B, not-taken path, taken path).
fn diamond(a: &mut Asm, br: BranchFn, x: u32, y: u32) -> (u32, u32, u32) {
    a.li(RS1, x);
    a.li(RS2, y);
    let b = a.emit(br(RS1, RS2, 12));
    a.emit(asm::addi(reg::T2, 0, 5));
    a.emit(asm::jal(0, 12));
    a.emit(asm::addi(reg::T2, 0, 5));
    a.emit(asm::jal(0, 4));
    (b, b + 4, b + 12)
}

#[test]
fn control_forgeries() {
    let mut a = Asm::new();
    type Case = (&'static str, u32, BranchFn, u32, u32, bool);
    let specs: [Case; 12] = [
        ("BEQ", prog::OP_BEQ, asm::beq, 7, 7, true),
        ("BEQ", prog::OP_BEQ, asm::beq, 7, 8, false),
        ("BNE", prog::OP_BNE, asm::bne, 1, 2, true),
        ("BNE", prog::OP_BNE, asm::bne, 2, 2, false),
        ("BLT", prog::OP_BLT, asm::blt, (-1i32) as u32, 1, true),
        ("BLT", prog::OP_BLT, asm::blt, 1, (-1i32) as u32, false),
        ("BGE", prog::OP_BGE, asm::bge, 5, 5, true),
        (
            "BGE",
            prog::OP_BGE,
            asm::bge,
            0x8000_0000,
            0x7FFF_FFFF,
            false,
        ),
        ("BLTU", prog::OP_BLTU, asm::bltu, 1, (-1i32) as u32, true),
        ("BLTU", prog::OP_BLTU, asm::bltu, (-1i32) as u32, 1, false),
        ("BGEU", prog::OP_BGEU, asm::bgeu, (-1i32) as u32, 1, true),
        ("BGEU", prog::OP_BGEU, asm::bgeu, 0, 1, false),
    ];
    let diamonds: Vec<_> = specs
        .iter()
        .map(|s| diamond(&mut a, s.2, s.3, s.4))
        .collect();
    // JAL: J: jal ra, +4 -> L1; L1: addi t2, x0, 1; jal x0, N; L2: same; N:
    let jal = a.emit(asm::jal(reg::RA, 4));
    a.emit(asm::addi(reg::T2, 0, 1));
    a.emit(asm::jal(0, 12));
    let jal_l2 = a.emit(asm::addi(reg::T2, 0, 1));
    a.emit(asm::jal(0, 4));
    let jal_link = a.emit(asm::jal(reg::RA, 4));
    // JALR: A: auipc t0, 0; addi t0, t0, 12; jalr ra, t0, 0; L1: ...; L2: ...; N:
    let mut jalr_blocks = Vec::new();
    for _ in 0..2 {
        let auipc = a.emit(asm::auipc(RS1, 0));
        a.emit(asm::addi(RS1, RS1, 12));
        let jalr = a.emit(asm::jalr(reg::RA, RS1, 0));
        a.emit(asm::addi(reg::T2, 0, 1));
        a.emit(asm::jal(0, 12));
        let l2 = a.emit(asm::addi(reg::T2, 0, 1));
        a.emit(asm::jal(0, 4));
        assert_eq!(jalr, auipc + 8);
        jalr_blocks.push((jalr, l2));
    }
    let lui = a.emit(asm::lui(reg::S1, 0x12345));
    let auipc = a.emit(asm::auipc(18, 0x1));
    a.exit(0);
    let h = run(&elf(&a.finish(), &[], 0), &[]);
    assert_honest(&h);
    let mut out = Vec::new();

    // Branches: the decision flipped, next pc and the two rows of the other
    // (identical) path moved to their addresses; only the comparison lies.
    for (spec, &(b, fall, taken_pc)) in specs.iter().zip(&diamonds) {
        let (name, op, _, x, y, taken) = *spec;
        let what = if taken {
            "taken -> not taken"
        } else {
            "not taken -> taken"
        };
        let mut f = Forgery::new(&h, &format!("{name} {x:#x},{y:#x} {what}"));
        let r = f.row_at(b);
        assert_eq!(f.get(r, air::TAKEN), taken as u32);
        let new_taken = !taken;
        let other = if new_taken { taken_pc } else { fall };
        f.set(r, air::TAKEN, new_taken as u32);
        f.set(r, air::NEXT_PC, other);
        if (op == prog::OP_BEQ && new_taken) || (op == prog::OP_BNE && !new_taken) {
            f.set(r, air::EINV, 0);
        }
        f.move_to_pc(r + 1, other);
        f.move_to_pc(r + 2, other + 4);
        let expect = match (op, taken) {
            (prog::OP_BEQ, true) => c::BEQ_NOT_TAKEN,
            (prog::OP_BEQ, false) => c::BEQ_TAKEN,
            (prog::OP_BNE, true) => c::BNE_NOT_TAKEN,
            (prog::OP_BNE, false) => c::BNE_TAKEN,
            (prog::OP_BLT, _) => c::BLT,
            (prog::OP_BGE, _) => c::BGE,
            (prog::OP_BLTU, _) => c::BLTU,
            _ => c::BGEU,
        };
        out.push(f.expect(Expect::constraint(r, expect)));
    }

    // JAL to another (identical) block than its target.
    let mut f = Forgery::new(&h, "JAL to another block");
    let r = f.row_at(jal);
    f.set(r, air::NEXT_PC, jal_l2);
    f.move_to_pc(r + 1, jal_l2);
    f.move_to_pc(r + 2, jal_l2 + 4);
    out.push(f.expect(Expect::constraint(r, c::JAL_PC)));

    // JAL writing a wrong link value.
    let mut f = Forgery::new(&h, "JAL link + 4");
    let r = f.row_at(jal_link);
    let z = f.word(r, air::Z) + 4;
    f.set_result(r, z);
    out.push(f.expect(Expect::constraint(r, c::CONST_Z_LO)));

    // JALR to another block: next pc = w = L2, but x + imm = L1.
    let (jalr, l2) = jalr_blocks[0];
    let mut f = Forgery::new(&h, "JALR to another block");
    let r = f.row_at(jalr);
    f.set_word(r, air::W, l2);
    f.set(r, air::NEXT_PC, l2);
    f.move_to_pc(r + 1, l2);
    f.move_to_pc(r + 2, l2 + 4);
    out.push(f.expect(Expect::constraint(r, c::ADD_LO)));

    // JALR to a non-instruction address (a RAM address) with a forged rs1
    // value: the adder and next pc are consistent, but there is no program
    // row at the new pcs and the register value was never written.
    let (jalr, _) = jalr_blocks[1];
    let mut f = Forgery::new(&h, "JALR to a non-instruction address");
    let r = f.row_at(jalr);
    let bogus = DATA + 0x100;
    f.set_word(r, air::X, bogus);
    fill_add(&mut f.t, r, bogus, 0);
    f.set(r, air::NEXT_PC, bogus);
    f.set(r + 1, air::PC, bogus);
    f.set(r + 1, air::NEXT_PC, bogus + 4);
    f.set(r + 2, air::PC, bogus + 4);
    out.push(f.expect(Expect::bus(&[air::TAG_PROG, air::TAG_MEM])));

    // LUI of another constant (k and z both changed): the program lookup fails.
    let mut f = Forgery::new(&h, "LUI other constant");
    let r = f.row_at(lui);
    f.set(r, air::K_HI, 0x5432);
    f.set_result(r, 0x5432_0000 | f.get(r, air::K_LO));
    out.push(f.expect(Expect::bus(&[air::TAG_PROG])));

    // AUIPC result off by a page.
    let mut f = Forgery::new(&h, "AUIPC z + 0x1000");
    let r = f.row_at(auipc);
    let z = f.word(r, air::Z) + 0x1000;
    f.set_result(r, z);
    out.push(f.expect(Expect::constraint(r, c::CONST_Z_LO)));

    report("control_forgeries", &out, 18);
}

// ============================================================ syscalls, io rows, public values

const INPUT: &[u8] = b"ABCDEFGH";

fn io_row(f: &Forgery, kind: usize, addr: u32) -> usize {
    (0..f.cpu_rows)
        .find(|&r| f.get(r, air::IS_IO) == 1 && f.get(r, kind) == 1 && f.word(r, air::W) == addr)
        .unwrap_or_else(|| panic!("no io row at {addr:#x}"))
}

struct IoProgram {
    read_exact: u32,
    read_short: u32,
    write1: u32,
    write2: u32,
    exit: u32,
}

fn io_program() -> (Vec<u8>, IoProgram) {
    let mut a = Asm::new();
    // "AB" -> DATA+40 (count = len = 2); "CDEFGH" -> DATA+1 (count 6 < len 16).
    let read_exact = a.syscall(63, 0, DATA + 40, 2);
    let read_short = a.syscall(63, 0, DATA + 1, 16);
    // "hello" from the data image at DATA+17 to fd 1, 3 code bytes (ROM,
    // unaligned) to fd 2.
    let write1 = a.syscall(64, 1, DATA + 17, 5);
    let write2 = a.syscall(64, 2, TEXT + 2, 3);
    a.li(reg::A0, 0);
    let exit = a.exit(7);
    let mut data = vec![0u8; 64];
    data[17..22].copy_from_slice(b"hello");
    (
        elf(&a.finish(), &data, 128),
        IoProgram {
            read_exact,
            read_short,
            write1,
            write2,
            exit,
        },
    )
}

/// Sets `left` (and its inverse) on `count` io rows following row `r`.
fn set_left(f: &mut Forgery, r: usize, count: u32) {
    f.set(r, air::LEFT, count);
    f.set(r, air::LEFT_INV, finv(count));
    for i in 0..count {
        let left = count - 1 - i;
        f.set(r + 1 + i as usize, air::LEFT, left);
        f.set(r + 1 + i as usize, air::LEFT_INV, finv(left));
    }
}

#[test]
fn io_forgeries() {
    let (e, p) = io_program();
    let h = run(&e, INPUT);
    assert_honest(&h);
    assert_eq!(h.w.output, b"hello");
    assert_eq!(h.w.exit_code, 7);
    let n = height(&h.w.trace);
    let mut out = Vec::new();

    // Input byte changed on its io row (inserted byte and the word's final
    // value patched): the INPUT message no longer matches the verifier's.
    let mut f = Forgery::new(&h, "read: io byte changed");
    let r = io_row(&f, air::IO_RD, DATA + 6);
    let iob = f.get(r, air::IOB) ^ 1;
    f.set(r, air::IOB, iob);
    let new = (limbs(&f.t, r, air::MNEW_LO) & !0x00FF_0000) | iob << 16;
    forge_stored_word(&mut f, r, new);
    out.push(f.expect(Expect::bus(&[air::TAG_INPUT])));

    // Short read shortened further: the last io row dropped, count 6 -> 5,
    // the later rows re-timed, a0 and input_consumed adjusted. The bus
    // balances; "count < len implies the input is exhausted" fails.
    let mut f = Forgery::new(&h, "read: io row dropped, count 6 -> 5");
    let r = f.row_at(p.read_short);
    let dropped = io_row(&f, air::IO_RD, DATA + 6);
    assert_eq!(dropped, r + 6);
    f.delete_row(dropped);
    fill_sub(&mut f.t, r, 16, 5);
    f.set_result(r, 5);
    set_left(&mut f, r, 5);
    f.pv[air::PV_INPUT_CONSUMED] -= 1;
    f.retime();
    out.push(f.expect(Expect::constraint(r, c::READ_SHORT)));

    // The exact read reported as shorter (count 2 -> 1, its second io row
    // dropped, a0 adjusted, later rows re-timed). The rest of the run is
    // kept, so the second read's io rows now sit at in_pos 1..7 and their
    // INPUT messages claim input[1..7] = "CDEFGH" (consumed 7): the first
    // read's "count < len implies the input is exhausted" fails, and the
    // shifted INPUT messages are unbalanced.
    let mut f = Forgery::new(&h, "read: exact read reported short");
    let r = f.row_at(p.read_exact);
    let dropped = io_row(&f, air::IO_RD, DATA + 41);
    f.delete_row(dropped);
    fill_sub(&mut f.t, r, 2, 1);
    f.set_result(r, 1);
    set_left(&mut f, r, 1);
    f.retime();
    f.pv[air::PV_INPUT_CONSUMED] -= 1;
    out.push(f.expect(Expect::both(r, c::READ_SHORT, &[air::TAG_INPUT])));

    // Output byte changed on its io row (and in the claimed output).
    let mut f = Forgery::new(&h, "write: io byte changed");
    let r = io_row(&f, air::IO_WR1, DATA + 18);
    let iob = f.get(r, air::IOB) ^ 0x20;
    f.set(r, air::IOB, iob);
    f.output[1] ^= 0x20;
    out.push(f.expect(Expect::constraint(r, c::IO_WR_BYTE)));

    // Output byte changed together with the memory word it is read from
    // (u, old, new and the final value): memory never held it.
    let mut f = Forgery::new(&h, "write: memory word changed");
    let r = io_row(&f, air::IO_WR1, DATA + 21);
    let v = limbs(&f.t, r, air::MOLD_LO) ^ 0x0000_2000;
    forge_loaded_word(&mut f, r, v, true);
    let iob = f.get(r, air::IOB) ^ 0x20;
    f.set(r, air::IOB, iob);
    f.output[4] ^= 0x20;
    out.push(f.expect(Expect::bus(&[air::TAG_MEM])));

    // Output shortened: last write io row dropped, count 5 -> 4, output and
    // output_len adjusted. write returns len = a2.
    let mut f = Forgery::new(&h, "write: io row dropped, count 5 -> 4");
    let r = f.row_at(p.write1);
    let dropped = io_row(&f, air::IO_WR1, DATA + 21);
    assert_eq!(dropped, r + 5);
    f.delete_row(dropped);
    f.set_result(r, 4);
    set_left(&mut f, r, 4);
    f.output.pop();
    f.pv[air::PV_OUTPUT_LEN] -= 1;
    f.retime();
    out.push(f.expect(Expect::constraint(r, c::WRITE_COUNT_LO)));

    // The fd 1 write's bytes moved to fd 2 (public output hidden).
    let mut f = Forgery::new(&h, "write: fd 1 bytes as fd 2");
    let r = f.row_at(p.write1);
    for i in 1..=5 {
        f.set(r + i, air::IO_WR1, 0);
        f.set(r + i, air::IO_WR2, 1);
    }
    f.output.clear();
    f.pv[air::PV_OUTPUT_LEN] = 0;
    f.retime();
    out.push(f.expect(Expect::constraint(r, c::IO_KIND)));

    // Debug (fd 2) byte from ROM changed.
    let mut f = Forgery::new(&h, "write fd 2: ROM byte changed");
    let r = io_row(&f, air::IO_WR2, TEXT + 3);
    let iob = f.get(r, air::IOB) ^ 1;
    f.set(r, air::IOB, iob);
    out.push(f.expect(Expect::constraint(r, c::IO_WR_BYTE)));
    let _ = p.write2;

    // Exit code: public value changed.
    let mut f = Forgery::new(&h, "pv: exit code");
    let r = f.row_at(p.exit);
    f.pv[air::PV_EXIT_LO] ^= 1;
    out.push(f.expect(Expect::constraint(r, c::EXIT_LO)));

    // Exit code: a0 read by the exit ecall claimed to be 8 (operand 2 and
    // the rs2 port's value), matching the changed public value.
    let mut f = Forgery::new(&h, "pv: exit code with a forged a0 read");
    let r = f.row_at(p.exit);
    f.set_word(r, air::Y, 8);
    set_limbs(&mut f.t, r, air::V2_LO, 8);
    f.pv[air::PV_EXIT_LO] = 8;
    out.push(f.expect(Expect::bus(&[air::TAG_MEM])));

    // Cycle count.
    let mut f = Forgery::new(&h, "pv: cycles");
    let r = f.row_at(p.exit);
    f.pv[air::PV_CYCLES] += 1;
    out.push(f.expect(Expect::constraint(r, c::EXIT_CYCLES)));

    // Input consumed: one byte less (the verifier then sends 7 INPUT messages).
    let mut f = Forgery::new(&h, "pv: input consumed");
    f.pv[air::PV_INPUT_CONSUMED] -= 1;
    out.push(f.expect(Expect::both(n - 1, c::LAST_IN_POS, &[air::TAG_INPUT])));

    // Output length.
    let mut f = Forgery::new(&h, "pv: output length");
    f.pv[air::PV_OUTPUT_LEN] += 1;
    out.push(f.expect(Expect::constraint(n - 1, c::LAST_OUT_POS)));

    // Input length: claiming more input than the short read saw.
    let mut f = Forgery::new(&h, "pv: input length");
    let r = f.row_at(p.read_short);
    f.pv[air::PV_INPUT_LEN] += 1;
    out.push(f.expect(Expect::constraint(r, c::READ_SHORT)));

    // Entry point.
    let mut f = Forgery::new(&h, "pv: entry");
    f.pv[air::PV_ENTRY] += 4;
    out.push(f.expect(Expect::constraint(0, c::FIRST_PC)));

    // Early exit: the first ECALL (read, a7 = 63) claimed to be the exit
    // (every later row becomes padding, the memory boundary re-closed, the
    // public values of a run that exits with a0 = 0 after 9 instructions
    // and no io): the exit ECALL needs a7 in {93, 94}.
    let mut f = Forgery::new(&h, "early exit at the read ECALL");
    let r = f.row_at(p.read_exact);
    f.truncate_after(r);
    f.set(r, air::F_READ, 0);
    f.set(r, air::F_EXIT, 1);
    f.set(r, air::LEFT, 0);
    f.set(r, air::LEFT_INV, 0);
    for col in [
        air::T0 + air::PORT_RD,
        air::GAP0 + 2 * air::PORT_RD,
        air::GAP0 + 2 * air::PORT_RD + 1,
    ] {
        f.set(r, col, 0);
    }
    f.retime();
    f.pv[air::PV_EXIT_LO] = 0;
    f.pv[air::PV_EXIT_HI] = 0;
    f.pv[air::PV_CYCLES] = f.get(r, air::ICOUNT);
    f.pv[air::PV_INPUT_CONSUMED] = 0;
    f.pv[air::PV_OUTPUT_LEN] = 0;
    f.output.clear();
    out.push(f.expect(Expect::constraint(r, c::EXIT_A7)));

    report("io_forgeries", &out, 16);
}

/// The constraint indices used above are those of `rv32im_v1::eval`.
#[test]
fn constraint_count_is_as_documented() {
    assert_eq!(air::NUM_CONSTRAINTS, c::TOTAL);
    let zero = vec![zkvm_verifier::field::extension::ZERO; air::WIDTH];
    let sel = zkvm_verifier::air::Selectors {
        is_first_row: zkvm_verifier::field::extension::ZERO,
        is_last_row: zkvm_verifier::field::extension::ZERO,
        is_transition: zkvm_verifier::field::extension::ONE,
    };
    let pv = vec![0u32; air::NUM_PUBLIC_VALUES];
    assert_eq!(air::eval(&zero, &zero, &pv, &sel).len(), c::TOTAL);
}

// ============================================================ boundary key wrap-around

/// Multiplier m of the boundary key m wa + space, read off the honest trace.
fn key_multiplier(t: &p3_matrix::dense::RowMajorMatrix<zkvm_prover::types::F>) -> u32 {
    let mut r = 0;
    loop {
        let (wa, wa2) = (get(t, r, air::B_WA), get(t, r + 1, air::B_WA));
        assert_eq!(get(t, r + 1, air::B_IMG) + get(t, r + 1, air::B_ZERO), 1);
        if wa2 != wa {
            let (s, s2) = (get(t, r, air::B_SPACE), get(t, r + 1, air::B_SPACE));
            let gap = limbs(t, r + 1, air::B_GAP_LO);
            let num = fs(fa(fs(gap, s2), s), fneg(1));
            return fm(num, finv(wa2 - wa));
        }
        r += 1;
    }
}

/// Regression probe for boundary-key wrap-around (found independently
/// while writing this test; fixed concurrently in commit 0a4b916, keys
/// 4 wa + space -> 3 wa + space). The boundary rows must have strictly
/// increasing keys: key' - key - 1 = gap_lo + 2^16 gap_hi with gap_lo in
/// U16 and gap_hi in U14, i.e. gap < 2^30 in the field. With keys
/// 4 wa + space the top stack word has key 2^30 - 3 and p - 2^30 < 2^30,
/// so a step down to a register's key wrapped to a gap below 2^30: a
/// second boundary row for t0 gave it a second chain, and a read of t0
/// moved to that chain returned the stale initial value.
///
/// Program: sw x0, -4(sp); addi t0, x0, 7; addi a0, t0, 0; exit(a0).
/// Honest exit code 7; the forged witness claims exit code 0. Every
/// constraint holds and the memory bus balances; with keys 3 wa + space
/// the wrapped gap is >= 2^30 and only the U14 check on gap_hi fails
/// (with 4 wa + space, check_trace accepted this witness).
#[test]
fn boundary_key_wraparound_forks_a_register() {
    let mut a = Asm::new();
    a.emit(asm::sw(0, reg::SP, -4));
    let write_t0 = a.emit(asm::addi(RS1, 0, 7));
    let read_t0 = a.emit(asm::addi(reg::A0, RS1, 0));
    let exit = a.exit_with_a0();
    let h = run(&elf(&a.finish(), &[], 0), &[]);
    assert_honest(&h);
    assert_eq!(h.w.exit_code, 7);
    let m = key_multiplier(&h.w.trace);
    assert!(m == 3 || m == 4, "key multiplier {m}");

    let mut f = Forgery::new(&h, "boundary key wrap-around: stale read of t0, exit 0");
    let (ra, rb, re) = (f.row_at(write_t0), f.row_at(read_t0), f.row_at(exit));
    let ts_a = 8 * f.get(ra, air::CLK) + air::PORT_RD as u32;
    let ts_b = 8 * f.get(rb, air::CLK) + air::PORT_RS1 as u32;
    // B reads t0 = 0 with previous timestamp 0 (the second chain's init).
    f.set_word(rb, air::X, 0);
    fill_add(&mut f.t, rb, 0, 0);
    f.set(rb, air::T0 + air::PORT_RS1, 0);
    let g = ts_b - 1;
    f.set(rb, air::GAP0, g & 0xFFFF);
    f.set(rb, air::GAP0 + 1, g >> 16);
    // a0 = 0, read by the exit ECALL (operand 2 = rs2 port), final a0 = 0.
    f.set_word(rb, air::Z, 0);
    f.set_word(re, air::Y, 0);
    set_limbs(&mut f.t, re, air::V2_LO, 0);
    let b_a0 = boundary_row(&f.t, prog::SPACE_REG, reg::A0);
    set_limbs(&mut f.t, b_a0, air::B_FIN_LO, 0);
    f.pv[air::PV_EXIT_LO] = 0;
    // First chain of t0: init 0 -> A writes 7 -> final (7, ts_a).
    let b_t0 = boundary_row(&f.t, prog::SPACE_REG, RS1);
    f.set(b_t0, air::B_FIN_TS, ts_a);
    // Second chain of t0: a duplicate boundary row after the highest key.
    let mut end = 0;
    while f.get(end, air::B_IMG) + f.get(end, air::B_ZERO) == 1 {
        end += 1;
    }
    let (top_wa, top_space) = (f.get(end - 1, air::B_WA), f.get(end - 1, air::B_SPACE));
    assert_eq!(
        (top_wa, top_space),
        ((1 << 28) - 1, prog::SPACE_RAM),
        "the top stack word is last"
    );
    for col in air::B_IMG..air::WIDTH {
        let v = f.get(b_t0, col);
        f.set(end, col, v);
    }
    set_limbs(&mut f.t, end, air::B_FIN_LO, 0);
    f.set(end, air::B_FIN_TS, ts_b);
    let gap = fs(fs(m * RS1, fa(fm(m, top_wa), top_space)), 1);
    f.set(end, air::B_GAP_LO, gap & 0xFFFF);
    f.set(end, air::B_GAP_HI, gap >> 16);
    println!(
        "key multiplier {m}, wrapped gap {gap} ({} 2^30)",
        if gap < 1 << 30 { "<" } else { ">=" }
    );
    f.expect(Expect::bus(&[air::TAG_U14]));
}
