//! The ZIP index: open arbitrary bytes as a part, then list, look up, locate and read
//! every entry.
#![no_main]

use keepsake_archive::detect;
use keepsake_fuzz::{READ_LIMIT, zip_archive};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut archive = zip_archive(data);
    let _ = detect(&archive);
    let entries = archive.entries().to_vec();
    for entry in entries.iter().chain(archive.duplicates().to_vec().iter()) {
        let _ = archive.versions(&entry.path);
        let _ = archive.read_entry(entry, READ_LIMIT);
        let _ = archive.read_head(&entry.path, 64);
        let _ = archive.locate_entry(entry);
    }
});
