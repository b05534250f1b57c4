//! The ZIP index: sources, read counts, prefixes, multi-part merge, ZIP64, locate, nesting.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Read;

use common::*;
use keepsake_archive::{Archive, ArchiveError, Compression, FileSource, PartKind};

const EC: &str = "instagram-jane-2025-06-13-Ab3dEf9Z/";

#[test]
fn vec_source_index_and_read() {
    let bytes = zip_of(
        &[
            ("your_instagram_activity/media/posts_1.json", b"[1,2,3]"),
            ("media/posts/202501/a.jpg", b"\xff\xd8\xffjpeg"),
            ("media/", b""),
        ],
        Pack::Deflated,
    );
    let mut a = Archive::new();
    let info = a.add_zip("x.zip", Box::new(bytes)).unwrap();
    assert_eq!(info.entries, 2, "the folder entry is not a file");
    assert_eq!(info.kind, PartKind::Zip);
    let paths: Vec<&str> = a.entries().iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "media/posts/202501/a.jpg",
            "your_instagram_activity/media/posts_1.json"
        ]
    );
    let e = a
        .entry("your_instagram_activity/media/posts_1.json")
        .unwrap();
    assert_eq!(
        (e.size, e.compression, e.part),
        (7, Compression::Deflated, 0)
    );
    assert_eq!(
        a.read("your_instagram_activity/media/posts_1.json", 1 << 20)
            .unwrap(),
        b"[1,2,3]"
    );
    assert!(matches!(
        a.read("nope.json", 10),
        Err(ArchiveError::NotFound(_))
    ));
    assert_eq!(a.entries_under("media/").len(), 1);
}

#[test]
fn file_source() {
    let bytes = zip_of(&[("content/posts_1.json", b"{\"a\":1}")], Pack::Stored);
    let path =
        std::env::temp_dir().join(format!("keepsake-archive-test-{}.zip", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    let src = FileSource::open(&path).unwrap();
    let mut a = Archive::new();
    a.add_zip("x.zip", Box::new(src)).unwrap();
    assert_eq!(a.read("content/posts_1.json", 100).unwrap(), b"{\"a\":1}");
    std::fs::remove_file(&path).ok();
}

#[test]
fn opening_10k_entries_takes_few_reads() {
    let names: Vec<String> = (0..10_000)
        .map(|i| format!("{EC}your_instagram_activity/messages/inbox/friend_{i}/message_1.json"))
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let bytes = zip_names(&refs);
    let total = bytes.len() as u64;
    let (src, calls, read_bytes) = Counting::new(bytes);
    let mut a = Archive::new();
    let info = a.add_zip("big.zip", Box::new(src)).unwrap();
    assert_eq!(info.entries, 10_000);
    assert_eq!(info.root_prefix, EC);
    // The central directory is ~1 MB: read in one go, after the end records.
    eprintln!(
        "open: {} read_at calls, {} bytes of {total}",
        calls.get(),
        read_bytes.get()
    );
    assert!(calls.get() <= 3, "{} read_at calls", calls.get());
    assert!(
        read_bytes.get() < total,
        "read {} of {total} bytes",
        read_bytes.get()
    );
    // Reading one small entry costs one more window at most; locating one costs one read.
    let before = calls.get();
    a.read(
        "your_instagram_activity/messages/inbox/friend_5000/message_1.json",
        100,
    )
    .unwrap();
    assert!(calls.get() - before <= 2);
    let before = calls.get();
    a.locate("your_instagram_activity/messages/inbox/friend_7/message_1.json")
        .unwrap();
    assert_eq!(calls.get() - before, 1);
}

#[test]
fn prefix_kinds_are_stripped() {
    let cases = [
        ("", "your_instagram_activity/content/posts_1.json"),
        (EC, "your_instagram_activity/content/posts_1.json"),
        (
            "meta-2026-Jan-02-10-11-12/instagram-jane-2026-01-02-Zz9/",
            "personal_information/personal_information/personal_information.json",
        ),
        (
            "Takeout/instagram-jane-2025-02-14-Qq1/",
            "connections/followers_and_following/following.json",
        ),
        ("jane_20200316/", "media.json"),
        (
            "instagram-jane-20220901/",
            "personal_information/personal_information.json",
        ),
    ];
    for (prefix, marker) in cases {
        let full = format!("{prefix}{marker}");
        let photo = format!("{prefix}media/posts/202001/p.jpg");
        let a = archive_of(vec![zip_names(&[&full, &photo])]);
        assert_eq!(a.root_prefix(), prefix, "{full}");
        assert!(a.entry(marker).is_some(), "{full}");
        assert!(a.entry("media/posts/202001/p.jpg").is_some(), "{full}");
        assert_eq!(a.parts()[0].root_prefix, prefix);
    }
}

#[test]
fn combined_meta_archive_keeps_instagram_only() {
    let a = archive_of(vec![zip_names(&[
        "meta-2026-Jan-02/facebook-jane-2026-01-02-F1/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
        "meta-2026-Jan-02/facebook-jane-2026-01-02-F1/personal_information/profile_information/profile_information.json",
        "meta-2026-Jan-02/instagram-jane-2026-01-02-I1/your_instagram_activity/media/posts_1.json",
        "meta-2026-Jan-02/README.txt",
    ])]);
    assert_eq!(
        a.root_prefix(),
        "meta-2026-Jan-02/instagram-jane-2026-01-02-I1/"
    );
    let paths: Vec<&str> = a.entries().iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "meta-2026-Jan-02/README.txt",
            "your_instagram_activity/media/posts_1.json"
        ]
    );
    assert!(a.has_facebook());
    assert_eq!(
        a.other_exports(),
        ["meta-2026-Jan-02/facebook-jane-2026-01-02-F1/"]
    );
}

