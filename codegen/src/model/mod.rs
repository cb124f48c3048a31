//! Stage 2, model: the document lowered into plain data.
//!
//! Every `$ref` is resolved and every type, field, variant, operation and
//! argument has its final Rust name here, before any token is made. The
//! emitter only reads this data; tests can look at it directly.

pub mod defaults;
pub mod features;
pub mod fields;
mod graph;
mod groups;
mod jobs;
mod operation;
mod pagination;
mod paths;
mod resolve;
mod schema;
mod servers;
pub mod status;
mod streaming;
#[cfg(test)]
pub(crate) mod test_data;
mod types;

use crate::diag::{Error, Pointer, Warning};
use crate::load::Document;
use crate::naming::RustIdent;

pub use jobs::JobStatus;
pub use operation::*;
pub use pagination::{CursorAt, ItemsAt, PagePattern, Pagination};
pub use paths::build_operations;
pub use streaming::{EventSource, EventStream, StreamMethod, Twin};
pub use types::*;

/// The whole client, as data.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub title: String,
    /// The API's version (`info.version`).
    pub version: String,
    pub description: Option<String>,
    /// The OpenAPI version the document declared.
    pub openapi: String,
    /// The first absolute server URL, with variables at their defaults.
    pub default_server: Option<String>,
    /// All servers the document lists, for the docs.
    pub servers: Vec<Server>,
    pub security_schemes: Vec<SecurityScheme>,
    /// Every named type, sorted by name.
    pub types: Vec<TypeDef>,
    /// Every operation, in document order.
    pub operations: Vec<Operation>,
    /// Operations grouped by tag ([`ModelOptions::group_by_tag`]); empty unless asked for,
    /// when every operation is a method of the client itself.
    pub groups: Vec<Group>,
    /// Cargo features by tag or path ([`ModelOptions::features_by_tag`],
    /// [`ModelOptions::features_by_path`]); empty unless asked for.
    pub features: features::Features,
}

/// The operations of one tag, reached through a method of the client
/// (`client.pets().list_pets()`).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The tag as the document writes it.
    pub tag: String,
    /// The client's method that opens the group (`pets`).
    pub method_name: RustIdent,
    /// The struct the method returns (`PetsApi`).
    pub type_name: RustIdent,
    /// The tag's description.
    pub doc: Option<String>,
    /// Indices into [`Model::operations`], in document order.
    pub operations: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The URL with every variable at its default.
    pub url: String,
    pub description: Option<String>,
    /// The URL as written, `{variable}`s and all.
    pub template: String,
    pub variables: Vec<ServerVariable>,
}

/// A `{variable}` of a server URL.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    /// The name in the template.
    pub wire_name: String,
    /// The Rust argument name.
    pub name: RustIdent,
    pub default: String,
    /// The values allowed, when the document lists them.
    pub values: Vec<String>,
    pub doc: Option<String>,
}

/// What building a model can be asked to do beyond the document's say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelOptions {
    /// Operations with a tag become methods of a group per tag
    /// (`client.pets().list_pets()`), filling [`Model::groups`].
    pub group_by_tag: bool,
    /// Each tag's operations behind a cargo feature, filling [`Model::features`].
    pub features_by_tag: bool,
    /// Each path resource's operations behind a cargo feature (in place of
    /// [`features_by_tag`](Self::features_by_tag)), filling [`Model::features`].
    pub features_by_path: bool,
    /// What a config file declares about operations: renames are applied here.
    pub operations: crate::config::Operations,
}

