//! The live results beside the questionnaire: the top pick and ranking as they stand,
//! with one short sentence announced politely when it changes.
//!
//! Before the engine is here, the panel shows the result the server rendered for the
//! defaults as that HTML (hydration adopts it as it is), or says it is working the result
//! out, or that the engine's part did not arrive.

use yew::prelude::*;

use crate::core::report::Report;
use crate::core::report_view::{name_of, ordered, tally};
use crate::ui::app::use_shell;
use crate::ui::components::badge::{lifecycle_badge, verdict_badge};
use crate::ui::route::Page;
use crate::ui::state::{Action, Live, State};

#[derive(Properties, PartialEq)]
pub struct LivePanelProps {
    pub live: Live,
    /// Asked to try again when the engine's part did not arrive.
    pub on_retry: Callback<()>,
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

/// The top of the ranking, as listed under the sentence.
pub fn ranking(report: &Report) -> Html {
    if report.ranking.is_empty() {
        return Html::default();
    }
    let ranked = ordered(report);
    html! {
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
}

/// What the server renders of the panel for `report`, as
/// [`Prerendered`](crate::ui::state::Prerendered) holds it.
#[cfg(not(target_arch = "wasm32"))]
pub async fn prerendered(report: &Report) -> crate::ui::state::Prerendered {
    #[derive(Properties, PartialEq)]
    struct RankingProps {
        html: Html,
    }
    #[component]
    fn Ranking(props: &RankingProps) -> Html {
        props.html.clone()
    }
    let html = ranking(report);
    let ranking = yew::LocalServerRenderer::<Ranking>::with_props(RankingProps { html })
        .hydratable(false)
        .render()
        .await;
    crate::ui::state::Prerendered {
        summary: escape(&summary(report)),
        ranking,
    }
}

/// `text` as HTML text.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The state's result for the panel: a [`Live`] that a reducer handle can retry.
pub fn live_of(state: &UseReducerHandle<State>) -> (Live, Callback<()>) {
    let d = state.dispatcher();
    (
        state.live.clone(),
        Callback::from(move |()| d.dispatch(Action::Evaluate)),
    )
}

#[component]
pub fn LivePanel(props: &LivePanelProps) -> Html {
    let embedded = use_shell().embedded;
    // The sentence's paragraph stays whatever stands in it, so a screen reader hears the
    // first result that replaces a stand-in.
    let (sentence, list, status) = match &props.live {
        Live::Report(report) => (html! { summary(report) }, ranking(report), Html::default()),
        // The server's result, as it wrote it; waiting, it stays, marked as out of date,
        // until the first one for the reader's answers.
        Live::Prerendered(shown) | Live::Waiting(Some(shown)) => (
            Html::from_html_unchecked(shown.summary.clone().into()),
            Html::from_html_unchecked(shown.ranking.clone().into()),
            if matches!(props.live, Live::Waiting(_)) {
                html! { <p class="live-updating" role="status">{ "Updating…" }</p> }
            } else {
                Html::default()
            },
        ),
        Live::Waiting(None) => (
            Html::default(),
            Html::default(),
            html! { <p class="live-status" role="status">{ "Working out the result…" }</p> },
        ),
        Live::Missing => {
            let retry = props.on_retry.reform(|_: MouseEvent| ());
            (
                Html::default(),
                Html::default(),
                html! {
                    <div class="error" role="alert">
                        <p>
                            { "The result cannot be worked out: the part of Berth that does it did not arrive. Check the connection, then try again." }
                            // The answers' writer comes with that part (see `engine`).
                            if !embedded {
                                { " Answers changed meanwhile are saved in this browser once it arrives." }
                            }
                        </p>
                        <button type="button" onclick={retry}>{ "Try again" }</button>
                    </div>
                },
            )
        }
    };
    html! {
        <section class="live card" aria-labelledby="live-title"
                 aria-busy={matches!(props.live, Live::Waiting(_)).then_some("true")}>
            <h2 id="live-title">{ "Live results" }</h2>
            <p class="live-summary" aria-live="polite">{ sentence }</p>
            { status }
            { list }
            if props.results {
                <a class="button primary" href={Page::Results.href()}>{ "See results" }</a>
            }
        </section>
    }
}
