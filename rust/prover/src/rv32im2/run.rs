//! From a run to the traces of the RV32IM machine, version 2: the executor
//! runs the guest and records every instruction; the run is then replayed
//! in order (mod.rs): the CPU reads rs1 and rs2 (ports 0 and 1), the
//! coprocessor of the instruction's op computes its result (and makes its
//! own accesses at port 3), the CPU writes rd (port 2). After the last
//! instruction the memory boundary lists every touched cell, and the range
//! and fixed tables count the lookups every other table made.

use p3_matrix::dense::RowMajorMatrix;
use zkvm_executor::{Machine, StepRecord};
use zkvm_verifier::air::rv32im::{bus, cpu as cpu_air, fixed, range, statement};
use zkvm_verifier::air::{tables, AirId, TableId};
use zkvm_verifier::receipt::program::{self as prog, Program};

use super::builder::{timestamp, Builder};
use super::{alu, boundary, cpu, div, logic, mem, mul, syscall, Request, TableRows, TraceError};
use crate::types::F;

/// The traces of one run, in the machine's table order, with what the
/// statement needs.
pub struct Witness {
    pub traces: Vec<RowMajorMatrix<F>>,
    pub public_values: Vec<u32>,
    pub exit_code: u32,
    pub cycles: u64,
    pub output: Vec<u8>,
    pub input_consumed: usize,
    /// Rows of the memory boundary (cells the run touched).
    pub boundary_rows: usize,
    /// Cells of every table's main trace (width times height, summed).
    pub main_cells: usize,
}

impl Witness {
    /// Base-field cells of the auxiliary (LogUp) traces the prover will build
    /// for these traces: 4 per extension column per row.
    pub fn aux_cells(&self, air: &AirId) -> usize {
        let ids = tables(air);
        let mut cells = 0;
        for (id, trace) in ids.iter().zip(&self.traces) {
            let rows = trace.values.len() / trace.width;
            let shape = zkvm_verifier::air::table_shape(id);
            cells += 4 * zkvm_verifier::protocol::logup::aux_ext_width(&shape) * rows;
        }
        cells
    }

    /// log2 of the tallest trace.
    pub fn log_rows(&self) -> u32 {
        self.traces
            .iter()
            .map(|t| (t.values.len() / t.width).trailing_zeros())
            .max()
            .unwrap_or(0)
    }
}

/// Smallest trace height: the final polynomial's length (2^6 rows).
const MIN_LOG_ROWS: u32 = 6;

/// The coprocessor tables under construction.
struct Coprocessors {
    alu: alu::AluTable,
    logic: logic::LogicTable,
    mul: mul::MulTable,
    div: div::DivTable,
    mem: mem::MemTable,
    syscall: syscall::SyscallTable,
}

impl Coprocessors {
    fn new() -> Coprocessors {
        Coprocessors {
            alu: alu::AluTable::new(),
            logic: logic::LogicTable::new(),
            mul: mul::MulTable::new(),
            div: div::DivTable::new(),
            mem: mem::MemTable::new(),
            syscall: syscall::SyscallTable::new(),
        }
    }

    /// The EXEC request of one instruction, to the table that handles its
    /// op: returns the instruction's result c.
    fn exec(
        &mut self,
        b: &mut Builder,
        req: &Request,
        step: &StepRecord,
        input: &[u8],
    ) -> Result<u32, TraceError> {
        let op = req.op;
        if alu::AluTable::handles(op) {
            self.alu.push(b, req, step)
        } else if logic::LogicTable::handles(op) {
            self.logic.push(b, req, step)
        } else if mul::MulTable::handles(op) {
            self.mul.push(b, req, step)
        } else if div::DivTable::handles(op) {
            self.div.push(b, req, step)
        } else if (prog::OP_LB..=prog::OP_SW).contains(&op) {
            self.mem.push(b, req, step)
        } else if op == prog::OP_ECALL {
            self.syscall.push(b, req, step, input)
        } else {
            Err(TraceError::Inconsistent(format!(
                "op {op} has no coprocessor"
            )))
        }
    }
}

/// The trace of a table's rows, zero-padded to a power of two of at least
/// 2^MIN_LOG_ROWS rows.
fn matrix(rows: TableRows) -> RowMajorMatrix<F> {
    rows.into_matrix(MIN_LOG_ROWS)
}

