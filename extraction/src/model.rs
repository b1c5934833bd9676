//! The crate as the translator sees it: the module tree (from `mod` declarations, starting at
//! `lib.rs`), the items of each module, and name resolution of paths.

use crate::reject::{reject, reject_at, Res};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use syn::spanned::Spanned;

/// A module path below the crate root: `[]` is the root, `["air", "rv32im"]` is
/// `crate::air::rv32im`.
pub type ModPath = Vec<String>;

/// Where the Rust sources come from (a directory, or a map in tests).
pub trait SourceTree {
    /// The text of the file at `rel` (relative to the crate's `src/`), if it exists.
    fn read(&self, rel: &Path) -> Option<String>;
}

pub struct DirTree(pub PathBuf);

impl SourceTree for DirTree {
    fn read(&self, rel: &Path) -> Option<String> {
        std::fs::read_to_string(self.0.join(rel)).ok()
    }
}

/// An in-memory source tree: relative path (`lib.rs`, `a/b.rs`) to text.
pub struct MemTree(pub BTreeMap<String, String>);

impl SourceTree for MemTree {
    fn read(&self, rel: &Path) -> Option<String> {
        self.0
            .get(&rel.to_string_lossy().replace('\\', "/"))
            .cloned()
    }
}

pub struct Module {
    pub path: ModPath,
    /// The file as shown in messages and generated headers (display prefix + relative path).
    pub file: String,
    /// `use` declarations: local name -> absolute path (first segment `crate` or an
    /// external crate's name).
    pub uses: HashMap<String, Vec<String>>,
    /// Child modules declared with `mod x;`.
    pub children: Vec<String>,
}

#[derive(Clone)]
pub enum ItemKind {
    Fn(syn::ItemFn),
    Struct(syn::ItemStruct),
    Enum(syn::ItemEnum),
    Alias(syn::ItemType),
    Const(syn::ItemConst),
}

#[derive(Clone)]
pub struct Item {
    pub module: ModPath,
    pub name: String,
    pub kind: ItemKind,
    /// Position in the source file (items keep this order when nothing forces another).
    pub order: usize,
}

/// A method of an inherent `impl` block.
#[derive(Clone)]
pub struct Method {
    pub module: ModPath,
    pub type_name: String,
    pub name: String,
    pub func: syn::ImplItemFn,
    pub order: usize,
}

/// A trait impl that is skipped on purpose (formatting and equality for messages and tests;
/// no verification path calls it).
pub struct Skipped {
    pub file: String,
    pub line: usize,
    pub what: String,
}

pub struct Crate {
    pub modules: Vec<Module>,
    pub items: BTreeMap<(ModPath, String), Item>,
    pub methods: BTreeMap<(ModPath, String, String), Method>,
    pub skipped: Vec<Skipped>,
}

/// Trait impls that carry no verification behaviour (messages, test equality); skipped.
pub const SKIPPED_TRAITS: &[&str] = &["Debug", "Display", "Error", "PartialEq", "Eq"];

/// What a path names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Module(ModPath),
    /// An item `(module, name)` of the crate.
    Item(ModPath, String),
    /// A variant of the enum `(module, enum)`.
    Variant(ModPath, String, String),
    /// A method (or associated function) of the type `(module, type)`.
    Method(ModPath, String, String),
    /// Something outside the crate (`sha3::...`, `core::fmt::...`).
    External(Vec<String>),
}

/// Display name of a module path: `crate::a::b`.
pub fn rust_path(path: &ModPath) -> String {
    let mut s = String::from("crate");
    for p in path {
        s.push_str("::");
        s.push_str(p);
    }
    s
}

