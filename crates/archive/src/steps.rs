//! The plan of a long job over every family of files, one unit per step: the catalog's
//! counting, the timeline's dating and the search index's building walk the export the
//! same way, and read its conversations the same way.

use std::collections::VecDeque;

use crate::export::Export;
use crate::model::{PostKind, Thread, ThreadSummary};
use crate::parse::Parsed;
use crate::parse::messages::ThreadReader;

/// One unit of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Profile,
    Posts(PostKind),
    Relations,
    /// Reads the inbox; the job then queues one step per conversation.
    Inbox,
    /// The conversation at this position of the inbox.
    Thread(usize),
    Activity,
    Account,
    Tables,
    /// JSON files no parser claims.
    Unclaimed,
}

impl Step {
    fn what(self) -> &'static str {
        match self {
            Step::Profile => "the profile",
            Step::Posts(_) => "posts, stories and reels",
            Step::Relations => "followers and following",
            Step::Inbox | Step::Thread(_) => "messages",
            Step::Activity => "comments, likes and searches",
            Step::Account => "account records",
            Step::Tables => "ads, topics and other tables",
            Step::Unclaimed => "other files",
        }
    }
}

/// Where a job stands: `done` of `total` steps (the total grows once the inbox says
/// how many conversations there are).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub done: u64,
    pub total: u64,
    pub what: &'static str,
}

/// The steps left, and how many are done.
#[derive(Debug)]
struct Plan {
    steps: VecDeque<Step>,
    done: u64,
}

impl Default for Plan {
    fn default() -> Self {
        let steps = [Step::Profile]
            .into_iter()
            .chain(PostKind::ALL.into_iter().map(Step::Posts))
            .chain([
                Step::Relations,
                Step::Inbox,
                Step::Activity,
                Step::Account,
                Step::Tables,
                Step::Unclaimed,
            ])
            .collect();
        Plan { steps, done: 0 }
    }
}

impl Plan {
    /// The next step, counted as done.
    fn next(&mut self) -> Option<Step> {
        let step = self.steps.pop_front()?;
        self.done += 1;
        Some(step)
    }

    /// Conversations go next, in inbox order, before the other families.
    fn threads(&mut self, count: usize) {
        for i in (0..count).rev() {
            self.steps.push_front(Step::Thread(i));
        }
    }

    pub fn is_done(&self) -> bool {
        self.steps.is_empty()
    }

    pub fn status(&self) -> Status {
        Status {
            done: self.done,
            total: self.done + self.steps.len() as u64,
            what: self.steps.front().map_or("", |s| s.what()),
        }
    }
}

/// What one step hands a job: a family to read from the export, or one conversation
/// already read whole (it is dropped once the job has used it).
pub(crate) enum Unit {
    Family(Step),
    Thread(Box<(ThreadSummary, Parsed<Thread>)>),
}

/// A walk over the whole export. Reading the inbox queues its conversations; they are
/// read through one [`ThreadReader`], whose file list and indexes are built once for all
/// of them (per conversation they made 10,000 threads quadratic).
#[derive(Default)]
pub(crate) struct Walk {
    plan: Plan,
    threads: Option<ThreadReader>,
}

impl Walk {
    /// The next unit of work; `None` once the walk is over.
    pub fn next(&mut self, export: &mut Export) -> Option<Unit> {
        loop {
            match self.plan.next()? {
                Step::Inbox => {
                    let threads = export.inbox().value.threads.len();
                    self.plan.threads(threads);
                    return Some(Unit::Family(Step::Inbox));
                }
                Step::Thread(i) => {
                    let Some(summary) = export.inbox().value.threads.get(i).cloned() else {
                        continue;
                    };
                    let reader = self
                        .threads
                        .get_or_insert_with(|| ThreadReader::new(export.archive_mut()));
                    let thread = reader.read(export.archive_mut(), &summary);
                    return Some(Unit::Thread(Box::new((summary, thread))));
                }
                family => return Some(Unit::Family(family)),
            }
        }
    }

    pub fn is_done(&self) -> bool {
        self.plan.is_done()
    }

    pub fn status(&self) -> Status {
        self.plan.status()
    }
}
