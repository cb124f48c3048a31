//! Which operations return their results in pages, and how one page leads
//! to the next.
//!
//! A `[pagination.OPERATION]` table of the config says so for an operation;
//! otherwise a `GET` whose JSON response holds a list of items (the body, or
//! its one list property) is recognised by its shape, first match wins:
//!
//! 1. a success declares a `Link` header: RFC 8288 `rel="next"` links (GitHub);
//! 2. a query parameter `cursor`, `starting_after`, `after`, `page_token` or
//!    `pageToken`, with a next cursor in the response (`next_cursor`,
//!    `next_page_token`, `last_id`, …), or `has_more` and items with an `id`
//!    (Stripe's way: the last item's id is the cursor);
//! 3. a `next`, `next_url` or `next_page_url` string in the response (and no
//!    cursor parameter): the next page's URL;
//! 4. a query parameter `page` and the number of pages in the response
//!    (`total_pages`, `page_count`, `num_pages`, …).
//!
//! The response fields are looked for among its properties and those of its
//! object properties (`meta.total_pages`); the config names them as dotted
//! paths. Page numbers start at 1, unless the caller sets the first.

use super::fields::{Leaf, Types};
use super::{BodyKind, Location, Operation, Primitive, ResponseBody, TypeRef};
use crate::config::{self, Operations, Paginated};
use crate::diag::Error;

/// How an operation's pages follow each other, and where their items are.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    pub pattern: PagePattern,
    /// Where a page's items are.
    pub items: ItemsAt,
    /// The type of one item.
    pub item: TypeRef,
    /// Declared in the config (else recognised from the shape).
    pub declared: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PagePattern {
    /// The page number in the query parameter `param` (an index into the
    /// operation's `params`); the number of pages at `total_pages`.
    Page {
        param: usize,
        first: u64,
        total_pages: Option<String>,
    },
    /// The cursor in the query parameter `param`, from `cursor`; `has_more`
    /// says whether there is a next page.
    Cursor {
        param: usize,
        cursor: CursorAt,
        has_more: Option<String>,
    },
    /// The next page's URL, at `next`.
    NextUrl { next: String },
    /// The `Link` header's `rel="next"`.
    LinkHeader,
}

impl PagePattern {
    /// Whether the next request goes to a URL the response gives.
    pub fn follows_urls(&self) -> bool {
        matches!(self, PagePattern::NextUrl { .. } | PagePattern::LinkHeader)
    }
}

/// Where a page gives the next cursor: JSON pointers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CursorAt {
    /// In the page.
    Field(String),
    /// In the page's last item.
    LastItem(String),
}

/// Where a page's items are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemsAt {
    /// The body is the list.
    Body,
    /// A property of the body.
    Field {
        name: crate::naming::RustIdent,
        wire_name: String,
    },
}

impl ItemsAt {
    /// The JSON pointer to the items in a page.
    pub fn pointer(&self) -> String {
        match self {
            ItemsAt::Body => String::new(),
            ItemsAt::Field { wire_name, .. } => crate::diag::Pointer::root()
                .push(wire_name)
                .json_pointer()
                .to_string(),
        }
    }
}

const CURSOR_PARAMS: &[&str] = &[
    "cursor",
    "starting_after",
    "after",
    "page_token",
    "pageToken",
];
const NEXT_CURSORS: &[&str] = &[
    "next_cursor",
    "nextCursor",
    "next_page_token",
    "nextPageToken",
    "next_token",
    "nextToken",
    "last_id",
    "cursor",
];
const HAS_MORE: &[&str] = &["has_more", "hasMore"];
const NEXT_URLS: &[&str] = &["next", "next_url", "next_page_url", "nextUrl"];
const TOTAL_PAGES: &[&str] = &[
    "total_pages",
    "totalPages",
    "page_count",
    "pageCount",
    "num_pages",
    "numPages",
];

