//! "Share link" (SPEC §4: `share-button`, `share-link`): the case in the
//! link's `#…` part, redacted by default, with a preview of what is replaced.
//! The link is built when the button is pressed or an option changes, never
//! on each keystroke: redacting a large HAR takes a moment. The codec lives
//! in `core::share`; opening links in `share_open`.

use leptos::either::Either;
use leptos::prelude::*;

use super::share_open::{page_url, SharedLinkNotice};
use super::size;
use super::state::{AppState, Inputs};
use super::web;
use crate::core::share::{self, Redaction, ShareError, ShareOptions};
use crate::core::CaseInput;

/// Evidence longer than this is left out of the link unless asked for.
const LARGE_EVIDENCE: usize = 200 * 1024;
/// Links up to this length survive chat and mail apps whole.
const LONG_LINK: usize = 2000;
/// The preview lists at most this many replacements.
const PREVIEW_ROWS: usize = 60;

/// One line of the preview: a replaced value and every input it was in.
#[derive(Clone, Debug, PartialEq)]
struct PreviewRow {
    name: String,
    original: String,
    marker: String,
    fields: Vec<&'static str>,
}

/// A link built from the inputs.
#[derive(Clone, Debug, PartialEq)]
struct Built {
    /// The whole link; empty when it would not open.
    url: String,
    /// Why the link would not open, if it would not.
    problem: Option<String>,
    /// What redaction replaced, one row per value.
    rows: Vec<PreviewRow>,
    /// The size of the evidence left out of the link (0: none left out).
    evidence_left_out: usize,
    /// The size of the evidence in the inputs.
    evidence_len: usize,
    /// The evidence left out, its authorize request or landing went into the empty boxes.
    carried: bool,
    /// The inputs it was built from (to tell when they changed since).
    from: CaseInput,
    /// The reset count when it was built: a link from before "Clear all" (or an example, a
    /// shared case opened) is gone for good.
    resets: u32,
}

/// Folds the codec's list (one entry per input and value) into one row per
/// value, in the order first met.
fn preview_rows(list: Vec<Redaction>) -> Vec<PreviewRow> {
    let mut rows: Vec<PreviewRow> = Vec::new();
    for r in list {
        match rows
            .iter_mut()
            .find(|row| row.original == r.original && row.marker == r.marker)
        {
            Some(row) => {
                if !row.fields.contains(&r.field) {
                    row.fields.push(r.field);
                }
            }
            None => rows.push(PreviewRow {
                name: r.name,
                original: r.original,
                marker: r.marker,
                fields: vec![r.field],
            }),
        }
    }
    rows
}

/// Builds the link to `base` for `case`.
fn build(case: CaseInput, opts: ShareOptions, include_large: bool, base: &str) -> Built {
    let evidence_len = case.evidence.len();
    let leave_out = evidence_len > LARGE_EVIDENCE && !include_large;
    let (fragment, list, carried) = if leave_out {
        let (lighter, carried) = share::without_evidence(&case);
        let (f, l) = share::share_fragment(&lighter, &opts);
        (f, l, carried)
    } else {
        let (f, l) = share::share_fragment(&case, &opts);
        (f, l, false)
    };
    // The link must open on the other side (the reader caps what it expands).
    let problem = match share::decode(&fragment) {
        Ok(_) => None,
        Err(ShareError::TooLarge) => Some(format!(
            "This case is larger than the {} MB a link may hold, so the link would not open. Leave the evidence out, or send the evidence file separately.",
            share::MAX_DECODED >> 20
        )),
        Err(e) => Some(e.to_string()),
    };
    let url = if problem.is_none() {
        format!("{base}#{fragment}")
    } else {
        String::new()
    };
    Built {
        url,
        problem,
        rows: preview_rows(list),
        evidence_left_out: if leave_out { evidence_len } else { 0 },
        evidence_len,
        carried,
        from: case,
        resets: 0,
    }
}

