//! One media file of the export, shown the way its real type (from its magic bytes)
//! allows: image, video or audio; a labelled placeholder when the browser cannot show it
//! (HEIC) or the export lacks it.

use std::cell::Cell;
use std::rc::Rc;

use keepsake_archive::media::{MediaClass, class_of};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::protocol::{MediaInfo, query};
use crate::ui::hooks::{Fetch, use_ctx, use_query};
use crate::ui::services::object_url::{ObjectUrl, media_blob, text_blob};
use keepsake_archive::subtitles;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub path: String,
    #[prop_or_default]
    pub alt: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    /// A video's SubRip subtitles, by path in the export.
    #[prop_or_default]
    pub subtitles: Option<String>,
}

#[derive(PartialEq)]
enum Shown {
    Loading,
    Ready {
        url: Rc<ObjectUrl>,
        class: Option<MediaClass>,
        mime: String,
    },
    Failed(String),
}

/// Browsers show these image types; others (HEIC) get a placeholder and a download link.
fn displayable(mime: &str) -> bool {
    !matches!(mime, "image/heic" | "image/heif")
}

#[component]
pub fn MediaView(props: &Props) -> Html {
    let ctx = use_ctx();
    let info = use_query(query::Media {
        path: props.path.clone(),
    });
    let shown = use_state(|| Shown::Loading);
    {
        let shown = shown.clone();
        let files = Rc::clone(&ctx.session.files);
        use_effect_with(info, move |info| {
            // A blob still loading for the previous file is dropped when it comes.
            let current = Rc::new(Cell::new(true));
            match info {
                Fetch::Waiting(_) => shown.set(Shown::Loading),
                Fetch::Failed(error) => shown.set(Shown::Failed(error.to_string())),
                Fetch::Ready(info) => {
                    shown.set(Shown::Loading);
                    let (info, current) = (MediaInfo::clone(info), Rc::clone(&current));
                    spawn_local(async move {
                        let loaded = load(&files, info).await.unwrap_or_else(Shown::Failed);
                        if current.get() {
                            shown.set(loaded);
                        }
                    });
                }
            }
            move || current.set(false)
        });
    }
    let file_name = props
        .path
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    match &*shown {
        Shown::Loading => html! {
            <div class={classes!("media", "loading", props.class.clone())} aria-busy="true"></div>
        },
        Shown::Failed(message) => html! {
            <div class={classes!("media", "placeholder", props.class.clone())} role="img"
                aria-label={format!("Not available: {message}")}>
                <span>{ "Not available" }</span>
                <small>{ message.clone() }</small>
            </div>
        },
        Shown::Ready { url, class, mime } => match class {
            Some(MediaClass::Image) if displayable(mime) => html! {
                <img class={classes!("media", props.class.clone())} src={url.as_str().to_string()}
                    alt={props.alt.clone()} decoding="async" />
            },
            Some(MediaClass::Video) => html! {
                <video class={classes!("media", props.class.clone())} src={url.as_str().to_string()}
                    controls=true preload="metadata" playsinline=true aria-label={props.alt.clone()}>
                    if let Some(path) = props.subtitles.clone() {
                        <SubtitleTrack {path} />
                    }
                </video>
            },
            Some(MediaClass::Audio) => html! {
                <audio class={classes!("media", "audio", props.class.clone())}
                    src={url.as_str().to_string()} controls=true preload="metadata" />
            },
            _ => html! {
                <div class={classes!("media", "placeholder", props.class.clone())} role="img"
                    aria-label={format!("{file_name}: this browser cannot show {mime}")}>
                    <span>{ if mime.contains("hei") { "HEIC photo" } else { "File" } }</span>
                    <small>{ format!("This browser cannot show {mime} files.") }</small>
                    <a href={url.as_str().to_string()} download={file_name.clone()}>{ "Download" }</a>
                </div>
            },
        },
    }
}

#[derive(Properties, PartialEq)]
struct TrackProps {
    path: String,
}

/// The subtitles as a WebVTT `<track>` (browsers take no SubRip): the `.srt` read by the
/// worker, converted, and served from an object URL that lives as long as the track.
/// Nothing is shown while it loads or when it cannot be read.
#[component]
fn SubtitleTrack(props: &TrackProps) -> Html {
    let file = use_query(query::Text {
        path: props.path.clone(),
    });
    let url = use_memo(file, |file| {
        let vtt = subtitles::to_vtt(&file.ready()?.text);
        let made = text_blob(&vtt, "text/vtt").and_then(|b| ObjectUrl::new(&b));
        made.ok().map(Rc::new)
    });
    match &*url {
        // No language is recorded with Meta's subtitles: "und" (undetermined).
        Some(url) => html! {
            <track kind="subtitles" srclang="und" label="Subtitles" default=true
                src={url.as_str().to_string()} />
        },
        None => Html::default(),
    }
}

async fn load(files: &[web_sys::File], info: MediaInfo) -> Result<Shown, String> {
    let file = files
        .get(info.file)
        .ok_or("the file holding this media is no longer open")?;
    let mime = info
        .mime
        .clone()
        .unwrap_or_else(|| "application/octet-stream".into());
    let blob = media_blob(file, &info, &mime).await?;
    Ok(Shown::Ready {
        url: Rc::new(ObjectUrl::new(&blob)?),
        class: class_of(&mime),
        mime,
    })
}
