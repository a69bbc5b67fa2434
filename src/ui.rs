//! The Yew front end. Renders what [`crate::core`] decides; never decides itself.
//!
//! - [`state`] holds the answers and the report; its reducer is the only place answers
//!   change and the only caller of `evaluate`.
//! - [`pages`] are the routed screens; [`components`] are presentational pieces that take
//!   props and report events through `Callback`s. [`lazy`] holds what the release build
//!   fetches only when first used: the pages past the questionnaire, the reader of a file
//!   for "Start from a file", and the reader of saved answers and share links.
//! - [`hooks`] wrap the browser: the hash route and the theme switch.
//! - [`browser`] is the small set of DOM calls the app makes, each failing quietly.
//! - [`prerender`] is the first screen the release build writes into `index.html`, which
//!   [`start`] hydrates on a first visit (and replaces for a returning reader).

pub mod app;
pub mod browser;
pub mod components;
pub mod drafts;
pub mod engine;
pub mod hooks;
pub mod lazy;
pub mod pages;
pub mod prepared;
pub mod prerender;
pub mod route;
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod widget;

/// Mounts the full-page app into `<div id="berth">` (`<body>` without one): it hydrates
/// the pre-rendered first screen there when that is what it would render, and replaces
/// it otherwise (see [`prerender`]).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    let mount = browser::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(prerender::MOUNT_ID));
    // The first state now, the render in the next task (see `prepared`); both, and whether
    // to hydrate, from one reading of the saved answers. A returning reader's pre-rendered
    // screen is cleared in that same next task, so no frame is empty. Saved answers other
    // than the defaults are read first, by the answers reader (see `lazy`).
    let stored = browser::load(state::ANSWERS_KEY);
    let hydrate = mount
        .as_ref()
        .is_some_and(|m| prerender::can_hydrate(m, stored.as_deref()));
    // Hydrating, the app keeps the live result on screen rather than evaluating: the
    // first screen does without the engine (see `engine`).
    let shown = mount.as_ref().filter(|_| hydrate).map(prerender::shown);
    let render = move |first: state::State| {
        let props = app::AppProps {
            prepared: prepared::Prepared::from_state(first),
        };
        let next = move || match mount {
            Some(mount) if hydrate => {
                yew::Renderer::<app::App>::with_root_and_props(mount, props).hydrate();
            }
            Some(mount) => {
                prerender::clear(&mount);
                yew::Renderer::<app::App>::with_root_and_props(mount, props).render();
            }
            None => {
                yew::Renderer::<app::App>::with_props(props).render();
            }
        };
        gloo::timers::callback::Timeout::new(0, next).forget();
    };
    // A returning reader's screen is rendered from scratch with their own result: the
    // engine is fetched beside the answers reader (both precached), and the first state is
    // made once it is here, so that screen never shows a stand-in for its result.
    if !hydrate {
        engine::prefetch();
    }
    lazy::read_saved(stored, move |read| {
        let first = move || read.map_or_else(state::State::saved_unread, state::State::from_saved);
        match shown {
            Some(shown) => render(first().prerendered(shown)),
            None => engine::load(move |_| render(first())),
        }
    });
}