/// True when `inputs` still hold `case` (compares in place, no copies).
fn holds(inputs: &Inputs, case: &CaseInput) -> bool {
    inputs.authorize.with(|v| *v == case.authorize)
        && inputs.registered.with(|v| *v == case.registered)
        && inputs.callback.with(|v| *v == case.callback)
        && inputs.audience.with(|v| *v == case.audience)
        && inputs.evidence.with(|v| *v == case.evidence)
}

/// `original` cut to its ends when long ("eyJ0eXAiOiJKV1Qi…Xw4Q"), on one line, with its
/// invisible and direction-changing characters written as `⟨U+202E⟩`.
fn shorten(original: &str) -> String {
    let shown = crate::core::uri::show_hidden(original);
    let flat: String = shown
        .as_deref()
        .unwrap_or(original)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let n = flat.chars().count();
    if n <= 28 {
        return flat;
    }
    let head: String = flat.chars().take(16).collect();
    let tail: String = flat.chars().skip(n - 6).collect();
    format!("{head}…{tail}")
}

/// 12345 as "12,345".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The share controls, next to "Export report".
#[component]
pub fn ShareSlot() -> impl IntoView {
    let state = expect_context::<AppState>();
    let inputs = state.inputs;
    let redact = RwSignal::new(true);
    let hide_ids = RwSignal::new(false);
    let include_large = RwSignal::new(false);
    // The panel is open while a link is built.
    let built = RwSignal::new(None::<Built>);
    let (copy, copied) = web::clipboard();

    let rebuild = move || {
        let opts = ShareOptions {
            redact_secrets: redact.get_untracked(),
            hide_ids: hide_ids.get_untracked(),
        };
        let case = untrack(|| inputs.case());
        let link = build(case, opts, include_large.get_untracked(), &page_url());
        built.set(Some(Built {
            resets: state.resets.get_untracked(),
            ..link
        }));
    };
    // "Clear all" closes it for good, and so does emptying every box: what the link replaced
    // stays off a cleared screen, and does not come back with the next case typed.
    let cleared = Memo::new(move |_| {
        [
            inputs.authorize,
            inputs.registered,
            inputs.callback,
            inputs.evidence,
        ]
        .iter()
        .all(|t| t.with(|t| t.trim().is_empty()))
    });
    let is_open = move || {
        built.with(|b| b.as_ref().is_some_and(|b| b.resets == state.resets.get())) && !cleared.get()
    };
    let stale =
        Memo::new(move |_| built.with(|b| b.as_ref().is_some_and(|b| !holds(&inputs, &b.from))));
    let url = move || built.with(|b| b.as_ref().map(|b| b.url.clone()).unwrap_or_default());
    // Without a clipboard (a page served over plain http) the link is selected to copy by hand.
    let link_field = NodeRef::<leptos::html::Input>::new();
    let copy_unavailable = RwSignal::new(false);
    let on_copy = move |_| {
        built.with_untracked(|b| {
            if let Some(b) = b.as_ref().filter(|b| !b.url.is_empty()) {
                let ok = copy(&b.url);
                copy_unavailable.set(!ok);
                if let Some(field) = link_field.get_untracked().filter(|_| !ok) {
                    let _ = field.focus();
                    field.select();
                }
            }
        })
    };

    let length = move || {
        built.with(|b| {
            b.as_ref().filter(|b| !b.url.is_empty()).map(|b| {
                let n = b.url.len();
                let note = if n > LONG_LINK {
                    " Longer than 2,000: some chat and mail apps cut links this long; check it arrives whole."
                } else {
                    ""
                };
                view! {
                    <p class="rd-share__length" data-testid="share-length" data-length=n.to_string()>
                        {format!("{} characters.{note}", thousands(n))}
                    </p>
                }
            })
        })
    };
    let problem =
        move || {
            built.with(|b| b.as_ref().and_then(|b| b.problem.clone())).map(|p| {
            view! { <p class="rd-share__warn" role="alert" data-testid="share-problem">{p}</p> }
        })
        };
    let evidence_choice = move || {
        built.with(|b| {
            b.as_ref()
                .filter(|b| b.evidence_len > LARGE_EVIDENCE)
                .map(|b| (b.evidence_len, b.evidence_left_out > 0, b.carried))
        })
        .map(|(len, left_out, carried)| {
            let said = if left_out && carried {
                format!("The evidence ({}) is left out of the link: a link holding it would be very long. Its authorize request and what reached the app go in the link's empty boxes, so the redirect URI's diagnosis stays; the evidence's other findings will be missing on the other side.", size(len))
            } else if left_out {
                format!("The evidence ({}) is left out of the link: a link holding it would be very long. The analysis on the other side will lack the evidence's findings.", size(len))
            } else {
                format!("The evidence ({}) is in the link, which makes it long.", size(len))
            };
            view! {
                <p class="rd-share__hint" data-testid="share-evidence-note">{said}</p>
                <label class="rd-share__option">
                    <input type="checkbox" data-testid="share-include-evidence"
                        prop:checked=move || include_large.get()
                        on:change:target=move |ev| { include_large.set(ev.target().checked()); rebuild(); }/>
                    " Include the evidence in the link"
                </label>
            }
        })
    };
    let preview = move || {
        built.with(|b| {
            let b = b.as_ref()?;
            let redacting = redact.get() || hide_ids.get();
            if b.rows.is_empty() {
                let text = if redacting {
                    "Nothing to replace: no secrets or IDs were found in the inputs."
                } else {
                    "Nothing is replaced: the link holds the inputs exactly as they are, secrets included."
                };
                let class = if redacting { "rd-share__hint" } else { "rd-share__warn" };
                return Some(Either::Left(view! { <p class=class data-testid="share-preview-empty">{text}</p> }));
            }
            let total = b.rows.len();
            let more = (total > PREVIEW_ROWS).then(|| {
                view! { <li class="rd-share__more">{format!("… and {} more", thousands(total - PREVIEW_ROWS))}</li> }
            });
            let items = b
                .rows
                .iter()
                .take(PREVIEW_ROWS)
                .map(|r| {
                    view! {
                        <li class="rd-share__row" data-redaction=r.name.clone()>
                            <span class="rd-share__name">{r.name.clone()}</span>
                            <span class="rd-share__swap">
                                <code class="rd-share__from rd-break" title=r.original.clone()>{shorten(&r.original)}</code>
                                <span aria-hidden="true">" → "</span>
                                <span class="rd-visually-hidden">" becomes "</span>
                                <code class="rd-share__to rd-break">{shorten(&r.marker)}</code>
                            </span>
                            <span class="rd-share__fields rd-muted">{format!("in {}", r.fields.join(", "))}</span>
                        </li>
                    }
                })
                .collect_view();
            Some(Either::Right(view! {
                <h3 class="rd-share__subtitle" id="share-preview-title">
                    {format!("What the link replaces ({})", thousands(total))}
                </h3>
                <ul class="rd-share__preview" data-testid="share-preview" aria-labelledby="share-preview-title" tabindex="0">
                    {items}
                    {more}
                </ul>
            }))
        })
    };
    let unredacted_warning = move || {
        (!redact.get()).then(|| {
            view! {
                <p class="rd-share__warn" data-testid="share-unredacted">
                    "Redaction is off: state, codes, tokens and e-mail addresses travel in the link as they are."
                </p>
            }
        })
    };

    // Closing hands the keyboard back to the button that opened the panel (Close or Escape).
    let share_button = NodeRef::<leptos::html::Button>::new();
    let close = move || {
        built.set(None);
        if let Some(b) = share_button.get_untracked() {
            let _ = b.focus();
        }
    };
    let panel = move || {
        is_open().then(|| {
            view! {
                <div class="rd-card rd-share__panel" id="share-panel" role="region" aria-labelledby="share-title"
                    data-testid="share-panel">
                    <div class="rd-share__head">
                        <h2 class="rd-section-title" id="share-title">"Share this case"</h2>
                        <button type="button" class="rd-button rd-button--small rd-button--quiet"
                            data-testid="share-close" on:click=move |_| close()>"Close"</button>
                    </div>
                    <p class="rd-share__note" data-testid="share-note">
                        "The case travels in the part of the link after "<code>"#"</code>
                        ". Browsers never send that part to a server, so it stays on your machine and your colleague's: "
                        "not even the host of this page sees it. It does stay in the browser history."
                    </p>
                    <fieldset class="rd-share__options">
                        <legend class="rd-visually-hidden">"What to hide"</legend>
                        <label class="rd-share__option">
                            <input type="checkbox" data-testid="share-redact"
                                prop:checked=move || redact.get()
                                on:change:target=move |ev| { redact.set(ev.target().checked()); rebuild(); }/>
                            " Replace secrets with markers (state, nonce, PKCE values, codes, tokens, client secrets, "
                            "login hints, session IDs, e-mail addresses)"
                        </label>
                        <label class="rd-share__option">
                            <input type="checkbox" data-testid="share-hide-ids"
                                prop:checked=move || hide_ids.get()
                                on:change:target=move |ev| { hide_ids.set(ev.target().checked()); rebuild(); }/>
                            " Also hide tenant and client IDs"
                        </label>
                        {evidence_choice}
                    </fieldset>
                    {unredacted_warning}
                    <label class="rd-share__label" for="share-link">"Link"</label>
                    <div class="rd-share__linkrow">
                        <input id="share-link" type="text" readonly class="rd-field__input rd-share__link rd-mono"
                            data-testid="share-link" spellcheck="false" autocomplete="off" node_ref=link_field
                            prop:value=url on:focus:target=move |ev| ev.target().select()/>
                        <button type="button" class="rd-button rd-copy" data-testid="share-copy"
                            data-copied=move || copied.get().to_string()
                            disabled=move || url().is_empty() on:click=on_copy.clone()>
                            {move || if copied.get() { "Copied ✓" } else { "Copy link" }}
                        </button>
                        <span class="rd-visually-hidden" role="status">
                            {move || copied.get().then_some("Link copied to the clipboard.")}
                        </span>
                    </div>
                    {move || copy_unavailable.get().then(|| view! {
                        <p class="rd-share__warn" role="status" data-testid="share-copy-unavailable">
                            "This page cannot write to the clipboard here (it is not served over https): the link is selected in the box; copy it with Ctrl+C (⌘C)."
                        </p>
                    })}
                    {length}
                    {problem}
                    {move || stale.get().then(|| view! {
                        <p class="rd-share__stale" data-testid="share-stale">
                            "The inputs changed since this link was made. "
                            <button type="button" class="rd-button rd-button--small" on:click=move |_| {
                                rebuild();
                                // The button goes with the note: the keyboard goes to the new link.
                                if let Some(field) = link_field.get_untracked() {
                                    let _ = field.focus();
                                }
                            }>
                                "Update link"
                            </button>
                        </p>
                    })}
                    {preview}
                </div>
            }
        })
    };

    // Pressed with every box empty: there is no case to share, and the page says so.
    let asked_empty = RwSignal::new(false);
    let empty_note = move || {
        (asked_empty.get() && cleared.get()).then(|| {
            view! {
                <p class="rd-field__status" role="status" data-testid="share-empty">
                    "Nothing to share yet: paste the authorize request (or Entra's error text) and the registered redirect URIs first."
                </p>
            }
        })
    };
    view! {
        // Escape closes the panel from inside it and from the button that opened it (where
        // the keyboard stays after Enter).
        <section id="share" class="rd-share" aria-label="Share"
            on:keydown=move |ev| if ev.key() == "Escape" && is_open() { close(); }>
            <SharedLinkNotice/>
            <button type="button" class="rd-button" data-testid="share-button" node_ref=share_button
                aria-expanded=move || is_open().to_string() aria-controls="share-panel"
                on:click=move |_| {
                    asked_empty.set(cleared.get_untracked());
                    rebuild();
                }>
                "Share link"
            </button>
            {empty_note}
            {panel}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case_with(state: &str, evidence: String) -> CaseInput {
        CaseInput {
            authorize: format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&state={state}"),
            registered: "https://app.contoso.com/cb".into(),
            callback: format!("https://app.contoso.com/cb?code=abc&state={state}"),
            evidence,
            ..CaseInput::default()
        }
    }

    #[test]
    fn the_link_opens_to_the_redacted_case_under_the_page_url() {
        let c = case_with("secretstate1", String::new());
        let b = build(
            c.clone(),
            ShareOptions::default(),
            false,
            "https://x.example/doc/",
        );
        let frag = b
            .url
            .strip_prefix("https://x.example/doc/#")
            .expect("base + #");
        let opened = share::decode(frag).expect("opens");
        assert!(!opened.authorize.contains("secretstate1"));
        assert!(!opened.callback.contains("secretstate1"));
        assert_eq!(b.problem, None);
        assert_eq!(b.from, c);
        // One row for the state, found in two inputs; one for the code.
        let state = b
            .rows
            .iter()
            .find(|r| r.original == "secretstate1")
            .expect("state row");
        assert_eq!(state.name, "state");
        assert_eq!(state.fields, vec!["authorize", "callback"]);
        assert!(opened.authorize.contains(&state.marker));
        assert!(b.rows.iter().any(|r| r.name == "code"));
    }

    #[test]
    fn large_evidence_is_left_out_unless_asked_for() {
        let big = format!(
            "{{\"log\":{{\"entries\":[],\"pad\":\"{}\"}}}}",
            "x".repeat(LARGE_EVIDENCE)
        );
        let c = case_with("s1", big.clone());
        let out = build(c.clone(), ShareOptions::default(), false, "");
        assert_eq!(out.evidence_left_out, big.len());
        assert_eq!(share::decode(&out.url).expect("opens").evidence, "");
        let with = build(c, ShareOptions::default(), true, "");
        assert_eq!(with.evidence_left_out, 0);
        assert_eq!(
            share::decode(&with.url).expect("opens").evidence.len(),
            big.len()
        );
        // Small evidence always travels.
        let small = build(
            case_with("s1", "{}".into()),
            ShareOptions::default(),
            false,
            "",
        );
        assert_eq!(small.evidence_left_out, 0);
        assert_eq!(share::decode(&small.url).expect("opens").evidence, "{}");
    }

    #[test]
    fn a_case_over_the_reader_cap_gives_no_link_but_a_reason() {
        // Random-looking text does not compress: over 1 MB of JSON.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let noise: String = (0..share::MAX_DECODED + 10)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                char::from(b'a' + (x % 26) as u8)
            })
            .collect();
        let b = build(
            case_with("s1", noise),
            ShareOptions::default(),
            true,
            "https://x/",
        );
        assert_eq!(b.url, "");
        assert!(b.problem.as_deref().is_some_and(|p| p.contains("1 MB")));
    }

    #[test]
    fn nothing_is_listed_without_redaction() {
        let opts = ShareOptions {
            redact_secrets: false,
            hide_ids: false,
        };
        let c = case_with("plainstate", String::new());
        let b = build(c.clone(), opts, false, "");
        assert!(b.rows.is_empty());
        assert_eq!(share::decode(&b.url), Ok(c));
    }

    #[test]
    fn shorten_keeps_both_ends_of_long_values() {
        assert_eq!(shorten("abc"), "abc");
        assert_eq!(shorten("a\nb"), "a b");
        assert_eq!(shorten("ab\u{202E}cd"), "ab⟨U+202E⟩cd");
        let long = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.signatureXw4Q";
        let s = shorten(long);
        assert!(s.starts_with("eyJ0eXAiOiJKV1Qi…"), "{s}");
        assert!(s.ends_with("reXw4Q"), "{s}");
        assert_eq!(s.chars().count(), 23);
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1234), "1,234");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(size(300 * 1024), "300 KB");
        assert_eq!(size(3 << 20), "3.0 MB");
        assert_eq!(size((1 << 20) + (1 << 19)), "1.5 MB");
        assert_eq!(size(52_533_248), "50.1 MB");
        assert_eq!(size((10 << 20) - 1), "10.0 MB");
    }
}
