//! Differential checks of the extraction: runs functions of the Rust verifier on many inputs
//! and writes Lean files stating that the extracted functions (`lean/Zkvm/Extracted`) return
//! the same results, each proved by kernel evaluation.
//!
//! ```text
//! zkvm-extraction-vectors --out lean/Zkvm/Differential          # (re)write the files
//! zkvm-extraction-vectors --out lean/Zkvm/Differential --check  # fail if they are stale
//! ```
//!
//! The hash is a parameter of the extracted code. The checks that hash instantiate it with a
//! table of the SHA3-256 values the Rust verifier computes for exactly the inputs the checked
//! computation hashes (any other input maps to 32 zero bytes, so a Lean computation that hashed
//! a different byte string than Rust would produce a different result and fail its check).
//! Panics are checked too: the Rust function is run under `catch_unwind`, and the Lean side
//! must give `Outcome.panic` with the matching kind.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use zkvm_verifier::air::{self, Selectors, TableId};
use zkvm_verifier::commit::hash::{sha3_256, Digest};
use zkvm_verifier::commit::merkle;
use zkvm_verifier::field;
use zkvm_verifier::field::extension::{self, Ext};
use zkvm_verifier::fri;
use zkvm_verifier::protocol::{deep, domain};
use zkvm_verifier::transcript::Transcript;
use zkvm_verifier::{error::error_name, VerifyError};

const P: u32 = field::P;

/// A deterministic generator of test inputs (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn fe(&mut self) -> u32 {
        (self.next() % P as u64) as u32
    }
    fn ext(&mut self) -> Ext {
        [self.fe(), self.fe(), self.fe(), self.fe()]
    }
}

// ------------------------------------------------------------------ Lean literals

fn list<T, F: Fn(&T) -> String>(v: &[T], f: F) -> String {
    format!("[{}]", v.iter().map(f).collect::<Vec<_>>().join(", "))
}
fn u32s(v: &[u32]) -> String {
    list(v, |x| x.to_string())
}
fn bytes(v: &[u8]) -> String {
    list(v, |x| x.to_string())
}
fn exts(v: &[Ext]) -> String {
    list(v, |e| u32s(e))
}
fn digests(v: &[Digest]) -> String {
    list(v, |d| bytes(d))
}
fn err(e: &VerifyError) -> String {
    format!("error.VerifyError.{}", error_name(e))
}
fn opt_u32(v: Option<u32>) -> String {
    match v {
        Some(x) => format!("(some {})", x),
        None => "none".into(),
    }
}
fn result<T, F: Fn(&T) -> String>(r: &Result<T, VerifyError>, f: F) -> String {
    match r {
        Ok(v) => format!("(.ok {})", f(v)),
        Err(e) => format!("(.error {})", err(e)),
    }
}

/// Runs `f`; `Err(())` if it panics.
fn run<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Result<T, ()> {
    std::panic::catch_unwind(f).map_err(|_| ())
}

/// `.ok v` or `.panic .overflow` for a Rust run that panicked on arithmetic.
fn outcome<T>(r: &Result<T, ()>, f: impl Fn(&T) -> String, panic: &str) -> String {
    match r {
        Ok(v) => format!(".ok {}", f(v)),
        Err(()) => format!(".panic .{}", panic),
    }
}

/// SHA3-256 values recorded for the inputs a check hashes.
#[derive(Default)]
struct HashTable(BTreeMap<Vec<u8>, Digest>);

impl HashTable {
    fn h(&mut self, input: &[u8]) -> Digest {
        let d = sha3_256(input);
        self.0.insert(input.to_vec(), d);
        d
    }
    fn lean(&self, name: &str) -> String {
        let mut s = format!(
            "/-- SHA3-256 of the {} inputs the checks below hash, computed by the Rust verifier. -/\n\
             def {}Table : List (List UInt8 × List UInt8) := [\n",
            self.0.len(),
            name
        );
        let rows: Vec<String> = self
            .0
            .iter()
            .map(|(k, v)| format!("  ({},\n   {})", bytes(k), bytes(v)))
            .collect();
        s.push_str(&rows.join(",\n"));
        s.push_str("]\n\n");
        s.push_str(&format!(
            "/-- The hash these checks run the extracted code with: the table, 32 zero bytes elsewhere. -/\n\
             def {n} (input : List UInt8) : List UInt8 := ({n}Table.lookup input).getD (List.replicate 32 0)\n\n",
            n = name
        ));
        s
    }
}

