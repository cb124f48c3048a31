//! What operations become: methods with their parameters, body, responses,
//! credentials and servers.

use super::{Server, TypeRef};
use crate::diag::Pointer;
use crate::naming::RustIdent;

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The client method's name, `snake_case`, unique.
    pub method_name: RustIdent,
    /// The `UpperCamelCase` stem for the operation's own types (`GenerateImage`),
    /// and the name of its request builder in `operations.rs`.
    pub type_name: RustIdent,
    /// The enum of its declared error responses (`GenerateImageError`), in `operations.rs`.
    pub error_type: RustIdent,
    pub operation_id: Option<String>,
    /// `GET`, `POST`, …
    pub http_method: String,
    /// The path template as written (`/api/models/{id}`).
    pub path: String,
    pub segments: Vec<Segment>,
    pub pointer: Pointer,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub params: Vec<Parameter>,
    pub body: Option<RequestBody>,
    /// 2xx responses.
    pub success: Vec<Response>,
    /// Declared non-2xx responses, each decoded into its own error variant.
    pub errors: Vec<Response>,
    pub security: Security,
    /// Which status goes to which of `success` and `errors`, in match order.
    pub statuses: super::status::StatusPlan,
    /// When the 2xx responses have different bodies: the enum (in `operations.rs`)
    /// with a variant for each, named by status.
    pub outcome: Option<RustIdent>,
    /// One variant of the error enum, or of the outcome enum, is far larger
    /// than the others (`model::graph::sizes`).
    pub large_error_variant: bool,
    pub large_outcome_variant: bool,
    /// The document's tags for the operation; the first is its group, when
    /// operations are grouped.
    pub tags: Vec<String>,
    /// The index of its group in [`super::Model::groups`]; `None`: a method of the client.
    pub group: Option<usize>,
    /// The headers the 2xx responses declare, to be read from a response into
    /// the struct [`Operation::headers_type`] names.
    pub response_headers: Vec<ResponseHeader>,
    /// The name of that struct (in `operations.rs`), when there are headers.
    pub headers_type: Option<RustIdent>,
    /// The operation's own servers (or its path's), overriding the client's
    /// base URL; the first is where requests go. Empty: the client's.
    pub servers: Vec<Server>,
    /// Whether its requests carry an idempotency key, which lets a POST or
    /// PATCH be retried.
    pub idempotency: Idempotency,
    /// Its successes are (or can be) a stream of server-sent events.
    pub stream: Option<super::EventStream>,
    /// Its results come in pages, followed by `.pages()` and `.items()`.
    pub pagination: Option<super::Pagination>,
    /// It reads the status of a job, which `.wait()` polls until it ends.
    pub job: Option<super::JobStatus>,
}

/// Whether an operation's requests carry an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Idempotency {
    /// No key: its method may be retried without one (GET, PUT, DELETE, …),
    /// or it is one the client never retries.
    None,
    /// A POST or PATCH: it carries a key when the client sends keys on every
    /// POST and PATCH (or when the caller set one).
    Optional,
    /// It declares an idempotency header parameter (this wire name): every
    /// call gets a fresh key unless the caller sets one.
    Declared(String),
}

impl Idempotency {
    /// What an operation of this method (upper case) with these parameters
    /// does: a header parameter named `Idempotency-Key` in any case is
    /// declared; else a POST or PATCH may carry one.
    pub fn of(http_method: &str, params: &[Parameter]) -> Idempotency {
        let declared = params.iter().find(|p| {
            p.location == Location::Header && p.wire_name.eq_ignore_ascii_case("idempotency-key")
        });
        match declared {
            Some(p) => Idempotency::Declared(p.wire_name.clone()),
            None if matches!(http_method, "POST" | "PATCH") => Idempotency::Optional,
            None => Idempotency::None,
        }
    }
}

impl Operation {
    /// Whether the parameter `param` (its index) is a wildcard segment of
    /// the path, which stands for any number of segments.
    pub fn is_wildcard(&self, param: usize) -> bool {
        self.segments
            .iter()
            .any(|s| s.pieces.contains(&Piece::Wildcard(param)))
    }

    /// The body type of every success: the one all 2xx responses share, or
    /// any JSON value when they differ (and [`Operation::outcome`] names the enum that
    /// tells them apart).
    pub fn success_body(&self) -> ResponseBody {
        let mut bodies = self.success.iter().map(|r| &r.body);
        let Some(first) = bodies.next() else {
            return ResponseBody::Empty;
        };
        if bodies.all(|b| b == first) {
            first.clone()
        } else {
            ResponseBody::Json(TypeRef::Json)
        }
    }
}

