//! A snippet around the first match, with the matched words marked as byte ranges into
//! the snippet (the page draws them as text, never as markup).

use serde::{Deserialize, Serialize};

use super::fold;
use super::index::MAX_DOC_TOKENS;

/// Characters of context kept before the first match.
const BEFORE: usize = 40;
/// Characters a snippet shows at most (ellipses aside).
const LEN: usize = 140;
/// Marks per snippet at most.
const MAX_MARKS: usize = 32;

/// A highlighted range of a snippet, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
}

/// What a snippet highlights: folded words, the last one possibly as a prefix.
pub struct Terms<'a> {
    pub words: &'a [String],
    pub prefix: bool,
}

impl Terms<'_> {
    fn matches(&self, token: &str) -> bool {
        let last = self.words.len().saturating_sub(1);
        self.words
            .iter()
            .enumerate()
            .any(|(i, w)| token == w || (self.prefix && i == last && token.starts_with(w.as_str())))
    }
}

/// Up to [`LEN`] characters of `text` from a little before the first matching word,
/// `…` where cut, line breaks shown as spaces; and the marks of every matching word in it.
pub fn snippet(text: &str, terms: &Terms<'_>) -> (String, Vec<Mark>) {
    let mut matches: Vec<(usize, usize)> = Vec::new();
    fold::tokens(text, MAX_DOC_TOKENS, |t| {
        if terms.matches(t.folded) {
            matches.push((t.start, t.end));
        }
    });
    let first = matches.first().map_or(0, |m| m.0);
    let before = text[..first].chars().count();
    let skip = before.saturating_sub(BEFORE);
    let start = text.char_indices().nth(skip).map_or(text.len(), |(i, _)| i);
    let end = text[start..]
        .char_indices()
        .nth(LEN)
        .map_or(text.len(), |(i, _)| start + i);
    let mut out = String::with_capacity(end - start + 6);
    if start > 0 {
        out.push('…');
    }
    let offset = out.len();
    // '\n' and ' ' are both one byte: offsets stay true.
    out.extend(
        text[start..end]
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
    );
    if end < text.len() {
        out.push('…');
    }
    let marks = matches
        .into_iter()
        .filter(|(s, e)| *s >= start && *e <= end)
        .take(MAX_MARKS)
        .map(|(s, e)| Mark {
            start: s - start + offset,
            end: e - start + offset,
        })
        .collect();
    (out, marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(snippet: &str, marks: &[Mark]) -> Vec<String> {
        marks
            .iter()
            .map(|m| snippet[m.start..m.end].to_owned())
            .collect()
    }

    #[test]
    fn marks_every_matching_word_as_written() {
        let words = vec!["cafe".to_owned(), "lisb".to_owned()];
        let terms = Terms {
            words: &words,
            prefix: true,
        };
        let (s, marks) = snippet("Café in Lisboa,\nthen CAFÉ again", &terms);
        assert_eq!(s, "Café in Lisboa, then CAFÉ again");
        assert_eq!(marked(&s, &marks), ["Café", "Lisboa", "CAFÉ"]);
    }

    #[test]
    fn cuts_around_the_first_match_on_characters() {
        let words = vec!["needle".to_owned()];
        let terms = Terms {
            words: &words,
            prefix: false,
        };
        let text = format!("{} needle {}", "é👍".repeat(60), "ü".repeat(300));
        let (s, marks) = snippet(&text, &terms);
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert_eq!(marked(&s, &marks), ["needle"]);
        assert_eq!(s.chars().count(), LEN + 2);
        let (s, marks) = snippet("no match here", &terms);
        assert_eq!((s.as_str(), marks.len()), ("no match here", 0));
    }
}