/// One generated Lean module of checks.
struct LeanFile {
    file: &'static str,
    title: &'static str,
    imports: Vec<&'static str>,
    namespace: &'static str,
    prelude: String,
    checks: Vec<(String, String)>,
}

impl LeanFile {
    fn new(
        file: &'static str,
        title: &'static str,
        imports: Vec<&'static str>,
        namespace: &'static str,
    ) -> Self {
        LeanFile {
            file,
            title,
            imports,
            namespace,
            prelude: String::new(),
            checks: Vec::new(),
        }
    }
    fn check(&mut self, name: impl Into<String>, prop: impl Into<String>) {
        self.checks.push((name.into(), prop.into()));
    }
    fn render(&self) -> String {
        let mut s = String::from("-- Generated by rust/extraction-vectors; do not edit.\n");
        s.push_str("-- Regenerate with `make extraction-vectors`.\nmodule\n\n");
        for i in &self.imports {
            s.push_str(&format!("public import {}\n", i));
        }
        s.push_str(&format!(
            "\n/-!\n# Differential checks: {}\n\n{} statements that the extracted functions return what the Rust\n\
             verifier returned on the same inputs (or panic where it panicked), each proved by kernel\n\
             evaluation.\n-/\n\n",
            self.title,
            self.checks.len()
        ));
        s.push_str("public section\n\nnoncomputable section\n\n");
        s.push_str(&format!(
            "namespace Zkvm.Differential.{}\n\nopen Zkvm.Extraction Zkvm.Extracted\n\n",
            self.namespace
        ));
        s.push_str(&self.prelude);
        for (name, prop) in &self.checks {
            s.push_str(&format!(
                "theorem {} :\n    {} := by\n  decide +kernel\n\n",
                name, prop
            ));
        }
        s.push_str(&format!("end Zkvm.Differential.{}\n", self.namespace));
        s
    }
}

// ------------------------------------------------------------------ the checks

