//! The adapter: what the generated crate exposes, read from the model and the
//! uses analysis, as [`Item`]s. This is the one file that knows how the model
//! is shaped and what the emitter makes of it (`impl Into<String>` for a
//! string argument, `Option<Option<T>>` for an optional nullable field a
//! request holds, `new` of a sent struct's required fields); a change to
//! either is a change here, which `tests/api_description.rs` checks against
//! the generated code itself.

use super::text::{Item, Kind};
use crate::model::{
    BodyKind, ChoiceOption, EnumRepr, Field, Location, Model, Multipart, Operation, PartValue,
    Primitive, ResponseBody, Security, SecurityKind, StatusMatch, StreamMethod, Struct, Tagging,
    TypeDef, TypeKind, TypeRef,
};
use crate::uses::Uses;
use std::collections::HashSet;

/// Whether the emitter marks an enum of this kind `#[non_exhaustive]`.
/// Open enums of values and operations' error enums are: the server may
/// send a new value, or a new error, before the crate is regenerated, and
/// a caller's `match` needs an arm for it either way.
fn non_exhaustive(kind: Kind) -> bool {
    matches!(kind, Kind::Enum | Kind::Errors)
}

/// Every item of the crate's public API.
pub fn items(model: &Model, uses: &Uses) -> Vec<Item> {
    let mut out = Vec::new();
    client_items(model, uses, &mut out);
    for (i, op) in model.operations.iter().enumerate() {
        operation_items(model, i, op, &mut out);
    }
    let directions = Directions::of(model);
    let defaults = crate::emit::defaultable(model);
    for t in &model.types {
        let default = defaults.get(t.name.as_str()).copied().unwrap_or(false);
        type_items(t, &directions, default, &mut out);
    }
    out
}

fn client_items(model: &Model, uses: &Uses, out: &mut Vec<Item>) {
    if let Some(url) = &model.default_server {
        out.push(Item::new(Kind::DefaultServer, "Client::new", "Client::new()").wire(url));
    }
    for s in &model.servers {
        out.push(Item::new(Kind::Server, &s.template, "").wire(&s.url));
    }
    if let Some(s) = model.servers.iter().find(|s| !s.variables.is_empty()) {
        let args: Vec<String> = s
            .variables
            .iter()
            .map(|v| format!("{}: Option<&str>", v.name))
            .collect();
        let wire: Vec<String> = s
            .variables
            .iter()
            .map(|v| match v.values.is_empty() {
                true => format!("{}={}", v.wire_name, v.default),
                false => format!("{}={} in {}", v.wire_name, v.default, v.values.join("|")),
            })
            .collect();
        out.push(
            Item::new(
                Kind::ServerUrl,
                "Client::server_url",
                format!("({})", args.join(", ")),
            )
            .wire(format!("{} {}", s.template, wire.join(" "))),
        );
    }
    for s in &model.security_schemes {
        let wire = match &s.kind {
            SecurityKind::Bearer => "Authorization: Bearer".to_string(),
            SecurityKind::Basic => "Authorization: Basic".to_string(),
            SecurityKind::ApiKeyHeader(h) => format!("header {h}"),
            SecurityKind::ApiKeyQuery(q) => format!("query {q}"),
            SecurityKind::ApiKeyCookie(c) => format!("cookie {c}"),
        };
        let (args, provider) = match s.kind {
            SecurityKind::Basic => (
                "(username: impl Into<String>, password: Option<String>)",
                false,
            ),
            _ => ("(token: impl Into<String>)", true),
        };
        let setter = format!("Client::{}", s.setter);
        out.push(Item::new(Kind::Credential, setter, args).wire(&wire));
        if provider {
            let key = format!("Client::{}", s.provider_setter);
            let args = "(provider: impl CredentialProvider)";
            out.push(Item::new(Kind::Credential, key, args).wire(&wire));
        }
    }
    for f in &uses.features {
        out.push(Item::new(Kind::Feature, f.name.to_string(), ""));
    }
    for g in &model.groups {
        let key = format!("Client::{}", g.method_name);
        let rust = format!("() -> {}", g.type_name);
        out.push(Item::new(Kind::Group, key, rust).wire(&g.tag));
    }
}

