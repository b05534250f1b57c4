//! The parts of Meta's DYI page template, found by structure; the generated class names
//! (`_a6-h` header, `_a6-p` body, `_a6-o` time) only break ties.

use super::reader::{Dom, El};
use super::time;
use crate::instant::Instant;

/// The page's `<title>`.
pub fn title(dom: &Dom) -> String {
    dom.root()
        .find(&|e| e.tag() == "title")
        .map(|t| t.text().trim().to_owned())
        .unwrap_or_default()
}

/// The element holding the records: `role="main"`, else the body, else the document.
pub fn main(dom: &Dom) -> El<'_> {
    let root = dom.root();
    root.find(&|e| e.attr("role") == Some("main"))
        .or_else(|| root.find(&|e| e.tag() == "body"))
        .unwrap_or(root)
}

fn is_leaf(e: &El<'_>) -> bool {
    e.elements().next().is_none()
}

/// Text-only `div`s directly in `main` (the page's notes, e.g. a thread's participants).
pub fn notes<'a>(main: El<'a>) -> impl Iterator<Item = String> + 'a {
    main.elements()
        .filter(|e| e.tag() == "div" && is_leaf(e))
        .map(|e| e.text())
}

/// One record: header text, body elements and time.
pub struct Record<'a> {
    pub header: Option<String>,
    pub body: Vec<El<'a>>,
    pub time: Instant,
}

impl Record<'_> {
    /// All text of the body.
    pub fn body_text(&self) -> String {
        self.body.iter().map(El::text).collect()
    }
}

/// The records of a page: `div`s directly in `main` that hold elements.
pub fn records<'a>(main: El<'a>) -> impl Iterator<Item = Record<'a>> + 'a {
    main.elements()
        .filter(|e| e.tag() == "div" && !is_leaf(e))
        .map(split)
}

/// `[header] body… [time]`: the time is a last text-only child that reads as a time; the
/// header a heading, or a text-only first child followed by a body.
fn split(record: El<'_>) -> Record<'_> {
    let kids: Vec<El<'_>> = record.elements().collect();
    let mut end = kids.len();
    let mut at = Instant::NONE;
    if let Some(last) = kids.last().filter(|e| is_leaf(e))
        && let Some(t) = time::parse(&last.text())
    {
        at = t;
        end -= 1;
    }
    let body = kids.get(..end).unwrap_or(&[]);
    let header = body.first().filter(|first| {
        let heading = matches!(first.tag(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        heading
            || first.has_class("_a6-h")
            || (body.len() >= 2 && is_leaf(first) && !first.has_class("_a6-p"))
    });
    Record {
        header: header.map(|h| h.text()),
        body: body
            .get(usize::from(header.is_some())..)
            .unwrap_or(&[])
            .to_vec(),
        time: at,
    }
}

/// `img`, `video` or `audio` with its `src`.
pub fn media_src<'a>(e: &El<'a>) -> Option<(&'a str, &'a str)> {
    match e.tag() {
        tag @ ("img" | "video" | "audio") => Some((tag, e.attr("src")?)),
        _ => None,
    }
}

/// Whether `e` is or holds an image, video or audio element.
pub fn has_media(e: &El<'_>) -> bool {
    media_src(e).is_some() || e.contains(&|d| media_src(d).is_some())
}
