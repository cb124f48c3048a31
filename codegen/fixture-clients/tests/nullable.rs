//! Optional, nullable, optional-and-nullable fields, and defaults.

use fixture_clients::nullable::types::{
    Address, Profile, ProfilePatch, ProfileSize, ProfileSizeString, State,
};
use serde_json::json;

fn patch() -> ProfilePatch {
    ProfilePatch {
        id: "u1".into(),
        nickname: None,
        ..Default::default()
    }
}

#[test]
fn a_request_can_send_absent_null_or_a_value() {
    // Absent: left out.
    assert_eq!(
        serde_json::to_value(patch()).unwrap(),
        json!({"id": "u1", "nickname": null})
    );
    // Null: clears it.
    let clear = ProfilePatch {
        avatar: Some(None),
        address: Some(None),
        ..patch()
    };
    assert_eq!(
        serde_json::to_value(&clear).unwrap(),
        json!({"id": "u1", "nickname": null, "avatar": null, "address": null})
    );
    // A value.
    let set = ProfilePatch {
        nickname: Some("n".into()),
        bio: Some("b".into()),
        avatar: Some(Some("a.png".into())),
        address: Some(Some(Address {
            city: Some("Oslo".into()),
        })),
        ..patch()
    };
    assert_eq!(
        serde_json::to_value(&set).unwrap(),
        json!({"id": "u1", "nickname": "n", "bio": "b", "avatar": "a.png", "address": {"city": "Oslo"}})
    );
}

#[test]
fn absent_null_and_a_value_decode_apart() {
    let absent: ProfilePatch =
        serde_json::from_value(json!({"id": "u1", "nickname": null})).unwrap();
    assert_eq!(absent.avatar, None);
    let null: ProfilePatch =
        serde_json::from_value(json!({"id": "u1", "nickname": null, "avatar": null})).unwrap();
    assert_eq!(null.avatar, Some(None));
    let value: ProfilePatch =
        serde_json::from_value(json!({"id": "u1", "nickname": "n", "avatar": "x"})).unwrap();
    assert_eq!(value.avatar, Some(Some("x".into())));
    assert_eq!(value.nickname.as_deref(), Some("n"));
    for decoded in [absent, null, value] {
        let again = serde_json::to_value(&decoded).unwrap();
        assert_eq!(
            serde_json::from_value::<ProfilePatch>(again).unwrap(),
            decoded
        );
    }
}

#[test]
fn required_fields_are_required_and_optional_ones_reject_null_only_when_not_nullable() {
    assert!(serde_json::from_value::<ProfilePatch>(json!({"nickname": null})).is_err());
    assert!(
        serde_json::from_value::<ProfilePatch>(json!({"id": "u", "nickname": null, "bio": 1}))
            .is_err()
    );
}

#[test]
fn defaults_fill_in_what_a_response_leaves_out() {
    let profile: Profile = serde_json::from_value(json!({"id": "p"})).unwrap();
    assert_eq!(profile.limit, Some(20));
    assert_eq!(profile.ratio, Some(0.5));
    assert_eq!(profile.theme.as_deref(), Some("dark"));
    assert_eq!(profile.enabled, Some(true));
    assert_eq!(profile.level, Some(State::Active));
    assert_eq!(profile.offset, Some(-5));
    assert_eq!(profile.tags, Some(vec!["new".to_string()]));
    assert_eq!(profile.since, chrono::NaiveDate::from_ymd_opt(2024, 1, 31));
    assert_eq!(
        profile.weights,
        Some([("a".to_string(), 1)].into_iter().collect())
    );
    assert_eq!(
        profile.size,
        Some(ProfileSize::String(ProfileSizeString::Auto))
    );
    // No default: absent stays absent.
    assert_eq!(profile.state, None);
    // A `null` default, and a default that does not fit the type, give nothing.
    assert_eq!(profile.note, None);
    assert_eq!(profile.wrong, None);
}

#[test]
fn a_value_the_response_sends_wins_over_the_default() {
    let profile: Profile =
        serde_json::from_value(json!({"id": "p", "limit": 5, "enabled": false, "level": "paused"}))
            .unwrap();
    assert_eq!(profile.limit, Some(5));
    assert_eq!(profile.enabled, Some(false));
    assert_eq!(profile.level, Some(State::Paused));
}

#[test]
fn defaults_are_never_sent_unless_set() {
    let built = Profile {
        id: "p".into(),
        ..Default::default()
    };
    assert_eq!(built.limit, None);
    // `name` is required and nullable: sent as `null`.
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        json!({"id": "p", "name": null})
    );
}

#[test]
fn a_nullable_alias_is_one_option_not_two() {
    // `NullableName` is `Option<String>`; a field or item using it is
    // `Option<String>` too (tri-state where optional in a request).
    let profile: Profile = serde_json::from_value(json!({"id": "p", "name": null})).unwrap();
    assert_eq!(profile.name, None);
    let profile: Profile = serde_json::from_value(json!({"id": "p", "name": "n"})).unwrap();
    assert_eq!(profile.name.as_deref(), Some("n"));

    let absent: ProfilePatch =
        serde_json::from_value(json!({"id": "u", "nickname": null})).unwrap();
    assert_eq!(absent.alias, None);
    let null: ProfilePatch = serde_json::from_value(
        json!({"id": "u", "nickname": null, "alias": null, "aliases": ["a", null]}),
    )
    .unwrap();
    assert_eq!(null.alias, Some(None));
    assert_eq!(null.aliases, Some(vec![Some("a".into()), None]));
    assert_eq!(
        serde_json::to_value(&null).unwrap(),
        json!({"id": "u", "nickname": null, "alias": null, "aliases": ["a", null]})
    );
}

#[tokio::test]
async fn a_nullable_response_body_decodes_null_as_none() {
    use fixture_clients::nullable::{types::MaybeAddress, Client};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_raw("null", "application/json"))
        .mount(&server)
        .await;
    let client = Client::with_base_url(server.uri().parse().unwrap());
    assert_eq!(client.current_address().await.unwrap().into_inner(), None);

    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"city": "Oslo"})))
        .mount(&server)
        .await;
    let client = Client::with_base_url(server.uri().parse().unwrap());
    assert_eq!(
        client.current_address().await.unwrap().into_inner(),
        Some(MaybeAddress {
            city: Some("Oslo".into())
        })
    );
}

#[test]
fn new_takes_the_required_fields_and_leaves_the_rest_out() {
    let patch = ProfilePatch::new("u1");
    assert_eq!(patch.id, "u1");
    // `nickname` is required and nullable: `None`, sent as `null`.
    assert_eq!(
        serde_json::to_value(&patch).unwrap(),
        json!({"id": "u1", "nickname": null})
    );
    let patch = ProfilePatch {
        avatar: Some(None),
        ..ProfilePatch::new("u2")
    };
    assert_eq!(
        serde_json::to_value(&patch).unwrap(),
        json!({"id": "u2", "nickname": null, "avatar": null})
    );
}
