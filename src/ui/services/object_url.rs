//! Object URLs for media, revoked when the component showing them goes away, and
//! counted, so tests can check that only what is on screen holds one.

use std::cell::Cell;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, Url};

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
pub async fn media_blob(file: &File, info: &MediaInfo, mime: &str) -> Result<Blob, String> {
    let start = info.offset as f64;
    let end = info.offset.saturating_add(info.stored_size) as f64;
    if !info.deflated {
        return file
            .slice_with_f64_and_f64_and_content_type(start, end, mime)
            .map_err(describe_js);
    }
    let raw = file
        .slice_with_f64_and_f64(start, end)
        .map_err(describe_js)?;
    let inflate: web_sys::TransformStream = DecompressionStream::new("deflate-raw")
        .map_err(describe_js)?
        .unchecked_into();
    let pair = web_sys::ReadableWritablePair::new(&inflate.readable(), &inflate.writable());
    let stream = raw.stream().pipe_through(&pair);
    let response =
        web_sys::Response::new_with_opt_readable_stream(Some(&stream)).map_err(describe_js)?;
    let inflated = JsFuture::from(response.blob().map_err(describe_js)?)
        .await
        .map_err(describe_js)?
        .dyn_into::<Blob>()
        .map_err(describe_js)?;
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_blob_sequence_and_options(&js_sys::Array::of1(&inflated), &options)
        .map_err(describe_js)
}
