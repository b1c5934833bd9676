//! Typed errors for ELF loading and execution.
//!
//! Every way a guest or its ELF file can be rejected has its own variant and
//! its own message, so callers (and tests) can tell failures apart.

use std::fmt;

/// Why an ELF file (or a hand-built [`Program`](crate::Program)) was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ElfError {
    /// Some structure (`what`) extends past the end of the file.
    Truncated { what: &'static str },
    /// The file does not start with `\x7fELF`.
    BadMagic,
    /// `EI_CLASS` is not ELFCLASS32.
    NotElf32 { class: u8 },
    /// `EI_DATA` is not ELFDATA2LSB.
    NotLittleEndian { data: u8 },
    /// `e_machine` is not EM_RISCV (243).
    NotRiscV { machine: u16 },
    /// `e_type` is not ET_EXEC (e.g. a relocatable object or a PIE).
    NotExecutable { elf_type: u16 },
    /// The file has a PT_INTERP or PT_DYNAMIC header.
    DynamicallyLinked,
    /// `e_flags` has EF_RISCV_RVC: the code may contain 16-bit instructions.
    CompressedInstructions,
    /// `e_phentsize` is not the size of an ELF32 program header.
    BadProgramHeaderSize { size: u16 },
    /// A PT_LOAD segment has `p_filesz > p_memsz`.
    FileSizeExceedsMemSize {
        vaddr: u32,
        file_size: u32,
        mem_size: u32,
    },
    /// A segment wraps around the address space or reaches into the stack region.
    SegmentOutOfRange { vaddr: u32, mem_size: u32 },
    /// Two loadable segments share addresses.
    Overlap { first: u32, second: u32 },
    /// No PT_LOAD segment with a non-zero size.
    NoLoadableSegments,
    /// The entry point is misaligned or not inside an executable segment.
    BadEntry { entry: u32 },
}

/// Why execution stopped without the guest calling `exit`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecError {
    /// The word at `pc` is not a valid RV32IM instruction.
    IllegalInstruction { pc: u32, word: u32 },
    /// A load/store of `width` bytes at an address that is not a multiple of `width`.
    MisalignedAccess { pc: u32, addr: u32, width: u32 },
    /// A load/store (or syscall buffer) touches unmapped memory.
    OutOfBoundsAccess { pc: u32, addr: u32 },
    /// A store (or `read` syscall) into an executable, hence read-only, segment.
    WriteToReadOnly { pc: u32, addr: u32 },
    /// `pc` is not inside an executable segment.
    InstructionFetchFault { pc: u32 },
    /// A taken jump or branch to an address that is not 4-byte aligned.
    MisalignedJump { pc: u32, target: u32 },
    /// `ecall` with an unsupported number in a7.
    UnknownSyscall { pc: u32, number: u32 },
    /// `read` on a descriptor other than 0 or `write` on one other than 1/2.
    BadFileDescriptor {
        pc: u32,
        syscall: &'static str,
        fd: u32,
    },
    /// The program did not exit within `limit` cycles.
    CycleLimitExceeded { limit: u64 },
    /// The private input is longer than the configured maximum.
    InputTooLarge { len: usize, max: usize },
    /// The guest wrote more than [`MAX_OUTPUT_LEN`](crate::layout::MAX_OUTPUT_LEN) bytes to fd 1.
    OutputTooLarge { max: usize },
    /// The guest executed `ebreak`.
    Ebreak { pc: u32 },
    /// The program image is inconsistent (only possible for hand-built programs).
    InvalidProgram(ElfError),
}

fn machine_name(machine: u16) -> &'static str {
    match machine {
        3 => "x86",
        8 => "MIPS",
        20 => "PowerPC",
        21 => "PowerPC64",
        40 => "ARM",
        62 => "x86-64",
        183 => "AArch64",
        _ => "unknown",
    }
}

