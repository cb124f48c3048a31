// [template]
// part = "query"
// reexport = "crate"
// crates.percent-encoding = "2"
//
// [blocks]
// query_reserved = {}

//! The query string of a request.

/// The query string of a request, pair by pair. Names and values are
/// percent-encoded by `percent-encoding`: every byte but RFC 3986's unreserved
/// characters (so a space is `%20`), save RFC 3986's reserved characters in the
/// values of a parameter that allows them (`allowReserved`).
#[derive(Default)]
pub(crate) struct Query {
    text: String,
}

/// What a query name or value keeps as it is: RFC 3986's unreserved characters.
const QUERY: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
/// A query parameter's name, and what its values keep as they are.
pub(crate) struct QueryName<'a> {
    name: &'a str,
    values: &'static percent_encoding::AsciiSet,
}

impl<'a> From<&'a str> for QueryName<'a> {
    fn from(name: &'a str) -> Self {
        QueryName {
            name,
            values: QUERY,
        }
    }
}
// @part query_reserved

/// What a value with `allowReserved` keeps as it is: unreserved and reserved
/// characters (all but `#`, which would end the URL's query).
const QUERY_RESERVED: &percent_encoding::AsciiSet = &QUERY
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'[')
    .remove(b']')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=');

/// The name of a parameter that allows reserved characters in its values
/// (`allowReserved`): `query.form(Reserved("path"), ..)`.
pub(crate) struct Reserved<'a>(pub(crate) &'a str);

impl<'a> From<Reserved<'a>> for QueryName<'a> {
    fn from(Reserved(name): Reserved<'a>) -> Self {
        QueryName {
            name,
            values: QUERY_RESERVED,
        }
    }
}
// @end

impl Query {
    /// Adds the pairs `pairs` writes of a parameter's value, and nothing when
    /// it has none (an optional parameter left unset). Each style's method
    /// (`form_exploded` and the others) calls it.
    pub(super) fn add<'a, T: ?Sized>(
        &mut self,
        name: impl Into<QueryName<'a>>,
        value: Option<&T>,
        pairs: impl FnOnce(&str, &T) -> Vec<(String, String)>,
    ) {
        let Some(value) = value else {
            return;
        };
        let name = name.into();
        for (key, value) in pairs(name.name, value) {
            if !self.text.is_empty() {
                self.text.push('&');
            }
            self.text
                .extend(percent_encoding::utf8_percent_encode(&key, QUERY));
            self.text.push('=');
            self.text
                .extend(percent_encoding::utf8_percent_encode(&value, name.values));
        }
    }

    /// Adds the query to `url`, after any query the base URL has.
    pub(crate) fn set_on(self, url: &mut reqwest::Url) {
        if self.text.is_empty() {
            return;
        }
        let query = match url.query().filter(|q| !q.is_empty()) {
            Some(base) => format!("{base}&{}", self.text),
            None => self.text,
        };
        url.set_query(Some(&query));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A parameter written as one pair: its name and its value.
    fn one(name: &str, value: &str) -> Vec<(String, String)> {
        vec![(name.to_string(), value.to_string())]
    }

    fn on(base: &str, query: Query) -> String {
        let mut url = reqwest::Url::parse(base).unwrap();
        query.set_on(&mut url);
        url.to_string()
    }

    #[test]
    fn names_and_values_keep_only_unreserved_characters() {
        let mut query = Query::default();
        query.add("a b", Some("x/y?z&w"), one);
        query.add("c~", Some("1.5-_"), one);
        assert_eq!(
            on("https://api.example/", query),
            "https://api.example/?a%20b=x%2Fy%3Fz%26w&c~=1.5-_"
        );
    }

    #[test]
    fn reserved_characters_stay_where_a_parameter_allows_them() {
        let mut query = Query::default();
        query.add(Reserved("path"), Some("a/b:c,d#e"), one);
        query.add("q", Some("a/b"), one);
        // The names a style writes keep only unreserved characters, reserved or not.
        query.add(Reserved("f"), Some("x/y"), |name, value| {
            vec![(format!("{name}[a/b]"), value.to_string())]
        });
        assert_eq!(
            on("https://api.example/", query),
            "https://api.example/?path=a/b:c,d%23e&q=a%2Fb&f%5Ba%2Fb%5D=x/y"
        );
    }

    #[test]
    fn a_parameter_without_a_value_adds_nothing() {
        let mut query = Query::default();
        query.add("a", None::<&str>, one);
        query.add("b", Some("1"), one);
        query.add("c", None::<&str>, |_, _| panic!("no value, no pairs"));
        assert_eq!(
            on("https://api.example/", query),
            "https://api.example/?b=1"
        );
    }

    #[test]
    fn every_pair_a_style_writes_is_added_in_order() {
        let mut query = Query::default();
        query.add("ids", Some(&[1, 2][..]), |name, items: &[i32]| {
            items
                .iter()
                .map(|i| (name.to_string(), i.to_string()))
                .collect()
        });
        assert_eq!(
            on("https://api.example/", query),
            "https://api.example/?ids=1&ids=2"
        );
    }

    #[test]
    fn the_base_urls_query_comes_first() {
        let mut query = Query::default();
        query.add("page", Some("2"), one);
        assert_eq!(
            on("https://api.example/?tenant=a", query),
            "https://api.example/?tenant=a&page=2"
        );
        assert_eq!(
            on("https://api.example/?tenant=a", Query::default()),
            "https://api.example/?tenant=a"
        );
    }
}
