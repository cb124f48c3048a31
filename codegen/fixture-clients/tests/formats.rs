//! Formats: uuid, byte (base64), binary, date-time, date, integer and number
//! widths, and unknown formats falling back to their base type.

use fixture_clients::formats::types::{Base64, File};
use serde_json::json;

fn wire() -> serde_json::Value {
    json!({
        "id": "67e55044-10b1-426f-9247-bb680e5fe0c8",
        "content": "aGVsbG8=",
        "thumbnails": ["AAEC", "/w=="],
        "blob": "raw bytes as text",
        "created": "2024-02-29T23:59:59Z",
        "day": "2024-02-29",
        "small": -2147483648i64,
        "big": 9007199254740993i64,
        "unsigned": 18446744073709551615u64,
        "ratio": 0.25,
        "precise": 0.1,
        "email": "a@b.c",
        "money": "12.50 EUR",
        "weird": 5,
        "fuzzy": 1.5
    })
}

#[test]
fn every_format_decodes_to_its_type_and_encodes_back() {
    let file: File = serde_json::from_value(wire()).unwrap();
    assert_eq!(file.id.to_string(), "67e55044-10b1-426f-9247-bb680e5fe0c8");
    assert_eq!(file.content, Base64(b"hello".to_vec()));
    assert_eq!(&file.content[..], b"hello");
    assert_eq!(
        file.thumbnails,
        Some(vec![Base64(vec![0, 1, 2]), Base64(vec![255])])
    );
    assert_eq!(file.created.to_rfc3339(), "2024-02-29T23:59:59+00:00");
    assert_eq!(file.day.unwrap().to_string(), "2024-02-29");
    assert_eq!(file.small, Some(i32::MIN));
    assert_eq!(file.big, Some(9007199254740993));
    assert_eq!(file.unsigned, Some(u64::MAX));
    assert_eq!(file.ratio, Some(0.25f32));
    assert_eq!(file.precise, Some(0.1f64));
    assert_eq!(file.money.as_deref(), Some("12.50 EUR"));
    assert_eq!(serde_json::to_value(&file).unwrap(), wire());
}

#[test]
fn base64_without_padding_decodes_and_bad_base64_fails() {
    let mut w = wire();
    w["content"] = json!("aGVsbG8");
    let file: File = serde_json::from_value(w.clone()).unwrap();
    assert_eq!(file.content.0, b"hello");
    // Encoding always pads.
    assert_eq!(
        serde_json::to_value(&file).unwrap()["content"],
        json!("aGVsbG8=")
    );
    w["content"] = json!("not base64!");
    assert!(serde_json::from_value::<File>(w).is_err());
}

#[test]
fn out_of_range_and_malformed_values_fail() {
    for (field, bad) in [
        ("small", json!(2147483648i64)),
        ("unsigned", json!(-1)),
        ("id", json!("not-a-uuid")),
        ("created", json!("yesterday")),
        ("day", json!("2024-02-30")),
    ] {
        let mut w = wire();
        w[field] = bad.clone();
        assert!(
            serde_json::from_value::<File>(w).is_err(),
            "{field} = {bad} should not decode"
        );
    }
}
