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
// @part query_append_reserved

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
// @end

impl Query {
    /// Adds pairs: names encoded by [`QUERY`], values by `value_set`.
    fn push(
        &mut self,
        pairs: Vec<(String, String)>,
        value_set: &'static percent_encoding::AsciiSet,
    ) {
        for (name, value) in pairs {
            if !self.text.is_empty() {
                self.text.push('&');
            }
            self.text
                .extend(percent_encoding::utf8_percent_encode(&name, QUERY));
            self.text.push('=');
            self.text
                .extend(percent_encoding::utf8_percent_encode(&value, value_set));
        }
    }
    // @part query_append

    /// Adds the pairs one parameter gives.
    pub(crate) fn append(&mut self, pairs: Vec<(String, String)>) {
        self.push(pairs, QUERY);
    }
    // @end
    // @part query_append_reserved

    /// Adds the pairs of a parameter that allows reserved characters in its values.
    pub(crate) fn append_reserved(&mut self, pairs: Vec<(String, String)>) {
        self.push(pairs, QUERY_RESERVED);
    }
    // @end

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

    fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    fn on(base: &str, query: Query) -> String {
        let mut url = reqwest::Url::parse(base).unwrap();
        query.set_on(&mut url);
        url.to_string()
    }

    #[test]
    fn names_and_values_keep_only_unreserved_characters() {
        let mut query = Query::default();
        query.append(pairs(&[("a b", "x/y?z&w"), ("c~", "1.5-_")]));
        assert_eq!(
            on("https://api.example/", query),
            "https://api.example/?a%20b=x%2Fy%3Fz%26w&c~=1.5-_"
        );
    }

    #[test]
    fn reserved_characters_stay_where_a_parameter_allows_them() {
        let mut query = Query::default();
        query.append_reserved(pairs(&[("path", "a/b:c,d#e")]));
        query.append(pairs(&[("q", "a/b")]));
        assert_eq!(
            on("https://api.example/", query),
            "https://api.example/?path=a/b:c,d%23e&q=a%2Fb"
        );
    }

    #[test]
    fn the_base_urls_query_comes_first() {
        let mut query = Query::default();
        query.append(pairs(&[("page", "2")]));
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
