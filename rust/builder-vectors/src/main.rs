//! Differential checks of the trace-builder models: runs the prover's row builders of the ALU,
//! LOGIC, MUL, DIV and MEM tables (rust/prover/src/rv32im2/{alu,logic,mul,div,mem}.rs) on
//! requests of every op (edge operands, equal operands, operands from a fixed seed, immediate
//! forms; for MEM every lane of every width, RAM, ROM and zero-interval words) and
//! writes one Lean module per table (lean/Zkvm/Differential/Builder*.lean) stating, for each
//! request, that the Lean model's row (`Request.row` of lean/Zkvm/Air/V2/*Builder.lean) holds
//! the values the Rust builder wrote, cell by cell, each proved by kernel evaluation.
//! The CPU rows (rust/prover/src/rv32im2/cpu.rs `fill`, `fill_padding`) are checked the same
//! way (lean/Zkvm/Differential/BuilderCpu.lean against `Step.row` and `paddingRow` of
//! lean/Zkvm/Air/V2/CpuBuilder.lean) on a run of instructions of every kind whose register
//! accesses come from one `Builder`, as `build_segment` makes them. The SYSCALL rows and the IO
//! rows of ECALLs of every kind (exit, exit_group, reads of fd 0 and fd 3, writes to fd 1 and
//! fd 2, over RAM, ROM and zero-interval words, buffers across words) are checked against
//! `Request.row` of lean/Zkvm/Air/V2/SyscallBuilder.lean and IoBuilder.lean
//! (lean/Zkvm/Differential/BuilderSyscall.lean).
//!
//! ```text
//! zkvm-builder-vectors --out lean/Zkvm/Differential          # (re)write the modules
//! zkvm-builder-vectors --out lean/Zkvm/Differential --check  # fail if they are stale
//! ```
//!
//! Every request is one the builder accepts: the step record given with it agrees with it
//! (operands; the next pc of a branch or JALR is the one the builder computes), and JALR
//! targets lie below 2^30. A request the builder refuses is a generator error, reported and
//! fatal, since the models describe accepted requests only.

use std::path::PathBuf;
use std::process::ExitCode;

use zkvm_executor::{MemoryAccess, StepRecord};
use zkvm_prover::rv32im2::alu::AluTable;
use zkvm_prover::rv32im2::builder::{timestamp, Access, Builder};
use zkvm_prover::rv32im2::cpu;
use zkvm_prover::rv32im2::div::DivTable;
use zkvm_prover::rv32im2::logic::LogicTable;
use zkvm_prover::rv32im2::mem::MemTable;
use zkvm_prover::rv32im2::mul::MulTable;
use zkvm_prover::rv32im2::syscall::SyscallTable;
use zkvm_prover::rv32im2::Request;
use zkvm_verifier::air::rv32im::{alu, bus, cpu as cpu_air, div, io, logic, mem, mul, syscall};
use zkvm_verifier::receipt::program::{self as prog, Program};

/// A deterministic generator of test inputs (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn word(&mut self) -> u32 {
        (self.next() >> 32) as u32
    }
    /// A sign-extended 12-bit immediate.
    fn imm12(&mut self) -> u32 {
        (((self.word() & 0xFFF) << 20) as i32 >> 20) as u32
    }
}

/// The edge operands.
const EDGES: [u32; 5] = [0, 1, 0x8000_0000, 0xFFFF_FFFF, 0x7FFF_FFFF];

/// The table a request goes to.
#[derive(Clone, Copy, PartialEq)]
enum Table {
    Alu,
    Logic,
    Mul,
    Div,
    Mem,
}

impl Table {
    fn push(self, b: &mut Builder, rows: &mut Vec<u32>, req: &Request, step: &StepRecord) -> bool {
        let (res, values) = match self {
            Table::Alu => {
                let mut t = AluTable::new();
                (t.push(b, req, step).is_ok(), t.rows.values)
            }
            Table::Logic => {
                let mut t = LogicTable::new();
                (t.push(b, req, step).is_ok(), t.rows.values)
            }
            Table::Mul => {
                let mut t = MulTable::new();
                (t.push(b, req, step).is_ok(), t.rows.values)
            }
            Table::Div => {
                let mut t = DivTable::new();
                (t.push(b, req, step).is_ok(), t.rows.values)
            }
            Table::Mem => {
                let mut t = MemTable::new();
                (t.push(b, req, step).is_ok(), t.rows.values)
            }
        };
        *rows = values;
        res
    }
    fn width(self) -> usize {
        match self {
            Table::Alu => alu::WIDTH,
            Table::Logic => logic::WIDTH,
            Table::Mul => mul::WIDTH,
            Table::Div => div::WIDTH,
            Table::Mem => mem::WIDTH,
        }
    }
}

/// One request and the row the builder made for it.
struct Vector {
    op: &'static str,
    use_imm: bool,
    req: Request,
    row: Vec<u32>,
    /// MEM: the old word, whether it is ROM, the cell's previous timestamp.
    access: Option<(u32, bool, u32)>,
}

/// The requests of one table and the Lean module stating the model's rows.
struct TableFile {
    table: Table,
    file: &'static str,
    module: &'static str,
    title: &'static str,
    import: &'static str,
    namespace: &'static str,
    vectors: Vec<Vector>,
}

