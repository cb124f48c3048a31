//! One document measured in this process: the bare parse and each stage,
//! the best of some runs, by the wall clock and by the process's CPU time.

use std::path::Path;
use std::time::{Duration, Instant};

/// The stages as the tables name them, in the order [`Measurement::stages`] holds them.
pub const STAGES: [&str; 5] = ["load", "model", "emit", "render", "e+r par"];

/// The stages timed one after the other on the measuring thread (the rest
/// of [`STAGES`] runs in parallel, and its CPU time is not given). A stage
/// that itself works on several threads (load reads the large maps of the
/// document in parallel) counts the CPU time of them all.
pub const SEQUENTIAL: usize = 4;

/// How a document's text is written, which decides the parser of the bare parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

impl Format {
    /// As the file's extension says: `.yaml` and `.yml` are YAML, anything else JSON.
    pub fn of(file: &Path) -> Format {
        match file.extension().and_then(|e| e.to_str()) {
            Some("yaml" | "yml") => Format::Yaml,
            _ => Format::Json,
        }
    }
}

/// How long something took: by the wall clock, and on a CPU (all the
/// process's threads, `CLOCK_PROCESS_CPUTIME_ID`: the document is measured
/// in a process of its own; `None` where there is none).
/// Other programs on the machine lengthen the first, hardly the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time {
    pub wall: Duration,
    pub cpu: Option<Duration>,
}

impl Time {
    /// Longer than anything measured, for a best-of to start from.
    const MAX: Time = Time {
        wall: Duration::MAX,
        cpu: Some(Duration::MAX),
    };

    /// No time at all, for a sum to start from.
    const ZERO: Time = Time {
        wall: Duration::ZERO,
        cpu: Some(Duration::ZERO),
    };

    /// Two times added, wall and CPU each.
    fn plus(self, other: Time) -> Time {
        Time {
            wall: self.wall + other.wall,
            cpu: self.cpu.zip(other.cpu).map(|(a, b)| a + b),
        }
    }

    /// The shorter of two times, wall and CPU each.
    fn min(self, other: Time) -> Time {
        Time {
            wall: self.wall.min(other.wall),
            cpu: self.cpu.zip(other.cpu).map(|(a, b)| a.min(b)),
        }
    }
}

/// A moment, by the wall clock and by the process's CPU time so far.
struct Stamp {
    wall: Instant,
    cpu: Option<Duration>,
}

impl Stamp {
    fn now() -> Stamp {
        Stamp {
            cpu: cpu_time(CPU_CLOCK),
            wall: Instant::now(),
        }
    }

    fn since(&self, earlier: &Stamp) -> Time {
        Time {
            wall: self.wall - earlier.wall,
            cpu: self
                .cpu
                .zip(earlier.cpu)
                .map(|(now, then)| now.saturating_sub(then)),
        }
    }
}

/// The clock of [`Stamp`]: the time of every thread of the process.
#[cfg(unix)]
const CPU_CLOCK: libc::clockid_t = libc::CLOCK_PROCESS_CPUTIME_ID;
#[cfg(not(unix))]
const CPU_CLOCK: i32 = 0;

/// The time on a CPU so far that `clock` counts, user and system.
#[cfg(unix)]
fn cpu_time(clock: libc::clockid_t) -> Option<Duration> {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a `timespec` the call may write; nothing else is touched.
    let status = unsafe { libc::clock_gettime(clock, &mut now) };
    let secs = u64::try_from(now.tv_sec).ok()?;
    let nanos = u32::try_from(now.tv_nsec).ok()?;
    (status == 0).then(|| Duration::new(secs, nanos))
}

#[cfg(not(unix))]
fn cpu_time(_clock: i32) -> Option<Duration> {
    None
}

