//! From a run to the traces of the RV32IM machine, version 2: the executor
//! runs the guest and records every instruction; the run is then replayed
//! in order (mod.rs): the CPU reads rs1 and rs2 (ports 0 and 1), the
//! coprocessor of the instruction's op computes its result (and makes its
//! own accesses at port 3), the CPU writes rd (port 2). After the last
//! instruction the memory boundary lists every touched cell, and the range
//! and fixed tables count the lookups every other table made.

use p3_matrix::dense::RowMajorMatrix;
use zkvm_executor::{Machine, StepRecord};
use zkvm_verifier::air::rv32im::{
    bus, cpu as cpu_air, fixed, private as private_air, range, statement,
};
use zkvm_verifier::air::{tables, AirId, TableId};
use zkvm_verifier::receipt::program::{self as prog, Program};

use super::builder::{timestamp, Builder};
use super::{
    alu, boundary, cpu, div, logic, mem, mul, private, syscall, Request, TableRows, TraceError,
};
use crate::types::F;

/// The traces of one run, in the machine's table order, with what the
/// statement needs.
pub struct Witness {
    pub traces: Vec<RowMajorMatrix<F>>,
    /// The statement's public values.
    pub public_values: Vec<u32>,
    /// The public values the tables see (the statement's and the segment's).
    pub table_public_values: Vec<u32>,
    /// The segment's values (pc and clk of its first instruction).
    pub segment_values: Vec<u32>,
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
    /// The statement this witness proves for `vk` and the public `input`.
    pub fn statement(
        &self,
        vk: &zkvm_verifier::protocol::vk::VerifyingKey,
        input: &[u8],
    ) -> Result<zkvm_verifier::Statement, zkvm_verifier::VerifyError> {
        zkvm_verifier::receipt::statement_of(
            vk,
            self.exit_code,
            self.cycles,
            self.input_consumed as u32,
            input.to_vec(),
            self.output.clone(),
        )
    }

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
        private: &[u8],
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
            self.syscall.push(b, req, step, input, private)
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

/// The traces of one segment of a run, built as the run is replayed.
pub struct SegmentWitness {
    pub traces: Vec<RowMajorMatrix<F>>,
    /// The segment's values: the pc and clk of its first instruction.
    pub values: Vec<u32>,
    pub cycles: u64,
    pub is_last: bool,
    /// Cells of every table's main trace (width times height, summed).
    pub main_cells: usize,
}

/// What a whole run states, known once its last segment is built.
pub struct RunSummary {
    pub exit_code: u32,
    pub cycles: u64,
    pub output: Vec<u8>,
    pub input_consumed: usize,
    pub boundary_rows: usize,
    pub public_values: Vec<u32>,
    pub segments: usize,
}

/// A run of an ELF cut into segments of `segment_cycles` instructions (the
/// last may be shorter), each built on demand: the executor runs one
/// segment at a time and the tables are built from its steps, with the
/// memory and its timestamps carried from segment to segment in the
/// Builder. `restart` runs the program again from its entry (the prover's
/// second pass), so memory holds one segment's traces at a time.
pub struct RunSegments<'a> {
    air: &'a AirId,
    program: &'a Program,
    exec_program: zkvm_executor::Program,
    input: Vec<u8>,
    /// The private input (fd 3): in no statement, only in the PRIVATE table.
    private: Vec<u8>,
    segment_cycles: u64,
    max_cycles: u64,
    pub(super) machine: Machine,
    pub(super) builder: Builder<'a>,
    pub(super) output: Vec<u8>,
    pub(super) index: usize,
    done: bool,
    summary: Option<RunSummary>,
}

