//! `cargo xtask bench`: speed and memory of opening exports, natively and in Chromium,
//! written to BENCHMARKS.md (overwritten each run). Nothing here asserts: the numbers are
//! compared with the targets in the report only.
//!
//! `cargo xtask` builds xtask in the dev profile, whose numbers would be a debug build's:
//! `bench` therefore re-runs itself as `cargo run --profile native -p xtask -- bench`
//! (opt-level 3, like the generator and `inspect`) before measuring anything.

use std::cell::Cell;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Instant;

use keepsake_archive::{Archive, Export, FileSource, RandomAccess};
use serde::Deserialize;
use serde_json::{Value, json};

mod conversation;
mod responsive;

use crate::process::{cargo, first_line, in_dir, run_captured};
use crate::{build, server, tools};

/// How often each native measurement is repeated (the median is reported).
const NATIVE_RUNS: usize = 5;
/// Browser runs per export (a fresh browser context each), unless `--runs N`.
const BROWSER_RUNS: usize = 3;

const MB: f64 = 1_000_000.0;

/// One generated export: `target/bench/NAME.*`, written by `keepsake-fixtures generate`.
struct Spec {
    name: &'static str,
    /// Column heading in the report.
    label: &'static str,
    args: &'static [&'static str],
}

/// The same content in the three size exports (about 12.7k entries, a few thousand each
/// of posts, stories and followers, 40 threads); only the stored filler differs, so a
/// difference between them is caused by archive size alone.
macro_rules! sized {
    ($container:literal, $size:literal) => {
        &[
            "--era",
            "media-move-2025",
            "--container",
            $container,
            "--posts",
            "3000",
            "--stories",
            "4000",
            "--reels",
            "200",
            "--threads",
            "40",
            "--messages",
            "20000",
            "--followers",
            "3000",
            "--following",
            "1000",
            "--target-size",
            $size,
        ]
    };
}

const SPECS: &[Spec] = &[
    Spec {
        name: "size-200m",
        label: "200 MB",
        args: sized!("zip", "200M"),
    },
    Spec {
        name: "size-1g",
        label: "1 GB",
        args: sized!("zip", "1G"),
    },
    Spec {
        name: "size-4g",
        label: "4 GB (ZIP64)",
        args: sized!("zip64", "4G"),
    },
    // The index target is about entry count: 100k stories with tiny images.
    Spec {
        name: ENTRIES_EXPORT,
        label: "100k entries",
        args: &[
            "--era",
            "media-move-2025",
            "--stories",
            "100000",
            "--image-px",
            "16",
        ],
    },
    // Parse throughput: one thread of 100k messages in ten message_N.json files.
    Spec {
        name: THREAD_EXPORT,
        label: "100k-message thread",
        args: crate::process::LONG_THREAD,
    },
];

const THREAD_EXPORT: &str = "thread-100k";
const ENTRIES_EXPORT: &str = "entries-100k";

struct Options {
    browser_runs: usize,
    browser: bool,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse_options(args)?;
    if cfg!(debug_assertions) {
        println!("bench: re-running itself in the native (optimized) profile");
        return crate::process::run(
            cargo()
                .args([
                    "run",
                    "--quiet",
                    "--profile",
                    "native",
                    "-p",
                    "xtask",
                    "--",
                    "bench",
                ])
                .args(args),
        );
    }
    tools::ensure_web_build()?;
    if options.browser {
        tools::ensure_browser_tests()?;
    }
    let dist = build::release(false)?;

    let out = crate::root().join("target/bench");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut exports = Vec::new();
    for spec in SPECS {
        exports.push(generate(spec, &out)?);
    }

    let load_before = load_average();
    let mut results = Vec::new();
    for export in &exports {
        println!("bench: native index of {}", export.spec.name);
        results.push(Measured {
            native: native_index(&export.paths)?,
            browser: Vec::new(),
        });
    }
    let thread = exports
        .iter()
        .find(|e| e.spec.name == THREAD_EXPORT)
        .ok_or("the thread export is missing")?;
    println!("bench: native parse of {THREAD_EXPORT}");
    let parse = native_parse(&thread.paths)?;

