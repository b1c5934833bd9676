//! Raw system calls (`ecall`, number in `a7`, arguments in `a0..a2`, result
//! in `a0`). The numbers are the Linux RISC-V ones so guests also run under
//! `qemu-riscv32`.
//!
//! | a7 | call                    | result                                   |
//! |----|-------------------------|------------------------------------------|
//! | 63 | `read(fd=0, buf, len)`  | bytes read, 0 at end of input            |
//! | 63 | `read(fd=3, buf, len)`  | the same on the private input            |
//! | 64 | `write(fd=1, buf, len)` | bytes written (appended to public output)|
//! | 93 | `exit(code)`            | does not return                          |
//!
//! Negative results (as `i32`) are errors (only possible under a real OS).

/// `read` syscall number.
pub const SYS_READ: u32 = 63;
/// `write` syscall number.
pub const SYS_WRITE: u32 = 64;
/// `exit` syscall number.
pub const SYS_EXIT: u32 = 93;

/// File descriptor of the (public) input.
pub const FD_INPUT: u32 = 0;
/// File descriptor of the private input (not part of any receipt).
pub const FD_PRIVATE: u32 = 3;
/// File descriptor of the public output.
pub const FD_OUTPUT: u32 = 1;
/// Standard error: debug output (the executor keeps it apart from the public
/// output; not part of a receipt). The panic handler writes its message here.
pub const FD_STDERR: u32 = 2;

/// Issue an `ecall` with up to three arguments.
///
/// # Safety
/// The arguments must be valid for the given syscall (e.g. a buffer pointer
/// and length describing memory that may be read/written).
#[cfg(target_arch = "riscv32")]
#[inline(always)]
pub unsafe fn ecall3(num: u32, a0: u32, a1: u32, a2: u32) -> u32 {
    let ret: u32;
    // No `nomem`: `read` writes to memory, `write` reads it.
    core::arch::asm!(
        "ecall",
        in("a7") num,
        inlateout("a0") a0 => ret,
        in("a1") a1,
        in("a2") a2,
        options(nostack),
    );
    ret
}

/// Host stub: guests only run on riscv32.
///
/// # Safety
/// Always panics.
#[cfg(not(target_arch = "riscv32"))]
pub unsafe fn ecall3(_num: u32, _a0: u32, _a1: u32, _a2: u32) -> u32 {
    panic!("zkvm_guest syscalls are only available on riscv32")
}

/// `read(fd, buf.as_mut_ptr(), buf.len())`: returns the number of bytes
/// read (0 at end of input) or a negative error code.
#[inline]
pub fn sys_read(fd: u32, buf: &mut [u8]) -> i32 {
    unsafe {
        ecall3(
            SYS_READ,
            fd,
            buf.as_mut_ptr() as usize as u32,
            buf.len() as u32,
        ) as i32
    }
}

/// `read` into raw, possibly uninitialised memory.
///
/// # Safety
/// `ptr..ptr+len` must be valid for writes.
#[inline]
pub unsafe fn sys_read_raw(fd: u32, ptr: *mut u8, len: usize) -> i32 {
    ecall3(SYS_READ, fd, ptr as usize as u32, len as u32) as i32
}

/// `write(fd, buf.as_ptr(), buf.len())`: returns the number of bytes
/// written or a negative error code.
#[inline]
pub fn sys_write(fd: u32, buf: &[u8]) -> i32 {
    unsafe {
        ecall3(
            SYS_WRITE,
            fd,
            buf.as_ptr() as usize as u32,
            buf.len() as u32,
        ) as i32
    }
}

/// Terminate the program with the given exit code.
/// (Under qemu-riscv32 the host process sees `code & 0xff`.)
#[inline]
pub fn exit(code: u32) -> ! {
    unsafe {
        ecall3(SYS_EXIT, code, 0, 0);
    }
    // The executor never returns from `exit`; if something did, spin rather
    // than fall into undefined behaviour.
    #[allow(clippy::empty_loop)]
    loop {}
}
