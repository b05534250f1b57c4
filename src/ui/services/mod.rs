//! What the views use but do not draw: the archive worker's client, object URLs for the
//! user's media, DOM resources that must not outlive a component, turning a choice of
//! files into parts, and numbers and dates as people read them.

pub mod archive_client;
pub mod dom;
pub mod files;
pub mod format;
pub mod object_url;
