//! The theme switch: follow the system (`auto`), or force light or dark. The choice is
//! kept in local storage; the colours themselves live in CSS custom properties.

use yew::prelude::*;

use crate::ui::browser;

pub const THEME_KEY: &str = "berth.theme.v1";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    pub fn id(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::Auto => "Match system",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    pub fn from_id(id: &str) -> Theme {
        Theme::ALL
            .into_iter()
            .find(|t| t.id() == id)
            .unwrap_or_default()
    }
}

/// The current theme and a callback to change it. `page` also themes `<html>`, for the
/// full-page app, so the page background follows the switch.
#[hook]
pub fn use_theme(page: bool) -> (Theme, Callback<Theme>) {
    let theme = use_state(|| {
        browser::load(THEME_KEY)
            .map(|t| Theme::from_id(&t))
            .unwrap_or_default()
    });
    use_effect_with((*theme, page), |(theme, page)| {
        if *page {
            browser::set_root_theme(theme.id());
        }
    });
    let set = {
        let theme = theme.clone();
        Callback::from(move |t: Theme| {
            browser::save(THEME_KEY, t.id());
            theme.set(t);
        })
    };
    (*theme, set)
}
