//! Function bodies: statements and expressions of the subset as Lean `do` blocks over
//! `Outcome` (extraction/README.md describes the scheme).
//!
//! An expression becomes a `Code`: do-elements to run first (`pre`) and a Lean term. Calls
//! that can panic appear in the term as nested actions `(← f x)`, which Lean runs in textual
//! order, i.e. Rust's left-to-right order; the translator never puts one where Rust would not
//! evaluate it (short-circuit operands, branches, loop conditions get their own do-blocks).

use crate::model::{Crate, ItemKind, ModPath, Target};
use crate::reject::{reject, reject_at, Reject, Res};
use crate::sig::{FnKey, FnSig};
use crate::ty::{
    lean_ident, lean_item, lean_local, lean_ty_atom_with, lean_ty_with, ty_inner, Borrow, IntTy, Ty,
};
use proc_macro2::Span;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;
use syn::spanned::Spanned;

/// What the translation of the whole crate knows when it translates one body.
pub struct Env<'a> {
    pub krate: &'a Crate,
    pub sigs: &'a BTreeMap<FnKey, FnSig>,
    pub const_tys: &'a BTreeMap<(ModPath, String), Ty>,
    /// Functions that (transitively) call an opaque function: they take its section variable.
    pub opaque_users: &'a BTreeMap<FnKey, BTreeSet<FnKey>>,
}

/// An item a body refers to (for imports and the order of definitions).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ref {
    Fn(FnKey),
    Item(ModPath, String),
}

#[derive(Clone, Debug)]
struct Local {
    rust: String,
    lean: String,
    ty: Ty,
    mutable: bool,
}

#[derive(Clone, Debug)]
enum Frame {
    Fn,
    Loop {
        state: Vec<String>,
        has_ret: bool,
    },
    /// A part of a long function body split into its own definition.
    Chunk,
}

/// A translated expression: do-elements to run first, then a term (which may contain nested
/// actions `(← ...)`).
#[derive(Clone, Debug)]
struct Code {
    pre: Vec<(usize, String)>,
    term: String,
    ty: Ty,
    /// `Some(c)` when the term is exactly `(← c)`.
    call: Option<String>,
}

impl Code {
    fn pure(term: impl Into<String>, ty: Ty) -> Code {
        Code {
            pre: Vec::new(),
            term: term.into(),
            ty,
            call: None,
        }
    }
    fn lift(call: String, ty: Ty) -> Code {
        Code {
            pre: Vec::new(),
            term: format!("(← {})", call),
            ty,
            call: Some(call),
        }
    }
    fn lifted(&self) -> bool {
        self.term.contains("(←")
    }
    fn is_pure(&self) -> bool {
        self.pre.is_empty() && !self.lifted()
    }
}

/// What to do with the value of a block's final expression.
#[derive(Clone, Debug, PartialEq)]
enum Tail {
    /// The function's result.
    Fn,
    /// The value of an `if`/`match` that is bound (`let x ← if ...`).
    Value,
    /// A statement: the value is `()`.
    Unit,
    /// The body of a loop: after it, the next iteration.
    LoopBody,
    /// A part of a split body: after it, its results (filled in when the part is done).
    Part,
    /// The continuing branch of a statement whose other branches leave the block (`if c {
    /// return e; }`): after it, the rest of the enclosing block. Nesting the rest there keeps
    /// Lean's `do` from introducing join points, whose proofs the kernel checks slowly.
    Rest(Rc<(Vec<syn::Stmt>, Tail)>),
}

impl Tail {
    /// A tail after which the block's value is `()` (a statement position).
    fn is_stmt(&self) -> bool {
        matches!(
            self,
            Tail::Unit | Tail::LoopBody | Tail::Part | Tail::Rest(_)
        )
    }
}

/// Placeholder for the end of a part, replaced once its results are known.
const PART_END: &str = "«part end»";

/// The result of translating one function.
pub struct FnOut {
    pub lines: Vec<String>,
    pub refs: BTreeSet<Ref>,
    /// Definitions of the parts of a long body (emitted before the function).
    pub chunks: Vec<String>,
}

/// Bodies with more nested actions than this are split into parts (Lean's elaboration of a
/// `do` block recurses once per action, and this toolchain's stack is limited).
pub const CHUNK_BINDS: usize = 160;

fn ind(n: usize) -> String {
    "  ".repeat(n)
}

fn is_literal(t: &str) -> bool {
    t.chars().all(|c| c.is_ascii_digit()) || t == "true" || t == "false" || t == "()"
}

/// Parenthesizes a term unless it is atomic.
fn atom(t: &str) -> String {
    let simple = t
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '\'' || c == '«' || c == '»');
    let wrapped = (t.starts_with('(') && matching_close(t, 0) == Some(t.len() - 1))
        || (t.starts_with('[') && matching_close(t, 0) == Some(t.len() - 1))
        || (t.starts_with('{') && matching_close(t, 0) == Some(t.len() - 1));
    if simple
        || wrapped
        || t.starts_with('"') && t.ends_with('"') && !t[1..t.len() - 1].contains('"')
    {
        t.to_string()
    } else {
        format!("({})", t)
    }
}

fn matching_close(t: &str, start: usize) -> Option<usize> {
    let bytes: Vec<char> = t.chars().collect();
    let mut depth = 0i32;
    let mut in_str = false;
    let mut byte_pos = 0usize;
    for (k, c) in bytes.iter().enumerate() {
        let _ = k;
        if byte_pos >= start {
            if in_str {
                if *c == '"' {
                    in_str = false;
                }
            } else {
                match c {
                    '"' => in_str = true,
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(byte_pos);
                        }
                    }
                    _ => {}
                }
            }
        }
        byte_pos += c.len_utf8();
    }
    None
}

/// A tuple of terms: `x`, `(x, y)`, or `()`.
fn tuple(items: &[String]) -> String {
    match items.len() {
        0 => "()".into(),
        1 => items[0].clone(),
        _ => format!("({})", items.join(", ")),
    }
}

fn path_segs(p: &syn::Path) -> Vec<String> {
    p.segments.iter().map(|s| s.ident.to_string()).collect()
}

pub struct FnCtx<'a> {
    env: &'a Env<'a>,
    module: ModPath,
    file: String,
    sig: FnSig,
    scopes: Vec<Vec<Local>>,
    frames: Vec<Frame>,
    tmp: usize,
    refs: BTreeSet<Ref>,
    /// Inference of unannotated integer locals: declaration number -> type.
    inferred: HashMap<usize, Ty>,
    infer_mode: bool,
    changed: bool,
    decl_counter: usize,
    renames: usize,
    /// Nesting of `block` calls (1: the function body).
    depth: usize,
    /// Top-level statement indices where a new part starts.
    chunk_starts: Vec<usize>,
    chunks: Vec<String>,
    /// Measured nested actions per top-level statement.
    stmt_binds: Vec<usize>,
    /// The measuring pass (statements emitted one by one, nothing nested).
    measuring: bool,
}

impl<'a> FnCtx<'a> {
    /// Translates the body of the function `sig`. Unannotated integer locals are typed by up
    /// to four inference passes over the body (their uses fix their type), then the final
    /// translation runs.
    pub fn translate(env: &'a Env<'a>, sig: &FnSig, block: &syn::Block) -> Res<FnOut> {
        let mut ctx = FnCtx {
            env,
            module: sig.key.module.clone(),
            file: sig.file.clone(),
            sig: sig.clone(),
            scopes: Vec::new(),
            frames: Vec::new(),
            tmp: 0,
            refs: BTreeSet::new(),
            inferred: HashMap::new(),
            infer_mode: true,
            changed: false,
            decl_counter: 0,
            renames: 0,
            depth: 0,
            chunk_starts: Vec::new(),
            chunks: Vec::new(),
            stmt_binds: Vec::new(),
            measuring: false,
        };
        for _ in 0..4 {
            ctx.changed = false;
            ctx.reset();
            let mut scratch = Vec::new();
            // Errors in inference passes are reported by the final pass.
            let _ = ctx.body(block, &mut scratch);
            if !ctx.changed {
                break;
            }
        }
        ctx.infer_mode = false;
        ctx.reset();
        ctx.refs.clear();
        let mut lines = Vec::new();
        ctx.measuring = true;
        ctx.body(block, &mut lines)?;
        ctx.measuring = false;
        let binds: usize = lines.iter().map(|l| l.matches('←').count()).sum();
        if binds > 2 * CHUNK_BINDS {
            // Split the top-level statements into parts of about CHUNK_BINDS actions.
            let counts = ctx.stmt_binds.clone();
            let last = block.stmts.len().saturating_sub(1);
            let mut acc = 0;
            let mut starts = Vec::new();
            for (k, c) in counts.iter().enumerate() {
                if acc + c > CHUNK_BINDS && acc > 0 && k < last {
                    starts.push(k);
                    acc = 0;
                }
                acc += c;
            }
            if !starts.is_empty() {
                starts.insert(0, 0);
                ctx.chunk_starts = starts;
            }
        }
        ctx.reset();
        ctx.refs.clear();
        lines.clear();
        ctx.body(block, &mut lines)?;
        Ok(FnOut {
            lines,
            refs: ctx.refs,
            chunks: ctx.chunks,
        })
    }

    fn reset(&mut self) {
        self.scopes = vec![Vec::new()];
        self.frames = vec![Frame::Fn];
        self.tmp = 0;
        self.decl_counter = 0;
        self.renames = 0;
        self.depth = 0;
        self.chunks.clear();
        self.stmt_binds.clear();
    }

    fn err<T>(&self, span: Span, construct: &str, detail: impl Into<String>) -> Res<T> {
        reject(&self.file, span, construct, detail)
    }

    fn fresh(&mut self) -> String {
        self.tmp += 1;
        format!("t{}'", self.tmp)
    }

    // ------------------------------------------------------------------ locals and names

    fn lookup(&self, rust: &str) -> Option<&Local> {
        for scope in self.scopes.iter().rev() {
            for l in scope.iter().rev() {
                if l.rust == rust {
                    return Some(l);
                }
            }
        }
        None
    }

    /// The Lean name for a new binding of `rust`: Lean's `do` does not let a binding shadow a
    /// mutable variable, so such a binding is renamed `x'k`.
    fn pick_name(&mut self, rust: &str) -> String {
        let mut lean = lean_local(rust);
        if self
            .scopes
            .iter()
            .flatten()
            .any(|l| l.mutable && l.lean == lean)
        {
            self.renames += 1;
            lean = format!(
                "{}'{}",
                lean.trim_matches(|c| c == '«' || c == '»'),
                self.renames
            );
        }
        lean
    }

    fn declare_named(&mut self, rust: &str, lean: String, ty: Ty, mutable: bool) -> String {
        type_refs(&ty, &mut self.refs);
        self.scopes.last_mut().unwrap().push(Local {
            rust: rust.to_string(),
            lean: lean.clone(),
            ty,
            mutable,
        });
        lean
    }

    fn declare(&mut self, rust: &str, ty: Ty, mutable: bool) -> String {
        let lean = self.pick_name(rust);
        self.declare_named(rust, lean, ty, mutable)
    }

    fn push_scope(&mut self) {
        self.scopes.push(Vec::new());
    }

    fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    /// A declaration's type: known, or a placeholder to infer.
    fn decl_type(&mut self, ty: Ty) -> Ty {
        self.decl_counter += 1;
        if ty.is_known() {
            return ty;
        }
        if let Some(t) = self.inferred.get(&self.decl_counter) {
            return t.clone();
        }
        match ty {
            Ty::Infer(_) => ty,
            _ => Ty::Infer(self.decl_counter),
        }
    }

    /// Records that a placeholder type is `t` (inference passes).
    fn unify(&mut self, a: &Ty, t: &Ty) {
        if let Ty::Infer(id) = a {
            if t.is_known() && !self.inferred.contains_key(id) {
                self.inferred.insert(*id, t.clone());
                self.changed = true;
            }
        }
    }

    /// A resolved placeholder.
    fn known(&self, t: &Ty) -> Ty {
        match t {
            Ty::Infer(id) => self.inferred.get(id).cloned().unwrap_or(t.clone()),
            _ => t.clone(),
        }
    }

    /// The Lean name of an item, made unambiguous when a local or a nested module would
    /// capture its first segment.
    fn qual(&self, rel: String) -> String {
        let first = rel.split('.').next().unwrap_or("").to_string();
        let shadowed = self.scopes.iter().flatten().any(|l| l.lean == first)
            || self.sig.params.iter().any(|p| p.lean == first)
            || (1..=self.module.len()).any(|k| {
                let mut p: ModPath = self.module[..k].to_vec();
                p.push(first.clone());
                self.env.krate.has_module(&p)
            });
        if shadowed {
            format!("_root_.Zkvm.Extracted.{}", rel)
        } else {
            rel
        }
    }

    fn opaque_args(&self, key: &FnKey) -> String {
        let mut s = String::new();
        if let Some(set) = self.env.opaque_users.get(key) {
            for o in set {
                let sig = &self.env.sigs[o];
                s.push(' ');
                s.push_str(&sig.opaque_var());
            }
        }
        s
    }

    /// A Lean type as written inside this function.
    fn lty(&self, t: &Ty) -> String {
        lean_ty_with(t, &|s| self.qual(s))
    }

    fn tuple_ty(&self, items: &[Ty]) -> String {
        match items.len() {
            0 => "Unit".into(),
            1 => self.lty(&items[0]),
            _ => items
                .iter()
                .map(|t| lean_ty_atom_with(t, &|s| self.qual(s)))
                .collect::<Vec<_>>()
                .join(" × "),
        }
    }

    fn ty_of_syn(&self, t: &syn::Type) -> Res<Ty> {
        ty_inner(self.env.krate, &self.module, &self.file, t)
    }

    // ------------------------------------------------------------------ bodies

    fn body(&mut self, block: &syn::Block, out: &mut Vec<String>) -> Res<()> {
        let params = self.sig.params.clone();
        for p in &params {
            self.declare(
                &p.rust,
                p.ty.clone(),
                p.borrow == Borrow::Mut || p.mut_binding,
            );
            if p.borrow == Borrow::Mut || p.mut_binding {
                out.push(format!("{}let mut {} := {}", ind(1), p.lean, p.lean));
            }
        }
        self.block(&block.stmts, Tail::Fn, 1, out)?;
        Ok(())
    }

    /// The current values of the `&mut` parameters.
    fn mut_values(&self) -> Vec<String> {
        self.sig
            .mut_params()
            .iter()
            .map(|p| p.lean.clone())
            .collect()
    }

    /// The function result built from the Rust value `term`.
    fn fn_result(&self, term: &str) -> String {
        let muts = self.mut_values();
        if muts.is_empty() {
            return term.to_string();
        }
        let mut parts = Vec::new();
        if self.sig.ret != Ty::Unit {
            parts.push(term.to_string());
        }
        parts.extend(muts);
        tuple(&parts)
    }

    /// Emits `return` of the function result `term` from the current frame.
    fn emit_return(&mut self, term: &str, n: usize, out: &mut Vec<String>) {
        let v = self.fn_result(term);
        self.emit_propagate(&v, n, out);
    }

    /// Emits the exit with an already built function result `v`.
    fn emit_propagate(&mut self, v: &str, n: usize, out: &mut Vec<String>) {
        match self.frames.last().unwrap() {
            Frame::Fn => out.push(format!("{}return {}", ind(n), v)),
            Frame::Loop { .. } => {
                out.push(format!("{}return Step.done (Exit.ret {})", ind(n), atom(v)))
            }
            Frame::Chunk => out.push(format!("{}return Exit.ret {}", ind(n), atom(v))),
        }
    }

    fn emit_pre(pre: &[(usize, String)], n: usize, out: &mut Vec<String>) {
        for (k, l) in pre {
            out.push(format!("{}{}", ind(n + k), l));
        }
    }

