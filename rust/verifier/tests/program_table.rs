//! The program table, image and zero intervals (`zkvm_verifier::receipt::program`)
//! against the reference executor: its ELF loader, memory, decoder and
//! step records.

use std::path::PathBuf;

use zkvm_executor::testing::asm::{self, reg};
use zkvm_executor::testing::elf_writer::{
    words_to_bytes, ElfBuilder, ElfSegment, DATA_BASE, PF_R, PF_W, PF_X, TEXT_BASE,
};
use zkvm_executor::{decode, layout, ElfError, Instruction, Machine, Op, StepRecord};
use zkvm_verifier::air::rv32im::statement::{
    public_values, MAX_INPUT_LEN, MAX_OUTPUT_LEN, MAX_ZERO_INTERVALS,
};
use zkvm_verifier::receipt::program::*;
use zkvm_verifier::receipt::{
    check_program_counts, check_program_image, check_program_rows, check_program_shape,
};
use zkvm_verifier::VerifyError;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Deterministic xorshift64* generator (no dependency on `rand`).
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn next_u32(&mut self) -> u32 {
        (self.next_u64() >> 32) as u32
    }
    fn below(&mut self, n: u32) -> u32 {
        (self.next_u64() % u64::from(n)) as u32
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u32) as usize]
    }
}

fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// (name, ELF bytes, input bytes) of every committed example.
fn examples() -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let bin = examples_dir().join("bin");
    let mut names: Vec<String> = std::fs::read_dir(&bin)
        .expect("examples/bin")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".elf"))
        .map(|n| n.trim_end_matches(".elf").to_string())
        .collect();
    names.sort();
    assert!(
        names.len() >= 7,
        "expected the committed examples, found {names:?}"
    );
    names
        .into_iter()
        .map(|name| {
            let elf = std::fs::read(bin.join(format!("{name}.elf"))).unwrap();
            let input_path = examples_dir().join("inputs").join(format!("{name}.bin"));
            let input =
                std::fs::read(&input_path).unwrap_or_else(|e| panic!("{input_path:?}: {e}"));
            (name, elf, input)
        })
        .collect()
}

fn row_fields(r: &ProgramRow) -> [u32; 10] {
    [
        r.pc, r.op, r.use_imm, r.rs1, r.rs2, r.rd, r.write_rd, r.imm, r.k, r.target,
    ]
}

fn op_code(op: Op) -> Option<u32> {
    Some(match op {
        Op::Lui => OP_LUI,
        Op::Auipc => OP_AUIPC,
        Op::Jal => OP_JAL,
        Op::Jalr => OP_JALR,
        Op::Beq => OP_BEQ,
        Op::Bne => OP_BNE,
        Op::Blt => OP_BLT,
        Op::Bge => OP_BGE,
        Op::Bltu => OP_BLTU,
        Op::Bgeu => OP_BGEU,
        Op::Lb => OP_LB,
        Op::Lh => OP_LH,
        Op::Lw => OP_LW,
        Op::Lbu => OP_LBU,
        Op::Lhu => OP_LHU,
        Op::Sb => OP_SB,
        Op::Sh => OP_SH,
        Op::Sw => OP_SW,
        Op::Addi | Op::Add => OP_ADD,
        Op::Sub => OP_SUB,
        Op::Slli | Op::Sll => OP_SLL,
        Op::Slti | Op::Slt => OP_SLT,
        Op::Sltiu | Op::Sltu => OP_SLTU,
        Op::Xori | Op::Xor => OP_XOR,
        Op::Srli | Op::Srl => OP_SRL,
        Op::Srai | Op::Sra => OP_SRA,
        Op::Ori | Op::Or => OP_OR,
        Op::Andi | Op::And => OP_AND,
        Op::Mul => OP_MUL,
        Op::Mulh => OP_MULH,
        Op::Mulhsu => OP_MULHSU,
        Op::Mulhu => OP_MULHU,
        Op::Div => OP_DIV,
        Op::Divu => OP_DIVU,
        Op::Rem => OP_REM,
        Op::Remu => OP_REMU,
        Op::Ecall => OP_ECALL,
        Op::Fence => OP_FENCE,
        Op::Ebreak | Op::Illegal => return None,
    })
}

fn is_branch(op: Op) -> bool {
    matches!(
        op,
        Op::Beq | Op::Bne | Op::Blt | Op::Bge | Op::Bltu | Op::Bgeu
    )
}

fn is_store(op: Op) -> bool {
    matches!(op, Op::Sb | Op::Sh | Op::Sw)
}

fn is_load(op: Op) -> bool {
    matches!(op, Op::Lb | Op::Lh | Op::Lw | Op::Lbu | Op::Lhu)
}

/// The row the brief specifies for `word` at `pc`, built from the executor's
/// decoded instruction (an independent oracle for `decode_word`).
fn expected_row(pc: u32, word: u32) -> Option<[u32; 10]> {
    let ins: Instruction = decode(word)?;
    let op = op_code(ins.op)?;
    let use_imm = u32::from(matches!(
        ins.op,
        Op::Addi
            | Op::Slti
            | Op::Sltiu
            | Op::Xori
            | Op::Ori
            | Op::Andi
            | Op::Slli
            | Op::Srli
            | Op::Srai
    ));
    let (rs1, rs2, rd) = if ins.op == Op::Ecall {
        (12, 10, 10)
    } else {
        (u32::from(ins.rs1), u32::from(ins.rs2), u32::from(ins.rd))
    };
    let writes = !(is_branch(ins.op) || is_store(ins.op) || ins.op == Op::Fence);
    let write_rd = if ins.op == Op::Ecall {
        1
    } else {
        u32::from(writes && rd != 0)
    };
    let imm = ins.imm as u32;
    let k = match ins.op {
        Op::Lui => imm,
        Op::Auipc => pc.wrapping_add(imm),
        Op::Jal | Op::Jalr => pc.wrapping_add(4),
        _ => 0,
    };
    let target = if is_branch(ins.op) || ins.op == Op::Jal {
        let t = pc.wrapping_add(imm);
        if t < 1 << 30 {
            t
        } else {
            1 << 30
        }
    } else {
        0
    };
    Some([pc, op, use_imm, rs1, rs2, rd, write_rd, imm, k, target])
}