    let mut conversation_runs = Vec::new();
    let mut responsive_runs = Vec::new();
    let entries = exports
        .iter()
        .find(|e| e.spec.name == ENTRIES_EXPORT)
        .ok_or("the 100k-entry export is missing")?;
    if options.browser {
        let server = server::Server::start("127.0.0.1", 0, dist.clone())?;
        println!("bench: the conversation view of {THREAD_EXPORT}");
        conversation_runs = conversation::measure(server.addr(), thread, options.browser_runs)?;
        println!("bench: questions while the catalog of {ENTRIES_EXPORT} runs");
        responsive_runs = responsive::measure(server.addr(), entries, options.browser_runs)?;
        let runs = browser(server.addr(), &exports, options.browser_runs)?;
        for run in runs {
            let slot = exports
                .iter()
                .position(|e| e.spec.name == run.export)
                .and_then(|i| results.get_mut(i));
            match slot {
                Some(measured) => measured.browser.push(run),
                None => eprintln!("bench: a result for an unknown export `{}`", run.export),
            }
        }
    }

    let load = (load_before, load_average());
    let report = report(
        &exports,
        &results,
        &parse,
        &conversation_runs,
        options.browser,
        &load,
    );
    let report = if options.browser {
        report + &responsive::section(&responsive_runs, ENTRIES_EXPORT)
    } else {
        report
    };
    let path = crate::root().join("BENCHMARKS.md");
    std::fs::write(&path, &report).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("\n{}", summary_of(&report));
    println!("bench: wrote {}", path.display());
    Ok(())
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        browser_runs: BROWSER_RUNS,
        browser: true,
    };
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        match flag.as_str() {
            "--no-browser" => options.browser = false,
            "--runs" => {
                let value = rest.next().ok_or("--runs needs a value")?;
                options.browser_runs = value
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or(format!("bad run count `{value}`"))?;
            }
            _ => {
                return Err(format!(
                    "unknown option `{flag}` (bench takes --runs N and --no-browser)"
                ));
            }
        }
    }
    Ok(options)
}

// ---------------------------------------------------------------------------------------
// Exports

struct Generated {
    spec: &'static Spec,
    paths: Vec<PathBuf>,
    bytes: u64,
    entries: usize,
    container: String,
}

/// Writes `out/NAME.*` unless its manifest exists and was written with the same arguments
/// (kept in `NAME.args` beside it).
fn generate(spec: &'static Spec, out: &Path) -> Result<Generated, String> {
    let manifest_path = out.join(format!("{}.manifest.json", spec.name));
    let args_path = out.join(format!("{}.args", spec.name));
    let wanted = spec.args.join("\n");
    let same = std::fs::read_to_string(&args_path).is_ok_and(|had| had == wanted);
    if same && manifest_path.is_file() {
        println!("bench: {} is up to date", spec.name);
    } else {
        let _ = std::fs::remove_file(&args_path);
        crate::process::run(
            crate::process::fixtures()
                .arg("generate")
                .args(spec.args)
                .arg("--out")
                .arg(out)
                .args(["--name", spec.name]),
        )?;
        std::fs::write(&args_path, &wanted).map_err(|e| format!("{}: {e}", args_path.display()))?;
    }
    let text = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let manifest: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let parts = manifest["parts"]
        .as_array()
        .ok_or(format!("{}: no parts", manifest_path.display()))?;
    let paths: Vec<PathBuf> = parts
        .iter()
        .filter_map(|p| p["file_name"].as_str())
        .map(|f| out.join(f))
        .collect();
    if paths.is_empty() {
        return Err(format!("{}: no ZIP parts", manifest_path.display()));
    }
    Ok(Generated {
        spec,
        bytes: paths.iter().map(|p| file_len(p)).sum(),
        paths,
        entries: manifest["entry_count"]
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0),
        container: manifest["container"]["kind"]
            .as_str()
            .unwrap_or("?")
            .to_string(),
    })
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

