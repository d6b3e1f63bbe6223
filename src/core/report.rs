//! The report of SPEC §3: the same JSON from the page's "Export report" and
//! from the CLI. Plain data; every finding is built from the one code table
//! in [`crate::core::codes`].

use serde::{Deserialize, Serialize};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The code will not arrive, or sign-in fails.
    Error,
    /// A likely or latent problem.
    Warning,
    /// Context worth knowing.
    Info,
}

impl Severity {
    /// The lowercase name used in the report and in `data-severity`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The platform a redirect URI is registered under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Platform {
    /// Web (server-side, confidential client).
    #[serde(rename = "web")]
    Web,
    /// Single-page application.
    #[serde(rename = "spa")]
    Spa,
    /// Mobile and desktop (public client, `InstalledClient`).
    #[serde(rename = "publicClient")]
    PublicClient,
    /// The pasted format did not say.
    #[default]
    #[serde(rename = "unknown")]
    Unknown,
}

impl Platform {
    /// The name used in the report (`web`, `spa`, `publicClient`, `unknown`).
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Web => "web",
            Platform::Spa => "spa",
            Platform::PublicClient => "publicClient",
            Platform::Unknown => "unknown",
        }
    }

    /// The name the Entra admin center shows for this platform.
    pub fn portal_name(self) -> &'static str {
        match self {
            Platform::Web => "Web",
            Platform::Spa => "Single-page application",
            Platform::PublicClient => "Mobile and desktop applications",
            Platform::Unknown => "(platform not given)",
        }
    }
}

/// The verdict on the sent `redirect_uri`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum RedirectStatus {
    /// Byte-for-byte equal to a registered URI.
    Exact,
    /// Equal but for the port of an `http://localhost` URI, which Entra ignores.
    LoopbackPort,
    /// Matched by a registered wildcard URI.
    Wildcard,
    /// Not equal to any registered URI.
    Mismatch,
    /// The request carries no `redirect_uri`.
    Missing,
    /// No registered list was given.
    #[default]
    Unchecked,
}

impl RedirectStatus {
    /// The name used in the report and in `data-redirect-status`.
    pub fn as_str(self) -> &'static str {
        match self {
            RedirectStatus::Exact => "exact",
            RedirectStatus::LoopbackPort => "loopback_port",
            RedirectStatus::Wildcard => "wildcard",
            RedirectStatus::Mismatch => "mismatch",
            RedirectStatus::Missing => "missing",
            RedirectStatus::Unchecked => "unchecked",
        }
    }

    /// True when Entra would accept the redirect URI.
    pub fn is_accepted(self) -> bool {
        matches!(
            self,
            RedirectStatus::Exact | RedirectStatus::LoopbackPort | RedirectStatus::Wildcard
        )
    }
}

/// A registered URI as the report names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UriRef {
    /// The registered string, exactly as given.
    pub uri: String,
    /// Its platform.
    pub platform: Platform,
}

/// The nearest registered URI and how it differs from the sent one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nearest {
    /// The registered string, exactly as given.
    pub uri: String,
    /// Its platform.
    pub platform: Platform,
    /// Difference kinds, most specific first (`trailing_slash`, `scheme`, …).
    pub differences: Vec<String>,
}

/// The `redirect` object of the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RedirectReport {
    /// The verdict.
    pub status: RedirectStatus,
    /// The decoded `redirect_uri` that was sent, if any.
    pub sent: Option<String>,
    /// The registered URI that accepts it (exact, loopback port or wildcard).
    pub matched: Option<UriRef>,
    /// The closest registered URI, when the match is not exact.
    pub nearest: Option<Nearest>,
}

/// A string the user can copy: a URI to register, a corrected URL, a command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// What it is ("Register under Web", "az CLI", "Corrected authorize URL").
    pub label: String,
    /// The exact text to copy.
    pub text: String,
}

/// One diagnosis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The stable code, e.g. `redirect.trailing_slash_mismatch`.
    pub code: String,
    /// How bad it is.
    pub severity: Severity,
    /// One line.
    pub title: String,
    /// Why: the rule, and the AADSTS code Entra would return.
    pub detail: String,
    /// What to change, in words.
    pub fix: String,
    /// Sources of the rule (documentation or RFC links).
    pub refs: Vec<String>,
    /// Exact strings to copy for the fix.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snippets: Vec<Snippet>,
    /// The AADSTS code this finding predicts or carries, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aadsts: Option<u32>,
}

/// The whole report (SPEC §3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Report {
    /// The redirect verdict.
    pub redirect: RedirectReport,
    /// Findings, most important first; the first `error` is the primary cause.
    pub findings: Vec<Finding>,
}

impl Report {
    /// The primary cause: the first finding with severity `error`.
    pub fn primary(&self) -> Option<&Finding> {
        self.findings.iter().find(|f| f.severity == Severity::Error)
    }

    /// True when some finding has this code.
    pub fn has(&self, code: &str) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }

    /// The report as pretty JSON.
    pub fn to_json(&self) -> String {
        // Serialising plain owned data into a String cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_else(|_| String::from("{}"))
    }
}
