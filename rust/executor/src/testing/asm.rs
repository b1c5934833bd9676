//! Instruction encoders, one function per RV32IM instruction, with operands
//! in assembly order (`sw(src, base, offset)` is `sw src, offset(base)`).
//! Immediates are truncated to their field width; branch/jump offsets are
//! byte offsets relative to the instruction.

/// ABI register numbers.
pub mod reg {
    pub const ZERO: u32 = 0;
    pub const RA: u32 = 1;
    pub const SP: u32 = 2;
    pub const GP: u32 = 3;
    pub const TP: u32 = 4;
    pub const T0: u32 = 5;
    pub const T1: u32 = 6;
    pub const T2: u32 = 7;
    pub const S0: u32 = 8;
    pub const S1: u32 = 9;
    pub const A0: u32 = 10;
    pub const A1: u32 = 11;
    pub const A2: u32 = 12;
    pub const A3: u32 = 13;
    pub const A4: u32 = 14;
    pub const A5: u32 = 15;
    pub const A6: u32 = 16;
    pub const A7: u32 = 17;
}

pub fn r_type(funct7: u32, rs2: u32, rs1: u32, funct3: u32, rd: u32, opcode: u32) -> u32 {
    (funct7 & 0x7f) << 25
        | (rs2 & 31) << 20
        | (rs1 & 31) << 15
        | (funct3 & 7) << 12
        | (rd & 31) << 7
        | (opcode & 0x7f)
}

pub fn i_type(imm: i32, rs1: u32, funct3: u32, rd: u32, opcode: u32) -> u32 {
    ((imm as u32) & 0xfff) << 20
        | (rs1 & 31) << 15
        | (funct3 & 7) << 12
        | (rd & 31) << 7
        | (opcode & 0x7f)
}

pub fn s_type(imm: i32, rs2: u32, rs1: u32, funct3: u32, opcode: u32) -> u32 {
    let imm = imm as u32;
    ((imm >> 5) & 0x7f) << 25
        | (rs2 & 31) << 20
        | (rs1 & 31) << 15
        | (funct3 & 7) << 12
        | (imm & 0x1f) << 7
        | (opcode & 0x7f)
}

pub fn b_type(offset: i32, rs2: u32, rs1: u32, funct3: u32) -> u32 {
    let imm = offset as u32;
    ((imm >> 12) & 1) << 31
        | ((imm >> 5) & 0x3f) << 25
        | (rs2 & 31) << 20
        | (rs1 & 31) << 15
        | (funct3 & 7) << 12
        | ((imm >> 1) & 0xf) << 8
        | ((imm >> 11) & 1) << 7
        | 0x63
}

/// `upper` is the value of bits 31:12 of the result (i.e. `imm >> 12`).
pub fn u_type(upper: u32, rd: u32, opcode: u32) -> u32 {
    (upper & 0xfffff) << 12 | (rd & 31) << 7 | (opcode & 0x7f)
}

pub fn j_type(offset: i32, rd: u32) -> u32 {
    let imm = offset as u32;
    ((imm >> 20) & 1) << 31
        | ((imm >> 1) & 0x3ff) << 21
        | ((imm >> 11) & 1) << 20
        | ((imm >> 12) & 0xff) << 12
        | (rd & 31) << 7
        | 0x6f
}

pub fn lui(rd: u32, upper: u32) -> u32 {
    u_type(upper, rd, 0x37)
}
pub fn auipc(rd: u32, upper: u32) -> u32 {
    u_type(upper, rd, 0x17)
}
pub fn jal(rd: u32, offset: i32) -> u32 {
    j_type(offset, rd)
}
pub fn jalr(rd: u32, rs1: u32, offset: i32) -> u32 {
    i_type(offset, rs1, 0, rd, 0x67)
}

pub fn beq(rs1: u32, rs2: u32, offset: i32) -> u32 {
    b_type(offset, rs2, rs1, 0)
}
pub fn bne(rs1: u32, rs2: u32, offset: i32) -> u32 {
    b_type(offset, rs2, rs1, 1)
}
pub fn blt(rs1: u32, rs2: u32, offset: i32) -> u32 {
    b_type(offset, rs2, rs1, 4)
}
pub fn bge(rs1: u32, rs2: u32, offset: i32) -> u32 {
    b_type(offset, rs2, rs1, 5)
}
pub fn bltu(rs1: u32, rs2: u32, offset: i32) -> u32 {
    b_type(offset, rs2, rs1, 6)
}
pub fn bgeu(rs1: u32, rs2: u32, offset: i32) -> u32 {
    b_type(offset, rs2, rs1, 7)
}

