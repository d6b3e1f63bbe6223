//! The inputs of SPEC §1, the examples and "Clear all".

use leptos::prelude::*;

use super::audience_select::AudienceSelect;
use super::example_picker::ExamplePicker;
use super::state::AppState;
use super::text_field::{FilePick, TextField};
use super::web;
use crate::core::file::{box_for, InputBox};
use crate::core::{MAX_EVIDENCE, MAX_FIELD};

/// What a file dropped on the page (not on a box) gave: the line said, the box it filled and
/// that box's length then, and the reset count then.
type PageDrop = (String, Option<RwSignal<String>>, usize, u32);

/// Where a dropped file goes when it is not for the box it was dropped on (or for no box).
#[derive(Clone, Copy)]
pub struct FileDrops {
    state: AppState,
    note: RwSignal<Option<PageDrop>>,
}

impl FileDrops {
    /// Puts the file's text in the box that reads it (an undoable replacement), with a note.
    pub fn deliver(self, r: web::FileResult) {
        let (state, inputs) = (self.state, self.state.inputs);
        let at = || state.resets.get_untracked();
        let said = match r {
            Ok(f) if f.size == 0 => (
                format!("{} is empty (0 bytes): nothing to analyse.", f.name),
                None,
                0,
                at(),
            ),
            Ok(f) => {
                let target = box_for(&f.decoded.text);
                let said = f.read_note(Some(target.label()));
                let signal = match target {
                    InputBox::Authorize => inputs.authorize,
                    InputBox::Registered => inputs.registered,
                    InputBox::Evidence => inputs.evidence,
                };
                let text = f.decoded.text;
                let len = text.len();
                // Over a box's own text: "Undo file drop" puts it back.
                state.replace_box(signal, text, "Undo file drop");
                (said, Some(signal), len, at())
            }
            Err(e) => (e, None, 0, at()),
        };
        self.note.set(Some(said));
    }
}

/// Evidence larger than this is held but not shown in its box.
const SHOW_EVIDENCE: usize = 1 << 20;

/// The input column.
#[component]
pub fn InputPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let inputs = state.inputs;
    let clear = move |_| state.clear();
    // "Undo clear" goes away once pressed: the keyboard is handed to "Clear all".
    let clear_button = NodeRef::<leptos::html::Button>::new();
    let undo = move |_| {
        state.undo_clear();
        if let Some(b) = clear_button.get_untracked() {
            let _ = b.focus();
        }
    };
    // "Undo" stays while the boxes hold what "Clear all" or an example left in them: the
    // first thing typed, picked or opened ends it until the next replacement.
    let undo_open = Memo::new(move |before: Option<&(u32, bool)>| {
        let resets = state.resets.get();
        let open = state.cleared.with(Option::is_some)
            && before.is_none_or(|&(n, was)| n != resets || was)
            && state.undo_target.with_value(|t| inputs.hold(t));
        (resets, open)
    });
    let undo_button = move || {
        undo_open.get().1.then(|| {
            let label = state.undo_label.get();
            let said = if label == "Undo clear" {
                "Inputs cleared."
            } else {
                "Your inputs were replaced; Undo puts them back."
            };
            view! {
                <span class="rd-visually-hidden" role="status">{said}</span>
                <button type="button" class="rd-button rd-button--quiet" data-testid="undo-clear" on:click=undo>
                    {label}
                </button>
            }
        })
    };
    // Evidence over 1 MB is not kept across a reload: said, until evidence is given again.
    let given_since = Memo::new(move |before: Option<&bool>| {
        before.copied().unwrap_or(false) || !inputs.evidence.with(String::is_empty)
    });
    let dropped_note = move || {
        state
            .evidence_dropped
            .get()
            .filter(|_| !given_since.get())
            .map(|n| {
                view! {
                    <p class="rd-field__status" role="status" data-testid="evidence-dropped">
                        {format!("The evidence given before the reload ({}) is too large to keep in the tab: open the file again to analyse it.", super::size(n))}
                    </p>
                }
            })
    };
    // A file dropped on the page outside the boxes that take files would be opened by the
    // browser in place of the page; it goes to the box that reads it, said while that box
    // holds what the file gave. So does a HAR or sign-in log dropped on another box.
    let page_drop = RwSignal::new(None::<PageDrop>);
    let drops = FileDrops {
        state,
        note: page_drop,
    };
    provide_context(drops);
    web::on_page_drop(MAX_EVIDENCE, move |r| drops.deliver(r));
    let page_drop_note = move || {
        let now = state.resets.get();
        page_drop
            .with(|d| {
                d.as_ref()
                    .filter(|(_, signal, len, at)| {
                        *at == now && signal.is_none_or(|s| s.with(String::len) == *len)
                    })
                    .map(|(said, ..)| said.clone())
            })
            .map(|said| {
                view! {
                    <p class="rd-field__status" role="status" data-testid="page-drop-note">{said}</p>
                }
            })
    };
    let registered_file = FilePick {
        testid: "registered-file",
        accept: ".json,.txt,application/json,text/plain",
        max: MAX_FIELD,
    };
    let evidence_file = FilePick {
        testid: "evidence-file",
        accept: ".har,.json,.csv,.txt,application/json,text/plain",
        max: MAX_EVIDENCE,
    };
    view! {
        <section class="rd-inputs" aria-labelledby="inputs-title">
            <div class="rd-inputs__head">
                <h2 class="rd-section-title" id="inputs-title">"Inputs"</h2>
                {undo_button}
                <button type="button" class="rd-button rd-button--quiet" data-testid="clear-all" node_ref=clear_button on:click=clear>
                    "Clear all"
                </button>
            </div>
            {page_drop_note}
            <ExamplePicker/>
            <TextField id="authorize" label="Authorize request" testid="authorize-input"
                hint="The full authorize URL, only its query string, or the error text Entra showed (AADSTS…)."
                placeholder="https://login.microsoftonline.com/…/oauth2/v2.0/authorize?client_id=…&redirect_uri=…"
                rows=5 value=inputs.authorize show_max=MAX_FIELD limit=MAX_FIELD/>
            <TextField id="registered" label="Registered redirect URIs" testid="registered-input"
                hint="One per line, the portal's Authentication page, or the app's manifest / Graph JSON. Drop a .json or .txt file here."
                placeholder="https://app.contoso.com/auth/callback"
                rows=5 value=inputs.registered file=registered_file show_max=MAX_FIELD limit=MAX_FIELD/>
            <AudienceSelect value=inputs.audience/>
            <TextField id="callback" label="What came back (optional)" testid="callback-input"
                hint="The URL the browser landed on (?code=… or ?error=…), or an error from the app or MSAL."
                rows=3 value=inputs.callback show_max=MAX_FIELD limit=MAX_FIELD/>
            <TextField id="evidence" label="Evidence (optional)" testid="evidence-input"
                hint="A HAR export of the failing sign-in, or a sign-in log export. Paste it or open the file."
                rows=3 value=inputs.evidence file=evidence_file show_max=SHOW_EVIDENCE limit=MAX_EVIDENCE/>
            {dropped_note}
        </section>
    }
}