/// The best time of each stage over some runs, and what came out.
pub struct Measurement {
    /// The bare parse (see [`bare_parse`]); the error if `openapiv3` cannot
    /// read the document as it is.
    pub parse: Result<Time, String>,
    /// load, model, emit and render timed on this thread, and emit and render
    /// as [`codegen::generate_from_model`] runs them, in parallel (see
    /// [`STAGES`]); that last one's CPU time is `None`.
    pub stages: [Time; 5],
    /// The process's peak memory after the first run's parallel emit and
    /// render, before the one-thread emit and render: generation's peak.
    pub peak_mib: Option<f64>,
    /// `prettyplease::unparse` of the generated files alone, on this thread
    /// (each file parsed back into a `syn::File` untimed): what printing the
    /// output costs any generator that renders with prettyplease, one of the
    /// two parts of [`STAGES`]' render. `None` where it was not measured.
    pub unparse: Option<Time>,
    /// `syn::parse2` of the emitted tokens into a `syn::File` alone, on this
    /// thread: what handing quote's tokens to prettyplease costs, render's
    /// other part. `None` where it was not measured.
    pub reparse: Option<Time>,
    pub types: usize,
    pub operations: usize,
    /// Lines of rendered code.
    pub lines: usize,
}

impl Measurement {
    /// What generating takes by the wall clock: load, model, and emit and
    /// render in parallel.
    pub fn total(&self) -> Duration {
        self.stages[0].wall + self.stages[1].wall + self.stages[4].wall
    }

    /// The total as a multiple of the bare parse.
    pub fn times_parse(&self) -> Option<f64> {
        let parse = self.parse.as_ref().ok()?.wall.as_secs_f64();
        (parse > 0.0).then(|| self.total().as_secs_f64() / parse)
    }

    /// The CPU time of every stage on one thread, as a multiple of the bare
    /// parse's: the work generation does, however many cores it has.
    pub fn cpu_times_parse(&self) -> Option<f64> {
        let stages: Option<Duration> = self.stages[..SEQUENTIAL].iter().map(|t| t.cpu).sum();
        self.cpu_over_parse(stages?)
    }

    /// A time's CPU time as a multiple of the bare parse's.
    pub fn times_parse_cpu(&self, time: Time) -> Option<f64> {
        self.cpu_over_parse(time.cpu?)
    }

    fn cpu_over_parse(&self, cpu: Duration) -> Option<f64> {
        let parse = self.parse.as_ref().ok()?.cpu?.as_secs_f64();
        (parse > 0.0).then(|| cpu.as_secs_f64() / parse)
    }
}

/// The time to read a document's text into `openapiv3::OpenAPI` and nothing
/// more: no normalizing, no raw JSON kept, no locations for errors.
pub fn bare_parse(text: &str, format: Format) -> Result<Time, String> {
    let start = Stamp::now();
    let api: openapiv3::OpenAPI = match format {
        Format::Json => serde_json::from_str(text).map_err(|e| e.to_string())?,
        Format::Yaml => serde_yaml_ng::from_str(text).map_err(|e| e.to_string())?,
    };
    let time = Stamp::now().since(&start);
    // Dropped outside the timing, as the stages' results are.
    drop(std::hint::black_box(api));
    Ok(time)
}

/// Runs the bare parse and every stage on a document's text `runs` times,
/// in this process, keeping the best time of each.
///
/// A first, untimed parse goes before them: the first code to use memory
/// pays for the kernel to hand it over (on this VM, as much again as the
/// parse itself), and the parse is the figure the others are compared with.
/// The stages of a first run still pay for the memory beyond the parse's;
/// the best of two runs or more does not.
pub fn measure(text: &str, format: Format, runs: usize) -> Result<Measurement, String> {
    let mut parse = bare_parse(text, format).map(|_| Time::MAX);
    let mut best = [Time::MAX; 5];
    let mut unparse = Time::MAX;
    let mut reparse = Time::MAX;
    let mut first: Option<Run> = None;
    for _ in 0..runs.max(1) {
        if let Ok(so_far) = parse {
            parse = bare_parse(text, format).map(|t| t.min(so_far));
        }
        let run = stages(text)?;
        for (slot, t) in best.iter_mut().zip(run.times) {
            *slot = slot.min(t);
        }
        unparse = unparse.min(run.unparse);
        reparse = reparse.min(run.reparse);
        first.get_or_insert(run);
    }
    let first = first.ok_or("no run")?;
    Ok(Measurement {
        parse,
        stages: best,
        peak_mib: first.peak_mib,
        unparse: Some(unparse),
        reparse: Some(reparse),
        types: first.types,
        operations: first.operations,
        lines: first.lines,
    })
}

