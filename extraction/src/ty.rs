//! Rust types of the subset, and how they are written in Lean; Lean names of Rust items.

use crate::model::{Crate, ItemKind, ModPath, Target};
use crate::reject::{reject, Res};
use syn::spanned::Spanned;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntTy {
    U8,
    U16,
    U32,
    U64,
    Usize,
}

impl IntTy {
    pub fn from_name(s: &str) -> Option<IntTy> {
        Some(match s {
            "u8" => IntTy::U8,
            "u16" => IntTy::U16,
            "u32" => IntTy::U32,
            "u64" => IntTy::U64,
            "usize" => IntTy::Usize,
            _ => return None,
        })
    }
    pub fn bits(self) -> u32 {
        match self {
            IntTy::U8 => 8,
            IntTy::U16 => 16,
            IntTy::U32 => 32,
            IntTy::U64 | IntTy::Usize => 64,
        }
    }
    /// The Lean type.
    pub fn lean(self) -> &'static str {
        match self {
            IntTy::U8 => "UInt8",
            IntTy::U16 => "UInt16",
            IntTy::U32 => "UInt32",
            IntTy::U64 => "UInt64",
            IntTy::Usize => "Usize",
        }
    }
    /// The Lean type underlying the Rust type (`usize` is `UInt64`), for conversions.
    pub fn lean_base(self) -> &'static str {
        match self {
            IntTy::Usize => "UInt64",
            other => other.lean(),
        }
    }
    /// The namespace of its checked operations in the runtime (`Zkvm.Extraction.U32`, ...).
    pub fn ns(self) -> &'static str {
        match self {
            IntTy::U8 => "U8",
            IntTy::U16 => "U16",
            IntTy::U32 => "U32",
            IntTy::U64 => "U64",
            IntTy::Usize => "Usize",
        }
    }
    pub fn rust(self) -> &'static str {
        match self {
            IntTy::U8 => "u8",
            IntTy::U16 => "u16",
            IntTy::U32 => "u32",
            IntTy::U64 => "u64",
            IntTy::Usize => "usize",
        }
    }
    pub fn max(self) -> u128 {
        (1u128 << self.bits()) - 1
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    Unit,
    Bool,
    /// `&'static str`
    Str,
    Int(IntTy),
    /// `[T; N]`, `&[T]` and `Vec<T>`: all `List T` in Lean.
    List(Box<Ty>),
    Tuple(Vec<Ty>),
    Option(Box<Ty>),
    /// `Result<T, E>`
    Result(Box<Ty>, Box<Ty>),
    /// A struct or enum of the crate.
    Adt(ModPath, String),
    /// A type alias of the crate, with what it stands for.
    Alias(ModPath, String, Box<Ty>),
    /// An integer literal whose type the context has not fixed yet.
    IntLit,
    /// An unannotated local whose type is being inferred.
    Infer(usize),
    /// A type the translator could not determine.
    Unknown,
}

/// How a parameter or type is borrowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Borrow {
    Owned,
    Shared,
    Mut,
}

impl Ty {
    /// The type with aliases expanded at the top.
    pub fn strip(&self) -> &Ty {
        match self {
            Ty::Alias(_, _, t) => t.strip(),
            t => t,
        }
    }
    pub fn int(&self) -> Option<IntTy> {
        match self.strip() {
            Ty::Int(i) => Some(*i),
            _ => None,
        }
    }
    pub fn elem(&self) -> Option<&Ty> {
        match self.strip() {
            Ty::List(t) => Some(t),
            _ => None,
        }
    }
    /// Equal up to aliases (and ignoring how lists are held).
    pub fn same(&self, other: &Ty) -> bool {
        match (self.strip(), other.strip()) {
            (Ty::List(a), Ty::List(b)) => a.same(b),
            (Ty::Tuple(a), Ty::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same(y))
            }
            (Ty::Option(a), Ty::Option(b)) => a.same(b),
            (Ty::Result(a, e), Ty::Result(b, f)) => a.same(b) && e.same(f),
            (a, b) => a == b,
        }
    }
    /// Whether the type is fully known (no literal or inference placeholders).
    pub fn is_known(&self) -> bool {
        match self {
            Ty::IntLit | Ty::Infer(_) | Ty::Unknown => false,
            Ty::List(t) | Ty::Option(t) => t.is_known(),
            Ty::Result(a, b) => a.is_known() && b.is_known(),
            Ty::Tuple(v) => v.iter().all(Ty::is_known),
            Ty::Alias(_, _, t) => t.is_known(),
            _ => true,
        }
    }
}