/// The image and zero intervals the executor's loaded program implies.
fn expected_image(exe: &zkvm_executor::Program) -> (Vec<[u32; 3]>, Vec<[u32; 2]>) {
    // Values as the executor's memory holds them after loading: memory is
    // mapped a word at a time (a segment's first and last word are whole).
    let machine = zkvm_executor::Machine::new(exe, &[]).unwrap();
    let word = |wa: u32| machine.memory().peek_u32(4 * wa).unwrap();
    let mut segs: Vec<&zkvm_executor::Segment> = exe.segments.iter().collect();
    segs.sort_by_key(|s| s.vaddr);
    let mut image = Vec::new();
    for r in 0..32u32 {
        image.push([SPACE_REG, r, if r == 2 { layout::INITIAL_SP } else { 0 }]);
    }
    let mut zeros = Vec::new();
    for s in segs.iter().filter(|s| !s.executable) {
        let first = s.mapped_start() / 4;
        let file_end = (s.vaddr + s.data.len() as u32).div_ceil(4);
        let end = (s.mapped_end() / 4) as u32;
        for wa in first..file_end {
            image.push([SPACE_RAM, wa, word(wa)]);
        }
        if end > file_end {
            zeros.push([file_end, end]);
        }
    }
    for s in segs.iter().filter(|s| s.executable) {
        for wa in s.mapped_start() / 4..(s.mapped_end() / 4) as u32 {
            image.push([SPACE_ROM, wa, word(wa)]);
        }
    }
    zeros.push([exe.heap_start() / 4, layout::STACK_TOP / 4]);
    (image, zeros)
}

fn image_tuples(p: &Program) -> Vec<[u32; 3]> {
    p.image.iter().map(|w| [w.space, w.wa, w.value]).collect()
}

fn zero_tuples(p: &Program) -> Vec<[u32; 2]> {
    p.zero_intervals.iter().map(|z| [z.lo, z.hi]).collect()
}

/// Structural invariants every loaded program satisfies, and agreement with
/// the executor's loaded program (entry, image, zero intervals, rows).
fn check_against_executor(p: &Program, exe: &zkvm_executor::Program, what: &str) {
    assert_eq!(p.entry, exe.entry, "{what}: entry");
    let (image, zeros) = expected_image(exe);
    assert_eq!(image_tuples(p), image, "{what}: image");
    assert_eq!(zero_tuples(p), zeros, "{what}: zero intervals");
    // Sortedness (strict) and ranges.
    for pair in p.image.windows(2) {
        assert!(
            (pair[0].space, pair[0].wa) < (pair[1].space, pair[1].wa),
            "{what}: image not strictly sorted"
        );
    }
    for pair in p.zero_intervals.windows(2) {
        assert!(
            pair[0].hi <= pair[1].lo,
            "{what}: zero intervals overlap/unsorted"
        );
    }
    for z in &p.zero_intervals {
        assert!(
            z.lo < z.hi && z.hi <= layout::STACK_TOP / 4,
            "{what}: interval {:?}",
            [z.lo, z.hi]
        );
    }
    for pair in p.rows.windows(2) {
        assert!(pair[0].pc < pair[1].pc, "{what}: rows not strictly sorted");
    }
    // Rows: exactly the decodable (non-EBREAK) ROM words, as the oracle says.
    let mut expected_rows = Vec::new();
    for w in p.image.iter().filter(|w| w.space == SPACE_ROM) {
        if let Some(r) = expected_row(w.wa * 4, w.value) {
            expected_rows.push(r);
        }
    }
    let rows: Vec<[u32; 10]> = p.rows.iter().map(row_fields).collect();
    assert_eq!(rows, expected_rows, "{what}: rows");
    for r in &p.rows {
        assert!(r.pc < 1 << 30 && r.pc % 4 == 0 && r.op < NUM_OPS);
    }
}

/// The mapped word ranges implied by the image and zero intervals, merged
/// like the executor's memory regions: (start, end, writable) in bytes.
fn mapped_regions(p: &Program) -> Vec<(u32, u32, bool)> {
    let mut pieces: Vec<(u32, u32, bool)> = Vec::new();
    for w in p.image.iter().filter(|w| w.space != SPACE_REG) {
        pieces.push((w.wa * 4, w.wa * 4 + 4, w.space == SPACE_RAM));
    }
    for z in &p.zero_intervals {
        pieces.push((z.lo * 4, z.hi * 4, true));
    }
    pieces.sort();
    let mut merged: Vec<(u32, u32, bool)> = Vec::new();
    for piece in pieces {
        match merged.last_mut() {
            Some(last) if last.1 == piece.0 && last.2 == piece.2 => last.1 = piece.1,
            _ => merged.push(piece),
        }
    }
    merged
}

fn find_row(p: &Program, pc: u32) -> Option<&ProgramRow> {
    p.rows
        .binary_search_by_key(&pc, |r| r.pc)
        .ok()
        .map(|i| &p.rows[i])
}

fn image_value(p: &Program, space: u32, wa: u32) -> Option<u32> {
    p.image
        .binary_search_by_key(&(space, wa), |w| (w.space, w.wa))
        .ok()
        .map(|i| p.image[i].value)
}

// ---------------------------------------------------------------------------
// (1) The committed examples
// ---------------------------------------------------------------------------

#[test]
fn layout_constants_match_the_executor() {
    assert_eq!(STACK_TOP, layout::STACK_TOP);
    assert_eq!(INITIAL_SP, layout::INITIAL_SP);
    assert_eq!(MIN_STACK_SIZE, layout::MIN_STACK_SIZE);
    assert_eq!(SEGMENT_LIMIT, layout::SEGMENT_LIMIT);
    assert_eq!(TARGET_LIMIT, STACK_TOP);
    assert_eq!(MAX_OUTPUT_LEN, layout::MAX_OUTPUT_LEN);
}

/// The statement refuses inputs of 2^30 bytes or more and outputs beyond the
/// executor's output cap, and accepts the limits themselves.
#[test]
fn statement_length_limits() {
    let elf = std::fs::read(examples_dir().join("bin/fibonacci.elf")).unwrap();
    let p = load_program(&elf).unwrap();
    let pv = |input_len: usize, output_len: usize| {
        public_values(&p, 0, 100, input_len, 0, output_len).map(|_| ())
    };
    assert_eq!(pv(MAX_INPUT_LEN - 1, MAX_OUTPUT_LEN), Ok(()));
    assert_eq!(pv(MAX_INPUT_LEN, 0), Err(VerifyError::InvalidStatement));
    assert_eq!(
        pv(0, MAX_OUTPUT_LEN + 1),
        Err(VerifyError::InvalidStatement)
    );
}