#[test]
fn multi_part_merge_and_duplicates() {
    let p1 = zip_of(
        &[
            (
                &format!("{EC}your_instagram_activity/media/posts_1.json"),
                b"[1]",
            ),
            (
                &format!("{EC}personal_information/personal_information/personal_information.json"),
                b"{}",
            ),
            (&format!("{EC}media/posts/202501/a.jpg"), b"AAAA"),
            (
                &format!("{EC}your_instagram_activity/likes/liked_posts.json"),
                b"first",
            ),
        ],
        Pack::Deflated,
    );
    // Part 2 has no marker of its own: the root is borrowed from part 1.
    let p2 = zip_of(
        &[
            (&format!("{EC}media/posts/202501/a.jpg"), b"AAAA"),
            (&format!("{EC}media/posts/202502/b.jpg"), b"BBBB"),
            (
                &format!("{EC}your_instagram_activity/likes/liked_posts.json"),
                b"second!",
            ),
        ],
        Pack::Stored,
    );
    let mut a = archive_of(vec![p1, p2]);
    assert_eq!(a.parts().len(), 2);
    assert_eq!(a.parts()[1].root_prefix, EC);
    let paths: Vec<&str> = a.entries().iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "media/posts/202501/a.jpg",
            "media/posts/202502/b.jpg",
            "personal_information/personal_information/personal_information.json",
            "your_instagram_activity/likes/liked_posts.json",
            "your_instagram_activity/media/posts_1.json",
        ]
    );
    assert_eq!(
        a.entry("media/posts/202501/a.jpg").unwrap().part,
        0,
        "first copy wins"
    );
    assert_eq!(a.entry("media/posts/202502/b.jpg").unwrap().part, 1);
    assert_eq!(a.duplicates().len(), 1);
    let versions: Vec<_> = a
        .versions("your_instagram_activity/likes/liked_posts.json")
        .into_iter()
        .cloned()
        .collect();
    assert_eq!(versions.len(), 2);
    assert_eq!(a.read_entry(&versions[0], 100).unwrap(), b"first");
    assert_eq!(a.read_entry(&versions[1], 100).unwrap(), b"second!");
    assert_eq!(a.read("media/posts/202502/b.jpg", 100).unwrap(), b"BBBB");
}

