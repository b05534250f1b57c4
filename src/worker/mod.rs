//! The archive worker: owns the export index, reads the user's files with
//! `FileReaderSync`, and answers the page's requests with small messages.

mod blob_source;
mod conversations;
mod engine;
mod warmup;

pub use blob_source::BlobSource;
pub use engine::{Engine, OpenPart};

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

use crate::protocol::{self, Envelope, PartSource, Reply, Request};

/// Installs the message handler and tells the page the worker is ready.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    install_panic_hook(scope.clone());
    let engine = Rc::new(RefCell::new(Engine::default()));
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let post = |id: u32, body: Reply| post(&reply_scope, id, body);
        handle(&engine, event.data(), &post);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    warmup::warm_up();
    post(&scope, 0, Reply::Ready);
}

fn handle(engine: &RefCell<Engine>, data: JsValue, post: &dyn Fn(u32, Reply)) {
    let message = Array::from(&data);
    let Some(text) = message.get(0).as_string() else {
        return post(
            0,
            failed("a message without text reached the archive reader"),
        );
    };
    let envelope = match protocol::decode::<Request>(&text) {
        Ok(envelope) => envelope,
        Err(message) => return post(0, Reply::Failed { message }),
    };
    let id = envelope.id;
    let reply = match envelope.body {
        Request::Open { parts } => {
            let files: Vec<File> = Array::from(&message.get(1))
                .iter()
                .filter_map(|f| f.dyn_into::<File>().ok())
                .collect();
            if files.len() != parts.len() {
                failed("the files and their descriptions do not match")
            } else {
                let reads = Rc::new(std::cell::Cell::new(0));
                let parts = parts
                    .into_iter()
                    .zip(files)
                    .map(|part| open_part(part, &reads))
                    .collect();
                let progress = |done: u64, total: u64, what: &str| {
                    post(
                        0,
                        Reply::Progress {
                            done,
                            total,
                            what: what.to_string(),
                        },
                    )
                };
                let mut summary = engine.borrow_mut().open(parts, &progress);
                summary.source_reads = reads.get();
                summary.worker_memory = memory_size();
                Reply::Opened(summary)
            }
        }
        Request::Entries {
            filter,
            section,
            offset,
            limit,
        } => Reply::Entries(engine.borrow().entries(&filter, section, offset, limit)),
        Request::Media { path } => engine.borrow_mut().media(&path),
        Request::Text { path } => engine.borrow_mut().text(&path),
        parser => engine.borrow_mut().parsed(parser),
    };
    post(id, reply);
}

fn open_part((source, file): (PartSource, File), reads: &Rc<std::cell::Cell<u64>>) -> OpenPart {
    OpenPart {
        source,
        data: Box::new(BlobSource::new(file.into()).counting_into(reads)),
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

fn failed(message: &str) -> Reply {
    Reply::Failed {
        message: message.to_string(),
    }
}

fn post(scope: &DedicatedWorkerGlobalScope, id: u32, body: Reply) {
    let text = protocol::encode(&Envelope { id, body });
    let _ = scope.post_message(&JsValue::from_str(&text));
}

/// A panic in the worker becomes a `Crashed` message, so the page can say so and offer
/// to reopen the files with a fresh worker.
fn install_panic_hook(scope: DedicatedWorkerGlobalScope) {
    std::panic::set_hook(Box::new(move |info| {
        let (message, location) = crate::diagnostics::describe(info);
        let diagnostic = crate::diagnostics::diagnostic(&message, location, "worker");
        post(&scope, 0, Reply::Crashed { diagnostic });
    }));
}
