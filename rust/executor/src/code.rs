//! Pre-decoded instructions of the executable segments. Executable memory is
//! read-only, so decoding once at load time is always valid.

use crate::decode::{decode, Instruction};
use crate::elf::Program;
use crate::error::ExecError;

#[derive(Clone, Debug)]
struct CodeRegion {
    /// The first address of the segment's first word.
    start: u32,
    /// One past the segment's last word.
    fetch_end: u32,
    /// Decoded words from `start`; beyond them (zero-filled tail) the word is 0.
    decoded: Vec<Instruction>,
    words: Vec<u32>,
}

/// Instruction fetch for all executable segments.
#[derive(Clone, Debug)]
pub(crate) struct CodeCache {
    regions: Vec<CodeRegion>,
}

impl CodeCache {
    pub(crate) fn new(program: &Program) -> CodeCache {
        let regions = program
            .segments
            .iter()
            .filter(|s| s.executable)
            .map(|s| {
                // Memory is mapped a word at a time (elf.rs): the whole first
                // and last word are fetchable, zeros outside the segment.
                let start = s.mapped_start();
                let fetch_end = s.mapped_end() as u32;
                let mut bytes = vec![0u8; (s.vaddr - start) as usize];
                bytes.extend_from_slice(&s.data);
                let words: Vec<u32> = bytes
                    .chunks(4)
                    .map(|c| {
                        let mut bytes = [0; 4];
                        bytes[..c.len()].copy_from_slice(c);
                        u32::from_le_bytes(bytes)
                    })
                    .collect();
                let decoded = words
                    .iter()
                    .map(|&w| decode(w).unwrap_or(Instruction::ILLEGAL))
                    .collect();
                CodeRegion {
                    start,
                    fetch_end,
                    decoded,
                    words,
                }
            })
            .collect();
        CodeCache { regions }
    }

    /// The decoded instruction at `pc`.
    #[inline(always)]
    pub(crate) fn fetch(&self, pc: u32) -> Result<Instruction, ExecError> {
        for region in &self.regions {
            if pc >= region.start && pc < region.fetch_end {
                if !pc.is_multiple_of(4) {
                    break;
                }
                let index = ((pc - region.start) / 4) as usize;
                return Ok(region
                    .decoded
                    .get(index)
                    .copied()
                    .unwrap_or(Instruction::ILLEGAL));
            }
        }
        Err(ExecError::InstructionFetchFault { pc })
    }

    /// The raw instruction word at a fetchable `pc` (0 elsewhere); only
    /// needed for traces and error messages, so kept off the fast path.
    pub(crate) fn word(&self, pc: u32) -> u32 {
        self.regions
            .iter()
            .find(|r| pc >= r.start && pc < r.fetch_end)
            .and_then(|r| r.words.get(((pc - r.start) / 4) as usize))
            .copied()
            .unwrap_or(0)
    }
}
