//! One question, rendered from its definition alone: radio buttons, checkboxes or a
//! number box with its unit and an optional "Not sure". Adding a question to the core's
//! `QUESTIONS` needs no change here.

use yew::prelude::*;

use crate::core::questionnaire::{
    fmt_number, AnswerValue, Choice, NumberSpec, Question, QuestionKind,
};
use crate::ui::app::use_shell;

#[derive(Properties, PartialEq)]
pub struct QuestionFieldProps {
    pub question: &'static Question,
    pub value: Option<AnswerValue>,
    /// Text typed into a number box, shown instead of the answer so nothing typed is lost.
    #[prop_or_default]
    pub draft: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Platforms the current answer rules out, by name.
    #[prop_or_default]
    pub rules_out: Vec<&'static str>,
    /// What the catalog says each platform allows for this answer, once the catalog is
    /// here (see `core::question_facts`).
    #[prop_or_default]
    pub facts: Option<AttrValue>,
    pub on_answer: Callback<(&'static str, AnswerValue)>,
    pub on_type: Callback<(&'static str, String)>,
    pub on_not_sure: Callback<(&'static str, bool)>,
}

fn id(q: &Question, suffix: &str) -> String {
    let mut s = String::with_capacity(q.id.len() + suffix.len() + 3);
    s.push_str("q-");
    s.push_str(q.id);
    if !suffix.is_empty() {
        s.push('-');
        s.push_str(suffix);
    }
    s
}

#[component]
pub fn QuestionField(props: &QuestionFieldProps) -> Html {
    let q = props.question;
    let help_id = id(q, "help");
    let error_id = id(q, "error");
    let rules_id = id(q, "rules");
    // The dense look leaves the help paragraph out.
    let dense = use_shell().dense;
    let mut described = Vec::with_capacity(3);
    if !dense {
        described.push(help_id.as_str());
    }
    if props.error.is_some() {
        described.push(&error_id);
    }
    if !props.rules_out.is_empty() {
        described.push(&rules_id);
    }
    let described = (!described.is_empty()).then(|| described.join(" "));
    let help = if dense {
        html! {}
    } else {
        // The help, then what the catalog says each platform allows for this answer.
        let facts = props.facts.clone();
        html! {
            <p id={help_id.clone()} class="help">
                { q.help }
                if let Some(facts) = facts {
                    { " " }<span class="catalog-line">{ facts }</span>
                }
            </p>
        }
    };
    let footer = html! {
        <>
            if !props.rules_out.is_empty() {
                <p id={rules_id} class="rules-out">
                    { "Your answer rules out: " }{ props.rules_out.join(", ") }
                </p>
            }
            if let Some(error) = &props.error {
                <p id={error_id} class="error">{ error.clone() }</p>
            }
        </>
    };
    match q.kind {
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
            let multiple = matches!(q.kind, QuestionKind::MultipleChoice { .. });
            html! {
                <fieldset id={id(q, "")} class="q" tabindex="-1" aria-describedby={described}
                          aria-invalid={props.error.is_some().then_some("true")}>
                    <legend>{ q.title }</legend>
                    { help }
                    if multiple {
                        <p class="help">{ "Choose all that apply, or none." }</p>
                    }
                    <div class="options">
                        { for options.iter().map(|o| option(props, o, multiple)) }
                    </div>
                    { footer }
                </fieldset>
            }
        }
        QuestionKind::Number(spec) | QuestionKind::Duration(spec) | QuestionKind::Size(spec) => {
            html! {
                <div id={id(q, "")} class="q">
                    <label class="q-title" for={id(q, "input")}>{ q.title }</label>
                    { help }
                    { number(props, &spec, described) }
                    { footer }
                </div>
            }
        }
    }
}

fn option(props: &QuestionFieldProps, o: &'static Choice, multiple: bool) -> Html {
    let q = props.question;
    let (checked, current) = match &props.value {
        Some(AnswerValue::Choice(c)) => (c == o.id, Vec::new()),
        Some(AnswerValue::Choices(cs)) => (cs.iter().any(|c| c == o.id), cs.clone()),
        _ => (false, Vec::new()),
    };
    let onchange = props.on_answer.reform(move |_: Event| {
        let value = if multiple {
            let mut next: Vec<String> = current.iter().filter(|c| *c != o.id).cloned().collect();
            if !checked {
                next.push(o.id.to_string());
            }
            AnswerValue::Choices(next)
        } else {
            AnswerValue::Choice(o.id.to_string())
        };
        (q.id, value)
    });
    let input_id = id(q, o.id);
    let hint_id = id(q, &[o.id, "hint"].concat());
    html! {
        <div class="option" key={o.id}>
            <input type={if multiple { "checkbox" } else { "radio" }} id={input_id.clone()} name={id(q, "")}
                   value={o.id} {checked} {onchange} aria-describedby={hint_id.clone()} />
            <label for={input_id}>{ o.label }</label>
            <span id={hint_id} class="hint">{ o.hint }</span>
        </div>
    }
}

fn number(props: &QuestionFieldProps, spec: &NumberSpec, described: Option<String>) -> Html {
    let q = props.question;
    let current = match &props.value {
        Some(AnswerValue::Number(n)) => *n,
        _ => None,
    };
    let not_sure = current.is_none() && spec.not_sure;
    let text: AttrValue = match (&props.draft, current) {
        (_, None) if not_sure => AttrValue::default(),
        (Some(draft), _) => draft.clone(),
        (None, Some(n)) => fmt_number(n).into(),
        (None, None) => AttrValue::default(),
    };
    let oninput = props.on_type.reform(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        (q.id, input.value())
    });
    let on_not_sure = props.on_not_sure.reform(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        (q.id, input.checked())
    });
    let decimal = spec.step < 1.0;
    html! {
        <div class="number">
            <input id={id(q, "input")} type="text" inputmode={if decimal { "decimal" } else { "numeric" }}
                   autocomplete="off" value={text} {oninput} disabled={not_sure}
                   placeholder={not_sure.then_some("Not sure")}
                   aria-invalid={props.error.is_some().then_some("true")} aria-describedby={described} />
            <span class="unit">{ spec.unit }</span>
            if spec.not_sure {
                <span class="not-sure">
                    <input type="checkbox" id={id(q, "unsure")} checked={not_sure} onchange={on_not_sure} />
                    <label for={id(q, "unsure")}>{ "Not sure" }</label>
                </span>
            }
        </div>
    }
}
