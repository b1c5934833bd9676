//! A receipt: the claimed run of an RV32IM program (exit code, cycle count,
//! input, output) with its proof, and its verification against an ELF.
//!
//! Byte format (version 1), integers little-endian:
//!   12 bytes "zkvm-receipt", u32 version (= 1), u32 exit code,
//!   u64 cycles, u32 input bytes consumed, u32-length-prefixed input,
//!   u32-length-prefixed output, u32-length-prefixed proof bytes.
//! No bytes may follow.

pub mod program;

use crate::air::rv32im;
use crate::air::AirId;
use crate::error::VerifyError;
use crate::protocol::codec;
use crate::protocol::params::{self, StarkParams};
use crate::protocol::proof;
use crate::protocol::stark;
use crate::protocol::statement::Statement;
use crate::protocol::vk::VerifyingKey;
use crate::receipt::program::Program;

pub const RECEIPT_MAGIC: &[u8] = b"zkvm-receipt";
pub const RECEIPT_VERSION: u32 = 1;

pub struct Receipt {
    pub exit_code: u32,
    pub cycles: u64,
    pub input_consumed: u32,
    pub input: Vec<u8>,
    pub output: Vec<u8>,
    pub proof: Vec<u8>,
}

/// What a verified receipt establishes about the program.
pub struct VerifiedRun {
    pub exit_code: u32,
    pub cycles: u64,
    pub input_consumed: u32,
    pub input: Vec<u8>,
    pub output: Vec<u8>,
}

/// The parameters every RV32IM proof uses: `params::compact_zk_params`
/// (zero knowledge, blowup 4, 44 queries, 20 bits of grinding, FRI arity 4,
/// caps of 64 digests; docs/protocol.md sections 14 and 15).
pub fn rv32im_params() -> StarkParams {
    params::compact_zk_params()
}

/// Checks the key's counts: at most `MAX_ZERO_INTERVALS` zero intervals (the
/// AIR's slots) and at most `MAX_FIXED_TABLE_ROWS` program rows and image
/// words. The counts are read with `get` rather than `len`: an element at
/// index `max` exists exactly when there are more than `max`, and `get` says
/// so in the Lean model too, where the vectors the code builds carry no length
/// bound (a `usize` length there is taken modulo 2^64). `load_program`
/// refuses programs whose fixed table is larger, so for its programs only the
/// zero intervals can be too many.
pub fn check_program_counts(p: &Program) -> Result<(), VerifyError> {
    match p.zero_intervals.get(rv32im::statement::MAX_ZERO_INTERVALS) {
        Some(_) => return Err(VerifyError::InvalidStatement),
        None => {}
    }
    let max_rows = program::MAX_FIXED_TABLE_ROWS as usize;
    match p.rows.get(max_rows) {
        Some(_) => return Err(VerifyError::ProgramTooLarge),
        None => {}
    }
    match p.image.get(max_rows) {
        Some(_) => return Err(VerifyError::ProgramTooLarge),
        None => {}
    }
    Ok(())
}

/// Checks the bounds the verifier's proofs take of a key's program (the Lean
/// theorem `verifying_key_shape`), after `check_program_counts`: every op
/// below `NUM_OPS`, the entry below `STACK_TOP`, every image word in one of
/// the three spaces at a word address below `STACK_TOP / 4`, every zero
/// interval with `lo <= hi <= STACK_TOP / 4`. Every program `load_program`
/// returns meets them (`decode_word` gives ops up to `OP_FENCE`,
/// `validate_segments` keeps the entry and every segment below
/// `SEGMENT_LIMIT`), so this refuses none of them; it states the bounds where
/// the key is made, so that every key `verifying_key` returns meets them by
/// this check alone.
pub fn check_program_shape(p: &Program) -> Result<(), VerifyError> {
    if p.entry >= program::STACK_TOP {
        return Err(VerifyError::ElfBadLayout);
    }
    let mut i = 0;
    while i < p.rows.len() {
        if p.rows[i].op >= program::NUM_OPS {
            return Err(VerifyError::ElfUnsupported);
        }
        i += 1;
    }
    let mut j = 0;
    while j < p.image.len() {
        let register = p.image[j].space == program::SPACE_REG;
        if p.image[j].space > program::SPACE_ROM
            || p.image[j].wa >= program::STACK_TOP / 4
            || (register && p.image[j].wa >= program::NUM_REGISTERS)
        {
            return Err(VerifyError::ElfBadLayout);
        }
        j += 1;
    }
    let mut k = 0;
    while k < p.zero_intervals.len() {
        if p.zero_intervals[k].lo > p.zero_intervals[k].hi
            || p.zero_intervals[k].hi > program::STACK_TOP / 4
        {
            return Err(VerifyError::ElfBadLayout);
        }
        k += 1;
    }
    Ok(())
}

