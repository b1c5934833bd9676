//! Micro-benchmark of SHA3-256: the verifier's one-message function (the
//! `sha3` crate) against the prover's batched engine (hash_batch), on the
//! protocol's message shapes, one thread, CPU time.
//! Usage: cargo run --release -p zkvm-prover --example hash_bench -- [seconds per case]

use zkvm_prover::hash_batch::{sha3_256_many, LANES, RATE};
use zkvm_prover::profile::process_cpu_seconds;
use zkvm_verifier::commit::hash::{sha3_256, Digest};

/// Runs `f` (which hashes `messages` messages) until `seconds` of CPU time
/// have passed; returns CPU ns per message.
fn ns_per_message(seconds: f64, messages: usize, mut f: impl FnMut()) -> f64 {
    f();
    let start = process_cpu_seconds();
    let mut done = 0usize;
    loop {
        f();
        done += messages;
        let elapsed = process_cpu_seconds() - start;
        if elapsed >= seconds {
            return elapsed * 1e9 / done as f64;
        }
    }
}

fn main() {
    let seconds: f64 = std::env::args()
        .nth(1)
        .map_or(1.0, |s| s.parse().expect("seconds"));
    println!("batched backend lanes: {LANES}");
    // Node, proof of work, quotient leaf (16 columns), aux leaf (108), trace leaf (323).
    let shapes = [
        ("node", 65),
        ("pow", 41),
        ("leaf w=16", 65),
        ("leaf w=108", 433),
        ("leaf w=323", 1293),
    ];
    let count = 1024;
    for (name, len) in shapes {
        let permutations = (len / RATE + 1) as f64;
        let input: Vec<u8> = (0..len * count).map(|i| (i * 131 + 7) as u8).collect();
        let mut out: Vec<Digest> = vec![[0u8; 32]; count];
        let scalar = ns_per_message(seconds, count, || {
            for (m, d) in input.chunks_exact(len).zip(out.iter_mut()) {
                *d = sha3_256(m);
            }
            std::hint::black_box(&out);
        });
        let check = out.clone();
        let batched = ns_per_message(seconds, count, || {
            sha3_256_many(&input, len, &mut out);
            std::hint::black_box(&out);
        });
        assert_eq!(check, out, "digests differ");
        println!(
            "{name:<11} {len:>5} B  {permutations:>2} perm  sha3 crate {:>7.1} ns/perm  batched {:>6.1} ns/perm  ({:.1}x)",
            scalar / permutations,
            batched / permutations,
            scalar / batched
        );
    }
}
