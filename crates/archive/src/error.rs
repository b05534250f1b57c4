//! Errors, each with a message a person who has never heard of ZIP internals understands.

use std::fmt;
use std::io;

/// What went wrong opening a part or reading an entry.
#[derive(Debug)]
pub enum ArchiveError {
    /// The file is not a ZIP at all.
    NotAZip,
    /// The file ends early (an interrupted download or copy).
    Truncated,
    /// The ZIP structure is damaged; the detail is for bug reports.
    Corrupt(String),
    /// The entry is password-protected (Instagram never does this).
    Encrypted(String),
    /// The entry is packed with a method other than stored/deflate.
    UnsupportedCompression { path: String, method: u16 },
    /// The entry says it unpacks to more than the caller allows.
    TooLarge { path: String, size: u64, limit: u64 },
    /// The entry unpacks to more than it declared (a "zip bomb" or damage).
    Bomb { path: String, declared: u64 },
    /// The ZIPs list more files (or longer names) than one archive may index.
    TooManyFiles { entries: u64, limit: u64 },
    /// This part (or loose file) was already added.
    DuplicatePart(String),
    /// No entry with this path.
    NotFound(String),
    /// The host could not read the bytes.
    Io(io::Error),
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAZip => write!(
                f,
                "This file is not a ZIP archive. Choose the .zip file(s) from your Instagram download."
            ),
            Self::Truncated => write!(
                f,
                "This ZIP file is incomplete: it ends too early, probably because the download \
                 was interrupted. Download it again from Instagram."
            ),
            Self::Corrupt(detail) => write!(
                f,
                "This ZIP file is damaged and cannot be read ({detail}). Try downloading it again."
            ),
            Self::Encrypted(path) => write!(
                f,
                "“{path}” is protected with a password, so Keepsake cannot open it."
            ),
            Self::UnsupportedCompression { path, method } => write!(
                f,
                "“{path}” is packed in a way Keepsake cannot unpack (method {method}). \
                 Instagram downloads never do this; the ZIP was probably re-packed by another program."
            ),
            Self::TooLarge { path, size, limit } => write!(
                f,
                "“{path}” is too large to open here ({} unpacked, the limit is {}).",
                human_size(*size),
                human_size(*limit)
            ),
            Self::Bomb { path, declared } => write!(
                f,
                "“{path}” unpacks to more data than the ZIP says it holds ({}). Keepsake stopped \
                 reading it to protect your device; the file may be damaged or malicious.",
                human_size(*declared)
            ),
            Self::TooManyFiles { entries, limit } => write!(
                f,
                "This download lists more files than Keepsake can open at once ({entries} \
                 files, or names too long to index; the limit is {limit} files in all parts \
                 together). The ZIP may be damaged or made to overload your device."
            ),
            Self::DuplicatePart(name) => write!(f, "“{name}” has already been added."),
            Self::NotFound(path) => write!(f, "“{path}” is not in this download."),
            Self::Io(e) => write!(
                f,
                "The file could not be read ({e}). Try choosing it again."
            ),
        }
    }
}

impl std::error::Error for ArchiveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for ArchiveError {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            Self::Truncated
        } else {
            Self::Io(e)
        }
    }
}

/// "1.5 MB"-style size for messages.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    let name = UNITS.get(unit).copied().unwrap_or("bytes");
    if unit == 0 {
        format!("{bytes} {name}")
    } else {
        format!("{value:.1} {name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(12), "12 bytes");
        assert_eq!(human_size(1_500_000), "1.5 MB");
        assert_eq!(human_size(u64::MAX), "18446744.1 TB");
    }

    #[test]
    fn messages_are_plain() {
        let e = ArchiveError::TooLarge {
            path: "a.json".into(),
            size: 3_000_000_000,
            limit: 64_000_000,
        };
        assert!(e.to_string().contains("3.0 GB"));
        assert!(ArchiveError::NotAZip.to_string().contains("not a ZIP"));
    }
}
