//! Schemas to types: every schema of the document becomes a [`TypeRef`], and the ones that need
//! a declaration (objects, enums, unions) a named [`TypeDef`].
//!
//! Component schemas keep their names; inline schemas are named from a hint that says where
//! they sit (`{Parent}{Property}`, `{Operation}Response`, ...). All component names are claimed
//! before any inline name, so an inline schema can never take a component's name.
//!
//! One type per shape: an inline schema whose type comes out the same as one already declared
//! (the same kind, fields, wire names, field types, requiredness, defaults and variants;
//! descriptions aside, properties and enum values in any order) is that type, not a copy of
//! it. Types are compared after their own inline parts are, so nested copies collapse from the
//! inside out. Names, so that they do not depend on the document's order where possible:
//! - an inline type met while declaring the components (sorted by name) takes the best name of
//!   its copies: the shortest, then the first in alphabetical order;
//! - an inline type first met in an operation keeps the name of its first use (operations are
//!   built in document order);
//! - components are declared under their own names; a component of the same shape as another
//!   type (GitHub's `nullable-*` twins) becomes an alias of it (`pub type NullableX = X;`), the
//!   kept type being a component before an inline type, then the best name as above;
//! - deprecated components are never shared.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    AdditionalProperties, IntegerFormat, OpenAPI, ReferenceOr, Schema, SchemaKind, StringFormat,
    Type, VariantOrUnknownOrEmpty,
};

use super::refs::component_name;
use super::{
    Access, Additional, EnumVariant, Field, TaggedVariant, TypeAlias, TypeDef, TypeKind, TypeRef, UntaggedVariant,
};
use crate::error::{pointer_push, Error, Result};
use crate::naming::{pascal, snake, Scope};

const SCHEMAS: &str = "#/components/schemas/";

/// Extension that marks a string as sensitive (never printed), besides `format: password`.
const SENSITIVE: &str = "x-sensitive";

/// The prelude's values, which the types module names unqualified (`None` in a constructor):
/// a newtype is a tuple struct, whose name is a value too, so no type takes these names.
const VALUE_NAMES: &[&str] = &["None", "Some", "Ok", "Err"];

/// Properties by wire name, each with the pointer of the object schema that lists it.
type LocatedProperties = indexmap::IndexMap<String, (ReferenceOr<Box<Schema>>, String)>;
/// An object schema's `properties`.
type Properties = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

/// The set of types being built.
pub struct TypeSpace<'a> {
    schemas: Option<&'a indexmap::IndexMap<String, ReferenceOr<Schema>>>,
    names: Scope,
    /// Component schema name → Rust type name, for components that get a declaration.
    named_components: BTreeMap<String, String>,
    defs: BTreeMap<String, TypeDef>,
    /// Component aliases being resolved, each with the number of declarations open when its
    /// resolution began, to tell a `$ref` loop through a declared type (a list whose items
    /// hold the list) from one with no type in it.
    resolving: Vec<(String, usize)>,
    /// How many declarations are being built, one inside another.
    declaring: usize,
    /// Component aliases met again inside their own resolution, through a declared type →
    /// the placeholder name used there until the alias is known ([`Self::reference`]).
    placeholders: BTreeMap<String, String>,
    /// What those components stand for, once resolved.
    recursive_aliases: BTreeMap<String, TypeRef>,
    /// The shape of every declared type that an inline schema may share ([`shape_key`]) →
    /// its name.
    shapes: std::collections::HashMap<String, String>,
    /// Component schemas of the same shape as another, declared as aliases of it.
    aliases: Vec<TypeAlias>,
    /// Shared inline type → the best name among its copies so far ([`better_name`]), with
    /// that copy's place in the document.
    best_names: BTreeMap<String, (String, String)>,
    /// Components declared as newtypes ([`TypeKind::Newtype`]), by Rust name.
    newtypes: BTreeSet<String>,
}

impl<'a> TypeSpace<'a> {
    /// Claims names for every component schema and converts them.
    pub fn new(spec: &'a OpenAPI) -> Result<Self> {
        let schemas = spec.components.as_ref().map(|c| &c.schemas);
        let mut space = TypeSpace {
            schemas,
            names: Scope::with_taken(VALUE_NAMES.iter().copied()),
            named_components: BTreeMap::new(),
            defs: BTreeMap::new(),
            resolving: Vec::new(),
            declaring: 0,
            placeholders: BTreeMap::new(),
            recursive_aliases: BTreeMap::new(),
            shapes: std::collections::HashMap::new(),
            aliases: Vec::new(),
            best_names: BTreeMap::new(),
            newtypes: BTreeSet::new(),
        };
        let mut keys: Vec<&String> = schemas.into_iter().flat_map(|m| m.keys()).collect();
        keys.sort();
        let self_containing = space.self_containing_aliases();
        for key in &keys {
            if let Some(ReferenceOr::Item(schema)) = schemas.and_then(|m| m.get(*key)) {
                let newtype = self_containing.contains(key.as_str());
                if newtype || space.needs_declaration(schema) {
                    let name = space.names.claim(pascal(key));
                    if newtype {
                        space.newtypes.insert(name.clone());
                    }
                    space.named_components.insert((*key).clone(), name);
                }
            }
        }
        for key in keys {
            let Some(name) = space.named_components.get(key).cloned() else {
                // Not declared (an alias, a list, a primitive): resolve it anyway, so a dangling
                // `$ref` or a loop in an unused component is still reported.
                let pointer = pointer_push("#/components/schemas", key);
                space.reference(&format!("{SCHEMAS}{key}"), &pointer)?;
                continue;
            };
            if let Some(ReferenceOr::Item(schema)) = schemas.and_then(|m| m.get(key)) {
                let pointer = pointer_push("#/components/schemas", key);
                space.declare(name, schema, &pointer, true)?;
            }
        }
        space.adopt_best_names();
        space.merge_same_shapes();
        Ok(space)
    }

    /// Renames each inline type shared while declaring the components to the best name among
    /// its copies ([`better_name`]), so which copy came first does not matter. (Inline types
    /// first met in operations keep the name of their first use: operations are built in
    /// document order, after their names are handed out.)
    fn adopt_best_names(&mut self) {
        let mut renamed = BTreeMap::new();
        for (kept, (best, origin)) in std::mem::take(&mut self.best_names) {
            if self.names.contains(&best) {
                continue;
            }
            let Some(mut def) = self.defs.remove(&kept) else { continue };
            self.names.release(&kept);
            let best = self.names.claim(best);
            def.name.clone_from(&best);
            def.origin = origin;
            self.defs.insert(best.clone(), def);
            renamed.insert(kept, best);
        }
        if renamed.is_empty() {
            return;
        }
        for def in self.defs.values_mut() {
            rename_in_kind(&mut def.kind, &renamed);
        }
        for name in self.shapes.values_mut() {
            if let Some(new) = renamed.get(name) {
                name.clone_from(new);
            }
        }
    }

