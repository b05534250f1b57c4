//! The session: the worker's state and what is open. One `Reducible` store; components
//! read it through a context and change it only by dispatching actions.

use std::rc::Rc;

use web_sys::File;
use yew::prelude::*;

use crate::protocol::Summary;

#[derive(Debug, Clone, PartialEq)]
pub enum WorkerState {
    Starting,
    Ready,
    /// The worker stopped (a bug or the browser killed it); the files can be reopened.
    Dead(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Idle,
    Opening { done: u64, total: u64, what: String },
    Open(Rc<Summary>),
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub worker: WorkerState,
    pub phase: Phase,
    /// The user's files, kept on the main thread too: media is sliced from them here.
    pub files: Rc<Vec<File>>,
    /// Whether the open export is the bundled demo.
    pub demo: bool,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            worker: WorkerState::Starting,
            phase: Phase::Idle,
            files: Rc::new(Vec::new()),
            demo: false,
        }
    }
}

impl Session {
    pub fn summary(&self) -> Option<&Rc<Summary>> {
        match &self.phase {
            Phase::Open(summary) => Some(summary),
            _ => None,
        }
    }
}

pub enum Action {
    WorkerReady,
    WorkerDied(String),
    Opening {
        files: Rc<Vec<File>>,
        demo: bool,
    },
    Progress {
        done: u64,
        total: u64,
        what: String,
    },
    Opened(Summary),
    Failed(String),
    /// Back to the start (after cancel, or to open something else).
    Close,
}

impl Reducible for Session {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::WorkerReady => next.worker = WorkerState::Ready,
            Action::WorkerDied(reason) => {
                next.worker = WorkerState::Dead(reason);
                if matches!(next.phase, Phase::Opening { .. }) {
                    next.phase = Phase::Idle;
                }
            }
            Action::Opening { files, demo } => {
                next.files = files;
                next.demo = demo;
                next.phase = Phase::Opening {
                    done: 0,
                    total: next.files.len() as u64,
                    what: String::new(),
                };
            }
            Action::Progress { done, total, what } => {
                if matches!(next.phase, Phase::Opening { .. }) {
                    next.phase = Phase::Opening { done, total, what };
                }
            }
            Action::Opened(summary) => {
                crate::diagnostics::set_context(format!(
                    "parts={} entries={} era={}",
                    summary.parts.len(),
                    summary.entry_count,
                    summary.detection.era.map_or("none", |era| era.label())
                ));
                next.phase = Phase::Open(Rc::new(summary));
            }
            Action::Failed(message) => next.phase = Phase::Failed(message),
            Action::Close => {
                next.phase = Phase::Idle;
                next.files = Rc::new(Vec::new());
                next.demo = false;
            }
        }
        Rc::new(next)
    }
}

pub type SessionHandle = UseReducerHandle<Session>;
