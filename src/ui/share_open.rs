//! Opening a share link: at start-up and when the `#…` part of the address
//! changes (a link pasted into the same tab). A decoded case fills the
//! inputs only when they are empty; over the user's own inputs the page asks
//! first. A damaged link gets the codec's sentence and changes nothing.
//! Once a link is opened or declined, the `#…` part is removed from the
//! address (without a new history entry), so a reload does not open it again.

use leptos::either::Either;
use leptos::prelude::*;

use super::state::AppState;
use crate::core::share;
use crate::core::CaseInput;

/// What the page does with the `#…` part of its address.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// Not a share link (no hash, or an in-page anchor).
    Ignore,
    /// The shared case equals the inputs: nothing to do but tidy the address.
    Same,
    /// Fill the inputs (they are empty).
    Load(CaseInput),
    /// Ask before replacing the user's own inputs.
    Ask(CaseInput),
    /// The link could not be opened: the codec's sentence.
    Failed(String),
}

/// The fragment of a share link in `hash` (with or without its `#`): `v`,
/// digits, then `.` or the end. Anything else is an ordinary anchor.
fn share_fragment_in(hash: &str) -> Option<&str> {
    let frag = hash.strip_prefix('#').unwrap_or(hash).trim();
    let digits = frag.strip_prefix(['v', 'V'])?;
    let n = digits.bytes().take_while(u8::is_ascii_digit).count();
    let rest = digits.get(n..)?;
    (n > 0 && (rest.is_empty() || rest.starts_with('.'))).then_some(frag)
}

/// A fragment that is a share link's body without its `v1.` (cut off when the link was
/// copied by hand): long, and only base64url characters. No anchor of the page is like it.
fn headless_link(hash: &str) -> Option<String> {
    let frag = hash.strip_prefix('#').unwrap_or(hash).trim();
    (frag.len() >= 40
        && frag
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'%')))
    .then(|| format!("{}{frag}", share::PREFIX))
}

/// Decides what a `hash` does to inputs that are `current`.
fn outcome(hash: &str, current: &CaseInput) -> Outcome {
    // A chat app may have percent-encoded a character or two (`v1%2E…`), and a link tracker
    // may have appended its own parameters (`&utm_source=…`): base64url has no '&'.
    let decoded = percent_encoding::percent_decode_str(hash).decode_utf8_lossy();
    let hash = decoded.split('&').next().unwrap_or("");
    let headless = headless_link(hash);
    let Some(frag) = share_fragment_in(hash).or(headless.as_deref()) else {
        return Outcome::Ignore;
    };
    // `V1.` when a phone capitalised the link's first letter.
    let frag = match frag.strip_prefix('V') {
        Some(rest) => format!("v{rest}"),
        None => frag.to_string(),
    };
    // Encoded twice on its way: decoded once more.
    let frag = percent_encoding::percent_decode_str(&frag).decode_utf8_lossy();
    let decoded = share::decode(&frag);
    if headless.is_some() && decoded.is_err() {
        return Outcome::Failed(share::ShareError::UnknownVersion(String::new()).to_string());
    }
    match decoded {
        Err(e) => Outcome::Failed(e.to_string()),
        // A link made of an empty case opens nothing: said, as for a link with nothing in it.
        Ok(case) if is_blank(&case) => Outcome::Failed(
            "The share link holds an empty case: every input in it is empty. Ask for the link again."
                .to_string(),
        ),
        Ok(case) if case == *current => Outcome::Same,
        Ok(case) if is_blank(current) => Outcome::Load(case),
        Ok(case) => Outcome::Ask(case),
    }
}

/// The case of a share link pasted into the authorize box (the whole box is the link).
fn pasted_case(text: &str) -> Option<CaseInput> {
    let t = text.trim();
    let (_, frag) = t.split_once('#')?;
    if t.contains(char::is_whitespace) || !frag.starts_with(share::PREFIX) {
        return None;
    }
    // Decoded once: a damaged link or an empty case is no offer.
    match outcome(frag, &CaseInput::default()) {
        Outcome::Load(case) => Some(case),
        _ => None,
    }
}

/// True when every input is empty or only whitespace.
fn is_blank(case: &CaseInput) -> bool {
    [
        &case.authorize,
        &case.registered,
        &case.callback,
        &case.audience,
        &case.evidence,
    ]
    .iter()
    .all(|s| s.trim().is_empty())
}

