//! Checks on the repository's own files that no compiler makes: no file names a path
//! outside the repository (a machine's folders, another checkout's documents).

use std::process::Command;

/// Text that would point outside the repository. Source paths are written so that no
/// line contains these (`src/archive_worker/`, not a folder whose name starts with
/// "work"). Spelled in two pieces so this file does not match itself.
const OUTSIDE: [&str; 2] = [concat!("/", "work"), concat!("shared", "/docs")];

/// Fails with every offending line of the tracked files; passes outside a git checkout
/// (an unpacked source archive has nothing to compare against).
pub fn no_outside_paths() -> Result<(), String> {
    let mut grep = Command::new("git");
    grep.current_dir(crate::root())
        .args(["grep", "-n", "-I", "-F"]);
    for needle in OUTSIDE {
        grep.args(["-e", needle]);
    }
    let output = grep
        .output()
        .map_err(|e| format!("could not run git grep: {e}"))?;
    match output.status.code() {
        // 1: nothing found.
        Some(1) => Ok(()),
        Some(0) => Err(format!(
            "files name paths outside the repository:\n{}",
            String::from_utf8_lossy(&output.stdout)
        )),
        // Not a git checkout, or git failed: nothing to check against.
        _ => Ok(()),
    }
}
