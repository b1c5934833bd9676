//! A small label-aware assembler on top of `zkvm_executor::testing::asm`
//! (forward and backward labels for branches and jumps, `li`, syscalls and
//! exits) and the ELF of its code with an optional RAM segment.
#![allow(dead_code)]

use zkvm_executor::testing::asm;
use zkvm_executor::testing::elf_writer::{ElfBuilder, DATA_BASE, TEXT_BASE};

pub use zkvm_executor::testing::asm::reg;

pub const TEXT: u32 = TEXT_BASE;
pub const DATA: u32 = DATA_BASE;

/// A word to patch: (index, label, encoder of the byte offset to the label).
type Fixup = (usize, usize, Box<dyn Fn(i32) -> u32>);

/// Code at `TEXT_BASE` with forward/backward labels for branches and jumps.
#[derive(Default)]
pub struct Asm {
    pub words: Vec<u32>,
    labels: Vec<Option<usize>>,
    fixups: Vec<Fixup>,
}

#[derive(Clone, Copy, Debug)]
pub struct Label(usize);

pub type BranchFn = fn(u32, u32, i32) -> u32;

impl Asm {
    pub fn new() -> Self {
        Self::default()
    }
    /// The pc of the next instruction.
    pub fn pc(&self) -> u32 {
        TEXT_BASE + 4 * self.words.len() as u32
    }
    /// Emits one word and returns its pc.
    pub fn emit(&mut self, w: u32) -> u32 {
        let pc = self.pc();
        self.words.push(w);
        pc
    }
    pub fn extend(&mut self, ws: &[u32]) {
        self.words.extend_from_slice(ws);
    }
    /// `lui + addi` (always two words).
    pub fn li(&mut self, rd: u32, v: u32) {
        self.extend(&asm::li(rd, v));
    }
    pub fn label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() - 1)
    }
    pub fn bind(&mut self, l: Label) {
        assert!(self.labels[l.0].is_none(), "label bound twice");
        self.labels[l.0] = Some(self.words.len());
    }
    pub fn label_pc(&self, l: Label) -> u32 {
        TEXT_BASE + 4 * self.labels[l.0].expect("unbound label") as u32
    }
    /// Emits a word computed later from the byte offset of `l` relative to it.
    pub fn emit_fixup(&mut self, l: Label, f: impl Fn(i32) -> u32 + 'static) -> u32 {
        let at = self.words.len();
        self.fixups.push((at, l.0, Box::new(f)));
        self.emit(0)
    }
    pub fn branch_to(&mut self, f: BranchFn, rs1: u32, rs2: u32, l: Label) -> u32 {
        let at = self.words.len();
        self.fixups
            .push((at, l.0, Box::new(move |off| f(rs1, rs2, off))));
        self.emit(0)
    }
    pub fn jal_to(&mut self, rd: u32, l: Label) -> u32 {
        let at = self.words.len();
        self.fixups
            .push((at, l.0, Box::new(move |off| asm::jal(rd, off))));
        self.emit(0)
    }
    /// `li a7, 93; ecall` with a0 as it is.
    pub fn exit_with_a0(&mut self) -> u32 {
        self.li(reg::A7, 93);
        self.emit(asm::ecall())
    }
    pub fn exit(&mut self, code: u32) -> u32 {
        self.li(reg::A0, code);
        self.exit_with_a0()
    }
    /// `li a7, nr; li a0, a0; li a1, a1; li a2, a2; ecall`; returns the ecall's pc.
    pub fn syscall(&mut self, nr: u32, a0: u32, a1: u32, a2: u32) -> u32 {
        self.li(reg::A0, a0);
        self.li(reg::A1, a1);
        self.li(reg::A2, a2);
        self.li(reg::A7, nr);
        self.emit(asm::ecall())
    }
    pub fn finish(mut self) -> Vec<u32> {
        for (at, l, f) in std::mem::take(&mut self.fixups) {
            let target = self.labels[l].expect("unbound label");
            self.words[at] = f(4 * (target as i32 - at as i32));
        }
        self.words
    }
}

/// An ELF with `code` at TEXT_BASE and, if `data_mem > 0`, a RAM segment at
/// DATA_BASE holding `data` followed by zeros up to `data_mem` bytes.
pub fn elf(code: &[u32], data: &[u8], data_mem: u32) -> Vec<u8> {
    let b = ElfBuilder::with_text(code);
    if data_mem > 0 {
        b.data(DATA_BASE, data.to_vec(), data_mem).build()
    } else {
        b.build()
    }
}
