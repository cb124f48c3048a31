//! `cargo xtask bench --scaling [FILE]`: how the time of each stage grows
//! with the size of a document.
//!
//! A real document is made 1, 2, 4 and 8 times as large by copying its
//! `paths` and `components` under new names ([`replicate`]), so that
//! everything the generator works through — schemas, parameters, responses
//! and operations alike — doubles from one size to the next. Each size is
//! measured in a child process of its own, as `bench` measures a document:
//! the best of `--runs` runs of each stage, and the peak memory. A stage
//! that grows linearly takes the same time per copy at every size; one
//! whose time per copy at the largest size is more than [`SUPERLINEAR`]
//! times that at the smallest is flagged. Every size, one copy included, is
//! handed to the child as compact JSON, whose length is the `input KiB`; the
//! bare parse of that JSON into `openapiv3::OpenAPI` is timed beside the
//! stages, as `bench` times it, and each size's total shown as a multiple of it.
//!
//! Copies rather than subsets of `paths`: unreferenced components are
//! lowered too, so taking half of the paths of a document while keeping its
//! components does not halve the work, and the figures would not show how
//! a stage scales.

use super::measure::{Time, SEQUENTIAL};
use super::{measure, ms, ratio, Format, Measurement, STAGES};
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The document measured when none is named, relative to the workspace root.
pub const DEFAULT_DOCUMENT: &str = "../shared/specs/github-api.github.com-23.0.2.json";

/// The hidden option that runs a child: `bench --scaling-child RUNS`, the
/// document on standard input.
pub const CHILD_FLAG: &str = "--scaling-child";

/// How many copies of the document each size holds, smallest first, unless
/// `--copies` says otherwise.
pub const COPIES: [usize; 4] = [1, 2, 4, 8];

/// The sizes `--copies 1,2,4` names: at least two, each at least 1, growing.
pub fn parse_copies(text: &str) -> Result<Vec<usize>, String> {
    let bad = || format!("--copies takes growing counts of copies, such as 1,2,4; found `{text}`");
    let copies: Vec<usize> = text
        .split(',')
        .map(|c| c.trim().parse().map_err(|_| bad()))
        .collect::<Result<_, _>>()?;
    let growing = copies.windows(2).all(|w| w[0] < w[1]);
    if copies.len() < 2 || copies[0] == 0 || !growing {
        return Err(bad());
    }
    Ok(copies)
}

/// Beyond this ratio of the time per copy at the largest size to that at the
/// smallest, a stage is flagged as possibly superlinear.
const SUPERLINEAR: f64 = 1.5;

/// Components that are named rather than `$ref`erenced (security
/// requirements name their scheme): they are kept once, not copied.
const NOT_COPIED: [&str; 1] = ["securitySchemes"];

/// One size: how many copies, the length of its text, and its figures.
struct Size {
    copies: usize,
    bytes: usize,
    measurement: Measurement,
}

/// Measures each size of `file` in a child process and prints the tables.
pub fn run(file: &Path, runs: usize, copies: &[usize]) -> Result<(), String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let original = codegen::load::parse_text(&text).map_err(|e| e.to_string())?;
    drop(text);
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    println!(
        "{}: paths and components copied {copies:?} times under new names; best of {runs} run(s), each size in a child process",
        file.display()
    );
    println!(
        "{:>6} {:>9} {:>6} {:>6} {:>8} {:>8} {:>8} {:>8} {:>9} {:>9} {:>6} {:>9} {:>8}",
        "copies",
        "input KiB",
        "ops",
        "types",
        "parse ms",
        "load ms",
        "model ms",
        "emit ms",
        "render ms",
        "e+r par",
        "×parse",
        "cpu×parse",
        "peak MiB"
    );
    let mut sizes = Vec::new();
    for &copies in copies {
        let json =
            serde_json::to_string(&replicate(&original, copies)?).map_err(|e| e.to_string())?;
        let measurement =
            measure_in_child(&exe, &json, runs).map_err(|e| format!("{copies} copies: {e}"))?;
        let size = Size {
            copies,
            bytes: json.len(),
            measurement,
        };
        let m = &size.measurement;
        println!(
            "{:>6} {:>9} {:>6} {:>6} {:>8} {:>8} {:>8} {:>8} {:>9} {:>9} {:>6} {:>9} {:>8}",
            size.copies,
            size.bytes / 1024,
            m.operations,
            m.types,
            m.parse.as_ref().map_or_else(|_| "?".into(), |t| ms(t.wall)),
            ms(m.stages[0].wall),
            ms(m.stages[1].wall),
            ms(m.stages[2].wall),
            ms(m.stages[3].wall),
            ms(m.stages[4].wall),
            ratio(m.times_parse()),
            ratio(m.cpu_times_parse()),
            m.peak_mib
                .map(|p| format!("{p:.0}"))
                .unwrap_or_else(|| "?".into()),
        );
        sizes.push(size);
    }
    print_per_copy(&sizes);
    Ok(())
}

