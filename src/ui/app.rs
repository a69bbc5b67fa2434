//! The app shell: state, persistence, routing and the page frame around the screens.
//!
//! All state lives in hooks of one [`Advisor`] instance (nothing in statics), so several
//! advisors can live on one page, e.g. an embedded widget next to the full app. What the
//! screens need of the advisor (its element, its views, the dense look, where share links
//! point, its manifests worker) reaches them as the [`Shell`] context.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::answers::Answers;
use crate::core::questionnaire::question;
use crate::ui::browser;
use crate::ui::components::header::{Header, Nav};
use crate::ui::components::notice_banner::NoticeBanner;
use crate::ui::engine;
use crate::ui::hooks::use_manifest_worker::{use_manifest_worker, ManifestWorker};
use crate::ui::hooks::{use_route, use_theme, Theme};
use crate::ui::lazy::{self, prefetch_link, LazyPage};
use crate::ui::pages::questionnaire::QuestionnairePage;
use crate::ui::prepared::Prepared;
use crate::ui::route::{parse, Page, Views};
use crate::ui::state::{Action, State, ANSWERS_KEY};

/// Every link within the advisor that starts with `#`. A link to a place on the page
/// (`#main`, `#p-cloud-run`) moves focus there, which brings it into view: the fragment is
/// the route, so following it would open the questionnaire. A page link (`#/results`) is
/// followed inside an embedded advisor (`follow`) instead of changing the host page's
/// address; on the full page the browser follows it.
fn fragment_links(root: NodeRef, follow: Option<Callback<String>>) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        let link = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href^='#']").ok().flatten());
        let Some(href) = link.and_then(|a| a.get_attribute("href")) else {
            return;
        };
        match (href.strip_prefix("#/"), &follow) {
            (Some(_), Some(follow)) => {
                e.prevent_default();
                follow.emit(href);
            }
            (Some(_), None) => {}
            (None, _) => {
                e.prevent_default();
                browser::focus(&root, &href);
            }
        }
    })
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The first state, when `berth::ui::start()` worked it out before this renders; the
    /// server renderer passes none, and the app then reads the saved answers itself.
    #[prop_or_default]
    pub prepared: Prepared,
}

/// The full-page app, as `berth::ui::start()` mounts it.
#[component]
pub fn App(props: &AppProps) -> Html {
    use_effect_with((), |()| browser::mark_live());
    html! { <Advisor prepared={props.prepared.clone()} /> }
}

#[derive(Properties, PartialEq)]
pub struct AdvisorProps {
    /// Answers to start from instead of the saved ones (they are not saved over).
    #[prop_or_default]
    pub initial: Option<Answers>,
    /// Embedded in another page: no page header, landmarks or footer but a navigation of
    /// its own, and the page's address, title, `<html>` and local storage are left alone
    /// (it starts from `initial`, or the defaults, and saves nothing).
    #[prop_or_default]
    pub embedded: bool,
    /// The dense look for narrow columns: tighter spacing, no long help paragraphs.
    #[prop_or_default]
    pub dense: bool,
    /// The catalog ids to evaluate, show and rank; empty means every platform.
    #[prop_or_default]
    pub only: Vec<&'static str>,
    /// The pages to show, in the navigation's order; all of them by default.
    #[prop_or_default]
    pub views: Views,
    /// The colour scheme to start from. `None`: the saved choice on the full page, the
    /// system's scheme when embedded. Embedded, it applies to the advisor's own element.
    #[prop_or_default]
    pub theme: Option<Theme>,
    /// Embedded: the full app's address (e.g. `https://example.org/berth/`) that share
    /// links start with. Without it an embedded advisor offers no share link, since the
    /// host page's address would not open Berth.
    #[prop_or_default]
    pub share_url: Option<AttrValue>,
    /// Where the app's files are (a URL ending in `/`), for the manifests worker: the
    /// widget passes its own; `None` means the page's base URL.
    #[prop_or_default]
    pub asset_base: Option<AttrValue>,
    /// The full page's first state, already worked out from the saved answers.
    #[prop_or_default]
    pub prepared: Prepared,
}

