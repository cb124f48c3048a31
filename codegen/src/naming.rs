//! Every Rust name the generator makes comes from here.
//!
//! Case conversion is `heck`'s; this module adds what makes the result a valid,
//! readable identifier: keywords, leading digits, symbols, empty names. What
//! it makes is a [`RustIdent`], which nothing else can make invalid: the model
//! holds its names as such, and the emitters write them as they are.
//!
//! The names the generated crate itself uses, which nothing from the document
//! may take, are listed here too, each list with the rule that keeps them free:
//! [`KEYWORDS`], [`RESERVED_TYPES`], [`CLIENT_METHODS`], [`CLIENT_FIELDS`],
//! [`SERVER_URL_LOCALS`], [`BUILDER_MEMBERS`], [`OPERATION_TYPE_SUFFIXES`], [`GROUP_RESERVED_TYPES`]
//! and [`credential_names`]. Names that must not collide are claimed through
//! one [`NameSet`] per Rust namespace they live in: the types of `types.rs`;
//! the types of `operations.rs`; the client's fields and methods; each
//! struct's fields; each enum's variants; each builder's members.

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

// ---------------------------------------------------------------------------
// Reserved names
// ---------------------------------------------------------------------------

/// Rust keywords, strict and reserved, in every edition we target: a field
/// becomes a raw identifier (`r#type`), a method gets a trailing `_`.
pub const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` is invalid).
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate"];

/// Type names that would shadow the prelude or the generated crate's own
/// items: [`type_name`] adds `Type` (`OptionType`, `ClientType`).
pub const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Result",
    "Box",
    "String",
    "Vec",
    "Some",
    "None",
    "Ok",
    "Err",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "ToString",
    "Into",
    "From",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "Debug",
    "Display",
    "Client",
    "Error",
    "ApiError",
    "ResponseValue",
    "UnexpectedResponse",
    "Secret",
    "Self",
    // The runtime's type for `format: byte`, re-exported from `types`.
    "Base64",
];

/// Client methods every generated client has: an operation never takes these
/// names (a clash gets `_operation`), nor does a tag's group or a
/// credential's setter. (`server_url` is there only when a server has
/// variables, but is never free.)
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "with_base_url",
    "with_http_client",
    "base_url",
    "http_client",
    "server_url",
    // The runtime's `client_settings!`.
    "with_max_retries",
    "with_retry_policy",
    "retry_policy",
    "with_timeout",
    "with_connect_timeout",
    "with_user_agent",
    "with_hook",
    "with_idempotency_keys",
    "with_idempotency_header",
];

/// The client's own fields: a credential's field (its stem) never takes them.
pub const CLIENT_FIELDS: &[&str] = &["base_url", "http", "settings"];

/// The client's field and methods for a credential, by the scheme's stem
/// (`bearer_token` → the field `bearer_token`, `with_bearer_token`,
/// `with_bearer_token_provider`): operations and a tag's groups never take
/// the methods.
pub fn credential_names(stem: &RustIdent) -> Vec<RustIdent> {
    let [setter, provider] = credential_methods(stem);
    vec![stem.clone(), setter, provider]
}

/// The client's methods for a credential ([`credential_names`] less the
/// field): its setter, and the setter of a provider that gives it.
pub fn credential_methods(stem: &RustIdent) -> [RustIdent; 2] {
    let setter = stem.prefixed("with_");
    let provider = setter.suffixed("_provider");
    [setter, provider]
}

/// Locals of the client's `server_url`, which takes a server's variables as
/// arguments: a variable never takes them (`url` is `url_2`).
pub const SERVER_URL_LOCALS: &[&str] = &["url", "value"];

/// Names a request builder uses for its own fields and methods: a parameter
/// never takes them ([`parameter_name`] adds `_param`: `body_param`).
pub const BUILDER_MEMBERS: &[&str] = &[
    "client",
    "options",
    "body",
    "header",
    "timeout",
    "connect_timeout",
    "max_retries",
    "send",
    "send_streaming",
    "build_request",
    "read_response",
    "new",
    "into_future",
    "server",
    "pages",
    "items",
    "paginator",
    "page_url",
    "wait",
];

/// The types an operation may have in `operations.rs`, by suffix of its type
/// name: the builder, its errors, its body choice, its multipart body, its
/// outcomes, its response headers. An operation's stem is numbered until
/// every one of them is free (`ListPets2`).
pub const OPERATION_TYPE_SUFFIXES: &[&str] =
    &["", "Error", "Content", "Multipart", "Outcome", "Headers"];

/// Types in `client.rs` that a tag's group struct (`PetsApi`) never takes.
pub const GROUP_RESERVED_TYPES: &[&str] = &["Client"];

// ---------------------------------------------------------------------------
// The identifier type
// ---------------------------------------------------------------------------

/// A Rust identifier, valid by construction: a letter or `_` then letters,
/// digits and `_` (ASCII), never `_` alone, never a keyword unless raw
/// (`r#type`; never `r#self`).
///
/// The naming functions of this module make them from the document's text
/// ([`type_name`], [`field_name`], [`method_name`], …), a name is extended
/// only by [`RustIdent::suffixed`] and [`RustIdent::prefixed`], which keep it
/// valid, and [`RustIdent::parse`] takes only what is one already; so the
/// model holds no name `quote` could not write, and the emitters write one
/// with `#name` rather than `format_ident!` on a string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RustIdent(String);