    /// After every component is declared: types of the same shape (components among
    /// themselves, or a component and an inline type declared before it) become one. The kept
    /// type is a component before an inline type, then the shortest name, then the first in
    /// alphabetical order (`Repository` over `NullableRepository`), so the choice does not
    /// depend on the document's order; a merged component stays as an alias of it, so its
    /// name still works. Repeated until nothing changes, as merging two types can make the
    /// types that hold them equal too. Deprecated components are kept apart.
    fn merge_same_shapes(&mut self) {
        let components: std::collections::BTreeSet<&String> = self.named_components.values().collect();
        let mut merged: BTreeMap<String, String> = BTreeMap::new();
        loop {
            let mut groups: BTreeMap<String, Vec<&String>> = BTreeMap::new();
            for (name, def) in &self.defs {
                if def.deprecated || merged.contains_key(name) {
                    continue;
                }
                let mut kind = def.kind.clone();
                rename_in_kind(&mut kind, &merged);
                groups.entry(shape_key(&kind)).or_default().push(name);
            }
            let before = merged.len();
            for mut names in groups.into_values().filter(|names| names.len() > 1) {
                names.sort_by_key(|name| (!components.contains(name), name.len(), name.as_str()));
                for other in &names[1..] {
                    merged.insert((*other).clone(), names[0].clone());
                }
            }
            if merged.len() == before {
                break;
            }
        }
        if merged.is_empty() {
            return;
        }
        // A type kept in one round may be merged in a later one: follow to the end.
        let targets: BTreeMap<String, String> = merged
            .keys()
            .map(|name| {
                let mut target = name;
                while let Some(next) = merged.get(target) {
                    target = next;
                }
                (name.clone(), target.clone())
            })
            .collect();
        for name in targets.keys() {
            let def = self.defs.remove(name).expect("merged types are declared");
            if components.contains(name) {
                self.aliases.push(TypeAlias {
                    name: name.clone(),
                    target: targets[name].clone(),
                    origin: def.origin,
                    description: def.description,
                    features: Vec::new(),
                });
            } else {
                self.names.release(name);
            }
        }
        for def in self.defs.values_mut() {
            rename_in_kind(&mut def.kind, &targets);
        }
        for name in self.named_components.values_mut() {
            if let Some(target) = targets.get(name) {
                name.clone_from(target);
            }
        }
        self.shapes = self
            .defs
            .iter()
            .filter(|(_, def)| !def.deprecated)
            .map(|(name, def)| (shape_key(&def.kind), name.clone()))
            .collect();
    }

    /// Component schemas declared as aliases of a type of the same shape, sorted by name.
    pub fn take_aliases(&mut self) -> Vec<TypeAlias> {
        std::mem::take(&mut self.aliases)
    }

    /// Whether a value of `ty` can hold a secret (a `format: password` or `x-sensitive` string).
    pub fn holds_secret(&self, ty: &TypeRef) -> bool {
        let mut seen = std::collections::BTreeSet::new();
        let mut pending = vec![ty.clone()];
        while let Some(ty) = pending.pop() {
            match ty {
                TypeRef::Secret => return true,
                TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => pending.push(*inner),
                TypeRef::Named(name) if seen.insert(name.clone()) => match self.defs.get(&name).map(|d| &d.kind) {
                    Some(TypeKind::Struct { fields, additional }) => {
                        pending.extend(fields.iter().map(|f| f.ty.clone()));
                        if let Additional::Kept { ty, .. } = additional {
                            pending.push(ty.clone());
                        }
                    }
                    Some(TypeKind::Untagged { variants }) => pending.extend(variants.iter().map(|v| v.ty.clone())),
                    Some(TypeKind::Tagged { variants, .. }) => pending.extend(variants.iter().map(|v| v.ty.clone())),
                    Some(TypeKind::Newtype { inner }) => pending.push(inner.clone()),
                    _ => {}
                },
                _ => {}
            }
        }
        false
    }

    /// The fields of a declared struct.
    pub fn struct_fields(&self, name: &str) -> Option<&[Field]> {
        match &self.defs.get(name)?.kind {
            TypeKind::Struct { fields, .. } => Some(fields),
            _ => None,
        }
    }

    /// The fields of `ty` when it names a struct.
    pub fn struct_fields_of(&self, ty: &TypeRef) -> Option<&[Field]> {
        match ty {
            TypeRef::Named(name) => self.struct_fields(name),
            _ => None,
        }
    }

    /// Claims a type name that no schema will take, e.g. for an operation's options.
    pub fn claim_name(&mut self, candidate: &str) -> String {
        self.names.claim(pascal(candidate))
    }

    /// The declared types, sorted by name, with the alternatives of every untagged union in
    /// the order they are tried (see [`specificity`]).
    pub fn into_types(self) -> Vec<TypeDef> {
        let ranks: BTreeMap<String, Specificity> =
            self.defs.keys().map(|name| (name.clone(), specificity(&TypeRef::Named(name.clone()), &self.defs))).collect();
        let mut defs: Vec<TypeDef> = self.defs.into_values().collect();
        for def in &mut defs {
            if let TypeKind::Untagged { variants } = &mut def.kind {
                variants.sort_by_key(|v| match v.ty.clone().split_nullable().0 {
                    TypeRef::Named(name) => ranks[&name],
                    other => specificity(&other, &BTreeMap::new()),
                });
            }
        }
        defs
    }

