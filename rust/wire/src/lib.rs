//! The wire format of the zkVM's typed input and output, shared by the guest runtime
//! (`zkvm-guest`, on `riscv32im-unknown-none-elf`) and the host SDK (`zkvm-sdk`), so the
//! two sides cannot drift apart.
//!
//! # Format
//! The guest's input (fd 0) and its public output (fd 1) are each a sequence of
//! **frames**. A frame is
//!
//! ```text
//! len: u32, little-endian | payload: len bytes
//! ```
//!
//! and its payload is either a value serialized with [postcard] (written by the host's
//! `Input::write` / the guest's `io::commit`, read by the guest's `io::read` / the host's
//! `Output::read`), or raw bytes (`Input::write_slice` / `io::read_vec`,
//! `io::read_slice`). The prefix is the same as the one `zkvm_guest::io::read_len_prefixed`
//! has always read, so older guests can read raw frames.
//!
//! Why a length prefix although postcard is self-delimiting: the guest reads fd 0 without
//! a buffer (each read is an `ecall` into the caller's memory), so it must know how many
//! bytes a value takes before it reads them; the prefix also lets a reader skip or take a
//! frame without knowing its type, and gives exact errors (a truncated frame, trailing
//! bytes inside a frame) instead of misparses.
//!
//! # Why postcard
//! * `no_std` with only `alloc` (and without it, into slices); no `std`, no atomics, no
//!   floating point unless the data has some: it builds for RV32IM as is.
//! * Small code and small data: integers are varints (LEB128, zigzag for signed), a
//!   sequence or string is a varint length and its elements, a struct its fields in
//!   order, with no tags or field names. A `u32` below 128 is one byte.
//! * A stable, documented wire format (postcard 1.x, "the postcard wire specification"),
//!   which is simple enough to produce independently: `examples/expected/gen.py` writes
//!   the typed example's input and expected output in Python without this crate.
//! * serde's derive, so users write `#[derive(Serialize, Deserialize)]` as with SP1
//!   (bincode) or RISC Zero (their own serde format).
//!
//! bincode 2 was the alternative: also `no_std`, but fixed-width integers by default (or
//! its own varint scheme) and its own `Encode`/`Decode` traits besides serde.
//!
//! Frames are limited to `u32::MAX` bytes; the executor limits the input and the output
//! far below that anyway.

#![no_std]

extern crate alloc;

use alloc::vec::Vec;
use core::fmt;
use serde::{Deserialize, Serialize};

/// Bytes of a frame's length prefix.
pub const LEN_BYTES: usize = 4;

/// What went wrong while encoding or decoding frames. Every variant carries static text or
/// numbers only, so guests can report it without `core::fmt`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireError {
    /// serde could not serialize the value with postcard (e.g. a map or sequence of
    /// unknown length, or a serializer error raised by the value's own `Serialize`).
    Encode(&'static str),
    /// The payload is not a postcard encoding of the requested type.
    Decode(&'static str),
    /// The payload decoded, but `unused` bytes of it were left over: the frame holds
    /// another type (or more than one value).
    TrailingBytes { unused: usize },
    /// The bytes end inside a frame: `needed` bytes were required, `available` remain.
    Truncated { needed: usize, available: usize },
    /// A frame of `len` bytes does not fit the 32-bit length prefix.
    TooLarge { len: usize },
    /// A raw frame of `found` bytes where exactly `expected` were asked for.
    LengthMismatch { expected: usize, found: usize },
}

impl WireError {
    /// A short description of the kind of error (static text).
    pub fn as_str(&self) -> &'static str {
        match self {
            WireError::Encode(_) => "the value cannot be serialized",
            WireError::Decode(_) => "the frame is not an encoding of the requested type",
            WireError::TrailingBytes { .. } => "the frame holds bytes after the value",
            WireError::Truncated { .. } => "the data ends inside a frame",
            WireError::TooLarge { .. } => "the frame is longer than 2^32 - 1 bytes",
            WireError::LengthMismatch { .. } => "the frame's length is not the one asked for",
        }
    }
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireError::Encode(why) | WireError::Decode(why) => {
                write!(f, "{} ({why})", self.as_str())
            }
            WireError::TrailingBytes { unused } => {
                write!(f, "{} ({unused} bytes unused)", self.as_str())
            }
            WireError::Truncated { needed, available } => write!(
                f,
                "{} ({needed} bytes needed, {available} available)",
                self.as_str()
            ),
            WireError::TooLarge { len } => write!(f, "{} ({len} bytes)", self.as_str()),
            WireError::LengthMismatch { expected, found } => {
                write!(f, "{} ({found} bytes, expected {expected})", self.as_str())
            }
        }
    }
}

