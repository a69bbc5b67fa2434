//! Component tests of the UI in headless Chromium: questionnaire rendering and validation,
//! verdicts and reasons on the results page, the compare table, the data page, theme,
//! persistence and share links. Run with `cargo test --target wasm32-unknown-unknown --test web_ui`.
//!
//! Each test mounts the app into a fresh `<div>` with a chosen hash route and stored
//! answers, waits with `yew::scheduler::flush().await` (never sleeps) and reads the DOM.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::{AppHandle, BaseComponent, Renderer};

use berth::core::answers::{Answers, Archetype};
use berth::core::share_link;
use berth::ui::app::{Advisor, AdvisorProps, App, AppProps};
use berth::ui::hooks::Theme;
use berth::ui::route::{Page, Views};
use berth::ui::state::ANSWERS_KEY;
use berth::ui::widget::WidgetConfig;

wasm_bindgen_test_configure!(run_in_browser);

fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

fn storage() -> web_sys::Storage {
    window().local_storage().expect("storage").expect("storage")
}

/// The answers kept for the next visit: nothing kept means the defaults.
fn stored_answers() -> Answers {
    match storage().get_item(ANSWERS_KEY).expect("readable") {
        Some(text) => berth::core::answers::parse_answers(&text).expect("stored answers parse"),
        None => Answers::default(),
    }
}

/// Points the address bar at `hash` without firing `hashchange`.
fn set_hash(hash: &str) {
    let location = window().location();
    let mut url = location.pathname().expect("a pathname");
    url.push_str(hash);
    window()
        .history()
        .expect("history")
        .replace_state_with_url(&JsValue::NULL, "", Some(&url))
        .expect("replaceState");
}

struct Mounted<C: BaseComponent> {
    root: Element,
    handle: Option<AppHandle<C>>,
}

impl<C: BaseComponent> Drop for Mounted<C> {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

/// Mounts `C` with clean storage (plus `stored` answers, if given) at route `hash`.
async fn mount_with<C: BaseComponent>(
    props: C::Properties,
    hash: &str,
    stored: Option<&Answers>,
) -> Mounted<C> {
    storage().clear().expect("storage clears");
    if let Some(a) = stored {
        storage()
            .set_item(ANSWERS_KEY, &serde_json::to_string(a).expect("serializes"))
            .expect("stored");
    }
    mount_as_is::<C>(props, hash).await
}

/// Mounts `C` at route `hash`, leaving storage as it is.
async fn mount_as_is<C: BaseComponent>(props: C::Properties, hash: &str) -> Mounted<C> {
    // No manifests worker here (its files come from the Trunk build): the same handler,
    // run in the page.
    berth::ui::hooks::use_manifest_worker::answer_in_page(Some(
        berth::core::manifest_request::respond_json,
    ));
    set_hash(hash);
    let doc = window().document().expect("a document");
    let root = doc.create_element("div").expect("a div");
    doc.body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    let handle = Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    Mounted {
        root,
        handle: Some(handle),
    }
}

async fn mount(hash: &str) -> Mounted<App> {
    mount_with::<App>(AppProps::default(), hash, None).await
}

impl<C: BaseComponent> Mounted<C> {
    fn query(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).expect("valid selector")
    }

    fn get(&self, selector: &str) -> Element {
        self.query(selector).unwrap_or_else(|| {
            panic!(
                "no element matches {selector:?} in:\n{}",
                self.root.inner_html()
            )
        })
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self
            .root
            .query_selector_all(selector)
            .expect("valid selector");
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .collect()
    }

    fn text_of(&self, selector: &str) -> String {
        collapse(&self.get(selector).text_content().unwrap_or_default())
    }

    fn text(&self) -> String {
        collapse(&self.root.text_content().unwrap_or_default())
    }

    fn input(&self, selector: &str) -> HtmlInputElement {
        self.get(selector).dyn_into().expect("an <input>")
    }

    async fn click(&self, selector: &str) {
        self.get(selector)
            .dyn_into::<HtmlElement>()
            .expect("an HTML element")
            .click();
        yew::scheduler::flush().await;
    }

    /// Clicks the first button whose text contains `label`.
    async fn click_button(&self, label: &str) {
        let button = self
            .all("button")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default().contains(label))
            .unwrap_or_else(|| panic!("no button {label:?} in:\n{}", self.root.inner_html()));
        button.dyn_into::<HtmlElement>().expect("a button").click();
        yew::scheduler::flush().await;
    }

    /// Types into an input as a person would: sets the value and fires `input`.
    async fn type_into(&self, selector: &str, value: &str) {
        let input = self.input(selector);
        input.set_value(value);
        fire(&input, "input");
        yew::scheduler::flush().await;
    }

    async fn choose(&self, selector: &str, value: &str) {
        let select: HtmlSelectElement = self.get(selector).dyn_into().expect("a <select>");
        select.set_value(value);
        fire(&select, "change");
        yew::scheduler::flush().await;
    }

    /// Follows a hash link as the browser would, firing `hashchange`.
    async fn go(&self, hash: &str) {
        set_hash(hash);
        window()
            .dispatch_event(&web_sys::Event::new("hashchange").expect("an event"))
            .expect("dispatched");
        yew::scheduler::flush().await;
    }
}

