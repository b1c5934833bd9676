//! Loading static ELF32 little-endian RISC-V executables into a [`Program`].

use crate::error::ElfError;
use crate::layout::SEGMENT_LIMIT;

/// A loaded program image: what the ELF's PT_LOAD segments put in memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    pub entry: u32,
    pub segments: Vec<Segment>,
}

/// One loadable segment. Bytes in `[vaddr + data.len(), vaddr + mem_size)`
/// are zero (e.g. `.bss`). Memory is mapped a word at a time: the bytes of
/// the segment's first and last word outside `[vaddr, vaddr + mem_size)` are
/// mapped as zeros with the segment's permissions, so that the proof system
/// (whose memory cells are words) sees the same memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub vaddr: u32,
    pub data: Vec<u8>,
    pub mem_size: u32,
    /// Executable segments are read + execute; all others read + write.
    pub executable: bool,
}

impl Segment {
    /// One past the last address of the segment (may exceed `u32::MAX` for bad input).
    pub fn end(&self) -> u64 {
        u64::from(self.vaddr) + u64::from(self.mem_size)
    }

    pub fn contains(&self, addr: u32) -> bool {
        addr >= self.vaddr && u64::from(addr) < self.end()
    }

    /// Memory is mapped a word at a time: the first address of the word
    /// holding the segment's first byte.
    pub fn mapped_start(&self) -> u32 {
        self.vaddr & !3
    }

    /// One past the last address of the word holding the segment's last byte
    /// (the rest of that word is mapped too, as zeros).
    pub fn mapped_end(&self) -> u64 {
        self.end().next_multiple_of(4)
    }
}

const ELF_HEADER_SIZE: usize = 52;
const PROGRAM_HEADER_SIZE: usize = 32;
const EM_RISCV: u16 = 243;
const ET_EXEC: u16 = 2;
const PT_LOAD: u32 = 1;
const PT_DYNAMIC: u32 = 2;
const PT_INTERP: u32 = 3;
const PF_X: u32 = 1;
const EF_RISCV_RVC: u32 = 1;

