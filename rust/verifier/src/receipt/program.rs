//! The program a proof is about, derived deterministically from the ELF
//! file (docs/air.md §10): the PROGRAM table (one pre-decoded row per
//! executable instruction word), the IMAGE (initial values of registers,
//! ROM and RAM words) and the zero-initialised word intervals.
//!
//! Loading mirrors the reference executor's loader
//! (`rust/executor/src/elf.rs`) check for check, so `load_program` accepts
//! exactly the files the executor runs. Both map memory a word at a time: a
//! segment whose start or end is not a multiple of 4 maps the rest of its
//! first and last word as zeros, and two segments may not share a word.
//! Decoding
//! mirrors `rust/executor/src/decode.rs`: a word has a row iff the executor
//! decodes it to an instruction other than EBREAK.
//!
//! Written in the verifier's extractable subset (see lib.rs).

use crate::commit::hash::{sha3_256, Digest};
use crate::error::VerifyError;
use crate::protocol::codec;

// --- Operation codes of the PROGRAM table (I-forms share the R-form's op) ---

pub const OP_LUI: u32 = 0;
pub const OP_AUIPC: u32 = 1;
pub const OP_JAL: u32 = 2;
pub const OP_JALR: u32 = 3;
pub const OP_BEQ: u32 = 4;
pub const OP_BNE: u32 = 5;
pub const OP_BLT: u32 = 6;
pub const OP_BGE: u32 = 7;
pub const OP_BLTU: u32 = 8;
pub const OP_BGEU: u32 = 9;
pub const OP_LB: u32 = 10;
pub const OP_LH: u32 = 11;
pub const OP_LW: u32 = 12;
pub const OP_LBU: u32 = 13;
pub const OP_LHU: u32 = 14;
pub const OP_SB: u32 = 15;
pub const OP_SH: u32 = 16;
pub const OP_SW: u32 = 17;
/// ADD and ADDI.
pub const OP_ADD: u32 = 18;
pub const OP_SUB: u32 = 19;
/// SLL and SLLI.
pub const OP_SLL: u32 = 20;
/// SLT and SLTI.
pub const OP_SLT: u32 = 21;
/// SLTU and SLTIU.
pub const OP_SLTU: u32 = 22;
/// XOR and XORI.
pub const OP_XOR: u32 = 23;
/// SRL and SRLI.
pub const OP_SRL: u32 = 24;
/// SRA and SRAI.
pub const OP_SRA: u32 = 25;
/// OR and ORI.
pub const OP_OR: u32 = 26;
/// AND and ANDI.
pub const OP_AND: u32 = 27;
pub const OP_MUL: u32 = 28;
pub const OP_MULH: u32 = 29;
pub const OP_MULHSU: u32 = 30;
pub const OP_MULHU: u32 = 31;
pub const OP_DIV: u32 = 32;
pub const OP_DIVU: u32 = 33;
pub const OP_REM: u32 = 34;
pub const OP_REMU: u32 = 35;
pub const OP_ECALL: u32 = 36;
pub const OP_FENCE: u32 = 37;
/// Number of operation codes (all ops are below it).
pub const NUM_OPS: u32 = 38;

// --- Address spaces of the IMAGE ---

/// Registers; the word address is the register index.
pub const SPACE_REG: u32 = 0;
/// Read/write memory (non-executable segments, heap, stack).
pub const SPACE_RAM: u32 = 1;
/// Read-only memory (executable segments).
pub const SPACE_ROM: u32 = 2;

// --- Memory layout (must equal rust/executor/src/layout.rs) ---

/// One past the highest mapped address; the initial `sp`.
pub const STACK_TOP: u32 = 0x4000_0000;
/// Initial value of x2 (`sp`).
pub const INITIAL_SP: u32 = STACK_TOP;
/// Loaded segments must end at or below `STACK_TOP - MIN_STACK_SIZE`.
pub const MIN_STACK_SIZE: u32 = 1 << 20;
/// Highest address (exclusive) a loaded segment may reach.
pub const SEGMENT_LIMIT: u32 = STACK_TOP - MIN_STACK_SIZE;
/// Branch and JAL targets at or above this value are recorded as this value,
/// which is never a pc (every pc is below `STACK_TOP` = 2^30).
pub const TARGET_LIMIT: u32 = 1 << 30;
/// Number of registers in the IMAGE.
pub const NUM_REGISTERS: u32 = 32;

/// The most rows a fixed table built from a program may have: the largest
/// table height a proof accepts (2^20 rows, the height up to which the
/// parameters give 100 conjectured bits, docs/protocol.md §14).
pub const MAX_FIXED_TABLE_ROWS: u64 = 1 << 20;

