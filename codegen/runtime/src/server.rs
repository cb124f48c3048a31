// [template]
// part = "operation_server"
// reexport = "crate"

//! Where an operation with servers of its own sends its requests.

use super::Error;

/// Where an operation with servers of its own sends requests: an absolute
/// server URL as it is, a relative one on the client's host.
pub(crate) fn operation_server<E>(
    client_base: &reqwest::Url,
    server: &str,
) -> Result<reqwest::Url, Error<E>> {
    client_base
        .join(server)
        .map_err(|e| Error::InvalidRequest(format!("the server URL {server:?} is not valid: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(base: &str, server: &str) -> String {
        let base = reqwest::Url::parse(base).unwrap();
        operation_server::<()>(&base, server).unwrap().to_string()
    }

    #[test]
    fn an_absolute_server_is_taken_as_it_is() {
        assert_eq!(
            server("https://api.example/v1", "https://uploads.example/v2"),
            "https://uploads.example/v2"
        );
    }

    #[test]
    fn a_relative_server_is_on_the_clients_host() {
        assert_eq!(
            server("http://127.0.0.1:8080/v1", "/files"),
            "http://127.0.0.1:8080/files"
        );
    }

    #[test]
    fn an_invalid_server_is_an_invalid_request() {
        let base = reqwest::Url::parse("https://api.example").unwrap();
        let e = operation_server::<()>(&base, "http://[::1").unwrap_err();
        assert!(matches!(e, Error::InvalidRequest(_)), "{e}");
    }
}
