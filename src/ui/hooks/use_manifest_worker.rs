//! The manifests worker, seen from the app.
//!
//! The manifest generators are not in the app's wasm: they run in a dedicated Web Worker
//! (`src/bin/berth_manifests.rs`), started the first time the manifests view asks for
//! files and kept for the life of the advisor. Requests and responses are the JSON shapes
//! of [`crate::core::manifest_request`], matched by id.
//!
//! - [`use_manifest_worker`]: one [`ManifestWorker`] per advisor, given to the pages as a
//!   context. Creating it starts nothing.
//! - [`use_manifests`]: the manifests view's files for a platform and answers, asked for
//!   again whenever they change; the view shows the latest answer.
//!
//! The worker's script, `berth-manifests-worker.js` (written by `scripts/pwa/post-build.mjs`),
//! sits next to the app's files: at the page's base URL (`document.baseURI`), or for the
//! embedded widget at the widget's own asset base. Browsers only start workers from the
//! page's own origin, so a widget served from another origin starts it through a small
//! `blob:` script that imports it from there.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{MessageEvent, Url, Worker};
use yew::prelude::*;

use crate::core::answers::Answers;
use crate::core::manifest_request::{
    BundleData, FieldError, ImportRequest, Request, RequestSize, Response,
};
use crate::ui::app::Shell;
use crate::ui::state::Shared;

/// The script that starts the worker, relative to the app's asset base.
pub const WORKER_SCRIPT: &str = "berth-manifests-worker.js";

/// A response with the ZIP file's bytes when one was asked for, or why there is none.
pub type Reply = Result<(Response, Option<Vec<u8>>), String>;

/// A request handler run in the page instead of the worker: JSON in, JSON (and ZIP) out.
pub type InPage = fn(&str) -> (String, Option<Vec<u8>>);

thread_local! {
    static IN_PAGE: Cell<Option<InPage>> = const { Cell::new(None) };
}

/// Answers every request in the page with `respond` instead of a worker (`None`: back to
/// the worker). For component tests, which run without the worker's files; they pass
/// `berth::core::manifest_request::respond_json`, the worker's own handler. The app never
/// calls this, so its wasm does not link the generators.
pub fn answer_in_page(respond: Option<InPage>) {
    IN_PAGE.with(|c| c.set(respond));
}

/// One advisor's manifests worker. Cheap to clone; the worker starts on the first
/// [`ManifestWorker::send`] and stops when the last clone is dropped.
#[derive(Clone)]
pub struct ManifestWorker(Rc<Inner>);

impl PartialEq for ManifestWorker {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

struct Inner {
    /// Where the worker's files are; `None`: the page's base URL.
    asset_base: Option<String>,
    running: RefCell<Option<Running>>,
    last_id: Cell<u32>,
    pending: RefCell<Vec<(u32, Callback<Reply>)>>,
}

struct Running {
    worker: Worker,
    blob_url: Option<String>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
        if let Some(url) = &self.blob_url {
            let _ = Url::revoke_object_url(url);
        }
    }
}

/// A readable reason from a thrown JS value.
fn reason(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value
        .as_string()
        .unwrap_or_else(|| "unknown error".to_string())
}

impl ManifestWorker {
    /// A worker whose files are at `asset_base` (a URL ending in `/`), or at the page's
    /// base URL when `None`. Nothing starts until the first request.
    pub fn new(asset_base: Option<String>) -> Self {
        ManifestWorker(Rc::new(Inner {
            asset_base,
            running: RefCell::new(None),
            last_id: Cell::new(0),
            pending: RefCell::new(Vec::new()),
        }))
    }

    /// A fresh request id (never 0).
    pub fn next_id(&self) -> u32 {
        let id = self.0.last_id.get().wrapping_add(1).max(1);
        self.0.last_id.set(id);
        id
    }

    /// Sends `request`; `done` gets the response with the same id, or why there is none.
    pub fn send(&self, request: Request, done: Callback<Reply>) {
        self.post(request.id, request.to_json(), done);
    }

    /// Asks the worker to read a file into answers ("Start from a file"); the reply has
    /// `imported` or `import_error`. The file's text goes no further than the worker.
    pub fn import(&self, request: ImportRequest, done: Callback<Reply>) {
        self.post(request.id, request.to_json(), done);
    }

