//! Recursive types: a field that leads back to its own type without a `Vec` or map in
//! between would make the type infinitely large, so such fields are boxed.

use std::collections::{BTreeMap, BTreeSet};

use super::{TypeDef, TypeKind, TypeRef};

/// Sets `boxed` on every field and variant that closes a cycle of direct containment.
pub fn box_cycles(types: &mut [TypeDef]) {
    let edges: BTreeMap<String, Vec<String>> = types
        .iter()
        .map(|def| (def.name.clone(), direct_children(&def.kind)))
        .collect();
    for def in types.iter_mut() {
        let owner = def.name.clone();
        let needs_box = |ty: &TypeRef| match direct(ty) {
            Some(target) => reaches(&edges, &target, &owner),
            None => false,
        };
        match &mut def.kind {
            TypeKind::Struct { fields, .. } => {
                for field in fields {
                    field.boxed = needs_box(&field.ty);
                }
            }
            TypeKind::Untagged { variants } => {
                for variant in variants {
                    variant.boxed = needs_box(&variant.ty);
                }
            }
            TypeKind::Tagged { variants, .. } => {
                for variant in variants {
                    variant.boxed = needs_box(&variant.ty);
                }
            }
            // Its value is a list or map, which holds what it contains on the heap already.
            TypeKind::Newtype { .. } | TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => {}
        }
    }
}

/// Named types held directly (not behind a list or map) by a type.
fn direct_children(kind: &TypeKind) -> Vec<String> {
    match kind {
        TypeKind::Struct { fields, .. } => fields.iter().filter_map(|f| direct(&f.ty)).collect(),
        TypeKind::Untagged { variants } => variants.iter().filter_map(|v| direct(&v.ty)).collect(),
        TypeKind::Tagged { variants, .. } => variants.iter().filter_map(|v| direct(&v.ty)).collect(),
        TypeKind::Newtype { inner } => direct(inner).into_iter().collect(),
        TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => Vec::new(),
    }
}

/// The named type `ty` holds directly: itself, or inside an `Option` (a nullable value).
fn direct(ty: &TypeRef) -> Option<String> {
    match ty {
        TypeRef::Named(name) => Some(name.clone()),
        TypeRef::Nullable(inner) => direct(inner),
        _ => None,
    }
}

fn reaches(edges: &BTreeMap<String, Vec<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut pending = vec![from.to_owned()];
    while let Some(current) = pending.pop() {
        if current == to {
            return true;
        }
        if seen.insert(current.clone()) {
            pending.extend(edges.get(&current).into_iter().flatten().cloned());
        }
    }
    false
}
