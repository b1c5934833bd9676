//! Bump allocator over a static, zero-initialised array in `.bss`.
//!
//! Neither the zkVM executor nor qemu-riscv32 offers `brk`/`mmap`, so the
//! heap is part of the ELF's last PT_LOAD segment (as `p_memsz` beyond
//! `p_filesz`, i.e. zero-filled by the loader, no file bytes).
//!
//! * `alloc` bumps a pointer; when the heap is exhausted it returns null,
//!   which makes `alloc` call the allocation error handler (a panic, so the
//!   program exits with code 101).
//! * `dealloc` only reclaims the most recent allocation (stack-like frees);
//!   everything else is leaked.
//! * `realloc` of the most recent allocation grows/shrinks in place, so a
//!   single growing `Vec` (e.g. [`crate::io::read_input`]) costs no copies.
//! * `alloc_zeroed` skips zeroing memory that was never handed out before
//!   (it is still zero from the loader).
//!
//! Size: [`HEAP_SIZE`] bytes, default 4 MiB; override at build time with the
//! environment variable `ZKVM_GUEST_HEAP_SIZE` (decimal, `0x` hex, optional
//! `K`/`M` suffix), e.g. `ZKVM_GUEST_HEAP_SIZE=16M cargo build --release`.
//! Single-threaded only (the zkVM has no threads, no atomics).

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;

/// Default heap size (4 MiB).
pub const DEFAULT_HEAP_SIZE: usize = 4 << 20;

/// Heap size in bytes (from `ZKVM_GUEST_HEAP_SIZE` at build time, else
/// [`DEFAULT_HEAP_SIZE`]).
pub const HEAP_SIZE: usize = match option_env!("ZKVM_GUEST_HEAP_SIZE") {
    Some(s) => parse_size(s),
    None => DEFAULT_HEAP_SIZE,
};

const fn parse_size(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    let mut radix = 10;
    if b.len() > 2 && b[0] == b'0' && (b[1] == b'x' || b[1] == b'X') {
        radix = 16;
        i = 2;
    }
    let mut v: usize = 0;
    let mut digits = 0;
    let mut mult = 1;
    while i < b.len() {
        let c = b[i];
        let d = match c {
            b'0'..=b'9' => (c - b'0') as usize,
            b'a'..=b'f' if radix == 16 => (c - b'a' + 10) as usize,
            b'A'..=b'F' if radix == 16 => (c - b'A' + 10) as usize,
            b'_' => {
                i += 1;
                continue;
            }
            b'k' | b'K' if i + 1 == b.len() && radix == 10 => {
                mult = 1 << 10;
                i += 1;
                continue;
            }
            b'm' | b'M' if i + 1 == b.len() && radix == 10 => {
                mult = 1 << 20;
                i += 1;
                continue;
            }
            _ => panic!("ZKVM_GUEST_HEAP_SIZE: invalid size"),
        };
        v = match v.checked_mul(radix) {
            Some(x) => match x.checked_add(d) {
                Some(y) => y,
                None => panic!("ZKVM_GUEST_HEAP_SIZE: too large"),
            },
            None => panic!("ZKVM_GUEST_HEAP_SIZE: too large"),
        };
        digits += 1;
        i += 1;
    }
    if digits == 0 {
        panic!("ZKVM_GUEST_HEAP_SIZE: invalid size");
    }
    match v.checked_mul(mult) {
        Some(x) => x,
        None => panic!("ZKVM_GUEST_HEAP_SIZE: too large"),
    }
}

#[repr(C, align(16))]
struct HeapMem(UnsafeCell<[u8; HEAP_SIZE]>);

// SAFETY: the guest is single-threaded.
unsafe impl Sync for HeapMem {}

/// The heap itself. Zero-initialised, hence placed in `.bss`.
static HEAP_MEM: HeapMem = HeapMem(UnsafeCell::new([0; HEAP_SIZE]));

/// Bump allocator state: offsets into `HEAP_MEM`.
pub struct BumpAllocator {
    /// Offset of the first free byte.
    next: UnsafeCell<usize>,
    /// High-water mark: bytes at or beyond this offset were never handed out
    /// and are still zero.
    high: UnsafeCell<usize>,
}

// SAFETY: the guest is single-threaded.
unsafe impl Sync for BumpAllocator {}

impl BumpAllocator {
    /// A fresh allocator (the heap array itself is shared by all instances;
    /// only one should exist: the global one).
    pub const fn new() -> Self {
        BumpAllocator {
            next: UnsafeCell::new(0),
            high: UnsafeCell::new(0),
        }
    }

    #[inline(always)]
    fn base() -> usize {
        HEAP_MEM.0.get() as usize
    }

    /// Bytes handed out (and not reclaimed) so far.
    pub fn used(&self) -> usize {
        unsafe { *self.next.get() }
    }

    /// Maximum number of bytes ever in use.
    pub fn high_water(&self) -> usize {
        unsafe { *self.high.get() }
    }

    /// Returns (start, end) absolute addresses of a new block, or None.
    #[inline(always)]
    unsafe fn bump(&self, layout: Layout) -> Option<(usize, usize)> {
        let base = Self::base();
        let next = base + *self.next.get();
        let align = layout.align();
        let start = next.checked_add(align - 1)? & !(align - 1);
        let end = start.checked_add(layout.size())?;
        if end > base + HEAP_SIZE {
            return None;
        }
        *self.next.get() = end - base;
        if end - base > *self.high.get() {
            *self.high.get() = end - base;
        }
        Some((start, end))
    }
}

