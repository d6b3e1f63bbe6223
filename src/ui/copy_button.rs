//! A copy button with a "Copied" confirmation.

use leptos::prelude::*;

use super::web;

/// Copies `text` to the clipboard; says "Copied" for a moment after.
#[component]
pub fn CopyButton(
    /// The exact text to copy.
    text: String,
    /// What is copied, for screen readers ("Copy: Register under Web").
    label: String,
) -> impl IntoView {
    let (copy, copied) = web::clipboard();
    let unavailable = RwSignal::new(false);
    let on_click = move |_| unavailable.set(!copy(&text));
    view! {
        <button type="button" class="rd-button rd-button--small rd-copy"
            data-copied=move || copied.get().to_string() on:click=on_click>
            {move || if copied.get() { "Copied ✓" } else if unavailable.get() { "Copy: select it" } else { "Copy" }}
            <span class="rd-visually-hidden">{format!(": {label}")}</span>
        </button>
        <span class="rd-visually-hidden" role="status">{move || {
            if copied.get() {
                Some("Copied to the clipboard.")
            } else {
                unavailable.get().then_some("This page cannot write to the clipboard here: select the text and copy it.")
            }
        }}</span>
    }
}