fn field_checks(rng: &mut Rng) -> LeanFile {
    let mut f = LeanFile::new(
        "Field.lean",
        "BabyBear (`crate::field`)",
        vec!["Zkvm.Extracted.Field"],
        "field",
    );
    let mut vals = vec![0, 1, 2, P - 1, P - 2, 31, field::TWO_ADIC_ROOT];
    for _ in 0..5 {
        vals.push(rng.fe());
    }
    let n = vals.len();
    for k in 0..8 {
        let (a, b) = (vals[(3 * k + 1) % n], vals[(5 * k + 2) % n]);
        f.check(
            format!("add_{}", k),
            format!("field.add {} {} = .ok {}", a, b, field::add(a, b)),
        );
        f.check(
            format!("sub_{}", k),
            format!("field.sub {} {} = .ok {}", a, b, field::sub(a, b)),
        );
        f.check(
            format!("mul_{}", k),
            format!("field.mul {} {} = .ok {}", a, b, field::mul(a, b)),
        );
    }
    for (k, a) in vals.iter().take(6).enumerate() {
        f.check(
            format!("neg_{}", k),
            format!("field.neg {} = .ok {}", a, field::neg(*a)),
        );
    }
    for (k, a) in [1, 2, P - 1, 31, vals[8], vals[9]].iter().enumerate() {
        f.check(
            format!("inv_{}", k),
            format!("field.inv {} = .ok {}", a, field::inv(*a)),
        );
    }
    for (k, (a, e)) in [(3u32, 0u64), (3, 5), (vals[10], u64::MAX), (P - 1, 1 << 40)]
        .iter()
        .enumerate()
    {
        f.check(
            format!("pow_{}", k),
            format!("field.pow {} {} = .ok {}", a, e, field::pow(*a, *e)),
        );
    }
    for (k, (a, s)) in [(5u32, 0u32), (5, 3), (field::TWO_ADIC_ROOT, 27)]
        .iter()
        .enumerate()
    {
        f.check(
            format!("square_n_{}", k),
            format!(
                "field.square_n {} {} = .ok {}",
                a,
                s,
                field::square_n(*a, *s)
            ),
        );
    }
    for bits in [0u32, 1, 5, 27, 28, 40] {
        f.check(
            format!("two_adic_generator_{}", bits),
            format!(
                "field.two_adic_generator {} = .ok {}",
                bits,
                opt_u32(field::two_adic_generator(bits))
            ),
        );
    }
    for (k, a) in [P - 1, P, u32::MAX].iter().enumerate() {
        f.check(
            format!("is_canonical_{}", k),
            format!("field.is_canonical {} = .ok {}", a, field::is_canonical(*a)),
        );
        f.check(
            format!("from_u32_reduced_{}", k),
            format!(
                "field.from_u32_reduced {} = .ok {}",
                a,
                field::from_u32_reduced(*a)
            ),
        );
    }
    // Non-canonical inputs: the Rust code panics on overflow, and so does the extraction.
    let panics: [(&str, u32, u32); 3] = [
        ("add", u32::MAX, 1),
        ("add", P, P + 3),
        ("sub", 0, u32::MAX),
    ];
    for (k, (op, a, b)) in panics.iter().enumerate() {
        let (a, b) = (*a, *b);
        let r = match *op {
            "add" => run(move || field::add(a, b)),
            _ => run(move || field::sub(a, b)),
        };
        f.check(
            format!("{}_overflow_{}", op, k),
            format!(
                "field.{} {} {} = {}",
                op,
                a,
                b,
                outcome(&r, |v| v.to_string(), "overflow")
            ),
        );
    }
    f
}

fn extension_checks(rng: &mut Rng) -> LeanFile {
    let mut f = LeanFile::new(
        "Extension.lean",
        "the quartic extension (`crate::field::extension`)",
        vec!["Zkvm.Extracted.Field.Extension"],
        "extension",
    );
    let mut xs: Vec<Ext> = vec![
        [0, 0, 0, 0],
        [1, 0, 0, 0],
        [5, 0, 0, 0],
        [0, 1, 0, 0],
        [P - 1, P - 1, P - 1, P - 1],
    ];
    for _ in 0..6 {
        xs.push(rng.ext());
    }
    let n = xs.len();
    for k in 0..8 {
        let (a, b) = (xs[(3 * k + 1) % n], xs[(5 * k + 4) % n]);
        f.check(
            format!("add_{}", k),
            format!(
                "field.extension.add {} {} = .ok {}",
                u32s(&a),
                u32s(&b),
                u32s(&extension::add(&a, &b))
            ),
        );
        f.check(
            format!("sub_{}", k),
            format!(
                "field.extension.sub {} {} = .ok {}",
                u32s(&a),
                u32s(&b),
                u32s(&extension::sub(&a, &b))
            ),
        );
        f.check(
            format!("mul_{}", k),
            format!(
                "field.extension.mul {} {} = .ok {}",
                u32s(&a),
                u32s(&b),
                u32s(&extension::mul(&a, &b))
            ),
        );
    }
    for (k, a) in xs.iter().enumerate().take(7) {
        f.check(
            format!("inv_{}", k),
            format!(
                "field.extension.inv {} = .ok {}",
                u32s(a),
                u32s(&extension::inv(a))
            ),
        );
        f.check(
            format!("neg_{}", k),
            format!(
                "field.extension.neg {} = .ok {}",
                u32s(a),
                u32s(&extension::neg(a))
            ),
        );
        f.check(
            format!("is_zero_{}", k),
            format!(
                "field.extension.is_zero {} = .ok {}",
                u32s(a),
                extension::is_zero(a)
            ),
        );
    }
    for (k, (a, e)) in [(xs[6], 0u64), (xs[7], 7), (xs[8], 1 << 20)]
        .iter()
        .enumerate()
    {
        f.check(
            format!("pow_{}", k),
            format!(
                "field.extension.pow {} {} = .ok {}",
                u32s(a),
                e,
                u32s(&extension::pow(a, *e))
            ),
        );
    }
    for e in 0..4usize {
        let a = xs[9];
        f.check(
            format!("mul_by_basis_{}", e),
            format!(
                "field.extension.mul_by_basis {} {} = .ok {}",
                u32s(&a),
                e,
                u32s(&extension::mul_by_basis(&a, e))
            ),
        );
    }
    for (k, a) in xs.iter().enumerate().skip(3).take(3) {
        let c = rng.fe();
        f.check(
            format!("mul_base_{}", k),
            format!(
                "field.extension.mul_base {} {} = .ok {}",
                u32s(a),
                c,
                u32s(&extension::mul_base(a, c))
            ),
        );
    }
    f
}

