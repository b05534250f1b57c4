//! The day index checked against the generator's truth: per-day counts per kind on JSON,
//! HTML and legacy exports, a heat-map cell, "on this day", and days in another zone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use common::exports::{generate, open, spec};
use keepsake_archive::Export;
use keepsake_archive::instant::Precision;
use keepsake_archive::timeline::{Date, Dating, DayIndex, ItemKind, KindSet, Zone};
use keepsake_fixtures::{Era, Format, Manifest, Spec};

/// The index's counts per (UTC day, kind), for the kinds the manifest is complete for.
fn index_counts(index: &DayIndex, m: &Manifest) -> BTreeMap<(i64, ItemKind), usize> {
    let mut counts = BTreeMap::new();
    for d in index.days() {
        for kind in &m.dated.kinds {
            let n = d.count(*kind) as usize;
            if n > 0 {
                counts.insert((i64::from(d.day), *kind), n);
            }
        }
    }
    counts
}

fn manifest_counts(m: &Manifest) -> BTreeMap<(i64, ItemKind), usize> {
    m.dated
        .days
        .iter()
        .map(|d| ((d.day, d.kind), d.count))
        .collect()
}

/// Builds the index of `spec`'s export in `zone` and checks every (day, kind) of the
/// manifest against it when the index's zone is UTC; returns the index, the manifest
/// and the export (its files are gone: only cached families can still be asked).
fn dated(spec: &Spec, zone: Zone) -> Option<(DayIndex, Manifest, Export)> {
    let (dir, m) = generate(spec)?;
    let mut export = open(&dir, &m);
    let index = Dating::new(Zone::for_export(export.detection(), zone)).run_all(&mut export);
    let _ = fs::remove_dir_all(&dir);
    if index.zone().is_utc() {
        let got = index_counts(&index, &m);
        let want = manifest_counts(&m);
        let mut wrong: Vec<String> = Vec::new();
        for key in want.keys().chain(got.keys()) {
            let (g, w) = (got.get(key), want.get(key));
            if g != w {
                wrong.push(format!("{key:?}: index {g:?}, manifest {w:?}"));
            }
        }
        wrong.dedup();
        assert!(wrong.is_empty(), "{}: {wrong:#?}", spec.name);
    }
    Some((index, m, export))
}

#[test]
fn every_era_in_json_matches_the_manifest_day_by_day() {
    for era in Era::ALL {
        let mut s = spec(era);
        s.name = format!("timeline-{}", era.name());
        let (index, m, _) = dated(&s, Zone::utc()).unwrap();
        assert_eq!(index.precision(), Precision::Exact);
        assert!(!m.dated.days.is_empty(), "{}", s.name);
    }
}

#[test]
fn html_exports_match_the_manifest_in_their_printed_dates() {
    // Era A was only ever JSON.
    for era in Era::ALL.into_iter().filter(|e| !e.is_legacy()) {
        let mut s = spec(era);
        s.format = Format::Html;
        s.name = format!("timeline-html-{}", era.name());
        // The browser's zone is ignored: the pages print wall-clock times.
        let (index, _, _) = dated(&s, Zone::fixed(5 * 3600)).unwrap();
        assert!(index.zone().is_utc(), "{}", s.name);
        assert_eq!(index.precision(), Precision::MinuteNoZone, "{}", s.name);
    }
}

/// A fresh export of `era`, opened; the caller removes `dir`.
fn opened(era: Era, name: &str) -> (PathBuf, Manifest, Export) {
    let mut s = spec(era);
    s.name = name.into();
    let (dir, m) = generate(&s).unwrap();
    let export = open(&dir, &m);
    (dir, m, export)
}

/// The kinds the manifest is complete for, as a filter.
fn checked(m: &Manifest) -> KindSet {
    KindSet::of(&m.dated.kinds)
}

/// The manifest's busiest day and its count over the checked kinds.
fn busiest_day(m: &Manifest) -> (i64, usize) {
    let mut per_day: BTreeMap<i64, usize> = BTreeMap::new();
    for d in &m.dated.days {
        *per_day.entry(d.day).or_default() += d.count;
    }
    per_day
        .into_iter()
        .max_by_key(|(day, n)| (*n, -day))
        .unwrap()
}

#[test]
fn a_heat_map_cell_and_the_busiest_day() {
    let mut s = spec(Era::MediaMove2025);
    s.name = "timeline-heat".into();
    let (index, m, _) = dated(&s, Zone::utc()).unwrap();
    let (day, count) = busiest_day(&m);
    let date = Date::of_day(i32::try_from(day).unwrap());
    let map = index.heat_map(date.year, checked(&m));
    let start = i64::from(map.first.day_number().unwrap());
    let cell = map.counts[usize::try_from(day - start).unwrap()];
    assert_eq!(cell as usize, count);
    assert_eq!(map.busiest[0], (date, u32::try_from(count).unwrap()));
    // The year's total is the manifest's for that year.
    let year_days = start..start + map.counts.len() as i64;
    let want: usize = m
        .dated
        .days
        .iter()
        .filter(|d| year_days.contains(&d.day))
        .map(|d| d.count)
        .sum();
    assert_eq!(map.total as usize, want);
    let streak = map.streak.unwrap();
    assert!(streak.days >= 1 && streak.first <= streak.last);
}

