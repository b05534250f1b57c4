//! Keepsake's web app: the yew interface on the main thread (`ui`) and the archive worker
//! (`archive_worker`), which talk through the questions in `protocol`. The engine itself lives in
//! `crates/archive`; this crate only moves bytes and draws.

pub mod archive_worker;
pub mod diagnostics;
pub mod protocol;
pub mod sections;
pub mod ui;

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
