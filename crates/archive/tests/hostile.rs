//! The hostile corpus (`keepsake_fixtures::hostile`): every case opens or fails in bounded
//! work. Bounds are structural (volumes opened, bytes read, problems listed), never
//! wall-clock; `cargo xtask bench` can time the same cases.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::Counting;
use keepsake_archive::model::OwnerSource;
use keepsake_archive::{Archive, ArchiveError, Export, PartInfo, RandomAccess};
use keepsake_fixtures::hostile::{self, Input, Sparse};

/// A sparse case as a source, counting the bytes read.
struct SparseSource {
    sparse: Sparse,
    bytes: Rc<Cell<u64>>,
}

impl RandomAccess for SparseSource {
    fn len(&self) -> u64 {
        self.sparse.len
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> std::io::Result<()> {
        self.bytes.set(self.bytes.get() + buf.len() as u64);
        if self.sparse.read_at(offset, buf) {
            Ok(())
        } else {
            Err(std::io::ErrorKind::UnexpectedEof.into())
        }
    }
}

/// An archive with `input` added as one part, the part's result, and the bytes read.
fn open(input: Input) -> (Archive, Result<PartInfo, ArchiveError>, Rc<Cell<u64>>) {
    let (source, bytes): (Box<dyn RandomAccess>, _) = match input {
        Input::Bytes(b) => {
            let (src, _, bytes) = Counting::new(b);
            (Box::new(src), bytes)
        }
        Input::Sparse(sparse) => {
            let bytes = Rc::new(Cell::new(0));
            let src = SparseSource {
                sparse,
                bytes: bytes.clone(),
            };
            (Box::new(src), bytes)
        }
    };
    let mut a = Archive::new();
    let info = a.add_zip("hostile.zip", source);
    (a, info, bytes)
}

fn case(name: &str) -> Input {
    hostile::case(name).expect("a known case").input
}

/// The case opened as an export (the part must open).
fn export_of(name: &str) -> Export {
    let (a, info, _) = open(case(name));
    info.unwrap();
    Export::new(a)
}

/// The followers file next to the hostile one still reads.
fn followers_usable(export: &mut Export) {
    let rel = export.relations();
    let followers = rel.value.lists.iter().map(|l| l.items.len()).max();
    assert!(followers >= Some(3), "followers still read: {followers:?}");
}

#[test]
fn every_case_is_named_and_described() {
    for name in hostile::NAMES {
        let c = hostile::case(name).expect("every listed name builds");
        assert_eq!(c.name, *name);
        assert!(!c.expect.is_empty() && !c.input.is_empty());
    }
    assert!(hostile::case("nope").is_none());
}

// Finding 4: names that normalise to one path were compared pairwise.
#[test]
fn same_path_spellings_are_one_entry_plus_duplicates() {
    let (mut a, info, _) = open(case("same_path_names"));
    assert_eq!(info.unwrap().entries, 40_000);
    assert_eq!(a.entries().len(), 1);
    // Every copy has other bytes (distinct CRCs), so each is a listed duplicate.
    assert_eq!(a.duplicates().len(), 39_999);
    assert_eq!(a.versions("x").len(), 40_000);
    assert_eq!(a.read("x", 100).unwrap(), 0u32.to_le_bytes());
    let last = a.versions("x").last().map(|e| (*e).clone()).unwrap();
    assert_eq!(a.read_entry(&last, 100).unwrap().len(), 4);
}

#[test]
fn same_copies_of_one_path_are_kept_once() {
    // Same bytes under many spellings: one entry, no duplicates.
    let mut z = hostile::RawZip::new();
    let header = z.stored(b"x", b"same");
    for i in 1..5_000 {
        z.list(hostile::same_path_name(i).as_bytes(), header, b"same", 0);
    }
    let (a, info, _) = open(Input::Bytes(z.finish()));
    assert_eq!(info.unwrap().entries, 5_000);
    assert_eq!(a.entries().len(), 1);
    assert!(a.duplicates().is_empty());
}

// Finding 6: threads were merged by scanning all earlier threads.
#[test]
fn ten_thousand_threads_merge_in_one_pass() {
    let mut export = export_of("many_threads");
    let inbox = export.inbox();
    assert!(inbox.problems.is_empty(), "{:?}", inbox.problems.first());
    let threads = &inbox.value.threads;
    assert_eq!(threads.len(), 10_000);
    let merged: usize = threads.iter().map(|t| t.merged_folders.len()).sum();
    assert_eq!(merged, 1_000, "every tenth thread has a renamed twin");
    assert_eq!(inbox.value.owner.name.as_deref(), Some("Mallory"));
    assert_eq!(inbox.value.owner.source, OwnerSource::InEveryThread);
    let twin = threads
        .iter()
        .find(|t| t.id.ends_with("/friend20_20"))
        .unwrap();
    assert_eq!(twin.merged_folders, ["inbox/renamed20_20"]);
    assert_eq!(twin.message_count, 2);
}

// Finding 10: `i64::MIN` as a timestamp overflowed `abs`.
#[test]
fn extreme_timestamps_are_read() {
    let mut export = export_of("extreme_timestamps");
    let rel = export.relations();
    let people: usize = rel.value.lists.iter().map(|l| l.items.len()).sum();
    assert_eq!(people, 3 + 4);
    followers_usable(&mut export);
}

/// A nesting case opened, checking that each opened ZIP read its end records and
/// directory only a couple of times (8 times the file in all, for a few small ZIPs).
fn open_nested(name: &str) -> (Archive, PartInfo) {
    let input = case(name);
    let size = input.len();
    let (a, info, bytes) = open(input);
    let read = bytes.get();
    assert!(read < 8 * size, "{name}: {read} bytes read of {size}");
    (a, info.unwrap())
}

// Finding 1: the same inner ZIP was opened once per name that points at it.
#[test]
fn nested_fanout_opens_each_byte_range_once() {
    let (a, info) = open_nested("nested_fanout");
    // The middle ZIP and the export inside it: one volume each, not 16 and 256.
    assert_eq!(info.nested, ["copy_0.zip", "copy_0.zip"]);
    assert!(a.entry(hostile::FOLLOWERS).is_some());
    // The other names for the same bytes stay plain files.
    assert!(a.entry("copy_15.zip").is_some());
}

#[test]
fn nesting_stops_two_levels_down() {
    let (a, info) = open_nested("deep_nesting");
    assert_eq!(info.nested, ["level_10.zip", "level_11.zip"]);
    assert!(a.entry("level_9.zip").is_some());
}

#[test]
fn inner_zips_are_capped_in_all() {
    let (a, info, _) = open(case("distinct_nested"));
    let info = info.unwrap();
    assert_eq!(info.nested.len(), 32);
    assert!(
        info.notes
            .iter()
            .any(|n| n.contains("more ZIPs than Keepsake opens")),
        "{:?}",
        info.notes
    );
    // What was opened is there: 2 middles of 16 leaves each (15 + 1 opened per middle
    // after the first, since the cap counts middles too).
    assert!(a.entries().iter().any(|e| e.path == "tag.txt"));
}

#[test]
fn a_million_entries_are_refused_from_the_end_records() {
    let input = case("million_empty_entries");
    let size = input.len();
    let (_, info, bytes) = open(input);
    let err = info.unwrap_err();
    assert!(
        matches!(
            err,
            ArchiveError::TooManyFiles {
                entries: 1_000_000,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("more files than Keepsake can open")
    );
    // The end records only: not the 50 MB directory.
    assert!(
        bytes.get() < 200_000,
        "{} bytes read of {size}",
        bytes.get()
    );
}
