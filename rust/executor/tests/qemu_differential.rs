//! Differential tests against qemu-riscv32 (Debian's qemu-user): seeded
//! random programs and the example guest ELFs must produce the same output
//! and exit code under both.
//!
//! `ZKVM_QEMU_PROGRAMS=N` changes the number of random programs (default 2000).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use zkvm_executor::testing::asm::{self, reg::*};
use zkvm_executor::testing::elf_writer::{ElfBuilder, DATA_BASE};
use zkvm_executor::{decode, run, Limits, Machine, Op, Program, StepRecord};

const QEMU: &str = "qemu-riscv32";
const DEFAULT_PROGRAMS: usize = 2000;
const WORKERS: usize = 2;

// ---------------------------------------------------------------- PRNG

/// SplitMix64: tiny, deterministic, good enough for test generation.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u32) -> u32 {
        (self.next() % u64::from(n)) as u32
    }
    fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u32) as usize]
    }
}

// ---------------------------------------------------------- generator

/// Data buffer layout: `BASE` (x8) points at the middle of a 1 KiB buffer
/// that random loads/stores use; register dump follows the buffer.
const BASE_REG: u32 = S0;
const BUFFER_SIZE: i32 = 1024;
const BASE_OFFSET: u32 = 512;
const DUMP_SIZE: u32 = 31 * 4;
const FILE_DATA: usize = 512; // initialised bytes; the rest is .bss

fn interesting_value(rng: &mut Rng) -> u32 {
    match rng.below(12) {
        0 => 0,
        1 => 1,
        2 => u32::MAX,
        3 => 0x8000_0000,
        4 => 0x7fff_ffff,
        5 => rng.pick(&[2, 31, 32, 33, 0x80, 0xff, 0x8000, 0xffff, 0x7ff, 0x800]),
        6 => (rng.below(64) as i32 - 32) as u32,
        7 => 1 << rng.below(32),
        _ => rng.next() as u32,
    }
}

fn interesting_imm(rng: &mut Rng) -> i32 {
    match rng.below(8) {
        0 => 0,
        1 => 1,
        2 => -1,
        3 => 2047,
        4 => -2048,
        _ => rng.below(4096) as i32 - 2048,
    }
}

/// Any register except the buffer base.
fn dest(rng: &mut Rng) -> u32 {
    loop {
        let r = rng.below(32);
        if r != BASE_REG {
            return r;
        }
    }
}

fn src(rng: &mut Rng) -> u32 {
    rng.below(32)
}

/// A piece of the program body. Control transfers skip whole pieces, so
/// they never land inside a multi-instruction piece.
enum Piece {
    Plain(Vec<u32>),
    Branch {
        encode: fn(u32, u32, i32) -> u32,
        rs1: u32,
        rs2: u32,
        skip: usize,
    },
    Jal {
        rd: u32,
        skip: usize,
    },
    /// `auipc tmp, 0; jalr rd, tmp, off` (possibly with bit 0 set in `off`).
    Jalr {
        tmp: u32,
        rd: u32,
        skip: usize,
        odd: bool,
    },
}

impl Piece {
    fn len(&self) -> usize {
        match self {
            Piece::Plain(words) => words.len(),
            Piece::Branch { .. } | Piece::Jal { .. } => 1,
            Piece::Jalr { .. } => 2,
        }
    }
}

type RType = fn(u32, u32, u32) -> u32;
type IType = fn(u32, u32, i32) -> u32;
type Shift = fn(u32, u32, u32) -> u32;

const R_OPS: [RType; 18] = [
    asm::add,
    asm::sub,
    asm::sll,
    asm::slt,
    asm::sltu,
    asm::xor,
    asm::srl,
    asm::sra,
    asm::or,
    asm::and,
    asm::mul,
    asm::mulh,
    asm::mulhsu,
    asm::mulhu,
    asm::div,
    asm::divu,
    asm::rem,
    asm::remu,
];
const I_OPS: [IType; 6] = [
    asm::addi,
    asm::slti,
    asm::sltiu,
    asm::xori,
    asm::ori,
    asm::andi,
];
const SHIFT_OPS: [Shift; 3] = [asm::slli, asm::srli, asm::srai];
const BRANCHES: [IType; 6] = [asm::beq, asm::bne, asm::blt, asm::bge, asm::bltu, asm::bgeu];
/// (encoder, width) for loads and stores.
const LOADS: [(IType, i32); 5] = [
    (asm::lb, 1),
    (asm::lbu, 1),
    (asm::lh, 2),
    (asm::lhu, 2),
    (asm::lw, 4),
];
const STORES: [(IType, i32); 3] = [(asm::sb, 1), (asm::sh, 2), (asm::sw, 4)];

