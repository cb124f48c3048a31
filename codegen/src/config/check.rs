//! Declarations of the config checked against the document's operations,
//! and the renames applied to their names.

use super::{toml_key, Operations, Pagination, Rename};
use crate::diag::Error;
use crate::model::{Location, Model, Operation};
use crate::naming::RustIdent;

/// The operation a key of the config names: by its operationId, else by its
/// method name.
pub fn find_operation<'m>(model: &'m Model, key: &str) -> Option<&'m Operation> {
    operation_index(&model.operations, key).map(|i| &model.operations[i])
}

/// The index of the operation a key of the config names, as [`find_operation`] finds it.
pub fn operation_index(operations: &[Operation], key: &str) -> Option<usize> {
    operations
        .iter()
        .position(|o| o.operation_id.as_deref() == Some(key))
        .or_else(|| operations.iter().position(|o| o.method_name == key))
}

/// The method names of the operations, with the config's renames applied.
/// Each rename names an operation by its operationId or by the name it would
/// have had; an unknown operation, or a new name another method has, is an
/// error naming the key. `ids` are the operations' operationIds, in the order
/// of `names`.
pub fn rename_operations<'a>(
    ids: impl IntoIterator<Item = Option<&'a str>>,
    mut names: Vec<RustIdent>,
    reserved: &[&str],
    operations: &Operations,
) -> Result<Vec<RustIdent>, Error> {
    let ids: Vec<Option<&str>> = ids.into_iter().collect();
    let original = names.clone();
    let fail = |r: &Rename, message: String| {
        Error::document(format!(
            "{}:{}: renames.{}: {message}",
            operations.file,
            r.line,
            toml_key(&r.from)
        ))
    };
    for rename in &operations.renames {
        let index = ids
            .iter()
            .position(|id| *id == Some(rename.from.as_str()))
            .or_else(|| original.iter().position(|n| n.as_str() == rename.from))
            .ok_or_else(|| {
                fail(
                    rename,
                    format!(
                        "no operation has the operationId or method name `{}`",
                        rename.from
                    ),
                )
            })?;
        // `[renames]` takes only method names: this is `to` as it is.
        names[index] = crate::naming::method_name(&rename.to);
    }
    for rename in &operations.renames {
        let clashes = names.iter().filter(|n| n.as_str() == rename.to).count() > 1
            || reserved.contains(&rename.to.as_str());
        if clashes {
            return Err(fail(
                rename,
                format!(
                    "`{}` is the name of another method of the client",
                    rename.to
                ),
            ));
        }
    }
    Ok(names)
}

/// Checks the pagination, job and stream declarations against the document:
/// each names an operation it has, each parameter is one of the operation's
/// query parameters, and each event schema is one of its component schemas.
/// (The model reads what each declares: `model::pagination`, `jobs`, `streaming`.)
pub fn check_operations(
    operations: &Operations,
    model: &Model,
    schemas: &[&str],
) -> Result<(), Error> {
    let fail = |line: usize, key: String, message: String| {
        Error::document(format!("{}:{line}: {key}: {message}", operations.file))
    };
    let find = |table: &str, key: &str, line: usize| {
        find_operation(model, key).ok_or_else(|| {
            fail(
                line,
                format!("{table}.{}", toml_key(key)),
                format!("no operation has the operationId or method name `{key}`"),
            )
        })
    };
    for p in &operations.pagination {
        let op = find("pagination", &p.operation, p.line)?;
        let params: Vec<(&str, &String)> = match &p.pattern {
            Pagination::Page {
                page_param,
                size_param,
                ..
            } => std::iter::once(("page-param", page_param))
                .chain(size_param.iter().map(|s| ("size-param", s)))
                .collect(),
            Pagination::Cursor { cursor_param, .. } => vec![("cursor-param", cursor_param)],
            Pagination::NextUrl { .. } | Pagination::LinkHeader => Vec::new(),
        };
        for (field, name) in params {
            let known = op
                .params
                .iter()
                .any(|q| q.location == Location::Query && q.wire_name == *name);
            if !known {
                return Err(fail(
                    p.line,
                    format!("pagination.{}.{field}", toml_key(&p.operation)),
                    format!(
                        "operation `{}` has no query parameter `{name}`",
                        op.method_name
                    ),
                ));
            }
        }
    }
    for j in &operations.jobs {
        find("jobs", &j.operation, j.line)?;
    }
    for s in &operations.streams {
        find("streams", &s.operation, s.line)?;
        if !schemas.contains(&s.event_schema.as_str()) {
            return Err(fail(
                s.line,
                format!("streams.{}.event-schema", toml_key(&s.operation)),
                format!("the document has no component schema `{}`", s.event_schema),
            ));
        }
    }
    Ok(())
}
