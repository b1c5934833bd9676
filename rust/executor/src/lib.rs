//! Reference executor for the zkVM's guest ISA: RV32IM, little-endian, one
//! hart, no privileged architecture, no CSRs.
//!
//! ```no_run
//! use zkvm_executor::{run, Limits, Program};
//! let elf = std::fs::read("guest.elf").unwrap();
//! let program = Program::from_elf(&elf).unwrap();
//! let result = run(&program, b"input bytes", &Limits::default()).unwrap();
//! println!("exit {} after {} cycles", result.exit_code, result.cycles);
//! ```
//!
//! # Loading
//! Static ELF32 little-endian `EM_RISCV` `ET_EXEC` files only (no PT_INTERP /
//! PT_DYNAMIC, no RVC flag). Each PT_LOAD segment with `p_memsz > 0` becomes
//! a [`Segment`]; segments must be disjoint and end at or below
//! [`layout::SEGMENT_LIMIT`]; the entry point must be a 4-aligned address in
//! an executable segment. Initial state: `pc` = entry, `sp` (x2) =
//! [`layout::INITIAL_SP`], every other register 0, and no argc/argv/auxv.
//!
//! # Memory layout (constants in [`layout`])
//! * ELF segments as loaded. Executable (PF_X) segments are **read + execute
//!   only**, even if PF_W is set — stores into them trap with
//!   [`ExecError::WriteToReadOnly`] — so code is decoded once and never
//!   changes (no self-modifying code). Every other segment is read + write,
//!   even if PF_W is clear (a read-only `.rodata` segment is writable here,
//!   unlike under qemu). Gaps between segments are unmapped.
//! * Heap + stack: one zero-initialised read/write region from the end of
//!   the highest segment (`Program::heap_start`, byte-exact, so a bump
//!   allocator may start at the linker's `_end`) up to
//!   [`layout::STACK_TOP`] = `0x4000_0000`, the initial `sp`. There is no
//!   guard between heap and stack. (qemu-user maps nothing past `.bss`, so
//!   guests that must also run there keep their heap inside `.bss`.)
//! * Everything else (including address 0) is unmapped: any access traps
//!   with [`ExecError::OutOfBoundsAccess`], any fetch with
//!   [`ExecError::InstructionFetchFault`].
//!
//! # Traps (all fatal; there are no trap handlers)
//! * Misaligned loads/stores (`LH/LHU/SH` not 2-aligned, `LW/SW` not
//!   4-aligned) trap with [`ExecError::MisalignedAccess`]. qemu-user emulates
//!   them, but our guest compilers never emit them and a zkVM circuit is far
//!   simpler without them.
//! * A *taken* branch or jump to a target that is not 4-aligned traps with
//!   [`ExecError::MisalignedJump`] (the spec's IALIGN=32 behaviour).
//! * Decoding is strict ([`decode::decode`]): unknown opcodes/funct fields,
//!   reserved shift encodings, CSR instructions and FENCE.I are
//!   [`ExecError::IllegalInstruction`]. FENCE is a no-op; EBREAK traps with
//!   [`ExecError::Ebreak`].
//!
//! # Syscalls (`ecall`; number in a7, Linux RISC-V numbering)
//! | a7 | call | behaviour |
//! |----|------|-----------|
//! | 63 | `read(fd=a0, buf=a1, len=a2)` | fd 0 (public input) or 3 (private input, [`Machine::with_private_input`]); copies `min(len, unread)` bytes of that input to `buf`, a0 = count (0 at its end) |
//! | 64 | `write(fd=a0, buf=a1, len=a2)` | fd 1 appends to the public output, fd 2 to [`Machine::debug_output`] (not part of the result); a0 = len |
//! | 93, 94 | `exit(a0)` / `exit_group(a0)` | halts with exit code a0 (full 32 bits; qemu reports only the low 8) |
//!
//! Other numbers trap with [`ExecError::UnknownSyscall`], other descriptors
//! with [`ExecError::BadFileDescriptor`]. A syscall buffer that is not fully
//! mapped (or, for `read`, not writable) traps like a load/store would.
//! fd 1 output is capped at [`layout::MAX_OUTPUT_LEN`]
//! ([`ExecError::OutputTooLarge`]); fd 2 output is never refused for its
//! size, and [`Machine::debug_output`] keeps its first `MAX_OUTPUT_LEN`
//! bytes. After `exit` the machine stays halted
//! with `pc` at the exit `ecall`.
//!
//! # Cycles
//! Every executed instruction — including the final `ecall` — is one cycle.
//! [`run`] fails with [`ExecError::CycleLimitExceeded`] if the guest has not
//! exited after `max_cycles` instructions.
//!
//! # Step-level API
//! [`Machine`] exposes the state and [`Machine::step`]; [`Machine::step_with`]
//! additionally passes a [`StepRecord`] (pc, word, register and memory
//! values) to a [`Tracer`], e.g. a `Vec<StepRecord>`.
//!
//! [`testing`] holds a small assembler and ELF writer for tests and tools.

mod code;
pub mod decode;
mod elf;
mod error;
mod execute;
pub mod layout;
mod machine;
pub mod memory;
pub mod syscall;
pub mod testing;
mod trace;

pub use decode::{decode, Instruction, Op};
pub use elf::{Program, Segment};
pub use error::{ElfError, ExecError};
pub use machine::{run, run_private, Limits, Machine, RunResult, StepOutcome};
pub use memory::Memory;
pub use trace::{MemoryAccess, NoTrace, StepRecord, Tracer};
