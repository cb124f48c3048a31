//! `cargo xtask`: the project's commands.
//!
//! - `cargo xtask codegen` regenerates `generated-client/` as `spec/codegen.toml` says, and
//!   first what the runtime's template headers declare (`runtime-headers`);
//! - `cargo xtask codegen --check` writes nothing and fails when the committed output is stale;
//! - `cargo xtask codegen --spec FILE --out DIR` generates a complete crate for any document;
//! - `cargo xtask bench` times each stage on every document it is given;
//! - `cargo xtask bench --scaling` times each stage on 1, 2, 4 and 8 copies of one document.

mod bench;
mod realworld;
mod sample;

/// Generation allocates many small, short-lived values; mimalloc does that
/// markedly faster than the system allocator (see `cargo xtask bench`).
/// Built without transparent huge pages (`no_thp`): with them, the kernel
/// zeroes a 2 MB page each time mimalloc touches a region afresh, which took
/// a fifth of the CPU time of generating GitHub's client (0.4 s of system
/// time against 0.15 s without).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod write;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage:
  cargo xtask codegen [--check] [--report short|full|json] [--bump-version] [--baseline FILE] [--config FILE] [--strict] [--group-by-tag] [--features-by-tag | --features-by-path] [--spec FILE] [--out DIR] [--name CRATE]
      Regenerates DIR (default: generated-client/) from FILE (default: the document in spec/),
      as the config file says (default: spec/codegen.toml, when there is one and no --spec);
      the flags override it.
      First rewrites what the runtime's template headers declare (codegen/src/templates/generated.rs,
      codegen/runtime/src/lib.rs's module list) when it is stale, and then stops: run it again.
      --check   write nothing; fail, naming the stale files, if the output is not up to date
      --report  the API review of what the run changes for callers: short (grouped), full, json
      --bump-version  bump the crate's version by the review's semver step, with a CHANGELOG.md entry
      --baseline  review against this api.txt rather than DIR/api.txt (a base branch's copy)
      --config  the config file: document, output, crate name, overlays, renames, …
      --strict  treat warnings as errors
      --group-by-tag  make each tag's operations methods of a group: client.pets().list_pets()
      --features-by-tag  put each tag's operations (and the types only they use) behind a cargo feature
      --features-by-path  the same by path resource (`/v1/customers/…` → `customers`), for untagged documents
      --name    the package name when DIR has no Cargo.toml yet
  cargo xtask realworld [--only NAMES] [--skip NAMES] [--check] [--features-by-tag | --features-by-path [--sample N] [--pick F,F]] [--large]
      Generates a crate for every document in ../shared/specs into target/realworld/ and
      runs clippy and rustdoc with warnings denied on each, timing them; --sample compiles
      N tag features (and the picked ones) each alone instead; --large adds ../shared/large.
  cargo xtask bench [--runs N] [FILE ...]
      Times load, model, emit and render on each document (default: spec/ and ../shared/specs/),
      and a bare parse of it into openapiv3::OpenAPI, printing the total as a multiple of that.
      Build with --release for meaningful numbers: cargo run --release -p xtask -- bench
  cargo xtask bench --scaling [--runs N] [--copies 1,2,4,8] [FILE]
      Times each stage on 1, 2, 4 and 8 (or --copies) renamed copies of FILE's paths and
      components (default: ../shared/specs/github-api.github.com-23.0.2.json) and flags any
      stage whose time per copy grows by more than 1.5x: one that scales worse than linearly.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("realworld") => realworld::run(&args[1..]),
        Some("-h" | "--help") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root, wherever the command is run from.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

struct CodegenArgs {
    check: bool,
    report: codegen::api::Style,
    bump_version: bool,
    baseline: Option<PathBuf>,
    strict: bool,
    group_by_tag: bool,
    features_by_tag: bool,
    features_by_path: bool,
    config: Option<PathBuf>,
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    name: Option<String>,
}

fn parse_codegen_args(args: &[String]) -> Result<CodegenArgs, String> {
    let mut parsed = CodegenArgs {
        check: false,
        report: codegen::api::Style::Short,
        bump_version: false,
        baseline: None,
        strict: false,
        group_by_tag: false,
        features_by_tag: false,
        features_by_path: false,
        config: None,
        spec: None,
        out: None,
        name: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--bump-version" => parsed.bump_version = true,
            "--baseline" => parsed.baseline = Some(PathBuf::from(value("--baseline")?)),
            "--report" => {
                let style = value("--report")?;
                parsed.report = codegen::api::Style::parse(&style).ok_or_else(|| {
                    format!("--report takes short, full or json, not `{style}`\n{USAGE}")
                })?;
            }
            "--strict" => parsed.strict = true,
            "--group-by-tag" => parsed.group_by_tag = true,
            "--features-by-tag" => parsed.features_by_tag = true,
            "--features-by-path" => parsed.features_by_path = true,
            "--config" => parsed.config = Some(PathBuf::from(value("--config")?)),
            "--spec" => parsed.spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => parsed.out = Some(PathBuf::from(value("--out")?)),
            "--name" => parsed.name = Some(value("--name")?),
            other => return Err(format!("unknown option `{other}`\n{USAGE}")),
        }
        if parsed.features_by_tag && parsed.features_by_path {
            return Err(format!(
                "--features-by-tag and --features-by-path: choose one\n{USAGE}"
            ));
        }
    }
    Ok(parsed)
}

