use super::*;
use serde_json::json;

const FILE: &str = "spec/fix.overlay.yaml";

/// An overlay of these actions (YAML), with the header every overlay needs.
fn overlay(actions: &str) -> Overlay {
    let text = format!("overlay: 1.0.0\ninfo: {{title: t, version: '1'}}\nactions:\n{actions}");
    Overlay::parse(&text, FILE).unwrap_or_else(|e| panic!("{e}"))
}

fn document() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Pets", "version": "1", "contact": {"name": "a"}},
        "tags": [{"name": "pets"}],
        "paths": {"/pets": {"get": {"parameters": [
            {"name": "a", "in": "query"},
            {"name": "b", "in": "query"},
            {"name": "c", "in": "query"}
        ]}}},
        "components": {"schemas": {
            "Pet": {"type": "object", "properties": {
                "born": {"type": "string", "format": "date_time"},
                "seen": {"type": "string", "format": "date_time"},
                "name": {"type": "string"}
            }}
        }}
    })
}

#[test]
fn actions_change_the_document_as_the_specification_says() {
    struct Case {
        name: &'static str,
        actions: &'static str,
        /// A JSON pointer into the result and the value it must hold (`None`: absent).
        expect: &'static [(&'static str, Option<&'static str>)],
    }
    let cases = [
        Case {
            name: "update merges objects recursively, keeping what it does not name",
            actions: "  - target: $.info\n    update: {title: Dogs, contact: {email: a@b}}\n",
            expect: &[
                ("/info/title", Some(r#""Dogs""#)),
                ("/info/version", Some(r#""1""#)),
                ("/info/contact", Some(r#"{"name":"a","email":"a@b"}"#)),
            ],
        },
        Case {
            name: "an update into an array appends it; an array update item by item",
            actions: "  - target: $.tags\n    update: {name: cats}\n  - target: $.tags\n    update: [{name: a}, {name: b}]\n",
            expect: &[(
                "/tags",
                Some(r#"[{"name":"pets"},{"name":"cats"},{"name":"a"},{"name":"b"}]"#),
            )],
        },
        Case {
            name: "an array inside an update is appended to the array it meets",
            actions: "  - target: $.paths['/pets'].get\n    update: {parameters: [{name: d, in: query}]}\n",
            expect: &[("/paths/~1pets/get/parameters/3/name", Some(r#""d""#))],
        },
        Case {
            name: "primitives inside an update replace; a filter selects every match",
            actions: "  - target: $..[?@.format == 'date_time']\n    update: {format: date-time}\n",
            expect: &[
                ("/components/schemas/Pet/properties/born/format", Some(r#""date-time""#)),
                ("/components/schemas/Pet/properties/seen/format", Some(r#""date-time""#)),
                ("/components/schemas/Pet/properties/name/format", None),
            ],
        },
        Case {
            name: "a selected primitive is replaced",
            actions: "  - target: $.info.title\n    update: Dogs\n",
            expect: &[("/info/title", Some(r#""Dogs""#))],
        },
        Case {
            name: "remove takes a property out",
            actions: "  - target: $.info.contact\n    remove: true\n",
            expect: &[("/info/contact", None), ("/info/title", Some(r#""Pets""#))],
        },
        Case {
            name: "remove takes out every selected array item, whatever the order",
            actions: "  - target: $.paths.*.get.parameters[?@.name != 'b']\n    remove: true\n",
            expect: &[(
                "/paths/~1pets/get/parameters",
                Some(r#"[{"name":"b","in":"query"}]"#),
            )],
        },
        Case {
            name: "actions run in order: a later one sees what an earlier one made",
            actions: "  - target: $.info\n    update: {x-new: {a: 1}}\n  - target: $.info['x-new']\n    update: {b: 2}\n",
            expect: &[("/info/x-new", Some(r#"{"a":1,"b":2}"#))],
        },
        Case {
            name: "a removed node and its child selected together",
            actions: "  - target: $.info..*\n    remove: true\n",
            expect: &[("/info", Some("{}"))],
        },
    ];
    for case in cases {
        let mut doc = document();
        let warnings = apply(&mut doc, &[overlay(case.actions)])
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        assert!(warnings.is_empty(), "{}: {warnings:?}", case.name);
        for (at, want) in case.expect {
            let got = doc.pointer(at).map(|v| v.to_string());
            assert_eq!(got.as_deref(), *want, "{}: at {at}", case.name);
        }
    }
}

#[test]
fn a_target_that_selects_nothing_is_a_warning_naming_the_action() {
    let mut doc = document();
    let before = doc.clone();
    let warnings = apply(
        &mut doc,
        &[overlay(
            "  - target: $.info\n    update: {title: T}\n  - target: $.nothing.here\n    remove: true\n",
        )],
    )
    .unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].kind, WarningKind::OverlayUnmatched);
    assert_eq!(
        warnings[0].message,
        "spec/fix.overlay.yaml: actions[1] (target `$.nothing.here`) selects nothing in the document"
    );
    assert_ne!(doc, before, "the action that matched still applied");
}

#[test]
fn malformed_overlays_are_errors_naming_the_file_and_the_action() {
    let head = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\n";
    let cases: &[(&str, String, &str)] = &[
        (
            "not 1.x",
            "overlay: 2.0.0\ninfo: {title: t, version: '1'}\nactions: [{target: $, update: {}}]\n".into(),
            "spec/fix.overlay.yaml: `overlay: 2.0.0` is not an Overlay 1.x version",
        ),
        (
            "no version",
            "info: {title: t, version: '1'}\nactions: [{target: $, update: {}}]\n".into(),
            "spec/fix.overlay.yaml: there is no `overlay` version",
        ),
        (
            "no actions",
            head.into(),
            "spec/fix.overlay.yaml: there are no `actions`",
        ),
        (
            "empty actions",
            format!("{head}actions: []\n"),
            "spec/fix.overlay.yaml: `actions` is empty",
        ),
        (
            "no info",
            "overlay: 1.0.0\nactions: [{target: $, update: {}}]\n".into(),
            "spec/fix.overlay.yaml: there is no `info`",
        ),
        (
            "unknown top-level key",
            format!("{head}action: []\n"),
            "spec/fix.overlay.yaml: the overlay has no field `action`",
        ),
        (
            "a bad JSONPath",
            format!("{head}actions:\n  - {{target: $.info, update: {{}}}}\n  - {{target: '$.paths[', update: {{}}}}\n"),
            "spec/fix.overlay.yaml: actions[1] (target `$.paths[`): `$.paths[` is not a JSONPath (RFC 9535)",
        ),
        (
            "a target that is not JSONPath at all",
            format!("{head}actions: [{{target: info.title, update: x}}]\n"),
            "spec/fix.overlay.yaml: actions[0] (target `info.title`): `info.title` is not a JSONPath",
        ),
        (
            "update and remove both",
            format!("{head}actions: [{{target: $.info, update: {{}}, remove: true}}]\n"),
            "spec/fix.overlay.yaml: actions[0] (target `$.info`): it has both `update` and `remove: true`",
        ),
        (
            "neither",
            format!("{head}actions: [{{target: $.info, description: nothing}}]\n"),
            "spec/fix.overlay.yaml: actions[0] (target `$.info`): it has neither `update` nor `remove: true`",
        ),
        (
            "no target",
            format!("{head}actions: [{{update: {{}}}}]\n"),
            "spec/fix.overlay.yaml: actions[0]: there is no `target`",
        ),
        (
            "remove not a boolean",
            format!("{head}actions: [{{target: $.info, remove: 'yes'}}]\n"),
            "spec/fix.overlay.yaml: actions[0] (target `$.info`): `remove` must be true or false",
        ),
        (
            "an unknown action field",
            format!("{head}actions: [{{target: $.info, updte: {{}}}}]\n"),
            "spec/fix.overlay.yaml: actions[0] (target `$.info`): an action has no field `updte`",
        ),
        (
            "copy",
            format!("{head}actions: [{{target: $.info, copy: $.x}}]\n"),
            "spec/fix.overlay.yaml: actions[0] (target `$.info`): `copy` (Overlay 1.1) is not supported",
        ),
        (
            "removing the document",
            format!("{head}actions: [{{target: $, remove: true}}]\n"),
            "spec/fix.overlay.yaml: actions[0] (target `$`): `remove` cannot take out the whole document",
        ),
        (
            "not YAML",
            "overlay: [1.0.0\n".into(),
            "spec/fix.overlay.yaml: the overlay is not valid YAML",
        ),
    ];
    for (name, text, want) in cases {
        let outcome = std::panic::catch_unwind(|| Overlay::parse(text, FILE));
        let err = match outcome {
            Ok(Err(e)) => e.to_string(),
            Ok(Ok(_)) => panic!("{name}: parsed"),
            Err(_) => panic!("{name}: panicked"),
        };
        assert!(err.starts_with(want), "{name}: {err}");
    }
}

#[test]
fn an_update_that_cannot_merge_into_its_target_is_an_error_naming_the_action() {
    let mut doc = document();
    let err = apply(
        &mut doc,
        &[overlay("  - target: $.info\n    update: [1]\n")],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "spec/fix.overlay.yaml: actions[0] (target `$.info`): it selects the object at #/info, \
         and an object is updated by a mapping of properties, not [1]"
    );
}

#[test]
fn overlays_apply_in_the_order_given() {
    let mut doc = document();
    let first = overlay("  - target: $.info\n    update: {title: First}\n");
    let mut second = overlay("  - target: $.info\n    update: {title: Second}\n");
    second.file = "spec/second.yaml".into();
    apply(&mut doc, &[first, second]).unwrap();
    assert_eq!(doc["info"]["title"], "Second");
}
