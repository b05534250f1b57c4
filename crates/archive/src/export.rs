//! The facade the worker uses: one opened export, parsed family by family on demand.
//! Each family is parsed once, on first use, and its records are kept: several views and
//! the catalog ask for the same families, and re-reading the files would cost more than
//! the records weigh. File bytes are dropped after parsing, and whole threads are never
//! kept (one can hold a gigabyte of messages).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::container::Archive;
use crate::detect::{Detection, detect};
use crate::instant::Instant;
use crate::model::{
    Account, Activity, CommentKind, Inbox, LikeKind, MediaRef, Post, PostKind, Profile,
    RecordTable, RelationKind, Relations, SearchKind, Thread, ViewedKind,
};
use crate::parse::{
    self, Parsed, Problem, account, activity, messages, posts, profile, relations, tables,
};

/// "What's in this export": counts per category, unknown files, covered period, media
/// the JSON names but the export lacks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub detection: Detection,
    /// Record counts keyed by category (`posts`, `followers`, `messages`, …).
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
    catalog: Option<Parsed<Catalog>>,
}

/// The cached value in `slot`, computed from the archive the first time.
fn cached<T: Clone>(
    slot: &mut Option<T>,
    archive: &mut Archive,
    compute: impl FnOnce(&mut Archive) -> T,
) -> T {
    slot.get_or_insert_with(|| compute(archive)).clone()
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
            catalog: None,
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

    pub fn profile(&mut self) -> Parsed<Profile> {
        cached(&mut self.profile, &mut self.archive, profile::parse)
    }

    pub fn posts(&mut self, kind: PostKind) -> Parsed<Vec<Post>> {
        let archive = &mut self.archive;
        self.posts
            .entry(kind)
            .or_insert_with(|| posts::parse(archive, kind))
            .clone()
    }

    pub fn relations(&mut self) -> Parsed<Relations> {
        cached(&mut self.relations, &mut self.archive, relations::parse)
    }

    /// Thread summaries, newest first; reads only `message_1.json` of each thread.
    pub fn inbox(&mut self) -> Parsed<Inbox> {
        let profile = self.profile().value;
        cached(&mut self.inbox, &mut self.archive, |archive| {
            messages::inbox(archive, Some(&profile))
        })
    }

    /// A whole thread by id (or by the id of a folder merged into it).
    pub fn thread(&mut self, id: &str) -> Option<Parsed<Thread>> {
        let inbox = self.inbox().value;
        let summary = inbox
            .threads
            .iter()
            .find(|t| t.id == id || t.merged_folders.iter().any(|m| m == id))?;
        Some(messages::thread(&mut self.archive, summary))
    }

    pub fn activity(&mut self) -> Parsed<Activity> {
        cached(&mut self.activity, &mut self.archive, activity::parse)
    }

    pub fn account(&mut self) -> Parsed<Account> {
        cached(&mut self.account, &mut self.archive, account::parse)
    }

    /// Ads, topics, insights, the Threads app …: known files as generic tables.
    pub fn tables(&mut self) -> Parsed<Vec<RecordTable>> {
        cached(&mut self.tables, &mut self.archive, tables::parse)
    }

    /// JSON files no parser claims, as generic tables: new Meta files are never hidden.
    pub fn other_files(&mut self) -> Parsed<Vec<RecordTable>> {
        cached(
            &mut self.other_files,
            &mut self.archive,
            tables::other_files,
        )
    }

    /// Everything counted, once: the first call reads every file (every thread in full).
    pub fn catalog(&mut self) -> Parsed<Catalog> {
        if let Some(catalog) = &self.catalog {
            return catalog.clone();
        }
        let catalog = self.count_everything();
        self.catalog = Some(catalog.clone());
        catalog
    }

    fn count_everything(&mut self) -> Parsed<Catalog> {
        let mut problems: Vec<Problem> = Vec::new();
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        let mut times = TimeRange::default();
        let mut missing: BTreeSet<String> = BTreeSet::new();
        let mut note_missing = |m: &MediaRef| {
            if m.missing {
                missing.insert(m.uri.clone());
            }
        };

        let profile = self.profile();
        problems.extend(profile.problems);
        counts.insert("profile_photos".into(), profile.value.photos.len());
        profile
            .value
            .photos
            .iter()
            .for_each(|i| note_missing(&i.media));

        let mut subtitles = 0;
        for kind in PostKind::ALL {
            let parsed = self.posts(kind);
            problems.extend(parsed.problems);
            let posts = parsed.value;
            for p in &posts {
                times.add(p.time);
                for item in &p.items {
                    note_missing(&item.media);
                    if let Some(s) = &item.subtitles {
                        note_missing(s);
                        subtitles += 1;
                    }
                }
            }
            let key = match kind {
                PostKind::Post => {
                    counts.insert(
                        "carousel_posts".into(),
                        posts.iter().filter(|p| p.is_carousel()).count(),
                    );
                    counts.insert(
                        "post_media".into(),
                        posts.iter().map(|p| p.items.len()).sum(),
                    );
                    "posts"
                }
                PostKind::Story => "stories",
                PostKind::Reel => "reels",
                PostKind::Igtv => "igtv",
                PostKind::Archived => "archived_posts",
                PostKind::RecentlyDeleted => "recently_deleted",
                PostKind::Other => "other_content",
            };
            counts.insert(key.into(), posts.len());
        }

        let rel = self.relations();
        problems.extend(rel.problems);
        for list in &rel.value.lists {
            let key = match &list.kind {
                RelationKind::Followers => "followers".to_owned(),
                RelationKind::Following => "following".to_owned(),
                RelationKind::CloseFriends => "close_friends".to_owned(),
                RelationKind::Blocked => "blocked".to_owned(),
                RelationKind::Restricted => "restricted".to_owned(),
                RelationKind::PendingRequests => "pending_follow_requests".to_owned(),
                RelationKind::RecentRequests => "recent_follow_requests".to_owned(),
                RelationKind::ReceivedRequests => "follow_requests_received".to_owned(),
                RelationKind::RecentlyUnfollowed => "recently_unfollowed".to_owned(),
                RelationKind::HiddenStoryFrom => "hidden_story_from".to_owned(),
                RelationKind::Favorites => "favorites".to_owned(),
                RelationKind::Hashtags => "following_hashtags".to_owned(),
                RelationKind::CustomLists => "custom_lists".to_owned(),
                RelationKind::RemovedSuggestions => "removed_suggestions".to_owned(),
                RelationKind::ThreadsFollowers => "threads_app_followers".to_owned(),
                RelationKind::ThreadsFollowing => "threads_app_following".to_owned(),
                RelationKind::Other(k) => format!("relations_{k}"),
            };
            *counts.entry(key).or_default() += list.items.len();
            list.items.iter().for_each(|r| times.add(r.time));
        }

        let inbox = self.inbox();
        problems.extend(inbox.problems);
        let mut thread_messages = BTreeMap::new();
        let (mut threads, mut requests, mut total) = (0, 0, 0);
        let (mut channels, mut broadcasts, mut replies) = (0, 0, 0);
        // One pass over the file list for all threads, each dropped once counted.
        messages::each_thread(
            &mut self.archive,
            &inbox.value.threads,
            |summary, thread| {
                problems.extend(thread.problems);
                let t = thread.value;
                for m in &t.messages {
                    times.add(m.time);
                    m.media().for_each(&mut note_missing);
                }
                match summary.folder_kind {
                    Some(crate::model::FolderKind::MessageRequests) => requests += 1,
                    Some(crate::model::FolderKind::Broadcast) => {
                        channels += 1;
                        broadcasts += t.messages.len();
                        replies += t.replies.len();
                    }
                    _ => {
                        threads += 1;
                        total += t.messages.len();
                    }
                }
                thread_messages.insert(summary.id.clone(), t.messages.len());
            },
        );
        counts.insert("threads".into(), threads);
        counts.insert("message_requests".into(), requests);
        counts.insert("messages".into(), total);
        counts.insert("broadcast_channels".into(), channels);
        counts.insert("broadcast_messages".into(), broadcasts);
        counts.insert("broadcast_replies".into(), replies);
        counts.insert("subtitles".into(), subtitles);

        let act = self.activity();
        problems.extend(act.problems);
        let a = act.value;
        let count = |counts: &mut BTreeMap<String, usize>, key: &str, n: usize| {
            *counts.entry(key.to_owned()).or_default() += n;
        };
        for c in &a.comments {
            let key = match c.kind {
                CommentKind::Post => "post_comments",
                CommentKind::Reel => "reel_comments",
                CommentKind::Story => "story_comments",
                CommentKind::Live => "live_comments",
            };
            count(&mut counts, key, 1);
            times.add(c.time);
        }
        for l in &a.likes {
            let key = match l.kind {
                LikeKind::Post => "liked_posts",
                LikeKind::Comment => "liked_comments",
                LikeKind::Story => "liked_stories",
                LikeKind::Threads => "liked_threads",
            };
            count(&mut counts, key, 1);
            times.add(l.time);
        }
        count(&mut counts, "saved_posts", a.saved.len());
        count(&mut counts, "saved_collections", a.collections.len());
        for s in &a.searches {
            let key = match s.kind {
                SearchKind::Profile => "profile_searches",
                SearchKind::Keyword => "keyword_searches",
                SearchKind::Tag => "tag_searches",
                SearchKind::Place => "place_searches",
                SearchKind::Other => "other_searches",
            };
            count(&mut counts, key, 1);
            times.add(s.time);
        }
        count(
            &mut counts,
            "story_interactions",
            a.story_interactions.len(),
        );
        for v in &a.viewed {
            let key = match v.kind {
                ViewedKind::Post => "posts_viewed",
                ViewedKind::Video => "videos_watched",
                ViewedKind::Ad => "ads_viewed",
                ViewedKind::SuggestedProfile => "suggested_profiles_viewed",
                ViewedKind::ThreadsPost => "threads_viewed",
            };
            count(&mut counts, key, 1);
            times.add(v.time);
        }
        a.saved.iter().for_each(|s| times.add(s.time));

        let acc = self.account();
        problems.extend(acc.problems);
        let acc = acc.value;
        counts.insert("logins".into(), acc.logins.len());
        counts.insert("logouts".into(), acc.logouts.len());
        counts.insert("password_changes".into(), acc.password_changes.len());
        counts.insert("privacy_changes".into(), acc.privacy_changes.len());
        counts.insert("devices".into(), acc.devices.len());
        counts.insert("profile_changes".into(), acc.profile_changes.len());
        acc.logins.iter().for_each(|l| times.add(l.time));

        let known = self.tables();
        problems.extend(known.problems);
        for t in &known.value {
            count(&mut counts, &t.name, t.records.len());
        }

        let unknown_files = tables::unclaimed(&mut self.archive);
        counts.retain(|_, n| *n > 0);
        Parsed {
            value: Catalog {
                detection: self.detection.clone(),
                counts,
                thread_messages,
                unknown_files,
                first: times.first,
                last: times.last,
                missing_media: missing.into_iter().collect(),
            },
            problems,
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

/// Re-exported for callers that only have an `Archive`.
pub use parse::resolve;
