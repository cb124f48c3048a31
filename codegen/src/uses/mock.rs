//! The typed mocks of a client (its `mock` feature, `mock.rs`): the names of
//! each operation's mock and of its methods, which match the client's
//! (`server.generate_image()` for `client.generate_image()`), and the runtime
//! parts they call. Worked out once, with the rest of [`super::Uses`].

use super::RuntimePart;
use crate::model::{BodyKind, Location, Model, Operation, ResponseBody, StatusMatch};
use crate::naming::{self, NameSet, RustIdent};
use heck::ToSnakeCase;

/// The methods of the runtime's `MockServer` (and the generated `start` and
/// `client`): an operation's or a group's mock never takes these names (it
/// gets `_operation`, or `_mocks` for a group).
pub const MOCK_SERVER_METHODS: &[&str] = &[
    "start",
    "start_with",
    "client",
    "uri",
    "base_url",
    "wiremock",
    "received_requests",
    "take_unmatched",
    "verify",
    "operation_mock",
];

/// The methods every operation's mock has (the runtime's `operation_mock!`),
/// and its field: a typed matcher or response never takes these names.
pub const MOCK_METHODS: &[&str] = &[
    "inner",
    "matching",
    "with_header",
    "respond_with",
    "respond_raw",
    "response_header",
    "expect",
    "up_to_n_times",
    "priority",
    "named",
    "mount",
    "with_body",
];

/// The mocks of a client with operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockPlan {
    /// One per operation, in the model's order.
    pub operations: Vec<OperationMock>,
    /// One per group of the model, in its order.
    pub groups: Vec<GroupMock>,
}

/// The mock of one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationMock {
    /// Its method on the mock server, or on its group's mocks: the client's.
    pub method: RustIdent,
    /// The type that method returns (`GenerateImageMock`).
    pub type_name: RustIdent,
    /// A matcher per parameter (`with_page`), in the order of `Operation::params`.
    pub params: Vec<RustIdent>,
    /// Whether it has `with_body` (a JSON, text or bytes body).
    pub body: bool,
    /// A typed response per declared response, successes first.
    pub responders: Vec<Responder>,
    /// Its events responder (`respond_events`) where it streams server-sent
    /// events, and the status it answers.
    pub events: Option<(RustIdent, u16)>,
    /// What the path may start with besides nothing: the path of the
    /// operation's own server where that is relative (`/files`).
    pub prefixes: Vec<String>,
}

/// A method that answers as one declared response does (`respond_ok`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Responder {
    pub method: RustIdent,
    /// Which response: the index into `Operation::success`, or (`error`) into `Operation::errors`.
    pub index: usize,
    pub error: bool,
    /// The statuses it answers: one (`lo == hi`), or a range the caller picks from.
    pub lo: u16,
    pub hi: u16,
}

/// The mocks of one group's operations (`server.pets().list_pets()`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMock {
    /// Its method on the mock server: the client's.
    pub method: RustIdent,
    /// The struct it returns (`PetsApiMocks`).
    pub type_name: RustIdent,
}

/// The mock plan of a model; `None` without operations (nothing to mock).
pub fn plan(model: &Model) -> Option<MockPlan> {
    if model.operations.is_empty() {
        return None;
    }
    let mut server = NameSet::new();
    MOCK_SERVER_METHODS.iter().for_each(|m| server.reserve(m));
    let mut types = NameSet::new();
    types.reserve("MockServer");
    let groups = model
        .groups
        .iter()
        .map(|g| GroupMock {
            method: claim_method(&mut server, &g.method_name, "_mocks"),
            type_name: types.claim(&g.type_name.suffixed("Mocks")),
        })
        .collect();
    let operations = model
        .operations
        .iter()
        .map(|op| {
            // A group's mocks have no methods but its operations'.
            let method = match op.group {
                Some(_) => op.method_name.clone(),
                None => claim_method(&mut server, &op.method_name, "_operation"),
            };
            operation_mock(op, method, types.claim(&op.type_name.suffixed("Mock")))
        })
        .collect();
    Some(MockPlan { operations, groups })
}

/// The client's name for a method of the mock server, unless the server has
/// a method of that name: then with `suffix`.
fn claim_method(names: &mut NameSet, name: &RustIdent, suffix: &str) -> RustIdent {
    let name = if MOCK_SERVER_METHODS.contains(&name.as_str()) {
        name.suffixed(suffix)
    } else {
        name.clone()
    };
    names.claim_with(&name, naming::numbered_field)
}

