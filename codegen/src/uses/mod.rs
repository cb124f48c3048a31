//! What a client uses: the formats its types are written in, the parts of the
//! runtime it calls, the crates (and features) its code names, and what each
//! generated file imports. One pass over the whole model, made once: the
//! manifest, the runtime that is spliced in and the imports all read it, and
//! nothing else works any of it out again.

use crate::model::status::StatusTarget;
use crate::model::{
    BodyKind, EnumRepr, Location, Model, Operation, PagePattern, ParamStyle, PartValue, Piece,
    Primitive, ResponseBody, Security, SecurityKind, StreamMethod, Tagging, TypeKind, TypeRef,
};
use std::collections::BTreeSet;

mod manifest;
pub mod mock;

pub use crate::templates::RuntimePart;
pub use manifest::{Dependency, Feature};

/// Everything a client uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uses {
    /// Every format some generated code is written in.
    pub primitives: BTreeSet<Primitive>,
    /// The runtime parts, each with every part it requires.
    pub runtime: BTreeSet<RuntimePart>,
    /// The crates the manifest lists, sorted by name.
    pub dependencies: Vec<Dependency>,
    /// The crate's cargo features, `default` first.
    pub features: Vec<Feature>,
    /// The `use` paths of each generated file, sorted.
    pub client_imports: Vec<&'static str>,
    pub operations_imports: Vec<&'static str>,
    pub mock_imports: Vec<&'static str>,
    /// The typed mocks (`mock.rs`, feature `mock`); `None` without operations.
    pub mock: Option<mock::MockPlan>,
    /// Whether some operation sends each security scheme (by index), so
    /// the client has a method that applies it.
    pub schemes_sent: Vec<bool>,
}

impl Uses {
    pub fn needs(&self, part: RuntimePart) -> bool {
        self.runtime.contains(&part)
    }
}

/// Works out what `model` uses.
pub fn analyze(model: &Model) -> Uses {
    let mut runtime: BTreeSet<RuntimePart> = RuntimePart::ALWAYS.iter().copied().collect();
    let mut primitives = BTreeSet::new();
    for t in &model.types {
        types_of_kind(&t.kind, &mut |t| primitives_of(t, &mut primitives));
        runtime.extend(type_parts(model, &t.kind));
    }
    for op in &model.operations {
        operation_types(model, op, &mut |t| primitives_of(t, &mut primitives));
        runtime.extend(operation_parts(op));
    }
    if primitives.contains(&Primitive::Base64) {
        runtime.insert(RuntimePart::Base64);
    }
    let schemes_sent = schemes_sent(model);
    runtime.extend(credential_parts(model, &schemes_sent));
    let mock = mock::plan(model);
    if let Some(plan) = &mock {
        runtime.extend(mock::parts(model, plan));
    }
    let runtime = with_requirements(runtime);
    let dependencies = manifest::dependencies(model, &primitives, &runtime);
    let features = manifest::features(model, &runtime);
    let mock_imports = mock_imports(model, mock.is_some());
    let mut client_imports = Vec::new();
    let mut operations_imports = Vec::new();
    if !model.operations.is_empty() {
        // `runtime` for the client's settings.
        client_imports.extend(["super::operations", "super::runtime"]);
        operations_imports.extend(["super::client::Client", "super::runtime"]);
    } else if !model.security_schemes.is_empty() {
        client_imports.push("super::runtime");
    }
    if model.operations.iter().any(client_names_types) {
        client_imports.push("super::types");
    }
    if model.operations.iter().any(|op| {
        let mut named = false;
        operation_types(model, op, &mut |t| named |= names_types(t));
        named
    }) {
        operations_imports.push("super::types");
    }
    client_imports.sort_unstable();
    operations_imports.sort_unstable();
    Uses {
        primitives,
        runtime,
        dependencies,
        features,
        client_imports,
        operations_imports,
        mock_imports,
        mock,
        schemes_sent,
    }
}

