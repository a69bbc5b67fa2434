//! A source link: the fact's name linking to the page it was read from, the day it was
//! checked, and a badge when the fact is not confirmed on the vendor's own page.

use yew::prelude::*;

use crate::core::catalog::Certainty;
use crate::ui::components::badge::certainty_badge;

/// `label` is the catalog field or "source".
pub fn citation(
    label: &'static str,
    source: &'static str,
    verified: &'static str,
    certainty: Certainty,
) -> Html {
    html! {
        <span class="cite">
            <a href={source} rel="noopener noreferrer">{ label }</a>
            { " · verified " }{ verified }
            { certainty_badge(certainty) }
        </span>
    }
}
