//! Integration guidance and the tailored security checklist for one platform, with a
//! choice of which eligible platform to show them for.

use yew::prelude::*;

use crate::core::report::{GuidanceItem, Report};
use crate::core::report_view::name_of;
use crate::ui::app::use_shell;
use crate::ui::components::citation::citation;
use crate::ui::route::Page;
use crate::ui::state::Shared;

#[derive(Properties, PartialEq)]
pub struct GuidanceProps {
    pub report: Shared<Report>,
    /// The platform shown; the top pick when `None`.
    pub chosen: Option<&'static str>,
    pub on_choose: Callback<&'static str>,
}

#[component]
pub fn Guidance(props: &GuidanceProps) -> Html {
    let manifests = use_shell().views.has(Page::Manifests);
    let report = &*props.report;
    let chosen = props.chosen.and_then(|id| report.platform(id));
    let Some(p) = chosen.or_else(|| report.top_pick.and_then(|id| report.platform(id))) else {
        return html! {};
    };
    let ranking = report.ranking.clone();
    let on_choose = props.on_choose.clone();
    let onchange = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        let value = select.value();
        if let Some(id) = ranking.iter().find(|id| **id == value) {
            on_choose.emit(id);
        }
    });
    html! {
        <section class="guidance" aria-labelledby="guidance-title">
            <h3 id="guidance-title">{ "Integration and security: " }{ p.name }</h3>
            if report.ranking.len() > 1 {
                <p class="choose">
                    <label for="guidance-platform">{ "Show guidance for " }</label>
                    <select id="guidance-platform" {onchange}>
                        { for report.ranking.iter().map(|id| html! {
                            <option key={*id} value={*id} selected={*id == p.id}>{ name_of(report, id) }</option>
                        }) }
                    </select>
                </p>
            }
            <h4>{ "Integration guidance" }</h4>
            { list(&p.integration, false) }
            <h4>{ "Security checklist" }</h4>
            { list(&p.security_checklist, true) }
            if p.size.is_some() && manifests {
                <p><a href={Page::Manifests.href()}>{ "Starter manifests for " }{ p.name }</a></p>
            }
        </section>
    }
}

fn list(items: &[GuidanceItem], checklist: bool) -> Html {
    if items.is_empty() {
        return html! { <p>{ "Nothing specific for your answers." }</p> };
    }
    html! {
        <ul class={if checklist { "checklist" } else { "guidance-list" }}>
            { for items.iter().map(|g| html! {
                <li key={g.title}>
                    <strong>{ g.title }</strong>{ ": " }{ g.detail }
                    if let Some(because) = g.because {
                        <span class="because">{ " On your list because: " }{ because }{ "." }</span>
                    }
                    if g.since_2021 {
                        <span class="badge">{ "Recommended since 2021" }</span>
                    }
                    { " " }
                    { citation("source", g.source, g.verified, g.certainty) }
                </li>
            }) }
        </ul>
    }
}
