//! Shared helpers for the prover's integration tests.
#![allow(dead_code)]

use zkvm_prover::trace::{cubic_trace, fibonacci_trace};
use zkvm_prover::{prove, ProverOptions};
use zkvm_verifier::air::AirId;
use zkvm_verifier::params::standard_params;
use zkvm_verifier::vk::VerifyingKey;

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

/// An honest Fibonacci proof: (vk, public values, proof bytes).
pub fn fib_proof(log_n: u32) -> (VerifyingKey, Vec<u32>, Vec<u8>) {
    let vk = fib_vk();
    let (trace, public) = fibonacci_trace(log_n, 1, 1);
    let bytes = prove(&vk, &trace, &public, &ProverOptions::default()).unwrap();
    (vk, public, bytes)
}

/// An honest CubicTest proof (two quotient chunks).
pub fn cubic_proof(log_n: u32) -> (VerifyingKey, Vec<u32>, Vec<u8>) {
    let vk = cubic_vk();
    let (trace, public) = cubic_trace(log_n, 3);
    let bytes = prove(&vk, &trace, &public, &ProverOptions::default()).unwrap();
    (vk, public, bytes)
}

/// x + 1 mod p: a different canonical field element.
pub fn bump(x: u32) -> u32 {
    zkvm_verifier::field::add(x, 1)
}

/// Parameters without grinding and with few queries: tampering then reaches the
/// semantic checks instead of failing the proof of work first.
pub fn no_pow_params() -> zkvm_verifier::params::StarkParams {
    zkvm_verifier::params::StarkParams {
        log_blowup: 1,
        num_queries: 12,
        pow_bits: 0,
        log_final_poly_len: 2,
    }
}

pub fn proof_with(vk: &VerifyingKey, log_n: u32) -> (Vec<u32>, Vec<u8>) {
    let (trace, public) = match vk.air {
        AirId::Fibonacci => fibonacci_trace(log_n, 1, 1),
        AirId::CubicTest => cubic_trace(log_n, 3),
    };
    let bytes = prove(vk, &trace, &public, &ProverOptions::default()).unwrap();
    (public, bytes)
}