impl fmt::Display for ElfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ElfError::Truncated { what } => {
                write!(f, "truncated ELF file: the {what} extends past the end of the file")
            }
            ElfError::BadMagic => write!(f, "not an ELF file (bad magic bytes)"),
            ElfError::NotElf32 { class } => {
                write!(f, "not a 32-bit ELF file (EI_CLASS = {class}, expected 1 = ELFCLASS32)")
            }
            ElfError::NotLittleEndian { data } => {
                write!(f, "not a little-endian ELF file (EI_DATA = {data}, expected 1)")
            }
            ElfError::NotRiscV { machine } => write!(
                f,
                "ELF file is for machine {machine} ({}), not RISC-V (243)",
                machine_name(*machine)
            ),
            ElfError::NotExecutable { elf_type } => write!(
                f,
                "ELF file is not a static executable (e_type = {elf_type}, expected 2 = ET_EXEC)"
            ),
            ElfError::DynamicallyLinked => {
                write!(f, "dynamically linked ELF files are not supported")
            }
            ElfError::CompressedInstructions => write!(
                f,
                "ELF file uses compressed (RVC) instructions, which are not supported; build for rv32im"
            ),
            ElfError::BadProgramHeaderSize { size } => {
                write!(f, "bad program header entry size {size} (expected 32)")
            }
            ElfError::FileSizeExceedsMemSize { vaddr, file_size, mem_size } => write!(
                f,
                "segment at 0x{vaddr:08x} has file size {file_size} larger than its memory size {mem_size}"
            ),
            ElfError::SegmentOutOfRange { vaddr, mem_size } => write!(
                f,
                "segment at 0x{vaddr:08x} (size {mem_size}) lies outside the loadable address range"
            ),
            ElfError::Overlap { first, second } => write!(
                f,
                "segments at 0x{first:08x} and 0x{second:08x} overlap"
            ),
            ElfError::NoLoadableSegments => write!(f, "ELF file has no loadable segments"),
            ElfError::BadEntry { entry } => write!(
                f,
                "entry point 0x{entry:08x} is not a 4-byte aligned address in an executable segment"
            ),
        }
    }
}

impl fmt::Display for ExecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExecError::IllegalInstruction { pc, word } => {
                write!(f, "illegal instruction 0x{word:08x} at pc 0x{pc:08x}")
            }
            ExecError::MisalignedAccess { pc, addr, width } => write!(
                f,
                "misaligned {width}-byte memory access at address 0x{addr:08x} (pc 0x{pc:08x})"
            ),
            ExecError::OutOfBoundsAccess { pc, addr } => write!(
                f,
                "out-of-bounds memory access at address 0x{addr:08x} (pc 0x{pc:08x})"
            ),
            ExecError::WriteToReadOnly { pc, addr } => write!(
                f,
                "write to read-only (executable) memory at address 0x{addr:08x} (pc 0x{pc:08x})"
            ),
            ExecError::InstructionFetchFault { pc } => write!(
                f,
                "instruction fetch fault: pc 0x{pc:08x} is outside executable memory"
            ),
            ExecError::MisalignedJump { pc, target } => write!(
                f,
                "misaligned jump target 0x{target:08x} (pc 0x{pc:08x}); targets must be 4-byte aligned"
            ),
            ExecError::UnknownSyscall { pc, number } => {
                write!(f, "unknown syscall number {number} (a7) at pc 0x{pc:08x}")
            }
            ExecError::BadFileDescriptor { pc, syscall, fd } => write!(
                f,
                "bad file descriptor {fd} for syscall `{syscall}` at pc 0x{pc:08x}"
            ),
            ExecError::CycleLimitExceeded { limit } => write!(
                f,
                "cycle limit exceeded: the program did not exit within {limit} cycles"
            ),
            ExecError::InputTooLarge { len, max } => write!(
                f,
                "input too large: {len} bytes exceeds the maximum of {max} bytes"
            ),
            ExecError::OutputTooLarge { max } => {
                write!(f, "output too large: the guest wrote more than {max} bytes")
            }
            ExecError::Ebreak { pc } => write!(f, "ebreak (breakpoint) executed at pc 0x{pc:08x}"),
            ExecError::InvalidProgram(e) => write!(f, "invalid program: {e}"),
        }
    }
}

impl std::error::Error for ElfError {}

impl std::error::Error for ExecError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ExecError::InvalidProgram(e) => Some(e),
            _ => None,
        }
    }
}
