//! One readable ZIP (a part, or a stored ZIP inside a part) or the set of loose files.
//!
//! Metadata comes from the zip crate's parsed central directory (`by_index_data`, which
//! never touches local headers), so indexing 100k entries costs only the reads of the
//! central directory itself. Local headers are read one at a time, when an entry is read
//! or located.

use std::io::Read;

use zip::read::{ArchiveOffset, Config};
use zip::result::ZipError;
use zip::{CompressionMethod, ZipArchive};

use serde::{Deserialize, Serialize};

use crate::budget::Budget;
use crate::error::ArchiveError;
use crate::source::{BufferedSource, RandomAccess, Shared, Slice};

/// How an entry's bytes are packed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Compression {
    Stored,
    Deflated,
    /// Any other ZIP method id; Keepsake cannot unpack it.
    Other(u16),
}

/// `stored`, `deflated` or `method 12`, as listings and reports name it.
impl std::fmt::Display for Compression {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Compression::Stored => f.write_str("stored"),
            Compression::Deflated => f.write_str("deflated"),
            Compression::Other(method) => write!(f, "method {method}"),
        }
    }
}

pub(crate) type Zip = ZipArchive<BufferedSource<Slice>>;

/// What the index needs about one entry, straight from the central directory.
#[derive(Debug, Clone)]
pub(crate) struct RawEntry {
    /// Normalized full path inside this volume (`/` separators, no leading `./` or `/`).
    pub name: String,
    pub index: usize,
    pub size: u64,
    pub compressed_size: u64,
    pub method: u16,
    pub encrypted: bool,
    pub crc32: Option<u32>,
    /// Local header offset, relative to the volume start.
    pub header_start: u64,
}

pub(crate) struct LooseFile {
    pub source: Box<dyn RandomAccess>,
}

pub(crate) enum Body {
    Zip {
        zip: Box<Zip>,
        /// Unbuffered view of the whole part, for single small reads (local headers).
        direct: Slice,
    },
    Loose(Vec<LooseFile>),
}

pub(crate) struct Volume {
    /// Index of the user-visible part this volume lives in.
    pub part: usize,
    /// Offset of this ZIP inside the part's source (non-zero for a nested stored ZIP).
    pub base: u64,
    pub body: Body,
    /// Files only (no folders, no `__MACOSX/` debris, no expanded nested ZIPs).
    pub entries: Vec<RawEntry>,
    /// Instagram root found by markers, if any.
    pub prefix: Option<String>,
    /// Root of a Facebook export, when this volume is one.
    pub facebook: Option<String>,
}

/// Cheap identity of a ZIP, to refuse the same part added under another name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    len: u64,
    count: usize,
    dir_start: u64,
    digest: u64,
}

impl Volume {
    pub(crate) fn fingerprint(&self, len: u64) -> Option<Fingerprint> {
        let Body::Zip { zip, .. } = &self.body else {
            return None;
        };
        let digest = self.entries.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, e| {
            let x = u64::from(e.crc32.unwrap_or(0)) ^ e.size.rotate_left(32) ^ e.header_start;
            (h ^ x).wrapping_mul(0x0100_0000_01b3)
        });
        Some(Fingerprint {
            len,
            count: zip.len(),
            dir_start: zip.central_directory_start(),
            digest,
        })
    }
}

/// Turn a stored name into a tree path: `\` to `/`, no leading `/` or `./`, no empty or
/// `.` components. Returns `None` for folders and macOS resource-fork debris.
pub(crate) fn normalize(name: &str) -> Option<String> {
    if name.ends_with('/') || name.ends_with('\\') {
        return None;
    }
    // Nearly every stored name is already clean: copy it as it is (an index has 100k).
    let clean = !name.contains('\\')
        && name.split('/').all(|c| !c.is_empty() && c != ".")
        && name.split('/').next() != Some("__MACOSX")
        && name.rsplit('/').next() != Some(".DS_Store");
    if clean {
        return Some(name.to_owned());
    }
    let name = name.replace('\\', "/");
    let parts: Vec<&str> = name
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect();
    let first = parts.first()?;
    if *first == "__MACOSX" || parts.last().is_some_and(|l| *l == ".DS_Store") {
        return None;
    }
    Some(parts.join("/"))
}

