//! Writes minimal static ELF32 RISC-V executables (no section headers), laid
//! out so that qemu-user can map them: each segment's file offset is
//! congruent to its address modulo the 4 KiB page size.

/// Conventional address of test code (like GNU ld's default for RISC-V).
pub const TEXT_BASE: u32 = 0x1_0000;
/// Conventional address of test data (test text must stay below it).
pub const DATA_BASE: u32 = 0x2_0000;

pub const PF_X: u32 = 1;
pub const PF_W: u32 = 2;
pub const PF_R: u32 = 4;

const PAGE: usize = 0x1000;
const EHDR_SIZE: usize = 52;
const PHDR_SIZE: usize = 32;

#[derive(Clone, Debug)]
pub struct ElfSegment {
    pub vaddr: u32,
    pub data: Vec<u8>,
    pub mem_size: u32,
    pub flags: u32,
}

/// An ELF image under construction. Header fields are public so tests can
/// produce deliberately wrong files.
#[derive(Clone, Debug)]
pub struct ElfBuilder {
    pub entry: u32,
    pub segments: Vec<ElfSegment>,
    pub machine: u16,
    pub elf_type: u16,
    pub e_flags: u32,
}

impl ElfBuilder {
    /// Code at [`TEXT_BASE`] (read + execute), entry at its first word.
    pub fn with_text(words: &[u32]) -> ElfBuilder {
        ElfBuilder {
            entry: TEXT_BASE,
            segments: vec![ElfSegment {
                vaddr: TEXT_BASE,
                data: words_to_bytes(words),
                mem_size: (words.len() * 4) as u32,
                flags: PF_R | PF_X,
            }],
            machine: 243,
            elf_type: 2,
            e_flags: 0,
        }
    }

    /// Adds a read + write segment with `data` followed by zeros up to `mem_size`.
    pub fn data(mut self, vaddr: u32, data: Vec<u8>, mem_size: u32) -> ElfBuilder {
        self.segments.push(ElfSegment {
            vaddr,
            data,
            mem_size,
            flags: PF_R | PF_W,
        });
        self
    }

    pub fn build(&self) -> Vec<u8> {
        let phdrs_end = EHDR_SIZE + PHDR_SIZE * self.segments.len();
        // Place each segment's bytes at the next offset congruent to its vaddr.
        let mut offsets = Vec::with_capacity(self.segments.len());
        let mut cursor = phdrs_end;
        for s in &self.segments {
            let base = cursor.next_multiple_of(PAGE);
            let offset = base + s.vaddr as usize % PAGE;
            offsets.push(offset);
            cursor = offset + s.data.len();
        }
        let mut out = vec![0u8; cursor];
        let header = &mut out[..EHDR_SIZE];
        header[..4].copy_from_slice(b"\x7fELF");
        header[4] = 1; // ELFCLASS32
        header[5] = 1; // little-endian
        header[6] = 1; // EV_CURRENT
        put16(header, 16, self.elf_type);
        put16(header, 18, self.machine);
        put32(header, 20, 1);
        put32(header, 24, self.entry);
        put32(header, 28, EHDR_SIZE as u32); // e_phoff
        put32(header, 36, self.e_flags);
        put16(header, 40, EHDR_SIZE as u16);
        put16(header, 42, PHDR_SIZE as u16);
        put16(header, 44, self.segments.len() as u16);
        put16(header, 46, 40); // e_shentsize (no section headers)
        for (i, (s, &offset)) in self.segments.iter().zip(&offsets).enumerate() {
            let ph = &mut out[EHDR_SIZE + i * PHDR_SIZE..][..PHDR_SIZE];
            put32(ph, 0, 1); // PT_LOAD
            put32(ph, 4, offset as u32);
            put32(ph, 8, s.vaddr);
            put32(ph, 12, s.vaddr);
            put32(ph, 16, s.data.len() as u32);
            put32(ph, 20, s.mem_size);
            put32(ph, 24, s.flags);
            put32(ph, 28, PAGE as u32);
            out[offset..offset + s.data.len()].copy_from_slice(&s.data);
        }
        out
    }
}

/// A complete ELF with just `words` as code at [`TEXT_BASE`].
pub fn text_elf(words: &[u32]) -> Vec<u8> {
    ElfBuilder::with_text(words).build()
}

pub fn words_to_bytes(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

fn put16(buf: &mut [u8], at: usize, value: u16) {
    buf[at..at + 2].copy_from_slice(&value.to_le_bytes());
}

fn put32(buf: &mut [u8], at: usize, value: u32) {
    buf[at..at + 4].copy_from_slice(&value.to_le_bytes());
}
