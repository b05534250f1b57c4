//! What the views use but do not draw: the archive worker's client.

pub mod archive_client;
