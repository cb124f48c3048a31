//! Stage 2, model: the document lowered into plain data.
//!
//! Every `$ref` is resolved and every type, field, variant, operation and
//! argument has its final Rust name here, before any token is made. The
//! emitter only reads this data; tests can look at it directly.

mod dedupe;
mod operation;
mod schema;

use crate::diag::{Error, Pointer, Warning};
use crate::load::Document;

pub use operation::build_operations;

/// The whole client, as data.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub title: String,
    /// The API's version (`info.version`).
    pub version: String,
    pub description: Option<String>,
    /// The OpenAPI version the document declared.
    pub openapi: String,
    /// The first absolute server URL, with variables at their defaults.
    pub default_server: Option<String>,
    /// All servers the document lists, for the docs.
    pub servers: Vec<Server>,
    pub security_schemes: Vec<SecurityScheme>,
    /// Every named type, sorted by name.
    pub types: Vec<TypeDef>,
    /// Every operation, in document order.
    pub operations: Vec<Operation>,
    /// Operations grouped by tag ([`group_by_tag`]); empty unless asked for,
    /// when every operation is a method of the client itself.
    pub groups: Vec<Group>,
}

/// The operations of one tag, reached through a method of the client
/// (`client.pets().list_pets()`).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The tag as the document writes it.
    pub tag: String,
    /// The client's method that opens the group (`pets`).
    pub method_name: String,
    /// The struct the method returns (`PetsApi`).
    pub type_name: String,
    /// The tag's description.
    pub doc: Option<String>,
    /// Indices into [`Model::operations`], in document order.
    pub operations: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The URL with every variable at its default.
    pub url: String,
    pub description: Option<String>,
    /// The URL as written, `{variable}`s and all.
    pub template: String,
    pub variables: Vec<ServerVariable>,
}

/// A `{variable}` of a server URL.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    /// The name in the template.
    pub wire_name: String,
    /// The Rust argument name.
    pub name: String,
    pub default: String,
    /// The values allowed, when the document lists them.
    pub values: Vec<String>,
    pub doc: Option<String>,
}

impl TypeKind {
    /// Calls `f` on every use of a type in this one: fields, variants, the aliased type.
    pub fn for_each_type_ref_mut(&mut self, f: &mut dyn FnMut(&mut TypeRef)) {
        match self {
            TypeKind::Struct(s) => {
                s.fields.iter_mut().for_each(|field| f(&mut field.ty));
                if let Some(a) = &mut s.additional {
                    f(a);
                }
            }
            TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| f(&mut v.ty)),
            TypeKind::Alias(a) => f(a),
            TypeKind::Enum(_) => {}
        }
    }
}

/// A named Rust type made from a schema.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: String,
    /// Where the schema is.
    pub pointer: Pointer,
    pub doc: Option<String>,
    pub deprecated: bool,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    /// `pub type Name = …;`
    Alias(TypeRef),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// Properties not listed, kept in a map of this value type.
    pub additional: Option<TypeRef>,
    /// The Rust name of the field that holds them.
    pub additional_name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The Rust name (may be a raw identifier, `r#type`).
    pub name: String,
    /// The JSON property name.
    pub wire_name: String,
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: bool,
    pub doc: Option<String>,
    pub deprecated: bool,
    /// Boxed to break a cycle of types that contain each other.
    pub boxed: bool,
    /// Optional and nullable: `Option<Option<T>>`, so that absent (`None`),
    /// `null` (`Some(None)`) and a value (`Some(Some(v))`) all round-trip.
    pub tri_state: bool,
    /// The document's `default`, as JSON: filled in when a response omits
    /// the field, never sent unless the caller sets it.
    pub default: Option<serde_json::Value>,
    /// `readOnly`: the server sends it; a request need not.
    pub read_only: bool,
    /// `writeOnly`: a request sends it; a response need not.
    pub write_only: bool,
}

impl Field {
    /// Whether the Rust type is an `Option`.
    pub fn optional(&self) -> bool {
        !self.required || self.nullable
    }
}

/// A closed set of string or integer values, kept open: values the document
/// does not list decode into `Other`.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub variants: Vec<EnumVariant>,
    /// The name of the catch-all variant that keeps an unlisted value.
    pub other: String,
    pub repr: EnumRepr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    String,
    Integer,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub name: String,
    /// The value as JSON text: `in-progress` for strings, `3` for integers.
    pub value: String,
}

/// `oneOf` / `anyOf`: one of several types.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// In the order decoding tries them (untagged), or the document's (tagged).
    pub variants: Vec<UnionVariant>,
    pub tagging: Tagging,
}

