//! Conditional compilation: the extraction sees the crate as a default build compiles it, with
//! no features enabled and not under test. Items, enum variants, struct fields, match arms,
//! statements and struct-literal fields whose `#[cfg(...)]` is false there are removed before
//! translation (so `#[cfg(feature = "test-airs")]` code, which is not normative, is never
//! extracted). Predicates: `test`, `feature = "..."` (both false), `not`, `all`, `any`; any
//! other predicate is rejected.

use crate::reject::{reject_at, Reject};
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};

/// The value of a cfg predicate in a default, non-test build.
fn eval(meta: &syn::Meta) -> Result<bool, proc_macro2::Span> {
    match meta {
        syn::Meta::Path(p) if p.is_ident("test") => Ok(false),
        syn::Meta::NameValue(nv) if nv.path.is_ident("feature") => Ok(false),
        syn::Meta::List(l)
            if l.path.is_ident("not") || l.path.is_ident("all") || l.path.is_ident("any") =>
        {
            let args = l
                .parse_args_with(
                    syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
                )
                .map_err(|_| l.span())?;
            let mut vals = Vec::new();
            for a in &args {
                vals.push(eval(a)?);
            }
            if l.path.is_ident("not") {
                if vals.len() != 1 {
                    return Err(l.span());
                }
                Ok(!vals[0])
            } else if l.path.is_ident("all") {
                Ok(vals.iter().all(|v| *v))
            } else {
                Ok(vals.iter().any(|v| *v))
            }
        }
        other => Err(other.span()),
    }
}

/// Whether code carrying `attrs` is compiled in a default build (every `cfg` holds).
pub fn active(attrs: &[syn::Attribute]) -> Result<bool, proc_macro2::Span> {
    for a in attrs {
        if a.path().is_ident("cfg") {
            let meta: syn::Meta = a.parse_args().map_err(|_| a.span())?;
            if !eval(&meta)? {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

fn item_attrs(i: &syn::Item) -> &[syn::Attribute] {
    match i {
        syn::Item::Const(x) => &x.attrs,
        syn::Item::Enum(x) => &x.attrs,
        syn::Item::ExternCrate(x) => &x.attrs,
        syn::Item::Fn(x) => &x.attrs,
        syn::Item::ForeignMod(x) => &x.attrs,
        syn::Item::Impl(x) => &x.attrs,
        syn::Item::Macro(x) => &x.attrs,
        syn::Item::Mod(x) => &x.attrs,
        syn::Item::Static(x) => &x.attrs,
        syn::Item::Struct(x) => &x.attrs,
        syn::Item::Trait(x) => &x.attrs,
        syn::Item::TraitAlias(x) => &x.attrs,
        syn::Item::Type(x) => &x.attrs,
        syn::Item::Union(x) => &x.attrs,
        syn::Item::Use(x) => &x.attrs,
        _ => &[],
    }
}

fn impl_item_attrs(i: &syn::ImplItem) -> &[syn::Attribute] {
    match i {
        syn::ImplItem::Const(x) => &x.attrs,
        syn::ImplItem::Fn(x) => &x.attrs,
        syn::ImplItem::Type(x) => &x.attrs,
        syn::ImplItem::Macro(x) => &x.attrs,
        _ => &[],
    }
}

fn expr_attrs(e: &syn::Expr) -> &[syn::Attribute] {
    match e {
        syn::Expr::Assign(x) => &x.attrs,
        syn::Expr::Block(x) => &x.attrs,
        syn::Expr::Call(x) => &x.attrs,
        syn::Expr::If(x) => &x.attrs,
        syn::Expr::Loop(x) => &x.attrs,
        syn::Expr::Macro(x) => &x.attrs,
        syn::Expr::Match(x) => &x.attrs,
        syn::Expr::MethodCall(x) => &x.attrs,
        syn::Expr::Return(x) => &x.attrs,
        syn::Expr::While(x) => &x.attrs,
        _ => &[],
    }
}

fn stmt_attrs(s: &syn::Stmt) -> &[syn::Attribute] {
    match s {
        syn::Stmt::Local(l) => &l.attrs,
        syn::Stmt::Item(i) => item_attrs(i),
        syn::Stmt::Expr(e, _) => expr_attrs(e),
        syn::Stmt::Macro(m) => &m.attrs,
    }
}

struct Strip<'a> {
    file: &'a str,
    errors: Vec<Reject>,
}

impl Strip<'_> {
    fn keep(&mut self, attrs: &[syn::Attribute]) -> bool {
        match active(attrs) {
            Ok(b) => b,
            Err(span) => {
                self.errors.push(reject_at(
                    self.file,
                    span,
                    "cfg predicate",
                    "only `test`, `feature = \"...\"`, `not`, `all` and `any` are understood",
                ));
                true
            }
        }
    }
}

impl VisitMut for Strip<'_> {
    fn visit_file_mut(&mut self, f: &mut syn::File) {
        let items = std::mem::take(&mut f.items);
        f.items = items
            .into_iter()
            .filter(|i| self.keep(item_attrs(i)))
            .collect();
        visit_mut::visit_file_mut(self, f);
    }
    fn visit_item_impl_mut(&mut self, i: &mut syn::ItemImpl) {
        let items = std::mem::take(&mut i.items);
        i.items = items
            .into_iter()
            .filter(|x| self.keep(impl_item_attrs(x)))
            .collect();
        visit_mut::visit_item_impl_mut(self, i);
    }
    fn visit_item_enum_mut(&mut self, e: &mut syn::ItemEnum) {
        let vs = std::mem::take(&mut e.variants);
        e.variants = vs.into_iter().filter(|v| self.keep(&v.attrs)).collect();
        visit_mut::visit_item_enum_mut(self, e);
    }
    fn visit_fields_named_mut(&mut self, f: &mut syn::FieldsNamed) {
        let fs = std::mem::take(&mut f.named);
        f.named = fs.into_iter().filter(|x| self.keep(&x.attrs)).collect();
        visit_mut::visit_fields_named_mut(self, f);
    }
    fn visit_expr_match_mut(&mut self, m: &mut syn::ExprMatch) {
        let arms = std::mem::take(&mut m.arms);
        m.arms = arms.into_iter().filter(|a| self.keep(&a.attrs)).collect();
        visit_mut::visit_expr_match_mut(self, m);
    }
    fn visit_expr_struct_mut(&mut self, s: &mut syn::ExprStruct) {
        let fs = std::mem::take(&mut s.fields);
        s.fields = fs.into_iter().filter(|x| self.keep(&x.attrs)).collect();
        visit_mut::visit_expr_struct_mut(self, s);
    }
    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        let stmts = std::mem::take(&mut b.stmts);
        b.stmts = stmts
            .into_iter()
            .filter(|s| self.keep(stmt_attrs(s)))
            .collect();
        visit_mut::visit_block_mut(self, b);
    }
}

/// Removes from `ast` everything a default build does not compile; `file` names it in
/// rejections.
pub fn strip(file: &str, ast: &mut syn::File) -> Result<(), Reject> {
    let mut s = Strip {
        file,
        errors: Vec::new(),
    };
    s.visit_file_mut(ast);
    match s.errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