/// Which inputs a shared case fills, in words ("the authorize request, the
/// registered URIs and 12 KB of evidence").
fn contents(case: &CaseInput) -> String {
    let mut parts = Vec::new();
    if !case.authorize.trim().is_empty() {
        parts.push("the authorize request".to_string());
    }
    if !case.registered.trim().is_empty() {
        parts.push("the registered URIs".to_string());
    }
    if !case.audience.trim().is_empty() {
        parts.push("the sign-in audience".to_string());
    }
    if !case.callback.trim().is_empty() {
        parts.push("what came back".to_string());
    }
    if !case.evidence.trim().is_empty() {
        parts.push(format!(
            "{} KB of evidence",
            case.evidence.len().div_ceil(1024)
        ));
    }
    match parts.len() {
        0 => "no inputs at all".to_string(),
        1 => parts.remove(0),
        n => {
            let last = parts.remove(n - 1);
            format!("{} and {last}", parts.join(", "))
        }
    }
}

/// What opening links left to show; in context for [`SharedLinkNotice`].
#[derive(Clone, Copy)]
pub struct SharedLink {
    state: AppState,
    /// A decoded case waiting for the user's answer.
    pending: RwSignal<Option<CaseInput>>,
    /// Why the last link could not be opened, and the clear count then: "Clear all", an
    /// example or a dropped file since then ends the message (it speaks of inputs unchanged).
    error: RwSignal<Option<(String, u32)>>,
    /// A shared case was just loaded: the clear count then ("Clear all" since then ends it).
    loaded: RwSignal<Option<u32>>,
}

impl SharedLink {
    fn new(state: AppState) -> Self {
        SharedLink {
            state,
            pending: RwSignal::new(None),
            error: RwSignal::new(None),
            loaded: RwSignal::new(None),
        }
    }

    /// Acts on the address's current `#…` part.
    fn check(self, hash: &str) {
        let current = untrack(|| self.state.inputs.case());
        match outcome(hash, &current) {
            // Back (or an anchor) took the link out of the address: a question or an error
            // about it would speak of a link that is no longer there.
            Outcome::Ignore => {
                self.pending.set(None);
                self.error.set(None);
            }
            Outcome::Same => {
                self.pending.set(None);
                self.error.set(None);
                browser::clear_hash();
            }
            Outcome::Load(case) => self.load(case),
            Outcome::Ask(case) => {
                self.error.set(None);
                self.loaded.set(None);
                self.pending.set(Some(case));
            }
            Outcome::Failed(message) => {
                self.pending.set(None);
                self.loaded.set(None);
                self.error
                    .set(Some((message, self.state.resets.get_untracked())));
            }
        }
    }

    fn load(self, case: CaseInput) {
        self.state.replace(case, "Undo: my inputs back");
        self.pending.set(None);
        self.error.set(None);
        self.loaded.set(Some(self.state.resets.get_untracked()));
        browser::clear_hash();
    }

    // Each of these removes the button pressed: the keyboard goes to the first input.
    fn open_pending(self) {
        if let Some(case) = self.pending.get_untracked() {
            self.load(case);
        }
        super::web::focus("authorize");
    }

    fn keep_own(self) {
        self.pending.set(None);
        browser::clear_hash();
        super::web::focus("authorize");
    }

    fn dismiss_error(self) {
        self.error.set(None);
        browser::clear_hash();
        super::web::focus("authorize");
    }
}

/// Opens a share link in the address now and whenever the `#…` part
/// changes. Call once in `App`, after the `AppState` context is provided.
pub fn open_share_links() {
    let link = SharedLink::new(expect_context::<AppState>());
    provide_context(link);
    link.check(&browser::hash());
    browser::on_hash_change(move || link.check(&browser::hash()));
}

/// The page's address without its `#…` part: a share link's base.
pub fn page_url() -> String {
    browser::page_url()
}

