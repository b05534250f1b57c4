//! Small owners of browser resources that must not outlive their component (event
//! listeners, timers) and CSSOM access (the page's policy blocks `style` attributes).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::EventTarget;
use yew::NodeRef;

/// An event listener that is removed when dropped.
pub struct Listener {
    target: EventTarget,
    event: &'static str,
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    pub fn new(
        target: &EventTarget,
        event: &'static str,
        handler: impl FnMut(web_sys::Event) + 'static,
    ) -> Self {
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        Listener {
            target: target.clone(),
            event,
            closure,
        }
    }

    /// Key presses on the window that are meant for the page: not typed into a field and
    /// without Alt, Ctrl or Meta (those belong to the browser).
    pub fn plain_keys(mut handler: impl FnMut(&web_sys::KeyboardEvent) + 'static) -> Option<Self> {
        Self::window("keydown", move |event| {
            let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            if !(typing(key) || key.alt_key() || key.ctrl_key() || key.meta_key()) {
                handler(key);
            }
        })
    }

    /// On the window.
    pub fn window(
        event: &'static str,
        handler: impl FnMut(web_sys::Event) + 'static,
    ) -> Option<Self> {
        let window = web_sys::window()?;
        Some(Self::new(&window, event, handler))
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.event, self.closure.as_ref().unchecked_ref());
    }
}

/// A repeating timer, cleared when dropped.
pub struct Interval {
    id: i32,
    _closure: Closure<dyn FnMut()>,
}

impl Interval {
    pub fn new(millis: i32, tick: impl FnMut() + 'static) -> Option<Self> {
        let closure = Closure::<dyn FnMut()>::new(tick);
        let id = web_sys::window()?
            .set_interval_with_callback_and_timeout_and_arguments_0(
                closure.as_ref().unchecked_ref(),
                millis,
            )
            .ok()?;
        Some(Interval {
            id,
            _closure: closure,
        })
    }
}

impl Drop for Interval {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_interval_with_handle(self.id);
        }
    }
}

/// A one-off timer, cancelled when dropped.
pub struct Timeout {
    id: i32,
    _closure: Closure<dyn FnMut()>,
}

impl Timeout {
    pub fn new(millis: i32, done: impl FnMut() + 'static) -> Option<Self> {
        let closure = Closure::<dyn FnMut()>::new(done);
        let id = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                closure.as_ref().unchecked_ref(),
                millis,
            )
            .ok()?;
        Some(Timeout {
            id,
            _closure: closure,
        })
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.id);
        }
    }
}

/// Whether a key event comes from a text field (where keys belong to the field).
fn typing(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Sets a CSS property through the CSSOM (the page's policy blocks `style` attributes).
pub fn set_style(node: &NodeRef, property: &str, value: &str) {
    if let Some(el) = node.cast::<web_sys::HtmlElement>() {
        let _ = el.style().set_property(property, value);
    }
}