// ---------------------------------------------------------------------------------------
// Native measurements

/// A file source that counts its `read_at` calls (the native twin of FileReaderSync calls).
struct Counting {
    inner: FileSource,
    reads: Rc<Cell<u64>>,
}

impl RandomAccess for Counting {
    fn len(&self) -> u64 {
        self.inner.len()
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        self.reads.set(self.reads.get() + 1);
        self.inner.read_at(offset, buf)
    }
}

fn open(paths: &[PathBuf], reads: &Rc<Cell<u64>>) -> Result<Archive, String> {
    let mut archive = Archive::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let inner = FileSource::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let source = Counting {
            inner,
            reads: Rc::clone(reads),
        };
        archive
            .add_zip(&name, Box::new(source))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(archive)
}

struct NativeIndex {
    /// Milliseconds per run: open every part, then the merged entry list.
    ms: Vec<f64>,
    entries: usize,
    reads: u64,
}

fn native_index(paths: &[PathBuf]) -> Result<NativeIndex, String> {
    let mut ms = Vec::new();
    let mut entries = 0;
    let mut reads = 0;
    for _ in 0..NATIVE_RUNS {
        let counter = Rc::new(Cell::new(0));
        let start = Instant::now();
        let archive = open(paths, &counter)?;
        entries = std::hint::black_box(archive.entries().len());
        ms.push(start.elapsed().as_secs_f64() * 1000.0);
        reads = counter.get();
    }
    Ok(NativeIndex { ms, entries, reads })
}

struct NativeParse {
    /// The thread's `message_N.json` files: count and unpacked bytes.
    files: usize,
    json_bytes: u64,
    messages: usize,
    /// Milliseconds per `Export::thread` run.
    thread_ms: Vec<f64>,
    thread_reads: u64,
    /// Every JSON file of the export, and `Export::catalog` (parses all of them).
    all_json_bytes: u64,
    catalog_ms: Vec<f64>,
}

