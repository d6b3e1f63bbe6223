//! Browser tests: the real page mounted in headless Chromium, driven like a user types.
//!
//! Run with `make test-web` (`cargo test --target wasm32-unknown-unknown --test web`).
#![cfg(target_arch = "wasm32")]

#[path = "common/hostile_rows.rs"]
mod hostile_rows;

use leptos::mount::mount_to;
use redirect_doctor::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// An authorize request whose redirect_uri is `https://app.contoso.com/cb` (no trailing slash).
const AUTHORIZE: &str = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid&state=s&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

/// A fresh container on the page, removed when the test ends.
struct Container(HtmlElement);

impl Container {
    fn new() -> Self {
        let document = leptos::prelude::document();
        let div = document
            .create_element("div")
            .expect("create a div")
            .unchecked_into::<HtmlElement>();
        document
            .body()
            .expect("a body")
            .append_child(&div)
            .expect("append the div");
        Container(div)
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.0.query_selector(selector).expect("a valid selector")
    }

    fn textarea(&self, testid: &str) -> HtmlTextAreaElement {
        self.find(&format!("[data-testid=\"{testid}\"]"))
            .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
            .dyn_into::<HtmlTextAreaElement>()
            .unwrap_or_else(|_| panic!("data-testid={testid} is not a <textarea>"))
    }

    /// Types `text` the way a paste does: the value changes, then an `input` event bubbles.
    fn type_into(&self, testid: &str, text: &str) {
        let field = self.textarea(testid);
        field.set_value(text);
        let init = EventInit::new();
        init.set_bubbles(true);
        let event = Event::new_with_event_init_dict("input", &init).expect("an input event");
        field
            .dispatch_event(&event)
            .expect("dispatch the input event");
    }

    fn redirect_status(&self) -> Option<String> {
        self.find("[data-redirect-status]")
            .and_then(|el| el.get_attribute("data-redirect-status"))
    }
}

impl Drop for Container {
    fn drop(&mut self) {
        self.0.remove();
    }
}

/// Yields to the browser's next task (a zero-delay timeout), not only to pending microtasks.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("a window")
            .set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Lets the reactive system run until `done` holds (the DOM updates asynchronously).
async fn settle(mut done: impl FnMut() -> bool) -> bool {
    for _ in 0..50 {
        if done() {
            return true;
        }
        leptos::task::tick().await;
    }
    done()
}

#[wasm_bindgen_test]
async fn the_page_renders_three_labelled_textareas() {
    let page = Container::new();
    let _mounted = mount_to(page.0.clone(), App);
    settle(|| page.find("[data-testid=\"authorize-input\"]").is_some()).await;

    for testid in ["authorize-input", "registered-input", "callback-input"] {
        let field = page.textarea(testid);
        let id = field.id();
        assert!(!id.is_empty(), "{testid} needs an id for its label");
        let label = page
            .find(&format!("label[for=\"{id}\"]"))
            .unwrap_or_else(|| panic!("{testid} has no <label for=\"{id}\">"));
        let text = label.text_content().unwrap_or_default();
        assert!(!text.trim().is_empty(), "the label of {testid} is empty");
    }
    assert_eq!(page.redirect_status().as_deref(), Some("unchecked"));
}

#[wasm_bindgen_test]
async fn a_trailing_slash_only_in_the_registration_is_a_mismatch() {
    let page = Container::new();
    let _mounted = mount_to(page.0.clone(), App);
    settle(|| page.find("[data-testid=\"authorize-input\"]").is_some()).await;

    page.type_into("authorize-input", AUTHORIZE);
    page.type_into("registered-input", "https://app.contoso.com/cb/");
    let finding = "[data-finding=\"redirect.trailing_slash_mismatch\"]";
    settle(|| {
        page.redirect_status().as_deref() == Some("mismatch") && page.find(finding).is_some()
    })
    .await;

    assert_eq!(page.redirect_status().as_deref(), Some("mismatch"));
    let shown = page
        .find(finding)
        .expect("the trailing-slash finding is shown");
    assert!(
        shown.get_attribute("data-severity").is_some(),
        "a finding carries its severity"
    );
}

#[wasm_bindgen_test]
async fn a_byte_for_byte_registration_is_exact_and_editing_it_updates_the_status() {
    let page = Container::new();
    let _mounted = mount_to(page.0.clone(), App);
    settle(|| page.find("[data-testid=\"authorize-input\"]").is_some()).await;

    page.type_into("authorize-input", AUTHORIZE);
    page.type_into(
        "registered-input",
        "https://app.contoso.com/logout\nhttps://app.contoso.com/cb",
    );
    settle(|| page.redirect_status().as_deref() == Some("exact")).await;
    assert_eq!(page.redirect_status().as_deref(), Some("exact"));

    // The analysis follows every keystroke: no button to press.
    page.type_into("registered-input", "https://app.contoso.com/logout");
    settle(|| page.redirect_status().as_deref() == Some("mismatch")).await;
    assert_eq!(page.redirect_status().as_deref(), Some("mismatch"));
}

