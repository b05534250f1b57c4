//! HTML exports of every era, language and quirk set, parsed and checked against their
//! manifests like the JSON ones. The manifest lists text and times only for JSON, so
//! each HTML export also has a JSON twin (same spec and seed, same content) whose parse
//! is the reference for decoded text and per-message times.
//!
//! What HTML loses, and these tests allow: times are truncated to the minute (to the
//! second in the 2026 style) and read as UTC; a shared profile's display name; video
//! metadata, so subtitles (the generator names them in JSON exports only). Everything
//! else must match.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::exports::{Checked, check, everything, lost_strings, spec, time_slack};
use keepsake_archive::instant::Instant;
use keepsake_archive::model::{Message, PostKind};
use keepsake_fixtures::{Container, Era, Format, Language, RootStyle, Spec};

/// The eras that had an HTML variant (Era A was JSON only).
const HTML_ERAS: [Era; 5] = [
    Era::Folders2021,
    Era::Folders2022,
    Era::AccountsCenter2024,
    Era::MediaMove2025,
    Era::Drift2026,
];

const LANGUAGES: [Language; 4] = [Language::En, Language::Nl, Language::De, Language::Es];

fn html(era: Era, lang: Language, quirks: bool) -> Spec {
    let mut s = spec(era);
    s.format = Format::Html;
    s.language = lang;
    s.quirks = quirks;
    s.seed = 7 + era as u64;
    s.name = format!("html-{}-{}-{quirks}", era.name(), lang.code());
    s
}

/// `t` as the page prints it: truncated to the format's precision.
fn printed(t: Instant, slack: i64) -> Instant {
    Instant(t.0 - t.0.rem_euclid(slack + 1))
}

/// Every HTML page of the export, as written.
fn pages_text(h: &mut Checked) -> String {
    let archive = h.export.archive_mut();
    let pages: Vec<String> = archive
        .entries()
        .iter()
        .filter(|e| e.path.ends_with(".html"))
        .map(|e| e.path.clone())
        .collect();
    pages
        .iter()
        .map(|p| String::from_utf8(archive.read(p, 1 << 30).unwrap()).unwrap())
        .collect()
}

/// `text` as an HTML page writes it (Meta escapes these five, and newlines as `<br />`).
fn html_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#039;")
        .replace('\n', "<br />")
}