/// What `mock.rs` imports: the client and the runtime, and the types where
/// a parameter, a JSON body or a response it takes names them.
fn mock_imports(model: &Model, mock: bool) -> Vec<&'static str> {
    if !mock {
        return Vec::new();
    }
    let mut imports = vec!["super::client::Client", "super::runtime"];
    let names = |op: &Operation| {
        op.params.iter().any(|p| names_types(&p.ty))
            || matches!(op.body.as_ref().map(|b| &b.kind), Some(BodyKind::Json(t)) if names_types(t))
            || op
                .success
                .iter()
                .chain(&op.errors)
                .any(|r| matches!(&r.body, ResponseBody::Json(t) if names_types(t)))
    };
    if model.operations.iter().any(names) {
        imports.push("super::types");
    }
    imports
}

/// `parts` and everything they require, transitively.
pub fn with_requirements(mut parts: BTreeSet<RuntimePart>) -> BTreeSet<RuntimePart> {
    let mut todo: Vec<RuntimePart> = parts.iter().copied().collect();
    while let Some(part) = todo.pop() {
        for &required in part.requires() {
            if parts.insert(required) {
                todo.push(required);
            }
        }
    }
    parts
}

fn primitives_of(t: &TypeRef, out: &mut BTreeSet<Primitive>) {
    match t {
        TypeRef::Primitive(p) => {
            out.insert(*p);
        }
        TypeRef::Array(t) | TypeRef::Map(t) | TypeRef::Nullable(t) => primitives_of(t, out),
        TypeRef::Named(_) | TypeRef::JsonObject | TypeRef::Json => {}
    }
}

/// Whether code naming this type names the `types` module (`types::Pet`,
/// `types::Base64`).
fn names_types(t: &TypeRef) -> bool {
    match t {
        TypeRef::Named(_) | TypeRef::Primitive(Primitive::Base64) => true,
        TypeRef::Array(t) | TypeRef::Map(t) | TypeRef::Nullable(t) => names_types(t),
        TypeRef::Primitive(_) | TypeRef::JsonObject | TypeRef::Json => false,
    }
}

/// Calls `f` on every type a type definition writes.
fn types_of_kind(kind: &TypeKind, f: &mut dyn FnMut(&TypeRef)) {
    match kind {
        TypeKind::Struct(s) => {
            s.fields.iter().for_each(|field| f(&field.ty));
            if let Some(a) = &s.additional {
                f(a);
            }
        }
        TypeKind::Union(u) => u.variants.iter().for_each(|v| f(&v.ty)),
        TypeKind::Alias(t) => f(t),
        TypeKind::Enum(_) => {}
    }
}

/// Calls `f` on every type an operation's code writes: its parameters, its
/// body, its responses and the response headers that keep their type.
fn operation_types(model: &Model, op: &Operation, f: &mut dyn FnMut(&TypeRef)) {
    op.params.iter().for_each(|p| f(&p.ty));
    if let Some(body) = &op.body {
        body.kind.types().into_iter().for_each(&mut *f);
    }
    for r in op.success.iter().chain(&op.errors) {
        if let ResponseBody::Json(t) = &r.body {
            f(t);
        }
    }
    if let ResponseBody::Json(t) = op.success_body() {
        f(&t);
    }
    if let Some(s) = &op.stream {
        f(&s.event);
    }
    if let Some(p) = &op.pagination {
        f(&p.item);
    }
    if op.headers_type.is_some() {
        for h in &op.response_headers {
            if header_parses(model, &h.ty) {
                f(&h.ty);
            }
        }
    }
}

/// Whether the client method of an operation names the `types` module: its
/// required parameters and required JSON or form body are its arguments.
fn client_names_types(op: &Operation) -> bool {
    // A second method for the stream takes the body whether or not it is required.
    let twin = op
        .stream
        .as_ref()
        .is_some_and(|s| matches!(s.method, StreamMethod::Twin(_)));
    op.params.iter().any(|p| p.required && names_types(&p.ty))
        || op.body.as_ref().is_some_and(|b| {
            (b.required || twin)
                && matches!(&b.kind, BodyKind::Json(t) | BodyKind::Form(t, _) if names_types(t))
        })
}

