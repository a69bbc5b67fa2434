//! The pages past the questionnaire, whose code arrives when a reader first opens them.
//!
//! The release build (`--cfg berth_split`, set by `./x build`) cuts each of these pages out of
//! the app's wasm into a module of its own, after linking (wasm-split, run by
//! scripts/pwa/post-build.mjs): a first visit downloads the questionnaire, not the results,
//! comparison, manifests or about pages (nor the engine and the catalog: see
//! [`crate::ui::engine`]). The first time one opens,
//! its module is fetched and joined to the running app, and the page renders; from then on it
//! renders at once. The service worker precaches every module, so this works offline too.
//!
//! Reading a file for "Start from a file" is cut out the same way ([`read_file`]): the
//! manifests worker's client and the reader of its replies arrive when a reader opens that
//! panel, or at the latest with the first file read.
//!
//! So is the reader of answers documents, saved answers and share links ([`read_saved`],
//! [`read_link`]): a first visit has neither, and a returning reader's service worker has
//! precached it. The questionnaire itself sets and reads answers without it.
//!
//! Every other build (development, the tests, the server renderer) links the pages in and
//! renders them straight away: [`LazyPage`] is then only the page, and [`read_file`],
//! [`read_saved`] and [`read_link`] read at once.

use yew::prelude::*;

use crate::core::answers::{AnswerError, Answers};
use crate::core::manifest_request::ImportInput;
use crate::core::report::Report;
use crate::ui::components::start_from_file::FileRead;
use crate::ui::hooks::use_manifest_worker::ManifestWorker;
use crate::ui::pages::about::AboutPage;
use crate::ui::pages::compare::ComparePage;
use crate::ui::pages::manifests::ManifestsPage;
use crate::ui::pages::results::ResultsPage;
use crate::ui::route::Page;
use crate::ui::state::{Action, LinkRead, Live, SavedRead, Shared, State, ANSWERS_KEY};

#[derive(Properties, PartialEq, Clone)]
pub struct LazyPageProps {
    /// Any page but the questionnaire, which is always in the first download.
    pub page: Page,
    pub state: UseReducerHandle<State>,
    /// The catalog ids the advisor considers (the about page counts only them).
    pub only: Vec<&'static str>,
}

/// A page's markup from the advisor's state: what a page's module hands over once loaded.
#[cfg(berth_split)]
type View = fn(&LazyPageProps) -> Html;

/// `view` of the report: the pages but About show one, and [`LazyPage`] renders them only
/// once there is one (`report_ready`), so the empty markup never shows.
fn with_report(p: &LazyPageProps, view: impl FnOnce(Shared<Report>) -> Html) -> Html {
    p.state.report().cloned().map_or_else(Html::default, view)
}

fn results(p: &LazyPageProps) -> Html {
    with_report(
        p,
        |report| html! { <ResultsPage state={p.state.clone()} {report} /> },
    )
}

fn compare(p: &LazyPageProps) -> Html {
    with_report(
        p,
        |report| html! { <ComparePage state={p.state.clone()} {report} /> },
    )
}

fn manifests(p: &LazyPageProps) -> Html {
    with_report(
        p,
        |report| html! { <ManifestsPage state={p.state.clone()} {report} /> },
    )
}

fn about(p: &LazyPageProps) -> Html {
    html! { <AboutPage only={p.only.clone()} /> }
}

/// Whether `props.page` can render: every page but About shows the report.
fn report_ready(props: &LazyPageProps) -> bool {
    props.page == Page::About || props.state.report().is_some()
}

/// Asks for the report a page shows when there is none (the first screen's stands in for
/// it, or the engine is on its way); the advisor fetches the engine if need be.
#[hook]
fn use_report_for(props: &LazyPageProps) {
    let dispatcher = props.state.dispatcher();
    let needed = !report_ready(props) && props.state.live != Live::Missing;
    use_effect_with(needed, move |needed| {
        if *needed {
            dispatcher.dispatch(Action::Evaluate);
        }
    });
}

