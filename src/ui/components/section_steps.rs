//! Progress through the questionnaire: where you are, and a way to jump to any section.

use yew::prelude::*;

use crate::core::questionnaire::Section;

#[derive(Properties, PartialEq)]
pub struct SectionStepsProps {
    pub sections: Vec<Section>,
    pub current: Section,
    pub on_go: Callback<Section>,
}

#[component]
pub fn SectionSteps(props: &SectionStepsProps) -> Html {
    let at = props
        .sections
        .iter()
        .position(|s| *s == props.current)
        .unwrap_or(0);
    let total = props.sections.len();
    html! {
        <div class="steps">
            <p class="step-count">
                { "Step " }{ at + 1 }{ " of " }{ total }
            </p>
            <progress max={total.to_string()} value={(at + 1).to_string()} aria-label="Questionnaire progress" />
            <ol aria-label="Sections">
                { for props.sections.iter().enumerate().map(|(i, s)| {
                    let section = *s;
                    let onclick = props.on_go.reform(move |_| section);
                    let state = if i < at { "done" } else if i == at { "current" } else { "todo" };
                    html! {
                        <li key={s.title()} class={state}>
                            <button type="button" class="link" {onclick}
                                    aria-current={(i == at).then_some("step")}>{ s.title() }</button>
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