fn native_parse(paths: &[PathBuf]) -> Result<NativeParse, String> {
    let counter = Rc::new(Cell::new(0));
    let mut export = Export::new(open(paths, &counter)?);
    let inbox = export.inbox().value.clone();
    let thread = inbox
        .threads
        .iter()
        .max_by_key(|t| t.message_count)
        .ok_or("the thread export has no thread")?;
    let folders: Vec<(String, String)> = std::iter::once(&thread.id)
        .chain(&thread.merged_folders)
        .filter_map(|id| id.split_once('/'))
        .map(|(kind, folder)| (kind.to_string(), folder.to_string()))
        .collect();
    let id = thread.id.clone();
    let (files, json_bytes) = export
        .archive()
        .entries()
        .iter()
        .filter(|e| is_thread_page(&e.path, &folders))
        .fold((0, 0), |(n, bytes), e| (n + 1, bytes + e.size));
    let all_json_bytes = export
        .archive()
        .entries()
        .iter()
        .filter(|e| e.path.to_ascii_lowercase().ends_with(".json"))
        .map(|e| e.size)
        .sum();
    let mut thread_ms = Vec::new();
    let mut messages = 0;
    let mut thread_reads = 0;
    for _ in 0..NATIVE_RUNS {
        let before = counter.get();
        let start = Instant::now();
        let parsed = export.thread(&id).ok_or(format!("thread {id} not found"))?;
        thread_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        messages = parsed.value.messages.len();
        thread_reads = counter.get() - before;
    }
    let mut catalog_ms = Vec::new();
    for _ in 0..NATIVE_RUNS {
        // A fresh export each run: an `Export` keeps the catalog once computed.
        let mut fresh = Export::new(open(paths, &counter)?);
        let start = Instant::now();
        std::hint::black_box(keepsake_archive::catalog::count_all(&mut fresh));
        catalog_ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(NativeParse {
        files,
        json_bytes,
        messages,
        thread_ms,
        thread_reads,
        all_json_bytes,
        catalog_ms,
    })
}

/// `…/<kind>/<folder>/message_N.json` of one of the thread's folders.
fn is_thread_page(path: &str, folders: &[(String, String)]) -> bool {
    let mut parts = path.rsplit('/');
    let (Some(file), Some(folder), Some(kind)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let page = file
        .strip_prefix("message_")
        .and_then(|rest| rest.strip_suffix(".json"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    page && folders.iter().any(|(k, f)| k == kind && f == folder)
}

// ---------------------------------------------------------------------------------------
// Browser measurements

/// One line printed by tests/e2e/bench/open.mjs.
#[derive(Deserialize)]
struct BrowserRun {
    export: String,
    #[serde(default)]
    error: Option<String>,
    /// From just before `setInputFiles` to the input's `change` event.
    #[serde(default)]
    input_ms: Option<f64>,
    /// From just before `setInputFiles` to the overview heading painted.
    #[serde(default)]
    first_view_ms: Option<f64>,
    /// From the same start to the record counts (the catalog: every JSON file parsed).
    #[serde(default)]
    records_ms: Option<f64>,
    #[serde(default)]
    entries: Option<u64>,
    #[serde(default)]
    source_reads: Option<u64>,
    #[serde(default)]
    worker_memory: Option<u64>,
    #[serde(default)]
    js_heap: Option<u64>,
}

fn browser(
    server: std::net::SocketAddr,
    exports: &[Generated],
    runs: usize,
) -> Result<Vec<BrowserRun>, String> {
    let list: Vec<Value> = exports
        .iter()
        .map(|e| json!({ "name": e.spec.name, "paths": e.paths }))
        .collect();
    let results: Vec<BrowserRun> = node_script(
        "bench/open.mjs",
        server,
        runs,
        ("KEEPSAKE_BENCH_EXPORTS", Value::Array(list).to_string()),
    )?;
    for failed in results.iter().filter(|r| r.error.is_some()) {
        eprintln!(
            "bench: browser run of {} failed: {}",
            failed.export,
            failed.error.as_deref().unwrap_or_default()
        );
    }
    Ok(results)
}

/// Runs a browser half of the bench (`tests/e2e/bench/SCRIPT`) against the app served at
/// `server` and reads the JSON line it prints per run.
fn node_script<T: serde::de::DeserializeOwned>(
    script: &str,
    server: std::net::SocketAddr,
    runs: usize,
    (key, value): (&str, String),
) -> Result<Vec<T>, String> {
    let dir = crate::root().join("tests/e2e");
    let (ok, output) = run_captured(
        in_dir("node", &dir)
            .arg(script)
            .env("KEEPSAKE_URL", format!("http://{server}/"))
            .env("KEEPSAKE_ROOT", crate::root())
            .env("CHROMIUM", tools::CHROMIUM)
            .env(key, value)
            .env("KEEPSAKE_BENCH_RUNS", runs.to_string()),
    )?;
    let results: Vec<T> = output
        .lines()
        .filter(|l| l.starts_with('{'))
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    if !ok && results.is_empty() {
        return Err(format!("the browser benchmark {script} failed (see above)"));
    }
    Ok(results)
}

// ---------------------------------------------------------------------------------------
// The report

struct Measured {
    native: NativeIndex,
    browser: Vec<BrowserRun>,
}

impl Measured {
    fn browser_values(&self, get: impl Fn(&BrowserRun) -> Option<f64>) -> Vec<f64> {
        self.browser
            .iter()
            .filter(|r| r.error.is_none())
            .filter_map(get)
            .collect()
    }

    fn first_view(&self) -> Option<f64> {
        median(&self.browser_values(|r| r.first_view_ms))
    }

    fn worker_mb(&self) -> Option<f64> {
        median(&self.browser_values(|r| r.worker_memory.map(|b| b as f64 / MB)))
    }

    fn heap_mb(&self) -> Option<f64> {
        median(&self.browser_values(|r| r.js_heap.map(|b| b as f64 / MB)))
    }
}

fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => sorted.get(n / 2).copied(),
        _ => Some((sorted.get(n / 2 - 1)? + sorted.get(n / 2)?) / 2.0),
    }
}

/// "median (min–max)" in whole or tenth milliseconds.
fn spread(values: &[f64]) -> String {
    let Some(mid) = median(values) else {
        return "—".into();
    };
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!("{} ({}–{})", ms(mid), ms(min), ms(max))
}

fn ms(value: f64) -> String {
    if value < 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    }
}

fn opt(value: Option<f64>, digits: usize) -> String {
    value.map_or("—".into(), |v| format!("{v:.digits$}"))
}

fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn verdict(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "met",
        Some(false) => "**not met**",
        None => "not measured",
    }
}

