//! The recommendation: the top pick, why it won, the size it runs at and its caveats.

use yew::prelude::*;

use crate::core::report::{Outcome, Report};
use crate::core::report_view::vendor_label;
use crate::ui::app::use_shell;
use crate::ui::components::platform_card::{reason_item, score_details, size_line};
use crate::ui::route::Page;
use crate::ui::state::Shared;

#[derive(Properties, PartialEq)]
pub struct TopPickProps {
    pub report: Shared<Report>,
}

#[component]
pub fn TopPick(props: &TopPickProps) -> Html {
    let views = use_shell().views;
    let report = &*props.report;
    let Some(p) = report.top_pick.and_then(|id| report.platform(id)) else {
        return html! {};
    };
    let caveats = p.reasons.iter().filter(|r| r.outcome == Outcome::Caveat);
    let link = views.has(Page::Questionnaire);
    html! {
        <section class="card top-pick" aria-labelledby="top-pick-title">
            <p class="eyebrow">{ "Top pick" }</p>
            <h3 id="top-pick-title">{ p.name }<span class="vendor">{ vendor_label(p.vendor) }</span></h3>
            <ul class="why">{ for report.top_pick_why.iter().map(|w| html! { <li>{ w.clone() }</li> }) }</ul>
            if let Some(size) = &p.size {
                { size_line(size) }
            }
            if p.reasons.iter().any(|r| r.outcome == Outcome::Caveat) {
                <h4>{ "Caveats" }</h4>
                <ul class="reasons">{ for caveats.map(|r| reason_item(r, link)) }</ul>
            }
            if let Some(score) = &p.score {
                { score_details(score) }
            }
            if p.size.is_some() && views.has(Page::Manifests) {
                <a class="button primary" href={Page::Manifests.href()}>{ "Starter manifests for " }{ p.name }</a>
            }
        </section>
    }
}
