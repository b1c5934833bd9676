//! stats: the typed I/O example (serde values in, a serde value out). The types are the
//! guest's side of its interface; a host declares the same fields in the same order
//! (rust/sdk/tests/stats.rs does) and writes/decodes them with `zkvm-sdk`.
#![no_std]

extern crate alloc;

use alloc::string::String;
use serde::{Deserialize, Serialize};

/// The first input frame.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Params {
    /// Copied into the summary.
    pub label: String,
    /// Samples strictly above it are counted in `Summary::above`.
    pub threshold: i32,
}

/// The output: one frame.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub label: String,
    pub count: u32,
    pub sum: i64,
    pub min: Option<i32>,
    pub max: Option<i32>,
    pub above: u32,
    pub note_len: u32,
    pub tag: [u8; 4],
}

/// The tag the fourth input frame must hold.
pub const TAG: [u8; 4] = *b"ZKVM";

/// Exit code when the tag is not [`TAG`] (nothing is committed then).
pub const EXIT_BAD_TAG: u32 = 2;

/// The summary of `samples` (plain loops; no floating point).
pub fn summarize(params: &Params, samples: &[i32], note_len: usize, tag: [u8; 4]) -> Summary {
    let mut sum: i64 = 0;
    let mut min: Option<i32> = None;
    let mut max: Option<i32> = None;
    let mut above = 0u32;
    for &s in samples {
        sum += s as i64;
        min = Some(match min {
            Some(m) if m <= s => m,
            _ => s,
        });
        max = Some(match max {
            Some(m) if m >= s => m,
            _ => s,
        });
        if s > params.threshold {
            above += 1;
        }
    }
    Summary {
        label: params.label.clone(),
        count: samples.len() as u32,
        sum,
        min,
        max,
        above,
        note_len: note_len as u32,
        tag,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_of_a_few_samples() {
        let p = Params {
            label: String::from("t"),
            threshold: 0,
        };
        let s = summarize(&p, &[3, -7, 0, 12, i32::MIN], 5, TAG);
        assert_eq!(s.count, 5);
        assert_eq!(s.sum, 3 - 7 + 12 + i32::MIN as i64);
        assert_eq!((s.min, s.max, s.above), (Some(i32::MIN), Some(12), 2));
        let e = summarize(&p, &[], 0, TAG);
        assert_eq!((e.count, e.sum, e.min, e.max), (0, 0, None, None));
    }
}