/// Whether a response header keeps its declared type (its text parses into
/// it: a primitive but bytes, or a string enum); otherwise it is a `String`.
pub fn header_parses(model: &Model, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(p) => *p != Primitive::Base64,
        TypeRef::Named(n) => model
            .find_type(n)
            .is_some_and(|t| matches!(&t.kind, TypeKind::Enum(e) if e.repr == EnumRepr::String)),
        _ => false,
    }
}

/// The schemes an operation sends when the caller configured them, by index
/// into [`Model::security_schemes`].
pub fn operation_schemes(model: &Model, op: &Operation) -> Vec<usize> {
    match &op.security {
        Security::None => Vec::new(),
        Security::Unspecified => (0..model.security_schemes.len()).collect(),
        Security::Required(alternatives) => {
            let mut all: Vec<usize> = alternatives.iter().flatten().copied().collect();
            all.sort_unstable();
            all.dedup();
            all
        }
    }
}

/// Whether some operation sends each scheme, by index.
fn schemes_sent(model: &Model) -> Vec<bool> {
    let mut sent = vec![false; model.security_schemes.len()];
    for op in &model.operations {
        for i in operation_schemes(model, op) {
            sent[i] = true;
        }
    }
    sent
}

/// The runtime parts a client's credentials need: the type of each token's
/// field, and how each scheme some operation sends is written.
fn credential_parts(model: &Model, sent: &[bool]) -> Vec<RuntimePart> {
    use RuntimePart::*;
    let mut parts = Vec::new();
    for (scheme, sent) in model.security_schemes.iter().zip(sent) {
        if scheme.kind != SecurityKind::Basic {
            parts.push(CredentialToken);
        }
        if *sent {
            parts.push(match scheme.kind {
                SecurityKind::Bearer => CredentialBearer,
                SecurityKind::ApiKeyHeader(_) => CredentialHeader,
                SecurityKind::ApiKeyQuery(_) => CredentialQuery,
                SecurityKind::ApiKeyCookie(_) => CredentialCookie,
                SecurityKind::Basic => CredentialBasic,
            });
        }
    }
    parts
}

/// The runtime parts `types.rs` calls for one type.
fn type_parts(model: &Model, kind: &TypeKind) -> Vec<RuntimePart> {
    match kind {
        TypeKind::Enum(e) => vec![match e.repr {
            EnumRepr::String => RuntimePart::StringEnum,
            EnumRepr::Integer => RuntimePart::IntegerEnum,
        }],
        TypeKind::Union(u) if matches!(u.tagging, Tagging::Tag { .. }) => {
            vec![RuntimePart::Tagged]
        }
        TypeKind::Struct(s) => {
            let mut parts = Vec::new();
            if s.fields.iter().any(|f| !f.required && f.tri_state) {
                parts.push(RuntimePart::Present);
            }
            let json = |f: &_| {
                matches!(
                    crate::model::defaults::field_default(model, f),
                    Some(crate::model::defaults::FieldDefault::Json(_))
                )
            };
            if s.fields.iter().any(json) {
                parts.push(RuntimePart::JsonDefault);
            }
            parts
        }
        TypeKind::Union(_) | TypeKind::Alias(_) => Vec::new(),
    }
}

