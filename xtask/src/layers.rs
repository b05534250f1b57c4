//! `cargo xtask test [checks] [native] [browser] [e2e]`: the checks, then the three test
//! layers (or only those named), then one summary line each.

use crate::process::{cargo, in_dir, run, run_captured};
use crate::summary::{self, Counts};
use crate::tools;

/// What can be named on the command line, in the order it runs.
const PARTS: [&str; 4] = ["checks", "native", "browser", "e2e"];

/// What runs one test layer and counts its results.
type Layer = fn() -> Result<Counts, String>;

/// The test layers, each with what runs it.
const LAYERS: [(&str, Layer); 3] = [("native", native), ("browser", browser), ("e2e", e2e)];

/// Runs the parts named in `args` (everything when none is named).
pub fn run_tests(args: &[String]) -> Result<(), String> {
    if let Some(unknown) = args.iter().find(|a| !PARTS.contains(&a.as_str())) {
        return Err(format!(
            "unknown test layer `{unknown}` (choose from {})",
            PARTS.join(", ")
        ));
    }
    let wanted = |part: &str| args.is_empty() || args.iter().any(|a| a == part);

    // Only the native layer runs without the wasm toolchain (the checks lint wasm32 too).
    if PARTS.iter().any(|&p| p != "native" && wanted(p)) {
        tools::ensure_web_build()?;
    }
    if wanted("browser") || wanted("e2e") {
        tools::ensure_browser_tests()?;
    }

    let mut checks_ok = true;
    if wanted("checks") {
        if let Err(e) = crate::hygiene::no_outside_paths() {
            eprintln!("repository check failed: {e}");
            checks_ok = false;
        }
        for (name, args) in checks() {
            if let Err(e) = run(cargo().args(args)) {
                eprintln!("{name} failed: {e}");
                checks_ok = false;
            }
        }
    }

    let ran: Vec<(&str, Counts)> = LAYERS
        .iter()
        .filter(|(name, _)| wanted(name))
        .map(|&(name, body)| (name, layer(name, body)))
        .collect();

    println!();
    if !checks_ok {
        println!(
            "checks: cargo fmt, cargo clippy, the fuzz targets or the repository check failed \
             (see above)"
        );
    }
    for (name, counts) in &ran {
        println!("{name}: {counts}");
    }
    if !ran.is_empty() {
        let total = ran
            .iter()
            .fold(Counts::default(), |sum, (_, c)| sum.add(*c));
        println!("total: {total}");
    }
    if checks_ok && ran.iter().all(|(_, counts)| counts.ok()) {
        Ok(())
    } else {
        Err("some checks or tests failed, or a layer ran no test".into())
    }
}

fn checks() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("cargo fmt", vec!["fmt", "--all", "--check"]),
        (
            "cargo clippy (native)",
            vec!["clippy", "--all-targets", "--", "-D", "warnings"],
        ),
        (
            "cargo clippy (wasm32 app)",
            vec![
                "clippy",
                "-p",
                "keepsake",
                "--all-targets",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ],
        ),
        // The cargo-fuzz targets are their own workspace (running them needs nightly);
        // fmt and clippy on stable keep them compiling against the engine.
        (
            "cargo fmt (fuzz targets)",
            vec!["fmt", "--manifest-path", "fuzz/Cargo.toml", "--check"],
        ),
        (
            "cargo clippy (fuzz targets)",
            vec![
                "clippy",
                "--manifest-path",
                "fuzz/Cargo.toml",
                "--bins",
                "--target-dir",
                "target/fuzz",
                "--",
                "-D",
                "warnings",
            ],
        ),
        // The engine's own tests use native files; on wasm32 its library is what ships.
        (
            "cargo clippy (wasm32 engine)",
            vec![
                "clippy",
                "-p",
                "keepsake-archive",
                "--lib",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ],
        ),
    ]
}

/// Runs one layer; a layer that cannot run at all is reported, not fatal to the others.
fn layer(name: &str, body: Layer) -> Counts {
    println!("\n=== {name} tests ===");
    body().unwrap_or_else(|e| {
        eprintln!("{name} layer could not run: {e}");
        Counts::BROKEN
    })
}

fn native() -> Result<Counts, String> {
    let (_, output) = run_captured(cargo().args(["test", "--no-fail-fast"]))?;
    Ok(summary::libtest(&output))
}

fn browser() -> Result<Counts, String> {
    let (_, output) = run_captured(
        cargo()
            .args([
                "test",
                "-p",
                "keepsake",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
    )?;
    Ok(summary::libtest(&output))
}

/// Exports the end-to-end tests open, written by the generator beside their manifests.
const E2E_FIXTURES: &[(&str, &[&str])] = &[
    (
        "parts",
        &[
            "--era",
            "accounts-center-2024",
            "--lang",
            "nl",
            "--container",
            "parts:3",
        ],
    ),
    (
        "folder",
        &[
            "--era",
            "folders-2022",
            "--lang",
            "de",
            "--container",
            "folder",
        ],
    ),
    (
        "zip64-deflated",
        &[
            "--era",
            "media-move-2025",
            "--lang",
            "es",
            "--container",
            "zip64",
            "--media",
            "deflated",
        ],
    ),
    ("legacy", &["--era", "legacy", "--root", "instagram"]),
    (
        "html",
        &[
            "--era",
            "accounts-center-2024",
            "--format",
            "html",
            "--lang",
            "nl",
        ],
    ),
    // One conversation long enough that only windowing keeps the page usable.
    ("thread-100k", crate::process::LONG_THREAD),
];

fn write_e2e_fixtures() -> Result<(), String> {
    let out = crate::root().join("target/e2e/fixtures");
    let _ = std::fs::remove_dir_all(&out);
    for (name, args) in E2E_FIXTURES {
        run(crate::process::fixtures()
            .arg("generate")
            .args(*args)
            .arg("--out")
            .arg(&out)
            .args(["--name", name]))?;
    }
    Ok(())
}

fn e2e() -> Result<Counts, String> {
    write_e2e_fixtures()?;
    let dist = crate::build::release(false)?;
    let server = crate::server::Server::start("127.0.0.1", 0, dist)?;
    let dir = crate::root().join("tests/e2e");
    let (_, output) = run_captured(
        in_dir("node", &dir)
            .args(["--test", "--test-concurrency=1", "--test-reporter=tap"])
            .env("KEEPSAKE_URL", format!("http://{}/", server.addr()))
            .env("KEEPSAKE_ROOT", crate::root())
            .env("CHROMIUM", tools::CHROMIUM),
    )?;
    Ok(summary::node(&output))
}
