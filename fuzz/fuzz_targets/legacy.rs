//! Era A (2018–2020) flat files, read through the whole export as the app does.
#![no_main]

use keepsake_archive::Export;
use keepsake_fuzz::{exercise, files_archive, paths};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    exercise(&mut Export::new(files_archive(paths::LEGACY, data)));
});
