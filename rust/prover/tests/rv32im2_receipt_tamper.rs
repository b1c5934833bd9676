//! A real receipt of machine version 2 (an example guest, every table
//! present) is bound in every component: each table's height, every
//! commitment, every claimed sum, every opening at the out-of-domain point,
//! the FRI layers and final polynomial, the proof of work, the query
//! openings and paths, and every field of the claim (exit code, cycles,
//! input consumed, input and output bytes) and of the statement. Each
//! single change is rejected with a typed error (a panic fails the test).
//! Malformed proof bytes (random mutations, bit flips in the header,
//! truncations, trailing bytes, garbage) are rejected the same way.

mod example_inputs;

use example_inputs::{example_elf, small_input};
use zkvm_prover::rv32im2::run::{prove_elf, verifying_key};
use zkvm_prover::ProverOptions;
use zkvm_verifier::error::error_name;
use zkvm_verifier::field;
use zkvm_verifier::protocol::proof::{decode_proof, encode_proof, MultiOpening, Proof, QueryProof};
use zkvm_verifier::protocol::vk::VerifyingKey;
use zkvm_verifier::receipt::{encode_receipt, statement_of, verify_receipt, Receipt};
use zkvm_verifier::{verify, Statement, VerifyError};

const GUEST: &str = "c_greet";

struct Fixture {
    vk: VerifyingKey,
    receipt: Receipt,
    statement: Statement,
}

fn fixture() -> Fixture {
    let elf = example_elf(GUEST);
    let input = small_input(GUEST);
    let (receipt, report) =
        prove_elf(&elf, &input, &ProverOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "{GUEST}: {} cycles, proof {} bytes",
        report.cycles,
        receipt.proof.len()
    );
    let vk = verifying_key(&elf).unwrap();
    let statement = statement_of(
        &vk,
        receipt.exit_code,
        receipt.cycles,
        receipt.input_consumed,
        receipt.input.clone(),
        receipt.output.clone(),
    )
    .unwrap();
    assert_eq!(verify(&vk, &statement, &receipt.proof), Ok(()));
    Fixture {
        vk,
        receipt,
        statement,
    }
}

fn bump(x: u32) -> u32 {
    field::add(x, 1)
}

fn flip(digest: &mut [u8; 32]) {
    digest[7] ^= 0x10;
}

fn phase_opening(query: &mut QueryProof, phase: usize) -> &mut MultiOpening {
    match phase {
        0 => &mut query.main,
        1 => &mut query.aux,
        _ => &mut query.quotient,
    }
}

/// Counts the rejections by error name.
struct Tally {
    checked: usize,
    kinds: std::collections::BTreeMap<&'static str, usize>,
}

impl Tally {
    fn reject(&mut self, what: &str, result: Result<(), VerifyError>) {
        match result {
            Ok(()) => panic!("tampering with {what} was accepted"),
            Err(e) => *self.kinds.entry(error_name(&e)).or_insert(0) += 1,
        }
        self.checked += 1;
    }
}

fn edited(f: &Fixture, edit: impl FnOnce(&mut Proof)) -> Result<(), VerifyError> {
    let mut proof = decode_proof(&f.receipt.proof).unwrap();
    edit(&mut proof);
    verify(&f.vk, &f.statement, &encode_proof(&proof))
}

