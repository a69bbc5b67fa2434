//! Starter deploy manifests for the chosen platform: the deploy details form and the
//! generated files. The files are made by the manifests worker (see
//! [`crate::ui::hooks::use_manifest_worker`]), asked again on each change of answers or
//! platform; the deploy details' errors come back with its answer.

use yew::prelude::*;

use crate::core::deploy_text::{field_of, text_of, FIELDS};
use crate::core::manifest_request::RequestSize;
use crate::core::report_view::name_of;
use crate::ui::app::use_shell;
use crate::ui::components::deploy_form::{DeployForm, FieldView};
use crate::ui::components::manifest_viewer::ManifestViewer;
use crate::ui::hooks::use_manifest_worker::{use_manifests, Outcome};
use crate::ui::pages::ReportPageProps;
use crate::ui::route::Page;
use crate::ui::state::Action;

#[component]
pub fn ManifestsPage(props: &ReportPageProps) -> Html {
    let state = &props.state;
    let report = &*props.report;
    let results = use_shell().views.has(Page::Results);
    // Platforms files can be made for: those that fit, each with a size to run at.
    let options: Vec<&'static str> = report
        .ranking
        .iter()
        .copied()
        .filter(|id| report.platform(id).is_some_and(|p| p.size.is_some()))
        .collect();
    let platform = state
        .chosen
        .filter(|id| options.contains(id))
        .or(options.first().copied());
    let target =
        platform.and_then(|id| Some((id, RequestSize::from(report.platform(id)?.size.as_ref()?))));
    let manifests = use_manifests(target, state.answers.clone());
    let dispatcher = state.dispatcher();
    let on_input = use_callback(
        dispatcher.clone(),
        |(field, text): (&'static str, String), d| d.dispatch(Action::Deploy(field, text)),
    );
    let on_choose = {
        let options = options.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Some(id) = options.iter().find(|id| **id == value) {
                dispatcher.dispatch(Action::Choose(id));
            }
        })
    };

    let Some(platform) = platform else {
        return html! {
            <section class="manifests-page" aria-labelledby="page-title">
                <h2 id="page-title" tabindex="-1">{ "Starter manifests" }</h2>
                <p>{ "No platform fits your answers yet, so there is nothing to deploy to." }
                    if results {
                        { " " }<a href={Page::Results.href()}>{ "See why in the results" }</a>{ "." }
                    }
                </p>
            </section>
        };
    };

    let errors = match &manifests.outcome {
        Some(Outcome::Invalid(errors)) => (**errors).clone(),
        _ => Vec::new(),
    };
    let fields: Vec<FieldView> = FIELDS
        .iter()
        .map(|field| {
            let draft = state.drafts.get(field);
            let typed = draft.and_then(|d| d.error.clone());
            // In line order, whichever check found them: the field's own errors, then line
            // by line (a few at most; no sort, whose code the wasm would carry for this).
            let mine: Vec<_> = errors
                .iter()
                .filter(|e| field_of(&e.field).0 == *field)
                .collect();
            let lines = mine.iter().filter_map(|e| field_of(&e.field).1).max();
            let in_order = std::iter::once(None)
                .chain(
                    (0..=lines.unwrap_or(0))
                        .filter(|_| lines.is_some())
                        .map(Some),
                )
                .flat_map(|line| mine.iter().filter(move |e| field_of(&e.field).1 == line));
            let generated = in_order.map(|e| match field_of(&e.field).1 {
                Some(i) => ["Line ", &(i + 1).to_string(), ": ", &e.message].concat(),
                None => e.message.clone(),
            });
            let error = typed.or_else(|| {
                let all: Vec<String> = generated.collect();
                (!all.is_empty()).then(|| all.join(" "))
            });
            FieldView {
                field,
                text: draft
                    .map_or_else(|| text_of(&state.answers.deploy, field), |d| d.text.clone())
                    .into(),
                error: error.map(AttrValue::from),
            }
        })
        .collect();

    html! {
        <section class="manifests-page" aria-labelledby="page-title" aria-busy={manifests.busy.then_some("true")}>
            <h2 id="page-title" tabindex="-1">{ "Starter manifests" }</h2>
            <p class="lede">
                { "Files to deploy your container on " }<strong>{ name_of(report, platform) }</strong>
                { ", sized and configured from your answers, with secure defaults. They are made in your browser." }
            </p>
            if options.len() > 1 {
                <p class="choose">
                    <label for="manifest-platform">{ "Platform " }</label>
                    <select id="manifest-platform" onchange={on_choose}>
                        { for options.iter().map(|id| html! {
                            <option key={*id} value={*id} selected={*id == platform}>{ name_of(report, id) }</option>
                        }) }
                    </select>
                </p>
            }
            <DeployForm workload={state.answers.workload} {fields} {on_input} />
            { match &manifests.outcome {
                Some(Outcome::Files(bundle)) => html! {
                    <ManifestViewer key={platform} bundle={bundle.clone()} zip={manifests.zip.clone()} />
                },
                Some(Outcome::Invalid(errors)) => html! {
                    <div class="notice warning" role="status">
                        <p class="notice-title">{ "Fix the deploy details above to make the files:" }</p>
                        <ul>{ for errors.iter().map(|e| html! { <li>{ e.field.clone() }{ ": " }{ e.message.clone() }</li> }) }</ul>
                    </div>
                },
                Some(Outcome::Failed(why)) => html! {
                    <div class="notice error" role="alert">
                        <p>{ "Manifests could not be generated: " }{ why.clone() }</p>
                    </div>
                },
                None if manifests.busy => html! { <p class="status" role="status">{ "Making the files\u{2026}" }</p> },
                None => html! {},
            } }
        </section>
    }
}
