// [template]
// part = "credentials"
// reexport = "pub"
// requires = ["request"]
// root = ["CredentialProvider"]
//
// [blocks]
// credential_token = {}
// credentials_sent = { requires = ["credential_token", "send"] }
// credential_bearer = { requires = ["credentials_sent", "secret_expose"] }
// credential_header = { requires = ["credentials_sent", "secret_expose"] }
// credential_query = { requires = ["credentials_sent", "secret_expose"] }
// credential_cookie = { requires = ["credentials_sent", "secret_expose"] }
// credential_basic = { requires = ["send", "secret_expose"] }

//! A client's credentials: a fixed secret, or one a provider of the caller's
//! gives for each request (a token it refreshes), and where each is sent.

use super::Secret;

/// Gives a credential for each attempt of each request: an OAuth token that
/// it refreshes when it expires, a key it reads from a vault. Set it with
/// the client's `with_…_provider` methods.
///
/// ```ignore
/// struct Vault;
///
/// impl CredentialProvider for Vault {
///     fn credential(&self) -> BoxFuture<'_, Result<Secret, BoxError>> {
///         Box::pin(async { Ok(Secret::new(fetch_token().await?)) })
///     }
/// }
/// ```
pub trait CredentialProvider: Send + Sync + 'static {
    /// The credential to send now. An error stops the request with
    /// `Error::Credential`.
    fn credential(&self) -> super::BoxFuture<'_, Result<Secret, super::BoxError>>;
}
// @part credential_token

/// A token a client was given (a bearer token, an API key): fixed, or
/// given by a provider. `Debug` never shows it.
#[derive(Clone)]
pub(crate) enum Token {
    /// The same secret for every request.
    Fixed(Secret),
    /// A secret the provider gives for each attempt.
    Provided(std::sync::Arc<dyn CredentialProvider>),
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Token::Fixed(secret) => secret.fmt(f),
            Token::Provided(_) => f.write_str("Provided(…)"),
        }
    }
}
// @end
// @part credentials_sent

/// How a credential is written into a request: `bearer`, or a closure that
/// names where (`|r, t| in_header(r, "X-Key", t)`). The error says where,
/// never what.
pub(crate) type Put = fn(&mut reqwest::Request, &Secret) -> Result<(), String>;

impl<E> super::Prepared<'_, E> {
    /// Sends `credential`, when the client has one, as `put` writes it: at
    /// each attempt, asking its provider for it anew.
    pub(crate) fn credential(&mut self, credential: &Option<Token>, put: Put) {
        let Some(credential) = credential.clone() else {
            return;
        };
        self.steps.push(Box::new(move |mut request, attempts| {
            let credential = credential.clone();
            Box::pin(async move {
                let secret = match credential {
                    Token::Fixed(secret) => secret,
                    Token::Provided(provider) => provider
                        .credential()
                        .await
                        .map_err(|error| super::Error::Credential { error, attempts })?,
                };
                put(&mut request, &secret).map_err(super::Error::InvalidRequest)?;
                Ok(request)
            })
        }));
    }
}
// @end
// @part credential_bearer

/// Writes `Authorization: Bearer …`.
pub(crate) fn bearer(request: &mut reqwest::Request, token: &Secret) -> Result<(), String> {
    let mut value = reqwest::header::HeaderValue::try_from(format!("Bearer {}", token.expose()))
        .map_err(|_| "the bearer token is not a valid header value".to_string())?;
    value.set_sensitive(true);
    request
        .headers_mut()
        .append(reqwest::header::AUTHORIZATION, value);
    Ok(())
}
// @end
// @part credential_header

/// Writes the credential as the header `name`.
pub(crate) fn in_header(
    request: &mut reqwest::Request,
    name: &'static str,
    token: &Secret,
) -> Result<(), String> {
    let refused = || format!("the credential cannot be sent in the header {name:?}");
    let header = reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|_| refused())?;
    let mut value =
        reqwest::header::HeaderValue::from_str(token.expose()).map_err(|_| refused())?;
    value.set_sensitive(true);
    request.headers_mut().append(header, value);
    Ok(())
}
// @end
// @part credential_query

/// Adds the credential as the query parameter `name`.
pub(crate) fn in_query(
    request: &mut reqwest::Request,
    name: &'static str,
    token: &Secret,
) -> Result<(), String> {
    request
        .url_mut()
        .query_pairs_mut()
        .append_pair(name, token.expose());
    Ok(())
}
// @end
// @part credential_cookie

/// Adds the credential as the cookie `name` (joined with any other cookie
/// before the request is sent).
pub(crate) fn in_cookie(
    request: &mut reqwest::Request,
    name: &'static str,
    token: &Secret,
) -> Result<(), String> {
    let mut value = reqwest::header::HeaderValue::try_from(format!("{name}={}", token.expose()))
        .map_err(|_| format!("the credential cannot be sent as the cookie {name:?}"))?;
    value.set_sensitive(true);
    request.headers_mut().append(reqwest::header::COOKIE, value);
    Ok(())
}
// @end
// @part credential_basic

