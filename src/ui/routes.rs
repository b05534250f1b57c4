//! Deep links. Hash routing (`#/messages/…`) works on any static host, with no server
//! rewrite rules, and keeps the address out of server logs.

use yew_router::prelude::*;

use crate::sections::Section;

#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/overview")]
    Overview,
    #[at("/profile")]
    Profile,
    #[at("/profile/:tab")]
    ProfileTab { tab: String },
    #[at("/posts")]
    Posts,
    #[at("/posts/:id")]
    Post { id: String },
    #[at("/stories")]
    Stories,
    #[at("/reels")]
    Reels,
    #[at("/messages")]
    Messages,
    #[at("/messages/:thread")]
    Thread { thread: String },
    /// One message, by its position in the conversation (oldest first).
    #[at("/messages/:thread/:message")]
    Message { thread: String, message: usize },
    #[at("/connections")]
    Connections,
    #[at("/activity")]
    Activity,
    #[at("/account")]
    Account,
    #[at("/other")]
    Other,
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// The section a route shows, if it is one of the viewer's sections.
    pub fn section(&self) -> Option<Section> {
        Some(match self {
            Route::Profile | Route::ProfileTab { .. } => Section::Profile,
            Route::Posts | Route::Post { .. } => Section::Posts,
            Route::Stories => Section::Stories,
            Route::Reels => Section::Reels,
            Route::Messages | Route::Thread { .. } | Route::Message { .. } => Section::Messages,
            Route::Connections => Section::Connections,
            Route::Activity => Section::Activity,
            Route::Account => Section::Account,
            Route::Other => Section::Other,
            Route::Home | Route::Overview | Route::NotFound => return None,
        })
    }

    pub fn of_section(section: Section) -> Route {
        match section {
            Section::Profile => Route::Profile,
            Section::Posts => Route::Posts,
            Section::Stories => Route::Stories,
            Section::Reels => Route::Reels,
            Section::Messages => Route::Messages,
            Section::Connections => Route::Connections,
            Section::Activity => Route::Activity,
            Section::Account => Route::Account,
            Section::Other => Route::Other,
        }
    }
}