impl RustIdent {
    /// `text` if it is a valid identifier as it is.
    pub fn parse(text: &str) -> Option<RustIdent> {
        let plain = text.strip_prefix("r#");
        let body = plain.unwrap_or(text);
        let mut chars = body.chars();
        let first_ok = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
        let valid = first_ok
            && body != "_"
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            && match plain {
                Some(raw) => !NOT_RAW.contains(&raw),
                None => !KEYWORDS.contains(&body),
            };
        valid.then(|| RustIdent(text.to_string()))
    }

    /// Made valid by its maker: `text` is a valid identifier.
    fn known(text: String) -> RustIdent {
        debug_assert!(
            RustIdent::parse(&text).is_some(),
            "{text:?} is no identifier"
        );
        RustIdent(text)
    }

    /// The identifier as Rust writes it (`r#type`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The identifier without a raw prefix (`r#type` → `type`).
    pub fn unraw(&self) -> &str {
        unraw(&self.0)
    }

    /// This name with `suffix` after it (`ListPets` → `ListPetsError`,
    /// `page` → `page_2`); only the suffix's letters, digits and `_` count,
    /// and a keyword the result makes is escaped as [`field_name`] does.
    pub fn suffixed(&self, suffix: &str) -> RustIdent {
        RustIdent::known(escape_keyword(format!(
            "{}{}",
            self.unraw(),
            ascii_only(suffix)
        )))
    }

    /// This name with `prefix` before it (`bearer_token` → `with_bearer_token`);
    /// a prefix that does not start as an identifier may is left out.
    pub fn prefixed(&self, prefix: &str) -> RustIdent {
        let prefix = ascii_only(prefix);
        if prefix.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            RustIdent::known(escape_keyword(format!("{prefix}{}", self.unraw())))
        } else {
            self.clone()
        }
    }

    /// The `proc_macro2` identifier, raw where the name is.
    pub fn to_ident(&self) -> proc_macro2::Ident {
        let span = proc_macro2::Span::call_site();
        match self.0.strip_prefix("r#") {
            Some(raw) => proc_macro2::Ident::new_raw(raw, span),
            None => proc_macro2::Ident::new(&self.0, span),
        }
    }
}

impl quote::ToTokens for RustIdent {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        self.to_ident().to_tokens(tokens);
    }
}

