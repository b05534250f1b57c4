//! The root component: the session store, the worker, the router and the page frame.

use std::rc::Rc;

use web_sys::File;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::protocol::{Reply, Request, Summary};
use crate::sections::Section;
use crate::ui::files::parts_of;
use crate::ui::landing::Landing;
use crate::ui::messages::MessagesPage;
use crate::ui::overview::Overview;
use crate::ui::routes::Route;
use crate::ui::section_page::SectionPage;
use crate::ui::sidebar::Sidebar;
use crate::ui::store::{Action, Phase, Session, SessionHandle};
use crate::ui::topbar::Topbar;
use crate::ui::worker_client::{WorkerClient, WorkerEvent};

/// What every component may reach: the session and the worker.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub session: SessionHandle,
    pub worker: WorkerClient,
}

impl Ctx {
    /// Opens files (or the demo) as one export, replacing whatever was open.
    pub fn open(&self, files: Vec<File>, demo: bool) {
        if files.is_empty() {
            return;
        }
        let parts = parts_of(&files);
        let files = Rc::new(files);
        self.session.dispatch(Action::Opening {
            files: Rc::clone(&files),
            demo,
        });
        let session = self.session.dispatcher();
        self.worker
            .request(Request::Open { parts }, &files, move |reply| match reply {
                Reply::Opened(summary) if summary.usable() => {
                    session.dispatch(Action::Opened(summary))
                }
                Reply::Opened(summary) => session.dispatch(Action::Failed(refusal(&summary))),
                Reply::Failed { message } => session.dispatch(Action::Failed(message)),
                other => session.dispatch(Action::Failed(format!("unexpected reply {other:?}"))),
            });
    }

    /// Stops whatever the worker is doing by replacing it.
    pub fn cancel(&self) {
        self.worker.restart();
        self.session.dispatch(Action::Close);
    }

    /// After the worker died: a fresh worker, and the same files opened again.
    pub fn reopen(&self) {
        let files = (*self.session.files).clone();
        let demo = self.session.demo;
        self.worker.restart();
        self.open(files, demo);
    }
}

/// Why files that opened are still not something Keepsake can show.
fn refusal(summary: &Summary) -> String {
    let broken: Vec<String> = summary
        .parts
        .iter()
        .filter_map(|p| p.error.as_ref().map(|e| format!("{}: {e}", p.name)))
        .collect();
    if summary.entry_count == 0 && !broken.is_empty() {
        return broken.join("\n");
    }
    summary.detection.message.clone().unwrap_or_else(|| {
        "These files do not look like an Instagram export: none of the folders or files an \
         Instagram download contains were found."
            .to_string()
    })
}

#[component]
pub fn App() -> Html {
    let session = use_reducer(Session::default);
    let worker = {
        let dispatch = session.dispatcher();
        use_memo((), move |_| {
            WorkerClient::spawn(Callback::from(move |event| {
                dispatch.dispatch(match event {
                    WorkerEvent::Ready => Action::WorkerReady,
                    WorkerEvent::Progress { done, total, what } => {
                        Action::Progress { done, total, what }
                    }
                    WorkerEvent::Died(reason) => Action::WorkerDied(reason),
                })
            }))
        })
    };
    let ctx = Ctx {
        session,
        worker: (*worker).clone(),
    };
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <HashRouter>
                <Frame />
            </HashRouter>
        </ContextProvider<Ctx>>
    }
}

#[hook]
pub fn use_ctx() -> Ctx {
    // The provider wraps the whole tree; a missing context is a programming error.
    #[allow(clippy::expect_used)]
    use_context::<Ctx>().expect("Ctx is provided by App")
}

#[component]
fn Frame() -> Html {
    let ctx = use_ctx();
    let route = use_route::<Route>().unwrap_or(Route::Home);
    let navigator = use_navigator();
    let open = ctx.session.summary().cloned();

    // Once an export opens from the start page, show what is in it.
    {
        let route = route.clone();
        use_effect_with(open.clone(), move |open| {
            if let (Some(_), Route::Home, Some(navigator)) = (open, route, navigator) {
                navigator.push(&Route::Overview);
            }
        });
    }

    let body = match (&open, &route) {
        (Some(_), Route::Home) | (None, _) => html! { <Landing wanted={route.section()} /> },
        (Some(summary), Route::Overview) => html! { <Overview summary={Rc::clone(summary)} /> },
        (Some(summary), Route::Messages) if summary.count(Section::Messages) > 0 => {
            html! { <MessagesPage thread={None::<String>} /> }
        }
        (Some(_), Route::Thread { thread }) => {
            html! { <MessagesPage thread={Some(crate::ui::messages::thread_id_from_url(thread))} /> }
        }
        (Some(_), Route::Message { thread, message }) => html! {
            <MessagesPage thread={Some(crate::ui::messages::thread_id_from_url(thread))} focus={Some(*message)} />
        },
        (Some(summary), route) => match route.section() {
            Some(section) => html! { <SectionPage {section} summary={Rc::clone(summary)} /> },
            None => html! {
                <div class="notice">
                    <h2>{ "Nothing here" }</h2>
                    <p>{ "This address does not match any page of Keepsake." }</p>
                    <Link<Route> to={Route::Overview}>{ "Go to the overview" }</Link<Route>>
                </div>
            },
        },
    };
    let opening = matches!(ctx.session.phase, Phase::Opening { .. });
    html! {
        <div class="app" aria-busy={opening.to_string()}>
            <Topbar />
            <div class="shell">
                if let Some(summary) = &open {
                    <Sidebar summary={Rc::clone(summary)} current={route.clone()} />
                }
                <main class="content" id="main">{ body }</main>
            </div>
        </div>
    }
}
