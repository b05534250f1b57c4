//! Generated exports checked against their manifests: shared by the JSON and the HTML
//! parser tests.

use std::fs;
use std::path::{Path, PathBuf};

use keepsake_archive::labels::Field;
use keepsake_archive::model::{FolderKind, PostKind, RelationKind};
use keepsake_archive::{Archive, Export, FileSource};
use keepsake_fixtures::testing::{files_below, generate_in_temp};
use keepsake_fixtures::{Era, Format, Manifest, Spec};

/// Open the generated export as the app does: ZIP parts, or a dropped folder whose
/// file names start with the folder's own name.
pub fn open(dir: &Path, m: &Manifest) -> Export {
    let mut archive = Archive::new();
    match &m.folder {
        Some(folder) => {
            for (name, path) in files_below(&dir.join(folder)).unwrap() {
                let source = FileSource::open(&path).unwrap();
                archive
                    .add_loose_file(&format!("{folder}/{name}"), Box::new(source))
                    .unwrap();
            }
        }
        None => {
            for part in &m.parts {
                let source = FileSource::open(&dir.join(&part.file_name)).unwrap();
                archive.add_zip(&part.file_name, Box::new(source)).unwrap();
            }
        }
    }
    Export::new(archive)
}

/// The era the detector must name for each era the generator writes. The 2026 drift
/// changes shapes inside files, not paths, so detection reads it as the 2025 layout.
pub fn detected_era(era: Era) -> keepsake_archive::Era {
    use keepsake_archive::Era as Detected;
    match era {
        Era::Legacy => Detected::Legacy2018,
        Era::LegacyDec2020 => Detected::Transitional2020,
        Era::Folders2021 => Detected::Folders2021,
        Era::Folders2022 => Detected::Folders2022,
        Era::AccountsCenter2024 => Detected::AccountsCenter2024,
        Era::MediaMove2025 | Era::Drift2026 => Detected::MediaMove2025,
    }
}

pub fn assert_detected(export: &Export, era: Era, format: keepsake_archive::Format, name: &str) {
    let d = export.detection();
    assert_eq!(d.kind, keepsake_archive::ExportKind::Instagram, "{name}");
    assert_eq!(d.era, Some(detected_era(era)), "{name}");
    assert_eq!(d.format, Some(format), "{name}");
}

/// Generate `spec`; `None` when the generator does not write this variant yet.
pub fn generate(spec: &Spec) -> Option<(PathBuf, Manifest)> {
    match generate_in_temp(spec, &spec.name) {
        Ok(generated) => Some(generated),
        Err(e) if e.to_string().contains("not implemented") => None,
        Err(e) => panic!("{}: {e}", spec.name),
    }
}

/// Everything the parsers read from `export`, as one JSON text to search for strings.
pub fn everything(export: &mut Export) -> String {
    let mut all = String::new();
    let mut add = |v: serde_json::Value| all.push_str(&v.to_string());
    add(serde_json::to_value(&export.profile().value).unwrap());
    for kind in PostKind::ALL {
        add(serde_json::to_value(&export.posts(kind).value).unwrap());
    }
    add(serde_json::to_value(&export.relations().value).unwrap());
    add(serde_json::to_value(&export.activity().value).unwrap());
    add(serde_json::to_value(&export.account().value).unwrap());
    add(serde_json::to_value(&export.tables().value).unwrap());
    add(serde_json::to_value(&export.other_files().value).unwrap());
    for t in export.inbox().value.threads.clone() {
        add(serde_json::to_value(export.thread(&t.id).unwrap().value).unwrap());
    }
    all
}

/// Non-ASCII strings of `m` missing from `all`, the parsed output (labels the typed
/// parsers consume are not kept as text, so they are not looked for).
pub fn lost_strings<'m>(m: &'m Manifest, all: &str) -> Vec<&'m str> {
    m.mojibake
        .iter()
        .map(|s| s.true_text.as_str())
        .filter(|t| !Field::ALL.iter().any(|f| f.matches(t)))
        .filter(|t| {
            let json = serde_json::to_string(t).unwrap();
            !all.contains(json.trim_matches('"'))
        })
        .collect()
}

/// A checked export, kept for further checks; its files are removed when it is dropped.
pub struct Checked {
    pub export: Export,
    pub manifest: Manifest,
    dir: PathBuf,
}

