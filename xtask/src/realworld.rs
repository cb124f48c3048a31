//! `cargo xtask realworld`: generates a client for each real-world document
//! and proves that it compiles with clippy's warnings denied and that its
//! docs build with rustdoc's warnings denied.
//!
//! The crates are written to `target/realworld/<name>/`, one workspace, so
//! their dependencies are built once; nothing of them is committed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const USAGE: &str =
    "usage: cargo xtask realworld [--specs DIR] [--only NAME,NAME] [--skip NAME,NAME] [--check] [--features F,F]
                              [--features-by-tag | --features-by-path [--sample N] [--pick F,F]] [--large]
  Generates a crate for every document in DIR (default ../shared/specs) into target/realworld/
  and runs `cargo clippy -- -D warnings` and rustdoc with warnings denied on each
  (with --check: only `cargo check`), timing each; --features compiles each with those of
  its features (`mock`: the typed mocks).
  --features-by-tag generates each with a cargo feature per tag; with --sample N (or --pick)
  it compiles, rather than the whole crate, each of N tag features (and the picked ones) alone:
  `--no-default-features --features rustls,F`, warnings denied (no rustdoc).
  --features-by-path is the same with a feature per path resource, for untagged documents.
  --large adds the documents of ../shared/large (Microsoft Graph), too large to compile
  whole by default.";

/// What `realworld` was asked for.
struct Options {
    specs_dir: PathBuf,
    only: Vec<String>,
    skip: Vec<String>,
    check_only: bool,
    features: Vec<String>,
    /// `--features-by-tag` or `--features-by-path`, passed on to codegen.
    split: Option<&'static str>,
    sample: Option<usize>,
    picks: Vec<String>,
    large: bool,
}

impl Options {
    fn parse(args: &[String], root: &std::path::Path) -> Result<Self, String> {
        let mut o = Options {
            specs_dir: root.join("../shared/specs"),
            only: Vec::new(),
            skip: Vec::new(),
            check_only: false,
            features: Vec::new(),
            split: None,
            sample: None,
            picks: Vec::new(),
            large: false,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut list = || -> Result<Vec<String>, String> {
                Ok(it
                    .next()
                    .ok_or(USAGE)?
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect())
            };
            match a.as_str() {
                "--specs" => o.specs_dir = PathBuf::from(it.next().ok_or(USAGE)?),
                "--only" => o.only = list()?,
                "--skip" => o.skip = list()?,
                "--check" => o.check_only = true,
                "--features" => o.features = list()?,
                "--features-by-tag" => o.split = Some("--features-by-tag"),
                "--features-by-path" => o.split = Some("--features-by-path"),
                "--sample" => {
                    let n = it.next().and_then(|n| n.parse().ok()).ok_or(USAGE)?;
                    o.sample = Some(n);
                }
                "--pick" => {
                    o.picks = list()?;
                    o.sample.get_or_insert(0);
                }
                "--large" => o.large = true,
                _ => return Err(USAGE.to_string()),
            }
        }
        if o.sample.is_some() && o.split.is_none() {
            return Err(format!(
                "--sample and --pick need --features-by-tag or --features-by-path\n{USAGE}"
            ));
        }
        Ok(o)
    }

    /// The documents selected, each with its crate's name.
    fn selected(&self, root: &std::path::Path) -> Result<Vec<(String, PathBuf)>, String> {
        let mut specs = crate::documents_in(&self.specs_dir)?;
        if self.large {
            specs.extend(crate::documents_in(&root.join("../shared/large"))?);
        }
        let selected: Vec<(String, PathBuf)> = specs
            .into_iter()
            .map(|p| (crate_name(&p), p))
            .filter(|(n, _)| {
                self.only.is_empty() || self.only.iter().any(|o| n.contains(o.as_str()))
            })
            .filter(|(n, _)| !self.skip.iter().any(|s| n.contains(s.as_str())))
            .collect();
        if selected.is_empty() {
            return Err(format!(
                "no document selected in {}",
                self.specs_dir.display()
            ));
        }
        Ok(selected)
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let root = crate::workspace_root();
    let options = Options::parse(args, &root)?;
    let selected = options.selected(&root)?;
    let dir = root.join("target/realworld");
    write_workspace(&root, &dir, &selected)?;
    let generated = generate_all(&dir, &selected, options.split)?;
    let mut failures = Vec::new();
    let mut rows = 0;
    let features = options.features.join(",");
    let sample = options.sample.map(|n| (n, &options.picks[..]));
    for (name, out, generate) in &generated {
        let lines = count_lines(&out.join("src"));
        for (label, args) in variants(name, out, &features, sample)? {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let steps = compile(&dir, &args, options.check_only, sample.is_none())?;
            let ok = steps.iter().all(|(_, s)| s.ok);
            let times: Vec<String> = steps
                .iter()
                .map(|(what, s)| format!("{what} {:>7.1}s", s.elapsed.as_secs_f64()))
                .collect();
            println!(
                "{label:<40} generate {:>6.2}s  {}  {lines:>7} lines  {}",
                generate.as_secs_f64(),
                times.join("  "),
                if ok { "ok" } else { "FAILED" }
            );
            rows += 1;
            failures.extend(
                steps
                    .iter()
                    .filter(|(_, s)| !s.ok)
                    .map(|(what, step)| not_clean(&label, what, &step.stderr)),
            );
        }
    }
    if failures.is_empty() {
        println!("{rows} generated crate(s) compile (and document) with warnings denied");
        Ok(())
    } else {
        Err(failures.join("\n\n"))
    }
}

/// The workspace of the generated crates, in `dir`.
fn write_workspace(
    root: &std::path::Path,
    dir: &std::path::Path,
    selected: &[(String, PathBuf)],
) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let members: Vec<String> = selected.iter().map(|(n, _)| format!("{n:?}")).collect();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "# Written by `cargo xtask realworld`.\n[workspace]\nresolver = \"2\"\nmembers = [{}]\n\n[profile.dev]\ndebug = false\n",
            members.join(", ")
        ),
    )
    .map_err(|e| e.to_string())?;
    // Start from the project's lock file, so dependency versions match the tested ones.
    if !dir.join("Cargo.lock").exists() {
        let _ = std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"));
    }
    Ok(())
}

