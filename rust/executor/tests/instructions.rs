//! Per-instruction semantics on edge values.

mod support;

use support::*;
use zkvm_executor::testing::asm::{self, reg::*};
use zkvm_executor::testing::elf_writer::{DATA_BASE, TEXT_BASE};
use zkvm_executor::{decode, ExecError, Op, StepOutcome};

const INT_MIN: u32 = 0x8000_0000;
const INT_MAX: u32 = 0x7fff_ffff;
const NEG1: u32 = 0xffff_ffff;

/// Registers used as operands throughout: t0 = rs1, t1 = rs2, t2 = rd.
const RS1: u32 = T0;
const RS2: u32 = T1;
const RD: u32 = T2;

fn rr(encode: fn(u32, u32, u32) -> u32, a: u32, b: u32) -> u32 {
    result_of(encode(RD, RS1, RS2), RD, &[(RS1, a), (RS2, b)])
}

fn ri(encode: fn(u32, u32, i32) -> u32, a: u32, imm: i32) -> u32 {
    result_of(encode(RD, RS1, imm), RD, &[(RS1, a)])
}

fn shift_imm(encode: fn(u32, u32, u32) -> u32, a: u32, shamt: u32) -> u32 {
    result_of(encode(RD, RS1, shamt), RD, &[(RS1, a)])
}

#[test]
fn lui_and_auipc() {
    assert_eq!(result_of(asm::lui(RD, 0xfffff), RD, &[]), 0xffff_f000);
    assert_eq!(result_of(asm::lui(RD, 0x12345), RD, &[]), 0x1234_5000);
    assert_eq!(result_of(asm::lui(RD, 0), RD, &[(RD, 7)]), 0);
    assert_eq!(result_of(asm::auipc(RD, 0), RD, &[]), TEXT_BASE);
    assert_eq!(result_of(asm::auipc(RD, 1), RD, &[]), TEXT_BASE + 0x1000);
    // Negative upper immediate wraps around.
    assert_eq!(
        result_of(asm::auipc(RD, 0xfffff), RD, &[]),
        TEXT_BASE.wrapping_sub(0x1000)
    );
}

#[test]
fn li_helper_loads_every_interesting_constant() {
    for value in [
        0,
        1,
        NEG1,
        INT_MIN,
        INT_MAX,
        0x800,
        0x7ff,
        0xfff,
        0x1234_5678,
        0xdead_beef,
        0xffff_f800,
    ] {
        let [hi, lo] = asm::li(RD, value);
        let mut m = machine_at(hi, &[]);
        m.step().unwrap();
        assert_eq!(
            result_of(lo, RD, &[(RD, m.reg(RD as u8))]),
            value,
            "li {value:#x}"
        );
    }
}

#[test]
fn register_immediate_arithmetic() {
    assert_eq!(ri(asm::addi, INT_MAX, 1), INT_MIN);
    assert_eq!(ri(asm::addi, 0, -1), NEG1);
    assert_eq!(ri(asm::addi, 5, -2048), 5u32.wrapping_sub(2048));
    assert_eq!(ri(asm::addi, 5, 2047), 2052);
    assert_eq!(ri(asm::xori, 0x1234, -1), !0x1234);
    assert_eq!(ri(asm::ori, 0, -2048), 0xffff_f800);
    assert_eq!(ri(asm::andi, NEG1, -16), 0xffff_fff0);
    assert_eq!(ri(asm::andi, NEG1, 0x7ff), 0x7ff);
}

#[test]
fn set_less_than_signed_vs_unsigned() {
    assert_eq!(rr(asm::slt, NEG1, 1), 1);
    assert_eq!(rr(asm::sltu, NEG1, 1), 0);
    assert_eq!(rr(asm::slt, INT_MIN, INT_MAX), 1);
    assert_eq!(rr(asm::sltu, INT_MIN, INT_MAX), 0);
    assert_eq!(rr(asm::slt, 3, 3), 0);
    assert_eq!(rr(asm::sltu, 0, 1), 1);
    assert_eq!(ri(asm::slti, NEG1, 0), 1);
    assert_eq!(ri(asm::slti, 0, -1), 0);
    assert_eq!(ri(asm::slti, INT_MIN, -2048), 1);
    // sltiu compares against the sign-extended immediate as unsigned.
    assert_eq!(ri(asm::sltiu, 0xffff_fffe, -1), 1);
    assert_eq!(ri(asm::sltiu, NEG1, -1), 0);
    assert_eq!(ri(asm::sltiu, 0, 1), 1); // seqz
    assert_eq!(ri(asm::sltiu, 5, 1), 0);
}

