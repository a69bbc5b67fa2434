//! The recommendation, explained: the top pick, every other platform with its verdict and
//! reasons, the chosen platform's guidance, assumptions, and ways to keep the result.

use yew::prelude::*;

use crate::core::answer_text::title_of;
use crate::core::catalog::{catalog, Certainty};
use crate::core::report_view::{ordered, price_text, tally, vendor_label};
use crate::ui::app::use_shell;
use crate::ui::components::badge::certainty_badge;
use crate::ui::components::cost_chart::cost_chart;
use crate::ui::components::guidance::Guidance;
use crate::ui::components::platform_card::PlatformCard;
use crate::ui::components::share_panel::SharePanel;
use crate::ui::components::top_pick::TopPick;
use crate::ui::pages::{question_link, ReportPageProps};
use crate::ui::route::Page;
use crate::ui::state::Action;

#[component]
pub fn ResultsPage(props: &ReportPageProps) -> Html {
    let state = &props.state;
    let report = &*props.report;
    let dispatcher = state.dispatcher();
    let on_choose = use_callback(dispatcher, |id: &'static str, d| {
        d.dispatch(Action::Choose(id))
    });
    let t = tally(report);
    let shell = use_shell();
    let questions = shell.views.has(Page::Questionnaire);
    // An advisor limited to some platforms says so rather than "every platform".
    let subset = report.platforms.len() < catalog().platforms.len();
    html! {
        <section class="results" aria-labelledby="page-title">
            <h2 id="page-title" tabindex="-1">{ "Results" }</h2>
            if report.platforms.is_empty() {
                <p class="notice warning">{ "No platforms to compare yet: the catalog is empty in this build." }</p>
            } else {
                <p class="lede">
                    { t.eligible + t.caveats }{ " of " }{ report.platforms.len() }{ " platforms fit your answers; " }
                    { t.ruled_out }{ " ruled out. Catalog reviewed " }{ report.catalog_reviewed }{ ". " }
                    if questions {
                        <a href={Page::Questionnaire.href()}>{ "Change your answers" }</a>
                    }
                </p>
            }
            if !report.nothing_fits.is_empty() {
                <section class="card nothing-fits" aria-labelledby="nothing-fits-title">
                    <h3 id="nothing-fits-title">{ "Nothing fits" }</h3>
                    <p>
                        { if subset { "Every platform considered here" } else { "Every serverless container platform" } }
                        { " is ruled out by your answers (see why below). These options outside serverless can run it:" }
                    </p>
                    <ul>
                        { for report.nothing_fits.iter().map(|f| html! {
                            <li key={f.name}>
                                <strong>{ f.name }</strong>{ " (" }{ vendor_label(f.vendor) }{ "): " }{ f.why }
                                { " Cost to you: " }{ f.cost_to_you }{ " " }
                                <a href={f.source} rel="noopener noreferrer">{ "source" }</a>
                                { ", checked " }{ f.verified }
                                if f.certainty != Certainty::Confirmed { { " " }{ certainty_badge(f.certainty) } }
                                { for f.prices.iter().map(|p| html! { <>
                                    { "; fee: " }{ price_text(p) }{ " " }
                                    <a href={p.source.to_string()} rel="noopener noreferrer">{ "source" }</a>
                                    { ", checked " }{ p.verified.to_string() }
                                </> }) }
                                { "." }
                            </li>
                        }) }
                    </ul>
                </section>
            }
            <TopPick report={props.report.clone()} />
            { cost_chart(report) }
            if let Some(hint) = &report.functions_hint {
                <section class="card hint" aria-labelledby="functions-title">
                    <h3 id="functions-title">{ "Serverless functions may fit better" }</h3>
                    <p>{ hint.clone() }</p>
                </section>
            }
            <Guidance report={props.report.clone()} chosen={state.chosen} on_choose={on_choose} />
            if !report.assumptions.is_empty() {
                <section class="assumptions" aria-labelledby="assumptions-title">
                    <h3 id="assumptions-title">{ "Assumptions for your \u{201c}Not sure\u{201d} answers" }</h3>
                    <ul>
                        { for report.assumptions.iter().map(|a| html! {
                            <li key={a.question}>
                                { question_link(a.question, title_of(a.question), questions) }
                                { ": " }{ a.assumed.clone() }
                            </li>
                        }) }
                    </ul>
                </section>
            }
            if !report.platforms.is_empty() {
                <section class="all-platforms" aria-labelledby="all-title">
                    <h3 id="all-title">{ "Every platform" }</h3>
                    { for ordered(report).iter().map(|p| html! {
                        <PlatformCard key={p.id} report={props.report.clone()} id={p.id} />
                    }) }
                </section>
            }
            <SharePanel answers={state.answers.clone()} report={props.report.clone()} chosen={state.chosen} />
        </section>
    }
}
