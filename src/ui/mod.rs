//! The main-thread interface: routing, the session store and one component per file.

mod app;
pub mod crash;
mod dom;
mod dropzone;
mod entry_table;
mod file_preview;
pub mod files;
pub mod format;
mod landing;
pub mod media;
mod media_view;
pub mod messages;
pub mod object_url;
mod open_status;
mod overview;
mod profile_header;
mod records;
mod reply;
pub mod routes;
mod section_page;
mod sections;
pub mod sidebar;
mod srt;
pub mod store;
mod table;
mod topbar;
pub mod worker_client;

pub use app::App;
pub use sidebar::Sidebar;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
