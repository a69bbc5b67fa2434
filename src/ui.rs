//! The Yew front end. Renders what [`crate::core`] decides; never decides itself.

pub mod app;

/// Mounts the full-page app into `<main id="berth">`'s parent body.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
