//! Trunk post-build hook: trunk loads the app with an inline module script whose text
//! changes with every build (it names hashed files). A strict Content-Security-Policy
//! cannot allow inline scripts in general, so this pins each one by its SHA-256 hash.

use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// The placeholder in index.html's CSP that receives the inline-script hashes.
pub const PLACEHOLDER: &str = "'inline-script-hashes'";

pub fn hook() -> Result<(), String> {
    let staging = std::env::var("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .map_err(|_| "`csp` runs as trunk's post_build hook (TRUNK_STAGING_DIR unset)")?;
    let page = staging.join("index.html");
    let html = std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
    let pinned = pin_inline_scripts(&html)?;
    std::fs::write(&page, pinned).map_err(|e| format!("{}: {e}", page.display()))
}

/// Replaces the placeholder with `'sha256-…'` sources for every inline `<script>`.
pub fn pin_inline_scripts(html: &str) -> Result<String, String> {
    if !html.contains(PLACEHOLDER) {
        return Err(format!(
            "index.html's CSP lacks the {PLACEHOLDER} placeholder"
        ));
    }
    let sources: Vec<String> = inline_scripts(html)
        .map(|body| {
            let digest = Sha256::digest(body.as_bytes());
            let encoded = base64::engine::general_purpose::STANDARD.encode(digest);
            format!("'sha256-{encoded}'")
        })
        .collect();
    Ok(html.replace(PLACEHOLDER, &sources.join(" ")))
}

/// Bodies of `<script>` elements that have no `src` attribute.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let open_end = rest.find('>')?;
        let attributes = &rest[..open_end];
        let body = &rest[open_end + 1..];
        let close = body.find("</script>")?;
        (!attributes.contains("src=")).then_some(&body[..close])
    })
}

/// The policy a page carries, for servers that also want to send it as a header.
pub fn policy_of(html: &str) -> Option<String> {
    let marker = "http-equiv=\"Content-Security-Policy\"";
    let tag_start = html.find(marker)?;
    let tag = &html[tag_start..];
    let content = tag.find("content=\"")? + "content=\"".len();
    let len = tag[content..].find('"')?;
    Some(tag[content..content + len].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'inline-script-hashes'">
<script type="module" nonce="x">import init from './app.js';</script>
<script src="./other.js"></script>"#;

    #[test]
    fn pins_only_inline_scripts() {
        let pinned = pin_inline_scripts(PAGE).unwrap_or_default();
        // sha256 of "import init from './app.js';", base64.
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import init from './app.js';"));
        let policy = policy_of(&pinned).unwrap_or_default();
        assert_eq!(policy, format!("script-src 'self' 'sha256-{expected}'"));
    }

    #[test]
    fn refuses_a_page_without_placeholder() {
        assert!(pin_inline_scripts("<script>x</script>").is_err());
    }
}