/// postcard's error as static text (postcard's own `Display` needs `core::fmt`).
pub fn postcard_reason(e: &postcard::Error) -> &'static str {
    use postcard::Error as E;
    match e {
        E::WontImplement => "a serde feature postcard does not support",
        E::NotYetImplemented => "a serde feature postcard does not support yet",
        E::SerializeBufferFull => "the serialization buffer is full",
        E::SerializeSeqLengthUnknown => "a sequence or map of unknown length",
        E::DeserializeUnexpectedEnd => "the payload ends inside the value",
        E::DeserializeBadVarint => "a malformed varint",
        E::DeserializeBadBool => "a bool that is neither 0 nor 1",
        E::DeserializeBadChar => "an invalid char",
        E::DeserializeBadUtf8 => "a string that is not UTF-8",
        E::DeserializeBadOption => "an Option tag that is neither 0 nor 1",
        E::DeserializeBadEnum => "an unknown enum variant",
        E::DeserializeBadEncoding => "a malformed encoding",
        E::DeserializeBadCrc => "a bad CRC",
        E::SerdeSerCustom => "the value's Serialize failed",
        E::SerdeDeCustom => "the type's Deserialize rejected the data",
        E::CollectStrError => "collect_str failed",
        _ => "a postcard error",
    }
}

/// The length prefix of a `len`-byte frame.
pub fn len_prefix(len: usize) -> Result<[u8; LEN_BYTES], WireError> {
    match u32::try_from(len) {
        Ok(n) => Ok(n.to_le_bytes()),
        Err(_) => Err(WireError::TooLarge { len }),
    }
}

/// One frame holding `value` (postcard), as a new vector.
pub fn value_frame<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, WireError> {
    let mut frame = Vec::new();
    frame.extend_from_slice(&[0; LEN_BYTES]);
    let mut frame = match postcard::to_extend(value, frame) {
        Ok(v) => v,
        Err(e) => return Err(WireError::Encode(postcard_reason(&e))),
    };
    let prefix = len_prefix(frame.len() - LEN_BYTES)?;
    frame[..LEN_BYTES].copy_from_slice(&prefix);
    Ok(frame)
}

/// Append one frame holding `value` (postcard) to `out`; on an error `out` is unchanged.
pub fn write_value<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> Result<(), WireError> {
    let frame = value_frame(value)?;
    if out.is_empty() {
        *out = frame;
    } else {
        out.extend_from_slice(&frame);
    }
    Ok(())
}

/// Append one frame holding the raw bytes `data` to `out`.
pub fn write_raw(data: &[u8], out: &mut Vec<u8>) -> Result<(), WireError> {
    out.extend_from_slice(&len_prefix(data.len())?);
    out.extend_from_slice(data);
    Ok(())
}

/// Decode a frame's payload as a `T`; the payload must be exactly one value.
pub fn decode_payload<'a, T: Deserialize<'a>>(payload: &'a [u8]) -> Result<T, WireError> {
    match postcard::take_from_bytes::<T>(payload) {
        Ok((value, [])) => Ok(value),
        Ok((_, rest)) => Err(WireError::TrailingBytes { unused: rest.len() }),
        Err(e) => Err(WireError::Decode(postcard_reason(&e))),
    }
}

