//! Running child processes with a readable trace of what is being run.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `cmd` with inherited output; fails with a message naming the command.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = describe(cmd);
    println!("$ {shown}");
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Runs `cmd`, echoing its output while also capturing it (for counting test results).
pub fn run_captured(cmd: &mut Command) -> Result<(bool, String), String> {
    let shown = describe(cmd);
    println!("$ {shown}");
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    let output = tee(child)?;
    Ok((output.status.success(), {
        let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&output.stderr));
        text
    }))
}

/// Forwards a child's stdout and stderr to ours as they arrive and returns all of it.
fn tee(mut child: std::process::Child) -> Result<Output, String> {
    use std::io::{Read, Write};
    use std::thread;
    fn pump<R: Read + Send + 'static>(
        source: Option<R>,
        to_stderr: bool,
    ) -> thread::JoinHandle<Vec<u8>> {
        thread::spawn(move || {
            let mut all = Vec::new();
            let Some(mut source) = source else { return all };
            let mut buf = [0u8; 8192];
            while let Ok(n) = source.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let chunk = &buf[..n];
                let _ = if to_stderr {
                    std::io::stderr().write_all(chunk)
                } else {
                    std::io::stdout().write_all(chunk)
                };
                all.extend_from_slice(chunk);
            }
            all
        })
    }
    let out = pump(child.stdout.take(), false);
    let err = pump(child.stderr.take(), true);
    let status = child.wait().map_err(|e| e.to_string())?;
    Ok(Output {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    })
}

/// The first line a command prints, if it runs at all (for version checks).
pub fn first_line(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines().next().map(|l| l.trim().to_string())
}

pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(crate::root());
    cmd
}

/// The export generator's command line, built for speed (`keepsake-fixtures ARGS...`).
/// Generator arguments for one conversation of 100,000 messages (in ten `message_N.json`
/// files): the e2e test of the windowed conversation and the thread benchmarks use it.
pub const LONG_THREAD: &[&str] = &[
    "--era",
    "media-move-2025",
    "--threads",
    "1",
    "--messages",
    "100000",
    "--image-px",
    "16",
];

pub fn fixtures() -> Command {
    let mut cmd = cargo();
    cmd.args([
        "run",
        "--quiet",
        "--profile",
        "native",
        "-p",
        "keepsake-fixtures",
        "--",
    ]);
    cmd
}

pub fn in_dir(program: &str, dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir);
    cmd
}

fn describe(cmd: &Command) -> String {
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}
