//! "Try an example": one click fills every input with a real case.

use leptos::prelude::*;

use super::examples::EXAMPLES;
use super::state::AppState;

/// A row of example buttons.
#[component]
pub fn ExamplePicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let buttons = EXAMPLES
        .iter()
        .map(|example| {
            let pick = move |_| state.replace(example.case(), "Undo example");
            view! {
                <li><button type="button" class="rd-chip" on:click=pick>{example.name}</button></li>
            }
        })
        .collect_view();
    view! {
        <div class="rd-examples">
            <h3 class="rd-examples__title" id="examples-title">"Try an example"</h3>
            <ul class="rd-examples__list" aria-labelledby="examples-title" data-testid="examples">
                {buttons}
            </ul>
        </div>
    }
}
