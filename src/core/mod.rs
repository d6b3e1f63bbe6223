//! The analyzer core: pure Rust, no browser or UI crate.
//!
//! Raw input bytes are the truth. `url::Url` is only used to ask whether a
//! string is a valid absolute URI; every comparison and diff runs on the raw
//! (decoded once) strings, never on a normalised URL.

pub mod codes;
pub mod report;

pub use report::{Finding, Platform, RedirectStatus, Report, Severity};

use serde::{Deserialize, Serialize};

/// What the user pasted (SPEC §1 and the CASE format of §5).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseInput {
    /// The authorize URL, its query string, or Entra's error text.
    #[serde(default)]
    pub authorize: String,
    /// The registered redirect URIs, in any supported format.
    #[serde(default)]
    pub registered: String,
    /// The URL the browser landed on, or pasted error text.
    #[serde(default)]
    pub callback: String,
    /// The sign-in audience when the registration does not carry it.
    #[serde(default)]
    pub audience: String,
    /// A HAR export or a sign-in log export.
    #[serde(default)]
    pub evidence: String,
}

/// Everything the page shows; `report` is what is exported.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// The report of SPEC §3.
    pub report: Report,
}

/// The single entry point: reads every input and returns the analysis.
pub fn analyze(input: &CaseInput) -> Analysis {
    let _ = input;
    Analysis::default()
}