/// How a caller reaches an operation's method: `Client::list_pets`, or
/// through its group, `Client::pets().list_pets`.
fn method_path(model: &Model, op: &Operation, method: &str) -> String {
    match op.group {
        None => format!("Client::{method}"),
        Some(g) => format!("Client::{}().{method}", model.groups[g].method_name),
    }
}

fn operation_items(model: &Model, index: usize, op: &Operation, out: &mut Vec<Item>) {
    let name = op.type_name.as_str();
    let mut args: Vec<String> = Vec::new();
    for p in &op.params {
        let key = format!("{name}::{}", p.name);
        let wire = format!("{} {}", location(p.location), p.wire_name);
        if p.required {
            args.push(p.name.to_string());
            out.push(Item::new(Kind::Arg, key, arg_type(&p.ty)).wire(wire));
        } else {
            out.push(Item::new(Kind::Setter, key, arg_type(&p.ty)).wire(wire));
        }
    }
    if let Some(body) = &op.body {
        let key = format!("{name}::body");
        let wire = format!("body {}", body.media_type);
        let ty = body_arg_type(&body.kind);
        if body.required {
            args.push("body".into());
            out.push(Item::new(Kind::Arg, key, ty).wire(wire));
        } else {
            out.push(Item::new(Kind::Setter, key, ty).wire(wire));
        }
        body_type_items(&body.kind, out);
    }
    if let Some(first) = op.servers.first() {
        let key = format!("{name}::server");
        out.push(Item::new(Kind::Setter, key, "Url").wire(&first.url));
    }
    let call = format!(
        "{}({})",
        method_path(model, op, op.method_name.as_str()),
        args.join(", ")
    );
    let wire = format!("{} {}", op.http_method, op.path);
    out.push(Item::new(Kind::Op, name, call).wire(wire));
    if op.deprecated {
        out.push(Item::new(Kind::Deprecated, name, ""));
    }
    if let Some(Some(f)) = model.features.operations.get(index) {
        let feature = &model.features.list[*f].name;
        out.push(Item::new(Kind::Cfg, name, format!("feature = {feature:?}")));
    }
    out.push(returns(op));
    out.push(Item::new(Kind::Sends, name, "").wire(sends(model, &op.security)));
    stream_items(model, op, out);
    if let Some(p) = &op.pagination {
        out.push(Item::new(Kind::Pages, name, ty(&p.item)));
    }
    if let Some(j) = &op.job {
        let wire = format!("{} in {}", j.status_at, j.terminal.join("|"));
        out.push(Item::new(Kind::Wait, name, "").wire(wire));
    }
    response_enums(op, out);
    headers_items(model, op, out);
}

/// What `.await` on an operation's builder gives, and its success statuses.
fn returns(op: &Operation) -> Item {
    let success = match (&op.outcome, op.stream.as_ref().map(|s| &s.method)) {
        (_, Some(StreamMethod::Own)) => {
            let event = op.stream.as_ref().map(|s| ty(&s.event)).unwrap_or_default();
            format!("EventStream<{event}>")
        }
        (Some(outcome), _) => outcome.to_string(),
        (None, _) => match op.success_body() {
            ResponseBody::Empty => "()".into(),
            ResponseBody::Json(t) => ty(&t),
            ResponseBody::Text => "String".into(),
            ResponseBody::Bytes => "Vec<u8>".into(),
        },
    };
    let rust = format!("Result<ResponseValue<{success}>, Error<{}>>", op.error_type);
    let statuses: Vec<String> = op.success.iter().map(|r| status(r.status)).collect();
    Item::new(Kind::Returns, op.type_name.as_str(), rust).wire(statuses.join(" "))
}

fn stream_items(model: &Model, op: &Operation, out: &mut Vec<Item>) {
    let Some(stream) = &op.stream else {
        return;
    };
    if let StreamMethod::Twin(twin) = &stream.method {
        let call = format!(
            "{}(body) -> EventStream<{}>",
            method_path(model, op, twin.method_name.as_str()),
            ty(&stream.event)
        );
        out.push(Item::new(Kind::Stream, op.type_name.as_str(), call));
    }
}

