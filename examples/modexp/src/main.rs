//! modexp: iterated big-integer modular exponentiation.
//! Input (all integers u32 LE; numbers as big-endian byte strings):
//!   iterations (u32)
//!   base_len (u32), base bytes
//!   exp_len (u32), exponent bytes
//!   mod_len (u32), modulus bytes
//! Computes r_0 = base mod m, r_{k+1} = r_k^exp mod m, k < iterations
//! (odd m: Montgomery; even m: schoolbook + long division).
//! Output = r_iterations as exactly mod_len big-endian bytes.
//! Exit code 2 (no output) if the modulus is zero.
#![no_std]
#![no_main]

use modexp::{from_be_bytes, is_zero, iterated_modpow, to_be_bytes};
use zkvm_guest::io;

zkvm_guest::entry!(main);

fn main() {
    let iterations = io::read_u32();
    let base = from_be_bytes(&io::read_len_prefixed());
    let exp = from_be_bytes(&io::read_len_prefixed());
    let m_bytes = io::read_len_prefixed();
    let m = from_be_bytes(&m_bytes);
    if is_zero(&m) {
        zkvm_guest::exit(2);
    }
    let r = iterated_modpow(&base, &exp, &m, iterations);
    io::commit_slice(&to_be_bytes(&r, m_bytes.len()));
}
