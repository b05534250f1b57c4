//! Direct messages (docs/FORMAT.md §6.4, §4).
//!
//! Threads live in `…/messages/<inbox|message_requests|…>/<folder>/message_N.json`, newest
//! messages first, `message_1.json` newest. The inbox reads only `message_1.json` of each
//! thread (the file count comes from the index); a whole thread is read on demand. Era A
//! keeps every conversation in one root `messages.json`.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::files::FileName;
use super::{Ctx, JsonFile, Parsed, non_empty, provenance};
use crate::blocks::strip_bom;
use crate::container::Archive;
use crate::instant::Instant;
use crate::lenient::{self, Capped, Text};
use crate::model::{
    FolderKind, Inbox, MediaRef, Message, Owner, OwnerSource, Profile, Reaction, Share, Thread,
    ThreadSummary,
};
use crate::text;

/// Where a message file sits: `(folder kind dir, thread folder, page)`.
pub(crate) fn thread_file(f: &FileName<'_>) -> Option<(String, String, u32)> {
    thread_page(f, "message")
}

/// `replies_N.json` of a broadcast channel.
pub(crate) fn replies_file(f: &FileName<'_>) -> Option<(String, String, u32)> {
    thread_page(f, "replies")
}

fn thread_page(f: &FileName<'_>, stem: &str) -> Option<(String, String, u32)> {
    if !f.document || f.stem != stem || f.page == 0 {
        return None;
    }
    let mut dirs = f.dir_path.rsplit('/');
    let folder = dirs.next()?;
    let kind = dirs.next()?;
    (dirs.next()? == "messages").then(|| (kind.to_owned(), folder.to_owned(), f.page))
}

fn is_legacy(f: &FileName<'_>) -> bool {
    f.document && f.stem == "messages" && f.page == 0 && f.at_root()
}

pub(crate) fn claims(f: &FileName<'_>) -> bool {
    thread_file(f).is_some() || replies_file(f).is_some() || is_legacy(f)
}

/// `replies_N.json`: `{ "replies": [ {reply_content, original_message_sender, timestamp_ms} ] }`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct RawReplies {
    #[serde(deserialize_with = "lenient::list")]
    replies: Vec<RawReply>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawReply {
    #[serde(deserialize_with = "lenient::string")]
    reply_content: String,
    #[serde(deserialize_with = "lenient::string")]
    original_message_sender: String,
    #[serde(deserialize_with = "lenient::epoch")]
    timestamp_ms: Instant,
}

/// Replies files by `(kind dir, folder)`, found once per thread read (a thread merged
/// from thousands of folders must not scan the file list once per folder).
fn replies_index(ctx: &Ctx<'_>) -> BTreeMap<(String, String), Vec<JsonFile>> {
    let mut map: BTreeMap<(String, String), Vec<JsonFile>> = BTreeMap::new();
    for (file, (kind, folder, _)) in ctx.matching(|f| replies_file(&FileName::of(&f.path))) {
        map.entry((kind, folder)).or_default().push(file);
    }
    map
}

fn read_replies(ctx: &mut Ctx<'_>, files: &[JsonFile]) -> Vec<Message> {
    let mut out = Vec::new();
    for file in files {
        if let Some(doc) = ctx.document::<RawReplies>(file) {
            out.extend(doc.replies.into_iter().map(|r| Message {
                time: r.timestamp_ms,
                text: non_empty(r.reply_content),
                share: non_empty(r.original_message_sender).map(|o| Share {
                    owner: Some(o),
                    ..Share::default()
                }),
                ..Message::default()
            }));
        }
    }
    out.sort_by_key(|m| m.time);
    out
}

