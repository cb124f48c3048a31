//! `cargo xtask bench`: how long each stage takes on real documents, the peak
//! memory, and how much code comes out.
//!
//! Each document is measured in a child process of its own, so that the peak
//! memory (`VmHWM`) is that document's alone. Times are the best of `--runs`
//! runs (default 3), to keep out noise from the rest of the machine.
//!
//! Beside the stages, each run times a bare parse of the document: its text
//! read straight into `openapiv3::OpenAPI` (with `serde_json` or
//! `serde_yaml_ng`, as the file's extension says), which is what any tool
//! pays to read the document at all. Each document's total is printed as a
//! multiple of it (`×parse`), and so is the CPU time of all the stages run
//! on one thread (`cpu×parse`), which the machine's other load hardly moves.
//!
//! `--scaling` measures instead how the time of each stage grows with the
//! size of one document (see [`scaling`]): `--copies 1,2,4` picks the sizes.

mod measure;
mod scaling;

use measure::{measure, Format, Measurement, STAGES};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

pub fn run(args: &[String]) -> Result<(), String> {
    if args.first().map(String::as_str) == Some("--one") {
        let file = args.get(1).ok_or("--one needs a file")?;
        let runs = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3);
        return one(Path::new(file), runs);
    }
    if args.first().map(String::as_str) == Some(scaling::CHILD_FLAG) {
        let runs = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
        return scaling::child(runs);
    }
    let mut runs = 3usize;
    let mut scaling = false;
    let mut copies = scaling::COPIES.to_vec();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => {
                runs = it
                    .next()
                    .and_then(|r| r.parse().ok())
                    .ok_or("--runs needs a number")?
            }
            "--scaling" => scaling = true,
            "--copies" => {
                copies = scaling::parse_copies(it.next().ok_or("--copies needs counts")?)?
            }
            other => files.push(PathBuf::from(other)),
        }
    }
    if cfg!(debug_assertions) {
        eprintln!("note: this is a debug build; for real figures run `cargo run --release -p xtask -- bench`");
    }
    if scaling {
        let file = match files.as_slice() {
            [] => crate::workspace_root().join(scaling::DEFAULT_DOCUMENT),
            [file] => file.clone(),
            _ => return Err("--scaling takes one document".into()),
        };
        return scaling::run(&file, runs, &copies);
    }
    if files.is_empty() {
        let root = crate::workspace_root();
        for dir in [root.join("spec"), root.join("../shared/specs")] {
            if let Ok(found) = crate::documents_in(&dir) {
                files.extend(found);
            }
        }
    }
    println!("{}", row(&COLUMNS.map(String::from)));
    println!("(parse: the text into openapiv3::OpenAPI, nothing else. emit and render are timed on one thread; `e+r par` is both as generation runs them, in parallel. total = load + model + e+r par; ×parse = total / parse; cpu×parse = the process's CPU time for load + model + emit + render (the last two on one thread) / for the parse. Each the best of {runs} run(s). peak: the process's after load, model and e+r par. The line below each: the CPU time of the bare parse and of each stage, and of the two parts of render alone: syn reading the emitted tokens into a syn::File, and prettyplease printing it.)");
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    for file in files {
        let out = Command::new(&exe)
            .args(["bench", "--one"])
            .arg(&file)
            .arg(runs.to_string())
            .output()
            .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
        let text = String::from_utf8_lossy(&out.stdout);
        if out.status.success() {
            print!("{text}");
        } else {
            println!(
                "{:<40} failed: {}",
                name(&file),
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
    }
    Ok(())
}

/// The columns of the table, and how wide each is.
const COLUMNS: [&str; 14] = [
    "document",
    "size KiB",
    "parse ms",
    "load ms",
    "model ms",
    "emit ms",
    "render ms",
    "e+r par",
    "total ms",
    "×parse",
    "cpu×parse",
    "peak MiB",
    "types",
    "lines",
];
const WIDTHS: [usize; 14] = [40, 8, 8, 8, 8, 8, 9, 9, 9, 6, 9, 8, 6, 7];

/// One row of the table: the first column left-aligned, the rest right.
fn row(cells: &[String; 14]) -> String {
    let mut out = format!("{:<w$}", cells[0], w = WIDTHS[0]);
    for (cell, w) in cells.iter().zip(WIDTHS).skip(1) {
        out.push_str(&format!(" {cell:>w$}"));
    }
    out
}

fn name(file: &Path) -> String {
    let n = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if n.len() > 40 {
        format!("{}…", &n[..39])
    } else {
        n
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

/// A ratio for a table: `3.8`, or `?` when there is none.
fn ratio(r: Option<f64>) -> String {
    r.map_or_else(|| "?".into(), |r| format!("{r:.1}"))
}

/// The CPU time of the bare parse and of each stage run on one thread:
/// `parse 106.2, load 204.0, model 328.1, emit 194.3, render 633.0, of render:
/// syn::parse2 alone 460.1 (4.3× the parse), prettyplease alone 190.2 (1.8×)`.
fn cpu_line(m: &Measurement) -> String {
    let cpu = |t: Option<Duration>| t.map_or_else(|| "?".into(), ms);
    let parse = m.parse.as_ref().ok().and_then(|t| t.cpu);
    std::iter::once(format!("parse {}", cpu(parse)))
        .chain(
            STAGES[..measure::SEQUENTIAL]
                .iter()
                .zip(&m.stages)
                .map(|(stage, t)| format!("{stage} {}", cpu(t.cpu))),
        )
        .chain(m.reparse.zip(m.unparse).map(|(reparse, unparse)| {
            format!(
                "of render: syn::parse2 alone {} ({}× the parse), prettyplease alone {} ({}×)",
                cpu(reparse.cpu),
                ratio(m.times_parse_cpu(reparse)),
                cpu(unparse.cpu),
                ratio(m.times_parse_cpu(unparse))
            )
        }))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Measures one document, in this process, and prints its row (and, when
/// `openapiv3` cannot read it, why there is no bare parse to compare with).
fn one(file: &Path, runs: usize) -> Result<(), String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let m = measure(&text, Format::of(file), runs)?;
    let wall = m.stages.map(|t| ms(t.wall));
    let [load, model, emit, render, parallel] = wall;
    println!(
        "{}",
        row(&[
            name(file),
            (text.len() / 1024).to_string(),
            m.parse.as_ref().map_or_else(|_| "?".into(), |t| ms(t.wall)),
            load,
            model,
            emit,
            render,
            parallel,
            ms(m.total()),
            ratio(m.times_parse()),
            ratio(m.cpu_times_parse()),
            m.peak_mib.map_or_else(|| "?".into(), |m| format!("{m:.0}")),
            m.types.to_string(),
            m.lines.to_string(),
        ])
    );
    println!("    cpu ms: {}", cpu_line(&m));
    if let Err(e) = &m.parse {
        println!("    (no bare parse: openapiv3 cannot read the document as it is: {e})");
    }
    Ok(())
}
