//! Input (fd 0), private input (fd 3) and public output (fd 1).
//!
//! The private input is read like the input, in the same wire format
//! ([`read_private`], [`read_private_vec`], [`read_private_slice`]); the host supplies it
//! with `zkvm_sdk::Prover::with_private_input` (or `zkvm prove --private-input FILE`). A
//! receipt proves the run on some private input but holds neither its bytes nor its
//! length: only what the guest commits is public.
//!
//! # Typed values (serde)
//! [`read`] / [`commit`] move serde values, [`read_vec`] / [`read_slice`] raw byte
//! strings, in the wire format of `zkvm-wire`: each value is one *frame*, a little-endian
//! `u32` length and a payload (postcard for values, the bytes themselves for raw
//! strings). The host builds the input with `zkvm_sdk::Input` (`write`, `write_slice`)
//! and decodes the output with `zkvm_sdk::receipt_output` or `zkvm_sdk::Output`, in the
//! same order as the guest reads and commits:
//!
//! ```ignore
//! #[derive(serde::Deserialize)]
//! struct Job { n: u32, label: alloc::string::String }
//!
//! let job: Job = io::read();          // host: input.write(&job)
//! let blob = io::read_vec();          // host: input.write_slice(&blob)
//! io::commit(&(job.n, blob.len() as u32)); // host: receipt_output::<(u32, u32)>(&output)
//! ```
//!
//! A frame that is missing, truncated or not an encoding of the requested type stops the
//! guest with a message on fd 2 (`guest panicked at <caller>: zkvm_guest::io::read: ...`)
//! and exit code [`crate::EXIT_PANIC`]. A frame is read into a buffer on the stack when
//! it is at most [`STACK_FRAME`] bytes long, else into a heap vector that is freed only
//! if nothing else was allocated since (the bump allocator).
//!
//! # Raw bytes
//! The other helpers read and write bytes with no framing ([`read_input`], [`read_u32`],
//! [`read_exact`], [`commit_slice`], ...), for guests that define their own layout.
//! All reads are unbuffered: each helper issues `read` syscalls directly into the
//! caller's buffer, so mixing helpers (typed and raw) is fine. Any I/O error (which can
//! only happen under a real OS) panics, i.e. exits with code 101.

use alloc::vec::Vec;
use serde::de::DeserializeOwned;
use serde::Serialize;
use zkvm_wire::WireError;

use crate::report::fail;
use crate::syscall::{sys_read, sys_read_raw, sys_write, FD_INPUT, FD_OUTPUT, FD_PRIVATE};

/// Frames up to this many bytes are read into a stack buffer by [`read`].
pub const STACK_FRAME: usize = 256;

/// Read one value, written by the host with `Input::write(&value)`.
///
/// Stops the guest (exit 101, message on fd 2) if the input ends inside the frame or the
/// frame is not exactly one `T`.
#[track_caller]
pub fn read<T: DeserializeOwned>() -> T {
    read_value_from(FD_INPUT, "zkvm_guest::io::read")
}

/// Read one raw byte string, written by the host with `Input::write_slice(&bytes)`.
#[track_caller]
pub fn read_vec() -> Vec<u8> {
    const WHAT: &str = "zkvm_guest::io::read_vec";
    let len = read_frame_len(FD_INPUT, WHAT);
    read_frame_vec(FD_INPUT, WHAT, len)
}

/// Read one raw byte string of exactly `buf.len()` bytes into `buf` (no allocation),
/// written by the host with `Input::write_slice`.
#[track_caller]
pub fn read_slice(buf: &mut [u8]) {
    read_slice_from(FD_INPUT, "zkvm_guest::io::read_slice", buf)
}

/// Read one value from the private input, written by the host with
/// `Input::write(&value)` into `Prover::with_private_input`. Stops the guest like
/// [`read`].
#[track_caller]
pub fn read_private<T: DeserializeOwned>() -> T {
    read_value_from(FD_PRIVATE, "zkvm_guest::io::read_private")
}

/// Read one raw byte string from the private input (`Input::write_slice`).
#[track_caller]
pub fn read_private_vec() -> Vec<u8> {
    const WHAT: &str = "zkvm_guest::io::read_private_vec";
    let len = read_frame_len(FD_PRIVATE, WHAT);
    read_frame_vec(FD_PRIVATE, WHAT, len)
}

/// Read one raw byte string of exactly `buf.len()` bytes from the private input into
/// `buf` (`Input::write_slice`).
#[track_caller]
pub fn read_private_slice(buf: &mut [u8]) {
    read_slice_from(FD_PRIVATE, "zkvm_guest::io::read_private_slice", buf)
}

