//! Helpers shared by the integration tests: tiny ZIPs written with the zip crate, a source
//! that counts reads, and byte patches for damaged archives.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod exports;

use std::cell::Cell;
use std::io::{Cursor, Write};
use std::rc::Rc;

use keepsake_archive::{Archive, RandomAccess};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// How to pack one test entry.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Pack {
    Stored,
    Deflated,
    /// Stored with forced ZIP64 records.
    Stored64,
    Deflated64,
}

/// A ZIP of `(name, bytes)` with every entry packed as `pack`.
pub fn zip_of(files: &[(&str, &[u8])], pack: Pack) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in files {
        let method = match pack {
            Pack::Stored | Pack::Stored64 => CompressionMethod::Stored,
            Pack::Deflated | Pack::Deflated64 => CompressionMethod::Deflated,
        };
        let opts = SimpleFileOptions::default()
            .compression_method(method)
            .large_file(matches!(pack, Pack::Stored64 | Pack::Deflated64));
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A deflated ZIP of names with small JSON bodies.
pub fn zip_names(names: &[&str]) -> Vec<u8> {
    let files: Vec<(&str, &[u8])> = names.iter().map(|n| (*n, b"{}".as_slice())).collect();
    zip_of(&files, Pack::Deflated)
}

/// An archive holding the given ZIPs as parts `part0.zip`, `part1.zip`, ….
pub fn archive_of(parts: Vec<Vec<u8>>) -> Archive {
    let mut a = Archive::new();
    for (i, bytes) in parts.into_iter().enumerate() {
        a.add_zip(&format!("part{i}.zip"), Box::new(bytes)).unwrap();
    }
    a
}

/// A source that counts `read_at` calls and bytes, to check the "never hold the archive" rule.
pub struct Counting {
    pub inner: Vec<u8>,
    pub calls: Rc<Cell<u64>>,
    pub bytes: Rc<Cell<u64>>,
}

impl Counting {
    pub fn new(inner: Vec<u8>) -> (Self, Rc<Cell<u64>>, Rc<Cell<u64>>) {
        let calls = Rc::new(Cell::new(0));
        let bytes = Rc::new(Cell::new(0));
        let me = Self {
            inner,
            calls: calls.clone(),
            bytes: bytes.clone(),
        };
        (me, calls, bytes)
    }
}

impl RandomAccess for Counting {
    fn len(&self) -> u64 {
        self.inner.len() as u64
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> std::io::Result<()> {
        self.calls.set(self.calls.get() + 1);
        self.bytes.set(self.bytes.get() + buf.len() as u64);
        self.inner.read_at(offset, buf)
    }
}

/// Offsets of every central directory header.
pub fn central_headers(zip: &[u8]) -> Vec<usize> {
    zip.windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"PK\x01\x02")
        .map(|(i, _)| i)
        .collect()
}

/// Offsets of every local header.
pub fn local_headers(zip: &[u8]) -> Vec<usize> {
    zip.windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"PK\x03\x04")
        .map(|(i, _)| i)
        .collect()
}

pub fn put16(b: &mut [u8], at: usize, v: u16) {
    b[at..at + 2].copy_from_slice(&v.to_le_bytes());
}

pub fn put32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

/// Pseudo-random bytes (xorshift), deterministic across runs.
pub fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}
