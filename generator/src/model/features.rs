//! Cargo features per tag: a big API can be compiled in part. Every tag of the document is a
//! feature (all on by default) that covers the operations carrying the tag and the types only
//! they need. An operation with several tags is compiled when any of them is on; one without
//! tags always is. A type is compiled when any operation that uses it (directly or through
//! other types) is; a type that an always-compiled operation uses, or that no operation uses
//! (part of the API all the same), or that such a type uses, is always compiled.

use std::collections::{BTreeMap, BTreeSet};

use super::{Additional, Operation, TypeAlias, TypeDef, TypeKind, TypeRef};

/// Feature names of `tags` (the document's `tags` list first, then tags only operations name,
/// in order of first use): kebab-case ASCII, unique, never `default`, `mock` or `cli` (the
/// crate's own features).
pub fn names<'a>(tags: impl IntoIterator<Item = &'a String>) -> BTreeMap<String, String> {
    let mut taken = crate::naming::Scope::with_taken(["default", "mock", "cli"]);
    let mut names = BTreeMap::new();
    for tag in tags {
        if !names.contains_key(tag) {
            names.insert(tag.clone(), taken.claim(crate::naming::feature(tag)));
        }
    }
    names
}

/// Sets the features of every type and alias from the operations that use them.
pub fn assign(operations: &[Operation], types: &mut [TypeDef], aliases: &mut [TypeAlias]) {
    let index: BTreeMap<&str, usize> = types.iter().enumerate().map(|(i, def)| (def.name.as_str(), i)).collect();
    let children: Vec<Vec<usize>> = types
        .iter()
        .map(|def| named_in_kind(&def.kind).filter_map(|name| index.get(name).copied()).collect())
        .collect();
    // The features of the gated operations that reach each type (`None`: none reaches it).
    let mut gates: Vec<Option<BTreeSet<&str>>> = vec![None; types.len()];
    let mut always = Vec::new();
    for op in operations {
        let reached = reach(op_types(op).filter_map(|name| index.get(name).copied()), &children);
        if op.features.is_empty() {
            always.extend(reached);
        } else {
            for i in reached {
                gates[i].get_or_insert_with(BTreeSet::new).extend(op.features.iter().map(String::as_str));
            }
        }
    }
    always.extend((0..types.len()).filter(|&i| gates[i].is_none()));
    for i in reach(always, &children) {
        gates[i] = None;
    }
    let features: Vec<Vec<String>> = gates
        .into_iter()
        .map(|gate| gate.map_or_else(Vec::new, |set| set.into_iter().map(str::to_owned).collect()))
        .collect();
    for alias in aliases.iter_mut() {
        if let Some(&i) = index.get(alias.target.as_str()) {
            alias.features.clone_from(&features[i]);
        }
    }
    for (def, features) in types.iter_mut().zip(features) {
        def.features = features;
    }
}

/// Every type reachable from `roots`, each once.
fn reach(roots: impl IntoIterator<Item = usize>, children: &[Vec<usize>]) -> Vec<usize> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<usize> = roots.into_iter().collect();
    while let Some(i) = pending.pop() {
        if seen.insert(i) {
            pending.extend(children[i].iter().copied().filter(|c| !seen.contains(c)));
        }
    }
    seen.into_iter().collect()
}

/// Names of the types an operation's parameters, body and answers name.
fn op_types(op: &Operation) -> impl Iterator<Item = &str> {
    let params = op.params.iter().map(|p| &p.ty);
    let body = op.body.iter().map(|b| &b.ty);
    let answers = op.success.iter().chain(&op.errors).filter_map(|r| r.body.as_ref()).map(|b| &b.ty);
    let items = op.pagination.iter().map(|p| &p.item);
    params.chain(body).chain(answers).chain(items).filter_map(named)
}

fn named_in_kind(kind: &TypeKind) -> impl Iterator<Item = &str> {
    let refs: Vec<&TypeRef> = match kind {
        TypeKind::Struct { fields, additional } => {
            let mut refs: Vec<&TypeRef> = fields.iter().map(|f| &f.ty).collect();
            if let Additional::Kept { ty, .. } = additional {
                refs.push(ty);
            }
            refs
        }
        TypeKind::Untagged { variants } => variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Tagged { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Newtype { inner } => vec![inner],
        TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => Vec::new(),
    };
    refs.into_iter().filter_map(named)
}

/// The named type inside `ty` (lists, maps and nullables hold at most one).
fn named(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => named(inner),
        _ => None,
    }
}