fn buffer_offset(rng: &mut Rng, width: i32) -> i32 {
    let slots = BUFFER_SIZE / width;
    rng.below(slots as u32) as i32 * width - BASE_OFFSET as i32
}

fn random_piece(rng: &mut Rng) -> Piece {
    let skip = 1 + rng.below(4) as usize;
    match rng.below(100) {
        0..=29 => Piece::Plain(vec![rng.pick(&R_OPS)(dest(rng), src(rng), src(rng))]),
        30..=41 => Piece::Plain(vec![rng.pick(&I_OPS)(
            dest(rng),
            src(rng),
            interesting_imm(rng),
        )]),
        42..=49 => {
            let any = rng.below(32);
            let shamt = rng.pick(&[0, 1, 31, any]);
            Piece::Plain(vec![rng.pick(&SHIFT_OPS)(dest(rng), src(rng), shamt)])
        }
        50..=53 => {
            let upper = interesting_value(rng) >> 12;
            let encode = if rng.chance(50) { asm::lui } else { asm::auipc };
            Piece::Plain(vec![encode(dest(rng), upper)])
        }
        54..=59 => Piece::Plain(asm::li(dest(rng), interesting_value(rng)).to_vec()),
        60..=69 => {
            let (encode, width) = rng.pick(&LOADS);
            Piece::Plain(vec![encode(dest(rng), BASE_REG, buffer_offset(rng, width))])
        }
        70..=79 => {
            let (encode, width) = rng.pick(&STORES);
            Piece::Plain(vec![encode(src(rng), BASE_REG, buffer_offset(rng, width))])
        }
        80..=91 => {
            // Comparing a register with itself or x0 makes taken/not-taken both common.
            let rs1 = src(rng);
            let rs2 = match rng.below(4) {
                0 => rs1,
                1 => ZERO,
                _ => src(rng),
            };
            Piece::Branch {
                encode: rng.pick(&BRANCHES),
                rs1,
                rs2,
                skip,
            }
        }
        92..=94 => Piece::Jal {
            rd: dest(rng),
            skip,
        },
        95..=97 => {
            let tmp = loop {
                let r = dest(rng);
                if r != ZERO {
                    break r;
                }
            };
            Piece::Jalr {
                tmp,
                rd: dest(rng),
                skip,
                odd: rng.chance(50),
            }
        }
        _ => Piece::Plain(vec![asm::fence()]),
    }
}

/// Byte offset from piece `index`'s start to the start of piece `index + 1 + skip`
/// (or to the end of the body).
fn skip_offset(pieces: &[Piece], index: usize, skip: usize) -> i32 {
    let end = (index + 1 + skip).min(pieces.len());
    4 * pieces[index..end].iter().map(Piece::len).sum::<usize>() as i32
}

struct Generated {
    elf: Vec<u8>,
    words: Vec<u32>,
}

fn generate(seed: u64) -> Generated {
    let mut rng = Rng(seed);
    let mut words = Vec::new();
    // Every register gets a value: qemu's initial registers (e.g. sp) differ from ours.
    for r in 1..32 {
        let value = if r == BASE_REG {
            DATA_BASE + BASE_OFFSET
        } else {
            interesting_value(&mut rng)
        };
        words.extend(asm::li(r, value));
    }
    let count = 20 + rng.below(60) as usize;
    let pieces: Vec<Piece> = (0..count).map(|_| random_piece(&mut rng)).collect();
    for (i, piece) in pieces.iter().enumerate() {
        match *piece {
            Piece::Plain(ref w) => words.extend(w),
            Piece::Branch {
                encode,
                rs1,
                rs2,
                skip,
            } => words.push(encode(rs1, rs2, skip_offset(&pieces, i, skip))),
            Piece::Jal { rd, skip } => words.push(asm::jal(rd, skip_offset(&pieces, i, skip))),
            Piece::Jalr { tmp, rd, skip, odd } => {
                words.push(asm::auipc(tmp, 0));
                words.push(asm::jalr(
                    rd,
                    tmp,
                    skip_offset(&pieces, i, skip) + i32::from(odd),
                ));
            }
        }
    }
    // Dump x1..x31 after the buffer, write buffer + dump, exit with a register.
    for r in 1..32 {
        words.push(asm::sw(r, BASE_REG, (BASE_OFFSET + 4 * (r - 1)) as i32));
    }
    words.extend(asm::li(A0, 1));
    words.extend(asm::li(A1, DATA_BASE));
    words.extend(asm::li(A2, BUFFER_SIZE as u32 + DUMP_SIZE));
    words.extend(asm::li(A7, 64));
    words.push(asm::ecall());
    let exit_reg = 1 + rng.below(31);
    words.push(asm::lw(
        A0,
        BASE_REG,
        (BASE_OFFSET + 4 * (exit_reg - 1)) as i32,
    ));
    words.extend(asm::exit_with_a0());

    let data: Vec<u8> = (0..FILE_DATA).map(|_| rng.next() as u8).collect();
    let elf = ElfBuilder::with_text(&words)
        .data(DATA_BASE, data, 2048)
        .build();
    Generated { elf, words }
}