    /// Translates a block; returns whether it always diverges (ends in return/break/continue).
    fn block(
        &mut self,
        stmts: &[syn::Stmt],
        tail: Tail,
        n: usize,
        out: &mut Vec<String>,
    ) -> Res<bool> {
        self.push_scope();
        self.depth += 1;
        let r = self.block_inner(stmts, tail, n, out);
        self.depth -= 1;
        self.pop_scope();
        r
    }

    fn block_inner(
        &mut self,
        stmts: &[syn::Stmt],
        tail: Tail,
        n: usize,
        out: &mut Vec<String>,
    ) -> Res<bool> {
        let count = stmts.len();
        let top = self.depth == 1 && tail == Tail::Fn;
        if top && !self.chunk_starts.is_empty() {
            // A long body: its parts become definitions of their own.
            let starts = self.chunk_starts.clone();
            for (j, &a) in starts.iter().enumerate() {
                let b = if j + 1 < starts.len() {
                    starts[j + 1]
                } else {
                    count.saturating_sub(1)
                };
                if a >= b {
                    continue;
                }
                self.emit_chunk(&stmts[a..b], &stmts[b..], n, out)?;
            }
            let k = count.saturating_sub(1);
            return self.seq(stmts, k, tail, n, out);
        }
        if top && self.measuring {
            // Measure each top-level statement alone (to plan the parts of a long body).
            for (k, s) in stmts.iter().enumerate() {
                let before = out.len();
                let last = k + 1 == count;
                let r = self.one_stmt(s, last, &tail, n, out)?;
                let c: usize = out[before..].iter().map(|l| l.matches('←').count()).sum();
                self.stmt_binds.push(c.max(1));
                if let Some(d) = r {
                    if last && matches!(s, syn::Stmt::Expr(_, None)) {
                        return Ok(d);
                    }
                    if d {
                        return Ok(true);
                    }
                }
            }
            self.finish(tail, n, out)?;
            return Ok(false);
        }
        self.seq(stmts, 0, tail, n, out)
    }

    /// The statements from index `from` on, then the block's end. A statement that leaves the
    /// block in all its branches but one gets the rest nested in that branch.
    fn seq(
        &mut self,
        stmts: &[syn::Stmt],
        from: usize,
        tail: Tail,
        n: usize,
        out: &mut Vec<String>,
    ) -> Res<bool> {
        let count = stmts.len();
        let mut k = from;
        while k < count {
            let s = &stmts[k];
            let last = k + 1 == count;
            if let syn::Stmt::Expr(e, semi) = s {
                if !(last && semi.is_none()) {
                    let rest: Vec<syn::Stmt> = stmts[k + 1..].to_vec();
                    if let Some(d) = self.nest_rest(e, &rest, &tail, n, out)? {
                        return Ok(d);
                    }
                }
            }
            match self.one_stmt(s, last, &tail, n, out)? {
                Some(d) if last && matches!(s, syn::Stmt::Expr(_, None)) => return Ok(d),
                Some(true) => {
                    if !last {
                        return self.err(
                            stmts[k + 1].span(),
                            "unreachable code",
                            "statements after return/break/continue",
                        );
                    }
                    return Ok(true);
                }
                _ => {}
            }
            k += 1;
        }
        self.finish(tail, n, out)?;
        Ok(false)
    }

    /// If the statement `e` continues in exactly one branch, emits it with `rest` (and the
    /// block's end) nested in that branch; `None` when it does not apply.
    fn nest_rest(
        &mut self,
        e: &syn::Expr,
        rest: &[syn::Stmt],
        tail: &Tail,
        n: usize,
        out: &mut Vec<String>,
    ) -> Res<Option<bool>> {
        if self.measuring {
            return Ok(None);
        }
        let mut later = Vec::new();
        for s in rest {
            mentioned_stmt(s, &mut later);
        }
        let cont = Tail::Rest(Rc::new((rest.to_vec(), tail.clone())));
        match e {
            syn::Expr::If(i) => {
                if matches!(&*i.cond, syn::Expr::Let(_)) {
                    return Ok(None);
                }
                let then_div = block_diverges(&i.then_branch.stmts);
                let else_div = i
                    .else_branch
                    .as_ref()
                    .map(|(_, x)| expr_diverges(x))
                    .unwrap_or(false);
                if then_div == else_div {
                    return Ok(None);
                }
                let cont_names = if then_div {
                    i.else_branch
                        .as_ref()
                        .map(|(_, x)| declared_expr(x))
                        .unwrap_or_default()
                } else {
                    declared_block(&i.then_branch.stmts)
                };
                if cont_names.iter().any(|x| later.contains(x)) {
                    return Ok(None);
                }
                Ok(Some(self.if_chain(i, cont, n, out)?))
            }
            syn::Expr::Match(m) => {
                let conts: Vec<bool> = m.arms.iter().map(|a| !expr_diverges(&a.body)).collect();
                if conts.iter().filter(|c| **c).count() != 1
                    || m.arms.iter().any(|a| a.guard.is_some())
                {
                    return Ok(None);
                }
                let arm = m.arms.iter().zip(&conts).find(|(_, c)| **c).unwrap().0;
                let mut names = declared_expr(&arm.body);
                pat_names(&arm.pat, &mut names);
                if names.iter().any(|x| later.contains(x)) {
                    return Ok(None);
                }
                Ok(Some(self.match_expr(m, cont, n, out)?))
            }
            syn::Expr::While(w) if w.label.is_none() && contains_return(&w.body.stmts) => Ok(Some(
                self.while_loop(Some(&w.cond), &w.body, n, out, Some(cont))?,
            )),
            syn::Expr::Loop(l) if l.label.is_none() && contains_return(&l.body.stmts) => {
                Ok(Some(self.while_loop(None, &l.body, n, out, Some(cont))?))
            }
            _ => Ok(None),
        }
    }

    /// One statement; `Some(diverges)` for expression statements.
    fn one_stmt(
        &mut self,
        s: &syn::Stmt,
        last: bool,
        tail: &Tail,
        n: usize,
        out: &mut Vec<String>,
    ) -> Res<Option<bool>> {
        match s {
            syn::Stmt::Expr(e, None) if last => {
                Ok(Some(self.tail_expr(e, tail.clone(), n, out)?))
            }
            syn::Stmt::Expr(e, _) => Ok(Some(self.stmt_expr(e, n, out)?)),
            syn::Stmt::Local(l) => {
                self.let_stmt(l, n, out)?;
                Ok(None)
            }
            syn::Stmt::Item(i) => self.err(
                i.span(),
                "nested item",
                "items inside functions are outside the subset",
            ),
            syn::Stmt::Macro(m) => {
                let name = path_segs(&m.mac.path).join("::");
                self.err(
                    m.span(),
                    "macro",
                    format!("`{}!` is outside the subset", name),
                )
            }
        }
    }

    /// The visible locals: the innermost binding of each name.
    fn visible(&self) -> Vec<Local> {
        let mut out: Vec<Local> = Vec::new();
        for l in self.scopes.iter().flatten() {
            out.retain(|x| x.rust != l.rust);
            out.push(l.clone());
        }
        out
    }

    /// Emits statements `part` of the function body as a definition of its own and calls it;
    /// `later` are the statements after it (to know which of its results are used).
    fn emit_chunk(
        &mut self,
        part: &[syn::Stmt],
        later: &[syn::Stmt],
        n: usize,
        out: &mut Vec<String>,
    ) -> Res<()> {
        let id = self.chunks.len() + 1;
        let local_name = format!("{}.part{}", self.sig.local_name, id);
        let mut used = Vec::new();
        for s in part {
            mentioned_stmt(s, &mut used);
        }
        let has_ret = contains_return(part);
        let mut_params: Vec<String> = self
            .sig
            .mut_params()
            .iter()
            .map(|p| p.rust.clone())
            .collect();
        let before = self.visible();
        let live_in: Vec<Local> = before
            .iter()
            .filter(|l| used.contains(&l.rust) || (has_ret && mut_params.contains(&l.rust)))
            .cloned()
            .collect();
        // Translate the part.
        let mut body = Vec::new();
        for l in &live_in {
            if l.mutable {
                body.push(format!("{}let mut {} := {}", ind(1), l.lean, l.lean));
            }
        }
        self.frames.push(Frame::Chunk);
        let _ = self.seq(part, 0, Tail::Part, 1, &mut body)?;
        self.frames.pop();
        let after = self.visible();
        let mut assigned = Vec::new();
        let mut scopes = vec![Vec::new()];
        collect_assigned_block(part, &mut scopes, &mut assigned);
        let mut later_used = Vec::new();
        for s in later {
            mentioned_stmt(s, &mut later_used);
        }
        let live_out: Vec<Local> = after
            .iter()
            .filter(|l| {
                let new = !before.iter().any(|b| b.lean == l.lean);
                (new || (l.mutable && assigned.contains(&l.rust)))
                    && (later_used.contains(&l.rust) || mut_params.contains(&l.rust))
            })
            .cloned()
            .collect();
        let outs: Vec<String> = live_out.iter().map(|l| l.lean.clone()).collect();
        let out_tys: Vec<Ty> = live_out.iter().map(|l| l.ty.clone()).collect();
        let tout = self.tuple_ty(&out_tys);
        // The part's ends: its results.
        let end = if has_ret {
            format!("pure (Exit.brk {})", atom(&tuple(&outs)))
        } else {
            format!("pure {}", atom(&tuple(&outs)))
        };
        for l in body.iter_mut() {
            if l.trim_start() == PART_END {
                *l = l.replace(PART_END, &end);
            }
        }
        let ret_full = self.sig.lean_result_with(&|x| self.qual(x));
        let result = if has_ret {
            format!("Exit ({}) ({})", tout, ret_full)
        } else {
            tout.clone()
        };
        // The definition: opaque functions as explicit parameters, then the live locals.
        let mut def = String::new();
        let binds: usize = body.iter().map(|l| l.matches('←').count()).sum();
        if binds > 64 {
            def.push_str(&format!("set_option maxRecDepth {} in\n", 64 * binds));
        }
        def.push_str(&format!(
            "/-- Part {} of `{}` (a long body is split into parts). -/\n",
            id, self.sig.local_name
        ));
        def.push_str(&format!("def {}", local_name));
        let mut call = self.qual(format!("{}.part{}", self.sig.lean_name, id));
        if let Some(set) = self.env.opaque_users.get(&self.sig.key) {
            for o in set {
                let os = &self.env.sigs[o];
                def.push_str(&format!(" ({} : {})", os.opaque_var(), os.opaque_type()));
                call.push(' ');
                call.push_str(&os.opaque_var());
            }
        }
        for l in &live_in {
            def.push_str(&format!(" ({} : {})", l.lean, self.lty(&l.ty)));
            call.push(' ');
            call.push_str(&l.lean);
        }
        def.push_str(&format!(" :\n    Outcome ({}) := do\n", result));
        for l in &body {
            def.push_str(l);
            def.push('\n');
        }
        self.chunks.push(def);
        // The call, and the rebinding of its results.
        let temps: Vec<String> = live_out.iter().map(|_| self.fresh()).collect();
        let pat = if temps.is_empty() {
            "_".to_string()
        } else {
            tuple(&temps)
        };
        if has_ret {
            out.push(format!("{}let {} ← match (← {}) with", ind(n), pat, call));
            out.push(format!("{}| .ret v =>", ind(n + 1)));
            out.push(format!("{}return v", ind(n + 2)));
            out.push(format!("{}| .brk s =>", ind(n + 1)));
            out.push(format!("{}pure s", ind(n + 2)));
        } else {
            out.push(format!("{}let {} ← {}", ind(n), pat, call));
        }
        for (l, t) in live_out.iter().zip(&temps) {
            let existed = before.iter().any(|b| b.lean == l.lean);
            if existed {
                out.push(format!("{}{} := {}", ind(n), l.lean, t));
            } else if l.mutable {
                out.push(format!("{}let mut {} := {}", ind(n), l.lean, t));
            } else {
                out.push(format!("{}let {} := {}", ind(n), l.lean, t));
            }
        }
        Ok(())
    }

    /// The end of a block without a final expression; returns whether it diverges.
    fn finish(&mut self, tail: Tail, n: usize, out: &mut Vec<String>) -> Res<bool> {
        match tail {
            Tail::Fn => {
                let v = self.fn_result("()");
                out.push(format!("{}pure {}", ind(n), atom(&v)));
            }
            Tail::Value | Tail::Unit => {
                if needs_unit(out, n) {
                    out.push(format!("{}pure ()", ind(n)));
                }
            }
            Tail::LoopBody => {
                let st = self.loop_state();
                out.push(format!("{}return Step.cont {}", ind(n), atom(&tuple(&st))));
            }
            Tail::Part => out.push(format!("{}{}", ind(n), PART_END)),
            Tail::Rest(r) => {
                let (stmts, t) = (&r.0, r.1.clone());
                return self.seq(stmts, 0, t, n, out);
            }
        }
        Ok(false)
    }

    fn loop_state(&self) -> Vec<String> {
        for f in self.frames.iter().rev() {
            if let Frame::Loop { state, .. } = f {
                return state.clone();
            }
        }
        Vec::new()
    }

    /// The final expression of a block, in the block's tail position.
    fn tail_expr(
        &mut self,
        e: &syn::Expr,
        tail: Tail,
        n: usize,
        out: &mut Vec<String>,
    ) -> Res<bool> {
        match e {
            syn::Expr::Return(_) | syn::Expr::Break(_) | syn::Expr::Continue(_) => {
                self.stmt_expr(e, n, out)?;
                Ok(true)
            }
            syn::Expr::If(i) if !tail.is_stmt() => self.if_chain(i, tail, n, out),
            syn::Expr::Match(m) if !tail.is_stmt() => self.match_expr(m, tail, n, out),
            syn::Expr::Block(b) if b.label.is_none() && !tail.is_stmt() => {
                self.block(&b.block.stmts, tail, n, out)
            }
            syn::Expr::Paren(p) => self.tail_expr(&p.expr, tail, n, out),
            syn::Expr::While(_)
            | syn::Expr::Loop(_)
            | syn::Expr::Assign(_)
            | syn::Expr::ForLoop(_) => {
                let d = self.stmt_expr(e, n, out)?;
                if d {
                    return Ok(true);
                }
                self.finish(tail, n, out)
            }
            syn::Expr::Binary(b) if is_compound(&b.op) => {
                self.stmt_expr(e, n, out)?;
                self.finish(tail, n, out)
            }
            _ if tail.is_stmt() => {
                // A statement in tail position (`if`/`match` without `;`): its own rules,
                // then the block's end.
                let rest: Vec<syn::Stmt> = Vec::new();
                if let Some(d) = self.nest_rest(e, &rest, &tail, n, out)? {
                    return Ok(d);
                }
                let d = self.stmt_expr(e, n, out)?;
                if d {
                    return Ok(true);
                }
                self.finish(tail, n, out)
            }
            _ => {
                let expected = if tail == Tail::Fn {
                    Some(self.sig.ret.clone())
                } else {
                    None
                };
                let c = self.expr(e, expected.as_ref())?;
                Self::emit_pre(&c.pre, n, out);
                match tail {
                    Tail::Fn => {
                        if self.mut_values().is_empty() {
                            if let Some(call) = &c.call {
                                out.push(format!("{}{}", ind(n), call));
                                return Ok(false);
                            }
                        }
                        let v = self.fn_result(&c.term);
                        out.push(format!("{}pure {}", ind(n), atom(&v)));
                    }
                    _ => match &c.call {
                        Some(call) => out.push(format!("{}{}", ind(n), call)),
                        None => out.push(format!("{}pure {}", ind(n), atom(&c.term))),
                    },
                }
                Ok(false)
            }
        }
    }

    // ------------------------------------------------------------------ statements

