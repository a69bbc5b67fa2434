//! "Start from a file": paste or drop a Compose file, Kubernetes manifests, an ECS task
//! definition, Cloud Run or Azure YAML; the manifests worker reads it (the app carries no
//! YAML parser) and this shows what was read, answer by answer with the file's words for
//! it, and what was not understood, before Apply replaces the answers. The file never
//! leaves the browser.

use std::rc::Rc;

use wasm_bindgen::{closure::Closure, JsValue};
use yew::prelude::*;

use crate::core::answers::Answers;
use crate::core::import::{ImportError, ImportPreview, MAX_BYTES};
use crate::core::manifest_request::{ImportInput, ImportRequest};
use crate::ui::app::use_shell;

#[derive(Properties, PartialEq)]
pub struct StartFromFileProps {
    /// The answers read, when the user applies them.
    pub on_apply: Callback<Answers>,
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Reading,
    Read(Rc<(Answers, ImportPreview)>),
    Failed(ImportError),
    Unavailable(String),
}

#[component]
pub fn StartFromFile(props: &StartFromFileProps) -> Html {
    let shell = use_shell();
    let text = use_state(String::new);
    let file_name = use_state(String::new);
    let service = use_state(|| None::<String>);
    let choices = use_state(Vec::<String>::new);
    let status = use_state(|| Status::Idle);
    // The callback of a file being read; replaced (and so dropped) by the next one.
    let reading = use_mut_ref(|| None::<Closure<dyn FnMut(JsValue)>>);

    let read = {
        let (worker, text, file_name, status, choices) = (
            shell.worker.clone(),
            text.clone(),
            file_name.clone(),
            status.clone(),
            choices.clone(),
        );
        Callback::from(move |chosen: Option<String>| {
            let Some(worker) = worker.clone() else {
                status.set(Status::Unavailable(
                    "Reading files needs the manifests worker, which this page has not loaded."
                        .into(),
                ));
                return;
            };
            if text.trim().is_empty() {
                status.set(Status::Failed(ImportError {
                    message: "Paste the file's text or choose a file first.".into(),
                    ..ImportError::default()
                }));
                return;
            }
            status.set(Status::Reading);
            let request = ImportRequest {
                id: worker.next_id(),
                import: ImportInput {
                    text: (*text).clone(),
                    file_name: (*file_name).clone(),
                    service: chosen,
                },
            };
            let (status, choices) = (status.clone(), choices.clone());
            worker.import(
                request,
                Callback::from(move |reply: Result<_, String>| match reply {
                    Ok((response, _)) => {
                        let response: crate::core::manifest_request::Response = response;
                        if let Some(reply) = response.imported {
                            choices.set(reply.workloads.clone());
                            match reply.answers() {
                                Ok(answers) => {
                                    status.set(Status::Read(Rc::new((answers, reply.preview))))
                                }
                                Err(why) => status.set(Status::Unavailable(why)),
                            }
                        } else if let Some(e) = response.import_error {
                            if !e.choices.is_empty() {
                                choices.set(e.choices.clone());
                            }
                            status.set(Status::Failed(e));
                        } else {
                            status.set(Status::Unavailable(
                                response.error.unwrap_or_else(|| "no answer".into()),
                            ));
                        }
                    }
                    Err(why) => status.set(Status::Unavailable(why)),
                }),
            );
        })
    };

    let load_file = {
        let (text, file_name, status, reading, service, choices) = (
            text.clone(),
            file_name.clone(),
            status.clone(),
            reading.clone(),
            service.clone(),
            choices.clone(),
        );
        Rc::new(move |file: web_sys::File| {
            if file.size() > MAX_BYTES as f64 {
                status.set(Status::Failed(ImportError {
                    message: format!(
                        "{} is {} bytes; Berth reads files up to {MAX_BYTES} bytes (1 MB).",
                        file.name(),
                        file.size()
                    ),
                    ..ImportError::default()
                }));
                return;
            }
            let (text, status) = (text.clone(), status.clone());
            file_name.set(file.name());
            service.set(None);
            choices.set(Vec::new());
            let done = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
                text.set(value.as_string().unwrap_or_default());
                status.set(Status::Idle);
            });
            let _ = file.text().then(&done);
            *reading.borrow_mut() = Some(done);
        })
    };

    let on_input = {
        let (text, file_name) = (text.clone(), file_name.clone());
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            text.set(area.value());
            file_name.set(String::new());
        })
    };
    let on_choose = {
        let load_file = load_file.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                load_file(file);
            }
        })
    };
    let on_drop = {
        let load_file = load_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                load_file(file);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_read = {
        let (read, service) = (read.clone(), service.clone());
        Callback::from(move |_| read.emit((*service).clone()))
    };
    let on_service = {
        let (read, service) = (read.clone(), service.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let chosen = Some(select.value()).filter(|v| !v.is_empty());
            service.set(chosen.clone());
            if chosen.is_some() {
                read.emit(chosen);
            }
        })
    };
    let on_apply = {
        let (status, apply) = (status.clone(), props.on_apply.clone());
        Callback::from(move |_| {
            if let Status::Read(read) = &*status {
                apply.emit(read.0.clone());
            }
        })
    };

    let preview = match &*status {
        Status::Idle => html! {},
        Status::Reading => html! { <p role="status">{ "Reading…" }</p> },
        Status::Unavailable(why) => html! {
            <p class="error" role="alert">{ "The file could not be read here: " }{ why.clone() }</p>
        },
        Status::Failed(e) => html! {
            <p class="error" role="alert" id="import-error">{ e.to_string() }</p>
        },
        Status::Read(read) => {
            let p = &read.1;
            html! {
                <div class="import-preview" role="status">
                    <h4>{ "Read from " }{ p.format.clone() }{ ": " }<code>{ p.workload.clone() }</code></h4>
                    <ul class="import-answers">
                        { for p.rows.iter().map(|r| html! {
                            <li>
                                <strong>{ r.label.clone() }{ ": " }</strong>{ r.value.clone() }
                                <br /><small>{ "from your file: " }<code>{ r.source.clone() }</code></small>
                            </li>
                        }) }
                    </ul>
                    <p class="hint">{ "Everything else stays at the starting point's answer, or Not sure." }</p>
                    if !p.not_understood.is_empty() {
                        <h4>{ "Not understood" }</h4>
                        <ul class="import-not-understood">
                            { for p.not_understood.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                        </ul>
                    }
                    <button type="button" class="primary" onclick={on_apply}>{ "Apply these answers" }</button>
                </div>
            }
        }
    };
    let invalid = matches!(&*status, Status::Failed(_)).then_some("true");
    let described = matches!(&*status, Status::Failed(_)).then_some("import-error");

    html! {
        <details class="start-from-file">
            <summary>{ "Start from a file" }</summary>
            <p class="hint">
                { "Paste or drop a docker-compose.yml, Kubernetes manifests, an ECS task definition, \
                   or Cloud Run, Azure Container Apps or Container Instances YAML. It is read in this \
                   browser and sent nowhere." }
            </p>
            <label for="import-text">{ "File contents" }</label>
            <textarea id="import-text" rows="8" spellcheck="false" value={(*text).clone()}
                oninput={on_input} ondrop={on_drop} ondragover={on_drag_over}
                aria-invalid={invalid} aria-describedby={described} />
            <label for="import-file">{ "Or choose a file" }</label>
            <input id="import-file" type="file" accept=".yml,.yaml,.json,application/json,application/yaml,text/yaml" onchange={on_choose} />
            if choices.len() > 1 {
                <label for="import-service">{ "Which service" }</label>
                <select id="import-service" onchange={on_service}>
                    <option value="" selected={service.is_none()}>{ "Choose one…" }</option>
                    { for choices.iter().map(|c| html! {
                        <option value={c.clone()} selected={service.as_deref() == Some(c.as_str())}>{ c.clone() }</option>
                    }) }
                </select>
            }
            <div class="import-actions">
                <button type="button" onclick={on_read}>{ "Read file" }</button>
            </div>
            { preview }
        </details>
    }
}
