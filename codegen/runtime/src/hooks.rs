// [template]
// part = "hooks"
// reexport = "pub"
// requires = ["request"]
// root = ["Hook", "RequestInfo", "ResponseInfo"]

//! Code of the caller's that runs with every request: before each attempt
//! (to change the request: a header, a signature) and after each response
//! (to log or measure).

use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

use super::{BoxError, BoxFuture};

/// Code of yours that runs with every request the client sends: add it with
/// the client's `with_hook`. Several hooks run one after another, in the
/// order they were added; each method may wait (it returns a future).
///
/// ```ignore
/// struct Tenant;
///
/// impl Hook for Tenant {
///     fn before_attempt<'a>(
///         &'a self,
///         request: &'a mut reqwest::Request,
///         _: &'a RequestInfo,
///     ) -> BoxFuture<'a, Result<(), BoxError>> {
///         request.headers_mut().insert("x-tenant", "acme".parse().unwrap());
///         Box::pin(async { Ok(()) })
///     }
/// }
/// ```
pub trait Hook: Send + Sync + 'static {
    /// Runs before each attempt, retries included, on the request as it is
    /// about to be sent (credentials in it): it may change it. An error
    /// stops the request with `Error::Hook`.
    fn before_attempt<'a>(
        &'a self,
        request: &'a mut reqwest::Request,
        info: &'a RequestInfo,
    ) -> BoxFuture<'a, Result<(), BoxError>> {
        let _ = (request, info);
        Box::pin(async { Ok(()) })
    }

    /// Runs after each attempt: with its response, or with the transport
    /// error that left it without one.
    fn after_response<'a>(&'a self, response: &'a ResponseInfo<'_>) -> BoxFuture<'a, ()> {
        let _ = response;
        Box::pin(async {})
    }
}

/// Which request an attempt belongs to. It names no parameter value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInfo {
    /// The operation's id in the document (its method name when it has none).
    pub operation: &'static str,
    pub method: Method,
    /// The path as the document writes it, parameters unfilled (`/pets/{id}`).
    pub path: &'static str,
    /// 1 for the first attempt, 2 for the first retry, …
    pub attempt: u32,
}

/// What one attempt got: a response, or a transport error.
#[derive(Debug)]
pub struct ResponseInfo<'a> {
    pub request: &'a RequestInfo,
    /// The status, when a response came.
    pub status: Option<StatusCode>,
    /// The response headers (empty without a response).
    pub headers: &'a HeaderMap,
    /// Why no response came.
    pub error: Option<&'a reqwest::Error>,
    /// From sending the request to the response's headers (or the error).
    pub elapsed: Duration,
}

/// Runs every hook's `before_attempt` in turn; the first error stops them.
pub(crate) async fn before_attempt(
    hooks: &[std::sync::Arc<dyn Hook>],
    request: &mut reqwest::Request,
    info: &RequestInfo,
) -> Result<(), BoxError> {
    for hook in hooks {
        hook.before_attempt(request, info).await?;
    }
    Ok(())
}

/// Runs every hook's `after_response` in turn.
pub(crate) async fn after_response(hooks: &[std::sync::Arc<dyn Hook>], info: &ResponseInfo<'_>) {
    for hook in hooks {
        hook.after_response(info).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// Notes what it sees, and adds a header naming itself.
    struct Note(&'static str, Arc<Mutex<Vec<String>>>);

    impl Hook for Note {
        fn before_attempt<'a>(
            &'a self,
            request: &'a mut reqwest::Request,
            info: &'a RequestInfo,
        ) -> BoxFuture<'a, Result<(), BoxError>> {
            Box::pin(async move {
                // A hook may wait.
                tokio::task::yield_now().await;
                request
                    .headers_mut()
                    .append("x-hook", self.0.parse().unwrap());
                let n = request.headers().get_all("x-hook").iter().count();
                let line = format!(
                    "{} before {} #{} ({n})",
                    self.0, info.operation, info.attempt
                );
                self.1.lock().unwrap().push(line);
                if self.0 == "refuses" {
                    return Err("no".into());
                }
                Ok(())
            })
        }

        fn after_response<'a>(&'a self, response: &'a ResponseInfo<'_>) -> BoxFuture<'a, ()> {
            Box::pin(async move {
                let line = format!("{} after {:?}", self.0, response.status);
                self.1.lock().unwrap().push(line);
            })
        }
    }

    fn info() -> RequestInfo {
        RequestInfo {
            operation: "listPets",
            method: Method::GET,
            path: "/pets",
            attempt: 2,
        }
    }

    #[tokio::test]
    async fn hooks_run_in_the_order_they_were_added_and_may_change_the_request() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let hooks: Vec<Arc<dyn Hook>> = vec![
            Arc::new(Note("one", seen.clone())),
            Arc::new(Note("two", seen.clone())),
        ];
        let mut request = reqwest::Client::new()
            .get("http://localhost/pets")
            .build()
            .unwrap();
        before_attempt(&hooks, &mut request, &info()).await.unwrap();
        let values: Vec<_> = request.headers().get_all("x-hook").iter().collect();
        assert_eq!(values, ["one", "two"]);
        let headers = HeaderMap::new();
        let response = ResponseInfo {
            request: &info(),
            status: Some(StatusCode::OK),
            headers: &headers,
            error: None,
            elapsed: Duration::from_millis(3),
        };
        after_response(&hooks, &response).await;
        assert_eq!(
            *seen.lock().unwrap(),
            [
                "one before listPets #2 (1)",
                "two before listPets #2 (2)",
                "one after Some(200)",
                "two after Some(200)"
            ]
        );
    }

    #[tokio::test]
    async fn a_failing_hook_stops_the_ones_after_it() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let hooks: Vec<Arc<dyn Hook>> = vec![
            Arc::new(Note("refuses", seen.clone())),
            Arc::new(Note("never", seen.clone())),
        ];
        let mut request = reqwest::Client::new()
            .get("http://localhost/")
            .build()
            .unwrap();
        let e = before_attempt(&hooks, &mut request, &info())
            .await
            .unwrap_err();
        assert_eq!(e.to_string(), "no");
        assert_eq!(seen.lock().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_hook_with_nothing_to_do_needs_no_methods() {
        struct Quiet;
        impl Hook for Quiet {}
        let hooks: Vec<Arc<dyn Hook>> = vec![Arc::new(Quiet)];
        let mut request = reqwest::Client::new()
            .get("http://localhost/")
            .build()
            .unwrap();
        before_attempt(&hooks, &mut request, &info()).await.unwrap();
        assert!(request.headers().is_empty());
    }
}
