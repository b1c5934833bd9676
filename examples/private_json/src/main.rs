//! private_json: the private input example. Public input (fd 0, `zkvm_sdk::Input`): the
//! field name (raw bytes, `write_slice`) and a threshold (`u32`, `write`). Private input
//! (fd 3, `Prover::with_private_input`): a JSON document (raw bytes, `write_slice`).
//! Output: one frame `(field name, found, value >= threshold)` (host:
//! `receipt_output::<(String, bool, bool)>`): the document and the value stay private.
//! Exit 0; a missing or malformed frame stops the guest with exit 101.
#![no_std]
#![no_main]

use private_json::field_value;
use zkvm_guest::io;

zkvm_guest::entry!(main);

fn main() {
    let field = io::read_vec();
    let threshold: u32 = io::read();
    let doc = io::read_private_vec();
    let value = field_value(&doc, &field);
    let name = core::str::from_utf8(&field).unwrap_or("");
    io::commit(&(name, value.is_some(), value.is_some_and(|v| v >= threshold)));
}