impl TableFile {
    /// Runs the builder on the request (op `base`, immediate form or not) and keeps its row.
    /// The step record agrees with the request; for a branch or JALR the next pc is the one
    /// of `next_pcs` the builder accepts.
    fn run(
        &mut self,
        program: &Program,
        op: &'static str,
        base: u32,
        use_imm: bool,
        (a, b, imm): (u32, u32, u32),
        next_pcs: &[u32],
    ) {
        let seen = self.vectors.iter().any(|v| {
            v.op == op && v.use_imm == use_imm && (v.req.a, v.req.b, v.req.imm) == (a, b, imm)
        });
        if seen {
            return;
        }
        let clk = self.vectors.len() as u32 + 1;
        let pc = 0x1000 + 4 * clk;
        let mut tried = Vec::new();
        for &next_pc in next_pcs {
            let req = Request {
                op: base + if use_imm { bus::IMM_OP_OFFSET } else { 0 },
                clk,
                a,
                b,
                imm,
                pc,
                next_pc,
            };
            let step = StepRecord {
                cycle: clk as u64,
                pc,
                next_pc,
                word: 0,
                rs1: 1,
                rs2: if use_imm { 0 } else { 2 },
                rd: 0,
                rs1_value: a,
                rs2_value: if use_imm { 0 } else { b },
                rd_value: 0,
                memory: None,
            };
            let mut builder = Builder::new(program);
            let mut row = Vec::new();
            if self.table.push(&mut builder, &mut row, &req, &step) {
                assert_eq!(row.len(), self.table.width());
                self.vectors.push(Vector {
                    op,
                    use_imm,
                    req,
                    row,
                    access: None,
                });
                return;
            }
            tried.push(next_pc);
        }
        panic!(
            "{}: the builder refuses op {op} (imm {use_imm}) a {a:#x} b {b:#x} imm {imm:#x} \
             with every next pc of {tried:x?}",
            self.title
        );
    }

    fn request_lean(&self, v: &Vector) -> String {
        let r = &v.req;
        let imm_field = format!("useImm := {}, ", v.use_imm);
        match self.table {
            Table::Alu => format!(
                "{{ op := .{}, {}clk := {}, a := {}, b := {}, imm := {}, nextPc := {}, pc := {} }}",
                v.op, imm_field, r.clk, r.a, r.b, r.imm, r.next_pc, r.pc
            ),
            Table::Logic | Table::Mul => format!(
                "{{ op := .{}, {}clk := {}, a := {}, b := {}, imm := {}, nextPc := {} }}",
                v.op, imm_field, r.clk, r.a, r.b, r.imm, r.next_pc
            ),
            Table::Div => format!(
                "{{ op := .{}, clk := {}, a := {}, b := {}, imm := {}, nextPc := {} }}",
                v.op, r.clk, r.a, r.b, r.imm, r.next_pc
            ),
            Table::Mem => {
                let (old, rom, prev_ts) = v.access.expect("a MEM vector has its access");
                format!(
                    "{{ op := .{}, clk := {}, a := {}, b := {}, imm := {}, nextPc := {},\n        \
                     old := {}, rom := {}, prevTs := {} }}",
                    v.op, r.clk, r.a, r.b, r.imm, r.next_pc, old, rom, prev_ts
                )
            }
        }
    }

    fn render(&self) -> String {
        let mut s = String::from("-- Generated by rust/builder-vectors; do not edit.\n");
        s.push_str("-- Regenerate with `make extraction-vectors`.\nmodule\n\n");
        s.push_str(&format!("public import {}\n\n", self.import));
        s.push_str(&format!(
            "/-!\n# Builder checks: the {} table\n\n\
             {} statements that the model of the row builder (`Request.row` of `{}`) makes,\n\
             cell by cell, the row `{}` made for the same request (the row's {} cells, as\n\
             canonical field values), each proved by kernel evaluation.\n-/\n\n",
            self.title,
            self.vectors.len(),
            self.import,
            self.module,
            self.table.width()
        ));
        s.push_str("public section\n\nnoncomputable section\n\n");
        s.push_str(&format!(
            "namespace Zkvm.Differential.{}\n\nopen Zkvm.Air.V2.{}\n\n",
            self.namespace,
            self.title_ns()
        ));
        for (i, v) in self.vectors.iter().enumerate() {
            let cells: Vec<String> = v.row.iter().map(|x| x.to_string()).collect();
            s.push_str(&format!(
                "theorem {}{}_{} :\n    (List.range {}).map (fun i => (Request.row\n      {}\n      i).val) =\n    [{}] := by\n  decide +kernel\n\n",
                v.op,
                if v.use_imm { "i" } else { "" },
                i,
                self.table.width(),
                self.request_lean(v),
                cells.join(", ")
            ));
        }
        s.push_str(&format!("end Zkvm.Differential.{}\n", self.namespace));
        s
    }

    fn title_ns(&self) -> &'static str {
        match self.table {
            Table::Alu => "Alu",
            Table::Logic => "Logic",
            Table::Mul => "Mul",
            Table::Div => "Div",
            Table::Mem => "Mem",
        }
    }
}

/// Operand pairs for op number `k` of a table: two pairs of edge operands (rotating with `k`
/// so the ops between them meet every edge), equal operands, and two pairs from the seed.
fn pairs(rng: &mut Rng, k: usize) -> Vec<(u32, u32)> {
    let n = EDGES.len();
    let x = rng.word();
    vec![
        (EDGES[k % n], EDGES[(k + 1) % n]),
        (EDGES[(k + 2) % n], EDGES[(k + 4) % n]),
        (x, x),
        (rng.word(), rng.word()),
        (rng.word(), rng.word()),
    ]
}

