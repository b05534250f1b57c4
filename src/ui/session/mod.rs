//! The session: what is open, and the worker that reads it. Opening, cancelling and
//! reopening are here, beside the store they change; views reach both through
//! [`crate::ui::hooks::use_ctx`].

pub mod store;

use std::rc::Rc;

use web_sys::File;

use crate::protocol::{Summary, query};
use crate::ui::services::archive_client::WorkerClient;
use crate::ui::services::files::parts_of;
use store::{Action, SessionHandle};

/// What every component may reach: the session and the worker.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub session: SessionHandle,
    pub worker: WorkerClient,
}

impl Ctx {
    /// Opens files (or the demo) as one export, replacing whatever was open.
    pub fn open(&self, files: Vec<File>, demo: bool) {
        if files.is_empty() {
            return;
        }
        let parts = parts_of(&files);
        let files = Rc::new(files);
        self.session.dispatch(Action::Opening {
            files: Rc::clone(&files),
            demo,
        });
        let session = self.session.dispatcher();
        self.worker
            .send(query::Open { parts }, &files, None, move |answer| {
                session.dispatch(match answer {
                    Ok(summary) if summary.usable() => {
                        note_for_diagnostics(&summary);
                        Action::Opened(summary)
                    }
                    Ok(summary) => Action::Failed(refusal(&summary)),
                    Err(error) => Action::Failed(error.to_string()),
                })
            });
    }

    /// Stops whatever the worker is doing by replacing it.
    pub fn cancel(&self) {
        self.worker.restart();
        self.session.dispatch(Action::Close);
    }

    /// After the worker died: a fresh worker, and the same files opened again.
    pub fn reopen(&self) {
        let files = (*self.session.files).clone();
        let demo = self.session.demo;
        self.worker.restart();
        self.open(files, demo);
    }
}

/// What a crash report may say about the open export: sizes, never names.
fn note_for_diagnostics(summary: &Summary) {
    crate::diagnostics::set_context(format!(
        "parts={} entries={} era={}",
        summary.parts.len(),
        summary.entry_count,
        summary.detection.era.map_or("none", |era| era.label())
    ));
}

/// Why files that opened are still not something Keepsake can show.
fn refusal(summary: &Summary) -> String {
    let broken: Vec<String> = summary
        .parts
        .iter()
        .filter_map(|p| p.error.as_ref().map(|e| format!("{}: {e}", p.name)))
        .collect();
    if summary.entry_count == 0 && !broken.is_empty() {
        return broken.join("\n");
    }
    summary.detection.message.clone().unwrap_or_else(|| {
        "These files do not look like an Instagram export: none of the folders or files an \
         Instagram download contains were found."
            .to_string()
    })
}