/// What shows while a page cannot render yet: its own heading, so focus and the page's
/// name are where they will be, and what is happening, or what to do when its part (or
/// the engine's) did not arrive.
fn stand_in(page: Page, failed: bool, retry: Callback<MouseEvent>) -> Html {
    html! {
        <section class="lazy-page" aria-labelledby="page-title" aria-busy={(!failed).then_some("true")}>
            <h2 id="page-title" tabindex="-1">{ page.title() }</h2>
            if failed {
                <div class="error" role="alert">
                    <p>{ "This page could not be loaded: its part of Berth did not arrive. Check the connection, then try again." }</p>
                    <button type="button" onclick={retry}>{ "Try again" }</button>
                </div>
            } else {
                <p role="status">{ "Loading…" }</p>
            }
        </section>
    }
}

#[cfg(not(berth_split))]
#[component]
pub fn LazyPage(props: &LazyPageProps) -> Html {
    use_report_for(props);
    if !report_ready(props) {
        let d = props.state.dispatcher();
        let retry = Callback::from(move |_| d.dispatch(Action::Evaluate));
        return stand_in(props.page, props.state.live == Live::Missing, retry);
    }
    match props.page {
        Page::Results => results(props),
        Page::Compare => compare(props),
        Page::Manifests => manifests(props),
        Page::About => about(props),
        Page::Questionnaire => Html::default(),
    }
}

#[cfg(berth_split)]
#[cfg(berth_split)]
use split::read_saved_text;
#[cfg(berth_split)]
pub use split::{prefetch_file_reader, prefetch_link, read_file, read_link, LazyPage};

/// Why a share code was not opened when the reader's code did not arrive.
pub fn link_unread() -> AnswerError {
    AnswerError {
        field: "(link)".into(),
        message: "could not be opened: the part of Berth that reads links did not arrive. Check the connection, then open the link again".into(),
    }
}

/// The state for the answers saved in this browser, for an app mounted without a first
/// state ([`crate::ui::start`] always passes one): none means the defaults; saved answers
/// are read at once where the reader is linked in, and kept unread (not saved over) in the
/// release build.
pub fn saved_state() -> State {
    match crate::ui::browser::load(ANSWERS_KEY) {
        None => State::new(Answers::default(), None),
        #[cfg(not(berth_split))]
        Some(text) => State::from_stored(Some(&text)),
        #[cfg(berth_split)]
        Some(_) => State::saved_unread(),
    }
}

/// Reads the saved answers (`stored`, as kept under [`ANSWERS_KEY`]); `done` gets the
/// outcome, or `None` when the reader did not arrive. Nothing saved means the defaults
/// (the app saves none for them), handed over at once.
pub fn read_saved(stored: Option<String>, done: impl FnOnce(Option<SavedRead>) + 'static) {
    match stored {
        Some(text) => read_saved_text(text, done),
        None => done(Some(Ok((Answers::default(), Vec::new())))),
    }
}

#[cfg(not(berth_split))]
fn read_saved_text(text: String, done: impl FnOnce(Option<SavedRead>) + 'static) {
    done(Some(crate::core::answers::parse_answers_lenient(&text)));
}

/// Reads a share code; `done` gets the outcome, or `None` when the reader did not arrive.
#[cfg(not(berth_split))]
pub fn read_link(code: String, done: impl FnOnce(Option<LinkRead>) + 'static) {
    done(Some(crate::core::share_link::decode(&code)));
}

/// Every page is linked in: nothing to fetch.
#[cfg(not(berth_split))]
pub fn prefetch_link(_event: &web_sys::Event) {}

/// The file reader is linked in: nothing to fetch.
#[cfg(not(berth_split))]
pub fn prefetch_file_reader() {}

/// Reads a file in `worker` for "Start from a file"; `done` gets what came of it.
#[cfg(not(berth_split))]
pub fn read_file(worker: ManifestWorker, input: ImportInput, done: Callback<FileRead>) {
    crate::ui::components::start_from_file::read_in_worker(&worker, input, done);
}