/// The hostile-input table (tests/common/hostile_rows.rs) through the analyzer
/// as the page runs it: a 32-bit WebAssembly build, where `usize` is 32 bits
/// and a panic would kill the page. Every row gives its answer and a report
/// that parses.
#[wasm_bindgen_test]
async fn every_hostile_row_gets_a_clear_answer_in_webassembly() {
    let mut failures = Vec::new();
    for row in hostile_rows::rows() {
        // The debug build takes seconds over the whole table: the test runner's own calls
        // into the page get a turn between rows.
        next_task().await;
        let a = redirect_doctor::core::analyze(&row.input);
        failures.extend(row.failures(&a));
        if serde_json::from_str::<serde_json::Value>(&a.report.to_json()).is_err() {
            failures.push(format!("{}: the report is not JSON", row.name));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The largest hostile rows pasted into the page itself: it keeps answering
/// (a status on the verdict) and the boxes stay usable afterwards.
#[wasm_bindgen_test]
async fn the_page_survives_the_largest_hostile_pastes() {
    let page = Container::new();
    let _mounted = mount_to(page.0.clone(), App);
    settle(|| page.find("[data-testid=\"authorize-input\"]").is_some()).await;

    for row in hostile_rows::rows().into_iter().filter(|r| r.slow) {
        page.type_into("authorize-input", &row.input.authorize);
        page.type_into("registered-input", &row.input.registered);
        page.type_into("callback-input", &row.input.callback);
        // The row's own redirect status when it names one, else any verdict.
        let want = row.checks.iter().find_map(|c| match c {
            hostile_rows::Check::Status(s) => Some(*s),
            _ => None,
        });
        let shown = |page: &Container| match (want, page.redirect_status()) {
            (Some(w), Some(got)) => got == w,
            (None, got) => got.is_some(),
            _ => false,
        };
        settle(|| shown(&page)).await;
        assert!(
            shown(&page),
            "{}: the page shows {:?}, expected {want:?}",
            row.name,
            page.redirect_status()
        );
    }
    page.type_into("authorize-input", AUTHORIZE);
    page.type_into("registered-input", "https://app.contoso.com/cb");
    page.type_into("callback-input", "");
    settle(|| page.redirect_status().as_deref() == Some("exact")).await;
    assert_eq!(page.redirect_status().as_deref(), Some("exact"));
}

/// A sign-in log with 150 failed sign-ins lists the first 100 and says how
/// many more there are, instead of drawing every one.
#[wasm_bindgen_test]
async fn a_long_sign_in_log_lists_the_first_hundred_failures() {
    let page = Container::new();
    let _mounted = mount_to(page.0.clone(), App);
    settle(|| page.find("[data-testid=\"evidence-input\"]").is_some()).await;

    let entry = |i: usize| {
        format!(
            r#"{{"id":"e{i}","createdDateTime":"2026-11-21T08:{:02}:{:02}Z","appId":"6731de76-14a6-49ae-97bc-6eba6914391e","appDisplayName":"Contoso Portal","conditionalAccessStatus":"notApplied","status":{{"errorCode":50011,"failureReason":"The redirect URI specified in the request does not match."}},"appliedConditionalAccessPolicies":[]}}"#,
            i / 60,
            i % 60
        )
    };
    let entries: Vec<String> = (0..150).map(entry).collect();
    let log = format!(r#"{{"value":[{}]}}"#, entries.join(","));
    page.type_into("evidence-input", &log);
    let listed = |page: &Container| {
        page.find("[data-testid=\"evidence-signins\"]")
            .map(|ul| ul.child_element_count())
    };
    settle(|| listed(&page).is_some()).await;
    assert_eq!(listed(&page), Some(100));
    let panel = page
        .find("[data-testid=\"evidence-panel\"]")
        .and_then(|p| p.text_content())
        .unwrap_or_default();
    assert!(
        panel.contains("… and 50 more failed sign-ins"),
        "the panel does not say how many were left out: {panel}"
    );
}

/// A registered list longer than Entra allows is compared whole, but only the
/// nearest 300 are drawn, with a note of how many more there are.
#[wasm_bindgen_test]
async fn a_long_registered_list_draws_the_nearest_three_hundred() {
    let page = Container::new();
    let _mounted = mount_to(page.0.clone(), App);
    settle(|| page.find("[data-testid=\"authorize-input\"]").is_some()).await;

    let list: Vec<String> = (0..400)
        .map(|i| format!("https://app{i}.contoso.com/cb"))
        .chain(["https://app.contoso.com/cb".to_string()])
        .collect();
    page.type_into("authorize-input", AUTHORIZE);
    page.type_into("registered-input", &list.join("\n"));
    settle(|| page.redirect_status().as_deref() == Some("exact")).await;
    assert_eq!(page.redirect_status().as_deref(), Some("exact"));
    let items = page
        .0
        .query_selector_all("[data-testid=\"registered-item\"]")
        .map(|l| l.length())
        .unwrap_or(0);
    assert_eq!(items, 300);
    let first = page
        .find("[data-testid=\"registered-item\"] code")
        .and_then(|c| c.text_content());
    assert_eq!(
        first.as_deref(),
        Some("https://app.contoso.com/cb"),
        "the match is drawn first"
    );
    let note = page
        .find("[data-testid=\"registered-left-out\"]")
        .and_then(|p| p.text_content())
        .unwrap_or_default();
    assert!(
        note.contains("101 more") && note.contains("all 401"),
        "{note}"
    );
}
