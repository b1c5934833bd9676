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
//! * [`io`]: input helpers (read all of fd 0, exact reads, little-endian
//!   integers, length-prefixed byte strings) and output helpers (commit
//!   bytes to the public output = fd 1).
//! * [`heap`]: a bump allocator over a static array in `.bss`
//!   (default 4 MiB, override at build time with the environment variable
//!   `ZKVM_GUEST_HEAP_SIZE`, e.g. `ZKVM_GUEST_HEAP_SIZE=16M`), installed as
//!   the `#[global_allocator]` so `extern crate alloc` works.
//! * A panic handler that writes nothing to the public output and exits with
//!   code [`EXIT_PANIC`] (101). Allocation failure also ends up there.
//!
//! Example guest:
//!
//! ```ignore
//! #![no_std]
//! #![no_main]
//! extern crate alloc;
//!
//! zkvm_guest::entry!(main);
//!
//! fn main() {
//!     let input = zkvm_guest::io::read_input();
//!     zkvm_guest::io::commit(&(input.len() as u32).to_le_bytes());
//! }
//! ```
//!
//! On targets other than `riscv32`/`none` (e.g. when a guest crate's library
//! part is unit-tested on the host) the crate still compiles, but provides no
//! entry point, allocator or panic handler, and the syscalls panic.

#![no_std]

extern crate alloc;

pub mod heap;
pub mod io;
pub mod syscall;

#[cfg(all(target_arch = "riscv32", target_os = "none"))]
mod rt;

pub use io::{commit, read_input, write_output};
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
