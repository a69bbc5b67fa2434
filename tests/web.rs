//! Component tests that run in a real browser (headless Chromium through
//! `wasm-bindgen-test-runner`). Run them with `./x test web`.
//!
//! Each test mounts a component into a fresh `<div>` with [`support::mount`] (or
//! [`support::mount_component`]), waits for Yew to finish rendering with
//! `yew::scheduler::flush().await` (never sleeps), then asserts on the DOM.
//!
//! More component tests go here or in `tests/web/*.rs`; declare such a file below
//! with `#[path = "web/NAME.rs"] mod NAME;` and `use crate::support::*;` inside it.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Reusable helpers for mounting components and reading or driving the DOM.
pub mod support {
    use wasm_bindgen::JsCast;
    use web_sys::{
        Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement,
    };
    use yew::{AppHandle, BaseComponent, Renderer};

    use berth::ui::app::{App, AppProps};

    pub fn document() -> Document {
        web_sys::window()
            .expect("a window")
            .document()
            .expect("a document")
    }

    /// Forgets what a previous test left behind: saved answers in `localStorage`
    /// and any `#fragment` route in the address bar.
    pub fn reset_browser_state() {
        let window = web_sys::window().expect("a window");
        if let Ok(Some(storage)) = window.local_storage() {
            storage.clear().expect("localStorage clears");
        }
        if let Ok(Some(storage)) = window.session_storage() {
            storage.clear().expect("sessionStorage clears");
        }
        let location = window.location();
        if !location.hash().unwrap_or_default().is_empty() {
            let url = format!(
                "{}{}",
                location.pathname().expect("a pathname"),
                location.search().unwrap_or_default()
            );
            window
                .history()
                .expect("a history")
                .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                .expect("replaceState works");
        }
    }

    /// A component mounted into its own `<div>`, removed from the page when dropped.
    pub struct Mounted<C: BaseComponent> {
        root: Element,
        handle: Option<AppHandle<C>>,
    }

    /// Mounts the whole app into a fresh `<div>` appended to `<body>`, with fresh browser
    /// state, and waits until it has rendered.
    pub async fn mount() -> Mounted<App> {
        mount_component::<App>(AppProps::default()).await
    }

    /// Mounts any component with the given properties, like [`mount`].
    pub async fn mount_component<C: BaseComponent>(props: C::Properties) -> Mounted<C> {
        reset_browser_state();
        let doc = document();
        let root = doc.create_element("div").expect("a div");
        root.set_attribute("data-test-root", "")
            .expect("attribute set");
        doc.body()
            .expect("a body")
            .append_child(&root)
            .expect("root appended");
        let handle = Renderer::<C>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        Mounted {
            root,
            handle: Some(handle),
        }
    }

    impl<C: BaseComponent> Mounted<C> {
        /// The `<div>` the component was mounted into.
        pub fn root(&self) -> &Element {
            &self.root
        }

        /// The first element matching `selector` inside the mounted component.
        pub fn query(&self, selector: &str) -> Option<Element> {
            self.root
                .query_selector(selector)
                .unwrap_or_else(|e| panic!("invalid selector {selector:?}: {e:?}"))
        }

        /// Every element matching `selector`, in document order.
        pub fn query_all(&self, selector: &str) -> Vec<Element> {
            let list = self
                .root
                .query_selector_all(selector)
                .unwrap_or_else(|e| panic!("invalid selector {selector:?}: {e:?}"));
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|node| node.dyn_into::<Element>().ok())
                .collect()
        }

        /// The first element matching `selector`; panics with the rendered HTML if absent.
        pub fn get(&self, selector: &str) -> Element {
            self.query(selector).unwrap_or_else(|| {
                panic!(
                    "no element matches {selector:?} in:\n{}",
                    self.root.inner_html()
                )
            })
        }

        pub fn exists(&self, selector: &str) -> bool {
            self.query(selector).is_some()
        }

        /// The text content of the first element matching `selector`, whitespace collapsed.
        pub fn text_of(&self, selector: &str) -> String {
            collapse(&self.get(selector).text_content().unwrap_or_default())
        }

        /// The text of every element matching `selector`, whitespace collapsed.
        pub fn texts_of(&self, selector: &str) -> Vec<String> {
            self.query_all(selector)
                .iter()
                .map(|e| collapse(&e.text_content().unwrap_or_default()))
                .collect()
        }

        /// All text in the mounted component, whitespace collapsed.
        pub fn text(&self) -> String {
            collapse(&self.root.text_content().unwrap_or_default())
        }

        /// Clicks the first element matching `selector`, then waits for Yew to re-render.
        pub async fn click(&self, selector: &str) {
            self.get(selector)
                .dyn_into::<HtmlElement>()
                .unwrap_or_else(|_| panic!("{selector:?} is not an HTML element"))
                .click();
            yew::scheduler::flush().await;
        }

        /// Sets the value of an `<input>`, `<textarea>` or `<select>`, fires `input` and
        /// `change` as a person typing or choosing would, then waits for Yew to re-render.
        pub async fn set_value(&self, selector: &str, value: &str) {
            let element = self.get(selector);
            if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
                input.set_value(value);
            } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
                area.set_value(value);
            } else if let Some(select) = element.dyn_ref::<HtmlSelectElement>() {
                select.set_value(value);
            } else {
                panic!("{selector:?} is not an input, textarea or select");
            }
            for kind in ["input", "change"] {
                let event = document().create_event("Event").expect("an event");
                event.init_event_with_bubbles(kind, true);
                element.dispatch_event(&event).expect("event dispatched");
            }
            yew::scheduler::flush().await;
        }
    }

    impl<C: BaseComponent> Drop for Mounted<C> {
        fn drop(&mut self) {
            if let Some(handle) = self.handle.take() {
                handle.destroy();
            }
            self.root.remove();
        }
    }

    fn collapse(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

use support::mount;

#[wasm_bindgen_test]
async fn app_renders_its_name_in_a_heading() {
    let app = mount().await;
    assert!(
        app.text_of("h1").contains("Berth"),
        "the page heading names the app, got {:?}",
        app.text_of("h1")
    );
}

#[wasm_bindgen_test]
async fn app_has_exactly_one_main_landmark() {
    let app = mount().await;
    assert_eq!(
        app.query_all("main").len(),
        1,
        "one <main> landmark in:\n{}",
        app.root().inner_html()
    );
    assert_eq!(
        app.query_all("h1").len(),
        1,
        "one <h1> in:\n{}",
        app.root().inner_html()
    );
}

#[wasm_bindgen_test]
async fn unmounting_removes_everything_it_rendered() {
    let before = support::document()
        .query_selector_all("[data-test-root]")
        .unwrap()
        .length();
    {
        let app = mount().await;
        assert!(!app.text().is_empty(), "the app renders some text");
    }
    yew::scheduler::flush().await;
    let after = support::document()
        .query_selector_all("[data-test-root]")
        .unwrap()
        .length();
    assert_eq!(before, after, "a dropped mount leaves nothing on the page");
}