#[test]
fn media_only_part_with_wrapper_folder() {
    let a = archive_of(vec![zip_names(&[
        "instagram-jane-2025-06-13-X/media/posts/202501/a.jpg",
    ])]);
    assert_eq!(a.root_prefix(), "instagram-jane-2025-06-13-X/");
    assert!(a.entry("media/posts/202501/a.jpg").is_some());
}

#[test]
fn same_part_twice_is_refused() {
    let bytes = zip_names(&["your_instagram_activity/media/posts_1.json"]);
    let mut a = Archive::new();
    a.add_zip("a.zip", Box::new(bytes.clone())).unwrap();
    assert!(matches!(
        a.add_zip("a.zip", Box::new(bytes.clone())),
        Err(ArchiveError::DuplicatePart(_))
    ));
    assert!(matches!(
        a.add_zip("copy of a.zip", Box::new(bytes)),
        Err(ArchiveError::DuplicatePart(_))
    ));
    assert_eq!(a.parts().len(), 1);
    // A failed part leaves the others usable.
    assert!(a.add_zip("junk.zip", Box::new(b"hello".to_vec())).is_err());
    assert_eq!(a.parts().len(), 1);
    assert_eq!(a.entries().len(), 1);
}

#[test]
fn forced_zip64() {
    let data: Vec<u8> = (0..5000u32).map(|i| (i % 7) as u8).collect();
    for pack in [Pack::Stored64, Pack::Deflated64] {
        let bytes = zip_of(
            &[("content/posts_1.json", &data), ("media.json", b"[]")],
            pack,
        );
        let mut a = Archive::new();
        a.add_zip("z64.zip", Box::new(bytes.clone())).unwrap();
        assert_eq!(a.read("content/posts_1.json", 1 << 20).unwrap(), data);
        let loc = a.locate("content/posts_1.json").unwrap();
        let raw = &bytes[loc.offset as usize..(loc.offset + loc.compressed_size) as usize];
        assert_eq!(inflate_if_needed(raw, loc.compression), data);
    }
}

fn inflate_if_needed(raw: &[u8], c: Compression) -> Vec<u8> {
    match c {
        Compression::Stored => raw.to_vec(),
        Compression::Deflated => {
            let mut out = Vec::new();
            flate2::read::DeflateDecoder::new(raw)
                .read_to_end(&mut out)
                .unwrap();
            out
        }
        Compression::Other(m) => panic!("method {m}"),
    }
}

#[test]
fn locate_stored_and_deflated() {
    let text = b"hello hello hello hello hello hello hello".repeat(50);
    for pack in [Pack::Stored, Pack::Deflated] {
        let bytes = zip_of(
            &[("media/posts/a.jpg", &text), ("content/x.json", b"{}")],
            pack,
        );
        let mut a = Archive::new();
        a.add_zip("p.zip", Box::new(bytes.clone())).unwrap();
        let loc = a.locate("media/posts/a.jpg").unwrap();
        assert_eq!(loc.part, 0);
        assert_eq!(loc.size, text.len() as u64);
        assert_eq!(loc.source_path, None);
        let raw = &bytes[loc.offset as usize..(loc.offset + loc.compressed_size) as usize];
        if pack == Pack::Stored {
            assert_eq!(loc.compression, Compression::Stored);
            assert_eq!(raw, &text[..]);
        } else {
            assert_eq!(loc.compression, Compression::Deflated);
            assert!(loc.compressed_size < loc.size);
            assert_eq!(inflate_if_needed(raw, loc.compression), text);
        }
    }
}

