//! Guest runtime for the RV32IM zkVM.
//!
//! Provides everything a `#![no_std] #![no_main]` guest program needs so that
//! the *same* ELF runs both under `qemu-riscv32` (Linux user mode) and under
//! the zkVM executor:
//!
//! * `_start` (sets `gp` if the link defines `__global_pointer$`, keeps the
//!   loader's `sp`, calls the user's `main`, then `exit(0)`); register the
//!   user function with [`entry!`].
//! * [`syscall`]: raw `ecall` wrappers using the Linux RISC-V numbers
//!   `read` = 63, `write` = 64, `exit` = 93 (the only syscalls the zkVM has).
//! * [`io`]: typed input and output with serde ([`io::read`]`::<T>()`,
//!   [`io::commit`]`(&value)`, raw byte strings with [`io::read_vec`] and
//!   [`io::read_slice`]; the private input, fd 3, with [`io::read_private`] and
//!   [`io::read_private_slice`]) in the wire format of `zkvm-wire` (length-prefixed
//!   postcard frames; the host side is `zkvm-sdk`), and raw byte helpers
//!   (read all of fd 0, exact reads, little-endian integers, [`io::commit_slice`]
//!   for unframed bytes on the public output = fd 1).
//! * [`heap`]: a bump allocator over a static array in `.bss`
//!   (default 4 MiB, override at build time with the environment variable
//!   `ZKVM_GUEST_HEAP_SIZE`, e.g. `ZKVM_GUEST_HEAP_SIZE=16M`), installed as
//!   the `#[global_allocator]` so `extern crate alloc` works.
//! * A panic handler that writes nothing to the public output, writes
//!   `guest panicked at <file>:<line>:<column>: <message>` to fd 2 (debug
//!   output: stderr under qemu and `zkvm run`, not part of a receipt) and exits
//!   with code [`EXIT_PANIC`] (101). Allocation failure also ends up there, and
//!   so does a typed read of a missing or malformed frame.
//! * [`exit`]`(code)` ends the guest with any exit code.
//!
//! Example guest:
//!
//! ```ignore
//! #![no_std]
//! #![no_main]
//! extern crate alloc;
//! use alloc::vec::Vec;
//!
//! zkvm_guest::entry!(main);
//!
//! fn main() {
//!     let values: Vec<u64> = zkvm_guest::io::read();
//!     let sum: u64 = values.iter().sum();
//!     zkvm_guest::io::commit(&sum);
//! }
//! ```
//!
//! # Features
//! * `global-allocator` (default): the bump allocator is the `#[global_allocator]`.
//! * `panic-handler` (default): the panic handler above.
//! * `panic-fmt` (default): panic messages with run-time formatting (`index out of
//!   bounds: the len is 3 but the index is 7`, `expect` messages, ...) are formatted
//!   with `core::fmt`, which adds about 10 KiB of code. Without it only messages
//!   that are plain string literals are shown (the location always is); the
//!   example guests go without it so their code stays small.
//!   (`panic-message-stderr` is an old name of this feature.)
//!
//! On targets other than `riscv32`/`none` (e.g. when a guest crate's library
//! part is unit-tested on the host) the crate still compiles, but provides no
//! entry point, allocator or panic handler, and the syscalls panic.

#![no_std]

extern crate alloc;

pub mod heap;
pub mod io;
mod report;
pub mod syscall;

#[cfg(all(target_arch = "riscv32", target_os = "none"))]
mod rt;

pub use io::{
    commit, commit_slice, read, read_input, read_private, read_private_slice, read_private_vec,
    read_slice, read_vec, write_output,
};
pub use syscall::exit;

/// Exit code used by the panic handler (and therefore by allocation failure).
pub const EXIT_PANIC: u32 = 101;

/// Declare the guest's main function: `zkvm_guest::entry!(main);` where
/// `main: fn()`. Returning from `main` exits with code 0; call
/// [`exit`] for any other exit code.
#[macro_export]
macro_rules! entry {
    ($path:path) => {
        #[doc(hidden)]
        #[unsafe(no_mangle)]
        pub extern "Rust" fn __zkvm_guest_main() {
            let f: fn() = $path;
            f()
        }
    };
}