/// Settles every operation's pagination: the config's, then the shapes.
pub(super) fn settle(
    ops: &mut [Operation],
    types: Types<'_>,
    config: &Operations,
) -> Result<(), Error> {
    for declared in &config.pagination {
        // An operation the document lacks is refused by `check_operations`.
        let Some(i) = config::operation_index(ops, &declared.operation) else {
            continue;
        };
        let fail = |key: &str, message: String| {
            let key = if key.is_empty() {
                String::new()
            } else {
                format!(".{key}")
            };
            Error::document(format!(
                "{}:{}: pagination.{}{key}: {message}",
                config.file, declared.line, declared.operation
            ))
        };
        ops[i].pagination = Some(from_config(&ops[i], types, declared, &fail)?);
    }
    for op in ops
        .iter_mut()
        .filter(|o| o.pagination.is_none() && o.http_method == "GET")
    {
        op.pagination = recognise(op, types);
    }
    Ok(())
}

/// The JSON body of every success, when the operation can be sent again.
fn page_body(op: &Operation) -> Result<TypeRef, String> {
    if let Some(b) = &op.body {
        if matches!(b.kind, BodyKind::Bytes | BodyKind::Choice(_)) {
            return Err("its body cannot be sent twice".into());
        }
    }
    match op.success_body() {
        ResponseBody::Json(t) if op.outcome.is_none() && !matches!(t, TypeRef::Nullable(_)) => {
            Ok(t)
        }
        _ => Err("its successes are not all one JSON type".into()),
    }
}

/// A page's items: the body, when it is a list, else its property `field`
/// (or its one list property).
fn items(
    types: Types<'_>,
    body: &TypeRef,
    field: Option<&str>,
) -> Result<(ItemsAt, TypeRef), String> {
    if field.is_none() {
        if let TypeRef::Array(item) = types.underlying(body) {
            return Ok((ItemsAt::Body, *item));
        }
    }
    let s = types
        .struct_of(body)
        .ok_or("the response is neither a list nor an object")?;
    let lists: Vec<_> = s
        .fields
        .iter()
        .filter(|f| field.is_none_or(|w| f.wire_name == w))
        .filter_map(|f| match types.underlying(&f.ty) {
            TypeRef::Array(item) => Some((f, *item)),
            _ => None,
        })
        .collect();
    match (lists.as_slice(), field) {
        ([(f, item)], _) => Ok((
            ItemsAt::Field {
                name: f.name.clone(),
                wire_name: f.wire_name.clone(),
            },
            item.clone(),
        )),
        ([], Some(w)) => Err(format!("the response has no list property `{w}`")),
        _ => Err("the response has no one list property; name it with `items-field`".into()),
    }
}

/// The query parameter `wire` of an operation, by index.
fn query_param(op: &Operation, wire: &str) -> Option<usize> {
    op.params
        .iter()
        .position(|p| p.location == Location::Query && p.wire_name == wire)
}

/// The primitive a type is, through aliases (not through `null`).
fn primitive(types: Types<'_>, t: &TypeRef) -> Option<Primitive> {
    let mut t = t.clone();
    for _ in 0..16 {
        t = match t {
            TypeRef::Primitive(p) => return Some(p),
            TypeRef::Named(n) => match &types.find(&n)?.kind {
                super::TypeKind::Alias(target) => target.clone(),
                _ => return None,
            },
            _ => return None,
        };
    }
    None
}

/// Whether a parameter can hold a page number (`runtime::PageNumber`).
fn holds_page(types: Types<'_>, t: &TypeRef) -> bool {
    use Primitive::*;
    matches!(primitive(types, t), Some(String | I32 | I64 | U32 | U64))
}

/// Whether a parameter can hold a cursor: a string.
fn holds_cursor(types: Types<'_>, t: &TypeRef) -> bool {
    primitive(types, t) == Some(Primitive::String)
}

