//! Message thread pages (`message_N.html`) back into `message_N.json`: the page title is
//! the thread title, a note lists the participants, and each record is a message (header
//! = sender, body = text, media, shared links and reactions, then the time). Unsent flags,
//! call durations and reaction-free metadata are not on the page.

use super::json::J;
use super::page::{self, has_media, media_src};
use super::reader::{Child, Dom, El};
use super::time;

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
            m.walk(*part);
        }
        m.into_json(r.header.unwrap_or_default(), r.time.0.saturating_mul(1000))
    });
    J::Obj(vec![
        ("title".to_owned(), J::Str(page::title(dom))),
        ("participants".to_owned(), J::Arr(participants)),
        ("messages".to_owned(), J::Arr(messages.collect())),
    ])
}

#[derive(Default)]
struct Message {
    text: String,
    photos: Vec<J>,
    videos: Vec<J>,
    audio: Vec<J>,
    gifs: Vec<J>,
    share: Vec<(String, J)>,
    reactions: Vec<J>,
}

impl Message {
    fn walk(&mut self, e: El<'_>) {
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
                    _ => &mut self.photos,
                };
                list.push(uri);
            } else if c.tag() == "a" && !has_media(&c) {
                self.link(c);
            } else if c.tag() == "ul" {
                self.reactions
                    .extend(c.elements().map(|li| reaction(&li.text())));
            } else {
                self.walk(c);
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
        if !self.share.is_empty() {
            m.push(("share".to_owned(), J::Obj(self.share)));
        }
        J::Obj(m)
    }
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
