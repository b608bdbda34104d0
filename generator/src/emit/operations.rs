//! `src/operations.rs`: a method on `Client` per operation, returning the operation's request
//! builder (optional parameters as setters, `IntoFuture` to send it).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, ToTokens};

use super::docs::{code, doc_attrs, doc_literal, list_item};
use super::types::{ident, type_tokens};
use crate::model::{
    Api, BodyMedia, FormEncoding, HttpMethod, MultipartPart, Operation, Param, ParamLocation, ParamStyle, PathPart, RequestBody,
    ResponseBody, Status, TypeKind,
    TypeRef,
};

/// How many parts [`part`] makes: the module's header with `impl Client`, then a request
/// builder per operation.
pub fn part_count(api: &Api) -> usize {
    1 + api.operations.len()
}

/// Part `index` of `src/operations.rs` in file order (see [`part_count`]), made only when
/// asked for, so that a caller formatting a few parts at a time never holds the tokens of
/// the whole file, and parts can be made on several threads.
pub fn part(api: &Api, index: usize) -> TokenStream {
    let Some(index) = index.checked_sub(1) else {
        let methods = api.operations.iter().map(|op| super::gate(&op.features, client_method(op, api)));
        return quote! {
            //! The operations of the document: a method of [`Client`] per operation, taking the
            //! required parameters and returning the operation's request builder, with a setter
            //! per optional parameter. Await the builder to send the request. What every builder
            //! shares (`header`, `timeout`, `send`, `IntoFuture`, a `Debug` that shows no
            //! argument) is added by the runtime's `request_builder!`. A parameter the document
            //! adds later becomes a new setter, so code that builds requests keeps compiling.
            // Unused when cargo features leave out every operation.
            #[allow(unused_imports)]
            use crate::runtime::{
                path_param, CallOptions, Method, Multipart, Operation, Param, RequestParts, Response,
                Style,
            };
            #[allow(unused_imports)]
            use crate::{types, Client, Error};

            impl Client {
                #(#methods)*
            }
        };
    };
    let op = &api.operations[index];
    super::gate(&op.features, operation(op))
}

