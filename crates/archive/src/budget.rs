//! What an export may cost to open and to parse, across all its parts: the limits a
//! crafted file meets long before the page runs out of memory.

use std::collections::HashSet;

use crate::error::ArchiveError;

/// Stored ZIPs opened inside all parts together. A real download wraps one export per
/// part; a crafted one can name the same inner ZIP hundreds of times.
pub(crate) const MAX_NESTED_VOLUMES: usize = 32;
/// Entries in all ZIP directories together. The largest real exports hold a few hundred
/// thousand files; each indexed entry costs a few hundred bytes of memory.
pub(crate) const MAX_ENTRIES: u64 = 500_000;
/// Central directory bytes of all ZIPs together (long names cost memory too): about a
/// million entries with Instagram's ~100-byte names.
pub(crate) const MAX_DIRECTORY_BYTES: u64 = 128 << 20;

/// What opening ZIPs may still cost, across every part of one archive.
#[derive(Debug, Clone, Default)]
pub(crate) struct Budget {
    /// `(part, start, length)` of every ZIP opened: no byte range is opened twice.
    pub(crate) opened: HashSet<(usize, u64, u64)>,
    pub(crate) nested: usize,
    entries: u64,
    directory: u64,
}

impl Budget {
    /// Whether a ZIP of `entries` entries and a `directory`-byte directory still fits.
    pub(crate) fn check(&self, entries: u64, directory: u64) -> Result<(), ArchiveError> {
        let entries = self.entries.saturating_add(entries);
        let directory = self.directory.saturating_add(directory);
        if entries > MAX_ENTRIES || directory > MAX_DIRECTORY_BYTES {
            return Err(ArchiveError::TooManyFiles {
                entries,
                limit: MAX_ENTRIES,
            });
        }
        Ok(())
    }

    /// Count a ZIP just opened, or refuse it if it does not fit.
    pub(crate) fn charge(&mut self, entries: u64, directory: u64) -> Result<(), ArchiveError> {
        self.check(entries, directory)?;
        self.entries += entries;
        self.directory += directory;
        Ok(())
    }
}

/// What the kept parser results of one export have read so far: the parsers' budget for
/// the whole export, kept beside the files they read.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Spent {
    pub rows: usize,
    pub bytes: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_adds_up_across_zips() {
        let mut b = Budget::default();
        b.charge(MAX_ENTRIES - 10, 1 << 20).unwrap();
        assert!(b.check(10, 0).is_ok());
        assert!(matches!(
            b.charge(11, 0),
            Err(ArchiveError::TooManyFiles { .. })
        ));
        // A refused ZIP costs nothing; long names count against the directory bytes.
        b.charge(10, 0).unwrap();
        let mut names = Budget::default();
        assert!(names.charge(1, MAX_DIRECTORY_BYTES + 1).is_err());
        assert!(names.charge(1, MAX_DIRECTORY_BYTES).is_ok());
    }
}