/// Checks one executed step against the row at its pc.
fn check_step(p: &Program, rec: &StepRecord, name: &str) {
    let what = format!("{name} cycle {} pc {:#x}", rec.cycle, rec.pc);
    let row = find_row(p, rec.pc).unwrap_or_else(|| panic!("{what}: no row"));
    assert_eq!(
        image_value(p, SPACE_ROM, rec.pc / 4),
        Some(rec.word),
        "{what}: ROM word"
    );
    let ins = decode(rec.word).unwrap_or_else(|| panic!("{what}: executor cannot decode"));
    assert_eq!(Some(row.op), op_code(ins.op), "{what}: op");
    assert_eq!(row.imm, ins.imm as u32, "{what}: imm");
    if ins.op == Op::Ecall {
        // The executor reports ECALL's decoded (empty) register fields; the
        // table names the registers the CPU row accesses.
        assert_eq!((rec.rs1, rec.rs2), (0, 0), "{what}");
        assert_eq!(
            (row.rs1, row.rs2, row.rd, row.write_rd),
            (12, 10, 10, 1),
            "{what}"
        );
        // rd = a0 when the syscall returned a value; 0 for exit.
        assert!(rec.rd == 10 || rec.rd == 0, "{what}: ecall rd {}", rec.rd);
        return;
    }
    assert_eq!(u32::from(rec.rs1), row.rs1, "{what}: rs1");
    assert_eq!(u32::from(rec.rs2), row.rs2, "{what}: rs2");
    assert_eq!(u32::from(rec.rd), row.rd, "{what}: rd");
    assert_eq!(row.write_rd, u32::from(rec.rd != 0), "{what}: write_rd");
    if row.write_rd == 0 {
        assert_eq!(rec.rd_value, 0, "{what}");
    }
    let seq = rec.pc.wrapping_add(4);
    match ins.op {
        Op::Lui | Op::Auipc => {
            if row.write_rd == 1 {
                assert_eq!(rec.rd_value, row.k, "{what}: k");
            }
            assert_eq!(rec.next_pc, seq, "{what}");
        }
        Op::Jal => {
            if row.write_rd == 1 {
                assert_eq!(rec.rd_value, row.k, "{what}: link");
            }
            assert_eq!(rec.next_pc, row.target, "{what}: jal target");
        }
        Op::Jalr => {
            if row.write_rd == 1 {
                assert_eq!(rec.rd_value, row.k, "{what}: link");
            }
            assert_eq!(
                rec.next_pc,
                rec.rs1_value.wrapping_add(row.imm) & !1,
                "{what}: jalr"
            );
        }
        op if is_branch(op) => {
            let (a, b) = (rec.rs1_value, rec.rs2_value);
            let taken = match op {
                Op::Beq => a == b,
                Op::Bne => a != b,
                Op::Blt => (a as i32) < (b as i32),
                Op::Bge => (a as i32) >= (b as i32),
                Op::Bltu => a < b,
                _ => a >= b,
            };
            let expected = if taken { row.target } else { seq };
            assert_eq!(rec.next_pc, expected, "{what}: branch");
        }
        op if is_load(op) || is_store(op) => {
            let access = rec.memory.unwrap_or_else(|| panic!("{what}: no access"));
            assert_eq!(
                access.addr,
                rec.rs1_value.wrapping_add(row.imm),
                "{what}: address"
            );
            assert_eq!(access.is_write, is_store(op), "{what}");
            assert_eq!(rec.next_pc, seq, "{what}");
        }
        Op::Addi => {
            if row.write_rd == 1 {
                assert_eq!(
                    rec.rd_value,
                    rec.rs1_value.wrapping_add(row.imm),
                    "{what}: addi"
                );
            }
            assert_eq!(row.use_imm, 1, "{what}");
        }
        _ => assert_eq!(rec.next_pc, seq, "{what}"),
    }
}

#[test]
fn examples_agree_with_the_executor() {
    const MAX_CYCLES: u64 = 5_000_000;
    let mut total_steps = 0u64;
    for (name, elf, input) in examples() {
        let exe = zkvm_executor::Program::from_elf(&elf).unwrap();
        let p = load_program(&elf).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_against_executor(&p, &exe, &name);
        assert_eq!(check_program_counts(&p), Ok(()), "{name}: counts");
        assert_eq!(check_program_shape(&p), Ok(()), "{name}: shape");
        assert_eq!(check_program_image(&p), Ok(()), "{name}: image");
        assert_eq!(check_program_rows(&p), Ok(()), "{name}: rows");

        let mut machine = Machine::new(&exe, &input).unwrap();
        // Initial memory: every image word reads back from the executor's memory.
        for w in &p.image {
            match w.space {
                SPACE_REG => assert_eq!(machine.reg(w.wa as u8), w.value, "{name}: x{}", w.wa),
                _ => assert_eq!(machine.memory().peek_u32(w.wa * 4), Some(w.value), "{name}"),
            }
        }
        // Zero intervals read as zero (ends and a sample inside).
        for z in &p.zero_intervals {
            let mut wa = z.lo;
            while wa < z.hi {
                assert_eq!(
                    machine.memory().peek_u32(wa * 4),
                    Some(0),
                    "{name}: {wa:#x}"
                );
                wa = if wa < z.lo + 64 || wa + 64 >= z.hi {
                    wa + 1
                } else {
                    (wa + 4093).min(z.hi - 64)
                };
            }
        }
        // Mapped memory is exactly the image words plus the zero intervals,
        // with ROM = read-only.
        let mut regions: Vec<(u32, u32, bool)> = machine
            .memory()
            .regions()
            .iter()
            .map(|r| (r.start, r.end, r.writable))
            .collect();
        regions.sort();
        assert_eq!(mapped_regions(&p), regions, "{name}: mapped regions");

        // Every executed step has a matching row.
        let mut records: Vec<StepRecord> = Vec::new();
        let mut steps = 0u64;
        let mut fetched = std::collections::BTreeSet::new();
        while !machine.is_halted() && machine.cycles() < MAX_CYCLES {
            machine
                .step_with(&mut records)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            for rec in &records {
                check_step(&p, rec, &name);
                fetched.insert(rec.pc);
                steps += 1;
            }
            records.clear();
        }
        assert!(
            machine.is_halted(),
            "{name}: did not exit within {MAX_CYCLES} cycles"
        );
        println!(
            "{name}: {} rows, {} image words, {} zero intervals, {steps} steps checked, {} distinct pcs",
            p.rows.len(),
            p.image.len(),
            p.zero_intervals.len(),
            fetched.len()
        );
        total_steps += steps;
    }
    println!("total steps checked: {total_steps}");
}

// ---------------------------------------------------------------------------
// (2) decode_word against the executor's decoder
// ---------------------------------------------------------------------------

fn check_word(pc: u32, word: u32) -> bool {
    let ours = decode_word(pc, word).map(|r| row_fields(&r));
    let expected = expected_row(pc, word);
    assert_eq!(ours, expected, "pc {pc:#x} word {word:#010x}");
    // Row exists iff the executor decodes to something other than EBREAK.
    let exists = matches!(decode(word), Some(i) if i.op != Op::Ebreak);
    assert_eq!(ours.is_some(), exists, "word {word:#010x}");
    exists
}