/// Rows of the fixed tables besides the program rows and image words: the
/// 64 shift-factor rows, the 256 byte rows and the 256 nibble-AND rows
/// (air/rv32im/fixed.rs; version 1 has only the shift rows).
pub const FIXED_TABLE_EXTRA_ROWS: u64 = 64 + 256 + 256;

// --- Register fields of ECALL rows ---

/// ECALL's rs1 register: a2 (x12).
pub const ECALL_RS1: u32 = 12;
/// ECALL's rs2 register: a0 (x10).
pub const ECALL_RS2: u32 = 10;
/// ECALL's rd register: a0 (x10), the syscall result.
pub const ECALL_RD: u32 = 10;

/// One row of the PROGRAM table: the instruction at `pc`, decoded and
/// pre-evaluated. All fields are u32 words.
pub struct ProgramRow {
    /// Address of the instruction (4-aligned, < 2^30).
    pub pc: u32,
    /// One of the `OP_*` codes.
    pub op: u32,
    /// 1 exactly for ADDI, SLTI, SLTIU, XORI, ORI, ANDI, SLLI, SRLI, SRAI.
    pub use_imm: u32,
    /// Encoded register indices; 0 where the format has no such field.
    /// ECALL: rs1 = 12 (a2), rs2 = 10 (a0), rd = 10 (a0). FENCE: all 0.
    pub rs1: u32,
    pub rs2: u32,
    pub rd: u32,
    /// 1 iff the instruction writes rd and rd != 0 (LUI, AUIPC, JAL, JALR,
    /// loads, ALU and M ops); ECALL: 1; branches, stores, FENCE: 0.
    pub write_rd: u32,
    /// Sign-extended immediate as a word: the I/S/B/J immediate, U-type
    /// `word & 0xFFFF_F000`, shift-immediates the shamt; otherwise 0.
    pub imm: u32,
    /// Constant result: LUI `imm`, AUIPC `pc + imm`, JAL/JALR `pc + 4`
    /// (mod 2^32); otherwise 0.
    pub k: u32,
    /// Branches and JAL: `pc + imm` (mod 2^32) if below 2^30, else 2^30;
    /// otherwise 0.
    pub target: u32,
}

/// One initialised word of memory: `(space, word address, value)`.
pub struct ImageWord {
    /// `SPACE_REG`, `SPACE_RAM` or `SPACE_ROM`.
    pub space: u32,
    /// Word address (`addr / 4`); for registers the register index.
    pub wa: u32,
    pub value: u32,
}

/// Zero-initialised RAM words `[lo, hi)` (word addresses).
pub struct ZeroInterval {
    pub lo: u32,
    pub hi: u32,
}

/// Everything the verifying key fixes about the program.
pub struct Program {
    /// The entry pc.
    pub entry: u32,
    /// PROGRAM rows, sorted by (strictly increasing) pc.
    pub rows: Vec<ProgramRow>,
    /// IMAGE words, sorted by (space, wa) strictly increasing: the 32
    /// registers (x2 = `INITIAL_SP`, others 0), then every word of the file
    /// bytes of each non-executable segment (RAM), then every word of each
    /// executable segment, zero past its file bytes (ROM).
    pub image: Vec<ImageWord>,
    /// Zero-initialised RAM, sorted and disjoint (not merged): the tail
    /// `[vaddr + filesz, vaddr + memsz)` of each non-executable segment with
    /// memsz > filesz, then the heap/stack region `[heap_start, STACK_TOP)`.
    pub zero_intervals: Vec<ZeroInterval>,
}

// --- ELF format constants ---

const ELF_HEADER_SIZE: usize = 52;
const PROGRAM_HEADER_SIZE: usize = 32;
const ELF_IDENT_SIZE: usize = 16;
const ELFCLASS32: u8 = 1;
const ELFDATA2LSB: u8 = 1;
const EM_RISCV: u32 = 243;
const ET_EXEC: u32 = 2;
const EF_RISCV_RVC: u32 = 1;
const PT_LOAD: u32 = 1;
const PT_DYNAMIC: u32 = 2;
const PT_INTERP: u32 = 3;
const PF_X: u32 = 1;

/// A PT_LOAD segment with a non-zero memory size, as the executor keeps it.
struct LoadSegment {
    /// File offset of the segment's bytes (checked to lie in the file).
    offset: usize,
    vaddr: u32,
    file_size: u32,
    mem_size: u32,
    executable: bool,
}

/// Little-endian u16 at `pos`; a read past the end is a truncated file.
fn elf_u16(bytes: &[u8], pos: usize) -> Result<u32, VerifyError> {
    let end = match pos.checked_add(2) {
        Some(e) => e,
        None => return Err(VerifyError::ElfMalformed),
    };
    if end > bytes.len() {
        return Err(VerifyError::ElfMalformed);
    }
    Ok((bytes[pos] as u32) | ((bytes[pos + 1] as u32) << 8))
}

