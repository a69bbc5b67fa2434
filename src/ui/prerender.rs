//! The pre-rendered first screen: the release build writes the full-page app's first
//! render (header, the questionnaire's first step with the default starting point, and
//! its live result) into `index.html`, so a reader sees and can read the page before the
//! wasm arrives.
//!
//! When the app starts it clears that HTML and renders into the same element. Both happen
//! before the browser paints again (the render runs in a microtask of the task that
//! started the app), so the reader never sees an empty page: the same screen, now live,
//! or at once their own (saved answers, a share link, another page, a saved theme).
//! Hydrating the HTML instead would give the same picture but needs Yew's `hydration`
//! feature, which adds about 16 KB (gzip) to the wasm, and a first render that matches
//! the HTML node for node, which a returning reader's does not.
//!
//! The server render reads no browser state (there is no window natively), so it is the
//! screen of a first visit.

/// The `id` of the element the full-page app mounts into (`index.html`).
pub const MOUNT_ID: &str = "berth";

/// The first screen's HTML, rendered natively by Yew's server renderer.
#[cfg(not(target_arch = "wasm32"))]
pub fn first_screen() -> String {
    futures::executor::block_on(
        yew::ServerRenderer::<crate::ui::app::App>::new()
            .hydratable(false)
            .render(),
    )
}

/// Removes the pre-rendered first screen from the mount point, just before the app
/// renders into it.
#[cfg(target_arch = "wasm32")]
pub fn clear(mount: &web_sys::Element) {
    mount.set_inner_html("");
}
