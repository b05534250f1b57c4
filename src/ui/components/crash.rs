//! The crash screen, drawn straight into the DOM: after a panic the app's own state
//! cannot be trusted, so this uses none of it.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Replaces the page with an explanation and a diagnostic to copy.
pub fn show(diagnostic: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    body.set_text_content(None);
    let build = || -> Result<(), JsValue> {
        let root = document.create_element("div")?;
        root.set_class_name("crash");
        root.set_attribute("role", "alert")?;
        let title = document.create_element("h1")?;
        title.set_text_content(Some("Keepsake ran into a bug"));
        let text = document.create_element("p")?;
        text.set_text_content(Some(
            "Nothing was sent anywhere, and your files are untouched. Reload the page to start \
             again. To report the problem, copy the diagnostic below: it holds versions, counts \
             and the error, never your file names or their contents.",
        ));
        let area = document.create_element("textarea")?;
        area.set_attribute("readonly", "")?;
        area.set_attribute("aria-label", "Diagnostic")?;
        area.set_text_content(Some(diagnostic));
        let button = document.create_element("button")?;
        button.set_class_name("button");
        button.set_text_content(Some("Copy diagnostic"));
        let copied = diagnostic.to_string();
        let on_click = Closure::<dyn FnMut()>::new(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.navigator().clipboard().write_text(&copied);
            }
        });
        button.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
        // The crash screen lives as long as the page.
        on_click.forget();
        for child in [&title, &text, &area, &button] {
            root.append_child(child)?;
        }
        body.append_child(&root)?;
        Ok(())
    };
    let _ = build();
}