/// Lean keywords and reserved words that cannot be identifiers; they are written `«x»`.
const LEAN_RESERVED: &[&str] = &[
    "at",
    "by",
    "do",
    "then",
    "else",
    "if",
    "fun",
    "from",
    "have",
    "show",
    "let",
    "in",
    "match",
    "with",
    "where",
    "open",
    "section",
    "namespace",
    "end",
    "instance",
    "structure",
    "inductive",
    "class",
    "theorem",
    "def",
    "example",
    "abbrev",
    "axiom",
    "local",
    "notation",
    "macro",
    "syntax",
    "import",
    "export",
    "mut",
    "return",
    "for",
    "unless",
    "try",
    "catch",
    "finally",
    "break",
    "continue",
    "Type",
    "Prop",
    "Sort",
    "variable",
    "universe",
    "deriving",
    "calc",
    "suffices",
    "obtain",
    "private",
    "protected",
    "public",
    "meta",
    "nomatch",
    "nofun",
    "forall",
    "exists",
    "this",
    "mutual",
    "noncomputable",
    "attribute",
    "omit",
    "include",
    "module",
    "prelude",
    "termination_by",
    "decreasing_by",
    "set_option",
    "opaque",
    "lemma",
    "rfl",
    "sorry",
    "admit",
    "extends",
    "renaming",
    "hiding",
    "using",
    "prefix",
    "infix",
    "infixl",
    "infixr",
    "postfix",
    "elab",
    "elab_rules",
    "macro_rules",
    "scoped",
    "initialize",
    "builtin_initialize",
    "nonrec",
    "coinductive",
    "declare_syntax_cat",
    "irreducible_def",
    "register_simp_attr",
    "simproc",
    "dsimproc",
    "unif_hint",
    "recommended_spelling",
    "λ",
];

/// Names the generated code uses unqualified (runtime and core functions); a Rust local of
/// that name is renamed with a prime, which no Rust identifier has.
const LEAN_USED: &[&str] = &[
    "pure",
    "bind",
    "loop",
    "loopFix",
    "Step",
    "Exit",
    "Outcome",
    "Slice",
    "List",
    "Option",
    "Except",
    "some",
    "none",
    "true",
    "false",
    "decide",
    "not",
    "and",
    "or",
    "id",
    "U8",
    "U16",
    "U32",
    "U64",
    "Usize",
    "UInt8",
    "UInt16",
    "UInt32",
    "UInt64",
    "Bool",
    "Unit",
    "String",
    "boolToNat",
    "Nat",
];

/// A Rust identifier as a Lean identifier.
pub fn lean_ident(s: &str) -> String {
    let s = s.strip_prefix("r#").unwrap_or(s);
    if LEAN_RESERVED.contains(&s) {
        format!("«{}»", s)
    } else {
        s.to_string()
    }
}

/// A Rust local variable or parameter as a Lean identifier.
pub fn lean_local(s: &str) -> String {
    let s = s.strip_prefix("r#").unwrap_or(s);
    if LEAN_USED.contains(&s) {
        format!("{}'", s)
    } else {
        lean_ident(s)
    }
}

/// The Lean namespace (relative to `Zkvm.Extracted`) of a Rust module: `air.rv32im`.
pub fn lean_ns(path: &ModPath) -> String {
    path.iter()
        .map(|p| lean_ident(p))
        .collect::<Vec<_>>()
        .join(".")
}

/// The Lean name (relative to `Zkvm.Extracted`) of an item: `field.add`.
pub fn lean_item(module: &ModPath, name: &str) -> String {
    if module.is_empty() {
        lean_ident(name)
    } else {
        format!("{}.{}", lean_ns(module), lean_ident(name))
    }
}

