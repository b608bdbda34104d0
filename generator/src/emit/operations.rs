//! `src/operations.rs`: one async method on `Client` per operation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{code, doc_attrs};
use super::types::{ident, type_tokens};
use crate::model::{Api, BodyMedia, HttpMethod, Operation, Param, ParamLocation, PathPart, ResponseBody, TypeRef};

pub fn render(api: &Api) -> TokenStream {
    let methods = api.operations.iter().map(operation);
    let streams = api.operations.iter().filter_map(stream_method);
    quote! {
        //! One method per operation of the document.
        #[allow(unused_imports)]
        use crate::runtime::{path_segment, Method, Operation, RequestParts};
        #[allow(unused_imports)]
        use crate::{types, Client, Error};

        impl Client {
            #(#methods)*
            #(#streams)*
        }
    }
}

/// How an argument is taken: strings and lists by reference, small values by value.
fn argument_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String | TypeRef::Secret => quote!(&str),
        TypeRef::Float | TypeRef::Boolean => type_tokens(ty, false),
        integer if integer.is_integer() => type_tokens(integer, false),
        TypeRef::Array(item) => {
            let item = type_tokens(item, false);
            quote!(&[#item])
        }
        TypeRef::Bytes => quote!(&[u8]),
        other => {
            let ty = type_tokens(other, false);
            quote!(&#ty)
        }
    }
}

/// An expression that turns the argument `value` of type `ty` into text for a path, query
/// or header.
fn as_text(value: TokenStream, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String | TypeRef::Secret => value,
        TypeRef::Json | TypeRef::Map(_) | TypeRef::Array(_) | TypeRef::Bytes => {
            quote!(serde_json::to_string(#value).unwrap_or_default())
        }
        _ => quote!(#value.to_string()),
    }
}

fn operation(op: &Operation) -> TokenStream {
    let name = ident(&op.method_name);
    let docs = operation_docs(op);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));

    let mut args = Vec::new();
    for param in op.params.iter().filter(|p| p.required) {
        let arg = ident(&param.rust_name);
        let ty = argument_type(&param.ty);
        args.push(quote!(#arg: #ty));
    }
    if let Some(body) = &op.body {
        let ty = match body.media {
            BodyMedia::Text => quote!(&str),
            BodyMedia::Bytes => quote!(&[u8]),
            _ => argument_type(&body.ty),
        };
        if body.required {
            args.push(quote!(body: #ty));
        } else {
            args.push(quote!(body: Option<#ty>));
        }
    }

    // Optional parameters come last, so calls read `op(required.., body, options)`.
    if let Some(options) = &op.options {
        let options = ident(options);
        args.push(quote!(options: types::#options));
    }

    let id = &op.id;
    let template = &op.path;
    let method = format_ident!("{}", method_variant(op.method));
    let authenticated = op.authenticated;
    let sensitive = op.sensitive;
    let path = path_expr(op);
    let setters = op.params.iter().filter(|p| p.location != ParamLocation::Path).map(param_setter);
    let body = op.body.as_ref().map(|body| {
        let attach = match body.media {
            BodyMedia::Json => quote!(request.json(body)?),
            BodyMedia::Form => quote!(request.form(body)?),
            BodyMedia::Text => quote!(request.text(body.to_owned())),
            BodyMedia::Bytes => {
                let content_type = &body.content_type;
                quote!(request.bytes(body.to_vec(), #content_type))
            }
        };
        if body.required {
            quote!(let request = #attach;)
        } else {
            quote! {
                let request = match body {
                    Some(body) => #attach,
                    None => request,
                };
            }
        }
    });
    let (output, decode) = decode(op);

    quote! {
        #docs
        #deprecated
        pub async fn #name(&self, #(#args),*) -> Result<#output, Error> {
            static OPERATION: Operation = Operation {
                id: #id,
                method: Method::#method,
                path_template: #template,
                authenticated: #authenticated,
                sensitive: #sensitive,
            };
            let request = RequestParts::new(#path);
            #(#setters)*
            #body
            #decode
        }
    }
}

fn method_variant(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "Get",
        HttpMethod::Put => "Put",
        HttpMethod::Post => "Post",
        HttpMethod::Delete => "Delete",
        HttpMethod::Options => "Options",
        HttpMethod::Head => "Head",
        HttpMethod::Patch => "Patch",
        HttpMethod::Trace => "Trace",
    }
}

/// For a paginated list, a method that streams the items of every page.
fn stream_method(op: &Operation) -> Option<TokenStream> {
    let pagination = op.pagination.as_ref()?;
    let options = ident(op.options.as_deref()?);
    let name = ident(&pagination.method_name);
    let list = ident(&op.method_name);
    let token = ident(&pagination.token_param);
    let next = ident(&pagination.next_token_field);
    let items = ident(&pagination.items_field);
    let item = type_tokens(&pagination.item, false);
    let items_expr = if pagination.items_nested {
        quote!(page.#items.flatten().unwrap_or_default())
    } else if pagination.items_optional {
        quote!(page.#items.unwrap_or_default())
    } else {
        quote!(page.#items)
    };
    let next_expr = if pagination.next_token_nested {
        quote!(page.#next.flatten())
    } else if pagination.next_token_optional {
        quote!(page.#next)
    } else {
        quote!(Some(page.#next))
    };
    let summary = format!(
        "Every item of [`Client::{0}`], across all pages: each page's `{1}` is sent back as \
         `{2}` until the server returns none (or repeats one).",
        op.method_name, pagination.next_token_field, pagination.token_param
    );
    let doc = doc_attrs([
        Some(summary.as_str()),
        Some("The stream ends after the first error; read it with `StreamExt::next` or `TryStreamExt::try_next`, re-exported by this crate."),
    ]);
    Some(quote! {
        #doc
        pub fn #name(
            &self,
            options: types::#options,
        ) -> impl futures_util::Stream<Item = Result<#item, Error>> + '_ {
            crate::runtime::paginate(options, move |mut options: types::#options, token: Option<String>| {
                if token.is_some() {
                    options.#token = token;
                }
                async move {
                    let page = self.#list(options).await?;
                    Ok((#items_expr, #next_expr))
                }
            })
        }
    })
}

/// The concrete path: literal parts as written, parameters percent-encoded into one segment.
fn path_expr(op: &Operation) -> TokenStream {
    let mut format = String::new();
    let mut values = Vec::new();
    for part in &op.path_parts {
        match part {
            PathPart::Literal(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
            PathPart::Param(name) => {
                format.push_str("{}");
                let param = op.params.iter().find(|p| &p.rust_name == name);
                let arg = ident(name);
                values.push(match param.map(|p| &p.ty) {
                    Some(TypeRef::String | TypeRef::Secret) | None => quote!(path_segment(#arg)),
                    Some(ty) => {
                        let text = as_text(quote!(#arg), ty);
                        quote!(path_segment(&#text))
                    }
                });
            }
        }
    }
    if values.is_empty() {
        quote!(String::from(#format))
    } else {
        quote!(format!(#format, #(#values),*))
    }
}

fn param_setter(param: &Param) -> TokenStream {
    let wire = &param.wire_name;
    let arg = ident(&param.rust_name);
    let setter = match param.location {
        ParamLocation::Query => quote!(query),
        _ => quote!(header),
    };
    // The request with the value added; query arrays are exploded, one `name=value` per item.
    let with_value = |value: TokenStream| match (&param.ty, param.location) {
        (TypeRef::Array(item), ParamLocation::Query) => {
            let item_text = as_text(quote!(item), item);
            quote!(#value.iter().fold(request, |request, item| request.#setter(#wire, #item_text)))
        }
        (ty, _) => {
            let text = as_text(value, ty);
            quote!(request.#setter(#wire, #text))
        }
    };
    if param.required {
        let expr = with_value(quote!(#arg));
        quote!(let request = #expr;)
    } else {
        let expr = with_value(quote!(value));
        quote! {
            let request = match &options.#arg {
                Some(value) => #expr,
                None => request,
            };
        }
    }
}

/// The success type and the expression that produces it from `response`.
fn decode(op: &Operation) -> (TokenStream, TokenStream) {
    if let Some(name) = &op.success_enum {
        return decode_enum(op, name);
    }
    let bodies: Vec<&ResponseBody> = op.success.iter().filter_map(|r| r.body.as_ref()).collect();
    match bodies.first() {
        None => (
            quote!(()),
            quote! {
                self.inner.execute(&OPERATION, request).await?;
                Ok(())
            },
        ),
        // Without a success enum, every body has the same type (the model decides).
        Some(body) => {
            let no_body_alternative = op.success.len() > bodies.len();
            let ty = type_tokens(&body.ty, false);
            let decoded = match body.media {
                BodyMedia::Text => quote!(Ok(response.text())),
                BodyMedia::Bytes => quote!(Ok(response.body().to_vec())),
                _ => quote!(response.json(&OPERATION)),
            };
            let ty = match body.media {
                BodyMedia::Text => quote!(String),
                BodyMedia::Bytes => quote!(Vec<u8>),
                _ => ty,
            };
            let call = quote!(let response = self.inner.execute(&OPERATION, request).await?;);
            if no_body_alternative {
                let statuses = op
                    .success
                    .iter()
                    .filter(|r| r.body.is_none())
                    .filter_map(|r| r.status)
                    .map(proc_macro2::Literal::u16_unsuffixed);
                (
                    quote!(Option<#ty>),
                    quote! {
                        #call
                        match response.status() {
                            #(#statuses)|* => Ok(None),
                            _ => #decoded.map(Some),
                        }
                    },
                )
            } else {
                (ty, quote!(#call #decoded))
            }
        }
    }
}

/// Decoding into the operation's enum of success answers, by status.
fn decode_enum(op: &Operation, name: &str) -> (TokenStream, TokenStream) {
    let name = ident(name);
    let arms = op.success.iter().filter_map(|response| {
        let variant = ident(&super::types::status_variant(response.status));
        let status = proc_macro2::Literal::u16_unsuffixed(response.status?);
        let value = match response.body.as_ref().map(|b| b.media) {
            None => quote!(Ok(types::#name::#variant)),
            Some(BodyMedia::Text) => quote!(Ok(types::#name::#variant(response.text()))),
            Some(BodyMedia::Bytes) => quote!(Ok(types::#name::#variant(response.body().to_vec()))),
            Some(_) => quote!(response.json(&OPERATION).map(types::#name::#variant)),
        };
        Some(quote!(#status => #value,))
    });
    (
        quote!(types::#name),
        quote! {
            let response = self.inner.execute(&OPERATION, request).await?;
            match response.status() {
                #(#arms)*
                status => Ok(types::#name::Other(status)),
            }
        },
    )
}

fn operation_docs(op: &Operation) -> TokenStream {
    let mut sections: Vec<String> = Vec::new();
    if let Some(summary) = &op.summary {
        sections.push(summary.clone());
    }
    if let Some(description) = &op.description {
        if Some(description) != op.summary.as_ref() {
            sections.push(description.clone());
        }
    }
    sections.push(format!("{} {} ({})", op.method.as_str(), code(&op.path), code(&op.id)));
    let mut args = Vec::new();
    for param in &op.params {
        let place = match param.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
        };
        let requirement = if param.required { "required" } else { "optional" };
        let description = param.description.as_deref().unwrap_or("").trim();
        args.push(format!(
            "- {}: {} {} {}, {requirement}. {description}",
            code(&param.rust_name),
            place,
            if place == "header" { "field" } else { "parameter" },
            code(&param.wire_name),
        ));
    }
    if let Some(body) = &op.body {
        let description = body.description.as_deref().unwrap_or("").trim();
        args.push(format!(
            "- `body`: the request body, sent as {}, {}. {description}",
            code(&body.content_type),
            if body.required { "required" } else { "optional" }
        ));
    }
    if !args.is_empty() {
        sections.push(format!("# Arguments\n\n{}", args.join("\n")));
    }
    let mut errors = vec![
        "Returns [`Error::Api`] when the server answers with a status outside 2xx, and another \
         [`Error`] variant when the call cannot be made or its answer cannot be read."
            .to_owned(),
    ];
    let documented: Vec<String> = op
        .errors
        .iter()
        .map(|r| {
            let status = r.status.map_or_else(|| "other".to_owned(), |s| s.to_string());
            let typed = match r.body.as_ref().map(|b| &b.ty) {
                Some(TypeRef::Named(name)) => {
                    format!(" (body: [`types::{name}`], read it with [`ApiError::body_as`](crate::ApiError::body_as))")
                }
                _ => String::new(),
            };
            format!("- {status}: {}{typed}", r.description.trim())
        })
        .collect();
    if !documented.is_empty() {
        errors.push(format!("Documented error answers:\n\n{}", documented.join("\n")));
    }
    sections.push(format!("# Errors\n\n{}", errors.join("\n\n")));
    doc_attrs(sections.iter().map(|s| Some(s.as_str())))
}
