//! Bounded fuzzing of every parser entry point: random JSON built from Meta's vocabulary,
//! random bytes, and byte-level mutations of realistic files. Only "no panic" is
//! asserted: parsers must return what they can and report the rest.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use keepsake_archive::blocks::ROW_KEYS;
use keepsake_archive::model::PostKind;
use keepsake_archive::{Archive, Export};
// Deterministic, so a failure reproduces from its seed.
use keepsake_fixtures::rng::Rng;

/// Keys of Meta's other shapes (messages, `label_values`, Era A files, localized labels),
/// drawn beside the generic row keys.
const OTHER_KEYS: &[&str] = &[
    "timestamp_ms",
    "href",
    "value",
    "label",
    "vec",
    "dict",
    "timestamp_value",
    "participants",
    "messages",
    "sender_name",
    "content",
    "photos",
    "videos",
    "share",
    "reactions",
    "name",
    "Time",
    "Tijd",
    "Comment",
    "Username",
    "Profile Photo",
    "relationships_following",
    "media_metadata",
    "photo_metadata",
    "exif_data",
    "latitude",
    "longitude",
    "call_duration",
    "is_unsent",
    "conversation",
    "sender",
    "created_at",
    "taken_at",
    "path",
    "caption",
    "replies",
    "reply_content",
    "sticker",
    "gifs",
    "audio_files",
    "followers",
    "login_history",
];

fn pick_key(rng: &mut Rng) -> &'static str {
    let i = rng.index(ROW_KEYS.len() + OTHER_KEYS.len());
    match ROW_KEYS.get(i) {
        Some(key) => key,
        None => OTHER_KEYS[i - ROW_KEYS.len()],
    }
}

const STRINGS: &[&str] = &[
    "",
    "bob",
    "\u{00f0}\u{009f}\u{0091}\u{008d}",
    "caf\u{00c3}",
    "2020-01-20T17:12:00+00:00",
    "https://www.instagram.com/_u/bob?x#y",
    "media/posts/1.jpg",
    "/",
    "_u",
    "9999-99-99",
    "-1",
    "1e400",
    "\u{0}",
    "Instagram User",
    "True",
];

fn value(rng: &mut Rng, depth: usize) -> String {
    let choice = if depth > 6 {
        rng.index(4)
    } else {
        rng.index(8)
    };
    match choice {
        0 => "null".into(),
        1 => format!("{}", rng.next_u64() as i64 >> rng.index(64)),
        2 => serde_json::to_string(rng.pick(STRINGS)).unwrap(),
        3 => (*rng.pick(&["true", "false", "1.5e300", "-0.0", "0"])).into(),
        4 | 5 => {
            let n = rng.index(5);
            let items: Vec<String> = (0..n).map(|_| value(rng, depth + 1)).collect();
            format!("[{}]", items.join(","))
        }
        _ => {
            let n = rng.index(6);
            let items: Vec<String> = (0..n)
                .map(|_| {
                    let key = serde_json::to_string(pick_key(rng)).unwrap();
                    format!("{key}:{}", value(rng, depth + 1))
                })
                .collect();
            format!("{{{}}}", items.join(","))
        }
    }
}