impl Crate {
    /// Loads the crate rooted at `lib.rs` of `tree`; `display_prefix` is prepended to
    /// relative file names in messages (e.g. `rust/verifier/src/`).
    pub fn load(tree: &dyn SourceTree, display_prefix: &str) -> Res<Crate> {
        let mut krate = Crate {
            modules: Vec::new(),
            items: BTreeMap::new(),
            methods: BTreeMap::new(),
            skipped: Vec::new(),
        };
        krate.load_module(
            tree,
            display_prefix,
            Vec::new(),
            PathBuf::from("lib.rs"),
            true,
        )?;
        Ok(krate)
    }

    fn load_module(
        &mut self,
        tree: &dyn SourceTree,
        prefix: &str,
        path: ModPath,
        rel: PathBuf,
        is_dir_owner: bool,
    ) -> Res<()> {
        let file = format!("{}{}", prefix, rel.to_string_lossy().replace('\\', "/"));
        let text = match tree.read(&rel) {
            Some(t) => t,
            None => {
                return Err(crate::reject::Reject {
                    file: file.clone(),
                    line: 0,
                    column: 0,
                    construct: "module file".into(),
                    detail: format!("cannot read the file of module `{}`", rust_path(&path)),
                })
            }
        };
        let mut ast = syn::parse_file(&text).map_err(|e| {
            let start = e.span().start();
            crate::reject::Reject {
                file: file.clone(),
                line: start.line,
                column: start.column + 1,
                construct: "syntax".into(),
                detail: e.to_string(),
            }
        })?;
        crate::cfg::strip(&file, &mut ast)?;
        // Directory holding this module's children: `lib.rs`/`mod.rs` own their directory,
        // `a.rs` owns `a/`.
        let dir: PathBuf = if is_dir_owner {
            rel.parent().map(Path::to_path_buf).unwrap_or_default()
        } else {
            let parent = rel.parent().map(Path::to_path_buf).unwrap_or_default();
            parent.join(rel.file_stem().unwrap())
        };
        let mut module = Module {
            path: path.clone(),
            file: file.clone(),
            uses: HashMap::new(),
            children: Vec::new(),
        };
        let mut children: Vec<(String, PathBuf, bool)> = Vec::new();
        for (order, item) in ast.items.iter().enumerate() {
            match item {
                syn::Item::Mod(m) => {
                    if m.content.is_some() {
                        return reject(&file, m.span(), "inline module", "modules must be files");
                    }
                    let name = m.ident.to_string();
                    let as_file = dir.join(format!("{}.rs", name));
                    let as_dir = dir.join(&name).join("mod.rs");
                    if tree.read(&as_file).is_some() {
                        children.push((name.clone(), as_file, false));
                    } else if tree.read(&as_dir).is_some() {
                        children.push((name.clone(), as_dir, true));
                    } else {
                        return reject(
                            &file,
                            m.span(),
                            "module file",
                            format!("no file for `mod {}`", name),
                        );
                    }
                    module.children.push(name);
                }
                syn::Item::Use(u) => collect_use(&u.tree, Vec::new(), &mut module.uses, &file)?,
                syn::Item::Fn(f) => self.add_item(
                    &path,
                    f.sig.ident.to_string(),
                    ItemKind::Fn(f.clone()),
                    order,
                    &file,
                    f.span(),
                )?,
                syn::Item::Struct(s) => self.add_item(
                    &path,
                    s.ident.to_string(),
                    ItemKind::Struct(s.clone()),
                    order,
                    &file,
                    s.span(),
                )?,
                syn::Item::Enum(e) => self.add_item(
                    &path,
                    e.ident.to_string(),
                    ItemKind::Enum(e.clone()),
                    order,
                    &file,
                    e.span(),
                )?,
                syn::Item::Type(t) => self.add_item(
                    &path,
                    t.ident.to_string(),
                    ItemKind::Alias(t.clone()),
                    order,
                    &file,
                    t.span(),
                )?,
                syn::Item::Const(c) => self.add_item(
                    &path,
                    c.ident.to_string(),
                    ItemKind::Const(c.clone()),
                    order,
                    &file,
                    c.span(),
                )?,
                syn::Item::Impl(imp) => self.add_impl(&path, imp, order, &file)?,
                syn::Item::Trait(t) => {
                    return reject(&file, t.span(), "trait", "traits are outside the subset")
                }
                syn::Item::Static(s) => {
                    return reject(&file, s.span(), "static", "statics are outside the subset")
                }
                syn::Item::Macro(m) => {
                    return reject(
                        &file,
                        m.span(),
                        "macro definition",
                        "macros are outside the subset",
                    )
                }
                syn::Item::Union(u) => {
                    return reject(&file, u.span(), "union", "unions are outside the subset")
                }
                syn::Item::ExternCrate(e) => {
                    return reject(&file, e.span(), "extern crate", "outside the subset")
                }
                syn::Item::ForeignMod(f) => {
                    return reject(&file, f.span(), "extern block", "outside the subset")
                }
                syn::Item::TraitAlias(t) => {
                    return reject(&file, t.span(), "trait alias", "outside the subset")
                }
                other => {
                    return reject(
                        &file,
                        other.span(),
                        "item",
                        "this kind of item is outside the subset",
                    )
                }
            }
        }
        self.modules.push(module);
        for (name, child_rel, owner) in children {
            let mut child = path.clone();
            child.push(name);
            self.load_module(tree, prefix, child, child_rel, owner)?;
        }
        Ok(())
    }