fn merkle_checks(rng: &mut Rng) -> LeanFile {
    let mut f = LeanFile::new(
        "Merkle.lean",
        "Merkle trees and cap openings (`crate::commit::merkle`)",
        vec!["Zkvm.Extracted.Commit.Merkle"],
        "merkle",
    );
    let mut table = HashTable::default();
    // A tree of 8 leaves, 2 field elements each.
    let leaves: Vec<Vec<u32>> = (0..8).map(|_| vec![rng.fe(), rng.fe()]).collect();
    let mut level: Vec<Digest> = Vec::new();
    for l in &leaves {
        let mut input = vec![0u8];
        for v in l {
            input.extend_from_slice(&v.to_le_bytes());
        }
        let d = table.h(&input);
        assert_eq!(d, merkle::leaf_hash(l), "leaf encoding");
        level.push(d);
    }
    let mut levels = vec![level.clone()];
    while level.len() > 1 {
        let mut next = Vec::new();
        for pair in level.chunks(2) {
            let mut input = vec![1u8];
            input.extend_from_slice(&pair[0]);
            input.extend_from_slice(&pair[1]);
            let d = table.h(&input);
            assert_eq!(d, merkle::node_hash(&pair[0], &pair[1]), "node encoding");
            next.push(d);
        }
        levels.push(next.clone());
        level = next;
    }
    let root = levels[3][0];
    let path = |i: usize, upto: usize| -> Vec<Digest> {
        (0..upto).map(|lvl| levels[lvl][(i >> lvl) ^ 1]).collect()
    };
    f.prelude = table.lean("H");
    f.check(
        "leaf_hash_0",
        format!(
            "commit.merkle.leaf_hash H {} = .ok {}",
            u32s(&leaves[3]),
            bytes(&merkle::leaf_hash(&leaves[3]))
        ),
    );
    f.check(
        "node_hash_0",
        format!(
            "commit.merkle.node_hash H {} {} = .ok {}",
            bytes(&levels[0][0]),
            bytes(&levels[0][1]),
            bytes(&levels[1][0])
        ),
    );
    // Root openings.
    for (k, i) in [0usize, 5].iter().enumerate() {
        let p = path(*i, 3);
        let ok = merkle::verify_opening(&root, 3, *i, &leaves[*i], &p);
        f.check(
            format!("verify_opening_{}", k),
            format!(
                "commit.merkle.verify_opening H {} 3 {} {} {} = .ok {}",
                bytes(&root),
                i,
                u32s(&leaves[*i]),
                digests(&p),
                ok
            ),
        );
    }
    // Cap openings: cap height 1 (the two nodes below the root), height 2 (four nodes).
    for (k, (h, i, tamper)) in [
        (1usize, 5usize, 0u8),
        (2, 6, 0),
        (1, 5, 1),
        (1, 5, 2),
        (1, 5, 3),
        (2, 9, 0),
        (9, 2, 0),
    ]
    .iter()
    .enumerate()
    {
        let c = (*h).min(3);
        let cap: Vec<Digest> = levels[3 - c].clone();
        let mut p = path(*i % 8, 3 - c);
        let mut values = leaves[*i % 8].clone();
        let mut cap2 = cap.clone();
        match tamper {
            1 => values[0] = (values[0] + 1) % P,
            2 => p.pop().map(|_| ()).unwrap_or(()),
            3 => cap2[(*i % 8) >> (3 - c)][0] ^= 1,
            _ => {}
        }
        let ok = merkle::verify_cap_opening(&cap2, 3, *h, *i, &values, &p);
        f.check(
            format!("verify_cap_opening_{}", k),
            format!(
                "commit.merkle.verify_cap_opening H {} 3 {} {} {} {} = .ok {}",
                digests(&cap2),
                h,
                i,
                u32s(&values),
                digests(&p),
                ok
            ),
        );
    }
    f.check(
        "cap_bytes_0",
        format!(
            "commit.merkle.cap_bytes {} = .ok {}",
            digests(&levels[2]),
            bytes(&merkle::cap_bytes(&levels[2]))
        ),
    );
    f
}