impl<'a> RunSegments<'a> {
    /// `air` must be `AirId::Rv32imV2` of
    /// `zkvm_verifier::receipt::program::load_program(elf)`.
    pub fn new(
        air: &'a AirId,
        elf: &[u8],
        input: &[u8],
        max_cycles: u64,
        segment_cycles: u64,
    ) -> Result<RunSegments<'a>, TraceError> {
        RunSegments::with_private_input(air, elf, input, &[], max_cycles, segment_cycles)
    }

    /// `new` with a private input, the guest's fd 3.
    pub fn with_private_input(
        air: &'a AirId,
        elf: &[u8],
        input: &[u8],
        private: &[u8],
        max_cycles: u64,
        segment_cycles: u64,
    ) -> Result<RunSegments<'a>, TraceError> {
        let program: &Program = match air {
            AirId::Rv32imV2(p) => p,
            _ => {
                return Err(TraceError::Inconsistent(
                    "not an RV32IM version 2 key".into(),
                ))
            }
        };
        if segment_cycles == 0 || segment_cycles > 1 << cpu_air::MAX_LOG_HEIGHT {
            return Err(TraceError::TooLarge(format!(
                "segments of {segment_cycles} cycles: from 1 to 2^{}",
                cpu_air::MAX_LOG_HEIGHT
            )));
        }
        let exec_program = zkvm_executor::Program::from_elf(elf).map_err(TraceError::Elf)?;
        let max_cycles = max_cycles.min(statement::MAX_CYCLES);
        // A first run without tracing: a program that traps or does not exit
        // is refused before any segment is built.
        if private.len() >= private_air::MAX_PRIVATE_LEN as usize {
            return Err(TraceError::TooLarge(format!(
                "a private input of {} bytes (at most 2^24 - 1)",
                private.len()
            )));
        }
        let mut dry =
            Machine::with_private_input(&exec_program, input, private).map_err(TraceError::Exec)?;
        dry.run(max_cycles).map_err(TraceError::Exec)?;
        drop(dry);
        let machine =
            Machine::with_private_input(&exec_program, input, private).map_err(TraceError::Exec)?;
        Ok(RunSegments {
            air,
            program,
            exec_program,
            input: input.to_vec(),
            private: private.to_vec(),
            segment_cycles,
            max_cycles,
            machine,
            builder: Builder::new(program),
            output: Vec::new(),
            index: 0,
            done: false,
            summary: None,
        })
    }

    /// The run's statement figures, after its last segment.
    pub fn summary(&self) -> Option<&RunSummary> {
        self.summary.as_ref()
    }

    /// The program loaded afresh, at its entry.
    pub(super) fn fresh_machine(&self) -> Result<Machine, TraceError> {
        Machine::with_private_input(&self.exec_program, &self.input, &self.private)
            .map_err(TraceError::Exec)
    }

    /// Back to the program's entry.
    pub fn restart(&mut self) -> Result<(), TraceError> {
        self.machine = self.fresh_machine()?;
        self.builder = Builder::new(self.program);
        self.output.clear();
        self.index = 0;
        self.done = false;
        Ok(())
    }

    /// The next segment's traces, or None after the last.
    pub fn next_segment(&mut self) -> Result<Option<SegmentWitness>, TraceError> {
        if self.done {
            return Ok(None);
        }
        let start = self.machine.cycles();
        let start_pc = self.machine.pc();
        let limit = (start + self.segment_cycles).min(self.max_cycles);
        let mut records: Vec<StepRecord> = Vec::new();
        let exit_code = match self.machine.run_with(limit, &mut records) {
            Ok(code) => Some(code),
            Err(zkvm_executor::ExecError::CycleLimitExceeded { .. }) if limit < self.max_cycles => {
                None
            }
            Err(e) => return Err(TraceError::Exec(e)),
        };
        let is_last = exit_code.is_some();
        let witness = build_segment(
            self.air,
            self.program,
            &mut self.builder,
            &records,
            start,
            is_last,
            &self.input,
            &self.private,
            &mut self.output,
        )?;
        if witness.values != [start_pc, start as u32] {
            return Err(TraceError::Inconsistent(format!(
                "segment {} starts at pc {:#x}, clk {}; the executor was at {start_pc:#x}, {start}",
                self.index, witness.values[0], witness.values[1]
            )));
        }
        self.index += 1;
        if let Some(exit_code) = exit_code {
            self.done = true;
            let cycles = self.machine.cycles();
            let input_consumed = self.machine.input_position();
            let consumed_cell = self.builder.peek(bus::SPACE_IO, 0) as usize;
            let private_cell = self.builder.peek(bus::SPACE_IO, bus::IO_PRIVATE_CURSOR) as usize;
            if self.output != self.machine.output()
                || consumed_cell != input_consumed
                || private_cell != self.machine.private_position()
            {
                return Err(TraceError::Inconsistent(format!(
                    "the syscall rows wrote {} output bytes and consumed {consumed_cell} input \
                     bytes, the executor {} and {input_consumed}",
                    self.output.len(),
                    self.machine.output().len()
                )));
            }
            let public_values = statement::public_values(
                self.program,
                exit_code,
                cycles,
                self.input.len(),
                input_consumed,
                self.output.len(),
            )
            .map_err(|_| {
                TraceError::TooLarge(format!(
                    "{} zero-initialised intervals (at most {}), or sizes not below p",
                    self.program.zero_intervals.len(),
                    statement::MAX_ZERO_INTERVALS
                ))
            })?;
            let boundary_rows = self
                .builder
                .touched_cells()
                .iter()
                .filter(|c| c.space != bus::SPACE_IO)
                .count();
            self.summary = Some(RunSummary {
                exit_code,
                cycles,
                output: self.output.clone(),
                input_consumed,
                boundary_rows,
                public_values,
                segments: self.index,
            });
        }
        Ok(Some(witness))
    }
}

