//! The optional sign-in audience, used when the registration does not say.

use leptos::prelude::*;

/// `signInAudience` values and what the portal calls them.
const AUDIENCES: &[(&str, &str)] = &[
    ("", "From the registration (or unknown)"),
    ("AzureADMyOrg", "This organization only (AzureADMyOrg)"),
    (
        "AzureADMultipleOrgs",
        "Any organization (AzureADMultipleOrgs)",
    ),
    (
        "AzureADandPersonalMicrosoftAccount",
        "Any organization and personal accounts (AzureADandPersonalMicrosoftAccount)",
    ),
    (
        "PersonalMicrosoftAccount",
        "Personal Microsoft accounts only (PersonalMicrosoftAccount)",
    ),
];

/// A labelled `<select>` bound to `value`.
#[component]
pub fn AudienceSelect(
    /// The chosen `signInAudience` ("" = from the registration).
    value: RwSignal<String>,
) -> impl IntoView {
    let options = AUDIENCES
        .iter()
        .map(|(v, text)| view! { <option value=*v selected=move || value.get() == *v>{*text}</option> })
        .collect_view();
    view! {
        <div class="rd-field">
            <label class="rd-field__label" for="audience">"Sign-in audience"</label>
            <select id="audience" class="rd-field__select" data-testid="audience-select"
                prop:value=value
                on:change:target=move |ev| value.set(ev.target().value())>
                {options}
            </select>
        </div>
    }
}
