//! Function signatures: parameters, `&mut` threading, and the opaque boundary (functions
//! that call outside the crate become section variables).

use crate::model::{Crate, ModPath, Target};
use crate::reject::{reject, Res};
use crate::ty::{
    lean_item, lean_local, lean_ty_atom, lean_ty_atom_with, lean_ty_with, ty_of, Borrow, Ty,
};
use syn::spanned::Spanned;
use syn::visit::Visit;

/// A function or method of the crate.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FnKey {
    pub module: ModPath,
    /// The struct of a method.
    pub owner: Option<String>,
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub rust: String,
    pub lean: String,
    pub ty: Ty,
    pub borrow: Borrow,
    /// Declared `mut x` (a by-value parameter the body assigns).
    pub mut_binding: bool,
}

#[derive(Clone, Debug)]
pub struct FnSig {
    pub key: FnKey,
    /// The Lean name relative to `Zkvm.Extracted` (`field.add`, `transcript.Transcript.new`).
    pub lean_name: String,
    /// The name inside the module's namespace (`add`, `Transcript.new`).
    pub local_name: String,
    pub params: Vec<Param>,
    pub ret: Ty,
    /// Calls outside the crate (the hash): becomes a section variable of this name.
    pub opaque: bool,
    pub file: String,
}

impl FnSig {
    /// The `&mut` parameters, in order (their final values are returned after the result).
    pub fn mut_params(&self) -> Vec<&Param> {
        self.params
            .iter()
            .filter(|p| p.borrow == Borrow::Mut)
            .collect()
    }

    /// What the extracted function returns inside `Outcome`: the Rust result (omitted when
    /// it is `()` and there are `&mut` parameters), then the final value of each `&mut`
    /// parameter.
    pub fn result_parts(&self) -> Vec<Ty> {
        let muts = self.mut_params();
        let mut parts = Vec::new();
        if self.ret != Ty::Unit || muts.is_empty() {
            parts.push(self.ret.clone());
        }
        for p in muts {
            parts.push(p.ty.clone());
        }
        parts
    }

    pub fn lean_result(&self) -> String {
        self.lean_result_with(&|s| s)
    }

    pub fn lean_result_with(&self, qual: &dyn Fn(String) -> String) -> String {
        let parts = self.result_parts();
        if parts.len() == 1 {
            lean_ty_with(&parts[0], qual)
        } else {
            parts
                .iter()
                .map(|t| lean_ty_atom_with(t, qual))
                .collect::<Vec<_>>()
                .join(" × ")
        }
    }

    /// The Lean type of the section variable of an opaque function: `A → B → R`.
    pub fn opaque_type(&self) -> String {
        let mut s = String::new();
        for p in &self.params {
            s.push_str(&lean_ty_atom(&p.ty));
            s.push_str(" → ");
        }
        s.push_str(&lean_ty_atom(&self.ret));
        s
    }

    pub fn opaque_var(&self) -> String {
        lean_local(&self.key.name)
    }
}

struct ExternalPaths<'a> {
    krate: &'a Crate,
    module: &'a ModPath,
    found: bool,
    std_use: Option<(proc_macro2::Span, String)>,
}

impl<'a, 'ast> Visit<'ast> for ExternalPaths<'a> {
    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segs: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        if let Some(Target::External(x)) = self.krate.resolve(self.module, &segs) {
            if STD_CRATES.contains(&x[0].as_str()) {
                if self.std_use.is_none() {
                    self.std_use = Some((p.span(), x.join("::")));
                }
            } else {
                self.found = true;
            }
        }
        syn::visit::visit_path(self, p);
    }
}

/// The standard library: calling it is outside the subset (no function becomes a parameter
/// because it calls `std`).
const STD_CRATES: &[&str] = &["std", "core", "alloc"];

/// Whether a function body calls into another crate (not the standard library): such a
/// function becomes a section variable. A call of the standard library is rejected.
pub fn calls_outside(krate: &Crate, module: &ModPath, block: &syn::Block, file: &str) -> Res<bool> {
    let mut v = ExternalPaths {
        krate,
        module,
        found: false,
        std_use: None,
    };
    v.visit_block(block);
    if let Some((span, path)) = v.std_use {
        if !v.found {
            return reject(
                file,
                span,
                "standard library call",
                format!("`{}` is outside the subset", path),
            );
        }
    }
    Ok(v.found)
}

