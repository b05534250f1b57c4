//! `parse::account`: logins, devices, signup, location, ads and topics.
#![no_main]

use keepsake_archive::parse::account;
use keepsake_fuzz::{files_archive, paths};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = account::parse(&mut files_archive(paths::ACCOUNT, data));
});
