//! The verdict first: registered / rejected / cannot tell yet, the primary
//! cause in one sentence, the AADSTS code Entra shows, and the redirect status.

use leptos::prelude::*;

use super::state::AppState;
use crate::core::{RedirectStatus, VerdictKind};

/// The verdict's label and its icon (shape as well as colour).
fn label(kind: VerdictKind) -> (&'static str, &'static str) {
    match kind {
        VerdictKind::Empty => ("…", "Waiting for input"),
        VerdictKind::Accepted => ("✓", "Registered"),
        VerdictKind::AcceptedWithErrors => ("!", "Registered, but sign-in still fails"),
        VerdictKind::Rejected => ("✕", "Rejected"),
        VerdictKind::Unknown => ("?", "Cannot tell yet"),
    }
}

/// The redirect status in words.
fn status_words(status: RedirectStatus) -> &'static str {
    match status {
        RedirectStatus::Exact => "registered (exact match)",
        RedirectStatus::LoopbackPort => "registered (localhost port ignored)",
        RedirectStatus::Wildcard => "registered (wildcard)",
        RedirectStatus::Mismatch => "not in the registered list",
        RedirectStatus::Missing => "no redirect_uri in the request",
        RedirectStatus::Unchecked => "not checked yet",
    }
}

/// The verdict banner and its live region.
#[component]
pub fn VerdictBanner() -> impl IntoView {
    let analysis = expect_context::<AppState>().analysis;
    let kind = Memo::new(move |_| analysis.with(|a| a.verdict));
    let status = Memo::new(move |_| analysis.with(|a| a.report.redirect.status));
    let headline = Memo::new(move |_| analysis.with(|a| a.headline.clone()));
    let aadsts = Memo::new(move |_| analysis.with(|a| a.report.primary().and_then(|f| f.aadsts)));
    let fix = Memo::new(move |_| {
        analysis.with(|a| {
            a.report
                .primary()
                .map(|f| f.fix.clone())
                .filter(|f| !f.is_empty())
        })
    });
    let sent = Memo::new(move |_| analysis.with(|a| a.report.redirect.sent.clone()));
    let class = move || format!("rd-verdict rd-verdict--{}", kind.get().as_str());
    let announcement = move || format!("{}. {}", label(kind.get()).1, headline.get());
    // A screen reader hears the verdict once typing pauses, not at every keystroke of a URL.
    let spoken = RwSignal::new(String::new());
    let mut speak = debounce(
        std::time::Duration::from_millis(700),
        move |text: String| {
            let _ = spoken.try_set(text);
        },
    );
    Effect::new(move |_| speak(announcement()));
    let code = move || {
        aadsts.get().map(|c| {
            view! {
                <div class="rd-verdict__fact"><dt>"Entra error"</dt>
                    <dd class="rd-mono" data-testid="verdict-aadsts">{format!("AADSTS{c}")}</dd></div>
            }
        })
    };
    let sent_row = move || {
        sent.get().map(|s| {
            view! { <div class="rd-verdict__fact rd-verdict__fact--wide"><dt>"Sent redirect_uri"</dt>
                <dd class="rd-mono rd-break">{crate::core::uri::show_hidden(&s).unwrap_or(s)}</dd></div> }
        })
    };
    let fix_row = move || {
        fix.get().map(
            |f| view! { <p class="rd-verdict__fix"><strong>"What to change: "</strong>{f}</p> },
        )
    };
    view! {
        <section class=class aria-labelledby="verdict-title" data-testid="verdict"
            data-verdict=move || kind.get().as_str()
            data-redirect-status=move || status.get().as_str()>
            <h2 class="rd-verdict__title" id="verdict-title">
                <span class="rd-verdict__icon" aria-hidden="true">{move || label(kind.get()).0}</span>
                {move || label(kind.get()).1}
            </h2>
            <p class="rd-verdict__headline" data-testid="verdict-headline">{move || headline.get()}</p>
            {fix_row}
            <dl class="rd-verdict__facts">
                <div class="rd-verdict__fact"><dt>"Redirect URI"</dt>
                    <dd data-testid="verdict-status">{move || status_words(status.get())}</dd></div>
                {code}
                {sent_row}
            </dl>
        </section>
        <div class="rd-visually-hidden" aria-live="polite" aria-atomic="true" data-testid="verdict-live">
            {move || spoken.get()}
        </div>
    }
}