    /// The type of `schema`, declaring a type named after `hint` when it needs one.
    pub fn type_ref(&mut self, schema: &ReferenceOr<Schema>, hint: &str, pointer: &str) -> Result<TypeRef> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, pointer),
            ReferenceOr::Item(schema) => self.inline(schema, hint, pointer),
        }
    }

    fn boxed_type_ref(&mut self, schema: &ReferenceOr<Box<Schema>>, hint: &str, pointer: &str) -> Result<TypeRef> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, pointer),
            ReferenceOr::Item(schema) => self.inline(schema, hint, pointer),
        }
    }

    fn reference(&mut self, reference: &str, pointer: &str) -> Result<TypeRef> {
        let key = component_name(reference, SCHEMAS, pointer)?;
        if let Some(name) = self.named_components.get(key) {
            // A component that is nullable by construction makes every use of it nullable.
            let nullable = matches!(self.schemas.and_then(|m| m.get(key)), Some(ReferenceOr::Item(s)) if self.admits_null(s));
            let ty = TypeRef::Named(name.clone());
            return Ok(if nullable { TypeRef::nullable(ty) } else { ty });
        }
        let target = self.schemas.and_then(|m| m.get(key)).ok_or_else(|| Error::DanglingRef {
            pointer: pointer.to_owned(),
            target: reference.to_owned(),
        })?;
        // A component that needs no declaration (a string, a list, another $ref) is used as
        // what it stands for.
        if let Some(ty) = self.recursive_aliases.get(reference) {
            return Ok(ty.clone());
        }
        if let Some(&(_, open)) = self.resolving.iter().find(|(r, _)| r == reference) {
            if self.declaring > open {
                // Back inside itself through a declared type: a list of objects that hold the
                // list. Stand in a placeholder (not a Rust name: it holds a NUL), replaced by
                // what the component stands for once that is known.
                let placeholder = self.placeholders.entry(reference.to_owned()).or_insert_with(|| format!("\0{reference}"));
                return Ok(TypeRef::Named(placeholder.clone()));
            }
            let mut cycle: Vec<String> = self.resolving.iter().map(|(r, _)| r.clone()).collect();
            cycle.push(reference.to_owned());
            return Err(Error::RefCycle { cycle });
        }
        self.resolving.push((reference.to_owned(), self.declaring));
        let target_pointer = pointer_push("#/components/schemas", key);
        let resolved = self.type_ref(target, &pascal(key), &target_pointer);
        self.resolving.pop();
        let resolved = resolved?;
        if let Some(placeholder) = self.placeholders.remove(reference) {
            for def in self.defs.values_mut() {
                substitute_in_kind(&mut def.kind, &placeholder, &resolved);
            }
            self.recursive_aliases.insert(reference.to_owned(), resolved.clone());
        }
        Ok(resolved)
    }

    /// The type of an inline schema; `nullable: true` (also beside an `allOf`) wraps it.
    fn inline(&mut self, schema: &Schema, hint: &str, pointer: &str) -> Result<TypeRef> {
        let ty = self.inline_value(schema, hint, pointer)?;
        Ok(if self.admits_null(schema) { TypeRef::nullable(ty) } else { ty })
    }

    /// Whether `schema`'s values include `null`: it is `nullable`, or it is a union of two or
    /// more alternatives of which one is, directly or through `$ref`s and unions of its own
    /// (OpenAPI 3.0.3 §4.7.24.1, `nullable`; JSON Schema's `oneOf`/`anyOf` hold a value any
    /// alternative holds). Its uses are then `Option`s, so that a field keeps a present `null`
    /// apart from an absent key. (A one-part union is that part, nullable or not, already.)
    fn admits_null(&self, schema: &Schema) -> bool {
        self.admits_null_within(schema, &mut Vec::new())
    }

    /// [`Self::admits_null`], inside the components `seen` on the way (a loop of unions holds
    /// no `null` of its own, so meeting one again adds nothing).
    fn admits_null_within<'s>(&'s self, schema: &'s Schema, seen: &mut Vec<&'s str>) -> bool {
        match &schema.schema_kind {
            _ if schema.schema_data.nullable => true,
            SchemaKind::OneOf { one_of: parts } | SchemaKind::AnyOf { any_of: parts } if parts.len() > 1 => {
                parts.iter().any(|part| {
                    if let ReferenceOr::Reference { reference } = part {
                        if seen.contains(&reference.as_str()) {
                            return false;
                        }
                        seen.push(reference);
                    }
                    matches!(self.schema_of(part, ""), Ok((member, _)) if self.admits_null_within(member, seen))
                })
            }
            _ => false,
        }
    }

    fn inline_value(&mut self, schema: &Schema, hint: &str, pointer: &str) -> Result<TypeRef> {
        if self.needs_declaration(schema) {
            let name = self.names.claim(pascal(hint));
            self.declare(name.clone(), schema, pointer, false)?;
            return Ok(TypeRef::Named(self.share(name)));
        }
        let sensitive = schema.schema_data.extensions.get(SENSITIVE) == Some(&serde_json::Value::Bool(true));
        Ok(match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => match &s.format {
                _ if sensitive => TypeRef::Secret,
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
                VariantOrUnknownOrEmpty::Item(StringFormat::Password) => TypeRef::Secret,
                // File contents (a multipart part, or a whole body), not text.
                VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => TypeRef::Bytes,
                _ => TypeRef::String,
            },
            SchemaKind::Type(Type::Integer(i)) => match &i.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::Int32,
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) | VariantOrUnknownOrEmpty::Empty => TypeRef::Int64,
                VariantOrUnknownOrEmpty::Unknown(format) => integer_format(format),
            },
            // The integer formats apply to numbers too (OpenAPI Format Registry: `int64` is
            // "number, signed 64-bit integer"); an `f64` would round values beyond 2^53.
            SchemaKind::Type(Type::Number(n)) => match &n.format {
                VariantOrUnknownOrEmpty::Unknown(format) if is_integer_format(format) => integer_format(format),
                _ => TypeRef::Float,
            },
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Boolean,
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => TypeRef::Array(Box::new(self.boxed_type_ref(
                    items,
                    &format!("{hint}Item"),
                    &pointer_push(pointer, "items"),
                )?)),
                None => TypeRef::Array(Box::new(TypeRef::Json)),
            },
            SchemaKind::Type(Type::Object(object)) => {
                self.map_of(object.additional_properties.as_ref(), hint, pointer)?
            }
            // Not an object merge (see `needs_declaration`): the first part with a type is the
            // type; the others only describe or narrow its values.
            SchemaKind::AllOf { all_of } => match all_of.iter().position(|p| !annotation_only(p)) {
                Some(index) => self.type_ref(
                    &all_of[index],
                    hint,
                    &pointer_push(&pointer_push(pointer, "allOf"), &index.to_string()),
                )?,
                None => TypeRef::Json,
            },
            SchemaKind::Any(any) if any.typ.as_deref() == Some("object") || any.additional_properties.is_some() => {
                self.map_of(any.additional_properties.as_ref(), hint, pointer)?
            }
            SchemaKind::Any(_) => TypeRef::Json,
            // Any value but those of another schema: Rust types cannot say "not", so any
            // JSON value is kept as it is (the client never validates).
            SchemaKind::Not { .. } => TypeRef::Json,
            SchemaKind::OneOf { one_of: parts } | SchemaKind::AnyOf { any_of: parts } if parts.len() == 1 => {
                let key = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) { "oneOf" } else { "anyOf" };
                self.type_ref(&parts[0], hint, &pointer_push(&pointer_push(pointer, key), "0"))?
            }
            // Other unions are declared above; an empty composition constrains nothing.
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => TypeRef::Json,
        })
    }

    fn map_of(&mut self, additional: Option<&AdditionalProperties>, hint: &str, pointer: &str) -> Result<TypeRef> {
        let value = match additional {
            Some(AdditionalProperties::Schema(schema)) => self.type_ref(
                schema,
                &format!("{hint}Value"),
                &pointer_push(pointer, "additionalProperties"),
            )?,
            _ => TypeRef::Json,
        };
        Ok(TypeRef::Map(Box::new(value)))
    }

    /// Declares `name` for `schema`. `component` is false for inline schemas, whose
    /// `deprecated` belongs to the property that holds them (the field is deprecated, not the
    /// type, so the crate's own uses of the type do not warn).
    fn declare(&mut self, name: String, schema: &Schema, pointer: &str, component: bool) -> Result<()> {
        self.declaring += 1;
        let kind = self.kind(&name, schema, pointer);
        self.declaring -= 1;
        let def = TypeDef {
            name: name.clone(),
            origin: pointer.to_owned(),
            description: text(&schema.schema_data.description).or_else(|| text(&schema.schema_data.title)),
            deprecated: component && schema.schema_data.deprecated,
            kind: kind?,
            features: Vec::new(),
        };
        if component && !def.deprecated {
            self.shapes.entry(shape_key(&def.kind)).or_insert_with(|| name.clone());
        }
        self.defs.insert(name, def);
        Ok(())
    }

    /// The kind of the type declared for `schema`.
    fn kind(&mut self, name: &str, schema: &Schema, pointer: &str) -> Result<TypeKind> {
        if self.newtypes.contains(name) {
            // Not a declaration of its own (a list or map): what it stands for, which names it.
            return Ok(TypeKind::Newtype { inner: self.inline_value(schema, name, pointer)? });
        }
        Ok(match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => string_enum(s.enumeration.iter().flatten().map(String::as_str)),
            SchemaKind::Type(Type::Integer(i)) => integer_enum(i.enumeration.iter().flatten().copied()),
            SchemaKind::Type(Type::Object(object)) => {
                self.object(name, &object.properties, &object.required, object.additional_properties.as_ref(), pointer)?
            }
            SchemaKind::Any(any) if !any.properties.is_empty() => {
                self.object(name, &any.properties, &any.required, any.additional_properties.as_ref(), pointer)?
            }
            SchemaKind::Any(any) => string_enum(any.enumeration.iter().filter_map(|v| v.as_str())),
            SchemaKind::OneOf { one_of: parts } | SchemaKind::AnyOf { any_of: parts }
                if schema.schema_data.discriminator.is_some() && parts.iter().all(|p| reference_of(p).is_some()) =>
            {
                let discriminator = schema.schema_data.discriminator.as_ref().expect("checked by the guard");
                self.tagged(discriminator, parts, pointer)?
            }
            SchemaKind::OneOf { one_of: parts } | SchemaKind::AnyOf { any_of: parts } => {
                let key = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) { "oneOf" } else { "anyOf" };
                let pointer = pointer_push(pointer, key);
                if let Some(values) = self.string_values_of_every(parts) {
                    // A choice of string values (3.1's `oneOf` of `const`s): one enum of them
                    // all. As alternatives, the first enum's `Unknown` would take every string.
                    string_enum(values.into_iter())
                } else if let Some((property, values)) = self.implicit_tag(parts) {
                    self.implicitly_tagged(name, &property, &values, parts, &pointer)?
                } else {
                    self.untagged(name, parts, &pointer)?
                }
            }
            SchemaKind::AllOf { all_of } => match self.merged(name, all_of, pointer) {
                // The part the loader made of keywords written beside the composition, which
                // cannot merge with the others (a `$ref` to a string): read as it was written
                // to be read before, without them.
                Err(Error::Unsupported { .. }) if all_of.iter().any(beside) => {
                    let parts: Vec<ReferenceOr<Schema>> = all_of.iter().filter(|part| !beside(part)).cloned().collect();
                    match parts.as_slice() {
                        // One part left: what it is (`{allOf: [Shape]}` is a `Shape`).
                        [part] => {
                            let (schema, at) = self.schema_of(part, pointer)?;
                            let schema = schema.clone();
                            return self.kind(name, &schema, &at);
                        }
                        _ => self.merged(name, &parts, pointer)?,
                    }
                }
                merged => merged?,
            },
            _ => unreachable!("needs_declaration only admits enums, objects and compositions"),
        })
    }

    /// The name under which the just-declared inline type `name` is kept: the earlier type of
    /// the same shape if there is one (the copy is dropped and its name given back), else
    /// `name` itself.
    fn share(&mut self, name: String) -> String {
        let key = shape_key(&self.defs[&name].kind);
        match self.shapes.get(&key) {
            Some(existing) if *existing != name => {
                let existing = existing.clone();
                let best = self.best_names.get(&existing).map_or(&existing, |(best, _)| best);
                let copy = self.defs.remove(&name).expect("declared just before");
                if better_name(&name, best) {
                    self.best_names.insert(existing.clone(), (name.clone(), copy.origin));
                }
                self.names.release(&name);
                existing
            }
            _ => {
                self.shapes.insert(key, name.clone());
                name
            }
        }
    }

    /// An object schema as a struct: its properties, and a map for the keys beyond them.
    fn object(
        &mut self,
        name: &str,
        properties: &Properties,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        pointer: &str,
    ) -> Result<TypeKind> {
        let mut scope = Scope::default();
        let mut located = properties.iter().map(|(k, v)| (k.clone(), (v.clone(), pointer.to_owned()))).collect();
        let required = if keeps_other_keys(additional) {
            // The map of the keys beyond the properties holds them.
            Cow::Borrowed(required)
        } else {
            add_unlisted_required(&mut located, required, pointer)
        };
        let fields = self.fields(name, &located, &required, &mut scope)?;
        let additional = match additional {
            None => Additional::Ignored,
            Some(AdditionalProperties::Any(false)) => Additional::Forbidden,
            Some(AdditionalProperties::Any(true)) => Additional::Kept {
                name: scope.claim("additional_properties".into()),
                ty: TypeRef::Json,
            },
            Some(AdditionalProperties::Schema(schema)) => Additional::Kept {
                name: scope.claim("additional_properties".into()),
                ty: self.type_ref(
                    schema,
                    &format!("{name}Value"),
                    &pointer_push(pointer, "additionalProperties"),
                )?,
            },
        };
        Ok(TypeKind::Struct { fields, additional })
    }

    /// Fields of `properties`, each with the pointer of the object schema that lists it.
    fn fields(
        &mut self,
        parent: &str,
        properties: &LocatedProperties,
        required: &[String],
        scope: &mut Scope,
    ) -> Result<Vec<Field>> {
        properties
            .iter()
            .map(|(wire_name, (property, object_pointer))| {
                let property_pointer = pointer_push(&pointer_push(object_pointer, "properties"), wire_name);
                let ty = self.boxed_type_ref(property, &format!("{parent}{}", pascal(wire_name)), &property_pointer)?;
                let (ty, nullable) = ty.split_nullable();
                let data = match property {
                    ReferenceOr::Item(schema) => Some(&schema.schema_data),
                    ReferenceOr::Reference { .. } => None,
                };
                let access = match data {
                    Some(d) if d.read_only => Access::ReadOnly,
                    Some(d) if d.write_only => Access::WriteOnly,
                    _ => Access::ReadWrite,
                };
                Ok(Field {
                    name: scope.claim(snake(wire_name)),
                    wire_name: wire_name.clone(),
                    ty,
                    // A property only one side sends cannot be required of both.
                    required: required.contains(wire_name) && access == Access::ReadWrite,
                    nullable,
                    description: data.and_then(|d| text(&d.description)),
                    deprecated: data.is_some_and(|d| d.deprecated),
                    boxed: false,
                    default: data.and_then(|d| d.default.as_ref()).map(|v| v.to_string()),
                    access,
                })
            })
            .collect()
    }

    fn untagged(&mut self, name: &str, parts: &[ReferenceOr<Schema>], pointer: &str) -> Result<TypeKind> {
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            let ty = self.type_ref(part, &format!("{name}Variant{index}"), &pointer_push(pointer, &index.to_string()))?;
            let variant_name = scope.claim(variant_name_for(&ty));
            variants.push(UntaggedVariant { name: variant_name, ty, boxed: false });
        }
        Ok(TypeKind::Untagged { variants })
    }

    /// The string values every alternative lists, when each is a string enum (or a `const`):
    /// `None` when one is anything else.
    fn string_values_of_every<'p>(&'p self, parts: &'p [ReferenceOr<Schema>]) -> Option<Vec<&'p str>> {
        let mut values = Vec::new();
        for part in parts {
            let (schema, _) = self.schema_of(part, "").ok()?;
            values.extend(string_values(schema)?);
        }
        Some(values)
    }

    /// A property that every alternative (an object, after `$ref`s) requires and gives one
    /// string value of its own (`kind: {const: cat}` / `{const: dog}`): the alternatives'
    /// discriminator in all but name, 3.1's usual way to write one. The property and each
    /// alternative's value, when there is such a property (the first listed).
    fn implicit_tag(&self, parts: &[ReferenceOr<Schema>]) -> Option<(String, Vec<String>)> {
        let objects: Vec<(&Properties, &[String])> = parts
            .iter()
            .map(|part| match &self.schema_of(part, "").ok()?.0.schema_kind {
                SchemaKind::Type(Type::Object(object)) => Some((&object.properties, object.required.as_slice())),
                SchemaKind::Any(any) if !any.properties.is_empty() => Some((&any.properties, any.required.as_slice())),
                _ => None,
            })
            .collect::<Option<_>>()?;
        let (first, _) = objects.first()?;
        first.keys().find_map(|property| {
            let values: Vec<&str> = objects.iter().map(|object| self.fixed_value(*object, property)).collect::<Option<_>>()?;
            let distinct: BTreeSet<&str> = values.iter().copied().collect();
            (distinct.len() == values.len()).then(|| (property.clone(), values.into_iter().map(str::to_owned).collect()))
        })
    }

    /// The one string value an object (its properties and `required`) gives `property`, when
    /// it requires it and its schema (after `$ref`s) is a one-value string enum or `const`.
    fn fixed_value<'s>(&'s self, (properties, required): (&'s Properties, &[String]), property: &str) -> Option<&'s str> {
        if !required.iter().any(|name| name == property) {
            return None;
        }
        let (schema, _) = self.schema_of(properties.get(property)?, "").ok()?;
        match string_values(schema)?.as_slice() {
            [value] => Some(value),
            _ => None,
        }
    }

    /// A union whose alternatives `implicit_tag` tells apart by `property`: tagged by it, as
    /// with a `discriminator` (an alternative's `Unknown` value would otherwise take the
    /// others' objects when tried first).
    fn implicitly_tagged(
        &mut self,
        name: &str,
        property: &str,
        values: &[String],
        parts: &[ReferenceOr<Schema>],
        pointer: &str,
    ) -> Result<TypeKind> {
        let mut scope = Scope::with_taken(["Unknown"]);
        let mut variants = Vec::new();
        for (index, (part, value)) in parts.iter().zip(values).enumerate() {
            let ty = self.type_ref(part, &format!("{name}{}", pascal(value)), &pointer_push(pointer, &index.to_string()))?;
            // Named after its value, which says what it is (`Circle`, whatever its type's name).
            variants.push(TaggedVariant { name: scope.claim(pascal(value)), values: vec![value.clone()], ty, boxed: false });
        }
        Ok(TypeKind::Tagged { property: property.to_owned(), variants })
    }

    /// `oneOf` of `$ref`s with a `discriminator`: the kind is chosen by the named property,
    /// through its `mapping` or, without one, the component names.
    fn tagged(&mut self, discriminator: &openapiv3::Discriminator, parts: &[ReferenceOr<Schema>], pointer: &str) -> Result<TypeKind> {
        let mut scope = Scope::with_taken(["Unknown"]);
        let mut variants = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            let reference = reference_of(part).unwrap_or_default();
            let part_pointer = pointer_push(&pointer_push(pointer, "oneOf"), &index.to_string());
            let key = component_name(reference, SCHEMAS, &part_pointer)?;
            let mut values: Vec<String> = discriminator
                .mapping
                .iter()
                .filter(|(_, target)| target.as_str() == reference || target.as_str() == key)
                .map(|(value, _)| value.clone())
                .collect();
            if values.is_empty() {
                values.push(key.to_owned());
            }
            let ty = self.type_ref(part, key, &part_pointer)?;
            variants.push(TaggedVariant {
                name: scope.claim(variant_name_for(&ty)),
                values,
                ty,
                boxed: false,
            });
        }
        Ok(TypeKind::Tagged {
            property: discriminator.property_name.clone(),
            variants,
        })
    }

    /// `allOf` of objects: one struct with the properties of every part.
    fn merged(&mut self, name: &str, parts: &[ReferenceOr<Schema>], pointer: &str) -> Result<TypeKind> {
        let mut properties = indexmap::IndexMap::new();
        let mut required = Vec::new();
        self.collect_properties(parts, pointer, &mut properties, &mut required, 0)?;
        let kept = self.other_keys_of_parts(parts, pointer, 0);
        // As in `object`: the map of the other keys holds a required name no part defines.
        let required = if kept.is_some() { Cow::Borrowed(&required[..]) } else { add_unlisted_required(&mut properties, &required, pointer) };
        let mut scope = Scope::default();
        let fields = self.fields(name, &properties, &required, &mut scope)?;
        let additional = match kept {
            None => Additional::Ignored,
            Some((None, _)) => Additional::Kept { name: scope.claim("additional_properties".into()), ty: TypeRef::Json },
            Some((Some(schema), at)) => Additional::Kept {
                name: scope.claim("additional_properties".into()),
                ty: self.type_ref(&schema, &format!("{name}Value"), &pointer_push(&at, "additionalProperties"))?,
            },
        };
        Ok(TypeKind::Struct { fields, additional })
    }

    /// The first `additionalProperties` among an `allOf`'s parts (nested `allOf`s included)
    /// that keeps the keys beyond the properties: its schema (`None` for `true`, any value) and
    /// where its part is. A part that is a map (`StrMap: {additionalProperties: {type:
    /// string}}`) makes the merged struct keep such keys too, which it would otherwise drop.
    fn other_keys_of_parts(
        &self,
        parts: &[ReferenceOr<Schema>],
        pointer: &str,
        depth: usize,
    ) -> Option<(Option<ReferenceOr<Schema>>, String)> {
        let all_of_pointer = pointer_push(pointer, "allOf");
        parts.iter().enumerate().find_map(|(index, part)| {
            let (schema, at) = self.schema_of(part, &pointer_push(&all_of_pointer, &index.to_string())).ok()?;
            let additional = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => object.additional_properties.as_ref(),
                SchemaKind::Any(any) => any.additional_properties.as_ref(),
                SchemaKind::AllOf { all_of } if depth < 16 => return self.other_keys_of_parts(all_of, &at, depth + 1),
                _ => None,
            };
            match additional? {
                AdditionalProperties::Any(true) => Some((None, at)),
                AdditionalProperties::Schema(schema) => Some((Some(schema.as_ref().clone()), at)),
                AdditionalProperties::Any(false) => None,
            }
        })
    }

    fn collect_properties(
        &self,
        parts: &[ReferenceOr<Schema>],
        pointer: &str,
        properties: &mut LocatedProperties,
        required: &mut Vec<String>,
        depth: usize,
    ) -> Result<()> {
        let all_of_pointer = pointer_push(pointer, "allOf");
        for (index, part) in parts.iter().enumerate() {
            let part_pointer = pointer_push(&all_of_pointer, &index.to_string());
            self.collect_part(part, &part_pointer, properties, required, depth)?;
        }
        Ok(())
    }

    /// The properties (and `required`) one `allOf` part adds to the merged struct.
    fn collect_part(
        &self,
        part: &ReferenceOr<Schema>,
        part_pointer: &str,
        properties: &mut LocatedProperties,
        required: &mut Vec<String>,
        depth: usize,
    ) -> Result<()> {
        let (schema, at) = self.schema_of(part, part_pointer)?;
        match &schema.schema_kind {
            // A part that only describes (or lists `required`) adds no properties.
            SchemaKind::Any(any) if annotation_only(part) => required.extend(any.required.iter().cloned()),
            SchemaKind::Type(Type::Object(object)) => {
                properties.extend(object.properties.iter().map(|(k, v)| (k.clone(), (v.clone(), at.clone()))));
                required.extend(object.required.iter().cloned());
            }
            SchemaKind::Any(any) => {
                properties.extend(any.properties.iter().map(|(k, v)| (k.clone(), (v.clone(), at.clone()))));
                required.extend(any.required.iter().cloned());
                // Properties beside a choice of objects: those of the choice too, where every
                // alternative is an object (else the choice only narrows values, as before).
                for (key, alternatives) in [("oneOf", &any.one_of), ("anyOf", &any.any_of)] {
                    if alternatives.is_empty() || depth >= 16 {
                        continue;
                    }
                    // Alternatives that are not all objects add nothing (`collect_alternatives`
                    // merges only when every one of them is).
                    let _ = self.collect_alternatives(alternatives, &pointer_push(&at, key), properties, depth);
                }
            }
            SchemaKind::AllOf { all_of } if depth < 16 => {
                self.collect_properties(all_of, &at, properties, required, depth + 1)?;
            }
            SchemaKind::OneOf { one_of: alternatives } | SchemaKind::AnyOf { any_of: alternatives } if depth < 16 => {
                let key = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) { "oneOf" } else { "anyOf" };
                self.collect_alternatives(alternatives, &pointer_push(&at, key), properties, depth)?;
            }
            _ => {
                return Err(Error::Unsupported {
                    pointer: part_pointer.to_owned(),
                    reason: "allOf mixes object parts with parts of another type".into(),
                })
            }
        }
        Ok(())
    }

    /// An `allOf` part that is a `oneOf`/`anyOf` of objects (common properties beside a
    /// choice): which alternative applies is known only from the value, so the properties of
    /// every alternative become optional fields of the merged struct, and a property the
    /// alternatives give different schemas keeps any JSON value. Properties of the other parts
    /// win over these; the alternatives' own `required` lists hold only for their values.
    fn collect_alternatives(
        &self,
        alternatives: &[ReferenceOr<Schema>],
        pointer: &str,
        properties: &mut LocatedProperties,
        depth: usize,
    ) -> Result<()> {
        let mut found = LocatedProperties::default();
        for (index, alternative) in alternatives.iter().enumerate() {
            let mut own = LocatedProperties::default();
            self.collect_part(alternative, &pointer_push(pointer, &index.to_string()), &mut own, &mut Vec::new(), depth + 1)?;
            for (name, (schema, at)) in own {
                match found.get_mut(&name) {
                    Some((kept, _)) if *kept != schema => *kept = ReferenceOr::Item(Box::new(any_value())),
                    Some(_) => {}
                    None => {
                        found.insert(name, (schema, at));
                    }
                }
            }
        }
        for (name, located) in found {
            properties.entry(name).or_insert(located);
        }
        Ok(())
    }

    /// Follows `$ref`s to the schema itself (inline, or boxed as an object's properties are),
    /// and where it lives.
    fn schema_of<'s, S: std::borrow::Borrow<Schema>>(&'s self, schema: &'s ReferenceOr<S>, pointer: &str) -> Result<(&'s Schema, String)> {
        super::refs::resolve(schema, self.schemas, SCHEMAS, pointer)
    }
}

