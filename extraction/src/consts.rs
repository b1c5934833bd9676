//! Constants: `const X: T = e;` is evaluated here (rustc has already rejected any overflow)
//! and emitted as its value, with the Rust expression in a comment.

use crate::model::{Crate, ItemKind, ModPath, Target};
use crate::reject::{reject, Res};
use crate::ty::{ty_inner, IntTy, Ty};
use std::collections::HashSet;
use syn::spanned::Spanned;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CVal {
    Int(u128),
    Bool(bool),
    Str(String),
    List(Vec<CVal>),
}

impl CVal {
    /// The value as a Lean term of type `ty`.
    pub fn lean(&self, ty: &Ty) -> String {
        match self {
            CVal::Int(v) => format!("{}", v),
            CVal::Bool(b) => format!("{}", b),
            CVal::Str(s) => format!("{:?}", s),
            CVal::List(items) => {
                let elem = ty.elem().cloned().unwrap_or(Ty::Unknown);
                let parts: Vec<String> = items.iter().map(|x| x.lean(&elem)).collect();
                format!("[{}]", parts.join(", "))
            }
        }
    }
}

pub struct ConstEval<'a> {
    pub krate: &'a Crate,
    stack: HashSet<(ModPath, String)>,
}

impl<'a> ConstEval<'a> {
    pub fn new(krate: &'a Crate) -> Self {
        ConstEval {
            krate,
            stack: HashSet::new(),
        }
    }

    /// The value and type of the constant `(module, name)`.
    pub fn constant(&mut self, module: &ModPath, name: &str) -> Res<(CVal, Ty)> {
        let item = self.krate.item(module, name).expect("const item");
        let c = match &item.kind {
            ItemKind::Const(c) => c.clone(),
            _ => unreachable!(),
        };
        let file = self.krate.module(module).file.clone();
        let key = (module.clone(), name.to_string());
        if self.stack.contains(&key) {
            return reject(
                &file,
                c.span(),
                "recursive constant",
                format!("`{}` depends on itself", name),
            );
        }
        let ty = ty_inner(self.krate, module, &file, &c.ty)?;
        self.stack.insert(key.clone());
        let v = self.eval(module, &file, &c.expr, &ty);
        self.stack.remove(&key);
        Ok((v?, ty))
    }

