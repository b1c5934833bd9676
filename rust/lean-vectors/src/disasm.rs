//! A one-line disassembler, used only for the comments next to each
//! instruction word in the generated Lean files.

use zkvm_executor::{decode, Op};

/// `word` in assembly syntax (`x`-register names, decimal immediates), or
/// `.word 0x…` with a note for words that do not decode.
pub fn disassemble(word: u32) -> String {
    let Some(ins) = decode(word) else {
        return format!(".word 0x{word:08x} (illegal)");
    };
    let name = format!("{:?}", ins.op).to_lowercase();
    let (rd, rs1, rs2, imm) = (ins.rd, ins.rs1, ins.rs2, ins.imm);
    match ins.op {
        Op::Lui | Op::Auipc => format!("{name} x{rd}, 0x{:x}", (imm as u32) >> 12),
        Op::Jal => format!("{name} x{rd}, {imm}"),
        Op::Jalr => format!("{name} x{rd}, {imm}(x{rs1})"),
        Op::Beq | Op::Bne | Op::Blt | Op::Bge | Op::Bltu | Op::Bgeu => {
            format!("{name} x{rs1}, x{rs2}, {imm}")
        }
        Op::Lb | Op::Lh | Op::Lw | Op::Lbu | Op::Lhu => format!("{name} x{rd}, {imm}(x{rs1})"),
        Op::Sb | Op::Sh | Op::Sw => format!("{name} x{rs2}, {imm}(x{rs1})"),
        Op::Addi
        | Op::Slti
        | Op::Sltiu
        | Op::Xori
        | Op::Ori
        | Op::Andi
        | Op::Slli
        | Op::Srli
        | Op::Srai => format!("{name} x{rd}, x{rs1}, {imm}"),
        Op::Fence | Op::Ecall | Op::Ebreak | Op::Illegal => name,
        _ => format!("{name} x{rd}, x{rs1}, x{rs2}"),
    }
}
