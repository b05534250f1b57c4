//! The main-thread interface: routing, the session store and one component per file.

mod app;
pub mod crash;
mod dom;
mod dropzone;
mod entry_table;
mod file_preview;
pub mod files;
pub mod format;
pub mod hooks;
mod landing;
pub mod media;
mod media_view;
pub mod messages;
pub mod object_url;
mod open_status;
mod overview;
mod profile_header;
mod records;
pub mod routes;
mod section_page;
mod sections;
pub mod services;
pub mod session;
pub mod sidebar;
mod srt;
mod table;
mod topbar;

pub use app::App;
pub use sidebar::Sidebar;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
