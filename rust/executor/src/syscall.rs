//! `ecall` handling with Linux RISC-V syscall numbers (number in a7,
//! arguments in a0..a2, result in a0), so guests also run under qemu-riscv32.

use crate::error::ExecError;
use crate::layout::MAX_OUTPUT_LEN;
use crate::machine::Machine;
use crate::memory::AccessFault;

pub const SYS_READ: u32 = 63;
pub const SYS_WRITE: u32 = 64;
pub const SYS_EXIT: u32 = 93;
pub const SYS_EXIT_GROUP: u32 = 94;
/// The private input's file descriptor: `read(3, buf, len)` reads it like
/// fd 0 reads the public input.
pub const FD_PRIVATE: u32 = 3;

const REG_A0: usize = 10;
const REG_A1: usize = 11;
const REG_A2: usize = 12;
const REG_A7: usize = 17;

pub(crate) enum SyscallOutcome {
    /// Continue with this value in a0.
    Return(u32),
    Exit(u32),
}

fn buffer_error(pc: u32, (addr, fault): (u32, AccessFault)) -> ExecError {
    match fault {
        AccessFault::ReadOnly => ExecError::WriteToReadOnly { pc, addr },
        _ => ExecError::OutOfBoundsAccess { pc, addr },
    }
}

impl Machine {
    pub(crate) fn ecall(&mut self, pc: u32) -> Result<SyscallOutcome, ExecError> {
        let number = self.regs[REG_A7];
        let (a0, a1, a2) = (self.regs[REG_A0], self.regs[REG_A1], self.regs[REG_A2]);
        match number {
            SYS_READ => self.sys_read(pc, a0, a1, a2),
            SYS_WRITE => self.sys_write(pc, a0, a1, a2),
            SYS_EXIT | SYS_EXIT_GROUP => Ok(SyscallOutcome::Exit(a0)),
            _ => Err(ExecError::UnknownSyscall { pc, number }),
        }
    }

    /// `read(fd, buf, len)`, fd 0 (the public input) or [`FD_PRIVATE`] (the
    /// private input): copies up to `len` unread bytes of that input to
    /// `buf` and returns how many (0 at its end). Only the copied bytes need
    /// to be writable.
    fn sys_read(
        &mut self,
        pc: u32,
        fd: u32,
        buf: u32,
        len: u32,
    ) -> Result<SyscallOutcome, ExecError> {
        let (input, pos) = match fd {
            0 => (&self.input, &mut self.input_pos),
            FD_PRIVATE => (&self.private_input, &mut self.private_pos),
            _ => {
                return Err(ExecError::BadFileDescriptor {
                    pc,
                    syscall: "read",
                    fd,
                })
            }
        };
        let remaining = input.get(*pos..).unwrap_or(&[]);
        let count = remaining.len().min(len as usize);
        let bytes = &remaining[..count];
        self.memory
            .write_bytes(buf, bytes)
            .map_err(|e| buffer_error(pc, e))?;
        *pos += count;
        // count <= len, so it fits in u32.
        Ok(SyscallOutcome::Return(count as u32))
    }

    /// `write(fd, buf, len)`: fd 1 appends to the public output, fd 2 to the
    /// debug output; returns `len`.
    fn sys_write(
        &mut self,
        pc: u32,
        fd: u32,
        buf: u32,
        len: u32,
    ) -> Result<SyscallOutcome, ExecError> {
        if fd != 1 && fd != 2 {
            return Err(ExecError::BadFileDescriptor {
                pc,
                syscall: "write",
                fd,
            });
        }
        if fd == 1 && self.output.len() + len as usize > MAX_OUTPUT_LEN {
            return Err(ExecError::OutputTooLarge {
                max: MAX_OUTPUT_LEN,
            });
        }
        let bytes = self
            .memory
            .read_bytes(buf, len)
            .map_err(|e| buffer_error(pc, e))?;
        if fd == 1 {
            self.output.extend_from_slice(&bytes);
        } else {
            // A debug log the proof does not see: never refused for its
            // size, only its first MAX_OUTPUT_LEN bytes are kept.
            let room = MAX_OUTPUT_LEN.saturating_sub(self.debug_output.len());
            let keep = bytes.len().min(room);
            self.debug_output.extend_from_slice(&bytes[..keep]);
        }
        Ok(SyscallOutcome::Return(len))
    }
}