#[cfg(berth_split)]
mod split {
    use std::cell::RefCell;

    use wasm_split_helpers::{wasm_split, SplitLoaderError};
    use yew::prelude::*;

    use super::{
        report_ready, stand_in, use_report_for, Action, FileRead, ImportInput, LazyPageProps,
        LinkRead, Live, ManifestWorker, SavedRead, View,
    };
    use crate::core::answers::parse_answers_lenient;
    use crate::core::share_link;
    use crate::ui::app::use_shell;
    use crate::ui::browser;
    use crate::ui::route::Page;

    // One split point per page: everything only that page uses leaves the first download.
    // Each hands over its view; what two pages share goes into a module both load.
    #[wasm_split(results, fallible)]
    fn results() -> Result<View, SplitLoaderError> {
        Ok(super::results)
    }

    #[wasm_split(compare, fallible)]
    fn compare() -> Result<View, SplitLoaderError> {
        Ok(super::compare)
    }

    #[wasm_split(manifests, fallible)]
    fn manifests() -> Result<View, SplitLoaderError> {
        Ok(super::manifests)
    }

    #[wasm_split(about, fallible)]
    fn about() -> Result<View, SplitLoaderError> {
        Ok(super::about)
    }

    /// The file reader's split point: the worker's client goes with it (the manifests page
    /// uses it too, so the two share a module).
    #[wasm_split(file_reader, fallible, preload(load_file_reader))]
    fn read_in_worker(
        worker: ManifestWorker,
        input: ImportInput,
        done: Callback<FileRead>,
    ) -> Result<(), SplitLoaderError> {
        crate::ui::components::start_from_file::read_in_worker(&worker, input, done);
        Ok(())
    }

    /// Reads a file in `worker`, its code fetched first if need be; `done` gets what came
    /// of it, or that the code did not arrive.
    pub fn read_file(worker: ManifestWorker, input: ImportInput, done: Callback<FileRead>) {
        yew::platform::spawn_local(async move {
            if read_in_worker(worker, input, done.clone()).await.is_err() {
                done.emit(FileRead::failed(
                    "The part of Berth that reads files did not arrive. Check the connection, then press Read file again.".into(),
                ));
            }
        });
    }

    /// An answers document to read: saved answers, or a share code.
    enum Document {
        Saved(String),
        Link(String),
    }

    /// What reading a [`Document`] came to.
    enum Reading {
        Saved(SavedRead),
        Link(LinkRead),
    }

    /// The answers reader's split point: one for both kinds of document, so they share a
    /// part.
    #[wasm_split(answers_reader, fallible)]
    fn read(document: Document) -> Result<Reading, SplitLoaderError> {
        Ok(match document {
            Document::Saved(text) => Reading::Saved(parse_answers_lenient(&text)),
            Document::Link(code) => Reading::Link(share_link::decode(&code)),
        })
    }

    /// Reads saved answers once the reader's code is here; `done` gets the outcome, or
    /// `None` when it did not arrive.
    pub(super) fn read_saved_text(text: String, done: impl FnOnce(Option<SavedRead>) + 'static) {
        yew::platform::spawn_local(async move {
            done(match read(Document::Saved(text)).await {
                Ok(Reading::Saved(read)) => Some(read),
                _ => None,
            });
        });
    }

    /// Reads a share code once the reader's code is here; `done` gets the outcome, or
    /// `None` when it did not arrive.
    pub fn read_link(code: String, done: impl FnOnce(Option<LinkRead>) + 'static) {
        yew::platform::spawn_local(async move {
            done(match read(Document::Link(code)).await {
                Ok(Reading::Link(read)) => Some(read),
                _ => None,
            });
        });
    }

    /// Starts fetching the file reader's code when the panel opens: by the time a file is
    /// pasted or chosen it has arrived. A failure is the read's to report.
    pub fn prefetch_file_reader() {
        yew::platform::spawn_local(async {
            let _ = load_file_reader().await;
        });
    }

