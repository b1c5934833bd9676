//! sort: input = n (u32 LE), seed (u32 LE), then
//!   * if seed != 0: the n values are generated with xorshift32 from `seed`;
//!   * if seed == 0: the n values follow in the input as u32 LE.
//!
//! The values are merge-sorted (heap: 8n bytes). Output (20 bytes):
//! n (u32 LE), v\[0\] (u32 LE), v\[n-1\] (u32 LE),
//! checksum = sum_i (i+1)*v\[i\] mod 2^64 (u64 LE); v\[0\] = v\[n-1\] = 0 if n = 0.
//! Exit code 1 if the result is (impossibly) not sorted.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::vec;
use zkvm_guest::io;
use zkvm_workloads::sort;

zkvm_guest::entry!(main);

fn main() {
    let n = io::read_u32() as usize;
    let seed = io::read_u32();
    // alloc_zeroed on fresh bump memory is free (no zeroing pass).
    let mut v = vec![0u32; n];
    if seed == 0 {
        let bytes = n.checked_mul(4).expect("n too large");
        // SAFETY: u32 has no invalid bit patterns; the byte view covers
        // exactly the vector's initialised elements and is 4-aligned.
        let raw = unsafe { core::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut u8, bytes) };
        io::read_exact(raw);
        for x in v.iter_mut() {
            *x = u32::from_le(*x);
        }
    } else {
        sort::generate(&mut v, seed);
    }
    let mut buf = vec![0u32; n];
    sort::merge_sort(&mut v, &mut buf);
    if !sort::is_sorted(&v) {
        zkvm_guest::exit(1);
    }
    let (len, first, last, sum) = sort::summarize(&v);
    let mut out = [0u8; 20];
    out[0..4].copy_from_slice(&len.to_le_bytes());
    out[4..8].copy_from_slice(&first.to_le_bytes());
    out[8..12].copy_from_slice(&last.to_le_bytes());
    out[12..20].copy_from_slice(&sum.to_le_bytes());
    io::commit_slice(&out);
}