    /// An expression statement; returns whether it diverges.
    fn stmt_expr(&mut self, e: &syn::Expr, n: usize, out: &mut Vec<String>) -> Res<bool> {
        match e {
            syn::Expr::Return(r) => {
                match &r.expr {
                    Some(x) => {
                        let ret = self.sig.ret.clone();
                        let c = self.expr(x, Some(&ret))?;
                        Self::emit_pre(&c.pre, n, out);
                        self.emit_return(&c.term, n, out);
                    }
                    None => self.emit_return("()", n, out),
                }
                Ok(true)
            }
            syn::Expr::Break(b) => {
                if b.label.is_some() || b.expr.is_some() {
                    return self.err(b.span(), "labelled break", "only plain `break`");
                }
                let (state, has_ret) = match self.frames.last() {
                    Some(Frame::Loop { state, has_ret }) => (state.clone(), *has_ret),
                    _ => return self.err(b.span(), "break", "outside a loop"),
                };
                let st = atom(&tuple(&state));
                if has_ret {
                    out.push(format!("{}return Step.done (Exit.brk {})", ind(n), st));
                } else {
                    out.push(format!("{}return Step.done {}", ind(n), st));
                }
                Ok(true)
            }
            syn::Expr::Continue(c) => {
                if c.label.is_some() {
                    return self.err(c.span(), "labelled continue", "only plain `continue`");
                }
                let state = match self.frames.last() {
                    Some(Frame::Loop { state, .. }) => state.clone(),
                    _ => return self.err(c.span(), "continue", "outside a loop"),
                };
                out.push(format!(
                    "{}return Step.cont {}",
                    ind(n),
                    atom(&tuple(&state))
                ));
                Ok(true)
            }
            syn::Expr::Assign(a) => {
                self.assign(&a.left, None, &a.right, n, out)?;
                Ok(false)
            }
            syn::Expr::Binary(b) if is_compound(&b.op) => {
                self.assign(&b.left, Some(&b.op), &b.right, n, out)?;
                Ok(false)
            }
            syn::Expr::While(w) => {
                if w.label.is_some() {
                    return self.err(w.span(), "loop label", "labels are outside the subset");
                }
                self.while_loop(Some(&w.cond), &w.body, n, out, None)?;
                Ok(false)
            }
            syn::Expr::Loop(l) => {
                if l.label.is_some() {
                    return self.err(l.span(), "loop label", "labels are outside the subset");
                }
                self.while_loop(None, &l.body, n, out, None)?;
                Ok(false)
            }
            syn::Expr::ForLoop(f) => self.err(
                f.span(),
                "for loop",
                "use `while` (iterators are outside the subset)",
            ),
            syn::Expr::If(i) => self.if_chain(i, Tail::Unit, n, out),
            syn::Expr::Match(m) => self.match_expr(m, Tail::Unit, n, out),
            syn::Expr::Block(b) => {
                if b.block.stmts.is_empty() {
                    return Ok(false);
                }
                self.err(
                    b.span(),
                    "block statement",
                    "bare blocks are outside the subset",
                )
            }
            syn::Expr::Paren(p) => self.stmt_expr(&p.expr, n, out),
            _ => {
                let c = self.expr(e, None)?;
                Self::emit_pre(&c.pre, n, out);
                if let Some(call) = &c.call {
                    if c.ty == Ty::Unit {
                        out.push(format!("{}{}", ind(n), call));
                    } else {
                        out.push(format!("{}let _ ← {}", ind(n), call));
                    }
                } else if c.lifted() {
                    out.push(format!("{}let _ := {}", ind(n), c.term));
                }
                Ok(false)
            }
        }
    }

    fn let_stmt(&mut self, l: &syn::Local, n: usize, out: &mut Vec<String>) -> Res<()> {
        let init = match &l.init {
            Some(i) => {
                if let Some((_, d)) = &i.diverge {
                    return self.err(d.span(), "let else", "outside the subset");
                }
                &i.expr
            }
            None => return self.err(l.span(), "uninitialized let", "every `let` needs a value"),
        };
        // The pattern, with an optional type annotation.
        let (pat, annot) = match &l.pat {
            syn::Pat::Type(pt) => (&*pt.pat, Some(self.ty_of_syn(&pt.ty)?)),
            p => (p, None),
        };
        let control = matches!(&**init, syn::Expr::If(_) | syn::Expr::Match(_))
            || matches!(&**init, syn::Expr::Block(b) if !b.block.stmts.is_empty());
        match pat {
            syn::Pat::Ident(pi) => {
                if pi.by_ref.is_some() || pi.subpat.is_some() {
                    return self.err(pi.span(), "binding pattern", "only plain names");
                }
                let mutable = pi.mutability.is_some();
                let mk = if mutable { "let mut" } else { "let" };
                let name = pi.ident.to_string();
                if control {
                    let ty = match &annot {
                        Some(t) => t.clone(),
                        None => self.control_type(init)?,
                    };
                    let ty = self.decl_type(ty);
                    let ann = if ty.is_known() {
                        format!(" : {}", self.lty(&ty))
                    } else {
                        String::new()
                    };
                    // Translate before declaring (the name is not in scope in its initializer).
                    let mut body = Vec::new();
                    let lean = self.pick_name(&name);
                    // Lean does not register `let mut x ← if/match ...` as mutable: bind, then
                    // `let mut`.
                    let bound = if mutable { self.fresh() } else { lean.clone() };
                    let first = format!("{}let {}{} ← ", ind(n), bound, ann);
                    self.control_value(init, &first, n, &mut body)?;
                    out.extend(body);
                    if mutable {
                        out.push(format!("{}let mut {}{} := {}", ind(n), lean, ann, bound));
                    }
                    let _ = mk;
                    self.declare_named(&name, lean, ty, mutable);
                    return Ok(());
                }
                let c = self.expr(init, annot.as_ref())?;
                let ty = match &annot {
                    Some(t) => {
                        self.unify(&c.ty, t);
                        t.clone()
                    }
                    None => c.ty.clone(),
                };
                let ty = self.decl_type(ty);
                Self::emit_pre(&c.pre, n, out);
                let lean = self.pick_name(&name);
                let ann = if ty.is_known() {
                    format!(" : {}", self.lty(&ty))
                } else {
                    String::new()
                };
                match &c.call {
                    Some(call) => out.push(format!("{}{} {}{} ← {}", ind(n), mk, lean, ann, call)),
                    None => out.push(format!("{}{} {}{} := {}", ind(n), mk, lean, ann, c.term)),
                }
                self.declare_named(&name, lean, ty, mutable);
                Ok(())
            }
            syn::Pat::Tuple(pt) => {
                let mut names = Vec::new();
                for p in pt.elems.iter() {
                    match p {
                        syn::Pat::Ident(pi) if pi.by_ref.is_none() && pi.subpat.is_none() => {
                            names.push((pi.ident.to_string(), pi.mutability.is_some()));
                        }
                        syn::Pat::Wild(_) => names.push(("_".into(), false)),
                        other => {
                            return self.err(
                                other.span(),
                                "tuple pattern",
                                "only names and `_` in let tuples",
                            )
                        }
                    }
                }
                let leans: Vec<String> = names
                    .iter()
                    .map(|(r, _)| {
                        if r == "_" {
                            "_".to_string()
                        } else {
                            self.pick_name(r)
                        }
                    })
                    .collect();
                let pat = tuple(&leans);
                let ann = annot.clone().unwrap_or(Ty::Unknown);
                let ty = if control {
                    let ty = if ann.is_known() {
                        ann
                    } else {
                        self.control_type(init)?
                    };
                    let first = format!("{}let {} ← ", ind(n), pat);
                    self.control_value(init, &first, n, out)?;
                    ty
                } else {
                    let c = self.expr(init, if ann.is_known() { Some(&ann) } else { None })?;
                    let ty = if ann.is_known() { ann } else { c.ty.clone() };
                    Self::emit_pre(&c.pre, n, out);
                    match c.call {
                        Some(call) => out.push(format!("{}let {} ← {}", ind(n), pat, call)),
                        None => out.push(format!("{}let {} := {}", ind(n), pat, c.term)),
                    }
                    ty
                };
                let tys = match ty.strip() {
                    Ty::Tuple(v) if v.len() == pt.elems.len() => v.clone(),
                    _ => vec![Ty::Unknown; pt.elems.len()],
                };
                let mut muts = Vec::new();
                for (((r, m), t), lean) in names.into_iter().zip(tys).zip(leans) {
                    if r == "_" {
                        continue;
                    }
                    let t = self.decl_type(t);
                    let lean = self.declare_named(&r, lean, t, m);
                    if m {
                        muts.push(lean);
                    }
                }
                for m in muts {
                    out.push(format!("{}let mut {} := {}", ind(n), m, m));
                }
                Ok(())
            }
            syn::Pat::Wild(_) => {
                let c = self.expr(init, annot.as_ref())?;
                Self::emit_pre(&c.pre, n, out);
                if let Some(call) = &c.call {
                    out.push(format!("{}let _ ← {}", ind(n), call));
                } else if c.lifted() {
                    out.push(format!("{}let _ := {}", ind(n), c.term));
                }
                Ok(())
            }
            other => self.err(
                other.span(),
                "let pattern",
                "only names, tuples of names and `_`",
            ),
        }
    }

    /// The type of an `if`/`match`/block expression (the type of its first value-producing
    /// branch), found by translating it into a scratch buffer.
    fn control_type(&mut self, e: &syn::Expr) -> Res<Ty> {
        let saved_tmp = self.tmp;
        let saved_refs = self.refs.clone();
        let saved_changed = self.changed;
        let saved_decl = self.decl_counter;
        let r = self.branch_type(e);
        self.tmp = saved_tmp;
        self.refs = saved_refs;
        self.changed = saved_changed || self.changed;
        self.decl_counter = saved_decl;
        r
    }

    fn branch_type(&mut self, e: &syn::Expr) -> Res<Ty> {
        match e {
            syn::Expr::If(i) => {
                let t = self.block_value_type(&i.then_branch.stmts)?;
                if t.is_known() {
                    return Ok(t);
                }
                match &i.else_branch {
                    Some((_, eb)) => self.branch_type(eb),
                    None => Ok(Ty::Unit),
                }
            }
            syn::Expr::Match(m) => {
                // Bind the arm patterns to find the arm's value types.
                let disc = self.expr(&m.expr, None)?;
                let mut found = Ty::Unknown;
                for arm in &m.arms {
                    self.push_scope();
                    let _ = self.pattern(&arm.pat, &disc.ty);
                    let t = self.branch_type(&arm.body);
                    self.pop_scope();
                    let t = t?;
                    if t.is_known() {
                        found = t;
                        break;
                    }
                    if found == Ty::Unknown && t != Ty::Unknown {
                        found = t;
                    }
                }
                Ok(found)
            }
            syn::Expr::Block(b) => self.block_value_type(&b.block.stmts),
            syn::Expr::Return(_) | syn::Expr::Break(_) | syn::Expr::Continue(_) => Ok(Ty::Unknown),
            syn::Expr::Paren(p) => self.branch_type(&p.expr),
            other => Ok(self.expr(other, None)?.ty),
        }
    }

    fn block_value_type(&mut self, stmts: &[syn::Stmt]) -> Res<Ty> {
        self.push_scope();
        let mut scratch = Vec::new();
        let mut result = Ok(Ty::Unit);
        for (k, s) in stmts.iter().enumerate() {
            if k + 1 == stmts.len() {
                if let syn::Stmt::Expr(e, None) = s {
                    result = self.branch_type(e);
                    break;
                }
            }
            if let syn::Stmt::Local(l) = s {
                if let Err(e) = self.let_stmt(l, 0, &mut scratch) {
                    result = Err(e);
                    break;
                }
            }
            if let syn::Stmt::Expr(e, _) = s {
                if matches!(e, syn::Expr::Return(_)) && k + 1 == stmts.len() {
                    result = Ok(Ty::Unknown);
                }
            }
        }
        self.pop_scope();
        result
    }

    /// Emits `first` followed by the do-element computing the value of a control expression
    /// (`if`, `match`, block), whose branches end in `pure v`.
    fn control_value(
        &mut self,
        e: &syn::Expr,
        first: &str,
        n: usize,
        out: &mut Vec<String>,
    ) -> Res<()> {
        let mut body = Vec::new();
        match e {
            syn::Expr::If(i) => {
                self.if_chain(i, Tail::Value, n, &mut body)?;
            }
            syn::Expr::Match(m) => {
                self.match_expr(m, Tail::Value, n, &mut body)?;
            }
            syn::Expr::Block(b) => {
                // `let x = { ... };`: a do-block of its own (where `return` would be local).
                if contains_return(&b.block.stmts) {
                    return self.err(
                        b.span(),
                        "block expression",
                        "`return` inside a block expression",
                    );
                }
                out.push(format!("{}do", first));
                self.block(&b.block.stmts, Tail::Value, n + 1, out)?;
                return Ok(());
            }
            _ => unreachable!(),
        }
        // The first emitted line holds the `if`/`match` head (after its pre lines).
        let head = body.iter().position(|l| {
            let t = l.trim_start();
            t.starts_with("if ") || t.starts_with("match ")
        });
        match head {
            Some(h) => {
                for l in &body[..h] {
                    out.push(l.clone());
                }
                out.push(format!("{}{}", first, body[h].trim_start()));
                for l in &body[h + 1..] {
                    out.push(l.clone());
                }
                Ok(())
            }
            None => self.err(e.span(), "control expression", "internal: no head"),
        }
    }

    // ------------------------------------------------------------------ places, assignment

    /// `left = right` or `left op= right`.
    fn assign(
        &mut self,
        left: &syn::Expr,
        op: Option<&syn::BinOp>,
        right: &syn::Expr,
        n: usize,
        out: &mut Vec<String>,
    ) -> Res<()> {
        let place_ty = self.place_type(left)?;
        let rc = self.expr(right, Some(&place_ty))?;
        self.unify(&place_ty, &rc.ty);
        if let Ty::Infer(_) = place_ty {
        } else {
            self.unify(&rc.ty, &place_ty);
        }
        Self::emit_pre(&rc.pre, n, out);
        // Rust evaluates the right operand first, then the place.
        let mut value = match op {
            None => rc.clone(),
            Some(op) => {
                let rterm = if rc.lifted() {
                    let t = self.fresh();
                    out.push(format!("{}let {} := {}", ind(n), t, rc.term));
                    Code::pure(t, rc.ty.clone())
                } else {
                    Code {
                        pre: Vec::new(),
                        ..rc.clone()
                    }
                };
                let cur = self.place_read(left)?;
                Self::emit_pre(&cur.pre, n, out);
                let bop = compound_base(op);
                self.arith(&bop, cur, rterm, left.span())?
            }
        };
        value.pre.clear();
        if op.is_none() && value.lifted() && !matches!(strip_parens(left), syn::Expr::Path(_)) {
            let t = self.fresh();
            out.push(format!("{}let {} := {}", ind(n), t, value.term));
            value = Code::pure(t, value.ty.clone());
        }
        self.store(left, value, n, out)
    }

    fn place_type(&mut self, e: &syn::Expr) -> Res<Ty> {
        let saved = (self.tmp, self.refs.clone());
        let c = self.expr(e, None);
        self.tmp = saved.0;
        self.refs = saved.1;
        Ok(c?.ty)
    }

    /// The current value of a place (for `op=` and mutating calls).
    fn place_read(&mut self, e: &syn::Expr) -> Res<Code> {
        self.expr(e, None)
    }

