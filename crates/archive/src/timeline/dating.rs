//! Building the day index one family of files (or one conversation) per step, so the
//! worker can answer view questions between two steps, as it does for the catalog.

use std::collections::BTreeMap;

use super::index::{Builder, DayIndex};
use super::kind::ItemKind;
use super::target::{AccountList, ActivityList, Source};
use super::zone::Zone;
use crate::export::Export;
use crate::instant::Instant;
use crate::model::{MediaItem, PostKind, Record, RecordTable, Thread, ThreadSummary};
use crate::steps::{Status, Step, Unit, Walk};

/// A day index in the making.
pub struct Dating {
    walk: Walk,
    builder: Builder,
}

impl Dating {
    /// Days will be counted in `zone` (see [`Zone::for_export`]).
    pub fn new(zone: Zone) -> Dating {
        Dating {
            walk: Walk::default(),
            builder: Builder::new(zone),
        }
    }

    /// Does the next unit of work; the index once the last one is done (later calls
    /// return an empty index).
    pub fn step(&mut self, export: &mut Export) -> Option<DayIndex> {
        if let Some(unit) = self.walk.next(export) {
            self.run(unit, export);
        }
        if self.walk.is_done() {
            let zone = self.builder.zone.clone();
            let builder = std::mem::replace(&mut self.builder, Builder::new(zone));
            return Some(builder.finish(export.detection().precision()));
        }
        None
    }

    /// Runs every step: for tests, tools and small exports.
    pub fn run_all(mut self, export: &mut Export) -> DayIndex {
        loop {
            if let Some(index) = self.step(export) {
                return index;
            }
        }
    }

    pub fn status(&self) -> Status {
        self.walk.status()
    }

    fn run(&mut self, unit: Unit, export: &mut Export) {
        let b = &mut self.builder;
        let step = match unit {
            Unit::Thread(read) => return self::thread(b, read.0, &read.1.value),
            Unit::Family(step) => step,
        };
        match step {
            Step::Profile => profile(b, export),
            Step::Posts(kind) => posts(b, export, kind),
            Step::Relations => relations(b, export),
            Step::Inbox | Step::Thread(_) => {}
            Step::Activity => activity(b, export),
            Step::Account => account(b, export),
            Step::Tables => {
                let tables = &export.tables().value;
                records_of_tables(b, tables, |table, t| Source::Table {
                    table,
                    name: t.name.clone(),
                });
            }
            Step::Unclaimed => {
                let tables = &export.other_files().value;
                records_of_tables(b, tables, |table, t| Source::OtherFile {
                    table,
                    path: t.provenance.path.clone(),
                });
            }
        }
    }
}

/// The paths of an item's files: in the export when there, else as the JSON names them.
fn media_paths(items: &[MediaItem]) -> Vec<&str> {
    items
        .iter()
        .map(|i| i.media.path_in_export.as_deref().unwrap_or(&i.media.uri))
        .collect()
}

fn profile(b: &mut Builder, export: &mut Export) {
    let photos = &export.profile().value.photos;
    let source = b.source(Source::ProfilePhotos);
    for (i, photo) in photos.iter().enumerate() {
        let paths = media_paths(std::slice::from_ref(photo));
        let kind = ItemKind::ProfilePhoto;
        b.push_full(kind, photo.created, (source, i), &photo.caption, 1, &paths);
    }
}

fn posts(b: &mut Builder, export: &mut Export, kind: PostKind) {
    let posts = &export.posts(kind).value;
    let source = b.source(Source::Posts(kind));
    let item_kind = ItemKind::of_post(kind);
    for (i, post) in posts.iter().enumerate() {
        // A post without its own time takes its first item's.
        let time = post
            .time
            .or(post.items.first().map_or(Instant::NONE, |m| m.created));
        let paths = media_paths(&post.items);
        b.push_full(item_kind, time, (source, i), &post.caption, 1, &paths);
    }
}

fn relations(b: &mut Builder, export: &mut Export) {
    for list in &export.relations().value.lists {
        let source = b.source(Source::Relation(list.kind.clone()));
        let kind = ItemKind::of_relation(&list.kind);
        for (i, r) in list.items.iter().enumerate() {
            b.push(kind, r.time, (source, i), &r.username);
        }
    }
}