/// Whether an object's `additionalProperties` gives it a map that keeps the keys beyond its
/// properties (a schema, or `true`).
fn keeps_other_keys(additional: Option<&AdditionalProperties>) -> bool {
    matches!(additional, Some(AdditionalProperties::Schema(_) | AdditionalProperties::Any(true)))
}

/// Adds a property of any JSON value for each name `required` lists that no property
/// defines (storecove's `receivedInvoiceGuid`), so a value sent with the key keeps it and a
/// request can carry it; returns the names that stay required (`required` itself, without a
/// copy, when every name is defined). The added ones are optional fields: such a name is as
/// often a misspelt property (vestorly's `orginator_email`), which no server sends, and
/// requiring it would fail every answer (JSON Schema Validation §6.5.3 only asks that the key
/// be present).
fn add_unlisted_required<'r>(properties: &mut LocatedProperties, required: &'r [String], pointer: &str) -> Cow<'r, [String]> {
    if required.iter().all(|name| properties.contains_key(name)) {
        return Cow::Borrowed(required);
    }
    let listed: Vec<String> = required.iter().filter(|name| properties.contains_key(*name)).cloned().collect();
    for name in required {
        if !properties.contains_key(name) {
            let mut schema = any_value();
            schema.schema_data.description =
                Some("Listed as `required` by the document, which does not define it: any JSON value, kept as sent.".into());
            properties.insert(name.clone(), (ReferenceOr::Item(Box::new(schema)), pointer.to_owned()));
        }
    }
    Cow::Owned(listed)
}

