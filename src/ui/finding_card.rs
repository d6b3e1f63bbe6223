//! One finding: severity, title, why, the fix, strings to copy, sources.

use leptos::either::Either;
use leptos::prelude::*;

use super::copy_button::CopyButton;
use crate::core::{Finding, Severity};

fn severity_label(s: Severity) -> (&'static str, &'static str) {
    match s {
        Severity::Error => ("✕", "Error"),
        Severity::Warning => ("!", "Warning"),
        Severity::Info => ("i", "Info"),
    }
}

/// A link for documentation references; anything that is not https stays text.
fn reference(r: String) -> impl IntoView {
    if r.starts_with("https://") {
        let href = r.clone();
        Either::Left(
            view! { <li><a class="rd-break" href=href target="_blank" rel="noopener noreferrer">{r}</a></li> },
        )
    } else {
        Either::Right(view! { <li class="rd-break">{r}</li> })
    }
}

/// A finding (`data-finding`, `data-severity`).
#[component]
pub fn FindingCard(
    /// The finding, as the core built it.
    finding: Finding,
) -> impl IntoView {
    let Finding {
        code,
        severity,
        title,
        detail,
        fix,
        refs,
        snippets,
        aadsts,
        ..
    } = finding;
    let (icon, sev_text) = severity_label(severity);
    let shown_code = code.clone();
    let snippets = snippets
        .into_iter()
        .map(|s| {
            view! {
                <div class="rd-snippet">
                    <div class="rd-snippet__head">
                        <span class="rd-snippet__label rd-break">{s.label.clone()}</span>
                        <CopyButton text=s.text.clone() label=s.label/>
                    </div>
                    // Shown with hidden characters as code points; copied exactly.
                    <pre class="rd-snippet__text"><code>{crate::core::uri::show_hidden(&s.text).unwrap_or(s.text)}</code></pre>
                </div>
            }
        })
        .collect_view();
    let refs = (!refs.is_empty()).then(|| {
        view! {
            <div class="rd-finding__refs"><span class="rd-finding__label">"Sources"</span>
                <ul>{refs.into_iter().map(reference).collect_view()}</ul></div>
        }
    });
    view! {
        <article class=format!("rd-finding rd-finding--{}", severity.as_str())
            data-finding=code data-severity=severity.as_str()>
            <div class="rd-finding__meta">
                <span class=format!("rd-badge rd-badge--{}", severity.as_str())>
                    <span aria-hidden="true">{icon}" "</span>{sev_text}
                </span>
                {aadsts.map(|c| view! { <span class="rd-badge rd-badge--code">{format!("AADSTS{c}")}</span> })}
                <code class="rd-finding__code">{shown_code}</code>
            </div>
            <h3 class="rd-finding__title">{title}</h3>
            {(!detail.is_empty()).then(|| view! { <p class="rd-finding__detail">{detail}</p> })}
            {(!fix.is_empty()).then(|| view! {
                <p class="rd-finding__fix"><span class="rd-finding__label">"Fix "</span>{fix}</p>
            })}
            {snippets}
            {refs}
        </article>
    }
}