/// Little-endian u32 at `pos`; a read past the end is a truncated file.
fn elf_u32(bytes: &[u8], pos: usize) -> Result<u32, VerifyError> {
    let end = match pos.checked_add(4) {
        Some(e) => e,
        None => return Err(VerifyError::ElfMalformed),
    };
    if end > bytes.len() {
        return Err(VerifyError::ElfMalformed);
    }
    Ok((bytes[pos] as u32)
        | ((bytes[pos + 1] as u32) << 8)
        | ((bytes[pos + 2] as u32) << 16)
        | ((bytes[pos + 3] as u32) << 24))
}

/// One past the last address of a segment, as a u64 (never overflows).
fn segment_end(s: &LoadSegment) -> Result<u64, VerifyError> {
    match (s.vaddr as u64).checked_add(s.mem_size as u64) {
        Some(e) => Ok(e),
        None => Err(VerifyError::ArithmeticOverflow),
    }
}

/// The first address of the word holding a segment's first byte.
fn mapped_start(s: &LoadSegment) -> u64 {
    (s.vaddr as u64) & !3u64
}

/// One past the last address of the word holding a segment's last byte:
/// memory is mapped a word at a time (a segment whose end is not a multiple
/// of 4 maps the rest of its last word too, as zeros).
fn mapped_end(s: &LoadSegment) -> Result<u64, VerifyError> {
    let end = match segment_end(s) {
        Ok(e) => e,
        Err(e) => return Err(e),
    };
    Ok((end + 3) & !3u64)
}

/// Word `wa` of a segment: its file bytes where the word overlaps
/// [vaddr, vaddr + file_size), zeros elsewhere.
fn segment_word(elf: &[u8], s: &LoadSegment, wa: u64) -> Result<u32, VerifyError> {
    let mut value: u32 = 0;
    let mut k: u64 = 0;
    while k < 4 {
        let addr = wa * 4 + k;
        if addr >= s.vaddr as u64 && addr < (s.vaddr as u64) + (s.file_size as u64) {
            let pos = match s.offset.checked_add((addr - s.vaddr as u64) as usize) {
                Some(p) => p,
                None => return Err(VerifyError::ArithmeticOverflow),
            };
            if pos >= elf.len() {
                return Err(VerifyError::ElfMalformed);
            }
            value = value | ((elf[pos] as u32) << (8 * k));
        }
        k += 1;
    }
    Ok(value)
}

/// Indices of `segments` sorted by vaddr (stable bottom-up merge sort).
fn sort_by_vaddr(segments: &[LoadSegment]) -> Result<Vec<usize>, VerifyError> {
    let n = segments.len();
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        order.push(i);
        i += 1;
    }
    let mut scratch: Vec<usize> = vec![0; n];
    let mut width: usize = 1;
    while width < n {
        let mut lo: usize = 0;
        while lo < n {
            // mid = min(lo + width, n), hi = min(lo + 2 width, n); lo < n and
            // width < n keep the sums below 2n, but check anyway.
            let mid = match lo.checked_add(width) {
                Some(m) => {
                    if m < n {
                        m
                    } else {
                        n
                    }
                }
                None => return Err(VerifyError::ArithmeticOverflow),
            };
            let hi = match mid.checked_add(width) {
                Some(h) => {
                    if h < n {
                        h
                    } else {
                        n
                    }
                }
                None => return Err(VerifyError::ArithmeticOverflow),
            };
            let mut left = lo;
            let mut right = mid;
            let mut out = lo;
            while out < hi {
                // Take from the left run while it is non-empty and its head
                // is not greater than the right run's head (stability).
                let take_left = if left < mid && right < hi {
                    let a = order[left];
                    let b = order[right];
                    if a >= n || b >= n {
                        return Err(VerifyError::IndexOutOfBounds);
                    }
                    segments[a].vaddr <= segments[b].vaddr
                } else {
                    left < mid
                };
                if take_left {
                    scratch[out] = order[left];
                    left += 1;
                } else {
                    if right >= hi {
                        return Err(VerifyError::IndexOutOfBounds);
                    }
                    scratch[out] = order[right];
                    right += 1;
                }
                out += 1;
            }
            lo = hi;
        }
        let mut c = 0;
        while c < n {
            order[c] = scratch[c];
            c += 1;
        }
        width = match width.checked_mul(2) {
            Some(w) => w,
            None => return Err(VerifyError::ArithmeticOverflow),
        };
    }
    Ok(order)
}