impl Drop for Checked {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// How far a parsed time may fall below the true one: HTML pages print times to the
/// minute (to the second in the 2026 style), truncated; JSON is exact.
pub fn time_slack(spec: &Spec) -> i64 {
    match (spec.format, spec.era) {
        (Format::Html, Era::Drift2026) | (Format::Json, _) => 0,
        (Format::Html, _) => 59,
    }
}

/// Generate `spec`, open it and check the parsers against its manifest.
pub fn check(spec: &Spec) -> Option<Checked> {
    let Some((dir, m)) = generate(spec) else {
        eprintln!("skipped {} (not generated yet)", spec.name);
        return None;
    };
    let mut export = open(&dir, &m);
    let name = &spec.name;
    let format = match spec.format {
        Format::Json => keepsake_archive::Format::Json,
        Format::Html => keepsake_archive::Format::Html,
    };
    assert_detected(&export, spec.era, format, name);
    let catalog = keepsake_archive::catalog::count_all(&mut export);
    let c = &catalog.value;
    for problem in &catalog.problems {
        eprintln!("{name}: problem: {problem:?}");
    }
    // Per-category counts: every category the manifest lists must match exactly.
    let mut mismatches = Vec::new();
    for (key, want) in &m.counts {
        let got = c.counts.get(key).copied().unwrap_or(0);
        if got != *want {
            mismatches.push(format!("{key}: parsed {got}, manifest {want}"));
        }
    }
    assert!(mismatches.is_empty(), "{name}: {mismatches:#?}");

    // Profile and repaired strings.
    let profile = export.profile().value.clone();
    assert_eq!(profile.username, m.username, "{name}");
    assert_eq!(profile.name, m.full_name, "{name}");
    assert_eq!(profile.bio, m.biography, "{name}");
    assert!(profile.private.is_some(), "{name}: private account flag");

    // Relationship lists: the exact usernames.
    let rel = export.relations().value.clone();
    let usernames = |k| {
        rel.get(&k)
            .iter()
            .map(|r| r.username.clone())
            .collect::<Vec<_>>()
    };
    let mut followers = usernames(RelationKind::Followers);
    let mut want = m.followers.clone();
    followers.sort();
    want.sort();
    assert_eq!(followers, want, "{name}: followers");
    let mut following = usernames(RelationKind::Following);
    let mut want = m.following.clone();
    following.sort();
    want.sort();
    assert_eq!(following, want, "{name}: following");

    // Threads: titles, participants, per-thread counts, files; requests kept apart.
    let inbox = export.inbox().value.clone();
    for (infos, kind) in [
        (&m.threads, FolderKind::Inbox),
        (&m.message_requests, FolderKind::MessageRequests),
    ] {
        for (i, info) in infos.iter().enumerate() {
            // Era A has no folders: conversations are matched by position.
            let id = if spec.era == Era::Legacy {
                format!("legacy/{i}")
            } else {
                format!("/{}", info.folder)
            };
            let Some(summary) = inbox.threads.iter().find(|t| t.id.ends_with(&id)) else {
                panic!("{name}: thread {} missing", info.folder)
            };
            let kind = if spec.era == Era::Legacy {
                FolderKind::Legacy
            } else {
                kind.clone()
            };
            assert_eq!(summary.folder_kind, Some(kind), "{name}");
            // Era A names people by username only, so titles and names differ there.
            if spec.era != Era::Legacy {
                assert_eq!(summary.title, info.title, "{name}");
            }
            if spec.era != Era::Legacy {
                assert_eq!(summary.files, info.files, "{name}: {}", info.folder);
            }
            assert_eq!(summary.is_group, info.group, "{name}: {}", info.folder);
            let mut p = summary.participants.clone();
            let mut want = info.participants.clone();
            p.sort();
            want.sort();
            if spec.era != Era::Legacy {
                assert_eq!(p, want, "{name}: participants");
            }
            let thread = export.thread(&summary.id).unwrap().value;
            assert_eq!(
                thread.messages.len(),
                info.message_count,
                "{name}: {}",
                info.folder
            );
            assert!(thread.messages.windows(2).all(|w| w[0].time <= w[1].time));
            // Era A senders are usernames, which a display-name change does not touch.
            for former in info.former_names.iter().filter(|_| spec.era != Era::Legacy) {
                assert!(
                    thread.summary.former_names.contains(former),
                    "{name}: rename"
                );
            }
        }
    }
    let owner = inbox.owner.name.clone().unwrap_or_default();
    assert!(
        owner == m.full_name || owner == m.username,
        "{name}: owner {owner:?}"
    );

    // Date range covers the manifest's (at the format's precision).
    let slack = time_slack(spec);
    assert!(
        c.first.0 <= m.date_range.first && c.first.is_some(),
        "{name}: first"
    );
    assert!(c.last.0 >= m.date_range.last - slack, "{name}: last");

    // Missing media and subtitle files flagged, present ones not.
    let mut missing = m.media.missing.clone();
    missing.extend(m.media.missing_subtitles.iter().cloned());
    missing.sort();
    missing.dedup();
    assert_eq!(c.missing_media, missing, "{name}: missing media");

    // Subtitles: every video's reference resolved to its `.srt`, or flagged missing.
    let mut present = 0;
    for kind in PostKind::ALL {
        for item in export.posts(kind).value.iter().flat_map(|p| &p.items) {
            let Some(s) = &item.subtitles else { continue };
            assert!(s.uri.ends_with(".srt"), "{name}: {}", s.uri);
            assert_eq!(
                s.missing,
                m.media.missing_subtitles.contains(&s.uri),
                "{name}: {}",
                s.uri
            );
            present += usize::from(s.path_in_export.is_some());
        }
    }
    assert_eq!(present, m.media.subtitle_files, "{name}: subtitle files");

    // Unknown files are shown, not hidden.
    for unknown in &m.unknown_files {
        assert!(
            c.unknown_files.contains(unknown),
            "{name}: {unknown} not listed"
        );
    }
    let others = export.other_files().value.clone();
    for unknown in &m.unknown_files {
        assert!(
            others.iter().any(|t| &t.provenance.path == unknown),
            "{name}: {unknown} not shown"
        );
    }

    // Every mojibake-encoded string the generator wrote comes back repaired somewhere
    // in the parsed output (values, and keys shown as labels).
    let all = everything(&mut export);
    let lost = lost_strings(&m, &all);
    assert!(lost.is_empty(), "{name}: not found repaired: {lost:#?}");
    Some(Checked {
        export,
        manifest: m,
        dir,
    })
}

pub fn spec(era: Era) -> Spec {
    let mut s = Spec::new(era);
    s.image_px = 16;
    s
}