fn disassemble(words: &[u32]) -> String {
    words
        .iter()
        .enumerate()
        .map(|(i, &w)| format!("  {:#07x}: {w:08x}  {:?}\n", 0x10000 + 4 * i, decode(w)))
        .collect()
}

// ------------------------------------------------------------- running

struct Observed {
    output: Vec<u8>,
    exit_code: u8,
    /// qemu's own diagnostics (e.g. "Invalid ELF image"), for failure reports.
    stderr: String,
}

fn require_qemu() {
    let found = Command::new(QEMU)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !matches!(found, Ok(s) if s.success()) {
        panic!(
            "`{QEMU}` is required for the differential tests but could not be run; \
             install it (Debian: `apt-get install qemu-user`) — `make test` does this"
        );
    }
}

fn run_qemu(elf_path: &Path, input_path: Option<&Path>) -> Result<Observed, String> {
    let stdin = match input_path {
        // A regular file (not a pipe) so short reads cannot happen.
        Some(path) => Stdio::from(
            std::fs::File::open(path).map_err(|e| format!("open {}: {e}", path.display()))?,
        ),
        None => Stdio::null(),
    };
    let out = Command::new(QEMU)
        .arg(elf_path)
        .stdin(stdin)
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("spawning {QEMU}: {e}"))?;
    match out.status.code() {
        Some(code) => Ok(Observed {
            output: out.stdout,
            exit_code: code as u8,
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }),
        None => Err(format!(
            "{QEMU} was killed: {} {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )),
    }
}

fn run_executor(elf: &[u8], input: &[u8]) -> Result<Observed, String> {
    let program = Program::from_elf(elf).map_err(|e| format!("executor rejected ELF: {e}"))?;
    let result =
        run(&program, input, &Limits::default()).map_err(|e| format!("executor error: {e}"))?;
    Ok(Observed {
        output: result.output,
        exit_code: result.exit_code as u8,
        stderr: String::new(),
    })
}

/// Describes how two runs differ, or `None` if they agree.
fn difference(qemu: &Observed, ours: &Observed) -> Option<String> {
    if qemu.exit_code != ours.exit_code {
        return Some(format!(
            "exit code: qemu {} vs executor {} (qemu stderr: {:?})",
            qemu.exit_code, ours.exit_code, qemu.stderr
        ));
    }
    if qemu.output != ours.output {
        let at = qemu
            .output
            .iter()
            .zip(&ours.output)
            .position(|(a, b)| a != b);
        let at = at.unwrap_or(qemu.output.len().min(ours.output.len()));
        // For random programs, bytes past the buffer are the register dump.
        let register = at
            .checked_sub(BUFFER_SIZE as usize)
            .map(|o| format!(" = x{}", o / 4 + 1))
            .unwrap_or_default();
        return Some(format!(
            "output differs at byte {at}{register} (lengths qemu {} vs executor {})",
            qemu.output.len(),
            ours.output.len()
        ));
    }
    None
}

/// Prints a summary line even though libtest captures `println!` output.
fn report(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zkvm-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// qemu-user refuses (silently, exit status 1) files without an execute bit.
fn write_executable(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, bytes)
        .and_then(|()| std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)))
        .map_err(|e| format!("write {}: {e}", path.display()))
}

/// Runs one random program both ways; Err describes a divergence.
fn compare_seed(seed: u64, dir: &Path) -> Result<(), String> {
    let generated = generate(seed);
    let path = dir.join(format!("prog-{seed}.elf"));
    write_executable(&path, &generated.elf)?;
    let qemu = run_qemu(&path, None);
    let _ = std::fs::remove_file(&path);
    let ours = run_executor(&generated.elf, &[]);
    let problem = match (qemu, ours) {
        (Ok(q), Ok(o)) => difference(&q, &o),
        (Err(e), _) | (_, Err(e)) => Some(e),
    };
    match problem {
        None => Ok(()),
        Some(p) => Err(format!(
            "seed {seed}: {p}\n{}",
            disassemble(&generated.words)
        )),
    }
}

