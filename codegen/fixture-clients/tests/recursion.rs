//! Recursive and mutually recursive schemas: boxed where a cycle needs it, only there.

use fixture_clients::recursion::types::{Company, Expr, Leaf, Node, Person, Sum};
use serde_json::json;

#[test]
fn a_tree_round_trips() {
    let wire = json!({
        "name": "root",
        "children": [
            {"name": "a", "children": [{"name": "a1"}]},
            {"name": "b", "parent": {"name": "root"}}
        ],
        "attributes": {"meta": {"name": "m"}}
    });
    let node: Node = serde_json::from_value(wire.clone()).unwrap();
    let children = node.children.as_ref().unwrap();
    assert_eq!(children[0].children.as_ref().unwrap()[0].name, "a1");
    assert_eq!(
        children[1].parent.as_deref().map(|p| p.name.as_str()),
        Some("root")
    );
    assert_eq!(serde_json::to_value(&node).unwrap(), wire);
}

#[test]
fn mutual_recursion_is_boxed_once() {
    // `Company.ceo` holds a `Person` by value; `Person.employer` is the boxed edge.
    let company = Company {
        name: "Acme".into(),
        ceo: Person {
            name: "Wile".into(),
            employer: Some(Box::new(Company {
                name: "Acme".into(),
                ceo: Person {
                    name: "Road".into(),
                    employer: None,
                },
            })),
        },
    };
    let wire = serde_json::to_value(&company).unwrap();
    assert_eq!(
        wire,
        json!({"name": "Acme", "ceo": {"name": "Wile", "employer": {"name": "Acme", "ceo": {"name": "Road"}}}})
    );
    assert_eq!(serde_json::from_value::<Company>(wire).unwrap(), company);
}

#[test]
fn a_recursive_union_decodes() {
    let wire = json!({"left": 1, "right": {"left": 2, "right": 3}});
    let expr: Expr = serde_json::from_value(wire.clone()).unwrap();
    let Expr::Sum(Sum { left, right }) = &expr else {
        panic!("not a sum: {expr:?}");
    };
    assert_eq!(**left, Expr::Integer(1));
    assert!(matches!(**right, Expr::Sum(_)));
    assert_eq!(serde_json::to_value(&expr).unwrap(), wire);
}

#[test]
fn types_off_the_cycle_are_not_boxed() {
    // `Leaf.node` is a plain `Option<Node>`: this only compiles if it is.
    let leaf = Leaf {
        node: Some(Node {
            name: "n".into(),
            ..Default::default()
        }),
    };
    assert_eq!(
        serde_json::to_value(&leaf).unwrap(),
        json!({"node": {"name": "n"}})
    );
}
