//! A visible theme switch: match the system, light or dark.

use yew::prelude::*;

use crate::ui::hooks::Theme;

#[derive(Properties, PartialEq)]
pub struct ThemeSwitchProps {
    pub theme: Theme,
    pub on_change: Callback<Theme>,
}

#[component]
pub fn ThemeSwitch(props: &ThemeSwitchProps) -> Html {
    let onchange = props.on_change.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        Theme::from_id(&select.value())
    });
    html! {
        <div class="theme-switch">
            <label for="theme">{ "Theme" }</label>
            <select id="theme" {onchange}>
                { for Theme::ALL.iter().map(|t| html! {
                    <option key={t.id()} value={t.id()} selected={*t == props.theme}>{ t.label() }</option>
                }) }
            </select>
        </div>
    }
}