pub fn signature(
    krate: &Crate,
    key: FnKey,
    sig: &syn::Signature,
    block: &syn::Block,
    file: &str,
) -> Res<FnSig> {
    let m = &key.module;
    if !sig.generics.params.is_empty() {
        return reject(
            file,
            sig.generics.span(),
            "generics",
            "generic functions are outside the subset",
        );
    }
    if let Some(c) = &sig.constness {
        return reject(file, c.span(), "const fn", "outside the subset");
    }
    if let Some(a) = &sig.asyncness {
        return reject(file, a.span(), "async fn", "outside the subset");
    }
    if let Some(u) = &sig.unsafety {
        return reject(file, u.span(), "unsafe", "outside the subset");
    }
    if let Some(v) = &sig.variadic {
        return reject(file, v.span(), "variadic", "outside the subset");
    }
    let mut params = Vec::new();
    for input in &sig.inputs {
        match input {
            syn::FnArg::Receiver(r) => {
                let owner = match &key.owner {
                    Some(o) => o.clone(),
                    None => return reject(file, r.span(), "self", "`self` outside an impl"),
                };
                let borrow = match (&r.reference, &r.mutability) {
                    (Some(_), Some(_)) => Borrow::Mut,
                    (Some(_), None) => Borrow::Shared,
                    (None, _) => Borrow::Owned,
                };
                params.push(Param {
                    rust: "self".into(),
                    lean: "self".into(),
                    ty: Ty::Adt(m.clone(), owner),
                    borrow,
                    mut_binding: r.reference.is_none() && r.mutability.is_some(),
                });
            }
            syn::FnArg::Typed(pt) => {
                let (name, mut_binding) = match &*pt.pat {
                    syn::Pat::Ident(i) => {
                        if i.by_ref.is_some() || i.subpat.is_some() {
                            return reject(file, i.span(), "parameter pattern", "only plain names");
                        }
                        (i.ident.to_string(), i.mutability.is_some())
                    }
                    syn::Pat::Wild(_) => ("_".to_string(), false),
                    other => {
                        return reject(file, other.span(), "parameter pattern", "only plain names")
                    }
                };
                let (ty, borrow) = ty_of(krate, m, file, &pt.ty)?;
                params.push(Param {
                    lean: lean_local(&name),
                    rust: name,
                    ty,
                    borrow,
                    mut_binding,
                });
            }
        }
    }
    let ret = match &sig.output {
        syn::ReturnType::Default => Ty::Unit,
        syn::ReturnType::Type(_, t) => {
            let (ty, b) = ty_of(krate, m, file, t)?;
            if b == Borrow::Mut {
                return reject(file, t.span(), "returned &mut", "outside the subset");
            }
            ty
        }
    };
    // A method named like a field of its struct would clash with the field's projection.
    let method_name = |o: &str| -> String {
        let mut name = crate::ty::lean_ident(&key.name);
        if let Some(crate::model::Item {
            kind: crate::model::ItemKind::Struct(st),
            ..
        }) = krate.item(m, o)
        {
            if st
                .fields
                .iter()
                .any(|f| f.ident.as_ref().map(|i| *i == key.name).unwrap_or(false))
            {
                name = format!("{}'", key.name);
            }
        }
        format!("{}.{}", crate::ty::lean_ident(o), name)
    };
    let local_name = match &key.owner {
        Some(o) => method_name(o),
        None => crate::ty::lean_ident(&key.name),
    };
    let lean_name = if m.is_empty() {
        local_name.clone()
    } else {
        format!("{}.{}", crate::ty::lean_ns(m), local_name)
    };
    let _ = lean_item;
    let opaque = calls_outside(krate, m, block, file)?;
    if opaque {
        for p in &params {
            if p.borrow == Borrow::Mut {
                return reject(
                    file,
                    sig.span(),
                    "opaque function",
                    "a function calling another crate must not take `&mut` parameters",
                );
            }
        }
    }
    Ok(FnSig {
        key,
        lean_name,
        local_name,
        params,
        ret,
        opaque,
        file: file.to_string(),
    })
}
