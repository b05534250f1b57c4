//! One open of a small made-up export when the worker starts, before it says it is ready.
//! V8 compiles wasm lazily, runs it unoptimised (Liftoff) at first and switches a function
//! to optimised code only once it is hot, and only from its next call on: without this,
//! the first export a person opens is indexed by unoptimised code, two to three times
//! slower (and the loops over every entry run once per open, so they never switch).

use super::{Engine, OpenPart};
use crate::protocol::PartSource;

/// Enough entries for V8 to optimise the loops over them, few enough to take a moment.
const ENTRIES: u32 = 10_000;

pub fn warm_up() {
    let mut engine = Engine::default();
    engine.open(vec![part()], &|_, _, _| {});
    engine.entries("", None, 0, 200);
}

fn part() -> OpenPart {
    OpenPart {
        source: PartSource::Zip {
            name: "warm-up.zip".into(),
        },
        data: Box::new(stored_zip(&names())),
    }
}

/// Paths shaped like an export's: a marker file, and media in monthly folders.
fn names() -> Vec<String> {
    let mut names = vec!["your_instagram_activity/media/stories.json".to_string()];
    names.extend((0..ENTRIES).map(|i| format!("media/stories/2025{:02}/{i}_n.jpg", i % 12 + 1)));
    names
}

/// A ZIP of empty stored files (an empty file's CRC-32 is 0).
fn stored_zip(names: &[String]) -> Vec<u8> {
    let mut zip = Vec::new();
    let mut directory = Vec::new();
    for name in names {
        let offset = zip.len() as u32;
        // Local header: signature, version, flags, method, time, date, CRC, sizes.
        put(&mut zip, &[0x0403_4b50]);
        zip.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        zip.extend([0; 12]);
        zip.extend((name.len() as u16).to_le_bytes());
        zip.extend([0, 0]);
        zip.extend(name.as_bytes());
        // Central header: the same, plus attributes and the local header's offset.
        put(&mut directory, &[0x0201_4b50]);
        directory.extend([20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        directory.extend([0; 12]);
        directory.extend((name.len() as u16).to_le_bytes());
        directory.extend([0; 12]);
        put(&mut directory, &[offset]);
        directory.extend(name.as_bytes());
    }
    let start = zip.len() as u32;
    let count = (names.len() as u16).to_le_bytes();
    zip.extend(&directory);
    put(&mut zip, &[0x0605_4b50, 0]);
    zip.extend(count);
    zip.extend(count);
    put(&mut zip, &[directory.len() as u32, start]);
    zip.extend([0, 0]);
    zip
}

fn put(out: &mut Vec<u8>, words: &[u32]) {
    for word in words {
        out.extend(word.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The warm-up takes the path a real export takes: it opens, and as Instagram.
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn the_made_up_export_opens_as_instagram() {
        let summary = Engine::default().open(vec![part()], &|_, _, _| {});
        assert!(summary.usable(), "{:?}", summary.detection);
        assert_eq!(summary.entry_count, ENTRIES as usize + 1);
        assert_eq!(summary.parts[0].error, None);
    }
}