/// The second table: each stage's time (and the peak memory) per copy at
/// every size, the ratio of the largest size's to the smallest's, and a flag
/// where that ratio is over [`SUPERLINEAR`].
fn print_per_copy(sizes: &[Size]) {
    let (Some(first), Some(last)) = (sizes.first(), sizes.last()) else {
        return;
    };
    println!();
    print!("{:<16}", "per copy");
    for size in sizes {
        print!(" {:>8}", format!("{}x", size.copies));
    }
    println!(" {:>8}", format!("{}x/{}x", last.copies, first.copies));
    // Wall-clock times, then CPU times (which the machine's other load
    // hardly moves). The bare parse first: it grows linearly, so its row
    // shows how much that load moves the figures.
    let per_copy = |label: String, time: &dyn Fn(&Measurement) -> Option<Duration>| {
        let values = sizes
            .iter()
            .map(|s| Some(seconds_ms(time(&s.measurement)?) / s.copies as f64))
            .collect();
        (label, values)
    };
    let parse = |m: &Measurement| m.parse.as_ref().ok().copied();
    let mut rows: Vec<(String, Vec<Option<f64>>)> =
        vec![per_copy("parse ms".into(), &|m| Some(parse(m)?.wall))];
    rows.extend(
        STAGES
            .iter()
            .enumerate()
            .map(|(i, stage)| per_copy(format!("{stage} ms"), &|m| Some(m.stages[i].wall))),
    );
    rows.push(per_copy("parse cpu ms".into(), &|m| parse(m)?.cpu));
    rows.extend(
        STAGES[..SEQUENTIAL]
            .iter()
            .enumerate()
            .map(|(i, stage)| per_copy(format!("{stage} cpu ms"), &|m| m.stages[i].cpu)),
    );
    rows.push((
        "peak MiB".into(),
        sizes
            .iter()
            .map(|s| s.measurement.peak_mib.map(|p| p / s.copies as f64))
            .collect(),
    ));
    let mut flagged = Vec::new();
    for (label, per_copy) in rows {
        print!("{label:<16}");
        for value in &per_copy {
            match value {
                Some(v) => print!(" {v:>8.1}"),
                None => print!(" {:>8}", "?"),
            }
        }
        match (per_copy.first(), per_copy.last()) {
            (Some(Some(small)), Some(Some(large))) if *small > 0.0 => {
                let ratio = large / small;
                print!(" {ratio:>8.2}");
                if ratio > SUPERLINEAR {
                    print!("  superlinear?");
                    flagged.push(label);
                }
            }
            _ => print!(" {:>8}", "?"),
        }
        println!();
    }
    println!();
    if flagged.is_empty() {
        println!(
            "no stage takes more than {SUPERLINEAR}x as long per copy at {}x as at {}x: all scale linearly",
            last.copies, first.copies
        );
    } else {
        println!(
            "superlinear? {}: more than {SUPERLINEAR}x as long per copy at {}x as at {}x",
            flagged.join(", "),
            last.copies,
            first.copies
        );
    }
}

