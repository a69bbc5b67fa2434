//! "Start from a file": paste or drop a Compose file, Kubernetes manifests, an ECS task
//! definition, Cloud Run or Azure YAML; the manifests worker reads it (the app carries no
//! YAML parser) and this shows what was read, answer by answer with the file's words for
//! it, and what was not understood, before Apply replaces the answers. The file never
//! leaves the browser.

use std::rc::Rc;

use wasm_bindgen::{closure::Closure, JsValue};
use yew::prelude::*;

use crate::core::answers::Answers;
use crate::core::import::MAX_BYTES;
use crate::core::manifest_request::{ImportInput, ImportReply, ImportRequest, Response};
use crate::ui::app::use_shell;
use crate::ui::hooks::use_manifest_worker::ManifestWorker;
use crate::ui::lazy;

#[derive(Properties, PartialEq)]
pub struct StartFromFileProps {
    /// The answers read, when the user applies them.
    pub on_apply: Callback<Answers>,
}

/// Everything the panel shows; one state, so one set of hook code.
#[derive(Clone, Default, PartialEq)]
struct Form {
    text: String,
    file_name: String,
    service: String,
    choices: Vec<String>,
    /// What was read, and the answers to apply.
    read: Option<Rc<(ImportReply, Answers)>>,
    /// Why nothing was read (shown as an alert), or "Reading…" while the worker reads.
    message: String,
    failed: bool,
}

/// What reading a file in the worker came to, as the panel shows it.
pub struct FileRead {
    /// What was read, and the answers to apply.
    pub read: Option<Rc<(ImportReply, Answers)>>,
    /// The file's services to choose from, when the reply names them.
    pub choices: Option<Vec<String>>,
    pub message: String,
    pub failed: bool,
}

impl FileRead {
    /// Nothing read, and why.
    pub fn failed(message: String) -> Self {
        FileRead {
            read: None,
            choices: None,
            message,
            failed: true,
        }
    }
}

/// Asks `worker` to read `input` and hands `done` what came of it. The release build
/// fetches this, the worker's client and the reader of its replies with the first file
/// read, not on the first visit ([`lazy::read_file`]).
pub fn read_in_worker(worker: &ManifestWorker, input: ImportInput, done: Callback<FileRead>) {
    let request = ImportRequest {
        id: worker.next_id(),
        import: input,
    };
    worker.import(
        request,
        Callback::from(move |reply: Result<(Response, _), String>| {
            done.emit(match reply {
                Ok((r, _)) => match (r.imported, r.import_error) {
                    (Some(reply), _) => match reply.answers() {
                        Ok(answers) => FileRead {
                            choices: Some(reply.workloads.clone()),
                            read: Some(Rc::new((reply, answers))),
                            message: String::new(),
                            failed: false,
                        },
                        Err(why) => FileRead::failed(why),
                    },
                    (None, Some(why)) => FileRead {
                        choices: Some(r.choices).filter(|c| !c.is_empty()),
                        ..FileRead::failed(why)
                    },
                    (None, None) => FileRead::failed(r.error.unwrap_or_else(|| "no answer".into())),
                },
                Err(why) => FileRead::failed(["The file could not be read here: ", &why].concat()),
            })
        }),
    );
}

