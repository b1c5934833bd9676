//! fibonacci: input = n (u32 LE, 4 bytes); output = fib(n) mod 2^64 (u64 LE,
//! 8 bytes), computed iteratively with wrapping u64 additions
//! (fib(0) = 0, fib(1) = 1). Cost is linear in n (~n loop iterations).
#![no_std]
#![no_main]

use zkvm_guest::io;

zkvm_guest::entry!(main);

fn main() {
    let n = io::read_u32();
    let mut a: u64 = 0;
    let mut b: u64 = 1;
    for _ in 0..n {
        let t = a.wrapping_add(b);
        a = b;
        b = t;
    }
    io::commit_u64(a);
}
