//! Shared helpers for the executor's integration tests.
#![allow(dead_code)]

use zkvm_executor::testing::asm;
use zkvm_executor::testing::elf_writer::{ElfBuilder, DATA_BASE, TEXT_BASE};
use zkvm_executor::{ExecError, Limits, Machine, Program, RunResult, StepOutcome};

/// Size of the zero-initialised read/write data segment at `DATA_BASE`.
pub const DATA_SIZE: u32 = 0x1000;

/// Program with `words` at `TEXT_BASE` and `data` (zero-padded to
/// `DATA_SIZE`) at `DATA_BASE`.
pub fn program_with_data(words: &[u32], data: &[u8]) -> Program {
    let elf = ElfBuilder::with_text(words)
        .data(DATA_BASE, data.to_vec(), DATA_SIZE)
        .build();
    Program::from_elf(&elf).expect("test ELF must load")
}

pub fn program(words: &[u32]) -> Program {
    program_with_data(words, &[])
}

/// A machine about to execute `word`, with the given registers set.
pub fn machine_at(word: u32, regs: &[(u32, u32)]) -> Machine {
    let mut words = vec![word];
    words.extend(asm::exit(0));
    let mut machine = Machine::new(&program(&words), &[]).unwrap();
    for &(r, v) in regs {
        machine.set_reg(r as u8, v);
    }
    machine
}

/// Executes the single instruction `word` with the given registers set and
/// returns the machine afterwards.
pub fn exec(word: u32, regs: &[(u32, u32)]) -> Machine {
    let mut machine = machine_at(word, regs);
    assert_eq!(
        machine.step(),
        Ok(StepOutcome::Continue),
        "instruction 0x{word:08x}"
    );
    machine
}

/// Value of `rd` after executing `word` with registers `regs`.
pub fn result_of(word: u32, rd: u32, regs: &[(u32, u32)]) -> u32 {
    exec(word, regs).reg(rd as u8)
}

/// Runs `words` followed by `exit(0)`.
pub fn run_words(words: &[u32]) -> Result<RunResult, ExecError> {
    run_words_with_data(words, &[])
}

pub fn run_words_with_data(words: &[u32], data: &[u8]) -> Result<RunResult, ExecError> {
    let mut all = words.to_vec();
    all.extend(asm::exit(0));
    zkvm_executor::run(&program_with_data(&all, data), &[], &Limits::default())
}

pub fn text_addr(index: usize) -> u32 {
    TEXT_BASE + 4 * index as u32
}
