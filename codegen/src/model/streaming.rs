//! Which operations answer with server-sent events, the type of each event,
//! and how a caller asks for the stream.
//!
//! The event type is the first of: OpenAPI 3.2's `itemSchema`, the
//! `text/event-stream` response's schema (unless it is only a string), the
//! component schema a `[streams.OPERATION]` table of the config names
//! (`event-schema`); without any, events are text. An operation whose every
//! success is an event stream streams from its own method. One that also
//! answers otherwise (JSON, say), or that only the config says streams,
//! gets a second method, `…_stream`: when its body has a boolean `stream`
//! property (OpenAI's and Oxen's), the plain method always sends it `false`
//! and the second `true`; the second also asks for `text/event-stream`.
//! JSON events end at `[DONE]` unless the config names another terminator.

use super::schema::Lowering;
use super::{BodyKind, Operation, PartValue, Primitive, SecurityScheme, TypeKind, TypeRef};
use crate::config::Operations;
use crate::diag::WarningKind;
use crate::naming::{self, NameSet, RustIdent};

/// What an operation's event stream carries and how it is asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct EventStream {
    /// The type of each event's data (`String` for text).
    pub event: TypeRef,
    /// Whether each event's data is JSON (else it is taken as text).
    pub json: bool,
    /// Where the event type comes from.
    pub source: EventSource,
    /// The data that ends the stream (`[DONE]`).
    pub terminator: Option<String>,
    pub method: StreamMethod,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventSource {
    /// OpenAPI 3.2's `itemSchema` of the `text/event-stream` media type.
    ItemSchema,
    /// The `schema` of the `text/event-stream` media type.
    Schema,
    /// `event-schema` in the config's `[streams.OPERATION]`.
    Config,
    /// Nothing says: each event's data is text.
    Text,
}

/// How a caller asks for the stream.
#[derive(Debug, Clone, PartialEq)]
pub enum StreamMethod {
    /// Every success is an event stream: the operation's own method gives it.
    Own,
    /// A method of its own asks for the stream; the operation's never does.
    Twin(Twin),
}

/// The second method of an operation that can answer with a stream or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Twin {
    /// The method (`create_chat_completion_stream`).
    pub method_name: RustIdent,
    /// Its request builder (`CreateChatCompletionStream`), in `operations.rs`.
    pub type_name: RustIdent,
    /// The body's boolean field that asks for a stream (its Rust name), set
    /// `true` by this method and `false` by the plain one.
    pub flag: Option<RustIdent>,
}

impl Twin {
    /// The second method of the operation `method_name` (builder
    /// `type_name`) before [`settle`] names it: `{method}_stream`, `{Type}Stream`.
    pub fn of(method_name: &RustIdent, type_name: &RustIdent) -> Twin {
        Twin {
            method_name: method_name.suffixed("_stream"),
            type_name: type_name.suffixed("Stream"),
            flag: None,
        }
    }
}

/// Settles every operation's event stream: the config's declarations, the
/// terminators, the body flags and the names of the second methods.
/// Declarations of operations or schemas the document lacks are left for
/// [`crate::config::check_operations`] to refuse.
pub(super) fn settle(
    ops: &mut [Operation],
    ctx: &mut Lowering<'_>,
    config: &Operations,
    schemes: &[SecurityScheme],
) {
    for declared in &config.streams {
        let Some(i) = crate::config::operation_index(ops, &declared.operation) else {
            continue;
        };
        let Some(event) = ctx.component_type(&declared.event_schema) else {
            continue;
        };
        let op = &mut ops[i];
        let stream = op.stream.get_or_insert_with(|| EventStream {
            event: TypeRef::Primitive(Primitive::String),
            json: false,
            source: EventSource::Text,
            terminator: None,
            method: if op.success.is_empty() {
                StreamMethod::Own
            } else {
                StreamMethod::Twin(Twin::of(&op.method_name, &op.type_name))
            },
        });
        if stream.source == EventSource::Text {
            stream.event = event;
            stream.json = true;
            stream.source = EventSource::Config;
        } else {
            let at = op.pointer.clone();
            ctx.warn(
                WarningKind::Unsupported,
                &at,
                format!(
                    "{}:{}: streams.{}: the document gives the event type ({}); `event-schema` is not used",
                    config.file,
                    declared.line,
                    declared.operation,
                    if stream.source == EventSource::ItemSchema { "`itemSchema`" } else { "the response's schema" }
                ),
            );
        }
        stream.terminator = declared.terminator.clone();
    }
    // The client's methods, and the types of `operations.rs`, are taken.
    let mut methods = NameSet::new();
    let mut types = NameSet::new();
    for reserved in naming::CLIENT_METHODS {
        methods.reserve(reserved);
    }
    for s in schemes {
        methods.reserve(&s.setter);
        methods.reserve(&s.provider_setter);
    }
    for op in ops.iter() {
        methods.reserve(&op.method_name);
        for name in operation_types(op) {
            types.reserve(name);
        }
    }
    for op in ops.iter_mut() {
        let flag = stream_flag(op, ctx);
        let Some(stream) = &mut op.stream else {
            continue;
        };
        if stream.json && stream.terminator.is_none() {
            stream.terminator = Some("[DONE]".to_string());
        }
        if let StreamMethod::Twin(twin) = &mut stream.method {
            twin.method_name =
                methods.claim_with(&op.method_name.suffixed("_stream"), naming::numbered_field);
            twin.type_name = types.claim(&op.type_name.suffixed("Stream"));
            twin.flag = flag;
        }
    }
}