/// What one run of the stages measured.
struct Run {
    /// In the order of [`STAGES`].
    times: [Time; 5],
    /// The process's, after the parallel emit and render.
    peak_mib: Option<f64>,
    /// [`Measurement::unparse`].
    unparse: Time,
    /// [`Measurement::reparse`].
    reparse: Time,
    types: usize,
    operations: usize,
    lines: usize,
}

/// One run of the stages: load, model, and emit and render in parallel as
/// generation runs them (after which the peak memory is read: that of
/// generating), then emit and render again, one after the other on this
/// thread.
fn stages(text: &str) -> Result<Run, String> {
    let options = codegen::Options::default();
    let t0 = Stamp::now();
    let doc = codegen::load::load_str(text).map_err(|e| e.to_string())?;
    let t1 = Stamp::now();
    let (model, _warnings) =
        codegen::model::build(&doc, &options.model_options()).map_err(|e| e.to_string())?;
    let t2 = Stamp::now();
    // As generation does, before it emits.
    drop(doc);
    codegen::generate_from_model(&model, Vec::new(), &options).map_err(|e| e.to_string())?;
    let t3 = Stamp::now();
    let peak = peak_mib();
    let (emit, render, reparse, files) = one_thread(&model, &options)?;
    let lines = files.iter().map(|f| f.lines().count()).sum();
    let unparse = unparse_alone(&files)?;
    let parallel = Time {
        cpu: None,
        ..t3.since(&t2)
    };
    let times = [t1.since(&t0), t2.since(&t1), emit, render, parallel];
    Ok(Run {
        times,
        peak_mib: peak,
        unparse,
        reparse,
        types: model.types.len(),
        operations: model.operations.len(),
        lines,
    })
}

/// Emit and render on this thread, part after part as generation cuts the
/// files ([`codegen::emit::plan`]), each part emitted then rendered: the time
/// of all emitting, of all rendering, of the `syn::parse2` alone of each
/// part's tokens (on a copy, before the render; see [`Measurement::reparse`]),
/// and the text of each file.
fn one_thread(
    model: &codegen::model::Model,
    options: &codegen::Options,
) -> Result<(Time, Time, Time, Vec<String>), String> {
    use codegen::emit::{plan, EmitContext, PartSizes};
    let header = codegen::header(options, "//");
    let start = Stamp::now();
    let uses = codegen::uses::analyze(model);
    let ctx = EmitContext::new(model, &uses);
    let plan = plan(model, PartSizes::DEFAULT);
    let mut before = Stamp::now();
    let mut emit = before.since(&start);
    let mut render = Time::ZERO;
    let mut reparse = Time::ZERO;
    let mut files = Vec::with_capacity(plan.len());
    for file in &plan {
        let mut whole = header.clone();
        for part in &file.parts {
            let tokens = ctx.emit_part(part);
            emit = emit.plus(Stamp::now().since(&before));
            reparse = reparse.plus(parse_alone(tokens.clone())?);
            let start = Stamp::now();
            let text = codegen::render::render_part(tokens, part.layout())
                .map_err(|e| e.to_string())?
                .ok_or("a part that cannot be rendered apart")?;
            render = render.plus(Stamp::now().since(&start));
            whole.push_str(&text);
            before = Stamp::now();
        }
        files.push(whole);
    }
    Ok((emit, render, reparse, files))
}

/// The time `syn::parse2` takes to read these tokens into a `syn::File`
/// (the file dropped untimed).
fn parse_alone(tokens: proc_macro2::TokenStream) -> Result<Time, String> {
    let start = Stamp::now();
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("emitted tokens do not parse: {e}"))?;
    let time = Stamp::now().since(&start);
    drop(std::hint::black_box(file));
    Ok(time)
}

