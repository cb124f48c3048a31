//! The support code every generated client carries in `runtime.rs`: response
//! and error types, credentials, and the helpers that keep each operation short.
//!
//! It is the same for every document, save the parameter conversions for
//! format crates the document uses.

use crate::model::{Location, ParamStyle};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

pub struct RuntimeNeeds {
    pub string_enums: bool,
    /// Some operation has a path parameter.
    pub path_params: bool,
    /// Some operation has a parameter.
    pub params: bool,
    /// The document has an operation.
    pub operations: bool,
    /// Some operation has servers of its own.
    pub operation_servers: bool,
    /// Some parameter is described by JSON `content`.
    pub json_params: bool,
    /// Some operation sends an `application/x-www-form-urlencoded` body.
    pub form_bodies: bool,
    /// Some operation's successes declare headers.
    pub response_headers: bool,
    pub integer_enums: bool,
    /// Every location and style some parameter is sent in.
    pub param_styles: BTreeSet<(Location, ParamStyle)>,
    /// Some multipart body has a file part.
    pub file_parts: bool,
    /// Some multipart body has a value part.
    pub value_parts: bool,
    /// What `types.rs` needs.
    pub types: super::types::TypeNeeds,
}

/// The helpers that write parameters of the styles a document uses.
fn param_helpers(styles: &BTreeSet<(Location, ParamStyle)>) -> TokenStream {
    if styles.is_empty() {
        return TokenStream::new();
    }
    let has = |location: Location, style: ParamStyle| styles.contains(&(location, style));
    let query_delimited = has(Location::Query, ParamStyle::SpaceDelimited)
        || has(Location::Query, ParamStyle::PipeDelimited);
    let query_form = (has(Location::Query, ParamStyle::Form) || query_delimited).then(|| {
        quote! {
            /// The query string of a request, pair by pair. Names and values are
            /// percent-encoded by `percent-encoding`: every byte but RFC 3986's unreserved
            /// characters (so a space is `%20`), save RFC 3986's reserved characters in the
            /// values of a parameter that allows them (`allowReserved`).
            #[derive(Default)]
            pub(crate) struct Query {
                text: String,
            }

            /// What a query name or value keeps as it is: RFC 3986's unreserved characters.
            const QUERY: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
                .remove(b'-')
                .remove(b'.')
                .remove(b'_')
                .remove(b'~');

            /// What a value with `allowReserved` keeps as it is: unreserved and reserved
            /// characters (all but `#`, which would end the URL's query).
            const QUERY_RESERVED: &percent_encoding::AsciiSet = &QUERY
                .remove(b':').remove(b'/').remove(b'?').remove(b'[').remove(b']').remove(b'@')
                .remove(b'!').remove(b'$').remove(b'&').remove(b'\'').remove(b'(').remove(b')')
                .remove(b'*').remove(b'+').remove(b',').remove(b';').remove(b'=');

            impl Query {
                /// Adds the pairs one parameter gives.
                pub(crate) fn append(&mut self, pairs: Vec<(String, String)>, allow_reserved: bool) {
                    let value_set = if allow_reserved { QUERY_RESERVED } else { QUERY };
                    for (name, value) in pairs {
                        if !self.text.is_empty() {
                            self.text.push('&');
                        }
                        self.text.extend(percent_encoding::utf8_percent_encode(&name, QUERY));
                        self.text.push('=');
                        self.text.extend(percent_encoding::utf8_percent_encode(&value, value_set));
                    }
                }

                /// Adds the query to `url`, after any query the base URL has.
                pub(crate) fn set_on(self, url: &mut reqwest::Url) {
                    if self.text.is_empty() {
                        return;
                    }
                    let query = match url.query().filter(|q| !q.is_empty()) {
                        Some(base) => format!("{base}&{}", self.text),
                        None => self.text,
                    };
                    url.set_query(Some(&query));
                }
            }

            /// A query parameter in `form` style: exploded, `name=a&name=b` and an object's
            /// properties as pairs of their own; otherwise `name=a,b` and `name=key,value`.
            pub(crate) fn query_form<T: serde::Serialize + ?Sized>(
                name: &str,
                explode: bool,
                value: &T,
            ) -> Vec<(String, String)> {
                match parts(value) {
                    Parts::One(v) => vec![(name.to_string(), v)],
                    Parts::List(items) if explode => {
                        items.into_iter().map(|v| (name.to_string(), v)).collect()
                    }
                    Parts::Object(properties) if explode => properties,
                    other => vec![(name.to_string(), other.flatten().join(","))],
                }
            }
        }
    });
    let query_delimited = query_delimited.then(|| {
        quote! {
            /// A query parameter in `spaceDelimited` or `pipeDelimited` style: items joined
            /// by the delimiter (exploded, as `form`).
            pub(crate) fn query_delimited<T: serde::Serialize + ?Sized>(
                name: &str,
                delimiter: &str,
                explode: bool,
                value: &T,
            ) -> Vec<(String, String)> {
                if explode {
                    return query_form(name, true, value);
                }
                vec![(name.to_string(), parts(value).flatten().join(delimiter))]
            }
        }
    });
    let query_deep = has(Location::Query, ParamStyle::DeepObject).then(|| {
        quote! {
            /// A query parameter in `deepObject` style: `name[key]=value` for each property.
            pub(crate) fn query_deep<T: serde::Serialize + ?Sized>(
                name: &str,
                value: &T,
            ) -> Vec<(String, String)> {
                match parts(value) {
                    Parts::Object(properties) => properties
                        .into_iter()
                        .map(|(key, v)| (format!("{name}[{key}]"), v))
                        .collect(),
                    Parts::List(items) => items.into_iter().map(|v| (name.to_string(), v)).collect(),
                    Parts::One(v) => vec![(name.to_string(), v)],
                }
            }
        }
    });
    let path_simple = has(Location::Path, ParamStyle::Simple).then(|| {
        quote! {
            /// A path parameter in `simple` style: `a,b`, `key,value` or (exploded) `key=value`,
            /// every value percent-encoded.
            pub(crate) fn path_simple<T: serde::Serialize + ?Sized>(explode: bool, value: &T) -> String {
                parts(value).encoded(explode, ",", encode_segment)
            }
        }
    });
    let path_label = has(Location::Path, ParamStyle::Label).then(|| {
        quote! {
            /// A path parameter in `label` style: `.a`, `.a,b`, or (exploded) `.a.b` and `.key=value`.
            pub(crate) fn path_label<T: serde::Serialize + ?Sized>(explode: bool, value: &T) -> String {
                let separator = if explode { "." } else { "," };
                format!(".{}", parts(value).encoded(explode, separator, encode_segment))
            }
        }
    });
    let path_matrix = has(Location::Path, ParamStyle::Matrix).then(|| {
        quote! {
            /// A path parameter in `matrix` style: `;name=a`, `;name=a,b`, or (exploded)
            /// `;name=a;name=b` and `;key=value`.
            pub(crate) fn path_matrix<T: serde::Serialize + ?Sized>(name: &str, explode: bool, value: &T) -> String {
                let name = encode_segment(name);
                match parts(value) {
                    Parts::List(items) if explode => items
                        .iter()
                        .map(|v| format!(";{name}={}", encode_segment(v)))
                        .collect(),
                    Parts::Object(properties) if explode => properties
                        .iter()
                        .map(|(key, v)| format!(";{}={}", encode_segment(key), encode_segment(v)))
                        .collect(),
                    Parts::One(v) if v.is_empty() => format!(";{name}"),
                    other => format!(";{name}={}", other.encoded(false, ",", encode_segment)),
                }
            }
        }
    });
    let header_simple = has(Location::Header, ParamStyle::Simple).then(|| {
        quote! {
            /// A header parameter (`simple` style): `a,b`, `key,value` or (exploded) `key=value`.
            pub(crate) fn header_simple<T: serde::Serialize + ?Sized>(explode: bool, value: &T) -> String {
                parts(value).encoded(explode, ",", str::to_string)
            }
        }
    });
    let cookie_form = has(Location::Cookie, ParamStyle::Form).then(|| {
        quote! {
            /// What a cookie value cannot hold as it is: controls, space, `"`, `%`, `,`, `;`, `\`.
            const COOKIE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
                .add(b' ')
                .add(b'"')
                .add(b'%')
                .add(b',')
                .add(b';')
                .add(b'\\');

            fn encode_cookie(value: &str) -> String {
                percent_encoding::utf8_percent_encode(value, COOKIE).to_string()
            }

            /// A cookie parameter (`form` style): `name=a`; a list `name=a,b` or (exploded) one
            /// `name=…` cookie per item; an object `name=key,value` or (exploded) `key=value` cookies.
            pub(crate) fn cookie_form<T: serde::Serialize + ?Sized>(
                cookies: &mut Vec<String>,
                name: &str,
                explode: bool,
                value: &T,
            ) {
                match parts(value) {
                    Parts::List(items) if explode => cookies.extend(
                        items.iter().map(|v| format!("{name}={}", encode_cookie(v))),
                    ),
                    Parts::Object(properties) if explode => cookies.extend(
                        properties
                            .iter()
                            .map(|(key, v)| format!("{key}={}", encode_cookie(v))),
                    ),
                    other => cookies.push(format!("{name}={}", other.encoded(false, ",", encode_cookie))),
                }
            }
        }
    });
    quote! {
        /// A parameter value as OpenAPI's styles see it: one value, a list of values,
        /// or an object's properties (each written by [`param_value`]).
        pub(crate) enum Parts {
            One(String),
            List(Vec<String>),
            Object(Vec<(String, String)>),
        }

        // Not every client uses every style.
        #[allow(dead_code)]
        impl Parts {
            /// Every value, and every property as key then value, in order.
            fn flatten(self) -> Vec<String> {
                match self {
                    Parts::One(v) => vec![v],
                    Parts::List(items) => items,
                    Parts::Object(properties) => properties
                        .into_iter()
                        .flat_map(|(key, v)| [key, v])
                        .collect(),
                }
            }

            /// Values encoded by `encode` and joined by `separator`; an exploded object's
            /// properties as `key=value`.
            fn encoded(self, explode: bool, separator: &str, encode: fn(&str) -> String) -> String {
                match self {
                    Parts::Object(properties) if explode => properties
                        .iter()
                        .map(|(key, v)| format!("{}={}", encode(key), encode(v)))
                        .collect::<Vec<_>>()
                        .join(separator),
                    other => other
                        .flatten()
                        .iter()
                        .map(|v| encode(v))
                        .collect::<Vec<_>>()
                        .join(separator),
                }
            }
        }

        /// Splits a value through its own `Serialize`: an array into its items, an object
        /// into its properties in the order it writes them (absent ones left out),
        /// anything else into one value.
        pub(crate) fn parts<T: serde::Serialize + ?Sized>(value: &T) -> Parts {
            let Ok(text) = serde_json::to_string(value) else {
                return Parts::One(String::new());
            };
            if text.starts_with('{') {
                if let Ok(Properties(properties)) = serde_json::from_str(&text) {
                    return Parts::Object(
                        properties
                            .iter()
                            .filter(|(_, v)| !v.is_null())
                            .map(|(key, v)| (key.clone(), param_value(v)))
                            .collect(),
                    );
                }
            }
            match serde_json::from_str(&text) {
                Ok(serde_json::Value::Array(items)) => Parts::List(items.iter().map(param_value).collect()),
                Ok(other) => Parts::One(param_value(&other)),
                Err(_) => Parts::One(String::new()),
            }
        }

        /// A JSON object's properties in the order they are written (`serde_json`'s map sorts them).
        struct Properties(Vec<(String, serde_json::Value)>);

        impl<'de> serde::Deserialize<'de> for Properties {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;

                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = Properties;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a JSON object")
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Properties, A::Error> {
                        let mut properties = Vec::new();
                        while let Some(entry) = map.next_entry()? {
                            properties.push(entry);
                        }
                        Ok(Properties(properties))
                    }
                }

                deserializer.deserialize_map(Visitor)
            }
        }

        #query_form
        #query_delimited
        #query_deep
        #path_simple
        #path_label
        #path_matrix
        #header_simple
        #cookie_form
    }
}