    /// Stores `value` into the place `e` (a local, a field of a place, an element of a place).
    fn store(&mut self, e: &syn::Expr, value: Code, n: usize, out: &mut Vec<String>) -> Res<()> {
        match strip_parens(e) {
            syn::Expr::Path(p) if p.path.segments.len() == 1 => {
                let name = p.path.segments[0].ident.to_string();
                let local = match self.lookup(&name) {
                    Some(l) => l.clone(),
                    None => {
                        return self.err(
                            p.span(),
                            "assignment",
                            format!("`{}` is not a local variable", name),
                        )
                    }
                };
                if !local.mutable {
                    return self.err(p.span(), "assignment", format!("`{}` is not mutable", name));
                }
                self.unify(&local.ty, &value.ty);
                match &value.call {
                    Some(call) => out.push(format!("{}{} ← {}", ind(n), local.lean, call)),
                    None => out.push(format!("{}{} := {}", ind(n), local.lean, value.term)),
                }
                Ok(())
            }
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                self.store(&u.expr, value, n, out)
            }
            syn::Expr::Field(f) => {
                let base = self.place_read(&f.base)?;
                Self::emit_pre(&base.pre, n, out);
                let field = match &f.member {
                    syn::Member::Named(i) => lean_ident(&i.to_string()),
                    syn::Member::Unnamed(_) => {
                        return self.err(f.span(), "tuple field assignment", "outside the subset")
                    }
                };
                let term = format!("{{ {} with {} := {} }}", base.term, field, value.term);
                self.store(&f.base, Code::pure(term, base.ty), n, out)
            }
            syn::Expr::Index(ix) => {
                let base = self.place_read(&ix.expr)?;
                let i = self.expr(&ix.index, Some(&Ty::Int(IntTy::Usize)))?;
                self.unify(&i.ty, &Ty::Int(IntTy::Usize));
                Self::emit_pre(&base.pre, n, out);
                Self::emit_pre(&i.pre, n, out);
                let call = format!(
                    "Slice.update {} {} {}",
                    atom(&base.term),
                    atom(&i.term),
                    atom(&value.term)
                );
                self.store(&ix.expr, Code::lift(call, base.ty), n, out)
            }
            other => self.err(
                other.span(),
                "assignment target",
                "only locals, fields and indexed elements",
            ),
        }
    }

    // ------------------------------------------------------------------ control flow

    fn if_chain(
        &mut self,
        i: &syn::ExprIf,
        tail: Tail,
        n: usize,
        out: &mut Vec<String>,
    ) -> Res<bool> {
        if let syn::Expr::Let(l) = &*i.cond {
            return self.err(l.span(), "if let", "use `match`");
        }
        let c = self.expr(&i.cond, Some(&Ty::Bool))?;
        Self::emit_pre(&c.pre, n, out);
        out.push(format!("{}if {} then", ind(n), cond_term(&c.term)));
        let d1 = self.block(&i.then_branch.stmts, tail.clone(), n + 1, out)?;
        let d2 = match &i.else_branch {
            None => {
                if tail != Tail::Unit {
                    // `if` without `else`: the other path goes on to the block's end.
                    out.push(format!("{}else", ind(n)));
                    self.finish(tail, n + 1, out)?
                } else {
                    false
                }
            }
            Some((_, e)) => match &**e {
                syn::Expr::If(inner) => {
                    // `else if` keeps its condition inside the else branch.
                    out.push(format!("{}else", ind(n)));
                    self.if_chain(inner, tail, n + 1, out)?
                }
                syn::Expr::Block(b) => {
                    out.push(format!("{}else", ind(n)));
                    self.block(&b.block.stmts, tail, n + 1, out)?
                }
                other => return self.err(other.span(), "else branch", "expected a block"),
            },
        };
        Ok(d1 && d2)
    }

    fn match_expr(
        &mut self,
        m: &syn::ExprMatch,
        tail: Tail,
        n: usize,
        out: &mut Vec<String>,
    ) -> Res<bool> {
        for arm in &m.arms {
            if let Some((_, g)) = &arm.guard {
                return self.err(g.span(), "match guard", "outside the subset");
            }
        }
        let disc = self.expr(&m.expr, None)?;
        let literal_arms = m.arms.iter().any(|a| self.is_value_pattern(&a.pat));
        if literal_arms {
            return self.match_values(m, disc, tail, n, out);
        }
        Self::emit_pre(&disc.pre, n, out);
        out.push(format!("{}match {} with", ind(n), disc.term));
        let mut all = true;
        for arm in &m.arms {
            self.push_scope();
            let pat = self.pattern(&arm.pat, &disc.ty)?;
            out.push(format!("{}| {} =>", ind(n), pat));
            let d = self.arm_body(&arm.body, tail.clone(), n + 1, out)?;
            self.pop_scope();
            all &= d;
        }
        Ok(all)
    }

    fn arm_body(
        &mut self,
        body: &syn::Expr,
        tail: Tail,
        n: usize,
        out: &mut Vec<String>,
    ) -> Res<bool> {
        match body {
            syn::Expr::Block(b) if b.label.is_none() => self.block(&b.block.stmts, tail, n, out),
            e => {
                let tail2 = tail.clone();
                let d = if tail2.is_stmt() {
                    let d = self.stmt_expr(e, n, out)?;
                    if d {
                        true
                    } else {
                        self.finish(tail, n, out)?
                    }
                } else {
                    self.tail_expr(e, tail, n, out)?
                };
                Ok(d)
            }
        }
    }

    /// A `match` on integer values (literals and constants): an `if` chain.
    fn match_values(
        &mut self,
        m: &syn::ExprMatch,
        disc: Code,
        tail: Tail,
        n: usize,
        out: &mut Vec<String>,
    ) -> Res<bool> {
        Self::emit_pre(&disc.pre, n, out);
        let scrut = if is_literal(&disc.term)
            || disc
                .term
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '\'')
        {
            disc.term.clone()
        } else {
            let t = self.fresh();
            out.push(format!("{}let {} := {}", ind(n), t, disc.term));
            t
        };
        let mut depth = n;
        let mut all = true;
        let count = m.arms.len();
        for (k, arm) in m.arms.iter().enumerate() {
            let conds = self.value_conditions(&arm.pat, &scrut, &disc.ty)?;
            let last = k + 1 == count;
            match conds {
                Some(c) => {
                    out.push(format!("{}if {} then", ind(depth), c));
                    self.push_scope();
                    let d = self.arm_body(&arm.body, tail.clone(), depth + 1, out)?;
                    self.pop_scope();
                    all &= d;
                    out.push(format!("{}else", ind(depth)));
                    depth += 1;
                    if last {
                        return self.err(
                            arm.pat.span(),
                            "match",
                            "a match on values needs a final `_` arm",
                        );
                    }
                }
                None => {
                    // `_` or a binding: the default arm.
                    self.push_scope();
                    if let syn::Pat::Ident(pi) = &arm.pat {
                        let lean = self.declare(&pi.ident.to_string(), disc.ty.clone(), false);
                        out.push(format!("{}let {} := {}", ind(depth), lean, scrut));
                    }
                    let d = self.arm_body(&arm.body, tail.clone(), depth, out)?;
                    self.pop_scope();
                    all &= d;
                    if !last {
                        return self.err(arm.pat.span(), "match", "arms after a catch-all arm");
                    }
                }
            }
        }
        Ok(all)
    }

    /// The condition for a value pattern (`None` for a catch-all).
    fn value_conditions(&mut self, p: &syn::Pat, scrut: &str, ty: &Ty) -> Res<Option<String>> {
        match p {
            syn::Pat::Wild(_) => Ok(None),
            syn::Pat::Ident(pi)
                if pi.subpat.is_none() && self.const_pattern(&pi.ident.to_string()).is_none() =>
            {
                Ok(None)
            }
            syn::Pat::Or(o) => {
                let mut parts = Vec::new();
                for c in &o.cases {
                    match self.value_conditions(c, scrut, ty)? {
                        Some(s) => parts.push(s),
                        None => {
                            return self.err(
                                c.span(),
                                "or pattern",
                                "catch-all inside an or-pattern",
                            )
                        }
                    }
                }
                Ok(Some(parts.join(" || ")))
            }
            syn::Pat::Lit(l) => {
                let v = match &l.lit {
                    syn::Lit::Int(i) => i.base10_digits().to_string(),
                    syn::Lit::Bool(b) => b.value.to_string(),
                    other => {
                        return self.err(
                            other.span(),
                            "literal pattern",
                            "only integers and booleans",
                        )
                    }
                };
                Ok(Some(format!("decide ({} = {})", scrut, v)))
            }
            syn::Pat::Path(pp) => {
                let segs = path_segs(&pp.path);
                match self.env.krate.resolve(&self.module, &segs) {
                    Some(Target::Item(im, name))
                        if matches!(
                            self.env.krate.item(&im, &name).map(|i| &i.kind),
                            Some(ItemKind::Const(_))
                        ) =>
                    {
                        self.refs.insert(Ref::Item(im.clone(), name.clone()));
                        Ok(Some(format!(
                            "decide ({} = {})",
                            scrut,
                            self.qual(lean_item(&im, &name))
                        )))
                    }
                    _ => self.err(pp.span(), "pattern", "expected a constant"),
                }
            }
            syn::Pat::Ident(pi) => {
                let (im, name) = self.const_pattern(&pi.ident.to_string()).unwrap();
                self.refs.insert(Ref::Item(im.clone(), name.clone()));
                Ok(Some(format!(
                    "decide ({} = {})",
                    scrut,
                    self.qual(lean_item(&im, &name))
                )))
            }
            other => self.err(
                other.span(),
                "pattern",
                "value patterns must be literals, constants or `_`",
            ),
        }
    }

    /// Whether a match arm pattern compares values (literals, constants) rather than taking
    /// a value apart.
    fn is_value_pattern(&self, p: &syn::Pat) -> bool {
        match p {
            syn::Pat::Lit(_) => true,
            syn::Pat::Or(o) => o.cases.iter().any(|c| self.is_value_pattern(c)),
            syn::Pat::Ident(pi) => {
                pi.subpat.is_none() && self.const_pattern(&pi.ident.to_string()).is_some()
            }
            syn::Pat::Path(pp) => matches!(
                self.env.krate.resolve(&self.module, &path_segs(&pp.path)),
                Some(Target::Item(ref im, ref n)) if matches!(self.env.krate.item(im, n).map(|i| &i.kind), Some(ItemKind::Const(_)))
            ),
            _ => false,
        }
    }

    fn const_pattern(&self, name: &str) -> Option<(ModPath, String)> {
        match self.env.krate.resolve(&self.module, &[name.to_string()]) {
            Some(Target::Item(im, n))
                if matches!(
                    self.env.krate.item(&im, &n).map(|i| &i.kind),
                    Some(ItemKind::Const(_))
                ) =>
            {
                Some((im, n))
            }
            _ => None,
        }
    }

    /// A structural pattern; binds its variables in the current scope.
    fn pattern(&mut self, p: &syn::Pat, ty: &Ty) -> Res<String> {
        match p {
            syn::Pat::Wild(_) => Ok("_".into()),
            syn::Pat::Ident(pi) => {
                if pi.by_ref.is_some() || pi.subpat.is_some() {
                    return self.err(pi.span(), "binding pattern", "only plain names");
                }
                let name = pi.ident.to_string();
                if name == "None" {
                    return Ok("none".into());
                }
                if let Some(Target::Variant(em, en, v)) =
                    self.env.krate.resolve(&self.module, &[name.clone()])
                {
                    self.refs.insert(Ref::Item(em.clone(), en.clone()));
                    return Ok(self.qual(format!("{}.{}", lean_item(&em, &en), lean_ident(&v))));
                }
                if self.const_pattern(&name).is_some() {
                    return self.err(
                        pi.span(),
                        "constant pattern",
                        "mixed with structural patterns",
                    );
                }
                if pi.mutability.is_some() {
                    return self.err(pi.span(), "mut binding in pattern", "bind, then `let mut`");
                }
                Ok(self.declare(&name, ty.clone(), false))
            }
            syn::Pat::Reference(r) => self.pattern(&r.pat, ty),
            syn::Pat::Paren(pp) => self.pattern(&pp.pat, ty),
            syn::Pat::Tuple(t) => {
                if t.elems.is_empty() {
                    return Ok("()".into());
                }
                let tys = match ty.strip() {
                    Ty::Tuple(v) if v.len() == t.elems.len() => v.clone(),
                    _ => vec![Ty::Unknown; t.elems.len()],
                };
                let mut parts = Vec::new();
                for (e, t) in t.elems.iter().zip(tys) {
                    parts.push(self.pattern(e, &t)?);
                }
                Ok(format!("({})", parts.join(", ")))
            }
            syn::Pat::Or(o) => {
                let mut parts = Vec::new();
                for c in &o.cases {
                    parts.push(self.pattern(c, ty)?);
                }
                Ok(parts.join(" | "))
            }
            syn::Pat::Path(pp) => {
                let segs = path_segs(&pp.path);
                if segs.len() == 1 && segs[0] == "None" {
                    return Ok("none".into());
                }
                match self.env.krate.resolve(&self.module, &segs) {
                    Some(Target::Variant(em, en, v)) => {
                        self.refs.insert(Ref::Item(em.clone(), en.clone()));
                        Ok(self.qual(format!("{}.{}", lean_item(&em, &en), lean_ident(&v))))
                    }
                    _ => self.err(pp.span(), "pattern", "unknown variant"),
                }
            }
            syn::Pat::TupleStruct(ts) => {
                let segs = path_segs(&ts.path);
                let inner_tys: Vec<Ty>;
                let head: String;
                if segs.len() == 1 && (segs[0] == "Some" || segs[0] == "Ok" || segs[0] == "Err") {
                    let t = match (segs[0].as_str(), ty.strip()) {
                        ("Some", Ty::Option(t)) => (**t).clone(),
                        ("Ok", Ty::Result(t, _)) => (**t).clone(),
                        ("Err", Ty::Result(_, e)) => (**e).clone(),
                        _ => Ty::Unknown,
                    };
                    inner_tys = vec![t];
                    head = match segs[0].as_str() {
                        "Some" => "some".into(),
                        "Ok" => ".ok".into(),
                        _ => ".error".into(),
                    };
                } else {
                    match self.env.krate.resolve(&self.module, &segs) {
                        Some(Target::Variant(em, en, v)) => {
                            self.refs.insert(Ref::Item(em.clone(), en.clone()));
                            inner_tys = self.variant_fields(&em, &en, &v, ts.span())?;
                            head = self.qual(format!("{}.{}", lean_item(&em, &en), lean_ident(&v)));
                        }
                        _ => return self.err(ts.span(), "pattern", "unknown variant"),
                    }
                }
                if inner_tys.len() != ts.elems.len() {
                    return self.err(ts.span(), "pattern", "wrong number of fields");
                }
                let mut parts = vec![head];
                for (e, t) in ts.elems.iter().zip(inner_tys) {
                    let s = self.pattern(e, &t)?;
                    parts.push(atom(&s));
                }
                Ok(parts.join(" "))
            }
            syn::Pat::Struct(s) => self.err(s.span(), "struct pattern", "outside the subset"),
            syn::Pat::Slice(s) => self.err(s.span(), "slice pattern", "outside the subset"),
            syn::Pat::Range(r) => self.err(r.span(), "range pattern", "outside the subset"),
            syn::Pat::Lit(l) => self.err(
                l.span(),
                "literal pattern",
                "mixed with structural patterns",
            ),
            other => self.err(other.span(), "pattern", "outside the subset"),
        }
    }

    fn variant_fields(&self, em: &ModPath, en: &str, v: &str, span: Span) -> Res<Vec<Ty>> {
        let item = self.env.krate.item(em, en).unwrap();
        let file = self.env.krate.module(em).file.clone();
        if let ItemKind::Enum(e) = &item.kind {
            for var in &e.variants {
                if var.ident == v {
                    let mut tys = Vec::new();
                    for f in var.fields.iter() {
                        tys.push(ty_inner(self.env.krate, em, &file, &f.ty)?);
                    }
                    return Ok(tys);
                }
            }
        }
        reject(&self.file, span, "variant", format!("no variant `{}`", v))
    }

    // ------------------------------------------------------------------ loops

    /// A loop; `rest` (with a `return` inside the loop) is what follows it, nested in the
    /// normal exit. Returns whether the code after the loop diverges.
    fn while_loop(
        &mut self,
        cond: Option<&syn::Expr>,
        body: &syn::Block,
        n: usize,
        out: &mut Vec<String>,
        rest: Option<Tail>,
    ) -> Res<bool> {
        // The loop state: locals declared outside the loop that the loop may assign.
        let mut names: Vec<String> = Vec::new();
        let mut inner: Vec<Vec<String>> = vec![Vec::new()];
        collect_assigned_block(&body.stmts, &mut inner, &mut names);
        let mut state: Vec<Local> = Vec::new();
        for nm in &names {
            if let Some(l) = self.lookup(nm) {
                if l.mutable && !state.iter().any(|s| s.rust == *nm) {
                    state.push(l.clone());
                }
            }
        }
        for s in &mut state {
            s.ty = self.known(&s.ty);
        }
        if !self.infer_mode {
            for s in &state {
                if !s.ty.is_known() {
                    return self.err(
                        body.span(),
                        "loop state",
                        format!("cannot infer the type of `{}`", s.rust),
                    );
                }
            }
        }
        let has_ret = contains_return(&body.stmts);
        let names_lean: Vec<String> = state.iter().map(|l| l.lean.clone()).collect();
        let tys: Vec<Ty> = state.iter().map(|l| l.ty.clone()).collect();
        let sigma = self.tuple_ty(&tys);
        let ret_full = self.sig.lean_result_with(&|x| self.qual(x));
        let rho = if has_ret {
            format!("Exit ({}) ({})", sigma, ret_full)
        } else {
            sigma.clone()
        };
        let pat = if names_lean.is_empty() {
            "_".to_string()
        } else {
            tuple(&names_lean)
        };
        let measure = cond.and_then(|c| self.measure(c, &state));
        let r = self.fresh();
        match &measure {
            Some(m) => {
                out.push(format!(
                    "{}let {} ← loop (σ := {}) (ρ := {})",
                    ind(n),
                    r,
                    sigma,
                    rho
                ));
                out.push(format!("{}(fun {} => {})", ind(n + 2), pat, m));
            }
            None => {
                out.push(format!(
                    "{}let {} ← loopFix (σ := {}) (ρ := {})",
                    ind(n),
                    r,
                    sigma,
                    rho
                ));
            }
        }
        out.push(format!("{}(fun {} => do", ind(n + 2), pat));
        let b = n + 3;
        for l in &names_lean {
            out.push(format!("{}let mut {} := {}", ind(b), l, l));
        }
        self.frames.push(Frame::Loop {
            state: names_lean.clone(),
            has_ret,
        });
        self.push_scope();
        for l in &state {
            self.scopes.last_mut().unwrap().push(l.clone());
        }
        let brk = if has_ret {
            format!("return Step.done (Exit.brk {})", atom(&tuple(&names_lean)))
        } else {
            format!("return Step.done {}", atom(&tuple(&names_lean)))
        };
        match cond {
            Some(c) => {
                let cc = self.expr(c, Some(&Ty::Bool))?;
                Self::emit_pre(&cc.pre, b, out);
                out.push(format!("{}if {} then", ind(b), cond_term(&cc.term)));
                self.block(&body.stmts, Tail::LoopBody, b + 1, out)?;
                out.push(format!("{}else", ind(b)));
                out.push(format!("{}{})", ind(b + 1), brk));
            }
            None => {
                self.block(&body.stmts, Tail::LoopBody, b, out)?;
                let last = out.pop().unwrap();
                out.push(format!("{})", last));
            }
        }
        self.pop_scope();
        self.frames.pop();
        out.push(format!("{}{}", ind(n + 2), atom(&tuple(&names_lean))));
        if has_ret {
            // Fresh names: the rest nested below must not see these binders.
            let (v, st) = (self.fresh(), self.fresh());
            out.push(format!("{}match {} with", ind(n), r));
            out.push(format!("{}| .ret {} =>", ind(n), v));
            self.emit_propagate(&v, n + 1, out);
            out.push(format!("{}| .brk {} =>", ind(n), st));
            if !names_lean.is_empty() {
                out.push(format!("{}{} := {}", ind(n + 1), tuple(&names_lean), st));
            }
            match rest {
                Some(t) => return self.finish(t, n + 1, out),
                None => {
                    if names_lean.is_empty() {
                        out.push(format!("{}pure ()", ind(n + 1)));
                    }
                }
            }
        } else {
            if !names_lean.is_empty() {
                out.push(format!("{}{} := {}", ind(n), tuple(&names_lean), r));
            }
            if let Some(t) = rest {
                return self.finish(t, n, out);
            }
        }
        Ok(false)
    }

    /// The measure of a loop from its condition: a state variable compared in it that must
    /// grow (`i < n`: `2^N - i`) or shrink (`k > 0`: `k`).
    fn measure(&self, cond: &syn::Expr, state: &[Local]) -> Option<String> {
        let mut cands: Vec<(String, bool)> = Vec::new();
        comparisons(cond, &mut |op, l, r| {
            let (small, large) = match op {
                syn::BinOp::Lt(_) | syn::BinOp::Le(_) => (l, r),
                syn::BinOp::Gt(_) | syn::BinOp::Ge(_) => (r, l),
                syn::BinOp::Ne(_) => {
                    let mut v = Vec::new();
                    mentioned(l, &mut v);
                    for x in v {
                        cands.push((x, false));
                    }
                    return;
                }
                _ => return,
            };
            let mut up = Vec::new();
            mentioned(small, &mut up);
            for x in up {
                cands.push((x, true));
            }
            let mut down = Vec::new();
            mentioned(large, &mut down);
            for x in down {
                cands.push((x, false));
            }
        });
        for (name, increasing) in cands {
            if let Some(l) = state.iter().find(|s| s.rust == name) {
                if let Some(it) = l.ty.int() {
                    return Some(if increasing {
                        format!("2 ^ {} - {}.toNat", it.bits(), l.lean)
                    } else {
                        format!("{}.toNat", l.lean)
                    });
                }
            }
        }
        None
    }

    // ------------------------------------------------------------------ expressions

    /// Combines operand codes in Rust's left-to-right order: when an operand needs
    /// statements first, the operands before it are evaluated into temporaries.
    fn combine(&mut self, codes: Vec<Code>) -> (Vec<(usize, String)>, Vec<String>) {
        let mut pre = Vec::new();
        let mut terms: Vec<String> = Vec::new();
        for c in codes {
            if !c.pre.is_empty() {
                for t in terms.iter_mut() {
                    if !is_literal(t) {
                        let name = self.fresh();
                        pre.push((0, format!("let {} := {}", name, t)));
                        *t = name;
                    }
                }
                pre.extend(c.pre);
            }
            terms.push(c.term);
        }
        (pre, terms)
    }

    fn expr(&mut self, e: &syn::Expr, expected: Option<&Ty>) -> Res<Code> {
        let c = self.expr_inner(e, expected)?;
        Ok(Code {
            ty: self.known(&c.ty),
            ..c
        })
    }

    fn expr_inner(&mut self, e: &syn::Expr, expected: Option<&Ty>) -> Res<Code> {
        match e {
            syn::Expr::Lit(l) => self.literal(&l.lit, expected),
            syn::Expr::Paren(p) => self.expr(&p.expr, expected),
            syn::Expr::Group(g) => self.expr(&g.expr, expected),
            syn::Expr::Reference(r) => self.expr(&r.expr, expected),
            syn::Expr::Unary(u) => self.unary(u, expected),
            syn::Expr::Binary(b) => self.binary(b, expected),
            syn::Expr::Cast(c) => self.cast(c),
            syn::Expr::Path(p) => self.path_expr(p, expected),
            syn::Expr::Call(c) => self.call(c, expected),
            syn::Expr::MethodCall(m) => self.method_call(m, expected),
            syn::Expr::Field(f) => self.field(f),
            syn::Expr::Index(i) => self.index(i),
            syn::Expr::Array(a) => {
                let elem = expected.and_then(|t| t.elem().cloned());
                let mut codes = Vec::new();
                let mut ety = elem.clone().unwrap_or(Ty::Unknown);
                for x in &a.elems {
                    let c = self.expr(
                        x,
                        elem.as_ref()
                            .or(if ety.is_known() { Some(&ety) } else { None }),
                    )?;
                    if !ety.is_known() && c.ty.is_known() {
                        ety = c.ty.clone();
                    }
                    codes.push(c);
                }
                let (pre, terms) = self.combine(codes);
                let ty = match expected {
                    Some(t) if t.is_known() => t.clone(),
                    _ => Ty::List(Box::new(ety)),
                };
                Ok(Code {
                    pre,
                    term: format!("[{}]", terms.join(", ")),
                    ty,
                    call: None,
                })
            }
            syn::Expr::Repeat(r) => {
                let elem = expected.and_then(|t| t.elem().cloned());
                let x = self.expr(&r.expr, elem.as_ref())?;
                let len = self.expr(&r.len, Some(&Ty::Int(IntTy::Usize)))?;
                let ety = x.ty.clone();
                let (pre, terms) = self.combine(vec![x, len]);
                let ty = match expected {
                    Some(t) if t.is_known() => t.clone(),
                    _ => Ty::List(Box::new(ety)),
                };
                Ok(Code {
                    pre,
                    term: format!("(Slice.repeat {} {})", atom(&terms[0]), atom(&terms[1])),
                    ty,
                    call: None,
                })
            }
            syn::Expr::Tuple(t) => {
                if t.elems.is_empty() {
                    return Ok(Code::pure("()", Ty::Unit));
                }
                let exp: Vec<Option<Ty>> = match expected.map(|x| x.strip().clone()) {
                    Some(Ty::Tuple(v)) if v.len() == t.elems.len() => {
                        v.into_iter().map(Some).collect()
                    }
                    _ => vec![None; t.elems.len()],
                };
                let mut codes = Vec::new();
                for (x, et) in t.elems.iter().zip(exp) {
                    codes.push(self.expr(x, et.as_ref())?);
                }
                let tys: Vec<Ty> = codes.iter().map(|c| c.ty.clone()).collect();
                let (pre, terms) = self.combine(codes);
                Ok(Code {
                    pre,
                    term: format!("({})", terms.join(", ")),
                    ty: Ty::Tuple(tys),
                    call: None,
                })
            }
            syn::Expr::Struct(s) => self.struct_lit(s),
            syn::Expr::If(_) | syn::Expr::Match(_) | syn::Expr::Block(_) => {
                self.control_expr(e, expected)
            }
            syn::Expr::Macro(m) => self.macro_expr(&m.mac, expected),
            syn::Expr::Closure(c) => {
                self.err(c.span(), "closure", "closures are outside the subset")
            }
            syn::Expr::Try(t) => self.err(t.span(), "? operator", "write the `match` out"),
            syn::Expr::Range(r) => self.err(r.span(), "range", "ranges only in slicing `a[s..e]`"),
            syn::Expr::ForLoop(f) => self.err(f.span(), "for loop", "use `while`"),
            syn::Expr::Unsafe(u) => self.err(u.span(), "unsafe", "outside the subset"),
            syn::Expr::Async(a) => self.err(a.span(), "async", "outside the subset"),
            syn::Expr::Await(a) => self.err(a.span(), "await", "outside the subset"),
            syn::Expr::Let(l) => self.err(l.span(), "let expression", "outside the subset"),
            syn::Expr::Return(r) => self.err(
                r.span(),
                "return in expression",
                "`return` only as a statement or match arm",
            ),
            syn::Expr::Assign(a) => self.err(
                a.span(),
                "assignment in expression",
                "assignments only as statements",
            ),
            syn::Expr::While(w) => {
                self.err(w.span(), "while in expression", "loops only as statements")
            }
            syn::Expr::Loop(l) => {
                self.err(l.span(), "loop in expression", "loops only as statements")
            }
            other => self.err(other.span(), "expression", "outside the subset"),
        }
    }

    fn literal(&mut self, l: &syn::Lit, expected: Option<&Ty>) -> Res<Code> {
        match l {
            syn::Lit::Int(i) => {
                let v: u128 = match i.base10_parse() {
                    Ok(v) => v,
                    Err(x) => {
                        return Err(reject_at(
                            &self.file,
                            i.span(),
                            "integer literal",
                            x.to_string(),
                        ))
                    }
                };
                let ty = match i.suffix() {
                    "" => match expected.and_then(|t| t.int()) {
                        Some(t) => Ty::Int(t),
                        None => Ty::IntLit,
                    },
                    s => match IntTy::from_name(s) {
                        Some(t) => Ty::Int(t),
                        None => {
                            return self.err(
                                i.span(),
                                "integer literal",
                                format!("suffix `{}` is outside the subset", s),
                            )
                        }
                    },
                };
                if let Some(t) = ty.int() {
                    if v > t.max() {
                        return self.err(i.span(), "integer literal", "out of range");
                    }
                }
                Ok(Code::pure(v.to_string(), ty))
            }
            syn::Lit::Bool(b) => Ok(Code::pure(b.value.to_string(), Ty::Bool)),
            syn::Lit::Byte(b) => Ok(Code::pure(
                (b.value() as u32).to_string(),
                Ty::Int(IntTy::U8),
            )),
            syn::Lit::ByteStr(b) => {
                let v: Vec<String> = b.value().iter().map(|x| x.to_string()).collect();
                Ok(Code::pure(
                    format!("[{}]", v.join(", ")),
                    Ty::List(Box::new(Ty::Int(IntTy::U8))),
                ))
            }
            syn::Lit::Str(s) => Ok(Code::pure(format!("{:?}", s.value()), Ty::Str)),
            other => self.err(other.span(), "literal", "outside the subset"),
        }
    }

    fn unary(&mut self, u: &syn::ExprUnary, expected: Option<&Ty>) -> Res<Code> {
        match u.op {
            syn::UnOp::Deref(_) => self.expr(&u.expr, expected),
            syn::UnOp::Not(_) => {
                let c = self.expr(&u.expr, expected)?;
                if c.ty.strip() == &Ty::Bool {
                    Ok(Code {
                        term: format!("(!{})", atom(&c.term)),
                        call: None,
                        ..c
                    })
                } else if c.ty.int().is_some() || c.ty == Ty::IntLit {
                    Ok(Code {
                        term: format!("(~~~{})", atom(&c.term)),
                        call: None,
                        ..c
                    })
                } else {
                    self.err(u.span(), "!", "operand must be a bool or an integer")
                }
            }
            syn::UnOp::Neg(_) => self.err(u.span(), "negation", "unsigned integers only"),
            _ => self.err(u.span(), "unary operator", "outside the subset"),
        }
    }

    fn binary(&mut self, b: &syn::ExprBinary, expected: Option<&Ty>) -> Res<Code> {
        use syn::BinOp::*;
        match b.op {
            And(_) | Or(_) => {
                let l = self.expr(&b.left, Some(&Ty::Bool))?;
                let r = self.expr(&b.right, Some(&Ty::Bool))?;
                let is_and = matches!(b.op, And(_));
                if r.is_pure() {
                    let op = if is_and { "&&" } else { "||" };
                    return Ok(Code {
                        pre: l.pre,
                        term: format!("({} {} {})", l.term, op, r.term),
                        ty: Ty::Bool,
                        call: None,
                    });
                }
                // The right operand runs only when needed.
                let mut pre = l.pre.clone();
                let t = self.fresh();
                let lt = cond_term(&l.term);
                if is_and {
                    pre.push((0, format!("let {} ← if {} then", t, lt)));
                    for (k, s) in &r.pre {
                        pre.push((k + 1, s.clone()));
                    }
                    pre.push((1, value_line(&r)));
                    pre.push((0, "else".into()));
                    pre.push((1, "pure false".into()));
                } else {
                    pre.push((0, format!("let {} ← if {} then", t, lt)));
                    pre.push((1, "pure true".into()));
                    pre.push((0, "else".into()));
                    for (k, s) in &r.pre {
                        pre.push((k + 1, s.clone()));
                    }
                    pre.push((1, value_line(&r)));
                }
                Ok(Code {
                    pre,
                    term: t,
                    ty: Ty::Bool,
                    call: None,
                })
            }
            Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_) => {
                let l = self.expr(&b.left, None)?;
                let lt = if l.ty.is_known() {
                    Some(l.ty.clone())
                } else {
                    None
                };
                let r = self.expr(&b.right, lt.as_ref())?;
                self.unify(&l.ty, &r.ty);
                self.unify(&r.ty, &l.ty);
                let (pre, terms) = self.combine(vec![l, r]);
                let op = match b.op {
                    Eq(_) => "=",
                    Ne(_) => "≠",
                    Lt(_) => "<",
                    Le(_) => "≤",
                    Gt(_) => ">",
                    _ => "≥",
                };
                Ok(Code {
                    pre,
                    term: format!("(decide ({} {} {}))", terms[0], op, terms[1]),
                    ty: Ty::Bool,
                    call: None,
                })
            }
            Shl(_) | Shr(_) => {
                let l = self.expr(&b.left, expected)?;
                let r = self.expr(&b.right, None)?;
                let lty = if l.ty.is_known() {
                    l.ty.clone()
                } else {
                    expected.cloned().unwrap_or(l.ty.clone())
                };
                let it = match lty.int() {
                    Some(t) => t,
                    None => {
                        if self.infer_mode {
                            return Ok(Code::pure("0", lty));
                        }
                        return self.err(b.span(), "shift", "cannot infer the integer type");
                    }
                };
                let rty = r.ty.clone();
                let (pre, terms) = self.combine(vec![l, r]);
                let amount = if rty == Ty::IntLit {
                    terms[1].clone()
                } else {
                    format!("{}.toNat", atom(&terms[1]))
                };
                let f = if matches!(b.op, Shl(_)) { "shl" } else { "shr" };
                let mut c = Code::lift(
                    format!("{}.{} {} {}", it.ns(), f, atom(&terms[0]), atom(&amount)),
                    Ty::Int(it),
                );
                c.pre = pre;
                Ok(c)
            }
            Add(_) | Sub(_) | Mul(_) | Div(_) | Rem(_) | BitAnd(_) | BitOr(_) | BitXor(_) => {
                let l = self.expr(&b.left, expected)?;
                let lt = if l.ty.is_known() {
                    Some(l.ty.clone())
                } else {
                    expected.cloned()
                };
                let r = self.expr(&b.right, lt.as_ref())?;
                self.arith(&b.op, l, r, b.span())
            }
            _ => self.err(
                b.span(),
                "operator",
                "compound assignment in expression position",
            ),
        }
    }

    /// An arithmetic or bitwise operation on two translated operands.
    fn arith(&mut self, op: &syn::BinOp, l: Code, r: Code, span: Span) -> Res<Code> {
        use syn::BinOp::*;
        self.unify(&l.ty, &r.ty);
        self.unify(&r.ty, &l.ty);
        let ty = if l.ty.is_known() {
            l.ty.clone()
        } else if r.ty.is_known() {
            r.ty.clone()
        } else {
            Ty::IntLit
        };
        if ty.strip() == &Ty::Bool {
            let (pre, terms) = self.combine(vec![l, r]);
            let o = match op {
                BitAnd(_) => "&&",
                BitOr(_) => "||",
                BitXor(_) => "^^",
                _ => return self.err(span, "operator", "not defined on bool"),
            };
            return Ok(Code {
                pre,
                term: format!("({} {} {})", terms[0], o, terms[1]),
                ty,
                call: None,
            });
        }
        let it = match ty.int() {
            Some(t) => t,
            None => {
                if self.infer_mode {
                    return Ok(Code::pure("0", ty));
                }
                return self.err(
                    span,
                    "arithmetic",
                    "cannot infer the integer type; add a type annotation",
                );
            }
        };
        let (pre, terms) = self.combine(vec![l, r]);
        let (a, b) = (atom(&terms[0]), atom(&terms[1]));
        let c = match op {
            Add(_) | AddAssign(_) => Code::lift(format!("{}.add {} {}", it.ns(), a, b), ty),
            Sub(_) | SubAssign(_) => Code::lift(format!("{}.sub {} {}", it.ns(), a, b), ty),
            Mul(_) | MulAssign(_) => Code::lift(format!("{}.mul {} {}", it.ns(), a, b), ty),
            Div(_) | DivAssign(_) => Code::lift(format!("{}.div {} {}", it.ns(), a, b), ty),
            Rem(_) | RemAssign(_) => Code::lift(format!("{}.rem {} {}", it.ns(), a, b), ty),
            BitAnd(_) | BitAndAssign(_) => Code::pure(format!("({} &&& {})", a, b), ty),
            BitOr(_) | BitOrAssign(_) => Code::pure(format!("({} ||| {})", a, b), ty),
            BitXor(_) | BitXorAssign(_) => Code::pure(format!("({} ^^^ {})", a, b), ty),
            Shl(_) | ShlAssign(_) => Code::lift(format!("{}.shl {} {}.toNat", it.ns(), a, b), ty),
            Shr(_) | ShrAssign(_) => Code::lift(format!("{}.shr {} {}.toNat", it.ns(), a, b), ty),
            _ => return self.err(span, "operator", "outside the subset"),
        };
        Ok(Code { pre, ..c })
    }

    fn cast(&mut self, c: &syn::ExprCast) -> Res<Code> {
        let target = self.ty_of_syn(&c.ty)?;
        let to = match target.int() {
            Some(t) => t,
            None => return self.err(c.span(), "cast", "`as` only to unsigned integer types"),
        };
        let x = self.expr(&c.expr, None)?;
        if x.ty == Ty::IntLit {
            return Ok(Code {
                ty: Ty::Int(to),
                ..x
            });
        }
        if let Ty::Infer(_) = x.ty {
            return Ok(Code {
                ty: Ty::Int(to),
                ..x
            });
        }
        if x.ty.strip() == &Ty::Bool {
            return Ok(Code {
                term: format!("({}.ofNat (boolToNat {}))", to.lean_base(), atom(&x.term)),
                ty: Ty::Int(to),
                call: None,
                ..x
            });
        }
        let from = match x.ty.int() {
            Some(t) => t,
            None => return self.err(c.span(), "cast", "`as` only from integers and bools"),
        };
        if from.lean_base() == to.lean_base() {
            return Ok(Code {
                ty: Ty::Int(to),
                ..x
            });
        }
        Ok(Code {
            term: format!(
                "({}.to{} {})",
                from.lean_base(),
                to.lean_base(),
                atom(&x.term)
            ),
            ty: Ty::Int(to),
            call: None,
            ..x
        })
    }

    fn path_expr(&mut self, p: &syn::ExprPath, expected: Option<&Ty>) -> Res<Code> {
        if p.qself.is_some() {
            return self.err(p.span(), "qualified path", "outside the subset");
        }
        let segs = path_segs(&p.path);
        if segs.len() == 1 {
            if let Some(l) = self.lookup(&segs[0]) {
                return Ok(Code::pure(l.lean.clone(), l.ty.clone()));
            }
            if segs[0] == "None" {
                let ty = match expected.map(|t| t.strip().clone()) {
                    Some(Ty::Option(t)) => Ty::Option(t),
                    _ => Ty::Option(Box::new(Ty::Unknown)),
                };
                return Ok(Code::pure("none", ty));
            }
        }
        if segs.len() == 2 {
            if let Some(it) = IntTy::from_name(&segs[0]) {
                match segs[1].as_str() {
                    "MAX" => return Ok(Code::pure(it.max().to_string(), Ty::Int(it))),
                    "MIN" => return Ok(Code::pure("0", Ty::Int(it))),
                    "BITS" => return Ok(Code::pure(it.bits().to_string(), Ty::Int(IntTy::U32))),
                    _ => {}
                }
            }
        }
        match self.env.krate.resolve(&self.module, &segs) {
            Some(Target::Item(im, name)) => {
                let kind = self.env.krate.item(&im, &name).unwrap().kind.clone();
                match kind {
                    ItemKind::Const(_) => {
                        self.refs.insert(Ref::Item(im.clone(), name.clone()));
                        let ty = self
                            .env
                            .const_tys
                            .get(&(im.clone(), name.clone()))
                            .cloned()
                            .unwrap_or(Ty::Unknown);
                        Ok(Code::pure(self.qual(lean_item(&im, &name)), ty))
                    }
                    _ => self.err(p.span(), "path", format!("`{}` is not a value", name)),
                }
            }
            Some(Target::Variant(em, en, v)) => {
                self.refs.insert(Ref::Item(em.clone(), en.clone()));
                let fields = self.variant_fields(&em, &en, &v, p.span())?;
                if !fields.is_empty() {
                    return self.err(p.span(), "variant constructor", "as a function value");
                }
                Ok(Code::pure(
                    self.qual(format!("{}.{}", lean_item(&em, &en), lean_ident(&v))),
                    Ty::Adt(em, en),
                ))
            }
            Some(Target::External(x)) => self.err(
                p.span(),
                "external path",
                format!("`{}` is outside the crate", x.join("::")),
            ),
            _ => self.err(
                p.span(),
                "path",
                format!("unknown name `{}`", segs.join("::")),
            ),
        }
    }

    /// Translates call arguments against parameter types; `&mut` arguments are places.
    fn args(
        &mut self,
        args: &[&syn::Expr],
        params: &[crate::sig::Param],
    ) -> Res<(Vec<Code>, Vec<(usize, syn::Expr)>)> {
        let mut codes = Vec::new();
        let mut mut_places = Vec::new();
        for (k, (a, p)) in args.iter().zip(params).enumerate() {
            let c = self.expr(a, Some(&p.ty))?;
            self.unify(&c.ty, &p.ty);
            if p.borrow == Borrow::Mut {
                let place = match strip_parens(a) {
                    syn::Expr::Reference(r) if r.mutability.is_some() => (*r.expr).clone(),
                    other => other.clone(),
                };
                mut_places.push((k, place));
            }
            codes.push(c);
        }
        Ok((codes, mut_places))
    }

    /// A call of a crate function with translated arguments; `&mut` results are stored back.
    fn call_fn(
        &mut self,
        key: &FnKey,
        codes: Vec<Code>,
        mut_places: Vec<(usize, syn::Expr)>,
        span: Span,
    ) -> Res<Code> {
        let sig = self.env.sigs[key].clone();
        if sig.opaque {
            // The section variable standing for a function outside the subset (the hash).
            let (pre, terms) = self.combine(codes);
            let mut t = sig.opaque_var();
            for a in &terms {
                t.push(' ');
                t.push_str(&atom(a));
            }
            self.refs.insert(Ref::Fn(key.clone()));
            return Ok(Code {
                pre,
                term: format!("({})", t),
                ty: sig.ret.clone(),
                call: None,
            });
        }
        self.refs.insert(Ref::Fn(key.clone()));
        let (mut pre, terms) = self.combine(codes);
        let mut call = self.qual(sig.lean_name.clone());
        call.push_str(&self.opaque_args(key));
        for a in &terms {
            call.push(' ');
            call.push_str(&atom(a));
        }
        if mut_places.is_empty() {
            return Ok(Code {
                pre,
                ..Code::lift(call, sig.ret.clone())
            });
        }
        // A unit function with one `&mut` local argument: `x ← f ... x ...`.
        if sig.ret == Ty::Unit && mut_places.len() == 1 {
            if let syn::Expr::Path(p) = strip_parens(&mut_places[0].1) {
                if p.path.segments.len() == 1 {
                    if let Some(l) = self.lookup(&p.path.segments[0].ident.to_string()).cloned() {
                        if l.mutable {
                            pre.push((0, format!("{} ← {}", l.lean, call)));
                            return Ok(Code {
                                pre,
                                term: "()".into(),
                                ty: Ty::Unit,
                                call: None,
                            });
                        }
                    }
                }
            }
        }
        // Results: the value (unless `()`), then the new value of each `&mut` argument.
        let mut names = Vec::new();
        let value = if sig.ret != Ty::Unit {
            let t = self.fresh();
            names.push(t.clone());
            Some(t)
        } else {
            None
        };
        let mut outs = Vec::new();
        for (_, place) in &mut_places {
            let t = self.fresh();
            names.push(t.clone());
            outs.push((t, place.clone()));
        }
        pre.push((0, format!("let {} ← {}", tuple(&names), call)));
        for (t, place) in outs {
            let pty = self.place_type(&place)?;
            let mut lines = Vec::new();
            self.store(&place, Code::pure(t, pty), 0, &mut lines)?;
            for l in lines {
                pre.push((0, l));
            }
        }
        let _ = span;
        match value {
            Some(v) => Ok(Code {
                pre,
                term: v,
                ty: sig.ret.clone(),
                call: None,
            }),
            None => Ok(Code {
                pre,
                term: "()".into(),
                ty: Ty::Unit,
                call: None,
            }),
        }
    }

    fn call(&mut self, c: &syn::ExprCall, expected: Option<&Ty>) -> Res<Code> {
        let func = match &*c.func {
            syn::Expr::Path(p) if p.qself.is_none() => p,
            other => return self.err(other.span(), "call", "only calls of named functions"),
        };
        let segs = path_segs(&func.path);
        let args: Vec<&syn::Expr> = c.args.iter().collect();
        // Built-in constructors and functions.
        if segs.len() == 1 {
            match segs[0].as_str() {
                "Some" | "Ok" | "Err" if args.len() == 1 => {
                    let (inner_exp, wrap): (Option<Ty>, Box<dyn Fn(Ty) -> Ty>) =
                        match (segs[0].as_str(), expected.map(|t| t.strip().clone())) {
                            ("Some", Some(Ty::Option(t))) => {
                                (Some(*t), Box::new(|x| Ty::Option(Box::new(x))))
                            }
                            ("Some", _) => (None, Box::new(|x| Ty::Option(Box::new(x)))),
                            ("Ok", Some(Ty::Result(t, e))) => (
                                Some(*t),
                                Box::new(move |x| Ty::Result(Box::new(x), e.clone())),
                            ),
                            ("Ok", _) => (
                                None,
                                Box::new(|x| Ty::Result(Box::new(x), Box::new(Ty::Unknown))),
                            ),
                            ("Err", Some(Ty::Result(t, e))) => (
                                Some(*e),
                                Box::new(move |x| Ty::Result(t.clone(), Box::new(x))),
                            ),
                            _ => (
                                None,
                                Box::new(|x| Ty::Result(Box::new(Ty::Unknown), Box::new(x))),
                            ),
                        };
                    let x = self.expr(args[0], inner_exp.as_ref())?;
                    let head = match segs[0].as_str() {
                        "Some" => "some",
                        "Ok" => "Except.ok",
                        _ => "Except.error",
                    };
                    let ty = match expected {
                        Some(t) if t.is_known() => t.clone(),
                        _ => wrap(x.ty.clone()),
                    };
                    return Ok(Code {
                        term: format!("({} {})", head, atom(&x.term)),
                        ty,
                        call: None,
                        ..x
                    });
                }
                _ => {}
            }
        }
        if segs.len() == 2 && segs[0] == "Vec" {
            match (segs[1].as_str(), args.len()) {
                ("new", 0) => {
                    let ty = expected.cloned().unwrap_or(Ty::List(Box::new(Ty::Unknown)));
                    return Ok(Code::pure("[]", ty));
                }
                ("with_capacity", 1) => {
                    let n = self.expr(args[0], Some(&Ty::Int(IntTy::Usize)))?;
                    self.unify(&n.ty, &Ty::Int(IntTy::Usize));
                    let ty = expected.cloned().unwrap_or(Ty::List(Box::new(Ty::Unknown)));
                    return Ok(Code {
                        term: format!("(Slice.withCapacity {})", atom(&n.term)),
                        ty,
                        call: None,
                        ..n
                    });
                }
                _ => {}
            }
        }
        if segs.len() == 2 {
            if let Some(it) = IntTy::from_name(&segs[0]) {
                if segs[1] == "from_le_bytes" && args.len() == 1 {
                    let x = self.expr(args[0], Some(&Ty::List(Box::new(Ty::Int(IntTy::U8)))))?;
                    return Ok(Code {
                        term: format!("({}.from_le_bytes {})", it.ns(), atom(&x.term)),
                        ty: Ty::Int(it),
                        call: None,
                        ..x
                    });
                }
                return self.err(
                    c.span(),
                    "integer function",
                    format!("`{}::{}` is outside the subset", segs[0], segs[1]),
                );
            }
        }
        match self.env.krate.resolve(&self.module, &segs) {
            Some(Target::Item(im, name)) => {
                let key = FnKey {
                    module: im.clone(),
                    owner: None,
                    name: name.clone(),
                };
                if !self.env.sigs.contains_key(&key) {
                    return self.err(c.span(), "call", format!("`{}` is not a function", name));
                }
                let params = self.env.sigs[&key].params.clone();
                if params.len() != args.len() {
                    return self.err(c.span(), "call", "wrong number of arguments");
                }
                let (codes, muts) = self.args(&args, &params)?;
                self.call_fn(&key, codes, muts, c.span())
            }
            Some(Target::Method(im, ty, name)) => {
                let key = FnKey {
                    module: im.clone(),
                    owner: Some(ty.clone()),
                    name: name.clone(),
                };
                if !self.env.sigs.contains_key(&key) {
                    return self.err(
                        c.span(),
                        "call",
                        format!("no associated function `{}::{}`", ty, name),
                    );
                }
                let params = self.env.sigs[&key].params.clone();
                if params.len() != args.len() {
                    return self.err(c.span(), "call", "wrong number of arguments");
                }
                let (codes, muts) = self.args(&args, &params)?;
                self.call_fn(&key, codes, muts, c.span())
            }
            Some(Target::Variant(em, en, v)) => {
                self.refs.insert(Ref::Item(em.clone(), en.clone()));
                let fields = self.variant_fields(&em, &en, &v, c.span())?;
                if fields.len() != args.len() {
                    return self.err(c.span(), "variant", "wrong number of fields");
                }
                let mut codes = Vec::new();
                for (a, t) in args.iter().zip(&fields) {
                    codes.push(self.expr(a, Some(t))?);
                }
                let (pre, terms) = self.combine(codes);
                let mut t = self.qual(format!("{}.{}", lean_item(&em, &en), lean_ident(&v)));
                for a in terms {
                    t.push(' ');
                    t.push_str(&atom(&a));
                }
                Ok(Code {
                    pre,
                    term: format!("({})", t),
                    ty: Ty::Adt(em, en),
                    call: None,
                })
            }
            Some(Target::External(x)) => self.err(
                c.span(),
                "external call",
                format!("`{}` is outside the crate", x.join("::")),
            ),
            _ => self.err(
                c.span(),
                "call",
                format!("unknown function `{}`", segs.join("::")),
            ),
        }
    }

    fn method_call(&mut self, m: &syn::ExprMethodCall, expected: Option<&Ty>) -> Res<Code> {
        if m.turbofish.is_some() {
            return self.err(m.span(), "turbofish", "outside the subset");
        }
        let name = m.method.to_string();
        let recv = self.expr(&m.receiver, None)?;
        let rty = recv.ty.strip().clone();
        let args: Vec<&syn::Expr> = m.args.iter().collect();
        match (&rty, name.as_str(), args.len()) {
            (Ty::List(_), "len", 0) => Ok(Code {
                term: format!("(Slice.len {})", atom(&recv.term)),
                ty: Ty::Int(IntTy::Usize),
                call: None,
                ..recv
            }),
            (Ty::List(_), "is_empty", 0) => Ok(Code {
                term: format!("(Slice.is_empty {})", atom(&recv.term)),
                ty: Ty::Bool,
                call: None,
                ..recv
            }),
            (Ty::List(e), "get", 1) => {
                let i = self.expr(args[0], Some(&Ty::Int(IntTy::Usize)))?;
                self.unify(&i.ty, &Ty::Int(IntTy::Usize));
                let ety = (**e).clone();
                let (pre, terms) = self.combine(vec![recv, i]);
                Ok(Code {
                    pre,
                    term: format!("(Slice.get {} {})", atom(&terms[0]), atom(&terms[1])),
                    ty: Ty::Option(Box::new(ety)),
                    call: None,
                })
            }
            (Ty::List(_), "push", 1) | (Ty::List(_), "extend_from_slice", 1) => {
                // Mutates the receiver place: a statement.
                let ety = rty.elem().cloned().unwrap();
                let exp = if name == "push" {
                    ety.clone()
                } else {
                    rty.clone()
                };
                let x = self.expr(args[0], Some(&exp))?;
                if name == "push" {
                    self.unify(&x.ty, &ety);
                }
                let (mut pre, terms) = self.combine(vec![recv.clone(), x]);
                let f = if name == "push" {
                    "Slice.push"
                } else {
                    "Slice.extend"
                };
                let value = Code::pure(
                    format!("({} {} {})", f, atom(&terms[0]), atom(&terms[1])),
                    recv.ty.clone(),
                );
                let mut lines = Vec::new();
                self.store(&m.receiver, value, 0, &mut lines)?;
                for l in lines {
                    pre.push((0, l));
                }
                Ok(Code {
                    pre,
                    term: "()".into(),
                    ty: Ty::Unit,
                    call: None,
                })
            }
            (Ty::List(_), "to_vec", 0)
            | (Ty::List(_), "clone", 0)
            | (Ty::List(_), "as_slice", 0) => Ok(recv),
            (Ty::List(_), other, _)
                if [
                    "iter",
                    "iter_mut",
                    "into_iter",
                    "map",
                    "for_each",
                    "copy_from_slice",
                ]
                .contains(&other) =>
            {
                self.err(
                    m.span(),
                    "iterator",
                    format!("`.{}()` is outside the subset", other),
                )
            }
            (Ty::Int(it), op, 1) if op.starts_with("checked_") || op.starts_with("wrapping_") => {
                let it = *it;
                let base = op.split('_').nth(1).unwrap_or("");
                if !["add", "sub", "mul"].contains(&base) {
                    return self.err(
                        m.span(),
                        "integer method",
                        format!("`.{}()` is outside the subset", op),
                    );
                }
                let x = self.expr(args[0], Some(&Ty::Int(it)))?;
                self.unify(&x.ty, &Ty::Int(it));
                let (pre, terms) = self.combine(vec![recv, x]);
                let ty = if op.starts_with("checked_") {
                    Ty::Option(Box::new(Ty::Int(it)))
                } else {
                    Ty::Int(it)
                };
                Ok(Code {
                    pre,
                    term: format!(
                        "({}.{} {} {})",
                        it.ns(),
                        op,
                        atom(&terms[0]),
                        atom(&terms[1])
                    ),
                    ty,
                    call: None,
                })
            }
            (Ty::Int(it), "to_le_bytes", 0) => {
                let it = *it;
                Ok(Code {
                    term: format!("({}.to_le_bytes {})", it.ns(), atom(&recv.term)),
                    ty: Ty::List(Box::new(Ty::Int(IntTy::U8))),
                    call: None,
                    ..recv
                })
            }
            (Ty::IntLit, op, _) | (Ty::Infer(_), op, _) if self.infer_mode => {
                let _ = op;
                let ty = expected.cloned().unwrap_or(Ty::Unknown);
                Ok(Code::pure("0", ty))
            }
            (Ty::Option(_), "is_some", 0) => Ok(Code {
                term: format!("({}.isSome)", atom(&recv.term)),
                ty: Ty::Bool,
                call: None,
                ..recv
            }),
            (Ty::Option(_), "is_none", 0) => Ok(Code {
                term: format!("({}.isNone)", atom(&recv.term)),
                ty: Ty::Bool,
                call: None,
                ..recv
            }),
            (_, "unwrap", _) | (_, "expect", _) => self.err(
                m.span(),
                "unwrap",
                "panics are outside the subset; match instead",
            ),
            (Ty::Adt(am, an), _, _) => {
                let key = FnKey {
                    module: am.clone(),
                    owner: Some(an.clone()),
                    name: name.clone(),
                };
                let sig = match self.env.sigs.get(&key) {
                    Some(s) => s.clone(),
                    None => {
                        return self.err(
                            m.span(),
                            "method",
                            format!("no method `{}` on `{}`", name, an),
                        )
                    }
                };
                if sig.params.is_empty() || sig.params[0].rust != "self" {
                    return self.err(m.span(), "method", "not a method");
                }
                if sig.params.len() != args.len() + 1 {
                    return self.err(m.span(), "method", "wrong number of arguments");
                }
                let (codes, mut muts) = self.args(&args, &sig.params[1..])?;
                for x in muts.iter_mut() {
                    x.0 += 1;
                }
                let mut all = vec![recv];
                all.extend(codes);
                if sig.params[0].borrow == Borrow::Mut {
                    muts.insert(0, (0, (*m.receiver).clone()));
                }
                self.call_fn(&key, all, muts, m.span())
            }
            _ => self.err(
                m.span(),
                "method call",
                format!("`.{}()` on this type is outside the subset", name),
            ),
        }
    }

    fn field(&mut self, f: &syn::ExprField) -> Res<Code> {
        let base = self.expr(&f.base, None)?;
        match &f.member {
            syn::Member::Named(id) => {
                let fname = id.to_string();
                let fty = match base.ty.strip() {
                    Ty::Adt(sm, sn) => self.struct_field_type(sm, sn, &fname, f.span())?,
                    _ => {
                        if self.infer_mode {
                            Ty::Unknown
                        } else {
                            return self.err(
                                f.span(),
                                "field access",
                                "on a value that is not a struct",
                            );
                        }
                    }
                };
                Ok(Code {
                    term: format!("{}.{}", atom(&base.term), lean_ident(&fname)),
                    ty: fty,
                    call: None,
                    ..base
                })
            }
            syn::Member::Unnamed(idx) => {
                let k = idx.index as usize;
                let tys = match base.ty.strip() {
                    Ty::Tuple(v) => v.clone(),
                    _ => {
                        return self.err(f.span(), "tuple field", "on a value that is not a tuple")
                    }
                };
                if k >= tys.len() {
                    return self.err(f.span(), "tuple field", "out of range");
                }
                let mut proj = String::new();
                for _ in 0..k {
                    proj.push_str(".2");
                }
                if k + 1 < tys.len() {
                    proj.push_str(".1");
                }
                Ok(Code {
                    term: format!("{}{}", atom(&base.term), proj),
                    ty: tys[k].clone(),
                    call: None,
                    ..base
                })
            }
        }
    }

    fn struct_field_type(&self, sm: &ModPath, sn: &str, fname: &str, span: Span) -> Res<Ty> {
        let item = self.env.krate.item(sm, sn).unwrap();
        let file = self.env.krate.module(sm).file.clone();
        if let ItemKind::Struct(s) = &item.kind {
            for fld in s.fields.iter() {
                if fld.ident.as_ref().map(|i| i == fname).unwrap_or(false) {
                    return ty_inner(self.env.krate, sm, &file, &fld.ty);
                }
            }
        }
        reject(
            &self.file,
            span,
            "field",
            format!("`{}` has no field `{}`", sn, fname),
        )
    }

    fn index(&mut self, i: &syn::ExprIndex) -> Res<Code> {
        let base = self.expr(&i.expr, None)?;
        let ety = base.ty.elem().cloned();
        let ety = match ety {
            Some(t) => t,
            None => {
                if self.infer_mode {
                    Ty::Unknown
                } else {
                    return self.err(
                        i.span(),
                        "index",
                        "indexing a value that is not an array, slice or vector",
                    );
                }
            }
        };
        if let syn::Expr::Range(r) = strip_parens(&i.index) {
            let usize_ty = Ty::Int(IntTy::Usize);
            let mut codes = vec![base.clone()];
            let from = match &r.start {
                Some(s) => Some(self.expr(s, Some(&usize_ty))?),
                None => None,
            };
            let to = match &r.end {
                Some(s) => Some(self.expr(s, Some(&usize_ty))?),
                None => None,
            };
            if matches!(r.limits, syn::RangeLimits::Closed(_)) {
                return self.err(r.span(), "inclusive range", "use `a..b`");
            }
            let kind = match (&from, &to) {
                (Some(_), Some(_)) => "range",
                (Some(_), None) => "rangeFrom",
                (None, Some(_)) => "rangeTo",
                (None, None) => return Ok(base),
            };
            if let Some(f) = from {
                codes.push(f);
            }
            if let Some(t) = to {
                codes.push(t);
            }
            let (pre, terms) = self.combine(codes);
            let call = format!(
                "Slice.{} {}",
                kind,
                terms.iter().map(|t| atom(t)).collect::<Vec<_>>().join(" ")
            );
            return Ok(Code {
                pre,
                ..Code::lift(call, base.ty.clone())
            });
        }
        let idx = self.expr(&i.index, Some(&Ty::Int(IntTy::Usize)))?;
        self.unify(&idx.ty, &Ty::Int(IntTy::Usize));
        let (pre, terms) = self.combine(vec![base, idx]);
        Ok(Code {
            pre,
            ..Code::lift(
                format!("Slice.index {} {}", atom(&terms[0]), atom(&terms[1])),
                ety,
            )
        })
    }

    fn struct_lit(&mut self, s: &syn::ExprStruct) -> Res<Code> {
        if let Some(r) = &s.rest {
            return self.err(r.span(), "struct update", "`..base` is outside the subset");
        }
        let segs = path_segs(&s.path);
        let (sm, sn) = match self.env.krate.resolve(&self.module, &segs) {
            Some(Target::Item(m, n))
                if matches!(
                    self.env.krate.item(&m, &n).map(|i| &i.kind),
                    Some(ItemKind::Struct(_))
                ) =>
            {
                (m, n)
            }
            _ => return self.err(s.span(), "struct literal", "unknown struct"),
        };
        self.refs.insert(Ref::Item(sm.clone(), sn.clone()));
        let mut codes = Vec::new();
        let mut names = Vec::new();
        for fv in &s.fields {
            let fname = match &fv.member {
                syn::Member::Named(i) => i.to_string(),
                syn::Member::Unnamed(_) => {
                    return self.err(fv.span(), "tuple struct", "outside the subset")
                }
            };
            let fty = self.struct_field_type(&sm, &sn, &fname, fv.span())?;
            let c = self.expr(&fv.expr, Some(&fty))?;
            self.unify(&c.ty, &fty);
            names.push(fname);
            codes.push(c);
        }
        let (pre, terms) = self.combine(codes);
        let fields: Vec<String> = names
            .iter()
            .zip(terms)
            .map(|(n, t)| format!("{} := {}", lean_ident(n), t))
            .collect();
        let ty = Ty::Adt(sm.clone(), sn.clone());
        Ok(Code {
            pre,
            term: format!(
                "{{ {} : {} }}",
                fields.join(", "),
                self.qual(lean_item(&sm, &sn))
            ),
            ty,
            call: None,
        })
    }

    /// `if`/`match`/block in expression position: a term-level `if` when everything is pure,
    /// otherwise a bound do-element.
    fn control_expr(&mut self, e: &syn::Expr, expected: Option<&Ty>) -> Res<Code> {
        if let syn::Expr::Block(b) = e {
            if b.block.stmts.len() == 1 {
                if let syn::Stmt::Expr(x, None) = &b.block.stmts[0] {
                    return self.expr(x, expected);
                }
            }
        }
        if let syn::Expr::If(i) = e {
            if let (Some((_, eb)), [syn::Stmt::Expr(a, None)]) =
                (&i.else_branch, &i.then_branch.stmts[..])
            {
                if let syn::Expr::Block(bb) = &**eb {
                    if let [syn::Stmt::Expr(bx, None)] = &bb.block.stmts[..] {
                        let saved = self.tmp;
                        let c = self.expr(&i.cond, Some(&Ty::Bool))?;
                        let x = self.expr(a, expected)?;
                        let et = if x.ty.is_known() {
                            Some(x.ty.clone())
                        } else {
                            expected.cloned()
                        };
                        let y = self.expr(bx, et.as_ref())?;
                        if c.pre.is_empty()
                            && x.is_pure()
                            && y.is_pure()
                            && !matches!(bx, syn::Expr::If(_))
                        {
                            self.unify(&x.ty, &y.ty);
                            let ty = if x.ty.is_known() {
                                x.ty.clone()
                            } else {
                                y.ty.clone()
                            };
                            return Ok(Code {
                                pre: Vec::new(),
                                term: format!(
                                    "(if {} then {} else {})",
                                    cond_term(&c.term),
                                    x.term,
                                    y.term
                                ),
                                ty,
                                call: None,
                            });
                        }
                        self.tmp = saved;
                    }
                }
            }
        }
        let ty = match expected {
            Some(t) if t.is_known() => t.clone(),
            _ => self.control_type(e)?,
        };
        let t = self.fresh();
        let ann = if ty.is_known() {
            format!(" : {}", self.lty(&ty))
        } else {
            String::new()
        };
        let mut lines = Vec::new();
        self.control_value(e, &format!("let {}{} ← ", t, ann), 0, &mut lines)?;
        let pre = lines
            .into_iter()
            .map(|l| {
                let trimmed = l.trim_start_matches(' ');
                let k = (l.len() - trimmed.len()) / 2;
                (k, trimmed.to_string())
            })
            .collect();
        Ok(Code {
            pre,
            term: t,
            ty,
            call: None,
        })
    }

    fn macro_expr(&mut self, mac: &syn::Macro, expected: Option<&Ty>) -> Res<Code> {
        if !mac.path.is_ident("vec") {
            let name = path_segs(&mac.path).join("::");
            return self.err(
                mac.span(),
                "macro",
                format!("`{}!` is outside the subset (only `vec!`)", name),
            );
        }
        let tokens = &mac.tokens;
        let e: syn::Expr = match syn::parse2(quote::quote!([#tokens])) {
            Ok(e) => e,
            Err(_) => {
                return self.err(
                    mac.span(),
                    "vec!",
                    "expected `vec![x; n]` or `vec![a, b, ...]`",
                )
            }
        };
        let c = self.expr(&e, expected)?;
        Ok(c)
    }
}

/// Whether an expression always leaves the enclosing block (return/break/continue on every
/// path).
fn expr_diverges(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Return(_) | syn::Expr::Break(_) | syn::Expr::Continue(_) => true,
        syn::Expr::Block(b) => block_diverges(&b.block.stmts),
        syn::Expr::Paren(p) => expr_diverges(&p.expr),
        syn::Expr::If(i) => match &i.else_branch {
            Some((_, e)) => block_diverges(&i.then_branch.stmts) && expr_diverges(e),
            None => false,
        },
        syn::Expr::Match(m) => !m.arms.is_empty() && m.arms.iter().all(|a| expr_diverges(&a.body)),
        _ => false,
    }
}

