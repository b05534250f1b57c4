//! The whole export over a fuzzed ZIP: detection, every parser and the catalog.
#![no_main]

use keepsake_archive::Export;
use keepsake_fuzz::{exercise, zip_archive};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    exercise(&mut Export::new(zip_archive(data)));
});