/// One conversation: one item per local day, counting that day's messages and pointing
/// at its first one, so a million messages stay a few thousand items.
fn thread(b: &mut Builder, summary: ThreadSummary, thread: &Thread) {
    // day → (messages, first message's position, last time)
    let mut days: BTreeMap<i32, (u32, usize, i64)> = BTreeMap::new();
    for (i, m) in thread.messages.iter().enumerate() {
        let Some(t) = m.time.get() else { continue };
        let Some(day) = b.zone.day_of(t) else {
            continue;
        };
        let entry = days.entry(day).or_insert((0, i, t));
        entry.0 = entry.0.saturating_add(1);
        entry.1 = entry.1.min(i);
        entry.2 = entry.2.max(t);
    }
    let source = b.source(Source::Thread {
        id: summary.id,
        title: summary.title,
    });
    for (count, first, last) in days.into_values() {
        let at = (source, first);
        b.push_full(ItemKind::Message, Instant(last), at, "", count, &[]);
    }
}

fn activity(b: &mut Builder, export: &mut Export) {
    use ActivityList as L;
    let a = &export.activity().value;
    b.list(L::Comments, &a.comments, |c| {
        (ItemKind::Comment, c.time, &c.text)
    });
    b.list(L::Likes, &a.likes, |l| (ItemKind::Like, l.time, &l.owner));
    b.list(L::Saved, &a.saved, |s| (ItemKind::Saved, s.time, &s.owner));
    b.list(L::Searches, &a.searches, |q| {
        (ItemKind::Search, q.time, &q.query)
    });
    b.list(L::StoryInteractions, &a.story_interactions, |x| {
        (ItemKind::StoryInteraction, x.time, &x.owner)
    });
    b.list(L::Viewed, &a.viewed, |v| {
        // The 2026 logs give only a link.
        let label = match v.link.as_deref() {
            Some(link) if v.author.is_empty() => link,
            _ => &v.author,
        };
        (ItemKind::of_viewed(v.kind), v.time, label)
    });
    let s = b.source(Source::Activity(L::Other));
    records(b, &a.other, s);
}

fn account(b: &mut Builder, export: &mut Export) {
    let a = &export.account().value;
    for (list, events) in [
        (AccountList::Logins, &a.logins),
        (AccountList::Logouts, &a.logouts),
        (AccountList::Signup, &a.signup),
    ] {
        let s = b.source(Source::Account(list));
        for (i, e) in events.iter().enumerate() {
            let label = e.device.as_deref().or(e.ip.as_deref()).unwrap_or("");
            b.push(ItemKind::Login, e.time, (s, i), label);
        }
    }
    for (list, rows) in [
        (AccountList::PasswordChanges, &a.password_changes),
        (AccountList::PrivacyChanges, &a.privacy_changes),
    ] {
        let s = b.source(Source::Account(list));
        for (i, r) in rows.iter().enumerate() {
            b.push(ItemKind::Security, r.time, (s, i), &r.title);
        }
    }
    let s = b.source(Source::Account(AccountList::ProfileChanges));
    for (i, c) in a.profile_changes.iter().enumerate() {
        b.push(ItemKind::Security, c.time, (s, i), &c.changed);
    }
    let s = b.source(Source::Account(AccountList::Devices));
    for (i, d) in a.devices.iter().enumerate() {
        b.push(ItemKind::Record, d.last_login, (s, i), &d.user_agent);
    }
    for (list, rows) in [
        (AccountList::Locations, &a.locations),
        (AccountList::Other, &a.other),
    ] {
        let s = b.source(Source::Account(list));
        records(b, rows, s);
    }
}

/// Generic rows with a time, labelled by their title or first value.
fn records(b: &mut Builder, rows: &[Record], source: u32) {
    for (i, r) in rows.iter().enumerate() {
        let label = if r.title.is_empty() {
            r.fields.first().map_or("", |(_, v)| v.as_str())
        } else {
            &r.title
        };
        b.push(ItemKind::Record, r.time, (source, i), label);
    }
}

fn records_of_tables(
    b: &mut Builder,
    tables: &[RecordTable],
    source: impl Fn(u32, &RecordTable) -> Source,
) {
    for (i, table) in tables.iter().enumerate() {
        // Tables without any time add no source.
        if table.records.iter().all(|r| r.time.is_none()) {
            continue;
        }
        let Ok(position) = u32::try_from(i) else {
            return;
        };
        let s = b.source(source(position, table));
        records(b, &table.records, s);
    }
}
