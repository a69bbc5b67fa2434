//! The Yew front end. Renders what [`crate::core`] decides; never decides itself.
//!
//! - [`state`] holds the answers and the report; its reducer is the only place answers
//!   change and the only caller of `evaluate`.
//! - [`pages`] are the routed screens; [`components`] are presentational pieces that take
//!   props and report events through `Callback`s.
//! - [`hooks`] wrap the browser: the hash route and the theme switch.
//! - [`browser`] is the small set of DOM calls the app makes, each failing quietly.

pub mod app;
pub mod browser;
pub mod components;
pub mod hooks;
pub mod pages;
pub mod route;
pub mod state;
pub mod widget;

/// Mounts the full-page app into `<body>`.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