/// The messages of opening a link: the error, the question before replacing
/// the user's inputs, and the confirmation. Renders nothing without
/// [`open_share_links`].
#[component]
pub fn SharedLinkNotice() -> impl IntoView {
    let Some(link) = use_context::<SharedLink>() else {
        return Either::Left(());
    };
    let error = move || {
        let now = link.state.resets.get();
        link.error.get().filter(|(_, at)| *at == now).map(|(message, _)| {
            view! {
                <div class="rd-share__notice rd-share__notice--error" role="alert" data-testid="share-error">
                    <p>
                        <strong>"This share link could not be opened. "</strong>
                        {message}
                        " Your own inputs are unchanged."
                    </p>
                    <button type="button" class="rd-button rd-button--small"
                        on:click=move |_| link.dismiss_error()>"Dismiss"</button>
                </div>
            }
        })
    };
    let ask = move || {
        link.pending.with(|p| p.as_ref().map(contents)).map(|what| {
            view! {
                <div class="rd-share__notice rd-share__notice--ask" role="region"
                    aria-labelledby="share-ask-title" data-testid="share-ask">
                    <p>
                        <strong id="share-ask-title">"This link holds a shared case. "</strong>
                        {format!("It has {what}. ")}
                        "Open it in place of your own inputs?"
                    </p>
                    <div class="rd-share__notice-actions">
                        <button type="button" class="rd-button rd-share__primary" data-testid="share-open"
                            on:click=move |_| link.open_pending()>"Open shared case"</button>
                        <button type="button" class="rd-button" data-testid="share-keep"
                            on:click=move |_| link.keep_own()>"Keep my inputs"</button>
                    </div>
                </div>
            }
        })
    };
    // A share link pasted into the authorize box instead of the address bar.
    let pasted = Memo::new(move |_| link.state.inputs.authorize.with(|t| pasted_case(t)));
    let from_box = move || {
        let what = pasted.with(|p| p.as_ref().map(contents))?;
        link.pending.with(Option::is_none).then(|| {
            view! {
                <div class="rd-share__notice rd-share__notice--ask" role="region"
                    aria-labelledby="share-pasted-title" data-testid="share-pasted">
                    <p>
                        <strong id="share-pasted-title">"The authorize box holds a share link. "</strong>
                        {format!("It has {what}. ")}
                        "Open its case in place of the inputs?"
                    </p>
                    <div class="rd-share__notice-actions">
                        <button type="button" class="rd-button rd-share__primary" data-testid="share-pasted-open"
                            on:click=move |_| {
                                if let Some(case) = pasted.get_untracked() {
                                    link.load(case);
                                }
                                super::web::focus("authorize");
                            }>"Open shared case"</button>
                    </div>
                </div>
            }
        })
    };
    let loaded = move || {
        (link.loaded.get() == Some(link.state.resets.get())).then(|| {
            view! {
                <div class="rd-share__notice rd-share__notice--ok" role="status" data-testid="share-opened">
                    <p>
                        "Opened the shared case. Values shown as "<code>"redacted-…"</code>
                        " (or "<code>"REDACTED…"</code>") were replaced by the sender's page before sharing."
                    </p>
                    <button type="button" class="rd-button rd-button--small"
                        on:click=move |_| {
                            link.loaded.set(None);
                            super::web::focus("authorize");
                        }>"Dismiss"</button>
                </div>
            }
        })
    };
    Either::Right(view! { {error} {ask} {from_box} {loaded} })
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::JsValue;

    pub fn hash() -> String {
        window().location().hash().unwrap_or_default()
    }

    pub fn page_url() -> String {
        let href = window().location().href().unwrap_or_default();
        match href.split_once('#') {
            Some((base, _)) => base.to_string(),
            None => href,
        }
    }

    /// Removes the `#…` part without a new history entry (and without a
    /// `hashchange` event).
    pub fn clear_hash() {
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&page_url()));
        }
    }

    pub fn on_hash_change(f: impl Fn() + 'static) {
        let handle = window_event_listener(leptos::ev::hashchange, move |_| f());
        on_cleanup(move || handle.remove());
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod browser {
    pub fn hash() -> String {
        String::new()
    }
    pub fn page_url() -> String {
        String::new()
    }
    pub fn clear_hash() {}
    pub fn on_hash_change(_: impl Fn() + 'static) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> CaseInput {
        CaseInput {
            authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&redirect_uri=https%3A%2F%2Fa.example%2Fcb&state=s1".into(),
            registered: "https://a.example/cb/".into(),
            ..CaseInput::default()
        }
    }

    #[test]
    fn a_share_link_pasted_in_the_authorize_box_offers_its_case() {
        let case = sample();
        let link = format!("https://pages.example/doctor/#{}", share::encode(&case));
        assert_eq!(pasted_case(&format!("  {link}\n")), Some(case));
        // Words around it, a damaged link or an ordinary URL with an anchor are not a link.
        assert_eq!(pasted_case(&format!("see {link}")), None);
        assert_eq!(pasted_case(&link[..link.len() - 3]), None);
        assert_eq!(pasted_case("https://app.example/#v1"), None);
        assert_eq!(pasted_case(&sample().authorize), None);
    }

    #[test]
    fn a_link_of_an_empty_case_says_so() {
        let link = share::encode(&CaseInput::default());
        let Outcome::Failed(said) = outcome(&link, &CaseInput::default()) else {
            panic!("an empty case opened silently");
        };
        assert!(said.contains("empty case"), "{said}");
    }

    #[test]
    fn only_version_shaped_hashes_are_share_links() {
        assert_eq!(share_fragment_in("#v1.abc"), Some("v1.abc"));
        assert_eq!(share_fragment_in("v9.xxx"), Some("v9.xxx"));
        assert_eq!(share_fragment_in("#v12"), Some("v12"));
        for anchor in ["", "#", "#verdict", "#v", "#v.abc", "#share", "#findings"] {
            assert_eq!(share_fragment_in(anchor), None, "{anchor}");
        }
    }

    #[test]
    fn a_link_without_its_version_or_with_a_capital_one_still_opens() {
        let case = sample();
        let link = share::encode(&case);
        let body = link.strip_prefix(share::PREFIX).expect("a v1. link");
        let empty = CaseInput::default();
        assert_eq!(
            outcome(&format!("#{body}"), &empty),
            Outcome::Load(case.clone())
        );
        assert_eq!(
            outcome(&format!("#V{}", &link[1..]), &empty),
            Outcome::Load(case)
        );
        // A long fragment that is no link says so; a short anchor is left alone.
        let Outcome::Failed(said) = outcome(&format!("#{}", "A".repeat(60)), &empty) else {
            panic!("a long base64 fragment is read as a link");
        };
        assert!(said.contains("should start with 'v1.'"), "{said}");
        assert_eq!(outcome("#findings", &empty), Outcome::Ignore);
    }

    #[test]
    fn an_encoded_dot_or_a_tracker_suffix_does_not_break_a_link() {
        let case = sample();
        let link = share::encode(&case);
        let empty = CaseInput::default();
        let encoded = format!("#{}", link.replacen('.', "%2E", 1));
        assert_eq!(outcome(&encoded, &empty), Outcome::Load(case.clone()));
        let tracked = format!("#{link}&utm_source=chat&utm_medium=link");
        assert_eq!(outcome(&tracked, &empty), Outcome::Load(case));
    }

    #[test]
    fn a_link_fills_empty_inputs_and_asks_over_own_ones() {
        let case = sample();
        let hash = format!("#{}", share::encode(&case));
        assert_eq!(
            outcome(&hash, &CaseInput::default()),
            Outcome::Load(case.clone())
        );
        let blank = CaseInput {
            callback: "  \n".into(),
            ..CaseInput::default()
        };
        assert_eq!(outcome(&hash, &blank), Outcome::Load(case.clone()));
        let own = CaseInput {
            callback: "https://a.example/cb?error=x".into(),
            ..CaseInput::default()
        };
        assert_eq!(outcome(&hash, &own), Outcome::Ask(case.clone()));
        assert_eq!(outcome(&hash, &case), Outcome::Same);
        assert_eq!(outcome("#verdict", &own), Outcome::Ignore);
    }

    #[test]
    fn a_percent_encoded_link_still_opens() {
        let case = sample();
        let frag = share::encode(&case);
        let (a, b) = frag.split_at(frag.len() / 2);
        let hash = format!("#{a}%20{b}");
        assert_eq!(outcome(&hash, &CaseInput::default()), Outcome::Load(case));
    }

    #[test]
    fn a_bad_link_fails_with_the_codec_sentence() {
        let empty = CaseInput::default();
        let frag = share::encode(&sample());
        let cases = [
            "#v9.xxx".to_string(),
            "#v1.!!!!".to_string(),
            format!("#{}", &frag[..frag.len() / 2]),
        ];
        for hash in cases {
            let expected = share::decode(&hash).expect_err("a bad link").to_string();
            assert_eq!(outcome(&hash, &empty), Outcome::Failed(expected), "{hash}");
        }
    }

    #[test]
    fn contents_names_what_the_case_holds() {
        assert_eq!(
            contents(&sample()),
            "the authorize request and the registered URIs"
        );
        let c = CaseInput {
            callback: "x".into(),
            evidence: "y".repeat(3000),
            ..sample()
        };
        assert_eq!(
            contents(&c),
            "the authorize request, the registered URIs, what came back and 3 KB of evidence"
        );
        assert_eq!(contents(&CaseInput::default()), "no inputs at all");
    }
}
