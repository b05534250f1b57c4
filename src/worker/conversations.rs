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
    MessageHit, MessageHits, Reply, Request, ThreadInfo, ThreadMediaItem, ThreadPage,
};

/// A page is capped whatever the page asks: replies stay small.
const MAX_PAGE: usize = 500;

#[derive(Default)]
pub struct Conversations {
    /// The requested id (a merged thread answers to each of its folders) and the thread.
    open: Option<(String, Parsed<Thread>)>,
}

impl Conversations {
    /// Answers the thread requests; `None` for any other request.
    pub fn answer(&mut self, export: &mut Export, request: &Request) -> Option<Reply> {
        let reply = match request {
            Request::Thread { id } => {
                let owner = export.inbox().value.owner.name;
                self.with(export, id, |thread, problems| {
                    Reply::Thread(
                        ThreadInfo {
                            summary: thread.summary.clone(),
                            owner,
                            total: thread.messages.len(),
                            media: thread.messages.iter().map(|m| m.media().count()).sum(),
                            replies: thread.replies.clone(),
                        },
                        problems.to_vec(),
                    )
                })
            }
            Request::ThreadPage { id, start, len } => self.with(export, id, |thread, _| {
                let start = (*start).min(thread.messages.len());
                let end = start.saturating_add((*len).min(MAX_PAGE));
                let end = end.min(thread.messages.len());
                Reply::ThreadPage(ThreadPage {
                    start,
                    messages: thread.messages[start..end].to_vec(),
                })
            }),
            Request::ThreadSearch { id, query } => self.with(export, id, |thread, _| {
                let needle = needle(query);
                Reply::ThreadMatches(if needle.is_empty() {
                    Vec::new()
                } else {
                    (0..thread.messages.len())
                        .filter(|&i| contains(&thread.messages[i], &needle))
                        .collect()
                })
            }),
            Request::ThreadMedia { id } => self.with(export, id, |thread, _| {
                Reply::ThreadMedia(
                    thread
                        .messages
                        .iter()
                        .enumerate()
                        .flat_map(|(index, m)| {
                            m.media().filter_map(move |r| {
                                let path = r.path_in_export.clone()?;
                                Some(ThreadMediaItem { index, path })
                            })
                        })
                        .collect(),
                )
            }),
            Request::SearchMessages { query, limit } => {
                Reply::MessageHits(search_all(export, query, *limit))
            }
            _ => return None,
        };
        Some(reply)
    }

    /// Runs `answer` on thread `id`, parsing it first unless it is the one kept.
    fn with(
        &mut self,
        export: &mut Export,
        id: &str,
        answer: impl FnOnce(&Thread, &[keepsake_archive::Problem]) -> Reply,
    ) -> Reply {
        if self.open.as_ref().is_none_or(|(open, _)| open != id) {
            // Drop the previous thread before reading the next: never two in memory.
            self.open = None;
            match export.thread(id) {
                Some(parsed) => self.open = Some((id.to_string(), parsed)),
                None => {
                    return Reply::Failed {
                        message: "This conversation is not in the export.".into(),
                    };
                }
            }
        }
        match &self.open {
            Some((_, parsed)) => answer(&parsed.value, &parsed.problems),
            None => Reply::Failed {
                message: "This conversation is not in the export.".into(),
            },
        }
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
fn search_all(export: &mut Export, query: &str, limit: usize) -> MessageHits {
    let needle = needle(query);
    if needle.is_empty() {
        return MessageHits::default();
    }
    let mut hits = Vec::new();
    for summary in export.inbox().value.threads {
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