/// How an argument is taken: strings and lists borrowed for the builder's `'a`, small values
/// by value.
fn argument_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String | TypeRef::Secret => quote!(&'a str),
        TypeRef::Float | TypeRef::Boolean => type_tokens(ty, false),
        integer if integer.is_integer() => type_tokens(integer, false),
        TypeRef::Array(item) => {
            let item = type_tokens(item, false);
            quote!(&'a [#item])
        }
        TypeRef::Bytes => quote!(&'a [u8]),
        other => {
            let ty = type_tokens(other, false);
            quote!(&'a #ty)
        }
    }
}

/// A reference to the argument of `param`, for the runtime's generic parameter writers:
/// arguments taken by value (numbers, booleans) are borrowed.
fn argument_ref(param: &Param) -> TokenStream {
    let arg = ident(&param.rust_name);
    match param.ty {
        TypeRef::Int32 | TypeRef::Int64 | TypeRef::Float | TypeRef::Boolean => quote!(&#arg),
        _ => quote!(#arg),
    }
}

/// The runtime's description of how `param` is written: name, style, and `explode` and
/// `allowReserved` when they differ from OpenAPI's defaults.
fn param_spec(param: &Param) -> TokenStream {
    let wire = &param.wire_name;
    let style = format_ident!(
        "{}",
        match param.style {
            ParamStyle::Simple => "Simple",
            ParamStyle::Label => "Label",
            ParamStyle::Matrix => "Matrix",
            ParamStyle::Form => "Form",
            ParamStyle::SpaceDelimited => "SpaceDelimited",
            ParamStyle::PipeDelimited => "PipeDelimited",
            ParamStyle::DeepObject => "DeepObject",
        }
    );
    let mut spec = quote!(Param::new(#wire, Style::#style));
    if param.explode != (param.style == ParamStyle::Form) {
        let explode = param.explode;
        spec = quote!(#spec.explode(#explode));
    }
    if param.allow_reserved {
        spec = quote!(#spec.allow_reserved());
    }
    spec
}

/// The runtime's `Param` for a form body field with an `encoding`: written as a query
/// parameter of that name would be.
fn form_encoding(encoding: &FormEncoding) -> TokenStream {
    param_spec(&Param {
        wire_name: encoding.wire_name.clone(),
        rust_name: String::new(),
        location: ParamLocation::Query,
        required: false,
        ty: TypeRef::Json,
        description: None,
        style: encoding.style,
        explode: encoding.explode,
        allow_reserved: encoding.allow_reserved,
    })
}

/// The required arguments of `op`'s method (`name: type`, borrowed for `'a`) and their names:
/// required parameters in order, then a required body.
fn required_args(op: &Operation) -> (Vec<TokenStream>, Vec<Ident>) {
    let mut args = Vec::new();
    let mut names = Vec::new();
    for param in op.params.iter().filter(|p| p.required) {
        let arg = ident(&param.rust_name);
        let ty = argument_type(&param.ty);
        args.push(quote!(#arg: #ty));
        names.push(arg);
    }
    if let Some(body) = op.body.as_ref().filter(|b| b.required) {
        let ty = body_type(body);
        args.push(quote!(body: #ty));
        names.push(format_ident!("body"));
    }
    (args, names)
}

/// How a request body is borrowed by the builder.
fn body_type(body: &RequestBody) -> TokenStream {
    match body.media {
        BodyMedia::Text => quote!(&'a str),
        BodyMedia::Bytes => quote!(&'a [u8]),
        _ => argument_type(&body.ty),
    }
}

/// The owned type an optional parameter is kept as in the builder.
fn optional_type(param: &Param) -> TokenStream {
    type_tokens(&param.ty, false)
}

/// The method of `Client` that starts a request: required arguments in, builder out.
fn client_method(op: &Operation, api: &Api) -> TokenStream {
    let name = ident(&op.method_name);
    let builder = ident(&op.builder);
    let docs = operation_docs(op, api);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let (args, names) = required_args(op);
    let many_arguments = super::allow_many_arguments(args.len() + 1);
    let optional = op.params.iter().filter(|p| !p.required).map(|p| ident(&p.rust_name));
    let optional_body = op.body.as_ref().filter(|b| !b.required).map(|_| quote!(body: None,));
    let body_encoding = op.body.as_ref().filter(|b| !b.alternatives.is_empty()).map(|_| quote!(body_encoding: 0,));
    quote! {
        #docs
        #deprecated
        #many_arguments
        pub fn #name<'a>(&'a self, #(#args),*) -> #builder<'a> {
            #builder {
                client: self,
                #(#names,)*
                #(#optional: None,)*
                #optional_body
                #body_encoding
                call: CallOptions::default(),
            }
        }
    }
}

/// The request builder of `op`: its struct, setters, `send`, `send_with_response`, `stream`
/// for a paginated list, and `IntoFuture`.
fn operation(op: &Operation) -> TokenStream {
    let builder = ident(&op.builder);
    let method_name = &op.method_name;

    let mut fields = Vec::new();
    let mut field_names = Vec::new();
    for param in op.params.iter().filter(|p| p.required) {
        let arg = ident(&param.rust_name);
        let ty = argument_type(&param.ty);
        fields.push(quote!(#arg: #ty,));
        field_names.push(arg);
    }
    for param in op.params.iter().filter(|p| !p.required) {
        let arg = ident(&param.rust_name);
        let ty = optional_type(param);
        fields.push(quote!(#arg: Option<#ty>,));
        field_names.push(arg);
    }
    if let Some(body) = &op.body {
        let ty = body_type(body);
        if body.required {
            fields.push(quote!(body: #ty,));
        } else {
            fields.push(quote!(body: Option<#ty>,));
        }
        field_names.push(format_ident!("body"));
        if !body.alternatives.is_empty() {
            // 0: `content_type`; i: `alternatives[i - 1]`.
            fields.push(quote!(body_encoding: usize,));
            field_names.push(format_ident!("body_encoding"));
        }
    }
    let setters = op.params.iter().filter(|p| !p.required).map(optional_setter);
    let media_setters = op.body.iter().flat_map(|body| body.alternatives.iter().enumerate()).map(|(index, alt)| {
        let setter = ident(&alt.setter);
        let index = proc_macro2::Literal::usize_unsuffixed(index + 1);
        let default = &op.body.as_ref().map(|b| b.content_type.as_str()).unwrap_or_default();
        let doc = doc_attrs([Some(
            format!(
                "Sends the body as {} instead of {} (the document offers both for this schema).",
                code(&alt.content_type),
                code(default)
            )
            .as_str(),
        )]);
        quote! {
            #doc
            pub fn #setter(mut self) -> Self {
                self.body_encoding = #index;
                self
            }
        }
    });
    let body_setter = op.body.as_ref().filter(|b| !b.required).map(|body| {
        let ty = body_type(body);
        let files = file_parts_note(&body.parts).map(|note| format!(" {note}")).unwrap_or_default();
        let doc = doc_literal(&format!(" Sets the request body, sent as {}.{files}", code(&body.content_type)));
        let description = body.description.as_deref().map(|d| doc_literal(&format!(" {}", d.trim())));
        let description = description.map(|d| quote!(#[doc = ""] #[doc = #d]));
        quote! {
            #[doc = #doc]
            #description
            pub fn body(mut self, body: #ty) -> Self {
                self.body = Some(body);
                self
            }
        }
    });

    let id = &op.id;
    let template = &op.path;
    let method = format_ident!("{}", method_variant(op.method));
    let security = op.security.iter().map(|r| {
        let schemes = r.schemes.iter().map(|&scheme| proc_macro2::Literal::usize_unsuffixed(scheme));
        quote!(&[#(#schemes),*])
    });
    let sensitive = op.sensitive;
    let server = match &op.server {
        Some(url) => quote!(Some(#url)),
        None => quote!(None),
    };
    let (encode_path, path) = path_expr(op);
    let fixed_query = op.fixed_query.as_ref().map(|query| quote!(let request = request.fixed_query(#query);));
    let setters_of_request = op.params.iter().filter(|p| p.location != ParamLocation::Path).map(param_setter);
    let accept = accept_header(op);
    let body = op.body.as_ref().map(|body| {
        let primary = attach(body.media, &body.content_type, &body.parts, &body.form_encodings);
        let attach = if body.alternatives.is_empty() {
            primary
        } else {
            let arms = body.alternatives.iter().enumerate().map(|(index, alt)| {
                let index = proc_macro2::Literal::usize_unsuffixed(index + 1);
                let attach = attach(alt.media, &alt.content_type, &alt.parts, &alt.form_encodings);
                quote!(#index => #attach,)
            });
            quote! {
                match body_encoding {
                    #(#arms)*
                    _ => #primary,
                }
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
    // Bodiless answers decode to `()`, handed over directly (`let value = ();` is a lint).
    let (decode_value, value) = if decode.to_string() == "()" {
        (quote!(), quote!(()))
    } else {
        (quote!(let value = #decode;), quote!(value))
    };
    let struct_doc = doc_attrs([
        Some(format!(
            "A request of [`Client::{method_name}`]: set optional parameters with its setters, then \
             `.await` it (or call [`send_with_response`](Self::send_with_response) for the answer's \
             status and headers{}).",
            if op.pagination.is_some() { ", or [`stream`](Self::stream) for every item of every page" } else { "" }
        ))
        .as_deref(),
    ]);
    let with_response_docs = with_response_docs(op);
    let stream = stream_method(op);
    let call_setters = idempotency_key_setter(op);
    let method_ident = ident(method_name);

    quote! {
        #struct_doc
        #[derive(Clone)]
        #[must_use = "a request does nothing until it is awaited"]
        pub struct #builder<'a> {
            client: &'a Client,
            #(#fields)*
            call: CallOptions,
        }

        impl<'a> #builder<'a> {
            #(#setters)*
            #body_setter
            #(#media_setters)*
            #call_setters

            #with_response_docs
            pub async fn send_with_response(self) -> Result<Response<#output>, Error> {
                static OPERATION: Operation = Operation {
                    id: #id,
                    method: Method::#method,
                    path_template: #template,
                    security: &[#(#security),*],
                    sensitive: #sensitive,
                    server: #server,
                };
                let Self { client, #(#field_names,)* call } = self;
                #encode_path
                let request = RequestParts::new(#path);
                #fixed_query
                #(#setters_of_request)*
                #accept
                #body
                let request = request.call_options(call);
                let response = client.inner.execute(&OPERATION, request).await?;
                #decode_value
                Ok(Response::new(#value, response))
            }

            #stream
        }

        crate::runtime::request_builder!(#builder, #method_ident, #output);
    }
}

/// Where the API accepts one, the idempotency key setter (the per-call `header` and `timeout`
/// every builder has come from the runtime's `request_builder!`).
fn idempotency_key_setter(op: &Operation) -> Option<TokenStream> {
    op.idempotency_key.as_ref().map(|header| {
        let doc = doc_attrs([
            Some(format!(
                "Sends `key` in the {} header: the server carries out repeats of this request \
                 once, so the client retries it after a timeout or a 502, 503 or 504 like an \
                 idempotent request (draft-ietf-httpapi-idempotency-key-header). Use a new key \
                 (a UUID) per intended change, and the same one to repeat it.",
                code(header)
            ))
            .as_deref(),
        ]);
        quote! {
            #doc
            pub fn idempotency_key(mut self, key: &str) -> Self {
                self.call.idempotency_key(#header, key);
                self
            }
        }
    })
}

/// The setter of an optional parameter on the builder.
fn optional_setter(param: &Param) -> TokenStream {
    let field = ident(&param.rust_name);
    let place = match param.location {
        ParamLocation::Path => "path parameter",
        ParamLocation::Query => "query parameter",
        ParamLocation::Header => "header field",
        ParamLocation::Cookie => "cookie",
    };
    let summary = format!("Sets the {place} {} (optional).", code(&param.wire_name));
    let doc = doc_attrs([Some(summary.as_str()), param.description.as_deref()]);
    let (ty, value) = match param.ty {
        TypeRef::String => (quote!(impl Into<String>), quote!(value.into())),
        _ => (optional_type(param), quote!(value)),
    };
    quote! {
        #doc
        pub fn #field(mut self, value: #ty) -> Self {
            self.#field = Some(#value);
            self
        }
    }
}

/// Replaces the client's `Accept: application/json` when a success answer is not JSON (RFC 9110
/// section 12.5.1: a server may refuse with 406 what the client says it cannot take): text
/// answers prefer `text/plain`, others take any type.
fn accept_header(op: &Operation) -> Option<TokenStream> {
    let medias: Vec<BodyMedia> = op.success.iter().filter_map(|r| r.body.as_ref()).map(|b| b.media).collect();
    let accept = if medias.contains(&BodyMedia::Bytes) || medias.contains(&BodyMedia::Multipart) {
        "*/*"
    } else if medias.contains(&BodyMedia::Text) {
        "text/plain, */*;q=0.8"
    } else {
        return None;
    };
    Some(quote!(let request = request.header("accept", #accept);))
}

/// A block that builds the `multipart/form-data` body from the struct `body`: one part per
/// field, files for binary fields (named after the part), text or JSON for the others.
/// Attaches `body` to `request` as media type `content_type`, encoded as `media` says; the
/// `Content-Type` is the document's media type (a multipart body's carries its boundary).
fn attach(media: BodyMedia, content_type: &str, parts: &[MultipartPart], form_encodings: &[FormEncoding]) -> TokenStream {
    let declared = |default: &str| {
        let essence = content_type.split(';').next().unwrap_or(content_type).trim();
        (!(essence.eq_ignore_ascii_case(default) && essence.len() == content_type.len()))
            .then(|| quote!(.content_type(#content_type)))
    };
    match media {
        BodyMedia::Json => {
            let declared = declared("application/json");
            quote!(request.json(body)? #declared)
        }
        BodyMedia::Form => {
            let declared = declared("application/x-www-form-urlencoded");
            if form_encodings.is_empty() {
                quote!(request.form(body)? #declared)
            } else {
                let encodings = form_encodings.iter().map(form_encoding);
                quote!(request.form_with(body, &[#(#encodings),*])? #declared)
            }
        }
        BodyMedia::Multipart => multipart_body(parts),
        BodyMedia::Text => {
            let declared = declared("text/plain");
            quote!(request.text(body.to_owned()) #declared)
        }
        BodyMedia::Bytes => quote!(request.bytes(body.to_vec(), #content_type)),
    }
}

/// What a multipart body does with its files, for the body's docs: which properties are file
/// parts, and that a missing one sends no part (RFC 7578 has no `null` part).
fn file_parts_note(parts: &[MultipartPart]) -> Option<String> {
    let files: Vec<String> = parts.iter().filter(|p| p.binary).map(|p| code(&p.wire_name)).collect();
    if files.is_empty() {
        return None;
    }
    let lists = parts.iter().any(|p| p.files);
    Some(format!(
        "{} {} sent as file parts named after the property{}; a file{} that is absent or `null` sends no part.",
        files.join(", "),
        if files.len() == 1 { "is" } else { "are" },
        if lists { ", one per item of a list" } else { "" },
        if lists { ", list or item" } else { "" },
    ))
}

fn multipart_body(parts: &[MultipartPart]) -> TokenStream {
    let parts = parts.iter().map(|part| {
        let name = &part.wire_name;
        let field = ident(&part.field);
        if part.binary {
            let content_type = part.content_type.as_deref().unwrap_or("application/octet-stream");
            let add = |bytes: TokenStream| quote!(form.file(#name, #name, #bytes, #content_type));
            if part.files {
                // One file part per item; an absent or null list, or a null item, sends none.
                let add = add(quote!(bytes));
                let items = match (part.optional, part.explicit_null) {
                    (false, _) => quote!(body.#field.iter()),
                    (true, false) => quote!(body.#field.iter().flatten()),
                    (true, true) => quote!(body.#field.iter().flatten().flatten()),
                };
                let items = if part.null_items { quote!(#items.flatten()) } else { items };
                quote! {
                    let form = #items.fold(form, |form, bytes| #add);
                }
            } else if part.optional {
                let add = add(quote!(bytes));
                let bytes = if part.explicit_null { quote!(Some(Some(bytes))) } else { quote!(Some(bytes)) };
                quote! {
                    let form = match &body.#field {
                        #bytes => #add,
                        _ => form,
                    };
                }
            } else {
                let add = add(quote!(&body.#field));
                quote!(let form = #add;)
            }
        } else {
            let content_type = match &part.content_type {
                Some(content_type) => quote!(Some(#content_type)),
                None => quote!(None),
            };
            quote!(let form = form.value(#name, &body.#field, #content_type)?;)
        }
    });
    quote! {
        {
            let form = Multipart::new();
            #(#parts)*
            request.multipart(form)
        }
    }
}

/// Docs of the `*_with_response` twin: what it adds, and the headers the document declares.
fn with_response_docs(op: &Operation) -> TokenStream {
    let mut sections = vec!["Sends the request, also giving the answer's status and headers ([`Response`]).".to_owned()];
    let headers: Vec<String> = op
        .success
        .iter()
        .flat_map(|r| r.headers.iter().map(move |h| (r, h)))
        .map(|(r, h)| {
            let header = format!("{} ({})", code(&h.wire_name), r.status);
            match h.description.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                Some(description) => list_item(&format!("{header}: {description}")),
                None => list_item(&header),
            }
        })
        .collect();
    if !headers.is_empty() {
        sections.push(format!(
            "Headers the document declares, read with [`Response::header`](crate::Response::header):\n\n{}",
            headers.join("\n")
        ));
    }
    sections.push(format!("# Errors\n\nAs [`Client::{}`].", op.method_name));
    doc_attrs(sections.iter().map(|s| Some(s.as_str())))
}

/// Whether a path parameter of type `ty` can have empty text (which the runtime refuses):
/// strings, lists, maps and objects can; numbers, booleans, timestamps and integer enums
/// cannot.
fn may_be_empty(ty: &TypeRef, api: &Api) -> bool {
    match ty {
        TypeRef::Nullable(inner) => may_be_empty(inner, api),
        TypeRef::Named(name) => !matches!(super::types::named_kind(name, api), Some(TypeKind::IntegerEnum { .. })),
        _ => !(ty.is_integer() || matches!(ty, TypeRef::Float | TypeRef::Boolean | TypeRef::DateTime)),
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

/// For a paginated list, the builder's method that streams the items of every page.
fn stream_method(op: &Operation) -> Option<TokenStream> {
    let pagination = op.pagination.as_ref()?;
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
        "Every item of every page, in order: each page's `{0}` is sent back as `{1}` until \
         the server returns none (or repeats one). The other parameters set on this builder \
         are sent with every page.",
        pagination.next_token_field, pagination.token_param
    );
    let doc = doc_attrs([
        Some(summary.as_str()),
        Some("The stream ends after the first error; read it with `StreamExt::next` or `TryStreamExt::try_next`, re-exported by this crate."),
    ]);
    Some(quote! {
        #doc
        pub fn stream(self) -> impl futures_util::Stream<Item = Result<#item, Error>> + 'a {
            crate::runtime::paginate(self, |mut request: Self, token: Option<String>| {
                if token.is_some() {
                    request.#token = token;
                }
                async move {
                    let page = request.send().await?;
                    Ok((#items_expr, #next_expr))
                }
            })
        }
    })
}

/// Statements that replace each path argument by its encoded text, then the concrete path:
/// literal parts as written, parameters in their style, percent-encoded so each stays within
/// its segment.
fn path_expr(op: &Operation) -> (TokenStream, TokenStream) {
    let mut format = String::new();
    let mut encode = Vec::new();
    let mut values = Vec::new();
    for part in &op.path_parts {
        match part {
            PathPart::Literal(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
            PathPart::Param(name) => {
                format.push_str("{}");
                // The model guarantees every placeholder names a path parameter.
                if let Some(param) = op.params.iter().find(|p| &p.rust_name == name) {
                    let spec = param_spec(param);
                    let value = argument_ref(param);
                    let arg = ident(name);
                    // A template may name one parameter twice (`/a/{id}/b/{id}`): encode it once.
                    if !values.contains(&arg) {
                        encode.push(quote!(let #arg = path_param(&#spec, #value)?;));
                    }
                    values.push(arg);
                }
            }
        }
    }
    let path = if values.is_empty() {
        quote!(String::from(#format))
    } else {
        quote!(format!(#format, #(#values),*))
    };
    (quote!(#(#encode)*), path)
}

/// Adds a query, header or cookie parameter to `request`; an optional one (an `Option` of
/// the builder) is left out when `None`.
fn param_setter(param: &Param) -> TokenStream {
    let setter = match param.location {
        ParamLocation::Query => quote!(query_param),
        ParamLocation::Header => quote!(header_param),
        ParamLocation::Cookie => quote!(cookie_param),
        ParamLocation::Path => return quote!(),
    };
    let spec = param_spec(param);
    let value = if param.required {
        argument_ref(param)
    } else {
        let field = ident(&param.rust_name);
        quote!(&#field)
    };
    quote!(let request = request.#setter(#spec, #value);)
}

/// The match pattern of the statuses a response of `op` describes. `Client::execute` hands
/// over only 2xx answers, so `2XX` is the catch-all when there is no `default`.
fn status_pattern(op: &Operation, status: Status) -> TokenStream {
    let has_default = op.success.iter().any(|r| r.status == Status::Default);
    match status {
        Status::Range(2) if !has_default => quote!(_),
        Status::Code(code) => proc_macro2::Literal::u16_unsuffixed(code).into_token_stream(),
        Status::Range(class) => {
            let (low, high) = (
                proc_macro2::Literal::u16_unsuffixed(class * 100),
                proc_macro2::Literal::u16_unsuffixed(class * 100 + 99),
            );
            quote!(#low..=#high)
        }
        Status::Default => quote!(_),
    }
}

/// Whether a `2XX` or `default` answer describes every success status.
pub fn covers_every_success(op: &Operation) -> bool {
    op.success.iter().any(|r| matches!(r.status, Status::Range(2) | Status::Default))
}

/// The expression decoding `response` as `body` (leaving the function on failure).
fn decode_body(body: &ResponseBody) -> TokenStream {
    match body.media {
        BodyMedia::Text => quote!(response.text()),
        BodyMedia::Bytes => quote!(response.body().to_vec()),
        _ => quote!(response.json(&OPERATION)?),
    }
}

/// The success type, and an expression of that type that decodes the 2xx
/// `response`: the most specific documented answer for its status (a code, then a range,
/// then `default`) decides.
fn decode(op: &Operation) -> (TokenStream, TokenStream) {
    if let Some(name) = &op.success_enum {
        return decode_enum(op, name);
    }
    let bodies: Vec<&ResponseBody> = op.success.iter().filter_map(|r| r.body.as_ref()).collect();
    // Without a success enum, every body has the same type (the model decides).
    let Some(body) = bodies.first() else {
        return (quote!(()), quote!(()));
    };
    let ty = match body.media {
        BodyMedia::Text => quote!(String),
        BodyMedia::Bytes => quote!(Vec<u8>),
        _ => type_tokens(&body.ty, false),
    };
    let decoded = decode_body(body);
    if op.success.len() == bodies.len() {
        return (ty, decoded);
    }
    // Some answers have no body: decode by status, `None` for those.
    let mut arms: Vec<TokenStream> = op
        .success
        .iter()
        .map(|response| {
            let pattern = status_pattern(op, response.status);
            match response.body {
                None => quote!(#pattern => None,),
                Some(_) => quote!(#pattern => Some(#decoded),),
            }
        })
        .collect();
    if !covers_every_success(op) {
        arms.push(quote!(_ => Some(#decoded),));
    }
    (
        quote!(Option<#ty>),
        quote! {
            match response.status() {
                #(#arms)*
            }
        },
    )
}

/// Decoding into the operation's enum of success answers, by status.
fn decode_enum(op: &Operation, name: &str) -> (TokenStream, TokenStream) {
    let name = ident(name);
    let mut arms: Vec<TokenStream> = op
        .success
        .iter()
        .map(|response| {
            let variant = ident(&super::types::status_variant(response.status));
            let pattern = status_pattern(op, response.status);
            let value = match response.body.as_ref() {
                None => quote!(types::#name::#variant),
                Some(body) => {
                    let decoded = decode_body(body);
                    quote!(types::#name::#variant(#decoded))
                }
            };
            quote!(#pattern => #value,)
        })
        .collect();
    if !covers_every_success(op) {
        arms.push(quote!(status => types::#name::Other(status),));
    }
    (
        quote!(types::#name),
        quote! {
            match response.status() {
                #(#arms)*
            }
        },
    )
}

fn operation_docs(op: &Operation, api: &Api) -> TokenStream {
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
            ParamLocation::Cookie => "cookie",
        };
        // An optional parameter's description is on its setter: here only where it is.
        let (requirement, description) = if param.required {
            ("required".to_owned(), param.description.as_deref().unwrap_or("").trim())
        } else {
            (format!("optional, set with [`{0}`]({1}::{0})", param.rust_name, op.builder), "")
        };
        args.push(list_item(&format!(
            "{}: {} {} {}, {requirement}. {description}",
            code(&param.rust_name),
            place,
            if place == "header" { "field" } else { "parameter" },
            code(&param.wire_name),
        )));
    }
    if let Some(body) = &op.body {
        let description = if body.required { body.description.as_deref().unwrap_or("").trim() } else { "" };
        let files = file_parts_note(&body.parts).map(|note| format!(" {note}")).unwrap_or_default();
        args.push(list_item(&format!(
            "`body`: the request body, sent as {}, {}.{files} {description}",
            code(&body.content_type),
            if body.required { "required".to_owned() } else { format!("optional, set with [`body`]({}::body)", op.builder) }
        )));
    }
    if !args.is_empty() {
        sections.push(format!("# Arguments\n\n{}", args.join("\n")));
    }
    sections.push(format!(
        "Returns the request builder [`{0}`]: `.await` it to send the request, or call \
         [`send_with_response`]({0}::send_with_response) for the status and headers too.",
        op.builder
    ));
    let mut errors = vec![
        "Returns [`Error::Api`] when the server answers with a status outside 2xx, and another \
         [`Error`] variant when the call cannot be made or its answer cannot be read."
            .to_owned(),
    ];
    let empty_able: Vec<String> = op
        .params
        .iter()
        .filter(|param| param.location == ParamLocation::Path && param.style == ParamStyle::Simple && may_be_empty(&param.ty, api))
        .map(|param| code(&param.rust_name))
        .collect();
    if !empty_able.is_empty() {
        errors.push(format!(
            "Returns [`Error::Encode`], and sends nothing, when {} is empty (an empty string or list): an \
             empty path segment would address another resource.",
            empty_able.join(" or "),
        ));
    }
    let documented: Vec<String> = op
        .errors
        .iter()
        .map(|r| {
            let status = r.status;
            let typed = match r.body.as_ref().map(|b| &b.ty) {
                Some(TypeRef::Named(name)) => {
                    format!(" (body: [`types::{name}`], read it with [`ApiError::body_as`](crate::ApiError::body_as))")
                }
                _ => String::new(),
            };
            list_item(&format!("{status}: {}{typed}", r.description.trim()))
        })
        .collect();
    if !documented.is_empty() {
        errors.push(format!("Documented error answers:\n\n{}", documented.join("\n")));
    }
    sections.push(format!("# Errors\n\n{}", errors.join("\n\n")));
    doc_attrs(sections.iter().map(|s| Some(s.as_str())))
}
