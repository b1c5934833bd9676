//! reverse: runtime self-test. Reads the whole input with
//! `zkvm_guest::read_input()` (a heap `Vec` grown in place in 4 KiB chunks),
//! reverses it in place and writes it back with one `commit`.
//! Output = input bytes in reverse order (same length). Linear in input size.
#![no_std]
#![no_main]

use zkvm_guest::io;

zkvm_guest::entry!(main);

fn main() {
    let mut data = io::read_input();
    data.reverse();
    io::commit_slice(&data);
}
