//! "What's in this export", counted one family of files (or one conversation) at a time.
//!
//! Counting reads every file, every thread in full: seconds on a large export. The host
//! runs it as [`Counting::step`]s and answers other questions between two steps, so no
//! view waits for the count. The host keeps the catalog: it is computed once per export.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::category::{self, Category};
use crate::detect::Detection;
use crate::export::Export;
use crate::instant::Instant;
use crate::model::{FolderKind, MediaRef, PostKind, Thread, ThreadSummary};
use crate::parse::{Parsed, Problem, tables};
pub use crate::steps::Status;
use crate::steps::{Step, Unit, Walk};

/// Counts per category, unknown files, covered period, media the JSON names but the
/// export lacks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub detection: Detection,
    /// Record counts keyed by [`Category::key`] (`posts`, `followers`, `messages`, …), and
    /// by the export's own names for lists and tables without a category.
    pub counts: BTreeMap<String, usize>,
    /// Messages per thread id (merged threads under their first id).
    pub thread_messages: BTreeMap<String, usize>,
    /// JSON files no parser reads (shown by [`Export::other_files`]).
    pub unknown_files: Vec<String>,
    pub first: Instant,
    pub last: Instant,
    /// URIs referenced by the JSON but absent from the export, sorted.
    pub missing_media: Vec<String>,
}

/// A count in progress.
#[derive(Default)]
pub struct Counting {
    walk: Walk,
    tally: Tally,
}

/// Everything counted at once: every file read, every thread in full.
pub fn count_all(export: &mut Export) -> Parsed<Catalog> {
    let mut counting = Counting::default();
    loop {
        if let Some(catalog) = counting.step(export) {
            return catalog;
        }
    }
}

impl Counting {
    /// Does the next unit of work; the catalog once the last one is done.
    pub fn step(&mut self, export: &mut Export) -> Option<Parsed<Catalog>> {
        if let Some(unit) = self.walk.next(export) {
            self.run(unit, export);
        }
        if self.walk.is_done() {
            let tally = std::mem::take(&mut self.tally);
            return Some(tally.finish(export.detection().clone()));
        }
        None
    }

    pub fn status(&self) -> Status {
        self.walk.status()
    }

    fn run(&mut self, unit: Unit, export: &mut Export) {
        let t = &mut self.tally;
        let step = match unit {
            Unit::Thread(read) => return t.thread(read.0, read.1),
            Unit::Family(step) => step,
        };
        match step {
            Step::Profile => t.profile(export),
            Step::Posts(kind) => t.posts(export, kind),
            Step::Relations => t.relations(export),
            Step::Inbox => t.inbox(export),
            Step::Activity => t.activity(export),
            Step::Account => t.account(export),
            Step::Tables => t.tables(export),
            Step::Unclaimed => t.unknown_files = tables::unclaimed(export.archive_mut()),
            Step::Thread(_) => {}
        }
    }
}

/// What has been counted so far.
#[derive(Default)]
struct Tally {
    problems: Vec<Problem>,
    counts: BTreeMap<String, usize>,
    times: TimeRange,
    missing: BTreeSet<String>,
    thread_messages: BTreeMap<String, usize>,
    threads: Threads,
    unknown_files: Vec<String>,
}

/// Conversations counted by folder kind.
#[derive(Default)]
struct Threads {
    threads: usize,
    requests: usize,
    messages: usize,
    channels: usize,
    broadcasts: usize,
    replies: usize,
}

impl Tally {
    fn note_missing(&mut self, media: &MediaRef) {
        if media.missing {
            self.missing.insert(media.uri.clone());
        }
    }

    fn add(&mut self, key: &str, n: usize) {
        *self.counts.entry(key.to_owned()).or_default() += n;
    }

    fn profile(&mut self, export: &mut Export) {
        let profile = export.profile();
        self.problems.extend_from_slice(&profile.problems);
        self.add(Category::ProfilePhotos.key(), profile.value.photos.len());
        for photo in &profile.value.photos {
            self.note_missing(&photo.media);
        }
    }

    fn posts(&mut self, export: &mut Export, kind: PostKind) {
        let parsed = export.posts(kind);
        self.problems.extend_from_slice(&parsed.problems);
        let posts = &parsed.value;
        let mut subtitles = 0;
        for p in posts {
            self.times.add(p.time);
            for item in &p.items {
                self.note_missing(&item.media);
                if let Some(s) = &item.subtitles {
                    self.note_missing(s);
                    subtitles += 1;
                }
            }
        }
        if kind == PostKind::Post {
            let carousels = posts.iter().filter(|p| p.is_carousel()).count();
            self.add(Category::CarouselPosts.key(), carousels);
            let media = posts.iter().map(|p| p.items.len()).sum();
            self.add(Category::PostMedia.key(), media);
        }
        self.add(Category::from(kind).key(), posts.len());
        self.add(Category::Subtitles.key(), subtitles);
    }