fn alu_file(program: &Program, rng: &mut Rng) -> TableFile {
    let mut f = TableFile {
        table: Table::Alu,
        file: "BuilderAlu.lean",
        module: "AluTable::push",
        title: "ALU",
        import: "Zkvm.Air.V2.AluBuilder",
        namespace: "BuilderAlu",
        vectors: Vec::new(),
    };
    let r_ops = [
        ("add", prog::OP_ADD),
        ("sub", prog::OP_SUB),
        ("slt", prog::OP_SLT),
        ("sltu", prog::OP_SLTU),
    ];
    let branches = [
        ("beq", prog::OP_BEQ),
        ("bne", prog::OP_BNE),
        ("blt", prog::OP_BLT),
        ("bge", prog::OP_BGE),
        ("bltu", prog::OP_BLTU),
        ("bgeu", prog::OP_BGEU),
    ];
    let mut k = 0;
    for (name, op) in r_ops {
        for (a, b) in pairs(rng, k) {
            let pc = 0x1000 + 4 * (f.vectors.len() as u32 + 1);
            f.run(program, name, op, false, (a, b, 0), &[pc + 4]);
        }
        k += 1;
    }
    // The branch offset: even, 13-bit signed.
    let offsets = [8u32, 0xFFFF_FFF0, 0x800, 0xFFFF_F000, 2];
    for (name, op) in branches {
        for (j, (a, b)) in pairs(rng, k).into_iter().enumerate() {
            let pc = 0x1000 + 4 * (f.vectors.len() as u32 + 1);
            let imm = offsets[(j + k) % offsets.len()];
            f.run(
                program,
                name,
                op,
                false,
                (a, b, imm),
                &[pc.wrapping_add(imm), pc + 4],
            );
        }
        k += 1;
    }
    // The immediate forms: ADDI, SLTI, SLTIU with 12-bit signed immediates.
    let imms = [0u32, 1, 0xFFFF_FFFF, 0x7FF, 0xFFFF_F800];
    for (name, op) in [
        ("add", prog::OP_ADD),
        ("slt", prog::OP_SLT),
        ("sltu", prog::OP_SLTU),
    ] {
        for (j, (a, b)) in pairs(rng, k).into_iter().enumerate() {
            let pc = 0x1000 + 4 * (f.vectors.len() as u32 + 1);
            let imm = if j < 3 {
                imms[(j + k) % imms.len()]
            } else {
                rng.imm12()
            };
            f.run(program, name, op, true, (a, b, imm), &[pc + 4]);
        }
        k += 1;
    }
    // JALR: targets below 2^30 (the builder refuses others); odd sums clear bit 0.
    let bases = [0u32, 1, 0x3FFF_FFF0, 0x2000_0000, rng.word() & 0x3FFF_FFFF];
    let imms = [0u32, 0x7FF, 0xFFFF_F800, 3, rng.imm12()];
    for (j, &a) in bases.iter().enumerate() {
        let imm = imms[j];
        let b = rng.word();
        let target = a.wrapping_add(imm) & !1;
        f.run(
            program,
            "jalr",
            prog::OP_JALR,
            false,
            (a, b, imm),
            &[target],
        );
    }
    f
}

fn logic_file(program: &Program, rng: &mut Rng) -> TableFile {
    let mut f = TableFile {
        table: Table::Logic,
        file: "BuilderLogic.lean",
        module: "LogicTable::push",
        title: "LOGIC",
        import: "Zkvm.Air.V2.LogicBuilder",
        namespace: "BuilderLogic",
        vectors: Vec::new(),
    };
    let ops = [
        ("xor", prog::OP_XOR),
        ("or", prog::OP_OR),
        ("and", prog::OP_AND),
    ];
    let imms = [0u32, 1, 0xFFFF_FFFF, 0x7FF, 0xFFFF_F800];
    for (k, (name, op)) in ops.into_iter().enumerate() {
        for (a, b) in pairs(rng, k) {
            let pc = 0x1000 + 4 * (f.vectors.len() as u32 + 1);
            f.run(program, name, op, false, (a, b, 0), &[pc + 4]);
        }
        for (j, (a, b)) in pairs(rng, k + 3).into_iter().enumerate() {
            let pc = 0x1000 + 4 * (f.vectors.len() as u32 + 1);
            let imm = if j < 3 {
                imms[(j + k) % imms.len()]
            } else {
                rng.imm12()
            };
            f.run(program, name, op, true, (a, b, imm), &[pc + 4]);
        }
    }
    f
}

fn mul_file(program: &Program, rng: &mut Rng) -> TableFile {
    let mut f = TableFile {
        table: Table::Mul,
        file: "BuilderMul.lean",
        module: "MulTable::push",
        title: "MUL",
        import: "Zkvm.Air.V2.MulBuilder",
        namespace: "BuilderMul",
        vectors: Vec::new(),
    };
    let ops = [
        ("mul", prog::OP_MUL),
        ("mulh", prog::OP_MULH),
        ("mulhsu", prog::OP_MULHSU),
        ("mulhu", prog::OP_MULHU),
        ("sll", prog::OP_SLL),
        ("srl", prog::OP_SRL),
        ("sra", prog::OP_SRA),
    ];
    for (k, (name, op)) in ops.into_iter().enumerate() {
        let mut cases = pairs(rng, k);
        if k < 4 {
            // Both factors negative when signed: the largest products and carries.
            cases.push((0x8000_0000, 0x8000_0000));
            cases.push((0xFFFF_FFFF, 0xFFFF_FFFF));
        }
        for (a, b) in cases {
            let pc = 0x1000 + 4 * (f.vectors.len() as u32 + 1);
            f.run(program, name, op, false, (a, b, 0), &[pc + 4]);
        }
    }
    // The shift immediates: the shift amount is the immediate.
    let amounts = [0u32, 1, 31, 16];
    for (k, (name, op)) in [
        ("sll", prog::OP_SLL),
        ("srl", prog::OP_SRL),
        ("sra", prog::OP_SRA),
    ]
    .into_iter()
    .enumerate()
    {
        for (j, &s) in amounts.iter().enumerate() {
            let pc = 0x1000 + 4 * (f.vectors.len() as u32 + 1);
            let a = if j < 2 {
                EDGES[(j + 2 * k + 2) % EDGES.len()]
            } else {
                rng.word()
            };
            let s = if j == 3 { rng.word() & 31 } else { s };
            f.run(program, name, op, true, (a, 0, s), &[pc + 4]);
        }
    }
    f
}