/// Parses the ELF header and program headers exactly as the executor's
/// `Program::from_elf` does (same checks, same order), returning the entry
/// point and the PT_LOAD segments with a non-zero memory size, in file order.
fn parse_elf(elf: &[u8]) -> Result<(u32, Vec<LoadSegment>), VerifyError> {
    let len = elf.len();
    // Magic first (only as many bytes as the file has): BadMagic.
    let magic: [u8; 4] = [0x7f, 0x45, 0x4c, 0x46];
    let mut i = 0;
    while i < 4 && i < len {
        if elf[i] != magic[i] {
            return Err(VerifyError::ElfUnsupported);
        }
        i += 1;
    }
    // e_ident: Truncated, NotElf32, NotLittleEndian.
    if len < ELF_IDENT_SIZE {
        return Err(VerifyError::ElfMalformed);
    }
    if elf[4] != ELFCLASS32 {
        return Err(VerifyError::ElfUnsupported);
    }
    if elf[5] != ELFDATA2LSB {
        return Err(VerifyError::ElfUnsupported);
    }
    // The rest of the ELF header: Truncated, NotRiscV, NotExecutable,
    // CompressedInstructions, BadProgramHeaderSize.
    if len < ELF_HEADER_SIZE {
        return Err(VerifyError::ElfMalformed);
    }
    let machine = match elf_u16(elf, 18) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    if machine != EM_RISCV {
        return Err(VerifyError::ElfUnsupported);
    }
    let elf_type = match elf_u16(elf, 16) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    if elf_type != ET_EXEC {
        return Err(VerifyError::ElfUnsupported);
    }
    let flags = match elf_u32(elf, 36) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    if flags & EF_RISCV_RVC != 0 {
        return Err(VerifyError::ElfUnsupported);
    }
    let entry = match elf_u32(elf, 24) {
        Ok(v) => v,
        Err(e) => return Err(e),
    };
    let ph_offset = match elf_u32(elf, 28) {
        Ok(v) => v as usize,
        Err(e) => return Err(e),
    };
    let ph_entry_size = match elf_u16(elf, 42) {
        Ok(v) => v as usize,
        Err(e) => return Err(e),
    };
    let ph_count = match elf_u16(elf, 44) {
        Ok(v) => v as usize,
        Err(e) => return Err(e),
    };
    if ph_count > 0 && ph_entry_size != PROGRAM_HEADER_SIZE {
        return Err(VerifyError::ElfUnsupported);
    }
    // The whole program header table must be in the file: Truncated.
    let table_len = match ph_count.checked_mul(PROGRAM_HEADER_SIZE) {
        Some(l) => l,
        None => return Err(VerifyError::ElfMalformed),
    };
    let table_end = match ph_offset.checked_add(table_len) {
        Some(e) => e,
        None => return Err(VerifyError::ElfMalformed),
    };
    if table_end > len {
        return Err(VerifyError::ElfMalformed);
    }

    let mut segments: Vec<LoadSegment> = Vec::new();
    let mut index = 0;
    while index < ph_count {
        // index < ph_count, so ph + 32 <= table_end: no overflow.
        let ph = ph_offset + index * PROGRAM_HEADER_SIZE;
        let p_type = match elf_u32(elf, ph) {
            Ok(v) => v,
            Err(e) => return Err(e),
        };
        if p_type == PT_INTERP || p_type == PT_DYNAMIC {
            return Err(VerifyError::ElfUnsupported);
        }
        if p_type == PT_LOAD {
            let offset = match elf_u32(elf, ph + 4) {
                Ok(v) => v as usize,
                Err(e) => return Err(e),
            };
            let vaddr = match elf_u32(elf, ph + 8) {
                Ok(v) => v,
                Err(e) => return Err(e),
            };
            let file_size = match elf_u32(elf, ph + 16) {
                Ok(v) => v,
                Err(e) => return Err(e),
            };
            let mem_size = match elf_u32(elf, ph + 20) {
                Ok(v) => v,
                Err(e) => return Err(e),
            };
            let p_flags = match elf_u32(elf, ph + 24) {
                Ok(v) => v,
                Err(e) => return Err(e),
            };
            // FileSizeExceedsMemSize.
            if file_size > mem_size {
                return Err(VerifyError::ElfMalformed);
            }
            // Empty segments are ignored (and their bytes not checked).
            if mem_size != 0 {
                // The segment's file bytes must be in the file: Truncated.
                let data_end = match offset.checked_add(file_size as usize) {
                    Some(e) => e,
                    None => return Err(VerifyError::ElfMalformed),
                };
                if data_end > len {
                    return Err(VerifyError::ElfMalformed);
                }
                segments.push(LoadSegment {
                    offset,
                    vaddr,
                    file_size,
                    mem_size,
                    executable: p_flags & PF_X != 0,
                });
            }
        }
        index += 1;
    }
    Ok((entry, segments))
}