/// Which instructions the generated programs actually execute, and how
/// often branches go each way — guards against a generator that silently
/// stops covering something.
fn coverage(seeds: impl Iterator<Item = u64>) -> (BTreeMap<String, usize>, usize, usize) {
    let mut ops = BTreeMap::new();
    let (mut taken, mut not_taken) = (0, 0);
    for seed in seeds {
        let program = Program::from_elf(&generate(seed).elf).unwrap();
        let mut machine = Machine::new(&program, &[]).unwrap();
        let mut trace: Vec<StepRecord> = Vec::new();
        machine.run_with(1 << 20, &mut trace).unwrap();
        for step in &trace {
            let instruction = decode(step.word).unwrap();
            *ops.entry(format!("{:?}", instruction.op)).or_insert(0) += 1;
            if matches!(
                instruction.op,
                Op::Beq | Op::Bne | Op::Blt | Op::Bge | Op::Bltu | Op::Bgeu
            ) {
                if step.next_pc == step.pc.wrapping_add(4) {
                    not_taken += 1;
                } else {
                    taken += 1;
                }
            }
        }
    }
    (ops, taken, not_taken)
}

#[test]
fn random_programs_match_qemu() {
    require_qemu();
    let count: usize = std::env::var("ZKVM_QEMU_PROGRAMS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_PROGRAMS);
    let dir = temp_dir("qemu-diff");
    let next = AtomicUsize::new(0);
    let failures: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..WORKERS)
            .map(|_| {
                scope.spawn(|| {
                    let mut failures = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= count {
                            break failures;
                        }
                        if let Err(f) = compare_seed(0x5eed_0000 + i as u64, &dir) {
                            failures.push(f);
                        }
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    let _ = std::fs::remove_dir_all(&dir);
    for f in failures.iter().take(3) {
        eprintln!("DIVERGENCE {f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {count} programs diverged from qemu-riscv32",
        failures.len()
    );
    report(&format!("compared {count} programs against qemu-riscv32"));
}

#[test]
fn random_programs_cover_the_instruction_set() {
    let (ops, taken, not_taken) = coverage((0..300).map(|i| 0x5eed_0000 + i));
    let all = [
        "Lui", "Auipc", "Jal", "Jalr", "Beq", "Bne", "Blt", "Bge", "Bltu", "Bgeu", "Lb", "Lh",
        "Lw", "Lbu", "Lhu", "Sb", "Sh", "Sw", "Addi", "Slti", "Sltiu", "Xori", "Ori", "Andi",
        "Slli", "Srli", "Srai", "Add", "Sub", "Sll", "Slt", "Sltu", "Xor", "Srl", "Sra", "Or",
        "And", "Mul", "Mulh", "Mulhsu", "Mulhu", "Div", "Divu", "Rem", "Remu", "Fence", "Ecall",
    ];
    for op in all {
        assert!(
            ops.get(op).copied().unwrap_or(0) >= 10,
            "{op} executed only {:?} times",
            ops.get(op)
        );
    }
    assert!(
        taken > 500 && not_taken > 500,
        "branches taken {taken}, not taken {not_taken}"
    );
}

// ------------------------------------------------------ example guests

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

#[test]
fn example_guests_match_qemu() {
    require_qemu();
    let examples = examples_dir();
    let bin = examples.join("bin");
    let entries = std::fs::read_dir(&bin).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}): run `make examples` first",
            bin.display()
        );
    });
    let mut elfs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "elf"))
        .collect();
    elfs.sort();
    assert!(
        !elfs.is_empty(),
        "no ELF files in {}: run `make examples` first",
        bin.display()
    );
    let scratch = temp_dir("examples");
    let mut failures = Vec::new();
    for elf_path in &elfs {
        let name = elf_path.file_stem().unwrap().to_string_lossy().into_owned();
        let input_path = examples.join("inputs").join(format!("{name}.bin"));
        let input_path = input_path.exists().then_some(input_path);
        let input = input_path
            .as_ref()
            .map(|p| std::fs::read(p).unwrap())
            .unwrap_or_default();
        let elf = std::fs::read(elf_path).unwrap();
        // Run a copy: the build output may lack the execute bit qemu requires.
        let copy = scratch.join(format!("{name}.elf"));
        let qemu =
            write_executable(&copy, &elf).and_then(|()| run_qemu(&copy, input_path.as_deref()));
        let ours = run_executor(&elf, &input);
        let problem = match (&qemu, &ours) {
            (Ok(q), Ok(o)) => difference(q, o),
            (Err(e), _) | (_, Err(e)) => Some(e.clone()),
        };
        match problem {
            Some(p) => failures.push(format!("{name}: {p}")),
            None => println!(
                "{name}: output ({} bytes) and exit code {} match",
                ours.unwrap().output.len(),
                qemu.unwrap().exit_code
            ),
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(
        failures.is_empty(),
        "example guests diverged from qemu-riscv32:\n{}",
        failures.join("\n")
    );
    report(&format!(
        "compared {} example guests against qemu-riscv32",
        elfs.len()
    ));
}