/// One `/`-separated piece of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Literal(String),
    /// Index into the operation's `params`.
    Param(usize),
    /// A wildcard (`*rest`, a whole segment): the parameter at this index
    /// into `params` is the rest of the path, one segment per `/`-separated
    /// piece.
    Wildcard(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The Rust argument name.
    pub name: RustIdent,
    /// The name on the wire.
    pub wire_name: String,
    pub location: Location,
    pub ty: TypeRef,
    pub required: bool,
    pub doc: Option<String>,
    /// False for a path parameter that the template uses but the document never declares.
    pub declared: bool,
    /// How arrays and objects are written (`style`), with the document's default for the location.
    pub style: ParamStyle,
    /// `explode`: each item or property its own pair (or segment, or cookie).
    pub explode: bool,
    /// `allowReserved` (query): RFC 3986's reserved characters are sent as they are.
    pub allow_reserved: bool,
    /// Described by `content` with a JSON media type: the value is sent as its JSON text.
    pub json: bool,
}

/// OpenAPI's parameter `style`s; which ones a location allows is settled by the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamStyle {
    /// Query and cookie: `name=a&name=b`, or `name=a,b`.
    Form,
    /// Query: `name=a%20b`.
    SpaceDelimited,
    /// Query: `name=a|b`.
    PipeDelimited,
    /// Query: `name[key]=value`.
    DeepObject,
    /// Path and header: `a,b`.
    Simple,
    /// Path: `.a.b`, or `.a,b`.
    Label,
    /// Path: `;name=a;name=b`, or `;name=a,b`.
    Matrix,
}

