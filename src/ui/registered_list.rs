//! The registered redirect URIs as read, each with its platform and how it
//! compares with the sent one, nearest first; any one can be diffed.

use leptos::either::Either;
use leptos::prelude::*;

use super::state::AppState;
use crate::core::matching::Verdict;
use crate::core::registered::Registration;

/// The most rows drawn. Entra holds at most 256 redirect URIs per app; a
/// longer paste is analysed whole, but drawing tens of thousands of rows would
/// freeze the page for seconds.
const MAX_SHOWN: usize = 300;

/// One row of the list.
#[derive(Clone, PartialEq)]
struct Row {
    reg: Registration,
    verdict: Option<Verdict>,
}

fn verdict_words(v: &Option<Verdict>) -> (String, &'static str) {
    match v {
        None => ("not compared (no redirect_uri sent)".into(), "none"),
        Some(Verdict::Exact) => ("✓ exact match".into(), "match"),
        Some(Verdict::LoopbackPort) => ("✓ matches: localhost port ignored".into(), "match"),
        Some(Verdict::Wildcard) => ("✓ matches: wildcard".into(), "match"),
        Some(Verdict::Differs(ds)) => {
            let words: Vec<&str> = ds.iter().map(|d| d.words()).collect();
            (format!("✕ differs in {}", words.join(", ")), "differs")
        }
    }
}

/// The registered list section.
#[component]
pub fn RegisteredList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let analysis = state.analysis;
    // The rows drawn (nearest first) and how many there are in all.
    let rows = Memo::new(move |_| {
        analysis.with(|a| {
            let mut rows: Vec<Row> = a
                .comparisons
                .iter()
                .take(MAX_SHOWN)
                .filter_map(|c| {
                    a.registered.uris.get(c.index).map(|r| Row {
                        reg: r.clone(),
                        verdict: Some(c.verdict.clone()),
                    })
                })
                .collect();
            if rows.is_empty() {
                rows = a
                    .registered
                    .uris
                    .iter()
                    .take(MAX_SHOWN)
                    .map(|r| Row {
                        reg: r.clone(),
                        verdict: None,
                    })
                    .collect();
            }
            (rows, a.registered.uris.len())
        })
    });
    let audience = Memo::new(move |_| analysis.with(|a| a.audience.as_str()));
    let shown = move || {
        state
            .shown_diff
            .with(|d| d.as_ref().map(|d| d.registered.clone()))
    };
    let item = move |row: Row| {
        let (words, kind) = verdict_words(&row.verdict);
        let uri = row.reg.uri.clone();
        let is_shown = {
            let uri = uri.clone();
            move || shown().as_deref() == Some(uri.as_str())
        };
        let pick = {
            let uri = uri.clone();
            move |_| state.compare_with.set(Some(uri.clone()))
        };
        let button = row.verdict.is_some().then(|| {
            view! {
                <button type="button" class="rd-button rd-button--small" aria-pressed=move || is_shown().to_string()
                    on:click=pick>"Diff against this"<span class="rd-visually-hidden">{format!(": {uri}")}</span></button>
            }
        });
        view! {
            <li class=format!("rd-reglist__item rd-reglist__item--{kind}") data-testid="registered-item">
                <code class="rd-reglist__uri rd-break">{crate::core::uri::show_hidden(&row.reg.uri).unwrap_or_else(|| row.reg.uri.clone())}</code>
                <span class="rd-reglist__platform">{row.reg.platform.portal_name()}</span>
                <span class="rd-reglist__verdict">{words}</span>
                {button}
            </li>
        }
    };
    let list = move || {
        let (rows, total) = rows.get();
        if rows.is_empty() {
            return Either::Left(
                view! { <p class="rd-muted">"No registered redirect URIs read yet."</p> },
            );
        }
        let left_out = total.saturating_sub(rows.len());
        Either::Right(view! {
            <ol class="rd-reglist">{rows.into_iter().map(item).collect_view()}</ol>
            {(left_out > 0).then(|| view! {
                <p class="rd-muted" data-testid="registered-left-out">
                    {format!("… and {left_out} more, not drawn (all {total} were compared; the nearest are above).")}
                </p>
            })}
        })
    };
    view! {
        <section class="rd-card" aria-labelledby="registered-title" data-testid="registered-list">
            <h2 class="rd-section-title" id="registered-title">"Registered redirect URIs, as read"</h2>
            <p class="rd-muted">"Nearest first. Sign-in audience: " <code>{move || audience.get()}</code></p>
            {list}
        </section>
    }
}