    fn add_item(
        &mut self,
        module: &ModPath,
        name: String,
        kind: ItemKind,
        order: usize,
        file: &str,
        span: proc_macro2::Span,
    ) -> Res<()> {
        let key = (module.clone(), name.clone());
        if self.items.contains_key(&key) {
            return reject(
                file,
                span,
                "duplicate item",
                format!("`{}` is defined twice", name),
            );
        }
        self.items.insert(
            key,
            Item {
                module: module.clone(),
                name,
                kind,
                order,
            },
        );
        Ok(())
    }

    fn add_impl(
        &mut self,
        module: &ModPath,
        imp: &syn::ItemImpl,
        order: usize,
        file: &str,
    ) -> Res<()> {
        if let Some((_, trait_path, _)) = &imp.trait_ {
            let last = trait_path
                .segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default();
            if SKIPPED_TRAITS.contains(&last.as_str()) {
                self.skipped.push(Skipped {
                    file: file.to_string(),
                    line: imp.span().start().line,
                    what: format!(
                        "impl {}",
                        quote::quote!(#trait_path).to_string().replace(' ', "")
                    ),
                });
                return Ok(());
            }
            return reject(
                file,
                imp.span(),
                "trait impl",
                format!("`impl {}` is outside the subset", last),
            );
        }
        if !imp.generics.params.is_empty() {
            return reject(
                file,
                imp.generics.span(),
                "generics",
                "generic impl blocks are outside the subset",
            );
        }
        let type_name = match &*imp.self_ty {
            syn::Type::Path(p) if p.path.segments.len() == 1 => {
                p.path.segments[0].ident.to_string()
            }
            other => {
                return reject(
                    file,
                    other.span(),
                    "impl target",
                    "impl blocks must name a local struct",
                )
            }
        };
        for (k, it) in imp.items.iter().enumerate() {
            match it {
                syn::ImplItem::Fn(f) => {
                    let name = f.sig.ident.to_string();
                    self.methods.insert(
                        (module.clone(), type_name.clone(), name.clone()),
                        Method {
                            module: module.clone(),
                            type_name: type_name.clone(),
                            name,
                            func: f.clone(),
                            order: order * 1000 + k,
                        },
                    );
                }
                other => {
                    return reject(
                        file,
                        other.span(),
                        "impl item",
                        "only methods are allowed in impl blocks",
                    )
                }
            }
        }
        Ok(())
    }

    pub fn module(&self, path: &ModPath) -> &Module {
        self.modules
            .iter()
            .find(|m| &m.path == path)
            .expect("module")
    }

    pub fn has_module(&self, path: &ModPath) -> bool {
        self.modules.iter().any(|m| &m.path == path)
    }

    pub fn item(&self, module: &ModPath, name: &str) -> Option<&Item> {
        self.items.get(&(module.clone(), name.to_string()))
    }

    /// Resolves a path written in module `m`.
    pub fn resolve(&self, m: &ModPath, segs: &[String]) -> Option<Target> {
        self.resolve_depth(m, segs, 0)
    }

    fn resolve_depth(&self, m: &ModPath, segs: &[String], depth: usize) -> Option<Target> {
        if segs.is_empty() || depth > 16 {
            return None;
        }
        let first = segs[0].as_str();
        let mut target = match first {
            "crate" => Target::Module(Vec::new()),
            "self" => Target::Module(m.clone()),
            "super" => {
                let mut p = m.clone();
                p.pop()?;
                Target::Module(p)
            }
            "std" | "core" | "alloc" if self.lookup_in(m, first, depth).is_none() => {
                Target::External(vec![first.to_string()])
            }
            name => self.lookup_in(m, name, depth)?,
        };
        for seg in &segs[1..] {
            target = self.step(target, seg, depth)?;
        }
        Some(target)
    }

    /// The meaning of a single name in module `m`: a use, an item, a child module.
    fn lookup_in(&self, m: &ModPath, name: &str, depth: usize) -> Option<Target> {
        if self.items.contains_key(&(m.clone(), name.to_string())) {
            return Some(Target::Item(m.clone(), name.to_string()));
        }
        let module = self.modules.iter().find(|x| &x.path == m)?;
        if let Some(abs) = module.uses.get(name) {
            if abs[0] == "crate" || abs[0] == "self" || abs[0] == "super" {
                return self.resolve_depth(m, abs, depth + 1);
            }
            return Some(Target::External(abs.clone()));
        }
        if module.children.iter().any(|c| c == name) {
            let mut p = m.clone();
            p.push(name.to_string());
            return Some(Target::Module(p));
        }
        None
    }

    fn step(&self, target: Target, seg: &str, depth: usize) -> Option<Target> {
        match target {
            Target::Module(p) => self.lookup_in(&p, seg, depth + 1),
            Target::Item(p, name) => match &self.items.get(&(p.clone(), name.clone()))?.kind {
                ItemKind::Enum(_) => Some(Target::Variant(p, name, seg.to_string())),
                ItemKind::Struct(_) => Some(Target::Method(p, name, seg.to_string())),
                _ => None,
            },
            Target::External(mut v) => {
                v.push(seg.to_string());
                Some(Target::External(v))
            }
            _ => None,
        }
    }
}

fn collect_use(
    tree: &syn::UseTree,
    prefix: Vec<String>,
    out: &mut HashMap<String, Vec<String>>,
    file: &str,
) -> Res<()> {
    match tree {
        syn::UseTree::Path(p) => {
            let mut pre = prefix;
            pre.push(p.ident.to_string());
            collect_use(&p.tree, pre, out, file)
        }
        syn::UseTree::Name(n) => {
            let name = n.ident.to_string();
            if name == "self" {
                let local = prefix.last().cloned().unwrap_or_default();
                out.insert(local, prefix);
            } else {
                let mut full = prefix;
                full.push(name.clone());
                out.insert(name, full);
            }
            Ok(())
        }
        syn::UseTree::Rename(r) => {
            let alias = r.rename.to_string();
            if alias != "_" {
                let mut full = prefix;
                full.push(r.ident.to_string());
                out.insert(alias, full);
            }
            Ok(())
        }
        syn::UseTree::Group(g) => {
            for t in &g.items {
                collect_use(t, prefix.clone(), out, file)?;
            }
            Ok(())
        }
        syn::UseTree::Glob(g) => Err(reject_at(
            file,
            g.span(),
            "glob import",
            "`use ...::*` is outside the subset",
        )),
    }
}