    fn post(&self, id: u32, json: String, done: Callback<Reply>) {
        if let Some(respond) = IN_PAGE.with(Cell::get) {
            let (response, zip) = respond(&json);
            done.emit(Response::from_json(&response).map(|r| (r, zip)));
            return;
        }
        if let Err(why) = Inner::start(&self.0) {
            done.emit(Err(why));
            return;
        }
        self.0.pending.borrow_mut().push((id, done));
        let posted = match self.0.running.borrow().as_ref() {
            Some(running) => running
                .worker
                .post_message(&JsValue::from_str(&json))
                .map_err(|e| reason(&e)),
            None => Err("the worker stopped".to_string()),
        };
        if let Err(why) = posted {
            self.0.deliver(id, Err(why));
        }
    }
}

impl Inner {
    /// Starts the worker unless it is running.
    fn start(this: &Rc<Inner>) -> Result<(), String> {
        if this.running.borrow().is_some() {
            return Ok(());
        }
        let window = web_sys::window().ok_or("no window")?;
        let base = match &this.asset_base {
            Some(base) => base.clone(),
            None => window
                .document()
                .and_then(|d| d.base_uri().ok().flatten())
                .or_else(|| window.location().href().ok())
                .ok_or("no page address")?,
        };
        let script = Url::new_with_base(WORKER_SCRIPT, &base).map_err(|e| reason(&e))?;
        let same_origin = window.location().origin().ok() == Some(script.origin());
        let (worker, blob_url) = if same_origin {
            (Worker::new(&script.href()).map_err(|e| reason(&e))?, None)
        } else {
            // Another origin (the widget embedded elsewhere): a same-origin `blob:` script
            // imports the worker script, and tells it where its files are.
            let assets = Url::new_with_base("./", &script.href()).map_err(|e| reason(&e))?;
            let quote = |s: String| serde_json::to_string(&s).unwrap_or_default();
            let source = [
                "self.BERTH_ASSETS=",
                &quote(assets.href()),
                ";importScripts(",
                &quote(script.href()),
                ");",
            ]
            .concat();
            let options = web_sys::BlobPropertyBag::new();
            options.set_type("text/javascript");
            let parts = js_sys::Array::of1(&JsValue::from_str(&source));
            let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
                .map_err(|e| reason(&e))?;
            let url = Url::create_object_url_with_blob(&blob).map_err(|e| reason(&e))?;
            match Worker::new(&url) {
                Ok(worker) => (worker, Some(url)),
                Err(e) => {
                    let _ = Url::revoke_object_url(&url);
                    return Err(reason(&e));
                }
            }
        };

        let weak = Rc::downgrade(this);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(inner) = weak.upgrade() {
                inner.receive(event.data());
            }
        });
        let weak: Weak<Inner> = Rc::downgrade(this);
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let why = event
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "the worker script could not be loaded".to_string());
            if let Some(inner) = weak.upgrade() {
                inner.fail(why);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *this.running.borrow_mut() = Some(Running {
            worker,
            blob_url,
            _on_message: on_message,
            _on_error: on_error,
        });
        Ok(())
    }

    /// A message from the worker: JSON text, or `[JSON text, ZIP bytes]`.
    fn receive(&self, data: JsValue) {
        let (text, zip) = match data.dyn_into::<js_sys::Array>() {
            Ok(parts) => (
                parts.get(0).as_string(),
                parts
                    .get(1)
                    .dyn_into::<js_sys::Uint8Array>()
                    .ok()
                    .map(|bytes| bytes.to_vec()),
            ),
            Err(data) => (data.as_string(), None),
        };
        match Response::from_json(&text.unwrap_or_default()) {
            Ok(response) if response.id == 0 => self.fail(
                response
                    .error
                    .unwrap_or_else(|| "the worker failed".to_string()),
            ),
            Ok(response) => self.deliver(response.id, Ok((response, zip))),
            Err(why) => self.fail(why),
        }
    }

    fn deliver(&self, id: u32, reply: Reply) {
        let done = {
            let mut pending = self.pending.borrow_mut();
            let at = pending.iter().position(|(i, _)| *i == id);
            at.map(|at| pending.remove(at).1)
        };
        if let Some(done) = done {
            done.emit(reply);
        }
    }

    /// The worker is unusable: every waiting request fails with `why`, and the next
    /// request starts a new worker.
    fn fail(&self, why: String) {
        // Dropped later: this may run inside the worker's own event handler.
        if let Some(running) = self.running.borrow_mut().take() {
            running.worker.terminate();
            yew::platform::spawn_local(async move { drop(running) });
        }
        let waiting = std::mem::take(&mut *self.pending.borrow_mut());
        for (_, done) in waiting {
            done.emit(Err(why.clone()));
        }
    }
}

