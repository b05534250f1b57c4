//! Hooks shared by the views: the context every component may reach, asking the worker,
//! and the posts of the open export.

mod context;
mod posts;
mod query;
mod show_more;

pub use context::{Ctx, use_ctx};
pub use posts::{PostList, use_posts};
pub use query::{Fetch, Generation, failure, use_query};
pub use show_more::{ShowMore, use_show_more};