fn block_diverges(stmts: &[syn::Stmt]) -> bool {
    stmts
        .iter()
        .any(|s| matches!(s, syn::Stmt::Expr(e, _) if expr_diverges(e)))
}

/// Names a branch declares at its top level (`let` bindings).
fn declared_block(stmts: &[syn::Stmt]) -> Vec<String> {
    let mut v = Vec::new();
    for s in stmts {
        if let syn::Stmt::Local(l) = s {
            pat_names(&l.pat, &mut v);
        }
    }
    v
}

fn declared_expr(e: &syn::Expr) -> Vec<String> {
    match e {
        syn::Expr::Block(b) => declared_block(&b.block.stmts),
        _ => Vec::new(),
    }
}

/// The crate types a type mentions.
pub fn type_refs(t: &Ty, out: &mut BTreeSet<Ref>) {
    match t {
        Ty::Adt(m, n) => {
            out.insert(Ref::Item(m.clone(), n.clone()));
        }
        Ty::Alias(m, n, inner) => {
            out.insert(Ref::Item(m.clone(), n.clone()));
            type_refs(inner, out);
        }
        Ty::List(x) | Ty::Option(x) => type_refs(x, out),
        Ty::Result(a, b) => {
            type_refs(a, out);
            type_refs(b, out);
        }
        Ty::Tuple(v) => v.iter().for_each(|x| type_refs(x, out)),
        _ => {}
    }
}

