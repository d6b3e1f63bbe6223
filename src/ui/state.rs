//! The page's state: the inputs as signals, the analysis as a memo over
//! `core::analyze_with_evidence` (the evidence read in a memo of its own), and
//! the registered URI the user chose to diff against.

use leptos::prelude::*;

use crate::core::diff::{self, UriDiff};
use crate::core::{analyze_with_evidence, read_evidence, Analysis, CaseInput};

/// The five inputs of SPEC §1, one signal each.
#[derive(Clone, Copy)]
pub struct Inputs {
    /// The authorize URL, query string or Entra error text.
    pub authorize: RwSignal<String>,
    /// The registered redirect URIs, in any supported format.
    pub registered: RwSignal<String>,
    /// The landing URL or pasted error text.
    pub callback: RwSignal<String>,
    /// The sign-in audience chosen in the select ("" = from the registration).
    pub audience: RwSignal<String>,
    /// A HAR or sign-in log export.
    pub evidence: RwSignal<String>,
}

impl Inputs {
    /// Signals holding `case`.
    pub fn new(case: CaseInput) -> Self {
        Inputs {
            authorize: RwSignal::new(case.authorize),
            registered: RwSignal::new(case.registered),
            callback: RwSignal::new(case.callback),
            audience: RwSignal::new(case.audience),
            evidence: RwSignal::new(case.evidence),
        }
    }

    /// The current inputs (tracked).
    pub fn case(&self) -> CaseInput {
        CaseInput {
            authorize: self.authorize.get(),
            registered: self.registered.get(),
            callback: self.callback.get(),
            audience: self.audience.get(),
            evidence: self.evidence.get(),
        }
    }

    /// The current inputs but the evidence (tracked), which is read on its own.
    pub fn case_without_evidence(&self) -> CaseInput {
        CaseInput {
            authorize: self.authorize.get(),
            registered: self.registered.get(),
            callback: self.callback.get(),
            audience: self.audience.get(),
            evidence: String::new(),
        }
    }

    /// Moves every input out, leaving the boxes empty.
    fn take(&self) -> CaseInput {
        let take = |s: RwSignal<String>| s.try_update(std::mem::take).unwrap_or_default();
        CaseInput {
            authorize: take(self.authorize),
            registered: take(self.registered),
            callback: take(self.callback),
            audience: take(self.audience),
            evidence: take(self.evidence),
        }
    }

    /// Whether the boxes hold `case` (tracked; compared in place, nothing copied).
    pub fn hold(&self, case: &CaseInput) -> bool {
        self.authorize.with(|v| *v == case.authorize)
            && self.registered.with(|v| *v == case.registered)
            && self.callback.with(|v| *v == case.callback)
            && self.audience.with(|v| *v == case.audience)
            && self.evidence.with(|v| *v == case.evidence)
    }

    /// Replaces every input with `case`.
    pub fn set(&self, case: CaseInput) {
        self.authorize.set(case.authorize);
        self.registered.set(case.registered);
        self.callback.set(case.callback);
        self.audience.set(case.audience);
        self.evidence.set(case.evidence);
    }
}

/// Everything the components share, provided as context by `App`.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The inputs.
    pub inputs: Inputs,
    /// The analysis of the inputs, recomputed when one changes.
    pub analysis: Memo<Analysis>,
    /// The registered URI the user picked to diff against (None: the core's choice).
    pub compare_with: RwSignal<Option<String>>,
    /// The diff on show: against the picked URI, or the core's matched/nearest one.
    pub shown_diff: Memo<Option<UriDiff>>,
    /// How many times the whole case was replaced ("Clear all", an example, a shared case
    /// opened): what was built or said of the inputs before (a share link, a file's status
    /// line) belongs to a case the user threw away.
    pub resets: RwSignal<u32>,
    /// The size of the evidence a reload did not keep (too large for the tab's storage).
    pub evidence_dropped: RwSignal<Option<usize>>,
    /// What the last "Clear all" or example replaced, and the URI picked then: "Undo" puts it
    /// back.
    pub cleared: RwSignal<Option<(CaseInput, Option<String>)>>,
    /// The inputs right after that replacement (empty after "Clear all"): "Undo" is offered
    /// while the boxes still hold them.
    pub undo_target: StoredValue<CaseInput>,
    /// The undo button's words ("Undo clear", "Undo example").
    pub undo_label: RwSignal<&'static str>,
}

