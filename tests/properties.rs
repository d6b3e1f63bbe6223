//! Property tests of the analyzer: the readers and `analyze` never panic on
//! any text, the diff accounts for every character of both sides, a URI
//! always matches itself, and the report is always valid JSON.
//!
//! Inputs come from two strategies: arbitrary Unicode strings, and strings
//! assembled from the tokens the readers look for (so the random inputs reach
//! the URL, query, JSON and error-text paths, not only "unreadable").

use proptest::prelude::*;
use redirect_doctor::core::matching::{self, Verdict};
use redirect_doctor::core::{analyze, authorize, callback, diff, registered, CaseInput};

/// Pieces of authorize URLs, registrations, landing URLs and error text.
const TOKENS: &[&str] = &[
    "https://",
    "http://",
    "login.microsoftonline.com",
    "/common",
    "/oauth2/v2.0/authorize",
    "?",
    "&",
    "=",
    "#",
    "client_id=",
    "6731de76-14a6-49ae-97bc-6eba6914391e",
    "redirect_uri=",
    "https%3A%2F%2Fapp.contoso.com%2Fcb",
    "https://app.contoso.com/cb",
    "http://localhost:3000",
    "http://127.0.0.1",
    "http://[::1]",
    "[",
    "]",
    ":",
    ":443",
    "response_type=code",
    "response_mode=fragment",
    "form_post",
    "scope=openid",
    "code_challenge=",
    "S256",
    "state=",
    "nonce=",
    "code=",
    "error=",
    "access_denied",
    "error_description=",
    "AADSTS50011",
    "AADSTS65004",
    "The redirect URI '",
    "'",
    "\"",
    "Correlation ID: ",
    "%",
    "%2F",
    "%25",
    "%FF",
    "%zz",
    "+",
    " ",
    "\n",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{200B}",
    "\u{202E}",
    "\u{FEFF}",
    "é",
    "о",
    "🦀",
    "*",
    "{",
    "}",
    ",",
    "\"web\":",
    "\"spa\":",
    "{\"redirectUris\":[",
    "\"replyUrlsWithType\":[",
    "{\"url\":",
    "\"type\":\"Spa\"",
    "web: ",
    "spa: ",
    "Single-page application",
    "Web",
    "- ",
    "1. ",
    "b2clogin.com",
    "/B2C_1_susi",
    "www.",
    "/",
    "//",
    "@",
    // The forms the later readers take: console tables, PowerShell properties and lists,
    // markdown and chat links, notes and markers, CSV, encoded URLs, escaped ampersands.
    "------",
    "   ",
    "RedirectUris : ",
    "AppId        : ",
    "...",
    "…",
    "|",
    "<",
    ">",
    "](",
    ")",
    "(old)",
    " <- ",
    " -- ",
    "[x] ",
    "2) ",
    "`",
    "Type,Redirect URI\n",
    "https%253A%252F%252F",
    "&#38;",
    "&amp;amp;",
    "\\x26",
    "sep=;",
    "/saml2?SAMLRequest=",
    "<samlp:AuthnRequest ",
    "AssertionConsumerServiceURL=\"",
    "<saml:Issuer>",
    "</saml:Issuer>",
    "&#x",
    "fZJNT8MwDIbv",
];

fn tokens(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..max).prop_map(|v| v.concat())
}

/// Either arbitrary text or assembled tokens.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), tokens(40)]
}

fn case() -> impl Strategy<Value = CaseInput> {
    (
        text(),
        text(),
        text(),
        prop_oneof![
            any::<String>(),
            prop::sample::select(&["AzureADMyOrg", "PersonalMicrosoftAccount", ""][..])
                .prop_map(String::from)
        ],
    )
        .prop_map(|(authorize, registered, callback, audience)| CaseInput {
            authorize,
            registered,
            callback,
            audience,
            evidence: String::new(),
        })
}

/// The characters of one side of a diff, in order.
fn side(d: &diff::UriDiff, sent: bool) -> (String, Vec<usize>) {
    let glyphs = d.segments.iter().flat_map(|s| {
        if sent {
            s.sent.iter()
        } else {
            s.registered.iter()
        }
    });
    let mut text = String::new();
    let mut offsets = Vec::new();
    for g in glyphs {
        offsets.push(g.offset);
        text.push(g.ch);
    }
    (text, offsets)
}

