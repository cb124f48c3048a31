// [template]
// part = "secret"
// reexport = "pub"
// always = true
// root = ["Secret"]
//
// [blocks]
// secret_expose = {}

//! A credential that `Debug` never shows.

use std::fmt;

/// A credential. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    // @part secret_expose

    /// The credential itself, for the request that sends it.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
    // @end
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_credential() {
        let secret = Secret::new("hunter2");
        assert_eq!(format!("{secret:?}"), "Secret(***)");
        assert_eq!(secret.expose(), "hunter2");
    }
}