/// A schema that accepts any value.
fn any_value() -> Schema {
    Schema {
        schema_data: openapiv3::SchemaData::default(),
        schema_kind: SchemaKind::Any(openapiv3::AnySchema::default()),
    }
}

/// Whether `candidate` names a shared type better than `current`: shorter, or as long and
/// first in alphabetical order (`RepositoryOwner` over `NullableRepositoryOwner`).
fn better_name(candidate: &str, current: &str) -> bool {
    (candidate.len(), candidate) < (current.len(), current)
}

/// `kind` with every named type in `renamed` replaced by its new name.
fn rename_in_kind(kind: &mut TypeKind, renamed: &BTreeMap<String, String>) {
    each_type_ref(kind, &mut |ty| {
        if let TypeRef::Named(name) = ty {
            if let Some(new) = renamed.get(name) {
                name.clone_from(new);
            }
        }
    });
}

/// Replaces `TypeRef::Named(placeholder)` by `with` throughout `kind`.
fn substitute_in_kind(kind: &mut TypeKind, placeholder: &str, with: &TypeRef) {
    each_type_ref(kind, &mut |ty| {
        if matches!(ty, TypeRef::Named(name) if name == placeholder) {
            *ty = with.clone();
        }
    });
}

/// Calls `visit` on every innermost type reference of `kind` (inside lists, maps, nullables).
fn each_type_ref(kind: &mut TypeKind, visit: &mut impl FnMut(&mut TypeRef)) {
    fn walk(ty: &mut TypeRef, visit: &mut impl FnMut(&mut TypeRef)) {
        match ty {
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => walk(inner, visit),
            other => visit(other),
        }
    }
    match kind {
        TypeKind::Struct { fields, additional } => {
            fields.iter_mut().for_each(|f| walk(&mut f.ty, visit));
            if let Additional::Kept { ty, .. } = additional {
                walk(ty, visit);
            }
        }
        TypeKind::Untagged { variants } => variants.iter_mut().for_each(|v| walk(&mut v.ty, visit)),
        TypeKind::Tagged { variants, .. } => variants.iter_mut().for_each(|v| walk(&mut v.ty, visit)),
        TypeKind::Newtype { inner } => walk(inner, visit),
        TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => {}
    }
}

