//! fibonacci: input = n (u32 LE, 4 bytes); output = fib(n) mod 2^64 (u64 LE,
//! 8 bytes), computed iteratively with wrapping u64 additions
//! (fib(0) = 0, fib(1) = 1). Cost is linear in n (~n loop iterations).
#![no_std]
#![no_main]

use zkvm_guest::io;
use zkvm_workloads::fibonacci::fibonacci;

zkvm_guest::entry!(main);

fn main() {
    let n = io::read_u32();
    io::commit_u64(fibonacci(n));
}
