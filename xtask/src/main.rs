//! `cargo xtask <command>`: the project's own build, serve and test driver.
//!
//! Everything a new machine needs is installed from here (see `tools`), so the two
//! commands in the README work with only rustup and cargo present.

mod bench;
mod build;
mod csp;
mod hygiene;
mod inspect;
mod layers;
mod mime;
mod process;
mod server;
mod summary;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve [--host H] [--port P]   build the app (if needed) and serve it with the demo archive
  test [LAYER...]               install what tests need, then run every check and test layer,
                                or only the layers named: checks, native, browser, e2e
  build                         release build of the web app into dist/
  bench [--runs N] [--no-browser]
                                time opening generated exports, natively and in Chromium,
                                and write the numbers to BENCHMARKS.md
  inspect PATH...               report what an export holds (ZIP parts or a folder), as JSON
  demo                          write the demo export into target/demo/
  csp                           (trunk post-build hook) pin inline scripts in the page's CSP
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("test") => layers::run_tests(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("build") => build::release(true).map(|_| ()),
        Some("demo") => build::demo(),
        Some("csp") => csp::hook(),
        Some("inspect") => inspect::run(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(args: &[String]) -> Result<(), String> {
    let mut host = "127.0.0.1".to_string();
    let mut port: u16 = 8080;
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--host" => host = value.clone(),
            "--port" => port = value.parse().map_err(|_| format!("bad port `{value}`"))?,
            _ => return Err(format!("unknown option `{flag}`")),
        }
    }
    tools::ensure_web_build()?;
    let dist = build::release(false)?;
    let server = server::Server::start(&host, port, dist)?;
    println!(
        "Keepsake is running at http://{}/  (Ctrl+C to stop)",
        server.addr()
    );
    server.wait();
    Ok(())
}

/// The workspace root (the parent of this crate).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
