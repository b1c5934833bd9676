//! A test vector: a small program (code at `TEXT_BASE`, optional data at
//! `DATA_BASE`, private input), and what the executor does with it.

use std::collections::BTreeSet;
use zkvm_executor::testing::elf_writer::{ElfBuilder, DATA_BASE};
use zkvm_executor::{decode, ExecError, Machine, Op, Program, StepOutcome};

/// The syscall numbers (a7) the executor implements.
pub const SYS_READ: u32 = 63;
pub const SYS_WRITE: u32 = 64;
pub const SYS_EXIT: u32 = 93;
pub const SYS_EXIT_GROUP: u32 = 94;

/// No vector may run longer than this (the Lean kernel evaluates every step).
pub const MAX_STEPS: u64 = 400;

/// What a vector is written to do; the generator checks the executor agrees, so that a slip in
/// a hand-written program cannot silently turn a test of one thing into a test of another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    Exit,
    /// A trap, by `ExecError` variant name.
    Trap(&'static str),
}

#[derive(Clone, Debug)]
pub struct Vector {
    /// Lean identifier (snake_case), unique within its file.
    pub name: String,
    /// One-line description, becomes the doc comment.
    pub doc: String,
    pub words: Vec<u32>,
    /// Initial bytes and total size of a read/write segment at `DATA_BASE`
    /// (no data segment if the size is 0).
    pub data: Vec<u8>,
    pub data_size: u32,
    pub input: Vec<u8>,
    /// The private input (fd 3).
    pub private: Vec<u8>,
    pub expect: Expect,
}

impl Vector {
    pub fn new(name: &str, doc: &str, words: Vec<u32>) -> Vector {
        Vector {
            name: name.to_string(),
            doc: doc.to_string(),
            words,
            data: Vec::new(),
            data_size: 0,
            input: Vec::new(),
            private: Vec::new(),
            expect: Expect::Exit,
        }
    }

    /// The vector is meant to stop with this trap (an `ExecError` variant name).
    pub fn traps(mut self, variant: &'static str) -> Vector {
        self.expect = Expect::Trap(variant);
        self
    }

    pub fn with_data(mut self, data: &[u8], size: u32) -> Vector {
        assert!(data.len() as u64 <= u64::from(size) && size > 0);
        self.data = data.to_vec();
        self.data_size = size;
        self
    }

    pub fn with_input(mut self, input: &[u8]) -> Vector {
        self.input = input.to_vec();
        self
    }

    pub fn with_private_input(mut self, private: &[u8]) -> Vector {
        self.private = private.to_vec();
        self
    }

    /// The program as the executor loads it: through an ELF file, exactly
    /// like a guest binary.
    pub fn program(&self) -> Program {
        let mut elf = ElfBuilder::with_text(&self.words);
        if self.data_size > 0 {
            elf = elf.data(DATA_BASE, self.data.clone(), self.data_size);
        }
        Program::from_elf(&elf.build())
            .unwrap_or_else(|e| panic!("vector {}: ELF rejected: {e}", self.name))
    }
}

/// What a test program may exercise; the generator checks all of them are.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Feature {
    /// An instruction that executed (without trapping).
    Instruction(String),
    /// An `ecall` that completed, by call (`read`, `write(1)`, `exit(93)`, …).
    Syscall(String),
    /// A trap, by `ExecError` variant name.
    Trap(String),
    /// An edge case of an instruction that executed (see `edge_cases`).
    Edge(String),
}

const INT_MIN: u32 = 0x8000_0000;

/// The edge cases an executed instruction with operand values `a` (rs1) and `b` (rs2) and
/// loaded value `loaded` exercises.
fn edge_cases(op: Op, a: u32, b: u32, taken: bool) -> Vec<String> {
    let name = format!("{op:?}").to_uppercase();
    let mut edges = Vec::new();
    match op {
        Op::Div | Op::Divu | Op::Rem | Op::Remu if b == 0 => edges.push(format!("{name} by zero")),
        Op::Div | Op::Rem if a == INT_MIN && b == u32::MAX => {
            edges.push(format!("{name} INT_MIN / -1"))
        }
        Op::Sll | Op::Srl | Op::Sra if b >= 32 => edges.push(format!("{name} amount >= 32")),
        Op::Beq | Op::Bne | Op::Blt | Op::Bge | Op::Bltu | Op::Bgeu => edges.push(format!(
            "{name} {}",
            if taken { "taken" } else { "not taken" }
        )),
        _ => {}
    }
    edges
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Exited {
        pc: u32,
        regs: [u32; 32],
        input_pos: usize,
        output: Vec<u8>,
        debug_output: Vec<u8>,
        exit_code: u32,
    },
    Trapped(ExecError),
}