/// What makes two declared types the same type: their kind with descriptions left out, and
/// with fields and enum values in wire-name order (JSON objects and enums are unordered; the
/// order of a union's alternatives is kept, as it decides which one is tried first). Field types
/// name already-shared types, so equal keys mean equal shapes all the way down.
fn shape_key(kind: &TypeKind) -> String {
    use std::fmt::Write;
    let mut key = String::new();
    match kind {
        TypeKind::Struct { fields, additional } => {
            let mut fields: Vec<&Field> = fields.iter().collect();
            fields.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));
            key.push_str("struct");
            for field in fields {
                let Field { name, wire_name, ty, required, nullable, description: _, deprecated, boxed, default, access } = field;
                let _ = write!(key, "|{name}:{wire_name:?}:{ty:?}:{required}:{nullable}:{deprecated}:{boxed}:{default:?}:{access:?}");
            }
            let _ = write!(key, "|{additional:?}");
        }
        TypeKind::StringEnum { variants } => {
            let mut variants: Vec<&EnumVariant> = variants.iter().collect();
            variants.sort_by(|a, b| a.value.cmp(&b.value));
            let _ = write!(key, "string enum {variants:?}");
        }
        TypeKind::IntegerEnum { variants } => {
            let mut variants = variants.clone();
            variants.sort_by_key(|(_, value)| *value);
            let _ = write!(key, "integer enum {variants:?}");
        }
        other => {
            let _ = write!(key, "{other:?}");
        }
    }
    key
}