/// The time `prettyplease::unparse` takes to print these files, each read
/// back into a `syn::File` first, untimed (see [`Measurement::unparse`]).
fn unparse_alone(files: &[String]) -> Result<Time, String> {
    let mut total = Time::ZERO;
    for text in files {
        let file =
            syn::parse_file(text).map_err(|e| format!("generated code does not parse: {e}"))?;
        let start = Stamp::now();
        let printed = prettyplease::unparse(&file);
        total = total.plus(Stamp::now().since(&start));
        drop(std::hint::black_box((printed, file)));
    }
    Ok(total)
}

/// The process's peak resident memory, from `/proc/self/status` (Linux).
pub fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bare_parse_reads_json_and_yaml_as_the_extension_says() {
        assert_eq!(Format::of(Path::new("a/api.yml")), Format::Yaml);
        assert_eq!(Format::of(Path::new("api.yaml")), Format::Yaml);
        assert_eq!(Format::of(Path::new("api.json")), Format::Json);
        let json = r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}"#;
        let yaml = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
        assert!(bare_parse(json, Format::Json).is_ok());
        assert!(bare_parse(yaml, Format::Yaml).is_ok());
        // Each with its own parser only, and only a valid document.
        assert!(bare_parse(yaml, Format::Json).is_err());
        assert!(bare_parse(r#"{"openapi":"3.0.3"}"#, Format::Json).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn cpu_time_counts_work_and_not_sleep() {
        // This thread's clock (other tests run beside it in this process).
        let thread = || cpu_time(libc::CLOCK_THREAD_CPUTIME_ID).unwrap();
        let start = (Instant::now(), thread());
        std::thread::sleep(Duration::from_millis(30));
        assert!(start.0.elapsed() >= Duration::from_millis(30));
        assert!(thread() - start.1 < Duration::from_millis(10));
        let busy = |ms: u64| {
            let start = Instant::now();
            let mut x = 0u64;
            while start.elapsed() < Duration::from_millis(ms) {
                x = std::hint::black_box(x.wrapping_add(1));
            }
        };
        let start = thread();
        busy(30);
        assert!(thread() - start > Duration::from_millis(10));
        // The process's clock, a stamp's, counts the work of other threads.
        let start = Stamp::now();
        std::thread::spawn(move || busy(30)).join().unwrap();
        let other = Stamp::now().since(&start).cpu.unwrap();
        assert!(other >= Duration::from_millis(20), "{other:?}");
    }

    #[test]
    fn the_one_thread_run_renders_what_generation_writes_and_times_both_parts_of_render() {
        let fixture = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../codegen/tests/fixtures/petstore.yaml"
        );
        let text = std::fs::read_to_string(fixture).unwrap();
        let options = codegen::Options::default();
        let written = codegen::generate(&text, &options).unwrap().files;
        let doc = codegen::load::load_str(&text).unwrap();
        let (model, _) = codegen::model::build(&doc, &options.model_options()).unwrap();
        let (_, render, reparse, files) = one_thread(&model, &options).unwrap();
        let plan = codegen::emit::plan(&model, codegen::emit::PartSizes::DEFAULT);
        assert_eq!(files.len(), plan.len());
        for (file, text) in plan.iter().zip(&files) {
            let path = format!("src/{}", file.path);
            let same = written.iter().find(|f| f.path == path).unwrap();
            assert_eq!(&same.contents, text, "{path}");
        }
        // Both parts of render timed (the process's clock, which other tests
        // beside this one also move, so no bound between the two).
        assert!(reparse.cpu.unwrap() > Duration::ZERO);
        assert!(render.cpu.unwrap() > Duration::ZERO);
        assert!(unparse_alone(&files).unwrap().cpu.unwrap() > Duration::ZERO);
        assert!(unparse_alone(&["fn (".into()]).is_err());
    }

    #[test]
    fn best_of_runs_keeps_the_shortest_of_each_time() {
        let ms = Duration::from_millis;
        let a = Time {
            wall: ms(5),
            cpu: Some(ms(2)),
        };
        let b = Time {
            wall: ms(3),
            cpu: Some(ms(4)),
        };
        assert_eq!(
            Time::MAX.min(a).min(b),
            Time {
                wall: ms(3),
                cpu: Some(ms(2))
            }
        );
        assert_eq!(a.min(Time { cpu: None, ..b }).cpu, None);
    }
}
