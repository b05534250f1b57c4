//! `parse::activity`: comments, likes, saved, searches, views, story interactions.
#![no_main]

use keepsake_archive::parse::activity;
use keepsake_fuzz::{files_archive, paths};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = activity::parse(&mut files_archive(paths::ACTIVITY, data));
});
