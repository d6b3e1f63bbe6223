//! The whole page: the inputs on the left (top on a phone), then the
//! verdict, the diff, the findings and the registered list.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;

use super::diff_view::DiffView;
use super::evidence_panel::EvidencePanel;
use super::export_button::ExportButton;
use super::finding_list::FindingList;
use super::input_panel::InputPanel;
use super::registered_list::RegisteredList;
use super::share_slot::ShareSlot;
use super::state::{AppState, Inputs};
use super::theme_toggle::ThemeToggle;
use super::verdict_banner::VerdictBanner;
use super::web;

/// Saved inputs are restored by the first `App` of a page load only (a
/// reload); an `App` mounted later on the same page starts empty.
static RESTORED: AtomicBool = AtomicBool::new(false);

/// The largest evidence kept across a reload of the tab, in bytes.
const KEEP_EVIDENCE: usize = 1 << 20;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let (saved, dropped) = if RESTORED.swap(true, Ordering::Relaxed) {
        (None, None)
    } else {
        (web::load_inputs(), web::load_dropped())
    };
    let inputs = Inputs::new(saved.unwrap_or_default());
    let state = AppState::new(inputs);
    state.evidence_dropped.set(dropped);
    provide_context(state);
    super::share_open::open_share_links();
    // Inputs survive a reload of the tab (session storage, never sent anywhere).
    // Evidence over 1 MB is not kept: session storage holds a few megabytes, and
    // copying and serialising a large export on every keystroke would stall typing.
    Effect::new(move |_| {
        let mut case = inputs.case_without_evidence();
        let (kept, dropped) = inputs.evidence.with(|e| {
            if e.len() <= KEEP_EVIDENCE {
                (e.clone(), None)
            } else {
                (String::new(), Some(e.len()))
            }
        });
        case.evidence = kept;
        web::save_inputs(&case);
        // Said after a reload, so large evidence does not vanish without a word.
        web::save_dropped(dropped);
    });

    view! {
        <div class="rd-page">
            <header class="rd-header">
                <div class="rd-header__text">
                    <h1 class="rd-header__title">"redirect-doctor"</h1>
                    <p class="rd-header__tagline">
                        "Why Microsoft Entra ID sent no authorization code, and what to change. "
                        "Runs entirely in your browser: nothing you paste leaves this page."
                    </p>
                </div>
                <ThemeToggle/>
            </header>
            <main class="rd-main">
                <InputPanel/>
                <div class="rd-results">
                    <div class="rd-actions">
                        <ExportButton/>
                        <ShareSlot/>
                    </div>
                    <VerdictBanner/>
                    <DiffView/>
                    <FindingList/>
                    <EvidencePanel/>
                    <RegisteredList/>
                </div>
            </main>
        </div>
    }
}