/// How a JSON value picks its variant.
#[derive(Debug, Clone, PartialEq)]
pub enum Tagging {
    /// The first variant, in order, that the value decodes into.
    Untagged,
    /// `discriminator`: the string in `property` names the variant (each
    /// variant's `tags`). The tag stays in the value, so a variant struct that
    /// lists the property as a field still gets it. A tag no variant has
    /// decodes into the catch-all variant `other`, which keeps the raw JSON.
    Tag { property: String, other: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub name: String,
    pub ty: TypeRef,
    /// Boxed to break a cycle of types that contain each other.
    pub boxed: bool,
    /// Tagged unions: the discriminator values that pick this variant.
    pub tags: Vec<String>,
    /// Untagged unions: this variant is an open enum and a later variant also
    /// takes strings, so only the enum's listed values pick it; a value that
    /// would land in the enum's catch-all variant (named here) goes on.
    pub known_values_only: Option<String>,
}

/// A use of a type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    Named(String),
    Primitive(Primitive),
    Array(Box<TypeRef>),
    /// A JSON object with values of one type.
    Map(Box<TypeRef>),
    /// A value that may be `null`.
    Nullable(Box<TypeRef>),
    /// Any JSON object.
    JsonObject,
    /// Any JSON value.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Primitive {
    String,
    Bool,
    I32,
    I64,
    U32,
    U64,
    F32,
    F64,
    DateTime,
    Date,
    Uuid,
    /// `format: byte`: base64 text on the wire, bytes in Rust.
    Base64,
}

impl TypeRef {
    /// Named types this one mentions directly (not through `Vec` or a map).
    pub fn direct_names(&self) -> Vec<&str> {
        match self {
            TypeRef::Named(n) => vec![n.as_str()],
            TypeRef::Nullable(inner) => inner.direct_names(),
            _ => Vec::new(),
        }
    }
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The client method's name, `snake_case`, unique.
    pub method_name: String,
    /// The `UpperCamelCase` stem for the operation's own types (`GenerateImage`).
    pub type_name: String,
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
    /// When the 2xx responses have different bodies: the enum (in `operations.rs`)
    /// with a variant for each, named by status.
    pub outcome: Option<String>,
    /// The document's tags for the operation; the first is its group, when
    /// operations are grouped.
    pub tags: Vec<String>,
    /// The index of its group in [`Model::groups`]; `None`: a method of the client.
    pub group: Option<usize>,
    /// The headers the 2xx responses declare, to be read from a response into
    /// the struct [`Operation::headers_type`] names.
    pub response_headers: Vec<ResponseHeader>,
    /// The name of that struct (in `operations.rs`), when there are headers.
    pub headers_type: Option<String>,
    /// The operation's own servers (or its path's), overriding the client's
    /// base URL; the first is where requests go. Empty: the client's.
    pub servers: Vec<Server>,
}