#[test]
fn every_component_of_a_receipt_is_bound() {
    let f = fixture();
    let proof = decode_proof(&f.receipt.proof).unwrap();
    let tables = proof.log_heights.len();
    assert_eq!(tables, 12);
    let mut tally = Tally {
        checked: 0,
        kinds: Default::default(),
    };
    let t = &mut tally;

    // Every table's height, one up and one down.
    for i in 0..tables {
        t.reject(
            &format!("height {i} + 1"),
            edited(&f, |p| p.log_heights[i] += 1),
        );
        t.reject(
            &format!("height {i} - 1"),
            edited(&f, |p| p.log_heights[i] -= 1),
        );
    }
    t.reject(
        "one table less",
        edited(&f, |p| {
            let _ = p.log_heights.pop();
        }),
    );
    // Every digest of the three caps, and caps of another length.
    for i in 0..proof.main_commitment.len() {
        t.reject("main cap", edited(&f, |p| flip(&mut p.main_commitment[i])));
    }
    for i in 0..proof.aux_commitment.len() {
        t.reject("aux cap", edited(&f, |p| flip(&mut p.aux_commitment[i])));
    }
    for i in 0..proof.quotient_commitment.len() {
        t.reject(
            "quotient cap",
            edited(&f, |p| flip(&mut p.quotient_commitment[i])),
        );
    }
    t.reject(
        "main cap longer",
        edited(&f, |p| p.main_commitment.push([0; 32])),
    );
    t.reject(
        "aux cap shorter",
        edited(&f, |p| {
            let _ = p.aux_commitment.pop();
        }),
    );
    t.reject(
        "quotient cap longer",
        edited(&f, |p| p.quotient_commitment.push([0; 32])),
    );
    // Every coordinate of every table's claimed sum; the sums swapped.
    for i in 0..tables {
        for c in 0..4 {
            t.reject(
                &format!("claimed sum {i}.{c}"),
                edited(&f, |p| p.claimed_sums[i][c] = bump(p.claimed_sums[i][c])),
            );
        }
    }
    t.reject(
        "claimed sums 0 and 1 swapped",
        edited(&f, |p| p.claimed_sums.swap(0, 1)),
    );
    // Every opened column of every table at zeta and zeta * omega (one
    // coordinate each, cycling), and openings of another length.
    for i in 0..tables {
        let o = &proof.openings[i];
        let vectors = [
            o.main_local.len(),
            o.main_next.len(),
            o.aux_local.len(),
            o.aux_next.len(),
            o.quotient.len(),
        ];
        for (v, &len) in vectors.iter().enumerate() {
            for j in 0..len {
                let c = j % 4;
                t.reject(
                    &format!("table {i} opening {v}.{j}"),
                    edited(&f, |p| {
                        let o = &mut p.openings[i];
                        let vec = match v {
                            0 => &mut o.main_local,
                            1 => &mut o.main_next,
                            2 => &mut o.aux_local,
                            3 => &mut o.aux_next,
                            _ => &mut o.quotient,
                        };
                        vec[j][c] = bump(vec[j][c]);
                    }),
                );
            }
        }
        t.reject(
            "main opening longer",
            edited(&f, |p| p.openings[i].main_local.push([0; 4])),
        );
        t.reject(
            "quotient opening shorter",
            edited(&f, |p| {
                let _ = p.openings[i].quotient.pop();
            }),
        );
    }
    // FRI: every layer's cap, the layer count, the final polynomial, the nonce.
    for r in 0..proof.fri_commitments.len() {
        for i in 0..proof.fri_commitments[r].len() {
            t.reject(
                "fri cap",
                edited(&f, |p| flip(&mut p.fri_commitments[r][i])),
            );
        }
    }
    t.reject(
        "one fri layer fewer",
        edited(&f, |p| {
            let _ = p.fri_commitments.pop();
        }),
    );
    for i in 0..proof.final_poly.len() {
        for c in 0..4 {
            t.reject(
                "final poly",
                edited(&f, |p| p.final_poly[i][c] = bump(p.final_poly[i][c])),
            );
        }
    }
    t.reject(
        "final poly longer",
        edited(&f, |p| p.final_poly.push([0; 4])),
    );
    t.reject("pow nonce", edited(&f, |p| p.pow_nonce ^= 1));
    t.reject(
        "one query fewer",
        edited(&f, |p| {
            let _ = p.queries.pop();
        }),
    );
    // Queries: the first in full (every opened value of every table's
    // matrix in the three commitments, every path node, every FRI step),
    // the others one value per matrix and the ends of each path.
    for q in 0..proof.queries.len() {
        let query = &proof.queries[q];
        let full = q == 0;
        for phase in 0..3 {
            let opening = match phase {
                0 => &query.main,
                1 => &query.aux,
                _ => &query.quotient,
            };
            for m in 0..opening.rows.len() {
                let len = opening.rows[m].len();
                let js: Vec<usize> = if full {
                    (0..len).collect()
                } else {
                    vec![q % len]
                };
                for j in js {
                    t.reject(
                        "query value",
                        edited(&f, |p| {
                            let o = phase_opening(&mut p.queries[q], phase);
                            o.rows[m][j] = bump(o.rows[m][j]);
                        }),
                    );
                }
            }
            let len = opening.path.len();
            let ls: Vec<usize> = if full {
                (0..len).collect()
            } else {
                vec![0, len - 1]
            };
            for l in ls {
                t.reject(
                    "query path",
                    edited(&f, |p| {
                        flip(&mut phase_opening(&mut p.queries[q], phase).path[l])
                    }),
                );
            }
            t.reject(
                "query path longer",
                edited(&f, |p| {
                    phase_opening(&mut p.queries[q], phase).path.push([0; 32])
                }),
            );
        }
        for s in 0..query.fri_steps.len() {
            let step = &query.fri_steps[s];
            let ks: Vec<usize> = if full {
                (0..step.siblings.len()).collect()
            } else {
                vec![0]
            };
            for k in ks {
                t.reject(
                    "fri sibling",
                    edited(&f, |p| {
                        let v = &mut p.queries[q].fri_steps[s].siblings[k];
                        v[k % 4] = bump(v[k % 4]);
                    }),
                );
            }
            if full {
                for l in 0..step.path.len() {
                    t.reject(
                        "fri path",
                        edited(&f, |p| flip(&mut p.queries[q].fri_steps[s].path[l])),
                    );
                }
            }
        }
    }
    // The statement: every public value, one more, input and output bytes.
    let n = f.statement.public_values.len();
    for i in 0..n {
        let mut s = copy(&f.statement);
        s.public_values[i] = bump(s.public_values[i]);
        t.reject(
            &format!("public value {i}"),
            verify(&f.vk, &s, &f.receipt.proof),
        );
    }
    let mut s = copy(&f.statement);
    s.public_values.push(0);
    t.reject("extra public value", verify(&f.vk, &s, &f.receipt.proof));
    // The receipt's claim, through verify_receipt.
    let claim = |edit: &dyn Fn(&mut Receipt)| -> Result<(), VerifyError> {
        let mut r = Receipt {
            exit_code: f.receipt.exit_code,
            cycles: f.receipt.cycles,
            input_consumed: f.receipt.input_consumed,
            input: f.receipt.input.clone(),
            output: f.receipt.output.clone(),
            proof: f.receipt.proof.clone(),
        };
        edit(&mut r);
        verify_receipt(&f.vk, &encode_receipt(&r)).map(|_| ())
    };
    assert!(claim(&|_| {}).is_ok());
    t.reject("exit code", claim(&|r| r.exit_code ^= 1));
    t.reject("exit code high", claim(&|r| r.exit_code ^= 1 << 20));
    t.reject("cycles + 1", claim(&|r| r.cycles += 1));
    t.reject("cycles - 1", claim(&|r| r.cycles -= 1));
    t.reject("input consumed - 1", claim(&|r| r.input_consumed -= 1));
    t.reject("input consumed + 1", claim(&|r| r.input_consumed += 1));
    for i in 0..f.receipt.input.len() {
        t.reject("input byte", claim(&|r| r.input[i] ^= 1));
    }
    t.reject("input longer", claim(&|r| r.input.push(0)));
    for i in 0..f.receipt.output.len() {
        t.reject("output byte", claim(&|r| r.output[i] ^= 0x20));
    }
    t.reject("output longer", claim(&|r| r.output.push(b'!')));
    t.reject(
        "output shorter",
        claim(&|r| {
            let _ = r.output.pop();
        }),
    );
    println!("{} edits rejected: {:?}", tally.checked, tally.kinds);
    assert!(tally.checked > 3000, "only {} edits", tally.checked);
}