/// Builds the model of a loaded document.
pub fn build(doc: &Document, options: &ModelOptions) -> Result<(Model, Vec<Warning>), Error> {
    let mut warnings = doc.warnings.clone();
    let mut ctx = schema::Lowering::new(doc, &mut warnings)?;
    ctx.lower_components()?;
    let security_schemes = paths::security::security_schemes(doc, &mut ctx)?;
    let mut operations = build_operations(doc, &mut ctx, &security_schemes, &options.operations)?;
    streaming::settle(
        &mut operations,
        &mut ctx,
        &options.operations,
        &security_schemes,
    );
    let types = ctx.finish(&operations)?;
    pagination::settle(&mut operations, fields::Types(&types), &options.operations)?;
    jobs::settle(&mut operations, fields::Types(&types), &options.operations)?;
    let groups = if options.group_by_tag {
        groups::group_by_tag(doc, &mut operations, &security_schemes)
    } else {
        Vec::new()
    };

    let info = &doc.api.info;
    let servers: Vec<Server> = doc.api.servers.iter().map(servers::server).collect();
    let default_server = servers
        .iter()
        .map(|s| s.url.clone())
        .find(|u| url::Url::parse(u).is_ok_and(|u| !u.cannot_be_a_base()));
    let mut model = Model {
        title: info.title.clone(),
        version: info.version.clone(),
        description: info.description.clone(),
        openapi: doc.version.clone(),
        default_server,
        servers,
        security_schemes,
        types,
        operations,
        groups,
        features: features::Features::default(),
    };
    graph::dedupe::merge_identical_types(&mut model);
    graph::sizes::mark_large_variants(&mut model);
    graph::direction::mark_sent(&mut model);
    if options.features_by_path {
        model.features = features::by_path(&model.operations, &model.types);
    } else if options.features_by_tag {
        let declared: Vec<&str> = doc.api.tags.iter().map(|t| t.name.as_str()).collect();
        model.features = features::by_tag(&declared, &model.operations, &model.types);
    }
    Ok((model, warnings))
}

impl Model {
    /// How docs link to an operation's method: `Client::list_pets`, or the
    /// method of its group.
    pub fn method_link(&self, op: &Operation) -> String {
        match op.group {
            None => format!("Client::{}", op.method_name),
            Some(g) => format!(
                "super::client::{}::{}",
                self.groups[g].type_name, op.method_name
            ),
        }
    }

    /// Calls `f` on every use of a type: in types, parameters, bodies,
    /// responses and response headers.
    pub fn for_each_type_ref_mut(&mut self, f: &mut dyn FnMut(&mut TypeRef)) {
        for t in &mut self.types {
            t.kind.for_each_type_ref_mut(f);
        }
        self.for_each_operation_type_ref_mut(f);
    }

    /// Calls `f` on every use of a type in operations: parameters, bodies,
    /// responses and response headers.
    pub fn for_each_operation_type_ref_mut(&mut self, f: &mut dyn FnMut(&mut TypeRef)) {
        fn body(kind: &mut BodyKind, f: &mut dyn FnMut(&mut TypeRef)) {
            match kind {
                BodyKind::Json(t) | BodyKind::Form(t, _) => f(t),
                BodyKind::Multipart(m) => {
                    for field in &mut m.fields {
                        if let PartValue::Value(t) = &mut field.value {
                            f(t);
                        }
                    }
                }
                BodyKind::Choice(c) => c.options.iter_mut().for_each(|o| body(&mut o.kind, f)),
                BodyKind::Text | BodyKind::Bytes => {}
            }
        }
        for op in &mut self.operations {
            op.params.iter_mut().for_each(|p| f(&mut p.ty));
            if let Some(b) = &mut op.body {
                body(&mut b.kind, f);
            }
            for r in op.success.iter_mut().chain(&mut op.errors) {
                if let ResponseBody::Json(t) = &mut r.body {
                    f(t);
                }
            }
            op.response_headers.iter_mut().for_each(|h| f(&mut h.ty));
            if let Some(s) = &mut op.stream {
                f(&mut s.event);
            }
            if let Some(p) = &mut op.pagination {
                f(&mut p.item);
            }
        }
    }

    pub fn find_type(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }

    pub fn find_operation(&self, method_name: &str) -> Option<&Operation> {
        self.operations
            .iter()
            .find(|o| o.method_name == method_name)
    }
}
