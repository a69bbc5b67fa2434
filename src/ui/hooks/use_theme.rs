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

    /// The theme with this id (`auto`, `light`, `dark`), if any.
    pub fn parse(id: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.id() == id)
    }

    pub fn from_id(id: &str) -> Theme {
        Theme::parse(id).unwrap_or_default()
    }
}

/// The current theme and a callback to change it. The full-page app (`page`) keeps the
/// choice in local storage and themes `<html>` too, so the page background follows the
/// switch. An embedded advisor does neither: it uses `fixed` (the system's scheme
/// when `None`), applied to its own root element only, and never reads or writes the
/// site's saved choice.
#[hook]
pub fn use_theme(page: bool, fixed: Option<Theme>) -> (Theme, Callback<Theme>) {
    let theme = use_state(|| {
        fixed
            .or_else(|| {
                page.then(|| browser::load(THEME_KEY).map(|t| Theme::from_id(&t)))
                    .flatten()
            })
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
            // Following the system is the default, kept as nothing: the next visit can
            // then use the pre-rendered first screen as it is (see `ui::prerender`).
            if page && t == Theme::Auto {
                browser::forget(THEME_KEY);
            } else if page {
                browser::save(THEME_KEY, t.id());
            }
            theme.set(t);
        })
    };
    // Embedded: always the given theme, even when it changes.
    let current = if page {
        *theme
    } else {
        fixed.unwrap_or_default()
    };
    (current, set)
}