fn div_file(program: &Program, rng: &mut Rng) -> TableFile {
    let mut f = TableFile {
        table: Table::Div,
        file: "BuilderDiv.lean",
        module: "DivTable::push",
        title: "DIV",
        import: "Zkvm.Air.V2.DivBuilder",
        namespace: "BuilderDiv",
        vectors: Vec::new(),
    };
    let ops = [
        ("div", prog::OP_DIV),
        ("divu", prog::OP_DIVU),
        ("rem", prog::OP_REM),
        ("remu", prog::OP_REMU),
    ];
    for (k, (name, op)) in ops.into_iter().enumerate() {
        let mut cases = pairs(rng, k);
        // Division by zero, the signed overflow, a small divisor.
        cases.push((rng.word(), 0));
        cases.push((0x8000_0000, 0xFFFF_FFFF));
        cases.push((rng.word(), rng.word() & 0xFF));
        for (a, b) in cases {
            let pc = 0x1000 + 4 * (f.vectors.len() as u32 + 1);
            f.run(program, name, op, false, (a, b, 0), &[pc + 4]);
        }
    }
    f
}

/// The MEM vectors' memory: RAM image words, one ROM word and a zero interval.
const MEM_RAM: [(u32, u32); 3] = [
    (0x100, 0x8081_7F01),
    (0x101, 0xFFFF_0000),
    (0x102, 0x1234_ABCD),
];
const MEM_ROM: (u32, u32) = (0x200, 0x0080_FF7F);
const MEM_ZERO: (u32, u32) = (0x300, 0x308);

fn mem_program() -> Program {
    let mut image = Vec::new();
    for (wa, value) in MEM_RAM {
        image.push(prog::ImageWord {
            space: bus::SPACE_RAM,
            wa,
            value,
        });
    }
    image.push(prog::ImageWord {
        space: bus::SPACE_ROM,
        wa: MEM_ROM.0,
        value: MEM_ROM.1,
    });
    Program {
        entry: 0,
        rows: Vec::new(),
        image,
        zero_intervals: vec![prog::ZeroInterval {
            lo: MEM_ZERO.0,
            hi: MEM_ZERO.1,
        }],
    }
}

impl TableFile {
    /// Runs the MEM builder on one load or store at `addr` (as a + imm with the given imm),
    /// after an earlier access of the word at timestamp `before` (if any), and keeps its row.
    #[allow(clippy::too_many_arguments)]
    fn run_mem(
        &mut self,
        program: &Program,
        op: &'static str,
        code: u32,
        addr: u32,
        imm: u32,
        b: u32,
        clk: u32,
        before: Option<u32>,
    ) {
        let store = code >= mem::OP_SB;
        let width: u32 = match code {
            mem::OP_LB | mem::OP_LBU | mem::OP_SB => 1,
            mem::OP_LH | mem::OP_LHU | mem::OP_SH => 2,
            _ => 4,
        };
        let a = addr.wrapping_sub(imm);
        let wa = addr >> 2;
        let rom = wa == MEM_ROM.0;
        let space = if rom { bus::SPACE_ROM } else { bus::SPACE_RAM };
        let mut builder = Builder::new(program);
        let mut prev_ts = 0;
        if let Some(ts) = before {
            builder.access(space, wa, None, ts).expect("earlier access");
            prev_ts = ts;
        }
        let old = builder.peek(space, wa);
        let mask: u32 = match width {
            1 => 0xFF,
            2 => 0xFFFF,
            _ => 0xFFFF_FFFF,
        };
        let raw = if store {
            b & mask
        } else {
            (old >> (8 * (addr & 3))) & mask
        };
        let pc = 0x1000 + 4 * (self.vectors.len() as u32 + 1);
        let req = Request {
            op: code,
            clk,
            a,
            b,
            imm,
            pc,
            next_pc: pc + 4,
        };
        let step = StepRecord {
            cycle: clk as u64,
            pc,
            next_pc: pc + 4,
            word: 0,
            rs1: 1,
            rs2: if store { 2 } else { 0 },
            rd: 0,
            rs1_value: a,
            rs2_value: if store { b } else { 0 },
            rd_value: 0,
            memory: Some(MemoryAccess {
                addr,
                width: width as u8,
                is_write: store,
                value: raw,
            }),
        };
        let mut row = Vec::new();
        if !self.table.push(&mut builder, &mut row, &req, &step) {
            panic!("MEM: the builder refuses {op} at {addr:#x} (imm {imm:#x}, b {b:#x})");
        }
        assert_eq!(row.len(), self.table.width());
        self.vectors.push(Vector {
            op,
            use_imm: false,
            req,
            row,
            access: Some((old, rom, prev_ts)),
        });
    }
}

fn mem_file(program: &Program, rng: &mut Rng) -> TableFile {
    let mut f = TableFile {
        table: Table::Mem,
        file: "BuilderMem.lean",
        module: "MemTable::push",
        title: "MEM",
        import: "Zkvm.Air.V2.MemBuilder",
        namespace: "BuilderMem",
        vectors: Vec::new(),
    };
    let ops = [
        ("lb", mem::OP_LB, 1),
        ("lh", mem::OP_LH, 2),
        ("lw", mem::OP_LW, 4),
        ("lbu", mem::OP_LBU, 1),
        ("lhu", mem::OP_LHU, 2),
        ("sb", mem::OP_SB, 1),
        ("sh", mem::OP_SH, 2),
        ("sw", mem::OP_SW, 4),
    ];
    for (name, code, width) in ops {
        let store = code >= mem::OP_SB;
        // Every lane of the width, in each RAM word (and the ROM word for loads), a zero-interval
        // word; immediates from the seed, 0 and -2048 (a + imm wraps or carries).
        let mut words: Vec<u32> = MEM_RAM.iter().map(|w| w.0).collect();
        if !store {
            words.push(MEM_ROM.0);
        }
        words.push(MEM_ZERO.0 + 3);
        let mut k = 0u32;
        for (i, &wa) in words.iter().enumerate() {
            let mut lane = 0;
            while lane < 4 {
                let imm = match (i + lane as usize) % 3 {
                    0 => rng.imm12(),
                    1 => 0,
                    _ => 0xFFFF_F800,
                };
                let b = rng.word();
                // Some rows after an earlier access to the word, some with a gap above 2^16.
                let clk = if k.is_multiple_of(2) {
                    k + 1
                } else {
                    0x1_0000 + k
                };
                let before = if k % 3 == 1 { Some(4 * clk - 1) } else { None };
                f.run_mem(program, name, code, 4 * wa + lane, imm, b, clk, before);
                lane += width;
                k += 1;
            }
        }
    }
    f
}

