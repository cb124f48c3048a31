//! Operation ids of every shape become readable, unique method names, and each method
//! sends its own operation.

mod common;

use common::{base_url, only_request, server_answering};
use fixture_clients::operation_ids::Client;
use wiremock::ResponseTemplate;

/// Sends one request and returns `METHOD path` as it arrived.
macro_rules! sent {
    (|$client:ident| $call:expr) => {{
        let server = server_answering(ResponseTemplate::new(204)).await;
        let $client = Client::with_base_url(base_url(&server));
        $call.await.expect("204 is declared");
        let request = only_request(&server).await;
        format!("{} {}", request.method, request.url.path())
    }};
}

#[tokio::test]
async fn every_shape_of_id_names_a_method_that_sends_its_operation() {
    // `Api.Things.ThingsController.list`: the last dotted part.
    assert_eq!(sent!(|c| c.list()), "GET /dotted");
    assert_eq!(sent!(|c| c.things_list_all()), "GET /slashed");
    assert_eq!(sent!(|c| c.get_thing_by_name()), "GET /spaced");
    assert_eq!(sent!(|c| c.delete_all_the_things()), "GET /dashed");
    assert_eq!(sent!(|c| c.get_http_status_code()), "GET /camel");
    assert_eq!(sent!(|c| c.op_2fa_enable()), "GET /digits");
}

#[tokio::test]
async fn duplicate_ids_fall_back_to_method_and_path() {
    assert_eq!(sent!(|c| c.get_first()), "GET /first");
    assert_eq!(sent!(|c| c.get_second()), "GET /second");
}

#[tokio::test]
async fn a_missing_id_is_named_from_method_and_path() {
    assert_eq!(
        sent!(|c| c.post_widgets_by_widget_id_parts("w 1")),
        "POST /widgets/w%201/parts"
    );
}

#[tokio::test]
async fn an_id_that_is_a_client_method_is_renamed() {
    assert_eq!(sent!(|c| c.base_url_operation()), "GET /client-methods");
    // The client's own method is untouched.
    let client = Client::with_base_url("http://127.0.0.1:1/x/".parse().unwrap());
    assert_eq!(client.base_url().as_str(), "http://127.0.0.1:1/x/");
}
