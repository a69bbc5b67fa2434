//! Hooks that connect the app to the browser.

pub mod use_manifest_worker;
pub mod use_route;
pub mod use_theme;

pub use use_route::use_route;
pub use use_theme::{use_theme, Theme};