/// One CPU row: the arguments of `cpu::fill` (or `fill_padding` when `padding`) and the row.
struct CpuVector {
    name: String,
    clk: u32,
    next_pc: u32,
    prog: Vec<u32>,
    a: u32,
    b: u32,
    c: u32,
    acc: [Access; 2],
    rd: Option<Access>,
    halt: bool,
    padding: bool,
    row: Vec<u32>,
}

fn lean_access(x: &Access) -> String {
    format!("{{ old := {}, prevTs := {} }}", x.old, x.prev_ts)
}

impl CpuVector {
    fn lean(&self) -> String {
        if self.padding {
            return format!("paddingRow {}", self.clk);
        }
        let p = &self.prog;
        let rd = match &self.rd {
            Some(x) => format!("some {}", lean_access(x)),
            None => "none".to_string(),
        };
        format!(
            "Step.row\n      {{ clk := {}, nextPc := {}, pc := {}, op := {}, rs1 := {}, rs2 := {}, rd := {},\n        \
             imm := {}, k := {}, target := {}, flags := {}, a := {}, b := {}, c := {},\n        \
             acc1 := {}, acc2 := {}, acc3 := {}, halt := {} }}",
            self.clk,
            self.next_pc,
            p[1],
            p[2],
            p[3],
            p[4],
            p[5],
            p[6] | (p[7] << 16),
            p[8] | (p[9] << 16),
            p[10],
            p[11],
            self.a,
            self.b,
            self.c,
            lean_access(&self.acc[0]),
            lean_access(&self.acc[1]),
            rd,
            self.halt
        )
    }
}

/// An instruction kind of the CPU run: name, op, flags, and how the next pc and c follow.
#[derive(Clone, Copy)]
enum Kind {
    /// LUI, AUIPC: rd <- k, pc + 4.
    Const,
    /// JAL: rd <- pc + 4, to the target.
    Jal,
    /// JALR: rd <- pc + 4, next pc from the ALU.
    Jalr,
    /// A branch: c_lo = taken.
    Branch(bool),
    /// An EXEC op writing rd (rd != 0) or not (rd = 0, stores).
    Exec(bool),
}

/// A run of CPU rows from one `Builder`: every kind, register reuse (so previous timestamps
/// are those of earlier rows), large values, the halt row, then padding rows.
fn cpu_vectors(program: &Program, rng: &mut Rng) -> Vec<CpuVector> {
    let kinds: [(&str, u32, Kind); 12] = [
        ("lui", prog::OP_LUI, Kind::Const),
        ("auipc", prog::OP_AUIPC, Kind::Const),
        ("jal", prog::OP_JAL, Kind::Jal),
        ("jalr", prog::OP_JALR, Kind::Jalr),
        ("beq", prog::OP_BEQ, Kind::Branch(true)),
        ("bne", prog::OP_BNE, Kind::Branch(false)),
        ("add", prog::OP_ADD, Kind::Exec(true)),
        ("addi", prog::OP_ADD + bus::IMM_OP_OFFSET, Kind::Exec(true)),
        ("sw", prog::OP_SW, Kind::Exec(false)),
        ("mul", prog::OP_MUL, Kind::Exec(true)),
        ("lw", prog::OP_LW, Kind::Exec(true)),
        ("ecall", prog::OP_ECALL, Kind::Exec(true)),
    ];
    let mut b = Builder::new(program);
    let mut out = Vec::new();
    let first_clk: u32 = 1000;
    let rounds = 3;
    let total = rounds * kinds.len();
    let mut pc: u32 = 0x1000;
    let mut i = 0;
    while i < total {
        let (name, op, kind) = kinds[i % kinds.len()];
        let clk = first_clk + i as u32;
        // Few registers, so that they are reused.
        let rs1 = 1 + (rng.word() % 4);
        let rs2 = 1 + (rng.word() % 4);
        let rd = match kind {
            Kind::Branch(_) | Kind::Exec(false) => 0,
            _ => 1 + (rng.word() % 4),
        };
        let imm = match i % 3 {
            0 => rng.imm12(),
            1 => EDGES[i % EDGES.len()],
            _ => rng.word() & 0xFFFF_F000,
        };
        let pc4 = pc.wrapping_add(4);
        let target = match kind {
            Kind::Jal | Kind::Branch(_) => 0x2000 + 4 * (rng.word() % 0x100),
            _ => 0,
        };
        let k = match (name, kind) {
            ("lui", _) => imm,
            ("auipc", _) => pc.wrapping_add(imm),
            (_, Kind::Jal) | (_, Kind::Jalr) => pc4,
            _ => 0,
        };
        let mut flags = 0;
        match kind {
            Kind::Const => flags |= bus::FLAG_K,
            Kind::Jal => flags |= bus::FLAG_JAL | bus::FLAG_K,
            Kind::Jalr => flags |= bus::FLAG_JALR | bus::FLAG_K | bus::FLAG_EXEC,
            Kind::Branch(_) => flags |= bus::FLAG_BR | bus::FLAG_EXEC,
            Kind::Exec(_) => flags |= bus::FLAG_EXEC,
        }
        if rd != 0 {
            flags |= bus::FLAG_WR;
        }
        let message = vec![
            bus::TAG_PROG,
            pc,
            op,
            rs1,
            rs2,
            rd,
            imm & 0xFFFF,
            imm >> 16,
            k & 0xFFFF,
            k >> 16,
            target,
            flags,
        ];
        let a_port = b
            .access(bus::SPACE_REG, rs1, None, timestamp(clk, bus::PORT_RS1))
            .expect("rs1 access");
        let b_port = b
            .access(bus::SPACE_REG, rs2, None, timestamp(clk, bus::PORT_RS2))
            .expect("rs2 access");
        let halt = i + 1 == total;
        let (c, next_pc) = match kind {
            Kind::Const => (k, pc4),
            Kind::Jal => (k, target),
            Kind::Jalr => (k, 0x3000 + 4 * (rng.word() % 0x100)),
            Kind::Branch(taken) => {
                let taken = taken ^ (i % 2 == 0);
                (taken as u32, if taken { target } else { pc4 })
            }
            Kind::Exec(_) => (rng.word(), pc4),
        };
        let rd_port = if flags & bus::FLAG_WR != 0 {
            Some(
                b.access(bus::SPACE_REG, rd, Some(c), timestamp(clk, bus::PORT_RD))
                    .expect("rd access"),
            )
        } else {
            None
        };
        let mut row = vec![0u32; cpu_air::WIDTH];
        cpu::fill(
            &mut row, clk, next_pc, &message, a_port.old, b_port.old, c, a_port, b_port, rd_port,
            halt,
        );
        out.push(CpuVector {
            name: name.to_string(),
            clk,
            next_pc,
            prog: message,
            a: a_port.old,
            b: b_port.old,
            c,
            acc: [a_port, b_port],
            rd: rd_port,
            halt,
            padding: false,
            row,
        });
        pc = next_pc;
        i += 1;
    }
    let mut j = 0;
    while j < 3 {
        let clk = first_clk + (total + j) as u32;
        let mut row = vec![0u32; cpu_air::WIDTH];
        cpu::fill_padding(&mut row, clk);
        out.push(CpuVector {
            name: "padding".to_string(),
            clk,
            next_pc: 4,
            prog: Vec::new(),
            a: 0,
            b: 0,
            c: 0,
            acc: [
                Access {
                    old: 0,
                    prev_ts: 0,
                    gap_lo: 0,
                    gap_hi: 0,
                },
                Access {
                    old: 0,
                    prev_ts: 0,
                    gap_lo: 0,
                    gap_hi: 0,
                },
            ],
            rd: None,
            halt: false,
            padding: true,
            row,
        });
        j += 1;
    }
    out
}