/// Checks the facts about a key's image that the soundness proof of the
/// whole run takes of the program (the Lean theorem `check_program_image_ok`):
/// the image words are sorted strictly by (space, word address), so no cell
/// has two; the first 32 are the registers x0 … x31, x2 = `INITIAL_SP` and the
/// others 0; no RAM or ROM word lies in a zero interval; no RAM word has a ROM
/// word's address. Every program `load_program` returns meets them (it builds
/// the image in that order, and `validate_segments` refuses segments that
/// share a word; a zero interval is a segment's tail past its file words or the
/// heap above every segment), so this refuses none of them. Expects
/// `check_program_shape` to have accepted the program (spaces at most
/// `SPACE_ROM`).
pub fn check_program_image(p: &Program) -> Result<(), VerifyError> {
    let n = p.image.len();
    let regs = program::NUM_REGISTERS as usize;
    if n < regs {
        return Err(VerifyError::ElfBadLayout);
    }
    let mut r = 0;
    while r < regs {
        let value = if r == 2 { program::INITIAL_SP } else { 0 };
        if p.image[r].space != program::SPACE_REG
            || p.image[r].wa as usize != r
            || p.image[r].value != value
        {
            return Err(VerifyError::ElfBadLayout);
        }
        r += 1;
    }
    // Sorted strictly by (space, word address).
    let mut j = 1;
    while j < n {
        let before = p.image[j - 1].space < p.image[j].space
            || (p.image[j - 1].space == p.image[j].space && p.image[j - 1].wa < p.image[j].wa);
        if !before {
            return Err(VerifyError::ElfBadLayout);
        }
        j += 1;
    }
    // No RAM or ROM word in a zero interval.
    let mut k = regs;
    while k < n {
        let mut z = 0;
        while z < p.zero_intervals.len() {
            if p.zero_intervals[z].lo <= p.image[k].wa && p.image[k].wa < p.zero_intervals[z].hi {
                return Err(VerifyError::ElfBadLayout);
            }
            z += 1;
        }
        k += 1;
    }
    // The ROM words follow the RAM words; both runs are sorted by address, so
    // one pass over each finds a shared address.
    let mut rom = regs;
    while rom < n && p.image[rom].space != program::SPACE_ROM {
        rom += 1;
    }
    let mut i = regs;
    let mut m = rom;
    while i < rom {
        while m < n && p.image[m].wa < p.image[i].wa {
            m += 1;
        }
        if m < n && p.image[m].wa == p.image[i].wa {
            return Err(VerifyError::ElfBadLayout);
        }
        i += 1;
    }
    Ok(())
}

/// Whether two program rows are the same row, field by field.
fn same_row(a: &program::ProgramRow, b: &program::ProgramRow) -> bool {
    a.pc == b.pc
        && a.op == b.op
        && a.use_imm == b.use_imm
        && a.rs1 == b.rs1
        && a.rs2 == b.rs2
        && a.rd == b.rd
        && a.write_rd == b.write_rd
        && a.imm == b.imm
        && a.k == b.k
        && a.target == b.target
}

/// Checks that a key's program rows are its ROM words decoded, in order (the
/// Lean theorem `check_program_rows_ok`: every program row is `decode_word` of
/// a ROM image word at its address), the program binding the soundness proof
/// of the whole run takes of the fixed table. Every program `load_program`
/// returns meets it (it pushes a row for each ROM word `decode_word` decodes,
/// as it pushes the word), so this refuses none of them. Expects
/// `check_program_shape` to have accepted the program (word addresses below
/// 2^28).
pub fn check_program_rows(p: &Program) -> Result<(), VerifyError> {
    let mut k: usize = 0;
    let mut j: usize = 0;
    while j < p.image.len() {
        if p.image[j].space == program::SPACE_ROM {
            let pc = match p.image[j].wa.checked_mul(4) {
                Some(v) => v,
                None => return Err(VerifyError::ElfBadLayout),
            };
            match program::decode_word(pc, p.image[j].value) {
                Some(row) => {
                    if k >= p.rows.len() || !same_row(&p.rows[k], &row) {
                        return Err(VerifyError::ElfBadLayout);
                    }
                    k += 1;
                }
                None => {}
            }
        }
        j += 1;
    }
    if k != p.rows.len() {
        return Err(VerifyError::ElfBadLayout);
    }
    Ok(())
}