/// Whether a unit block whose lines at level `n` end `out` still needs a final `pure ()`:
/// yes when it is empty or its last element is a `let`.
fn needs_unit(out: &[String], n: usize) -> bool {
    let prefix = ind(n);
    for l in out.iter().rev() {
        let lead = l.len() - l.trim_start_matches(' ').len();
        if lead < prefix.len() {
            return true;
        }
        if lead > prefix.len() {
            continue;
        }
        let t = l.trim_start();
        if t.starts_with("else") || t.starts_with('|') {
            continue;
        }
        return t.starts_with("let ") || t.starts_with("if ") && t.ends_with(" then") && false;
    }
    true
}

/// The do-element producing a code's value: its call, or `pure term`.
fn value_line(c: &Code) -> String {
    match &c.call {
        Some(call) => call.clone(),
        None => format!("pure {}", atom(&c.term)),
    }
}

fn cond_term(t: &str) -> String {
    // `decide (p)` as an `if` condition reads better as `p`; both mean the same.
    if let Some(inner) = t
        .strip_prefix("(decide (")
        .and_then(|s| s.strip_suffix("))"))
    {
        if matching_close(&format!("({})", inner), 0) == Some(inner.len() + 1) {
            return inner.to_string();
        }
    }
    t.to_string()
}

