//! The evidence as read (`data-testid="evidence-panel"`): a HAR's sign-in flow
//! as a timeline, with a sanitised copy of the HAR to download, or the failed
//! sign-in log entries with their explanations. Everything comes from the
//! core's reading of the evidence; this only lays it out.

use leptos::either::Either;
use leptos::prelude::*;

use super::state::AppState;
use super::web;
use crate::core::evidence::{sanitize, Evidence, Kind, StepKind};

/// One request of the timeline, as shown.
#[derive(Clone, Debug, PartialEq)]
struct StepRow {
    number: usize,
    method: String,
    status: String,
    kind: &'static str,
    role: &'static str,
    url: String,
    note: String,
}

/// The most failed sign-ins, and kinds of removed value, listed: an export can
/// hold tens of thousands, which would take the page seconds to draw.
const MAX_ROWS: usize = 100;

/// One failed sign-in, as shown.
#[derive(Clone, Debug, PartialEq)]
struct SignInRow {
    time: String,
    code: u32,
    explanation: String,
    reason: String,
    app: String,
    conditional_access: String,
    policies: Vec<String>,
    steps: Vec<String>,
}

/// What the panel shows of the evidence; compared, so an edit elsewhere that
/// leaves it unchanged does not re-render the panel.
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    kind: Kind,
    summary: String,
    sanitized: bool,
    steps: Vec<StepRow>,
    signins: Vec<SignInRow>,
    /// Failed sign-ins matched but not listed (over `MAX_ROWS`).
    signins_left_out: usize,
    filter: Option<String>,
}

impl Shown {
    fn of(e: &Evidence) -> Option<Shown> {
        if !matches!(e.kind, Kind::Har | Kind::SignInLog) {
            return None;
        }
        let steps = e
            .timeline
            .iter()
            .map(|s| StepRow {
                number: s.index + 1,
                method: s.method.clone(),
                status: if s.status == 0 {
                    "no answer".into()
                } else {
                    s.status.to_string()
                },
                kind: s.kind.as_str(),
                role: match s.kind {
                    StepKind::Authorize => "authorize",
                    StepKind::EntraResponse => "Entra answers",
                    StepKind::Redirect => "redirect",
                    StepKind::Callback => "reaches the app",
                    StepKind::Token => "token request",
                    StepKind::Other => "other",
                },
                url: visible(sanitize::elide_url(&s.url)),
                note: visible(s.note.clone()),
            })
            .collect();
        let signins_left_out = e.shown.len().saturating_sub(MAX_ROWS);
        let signins = e
            .shown_signins()
            .take(MAX_ROWS)
            .map(|s| SignInRow {
                time: s.time.clone(),
                code: s.error_code,
                explanation: s
                    .aadsts
                    .map(|i| format!("{}: {}", i.name, i.summary))
                    .unwrap_or_default(),
                reason: visible(s.failure_reason.clone()),
                app: visible(if s.app_name.is_empty() {
                    s.app_id.clone()
                } else {
                    format!("{} ({})", s.app_name, s.app_id)
                }),
                conditional_access: s.conditional_access_status.clone(),
                policies: s
                    .policies
                    .iter()
                    .filter(|p| p.result.eq_ignore_ascii_case("failure"))
                    .map(|p| {
                        visible(if p.grant_controls.is_empty() {
                            p.display_name.clone()
                        } else {
                            format!(
                                "{} (requires {})",
                                p.display_name,
                                p.grant_controls.join(", ")
                            )
                        })
                    })
                    .collect(),
                steps: s
                    .steps
                    .iter()
                    .map(|st| {
                        let outcome = match st.succeeded {
                            Some(true) => "succeeded",
                            Some(false) => "failed",
                            None => "",
                        };
                        visible(
                            [st.method.as_str(), outcome, st.result_detail.as_str()]
                                .into_iter()
                                .filter(|x| !x.is_empty())
                                .collect::<Vec<_>>()
                                .join(" · "),
                        )
                    })
                    .collect(),
            })
            .collect();
        Some(Shown {
            kind: e.kind,
            summary: e.summary.clone(),
            sanitized: e.sanitized,
            steps,
            signins,
            signins_left_out,
            filter: e.filter.clone(),
        })
    }
}

/// A sanitised HAR made on request, for the evidence it was made from.
#[derive(Clone)]
struct Prepared {
    /// The length and the first bytes of the evidence it was made from.
    source: (usize, String),
    result: Result<(String, Vec<sanitize::Removed>), String>,
}

/// `text` with its invisible and direction-changing characters written as `⟨U+202E⟩`: a
/// right-to-left override quoted from an export would otherwise reverse what is shown.
fn visible(text: String) -> String {
    crate::core::uri::show_hidden(&text).unwrap_or(text)
}

fn fingerprint(text: &str) -> (usize, String) {
    (text.len(), text.chars().take(256).collect())
}

#[component]
pub fn EvidencePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = Memo::new(move |_| {
        state
            .analysis
            .with(|a| a.evidence.as_ref().and_then(Shown::of))
    });
    move || {
        shown.get().map(|s| {
            let title = match s.kind {
                Kind::Har => "HAR: the sign-in, request by request",
                _ => "Sign-in log: failed sign-ins",
            };
            let body = match s.kind {
                Kind::Har => {
                    Either::Left(view! { <Timeline steps=s.steps sanitized=s.sanitized/> })
                }
                _ => Either::Right(
                    view! { <SignIns rows=s.signins left_out=s.signins_left_out filter=s.filter/> },
                ),
            };
            view! {
                <section class="rd-card rd-evidence" aria-labelledby="evidence-title"
                    data-testid="evidence-panel" data-evidence-kind=s.kind.as_str()>
                    <h2 id="evidence-title" class="rd-section-title">{title}</h2>
                    <p class="rd-muted">{s.summary}</p>
                    {body}
                </section>
            }
        })
    }
}

