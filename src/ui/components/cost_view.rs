//! The monthly estimate on a platform card (the figure, what idle costs, and the
//! breakdown on demand) and in the comparison table. Words and figures come from
//! `core::cost::text`, so every view says the same; the markup stays small because it
//! is on every card of the first visit.

use yew::prelude::*;

use crate::core::cost::text;
use crate::core::report::PlatformReport;
use crate::ui::components::citation::citation;

/// The estimate block of a platform card; nothing for a platform that is ruled out.
pub fn cost_block(p: &PlatformReport) -> Html {
    let Some(e) = &p.cost else {
        return html! {};
    };
    html! {
        <details class="cost">
            <summary class="cost-figure">{ text::card(e) }</summary>
            <ul>
                { for e.lines.iter().map(|l| html! {
                    <li>
                        { text::line(l) }
                        if let Some(price) = &l.price {
                            { " " }{ citation(price.id, price.source, price.verified, price.certainty) }
                        }
                    </li>
                }) }
                { for e.notes.iter().map(|n| html! { <li>{ *n }</li> }) }
                <li><a href="#cost-title">{ "What every estimate assumes" }</a></li>
            </ul>
        </details>
    }
}

/// A comparison-table cell: the short figure, with the full one as its title.
pub fn cost_cell(p: &PlatformReport) -> (String, String) {
    match &p.cost {
        Some(e) => (text::short(e), text::figure(e)),
        None => ("—".to_string(), "Ruled out: no estimate.".to_string()),
    }
}
