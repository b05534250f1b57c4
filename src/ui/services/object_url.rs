//! Object URLs for media, revoked when the component showing them goes away, and
//! counted, so tests can check that only what is on screen holds one.

use std::cell::Cell;

use keepsake_archive::inflate_budget;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, ReadableStreamDefaultReader, Url};

use crate::protocol::MediaInfo;
use crate::ui::services::archive_client::describe_js;

#[wasm_bindgen]
extern "C" {
    /// The browser's inflater (web-sys keeps it behind its unstable-API flag).
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

thread_local! {
    static LIVE: Cell<u32> = const { Cell::new(0) };
}

/// How many object URLs exist right now.
pub fn live() -> u32 {
    LIVE.with(Cell::get)
}

/// An object URL that is revoked when dropped.
#[derive(Debug, PartialEq)]
pub struct ObjectUrl(String);

impl ObjectUrl {
    pub fn new(blob: &Blob) -> Result<Self, String> {
        let url = Url::create_object_url_with_blob(blob).map_err(describe_js)?;
        LIVE.with(|n| n.set(n.get() + 1));
        publish_count();
        Ok(ObjectUrl(url))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Drop for ObjectUrl {
    fn drop(&mut self) {
        let _ = Url::revoke_object_url(&self.0);
        LIVE.with(|n| n.set(n.get().saturating_sub(1)));
        publish_count();
    }
}

/// Mirrors the count on `<body data-live-urls>`, where end-to-end tests read it.
fn publish_count() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-live-urls", &live().to_string());
    }
}

/// `text` as a Blob of type `mime`.
pub fn text_blob(text: &str, mime: &str) -> Result<Blob, String> {
    let parts = js_sys::Array::new();
    parts.push(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe_js)
}

/// The media bytes as a typed Blob: a slice of the user's file when stored, inflated by
/// the browser's own `DecompressionStream` when deflated. Nothing passes through wasm.
///
/// An entry is written by whoever made the export, so inflating is bounded: the declared
/// size is checked against a cap and against the stored size before starting, the chunks
/// are counted as they come (the stream is cancelled past the declared size), and the
/// final length must be the declared one. The chunks stay JavaScript objects, gathered
/// into a Blob of parts.
pub async fn media_blob(file: &File, info: &MediaInfo, mime: &str) -> Result<Blob, String> {
    let start = info.offset as f64;
    let end = info.offset.saturating_add(info.stored_size) as f64;
    if !info.deflated {
        return file
            .slice_with_f64_and_f64_and_content_type(start, end, mime)
            .map_err(describe_js);
    }
    let limit = inflate_budget::limit(info.mime.as_deref(), info.size, info.stored_size)
        .map_err(|refusal| refusal.to_string())?;
    let raw = file
        .slice_with_f64_and_f64(start, end)
        .map_err(describe_js)?;
    let inflate: web_sys::TransformStream = DecompressionStream::new("deflate-raw")
        .map_err(describe_js)?
        .unchecked_into();
    let pair = web_sys::ReadableWritablePair::new(&inflate.readable(), &inflate.writable());
    let stream = raw.stream().pipe_through(&pair);
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let mut parts = js_sys::Array::new();
    let (mut read, mut pending) = (0u64, 0u64);
    loop {
        let result = JsFuture::from(reader.read()).await.map_err(describe_js)?;
        let done = js_sys::Reflect::get(&result, &JsValue::from_str("done"))
            .map_err(describe_js)?
            .is_truthy();
        if done {
            break;
        }
        let chunk = js_sys::Reflect::get(&result, &JsValue::from_str("value"))
            .map_err(describe_js)?
            .dyn_into::<js_sys::Uint8Array>()
            .map_err(describe_js)?;
        read = read.saturating_add(u64::from(chunk.length()));
        if let Err(refusal) = inflate_budget::within(read, limit) {
            // Stops the inflater; what it would still produce is never made.
            let _ = reader.cancel();
            return Err(refusal.to_string());
        }
        pending = pending.saturating_add(u64::from(chunk.length()));
        parts.push(&chunk);
        // Folded into a Blob now and then, which the browser may keep out of the JS heap.
        if pending >= FOLD_BYTES {
            let folded = Blob::new_with_buffer_source_sequence_and_options(&parts, &options)
                .map_err(describe_js)?;
            parts = js_sys::Array::of1(&folded);
            pending = 0;
        }
    }
    inflate_budget::complete(read, info.size).map_err(|refusal| refusal.to_string())?;
    Blob::new_with_buffer_source_sequence_and_options(&parts, &options).map_err(describe_js)
}

/// How many inflated bytes are gathered as chunks before they become one Blob.
const FOLD_BYTES: u64 = 16 << 20;
