//! The STARK protocol: parameters, domains, the proof and its byte format,
//! LogUp, DEEP, the verifying key, the statement and the verifier itself.

pub mod codec;
pub mod deep;
pub mod domain;
pub mod logup;
pub mod params;
pub mod proof;
pub mod stark;
pub mod statement;
pub mod vk;
