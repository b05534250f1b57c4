//! Components shared by several pages.

pub mod crash;
pub mod dropzone;
pub mod entry_table;
pub mod file_preview;
pub mod masked;
pub mod media_view;
pub mod open_status;
pub mod profile_header;
pub mod sidebar;
pub mod table;
pub mod topbar;
