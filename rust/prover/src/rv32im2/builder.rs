//! The state shared by the table builders of the RV32IM machine, version 2
//! (docs/air.md): the shadow memory with the timestamp of each cell's last
//! access, the U16 counts of the range table, and the multiplicity of every
//! row of the fixed table. Every table builder records its lookups here, in
//! the order the run makes them.

use std::collections::HashMap;

use zkvm_verifier::air::rv32im::{bus, fixed};
use zkvm_verifier::receipt::program::Program;

use super::TraceError;

/// What one memory access saw: the cell's previous value and timestamp, and
/// the gap ts - prev_ts - 1 in its two limbs (both range lookups recorded).
#[derive(Clone, Copy, Debug, Default)]
pub struct Access {
    pub old: u32,
    pub prev_ts: u32,
    pub gap_lo: u32,
    pub gap_hi: u32,
}

#[derive(Clone, Copy)]
struct Cell {
    value: u32,
    ts: u32,
}

/// A memory cell the run touched: its initial value (the image's, or 0), its
/// final value and the timestamp of its last access.
#[derive(Clone, Copy, Debug)]
pub struct TouchedCell {
    pub space: u32,
    pub addr: u32,
    pub initial: u32,
    pub last: u32,
    pub last_ts: u32,
    /// Whether the cell is an image word (else it lies in a zero interval).
    pub in_image: bool,
}

pub struct Builder<'a> {
    pub program: &'a Program,
    cells: HashMap<(u32, u32), Cell>,
    image: HashMap<(u32, u32), (u32, usize)>,
    prog_index: HashMap<u32, usize>,
    /// How often each value below 2^16 is looked up (U16).
    pub range16: Vec<u32>,
    /// How often each row of the fixed table is received.
    pub fixed: Vec<u32>,
    /// How many reads of fd 3 the run has made so far: the PLEN messages
    /// the last segment's PRIVATE table sends (private.rs).
    pub private_reads: u32,
    pow2_start: usize,
    u8_start: usize,
    and4_start: usize,
}

/// The timestamp of a port of instruction `clk`: 4 clk + port + 1.
pub fn timestamp(clk: u32, port: u32) -> u32 {
    bus::PORTS * clk + port + 1
}

fn lo(v: u32) -> u32 {
    v & 0xFFFF
}

fn hi(v: u32) -> u32 {
    v >> 16
}

