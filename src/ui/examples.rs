//! "Try an example": cases from `tests/cases/`, built into the page so a
//! newcomer sees a real diagnosis with one click. Parsed only when clicked.

use crate::core::CaseInput;

/// One example: a short name for its button and the case file's text.
pub struct Example {
    /// The button's text.
    pub name: &'static str,
    /// The case file (CASE format of SPEC §5; `note` and `expect` are ignored).
    pub json: &'static str,
}

macro_rules! example {
    ($name:literal, $file:literal) => {
        Example {
            name: $name,
            json: include_str!(concat!("../../tests/cases/", $file, ".json")),
        }
    };
}

/// The examples, in the order the page lists them.
pub const EXAMPLES: &[Example] = &[
    example!("Trailing slash", "trailing-slash"),
    example!("http behind a proxy", "scheme-behind-proxy"),
    example!("SPA registered under Web", "spa-under-web"),
    example!("localhost port", "localhost-port-ignored"),
    example!("Conditional Access block", "ca-blocked"),
    example!("Double-encoded URI", "double-encoded"),
    example!("Invisible character", "invisible-zwsp"),
    example!("Registered (works)", "exact-match-web"),
];

impl Example {
    /// The example's inputs.
    pub fn case(&self) -> CaseInput {
        // The files are part of the build and tested by tests/cases.rs; an
        // unreadable one leaves the inputs empty rather than breaking the page.
        serde_json::from_str(self.json).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_reads_and_has_an_authorize_request() {
        for e in EXAMPLES {
            assert!(
                !e.case().authorize.is_empty(),
                "{} has no authorize input",
                e.name
            );
        }
    }
}