/// The executor's `Program::validate` (NoLoadableSegments, SegmentOutOfRange,
/// Overlap, BadEntry), then the word-alignment rule. Returns the segment
/// indices sorted by vaddr and the heap start.
fn validate_segments(
    entry: u32,
    segments: &[LoadSegment],
) -> Result<(Vec<usize>, u32), VerifyError> {
    let n = segments.len();
    if n == 0 {
        return Err(VerifyError::ElfBadLayout);
    }
    let mut i = 0;
    while i < n {
        let end = match segment_end(&segments[i]) {
            Ok(e) => e,
            Err(e) => return Err(e),
        };
        if segments[i].mem_size == 0 || end > SEGMENT_LIMIT as u64 {
            return Err(VerifyError::ElfBadLayout);
        }
        i += 1;
    }
    let order = match sort_by_vaddr(segments) {
        Ok(o) => o,
        Err(e) => return Err(e),
    };
    if order.len() != n {
        return Err(VerifyError::IndexOutOfBounds);
    }
    // Disjointness, a word at a time: in vaddr order each segment's last word
    // ends at or before the next segment's first word starts (Overlap; two
    // segments sharing a word are refused, by the executor too).
    let mut j = 1;
    while j < n {
        let a = order[j - 1];
        let b = order[j];
        if a >= n || b >= n {
            return Err(VerifyError::IndexOutOfBounds);
        }
        let end = match mapped_end(&segments[a]) {
            Ok(e) => e,
            Err(e) => return Err(e),
        };
        if end > mapped_start(&segments[b]) {
            return Err(VerifyError::ElfBadLayout);
        }
        j += 1;
    }
    // The entry is a 4-aligned address whose whole word lies in an
    // executable segment.
    let mut entry_ok = false;
    if entry & 3 == 0 {
        let entry_end = (entry as u64) + 4;
        let mut k = 0;
        while k < n {
            let s = &segments[k];
            let end = match segment_end(s) {
                Ok(e) => e,
                Err(e) => return Err(e),
            };
            if s.executable && entry >= s.vaddr && (entry as u64) < end && entry_end <= end {
                entry_ok = true;
            }
            k += 1;
        }
    }
    if !entry_ok {
        return Err(VerifyError::ElfBadLayout);
    }
    // The heap starts after the last mapped word.
    let mut heap_start: u64 = 0;
    let mut m = 0;
    while m < n {
        let end = match mapped_end(&segments[m]) {
            Ok(e) => e,
            Err(e) => return Err(e),
        };
        if end > heap_start {
            heap_start = end;
        }
        m += 1;
    }
    // SEGMENT_LIMIT is a multiple of 4 and every end is at most it, so the
    // rounded ends are too, and this fits in u32.
    if heap_start > SEGMENT_LIMIT as u64 {
        return Err(VerifyError::ElfBadLayout);
    }
    let heap_start = heap_start as u32;
    Ok((order, heap_start))
}

