//! Scale-out: a run's segments as files, so that any batch scheduler can
//! prove them on many machines (docs/book/performance.md). The steps are
//! `plan_run` (execute once, write a checkpoint per segment: where the run
//! stands when the segment starts), then for every segment `commit` (pass 1:
//! its header), then for every segment `prove` (pass 2, given all headers:
//! its proof), then the receipt is the segments' proofs in order. Each step
//! reads only what earlier steps wrote; the receipt is byte-identical to a
//! single-process `prove_run` (the prover is deterministic).

use zkvm_executor::Machine;
use zkvm_verifier::air::rv32im::bus;
use zkvm_verifier::air::AirId;
use zkvm_verifier::commit::hash::Digest;

use super::run::RunSegments;
use super::TraceError;
use crate::{SegmentHeader, SegmentTraces};

/// Where a run stands when a segment starts: enough to build that segment's
/// traces without replaying the run before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    pub index: u32,
    pub pc: u32,
    pub clk: u64,
    /// Input bytes consumed and output written before the segment.
    pub input_pos: u64,
    /// Reads of fd 3 before the segment (the private cursor itself is the
    /// cell (IO, 2) among `cells`).
    pub private_reads: u32,
    pub output: Vec<u8>,
    /// Every cell touched before the segment: (space, addr, value, last timestamp).
    pub cells: Vec<[u32; 4]>,
}

/// What a plan records of the whole run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub segment_cycles: u64,
    pub segments: u32,
    pub exit_code: u32,
    pub cycles: u64,
    pub input_consumed: u64,
    pub output: Vec<u8>,
}

const CHECKPOINT_MAGIC: &[u8; 8] = b"zkvmckp2";
const PLAN_MAGIC: &[u8; 8] = b"zkvmpln1";
const HEADER_MAGIC: &[u8; 8] = b"zkvmhdr1";

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], TraceError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| TraceError::Inconsistent("truncated file".into()))?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }
    fn u32(&mut self) -> Result<u32, TraceError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    fn u64(&mut self) -> Result<u64, TraceError> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }
    fn len(&mut self, elem: usize) -> Result<usize, TraceError> {
        let n = self.u64()? as usize;
        if n.saturating_mul(elem) > self.bytes.len() - self.pos {
            return Err(TraceError::Inconsistent("truncated file".into()));
        }
        Ok(n)
    }
    fn bytes_vec(&mut self) -> Result<Vec<u8>, TraceError> {
        let n = self.len(1)?;
        Ok(self.take(n)?.to_vec())
    }
    fn u32_vec(&mut self) -> Result<Vec<u32>, TraceError> {
        let n = self.len(4)?;
        (0..n).map(|_| self.u32()).collect()
    }
    fn magic(&mut self, magic: &[u8; 8], what: &str) -> Result<(), TraceError> {
        if self.take(8)? != magic {
            return Err(TraceError::Inconsistent(format!("not a {what} file")));
        }
        Ok(())
    }
    fn end(&self) -> Result<(), TraceError> {
        if self.pos != self.bytes.len() {
            return Err(TraceError::Inconsistent("trailing bytes".into()));
        }
        Ok(())
    }
}

