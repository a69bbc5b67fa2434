//! About the data: every platform's summary and lifecycle, and every sourced fact the
//! recommendation can rest on, with its source, the day it was checked and its certainty,
//! and how many of the facts that can rule each platform out are confirmed.
//! An advisor limited to some platforms lists only those.

use yew::prelude::*;

use crate::core::catalog::{catalog, confirmed_share, fact_sources, Certainty, ConfirmedShare};
use crate::core::report_view::{lifecycle_label, vendor_label};
use crate::ui::components::badge::certainty_badge;

#[derive(Properties, PartialEq)]
pub struct AboutProps {
    /// The catalog ids to list; every platform when empty.
    #[prop_or_default]
    pub only: Vec<&'static str>,
}

#[component]
pub fn AboutPage(props: &AboutProps) -> Html {
    let catalog = catalog();
    let platforms: Vec<_> = catalog
        .platforms
        .iter()
        .filter(|p| props.only.is_empty() || props.only.contains(&p.id.as_ref()))
        .collect();
    html! {
        <section class="about" aria-labelledby="page-title">
            <h2 id="page-title" tabindex="-1">{ "About the data" }</h2>
            <p class="lede">
                { "Berth compares " }{ platforms.len() }
                if platforms.len() < catalog.platforms.len() {
                    { " of the " }{ catalog.platforms.len() }
                }
                { " serverless container platforms using a catalog reviewed on " }
                <strong>{ catalog.reviewed.clone() }</strong>
                { ". Every limit and capability is a fact with the vendor page it was read from and the day it was checked. \
                   It is built into the app: nothing is fetched while you use it." }
            </p>
            <p>
                { "Facts are confirmed on the vendor's own page unless marked: " }
                { certainty_badge(Certainty::ThirdParty) }{ " only a third-party page says so; " }
                { certainty_badge(Certainty::Conflict) }{ " two vendor pages disagree; " }
                { certainty_badge(Certainty::Unverified) }{ " not found in any source, to be re-checked." }
            </p>
            <p class="confirmed-share">
                { share_sentence(platforms.iter().map(|p| confirmed_share(p)).sum()) }
            </p>
            { for platforms.iter().map(|p| {
                let facts = fact_sources(p);
                let lifecycle = &p.lifecycle.value;
                html! {
                    <section class="card platform-data" key={p.id.to_string()} aria-labelledby={["about-", &*p.id].concat()}>
                        <h3 id={["about-", &*p.id].concat()}>{ p.name.to_string() }</h3>
                        <p class="meta">
                            <span class="vendor">{ vendor_label(p.vendor) }</span>{ " · " }
                            { lifecycle_label(lifecycle.status) }
                            if let Some(since) = &lifecycle.since {
                                { " since " }{ since.clone() }
                            }
                        </p>
                        <p>{ p.summary.clone() }</p>
                        <p class="confirmed-share">{ share_sentence(confirmed_share(p)) }</p>
                        <details>
                            <summary>{ facts.len() }{ " sourced facts" }</summary>
                            <div class="table-scroll">
                                <table class="facts">
                                    <thead><tr>
                                        <th scope="col">{ "Fact (links to source)" }</th>
                                        <th scope="col">{ "Verified" }</th>
                                        <th scope="col">{ "Certainty" }</th>
                                        <th scope="col">{ "In 2021" }</th>
                                    </tr></thead>
                                    <tbody>
                                        { for facts.iter().map(|f| html! {
                                            <tr>
                                                <td><a href={f.source.to_string()} rel="noopener noreferrer">{ f.field.clone() }</a></td>
                                                <td>{ f.verified }</td>
                                                <td>
                                                    if f.certainty == Certainty::Confirmed { { "Confirmed" } }
                                                    else { { certainty_badge(f.certainty) } }
                                                </td>
                                                <td>{ f.was_2021.unwrap_or("") }</td>
                                            </tr>
                                        }) }
                                    </tbody>
                                </table>
                            </div>
                        </details>
                    </section>
                }
            }) }
        </section>
    }
}

/// "27 of 30 facts that can rule a platform out are confirmed on the vendor's own page (90%)."
fn share_sentence(share: ConfirmedShare) -> String {
    format!(
        "{} of {} facts that can rule a platform out are confirmed on the vendor's own page ({}%).",
        share.confirmed,
        share.total,
        share.percent()
    )
}