fn reference_of<T>(item: &ReferenceOr<T>) -> Option<&str> {
    match item {
        ReferenceOr::Reference { reference } => Some(reference),
        ReferenceOr::Item(_) => None,
    }
}

impl<'a> TypeSpace<'a> {
    /// Component schemas that contain themselves through lists or maps with no declared type
    /// on the way (`Tree: {type: array, items: {$ref: Tree}}`, and loops of such components):
    /// each becomes a [`TypeKind::Newtype`], as a type alias cannot name itself. A loop with
    /// no list or map in it either (`A: {allOf: [{$ref: A}]}`) stands for no value at all and
    /// is left to [`Self::reference`] to report.
    ///
    /// An undeclared schema leads to at most one component ([`alias_step`]), so the components
    /// and these edges form paths that end or run into one loop; each is walked once, which
    /// keeps this linear in the number of components.
    fn self_containing_aliases(&self) -> BTreeSet<&'a str> {
        let Some(schemas) = self.schemas else { return BTreeSet::new() };
        let mut found = BTreeSet::new();
        let mut walked: BTreeSet<&str> = BTreeSet::new();
        for start in schemas.keys() {
            // The components on this walk, in order, each with whether its edge passes a list or map.
            let mut path: Vec<(&str, bool)> = Vec::new();
            let mut on_path: BTreeMap<&str, usize> = BTreeMap::new();
            let mut node = start.as_str();
            while !walked.contains(node) {
                if let Some(&first) = on_path.get(node) {
                    let cycle = &path[first..];
                    if cycle.iter().any(|&(_, contained)| contained) {
                        let items = cycle.iter().map(|&(key, _)| key);
                        found.extend(items.filter(|key| matches!(schemas.get(*key), Some(ReferenceOr::Item(_)))));
                    }
                    break;
                }
                on_path.insert(node, path.len());
                let Some((next, contained)) = self.alias_edge(node) else {
                    path.push((node, false));
                    break;
                };
                path.push((node, contained));
                node = next;
            }
            walked.extend(path.iter().map(|&(key, _)| key));
        }
        found
    }

    /// The component the undeclared component `key` stands for a part of, and whether a list
    /// or map lies on the way; `None` when it leads to no component or to a declared type.
    fn alias_edge(&self, key: &str) -> Option<(&'a str, bool)> {
        let mut schema = match self.schemas?.get(key)? {
            ReferenceOr::Reference { reference } => return Some((component_name(reference, SCHEMAS, "").ok()?, false)),
            ReferenceOr::Item(schema) => schema,
        };
        let mut contained = false;
        loop {
            if self.needs_declaration(schema) {
                return None;
            }
            let (next, container) = alias_step(schema)?;
            contained |= container;
            match next {
                AliasNext::Component(reference) => return Some((component_name(reference, SCHEMAS, "").ok()?, contained)),
                AliasNext::Inline(inner) => schema = inner,
            }
        }
    }
}

/// Where an undeclared schema leads: a component, or a schema written in place.
enum AliasNext<'s> {
    Component(&'s str),
    Inline(&'s Schema),
}

/// The one schema an undeclared schema's type is made from (as [`TypeSpace::inline_value`]
/// reads it: a list's items, a map's values, the typed part of an `allOf`, the only part of a
/// `oneOf` or `anyOf`), and whether it sits inside a list or map; `None` for the rest.
fn alias_step(schema: &Schema) -> Option<(AliasNext<'_>, bool)> {
    fn next<T: std::borrow::Borrow<Schema>>(item: &ReferenceOr<T>) -> AliasNext<'_> {
        match item {
            ReferenceOr::Reference { reference } => AliasNext::Component(reference),
            ReferenceOr::Item(schema) => AliasNext::Inline(schema.borrow()),
        }
    }
    fn map_value(additional: Option<&AdditionalProperties>) -> Option<(AliasNext<'_>, bool)> {
        match additional {
            Some(AdditionalProperties::Schema(value)) => Some((next(value.as_ref()), true)),
            _ => None,
        }
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::Array(array)) => Some((next(array.items.as_ref()?), true)),
        SchemaKind::Type(Type::Object(object)) => map_value(object.additional_properties.as_ref()),
        SchemaKind::Any(any) if any.typ.as_deref() == Some("object") || any.additional_properties.is_some() => {
            map_value(any.additional_properties.as_ref())
        }
        SchemaKind::AllOf { all_of } => Some((next(all_of.iter().find(|part| !annotation_only(part))?), false)),
        SchemaKind::OneOf { one_of: parts } | SchemaKind::AnyOf { any_of: parts } if parts.len() == 1 => {
            Some((next(&parts[0]), false))
        }
        _ => None,
    }
}

impl TypeSpace<'_> {
    /// Whether a schema becomes a declared type rather than a primitive, list or map. An
    /// `allOf` is declared (as one merged struct) when it has more than one part with a type
    /// and one of them is an object, or when its one typed part is an object that lacks a
    /// property another part lists as `required` (that key would be lost); otherwise it means
    /// its first typed part.
    fn needs_declaration(&self, schema: &Schema) -> bool {
        match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => {
                let typed: Vec<&ReferenceOr<Schema>> = all_of.iter().filter(|p| !annotation_only(p)).collect();
                match typed.as_slice() {
                    [object] if self.is_object(object) => all_of.iter().any(|part| {
                        let required = match part {
                            ReferenceOr::Item(Schema { schema_kind: SchemaKind::Any(any), .. }) => any.required.as_slice(),
                            _ => &[],
                        };
                        required.iter().any(|name| !self.defines(object, name))
                    }),
                    _ => typed.len() > 1 && typed.iter().any(|part| self.is_object(part)),
                }
            }
            _ => needs_declaration(schema),
        }
    }

    /// Whether an object part (after `$ref`s) lists the property `name`, or could hold it
    /// in its `additionalProperties` map.
    fn defines(&self, part: &ReferenceOr<Schema>, name: &str) -> bool {
        match self.schema_of(part, "") {
            Ok((schema, _)) => match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => {
                    object.properties.contains_key(name) || keeps_other_keys(object.additional_properties.as_ref())
                }
                SchemaKind::Any(any) => any.properties.contains_key(name) || keeps_other_keys(any.additional_properties.as_ref()),
                // A merge of its own: its struct is built with every required name.
                _ => true,
            },
            Err(_) => true,
        }
    }

    /// Whether an `allOf` part (after `$ref`s) is an object; an unresolvable part counts as
    /// one, so merging reports the dangling reference.
    fn is_object(&self, part: &ReferenceOr<Schema>) -> bool {
        match self.schema_of(part, "") {
            Ok((schema, _)) => match &schema.schema_kind {
                SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } => true,
                SchemaKind::Any(any) => !any.properties.is_empty() || any.typ.as_deref() == Some("object"),
                _ => false,
            },
            Err(_) => true,
        }
    }
}

