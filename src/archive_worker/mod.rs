//! The archive worker: owns the export index, reads the user's files with
//! `FileReaderSync`, and answers the page's questions.
//!
//! Quick questions are answered as they arrive. A question that needs a long job (the
//! catalog) waits while the job runs in slices of a few milliseconds; between two slices
//! the worker yields to its event loop, so questions that came meanwhile (a page of a
//! thread, a photo) are answered before the next slice.

mod answers;
mod blob_source;
mod conversations;
mod engine;
mod jobs;
mod warmup;

pub use blob_source::BlobSource;
pub use engine::{Engine, OpenPart};

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageChannel, MessageEvent};

use crate::protocol::query::{self, Attachments, Outcome};
use crate::protocol::{self, AnyQuery, Call, Event, Progress, WorkerError};
use jobs::Waiting;

/// How long one slice of a long job may run before the worker looks at its messages.
const SLICE_MS: f64 = 8.0;

/// Progress is told at most this often: a slice ends every few milliseconds, and each
/// report makes the page draw the views that wait.
const PROGRESS_MS: f64 = 100.0;

struct Worker {
    scope: DedicatedWorkerGlobalScope,
    engine: Engine,
    waiting: Waiting,
    /// Posting to this port runs the next slice after the messages already queued.
    wake: MessageChannel,
    slice_scheduled: bool,
    /// When progress was last told (`Date.now()` milliseconds).
    progress_told: f64,
}

/// Installs the message handler and tells the page the worker is ready.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    install_panic_hook(scope.clone());
    let Ok(wake) = MessageChannel::new() else {
        return post(
            &scope,
            0,
            Event::Failed(WorkerError::Unavailable("no message channel".into())),
        );
    };
    let worker = Rc::new(RefCell::new(Worker {
        scope: scope.clone(),
        engine: Engine::default(),
        waiting: Waiting::default(),
        wake,
        slice_scheduled: false,
        progress_told: 0.0,
    }));
    let on_message = {
        let worker = Rc::clone(&worker);
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            worker.borrow_mut().receive(event.data());
        })
    };
    let on_wake = {
        let worker = Rc::clone(&worker);
        Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| {
            worker.borrow_mut().run_slice();
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker
        .borrow()
        .wake
        .port1()
        .set_onmessage(Some(on_wake.as_ref().unchecked_ref()));
    // The handlers live as long as the worker.
    on_message.forget();
    on_wake.forget();
    warmup::warm_up();
    post(&scope, 0, Event::Ready);
}

impl Worker {
    fn receive(&mut self, data: JsValue) {
        let message = Array::from(&data);
        let Some(text) = message.get(0).as_string() else {
            return self.post(
                0,
                Event::Failed(WorkerError::Garbled("a message without text".into())),
            );
        };
        let envelope = match protocol::decode::<Call>(&text) {
            Ok(envelope) => envelope,
            Err(error) => return self.post(0, Event::Failed(error)),
        };
        let id = envelope.id;
        match envelope.body {
            Call::Ask(query) => {
                let files = Array::from(&message.get(1))
                    .iter()
                    .filter_map(|f| f.dyn_into::<File>().ok())
                    .collect();
                self.ask(id, query, files);
            }
            Call::Cancel => self.waiting.withdraw(id),
        }
    }

    fn ask(&mut self, id: u32, query: AnyQuery, files: Vec<File>) {
        let reads = Rc::new(Cell::new(0));
        let scope = self.scope.clone();
        let progress = move |p: Progress| post(&scope, 0, Event::Progress(p));
        let figures = || (reads.get(), memory_size());
        let mut with = Attachments {
            sources: files
                .into_iter()
                .map(|file| Box::new(BlobSource::new(file.into()).counting_into(&reads)) as Box<_>)
                .collect(),
            progress: &progress,
            figures: &figures,
        };
        match query::dispatch(&mut self.engine, query.clone(), &mut with) {
            Outcome::Answer(json) => self.post(id, Event::Answer(&json)),
            Outcome::Failed(error) => self.post(id, Event::Failed(error)),
            Outcome::Later(job) => {
                self.waiting.add(id, query, job);
                self.schedule_slice();
            }
        }
    }

    /// Runs the oldest waiting job for a few milliseconds, then answers what it finished
    /// and says how far it is.
    fn run_slice(&mut self) {
        self.slice_scheduled = false;
        let Some(job) = self.waiting.next_job() else {
            return;
        };
        let deadline = js_sys::Date::now() + SLICE_MS;
        let finished = loop {
            match self.engine.work(job) {
                Ok(true) => break Ok(true),
                Ok(false) if js_sys::Date::now() < deadline => continue,
                Ok(false) => break Ok(false),
                Err(error) => break Err(error),
            }
        };
        match finished {
            // Answered from what the job left behind, through the same handlers.
            Ok(true) => {
                for (id, query) in self.waiting.take(job) {
                    self.ask(id, query, Vec::new());
                }
            }
            Ok(false) if js_sys::Date::now() - self.progress_told >= PROGRESS_MS => {
                self.progress_told = js_sys::Date::now();
                let progress = self.engine.progress(job);
                for id in self.waiting.ids(job) {
                    self.post(id, Event::Progress(progress.clone()));
                }
            }
            Ok(false) => {}
            Err(error) => {
                for (id, _) in self.waiting.take(job) {
                    self.post(id, Event::Failed(error.clone()));
                }
            }
        }
        if !self.waiting.is_empty() {
            self.schedule_slice();
        }
    }

    fn schedule_slice(&mut self) {
        if !self.slice_scheduled {
            self.slice_scheduled = self.wake.port2().post_message(&JsValue::NULL).is_ok();
        }
    }

    fn post(&self, id: u32, event: Event<&str>) {
        post(&self.scope, id, event);
    }
}

/// The size of this worker's WebAssembly memory in bytes.
fn memory_size() -> u64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            m.buffer()
                .unchecked_into::<js_sys::ArrayBuffer>()
                .byte_length() as u64
        })
        .unwrap_or(0)
}

fn post(scope: &DedicatedWorkerGlobalScope, id: u32, event: Event<&str>) {
    let text = protocol::encode_event(id, event);
    let _ = scope.post_message(&JsValue::from_str(&text));
}

/// A panic in the worker becomes a `Crashed` message, so the page can say so and offer
/// to reopen the files with a fresh worker.
fn install_panic_hook(scope: DedicatedWorkerGlobalScope) {
    std::panic::set_hook(Box::new(move |info| {
        let (message, location) = crate::diagnostics::describe(info);
        let diagnostic = crate::diagnostics::diagnostic(&message, location, "worker");
        post(&scope, 0, Event::Crashed { diagnostic });
    }));
}
