//! Each change judged: its rule from [`RULES`](super::rules::RULES), and
//! what changed in Rust terms (`Pet::name: String → Option<String>`).

use super::diff::Change;
use super::rules::{rule_of, Rule};
use super::text::{Description, Item, Kind};

/// One change, judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static Rule,
    /// What it is about, as callers name it (`ListPets::limit`, `Pet`).
    pub subject: String,
    /// What changed, in Rust terms (`ListPets::limit(i64)` → `ListPets::limit(i32)`).
    pub detail: String,
}

/// The findings of one change: a change of both its Rust and its wire side is two.
pub fn classify(change: &Change, old: &Description, new: &Description) -> Vec<Finding> {
    let found = |id: &str, key: &str, detail: String| {
        // An operation is named by its method, as callers call it.
        let op = [&change.new, &change.old]
            .into_iter()
            .flatten()
            .find(|i| i.kind == Kind::Op);
        let subject = op.map_or(key, |i| call_parts(&i.rust).0);
        Finding {
            rule: rule_of(id),
            subject: subject.to_string(),
            detail,
        }
    };
    match (&change.old, &change.new) {
        (None, Some(n)) => added(n, new)
            .map(|(id, d)| found(id, &n.key, d))
            .into_iter()
            .collect(),
        (Some(o), None) => removed(o, old)
            .map(|(id, d)| found(id, &o.key, d))
            .into_iter()
            .collect(),
        (Some(o), Some(n)) if o.kind != n.kind => {
            vec![kind_changed(o, n).map_or_else(
                || {
                    found(
                        "type-kind-changed",
                        &n.key,
                        format!("{} {} → {} {}", o.kind.name(), o.key, n.kind.name(), n.key),
                    )
                },
                |(id, d)| found(id, &n.key, d),
            )]
        }
        (Some(o), Some(n)) => {
            let mut out = Vec::new();
            if o.rust != n.rust {
                if let Some((id, d)) = rust_changed(o, n) {
                    out.push(found(id, &n.key, d));
                }
            }
            if o.wire != n.wire {
                if let Some((id, d)) = wire_changed(o, n) {
                    out.push(found(id, &n.key, d));
                }
            }
            out
        }
        (None, None) => Vec::new(),
    }
}