/// The types an operation has in `operations.rs`.
fn operation_types(op: &Operation) -> Vec<&str> {
    let mut names = vec![op.type_name.as_str(), op.error_type.as_str()];
    names.extend(op.outcome.as_deref());
    names.extend(op.headers_type.as_deref());
    if let Some(b) = &op.body {
        names.extend(
            b.kind
                .multiparts()
                .into_iter()
                .map(|m| m.type_name.as_str()),
        );
        if let BodyKind::Choice(c) = &b.kind {
            names.push(&c.type_name);
        }
    }
    names
}

/// The body's boolean `stream` field, if it has one: of a JSON object, or a
/// part of a multipart body.
fn stream_flag(op: &Operation, ctx: &Lowering<'_>) -> Option<RustIdent> {
    let is_bool = |t: &TypeRef| {
        matches!(t, TypeRef::Primitive(Primitive::Bool))
            || matches!(t, TypeRef::Nullable(inner) if **inner == TypeRef::Primitive(Primitive::Bool))
    };
    match &op.body.as_ref()?.kind {
        BodyKind::Json(t) => {
            let mut t = t.clone();
            // Through aliases, to the struct.
            for _ in 0..8 {
                let TypeRef::Named(name) = &t else {
                    return None;
                };
                match &ctx.type_def(name)?.kind {
                    TypeKind::Alias(target) => t = target.clone(),
                    TypeKind::Struct(s) => {
                        return s
                            .fields
                            .iter()
                            .find(|f| f.wire_name == "stream" && is_bool(&f.ty))
                            .map(|f| f.name.clone())
                    }
                    _ => return None,
                }
            }
            None
        }
        BodyKind::Multipart(m) => m
            .fields
            .iter()
            .find(|f| {
                f.wire_name == "stream" && matches!(&f.value, PartValue::Value(t) if is_bool(t))
            })
            .map(|f| f.name.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_data::{doc_of, model_of};

    const SCHEMAS: &str = "{Chunk: {type: object, properties: {text: {type: string}}}, \
        Req: {type: object, properties: {prompt: {type: string}, stream: {type: boolean, default: false}}}, \
        Plain: {type: object, properties: {prompt: {type: string}}}, \
        Answer: {type: object, properties: {text: {type: string}}}}";

    fn ok(content: &str) -> String {
        format!("{{'200': {{description: ok, content: {content}}}}}")
    }

    /// `POST path`, operation `id`, with a JSON body of the schema `body`.
    fn post(path: &str, id: &str, body: &str, responses: &str) -> String {
        format!("'{path}': {{post: {{operationId: {id}, requestBody: {{content: {{application/json: {{schema: {{$ref: '#/components/schemas/{body}'}}}}}}}}, responses: {responses}}}}}")
    }

    fn stream_of(paths: &str, config: &str, id: &str) -> (Option<EventStream>, Vec<String>) {
        let (model, warnings) =
            model_of(&doc_of(&format!("{{{paths}}}"), SCHEMAS), config).unwrap();
        let op = model
            .operations
            .iter()
            .find(|o| o.method_name == id)
            .unwrap();
        (
            op.stream.clone(),
            warnings.iter().map(|w| w.message.clone()).collect(),
        )
    }

    fn twin(method: &str, type_name: &str, flag: Option<&str>) -> StreamMethod {
        StreamMethod::Twin(Twin {
            method_name: method.into(),
            type_name: type_name.into(),
            flag: flag.map(Into::into),
        })
    }

    #[test]
    fn which_operations_stream_what_and_how() {
        let chunk = || TypeRef::Named("Chunk".into());
        let text = || TypeRef::Primitive(Primitive::String);
        let json_and_events = ok("{application/json: {schema: {$ref: '#/components/schemas/Answer'}}, text/event-stream: {schema: {$ref: '#/components/schemas/Chunk'}}}");
        let events_only = ok("{text/event-stream: {schema: {$ref: '#/components/schemas/Chunk'}}}");
        let text_events = ok("{text/event-stream: {schema: {type: string}}}");
        let json_only = ok("{application/json: {schema: {$ref: '#/components/schemas/Answer'}}}");
        let declared = "[streams.chat]\nevent-schema = \"Chunk\"\nterminator = \"END\"\n";
        // (what, paths, config, operation, its stream)
        let cases: Vec<(&str, String, &str, &str, Option<EventStream>)> = vec![
            (
                "JSON or events, a `stream` flag in the body: a second method sets it",
                post("/chat", "chat", "Req", &json_and_events),
                "",
                "chat",
                Some(EventStream {
                    event: chunk(),
                    json: true,
                    source: EventSource::Schema,
                    terminator: Some("[DONE]".into()),
                    method: twin("chat_stream", "ChatStream", Some("stream")),
                }),
            ),
            (
                "JSON or events, no flag: the second method only asks for events",
                post("/chat", "chat", "Plain", &json_and_events),
                "",
                "chat",
                Some(EventStream {
                    event: chunk(),
                    json: true,
                    source: EventSource::Schema,
                    terminator: Some("[DONE]".into()),
                    method: twin("chat_stream", "ChatStream", None),
                }),
            ),
            (
                "nothing but events: the operation's own method streams",
                post("/chat", "chat", "Req", &events_only),
                "",
                "chat",
                Some(EventStream {
                    event: chunk(),
                    json: true,
                    source: EventSource::Schema,
                    terminator: Some("[DONE]".into()),
                    method: StreamMethod::Own,
                }),
            ),
            (
                "events described as a string are text, with no terminator",
                post("/chat", "chat", "Req", &text_events),
                "",
                "chat",
                Some(EventStream {
                    event: text(),
                    json: false,
                    source: EventSource::Text,
                    terminator: None,
                    method: StreamMethod::Own,
                }),
            ),
            (
                "text events typed by the config",
                post("/chat", "chat", "Req", &text_events),
                declared,
                "chat",
                Some(EventStream {
                    event: chunk(),
                    json: true,
                    source: EventSource::Config,
                    terminator: Some("END".into()),
                    method: StreamMethod::Own,
                }),
            ),
            (
                "a JSON operation the config says streams gets the second method",
                post("/chat", "chat", "Req", &json_only),
                declared,
                "chat",
                Some(EventStream {
                    event: chunk(),
                    json: true,
                    source: EventSource::Config,
                    terminator: Some("END".into()),
                    method: twin("chat_stream", "ChatStream", Some("stream")),
                }),
            ),
            (
                "a JSON operation nobody says streams does not",
                post("/chat", "chat", "Req", &json_only),
                "",
                "chat",
                None,
            ),
        ];
        for (what, paths, config, id, want) in cases {
            let (got, _) = stream_of(&paths, config, id);
            assert_eq!(got, want, "{what}");
        }
    }

    #[test]
    fn the_documents_event_type_wins_over_the_configs_with_a_warning() {
        let paths = post(
            "/chat",
            "chat",
            "Req",
            &ok("{text/event-stream: {schema: {$ref: '#/components/schemas/Answer'}}}"),
        );
        let (got, warnings) =
            stream_of(&paths, "[streams.chat]\nevent-schema = \"Chunk\"\n", "chat");
        assert_eq!(got.unwrap().event, TypeRef::Named("Answer".into()));
        assert!(
            warnings.iter().any(|w| w
                .starts_with("codegen.toml:1: streams.chat: the document gives the event type")),
            "{warnings:?}"
        );
    }

    #[test]
    fn openapi_32s_item_schema_types_each_event() {
        let doc = doc_of(
            &format!(
                "{{{}}}",
                post(
                    "/chat",
                    "chat",
                    "Req",
                    &ok("{text/event-stream: {schema: {type: string}, itemSchema: {$ref: '#/components/schemas/Chunk'}}}")
                )
            ),
            SCHEMAS,
        )
        .replace("openapi: 3.0.3", "openapi: 3.2.0");
        let (model, _) = model_of(&doc, "[streams.chat]\nevent-schema = \"Answer\"\n").unwrap();
        let stream = model.operations[0].stream.clone().unwrap();
        assert_eq!(
            (stream.event, stream.source, stream.method),
            (
                TypeRef::Named("Chunk".into()),
                EventSource::ItemSchema,
                StreamMethod::Own
            )
        );
    }

    #[test]
    fn second_methods_take_names_nobody_has() {
        let events = ok("{application/json: {schema: {$ref: '#/components/schemas/Answer'}}, text/event-stream: {schema: {$ref: '#/components/schemas/Chunk'}}}");
        let paths = format!(
            "{}, {}",
            post("/chat", "chat", "Req", &events),
            post(
                "/chat/s",
                "chat_stream",
                "Req",
                &ok("{application/json: {schema: {type: object}}}")
            )
        );
        let (got, _) = stream_of(&paths, "", "chat");
        assert_eq!(
            got.unwrap().method,
            twin("chat_stream_2", "ChatStream2", Some("stream"))
        );
    }
}
