//! Host-compiled baselines of the benchmark guests: the guests' own
//! algorithms (the `zkvm-workloads` crate, which the guests call too) on the
//! same input bytes, producing the same output bytes, compiled for the host by
//! rustc with the CLI's (release) settings. `zkvm bench` times them to state
//! the proving overhead against native execution, and checks that they agree
//! with the guests' proven outputs.

/// The guest's output for `input`, or None if the input is malformed.
pub fn run(workload: &str, input: &[u8]) -> Option<Vec<u8>> {
    let word = |i: usize| -> Option<u32> {
        Some(u32::from_le_bytes(
            input.get(4 * i..4 * i + 4)?.try_into().ok()?,
        ))
    };
    match workload {
        "fibonacci" => Some(fibonacci(word(0)?).to_le_bytes().to_vec()),
        "sieve" => {
            let (count, largest) = sieve(word(0)?);
            Some([count.to_le_bytes(), largest.to_le_bytes()].concat())
        }
        "sort" => {
            let seed = word(1)?;
            if seed == 0 {
                return None; // only generated inputs are benchmarked
            }
            Some(sort(word(0)? as usize, seed).to_vec())
        }
        "sha256" => Some(sha256(input).to_vec()),
        _ => None,
    }
}

pub use zkvm_workloads::fibonacci::fibonacci;
pub use zkvm_workloads::sha256::sha256;
pub use zkvm_workloads::sieve::sieve;

/// Generates n values with xorshift32 from `seed`, merge-sorts them, returns
/// n, first, last and the checksum sum (i+1) v[i] mod 2^64, as the guest does
/// (with the guest's own functions).
pub fn sort(n: usize, seed: u32) -> [u8; 20] {
    use zkvm_workloads::sort;
    let mut v = vec![0u32; n];
    sort::generate(&mut v, seed);
    let mut buf = vec![0u32; n];
    sort::merge_sort(&mut v, &mut buf);
    let (len, first, last, sum) = sort::summarize(&v);
    let mut out = [0u8; 20];
    out[0..4].copy_from_slice(&len.to_le_bytes());
    out[4..8].copy_from_slice(&first.to_le_bytes());
    out[8..12].copy_from_slice(&last.to_le_bytes());
    out[12..20].copy_from_slice(&sum.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_match_known_values() {
        assert_eq!(fibonacci(10), 55);
        assert_eq!(fibonacci(93), 12200160415121876738);
        assert_eq!(sieve(1_000_000), (78498, 999983));
        assert_eq!(sieve(2), (1, 2));
        assert_eq!(sieve(1), (0, 0));
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&sha256(&[b'a'; 56])),
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"
        );
    }

    /// The committed example inputs give the committed expected outputs.
    #[test]
    fn references_match_the_examples_expected_outputs() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        for name in ["fibonacci", "sieve", "sort", "sha256"] {
            let input = std::fs::read(dir.join(format!("inputs/{name}.bin"))).unwrap();
            let expected = std::fs::read(dir.join(format!("expected/{name}.out"))).unwrap();
            assert_eq!(run(name, &input), Some(expected), "{name}");
        }
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }
}