#[test]
fn register_register_arithmetic() {
    assert_eq!(rr(asm::add, NEG1, 1), 0);
    assert_eq!(rr(asm::add, INT_MAX, 1), INT_MIN);
    assert_eq!(rr(asm::sub, 0, 1), NEG1);
    assert_eq!(rr(asm::sub, INT_MIN, 1), INT_MAX);
    assert_eq!(rr(asm::xor, 0xf0f0_f0f0, 0xffff_0000), 0x0f0f_f0f0);
    assert_eq!(rr(asm::or, 0xf0f0_0000, 0x0000_0f0f), 0xf0f0_0f0f);
    assert_eq!(rr(asm::and, 0xf0f0_f0f0, 0xffff_0000), 0xf0f0_0000);
}

#[test]
fn immediate_shifts_by_0_and_31() {
    assert_eq!(shift_imm(asm::slli, 0x1234_5678, 0), 0x1234_5678);
    assert_eq!(shift_imm(asm::slli, 3, 31), INT_MIN);
    assert_eq!(shift_imm(asm::srli, NEG1, 31), 1);
    assert_eq!(shift_imm(asm::srli, INT_MIN, 0), INT_MIN);
    assert_eq!(shift_imm(asm::srai, INT_MIN, 31), NEG1);
    assert_eq!(shift_imm(asm::srai, INT_MAX, 31), 0);
    assert_eq!(shift_imm(asm::srai, 0x8000_0010, 4), 0xf800_0001);
}

#[test]
fn register_shifts_mask_amount_to_5_bits() {
    assert_eq!(rr(asm::sll, 1, 31), INT_MIN);
    assert_eq!(rr(asm::sll, 1, 32), 1);
    assert_eq!(rr(asm::sll, 1, 33), 2);
    assert_eq!(rr(asm::sll, 1, NEG1), INT_MIN);
    assert_eq!(rr(asm::srl, INT_MIN, 32), INT_MIN);
    assert_eq!(rr(asm::srl, INT_MIN, 63), 1);
    assert_eq!(rr(asm::sra, INT_MIN, 0xffff_ffe1), 0xc000_0000);
    assert_eq!(rr(asm::sra, INT_MIN, 31), NEG1);
    assert_eq!(rr(asm::sra, 0x4000_0000, 30), 1);
}

#[test]
fn multiplication() {
    assert_eq!(
        rr(asm::mul, 0x1234_5678, 0x9abc_def0),
        0x1234_5678u32.wrapping_mul(0x9abc_def0)
    );
    assert_eq!(rr(asm::mul, NEG1, NEG1), 1);
    assert_eq!(rr(asm::mul, INT_MIN, INT_MIN), 0);
    assert_eq!(rr(asm::mulh, NEG1, NEG1), 0);
    assert_eq!(rr(asm::mulh, NEG1, 1), NEG1);
    assert_eq!(rr(asm::mulh, INT_MIN, INT_MIN), 0x4000_0000);
    assert_eq!(rr(asm::mulh, INT_MIN, INT_MAX), 0xc000_0000);
    assert_eq!(rr(asm::mulhu, INT_MIN, INT_MIN), 0x4000_0000);
    assert_eq!(rr(asm::mulhu, NEG1, NEG1), 0xffff_fffe);
    assert_eq!(rr(asm::mulhu, NEG1, 2), 1);
    // mulhsu: rs1 signed, rs2 unsigned.
    assert_eq!(rr(asm::mulhsu, NEG1, NEG1), NEG1);
    assert_eq!(rr(asm::mulhsu, NEG1, 1), NEG1);
    assert_eq!(rr(asm::mulhsu, 1, NEG1), 0);
    assert_eq!(rr(asm::mulhsu, INT_MIN, NEG1), 0x8000_0000);
    assert_eq!(rr(asm::mulhsu, INT_MIN, INT_MIN), 0xc000_0000);
    assert_eq!(rr(asm::mulhsu, 2, INT_MIN), 1);
}