/// The verifying key of an ELF: the RV32IM machine, version 2 (air/rv32im,
/// docs/air.md), of its program table, image and zero intervals
/// (program.rs), with the RV32IM parameters (`rv32im_params`).
pub fn verifying_key(elf: &[u8]) -> Result<VerifyingKey, VerifyError> {
    let program: Program = match program::load_program(elf) {
        Ok(p) => p,
        Err(e) => return Err(e),
    };
    match check_program_counts(&program) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    match check_program_shape(&program) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    match check_program_image(&program) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    match check_program_rows(&program) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    Ok(VerifyingKey {
        air: AirId::Rv32imV2(program),
        params: rv32im_params(),
    })
}

fn read_bytes(bytes: &[u8], pos: usize) -> Result<(Vec<u8>, usize), VerifyError> {
    let (len, start) = match codec::read_len(bytes, pos, 1) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let end = match start.checked_add(len) {
        Some(e) => e,
        None => return Err(VerifyError::LengthTooLarge),
    };
    if end > bytes.len() {
        return Err(VerifyError::TruncatedProof);
    }
    let mut out: Vec<u8> = Vec::with_capacity(len);
    out.extend_from_slice(&bytes[start..end]);
    Ok((out, end))
}

pub fn decode_receipt(bytes: &[u8]) -> Result<Receipt, VerifyError> {
    let magic_len = RECEIPT_MAGIC.len();
    if bytes.len() < magic_len {
        return Err(VerifyError::TruncatedProof);
    }
    let mut i = 0;
    while i < magic_len {
        if bytes[i] != RECEIPT_MAGIC[i] {
            return Err(VerifyError::UnsupportedVersion);
        }
        i += 1;
    }
    let (version, pos) = match codec::read_u32(bytes, magic_len) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    if version != RECEIPT_VERSION {
        return Err(VerifyError::UnsupportedVersion);
    }
    let (exit_code, pos) = match codec::read_u32(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (cycles, pos) = match codec::read_u64(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (input_consumed, pos) = match codec::read_u32(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (input, pos) = match read_bytes(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (output, pos) = match read_bytes(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let (proof, pos) = match read_bytes(bytes, pos) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    if pos != bytes.len() {
        return Err(VerifyError::TrailingBytes);
    }
    Ok(Receipt {
        exit_code,
        cycles,
        input_consumed,
        input,
        output,
        proof,
    })
}

pub fn encode_receipt(receipt: &Receipt) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    out.extend_from_slice(RECEIPT_MAGIC);
    codec::write_u32(&mut out, RECEIPT_VERSION);
    codec::write_u32(&mut out, receipt.exit_code);
    codec::write_u64(&mut out, receipt.cycles);
    codec::write_u32(&mut out, receipt.input_consumed);
    codec::write_len(&mut out, receipt.input.len());
    out.extend_from_slice(&receipt.input);
    codec::write_len(&mut out, receipt.output.len());
    out.extend_from_slice(&receipt.output);
    codec::write_len(&mut out, receipt.proof.len());
    out.extend_from_slice(&receipt.proof);
    out
}

/// The statement of a claimed run (public values from the program and the claim).
pub fn statement_of(
    vk: &VerifyingKey,
    exit_code: u32,
    cycles: u64,
    input_consumed: u32,
    input: Vec<u8>,
    output: Vec<u8>,
) -> Result<Statement, VerifyError> {
    let result = match &vk.air {
        AirId::Rv32imV2(program) => rv32im::statement::public_values(
            program,
            exit_code,
            cycles,
            input.len(),
            input_consumed as usize,
            output.len(),
        ),
        #[cfg(feature = "test-airs")]
        _ => return Err(VerifyError::InvalidStatement),
    };
    let public_values = match result {
        Ok(pv) => pv,
        Err(e) => return Err(e),
    };
    Ok(Statement {
        public_values,
        input,
        output,
    })
}

/// Verifies receipt bytes against the verifying key of an ELF.
pub fn verify_receipt(vk: &VerifyingKey, receipt_bytes: &[u8]) -> Result<VerifiedRun, VerifyError> {
    let receipt = match decode_receipt(receipt_bytes) {
        Ok(r) => r,
        Err(e) => return Err(e),
    };
    let statement = match statement_of(
        vk,
        receipt.exit_code,
        receipt.cycles,
        receipt.input_consumed,
        receipt.input,
        receipt.output,
    ) {
        Ok(s) => s,
        Err(e) => return Err(e),
    };
    let segments =
        match proof::decode_segments_with_limits(&receipt.proof, &stark::decode_limits(vk)) {
            Ok(p) => p,
            Err(e) => return Err(e),
        };
    match stark::verify_segments(vk, &statement, &segments) {
        Ok(()) => {}
        Err(e) => return Err(e),
    }
    Ok(VerifiedRun {
        exit_code: receipt.exit_code,
        cycles: receipt.cycles,
        input_consumed: receipt.input_consumed,
        input: statement.input,
        output: statement.output,
    })
}
