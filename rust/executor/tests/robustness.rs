//! Fuzz-style robustness: arbitrary and mutated ELF files, and programs of
//! random instruction words, must never make the loader or executor panic.
//! (Run once without `--release` too: debug builds also check arithmetic overflow.)

use std::panic::{catch_unwind, AssertUnwindSafe};
use zkvm_executor::testing::asm;
use zkvm_executor::testing::elf_writer::{ElfBuilder, ElfSegment, DATA_BASE, PF_R, PF_W, PF_X};
use zkvm_executor::{run, Limits, Program};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

const LIMITS: Limits = Limits {
    max_cycles: 20_000,
    max_input_len: 1 << 10,
};

/// Loads `elf` and, if it loads, runs it briefly. Panics name the case.
fn load_and_run(case: &str, elf: &[u8], input: &[u8]) -> bool {
    let outcome = catch_unwind(AssertUnwindSafe(|| match Program::from_elf(elf) {
        Ok(program) => {
            let _ = run(&program, input, &LIMITS);
            true
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            false
        }
    }));
    outcome.unwrap_or_else(|_| panic!("panic on {case}"))
}

/// A valid ELF with random code: random words, and words with valid opcodes
/// but random fields (so loads, stores, jumps and ecalls hit random addresses).
fn random_code_elf(rng: &mut Rng) -> Vec<u8> {
    const OPCODES: [u32; 11] = [
        0x03, 0x0f, 0x13, 0x17, 0x23, 0x33, 0x37, 0x63, 0x67, 0x6f, 0x73,
    ];
    let mut words: Vec<u32> = Vec::new();
    for r in 1..32 {
        let value = match rng.below(3) {
            0 => DATA_BASE + (rng.below(0x1000) as u32 & !3),
            1 => rng.next() as u32,
            _ => rng.below(8) as u32,
        };
        words.extend(asm::li(r, value));
    }
    for _ in 0..200 {
        let word = rng.next() as u32;
        words.push(match rng.below(10) {
            0 => word,
            1 => asm::ecall(),
            _ => (word & !0x7f) | OPCODES[rng.below(OPCODES.len())],
        });
    }
    let data = rng.bytes(64);
    ElfBuilder::with_text(&words)
        .data(DATA_BASE, data, 0x1000)
        .build()
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for i in 0..3000 {
        let len = rng.below(400);
        let mut bytes = rng.bytes(len);
        // Half the time, start with a plausible header so parsing gets further.
        if i % 2 == 0 && len >= 20 {
            bytes[..4].copy_from_slice(b"\x7fELF");
            bytes[4] = 1;
            bytes[5] = 1;
            bytes[18] = 243;
            bytes[19] = 0;
        }
        load_and_run(&format!("random bytes #{i}"), &bytes, b"input");
    }
}

#[test]
fn mutated_elfs_never_panic() {
    let mut rng = Rng(0x0bad_5eed_0bad_5eed);
    let mut loaded = 0;
    for i in 0..3000 {
        let mut elf = random_code_elf(&mut rng);
        match rng.below(4) {
            // Flip a few bytes anywhere.
            0 => {
                for _ in 0..1 + rng.below(8) {
                    let at = rng.below(elf.len());
                    elf[at] ^= 1 << rng.below(8);
                }
            }
            // Overwrite a header or program-header field with a random or extreme value.
            1 | 2 => {
                let at = rng.below(52 + 2 * 32) & !3;
                let value: u32 =
                    [0, 1, u32::MAX, 0x8000_0000, 0x3fff_fff0, rng.next() as u32][rng.below(6)];
                elf[at..at + 4].copy_from_slice(&value.to_le_bytes());
            }
            // Truncate.
            _ => {
                let len = rng.below(elf.len());
                elf.truncate(len);
            }
        }
        if load_and_run(&format!("mutated ELF #{i}"), &elf, &rng.bytes(16)) {
            loaded += 1;
        }
    }
    assert!(
        loaded > 300,
        "only {loaded} mutated ELFs loaded; the mutations are too destructive to test execution"
    );
}

#[test]
fn random_code_never_panics() {
    let mut rng = Rng(0xfeed_face_cafe_beef);
    for i in 0..1000 {
        let elf = random_code_elf(&mut rng);
        assert!(load_and_run(
            &format!("random code #{i}"),
            &elf,
            &rng.bytes(32)
        ));
    }
}

#[test]
fn extreme_segments_load_lazily() {
    // A huge .bss and an executable segment with a huge zero tail must not
    // allocate their full size.
    let mut b = ElfBuilder::with_text(&asm::exit(0)).data(DATA_BASE, vec![1], 0x3000_0000);
    b.segments.push(ElfSegment {
        vaddr: 0x3100_0000,
        data: vec![0x13, 0, 0, 0],
        mem_size: 0x0800_0000,
        flags: PF_R | PF_X,
    });
    b.segments.push(ElfSegment {
        vaddr: 0x3900_0000,
        data: vec![],
        mem_size: 0x10,
        flags: PF_R | PF_W,
    });
    assert!(load_and_run("extreme segments", &b.build(), &[]));
}
