//! "Your life on Instagram in time": a day index of everything dated in an export, and
//! the questions a timeline, a calendar heat map and "on this day" ask of it.
//!
//! - [`Dating`] builds the [`DayIndex`] one family (or one conversation) per step, like
//!   the catalog's counting, so the worker stays responsive.
//! - Days are local days in a [`Zone`] the host passes in (the browser's, or UTC); a
//!   new zone means a new index, because messages are summed per local day.
//! - A conversation's messages of one day are one item with a count, so a million
//!   messages become a few thousand items. An item is 40 bytes; its label, media paths
//!   and target live in shared tables.
//! - HTML exports' times have minute precision and no zone ([`Precision`]); the index
//!   says so and [`Zone::for_export`] keeps their printed dates.
//!
//! [`Precision`]: crate::instant::Precision

mod dating;
mod heat;
mod index;
mod kind;
#[cfg(not(target_arch = "wasm32"))]
pub mod measure;
mod query;
mod target;
#[cfg(test)]
mod tests;
mod zone;

pub use dating::Dating;
pub use heat::{HeatMap, Streak, YearGroup};
pub use index::{Date, DayCounts, DayIndex, TimelineItem};
pub use kind::{ItemKind, KINDS, KindSet};
pub use query::{DayGroup, MAX_PAGE, TimelinePage};
pub use target::{AccountList, ActivityList, Target};
pub use zone::{Transition, Zone};
