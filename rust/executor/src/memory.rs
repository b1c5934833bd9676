//! Byte-addressed guest memory: a few permission regions (see
//! [`crate::layout`]) backed by lazily allocated host pages, so untouched
//! memory costs nothing and reads as zero.

use crate::elf::Program;
use crate::layout::{PAGE_BITS, PAGE_SIZE, STACK_TOP};

type Page = [u8; PAGE_SIZE as usize];

/// A contiguous range of mapped addresses with one set of permissions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    pub start: u32,
    /// Exclusive end.
    pub end: u32,
    pub writable: bool,
    pub executable: bool,
}

impl Region {
    /// Whether `[addr, addr + len)` lies inside this region.
    #[inline(always)]
    fn covers(&self, addr: u32, len: u32) -> bool {
        addr >= self.start && u64::from(addr) + u64::from(len) <= u64::from(self.end)
    }
}

/// Why a memory access failed; the executor turns this into an
/// [`ExecError`](crate::ExecError) carrying the pc.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessFault {
    Misaligned,
    OutOfBounds,
    ReadOnly,
}

/// Guest memory.
#[derive(Clone, Debug)]
pub struct Memory {
    /// Indexed by `addr >> PAGE_BITS`; covers `[0, STACK_TOP)`.
    pages: Vec<Option<Box<Page>>>,
    /// The heap+stack region first (most accesses hit it), then the segments.
    regions: Vec<Region>,
}

impl Memory {
    /// Builds the initial memory image of a validated program.
    pub(crate) fn new(program: &Program) -> Memory {
        let mut memory = Memory {
            pages: vec![None; (STACK_TOP >> PAGE_BITS) as usize],
            regions: regions_of(program),
        };
        for segment in &program.segments {
            let mut addr = segment.vaddr;
            for chunk in chunks_within_pages(addr, &segment.data) {
                // All-zero chunks need no page: unallocated pages read as zero.
                if chunk.iter().any(|&b| b != 0) {
                    memory.write_raw(addr, chunk);
                }
                addr = addr.wrapping_add(chunk.len() as u32);
            }
        }
        memory
    }

    /// The mapped regions, disjoint; adjacent ones with equal permissions are
    /// merged, and the one holding the stack comes first.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    #[inline(always)]
    fn region(&self, addr: u32, len: u32) -> Option<&Region> {
        self.regions.iter().find(|r| r.covers(addr, len))
    }

    /// Whether every byte of `[addr, addr + len)` is mapped (readable).
    pub fn is_mapped(&self, addr: u32, len: u32) -> bool {
        self.region(addr, len).is_some() || self.check_bytes(addr, len, false).is_ok()
    }

    fn page_mut(&mut self, addr: u32) -> &mut Page {
        let index = (addr >> PAGE_BITS) as usize;
        // Region checks keep addr < STACK_TOP, so the slot exists; the
        // fallback only guards against a logic error without panicking.
        if index >= self.pages.len() {
            self.pages.resize(index + 1, None);
        }
        self.pages[index].get_or_insert_with(|| Box::new([0; PAGE_SIZE as usize]))
    }

    #[inline(always)]
    fn read_raw<const N: usize>(&self, addr: u32) -> [u8; N] {
        let mut bytes = [0; N];
        if let Some(Some(page)) = self.pages.get((addr >> PAGE_BITS) as usize) {
            let offset = (addr % PAGE_SIZE) as usize;
            if let Some(src) = page.get(offset..offset + N) {
                bytes.copy_from_slice(src);
            }
        }
        bytes
    }

    #[inline(always)]
    fn check_read(&self, addr: u32, width: u32) -> Result<(), AccessFault> {
        if !addr.is_multiple_of(width) {
            return Err(AccessFault::Misaligned);
        }
        match self.region(addr, width) {
            Some(_) => Ok(()),
            None => self.check_bytes(addr, width, false),
        }
    }

