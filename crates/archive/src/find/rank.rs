//! Running a query on an index: candidates from the postings, filters, phrases checked
//! on the text, then ranked (exact phrase first, then all words, then newest) and
//! grouped by kind, each group with its count and its best hits.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use serde::{Deserialize, Serialize};

use super::fold;
use super::index::{Doc, Index, Kind, List, MAX_DOC_TOKENS, NOBODY, Place};
use super::query::Query;
use super::snippet::{Mark, Terms, snippet};
use crate::instant::Instant;

/// Terms a prefix expands to at most (`a` alone would otherwise take every word).
const MAX_PREFIX_TERMS: usize = 4_096;
/// Documents whose text is read per query (phrases, ranking); past it the newest are
/// kept and the counts are marked inexact.
const MAX_VERIFIED: usize = 100_000;
/// Sorts best first: exact, then newest, then last indexed.
type RankKey = (bool, Reverse<u32>, Reverse<u32>);

/// Hits per kind at most.
pub const MAX_PER_KIND: usize = 200;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: Kind,
    pub place: Place,
    pub time: Instant,
    /// Sender or owner, when known.
    pub who: Option<String>,
    pub snippet: String,
    /// Matched words in `snippet`, as byte ranges.
    pub marks: Vec<Mark>,
    /// The words appear as typed, next to each other (ranked first).
    pub exact: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub kind: Kind,
    /// Matches of this kind in all, of which `hits` holds the best.
    pub total: usize,
    pub hits: Vec<Hit>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// Kinds with matches, in [`Kind::ALL`] order.
    pub groups: Vec<Group>,
    pub total: usize,
    /// The index held every family when this was answered.
    pub complete: bool,
    /// Counts are exact (no cap was reached).
    pub exact: bool,
}

impl Results {
    pub fn group(&self, kind: Kind) -> Option<&Group> {
        self.groups.iter().find(|g| g.kind == kind)
    }

    /// Every hit of every group, in group order.
    pub fn hits(&self) -> impl Iterator<Item = &Hit> {
        self.groups.iter().flat_map(|g| &g.hits)
    }
}

/// Ascending ids in both lists.
fn intersect(a: &[u32], b: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut out = Vec::new();
    let mut b = b.peekable();
    for &x in a {
        while b.next_if(|y| *y < x).is_some() {}
        match b.peek() {
            Some(y) if *y == x => out.push(x),
            Some(_) => {}
            None => break,
        }
    }
    out
}

/// A set of document ids, one bit each.
struct Bits(Vec<u64>);

impl Bits {
    fn new(len: usize) -> Self {
        Bits(vec![0; len.div_ceil(64)])
    }
    fn set(&mut self, id: u32) {
        if let Some(w) = self.0.get_mut(id as usize / 64) {
            *w |= 1 << (id % 64);
        }
    }
    /// The ids set, ascending; skips empty words, so a sparse set is read fast.
    fn ids(&self) -> Vec<u32> {
        let mut out = Vec::new();
        for (w, word) in self.0.iter().enumerate().filter(|(_, word)| **word != 0) {
            let mut bits = *word;
            while bits != 0 {
                out.push((w * 64) as u32 + bits.trailing_zeros());
                bits &= bits - 1;
            }
        }
        out
    }

    fn has(&self, id: u32) -> bool {
        self.0
            .get(id as usize / 64)
            .is_some_and(|w| w & (1 << (id % 64)) != 0)
    }
}

/// Whether some words appear next to each other, in order, fed one token at a time:
/// bit `k` of `state` says the last `k` tokens match the first `k` words (so repeated
/// words, `ha ha ha`, are handled). No text is copied.
struct Phrase<'q> {
    words: &'q [String],
    /// The last word matches as a prefix (being typed).
    prefix: bool,
    state: u32,
    found: bool,
}

impl<'q> Phrase<'q> {
    fn new(words: &'q [String], prefix: bool) -> Self {
        // Queries hold at most 16 words; longer phrases are cut to fit the bits.
        let words = &words[..words.len().min(30)];
        Phrase {
            words,
            prefix,
            state: 0,
            found: words.is_empty(),
        }
    }

    fn reset(&mut self) {
        self.state = 0;
        self.found = self.words.is_empty();
    }

    fn feed(&mut self, token: &str) {
        if self.found {
            return;
        }
        let last = self.words.len() - 1;
        let mut next = 0;
        let active = self.state | 1;
        for (k, word) in self.words.iter().enumerate() {
            let same =
                token == word || (self.prefix && k == last && token.starts_with(word.as_str()));
            if active & (1 << k) != 0 && same {
                next |= 1 << (k + 1);
            }
        }
        self.found = next & (1 << self.words.len()) != 0;
        self.state = next;
    }
}