/// Every crate first: the workspace lists them all, so each must exist
/// before any compiles. Each crate's name, directory and generation time.
fn generate_all(
    dir: &std::path::Path,
    selected: &[(String, PathBuf)],
    split: Option<&str>,
) -> Result<Vec<(String, PathBuf, std::time::Duration)>, String> {
    let mut failures = Vec::new();
    let mut generated = Vec::new();
    for (name, spec) in selected {
        let out = dir.join(name);
        let started = Instant::now();
        let status = Command::new(std::env::current_exe().map_err(|e| e.to_string())?)
            .args(["codegen", "--spec"])
            .arg(spec)
            .arg("--out")
            .arg(&out)
            .arg("--name")
            .arg(name)
            .args(split)
            .output()
            .map_err(|e| e.to_string())?;
        if status.status.success() {
            generated.push((name.clone(), out, started.elapsed()));
        } else {
            failures.push(format!(
                "{name}: generation failed: {}",
                String::from_utf8_lossy(&status.stderr).trim()
            ));
            // Keep the workspace loadable: drop the member that has no crate.
            let _ = std::fs::remove_dir_all(&out);
        }
    }
    if failures.is_empty() {
        Ok(generated)
    } else {
        Err(failures.join("\n\n"))
    }
}

/// A step's failure: its first errors and warnings.
fn not_clean(label: &str, what: &str, stderr: &str) -> String {
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| {
            l.starts_with("error") || l.starts_with("warning") || l.trim_start().starts_with("-->")
        })
        .take(30)
        .collect();
    format!(
        "{label}: {} is not clean:\n{}",
        what.trim(),
        errors.join("\n")
    )
}

/// What to compile of the crate `name` in `out`, each a label and cargo's
/// arguments: the whole crate (with `features`), or with `sample` (how many,
/// and the picked ones) each sampled tag feature alone.
fn variants(
    name: &str,
    out: &Path,
    features: &str,
    sample: Option<(usize, &[String])>,
) -> Result<Vec<(String, Vec<String>)>, String> {
    let package = vec!["-p".to_string(), name.to_string()];
    let Some((n, picks)) = sample else {
        let mut args = package;
        if !features.is_empty() {
            args.extend(["--features".to_string(), features.to_string()]);
        }
        return Ok(vec![(name.to_string(), args)]);
    };
    let all = crate::sample::tag_features(&out.join("Cargo.toml"))?;
    let chosen = crate::sample::sample(&all, n, picks);
    println!(
        "{name}: {} tag features, compiling {} alone: {}",
        all.len(),
        chosen.len(),
        chosen.join(", ")
    );
    Ok(chosen
        .into_iter()
        .map(|f| {
            let mut on = vec!["rustls".to_string(), f.clone()];
            on.extend(
                features
                    .split(',')
                    .filter(|x| !x.is_empty())
                    .map(String::from),
            );
            let mut args = package.clone();
            args.extend([
                "--no-default-features".to_string(),
                "--features".to_string(),
            ]);
            args.push(on.join(","));
            (format!("{name} [{f}]"), args)
        })
        .collect())
}

/// Clippy with warnings denied (or `cargo check`) on the package `selected`
/// names, then, with `doc`, its docs with rustdoc's warnings denied.
fn compile(
    dir: &Path,
    selected: &[&str],
    check_only: bool,
    doc: bool,
) -> Result<Vec<(&'static str, Step)>, String> {
    let mut steps = Vec::new();
    let compile = if check_only {
        cargo(dir, &[&["check"], selected].concat(), false)?
    } else {
        cargo(
            dir,
            &[&["clippy"], selected, &["--", "-D", "warnings"]].concat(),
            false,
        )?
    };
    steps.push((if check_only { "check " } else { "clippy" }, compile));
    // The docs too: spec text must make rustdoc that builds without warnings.
    if doc && !check_only && steps[0].1.ok {
        let doc = cargo(dir, &[&["doc", "--no-deps"], selected].concat(), true)?;
        steps.push(("doc", doc));
    }
    Ok(steps)
}

/// How one cargo command went.
struct Step {
    ok: bool,
    elapsed: std::time::Duration,
    stderr: String,
}

/// Runs `cargo args…` in the real-world workspace; `deny_doc_warnings` sets
/// `RUSTDOCFLAGS=-D warnings`.
fn cargo(dir: &Path, args: &[&str], deny_doc_warnings: bool) -> Result<Step, String> {
    let started = Instant::now();
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo.current_dir(dir).args(args);
    if deny_doc_warnings {
        cargo.env("RUSTDOCFLAGS", "-D warnings");
    }
    let result = cargo.output().map_err(|e| e.to_string())?;
    Ok(Step {
        ok: result.status.success(),
        elapsed: started.elapsed(),
        stderr: String::from_utf8_lossy(&result.stderr).into_owned(),
    })
}

/// `github-api.github.com-23.0.2.json` → `github-api-github-com-23-0-2`.
fn crate_name(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-').to_string();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api-{name}")
    } else {
        name
    }
}

/// The lines of every file below `dir`.
fn count_lines(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .map(|path| {
                    if path.is_dir() {
                        count_lines(&path)
                    } else {
                        std::fs::read_to_string(&path).map_or(0, |t| t.lines().count())
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}