fn response_enums(op: &Operation, out: &mut Vec<Item>) {
    let errors = op.error_type.as_str();
    out.push(Item::new(Kind::Errors, errors, "read"));
    if non_exhaustive(Kind::Errors) {
        out.push(Item::new(Kind::NonExhaustive, errors, ""));
    }
    for r in &op.errors {
        let payload = match &r.body {
            ResponseBody::Json(t) => format!("({})", ty(t)),
            ResponseBody::Text => "(String)".into(),
            ResponseBody::Empty | ResponseBody::Bytes => String::new(),
        };
        let key = format!("{errors}::{}", r.variant);
        out.push(Item::new(Kind::Error, key, payload).wire(status(r.status)));
    }
    let Some(outcome) = &op.outcome else {
        return;
    };
    out.push(Item::new(Kind::Outcomes, outcome.as_str(), "read"));
    for r in &op.success {
        let payload = match &r.body {
            ResponseBody::Json(t) => format!("({})", ty(t)),
            ResponseBody::Text => "(String)".into(),
            ResponseBody::Bytes => "(Vec<u8>)".into(),
            ResponseBody::Empty => String::new(),
        };
        let key = format!("{outcome}::{}", r.variant);
        out.push(Item::new(Kind::Outcome, key, payload).wire(status(r.status)));
    }
}

fn headers_items(model: &Model, op: &Operation, out: &mut Vec<Item>) {
    let Some(name) = &op.headers_type else {
        return;
    };
    let owner = format!("for {}", op.type_name);
    out.push(Item::new(Kind::Headers, name.as_str(), owner));
    for h in &op.response_headers {
        let t = if crate::uses::header_parses(model, &h.ty) {
            ty(&h.ty)
        } else {
            "String".into()
        };
        let key = format!("{name}::{}", h.name);
        out.push(Item::new(Kind::Header, &key, format!("Option<{t}>")).wire(&h.wire_name));
        if h.deprecated {
            out.push(Item::new(Kind::Deprecated, key, ""));
        }
    }
}

/// The multipart struct and media-type enum a body is built as.
fn body_type_items(kind: &BodyKind, out: &mut Vec<Item>) {
    match kind {
        BodyKind::Multipart(m) => multipart_items(m, out),
        BodyKind::Choice(c) => {
            let name = c.type_name.as_str();
            out.push(Item::new(Kind::BodyEnum, name, "built"));
            for ChoiceOption {
                variant,
                media_type,
                kind,
            } in &c.options
            {
                let key = format!("{name}::{variant}");
                let payload = format!("({})", body_type(kind));
                out.push(Item::new(Kind::Media, key, payload).wire(media_type));
                body_type_items(kind, out);
            }
        }
        _ => {}
    }
}

fn multipart_items(m: &Multipart, out: &mut Vec<Item>) {
    let name = m.type_name.as_str();
    out.push(Item::new(Kind::Multipart, name, "built").wire(&m.media_type));
    for f in &m.fields {
        let t = match &f.value {
            PartValue::File => "FilePart".to_string(),
            PartValue::Files => "Vec<FilePart>".to_string(),
            PartValue::Value(t) => ty(t),
        };
        let t = if f.required {
            t
        } else {
            format!("Option<{t}>")
        };
        let key = format!("{name}::{}", f.name);
        out.push(Item::new(Kind::Part, key, t).wire(&f.wire_name));
    }
}

