//! The findings, most important first (the core's order).

use leptos::either::Either;
use leptos::prelude::*;

use super::finding_card::FindingCard;
use super::state::AppState;

/// The findings section.
#[component]
pub fn FindingList() -> impl IntoView {
    let analysis = expect_context::<AppState>().analysis;
    let findings = Memo::new(move |_| analysis.with(|a| a.report.findings.clone()));
    let count = move || findings.with(Vec::len);
    let cards = move || {
        if count() == 0 {
            return Either::Left(view! { <p class="rd-muted">"No findings yet."</p> });
        }
        Either::Right(
            findings
                .get()
                .into_iter()
                .map(|f| view! { <FindingCard finding=f/> })
                .collect_view(),
        )
    };
    view! {
        <section class="rd-card rd-findings" aria-labelledby="findings-title" data-testid="findings">
            <h2 class="rd-section-title" id="findings-title">
                "Findings " <span class="rd-count">{move || format!("({})", count())}</span>
            </h2>
            {cards}
        </section>
    }
}