fn contains_any(name: &str, fragments: &[String]) -> bool {
    let name = fold::fold(name);
    fragments.iter().any(|f| name.contains(f.as_str()))
}

/// The filters of a query, resolved once against the index.
struct Filters<'q> {
    q: &'q Query,
    people: Option<Vec<bool>>,
    lists: Option<Vec<bool>>,
}

impl<'q> Filters<'q> {
    fn new(index: &Index, q: &'q Query) -> Self {
        let people = (!q.from.is_empty()).then(|| {
            index
                .people
                .iter()
                .map(|p| contains_any(p, &q.from))
                .collect()
        });
        let lists = (!q.with.is_empty()).then(|| {
            index
                .lists
                .iter()
                .map(|l| match l {
                    List::Thread {
                        title,
                        participants,
                        ..
                    } => {
                        contains_any(title, &q.with)
                            || participants.iter().any(|p| contains_any(p, &q.with))
                    }
                    List::Replies { title, .. } => contains_any(title, &q.with),
                    _ => false,
                })
                .collect()
        });
        Filters { q, people, lists }
    }

    fn pass(&self, doc: &Doc) -> bool {
        let q = self.q;
        let time = i64::from(doc.time);
        (q.kinds.is_empty() || q.kinds.contains(&doc.kind))
            && q.after.is_none_or(|a| doc.time != 0 && time >= a)
            && q.before.is_none_or(|b| doc.time != 0 && time < b)
            && self.people.as_ref().is_none_or(|ok| {
                doc.person != NOBODY && ok.get(doc.person as usize).copied().unwrap_or(false)
            })
            && self
                .lists
                .as_ref()
                .is_none_or(|ok| ok.get(doc.list as usize).copied().unwrap_or(false))
    }
}

impl Index {
    /// Parses `text` and runs it: see [`Index::search`].
    pub fn find(&self, text: &str, per_kind: usize) -> Results {
        self.search(&super::query::parse(text), per_kind)
    }

    /// The documents matching `q`, grouped by kind with counts, at most `per_kind` hits
    /// per kind (capped at [`MAX_PER_KIND`]).
    pub fn search(&self, q: &Query, per_kind: usize) -> Results {
        let mut results = Results {
            complete: self.complete,
            exact: true,
            ..Results::default()
        };
        if q.is_empty() {
            return results;
        }
        let filters = Filters::new(self, q);
        let mut candidates = match self.candidates(q, &mut results.exact) {
            Some(ids) => ids,
            None => return results,
        };
        candidates.retain(|id| self.docs.get(*id as usize).is_some_and(|d| filters.pass(d)));

        // Ranking reads text for multi-word queries and phrases; bounded, newest kept.
        let read_text = !q.phrases.is_empty() || q.words.len() > 1;
        if read_text && candidates.len() > MAX_VERIFIED {
            candidates.sort_unstable_by_key(|id| Reverse(self.docs[*id as usize].time));
            candidates.truncate(MAX_VERIFIED);
            results.exact = false;
        }
        // One word: exact when the word itself (not only a longer one) is there.
        // (A finished word is exact wherever it is found.)
        let exact_word: Option<Vec<u32>> = match q.words.as_slice() {
            [word] if q.phrases.is_empty() && q.prefix => Some(
                self.exact(word)
                    .map(|p| p.iter().collect())
                    .unwrap_or_default(),
            ),
            _ => None,
        };

        let per_kind = per_kind.min(MAX_PER_KIND);
        let mut counts = [0_usize; Kind::ALL.len()];
        // Per kind, the best `per_kind` as a max-heap on "worse" so the worst is dropped.
        let mut best: Vec<BinaryHeap<RankKey>> =
            (0..Kind::ALL.len()).map(|_| BinaryHeap::new()).collect();
        let mut phrases: Vec<Phrase> = q.phrases.iter().map(|p| Phrase::new(p, false)).collect();
        // A query that is one quoted phrase ranks by that phrase alone.
        let same = matches!(q.phrases.as_slice(), [p] if *p == q.words && !q.prefix);
        let mut all = Phrase::new(if same { &[] } else { &q.words }, q.prefix);
        for id in candidates {
            let doc = &self.docs[id as usize];
            let exact = if read_text {
                phrases.iter_mut().for_each(Phrase::reset);
                all.reset();
                // Stops at the first token after which every answer is known.
                fold::tokens_until(self.text_of(id), MAX_DOC_TOKENS, |t| {
                    phrases.iter_mut().for_each(|p| p.feed(t.folded));
                    all.feed(t.folded);
                    !(all.found && phrases.iter().all(|p| p.found))
                });
                if !phrases.iter().all(|p| p.found) {
                    continue;
                }
                same || all.found
            } else {
                exact_word
                    .as_ref()
                    .is_none_or(|ids| ids.binary_search(&id).is_ok())
            };
            let k = kind_slot(doc.kind);
            counts[k] += 1;
            // Ordered so the heap's top is the worst kept: not exact, oldest, last added.
            let key = (!exact, Reverse(doc.time), Reverse(id));
            let heap = &mut best[k];
            if heap.len() < per_kind {
                heap.push(key);
            } else if heap.peek().is_some_and(|worst| key < *worst) {
                heap.pop();
                heap.push(key);
            }
        }
        let terms = Terms {
            words: &q.words,
            prefix: q.prefix,
        };
        for (k, heap) in best.into_iter().enumerate() {
            if counts[k] == 0 {
                continue;
            }
            let mut keys = heap.into_vec();
            keys.sort_unstable();
            let hits = keys
                .into_iter()
                .map(|(not_exact, _, Reverse(id))| self.hit(id, !not_exact, &terms))
                .collect();
            results.total += counts[k];
            results.groups.push(Group {
                kind: Kind::ALL[k],
                total: counts[k],
                hits,
            });
        }
        results
    }