fn type_items(t: &TypeDef, directions: &Directions, default: bool, out: &mut Vec<Item>) {
    let name = t.name.as_str();
    let direction = directions.words(name);
    if t.deprecated {
        out.push(Item::new(Kind::Deprecated, name, ""));
    }
    match &t.kind {
        TypeKind::Struct(s) => struct_items(name, s, &direction, default, out),
        TypeKind::Enum(e) => {
            out.push(Item::new(Kind::Enum, name, format!("open {direction}")));
            if non_exhaustive(Kind::Enum) {
                out.push(Item::new(Kind::NonExhaustive, name, ""));
            }
            for v in &e.variants {
                let key = format!("{name}::{}", v.name);
                out.push(Item::new(Kind::Value, key, "").wire(&v.value));
            }
            let other = match e.repr {
                EnumRepr::String => "(String)",
                EnumRepr::Integer => "(i64)",
            };
            let key = format!("{name}::{}", e.other);
            out.push(Item::new(Kind::Value, key, other).wire("any other value"));
        }
        TypeKind::Union(u) => {
            let tagging = match &u.tagging {
                Tagging::Untagged => "untagged".to_string(),
                Tagging::Tag { property, .. } => format!("tagged({property})"),
            };
            out.push(Item::new(
                Kind::Union,
                name,
                format!("{tagging} {direction}"),
            ));
            for v in &u.variants {
                let inner = ty(&v.ty);
                let payload = match v.boxed {
                    true => format!("(Box<{inner}>)"),
                    false => format!("({inner})"),
                };
                let key = format!("{name}::{}", v.name);
                out.push(Item::new(Kind::Variant, key, payload).wire(v.tags.join("|")));
            }
            if let Tagging::Tag { other, .. } = &u.tagging {
                let key = format!("{name}::{other}");
                out.push(Item::new(Kind::Variant, key, "(Value)").wire("any other tag"));
            }
        }
        TypeKind::Alias(a) => out.push(Item::new(Kind::Alias, name, ty(a))),
    }
}

fn struct_items(name: &str, s: &Struct, direction: &str, default: bool, out: &mut Vec<Item>) {
    out.push(Item::new(Kind::Struct, name, direction));
    if default {
        out.push(Item::new(Kind::Default, name, "Default"));
    }
    let required: Vec<&Field> = s.fields.iter().filter(|f| !f.optional()).collect();
    if s.sent && !required.is_empty() {
        let args: Vec<String> = required
            .iter()
            .map(|f| {
                let t = match &f.ty {
                    TypeRef::Primitive(Primitive::String) if !f.boxed => {
                        "impl Into<String>".to_string()
                    }
                    t => ty(t),
                };
                format!("{}: {t}", f.name)
            })
            .collect();
        out.push(Item::new(Kind::New, name, format!("({})", args.join(", "))));
    }
    for f in &s.fields {
        let key = format!("{name}::{}", f.name);
        out.push(Item::new(Kind::Field, &key, field_type(f)).wire(&f.wire_name));
        if f.deprecated {
            out.push(Item::new(Kind::Deprecated, key, ""));
        }
    }
    if let Some(a) = &s.additional {
        let key = format!("{name}::{}", s.additional_name);
        let t = format!("BTreeMap<String, {}>", ty(a));
        out.push(Item::new(Kind::Field, key, t).wire("any other property"));
    }
}

/// A field's Rust type: boxed where it closes a cycle, optional where it
/// may be absent or null, `Option<Option<T>>` where a request must tell the two apart.
fn field_type(f: &Field) -> String {
    let (inner, nullable) = match &f.ty {
        TypeRef::Nullable(inner) => (inner.as_ref(), true),
        other => (other, f.nullable),
    };
    let mut t = ty(inner);
    if f.boxed {
        t = format!("Box<{t}>");
    }
    if nullable {
        t = format!("Option<{t}>");
    }
    if !f.required && (!nullable || f.tri_state) {
        t = format!("Option<{t}>");
    }
    t
}

/// A type as code names it, without module paths (`Vec<Pet>`, `DateTime<Utc>`).
pub fn ty(t: &TypeRef) -> String {
    match t {
        TypeRef::Named(n) => n.to_string(),
        TypeRef::Primitive(p) => primitive(*p).to_string(),
        TypeRef::Array(inner) => format!("Vec<{}>", ty(inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", ty(inner)),
        TypeRef::Nullable(inner) => format!("Option<{}>", ty(inner)),
        TypeRef::JsonObject => "Map<String, Value>".into(),
        TypeRef::Json => "Value".into(),
    }
}

fn primitive(p: Primitive) -> &'static str {
    match p {
        Primitive::String => "String",
        Primitive::Bool => "bool",
        Primitive::I32 => "i32",
        Primitive::I64 => "i64",
        Primitive::U32 => "u32",
        Primitive::U64 => "u64",
        Primitive::F32 => "f32",
        Primitive::F64 => "f64",
        Primitive::DateTime => "DateTime<Utc>",
        Primitive::Date => "NaiveDate",
        Primitive::Uuid => "Uuid",
        Primitive::Base64 => "Base64",
    }
}

/// The type of a method argument or setter: strings through `Into`.
fn arg_type(t: &TypeRef) -> String {
    match t {
        TypeRef::Primitive(Primitive::String) => "impl Into<String>".into(),
        t => ty(t),
    }
}

fn body_type(kind: &BodyKind) -> String {
    match kind {
        BodyKind::Json(t) | BodyKind::Form(t, _) => ty(t),
        BodyKind::Text => "String".into(),
        BodyKind::Bytes => "Body".into(),
        BodyKind::Multipart(m) => m.type_name.to_string(),
        BodyKind::Choice(c) => c.type_name.to_string(),
    }
}

fn body_arg_type(kind: &BodyKind) -> String {
    match kind {
        BodyKind::Text => "impl Into<String>".into(),
        BodyKind::Bytes => "impl Into<Body>".into(),
        other => body_type(other),
    }
}

fn location(l: Location) -> &'static str {
    match l {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Cookie => "cookie",
    }
}

