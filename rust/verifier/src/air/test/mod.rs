//! Small AIRs that exercise the protocol in tests. They are not part of the
//! normative verifier: they are compiled only with the `test-airs` feature.

pub mod cubic;
pub mod fibonacci;
pub mod lookup;
pub mod split;
