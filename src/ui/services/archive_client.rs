//! The page's side of the archive worker: starts it, sends typed questions and hands
//! each answer, decoded as its question's answer type, to whoever asked; turns the
//! worker's own events (ready, opening progress, crash) into callbacks.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Reflect};
use serde_json::value::RawValue;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, File, MessageEvent, Worker};
use yew::Callback;

use crate::protocol::{self, Call, Envelope, Event, Progress, Query, WorkerError};

/// The worker script trunk emits next to index.html (a loader that starts its wasm).
const WORKER_URL: &str = "./archive_worker_loader.js";

/// Something the worker said on its own, not in answer to a question.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerEvent {
    Ready,
    /// Opening an export: how far it is.
    Progress(Progress),
    Died(String),
}

/// A question on its way; [`WorkerClient::cancel`] withdraws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(u32);

type Answer = Result<Box<RawValue>, WorkerError>;

struct Waiter {
    answer: Box<dyn FnOnce(Answer)>,
    progress: Option<Callback<Progress>>,
}

type Pending = HashMap<u32, Waiter>;
type Listener = Closure<dyn FnMut(JsValue)>;

struct Inner {
    worker: RefCell<Option<Worker>>,
    next_id: Cell<u32>,
    pending: Rc<RefCell<Pending>>,
    /// Messages wait here until the worker says it is ready: a worker drops messages
    /// that arrive before its wasm has started and installed its handler.
    queue: Rc<RefCell<Option<Vec<JsValue>>>>,
    on_event: Callback<WorkerEvent>,
    // Kept alive as long as the worker they listen to.
    listeners: RefCell<Vec<Listener>>,
}

#[derive(Clone)]
pub struct WorkerClient(Rc<Inner>);

impl PartialEq for WorkerClient {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl WorkerClient {
    pub fn spawn(on_event: Callback<WorkerEvent>) -> Self {
        let client = WorkerClient(Rc::new(Inner {
            worker: RefCell::new(None),
            next_id: Cell::new(1),
            pending: Rc::new(RefCell::new(HashMap::new())),
            queue: Rc::new(RefCell::new(Some(Vec::new()))),
            on_event,
            listeners: RefCell::new(Vec::new()),
        }));
        client.start();
        client
    }

    /// Stops the worker (cancelling whatever it was doing) and starts a fresh one.
    pub fn restart(&self) {
        self.stop();
        self.start();
    }

    /// Asks `query` and waits for its answer.
    pub async fn ask<Q: Query>(&self, query: Q) -> Result<Q::Answer, WorkerError> {
        let (sender, receiver) = futures_channel::oneshot::channel();
        self.send(query, &[], None, move |answer| {
            let _ = sender.send(answer);
        });
        receiver.await.unwrap_or(Err(WorkerError::Stopped))
    }

    /// Sends `query` with the files it needs; `reply` gets its answer exactly once (unless
    /// the question is cancelled first), `progress` how far a long job has come.
    pub fn send<Q: Query>(
        &self,
        query: Q,
        files: &[File],
        progress: Option<Callback<Progress>>,
        reply: impl FnOnce(Result<Q::Answer, WorkerError>) + 'static,
    ) -> Ticket {
        let id = self.0.next_id.get();
        self.0.next_id.set(id.wrapping_add(1).max(1));
        let query = query.into();
        let timing = Timing::start(id, query.name());
        let waiter = Waiter {
            answer: Box::new(move |answer: Answer| {
                timing.end();
                reply(answer.and_then(|raw| {
                    serde_json::from_str(raw.get()).map_err(|e| WorkerError::Garbled(e.to_string()))
                }))
            }),
            progress,
        };
        match self.post(id, Call::Ask(query), files) {
            Ok(()) => {
                self.0.pending.borrow_mut().insert(id, waiter);
            }
            Err(error) => (waiter.answer)(Err(error)),
        }
        Ticket(id)
    }

    /// Withdraws a question: its answer, if one still comes, is dropped, and a long job
    /// nobody else waits for stops.
    pub fn cancel(&self, ticket: Ticket) {
        if self.0.pending.borrow_mut().remove(&ticket.0).is_some() {
            let _ = self.post(ticket.0, Call::Cancel, &[]);
        }
    }

    fn post(&self, id: u32, call: Call, files: &[File]) -> Result<(), WorkerError> {
        let text = protocol::encode(&Envelope { id, body: call });
        let message = Array::new();
        message.push(&JsValue::from_str(&text));
        message.push(&files.iter().collect::<Array>());
        match (
            self.0.worker.borrow().as_ref(),
            self.0.queue.borrow_mut().as_mut(),
        ) {
            (None, _) => Err(WorkerError::Stopped),
            (Some(_), Some(queue)) => {
                queue.push(message.into());
                Ok(())
            }
            (Some(worker), None) => worker
                .post_message(&message)
                .map_err(|e| WorkerError::Unavailable(describe_js(e))),
        }
    }

