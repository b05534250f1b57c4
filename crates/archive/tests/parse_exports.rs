//! Generate exports of every era, language and container with the fixtures generator,
//! open them as the app does, and check the parsers against each manifest.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;

use common::exports::{assert_detected, check, open, spec};
use keepsake_archive::instant::Instant;
use keepsake_fixtures::testing::generate_in_temp;
use keepsake_fixtures::time::Civil;
use keepsake_fixtures::{Container, Era, Format, Language, RootStyle};

#[test]
fn every_era_in_english() {
    for era in Era::ALL {
        check(&spec(era));
    }
}

#[test]
fn localized_labels() {
    for (era, lang) in [
        (Era::Folders2022, Language::Nl),
        (Era::AccountsCenter2024, Language::De),
        (Era::MediaMove2025, Language::Es),
        (Era::Drift2026, Language::Nl),
    ] {
        let mut s = spec(era);
        s.language = lang;
        s.name = format!("{}-{}", s.name, lang.code());
        check(&s);
    }
}

#[test]
fn containers_and_roots() {
    for (i, (container, root)) in [
        (Container::Parts(3), RootStyle::Bare),
        (Container::Folder, RootStyle::InstagramFolder),
        (Container::Nested, RootStyle::Bare),
        (Container::Zip64, RootStyle::MetaCombined),
        (Container::Parts(3), RootStyle::InstagramFolder),
    ]
    .into_iter()
    .enumerate()
    {
        // The last case: Era A parts, each with its own `media.json`.
        let era = if i == 4 {
            Era::Legacy
        } else {
            Era::MediaMove2025
        };
        let mut s = spec(era);
        s.container = container;
        s.root = root;
        s.seed = 10 + i as u64;
        s.name = format!("container-{i}");
        check(&s);
    }
}

#[test]
fn html_exports_of_every_era_are_detected_as_html() {
    let mut generated = 0;
    for era in Era::ALL {
        let mut s = spec(era);
        s.format = Format::Html;
        s.name = format!("html-{era:?}");
        match generate_in_temp(&s, &s.name) {
            Ok((dir, m)) => {
                assert_detected(
                    &open(&dir, &m),
                    era,
                    keepsake_archive::Format::Html,
                    &s.name,
                );
                generated += 1;
                let _ = fs::remove_dir_all(&dir);
            }
            // Era A (2018–2020) was only ever JSON: the generator refuses HTML for it.
            Err(_) if matches!(era, Era::Legacy | Era::LegacyDec2020) => {}
            Err(e) => panic!("{}: {e}", s.name),
        }
    }
    assert_eq!(generated, Era::ALL.len() - 2, "every HTML era was checked");
}

/// The generator and the parser each carry their own small calendar; the ISO times
/// the generator writes must read back as the same instants.
#[test]
fn generator_and_parser_calendars_agree() {
    const YEAR_1900: i64 = -2_208_988_800;
    const YEAR_2100: i64 = 4_102_444_800;
    // An odd step, so the times land on every month, weekday and time of day.
    for t in (YEAR_1900..YEAR_2100).step_by(37 * 86_400 + 3_661) {
        assert_eq!(
            Instant::parse(&Civil::from_epoch(t).iso()),
            Instant(t),
            "{t}"
        );
    }
}