#[track_caller]
fn read_value_from<T: DeserializeOwned>(fd: u32, what: &'static str) -> T {
    let len = read_frame_len(fd, what);
    let decoded = if len <= STACK_FRAME {
        let mut buf = [0u8; STACK_FRAME];
        read_frame_payload(fd, what, &mut buf[..len]);
        zkvm_wire::decode_payload::<T>(&buf[..len])
    } else {
        let payload = read_frame_vec(fd, what, len);
        zkvm_wire::decode_payload::<T>(&payload)
    };
    match decoded {
        Ok(v) => v,
        Err(e) => fail(what, e),
    }
}

#[track_caller]
fn read_slice_from(fd: u32, what: &'static str, buf: &mut [u8]) {
    let len = read_frame_len(fd, what);
    if len != buf.len() {
        fail(
            what,
            WireError::LengthMismatch {
                expected: buf.len(),
                found: len,
            },
        );
    }
    read_frame_payload(fd, what, buf);
}

/// Commit `value` to the public output as one frame; the host decodes it with
/// `zkvm_sdk::receipt_output::<T>` (one commit) or `zkvm_sdk::Output::read::<T>` (in
/// order).
#[track_caller]
pub fn commit<T: Serialize + ?Sized>(value: &T) {
    match zkvm_wire::value_frame(value) {
        Ok(frame) => write_output(&frame),
        Err(e) => fail("zkvm_guest::io::commit", e),
    }
}

#[track_caller]
fn read_frame_len(fd: u32, what: &'static str) -> usize {
    let mut b = [0u8; zkvm_wire::LEN_BYTES];
    let n = fill_from(fd, &mut b);
    if n != b.len() {
        fail(
            what,
            WireError::Truncated {
                needed: b.len(),
                available: n,
            },
        );
    }
    u32::from_le_bytes(b) as usize
}

#[track_caller]
fn read_frame_payload(fd: u32, what: &'static str, buf: &mut [u8]) {
    let n = fill_from(fd, buf);
    if n != buf.len() {
        fail(
            what,
            WireError::Truncated {
                needed: buf.len(),
                available: n,
            },
        );
    }
}

#[track_caller]
fn read_frame_vec(fd: u32, what: &'static str, len: usize) -> Vec<u8> {
    let mut v: Vec<u8> = Vec::with_capacity(len);
    let n = read_into_spare(fd, &mut v, len);
    if n != len {
        fail(
            what,
            WireError::Truncated {
                needed: len,
                available: n,
            },
        );
    }
    v
}

/// Read up to `len` bytes into the spare capacity of the empty vector `v` (capacity at
/// least `len`); returns the count (less than `len` only at end of input).
fn read_into_spare(fd: u32, v: &mut Vec<u8>, len: usize) -> usize {
    debug_assert!(v.is_empty() && v.capacity() >= len);
    let mut done = 0;
    while done < len {
        // SAFETY: the buffer has capacity `len`; the syscall writes at most `len - done`
        // bytes after `done`, and only the bytes actually read are exposed.
        let n = unsafe { sys_read_raw(fd, v.as_mut_ptr().add(done), len - done) };
        if n < 0 || n as usize > len - done {
            panic!("read failed");
        }
        if n == 0 {
            break;
        }
        done += n as usize;
    }
    unsafe { v.set_len(done) };
    done
}

/// Chunk size used when reading the whole input.
pub const READ_CHUNK: usize = 4096;

/// One `read` syscall on the input: returns the number of bytes read
/// (0 at end of input). May return fewer bytes than requested.
pub fn read_some(buf: &mut [u8]) -> usize {
    read_some_from(FD_INPUT, buf)
}

fn read_some_from(fd: u32, buf: &mut [u8]) -> usize {
    if buf.is_empty() {
        return 0;
    }
    let n = sys_read(fd, buf);
    if n < 0 || n as usize > buf.len() {
        panic!("read failed");
    }
    n as usize
}

/// Read until `buf` is full or the input ends; returns the number of bytes
/// read (less than `buf.len()` only at end of input).
pub fn read_fill(buf: &mut [u8]) -> usize {
    fill_from(FD_INPUT, buf)
}

fn fill_from(fd: u32, buf: &mut [u8]) -> usize {
    let mut done = 0;
    while done < buf.len() {
        let n = read_some_from(fd, &mut buf[done..]);
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

/// Read exactly `len` raw bytes (no frame) into a new vector; panics at end of input.
pub fn read_bytes(len: usize) -> Vec<u8> {
    let mut v: Vec<u8> = Vec::with_capacity(len);
    if read_into_spare(FD_INPUT, &mut v, len) != len {
        panic!("unexpected end of input");
    }
    v
}

/// Read a byte string prefixed by its length as a little-endian `u32` (the same bytes
/// as one raw frame, see [`read_vec`]).
pub fn read_len_prefixed() -> Vec<u8> {
    let len = read_u32() as usize;
    read_bytes(len)
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

/// Commit raw bytes to the public output, without a frame (alias of [`write_output`]).
#[inline]
pub fn commit_slice(data: &[u8]) {
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