    fn relations(&mut self, export: &mut Export) {
        let rel = export.relations();
        self.problems.extend_from_slice(&rel.problems);
        for list in &rel.value.lists {
            let key = category::relation_key(&list.kind);
            self.add(&key, list.items.len());
            list.items.iter().for_each(|r| self.times.add(r.time));
        }
    }

    fn inbox(&mut self, export: &mut Export) {
        self.problems.extend_from_slice(&export.inbox().problems);
    }

    /// One conversation, read in full and let go.
    fn thread(&mut self, summary: ThreadSummary, thread: Parsed<Thread>) {
        self.problems.extend(thread.problems);
        let t = thread.value;
        for m in &t.messages {
            self.times.add(m.time);
            m.media().for_each(|r| self.note_missing(r));
        }
        let c = &mut self.threads;
        match summary.folder_kind {
            Some(FolderKind::MessageRequests) => c.requests += 1,
            Some(FolderKind::Broadcast) => {
                c.channels += 1;
                c.broadcasts += t.messages.len();
                c.replies += t.replies.len();
            }
            _ => {
                c.threads += 1;
                c.messages += t.messages.len();
            }
        }
        self.thread_messages.insert(summary.id, t.messages.len());
    }

    fn activity(&mut self, export: &mut Export) {
        let act = export.activity();
        self.problems.extend_from_slice(&act.problems);
        let a = &act.value;
        for c in &a.comments {
            self.add(Category::from(c.kind).key(), 1);
            self.times.add(c.time);
        }
        for l in &a.likes {
            self.add(Category::from(l.kind).key(), 1);
            self.times.add(l.time);
        }
        self.add(Category::SavedPosts.key(), a.saved.len());
        self.add(Category::SavedCollections.key(), a.collections.len());
        for s in &a.searches {
            self.add(Category::from(s.kind).key(), 1);
            self.times.add(s.time);
        }
        let interactions = a.story_interactions.len();
        self.add(Category::StoryInteractions.key(), interactions);
        for v in &a.viewed {
            self.add(Category::from(v.kind).key(), 1);
            self.times.add(v.time);
        }
        a.saved.iter().for_each(|s| self.times.add(s.time));
    }

    fn account(&mut self, export: &mut Export) {
        let acc = export.account();
        self.problems.extend_from_slice(&acc.problems);
        let acc = &acc.value;
        for (category, n) in [
            (Category::Logins, acc.logins.len()),
            (Category::Logouts, acc.logouts.len()),
            (Category::PasswordChanges, acc.password_changes.len()),
            (Category::PrivacyChanges, acc.privacy_changes.len()),
            (Category::Devices, acc.devices.len()),
            (Category::ProfileChanges, acc.profile_changes.len()),
        ] {
            self.add(category.key(), n);
        }
        acc.logins.iter().for_each(|l| self.times.add(l.time));
    }

    fn tables(&mut self, export: &mut Export) {
        let known = export.tables();
        self.problems.extend_from_slice(&known.problems);
        for t in &known.value {
            self.add(&t.name, t.records.len());
        }
    }

    fn finish(mut self, detection: Detection) -> Parsed<Catalog> {
        let t = &self.threads;
        for (category, n) in [
            (Category::Threads, t.threads),
            (Category::MessageRequests, t.requests),
            (Category::Messages, t.messages),
            (Category::BroadcastChannels, t.channels),
            (Category::BroadcastMessages, t.broadcasts),
            (Category::BroadcastReplies, t.replies),
        ] {
            self.counts.insert(category.key().into(), n);
        }
        self.counts.retain(|_, n| *n > 0);
        Parsed {
            value: Catalog {
                detection,
                counts: self.counts,
                thread_messages: self.thread_messages,
                unknown_files: self.unknown_files,
                first: self.times.first,
                last: self.times.last,
                missing_media: self.missing.into_iter().collect(),
            },
            problems: self.problems,
        }
    }
}

/// Min/max of the times seen, ignoring "none".
#[derive(Default)]
struct TimeRange {
    first: Instant,
    last: Instant,
}

impl TimeRange {
    fn add(&mut self, t: Instant) {
        if t.is_none() {
            return;
        }
        if self.first.is_none() || t < self.first {
            self.first = t;
        }
        if t > self.last {
            self.last = t;
        }
    }
}
