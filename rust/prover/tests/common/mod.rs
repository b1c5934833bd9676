//! Shared helpers for the prover's integration tests.
#![allow(dead_code)]

use zkvm_prover::trace::{cubic_trace, fibonacci_trace, lookup_test_trace};
use zkvm_prover::{prove, ProverOptions};
use zkvm_verifier::air::AirId;
use zkvm_verifier::protocol::params::standard_params;
use zkvm_verifier::protocol::vk::VerifyingKey;
use zkvm_verifier::Statement;

/// A small deterministic generator (splitmix64): tests need reproducible randomness, not quality.
pub struct TestRng(pub u64);

impl TestRng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }

    /// A canonical BabyBear element.
    pub fn field(&mut self) -> u32 {
        self.below(zkvm_verifier::field::P as u64) as u32
    }

    pub fn ext(&mut self) -> [u32; 4] {
        [self.field(), self.field(), self.field(), self.field()]
    }
}

pub fn fib_vk() -> VerifyingKey {
    VerifyingKey {
        air: AirId::Fibonacci,
        params: standard_params(),
    }
}

pub fn cubic_vk() -> VerifyingKey {
    VerifyingKey {
        air: AirId::CubicTest,
        params: standard_params(),
    }
}

pub fn lookup_vk() -> VerifyingKey {
    VerifyingKey {
        air: AirId::LookupTest,
        params: standard_params(),
    }
}

/// An honest Fibonacci proof: (vk, statement, proof bytes).
pub fn fib_proof(log_n: u32) -> (VerifyingKey, Statement, Vec<u8>) {
    let vk = fib_vk();
    let (trace, statement) = fibonacci_trace(log_n, 1, 1);
    let bytes = prove(
        &vk,
        std::slice::from_ref(&trace),
        &statement,
        &ProverOptions::default(),
    )
    .unwrap();
    (vk, statement, bytes)
}

/// An honest CubicTest proof (two quotient chunks).
pub fn cubic_proof(log_n: u32) -> (VerifyingKey, Statement, Vec<u8>) {
    let vk = cubic_vk();
    let (trace, statement) = cubic_trace(log_n, 3);
    let bytes = prove(
        &vk,
        std::slice::from_ref(&trace),
        &statement,
        &ProverOptions::default(),
    )
    .unwrap();
    (vk, statement, bytes)
}

/// The LookupTest statement used by the tests: p0 = 3, input [1, 2, 15], output [4].
pub const LOOKUP_P0: u32 = 3;
pub const LOOKUP_INPUT: [u8; 3] = [1, 2, 15];
pub const LOOKUP_OUTPUT: [u8; 1] = [4];

/// An honest LookupTest proof.
pub fn lookup_proof(log_n: u32) -> (VerifyingKey, Statement, Vec<u8>) {
    let vk = lookup_vk();
    let (trace, statement) = lookup_test_trace(log_n, LOOKUP_P0, &LOOKUP_INPUT, &LOOKUP_OUTPUT);
    let bytes = prove(
        &vk,
        std::slice::from_ref(&trace),
        &statement,
        &ProverOptions::default(),
    )
    .unwrap();
    (vk, statement, bytes)
}

/// x + 1 mod p: a different canonical field element.
pub fn bump(x: u32) -> u32 {
    zkvm_verifier::field::add(x, 1)
}

/// Parameters without grinding and with few queries: tampering then reaches the
/// semantic checks instead of failing the proof of work first.
pub fn no_pow_params() -> zkvm_verifier::protocol::params::StarkParams {
    zkvm_verifier::protocol::params::StarkParams {
        log_blowup: 1,
        num_queries: 12,
        pow_bits: 0,
        log_final_poly_len: 2,
        log_fri_arity: 1,
        log_cap_height: 2,
        zk: false,
    }
}

/// `no_pow_params` with FRI arity 2^log_fri_arity and caps of height log_cap_height.
pub fn no_pow_params_with(
    log_fri_arity: u32,
    log_cap_height: u32,
) -> zkvm_verifier::protocol::params::StarkParams {
    zkvm_verifier::protocol::params::StarkParams {
        log_fri_arity,
        log_cap_height,
        ..no_pow_params()
    }
}

pub fn proof_with(vk: &VerifyingKey, log_n: u32) -> (Statement, Vec<u8>) {
    let (trace, statement) = match vk.air {
        AirId::Fibonacci => fibonacci_trace(log_n, 1, 1),
        AirId::CubicTest => cubic_trace(log_n, 3),
        AirId::LookupTest => lookup_test_trace(log_n, LOOKUP_P0, &LOOKUP_INPUT, &LOOKUP_OUTPUT),
        #[allow(unreachable_patterns)]
        _ => panic!("no test trace for this AIR"),
    };
    let bytes = prove(
        vk,
        std::slice::from_ref(&trace),
        &statement,
        &ProverOptions::default(),
    )
    .unwrap();
    (statement, bytes)
}

/// A copy of a statement (Statement has no Clone: the verifier crate has no derives).
pub fn copy_statement(s: &Statement) -> Statement {
    Statement {
        public_values: s.public_values.clone(),
        input: s.input.clone(),
        output: s.output.clone(),
    }
}