/// The advisor's manifests worker, made once per advisor (again if `asset_base` changes).
/// The advisor gives it to the pages in its [`Shell`] context.
#[hook]
pub fn use_manifest_worker(asset_base: Option<AttrValue>) -> ManifestWorker {
    let worker = use_memo(asset_base, |base| {
        ManifestWorker::new(base.as_ref().map(|b| b.to_string()))
    });
    (*worker).clone()
}

/// What the worker last said about the files.
#[derive(Clone, PartialEq)]
pub enum Outcome {
    Files(Shared<BundleData>),
    /// The answers need fixing first (mostly the deploy details), field by field.
    Invalid(Shared<Vec<FieldError>>),
    /// No answer: why (the worker did not start, or failed).
    Failed(AttrValue),
}

/// The manifests view's state.
#[derive(Clone, PartialEq)]
pub struct Manifests {
    /// The latest answer; while a newer request is out, the one before.
    pub outcome: Option<Outcome>,
    /// A request is out.
    pub busy: bool,
    /// Asks for the current files as a ZIP archive; the callback gets its bytes or why not.
    pub zip: Callback<Callback<Result<Vec<u8>, String>>>,
}

#[derive(Default, PartialEq)]
struct View {
    outcome: Option<Outcome>,
    busy: bool,
}

enum Step {
    Sent,
    Cleared,
    Answered(Outcome),
}

impl Reducible for View {
    type Action = Step;
    fn reduce(self: Rc<Self>, step: Step) -> Rc<Self> {
        Rc::new(match step {
            Step::Sent => View {
                outcome: self.outcome.clone(),
                busy: true,
            },
            Step::Cleared => View::default(),
            Step::Answered(outcome) => View {
                outcome: Some(outcome),
                busy: false,
            },
        })
    }
}

fn outcome(reply: Reply) -> Outcome {
    match reply {
        Err(why) => Outcome::Failed(why.into()),
        Ok((response, _)) => match (response.error, response.bundle) {
            (Some(why), _) => Outcome::Failed(why.into()),
            (None, Some(bundle)) => Outcome::Files(Shared::new(bundle)),
            (None, None) => Outcome::Invalid(Shared::new(response.errors)),
        },
    }
}

/// The starter manifests for `target` (a platform id and the size to run it at) and
/// `answers`, from the advisor's worker (its [`Shell`]'s; a worker of its own outside an
/// advisor). Asks again whenever either changes.
#[hook]
pub fn use_manifests(
    target: Option<(&'static str, RequestSize)>,
    answers: Shared<Answers>,
) -> Manifests {
    let given = use_context::<Shell>().and_then(|shell| shell.worker);
    let own = use_memo((), |_| ManifestWorker::new(None));
    let worker = given.unwrap_or_else(|| (*own).clone());
    let view = use_reducer(View::default);
    let latest = use_mut_ref(|| 0u32);
    let last = use_mut_ref(|| None::<Request>);

    {
        let (view, latest, last) = (view.clone(), latest.clone(), last.clone());
        use_effect_with(
            (target, answers, worker.clone()),
            move |(target, answers, worker)| match target {
                None => {
                    *latest.borrow_mut() = 0;
                    *last.borrow_mut() = None;
                    view.dispatch(Step::Cleared);
                }
                Some((platform, size)) => {
                    let id = worker.next_id();
                    *latest.borrow_mut() = id;
                    let request = Request {
                        id,
                        platform: platform.to_string(),
                        answers: (**answers).clone(),
                        size: size.clone(),
                        zip: false,
                    };
                    *last.borrow_mut() = Some(request.clone());
                    view.dispatch(Step::Sent);
                    let dispatcher = view.dispatcher();
                    worker.send(
                        request,
                        Callback::from(move |reply: Reply| {
                            // Only the newest request's answer is shown.
                            if *latest.borrow() == id {
                                dispatcher.dispatch(Step::Answered(outcome(reply)));
                            }
                        }),
                    );
                }
            },
        );
    }

    let zip = use_callback(
        worker,
        move |done: Callback<Result<Vec<u8>, String>>, worker| {
            let Some(mut request) = last.borrow().clone() else {
                done.emit(Err("there are no files yet".into()));
                return;
            };
            request.id = worker.next_id();
            request.zip = true;
            worker.send(
                request,
                Callback::from(move |reply: Reply| {
                    done.emit(match reply {
                        Ok((_, Some(bytes))) => Ok(bytes),
                        Ok((response, None)) => Err(response
                            .error
                            .unwrap_or_else(|| "fix the deploy details first".into())),
                        Err(why) => Err(why),
                    })
                }),
            );
        },
    );

    Manifests {
        outcome: view.outcome.clone(),
        busy: view.busy,
        zip,
    }
}
