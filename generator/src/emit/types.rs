//! `src/types.rs`: a declaration per named type.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::docs::{code, describe_origin, doc_attrs, doc_literal};
use crate::model::{
    Access, Additional, Api, EnumVariant, Field, TaggedVariant, TypeAlias, TypeDef, TypeKind, TypeRef, UntaggedVariant,
};

/// The Rust type for `ty`; `local` when written inside the types module itself.
pub fn type_tokens(ty: &TypeRef, local: bool) -> TokenStream {
    match ty {
        TypeRef::Named(name) => {
            let ident = ident(name);
            if local {
                quote!(#ident)
            } else {
                quote!(types::#ident)
            }
        }
        TypeRef::String => quote!(String),
        TypeRef::Secret => quote!(crate::Secret),
        TypeRef::Int8 => quote!(i8),
        TypeRef::Int16 => quote!(i16),
        TypeRef::Int32 => quote!(i32),
        TypeRef::Int64 => quote!(i64),
        TypeRef::Uint8 => quote!(u8),
        TypeRef::Uint16 => quote!(u16),
        TypeRef::Uint32 => quote!(u32),
        TypeRef::Uint64 => quote!(u64),
        TypeRef::Float => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::DateTime => quote!(jiff::Timestamp),
        TypeRef::Bytes => quote!(Vec<u8>),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::Array(item) => {
            let item = type_tokens(item, local);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = type_tokens(value, local);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Nullable(inner) => {
            let inner = type_tokens(inner, local);
            quote!(Option<#inner>)
        }
    }
}

/// An identifier; the model guarantees the name is valid.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Name of the variant for a success status.
pub fn status_variant(status: crate::model::Status) -> String {
    use crate::model::Status;
    match status {
        Status::Code(200) => "Ok".into(),
        Status::Code(201) => "Created".into(),
        Status::Code(202) => "Accepted".into(),
        Status::Code(203) => "NonAuthoritative".into(),
        Status::Code(204) => "NoContent".into(),
        Status::Code(205) => "ResetContent".into(),
        Status::Code(206) => "PartialContent".into(),
        Status::Code(code) => format!("Status{code}"),
        Status::Range(2) => "OtherSuccess".into(),
        Status::Range(class) => format!("Status{class}xx"),
        Status::Default => "Default".into(),
    }
}

/// The success answers of an operation whose bodies differ in type, as an enum.
fn success_enum(op: &crate::model::Operation) -> Option<TokenStream> {
    let name = ident(op.success_enum.as_deref()?);
    let doc = doc_literal(&format!(" Successful answers of [`Client::{0}`](crate::Client::{0}).", op.method_name));
    let variants = op.success.iter().map(|response| {
        let variant = ident(&status_variant(response.status));
        let doc = doc_literal(&format!(" {}: {}", response.status, response.description.trim()));
        let payload = response.body.as_ref().map(|body| {
            let ty = match body.media {
                crate::model::BodyMedia::Text => quote!(String),
                crate::model::BodyMedia::Bytes => quote!(Vec<u8>),
                _ => type_tokens(&body.ty, true),
            };
            quote!((#ty))
        });
        quote! {
            #[doc = #doc]
            #variant #payload,
        }
    });
    // Without a `2XX` or `default` answer, a status the document does not list has a variant.
    let other = (!super::operations::covers_every_success(op)).then(|| {
        quote! {
            /// A 2xx status the document does not list; the body is not decoded.
            Other(u16),
        }
    });
    Some(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #other
        }
    })
}

fn boxed(ty: TokenStream, boxed: bool) -> TokenStream {
    if boxed {
        quote!(Box<#ty>)
    } else {
        ty
    }
}

/// How many parts [`part`] makes: the module's header, then each type, each alias, and each
/// operation's success enum (empty when it has none).
pub fn part_count(api: &Api) -> usize {
    1 + api.types.len() + api.aliases.len() + api.operations.len()
}

/// Part `index` of `src/types.rs` in file order (see [`part_count`]), made only when asked
/// for, so that a caller formatting a few parts at a time never holds the tokens of the whole
/// file, and parts can be made on several threads.
pub fn part(api: &Api, index: usize) -> TokenStream {
    let Some(index) = index.checked_sub(1) else { return header(api) };
    if let Some(def) = api.types.get(index) {
        return super::gate(&def.features, type_def(def, api));
    }
    let index = index - api.types.len();
    if let Some(alias) = api.aliases.get(index) {
        return super::gate(&alias.features, alias_def(alias));
    }
    let op = &api.operations[index - api.aliases.len()];
    success_enum(op).map_or_else(TokenStream::new, |success| super::gate(&op.features, success))
}

/// The module's documentation and imports.
fn header(api: &Api) -> TokenStream {
    let doc = doc_literal(&format!(" Types of the {}: request and response bodies and their parts.", api.title));
    // Success enums are not serde types: a document without schemas
    // needs no import.
    // (Unused when cargo features leave out every type that derives them.)
    // `binary`, `nullable` and `timestamp`: the runtime's serde adapters, named in
    // `#[serde(with = ..)]`.
    let serde_import = (!api.types.is_empty()).then(|| {
        quote! {
            #[allow(unused_imports)]
            use serde::{Deserialize, Serialize};
            #[allow(unused_imports)]
            use crate::runtime::{binary, nullable, setter, timestamp};
        }
    });
    quote! {
        #![doc = #doc]
        #serde_import
    }
}

/// `pub type Name = Target;` for a component of the same shape as another type.
fn alias_def(alias: &TypeAlias) -> TokenStream {
    let name = ident(&alias.name);
    let target = ident(&alias.target);
    let same = format!("The same shape as [`{}`], so the same type.", alias.target);
    let fallback = describe_origin(&alias.origin);
    let renamed = renamed_note(&alias.origin, &alias.name);
    let doc = doc_attrs([alias.description.as_deref().or(Some(&fallback)), Some(&same), renamed.as_deref()]);
    quote! {
        #doc
        pub type #name = #target;
    }
}

fn type_def(def: &TypeDef, api: &Api) -> TokenStream {
    let name = ident(&def.name);
    let fallback = describe_origin(&def.origin);
    let note = match &def.kind {
        TypeKind::Struct { additional: Additional::Forbidden, .. } => Some(
            "The document allows no other properties (`additionalProperties: false`); unknown \
             properties in an answer are ignored rather than rejected, so a server that adds one \
             does not break the client.",
        ),
        TypeKind::Untagged { .. } => Some(UNTAGGED_ORDER),
        TypeKind::Newtype { .. } => Some(
            "It holds itself through lists or maps, so it is a struct around that list or map \
             (its one field); on the wire it is the list or map alone.",
        ),
        _ => None,
    };
    let enums_note = match &def.kind {
        TypeKind::Untagged { variants } if !open_enums(variants, api).is_empty() => Some(OPEN_ENUMS),
        _ => None,
    };
    let renamed = renamed_note(&def.origin, &def.name);
    let doc = doc_attrs([def.description.as_deref().or(Some(&fallback)), note, enums_note, renamed.as_deref()]);
    let deprecated = def.deprecated.then(|| quote!(#[deprecated]));
    let body = match &def.kind {
        TypeKind::Struct { fields, additional } => struct_def(&name, fields, additional),
        TypeKind::StringEnum { variants } => string_enum(&name, variants),
        TypeKind::IntegerEnum { variants } => integer_enum(&name, variants),
        TypeKind::Untagged { variants } => untagged(&name, variants, api),
        TypeKind::Tagged { property, variants } => tagged(&name, property, variants, api),
        TypeKind::Newtype { inner } => newtype(&name, inner),
    };
    quote! {
        #doc
        #deprecated
        #body
    }
}

/// Why a component schema's type is not named as the document names it (`None` becomes
/// `None2`): the name was taken first, by another schema or by a value Rust code in the
/// crate names (`None`, `Some`, `Ok`, `Err`). `None` for every other type.
fn renamed_note(origin: &str, name: &str) -> Option<String> {
    let escaped = origin.strip_prefix("#/components/schemas/").filter(|key| !key.contains('/'))?;
    let key = escaped.replace("~1", "/").replace("~0", "~");
    let wanted = crate::naming::pascal(&key);
    (wanted != name).then(|| {
        format!(
            "Named `{name}`, not {}, because that name was taken first: by another schema, or by a \
             name Rust code relies on (`None`, `Some`, `Ok`, `Err`).",
            code(&wanted)
        )
    })
}

/// How an untagged union decodes, stated on every such type.
const UNTAGGED_ORDER: &str = "Decoding tries the alternatives in the order listed and keeps the first that \
fits: booleans, integers, numbers, date-times, string enums, strings, lists, objects with more \
required properties before objects with fewer, unions, maps, then any JSON value. With two object \
alternatives or more, an object first goes to one that lists every one of its keys.";

/// Whether a value of `ty` holds bytes (`format: binary`), which JSON carries as strings
/// through the runtime's `binary` adapter.
fn holds_bytes(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Bytes => true,
        TypeRef::Nullable(inner) | TypeRef::Array(inner) | TypeRef::Map(inner) => holds_bytes(inner),
        _ => false,
    }
}

/// How a union decodes when an enum alternative's `Unknown` would take another's values.
const OPEN_ENUMS: &str = "An enum alternative takes a value in its turn only when it lists the value; a value \
that no alternative lists and that an enum alternative's type takes goes to that enum's `Unknown`, last.";

/// A field's Rust type: `T` when required, `Option<T>` when optional or nullable, and
/// `Option<Option<T>>` when both (absent, `null`, value; see the runtime's `nullable`).
fn field_type(field: &Field) -> TokenStream {
    let ty = boxed(type_tokens(&field.ty, true), field.boxed);
    match (field.required, field.nullable) {
        (true, false) => ty,
        (false, true) => quote!(Option<Option<#ty>>),
        _ => quote!(Option<#ty>),
    }
}

fn struct_def(name: &Ident, fields: &[Field], additional: &Additional) -> TokenStream {
    let all_optional = fields.iter().all(|f| !f.required || f.nullable);
    let default = all_optional.then(|| quote!(Default,));
    let declarations = fields.iter().map(|field| {
        let ident = ident(&field.name);
        let ty = field_type(field);
        let fallback = format!("The {} property.", code(&field.wire_name));
        let default = field.default.as_ref().map(|d| format!("Default: {}.", code(d)));
        let access = match field.access {
            Access::ReadWrite => None,
            Access::ReadOnly => Some("Read-only: set by the server, ignored in requests."),
            Access::WriteOnly => Some("Write-only: sent by the client, absent from responses."),
        };
        let doc = doc_attrs([field.description.as_deref().or(Some(&fallback)), default.as_deref(), access]);
        let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
        let wire = &field.wire_name;
        let rename = (field.name != *wire).then(|| quote!(rename = #wire,));
        let optional = if !field.required {
            Some(quote!(default, skip_serializing_if = "Option::is_none",))
        } else if field.nullable {
            Some(quote!(default,))
        } else {
            None
        };
        // Date-times go through the runtime's lenient parser (an offset-less value is UTC);
        // an optional nullable field, or one of any JSON value, keeps a present `null` apart from
        // an absent key.
        let with = match (&field.ty, field.required, field.nullable) {
            (TypeRef::DateTime, true, false) => Some(quote!(with = "timestamp::required",)),
            (TypeRef::DateTime, false, true) => Some(quote!(with = "nullable::timestamp",)),
            (TypeRef::DateTime, _, _) => Some(quote!(with = "timestamp::optional",)),
            // Bytes inside JSON are a string, not serde's list of numbers.
            (ty, false, true) if holds_bytes(ty) => Some(quote!(with = "binary::nullable",)),
            (ty, _, _) if holds_bytes(ty) => Some(quote!(with = "binary",)),
            (_, false, true) => Some(quote!(with = "nullable",)),
            // Any JSON value, `null` among them: a present `null` is not an absent key.
            (TypeRef::Json, false, false) => Some(quote!(with = "nullable::any",)),
            _ => None,
        };
        let serde = (rename.is_some() || optional.is_some() || with.is_some())
            .then(|| quote!(#[serde(#rename #optional #with)]));
        quote! {
            #doc
            #deprecated
            #serde
            pub #ident: #ty,
        }
    });
    let extra = match additional {
        Additional::Kept { name, ty } => {
            let ident = ident(name);
            // Bytes inside JSON are strings (the runtime's `binary` adapter).
            let with = holds_bytes(ty).then(|| quote!(, with = "binary"));
            let ty = type_tokens(ty, true);
            Some((
                quote! {
                    /// Properties beyond the listed ones (`additionalProperties`), by name, kept
                    /// as received and sent back as they are. A key that is also a listed
                    /// property belongs in its field, not here.
                    #[serde(flatten #with)]
                    pub #ident: std::collections::BTreeMap<String, #ty>,
                },
                quote!(#ident: std::collections::BTreeMap::new()),
            ))
        }
        Additional::Ignored | Additional::Forbidden => None,
    };
    let (extra_declaration, extra_init) = extra.unzip();
    let required: Vec<&Field> = fields.iter().filter(|f| f.required && !f.nullable).collect();
    let params = required.iter().map(|f| {
        let ident = ident(&f.name);
        let ty = match f.ty {
            TypeRef::String => quote!(impl Into<String>),
            _ => boxed(type_tokens(&f.ty, true), f.boxed),
        };
        quote!(#ident: #ty)
    });
    let inits = fields
        .iter()
        .map(|f| {
            let ident = ident(&f.name);
            if f.required && !f.nullable {
                match f.ty {
                    TypeRef::String => quote!(#ident: #ident.into()),
                    _ => quote!(#ident),
                }
            } else {
                quote!(#ident: None)
            }
        })
        .chain(extra_init);
    // `with_<field>` without the field's keyword or digit guards (`type_`, `_2fa`): a doubled
    // `_` is not snake case; numbered if two fields then meet.
    let mut setter_names = crate::naming::Scope::default();
    let setters = fields.iter().filter(|f| !f.required || f.nullable).map(|f| {
        let setter = setter_names.claim(format!("with_{}", f.name.trim_matches('_')));
        field_setter(f, &setter)
    });
    let setters: Vec<TokenStream> = setters.collect();
    // Every property empty is the derived `Default`: no field list to repeat.
    let init = if all_optional { quote!(Self::default()) } else { quote!(Self { #(#inits),* }) };
    let many_arguments = super::allow_many_arguments(required.len());
    quote! {
        #[derive(Debug, Clone, PartialEq, #default Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#declarations)*
            #extra_declaration
        }

        impl #name {
            /// Creates a value from the required properties; set the others with the `with_*` setters.
            #many_arguments
            pub fn new(#(#params),*) -> Self {
                #init
            }
            #(#setters)*
        }
    }
}

/// The chainable setter `with_<field>` of a property the constructor leaves empty, as a line
/// of the runtime's `setter!` (how the value is taken: `into String`, `boxed`, `nullable`):
/// it takes the value (for a nullable one, `None` sends `null`).
fn field_setter(field: &Field, setter: &str) -> TokenStream {
    let name = ident(&field.name);
    let setter = ident(setter);
    let wire = &field.wire_name;
    let wire = (field.name != *wire).then(|| quote!(as #wire));
    let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
    let inner = type_tokens(&field.ty, true);
    let nullable = (!field.required && field.nullable).then(|| quote!(nullable));
    let taken = match (field.ty == TypeRef::String && nullable.is_none(), field.boxed) {
        (true, _) => quote!(into String),
        (false, true) => quote!(#nullable boxed #inner),
        (false, false) => quote!(#nullable #inner),
    };
    quote! {
        setter!(#deprecated #setter, #name #wire, #taken);
    }
}

fn string_enum(name: &Ident, variants: &[EnumVariant]) -> TokenStream {
    let values = variants.iter().map(|v| (v.name.as_str(), code(&v.value), Literal::string(&v.value)));
    wire_enum(name, quote!(Clone), quote!(String), quote!(string_enum), values)
}

fn integer_enum(name: &Ident, variants: &[(String, i64)]) -> TokenStream {
    let values =
        variants.iter().map(|(variant, value)| (variant.as_str(), format!("`{value}`"), Literal::i64_unsuffixed(*value)));
    wire_enum(name, quote!(Clone, Copy), quote!(i64), quote!(integer_enum), values)
}

/// An enum of wire values, from `(variant, value in Markdown, value's literal)`: a variant
/// per value, documented with it, and `Unknown` holding any other; then the runtime's
/// `mapping!` (`string_enum!` or `integer_enum!`) given the `Variant = value` pairs, which it
/// expands into both directions of the mapping and the serde traits.
fn wire_enum<'v>(
    name: &Ident,
    copies: TokenStream,
    unknown: TokenStream,
    mapping: TokenStream,
    values: impl Iterator<Item = (&'v str, String, Literal)>,
) -> TokenStream {
    let (declarations, pairs): (Vec<_>, Vec<_>) = values
        .map(|(variant, value, literal)| {
            let ident = ident(variant);
            let doc = doc_literal(&format!(" {value}"));
            (quote!(#[doc = #doc] #ident,), quote!(, #ident = #literal))
        })
        .unzip();
    quote! {
        #[derive(Debug, #copies, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#declarations)*
            /// A value this version of the crate does not know, kept as the server sent it.
            Unknown(#unknown),
        }

        crate::runtime::#mapping!(#name #(#pairs)*);
    }
}

/// Whether the value of a tagged union's alternative `variant` keeps the tag `property`
/// itself: its struct has a field of that name, or keeps the keys it does not list.
fn keeps_tag(variant: &TaggedVariant, property: &str, api: &Api) -> bool {
    let TypeRef::Named(name) = &variant.ty else { return false };
    match named_kind(name, api) {
        Some(TypeKind::Struct { fields, additional }) => {
            fields.iter().any(|field| field.wire_name == property) || matches!(additional, Additional::Kept { .. })
        }
        _ => false,
    }
}

/// `Serialize` for a tagged union some of whose alternatives do not keep the tag (the
/// document's discriminating property is none of theirs): the tag is written back, with the
/// alternative's first value, so a value sent back is still told apart.
fn tag_writing_serialize(name: &Ident, property: &str, variants: &[TaggedVariant]) -> TokenStream {
    let arms = variants.iter().map(|v| {
        let ident = ident(&v.name);
        match v.values.first() {
            Some(value) => quote!(Self::#ident(inner) => (serde_json::to_value(inner), #value),),
            None => quote!(Self::#ident(inner) => return inner.serialize(serializer),),
        }
    });
    quote! {
        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let (value, tag) = match self {
                    #(#arms)*
                    Self::Unknown(value) => return value.serialize(serializer),
                };
                let mut value = value.map_err(serde::ser::Error::custom)?;
                if let Some(object) = value.as_object_mut() {
                    object.entry(#property).or_insert_with(|| tag.into());
                }
                value.serialize(serializer)
            }
        }
    }
}

fn tagged(name: &Ident, property: &str, variants: &[TaggedVariant], api: &Api) -> TokenStream {
    let declarations = variants.iter().map(|v| {
        let ident = ident(&v.name);
        let ty = boxed(type_tokens(&v.ty, true), v.boxed);
        let values = v.values.iter().map(|value| code(value)).collect::<Vec<_>>().join(", ");
        let doc = doc_literal(&format!(" {} is {values}.", code(property)));
        quote! {
            #[doc = #doc]
            #ident(#ty),
        }
    });
    let arms = variants.iter().map(|v| {
        let ident = ident(&v.name);
        let values = &v.values;
        quote! {
            Some(#(#values)|*) => serde_json::from_value(value).map(Self::#ident).map_err(serde::de::Error::custom),
        }
    });
    let unknown_doc = doc_literal(&format!(" A kind this version of the crate does not know (by {}), kept as JSON.", code(property)));
    let (derive, serialize) = if variants.iter().all(|v| keeps_tag(v, property, api)) {
        (quote!(#[derive(Debug, Clone, PartialEq, Serialize)] #[serde(untagged)]), None)
    } else {
        (quote!(#[derive(Debug, Clone, PartialEq)]), Some(tag_writing_serialize(name, property, variants)))
    };
    quote! {
        #derive
        #[non_exhaustive]
        pub enum #name {
            #(#declarations)*
            #[doc = #unknown_doc]
            Unknown(serde_json::Value),
        }

        #serialize

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                match value.get(#property).and_then(serde_json::Value::as_str) {
                    #(#arms)*
                    _ => Ok(Self::Unknown(value)),
                }
            }
        }
    }
}

/// A tuple struct around what a self-containing schema stands for, the same on the wire
/// (`#[serde(transparent)]`).
fn newtype(name: &Ident, inner: &TypeRef) -> TokenStream {
    let inner = type_tokens(inner, true);
    quote! {
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct #name(pub #inner);
    }
}

/// The wire names of a struct alternative that keeps no extra keys, which an object must be
/// made of to go to it first.
fn closed_keys<'a>(variant: &UntaggedVariant, api: &'a Api) -> Option<Vec<&'a str>> {
    let TypeRef::Named(name) = &variant.ty else { return None };
    match &api.types.iter().find(|d| &d.name == name)?.kind {
        TypeKind::Struct { fields, additional: Additional::Ignored | Additional::Forbidden } => {
            Some(fields.iter().map(|f| f.wire_name.as_str()).collect())
        }
        _ => None,
    }
}

/// Whether a value of `ty` keeps every key of an object it takes: a map, any JSON value, a
/// struct that keeps the keys it does not list, or a union (which may hold one of those).
fn keeps_objects(ty: &TypeRef, api: &Api) -> bool {
    match ty {
        TypeRef::Map(_) | TypeRef::Json => true,
        TypeRef::Nullable(inner) => keeps_objects(inner, api),
        TypeRef::Named(name) => matches!(
            named_kind(name, api),
            Some(TypeKind::Struct { additional: Additional::Kept { .. }, .. } | TypeKind::Untagged { .. })
        ),
        _ => false,
    }
}

/// The JSON values a type takes, as far as choosing between a union's alternatives needs.
#[derive(Clone, Copy, PartialEq)]
enum Takes {
    Strings,
    Integers,
    Both,
    Neither,
}

/// What kinds of JSON value `ty` takes (`Both` when it may take strings and integers alike).
fn takes(ty: &TypeRef, api: &Api) -> Takes {
    match ty {
        TypeRef::String | TypeRef::Secret | TypeRef::DateTime | TypeRef::Bytes => Takes::Strings,
        // A float alternative takes integers too.
        TypeRef::Float => Takes::Integers,
        ty if ty.is_integer() => Takes::Integers,
        TypeRef::Json => Takes::Both,
        TypeRef::Nullable(inner) => takes(inner, api),
        TypeRef::Named(name) => match named_kind(name, api) {
            Some(TypeKind::StringEnum { .. }) => Takes::Strings,
            Some(TypeKind::IntegerEnum { .. }) => Takes::Integers,
            Some(TypeKind::Struct { .. } | TypeKind::Tagged { .. } | TypeKind::Newtype { .. }) => Takes::Neither,
            // A union, or a name not found: it may take anything.
            Some(TypeKind::Untagged { .. }) | None => Takes::Both,
        },
        // Booleans, lists and maps.
        _ => Takes::Neither,
    }
}

/// The kind of the named type `name` (through a component alias to it).
pub(super) fn named_kind<'a>(name: &str, api: &'a Api) -> Option<&'a TypeKind> {
    let target = api.aliases.iter().find(|alias| alias.name == name).map_or(name, |alias| alias.target.as_str());
    let at = api.types.binary_search_by(|def| def.name.as_str().cmp(target)).ok()?;
    Some(&api.types[at].kind)
}

/// The alternatives that are enums (with their type) whose `Unknown` would take a value
/// another alternative also takes: `oneOf: [Size, string]` would read every string as a
/// `Size`, and `[Size, Colour, Pet]` every colour as a `Size`. Such an alternative goes first
/// only with a value it lists; a value no alternative lists goes to it last.
fn open_enums(variants: &[UntaggedVariant], api: &Api) -> Vec<(Ident, Ident, Takes)> {
    variants
        .iter()
        .filter_map(|variant| {
            let TypeRef::Named(name) = &variant.ty else { return None };
            let own = match named_kind(name, api)? {
                TypeKind::StringEnum { .. } => Takes::Strings,
                TypeKind::IntegerEnum { .. } => Takes::Integers,
                _ => return None,
            };
            let shared = variants
                .iter()
                .filter(|other| other.name != variant.name)
                .any(|other| matches!(takes(&other.ty, api), Takes::Both) || takes(&other.ty, api) == own);
            (shared && !variant.boxed).then(|| (ident(&variant.name), ident(name), own))
        })
        .collect()
}

/// An alternative of an untagged union: `Name(Type),`, bytes read and written as strings.
fn untagged_variant(variant: &UntaggedVariant) -> TokenStream {
    let ident = ident(&variant.name);
    let ty = boxed(type_tokens(&variant.ty, true), variant.boxed);
    let doc = doc_literal(&format!(" The value as {}.", code(&variant.name)));
    let with = holds_bytes(&variant.ty).then(|| quote!(#[serde(with = "binary")]));
    quote! {
        #[doc = #doc]
        #ident(#with #ty),
    }
}

fn untagged(name: &Ident, variants: &[UntaggedVariant], api: &Api) -> TokenStream {
    let closed: Vec<(Ident, Vec<&str>)> = variants
        .iter()
        .filter_map(|v| Some((ident(&v.name), closed_keys(v, api)?)))
        .collect();
    let open = open_enums(variants, api);
    // An alternative that keeps any object whole (a map, any JSON value): a struct that drops
    // the keys it does not list must not take an object that does not fit it first.
    let keeper = variants.iter().any(|v| closed_keys(v, api).is_none() && keeps_objects(&v.ty, api));
    // With two object alternatives or more, order alone cannot choose: one whose properties
    // are all optional accepts every object by ignoring its keys. Nor can it when an enum's
    // `Unknown` would take another alternative's values.
    if closed.len() >= 2 || !open.is_empty() || (!closed.is_empty() && keeper) {
        let closed = if closed.len() >= 2 || keeper { closed } else { Vec::new() };
        return structural_untagged(name, variants, &closed, &open, keeper);
    }
    let declarations = variants.iter().map(untagged_variant);
    quote! {
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#declarations)*
        }
    }
}

/// An untagged union decoded by structure: an object first tries the object alternatives
/// that list all its keys (`closed`), then every alternative is tried in order, an enum of
/// `open` only with a value it lists, and last the `open` enums with any value.
fn structural_untagged(
    name: &Ident,
    variants: &[UntaggedVariant],
    closed: &[(Ident, Vec<&str>)],
    open: &[(Ident, Ident, Takes)],
    keeper: bool,
) -> TokenStream {
    let declarations = variants.iter().map(untagged_variant);
    let fits = (!closed.is_empty()).then(|| {
        quote! {
            let fits = |keys: &[&str]| {
                value.as_object().is_some_and(|object| object.keys().all(|key| keys.contains(&key.as_str())))
            };
        }
    });
    let by_keys = closed.iter().map(|(variant, keys)| {
        quote! {
            if fits(&[#(#keys),*]) {
                if let Ok(inner) = serde_json::from_value(value.clone()) {
                    return Ok(Self::#variant(inner));
                }
            }
        }
    });
    let is_closed = |variant: &Ident| closed.iter().any(|(closed_variant, _)| closed_variant == variant);
    // With a keeper, an object that fits no struct goes to the keeper, whole; the structs
    // get it last, should the keeper not take it either (a map of numbers, say).
    let in_order = variants.iter().filter(|v| !(keeper && is_closed(&ident(&v.name)))).map(|v| {
        let variant = ident(&v.name);
        match open.iter().find(|(open_variant, ..)| *open_variant == variant) {
            Some((_, enum_type, _)) => quote! {
                if let Ok(inner) = serde_json::from_value::<#enum_type>(value.clone()) {
                    if !matches!(inner, #enum_type::Unknown(_)) {
                        return Ok(Self::#variant(inner));
                    }
                }
            },
            None if holds_bytes(&v.ty) => quote! {
                if let Ok(inner) = binary::deserialize(value.clone()) {
                    return Ok(Self::#variant(inner));
                }
            },
            None => quote! {
                if let Ok(inner) = serde_json::from_value(value.clone()) {
                    return Ok(Self::#variant(inner));
                }
            },
        }
    });
    let deferred = closed.iter().filter(|_| keeper).map(|(variant, _)| {
        quote! {
            if let Ok(inner) = serde_json::from_value(value.clone()) {
                return Ok(Self::#variant(inner));
            }
        }
    });
    // The first enum of each JSON type takes every value of it, so a later one never would.
    let unlisted = open.iter().enumerate().filter(|(at, (.., own))| !open[..*at].iter().any(|(.., earlier)| earlier == own));
    let unlisted = unlisted.map(|(_, (variant, ..))| {
        quote! {
            if let Ok(inner) = serde_json::from_value(value.clone()) {
                return Ok(Self::#variant(inner));
            }
        }
    });
    let none = format!("the value matches none of the alternatives of `{name}`");
    quote! {
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#declarations)*
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                #fits
                #(#by_keys)*
                #(#in_order)*
                #(#deferred)*
                #(#unlisted)*
                Err(serde::de::Error::custom(#none))
            }
        }
    }
}
