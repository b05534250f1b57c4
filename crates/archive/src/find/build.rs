//! Building the index one family of files (or one conversation) per step, as
//! [`crate::catalog::Counting`] counts: the host runs [`Indexing::step`] between other
//! work, and may query [`Indexing::partial`] before the last step.

use super::index::{ActivityField, Index, Kind, List, NewDoc};
use super::sensitive::{is_sensitive_label, looks_sensitive};
use crate::export::Export;
use crate::instant::Instant;
use crate::model::{FolderKind, Message, PostKind, Record, Thread, ThreadSummary, ViewedKind};
use crate::steps::{Step, Unit, Walk};

/// Where indexing stands: `done` of `total` steps (the total grows once the inbox says
/// how many conversations there are), and the documents indexed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub done: u64,
    pub total: u64,
    pub what: &'static str,
    pub documents: usize,
}

/// An index being built.
#[derive(Default)]
pub struct Indexing {
    walk: Walk,
    index: Index,
}

impl std::fmt::Debug for Indexing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Indexing")
            .field("status", &self.status())
            .finish()
    }
}

impl Indexing {
    /// Does the next unit of work; the finished index once the last one is done (then
    /// this `Indexing` is empty).
    pub fn step(&mut self, export: &mut Export) -> Option<Index> {
        if let Some(unit) = self.walk.next(export) {
            self.run(unit, export);
            self.index.seal();
        }
        if self.walk.is_done() {
            let mut index = std::mem::take(&mut self.index);
            index.finish();
            return Some(index);
        }
        None
    }

    /// Every step to the end.
    pub fn run_all(mut self, export: &mut Export) -> Index {
        loop {
            if let Some(index) = self.step(export) {
                return index;
            }
        }
    }

    /// What is indexed so far, to answer queries before the end (`is_complete` false).
    pub fn partial(&self) -> &Index {
        &self.index
    }

    pub fn status(&self) -> Status {
        let plan = self.walk.status();
        Status {
            done: plan.done,
            total: plan.total,
            what: plan.what,
            documents: self.index.len(),
        }
    }

    fn run(&mut self, unit: Unit, export: &mut Export) {
        let ix = &mut self.index;
        let step = match unit {
            Unit::Thread(read) => return self::thread(ix, &read.0, &read.1.value),
            Unit::Family(step) => step,
        };
        match step {
            Step::Profile => profile(ix, export),
            Step::Posts(kind) => posts(ix, export, kind),
            Step::Relations => relations(ix, export),
            Step::Inbox | Step::Thread(_) => {}
            Step::Activity => activity(ix, export),
            Step::Account => account(ix, export),
            Step::Tables => tables(ix, export, false),
            Step::Unclaimed => tables(ix, export, true),
        }
    }
}

/// Adds one document.
fn add(
    ix: &mut Index,
    kind: Kind,
    (list, index): (u32, usize),
    time: Instant,
    person: Option<&str>,
    parts: &[&str],
) {
    ix.add(NewDoc {
        kind,
        list,
        index,
        time,
        person,
        parts,
    });
}

fn profile(ix: &mut Index, export: &mut Export) {
    let p = &export.profile().value;
    let list = ix.add_list(List::Profile);
    let mut parts = vec![
        p.username.as_str(),
        p.name.as_str(),
        p.bio.as_str(),
        p.website.as_str(),
    ];
    // Facts such as `Phone Confirmed` or `City Name`: only those the tables show openly.
    for (label, value) in &p.facts {
        if !is_sensitive_label(label) && !looks_sensitive(value) {
            parts.push(value);
        }
    }
    add(
        ix,
        Kind::Profile,
        (list, 0),
        p.joined,
        Some(&p.username),
        &parts,
    );
}

fn posts(ix: &mut Index, export: &mut Export, kind: PostKind) {
    let posts = &export.posts(kind).value;
    if posts.is_empty() {
        return;
    }
    let list = ix.add_list(List::Posts { kind });
    let doc_kind = match kind {
        PostKind::Story => Kind::Story,
        PostKind::Reel => Kind::Reel,
        _ => Kind::Post,
    };
    for (i, post) in posts.iter().enumerate() {
        let mut parts = vec![post.caption.as_str()];
        for item in &post.items {
            if item.caption != post.caption {
                parts.push(&item.caption);
            }
            if let Some(place) = &item.place {
                parts.push(place);
            }
        }
        add(ix, doc_kind, (list, i), post.time, None, &parts);
    }
}

fn relations(ix: &mut Index, export: &mut Export) {
    for rel in &export.relations().value.lists {
        let list = ix.add_list(List::Relations {
            kind: rel.kind.clone(),
        });
        for (i, r) in rel.items.iter().enumerate() {
            let mut parts = vec![r.username.as_str()];
            parts.extend(r.members.iter().map(String::as_str));
            add(
                ix,
                Kind::Account,
                (list, i),
                r.time,
                Some(&r.username),
                &parts,
            );
        }
    }
}

/// A message's own text and the text of what it shares.
fn message_parts(m: &Message) -> Vec<&str> {
    let mut parts: Vec<&str> = m.text.iter().map(String::as_str).collect();
    if let Some(share) = &m.share {
        parts.extend(share.text.as_deref());
        parts.extend(share.profile_name.as_deref());
        parts.extend(share.profile_username.as_deref());
    }
    parts
}

