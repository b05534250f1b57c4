//! `cargo xtask test`: checks, then the three test layers, then one summary line each.

use crate::process::{cargo, in_dir, run, run_captured};
use crate::summary::{self, Counts};
use crate::tools;

pub fn run_all() -> Result<(), String> {
    tools::ensure_web_build()?;
    tools::ensure_browser_tests()?;

    let mut checks_ok = true;
    for (name, args) in checks() {
        if let Err(e) = run(cargo().args(args)) {
            eprintln!("{name} failed: {e}");
            checks_ok = false;
        }
    }

    let native = layer("native", native);
    let browser = layer("browser", browser);
    let e2e = layer("e2e", e2e);
    let total = native.add(browser).add(e2e);

    println!();
    if !checks_ok {
        println!("checks: cargo fmt or cargo clippy failed (see above)");
    }
    println!("native: {native}");
    println!("browser: {browser}");
    println!("e2e: {e2e}");
    println!("total: {total}");
    if checks_ok && native.ok() && browser.ok() && e2e.ok() {
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
            "cargo clippy (wasm32)",
            vec![
                "clippy",
                "-p",
                "keepsake",
                "-p",
                "keepsake-archive",
                "--all-targets",
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
fn layer(name: &str, body: fn() -> Result<Counts, String>) -> Counts {
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

fn e2e() -> Result<Counts, String> {
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
