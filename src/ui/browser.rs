//! The few browser calls the app makes. Each one fails quietly: storage may be disabled,
//! the clipboard may be refused, and none of that may break the page.

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{Storage, Window};

/// The browser window; none when the server renderer runs natively (`ssr`), so every call
/// below quietly does nothing there and the first render reads only defaults.
pub fn window() -> Option<Window> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window();
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// A listener for a window event (`hashchange`, `storage`), removed when dropped: a hook
/// keeps it for as long as its effect lasts.
pub struct WindowListener {
    window: Window,
    event: &'static str,
    closure: Closure<dyn Fn()>,
}

/// Calls `f` on each `event` of the window; none without a window (`ssr`).
pub fn listen(event: &'static str, f: impl Fn() + 'static) -> Option<WindowListener> {
    let window = window()?;
    let closure = Closure::<dyn Fn()>::new(f);
    let _ = window.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    Some(WindowListener {
        window,
        event,
        closure,
    })
}

impl Drop for WindowListener {
    fn drop(&mut self) {
        let _ = self
            .window
            .remove_event_listener_with_callback(self.event, self.closure.as_ref().unchecked_ref());
    }
}

/// `localStorage`, when the browser allows it (private modes and sandboxes may not).
fn storage() -> Option<Storage> {
    window()?.local_storage().ok().flatten()
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

pub fn forget(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// The current `#fragment`, including the `#`.
pub fn hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Goes to `fragment`, as following a link would (a history entry and `hashchange`).
pub fn set_hash(fragment: &str) {
    if let Some(w) = window() {
        let _ = w.location().set_hash(fragment);
    }
}

/// Replaces the fragment without adding a history entry or firing `hashchange`.
pub fn replace_hash(fragment: &str) {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(fragment));
    }
}

/// The page's address without its fragment: share links are built on it, so they work
/// under whatever path the app is served from.
pub fn page_url() -> String {
    let Some(location) = window().map(|w| w.location()) else {
        return String::new();
    };
    let mut url = location.origin().unwrap_or_default();
    url.push_str(&location.pathname().unwrap_or_default());
    url.push_str(&location.search().unwrap_or_default());
    url
}

/// Moves keyboard focus to the first element matching `selector` inside the advisor's
/// root element `within` (the whole document only when that is not mounted), so a focus
/// move in one embedded advisor never lands in another, nor misses its shadow root.
pub fn focus(within: &yew::NodeRef, selector: &str) -> bool {
    match within.cast::<web_sys::Element>() {
        Some(root) => focus_in(&root, selector),
        None => window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .is_some_and(|root| focus_in(&root, selector)),
    }
}

/// Whether the first element matching `selector` inside the advisor's root has keyboard
/// focus (`:focus` holds inside a shadow root too, where the document's active element is the host).
pub fn has_focus(within: &yew::NodeRef, selector: &str) -> bool {
    within
        .cast::<web_sys::Element>()
        .and_then(|root| root.query_selector(selector).ok().flatten())
        .is_some_and(|el| el.matches(":focus").unwrap_or(false))
}

/// Moves keyboard focus to the first element matching `selector` inside `root`, if any.
pub fn focus_in(root: &web_sys::Element, selector: &str) -> bool {
    match root
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        Some(el) => {
            let _ = el.focus();
            true
        }
        None => false,
    }
}

pub fn set_title(title: &str) {
    if let Some(doc) = window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}

/// Sets `data-theme` on `<html>` so the page background follows the theme switch too.
pub fn set_root_theme(theme: &str) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme);
    }
}

/// Sets `data-live` on `<html>`: the full-page app has rendered (in place of the
/// pre-rendered first screen a reader may have seen until then) and its controls work.
pub fn mark_live() {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-live", "");
    }
}

/// Copies text with the Clipboard API; `done` gets whether it worked.
pub fn copy_text(text: &str, done: impl Fn(bool) + 'static) {
    let Some(w) = window() else {
        return done(false);
    };
    let promise: JsValue = w.navigator().clipboard().write_text(text).into();
    let done = std::rc::Rc::new(done);
    let (ok, err) = (done.clone(), done);
    let on_ok = Closure::once_into_js(move |_: JsValue| ok(true));
    let on_err = Closure::once_into_js(move |_: JsValue| err(false));
    let then = js_sys::Reflect::get(&promise, &JsValue::from_str("then")).ok();
    match then.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
        Some(then) => {
            let _ = then.call2(&promise, &on_ok, &on_err);
        }
        None => {
            let _ = on_err
                .dyn_into::<js_sys::Function>()
                .map(|f| f.call0(&JsValue::NULL));
        }
    }
}

/// Offers `text` as a file download, made in the page: no request leaves the browser.
pub fn download(filename: &str, media_type: &str, bytes: &[u8]) {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(filename);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            a.remove();
        }
    }
    // Revoked a little later: some browsers read the URL after `click` returns.
    gloo::timers::callback::Timeout::new(2_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}
