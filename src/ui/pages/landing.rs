//! The start page: what Keepsake does, where to drop the export, and the promise that
//! nothing leaves the device.

use yew::prelude::*;

use crate::sections::{Section, SectionText};
use crate::ui::components::dropzone::Dropzone;
use crate::ui::components::open_status::OpenStatus;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The section a deep link asked for before any export was open.
    #[prop_or_default]
    pub wanted: Option<Section>,
}

#[component]
pub fn Landing(props: &Props) -> Html {
    html! {
        <section class="landing">
            <h1>{ "See everything in your Instagram download" }</h1>
            <p class="lede">
                { "Keepsake opens the ZIP files Instagram gave you and shows your posts, stories, \
                   messages, followers and the rest, right in this browser tab: nothing is uploaded, \
                   and nothing leaves your device." }
            </p>
            if let Some(section) = props.wanted {
                <p class="notice">{ format!("Open your export to see {}.", section.title()) }</p>
            }
            <Dropzone />
            <OpenStatus />
            <div class="facts">
                <p><strong>{ "Private. " }</strong>
                    { "Your files are read where they are, by this page, on this device. The page \
                       makes no network request after it has loaded, and its security policy forbids it." }</p>
                <p><strong>{ "Any size. " }</strong>
                    { "Choose every part of a large download at once; Keepsake reads only what it shows." }</p>
                <p><strong>{ "Any era. " }</strong>
                    { "Exports from 2018 to today, JSON or HTML, zipped or already unzipped." }</p>
            </div>
        </section>
    }
}
