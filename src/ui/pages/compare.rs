//! Every platform against every requirement in one table. A cell is the worst outcome
//! among that platform's reasons for that answer; its reasons show on hover (title) and
//! on keyboard focus. Arrow keys move between cells, so the table is one tab stop.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::answer_text::describe;
use crate::core::report_view::{cell, ordered, requirement_rows};
use crate::ui::app::use_shell;
use crate::ui::components::badge::{lifecycle_badge, outcome_badge, outcome_class, verdict_badge};
use crate::ui::components::cost_view::cost_cell;
use crate::ui::pages::{question_link, ReportPageProps};
use crate::ui::route::Page;

/// Where a key moves in the grid: by a row and column step, or to the row's first or last cell.
enum Move {
    By(i32, i32),
    RowStart,
    RowEnd,
}

/// Moves focus to the neighbouring cell for an arrow key, or to the row's first or last
/// cell for Home and End (as in any grid), found in the same table.
fn on_key(e: KeyboardEvent) {
    let step = match e.key().as_str() {
        "ArrowUp" => Move::By(-1, 0),
        "ArrowDown" => Move::By(1, 0),
        "ArrowLeft" => Move::By(0, -1),
        "ArrowRight" => Move::By(0, 1),
        "Home" => Move::RowStart,
        "End" => Move::RowEnd,
        _ => return,
    };
    let Some(target) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let coord = |name: &str| {
        target
            .get_attribute(name)
            .and_then(|v| v.parse::<i32>().ok())
    };
    let (Some(r), Some(c)) = (coord("data-r"), coord("data-c")) else {
        return;
    };
    let (row, column) = match step {
        Move::By(dr, dc) => (r + dr, Some(c + dc)),
        Move::RowStart => (r, Some(0)),
        Move::RowEnd => (r, None),
    };
    let mut selector = String::from("[data-r=\"");
    selector.push_str(&row.to_string());
    match column {
        Some(column) => {
            selector.push_str("\"][data-c=\"");
            selector.push_str(&column.to_string());
            selector.push_str("\"]");
        }
        None => selector.push_str("\"]:last-child"),
    }
    let table = e
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let next = table.and_then(|table| table.query_selector(&selector).ok().flatten());
    if let Some(next) = next {
        // One tab stop, kept where the reader left it: Tab leaves the table from there, and
        // Shift+Tab comes back to the same cell.
        let _ = target.set_attribute("tabindex", "-1");
        let _ = next.set_attribute("tabindex", "0");
        if let Ok(next) = next.dyn_into::<web_sys::HtmlElement>() {
            let _ = next.focus();
            // Focus scrolls only a cell wholly out of view; one half behind the scroll box's
            // edge or the sticky answer column (its width is the box's scroll padding) is
            // brought fully into view, so the reader sees the cell the detail belongs to.
            let whole = web_sys::ScrollIntoViewOptions::new();
            whole.set_block(web_sys::ScrollLogicalPosition::Nearest);
            whole.set_inline(web_sys::ScrollLogicalPosition::Nearest);
            next.scroll_into_view_with_scroll_into_view_options(&whole);
        }
        e.prevent_default();
    }
}

#[component]
pub fn ComparePage(props: &ReportPageProps) -> Html {
    let state = &props.state;
    let report = &*props.report;
    let answers = &*state.answers;
    let platforms = ordered(report);
    let rows = requirement_rows(answers);
    let shell = use_shell();
    let questions = shell.views.has(Page::Questionnaire);
    html! {
        <section class="compare" aria-labelledby="page-title">
            <h2 id="page-title" tabindex="-1">{ "Compare" }</h2>
            if !shell.dense {
                <p class="lede">
                    { "Your requirements (rows) against every platform (columns), best fit first. \
                       Hover over a cell, or move to it with Tab and the arrow keys, to read why." }
                </p>
            }
            if platforms.is_empty() {
                <p>{ "No platforms to compare yet." }</p>
            } else {
                <div class="table-scroll" role="region" aria-labelledby="compare-caption">
                    <table class="compare-table" onkeydown={Callback::from(on_key)}>
                        <caption id="compare-caption"><span>{ "How each platform meets each of your answers" }</span></caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Your answer" }</th>
                                { for platforms.iter().map(|p| html! {
                                    <th scope="col" key={p.id}>
                                        <span class="name">{ p.name }</span>
                                        { verdict_badge(p.verdict) }
                                        { lifecycle_badge(p.id) }
                                    </th>
                                }) }
                            </tr>
                        </thead>
                        <tbody>
                            { for rows.iter().enumerate().map(|(r, q)| html! {
                                <tr key={q.id}>
                                    <th scope="row">
                                        { question_link(q.id, q.title, questions) }
                                        <span class="answer">{ describe(q, answers) }</span>
                                    </th>
                                    { for platforms.iter().enumerate().map(|(c, p)| {
                                        let cell = cell(p, q.id);
                                        let text: Vec<&str> = cell.reasons.iter().map(|r| r.text.as_str()).collect();
                                        let text = if text.is_empty() { "No limit applies.".to_string() } else { text.join(" ") };
                                        html! {
                                            <td key={p.id} class={outcome_class(cell.outcome)} title={text.clone()}
                                                tabindex={if r == 0 && c == 0 { "0" } else { "-1" }}
                                                data-r={r.to_string()} data-c={c.to_string()}>
                                                { outcome_badge(cell.outcome) }
                                                <span class="cell-detail">
                                                    <strong>{ p.name }{ ": " }</strong>{ text }
                                                </span>
                                            </td>
                                        }
                                    }) }
                                </tr>
                            }) }
                            <tr class="cost-row">
                                <th scope="row">
                                    { "Estimated monthly cost" }
                                    <span class="answer">{ "list prices, one reference region per cloud; see Results for the lines" }</span>
                                </th>
                                { for platforms.iter().enumerate().map(|(c, p)| {
                                    let (short, full) = cost_cell(p);
                                    html! {
                                        <td key={p.id} title={full.clone()} tabindex="-1"
                                            data-r={rows.len().to_string()} data-c={c.to_string()}>
                                            <span class="cost-short">{ short }</span>
                                            <span class="cell-detail"><strong>{ p.name }{ ": " }</strong>{ full }</span>
                                        </td>
                                    }
                                }) }
                            </tr>
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}