#[test]
fn decode_word_matches_executor_on_random_words() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let pcs = [
        0u32,
        4,
        0x1_0000,
        0x3fff_fffc,
        0x4000_0000,
        0xffff_fffc,
        0x8000_0000,
    ];
    let mut rows = 0u32;
    const N: u32 = 250_000;
    for i in 0..N {
        let word = rng.next_u32();
        let pc = if i % 4 == 0 {
            rng.pick(&pcs)
        } else {
            rng.next_u32() & !3
        };
        rows += u32::from(check_word(pc, word));
    }
    // Random words whose opcode is a valid major opcode: most decode.
    let opcodes = [
        0x03, 0x0f, 0x13, 0x17, 0x23, 0x33, 0x37, 0x63, 0x67, 0x6f, 0x73,
    ];
    let mut structured_rows = 0u32;
    for _ in 0..N {
        let word = (rng.next_u32() & !0x7f) | rng.pick(&opcodes);
        let pc = rng.next_u32() & 0x3fff_fffc;
        structured_rows += u32::from(check_word(pc, word));
    }
    println!("{N} random words: {rows} rows; {N} structured words: {structured_rows} rows");
    assert!(structured_rows > N / 4);
}

#[test]
fn decode_word_matches_executor_on_all_opcode_funct_combinations() {
    let mut rng = Rng(42);
    let mut count = 0u32;
    let mut rows = 0u32;
    for opcode in 0..128u32 {
        for funct3 in 0..8u32 {
            for funct7 in 0..128u32 {
                // Register fields: all zero, all ones, and two random choices.
                let fields = [
                    (0, 0, 0),
                    (31, 31, 31),
                    (rng.below(32), rng.below(32), rng.below(32)),
                    (rng.below(32), rng.below(32), rng.below(32)),
                ];
                for (rd, rs1, rs2) in fields {
                    let word =
                        funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
                    let pc = if rng.below(2) == 0 {
                        0x1_0000
                    } else {
                        rng.next_u32() & !3
                    };
                    rows += u32::from(check_word(pc, word));
                    count += 1;
                }
            }
        }
    }
    // SYSTEM words near ECALL/EBREAK and FENCE variants.
    let specials = [
        asm::ecall(),
        asm::ebreak(),
        asm::fence(),
        0x0000_100f, // fence.i
        0x8330_000f, // fence.tso
        0x0100_000f, // pause
        0x0000_0073 | 1 << 7,
        0x0000_0073 | 1 << 15,
        0x0000_0073 | 1 << 20,
        0x0020_0073,
        0x3020_0073, // mret
        0x1050_0073, // wfi
        0xc000_2573, // csrrs a0, cycle
        0,
        u32::MAX,
    ];
    for w in specials {
        check_word(0x1_0000, w);
        count += 1;
    }
    assert!(decode_word(0, asm::ebreak()).is_none());
    let e = decode_word(0x100, asm::ecall()).unwrap();
    assert_eq!(row_fields(&e), [0x100, OP_ECALL, 0, 12, 10, 10, 1, 0, 0, 0]);
    let f = decode_word(0x100, (0x8ff0_ffff & !0x707f) | 0x0f).unwrap();
    assert_eq!(row_fields(&f), [0x100, OP_FENCE, 0, 0, 0, 0, 0, 0, 0, 0]);
    println!("{count} opcode/funct combinations: {rows} rows");
}

#[test]
fn decode_word_spot_checks() {
    let pc = 0x1_0000;
    // ADDI with negative immediate.
    let r = decode_word(pc, asm::addi(5, 6, -3)).unwrap();
    assert_eq!(
        row_fields(&r),
        [pc, OP_ADD, 1, 6, 0, 5, 1, (-3i32) as u32, 0, 0]
    );
    // ADD with rd = x0: no write.
    let r = decode_word(pc, asm::add(0, 1, 2)).unwrap();
    assert_eq!(row_fields(&r), [pc, OP_ADD, 0, 1, 2, 0, 0, 0, 0, 0]);
    // SRAI shamt.
    let r = decode_word(pc, asm::srai(7, 8, 31)).unwrap();
    assert_eq!(row_fields(&r), [pc, OP_SRA, 1, 8, 0, 7, 1, 31, 0, 0]);
    // Reserved shift encodings have no row.
    assert!(decode_word(pc, asm::slli(1, 1, 3) | 1 << 25).is_none());
    assert!(decode_word(pc, asm::srai(1, 1, 3) | 1 << 29).is_none());
    // LUI / AUIPC constants, AUIPC wrapping.
    let r = decode_word(pc, asm::lui(3, 0xfffff)).unwrap();
    assert_eq!((r.imm, r.k, r.write_rd), (0xffff_f000, 0xffff_f000, 1));
    let r = decode_word(0x2000, asm::auipc(3, 0xfffff)).unwrap();
    assert_eq!((r.imm, r.k), (0xffff_f000, 0x1000));
    // JAL backwards and out of range; JALR link.
    let r = decode_word(pc, asm::jal(reg::RA, -8)).unwrap();
    assert_eq!((r.k, r.target, r.rd, r.write_rd), (pc + 4, pc - 8, 1, 1));
    let r = decode_word(4, asm::jal(0, -8)).unwrap();
    assert_eq!((r.target, r.write_rd), (1 << 30, 0)); // wraps to 0xffff_fffc
    let r = decode_word(0x3fff_fff0, asm::jal(0, 0x10)).unwrap();
    assert_eq!(r.target, 1 << 30); // exactly 2^30
    let r = decode_word(0x3fff_fff0, asm::jal(0, 0xc)).unwrap();
    assert_eq!(r.target, 0x3fff_fffc);
    let r = decode_word(pc, asm::jalr(0, reg::RA, 0)).unwrap();
    assert_eq!(
        (r.op, r.rs1, r.rd, r.write_rd, r.k, r.target),
        (OP_JALR, 1, 0, 0, pc + 4, 0)
    );
    // Branch and store immediates.
    let r = decode_word(pc, asm::bgeu(3, 4, -4096)).unwrap();
    assert_eq!(
        (r.op, r.rs1, r.rs2, r.imm, r.target),
        (OP_BGEU, 3, 4, (-4096i32) as u32, pc - 4096)
    );
    let r = decode_word(pc, asm::sw(9, 2, -2048)).unwrap();
    assert_eq!(
        row_fields(&r),
        [pc, OP_SW, 0, 2, 9, 0, 0, (-2048i32) as u32, 0, 0]
    );
    let r = decode_word(pc, asm::lhu(9, 2, 2047)).unwrap();
    assert_eq!(row_fields(&r), [pc, OP_LHU, 0, 2, 0, 9, 1, 2047, 0, 0]);
    let r = decode_word(pc, asm::remu(1, 2, 3)).unwrap();
    assert_eq!(row_fields(&r), [pc, OP_REMU, 0, 2, 3, 1, 1, 0, 0, 0]);
}

// ---------------------------------------------------------------------------
// (3) Malformed and unusual ELF files
// ---------------------------------------------------------------------------

