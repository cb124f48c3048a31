//! Request or response: what depends on the direction a struct travels in.

use super::reachable::reachable;
use crate::model::schema::join_doc;
use crate::model::{
    BodyKind, Model, Operation, PartValue, ResponseBody, TypeDef, TypeKind, TypeRef,
};

/// Settles what depends on the direction a struct travels in.
///
/// In every struct a request body can hold, an optional and nullable field
/// becomes `Option<Option<T>>`, so a caller can send nothing, `null` or a
/// value (PATCH-style APIs need all three); types only responses hold keep
/// `Option<T>`, where absent and `null` read alike.
///
/// A `default` is filled in when a response leaves the field out, so it is
/// kept only in structs a response can hold; it is never sent unless set.
pub fn by_direction(types: &mut [TypeDef], operations: &[Operation]) {
    let sent = reachable(
        types,
        operations
            .iter()
            .filter_map(|o| match o.body.as_ref().map(|b| &b.kind) {
                Some(BodyKind::Json(t) | BodyKind::Form(t, _)) => Some(t),
                _ => None,
            }),
    );
    let received = reachable(
        types,
        operations
            .iter()
            .flat_map(|o| o.success.iter().chain(&o.errors))
            .filter_map(|r| match &r.body {
                ResponseBody::Json(t) => Some(t),
                _ => None,
            })
            .chain(
                operations
                    .iter()
                    .filter_map(|o| o.stream.as_ref().map(|s| &s.event)),
            ),
    );
    for ((t, sent), received) in types.iter_mut().zip(sent).zip(received) {
        let TypeKind::Struct(s) = &mut t.kind else {
            continue;
        };
        for f in &mut s.fields {
            if !received {
                f.default = None;
            }
            if sent && !f.required && f.nullable {
                f.tri_state = true;
                let note = "`None` leaves it out, `Some(None)` sends `null`.".to_string();
                f.doc = join_doc(f.doc.take().into_iter().chain([note]).collect());
            }
        }
    }
}

/// Marks every struct some request can hold ([`crate::model::Struct::sent`]):
/// reached from a body (JSON, form, a multipart part, any media type of a
/// choice) or a parameter. Run on the final model, after identical types merged.
pub fn mark_sent(model: &mut Model) {
    fn body<'m>(kind: &'m BodyKind, roots: &mut Vec<&'m TypeRef>) {
        match kind {
            BodyKind::Json(t) | BodyKind::Form(t, _) => roots.push(t),
            BodyKind::Multipart(m) => {
                roots.extend(m.fields.iter().filter_map(|f| match &f.value {
                    PartValue::Value(t) => Some(t),
                    PartValue::File | PartValue::Files => None,
                }))
            }
            BodyKind::Choice(c) => c.options.iter().for_each(|o| body(&o.kind, roots)),
            BodyKind::Text | BodyKind::Bytes => {}
        }
    }
    let mut roots = Vec::new();
    for op in &model.operations {
        roots.extend(op.params.iter().map(|p| &p.ty));
        if let Some(b) = &op.body {
            body(&b.kind, &mut roots);
        }
    }
    let sent = reachable(&model.types, roots.into_iter());
    for (t, sent) in model.types.iter_mut().zip(sent) {
        if let TypeKind::Struct(s) = &mut t.kind {
            s.sent = sent;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_data::*;
    use crate::model::Primitive;

    /// A struct `name` with one optional, nullable field that has a default.
    fn patchable(name: &str) -> TypeDef {
        let mut f = field("note", prim(Primitive::String));
        f.required = false;
        f.nullable = true;
        f.default = Some(serde_json::json!("none"));
        struct_of(name, vec![f])
    }

    /// (tri-state, default kept) of the field of each type.
    fn settled(types: &[TypeDef]) -> Vec<(bool, bool)> {
        types
            .iter()
            .map(|t| match &t.kind {
                TypeKind::Struct(s) => (s.fields[0].tri_state, s.fields[0].default.is_some()),
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn sent_types_are_tri_state_and_received_ones_keep_defaults() {
        let cases = [
            // (body, response) → (Sent, Received) as (tri-state, default kept)
            (
                Some(named("Sent")),
                Some(named("Received")),
                [(true, false), (false, true)],
            ),
            (
                Some(array(named("Sent"))),
                Some(named("Sent")),
                [(true, true), (false, false)],
            ),
            (None, None, [(false, false), (false, false)]),
        ];
        for (body, response, want) in cases {
            let mut types = [patchable("Sent"), patchable("Received")];
            let ops = [operation(body.clone(), response.clone())];
            by_direction(&mut types, &ops);
            assert_eq!(
                settled(&types),
                want,
                "body {body:?}, response {response:?}"
            );
        }
    }

    #[test]
    fn a_tri_state_field_says_how_to_send_null() {
        let mut types = [patchable("Sent")];
        by_direction(&mut types, &[operation(Some(named("Sent")), None)]);
        let TypeKind::Struct(s) = &types[0].kind else {
            unreachable!()
        };
        assert_eq!(
            s.fields[0].doc.as_deref(),
            Some("`None` leaves it out, `Some(None)` sends `null`.")
        );
    }

    #[test]
    fn structs_a_request_can_hold_are_sent() {
        let mut model = model_with(
            vec![
                strukt("Body", &[("inner", named("Inner"))]),
                strukt("Inner", &[]),
                strukt("Reply", &[]),
            ],
            vec![operation(Some(named("Body")), Some(named("Reply")))],
        );
        mark_sent(&mut model);
        let sent: Vec<(&str, bool)> = model
            .types
            .iter()
            .map(|t| match &t.kind {
                TypeKind::Struct(s) => (t.name.as_str(), s.sent),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(sent, [("Body", true), ("Inner", true), ("Reply", false)]);
    }
}
