//! The root component: the session store, the worker, the router and the page frame.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::protocol::{Summary, query};
use crate::sections::Section;
use crate::ui::components::sidebar::Sidebar;
use crate::ui::components::topbar::Topbar;
use crate::ui::hooks::{Ctx, use_ctx, use_query};
use crate::ui::pages::landing::Landing;
use crate::ui::pages::messages::MessagesPage;
use crate::ui::pages::overview::Overview;
use crate::ui::pages::section_page::SectionPage;
use crate::ui::routes::Route;
use crate::ui::services::archive_client::{WorkerClient, WorkerEvent};
use crate::ui::session::store::{Action, Phase, Session};

#[component]
pub fn App() -> Html {
    let session = use_reducer(Session::default);
    let worker = {
        let dispatch = session.dispatcher();
        use_memo((), move |_| {
            WorkerClient::spawn(Callback::from(move |event| {
                dispatch.dispatch(match event {
                    WorkerEvent::Ready => Action::WorkerReady,
                    WorkerEvent::Progress(progress) => Action::Progress(progress),
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
            html! { <MessagesPage thread={Some(crate::ui::pages::messages::thread_id_from_url(thread))} /> }
        }
        (Some(_), Route::Message { thread, message }) => html! {
            <MessagesPage thread={Some(crate::ui::pages::messages::thread_id_from_url(thread))} focus={Some(*message)} />
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
                    <CountedSidebar key={ctx.session.generation} summary={Rc::clone(summary)}
                        current={route.clone()} />
                }
                <main class="content" id="main">{ body }</main>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CountedProps {
    summary: Rc<Summary>,
    current: Route,
}

/// The sidebar of an open export. It asks for the catalog as long as the export is open
/// (one per open: keyed by the session's generation), so the count goes on in the worker
/// whichever view is shown, and the sidebar shows records once it is done.
#[component]
fn CountedSidebar(props: &CountedProps) -> Html {
    let catalog = use_query(query::Catalog);
    let records = catalog.ready().cloned();
    html! { <Sidebar summary={Rc::clone(&props.summary)} current={props.current.clone()} {records} /> }
}
