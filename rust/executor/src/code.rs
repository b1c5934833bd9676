//! Pre-decoded instructions of the executable segments. Executable memory is
//! read-only, so decoding once at load time is always valid.

use crate::decode::{decode, Instruction};
use crate::elf::Program;
use crate::error::ExecError;

#[derive(Clone, Debug)]
struct CodeRegion {
    /// First 4-aligned address inside the segment.
    start: u32,
    /// One past the last address at which a whole word is fetchable.
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
                let start = s.vaddr.next_multiple_of(4);
                let fetch_end = (s.end() as u32) & !3;
                let skip = (start - s.vaddr) as usize;
                let words: Vec<u32> = s
                    .data
                    .get(skip..)
                    .unwrap_or(&[])
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
