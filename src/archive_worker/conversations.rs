//! Conversations for the page: one open thread handed out by pages, searched and listed
//! by media, and search across every thread.
//!
//! The open thread is kept while it is read page by page: a long chat is up to a gigabyte
//! of JSON, and parsing it again for every page of 100 messages would make scrolling
//! crawl. Only one is kept, so memory follows the largest thread, not the inbox.

use keepsake_archive::Export;
use keepsake_archive::model::Thread;
use keepsake_archive::parse::Parsed;
use keepsake_archive::search::Needle;

use crate::protocol::{MessagePage, Missing, ThreadInfo, ThreadMediaItem, WorkerError};

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
        Ok(Needle::new(query).map_or_else(Vec::new, |n| n.positions(messages)))
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
