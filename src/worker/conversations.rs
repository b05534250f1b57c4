//! Conversations for the page: one open thread handed out by pages, searched and listed
//! by media, and search across every thread.
//!
//! The open thread is kept while it is read page by page: a long chat is up to a gigabyte
//! of JSON, and parsing it again for every page of 100 messages would make scrolling
//! crawl. Only one is kept, so memory follows the largest thread, not the inbox.

use keepsake_archive::Export;
use keepsake_archive::model::Thread;
use keepsake_archive::parse::Parsed;
use keepsake_archive::search::{Needle, search_messages};

use crate::protocol::{Reply, Request, ThreadInfo, ThreadMediaItem, ThreadPage};

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
                Reply::ThreadMatches(
                    Needle::new(query).map_or_else(Vec::new, |n| n.positions(&thread.messages)),
                )
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
                Reply::MessageHits(search_messages(export, query, *limit))
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