fn seconds_ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Measures a document's text in a child process, which reads it from its
/// standard input and prints [`child`]'s line.
fn measure_in_child(exe: &Path, json: &str, runs: usize) -> Result<Measurement, String> {
    let mut child = Command::new(exe)
        .args(["bench", CHILD_FLAG, &runs.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    // The child reads all of its input before it writes anything, so
    // writing it all before reading the output cannot deadlock.
    let written = child
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(json.as_bytes()));
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    if let Some(Err(e)) = written {
        return Err(format!("cannot write the document to the child: {e}"));
    }
    parse_line(&String::from_utf8_lossy(&out.stdout))
}

/// `bench --scaling-child RUNS`: measures the document on standard input and
/// prints one line, `key=value` pairs, for [`parse_line`].
pub fn child(runs: usize) -> Result<(), String> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read the document from standard input: {e}"))?;
    let m = measure(&text, Format::Json, runs)?;
    let stages: Vec<String> = m.stages.iter().map(encode).collect();
    println!(
        "parse={} stages={} unparse={} reparse={} types={} operations={} lines={} peak_mib={}",
        m.parse.as_ref().map_or_else(|_| "?".into(), encode),
        stages.join(","),
        m.unparse.as_ref().map_or_else(|| "?".into(), encode),
        m.reparse.as_ref().map_or_else(|| "?".into(), encode),
        m.types,
        m.operations,
        m.lines,
        m.peak_mib.map_or_else(|| "?".into(), |p| p.to_string())
    );
    Ok(())
}

/// A time as [`child`] prints it: nanoseconds by the wall clock and on a
/// CPU, `1200/1100`, or `1200/?`.
fn encode(t: &Time) -> String {
    let cpu = t
        .cpu
        .map_or_else(|| "?".into(), |c| c.as_nanos().to_string());
    format!("{}/{cpu}", t.wall.as_nanos())
}

/// A time [`encode`] wrote.
fn decode(text: &str) -> Option<Time> {
    let (wall, cpu) = text.split_once('/')?;
    Some(Time {
        wall: Duration::from_nanos(wall.parse().ok()?),
        cpu: cpu.parse().ok().map(Duration::from_nanos),
    })
}

/// Reads the line [`child`] prints.
fn parse_line(line: &str) -> Result<Measurement, String> {
    let bad = || format!("unexpected output from the child: {line:?}");
    let field = |key: &str| -> Result<&str, String> {
        line.split_whitespace()
            .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
            .ok_or_else(bad)
    };
    let count = |key: &str| -> Result<usize, String> { field(key)?.parse().map_err(|_| bad()) };
    let stages: Vec<Time> = field("stages")?
        .split(',')
        .map(|t| decode(t).ok_or_else(bad))
        .collect::<Result<_, _>>()?;
    let stages: [Time; 5] = stages.try_into().map_err(|_| bad())?;
    let parse = decode(field("parse")?).ok_or_else(|| "openapiv3 cannot read the document".into());
    Ok(Measurement {
        parse,
        stages,
        peak_mib: field("peak_mib")?.parse().ok(),
        unparse: field("unparse").ok().and_then(decode),
        reparse: field("reparse").ok().and_then(decode),
        types: count("types")?,
        operations: count("operations")?,
        lines: count("lines")?,
    })
}

/// The document with its `paths` and `components` present `copies` times.
///
/// Copy 0 is the document as it is. Copy `k` renames every component
/// `Name` to `Name_copyk` and every path `/p` to `/copyk/p`, rewrites its
/// own `$ref`s (and `operationRef`s, and discriminator `mapping`s) to
/// those names, and suffixes every `operationId` with `_copyk`; so each
/// copy is a whole API of its own, referring only to itself. Everything
/// else (`info`, `servers`, security schemes, webhooks) is kept once.
fn replicate(doc: &Value, copies: usize) -> Result<Value, String> {
    let mut out = doc
        .as_object()
        .ok_or("the document is not an object")?
        .clone();
    let schemas: HashSet<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default();
    if let Some(Value::Object(paths)) = out.get_mut("paths") {
        *paths = copied(paths, copies, &schemas, |path, copy| {
            format!("/copy{copy}{path}")
        })?;
    }
    if let Some(Value::Object(components)) = out.get_mut("components") {
        for (kind, entries) in components.iter_mut() {
            if NOT_COPIED.contains(&kind.as_str()) {
                continue;
            }
            if let Value::Object(entries) = entries {
                *entries = copied(entries, copies, &schemas, |name, copy| {
                    format!("{name}{}", suffix(copy))
                })?;
            }
        }
    }
    Ok(Value::Object(out))
}