/// Builds one segment's traces from its steps (`first_clk` the clk of its
/// first): CPU rows with global clks, the coprocessor rows, the memory
/// boundary in the last segment only (empty elsewhere), and the range and
/// fixed tables of this segment's lookups.
fn build_segment(
    air: &AirId,
    program: &Program,
    b: &mut Builder,
    records: &[StepRecord],
    first_clk: u64,
    is_last: bool,
    input: &[u8],
    private: &[u8],
    output: &mut Vec<u8>,
) -> Result<SegmentWitness, TraceError> {
    if records.is_empty() {
        return Err(TraceError::Inconsistent("an empty segment".into()));
    }
    b.start_segment();
    let mut co = Coprocessors::new();
    let mut cpu_rows = TableRows::new(cpu_air::WIDTH);
    for (i, step) in records.iter().enumerate() {
        let clk = (first_clk + i as u64) as u32;
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
        let halt = is_last && i + 1 == records.len();
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
            co.exec(b, &request, step, input, private)?
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
    let cpu_height = real_rows
        .max(1 << MIN_LOG_ROWS.max(super::min_log_rows()))
        .next_power_of_two();
    for i in real_rows..cpu_height {
        cpu::fill_padding(cpu_rows.push(), (first_clk + i as u64) as u32);
    }
    output.extend_from_slice(&co.syscall.output);
    let boundary = if is_last {
        boundary::build(b)?
    } else {
        matrix(TableRows::new(zkvm_verifier::air::rv32im::boundary::WIDTH))
    };
    // After the boundary (the end row's lookups count in this segment).
    let private_trace = if is_last {
        private::build(b, private, MIN_LOG_ROWS)?
    } else {
        private::empty(MIN_LOG_ROWS)
    };
    let (syscall_trace, io_trace) = co.syscall.finish();

    // Every lookup of the segment is recorded by now: the range and fixed tables.
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
        (TableId::Rv32Private, private_trace),
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
    Ok(SegmentWitness {
        traces,
        values: vec![records[0].pc, first_clk as u32],
        cycles: records.len() as u64,
        is_last,
        main_cells,
    })
}

/// Runs `elf` on `input` and builds every table's trace of the whole run as
/// one segment, in the order of `air`'s tables; `air` must be
/// `AirId::Rv32imV2` of `zkvm_verifier::receipt::program::load_program(elf)`.
pub fn build_traces(
    air: &AirId,
    elf: &[u8],
    input: &[u8],
    max_cycles: u64,
) -> Result<Witness, TraceError> {
    build_traces_private(air, elf, input, &[], max_cycles)
}

/// `build_traces` with a private input (fd 3).
pub fn build_traces_private(
    air: &AirId,
    elf: &[u8],
    input: &[u8],
    private: &[u8],
    max_cycles: u64,
) -> Result<Witness, TraceError> {
    let one = 1u64 << cpu_air::MAX_LOG_HEIGHT;
    let mut run = RunSegments::with_private_input(air, elf, input, private, max_cycles, one)?;
    let segment = run
        .next_segment()?
        .ok_or_else(|| TraceError::Inconsistent("no segment".into()))?;
    if !segment.is_last {
        return Err(TraceError::TooLarge(format!(
            "more than {one} cycles, at most 2^{} in one segment",
            cpu_air::MAX_LOG_HEIGHT
        )));
    }
    let summary = run
        .summary
        .take()
        .ok_or_else(|| TraceError::Inconsistent("no summary".into()))?;
    let table_public_values =
        statement::segment_public_values(&summary.public_values, &[segment.values.clone()], 0)
            .map_err(|e| TraceError::Inconsistent(format!("segment public values: {e:?}")))?;
    Ok(Witness {
        traces: segment.traces,
        public_values: summary.public_values,
        table_public_values,
        segment_values: segment.values,
        exit_code: summary.exit_code,
        cycles: summary.cycles,
        output: summary.output,
        input_consumed: summary.input_consumed,
        boundary_rows: summary.boundary_rows,
        main_cells: segment.main_cells,
    })
}

/// The verifying key of an ELF on the RV32IM machine, version 2 (the
/// receipts' key, zkvm_verifier::receipt::verifying_key).
pub fn verifying_key(
    elf: &[u8],
) -> Result<zkvm_verifier::protocol::vk::VerifyingKey, zkvm_verifier::VerifyError> {
    zkvm_verifier::receipt::verifying_key(elf)
}

/// The default cycle limit of `prove_elf`: the longest run a receipt proves
/// (statement::MAX_CYCLES, 2^27).
pub const DEFAULT_MAX_CYCLES: u64 = statement::MAX_CYCLES;

/// The default number of cycles per segment: 2^18 keeps the prover under
/// 2 GB at any run length (sha256, one thread: 1.47 GiB peak for 2^20 cycles
/// in four segments, against 5.6 GiB in one), at the same CPU time.
pub const DEFAULT_SEGMENT_CYCLES: u64 = 1 << 18;

/// Runs `elf` on `input` and proves the run on the RV32IM machine, version 2,
/// in segments of `DEFAULT_SEGMENT_CYCLES`: returns the receipt (claim and
/// proof, zkvm_verifier::receipt) and the run's figures.
pub fn prove_elf(
    elf: &[u8],
    input: &[u8],
    options: &crate::ProverOptions,
) -> Result<(zkvm_verifier::receipt::Receipt, ProveReport), ProveElfError> {
    prove_elf_segmented(
        elf,
        input,
        options,
        DEFAULT_SEGMENT_CYCLES,
        DEFAULT_MAX_CYCLES,
    )
}

/// What `prove_run` reports as it goes.
#[derive(Clone, Copy, Debug)]
pub enum RunEvent {
    /// A segment's traces are built; pass 1 commits them, pass 2 proves them.
    Segment {
        pass: u32,
        index: usize,
        cycles: u64,
        main_cells: usize,
        aux_cells: usize,
        log_rows: u32,
    },
    /// Every segment is committed: the run's totals.
    Executed {
        cycles: u64,
        segments: usize,
        main_cells: usize,
        aux_cells: usize,
        log_rows: u32,
        seconds: f64,
    },
}

/// The segments of a run as the prover's source (crate::SegmentSource).
struct Source<'a, 'b> {
    run: RunSegments<'a>,
    error: Option<TraceError>,
    trace_seconds: f64,
    log_rows: u32,
    pass: u32,
    main_cells: usize,
    aux_cells: usize,
    started: std::time::Instant,
    on_event: &'b mut (dyn FnMut(RunEvent) + Send),
}

impl Source<'_, '_> {
    fn fail(&mut self, e: TraceError) -> crate::ProveError {
        let text = e.to_string();
        self.error = Some(e);
        crate::ProveError::Source(text)
    }
}

impl crate::SegmentSource for Source<'_, '_> {
    fn next_segment(&mut self) -> Result<Option<crate::SegmentTraces>, crate::ProveError> {
        let started = std::time::Instant::now();
        let next = self.run.next_segment();
        self.trace_seconds += started.elapsed().as_secs_f64();
        match next {
            Ok(Some(w)) => {
                let mut log_rows = 0;
                let mut aux_cells = 0;
                for (id, t) in tables(self.run.air).iter().zip(&w.traces) {
                    let rows = t.values.len() / t.width;
                    log_rows = log_rows.max(rows.trailing_zeros());
                    let shape = zkvm_verifier::air::table_shape(id);
                    aux_cells += 4 * zkvm_verifier::protocol::logup::aux_ext_width(&shape) * rows;
                }
                self.log_rows = self.log_rows.max(log_rows);
                if self.pass == 1 {
                    self.main_cells += w.main_cells;
                    self.aux_cells += aux_cells;
                }
                (self.on_event)(RunEvent::Segment {
                    pass: self.pass,
                    index: self.run.index - 1,
                    cycles: w.cycles,
                    main_cells: w.main_cells,
                    aux_cells,
                    log_rows,
                });
                Ok(Some(crate::SegmentTraces {
                    traces: w.traces,
                    values: w.values,
                }))
            }
            Ok(None) => Ok(None),
            Err(e) => Err(self.fail(e)),
        }
    }
    fn finished(&self) -> bool {
        self.run.done
    }
    fn restart(&mut self) -> Result<(), crate::ProveError> {
        self.pass = 2;
        match self.run.restart() {
            Ok(()) => Ok(()),
            Err(e) => Err(self.fail(e)),
        }
    }
    fn statement(
        &mut self,
    ) -> Result<zkvm_verifier::protocol::statement::Statement, crate::ProveError> {
        let summary = self
            .run
            .summary()
            .ok_or_else(|| crate::ProveError::Source("the run has not ended".into()))?;
        (self.on_event)(RunEvent::Executed {
            cycles: summary.cycles,
            segments: summary.segments,
            main_cells: self.main_cells,
            aux_cells: self.aux_cells,
            log_rows: self.log_rows,
            seconds: self.started.elapsed().as_secs_f64(),
        });
        Ok(zkvm_verifier::protocol::statement::Statement {
            public_values: summary.public_values.clone(),
            input: self.run.input.clone(),
            output: summary.output.clone(),
        })
    }
}

/// `prove_elf` with segments of `segment_cycles` cycles (1 to 2^20) and a
/// cycle limit.
pub fn prove_elf_segmented(
    elf: &[u8],
    input: &[u8],
    options: &crate::ProverOptions,
    segment_cycles: u64,
    max_cycles: u64,
) -> Result<(zkvm_verifier::receipt::Receipt, ProveReport), ProveElfError> {
    let vk = verifying_key(elf).map_err(ProveElfError::Program)?;
    prove_run(
        &vk,
        elf,
        input,
        &[],
        options,
        segment_cycles,
        max_cycles,
        &mut |_| {},
    )
}

/// Proves the run of `elf` (whose key is `vk`) on `input` and the private
/// input `private` (fd 3; empty for none) in segments of `segment_cycles`
/// cycles, reporting each segment to `on_event`. The receipt holds the
/// public input and output, never the private input.
#[allow(clippy::too_many_arguments)]
pub fn prove_run(
    vk: &zkvm_verifier::protocol::vk::VerifyingKey,
    elf: &[u8],
    input: &[u8],
    private: &[u8],
    options: &crate::ProverOptions,
    segment_cycles: u64,
    max_cycles: u64,
    on_event: &mut (dyn FnMut(RunEvent) + Send),
) -> Result<(zkvm_verifier::receipt::Receipt, ProveReport), ProveElfError> {
    let run =
        RunSegments::with_private_input(&vk.air, elf, input, private, max_cycles, segment_cycles)
            .map_err(ProveElfError::Trace)?;
    let mut source = Source {
        run,
        error: None,
        trace_seconds: 0.0,
        log_rows: 0,
        pass: 1,
        main_cells: 0,
        aux_cells: 0,
        started: std::time::Instant::now(),
        on_event,
    };
    let started = std::time::Instant::now();
    let proof_bytes = match crate::prove_segments_to_bytes(vk, &mut source, options) {
        Ok(p) => p,
        Err(e) => {
            return Err(match source.error.take() {
                Some(trace) => ProveElfError::Trace(trace),
                None => ProveElfError::Prove(e),
            })
        }
    };
    let total_seconds = started.elapsed().as_secs_f64();
    let summary = source
        .run
        .summary()
        .ok_or_else(|| ProveElfError::Trace(TraceError::Inconsistent("no summary".into())))?;
    let receipt = zkvm_verifier::receipt::Receipt {
        exit_code: summary.exit_code,
        cycles: summary.cycles,
        input_consumed: summary.input_consumed as u32,
        input: input.to_vec(),
        output: summary.output.clone(),
        proof: proof_bytes,
    };
    let report = ProveReport {
        cycles: summary.cycles,
        log_rows: source.log_rows,
        cpu_rows: summary.cycles as usize,
        boundary_rows: summary.boundary_rows,
        segments: summary.segments,
        main_cells: source.main_cells,
        aux_cells: source.aux_cells,
        trace_seconds: source.trace_seconds,
        prove_seconds: total_seconds - source.trace_seconds,
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
    /// The number of segments (segment proofs in the receipt).
    pub segments: usize,
    /// Base-field cells of every segment's main and LogUp traces.
    pub main_cells: usize,
    pub aux_cells: usize,
    /// Wall-clock seconds spent executing and building the traces (both
    /// passes when the run has several segments).
    pub trace_seconds: f64,
    /// Wall-clock seconds spent in the STARK prover.
    pub prove_seconds: f64,
}
