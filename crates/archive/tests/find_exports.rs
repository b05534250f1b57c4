//! The search index against generated exports: every needle the generator planted is
//! found exactly where its manifest says (JSON and HTML), filters narrow, and words
//! planted in masked values (e-mail, phone) are never found.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::exports::{generate, open, spec, time_slack};
use keepsake_archive::Export;
use keepsake_archive::find::{ActivityField, Hit, Index, Indexing, Kind, List};
use keepsake_archive::instant::Instant;
use keepsake_archive::model::{PostKind, RelationKind};
use keepsake_fixtures::content::needles::NeedlePlace;
use keepsake_fixtures::{Era, Format, Manifest, Spec};

/// Whether `hit` opens the record `want` names.
fn opens(export: &mut Export, hit: &Hit, want: &NeedlePlace, slack: i64) -> bool {
    let near = |t: Instant, want: i64| t.0 <= want && t.0 >= want - slack;
    let i = hit.place.index;
    match (want, &hit.place.list) {
        (
            NeedlePlace::Message {
                folder,
                timestamp_ms,
                sender,
            },
            List::Thread { id, .. },
        ) => {
            id.ends_with(folder.as_str())
                && export.thread(id).is_some_and(|t| {
                    t.value
                        .messages
                        .get(i)
                        .is_some_and(|m| near(m.time, timestamp_ms / 1000) && &m.sender == sender)
                })
        }
        (NeedlePlace::Post { kind, taken }, List::Posts { kind: got }) => {
            let want_kind = match kind.as_str() {
                "story" => PostKind::Story,
                "reel" => PostKind::Reel,
                _ => PostKind::Post,
            };
            *got == want_kind
                && export
                    .posts(*got)
                    .value
                    .get(i)
                    .is_some_and(|p| near(p.time, *taken))
        }
        (
            NeedlePlace::Comment { timestamp } | NeedlePlace::Search { timestamp },
            List::Activity { field },
        ) => {
            let a = &export.activity().value;
            let time = match (want, field) {
                (NeedlePlace::Comment { .. }, ActivityField::Comments) => {
                    a.comments.get(i).map(|c| c.time)
                }
                (NeedlePlace::Search { .. }, ActivityField::Searches) => {
                    a.searches.get(i).map(|s| s.time)
                }
                _ => None,
            };
            time.is_some_and(|t| near(t, *timestamp))
        }
        (NeedlePlace::Follower { username }, List::Relations { kind }) => {
            *kind == RelationKind::Followers
                && export
                    .relations()
                    .value
                    .get(kind)
                    .get(i)
                    .is_some_and(|r| &r.username == username)
        }
        (NeedlePlace::File { name }, List::OtherFile { path, .. }) => path.contains(name.as_str()),
        _ => false,
    }
}

/// Builds the index step by step, checking a partial index answers on the way: the
/// caption needle (posts come early) is found before the last step.
fn index_of(export: &mut Export) -> Index {
    let mut indexing = Indexing::default();
    let mut steps = 0;
    let mut found_early = false;
    loop {
        steps += 1;
        let status = indexing.status();
        assert!(status.done < status.total, "{status:?}");
        if let Some(index) = indexing.step(export) {
            assert!(index.is_complete());
            assert!(steps > 10, "one family or one thread per step");
            assert!(found_early, "a partial index answers");
            return index;
        }
        let partial = indexing.partial();
        assert!(!partial.is_complete());
        let caption = partial.find("kjottkakeoya", 5);
        assert!(!caption.complete);
        found_early |= caption.total == 1;
    }
}

