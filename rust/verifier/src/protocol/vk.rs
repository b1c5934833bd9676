//! The verifying key: which AIR, with which parameters. Its digest binds the
//! transcript to the statement being proven. For the RV32IM AIR it appends
//! the digest of the program derived from the ELF (program.rs).

use crate::air::{self, AirId};
use crate::commit::hash::{sha3_256, Digest};
use crate::protocol::codec;
use crate::protocol::params::StarkParams;
use crate::receipt::program;

pub struct VerifyingKey {
    pub air: AirId,
    pub params: StarkParams,
}

const VK_DOMAIN_SEPARATOR: &[u8] = b"zkvm-verifying-key-v5";

/// H("zkvm-verifying-key-v5" || LE32 of: machine code, public value count,
/// number of tables, then for each table: width, constraint count, max
/// constraint degree, fraction count, fixed table count, min and max log
/// height; then log_blowup, num_queries, pow_bits, log_final_poly_len,
/// log_fri_arity, log_cap_height, zk as 0 or 1).
/// The fixed tables and boundary rules are functions of the vk (air/mod.rs),
/// so they are bound through it.
pub fn vk_digest(vk: &VerifyingKey) -> Digest {
    let tables = air::tables(&vk.air);
    let mut bytes: Vec<u8> = Vec::new();
    bytes.extend_from_slice(VK_DOMAIN_SEPARATOR);
    codec::write_u32(&mut bytes, air::air_code(&vk.air));
    codec::write_u32(&mut bytes, air::num_public_values(&vk.air) as u32);
    codec::write_u32(&mut bytes, tables.len() as u32);
    let mut t = 0;
    while t < tables.len() {
        let shape = air::table_shape(&tables[t]);
        codec::write_u32(&mut bytes, shape.width as u32);
        codec::write_u32(&mut bytes, shape.num_constraints as u32);
        codec::write_u32(&mut bytes, shape.max_constraint_degree);
        codec::write_u32(&mut bytes, shape.num_fractions as u32);
        codec::write_u32(&mut bytes, shape.num_fixed_tables as u32);
        codec::write_u32(&mut bytes, shape.min_log_height);
        codec::write_u32(&mut bytes, shape.max_log_height);
        t += 1;
    }
    codec::write_u32(&mut bytes, vk.params.log_blowup);
    codec::write_u32(&mut bytes, vk.params.num_queries);
    codec::write_u32(&mut bytes, vk.params.pow_bits);
    codec::write_u32(&mut bytes, vk.params.log_final_poly_len);
    codec::write_u32(&mut bytes, vk.params.log_fri_arity);
    codec::write_u32(&mut bytes, vk.params.log_cap_height);
    if vk.params.zk {
        codec::write_u32(&mut bytes, 1);
    } else {
        codec::write_u32(&mut bytes, 0);
    }
    match &vk.air {
        AirId::Rv32imV2(program) => bytes.extend_from_slice(&program::program_digest(program)),
        #[cfg(feature = "test-airs")]
        _ => {}
    }
    sha3_256(&bytes)
}