fn report(
    exports: &[Generated],
    results: &[Measured],
    parse: &NativeParse,
    conversation_runs: &[conversation::ThreadRun],
    browser_ran: bool,
    load: &(String, String),
) -> String {
    let mut md = String::new();
    let both = || exports.iter().zip(results);
    let row = |md: &mut String, label: &str, cell: &dyn Fn(&Generated, &Measured) -> String| {
        let cells: Vec<String> = both().map(|(e, m)| cell(e, m)).collect();
        let _ = writeln!(md, "| {label} | {} |", cells.join(" | "));
    };

    let _ = writeln!(
        md,
        "# Benchmarks\n\n\
         Generated by `cargo xtask bench` (this file is overwritten on every run). Speed and \
         memory are measured here, never asserted by tests.\n\n\
         ## How to run\n\n\
         ```sh\n\
         cargo xtask bench              # everything (first run: ~6 GB of exports, a few minutes)\n\
         cargo xtask bench --runs 5     # more browser runs per export (default 3)\n\
         cargo xtask bench --no-browser # native numbers only\n\
         ```\n\n\
         It installs what it needs like `cargo xtask test`, builds `dist/` if stale, writes \
         the exports below into `target/bench/` (about 6 GB of disk) and re-runs itself \
         with `--profile native`, so no number comes from a debug build.\n"
    );
    md.push_str(&machine(load));

    md.push_str(
        "\n## What is measured\n\n\
         Synthetic exports from `keepsake-fixtures generate` in `target/bench/` (regenerated \
         only when their arguments change; the arguments are in `NAME.args` beside each \
         manifest). The three size exports hold the same content (about 12.7k files: posts, \
         stories, reels, 40 threads, followers) and differ only in stored filler video, so \
         any difference between them comes from archive size alone.\n\n\
         - **Native index**: in the xtask process, built with `--profile native` (opt-level \
         3): `Archive::add_zip` on every part through a `FileSource`, then \
         `Archive::entries()`. Median of 5 runs, min–max in brackets. Files are in the page \
         cache (they were just written), so this is CPU time, not disk time. `read_at` calls \
         are counted by a wrapper around `FileSource`.\n\
         - **Browser**: the release build (`dist/`) served on 127.0.0.1, Debian's Chromium \
         headless via playwright-core (`tests/e2e/bench/open.mjs`), a fresh browser context \
         per run. The page is loaded and the archive worker is ready (`#open-demo` enabled; \
         the worker warms its code up on a made-up 10k-entry ZIP before it says so, about \
         150–200 ms after it starts, while the reader is still choosing files); \
         the clock starts just before `setInputFiles('#open-files', parts)` and stops at the \
         first animation frame after the overview heading \u{201c}What\u{2019}s in this \
         export\u{201d} is in the DOM: the index is ready and the first view is painted. \
         \u{201c}All records counted\u{201d} stops when the overview's record counts appear \
         (the worker's catalog: every JSON file read and parsed). FileReaderSync calls and \
         the worker's wasm memory are the app's own figures (`data-source-reads`, \
         `data-worker-memory` on the overview cards, taken when the index is ready); the \
         page's JS heap is CDP `Performance.getMetrics` `JSHeapUsedSize` after a forced \
         garbage collection, at the same moment (the worker's JS heap is not included).\n",
    );

    let names: Vec<&str> = exports.iter().map(|e| e.spec.label).collect();
    let _ = writeln!(
        md,
        "\n## Results\n\n| | {} |\n|---|{}",
        names.join(" | "),
        "---:|".repeat(names.len())
    );
    row(&mut md, "Container", &|e, _| e.container.clone());
    row(&mut md, "Parts size (MB)", &|e, _| {
        format!("{:.0} ({} part)", e.bytes as f64 / MB, e.paths.len())
    });
    row(&mut md, "Entries", &|e, m| {
        let indexed = count(m.native.entries as u64);
        if e.entries == m.native.entries {
            indexed
        } else {
            format!("{indexed} (manifest: {})", count(e.entries as u64))
        }
    });
    row(&mut md, "Native index, ms", &|_, m| spread(&m.native.ms));
    row(&mut md, "Native `read_at` calls per open", &|_, m| {
        count(m.native.reads)
    });
    row(&mut md, "Browser index ready + first view, ms", &|_, m| {
        spread(&m.browser_values(|r| r.first_view_ms))
    });
    row(
        &mut md,
        "… of which choosing the files (to `change`), ms",
        &|_, m| spread(&m.browser_values(|r| r.input_ms)),
    );
    row(&mut md, "Browser all records counted, ms", &|_, m| {
        spread(&m.browser_values(|r| r.records_ms))
    });
    row(&mut md, "FileReaderSync calls per open", &|_, m| {
        opt(
            median(&m.browser_values(|r| r.source_reads.map(|n| n as f64))),
            0,
        )
    });
    row(&mut md, "Worker wasm memory (MB)", &|_, m| {
        opt(m.worker_mb(), 1)
    });
    row(&mut md, "Page JS heap (MB)", &|_, m| opt(m.heap_mb(), 1));
    row(&mut md, "Browser entries shown", &|_, m| {
        median(&m.browser_values(|r| r.entries.map(|n| n as f64)))
            .map_or("—".into(), |n| count(n as u64))
    });
    row(&mut md, "Browser runs (ok / all)", &|_, m| {
        let ok = m.browser.iter().filter(|r| r.error.is_none()).count();
        format!("{ok} / {}", m.browser.len())
    });

    let _ = writeln!(md, "\n### Ratios\n");
    row_header(&mut md, &names);
    row(&mut md, "Native index, ms per 100k entries", &|_, m| {
        per_100k(median(&m.native.ms), m.native.entries)
    });
    row(&mut md, "Browser index, ms per 100k entries", &|_, m| {
        per_100k(m.first_view(), m.native.entries)
    });
    // Only the size exports share content, so only there does this compare like with like.
    row(&mut md, "Worker memory, MB per GB of export", &|e, m| {
        if e.spec.name.starts_with("size-") {
            opt(m.worker_mb().map(|mb| mb / (e.bytes as f64 / 1e9)), 1)
        } else {
            "—".into()
        }
    });
    row(&mut md, "Worker memory, KB per entry", &|_, m| {
        opt(
            m.worker_mb()
                .map(|mb| mb * 1000.0 / m.native.entries.max(1) as f64),
            2,
        )
    });

    row(&mut md, "Browser ÷ native index time", &|_, m| match (
        m.first_view(),
        median(&m.native.ms),
    ) {
        (Some(b), Some(n)) if n > 0.0 => format!("{:.0}×", b / n),
        _ => "—".into(),
    });
    md.push_str(
        "\nThe per-100k figures of the smaller exports include the fixed cost of an open \
         (the worker's reply, the overview's first render) and overstate the cost per entry; \
         read the 100k-entries column for that. Memory per GB falls as the archive grows \
         because the worker holds the index, not the archive: it follows the entry count.\n",
    );

    let thread_mbps = median(&parse.thread_ms).map(|t| parse.json_bytes as f64 / MB / (t / 1000.0));
    let catalog_mbps =
        median(&parse.catalog_ms).map(|t| parse.all_json_bytes as f64 / MB / (t / 1000.0));
    let thread_measured = exports
        .iter()
        .position(|e| e.spec.name == THREAD_EXPORT)
        .and_then(|i| results.get(i));
    let browser_catalog_mbps = thread_measured
        .and_then(|m| median(&m.browser_values(|r| Some(r.records_ms? - r.first_view_ms?))))
        .map(|t| parse.all_json_bytes as f64 / MB / (t / 1000.0));
    let browser_thread = conversation::browser_parse(conversation_runs, parse.json_bytes);
    let _ = writeln!(
        md,
        "\n## Parse throughput\n\n\
         The `{THREAD_EXPORT}` export: one thread of {} messages in {} `message_N.json` \
         files, {:.1} MB of JSON unpacked ({:.1} MB of JSON in the whole export).\n\n\
         | | JSON | Time, ms | Throughput |\n|---|---:|---:|---:|\n\
         | Native `Export::thread` (whole thread; {} `read_at` calls) | {:.1} MB | {} | **{} MB/s** |\n\
         | Native `Export::catalog` (every JSON file) | {:.1} MB | {} | {} MB/s |\n\
         | Browser `Request::Thread` (click → conversation header) | {:.1} MB | {} | **{} MB/s** |\n\
         | Browser catalog (records counted − first view) | {:.1} MB | {} | {} MB/s |\n\n\
         The browser rows are seen from the page, so they include reading the user's file \
         through `FileReaderSync`, inflating the deflated JSON (in wasm: the JSON is what \
         the worker parses) and the reply's trip to the page; the thread row is the \
         worker's whole-thread parse behind the conversation view (it keeps that thread \
         and serves it by pages of 100 messages). The catalog row is the overview's \
         request after the first view, which parses every JSON file.",
        count(parse.messages as u64),
        parse.files,
        parse.json_bytes as f64 / MB,
        parse.all_json_bytes as f64 / MB,
        parse.thread_reads,
        parse.json_bytes as f64 / MB,
        spread(&parse.thread_ms),
        opt(thread_mbps, 1),
        parse.all_json_bytes as f64 / MB,
        spread(&parse.catalog_ms),
        opt(catalog_mbps, 1),
        parse.json_bytes as f64 / MB,
        opt(browser_thread.map(|(t, _)| t), 0),
        opt(browser_thread.map(|(_, mbps)| mbps), 1),
        parse.all_json_bytes as f64 / MB,
        opt(
            thread_measured.and_then(|m| median(
                &m.browser_values(|r| Some(r.records_ms? - r.first_view_ms?))
            )),
            0
        ),
        opt(browser_catalog_mbps, 1),
    );

    if browser_ran {
        md.push_str(&conversation::section(conversation_runs, parse.messages));
    }
    md.push_str(&targets(exports, results, browser_ran));
    md
}

