//! Components rendered in a real browser page.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::rc::Rc;

use keepsake::protocol::{DetectionReport, SectionCount, Summary};
use keepsake::sections::Section;
use keepsake::ui::App;
use keepsake_archive::detect::ExportKind;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// Lets yew's scheduler and the browser's event loop run for `ms`.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Runs `check` until it passes, letting the page run between tries: `render()` only
/// schedules a render, and a worker answers when it answers. After 30 seconds, fails
/// with the last complaint.
async fn eventually(mut check: impl FnMut() -> Result<(), String>) {
    let deadline = js_sys::Date::now() + 30_000.0;
    loop {
        let complaint = match check() {
            Ok(()) => return,
            Err(complaint) => complaint,
        };
        assert!(js_sys::Date::now() < deadline, "{complaint}");
        sleep(20).await;
    }
}

/// `Ok` when `holds`, else the complaint `eventually` fails with.
fn ensure(holds: bool, complaint: &str) -> Result<(), String> {
    if holds {
        Ok(())
    } else {
        Err(complaint.to_string())
    }
}

#[wasm_bindgen_test]
async fn the_start_page_explains_and_waits_for_the_reader() {
    let root = mount();
    yew::Renderer::<App>::with_root(root.clone()).render();
    eventually(|| {
        ensure(
            root.query_selector("#open-demo").unwrap().is_some(),
            "the start page is drawn",
        )
    })
    .await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("See everything in your Instagram download"));
    assert!(text.contains("nothing leaves your device"));
    let demo = root
        .query_selector("#open-demo")
        .unwrap()
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap();
    assert!(
        demo.has_attribute("disabled"),
        "no opening before the worker is ready"
    );
    assert!(
        root.query_selector("#open-files[multiple]")
            .unwrap()
            .is_some()
    );
    assert!(
        root.query_selector("#open-folder[webkitdirectory]")
            .unwrap()
            .is_some()
    );

    // The test page serves no worker script, so the reader fails to start: the page must say so.
    eventually(|| {
        ensure(
            root.text_content()
                .unwrap_or_default()
                .contains("The archive reader stopped"),
            "a worker that cannot start is reported",
        )
    })
    .await;
}

#[derive(yew::Properties, PartialEq)]
struct SidebarHost {
    summary: Rc<Summary>,
}

#[yew::component]
fn HostedSidebar(props: &SidebarHost) -> yew::Html {
    use keepsake::ui::routes::Route;
    yew::html! {
        <yew_router::HashRouter>
            <keepsake::ui::Sidebar summary={props.summary.clone()} current={Route::Messages} />
        </yew_router::HashRouter>
    }
}

#[wasm_bindgen_test]
async fn the_sidebar_counts_sections_and_marks_absent_ones() {
    let summary = Summary {
        entry_count: 1236,
        detection: DetectionReport {
            instagram: true,
            kind: ExportKind::Instagram,
            ..Default::default()
        },
        sections: vec![
            SectionCount {
                section: Section::Posts,
                files: 1234,
            },
            SectionCount {
                section: Section::Messages,
                files: 2,
            },
        ],
        ..Default::default()
    };
    let root = mount();
    yew::Renderer::<HostedSidebar>::with_root_and_props(
        root.clone(),
        SidebarHost {
            summary: Rc::new(summary),
        },
    )
    .render();
    eventually(|| {
        ensure(
            root.query_selector("nav a").unwrap().is_some(),
            "the sidebar is drawn",
        )
    })
    .await;
    let links = root.query_selector_all("nav a").unwrap();
    assert_eq!(links.length() as usize, 1 + Section::ALL.len());
    let text_of = |label: &str| {
        (0..links.length())
            .filter_map(|i| links.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .find(|e| e.text_content().unwrap_or_default().starts_with(label))
            .unwrap()
    };
    assert_eq!(
        text_of("Posts").text_content().unwrap(),
        "Posts1\u{202f}234"
    );
    let messages = text_of("Messages");
    assert!(messages.class_list().contains("active"));
    let stories = text_of("Stories");
    assert!(stories.class_list().contains("absent"));
    assert!(stories.text_content().unwrap().ends_with("none"));
}
