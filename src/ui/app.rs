//! The app shell: state, persistence, routing and the page frame around the screens.
//!
//! All state lives in hooks of one [`Advisor`] instance (nothing in statics), so several
//! advisors can live on one page, e.g. an embedded widget next to the full app.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::answers::Answers;
use crate::core::questionnaire::question;
use crate::ui::browser;
use crate::ui::components::header::{Header, Nav};
use crate::ui::components::notice_banner::NoticeBanner;
use crate::ui::hooks::use_manifest_worker::{use_manifest_worker, ManifestWorker};
use crate::ui::hooks::{use_route, use_theme};
use crate::ui::pages::about::AboutPage;
use crate::ui::pages::compare::ComparePage;
use crate::ui::pages::manifests::ManifestsPage;
use crate::ui::pages::questionnaire::QuestionnairePage;
use crate::ui::pages::results::ResultsPage;
use crate::ui::route::Page;
use crate::ui::state::{Action, State, ANSWERS_KEY};

/// Embedded, in-app links (`#/results`) are followed inside the advisor instead of
/// changing the host page's address.
fn in_app_links(follow: Callback<String>) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        let link = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href^='#/']").ok().flatten());
        if let Some(href) = link.and_then(|a| a.get_attribute("href")) {
            e.prevent_default();
            follow.emit(href);
        }
    })
}

/// The full-page app, as `berth::ui::start()` mounts it.
#[component]
pub fn App() -> Html {
    html! { <Advisor /> }
}

#[derive(Properties, PartialEq)]
pub struct AdvisorProps {
    /// Answers to start from instead of the saved ones (they are not saved over).
    #[prop_or_default]
    pub initial: Option<Answers>,
    /// For embedding: no page header, landmarks or footer, no hash routing, and the
    /// page's `<html>` is left alone.
    #[prop_or_default]
    pub compact: bool,
    /// Where the app's files are (a URL ending in `/`), for the manifests worker: the
    /// widget passes its own; `None` means the page's base URL.
    #[prop_or_default]
    pub asset_base: Option<AttrValue>,
}

#[component]
pub fn Advisor(props: &AdvisorProps) -> Html {
    let full = !props.compact;
    let persist = props.initial.is_none();
    let (route, follow) = use_route(full);
    let (theme, set_theme) = use_theme(full);
    let manifest_worker = use_manifest_worker(props.asset_base.clone());
    let state = {
        let initial = props.initial.clone();
        use_reducer(move || match initial {
            Some(answers) => State::new(answers, None),
            None => State::from_stored(browser::load(ANSWERS_KEY).as_deref()),
        })
    };

    // An embedding page that passes new answers starts the advisor over from them.
    {
        let dispatcher = state.dispatcher();
        let first = use_mut_ref(|| true);
        use_effect_with(props.initial.clone(), move |initial| {
            let first = std::mem::replace(&mut *first.borrow_mut(), false);
            if let (false, Some(answers)) = (first, initial) {
                dispatcher.dispatch(Action::Replace(Box::new(answers.clone())));
            }
        });
    }

    // Keep the answers for the next visit, once per change.
    use_effect_with((state.answers.clone(), persist), |(answers, persist)| {
        if *persist {
            if let Ok(json) = serde_json::to_string(&**answers) {
                browser::save(ANSWERS_KEY, &json);
            }
        }
    });

    // A share link or a link to a question: act on it once, then tidy the address so a
    // reload keeps the answers as edited since.
    {
        let dispatcher = state.dispatcher();
        let follow = follow.clone();
        use_effect_with(route.clone(), move |route| {
            if let Some(code) = &route.link {
                dispatcher.dispatch(Action::OpenLink(code.clone()));
            }
            if let Some(q) = route.question.as_deref().and_then(question) {
                dispatcher.dispatch(Action::Reveal(q.id));
            }
            if route.link.is_some() || route.question.is_some() {
                if full {
                    browser::replace_hash(route.page.href());
                } else {
                    follow.emit(route.page.href().to_string());
                }
            }
        });
    }

    // A new page gets its title, and keyboard focus moves to its heading.
    let first = use_mut_ref(|| true);
    use_effect_with((route.page, full), move |(page, full)| {
        if *full {
            browser::set_title(&[page.title(), " · Berth"].concat());
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                browser::focus("#page-title");
            }
        }
    });

    let page = match route.page {
        Page::Questionnaire => html! { <QuestionnairePage state={state.clone()} /> },
        Page::Results => html! { <ResultsPage state={state.clone()} /> },
        Page::Compare => html! { <ComparePage state={state.clone()} /> },
        Page::About => html! { <AboutPage /> },
        Page::Manifests => html! {
            <ContextProvider<ManifestWorker> context={manifest_worker}>
                <ManifestsPage state={state.clone()} />
            </ContextProvider<ManifestWorker>>
        },
    };
    let notice = state.notice.clone().map(|notice| {
        let d = state.dispatcher();
        let on_restore = Callback::from(move |()| d.dispatch(Action::Restore));
        let d = state.dispatcher();
        let on_dismiss = Callback::from(move |()| d.dispatch(Action::Dismiss));
        html! { <NoticeBanner {notice} {on_restore} {on_dismiss} /> }
    });
    let reviewed = state.report.catalog_reviewed;

    html! {
        <div class="berth" data-theme={theme.id()}>
            if full {
                <Header current={route.page} {theme} on_theme={set_theme} />
                <main id="main" tabindex="-1">
                    { for notice }
                    { page }
                </main>
                <footer class="site-footer">
                    <p>
                        { "Berth runs entirely in your browser; your answers never leave it. Catalog reviewed " }
                        { reviewed }{ ". " }<a href={Page::About.href()}>{ "About the data" }</a>
                    </p>
                </footer>
            } else {
                <div class="berth-main" onclick={in_app_links(follow)}>
                    <Nav current={route.page} label="Berth" />
                    { for notice }
                    { page }
                </div>
            }
        </div>
    }
}
