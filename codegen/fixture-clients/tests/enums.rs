//! String and integer enums: readable distinct names, open to unknown values.

use fixture_clients::enums::types::{Job, JobKind, Priority, State};
use serde_json::json;

#[test]
fn awkward_values_get_distinct_names_and_round_trip() {
    let cases = [
        (State::InProgress, "in-progress"),
        (State::InProgress2, "in_progress"),
        (State::InProgress3, "InProgress"),
        (State::V1_0, "1.0"),
        (State::Plus1, "+1"),
        (State::Minus1, "-1"),
        (State::Empty, ""),
        (State::Other, "Other"),
        (State::SelfValue, "self"),
        (State::Done, "done"),
    ];
    for (variant, wire) in cases {
        assert_eq!(variant.as_str(), wire);
        assert_eq!(variant.to_string(), wire);
        assert_eq!(wire.parse::<State>().unwrap(), variant);
        assert_eq!(serde_json::to_value(&variant).unwrap(), json!(wire));
        assert_eq!(
            serde_json::from_value::<State>(json!(wire)).unwrap(),
            variant
        );
    }
}

#[test]
fn an_unknown_string_is_kept_and_sent_back_unchanged() {
    let state: State = serde_json::from_value(json!("archived")).unwrap();
    assert_eq!(state, State::Other2("archived".into()));
    assert_eq!(state.as_str(), "archived");
    assert_eq!(serde_json::to_value(&state).unwrap(), json!("archived"));
    // Case matters: `DONE` is not `done`.
    assert_eq!(
        "DONE".parse::<State>().unwrap(),
        State::Other2("DONE".into())
    );
}

#[test]
fn integer_enums_are_open_too() {
    assert_eq!(
        serde_json::from_value::<Priority>(json!(-1)).unwrap(),
        Priority::Minus1
    );
    assert_eq!(Priority::V100.value(), 100);
    let unknown: Priority = serde_json::from_value(json!(7)).unwrap();
    assert_eq!(unknown, Priority::Other(7));
    assert_eq!(unknown.to_string(), "7");
    assert_eq!(serde_json::to_value(unknown).unwrap(), json!(7));
    assert!(serde_json::from_value::<Priority>(json!("1")).is_err());
}

#[test]
fn a_response_with_a_new_value_still_decodes() {
    let wire = json!({"state": "queued", "priority": 9, "kind": "realtime"});
    let job: Job = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(job.state, State::Other2("queued".into()));
    assert_eq!(job.priority, Some(Priority::Other(9)));
    assert_eq!(job.kind, Some(JobKind::Other("realtime".into())));
    assert_eq!(serde_json::to_value(&job).unwrap(), wire);
}
