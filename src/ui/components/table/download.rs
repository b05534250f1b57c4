//! Downloads made in the page: a Blob, an object URL, a click on an `<a download>`, and
//! the URL revoked once the browser has taken the file.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use crate::ui::services::archive_client::describe_js;
use crate::ui::services::object_url::{ObjectUrl, text_blob};

/// Offers `text` as a file named `file_name`.
pub fn save_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let url = ObjectUrl::new(&text_blob(text, mime)?)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let anchor = document.create_element("a").map_err(describe_js)?;
    anchor
        .set_attribute("href", url.as_str())
        .map_err(describe_js)?;
    anchor
        .set_attribute("download", file_name)
        .map_err(describe_js)?;
    anchor.set_attribute("hidden", "").map_err(describe_js)?;
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor).map_err(describe_js)?;
    if let Some(element) = anchor.dyn_ref::<HtmlElement>() {
        element.click();
    }
    anchor.remove();
    // Revoked on the next turn: revoking at once can cancel the download in some browsers.
    let revoke = Closure::once_into_js(move || drop(url));
    if let Some(window) = web_sys::window() {
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000)
            .map_err(describe_js)?;
    }
    Ok(())
}

/// `Followers (not following back)` → `followers-not-following-back`.
pub fn file_stem(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "table".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn file_names_are_tidy() {
        assert_eq!(
            file_stem("Followers (not following back)"),
            "followers-not-following-back"
        );
        assert_eq!(file_stem("new_thing_1.json"), "new-thing-1-json");
        assert_eq!(file_stem("??"), "table");
    }
}
