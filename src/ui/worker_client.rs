//! The page's side of the archive worker: starts it, pairs requests with replies by id,
//! and turns the worker's own events (ready, progress, crash) into callbacks.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, File, MessageEvent, Worker};
use yew::Callback;

use crate::protocol::{self, Envelope, Reply, Request};

/// The worker script trunk emits next to index.html (a loader that starts its wasm).
const WORKER_URL: &str = "./worker_loader.js";

/// Something the worker said on its own, not in answer to a request.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerEvent {
    Ready,
    Progress { done: u64, total: u64, what: String },
    Died(String),
}

type Pending = HashMap<u32, Box<dyn FnOnce(Reply)>>;
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
        self.stop("restarted");
        self.start();
    }

    /// Sends a request with the files it needs; `reply` gets the answer exactly once.
    pub fn request(&self, request: Request, files: &[File], reply: impl FnOnce(Reply) + 'static) {
        let id = self.0.next_id.get();
        self.0.next_id.set(id.wrapping_add(1).max(1));
        let text = protocol::encode(&Envelope { id, body: request });
        let message = Array::new();
        message.push(&JsValue::from_str(&text));
        message.push(&files.iter().collect::<Array>());
        let sent = match (
            self.0.worker.borrow().as_ref(),
            self.0.queue.borrow_mut().as_mut(),
        ) {
            (None, _) => Err("the archive reader is not running".to_string()),
            (Some(_), Some(queue)) => {
                queue.push(message.into());
                Ok(())
            }
            (Some(worker), None) => worker.post_message(&message).map_err(describe_js),
        };
        match sent {
            Ok(()) => {
                self.0.pending.borrow_mut().insert(id, Box::new(reply));
            }
            Err(message) => reply(Reply::Failed { message }),
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
            match protocol::decode::<Reply>(&text) {
                Ok(envelope) => {
                    if matches!(envelope.body, Reply::Ready) {
                        flush(&queue, &ready_worker);
                    }
                    route(envelope, &pending, &on_event)
                }
                Err(message) => on_event.emit(WorkerEvent::Died(message)),
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
            fail_all(&pending, &reason);
            on_event.emit(WorkerEvent::Died(reason));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *self.0.listeners.borrow_mut() = vec![on_message, on_error];
        *self.0.worker.borrow_mut() = Some(worker);
    }

    fn stop(&self, reason: &str) {
        if let Some(worker) = self.0.worker.borrow_mut().take() {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
        }
        self.0.listeners.borrow_mut().clear();
        fail_all(&self.0.pending, reason);
    }
}

fn route(envelope: Envelope<Reply>, pending: &RefCell<Pending>, on_event: &Callback<WorkerEvent>) {
    match envelope.body {
        Reply::Ready => on_event.emit(WorkerEvent::Ready),
        Reply::Progress { done, total, what } => {
            on_event.emit(WorkerEvent::Progress { done, total, what })
        }
        Reply::Crashed { diagnostic } => {
            fail_all(pending, "the archive reader stopped");
            on_event.emit(WorkerEvent::Died(diagnostic));
        }
        reply => {
            let callback = pending.borrow_mut().remove(&envelope.id);
            if let Some(callback) = callback {
                callback(reply);
            }
        }
    }
}

/// Sends what waited for the worker to start, and lets later messages go straight through.
fn flush(queue: &RefCell<Option<Vec<JsValue>>>, worker: &Worker) {
    let waiting = queue.borrow_mut().take().unwrap_or_default();
    for message in waiting {
        let _ = worker.post_message(&message);
    }
}

/// Answers every outstanding request with a failure (their worker is gone).
fn fail_all(pending: &RefCell<Pending>, reason: &str) {
    let callbacks: Vec<_> = pending.borrow_mut().drain().collect();
    for (_, callback) in callbacks {
        callback(Reply::Failed {
            message: reason.to_string(),
        });
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
