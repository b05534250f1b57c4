//! `parse::tables`: generic record tables, "other files" and the unclaimed list.
#![no_main]

use keepsake_archive::parse::tables;
use keepsake_fuzz::{files_archive, paths};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut archive = files_archive(paths::TABLES, data);
    let _ = tables::parse(&mut archive);
    let _ = tables::other_files(&mut archive);
    let _ = tables::unclaimed(&mut archive);
});