#[test]
fn division_edge_cases() {
    assert_eq!(rr(asm::div, 7, 0), NEG1);
    assert_eq!(rr(asm::div, INT_MIN, 0), NEG1);
    assert_eq!(rr(asm::divu, 7, 0), NEG1);
    assert_eq!(rr(asm::rem, 7, 0), 7);
    assert_eq!(rr(asm::rem, INT_MIN, 0), INT_MIN);
    assert_eq!(rr(asm::remu, 7, 0), 7);
    assert_eq!(rr(asm::div, INT_MIN, NEG1), INT_MIN);
    assert_eq!(rr(asm::rem, INT_MIN, NEG1), 0);
    assert_eq!(rr(asm::divu, INT_MIN, NEG1), 0);
    assert_eq!(rr(asm::remu, INT_MIN, NEG1), INT_MIN);
    // Signed division truncates towards zero; remainder has the dividend's sign.
    assert_eq!(rr(asm::div, (-7i32) as u32, 2), (-3i32) as u32);
    assert_eq!(rr(asm::rem, (-7i32) as u32, 2), NEG1);
    assert_eq!(rr(asm::div, 7, (-2i32) as u32), (-3i32) as u32);
    assert_eq!(rr(asm::rem, 7, (-2i32) as u32), 1);
    assert_eq!(rr(asm::divu, NEG1, 2), INT_MAX);
    assert_eq!(rr(asm::remu, NEG1, 10), 5);
}

#[test]
fn branches_taken_and_not_taken() {
    type Branch = fn(u32, u32, i32) -> u32;
    let cases: &[(&str, Branch, u32, u32, bool)] = &[
        ("beq", asm::beq, 5, 5, true),
        ("beq", asm::beq, 5, 6, false),
        ("bne", asm::bne, 5, 6, true),
        ("bne", asm::bne, 5, 5, false),
        ("blt", asm::blt, NEG1, 0, true),
        ("blt", asm::blt, 0, NEG1, false),
        ("blt", asm::blt, 3, 3, false),
        ("bge", asm::bge, 3, 3, true),
        ("bge", asm::bge, 0, NEG1, true),
        ("bge", asm::bge, INT_MIN, INT_MAX, false),
        ("bltu", asm::bltu, 0, NEG1, true),
        ("bltu", asm::bltu, NEG1, 0, false),
        ("bltu", asm::bltu, 3, 3, false),
        ("bgeu", asm::bgeu, NEG1, 0, true),
        ("bgeu", asm::bgeu, 3, 3, true),
        ("bgeu", asm::bgeu, 0, INT_MIN, false),
    ];
    for &(name, encode, a, b, taken) in cases {
        for offset in [-8, 12] {
            let m = exec(encode(RS1, RS2, offset), &[(RS1, a), (RS2, b)]);
            let expected = if taken {
                TEXT_BASE.wrapping_add(offset as u32)
            } else {
                TEXT_BASE + 4
            };
            assert_eq!(m.pc(), expected, "{name} {a:#x}, {b:#x}, {offset}");
        }
    }
}

#[test]
fn jal_links_and_jumps() {
    let m = exec(asm::jal(RA, 16), &[]);
    assert_eq!(m.pc(), TEXT_BASE + 16);
    assert_eq!(m.reg(RA as u8), TEXT_BASE + 4);
    let m = exec(asm::jal(RA, -4), &[]);
    assert_eq!(m.pc(), TEXT_BASE - 4);
    let m = exec(asm::jal(ZERO, 8), &[]);
    assert_eq!(m.reg(0), 0);
}

#[test]
fn jalr_clears_bit_zero_and_uses_old_rs1() {
    let m = exec(asm::jalr(RA, T0, 1), &[(T0, TEXT_BASE + 8)]);
    assert_eq!(m.pc(), TEXT_BASE + 8);
    assert_eq!(m.reg(RA as u8), TEXT_BASE + 4);
    let m = exec(asm::jalr(T0, T0, -3), &[(T0, TEXT_BASE + 15)]);
    assert_eq!(m.pc(), TEXT_BASE + 12);
    assert_eq!(m.reg(T0 as u8), TEXT_BASE + 4);
}

