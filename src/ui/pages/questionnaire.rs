//! The questionnaire: one section at a time, only the questions that apply, with the
//! live results beside it. Everything is rendered from the core's question definitions.

use yew::prelude::*;

use crate::core::questionnaire::{applicable, AnswerValue, Section};
use crate::core::report_view::ruled_out_by;
use crate::ui::app::use_shell;
use crate::ui::browser;
use crate::ui::components::live_panel::{live_of, LivePanel};
use crate::ui::components::question_field::QuestionField;
use crate::ui::components::section_steps::SectionSteps;
use crate::ui::components::start_from_file::StartFromFile;
use crate::ui::engine;
use crate::ui::pages::PageProps;
use crate::ui::route::Page;
use crate::ui::state::Action;

#[component]
pub fn QuestionnairePage(props: &PageProps) -> Html {
    let state = &props.state;
    let dispatcher = state.dispatcher();
    let on_answer = use_callback(
        dispatcher.clone(),
        |(id, v): (&'static str, AnswerValue), d| d.dispatch(Action::Answer(id, v)),
    );
    let on_type = use_callback(dispatcher.clone(), |(id, t): (&'static str, String), d| {
        d.dispatch(Action::Type(id, t))
    });
    let on_not_sure = use_callback(dispatcher.clone(), |(id, b): (&'static str, bool), d| {
        d.dispatch(Action::NotSure(id, b))
    });
    let on_go = use_callback(dispatcher.clone(), |s: Section, d| {
        d.dispatch(Action::Go(s))
    });

    // After Next/Back, keyboard focus moves to the new section's heading; after a link
    // to a question, to that question (declared second, so it wins when both change).
    // Both are looked up inside this advisor only.
    let shell = use_shell();
    let first = use_mut_ref(|| true);
    let root = shell.root.clone();
    use_effect_with(state.section, move |_| {
        if !std::mem::replace(&mut *first.borrow_mut(), false) {
            browser::focus(&root, "#section-title");
        }
    });
    {
        let dispatcher = dispatcher.clone();
        let root = shell.root.clone();
        use_effect_with(state.reveal, move |reveal| {
            if let Some(id) = reveal {
                let mut selector = String::from("#q-");
                selector.push_str(id);
                let checked = [selector.as_str(), " input:checked"].concat();
                let any = [selector.as_str(), " input"].concat();
                if !browser::focus(&root, &checked) {
                    browser::focus(&root, &any);
                }
                dispatcher.dispatch(Action::Revealed);
            }
        });
    }

    let answers = &*state.answers;
    let sections = state.sections();
    let at = sections
        .iter()
        .position(|s| *s == state.section)
        .unwrap_or(0);
    let last = at + 1 >= sections.len();
    let questions = applicable(answers).filter(|q| q.section == state.section);
    let d = dispatcher.clone();
    let back = Callback::from(move |_| d.dispatch(Action::Back));
    let d = dispatcher.clone();
    let next = Callback::from(move |_| d.dispatch(Action::Next));
    let d = dispatcher.clone();
    let on_import = Callback::from(move |a: crate::core::answers::Answers| {
        d.dispatch(Action::Import(Box::new(a)))
    });
    let reset = Callback::from(move |_| dispatcher.dispatch(Action::Reset));
    let (live, on_retry) = live_of(state);

    html! {
        <div class="qa-layout">
            <section class="qa" aria-labelledby="page-title">
                <h2 id="page-title" tabindex="-1">{ "Questionnaire" }</h2>
                if !shell.dense {
                    <p class="lede">
                        { "Pick a starting point and you already have a recommendation; every answer after that refines it. \
                           Answers stay in this browser." }
                    </p>
                }
                if shell.worker.is_some() {
                    <StartFromFile on_apply={on_import} />
                }
                <SectionSteps sections={sections.clone()} current={state.section} on_go={on_go} />
                <form class="questions" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <h3 id="section-title" tabindex="-1">{ state.section.title() }</h3>
                    { for questions.map(|q| html! {
                        <QuestionField key={q.id} question={q} value={answers.get(q.id)}
                            draft={state.drafts.get(q.id).map(|d| AttrValue::from(d.text.clone()))}
                            error={state.error_for(q.id).map(|e| AttrValue::from(e.to_string()))}
                            rules_out={state.report().map(|r| ruled_out_by(r, q.id)).unwrap_or_default()}
                            facts={engine::get().and_then(|e| (e.catalog_line)(q.catalog_line)).map(AttrValue::from)}
                            on_answer={on_answer.clone()} on_type={on_type.clone()} on_not_sure={on_not_sure.clone()} />
                    }) }
                </form>
                <div class="step-nav">
                    <button type="button" onclick={back} disabled={at == 0}>{ "Back" }</button>
                    if last {
                        if shell.views.has(Page::Results) {
                            <a class="button primary" href={Page::Results.href()}>{ "See results" }</a>
                        }
                    } else {
                        <button type="button" class="primary" onclick={next}>{ "Next: " }{ sections[at + 1].title() }</button>
                    }
                    <button type="button" class="quiet" onclick={reset}>{ "Reset answers" }</button>
                </div>
            </section>
            <LivePanel {live} {on_retry} results={shell.views.has(Page::Results)} />
        </div>
    }
}
