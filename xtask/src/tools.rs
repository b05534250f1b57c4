//! Installs the tools the build and the tests need, skipping what is already present at
//! the right version, and saying what it installs.

use crate::process::{cargo, first_line, in_dir, run};
use std::path::Path;
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const EMOJI_FONT: &str = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";

/// What `trunk build --release` needs: the wasm target, trunk, wasm-bindgen and wasm-opt.
pub fn ensure_web_build() -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_opt()
}

/// What the browser and end-to-end layers need on top of the build.
pub fn ensure_browser_tests() -> Result<(), String> {
    if !(Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists()) {
        apt_install(&["chromium", "chromium-driver"])?;
    }
    // Exports are full of emoji; without a colour emoji font, screenshots show boxes.
    if has_apt() && !Path::new(EMOJI_FONT).exists() {
        apt_install(&["fonts-noto-color-emoji"])?;
    }
    ensure_node()?;
    ensure_e2e_packages()
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown"))
        .unwrap_or(false);
    if installed {
        return Ok(());
    }
    println!("installing the wasm32-unknown-unknown target");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn ensure_trunk() -> Result<(), String> {
    let want = format!("trunk {TRUNK_VERSION}");
    if first_line("trunk", &["--version"]).as_deref() == Some(want.as_str()) {
        return Ok(());
    }
    println!("installing {want} (about 15 minutes on two cores, once)");
    run(cargo().args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

/// wasm-bindgen's CLI must equal the library version in Cargo.lock exactly.
fn ensure_wasm_bindgen() -> Result<(), String> {
    let version = locked_version("wasm-bindgen")?;
    let want = format!("wasm-bindgen {version}");
    let have = first_line("wasm-bindgen", &["--version"]);
    let runner = first_line("wasm-bindgen-test-runner", &["--version"]);
    if have.as_deref() == Some(want.as_str()) && runner.is_some() {
        return Ok(());
    }
    println!("installing wasm-bindgen-cli {version} (a few minutes, once)");
    // `--locked` fails for this crate on the registry mirror here: a locked dependency is missing.
    run(cargo().args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &format!("={version}"),
    ]))
}

/// Debian's binaryen is old but works with the feature flags set in index.html.
fn ensure_wasm_opt() -> Result<(), String> {
    if first_line("wasm-opt", &["--version"]).is_some() {
        return Ok(());
    }
    if has_apt() {
        return apt_install(&["binaryen"]);
    }
    println!("note: wasm-opt not found; trunk will fetch the binaryen release it needs");
    Ok(())
}

fn ensure_node() -> Result<(), String> {
    if first_line("node", &["--version"]).is_some() && first_line("npm", &["--version"]).is_some() {
        return Ok(());
    }
    apt_install(&["nodejs", "npm"])
}

/// The end-to-end tests' npm packages, from the committed lockfile.
fn ensure_e2e_packages() -> Result<(), String> {
    let dir = crate::root().join("tests/e2e");
    let lock = dir.join("package-lock.json");
    let stamp = dir.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::read(&lock), std::fs::metadata(&stamp)) {
        (Ok(_), Ok(stamp_meta)) => std::fs::metadata(&lock)
            .and_then(|m| Ok(m.modified()? <= stamp_meta.modified()?))
            .unwrap_or(false),
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    println!("installing the end-to-end test packages (npm ci)");
    run(in_dir("npm", &dir).args(["ci", "--no-audit", "--no-fund"]))
}

fn has_apt() -> bool {
    Path::new("/usr/bin/apt-get").exists()
}

fn apt_install(packages: &[&str]) -> Result<(), String> {
    if !has_apt() {
        return Err(format!(
            "{} missing and apt-get is not available: install them with your package manager",
            packages.join(", ")
        ));
    }
    println!("installing {} from Debian's packages", packages.join(", "));
    run(Command::new("apt-get").arg("update").arg("-q"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-q", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// The version of `package` recorded in Cargo.lock.
pub fn locked_version(package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(crate::root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    version_in_lock(&lock, package).ok_or(format!("{package} is not in Cargo.lock"))
}

fn version_in_lock(lock: &str, package: &str) -> Option<String> {
    let wanted = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim();
            let value = version.strip_prefix("version = \"")?.strip_suffix('"')?;
            return Some(value.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::version_in_lock;

    #[test]
    fn finds_exact_package_in_lockfile() {
        let lock = "[[package]]\nname = \"wasm-bindgen-futures\"\nversion = \"0.4.80\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            version_in_lock(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(version_in_lock(lock, "trunk"), None);
    }
}
