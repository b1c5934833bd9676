//! Input (fd 0, private) and output (fd 1, public) helpers.
//!
//! All reads are unbuffered: each helper issues `read` syscalls directly
//! into the caller's buffer, so mixing helpers is fine. Any I/O error (which
//! can only happen under a real OS) panics, i.e. exits with code 101.

use alloc::vec::Vec;

use crate::syscall::{sys_read, sys_read_raw, sys_write, FD_INPUT, FD_OUTPUT};

/// Chunk size used when reading the whole input.
pub const READ_CHUNK: usize = 4096;

/// One `read` syscall on the input: returns the number of bytes read
/// (0 at end of input). May return fewer bytes than requested.
pub fn read_some(buf: &mut [u8]) -> usize {
    if buf.is_empty() {
        return 0;
    }
    let n = sys_read(FD_INPUT, buf);
    if n < 0 || n as usize > buf.len() {
        panic!("read failed");
    }
    n as usize
}

/// Read until `buf` is full or the input ends; returns the number of bytes
/// read (less than `buf.len()` only at end of input).
pub fn read_fill(buf: &mut [u8]) -> usize {
    let mut done = 0;
    while done < buf.len() {
        let n = read_some(&mut buf[done..]);
        if n == 0 {
            break;
        }
        done += n;
    }
    done
}

/// Fill `buf` completely; panics if the input ends first.
pub fn read_exact(buf: &mut [u8]) {
    if read_fill(buf) != buf.len() {
        panic!("unexpected end of input");
    }
}

/// Read a little-endian `u32`; `None` if the input is already at its end.
/// Panics if the input ends in the middle of the integer.
pub fn try_read_u32() -> Option<u32> {
    let mut b = [0u8; 4];
    match read_fill(&mut b) {
        0 => None,
        4 => Some(u32::from_le_bytes(b)),
        _ => panic!("unexpected end of input"),
    }
}

/// Read a little-endian `u32`; panics at end of input.
pub fn read_u32() -> u32 {
    let mut b = [0u8; 4];
    read_exact(&mut b);
    u32::from_le_bytes(b)
}

/// Read a little-endian `u64`; panics at end of input.
pub fn read_u64() -> u64 {
    let mut b = [0u8; 8];
    read_exact(&mut b);
    u64::from_le_bytes(b)
}

/// Read exactly `len` bytes into a new vector; panics at end of input.
pub fn read_vec(len: usize) -> Vec<u8> {
    let mut v: Vec<u8> = Vec::with_capacity(len);
    // SAFETY: the buffer has capacity `len`; the syscall writes at most `len`
    // bytes and we only expose the bytes actually read.
    let mut done = 0;
    while done < len {
        let n = unsafe { sys_read_raw(FD_INPUT, v.as_mut_ptr().add(done), len - done) };
        if n < 0 || n as usize > len - done {
            panic!("read failed");
        }
        if n == 0 {
            panic!("unexpected end of input");
        }
        done += n as usize;
    }
    unsafe { v.set_len(len) };
    v
}

/// Read a byte string prefixed by its length as a little-endian `u32`.
pub fn read_len_prefixed() -> Vec<u8> {
    let len = read_u32() as usize;
    read_vec(len)
}

/// Read the rest of the input (until EOF) into a vector, in chunks of
/// [`READ_CHUNK`] bytes. With the bump allocator the vector grows in place,
/// so this costs about one copy of the input in memory (the input must fit
/// in the free heap with [`READ_CHUNK`] bytes to spare, else exit 101).
pub fn read_input() -> Vec<u8> {
    let mut v: Vec<u8> = Vec::new();
    loop {
        if v.capacity() - v.len() < READ_CHUNK {
            // Amortised (doubling) growth; near the end of the heap fall back
            // to exact growth (cheap: the bump allocator grows the most
            // recent block in place).
            if v.try_reserve(READ_CHUNK).is_err() {
                v.reserve_exact(READ_CHUNK);
            }
        }
        let spare = v.capacity() - v.len();
        // SAFETY: `spare` bytes after `len` are allocated; we only extend
        // `len` by the number of bytes the syscall reports as written.
        let n = unsafe { sys_read_raw(FD_INPUT, v.as_mut_ptr().add(v.len()), spare) };
        if n < 0 || n as usize > spare {
            panic!("read failed");
        }
        if n == 0 {
            return v;
        }
        unsafe { v.set_len(v.len() + n as usize) };
    }
}

/// Append `data` to the public output (fd 1), looping on partial writes.
pub fn write_output(data: &[u8]) {
    let mut done = 0;
    while done < data.len() {
        let n = sys_write(FD_OUTPUT, &data[done..]);
        if n <= 0 || n as usize > data.len() - done {
            panic!("write failed");
        }
        done += n as usize;
    }
}

/// Commit bytes to the public output (alias of [`write_output`]).
#[inline]
pub fn commit(data: &[u8]) {
    write_output(data)
}

/// Commit a `u32` as 4 little-endian bytes.
#[inline]
pub fn commit_u32(x: u32) {
    write_output(&x.to_le_bytes())
}

/// Commit a `u64` as 8 little-endian bytes.
#[inline]
pub fn commit_u64(x: u64) {
    write_output(&x.to_le_bytes())
}
