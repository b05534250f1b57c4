//! In a real dedicated worker: the Blob byte source and the worker's engine over it.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;

use js_sys::{Array, Uint8Array};
use keepsake::archive_worker::{BlobSource, Engine, OpenPart};
use keepsake::protocol::PartSource;
use keepsake::sections::Section;
use keepsake_archive::source::RandomAccess;
use wasm_bindgen_test::*;
use web_sys::Blob;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

const MIB: u64 = 1024 * 1024;

fn blob_of(bytes: &[u8]) -> Blob {
    Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(bytes))).unwrap()
}

fn blob_of_blobs(parts: &[Blob]) -> Blob {
    Blob::new_with_blob_sequence(&parts.iter().collect::<Array>()).unwrap()
}

/// One MiB where byte `i` is `i % 251`, so any offset's expected value is computable.
fn pattern() -> Blob {
    let bytes: Vec<u8> = (0..MIB).map(|i| (i % 251) as u8).collect();
    blob_of(&bytes)
}

fn expected(offset: u64) -> u8 {
    ((offset % MIB) % 251) as u8
}

#[wasm_bindgen_test]
fn sequential_and_random_reads_return_the_right_bytes() {
    let mut source = BlobSource::new(pattern());
    assert_eq!(source.len(), MIB);
    let mut buf = [0u8; 4096];
    for chunk in 0..4u64 {
        source.read_at(chunk * 4096, &mut buf).unwrap();
        assert!(
            buf.iter()
                .enumerate()
                .all(|(i, b)| *b == expected(chunk * 4096 + i as u64))
        );
    }
    for offset in [MIB - 7, 12_345, 0, 999_999, 500_000] {
        let mut small = [0u8; 7];
        source.read_at(offset, &mut small).unwrap();
        assert_eq!(small[0], expected(offset), "offset {offset}");
        assert_eq!(small[6], expected(offset + 6), "offset {offset}");
    }
    assert_eq!(source.reads(), 9);
}

#[wasm_bindgen_test]
fn reads_past_the_end_fail_cleanly() {
    let mut source = BlobSource::new(blob_of(b"0123456789"));
    let mut buf = [0u8; 4];
    assert!(source.read_at(8, &mut buf).is_err());
    assert!(source.read_at(u64::MAX - 1, &mut buf).is_err());
    source.read_at(6, &mut buf).unwrap();
    assert_eq!(&buf, b"6789");
    source.read_at(10, &mut []).unwrap();
}

#[wasm_bindgen_test]
fn offsets_above_four_gib_are_exact() {
    // 66 × 64 MiB of pattern, then a marker: a 4.1 GiB Blob made of references, not memory.
    let block = blob_of_blobs(&vec![pattern(); 64]);
    let marker = blob_of(b"KEEPSAKE-END");
    let mut parts = vec![block; 66];
    parts.push(marker);
    let mut source = BlobSource::new(blob_of_blobs(&parts));
    let body = 66 * 64 * MIB;
    assert_eq!(source.len(), body + 12);
    assert!(source.len() > 4 * 1024 * MIB);

    let mut end = [0u8; 12];
    source.read_at(body, &mut end).unwrap();
    assert_eq!(&end, b"KEEPSAKE-END");
    for offset in [
        4 * 1024 * MIB + 3,
        4 * 1024 * MIB + 123_456_789 % MIB,
        body - 5,
    ] {
        let mut one = [0u8; 1];
        source.read_at(offset, &mut one).unwrap();
        assert_eq!(one[0], expected(offset), "offset {offset}");
    }
}

fn export_zip(prefix: &str, files: &[&str]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for path in files {
        writer
            .start_file(format!("{prefix}{path}"), options)
            .unwrap();
        writer.write_all(b"{}").unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[wasm_bindgen_test]
fn the_engine_opens_parts_from_blobs_and_keeps_going_past_a_bad_one() {
    let files = [
        "personal_information/personal_information/personal_information.json",
        "your_instagram_activity/media/posts_1.json",
        "media/posts/202401/17900000000000000.jpg",
        "your_instagram_activity/messages/inbox/alice_123/message_1.json",
        "connections/followers_and_following/followers_1.json",
        "some_new_folder/new_thing_1.json",
    ];
    let good = blob_of(&export_zip("instagram-zoe-2025-01-01-AbCdEf12/", &files));
    let bad = blob_of(b"this is not a zip file at all");
    let parts = vec![
        OpenPart {
            source: PartSource::Zip {
                name: "part-1.zip".into(),
            },
            data: Box::new(BlobSource::new(good)),
        },
        OpenPart {
            source: PartSource::Zip {
                name: "notes.zip".into(),
            },
            data: Box::new(BlobSource::new(bad)),
        },
    ];
    let mut engine = Engine::default();
    let steps = std::cell::RefCell::new(Vec::new());
    let summary = engine.open(parts, &|done, total, _| {
        steps.borrow_mut().push((done, total))
    });

    assert_eq!(summary.entry_count, files.len());
    assert_eq!(summary.root_prefix, "instagram-zoe-2025-01-01-AbCdEf12/");
    assert!(summary.detection.instagram, "{:?}", summary.detection);
    assert!(summary.usable());
    assert_eq!(summary.parts.len(), 2);
    assert!(summary.parts[0].error.is_none());
    assert!(summary.parts[1].error.is_some(), "the bad part says why");
    assert_eq!(summary.count(Section::Posts), 2);
    assert_eq!(summary.count(Section::Messages), 1);
    assert_eq!(summary.count(Section::Connections), 1);
    assert_eq!(summary.count(Section::Profile), 1);
    assert_eq!(summary.count(Section::Other), 1);
    assert_eq!(steps.borrow().last(), Some(&(2, 2)));

    let page = engine.entries("MESSAGE", None, 0, 10);
    assert_eq!(page.total, 1);
    assert_eq!(page.rows[0].path, files[3]);
    let page = engine.entries("", Some(Section::Posts), 1, 10);
    assert_eq!((page.total, page.rows.len()), (2, 1));
}
