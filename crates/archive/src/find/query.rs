//! What a person types, parsed: words (all must match, in any order, the last one as a
//! prefix while typing), `"exact phrases"`, and filters `from:` (sender or owner),
//! `with:` (a conversation's title or participant), `kind:`, `after:` and `before:`
//! (dates, UTC, both inclusive: `after:2019-01-01 before:2019-12-31` is the year 2019).

use serde::{Deserialize, Serialize};

use super::fold;
use super::index::Kind;
use crate::instant::days_from_civil;

/// Words a query keeps at most; the rest are ignored.
pub const MAX_QUERY_WORDS: usize = 16;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query {
    /// Folded words, all required.
    pub words: Vec<String>,
    /// The last word is matched as a prefix (the query did not end with a space).
    pub prefix: bool,
    /// Folded words that must appear next to each other, in order: quoted phrases, and
    /// a word the tokenizer splits (`marta.rs`, `東京`).
    pub phrases: Vec<Vec<String>>,
    /// Folded name fragments; a document matches when its sender or owner holds one.
    pub from: Vec<String>,
    /// Folded name fragments matched against a conversation's title and participants.
    pub with: Vec<String>,
    /// Kinds kept; all when empty.
    pub kinds: Vec<Kind>,
    /// Seconds since 1970: documents at or after.
    pub after: Option<i64>,
    /// Seconds since 1970: documents strictly before.
    pub before: Option<i64>,
}

impl Query {
    /// Nothing to look for: no word, phrase or filter.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.phrases.is_empty()
            && self.from.is_empty()
            && self.with.is_empty()
            && self.kinds.is_empty()
            && self.after.is_none()
            && self.before.is_none()
    }

    /// Whether a query has words or phrases (otherwise only filters choose documents).
    pub fn has_text(&self) -> bool {
        !self.words.is_empty() || !self.phrases.is_empty()
    }
}

/// `2019`, `2019-05` or `2019-05-17` as the first day it names and the day after it ends.
fn date_span(text: &str) -> Option<(i64, i64)> {
    let mut parts = text.trim().splitn(3, ['-', '/', '.']);
    let year: i64 = parts
        .next()?
        .parse()
        .ok()
        .filter(|y| (1900..=2200).contains(y))?;
    let month: Option<i64> = parts.next().map(|m| m.parse().ok()).unwrap_or(Some(0));
    let day: Option<i64> = parts.next().map(|d| d.parse().ok()).unwrap_or(Some(0));
    let (month, day) = (month?, day?);
    let day_secs = |y, m, d| days_from_civil(y, m, d) * 86_400;
    match (month, day) {
        (0, 0) => Some((day_secs(year, 1, 1), day_secs(year + 1, 1, 1))),
        (1..=12, 0) => {
            let (ny, nm) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
            Some((day_secs(year, month, 1), day_secs(ny, nm, 1)))
        }
        (1..=12, 1..=31) => {
            let start = day_secs(year, month, day);
            Some((start, start + 86_400))
        }
        _ => None,
    }
}

/// The pieces of a query: quoted runs and space-separated words, with whether the
/// text ended inside the last one (still being typed).
fn pieces(text: &str) -> (Vec<(String, bool)>, bool) {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut in_quote = false;
    for c in text.chars() {
        if in_quote {
            if c == '"' || c == '“' || c == '”' {
                in_quote = false;
            } else {
                word.push(c);
            }
            continue;
        }
        match c {
            '"' | '“' | '”' => {
                in_quote = true;
                quoted = word.is_empty();
                if !quoted {
                    // `from:"Marta R"`: the quote belongs to the filter's value.
                    word.push('\u{1}');
                }
            }
            c if c.is_whitespace() => {
                if !word.is_empty() {
                    out.push((std::mem::take(&mut word), quoted));
                }
                quoted = false;
            }
            c => word.push(c),
        }
    }
    let typing = !word.is_empty() && !quoted && !text.ends_with(['"', '“', '”']);
    if !word.is_empty() {
        out.push((word, quoted));
    }
    (out, typing)
}

/// Parses a query as typed. Never fails: what is not a filter is text.
pub fn parse(text: &str) -> Query {
    let mut q = Query::default();
    let (pieces, typing) = pieces(text);
    let last = pieces.len().saturating_sub(1);
    let mut last_is_words = false;
    for (i, (piece, quoted)) in pieces.iter().enumerate() {
        let limit = MAX_QUERY_WORDS.saturating_sub(q.words.len());
        if *quoted {
            let words = fold::token_list(piece, limit);
            if !words.is_empty() {
                q.words.extend(words.iter().cloned());
                q.phrases.push(words);
            }
            continue;
        }
        if let Some((name, value)) = piece.split_once(':') {
            let value = value.replace('\u{1}', "");
            if apply_filter(&mut q, &name.to_lowercase(), &value) {
                continue;
            }
        }
        let piece = piece.replace('\u{1}', " ");
        let words = fold::token_list(&piece, limit);
        let typed_last = typing && i == last;
        if words.len() > 1 && !typed_last {
            q.phrases.push(words.clone());
        }
        last_is_words = typed_last && !words.is_empty();
        q.words.extend(words);
    }
    q.prefix = last_is_words;
    q
}

