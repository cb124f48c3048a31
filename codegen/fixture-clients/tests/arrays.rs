//! Arrays, nested arrays, arrays of inline objects, `uniqueItems`.

use fixture_clients::arrays::types::{Grid, GridPoint, Matrix};
use serde_json::json;

#[test]
fn nested_arrays_and_inline_items_round_trip() {
    let wire = json!({
        "cells": [[1, 2], [], [3]],
        "points": [{"x": 1.5, "y": -2.0}],
        "tags": ["a", "b"],
        "maybe": ["x", null],
        "anything": [1, "two", {"three": 3}]
    });
    let grid: Grid = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(grid.cells, vec![vec![1, 2], vec![], vec![3]]);
    assert_eq!(grid.points, Some(vec![GridPoint { x: 1.5, y: -2.0 }]));
    assert_eq!(grid.maybe, Some(vec![Some("x".into()), None]));
    assert_eq!(grid.anything.as_ref().map(Vec::len), Some(3));
    assert_eq!(serde_json::to_value(&grid).unwrap(), wire);
}

#[test]
fn unique_items_keep_their_order() {
    // `uniqueItems` stays a `Vec`: the order the server sent is kept, and a
    // server that repeats an item does not fail the response.
    let grid: Grid = serde_json::from_value(json!({"cells": [], "tags": ["b", "a", "b"]})).unwrap();
    assert_eq!(grid.tags, Some(vec!["b".into(), "a".into(), "b".into()]));
}

#[test]
fn item_types_are_checked() {
    assert!(serde_json::from_value::<Grid>(json!({"cells": [["x"]]})).is_err());
    assert!(serde_json::from_value::<Grid>(json!({"cells": [[3000000000i64]]})).is_err());
}

#[test]
fn a_top_level_nested_array_is_an_alias() {
    let m: Matrix = serde_json::from_value(json!([[1.0, 2.5], [0.0]])).unwrap();
    assert_eq!(m, vec![vec![1.0f32, 2.5], vec![0.0]]);
}