/// `copies` copies of a map's entries, copy 0 as it is and copy `k` under
/// `rename(key, k)` with its values rewritten as [`rewrite`] does.
fn copied(
    entries: &Map<String, Value>,
    copies: usize,
    schemas: &HashSet<String>,
    rename: impl Fn(&str, usize) -> String,
) -> Result<Map<String, Value>, String> {
    let mut out = entries.clone();
    for copy in 1..copies {
        for (key, value) in entries {
            let mut value = value.clone();
            rewrite(&mut value, copy, schemas);
            let new_key = rename(key, copy);
            if out.insert(new_key.clone(), value).is_some() {
                return Err(format!(
                    "`{new_key}` is in the document already: cannot name a copy of `{key}` so"
                ));
            }
        }
    }
    Ok(out)
}

/// The suffix of copy `k`'s names (copy 0 has none).
fn suffix(copy: usize) -> String {
    if copy == 0 {
        String::new()
    } else {
        format!("_copy{copy}")
    }
}

/// Points a value of copy `copy` at its own copy's components, paths and
/// operations.
fn rewrite(value: &mut Value, copy: usize, schemas: &HashSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match (key.as_str(), value) {
                    ("$ref" | "operationRef", Value::String(target)) => {
                        *target = renamed_ref(target, copy);
                    }
                    ("operationId", Value::String(id)) => id.push_str(&suffix(copy)),
                    ("discriminator", Value::Object(discriminator)) => {
                        if let Some(Value::Object(mapping)) = discriminator.get_mut("mapping") {
                            for target in mapping.values_mut() {
                                if let Value::String(target) = target {
                                    *target = if target.starts_with("#/") {
                                        renamed_ref(target, copy)
                                    } else if schemas.contains(target.as_str()) {
                                        // A mapping may name a schema without a `$ref`.
                                        format!("{target}{}", suffix(copy))
                                    } else {
                                        target.clone()
                                    };
                                }
                            }
                        }
                    }
                    (_, value) => rewrite(value, copy, schemas),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                rewrite(item, copy, schemas);
            }
        }
        _ => {}
    }
}