fn strip_parens(e: &syn::Expr) -> &syn::Expr {
    match e {
        syn::Expr::Paren(p) => strip_parens(&p.expr),
        syn::Expr::Group(g) => strip_parens(&g.expr),
        other => other,
    }
}

fn is_compound(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(
        op,
        AddAssign(_)
            | SubAssign(_)
            | MulAssign(_)
            | DivAssign(_)
            | RemAssign(_)
            | BitAndAssign(_)
            | BitOrAssign(_)
            | BitXorAssign(_)
            | ShlAssign(_)
            | ShrAssign(_)
    )
}

fn compound_base(op: &syn::BinOp) -> syn::BinOp {
    use syn::BinOp::*;
    let t = Default::default();
    match op {
        AddAssign(_) => Add(t),
        SubAssign(_) => Sub(Default::default()),
        MulAssign(_) => Mul(Default::default()),
        DivAssign(_) => Div(Default::default()),
        RemAssign(_) => Rem(Default::default()),
        BitAndAssign(_) => BitAnd(Default::default()),
        BitOrAssign(_) => BitOr(Default::default()),
        BitXorAssign(_) => BitXor(Default::default()),
        ShlAssign(_) => Shl(Default::default()),
        _ => Shr(Default::default()),
    }
}

fn comparisons<'e>(e: &'e syn::Expr, f: &mut dyn FnMut(&syn::BinOp, &'e syn::Expr, &'e syn::Expr)) {
    match e {
        syn::Expr::Binary(b) => match b.op {
            syn::BinOp::And(_) | syn::BinOp::Or(_) => {
                comparisons(&b.left, f);
                comparisons(&b.right, f);
            }
            syn::BinOp::Lt(_)
            | syn::BinOp::Le(_)
            | syn::BinOp::Gt(_)
            | syn::BinOp::Ge(_)
            | syn::BinOp::Ne(_) => f(&b.op, &b.left, &b.right),
            _ => {}
        },
        syn::Expr::Paren(p) => comparisons(&p.expr, f),
        syn::Expr::Unary(u) => comparisons(&u.expr, f),
        _ => {}
    }
}

