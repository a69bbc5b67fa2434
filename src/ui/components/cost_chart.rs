//! The monthly estimates side by side: a table whose rows carry a bar, so the chart is
//! the accessible table itself (bars are decorative, widths are CSS classes in 5 % steps:
//! no inline styles under the CSP, no chart library), with the usage and assumptions
//! every figure rests on.

use yew::prelude::*;

use crate::core::cost::text;
use crate::core::report::Report;
use crate::core::report_view::ordered;

/// The bar width class for `amount` against the largest figure: `bar-0` … `bar-20`;
/// an incomplete estimate's bar shows only its known part.
fn bar_class(amount: u64, max: u64) -> String {
    let step = if max == 0 {
        0
    } else {
        (amount * 20).div_ceil(max)
    };
    format!("bar bar-{step}")
}

/// A plain render function, not a component: it holds no state, and a component type
/// would add its own copy of Yew's lifecycle code to the first visit.
pub fn cost_chart(report: &Report) -> Html {
    let fits: Vec<_> = ordered(report)
        .into_iter()
        .take(report.ranking.len())
        .filter_map(|p| p.cost.as_ref().map(|e| (p, e)))
        .collect();
    if fits.is_empty() {
        return html! {};
    }
    let max = fits
        .iter()
        .map(|(_, e)| e.monthly.or(e.known).unwrap_or(0))
        .max()
        .unwrap_or(0);
    let basis = &report.cost_basis;
    html! {
        <section class="card cost-chart" aria-labelledby="cost-title">
            <h3 id="cost-title" tabindex="-1">{ "What it will cost: monthly estimates" }</h3>
            <p class="lede">
                { "An estimate at list prices in one reference region per cloud, for the usage below. " }
                { "Each figure's lines and sources are on its platform's card." }
                if basis.ranked_by_cost {
                    { " The ranking is by this estimate, cheapest first, as you asked." }
                }
            </p>
            <table class="cost-table">
                <caption class="sr-only">{ "Estimated monthly cost of each platform that fits" }</caption>
                <tbody>
                    { for fits.iter().map(|(p, e)| html! {
                        <tr>
                            <th scope="row"><a href={["#p-", p.id].concat()}>{ p.name }</a></th>
                            <td>
                                <span class={bar_class(e.monthly.or(e.known).unwrap_or(0), max)} aria-hidden="true"></span>
                                { text::figure(e) }{ ", " }{ e.region }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <details class="cost-basis">
                <summary>{ "The usage and assumptions behind every figure" }</summary>
                <ul>
                    { for basis.usage.iter().map(|u| html! { <li>{ u.clone() }</li> }) }
                    { for basis.assumptions.iter().map(|a| html! { <li>{ *a }</li> }) }
                </ul>
            </details>
        </section>
    }
}
