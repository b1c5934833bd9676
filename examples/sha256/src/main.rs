//! sha256: input = arbitrary bytes (the whole input is hashed, streamed in
//! 4 KiB chunks, no heap use); output = the 32-byte SHA-256 digest.
//! Cost is linear in the input length (~one compression per 64 bytes).
#![no_std]
#![no_main]

use zkvm_workloads::sha256::Sha256;
use zkvm_guest::io;

zkvm_guest::entry!(main);

fn main() {
    let mut h = Sha256::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = io::read_some(&mut buf);
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    io::commit_slice(&h.finalize());
}
