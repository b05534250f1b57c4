//! Counting passed and failed tests from the runners' own closing lines.

use std::fmt;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl Counts {
    /// A layer that could not run at all counts as one failure, so the total shows it.
    pub const BROKEN: Counts = Counts {
        passed: 0,
        failed: 1,
    };

    pub fn add(self, other: Counts) -> Counts {
        Counts {
            passed: self.passed + other.passed,
            failed: self.failed + other.failed,
        }
    }

    pub fn ok(self) -> bool {
        self.failed == 0 && self.passed > 0
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} passed, {} failed", self.passed, self.failed)
    }
}

/// Sums libtest's `test result: ok. N passed; M failed; …` lines (cargo test and
/// wasm-bindgen-test-runner both print one per test binary).
pub fn libtest(output: &str) -> Counts {
    output
        .lines()
        .filter_map(|line| line.trim().strip_prefix("test result: "))
        .map(|rest| Counts {
            passed: number_before(rest, " passed"),
            failed: number_before(rest, " failed"),
        })
        .fold(Counts::default(), Counts::add)
}

/// Reads node's test runner totals (`# pass N` in TAP, `ℹ pass N` in the spec reporter).
pub fn node(output: &str) -> Counts {
    let mut counts = Counts::default();
    for line in output.lines() {
        let line = line.trim_start_matches(['#', 'ℹ', ' ']);
        if let Some(n) = line.strip_prefix("pass ") {
            counts.passed = n.trim().parse().unwrap_or(0);
        } else if let Some(n) = line.strip_prefix("fail ") {
            counts.failed = n.trim().parse().unwrap_or(0);
        }
    }
    counts
}

fn number_before(text: &str, label: &str) -> u64 {
    let Some(end) = text.find(label) else {
        return 0;
    };
    let start = text[..end]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    text[start..end].parse().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_every_libtest_binary() {
        let out = "running 3 tests\n\
            test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n\
            test result: FAILED. 10 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out\n\
            test result: ok. 0 passed; 0 failed; 0 ignored";
        assert_eq!(
            libtest(out),
            Counts {
                passed: 13,
                failed: 2
            }
        );
    }

    #[test]
    fn reads_node_totals_in_both_reporters() {
        let tap = "ok 1 - loads\n# tests 4\n# pass 3\n# fail 1\n";
        assert_eq!(
            node(tap),
            Counts {
                passed: 3,
                failed: 1
            }
        );
        let spec = "ℹ tests 2\nℹ pass 2\nℹ fail 0\n";
        assert_eq!(
            node(spec),
            Counts {
                passed: 2,
                failed: 0
            }
        );
    }

    #[test]
    fn empty_layers_are_not_ok() {
        assert!(!Counts::default().ok());
        assert!(!Counts::BROKEN.ok());
        assert!(
            Counts {
                passed: 1,
                failed: 0
            }
            .ok()
        );
    }
}
