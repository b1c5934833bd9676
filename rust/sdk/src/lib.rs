//! Host side of the zkVM's typed input and output, the counterpart of the guest API in
//! `zkvm-guest` (`zkvm_guest::io::{read, read_vec, read_slice, commit}`). Both use the
//! wire format of `zkvm-wire`: a sequence of frames, each a little-endian `u32` length
//! and a payload that is a [postcard](https://docs.rs/postcard) encoding of a serde value
//! or raw bytes.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! use zkvm_sdk::{receipt_output, Input, Output};
//!
//! #[derive(Serialize, Deserialize, Debug, PartialEq)]
//! struct Job { name: String, n: u32 }
//!
//! // Host: the guest's input. The guest reads it in the same order:
//! // `let job: Job = io::read(); let blob = io::read_vec();`
//! let mut input = Input::new();
//! input.write(&Job { name: "fib".into(), n: 10 }).write_slice(b"raw bytes");
//! let bytes: Vec<u8> = input.into_bytes();
//! # assert_eq!(bytes.len(), 4 + 5 + 4 + 9);
//!
//! // Guest: `io::commit(&55u64)` puts one frame in the public output; the host decodes
//! // the output of a run (`RunResult::output`) or of a receipt (`Receipt::output`):
//! let output = zkvm_sdk::wire::value_frame(&55u64).unwrap();
//! assert_eq!(receipt_output::<u64>(&output).unwrap(), 55);
//!
//! // Several commits: read them in order.
//! let mut two = output.clone();
//! two.extend_from_slice(&zkvm_sdk::wire::value_frame("done").unwrap());
//! let mut out = Output::new(&two);
//! assert_eq!(out.read::<u64>().unwrap(), 55);
//! assert_eq!(out.read::<&str>().unwrap(), "done");
//! out.finish().unwrap();
//! ```
//!
//! The receipt's output is public and bound by the proof, so a value decoded from a
//! verified receipt's output is what the guest committed; decoding does not verify
//! anything by itself.

use serde::{Deserialize, Serialize};
use std::fmt;

mod host;

/// The book's host chapter (docs/book/host.md): its code blocks are doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/book/host.md")]
pub struct BookHostChapter;

pub use host::{Execution, Progress, ProveStats, Prover, Receipt, TraceFacts};
pub use zkvm_wire as wire;
pub use zkvm_wire::WireError;

/// The errors of the SDK, one enum: the typed input and output (with the index of the
/// frame concerned; the first frame written or read is frame 0), and the host API
/// ([`Prover`], [`Receipt`]) with the underlying typed error.
#[derive(Debug)]
pub enum Error {
    /// Input frame `frame` could not be encoded.
    Encode { frame: usize, error: WireError },
    /// Output frame `frame` is missing, truncated, or not an encoding of the type asked
    /// for.
    Decode { frame: usize, error: WireError },
    /// After `frames` frames, `bytes` bytes of the output were left unread (by
    /// [`receipt_output`] or [`Output::finish`]).
    UnreadOutput { frames: usize, bytes: usize },
    /// The executor cannot load the ELF.
    Elf(zkvm_executor::ElfError),
    /// The verifier refuses the program (too large, unsupported layout...).
    Program(zkvm_verifier::VerifyError),
    /// The guest's run failed (trap, cycle limit) after `cycles` cycles.
    Run {
        cycles: u64,
        error: zkvm_executor::ExecError,
    },
    /// The run cannot be turned into traces (it failed, or does not fit one proof).
    Trace(zkvm_prover::rv32im2::TraceError),
    /// The run's claim is not a valid statement.
    Statement(zkvm_verifier::VerifyError),
    /// The prover failed (an internal error: it is given traces it built itself).
    Prove(String),
    /// The receipt does not decode or does not verify.
    Verify(zkvm_verifier::VerifyError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Encode { frame, error } => write!(f, "input frame {frame}: {error}"),
            Error::Decode { frame, error } => write!(f, "output frame {frame}: {error}"),
            Error::UnreadOutput { frames, bytes } => write!(
                f,
                "{bytes} bytes of output left unread after {frames} frame(s)"
            ),
            Error::Elf(e) => write!(f, "invalid ELF: {e}"),
            Error::Program(e) => write!(f, "the verifier refuses the program: {e:?}"),
            Error::Run { cycles, error } => {
                write!(f, "the guest's run failed after {cycles} cycles: {error}")
            }
            Error::Trace(e) => write!(f, "the run cannot be proved: {e:?}"),
            Error::Statement(e) => write!(f, "invalid statement: {e:?}"),
            Error::Prove(e) => write!(f, "the prover failed: {e}"),
            Error::Verify(e) => write!(f, "the receipt is rejected: {e:?}"),
        }
    }
}