/// How one property of a form body is written (its `encoding`); a property
/// not listed is `form`, exploded.
#[derive(Debug, Clone, PartialEq)]
pub struct FormEncoding {
    pub property: String,
    pub style: ParamStyle,
    pub explode: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    pub media_type: String,
    pub kind: BodyKind,
    pub required: bool,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`: an object, and the properties
    /// whose `encoding` says how they are written.
    Form(TypeRef, Vec<FormEncoding>),
    /// `multipart/form-data`: a struct of parts.
    Multipart(Multipart),
    Text,
    /// Any other media type: bytes or a stream.
    Bytes,
    /// Several media types: the caller picks one (the body's `media_type` is the preferred one).
    Choice(Choice),
}

impl BodyKind {
    /// Every type the body mentions.
    pub fn types(&self) -> Vec<&TypeRef> {
        match self {
            BodyKind::Json(t) | BodyKind::Form(t, _) => vec![t],
            BodyKind::Multipart(m) => m
                .fields
                .iter()
                .filter_map(|f| match &f.value {
                    PartValue::Value(t) => Some(t),
                    _ => None,
                })
                .collect(),
            BodyKind::Choice(c) => c.options.iter().flat_map(|o| o.kind.types()).collect(),
            BodyKind::Text | BodyKind::Bytes => Vec::new(),
        }
    }

    /// The `multipart/form-data` bodies among the body's media types.
    /// Whether the body is (or may be) `application/x-www-form-urlencoded`.
    pub fn has_form(&self) -> bool {
        match self {
            BodyKind::Form(..) => true,
            BodyKind::Choice(c) => c.options.iter().any(|o| o.kind.has_form()),
            _ => false,
        }
    }

    /// The `encoding`s of the form bodies among the body's media types.
    pub fn form_encodings(&self) -> Vec<&FormEncoding> {
        match self {
            BodyKind::Form(_, encodings) => encodings.iter().collect(),
            BodyKind::Choice(c) => c
                .options
                .iter()
                .flat_map(|o| o.kind.form_encodings())
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn multiparts(&self) -> Vec<&Multipart> {
        match self {
            BodyKind::Multipart(m) => vec![m],
            BodyKind::Choice(c) => c.options.iter().flat_map(|o| o.kind.multiparts()).collect(),
            _ => Vec::new(),
        }
    }
}

/// A `multipart/form-data` body: one part per property of its schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Multipart {
    /// The struct the caller fills (`UploadPhotoMultipart`), in `operations.rs`.
    pub type_name: RustIdent,
    /// The media type the document gives it (`multipart/form-data`, or
    /// another `multipart/*`, which is sent as `multipart/form-data`).
    pub media_type: String,
    pub fields: Vec<MultipartField>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MultipartField {
    /// The Rust field name.
    pub name: RustIdent,
    /// The part's name on the wire.
    pub wire_name: String,
    pub value: PartValue,
    pub required: bool,
    /// The part's content type from `encoding` (files only), when the caller sets none.
    pub content_type: Option<String>,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PartValue {
    /// `format: binary`: a file with a name and content type.
    File,
    /// An array of files: one part each.
    Files,
    /// A value: text for a string, number or boolean, JSON for anything else; an
    /// array of those is one part per item.
    Value(TypeRef),
}

/// The media types an operation accepts, one enum variant each.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The enum the caller picks a variant of (`UploadContent`), in `operations.rs`.
    pub type_name: RustIdent,
    pub options: Vec<ChoiceOption>,
    /// One variant is far larger than the others (`model::graph::sizes`).
    pub large_variant: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceOption {
    pub variant: RustIdent,
    pub media_type: String,
    /// Never itself a choice.
    pub kind: BodyKind,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: StatusMatch,
    /// The variant name in the operation's error enum.
    pub variant: RustIdent,
    pub body: ResponseBody,
    pub doc: Option<String>,
}

/// A header a response declares.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeader {
    /// The Rust field name.
    pub name: RustIdent,
    /// The header's name, as the document writes it.
    pub wire_name: String,
    pub ty: TypeRef,
    pub doc: Option<String>,
    pub deprecated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    Code(u16),
    /// `4XX`: the first digit.
    Range(u16),
    Default,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    Empty,
    Json(TypeRef),
    Text,
    Bytes,
}

/// Which credentials an operation sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Security {
    /// Neither the operation nor the document says: every configured credential is sent.
    Unspecified,
    /// `security: []`: nothing is sent.
    None,
    /// Alternatives, each a set of scheme names (indices into `security_schemes`).
    Required(Vec<Vec<usize>>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// The name in `components.securitySchemes`.
    pub key: String,
    /// The client's field that holds the credential (`bearer_token`, `api_key`).
    pub name: RustIdent,
    /// The client's method that sets it (`with_bearer_token`).
    pub setter: RustIdent,
    /// The client's method that sets a provider of it
    /// (`with_bearer_token_provider`); a user name and password have none.
    pub provider_setter: RustIdent,
    pub kind: SecurityKind,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecurityKind {
    /// `Authorization: Bearer …` (http bearer, oauth2, openIdConnect).
    Bearer,
    /// `Authorization: Basic …`.
    Basic,
    ApiKeyHeader(String),
    ApiKeyQuery(String),
    ApiKeyCookie(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The idempotency of each operation of a document with these `paths`.
    fn idempotency(paths: &str) -> Vec<Idempotency> {
        let text = format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {paths}\n");
        let doc = crate::load::load_str(&text).unwrap();
        let model = crate::model::build(&doc, &Default::default()).unwrap().0;
        model
            .operations
            .into_iter()
            .map(|op| op.idempotency)
            .collect()
    }

    #[test]
    fn which_operations_carry_an_idempotency_key() {
        let ok = "responses: {'204': {description: ok}}";
        let header = |name: &str, location: &str| {
            format!(
                "parameters: [{{name: {name}, in: {location}, schema: {{type: string}}}}], {ok}"
            )
        };
        // (what, paths, what each operation carries)
        let cases = [
            (
                "a POST and a PATCH may; GET, PUT, DELETE, HEAD and OPTIONS need none",
                format!("{{/a: {{post: {{{ok}}}, patch: {{{ok}}}, get: {{{ok}}}, put: {{{ok}}}, delete: {{{ok}}}, head: {{{ok}}}, options: {{{ok}}}}}}}"),
                vec![
                    Idempotency::None,
                    Idempotency::None,
                    Idempotency::None,
                    Idempotency::Optional,
                    Idempotency::None,
                    Idempotency::None,
                    Idempotency::Optional,
                ],
            ),
            (
                "Stripe's header, in any case, on any method; its wire name is kept",
                format!("{{/a: {{post: {{{}}}, get: {{{}}}}}}}", header("Idempotency-Key", "header"), header("idempotency-key", "header")),
                vec![
                    Idempotency::Declared("idempotency-key".into()),
                    Idempotency::Declared("Idempotency-Key".into()),
                ],
            ),
            (
                "a query parameter or another header of the name is no key",
                format!("{{/a: {{post: {{{}}}, put: {{{}}}}}}}", header("Idempotency-Key", "query"), header("X-Idempotency-Key", "header")),
                vec![Idempotency::None, Idempotency::Optional],
            ),
        ];
        for (what, paths, expected) in cases {
            let mut got = idempotency(&paths);
            let mut expected = expected;
            got.sort_by_key(|i| format!("{i:?}"));
            expected.sort_by_key(|i| format!("{i:?}"));
            assert_eq!(got, expected, "{what}");
        }
    }
}
