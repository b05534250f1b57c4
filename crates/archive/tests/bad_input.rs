//! Damaged, hostile and foreign input: each gives its own error, none panics.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use keepsake_archive::{Archive, ArchiveError};

fn open(bytes: Vec<u8>) -> Result<Archive, ArchiveError> {
    let mut a = Archive::new();
    a.add_zip("t.zip", Box::new(bytes))?;
    Ok(a)
}

fn sample() -> Vec<u8> {
    zip_of(
        &[
            (
                "your_instagram_activity/media/posts_1.json",
                b"[1,2,3,4,5,6,7,8]",
            ),
            ("media/posts/202501/a.jpg", &[7u8; 300]),
        ],
        Pack::Deflated,
    )
}

#[test]
fn not_a_zip() {
    for bytes in [
        Vec::new(),
        b"PK".to_vec(),
        b"{\"json\": true}".to_vec(),
        noise(3, 5000),
    ] {
        assert!(matches!(open(bytes), Err(ArchiveError::NotAZip)));
    }
}

#[test]
fn truncated_download() {
    let bytes = sample();
    for cut in [10, bytes.len() / 2, bytes.len() - 10] {
        let r = open(bytes[..cut].to_vec());
        assert!(
            matches!(r, Err(ArchiveError::Truncated)),
            "cut at {cut}: {:?}",
            r.err()
        );
    }
}

#[test]
fn central_directory_cut_out() {
    let mut bytes = sample();
    let cd = central_headers(&bytes)[0];
    // Keep the end record, lose the directory it points to.
    let end = bytes.len() - 22;
    bytes.drain(cd..end);
    let r = open(bytes);
    assert!(matches!(r, Err(ArchiveError::Corrupt(_))), "{:?}", r.err());
}

#[test]
fn encrypted_entries_list_but_do_not_read() {
    let mut bytes = sample();
    for at in central_headers(&bytes) {
        put16(&mut bytes, at + 8, 1);
    }
    let mut a = open(bytes).unwrap();
    assert_eq!(a.entries().len(), 2);
    assert!(a.entries().iter().all(|e| e.encrypted));
    let r = a.read("your_instagram_activity/media/posts_1.json", 1000);
    assert!(matches!(r, Err(ArchiveError::Encrypted(_))));
    assert!(matches!(
        a.locate("media/posts/202501/a.jpg"),
        Err(ArchiveError::Encrypted(_))
    ));
}

#[test]
fn unsupported_compression() {
    let mut bytes = sample();
    for at in central_headers(&bytes) {
        put16(&mut bytes, at + 10, 14); // LZMA
    }
    let mut a = open(bytes).unwrap();
    let r = a.read("your_instagram_activity/media/posts_1.json", 1000);
    assert!(
        matches!(
            r,
            Err(ArchiveError::UnsupportedCompression { method: 14, .. })
        ),
        "{r:?}"
    );
}

#[test]
fn declared_size_over_limit_is_refused() {
    let mut a = open(sample()).unwrap();
    let r = a.read("media/posts/202501/a.jpg", 100);
    assert!(
        matches!(
            r,
            Err(ArchiveError::TooLarge {
                size: 300,
                limit: 100,
                ..
            })
        ),
        "{r:?}"
    );
}

#[test]
fn inflating_past_declared_size_stops() {
    // A bomb: 1 MB of zeros declared as 1 KB.
    let zeros = vec![0u8; 1 << 20];
    let mut bytes = zip_of(&[("content/posts_1.json", &zeros)], Pack::Deflated);
    for at in central_headers(&bytes) {
        put32(&mut bytes, at + 24, 1024);
    }
    for at in local_headers(&bytes) {
        put32(&mut bytes, at + 22, 1024);
    }
    let mut a = open(bytes).unwrap();
    let r = a.read("content/posts_1.json", 1 << 30);
    assert!(
        matches!(r, Err(ArchiveError::Bomb { declared: 1024, .. })),
        "{r:?}"
    );
}

#[test]
fn checksum_mismatch_is_corrupt() {
    let mut bytes = sample();
    let cd = central_headers(&bytes)[0];
    put32(&mut bytes, cd + 16, 0xdead_beef);
    let mut a = open(bytes).unwrap();
    let r = a.read("your_instagram_activity/media/posts_1.json", 1000);
    assert!(matches!(r, Err(ArchiveError::Corrupt(_))), "{r:?}");
}

#[test]
fn errors_read_plainly() {
    let msgs = [
        ArchiveError::NotAZip.to_string(),
        ArchiveError::Truncated.to_string(),
        ArchiveError::Encrypted("a.json".into()).to_string(),
        ArchiveError::DuplicatePart("x.zip".into()).to_string(),
    ];
    assert!(msgs.iter().all(|m| m.ends_with('.') && !m.contains("EOCD")));
}

/// Mutated and random bytes never panic `add_zip`, `read` or `locate`.
#[test]
fn mutations_never_panic() {
    let deadline = Instant::now() + Duration::from_secs(3);
    let bases = [
        sample(),
        zip_of(
            &[("content/a.json", b"{}"), ("media.json", b"[]")],
            Pack::Stored64,
        ),
        zip_of(&[("export.zip", &sample())], Pack::Stored),
    ];
    let mut rounds = 0u64;
    'outer: for seed in 1.. {
        for base in &bases {
            if Instant::now() > deadline {
                break 'outer;
            }
            rounds += 1;
            let mut bytes = base.clone();
            let r = noise(seed, 16);
            // Flip a few bytes, biased towards the headers at the end.
            for k in 0..(1 + r[0] % 6) as usize {
                let len = bytes.len();
                let pick = u16::from_le_bytes([r[1 + 2 * k], r[2 + 2 * k]]) as usize;
                let at = if r[15].is_multiple_of(2) {
                    len - 1 - pick % len.min(200)
                } else {
                    pick % len
                };
                bytes[at] = r[13].wrapping_add(k as u8);
            }
            if r[14].is_multiple_of(5) {
                bytes.truncate(bytes.len() - (r[14] as usize % bytes.len()));
            }
            if let Ok(mut a) = open(bytes) {
                let paths: Vec<String> = a.entries().iter().map(|e| e.path.clone()).collect();
                for p in paths {
                    let _ = a.read(&p, 1 << 20);
                    let _ = a.locate(&p);
                }
            }
            let _ = open(noise(seed, (seed % 300) as usize));
        }
    }
    assert!(rounds > 100);
}
