//! "Export report": the report of SPEC §3 as a JSON download.

use leptos::prelude::*;

use super::state::AppState;
use super::web;

/// The export button (`data-testid="export-report"`).
#[component]
pub fn ExportButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    let export = move |_| {
        let json = state.analysis.with_untracked(|a| a.report.to_json());
        web::download("redirect-doctor-report.json", "application/json", &json);
    };
    view! {
        <button type="button" class="rd-button" data-testid="export-report" on:click=export>
            "Export report"
        </button>
    }
}