    /// Evaluates a constant expression of type `ty` written in module `m`.
    pub fn eval(&mut self, m: &ModPath, file: &str, e: &syn::Expr, ty: &Ty) -> Res<CVal> {
        match e {
            syn::Expr::Lit(l) => match &l.lit {
                syn::Lit::Int(i) => Ok(CVal::Int(i.base10_parse::<u128>().map_err(|x| {
                    crate::reject::reject_at(file, i.span(), "integer literal", x.to_string())
                })?)),
                syn::Lit::Bool(b) => Ok(CVal::Bool(b.value)),
                syn::Lit::ByteStr(b) => Ok(CVal::List(
                    b.value()
                        .into_iter()
                        .map(|x| CVal::Int(x as u128))
                        .collect(),
                )),
                syn::Lit::Str(s) => Ok(CVal::Str(s.value())),
                syn::Lit::Byte(b) => Ok(CVal::Int(b.value() as u128)),
                other => reject(
                    file,
                    other.span(),
                    "literal",
                    "this literal is outside the subset",
                ),
            },
            syn::Expr::Paren(p) => self.eval(m, file, &p.expr, ty),
            syn::Expr::Group(g) => self.eval(m, file, &g.expr, ty),
            syn::Expr::Reference(r) => self.eval(m, file, &r.expr, ty),
            syn::Expr::Array(a) => {
                let elem = ty.elem().cloned().unwrap_or(Ty::Unknown);
                let mut v = Vec::new();
                for x in &a.elems {
                    v.push(self.eval(m, file, x, &elem)?);
                }
                Ok(CVal::List(v))
            }
            syn::Expr::Repeat(r) => {
                let elem = ty.elem().cloned().unwrap_or(Ty::Unknown);
                let x = self.eval(m, file, &r.expr, &elem)?;
                let n = match self.eval(m, file, &r.len, &Ty::Int(IntTy::Usize))? {
                    CVal::Int(n) => n as usize,
                    _ => return reject(file, r.span(), "array length", "not an integer"),
                };
                Ok(CVal::List(vec![x; n]))
            }
            syn::Expr::Path(p) => {
                let segs: Vec<String> = p
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                if segs.len() == 2 {
                    if let Some(i) = IntTy::from_name(&segs[0]) {
                        match segs[1].as_str() {
                            "MAX" => return Ok(CVal::Int(i.max())),
                            "MIN" => return Ok(CVal::Int(0)),
                            "BITS" => return Ok(CVal::Int(i.bits() as u128)),
                            _ => {}
                        }
                    }
                }
                match self.krate.resolve(m, &segs) {
                    Some(Target::Item(im, name)) => {
                        if let Some(ItemKind::Const(_)) =
                            self.krate.item(&im, &name).map(|i| &i.kind)
                        {
                            return Ok(self.constant(&im, &name)?.0);
                        }
                        reject(
                            file,
                            p.span(),
                            "constant expression",
                            format!("`{}` is not a constant", name),
                        )
                    }
                    _ => reject(file, p.span(), "constant expression", "unknown name"),
                }
            }
            syn::Expr::Cast(c) => {
                let target = ty_inner(self.krate, m, file, &c.ty)?;
                let t = match target.int() {
                    Some(t) => t,
                    None => {
                        return reject(
                            file,
                            c.span(),
                            "cast",
                            "constant casts must be to an integer type",
                        )
                    }
                };
                match self.eval(m, file, &c.expr, &Ty::Unknown)? {
                    CVal::Int(v) => Ok(CVal::Int(v & t.max())),
                    CVal::Bool(b) => Ok(CVal::Int(b as u128)),
                    _ => reject(file, c.span(), "cast", "not an integer"),
                }
            }
            syn::Expr::Unary(u) => {
                let v = self.eval(m, file, &u.expr, ty)?;
                match (&u.op, v) {
                    (syn::UnOp::Not(_), CVal::Bool(b)) => Ok(CVal::Bool(!b)),
                    (syn::UnOp::Not(_), CVal::Int(x)) => match ty.int() {
                        Some(t) => Ok(CVal::Int(!x & t.max())),
                        None => reject(
                            file,
                            u.span(),
                            "constant expression",
                            "`!` needs a known integer type",
                        ),
                    },
                    _ => reject(
                        file,
                        u.span(),
                        "constant expression",
                        "unsupported unary operator",
                    ),
                }
            }
            syn::Expr::Binary(b) => {
                let l = self.eval(m, file, &b.left, ty)?;
                let r = self.eval(m, file, &b.right, ty)?;
                let (x, y) = match (l, r) {
                    (CVal::Int(x), CVal::Int(y)) => (x, y),
                    _ => {
                        return reject(
                            file,
                            b.span(),
                            "constant expression",
                            "operands must be integers",
                        )
                    }
                };
                let max = ty.int().map(|t| t.max()).unwrap_or(u64::MAX as u128);
                let bad = || reject(file, b.span(), "constant expression", "overflow");
                let v = match b.op {
                    syn::BinOp::Add(_) => x.checked_add(y).filter(|v| *v <= max),
                    syn::BinOp::Sub(_) => x.checked_sub(y),
                    syn::BinOp::Mul(_) => x.checked_mul(y).filter(|v| *v <= max),
                    syn::BinOp::Div(_) => x.checked_div(y),
                    syn::BinOp::Rem(_) => x.checked_rem(y),
                    syn::BinOp::Shl(_) => {
                        if y < 128 {
                            Some((x << y) & max)
                        } else {
                            None
                        }
                    }
                    syn::BinOp::Shr(_) => {
                        if y < 128 {
                            Some(x >> y)
                        } else {
                            None
                        }
                    }
                    syn::BinOp::BitAnd(_) => Some(x & y),
                    syn::BinOp::BitOr(_) => Some(x | y),
                    syn::BinOp::BitXor(_) => Some(x ^ y),
                    _ => {
                        return reject(
                            file,
                            b.span(),
                            "constant expression",
                            "unsupported operator",
                        )
                    }
                };
                match v {
                    Some(v) => Ok(CVal::Int(v)),
                    None => bad(),
                }
            }
            other => reject(
                file,
                other.span(),
                "constant expression",
                "outside the subset of constant expressions",
            ),
        }
    }
}
