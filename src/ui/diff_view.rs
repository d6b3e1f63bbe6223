//! The byte-by-byte diff of the sent redirect_uri against the matched,
//! nearest or chosen registered URI.

use leptos::either::Either;
use leptos::prelude::*;

use super::component_table::ComponentTable;
use super::diff_cells::DiffCells;
use super::hex_view::HexView;
use super::state::AppState;
use crate::core::diff::{Glyph, UriDiff};
use crate::core::{Analysis, Platform};

/// The most unusual characters listed under the diff.
const MAX_NOTES: usize = 20;

/// The legend: each mark has a colour and a shape.
fn legend() -> impl IntoView {
    view! {
        <ul class="rd-legend" aria-label="Legend">
            <li><span class="rd-legend__sample rd-legend__sample--insert">"a"</span>" only in the sent URI (underlined)"</li>
            <li><span class="rd-legend__sample rd-legend__sample--delete">"a"</span>" only in the registered URI (struck through)"</li>
            <li><span class="rd-legend__sample rd-legend__sample--replace">"a"</span>" changed (boxed)"</li>
            <li><span class="rd-legend__sample rd-legend__sample--noted">"о"</span>" invisible or non-ASCII (dotted frame; listed below)"</li>
        </ul>
    }
}

/// Invisible, look-alike and non-ASCII characters, with their code points.
fn notes(d: &UriDiff) -> impl IntoView {
    let noted: Vec<(&str, &Glyph)> = d
        .segments
        .iter()
        .flat_map(|seg| {
            let sent = seg.sent.iter().map(|g| ("sent", g));
            sent.chain(seg.registered.iter().map(|g| ("registered", g)))
        })
        .filter(|(_, g)| g.note.is_some())
        .collect();
    let total = noted.len();
    let items = noted
        .into_iter()
        .take(MAX_NOTES)
        .map(|(side, g)| {
            let note = g.note.clone().unwrap_or_default();
            view! {
                <li><span class="rd-notes__ch">{g.shown.clone()}</span>
                    {format!(" in the {side} URI at byte {}: {note}", g.offset)}</li>
            }
        })
        .collect_view();
    (total > 0).then(|| {
        view! {
            <div class="rd-notes" data-testid="diff-notes">
                <h3 class="rd-notes__title">"Characters to look at"</h3>
                <ul class="rd-notes__list">{items}</ul>
                {(total > MAX_NOTES).then(|| format!("… and {} more.", total - MAX_NOTES))}
            </div>
        }
    })
}

/// Which registered URI the diff is against, and its platform.
fn against(a: &Analysis, registered: &str) -> String {
    let platform = a
        .registered
        .uris
        .iter()
        .find(|r| r.uri == registered)
        .map(|r| r.platform);
    let under = match platform {
        Some(p) if p != Platform::Unknown => format!(", registered under {}", p.portal_name()),
        _ => String::new(),
    };
    let which = match &a.report.redirect.matched {
        Some(m) if m.uri == registered => "the registered URI that accepts it",
        _ if a
            .report
            .redirect
            .nearest
            .as_ref()
            .is_some_and(|n| n.uri == registered) =>
        {
            "the nearest registered URI"
        }
        _ => "the registered URI you chose",
    };
    format!("The sent redirect_uri (top row) against {which} (bottom row){under}.")
}

fn body(d: UriDiff, against: String, hex_opened: RwSignal<bool>) -> impl IntoView {
    let summary = if d.is_equal() {
        "The two strings are byte-for-byte equal.".to_string()
    } else {
        // Invisible characters (a zero-width space, a BOM) are read out by their code point.
        let spoken = |s: &str| crate::core::uri::show_hidden(s).unwrap_or_else(|| s.to_string());
        format!(
            "Sent: {} — Registered: {}",
            spoken(&d.sent),
            spoken(&d.registered)
        )
    };
    view! {
        <p class="rd-muted rd-diff__against" data-testid="diff-against">{against}</p>
        <p class="rd-visually-hidden" data-testid="diff-summary">{summary}</p>
        {d.is_equal().then(|| view! { <p class="rd-diff__equal">"✓ Byte-for-byte equal."</p> })}
        <div class="rd-diff" data-testid="diff-view">
            <DiffCells diff=d.clone()/>
        </div>
        {legend()}
        {notes(&d)}
        <ComponentTable rows=d.components.clone()/>
        <HexView sent=d.sent.clone() registered=d.registered.clone() opened=hex_opened/>
    }
}

/// What the section says before there is anything to diff.
fn waiting() -> impl IntoView {
    view! {
        <p class="rd-muted">
            "The diff appears when the request's redirect_uri and at least one registered URI are known."
        </p>
    }
}

/// The diff section.
#[component]
pub fn DiffView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let hex_opened = RwSignal::new(false);
    let content = move || match state.shown_diff.get() {
        Some(d) => {
            let against = state.analysis.with(|a| against(a, &d.registered));
            Either::Left(body(d, against, hex_opened))
        }
        None => Either::Right(waiting()),
    };
    view! {
        <section class="rd-card rd-diff-section" aria-labelledby="diff-title">
            <h2 class="rd-section-title" id="diff-title">"Sent vs registered, character by character"</h2>
            {content}
        </section>
    }
}
