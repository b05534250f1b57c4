//! Conversations for the page: one open thread handed out by pages, searched and listed
//! by media, and search across every thread.
//!
//! The open thread is kept while it is read page by page: a long chat is up to a gigabyte
//! of JSON, and parsing it again for every page of 100 messages would make scrolling
//! crawl. Only one is kept, so memory follows the largest thread, not the inbox.

use keepsake_archive::Export;
use keepsake_archive::model::{Message, Thread};
use keepsake_archive::parse::Parsed;

use crate::protocol::{
    MessageHit, MessageHits, MessagePage, Missing, ThreadInfo, ThreadMediaItem, WorkerError,
};

/// A page is capped whatever the page asks: replies stay small.
const MAX_PAGE: usize = 500;

#[derive(Default)]
pub struct Conversations {
    /// The requested id (a merged thread answers to each of its folders) and the thread.
    open: Option<(String, Parsed<Thread>)>,
}

impl Conversations {
    /// A conversation's header and size.
    pub fn info(
        &mut self,
        export: &mut Export,
        id: &str,
    ) -> Result<Parsed<ThreadInfo>, WorkerError> {
        let owner = export.inbox().value.owner.name.clone();
        let parsed = self.open(export, id)?;
        let thread = &parsed.value;
        Ok(Parsed {
            value: ThreadInfo {
                summary: thread.summary.clone(),
                owner,
                total: thread.messages.len(),
                media: thread.messages.iter().map(|m| m.media().count()).sum(),
                replies: thread.replies.clone(),
            },
            problems: parsed.problems.clone(),
        })
    }

    /// Messages `start..start + len` (capped) of a conversation.
    pub fn page(
        &mut self,
        export: &mut Export,
        id: &str,
        start: usize,
        len: usize,
    ) -> Result<MessagePage, WorkerError> {
        let messages = &self.open(export, id)?.value.messages;
        let start = start.min(messages.len());
        let end = start.saturating_add(len.min(MAX_PAGE)).min(messages.len());
        Ok(MessagePage {
            start,
            messages: messages[start..end].to_vec(),
        })
    }

    /// Positions of the messages whose text contains `query`, ascending.
    pub fn search(
        &mut self,
        export: &mut Export,
        id: &str,
        query: &str,
    ) -> Result<Vec<usize>, WorkerError> {
        let messages = &self.open(export, id)?.value.messages;
        let needle = needle(query);
        Ok(if needle.is_empty() {
            Vec::new()
        } else {
            (0..messages.len())
                .filter(|&i| contains(&messages[i], &needle))
                .collect()
        })
    }

    /// Every media file of a conversation, with its message's position.
    pub fn media(
        &mut self,
        export: &mut Export,
        id: &str,
    ) -> Result<Vec<ThreadMediaItem>, WorkerError> {
        let messages = &self.open(export, id)?.value.messages;
        Ok(messages
            .iter()
            .enumerate()
            .flat_map(|(index, m)| {
                m.media().filter_map(move |r| {
                    let path = r.path_in_export.clone()?;
                    Some(ThreadMediaItem { index, path })
                })
            })
            .collect())
    }

    /// Thread `id`, parsed first unless it is the one kept.
    fn open(&mut self, export: &mut Export, id: &str) -> Result<&Parsed<Thread>, WorkerError> {
        if self.open.as_ref().is_none_or(|(open, _)| open != id) {
            // Drop the previous thread before reading the next: never two in memory.
            self.open = None;
            let parsed = export
                .thread(id)
                .ok_or(WorkerError::NotFound(Missing::Conversation))?;
            self.open = Some((id.to_string(), parsed));
        }
        self.open
            .as_ref()
            .map(|(_, parsed)| parsed)
            .ok_or(WorkerError::NotFound(Missing::Conversation))
    }
}

fn needle(query: &str) -> String {
    query.trim().to_lowercase()
}

/// Whether a message's text, or the text of what it shares, contains `needle` (lower case).
fn contains(message: &Message, needle: &str) -> bool {
    let shared = message.share.as_ref().and_then(|s| s.text.as_deref());
    [message.text.as_deref(), shared]
        .into_iter()
        .flatten()
        .any(|text| text.to_lowercase().contains(needle))
}

/// Messages containing `query` in every conversation, newest first. Threads are parsed
/// one at a time and let go.
pub fn search_all(export: &mut Export, query: &str, limit: usize) -> MessageHits {
    let needle = needle(query);
    if needle.is_empty() {
        return MessageHits::default();
    }
    let mut hits = Vec::new();
    let threads = export.inbox().value.threads.clone();
    for summary in threads {
        let Some(thread) = export.thread(&summary.id) else {
            continue;
        };
        for (index, message) in thread.value.messages.iter().enumerate() {
            if contains(message, &needle) {
                let text = message
                    .text
                    .as_deref()
                    .or_else(|| message.share.as_ref().and_then(|s| s.text.as_deref()))
                    .unwrap_or_default();
                hits.push(MessageHit {
                    thread_id: summary.id.clone(),
                    thread_title: summary.title.clone(),
                    index,
                    sender: message.sender.clone(),
                    time: message.time.0,
                    snippet: snippet(text, &needle),
                });
            }
        }
    }
    hits.sort_by_key(|h| std::cmp::Reverse(h.time));
    let total = hits.len();
    hits.truncate(limit);
    MessageHits { hits, total }
}

/// Up to ~120 characters of `text` around the first match.
fn snippet(text: &str, needle: &str) -> String {
    let lower = text.to_lowercase();
    let at = lower.find(needle).unwrap_or(0);
    // Byte positions in the lower-cased text may not be boundaries in the original.
    let chars_before = lower[..at].chars().count();
    let start = chars_before.saturating_sub(40);
    let shown: String = text.chars().skip(start).take(120).collect();
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&shown);
    if text.chars().count() > start + 120 {
        out.push('…');
    }
    out
}