fn operation_mock(op: &Operation, method: RustIdent, type_name: RustIdent) -> OperationMock {
    let mut names = NameSet::new();
    MOCK_METHODS.iter().for_each(|m| names.reserve(m));
    let params = op
        .params
        .iter()
        .map(|p| {
            let name = naming::method_name(&format!("with_{}", p.name.unraw()));
            names.claim_with(&name, naming::numbered_field)
        })
        .collect();
    let responses = op
        .success
        .iter()
        .enumerate()
        .map(|(i, r)| (i, false, r))
        .chain(op.errors.iter().enumerate().map(|(i, r)| (i, true, r)));
    let responders = responses
        .map(|(index, error, r)| {
            let (lo, hi) = match r.status {
                StatusMatch::Code(c) => (c, c),
                StatusMatch::Range(d) => (d * 100, d * 100 + 99),
                StatusMatch::Default => (100, 599),
            };
            let name = naming::method_name(&format!("respond_{}", r.variant.to_snake_case()));
            Responder {
                method: names.claim_with(&name, naming::numbered_field),
                index,
                error,
                lo,
                hi,
            }
        })
        .collect();
    let events = op.stream.as_ref().map(|_| {
        let status = op.success.iter().find_map(|r| match r.status {
            StatusMatch::Code(c) => Some(c),
            _ => None,
        });
        let name = names.claim_with(
            &naming::method_name("respond_events"),
            naming::numbered_field,
        );
        (name, status.unwrap_or(200))
    });
    OperationMock {
        method,
        type_name,
        params,
        events,
        body: op.body.as_ref().is_some_and(|b| typed_body(&b.kind)),
        responders,
        prefixes: op
            .servers
            .first()
            .and_then(|s| prefix(&s.url))
            .into_iter()
            .collect(),
    }
}

/// Whether `with_body` matches a body of this kind (forms, multipart and a
/// choice of media types are matched with `matching`).
fn typed_body(kind: &BodyKind) -> bool {
    matches!(kind, BodyKind::Json(_) | BodyKind::Text | BodyKind::Bytes)
}

