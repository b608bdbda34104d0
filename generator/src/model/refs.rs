//! Following `$ref`s to components, with errors that name the missing target or the loop.

use std::borrow::Borrow;

use indexmap::IndexMap;
use openapiv3::ReferenceOr;

use crate::error::{Error, Result};

/// Resolves `item` against `components` (the map behind `prefix`, e.g.
/// `#/components/parameters/`), following chains of `$ref`s. Returns the definition and the
/// pointer where it lives. `item` may hold its definition boxed (`U` is `Box<T>` for an
/// object's properties), as the components never do.
pub fn resolve<'a, T, U: Borrow<T>>(
    item: &'a ReferenceOr<U>,
    components: Option<&'a IndexMap<String, ReferenceOr<T>>>,
    prefix: &str,
    pointer: &str,
) -> Result<(&'a T, String)> {
    let mut reference = match item {
        ReferenceOr::Item(value) => return Ok((value.borrow(), pointer.to_owned())),
        ReferenceOr::Reference { reference } => reference,
    };
    let mut current_pointer = pointer.to_owned();
    let mut chain: Vec<String> = Vec::new();
    loop {
        if chain.contains(reference) {
            chain.push(reference.clone());
            return Err(Error::RefCycle { cycle: chain });
        }
        chain.push(reference.clone());
        let name = component_name(reference, prefix, &current_pointer)?;
        let target = components.and_then(|map| map.get(name)).ok_or_else(|| Error::DanglingRef {
            pointer: current_pointer.clone(),
            target: reference.clone(),
        })?;
        current_pointer = crate::error::pointer_push(prefix.trim_end_matches('/'), name);
        match target {
            ReferenceOr::Item(value) => return Ok((value, current_pointer)),
            ReferenceOr::Reference { reference: next } => reference = next,
        }
    }
}

/// The component name a local `$ref` points at, e.g. `Pet` for `#/components/schemas/Pet`.
pub fn component_name<'r>(reference: &'r str, prefix: &str, pointer: &str) -> Result<&'r str> {
    let Some(escaped) = reference.strip_prefix(prefix) else {
        return Err(Error::Unsupported {
            pointer: pointer.to_owned(),
            reason: format!(
                "$ref '{reference}': only references to '{prefix}...' in the same document are \
                 supported here"
            ),
        });
    };
    if escaped.contains('/') || escaped.contains('~') {
        return Err(Error::Unsupported {
            pointer: pointer.to_owned(),
            reason: format!("$ref '{reference}' does not name a component directly"),
        });
    }
    Ok(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, ReferenceOr<u8>)]) -> IndexMap<String, ReferenceOr<u8>> {
        entries.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect()
    }

    const P: &str = "#/components/parameters/";

    #[test]
    fn follows_chains() {
        let components = map(&[
            ("a", ReferenceOr::ref_("#/components/parameters/b")),
            ("b", ReferenceOr::Item(7)),
        ]);
        let item = ReferenceOr::<u8>::ref_("#/components/parameters/a");
        let (value, at) = resolve(&item, Some(&components), P, "#/paths/x").unwrap();
        assert_eq!((*value, at.as_str()), (7, "#/components/parameters/b"));
    }

    #[test]
    fn boxed_items_resolve_into_the_components() {
        let components = map(&[("a", ReferenceOr::Item(7))]);
        let inline: ReferenceOr<Box<u8>> = ReferenceOr::Item(Box::new(3));
        let (value, at) = resolve(&inline, Some(&components), P, "#/here").unwrap();
        assert_eq!((*value, at.as_str()), (3, "#/here"));
        let reference: ReferenceOr<Box<u8>> = ReferenceOr::ref_("#/components/parameters/a");
        let (value, at) = resolve(&reference, Some(&components), P, "#/here").unwrap();
        assert_eq!((*value, at.as_str()), (7, "#/components/parameters/a"));
    }

    #[test]
    fn dangling_names_target_and_place() {
        let item = ReferenceOr::<u8>::ref_("#/components/parameters/gone");
        let err = resolve(&item, None::<&IndexMap<String, ReferenceOr<u8>>>, P, "#/paths/~1x/get/parameters/0").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("#/components/parameters/gone") && text.contains("#/paths/~1x/get/parameters/0"), "{text}");
    }

    #[test]
    fn cycles_are_named() {
        let components = map(&[
            ("a", ReferenceOr::ref_("#/components/parameters/b")),
            ("b", ReferenceOr::ref_("#/components/parameters/a")),
        ]);
        let item = ReferenceOr::<u8>::ref_("#/components/parameters/a");
        let err = resolve(&item, Some(&components), P, "#/x").unwrap_err();
        assert!(matches!(err, Error::RefCycle { ref cycle } if cycle.len() == 3), "{err}");
    }

    #[test]
    fn external_refs_are_unsupported_not_panics() {
        let item = ReferenceOr::<u8>::ref_("other.yaml#/components/parameters/a");
        assert!(matches!(resolve(&item, None::<&IndexMap<String, ReferenceOr<u8>>>, P, "#/x"), Err(Error::Unsupported { .. })));
    }
}