/// `air_rv32im` -> `AirRv32im`: file/module names follow Lean's convention.
pub fn camel(s: &str) -> String {
    let mut out = String::new();
    let mut up = true;
    for c in s.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The Lean module of a Rust module: `crate::air::rv32im` -> `Zkvm.Extracted.Air.Rv32im`
/// (the crate root is `Zkvm.Extracted`).
pub fn lean_module(path: &ModPath) -> String {
    let mut s = String::from("Zkvm.Extracted");
    for p in path {
        s.push('.');
        s.push_str(&camel(p));
    }
    s
}

/// The Lean type.
pub fn lean_ty(t: &Ty) -> String {
    lean_ty_with(t, &|s| s)
}

pub fn lean_ty_atom(t: &Ty) -> String {
    lean_ty_atom_with(t, &|s| s)
}

/// The Lean type, with `qual` applied to the names of crate types (to make them unambiguous
/// where a local variable would capture them).
pub fn lean_ty_with(t: &Ty, qual: &dyn Fn(String) -> String) -> String {
    match t {
        Ty::Unit => "Unit".into(),
        Ty::Bool => "Bool".into(),
        Ty::Str => "String".into(),
        Ty::Int(i) => i.lean().into(),
        Ty::List(e) => format!("List {}", lean_ty_atom_with(e, qual)),
        Ty::Tuple(v) if v.is_empty() => "Unit".into(),
        Ty::Tuple(v) => v
            .iter()
            .map(|x| lean_ty_atom_with(x, qual))
            .collect::<Vec<_>>()
            .join(" × "),
        Ty::Option(e) => format!("Option {}", lean_ty_atom_with(e, qual)),
        Ty::Result(a, e) => format!(
            "Except {} {}",
            lean_ty_atom_with(e, qual),
            lean_ty_atom_with(a, qual)
        ),
        Ty::Adt(m, n) | Ty::Alias(m, n, _) => qual(lean_item(m, n)),
        Ty::IntLit | Ty::Infer(_) | Ty::Unknown => "_".into(),
    }
}

pub fn lean_ty_atom_with(t: &Ty, qual: &dyn Fn(String) -> String) -> String {
    let s = lean_ty_with(t, qual);
    if s.contains(' ') {
        format!("({})", s)
    } else {
        s
    }
}

/// Converts a Rust type written in module `m`; returns the type and its outer borrow.
pub fn ty_of(krate: &Crate, m: &ModPath, file: &str, t: &syn::Type) -> Res<(Ty, Borrow)> {
    match t {
        syn::Type::Reference(r) => {
            if let syn::Type::Path(p) = &*r.elem {
                if p.path.is_ident("str") {
                    return Ok((Ty::Str, Borrow::Owned));
                }
            }
            if r.mutability.is_some() {
                Ok((ty_inner(krate, m, file, &r.elem)?, Borrow::Mut))
            } else {
                Ok((ty_inner(krate, m, file, &r.elem)?, Borrow::Shared))
            }
        }
        other => Ok((ty_inner(krate, m, file, other)?, Borrow::Owned)),
    }
}

fn generic_args(file: &str, seg: &syn::PathSegment) -> Res<Vec<syn::Type>> {
    match &seg.arguments {
        syn::PathArguments::None => Ok(Vec::new()),
        syn::PathArguments::AngleBracketed(a) => {
            let mut v = Vec::new();
            for arg in &a.args {
                match arg {
                    syn::GenericArgument::Type(t) => v.push(t.clone()),
                    other => {
                        return reject(
                            file,
                            other.span(),
                            "generic argument",
                            "only type arguments are allowed",
                        )
                    }
                }
            }
            Ok(v)
        }
        other => reject(
            file,
            other.span(),
            "generic argument",
            "parenthesized arguments are outside the subset",
        ),
    }
}

pub fn ty_inner(krate: &Crate, m: &ModPath, file: &str, t: &syn::Type) -> Res<Ty> {
    match t {
        syn::Type::Reference(r) => {
            if let syn::Type::Path(p) = &*r.elem {
                if p.path.is_ident("str") {
                    return Ok(Ty::Str);
                }
            }
            if r.mutability.is_some() {
                return reject(
                    file,
                    r.span(),
                    "nested &mut",
                    "`&mut` is only allowed on parameters",
                );
            }
            ty_inner(krate, m, file, &r.elem)
        }
        syn::Type::Slice(s) => Ok(Ty::List(Box::new(ty_inner(krate, m, file, &s.elem)?))),
        syn::Type::Array(a) => Ok(Ty::List(Box::new(ty_inner(krate, m, file, &a.elem)?))),
        syn::Type::Tuple(tt) => {
            if tt.elems.is_empty() {
                Ok(Ty::Unit)
            } else {
                let mut v = Vec::new();
                for e in &tt.elems {
                    v.push(ty_inner(krate, m, file, e)?);
                }
                Ok(Ty::Tuple(v))
            }
        }
        syn::Type::Paren(p) => ty_inner(krate, m, file, &p.elem),
        syn::Type::Path(p) => {
            if p.qself.is_some() {
                return reject(
                    file,
                    p.span(),
                    "qualified type",
                    "`<T as Trait>::X` is outside the subset",
                );
            }
            let segs: Vec<String> = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            let last = p.path.segments.last().unwrap();
            if segs.len() == 1 {
                let name = segs[0].as_str();
                if let Some(i) = IntTy::from_name(name) {
                    return Ok(Ty::Int(i));
                }
                match name {
                    "bool" => return Ok(Ty::Bool),
                    "Vec" => {
                        let a = generic_args(file, last)?;
                        if a.len() == 1 {
                            return Ok(Ty::List(Box::new(ty_inner(krate, m, file, &a[0])?)));
                        }
                    }
                    "Option" => {
                        let a = generic_args(file, last)?;
                        if a.len() == 1 {
                            return Ok(Ty::Option(Box::new(ty_inner(krate, m, file, &a[0])?)));
                        }
                    }
                    "Result" => {
                        let a = generic_args(file, last)?;
                        if a.len() == 2 {
                            return Ok(Ty::Result(
                                Box::new(ty_inner(krate, m, file, &a[0])?),
                                Box::new(ty_inner(krate, m, file, &a[1])?),
                            ));
                        }
                    }
                    "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u128" => {
                        return reject(
                            file,
                            p.span(),
                            "integer type",
                            format!("`{}` is outside the subset (unsigned u8..u64, usize)", name),
                        )
                    }
                    "f32" | "f64" => {
                        return reject(
                            file,
                            p.span(),
                            "floating point",
                            "floats are outside the subset",
                        )
                    }
                    _ => {}
                }
            }
            if !matches!(last.arguments, syn::PathArguments::None) {
                return reject(
                    file,
                    p.span(),
                    "generic type",
                    format!(
                        "`{}` with arguments is outside the subset",
                        quote::quote!(#p)
                    ),
                );
            }
            match krate.resolve(m, &segs) {
                Some(Target::Item(im, name)) => {
                    let item = krate.item(&im, &name).unwrap();
                    match &item.kind {
                        ItemKind::Struct(_) | ItemKind::Enum(_) => Ok(Ty::Adt(im, name)),
                        ItemKind::Alias(a) => {
                            let inner = ty_inner(krate, &im, file, &a.ty)?;
                            Ok(Ty::Alias(im, name, Box::new(inner)))
                        }
                        _ => reject(file, p.span(), "type", format!("`{}` is not a type", name)),
                    }
                }
                _ => reject(
                    file,
                    p.span(),
                    "type",
                    format!(
                        "unknown type `{}`",
                        quote::quote!(#p).to_string().replace(' ', "")
                    ),
                ),
            }
        }
        syn::Type::ImplTrait(x) => reject(file, x.span(), "impl Trait", "outside the subset"),
        syn::Type::TraitObject(x) => reject(file, x.span(), "trait object", "outside the subset"),
        syn::Type::Ptr(x) => reject(file, x.span(), "raw pointer", "outside the subset"),
        syn::Type::BareFn(x) => reject(file, x.span(), "function pointer", "outside the subset"),
        syn::Type::Never(x) => reject(file, x.span(), "never type", "outside the subset"),
        other => reject(
            file,
            other.span(),
            "type",
            "this type is outside the subset",
        ),
    }
}
