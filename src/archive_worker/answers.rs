//! How the engine answers each question. Parsed families are answered from what the
//! export keeps (borrowed, serialised once); the catalog, which reads every file, is a
//! long job: it is answered once counted, and counting runs in slices (see `jobs`).

use keepsake_archive::search::search_messages;

use super::engine::{Engine, OpenPart};
use crate::protocol::query::{self, Answer, Answered, Attachments, Job, Query};
use crate::protocol::{Progress, WorkerError};

type Reply<'a, Q> = Answered<'a, <Q as Query>::Answer>;

/// The families that are one cached parser call on the open export.
macro_rules! kept {
    ($($query:ident => $export:ident $(($arg:ident))?;)*) => {$(
        impl Answer<query::$query> for Engine {
            fn answer(&mut self, _query: query::$query, _: &mut Attachments) -> Reply<'_, query::$query> {
                match self.export() {
                    Ok(export) => Answered::kept(export.$export($(_query.$arg)?)),
                    Err(error) => Answered::Failed(error),
                }
            }
        }
    )*};
}

kept! {
    Profile => profile;
    Posts => posts(kind);
    Relations => relations;
    Activity => activity;
    Account => account;
    Tables => tables;
    OtherFiles => other_files;
    Inbox => inbox;
}

impl Answer<query::Open> for Engine {
    fn answer(&mut self, query: query::Open, with: &mut Attachments) -> Reply<'_, query::Open> {
        let sources = std::mem::take(&mut with.sources);
        if sources.len() != query.parts.len() {
            return Answered::Failed(WorkerError::Garbled(
                "the files and their descriptions do not match".into(),
            ));
        }
        let parts = query
            .parts
            .into_iter()
            .zip(sources)
            .map(|(source, data)| OpenPart { source, data })
            .collect();
        let progress = |done, total, what: &str| {
            (with.progress)(Progress {
                done,
                total,
                what: what.to_string(),
            })
        };
        let mut summary = self.open(parts, &progress);
        (summary.source_reads, summary.worker_memory) = (with.figures)();
        Answered::made(summary)
    }
}

impl Answer<query::Entries> for Engine {
    fn answer(&mut self, q: query::Entries, _: &mut Attachments) -> Reply<'_, query::Entries> {
        Answered::made(self.entries(&q.filter, q.section, q.offset, q.limit))
    }
}

impl Answer<query::Catalog> for Engine {
    fn answer(&mut self, _: query::Catalog, _: &mut Attachments) -> Reply<'_, query::Catalog> {
        if let Err(error) = self.export() {
            return Answered::Failed(error);
        }
        match &self.catalog {
            Some(catalog) => Answered::kept(catalog),
            None => Answered::Later(Job::Catalog),
        }
    }
}

impl Answer<query::Thread> for Engine {
    fn answer(&mut self, q: query::Thread, _: &mut Attachments) -> Reply<'_, query::Thread> {
        self.with_conversations(|c, export| c.info(export, &q.id))
            .into()
    }
}

impl Answer<query::ThreadPage> for Engine {
    fn answer(
        &mut self,
        q: query::ThreadPage,
        _: &mut Attachments,
    ) -> Reply<'_, query::ThreadPage> {
        self.with_conversations(|c, export| c.page(export, &q.id, q.start, q.len))
            .into()
    }
}

impl Answer<query::ThreadSearch> for Engine {
    fn answer(
        &mut self,
        q: query::ThreadSearch,
        _: &mut Attachments,
    ) -> Reply<'_, query::ThreadSearch> {
        self.with_conversations(|c, export| c.search(export, &q.id, &q.query))
            .into()
    }
}

impl Answer<query::ThreadMedia> for Engine {
    fn answer(
        &mut self,
        q: query::ThreadMedia,
        _: &mut Attachments,
    ) -> Reply<'_, query::ThreadMedia> {
        self.with_conversations(|c, export| c.media(export, &q.id))
            .into()
    }
}

impl Answer<query::SearchMessages> for Engine {
    fn answer(
        &mut self,
        q: query::SearchMessages,
        _: &mut Attachments,
    ) -> Reply<'_, query::SearchMessages> {
        self.export()
            .map(|export| search_messages(export, &q.query, q.limit))
            .into()
    }
}

impl Answer<query::Media> for Engine {
    fn answer(&mut self, q: query::Media, _: &mut Attachments) -> Reply<'_, query::Media> {
        self.media(&q.path).into()
    }
}

impl Answer<query::Text> for Engine {
    fn answer(&mut self, q: query::Text, _: &mut Attachments) -> Reply<'_, query::Text> {
        self.text(&q.path).into()
    }
}
