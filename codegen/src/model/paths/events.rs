//! `text/event-stream` responses: what the document says each server-sent
//! event holds (OpenAPI 3.2's `itemSchema`, else the response's `schema`).

use super::OperationBuilder;
use crate::diag::{Error, Pointer};
use crate::model::{EventSource, EventStream, Primitive, StreamMethod, TypeRef};

/// The media type of server-sent events.
pub const EVENT_STREAM: &str = "text/event-stream";

/// Whether a media type is `text/event-stream` (parameters aside).
pub fn is_event_stream(media_type: &str) -> bool {
    media_type
        .split(';')
        .next()
        .is_some_and(|e| e.trim().eq_ignore_ascii_case(EVENT_STREAM))
}

impl OperationBuilder<'_, '_, '_> {
    /// The event stream a success response declares, if it declares one: its
    /// events typed by `itemSchema` (kept by the load stage as
    /// `x-item-schema`), else by `schema` unless that is only a string (the
    /// whole body as text), else text. The method is settled later
    /// ([`crate::model::streaming`]).
    pub(super) fn event_stream(
        &mut self,
        response: &openapiv3::Response,
        r_at: &Pointer,
    ) -> Result<Option<EventStream>, Error> {
        let Some((media_type, media)) = response
            .content
            .iter()
            .find(|(media_type, _)| is_event_stream(media_type))
        else {
            return Ok(None);
        };
        let at = r_at.push("content").push(media_type);
        let hint = format!("{}Event", self.type_name);
        let (event, source) = if let Some(item) = media.extensions.get("x-item-schema") {
            let item_at = at.push("itemSchema");
            let schema: openapiv3::ReferenceOr<openapiv3::Schema> =
                serde_json::from_value(item.clone())
                    .map_err(|e| Error::at(&item_at, format!("not a schema: {e}")))?;
            (
                self.ctx.lower(&schema, &hint, &item_at)?,
                EventSource::ItemSchema,
            )
        } else if let Some(schema) = &media.schema {
            match self.ctx.lower(schema, &hint, &at.push("schema"))? {
                TypeRef::Primitive(Primitive::String) => (text(), EventSource::Text),
                t => (t, EventSource::Schema),
            }
        } else {
            (text(), EventSource::Text)
        };
        Ok(Some(EventStream {
            json: source != EventSource::Text,
            event,
            source,
            terminator: None,
            method: StreamMethod::Own,
        }))
    }
}

fn text() -> TypeRef {
    TypeRef::Primitive(Primitive::String)
}