/// Open the ZIP at `base..base + len` of `shared`, reading only its end records and
/// central directory, within what `budget` has left.
pub(crate) fn open_zip(
    shared: &Shared,
    base: u64,
    len: u64,
    budget: &mut Budget,
) -> Result<Zip, ArchiveError> {
    let mut view = Slice::range(shared.clone(), base, len)?;
    let directory = directory_info(&mut view);
    // Refuse before reading the directory when the end records already say it is too big.
    if let Some(d) = &directory {
        budget.check(d.entries, len - d.start)?;
    }
    let mut source = BufferedSource::new(view);
    // The zip crate walks the whole directory; one read of it is far cheaper in the browser
    // (each read is a FileReaderSync call) than one per buffer window. Only a speed-up: on
    // failure the zip crate reads as usual and reports the problem.
    let preloaded = directory
        .filter(|d| len - d.start <= MAX_PRELOAD)
        .and_then(|d| source.preload(d.start).ok());
    // A known offset of 0: exports never have bytes before the ZIP, and detection would
    // scan the whole (multi-GB) part for a header when the directory is damaged.
    let config = Config {
        archive_offset: ArchiveOffset::Known(0),
    };
    let zip = ZipArchive::with_config(config, source);
    // Parsed: the records are all that stay, the raw directory is freed.
    drop(preloaded);
    let zip = zip.map_err(|e| diagnose(shared, base, len, e))?;
    let directory = len.saturating_sub(zip.central_directory_start());
    budget.charge(zip.len() as u64, directory)?;
    Ok(zip)
}

/// The largest central directory read in one go (about 270k entries).
const MAX_PRELOAD: u64 = 32 << 20;

/// The end record sits in the last 64 KiB (the longest comment) + 22 bytes.
const TAIL: u64 = 65_557;

/// The smallest central directory record (no name, extra or comment).
const MIN_RECORD: u64 = 46;

/// What the end records say about the central directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Directory {
    start: u64,
    entries: u64,
}

/// Where the central directory starts and how many entries it claims, from the end
/// records (ZIP64 too). Hints only: the zip crate finds and checks the records itself. A
/// count that cannot fit between the start and the end of the file is no hint.
fn directory_info(source: &mut impl RandomAccess) -> Option<Directory> {
    let len = source.len();
    let tail_start = len - len.min(TAIL);
    let mut tail = vec![0u8; usize::try_from(len - tail_start).ok()?];
    source.read_at(tail_start, &mut tail).ok()?;
    let end = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let start = le32(tail.get(end + 16..end + 20)?);
    let found = if start != u32::MAX {
        let entries = u64::from(le16(tail.get(end + 10..end + 12)?));
        Directory {
            start: u64::from(start),
            entries,
        }
    } else {
        // ZIP64: a 20-byte locator just before the end record gives the ZIP64 end record.
        let locator = tail.get(end.checked_sub(20)?..end)?;
        if locator.get(..4)? != b"PK\x06\x07" {
            return None;
        }
        let mut record = [0u8; 56];
        source
            .read_at(le64(locator.get(8..16)?), &mut record)
            .ok()?;
        if record.get(..4)? != b"PK\x06\x06" {
            return None;
        }
        Directory {
            start: le64(record.get(48..56)?),
            entries: le64(record.get(32..40)?),
        }
    };
    let room = len.checked_sub(found.start).filter(|_| found.start < len)?;
    (found.entries <= room / MIN_RECORD).then_some(found)
}

fn le16(b: &[u8]) -> u16 {
    b.iter().rev().fold(0, |n, &byte| n << 8 | u16::from(byte))
}

fn le32(b: &[u8]) -> u32 {
    b.iter().rev().fold(0, |n, &byte| n << 8 | u32::from(byte))
}

fn le64(b: &[u8]) -> u64 {
    b.iter().rev().fold(0, |n, &byte| n << 8 | u64::from(byte))
}

