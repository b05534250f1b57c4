//! The session and the worker, as every component reaches them.

use yew::prelude::*;

pub use crate::ui::session::Ctx;

#[hook]
pub fn use_ctx() -> Ctx {
    // The provider wraps the whole tree; a missing context is a programming error.
    #[allow(clippy::expect_used)]
    use_context::<Ctx>().expect("Ctx is provided by App")
}
