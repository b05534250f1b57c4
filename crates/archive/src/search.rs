//! Text search in messages: within one conversation (positions to jump to) and across
//! every conversation (hits with a snippet, newest first). Matching ignores case and
//! looks at a message's own text and at the text of what it shares.

use serde::{Deserialize, Serialize};

use crate::export::Export;
use crate::model::{Message, Thread, ThreadSummary};

/// Messages that contain a searched text, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct MessageHits {
    pub hits: Vec<MessageHit>,
    /// Matches in all, of which `hits` holds the first ones.
    pub total: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MessageHit {
    pub thread_id: String,
    pub thread_title: String,
    /// The message's position in its conversation, oldest first.
    pub index: usize,
    pub sender: String,
    pub time: i64,
    pub snippet: String,
}

/// Characters of context kept before a match in a snippet.
const SNIPPET_BEFORE: usize = 40;
/// Characters a snippet shows at most (ellipses aside).
const SNIPPET_LEN: usize = 120;

/// What is searched for: the query trimmed and lower-cased. Never empty, so an empty
/// query matches nothing instead of everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle(String);

impl Needle {
    /// `None` for a query that is blank once trimmed.
    pub fn new(query: &str) -> Option<Needle> {
        let needle = query.trim().to_lowercase();
        (!needle.is_empty()).then_some(Needle(needle))
    }

    /// Whether `text` contains the needle, ignoring case.
    pub fn found_in(&self, text: &str) -> bool {
        text.to_lowercase().contains(&self.0)
    }

    /// The first of a message's texts (its own, then what it shares) holding the needle.
    pub fn text_in<'m>(&self, message: &'m Message) -> Option<&'m str> {
        let shared = message.share.as_ref().and_then(|s| s.text.as_deref());
        [message.text.as_deref(), shared]
            .into_iter()
            .flatten()
            .find(|text| self.found_in(text))
    }

    pub fn matches(&self, message: &Message) -> bool {
        self.text_in(message).is_some()
    }

    /// Positions of the matching messages, ascending.
    pub fn positions(&self, messages: &[Message]) -> Vec<usize> {
        messages
            .iter()
            .enumerate()
            .filter(|(_, m)| self.matches(m))
            .map(|(i, _)| i)
            .collect()
    }

    /// Up to [`SNIPPET_LEN`] characters of `text` starting a little before the first
    /// match, with `…` where text was cut. The start of `text` when nothing matches.
    pub fn snippet(&self, text: &str) -> String {
        let lower = text.to_lowercase();
        let at = lower.find(&self.0).unwrap_or(0);
        // Lower-casing can change a character's length ('İ' becomes two), so the match is
        // placed by walking the original characters, not by counting in `lower`.
        let mut lowered = 0;
        let before = text
            .chars()
            .take_while(|c| {
                lowered += c.to_lowercase().map(char::len_utf8).sum::<usize>();
                lowered <= at
            })
            .count();
        let start = before.saturating_sub(SNIPPET_BEFORE);
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        out.extend(text.chars().skip(start).take(SNIPPET_LEN));
        if text.chars().count() > start + SNIPPET_LEN {
            out.push('…');
        }
        out
    }

    /// A hit for each matching message of one conversation.
    pub fn hits_in<'a>(
        &'a self,
        summary: &'a ThreadSummary,
        thread: &'a Thread,
    ) -> impl Iterator<Item = MessageHit> + 'a {
        thread
            .messages
            .iter()
            .enumerate()
            .filter_map(move |(index, message)| {
                let text = self.text_in(message)?;
                Some(MessageHit {
                    thread_id: summary.id.clone(),
                    thread_title: summary.title.clone(),
                    index,
                    sender: message.sender.clone(),
                    time: message.time.0,
                    snippet: self.snippet(text),
                })
            })
    }
}

/// `hits` newest first (ties keep their order), cut to `limit`, with the full count.
pub fn newest_first(mut hits: Vec<MessageHit>, limit: usize) -> MessageHits {
    hits.sort_by_key(|h| std::cmp::Reverse(h.time));
    let total = hits.len();
    hits.truncate(limit);
    MessageHits { hits, total }
}