    #[inline(always)]
    fn check_write(&self, addr: u32, width: u32) -> Result<(), AccessFault> {
        if !addr.is_multiple_of(width) {
            return Err(AccessFault::Misaligned);
        }
        match self.region(addr, width) {
            Some(r) if r.writable => Ok(()),
            Some(_) => Err(AccessFault::ReadOnly),
            None => self.check_bytes(addr, width, true),
        }
    }

    /// Slow path for an access not inside a single region: it may still
    /// span several adjacent regions with different permissions.
    #[cold]
    fn check_bytes(&self, addr: u32, len: u32, write: bool) -> Result<(), AccessFault> {
        let end = u64::from(addr) + u64::from(len);
        let mut cursor = u64::from(addr);
        while cursor < end {
            // Region ends are below STACK_TOP, so cursor stays a valid u32.
            match self.region(cursor as u32, 1) {
                None => return Err(AccessFault::OutOfBounds),
                Some(r) if write && !r.writable => return Err(AccessFault::ReadOnly),
                Some(r) => cursor = u64::from(r.end),
            }
        }
        Ok(())
    }

    #[inline(always)]
    pub fn load_u8(&self, addr: u32) -> Result<u8, AccessFault> {
        self.check_read(addr, 1)?;
        Ok(self.read_raw::<1>(addr)[0])
    }

    #[inline(always)]
    pub fn load_u16(&self, addr: u32) -> Result<u16, AccessFault> {
        self.check_read(addr, 2)?;
        Ok(u16::from_le_bytes(self.read_raw(addr)))
    }

    #[inline(always)]
    pub fn load_u32(&self, addr: u32) -> Result<u32, AccessFault> {
        self.check_read(addr, 4)?;
        Ok(u32::from_le_bytes(self.read_raw(addr)))
    }

    #[inline(always)]
    fn write_raw(&mut self, addr: u32, bytes: &[u8]) {
        let offset = (addr % PAGE_SIZE) as usize;
        if let Some(dst) = self.page_mut(addr).get_mut(offset..offset + bytes.len()) {
            dst.copy_from_slice(bytes);
        }
    }

    #[inline(always)]
    pub fn store_u8(&mut self, addr: u32, value: u8) -> Result<(), AccessFault> {
        self.check_write(addr, 1)?;
        self.write_raw(addr, &[value]);
        Ok(())
    }

    #[inline(always)]
    pub fn store_u16(&mut self, addr: u32, value: u16) -> Result<(), AccessFault> {
        self.check_write(addr, 2)?;
        self.write_raw(addr, &value.to_le_bytes());
        Ok(())
    }

    #[inline(always)]
    pub fn store_u32(&mut self, addr: u32, value: u32) -> Result<(), AccessFault> {
        self.check_write(addr, 4)?;
        self.write_raw(addr, &value.to_le_bytes());
        Ok(())
    }

    /// Copies `len` guest bytes starting at `addr` (for `write`). On failure
    /// returns the first faulting address.
    pub(crate) fn read_bytes(&self, addr: u32, len: u32) -> Result<Vec<u8>, (u32, AccessFault)> {
        let mut out = Vec::with_capacity(len.min(1 << 20) as usize);
        let mut cursor = addr;
        let mut remaining = len;
        while remaining > 0 {
            // Copy page-sized chunks; each chunk lies within one page.
            let chunk = remaining.min(PAGE_SIZE - cursor % PAGE_SIZE);
            if self.region(cursor, chunk).is_none()
                && self.check_bytes(cursor, chunk, false).is_err()
            {
                return Err((self.first_unmapped(cursor, chunk), AccessFault::OutOfBounds));
            }
            match self.pages.get((cursor >> PAGE_BITS) as usize) {
                Some(Some(page)) => {
                    let offset = (cursor % PAGE_SIZE) as usize;
                    out.extend_from_slice(&page[offset..offset + chunk as usize]);
                }
                _ => out.resize(out.len() + chunk as usize, 0),
            }
            remaining -= chunk;
            cursor = cursor.wrapping_add(chunk);
        }
        Ok(out)
    }

