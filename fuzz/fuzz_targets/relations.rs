//! `parse::relations`: followers, following and the other relationship lists.
#![no_main]

use keepsake_archive::parse::relations;
use keepsake_fuzz::{files_archive, paths};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = relations::parse(&mut files_archive(paths::RELATIONS, data));
});