fn transcript_checks(rng: &mut Rng) -> LeanFile {
    let mut f = LeanFile::new(
        "Transcript.lean",
        "the Fiat-Shamir transcript (`crate::transcript`)",
        vec!["Zkvm.Extracted.Transcript"],
        "transcript",
    );
    let mut table = HashTable::default();
    // Mirror of the transcript's hashing, to record the inputs it hashes.
    let absorb = |table: &mut HashTable, state: &Digest, data: &[u8]| {
        let mut input = vec![0u8];
        input.extend_from_slice(state);
        input.extend_from_slice(&(data.len() as u32).to_le_bytes());
        input.extend_from_slice(data);
        table.h(&input);
    };
    let squeeze = |table: &mut HashTable, state: &Digest| {
        let mut input = vec![1u8];
        input.extend_from_slice(state);
        table.h(&input);
    };
    table.h(b"zkvm-stark-transcript-v1");
    let mut t = Transcript::new();
    let x = rng.next() as u32;
    absorb(&mut table, &t.state(), &x.to_le_bytes());
    t.absorb_u32(x);
    absorb(&mut table, &t.state(), b"abc");
    t.absorb_bytes(b"abc");
    squeeze(&mut table, &t.state());
    let s1 = t.squeeze_field();
    let es = [rng.ext(), rng.ext()];
    let mut data = Vec::new();
    for e in &es {
        for c in e {
            data.extend_from_slice(&c.to_le_bytes());
        }
    }
    absorb(&mut table, &t.state(), &data);
    t.absorb_ext_elements(&es);
    squeeze(&mut table, &t.state());
    let s2 = t.squeeze_ext();
    squeeze(&mut table, &t.state());
    let s3 = t.squeeze_index(10);
    let nonce = rng.next();
    let mut pow_input = vec![2u8];
    pow_input.extend_from_slice(&t.state());
    pow_input.extend_from_slice(&nonce.to_le_bytes());
    table.h(&pow_input);
    let pow0 = t.check_pow(nonce, 0);
    let pow8 = t.check_pow(nonce, 8);
    let state = t.state();
    f.prelude = table.lean("H");
    f.prelude.push_str(&format!(
        "/-- A run of the transcript: absorb a `u32` and bytes, squeeze a base-field element,\n\
         absorb extension elements, squeeze an extension element and a 10-bit index, test proof\n\
         of work with 0 and 8 bits. -/\n\
         structure RunResult where\n\
         \x20 s1 : UInt32\n\
         \x20 s2 : field.extension.Ext\n\
         \x20 s3 : UInt32\n\
         \x20 pow0 : Bool\n\
         \x20 pow8 : Bool\n\
         \x20 state : commit.hash.Digest\n\
         \x20 deriving DecidableEq\n\n\
         def run : Outcome RunResult := do\n\
         \x20 let t ← transcript.Transcript.new H\n\
         \x20 let t ← transcript.Transcript.absorb_u32 H t {}\n\
         \x20 let t ← transcript.Transcript.absorb_bytes H t {}\n\
         \x20 let (s1, t) ← transcript.Transcript.squeeze_field H t\n\
         \x20 let t ← transcript.Transcript.absorb_ext_elements H t {}\n\
         \x20 let (s2, t) ← transcript.Transcript.squeeze_ext H t\n\
         \x20 let (s3, t) ← transcript.Transcript.squeeze_index H t 10\n\
         \x20 let p0 ← transcript.Transcript.check_pow H t {} 0\n\
         \x20 let p8 ← transcript.Transcript.check_pow H t {} 8\n\
         \x20 let st ← transcript.Transcript.state' t\n\
         \x20 pure {{ s1 := s1, s2 := s2, s3 := s3, pow0 := p0, pow8 := p8, state := st }}\n\n",
        x,
        bytes(b"abc"),
        exts(&es),
        nonce,
        nonce
    ));
    f.check(
        "run_0",
        format!(
            "run = .ok {{ s1 := {}, s2 := {}, s3 := {}, pow0 := {}, pow8 := {}, state := {} }}",
            s1,
            u32s(&s2),
            s3,
            pow0,
            pow8,
            bytes(&state)
        ),
    );
    f
}