#[test]
fn misaligned_jump_targets_trap_only_when_taken() {
    let pc = TEXT_BASE;
    let mut m = machine_at(asm::jal(RA, 6), &[]);
    assert_eq!(
        m.step(),
        Err(ExecError::MisalignedJump { pc, target: pc + 6 })
    );
    assert_eq!(m.reg(RA as u8), 0, "a trapping instruction has no effect");
    let mut m = machine_at(asm::jalr(RA, T0, 0), &[(T0, pc + 2)]);
    assert_eq!(
        m.step(),
        Err(ExecError::MisalignedJump { pc, target: pc + 2 })
    );
    let mut m = machine_at(asm::beq(ZERO, ZERO, 6), &[]);
    assert_eq!(
        m.step(),
        Err(ExecError::MisalignedJump { pc, target: pc + 6 })
    );
    assert_eq!(exec(asm::bne(ZERO, ZERO, 6), &[]).pc(), pc + 4);
}

#[test]
fn x0_stays_zero() {
    assert_eq!(exec(asm::addi(ZERO, ZERO, 5), &[]).reg(0), 0);
    assert_eq!(exec(asm::lui(ZERO, 0xfffff), &[]).reg(0), 0);
    assert_eq!(exec(asm::lw(ZERO, T0, 0), &[(T0, DATA_BASE)]).reg(0), 0);
    let mut m = machine_at(asm::add(T2, ZERO, ZERO), &[]);
    m.set_reg(0, 99);
    m.step().unwrap();
    assert_eq!((m.reg(0), m.reg(T2 as u8)), (0, 0));
}

fn data_machine(word: u32, data: &[u8], regs: &[(u32, u32)]) -> zkvm_executor::Machine {
    let mut words = vec![word];
    words.extend(asm::exit(0));
    let mut m = zkvm_executor::Machine::new(&program_with_data(&words, data), &[]).unwrap();
    for &(r, v) in regs {
        m.set_reg(r as u8, v);
    }
    m.step().unwrap();
    m
}

fn load(word: u32) -> u32 {
    let data = [0x80, 0xff, 0x01, 0x80, 0x7f, 0x00, 0xff, 0x7f];
    data_machine(word, &data, &[(T0, DATA_BASE + 4)]).reg(RD as u8)
}

#[test]
fn loads_sign_and_zero_extend() {
    assert_eq!(load(asm::lb(RD, T0, -4)), 0xffff_ff80);
    assert_eq!(load(asm::lbu(RD, T0, -4)), 0x80);
    assert_eq!(load(asm::lb(RD, T0, 0)), 0x7f);
    assert_eq!(load(asm::lbu(RD, T0, -3)), 0xff);
    assert_eq!(load(asm::lh(RD, T0, -4)), 0xffff_ff80);
    assert_eq!(load(asm::lhu(RD, T0, -4)), 0xff80);
    assert_eq!(load(asm::lh(RD, T0, -2)), 0xffff_8001);
    assert_eq!(load(asm::lhu(RD, T0, -2)), 0x8001);
    assert_eq!(load(asm::lh(RD, T0, 2)), 0x7fff);
    assert_eq!(load(asm::lw(RD, T0, -4)), 0x8001_ff80);
    assert_eq!(load(asm::lw(RD, T0, 0)), 0x7fff_007f);
}

#[test]
fn stores_write_only_their_width() {
    let data = [0xaa; 8];
    let value = 0x1122_3344;
    let word_at = |m: &zkvm_executor::Machine, off| m.memory().peek_u32(DATA_BASE + off).unwrap();
    let m = data_machine(asm::sb(T1, T0, 1), &data, &[(T0, DATA_BASE), (T1, value)]);
    assert_eq!(word_at(&m, 0), 0xaaaa_44aa);
    let m = data_machine(asm::sh(T1, T0, 2), &data, &[(T0, DATA_BASE), (T1, value)]);
    assert_eq!(word_at(&m, 0), 0x3344_aaaa);
    let m = data_machine(asm::sw(T1, T0, 4), &data, &[(T0, DATA_BASE), (T1, value)]);
    assert_eq!((word_at(&m, 0), word_at(&m, 4)), (0xaaaa_aaaa, value));
    let m = data_machine(
        asm::sw(T1, T0, -4),
        &data,
        &[(T0, DATA_BASE + 8), (T1, value)],
    );
    assert_eq!(word_at(&m, 4), value);
}

