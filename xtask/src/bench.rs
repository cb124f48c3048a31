//! `cargo xtask bench`: how long each stage takes on real documents, the peak
//! memory, and how much code comes out.
//!
//! Each document is measured in a child process of its own, so that the peak
//! memory (`VmHWM`) is that document's alone. Times are the best of `--runs`
//! runs (default 3), to keep out noise from the rest of the machine.
//!
//! `--scaling` measures instead how the time of each stage grows with the
//! size of one document (see [`scaling`]).

mod scaling;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

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
        return scaling::run(&file, runs);
    }
    if files.is_empty() {
        let root = crate::workspace_root();
        for dir in [root.join("spec"), root.join("../shared/specs")] {
            if let Ok(found) = crate::documents_in(&dir) {
                files.extend(found);
            }
        }
    }
    println!(
        "{:<40} {:>8} {:>8} {:>8} {:>8} {:>9} {:>9} {:>9} {:>8} {:>6} {:>7}",
        "document",
        "size KiB",
        "load ms",
        "model ms",
        "emit ms",
        "render ms",
        "e+r par",
        "total ms",
        "peak MiB",
        "types",
        "lines"
    );
    println!("(emit and render are timed on one thread; `e+r par` is both as generation runs them, in parallel; total = load + model + e+r par)");
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

/// The stages as the tables name them, in the order [`Measurement::stages`] holds them.
const STAGES: [&str; 5] = ["load", "model", "emit", "render", "e+r par"];

/// The best time of each stage over some runs, and what came out.
struct Measurement {
    /// load, model, emit and render timed one after the other on this
    /// thread, then emit and render again as [`codegen::generate_from_model`]
    /// runs them, in parallel (see [`STAGES`]).
    stages: [Duration; 5],
    types: usize,
    operations: usize,
    /// Lines of rendered code.
    lines: usize,
}

/// Runs every stage on a document's text `runs` times, in this process,
/// keeping the best time of each.
fn measure(text: &str, runs: usize) -> Result<Measurement, String> {
    let options = codegen::Options::default();
    let mut best = [Duration::MAX; 5];
    let mut lines = 0;
    let mut types = 0;
    let mut operations = 0;
    for _ in 0..runs.max(1) {
        let t0 = Instant::now();
        let doc = codegen::load::load_str(text).map_err(|e| e.to_string())?;
        let t1 = Instant::now();
        let (model, _warnings) =
            codegen::model::build(&doc, &options.model_options()).map_err(|e| e.to_string())?;
        let t2 = Instant::now();
        let emitted = codegen::emit::emit(&model);
        let t3 = Instant::now();
        let header = codegen::header(&options, "//");
        let mut total_lines = 0;
        for f in emitted {
            let rendered = codegen::render::render(f.tokens, &header).map_err(|e| e.to_string())?;
            total_lines += rendered.lines().count();
        }
        let t4 = Instant::now();
        codegen::generate_from_model(&model, Vec::new(), &options).map_err(|e| e.to_string())?;
        let t5 = Instant::now();
        for (slot, d) in best
            .iter_mut()
            .zip([t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4])
        {
            *slot = (*slot).min(d);
        }
        lines = total_lines;
        types = model.types.len();
        operations = model.operations.len();
        drop(doc);
    }
    Ok(Measurement {
        stages: best,
        types,
        operations,
        lines,
    })
}

/// Measures one document, in this process, and prints its row.
fn one(file: &Path, runs: usize) -> Result<(), String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let m = measure(&text, runs)?;
    let best = m.stages;
    let total: Duration = best[0] + best[1] + best[4];
    println!(
        "{:<40} {:>8} {:>8} {:>8} {:>8} {:>9} {:>9} {:>9} {:>8} {:>6} {:>7}",
        name(file),
        text.len() / 1024,
        ms(best[0]),
        ms(best[1]),
        ms(best[2]),
        ms(best[3]),
        ms(best[4]),
        ms(total),
        peak_mib()
            .map(|m| format!("{m:.0}"))
            .unwrap_or_else(|| "?".into()),
        m.types,
        m.lines
    );
    Ok(())
}

/// The process's peak resident memory, from `/proc/self/status` (Linux).
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
