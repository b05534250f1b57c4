//! The release build of the web app and the demo export it ships.

use crate::process::{fixtures, run};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

/// What the built page depends on: when none is newer than dist/, the build is reused.
const INPUTS: &[&str] = &[
    "index.html",
    "Trunk.toml",
    "Cargo.toml",
    "Cargo.lock",
    "src",
    "static",
    "crates/archive",
    "crates/fixtures",
    "xtask/src/csp.rs",
];

pub fn dist_dir() -> PathBuf {
    crate::root().join("dist")
}

pub fn demo_dir() -> PathBuf {
    crate::root().join("target/demo")
}

/// Builds dist/ with `trunk build --release` unless it is already up to date (or `force`).
pub fn release(force: bool) -> Result<PathBuf, String> {
    let root = crate::root();
    let dist = dist_dir();
    let stamp = dist.join("index.html");
    if !force && !is_stale(&root, &stamp) {
        println!("dist/ is up to date");
        return Ok(dist);
    }
    run(Command::new("trunk")
        .args(["build", "--release"])
        .current_dir(&root)
        .env("TRUNK_SKIP_VERSION_CHECK", "true"))?;
    Ok(dist)
}

/// Writes the demo export (called by trunk's pre-build hook, so a bare `trunk build` works).
pub fn demo() -> Result<(), String> {
    let out = demo_dir();
    run(fixtures().arg("demo").arg("--out").arg(&out))
}

fn is_stale(root: &Path, stamp: &Path) -> bool {
    let Some(built) = modified(stamp) else {
        return true;
    };
    INPUTS
        .iter()
        .filter_map(|input| newest(&root.join(input)))
        .any(|changed| changed > built)
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The newest modification time of a file, or of anything under a directory.
fn newest(path: &Path) -> Option<SystemTime> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_dir() {
        return meta.modified().ok();
    }
    std::fs::read_dir(path)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "target" && e.file_name() != "node_modules")
        .filter_map(|e| newest(&e.path()))
        .max()
}