#[test]
fn misaligned_loads_and_stores_trap() {
    let pc = TEXT_BASE;
    let cases = [
        (asm::lh(RD, T0, 1), 1, 2),
        (asm::lhu(RD, T0, 3), 3, 2),
        (asm::lw(RD, T0, 2), 2, 4),
        (asm::lw(RD, T0, 1), 1, 4),
        (asm::sh(T1, T0, 1), 1, 2),
        (asm::sw(T1, T0, 2), 2, 4),
    ];
    for (word, offset, width) in cases {
        let mut m = machine_at(word, &[(T0, DATA_BASE)]);
        assert_eq!(
            m.step(),
            Err(ExecError::MisalignedAccess {
                pc,
                addr: DATA_BASE + offset,
                width
            }),
            "0x{word:08x}"
        );
    }
    // Byte accesses are never misaligned.
    exec(asm::lb(RD, T0, 3), &[(T0, DATA_BASE)]);
    exec(asm::sb(T1, T0, 3), &[(T0, DATA_BASE)]);
}

#[test]
fn fence_is_a_no_op() {
    let before = machine_at(asm::fence(), &[(T0, 1)]);
    let after = exec(asm::fence(), &[(T0, 1)]);
    assert_eq!(before.regs(), after.regs());
    assert_eq!(after.pc(), TEXT_BASE + 4);
}

#[test]
fn ebreak_traps() {
    let mut m = machine_at(asm::ebreak(), &[]);
    assert_eq!(m.step(), Err(ExecError::Ebreak { pc: TEXT_BASE }));
}

#[test]
fn reserved_encodings_are_illegal() {
    let illegal = [
        0x0000_0000,                                            // all zeros
        0xffff_ffff,                                            // all ones
        0x0000_4501,                                            // compressed c.li
        asm::slli(RD, RS1, 3) | 0x4000_0000,                    // slli with imm[11:5] = 0x20
        asm::srli(RD, RS1, 3) | 0x0200_0000,                    // shamt[5] set (RV64 only)
        asm::srai(RD, RS1, 3) | 0x0200_0000,                    // srai with shamt[5]
        asm::add(RD, RS1, RS2) | 0x0400_0000,                   // unknown funct7
        asm::r_type(0x20, RS2, RS1, 1, RD, 0x33),               // sll with funct7 0x20
        asm::r_type(0x20, RS2, RS1, 2, RD, 0x33),               // slt with funct7 0x20
        asm::r_type(0x01, RS2, RS1, 1, RD, 0x13) | 0x4000_0000, // slli with imm[11:5] = 0x21
        asm::i_type(0, RS1, 3, RD, 0x03),                       // load funct3 3 (ld)
        asm::i_type(0, RS1, 6, RD, 0x03),                       // load funct3 6 (lwu)
        asm::s_type(0, RS2, RS1, 3, 0x23),                      // sd
        asm::b_type(8, RS2, RS1, 2),                            // branch funct3 2
        asm::i_type(0, RS1, 1, RD, 0x67),                       // jalr funct3 1
        0x0000_100f,                                            // fence.i
        0x3401_1073,                                            // csrrw
        0x1050_0073,                                            // wfi
        0x3020_0073,                                            // mret
        0x0000_0173,                                            // ecall with rd != 0
        0x0000_0007,                                            // flw opcode
        0x0000_003b,                                            // RV64 addw opcode
    ];
    for word in illegal {
        assert_eq!(decode(word), None, "0x{word:08x} should be illegal");
        let mut m = machine_at(word, &[]);
        assert_eq!(
            m.step(),
            Err(ExecError::IllegalInstruction {
                pc: TEXT_BASE,
                word
            })
        );
    }
}

