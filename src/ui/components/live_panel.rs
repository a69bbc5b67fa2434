//! The live results beside the questionnaire: the top pick and ranking as they stand,
//! with one short sentence announced politely when it changes.

use yew::prelude::*;

use crate::core::report::Report;
use crate::core::report_view::{name_of, ordered, tally};
use crate::ui::components::badge::{lifecycle_badge, verdict_badge};
use crate::ui::route::Page;
use crate::ui::state::Shared;

#[derive(Properties, PartialEq)]
pub struct LivePanelProps {
    pub report: Shared<Report>,
    /// Whether to link to the results page (not when an embedded advisor hides it).
    #[prop_or(true)]
    pub results: bool,
}

/// How many ranked platforms the panel lists.
const SHOWN: usize = 5;

/// The sentence a screen reader hears after each change, e.g.
/// "Top pick: Cloud Run. 9 fit, 3 ruled out."
pub fn summary(report: &Report) -> String {
    let t = tally(report);
    let mut s = String::with_capacity(64);
    match report.top_pick {
        Some(id) => {
            s.push_str("Top pick: ");
            s.push_str(name_of(report, id));
            s.push_str(". ");
        }
        None if !report.platforms.is_empty() => s.push_str("Nothing fits. "),
        None => {}
    }
    s.push_str(&(t.eligible + t.caveats).to_string());
    s.push_str(" fit, ");
    s.push_str(&t.ruled_out.to_string());
    s.push_str(" ruled out.");
    s
}

#[component]
pub fn LivePanel(props: &LivePanelProps) -> Html {
    let report = &*props.report;
    let ranked = ordered(report);
    html! {
        <section class="live card" aria-labelledby="live-title">
            <h2 id="live-title">{ "Live results" }</h2>
            <p class="live-summary" aria-live="polite">{ summary(report) }</p>
            if !report.ranking.is_empty() {
                <ol class="live-ranking">
                    { for ranked.iter().take(report.ranking.len().min(SHOWN)).map(|p| html! {
                        <li key={p.id}>
                            <span class="name">{ p.name }</span>
                            { verdict_badge(p.verdict) }
                            { lifecycle_badge(p.id) }
                        </li>
                    }) }
                </ol>
            }
            if props.results {
                <a class="button primary" href={Page::Results.href()}>{ "See results" }</a>
            }
        </section>
    }
}
