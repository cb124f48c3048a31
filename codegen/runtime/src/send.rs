//! Sending a request: its URL, its cookies, and reading the response.

use super::{Error, RawResponse};

/// Appends encoded path segments to a base URL.
pub(crate) fn build_url<E>(
    base: &reqwest::Url,
    segments: &[&str],
) -> Result<reqwest::Url, Error<E>> {
    if base.cannot_be_a_base() {
        return Err(Error::InvalidRequest(format!(
            "the base URL {base} cannot take a path"
        )));
    }
    let mut path = base.path().trim_end_matches('/').to_string();
    for segment in segments {
        // `.` and `..` would move up the path, and an empty segment changes it.
        if matches!(*segment, "." | "..") || segment.is_empty() {
            return Err(Error::InvalidRequest(format!(
                "{segment:?} cannot be sent as a path segment"
            )));
        }
        path.push('/');
        path.push_str(segment);
    }
    let mut url = base.clone();
    url.set_path(&path);
    Ok(url)
}

/// Sends a request and reads the whole response.
pub(crate) async fn execute<E>(request: reqwest::RequestBuilder) -> Result<RawResponse, Error<E>> {
    let response = send_request(request).await?;
    Ok(RawResponse::read(response).await?)
}

/// Sends a request. Its `Cookie` headers (from cookie parameters, a cookie
/// credential, or [`header`](reqwest::RequestBuilder::header) calls) go as one
/// header, as RFC 6265 asks of a client.
pub(crate) async fn send_request<E>(
    request: reqwest::RequestBuilder,
) -> Result<reqwest::Response, Error<E>> {
    let (http, request) = request.build_split();
    let mut request = request?;
    let headers = request.headers_mut();
    if headers
        .get_all(reqwest::header::COOKIE)
        .iter()
        .nth(1)
        .is_some()
    {
        let joined = headers
            .get_all(reqwest::header::COOKIE)
            .iter()
            .map(|v| v.as_bytes())
            .collect::<Vec<_>>()
            .join(&b"; "[..]);
        if let Ok(value) = reqwest::header::HeaderValue::from_bytes(&joined) {
            headers.insert(reqwest::header::COOKIE, value);
        }
    }
    Ok(http.execute(request).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn url(base: &str, segments: &[&str]) -> Result<String, String> {
        let base = reqwest::Url::parse(base).unwrap();
        build_url::<()>(&base, segments)
            .map(|u| u.to_string())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn segments_go_after_the_base_path() {
        assert_eq!(
            url("https://api.example/v1/", &["pets", "7"]).unwrap(),
            "https://api.example/v1/pets/7"
        );
        assert_eq!(
            url("https://api.example", &["pets"]).unwrap(),
            "https://api.example/pets"
        );
        // A query of the base URL stays.
        assert_eq!(
            url("https://api.example/v1?tenant=a", &["pets"]).unwrap(),
            "https://api.example/v1/pets?tenant=a"
        );
    }

    #[test]
    fn segments_that_would_change_the_path_are_refused() {
        for segment in [".", "..", ""] {
            let e = url("https://api.example/v1", &["pets", segment]).unwrap_err();
            assert!(e.contains("cannot be sent as a path segment"), "{e}");
        }
        let e = url("mailto:someone@example.com", &["pets"]).unwrap_err();
        assert!(e.contains("cannot take a path"), "{e}");
    }

    #[tokio::test]
    async fn cookies_go_as_one_header() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/"))
            .and(header("cookie", "a=1; b=2"))
            .respond_with(ResponseTemplate::new(204))
            .mount(&server)
            .await;
        let request = reqwest::Client::new()
            .get(server.uri())
            .header(reqwest::header::COOKIE, "a=1")
            .header(reqwest::header::COOKIE, "b=2");
        let raw = execute::<()>(request).await.unwrap();
        assert_eq!(raw.status, reqwest::StatusCode::NO_CONTENT);
    }
}
