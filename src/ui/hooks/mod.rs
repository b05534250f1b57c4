//! Hooks shared by the views: the context every component may reach, and asking the
//! worker.

mod context;
mod query;

pub use context::{Ctx, use_ctx};
pub use query::{Fetch, Generation, failure, use_query};