/// Turn the zip crate's complaint into what the user needs to hear, with a couple of
/// small reads of our own (only on failure).
fn diagnose(shared: &Shared, base: u64, len: u64, err: ZipError) -> ArchiveError {
    if let ZipError::Io(e) = &err
        && e.kind() != std::io::ErrorKind::UnexpectedEof
    {
        return ArchiveError::Io(std::io::Error::new(e.kind(), e.to_string()));
    }
    let Ok(mut view) = Slice::range(shared.clone(), base, len) else {
        return ArchiveError::Truncated;
    };
    let mut magic = [0u8; 4];
    if len < 4 || view.read_at(0, &mut magic).is_err() {
        return ArchiveError::NotAZip;
    }
    // Local header, empty archive, or spanned-archive marker.
    let zip_start = [b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"].contains(&&magic);
    if !zip_start {
        return ArchiveError::NotAZip;
    }
    // The end record sits in the last 64 KiB + 22 bytes; without it the file was cut short.
    let tail_len = len.min(65_557);
    let mut tail = vec![0u8; usize::try_from(tail_len).unwrap_or(0)];
    if view.read_at(len - tail_len, &mut tail).is_err() {
        return ArchiveError::Truncated;
    }
    // No end record, or one cut short (it is 22 bytes before the comment).
    match tail.windows(4).rposition(|w| w == b"PK\x05\x06") {
        Some(at) if at + 22 <= tail.len() => {}
        _ => return ArchiveError::Truncated,
    }
    match err {
        ZipError::Io(_) => ArchiveError::Truncated,
        other => ArchiveError::Corrupt(other.to_string()),
    }
}

/// Method id as stored in the ZIP.
#[allow(deprecated)] // `to_u16` is the only public way to get the raw id back.
pub(crate) fn method_id(m: CompressionMethod) -> u16 {
    m.to_u16()
}

impl Compression {
    pub(crate) fn from_id(id: u16) -> Self {
        match id {
            0 => Self::Stored,
            8 => Self::Deflated,
            other => Self::Other(other),
        }
    }
}

/// List the files of an open ZIP from its central directory (no further reads).
pub(crate) fn list(zip: &Zip) -> Vec<RawEntry> {
    let mut out = Vec::with_capacity(zip.len());
    for index in 0..zip.len() {
        let Ok(e) = zip.by_index_data(index) else {
            continue;
        };
        let name = match e.name() {
            Ok(n) => normalize(&n),
            Err(_) => normalize(&String::from_utf8_lossy(e.name_raw())),
        };
        let Some(name) = name else { continue };
        out.push(RawEntry {
            name,
            index,
            size: e.size(),
            compressed_size: e.compressed_size(),
            method: method_id(e.compression()),
            encrypted: e.encrypted(),
            crc32: Some(e.crc32()),
            header_start: e.header_start(),
        });
    }
    out
}

/// Absolute offset of an entry's data in the part: one 30-byte read of its local header.
pub(crate) fn data_offset(
    direct: &mut Slice,
    base: u64,
    e: &RawEntry,
    path: &str,
) -> Result<u64, ArchiveError> {
    let header = base
        .checked_add(e.header_start)
        .ok_or_else(|| ArchiveError::Corrupt("entry offset out of range".into()))?;
    let mut h = [0u8; 30];
    direct.read_at(header, &mut h)?;
    if h.get(..4) != Some(b"PK\x03\x04".as_slice()) {
        return Err(ArchiveError::Corrupt(format!(
            "no local header for “{path}”"
        )));
    }
    let le16 = |i: usize| u64::from(u16::from_le_bytes([h[i], h[i + 1]]));
    let data = header + 30 + le16(26) + le16(28);
    match data.checked_add(e.compressed_size) {
        Some(end) if end <= direct.len() => Ok(data),
        _ => Err(ArchiveError::Truncated),
    }
}

/// Inflate one ZIP entry into memory, at most `limit` bytes, checking size and CRC.
pub(crate) fn read_zip_entry(
    zip: &mut Zip,
    e: &RawEntry,
    path: &str,
    limit: u64,
) -> Result<Vec<u8>, ArchiveError> {
    let declared = e.size;
    let mut file = zip
        .by_index(e.index)
        .map_err(|err| entry_error(err, path))?;
    // The declared size is already within `limit`; the zip crate also stops at the declared
    // size, and `take` is the last line of defence should either promise be broken.
    let cap = usize::try_from(declared.min(limit).min(64 << 20)).unwrap_or(0);
    let mut out = Vec::with_capacity(cap);
    let read = (&mut file)
        .take(limit.saturating_add(1))
        .read_to_end(&mut out);
    if let Err(io) = read {
        let msg = io.to_string();
        return Err(if msg.contains("larger than its declared") {
            ArchiveError::Bomb {
                path: path.to_owned(),
                declared,
            }
        } else if msg.contains("checksum") {
            ArchiveError::Corrupt(format!("“{path}” fails its checksum"))
        } else if io.kind() == std::io::ErrorKind::UnexpectedEof {
            ArchiveError::Truncated
        } else {
            ArchiveError::Corrupt(format!("“{path}”: {msg}"))
        });
    }
    let got = out.len() as u64;
    if got > limit || got > declared {
        return Err(ArchiveError::Bomb {
            path: path.to_owned(),
            declared,
        });
    }
    if got != declared {
        return Err(ArchiveError::Corrupt(format!(
            "“{}” is shorter than it says",
            path
        )));
    }
    Ok(out)
}

/// The first `n` bytes of an entry, inflating no more than needed (to sniff a media type).
pub(crate) fn read_zip_head(
    zip: &mut Zip,
    e: &RawEntry,
    path: &str,
    n: usize,
) -> Result<Vec<u8>, ArchiveError> {
    let file = zip
        .by_index(e.index)
        .map_err(|err| entry_error(err, path))?;
    let mut out = Vec::with_capacity(n);
    file.take(n as u64)
        .read_to_end(&mut out)
        .map_err(|io| ArchiveError::Corrupt(format!("“{path}”: {io}")))?;
    Ok(out)
}

/// The first `n` bytes of a loose file (fewer if it is shorter).
pub(crate) fn read_loose_head(file: &mut LooseFile, n: usize) -> Result<Vec<u8>, ArchiveError> {
    let len = usize::try_from(file.source.len())
        .unwrap_or(usize::MAX)
        .min(n);
    let mut out = vec![0u8; len];
    file.source.read_at(0, &mut out)?;
    Ok(out)
}

fn entry_error(err: ZipError, path: &str) -> ArchiveError {
    match err {
        ZipError::Io(io) => ArchiveError::from(io),
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) | ZipError::InvalidPassword => {
            ArchiveError::Encrypted(path.to_owned())
        }
        ZipError::CompressionMethodNotSupported(method) => ArchiveError::UnsupportedCompression {
            path: path.to_owned(),
            method,
        },
        other => ArchiveError::Corrupt(other.to_string()),
    }
}

