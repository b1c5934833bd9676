//! Helpers for tests and tools: a tiny RV32IM assembler and a minimal ELF
//! writer. Not used by the executor itself.

pub mod asm;
pub mod elf_writer;
