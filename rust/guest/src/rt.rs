//! Entry point and panic handler (riscv32 guest target only).

use crate::syscall::exit;

// `_start`:
//  * gp: loaded from `__global_pointer$` if the link defines it (a custom
//    linker script); with the default rust-lld layout the weak symbol is 0,
//    and nothing uses gp because rust-lld does not relax to gp-relative
//    accesses unless asked (`--relax-gp`). Absolute lui/addi, no relaxation.
//  * sp: kept from the loader (qemu / zkVM executor), only aligned down to 16.
//  * .bss: not cleared here; both loaders zero p_memsz beyond p_filesz.
core::arch::global_asm!(
    r#"
    .section .text._start,"ax",@progbits
    .globl _start
    .type _start,@function
    .weak __global_pointer$
_start:
    .option push
    .option norelax
    lui gp, %hi(__global_pointer$)
    addi gp, gp, %lo(__global_pointer$)
    .option pop
    andi sp, sp, -16
    li s0, 0
    li ra, 0
    call {start}
1:  j 1b
    .size _start, . - _start
"#,
    start = sym __zkvm_guest_start,
);

extern "Rust" {
    /// Defined by the `zkvm_guest::entry!` macro in the guest program.
    fn __zkvm_guest_main();
}

#[doc(hidden)]
#[unsafe(no_mangle)]
pub extern "C" fn __zkvm_guest_start() -> ! {
    unsafe { __zkvm_guest_main() };
    exit(0)
}

/// Set by the first panic: a panic while formatting its message (in a `Display` impl)
/// exits at once instead of recursing. (Without `panic-fmt` the handler cannot panic.)
#[cfg(all(feature = "panic-handler", feature = "panic-fmt"))]
static mut PANICKING: bool = false;

/// Writes `guest panicked at <file>:<line>:<column>: <message>` to fd 2 and exits with
/// [`crate::EXIT_PANIC`]. Without the `panic-fmt` feature only messages that are plain
/// string literals are shown (others need `core::fmt`, about 10 KiB of code).
#[cfg(feature = "panic-handler")]
#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    // SAFETY: the guest is single-threaded.
    #[cfg(feature = "panic-fmt")]
    unsafe {
        if PANICKING {
            exit(crate::EXIT_PANIC)
        }
        PANICKING = true;
    }
    let mut line = crate::report::Line::new();
    match info.location() {
        Some(loc) => line.push_location(loc),
        None => line.push(b"guest panicked: "),
    }
    #[cfg(feature = "panic-fmt")]
    {
        use core::fmt::Write;
        impl Write for crate::report::Line {
            fn write_str(&mut self, s: &str) -> core::fmt::Result {
                self.push(s.as_bytes());
                Ok(())
            }
        }
        let _ = write!(line, "{}", info.message());
    }
    #[cfg(not(feature = "panic-fmt"))]
    match info.message().as_str() {
        Some(s) => line.push(s.as_bytes()),
        None => line.push(
            b"(a formatted message: build zkvm-guest with the feature `panic-fmt` to see it)",
        ),
    }
    line.emit();
    exit(crate::EXIT_PANIC)
}