impl Default for BumpAllocator {
    fn default() -> Self {
        Self::new()
    }
}

unsafe impl GlobalAlloc for BumpAllocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match self.bump(layout) {
            Some((start, _)) => start as *mut u8,
            None => core::ptr::null_mut(),
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let old_high = Self::base() + *self.high.get();
        match self.bump(layout) {
            Some((start, end)) => {
                // Memory at or above the old high-water mark is untouched .bss.
                let dirty_end = if end < old_high { end } else { old_high };
                if dirty_end > start {
                    core::ptr::write_bytes(start as *mut u8, 0, dirty_end - start);
                }
                start as *mut u8
            }
            None => core::ptr::null_mut(),
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let base = Self::base();
        if ptr as usize + layout.size() == base + *self.next.get() {
            *self.next.get() = ptr as usize - base;
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let base = Self::base();
        let old_size = layout.size();
        let p = ptr as usize;
        if p + old_size == base + *self.next.get() {
            // Most recent allocation: resize in place if it fits.
            if let Some(end) = p.checked_add(new_size) {
                if end <= base + HEAP_SIZE {
                    *self.next.get() = end - base;
                    if end - base > *self.high.get() {
                        *self.high.get() = end - base;
                    }
                    return ptr;
                }
            }
            return core::ptr::null_mut();
        }
        if new_size <= old_size {
            return ptr;
        }
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        let new = self.alloc(new_layout);
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, old_size);
        }
        new
    }
}

/// The global allocator instance (installed only on the riscv32 guest
/// target, and only with the default `global-allocator` feature).
#[cfg_attr(
    all(
        feature = "global-allocator",
        target_arch = "riscv32",
        target_os = "none"
    ),
    global_allocator
)]
pub static ALLOCATOR: BumpAllocator = BumpAllocator::new();

/// Bytes of heap currently in use (by [`ALLOCATOR`]).
pub fn heap_used() -> usize {
    ALLOCATOR.used()
}

/// Peak heap usage so far.
pub fn heap_high_water() -> usize {
    ALLOCATOR.high_water()
}

/// Total heap size.
pub const fn heap_size() -> usize {
    HEAP_SIZE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_sizes() {
        assert_eq!(parse_size("4096"), 4096);
        assert_eq!(parse_size("0x1000"), 4096);
        assert_eq!(parse_size("16M"), 16 << 20);
        assert_eq!(parse_size("512k"), 512 << 10);
        assert_eq!(parse_size("1_000"), 1000);
    }

    // One test only: every BumpAllocator instance shares HEAP_MEM.
    #[test]
    fn bump_allocator() {
        let a = BumpAllocator::new();
        unsafe {
            let l8 = Layout::from_size_align(8, 8).unwrap();
            let p1 = a.alloc(l8);
            assert!(!p1.is_null() && (p1 as usize).is_multiple_of(8));
            assert_eq!(a.used(), 8);
            // Alignment padding.
            let p2 = a.alloc(Layout::from_size_align(3, 1).unwrap());
            let p3 = a.alloc(Layout::from_size_align(16, 16).unwrap());
            assert_eq!(p2 as usize, p1 as usize + 8);
            assert!((p3 as usize).is_multiple_of(16));
            assert!(p3 as usize >= p2 as usize + 3);
            // Freeing the last block reclaims it; freeing others leaks.
            let used = a.used();
            a.dealloc(p3, Layout::from_size_align(16, 16).unwrap());
            assert!(a.used() < used);
            // (alignment padding before p3 is not reclaimed)
            assert_eq!(a.used(), p3 as usize - heap_base());
            a.dealloc(p1, l8); // not the last block: leaked
            assert_eq!(a.used(), p3 as usize - heap_base());
            // Realloc of the last block grows in place and keeps contents.
            let l4 = Layout::from_size_align(4, 4).unwrap();
            let q = a.alloc(l4);
            *q = 0xAB;
            let q2 = a.realloc(q, l4, 4096);
            assert_eq!(q2, q);
            assert_eq!(*q2, 0xAB);
            // Realloc of an older block copies.
            let r = a.alloc(l4);
            let q3 = a.realloc(q2, Layout::from_size_align(4096, 4).unwrap(), 8192);
            assert!(q3 as usize > r as usize);
            assert_eq!(*q3, 0xAB);
            // alloc_zeroed re-zeroes reclaimed (dirty) memory.
            let top = a.alloc(Layout::from_size_align(64, 4).unwrap());
            core::ptr::write_bytes(top, 0xFF, 64);
            a.dealloc(top, Layout::from_size_align(64, 4).unwrap());
            let z = a.alloc_zeroed(Layout::from_size_align(128, 4).unwrap());
            assert_eq!(z, top);
            for i in 0..128 {
                assert_eq!(*z.add(i), 0);
            }
            // Exhaustion returns null and leaves the state usable.
            let big = Layout::from_size_align(HEAP_SIZE, 1).unwrap();
            assert!(a.alloc(big).is_null());
            let used = a.used();
            assert!(!a.alloc(l8).is_null());
            assert_eq!(a.used(), used.div_ceil(8) * 8 + 8);
            assert!(a.high_water() >= a.used());
        }
    }

    fn heap_base() -> usize {
        BumpAllocator::base()
    }
}
