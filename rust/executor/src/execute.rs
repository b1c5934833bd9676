//! Instruction semantics: one [`Machine::step_with`] executes one instruction.

use crate::decode::Op;
use crate::error::ExecError;
use crate::machine::{Machine, StepOutcome};
use crate::memory::AccessFault;
use crate::syscall::SyscallOutcome;
use crate::trace::{MemoryAccess, StepRecord, Tracer};

fn access_error(fault: AccessFault, pc: u32, addr: u32, width: u32) -> ExecError {
    match fault {
        AccessFault::Misaligned => ExecError::MisalignedAccess { pc, addr, width },
        AccessFault::OutOfBounds => ExecError::OutOfBoundsAccess { pc, addr },
        AccessFault::ReadOnly => ExecError::WriteToReadOnly { pc, addr },
    }
}

/// Taken control transfers must land on a 4-byte boundary (IALIGN = 32).
#[inline(always)]
fn jump_target(pc: u32, target: u32) -> Result<u32, ExecError> {
    if target.is_multiple_of(4) {
        Ok(target)
    } else {
        Err(ExecError::MisalignedJump { pc, target })
    }
}

#[inline(always)]
fn mulh(a: u32, b: u32) -> u32 {
    ((i64::from(a as i32) * i64::from(b as i32)) >> 32) as u32
}

#[inline(always)]
fn mulhsu(a: u32, b: u32) -> u32 {
    // |a| <= 2^31 and b < 2^32, so the product fits in i64.
    ((i64::from(a as i32) * i64::from(b)) >> 32) as u32
}

#[inline(always)]
fn mulhu(a: u32, b: u32) -> u32 {
    ((u64::from(a) * u64::from(b)) >> 32) as u32
}

/// Signed division as the M extension defines it: x/0 = -1, INT_MIN/-1 = INT_MIN.
#[inline(always)]
fn div(a: u32, b: u32) -> u32 {
    if b == 0 {
        u32::MAX
    } else {
        (a as i32).wrapping_div(b as i32) as u32
    }
}

#[inline(always)]
fn divu(a: u32, b: u32) -> u32 {
    a.checked_div(b).unwrap_or(u32::MAX)
}

/// Signed remainder: x%0 = x, INT_MIN%-1 = 0.
#[inline(always)]
fn rem(a: u32, b: u32) -> u32 {
    if b == 0 {
        a
    } else {
        (a as i32).wrapping_rem(b as i32) as u32
    }
}

#[inline(always)]
fn remu(a: u32, b: u32) -> u32 {
    a.checked_rem(b).unwrap_or(a)
}

impl Machine {
    /// Executes one instruction, reporting it to `tracer`.
    #[inline(always)]
    pub fn step_with<T: Tracer>(&mut self, tracer: &mut T) -> Result<StepOutcome, ExecError> {
        if let Some(exit_code) = self.exit_code {
            return Ok(StepOutcome::Halted { exit_code });
        }
        let (next_pc, outcome) = self.execute_at(self.pc, self.cycles, tracer)?;
        self.pc = next_pc;
        self.cycles += 1;
        Ok(outcome)
    }