fn render_cpu(vectors: &[CpuVector]) -> String {
    let mut s = String::from("-- Generated by rust/builder-vectors; do not edit.\n");
    s.push_str("-- Regenerate with `make extraction-vectors`.\nmodule\n\n");
    s.push_str("public import Zkvm.Air.V2.CpuBuilder\n\n");
    s.push_str(&format!(
        "/-!\n# Builder checks: the CPU table\n\n\
         {} statements that the model of the row builder (`Step.row`, `paddingRow` of\n\
         `Zkvm.Air.V2.CpuBuilder`) makes, cell by cell, the row `cpu::fill` (or `fill_padding`)\n\
         made for the same arguments (the row's {} cells, as canonical field values), on a run\n\
         of instructions of every kind whose register accesses come from one `Builder`, each\n\
         proved by kernel evaluation.\n-/\n\n",
        vectors.len(),
        cpu_air::WIDTH
    ));
    s.push_str("public section\n\nnoncomputable section\n\n");
    s.push_str("namespace Zkvm.Differential.BuilderCpu\n\nopen Zkvm.Air.V2.Cpu\n\n");
    for (i, v) in vectors.iter().enumerate() {
        let cells: Vec<String> = v.row.iter().map(|x| x.to_string()).collect();
        s.push_str(&format!(
            "theorem {}_{} :\n    (List.range {}).map (fun i => ({}\n      i).val) =\n    [{}] := by\n  decide +kernel\n\n",
            v.name,
            i,
            cpu_air::WIDTH,
            v.lean(),
            cells.join(", ")
        ));
    }
    s.push_str("end Zkvm.Differential.BuilderCpu\n");
    s
}

/// One ECALL scenario: the syscall, a0, the buffer, the length, the cursor and the input.
struct Ecall {
    name: &'static str,
    a7: u32,
    a0: u32,
    buf: u32,
    len: u32,
    cur: u32,
    input: Vec<u8>,
    private: Vec<u8>,
}

/// A row of the SYSCALL or IO table with the Lean request that should make it.
struct RowVector {
    name: String,
    lean: String,
    row: Vec<u32>,
}

fn lean_acc(prev_ts: u32) -> String {
    format!("{{ old := 0, prevTs := {} }}", prev_ts)
}

/// The word `word` of the MEM test program's memory (the image's, else 0) and whether it is ROM.
fn image_word(wa: u32) -> (u32, bool) {
    if wa == MEM_ROM.0 {
        return (MEM_ROM.1, true);
    }
    for (w, v) in MEM_RAM {
        if w == wa {
            return (v, false);
        }
    }
    (0, false)
}

