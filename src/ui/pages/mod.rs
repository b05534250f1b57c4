//! The pages a route shows, each with the components only it uses.

pub mod landing;
pub mod media;
pub mod messages;
pub mod overview;
mod records;
pub mod section_page;
mod sections;