#[component]
fn Timeline(steps: Vec<StepRow>, sanitized: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let evidence = state.inputs.evidence;
    let prepared = RwSignal::new(None::<Prepared>);
    let prepare = move |_| {
        let made = evidence.with_untracked(|text| Prepared {
            source: fingerprint(text),
            result: sanitize::har(text, &sanitize::Options::default()),
        });
        prepared.set(Some(made));
    };
    // A copy made from other evidence is not offered.
    let current = move || {
        prepared
            .get()
            .filter(|p| evidence.with(|t| fingerprint(t) == p.source))
    };
    let rows = steps
        .into_iter()
        .map(|s| {
            view! {
                <tr class="rd-timeline__row" data-step=s.kind>
                    <td class="rd-timeline__n">{s.number}</td>
                    <td><span class="rd-timeline__role">{s.role}</span></td>
                    <td class="rd-mono">{s.method}" "{s.status}</td>
                    <td><code class="rd-break">{s.url}</code><div class="rd-timeline__note">{s.note}</div></td>
                </tr>
            }
        })
        .collect_view();
    let note = sanitized.then(|| {
        view! {
            <p class="rd-muted">
                "This HAR was sanitised before export: cookies and credential headers are missing, so the trace cannot show them."
            </p>
        }
    });
    view! {
        {note}
        <div class="rd-table-wrap">
            <table class="rd-components rd-timeline" data-testid="evidence-timeline">
                <caption class="rd-components__caption">"The requests of the sign-in, in order (secret values shown as …)"</caption>
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">"Step"</th>
                        <th scope="col">"Answer"</th>
                        <th scope="col">"Request and what happened"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <div class="rd-evidence__export">
            <button type="button" class="rd-button" data-testid="sanitize-har" on:click=prepare>
                "Sanitise this HAR"
            </button>
            <span class="rd-muted">
                " A copy without cookies, credential headers, codes, tokens, state, nonce, PKCE values, e-mail addresses or JWTs, to attach to a ticket."
            </span>
        </div>
        {move || current().map(|p| match p.result {
            Ok((text, removed)) => {
                let kinds_left_out = removed.len().saturating_sub(MAX_ROWS);
                let items = removed
                    .into_iter()
                    .take(MAX_ROWS)
                    .map(|r| {
                        let times = if r.count == 1 { String::new() } else { format!(" × {}", r.count) };
                        view! { <li><code>{r.name}</code>{times}" ("{r.place.as_str()}")"</li> }
                    })
                    .collect_view();
                let download = move |_| web::download("sanitized.har", "application/json", &text);
                Either::Left(view! {
                    <div class="rd-evidence__sanitized" data-testid="sanitized-preview">
                        <p>"Removed from the copy:"</p>
                        <ul class="rd-evidence__removed">{items}</ul>
                        {(kinds_left_out > 0).then(|| view! {
                            <p class="rd-muted">{format!("… and {kinds_left_out} more kinds of value.")}</p>
                        })}
                        <button type="button" class="rd-button" data-testid="export-sanitized-har" on:click=download>
                            "Download sanitised HAR"
                        </button>
                    </div>
                })
            }
            Err(why) => Either::Right(view! { <p role="alert" class="rd-share__warn">"The HAR could not be sanitised: "{why}</p> }),
        })}
    }
}

#[component]
fn SignIns(rows: Vec<SignInRow>, left_out: usize, filter: Option<String>) -> impl IntoView {
    let filter = filter.map(|f| view! { <p class="rd-muted">"Shown: "{f}"."</p> });
    let empty = rows
        .is_empty()
        .then(|| view! { <p>"No failed sign-in in the export matches."</p> });
    let items = rows
        .into_iter()
        .map(|r| {
            let policies = (!r.policies.is_empty()).then(|| {
                let list = r.policies.join("; ");
                view! { <div><span class="rd-muted">"Conditional Access policies that failed: "</span>{list}</div> }
            });
            let steps = (!r.steps.is_empty()).then(|| {
                let list = r.steps.join("; ");
                view! { <div><span class="rd-muted">"Authentication steps: "</span>{list}</div> }
            });
            view! {
                <li class="rd-signin" data-error-code=r.code.to_string()>
                    <div class="rd-signin__head">
                        <span class="rd-badge">"AADSTS"{r.code}</span>" "
                        <span class="rd-mono">{r.time}</span>
                    </div>
                    <div>{r.explanation}</div>
                    <div><span class="rd-muted">"The log says: "</span>{r.reason}</div>
                    <div><span class="rd-muted">"App: "</span>{r.app}
                        {(!r.conditional_access.is_empty()).then(|| view! {
                            <span class="rd-muted">" · Conditional Access: "</span>{r.conditional_access.clone()}
                        })}</div>
                    {policies}
                    {steps}
                </li>
            }
        })
        .collect_view();
    view! {
        {filter}
        {empty}
        <ul class="rd-signins" data-testid="evidence-signins">{items}</ul>
        {(left_out > 0).then(|| view! {
            <p class="rd-muted">{format!("… and {left_out} more failed sign-ins in the export, not listed here.")}</p>
        })}
    }
}