fn assert_reconstructs(a: &str, b: &str) -> Result<(), TestCaseError> {
    let d = diff::diff(a, b);
    let (sa, oa) = side(&d, true);
    let (sb, ob) = side(&d, false);
    prop_assert_eq!(&sa, a);
    prop_assert_eq!(&sb, b);
    // Each glyph's offset is the byte offset of its character.
    let ea: Vec<usize> = a.char_indices().map(|(i, _)| i).collect();
    let eb: Vec<usize> = b.char_indices().map(|(i, _)| i).collect();
    prop_assert_eq!(oa, ea);
    prop_assert_eq!(ob, eb);
    // Equal runs are equal on both sides; inserts and deletes are one-sided.
    for s in &d.segments {
        match s.kind {
            diff::OpKind::Equal => prop_assert!(s
                .sent
                .iter()
                .map(|g| g.ch)
                .eq(s.registered.iter().map(|g| g.ch))),
            diff::OpKind::Insert => prop_assert!(s.registered.is_empty() && !s.sent.is_empty()),
            diff::OpKind::Delete => prop_assert!(s.sent.is_empty() && !s.registered.is_empty()),
            diff::OpKind::Replace => prop_assert!(!s.sent.is_empty() && !s.registered.is_empty()),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_authorize_reader_never_panics(s in text()) {
        let r = authorize::read(&s);
        // Blank input reads as nothing; a request that was read keeps its parameters' raw text.
        if s.trim().is_empty() {
            prop_assert!(r.is_none());
        }
        for p in r.iter().flat_map(|r| r.params.iter()) {
            prop_assert!(p.utf8 || p.value.contains('\u{FFFD}'), "{p:?}");
        }
    }

    #[test]
    fn the_registered_reader_never_panics(s in text()) {
        let r = registered::read(&s);
        // Every problem points at a real place (1-based).
        for p in &r.problems {
            prop_assert!(p.line >= 1 && p.column >= 1 || r.from_json, "{p:?}");
        }
    }

    #[test]
    fn the_callback_reader_never_panics(s in text()) {
        let r = callback::read(&s);
        // A byte order mark before the text is how it was saved, not text.
        let t = s.trim_start_matches('\u{FEFF}').trim().trim_matches(['"', '\'', '`']).trim();
        prop_assert_eq!(r.is_none(), t.is_empty());
    }

    #[test]
    fn analyze_never_panics_and_its_report_is_json(input in case()) {
        let a = analyze(&input);
        let json = a.report.to_json();
        let v: serde_json::Value = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
        let codes: Vec<&str> = v["findings"].as_array().into_iter().flatten().filter_map(|f| f["code"].as_str()).collect();
        let expected: Vec<&str> = a.report.findings.iter().map(|f| f.code.as_str()).collect();
        prop_assert_eq!(codes, expected);
        prop_assert_eq!(v["redirect"]["status"].as_str(), Some(a.report.redirect.status.as_str()));
        // The report also reads back into the same type.
        let back: redirect_doctor::core::Report = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, a.report);
    }

    #[test]
    fn the_diff_reconstructs_both_sides(a in text(), b in text()) {
        assert_reconstructs(&a, &b)?;
    }

    #[test]
    fn the_diff_of_near_uris_reconstructs_both_sides(base in tokens(20), edit in text(), at in any::<prop::sample::Index>()) {
        // Two strings that share most characters exercise the aligned runs.
        let cut = base.char_indices().map(|(i, _)| i).chain([base.len()]).collect::<Vec<_>>();
        let i = cut[at.index(cut.len())];
        let other = format!("{}{}{}", &base[..i], edit, &base[i..]);
        assert_reconstructs(&base, &other)?;
        assert_reconstructs(&other, &base)?;
    }

    #[test]
    fn a_uri_always_matches_itself(a in text(), b2c in any::<bool>()) {
        prop_assert_eq!(matching::compare(&a, &a, b2c), Verdict::Exact);
    }

    #[test]
    fn two_different_strings_never_compare_exact(a in text(), b in text()) {
        prop_assume!(a != b);
        prop_assert_ne!(matching::compare(&a, &b, false), Verdict::Exact);
    }
}

#[test]
fn the_coarse_diff_of_long_strings_reconstructs_both_sides() {
    // When the differing middles are too long to diff character by character,
    // only the common prefix and suffix are aligned.
    let a = format!(
        "https://app.contoso.com/{}{}{}",
        "p".repeat(5000),
        "xy".repeat(600),
        "q".repeat(5000)
    );
    let b = format!(
        "https://app.contoso.com/{}{}{}",
        "p".repeat(5000),
        "yz".repeat(600),
        "q".repeat(4000)
    );
    let d = diff::diff(&a, &b);
    assert!(d.coarse);
    assert_eq!(side(&d, true).0, a);
    assert_eq!(side(&d, false).0, b);
    assert_eq!(
        side(&d, true).1,
        a.char_indices().map(|(i, _)| i).collect::<Vec<_>>()
    );
}
