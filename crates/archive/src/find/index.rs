//! The index: a term dictionary over every document with text, and the documents
//! themselves (where each opens, when, who, and its text for snippets).
//!
//! Structure: terms are interned once (a hash map while building, dropped when the
//! index is finished) and kept in a sorted list of term ids, so exact and prefix
//! lookups are binary searches over sorted terms. Each term's postings are the ids of
//! the documents holding it, ascending, stored as varint deltas: a message is ~8 terms,
//! most deltas fit one byte. No positions: a phrase is checked on the few candidates'
//! text instead, which keeps postings to about a byte per word. Documents are added in
//! id order, so appending keeps postings sorted and a partial index can be queried
//! between two steps of building.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

use super::fold;
use crate::model::{PostKind, RelationKind};

/// What a document is, for grouping and `kind:` filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    Message,
    Post,
    Story,
    Reel,
    Comment,
    Search,
    /// Followers, following and other lists; liked, saved and viewed accounts.
    Account,
    StoryInteraction,
    /// Ads seen, advertisers, ad topics, off-Meta activity.
    Ad,
    Note,
    Profile,
    /// Every other record, "Other data" included.
    Other,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::Message,
        Kind::Post,
        Kind::Story,
        Kind::Reel,
        Kind::Comment,
        Kind::Search,
        Kind::Account,
        Kind::StoryInteraction,
        Kind::Ad,
        Kind::Note,
        Kind::Profile,
        Kind::Other,
    ];

    /// The word used in `kind:` filters.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Message => "message",
            Kind::Post => "post",
            Kind::Story => "story",
            Kind::Reel => "reel",
            Kind::Comment => "comment",
            Kind::Search => "search",
            Kind::Account => "account",
            Kind::StoryInteraction => "interaction",
            Kind::Ad => "ad",
            Kind::Note => "note",
            Kind::Profile => "profile",
            Kind::Other => "other",
        }
    }

    /// A `kind:` word, singular or plural, folded.
    pub fn parse(word: &str) -> Option<Kind> {
        let word = fold::fold(word);
        let singular = match word.as_str() {
            "stories" => "story",
            "searches" => "search",
            "dm" | "dms" | "chat" | "chats" => "message",
            "people" | "follower" | "followers" | "following" => "account",
            "ads" | "topic" | "topics" => "ad",
            w => w.strip_suffix('s').unwrap_or(w),
        };
        Kind::ALL.into_iter().find(|k| k.key() == singular)
    }
}

/// The list a document belongs to; with [`Place::index`] it says where it opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum List {
    /// A conversation's messages (thread id as in the inbox), oldest first.
    Thread {
        id: String,
        title: String,
        participants: Vec<String>,
    },
    /// A broadcast channel's replies (`Thread::replies`).
    Replies {
        id: String,
        title: String,
    },
    /// `Export::posts(kind)`.
    Posts {
        kind: PostKind,
    },
    /// `Activity::comments`, `likes`, … by field name.
    Activity {
        field: ActivityField,
    },
    /// One relationship list of `Export::relations()`.
    Relations {
        kind: RelationKind,
    },
    Profile,
    /// `Account::other`.
    AccountRecords,
    /// `Export::tables()[index]`.
    Table {
        index: usize,
        name: String,
    },
    /// `Export::other_files()[index]`, shown under "Other data".
    OtherFile {
        index: usize,
        path: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActivityField {
    Comments,
    Likes,
    Saved,
    Collections,
    Searches,
    StoryInteractions,
    Viewed,
    Other,
}

/// Where a document opens: its list and its position in that list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub list: List,
    pub index: usize,
}

/// One document; its text is `Index::text[text_start..next doc's text_start]`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Doc {
    pub text_start: u32,
    /// Seconds since 1970; 0 when unknown.
    pub time: u32,
    pub list: u32,
    pub index: u32,
    /// Into `Index::people`; `NOBODY` when unknown.
    pub person: u32,
    pub kind: Kind,
}

pub(super) const NOBODY: u32 = u32::MAX;

/// Bytes of text kept per document (snippets and phrase checks read it).
pub const MAX_DOC_TEXT: usize = 8 * 1024;
/// Tokens indexed per document.
pub const MAX_DOC_TOKENS: usize = 1_000;

/// Ascending document ids as varint deltas.
#[derive(Debug, Default, Clone)]
pub(super) struct Postings {
    bytes: Vec<u8>,
    last: u32,
    len: u32,
}

impl Postings {
    fn push(&mut self, doc: u32) {
        if self.len > 0 && doc <= self.last {
            return;
        }
        let mut delta = if self.len == 0 { doc } else { doc - self.last };
        while delta >= 0x80 {
            self.bytes.push((delta as u8) | 0x80);
            delta >>= 7;
        }
        self.bytes.push(delta as u8);
        self.last = doc;
        self.len += 1;
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let mut at = 0;
        let mut doc = 0_u32;
        let mut first = true;
        std::iter::from_fn(move || {
            let mut delta = 0_u32;
            let mut shift = 0;
            loop {
                let b = *self.bytes.get(at)?;
                at += 1;
                delta |= u32::from(b & 0x7F).checked_shl(shift).unwrap_or(0);
                if b < 0x80 {
                    break;
                }
                shift += 7;
            }
            doc = if first {
                delta
            } else {
                doc.wrapping_add(delta)
            };
            first = false;
            Some(doc)
        })
    }
}