/// Runs `SyscallTable::push` on ECALLs of every kind and keeps the SYSCALL and IO rows, with the
/// requests the Lean models take (the IO requests from the word-by-word walk `move_bytes` makes).
fn syscall_vectors(program: &Program, rng: &mut Rng) -> (Vec<RowVector>, Vec<RowVector>) {
    let input: Vec<u8> = (0..12).map(|_| rng.word() as u8).collect();
    let private: Vec<u8> = (0..5).map(|_| rng.word() as u8).collect();
    let ram = 4 * MEM_RAM[0].0;
    let zero = 4 * MEM_ZERO.0;
    let rom = 4 * MEM_ROM.0;
    let cases = vec![
        Ecall {
            name: "exit",
            a7: syscall::SYS_EXIT,
            a0: rng.word(),
            buf: 0,
            len: 0,
            cur: 7,
            input: input.clone(),
            private: private.clone(),
        },
        Ecall {
            name: "exit_group",
            a7: syscall::SYS_EXIT_GROUP,
            a0: 0,
            buf: 0,
            len: 0,
            cur: 12,
            input: input.clone(),
            private: private.clone(),
        },
        Ecall {
            name: "write1",
            a7: syscall::SYS_WRITE,
            a0: 1,
            buf: ram + 1,
            len: 9,
            cur: 3,
            input: input.clone(),
            private: private.clone(),
        },
        Ecall {
            name: "write1_rom",
            a7: syscall::SYS_WRITE,
            a0: 1,
            buf: rom,
            len: 4,
            cur: 0,
            input: input.clone(),
            private: private.clone(),
        },
        Ecall {
            name: "write2",
            a7: syscall::SYS_WRITE,
            a0: 2,
            buf: rom + 2,
            len: 2,
            cur: 0,
            input: input.clone(),
            private: private.clone(),
        },
        Ecall {
            name: "write1_empty",
            a7: syscall::SYS_WRITE,
            a0: 1,
            buf: ram,
            len: 0,
            cur: 5,
            input: input.clone(),
            private: private.clone(),
        },
        Ecall {
            name: "read_short",
            a7: syscall::SYS_READ,
            a0: 0,
            buf: zero + 3,
            len: 20,
            cur: 3,
            input: input.clone(),
            private: private.clone(),
        },
        Ecall {
            name: "read",
            a7: syscall::SYS_READ,
            a0: 0,
            buf: ram + 2,
            len: 4,
            cur: 0,
            input: input.clone(),
            private: private.clone(),
        },
        Ecall {
            name: "read_private",
            a7: syscall::SYS_READ,
            a0: bus::FD_PRIVATE,
            buf: zero + 8,
            len: 5,
            cur: 0,
            input: input.clone(),
            private: private.clone(),
        },
    ];
    let mut sys_rows = Vec::new();
    let mut io_rows = Vec::new();
    for (k, e) in cases.iter().enumerate() {
        let mut b = Builder::new(program);
        let clk: u32 = 100 + 7 * k as u32;
        let t0 = 4 * clk - 3 - (k as u32 % 3);
        let exit = e.a7 == syscall::SYS_EXIT || e.a7 == syscall::SYS_EXIT_GROUP;
        let read = e.a7 == syscall::SYS_READ;
        let fd2 = !read && !exit && e.a0 == 2;
        let fd3 = read && e.a0 == bus::FD_PRIVATE;
        // Earlier accesses: a1, a2, the cursor cell(s).
        b.access(bus::SPACE_REG, syscall::REG_A1, Some(e.buf), t0)
            .expect("a1");
        b.access(bus::SPACE_REG, syscall::REG_A2, Some(e.len), t0 - 1)
            .expect("a2");
        let cell = if exit || (read && !fd3) {
            bus::IO_INPUT_CURSOR
        } else if fd3 {
            bus::IO_PRIVATE_CURSOR
        } else {
            bus::IO_OUTPUT_CURSOR
        };
        let t_cur = t0 - 2;
        b.access(bus::SPACE_IO, cell, Some(e.cur), t_cur)
            .expect("cursor");
        let out = 3 + k as u32;
        let t_out = t0 - 3;
        if exit {
            b.access(bus::SPACE_IO, bus::IO_OUTPUT_CURSOR, Some(out), t_out)
                .expect("output cursor");
        }
        let source: &[u8] = if fd3 { &e.private } else { &e.input };
        let count = if read {
            (source.len() as u32).saturating_sub(e.cur).min(e.len)
        } else if exit {
            0
        } else {
            e.len
        };
        // The IO requests: the walk move_bytes makes, from the memory before the ECALL.
        let start = io_rows.len();
        if !exit {
            let kind = if fd3 {
                ".priv"
            } else if read {
                ".read"
            } else if fd2 {
                ".write2"
            } else {
                ".write1"
            };
            let end = e.buf + count;
            let mut addr = e.buf;
            while addr < end {
                let wa = addr >> 2;
                let f = addr & 3;
                let last = 3.min(f + (end - addr) - 1);
                let (old, is_rom) = image_word(wa);
                let base = (e.cur as i64 + (4 * wa as i64 - e.buf as i64))
                    .rem_euclid(zkvm_verifier::field::P as i64) as u32;
                let mut new = old;
                if read {
                    for j in f..=last {
                        let p = (e.cur as i64 + (4 * wa as i64 - e.buf as i64) + j as i64) as usize;
                        new = (new & !(0xFF << (8 * j))) | ((source[p] as u32) << (8 * j));
                    }
                }
                io_rows.push(RowVector {
                    name: format!("io_{}", e.name),
                    lean: format!(
                        "Io.Request.row\n      {{ kind := {}, clk := {}, wa := {}, rom := {}, base := {}, f := {}, e := {},\n        \
                         old := {}, new := {}, prevTs := 0 }}",
                        kind, clk, wa, is_rom, base, f, last, old, new
                    ),
                    row: Vec::new(),
                });
                addr = 4 * wa + last + 1;
            }
        }
        let pc = 0x1000 + 8 * k as u32;
        let req = Request {
            op: syscall::OP_ECALL,
            clk,
            a: e.a7,
            b: e.a0,
            imm: 0,
            pc,
            next_pc: pc + 4,
        };
        let step = StepRecord {
            cycle: clk as u64,
            pc,
            next_pc: if exit { pc } else { pc + 4 },
            word: 0x73,
            rs1: 0,
            rs2: 0,
            rd: 10,
            rs1_value: e.a7,
            rs2_value: e.a0,
            rd_value: count,
            memory: None,
        };
        let mut table = SyscallTable::new();
        table
            .push(&mut b, &req, &step, &e.input, &e.private)
            .unwrap_or_else(|err| panic!("SYSCALL: the builder refuses {}: {:?}", e.name, err));
        assert_eq!(table.rows.values.len(), syscall::WIDTH);
        let made = table.io.values.len() / io::WIDTH;
        assert_eq!(made, io_rows.len() - start, "IO rows of {}", e.name);
        for (j, v) in io_rows[start..].iter_mut().enumerate() {
            v.row = table.io.values[j * io::WIDTH..(j + 1) * io::WIDTH].to_vec();
        }
        let kind = if exit {
            ".exit"
        } else if read {
            ".read"
        } else {
            ".write"
        };
        let cur_cell = if fd2 { 0 } else { e.cur };
        sys_rows.push(RowVector {
            name: format!("syscall_{}", e.name),
            lean: format!(
                "Syscall.Request.row\n      {{ kind := {}, clk := {}, a7 := {}, a0 := {}, nextPc := {}, cur := {},\n        \
                 accCur := {}, out := {}, accOut := {}, buf := {}, accBuf := {},\n        \
                 len := {}, accLen := {}, lim := {} }}",
                kind,
                clk,
                e.a7,
                e.a0,
                pc + 4,
                cur_cell,
                lean_acc(if fd2 { 0 } else { t_cur }),
                if exit { out } else { 0 },
                lean_acc(if exit { t_out } else { 0 }),
                if exit { 0 } else { e.buf },
                lean_acc(if exit { 0 } else { t0 }),
                if exit { 0 } else { e.len },
                lean_acc(if exit { 0 } else { t0 - 1 }),
                if read { source.len() as u32 } else { 0 }
            ),
            row: table.rows.values.clone(),
        });
    }
    (sys_rows, io_rows)
}