fn fri_checks(rng: &mut Rng) -> LeanFile {
    let mut f = LeanFile::new(
        "Fri.lean",
        "FRI folding, domains and the DEEP composition (`crate::fri`, `crate::protocol::{domain, deep}`)",
        vec!["Zkvm.Extracted.Fri", "Zkvm.Extracted.Protocol.Deep"],
        "fri",
    );
    for k in 0..3 {
        let (lo, hi, beta) = (rng.ext(), rng.ext(), rng.ext());
        let x = 1 + rng.fe() % (P - 1);
        f.check(
            format!("fold_pair_{}", k),
            format!(
                "fri.fold_pair {} {} {} {} = .ok {}",
                u32s(&lo),
                u32s(&hi),
                u32s(&beta),
                x,
                u32s(&fri::fold_pair(&lo, &hi, &beta, x))
            ),
        );
    }
    // One leaf of a layer in bit-reversed order: (leaf_index, shift_log, log_size, log_arity).
    for (k, (leaf_index, shift_log, log_size, log_arity)) in
        [(0u64, 0u32, 4u32, 1u32), (3, 1, 5, 2), (1, 0, 3, 2)]
            .iter()
            .enumerate()
    {
        let leaf: Vec<Ext> = (0..(1usize << log_arity)).map(|_| rng.ext()).collect();
        let beta = rng.ext();
        let r = fri::fold_leaf(&leaf, &beta, *leaf_index, *shift_log, *log_size, *log_arity);
        f.check(
            format!("fold_leaf_{}", k),
            format!(
                "fri.fold_leaf {} {} {} {} {} {} = .ok {}",
                exts(&leaf),
                u32s(&beta),
                leaf_index,
                shift_log,
                log_size,
                log_arity,
                result(&r, |v| u32s(v))
            ),
        );
    }
    // Rejections: a leaf of the wrong length, arity 0.
    let bad = vec![rng.ext(); 3];
    f.check(
        "fold_leaf_shape",
        format!(
            "fri.fold_leaf {} {} 0 0 4 2 = .ok {}",
            exts(&bad),
            u32s(&bad[0]),
            result(&fri::fold_leaf(&bad, &bad[0], 0, 0, 4, 2), |v| u32s(v))
        ),
    );
    f.check(
        "fold_leaf_arity0",
        format!(
            "fri.fold_leaf {} {} 0 0 4 0 = .ok {}",
            exts(&bad[..1]),
            u32s(&bad[0]),
            result(&fri::fold_leaf(&bad[..1], &bad[0], 0, 0, 4, 0), |v| u32s(v))
        ),
    );
    let coeffs: Vec<Ext> = (0..4).map(|_| rng.ext()).collect();
    let x = rng.fe();
    f.check(
        "eval_poly_at_base_0",
        format!(
            "fri.eval_poly_at_base {} {} = .ok {}",
            exts(&coeffs),
            x,
            u32s(&fri::eval_poly_at_base(&coeffs, x))
        ),
    );
    for (k, (layer, log_size, index)) in [(0u32, 4u32, 3u64), (2, 3, 7), (1, 30, 0)]
        .iter()
        .enumerate()
    {
        let r = domain::coset_point(*layer, *log_size, *index);
        f.check(
            format!("coset_point_{}", k),
            format!(
                "protocol.domain.coset_point {} {} {} = .ok {}",
                layer,
                log_size,
                index,
                result(&r, |v| v.to_string())
            ),
        );
    }
    let z = rng.ext();
    f.check(
        "vanishing_at_0",
        format!(
            "protocol.domain.vanishing_at {} 3 = .ok {}",
            u32s(&z),
            u32s(&domain::vanishing_at(&z, 3))
        ),
    );
    let sel = domain::selectors_at(&z, 3);
    let sel_lean = |s: &Selectors| {
        format!(
            "{{ is_first_row := {}, is_last_row := {}, is_transition := {} : air.Selectors }}",
            u32s(&s.is_first_row),
            u32s(&s.is_last_row),
            u32s(&s.is_transition)
        )
    };
    f.check(
        "selectors_at_0",
        format!(
            "protocol.domain.selectors_at {} 3 = .ok {}",
            u32s(&z),
            result(&sel, sel_lean)
        ),
    );
    f.check(
        "selectors_at_degenerate",
        format!(
            "protocol.domain.selectors_at {} 3 = .ok {}",
            u32s(&extension::ONE),
            result(&domain::selectors_at(&extension::ONE, 3), sel_lean)
        ),
    );
    let gamma = rng.ext();
    f.check(
        "powers_0",
        format!(
            "protocol.deep.powers {} 4 = .ok {}",
            u32s(&gamma),
            exts(&deep::powers(&gamma, 4))
        ),
    );
    // The DEEP composition at one point: one main column, no auxiliary, one quotient chunk.
    let gp = deep::powers(&gamma, 6);
    let (x, zeta, zn) = (rng.fe(), rng.ext(), rng.ext());
    let trace = [rng.fe()];
    let quot = [rng.fe(), rng.fe(), rng.fe(), rng.fe()];
    let (tl, tn) = ([rng.ext()], [rng.ext()]);
    let oq: Vec<Ext> = (0..4).map(|_| rng.ext()).collect();
    for (k, offset) in [0usize, 1].iter().enumerate() {
        // The table uses 6 powers from the offset: offset 1 runs past the 6 given (rejected).
        let r = deep::deep_composition_at(
            x,
            &trace,
            &[],
            &quot,
            &zeta,
            &zn,
            &tl,
            &tn,
            &[],
            &[],
            &oq,
            &gp,
            *offset,
        );
        f.check(
            format!("deep_composition_at_{}", k),
            format!(
                "protocol.deep.deep_composition_at {} {} [] {} {} {} {} {} [] [] {} {} {} = .ok {}",
                x,
                u32s(&trace),
                u32s(&quot),
                u32s(&zeta),
                u32s(&zn),
                exts(&tl),
                exts(&tn),
                exts(&oq),
                exts(&gp),
                offset,
                result(&r, |v| u32s(v))
            ),
        );
    }
    f
}

