//! The async client (behind the crate's `client` feature): `client.rs` with
//! the `Client` and one method per operation, and per operation a fluent
//! builder, the glue that lets the client's runtime send it, and for
//! `@paginated` operations a paginator. The runtime itself (configuration,
//! signing, retries, transport) is verbatim, in `codegen/runtime/client/`.

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::setters::{setter_family, Receiver};
use super::tokens::{
    deprecated, doc, first_paragraph, ident, inner_doc, module_path, rust_type, sparse_item,
    type_path,
};
use crate::model::ShapeId;
use crate::naming;
use crate::plan::{Auth, FieldPlan, OperationPlan, Plan, RustType, StructPlan, TypeKind};
use crate::rules::EndpointPlan;

/// Every file of the client, by path relative to the crate root.
pub fn files(
    plan: &Plan,
    endpoint: Option<&EndpointPlan>,
    runtime: &[(&str, TokenStream)],
) -> Vec<(String, TokenStream)> {
    let mut files = vec![
        (
            "src/client.rs".to_owned(),
            client_module(plan, endpoint, runtime),
        ),
        ("src/client/builders.rs".to_owned(), builders_module(plan)),
    ];
    // An output shared by several operations gets its metadata impl once.
    let mut outputs_done = BTreeSet::new();
    for op in &plan.operations {
        let first_use = outputs_done.insert(op.output.clone());
        files.push((
            format!("src/client/builders/{}.rs", op.module),
            operation_file(plan, op, first_use),
        ));
    }
    files
}

fn client_module(
    plan: &Plan,
    endpoint: Option<&EndpointPlan>,
    runtime: &[(&str, TokenStream)],
) -> TokenStream {
    let service = &plan.service;
    let docs = inner_doc(&format!(
        "The async client for {}: [`Client`] sends every operation through a fluent builder \
         (`client.{}()`, its setters, then `.send().await`), signs requests with SigV4, retries what is worth \
         retrying and reports what went wrong as an [`SdkError`].\n\n\
         Configure it with [`Config`]; region and credentials come from the standard \
         environment variables when not set.",
        service.title,
        plan.operations.first().map_or("operation", |op| op.module.as_str()),
    ));
    let mods = runtime.iter().map(|(_, declaration)| declaration);
    // `PaginationStream` only where a paginator returns one.
    let pagination_stream = runtime.iter().any(|(m, _)| *m == "paginate").then(|| {
        quote!(
            pub use self::paginate::PaginationStream;
        )
    });
    let signing_name = service
        .signing_name
        .clone()
        .or_else(|| service.endpoint_prefix.clone())
        .unwrap_or_else(|| service.id.name().to_lowercase());
    let endpoint_prefix = service
        .endpoint_prefix
        .clone()
        .unwrap_or_else(|| signing_name.clone());
    let resolve_endpoint = resolve_endpoint_fn(endpoint, &endpoint_prefix);
    let client_doc = doc(&format!(
        "A client for {}. Cheap to clone: clones share the configuration, the connection \
         pool and the retry budget.",
        service.title
    ));
    let methods = plan.operations.iter().map(|op| {
        let method = ident(&op.module);
        let builder = format_ident!("{}", op.names.fluent_builder);
        let docs = doc(&format!(
            "{}\n\nReturns a builder: set the input's members on it, then call `send`.",
            first_paragraph(&op.docs, &format!("Calls `{}`.", op.wire_name))
        ));
        let deprecated = deprecated(&op.deprecated);
        quote! {
            #docs
            #deprecated
            pub fn #method(&self) -> self::builders::#builder {
                self::builders::#builder::new(self.handle.clone())
            }
        }
    });
    quote! {
        #docs

        #(#mods)*
        #[rustfmt::skip]
        pub mod builders;

        pub use self::config::{Config, ConfigBuilder};
        pub use self::credentials::{
            Credentials, CredentialsError, EnvironmentCredentials, ProvideCredentials, ProvideCredentialsFuture,
            SharedCredentialsProvider,
        };
        pub use self::error::{
            BoxError, ConstructionFailure, DispatchFailure, ResponseFailure, SdkError, ServiceError, TimeoutFailure,
            TimeoutKind,
        };
        pub use self::metadata::{ProvideResponseMetadata, ResponseMetadata};
        #pagination_stream
        pub use self::proxy::{ProxyConfig, ProxyError};
        pub use self::retry::RetryConfig;
        pub use self::tls::{TransportSetupError, TrustRoots};
        pub use self::transport::{BoxFuture, HttpClient, HyperClient, TransportError, TransportErrorKind};

        /// The name requests are signed for (`aws.auth#sigv4`).
        const SIGNING_NAME: &str = #signing_name;
        #resolve_endpoint

        #client_doc
        #[derive(Clone, Debug)]
        pub struct Client {
            handle: ::std::sync::Arc<self::orchestrate::Handle>,
        }

        impl Client {
            /// A client with `config`: a [`Config`], or with the `sdk-config`
            /// feature `&aws_types::SdkConfig`, as `aws_config::load_from_env()` gives.
            pub fn new(config: impl Into<Config>) -> Self {
                let handle = self::orchestrate::Handle::new(config.into(), SIGNING_NAME, resolve_endpoint);
                Client {
                    handle: ::std::sync::Arc::new(handle),
                }
            }

            /// A client configured from the environment; see [`Config::from_env`].
            pub fn from_env() -> Self {
                Self::new(Config::from_env())
            }

            /// The client's configuration.
            pub fn config(&self) -> &Config {
                &self.handle.config
            }

            #(#methods)*
        }
    }
}