/// The OpenAPI documents (`.yaml`, `.yml`, `.json`) in a folder, sorted;
/// overlays (`*.overlay.yaml`, `overlay.yaml`) beside them are not documents.
pub fn documents_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            ) && !p
                .file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s == "overlay" || s.ends_with(".overlay"))
        })
        .collect();
    found.sort();
    Ok(found)
}

/// The one document in `spec/`.
fn default_spec(root: &Path) -> Result<PathBuf, String> {
    let dir = root.join("spec");
    let mut found = documents_in(&dir)?;
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(format!(
            "no OpenAPI document (.yaml, .yml, .json) in {}",
            dir.display()
        )),
        _ => Err(format!(
            "several documents in {}; name one with --spec",
            dir.display()
        )),
    }
}

/// A path as the header names it: relative to the workspace when inside it.
fn display_path(path: &Path, root: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    match abs.strip_prefix(&root) {
        Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
        Err(_) => abs
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string()),
    }
}

/// The config file: `--config`, else `spec/codegen.toml` unless `--spec` names a document.
fn config(args: &CodegenArgs, root: &Path) -> Result<Option<codegen::config::Config>, String> {
    let path = match (&args.config, &args.spec) {
        (Some(path), _) => path.clone(),
        (None, Some(_)) => return Ok(None),
        (None, None) => {
            let default = root.join("spec").join("codegen.toml");
            if !default.exists() {
                return Ok(None);
            }
            default
        }
    };
    codegen::config::Config::read(&path, &display_path(&path, root))
        .map(Some)
        .map_err(|e| e.to_string())
}

/// What a run of `cargo xtask codegen` reads and writes, flags over config.
struct Inputs {
    spec: PathBuf,
    out: PathBuf,
    strict: bool,
    bump_version: bool,
    options: codegen::Options,
}

fn inputs(args: &CodegenArgs, root: &Path) -> Result<Inputs, String> {
    let config = config(args, root)?;
    let spec = match (&args.spec, &config) {
        (Some(s), _) => s.clone(),
        (None, Some(c)) => c.spec.as_deref().map(|s| c.path(s)).ok_or_else(|| {
            format!(
                "{} names no document (`spec = \"…\"`) and no --spec was given",
                c.file
            )
        })?,
        (None, None) => default_spec(root)?,
    };
    let out = args
        .out
        .clone()
        .or_else(|| {
            let c = config.as_ref()?;
            c.out.as_deref().map(|o| c.path(o))
        })
        .unwrap_or_else(|| root.join("generated-client"));
    let spec_name = display_path(&spec, root);
    let mut command = String::from("cargo xtask codegen");
    if let Some(path) = &args.config {
        command.push_str(&format!(" --config {}", display_path(path, root)));
    }
    if args.group_by_tag {
        command.push_str(" --group-by-tag");
    }
    if args.features_by_tag {
        command.push_str(" --features-by-tag");
    }
    if args.features_by_path {
        command.push_str(" --features-by-path");
    }
    if args.spec.is_some() || args.out.is_some() {
        command.push_str(&format!(
            " --spec {spec_name} --out {}",
            display_path(&out, root)
        ));
    }
    let base = codegen::Options {
        spec_name,
        command,
        crate_name: args.name.clone(),
        group_by_tag: args.group_by_tag,
        features_by_tag: args.features_by_tag,
        features_by_path: args.features_by_path,
        ..codegen::Options::default()
    };
    let (options, strict) = match &config {
        Some(c) => (
            c.options(base).map_err(|e| e.to_string())?,
            args.strict || c.strict,
        ),
        None => (base, args.strict),
    };
    let bump_version = args.bump_version || config.as_ref().is_some_and(|c| c.bump_version);
    Ok(Inputs {
        spec,
        out,
        strict,
        bump_version,
        options,
    })
}