pub fn lb(rd: u32, base: u32, offset: i32) -> u32 {
    i_type(offset, base, 0, rd, 0x03)
}
pub fn lh(rd: u32, base: u32, offset: i32) -> u32 {
    i_type(offset, base, 1, rd, 0x03)
}
pub fn lw(rd: u32, base: u32, offset: i32) -> u32 {
    i_type(offset, base, 2, rd, 0x03)
}
pub fn lbu(rd: u32, base: u32, offset: i32) -> u32 {
    i_type(offset, base, 4, rd, 0x03)
}
pub fn lhu(rd: u32, base: u32, offset: i32) -> u32 {
    i_type(offset, base, 5, rd, 0x03)
}
pub fn sb(src: u32, base: u32, offset: i32) -> u32 {
    s_type(offset, src, base, 0, 0x23)
}
pub fn sh(src: u32, base: u32, offset: i32) -> u32 {
    s_type(offset, src, base, 1, 0x23)
}
pub fn sw(src: u32, base: u32, offset: i32) -> u32 {
    s_type(offset, src, base, 2, 0x23)
}

pub fn addi(rd: u32, rs1: u32, imm: i32) -> u32 {
    i_type(imm, rs1, 0, rd, 0x13)
}
pub fn slti(rd: u32, rs1: u32, imm: i32) -> u32 {
    i_type(imm, rs1, 2, rd, 0x13)
}
pub fn sltiu(rd: u32, rs1: u32, imm: i32) -> u32 {
    i_type(imm, rs1, 3, rd, 0x13)
}
pub fn xori(rd: u32, rs1: u32, imm: i32) -> u32 {
    i_type(imm, rs1, 4, rd, 0x13)
}
pub fn ori(rd: u32, rs1: u32, imm: i32) -> u32 {
    i_type(imm, rs1, 6, rd, 0x13)
}
pub fn andi(rd: u32, rs1: u32, imm: i32) -> u32 {
    i_type(imm, rs1, 7, rd, 0x13)
}
pub fn slli(rd: u32, rs1: u32, shamt: u32) -> u32 {
    r_type(0x00, shamt, rs1, 1, rd, 0x13)
}
pub fn srli(rd: u32, rs1: u32, shamt: u32) -> u32 {
    r_type(0x00, shamt, rs1, 5, rd, 0x13)
}
pub fn srai(rd: u32, rs1: u32, shamt: u32) -> u32 {
    r_type(0x20, shamt, rs1, 5, rd, 0x13)
}

macro_rules! r_ops {
    ($($name:ident = ($funct7:expr, $funct3:expr);)*) => {$(
        pub fn $name(rd: u32, rs1: u32, rs2: u32) -> u32 {
            r_type($funct7, rs2, rs1, $funct3, rd, 0x33)
        }
    )*};
}

r_ops! {
    add = (0x00, 0); sub = (0x20, 0); sll = (0x00, 1); slt = (0x00, 2); sltu = (0x00, 3);
    xor = (0x00, 4); srl = (0x00, 5); sra = (0x20, 5); or = (0x00, 6); and = (0x00, 7);
    mul = (0x01, 0); mulh = (0x01, 1); mulhsu = (0x01, 2); mulhu = (0x01, 3);
    div = (0x01, 4); divu = (0x01, 5); rem = (0x01, 6); remu = (0x01, 7);
}

/// `fence rw, rw`.
pub fn fence() -> u32 {
    0x0330_000f
}
pub fn ecall() -> u32 {
    0x0000_0073
}
pub fn ebreak() -> u32 {
    0x0010_0073
}

/// Loads any 32-bit constant with exactly two instructions (`lui` + `addi`),
/// so code layout does not depend on the value.
pub fn li(rd: u32, value: u32) -> [u32; 2] {
    // addi sign-extends its 12-bit immediate; compensate in the upper part.
    let low = ((value & 0xfff) as i32) << 20 >> 20;
    let upper = value.wrapping_sub(low as u32) >> 12;
    [lui(rd, upper), addi(rd, rd, low)]
}

/// `li a0, code; li a7, 93; ecall` — exit with a constant code.
pub fn exit(code: u32) -> Vec<u32> {
    let mut words = li(reg::A0, code).to_vec();
    words.extend(exit_with_a0());
    words
}

/// `li a7, 93; ecall` — exit with the code already in a0.
pub fn exit_with_a0() -> Vec<u32> {
    let mut words = li(reg::A7, 93).to_vec();
    words.push(ecall());
    words
}