/// Runs `elf` on `input` and builds every table's trace, in the order of
/// `air`'s tables; `air` must be `AirId::Rv32imV2` of
/// `zkvm_verifier::receipt::program::load_program(elf)`.
pub fn build_traces(
    air: &AirId,
    elf: &[u8],
    input: &[u8],
    max_cycles: u64,
) -> Result<Witness, TraceError> {
    let program: &Program = match air {
        AirId::Rv32imV2(p) => p,
        _ => {
            return Err(TraceError::Inconsistent(
                "not an RV32IM version 2 key".into(),
            ))
        }
    };
    let exec_program = zkvm_executor::Program::from_elf(elf).map_err(TraceError::Elf)?;
    let mut machine = Machine::new(&exec_program, input).map_err(TraceError::Exec)?;
    let mut records: Vec<StepRecord> = Vec::new();
    let exit_code = machine
        .run_with(max_cycles, &mut records)
        .map_err(TraceError::Exec)?;
    let cycles = records.len() as u64;
    let input_consumed = machine.input_position();
    let output = machine.output().to_vec();
    if cycles > 1 << cpu_air::MAX_LOG_HEIGHT {
        return Err(TraceError::TooLarge(format!(
            "{cycles} cycles, at most 2^{} in one proof",
            cpu_air::MAX_LOG_HEIGHT
        )));
    }

    let mut b = Builder::new(program);
    let mut co = Coprocessors::new();
    let mut cpu_rows = TableRows::new(cpu_air::WIDTH);
    for (clk, step) in records.iter().enumerate() {
        let clk = clk as u32;
        let index = b.prog(step.pc)?;
        let message = fixed::prog_row(&program.rows[index]);
        let flags = message[11];
        let flag = |weight: u32| flags & weight != 0;
        let (rs1, rs2, rd) = (message[3], message[4], message[5]);
        let a_port = b.access(bus::SPACE_REG, rs1, None, timestamp(clk, bus::PORT_RS1))?;
        let b_port = b.access(bus::SPACE_REG, rs2, None, timestamp(clk, bus::PORT_RS2))?;
        let (a, bv) = (a_port.old, b_port.old);
        let imm = message[6] | (message[7] << 16);
        let k = message[8] | (message[9] << 16);
        let halt = clk as u64 + 1 == cycles;
        // The exit is the last instruction; its row falls through (pc + 4),
        // where the executor stays at the exit.
        let next_pc = if halt {
            step.pc.wrapping_add(4)
        } else {
            step.next_pc
        };
        let request = Request {
            op: message[2],
            clk,
            a,
            b: bv,
            imm,
            pc: step.pc,
            next_pc,
        };
        let result = if flag(bus::FLAG_EXEC) {
            co.exec(&mut b, &request, step, input)?
        } else {
            0
        };
        let c = if flag(bus::FLAG_K) { k } else { result };
        let rd_port = if flag(bus::FLAG_WR) {
            // The executor records no write for the exit, which leaves a0
            // as it is (c = b, the CPU writes it back).
            let written = if step.rd == 0 && halt {
                bv
            } else {
                step.rd_value
            };
            if c != written {
                return Err(TraceError::Inconsistent(format!(
                    "pc {:#x}: rd value {c:#x}, the executor wrote {:#x}",
                    step.pc, written
                )));
            }
            Some(b.access(bus::SPACE_REG, rd, Some(c), timestamp(clk, bus::PORT_RD))?)
        } else {
            None
        };
        cpu::fill(
            cpu_rows.push(),
            clk,
            next_pc,
            &message,
            a,
            bv,
            c,
            a_port,
            b_port,
            rd_port,
            halt,
        );
    }
    let real_rows = cpu_rows.len();
    let cpu_height = real_rows.max(1 << MIN_LOG_ROWS).next_power_of_two();
    for clk in real_rows..cpu_height {
        cpu::fill_padding(cpu_rows.push(), clk as u32);
    }

    let consumed_cell = b.peek(bus::SPACE_IO, 0) as usize;
    if co.syscall.output != output || consumed_cell != input_consumed {
        return Err(TraceError::Inconsistent(format!(
            "the syscall rows wrote {} output bytes and consumed {consumed_cell} input bytes, \
             the executor {} and {input_consumed}",
            co.syscall.output.len(),
            output.len()
        )));
    }
    let boundary = boundary::build(&mut b)?;
    let (syscall_trace, io_trace) = co.syscall.finish();
    let boundary_rows = b
        .touched_cells()
        .iter()
        .filter(|c| c.space != bus::SPACE_IO)
        .count();
    let public_values = statement::public_values(
        program,
        exit_code,
        cycles,
        input.len(),
        input_consumed,
        output.len(),
    )
    .map_err(|_| {
        TraceError::TooLarge(format!(
            "{} zero-initialised intervals (at most {}), or sizes not below p",
            program.zero_intervals.len(),
            statement::MAX_ZERO_INTERVALS
        ))
    })?;

    // Every lookup is recorded by now: the range and fixed tables.
    let mut range_rows = TableRows::new(range::WIDTH);
    for (v, &m) in b.range16.iter().enumerate() {
        let row = range_rows.push();
        row[range::V] = v as u32;
        row[range::M] = m;
    }
    let mut fixed_rows = TableRows::new(fixed::WIDTH);
    for &m in &b.fixed {
        fixed_rows.push()[fixed::M] = m;
    }

    let mut by_table: Vec<(TableId, RowMajorMatrix<F>)> = vec![
        (TableId::Rv32Cpu, matrix(cpu_rows)),
        (
            TableId::Rv32Range,
            range_rows.into_matrix(range::MIN_LOG_HEIGHT),
        ),
        (TableId::Rv32Fixed, matrix(fixed_rows)),
        (TableId::Rv32Alu, co.alu.finish()),
        (TableId::Rv32Logic, co.logic.finish()),
        (TableId::Rv32Mul, co.mul.finish()),
        (TableId::Rv32Div, co.div.finish()),
        (TableId::Rv32Mem, co.mem.finish()),
        (TableId::Rv32Syscall, syscall_trace),
        (TableId::Rv32Io, io_trace),
        (TableId::Rv32Boundary, boundary),
    ];
    let main_cells = by_table.iter().map(|(_, t)| t.values.len()).sum();
    let mut traces = Vec::with_capacity(by_table.len());
    for id in tables(air) {
        let at = by_table
            .iter()
            .position(|(t, _)| std::mem::discriminant(t) == std::mem::discriminant(&id))
            .ok_or_else(|| TraceError::Inconsistent(format!("no trace for table {id:?}")))?;
        traces.push(by_table.swap_remove(at).1);
    }
    Ok(Witness {
        traces,
        public_values,
        exit_code,
        cycles,
        output,
        input_consumed,
        boundary_rows,
        main_cells,
    })
}