impl<E> super::Prepared<'_, E> {
    /// Sends `Authorization: Basic …` with a user name and password, when
    /// the client has them.
    pub(crate) fn basic_auth(&mut self, credential: &Option<(String, Option<Secret>)>) {
        let Some((username, password)) = credential.clone() else {
            return;
        };
        let http = self.settings.http.clone();
        self.steps.push(Box::new(move |request, attempts| {
            let built = reqwest::RequestBuilder::from_parts(http.clone(), request)
                .basic_auth(&username, password.as_ref().map(Secret::expose))
                .build();
            Box::pin(async move { built.map_err(|e| super::Error::transport(e, attempts)) })
        }));
    }
}
// @end

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    /// A token that changes each time it is asked for.
    pub(crate) struct Counting(pub(crate) AtomicU32);

    impl CredentialProvider for Counting {
        fn credential(&self) -> crate::BoxFuture<'_, Result<Secret, crate::BoxError>> {
            Box::pin(async move {
                let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
                if n > 2 {
                    return Err("the vault is sealed".into());
                }
                Ok(Secret::new(format!("token-{n}")))
            })
        }
    }

    fn request() -> reqwest::Request {
        reqwest::Client::new()
            .get("http://localhost/pets?limit=2")
            .build()
            .unwrap()
    }

    fn put(put: Put, token: &str) -> Result<reqwest::Request, String> {
        let mut request = request();
        put(&mut request, &Secret::new(token)).map(|()| request)
    }

    #[test]
    fn each_place_gets_the_credential_in_a_sensitive_header() {
        let r = put(bearer, "t0k").unwrap();
        assert_eq!(r.headers()["authorization"], "Bearer t0k");
        assert!(r.headers()["authorization"].is_sensitive());
        let r = put(|r, t| in_header(r, "X-Api-Key", t), "k3y").unwrap();
        assert_eq!(r.headers()["x-api-key"], "k3y");
        assert!(r.headers()["x-api-key"].is_sensitive());
        let r = put(|r, t| in_query(r, "api_key", t), "a b&c").unwrap();
        assert_eq!(r.url().query(), Some("limit=2&api_key=a+b%26c"));
        let r = put(|r, t| in_cookie(r, "session", t), "s1").unwrap();
        assert_eq!(r.headers()["cookie"], "session=s1");
        assert!(r.headers()["cookie"].is_sensitive());
    }

    fn prepared(settings: &crate::Settings) -> crate::Prepared<'_, ()> {
        let request = settings.http.get("http://localhost/pets?limit=2");
        crate::Prepared::new(settings, request, Default::default(), "get", "/").unwrap()
    }

    #[tokio::test]
    async fn a_user_name_and_password_go_as_basic() {
        let settings = crate::Settings::default();
        let mut p = prepared(&settings);
        p.basic_auth(&Some(("ann".to_string(), Some(Secret::new("pw")))));
        p.basic_auth(&None);
        assert_eq!(p.steps.len(), 1);
        let r = (p.steps[0])(request(), 1).await.unwrap();
        assert_eq!(r.headers()["authorization"], "Basic YW5uOnB3");
        assert!(r.headers()["authorization"].is_sensitive());
    }

    #[test]
    fn a_credential_that_cannot_be_sent_is_refused_without_showing_it() {
        for e in [
            put(bearer, "bad\ntoken").unwrap_err(),
            put(|r, t| in_header(r, "x-key", t), "bad\ntoken").unwrap_err(),
            put(|r, t| in_header(r, "no key", t), "fine").unwrap_err(),
            put(|r, t| in_cookie(r, "c", t), "bad\ntoken").unwrap_err(),
        ] {
            assert!(!e.contains("bad") && !e.contains("fine"), "{e}");
        }
    }

    #[tokio::test]
    async fn a_provider_is_asked_at_each_attempt_and_its_failure_is_an_error() {
        let settings = crate::Settings::default();
        let mut prepared = prepared(&settings);
        let provided = Token::Provided(Arc::new(Counting(AtomicU32::new(0))));
        prepared.credential(&Some(provided), bearer);
        prepared.credential(&None, |r, t| in_header(r, "x-never", t));
        assert_eq!(prepared.steps.len(), 1);
        for n in 1..=2 {
            let r = (prepared.steps[0])(request(), n).await.unwrap();
            assert_eq!(
                r.headers()["authorization"],
                format!("Bearer token-{n}").as_str()
            );
        }
        let e = (prepared.steps[0])(request(), 3).await.unwrap_err();
        assert!(
            matches!(&e, crate::Error::Credential { attempts: 3, .. }),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            "the credential provider failed: the vault is sealed"
        );
    }

    #[test]
    fn debug_never_shows_a_secret() {
        let all = [
            Token::Fixed(Secret::new("hunter2")),
            Token::Provided(Arc::new(Counting(AtomicU32::new(0)))),
        ];
        assert_eq!(format!("{all:?}"), "[Secret(***), Provided(…)]");
    }
}
