//! What a proof of an RV32IM run states: the public values, and the messages
//! the verifier itself puts on the bus (docs/air.md §8).

use super::bus;
use crate::air::BoundaryMessages;
use crate::error::VerifyError;
use crate::field;
use crate::receipt::program::Program;

pub const PV_ENTRY: usize = 0;
pub const PV_EXIT_LO: usize = 1;
pub const PV_EXIT_HI: usize = 2;
pub const PV_CYCLES: usize = 3;
pub const PV_INPUT_LEN: usize = 4;
pub const PV_INPUT_CONSUMED: usize = 5;
pub const PV_OUTPUT_LEN: usize = 6;
/// Zero interval j is (PV_ZERO0 + 2j, PV_ZERO0 + 2j + 1) = (lo, hi) word addresses.
pub const PV_ZERO0: usize = 7;
pub const MAX_ZERO_INTERVALS: usize = 4;
pub const NUM_PUBLIC_VALUES: usize = 15;

/// The tables of one segment of a run see the statement's public values and
/// then five of their own (docs/air.md §8.1): the pc and clk of the
/// segment's first instruction, those of the next segment's first
/// instruction (0 for the last segment), and 1 for the last segment, else 0.
pub const PV_SEG_PC0: usize = 15;
pub const PV_SEG_CLK0: usize = 16;
pub const PV_SEG_PC_END: usize = 17;
pub const PV_SEG_CLK_END: usize = 18;
pub const PV_SEG_FINAL: usize = 19;
pub const NUM_TABLE_PUBLIC_VALUES: usize = 20;
/// What a receipt states per segment: the pc and clk of its first instruction.
pub const NUM_SEGMENT_VALUES: usize = 2;
/// The longest run a receipt proves: timestamps 4 clk + port + 1 stay at most
/// 2^29, which the causality gaps cover (bus::GAP_HI_SCALE, docs/air.md §2).
pub const MAX_CYCLES: u64 = 1 << 27;
/// The longest input a receipt states: its positions stay below 2^30, as the
/// IO table's positions do (docs/air.md §7).
pub const MAX_INPUT_LEN: usize = 1 << 30;
/// The longest output a receipt states: the executor's and the semantics'
/// cap on what a run writes (`MAX_OUTPUT_LEN` in rust/executor/src/layout.rs,
/// `maxOutputLen` in the Lean semantics); a longer claimed output is no run.
pub const MAX_OUTPUT_LEN: usize = 256 << 20;

/// The public values of a claimed run of `program`: entry, exit code (two
/// limbs), cycle count, input length, input bytes consumed, output length,
/// and the program's zero-initialised intervals (unused slots [0, 0), which
/// no word address can satisfy). Refused (`InvalidStatement`): no cycles or
/// more than `MAX_CYCLES`, an input of `MAX_INPUT_LEN` bytes or more, an
/// output longer than `MAX_OUTPUT_LEN`, more bytes consumed than the input
/// has, more zero intervals than the AIR's slots.
pub fn public_values(
    program: &Program,
    exit_code: u32,
    cycles: u64,
    input_len: usize,
    input_consumed: usize,
    output_len: usize,
) -> Result<Vec<u32>, VerifyError> {
    if cycles == 0
        || cycles > MAX_CYCLES
        || input_len >= MAX_INPUT_LEN
        || output_len > MAX_OUTPUT_LEN
        || input_consumed > input_len
    {
        return Err(VerifyError::InvalidStatement);
    }
    if program.zero_intervals.len() > MAX_ZERO_INTERVALS {
        return Err(VerifyError::InvalidStatement);
    }
    let mut pv: Vec<u32> = Vec::with_capacity(NUM_PUBLIC_VALUES);
    pv.push(program.entry);
    pv.push(exit_code & 0xFFFF);
    pv.push(exit_code >> 16);
    pv.push(cycles as u32);
    pv.push(input_len as u32);
    pv.push(input_consumed as u32);
    pv.push(output_len as u32);
    let mut j = 0;
    while j < MAX_ZERO_INTERVALS {
        if j < program.zero_intervals.len() {
            pv.push(program.zero_intervals[j].lo);
            pv.push(program.zero_intervals[j].hi);
        } else {
            pv.push(0);
            pv.push(0);
        }
        j += 1;
    }
    Ok(pv)
}