/// Paths every parser looks at, across eras.
const PATHS: &[&str] = &[
    "media.json",
    "profile.json",
    "connections.json",
    "messages.json",
    "likes.json",
    "comments.json",
    "saved.json",
    "searches.json",
    "seen_content.json",
    "devices.json",
    "stories_activities.json",
    "account_history.json",
    "your_instagram_activity/media/posts_1.json",
    "your_instagram_activity/content/stories.json",
    "your_instagram_activity/media/reels.json",
    "your_instagram_activity/media/profile_photos.json",
    "personal_information/personal_information/personal_information.json",
    "connections/followers_and_following/followers_1.json",
    "connections/followers_and_following/following.json",
    "connections/followers_and_following/custom_lists.json",
    "your_instagram_activity/messages/inbox/bob_1/message_1.json",
    "your_instagram_activity/messages/inbox/bob_1/message_2.json",
    "your_instagram_activity/messages/broadcast/ch_1/replies_1.json",
    "your_instagram_activity/comments/post_comments_1.json",
    "your_instagram_activity/likes/liked_posts.json",
    "your_instagram_activity/saved/saved_collections.json",
    "your_instagram_activity/story_interactions/polls.json",
    "ads_information/ads_and_topics/posts_viewed.json",
    "security_and_login_information/login_and_profile_creation/login_activity.json",
    "personal_information/device_information/devices.json",
    "personal_information/personal_information/profile_changes.json",
    "logged_information/past_instagram_insights/posts.json",
    "preferences/your_topics/your_topics.json",
    "something/unknown_new_file.json",
];

const SAMPLE: &str = r#"{"participants":[{"name":"Bob"},{"name":"Jane"}],"messages":[{"sender_name":"Bob","timestamp_ms":1729774142791,"content":"hi \u00f0\u009f\u0091\u008d","photos":[{"uri":"x/1.jpg"}],"reactions":[{"reaction":"\u00e2\u009d\u00a4","actor":"Jane"}]}],"title":"Bob","relationships_following":[{"title":"bob","string_list_data":[{"href":"https://www.instagram.com/_u/bob","timestamp":1}]}],"string_map_data":{"Tijd":{"timestamp":5},"Opmerking":{"value":"x"}},"label_values":[{"label":"URL","value":"https://www.instagram.com/p/x"},{"title":"Owner","dict":[{"dict":[{"label":"Username","value":"a"}]}]}]}"#;

/// A category page and a thread page in Meta's DYI markup (records, header, body, time,
/// label tables, media, reactions), for the HTML variant.
const HTML_SAMPLE: &str = concat!(
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\" /><title>Bob &amp; co</title></head>",
    "<body><div class=\"_a706\" role=\"main\"><h1>x</h1>",
    "<div class=\"_a6-h\">Participants: Bob, Jane Do&#233;</div>",
    "<div class=\"pam _a6-g\"><h2 class=\"_a6-h\">Bob</h2><div class=\"_a6-p\"><div>",
    "<div>hi&#039;<br />there &#x1F44D;</div><div><a href=\"x/1.jpg\"><img src=\"x/1.jpg\" /></a></div>",
    "<div><a href=\"https://www.instagram.com/p/x\">https://www.instagram.com/p/x</a></div>",
    "<ul class=\"_a6-q\"><li><span>\u{2764}\u{fe0f}Jane (Apr 23, 2022 5:32 pm)</span></li></ul>",
    "</div></div><div class=\"_a6-o\">Sep 22, 2017, 6:33 AM</div></div>",
    "<div class=\"pam _a6-g\"><div class=\"_a6-p\"><table><tr><td class=\"_2pin\">Tijd",
    "<div><div>Mar 02, 2026 4:57:45 pm</div></div></td></tr><tr><td>Opmerking<div><div>",
    "<a href=\"https://www.instagram.com/bob\">bob</a>Jan 01, 2024 1:00 am</div></div></td></tr>",
    "<tr><td>Profile Photo<div><div><video src=\"m/v.mp4\"></video></div></div></td></tr>",
    "<tr><td>Owner<div><div><table><tr><td>Username<div>a</div></td></tr></table></div></div></td></tr>",
    "</table></div><div class=\"_a6-o\">Sep 22, 2017 6:33 am</div></div>",
    "</div></body></html>"
);

fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    mutate_with(rng, bytes, b"[]{}\",:0\\");
}

/// Byte edits: overwrite, delete, insert one of `alphabet`, truncate.
fn mutate_with(rng: &mut Rng, bytes: &mut Vec<u8>, alphabet: &[u8]) {
    for _ in 0..=rng.index(6) {
        if bytes.is_empty() {
            bytes.push(b'{');
        }
        let i = rng.index(bytes.len());
        match rng.index(4) {
            0 => bytes[i] = rng.next_u64() as u8,
            1 => {
                bytes.remove(i);
            }
            2 => bytes.insert(i, *rng.pick(alphabet)),
            _ => bytes.truncate(i),
        }
    }
}

