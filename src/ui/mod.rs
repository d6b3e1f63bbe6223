//! The page: renders what the core returns, and nothing more.

use leptos::prelude::*;

use crate::core::{analyze, CaseInput};

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let authorize = RwSignal::new(String::new());
    let registered = RwSignal::new(String::new());
    let callback = RwSignal::new(String::new());
    let analysis = Memo::new(move |_| {
        analyze(&CaseInput {
            authorize: authorize.get(),
            registered: registered.get(),
            callback: callback.get(),
            ..CaseInput::default()
        })
    });
    let status = move || analysis.with(|a| a.report.redirect.status.as_str());
    view! {
        <main class="rd-app">
            <h1>"redirect-doctor"</h1>
            <label for="authorize">"Authorize request"</label>
            <textarea id="authorize" data-testid="authorize-input"
                prop:value=authorize
                on:input:target=move |ev| authorize.set(ev.target().value())></textarea>
            <label for="registered">"Registered redirect URIs"</label>
            <textarea id="registered" data-testid="registered-input"
                prop:value=registered
                on:input:target=move |ev| registered.set(ev.target().value())></textarea>
            <label for="callback">"What came back"</label>
            <textarea id="callback" data-testid="callback-input"
                prop:value=callback
                on:input:target=move |ev| callback.set(ev.target().value())></textarea>
            <section data-redirect-status=status>
                <For each=move || analysis.with(|a| a.report.findings.clone())
                    key=|f| f.code.clone() let:f>
                    <p data-finding=f.code.clone() data-severity=f.severity.as_str()>{f.title.clone()}</p>
                </For>
            </section>
        </main>
    }
}