/// Messages by their position in `list`; notices (calls, "liked a message") left out.
fn add_messages(ix: &mut Index, list: u32, messages: &[Message]) {
    for (i, m) in messages.iter().enumerate().filter(|(_, m)| !m.is_system) {
        let parts = message_parts(m);
        add(
            ix,
            Kind::Message,
            (list, i),
            m.time,
            Some(&m.sender),
            &parts,
        );
    }
}

/// One conversation, read in full and let go.
fn thread(ix: &mut Index, summary: &ThreadSummary, thread: &Thread) {
    let list = ix.add_list(List::Thread {
        id: summary.id.clone(),
        title: summary.title.clone(),
        participants: summary.participants.clone(),
    });
    add_messages(ix, list, &thread.messages);
    if summary.folder_kind == Some(FolderKind::Broadcast) && !thread.replies.is_empty() {
        let list = ix.add_list(List::Replies {
            id: summary.id.clone(),
            title: summary.title.clone(),
        });
        add_messages(ix, list, &thread.replies);
    }
}

/// One document per item: (kind, time, sender or owner, parts of text).
type Item<'a> = (Kind, Instant, Option<&'a str>, Vec<&'a str>);

/// Adds every item of one list, in order.
fn add_all<'a>(ix: &mut Index, field: ActivityField, items: impl Iterator<Item = Item<'a>>) {
    let list = ix.add_list(List::Activity { field });
    for (i, (kind, time, person, parts)) in items.enumerate() {
        add(ix, kind, (list, i), time, person, &parts);
    }
}

fn activity(ix: &mut Index, export: &mut Export) {
    use ActivityField as F;
    let a = &export.activity().value;
    add_all(
        ix,
        F::Comments,
        a.comments.iter().map(|c| {
            let owner = c.media_owner.as_str();
            (
                Kind::Comment,
                c.time,
                Some(owner),
                vec![c.text.as_str(), owner],
            )
        }),
    );
    add_all(
        ix,
        F::Likes,
        a.likes.iter().map(|l| {
            let parts = vec![l.owner.as_str(), l.reaction.as_deref().unwrap_or("")];
            (Kind::Account, l.time, Some(l.owner.as_str()), parts)
        }),
    );
    add_all(
        ix,
        F::Saved,
        a.saved.iter().map(|s| {
            (
                Kind::Account,
                s.time,
                Some(s.owner.as_str()),
                vec![s.owner.as_str()],
            )
        }),
    );
    add_all(
        ix,
        F::Collections,
        a.collections.iter().map(|c| {
            let mut parts = vec![c.name.as_str()];
            parts.extend(c.items.iter().map(|s| s.owner.as_str()));
            (Kind::Account, c.created, None, parts)
        }),
    );
    add_all(
        ix,
        F::Searches,
        a.searches
            .iter()
            .map(|s| (Kind::Search, s.time, None, vec![s.query.as_str()])),
    );
    add_all(
        ix,
        F::StoryInteractions,
        a.story_interactions.iter().map(|s| {
            let parts = vec![s.owner.as_str(), s.value.as_deref().unwrap_or("")];
            (
                Kind::StoryInteraction,
                s.time,
                Some(s.owner.as_str()),
                parts,
            )
        }),
    );
    add_all(
        ix,
        F::Viewed,
        a.viewed.iter().map(|v| {
            let kind = if v.kind == ViewedKind::Ad {
                Kind::Ad
            } else {
                Kind::Account
            };
            (
                kind,
                v.time,
                Some(v.author.as_str()),
                vec![v.author.as_str()],
            )
        }),
    );
    let list = ix.add_list(List::Activity { field: F::Other });
    for (i, r) in a.other.iter().enumerate() {
        record(ix, Kind::Other, (list, i), r);
    }
}

/// A generic record: its title and the values of fields not masked.
fn record(ix: &mut Index, kind: Kind, at: (u32, usize), r: &Record) {
    let mut parts = vec![r.title.as_str()];
    for (label, value) in &r.fields {
        if !is_sensitive_label(label) && !looks_sensitive(value) {
            parts.push(value);
        }
    }
    add(ix, kind, at, r.time, None, &parts);
}

/// Account records other than logins, devices and locations (masked or not text).
fn account(ix: &mut Index, export: &mut Export) {
    let a = &export.account().value;
    if a.other.is_empty() {
        return;
    }
    let list = ix.add_list(List::AccountRecords);
    for (i, r) in a.other.iter().enumerate() {
        record(ix, Kind::Other, (list, i), r);
    }
}

/// Known tables (ads and topics among them), or the files shown under "Other data".
fn tables(ix: &mut Index, export: &mut Export, other_files: bool) {
    let tables = if other_files {
        &export.other_files().value
    } else {
        &export.tables().value
    };
    for (t, table) in tables.iter().enumerate() {
        let list = if other_files {
            ix.add_list(List::OtherFile {
                index: t,
                path: table.provenance.path.clone(),
            })
        } else {
            ix.add_list(List::Table {
                index: t,
                name: table.name.clone(),
            })
        };
        let kind = table_kind(&table.name, &table.provenance.path);
        for (i, r) in table.records.iter().enumerate() {
            record(ix, kind, (list, i), r);
        }
    }
}

fn table_kind(name: &str, path: &str) -> Kind {
    use crate::category::Category;
    let file = path.rsplit('/').next().unwrap_or(path);
    if [
        Category::Advertisers,
        Category::Topics,
        Category::OffMetaApps,
    ]
    .iter()
    .any(|c| c.key() == name)
    {
        Kind::Ad
    } else if file.contains("note") {
        Kind::Note
    } else {
        Kind::Other
    }
}