impl<'a> Builder<'a> {
    pub fn new(program: &'a Program) -> Builder<'a> {
        let image = program
            .image
            .iter()
            .enumerate()
            .map(|(i, w)| ((w.space, w.wa), (w.value, program.rows.len() + i)))
            .collect();
        let prog_index = program
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.pc, i))
            .collect();
        let rows = fixed::and4_start(program) + 256;
        Builder {
            program,
            cells: HashMap::new(),
            image,
            prog_index,
            range16: vec![0; 1 << 16],
            fixed: vec![0; rows],
            private_reads: 0,
            pow2_start: fixed::pow2_start(program),
            u8_start: fixed::u8_start(program),
            and4_start: fixed::and4_start(program),
        }
    }

    /// A U16 lookup of `v`.
    pub fn u16(&mut self, v: u32) -> Result<(), TraceError> {
        match self.range16.get_mut(v as usize) {
            Some(count) => {
                *count += 1;
                Ok(())
            }
            None => Err(TraceError::Inconsistent(format!("U16 lookup of {v}"))),
        }
    }

    /// A U8 lookup of `v` (a row of the fixed table).
    pub fn u8(&mut self, v: u32) -> Result<(), TraceError> {
        if v >= 256 {
            return Err(TraceError::Inconsistent(format!("U8 lookup of {v}")));
        }
        self.fixed[self.u8_start + v as usize] += 1;
        Ok(())
    }

    /// The two limbs of a word, each looked up in U16.
    pub fn word(&mut self, v: u32) -> Result<(u32, u32), TraceError> {
        self.u16(lo(v))?;
        self.u16(hi(v))?;
        Ok((lo(v), hi(v)))
    }

    /// An AND4 lookup of (a, b, a AND b), a, b < 16.
    pub fn and4(&mut self, a: u32, b: u32) -> Result<(), TraceError> {
        if a >= 16 || b >= 16 {
            return Err(TraceError::Inconsistent(format!(
                "AND4 lookup of ({a}, {b})"
            )));
        }
        self.fixed[self.and4_start + (16 * a + b) as usize] += 1;
        Ok(())
    }

    /// A POW2 lookup of (kind, s) (fixed::push_pow2_rows).
    pub fn pow2(&mut self, kind: u32, s: u32) -> Result<(), TraceError> {
        if kind >= 2 || s >= 32 {
            return Err(TraceError::Inconsistent(format!(
                "POW2 lookup of ({kind}, {s})"
            )));
        }
        self.fixed[self.pow2_start + (32 * kind + s) as usize] += 1;
        Ok(())
    }

    /// A PROG lookup of the instruction at `pc`.
    pub fn prog(&mut self, pc: u32) -> Result<usize, TraceError> {
        match self.prog_index.get(&pc) {
            Some(&i) => {
                self.fixed[i] += 1;
                Ok(i)
            }
            None => Err(TraceError::Inconsistent(format!(
                "no program row at pc {pc:#x}"
            ))),
        }
    }

    /// An IMG lookup of the image word of a cell (memory boundary).
    pub fn img(&mut self, space: u32, addr: u32) -> Result<(), TraceError> {
        match self.image.get(&(space, addr)) {
            Some(&(_, i)) => {
                self.fixed[i] += 1;
                Ok(())
            }
            None => Err(TraceError::Inconsistent(format!(
                "no image word at ({space}, {addr})"
            ))),
        }
    }

    /// A new segment: its range and fixed tables count from zero (the
    /// memory and its timestamps go on).
    pub fn start_segment(&mut self) {
        self.range16.iter_mut().for_each(|c| *c = 0);
        self.fixed.iter_mut().for_each(|c| *c = 0);
    }

    /// The current value of a cell without accessing it.
    pub fn peek(&self, space: u32, addr: u32) -> u32 {
        match self.cells.get(&(space, addr)) {
            Some(c) => c.value,
            None => self.image.get(&(space, addr)).map_or(0, |&(v, _)| v),
        }
    }

    /// An access to (space, addr) at timestamp `ts`, writing `new` if given:
    /// returns the previous value and timestamp and records the gap's two U16
    /// lookups (of g_lo and GAP_HI_SCALE g_hi). Timestamps of one cell must strictly increase.
    pub fn access(
        &mut self,
        space: u32,
        addr: u32,
        new: Option<u32>,
        ts: u32,
    ) -> Result<Access, TraceError> {
        let initial = self.image.get(&(space, addr)).map_or(0, |&(v, _)| v);
        let cell = self.cells.entry((space, addr)).or_insert(Cell {
            value: initial,
            ts: 0,
        });
        let before = *cell;
        if before.ts >= ts {
            return Err(TraceError::Inconsistent(format!(
                "cell ({space}, {addr:#x}) accessed at {ts} after {}",
                before.ts
            )));
        }
        if let Some(v) = new {
            cell.value = v;
        }
        cell.ts = ts;
        let gap = ts - before.ts - 1;
        if gap >= 1 << 29 {
            return Err(TraceError::TooLarge(format!("timestamp gap {gap}")));
        }
        self.u16(lo(gap))?;
        self.u16(bus::GAP_HI_SCALE * hi(gap))?;
        Ok(Access {
            old: before.value,
            prev_ts: before.ts,
            gap_lo: lo(gap),
            gap_hi: hi(gap),
        })
    }

    /// Every touched cell's (space, addr, value, timestamp of the last
    /// access), sorted: what a checkpoint keeps of the memory.
    pub fn cell_states(&self) -> Vec<[u32; 4]> {
        let mut cells: Vec<[u32; 4]> = self
            .cells
            .iter()
            .map(|(&(space, addr), c)| [space, addr, c.value, c.ts])
            .collect();
        cells.sort_unstable();
        cells
    }

    /// Sets the cells from a checkpoint (`cell_states`).
    pub fn restore_cells(&mut self, cells: &[[u32; 4]]) {
        self.cells = cells
            .iter()
            .map(|&[space, addr, value, ts]| ((space, addr), Cell { value, ts }))
            .collect();
    }

    /// Every cell the run touched, sorted by (space, addr).
    pub fn touched_cells(&self) -> Vec<TouchedCell> {
        let mut cells: Vec<TouchedCell> = self
            .cells
            .iter()
            .map(|(&(space, addr), c)| {
                let image = self.image.get(&(space, addr));
                TouchedCell {
                    space,
                    addr,
                    initial: image.map_or(0, |&(v, _)| v),
                    last: c.value,
                    last_ts: c.ts,
                    in_image: image.is_some(),
                }
            })
            .collect();
        cells.sort_by_key(|c| (c.space, c.addr));
        cells
    }
}
