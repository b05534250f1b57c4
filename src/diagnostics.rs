//! When Keepsake hits a bug, it says so plainly and offers a diagnostic to copy. The
//! diagnostic is built to be safe to paste in a public issue: versions, counts and the
//! error, with anything quoted (which could be a file name or text) removed.

use std::cell::RefCell;
use std::panic::PanicHookInfo;

thread_local! {
    /// Counts about the open export, kept current by the app, for the diagnostic.
    static CONTEXT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Records what the diagnostic should say about the current state (no names, only counts).
pub fn set_context(context: String) {
    CONTEXT.with(|c| *c.borrow_mut() = context);
}

/// The text offered to copy after a crash.
pub fn diagnostic(message: &str, location: Option<String>, user_agent: &str) -> String {
    let context = CONTEXT.with(|c| c.borrow().clone());
    let mut text = format!(
        "Keepsake {}\nerror: {}\n",
        env!("CARGO_PKG_VERSION"),
        redact(message)
    );
    if let Some(location) = location {
        text.push_str(&format!("at: {location}\n"));
    }
    if !context.is_empty() {
        text.push_str(&format!("state: {context}\n"));
    }
    text.push_str(&format!("browser: {}\n", redact(user_agent)));
    text
}

/// Removes quoted spans and caps the length: panic messages may quote data.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(400));
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match quote {
            Some(q) if c == q => {
                out.push('…');
                out.push(c);
                quote = None;
            }
            Some(_) => {}
            None => {
                out.push(c);
                if matches!(c, '"' | '\'' | '`') {
                    quote = Some(c);
                }
            }
        }
        if out.chars().count() >= 400 {
            out.push('…');
            break;
        }
    }
    out
}

/// Message and location of a panic.
pub fn describe(info: &PanicHookInfo<'_>) -> (String, Option<String>) {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string());
    let location = info
        .location()
        .map(|l| format!("{}:{}", l.file(), l.line()));
    (message, location)
}

/// Replaces the page with the crash screen (the app cannot be trusted after a panic).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let (message, location) = describe(info);
        let agent = web_sys::window()
            .and_then(|w| w.navigator().user_agent().ok())
            .unwrap_or_default();
        crate::ui::components::crash::show(&diagnostic(&message, location, &agent));
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn redaction_drops_quoted_text() {
        assert_eq!(
            redact("cannot open \"messages/inbox/alice_123/message_1.json\": bad"),
            "cannot open \"…\": bad"
        );
        assert_eq!(redact("index out of bounds"), "index out of bounds");
        assert!(redact(&"x".repeat(1000)).chars().count() <= 401);
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn diagnostic_has_version_and_counts_but_no_names() {
        set_context("parts=2 entries=1234".into());
        let text = diagnostic("failed on 'zoë.jpg'", Some("src/x.rs:1".into()), "Chromium");
        assert!(text.contains(env!("CARGO_PKG_VERSION")));
        assert!(text.contains("parts=2 entries=1234"));
        assert!(!text.contains("zoë"));
    }
}