/// The `VerifyError` documented for each executor `ElfError`.
fn expected_error(e: &ElfError) -> VerifyError {
    match e {
        ElfError::Truncated { .. } | ElfError::FileSizeExceedsMemSize { .. } => {
            VerifyError::ElfMalformed
        }
        ElfError::BadMagic
        | ElfError::NotElf32 { .. }
        | ElfError::NotLittleEndian { .. }
        | ElfError::NotRiscV { .. }
        | ElfError::NotExecutable { .. }
        | ElfError::DynamicallyLinked
        | ElfError::CompressedInstructions
        | ElfError::BadProgramHeaderSize { .. } => VerifyError::ElfUnsupported,
        ElfError::SegmentOutOfRange { .. }
        | ElfError::Overlap { .. }
        | ElfError::NoLoadableSegments
        | ElfError::BadEntry { .. } => VerifyError::ElfBadLayout,
    }
}

#[derive(Default, Debug)]
struct Tally {
    accepted: u32,
    rejected: u32,
    /// Accepted files with a segment whose start or size is not a multiple of 4.
    misaligned: u32,
    /// Files the executor runs whose fixed table would not fit in a proof.
    too_large: u32,
    skipped_huge: u32,
}

/// Executable bytes above which an accepted file is not loaded (the table
/// has one row/word per executable word; keep test memory bounded).
const MAX_EXEC_BYTES: u64 = 16 << 20;

/// `load_program` rejects exactly what the executor rejects, with the
/// documented error; accepted files agree.
fn differential(bytes: &[u8], tally: &mut Tally) {
    match zkvm_executor::Program::from_elf(bytes) {
        Err(e) => {
            let ours = load_program(bytes)
                .err()
                .unwrap_or_else(|| panic!("accepted, executor: {e}"));
            assert_eq!(ours, expected_error(&e), "executor: {e}");
            tally.rejected += 1;
        }
        Ok(exe) => {
            let exec_bytes: u64 = exe
                .segments
                .iter()
                .filter(|s| s.executable)
                .map(|s| u64::from(s.mem_size))
                .sum();
            if exec_bytes > MAX_EXEC_BYTES {
                tally.skipped_huge += 1;
                return;
            }
            let aligned = exe
                .segments
                .iter()
                .all(|s| s.vaddr % 4 == 0 && s.data.len() % 4 == 0 && s.mem_size % 4 == 0);
            match load_program(bytes) {
                Ok(p) => {
                    check_against_executor(&p, &exe, "mutant");
                    // verifying_key refuses more zero intervals than the AIR has
                    // before it checks the shape; the shape check refuses them too.
                    let want = if p.zero_intervals.len() > MAX_ZERO_INTERVALS {
                        Err(VerifyError::InvalidStatement)
                    } else {
                        Ok(())
                    };
                    assert_eq!(check_program_counts(&p), want, "counts of a loaded program");
                    assert_eq!(check_program_shape(&p), Ok(()), "shape of a loaded program");
                    assert_eq!(check_program_image(&p), Ok(()), "image of a loaded program");
                    assert_eq!(check_program_rows(&p), Ok(()), "rows of a loaded program");
                    tally.accepted += 1;
                    if !aligned {
                        tally.misaligned += 1;
                    }
                }
                Err(VerifyError::ProgramTooLarge) => {
                    assert!(fixed_rows(&exe) > MAX_FIXED_TABLE_ROWS, "not too large");
                    tally.too_large += 1;
                }
                Err(e) => panic!("executor accepts, load_program: {e}"),
            }
        }
    }
}

/// An upper bound on the rows of the fixed table of a program the executor
/// loaded, as load_program computes it: every image word, one program row per
/// ROM word, the extra rows.
fn fixed_rows(exe: &zkvm_executor::Program) -> u64 {
    let mut rows = 32 + zkvm_verifier::receipt::program::FIXED_TABLE_EXTRA_ROWS;
    for s in &exe.segments {
        let start = u64::from(s.mapped_start());
        if s.executable {
            rows += 2 * (s.mapped_end() - start) / 4;
        } else {
            rows += (u64::from(s.vaddr) + s.data.len() as u64)
                .next_multiple_of(4)
                .saturating_sub(start)
                / 4;
        }
    }
    rows
}

/// End of the ELF header and program header table of a well-formed file.
fn headers_end(elf: &[u8]) -> usize {
    let phoff = u32::from_le_bytes(elf[28..32].try_into().unwrap()) as usize;
    let phnum = u16::from_le_bytes([elf[44], elf[45]]) as usize;
    (phoff + 32 * phnum).max(52)
}

fn small_elfs() -> Vec<Vec<u8>> {
    let mut text = asm::li(reg::A0, 7).to_vec();
    text.extend(asm::exit_with_a0());
    let mut with_data =
        ElfBuilder::with_text(&text).data(DATA_BASE, vec![1, 2, 3, 4, 5, 6, 7, 8], 64);
    with_data.segments[0].mem_size += 8; // zero tail in the executable segment
    vec![asm_elf_simple(), with_data.build()]
}

fn asm_elf_simple() -> Vec<u8> {
    let mut text = asm::li(reg::A0, 0).to_vec();
    text.push(asm::ebreak());
    text.extend(asm::exit_with_a0());
    zkvm_executor::testing::elf_writer::text_elf(&text)
}

#[test]
fn truncated_elfs() {
    let mut tally = Tally::default();
    let mut files: Vec<Vec<u8>> = examples().into_iter().map(|(_, elf, _)| elf).collect();
    files.extend(small_elfs());
    for elf in &files {
        for len in 0..=elf.len() {
            differential(&elf[..len], &mut tally);
        }
    }
    println!("truncations: {tally:?}");
    assert!(tally.accepted > 0 && tally.rejected > 0);
}

#[test]
fn header_byte_mutations() {
    let mut tally = Tally::default();
    let mut files: Vec<Vec<u8>> = examples().into_iter().map(|(_, elf, _)| elf).collect();
    files.extend(small_elfs());
    let masks = [0x01u8, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xff];
    for elf in &files {
        let end = headers_end(elf);
        for pos in 0..end {
            for &mask in &masks {
                let mut m = elf.clone();
                m[pos] ^= mask;
                differential(&m, &mut tally);
            }
            for value in [0x00u8, 0x01, 0x03, 0x7f, 0xfe] {
                let mut m = elf.clone();
                m[pos] = value;
                differential(&m, &mut tally);
            }
        }
    }
    println!("header mutations: {tally:?}");
    assert!(tally.accepted > 0 && tally.rejected > 0 && tally.misaligned > 0);
}