/// Derives the program table, initial image and zero intervals from an ELF
/// file. Rejects exactly the files the executor's loader rejects (with the
/// error documented on each `Elf*` variant of `VerifyError`); the fixed table
/// it implies must also fit in a proof (`ProgramTooLarge`).
pub fn load_program(elf: &[u8]) -> Result<Program, VerifyError> {
    let (entry, segments) = match parse_elf(elf) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (order, heap_start) = match validate_segments(entry, &segments) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let n = segments.len();
    // The fixed table must fit in a proof: refusing here, before anything is
    // built, bounds what an untrusted ELF can make the verifier allocate. It
    // has a row per image word (registers, RAM file words, every ROM word),
    // at most one program row per ROM word, and the extra rows.
    let mut words: u64 = (NUM_REGISTERS as u64) + FIXED_TABLE_EXTRA_ROWS;
    let mut s_i = 0;
    while s_i < n {
        let s = &segments[s_i];
        if s.executable {
            let end = match mapped_end(s) {
                Ok(e) => e,
                Err(e) => return Err(e),
            };
            words = words + 2 * ((end - mapped_start(s)) / 4);
        } else {
            let file_end = ((s.vaddr as u64) + (s.file_size as u64) + 3) & !3u64;
            words = words + (file_end - mapped_start(s)) / 4;
        }
        s_i += 1;
    }
    if words > MAX_FIXED_TABLE_ROWS {
        return Err(VerifyError::ProgramTooLarge);
    }

    let mut rows: Vec<ProgramRow> = Vec::new();
    let mut image: Vec<ImageWord> = Vec::new();
    let mut zero_intervals: Vec<ZeroInterval> = Vec::new();

    // Registers.
    let mut r: u32 = 0;
    while r < NUM_REGISTERS {
        let value = if r == 2 { INITIAL_SP } else { 0 };
        image.push(ImageWord {
            space: SPACE_REG,
            wa: r,
            value,
        });
        r += 1;
    }

    // RAM: the file words of the non-executable segments, in address order;
    // their zero tails are zero intervals.
    let mut i = 0;
    while i < n {
        let idx = order[i];
        if idx >= n {
            return Err(VerifyError::IndexOutOfBounds);
        }
        let s = &segments[idx];
        if !s.executable {
            // Words [first, file_end) hold file bytes (zeros around them in
            // the first and last word); [file_end, end) is a zero interval.
            // All below SEGMENT_LIMIT / 4 < 2^28 (validated).
            let first = mapped_start(s) / 4;
            let file_end = ((s.vaddr as u64) + (s.file_size as u64) + 3) / 4;
            let end = match mapped_end(s) {
                Ok(e) => e / 4,
                Err(e) => return Err(e),
            };
            let mut wa = first;
            while wa < file_end {
                let value = match segment_word(elf, s, wa) {
                    Ok(v) => v,
                    Err(e) => return Err(e),
                };
                image.push(ImageWord {
                    space: SPACE_RAM,
                    wa: wa as u32,
                    value,
                });
                wa += 1;
            }
            if end > file_end {
                zero_intervals.push(ZeroInterval {
                    lo: file_end as u32,
                    hi: end as u32,
                });
            }
        }
        i += 1;
    }
    zero_intervals.push(ZeroInterval {
        lo: heap_start / 4,
        hi: STACK_TOP / 4,
    });

    // ROM and the PROGRAM rows: every word of the executable segments, zero
    // past their file bytes, in address order.
    let mut j = 0;
    while j < n {
        let idx = order[j];
        if idx >= n {
            return Err(VerifyError::IndexOutOfBounds);
        }
        let s = &segments[idx];
        if s.executable {
            // Every word of the segment, file bytes or zeros; below
            // SEGMENT_LIMIT / 4 < 2^28 (validated).
            let end = match mapped_end(s) {
                Ok(e) => e / 4,
                Err(e) => return Err(e),
            };
            let mut wa = mapped_start(s) / 4;
            while wa < end {
                let value = match segment_word(elf, s, wa) {
                    Ok(v) => v,
                    Err(e) => return Err(e),
                };
                let word_addr = wa as u32;
                image.push(ImageWord {
                    space: SPACE_ROM,
                    wa: word_addr,
                    value,
                });
                let (op, format) = classify(value);
                if op != NO_OP {
                    rows.push(build_row(word_addr * 4, value, op, format));
                }
                wa += 1;
            }
        }
        j += 1;
    }

    Ok(Program {
        entry,
        rows,
        image,
        zero_intervals,
    })
}

// --- Decoding (mirrors rust/executor/src/decode.rs) ---

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

/// Instruction formats, as far as the row's fields depend on them.
const FMT_U: u32 = 0;
const FMT_J: u32 = 1;
/// JALR, loads, ALU-immediate: rd, rs1, I-immediate.
const FMT_I: u32 = 2;
/// SLLI, SRLI, SRAI: rd, rs1, shamt.
const FMT_SHIFT: u32 = 3;
const FMT_B: u32 = 4;
const FMT_S: u32 = 5;
const FMT_R: u32 = 6;
const FMT_ECALL: u32 = 7;
const FMT_FENCE: u32 = 8;

/// Marks "no instruction" in the op/format results below.
const NO_OP: u32 = u32::MAX;

/// Sign bit (bit 31) of an instruction word, as 0 or 1.
fn sign_bit(word: u32) -> u32 {
    word >> 31
}

fn imm_i(word: u32) -> u32 {
    let v = word >> 20;
    if sign_bit(word) == 1 {
        v | 0xFFFF_F000
    } else {
        v
    }
}

fn imm_s(word: u32) -> u32 {
    let v = ((word >> 25) << 5) | ((word >> 7) & 0x1f);
    if sign_bit(word) == 1 {
        v | 0xFFFF_F000
    } else {
        v
    }
}

fn imm_b(word: u32) -> u32 {
    let v = (((word >> 7) & 1) << 11) | (((word >> 25) & 0x3f) << 5) | (((word >> 8) & 0xf) << 1);
    if sign_bit(word) == 1 {
        v | 0xFFFF_F000
    } else {
        v
    }
}

fn imm_j(word: u32) -> u32 {
    let v = (word & 0x000F_F000) | (((word >> 20) & 1) << 11) | (((word >> 21) & 0x3ff) << 1);
    if sign_bit(word) == 1 {
        v | 0xFFF0_0000
    } else {
        v
    }
}

fn branch_op(funct3: u32) -> u32 {
    match funct3 {
        0 => OP_BEQ,
        1 => OP_BNE,
        4 => OP_BLT,
        5 => OP_BGE,
        6 => OP_BLTU,
        7 => OP_BGEU,
        _ => NO_OP,
    }
}

