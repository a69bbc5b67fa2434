//! The monthly estimate on a platform card (the figure, what idle costs, and the
//! breakdown on demand) and in the comparison table. Words and figures come from
//! `core::cost::text`, so every view says the same.

use yew::prelude::*;

use crate::core::cost::{text, Estimate};
use crate::core::report::PlatformReport;
use crate::ui::components::citation::citation;

/// The estimate block of a platform card; nothing for a platform that is ruled out.
pub fn cost_block(p: &PlatformReport) -> Html {
    let Some(e) = &p.cost else {
        return html! {};
    };
    html! {
        <div class="cost">
            <p class="cost-figure">
                <strong>{ "Estimated cost: " }{ text::figure(e) }</strong>
                { " (" }{ e.region }{ " list prices" }
                if let Some(c) = text::certainty(e.certainty) { { "; " }{ c } }
                { ")" }
            </p>
            if let Some(idle) = text::idle(e) {
                <p class="cost-idle">{ "Idle: " }{ idle }{ "." }</p>
            }
            { breakdown(e) }
        </div>
    }
}

/// Every line (quantity × unit price = amount) with the price it cites, and the notes.
pub fn breakdown(e: &Estimate) -> Html {
    html! {
        <details class="cost-breakdown">
            <summary>{ "How the estimate adds up (" }{ e.lines.len() }{ " lines)" }</summary>
            <ul>
                { for e.lines.iter().map(|l| html! {
                    <li class={classes!(l.amount.is_none().then_some("unknown"))}>
                        <span class="text">{ text::line(l) }</span>
                        if let Some(price) = &l.price {
                            { " " }{ citation(price.id, price.source, price.verified, price.certainty) }
                        }
                    </li>
                }) }
                { for e.notes.iter().map(|n| html! { <li class="note">{ *n }</li> }) }
            </ul>
            <p class="cost-see-basis"><a href="#cost-title">{ "What every estimate assumes" }</a></p>
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
