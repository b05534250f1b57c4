//! Media that exists (and holds an object URL) only while near the viewport.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::ui::components::media_view::MediaView;

#[derive(Properties, PartialEq)]
pub struct LazyProps {
    pub path: String,
    pub alt: AttrValue,
}

/// Media that exists (and holds an object URL) only while near the viewport.
#[component]
pub fn LazyMedia(props: &LazyProps) -> Html {
    let node = use_node_ref();
    let visible = use_state_eq(|| false);
    {
        let node = node.clone();
        let visible = visible.clone();
        use_effect_with((), move |_| {
            let callback =
                Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    if let Some(entry) = entries
                        .iter()
                        .last()
                        .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
                    {
                        visible.set(entry.is_intersecting());
                    }
                });
            let options = web_sys::IntersectionObserverInit::new();
            options.set_root_margin("400px 0px");
            let observer = web_sys::IntersectionObserver::new_with_options(
                callback.as_ref().unchecked_ref(),
                &options,
            )
            .ok();
            if let (Some(observer), Some(el)) = (&observer, node.cast::<web_sys::Element>()) {
                observer.observe(&el);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(callback);
            }
        });
    }
    html! {
        <div class="lazy" ref={node}>
            if *visible { <MediaView path={props.path.clone()} alt={props.alt.clone()} class="tile-media" /> }
        </div>
    }
}
