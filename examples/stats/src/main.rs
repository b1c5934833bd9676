//! stats: the typed I/O example. Input: four frames (`zkvm_sdk::Input` on the host):
//! `Params` (serde), the samples `Vec<i32>` (serde), a note (raw bytes, any length) and a
//! 4-byte tag (raw bytes). Output: one `Summary` frame (decoded on the host with
//! `zkvm_sdk::receipt_output::<Summary>`). Exit 0; exit 2 with no output if the tag is not
//! `ZKVM`; a missing or malformed frame stops the guest with a message on fd 2 and exit 101.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::vec::Vec;
use stats::{summarize, Params, EXIT_BAD_TAG, TAG};
use zkvm_guest::io;

zkvm_guest::entry!(main);

fn main() {
    let params: Params = io::read();
    let samples: Vec<i32> = io::read();
    let note = io::read_vec();
    let mut tag = [0u8; 4];
    io::read_slice(&mut tag);
    if tag != TAG {
        zkvm_guest::exit(EXIT_BAD_TAG);
    }
    io::commit(&summarize(&params, &samples, note.len(), tag));
}