/// A part with no type of its own: it only adds a description, an example, `required`, ...
fn annotation_only(part: &ReferenceOr<Schema>) -> bool {
    match part {
        ReferenceOr::Item(Schema { schema_kind: SchemaKind::Any(any), .. }) => {
            any.typ.is_none()
                && any.properties.is_empty()
                && any.additional_properties.is_none()
                && any.items.is_none()
                && any.enumeration.is_empty()
                && any.format.is_none()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.all_of.is_empty()
                && any.not.is_none()
        }
        _ => false,
    }
}

/// Document text, or `None` when it is absent or blank (so a fallback doc is used instead);
/// no code block in it reads as Rust ([`super::markdown`]).
pub(super) fn text(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(|t| super::markdown::without_rust_blocks(t).into_owned())
}

/// The Rust type of an integer `format` beyond `int32`/`int64` (OpenAPI Format Registry).
/// Whether `format` names an integer of the OpenAPI Format Registry (`int8`..`int64`,
/// `uint8`..`uint64`).
fn is_integer_format(format: &str) -> bool {
    matches!(format, "int8" | "int16" | "int32" | "int64" | "uint8" | "uint16" | "uint32" | "uint64")
}

fn integer_format(format: &str) -> TypeRef {
    match format {
        "int8" => TypeRef::Int8,
        "int16" => TypeRef::Int16,
        "int32" => TypeRef::Int32,
        "uint8" => TypeRef::Uint8,
        "uint16" => TypeRef::Uint16,
        "uint32" => TypeRef::Uint32,
        "uint64" => TypeRef::Uint64,
        _ => TypeRef::Int64,
    }
}

/// How early an untagged alternative is tried: the first that decodes wins, so alternatives
/// that accept fewer values go first. Booleans, then integers (so `5` is not read as `5.0`),
/// numbers, date-times, strings, lists, objects with more required properties before objects
/// with fewer (an object whose properties are all optional accepts every object), unions,
/// maps, and any JSON last. Ties keep the document's order.
type Specificity = (u8, std::cmp::Reverse<usize>);

fn specificity(ty: &TypeRef, defs: &BTreeMap<String, TypeDef>) -> Specificity {
    use std::cmp::Reverse;
    match ty {
        TypeRef::Boolean => (0, Reverse(0)),
        TypeRef::Float => (2, Reverse(0)),
        TypeRef::DateTime => (3, Reverse(0)),
        TypeRef::String | TypeRef::Secret => (5, Reverse(0)),
        TypeRef::Array(_) | TypeRef::Bytes => (6, Reverse(0)),
        TypeRef::Map(_) => (9, Reverse(0)),
        TypeRef::Json => (10, Reverse(0)),
        TypeRef::Nullable(inner) => specificity(inner, defs),
        TypeRef::Named(name) => match defs.get(name).map(|d| &d.kind) {
            Some(TypeKind::IntegerEnum { .. }) => (1, Reverse(0)),
            Some(TypeKind::StringEnum { .. }) => (4, Reverse(0)),
            Some(TypeKind::Struct { fields, .. }) => {
                (7, Reverse(fields.iter().filter(|f| f.required && !f.nullable).count()))
            }
            Some(TypeKind::Newtype { inner }) => specificity(inner, defs),
            Some(TypeKind::Tagged { .. } | TypeKind::Untagged { .. }) | None => (8, Reverse(0)),
        },
        integer => {
            debug_assert!(integer.is_integer(), "{integer:?}");
            (1, Reverse(0))
        }
    }
}

/// Whether a schema becomes a declared type rather than a primitive, list or map.
fn needs_declaration(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.iter().flatten().next().is_some(),
        SchemaKind::Type(Type::Integer(i)) => i.enumeration.iter().flatten().next().is_some(),
        SchemaKind::Type(Type::Object(object)) => !object.properties.is_empty(),
        // One alternative (3.1's `oneOf: [$ref X, {type: 'null'}]` after normalisation) is that
        // alternative, unless a discriminator names it.
        SchemaKind::OneOf { one_of: parts } | SchemaKind::AnyOf { any_of: parts } => {
            parts.len() > 1 || (parts.len() == 1 && schema.schema_data.discriminator.is_some())
        }
        SchemaKind::Any(any) => {
            !any.properties.is_empty() || (!any.enumeration.is_empty() && any.enumeration.iter().all(|v| v.is_string()))
        }
        _ => false,
    }
}

/// Whether `part` is the `allOf` part the loader made of the keywords beside a composition.
fn beside(part: &ReferenceOr<Schema>) -> bool {
    matches!(part, ReferenceOr::Item(schema) if schema.schema_data.extensions.contains_key(crate::load::BESIDE_MARK))
}

/// The values of a string enum schema (`enum` of strings, or 3.1's `const` made one by the
/// loader); `None` for any other schema.
fn string_values(schema: &Schema) -> Option<Vec<&str>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => s.enumeration.iter().map(Option::as_deref).collect(),
        SchemaKind::Any(any)
            if !any.enumeration.is_empty() && any.properties.is_empty() && matches!(any.typ.as_deref(), None | Some("string")) =>
        {
            any.enumeration.iter().map(serde_json::Value::as_str).collect()
        }
        _ => None,
    }
}

fn string_enum<'v>(values: impl Iterator<Item = &'v str>) -> TypeKind {
    let mut scope = Scope::with_taken(["Unknown"]);
    let mut seen = std::collections::BTreeSet::new();
    let variants = values
        .filter(|value| seen.insert(value.to_string()))
        .map(|value| EnumVariant {
            name: scope.claim(pascal(value)),
            value: value.to_owned(),
        })
        .collect();
    TypeKind::StringEnum { variants }
}

fn integer_enum(values: impl Iterator<Item = i64>) -> TypeKind {
    let mut scope = Scope::with_taken(["Unknown"]);
    let mut seen = std::collections::BTreeSet::new();
    let variants = values
        .filter(|value| seen.insert(*value))
        .map(|value| {
            let name = if value < 0 { format!("Minus{}", value.unsigned_abs()) } else { format!("V{value}") };
            (scope.claim(name), value)
        })
        .collect();
    TypeKind::IntegerEnum { variants }
}

fn variant_name_for(ty: &TypeRef) -> String {
    match ty {
        // A component still being resolved ([`TypeSpace::reference`]'s placeholder, replaced by
        // its type later): named after the component.
        TypeRef::Named(name) if name.starts_with('\0') => pascal(name.rsplit('/').next().unwrap_or_default()),
        TypeRef::Named(name) => name.clone(),
        TypeRef::String | TypeRef::Secret => "String".into(),

        TypeRef::Float => "Number".into(),
        TypeRef::Boolean => "Boolean".into(),
        TypeRef::DateTime => "DateTime".into(),
        TypeRef::Array(_) => "Array".into(),
        TypeRef::Map(_) => "Map".into(),
        TypeRef::Bytes => "Bytes".into(),
        TypeRef::Json => "Value".into(),
        TypeRef::Nullable(inner) => variant_name_for(inner),
        integer => {
            debug_assert!(integer.is_integer(), "{integer:?}");
            "Integer".into()
        }
    }
}