    /// Ids of the documents holding every word (ascending); all documents for a query
    /// of filters only; `None` when a word is in no document.
    fn candidates(&self, q: &Query, exact: &mut bool) -> Option<Vec<u32>> {
        if !q.has_text() {
            return Some((0..self.docs.len() as u32).collect());
        }
        let mut words: Vec<&str> = q.words.iter().map(String::as_str).collect();
        let prefix = if q.prefix { words.pop() } else { None };
        words.sort_unstable();
        words.dedup();
        let mut lists = Vec::new();
        for word in words {
            lists.push(self.exact(word)?);
        }
        lists.sort_by_key(|p| p.len());
        let mut ids: Option<Vec<u32>> = lists.first().map(|p| p.iter().collect());
        for p in lists.iter().skip(1) {
            ids = ids.map(|ids| intersect(&ids, p.iter()));
        }
        if let Some(prefix) = prefix {
            let (expansions, more) = self.prefixed(prefix, MAX_PREFIX_TERMS);
            if more {
                *exact = false;
            }
            if expansions.is_empty() {
                return None;
            }
            let mut bits = Bits::new(self.docs.len());
            expansions
                .iter()
                .flat_map(|p| p.iter())
                .for_each(|id| bits.set(id));
            ids = Some(match ids {
                Some(mut ids) => {
                    ids.retain(|id| bits.has(*id));
                    ids
                }
                None => bits.ids(),
            });
        }
        ids
    }

    fn hit(&self, id: u32, exact: bool, terms: &Terms<'_>) -> Hit {
        let doc = self.docs[id as usize];
        let (snippet, marks) = snippet(self.text_of(id), terms);
        Hit {
            kind: doc.kind,
            place: Place {
                list: self
                    .lists
                    .get(doc.list as usize)
                    .cloned()
                    .unwrap_or(List::Profile),
                index: doc.index as usize,
            },
            time: Instant(i64::from(doc.time)),
            who: self.people.get(doc.person as usize).cloned(),
            snippet,
            marks,
            exact,
        }
    }
}

