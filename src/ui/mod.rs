//! The main-thread interface, grouped by role: `pages` (what a route shows),
//! `components` (shared by several pages), `hooks`, `services` (what views use but do not
//! draw), and the `session` store. `app` wires them together.

mod app;
pub mod components;
pub mod hooks;
pub mod pages;
pub mod routes;
pub mod services;
pub mod session;

pub use app::App;
pub use components::sidebar::Sidebar;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