/// The HTML parse of `spec` against its manifest and against its JSON twin's parse.
fn check_with_twin(spec: &Spec) {
    let name = &spec.name;
    let mut h: Checked = check(spec).expect("HTML generated");
    let mut twin = spec.clone();
    twin.format = Format::Json;
    twin.name = format!("{name}-json");
    let mut j: Checked = check(&twin).expect("JSON generated");
    let slack = time_slack(spec);

    // Text: every non-ASCII string of the content (the JSON twin's manifest lists them
    // with their true text) that the pages show comes out of the HTML decoded.
    let pages = pages_text(&mut h);
    let mut shown = j.manifest.clone();
    shown
        .mojibake
        .retain(|s| pages.contains(&html_escaped(&s.true_text)));
    assert!(shown.mojibake.len() > 5, "{name}: few strings shown");
    let all = everything(&mut h.export);
    let lost = lost_strings(&shown, &all);
    assert!(lost.is_empty(), "{name}: not found decoded: {lost:#?}");

    // The catalog: same counts, per-thread counts and missing media; the period at the
    // page's precision.
    let (hc, jc) = (
        keepsake_archive::catalog::count_all(&mut h.export).value,
        keepsake_archive::catalog::count_all(&mut j.export).value,
    );
    let differing: Vec<_> = jc
        .counts
        .iter()
        .filter(|(k, n)| *k != "subtitles" && hc.counts.get(*k) != Some(n))
        .collect();
    assert!(differing.is_empty(), "{name}: counts {differing:?}");
    assert_eq!(
        hc.thread_messages, jc.thread_messages,
        "{name}: thread messages"
    );
    let mut media_missing = jc.missing_media.clone();
    media_missing.retain(|uri| !uri.ends_with(".srt"));
    assert_eq!(hc.missing_media, media_missing, "{name}: missing media");
    assert_eq!(hc.first, printed(jc.first, slack), "{name}: first");
    assert_eq!(hc.last, printed(jc.last, slack), "{name}: last");

    // Posts of every kind: captions, media and times.
    for kind in PostKind::ALL {
        let (hp, jp) = (
            h.export.posts(kind).value.clone(),
            j.export.posts(kind).value.clone(),
        );
        assert_eq!(hp.len(), jp.len(), "{name}: {kind:?}");
        for (a, b) in hp.iter().zip(&jp) {
            assert_eq!(a.caption, b.caption, "{name}: {kind:?} caption");
            assert_eq!(a.time, printed(b.time, slack), "{name}: {kind:?} time");
            let uris = |p: &keepsake_archive::model::Post| {
                p.items
                    .iter()
                    .map(|i| i.media.uri.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(uris(a), uris(b), "{name}: {kind:?} media");
        }
    }

    // Every conversation and broadcast channel: senders, text, times, attachments by
    // kind, reactions, shares, calls, unsent messages; a channel's replies.
    let threads = j.export.inbox().value.threads.clone();
    for summary in &threads {
        let want = j.export.thread(&summary.id).unwrap().value;
        let got = h.export.thread(&summary.id).unwrap().value;
        let id = &summary.id;
        assert_eq!(got.summary.title, want.summary.title, "{name}: {id}");
        assert_eq!(got.summary.is_group, want.summary.is_group, "{name}: {id}");
        assert_eq!(got.messages.len(), want.messages.len(), "{name}: {id}");
        for (a, b) in got.messages.iter().zip(&want.messages) {
            same_message(a, b, slack, &format!("{name}: {id}"));
        }
        assert_eq!(got.replies.len(), want.replies.len(), "{name}: {id}");
        for (a, b) in got.replies.iter().zip(&want.replies) {
            assert_eq!(a.text, b.text, "{name}: {id} reply");
            assert_eq!(a.share, b.share, "{name}: {id} reply");
            assert_eq!(a.time, printed(b.time, slack), "{name}: {id} reply");
        }
    }
}

/// An HTML message `a` against its JSON twin `b`.
fn same_message(a: &Message, b: &Message, slack: i64, at: &str) {
    assert_eq!(a.sender, b.sender, "{at}");
    assert_eq!(a.text, b.text, "{at}");
    assert_eq!(a.time, printed(b.time, slack), "{at}");
    assert_eq!(a.media().count(), b.media().count(), "{at}");
    assert_eq!(a.photos.len(), b.photos.len(), "{at}: photos");
    assert_eq!(a.stickers.len(), b.stickers.len(), "{at}: stickers");
    assert_eq!(a.reactions.len(), b.reactions.len(), "{at}");
    assert_eq!(a.unsent, b.unsent, "{at}: unsent");
    assert_eq!(a.call_duration, b.call_duration, "{at}: call");
    assert_eq!(a.is_system, b.is_system, "{at}: notice");
    // The page does not show a shared profile's display name.
    let shown = |m: &Message| {
        m.share.clone().map(|mut s| {
            s.profile_name = None;
            s
        })
    };
    assert_eq!(shown(a), shown(b), "{at}: share");
}

#[test]
fn every_html_era_in_every_language() {
    for era in HTML_ERAS {
        for lang in LANGUAGES {
            check_with_twin(&html(era, lang, true));
        }
    }
}

#[test]
fn every_html_era_without_quirks() {
    for era in HTML_ERAS {
        check_with_twin(&html(era, Language::En, false));
    }
}

#[test]
fn html_in_every_container_and_root() {
    for (i, (container, root)) in [
        (Container::Parts(3), RootStyle::Bare),
        (Container::Folder, RootStyle::InstagramFolder),
        (Container::Nested, RootStyle::Bare),
        (Container::Zip64, RootStyle::MetaCombined),
    ]
    .into_iter()
    .enumerate()
    {
        let mut s = html(Era::MediaMove2025, Language::En, true);
        s.container = container;
        s.root = root;
        s.name = format!("html-container-{i}");
        assert!(check(&s).is_some(), "{}", s.name);
    }
}
