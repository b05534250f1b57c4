//! `parse::posts`: every media index kind, in every era's place.
#![no_main]

use keepsake_archive::model::PostKind;
use keepsake_archive::parse::posts;
use keepsake_fuzz::{files_archive, paths};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut archive = files_archive(paths::POSTS, data);
    for kind in PostKind::ALL {
        let _ = posts::parse(&mut archive, kind);
    }
});