    async fn load(page: Page) -> Result<View, SplitLoaderError> {
        match page {
            Page::Results => results().await,
            Page::Compare => compare().await,
            Page::Manifests => manifests().await,
            Page::About | Page::Questionnaire => about().await,
        }
    }

    thread_local! {
        /// The pages loaded so far: they render at once from then on, in every advisor.
        static LOADED: RefCell<Vec<(Page, View)>> = const { RefCell::new(Vec::new()) };
    }

    fn loaded(page: Page) -> Option<View> {
        LOADED.with(|l| {
            l.borrow()
                .iter()
                .find(|(p, _)| *p == page)
                .map(|&(_, view)| view)
        })
    }

    /// `page`'s view, its part fetched first if need be; `None` if the part did not arrive
    /// (a later call tries again).
    async fn fetch(page: Page) -> Option<View> {
        if let Some(view) = loaded(page) {
            return Some(view);
        }
        let view = load(page).await.ok()?;
        LOADED.with(|l| {
            let mut l = l.borrow_mut();
            if !l.iter().any(|(p, _)| *p == page) {
                l.push((page, view));
            }
        });
        Some(view)
    }

    /// Starts fetching the code of the page a link leads to when a reader points at or
    /// focuses the link: by the click it has usually arrived, and the page opens without a
    /// stand-in. A failure is the page's to report.
    pub fn prefetch_link(event: &web_sys::Event) {
        use wasm_bindgen::JsCast;
        let href = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href^='#/']").ok().flatten())
            .and_then(|a| a.get_attribute("href"));
        let Some(page) = href.map(|href| crate::ui::route::parse(&href).page) else {
            return;
        };
        if page != Page::Questionnaire && loaded(page).is_none() {
            yew::platform::spawn_local(async move {
                fetch(page).await;
            });
        }
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Progress {
        Loading,
        Failed,
        Done,
    }

    #[component]
    pub fn LazyPage(props: &LazyPageProps) -> Html {
        let page = props.page;
        let progress = use_state(|| Progress::Loading);
        let attempt = use_state(|| 0u32);
        let root = use_shell().root;
        // Whether the stand-in is on screen, and whether the page that replaces it takes
        // over keyboard focus (the stand-in's heading had it, so the reader was there).
        let stand_in_shown = use_mut_ref(|| false);
        let refocus = use_mut_ref(|| false);
        let view = loaded(page);
        {
            // Whenever the stand-in is rendered, something must render again once the part
            // is here, even when another fetch of it (a prefetch, another advisor) finishes
            // first: `fetch` then returns at once.
            let progress = progress.clone();
            use_effect_with(
                (page, *attempt, view.is_some()),
                move |&(page, _, ready)| {
                    if !ready {
                        progress.set(Progress::Loading);
                        yew::platform::spawn_local(async move {
                            let arrived = fetch(page).await.is_some();
                            progress.set(if arrived {
                                Progress::Done
                            } else {
                                Progress::Failed
                            });
                        });
                    }
                },
            );
        }
        {
            let (root, refocus) = (root.clone(), refocus.clone());
            use_effect(move || {
                if std::mem::take(&mut *refocus.borrow_mut()) {
                    browser::focus(&root, "#page-title");
                }
            });
        }

        use_report_for(props);
        if let Some(view) = view.filter(|_| report_ready(props)) {
            // Decided now, before the stand-in leaves the page and focus with it.
            if std::mem::take(&mut *stand_in_shown.borrow_mut()) {
                *refocus.borrow_mut() = browser::has_focus(&root, "#page-title");
            }
            return view(props);
        }
        *stand_in_shown.borrow_mut() = true;
        let retry = {
            let attempt = attempt.clone();
            let d = props.state.dispatcher();
            Callback::from(move |_| {
                attempt.set(*attempt + 1);
                d.dispatch(Action::Evaluate);
            })
        };
        let failed = *progress == Progress::Failed || props.state.live == Live::Missing;
        stand_in(page, failed, retry)
    }
}