#[test]
fn nested_stored_zip_is_opened_in_place() {
    let inner = zip_of(
        &[
            (
                &format!("{EC}your_instagram_activity/media/posts_1.json"),
                b"[42]",
            ),
            (&format!("{EC}media/posts/202501/a.jpg"), b"JPEGDATA"),
        ],
        Pack::Stored,
    );
    let outer = zip_of(
        &[("readme.txt", b"hi"), ("export.zip", &inner)],
        Pack::Stored,
    );
    let mut a = Archive::new();
    let info = a.add_zip("drive.zip", Box::new(outer.clone())).unwrap();
    assert_eq!(info.nested, ["export.zip"]);
    assert_eq!(info.root_prefix, EC);
    assert!(
        a.entry("export.zip").is_none(),
        "the container is replaced by its content"
    );
    assert!(a.entry("readme.txt").is_some());
    assert_eq!(
        a.read("your_instagram_activity/media/posts_1.json", 100)
            .unwrap(),
        b"[42]"
    );
    let loc = a.locate("media/posts/202501/a.jpg").unwrap();
    assert_eq!(
        &outer[loc.offset as usize..(loc.offset + loc.size) as usize],
        b"JPEGDATA"
    );
}

#[test]
fn deflated_nested_zip_gets_a_note() {
    let inner = zip_names(&["your_instagram_activity/media/posts_1.json"]);
    let outer = zip_of(&[("export.zip", &inner)], Pack::Deflated);
    let mut a = Archive::new();
    let info = a.add_zip("drive.zip", Box::new(outer)).unwrap();
    assert!(info.nested.is_empty());
    assert_eq!(info.notes.len(), 1);
    assert!(a.entry("export.zip").is_some());
}

#[test]
fn loose_files_form_a_folder_part() {
    let mut a = Archive::new();
    a.add_loose_file(
        &format!("{EC}your_instagram_activity/media/posts_1.json"),
        Box::new(b"[7]".to_vec()),
    )
    .unwrap();
    a.add_loose_file(
        &format!("{EC}media/posts/202501/a.jpg"),
        Box::new(b"IMG".to_vec()),
    )
    .unwrap();
    a.add_loose_file("__MACOSX/._x", Box::new(vec![0])).unwrap();
    assert!(matches!(
        a.add_loose_file(&format!("{EC}media/posts/202501/a.jpg"), Box::new(vec![])),
        Err(ArchiveError::DuplicatePart(_))
    ));
    assert_eq!(a.parts().len(), 1);
    assert_eq!(a.parts()[0].kind, PartKind::Folder);
    assert_eq!(a.parts()[0].entries, 2);
    assert_eq!(a.root_prefix(), EC);
    assert_eq!(
        a.read("your_instagram_activity/media/posts_1.json", 10)
            .unwrap(),
        b"[7]"
    );
    let loc = a.locate("media/posts/202501/a.jpg").unwrap();
    assert_eq!(loc.offset, 0);
    assert_eq!(
        loc.source_path.as_deref(),
        Some(format!("{EC}media/posts/202501/a.jpg").as_str())
    );
    assert!(matches!(
        a.read("your_instagram_activity/media/posts_1.json", 2),
        Err(ArchiveError::TooLarge { .. })
    ));
}

#[test]
fn entries_travel_as_json() {
    let a = archive_of(vec![zip_names(&["content/posts_1.json"])]);
    let json = serde_json::to_string(&a.entries()[0]).unwrap();
    let back: keepsake_archive::Entry = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, &a.entries()[0]);
    serde_json::to_string(&a.parts()).unwrap();
}

#[test]
fn facebook_part_next_to_instagram_is_left_out() {
    let a = archive_of(vec![
        zip_names(&["your_instagram_activity/media/posts_1.json"]),
        zip_names(&["facebook-jane-1/your_facebook_activity/posts/a.json"]),
    ]);
    assert_eq!(a.entries().len(), 1);
    assert!(a.has_facebook());
    assert_eq!(a.other_exports(), ["part1.zip: facebook-jane-1/"]);
}