/// The verifying key of an ELF on the RV32IM machine, version 2 (the
/// receipts' key, zkvm_verifier::receipt::verifying_key).
pub fn verifying_key(
    elf: &[u8],
) -> Result<zkvm_verifier::protocol::vk::VerifyingKey, zkvm_verifier::VerifyError> {
    zkvm_verifier::receipt::verifying_key(elf)
}

/// The default cycle limit of `prove_elf`: the CPU table's largest height.
pub const DEFAULT_MAX_CYCLES: u64 = 1 << cpu_air::MAX_LOG_HEIGHT;

/// Runs `elf` on `input` and proves the run on the RV32IM machine, version 2:
/// returns the receipt (claim and proof, zkvm_verifier::receipt) and the
/// run's figures.
pub fn prove_elf(
    elf: &[u8],
    input: &[u8],
    options: &crate::ProverOptions,
) -> Result<(zkvm_verifier::receipt::Receipt, ProveReport), ProveElfError> {
    let started = std::time::Instant::now();
    let vk = verifying_key(elf).map_err(ProveElfError::Program)?;
    let witness =
        build_traces(&vk.air, elf, input, DEFAULT_MAX_CYCLES).map_err(ProveElfError::Trace)?;
    let trace_seconds = started.elapsed().as_secs_f64();
    let log_rows = witness.log_rows();
    let (receipt, prove_seconds) = prove_claim(
        &vk,
        &witness.traces,
        witness.exit_code,
        witness.cycles,
        witness.input_consumed,
        input,
        witness.output,
        options,
    )?;
    let report = ProveReport {
        cycles: witness.cycles,
        log_rows,
        cpu_rows: witness.cycles as usize,
        boundary_rows: witness.boundary_rows,
        trace_seconds,
        prove_seconds,
    };
    Ok((receipt, report))
}

/// Why `prove_elf` could not produce a receipt.
#[derive(Debug)]
pub enum ProveElfError {
    /// The ELF is not one the verifier accepts (program.rs).
    Program(zkvm_verifier::VerifyError),
    Trace(TraceError),
    Prove(crate::ProveError),
}

impl std::fmt::Display for ProveElfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProveElfError::Program(e) => write!(f, "the ELF cannot be proven: {e}"),
            ProveElfError::Trace(e) => write!(f, "{e}"),
            ProveElfError::Prove(e) => write!(f, "proving failed: {e:?}"),
        }
    }
}

/// Figures of one `prove_elf` run.
#[derive(Clone, Debug)]
pub struct ProveReport {
    pub cycles: u64,
    pub log_rows: u32,
    pub cpu_rows: usize,
    pub boundary_rows: usize,
    /// Wall-clock seconds spent executing and building the trace.
    pub trace_seconds: f64,
    /// Wall-clock seconds spent in the STARK prover.
    pub prove_seconds: f64,
}

/// The receipt of a run from its traces: the statement of the claim, the
/// proof, and the seconds spent proving.
#[allow(clippy::too_many_arguments)]
fn prove_claim(
    vk: &zkvm_verifier::protocol::vk::VerifyingKey,
    traces: &[RowMajorMatrix<F>],
    exit_code: u32,
    cycles: u64,
    input_consumed: usize,
    input: &[u8],
    output: Vec<u8>,
    options: &crate::ProverOptions,
) -> Result<(zkvm_verifier::receipt::Receipt, f64), ProveElfError> {
    use zkvm_verifier::receipt;
    let statement = receipt::statement_of(
        vk,
        exit_code,
        cycles,
        input_consumed as u32,
        input.to_vec(),
        output.clone(),
    )
    .map_err(ProveElfError::Program)?;
    let started = std::time::Instant::now();
    let proof = crate::prove(vk, traces, &statement, options).map_err(ProveElfError::Prove)?;
    let prove_seconds = started.elapsed().as_secs_f64();
    Ok((
        receipt::Receipt {
            exit_code,
            cycles,
            input_consumed: input_consumed as u32,
            input: input.to_vec(),
            output,
            proof,
        },
        prove_seconds,
    ))
}