    fn start(&self) {
        let options = web_sys::WorkerOptions::new();
        options.set_name("keepsake-archive");
        let worker = match Worker::new_with_options(WORKER_URL, &options) {
            Ok(worker) => worker,
            Err(e) => {
                self.0.on_event.emit(WorkerEvent::Died(describe_js(e)));
                return;
            }
        };
        *self.0.queue.borrow_mut() = Some(Vec::new());
        let pending = Rc::clone(&self.0.pending);
        let on_event = self.0.on_event.clone();
        let queue = Rc::clone(&self.0.queue);
        let ready_worker = worker.clone();
        let on_message = Listener::new(move |event: JsValue| {
            let Some(text) = event
                .dyn_ref::<MessageEvent>()
                .and_then(|e| e.data().as_string())
            else {
                return;
            };
            match protocol::decode::<Event<Box<RawValue>>>(&text) {
                Ok(envelope) => {
                    if matches!(envelope.body, Event::Ready) {
                        flush(&queue, &ready_worker);
                    }
                    route(envelope, &pending, &on_event)
                }
                Err(error) => on_event.emit(WorkerEvent::Died(error.to_string())),
            }
        });
        let pending = Rc::clone(&self.0.pending);
        let on_event = self.0.on_event.clone();
        let on_error = Listener::new(move |event: JsValue| {
            let reason = event
                .dyn_ref::<ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "the archive reader could not start".to_string());
            fail_all(&pending, &WorkerError::Stopped);
            on_event.emit(WorkerEvent::Died(reason));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *self.0.listeners.borrow_mut() = vec![on_message, on_error];
        *self.0.worker.borrow_mut() = Some(worker);
    }

    fn stop(&self) {
        if let Some(worker) = self.0.worker.borrow_mut().take() {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
        }
        self.0.listeners.borrow_mut().clear();
        fail_all(&self.0.pending, &WorkerError::Cancelled);
    }
}

/// Each question's round trip as a User Timing measure (`keepsake:<query>`), so the
/// browser's performance tools and the benchmark see how long a view waited. Local only.
struct Timing {
    mark: String,
    name: &'static str,
}

impl Timing {
    fn start(id: u32, name: &'static str) -> Self {
        let mark = format!("keepsake:asked:{id}");
        if let Some(performance) = performance() {
            let _ = performance.mark(&mark);
        }
        Timing { mark, name }
    }

    fn end(&self) {
        if let Some(performance) = performance() {
            let name = format!("keepsake:{}", self.name);
            let _ = performance.measure_with_start_mark(&name, &self.mark);
        }
    }
}

/// A question answered or withdrawn leaves no mark behind.
impl Drop for Timing {
    fn drop(&mut self) {
        if let Some(performance) = performance() {
            performance.clear_marks_with_mark_name(&self.mark);
        }
    }
}

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

fn route(
    envelope: Envelope<Event<Box<RawValue>>>,
    pending: &RefCell<Pending>,
    on_event: &Callback<WorkerEvent>,
) {
    let id = envelope.id;
    let answer = match envelope.body {
        Event::Ready => return on_event.emit(WorkerEvent::Ready),
        Event::Progress(progress) if id == 0 => {
            return on_event.emit(WorkerEvent::Progress(progress));
        }
        Event::Progress(progress) => {
            let callback = pending.borrow().get(&id).and_then(|w| w.progress.clone());
            if let Some(callback) = callback {
                callback.emit(progress);
            }
            return;
        }
        Event::Crashed { diagnostic } => {
            fail_all(pending, &WorkerError::Stopped);
            return on_event.emit(WorkerEvent::Died(diagnostic));
        }
        Event::Answer(raw) => Ok(raw),
        Event::Failed(error) => Err(error),
    };
    // Taken out before it runs: the callback may ask again.
    let waiter = pending.borrow_mut().remove(&id);
    if let Some(waiter) = waiter {
        (waiter.answer)(answer);
    }
}

/// Sends what waited for the worker to start, and lets later messages go straight through.
fn flush(queue: &RefCell<Option<Vec<JsValue>>>, worker: &Worker) {
    let waiting = queue.borrow_mut().take().unwrap_or_default();
    for message in waiting {
        let _ = worker.post_message(&message);
    }
}

/// Answers every outstanding question with `error` (their worker is gone).
fn fail_all(pending: &RefCell<Pending>, error: &WorkerError) {
    let waiters: Vec<_> = pending.borrow_mut().drain().collect();
    for (_, waiter) in waiters {
        (waiter.answer)(Err(error.clone()));
    }
}

pub fn describe_js(value: JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .or_else(|| {
            Reflect::get(&value, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "unknown error".to_string())
}
