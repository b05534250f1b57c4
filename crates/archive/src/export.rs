//! The facade the worker uses: one opened export, parsed family by family on demand.
//! Each family is parsed once, on first use, and its records are kept: several views and
//! the catalog ask for the same families, and re-reading the files would cost more than
//! the records weigh. File bytes are dropped after parsing, and whole threads are never
//! kept (one can hold a gigabyte of messages).

use std::collections::BTreeMap;

use crate::container::Archive;
use crate::detect::{Detection, detect};
use crate::model::{
    Account, Activity, Inbox, Post, PostKind, Profile, RecordTable, Relations, Thread,
    ThreadSummary,
};
use crate::parse::{self, Parsed, account, activity, messages, posts, profile, relations, tables};

/// One export, opened.
pub struct Export {
    archive: Archive,
    detection: Detection,
    profile: Option<Parsed<Profile>>,
    inbox: Option<Parsed<Inbox>>,
    posts: BTreeMap<PostKind, Parsed<Vec<Post>>>,
    relations: Option<Parsed<Relations>>,
    activity: Option<Parsed<Activity>>,
    account: Option<Parsed<Account>>,
    tables: Option<Parsed<Vec<RecordTable>>>,
    other_files: Option<Parsed<Vec<RecordTable>>>,
}

/// The cached value in `slot`, computed from the archive the first time.
fn cached<'a, T>(
    slot: &'a mut Option<T>,
    archive: &mut Archive,
    compute: impl FnOnce(&mut Archive) -> T,
) -> &'a T {
    slot.get_or_insert_with(|| compute(archive))
}

impl Export {
    pub fn new(archive: Archive) -> Self {
        let detection = detect(&archive);
        Export {
            archive,
            detection,
            profile: None,
            inbox: None,
            posts: BTreeMap::new(),
            relations: None,
            activity: None,
            account: None,
            tables: None,
            other_files: None,
        }
    }

    pub fn archive(&self) -> &Archive {
        &self.archive
    }

    /// For reading media bytes or locations; parsed results cached here stay valid as long
    /// as no parts are added (add parts before building the `Export`).
    pub fn archive_mut(&mut self) -> &mut Archive {
        &mut self.archive
    }

    pub fn into_archive(self) -> Archive {
        self.archive
    }

    pub fn detection(&self) -> &Detection {
        &self.detection
    }

    pub fn profile(&mut self) -> &Parsed<Profile> {
        cached(&mut self.profile, &mut self.archive, profile::parse)
    }

    pub fn posts(&mut self, kind: PostKind) -> &Parsed<Vec<Post>> {
        let archive = &mut self.archive;
        self.posts
            .entry(kind)
            .or_insert_with(|| posts::parse(archive, kind))
    }

    pub fn relations(&mut self) -> &Parsed<Relations> {
        cached(&mut self.relations, &mut self.archive, relations::parse)
    }

    /// Thread summaries, newest first; reads only `message_1.json` of each thread.
    pub fn inbox(&mut self) -> &Parsed<Inbox> {
        let inbox = match self.inbox.take() {
            Some(inbox) => inbox,
            None => {
                self.profile();
                let profile = self.profile.as_ref().map(|p| &p.value);
                messages::inbox(&mut self.archive, profile)
            }
        };
        self.inbox.insert(inbox)
    }

    /// A whole thread by id (or by the id of a folder merged into it).
    pub fn thread(&mut self, id: &str) -> Option<Parsed<Thread>> {
        let summary = self
            .inbox()
            .value
            .threads
            .iter()
            .find(|t| t.id == id || t.merged_folders.iter().any(|m| m == id))?
            .clone();
        Some(messages::thread(&mut self.archive, &summary))
    }

    /// Every thread of the inbox in its order, parsed one at a time and handed to `visit`
    /// with its summary; each is dropped before the next is read.
    pub fn for_each_thread(&mut self, visit: impl FnMut(&ThreadSummary, Parsed<Thread>)) {
        self.inbox();
        let Some(inbox) = &self.inbox else {
            return;
        };
        messages::each_thread(&mut self.archive, &inbox.value.threads, visit);
    }

    pub fn activity(&mut self) -> &Parsed<Activity> {
        cached(&mut self.activity, &mut self.archive, activity::parse)
    }

    pub fn account(&mut self) -> &Parsed<Account> {
        cached(&mut self.account, &mut self.archive, account::parse)
    }

    /// Ads, topics, insights, the Threads app …: known files as generic tables.
    pub fn tables(&mut self) -> &Parsed<Vec<RecordTable>> {
        cached(&mut self.tables, &mut self.archive, tables::parse)
    }

    /// JSON files no parser claims, as generic tables: new Meta files are never hidden.
    pub fn other_files(&mut self) -> &Parsed<Vec<RecordTable>> {
        cached(
            &mut self.other_files,
            &mut self.archive,
            tables::other_files,
        )
    }
}

/// Re-exported for callers that only have an `Archive`.
pub use parse::resolve;