#[test]
fn every_encoder_decodes_to_its_op() {
    let cases: Vec<(u32, Op)> = vec![
        (asm::lui(1, 1), Op::Lui),
        (asm::auipc(1, 1), Op::Auipc),
        (asm::jal(1, 8), Op::Jal),
        (asm::jalr(1, 2, 8), Op::Jalr),
        (asm::beq(1, 2, 8), Op::Beq),
        (asm::bne(1, 2, 8), Op::Bne),
        (asm::blt(1, 2, 8), Op::Blt),
        (asm::bge(1, 2, 8), Op::Bge),
        (asm::bltu(1, 2, 8), Op::Bltu),
        (asm::bgeu(1, 2, 8), Op::Bgeu),
        (asm::lb(1, 2, 8), Op::Lb),
        (asm::lh(1, 2, 8), Op::Lh),
        (asm::lw(1, 2, 8), Op::Lw),
        (asm::lbu(1, 2, 8), Op::Lbu),
        (asm::lhu(1, 2, 8), Op::Lhu),
        (asm::sb(1, 2, 8), Op::Sb),
        (asm::sh(1, 2, 8), Op::Sh),
        (asm::sw(1, 2, 8), Op::Sw),
        (asm::addi(1, 2, 8), Op::Addi),
        (asm::slti(1, 2, 8), Op::Slti),
        (asm::sltiu(1, 2, 8), Op::Sltiu),
        (asm::xori(1, 2, 8), Op::Xori),
        (asm::ori(1, 2, 8), Op::Ori),
        (asm::andi(1, 2, 8), Op::Andi),
        (asm::slli(1, 2, 8), Op::Slli),
        (asm::srli(1, 2, 8), Op::Srli),
        (asm::srai(1, 2, 8), Op::Srai),
        (asm::add(1, 2, 3), Op::Add),
        (asm::sub(1, 2, 3), Op::Sub),
        (asm::sll(1, 2, 3), Op::Sll),
        (asm::slt(1, 2, 3), Op::Slt),
        (asm::sltu(1, 2, 3), Op::Sltu),
        (asm::xor(1, 2, 3), Op::Xor),
        (asm::srl(1, 2, 3), Op::Srl),
        (asm::sra(1, 2, 3), Op::Sra),
        (asm::or(1, 2, 3), Op::Or),
        (asm::and(1, 2, 3), Op::And),
        (asm::mul(1, 2, 3), Op::Mul),
        (asm::mulh(1, 2, 3), Op::Mulh),
        (asm::mulhsu(1, 2, 3), Op::Mulhsu),
        (asm::mulhu(1, 2, 3), Op::Mulhu),
        (asm::div(1, 2, 3), Op::Div),
        (asm::divu(1, 2, 3), Op::Divu),
        (asm::rem(1, 2, 3), Op::Rem),
        (asm::remu(1, 2, 3), Op::Remu),
        (asm::fence(), Op::Fence),
        (0x8330_000f, Op::Fence), // fence.tso
        (0x0100_000f, Op::Fence), // pause
        (asm::ecall(), Op::Ecall),
        (asm::ebreak(), Op::Ebreak),
    ];
    for (word, op) in cases {
        assert_eq!(decode(word).map(|i| i.op), Some(op), "0x{word:08x}");
    }
}

#[test]
fn immediates_decode_with_sign_extension() {
    for offset in [-4096, -2048, -2, 2, 2046, 4094] {
        assert_eq!(
            decode(asm::beq(1, 2, offset)).unwrap().imm,
            offset,
            "branch {offset}"
        );
    }
    for offset in [-(1 << 20), -2, 2, (1 << 20) - 2] {
        assert_eq!(
            decode(asm::jal(1, offset)).unwrap().imm,
            offset,
            "jal {offset}"
        );
    }
    for imm in [-2048, -1, 0, 1, 2047] {
        assert_eq!(decode(asm::sw(1, 2, imm)).unwrap().imm, imm, "store {imm}");
        assert_eq!(decode(asm::lw(1, 2, imm)).unwrap().imm, imm, "load {imm}");
    }
}

#[test]
fn step_on_halted_machine_is_idempotent() {
    let mut m = zkvm_executor::Machine::new(&program(&asm::exit(7)), &[]).unwrap();
    assert_eq!(m.run(100), Ok(7));
    let cycles = m.cycles();
    assert_eq!(m.step(), Ok(StepOutcome::Halted { exit_code: 7 }));
    assert_eq!(m.cycles(), cycles);
    assert_eq!(m.pc(), text_addr(4), "pc stays at the exit ecall");
}
