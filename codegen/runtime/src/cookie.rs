// [template]
// reexport = "crate"
// crates.percent-encoding = "2"
//
// [blocks]
// cookie_form = { requires = ["parts_joined"] }
// cookie_form_exploded = { requires = ["parts"] }

//! Cookie parameters (`form` style, the only one cookies have).

use super::parts;

/// What a cookie value cannot hold as it is: controls, space, `"`, `%`, `,`, `;`, `\`.
const COOKIE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'%')
    .add(b',')
    .add(b';')
    .add(b'\\');

fn encode_cookie(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, COOKIE).to_string()
}
// @part cookie_form

/// A cookie parameter, not exploded: `name=a`, a list `name=a,b`, an object
/// `name=key,value`.
pub(crate) fn cookie_form<T: serde::Serialize + ?Sized>(
    cookies: &mut Vec<String>,
    name: &str,
    value: &T,
) {
    cookies.push(format!(
        "{name}={}",
        parts(value).joined(",", encode_cookie)
    ));
}
// @end
// @part cookie_form_exploded

/// A cookie parameter, exploded: `name=a`, one `name=…` cookie per item of a
/// list, and a `key=value` cookie per property of an object.
pub(crate) fn cookie_form_exploded<T: serde::Serialize + ?Sized>(
    cookies: &mut Vec<String>,
    name: &str,
    value: &T,
) {
    match parts(value) {
        super::Parts::List(items) => {
            cookies.extend(items.iter().map(|v| format!("{name}={}", encode_cookie(v))))
        }
        super::Parts::Object(properties) => cookies.extend(
            properties
                .iter()
                .map(|(key, v)| format!("{key}={}", encode_cookie(v))),
        ),
        super::Parts::One(v) => cookies.push(format!("{name}={}", encode_cookie(&v))),
    }
}
// @end

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn values_are_encoded_where_a_cookie_cannot_hold_them() {
        let mut cookies = Vec::new();
        cookie_form(&mut cookies, "session", "a b;c");
        cookie_form(&mut cookies, "ids", &[1, 2]);
        assert_eq!(cookies, ["session=a%20b%3Bc", "ids=1,2"]);
    }

    #[test]
    fn exploded_lists_and_objects_are_cookies_of_their_own() {
        let mut cookies = Vec::new();
        cookie_form_exploded(&mut cookies, "id", &7);
        cookie_form_exploded(&mut cookies, "ids", &[1, 2]);
        cookie_form_exploded(&mut cookies, "o", &BTreeMap::from([("k", "v w")]));
        assert_eq!(cookies, ["id=7", "ids=1", "ids=2", "k=v%20w"]);
    }
}
