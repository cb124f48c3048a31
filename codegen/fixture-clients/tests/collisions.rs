//! Names: inline schemas named from their place, collisions renamed
//! deterministically, prelude and client names made safe.

use fixture_clients::collisions::types::{
    Base64Type, BoxType, ClientType, ErrorType, OptionType, Order, OrderItem, OrderItem2,
    OrderStatus, OrderStatus2, ResultType, SomeType, VecType,
};
use serde_json::json;

#[test]
fn an_inline_schema_whose_name_is_taken_gets_a_numbered_name() {
    let order: Order =
        serde_json::from_value(json!({"item": {"sku": "s"}, "status": "open"})).unwrap();
    assert_eq!(
        order.item,
        Some(OrderItem2 {
            sku: Some("s".into())
        })
    );
    assert_eq!(order.status, Some(OrderStatus2::Open));
    // The components keep their own names.
    let _: OrderItem = OrderItem { count: Some(1) };
    let _: OrderStatus = String::from("component");
}

#[test]
fn prelude_and_client_names_compile() {
    let b = BoxType {
        r#type: Some("t".into()),
        self_: Some("s".into()),
        option: Some(OptionType::A),
    };
    assert_eq!(
        serde_json::to_value(&b).unwrap(),
        json!({"type": "t", "Self": "s", "option": "a"})
    );
    let c = ClientType {
        error: Some(ErrorType {
            message: Some("m".into()),
        }),
    };
    assert_eq!(
        serde_json::to_value(&c).unwrap(),
        json!({"error": {"message": "m"}})
    );
    let _: ResultType = ResultType { ok: Some(true) };
    let _: VecType = vec![String::new()];
    let _: Base64Type = String::new();
    let _: SomeType = 1;
    // The prelude still means the prelude here.
    let _: Option<Result<Vec<Box<String>>, ()>> = None;
}