/// `(rule, detail)`.
type Judged = Option<(&'static str, String)>;

fn with_wire(text: String, wire: &str) -> String {
    if wire.is_empty() {
        text
    } else {
        format!("{text} ({wire})")
    }
}

/// Whether code outside the crate may `match` on the enum `owner` without a `_` arm and gets one from responses.
fn matched_exhaustively(d: &Description, owner: &str) -> bool {
    let read = d.type_item(owner).is_some_and(|t| t.has_word("read"));
    read && !d.has(Kind::NonExhaustive, owner)
}

fn added(n: &Item, new: &Description) -> Judged {
    let owner = n.owner().unwrap_or("");
    Some(match n.kind {
        Kind::Op => ("operation-added", with_wire(n.rust.clone(), &n.wire)),
        Kind::Setter => (
            "setter-added",
            with_wire(format!("{}({})", n.key, n.rust), &n.wire),
        ),
        Kind::Arg => (
            "argument-added",
            with_wire(format!("{}: {}", n.key, n.rust), &n.wire),
        ),
        Kind::Error if matched_exhaustively(new, owner) => ("error-added-exhaustive", variant(n)),
        Kind::Error => ("error-added", variant(n)),
        Kind::Value if matched_exhaustively(new, owner) => {
            ("enum-value-added-exhaustive", variant(n))
        }
        Kind::Value => ("enum-value-added", variant(n)),
        Kind::Outcome | Kind::Variant | Kind::Media if matched_exhaustively(new, owner) => {
            ("variant-added-exhaustive", variant(n))
        }
        Kind::Outcome | Kind::Variant | Kind::Media => ("variant-added", variant(n)),
        Kind::Field | Kind::Header => (
            "field-added",
            with_wire(format!("{}: {}", n.key, n.rust), &n.wire),
        ),
        Kind::Part => (
            "part-added",
            with_wire(format!("{}: {}", n.key, n.rust), &n.wire),
        ),
        Kind::New => ("constructor-added", format!("{}::new{}", n.key, n.rust)),
        Kind::Default => ("default-added", format!("{}: Default", n.key)),
        Kind::Deprecated => ("deprecated", format!("#[deprecated] {}", n.key)),
        Kind::NonExhaustive => (
            "non-exhaustive-added",
            format!("#[non_exhaustive] {}", n.key),
        ),
        Kind::Feature => ("feature-added", format!("feature {:?}", n.key)),
        Kind::Server => ("server-added", n.wire.clone()),
        Kind::Cfg => (
            "operation-feature-changed",
            format!("{}: now #[cfg({})]", n.key, n.rust),
        ),
        Kind::Sends => return None,
        Kind::Returns => ("response-type-changed", format!("{}: {}", n.key, n.rust)),
        Kind::DefaultServer | Kind::ServerUrl | Kind::Credential | Kind::Group => (
            "method-added",
            with_wire(format!("{}{}", n.key, n.rust), &n.wire),
        ),
        Kind::Stream | Kind::Pages | Kind::Wait => ("method-added", method_text(n)),
        k if k.is_type() => ("type-added", format!("{} {}", k.name(), n.key)),
        _ => return None,
    })
}

fn removed(o: &Item, old: &Description) -> Judged {
    let _ = old;
    Some(match o.kind {
        Kind::Op => ("operation-removed", with_wire(o.rust.clone(), &o.wire)),
        Kind::Setter => ("setter-removed", format!("{}({})", o.key, o.rust)),
        Kind::Arg => ("argument-removed", format!("{}: {}", o.key, o.rust)),
        Kind::Error => ("error-removed", variant(o)),
        Kind::Value => ("enum-value-removed", variant(o)),
        Kind::Outcome | Kind::Variant | Kind::Media => ("variant-removed", variant(o)),
        Kind::Field | Kind::Header | Kind::Part => {
            ("field-removed", format!("{}: {}", o.key, o.rust))
        }
        Kind::New => ("constructor-removed", format!("{}::new{}", o.key, o.rust)),
        Kind::Default => ("default-removed", format!("{}: Default", o.key)),
        Kind::Deprecated => ("undeprecated", o.key.clone()),
        Kind::NonExhaustive => ("non-exhaustive-removed", o.key.clone()),
        Kind::Feature => ("feature-removed", format!("feature {:?}", o.key)),
        Kind::Server => ("server-removed", o.wire.clone()),
        Kind::Cfg => (
            "operation-ungated",
            format!("{}: no longer #[cfg({})]", o.key, o.rust),
        ),
        Kind::Sends | Kind::Returns => return None,
        Kind::DefaultServer | Kind::ServerUrl | Kind::Credential | Kind::Group => {
            ("method-removed", format!("{}{}", o.key, o.rust))
        }
        Kind::Stream | Kind::Pages | Kind::Wait => ("method-removed", method_text(o)),
        k if k.is_type() => ("type-removed", format!("{} {}", k.name(), o.key)),
        _ => return None,
    })
}

/// How a builder's stream, pages or wait method reads.
fn method_text(i: &Item) -> String {
    match i.kind {
        Kind::Stream => i.rust.clone(),
        Kind::Pages => format!("{}::pages(), items(): {}", i.key, i.rust),
        _ => format!("{}::wait()", i.key),
    }
}

fn variant(i: &Item) -> String {
    with_wire(format!("{}{}", i.key, i.rust), &i.wire)
}

fn kind_changed(o: &Item, n: &Item) -> Judged {
    match (o.kind, n.kind) {
        (Kind::Setter, Kind::Arg) => Some((
            "parameter-now-required",
            format!(
                "{}({}) → argument {}: {}",
                o.key,
                o.rust,
                n.member(),
                n.rust
            ),
        )),
        (Kind::Arg, Kind::Setter) => Some((
            "parameter-now-optional",
            format!(
                "argument {}: {} → {}({})",
                o.member(),
                o.rust,
                n.key,
                n.rust
            ),
        )),
        _ => None,
    }
}

/// The method path and the argument names of an operation's `rust`
/// (`Client::list_pets(owner, repo)`).
fn call_parts(rust: &str) -> (&str, Vec<&str>) {
    let (path, args) = rust.rsplit_once('(').unwrap_or((rust, ""));
    let args = args.trim_end_matches(')');
    let args = args.split(", ").filter(|a| !a.is_empty()).collect();
    (path, args)
}

/// `T` of `Option<T>`.
fn unoption(t: &str) -> Option<&str> {
    t.strip_prefix("Option<")?.strip_suffix('>')
}

fn rust_changed(o: &Item, n: &Item) -> Judged {
    let arrow = |what: &str| format!("{what}: {} → {}", o.rust, n.rust);
    Some(match o.kind {
        Kind::Op => {
            let ((op, oa), (np, na)) = (call_parts(&o.rust), call_parts(&n.rust));
            if op != np {
                ("operation-renamed", format!("{op} → {np}"))
            } else {
                let (mut x, mut y) = (oa.clone(), na.clone());
                x.sort_unstable();
                y.sort_unstable();
                if x != y {
                    // Arguments added or removed: their own changes say which.
                    return None;
                }
                ("arguments-reordered", format!("{} → {}", o.rust, n.rust))
            }
        }
        Kind::Arg => ("argument-type-changed", arrow(&o.key)),
        Kind::Setter => (
            "setter-type-changed",
            format!("{}({}) → {}({})", o.key, o.rust, n.key, n.rust),
        ),
        Kind::Returns => ("response-type-changed", arrow(&o.key)),
        Kind::Error => (
            "error-type-changed",
            format!("{}{} → {}{}", o.key, o.rust, n.key, n.rust),
        ),
        Kind::Outcome | Kind::Variant | Kind::Media | Kind::Value => (
            "variant-type-changed",
            format!("{}{} → {}{}", o.key, o.rust, n.key, n.rust),
        ),
        Kind::Field | Kind::Header | Kind::Part => {
            let id = if unoption(&n.rust) == Some(o.rust.as_str()) {
                "field-now-optional"
            } else if unoption(&o.rust) == Some(n.rust.as_str()) {
                "field-now-required"
            } else {
                "field-type-changed"
            };
            (id, arrow(&o.key))
        }
        Kind::New => (
            "constructor-changed",
            format!("{0}::new{1} → {0}::new{2}", o.key, o.rust, n.rust),
        ),
        Kind::Alias => (
            "alias-changed",
            format!("type {} = {} → {}", o.key, o.rust, n.rust),
        ),
        Kind::Union => {
            let tagging = |r: &str| r.split(' ').next().unwrap_or("").to_string();
            if tagging(&o.rust) == tagging(&n.rust) {
                return None;
            }
            (
                "union-tagging-changed",
                format!("{}: {} → {}", o.key, tagging(&o.rust), tagging(&n.rust)),
            )
        }
        Kind::Cfg => (
            "operation-feature-changed",
            format!("{}: #[cfg({})] → #[cfg({})]", o.key, o.rust, n.rust),
        ),
        Kind::DefaultServer
        | Kind::ServerUrl
        | Kind::Credential
        | Kind::Group
        | Kind::Stream
        | Kind::Pages => (
            "method-signature-changed",
            format!("{}: {} → {}", o.key, o.rust, n.rust),
        ),
        // Who builds or reads a type: its members' changes say what that does.
        _ => return None,
    })
}

fn wire_changed(o: &Item, n: &Item) -> Judged {
    let arrow = format!("{}: {} → {}", o.key, o.wire, n.wire);
    Some(match o.kind {
        Kind::Op => (
            "operation-http-changed",
            format!("{}: {} → {}", call_parts(&n.rust).0, o.wire, n.wire),
        ),
        Kind::Arg | Kind::Setter => ("parameter-wire-changed", arrow),
        Kind::Returns => {
            let (was, is): (Vec<&str>, Vec<&str>) =
                (o.wire.split(' ').collect(), n.wire.split(' ').collect());
            let gone: Vec<&str> = was.iter().filter(|s| !is.contains(s)).copied().collect();
            if gone.is_empty() {
                ("success-status-added", arrow)
            } else {
                ("success-status-removed", arrow)
            }
        }
        Kind::Error => ("error-status-changed", arrow),
        Kind::Value => ("enum-value-wire-changed", arrow),
        Kind::Outcome | Kind::Variant | Kind::Media => ("variant-wire-changed", arrow),
        Kind::Field | Kind::Header | Kind::Part => ("field-wire-changed", arrow),
        Kind::Credential => ("credential-wire-changed", arrow),
        Kind::DefaultServer => (
            "default-server-changed",
            format!("Client::new(): {} → {}", o.wire, n.wire),
        ),
        Kind::ServerUrl => ("server-url-changed", arrow),
        Kind::Server => ("server-url-changed", arrow),
        Kind::Sends => {
            let alts = |w: &str| -> Vec<String> { w.split(" | ").map(str::to_string).collect() };
            let (was, is) = (alts(&o.wire), alts(&n.wire));
            // More alternatives, or none needed, is compatible; a credential
            // a caller configured that is no longer sent may not be.
            let widened = n.wire == "every credential set"
                || is.iter().any(|a| a == "none")
                || (was.iter().all(|a| is.contains(a)) && o.wire != "every credential set");
            let id = if widened {
                "operation-credentials-widened"
            } else {
                "operation-credentials-narrowed"
            };
            (id, format!("{} sends {} → {}", o.key, o.wire, n.wire))
        }
        _ => return None,
    })
}