#[test]
fn random_bytes_and_random_headers() {
    let mut rng = Rng(0xdead_beef_cafe_f00d);
    let mut tally = Tally::default();
    // Pure noise, and noise behind a valid magic / ident.
    for i in 0..20_000u32 {
        let len = rng.below(200) as usize;
        let mut b: Vec<u8> = (0..len).map(|_| rng.next_u32() as u8).collect();
        if i % 2 == 1 && len >= 6 {
            b[..6].copy_from_slice(b"\x7fELF\x01\x01");
        }
        differential(&b, &mut tally);
    }
    // Structured random files: plausible headers, random segment tables.
    let vaddrs = [
        0u32,
        4,
        0x1_0000,
        0x1_0002,
        0x1_1000,
        0x2_0000,
        0x3fef_fff0,
        0x3ff0_0000,
        0xffff_fff0,
    ];
    for _ in 0..30_000u32 {
        let nseg = rng.below(4) as usize;
        let mut segments = Vec::new();
        for _ in 0..nseg {
            let vaddr = if rng.below(2) == 0 {
                rng.pick(&vaddrs)
            } else {
                rng.next_u32() & 0x3_fffc | 0x1_0000
            };
            let executable = rng.below(2) == 0;
            let file_words = rng.below(16) as usize;
            let mut data: Vec<u8> = words_to_bytes(
                &(0..file_words)
                    .map(|_| {
                        if rng.below(2) == 0 {
                            asm::addi(rng.below(32), rng.below(32), 5)
                        } else {
                            rng.next_u32()
                        }
                    })
                    .collect::<Vec<u32>>(),
            );
            if rng.below(8) == 0 {
                data.truncate(data.len().saturating_sub(rng.below(4) as usize));
            }
            let mut mem_size = data.len() as u32 + rng.pick(&[0u32, 0, 4, 8, 1, 2, 0x1000]);
            if rng.below(16) == 0 {
                mem_size = rng.pick(&[0u32, 1, 0x3ff0_0000u32.wrapping_sub(vaddr), 0xffff_ffff]);
                if executable && mem_size > 0x10_0000 {
                    mem_size = 0xffff_fff0;
                }
            }
            let flags = if executable { PF_R | PF_X } else { PF_R | PF_W };
            segments.push(ElfSegment {
                vaddr,
                data,
                mem_size,
                flags,
            });
        }
        let entry = match segments.get(rng.below(4) as usize) {
            Some(s) if rng.below(4) != 0 => {
                s.vaddr
                    .wrapping_add(rng.pick(&[0u32, 4, 2, 0x40, s.mem_size.wrapping_sub(4)]))
            }
            _ => rng.pick(&[TEXT_BASE, 0, 3]),
        };
        let builder = ElfBuilder {
            entry,
            segments,
            machine: if rng.below(32) == 0 { 62 } else { 243 },
            elf_type: if rng.below(32) == 0 { 3 } else { 2 },
            e_flags: if rng.below(32) == 0 {
                1
            } else {
                rng.pick(&[0u32, 4, 0x10])
            },
        };
        let mut bytes = builder.build();
        // Occasionally turn a program header into another type.
        if nseg > 0 && rng.below(8) == 0 {
            let i = rng.below(nseg as u32) as usize;
            let t = rng.pick(&[0u32, 2, 3, 4, 6, 7, 0x6474_e551]);
            bytes[52 + 32 * i..56 + 32 * i].copy_from_slice(&t.to_le_bytes());
        }
        differential(&bytes, &mut tally);
    }
    println!("random files: {tally:?}");
    assert!(tally.accepted > 100 && tally.rejected > 100 && tally.misaligned > 10);
}

#[test]
fn word_alignment_rule_and_unusual_layouts() {
    let mut text = asm::li(reg::A0, 3).to_vec();
    text.extend(asm::exit_with_a0());
    let base = ElfBuilder::with_text(&text);

    // Accepted by both: bss tail in a data segment; zero tail in code; two
    // code segments (rows from both, sorted); empty PT_LOAD ignored.
    let mut b = base.clone().data(DATA_BASE, vec![9; 12], 0x100);
    b.segments[0].mem_size += 16;
    b.segments.push(ElfSegment {
        vaddr: 0x8000,
        data: words_to_bytes(&[asm::add(1, 2, 3), asm::ebreak(), 0xffff_ffff, asm::ecall()]),
        mem_size: 16,
        flags: PF_R | PF_X,
    });
    b.segments.push(ElfSegment {
        vaddr: 0x3,
        data: vec![],
        mem_size: 0,
        flags: PF_R,
    });
    let elf = b.build();
    let exe = zkvm_executor::Program::from_elf(&elf).unwrap();
    let p = load_program(&elf).unwrap();
    check_against_executor(&p, &exe, "layout");
    assert_eq!(p.rows[0].pc, 0x8000);
    assert_eq!(p.rows[1].pc, 0x800c); // ebreak and the illegal word have no row
    assert_eq!(p.rows.len(), 2 + text.len());
    let zeros = zero_tuples(&p);
    assert_eq!(
        zeros,
        vec![
            [(DATA_BASE + 12) / 4, (DATA_BASE + 0x100) / 4],
            [(DATA_BASE + 0x100) / 4, STACK_TOP / 4]
        ]
    );

    // Misaligned vaddr / file size / memory size, in data and in code: both
    // loaders map the whole first and last word (zeros outside the segment).
    let mut odd_code = base.clone();
    odd_code.segments[0].data.push(0x13);
    odd_code.segments[0].mem_size += 1;
    let mut odd_code_tail = base.clone();
    odd_code_tail.segments[0].mem_size += 3;
    let cases: Vec<(&str, ElfBuilder)> = vec![
        ("vaddr", base.clone().data(DATA_BASE + 2, vec![1; 8], 8)),
        ("file size", base.clone().data(DATA_BASE, vec![1; 6], 8)),
        ("mem size", base.clone().data(DATA_BASE, vec![1; 8], 10)),
        ("bss only", base.clone().data(DATA_BASE, vec![], 5)),
        ("odd bss", base.clone().data(DATA_BASE + 1, vec![7; 3], 9)),
        ("odd code end", odd_code),
        ("odd code tail", odd_code_tail),
    ];
    for (what, builder) in cases {
        let elf = builder.build();
        let exe = zkvm_executor::Program::from_elf(&elf).unwrap();
        let p = load_program(&elf).unwrap_or_else(|e| panic!("{what}: {e}"));
        check_against_executor(&p, &exe, what);
    }
    // Two segments sharing a word (one ends and the next starts inside it)
    // are refused by both loaders, whatever their permissions.
    for flags in [PF_R | PF_W, PF_R | PF_X] {
        let mut shared = base.clone().data(DATA_BASE, vec![1; 6], 6);
        shared.segments.push(ElfSegment {
            vaddr: DATA_BASE + 7,
            data: vec![2; 5],
            mem_size: 5,
            flags,
        });
        let elf = shared.build();
        assert!(zkvm_executor::Program::from_elf(&elf).is_err());
        assert_eq!(load_program(&elf).err(), Some(VerifyError::ElfBadLayout));
    }
    // Executor rejections with their documented errors.
    let mut overlap = base.clone().data(TEXT_BASE + 4, vec![0; 4], 4);
    overlap.segments[1].flags = PF_R | PF_W;
    let mut no_exec = base.clone();
    no_exec.segments[0].flags = PF_R | PF_W;
    let mut high = base.clone().data(SEGMENT_LIMIT - 4, vec![], 8);
    high.segments[1].flags = PF_R;
    let mut entry_tail = base.clone();
    entry_tail.entry = TEXT_BASE + 4 * text.len() as u32;
    let mut rvc = base.clone();
    rvc.e_flags = 1;
    let cases = [
        (overlap, VerifyError::ElfBadLayout),
        (no_exec, VerifyError::ElfBadLayout),
        (high, VerifyError::ElfBadLayout),
        (entry_tail, VerifyError::ElfBadLayout),
        (rvc, VerifyError::ElfUnsupported),
    ];
    for (builder, expected) in cases {
        let elf = builder.build();
        assert!(zkvm_executor::Program::from_elf(&elf).is_err());
        assert_eq!(load_program(&elf).err(), Some(expected));
    }
    // A segment ending exactly at SEGMENT_LIMIT is fine.
    let top = base.clone().data(SEGMENT_LIMIT - 8, vec![5; 8], 8).build();
    let p = load_program(&top).unwrap();
    assert_eq!(zero_tuples(&p), vec![[SEGMENT_LIMIT / 4, STACK_TOP / 4]]);
}