fn kind_slot(kind: Kind) -> usize {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::find::index::NewDoc;

    /// (kind, time, sender, text)
    fn index_of(docs: &[(Kind, i64, &str, &str)]) -> Index {
        let mut index = Index::default();
        let list = index.add_list(List::Thread {
            id: "t".into(),
            title: "Pottery crew 🏺".into(),
            participants: vec!["Marta Rodríguez".into(), "Jane Doé".into()],
        });
        let other = index.add_list(List::Profile);
        for (i, (kind, time, who, text)) in docs.iter().enumerate() {
            index.add(NewDoc {
                kind: *kind,
                list: if *kind == Kind::Message { list } else { other },
                index: i,
                time: Instant(*time),
                person: Some(who),
                parts: &[text],
            });
        }
        index.finish();
        index
    }

    fn found(r: &Results) -> Vec<usize> {
        r.hits().map(|h| h.place.index).collect()
    }

    const DAY: i64 = 86_400;

    fn sample() -> Index {
        index_of(&[
            (
                Kind::Message,
                100 * DAY,
                "Marta Rodríguez",
                "See you at the café, Zoë!",
            ),
            (
                Kind::Message,
                200 * DAY,
                "Jane Doé",
                "you see? the Straße is closed 🍕",
            ),
            (
                Kind::Message,
                300 * DAY,
                "Marta Rodríguez",
                "pizza 🍕 tonight, see you",
            ),
            (Kind::Post, 400 * DAY, "", "Pottery class, week 3 #ceramics"),
            (Kind::Comment, 500 * DAY, "leo_b", "so good 😍 see you"),
        ])
    }

    #[test]
    fn words_in_any_order_accents_case_and_emoji() {
        let index = sample();
        assert_eq!(found(&index.find("zoe CAFE ", 10)), [0]);
        assert_eq!(found(&index.find("strasse", 10)), [1]);
        assert_eq!(found(&index.find("🍕 ", 10)), [2, 1], "newest first");
        assert!(index.find("sushi", 10).groups.is_empty());
        assert!(index.find("", 10).groups.is_empty());
    }

    #[test]
    fn exact_phrases_rank_first_then_newest() {
        let index = sample();
        let r = index.find("see you ", 10);
        // Messages: 2 and 0 have "see you" as written; 1 only has both words.
        assert_eq!(found(&r), [2, 0, 1, 4]);
        let msgs = r.group(Kind::Message).map(|g| g.total);
        assert_eq!(msgs, Some(3));
        assert!(r.hits().next().is_some_and(|h| h.exact));
        let r = index.find("\"you see\"", 10);
        assert_eq!(found(&r), [1]);
    }

    #[test]
    fn prefix_on_the_last_word() {
        let index = sample();
        assert_eq!(found(&index.find("pott", 10)), [3]);
        assert!(
            index.find("pott ", 10).groups.is_empty(),
            "a finished word is whole"
        );
        assert_eq!(found(&index.find("pizza toni", 10)), [2]);
    }

    #[test]
    fn filters_by_sender_conversation_kind_and_date() {
        let index = sample();
        assert_eq!(found(&index.find("from:marta see", 10)), [2, 0]);
        assert_eq!(found(&index.find("from:rodriguez", 10)), [2, 0]);
        assert_eq!(found(&index.find("with:pottery you ", 10)), [2, 1, 0]);
        assert_eq!(found(&index.find("kind:comment see", 10)), [4]);
        let day = |d: i64| crate::instant::Instant(d * DAY).to_iso_utc();
        let q = format!("see after:{} before:{}", &day(150)[..10], &day(300)[..10]);
        assert_eq!(found(&index.find(&q, 10)), [2, 1]);
    }

    #[test]
    fn phrases_match_adjacent_words_even_when_repeated() {
        let words: Vec<String> = ["ha", "ha", "ho"].iter().map(|w| (*w).to_owned()).collect();
        let found = |text: &str, prefix: bool| {
            let mut p = Phrase::new(&words, prefix);
            fold::tokens(text, 100, |t| p.feed(t.folded));
            p.found
        };
        assert!(found("ha ha ha ho!", false));
        assert!(!found("ha ho ha ha", false));
        assert!(!found("ha ha hotel", false));
        assert!(found("ha ha hotel", true));
    }

    #[test]
    fn odd_input_never_panics() {
        let index = sample();
        for q in [
            "\"",
            "\"\"",
            ":",
            "from:",
            "from:\"",
            "kind:",
            "after:",
            "before:9999-99-99",
            "on:2019-02-31",
            "\u{0}\u{1}",
            "a\"b\"c",
            "“curly”",
            "🏳️‍🌈",
            "ｚｏｅ",
            "e\u{301}",
            "with:\"\" x",
            "from:@",
            "kind:searches",
            "\u{10FFFF}",
            "'",
            "a:b:c:d",
        ] {
            let _ = index.find(q, 5);
            let _ = index.find(&format!("{q} "), 5);
        }
        assert_eq!(Kind::parse("searches"), Some(Kind::Search));
        assert_eq!(Kind::parse("Stories"), Some(Kind::Story));
    }

    #[test]
    fn groups_have_counts_and_snippets_with_marks() {
        let index = sample();
        let r = index.find("see", 1);
        assert_eq!(r.total, 4);
        assert!(r.complete && r.exact);
        let kinds: Vec<(Kind, usize, usize)> = r
            .groups
            .iter()
            .map(|g| (g.kind, g.total, g.hits.len()))
            .collect();
        assert_eq!(kinds, [(Kind::Message, 3, 1), (Kind::Comment, 1, 1)]);
        let hit = &r.groups[0].hits[0];
        assert_eq!(hit.who.as_deref(), Some("Marta Rodríguez"));
        let marked: Vec<&str> = hit
            .marks
            .iter()
            .map(|m| &hit.snippet[m.start..m.end])
            .collect();
        assert_eq!(marked, ["see"]);
    }
}