fn from_config(
    op: &Operation,
    types: Types<'_>,
    declared: &Paginated,
    fail: &dyn Fn(&str, String) -> Error,
) -> Result<Pagination, Error> {
    let body = page_body(op).map_err(|m| {
        fail(
            "",
            format!("operation `{}` cannot page: {m}", op.method_name),
        )
    })?;
    let (items_at, item) =
        items(types, &body, declared.items_field.as_deref()).map_err(|m| fail("items-field", m))?;
    let param = |key: &str, wire: &str, holds: fn(Types<'_>, &TypeRef) -> bool, what: &str| {
        configured_param(op, wire, |t| holds(types, t), what).map_err(|m| fail(key, m))
    };
    let field = |key: &str, path: &str, want: &[Leaf]| -> Result<String, Error> {
        let (pointer, t) = types.path(&body, path).map_err(|m| fail(key, m))?;
        if want.contains(&types.leaf(&t)) {
            Ok(pointer)
        } else {
            Err(fail(key, format!("`{path}` is not a {}", leaf_names(want))))
        }
    };
    let pattern = match &declared.pattern {
        config::Pagination::Page {
            page_param,
            total_pages_field,
            ..
        } => PagePattern::Page {
            param: param("page-param", page_param, holds_page, "a page number")?,
            first: 1,
            total_pages: total_pages_field
                .as_deref()
                .map(|f| field("total-pages-field", f, &[Leaf::Integer]))
                .transpose()?,
        },
        config::Pagination::Cursor {
            cursor_param,
            cursor_field,
            has_more_field,
        } => PagePattern::Cursor {
            param: param(
                "cursor-param",
                cursor_param,
                holds_cursor,
                "a cursor (a string)",
            )?,
            cursor: CursorAt::Field(field(
                "cursor-field",
                cursor_field,
                &[Leaf::Text, Leaf::Integer],
            )?),
            has_more: has_more_field
                .as_deref()
                .map(|f| field("has-more-field", f, &[Leaf::Bool]))
                .transpose()?,
        },
        config::Pagination::NextUrl { next_field } => PagePattern::NextUrl {
            next: field("next-field", next_field, &[Leaf::Text])?,
        },
        config::Pagination::LinkHeader => PagePattern::LinkHeader,
    };
    Ok(Pagination {
        pattern,
        items: items_at,
        item,
        declared: true,
    })
}

/// The query parameter `wire` the config names, if it can hold `what`.
fn configured_param(
    op: &Operation,
    wire: &str,
    holds: impl Fn(&TypeRef) -> bool,
    what: &str,
) -> Result<usize, String> {
    let i = query_param(op, wire).ok_or_else(|| {
        format!(
            "operation `{}` has no query parameter `{wire}`",
            op.method_name
        )
    })?;
    if holds(&op.params[i].ty) {
        Ok(i)
    } else {
        Err(format!("query parameter `{wire}` cannot hold {what}"))
    }
}

fn leaf_names(leaves: &[Leaf]) -> &'static str {
    match leaves {
        [Leaf::Integer] => "integer",
        [Leaf::Bool] => "boolean",
        [Leaf::Text] => "string",
        _ => "string or integer",
    }
}