impl std::error::Error for Error {}

/// The guest's input, built value by value; the guest reads the values in the same order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Input {
    bytes: Vec<u8>,
    frames: usize,
}

impl Input {
    /// An empty input.
    pub fn new() -> Self {
        Self::default()
    }

    /// Append `value` (read by the guest with `io::read::<T>()`).
    ///
    /// # Panics
    /// If postcard cannot encode the value (a sequence or map of unknown length, or a
    /// `Serialize` impl that fails); [`Input::try_write`] returns the error instead.
    pub fn write<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        match self.try_write(value) {
            Ok(s) => s,
            Err(e) => panic!("Input::write: {e}"),
        }
    }

    /// Append `value`, or say why it cannot be encoded (the input is then unchanged).
    pub fn try_write<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<&mut Self, Error> {
        let frame = self.frames;
        wire::write_value(value, &mut self.bytes)
            .map_err(|error| Error::Encode { frame, error })?;
        self.frames += 1;
        Ok(self)
    }

    /// Append raw bytes as one frame (read by the guest with `io::read_vec()`, or with
    /// `io::read_slice(&mut buf)` into a buffer of exactly `data.len()` bytes).
    ///
    /// # Panics
    /// If `data` is 2^32 bytes or longer.
    pub fn write_slice(&mut self, data: &[u8]) -> &mut Self {
        let frame = self.frames;
        if let Err(error) = wire::write_raw(data, &mut self.bytes) {
            panic!("Input::write_slice: {}", Error::Encode { frame, error });
        }
        self.frames += 1;
        self
    }

    /// Append bytes without a frame, for guests that read the input with the raw byte
    /// API (`io::read_u32`, `io::read_input`, ...).
    pub fn write_raw(&mut self, data: &[u8]) -> &mut Self {
        self.bytes.extend_from_slice(data);
        self
    }

    /// Frames written so far (by `write`, `try_write` and `write_slice`).
    pub fn frames(&self) -> usize {
        self.frames
    }

    /// The input bytes (what the guest reads on fd 0).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The input bytes, consuming the builder.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// A reader over a guest's public output (a run's or a receipt's `output` bytes).
#[derive(Clone, Debug)]
pub struct Output<'a> {
    rest: &'a [u8],
    frames: usize,
}

impl<'a> Output<'a> {
    /// Read `output` from its start.
    pub fn new(output: &'a [u8]) -> Self {
        Output {
            rest: output,
            frames: 0,
        }
    }

    fn next_frame(&mut self) -> Result<&'a [u8], Error> {
        let frame = self.frames;
        let (payload, rest) =
            wire::split_frame(self.rest).map_err(|error| Error::Decode { frame, error })?;
        self.rest = rest;
        self.frames += 1;
        Ok(payload)
    }

    /// The next frame, decoded as a `T` (written by the guest with `io::commit(&value)`).
    /// On an error the reader does not move.
    pub fn read<T: Deserialize<'a>>(&mut self) -> Result<T, Error> {
        let frame = self.frames;
        let mut ahead = self.clone();
        let payload = ahead.next_frame()?;
        let value =
            wire::decode_payload(payload).map_err(|error| Error::Decode { frame, error })?;
        *self = ahead;
        Ok(value)
    }

    /// The next frame's payload as raw bytes.
    pub fn read_slice(&mut self) -> Result<&'a [u8], Error> {
        self.next_frame()
    }

    /// The next `n` bytes without a frame (for outputs written with
    /// `io::commit_slice`).
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        if self.rest.len() < n {
            return Err(Error::Decode {
                frame: self.frames,
                error: WireError::Truncated {
                    needed: n,
                    available: self.rest.len(),
                },
            });
        }
        let (head, rest) = self.rest.split_at(n);
        self.rest = rest;
        Ok(head)
    }

    /// The bytes not read yet.
    pub fn remaining(&self) -> &'a [u8] {
        self.rest
    }

    /// Frames read so far.
    pub fn frames(&self) -> usize {
        self.frames
    }

    /// Check that the whole output was read.
    pub fn finish(self) -> Result<(), Error> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(Error::UnreadOutput {
                frames: self.frames,
                bytes: self.rest.len(),
            })
        }
    }
}