/// Little-endian field reader that reports truncation instead of panicking.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn slice(&self, offset: usize, len: usize, what: &'static str) -> Result<&[u8], ElfError> {
        offset
            .checked_add(len)
            .and_then(|end| self.bytes.get(offset..end))
            .ok_or(ElfError::Truncated { what })
    }

    fn u16(&self, offset: usize, what: &'static str) -> Result<u16, ElfError> {
        let b = self.slice(offset, 2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&self, offset: usize, what: &'static str) -> Result<u32, ElfError> {
        let b = self.slice(offset, 4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

impl Program {
    /// Parses a static RV32 ELF executable and validates the resulting image
    /// against the memory layout (see [`crate::layout`]).
    pub fn from_elf(bytes: &[u8]) -> Result<Program, ElfError> {
        let r = Reader { bytes };
        // Check the magic first so that e.g. a short text file is reported as
        // "not an ELF file" rather than "truncated".
        let magic_len = bytes.len().min(4);
        if bytes[..magic_len] != b"\x7fELF"[..magic_len] {
            return Err(ElfError::BadMagic);
        }
        let ident = r.slice(0, 16, "ELF header")?;
        if ident[4] != 1 {
            return Err(ElfError::NotElf32 { class: ident[4] });
        }
        if ident[5] != 1 {
            return Err(ElfError::NotLittleEndian { data: ident[5] });
        }
        r.slice(0, ELF_HEADER_SIZE, "ELF header")?;
        let machine = r.u16(18, "ELF header")?;
        if machine != EM_RISCV {
            return Err(ElfError::NotRiscV { machine });
        }
        let elf_type = r.u16(16, "ELF header")?;
        if elf_type != ET_EXEC {
            return Err(ElfError::NotExecutable { elf_type });
        }
        if r.u32(36, "ELF header")? & EF_RISCV_RVC != 0 {
            return Err(ElfError::CompressedInstructions);
        }
        let entry = r.u32(24, "ELF header")?;
        let ph_offset = r.u32(28, "ELF header")? as usize;
        let ph_entry_size = r.u16(42, "ELF header")?;
        let ph_count = r.u16(44, "ELF header")? as usize;
        if ph_count > 0 && ph_entry_size as usize != PROGRAM_HEADER_SIZE {
            return Err(ElfError::BadProgramHeaderSize {
                size: ph_entry_size,
            });
        }
        r.slice(
            ph_offset,
            ph_count * PROGRAM_HEADER_SIZE,
            "program header table",
        )?;

        let mut segments = Vec::new();
        for i in 0..ph_count {
            let ph = ph_offset + i * PROGRAM_HEADER_SIZE;
            let p_type = r.u32(ph, "program header")?;
            match p_type {
                PT_INTERP | PT_DYNAMIC => return Err(ElfError::DynamicallyLinked),
                PT_LOAD => {}
                _ => continue,
            }
            let offset = r.u32(ph + 4, "program header")?;
            let vaddr = r.u32(ph + 8, "program header")?;
            let file_size = r.u32(ph + 16, "program header")?;
            let mem_size = r.u32(ph + 20, "program header")?;
            let flags = r.u32(ph + 24, "program header")?;
            if file_size > mem_size {
                return Err(ElfError::FileSizeExceedsMemSize {
                    vaddr,
                    file_size,
                    mem_size,
                });
            }
            if mem_size == 0 {
                continue;
            }
            let data = r.slice(offset as usize, file_size as usize, "segment data")?;
            segments.push(Segment {
                vaddr,
                data: data.to_vec(),
                mem_size,
                executable: flags & PF_X != 0,
            });
        }
        let program = Program { entry, segments };
        program.validate()?;
        Ok(program)
    }

    /// Checks the invariants the executor relies on: segments are non-empty,
    /// disjoint, below [`SEGMENT_LIMIT`], and the entry point is a 4-aligned
    /// address inside an executable segment.
    pub fn validate(&self) -> Result<(), ElfError> {
        if self.segments.is_empty() {
            return Err(ElfError::NoLoadableSegments);
        }
        for s in &self.segments {
            if s.data.len() as u64 > u64::from(s.mem_size) {
                return Err(ElfError::FileSizeExceedsMemSize {
                    vaddr: s.vaddr,
                    file_size: u32::try_from(s.data.len()).unwrap_or(u32::MAX),
                    mem_size: s.mem_size,
                });
            }
            if s.mem_size == 0 || s.end() > u64::from(SEGMENT_LIMIT) {
                return Err(ElfError::SegmentOutOfRange {
                    vaddr: s.vaddr,
                    mem_size: s.mem_size,
                });
            }
        }
        let mut sorted: Vec<&Segment> = self.segments.iter().collect();
        sorted.sort_by_key(|s| s.vaddr);
        // Disjoint a word at a time: two segments may not share a word.
        for pair in sorted.windows(2) {
            if pair[0].mapped_end() > u64::from(pair[1].mapped_start()) {
                return Err(ElfError::Overlap {
                    first: pair[0].vaddr,
                    second: pair[1].vaddr,
                });
            }
        }
        let entry_ok = self.entry.is_multiple_of(4)
            && self.segments.iter().any(|s| {
                s.executable && s.contains(self.entry) && u64::from(self.entry) + 4 <= s.end()
            });
        if !entry_ok {
            return Err(ElfError::BadEntry { entry: self.entry });
        }
        Ok(())
    }

    /// First address of the heap: one past the end of the highest segment.
    pub fn heap_start(&self) -> u32 {
        // validate() guarantees every end is <= SEGMENT_LIMIT, so this fits.
        self.segments
            .iter()
            .map(|s| s.mapped_end())
            .max()
            .unwrap_or(0)
            .min(u64::from(SEGMENT_LIMIT)) as u32
    }
}