fn row_header(md: &mut String, names: &[&str]) {
    let _ = writeln!(
        md,
        "| | {} |\n|---|{}",
        names.join(" | "),
        "---:|".repeat(names.len())
    );
}

fn per_100k(ms: Option<f64>, entries: usize) -> String {
    match ms {
        Some(ms) if entries > 0 => format!("{:.0}", ms * 100_000.0 / entries as f64),
        _ => "—".into(),
    }
}

fn targets(exports: &[Generated], results: &[Measured], browser_ran: bool) -> String {
    let by_name = |name: &str| {
        exports
            .iter()
            .zip(results)
            .find(|(e, _)| e.spec.name == name)
    };
    let mut md =
        String::from("\n## Targets (issue 4)\n\n| Target | Measured | Verdict |\n|---|---|---|\n");
    // 100k entries indexed in the browser in < 300 ms.
    let (index_text, index_met) = match by_name("entries-100k") {
        Some((_, m)) => match m.first_view() {
            Some(t) => (
                format!(
                    "{} ms for {} entries (index ready and first view painted)",
                    ms(t),
                    count(m.native.entries as u64)
                ),
                Some(t < 300.0),
            ),
            None => ("—".into(), None),
        },
        None => ("—".into(), None),
    };
    let _ = writeln!(
        md,
        "| 100k entries indexed in the browser < 300 ms | {index_text} | {} |",
        verdict(index_met)
    );
    let big = by_name("size-4g");
    let first = big.and_then(|(_, m)| m.first_view());
    let _ = writeln!(
        md,
        "| First view of a 4 GB export < 1.5 s | {} | {} |",
        first.map_or("—".into(), |t| format!("{} ms", ms(t))),
        verdict(first.map(|t| t < 1500.0))
    );
    let memory = big.and_then(|(_, m)| Some((m.worker_mb()?, m.heap_mb()?)));
    let _ = writeln!(
        md,
        "| Memory < 150 MB for 4 GB | {} | {} |",
        memory.map_or("—".into(), |(w, h)| format!(
            "{:.1} MB (worker wasm {w:.1} MB + page JS heap {h:.1} MB)",
            w + h
        )),
        verdict(memory.map(|(w, h)| w + h < 150.0))
    );
    // Memory must not grow with archive size: same content, 200 MB vs 4 GB.
    let small = by_name("size-200m").and_then(|(_, m)| m.worker_mb());
    let large = big.and_then(|(_, m)| m.worker_mb());
    let flat = small.zip(large);
    let _ = writeln!(
        md,
        "| Worker memory does not grow with archive size (same content, 200 MB → 4 GB) | {} | {} |",
        flat.map_or("—".into(), |(s, l)| format!("{s:.1} MB → {l:.1} MB")),
        verdict(flat.map(|(s, l)| l <= s * 1.1 + 1.0))
    );
    if !browser_ran {
        md.push_str("\nThe browser was skipped (`--no-browser`).\n");
    }
    md
}