fn sel_lean(s: &Selectors) -> String {
    format!(
        "{{ is_first_row := {}, is_last_row := {}, is_transition := {} : air.Selectors }}",
        u32s(&s.is_first_row),
        u32s(&s.is_last_row),
        u32s(&s.is_transition)
    )
}

/// Constraint values of one row pair of a table at random extension points.
fn air_table_checks(
    f: &mut LeanFile,
    rng: &mut Rng,
    table: TableId,
    lean_table: &str,
    width: usize,
    name: &str,
) {
    let local: Vec<Ext> = (0..width).map(|_| rng.ext()).collect();
    let next: Vec<Ext> = (0..width).map(|_| rng.ext()).collect();
    let pv: Vec<u32> = (0..air::rv32im::statement::NUM_PUBLIC_VALUES)
        .map(|_| rng.fe())
        .collect();
    let sel = Selectors {
        is_first_row: rng.ext(),
        is_last_row: rng.ext(),
        is_transition: rng.ext(),
    };
    let r = air::eval_constraints(&table, &local, &next, &pv, &sel);
    f.check(
        format!("{}_eval_constraints", name),
        format!(
            "air.eval_constraints {} {} {}\n      {} {} = .ok {}",
            lean_table,
            exts(&local),
            exts(&next),
            u32s(&pv),
            sel_lean(&sel),
            result(&r, |v| exts(v))
        ),
    );
    // A row of the wrong width is rejected.
    let r = air::eval_constraints(&table, &local[1..], &next[1..], &pv, &sel);
    f.check(
        format!("{}_wrong_width", name),
        format!(
            "air.eval_constraints {} {} {}\n      {} {} = .ok {}",
            lean_table,
            exts(&local[1..]),
            exts(&next[1..]),
            u32s(&pv),
            sel_lean(&sel),
            result(&r, |v| exts(v))
        ),
    );
}

