//! RV32IM instruction decoding. Decoding is strict: every reserved or
//! unsupported encoding (CSR instructions, FENCE.I, non-zero reserved bits in
//! shifts, unknown funct3/funct7, compressed instructions) yields `None`.

/// Operation of a decoded instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Op {
    Lui,
    Auipc,
    Jal,
    Jalr,
    Beq,
    Bne,
    Blt,
    Bge,
    Bltu,
    Bgeu,
    Lb,
    Lh,
    Lw,
    Lbu,
    Lhu,
    Sb,
    Sh,
    Sw,
    Addi,
    Slti,
    Sltiu,
    Xori,
    Ori,
    Andi,
    Slli,
    Srli,
    Srai,
    Add,
    Sub,
    Sll,
    Slt,
    Sltu,
    Xor,
    Srl,
    Sra,
    Or,
    And,
    Mul,
    Mulh,
    Mulhsu,
    Mulhu,
    Div,
    Divu,
    Rem,
    Remu,
    Fence,
    Ecall,
    Ebreak,
    /// Placeholder used by the decode cache for words that did not decode;
    /// never returned by [`decode`].
    Illegal,
}

/// A decoded instruction. Register fields not used by the format are 0;
/// `imm` is sign-extended (U-type: already shifted left by 12; shifts: shamt).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Instruction {
    pub op: Op,
    pub rd: u8,
    pub rs1: u8,
    pub rs2: u8,
    pub imm: i32,
}

impl Instruction {
    pub(crate) const ILLEGAL: Instruction = Instruction {
        op: Op::Illegal,
        rd: 0,
        rs1: 0,
        rs2: 0,
        imm: 0,
    };
}

const OPCODE_LOAD: u32 = 0x03;
const OPCODE_MISC_MEM: u32 = 0x0f;
const OPCODE_OP_IMM: u32 = 0x13;
const OPCODE_AUIPC: u32 = 0x17;
const OPCODE_STORE: u32 = 0x23;
const OPCODE_OP: u32 = 0x33;
const OPCODE_LUI: u32 = 0x37;
const OPCODE_BRANCH: u32 = 0x63;
const OPCODE_JALR: u32 = 0x67;
const OPCODE_JAL: u32 = 0x6f;
const OPCODE_SYSTEM: u32 = 0x73;

const WORD_ECALL: u32 = 0x0000_0073;
const WORD_EBREAK: u32 = 0x0010_0073;

fn imm_i(word: u32) -> i32 {
    (word as i32) >> 20
}

fn imm_s(word: u32) -> i32 {
    ((word as i32) >> 25) << 5 | ((word >> 7) & 0x1f) as i32
}

fn imm_b(word: u32) -> i32 {
    ((word as i32) >> 31) << 12
        | (((word >> 7) & 1) as i32) << 11
        | (((word >> 25) & 0x3f) as i32) << 5
        | (((word >> 8) & 0xf) as i32) << 1
}

fn imm_u(word: u32) -> i32 {
    (word & 0xffff_f000) as i32
}

fn imm_j(word: u32) -> i32 {
    ((word as i32) >> 31) << 20
        | (word & 0x000f_f000) as i32
        | (((word >> 20) & 1) as i32) << 11
        | (((word >> 21) & 0x3ff) as i32) << 1
}

/// Decodes one 32-bit instruction word, or returns `None` if it is not a
/// supported RV32IM instruction.
pub fn decode(word: u32) -> Option<Instruction> {
    let opcode = word & 0x7f;
    let rd = ((word >> 7) & 0x1f) as u8;
    let funct3 = (word >> 12) & 0x7;
    let rs1 = ((word >> 15) & 0x1f) as u8;
    let rs2 = ((word >> 20) & 0x1f) as u8;
    let funct7 = word >> 25;

    let make = |op, rd, rs1, rs2, imm| {
        Some(Instruction {
            op,
            rd,
            rs1,
            rs2,
            imm,
        })
    };

    match opcode {
        OPCODE_LUI => make(Op::Lui, rd, 0, 0, imm_u(word)),
        OPCODE_AUIPC => make(Op::Auipc, rd, 0, 0, imm_u(word)),
        OPCODE_JAL => make(Op::Jal, rd, 0, 0, imm_j(word)),
        OPCODE_JALR if funct3 == 0 => make(Op::Jalr, rd, rs1, 0, imm_i(word)),
        OPCODE_BRANCH => {
            let op = match funct3 {
                0 => Op::Beq,
                1 => Op::Bne,
                4 => Op::Blt,
                5 => Op::Bge,
                6 => Op::Bltu,
                7 => Op::Bgeu,
                _ => return None,
            };
            make(op, 0, rs1, rs2, imm_b(word))
        }
        OPCODE_LOAD => {
            let op = match funct3 {
                0 => Op::Lb,
                1 => Op::Lh,
                2 => Op::Lw,
                4 => Op::Lbu,
                5 => Op::Lhu,
                _ => return None,
            };
            make(op, rd, rs1, 0, imm_i(word))
        }
        OPCODE_STORE => {
            let op = match funct3 {
                0 => Op::Sb,
                1 => Op::Sh,
                2 => Op::Sw,
                _ => return None,
            };
            make(op, 0, rs1, rs2, imm_s(word))
        }
        OPCODE_OP_IMM => {
            let shamt = i32::from(rs2);
            let op = match (funct3, funct7) {
                (0, _) => Op::Addi,
                (2, _) => Op::Slti,
                (3, _) => Op::Sltiu,
                (4, _) => Op::Xori,
                (6, _) => Op::Ori,
                (7, _) => Op::Andi,
                (1, 0x00) => return make(Op::Slli, rd, rs1, 0, shamt),
                (5, 0x00) => return make(Op::Srli, rd, rs1, 0, shamt),
                (5, 0x20) => return make(Op::Srai, rd, rs1, 0, shamt),
                _ => return None,
            };
            make(op, rd, rs1, 0, imm_i(word))
        }
        OPCODE_OP => {
            let op = match (funct7, funct3) {
                (0x00, 0) => Op::Add,
                (0x20, 0) => Op::Sub,
                (0x00, 1) => Op::Sll,
                (0x00, 2) => Op::Slt,
                (0x00, 3) => Op::Sltu,
                (0x00, 4) => Op::Xor,
                (0x00, 5) => Op::Srl,
                (0x20, 5) => Op::Sra,
                (0x00, 6) => Op::Or,
                (0x00, 7) => Op::And,
                (0x01, 0) => Op::Mul,
                (0x01, 1) => Op::Mulh,
                (0x01, 2) => Op::Mulhsu,
                (0x01, 3) => Op::Mulhu,
                (0x01, 4) => Op::Div,
                (0x01, 5) => Op::Divu,
                (0x01, 6) => Op::Rem,
                (0x01, 7) => Op::Remu,
                _ => return None,
            };
            make(op, rd, rs1, rs2, 0)
        }
        // FENCE (including FENCE.TSO and PAUSE) is a no-op for a single hart.
        // The spec requires implementations to ignore its rd/rs1/fm fields.
        OPCODE_MISC_MEM if funct3 == 0 => make(Op::Fence, 0, 0, 0, 0),
        OPCODE_SYSTEM if word == WORD_ECALL => make(Op::Ecall, 0, 0, 0, 0),
        OPCODE_SYSTEM if word == WORD_EBREAK => make(Op::Ebreak, 0, 0, 0, 0),
        _ => None,
    }
}