fn check_needles(s: &Spec) -> Option<(Manifest, Index)> {
    let (dir, m) = generate(s)?;
    let mut export = open(&dir, &m);
    let index = index_of(&mut export);
    let slack = time_slack(s);
    let name = &s.name;
    assert!(m.search.needles.len() >= 10, "{name}: needles planted");
    for needle in &m.search.needles {
        let found = index.find(&needle.query, 50);
        let hits: Vec<&Hit> = found.hits().collect();
        assert_eq!(
            found.total,
            needle.found.len(),
            "{name}: {needle:?} found {hits:#?}"
        );
        assert_eq!(hits.len(), needle.found.len(), "{name}: {needle:?}");
        for (hit, want) in hits.iter().zip(&needle.found) {
            assert_eq!(hit.kind.key(), needle.kind, "{name}: {}", needle.query);
            assert!(
                opens(&mut export, hit, want, slack),
                "{name}: {needle:?} at {hit:#?}"
            );
            assert!(!hit.marks.is_empty(), "{name}: {} marked", needle.query);
        }
    }
    for masked in &m.search.masked {
        assert_eq!(
            index.find(masked, 10).total,
            0,
            "{name}: masked {masked} found"
        );
    }
    // Nothing shown anywhere holds the masked e-mail or phone.
    for hit in index
        .find("example", 200)
        .hits()
        .chain(index.find("jane", 200).hits())
    {
        for masked in &m.search.masked {
            assert!(!hit.snippet.contains(masked.as_str()), "{name}: {hit:?}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Some((m, index))
}

fn message_needle(m: &Manifest) -> i64 {
    let needle = m
        .search
        .needles
        .iter()
        .find(|n| n.query == "quokkamarzipan")
        .unwrap();
    match &needle.found[0] {
        NeedlePlace::Message { timestamp_ms, .. } => timestamp_ms / 1000,
        other => panic!("{other:?}"),
    }
}

fn day(t: i64) -> String {
    Instant(t).to_iso_utc()[..10].to_owned()
}

#[test]
fn needles_are_found_where_planted_in_json() {
    let mut s = spec(Era::MediaMove2025);
    s.name = "find-json".into();
    let (m, index) = check_needles(&s).unwrap();

    // Kind and date filters narrow the same word.
    let q = "quokkamarzipan";
    assert_eq!(index.find(&format!("kind:message {q}"), 5).total, 1);
    assert_eq!(index.find(&format!("kind:comments {q}"), 5).total, 0);
    let t = message_needle(&m);
    let on = format!("{q} after:{} before:{}", day(t), day(t));
    assert_eq!(index.find(&on, 5).total, 1);
    assert_eq!(
        index
            .find(&format!("{q} after:{}", day(t + 86_400)), 5)
            .total,
        0
    );
    assert_eq!(
        index
            .find(&format!("{q} before:{}", day(t - 86_400)), 5)
            .total,
        0
    );
    // Typing: every prefix of the word finds it; accents and case folded.
    for end in 4..q.len() {
        assert!(
            index
                .find(&q[..end], 50)
                .hits()
                .any(|h| h.kind == Kind::Message)
        );
    }
    assert_eq!(index.find("QUOKKAMARZIPÁN", 5).total, 1);
    // A filter alone lists what it selects.
    let comments = index.find("kind:comment", 500);
    assert!(comments.total > 0);
    assert!(comments.groups.iter().all(|g| g.kind == Kind::Comment));
}

#[test]
fn needles_are_found_where_planted_in_html() {
    let mut s = spec(Era::MediaMove2025);
    s.format = Format::Html;
    s.name = "find-html".into();
    check_needles(&s);
}

#[test]
fn needles_in_the_2022_layout() {
    let mut s = spec(Era::Folders2022);
    s.name = "find-2022".into();
    check_needles(&s);
}

#[test]
fn bulk_threads_are_indexed_and_their_rare_word_found() {
    let mut s = spec(Era::AccountsCenter2024);
    s.name = "find-bulk".into();
    s.scale.bulk_messages = 30_000;
    s.scale.bulk_threads = 3;
    let (m, index) = check_needles(&s).unwrap();
    let bulk = &m.search.bulk;
    assert_eq!((bulk.threads, bulk.messages), (3, 30_000));
    let rare = bulk.rare.as_ref().unwrap();
    let found = index.find(&rare.query, 10);
    assert_eq!(found.total, 1);
    for query in [
        &bulk.common,
        &bulk.phrase,
        &bulk.emoji,
        &bulk.prefix,
        &bulk.person,
    ] {
        let found = index.find(query, 20);
        assert!(found.total > 0, "{query}");
        assert!(found.exact, "{query}: within the caps");
    }
    let phrase = index.find(&bulk.phrase, 20);
    let words = index.find("see you ", 20);
    assert!(
        phrase.total < words.total,
        "a phrase is narrower than its words"
    );
}