/// Applies `name:value` when it is a filter this parser knows and the value reads.
fn apply_filter(q: &mut Query, name: &str, value: &str) -> bool {
    match name {
        "from" | "by" => push_name(&mut q.from, value),
        "with" | "in" => push_name(&mut q.with, value),
        "kind" | "is" => match Kind::parse(value) {
            Some(kind) => {
                if !q.kinds.contains(&kind) {
                    q.kinds.push(kind);
                }
                true
            }
            None => false,
        },
        "after" | "since" => date_span(value).is_some_and(|(start, _)| {
            q.after = Some(start);
            true
        }),
        "before" | "until" => date_span(value).is_some_and(|(_, end)| {
            q.before = Some(end);
            true
        }),
        "on" | "date" => date_span(value).is_some_and(|(start, end)| {
            q.after = Some(start);
            q.before = Some(end);
            true
        }),
        _ => false,
    }
}

fn push_name(names: &mut Vec<String>, value: &str) -> bool {
    let folded = fold::fold(value.trim().trim_start_matches('@'));
    let folded = folded.trim();
    if folded.is_empty() {
        return false;
    }
    names.push(folded.to_owned());
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn words_are_folded_and_the_last_is_a_prefix_while_typing() {
        let q = parse("Café  ZOË");
        assert_eq!(q.words, words(&["cafe", "zoe"]));
        assert!(q.prefix);
        assert!(!parse("café zoë ").prefix);
        assert!(parse("   ").is_empty());
        assert!(!parse("   ").has_text());
    }

    #[test]
    fn quoted_phrases() {
        let q = parse("\"See you\" tonight");
        assert_eq!(q.phrases, vec![words(&["see", "you"])]);
        assert_eq!(q.words, words(&["see", "you", "tonight"]));
        assert!(q.prefix);
        let q = parse("pizza \"see you\"");
        assert!(!q.prefix, "a closed quote is not being typed");
        // An unclosed quote still counts as a phrase.
        assert_eq!(
            parse("\"on my way").phrases,
            vec![words(&["on", "my", "way"])]
        );
    }

    #[test]
    fn split_words_are_phrases() {
        let q = parse("東京 marta.rs ");
        assert_eq!(
            q.phrases,
            vec![words(&["東", "京"]), words(&["marta", "rs"])]
        );
        assert_eq!(q.words, words(&["東", "京", "marta", "rs"]));
    }

    #[test]
    fn filters() {
        let q = parse(
            "from:Marta kind:messages with:\"Pottery crew\" after:2019-01-01 before:2019-12-31 pizza",
        );
        assert_eq!(q.from, words(&["marta"]));
        assert_eq!(q.with, words(&["pottery crew"]));
        assert_eq!(q.kinds, vec![Kind::Message]);
        assert_eq!(q.after, Some(days_from_civil(2019, 1, 1) * 86_400));
        assert_eq!(q.before, Some(days_from_civil(2020, 1, 1) * 86_400));
        assert_eq!(q.words, words(&["pizza"]));
        let q = parse("on:2020-02 kind:stories from:@leo_b");
        assert_eq!(q.after, Some(days_from_civil(2020, 2, 1) * 86_400));
        assert_eq!(q.before, Some(days_from_civil(2020, 3, 1) * 86_400));
        assert_eq!(q.kinds, vec![Kind::Story]);
        assert_eq!(q.from, words(&["leo_b"]));
        assert!(!q.prefix, "a filter being typed is not a word");
    }

    #[test]
    fn unknown_filters_and_bad_dates_are_words() {
        let q = parse("note:hello after:someday kind:unicorn");
        assert_eq!(
            q.words,
            words(&["note", "hello", "after", "someday", "kind", "unicorn"])
        );
        assert_eq!(q.after, None);
        assert!(q.kinds.is_empty());
    }

    #[test]
    fn emoji_are_words() {
        let q = parse("🍕 👍🏽 ");
        assert_eq!(q.words, words(&["🍕", "👍"]));
    }

    #[test]
    fn word_count_is_bounded() {
        let long = "w ".repeat(100);
        assert_eq!(parse(&long).words.len(), MAX_QUERY_WORDS);
    }
}
