//! `parse::messages`: the inbox summary, then every thread it lists.
#![no_main]

use keepsake_archive::parse::{messages, profile};
use keepsake_fuzz::{files_archive, paths};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut archive = files_archive(paths::MESSAGES, data);
    let owner = profile::parse(&mut archive).value;
    let inbox = messages::inbox(&mut archive, Some(&owner)).value;
    for summary in &inbox.threads {
        let _ = messages::thread(&mut archive, summary);
    }
});
