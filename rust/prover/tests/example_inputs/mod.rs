//! The example guests (examples/bin) with small inputs for tests
//! (10^3 to 10^5 cycles each, traces of 2^16 to 2^18 rows).
#![allow(dead_code)]

pub const EXAMPLES: [&str; 8] = [
    "fibonacci",
    "sha256",
    "sort",
    "sieve",
    "reverse",
    "c_checksum",
    "modexp",
    "c_greet",
];

pub fn example_elf(name: &str) -> Vec<u8> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    std::fs::read(format!("{root}/bin/{name}.elf"))
        .unwrap_or_else(|e| panic!("examples/bin/{name}.elf: {e} (run `make examples`)"))
}

pub fn small_input(name: &str) -> Vec<u8> {
    let data: Vec<u8> = (0..2000u32).map(|i| (i * 7 + 3) as u8).collect();
    match name {
        "fibonacci" => 3000u32.to_le_bytes().to_vec(),
        "sha256" => data[..700].to_vec(),
        "sort" => [300u32.to_le_bytes(), 0x2545_F491u32.to_le_bytes()].concat(),
        "sieve" => 20_000u32.to_le_bytes().to_vec(),
        "reverse" | "c_checksum" => data,
        "c_greet" => b"zkVM".to_vec(),
        "modexp" => {
            // 2 iterations of a 128-bit modexp with an odd modulus (Montgomery path).
            let mut v = 2u32.to_le_bytes().to_vec();
            for field in [
                &[0x12u8; 16][..],
                &[0xA5u8, 0x3C, 0x77][..],
                &[0xF1u8; 16][..],
            ] {
                v.extend_from_slice(&(field.len() as u32).to_le_bytes());
                v.extend_from_slice(field);
            }
            v
        }
        other => panic!("no small input for {other}"),
    }
}
