//! A value masked until the reader asks for it (phone, e-mail, precise location). The
//! value is not in the DOM before "Show" is pressed: a collapsed `<details>` or a CSS
//! blur still lets find-in-page, screen readers and screenshots of the source reach it.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// What the value is ("E-mail"): the button says "Show E-mail".
    pub label: AttrValue,
    pub value: AttrValue,
}

#[component]
pub fn Masked(props: &Props) -> Html {
    let shown = use_state(|| false);
    if *shown {
        return html! { <span class="unmasked">{ props.value.clone() }</span> };
    }
    let onclick = Callback::from(move |_: MouseEvent| shown.set(true));
    html! {
        <button class="reveal" {onclick} aria-label={format!("Show {}", props.label)}>{ "Show" }</button>
    }
}

/// A `<dt>`/`<dd>` pair of a fact list; the value is masked when `sensitive`.
pub fn fact(label: String, value: String, sensitive: bool) -> Html {
    let value = if sensitive {
        // Keyed by the value: a view reused for another post starts masked again.
        let key = format!("{label}\u{1}{value}");
        html! { <Masked {key} label={label.clone()} {value} /> }
    } else {
        html! { value }
    };
    html! { <><dt>{ label }</dt><dd>{ value }</dd></> }
}