/// FNV-1a: term hashing while building (no need for DoS resistance on one's own data).
#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Bytes an index holds, by part.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexBytes {
    /// Sorted terms and their postings.
    pub dictionary: usize,
    pub postings: usize,
    /// Per-document records (kind, place, time, person).
    pub documents: usize,
    /// Text kept for snippets: the text indexed, as read.
    pub text: usize,
}

impl IndexBytes {
    /// What the index adds to the text it keeps.
    pub fn index(&self) -> usize {
        self.dictionary + self.postings + self.documents
    }
}

/// Everything searchable in one export, possibly still being built.
#[derive(Default)]
pub struct Index {
    pub(super) docs: Vec<Doc>,
    pub(super) text: String,
    pub(super) lists: Vec<List>,
    pub(super) people: Vec<String>,
    people_ids: FnvMap<String, u32>,
    terms: Vec<Box<str>>,
    pub(super) postings: Vec<Postings>,
    /// Term ids in term order; terms from `sorted.len()` on are not in it yet.
    sorted: Vec<u32>,
    term_ids: FnvMap<Box<str>, u32>,
    pub(super) complete: bool,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("docs", &self.docs.len())
            .field("terms", &self.terms.len())
            .field("complete", &self.complete)
            .finish()
    }
}

/// A document to add: its parts of text are joined by line breaks.
pub(super) struct NewDoc<'a> {
    pub kind: Kind,
    pub list: u32,
    pub index: usize,
    pub time: crate::instant::Instant,
    pub person: Option<&'a str>,
    pub parts: &'a [&'a str],
}

impl Index {
    /// Documents indexed so far.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Distinct terms.
    pub fn terms(&self) -> usize {
        self.terms.len()
    }

    /// Whether every family of the export is in (a partial index answers with what it has).
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    pub fn bytes(&self) -> IndexBytes {
        let terms: usize = self
            .terms
            .iter()
            .map(|t| t.len() + size_of::<Box<str>>())
            .sum();
        let map = self.term_ids.capacity() * (size_of::<(Box<str>, u32)>() + 1)
            + self.term_ids.keys().map(|k| k.len()).sum::<usize>();
        let people: usize = self
            .people
            .iter()
            .map(|p| p.len() + size_of::<String>())
            .sum();
        IndexBytes {
            dictionary: terms + map + self.sorted.capacity() * 4 + people,
            postings: self
                .postings
                .iter()
                .map(|p| p.bytes.capacity() + size_of::<Postings>())
                .sum(),
            documents: self.docs.capacity() * size_of::<Doc>()
                + self.lists.capacity() * size_of::<List>(),
            text: self.text.capacity(),
        }
    }

    pub(super) fn add_list(&mut self, list: List) -> u32 {
        self.lists.push(list);
        u32::try_from(self.lists.len() - 1).unwrap_or(u32::MAX)
    }

    fn person_id(&mut self, name: &str) -> u32 {
        if let Some(id) = self.people_ids.get(name) {
            return *id;
        }
        let id = u32::try_from(self.people.len()).unwrap_or(NOBODY);
        self.people.push(name.to_owned());
        self.people_ids.insert(name.to_owned(), id);
        id
    }

