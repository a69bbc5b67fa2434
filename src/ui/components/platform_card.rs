//! One platform's verdict with every reason behind it: what rules it out (and the answer
//! to change), its caveats, the size it would run at, and what changed since 2021.

use yew::prelude::*;

use crate::core::answer_text::title_of;
use crate::core::catalog::Certainty;
use crate::core::questionnaire::fmt_number;
use crate::core::report::{NormalizedSize, Outcome, PlatformReport, Reason, Report, Score};
use crate::core::report_view::{blockers, vendor_label};
use crate::ui::app::use_shell;
use crate::ui::components::badge::{lifecycle_badge, outcome_badge, outcome_class, verdict_badge};
use crate::ui::components::citation::citation;
use crate::ui::components::cost_view::cost_block;
use crate::ui::route::{question_href, Page};
use crate::ui::state::Shared;

#[derive(Properties, PartialEq)]
pub struct PlatformCardProps {
    pub report: Shared<Report>,
    pub id: &'static str,
}

#[component]
pub fn PlatformCard(props: &PlatformCardProps) -> Html {
    let link = use_shell().views.has(Page::Questionnaire);
    let Some(p) = props.report.platform(props.id) else {
        return html! {};
    };
    let caveats: Vec<&Reason> = p
        .reasons
        .iter()
        .filter(|r| r.outcome == Outcome::Caveat)
        .collect();
    let title_id = ["p-", p.id].concat();
    let item = |r: &Reason| reason_item(r, link);
    html! {
        <article class="card platform" id={["platform-", p.id].concat()} aria-labelledby={title_id.clone()}>
            <div class="platform-head">
                <h4 id={title_id} tabindex="-1">{ p.name }</h4>
                <span class="vendor">{ vendor_label(p.vendor) }</span>
                { verdict_badge(p.verdict) }
                { lifecycle_badge(p.id) }
                if let Some(score) = &p.score {
                    <span class="score">{ "Fit " }{ score.total }{ "/" }{ score.max }</span>
                }
            </div>
            if blockers(p).next().is_some() {
                <div class="blockers">
                    <p><strong>{ "Ruled out by:" }</strong></p>
                    <ul class="reasons">{ for blockers(p).map(item) }</ul>
                </div>
            }
            if !caveats.is_empty() {
                <div class="caveats">
                    <p><strong>{ "Caveats:" }</strong></p>
                    <ul class="reasons">{ for caveats.iter().map(|r| item(r)) }</ul>
                </div>
            }
            if let Some(size) = &p.size {
                { size_line(size) }
            }
            { cost_block(p) }
            <details>
                <summary>{ "All " }{ p.reasons.len() }{ " checks" }</summary>
                <ul class="reasons">{ for p.reasons.iter().map(item) }</ul>
            </details>
            if let Some(score) = &p.score {
                { score_details(score) }
            }
            { changes(p) }
        </article>
    }
}

/// One reason: its outcome, the sentence, the answer it is about (linked back to the
/// question, with `link`: not when the questionnaire is hidden) and its source.
pub fn reason_item(r: &Reason, link: bool) -> Html {
    html! {
        <li class={classes!("reason", outcome_class(r.outcome))}>
            { outcome_badge(r.outcome) }
            <span class="text">{ r.text.clone() }</span>
            if let Some(q) = r.question.filter(|_| link) {
                <a class="answer-link" href={question_href(q)}>{ "Change \u{201c}" }{ title_of(q) }{ "\u{201d}" }</a>
            }
            { citation(r.citation.fact, r.citation.source, r.citation.verified, r.citation.certainty) }
        </li>
    }
}

pub fn size_line(size: &NormalizedSize) -> Html {
    html! {
        <p class="size">
            <strong>{ "Runs at " }{ fmt_number(size.size.vcpu) }{ " vCPU, " }{ fmt_number(size.size.memory_gib) }{ " GiB." }</strong>
            { " " }{ size.explanation.clone() }
        </p>
    }
}

pub fn score_details(score: &Score) -> Html {
    html! {
        <details>
            <summary>{ "How the fit score of " }{ score.total }{ " adds up" }</summary>
            <ul class="score-parts">
                { for score.parts.iter().map(|part| html! {
                    <li key={part.factor}>
                        <strong>{ part.points }{ "/" }{ part.max }</strong>{ " " }{ part.why.clone() }
                    </li>
                }) }
            </ul>
        </details>
    }
}

fn changes(p: &PlatformReport) -> Html {
    if p.changes_since_2021.is_empty() {
        return html! {};
    }
    html! {
        <details class="changes">
            <summary>{ "What changed since 2021 (" }{ p.changes_since_2021.len() }{ ")" }</summary>
            <ul>
                { for p.changes_since_2021.iter().map(|c| html! {
                    <li>
                        <strong>{ c.fact }</strong>{ ". In 2021: " }{ c.was }{ ". Now: " }{ c.now.clone() }{ ". " }
                        { citation("source", c.source, c.verified, Certainty::Confirmed) }
                    </li>
                }) }
            </ul>
        </details>
    }
}