fn render_syscall(sys: &[RowVector], io_rows: &[RowVector]) -> String {
    let mut s = String::from("-- Generated by rust/builder-vectors; do not edit.\n");
    s.push_str("-- Regenerate with `make extraction-vectors`.\nmodule\n\n");
    s.push_str("public import Zkvm.Air.V2.SyscallBuilder\npublic import Zkvm.Air.V2.IoBuilder\n\n");
    s.push_str(&format!(
        "/-!\n# Builder checks: the SYSCALL and IO tables\n\n\
         {} statements that the models of the row builders (`Request.row` of\n\
         `Zkvm.Air.V2.SyscallBuilder` and `Zkvm.Air.V2.IoBuilder`) make, cell by cell, the rows\n\
         `SyscallTable::push` made for ECALLs of every kind ({} SYSCALL rows of {} cells, {} IO rows\n\
         of {} cells, as canonical field values), each proved by kernel evaluation.\n-/\n\n",
        sys.len() + io_rows.len(),
        sys.len(),
        syscall::WIDTH,
        io_rows.len(),
        io::WIDTH
    ));
    s.push_str("public section\n\nnoncomputable section\n\n");
    s.push_str("namespace Zkvm.Differential.BuilderSyscall\n\nopen Zkvm.Air.V2\n\n");
    for (i, v) in sys.iter().chain(io_rows.iter()).enumerate() {
        let cells: Vec<String> = v.row.iter().map(|x| x.to_string()).collect();
        s.push_str(&format!(
            "theorem {}_{} :\n    (List.range {}).map (fun i => ({}\n      i).val) =\n    [{}] := by\n  decide +kernel\n\n",
            v.name,
            i,
            v.row.len(),
            v.lean,
            cells.join(", ")
        ));
    }
    s.push_str("end Zkvm.Differential.BuilderSyscall\n");
    s
}

fn main() -> ExitCode {
    let mut out = PathBuf::from("lean/Zkvm/Differential");
    let mut check = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = PathBuf::from(args.next().expect("--out DIR")),
            "--check" => check = true,
            other => {
                eprintln!("zkvm-builder-vectors: unknown argument {}", other);
                return ExitCode::from(2);
            }
        }
    }
    // The builders look up only the range and fixed tables, never the program.
    let program = Program {
        entry: 0,
        rows: Vec::new(),
        image: Vec::new(),
        zero_intervals: Vec::new(),
    };
    let mut rng = Rng(0x5eed_b11d_e2ec_0001);
    let files = vec![
        alu_file(&program, &mut rng),
        logic_file(&program, &mut rng),
        mul_file(&program, &mut rng),
        div_file(&program, &mut rng),
        mem_file(&mem_program(), &mut rng),
    ];
    let cpu_rows = cpu_vectors(&program, &mut rng);
    let (sys_rows, io_rows) = syscall_vectors(&mem_program(), &mut rng);
    let mut outputs: Vec<(&str, String)> = Vec::new();
    let mut total = cpu_rows.len();
    for f in &files {
        total += f.vectors.len();
        outputs.push((f.file, f.render()));
    }
    outputs.push(("BuilderCpu.lean", render_cpu(&cpu_rows)));
    total += sys_rows.len() + io_rows.len();
    outputs.push(("BuilderSyscall.lean", render_syscall(&sys_rows, &io_rows)));
    let mut bad = 0;
    for (file, text) in &outputs {
        let path = out.join(file);
        if check {
            if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                eprintln!("zkvm-builder-vectors --check: {} is stale", path.display());
                bad += 1;
            }
        } else {
            std::fs::create_dir_all(&out).expect("create directory");
            std::fs::write(&path, text).expect("write");
        }
    }
    if bad > 0 {
        eprintln!("zkvm-builder-vectors: run `make extraction-vectors` and commit the result");
        return ExitCode::from(1);
    }
    for f in &files {
        println!(
            "zkvm-builder-vectors: {} {} vectors",
            f.title,
            f.vectors.len()
        );
    }
    println!("zkvm-builder-vectors: CPU {} vectors", cpu_rows.len());
    println!(
        "zkvm-builder-vectors: SYSCALL {} and IO {} vectors",
        sys_rows.len(),
        io_rows.len()
    );
    println!(
        "zkvm-builder-vectors: {} checks in {} files under {}",
        total,
        outputs.len(),
        out.display()
    );
    ExitCode::SUCCESS
}