/// What the screens need to know about the advisor around them, as a context.
#[derive(Clone, Default, PartialEq)]
pub struct Shell {
    /// The advisor's root element: focus moves search inside it only.
    pub root: NodeRef,
    /// The pages shown: links to the others are not rendered.
    pub views: Views,
    /// The dense look: long help paragraphs are left out.
    pub dense: bool,
    /// Embedded: share links start with `share_url`, and there are none without it.
    pub embedded: bool,
    pub share_url: Option<AttrValue>,
    /// The advisor's manifests worker (started when the manifests view first asks).
    pub worker: Option<ManifestWorker>,
}

/// The [`Shell`] of the advisor this component is in (the defaults outside one).
#[hook]
pub fn use_shell() -> Shell {
    use_context::<Shell>().unwrap_or_default()
}

#[component]
pub fn Advisor(props: &AdvisorProps) -> Html {
    let full = !props.embedded;
    let persist = full && props.initial.is_none();
    let views = props.views.clone();
    let root = use_node_ref();
    let (route, follow) = use_route(full);
    // A hidden view cannot be reached: its route shows the entry view instead.
    let page = if views.has(route.page) {
        route.page
    } else {
        views.entry()
    };
    let follow = {
        let views = views.clone();
        Callback::from(move |href: String| {
            if views.has(parse(&href).page) {
                follow.emit(href);
            }
        })
    };
    let (theme, set_theme) = use_theme(full, props.theme);
    let manifest_worker = use_manifest_worker(props.asset_base.clone());
    let state = {
        let (initial, only, prepared) = (
            props.initial.clone(),
            props.only.clone(),
            props.prepared.clone(),
        );
        use_reducer(move || match initial {
            Some(answers) => State::new_among(answers, None, only),
            None if !full => State::new_among(Answers::default(), None, only),
            None => prepared
                .take()
                .unwrap_or_else(lazy::saved_state)
                .among(only),
        })
    };

    // An embedding page that passes new answers starts the advisor over from them, and
    // new platforms are evaluated instead of the old ones.
    {
        let dispatcher = state.dispatcher();
        let first = use_mut_ref(|| true);
        use_effect_with(
            (props.initial.clone(), props.only.clone()),
            move |(initial, only)| {
                if !std::mem::replace(&mut *first.borrow_mut(), false) {
                    let answers = initial.clone().map(Box::new);
                    dispatcher.dispatch(Action::Replace(answers, only.clone()));
                }
            },
        );
    }

    // Keep the answers for the next visit, once per change. Nothing kept means the
    // defaults, so the next visit can tell before the wasm arrives whether the pre-rendered
    // first screen is this reader's (assets/pwa/returning-reader.js).
    // Answers saved that could not be read yet are not saved over (see `State::saved_unread`).
    // The writer comes with the engine, which a change needs anyway: answers changed before
    // it is here are saved when it arrives (this runs again then).
    let save = persist && !state.saved_unread;
    let writer = engine::get().is_some();
    use_effect_with(
        (state.answers.clone(), save, writer),
        |(answers, save, _)| {
            if *save {
                if **answers == Answers::default() {
                    browser::forget(ANSWERS_KEY);
                } else if let Some(json) = engine::answers_json(answers) {
                    browser::save(ANSWERS_KEY, &json);
                }
            }
        },
    );

    // Another tab saved its answers (the `storage` event fires only in the other tabs):
    // this one shows them, so two open tabs never undo each other's changes.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(persist, move |persist| {
            let listener = persist
                .then(|| {
                    browser::listen("storage", move || {
                        // Nothing saved means the defaults; saved answers this build cannot
                        // read are left alone.
                        let dispatcher = dispatcher.clone();
                        lazy::read_saved(browser::load(ANSWERS_KEY), move |read| {
                            if let Some(Ok((theirs, _))) = read {
                                dispatcher.dispatch(Action::Synced(Box::new(theirs)));
                            }
                        });
                    })
                })
                .flatten();
            move || drop(listener)
        });
    }

    // A share link or a link to a question: act on it once, then tidy the address so a
    // reload keeps the answers as edited since. A link whose reader did not arrive stays in
    // the address, so a reload opens it.
    {
        let dispatcher = state.dispatcher();
        let follow = follow.clone();
        let views = views.clone();
        use_effect_with(route.clone(), move |route| {
            let page = route.page;
            let tidy = move || {
                if full {
                    browser::replace_hash(page.href());
                } else {
                    follow.emit(page.href().to_string());
                }
            };
            if let Some(code) = &route.link {
                let (dispatcher, tidy) = (dispatcher.clone(), tidy.clone());
                lazy::read_link(code.clone(), move |read| {
                    let arrived = read.is_some();
                    let read = read.unwrap_or_else(|| Err(lazy::link_unread()));
                    dispatcher.dispatch(Action::OpenLink(Box::new(read)));
                    if arrived {
                        tidy();
                    }
                });
            }
            if let Some(q) = route.question.as_deref().and_then(question) {
                if views.has(Page::Questionnaire) {
                    dispatcher.dispatch(Action::Reveal(q.id));
                }
            }
            if route.link.is_none() && route.question.is_some() {
                tidy();
            }
        });
    }

    // Answers to evaluate before the engine is here: fetch it, then evaluate (or say that
    // it did not arrive).
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.waiting(), move |waiting| {
            if *waiting {
                engine::load(move |arrived| {
                    dispatcher.dispatch(if arrived {
                        Action::Evaluate
                    } else {
                        Action::EngineMissing
                    })
                });
            }
        });
    }

    // A new page gets its title (full page only), and keyboard focus moves to its heading,
    // found inside this advisor's own element.
    {
        let first = use_mut_ref(|| true);
        let root = root.clone();
        use_effect_with((page, full), move |(page, full)| {
            if *full {
                browser::set_title(&[page.title(), " · Berth"].concat());
            }
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                browser::focus(&root, "#page-title");
            }
        });
    }

    let content = match page {
        Page::Questionnaire => html! { <QuestionnairePage state={state.clone()} /> },
        _ => html! { <LazyPage {page} state={state.clone()} only={props.only.clone()} /> },
    };
    let notice = state.notice.clone().map(|notice| {
        let d = state.dispatcher();
        let on_restore = Callback::from(move |()| d.dispatch(Action::Restore));
        let d = state.dispatcher();
        let on_dismiss = Callback::from(move |()| d.dispatch(Action::Dismiss));
        html! { <NoticeBanner {notice} {on_restore} {on_dismiss} /> }
    });
    let shell = Shell {
        root: root.clone(),
        views: views.clone(),
        dense: props.dense,
        embedded: props.embedded,
        share_url: props.share_url.clone(),
        worker: Some(manifest_worker),
    };

    html! {
        <div ref={root.clone()} class={classes!("berth", props.dense.then_some("dense"))} data-theme={theme.id()}
             onclick={fragment_links(root, (!full).then_some(follow))}
             onpointerover={|e: PointerEvent| prefetch_link(&e)}
             onfocusin={|e: FocusEvent| { prefetch_link(&e); engine::prefetch(); }}
             onpointerdown={|_| engine::prefetch()} onkeydown={|_| engine::prefetch()}>
            <ContextProvider<Shell> context={shell}>
                if full {
                    <Header current={page} {theme} on_theme={set_theme} />
                    <main id="main" tabindex="-1">
                        { for notice }
                        { content }
                    </main>
                    <footer class="site-footer">
                        <p>
                            { "Berth runs entirely in your browser; your answers never leave it. Catalog reviewed " }
                            { crate::core::catalog::REVIEWED }{ ". " }
                            if views.has(Page::About) {
                                <a href={Page::About.href()}>{ "About the data" }</a>
                            }
                        </p>
                    </footer>
                } else {
                    <div class="berth-main">
                        if views.nav().len() > 1 {
                            <Nav current={page} label="Berth" views={views.clone()} />
                        }
                        { for notice }
                        { content }
                    </div>
                }
            </ContextProvider<Shell>>
        </div>
    }
}
