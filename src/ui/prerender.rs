//! The pre-rendered first screen: the release build writes the full-page app's first
//! render (header, the questionnaire's first step with the default starting point, and
//! its live result) into `index.html`, so a reader sees and can read the page before the
//! wasm arrives.
//!
//! On a first visit the app hydrates that HTML: Yew adopts the elements already on screen
//! and attaches their listeners, so nothing is rebuilt, repainted or shifted. Hydration
//! needs a first render identical to the server's, node for node. The server reads no
//! browser state (there is no window natively), so that holds exactly when the browser
//! has none either: no saved answers other than the defaults, no saved theme, and no
//! address fragment (a page, a share link). A returning reader's first screen is their own, so the app clears the HTML and
//! renders from scratch instead; both happen in one task, before the browser paints
//! again, so they never see an empty page.

/// The `id` of the element the full-page app mounts into (`index.html`).
pub const MOUNT_ID: &str = "berth";

/// The first screen's HTML, rendered natively by Yew's server renderer, with the markers
/// hydration finds its components by.
///
/// Its live result is written as it stands, and kept as that HTML ([`Live::Prerendered`]):
/// the app hydrates and shows it without evaluating, so the first screen needs neither the
/// engine nor the catalog (see [`crate::ui::engine`]).
///
/// [`Live::Prerendered`]: crate::ui::state::Live::Prerendered
#[cfg(not(target_arch = "wasm32"))]
pub fn first_screen() -> String {
    use crate::ui::app::{App, AppProps};
    use crate::ui::components::live_panel::prerendered;
    use crate::ui::prepared::Prepared;

    futures::executor::block_on(async {
        let state = crate::ui::lazy::saved_state();
        let report = state
            .report()
            .expect("the engine is linked in natively")
            .clone();
        let state = state.prerendered(prerendered(&report).await);
        let props = AppProps {
            prepared: Prepared::from_state(state),
        };
        yew::LocalServerRenderer::<App>::with_props(props)
            .hydratable(true)
            .render()
            .await
    })
}

/// The live result the server wrote into `mount`, as [`first_screen`] keeps it.
#[cfg(target_arch = "wasm32")]
pub fn shown(mount: &web_sys::Element) -> crate::ui::state::Prerendered {
    use crate::ui::components::live_panel::escape;

    let find = |selector: &str| mount.query_selector(selector).ok().flatten();
    crate::ui::state::Prerendered {
        summary: escape(
            &find(".live-summary")
                .and_then(|p| p.text_content())
                .unwrap_or_default(),
        ),
        ranking: find(".live-ranking")
            .map(|ol| ol.outer_html())
            .unwrap_or_default(),
    }
}

/// Whether the pre-rendered HTML in `mount` is what the app's first render would be:
/// there is some, and the browser holds nothing the server render did not see: no saved
/// answers, `stored_answers` (the app saves none for the defaults), and no saved theme
/// but following the system's.
#[cfg(target_arch = "wasm32")]
pub fn can_hydrate(mount: &web_sys::Element, stored_answers: Option<&str>) -> bool {
    use crate::ui::browser;
    use crate::ui::hooks::use_theme::{Theme, THEME_KEY};

    mount.first_element_child().is_some()
        && matches!(browser::hash().as_str(), "" | "#" | "#/")
        && stored_answers.is_none()
        && browser::load(THEME_KEY).is_none_or(|t| t == Theme::Auto.id())
}

/// Removes the pre-rendered first screen from the mount point, just before the app
/// renders into it.
#[cfg(target_arch = "wasm32")]
pub fn clear(mount: &web_sys::Element) {
    mount.set_inner_html("");
}