fn put_u32s(out: &mut Vec<u8>, values: &[u32]) {
    out.extend_from_slice(&(values.len() as u64).to_le_bytes());
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

impl Checkpoint {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = CHECKPOINT_MAGIC.to_vec();
        out.extend_from_slice(&self.index.to_le_bytes());
        out.extend_from_slice(&self.pc.to_le_bytes());
        out.extend_from_slice(&self.clk.to_le_bytes());
        out.extend_from_slice(&self.input_pos.to_le_bytes());
        out.extend_from_slice(&self.private_reads.to_le_bytes());
        put_bytes(&mut out, &self.output);
        let flat: Vec<u32> = self.cells.iter().flatten().copied().collect();
        put_u32s(&mut out, &flat);
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<Checkpoint, TraceError> {
        let mut r = Reader { bytes, pos: 0 };
        r.magic(CHECKPOINT_MAGIC, "checkpoint")?;
        let index = r.u32()?;
        let pc = r.u32()?;
        let clk = r.u64()?;
        let input_pos = r.u64()?;
        let private_reads = r.u32()?;
        let output = r.bytes_vec()?;
        let flat = r.u32_vec()?;
        r.end()?;
        if flat.len() % 4 != 0 {
            return Err(TraceError::Inconsistent("checkpoint cells".into()));
        }
        let cells = flat
            .chunks_exact(4)
            .map(|c| [c[0], c[1], c[2], c[3]])
            .collect();
        Ok(Checkpoint {
            index,
            pc,
            clk,
            input_pos,
            private_reads,
            output,
            cells,
        })
    }
}

impl Plan {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = PLAN_MAGIC.to_vec();
        out.extend_from_slice(&self.segment_cycles.to_le_bytes());
        out.extend_from_slice(&self.segments.to_le_bytes());
        out.extend_from_slice(&self.exit_code.to_le_bytes());
        out.extend_from_slice(&self.cycles.to_le_bytes());
        out.extend_from_slice(&self.input_consumed.to_le_bytes());
        put_bytes(&mut out, &self.output);
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<Plan, TraceError> {
        let mut r = Reader { bytes, pos: 0 };
        r.magic(PLAN_MAGIC, "plan")?;
        let plan = Plan {
            segment_cycles: r.u64()?,
            segments: r.u32()?,
            exit_code: r.u32()?,
            cycles: r.u64()?,
            input_consumed: r.u64()?,
            output: r.bytes_vec()?,
        };
        r.end()?;
        Ok(plan)
    }
}

/// A segment header (pass 1's result) as bytes.
pub fn encode_header(h: &SegmentHeader) -> Vec<u8> {
    let mut out = HEADER_MAGIC.to_vec();
    put_u32s(&mut out, &h.values);
    put_u32s(&mut out, &h.log_heights);
    out.extend_from_slice(&(h.cap.len() as u64).to_le_bytes());
    for d in &h.cap {
        out.extend_from_slice(d);
    }
    out
}

pub fn decode_header(bytes: &[u8]) -> Result<SegmentHeader, TraceError> {
    let mut r = Reader { bytes, pos: 0 };
    r.magic(HEADER_MAGIC, "segment header")?;
    let values = r.u32_vec()?;
    let log_heights = r.u32_vec()?;
    let n = r.len(32)?;
    let mut cap: Vec<Digest> = Vec::with_capacity(n);
    for _ in 0..n {
        cap.push(r.take(32)?.try_into().unwrap());
    }
    r.end()?;
    Ok(SegmentHeader {
        values,
        log_heights,
        cap,
    })
}

impl<'a> RunSegments<'a> {
    /// Where the run stands before its next segment.
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            index: self.index as u32,
            pc: self.machine.pc(),
            clk: self.machine.cycles(),
            input_pos: self.machine.input_position() as u64,
            private_reads: self.builder.private_reads,
            output: self.output.clone(),
            cells: self.builder.cell_states(),
        }
    }

    /// The run positioned at a checkpoint: its next segment is the
    /// checkpoint's. Registers and writable memory come from the touched
    /// cells (the rest is the ELF's image, and the executable words never
    /// change).
    /// `private` is the run's private input (fd 3).
    pub fn resume(
        air: &'a AirId,
        elf: &[u8],
        input: &[u8],
        private: &[u8],
        max_cycles: u64,
        segment_cycles: u64,
        checkpoint: &Checkpoint,
    ) -> Result<RunSegments<'a>, TraceError> {
        let mut run =
            RunSegments::with_private_input(air, elf, input, private, max_cycles, segment_cycles)?;
        let mut machine: Machine = run.fresh_machine()?;
        let bad = |what: &str| TraceError::Inconsistent(format!("checkpoint: {what}"));
        let mut private_pos = 0;
        for &[space, addr, value, _] in &checkpoint.cells {
            match space {
                bus::SPACE_REG => {
                    if addr >= 32 {
                        return Err(bad("register index"));
                    }
                    if addr != 0 {
                        machine.set_reg(addr as u8, value);
                    }
                }
                bus::SPACE_RAM => machine
                    .memory_mut()
                    .store_u32(addr.wrapping_mul(4), value)
                    .map_err(|_| bad("memory word"))?,
                bus::SPACE_IO if addr == bus::IO_PRIVATE_CURSOR => private_pos = value as usize,
                bus::SPACE_ROM | bus::SPACE_IO => {}
                _ => return Err(bad("cell space")),
            }
        }
        machine.set_pc(checkpoint.pc);
        if !machine.restore_progress(
            checkpoint.clk,
            checkpoint.input_pos as usize,
            &checkpoint.output,
        ) {
            return Err(bad("input position"));
        }
        if !machine.restore_private_position(private_pos) {
            return Err(bad("private input position"));
        }
        run.machine = machine;
        run.builder.restore_cells(&checkpoint.cells);
        run.builder.private_reads = checkpoint.private_reads;
        run.output = checkpoint.output.clone();
        run.index = checkpoint.index as usize;
        Ok(run)
    }
}

/// Executes the run once, calling `on_checkpoint` before each segment, and
/// returns the plan. The segments' traces are built (to carry the memory's
/// timestamps from one to the next) and dropped.
/// `private` is the run's private input (fd 3; empty for none).
pub fn plan_run(
    air: &AirId,
    elf: &[u8],
    input: &[u8],
    private: &[u8],
    max_cycles: u64,
    segment_cycles: u64,
    on_checkpoint: &mut dyn FnMut(&Checkpoint) -> Result<(), TraceError>,
) -> Result<Plan, TraceError> {
    let mut run =
        RunSegments::with_private_input(air, elf, input, private, max_cycles, segment_cycles)?;
    loop {
        let checkpoint = run.checkpoint();
        match run.next_segment()? {
            Some(_) => on_checkpoint(&checkpoint)?,
            None => break,
        }
    }
    let summary = run
        .summary()
        .ok_or_else(|| TraceError::Inconsistent("the run has not ended".into()))?;
    Ok(Plan {
        segment_cycles,
        segments: summary.segments as u32,
        exit_code: summary.exit_code,
        cycles: summary.cycles,
        input_consumed: summary.input_consumed as u64,
        output: summary.output.clone(),
    })
}

/// The traces of the segment a checkpoint starts.
pub fn segment_traces(
    air: &AirId,
    elf: &[u8],
    input: &[u8],
    private: &[u8],
    max_cycles: u64,
    plan: &Plan,
    checkpoint: &Checkpoint,
) -> Result<SegmentTraces, TraceError> {
    let mut run = RunSegments::resume(
        air,
        elf,
        input,
        private,
        max_cycles,
        plan.segment_cycles,
        checkpoint,
    )?;
    let w = run
        .next_segment()?
        .ok_or_else(|| TraceError::Inconsistent("no segment at the checkpoint".into()))?;
    Ok(SegmentTraces {
        traces: w.traces,
        values: w.values,
    })
}
