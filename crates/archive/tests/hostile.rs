//! The hostile corpus (`keepsake_fixtures::hostile`): every case opens or fails in bounded
//! work. Bounds are structural (volumes opened, bytes read, problems listed), never
//! wall-clock; `cargo xtask bench` can time the same cases.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::Counting;
use keepsake_archive::catalog::count_all;
use keepsake_archive::model::OwnerSource;
use keepsake_archive::parse::{FILE_PROBLEMS, FILE_ROWS, MAX_CONTAINERS};
use keepsake_archive::{Archive, ArchiveError, Export, PartInfo, Problem, RandomAccess};
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
    // Each case is built by its own test below; this only checks the table.
    let names: Vec<&str> = hostile::names().collect();
    let unique: std::collections::HashSet<&&str> = names.iter().collect();
    assert_eq!(unique.len(), names.len());
    assert!(
        names
            .iter()
            .all(|n| hostile::expectation(n).is_some_and(|e| !e.is_empty()))
    );
    let small = hostile::case("truncated_part").unwrap();
    assert_eq!(small.name, "truncated_part");
    assert!(!small.input.is_empty());
    assert!(hostile::case("nope").is_none() && hostile::expectation("nope").is_none());
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
fn one_media_json_per_part_is_read() {
    let mut export = export_of("same_path_media_json");
    let posts = export.posts(keepsake_archive::model::PostKind::Post);
    let mine = about(&posts.problems, "media.json");
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert!(mine[0].contains("not valid JSON"), "{}", mine[0]);
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

#[test]
fn a_thread_of_thousands_of_folders_reads_every_folder() {
    let mut export = export_of("one_thread_many_folders");
    let inbox = export.inbox().value.clone();
    assert_eq!(inbox.threads.len(), 1);
    let summary = &inbox.threads[0];
    assert_eq!(summary.merged_folders.len(), 1_999);
    let thread = export.thread(&summary.id).unwrap();
    assert!(thread.problems.is_empty(), "{:?}", thread.problems.first());
    assert_eq!(thread.value.messages.len(), 2_000);
}

#[test]
fn one_legacy_conversation_is_read_alone() {
    let mut export = export_of("legacy_conversations");
    let inbox = export.inbox().clone();
    assert_eq!(inbox.value.threads.len(), 2_000);
    let id = inbox.value.threads[0].id.clone();
    let thread = export.thread(&id).unwrap();
    assert_eq!(thread.value.messages.len(), 1);
    // Each conversation has one unreadable message: one problem means one conversation
    // was converted, not all 2,000 again.
    assert_eq!(thread.problems.len(), 1, "{:?}", thread.problems);
    assert_eq!(thread.problems[0].message, "1 messages could not be read");
}

#[test]
fn the_catalog_reads_each_thread_once() {
    let mut export = export_of("many_threads");
    let c = count_all(&mut export).value;
    assert_eq!(c.counts.get("threads"), Some(&10_000));
    assert_eq!(c.counts.get("messages"), Some(&11_000));
    assert_eq!(c.thread_messages.len(), 10_000);
    let mut legacy = export_of("legacy_conversations");
    let c = count_all(&mut legacy);
    assert_eq!(c.value.counts.get("messages"), Some(&2_000));
    // Every conversation has one bad message: the inbox lists 25 of its 2,000 (one file),
    // then each thread read converts its own conversation once.
    let bad = c
        .problems
        .iter()
        .filter(|p| p.message == "1 messages could not be read");
    assert_eq!(bad.count(), FILE_PROBLEMS + 2_000);
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
    // Opened in order: middle_0 and its 16 exports, middle_1 and 14 of its, then the
    // cap; what was opened is in the tree.
    let middles: Vec<&str> = info
        .nested
        .iter()
        .map(String::as_str)
        .filter(|n| n.starts_with("middle_"))
        .collect();
    assert_eq!(middles, ["middle_0.zip", "middle_1.zip"]);
    assert!(a.entries().iter().any(|e| e.path == "tag.txt"));
    assert!(a.entry("middle_2.zip").is_some(), "left as a plain file");
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

/// The problems about `path`.
fn about<'p>(problems: &'p [Problem], path: &str) -> Vec<&'p str> {
    problems
        .iter()
        .filter(|p| p.path == path)
        .map(|p| p.message.as_str())
        .collect()
}

