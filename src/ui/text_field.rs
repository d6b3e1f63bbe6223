//! A labelled textarea, optionally with a file picker; a file dropped on the
//! box or picked fills it with the file's text.

use leptos::prelude::*;

use super::web;
use crate::core::file::{box_for, InputBox};

/// The file picker next to a text box.
#[derive(Clone, Copy)]
pub struct FilePick {
    /// The file input's `data-testid`.
    pub testid: &'static str,
    /// The file types offered (`accept`).
    pub accept: &'static str,
    /// The largest file read, in bytes.
    pub max: usize,
}

/// A labelled `<textarea>` bound to `value`.
#[component]
pub fn TextField(
    /// The textarea's id (the label points at it).
    id: &'static str,
    /// The label text.
    label: &'static str,
    /// One line under the label saying what the box accepts.
    hint: &'static str,
    /// The `data-testid` of the textarea.
    testid: &'static str,
    /// The text.
    value: RwSignal<String>,
    /// Visible rows.
    #[prop(default = 4)]
    rows: u32,
    /// The placeholder.
    #[prop(optional)]
    placeholder: &'static str,
    /// A file picker (and file drops), if any.
    #[prop(optional)]
    file: Option<FilePick>,
    /// Text longer than this many bytes is held and analysed but not put in the
    /// box: a browser takes many seconds to lay out tens of megabytes in a textarea.
    #[prop(optional)]
    show_max: Option<usize>,
    /// The most the analyzer reads from this box; held text over it is said not analysed.
    #[prop(optional)]
    limit: Option<usize>,
) -> impl IntoView {
    let hidden = move || show_max.is_some_and(|m| value.with(|v| v.len() > m));
    let shown = move || {
        if hidden() {
            String::new()
        } else {
            value.get()
        }
    };
    let held = move || {
        hidden().then(|| {
            let len = value.with(String::len);
            let held = super::size(len);
            let how = if limit.is_some_and(|l| len > l) {
                "held, too large to analyse (see the finding) or to show in the box"
            } else {
                "held and analysed in full; too large to show in the box"
            };
            view! {
                <p class="rd-field__status" role="status" data-testid=format!("{testid}-held")>
                    {format!("{held} {how}. Typing in the box replaces it. ")}
                    <button type="button" class="rd-button rd-button--quiet" on:click=move |_| {
                        value.set(String::new());
                        // The note and its button go: the keyboard goes to the emptied box.
                        web::focus(id);
                    }>
                        "Clear it"
                    </button>
                </p>
            }
        })
    };
    // The file's status line, with the box's length when it was said: it stays while the box
    // holds what the file gave, and goes once the box is edited or cleared.
    let status = RwSignal::new((String::new(), 0usize));
    // "Clear all" (or an example, a shared case) ends the status too, even when the box holds
    // as many bytes as before.
    let resets = use_context::<super::state::AppState>().map(|s| s.resets);
    let reset_count = move || resets.map_or(0, |c| c.get());
    let said_at = RwSignal::new(0u32);
    let dragging = RwSignal::new(false);
    let loaded = move |r: web::FileResult| match r {
        Ok(f) => {
            let said = if f.size == 0 {
                format!(
                    "{} is empty (0 bytes): nothing to analyse. Save or export it again.",
                    f.name
                )
            } else {
                f.read_note(None)
            };
            let text = f.decoded.text;
            status.set((said, text.len()));
            said_at.set(resets.map_or(0, |c| c.get_untracked()));
            value.set(text);
        }
        Err(e) => {
            status.set((e, value.with_untracked(String::len)));
            said_at.set(resets.map_or(0, |c| c.get_untracked()));
        }
    };
    let status_text = move || {
        let now = reset_count();
        status.with(|(said, at)| {
            if value.with(String::len) == *at && said_at.get() == now {
                said.clone()
            } else {
                String::new()
            }
        })
    };
    // A file dropped on any box fills that box: the reader chose it (a box without a file
    // picker reads as much as it analyses). But a HAR or sign-in log, which only the evidence
    // box reads, goes there (with the page's note), however large.
    let max = file.map_or(limit.unwrap_or(crate::core::MAX_FIELD), |f| f.max);
    let drops = use_context::<super::input_panel::FileDrops>().filter(|_| {
        use_context::<super::state::AppState>().is_none_or(|s| s.inputs.evidence != value)
    });
    let on_drop = move |ev: leptos::web_sys::DragEvent| {
        dragging.set(false);
        let taken = match drops {
            Some(drops) => web::dropped_file(&ev, crate::core::MAX_EVIDENCE, move |r| match r {
                Ok(f) if f.size > max || box_for(&f.decoded.text) == InputBox::Evidence => {
                    drops.deliver(Ok(f))
                }
                r => loaded(r),
            }),
            None => web::dropped_file(&ev, max, loaded),
        };
        if taken {
            ev.prevent_default();
        }
    };
    let on_dragover = move |ev: leptos::web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(true);
    };
    let hint_id = format!("{id}-hint");
    let class = move || {
        if dragging.get() {
            "rd-field__input rd-field__input--drop"
        } else {
            "rd-field__input"
        }
    };
    let picker = file.map(|f| {
        let file_id = format!("{id}-file");
        view! {
            <div class="rd-field__file">
                <label for=file_id.clone()>
                    "Open a file"<span class="rd-visually-hidden">{format!(" for: {label}")}</span>
                </label>
                <input type="file" id=file_id data-testid=f.testid accept=f.accept
                    on:change=move |ev| web::picked_file(&ev, f.max, loaded)/>
                <span class="rd-field__status" role="status">{status_text}</span>
            </div>
        }
    });
    view! {
        <div class="rd-field">
            <label class="rd-field__label" for=id>{label}</label>
            <p class="rd-field__hint" id=hint_id.clone()>{hint}</p>
            <textarea id=id class=class data-testid=testid rows=rows placeholder=placeholder
                aria-describedby=hint_id spellcheck="false" autocomplete="off" autocapitalize="off"
                prop:value=shown
                on:input:target=move |ev| value.set(ev.target().value())
                on:dragover=on_dragover
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop></textarea>
            {held}
            {picker}
            // Without a picker the file's status line stands under the box.
            {file.is_none().then(|| view! { <p class="rd-field__status" role="status">{status_text}</p> })}
        </div>
    }
}
