// [template]
// part = "form"
// reexport = "crate"
// requires = ["param_value"]
// crates.reqwest = { features = ["form"] }
//
// [blocks]
// form_flat = {}
// form_space_delimited = {}
// form_pipe_delimited = {}
// form_deep = {}

//! `application/x-www-form-urlencoded` bodies, property by property in the
//! style each property's `encoding` gives.

use serde_json::Value;

use super::param_value;

/// How one property of a form body is written (its `encoding`): its name and
/// value become pairs.
pub(crate) type FormStyle = fn(&str, Value, &mut Vec<(String, String)>);

/// The pairs of an `application/x-www-form-urlencoded` body: each property
/// in the style its `encoding` gives (`styles`), else `form` exploded, in
/// the order the type writes them; `null` is an empty value. reqwest
/// encodes the pairs.
pub(crate) fn form_pairs<T: serde::Serialize>(
    body: &T,
    styles: &[(&str, FormStyle)],
) -> Vec<(String, String)> {
    let Ok(Value::Object(properties)) = serde_json::to_value(body) else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    for (name, value) in properties {
        let style = styles
            .iter()
            .find(|(property, _)| *property == name)
            .map_or(form_exploded as FormStyle, |(_, style)| *style);
        style(&name, value, &mut pairs);
    }
    pairs
}

/// `form`, exploded (a property's default): a list as `name=a&name=b`, an
/// object's properties as pairs of their own.
pub(crate) fn form_exploded(name: &str, value: Value, pairs: &mut Vec<(String, String)>) {
    match value {
        Value::Array(items) => {
            pairs.extend(items.iter().map(|v| (name.to_string(), param_value(v))))
        }
        Value::Object(fields) => {
            pairs.extend(fields.iter().map(|(k, v)| (k.clone(), param_value(v))))
        }
        other => pairs.push((name.to_string(), param_value(&other))),
    }
}
// @part form_flat

/// `form`, not exploded: `name=a,b` and `name=key,value`.
pub(crate) fn form_flat(name: &str, value: Value, pairs: &mut Vec<(String, String)>) {
    let text = match value {
        Value::Array(items) => items.iter().map(param_value).collect::<Vec<_>>().join(","),
        Value::Object(fields) => fields
            .iter()
            .flat_map(|(k, v)| [k.clone(), param_value(v)])
            .collect::<Vec<_>>()
            .join(","),
        other => param_value(&other),
    };
    pairs.push((name.to_string(), text));
}
// @end
// @part form_space_delimited

/// `spaceDelimited`: a list's items joined by spaces.
pub(crate) fn form_space_delimited(name: &str, value: Value, pairs: &mut Vec<(String, String)>) {
    let text = match value {
        Value::Array(items) => items.iter().map(param_value).collect::<Vec<_>>().join(" "),
        other => param_value(&other),
    };
    pairs.push((name.to_string(), text));
}
// @end
// @part form_pipe_delimited

/// `pipeDelimited`: a list's items joined by `|`.
pub(crate) fn form_pipe_delimited(name: &str, value: Value, pairs: &mut Vec<(String, String)>) {
    let text = match value {
        Value::Array(items) => items.iter().map(param_value).collect::<Vec<_>>().join("|"),
        other => param_value(&other),
    };
    pairs.push((name.to_string(), text));
}
// @end
// @part form_deep

/// `deepObject`: `name[key]=value`, nested objects as `name[key][sub]=value`
/// and list items as `name[0]=value` (OpenAPI leaves lists open; this is
/// what Stripe and Rails read).
pub(crate) fn form_deep(name: &str, value: Value, pairs: &mut Vec<(String, String)>) {
    match value {
        Value::Object(fields) => {
            for (key, v) in fields {
                form_deep(&format!("{name}[{key}]"), v, pairs);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.into_iter().enumerate() {
                form_deep(&format!("{name}[{i}]"), v, pairs);
            }
        }
        other => pairs.push((name.to_string(), param_value(&other))),
    }
}
// @end

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    fn body() -> Value {
        json!({
            "name": "Rex",
            "tags": ["a", "b"],
            "metadata": {"k": "v", "deep": {"x": 1}, "list": [true]},
            "cleared": null,
        })
    }

    #[test]
    fn properties_without_an_encoding_are_form_exploded() {
        let body = json!({"name": "Rex", "tags": ["a", "b"], "o": {"k": 1}, "cleared": null});
        assert_eq!(
            form_pairs(&body, &[]),
            pairs(&[
                ("name", "Rex"),
                ("tags", "a"),
                ("tags", "b"),
                ("k", "1"),
                ("cleared", "")
            ])
        );
    }

    #[test]
    fn each_property_in_its_own_style() {
        let styles: &[(&str, FormStyle)] = &[("tags", form_flat), ("metadata", form_deep)];
        assert_eq!(
            form_pairs(&body(), styles),
            pairs(&[
                ("name", "Rex"),
                ("tags", "a,b"),
                ("metadata[k]", "v"),
                ("metadata[deep][x]", "1"),
                ("metadata[list][0]", "true"),
                ("cleared", ""),
            ])
        );
    }

    #[test]
    fn styles_of_different_functions_go_in_one_list() {
        let body = json!({"a": [1, 2], "b": [1, 2], "c": {"k": "v"}, "d": [1]});
        let pairs_of = form_pairs(
            &body,
            &[
                ("a", form_space_delimited),
                ("b", form_pipe_delimited),
                ("c", form_flat),
                ("d", form_exploded),
            ],
        );
        assert_eq!(
            pairs_of,
            pairs(&[("a", "1 2"), ("b", "1|2"), ("c", "k,v"), ("d", "1")])
        );
    }

    #[test]
    fn a_body_that_is_no_object_has_no_pairs() {
        assert!(form_pairs(&[1, 2], &[]).is_empty());
    }
}