/// Read a whole loose file, refusing more than `limit` bytes.
pub(crate) fn read_loose(
    file: &mut LooseFile,
    path: &str,
    limit: u64,
) -> Result<Vec<u8>, ArchiveError> {
    let size = file.source.len();
    if size > limit {
        return Err(ArchiveError::TooLarge {
            path: path.to_owned(),
            size,
            limit,
        });
    }
    let n = usize::try_from(size).map_err(|_| ArchiveError::TooLarge {
        path: path.to_owned(),
        size,
        limit,
    })?;
    let mut out = vec![0u8; n];
    file.source.read_at(0, &mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// End records only: `ZIP64 end record, locator, end record` after `pad` bytes.
    fn zip64_tail(pad: usize, directory: u64) -> Vec<u8> {
        let mut bytes = vec![0u8; pad];
        let record = bytes.len() as u64;
        bytes.extend(b"PK\x06\x06");
        bytes.extend([0u8; 28]);
        bytes.extend(1u64.to_le_bytes());
        bytes.extend([0u8; 8]);
        bytes.extend(directory.to_le_bytes());
        bytes.extend(b"PK\x06\x07");
        bytes.extend([0u8; 4]);
        bytes.extend(record.to_le_bytes());
        bytes.extend([1, 0, 0, 0]);
        bytes.extend(b"PK\x05\x06");
        bytes.extend([0xff; 18]);
        bytes
    }

    fn directory_start(source: &mut impl RandomAccess) -> Option<u64> {
        directory_info(source).map(|d| d.start)
    }

    #[test]
    fn directory_start_from_end_records() {
        let mut plain = vec![0u8; 100];
        plain.extend(b"PK\x05\x06");
        plain.extend([0u8; 12]);
        plain.extend(40u32.to_le_bytes());
        plain.extend([0u8; 2]);
        assert_eq!(directory_start(&mut plain), Some(40));
        // ZIP64, with the ZIP64 record beyond the 64 KiB tail.
        assert_eq!(directory_start(&mut zip64_tail(100, 7)), Some(7));
        assert_eq!(
            directory_start(&mut zip64_tail(70_000, 69_000)),
            Some(69_000)
        );
        // Nonsense is no hint.
        assert_eq!(directory_start(&mut zip64_tail(100, 1 << 40)), None);
        assert_eq!(directory_start(&mut b"PK\x05\x06".to_vec()), None);
        assert_eq!(directory_start(&mut Vec::new()), None);
    }

    #[test]
    fn impossible_counts_are_no_hint() {
        let record = |count: u16| {
            let mut b = vec![0u8; 100];
            b.extend(b"PK\x05\x06");
            b.extend([0u8; 6]);
            b.extend(count.to_le_bytes());
            b.extend([0u8; 4]);
            b.extend(10u32.to_le_bytes());
            b.extend([0u8; 2]);
            b
        };
        // 112 bytes from the start to the end hold two 46-byte records at most.
        let two = directory_info(&mut record(2));
        assert_eq!(
            two,
            Some(Directory {
                start: 10,
                entries: 2
            })
        );
        assert_eq!(directory_info(&mut record(3)), None);
        assert_eq!(directory_info(&mut record(u16::MAX)), None);
    }
}
