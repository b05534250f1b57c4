//! Turning what the user chose (files, a folder, a drop, the demo) into parts to open.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DataTransfer, File, FileList};

use crate::protocol::PartSource;
use crate::ui::services::archive_client::describe_js;

/// Where the demo export sits in the built site (written by the fixtures generator).
pub const DEMO_URL: &str = "demo/keepsake-demo.zip";

pub fn from_list(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The path of a file inside a chosen folder (empty for files chosen one by one).
pub fn relative_path(file: &File) -> String {
    Reflect::get(file, &JsValue::from_str("webkitRelativePath"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// How each file takes part: ZIPs are parts; other files are members of an unzipped folder.
pub fn parts_of(files: &[File]) -> Vec<PartSource> {
    files
        .iter()
        .map(|file| {
            let name = file.name();
            if name.to_ascii_lowercase().ends_with(".zip") {
                PartSource::Zip { name }
            } else {
                let path = relative_path(file);
                PartSource::Loose {
                    path: if path.is_empty() { name } else { path },
                }
            }
        })
        .collect()
}

/// True when a drop contains a folder, which a drop cannot read: the folder picker can.
pub fn drop_has_folder(transfer: &DataTransfer) -> bool {
    let items = transfer.items();
    (0..items.length()).any(|i| {
        let Some(item) = items.get(i) else {
            return false;
        };
        let Ok(entry_fn) = Reflect::get(&item, &JsValue::from_str("webkitGetAsEntry")) else {
            return false;
        };
        let Some(entry_fn) = entry_fn.dyn_ref::<js_sys::Function>() else {
            return false;
        };
        entry_fn
            .call0(&item)
            .ok()
            .and_then(|entry| Reflect::get(&entry, &JsValue::from_str("isDirectory")).ok())
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    })
}

/// Fetches the bundled demo export from the page's own origin as a `File`.
pub async fn fetch_demo() -> Result<File, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(DEMO_URL))
        .await
        .map_err(describe_js)?;
    let response: web_sys::Response = response.dyn_into().map_err(describe_js)?;
    if !response.ok() {
        return Err(format!(
            "the demo export is missing from this build (HTTP {})",
            response.status()
        ));
    }
    let blob = JsFuture::from(response.blob().map_err(describe_js)?)
        .await
        .map_err(describe_js)?;
    let parts = Array::of1(&blob);
    let options = web_sys::FilePropertyBag::new();
    options.set_type("application/zip");
    File::new_with_blob_sequence_and_options(&parts, "keepsake-demo.zip", &options)
        .map_err(describe_js)
}