/// Messages containing `query` in every conversation, newest first, at most `limit` of
/// them. Threads are parsed one at a time and let go.
pub fn search_messages(export: &mut Export, query: &str, limit: usize) -> MessageHits {
    let Some(needle) = Needle::new(query) else {
        return MessageHits::default();
    };
    let mut hits = Vec::new();
    export.for_each_thread(|summary, thread| {
        hits.extend(needle.hits_in(summary, &thread.value));
    });
    newest_first(hits, limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::Archive;
    use crate::instant::Instant;
    use crate::model::Share;

    fn message(sender: &str, time: i64, text: Option<&str>, shared: Option<&str>) -> Message {
        Message {
            sender: sender.into(),
            time: Instant(time),
            text: text.map(str::to_string),
            share: shared.map(|s| Share {
                text: Some(s.to_string()),
                ..Share::default()
            }),
            ..Message::default()
        }
    }

    #[test]
    fn blank_queries_search_nothing() {
        assert_eq!(Needle::new("   "), None);
        assert_eq!(Needle::new(""), None);
        assert_eq!(Needle::new("  Café ").map(|n| n.0), Some("café".into()));
    }

    #[test]
    fn matching_ignores_case_and_reads_shared_text() {
        let needle = Needle::new("HELLO").unwrap();
        let messages = [
            message("a", 1, Some("well, Hello there"), None),
            message("b", 2, Some("nothing here"), None),
            message("c", 3, None, Some("hello from a reel")),
            message("d", 4, Some("a caption"), Some("shared: HeLLo")),
            message("e", 5, None, None),
        ];
        assert_eq!(needle.positions(&messages), vec![0, 2, 3]);
        assert_eq!(needle.text_in(&messages[3]), Some("shared: HeLLo"));
        let accented = Needle::new("ÉTÉ").unwrap();
        assert!(accented.matches(&message("a", 1, Some("un été chaud"), None)));
    }

    #[test]
    fn snippets_cut_around_the_match() {
        let needle = Needle::new("needle").unwrap();
        assert_eq!(needle.snippet("a needle here"), "a needle here");

        let text = format!("{}needle{}", "x".repeat(100), "y".repeat(200));
        let snippet = needle.snippet(&text);
        let expected = format!("…{}needle{}…", "x".repeat(40), "y".repeat(74));
        assert_eq!(snippet, expected);

        // Multibyte text: cut on characters, never inside one.
        let text = format!("{}needle{}", "é👍".repeat(30), "ü".repeat(10));
        let snippet = needle.snippet(&text);
        assert_eq!(
            snippet,
            format!("…{}needle{}", "é👍".repeat(20), "ü".repeat(10))
        );
    }

    #[test]
    fn snippets_find_matches_after_letters_that_grow_when_lowered() {
        // 'İ' lower-cases to two characters: counting in the lowered text would start the
        // snippet 50 characters late, past the match.
        let needle = Needle::new("match").unwrap();
        let text = format!("{}match", "İ".repeat(50));
        assert_eq!(needle.snippet(&text), format!("…{}match", "İ".repeat(40)));
    }

    #[test]
    fn hits_come_newest_first_with_the_total() {
        let hit = |index: usize, time: i64| MessageHit {
            thread_id: "t".into(),
            thread_title: "T".into(),
            index,
            sender: "s".into(),
            time,
            snippet: String::new(),
        };
        let hits = vec![hit(0, 10), hit(1, 30), hit(2, 20), hit(3, 30)];
        let page = newest_first(hits, 3);
        let order: Vec<usize> = page.hits.iter().map(|h| h.index).collect();
        assert_eq!(order, vec![1, 3, 2], "newest first, ties in order");
        assert_eq!(page.total, 4);
        assert_eq!(newest_first(Vec::new(), 5), MessageHits::default());
    }

    fn thread_json(title: &str, messages: &[(&str, i64, &str)]) -> Vec<u8> {
        let messages: Vec<serde_json::Value> = messages
            .iter()
            .map(|(sender, ms, text)| {
                serde_json::json!({"sender_name": sender, "timestamp_ms": ms, "content": text})
            })
            .collect();
        serde_json::json!({
            "participants": [{"name": title}, {"name": "Me"}],
            "title": title,
            "messages": messages,
        })
        .to_string()
        .into_bytes()
    }

    #[test]
    fn searches_every_thread_of_an_export() {
        let mut archive = Archive::new();
        let inbox = "your_instagram_activity/messages/inbox";
        let threads = [
            (
                "bob_1",
                thread_json(
                    "Bob",
                    &[
                        ("Bob", 1_700_000_300_000, "Pizza tonight?"),
                        ("Me", 1_700_000_100_000, "no pizza"),
                    ],
                ),
            ),
            (
                "ann_2",
                thread_json("Ann", &[("Ann", 1_700_000_200_000, "PIZZA party")]),
            ),
        ];
        for (folder, bytes) in threads {
            let path = format!("{inbox}/{folder}/message_1.json");
            archive.add_loose_file(&path, Box::new(bytes)).unwrap();
        }
        let mut export = Export::new(archive);

        let found = search_messages(&mut export, " pizza ", 2);
        assert_eq!(found.total, 3);
        let seen: Vec<(&str, i64, &str)> = found
            .hits
            .iter()
            .map(|h| (h.thread_title.as_str(), h.time, h.snippet.as_str()))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("Bob", 1_700_000_300, "Pizza tonight?"),
                ("Ann", 1_700_000_200, "PIZZA party")
            ]
        );
        assert_eq!(
            search_messages(&mut export, "  ", 10),
            MessageHits::default()
        );
        assert_eq!(search_messages(&mut export, "sushi", 10).total, 0);
    }
}