/// The 1-minute load average: other work on the machine skews every number here.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

fn machine(load: &(String, String)) -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or("unknown".into(), |kb| {
            format!("{:.1} GiB", kb / 1_048_576.0)
        });
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown".into(), |(_, v)| v.trim().to_string());
    let os_release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    let os = os_release
        .lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .map_or("unknown".into(), |v| v.trim_matches('"').to_string());
    let unknown = || "unknown".to_string();
    let chromium = first_line(tools::CHROMIUM, &["--version"]).unwrap_or_else(unknown);
    let node = first_line("node", &["--version"]).unwrap_or_else(unknown);
    let rustc = first_line("rustc", &["--version"]).unwrap_or_else(unknown);
    let date = first_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"]).unwrap_or_else(unknown);
    format!(
        "## Machine\n\n\
         - Date: {date}\n\
         - CPU: {model}, {cpus} logical cores\n\
         - Memory: {memory}\n\
         - OS: {os}\n\
         - Browser: {chromium} (headless), node {node}\n\
         - Rust: {rustc}\n\
         - Load average (1 min) when measuring started / ended: {} / {} (the bench adds \
         about 1; more means other work shared the {cpus} cores)\n",
        load.0, load.1
    )
}

/// The results table, for the terminal.
fn summary_of(report: &str) -> String {
    report
        .split("\n## ")
        .filter(|s| s.starts_with("Results") || s.starts_with("Targets"))
        .map(|s| format!("## {s}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn thread_pages_only() {
        let folders = vec![("inbox".to_string(), "bob_1".to_string())];
        assert!(is_thread_page(
            "your_instagram_activity/messages/inbox/bob_1/message_12.json",
            &folders
        ));
        assert!(!is_thread_page(
            "your_instagram_activity/messages/inbox/bob_1/photos/1.jpg",
            &folders
        ));
        assert!(!is_thread_page(
            "your_instagram_activity/messages/inbox/ann_2/message_1.json",
            &folders
        ));
        assert!(!is_thread_page("message_1.json", &folders));
    }

    #[test]
    fn counts_are_grouped() {
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(count(999), "999");
    }
}