impl Operation {
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
    pub name: String,
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
    pub type_name: String,
    pub fields: Vec<MultipartField>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MultipartField {
    /// The Rust field name.
    pub name: String,
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
    pub type_name: String,
    pub options: Vec<ChoiceOption>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceOption {
    pub variant: String,
    pub media_type: String,
    /// Never itself a choice.
    pub kind: BodyKind,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: StatusMatch,
    /// The variant name in the operation's error enum.
    pub variant: String,
    pub body: ResponseBody,
    pub doc: Option<String>,
}

/// A header a response declares.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeader {
    /// The Rust field name.
    pub name: String,
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
    /// The Rust field and setter stem (`bearer_token`, `api_key`).
    pub name: String,
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

/// Builds the model of a loaded document.
pub fn build(doc: &Document) -> Result<(Model, Vec<Warning>), Error> {
    let mut warnings = doc.warnings.clone();
    let mut ctx = schema::Lowering::new(doc, &mut warnings)?;
    ctx.lower_components()?;
    let security_schemes = operation::security_schemes(doc, &mut ctx)?;
    let operations = build_operations(doc, &mut ctx, &security_schemes)?;
    let types = ctx.finish(&operations)?;

    let info = &doc.api.info;
    let servers: Vec<Server> = doc.api.servers.iter().map(server).collect();
    let default_server = servers
        .iter()
        .map(|s| s.url.clone())
        .find(|u| url::Url::parse(u).is_ok_and(|u| !u.cannot_be_a_base()));
    let mut model = Model {
        title: info.title.clone(),
        version: info.version.clone(),
        description: info.description.clone(),
        openapi: doc.version.clone(),
        default_server,
        servers,
        security_schemes,
        types,
        operations,
        groups: Vec::new(),
    };
    dedupe::merge_identical_types(&mut model);
    Ok((model, warnings))
}

/// A server of the document, an operation or a path.
fn server(s: &openapiv3::Server) -> Server {
    Server {
        url: server_url(s),
        description: s.description.clone(),
        template: s.url.clone(),
        variables: server_variables(s),
    }
}

/// The variables a server URL uses, in the order the template uses them.
fn server_variables(server: &openapiv3::Server) -> Vec<ServerVariable> {
    let Some(vars) = &server.variables else {
        return Vec::new();
    };
    let mut used: Vec<(usize, &String, &openapiv3::ServerVariable)> = vars
        .iter()
        .filter_map(|(name, var)| {
            server
                .url
                .find(&format!("{{{name}}}"))
                .map(|at| (at, name, var))
        })
        .collect();
    used.sort_by_key(|(at, _, _)| *at);
    let mut names = crate::naming::NameSet::new();
    used.into_iter()
        .map(|(_, name, var)| ServerVariable {
            wire_name: name.clone(),
            name: names.claim_with(&crate::naming::field_name(name), |b, n| format!("{b}_{n}")),
            default: var.default.clone(),
            values: var.enumeration.clone(),
            doc: var.description.clone(),
        })
        .collect()
}

/// A server URL with each `{variable}` replaced by its default.
fn server_url(server: &openapiv3::Server) -> String {
    let mut url = server.url.clone();
    if let Some(vars) = &server.variables {
        for (name, var) in vars {
            url = url.replace(&format!("{{{name}}}"), &var.default);
        }
    }
    url
}

/// Groups the operations of `model` by their first tag, in the order the
/// document's `tags` lists them (then in order of first use). An operation
/// without a tag stays a method of the client. Each group is opened by a
/// client method named after the tag, which never takes a name the client
/// already has.
pub fn group_by_tag(model: &mut Model, doc: &Document) {
    use crate::naming::{self, NameSet};
    let declared = doc.api.tags.iter().map(|t| t.name.as_str());
    let used = model
        .operations
        .iter()
        .filter_map(|o| o.tags.first().map(String::as_str));
    let mut order: Vec<&str> = Vec::new();
    for tag in declared.chain(used) {
        if !order.contains(&tag)
            && model
                .operations
                .iter()
                .any(|o| o.tags.first().map(String::as_str) == Some(tag))
        {
            order.push(tag);
        }
    }
    let mut methods = NameSet::new();
    for reserved in operation::CLIENT_METHODS {
        methods.reserve(reserved);
    }
    for op in model.operations.iter().filter(|o| o.tags.is_empty()) {
        methods.reserve(&op.method_name);
    }
    for s in &model.security_schemes {
        methods.reserve(&format!("with_{}", s.name));
        methods.reserve(&format!("apply_{}", s.name));
    }
    let mut types = NameSet::new();
    types.reserve("Client");
    let groups: Vec<Group> = order
        .iter()
        .map(|tag| {
            let method_name = methods.claim_with(&naming::field_name(tag), |b, n| {
                if n == 2 {
                    format!("{b}_api")
                } else {
                    format!("{b}_api{n}")
                }
            });
            Group {
                tag: tag.to_string(),
                type_name: types.claim(&format!("{}Api", naming::type_name(tag))),
                method_name,
                doc: doc
                    .api
                    .tags
                    .iter()
                    .find(|t| t.name == *tag)
                    .and_then(|t| t.description.clone()),
                operations: Vec::new(),
            }
        })
        .collect();
    model.groups = groups;
    for (i, op) in model.operations.iter_mut().enumerate() {
        op.group = op
            .tags
            .first()
            .and_then(|t| model.groups.iter().position(|g| &g.tag == t));
        if let Some(g) = op.group {
            model.groups[g].operations.push(i);
        }
    }
}

impl Model {
    /// How docs link to an operation's method: `Client::list_pets`, or the
    /// method of its group.
    pub fn method_link(&self, op: &Operation) -> String {
        match op.group {
            None => format!("Client::{}", op.method_name),
            Some(g) => format!(
                "super::client::{}::{}",
                self.groups[g].type_name, op.method_name
            ),
        }
    }

    /// Calls `f` on every use of a type: in types, parameters, bodies,
    /// responses and response headers.
    pub fn for_each_type_ref_mut(&mut self, f: &mut dyn FnMut(&mut TypeRef)) {
        for t in &mut self.types {
            t.kind.for_each_type_ref_mut(f);
        }
        self.for_each_operation_type_ref_mut(f);
    }

    /// Calls `f` on every use of a type in operations: parameters, bodies,
    /// responses and response headers.
    pub fn for_each_operation_type_ref_mut(&mut self, f: &mut dyn FnMut(&mut TypeRef)) {
        fn body(kind: &mut BodyKind, f: &mut dyn FnMut(&mut TypeRef)) {
            match kind {
                BodyKind::Json(t) | BodyKind::Form(t, _) => f(t),
                BodyKind::Multipart(m) => {
                    for field in &mut m.fields {
                        if let PartValue::Value(t) = &mut field.value {
                            f(t);
                        }
                    }
                }
                BodyKind::Choice(c) => c.options.iter_mut().for_each(|o| body(&mut o.kind, f)),
                BodyKind::Text | BodyKind::Bytes => {}
            }
        }
        for op in &mut self.operations {
            op.params.iter_mut().for_each(|p| f(&mut p.ty));
            if let Some(b) = &mut op.body {
                body(&mut b.kind, f);
            }
            for r in op.success.iter_mut().chain(&mut op.errors) {
                if let ResponseBody::Json(t) = &mut r.body {
                    f(t);
                }
            }
            op.response_headers.iter_mut().for_each(|h| f(&mut h.ty));
        }
    }

    pub fn find_type(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }

    pub fn find_operation(&self, method_name: &str) -> Option<&Operation> {
        self.operations
            .iter()
            .find(|o| o.method_name == method_name)
    }
}