#[derive(Clone, Debug)]
pub struct Executed {
    pub vector: Vector,
    /// Number of `step`s the Lean `run` needs: executed instructions, plus
    /// one for the trapping instruction.
    pub steps: u64,
    pub outcome: Outcome,
    pub features: BTreeSet<Feature>,
}

/// Name of an `ExecError` variant, for coverage bookkeeping.
pub fn trap_name(e: &ExecError) -> String {
    let debug = format!("{e:?}");
    debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_string()
}

fn syscall_name(a7: u32, a0: u32) -> String {
    match a7 {
        SYS_READ if a0 == 3 => "read(fd 3)".to_string(),
        SYS_READ => "read".to_string(),
        SYS_WRITE => format!("write(fd {a0})"),
        SYS_EXIT => "exit".to_string(),
        SYS_EXIT_GROUP => "exit_group".to_string(),
        _ => format!("syscall {a7}"),
    }
}

/// Runs `vector` on the executor, one `step` at a time, recording what it
/// exercised. Panics if it neither exits nor traps within `MAX_STEPS`.
pub fn execute(vector: Vector) -> Executed {
    let program = vector.program();
    let mut machine = Machine::with_private_input(&program, &vector.input, &vector.private)
        .unwrap_or_else(|e| panic!("vector {}: {e}", vector.name));
    let mut features = BTreeSet::new();
    let outcome = loop {
        assert!(
            machine.cycles() < MAX_STEPS,
            "vector {} runs longer than {MAX_STEPS} steps",
            vector.name
        );
        let pc = machine.pc();
        let (a7, a0) = (machine.reg(17), machine.reg(10));
        let ins = machine.memory().peek_u32(pc).and_then(decode);
        let op = ins.map(|i| i.op);
        let (a, b) = ins.map_or((0, 0), |i| (machine.reg(i.rs1), machine.reg(i.rs2)));
        match machine.step() {
            Ok(outcome) => {
                let op = op.expect("an instruction that executed decodes");
                features.insert(Feature::Instruction(format!("{op:?}").to_uppercase()));
                let taken = machine.pc() != pc.wrapping_add(4);
                for edge in edge_cases(op, a, b, taken) {
                    features.insert(Feature::Edge(edge));
                }
                if let Some(i) = ins {
                    let loaded = machine.reg(i.rd);
                    if matches!(op, Op::Lb | Op::Lh) && i.rd != 0 && loaded >> 31 == 1 {
                        let name = format!("{op:?}").to_uppercase();
                        features.insert(Feature::Edge(format!("{name} sign-extends")));
                    }
                }
                if op == Op::Ecall {
                    features.insert(Feature::Syscall(syscall_name(a7, a0)));
                }
                if let StepOutcome::Halted { exit_code } = outcome {
                    break Outcome::Exited {
                        pc: machine.pc(),
                        regs: *machine.regs(),
                        input_pos: machine.input_position(),
                        output: machine.output().to_vec(),
                        debug_output: machine.debug_output().to_vec(),
                        exit_code,
                    };
                }
            }
            Err(e) => {
                features.insert(Feature::Trap(trap_name(&e)));
                break Outcome::Trapped(e);
            }
        }
    };
    let expected = match &outcome {
        Outcome::Exited { .. } => Expect::Exit,
        Outcome::Trapped(e) => Expect::Trap(
            [
                "IllegalInstruction",
                "MisalignedAccess",
                "OutOfBoundsAccess",
                "WriteToReadOnly",
                "InstructionFetchFault",
                "MisalignedJump",
                "UnknownSyscall",
                "BadFileDescriptor",
                "OutputTooLarge",
                "Ebreak",
            ]
            .into_iter()
            .find(|n| *n == trap_name(e))
            .unwrap_or_else(|| panic!("vector {}: unexpected error {e:?}", vector.name)),
        ),
    };
    assert_eq!(
        expected, vector.expect,
        "vector {}: the executor's outcome {outcome:?} is not the intended one",
        vector.name
    );
    let steps = machine.cycles() + u64::from(matches!(outcome, Outcome::Trapped(_)));
    Executed {
        vector,
        steps,
        outcome,
        features,
    }
}