fn load_op(funct3: u32) -> u32 {
    match funct3 {
        0 => OP_LB,
        1 => OP_LH,
        2 => OP_LW,
        4 => OP_LBU,
        5 => OP_LHU,
        _ => NO_OP,
    }
}

fn store_op(funct3: u32) -> u32 {
    match funct3 {
        0 => OP_SB,
        1 => OP_SH,
        2 => OP_SW,
        _ => NO_OP,
    }
}

/// OP-IMM: (op, format); shifts need funct7 0 (SRAI 0x20).
fn op_imm_op(funct3: u32, funct7: u32) -> (u32, u32) {
    match funct3 {
        0 => (OP_ADD, FMT_I),
        2 => (OP_SLT, FMT_I),
        3 => (OP_SLTU, FMT_I),
        4 => (OP_XOR, FMT_I),
        6 => (OP_OR, FMT_I),
        7 => (OP_AND, FMT_I),
        1 => {
            if funct7 == 0x00 {
                (OP_SLL, FMT_SHIFT)
            } else {
                (NO_OP, NO_OP)
            }
        }
        5 => {
            if funct7 == 0x00 {
                (OP_SRL, FMT_SHIFT)
            } else if funct7 == 0x20 {
                (OP_SRA, FMT_SHIFT)
            } else {
                (NO_OP, NO_OP)
            }
        }
        _ => (NO_OP, NO_OP),
    }
}

/// OP: RV32I (funct7 0x00 / 0x20) and M (funct7 0x01).
fn op_op(funct3: u32, funct7: u32) -> u32 {
    if funct7 == 0x00 {
        match funct3 {
            0 => OP_ADD,
            1 => OP_SLL,
            2 => OP_SLT,
            3 => OP_SLTU,
            4 => OP_XOR,
            5 => OP_SRL,
            6 => OP_OR,
            _ => OP_AND,
        }
    } else if funct7 == 0x20 {
        match funct3 {
            0 => OP_SUB,
            5 => OP_SRA,
            _ => NO_OP,
        }
    } else if funct7 == 0x01 {
        match funct3 {
            0 => OP_MUL,
            1 => OP_MULH,
            2 => OP_MULHSU,
            3 => OP_MULHU,
            4 => OP_DIV,
            5 => OP_DIVU,
            6 => OP_REM,
            _ => OP_REMU,
        }
    } else {
        NO_OP
    }
}

/// (op, format) of a word, or (NO_OP, NO_OP) when the executor's decoder
/// rejects it or decodes it to EBREAK.
fn classify(word: u32) -> (u32, u32) {
    let opcode = word & 0x7f;
    let funct3 = (word >> 12) & 0x7;
    let funct7 = word >> 25;
    match opcode {
        OPCODE_LUI => (OP_LUI, FMT_U),
        OPCODE_AUIPC => (OP_AUIPC, FMT_U),
        OPCODE_JAL => (OP_JAL, FMT_J),
        OPCODE_JALR => {
            if funct3 == 0 {
                (OP_JALR, FMT_I)
            } else {
                (NO_OP, NO_OP)
            }
        }
        OPCODE_BRANCH => (branch_op(funct3), FMT_B),
        OPCODE_LOAD => (load_op(funct3), FMT_I),
        OPCODE_STORE => (store_op(funct3), FMT_S),
        OPCODE_OP_IMM => op_imm_op(funct3, funct7),
        OPCODE_OP => (op_op(funct3, funct7), FMT_R),
        OPCODE_MISC_MEM => {
            if funct3 == 0 {
                (OP_FENCE, FMT_FENCE)
            } else {
                (NO_OP, NO_OP)
            }
        }
        // Only the exact ECALL word; EBREAK, CSR instructions and every
        // other SYSTEM encoding have no row.
        OPCODE_SYSTEM => {
            if word == WORD_ECALL {
                (OP_ECALL, FMT_ECALL)
            } else {
                (NO_OP, NO_OP)
            }
        }
        _ => (NO_OP, NO_OP),
    }
}

/// `t` if it is below 2^30, else 2^30.
fn clamp_target(t: u32) -> u32 {
    if t < TARGET_LIMIT {
        t
    } else {
        TARGET_LIMIT
    }
}

/// The PROGRAM row of the instruction word `word` at address `pc`, or `None`
/// if the word does not decode (per the executor's decoder) or is EBREAK:
/// executing such a word traps, so it gets no row.
pub fn decode_word(pc: u32, word: u32) -> Option<ProgramRow> {
    let (op, format) = classify(word);
    if op == NO_OP {
        return None;
    }
    Some(build_row(pc, word, op, format))
}