#[test]
fn many_segments_in_any_order() {
    // Up to 70 segments (code and data) in shuffled header order; the image
    // and rows come out in address order, and overlaps anywhere are found.
    let mut rng = Rng(7);
    let mut tally = Tally::default();
    for round in 0..200u32 {
        let n = 1 + rng.below(70) as usize;
        let mut slots: Vec<u32> = (0..n as u32).collect();
        for i in (1..n).rev() {
            slots.swap(i, rng.below(i as u32 + 1) as usize);
        }
        let mut segments = Vec::new();
        for (k, &slot) in slots.iter().enumerate() {
            let executable = k == 0 || rng.below(3) == 0;
            let words: Vec<u32> = (0..1 + rng.below(6))
                .map(|_| asm::addi(rng.below(32), rng.below(32), rng.below(100) as i32))
                .collect();
            let data = words_to_bytes(&words);
            let mem_size = data.len() as u32 + 4 * rng.below(3);
            let mut vaddr = TEXT_BASE + 0x100 * slot;
            if round % 4 == 3 && k == n / 2 {
                vaddr += 0x100 - 4; // may run into the next slot
            }
            let flags = if executable { PF_R | PF_X } else { PF_R | PF_W };
            segments.push(ElfSegment {
                vaddr,
                data,
                mem_size,
                flags,
            });
        }
        let entry = segments[0].vaddr;
        let builder = ElfBuilder {
            entry,
            segments,
            machine: 243,
            elf_type: 2,
            e_flags: 0,
        };
        differential(&builder.build(), &mut tally);
    }
    println!("many segments: {tally:?}");
    assert!(tally.accepted > 100 && tally.rejected > 5);
}

// ---------------------------------------------------------------------------
// (4) The digest binds every field
// ---------------------------------------------------------------------------

/// Mutable references to every u32 of a program, in encoding order.
fn field_slots(p: &mut Program) -> Vec<&mut u32> {
    let mut v: Vec<&mut u32> = vec![&mut p.entry];
    for r in p.rows.iter_mut() {
        v.extend([
            &mut r.pc,
            &mut r.op,
            &mut r.use_imm,
            &mut r.rs1,
            &mut r.rs2,
            &mut r.rd,
            &mut r.write_rd,
            &mut r.imm,
            &mut r.k,
            &mut r.target,
        ]);
    }
    for w in p.image.iter_mut() {
        v.extend([&mut w.space, &mut w.wa, &mut w.value]);
    }
    for z in p.zero_intervals.iter_mut() {
        v.extend([&mut z.lo, &mut z.hi]);
    }
    v
}

#[test]
fn digest_changes_with_every_field() {
    let elf = std::fs::read(examples_dir().join("bin/fibonacci.elf")).unwrap();
    let mut p = load_program(&elf).unwrap();
    let d0 = program_digest(&p);
    assert_eq!(
        d0,
        program_digest(&load_program(&elf).unwrap()),
        "deterministic"
    );
    let total = field_slots(&mut p).len();
    assert_eq!(
        total,
        1 + 10 * p.rows.len() + 3 * p.image.len() + 2 * p.zero_intervals.len()
    );
    for idx in 0..total {
        for delta in [1u32, 0x8000_0000, 0xffff_ffff] {
            *field_slots(&mut p)[idx] ^= delta;
            assert_ne!(program_digest(&p), d0, "field {idx} ^ {delta:#x}");
            *field_slots(&mut p)[idx] ^= delta;
        }
    }
    assert_eq!(program_digest(&p), d0);
    // Lengths: dropping or adding an element changes the digest.
    let last_row = p.rows.pop().unwrap();
    assert_ne!(program_digest(&p), d0);
    p.rows.push(last_row);
    let last_word = p.image.pop().unwrap();
    assert_ne!(program_digest(&p), d0);
    p.image.push(last_word);
    p.zero_intervals.push(ZeroInterval { lo: 0, hi: 0 });
    assert_ne!(program_digest(&p), d0);
    p.zero_intervals.pop();
    assert_eq!(program_digest(&p), d0);
    // Moving bytes between vectors (same payload overall) changes it too.
    let moved = p.zero_intervals.remove(0);
    p.image.push(ImageWord {
        space: moved.lo,
        wa: moved.hi,
        value: 0,
    });
    assert_ne!(program_digest(&p), d0);
    println!("{total} fields checked");
}

/// The program `load_program` builds from `elf`, then edited by `f`.
fn edited_program(elf: &[u8], f: &dyn Fn(&mut Program)) -> Program {
    let mut p = load_program(elf).unwrap();
    f(&mut p);
    p
}