fn exercise(files: Vec<(&str, Vec<u8>)>) {
    let mut archive = Archive::new();
    for (path, bytes) in files {
        let _ = archive.add_loose_file(path, Box::new(bytes));
    }
    let mut export = Export::new(archive);
    let _ = export.profile();
    for kind in PostKind::ALL {
        let _ = export.posts(kind);
    }
    let _ = export.relations();
    let inbox = export.inbox().clone();
    for t in &inbox.value.threads {
        let _ = export.thread(&t.id);
    }
    let _ = export.thread("inbox/nope");
    let _ = export.activity();
    let _ = export.account();
    let _ = export.tables();
    let _ = export.other_files();
    let _ = keepsake_archive::catalog::count_all(&mut export);
}

#[test]
fn random_json_never_panics() {
    let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
    for _ in 0..300 {
        let files = PATHS
            .iter()
            .map(|p| (*p, value(&mut rng, 0).into_bytes()))
            .collect();
        exercise(files);
    }
}

#[test]
fn mutated_and_random_bytes_never_panic() {
    let mut rng = Rng::new(42);
    for round in 0..200 {
        let files = PATHS
            .iter()
            .map(|p| {
                let mut bytes = if round % 4 == 0 {
                    (0..rng.index(64)).map(|_| rng.next_u64() as u8).collect()
                } else {
                    SAMPLE.as_bytes().to_vec()
                };
                mutate(&mut rng, &mut bytes);
                (*p, bytes)
            })
            .collect();
        exercise(files);
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let inner = format!("{}{}", r#"[{"dict":"#.repeat(5000), "[]}]".repeat(5000));
    let nested = format!(r#"[{{"label_values":{inner}}}]"#);
    let files = PATHS
        .iter()
        .map(|p| {
            (
                *p,
                if p.len() % 2 == 0 {
                    deep.clone()
                } else {
                    nested.clone()
                }
                .into_bytes(),
            )
        })
        .collect();
    exercise(files);
}

/// The HTML twin of each path, and an entry page so the export reads as HTML.
fn html_paths() -> Vec<String> {
    PATHS
        .iter()
        .map(|p| p.replace(".json", ".html"))
        .chain(["start_here.html".to_owned()])
        .collect()
}

#[test]
fn random_and_mutated_html_never_panics() {
    let mut rng = Rng::new(7);
    let paths = html_paths();
    for round in 0..200 {
        let files: Vec<(&str, Vec<u8>)> = paths
            .iter()
            .map(|p| {
                let mut bytes = if round % 4 == 0 {
                    (0..rng.index(256)).map(|_| rng.next_u64() as u8).collect()
                } else {
                    HTML_SAMPLE.as_bytes().to_vec()
                };
                mutate_with(&mut rng, &mut bytes, b"<>/=\"'&;#! ax");
                (p.as_str(), bytes)
            })
            .collect();
        // Whatever the page, it reads back as valid JSON.
        for (path, bytes) in &files {
            let json = keepsake_archive::parse::html::to_json(path, bytes);
            assert!(serde_json::from_slice::<serde_json::Value>(&json).is_ok());
        }
        exercise(files);
    }
}

#[test]
fn deep_and_unclosed_html_is_bounded() {
    let pages = [
        "<div>".repeat(100_000),
        "<table><tr><td>x<div>".repeat(25_000),
        format!("<div role=main>{}", "<div><a><img src=x>".repeat(25_000)),
        "<title>".repeat(50_000),
        "</div>".repeat(100_000),
        "&#".repeat(100_000),
    ];
    let paths = html_paths();
    let files = paths
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), pages[i % pages.len()].clone().into_bytes()))
        .collect();
    exercise(files);
}