#[component]
pub fn StartFromFile(props: &StartFromFileProps) -> Html {
    let shell = use_shell();
    let form = use_state(Form::default);
    // The callback of a file being read; replaced (and so dropped) by the next one.
    let reading = use_mut_ref(|| None::<Closure<dyn FnMut(JsValue)>>);

    // Reads `f.text` for service `f.service` in the worker and shows the outcome.
    let read = {
        let (worker, form) = (shell.worker.clone(), form.clone());
        Callback::from(move |mut f: Form| {
            f.read = None;
            f.failed = true;
            let Some(worker) = worker.clone() else {
                f.message =
                    "Reading files needs the manifests worker, which this page has not loaded."
                        .into();
                form.set(f);
                return;
            };
            if f.text.trim().is_empty() {
                f.message = "Paste the file's text or choose a file first.".into();
                form.set(f);
                return;
            }
            f.failed = false;
            f.message = "Reading…".into();
            form.set(f.clone());
            let input = ImportInput {
                text: f.text.clone(),
                file_name: f.file_name.clone(),
                service: Some(f.service.clone()).filter(|s| !s.is_empty()),
            };
            let form = form.clone();
            lazy::read_file(
                worker,
                input,
                Callback::from(move |outcome: FileRead| {
                    let mut f = f.clone();
                    f.failed = outcome.failed;
                    f.message = outcome.message;
                    f.read = outcome.read;
                    if let Some(choices) = outcome.choices {
                        f.choices = choices;
                    }
                    form.set(f);
                }),
            );
        })
    };

    let load_file = {
        let (form, reading) = (form.clone(), reading.clone());
        Rc::new(move |file: web_sys::File| {
            let mut f = (*form).clone();
            f.read = None;
            if file.size() > MAX_BYTES as f64 {
                f.failed = true;
                // A file's size is a whole number of bytes: printed as one, the float
                // formatter stays out of the first download.
                f.message = format!(
                    "{} is {} bytes; Berth reads files up to {MAX_BYTES} bytes (1 MB).",
                    file.name(),
                    file.size() as u64
                );
                form.set(f);
                return;
            }
            f.file_name = file.name();
            f.service.clear();
            f.choices.clear();
            f.message.clear();
            f.failed = false;
            let form = form.clone();
            let done = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
                let mut f = f.clone();
                f.text = value.as_string().unwrap_or_default();
                form.set(f);
            });
            let _ = file.text().then(&done);
            *reading.borrow_mut() = Some(done);
        })
    };

    let on_input = {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            let mut f = (*form).clone();
            f.text = area.value();
            f.file_name.clear();
            form.set(f);
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
    let on_drop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        if let Some(file) = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            load_file(file);
        }
    });
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_read = {
        let (read, form) = (read.clone(), form.clone());
        Callback::from(move |_| read.emit((*form).clone()))
    };
    let on_service = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let mut f = (*form).clone();
            f.service = select.value();
            if f.service.is_empty() {
                form.set(f);
            } else {
                read.emit(f);
            }
        })
    };
    let on_apply = {
        let (form, apply) = (form.clone(), props.on_apply.clone());
        Callback::from(move |_| {
            if let Some(read) = &form.read {
                apply.emit(read.1.clone());
            }
        })
    };

    let f = &*form;
    let invalid = f.failed.then_some("true");
    let described = f.failed.then_some("import-error");
    html! {
        <details class="start-from-file" ontoggle={Callback::from(|_| lazy::prefetch_file_reader())}>
            <summary>{ "Start from a file" }</summary>
            <p class="hint">
                { "Paste or drop a docker-compose.yml, Kubernetes manifests, an ECS task definition, \
                   or Cloud Run, Azure Container Apps or Container Instances YAML. It is read in this \
                   browser and sent nowhere." }
            </p>
            <label for="import-text">{ "File contents" }</label>
            <textarea id="import-text" rows="8" spellcheck="false" value={f.text.clone()}
                oninput={on_input} ondrop={on_drop} ondragover={on_drag_over}
                aria-invalid={invalid} aria-describedby={described} />
            <label for="import-file">{ "Or choose a file" }</label>
            <input id="import-file" type="file" accept=".yml,.yaml,.json,application/json,application/yaml,text/yaml" onchange={on_choose} />
            if f.choices.len() > 1 {
                <label for="import-service">{ "Which service" }</label>
                <select id="import-service" onchange={on_service}>
                    <option value="" selected={f.service.is_empty()}>{ "Choose one…" }</option>
                    { for f.choices.iter().map(|c| html! {
                        <option value={c.clone()} selected={f.service == *c}>{ c.clone() }</option>
                    }) }
                </select>
            }
            <div class="import-actions">
                <button type="button" onclick={on_read}>{ "Read file" }</button>
            </div>
            if f.failed {
                <p class="error" role="alert" id="import-error">{ f.message.clone() }</p>
            } else if !f.message.is_empty() {
                <p role="status">{ f.message.clone() }</p>
            }
            if let Some(read) = &f.read {
                <div class="import-preview" role="status">
                    <h3>{ "Read from " }{ read.0.format.clone() }{ ": " }<code>{ read.0.workload.clone() }</code></h3>
                    <ul class="import-answers">
                        { for read.0.rows.iter().map(|(label, value, source)| html! {
                            <li>
                                <strong>{ label.clone() }{ ": " }</strong>{ value.clone() }
                                <br /><small>{ "from your file: " }<code>{ source.clone() }</code></small>
                            </li>
                        }) }
                    </ul>
                    <p class="hint">{ "Everything else stays at the starting point's answer, or Not sure." }</p>
                    if !read.0.not_understood.is_empty() {
                        <h3>{ "Not understood" }</h3>
                        <ul class="import-not-understood">
                            { for read.0.not_understood.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                        </ul>
                    }
                    <button type="button" class="primary" onclick={on_apply}>{ "Apply these answers" }</button>
                </div>
            }
        </details>
    }
}