/// `resolve_endpoint`, which the client calls before every operation: the
/// service's endpoint rules with the built-in parameters taken from the
/// configuration, or, for a model without rules, the regional default.
fn resolve_endpoint_fn(endpoint: Option<&EndpointPlan>, endpoint_prefix: &str) -> TokenStream {
    let Some(endpoint) = endpoint else {
        return quote! {
            /// Where requests under `config` go. The model has no endpoint rule set, so
            /// this is the endpoint override or the service's regional endpoint.
            fn resolve_endpoint(config: &Config) -> ::std::result::Result<self::endpoint::Target, BoxError> {
                self::endpoint::regional(config, #endpoint_prefix)
            }
        };
    };
    let mut fields = Vec::new();
    let mut reads_defaults = false;
    for param in &endpoint.params {
        let field = ident(&param.field);
        // Where the configuration keeps the built-in: a string it may lack, or a flag.
        let (source, is_flag) = match param.built_in.as_deref() {
            Some("AWS::Region") => (quote!(config.region()), false),
            Some("SDK::Endpoint") => (quote!(config.endpoint_url()), false),
            Some("AWS::UseFIPS") => (quote!(config.use_fips()), true),
            Some("AWS::UseDualStack") => (quote!(config.use_dual_stack()), true),
            // Others (account ids, S3 settings) keep the rule set's default.
            _ => continue,
        };
        let value = match (is_flag, param.optional()) {
            (true, true) => quote!(Some(#source)),
            (true, false) => source,
            (false, true) => quote!(#source.map(str::to_owned)),
            (false, false) => {
                reads_defaults = true;
                quote!(#source.map_or(defaults.#field, str::to_owned))
            }
        };
        fields.push(quote!(#field: #value));
    }
    let rest = (fields.len() < endpoint.params.len()).then(|| quote!(..defaults));
    let defaults = (reads_defaults || rest.is_some())
        .then(|| quote!(let defaults = crate::endpoint::EndpointParams::default();));
    quote! {
        /// Where requests under `config` go, by the service's endpoint rules
        /// ([`crate::endpoint`]): region, FIPS, dual-stack and the endpoint
        /// override come from the configuration.
        fn resolve_endpoint(config: &Config) -> ::std::result::Result<self::endpoint::Target, BoxError> {
            self::endpoint::checked_region(config)?;
            #defaults
            let params = crate::endpoint::EndpointParams {
                #(#fields,)*
                #rest
            };
            let endpoint = crate::endpoint::resolve_endpoint(&params)?;
            self::endpoint::Target::from_rules(endpoint.url, &endpoint.headers, &endpoint.properties)
        }
    }
}

fn builders_module(plan: &Plan) -> TokenStream {
    let mods = plan.operations.iter().map(|op| {
        let m = ident(&op.module);
        quote! { #[rustfmt::skip] mod #m; }
    });
    let uses = plan.operations.iter().map(|op| {
        let m = ident(&op.module);
        let builder = format_ident!("{}", op.names.fluent_builder);
        let paginators = op.names.paginator.as_ref().map(|(pages, items)| {
            let pages = format_ident!("{}", pages);
            match items_field(plan, op) {
                Some(_) => {
                    let items = format_ident!("{}", items);
                    quote!(, #pages, #items)
                }
                None => quote!(, #pages),
            }
        });
        quote!(pub use self::#m::{#builder #paginators};)
    });
    quote! {
        #![doc = " The fluent builders that [`Client`](super::Client)'s methods return, and the paginators of paginated operations."]
        #(#mods)*
        #(#uses)*
    }
}

/// The builder type of a structure.
fn builder_path(plan: &Plan, id: &ShapeId) -> TokenStream {
    let t = plan.ty(id);
    let TypeKind::Structure(s) = &t.kind else {
        unreachable!("builders are made for structures")
    };
    let name = format_ident!("{}", s.builder);
    let module = module_path(&t.location.builders_path());
    quote!(#module::#name)
}

fn structure<'p>(plan: &'p Plan, id: &ShapeId) -> &'p StructPlan {
    match &plan.ty(id).kind {
        TypeKind::Structure(s) => s,
        _ => unreachable!("operation inputs and outputs are structures"),
    }
}

/// The field for `member` of `id`; the planner checked that paginated
/// operations name members that exist.
fn field<'p>(plan: &'p Plan, id: &ShapeId, member: &str) -> &'p FieldPlan {
    structure(plan, id)
        .fields
        .iter()
        .find(|f| f.member == member)
        .unwrap_or_else(|| {
            unreachable!("{id} has no member {member}; the planner checks paginated members")
        })
}

fn items_field<'p>(plan: &'p Plan, op: &OperationPlan) -> Option<&'p FieldPlan> {
    let items = op.paginated.as_ref()?.items.as_deref()?;
    Some(field(plan, &op.output, items))
}

fn operation_file(plan: &Plan, op: &OperationPlan, first_use_of_output: bool) -> TokenStream {
    let module_docs = inner_doc(&format!(
        "The fluent builder of `{}`{}.",
        op.wire_name,
        if op.paginated.is_some() {
            " and its paginator"
        } else {
            ""
        }
    ));
    let op_module = ident(&op.module);
    let marker = format_ident!("{}", op.type_name);
    let op_path = quote!(crate::operation::#op_module::#marker);
    let input = type_path(plan, &op.input);
    let output = type_path(plan, &op.output);
    let error_name = format_ident!("{}", op.names.error);
    let error = quote!(crate::operation::#op_module::#error_name);
    let input_builder = builder_path(plan, &op.input);
    let builder = format_ident!("{}", op.names.fluent_builder);
    let name = op.wire_name.as_str();
    let auth = match op.auth {
        Auth::SigV4 => quote!(crate::auth::AuthMode::SigV4),
        Auth::Optional => quote!(crate::auth::AuthMode::Optional),
        Auth::None => quote!(crate::auth::AuthMode::None),
    };
    let input_struct = structure(plan, &op.input);
    let build = if input_struct.fields.iter().any(FieldPlan::checked_by_build) {
        quote!(builder.build())
    } else {
        quote!(::std::result::Result::Ok(builder.build()))
    };
    let builder_doc = doc(&format!(
        "{}\n\nMade by [`Client::{}`](crate::client::Client::{}): set the input's members, \
         then call [`send`](Self::send).",
        first_paragraph(&op.docs, &format!("Calls `{}`.", op.wire_name)),
        naming::plain(&op.module),
        naming::plain(&op.module),
    ));
    let setters = input_struct
        .fields
        .iter()
        .map(|f| setter_family(plan, f, Receiver::Fluent));
    let metadata_impl = first_use_of_output.then(|| {
        quote! {
            impl crate::client::ProvideResponseMetadata for #output {
                fn response_metadata(&self) -> &crate::client::ResponseMetadata {
                    &self._response_metadata
                }
            }
        }
    });
    let prepare = crate::customizations::prepare(plan, op);
    let paginator = op
        .names
        .paginator
        .as_ref()
        .map(|names| paginator(plan, op, names, &op_path, &input_builder));
    let mock_impl = mock_impl(plan, op, &builder, &input, &output, &error);
    let into_paginator = op.names.paginator.as_ref().map(|(pages, _)| {
        let pages = format_ident!("{}", pages);
        quote! {
            /// Pages through the results instead: the paginator sends this
            /// request, then again with each page's token, until the last page.
            pub fn into_paginator(self) -> #pages {
                #pages {
                    handle: self.handle,
                    inner: self.inner,
                }
            }
        }
    });
    quote! {
        #module_docs

        #builder_doc
        #[derive(Clone, Debug)]
        pub struct #builder {
            handle: ::std::sync::Arc<crate::client::orchestrate::Handle>,
            inner: #input_builder,
        }

        impl #builder {
            pub(crate) fn new(handle: ::std::sync::Arc<crate::client::orchestrate::Handle>) -> Self {
                #builder {
                    handle,
                    inner: ::std::default::Default::default(),
                }
            }

            /// Sends the request and waits for the output, retrying as the
            /// client's configuration says.
            pub async fn send(self) -> ::std::result::Result<#output, crate::client::SdkError<#error>> {
                let input = build_input(self.inner)
                    .map_err(|e| crate::client::SdkError::construction(e, ::std::default::Default::default()))?;
                self.handle.send::<#op_path>(&input).await
            }

            /// The input as set so far.
            pub fn as_input(&self) -> &#input_builder {
                &self.inner
            }

            #into_paginator

            #(#setters)*
        }

        /// Builds the input, for `send` and the paginators alike.
        fn build_input(builder: #input_builder) -> ::std::result::Result<#input, crate::error::BuildError> {
            #build
        }

        impl crate::client::orchestrate::Operation for #op_path {
            type Input = #input;
            type Output = #output;
            type Error = #error;

            const NAME: &'static str = #name;
            const AUTH: crate::auth::AuthMode = #auth;

            fn build_request(
                input: &#input,
                endpoint: &str,
            ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::RequestError> {
                #op_path::request(input, endpoint)
            }

            fn parse_response(
                status: u16,
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<#output, crate::error::ResponseError<#error>> {
                #op_path::response(status, headers, body)
            }

            fn set_metadata(output: &mut #output, metadata: crate::client::ResponseMetadata) {
                output._response_metadata = metadata;
            }

            #prepare
        }

        #metadata_impl

        #mock_impl

        #paginator
    }
}

