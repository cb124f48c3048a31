//! A base schema with a `discriminator` that subtypes extend with `allOf`:
//! a union of the subtypes, picked by the tag.

use fixture_clients::inheritance::types::{Bike, Car, Garage, Vehicle};
use serde_json::json;

#[test]
fn the_tag_picks_the_subtype_with_the_base_fields_merged_in() {
    let wire = json!([
        {"kind": "bike", "wheels": 2, "gears": 21},
        {"kind": "Car", "wheels": 4, "seats": 5}
    ]);
    let vehicles: Vec<Vehicle> = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(
        vehicles[0],
        Vehicle::Bike(Bike {
            kind: "bike".into(),
            wheels: 2,
            gears: Some(21)
        })
    );
    assert_eq!(
        vehicles[1],
        Vehicle::Car(Car {
            kind: "Car".into(),
            wheels: 4,
            seats: 5
        })
    );
    assert_eq!(serde_json::to_value(&vehicles).unwrap(), wire);
}

#[test]
fn the_base_type_itself_and_new_subtypes_are_kept_raw() {
    let wire =
        json!({"vehicles": [{"kind": "Vehicle", "wheels": 3}, {"kind": "truck", "wheels": 18}]});
    let garage: Garage = serde_json::from_value(wire.clone()).unwrap();
    let vehicles = garage.vehicles.as_ref().unwrap();
    assert!(matches!(&vehicles[0], Vehicle::Other(v) if v["wheels"] == 3));
    assert!(matches!(&vehicles[1], Vehicle::Other(v) if v["kind"] == "truck"));
    assert_eq!(serde_json::to_value(&garage).unwrap(), wire);
}