/// The verifier's side of the bus: it sends the consumed input bytes, receives
/// every output byte, and receives the exit (code, cycles) once. It also
/// opens and closes the two public I/O cursors (docs/air.md §7.2): it sends
/// MEM(IO, cursor, 0, 0, 0) and receives MEM(IO, 0, consumed, 0, 4 cycles)
/// and MEM(IO, 1, output length, 0, 4 cycles), the exit's port-3 access.
/// It opens the private cursor, MEM(IO, 2, 0, 0, 0); the PRIVATE table of
/// the last segment closes it (private.rs).
/// Rejects public values that disagree with the I/O.
pub fn boundary_messages(
    public_values: &[u32],
    input: &[u8],
    output: &[u8],
) -> Result<BoundaryMessages, VerifyError> {
    if public_values.len() != NUM_PUBLIC_VALUES {
        return Err(VerifyError::WrongPublicValueCount);
    }
    let consumed = public_values[PV_INPUT_CONSUMED] as usize;
    if public_values[PV_INPUT_LEN] as usize != input.len()
        || public_values[PV_OUTPUT_LEN] as usize != output.len()
        || consumed > input.len()
    {
        return Err(VerifyError::InvalidStatement);
    }
    let mut sends: Vec<Vec<u32>> = Vec::with_capacity(consumed + 3);
    let last_ts = field::mul(bus::PORTS, public_values[PV_CYCLES]);
    sends.push(vec![
        bus::TAG_MEM,
        bus::SPACE_IO,
        bus::IO_INPUT_CURSOR,
        0,
        0,
        0,
    ]);
    sends.push(vec![
        bus::TAG_MEM,
        bus::SPACE_IO,
        bus::IO_OUTPUT_CURSOR,
        0,
        0,
        0,
    ]);
    sends.push(vec![
        bus::TAG_MEM,
        bus::SPACE_IO,
        bus::IO_PRIVATE_CURSOR,
        0,
        0,
        0,
    ]);
    let mut j = 0;
    while j < consumed {
        sends.push(vec![bus::TAG_INPUT, j as u32, input[j] as u32]);
        j += 1;
    }
    let mut receives: Vec<Vec<u32>> = Vec::with_capacity(output.len() + 3);
    receives.push(vec![
        bus::TAG_MEM,
        bus::SPACE_IO,
        bus::IO_INPUT_CURSOR,
        public_values[PV_INPUT_CONSUMED],
        0,
        last_ts,
    ]);
    receives.push(vec![
        bus::TAG_MEM,
        bus::SPACE_IO,
        bus::IO_OUTPUT_CURSOR,
        public_values[PV_OUTPUT_LEN],
        0,
        last_ts,
    ]);
    j = 0;
    while j < output.len() {
        receives.push(vec![bus::TAG_OUTPUT, j as u32, output[j] as u32]);
        j += 1;
    }
    receives.push(vec![
        bus::TAG_EXIT,
        public_values[PV_EXIT_LO],
        public_values[PV_EXIT_HI],
        public_values[PV_CYCLES],
    ]);
    Ok(BoundaryMessages { sends, receives })
}

/// Checks the segments' starts (each NUM_SEGMENT_VALUES long: pc, clk)
/// against the statement: the first starts at the entry at clk 0, the clks
/// increase strictly and stay below the cycle count, every pc is 4-aligned
/// and below 2^30 (a program row's pc). The constraints do the rest: each
/// segment runs from its start to the next one's (cpu.rs), and only the last
/// exits.
pub fn check_segment_starts(
    statement_values: &[u32],
    starts: &[Vec<u32>],
) -> Result<(), VerifyError> {
    if statement_values.len() != NUM_PUBLIC_VALUES || starts.is_empty() {
        return Err(VerifyError::WrongPublicValueCount);
    }
    let cycles = statement_values[PV_CYCLES];
    let mut s = 0;
    while s < starts.len() {
        if starts[s].len() != NUM_SEGMENT_VALUES {
            return Err(VerifyError::WrongPublicValueCount);
        }
        let pc = starts[s][0];
        let clk = starts[s][1];
        if s == 0 {
            if pc != statement_values[PV_ENTRY] || clk != 0 {
                return Err(VerifyError::SegmentChainBroken);
            }
        } else if clk <= starts[s - 1][1] {
            return Err(VerifyError::SegmentChainBroken);
        }
        if clk >= cycles || pc % 4 != 0 || pc >= (1u32 << 30) {
            return Err(VerifyError::SegmentChainBroken);
        }
        s += 1;
    }
    Ok(())
}

/// The public values of the tables of segment `index` (checked starts):
/// the statement's, its start, the next segment's start (zeros for the
/// last), and whether it is the last.
pub fn segment_public_values(
    statement_values: &[u32],
    starts: &[Vec<u32>],
    index: usize,
) -> Result<Vec<u32>, VerifyError> {
    if statement_values.len() != NUM_PUBLIC_VALUES || index >= starts.len() {
        return Err(VerifyError::WrongPublicValueCount);
    }
    if starts[index].len() != NUM_SEGMENT_VALUES {
        return Err(VerifyError::WrongPublicValueCount);
    }
    let mut pv: Vec<u32> = Vec::with_capacity(NUM_TABLE_PUBLIC_VALUES);
    let mut i = 0;
    while i < statement_values.len() {
        pv.push(statement_values[i]);
        i += 1;
    }
    pv.push(starts[index][0]);
    pv.push(starts[index][1]);
    let last = index + 1 == starts.len();
    if last {
        pv.push(0);
        pv.push(0);
        pv.push(1);
    } else {
        if starts[index + 1].len() != NUM_SEGMENT_VALUES {
            return Err(VerifyError::WrongPublicValueCount);
        }
        pv.push(starts[index + 1][0]);
        pv.push(starts[index + 1][1]);
        pv.push(0);
    }
    Ok(pv)
}
