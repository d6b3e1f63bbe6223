//! The per-component table: scheme, host, port, path, query, fragment.

use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::core::diff::ComponentRow;

fn value(v: Option<String>) -> impl IntoView {
    match v {
        Some(v) if !v.is_empty() => {
            let v = crate::core::uri::show_hidden(&v).unwrap_or(v);
            EitherOf3::A(view! { <code class="rd-break">{v}</code> })
        }
        Some(_) => EitherOf3::B(view! { <span class="rd-muted">"(empty)"</span> }),
        None => EitherOf3::C(view! { <span class="rd-muted">"(none)"</span> }),
    }
}

/// One row per component; differing rows are marked in words and colour.
#[component]
pub fn ComponentTable(
    /// The rows, as the core computed them.
    rows: Vec<ComponentRow>,
) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|r| {
            let class = if r.equal {
                "rd-components__row"
            } else {
                "rd-components__row rd-components__row--differs"
            };
            let same = if r.equal { "✓ same" } else { "✕ differs" };
            view! {
                <tr class=class data-component=r.name data-equal=r.equal.to_string()>
                    <th scope="row">{r.name}</th>
                    <td>{value(r.sent)}</td>
                    <td>{value(r.registered)}</td>
                    <td class="rd-components__same">{same}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="rd-table-wrap">
            <table class="rd-components" data-testid="component-table">
                <caption class="rd-components__caption">"Component by component"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Part"</th>
                        <th scope="col">"Sent"</th>
                        <th scope="col">"Registered"</th>
                        <th scope="col">"Same?"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