impl std::fmt::Display for RustIdent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::ops::Deref for RustIdent {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for RustIdent {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for RustIdent {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for RustIdent {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for RustIdent {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<RustIdent> for &str {
    fn eq(&self, other: &RustIdent) -> bool {
        *self == other.0
    }
}

/// Test data names its types and fields with literals; an invalid one panics.
#[cfg(test)]
impl From<&str> for RustIdent {
    fn from(text: &str) -> RustIdent {
        RustIdent::parse(text).unwrap_or_else(|| panic!("{text:?} is no identifier"))
    }
}

impl From<RustIdent> for String {
    fn from(ident: RustIdent) -> String {
        ident.0
    }
}

/// Splits a name into words the way heck would, after turning symbols into
/// word breaks, so `in-progress`, `in_progress` and `inProgress` agree.
fn clean(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
}

/// Makes sure an identifier does not start with a digit and is not empty.
fn fix_start(ident: String, fallback: &str, digit_prefix: &str) -> String {
    if ident.is_empty() {
        fallback.to_string()
    } else if ident.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{digit_prefix}{ident}")
    } else {
        ident
    }
}

/// Keeps only characters valid in a Rust identifier (ASCII letters, digits, `_`).
fn ascii_only(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// A type or variant name: `UpperCamelCase`, never a keyword or a prelude name.
pub fn type_name(raw: &str) -> RustIdent {
    let camel = ascii_only(&clean(raw).to_upper_camel_case());
    let name = fix_start(camel, "Unnamed", "_");
    RustIdent::known(if RESERVED_TYPES.contains(&name.as_str()) {
        format!("{name}Type")
    } else {
        name
    })
}

/// Last words that stay as they are in the singular: `pluralizer` would make
/// `data` a `datum`, which no API calls its records.
const NO_SINGULAR: &[&str] = &["data", "metadata", "media", "series", "species", "news"];

/// Plurals whose singular `pluralizer` gets wrong, by ending (`caches` is not
/// `cach`).
const SINGULAR_FIXES: &[(&str, &str)] = &[("caches", "cache")];

/// A name with its last word in the singular, in `snake_case`
/// (`tool_calls`, `toolCalls` → `tool_call`; `children` → `child`), or `None`
/// when that word is not a plural (`status`, `data`). `pluralizer` knows the
/// irregular and uncountable words.
pub fn singular(name: &str) -> Option<String> {
    let snake = clean(name).to_snake_case();
    let (head, last) = match snake.rsplit_once('_') {
        Some((head, last)) => (Some(head), last),
        None => (None, snake.as_str()),
    };
    let looks_plural = last.ends_with('s') || last.ends_with("ren") || last == "people";
    if last.len() < 3 || !looks_plural || NO_SINGULAR.iter().any(|w| last.ends_with(w)) {
        return None;
    }
    let fixed = SINGULAR_FIXES
        .iter()
        .find_map(|(plural, one)| last.strip_suffix(plural).map(|stem| format!("{stem}{one}")));
    let one = fixed.or_else(|| singular_word(last))?;
    Some(match head {
        Some(head) => format!("{head}_{one}"),
        None => one,
    })
}

/// `pluralizer`'s singular of one lowercase word, if it differs; remembered,
/// since large documents ask for the same words many times.
fn singular_word(word: &str) -> Option<String> {
    thread_local! {
        static SEEN: std::cell::RefCell<std::collections::HashMap<String, Option<String>>> =
            Default::default();
    }
    SEEN.with(|seen| {
        seen.borrow_mut()
            .entry(word.to_string())
            .or_insert_with(|| {
                let one = pluralizer::pluralize(word, 1, false);
                (one != word && !one.is_empty()).then_some(one)
            })
            .clone()
    })
}

/// The name of a list's item type (`UpperCamelCase`): the list's name in the
/// singular (`ChatCompletionRequestMessages` → `ChatCompletionRequestMessage`),
/// or the name and `Item` when it has no singular (`ListResponseData` →
/// `ListResponseDataItem`).
pub fn item_name(list: &str) -> Option<RustIdent> {
    singular(list).map(|one| type_name(&one))
}

/// A variant name: like a type name, but prelude names are fine inside an enum.
pub fn variant_name(raw: &str) -> RustIdent {
    let camel = ascii_only(&clean(raw).to_upper_camel_case());
    let name = fix_start(camel, "Empty", "V");
    RustIdent::known(if name == "Self" {
        "SelfValue".into()
    } else {
        name
    })
}

/// A variant name for an enum value. Numbers keep their sign and dots
/// (`1.0` → `V1_0`, `+1` → `Plus1`, `-1` → `Minus1`), so that distinct
/// values never read as the same number; anything else is [`variant_name`].
pub fn value_variant_name(value: &str) -> RustIdent {
    let (sign, digits) = match value.as_bytes().first() {
        Some(b'-') => ("Minus", &value[1..]),
        Some(b'+') => ("Plus", &value[1..]),
        _ => ("V", value),
    };
    let numeric = !digits.is_empty()
        && digits
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    if numeric {
        RustIdent::known(format!("{sign}{}", digits.replace('.', "_")))
    } else {
        variant_name(value)
    }
}

/// The rule for a repeated name: `Name2`, or `V1_2` where the name ends in a digit.
pub fn numbered(base: &RustIdent, n: usize) -> RustIdent {
    if base.ends_with(|c: char| c.is_ascii_digit()) {
        base.suffixed(&format!("_{n}"))
    } else {
        base.suffixed(&n.to_string())
    }
}

/// The rule for a repeated field, argument or method name: `name_2`, and
/// a raw identifier loses its prefix (`r#type` → `type_2`).
pub fn numbered_field(base: &RustIdent, n: usize) -> RustIdent {
    base.suffixed(&format!("_{n}"))
}

/// A field, argument, or method name: `snake_case`, never a keyword.
///
/// Returns the name to write in Rust; keywords become raw identifiers (`r#type`)
/// where Rust allows them, and get a trailing `_` where it does not.
pub fn field_name(raw: &str) -> RustIdent {
    let snake = ascii_only(&clean(raw).to_snake_case());
    let name = fix_start(snake, "value", "_");
    RustIdent::known(escape_keyword(name))
}

/// A parameter's Rust name: a field name, and `body` becomes `body_param`
/// rather than clash with the builder's own members ([`BUILDER_MEMBERS`]).
pub fn parameter_name(wire: &str) -> RustIdent {
    let name = field_name(wire);
    if BUILDER_MEMBERS.contains(&name.as_str()) {
        name.suffixed("_param")
    } else {
        name
    }
}

/// A method name: like a field name, but never a raw identifier, which reads poorly in calls.
pub fn method_name(raw: &str) -> RustIdent {
    let snake = ascii_only(&clean(raw).to_snake_case());
    let name = fix_start(snake, "call", "op_");
    RustIdent::known(if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    })
}

/// A cargo feature name for a tag: `kebab-case` ASCII, starting with a
/// letter (`Code Scanning` → `code-scanning`, `2fa` → `tag-2fa`).
pub fn feature_name(raw: &str) -> String {
    let kebab: String = clean(raw)
        .to_kebab_case()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let words: Vec<&str> = kebab.split('-').filter(|w| !w.is_empty()).collect();
    let kebab = words.join("-");
    match kebab.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => kebab.to_string(),
        Some(_) => format!("tag-{kebab}"),
        None => "tag".to_string(),
    }
}

/// A module name.
pub fn module_name(raw: &str) -> RustIdent {
    method_name(raw)
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The plain text of an identifier, without a raw prefix (`r#type` → `type`).
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// A variant name for an HTTP status code, from its reason phrase where it has a
/// well-known one.
pub fn status_variant(code: u16) -> RustIdent {
    let phrase = match code {
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return RustIdent::known(format!("Status{code}")),
    };
    RustIdent::known(phrase.to_string())
}

/// Makes names unique in the order they are asked for: the first keeps its
/// name, later ones get the smallest numeric suffix that is free.
#[derive(Default, Debug)]
pub struct NameSet {
    /// Looked up, never iterated: FxHash is faster than SipHash for names.
    taken: rustc_hash::FxHashSet<String>,
}

impl NameSet {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves `name` if free and returns it; otherwise returns `name2`,
    /// `name3`, … ([`numbered`]: `Response201_2` where it ends in a digit).
    pub fn claim(&mut self, name: &RustIdent) -> RustIdent {
        self.claim_with(name, numbered)
    }

    /// Like [`NameSet::claim`] with a suffix rule of the caller's
    /// ([`numbered`], [`numbered_field`]).
    pub fn claim_with(
        &mut self,
        name: &RustIdent,
        suffix: impl Fn(&RustIdent, usize) -> RustIdent,
    ) -> RustIdent {
        if self.taken.insert(name.to_string()) {
            return name.clone();
        }
        let mut n = 2;
        loop {
            let candidate = suffix(name, n);
            if self.taken.insert(candidate.to_string()) {
                return candidate;
            }
            n += 1;
        }
    }

    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Marks a name as taken without claiming it for anyone.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    /// Like [`NameSet::claim`] for a name that is no Rust identifier (a
    /// cargo feature): `name`, else `name-2`, `name-3`, …
    pub fn claim_text(&mut self, name: &str) -> String {
        if self.taken.insert(name.to_string()) {
            return name.to_string();
        }
        (2..)
            .map(|n| format!("{name}-{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or_default()
    }

    /// Claims the first of `name`, `suffix(name, 2)`, `suffix(name, 3)`, …
    /// whose whole family (`family(candidate)`: the names made from it, such
    /// as an operation's `ListPets`, `ListPetsError`, …) is free, and takes
    /// every name of that family.
    pub fn claim_family(
        &mut self,
        name: &RustIdent,
        suffix: impl Fn(&RustIdent, usize) -> RustIdent,
        family: impl Fn(&RustIdent) -> Vec<RustIdent>,
    ) -> RustIdent {
        let free = |candidate: &RustIdent| family(candidate).iter().all(|m| !self.contains(m));
        let chosen = std::iter::once(name.clone())
            .chain((2..).map(|n| suffix(name, n)))
            .find(free)
            .unwrap_or_else(|| name.clone());
        for member in family(&chosen) {
            self.reserve(&member);
        }
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        let cases = [
            ("ImageGenerateRequest", "ImageGenerateRequest"),
            ("image_generate_request", "ImageGenerateRequest"),
            ("in-progress", "InProgress"),
            ("1.0", "_10"),
            ("", "Unnamed"),
            ("Option", "OptionType"),
            ("Result", "ResultType"),
            ("Self", "SelfType"),
            ("Client", "ClientType"),
            ("café au lait", "CafAuLait"),
            ("k8s.io.api.core.v1.Pod", "K8sIoApiCoreV1Pod"),
        ];
        for (raw, want) in cases {
            assert_eq!(type_name(raw), want, "type_name({raw:?})");
        }
    }

    #[test]
    fn field_names() {
        let cases = [
            ("revised_prompt", "revised_prompt"),
            ("createdAt", "created_at"),
            ("type", "r#type"),
            ("self", "self_"),
            ("crate", "crate_"),
            ("n", "n"),
            ("+1", "_1"),
            ("@id", "id"),
            ("", "value"),
            ("$ref", "r#ref"),
        ];
        for (raw, want) in cases {
            assert_eq!(field_name(raw), want, "field_name({raw:?})");
        }
    }

    #[test]
    fn method_names() {
        assert_eq!(method_name("generate_image"), "generate_image");
        assert_eq!(method_name("listPets"), "list_pets");
        assert_eq!(method_name("type"), "type_");
        assert_eq!(method_name("2fa/enable"), "op_2fa_enable");
    }

    #[test]
    fn variant_names() {
        assert_eq!(variant_name("in-progress"), "InProgress");
        assert_eq!(variant_name("+1"), "V1");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("Self"), "SelfValue");
    }

    #[test]
    fn value_variant_names() {
        let cases = [
            ("1.0", "V1_0"),
            ("10", "V10"),
            ("+1", "Plus1"),
            ("-1", "Minus1"),
            ("-", "Empty"),
            ("1.", "V1"),
            ("in-progress", "InProgress"),
            ("", "Empty"),
        ];
        for (raw, want) in cases {
            assert_eq!(value_variant_name(raw), want, "value_variant_name({raw:?})");
        }
        assert_eq!(numbered(&variant_name("V1"), 2), "V1_2");
        assert_eq!(numbered(&variant_name("Done"), 2), "Done2");
        assert_eq!(numbered_field(&field_name("type"), 2), "type_2");
        assert_eq!(numbered_field(&field_name("self"), 3), "self__3");
    }

    #[test]
    fn singulars() {
        let cases = [
            (
                "ChatCompletionRequestMessages",
                Some("chat_completion_request_message"),
            ),
            ("tool_calls", Some("tool_call")),
            ("toolCalls", Some("tool_call")),
            ("Items", Some("item")),
            ("statuses", Some("status")),
            ("addresses", Some("address")),
            ("policies", Some("policy")),
            ("children", Some("child")),
            ("people", Some("person")),
            ("indices", Some("index")),
            ("ids", Some("id")),
            ("actions_caches", Some("actions_cache")),
            ("branches", Some("branch")),
            ("status", None),
            ("access", None),
            ("ListResponseData", None),
            ("metadata", None),
            ("series", None),
            ("os", None),
            ("Pet", None),
            ("", None),
        ];
        for (raw, want) in cases {
            assert_eq!(singular(raw).as_deref(), want, "singular({raw:?})");
        }
        assert_eq!(
            item_name("ChatCompletionRequestMessages").as_deref(),
            Some("ChatCompletionRequestMessage")
        );
        assert_eq!(item_name("Data"), None);
    }

    #[test]
    fn identifiers_are_valid_or_refused() {
        let cases = [
            ("list_pets", true),
            ("ListPets", true),
            ("_10", true),
            ("r#type", true),
            ("type", false),
            ("r#self", false),
            ("self", false),
            ("_", false),
            ("", false),
            ("1st", false),
            ("a-b", false),
            ("café", false),
            ("r#", false),
        ];
        for (text, valid) in cases {
            assert_eq!(RustIdent::parse(text).is_some(), valid, "{text:?}");
        }
    }

    #[test]
    fn what_the_naming_functions_make_is_an_identifier() {
        let raw = [
            "",
            "type",
            "self",
            "Self",
            "crate",
            "1.0",
            "+1",
            "-",
            "$ref",
            "in-progress",
            "café au lait",
            "Option",
            "_",
            "__",
            "2fa/enable",
            "r#type",
            "body",
            "x_",
        ];
        for text in raw {
            for name in [
                type_name(text),
                variant_name(text),
                value_variant_name(text),
                field_name(text),
                parameter_name(text),
                method_name(text),
            ] {
                assert!(RustIdent::parse(&name).is_some(), "{text:?} made {name:?}");
                name.to_ident();
            }
        }
    }

    #[test]
    fn suffixes_and_prefixes_keep_an_identifier() {
        let ty = field_name("type");
        assert_eq!(ty, "r#type");
        assert_eq!(ty.suffixed("_param"), "type_param");
        assert_eq!(ty.prefixed("default_"), "default_type");
        assert_eq!(type_name("ListPets").suffixed("Error"), "ListPetsError");
        assert_eq!(field_name("token").prefixed("with_"), "with_token");
        // Only letters, digits and `_` of a suffix count; a keyword it makes is escaped.
        assert_eq!(field_name("a").suffixed("-b c"), "abc");
        assert_eq!(field_name("typ").suffixed("e"), "r#type");
        assert_eq!(field_name("a").prefixed("1"), "a");
    }

    #[test]
    fn name_set_suffixes() {
        let mut set = NameSet::new();
        let index = field_name("index");
        assert_eq!(set.claim(&index), "index");
        assert_eq!(set.claim(&index), "index2");
        assert_eq!(set.claim(&index), "index3");
        let response = type_name("Response201");
        assert_eq!(set.claim(&response), "Response201");
        assert_eq!(set.claim(&response), "Response201_2");
        let a = field_name("a");
        assert_eq!(set.claim_with(&a, numbered_field), "a");
        assert_eq!(set.claim_with(&a, numbered_field), "a_2");
    }

    #[test]
    fn families_are_claimed_whole() {
        let mut set = NameSet::new();
        set.reserve("with_http_client");
        let family = |stem: &RustIdent| credential_names(stem);
        let http_client = field_name("http_client");
        // `http_client` is free, but its setter is the client's own.
        assert_eq!(
            set.claim_family(&http_client, numbered_field, family),
            "http_client_2"
        );
        assert!(set.contains("with_http_client_2_provider"));
        assert_eq!(
            set.claim_family(&http_client, numbered_field, family),
            "http_client_3"
        );
        assert_eq!(
            set.claim_family(&field_name("token"), numbered_field, family),
            "token"
        );
        assert!(!set.contains("http_client"));
    }
}