/// A reference into the document, pointed at copy `copy`:
/// `#/components/schemas/Pet/properties/id` becomes
/// `#/components/schemas/Pet_copy2/properties/id` and `#/paths/~1pets/get`
/// becomes `#/paths/~1copy2~1pets/get`. Others are kept as they are.
fn renamed_ref(target: &str, copy: usize) -> String {
    let segments: Vec<&str> = target.split('/').collect();
    match segments.as_slice() {
        ["#", "components", kind, name, rest @ ..] if !NOT_COPIED.contains(kind) => {
            let name = format!("{name}{}", suffix(copy));
            ["#", "components", kind, &name]
                .iter()
                .chain(rest)
                .copied()
                .collect::<Vec<_>>()
                .join("/")
        }
        ["#", "paths", path, rest @ ..] => {
            let path = format!("~1copy{copy}{path}");
            ["#", "paths", &path]
                .iter()
                .chain(rest)
                .copied()
                .collect::<Vec<_>>()
                .join("/")
        }
        _ => target.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn copies_rename_every_name_and_reference() {
        let doc = json!({
            "openapi": "3.0.3",
            "paths": {"/pets/{id}": {"get": {
                "operationId": "getPet",
                "security": [{"key": []}],
                "responses": {"200": {"$ref": "#/components/responses/Pet"}}
            }}},
            "components": {
                "schemas": {
                    "Pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}],
                            "discriminator": {"propertyName": "t", "mapping": {"c": "Cat", "d": "#/components/schemas/Cat"}}},
                    "Cat": {"properties": {"id": {"$ref": "#/components/schemas/Pet/properties/id"}}}
                },
                "responses": {"Pet": {"description": "a pet", "links": {"self": {"operationRef": "#/paths/~1pets~1{id}/get"}}}},
                "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "k"}}
            }
        });
        let two = replicate(&doc, 2).unwrap();
        assert_eq!(replicate(&doc, 1).unwrap(), doc);
        let op = &two["paths"]["/copy1/pets/{id}"]["get"];
        assert_eq!(op["operationId"], "getPet_copy1");
        assert_eq!(op["security"], json!([{"key": []}]));
        assert_eq!(
            op["responses"]["200"]["$ref"],
            "#/components/responses/Pet_copy1"
        );
        let schemas = &two["components"]["schemas"];
        assert_eq!(schemas.as_object().unwrap().len(), 4);
        assert_eq!(
            schemas["Pet_copy1"]["discriminator"]["mapping"],
            json!({"c": "Cat_copy1", "d": "#/components/schemas/Cat_copy1"})
        );
        assert_eq!(
            schemas["Cat_copy1"]["properties"]["id"]["$ref"],
            "#/components/schemas/Pet_copy1/properties/id"
        );
        assert_eq!(
            two["components"]["responses"]["Pet_copy1"]["links"]["self"]["operationRef"],
            "#/paths/~1copy1~1pets~1{id}/get"
        );
        assert_eq!(
            two["components"]["securitySchemes"]
                .as_object()
                .unwrap()
                .len(),
            1
        );
        // Copy 0 is untouched.
        assert_eq!(two["paths"]["/pets/{id}"], doc["paths"]["/pets/{id}"]);
    }

    #[test]
    fn copies_are_growing_counts() {
        assert_eq!(parse_copies("1,2,4").unwrap(), vec![1, 2, 4]);
        for bad in ["", "4", "0,1", "2,1", "1,1", "1,x"] {
            assert!(parse_copies(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_child_line_reads_back() {
        let line =
            "parse=10/9 stages=1/1,2/2,3/3,4/2,5/? unparse=3/2 reparse=4/3 types=6 operations=7 lines=8 peak_mib=9.5\n";
        let m = parse_line(line).unwrap();
        let ns = Duration::from_nanos;
        assert_eq!(
            m.parse,
            Ok(Time {
                wall: ns(10),
                cpu: Some(ns(9))
            })
        );
        assert_eq!((m.stages[4].wall, m.stages[4].cpu), (ns(5), None));
        assert_eq!(m.unparse.map(|t| t.cpu), Some(Some(ns(2))));
        assert_eq!(m.reparse.map(|t| t.wall), Some(ns(4)));
        // load, model, emit and render take 8 ns on a CPU, against 9 ns for the parse.
        assert!((m.cpu_times_parse().unwrap() - 8.0 / 9.0).abs() < 1e-9);
        // total = load + model + e+r par = 8 ns, against a 10 ns parse.
        assert!((m.times_parse().unwrap() - 0.8).abs() < 1e-9);
        assert_eq!((m.types, m.operations, m.lines), (6, 7, 8));
        assert_eq!(m.peak_mib, Some(9.5));
        assert!(parse_line("parse=1/1 stages=1/1,2/2 types=1").is_err());
        let unparsed = "parse=? stages=1/?,2/?,3/?,4/?,5/? types=6 operations=7 lines=8 peak_mib=?";
        let m = parse_line(unparsed).unwrap();
        assert!(m.parse.is_err());
        assert_eq!(
            (m.times_parse(), m.cpu_times_parse(), m.peak_mib),
            (None, None, None)
        );
        assert_eq!(m.stages[0].cpu, None);
        assert_eq!((m.unparse, m.reparse), (None, None));
    }
}