fn status(s: StatusMatch) -> String {
    match s {
        StatusMatch::Code(c) => c.to_string(),
        StatusMatch::Range(d) => format!("{d}XX"),
        StatusMatch::Default => "default".into(),
    }
}

/// Which credentials an operation sends: alternatives of scheme sets.
fn sends(model: &Model, security: &Security) -> String {
    match security {
        Security::Unspecified => "every credential set".into(),
        Security::None => "none".into(),
        Security::Required(alternatives) => {
            let mut alts: Vec<String> = alternatives
                .iter()
                .map(|set| {
                    let mut names: Vec<&str> = set
                        .iter()
                        .filter_map(|&i| model.security_schemes.get(i))
                        .map(|s| s.name.as_str())
                        .collect();
                    names.sort_unstable();
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join("+")
                    }
                })
                .collect();
            alts.sort();
            alts.dedup();
            alts.join(" | ")
        }
    }
}

/// Which named types callers build (a request can hold them) and which they
/// read (a response can hold them).
struct Directions<'m> {
    built: HashSet<&'m str>,
    read: HashSet<&'m str>,
}

impl<'m> Directions<'m> {
    fn of(model: &'m Model) -> Self {
        let mut sent: Vec<&TypeRef> = Vec::new();
        let mut received: Vec<&TypeRef> = Vec::new();
        for op in &model.operations {
            sent.extend(op.params.iter().map(|p| &p.ty));
            if let Some(b) = &op.body {
                sent.extend(b.kind.types());
            }
            for r in op.success.iter().chain(&op.errors) {
                if let ResponseBody::Json(t) = &r.body {
                    received.push(t);
                }
            }
            received.extend(op.response_headers.iter().map(|h| &h.ty));
            received.extend(op.stream.iter().map(|s| &s.event));
            received.extend(op.pagination.iter().map(|p| &p.item));
        }
        Directions {
            built: reach(model, sent),
            read: reach(model, received),
        }
    }

    /// `built`, `read`, both or `unused`.
    fn words(&self, name: &str) -> String {
        match (self.built.contains(name), self.read.contains(name)) {
            (true, true) => "built read".into(),
            (true, false) => "built".into(),
            (false, true) => "read".into(),
            (false, false) => "unused".into(),
        }
    }
}

/// The named types reachable from `roots` through fields, variants and aliases.
fn reach<'m>(model: &'m Model, mut todo: Vec<&'m TypeRef>) -> HashSet<&'m str> {
    let mut seen = HashSet::new();
    while let Some(t) = todo.pop() {
        match t {
            TypeRef::Named(n) => {
                let Some(def) = model.find_type(n) else {
                    continue;
                };
                if !seen.insert(def.name.as_str()) {
                    continue;
                }
                match &def.kind {
                    TypeKind::Struct(s) => {
                        todo.extend(s.fields.iter().map(|f| &f.ty));
                        todo.extend(s.additional.iter());
                    }
                    TypeKind::Union(u) => todo.extend(u.variants.iter().map(|v| &v.ty)),
                    TypeKind::Alias(a) => todo.push(a),
                    TypeKind::Enum(_) => {}
                }
            }
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                todo.push(inner)
            }
            TypeRef::Primitive(_) | TypeRef::JsonObject | TypeRef::Json => {}
        }
    }
    seen
}