fn copy(s: &Statement) -> Statement {
    Statement {
        public_values: s.public_values.clone(),
        input: s.input.clone(),
        output: s.output.clone(),
    }
}

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn malformed_bytes_of_a_receipt_proof_are_rejected() {
    let f = fixture();
    let bytes = &f.receipt.proof;
    let check =
        |mutated: &[u8]| -> Result<(), VerifyError> { verify(&f.vk, &f.statement, mutated) };
    let mut rng = Rng(0xBAD_B17E5);
    // Random byte changes anywhere (mostly one byte, sometimes several).
    for trial in 0..1500 {
        let mut m = bytes.clone();
        let count = if trial % 4 == 0 { 1 + rng.below(8) } else { 1 };
        for _ in 0..count {
            let pos = rng.below(m.len() as u64) as usize;
            m[pos] ^= 1 + rng.below(255) as u8;
        }
        assert!(check(&m).is_err(), "trial {trial} accepted");
    }
    // Every bit of the first kilobyte (heights, caps, claimed sums, openings).
    for pos in 0..1024.min(bytes.len()) {
        for bit in [0u8, 5] {
            let mut m = bytes.clone();
            m[pos] ^= 1 << bit;
            assert!(check(&m).is_err(), "flip at byte {pos} bit {bit} accepted");
        }
    }
    // Truncations are typed errors of the decoder.
    let mut cuts: Vec<usize> = (0..64).collect();
    cuts.extend((0..300).map(|_| rng.below(bytes.len() as u64) as usize));
    cuts.push(bytes.len() - 1);
    for cut in cuts {
        let result = check(&bytes[..cut]);
        assert!(
            matches!(
                result,
                Err(VerifyError::TruncatedProof) | Err(VerifyError::LengthTooLarge)
            ),
            "cut at {cut}: {result:?}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(check(&longer), Err(VerifyError::TrailingBytes));
    // Garbage, with and without a valid version prefix.
    for len in [0usize, 1, 4, 100, 5000] {
        for _ in 0..20 {
            let garbage: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            assert!(check(&garbage).is_err());
            let mut prefixed = bytes[..4].to_vec();
            prefixed.extend_from_slice(&garbage);
            assert!(check(&prefixed).is_err());
        }
    }
    // The receipt container: truncated, another magic, trailing bytes.
    let encoded = encode_receipt(&f.receipt);
    assert!(verify_receipt(&f.vk, &encoded).is_ok());
    for cut in [0, 3, 8, 20, encoded.len() / 2, encoded.len() - 1] {
        assert!(
            verify_receipt(&f.vk, &encoded[..cut]).is_err(),
            "receipt cut at {cut}"
        );
    }
    let mut other = encoded.clone();
    other[0] ^= 1;
    assert!(verify_receipt(&f.vk, &other).is_err());
    let mut longer = encoded.clone();
    longer.push(0);
    assert!(verify_receipt(&f.vk, &longer).is_err());
}

/// The receipt binds the program: another guest's key, and the same ELF
/// with its first instruction replaced by a no-op, reject it. c_greet's
/// executable segment ends inside a word (the loaders map the rest of the
/// word as zeros) and its receipt verifies.
#[test]
fn a_receipt_is_bound_to_its_program() {
    let f = fixture();
    let elf = example_elf(GUEST);
    let exe = zkvm_executor::Program::from_elf(&elf).unwrap();
    assert!(exe
        .segments
        .iter()
        .any(|s| s.executable && s.mem_size % 4 != 0));
    let bytes = encode_receipt(&f.receipt);
    assert!(verify_receipt(&f.vk, &bytes).is_ok());
    for other in ["fibonacci", "sieve"] {
        let vk = verifying_key(&example_elf(other)).unwrap();
        let result = verify_receipt(&vk, &bytes);
        assert!(result.is_err(), "{other}'s key accepts the receipt");
    }
    let text = exe.segments.iter().find(|s| s.executable).unwrap();
    let at = elf.windows(16).position(|w| w == &text.data[..16]).unwrap();
    let mut patched = elf.clone();
    patched[at..at + 4].copy_from_slice(&0x0000_0013u32.to_le_bytes());
    assert_ne!(patched, elf);
    let vk = verifying_key(&patched).unwrap();
    assert!(verify_receipt(&vk, &bytes).is_err());
}
