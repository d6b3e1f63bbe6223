//! The UTF-8 bytes of the two URIs, character by character, in a <details>.

use leptos::prelude::*;

use crate::core::diff::{describe, hex};

/// The most characters listed per URI.
const MAX_CHARS: usize = 1024;

fn bytes(title: &'static str, s: &str) -> impl IntoView {
    let total = s.chars().count();
    // A URI longer than the list says so: a difference past it is in the character diff.
    let more = (total > MAX_CHARS).then(|| {
        view! {
            <p class="rd-field__status">
                {format!("The first {MAX_CHARS} of {total} characters are listed; the character diff above shows the rest.")}
            </p>
        }
    });
    let items = hex(s)
        .into_iter()
        .take(MAX_CHARS)
        .map(|(c, h)| {
            let (shown, note) = describe(c);
            let class = if note.is_some() {
                "rd-hex__item rd-hex__item--noted"
            } else {
                "rd-hex__item"
            };
            view! {
                <li class=class title=note>
                    <span class="rd-hex__ch">{shown}</span>
                    <code class="rd-hex__bytes">{h}</code>
                </li>
            }
        })
        .collect_view();
    view! {
        <h3 class="rd-hex__title">{title}</h3>
        <ol class="rd-hex__list">{items}</ol>
        {more}
    }
}

/// The hex view of the sent and the registered URI. The lists are built when
/// the reader first opens the box: at Entra's limits they are some 1,500
/// elements that most readers never look at, and the view is made again on
/// every edit.
#[component]
pub fn HexView(
    /// The sent URI.
    sent: String,
    /// The registered URI.
    registered: String,
    /// Whether the reader has opened the box: owned by the diff section, because an edit
    /// makes this view again inside the same open `<details>`.
    opened: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <details class="rd-hex" data-testid="hex-view" on:toggle=move |_| opened.set(true)>
            <summary class="rd-hex__summary">"UTF-8 bytes (hex)"</summary>
            {move || {
                opened
                    .get()
                    .then(|| view! { {bytes("Sent", &sent)} {bytes("Registered", &registered)} })
            }}
        </details>
    }
}
