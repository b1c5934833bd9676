//! sieve: input = N (u32 LE); sieve of Eratosthenes (odd numbers only, one
//! bit each, N/16 bytes of heap) up to and including N; output (8 bytes) =
//! number of primes <= N (u32 LE), largest prime <= N (u32 LE, 0 if none).
#![no_std]
#![no_main]

use zkvm_guest::io;
use zkvm_workloads::sieve;

zkvm_guest::entry!(main);

fn main() {
    let n = io::read_u32();
    let (count, largest) = sieve::sieve(n);
    io::commit_u32(count);
    io::commit_u32(largest);
}
