//! The deploy details the starter manifests need: name, image, port, health path,
//! environment, secrets, schedule, retries and region. Only the fields that apply to the
//! workload are shown; each shows what was typed and, inline, what to change.

use yew::prelude::*;

use crate::core::answers::WorkloadKind;

/// One field as the form shows it.
#[derive(Clone, PartialEq)]
pub struct FieldView {
    pub field: &'static str,
    pub text: AttrValue,
    pub error: Option<AttrValue>,
}

#[derive(Properties, PartialEq)]
pub struct DeployFormProps {
    pub workload: WorkloadKind,
    pub fields: Vec<FieldView>,
    pub on_input: Callback<(&'static str, String)>,
}

/// Label, hint, multi-line, and the workloads it applies to (`None`: all).
fn spec(field: &str) -> (&'static str, &'static str, bool, Option<WorkloadKind>) {
    match field {
        "deploy.name" => (
            "Service or job name",
            "Each platform's naming rule is checked below.",
            false,
            None,
        ),
        "deploy.image" => (
            "Container image",
            "A full reference with a tag or, better, a digest.",
            false,
            None,
        ),
        "deploy.port" => (
            "Port the container listens on",
            "The port your server opens inside the container, where requests arrive.",
            false,
            Some(WorkloadKind::HttpService),
        ),
        "deploy.health_path" => (
            "Health check path",
            "Leave empty for no HTTP health check.",
            false,
            Some(WorkloadKind::HttpService),
        ),
        "deploy.env" => (
            "Environment variables",
            "One NAME=value per line.",
            true,
            None,
        ),
        "deploy.secrets" => (
            "Secrets",
            "One name per line; values stay in the platform's secret store, never in Berth.",
            true,
            None,
        ),
        "deploy.schedule" => (
            "Schedule (cron, UTC)",
            "Five fields, e.g. 0 3 * * *; empty to run on demand.",
            false,
            Some(WorkloadKind::Job),
        ),
        "deploy.retries" => (
            "Retries of a failed task",
            "",
            false,
            Some(WorkloadKind::Job),
        ),
        _ => (
            "Region",
            "Empty for the cloud's usual default.",
            false,
            None,
        ),
    }
}

#[component]
pub fn DeployForm(props: &DeployFormProps) -> Html {
    html! {
        <form class="deploy-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset>
                <legend>{ "Deploy details" }</legend>
                { for props.fields.iter().filter_map(|f| {
                    let (label, hint, multiline, only) = spec(f.field);
                    if only.is_some_and(|w| w != props.workload) {
                        return None;
                    }
                    let id = f.field.replace('.', "-");
                    let hint_id = [id.as_str(), "-hint"].concat();
                    let error_id = [id.as_str(), "-error"].concat();
                    let mut described = hint_id.clone();
                    if f.error.is_some() {
                        described.push(' ');
                        described.push_str(&error_id);
                    }
                    let field = f.field;
                    let oninput = props.on_input.reform(move |e: InputEvent| {
                        let value = if multiline {
                            e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value()
                        } else {
                            e.target_unchecked_into::<web_sys::HtmlInputElement>().value()
                        };
                        (field, value)
                    });
                    let invalid = f.error.is_some().then_some("true");
                    Some(html! {
                        <div class="field" key={f.field}>
                            <label for={id.clone()}>{ label }</label>
                            if multiline {
                                <textarea id={id} rows="3" value={f.text.clone()} {oninput} spellcheck="false"
                                          aria-invalid={invalid} aria-describedby={described} />
                            } else {
                                <input id={id} type="text" value={f.text.clone()} {oninput} spellcheck="false"
                                       autocomplete="off" aria-invalid={invalid} aria-describedby={described} />
                            }
                            <span id={hint_id} class="help">{ hint }</span>
                            if let Some(error) = &f.error {
                                <p id={error_id} class="error">{ error.clone() }</p>
                            }
                        </div>
                    })
                }) }
            </fieldset>
        </form>
    }
}