/// A participant: `{ "name": … }` (Messenger style) or a bare username (Era A).
#[derive(Debug, Clone, Default)]
struct Name(String);

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a participant")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Name, E> {
                Ok(Name(text::repair(v).into_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Name, A::Error> {
                let mut name = String::new();
                while let Some(k) = map.next_key::<String>()? {
                    if (k == "name" || k == "username") && name.is_empty() {
                        name = map.next_value::<Text>()?.0;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(Name(name))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Name, E> {
                Ok(Name(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

/// One `message_N.json`, or one conversation of Era A `messages.json`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct RawThread<'a> {
    #[serde(deserialize_with = "lenient::list")]
    participants: Vec<Name>,
    #[serde(borrow)]
    messages: Capped<&'a RawValue>,
    /// Era A.
    #[serde(borrow)]
    conversation: Capped<&'a RawValue>,
    #[serde(deserialize_with = "lenient::string")]
    title: String,
    #[serde(deserialize_with = "lenient::string")]
    thread_type: String,
    joinable_mode: Option<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Uri {
    #[serde(deserialize_with = "lenient::string")]
    uri: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawShare {
    #[serde(deserialize_with = "lenient::string")]
    link: String,
    #[serde(deserialize_with = "lenient::string")]
    share_text: String,
    #[serde(deserialize_with = "lenient::string")]
    original_content_owner: String,
    #[serde(deserialize_with = "lenient::string")]
    profile_share_username: String,
    #[serde(deserialize_with = "lenient::string")]
    profile_share_name: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawReaction {
    #[serde(deserialize_with = "lenient::string")]
    reaction: String,
    #[serde(deserialize_with = "lenient::string")]
    actor: String,
    #[serde(deserialize_with = "lenient::epoch")]
    timestamp: Instant,
    /// Era A `likes`.
    #[serde(deserialize_with = "lenient::string")]
    username: String,
    #[serde(deserialize_with = "lenient::epoch")]
    date: Instant,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawMessage {
    #[serde(deserialize_with = "lenient::string")]
    sender_name: String,
    #[serde(deserialize_with = "lenient::epoch")]
    timestamp_ms: Instant,
    #[serde(deserialize_with = "lenient::string")]
    content: String,
    #[serde(deserialize_with = "lenient::list")]
    photos: Vec<Uri>,
    #[serde(deserialize_with = "lenient::list")]
    videos: Vec<Uri>,
    #[serde(deserialize_with = "lenient::list")]
    audio_files: Vec<Uri>,
    #[serde(deserialize_with = "lenient::list")]
    gifs: Vec<Uri>,
    #[serde(deserialize_with = "lenient::list")]
    sticker: Vec<Uri>,
    #[serde(deserialize_with = "lenient::list")]
    files: Vec<Uri>,
    #[serde(deserialize_with = "lenient::nullable")]
    share: Option<RawShare>,
    #[serde(deserialize_with = "lenient::list")]
    reactions: Vec<RawReaction>,
    #[serde(deserialize_with = "lenient::boolean")]
    is_unsent: bool,
    call_duration: Option<Text>,
    #[serde(deserialize_with = "lenient::string", rename = "type")]
    kind: String,
    // Era A keys.
    #[serde(deserialize_with = "lenient::string")]
    sender: String,
    #[serde(deserialize_with = "lenient::epoch")]
    created_at: Instant,
    #[serde(deserialize_with = "lenient::string")]
    text: String,
    #[serde(deserialize_with = "lenient::string")]
    media_share_url: String,
    #[serde(deserialize_with = "lenient::string")]
    media_owner: String,
    #[serde(deserialize_with = "lenient::string")]
    media_share_caption: String,
    #[serde(deserialize_with = "lenient::string")]
    media_url: String,
    #[serde(deserialize_with = "lenient::string")]
    media: String,
    #[serde(deserialize_with = "lenient::string")]
    link: String,
    #[serde(deserialize_with = "lenient::string")]
    profile_share_username: String,
    #[serde(deserialize_with = "lenient::string")]
    profile_share_name: String,
    #[serde(deserialize_with = "lenient::string")]
    voice_media: String,
    #[serde(deserialize_with = "lenient::string")]
    heart: String,
    #[serde(deserialize_with = "lenient::list")]
    likes: Vec<RawReaction>,
    #[serde(deserialize_with = "lenient::string")]
    video_call_action: String,
    #[serde(deserialize_with = "lenient::string")]
    action: String,
}

/// System notices Meta writes as plain content (English; other languages are shown as
/// ordinary messages).
fn looks_like_notice(text: &str) -> bool {
    text == "Liked a message"
        || text.ends_with(" sent an attachment.")
        || text.ends_with("started a video chat")
        || text.ends_with("started an audio call")
        || text.ends_with("missed a video chat")
        || text.ends_with("missed an audio call")
        || text.starts_with("Reacted ")
}

fn convert(ctx: &Ctx<'_>, m: RawMessage) -> Message {
    let refs = |list: &[Uri]| -> Vec<MediaRef> {
        list.iter().filter_map(|u| ctx.media_ref(&u.uri)).collect()
    };
    let mut photos = refs(&m.photos);
    let mut videos = refs(&m.videos);
    let mut audio = refs(&m.audio_files);
    // Era A carries one media URL per message.
    for url in [&m.media_url, &m.media] {
        if let Some(r) = ctx.media_ref(url) {
            match r.kind {
                Some(crate::model::MediaKind::Video) => videos.push(r),
                _ => photos.push(r),
            }
        }
    }
    audio.extend(ctx.media_ref(&m.voice_media));
    let share = if let Some(s) = m.share {
        Some(Share {
            link: non_empty(s.link),
            owner: non_empty(s.original_content_owner),
            text: non_empty(s.share_text),
            profile_username: non_empty(s.profile_share_username),
            profile_name: non_empty(s.profile_share_name),
        })
    } else {
        let legacy = Share {
            link: non_empty(m.media_share_url).or(non_empty(m.link)),
            owner: non_empty(m.media_owner),
            text: non_empty(m.media_share_caption),
            profile_username: non_empty(m.profile_share_username),
            profile_name: non_empty(m.profile_share_name),
        };
        (legacy != Share::default()).then_some(legacy)
    };
    let reactions = m
        .reactions
        .into_iter()
        .chain(m.likes)
        .map(|r| Reaction {
            actor: if r.actor.is_empty() {
                r.username
            } else {
                r.actor
            },
            emoji: if r.reaction.is_empty() {
                "❤️".to_owned()
            } else {
                r.reaction
            },
            time: r.timestamp.or(r.date),
        })
        .collect();
    let call_duration = m.call_duration.and_then(|t| t.0.trim().parse::<i64>().ok());
    let text = non_empty(m.content)
        .or(non_empty(m.text))
        .or(non_empty(m.heart))
        .or(non_empty(m.action));
    let is_system = call_duration.is_some()
        || m.kind == "Call"
        || !m.video_call_action.is_empty()
        || text.as_deref().is_some_and(looks_like_notice);
    Message {
        sender: if m.sender_name.is_empty() {
            m.sender
        } else {
            m.sender_name
        },
        time: m.timestamp_ms.or(m.created_at),
        text,
        photos,
        videos,
        audio,
        gifs: refs(&m.gifs),
        stickers: refs(&m.sticker),
        files: refs(&m.files),
        share,
        reactions,
        unsent: m.is_unsent,
        call_duration,
        is_system,
    }
}

/// What one file says about its thread, plus its messages in file order (newest first).
struct FileRead {
    title: String,
    participants: Vec<String>,
    group: bool,
    messages: Vec<Message>,
}

fn read_messages(ctx: &mut Ctx<'_>, file: &JsonFile, raw: RawThread<'_>) -> FileRead {
    let group = raw.participants.len() > 2
        || raw.joinable_mode.is_some()
        || raw.thread_type.contains("Group");
    let found = raw.messages.items.len() + raw.conversation.items.len();
    let skipped = raw.messages.skipped + raw.conversation.skipped;
    let keep = ctx.keep_rows(file, found);
    ctx.skipped(file, skipped);
    let mut messages = Vec::with_capacity(keep);
    let mut bad = 0usize;
    let items = raw.messages.items.iter().chain(&raw.conversation.items);
    for item in items.take(keep) {
        match serde_json::from_str::<RawMessage>(item.get()) {
            Ok(m) => messages.push(convert(ctx, m)),
            Err(_) => bad += 1,
        }
    }
    if bad > 0 {
        ctx.problem(&file.path, format!("{bad} messages could not be read"));
    }
    FileRead {
        title: raw.title,
        participants: raw
            .participants
            .into_iter()
            .map(|n| n.0)
            .filter(|n| !n.is_empty())
            .collect(),
        group,
        messages,
    }
}

fn read_file(ctx: &mut Ctx<'_>, file: &JsonFile) -> Option<FileRead> {
    let bytes = ctx.read(file)?;
    match serde_json::from_slice::<RawThread<'_>>(strip_bom(&bytes)) {
        Ok(raw) => Some(read_messages(ctx, file, raw)),
        Err(e) => {
            ctx.problem(&file.path, format!("could not read this thread file: {e}"));
            None
        }
    }
}

/// Thread folders found in the index: `(kind dir, folder)` → pages, ascending.
fn thread_index(ctx: &Ctx<'_>) -> BTreeMap<(String, String), Vec<(u32, JsonFile)>> {
    let mut map: BTreeMap<(String, String), Vec<(u32, JsonFile)>> = BTreeMap::new();
    for (file, (kind, folder, page)) in ctx.matching(|f| thread_file(&FileName::of(&f.path))) {
        map.entry((kind, folder)).or_default().push((page, file));
    }
    for pages in map.values_mut() {
        pages.sort_by_key(|(p, _)| *p);
    }
    map
}

fn summary_of(
    id: String,
    kind: FolderKind,
    files: usize,
    first: &JsonFile,
    read: &FileRead,
) -> ThreadSummary {
    let newest = read.messages.iter().max_by_key(|m| m.time);
    let known: BTreeSet<&str> = read.participants.iter().map(String::as_str).collect();
    let former: BTreeSet<String> = read
        .messages
        .iter()
        .map(|m| m.sender.as_str())
        .filter(|s| !s.is_empty() && !known.contains(s))
        .map(str::to_owned)
        .collect();
    ThreadSummary {
        id,
        folder_kind: Some(kind),
        merged_folders: Vec::new(),
        // Era A has no titles: filled in once the owner is known.
        title: read.title.clone(),
        participants: read.participants.clone(),
        former_names: former.into_iter().collect(),
        message_count: read.messages.len(),
        count_is_exact: files <= 1,
        files,
        last_message: newest.map(preview),
        last_time: newest.map(|m| m.time).unwrap_or_default(),
        is_group: read.group,
        provenance: provenance(first),
    }
}

fn preview(m: &Message) -> String {
    if let Some(t) = &m.text {
        return t.chars().take(120).collect();
    }
    let what = if !m.photos.is_empty() {
        "Photo"
    } else if !m.videos.is_empty() {
        "Video"
    } else if !m.audio.is_empty() {
        "Voice message"
    } else if m.share.is_some() {
        "Shared a post"
    } else if m.unsent {
        "Unsent message"
    } else {
        "Attachment"
    };
    what.to_owned()
}

/// The inbox: one summary per thread (message requests included, with their kind).
/// `profile` identifies the owner; pass the parsed profile when you have it.
pub fn inbox(archive: &mut Archive, profile: Option<&Profile>) -> Parsed<Inbox> {
    // Only summaries are kept: each file's messages are dropped once summarised, so the
    // export's row budget is not spent and the files' own caps bound each read.
    Ctx::run_passing(archive, usize::MAX, |ctx| read_inbox(ctx, profile))
}

fn read_inbox(ctx: &mut Ctx<'_>, profile: Option<&Profile>) -> Inbox {
    let mut threads = Vec::new();
    for ((kind, folder), pages) in thread_index(ctx) {
        let Some((_, first)) = pages.first() else {
            continue;
        };
        let first = first.clone();
        if let Some(read) = read_file(ctx, &first) {
            let id = format!("{kind}/{folder}");
            threads.push(summary_of(
                id,
                FolderKind::from_dir(&kind),
                pages.len(),
                &first,
                &read,
            ));
        }
    }
    for (file, ()) in ctx.matching(|f| is_legacy(&FileName::of(&f.path)).then_some(())) {
        for (i, t) in legacy_threads(ctx, &file) {
            let id = format!("legacy/{i}");
            threads.push(summary_of(id, FolderKind::Legacy, 1, &file, &t));
        }
    }
    let mut threads = merge_renamed(threads);
    threads.sort_by_key(|t| std::cmp::Reverse(t.last_time));
    let owner = owner(&threads, profile);
    for t in threads.iter_mut().filter(|t| t.title.is_empty()) {
        let others: Vec<&str> = t
            .participants
            .iter()
            .map(String::as_str)
            .filter(|p| Some(*p) != owner.name.as_deref())
            .collect();
        t.title = others.join(", ");
    }
    Inbox { owner, threads }
}

/// Every Era A conversation of `file`, with its position in the file (its thread id).
fn legacy_threads(ctx: &mut Ctx<'_>, file: &JsonFile) -> Vec<(usize, FileRead)> {
    let Some(bytes) = ctx.read(file) else {
        return Vec::new();
    };
    let raws = match serde_json::from_slice::<Vec<&RawValue>>(strip_bom(&bytes)) {
        Ok(r) => r,
        Err(e) => {
            ctx.problem(&file.path, format!("could not read this file: {e}"));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (i, raw) in raws.into_iter().enumerate() {
        match serde_json::from_str::<RawThread<'_>>(raw.get()) {
            Ok(t) => out.push((i, read_messages(ctx, file, t))),
            Err(e) => ctx.problem(&file.path, format!("a conversation could not be read: {e}")),
        }
    }
    out
}

/// The deleted-account placeholder: two such threads are different people.
fn is_placeholder(name: &str) -> bool {
    name.is_empty() || name == "Instagram User" || name == "Instagram-gebruiker"
}

/// Merge one-to-one threads of the same folder kind whose participant sets match: Meta
/// starts a new folder when a participant renames.
fn merge_renamed(threads: Vec<ThreadSummary>) -> Vec<ThreadSummary> {
    let mut out: Vec<ThreadSummary> = Vec::with_capacity(threads.len());
    // Position in `out` of the first thread with each key: one lookup per thread, not a
    // scan of all earlier ones (an inbox can hold tens of thousands of threads).
    let mut first: HashMap<(Option<FolderKind>, Vec<String>), usize> = HashMap::new();
    for t in threads {
        let mergeable = !t.is_group
            && t.participants.len() == 2
            && !t.participants.iter().any(|p| is_placeholder(p))
            && t.folder_kind != Some(FolderKind::Legacy);
        let existing = if mergeable {
            let mut people = t.participants.clone();
            people.sort();
            match first.entry((t.folder_kind.clone(), people)) {
                Entry::Occupied(at) => out.get_mut(*at.get()),
                Entry::Vacant(slot) => {
                    slot.insert(out.len());
                    None
                }
            }
        } else {
            None
        };
        match existing {
            Some(o) => {
                o.merged_folders.push(t.id);
                o.merged_folders.extend(t.merged_folders);
                o.message_count += t.message_count;
                o.count_is_exact &= t.count_is_exact;
                o.files += t.files;
                if t.last_time > o.last_time {
                    o.last_time = t.last_time;
                    o.last_message = t.last_message;
                    o.title = t.title;
                }
                // Deduplicated once at the end: thousands of folders can merge into one.
                o.former_names.extend(t.former_names);
            }
            None => out.push(t),
        }
    }
    for t in out.iter_mut().filter(|t| !t.merged_folders.is_empty()) {
        let mut names = HashSet::new();
        t.former_names.retain(|n| names.insert(n.clone()));
    }
    out
}

/// The account owner: the profile's name or username if it is a participant, else the
/// only participant present in every thread.
fn owner(threads: &[ThreadSummary], profile: Option<&Profile>) -> Owner {
    let all = || threads.iter().flat_map(|t| t.participants.iter());
    if let Some(p) = profile {
        for candidate in [&p.name, &p.username] {
            if !candidate.is_empty() && all().any(|n| n == candidate) {
                return Owner {
                    name: Some(candidate.clone()),
                    source: OwnerSource::Profile,
                };
            }
        }
    }
    let with_people: Vec<&ThreadSummary> = threads
        .iter()
        .filter(|t| !t.participants.is_empty())
        .collect();
    if with_people.len() >= 2
        && let Some(first) = with_people.first()
    {
        // Threads each name is in, counted in one pass (not a scan per name and thread).
        let mut seen_in: HashMap<&str, usize> = HashMap::new();
        for t in &with_people {
            let names: HashSet<&str> = t.participants.iter().map(String::as_str).collect();
            for n in names {
                *seen_in.entry(n).or_default() += 1;
            }
        }
        let everywhere = |n: &&String| seen_in.get(n.as_str()) == Some(&with_people.len());
        let common: Vec<&String> = first.participants.iter().filter(everywhere).collect();
        if let [only] = common.as_slice() {
            return Owner {
                name: Some((*only).clone()),
                source: OwnerSource::InEveryThread,
            };
        }
    }
    Owner {
        name: None,
        source: OwnerSource::Unknown,
    }
}

/// The whole thread behind `summary` (every file of every merged folder), oldest first.
pub fn thread(archive: &mut Archive, summary: &ThreadSummary) -> Parsed<Thread> {
    // Not kept by the export (a thread can be huge), so not charged to its budget.
    Ctx::run_passing(archive, super::RUN_ROWS, |ctx| {
        let mut files = ThreadFiles::of(ctx);
        read_thread(ctx, &mut files, summary)
    })
}

/// Threads read one at a time, with other work in between (the catalog runs in slices):
/// the file list and the indexes are built once, not once per thread — per thread they
/// made reading 10,000 threads quadratic.
pub struct ThreadReader {
    files: Vec<JsonFile>,
    index: ThreadFiles,
}

impl ThreadReader {
    pub fn new(archive: &mut Archive) -> Self {
        let ctx = Ctx::passing(archive, super::RUN_ROWS);
        let index = ThreadFiles::of(&ctx);
        ThreadReader {
            files: ctx.files,
            index,
        }
    }

    /// The whole thread behind `summary`, with its own row budget.
    pub fn read(&mut self, archive: &mut Archive, summary: &ThreadSummary) -> Parsed<Thread> {
        let files = std::mem::take(&mut self.files);
        let mut ctx = Ctx::passing_over(archive, files, super::RUN_ROWS);
        let value = read_thread(&mut ctx, &mut self.index, summary);
        let problems = ctx.take_problems();
        self.files = std::mem::take(&mut ctx.files);
        Parsed { value, problems }
    }
}

/// Every thread of `summaries` in turn, each read whole and handed to `each` before the
/// next is read (holding them all could take gigabytes).
pub fn each_thread(
    archive: &mut Archive,
    summaries: &[ThreadSummary],
    mut each: impl FnMut(&ThreadSummary, Parsed<Thread>),
) {
    let mut reader = ThreadReader::new(archive);
    for summary in summaries {
        each(summary, reader.read(archive, summary));
    }
}

/// Where threads' files are: built once for any number of threads.
struct ThreadFiles {
    pages: BTreeMap<(String, String), Vec<(u32, JsonFile)>>,
    replies: BTreeMap<(String, String), Vec<JsonFile>>,
    legacy: Vec<JsonFile>,
    /// Era A files already split into conversations (`None`: unreadable).
    split: BTreeMap<String, Option<LegacyFile>>,
}

/// An Era A `messages.json`, read once and split into conversations.
struct LegacyFile {
    bytes: Vec<u8>,
    spans: Vec<std::ops::Range<usize>>,
}

impl ThreadFiles {
    fn of(ctx: &Ctx<'_>) -> Self {
        let legacy = ctx.matching(|f| is_legacy(&FileName::of(&f.path)).then_some(()));
        ThreadFiles {
            pages: thread_index(ctx),
            replies: replies_index(ctx),
            legacy: legacy.into_iter().map(|(f, ())| f).collect(),
            split: BTreeMap::new(),
        }
    }

    /// The `n`th conversation of each legacy file; each file is read and split once.
    fn legacy_conversation(&mut self, ctx: &mut Ctx<'_>, n: usize) -> Vec<FileRead> {
        let mut out = Vec::new();
        for file in &self.legacy {
            if !self.split.contains_key(&file.path) {
                let split = split_legacy(ctx, file);
                self.split.insert(file.path.clone(), split);
            }
            let Some(Some(split)) = self.split.get(&file.path) else {
                continue;
            };
            let Some(raw) = split.spans.get(n).and_then(|s| split.bytes.get(s.clone())) else {
                continue;
            };
            match serde_json::from_slice::<RawThread<'_>>(raw) {
                Ok(t) => out.push(read_messages(ctx, file, t)),
                Err(e) => ctx.problem(&file.path, format!("a conversation could not be read: {e}")),
            }
        }
        out
    }
}

/// An Era A file's bytes and where each conversation is in them.
fn split_legacy(ctx: &mut Ctx<'_>, file: &JsonFile) -> Option<LegacyFile> {
    let bytes = ctx.read(file)?;
    let spans = match serde_json::from_slice::<Vec<&RawValue>>(strip_bom(&bytes)) {
        Ok(raws) => {
            // Offsets from the slices themselves: each raw value borrows from `bytes`.
            let base = bytes.as_ptr() as usize;
            raws.iter()
                .map(|r| {
                    let start = (r.get().as_ptr() as usize).saturating_sub(base);
                    start..start + r.get().len()
                })
                .collect()
        }
        Err(e) => {
            ctx.problem(&file.path, format!("could not read this file: {e}"));
            return None;
        }
    };
    Some(LegacyFile { bytes, spans })
}

fn read_thread(ctx: &mut Ctx<'_>, files: &mut ThreadFiles, summary: &ThreadSummary) -> Thread {
    let mut messages = Vec::new();
    let mut replies = Vec::new();
    let ids: Vec<&String> = std::iter::once(&summary.id)
        .chain(&summary.merged_folders)
        .collect();
    for id in ids {
        if let Some(rest) = id.strip_prefix("legacy/") {
            let Ok(n) = rest.parse::<usize>() else {
                continue;
            };
            for t in files.legacy_conversation(ctx, n) {
                messages.extend(t.messages.into_iter().rev());
            }
            continue;
        }
        let Some((kind, folder)) = id.split_once('/') else {
            continue;
        };
        let key = (kind.to_owned(), folder.to_owned());
        let Some(pages) = files.pages.get(&key) else {
            ctx.problem(id, "this conversation is no longer in the export");
            continue;
        };
        // Highest page is oldest; each file is newest first.
        for (_, file) in pages.iter().rev() {
            if let Some(read) = read_file(ctx, file) {
                messages.extend(read.messages.into_iter().rev());
            }
        }
        if let Some(found) = files.replies.get(&key) {
            replies.extend(read_replies(ctx, found));
        }
    }
    // Stable: equal times keep file order.
    messages.sort_by_key(|m| m.time);
    let mut summary = summary.clone();
    summary.message_count = messages.len();
    summary.count_is_exact = true;
    let known: BTreeSet<&str> = summary.participants.iter().map(String::as_str).collect();
    let mut former: BTreeSet<String> = summary.former_names.iter().cloned().collect();
    former.extend(
        messages
            .iter()
            .map(|m| m.sender.as_str())
            .filter(|s| !s.is_empty() && !known.contains(s))
            .map(str::to_owned),
    );
    summary.former_names = former.into_iter().collect();
    Thread {
        summary,
        messages,
        replies,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_thread_files() {
        let f = FileName::of("your_instagram_activity/messages/inbox/bob_1/message_2.json");
        assert_eq!(thread_file(&f), Some(("inbox".into(), "bob_1".into(), 2)));
        assert!(thread_file(&FileName::of("messages/inbox/bob_1/message.json")).is_none());
        assert!(thread_file(&FileName::of("x/inbox/bob_1/message_1.json")).is_none());
        assert!(is_legacy(&FileName::of("messages.json")));
    }
}
