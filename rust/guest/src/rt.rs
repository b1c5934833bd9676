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

#[cfg(feature = "panic-handler")]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    #[cfg(feature = "panic-message-stderr")]
    {
        use core::fmt::Write;
        struct Stderr;
        impl Write for Stderr {
            fn write_str(&mut self, s: &str) -> core::fmt::Result {
                let _ = crate::syscall::sys_write(crate::syscall::FD_STDERR, s.as_bytes());
                Ok(())
            }
        }
        let _ = writeln!(Stderr, "guest {}", _info);
    }
    exit(crate::EXIT_PANIC)
}