/// Local names mentioned in a statement.
fn mentioned_stmt(s: &syn::Stmt, out: &mut Vec<String>) {
    struct V<'a>(&'a mut Vec<String>);
    impl<'a, 'ast> syn::visit::Visit<'ast> for V<'a> {
        fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
            if p.path.segments.len() == 1 {
                self.0.push(p.path.segments[0].ident.to_string());
            }
        }
    }
    syn::visit::Visit::visit_stmt(&mut V(out), s);
}

/// Local names mentioned in an expression.
fn mentioned(e: &syn::Expr, out: &mut Vec<String>) {
    struct V<'a>(&'a mut Vec<String>);
    impl<'a, 'ast> syn::visit::Visit<'ast> for V<'a> {
        fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
            if p.path.segments.len() == 1 {
                self.0.push(p.path.segments[0].ident.to_string());
            }
        }
    }
    syn::visit::Visit::visit_expr(&mut V(out), e);
}

fn contains_return(stmts: &[syn::Stmt]) -> bool {
    struct V(bool);
    impl<'ast> syn::visit::Visit<'ast> for V {
        fn visit_expr_return(&mut self, _: &'ast syn::ExprReturn) {
            self.0 = true;
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    }
    let mut v = V(false);
    for s in stmts {
        syn::visit::Visit::visit_stmt(&mut v, s);
    }
    v.0
}

/// The root local of a place expression (`x`, `x.f`, `x[i]`, `*x`).
fn place_root(e: &syn::Expr) -> Option<String> {
    match strip_parens(e) {
        syn::Expr::Path(p) if p.path.segments.len() == 1 => {
            Some(p.path.segments[0].ident.to_string())
        }
        syn::Expr::Field(f) => place_root(&f.base),
        syn::Expr::Index(i) => place_root(&i.expr),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => place_root(&u.expr),
        syn::Expr::Reference(r) => place_root(&r.expr),
        _ => None,
    }
}

/// Names of locals declared outside `stmts` that `stmts` may assign (assignments, `op=`,
/// method calls on them, `&mut` arguments, and plain-name arguments, which may be reborrowed
/// `&mut` parameters). Over-approximates; the loop keeps only mutable locals.
fn collect_assigned_block(
    stmts: &[syn::Stmt],
    scopes: &mut Vec<Vec<String>>,
    out: &mut Vec<String>,
) {
    scopes.push(Vec::new());
    for s in stmts {
        match s {
            syn::Stmt::Local(l) => {
                if let Some(init) = &l.init {
                    collect_assigned(&init.expr, scopes, out);
                }
                let mut names = Vec::new();
                pat_names(&l.pat, &mut names);
                scopes.last_mut().unwrap().extend(names);
            }
            syn::Stmt::Expr(e, _) => collect_assigned(e, scopes, out),
            _ => {}
        }
    }
    scopes.pop();
}

fn pat_names(p: &syn::Pat, out: &mut Vec<String>) {
    match p {
        syn::Pat::Ident(i) => out.push(i.ident.to_string()),
        syn::Pat::Type(t) => pat_names(&t.pat, out),
        syn::Pat::Tuple(t) => t.elems.iter().for_each(|x| pat_names(x, out)),
        syn::Pat::TupleStruct(t) => t.elems.iter().for_each(|x| pat_names(x, out)),
        syn::Pat::Reference(r) => pat_names(&r.pat, out),
        syn::Pat::Or(o) => o.cases.iter().for_each(|x| pat_names(x, out)),
        syn::Pat::Paren(p) => pat_names(&p.pat, out),
        _ => {}
    }
}

fn note(name: Option<String>, scopes: &[Vec<String>], out: &mut Vec<String>) {
    if let Some(n) = name {
        if !scopes.iter().any(|s| s.contains(&n)) && !out.contains(&n) {
            out.push(n);
        }
    }
}

fn collect_assigned(e: &syn::Expr, scopes: &mut Vec<Vec<String>>, out: &mut Vec<String>) {
    match e {
        syn::Expr::Assign(a) => {
            note(place_root(&a.left), scopes, out);
            collect_assigned(&a.left, scopes, out);
            collect_assigned(&a.right, scopes, out);
        }
        syn::Expr::Binary(b) => {
            if is_compound(&b.op) {
                note(place_root(&b.left), scopes, out);
            }
            collect_assigned(&b.left, scopes, out);
            collect_assigned(&b.right, scopes, out);
        }
        syn::Expr::MethodCall(m) => {
            note(place_root(&m.receiver), scopes, out);
            collect_assigned(&m.receiver, scopes, out);
            for a in &m.args {
                if let syn::Expr::Reference(r) = strip_parens(a) {
                    if r.mutability.is_some() {
                        note(place_root(&r.expr), scopes, out);
                    }
                }
                if let syn::Expr::Path(_) = strip_parens(a) {
                    note(place_root(a), scopes, out);
                }
                collect_assigned(a, scopes, out);
            }
        }
        syn::Expr::Call(c) => {
            for a in &c.args {
                if let syn::Expr::Reference(r) = strip_parens(a) {
                    if r.mutability.is_some() {
                        note(place_root(&r.expr), scopes, out);
                    }
                }
                if let syn::Expr::Path(_) = strip_parens(a) {
                    note(place_root(a), scopes, out);
                }
                collect_assigned(a, scopes, out);
            }
        }
        syn::Expr::If(i) => {
            collect_assigned(&i.cond, scopes, out);
            collect_assigned_block(&i.then_branch.stmts, scopes, out);
            if let Some((_, eb)) = &i.else_branch {
                collect_assigned(eb, scopes, out);
            }
        }
        syn::Expr::Match(m) => {
            collect_assigned(&m.expr, scopes, out);
            for arm in &m.arms {
                let mut names = Vec::new();
                pat_names(&arm.pat, &mut names);
                scopes.push(names);
                collect_assigned(&arm.body, scopes, out);
                scopes.pop();
            }
        }
        syn::Expr::Block(b) => collect_assigned_block(&b.block.stmts, scopes, out),
        syn::Expr::While(w) => {
            collect_assigned(&w.cond, scopes, out);
            collect_assigned_block(&w.body.stmts, scopes, out);
        }
        syn::Expr::Loop(l) => collect_assigned_block(&l.body.stmts, scopes, out),
        syn::Expr::Paren(p) => collect_assigned(&p.expr, scopes, out),
        syn::Expr::Return(r) => {
            if let Some(x) = &r.expr {
                collect_assigned(x, scopes, out);
            }
        }
        syn::Expr::Unary(u) => collect_assigned(&u.expr, scopes, out),
        syn::Expr::Reference(r) => collect_assigned(&r.expr, scopes, out),
        syn::Expr::Index(i) => {
            collect_assigned(&i.expr, scopes, out);
            collect_assigned(&i.index, scopes, out);
        }
        syn::Expr::Field(f) => collect_assigned(&f.base, scopes, out),
        syn::Expr::Tuple(t) => t
            .elems
            .iter()
            .for_each(|x| collect_assigned(x, scopes, out)),
        syn::Expr::Array(a) => a
            .elems
            .iter()
            .for_each(|x| collect_assigned(x, scopes, out)),
        syn::Expr::Struct(s) => s
            .fields
            .iter()
            .for_each(|f| collect_assigned(&f.expr, scopes, out)),
        syn::Expr::Cast(c) => collect_assigned(&c.expr, scopes, out),
        _ => {}
    }
}

#[allow(dead_code)]
fn unused(_: Reject) {}
