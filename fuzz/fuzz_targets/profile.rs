//! `parse::profile`: personal information, profile photos, Era A `profile.json`.
#![no_main]

use keepsake_archive::parse::profile;
use keepsake_fuzz::{files_archive, paths};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = profile::parse(&mut files_archive(paths::PROFILE, data));
});
