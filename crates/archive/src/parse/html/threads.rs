//! Message thread pages (`message_N.html`) back into `message_N.json`: the page title is
//! the thread title, a note lists the participants, and each record is a message (header
//! = sender, body = text, media, shared links, a table of facts and reactions, then the
//! time). A broadcast channel's `replies_N.html` is the same template, one reply a record.

use super::json::J;
use super::page::{self, has_media, media_src};
use super::reader::{Child, Dom, El};
use super::time;
use crate::labels::Field;

pub fn thread(dom: &Dom) -> J {
    let main = page::main(dom);
    // "Participants: A, B" (the label is localized in real exports, so only the colon counts).
    let participants: Vec<J> = page::notes(main)
        .find_map(|n| n.split_once(':').map(|(_, names)| names.to_owned()))
        .map(|names| {
            names
                .split(", ")
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(|n| J::Obj(vec![("name".to_owned(), J::str(n))]))
                .collect()
        })
        .unwrap_or_default();
    let messages = page::records(main).map(|r| {
        let mut m = Message::default();
        for part in &r.body {
            m.walk(*part, false);
        }
        m.into_json(r.header.unwrap_or_default(), r.time.0.saturating_mul(1000))
    });
    J::Obj(vec![
        ("title".to_owned(), J::Str(page::title(dom))),
        ("participants".to_owned(), J::Arr(participants)),
        ("messages".to_owned(), J::Arr(messages.collect())),
    ])
}

/// `broadcast/<channel>/replies_N.html` back into `{title, replies: [...]}`.
pub fn replies(dom: &Dom) -> J {
    let replies = page::records(page::main(dom)).map(|r| {
        J::Obj(vec![
            ("reply_content".to_owned(), J::Str(r.body_text())),
            (
                "original_message_sender".to_owned(),
                J::Str(r.header.unwrap_or_default()),
            ),
            (
                "timestamp_ms".to_owned(),
                J::Int(r.time.0.saturating_mul(1000)),
            ),
        ])
    });
    J::Obj(vec![
        ("title".to_owned(), J::Str(page::title(dom))),
        ("replies".to_owned(), J::Arr(replies.collect())),
    ])
}

#[derive(Default)]
struct Message {
    text: String,
    photos: Vec<J>,
    videos: Vec<J>,
    audio: Vec<J>,
    gifs: Vec<J>,
    sticker: Option<J>,
    share: Vec<(String, J)>,
    facts: Vec<(String, J)>,
    reactions: Vec<J>,
}

impl Message {
    /// `linked`: inside an `a` (photos link to their file; a sticker is a bare image).
    fn walk(&mut self, e: El<'_>, linked: bool) {
        for child in e.children() {
            let c = match child {
                Child::Text(t) => {
                    self.text.push_str(t);
                    continue;
                }
                Child::El(c) => c,
            };
            if let Some((tag, src)) = media_src(&c) {
                let uri = J::Obj(vec![("uri".to_owned(), J::str(src))]);
                let list = match tag {
                    "video" => &mut self.videos,
                    "audio" => &mut self.audio,
                    _ if src.to_ascii_lowercase().ends_with(".gif") => &mut self.gifs,
                    _ if !linked && self.sticker.is_none() => {
                        self.sticker = Some(uri);
                        continue;
                    }
                    _ => &mut self.photos,
                };
                list.push(uri);
            } else if c.tag() == "a" && !has_media(&c) {
                self.link(c);
            } else if c.tag() == "ul" {
                self.reactions
                    .extend(c.elements().map(|li| reaction(&li.text())));
            } else if c.tag() == "table" {
                self.table(c);
            } else {
                self.walk(c, linked || c.tag() == "a");
            }
        }
    }

    /// Label rows of facts the JSON keeps as keys; labels are localized, others ignored.
    fn table(&mut self, t: El<'_>) {
        for tr in t.elements() {
            if matches!(tr.tag(), "tbody" | "thead" | "tfoot") {
                self.table(tr);
                continue;
            }
            let Some(td) = tr.elements().find(|c| matches!(c.tag(), "td" | "th")) else {
                continue;
            };
            let label = td.own_text();
            let value = td.elements().next().map(|v| v.text()).unwrap_or_default();
            if Field::MediaOwner.matches(&label) {
                self.share
                    .push(("original_content_owner".to_owned(), J::Str(value)));
            } else if Field::ShareText.matches(&label) {
                self.share.push(("share_text".to_owned(), J::Str(value)));
            } else if Field::CallDuration.matches(&label) {
                if let Some(seconds) = duration(&value) {
                    self.facts
                        .push(("call_duration".to_owned(), J::Int(seconds)));
                }
            } else if Field::Unsent.matches(&label) {
                self.facts.push(("is_unsent".to_owned(), J::Str(value)));
            }
        }
    }

    /// A link shown as its address is a shared link; one shown as a name, a profile.
    fn link(&mut self, a: El<'_>) {
        let href = a.attr("href").unwrap_or("").to_owned();
        let shown = a.text();
        if shown == href || shown.is_empty() {
            self.share.push(("link".to_owned(), J::Str(href)));
        } else {
            self.share
                .push(("profile_share_username".to_owned(), J::Str(shown)));
        }
    }

    fn into_json(self, sender: String, timestamp_ms: i64) -> J {
        let mut m = vec![
            ("sender_name".to_owned(), J::Str(sender)),
            ("timestamp_ms".to_owned(), J::Int(timestamp_ms)),
        ];
        if !self.text.is_empty() {
            m.push(("content".to_owned(), J::Str(self.text)));
        }
        for (key, list) in [
            ("photos", self.photos),
            ("videos", self.videos),
            ("audio_files", self.audio),
            ("gifs", self.gifs),
            ("reactions", self.reactions),
        ] {
            if !list.is_empty() {
                m.push((key.to_owned(), J::Arr(list)));
            }
        }
        if let Some(sticker) = self.sticker {
            m.push(("sticker".to_owned(), sticker));
        }
        if !self.share.is_empty() {
            m.push(("share".to_owned(), J::Obj(self.share)));
        }
        m.extend(self.facts);
        J::Obj(m)
    }
}

/// `75`, `1:15` or `1:01:15` → seconds.
fn duration(text: &str) -> Option<i64> {
    let mut seconds: i64 = 0;
    for part in text.trim().split(':') {
        if part.is_empty() || part.len() > 6 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        seconds = seconds.checked_mul(60)?.checked_add(part.parse().ok()?)?;
    }
    Some(seconds)
}

/// `❤️Name (Apr 23, 2022 5:32 pm)`: the emoji runs up to the first letter or digit.
fn reaction(text: &str) -> J {
    let text = text.trim();
    let (who, at) = match text
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once(" ("))
        .and_then(|(who, t)| time::parse(t).map(|at| (who, at)))
    {
        Some((who, at)) => (who, at.0),
        None => (text, 0),
    };
    let split = who.find(char::is_alphanumeric).unwrap_or(who.len());
    let (emoji, actor) = who.split_at(split);
    J::Obj(vec![
        ("reaction".to_owned(), J::str(emoji)),
        ("actor".to_owned(), J::str(actor)),
        ("timestamp".to_owned(), J::Int(at)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_durations() {
        assert_eq!(duration("75"), Some(75));
        assert_eq!(duration("1:15"), Some(75));
        assert_eq!(duration(" 1:01:15 "), Some(3675));
        for bad in ["", ":", "1:", "a:10", "-1", "99999999999999999:0:0:0:0"] {
            assert_eq!(duration(bad), None, "{bad}");
        }
    }
}