    /// Executes the instruction at `pc` as step number `cycle`, returning
    /// the next pc. Leaves `self.pc` and `self.cycles` alone so that the run
    /// loop can keep them in host registers: storing them on every step
    /// made speed depend on where the machine happened to be allocated.
    #[inline(always)]
    pub(crate) fn execute_at<T: Tracer>(
        &mut self,
        pc: u32,
        cycle: u64,
        tracer: &mut T,
    ) -> Result<(u32, StepOutcome), ExecError> {
        let ins = self.code.fetch(pc)?;
        let rs1 = self.regs[usize::from(ins.rs1 & 31)];
        let rs2 = self.regs[usize::from(ins.rs2 & 31)];
        let imm = ins.imm as u32;
        let mut next_pc = pc.wrapping_add(4);
        // Value for rd; None for instructions that do not write a register.
        let mut rd_value: Option<u32> = None;
        let mut access: Option<MemoryAccess> = None;
        let mut outcome = StepOutcome::Continue;

        macro_rules! load {
            ($method:ident, $width:expr, $extend:expr) => {{
                let addr = rs1.wrapping_add(imm);
                let raw = self
                    .memory
                    .$method(addr)
                    .map_err(|f| access_error(f, pc, addr, $width))?;
                if T::ENABLED {
                    access = Some(MemoryAccess {
                        addr,
                        width: $width as u8,
                        is_write: false,
                        value: u32::from(raw),
                    });
                }
                rd_value = Some($extend(raw));
            }};
        }
        macro_rules! store {
            ($method:ident, $width:expr, $ty:ty) => {{
                let addr = rs1.wrapping_add(imm);
                let value = rs2 as $ty;
                self.memory
                    .$method(addr, value)
                    .map_err(|f| access_error(f, pc, addr, $width))?;
                if T::ENABLED {
                    access = Some(MemoryAccess {
                        addr,
                        width: $width as u8,
                        is_write: true,
                        value: u32::from(value),
                    });
                }
            }};
        }
        macro_rules! branch {
            ($taken:expr) => {
                if $taken {
                    next_pc = jump_target(pc, pc.wrapping_add(imm))?;
                }
            };
        }

        match ins.op {
            Op::Lui => rd_value = Some(imm),
            Op::Auipc => rd_value = Some(pc.wrapping_add(imm)),
            Op::Jal => {
                next_pc = jump_target(pc, pc.wrapping_add(imm))?;
                rd_value = Some(pc.wrapping_add(4));
            }
            Op::Jalr => {
                next_pc = jump_target(pc, rs1.wrapping_add(imm) & !1)?;
                rd_value = Some(pc.wrapping_add(4));
            }
            Op::Beq => branch!(rs1 == rs2),
            Op::Bne => branch!(rs1 != rs2),
            Op::Blt => branch!((rs1 as i32) < (rs2 as i32)),
            Op::Bge => branch!((rs1 as i32) >= (rs2 as i32)),
            Op::Bltu => branch!(rs1 < rs2),
            Op::Bgeu => branch!(rs1 >= rs2),
            Op::Lb => load!(load_u8, 1u32, |v: u8| v as i8 as u32),
            Op::Lh => load!(load_u16, 2u32, |v: u16| v as i16 as u32),
            Op::Lw => load!(load_u32, 4u32, |v: u32| v),
            Op::Lbu => load!(load_u8, 1u32, u32::from),
            Op::Lhu => load!(load_u16, 2u32, u32::from),
            Op::Sb => store!(store_u8, 1u32, u8),
            Op::Sh => store!(store_u16, 2u32, u16),
            Op::Sw => store!(store_u32, 4u32, u32),
            Op::Addi => rd_value = Some(rs1.wrapping_add(imm)),
            Op::Slti => rd_value = Some(u32::from((rs1 as i32) < ins.imm)),
            Op::Sltiu => rd_value = Some(u32::from(rs1 < imm)),
            Op::Xori => rd_value = Some(rs1 ^ imm),
            Op::Ori => rd_value = Some(rs1 | imm),
            Op::Andi => rd_value = Some(rs1 & imm),
            Op::Slli => rd_value = Some(rs1 << (imm & 31)),
            Op::Srli => rd_value = Some(rs1 >> (imm & 31)),
            Op::Srai => rd_value = Some(((rs1 as i32) >> (imm & 31)) as u32),
            Op::Add => rd_value = Some(rs1.wrapping_add(rs2)),
            Op::Sub => rd_value = Some(rs1.wrapping_sub(rs2)),
            Op::Sll => rd_value = Some(rs1 << (rs2 & 31)),
            Op::Slt => rd_value = Some(u32::from((rs1 as i32) < (rs2 as i32))),
            Op::Sltu => rd_value = Some(u32::from(rs1 < rs2)),
            Op::Xor => rd_value = Some(rs1 ^ rs2),
            Op::Srl => rd_value = Some(rs1 >> (rs2 & 31)),
            Op::Sra => rd_value = Some(((rs1 as i32) >> (rs2 & 31)) as u32),
            Op::Or => rd_value = Some(rs1 | rs2),
            Op::And => rd_value = Some(rs1 & rs2),
            Op::Mul => rd_value = Some(rs1.wrapping_mul(rs2)),
            Op::Mulh => rd_value = Some(mulh(rs1, rs2)),
            Op::Mulhsu => rd_value = Some(mulhsu(rs1, rs2)),
            Op::Mulhu => rd_value = Some(mulhu(rs1, rs2)),
            Op::Div => rd_value = Some(div(rs1, rs2)),
            Op::Divu => rd_value = Some(divu(rs1, rs2)),
            Op::Rem => rd_value = Some(rem(rs1, rs2)),
            Op::Remu => rd_value = Some(remu(rs1, rs2)),
            Op::Fence => {}
            Op::Ecall => match self.ecall(pc)? {
                SyscallOutcome::Return(value) => rd_value = Some(value),
                SyscallOutcome::Exit(exit_code) => {
                    self.exit_code = Some(exit_code);
                    // A halted machine stays at its exit ecall.
                    next_pc = pc;
                    outcome = StepOutcome::Halted { exit_code };
                }
            },
            Op::Ebreak => return Err(ExecError::Ebreak { pc }),
            Op::Illegal => {
                let word = self.code.word(pc);
                return Err(ExecError::IllegalInstruction { pc, word });
            }
        }

        // ecall returns its result in a0.
        let rd = if ins.op == Op::Ecall { 10 } else { ins.rd & 31 };
        if let Some(value) = rd_value {
            // A branch, not an unconditional `regs[0] = 0` store: fewer
            // stores per step measurably speed up the interpreter.
            if rd != 0 {
                self.regs[usize::from(rd)] = value;
            }
        }
        if T::ENABLED {
            let written = rd_value.is_some();
            tracer.on_step(&StepRecord {
                cycle,
                pc,
                next_pc,
                word: self.code.word(pc),
                rs1: ins.rs1,
                rs2: ins.rs2,
                rd: if written { rd } else { 0 },
                rs1_value: rs1,
                rs2_value: rs2,
                rd_value: if written {
                    self.regs[usize::from(rd)]
                } else {
                    0
                },
                memory: access,
            });
        }
        Ok((next_pc, outcome))
    }
}
