//! The search index measured on a generated export with a million bulk messages:
//! build time, bytes against the text indexed, and query latencies. Slow; run it in
//! release when measuring:
//! `cargo test --release -p keepsake-archive --test find_measure -- --ignored --nocapture`
//! (`KEEPSAKE_BULK_MESSAGES` changes the count).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Instant;

use common::exports::{generate, open, spec};
use keepsake_archive::find::measure;
use keepsake_fixtures::Era;

#[test]
#[ignore = "generates a million messages; run in release to measure"]
fn index_a_million_messages() {
    let messages = std::env::var("KEEPSAKE_BULK_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let mut s = spec(Era::MediaMove2025);
    s.name = "find-measure".into();
    s.scale.bulk_messages = messages;
    s.scale.bulk_threads = 200;
    let started = Instant::now();
    let (dir, m) = generate(&s).unwrap();
    eprintln!("generated in {:?}", started.elapsed());
    let mut export = open(&dir, &m);
    let b = &m.search.bulk;
    let rare = b.rare.as_ref().map(|n| n.query.clone()).unwrap_or_default();
    let queries = [
        ("rare word", rare.as_str()),
        ("common word", b.common.as_str()),
        ("two-word phrase", b.phrase.as_str()),
        ("emoji", b.emoji.as_str()),
        ("prefix", b.prefix.as_str()),
        ("person filter", b.person.as_str()),
        ("person filter alone", "from:marta"),
        ("two words unquoted", "see you "),
        ("most common word", "the "),
        ("one-letter prefix", "t"),
    ];
    let result = measure::measure(&mut export, &queries, 30);
    println!("{}", serde_json::to_string_pretty(&result).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
    assert!(result.documents >= messages);
    assert_eq!(
        result.queries[0].total, 1,
        "the rare word is in one message"
    );
}