    /// Adds a document when it has any text; the text is cut at [`MAX_DOC_TEXT`].
    pub(super) fn add(&mut self, doc: NewDoc<'_>) {
        let parts = doc.parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty());
        if parts.clone().next().is_none() {
            return;
        }
        let (Ok(id), Ok(text_start)) = (
            u32::try_from(self.docs.len()),
            u32::try_from(self.text.len()),
        ) else {
            return; // Past 4 GiB of text or 4 billion documents: nothing more is added.
        };
        let start = self.text.len();
        for part in parts {
            if self.text.len() > start {
                self.text.push('\n');
            }
            self.text.push_str(part);
        }
        let mut cut = (start + MAX_DOC_TEXT).min(self.text.len());
        while !self.text.is_char_boundary(cut) {
            cut -= 1;
        }
        self.text.truncate(cut);
        let person = doc.person.filter(|p| !p.trim().is_empty());
        let person = person.map_or(NOBODY, |p| self.person_id(p.trim()));
        let time = doc.time.get().map_or(0, |t| u32::try_from(t).unwrap_or(0));
        self.docs.push(Doc {
            text_start,
            time,
            list: doc.list,
            index: u32::try_from(doc.index).unwrap_or(u32::MAX),
            person,
            kind: doc.kind,
        });
        // The text is taken out while it is read, so terms can be added meanwhile.
        let text = std::mem::take(&mut self.text);
        fold::tokens(&text[start..], MAX_DOC_TOKENS, |t| {
            let term = self.term_id(t.folded);
            if let Some(p) = self.postings.get_mut(term as usize) {
                p.push(id);
            }
        });
        self.text = text;
    }

    fn term_id(&mut self, term: &str) -> u32 {
        if let Some(id) = self.term_ids.get(term) {
            return *id;
        }
        let id = u32::try_from(self.terms.len()).unwrap_or(u32::MAX);
        self.terms.push(term.into());
        self.term_ids.insert(term.into(), id);
        self.postings.push(Postings::default());
        id
    }

    /// Puts the terms added since the last call into term order: after each step, so a
    /// partial index answers prefix queries.
    pub(super) fn seal(&mut self) {
        let old = self.sorted.len();
        if old == self.terms.len() {
            return;
        }
        let terms = &self.terms;
        let mut new: Vec<u32> = (old as u32..terms.len() as u32).collect();
        new.sort_unstable_by(|a, b| terms[*a as usize].cmp(&terms[*b as usize]));
        let mut merged = Vec::with_capacity(terms.len());
        let (mut i, mut j) = (0, 0);
        while i < old && j < new.len() {
            if terms[self.sorted[i] as usize] <= terms[new[j] as usize] {
                merged.push(self.sorted[i]);
                i += 1;
            } else {
                merged.push(new[j]);
                j += 1;
            }
        }
        merged.extend_from_slice(&self.sorted[i..]);
        merged.extend_from_slice(&new[j..]);
        self.sorted = merged;
    }

    /// Done building: the lookup map goes (queries use the sorted terms), spare capacity
    /// is returned.
    pub(super) fn finish(&mut self) {
        self.seal();
        self.term_ids = FnvMap::default();
        self.people_ids = FnvMap::default();
        self.docs.shrink_to_fit();
        self.text.shrink_to_fit();
        for p in &mut self.postings {
            p.bytes.shrink_to_fit();
        }
        self.complete = true;
    }

    /// The position in `sorted` of the first term not below `term`.
    fn lower_bound(&self, term: &str) -> usize {
        self.sorted
            .partition_point(|id| &*self.terms[*id as usize] < term)
    }

    /// The postings of `term` exactly.
    pub(super) fn exact(&self, term: &str) -> Option<&Postings> {
        let id = *self.sorted.get(self.lower_bound(term))?;
        (&*self.terms[id as usize] == term).then(|| &self.postings[id as usize])
    }

    /// The postings of every term starting with `prefix`, at most `cap` terms; `true`
    /// when more were left out.
    pub(super) fn prefixed(&self, prefix: &str, cap: usize) -> (Vec<&Postings>, bool) {
        let from = self.lower_bound(prefix);
        let mut out = Vec::new();
        for id in &self.sorted[from..] {
            if !self.terms[*id as usize].starts_with(prefix) {
                return (out, false);
            }
            if out.len() == cap {
                return (out, true);
            }
            out.push(&self.postings[*id as usize]);
        }
        (out, false)
    }

    /// The text of document `id`.
    pub(super) fn text_of(&self, id: u32) -> &str {
        let start = self
            .docs
            .get(id as usize)
            .map_or(0, |d| d.text_start as usize);
        let end = self
            .docs
            .get(id as usize + 1)
            .map_or(self.text.len(), |d| d.text_start as usize);
        self.text.get(start..end).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instant::Instant;

    #[test]
    fn postings_round_trip_as_varint_deltas() {
        let mut p = Postings::default();
        let docs = [0, 1, 127, 128, 300, 70_000, 70_001, 4_000_000_000];
        for d in docs {
            p.push(d);
            p.push(d); // a second mention in the same document is not a new posting
        }
        assert_eq!(p.iter().collect::<Vec<_>>(), docs);
        assert_eq!(p.len(), docs.len());
        assert!(p.bytes.len() < docs.len() * 4);
    }

    #[test]
    fn terms_are_found_exactly_and_by_prefix_while_building() {
        let mut index = Index::default();
        let list = index.add_list(List::Profile);
        for (i, text) in ["pottery class", "pot of tea", "", "Potsdam trip"]
            .iter()
            .enumerate()
        {
            index.add(NewDoc {
                kind: Kind::Other,
                list,
                index: i,
                time: Instant(0),
                person: None,
                parts: &[text],
            });
        }
        index.seal();
        assert_eq!(index.len(), 3, "a document without text is not added");
        assert_eq!(
            index.exact("pot").map(|p| p.iter().collect::<Vec<_>>()),
            Some(vec![1])
        );
        assert!(index.exact("po").is_none());
        let (found, more) = index.prefixed("pot", 10);
        assert_eq!(found.len(), 3);
        assert!(!more);
        assert!(index.prefixed("pot", 2).1);
        assert_eq!(index.text_of(2), "Potsdam trip");
    }
}
