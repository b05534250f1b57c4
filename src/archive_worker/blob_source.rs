//! The engine's byte source over a `Blob` (a user's `File`): each read is one
//! `Blob.slice` + `FileReaderSync` call, so nothing but the requested range is loaded.

use std::cell::Cell;
use std::io;
use std::rc::Rc;

use js_sys::Uint8Array;
use keepsake_archive::source::RandomAccess;
use web_sys::{Blob, FileReaderSync};

use crate::ui::services::archive_client::describe_js;

pub struct BlobSource {
    blob: Blob,
    len: u64,
    reader: Option<FileReaderSync>,
    /// Shared so the count survives the source being boxed inside the archive.
    reads: Rc<Cell<u64>>,
}

impl BlobSource {
    pub fn new(blob: Blob) -> Self {
        // Blob sizes are exact integers in f64 up to 2^53 bytes (8 PiB).
        let len = blob.size() as u64;
        Self {
            blob,
            len,
            reader: FileReaderSync::new().ok(),
            reads: Rc::new(Cell::new(0)),
        }
    }

    /// Counts this source's reads into `counter` (shared by all parts of an export).
    pub fn counting_into(mut self, counter: &Rc<Cell<u64>>) -> Self {
        self.reads = Rc::clone(counter);
        self
    }

    /// How many `FileReaderSync` reads were made (for benchmarks).
    pub fn reads(&self) -> u64 {
        self.reads.get()
    }
}

impl RandomAccess for BlobSource {
    fn len(&self) -> u64 {
        self.len
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        let end = offset
            .checked_add(buf.len() as u64)
            .filter(|&end| end <= self.len)
            .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "read past the end"))?;
        if buf.is_empty() {
            return Ok(());
        }
        let reader = self
            .reader
            .as_ref()
            .ok_or_else(|| io::Error::other("FileReaderSync exists only in workers"))?;
        let slice = self
            .blob
            .slice_with_f64_and_f64(offset as f64, end as f64)
            .map_err(js_error)?;
        // NotReadableError lands here when the file changed or moved after it was chosen.
        let bytes = reader.read_as_array_buffer(&slice).map_err(js_error)?;
        let view = Uint8Array::new(&bytes);
        if view.length() as usize != buf.len() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the file is shorter than when it was chosen",
            ));
        }
        view.copy_to(buf);
        self.reads.set(self.reads.get() + 1);
        Ok(())
    }
}

fn js_error(value: wasm_bindgen::JsValue) -> io::Error {
    let name = js_sys::Reflect::get(&value, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "NotReadableError" || name == "NotFoundError" {
        // What the browser says when a chosen file was changed, moved or deleted since.
        return io::Error::other("it was changed, moved or deleted after you chose it");
    }
    io::Error::other(describe_js(value))
}