impl AppState {
    /// "Clear all": empty inputs, the core's diff, and a new clear count.
    pub fn clear(&self) {
        let picked = self.compare_with.try_update(Option::take).flatten();
        let before = self.inputs.take();
        // A second press on empty boxes keeps what the first one emptied.
        if before != CaseInput::default() {
            self.cleared.set(Some((before, picked)));
        }
        self.undo_target.set_value(CaseInput::default());
        self.undo_label.set("Undo clear");
        self.resets.update(|n| *n += 1);
        self.evidence_dropped.set(None);
    }

    /// Every input replaced with `case` (an example, a shared case), with the core's diff;
    /// what the boxes held is kept for "Undo" (`label`).
    pub fn replace(&self, case: CaseInput, label: &'static str) {
        let picked = self.compare_with.try_update(Option::take).flatten();
        let before = self.inputs.take();
        self.cleared
            .set((before != CaseInput::default()).then_some((before, picked)));
        self.undo_target.set_value(case.clone());
        self.undo_label.set(label);
        self.inputs.set(case);
        self.resets.update(|n| *n += 1);
    }

    /// One box replaced with `text` (a file dropped on the page). When the box held something,
    /// what the boxes held is kept for "Undo" (`label`), as for an example.
    pub fn replace_box(&self, slot: RwSignal<String>, text: String, label: &'static str) {
        if slot.with_untracked(|t| t.trim().is_empty()) {
            slot.set(text);
            return;
        }
        let before = untrack(|| self.inputs.case());
        slot.set(text);
        let picked = self.compare_with.get_untracked();
        self.cleared.set(Some((before, picked)));
        self.undo_target.set_value(untrack(|| self.inputs.case()));
        self.undo_label.set(label);
        self.resets.update(|n| *n += 1);
    }

    /// "Undo clear": the inputs the last "Clear all" emptied, back in their boxes.
    pub fn undo_clear(&self) {
        if let Some((case, picked)) = self.cleared.try_update(Option::take).flatten() {
            self.inputs.set(case);
            self.compare_with.set(picked);
        }
    }

    /// Builds the state around `inputs`.
    pub fn new(inputs: Inputs) -> Self {
        // The evidence can be tens of megabytes: it is read only when its box
        // changes, and neither copied nor read again when another box is edited.
        let evidence = Memo::new(move |_| inputs.evidence.with(|text| read_evidence(text)));
        let analysis = Memo::new(move |_| {
            analyze_with_evidence(&inputs.case_without_evidence(), evidence.get())
        });
        let compare_with = RwSignal::new(None::<String>);
        let shown_diff = Memo::new(move |_| {
            let picked = compare_with.get();
            analysis.with(|a| chosen_diff(a, picked.as_deref()))
        });
        AppState {
            inputs,
            analysis,
            compare_with,
            shown_diff,
            resets: RwSignal::new(0),
            evidence_dropped: RwSignal::new(None),
            cleared: RwSignal::new(None),
            undo_target: StoredValue::new(CaseInput::default()),
            undo_label: RwSignal::new("Undo clear"),
        }
    }
}

/// The diff to show: against `picked` when it is still in the registered list
/// and differs from the core's own choice; otherwise the core's diff.
fn chosen_diff(a: &Analysis, picked: Option<&str>) -> Option<UriDiff> {
    let sent = a.report.redirect.sent.as_deref();
    let listed = picked.filter(|p| a.registered.uris.iter().any(|r| r.uri == *p));
    match (sent, listed) {
        (Some(s), Some(p)) if a.diff.as_ref().is_none_or(|d| d.registered != p) => {
            Some(diff::diff(s, p))
        }
        _ => a.diff.clone(),
    }
}