fn air_checks(rng: &mut Rng) -> LeanFile {
    let mut f = LeanFile::new(
        "Air.lean",
        "constraint values of the RV32IM v2 CPU and range tables (`crate::air`)",
        vec!["Zkvm.Extracted.Air"],
        "air",
    );
    air_table_checks(
        &mut f,
        rng,
        TableId::Rv32Range,
        "air.TableId.Rv32Range",
        air::rv32im::range::WIDTH,
        "range",
    );
    air_table_checks(
        &mut f,
        rng,
        TableId::Rv32Cpu,
        "air.TableId.Rv32Cpu",
        air::rv32im::cpu::WIDTH,
        "cpu",
    );
    // The CPU table with a public-value list one too short.
    let local: Vec<Ext> = (0..air::rv32im::cpu::WIDTH).map(|_| rng.ext()).collect();
    let sel = Selectors {
        is_first_row: extension::ONE,
        is_last_row: extension::ZERO,
        is_transition: extension::ONE,
    };
    let pv = vec![0u32; air::rv32im::statement::NUM_PUBLIC_VALUES - 1];
    let r = air::eval_constraints(&TableId::Rv32Cpu, &local, &local, &pv, &sel);
    f.check(
        "cpu_public_value_count",
        format!(
            "air.eval_constraints air.TableId.Rv32Cpu {} {}\n      {} {} = .ok {}",
            exts(&local),
            exts(&local),
            u32s(&pv),
            sel_lean(&sel),
            result(&r, |v| exts(v))
        ),
    );
    f
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
                eprintln!("zkvm-extraction-vectors: unknown argument {}", other);
                return ExitCode::from(2);
            }
        }
    }
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let files = vec![
        field_checks(&mut rng),
        extension_checks(&mut rng),
        merkle_checks(&mut rng),
        transcript_checks(&mut rng),
        fri_checks(&mut rng),
        air_checks(&mut rng),
    ];
    let _ = std::panic::take_hook();
    let mut bad = 0;
    let mut total = 0;
    for f in &files {
        let text = f.render();
        total += f.checks.len();
        let path = out.join(f.file);
        if check {
            if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                eprintln!(
                    "zkvm-extraction-vectors --check: {} is stale",
                    path.display()
                );
                bad += 1;
            }
        } else {
            std::fs::create_dir_all(&out).expect("create directory");
            std::fs::write(&path, text).expect("write");
        }
    }
    if bad > 0 {
        eprintln!("zkvm-extraction-vectors: run `make extraction-vectors` and commit the result");
        return ExitCode::from(1);
    }
    println!(
        "zkvm-extraction-vectors: {} checks in {} files under {}",
        total,
        files.len(),
        out.display()
    );
    ExitCode::SUCCESS
}