/// What typed mocks (feature `test-util`) need of an operation, implemented
/// on its fluent builder so `mock!(Client::method)` finds it: the types, the
/// wire name, and the response the service sends for each modelled error.
fn mock_impl(
    plan: &Plan,
    op: &OperationPlan,
    builder: &Ident,
    input: &TokenStream,
    output: &TokenStream,
    error: &TokenStream,
) -> TokenStream {
    let name = op.wire_name.as_str();
    let arms = op.errors.iter().map(|id| {
        let t = plan.ty(id);
        let variant = format_ident!("{}", t.name);
        let path = type_path(plan, id);
        let status = match &t.kind {
            TypeKind::Structure(StructPlan {
                role: crate::plan::StructRole::Error(e),
                ..
            }) => e.http_status,
            _ => None,
        };
        let status = match status {
            Some(status) => quote!(::std::option::Option::Some(#status)),
            None => quote!(::std::option::Option::None),
        };
        quote! {
            #error::#variant(e) => crate::client::mock::modelled_error(e, #path::CODE, #status),
        }
    });
    quote! {
        #[cfg(feature = "test-util")]
        impl crate::client::mock::MockOperation for #builder {
            type Input = #input;
            type Output = #output;
            type Error = #error;

            const NAME: &'static str = #name;

            fn error_response(error: &#error) -> ::http::Response<::std::vec::Vec<u8>> {
                match error {
                    #(#arms)*
                    #error::Unhandled(e) => crate::client::mock::unhandled_error(e),
                }
            }
        }
    }
}

/// Reads a member as `Option<&T>`, whatever its optionality and boxing.
fn read_ref(owner: &Ident, f: &FieldPlan) -> TokenStream {
    let n = ident(&f.name);
    match (f.optional, f.boxed) {
        (true, false) => quote!(#owner.#n.as_ref()),
        (true, true) => quote!(#owner.#n.as_deref()),
        (false, false) => quote!(::std::option::Option::Some(&#owner.#n)),
        (false, true) => quote!(::std::option::Option::Some(&*#owner.#n)),
    }
}

/// The paginator (and the item paginator, when pages have items) of a
/// paginated operation, and the trait impls the runtime drives them with.
fn paginator(
    plan: &Plan,
    op: &OperationPlan,
    (pages, items_name): &(String, String),
    op_path: &TokenStream,
    input_builder: &TokenStream,
) -> TokenStream {
    let p = op
        .paginated
        .as_ref()
        .expect("called for paginated operations");
    let (Some(input_token), Some(output_token)) = (&p.input_token, &p.output_token) else {
        unreachable!("the planner checks that paginated operations name both tokens")
    };
    let input_token = field(plan, &op.input, input_token);
    let output_token = field(plan, &op.output, output_token);
    let input = type_path(plan, &op.input);
    let output = type_path(plan, &op.output);
    let op_module = ident(&op.module);
    let error_name = format_ident!("{}", op.names.error);
    let error = quote!(crate::operation::#op_module::#error_name);
    let pages = format_ident!("{}", pages);
    let items_name = format_ident!("{}", items_name);
    let token_ty = rust_type(plan, &output_token.ty);
    let output_ident = format_ident!("output");
    let read_token = read_ref(&output_ident, output_token);
    // An empty token means "no more pages" as much as a missing one does.
    let read_token = match output_token.ty {
        RustType::String | RustType::Map { .. } => {
            quote!(#read_token.filter(|token| !token.is_empty()))
        }
        _ => read_token,
    };
    let in_token = ident(&input_token.name);
    let token_value = if input_token.boxed {
        quote!(::std::boxed::Box::new(token))
    } else {
        quote!(token)
    };
    let set_token = if input_token.optional {
        quote!(input.#in_token = ::std::option::Option::Some(#token_value);)
    } else {
        quote!(input.#in_token = #token_value;)
    };
    let page_size = p.page_size.as_ref().map(|member| {
        let f = field(plan, &op.input, member);
        let n = ident(&f.setter);
        let ty = rust_type(plan, &f.ty);
        let docs = doc(&format!("Sets `{member}`, the most items a page may hold."));
        quote! {
            #docs
            pub fn page_size(mut self, size: #ty) -> Self {
                self.inner = self.inner.#n(size);
                self
            }
        }
    });
    let items = items_field(plan, op).map(|f| {
        let n = ident(&f.name);
        let value = match (f.optional, f.boxed) {
            (true, false) => quote!(output.#n.unwrap_or_default()),
            (true, true) => quote!(output.#n.map(|items| *items).unwrap_or_default()),
            (false, false) => quote!(output.#n),
            (false, true) => quote!(*output.#n),
        };
        // A map's items are its (key, value) pairs. The stream's item type
        // is then spelled out in full, on purpose, so that the signature
        // shows what a caller gets, and clippy's `type_complexity` (which
        // counts the pair's nesting) is allowed on that one method.
        let (item_ty, items_expr, allow) = match &f.ty {
            RustType::List { item, sparse } => {
                let item = rust_type(plan, item);
                let item = sparse_item(item, *sparse);
                (item, value, None)
            }
            RustType::Map { key, value: map_value, sparse } => {
                let key = rust_type(plan, key);
                let map_value = rust_type(plan, map_value);
                let map_value = sparse_item(map_value, *sparse);
                (
                    quote!((#key, #map_value)),
                    quote!(#value.into_iter().collect()),
                    Some(quote!(#[allow(clippy::type_complexity)])),
                )
            }
            other => unreachable!("paginated items of type {other:?}; the planner allows lists and maps only"),
        };
        let items_doc = doc(&format!(
            "The items (`{}`) of every page of `{}`, one at a time. Made by [`{pages}::items`].",
            f.member, op.wire_name
        ));
        quote! {
            #items_doc
            #[derive(Clone, Debug)]
            pub struct #items_name(#pages);

            impl #items_name {
                /// Sends the requests as the stream is read, and yields each
                /// item; after an error, the stream ends.
                #allow
                pub fn send(self) -> crate::client::PaginationStream<::std::result::Result<#item_ty, crate::client::SdkError<#error>>> {
                    let #pages { handle, inner } = self.0;
                    crate::client::paginate_items::items::<#op_path>(handle, build_input(inner))
                }
            }

            impl crate::client::paginate_items::PaginatedItems for #op_path {
                type Item = #item_ty;

                fn items(output: #output) -> ::std::vec::Vec<#item_ty> {
                    #items_expr
                }
            }
        }
    });
    let items_method = items.is_some().then(|| {
        quote! {
            /// Streams the items of the pages rather than the pages.
            pub fn items(self) -> #items_name {
                #items_name(self)
            }
        }
    });
    let pages_doc = doc(&format!(
        "The pages of `{}`: sends the request, then again with each page's `{}` as `{}`, until a page \
         has no token (or repeats the one it was sent). Made by [`{}::into_paginator`](super::{}::into_paginator).",
        op.wire_name, output_token.member, input_token.member, op.names.fluent_builder, op.names.fluent_builder
    ));
    quote! {
        #pages_doc
        #[derive(Clone, Debug)]
        pub struct #pages {
            handle: ::std::sync::Arc<crate::client::orchestrate::Handle>,
            inner: #input_builder,
        }

        impl #pages {
            #page_size

            #items_method

            /// Sends the requests as the stream is read, and yields each
            /// page; after an error, the stream ends.
            pub fn send(self) -> crate::client::PaginationStream<::std::result::Result<#output, crate::client::SdkError<#error>>> {
                crate::client::paginate::pages::<#op_path>(self.handle, build_input(self.inner))
            }
        }

        impl crate::client::paginate::Paginated for #op_path {
            type Token = #token_ty;

            fn next_token(output: &#output) -> ::std::option::Option<&#token_ty> {
                #read_token
            }

            fn set_token(input: &mut #input, token: #token_ty) {
                #set_token
            }
        }

        #items
    }
}