/// Split the first frame off `bytes`: its payload and the bytes after it.
pub fn split_frame(bytes: &[u8]) -> Result<(&[u8], &[u8]), WireError> {
    if bytes.len() < LEN_BYTES {
        return Err(WireError::Truncated {
            needed: LEN_BYTES,
            available: bytes.len(),
        });
    }
    let (prefix, rest) = bytes.split_at(LEN_BYTES);
    let len = u32::from_le_bytes([prefix[0], prefix[1], prefix[2], prefix[3]]) as usize;
    if rest.len() < len {
        return Err(WireError::Truncated {
            needed: len,
            available: rest.len(),
        });
    }
    Ok(rest.split_at(len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;
    use alloc::vec;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Point {
        x: i32,
        y: u64,
        name: String,
        tags: Vec<u8>,
        flag: Option<bool>,
    }

    #[test]
    fn frames_round_trip_in_sequence() {
        let p = Point {
            x: -3,
            y: 300,
            name: String::from("ab"),
            tags: vec![1, 2],
            flag: Some(true),
        };
        let mut out = Vec::new();
        write_value(&p, &mut out).unwrap();
        write_raw(b"raw", &mut out).unwrap();
        write_value(&7u32, &mut out).unwrap();
        // The wire bytes are fixed by the format: zigzag(-3) = 5, varint(300) = ac 02,
        // strings and vectors are a varint length and their bytes, Some = 01.
        assert_eq!(
            out,
            [
                &[11, 0, 0, 0, 5, 0xac, 0x02, 2, b'a', b'b', 2, 1, 2, 1, 1][..],
                &[3, 0, 0, 0, b'r', b'a', b'w'][..],
                &[1, 0, 0, 0, 7][..],
            ]
            .concat()
        );
        let (payload, rest) = split_frame(&out).unwrap();
        assert_eq!(decode_payload::<Point>(payload).unwrap(), p);
        let (payload, rest) = split_frame(rest).unwrap();
        assert_eq!(payload, b"raw");
        let (payload, rest) = split_frame(rest).unwrap();
        assert_eq!(decode_payload::<u32>(payload).unwrap(), 7);
        assert!(rest.is_empty());
    }

    #[test]
    fn errors_are_exact() {
        assert_eq!(
            split_frame(&[1, 0]),
            Err(WireError::Truncated {
                needed: 4,
                available: 2
            })
        );
        assert_eq!(
            split_frame(&[5, 0, 0, 0, 1, 2]),
            Err(WireError::Truncated {
                needed: 5,
                available: 2
            })
        );
        // Two bytes where one u8 was asked for.
        assert_eq!(
            decode_payload::<u8>(&[1, 2]),
            Err(WireError::TrailingBytes { unused: 1 })
        );
        // A varint that never ends.
        assert!(matches!(
            decode_payload::<u32>(&[0x80, 0x80]),
            Err(WireError::Decode(_))
        ));
        // A bool of 2.
        assert_eq!(
            decode_payload::<bool>(&[2]),
            Err(WireError::Decode("a bool that is neither 0 nor 1"))
        );
        // Display carries the numbers.
        let msg = alloc::format!("{}", WireError::TrailingBytes { unused: 3 });
        assert!(msg.contains("3 bytes unused"), "{msg}");
    }

    #[test]
    fn encode_errors_leave_the_buffer_as_it_was() {
        struct Unknown;
        impl Serialize for Unknown {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeSeq;
                // A sequence without a length: postcard cannot encode it.
                let seq = s.serialize_seq(None)?;
                seq.end()
            }
        }
        let mut out = Vec::new();
        write_value(&1u8, &mut out).unwrap();
        let before = out.clone();
        assert_eq!(
            write_value(&Unknown, &mut out),
            Err(WireError::Encode("a sequence or map of unknown length"))
        );
        assert_eq!(out, before);
    }
}