fn fire(target: &web_sys::EventTarget, kind: &str) {
    let event = web_sys::Event::new(kind).expect("an event");
    event.init_event_with_bubbles(kind, true);
    target.dispatch_event(&event).expect("dispatched");
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn link_to(answers: &Answers) -> String {
    share_link::fragment("results", answers)
}

// ---------------------------------------------------------------------------
// The shell

#[wasm_bindgen_test]
async fn shell_has_landmarks_navigation_and_a_theme_switch() {
    let app = mount("").await;
    assert!(app.text_of("h1").contains("Berth"));
    assert_eq!(app.all("main").len(), 1);
    let nav: Vec<String> = app
        .all("nav a")
        .iter()
        .map(|a| collapse(&a.text_content().unwrap_or_default()))
        .collect();
    assert_eq!(
        nav,
        ["Questionnaire", "Results", "Compare", "About the data"]
    );
    assert_eq!(
        app.get("nav a[aria-current=page]")
            .get_attribute("href")
            .as_deref(),
        Some("#/questionnaire")
    );
    assert!(app.exists_skip_link(), "a skip link comes first");

    app.choose("#theme", "dark").await;
    assert_eq!(
        app.get(".berth").get_attribute("data-theme").as_deref(),
        Some("dark")
    );
    assert_eq!(
        storage().get_item("berth.theme.v1").unwrap().as_deref(),
        Some("dark")
    );
    app.choose("#theme", "auto").await;
    assert_eq!(
        storage().get_item("berth.theme.v1").unwrap(),
        None,
        "following the system is the default, kept as nothing"
    );
}

impl Mounted<App> {
    fn exists_skip_link(&self) -> bool {
        self.query("a.skip[href='#main']").is_some()
    }
}

#[wasm_bindgen_test]
async fn routes_switch_pages_and_mark_the_current_link() {
    let app = mount("#/compare").await;
    assert_eq!(app.text_of("#page-title"), "Compare");
    app.go("#/about").await;
    assert_eq!(app.text_of("#page-title"), "About the data");
    assert_eq!(
        app.get("nav a[aria-current=page]")
            .get_attribute("href")
            .as_deref(),
        Some("#/about")
    );
    app.go("#/nonsense").await;
    assert_eq!(
        app.text_of("#page-title"),
        "Questionnaire",
        "unknown routes fall back to the start"
    );
}

// ---------------------------------------------------------------------------
// Questionnaire

#[wasm_bindgen_test]
async fn questionnaire_starts_with_the_archetype_and_shows_live_results() {
    let app = mount("#/questionnaire").await;
    assert_eq!(app.text_of("#section-title"), "Starting point");
    assert_eq!(app.all("input[name=q-archetype]").len(), 7);
    assert!(
        app.text_of("#q-archetype")
            .contains("Needs Windows containers."),
        "each archetype has a hint"
    );
    let live = app.get("[aria-live=polite]");
    assert!(
        collapse(&live.text_content().unwrap()).starts_with("Top pick: "),
        "{}",
        app.text_of("[aria-live]")
    );
    assert!(
        app.query(".live a[href='#/results']").is_some(),
        "See results is always at hand"
    );
}

#[wasm_bindgen_test]
async fn choosing_an_archetype_prefills_answers_and_updates_the_live_panel() {
    let app = mount("#/questionnaire").await;
    let before = app.text_of("[aria-live=polite]");
    app.click("#q-archetype-windows_app").await;
    assert_eq!(stored_answers(), Archetype::WindowsApp.preset());
    let after = app.text_of("[aria-live=polite]");
    assert_ne!(before, after, "the live summary follows the answers");
    assert!(after.contains("ruled out"), "{after}");
}

#[wasm_bindgen_test]
async fn next_and_back_walk_only_applicable_sections() {
    let app = mount("#/questionnaire").await;
    assert!(app
        .get("button[disabled]")
        .text_content()
        .unwrap()
        .contains("Back"));
    app.click_button("Next").await;
    assert_eq!(app.text_of("#section-title"), "Workload");
    app.click_button("Next").await;
    assert_eq!(app.text_of("#section-title"), "Resources");
    assert!(
        app.query("#q-gpu_type").is_none(),
        "Which GPU? only applies with a GPU"
    );
    app.click("#q-gpu-true").await;
    assert!(
        app.query("#q-gpu_type").is_some(),
        "asked once a GPU is needed"
    );
    app.click_button("Back").await;
    assert_eq!(app.text_of("#section-title"), "Workload");
    assert!(app.text_of(".step-count").starts_with("Step 2 of "));
}

#[wasm_bindgen_test]
async fn an_invalid_number_keeps_the_text_shows_why_and_keeps_the_last_valid_answer() {
    let app = mount("#/questionnaire?q=memory_gib").await;
    assert_eq!(app.text_of("#section-title"), "Resources");
    app.type_into("#q-memory_gib-input", "9999").await;
    let input = app.input("#q-memory_gib-input");
    assert_eq!(input.value(), "9999", "what was typed stays in the box");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = input.get_attribute("aria-describedby").unwrap();
    assert!(
        described.split(' ').any(|id| id == "q-memory_gib-error"),
        "{described}"
    );
    assert_eq!(
        app.text_of("#q-memory_gib-error"),
        "Memory per instance must be between 0.125 and 512 GiB"
    );
    assert_eq!(
        stored_answers().memory_gib,
        Some(2.0),
        "the last valid answer is kept"
    );

    app.type_into("#q-memory_gib-input", "lots").await;
    assert!(app
        .text_of("#q-memory_gib-error")
        .contains("is not a number"));

    app.type_into("#q-memory_gib-input", "4,5").await;
    assert!(app.query("#q-memory_gib-error").is_none());
    assert_eq!(input.get_attribute("aria-invalid"), None);
    assert_eq!(
        stored_answers().memory_gib,
        Some(4.5),
        "a decimal comma is read"
    );

    // A comma that could separate thousands is never guessed; hex and exponents are no
    // numbers a person types here.
    app.type_into("#q-memory_gib-input", "1,024").await;
    assert_eq!(
        app.text_of("#q-memory_gib-error"),
        "\u{201c}1,024\u{201d} could be read two ways: write 1024 with no separators, or use a point for a decimal (1.024)."
    );
    assert_eq!(stored_answers().memory_gib, Some(4.5), "nothing guessed");
    for typed in ["0x10", "1e3", "1,000,000", "1.2.3"] {
        app.type_into("#q-memory_gib-input", typed).await;
        assert!(app.query("#q-memory_gib-error").is_some(), "{typed}");
        assert_eq!(stored_answers().memory_gib, Some(4.5), "{typed}");
    }
}

/// A maximum typed below the minimum is flagged on the maximum, even though each number
/// on its own is valid.
#[wasm_bindgen_test]
async fn a_maximum_below_the_minimum_is_flagged() {
    let app = mount("#/questionnaire?q=min_instances").await;
    app.type_into("#q-min_instances-input", "50").await;
    app.type_into("#q-max_instances-input", "10").await;
    assert_eq!(
        app.text_of("#q-max_instances-error"),
        "must be at least the minimum instances (50)"
    );
    app.type_into("#q-max_instances-input", "60").await;
    assert!(app.query("#q-max_instances-error").is_none());
}

/// A whole-number field's message gives a whole-number example.
#[wasm_bindgen_test]
async fn a_whole_number_field_asks_for_a_whole_number() {
    let app = mount("#/questionnaire?q=max_instances").await;
    app.type_into("#q-max_instances-input", "many").await;
    assert_eq!(
        app.text_of("#q-max_instances-error"),
        "\u{201c}many\u{201d} is not a number. Use digits, e.g. 2."
    );
}

/// "Not sure" after a mistyped number leaves no error behind on the disabled box.
#[wasm_bindgen_test]
async fn not_sure_clears_the_error_of_a_mistyped_number() {
    let app = mount("#/questionnaire?q=vcpu").await;
    app.type_into("#q-vcpu-input", "abc").await;
    assert!(app.query("#q-vcpu-error").is_some());
    app.click("#q-vcpu-unsure").await;
    assert!(app.query("#q-vcpu-error").is_none(), "{}", app.text());
    assert_eq!(
        app.input("#q-vcpu-input").get_attribute("aria-invalid"),
        None
    );
    app.click("#q-vcpu-unsure").await;
    assert_eq!(stored_answers().vcpu, Some(1.0));
}

#[wasm_bindgen_test]
async fn not_sure_clears_a_number_and_unticking_brings_one_back() {
    let app = mount("#/questionnaire?q=vcpu").await;
    app.click("#q-vcpu-unsure").await;
    assert_eq!(stored_answers().vcpu, None);
    assert!(app.input("#q-vcpu-input").disabled());
    app.click("#q-vcpu-unsure").await;
    assert_eq!(stored_answers().vcpu, Some(1.0));
    assert_eq!(app.input("#q-vcpu-input").value(), "1");
}

#[wasm_bindgen_test]
async fn a_cross_field_problem_is_shown_on_the_question() {
    let app = mount("#/questionnaire?q=min_instances").await;
    app.type_into("#q-min_instances-input", "50").await;
    assert!(
        app.text_of("#q-max_instances-error")
            .contains("at least the minimum"),
        "{}",
        app.text()
    );
}

#[wasm_bindgen_test]
async fn an_answer_says_what_it_rules_out() {
    let app = mount("#/questionnaire?q=os").await;
    assert!(
        app.query("#q-os-rules").is_none(),
        "Linux rules nothing out"
    );
    app.click("#q-os-windows").await;
    let rules = app.text_of("#q-os-rules");
    assert!(rules.starts_with("Your answer rules out: "), "{rules}");
    assert!(rules.contains("Google Cloud Run"), "{rules}");
}

#[wasm_bindgen_test]
async fn multiple_choice_toggles_options() {
    let app = mount("#/questionnaire?q=special").await;
    app.click("#q-special-sidecars").await;
    app.click("#q-special-privileged").await;
    assert_eq!(stored_answers().special.len(), 2);
    app.click("#q-special-sidecars").await;
    assert_eq!(stored_answers().special.len(), 1);
}

/// The full page's first state can be worked out before the app renders (`ui::start` does
/// it in a task of its own): the app starts from it, not from a second reading of storage.
#[wasm_bindgen_test]
async fn the_app_starts_from_a_prepared_first_state() {
    use berth::ui::prepared::Prepared;

    let batch = serde_json::to_string(&Archetype::BatchJob.preset()).expect("serializes");
    let props = AppProps {
        prepared: Prepared::from_stored(Some(&batch)),
    };
    let app = mount_with::<App>(props, "#/questionnaire", None).await;
    assert!(app.input("#q-archetype-batch_job").checked());
    assert_eq!(
        stored_answers(),
        Archetype::BatchJob.preset(),
        "and keeps it"
    );
}

#[wasm_bindgen_test]
async fn reset_restores_defaults_and_offers_the_previous_answers_back() {
    let mut mine = Archetype::BatchJob.preset();
    mine.vcpu = Some(3.0);
    let app = mount_with::<App>(AppProps::default(), "#/questionnaire", Some(&mine)).await;
    app.click_button("Reset answers").await;
    assert_eq!(stored_answers(), Answers::default());
    assert_eq!(
        storage().get_item(ANSWERS_KEY).expect("readable"),
        None,
        "the defaults are kept as nothing"
    );
    app.click_button("Restore my previous answers").await;
    assert_eq!(stored_answers(), mine);
}

// ---------------------------------------------------------------------------
// Results

#[wasm_bindgen_test]
async fn results_show_the_top_pick_and_every_platform_with_a_verdict() {
    let app = mount("#/results").await;
    assert!(!app.text_of("#top-pick-title").is_empty());
    let cards = app.all("article.platform");
    assert_eq!(cards.len(), berth::core::catalog::catalog().platforms.len());
    for card in &cards {
        let badge = collapse(
            &card
                .query_selector(".badge")
                .unwrap()
                .expect("a verdict badge")
                .text_content()
                .unwrap(),
        );
        assert!(
            ["Eligible", "Eligible with caveats", "Ruled out"].contains(&badge.as_str()),
            "{badge}"
        );
    }
    for a in app.all(".cite a") {
        assert!(
            a.get_attribute("href").unwrap().starts_with("https://"),
            "every reason links to its source"
        );
    }
    assert!(
        app.query("#guidance-title").is_some(),
        "integration and security for the pick"
    );
}

/// A platform that is not generally available carries its status beside its name in the
/// live ranking and on its card (App Runner is closed to new customers); the others do not.
#[wasm_bindgen_test]
async fn a_platform_winding_down_says_so_beside_its_name() {
    use berth::core::catalog::{catalog, LifecycleStatus};
    use berth::core::report_view::lifecycle_label;
    let status = |name: &str| {
        let p = catalog()
            .platforms
            .iter()
            .find(|p| p.name == name)
            .expect("a platform");
        p.lifecycle.value.status
    };
    let app = mount("#/questionnaire").await;
    for li in app.all(".live-ranking li") {
        let name = li
            .query_selector(".name")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        let text = collapse(&li.text_content().unwrap());
        match status(&name) {
            LifecycleStatus::Ga => assert!(!text.contains("customers"), "{text}"),
            s => assert!(text.contains(lifecycle_label(s)), "{text}"),
        }
    }
    drop(app);
    let app = mount("#/results").await;
    let card = collapse(&app.text_of("#platform-app-runner .platform-head"));
    assert!(card.contains("Closed to new customers"), "{card}");
    let card = collapse(&app.text_of("#platform-cloud-run .platform-head"));
    assert!(!card.contains("Closed to new customers"), "{card}");
    drop(app);
    let app = mount("#/compare").await;
    let heads = texts(&app.all(".compare-table thead th"));
    let closed: Vec<_> = heads
        .iter()
        .filter(|h| h.contains("Closed to new customers"))
        .collect();
    assert_eq!(closed.len(), 1, "{heads:?}");
    assert!(closed[0].contains("App Runner"), "{heads:?}");
}

#[wasm_bindgen_test]
async fn a_ruled_out_platform_names_the_answer_and_links_back_to_it() {
    let mut windows = Archetype::PublicWeb.preset();
    windows.os = berth::core::answers::Os::Windows;
    let app = mount_with::<App>(AppProps::default(), "#/results", Some(&windows)).await;
    let blocker = app
        .all(".blockers a.answer-link")
        .into_iter()
        .find(|a| a.get_attribute("href").as_deref() == Some("#/questionnaire?q=os"))
        .unwrap_or_else(|| panic!("a blocker links to the OS question:\n{}", app.text()));
    assert!(collapse(&blocker.text_content().unwrap()).contains("Container operating system"));
    app.go("#/questionnaire?q=os").await;
    assert_eq!(app.text_of("#section-title"), "OS and CPU architecture");
}

#[wasm_bindgen_test]
async fn guidance_can_be_shown_for_another_eligible_platform() {
    let app = mount("#/results").await;
    let second = app
        .all("#guidance-platform option")
        .into_iter()
        .nth(1)
        .expect("a second eligible platform");
    let value = second.get_attribute("value").unwrap();
    let name = collapse(&second.text_content().unwrap());
    app.choose("#guidance-platform", &value).await;
    assert!(
        app.text_of("#guidance-title").ends_with(&name),
        "{}",
        app.text_of("#guidance-title")
    );
}

#[wasm_bindgen_test]
async fn nothing_fits_names_the_fallbacks() {
    let mut host = Archetype::PublicWeb.preset();
    host.special = vec![
        berth::core::answers::SpecialNeed::Privileged,
        berth::core::answers::SpecialNeed::HostNetwork,
    ];
    let app = mount_with::<App>(AppProps::default(), "#/results", Some(&host)).await;
    let report = berth::core::evaluate::evaluate(&host);
    assert!(
        !report.nothing_fits.is_empty(),
        "privileged host networking fits no serverless platform"
    );
    assert!(app.text_of("#nothing-fits-title").contains("Nothing fits"));
    let text = app.text_of(".nothing-fits");
    for f in &report.nothing_fits {
        // Each option shows its source's check date, and each fee its own, from the catalog.
        assert!(text.contains(f.name) && text.contains(&format!("checked {}", f.verified)));
        for p in f.prices {
            assert!(
                text.contains(&berth::core::report_view::price_text(p)),
                "{text}"
            );
        }
    }
    assert!(report.nothing_fits.iter().any(|f| !f.prices.is_empty()));
}

#[wasm_bindgen_test]
async fn not_sure_answers_list_their_assumptions() {
    let app = mount_with::<App>(
        AppProps::default(),
        "#/results",
        Some(&Archetype::Scratch.preset()),
    )
    .await;
    let report = berth::core::evaluate::evaluate(&Archetype::Scratch.preset());
    assert!(
        !report.assumptions.is_empty(),
        "Not sure answers lead to assumptions"
    );
    assert!(app
        .text_of(".assumptions")
        .contains(&report.assumptions[0].assumed));
}

#[wasm_bindgen_test]
async fn results_show_each_estimate_on_its_card_in_the_chart_and_line_by_line() {
    let app = mount("#/results").await;
    let report = berth::core::evaluate::evaluate(&Answers::default());
    let fits: Vec<_> = report
        .platforms
        .iter()
        .filter(|p| p.cost.is_some())
        .collect();
    assert!(!fits.is_empty());
    assert_eq!(app.all(".cost-table tbody tr").len(), fits.len());
    assert!(app.text_of("#cost-title").contains("monthly estimates"));
    assert!(
        app.text_of(".cost-basis").contains("only workload"),
        "the assumptions sit with the chart"
    );
    for p in fits {
        let e = p.cost.as_ref().unwrap();
        let figure = berth::core::cost::text::figure(e);
        let card = ["#platform-", p.id].concat();
        assert!(
            collapse(&app.text_of(&[card.as_str(), " .cost-figure"].concat())).contains(&figure),
            "{}: {figure}",
            p.id
        );
        let items = app.all(&[card.as_str(), " details.cost li"].concat());
        // The lines, then the notes, then the link to the assumptions.
        assert_eq!(items.len(), e.lines.len() + e.notes.len() + 1, "{}", p.id);
        let lines = &items[..e.lines.len()];
        for (li, line) in lines.iter().zip(&e.lines) {
            let cite = li.query_selector(".cite a").unwrap();
            assert_eq!(
                cite.is_some(),
                line.amount.is_some(),
                "{}: a known line cites its price",
                p.id
            );
        }
    }
    let bars = app.all(".cost-table .bar");
    assert!(bars
        .iter()
        .all(|b| b.get_attribute("aria-hidden").as_deref() == Some("true")));
}

#[wasm_bindgen_test]
async fn the_compare_table_ends_with_the_monthly_estimate() {
    let app = mount("#/compare").await;
    let report = berth::core::evaluate::evaluate(&Answers::default());
    let row = collapse(&app.text_of(".compare-table tr.cost-row"));
    assert!(row.contains("Estimated monthly cost"));
    for p in report.platforms.iter().filter(|p| p.cost.is_some()) {
        let short = berth::core::cost::text::short(p.cost.as_ref().unwrap());
        assert!(row.contains(&short), "{}: {short} in {row}", p.id);
    }
}

// ---------------------------------------------------------------------------
// Compare and About

#[wasm_bindgen_test]
async fn compare_has_a_row_per_requirement_and_a_column_per_platform() {
    let app = mount("#/compare").await;
    let rows = berth::core::report_view::requirement_rows(&Answers::default()).len();
    let platforms = berth::core::catalog::catalog().platforms.len();
    // One row per requirement, then the cost row.
    assert_eq!(app.all(".compare-table tbody tr").len(), rows + 1);
    assert_eq!(
        app.all(".compare-table tbody td").len(),
        (rows + 1) * platforms
    );
    let cell = app.get(".compare-table tbody td");
    assert!(
        !cell.get_attribute("title").unwrap().is_empty(),
        "the reason shows on hover"
    );
    assert_eq!(
        cell.get_attribute("tabindex").as_deref(),
        Some("0"),
        "and on keyboard focus"
    );
    assert!(!collapse(
        &cell
            .query_selector(".cell-detail")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    )
    .is_empty());
}

#[wasm_bindgen_test]
async fn about_lists_every_platform_with_its_sourced_facts() {
    let app = mount("#/about").await;
    let catalog = berth::core::catalog::catalog();
    assert!(app.text_of(".lede").contains(&*catalog.reviewed));
    assert_eq!(app.all(".platform-data").len(), catalog.platforms.len());
    let facts: usize = catalog
        .platforms
        .iter()
        .map(|p| berth::core::catalog::fact_sources(p).len())
        .sum();
    assert_eq!(app.all(".facts tbody tr").len(), facts);
    // The share of confirmed facts that can rule a platform out: overall, then per platform.
    let shares = app.all(".confirmed-share");
    assert_eq!(shares.len(), catalog.platforms.len() + 1);
    let all = berth::core::catalog::catalog_confirmed_share(catalog);
    let overall = shares[0].text_content().unwrap();
    assert!(
        overall.starts_with(&format!("{} of {} facts", all.confirmed, all.total))
            && overall.contains(&format!("({}%)", all.percent())),
        "{overall}"
    );
    let first = berth::core::catalog::confirmed_share(&catalog.platforms[0]);
    assert!(shares[1]
        .text_content()
        .unwrap()
        .starts_with(&format!("{} of {} facts", first.confirmed, first.total)));
}

// ---------------------------------------------------------------------------
// Keeping and sharing

#[wasm_bindgen_test]
async fn stored_answers_survive_a_remount() {
    let mut mine = Archetype::EventWorker.preset();
    mine.memory_gib = Some(6.0);
    let app = mount_with::<App>(AppProps::default(), "#/questionnaire", Some(&mine)).await;
    assert!(app.input("#q-archetype-event_worker").checked());
    assert_eq!(stored_answers(), mine);
}

#[wasm_bindgen_test]
async fn damaged_stored_answers_keep_what_is_valid_and_say_what_was_dropped() {
    storage().clear().unwrap();
    let app = {
        storage()
            .set_item(
                ANSWERS_KEY,
                r#"{"version":1,"archetype":"batch_job","vcpu":4,"memory_gib":"lots"}"#,
            )
            .unwrap();
        set_hash("#/questionnaire");
        let doc = window().document().unwrap();
        let root = doc.create_element("div").unwrap();
        doc.body().unwrap().append_child(&root).unwrap();
        let handle =
            Renderer::<App>::with_root_and_props(root.clone(), AppProps::default()).render();
        yew::scheduler::flush().await;
        Mounted {
            root,
            handle: Some(handle),
        }
    };
    assert!(
        app.text_of(".notice").contains("Memory per instance"),
        "{}",
        app.text_of(".notice")
    );
    assert_eq!(stored_answers().vcpu, Some(4.0));
    assert_eq!(stored_answers().archetype, Archetype::BatchJob);
}

#[wasm_bindgen_test]
async fn a_share_link_opens_its_answers_and_can_be_undone() {
    let mut shared = Archetype::GpuInference.preset();
    shared.memory_gib = Some(24.0);
    let mine = Archetype::InternalService.preset();
    let app = mount_with::<App>(AppProps::default(), &link_to(&shared), Some(&mine)).await;
    assert_eq!(app.text_of("#page-title"), "Results");
    assert!(app
        .text_of(".notice")
        .contains("Opened the answers from a shared link"));
    assert_eq!(stored_answers(), shared);
    assert_eq!(
        window().location().hash().unwrap(),
        "#/results",
        "the code leaves the address bar"
    );
    app.click_button("Restore my previous answers").await;
    assert_eq!(stored_answers(), mine);
}

#[wasm_bindgen_test]
async fn the_share_panel_link_round_trips() {
    let mut mine = Archetype::BatchJob.preset();
    mine.job_minutes = Some(90);
    mine.runs_per_month = Some(120);
    mine.minutes_per_run = None;
    mine.cost_preference = berth::core::answers::CostPreference::Cheapest;
    let app = mount_with::<App>(AppProps::default(), "#/results", Some(&mine)).await;
    let url = app.input("#share-url").value();
    let code = share_link::code_in(&url).expect("a code in the share link");
    assert_eq!(share_link::decode(code).expect("decodes").answers, mine);
}

#[wasm_bindgen_test]
async fn a_damaged_share_link_says_so_and_leaves_stored_answers_alone() {
    let mine = Archetype::WindowsApp.preset();
    let app = mount_with::<App>(AppProps::default(), "#/results?a=1.%%%", Some(&mine)).await;
    let notice = app.text_of(".notice");
    assert!(
        notice.contains("could not") || notice.contains("damaged"),
        "{notice}"
    );
    assert!(
        notice.contains("Your own answers are unchanged"),
        "{notice}"
    );
    assert!(
        notice.contains("Copy the whole link again from where it was shared."),
        "what to do: {notice}"
    );
    assert_eq!(
        app.get(".notice").get_attribute("role").as_deref(),
        Some("alert")
    );
    assert_eq!(stored_answers(), mine);
}

#[wasm_bindgen_test]
async fn an_outdated_share_link_keeps_what_it_can_and_lists_what_it_dropped() {
    let json = r#"{"archetype":"batch_job","vcpu":4,"memory_gib":9999,"retired_question":true}"#;
    let hash = [
        "#/results?a=1.",
        &share_link::base64url_encode(json.as_bytes()),
    ]
    .concat();
    let app = mount_with::<App>(
        AppProps::default(),
        &hash,
        Some(&Archetype::PublicWeb.preset()),
    )
    .await;
    let notice = app.text_of(".notice");
    assert!(notice.contains("Kept: "), "{notice}");
    assert!(notice.contains("vCPU per instance"), "{notice}");
    assert!(notice.contains("Dropped:"), "{notice}");
    assert!(
        notice.contains("Memory per instance: Memory per instance must be between"),
        "{notice}"
    );
    assert!(notice.contains("retired_question"), "{notice}");
    let stored = stored_answers();
    assert_eq!(
        (stored.archetype, stored.vcpu),
        (Archetype::BatchJob, Some(4.0))
    );
}

// ---------------------------------------------------------------------------
// Embedding

#[wasm_bindgen_test]
async fn an_embedded_advisor_starts_from_given_answers_without_page_chrome() {
    let props = yew::props!(AdvisorProps {
        initial: Some(Archetype::BatchJob.preset()),
        embedded: true,
    });
    let app = mount_with::<Advisor>(props, "#/compare", None).await;
    assert!(
        app.query("main").is_none() && app.query("h1").is_none(),
        "no page landmarks inside a host page"
    );
    assert_eq!(
        app.text_of("#page-title"),
        "Questionnaire",
        "the host page's route is not followed"
    );
    assert!(app.input("#q-archetype-batch_job").checked());
    assert_eq!(
        storage().get_item(ANSWERS_KEY).unwrap(),
        None,
        "given answers are not saved over the user's"
    );
}

/// An embedded advisor's props with `f` applied to the defaults.
fn embedded(f: impl FnOnce(&mut AdvisorProps)) -> AdvisorProps {
    let mut props = yew::props!(AdvisorProps {
        initial: Some(Archetype::PublicWeb.preset()),
        embedded: true,
    });
    f(&mut props);
    props
}

fn texts(elements: &[Element]) -> Vec<String> {
    elements
        .iter()
        .map(|e| collapse(&e.text_content().unwrap_or_default()))
        .collect()
}

const AZURE: [&str; 3] = ["aci", "aks-virtual-nodes", "container-apps"];

#[wasm_bindgen_test]
async fn an_advisor_limited_to_some_platforms_shows_only_those() {
    let props = embedded(|p| p.only = AZURE.to_vec());
    let app = mount_with::<Advisor>(props, "", None).await;
    let names: Vec<&str> = berth::core::catalog::catalog()
        .platforms
        .iter()
        .filter(|p| AZURE.contains(&p.id.as_ref()))
        .map(|p| p.name.as_ref())
        .collect();
    let in_subset = |text: &str| names.iter().any(|n| text.starts_with(n));
    let live = texts(&app.all(".live-ranking li"));
    assert!(
        !live.is_empty() && live.iter().all(|t| in_subset(t)),
        "{live:?}"
    );

    app.click(".live a[href='#/results']").await;
    let cards = texts(&app.all(".all-platforms .platform h4"));
    assert_eq!(cards.len(), 3, "{cards:?}");
    assert!(cards.iter().all(|t| in_subset(t)));
    assert!(app.text_of(".lede").contains(" of 3 platforms fit"));

    app.click("nav a[href='#/compare']").await;
    assert_eq!(app.all(".compare-table thead th[scope=col]").len(), 1 + 3);
    app.click("nav a[href='#/about']").await;
    assert_eq!(app.all(".platform-data").len(), 3);
    assert!(app.text_of(".lede").contains("compares 3 of the"));
}

#[wasm_bindgen_test]
async fn views_limit_the_navigation_and_hide_links_to_other_views() {
    let props = embedded(|p| p.views = Views::new([Page::Compare, Page::Questionnaire]));
    let app = mount_with::<Advisor>(props, "", None).await;
    assert_eq!(texts(&app.all("nav a")), ["Compare", "Questionnaire"]);
    assert_eq!(
        app.text_of("#page-title"),
        "Questionnaire",
        "the questionnaire stays the entry view"
    );
    assert!(
        app.query("a[href='#/results']").is_none(),
        "no link to the hidden results"
    );

    // A link to a hidden view (say, one put there by the host page) goes nowhere.
    let stray = window().document().unwrap().create_element("a").unwrap();
    stray.set_attribute("href", "#/results").unwrap();
    app.get(".berth-main").append_child(&stray).unwrap();
    stray.dyn_into::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
    assert_eq!(app.text_of("#page-title"), "Questionnaire");

    app.click("nav a[href='#/compare']").await;
    assert_eq!(app.text_of("#page-title"), "Compare");
}

#[wasm_bindgen_test]
async fn without_the_questionnaire_the_first_view_opens_and_answers_are_not_linked() {
    let props = embedded(|p| p.views = Views::new([Page::Results]));
    let app = mount_with::<Advisor>(props, "", None).await;
    assert_eq!(app.text_of("#page-title"), "Results");
    assert!(app.query("nav").is_none(), "no navigation for one view");
    assert!(app.query("a[href^='#/questionnaire']").is_none());
    assert!(app.query("a[href='#/manifests']").is_none());
    assert!(!app.all(".all-platforms .platform").is_empty());
}

#[wasm_bindgen_test]
async fn an_embedded_theme_stays_inside_and_the_saved_one_is_neither_read_nor_written() {
    storage().clear().unwrap();
    storage().set_item("berth.theme.v1", "light").unwrap();
    let html = window().document().unwrap().document_element().unwrap();
    let page_theme = html.get_attribute("data-theme");
    {
        let app = mount_as_is::<Advisor>(embedded(|p| p.theme = Some(Theme::Dark)), "").await;
        assert_eq!(
            app.get(".berth").get_attribute("data-theme").as_deref(),
            Some("dark")
        );
    }
    {
        let app = mount_as_is::<Advisor>(embedded(|_| {}), "").await;
        assert_eq!(
            app.get(".berth").get_attribute("data-theme").as_deref(),
            Some("auto"),
            "the site's saved theme is not read"
        );
    }
    assert_eq!(
        html.get_attribute("data-theme"),
        page_theme,
        "<html> untouched"
    );
    assert_eq!(
        storage().get_item("berth.theme.v1").unwrap().as_deref(),
        Some("light")
    );
    assert_eq!(storage().length().unwrap(), 1, "nothing else stored");
}

#[wasm_bindgen_test]
async fn dense_is_the_compact_look_and_embedded_alone_is_not() {
    let app = mount_with::<Advisor>(embedded(|p| p.dense = true), "", None).await;
    assert!(app.query(".berth.dense").is_some());
    assert!(app.query(".qa .lede").is_none() && app.query("#q-archetype-help").is_none());
    assert_eq!(
        app.get("#q-archetype").get_attribute("aria-describedby"),
        None
    );
    drop(app);
    let app = mount_with::<Advisor>(embedded(|_| {}), "", None).await;
    assert!(app.query(".berth.dense").is_none());
    assert!(app.query(".qa .lede").is_some() && app.query("#q-archetype-help").is_some());
    assert!(app.query("main").is_none(), "still embedded");
}

#[wasm_bindgen_test]
async fn an_embedded_share_link_needs_a_share_url() {
    let app = mount_with::<Advisor>(embedded(|_| {}), "", None).await;
    app.click(".live a[href='#/results']").await;
    assert!(
        app.query("#share-url").is_none(),
        "no link to the host page"
    );
    assert!(
        app.query(".share").is_some(),
        "the report can still be kept"
    );
    drop(app);

    let props = embedded(|p| p.share_url = Some("https://example.org/berth/".into()));
    let app = mount_with::<Advisor>(props, "", None).await;
    app.click(".live a[href='#/results']").await;
    let link = app.input("#share-url").value();
    let expected = [
        "https://example.org/berth/",
        &link_to(&Archetype::PublicWeb.preset()),
    ]
    .concat();
    assert_eq!(link, expected);
    assert!(link.starts_with("https://example.org/berth/#/results?a="));
}

#[wasm_bindgen_test]
async fn focus_moves_stay_inside_their_own_advisor() {
    let first = mount_with::<Advisor>(embedded(|_| {}), "", None).await;
    let second = mount_as_is::<Advisor>(embedded(|_| {}), "").await;
    second.click(".live a[href='#/results']").await;
    let active = window()
        .document()
        .unwrap()
        .active_element()
        .expect("something has focus");
    assert_eq!(active.id(), "page-title");
    assert!(second.root.contains(Some(&active)), "in the second advisor");
    assert_eq!(first.text_of("#page-title"), "Questionnaire");

    second.click("nav a[href='#/questionnaire']").await;
    second.click(".step-nav button.primary").await;
    let active = window().document().unwrap().active_element().unwrap();
    assert_eq!(active.id(), "section-title");
    assert!(second.root.contains(Some(&active)));
}

#[wasm_bindgen_test]
fn widget_attributes_are_checked_and_become_props() {
    let config = WidgetConfig::parse(
        r#"{"platforms": ["container-apps", "aci"], "views": ["results", "questionnaire"],
            "theme": "dark", "compact": true, "share_url": "https://example.org/berth/"}"#,
    )
    .expect("a good configuration");
    assert_eq!(config.only(), ["aci", "container-apps"], "in catalog order");
    assert_eq!(
        config.views(),
        Views::new([Page::Results, Page::Questionnaire])
    );
    let props = config.props();
    assert!(props.embedded && props.dense);
    assert_eq!(props.theme, Some(Theme::Dark));

    let plain = WidgetConfig::parse("{}").unwrap().props();
    assert!(plain.embedded && !plain.dense && plain.only.is_empty());
    assert_eq!(plain.views, Views::default());

    for (json, message) in [
        (r#"{"views": ["results", "settings"]}"#, "unknown view \"settings\" in views; known: questionnaire, results, compare, about, manifests"),
        (r#"{"theme": "sepia"}"#, "unknown theme \"sepia\" in theme"),
        (r#"{"archetype": "nope"}"#, "unknown starting point \"nope\" in archetype; known: public_web, "),
        (r#"{"platforms": ["x"]}"#, "unknown platform \"x\" in platforms"),
        (r#"{"share_url": "javascript:alert(1)"}"#, "not an http(s) address"),
    ] {
        let error = WidgetConfig::parse(json).expect_err(json);
        assert!(error.contains(message), "{error}");
    }
}

// ---------------------------------------------------------------------------
// Starter manifests

#[wasm_bindgen_test]
async fn manifests_show_a_tab_per_file_for_the_top_pick() {
    let app = mount("#/manifests").await;
    let report = berth::core::evaluate::evaluate(&Answers::default());
    let top = report
        .platform(report.top_pick.expect("a top pick"))
        .unwrap();
    assert!(app.text_of(".lede").contains(top.name));
    let tabs = app.all("[role=tab]");
    assert!(tabs.len() >= 2, "the platform's files and a README");
    assert_eq!(app.all("[role=tab][aria-selected=true]").len(), 1);
    assert!(app
        .text_of("#manifest-panel pre")
        .contains(&Answers::default().deploy.name));
    let last = tabs.len() - 1;
    app.click(&["#manifest-tab-", &last.to_string()].concat())
        .await;
    assert_eq!(
        app.get("[role=tab][aria-selected=true]").id(),
        ["manifest-tab-", &last.to_string()].concat()
    );
    assert!(
        !app.all(".steps-list li").is_empty(),
        "deploy steps are listed"
    );
}

#[wasm_bindgen_test]
async fn deploy_details_flow_into_the_files_and_bad_ones_say_why() {
    let app = mount("#/manifests").await;
    app.type_into("#deploy-name", "orders-api").await;
    assert!(app.text_of("#manifest-panel pre").contains("orders-api"));
    assert_eq!(stored_answers().deploy.name, "orders-api");

    app.type_into("#deploy-port", "http").await;
    assert_eq!(
        app.input("#deploy-port").value(),
        "http",
        "what was typed stays"
    );
    assert!(app.text_of("#deploy-port-error").contains("1 to 65535"));
    assert_eq!(stored_answers().deploy.port, 8080);

    app.type_into("#deploy-image", "nginx").await;
    assert_eq!(
        app.input("#deploy-image")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(
        !app.text_of("#deploy-image-error").is_empty(),
        "the generator's reason is shown on the field"
    );
    assert!(
        app.query("#manifest-panel").is_none(),
        "no files until the details are fixed"
    );
}

#[wasm_bindgen_test]
async fn the_manifest_platform_can_be_switched() {
    let app = mount("#/manifests").await;
    let second = app
        .all("#manifest-platform option")
        .into_iter()
        .nth(1)
        .expect("a second platform");
    let value = second.get_attribute("value").unwrap();
    let name = collapse(&second.text_content().unwrap());
    app.choose("#manifest-platform", &value).await;
    assert!(app.text_of(".lede").contains(&name));
}

#[wasm_bindgen_test]
async fn an_embedded_advisor_follows_its_links_without_touching_the_host_address() {
    let props = yew::props!(AdvisorProps {
        initial: Some(Archetype::PublicWeb.preset()),
        embedded: true,
    });
    let app = mount_with::<Advisor>(props, "#/host-page", None).await;
    app.click(".live a[href='#/results']").await;
    assert_eq!(app.text_of("#page-title"), "Results");
    app.click("nav a[href='#/compare']").await;
    assert_eq!(app.text_of("#page-title"), "Compare");
    app.click(".compare-table tbody th a").await;
    assert_eq!(app.text_of("#page-title"), "Questionnaire");
    assert_eq!(
        window().location().hash().unwrap(),
        "#/host-page",
        "the host page's address is left alone"
    );
}

#[wasm_bindgen_test]
async fn changing_the_starting_point_offers_edited_answers_back() {
    let mut mine = Archetype::PublicWeb.preset();
    mine.vcpu = Some(2.0);
    let app = mount_with::<App>(AppProps::default(), "#/questionnaire", Some(&mine)).await;
    app.click("#q-archetype-batch_job").await;
    assert_eq!(stored_answers(), Archetype::BatchJob.preset());
    app.click_button("Restore my previous answers").await;
    assert_eq!(stored_answers(), mine);

    // A starting point's own answers, untouched, are simply replaced.
    app.click("#q-archetype-gpu_inference").await;
    app.click_button("Dismiss").await;
    app.click("#q-archetype-event_worker").await;
    assert!(
        app.query(".notice").is_none(),
        "no message when nothing was edited"
    );
}

#[wasm_bindgen_test]
async fn start_from_a_file_shows_what_was_read_and_applies_it() {
    let app = mount("#/questionnaire").await;
    assert_eq!(app.text_of(".start-from-file summary"), "Start from a file");
    let area: web_sys::HtmlTextAreaElement =
        app.get("#import-text").dyn_into().expect("a <textarea>");
    area.set_value(
        "services:\n  web:\n    image: ghcr.io/example/web:1.0\n    ports: [\"80:8080\"]\n    deploy:\n      resources:\n        limits:\n          cpus: '2'\n  worker:\n    image: ghcr.io/example/worker:1.0\n    volumes: [\"./data:/data\"]\n",
    );
    fire(&area, "input");
    yew::scheduler::flush().await;
    app.click_button("Read file").await;
    // Two services: a choice, then what was read from the one chosen.
    assert!(
        app.text_of("#import-error").contains("choose one"),
        "{}",
        app.text()
    );
    app.choose("#import-service", "web").await;
    let preview = app.text_of(".import-preview");
    assert!(
        preview.contains("from your file: services.web.deploy.resources.limits.cpus"),
        "{preview}"
    );
    assert!(preview.contains("ghcr.io/example/web:1.0"), "{preview}");
    app.choose("#import-service", "worker").await;
    assert!(
        app.text_of(".import-not-understood").contains("./data"),
        "{}",
        app.text()
    );
    app.choose("#import-service", "web").await;
    app.click_button("Apply these answers").await;
    let stored = stored_answers();
    assert_eq!(stored.deploy.image, "ghcr.io/example/web:1.0");
    assert_eq!(stored.vcpu, Some(2.0));
    assert_eq!(
        stored.import_story().expect("provenance is kept").workload,
        "web"
    );
    // The answers the file replaced are offered back.
    assert!(
        app.text()
            .contains("The answers read from your file replaced yours."),
        "{}",
        app.text()
    );
    app.click_button("Restore my previous answers").await;
    assert!(stored_answers().import_story().is_none());
}

#[wasm_bindgen_test]
async fn start_from_a_file_names_the_line_of_a_syntax_error() {
    let app = mount("#/questionnaire").await;
    let area: web_sys::HtmlTextAreaElement =
        app.get("#import-text").dyn_into().expect("a <textarea>");
    area.set_value("services:\n  web: [\n");
    fire(&area, "input");
    yew::scheduler::flush().await;
    app.click_button("Read file").await;
    let error = app.text_of("#import-error");
    assert!(error.starts_with("line "), "{error}");
    assert_eq!(
        app.get("#import-text")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
}