    /// Writes guest bytes starting at `addr` (for `read`). On failure returns
    /// the first faulting address; earlier bytes may have been written.
    pub(crate) fn write_bytes(
        &mut self,
        addr: u32,
        bytes: &[u8],
    ) -> Result<(), (u32, AccessFault)> {
        let mut cursor = addr;
        for chunk in chunks_within_pages(addr, bytes) {
            let len = chunk.len() as u32;
            let allowed = match self.region(cursor, len) {
                Some(r) if r.writable => Ok(()),
                Some(_) => Err(AccessFault::ReadOnly),
                None => self.check_bytes(cursor, len, true),
            };
            if let Err(fault) = allowed {
                return Err((self.first_faulting(cursor, len, fault), fault));
            }
            self.write_raw(cursor, chunk);
            cursor = cursor.wrapping_add(len);
        }
        Ok(())
    }

    /// Byte-granular search for the first unmapped byte, for error messages.
    fn first_unmapped(&self, addr: u32, len: u32) -> u32 {
        self.first_faulting(addr, len, AccessFault::OutOfBounds)
    }

    /// First byte in `[addr, addr + len)` whose write (or read, for
    /// `OutOfBounds`) fails with `fault`, for error messages.
    fn first_faulting(&self, addr: u32, len: u32, fault: AccessFault) -> u32 {
        let write = fault == AccessFault::ReadOnly;
        (0..len)
            .map(|i| addr.wrapping_add(i))
            .find(|&a| self.check_bytes(a, 1, write) == Err(fault))
            .unwrap_or(addr)
    }

    /// Reads a byte without permission checks; unmapped addresses read as
    /// `None`. For debuggers, trace generators and tests.
    pub fn peek_u8(&self, addr: u32) -> Option<u8> {
        self.is_mapped(addr, 1).then(|| self.read_raw::<1>(addr)[0])
    }

    /// Reads a little-endian word (any alignment) without permission checks.
    pub fn peek_u32(&self, addr: u32) -> Option<u32> {
        let mut bytes = [0; 4];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = self.peek_u8(addr.wrapping_add(i as u32))?;
        }
        Some(u32::from_le_bytes(bytes))
    }
}

/// Splits `bytes` (destined for `addr`) into pieces that each stay within one page.
fn chunks_within_pages(addr: u32, bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let first = ((PAGE_SIZE - addr % PAGE_SIZE) as usize).min(bytes.len());
    let (head, tail) = bytes.split_at(first);
    std::iter::once(head)
        .filter(|c| !c.is_empty())
        .chain(tail.chunks(PAGE_SIZE as usize))
}

/// Permission regions of a program: its segments plus heap+stack, with
/// adjacent regions of equal permissions merged (so e.g. a word spanning the
/// end of `.bss` and the start of the heap is one ordinary access).
fn regions_of(program: &Program) -> Vec<Region> {
    let mut regions: Vec<Region> = program
        .segments
        .iter()
        .map(|s| Region {
            start: s.mapped_start(),
            end: s.mapped_end() as u32,
            writable: !s.executable,
            executable: s.executable,
        })
        .chain(std::iter::once(Region {
            start: program.heap_start(),
            end: STACK_TOP,
            writable: true,
            executable: false,
        }))
        .collect();
    regions.sort_by_key(|r| r.start);
    let mut merged: Vec<Region> = Vec::with_capacity(regions.len());
    for r in regions {
        match merged.last_mut() {
            Some(last)
                if last.end == r.start
                    && (last.writable, last.executable) == (r.writable, r.executable) =>
            {
                last.end = r.end;
            }
            _ => merged.push(r),
        }
    }
    // Stack and heap accesses dominate; look at that region first.
    if let Some(stack) = merged.iter().position(|r| r.end == STACK_TOP) {
        let region = merged.remove(stack);
        merged.insert(0, region);
    }
    merged
}
