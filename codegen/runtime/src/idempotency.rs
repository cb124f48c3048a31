// [template]
// part = "idempotency"
// reexport = "none"
// requires = ["settings_idempotency", "send"]
// crates.uuid = { version = "1", features = ["v4"] }

//! Idempotency keys: a fresh UUID in a POST or PATCH, so that the server
//! takes a retry for the request it already has, and the request may be
//! retried.

impl<E> super::Prepared<'_, E> {
    /// Gives a POST or PATCH its idempotency key: in `declared`, the header
    /// the operation declares for it, or else, when the client sends keys,
    /// in the client's header. A key already there (the caller's) is kept,
    /// and so is one in the client's header whatever it sends. Either way the
    /// request may then be retried, with the same key each time.
    pub(crate) fn idempotency_key(&mut self, declared: Option<&'static str>) {
        let declared =
            declared.and_then(|n| reqwest::header::HeaderName::from_bytes(n.as_bytes()).ok());
        let send = declared.is_some() || self.settings.idempotency_keys;
        let name = declared.unwrap_or_else(|| self.settings.idempotency_header.clone());
        let headers = self.request.headers_mut();
        if headers.contains_key(&name) {
            self.keyed = true;
        } else if send {
            let key = uuid::Uuid::new_v4().to_string();
            if let Ok(value) = reqwest::header::HeaderValue::try_from(key) {
                headers.insert(name, value);
                self.keyed = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Prepared, RequestOptions, Settings};

    fn prepared<'a>(settings: &'a Settings, header: Option<&str>) -> Prepared<'a, ()> {
        let mut request = reqwest::Client::new().post("http://localhost/charges");
        if let Some(key) = header {
            request = request.header("idempotency-key", key);
        }
        Prepared::new(
            settings,
            request,
            RequestOptions::default(),
            "charge",
            "/charges",
        )
        .unwrap()
    }

    fn key(p: &Prepared<'_, ()>, name: &str) -> Option<String> {
        p.request
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    }

    #[test]
    fn a_declared_header_gets_a_fresh_uuid_unless_the_caller_set_one() {
        let settings = Settings::default();
        let mut a = prepared(&settings, None);
        a.idempotency_key(Some("Idempotency-Key"));
        let mut b = prepared(&settings, None);
        b.idempotency_key(Some("Idempotency-Key"));
        let (ka, kb) = (
            key(&a, "idempotency-key").unwrap(),
            key(&b, "idempotency-key").unwrap(),
        );
        assert_ne!(ka, kb);
        let parsed = uuid::Uuid::parse_str(&ka).unwrap();
        assert_eq!(parsed.get_version_num(), 4);
        assert!(a.keyed && b.keyed);
        let mut mine = prepared(&settings, Some("mine"));
        mine.idempotency_key(Some("Idempotency-Key"));
        assert_eq!(key(&mine, "idempotency-key").as_deref(), Some("mine"));
        assert!(mine.keyed);
    }

    #[test]
    fn without_a_declared_header_only_a_client_that_sends_keys_adds_one() {
        let settings = Settings::default();
        let mut plain = prepared(&settings, None);
        plain.idempotency_key(None);
        assert_eq!(key(&plain, "idempotency-key"), None);
        assert!(!plain.keyed);
        // The caller's own key makes it retryable all the same.
        let mut theirs = prepared(&settings, Some("k-1"));
        theirs.idempotency_key(None);
        assert!(theirs.keyed);

        let mut sending = Settings::default();
        sending.idempotency_keys = true;
        sending.idempotency_header = reqwest::header::HeaderName::from_static("x-idempotency");
        let mut p = prepared(&sending, None);
        p.idempotency_key(None);
        assert!(key(&p, "x-idempotency").is_some() && p.keyed);
        assert_eq!(key(&p, "idempotency-key"), None);
    }
}