/// The pagination an operation's shape shows, if any.
fn recognise(op: &Operation, types: Types<'_>) -> Option<Pagination> {
    let body = page_body(op).ok()?;
    let (items_at, item) = items(types, &body, None).ok()?;
    let page = |pattern| {
        Some(Pagination {
            pattern,
            items: items_at.clone(),
            item: item.clone(),
            declared: false,
        })
    };
    if op
        .response_headers
        .iter()
        .any(|h| h.wire_name.eq_ignore_ascii_case("link"))
    {
        return page(PagePattern::LinkHeader);
    }
    let cursor_param = CURSOR_PARAMS
        .iter()
        .find_map(|w| query_param(op, w).filter(|&i| holds_cursor(types, &op.params[i].ty)));
    if let Some(param) = cursor_param {
        let has_more = types.find_property(&body, HAS_MORE, Leaf::Bool);
        let cursor = match types.find_property(&body, NEXT_CURSORS, Leaf::Text) {
            Some(at) => Some(CursorAt::Field(at)),
            None if has_more.is_some() => types
                .field(&item, "id")
                .filter(|f| matches!(types.leaf(&f.ty), Leaf::Text | Leaf::Integer))
                .map(|_| CursorAt::LastItem("/id".to_string())),
            None => None,
        };
        return cursor.and_then(|cursor| {
            page(PagePattern::Cursor {
                param,
                cursor,
                has_more,
            })
        });
    }
    if let Some(next) = types.find_property(&body, NEXT_URLS, Leaf::Text) {
        return page(PagePattern::NextUrl { next });
    }
    let param = query_param(op, "page").filter(|&i| holds_page(types, &op.params[i].ty))?;
    let total_pages = types.find_property(&body, TOTAL_PAGES, Leaf::Integer)?;
    page(PagePattern::Page {
        param,
        first: 1,
        total_pages: Some(total_pages),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_data::{doc_of, model_of};

    const SCHEMAS: &str =
        "{Pet: {type: object, properties: {id: {type: string}, name: {type: string}}}, \
        Meta: {type: object, properties: {total_pages: {type: integer}}}}";

    fn list(params: &[(&str, &str)], headers: &str, body: &str) -> String {
        let params: Vec<String> = params
            .iter()
            .map(|(name, ty)| format!("{{name: {name}, in: query, schema: {{type: {ty}}}}}"))
            .collect();
        format!(
            "{{/pets: {{get: {{operationId: list, parameters: [{}], responses: {{'200': {{description: ok, headers: {headers}, content: {{application/json: {{schema: {body}}}}}}}}}}}}}}}",
            params.join(", ")
        )
    }

    fn pagination(paths: &str, config: &str) -> Result<Option<Pagination>, String> {
        let (model, _) = model_of(&doc_of(paths, SCHEMAS), config)?;
        Ok(model.operations[0].pagination.clone())
    }

    const PETS: &str = "{type: array, items: {$ref: '#/components/schemas/Pet'}}";

    fn object(props: &str) -> String {
        format!("{{type: object, properties: {{data: {PETS}, {props}}}}}")
    }

    fn data() -> ItemsAt {
        ItemsAt::Field {
            name: "data".into(),
            wire_name: "data".into(),
        }
    }

    #[test]
    fn patterns_are_recognised_from_the_shape() {
        let pet = || TypeRef::Named("Pet".into());
        let found = |pattern, items| {
            Some(Pagination {
                pattern,
                items,
                item: pet(),
                declared: false,
            })
        };
        // (what, paths, the pagination)
        let cases: Vec<(&str, String, Option<Pagination>)> = vec![
            (
                "a Link header, the body a list (GitHub)",
                list(
                    &[("page", "integer"), ("per_page", "integer")],
                    "{Link: {schema: {type: string}}}",
                    PETS,
                ),
                found(PagePattern::LinkHeader, ItemsAt::Body),
            ),
            (
                "a cursor parameter and a next cursor",
                list(
                    &[("limit", "integer"), ("cursor", "string")],
                    "{}",
                    &object("next_cursor: {type: string, nullable: true}"),
                ),
                found(
                    PagePattern::Cursor {
                        param: 1,
                        cursor: CursorAt::Field("/next_cursor".into()),
                        has_more: None,
                    },
                    data(),
                ),
            ),
            (
                "after, last_id and has_more (OpenAI)",
                list(
                    &[("after", "string")],
                    "{}",
                    &object("last_id: {type: string}, has_more: {type: boolean}"),
                ),
                found(
                    PagePattern::Cursor {
                        param: 0,
                        cursor: CursorAt::Field("/last_id".into()),
                        has_more: Some("/has_more".into()),
                    },
                    data(),
                ),
            ),
            (
                "starting_after and has_more: the last item's id (Stripe)",
                list(
                    &[("starting_after", "string")],
                    "{}",
                    &object("has_more: {type: boolean}, url: {type: string}"),
                ),
                found(
                    PagePattern::Cursor {
                        param: 0,
                        cursor: CursorAt::LastItem("/id".into()),
                        has_more: Some("/has_more".into()),
                    },
                    data(),
                ),
            ),
            (
                "a next URL in the body",
                list(&[], "{}", &object("next: {type: string, nullable: true}")),
                found(
                    PagePattern::NextUrl {
                        next: "/next".into(),
                    },
                    data(),
                ),
            ),
            (
                "a page number and the page count",
                list(
                    &[("page", "integer"), ("page_size", "integer")],
                    "{}",
                    &object("total_pages: {type: integer}"),
                ),
                found(
                    PagePattern::Page {
                        param: 0,
                        first: 1,
                        total_pages: Some("/total_pages".into()),
                    },
                    data(),
                ),
            ),
            (
                "the page count in an object property",
                list(
                    &[("page", "string")],
                    "{}",
                    &object("meta: {$ref: '#/components/schemas/Meta'}"),
                ),
                found(
                    PagePattern::Page {
                        param: 0,
                        first: 1,
                        total_pages: Some("/meta/total_pages".into()),
                    },
                    data(),
                ),
            ),
            (
                "a page number without a page count is not enough",
                list(
                    &[("page", "integer")],
                    "{}",
                    &object("count: {type: integer}"),
                ),
                None,
            ),
            (
                "a cursor parameter without a cursor to send back",
                list(
                    &[("cursor", "string")],
                    "{}",
                    &object("count: {type: integer}"),
                ),
                None,
            ),
            (
                "two lists: which holds the items is not clear",
                list(
                    &[("page", "integer")],
                    "{}",
                    &object(&format!("total_pages: {{type: integer}}, other: {PETS}")),
                ),
                None,
            ),
        ];
        for (what, paths, want) in cases {
            assert_eq!(pagination(&paths, "").unwrap(), want, "{what}");
        }
        // Only a GET is recognised.
        let post = list(&[], "{}", &object("next: {type: string}")).replace("get:", "post:");
        assert_eq!(pagination(&post, "").unwrap(), None);
    }

    #[test]
    fn the_config_declares_what_the_shape_does_not_show() {
        let paths = list(
            &[("page", "integer"), ("page_size", "integer")],
            "{}",
            &format!("{{type: object, properties: {{fine_tunes: {PETS}, other: {PETS}, status: {{type: string}}}}}}"),
        );
        let config = "[pagination.list]\npattern = \"page\"\npage-param = \"page\"\nsize-param = \"page_size\"\nitems-field = \"fine_tunes\"\n";
        assert_eq!(
            pagination(&paths, config).unwrap(),
            Some(Pagination {
                pattern: PagePattern::Page {
                    param: 0,
                    first: 1,
                    total_pages: None
                },
                items: ItemsAt::Field {
                    name: "fine_tunes".into(),
                    wire_name: "fine_tunes".into()
                },
                item: TypeRef::Named("Pet".into()),
                declared: true,
            })
        );
        let next = "[pagination.list]\npattern = \"next-url\"\nnext-field = \"links.next\"\nitems-field = \"fine_tunes\"\n";
        let nested = list(&[], "{}", &format!("{{type: object, properties: {{fine_tunes: {PETS}, links: {{type: object, properties: {{next: {{type: string}}}}}}}}}}"));
        assert_eq!(
            pagination(&nested, next).unwrap().unwrap().pattern,
            PagePattern::NextUrl {
                next: "/links/next".into()
            }
        );
    }

    #[test]
    fn a_declaration_the_operation_cannot_keep_names_the_line_and_key() {
        let paths = list(
            &[("page", "boolean"), ("after", "string")],
            "{}",
            &object("count: {type: integer}, more: {type: string}"),
        );
        let cases = [
            ("pattern = \"page\"\npage-param = \"page\"\n", "codegen.toml:1: pagination.list.page-param: query parameter `page` cannot hold a page number"),
            ("pattern = \"page\"\npage-param = \"limit\"\n", "codegen.toml:1: pagination.list.page-param: operation `list` has no query parameter `limit`"),
            ("pattern = \"cursor\"\ncursor-param = \"after\"\ncursor-field = \"nope\"\n", "codegen.toml:1: pagination.list.cursor-field: the response has no property `nope`"),
            ("pattern = \"cursor\"\ncursor-param = \"after\"\ncursor-field = \"more\"\nhas-more-field = \"count\"\n", "codegen.toml:1: pagination.list.has-more-field: `count` is not a boolean"),
            ("pattern = \"link-header\"\nitems-field = \"count\"\n", "codegen.toml:1: pagination.list.items-field: the response has no list property `count`"),
        ];
        for (table, want) in cases {
            let e = pagination(&paths, &format!("[pagination.list]\n{table}")).unwrap_err();
            assert_eq!(e, want);
        }
    }
}