// Finding 3: one problem per bad row, and every row kept, made 31 MiB cost a gigabyte.
#[test]
fn repetitive_bad_rows_cost_a_bounded_list_of_problems() {
    let mut export = export_of("repetitive_rows");
    let rel = export.relations();
    let mine = about(&rel.problems, hostile::BAD_ROWS_FILE);
    assert!(mine.len() <= FILE_PROBLEMS + 1, "{} problems", mine.len());
    assert!(
        mine.iter().any(|m| m.contains("duplicate field")),
        "{mine:#?}"
    );
    let more = mine
        .iter()
        .find(|m| m.contains("more rows could not be read"));
    let expected = format!("… and {} more rows could not be read", FILE_ROWS - 20);
    assert_eq!(more.copied(), Some(expected.as_str()));
    // Past the first FILE_ROWS rows nothing is parsed, only counted.
    assert!(mine.iter().any(|m| m.contains("more rows were not read")));
    followers_usable(&mut export);
}

/// The case's one problem about its relations file, which must contain `expected`; the
/// followers next to it still read.
fn refused_with(name: &str, expected: &str) {
    let mut export = export_of(name);
    let rel = export.relations();
    let mine = about(&rel.problems, hostile::BAD_ROWS_FILE);
    assert_eq!(mine.len(), 1, "{name}: {mine:?}");
    assert!(mine[0].contains(expected), "{name}: {}", mine[0]);
    followers_usable(&mut export);
}

#[test]
fn a_compression_bomb_is_refused_by_its_ratio() {
    refused_with("compression_bomb", "more than 200 times its packed size");
}

#[test]
fn a_file_of_millions_of_values_is_refused_before_parsing() {
    let expected = format!("more than the {MAX_CONTAINERS} Keepsake reads from one file");
    refused_with("many_containers", &expected);
}

#[test]
fn a_declared_2gb_file_is_refused_without_reading_it() {
    let (a, info, bytes) = open(case("declared_2gb_json"));
    info.unwrap();
    let mut export = Export::new(a);
    let activity = export.activity();
    let mine = about(&activity.problems, hostile::BIG_FILE);
    assert_eq!(mine.len(), 1, "{:?}", activity.problems);
    assert!(mine[0].contains("too large to open here"), "{}", mine[0]);
    followers_usable(&mut export);
    // End records, directory and the small files: never the 2 GB.
    assert!(bytes.get() < 1 << 20, "{} bytes read", bytes.get());
}

/// A two-entry case opened, and the path of its entry that `pick` chooses.
fn two_entries(name: &str, pick: impl Fn(&str) -> bool) -> (Archive, String) {
    let (a, info, _) = open(case(name));
    assert_eq!(info.unwrap().entries, 2);
    let path = a.entries().iter().map(|e| e.path.clone()).find(|p| pick(p));
    (a, path.unwrap())
}

#[test]
fn a_65535_character_name_is_an_entry_like_any_other() {
    let (mut a, long) = two_entries("long_name", |p| p.len() > 60_000);
    assert_eq!(long.len(), 65_535 - hostile::ROOT.len());
    assert_eq!(a.read(&long, 100).unwrap(), b"long");
}

#[test]
fn lying_records_give_a_clear_error() {
    for name in ["lying_zip64", "end_record_outside"] {
        let input = case(name);
        let size = input.len();
        let (_, info, bytes) = open(input);
        let err = info.unwrap_err();
        assert!(
            matches!(err, ArchiveError::Corrupt(_) | ArchiveError::Truncated),
            "{name}: {err:?}"
        );
        assert!(!err.to_string().is_empty());
        assert!(
            bytes.get() < 8 * size + 200_000,
            "{name}: {} bytes read",
            bytes.get()
        );
    }
}

#[test]
fn overlapping_entries_read_their_own_bytes_or_fail() {
    let (mut a, info, _) = open(case("overlapping_entries"));
    assert_eq!(info.unwrap().entries, 3);
    assert_eq!(a.read("a.txt", 100).unwrap(), b"0123456789abcdef");
    // `b` claims a's header with other sizes and `c` starts inside it: each is refused
    // or reads exactly its declared size, never more and never a panic.
    for path in ["b.txt", "c.txt"] {
        let declared = a.entry(path).unwrap().size;
        match a.read(path, 100) {
            Ok(bytes) => assert_eq!(bytes.len() as u64, declared, "{path}"),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
        let _ = a.locate(path);
    }
}

#[test]
fn names_that_are_not_utf8_are_shown_and_readable() {
    let (mut a, bad) = two_entries("invalid_utf8_names", |p| p.starts_with("media/"));
    // Decoded as the ZIP's old code page (the zip crate's fallback): shown, not refused.
    assert!(bad.ends_with("bad.jpg") && !bad.is_ascii(), "{bad}");
    assert_eq!(a.read(&bad, 100).unwrap(), b"\xff\xd8\xffjpeg");
}

#[test]
fn a_truncated_part_is_refused_as_incomplete() {
    let (_, info, _) = open(case("truncated_part"));
    assert!(
        matches!(info, Err(ArchiveError::Truncated)),
        "{:?}",
        info.err()
    );
}