pub fn runtime(needs: &RuntimeNeeds) -> TokenStream {
    let type_helpers = super::types::runtime_helpers(&needs.types);
    let encode_segment = needs.path_params.then(|| {
        quote! {
        /// Every byte but RFC 3986's unreserved characters is percent-encoded in a
        /// path segment, so no value can add a segment, a query or a fragment.
        const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');

        /// A parameter value as one path segment: every byte but RFC 3986's
        /// unreserved characters is percent-encoded.
        pub(crate) fn encode_segment(value: &str) -> String {
            percent_encoding::utf8_percent_encode(value, SEGMENT).to_string()
        }

        }
    });
    let form_pairs = needs.form_bodies.then(|| {
        quote! {
            /// How one property of a form body is written (its `encoding`).
            // Which of these a document's bodies use varies.
            #[allow(dead_code)]
            #[derive(Debug, Clone, Copy)]
            pub(crate) enum FormStyle {
                /// `form`, exploded: a list as `name=a&name=b`, an object's properties
                /// as pairs of their own.
                Exploded,
                /// `form`, not exploded: `name=a,b` and `name=key,value`.
                Flat,
                /// `spaceDelimited` or `pipeDelimited`: a list's items joined by the delimiter.
                Delimited(&'static str),
                /// `deepObject`: `name[key]=value`, nested objects as `name[key][sub]=value`
                /// and list items as `name[0]=value` (OpenAPI leaves lists open; this is
                /// what Stripe and Rails read).
                Deep,
            }

            /// The pairs of an `application/x-www-form-urlencoded` body: each property
            /// in the style its `encoding` gives (`styles`), else `form` exploded, in
            /// the order the type writes them; `null` is an empty value. reqwest
            /// encodes the pairs.
            pub(crate) fn form_pairs<T: serde::Serialize>(
                body: &T,
                styles: &[(&str, FormStyle)],
            ) -> Vec<(String, String)> {
                use serde_json::Value;
                let Ok(Value::Object(properties)) = serde_json::to_value(body) else {
                    return Vec::new();
                };
                let joined = |items: &[Value], separator: &str| {
                    items.iter().map(param_value).collect::<Vec<_>>().join(separator)
                };
                let mut pairs = Vec::new();
                for (name, value) in properties {
                    let style = styles
                        .iter()
                        .find(|(property, _)| *property == name)
                        .map_or(FormStyle::Exploded, |(_, style)| *style);
                    match (style, value) {
                        (FormStyle::Deep, value) => deep_pairs(&name, &value, &mut pairs),
                        (FormStyle::Exploded, Value::Array(items)) => {
                            pairs.extend(items.iter().map(|v| (name.clone(), param_value(v))));
                        }
                        (FormStyle::Exploded, Value::Object(fields)) => {
                            pairs.extend(fields.iter().map(|(k, v)| (k.clone(), param_value(v))));
                        }
                        (FormStyle::Flat, Value::Array(items)) => pairs.push((name, joined(&items, ","))),
                        (FormStyle::Flat, Value::Object(fields)) => {
                            let flat: Vec<String> = fields
                                .iter()
                                .flat_map(|(k, v)| [k.clone(), param_value(v)])
                                .collect();
                            pairs.push((name, flat.join(",")));
                        }
                        (FormStyle::Delimited(d), Value::Array(items)) => pairs.push((name, joined(&items, d))),
                        (_, value) => pairs.push((name, param_value(&value))),
                    }
                }
                pairs
            }

            /// `name[key]=value` for every leaf of a `deepObject` value.
            fn deep_pairs(name: &str, value: &serde_json::Value, pairs: &mut Vec<(String, String)>) {
                match value {
                    serde_json::Value::Object(fields) => {
                        for (key, v) in fields {
                            deep_pairs(&format!("{name}[{key}]"), v, pairs);
                        }
                    }
                    serde_json::Value::Array(items) => {
                        for (i, v) in items.iter().enumerate() {
                            deep_pairs(&format!("{name}[{i}]"), v, pairs);
                        }
                    }
                    other => pairs.push((name.to_string(), param_value(other))),
                }
            }
        }
    });
    let param_value = (needs.params || needs.value_parts || needs.form_bodies).then(|| {
        quote! {
        /// How one value is written in a path, query, header or cookie: a string as
        /// it is, a number or boolean as JSON writes it, and anything else (an object
        /// inside a list, say) as its JSON text. One rule for every type, through the
        /// type's own `Serialize`, so enums, dates and UUIDs are written exactly as
        /// they are in a JSON body.
        pub(crate) fn param_value(value: &serde_json::Value) -> String {
            match value {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            }
        }
        }
    });
    let param_helpers = param_helpers(&needs.param_styles);
    let request_builder = needs.operations.then(|| {
        quote! {
            /// What every request builder in `operations.rs` has alike: a header or a
            /// timeout for one request, `send`, and `.await`. Each builder writes its
            /// own `build_request` and `read_response`.
            macro_rules! request_builder {
                ($builder:ident, $ok:ty, $error:ty) => {
                    impl $builder<'_> {
                        /// Adds a header to this request only.
                        pub fn header(
                            mut self,
                            name: reqwest::header::HeaderName,
                            value: reqwest::header::HeaderValue,
                        ) -> Self {
                            self.options.headers.push((name, value));
                            self
                        }

                        /// Sets a timeout for this request only.
                        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                            self.options.timeout = Some(timeout);
                            self
                        }

                        /// Sends the request and reads the response.
                        pub async fn send(self) -> Result<ResponseValue<$ok>, Error<$error>> {
                            let raw = execute(self.build_request()?).await?;
                            Self::read_response(raw)
                        }
                    }

                    impl<'a> std::future::IntoFuture for $builder<'a> {
                        type Output = Result<ResponseValue<$ok>, Error<$error>>;
                        type IntoFuture = BoxFuture<'a, Self::Output>;

                        fn into_future(self) -> Self::IntoFuture {
                            Box::pin(self.send())
                        }
                    }
                };
            }
            pub(crate) use request_builder;
        }
    });
    let json_text = needs.json_params.then(|| {
        quote! {
            /// The JSON text of a parameter described by JSON `content`.
            pub(crate) fn json_text<T: serde::Serialize + ?Sized>(value: &T) -> String {
                serde_json::to_string(value).unwrap_or_default()
            }
        }
    });
    let header_value = needs.response_headers.then(|| {
        quote! {
            /// A response header as the type the document declares it with; `None` when
            /// it is absent or does not parse.
            pub(crate) fn header_value<T: std::str::FromStr>(headers: &reqwest::header::HeaderMap, name: &str) -> Option<T> {
                headers.get(name)?.to_str().ok()?.trim().parse().ok()
            }
        }
    });
    let operation_server = needs.operation_servers.then(|| {
        quote! {
            /// Where an operation with servers of its own sends requests: an absolute
            /// server URL as it is, a relative one on the client's host.
            pub(crate) fn operation_server<E>(client_base: &reqwest::Url, server: &str) -> Result<reqwest::Url, Error<E>> {
                client_base.join(server).map_err(|e| {
                    Error::InvalidRequest(format!("the server URL {server:?} is not valid: {e}"))
                })
            }
        }
    });
    let file_part = needs.file_parts.then(|| {
        quote! {
            /// A file sent as one part of a `multipart/form-data` body, with its file name and
            /// content type.
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub struct FilePart {
                bytes: Vec<u8>,
                file_name: Option<String>,
                content_type: Option<String>,
            }

            impl FilePart {
                /// A part holding these bytes.
                pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
                    FilePart {
                        bytes: bytes.into(),
                        file_name: None,
                        content_type: None,
                    }
                }

                /// The file name the part is sent with.
                pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
                    self.file_name = Some(file_name.into());
                    self
                }

                /// The part's content type (`image/png`); without one, the document's, if it names one.
                pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
                    self.content_type = Some(content_type.into());
                    self
                }

                pub(crate) fn into_part(self, default_type: Option<&str>) -> Result<reqwest::multipart::Part, String> {
                    let mut part = reqwest::multipart::Part::bytes(self.bytes);
                    if let Some(file_name) = self.file_name {
                        part = part.file_name(file_name);
                    }
                    match self.content_type.as_deref().or(default_type) {
                        Some(content_type) => part
                            .mime_str(content_type)
                            .map_err(|e| format!("{content_type:?} is not a content type: {e}")),
                        None => Ok(part),
                    }
                }
            }
        }
    });
    let value_part = needs.value_parts.then(|| {
        quote! {
            /// A value as one part of a `multipart/form-data` body: an object or list as
            /// `application/json`, anything else as text (the parameter rule).
            pub(crate) fn value_part<T: serde::Serialize + ?Sized>(value: &T) -> reqwest::multipart::Part {
                let text = serde_json::to_string(value).unwrap_or_default();
                if text.starts_with('{') || text.starts_with('[') {
                    reqwest::multipart::Part::text(text)
                        .mime_str("application/json")
                        .expect("application/json is a content type")
                } else {
                    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
                    reqwest::multipart::Part::text(param_value(&value))
                }
            }
        }
    });
    let string_enum = needs.string_enums.then(|| {
        quote! {
        /// Implements `as_str`-based traits for a string enum with an `Other(String)` variant.
        macro_rules! string_enum {
            ($name:ident) => {
                impl std::fmt::Display for $name {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }

                impl std::str::FromStr for $name {
                    type Err = std::convert::Infallible;

                    fn from_str(s: &str) -> Result<Self, Self::Err> {
                        Ok(Self::from(s))
                    }
                }

                impl serde::Serialize for $name {
                    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        serializer.serialize_str(self.as_str())
                    }
                }

                impl<'de> serde::Deserialize<'de> for $name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                        Ok(Self::from(s.as_ref()))
                    }
                }
            };
        }


            pub(crate) use string_enum;
        }
    });
    let integer_enum = needs.integer_enums.then(|| {
        quote! {
        /// Implements `value`-based traits for an integer enum with an `Other(i64)` variant.
        macro_rules! integer_enum {
            ($name:ident) => {
                impl std::fmt::Display for $name {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(f, "{}", self.value())
                    }
                }

                impl serde::Serialize for $name {
                    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        serializer.serialize_i64(self.value())
                    }
                }

                impl<'de> serde::Deserialize<'de> for $name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let n = <i64 as serde::Deserialize>::deserialize(deserializer)?;
                        Ok(Self::from(n))
                    }
                }
            };
        }


            pub(crate) use integer_enum;
        }
    });
    quote! {
        use std::fmt;
        use std::future::Future;
        use std::pin::Pin;

        use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
        use reqwest::StatusCode;

        /// A successful response: the decoded body, with the status and headers it came with.
        ///
        /// It dereferences to the body, so `response.field` reads the body's field;
        /// [`ResponseValue::into_inner`] takes the body out.
        #[derive(Debug, Clone, PartialEq)]
        pub struct ResponseValue<T> {
            status: StatusCode,
            headers: HeaderMap,
            body: T,
        }

        impl<T> ResponseValue<T> {
            /// The HTTP status the server answered with.
            pub fn status(&self) -> StatusCode {
                self.status
            }

            /// The response headers.
            pub fn headers(&self) -> &HeaderMap {
                &self.headers
            }

            /// The decoded body.
            pub fn body(&self) -> &T {
                &self.body
            }

            /// Takes the decoded body, dropping status and headers.
            pub fn into_inner(self) -> T {
                self.body
            }

            /// The same response with its body changed by `f`.
            pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U> {
                ResponseValue {
                    status: self.status,
                    headers: self.headers,
                    body: f(self.body),
                }
            }
        }

        impl<T> std::ops::Deref for ResponseValue<T> {
            type Target = T;

            fn deref(&self) -> &T {
                &self.body
            }
        }

        // Only clients with a download read responses unread.
        #[allow(dead_code)]
        impl ResponseValue<reqwest::Response> {
            /// A response whose body is still to be read.
            pub(crate) fn unread(response: reqwest::Response) -> Self {
                ResponseValue {
                    status: response.status(),
                    headers: response.headers().clone(),
                    body: response,
                }
            }
        }

        // Only clients with a download read responses unread.
        #[allow(dead_code)]
        impl ResponseValue<Vec<u8>> {
            /// A success where none was expected, kept whole.
            pub(crate) fn unexpected<E>(self) -> Error<E> {
                let reason = format!("status {} was not expected here", self.status.as_u16());
                Error::UnexpectedResponse(Box::new(UnexpectedResponse {
                    status: self.status,
                    headers: self.headers,
                    body: self.body,
                    reason,
                }))
            }
        }

        /// Why an operation failed.
        ///
        /// `E` is the operation's own error type: one variant for each error
        /// response its document declares.
        #[derive(Debug)]
        pub enum Error<E> {
            /// The server answered with an error status the document declares, and its body decoded.
            Api(Box<ApiError<E>>),
            /// The server answered with a status the document does not declare, or with a
            /// body that is not what the document says.
            UnexpectedResponse(Box<UnexpectedResponse>),
            /// An argument cannot be sent as it is (nothing was sent).
            InvalidRequest(String),
            /// The request could not be sent, or the response could not be read.
            Transport(reqwest::Error),
        }

        impl<E> Error<E> {
            /// The status of the response, when there was one.
            pub fn status(&self) -> Option<StatusCode> {
                match self {
                    Error::Api(e) => Some(e.status),
                    Error::UnexpectedResponse(e) => Some(e.status),
                    Error::InvalidRequest(_) => None,
                    Error::Transport(e) => e.status(),
                }
            }

            /// The headers of the response, when there was one.
            pub fn headers(&self) -> Option<&HeaderMap> {
                match self {
                    Error::Api(e) => Some(&e.headers),
                    Error::UnexpectedResponse(e) => Some(&e.headers),
                    Error::InvalidRequest(_) | Error::Transport(_) => None,
                }
            }

            /// The raw body of the response, when there was one.
            pub fn body(&self) -> Option<&[u8]> {
                match self {
                    Error::Api(e) => Some(&e.body),
                    Error::UnexpectedResponse(e) => Some(&e.body),
                    Error::InvalidRequest(_) | Error::Transport(_) => None,
                }
            }

            /// The declared error, when the response was one.
            pub fn api_error(&self) -> Option<&E> {
                match self {
                    Error::Api(e) => Some(&e.error),
                    _ => None,
                }
            }
        }

        impl<E: fmt::Debug> fmt::Display for Error<E> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    Error::Api(e) => write!(f, "the server answered {}: {:?}", e.status, e.error),
                    Error::UnexpectedResponse(e) => {
                        write!(f, "unexpected response {}: {}", e.status, e.reason)
                    }
                    Error::InvalidRequest(message) => write!(f, "invalid request: {message}"),
                    Error::Transport(e) => write!(f, "request failed: {e}"),
                }
            }
        }

        impl<E: fmt::Debug> std::error::Error for Error<E> {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    Error::Transport(e) => Some(e),
                    _ => None,
                }
            }
        }

        impl<E> From<reqwest::Error> for Error<E> {
            fn from(e: reqwest::Error) -> Self {
                // The URL may carry credentials in its query; errors never show it.
                Error::Transport(e.without_url())
            }
        }

        /// An error response the document declares, decoded.
        #[derive(Debug, Clone)]
        pub struct ApiError<E> {
            pub status: StatusCode,
            pub headers: HeaderMap,
            /// The body as it arrived.
            pub body: Vec<u8>,
            /// The body, decoded.
            pub error: E,
        }

        /// A response the document does not describe.
        #[derive(Debug, Clone)]
        pub struct UnexpectedResponse {
            pub status: StatusCode,
            pub headers: HeaderMap,
            /// The body as it arrived.
            pub body: Vec<u8>,
            /// Why it was not expected.
            pub reason: String,
        }

        impl UnexpectedResponse {
            /// The body as text, with invalid UTF-8 replaced.
            pub fn body_text(&self) -> std::borrow::Cow<'_, str> {
                String::from_utf8_lossy(&self.body)
            }
        }

        /// A credential. `Debug` never shows it.
        #[derive(Clone, PartialEq, Eq)]
        pub struct Secret(String);

        impl Secret {
            pub fn new(value: impl Into<String>) -> Self {
                Secret(value.into())
            }

            // Unused when no operation sends a credential of this kind.
            #[allow(dead_code)]
            pub(crate) fn expose(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for Secret {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("Secret(***)")
            }
        }

        /// Per-request settings every operation builder takes.
        #[derive(Debug, Clone, Default)]
        pub(crate) struct RequestOptions {
            pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
            pub(crate) timeout: Option<std::time::Duration>,
        }

        impl RequestOptions {
            pub(crate) fn apply(self, mut request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
                for (name, value) in self.headers {
                    request = request.header(name, value);
                }
                if let Some(timeout) = self.timeout {
                    request = request.timeout(timeout);
                }
                request
            }
        }

        /// The future an operation builder turns into with `.await`.
        pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

        #request_builder

        /// A response read to its end, not yet decoded.
        pub(crate) struct RawResponse {
            pub(crate) status: StatusCode,
            headers: HeaderMap,
            body: Vec<u8>,
        }

        // Not every client uses every kind of response.
        #[allow(dead_code)]
        impl RawResponse {
            pub(crate) async fn read(response: reqwest::Response) -> Result<Self, reqwest::Error> {
                let status = response.status();
                let headers = response.headers().clone();
                let body = response.bytes().await?.to_vec();
                Ok(RawResponse { status, headers, body })
            }

            fn value<T, E>(self, body: T) -> Result<ResponseValue<T>, Error<E>> {
                Ok(ResponseValue {
                    status: self.status,
                    headers: self.headers,
                    body,
                })
            }

            /// A success whose body is JSON of type `T`.
            pub(crate) fn json<T: serde::de::DeserializeOwned, E>(self) -> Result<ResponseValue<T>, Error<E>> {
                match serde_json::from_slice(&self.body) {
                    Ok(body) => self.value(body),
                    Err(e) => Err(self.unexpected_because(format!("the body is not the JSON the document describes: {e}"))),
                }
            }

            /// A success without a body (any body is ignored).
            pub(crate) fn empty<E>(self) -> Result<ResponseValue<()>, Error<E>> {
                self.value(())
            }

            /// A success whose body is text.
            pub(crate) fn text<E>(self) -> Result<ResponseValue<String>, Error<E>> {
                match String::from_utf8(self.body.clone()) {
                    Ok(text) => self.value(text),
                    Err(e) => Err(self.unexpected_because(format!("the body is not UTF-8 text: {e}"))),
                }
            }

            /// A success whose body is bytes.
            pub(crate) fn bytes<E>(self) -> Result<ResponseValue<Vec<u8>>, Error<E>> {
                let body = self.body.clone();
                self.value(body)
            }

            /// One of several successes whose body is JSON of type `T`, as the outcome `variant` makes.
            pub(crate) fn json_as<T: serde::de::DeserializeOwned, U, E>(
                self,
                variant: impl FnOnce(T) -> U,
            ) -> Result<ResponseValue<U>, Error<E>> {
                self.json::<T, E>().map(|v| v.map(variant))
            }

            /// One of several successes whose body is text.
            pub(crate) fn text_as<U, E>(self, variant: impl FnOnce(String) -> U) -> Result<ResponseValue<U>, Error<E>> {
                self.text().map(|v| v.map(variant))
            }

            /// One of several successes whose body is bytes.
            pub(crate) fn bytes_as<U, E>(self, variant: impl FnOnce(Vec<u8>) -> U) -> Result<ResponseValue<U>, Error<E>> {
                self.bytes().map(|v| v.map(variant))
            }

            /// One of several successes without a body.
            pub(crate) fn empty_as<U, E>(self, outcome: U) -> Result<ResponseValue<U>, Error<E>> {
                self.value(outcome)
            }

            /// A declared error whose body is JSON of type `T`.
            pub(crate) fn json_error<T: serde::de::DeserializeOwned, R, E>(
                self,
                variant: impl FnOnce(T) -> E,
            ) -> Result<R, Error<E>> {
                match serde_json::from_slice(&self.body) {
                    Ok(body) => Err(self.api_error(variant(body))),
                    Err(e) => Err(self.unexpected_because(format!(
                        "the error body is not the JSON the document describes: {e}"
                    ))),
                }
            }

            /// A declared error whose body is text.
            pub(crate) fn text_error<R, E>(self, variant: impl FnOnce(String) -> E) -> Result<R, Error<E>> {
                let text = String::from_utf8_lossy(&self.body).into_owned();
                Err(self.api_error(variant(text)))
            }

            /// A declared error without a body.
            pub(crate) fn empty_error<R, E>(self, error: E) -> Result<R, Error<E>> {
                Err(self.api_error(error))
            }

            fn api_error<E>(self, error: E) -> Error<E> {
                Error::Api(Box::new(ApiError {
                    status: self.status,
                    headers: self.headers,
                    body: self.body,
                    error,
                }))
            }

            /// A status the document does not declare.
            pub(crate) fn unexpected<R, E>(self) -> Result<R, Error<E>> {
                let reason = format!("the document declares no response with status {}", self.status.as_u16());
                Err(self.unexpected_because(reason))
            }

            fn unexpected_because<E>(self, reason: String) -> Error<E> {
                Error::UnexpectedResponse(Box::new(UnexpectedResponse {
                    status: self.status,
                    headers: self.headers,
                    body: self.body,
                    reason,
                }))
            }
        }

        /// Sends a request and reads the whole response.
        pub(crate) async fn execute<E>(request: reqwest::RequestBuilder) -> Result<RawResponse, Error<E>> {
            let response = send_request(request).await?;
            Ok(RawResponse::read(response).await?)
        }

        /// Sends a request. Its `Cookie` headers (from cookie parameters, a cookie
        /// credential, or [`header`](reqwest::RequestBuilder::header) calls) go as one
        /// header, as RFC 6265 asks of a client.
        pub(crate) async fn send_request<E>(request: reqwest::RequestBuilder) -> Result<reqwest::Response, Error<E>> {
            let (http, request) = request.build_split();
            let mut request = request?;
            let headers = request.headers_mut();
            if headers.get_all(reqwest::header::COOKIE).iter().nth(1).is_some() {
                let joined = headers
                    .get_all(reqwest::header::COOKIE)
                    .iter()
                    .map(|v| v.as_bytes())
                    .collect::<Vec<_>>()
                    .join(&b"; "[..]);
                if let Ok(value) = reqwest::header::HeaderValue::from_bytes(&joined) {
                    headers.insert(reqwest::header::COOKIE, value);
                }
            }
            Ok(http.execute(request).await?)
        }

        #encode_segment
        #operation_server
        #header_value
        #json_text
        #form_pairs
        /// Appends encoded path segments to a base URL.
        pub(crate) fn build_url<E>(base: &reqwest::Url, segments: &[&str]) -> Result<reqwest::Url, Error<E>> {
            if base.cannot_be_a_base() {
                return Err(Error::InvalidRequest(format!("the base URL {base} cannot take a path")));
            }
            let mut path = base.path().trim_end_matches('/').to_string();
            for segment in segments {
                // `.` and `..` would move up the path, and an empty segment changes it.
                if matches!(*segment, "." | "..") || segment.is_empty() {
                    return Err(Error::InvalidRequest(format!(
                        "{segment:?} cannot be sent as a path segment"
                    )));
                }
                path.push('/');
                path.push_str(segment);
            }
            let mut url = base.clone();
            url.set_path(&path);
            Ok(url)
        }

        #param_value
        #param_helpers
        #file_part
        #value_part

        #string_enum
        #integer_enum
        #type_helpers
    }
}