#[test]
fn on_this_day_shows_earlier_years_with_photos() {
    let mut s = spec(Era::AccountsCenter2024);
    s.name = "timeline-on-this-day".into();
    let (index, m, mut export) = dated(&s, Zone::utc()).unwrap();
    let post_day = m
        .dated
        .days
        .iter()
        .find(|d| d.kind == ItemKind::Post)
        .unwrap();
    let date = Date::of_day(i32::try_from(post_day.day).unwrap());
    let today = Date::new(date.year + 1, date.month, date.day);
    let groups = index.on_this_day(today, KindSet::only(ItemKind::Post), 50);
    let group = groups.iter().find(|g| g.year == date.year).unwrap();
    assert_eq!(group.items.len(), post_day.count);
    assert_eq!(group.counts.count(ItemKind::Post) as usize, post_day.count);
    for item in &group.items {
        assert!(!item.media.is_empty(), "a post carries its media paths");
        assert_eq!(item.date, date);
        // The target opens the very post.
        let keepsake_archive::timeline::Target::Post { kind, index: i } = item.target else {
            panic!("{:?}", item.target)
        };
        let post = &export.posts(kind).value[i as usize];
        assert_eq!(post.time, item.time);
    }
    assert!(groups.iter().all(|g| g.year < today.year));
}

#[test]
fn message_items_open_the_first_message_of_their_day() {
    let (dir, m, mut export) = opened(Era::Folders2022, "timeline-messages");
    let index = Dating::new(Zone::utc()).run_all(&mut export);
    let total: usize = m
        .threads
        .iter()
        .chain(&m.message_requests)
        .map(|t| t.message_count)
        .sum();
    let counted: u64 = index
        .days()
        .iter()
        .map(|d| u64::from(d.count(ItemKind::Message)))
        .sum();
    let broadcasts = m.counts.get("broadcast_messages").copied().unwrap_or(0);
    assert_eq!(
        counted as usize,
        total + broadcasts,
        "every message counted"
    );
    let page = index.page(0, KindSet::only(ItemKind::Message), 20);
    assert!(!page.groups.is_empty());
    for item in page.groups.iter().flat_map(|g| &g.items) {
        let keepsake_archive::timeline::Target::Message {
            thread, message, ..
        } = &item.target
        else {
            panic!("{:?}", item.target)
        };
        let t = export.thread(thread).unwrap().value;
        let day = |i: usize| Zone::utc().day_of(t.messages[i].time.0);
        let first = *message as usize;
        assert_eq!(day(first), item.date.day_number());
        assert!(
            first == 0 || day(first - 1) != day(first),
            "first of its day"
        );
        let same_day = (first..t.messages.len())
            .take_while(|i| day(*i) == day(first))
            .count();
        assert_eq!(same_day, item.count as usize);
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn another_offset_moves_records_across_midnight() {
    let (dir, _, mut export) = opened(Era::MediaMove2025, "timeline-offset");
    const EAST: i32 = 5 * 3600;
    let utc = Dating::new(Zone::utc()).run_all(&mut export);
    let east = Dating::new(Zone::fixed(EAST)).run_all(&mut export);
    let _ = fs::remove_dir_all(&dir);
    let totals = |index: &DayIndex, kind: ItemKind| -> u64 {
        index.days().iter().map(|d| u64::from(d.count(kind))).sum()
    };
    // Nothing is lost or added, only moved.
    for kind in ItemKind::ALL {
        assert_eq!(totals(&utc, kind), totals(&east, kind), "{kind:?}");
    }
    // Each post sits on the day of its time plus five hours.
    let times: Vec<i64> = export
        .posts(keepsake_archive::model::PostKind::Post)
        .value
        .iter()
        .map(|p| p.time.0)
        .collect();
    let mut want: BTreeMap<i64, u32> = BTreeMap::new();
    for t in &times {
        *want
            .entry((t + i64::from(EAST)).div_euclid(86_400))
            .or_default() += 1;
    }
    let got: BTreeMap<i64, u32> = east
        .days()
        .iter()
        .filter(|d| d.count(ItemKind::Post) > 0)
        .map(|d| (i64::from(d.day), d.count(ItemKind::Post)))
        .collect();
    assert_eq!(got, want);
    let moved = times
        .iter()
        .filter(|t| t.rem_euclid(86_400) >= 86_400 - i64::from(EAST))
        .count();
    assert!(
        moved > 0,
        "some post was late enough in the UTC day to move"
    );
    assert_ne!(utc.days(), east.days());
}

#[test]
fn dating_runs_in_steps_with_a_status() {
    let (dir, _, mut export) = opened(Era::Folders2021, "timeline-steps");
    let mut dating = Dating::new(Zone::utc());
    let before = dating.status();
    assert_eq!(before.done, 0);
    let mut steps = 0;
    let index = loop {
        steps += 1;
        assert!(steps < 10_000);
        if let Some(index) = dating.step(&mut export) {
            break index;
        }
        let st = dating.status();
        assert_eq!(st.done, steps);
        assert!(st.total >= st.done);
    };
    let _ = fs::remove_dir_all(&dir);
    // One step per family, plus one per conversation.
    let threads = export.inbox().value.threads.len() as u64;
    assert_eq!(dating.status().done, before.total + threads);
    assert!(!index.is_empty());
}

#[test]
fn an_export_with_nothing_dated_gives_an_empty_index() {
    let zip = common::zip_names(&["random/notes.json", "media.json"]);
    let mut export = Export::new(common::archive_of(vec![zip]));
    let index = Dating::new(Zone::fixed(-3600)).run_all(&mut export);
    assert!(index.is_empty() && index.days().is_empty());
    assert!(index.page(0, KindSet::ALL, 10).groups.is_empty());
    assert_eq!(index.jump(Date::new(2024, 1, 1), KindSet::ALL), None);
    assert_eq!(index.heat_map(2024, KindSet::ALL).total, 0);
    assert_eq!(index.longest_streak(KindSet::ALL), None);
    assert!(
        index
            .on_this_day(Date::new(2024, 1, 1), KindSet::ALL, 5)
            .is_empty()
    );
}