/// The runtime parts one operation's builder calls.
fn operation_parts(op: &Operation) -> Vec<RuntimePart> {
    use RuntimePart::*;
    let mut parts = vec![Request, Send, Raw];
    let targets = op.statuses.arms.iter().map(|a| a.target);
    parts.extend(
        targets
            .chain([op.statuses.fallback])
            .map(|t| read_part(op, t)),
    );
    if op.outcome.is_none() && op.success_body() == ResponseBody::Bytes {
        parts.push(Download);
    }
    if !op.servers.is_empty() {
        parts.push(OperationServer);
    }
    if op.idempotency != crate::model::Idempotency::None {
        parts.push(RuntimePart::Idempotency);
    }
    if op.headers_type.is_some() && !op.response_headers.is_empty() {
        parts.push(HeaderValue);
    }
    let path_params = op
        .segments
        .iter()
        .flat_map(|s| &s.pieces)
        .filter_map(|p| match p {
            Piece::Param(i) => op.params.get(*i),
            Piece::Wildcard(_) | Piece::Literal(_) => None,
        });
    if op
        .segments
        .iter()
        .any(|s| s.pieces.iter().any(|p| matches!(p, Piece::Wildcard(_))))
    {
        parts.push(PathWildcard);
    }
    parts.extend(stream_parts(op));
    let others = op.params.iter().filter(|p| p.location != Location::Path);
    for p in path_params.chain(others) {
        parts.push(param_part(p.location, p.style, p.explode));
        if p.location == Location::Query && p.allow_reserved {
            parts.push(QueryReserved);
        }
        if p.json {
            parts.push(JsonText);
        }
    }
    if let Some(body) = &op.body {
        body_parts(&body.kind, &mut parts);
    }
    parts
}

/// What an operation's event stream, pages and job call.
fn stream_parts(op: &Operation) -> Vec<RuntimePart> {
    use RuntimePart::*;
    let mut parts = Vec::new();
    if let Some(s) = &op.stream {
        parts.push(if s.json { SseJson } else { SseText });
    }
    if let Some(p) = &op.pagination {
        parts.push(match p.pattern {
            PagePattern::Page { .. } => PagesPage,
            PagePattern::Cursor { .. } => PagesCursor,
            PagePattern::NextUrl { .. } => PagesNextUrl,
            PagePattern::LinkHeader => PagesLink,
        });
    }
    if op.job.is_some() {
        parts.push(Wait);
    }
    parts
}

/// The reader `read_response` calls for a target of its status plan.
fn read_part(op: &Operation, target: StatusTarget) -> RuntimePart {
    use RuntimePart::*;
    let body = |r: Option<&crate::model::Response>| r.map(|r| r.body.clone());
    match target {
        StatusTarget::Success => match op.success_body() {
            ResponseBody::Json(_) => RawJson,
            ResponseBody::Text => RawText,
            ResponseBody::Bytes => RawBytes,
            ResponseBody::Empty => RawEmpty,
        },
        StatusTarget::Outcome(i) => match body(op.success.get(i)) {
            Some(ResponseBody::Json(_)) => RawJsonAs,
            Some(ResponseBody::Text) => RawTextAs,
            Some(ResponseBody::Bytes) => RawBytesAs,
            _ => RawEmptyAs,
        },
        StatusTarget::Error(i) => match body(op.errors.get(i)) {
            Some(ResponseBody::Json(_)) => RawJsonError,
            Some(ResponseBody::Text) => RawTextError,
            _ => RawEmptyError,
        },
        StatusTarget::Unexpected => RawUnexpected,
    }
}

/// The helper that writes a parameter in its location and style.
pub fn param_part(location: Location, style: ParamStyle, explode: bool) -> RuntimePart {
    use RuntimePart::*;
    match (location, style, explode) {
        (Location::Path, ParamStyle::Label, false) => PathLabel,
        (Location::Path, ParamStyle::Label, true) => PathLabelExploded,
        (Location::Path, ParamStyle::Matrix, false) => PathMatrix,
        (Location::Path, ParamStyle::Matrix, true) => PathMatrixExploded,
        (Location::Path, _, false) => PathSimple,
        (Location::Path, _, true) => PathSimpleExploded,
        // Exploded, the delimited styles are `form`.
        (Location::Query, ParamStyle::SpaceDelimited | ParamStyle::PipeDelimited, false) => {
            QueryDelimited
        }
        (Location::Query, ParamStyle::DeepObject, _) => QueryDeep,
        (Location::Query, _, false) => QueryForm,
        (Location::Query, _, true) => QueryFormExploded,
        (Location::Header, _, false) => HeaderSimple,
        (Location::Header, _, true) => HeaderSimpleExploded,
        (Location::Cookie, _, false) => CookieForm,
        (Location::Cookie, _, true) => CookieFormExploded,
    }
}