/// The path a relative server puts before an operation's path on the
/// client's host (`/files`, `./v2` → `/v2`); `None` for an absolute one.
fn prefix(url: &str) -> Option<String> {
    if url.contains("://") || url.starts_with("//") {
        return None;
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = path.trim_start_matches("./").trim_matches('/');
    (!path.is_empty()).then(|| format!("/{path}"))
}

/// The runtime parts the mocks call.
pub fn parts(model: &Model, plan: &MockPlan) -> Vec<RuntimePart> {
    use RuntimePart::*;
    let mut parts = vec![Mock];
    for (op, mock) in model.operations.iter().zip(&plan.operations) {
        parts.extend(op.params.iter().map(|p| match p.location {
            Location::Path => MockPath,
            Location::Query => MockQuery,
            Location::Header => MockHeader,
            Location::Cookie => MockCookie,
        }));
        match op.body.as_ref().map(|b| &b.kind) {
            Some(BodyKind::Json(_)) => parts.push(MockBodyJson),
            Some(BodyKind::Text) => parts.push(MockBodyText),
            Some(BodyKind::Bytes) => parts.push(MockBodyBytes),
            _ => {}
        }
        for r in &mock.responders {
            let response = if r.error {
                &op.errors[r.index]
            } else {
                &op.success[r.index]
            };
            parts.push(match response.body {
                ResponseBody::Json(_) => MockRespondJson,
                ResponseBody::Text => MockRespondText,
                ResponseBody::Bytes => MockRespondBytes,
                ResponseBody::Empty => MockRespondEmpty,
            });
            if r.lo != r.hi {
                parts.push(MockStatusRange);
            }
        }
        if mock.events.is_some() {
            parts.push(MockRespondEvents);
        }
        if op.stream.as_ref().is_some_and(|s| s.json) {
            parts.push(MockRespondEventsJson);
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(paths: &str, group_by_tag: bool) -> Model {
        let text = format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {paths}\n");
        let doc = crate::load::load_str(&text).unwrap();
        let options = crate::model::ModelOptions {
            group_by_tag,
            ..Default::default()
        };
        crate::model::build(&doc, &options).unwrap().0
    }

    #[test]
    fn names_follow_the_client_and_never_take_the_mocks_own() {
        let plan = plan(&model(
            "{'/pets/{id}': {get: {operationId: verify, parameters: [\
               {name: id, in: path, required: true, schema: {type: string}}, \
               {name: header, in: query, schema: {type: string}}, \
               {name: priority, in: query, schema: {type: integer}}, \
               {name: type, in: query, schema: {type: string}}], \
               responses: {'200': {description: ok}, '201': {description: created}, \
               '4XX': {description: client}, default: {description: any}}}}, \
             /start: {post: {operationId: start, requestBody: {content: {application/json: {schema: {type: object}}}}, \
               responses: {'204': {description: ok}}}}, \
             /start_operation: {get: {operationId: start_operation, responses: {'204': {description: ok}}}}}",
            false,
        ))
        .unwrap();
        let [verify, start, start_operation] = plan.operations.as_slice() else {
            panic!("three operations: {plan:?}");
        };
        assert_eq!(verify.method, "verify_operation");
        assert_eq!(verify.type_name, "VerifyMock");
        // `header` is the builder's own (`header_param`); `priority` is the mock's own.
        assert_eq!(
            verify.params,
            ["with_id", "with_header_param", "with_priority", "with_type"]
        );
        let responders: Vec<(&str, u16, u16)> = verify
            .responders
            .iter()
            .map(|r| (r.method.as_str(), r.lo, r.hi))
            .collect();
        assert_eq!(
            responders,
            [
                ("respond_ok", 200, 200),
                ("respond_created", 201, 201),
                ("respond_client_error", 400, 499),
                ("respond_default", 100, 599)
            ]
        );
        assert!(!verify.body && start.body);
        assert_eq!(start.method, "start_operation");
        assert_eq!(start_operation.method, "start_operation_2");
    }

    #[test]
    fn a_tags_operations_are_methods_of_its_groups_mocks() {
        let plan = plan(&model(
            "{/pets: {get: {operationId: listPets, tags: [pets], responses: {'204': {description: ok}}}}, \
              /other: {get: {operationId: client, responses: {'204': {description: ok}}}}}",
            true,
        ))
        .unwrap();
        assert_eq!(
            plan.groups,
            [GroupMock {
                method: "pets".into(),
                type_name: "PetsApiMocks".into()
            }]
        );
        assert_eq!(plan.operations[0].method, "list_pets");
        // `client` is the mock server's own method.
        assert_eq!(plan.operations[1].method, "client_operation");
    }

    #[test]
    fn a_relative_server_is_a_prefix_of_the_path() {
        let cases = [
            ("/files", Some("/files")),
            ("./v2/", Some("/v2")),
            ("v2?x=1", Some("/v2")),
            ("/", None),
            ("https://uploads.example/v2", None),
            ("//cdn.example", None),
        ];
        for (url, want) in cases {
            assert_eq!(prefix(url).as_deref(), want, "{url}");
        }
    }

    #[test]
    fn a_document_without_operations_has_no_mocks() {
        assert_eq!(plan(&model("{}", false)), None);
    }

    /// The reserved names are the runtime's: every method `MockServer` and
    /// `operation_mock!` define in the template.
    #[test]
    fn the_reserved_names_are_the_templates_methods() {
        let template = include_str!("../../runtime/src/mock.rs");
        let template = &template[..template.find("#[cfg(test)]").unwrap()];
        let (server, mocks) = template.split_at(template.find("macro_rules!").unwrap());
        let fns = |text: &str| -> Vec<String> {
            text.split("fn ")
                .skip(1)
                .filter_map(|rest| rest.split(['(', '<']).next())
                .map(str::to_string)
                .collect()
        };
        let server_impls: String = server
            .split("\nimpl MockServer {")
            .skip(1)
            .map(|block| block.split("\n}\n").next().unwrap_or(""))
            .collect();
        for name in fns(&server_impls) {
            assert!(
                MOCK_SERVER_METHODS.contains(&name.as_str()),
                "MockServer::{name}"
            );
        }
        for name in fns(mocks) {
            assert!(
                MOCK_METHODS.contains(&name.as_str()),
                "operation_mock!: {name}"
            );
        }
    }
}
