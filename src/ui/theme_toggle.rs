//! The light/dark switch: follows the system until pressed, then sets
//! `data-theme` on `<html>` (remembered in local storage).

use leptos::prelude::*;

use super::web;

/// A toggle button; pressed means the dark theme.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(web::load_theme().filter(|t| t == "light" || t == "dark"));
    let system_dark = web::prefers_dark();
    let dark = move || theme.get().map_or(system_dark, |t| t == "dark");
    let toggle = move |_| {
        let next = if dark() { "light" } else { "dark" };
        theme.set(Some(next.to_string()));
    };
    Effect::new(move |_| web::apply_theme(theme.get().as_deref()));
    view! {
        <button type="button" class="rd-button rd-theme" aria-pressed=move || dark().to_string()
            on:click=toggle>
            <span class="rd-theme__icon" aria-hidden="true">{move || if dark() { "☾" } else { "☀" }}</span>
            " Dark theme"
        </button>
    }
}
