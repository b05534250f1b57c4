//! One file of the export opened from a list: media are shown, text files (JSON, HTML,
//! anything else) are shown as text, pretty-printed when they are JSON. Text is always
//! rendered as text, never as markup.

use yew::prelude::*;

use crate::protocol::query;
use crate::ui::components::media_view::MediaView;
use crate::ui::hooks::{Fetch, failure, use_query};
use crate::ui::services::format;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub path: AttrValue,
    pub on_close: Callback<()>,
}

/// Media live in media folders or carry a media extension; Meta also writes media
/// without any extension, always inside a media folder.
pub fn looks_like_media(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let file = lower.rsplit('/').next().unwrap_or(&lower);
    let extension = file.rsplit_once('.').map(|(_, e)| e);
    let media_ext = matches!(
        extension,
        Some(
            "jpg"
                | "jpeg"
                | "png"
                | "webp"
                | "gif"
                | "heic"
                | "heif"
                | "mp4"
                | "mov"
                | "m4a"
                | "aac"
                | "mp3"
        )
    );
    let in_media_folder = [
        "media/", "photos/", "videos/", "direct/", "stories/", "profile/",
    ]
    .iter()
    .any(|folder| lower.starts_with(folder) || lower.contains(&format!("/{folder}")));
    media_ext || (in_media_folder && !matches!(extension, Some("json" | "html" | "txt")))
}

#[component]
pub fn FilePreview(props: &Props) -> Html {
    let close = props.on_close.reform(|_: MouseEvent| ());
    let node = use_node_ref();
    {
        // Opened from a list further down the page: bring it into view.
        let node = node.clone();
        use_effect_with(props.path.clone(), move |_| {
            if let Some(element) = node.cast::<web_sys::Element>() {
                element.scroll_into_view();
            }
        });
    }
    let body = if looks_like_media(&props.path) {
        html! { <MediaView path={props.path.to_string()} alt={props.path.clone()} class="preview-media" /> }
    } else {
        html! { <TextPreview path={props.path.clone()} /> }
    };
    html! {
        <section ref={node} class="preview card" aria-label={format!("Preview of {}", props.path)} data-testid="preview">
            <div class="toolbar">
                <strong class="path">{ props.path.clone() }</strong>
                <span class="spacer"></span>
                <button class="button secondary" onclick={close}>{ "Close" }</button>
            </div>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TextProps {
    path: AttrValue,
}

#[component]
fn TextPreview(props: &TextProps) -> Html {
    let file = use_query(query::Text {
        path: props.path.to_string(),
    });
    match &file {
        Fetch::Waiting(_) => html! { <p class="muted">{ "Reading…" }</p> },
        Fetch::Failed(error) => failure(error),
        Fetch::Ready(file) => html! {
            <>
                if file.truncated {
                    <p class="muted">{ format!("Showing the first megabyte of {}.", format::bytes(file.size)) }</p>
                }
                <pre class="text-file">{ file.text.clone() }</pre>
            </>
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn media_is_recognised_by_place_and_extension() {
        assert!(looks_like_media("media/posts/202401/1_n_2.jpg"));
        assert!(looks_like_media("media/stories/202401/AQO3x9"));
        assert!(looks_like_media(
            "your_instagram_activity/messages/inbox/a_1/photos/1.webp"
        ));
        assert!(looks_like_media("photos/202001/abc.jpg"));
        assert!(!looks_like_media(
            "your_instagram_activity/media/posts_1.json"
        ));
        assert!(!looks_like_media("media/no-data.txt"));
        assert!(!looks_like_media(
            "personal_information/personal_information.json"
        ));
    }
}