/// `check_program_counts` and `check_program_shape` refuse each bound broken on
/// its own, one field at a time, and accept the bounds themselves.
#[test]
fn program_shape_bounds() {
    let elf = std::fs::read(examples_dir().join("bin/fibonacci.elf")).unwrap();
    let p0 = load_program(&elf).unwrap();
    assert_eq!(check_program_shape(&p0), Ok(()));
    let check = |f: &dyn Fn(&mut Program), want: Result<(), VerifyError>| {
        let p = edited_program(&elf, f);
        // In verifying_key's order: the counts, then the shape.
        assert_eq!(
            check_program_counts(&p).and_then(|()| check_program_shape(&p)),
            want
        );
    };
    check(&|p| p.entry = STACK_TOP - 4, Ok(()));
    check(&|p| p.entry = STACK_TOP, Err(VerifyError::ElfBadLayout));
    check(&|p| p.rows[0].op = NUM_OPS - 1, Ok(()));
    check(
        &|p| p.rows[0].op = NUM_OPS,
        Err(VerifyError::ElfUnsupported),
    );
    let last = p0.rows.len() - 1;
    check(
        &move |p| p.rows[last].op = u32::MAX,
        Err(VerifyError::ElfUnsupported),
    );
    check(&|p| p.image[0].space = SPACE_ROM, Ok(()));
    check(
        &|p| p.image[0].space = SPACE_ROM + 1,
        Err(VerifyError::ElfBadLayout),
    );
    let last = p0.image.len() - 1;
    check(&move |p| p.image[last].wa = STACK_TOP / 4 - 1, Ok(()));
    check(
        &move |p| p.image[last].wa = STACK_TOP / 4,
        Err(VerifyError::ElfBadLayout),
    );
    // A register's word address is its index: below NUM_REGISTERS.
    check(&|p| p.image[3].wa = NUM_REGISTERS - 1, Ok(()));
    check(
        &|p| p.image[3].wa = NUM_REGISTERS,
        Err(VerifyError::ElfBadLayout),
    );
    let z = p0.zero_intervals.len() - 1;
    check(
        &move |p| p.zero_intervals[z].hi = STACK_TOP / 4 + 1,
        Err(VerifyError::ElfBadLayout),
    );
    check(
        &move |p| p.zero_intervals[z].lo = p.zero_intervals[z].hi,
        Ok(()),
    );
    check(
        &move |p| p.zero_intervals[z].lo = p.zero_intervals[z].hi + 1,
        Err(VerifyError::ElfBadLayout),
    );
    check(
        &|p| {
            while p.zero_intervals.len() < MAX_ZERO_INTERVALS {
                p.zero_intervals.push(ZeroInterval { lo: 0, hi: 0 });
            }
        },
        Ok(()),
    );
    check(
        &|p| {
            while p.zero_intervals.len() <= MAX_ZERO_INTERVALS {
                p.zero_intervals.push(ZeroInterval { lo: 0, hi: 0 });
            }
        },
        Err(VerifyError::InvalidStatement),
    );
    let max = MAX_FIXED_TABLE_ROWS as usize;
    check(
        &move |p| {
            while p.image.len() < max {
                p.image.push(ImageWord {
                    space: SPACE_RAM,
                    wa: 0,
                    value: 0,
                });
            }
        },
        Ok(()),
    );
    check(
        &move |p| {
            while p.image.len() <= max {
                p.image.push(ImageWord {
                    space: SPACE_RAM,
                    wa: 0,
                    value: 0,
                });
            }
        },
        Err(VerifyError::ProgramTooLarge),
    );
    check(
        &move |p| {
            while p.rows.len() <= max {
                let r = ProgramRow {
                    pc: 0,
                    op: 0,
                    use_imm: 0,
                    rs1: 0,
                    rs2: 0,
                    rd: 0,
                    write_rd: 0,
                    imm: 0,
                    k: 0,
                    target: 0,
                };
                p.rows.push(r);
            }
        },
        Err(VerifyError::ProgramTooLarge),
    );
}

/// `check_program_rows` accepts every loaded program and refuses a program
/// table that is not its ROM words decoded in order: a row's field changed, a
/// row dropped, added or moved, a ROM word changed under its row.
#[test]
fn program_rows_are_the_decoded_rom() {
    let elf = std::fs::read(examples_dir().join("bin/fibonacci.elf")).unwrap();
    let p0 = load_program(&elf).unwrap();
    assert_eq!(check_program_rows(&p0), Ok(()));
    assert!(p0.rows.len() > 2);
    let check = |f: &dyn Fn(&mut Program)| {
        assert_eq!(
            check_program_rows(&edited_program(&elf, f)),
            Err(VerifyError::ElfBadLayout)
        );
    };
    check(&|p| p.rows[1].imm ^= 1);
    check(&|p| p.rows[0].pc += 4);
    check(&|p| p.rows[2].target ^= 4);
    check(&|p| p.rows[1].write_rd ^= 1);
    check(&|p| {
        p.rows.remove(1);
    });
    check(&|p| {
        p.rows.pop();
    });
    check(&|p| p.rows.swap(0, 1));
    check(&|p| {
        let r = ProgramRow { ..p.rows[0] };
        p.rows.push(r);
    });
    // The ROM word under the first row becomes another instruction
    // (ADDI x1, x0, 1), which decodes to a different row.
    let pc0 = p0.rows[0].pc;
    check(&move |p| {
        let w = p
            .image
            .iter_mut()
            .find(|w| w.space == SPACE_ROM && w.wa * 4 == pc0)
            .unwrap();
        w.value = if w.value == 0x0010_0093 {
            0x0020_0093
        } else {
            0x0010_0093
        };
    });
}

/// `check_program_image` refuses each fact broken on its own and accepts
/// every example's program.
#[test]
fn program_image_facts() {
    let elf = std::fs::read(examples_dir().join("bin/fibonacci.elf")).unwrap();
    let p0 = load_program(&elf).unwrap();
    assert_eq!(check_program_image(&p0), Ok(()));
    let check = |f: &dyn Fn(&mut Program), want: Result<(), VerifyError>| {
        assert_eq!(check_program_image(&edited_program(&elf, f)), want);
    };
    let bad = || Err(VerifyError::ElfBadLayout);
    // Registers.
    check(&|p| p.image[2].value = 0, bad());
    check(&|p| p.image[0].value = 1, bad());
    check(&|p| p.image[5].wa = 6, bad());
    check(&|p| p.image[31].space = SPACE_RAM, bad());
    check(&|p| p.image.truncate(31), bad());
    // Order: a repeated or swapped word.
    let n = p0.image.len();
    let first_rom = p0.image.iter().position(|w| w.space == SPACE_ROM).unwrap();
    check(
        &move |p| {
            let w = ImageWord {
                space: p.image[n - 1].space,
                wa: p.image[n - 1].wa,
                value: 0,
            };
            p.image.push(w);
        },
        bad(),
    );
    check(&move |p| p.image.swap(first_rom, first_rom + 1), bad());
    // A ROM word inside a zero interval.
    check(
        &move |p| {
            let wa = p.image[first_rom].wa;
            p.zero_intervals.push(ZeroInterval { lo: wa, hi: wa + 1 });
        },
        bad(),
    );
    check(
        &move |p| {
            let wa = p.image[first_rom].wa;
            p.zero_intervals.push(ZeroInterval {
                lo: wa + 1,
                hi: wa + 1,
            });
        },
        Ok(()),
    );
    // The RAM run replaced by one word: at a ROM word's address, or at 0
    // (below every segment, in no zero interval).
    let rom_wa = p0.image[first_rom + 1].wa;
    for (wa, want) in [(rom_wa, bad()), (0, Ok(()))] {
        check(
            &move |p| {
                let rom: Vec<ImageWord> = p.image.split_off(first_rom);
                p.image.truncate(32);
                p.image.push(ImageWord {
                    space: SPACE_RAM,
                    wa,
                    value: 0,
                });
                p.image.extend(rom);
            },
            want,
        );
    }
}