/// The row of `word` at `pc`, given its (op, format) from `classify`.
fn build_row(pc: u32, word: u32, op: u32, format: u32) -> ProgramRow {
    let rd_field = (word >> 7) & 0x1f;
    let rs1_field = (word >> 15) & 0x1f;
    let rs2_field = (word >> 20) & 0x1f;
    let writes = if rd_field != 0 { 1 } else { 0 };

    let mut use_imm: u32 = 0;
    let mut rs1: u32 = 0;
    let mut rs2: u32 = 0;
    let mut rd: u32 = 0;
    let mut write_rd: u32 = 0;
    let mut imm: u32 = 0;
    if format == FMT_U {
        rd = rd_field;
        write_rd = writes;
        imm = word & 0xFFFF_F000;
    } else if format == FMT_J {
        rd = rd_field;
        write_rd = writes;
        imm = imm_j(word);
    } else if format == FMT_I {
        rs1 = rs1_field;
        rd = rd_field;
        write_rd = writes;
        imm = imm_i(word);
        if word & 0x7f == OPCODE_OP_IMM {
            use_imm = 1;
        }
    } else if format == FMT_SHIFT {
        use_imm = 1;
        rs1 = rs1_field;
        rd = rd_field;
        write_rd = writes;
        imm = rs2_field;
    } else if format == FMT_B {
        rs1 = rs1_field;
        rs2 = rs2_field;
        imm = imm_b(word);
    } else if format == FMT_S {
        rs1 = rs1_field;
        rs2 = rs2_field;
        imm = imm_s(word);
    } else if format == FMT_R {
        rs1 = rs1_field;
        rs2 = rs2_field;
        rd = rd_field;
        write_rd = writes;
    } else if format == FMT_ECALL {
        rs1 = ECALL_RS1;
        rs2 = ECALL_RS2;
        rd = ECALL_RD;
        write_rd = 1;
    }
    // FMT_FENCE: everything 0.

    let mut k: u32 = 0;
    let mut target: u32 = 0;
    if op == OP_LUI {
        k = imm;
    } else if op == OP_AUIPC {
        k = pc.wrapping_add(imm);
    } else if op == OP_JAL {
        k = pc.wrapping_add(4);
        target = clamp_target(pc.wrapping_add(imm));
    } else if op == OP_JALR {
        k = pc.wrapping_add(4);
    } else if format == FMT_B {
        target = clamp_target(pc.wrapping_add(imm));
    }

    ProgramRow {
        pc,
        op,
        use_imm,
        rs1,
        rs2,
        rd,
        write_rd,
        imm,
        k,
        target,
    }
}

// --- Digest ---

const PROGRAM_DOMAIN_SEPARATOR: &[u8] = b"zkvm-program-v1";

/// SHA3-256 of the canonical encoding of a program:
///
/// ```text
/// "zkvm-program-v1"                       (15 ASCII bytes)
/// LE32 entry
/// LE32 #rows,   then per row   LE32 pc, op, use_imm, rs1, rs2, rd, write_rd, imm, k, target
/// LE32 #image,  then per word  LE32 space, wa, value
/// LE32 #zero_intervals, then per interval LE32 lo, hi
/// ```
///
/// Every length is below 2^32 for a loaded program (at most 2^28 words).
pub fn program_digest(p: &Program) -> Digest {
    let mut bytes: Vec<u8> = Vec::new();
    bytes.extend_from_slice(PROGRAM_DOMAIN_SEPARATOR);
    codec::write_u32(&mut bytes, p.entry);
    codec::write_len(&mut bytes, p.rows.len());
    let mut i = 0;
    while i < p.rows.len() {
        let row = &p.rows[i];
        codec::write_u32(&mut bytes, row.pc);
        codec::write_u32(&mut bytes, row.op);
        codec::write_u32(&mut bytes, row.use_imm);
        codec::write_u32(&mut bytes, row.rs1);
        codec::write_u32(&mut bytes, row.rs2);
        codec::write_u32(&mut bytes, row.rd);
        codec::write_u32(&mut bytes, row.write_rd);
        codec::write_u32(&mut bytes, row.imm);
        codec::write_u32(&mut bytes, row.k);
        codec::write_u32(&mut bytes, row.target);
        i += 1;
    }
    codec::write_len(&mut bytes, p.image.len());
    let mut j = 0;
    while j < p.image.len() {
        let w = &p.image[j];
        codec::write_u32(&mut bytes, w.space);
        codec::write_u32(&mut bytes, w.wa);
        codec::write_u32(&mut bytes, w.value);
        j += 1;
    }
    codec::write_len(&mut bytes, p.zero_intervals.len());
    let mut m = 0;
    while m < p.zero_intervals.len() {
        let z = &p.zero_intervals[m];
        codec::write_u32(&mut bytes, z.lo);
        codec::write_u32(&mut bytes, z.hi);
        m += 1;
    }
    sha3_256(&bytes)
}