/// Decode a guest's whole public output as one `T`: the output must be exactly one frame
/// (one `io::commit(&value)` in the guest). For several commits use [`Output`].
pub fn receipt_output<'a, T: Deserialize<'a>>(output: &'a [u8]) -> Result<T, Error> {
    let mut reader = Output::new(output);
    let value = reader.read()?;
    reader.finish()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
    enum Shape {
        Circle { r: u32 },
        Rect(u16, u16),
        Empty,
    }

    #[test]
    fn input_frames_are_what_the_guest_reads() {
        let mut input = Input::new();
        input
            .write(&Shape::Rect(3, 4))
            .write_slice(&[9, 8, 7])
            .write(&vec![Shape::Empty, Shape::Circle { r: 200 }])
            .write_raw(&[0xEE]);
        assert_eq!(input.frames(), 3);
        // Enum variants are varint indices; 200 is the varint c8 01.
        assert_eq!(
            input.as_bytes(),
            [
                &[3, 0, 0, 0, 1, 3, 4][..],
                &[3, 0, 0, 0, 9, 8, 7][..],
                &[5, 0, 0, 0, 2, 2, 0, 0xc8, 0x01][..],
                &[0xEE][..],
            ]
            .concat()
        );
    }

    #[test]
    fn output_reader_reads_in_order_and_reports_frames() {
        let mut bytes = Vec::new();
        wire::write_value(&Shape::Circle { r: 1 }, &mut bytes).unwrap();
        wire::write_raw(b"xy", &mut bytes).unwrap();
        wire::write_value(&(1u8, -1i64), &mut bytes).unwrap();
        bytes.extend_from_slice(b"tail");

        let mut out = Output::new(&bytes);
        assert_eq!(out.read::<Shape>().unwrap(), Shape::Circle { r: 1 });
        // The wrong type for frame 1: an error naming the frame, and the reader stays.
        let err = out.read::<u64>().unwrap_err();
        assert!(matches!(err, Error::Decode { frame: 1, .. }), "{err:?}");
        assert_eq!(out.read_slice().unwrap(), b"xy");
        assert_eq!(out.read::<(u8, i64)>().unwrap(), (1, -1));
        assert_eq!(out.frames(), 3);
        assert!(matches!(
            out.clone().finish(),
            Err(Error::UnreadOutput {
                frames: 3,
                bytes: 4
            })
        ));
        assert_eq!(out.take(4).unwrap(), b"tail");
        out.finish().unwrap();
    }

    #[test]
    fn receipt_output_wants_exactly_one_frame() {
        let one = wire::value_frame(&Shape::Rect(1, 2)).unwrap();
        assert_eq!(receipt_output::<Shape>(&one).unwrap(), Shape::Rect(1, 2));
        let mut two = one.clone();
        two.extend_from_slice(&one);
        assert!(matches!(
            receipt_output::<Shape>(&two),
            Err(Error::UnreadOutput { frames: 1, bytes }) if bytes == one.len()
        ));
        assert!(matches!(
            receipt_output::<Shape>(&one[..5]),
            Err(Error::Decode {
                frame: 0,
                error: WireError::Truncated {
                    needed: 3,
                    available: 1
                }
            })
        ));
        assert!(matches!(
            receipt_output::<Shape>(&[]),
            Err(Error::Decode {
                frame: 0,
                error: WireError::Truncated { .. }
            })
        ));
        // A payload with a byte too many: Rect(1, 2) then 0.
        let mut long = vec![4, 0, 0, 0];
        long.extend_from_slice(&one[4..]);
        long.push(0);
        assert!(matches!(
            receipt_output::<Shape>(&long),
            Err(Error::Decode {
                frame: 0,
                error: WireError::TrailingBytes { unused: 1 }
            })
        ));
        let msg = receipt_output::<Shape>(&long).unwrap_err().to_string();
        assert_eq!(
            msg,
            "output frame 0: the frame holds bytes after the value (1 bytes unused)"
        );
    }

    #[test]
    fn try_write_reports_the_frame_and_keeps_the_input() {
        struct Unsized;
        impl Serialize for Unsized {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                s.serialize_map(None)?.end()
            }
        }
        let mut input = Input::new();
        input.write(&1u8);
        let err = input.try_write(&Unsized).unwrap_err();
        assert!(matches!(
            err,
            Error::Encode {
                frame: 1,
                error: WireError::Encode("a sequence or map of unknown length")
            }
        ));
        assert_eq!(input.as_bytes(), [1, 0, 0, 0, 1]);
        assert_eq!(input.frames(), 1);
    }
}