/// The helper that writes a property of a form body in its `encoding`'s style.
pub fn form_style_part(style: ParamStyle, explode: bool) -> RuntimePart {
    use RuntimePart::*;
    match style {
        ParamStyle::DeepObject => FormDeep,
        ParamStyle::SpaceDelimited => FormSpaceDelimited,
        ParamStyle::PipeDelimited => FormPipeDelimited,
        _ if explode => Form,
        _ => FormFlat,
    }
}

fn body_parts(kind: &BodyKind, parts: &mut Vec<RuntimePart>) {
    match kind {
        BodyKind::Form(_, encodings) => {
            parts.push(RuntimePart::Form);
            parts.extend(
                encodings
                    .iter()
                    .map(|e| form_style_part(e.style, e.explode)),
            );
        }
        BodyKind::Multipart(m) => {
            for field in &m.fields {
                parts.push(match field.value {
                    PartValue::File | PartValue::Files => RuntimePart::FilePart,
                    PartValue::Value(_) => RuntimePart::ValuePart,
                });
            }
        }
        BodyKind::Choice(c) => c.options.iter().for_each(|o| body_parts(&o.kind, parts)),
        BodyKind::Json(_) | BodyKind::Text | BodyKind::Bytes => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RuntimePart::*;

    /// The model of a document with these `paths` and `components`.
    fn model(paths: &str, components: &str) -> Model {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {paths}\ncomponents: {components}\n"
        );
        let doc = crate::load::load_str(&text).unwrap();
        crate::model::build(&doc, &Default::default()).unwrap().0
    }

    fn op(operation: &str) -> String {
        format!("{{'/a/{{id}}': {{parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}], get: {operation}}}}}")
    }

    fn crates(uses: &Uses) -> Vec<&str> {
        uses.dependencies.iter().map(|d| d.name).collect()
    }

    /// What a case is, its `paths` and `components`, the parts it needs, some
    /// it does not, and its crates.
    type Case<'a> = (
        &'a str,
        String,
        &'a str,
        Vec<RuntimePart>,
        Vec<RuntimePart>,
        Vec<&'a str>,
    );

    #[test]
    fn runtime_parts_and_crates() {
        let ok = "responses: {'204': {description: ok}}";
        // (what, paths, components, parts it needs, parts it does not, crates)
        let cases: Vec<Case> = vec![
            (
                "no operations: the runtime's core only, nothing to send",
                "{}".into(),
                "{schemas: {Pet: {type: object, properties: {name: {type: string}}}}}",
                vec![Response, Error, Secret],
                vec![Request, Send, Raw, Parts, SecretExpose, Mock],
                vec!["reqwest", "serde", "serde_json"],
            ),
            (
                "a uuid response header names uuid (the header is typed)",
                op("{responses: {'200': {description: ok, headers: {X-Id: {schema: {type: string, format: uuid}}}}}}"),
                "{}",
                vec![HeaderValue, RawEmpty, RawUnexpected, PathSimple, Path, Mock, MockPath, MockRespondEmpty],
                vec![RawJson, MockQuery, MockRespondJson, MockStatusRange],
                vec!["percent-encoding", "reqwest", "serde", "serde_json", "uuid", "wiremock"],
            ),
            (
                "a query parameter not exploded, reserved characters allowed",
                op(&format!("{{parameters: [{{name: q, in: query, explode: false, allowReserved: true, schema: {{type: array, items: {{type: string}}}}}}], {ok}}}")),
                "{}",
                vec![QueryForm, QueryReserved, Query, PartsJoined, Parts, ParamValue, MockQuery],
                vec![QueryFormExploded, PartsJoinedExploded, MockHeader],
                vec!["percent-encoding", "reqwest", "serde", "serde_json", "wiremock"],
            ),
            (
                "exploded label and matrix path parameters",
                "{'/a/{x}/{y}': {get: {parameters: [{name: x, in: path, required: true, style: label, explode: true, schema: {type: string}}, {name: y, in: path, required: true, style: matrix, explode: true, schema: {type: string}}], responses: {'204': {description: ok}}}}}".into(),
                "{}",
                vec![PathLabelExploded, PathMatrixExploded, PartsJoinedExploded, PartsJoined, Path],
                vec![PathSimple, PathLabel, PathMatrix, Query],
                vec!["percent-encoding", "reqwest", "serde", "serde_json", "wiremock"],
            ),
            (
                "a form body with a deepObject property and a header, no percent-encoding",
                "{/a: {put: {parameters: [{name: X-A, in: header, schema: {type: string}}], requestBody: {content: {application/x-www-form-urlencoded: {schema: {type: object, properties: {m: {type: object}}}, encoding: {m: {style: deepObject}}}}}, responses: {'204': {description: ok}}}}}".into(),
                "{}",
                vec![Form, FormDeep, HeaderSimple, ParamValue, MockHeader],
                vec![FormFlat, FormSpaceDelimited, Path, Query, MockBodyJson, MockPath],
                vec!["reqwest", "serde", "serde_json", "wiremock"],
            ),
            (
                "a multipart file, bytes and a date: their crates and features",
                "{/a: {put: {requestBody: {content: {multipart/form-data: {schema: {type: object, properties: {f: {type: string, format: binary}, b: {type: string, format: byte}, d: {type: string, format: date}}}}}}, responses: {'204': {description: ok}}}}}".into(),
                "{}",
                vec![FilePart, ValuePart, Base64],
                vec![Form],
                vec!["base64", "chrono", "reqwest", "serde", "serde_json", "wiremock"],
            ),
            (
                "only `default` declared: a 2xx is a success, anything else the `default`",
                "{/a: {get: {responses: {default: {description: any, content: {application/json: {schema: {type: object}}}}}}}}".into(),
                "{}",
                vec![RawJson, RawJsonError, RawApiError, RawUnexpectedBecause, MockRespondJson, MockStatusRange],
                vec![RawUnexpected, MockRespondEmpty],
                vec!["reqwest", "serde", "serde_json", "wiremock"],
            ),
            (
                "several successes, a download, a server of its own",
                "{/a: {get: {servers: [{url: 'https://files.example'}], responses: {'200': {description: ok, content: {application/octet-stream: {}}}, '206': {description: part, content: {application/octet-stream: {}}}}}}}".into(),
                "{}",
                vec![RawBytes, Download, OperationServer, MockRespondBytes],
                vec![RawBytesAs, MockRespondJson],
                vec!["reqwest", "serde", "serde_json", "wiremock"],
            ),
            (
                "credentials an operation sends; enums, tagged unions, nullable and defaulted fields",
                "{/a: {put: {security: [{key: []}], requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}, responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}}}}".into(),
                "{securitySchemes: {key: {type: apiKey, in: header, name: X-Key}}, schemas: {Pet: {oneOf: [{$ref: '#/components/schemas/Dog'}, {$ref: '#/components/schemas/Cat'}], discriminator: {propertyName: kind}}, Cat: {type: object, properties: {kind: {type: string}}}, Dog: {type: object, properties: {kind: {type: string}, size: {type: integer, enum: [1, 2]}, name: {type: string, nullable: true}, age: {type: integer, default: 1}, extra: {type: object, additionalProperties: {type: integer}, default: {a: 1}}, color: {type: string, enum: [red]}}}}}",
                vec![SecretExpose, Tagged, IntegerEnum, StringEnum, Present, JsonDefault, MockBodyJson, MockRespondJson],
                vec![Base64, MockBodyText, MockBodyBytes, MockRespondText],
                vec!["reqwest", "serde", "serde_json", "wiremock"],
            ),
            (
                "defaults a literal writes need no `json_default`",
                "{/a: {get: {responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Dog'}}}}}}}}".into(),
                "{schemas: {Dog: {type: object, properties: {age: {type: integer, default: 1}, name: {type: string, default: rex}, tags: {type: array, items: {type: string}, default: []}}}}}",
                vec![],
                vec![JsonDefault],
                vec!["reqwest", "serde", "serde_json", "wiremock"],
            ),
        ];
        for (what, paths, components, needs, not, deps) in cases {
            let uses = analyze(&model(&paths, components));
            for part in needs {
                assert!(
                    uses.needs(part),
                    "{what}: {part:?} missing from {:?}",
                    uses.runtime
                );
            }
            for part in not {
                assert!(!uses.needs(part), "{what}: {part:?} is not needed");
            }
            let all = crates(&uses);
            for c in SENDING {
                assert_eq!(all.contains(&c), uses.needs(Send), "{what}: {c}");
            }
            let rest: Vec<&str> = all.into_iter().filter(|c| !SENDING.contains(c)).collect();
            assert_eq!(rest, deps, "{what}");
        }
    }

    /// The crates of every client that sends requests: the schedule of
    /// retries, its jitter, `Retry-After` dates, the waits, and the span.
    const SENDING: [&str; 5] = ["backon", "fastrand", "httpdate", "tokio", "tracing"];

    #[test]
    fn idempotency_keys_and_credentials() {
        let ok = "responses: {'204': {description: ok}}";
        let key = "{name: Idempotency-Key, in: header, schema: {type: string}}";
        let schemes = "{securitySchemes: {b: {type: http, scheme: bearer}, u: {type: http, scheme: basic}, q: {type: apiKey, in: query, name: k}, c: {type: apiKey, in: cookie, name: s}}}";
        // (what, paths, components, parts it needs, parts it does not, uuid's features)
        type Case<'a> = (
            &'a str,
            String,
            &'a str,
            Vec<RuntimePart>,
            Vec<RuntimePart>,
            Option<Vec<&'a str>>,
        );
        let cases: Vec<Case> = vec![
            (
                "a GET and a PUT carry no key",
                format!("{{/a: {{get: {{{ok}}}, put: {{{ok}}}}}}}"),
                "{}",
                vec![Send, Settings],
                vec![Idempotency, SettingsIdempotency],
                None,
            ),
            (
                "a PATCH may: uuid, for v4 keys only",
                format!("{{/a: {{patch: {{{ok}}}}}}}"),
                "{}",
                vec![Idempotency, SettingsIdempotency],
                vec![],
                Some(vec!["v4"]),
            ),
            (
                "a declared key on a GET, and a uuid parameter",
                format!("{{/a: {{get: {{parameters: [{key}, {{name: id, in: query, schema: {{type: string, format: uuid}}}}], {ok}}}}}}}"),
                "{}",
                vec![Idempotency],
                vec![],
                Some(vec!["serde", "v4"]),
            ),
            (
                "each scheme sent is written its own way; a token's field is a Credential",
                format!("{{/a: {{get: {{security: [{{b: []}}, {{u: []}}, {{q: []}}], {ok}}}}}}}"),
                schemes,
                vec![CredentialToken, CredentialsSent, CredentialBearer, CredentialBasic, CredentialQuery, SecretExpose],
                vec![CredentialHeader, CredentialCookie],
                None,
            ),
            (
                "a user name and password only: no token type",
                format!("{{/a: {{get: {{{ok}}}}}}}"),
                "{securitySchemes: {u: {type: http, scheme: basic}}}",
                vec![CredentialBasic, Credentials],
                vec![CredentialToken, CredentialsSent],
                None,
            ),
            (
                "schemes no operation sends: their types, nothing to write them",
                format!("{{/a: {{get: {{security: [], {ok}}}}}}}"),
                schemes,
                vec![CredentialToken],
                vec![CredentialsSent, CredentialBasic, CredentialBearer, SecretExpose],
                None,
            ),
        ];
        for (what, paths, components, needs, not, uuid) in cases {
            let uses = analyze(&model(&paths, components));
            for part in needs {
                assert!(
                    uses.needs(part),
                    "{what}: {part:?} missing from {:?}",
                    uses.runtime
                );
            }
            for part in not {
                assert!(!uses.needs(part), "{what}: {part:?} is not needed");
            }
            let features = uses
                .dependencies
                .iter()
                .find(|d| d.name == "uuid")
                .map(|d| d.features.clone());
            assert_eq!(features, uuid, "{what}");
        }
    }

    #[test]
    fn features_choose_tls_pass_reqwests_through_and_trace_where_requests_are_sent() {
        let names = |uses: &Uses| {
            uses.features
                .iter()
                .map(|f| f.name.clone())
                .collect::<Vec<_>>()
        };
        let sending = analyze(&model(
            "{/a: {get: {responses: {'204': {description: ok}}}}}",
            "{}",
        ));
        assert_eq!(
            names(&sending),
            [
                "default",
                "brotli",
                "gzip",
                "http2",
                "native-tls",
                "rustls",
                "stream",
                "tracing",
                "mock"
            ]
        );
        assert_eq!(sending.features[0].enables, ["rustls"]);
        let tracing = sending
            .features
            .iter()
            .find(|f| f.name == "tracing")
            .unwrap();
        assert_eq!(tracing.enables, ["dep:tracing"]);
        let dep = sending
            .dependencies
            .iter()
            .find(|d| d.name == "tracing")
            .unwrap();
        assert!(dep.optional);
        let reqwest = sending
            .dependencies
            .iter()
            .find(|d| d.name == "reqwest")
            .unwrap();
        assert_eq!((reqwest.version, reqwest.default_features), ("0.13", false));
        assert_eq!(reqwest.features, ["json"]);
        let quiet = analyze(&model("{}", "{}"));
        assert!(!names(&quiet).contains(&"tracing".to_string()));
        // A form body needs reqwest's `form`.
        let form = analyze(&model(
            "{/a: {post: {requestBody: {content: {application/x-www-form-urlencoded: {schema: {type: object}}}}, responses: {'204': {description: ok}}}}}",
            "{}",
        ));
        let reqwest = form
            .dependencies
            .iter()
            .find(|d| d.name == "reqwest")
            .unwrap();
        assert_eq!(reqwest.features, ["json", "form"]);
    }

    #[test]
    fn security_that_sends_nothing_needs_no_credential() {
        let uses = analyze(&model(
            "{/a: {get: {security: [], responses: {'204': {description: ok}}}}}",
            "{securitySchemes: {key: {type: apiKey, in: header, name: X-Key}}}",
        ));
        assert!(!uses.needs(SecretExpose));
        assert_eq!(uses.client_imports, ["super::operations", "super::runtime"]);
    }

    #[test]
    fn imports_follow_what_each_file_names() {
        // A required body of a named type is an argument of the client's method.
        let uses = analyze(&model(
            "{/a: {post: {requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}, responses: {'204': {description: ok}}}}}",
            "{schemas: {Pet: {type: object}}}",
        ));
        assert_eq!(
            uses.client_imports,
            ["super::operations", "super::runtime", "super::types"]
        );
        assert_eq!(
            uses.operations_imports,
            ["super::client::Client", "super::runtime", "super::types"]
        );
        // Bytes are `types::Base64`, wherever they are named.
        let uses = analyze(&model(
            "{/a: {get: {parameters: [{name: b, in: query, required: true, schema: {type: string, format: byte}}], responses: {'204': {description: ok}}}}}",
            "{}",
        ));
        assert!(uses.client_imports.contains(&"super::types"));
        assert!(uses.operations_imports.contains(&"super::types"));
        let none = analyze(&model("{}", "{}"));
        assert!(none.client_imports.is_empty() && none.operations_imports.is_empty());
    }

    #[test]
    fn every_requirement_is_closed_over() {
        for &part in RuntimePart::ALL {
            let closed = with_requirements(BTreeSet::from([part]));
            for p in &closed {
                for r in p.requires() {
                    assert!(closed.contains(r), "{part:?}: {p:?} requires {r:?}");
                }
            }
        }
    }
}
