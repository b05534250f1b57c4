//! `parse::html::to_json`: any bytes as an HTML page (a thread page and a category page,
//! which take different readers) must give back JSON the parsers can read, or nothing.
#![no_main]

use keepsake_archive::parse::html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for path in [
        "your_instagram_activity/messages/inbox/fuzz_1/message_1.html",
        "your_instagram_activity/likes/liked_posts.html",
    ] {
        let json = html::to_json(path, data);
        assert!(
            json.is_empty() || serde_json::from_slice::<serde_json::Value>(&json).is_ok(),
            "{path}: the page became invalid JSON"
        );
    }
});
