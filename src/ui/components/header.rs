//! The page header: skip link, the product's name and promise, navigation, theme switch.

use yew::prelude::*;

use crate::ui::app::{use_shell, Shell};
use crate::ui::components::theme_switch::ThemeSwitch;
use crate::ui::hooks::Theme;
use crate::ui::route::{Page, Views};

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub current: Page,
    pub theme: Theme,
    pub on_theme: Callback<Theme>,
}

/// The page links, for the header and for an embedded advisor.
#[derive(Properties, PartialEq)]
pub struct NavProps {
    pub current: Page,
    pub label: AttrValue,
    /// The pages to link to, in order (the main navigation's by default).
    #[prop_or_default]
    pub views: Views,
}

#[component]
pub fn Nav(props: &NavProps) -> Html {
    html! {
        <nav aria-label={props.label.clone()}>
            <ul>
                { for props.views.nav().iter().map(|page| html! {
                    <li key={page.path()}>
                        <a href={page.href()}
                           aria-current={(*page == props.current).then_some("page")}>{ page.title() }</a>
                    </li>
                }) }
            </ul>
        </nav>
    }
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    // `#main` would be read as a route: the advisor's link handler moves focus there.
    let Shell { views, .. } = use_shell();
    html! {
        <>
            <a class="skip" href="#main">{ "Skip to content" }</a>
            <header class="site-header">
                <div class="brand">
                    <h1>{ "Berth" }</h1>
                    <p class="promise">{ "Where to run your container, explained and sourced, with the manifests to deploy it." }</p>
                </div>
                <Nav current={props.current} label="Main" {views} />
                <ThemeSwitch theme={props.theme} on_change={props.on_theme.clone()} />
            </header>
        </>
    }
}