fn codegen(args: &[String]) -> Result<(), String> {
    let args = parse_codegen_args(args)?;
    let root = workspace_root();
    // The tables the runtime's headers declare come first: the generator
    // built into this command is the one from before they changed.
    if runtime_headers::ensure(&root, args.check)? {
        println!("run `cargo xtask codegen` again to generate with them");
        return Ok(());
    }
    let Inputs {
        spec,
        out,
        strict,
        bump_version,
        options,
    } = inputs(&args, &root)?;
    // Every file the document refers to is read again, so `--check` finds
    // the output stale when any of them changed; the header names them all.
    let generated = codegen::generate_file(&spec, &options).map_err(|e| {
        // Errors in the config or an overlay name their own file.
        let message = e.to_string();
        let own_file = options
            .config_name
            .iter()
            .chain(options.overlays.iter().map(|o| &o.file))
            .any(|f| message.starts_with(&format!("{f}:")));
        if own_file {
            message
        } else {
            format!("{}: {message}", spec.display())
        }
    })?;
    report_warnings(&generated.warnings, &args, strict, &options)?;

    let (plan, review) = review(&out, &generated, &options, &args, bump_version)?;
    // The report goes to stdout; with `--report json` it is all that does.
    let say = |text: String| match args.report {
        codegen::api::Style::Json => eprintln!("{text}"),
        _ => println!("{text}"),
    };
    print!("{}", review.report.render(args.report));
    if args.check {
        if plan.is_empty() {
            say(format!("{} is up to date", out.display()));
            return Ok(());
        }
        let names: Vec<String> = plan.changes().map(|c| format!("  {c}")).collect();
        return Err(format!(
            "the generated code in {} is stale:\n{}\nrun `{}` and commit the result",
            out.display(),
            names.join("\n"),
            options.command
        ));
    }
    let n = plan.apply()?;
    if let Some(version) = &review.bumped {
        say(format!(
            "{}: version {version}, with its CHANGELOG.md entry",
            out.display()
        ));
    }
    say(format!(
        "generated {} from {} ({} types, {} operations; {n} file(s) changed)",
        out.display(),
        options.spec_name,
        generated.type_count,
        generated.operation_count
    ));
    Ok(())
}

/// What writing the crate changes, with what the API review adds: the new
/// `api.txt`, and with `bump_version` the bumped `Cargo.toml` and the
/// `CHANGELOG.md` entry.
fn review(
    out: &Path,
    generated: &codegen::Generated,
    options: &codegen::Options,
    args: &CodegenArgs,
    bump_version: bool,
) -> Result<(write::Plan, codegen::api::Review), String> {
    let plan = write::plan(out, generated, options, None)?;
    let review_options = codegen::api::ReviewOptions {
        baseline: args.baseline.clone(),
        bump_version,
        date: None,
        out_name: Some(display_path(out, &workspace_root())),
    };
    let header = generated.header(options, "#");
    let review = codegen::api::review(
        out,
        &generated.api,
        &header,
        !plan.is_empty(),
        &review_options,
    );
    let mut plan = match &review.bumped {
        Some(version) => write::plan(out, generated, options, Some(version))?,
        None => plan,
    };
    plan.add(out.join(codegen::api::FILE), review.api_txt.clone());
    if let Some(changelog) = &review.changelog {
        plan.add(out.join("CHANGELOG.md"), changelog.clone());
    }
    Ok((plan, review))
}

/// Prints the warnings (only their count for a plain `--check`); in strict mode they fail the run.
fn report_warnings(
    warnings: &[codegen::Warning],
    args: &CodegenArgs,
    strict: bool,
    options: &codegen::Options,
) -> Result<(), String> {
    if warnings.is_empty() {
        return Ok(());
    }
    if args.check && !strict {
        eprintln!(
            "note: {} warning(s); run without --check to see them",
            warnings.len()
        );
    } else {
        eprint!("{}", codegen::diag::summarize(warnings, 10));
    }
    if strict {
        let why = match &options.config_name {
            Some(c) if !args.strict => format!("`strict = true` in {c}"),
            _ => "--strict".to_string(),
        };
        return Err(format!(
            "{} warning(s) and {why}: nothing was written",
            warnings.len()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn overlays_beside_a_document_are_not_documents() {
        let dir = std::env::temp_dir().join(format!("xtask-documents-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for name in [
            "api.yaml",
            "api.overlay.yaml",
            "overlay.json",
            "codegen.toml",
            "other.json",
        ] {
            std::fs::write(dir.join(name), "{}").unwrap();
        }
        let found: Vec<String> = super::documents_in(&dir)
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(found, ["api.yaml", "other.json"]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
