//! The bus of the RV32IM machine: message tags and field counts, and the
//! numbering of memory spaces and ports (docs/air.md §2-3). Constants only,
//! shared by the tables of this folder in the verifier and the prover.

/// PROG(pc, op, rs1, rs2, rd, imm_lo, imm_hi, k_lo, k_hi, target, flags).
pub const TAG_PROG: u32 = 1;
/// MEM(space, addr, lo, hi, ts).
pub const TAG_MEM: u32 = 2;
/// IMG(space, addr, lo, hi).
pub const TAG_IMG: u32 = 3;
/// POW2(kind, s, f0, f1, f2, f3, nz).
pub const TAG_POW2: u32 = 4;
/// U16(v), v < 2^16.
pub const TAG_U16: u32 = 5;
/// U8(v), v < 2^8.
pub const TAG_U8: u32 = 6;
/// AND4(a, b, a AND b), a, b < 16.
pub const TAG_AND4: u32 = 7;
/// INPUT(pos, byte).
pub const TAG_INPUT: u32 = 8;
/// OUTPUT(pos, byte).
pub const TAG_OUTPUT: u32 = 9;
/// EXEC(op, clk, a_lo, a_hi, b_lo, b_hi, c_lo, c_hi, imm_lo, imm_hi, next_pc).
pub const TAG_EXEC: u32 = 10;
/// HALT(clk).
pub const TAG_HALT: u32 = 11;
/// EXIT(code_lo, code_hi, cycles).
pub const TAG_EXIT: u32 = 12;
/// IO(kind, clk, addr, pos): the link between the bytes a read or write
/// ECALL moves (docs/air.md §7.2).
pub const TAG_IO: u32 = 13;
/// PRIV(pos, byte): a byte of the private input (fd 3), sent by the PRIVATE
/// table, received by the IO rows of fd-3 reads (docs/air.md §7.3).
pub const TAG_PRIV: u32 = 14;
/// PLEN(len): the private input's length, sent by PRIVATE, received by
/// fd-3 reads (their short-read limit).
pub const TAG_PLEN: u32 = 15;

/// Fields of each message, tag included.
pub const LEN_PROG: usize = 12;
pub const LEN_MEM: usize = 6;
pub const LEN_IMG: usize = 5;
pub const LEN_POW2: usize = 8;
pub const LEN_U16: usize = 2;
pub const LEN_U8: usize = 2;
pub const LEN_AND4: usize = 4;
pub const LEN_INPUT: usize = 3;
pub const LEN_OUTPUT: usize = 3;
pub const LEN_EXEC: usize = 12;
pub const LEN_HALT: usize = 2;
pub const LEN_EXIT: usize = 4;
pub const LEN_IO: usize = 5;
pub const LEN_PRIV: usize = 3;
pub const LEN_PLEN: usize = 2;

/// Memory spaces (receipt/program.rs).
pub const SPACE_REG: u32 = 0;
pub const SPACE_RAM: u32 = 1;
pub const SPACE_ROM: u32 = 2;
/// The I/O cursors (docs/air.md §7.2): no image word, no zero interval;
/// the verifier's statement gives their initial and final values.
pub const SPACE_IO: u32 = 3;
/// Cells of SPACE_IO: input bytes consumed, output bytes written (fd 1),
/// private input bytes consumed (fd 3).
pub const IO_INPUT_CURSOR: u32 = 0;
pub const IO_OUTPUT_CURSOR: u32 = 1;
pub const IO_PRIVATE_CURSOR: u32 = 2;

/// Kinds of IO messages: read (input to memory), write to fd 1 (memory to
/// output), write to fd 2 (memory read, nothing public), read of fd 3
/// (private input to memory).
pub const IO_READ: u32 = 1;
pub const IO_WRITE1: u32 = 2;
pub const IO_WRITE2: u32 = 3;
pub const IO_READ_PRIVATE: u32 = 4;
/// The private input's file descriptor.
pub const FD_PRIVATE: u32 = 3;

/// Timestamps: ts = 4 clk + port + 1.
pub const PORT_RS1: u32 = 0;
pub const PORT_RS2: u32 = 1;
pub const PORT_RD: u32 = 2;
pub const PORT_COPROCESSOR: u32 = 3;
pub const PORTS: u32 = 4;

/// Causality gaps are g_lo + 2^16 g_hi with U16(g_lo) and U16(GAP_HI_SCALE *
/// g_hi): 0 <= gap < 2^29 + 2^16, which covers every gap of a run of at most
/// 2^27 cycles (timestamps at most 2^29, docs/air.md §2).
pub const GAP_HI_SCALE: u32 = 8;

/// Immediate forms of an op have op + IMM_OP_OFFSET in PROG and EXEC.
pub const IMM_OP_OFFSET: u32 = 64;

/// 2^16.
pub const LIMB: u32 = 65536;

/// PROG flag weights: flags = sum of weight * flag.
pub const FLAG_WR: u32 = 1;
pub const FLAG_BR: u32 = 2;
pub const FLAG_JAL: u32 = 4;
pub const FLAG_JALR: u32 = 8;
pub const FLAG_K: u32 = 16;
pub const FLAG_EXEC: u32 = 32;
