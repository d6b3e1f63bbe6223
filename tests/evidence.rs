//! Evidence (HAR and sign-in log exports) through the analyzer: each fixture
//! in tests/fixtures/evidence gives its expected `har.*` / `signin.*`
//! findings natively and through the CLI; the sanitiser leaves none of a
//! fixture's secrets; a 50 MB HAR is read (its time is printed).

use std::time::Instant;

use redirect_doctor::core::evidence::{self, sanitize, Kind, StepKind};
use redirect_doctor::core::{analyze, share, Analysis, CaseInput, Severity};
use serde_json::Value;

const CLIENT: &str = "6731de76-14a6-49ae-97bc-6eba6914391e";

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/evidence/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One expectation: a case (CASE fields) and what must (not) come out.
struct Case {
    fixture: &'static str,
    authorize: &'static str,
    registered: &'static str,
    callback: &'static str,
    present: &'static [&'static str],
    absent: &'static [&'static str],
    primary: Option<&'static str>,
    /// (code, AADSTS) pairs that must be carried.
    aadsts: &'static [(&'static str, u32)],
}

const fn case(
    fixture: &'static str,
    registered: &'static str,
    present: &'static [&'static str],
    absent: &'static [&'static str],
    primary: Option<&'static str>,
) -> Case {
    Case {
        fixture,
        authorize: "",
        registered,
        callback: "",
        present,
        absent,
        primary,
        aadsts: &[],
    }
}

// `flows/` holds recordings of whole sign-in flows as exporters write them (several exported
// sanitised, so with few secrets); the secret test reads only the fixtures beside it.

/// A single-tenant app whose one Web redirect URI is https://app.contoso.com/signin-oidc.
const MY_ORG_SIGNIN_OIDC: &str = r#"{"appId": "6731de76-14a6-49ae-97bc-6eba6914391e", "signInAudience": "AzureADMyOrg", "web": {"redirectUris": ["https://app.contoso.com/signin-oidc"], "implicitGrantSettings": {"enableIdTokenIssuance": true}}}"#;

const AUTHORIZE_CLIENT: &str = "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid%20profile&state=abc123&nonce=n1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
const AUTHORIZE_OTHER: &str = "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=11111111-2222-3333-4444-555555555555&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid%20profile&state=abc123&nonce=n1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

fn cases() -> Vec<Case> {
    vec![
        Case {
            aadsts: &[],
            ..case(
                "code-lost-proxy-301.har",
                "https://fabrikam.com/auth/callback",
                &[
                    "har.authorize_found",
                    "har.code_issued",
                    "har.redirect_rewrote",
                    "har.code_lost",
                    "redirect.exact_match",
                ],
                &[
                    "har.code_delivered",
                    "response.code_received",
                    "har.no_authorize",
                    "har.sanitized_export",
                ],
                Some("har.redirect_rewrote"),
            )
        },
        case(
            "code-lost-no-query.har",
            "https://portal.contoso.com/callback",
            &["har.authorize_found", "har.code_issued", "har.code_lost"],
            &[
                "har.redirect_rewrote",
                "har.code_delivered",
                "response.code_received",
            ],
            Some("har.code_lost"),
        ),
        Case {
            aadsts: &[
                ("har.error_returned", 65004),
                ("response.user_cancelled", 65004),
            ],
            ..case(
                "consent-declined.har",
                "https://app.contoso.com/cb",
                &[
                    "har.authorize_found",
                    "har.error_returned",
                    "response.user_cancelled",
                    "response.error",
                ],
                &["har.code_issued", "har.code_lost"],
                Some("response.user_cancelled"),
            )
        },
        Case {
            aadsts: &[
                ("har.error_returned", 53003),
                ("response.conditional_access", 53003),
            ],
            ..case(
                "ca-blocked.har",
                "https://app.contoso.com/cb",
                &["har.error_returned", "response.conditional_access"],
                &["har.code_issued"],
                Some("response.conditional_access"),
            )
        },
        case(
            "form-post-302.har",
            "https://contoso.com/signin-oidc",
            &[
                "har.authorize_found",
                "har.code_issued",
                "har.redirect_rewrote",
            ],
            &[
                "har.form_post_not_posted",
                "har.code_delivered",
                "har.code_lost",
                "response.code_received",
            ],
            Some("har.redirect_rewrote"),
        ),
        Case {
            aadsts: &[("har.token_redirect_mismatch", 500112)],
            ..case(
                "token-redirect-mismatch.har",
                "spa: https://spa.contoso.com/",
                // The page redeemed the code it read from the fragment: it was delivered.
                &[
                    "har.code_issued",
                    "har.code_delivered",
                    "har.token_redirect_mismatch",
                ],
                &[
                    "har.code_lost",
                    "har.token_origin_platform",
                    "har.token_missing_verifier",
                ],
                Some("har.token_redirect_mismatch"),
            )
        },
        Case {
            aadsts: &[("har.token_missing_verifier", 9002325)],
            ..case(
                "token-missing-verifier.har",
                "spa: https://spa.contoso.com/",
                &["har.code_issued", "har.token_missing_verifier"],
                &["har.token_redirect_mismatch", "har.code_lost"],
                Some("har.token_missing_verifier"),
            )
        },
        Case {
            aadsts: &[("har.entra_error_page", 50011)],
            ..case(
                "entra-error-page-50011.har",
                "https://app.contoso.com/callback",
                &[
                    "har.authorize_found",
                    "har.entra_error_page",
                    "redirect.trailing_slash_mismatch",
                ],
                &[
                    "har.code_issued",
                    "har.error_returned",
                    "redirect.path_mismatch",
                ],
                Some("redirect.trailing_slash_mismatch"),
            )
        },
        case(
            "sanitized-spa-ok.har",
            "spa: https://spa.contoso.com/",
            &[
                "har.sanitized_export",
                "har.authorize_found",
                "har.code_issued",
            ],
            &[
                "har.code_lost",
                "har.token_origin_platform",
                "har.error_returned",
                "har.sign_in_loop",
            ],
            None,
        ),
        // Chrome's export with sensitive data of a sign-in federated to Okta (Identity Engine
        // state handle, passcode, state token; WS-Federation back to Entra) whose code the app
        // got and failed on: the app's error is the cause, and the sanitiser drops every secret.
        case(
            "federated-okta-app-500.har",
            "web: https://app.contoso.com/signin-oidc",
            &["har.code_issued", "har.code_delivered", "har.app_error"],
            &[
                "har.code_lost",
                "har.sanitized_export",
                "har.entra_error_page",
            ],
            Some("har.app_error"),
        ),
        // A personal Microsoft account sent through login.live.com (its page's flow token in
        // the escaped sFTTag input) and back to Entra's error page: AADSTS50020.
        Case {
            aadsts: &[("har.entra_error_page", 50020)],
            ..case(
                "msa-guest-50020.har",
                "web: https://app.contoso.com/signin-oidc",
                &["har.authorize_found", "har.entra_error_page"],
                &[
                    "har.code_issued",
                    "har.no_authorize",
                    "har.sanitized_export",
                ],
                Some("har.entra_error_page"),
            )
        },
        // A recording that starts at the app's callback: the POSTed code and the app's 500.
        case(
            "callback-only-idx21323.har",
            "web: https://app.contoso.com/signin-oidc",
            &["har.no_authorize", "har.code_delivered", "har.app_error"],
            &[
                "har.code_lost",
                "har.form_post_not_posted",
                "response.no_code_no_error",
            ],
            Some("har.app_error"),
        ),
        // Signed in, then the app's first page answered 400: the cookies are too large.
        case(
            "cookie-too-large-400.har",
            "web: https://app.contoso.com/signin-oidc",
            &[
                "har.code_delivered",
                "har.app_error",
                "redirect.exact_match",
            ],
            &["har.code_lost", "har.sign_in_loop", "har.no_authorize"],
            Some("har.app_error"),
        ),
        // Firefox keeps no bodies: the callback's redirect to /Home/Error is the evidence.
        case(
            "firefox-redirect-to-error-page.har",
            "web: https://app.contoso.com/signin-oidc",
            &["har.code_delivered", "har.app_error"],
            &["har.code_lost", "har.no_authorize"],
            Some("har.app_error"),
        ),
        // A single-page app that redeems each code and signs in again: four loginRedirects.
        case(
            "msal-browser-login-loop.har",
            "spa: https://spa.contoso.com/",
            &["har.sign_in_loop", "har.code_issued"],
            &[
                "har.code_lost",
                "har.app_error",
                "har.token_origin_platform",
            ],
            Some("har.sign_in_loop"),
        ),
        // Four sign-ins in seven seconds, each delivering its code: the app's SameSite=Strict
        // session cookie is held back after the cross-site sign-in, so it asks again.
        case(
            "sign-in-loop-samesite-strict.har",
            "web: https://portal.contoso.com/signin-oidc",
            &[
                "har.sign_in_loop",
                "har.code_delivered",
                "redirect.exact_match",
            ],
            &["har.code_lost", "har.app_error", "har.sanitized_export"],
            Some("har.sign_in_loop"),
        ),
        // The same sanitized export against a Web registration: the browser's
        // Origin header contradicts the platform (AADSTS9002326).
        Case {
            aadsts: &[("har.token_origin_platform", 9002326)],
            ..case(
                "sanitized-spa-ok.har",
                "web: https://spa.contoso.com/",
                &[
                    "har.token_origin_platform",
                    "har.sanitized_export",
                    "redirect.platform_mismatch",
                ],
                &[],
                Some("redirect.platform_mismatch"),
            )
        },
        case(
            "firefox-post-authorize.har",
            "https://intranet.contoso.com/signin-oidc",
            &[
                "har.authorize_found",
                "har.code_issued",
                "har.code_delivered",
                "response.code_received",
                "redirect.exact_match",
            ],
            &[
                "har.app_error",
                "har.code_lost",
                "har.form_post_not_posted",
                "har.sanitized_export",
            ],
            None,
        ),
        Case {
            authorize: AUTHORIZE_CLIENT,
            aadsts: &[("signin.ca_blocked", 53003), ("signin.failure", 53003)],
            ..case(
                "signin-ca-blocked.json",
                "https://app.contoso.com/cb",
                &["signin.ca_blocked", "signin.failure"],
                &[
                    "signin.app_mismatch",
                    "signin.no_failures",
                    "har.no_authorize",
                ],
                Some("signin.ca_blocked"),
            )
        },
        Case {
            authorize: AUTHORIZE_OTHER,
            ..case(
                "signin-ca-blocked.json",
                "",
                &["signin.app_mismatch", "signin.ca_blocked", "signin.failure"],
                &[],
                // Another app's failures are warnings: not why this request got no code.
                None,
            )
        },
        // A correlation ID in the callback text selects the entry that succeeded.
        Case {
            callback: "Sign-in failed. Correlation ID: 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
            ..case(
                "signin-ca-blocked.json",
                "",
                &["signin.no_failures"],
                &["signin.ca_blocked", "signin.failure"],
                None,
            )
        },
        Case {
            authorize: AUTHORIZE_CLIENT,
            aadsts: &[("signin.mfa_required", 50074), ("signin.failure", 50074)],
            ..case(
                "signin-loganalytics-mfa.json",
                "https://app.contoso.com/cb",
                &["signin.mfa_required", "signin.failure"],
                &[
                    "signin.ca_blocked",
                    "signin.app_mismatch",
                    "signin.user_cancelled",
                ],
                Some("signin.mfa_required"),
            )
        },
        // A declined consent prompt: the user's answer, not a misconfiguration.
        Case {
            authorize: AUTHORIZE_CLIENT,
            aadsts: &[("signin.user_cancelled", 65004)],
            ..case(
                "signin-consent-declined.json",
                "https://app.contoso.com/cb",
                &["signin.user_cancelled"],
                &[
                    "signin.mfa_required",
                    "signin.ca_blocked",
                    "signin.app_mismatch",
                ],
                Some("signin.user_cancelled"),
            )
        },
        // The portal's CSV download: the request's app failed with AADSTS50011
        // (another app's wrong password is filtered out); a later success of
        // the same sign-in does not undo a redirect URI error.
        Case {
            authorize: AUTHORIZE_CLIENT,
            aadsts: &[("signin.failure", 50011)],
            ..case(
                "signin-portal-50011.csv",
                "https://app.contoso.com/cb",
                &["signin.failure"],
                &[
                    "signin.ca_blocked",
                    "signin.app_mismatch",
                    "signin.no_failures",
                    "input.evidence_unreadable",
                ],
                Some("signin.failure"),
            )
        },
        // The same download for another client_id: every entry is shown.
        Case {
            authorize: AUTHORIZE_OTHER,
            aadsts: &[("signin.failure", 50011), ("signin.failure", 50126)],
            ..case(
                "signin-portal-50011.csv",
                "https://app.contoso.com/cb",
                &["signin.app_mismatch", "signin.failure"],
                &["signin.no_failures"],
                None,
            )
        },
        // A CSV download with a byte order mark: Conditional Access column Failure.
        Case {
            authorize: AUTHORIZE_CLIENT,
            aadsts: &[("signin.ca_blocked", 53003), ("signin.failure", 53003)],
            ..case(
                "signin-portal-ca-bom.csv",
                "https://app.contoso.com/cb",
                &["signin.ca_blocked", "signin.failure"],
                &["signin.mfa_required", "signin.app_mismatch"],
                Some("signin.ca_blocked"),
            )
        },
        // Log Analytics' CSV export: Status and ConditionalAccessPolicies as JSON text.
        Case {
            authorize: AUTHORIZE_CLIENT,
            aadsts: &[
                ("signin.ca_blocked", 53003),
                ("signin.failure", 50011),
                ("signin.failure", 53003),
            ],
            ..case(
                "signin-loganalytics.csv",
                "https://app.contoso.com/cb",
                &["signin.ca_blocked", "signin.failure"],
                &["signin.mfa_required", "signin.app_mismatch"],
                Some("signin.ca_blocked"),
            )
        },
        // The browser took the code to a desktop app's loopback listener
        // that was gone: the request failed (status 0), nothing answered.
        case(
            "loopback-refused.har",
            "public:\nhttp://localhost",
            &["har.code_issued", "har.code_lost"],
            &[
                "har.code_delivered",
                "response.code_received",
                "har.authorize_blocked",
            ],
            Some("har.code_lost"),
        ),
        // An extension blocked the authorize request: Entra never saw it.
        case(
            "authorize-blocked-by-client.har",
            "https://app.contoso.com/signin-oidc",
            &["har.authorize_found", "har.authorize_blocked"],
            &["har.code_issued", "har.no_authorize", "har.code_lost"],
            Some("har.authorize_blocked"),
        ),
        // The code arrived by form_post, but the app's correlation and nonce
        // cookies were SameSite=Lax, so the cross-site POST lacked them and
        // the app answered 500 "Correlation failed".
        case(
            "correlation-cookie-samesite-lax.har",
            "https://app.contoso.com/signin-oidc",
            &["har.code_delivered", "har.app_error"],
            &["har.code_lost", "har.form_post_not_posted"],
            Some("har.app_error"),
        ),
        // Entra's form_post page was never submitted: no POST followed.
        case(
            "form-post-not-submitted.har",
            "https://app.contoso.com/signin-oidc",
            &["har.code_issued", "har.form_post_not_posted"],
            &["har.code_delivered", "har.redirect_rewrote"],
            Some("har.form_post_not_posted"),
        ),
        // A HAR recorded without the sign-in: only the app's own files.
        case(
            "no-authorize.har",
            "https://app.contoso.com/cb",
            &["har.no_authorize"],
            &[
                "har.authorize_found",
                "har.code_issued",
                "har.entra_error_page",
            ],
            None,
        ),
        // A sign-in loop the browser cut (ERR_TOO_MANY_REDIRECTS) is the loop, not a request
        // that nothing answered or that never reached Entra.
        case(
            "flows/loop-cut-at-callback.har",
            MY_ORG_SIGNIN_OIDC,
            &["har.sign_in_loop"],
            &["har.code_lost", "har.authorize_blocked"],
            Some("har.sign_in_loop"),
        ),
        case(
            "flows/loop-cut-at-authorize.har",
            MY_ORG_SIGNIN_OIDC,
            &["har.sign_in_loop"],
            &["har.code_lost", "har.authorize_blocked"],
            Some("har.sign_in_loop"),
        ),
        // Steps inside Entra that stopped the sign-in: a loop at /common/reprocess, the device
        // check without a certificate, "Stay signed in?" and the security-info registration
        // left unanswered.
        case(
            "flows/entra-reprocess-loop.har",
            MY_ORG_SIGNIN_OIDC,
            &["har.entra_error_page"],
            &[],
            Some("har.entra_error_page"),
        ),
        case(
            "flows/device-check-no-certificate.har",
            MY_ORG_SIGNIN_OIDC,
            &["har.entra_error_page"],
            &[],
            Some("har.entra_error_page"),
        ),
        case(
            "flows/kmsi-unanswered.har",
            MY_ORG_SIGNIN_OIDC,
            &["har.entra_error_page"],
            &[],
            None,
        ),
        case(
            "flows/proofup-abandoned.har",
            MY_ORG_SIGNIN_OIDC,
            &["har.entra_error_page"],
            &[],
            None,
        ),
        case(
            "flows/kmsi-50140-in-page.har",
            MY_ORG_SIGNIN_OIDC,
            &["har.entra_error_page"],
            &[],
            None,
        ),
        // One lone surrogate escape (valid JSON, written by browsers) does not make the HAR
        // unreadable.
        Case {
            aadsts: &[("har.entra_error_page", 50011)],
            ..case(
                "flows/lone-surrogate-escape.har",
                MY_ORG_SIGNIN_OIDC,
                &["har.entra_error_page", "redirect.trailing_slash_mismatch"],
                &["input.evidence_unreadable"],
                Some("redirect.trailing_slash_mismatch"),
            )
        },
        case(
            "flows/correlation-failed-cookies-sent.har",
            MY_ORG_SIGNIN_OIDC,
            &["har.app_error"],
            &[],
            Some("har.app_error"),
        ),
        case(
            "flows/correlation-cookie-other-host.har",
            "https://www.contoso.com/signin-oidc",
            &["har.app_error"],
            &[],
            Some("har.app_error"),
        ),
        // Spring's failure page (a 200 after the callback's redirect to /login?error) is read.
        case(
            "flows/spring-login-error-page-200.har",
            "https://app.contoso.com/login/oauth2/code/azure",
            &["har.app_error"],
            &[],
            Some("har.app_error"),
        ),
        case(
            "flows/callback-pending.har",
            MY_ORG_SIGNIN_OIDC,
            &["har.code_lost"],
            &[],
            None,
        ),
        // A sign-in federated to another identity provider that stopped there: its error
        // page (an error), or its own sign-in page left (a warning).
        case(
            "flows/idp-okta-403-not-assigned.har",
            MY_ORG_SIGNIN_OIDC,
            &["har.entra_error_page"],
            &[],
            Some("har.entra_error_page"),
        ),
        case(
            "flows/idp-ping-error-page.har",
            MY_ORG_SIGNIN_OIDC,
            &["har.entra_error_page"],
            &[],
            Some("har.entra_error_page"),
        ),
        case(
            "flows/idp-okta-sign-in-page.har",
            MY_ORG_SIGNIN_OIDC,
            &["har.entra_error_page"],
            &[],
            None,
        ),
        // Entra's page exported still gzip-compressed is read.
        Case {
            aadsts: &[("har.entra_error_page", 53003)],
            ..case(
                "flows/gzip-body.har",
                MY_ORG_SIGNIN_OIDC,
                &["har.entra_error_page"],
                &[],
                Some("har.entra_error_page"),
            )
        },
        Case {
            aadsts: &[("har.entra_error_page", 50020)],
            ..case(
                "flows/personal-account-50020.har",
                MY_ORG_SIGNIN_OIDC,
                &["har.entra_error_page"],
                &[],
                Some("har.entra_error_page"),
            )
        },
    ]
}

fn input(c: &Case) -> CaseInput {
    CaseInput {
        authorize: c.authorize.to_string(),
        registered: c.registered.to_string(),
        callback: c.callback.to_string(),
        audience: String::new(),
        evidence: fixture(c.fixture),
    }
}

/// Checks a report's codes, primary cause and AADSTS numbers; returns problems.
fn judge(c: &Case, codes: &[String], primary: Option<&str>, aadsts: &[CodeAadsts]) -> Vec<String> {
    let name = format!("{} [{}]", c.fixture, c.registered);
    let mut problems = Vec::new();
    for p in c.present {
        if !codes.iter().any(|x| x == p) {
            problems.push(format!("{name}: missing {p} (got {codes:?})"));
        }
    }
    for a in c.absent {
        if codes.iter().any(|x| x == a) {
            problems.push(format!("{name}: {a} should be absent (got {codes:?})"));
        }
    }
    if primary != c.primary {
        problems.push(format!(
            "{name}: primary {primary:?}, expected {:?} (got {codes:?})",
            c.primary
        ));
    }
    for (code, n) in c.aadsts {
        if !aadsts.iter().any(|(x, a)| x == code && *a == Some(*n)) {
            problems.push(format!(
                "{name}: {code} does not carry AADSTS{n} ({aadsts:?})"
            ));
        }
    }
    problems
}

/// A finding's code and the AADSTS number it carries.
type CodeAadsts = (String, Option<u32>);

fn summary(a: &Analysis) -> (Vec<String>, Option<String>, Vec<CodeAadsts>) {
    let codes = a.report.findings.iter().map(|f| f.code.clone()).collect();
    let primary = a.report.primary().map(|f| f.code.clone());
    let aadsts = a
        .report
        .findings
        .iter()
        .map(|f| (f.code.clone(), f.aadsts))
        .collect();
    (codes, primary, aadsts)
}

#[test]
fn every_fixture_gives_its_findings() {
    let mut problems = Vec::new();
    for c in cases() {
        let a = analyze(&input(&c));
        let (codes, primary, aadsts) = summary(&a);
        problems.extend(judge(&c, &codes, primary.as_deref(), &aadsts));
        for f in &a.report.findings {
            let evidence_code = f.code.starts_with("har.") || f.code.starts_with("signin.");
            if evidence_code && (f.detail.is_empty() || f.fix.is_empty()) {
                problems.push(format!("{}: {} lacks a detail or a fix", c.fixture, f.code));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn har_authorize_stands_in_for_an_empty_box() {
    let a = analyze(&CaseInput {
        registered: "https://app.contoso.com/cb".into(),
        evidence: fixture("consent-declined.har"),
        ..CaseInput::default()
    });
    let req = a
        .request
        .as_ref()
        .expect("the HAR's authorize request is analysed");
    assert_eq!(req.client_id(), Some(CLIENT));
    assert_eq!(a.report.redirect.status.as_str(), "exact");
    // A pasted callback wins over the HAR's landing URL.
    let b = analyze(&CaseInput {
        registered: "https://app.contoso.com/cb".into(),
        callback: "https://app.contoso.com/cb?code=0.AXpasted&state=x".into(),
        evidence: fixture("consent-declined.har"),
        ..CaseInput::default()
    });
    assert!(b.report.has("response.code_received"));
    assert!(!b.report.has("response.user_cancelled"));
    // A POST authorize (Firefox, form body) becomes a URL with the body as its query.
    let c = analyze(&CaseInput {
        evidence: fixture("firefox-post-authorize.har"),
        ..CaseInput::default()
    });
    let req = c.request.as_ref().expect("request");
    assert_eq!(
        req.redirect_uri(),
        Some("https://intranet.contoso.com/signin-oidc")
    );
    assert_eq!(req.get("response_mode"), Some("form_post"));
    assert!(c
        .report
        .findings
        .iter()
        .any(|f| f.code == "har.authorize_found" && f.title.contains("POST")));
}

#[test]
fn cause_precedes_the_page_that_shows_it() {
    let a = analyze(&input(&case(
        "entra-error-page-50011.har",
        "https://app.contoso.com/callback",
        &[],
        &[],
        None,
    )));
    let pos = |c: &str| a.report.findings.iter().position(|f| f.code == c);
    assert!(pos("redirect.trailing_slash_mismatch") < pos("har.entra_error_page"));
    let page = a
        .report
        .findings
        .iter()
        .find(|f| f.code == "har.entra_error_page")
        .expect("page");
    assert!(
        page.detail.contains("https://app.contoso.com/callback/"),
        "{}",
        page.detail
    );
}

#[test]
fn timelines_follow_the_flow() {
    let kinds = |name: &str| -> Vec<StepKind> {
        evidence::read(&fixture(name))
            .timeline
            .iter()
            .map(|s| s.kind)
            .collect()
    };
    use StepKind::*;
    assert_eq!(
        kinds("code-lost-proxy-301.har"),
        [Authorize, EntraResponse, Redirect, Callback]
    );
    assert_eq!(
        kinds("form-post-302.har"),
        [Authorize, EntraResponse, Redirect, Callback]
    );
    assert_eq!(
        kinds("token-redirect-mismatch.har"),
        [Authorize, EntraResponse, Callback, Token]
    );
    assert_eq!(kinds("entra-error-page-50011.har"), [Authorize]);
    let e = evidence::read(&fixture("code-lost-proxy-301.har"));
    assert_eq!(e.kind, Kind::Har);
    assert_eq!(
        e.timeline
            .first()
            .map(|s| (s.index, s.method.as_str(), s.status)),
        Some((1, "GET", 200))
    );
    assert!(
        e.timeline.iter().any(|s| s.status == 301
            && s.note.contains("host fabrikam.com → www.fabrikam.com")
            && s.note.contains("query dropped")),
        "{:?}",
        e.timeline
    );
    assert!(
        e.landing.is_none(),
        "a lost code is not fed to the callback checks"
    );
    assert!(e.summary.contains("5 requests"), "{}", e.summary);
    let e = evidence::read(&fixture("sanitized-spa-ok.har"));
    assert!(e.sanitized);
    assert!(e
        .landing
        .as_deref()
        .is_some_and(|l| l.starts_with("https://spa.contoso.com/#code=")));
}

#[test]
fn sign_in_entries_are_listed_with_their_explanations() {
    let mut e = evidence::read(&fixture("signin-ca-blocked.json"));
    assert_eq!(e.kind, Kind::SignInLog);
    assert_eq!(e.signins.len(), 2);
    let ctx = evidence::Context {
        client_id: Some(CLIENT),
        ..Default::default()
    };
    let findings = e.evaluate(&ctx);
    let shown: Vec<_> = e.shown_signins().collect();
    assert_eq!(shown.len(), 1);
    let s = shown.first().expect("one failed entry");
    assert_eq!(s.error_code, 53003);
    assert!(s.aadsts.is_some_and(|i| i.code == 53003));
    assert_eq!(
        s.failed_policies()
            .map(|p| (p.display_name.as_str(), p.grant_controls.clone()))
            .collect::<Vec<_>>(),
        [(
            "Require compliant device for Contoso apps",
            vec!["RequireCompliantDevice".to_string()]
        )]
    );
    assert_eq!(s.steps.len(), 1);
    let ca = findings
        .iter()
        .find(|f| f.code == "signin.ca_blocked")
        .expect("ca");
    assert!(
        ca.title
            .contains("Require compliant device for Contoso apps")
            && ca.detail.contains("RequireCompliantDevice"),
        "{ca:?}"
    );
    assert!(
        !ca.detail.contains("Block legacy authentication"),
        "report-only policies block nothing"
    );
    assert!(ca.fix.contains("compliant"));
    let failure = findings
        .iter()
        .find(|f| f.code == "signin.failure")
        .expect("failure");
    assert!(
        failure.detail.contains("does not allow token issuance"),
        "failureReason carried: {}",
        failure.detail
    );
    assert!(
        !failure.detail.contains("alice@contoso.com"),
        "no user names in shared reports"
    );
    assert!(e.filter.as_deref().is_some_and(|f| f.contains(CLIENT)));

    let mut la = evidence::read(&fixture("signin-loganalytics-mfa.json"));
    let f = la.evaluate(&evidence::Context::default());
    let mfa = f
        .iter()
        .find(|f| f.code == "signin.mfa_required")
        .expect("mfa");
    assert!(
        mfa.detail
            .contains("MFA denied; user declined the authentication"),
        "{}",
        mfa.detail
    );
    assert_eq!(mfa.severity, Severity::Error);
}

/// The CSV downloads are read row by row into the same entries as the JSON ones.
#[test]
fn csv_downloads_are_read_into_sign_in_entries() {
    let e = evidence::read(&fixture("signin-portal-50011.csv"));
    assert_eq!(e.kind, Kind::SignInLog, "{:?}", e.problem);
    assert!(e.summary.contains("CSV download"), "{}", e.summary);
    let got: Vec<_> = e
        .signins
        .iter()
        .map(|s| {
            (
                s.index,
                s.error_code,
                s.app_id.as_str(),
                s.app_name.as_str(),
                s.correlation_id.as_str(),
                s.resource.as_str(),
            )
        })
        .collect();
    let corr = "5e1c9a44-7d0b-4b61-9f0e-2b7c4a0b6f31";
    assert_eq!(
        got,
        [
            (
                0,
                50126,
                "2b1f6c44-0d9e-4e8a-b7c3-5a6f7e8d9c01",
                "Contoso \"Legacy\" Timesheets, v2",
                "a3d2e1f0-9b8c-4d7e-a6f5-0e1d2c3b4a59",
                "Microsoft Graph"
            ),
            (1, 50011, CLIENT, "Contoso Portal", corr, "Microsoft Graph"),
            (2, 0, CLIENT, "Contoso Portal", corr, "Microsoft Graph"),
        ]
    );
    let first = e.signins.get(1).expect("the 50011 entry");
    assert_eq!(first.time, "2025-03-11T14:02:07Z");
    assert_eq!(first.id, "c2572fde-8068-5130-b523-3d33f46c70f7");
    assert_eq!(first.conditional_access_status, "notApplied");
    assert_eq!(
        first.authentication_requirement,
        "singleFactorAuthentication"
    );
    assert!(first
        .failure_reason
        .ends_with("did not have a trailing slash."));

    let la = evidence::read(&fixture("signin-loganalytics.csv"));
    assert_eq!(la.kind, Kind::SignInLog, "{:?}", la.problem);
    assert!(la.summary.contains("Log Analytics"), "{}", la.summary);
    assert_eq!(la.signins.len(), 2);
    let block = la.signins.get(1).expect("the 53003 entry");
    assert_eq!(block.error_code, 53003);
    assert_eq!(
        block.time, "2025-03-11T14:02:17Z",
        "CreatedDateTime, not TimeGenerated"
    );
    assert_eq!(block.resource, "Microsoft Graph");
    assert_eq!(block.interactive, Some(true));
    assert_eq!(block.policies.len(), 4);
    assert_eq!(
        block
            .failed_policies()
            .map(|p| p.display_name.as_str())
            .collect::<Vec<_>>(),
        ["CA014: Block legacy and unmanaged countries"]
    );
    let first = la.signins.first().expect("the 50011 entry");
    assert!(first.additional_details.starts_with("Developer error"));

    let mut bom = evidence::read(&fixture("signin-portal-ca-bom.csv"));
    assert_eq!(bom.signins.len(), 1);
    assert_eq!(
        bom.signins.first().map(|s| s.id.as_str()),
        Some("fd2e7a39-d5cc-5c26-9ac1-ecb2322937aa")
    );
    let f = bom.evaluate(&evidence::Context::default());
    let ca = f
        .iter()
        .find(|f| f.code == "signin.ca_blocked")
        .expect("ca");
    assert!(
        ca.detail.contains("conditionalAccessStatus failure"),
        "{}",
        ca.detail
    );
    assert!(ca.detail.contains("lists no policy"), "{}", ca.detail);
}

/// Log Analytics names the failing policy; a report-only one blocks nothing.
#[test]
fn csv_policies_name_the_blocking_one_only() {
    let mut la = evidence::read(&fixture("signin-loganalytics.csv"));
    let f = la.evaluate(&evidence::Context {
        client_id: Some(CLIENT),
        ..Default::default()
    });
    let ca = f
        .iter()
        .find(|f| f.code == "signin.ca_blocked")
        .expect("ca");
    assert!(ca.title.contains("CA014"), "{}", ca.title);
    assert!(!ca.detail.contains("CA020"), "{}", ca.detail);
    assert!(
        ca.fix.contains("blocks this sign-in outright"),
        "{}",
        ca.fix
    );
}

/// A semicolon-separated download (some locales), quoted fields with line
/// breaks, a correlation ID in the callback text selecting the entry.
#[test]
fn semicolon_csv_with_line_breaks_and_a_correlation_filter() {
    let text = "sep=;\r\n\"Date (UTC)\";\"Request ID\";\"Correlation ID\";\"Application\";\"Application ID\";\"Status\";\"Sign-in error code\";\"Failure reason\";\"Resource\"\r\n\
        2025-03-11T14:02:07Z;r1;11111111-aaaa-4bbb-8ccc-000000000001;\"App; one\";6731de76-14a6-49ae-97bc-6eba6914391e;Failure;65001;\"The user or administrator has not consented\nto use the application.\";Microsoft Graph\r\n\
        2025-03-11T14:03:07Z;r2;11111111-aaaa-4bbb-8ccc-000000000002;\"App; one\";6731de76-14a6-49ae-97bc-6eba6914391e;Interrupted;50074;\"Strong Authentication is required.\";Microsoft Graph\r\n\r\n";
    let e = evidence::read(text);
    assert_eq!(e.kind, Kind::SignInLog, "{:?}", e.problem);
    assert!(e.summary.contains("semicolon"), "{}", e.summary);
    assert_eq!(
        e.signins.iter().map(|s| s.error_code).collect::<Vec<_>>(),
        [65001, 50074]
    );
    assert_eq!(
        e.signins.first().map(|s| s.app_name.as_str()),
        Some("App; one")
    );
    assert!(e
        .signins
        .first()
        .is_some_and(|s| s.failure_reason.contains("consented\nto use")));
    let a = analyze(&CaseInput {
        authorize: AUTHORIZE_CLIENT.into(),
        callback: "AADSTS50074. Correlation ID: 11111111-aaaa-4bbb-8ccc-000000000002".into(),
        evidence: text.into(),
        ..CaseInput::default()
    });
    let f = a
        .report
        .findings
        .iter()
        .find(|f| f.code == "signin.mfa_required")
        .expect("mfa");
    assert_eq!(f.aadsts, Some(50074));
    assert!(
        !a.report
            .findings
            .iter()
            .any(|f| f.code.starts_with("signin.") && f.aadsts == Some(65001)),
        "the other correlation ID is filtered out"
    );
}

/// A header row alone holds no sign-ins; a CSV of other columns is refused
/// naming the columns expected and found, never as "not valid JSON".
#[test]
fn empty_and_foreign_csvs_are_explained() {
    let header = fixture("signin-portal-50011.csv")
        .lines()
        .next()
        .expect("header")
        .to_string();
    let a = analyze(&CaseInput {
        authorize: AUTHORIZE_CLIENT.into(),
        evidence: format!("\u{feff}{header}\r\n"),
        ..CaseInput::default()
    });
    let f = a
        .report
        .findings
        .iter()
        .find(|f| f.code == "signin.no_failures")
        .expect("no sign-ins");
    assert!(f.title.contains("holds no sign-ins"), "{}", f.title);
    assert!(!a.report.has("input.evidence_unreadable"));

    let users = "Id,Display name,User principal name,User type,Creation type,Account enabled,Department,Job title,Company name,Usage location,Mail,Mobile phone\r\n1,Adele,adelev@contoso.com,Member,,true,,,,,,\r\n";
    let a = analyze(&CaseInput {
        authorize: AUTHORIZE_CLIENT.into(),
        evidence: users.into(),
        ..CaseInput::default()
    });
    let f = a
        .report
        .findings
        .iter()
        .find(|f| f.code == "input.evidence_unreadable")
        .expect("refused");
    assert!(!f.detail.contains("JSON"), "{}", f.detail);
    assert!(
        f.detail.contains("Sign-in error code") && f.detail.contains("Correlation ID"),
        "{}",
        f.detail
    );
    assert!(
        f.detail.contains("\"Usage location\"") && !f.detail.contains("\"Mail\""),
        "first 10 columns: {}",
        f.detail
    );
    assert!(f.detail.contains("and 2 more"), "{}", f.detail);
}

/// A 20,000-row download is read whole (the reader is linear: each byte once).
#[test]
fn a_twenty_thousand_row_csv_is_read() {
    let header = fixture("signin-portal-50011.csv");
    let mut lines = header.split("\r\n");
    let mut text = format!("\u{feff}{}\r\n", lines.next().expect("header"));
    let rows: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    for i in 0..20_000 {
        text.push_str(rows.get(i % rows.len()).expect("row"));
        text.push_str("\r\n");
    }
    let mut e = evidence::read(&text);
    assert_eq!(e.kind, Kind::SignInLog, "{:?}", e.problem);
    assert_eq!(e.signins.len(), 20_000);
    assert_eq!(e.signins.last().map(|s| s.index), Some(19_999));
    assert!(e.summary.contains("20000 entries"), "{}", e.summary);
    let f = e.evaluate(&evidence::Context {
        client_id: Some(CLIENT),
        ..Default::default()
    });
    assert_eq!(e.shown.len(), 6_667, "the app's 50011 rows");
    assert!(f
        .iter()
        .any(|f| f.code == "signin.failure" && f.aadsts == Some(50011)));
}

#[test]
fn graph_page_and_diagnostic_settings_shapes() {
    let page = r#"{"@odata.context":"https://graph.microsoft.com/beta/$metadata#auditLogs/signIns","value":[{"id":"1","createdDateTime":"2026-11-20T10:00:00Z","appId":"6731de76-14a6-49ae-97bc-6eba6914391e","correlationId":"c","status":{"errorCode":65004,"failureReason":"User declined to consent to access the app."}}]}"#;
    let mut e = evidence::read(page);
    assert_eq!(e.kind, Kind::SignInLog);
    assert!(e.summary.contains(": 1 entry, 1 failed"), "{}", e.summary);
    let codes: Vec<String> = e
        .evaluate(&evidence::Context::default())
        .into_iter()
        .map(|f| f.code)
        .collect();
    assert_eq!(codes, ["signin.user_cancelled", "signin.failure"]);
    let diag = r#"[{"time":"2026-11-20T10:00:00Z","resourceId":"/tenants/x/providers/Microsoft.aadiam","operationName":"Sign-in activity","category":"SignInLogs","resultType":"50076","resultDescription":"Due to a configuration change made by your administrator, you must use multi-factor authentication.","callerIpAddress":"203.0.113.1","properties":{"appId":"a","correlationId":"d","status":{"errorCode":50076},"conditionalAccessStatus":"notApplied"}}]"#;
    let mut e = evidence::read(diag);
    let f = e.evaluate(&evidence::Context::default());
    let failure = f
        .iter()
        .find(|f| f.code == "signin.failure")
        .expect("failure");
    assert!(
        failure.detail.contains("must use multi-factor"),
        "resultDescription as failureReason"
    );
    assert!(f.iter().any(|f| f.code == "signin.mfa_required"));
}

#[test]
fn unreadable_evidence_is_explained() {
    let a = analyze(&CaseInput {
        evidence: "{\"log\": {\"entries\": [\n{\"request\": }]}}".into(),
        ..CaseInput::default()
    });
    let f = a
        .report
        .findings
        .iter()
        .find(|f| f.code == "input.evidence_unreadable")
        .expect("unreadable");
    assert!(f.detail.contains("line 2, column"), "{}", f.detail);
    let a = analyze(&CaseInput {
        evidence: "{\"log\": {\"entries\": []}}".into(),
        ..CaseInput::default()
    });
    assert!(a.report.has("har.no_authorize"));
}

// ---------------------------------------------------------------------------
// Sanitising
// ---------------------------------------------------------------------------

const SECRET_PARAMS: &[&str] = &[
    "state",
    "nonce",
    "code",
    "code_verifier",
    "code_challenge",
    "id_token",
    "access_token",
    "refresh_token",
    "client_secret",
    "client_assertion",
    "login_hint",
    "session_state",
    "client_info",
    "sid",
    "password",
    "passwd",
    "login",
    "loginfmt",
    "flowToken",
    "canary",
    "ctx",
];

fn form_values(text: &str, out: &mut Vec<String>) {
    for p in text.split('&') {
        let (n, v) = p.split_once('=').unwrap_or((p, ""));
        if SECRET_PARAMS.iter().any(|s| s.eq_ignore_ascii_case(n)) && !v.is_empty() {
            out.push(v.to_string());
            let decoded = percent_decode(v);
            if decoded != v {
                out.push(decoded);
            }
        }
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.replace('+', " ");
    let bytes = b.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(n) = b
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(n);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every secret value in a HAR, found independently of the sanitiser:
/// cookies, credential headers, secret query and form values, form_post
/// inputs and token JSON fields.
fn secrets_of(har: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(har).expect("fixture JSON");
    let mut out = Vec::new();
    for e in v["log"]["entries"].as_array().expect("entries") {
        for side in ["request", "response"] {
            for c in e[side]["cookies"].as_array().into_iter().flatten() {
                out.push(c["value"].as_str().unwrap_or("").to_string());
            }
            for h in e[side]["headers"].as_array().into_iter().flatten() {
                let name = h["name"].as_str().unwrap_or("").to_ascii_lowercase();
                let value = h["value"].as_str().unwrap_or("");
                if ["cookie", "set-cookie", "authorization"].contains(&name.as_str()) {
                    out.push(value.to_string());
                    // Cookie: every pair; Set-Cookie: the first (the rest are attributes).
                    let parts: Vec<&str> = value.split(';').collect();
                    let take = if name == "set-cookie" { 1 } else { parts.len() };
                    for part in parts.iter().take(take) {
                        if let Some((_, v)) = part.split_once('=') {
                            out.push(v.trim().to_string());
                        }
                    }
                }
                if name == "location" {
                    if let Some((_, q)) = value.split_once(['?', '#']) {
                        form_values(q, &mut out);
                    }
                }
            }
        }
        let url = e["request"]["url"].as_str().unwrap_or("");
        if let Some((_, q)) = url.split_once('?') {
            form_values(q, &mut out);
        }
        if let Some(t) = e["request"]["postData"]["text"].as_str() {
            form_values(t, &mut out);
        }
        let body = e["response"]["content"]["text"].as_str().unwrap_or("");
        for name in ["code", "id_token", "state", "session_state"] {
            let pat = format!("name=\"{name}\" value=\"");
            for (i, _) in body.match_indices(&pat) {
                let rest = &body[i + pat.len()..];
                out.push(rest.split('"').next().unwrap_or("").to_string());
            }
        }
        if let Ok(j) = serde_json::from_str::<Value>(body) {
            for k in ["access_token", "refresh_token", "id_token", "client_info"] {
                if let Some(s) = j[k].as_str() {
                    out.push(s.to_string());
                }
            }
        }
        for k in ["sFT", "canary", "sCtx"] {
            let pat = format!("\"{k}\":\"");
            for (i, _) in body.match_indices(&pat) {
                out.push(
                    body[i + pat.len()..]
                        .split('"')
                        .next()
                        .unwrap_or("")
                        .to_string(),
                );
            }
        }
    }
    out.retain(|s| s.len() >= 4 && s != "REDACTED");
    out.sort();
    out.dedup();
    out
}

#[test]
fn sanitised_hars_keep_none_of_their_secrets() {
    let dir = format!("{}/tests/fixtures/evidence", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".har"))
        .collect();
    names.sort();
    assert!(names.len() >= 8);
    for name in names {
        let text = fixture(&name);
        let secrets = secrets_of(&text);
        assert!(
            secrets.len() >= 5,
            "{name}: the secret finder found too little: {secrets:?}"
        );
        let (out, removed) =
            sanitize::har(&text, &sanitize::Options::default()).expect("sanitised");
        for s in &secrets {
            assert!(
                !out.contains(s.as_str()),
                "{name}: secret {s:?} left in the sanitised HAR"
            );
        }
        // E-mail addresses and the distinctive markers of the fixtures' secrets.
        for marker in [
            "@contoso.com",
            "SECRET-",
            "FLOWTOKEN-",
            "CANARY-",
            "ESTSAUTH-",
            "VERIFIER-",
            "REFRESH-TOKEN",
            "Fixture",
            "SESSION-",
        ] {
            assert!(
                !out.contains(marker),
                "{name}: {marker} left in the sanitised HAR"
            );
        }
        // A share link of the HAR keeps none of the fixtures' marked secrets either (it keeps
        // cookie names, which an ASP.NET Core nonce cookie's name holds, for the cookie story).
        let case = CaseInput {
            evidence: text.clone(),
            ..CaseInput::default()
        };
        let (shared, _) = share::redact(&case, &share::ShareOptions::default());
        for marker in ["SECRET-", "FLOWTOKEN-", "CANARY-", "ESTSAUTH-", "VERIFIER-"] {
            assert!(
                !shared.evidence.contains(marker),
                "{name}: {marker} left in the share link"
            );
        }
        // Still a HAR, still traced the same way.
        let before = evidence::read(&text);
        let after = evidence::read(&out);
        assert_eq!(after.kind, Kind::Har, "{name}");
        assert_eq!(
            after.timeline.len(),
            before.timeline.len(),
            "{name}: the sanitised HAR traces differently"
        );
        assert!(!removed.is_empty());
        assert!(removed.iter().all(|r| r.count > 0 && !r.name.is_empty()));
        for r in &removed {
            assert!(
                !secrets
                    .iter()
                    .any(|s| r.name.contains(s.as_str()) && s.len() > 8),
                "{name}: a removed entry names a value"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// The CLI twin
// ---------------------------------------------------------------------------

#[cfg(feature = "cli")]
#[test]
fn the_cli_reads_evidence_from_the_case_file() {
    let dir = std::env::temp_dir().join(format!("redirect-doctor-evidence-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut problems = Vec::new();
    for (i, c) in cases().iter().enumerate() {
        let case = serde_json::json!({
            "authorize": c.authorize,
            "registered": c.registered,
            "callback": c.callback,
            "evidence": fixture(c.fixture),
            "note": "built by tests/evidence.rs",
        });
        let path = dir.join(format!("case-{i}.json"));
        std::fs::write(&path, case.to_string()).expect("write case");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_redirect-doctor"))
            .arg("check")
            .arg(&path)
            .arg("--json")
            .output()
            .expect("run the CLI");
        let report: Value = match serde_json::from_slice(&out.stdout) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!(
                    "{}: not JSON ({e}): {}",
                    c.fixture,
                    String::from_utf8_lossy(&out.stderr)
                ));
                continue;
            }
        };
        let findings = report["findings"].as_array().cloned().unwrap_or_default();
        let codes: Vec<String> = findings
            .iter()
            .filter_map(|f| f["code"].as_str().map(str::to_string))
            .collect();
        let primary = findings
            .iter()
            .find(|f| f["severity"] == "error")
            .and_then(|f| f["code"].as_str());
        let aadsts: Vec<CodeAadsts> = findings
            .iter()
            .map(|f| {
                (
                    f["code"].as_str().unwrap_or("").to_string(),
                    f["aadsts"].as_u64().and_then(|n| u32::try_from(n).ok()),
                )
            })
            .collect();
        problems.extend(judge(c, &codes, primary, &aadsts));
        let unreadable = codes.iter().any(|c| {
            c.as_str() == "input.too_large"
                || (c.starts_with("input.") && c.ends_with("_unreadable"))
        });
        let diagnosis = findings.iter().any(|f| {
            f["severity"] == "error" && !f["code"].as_str().is_some_and(|c| c.starts_with("input."))
        });
        let want_exit = if diagnosis {
            1
        } else if unreadable {
            2
        } else {
            i32::from(primary.is_some())
        };
        if out.status.code() != Some(want_exit) {
            problems.push(format!(
                "{}: exit {:?}, expected {want_exit}",
                c.fixture,
                out.status.code()
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------
// A 50 MB HAR
// ---------------------------------------------------------------------------

/// A deterministic pseudo-random sequence.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn token(&mut self, len: usize) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        (0..len)
            .map(|_| A[self.below(A.len() as u64) as usize] as char)
            .collect()
    }
}

fn header_block(out: &mut String, indent: &str, headers: &[(&str, String)]) {
    out.push_str("[\n");
    for (i, (n, v)) in headers.iter().enumerate() {
        let v = serde_json::to_string(v).unwrap_or_default();
        out.push_str(&format!("{indent}  {{\n{indent}    \"name\": \"{n}\",\n{indent}    \"value\": {v}\n{indent}  }}{}\n", if i + 1 < headers.len() { "," } else { "" }));
    }
    out.push_str(indent);
    out.push(']');
}

/// A Chrome-style pretty-printed HAR of about `target` bytes: realistic
/// headers (cookies, bearer JWTs), 8 % authorize requests, 8 % callbacks with
/// code and state, 5 % token POSTs, text bodies of 1–6 KB. Returns the text
/// and the number of authorize requests.
fn big_har(target: usize) -> (String, usize) {
    let mut r = Lcg(0x5eed);
    let mut out = String::with_capacity(target + 64 * 1024);
    out.push_str("{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"creator\": {\n      \"name\": \"WebInspector\",\n      \"version\": \"537.36\"\n    },\n    \"pages\": [],\n    \"entries\": [\n");
    let jwt = |r: &mut Lcg| {
        format!(
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.{}.{}",
            r.token(900),
            r.token(342)
        )
    };
    let mut n = 0usize;
    let mut authorizes = 0usize;
    let mut pending_callback: Option<String> = None;
    while out.len() < target {
        let roll = r.below(100);
        let state = r.token(24);
        let (method, url, status, location, body, mime, post): (
            &str,
            String,
            u16,
            Option<String>,
            Option<String>,
            &str,
            Option<String>,
        ) = if let Some(cb) = pending_callback.take() {
            (
                "GET",
                cb,
                302,
                Some("https://app.contoso.com/home".into()),
                None,
                "text/html",
                None,
            )
        } else if roll < 8 {
            authorizes += 1;
            let url = format!("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id={CLIENT}&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid%20profile%20offline_access&response_mode=query&state={state}&nonce={}&code_challenge={}&code_challenge_method=S256", r.token(24), r.token(43));
            let cb = format!(
                "https://app.contoso.com/cb?code=0.AXcA{}&state={state}&session_state={}",
                r.token(700),
                r.token(36)
            );
            pending_callback = Some(cb.clone());
            ("GET", url, 302, Some(cb), None, "text/html", None)
        } else if roll < 13 {
            let body = format!("client_id={CLIENT}&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&grant_type=authorization_code&code=0.AXcA{}&code_verifier={}", r.token(700), r.token(43));
            let resp = format!("{{\"token_type\":\"Bearer\",\"expires_in\":4385,\"access_token\":\"{}\",\"refresh_token\":\"{}\",\"id_token\":\"{}\"}}", jwt(&mut r), r.token(800), jwt(&mut r));
            (
                "POST",
                format!("https://login.microsoftonline.com/{CLIENT}/oauth2/v2.0/token"),
                200,
                None,
                Some(resp),
                "application/json",
                Some(body),
            )
        } else {
            let len = 1024 + r.below(5 * 1024) as usize;
            let mut text = String::with_capacity(len + 64);
            while text.len() < len {
                text.push_str(&format!(
                    "<div class=\"row\" data-id=\"{}\">\n  <span>{}</span>\n</div>\n",
                    r.below(100000),
                    r.token(40)
                ));
            }
            let kind = r.below(3);
            let (url, mime) = match kind {
                0 => (
                    format!("https://app.contoso.com/static/js/chunk-{}.js", r.token(8)),
                    "application/javascript",
                ),
                1 => (
                    format!(
                        "https://api.contoso.com/v1/items/{}?page={}",
                        r.token(12),
                        r.below(50)
                    ),
                    "application/json",
                ),
                _ => (
                    format!("https://app.contoso.com/pages/{}", r.token(10)),
                    "text/html",
                ),
            };
            ("GET", url, 200, None, Some(text), mime, None)
        };
        if n > 0 {
            out.push_str(",\n");
        }
        n += 1;
        out.push_str("      {\n        \"_initiator\": {\n          \"type\": \"script\"\n        },\n        \"_priority\": \"High\",\n        \"_resourceType\": \"fetch\",\n        \"cache\": {},\n        \"connection\": \"443\",\n        \"request\": {\n");
        out.push_str(&format!("          \"method\": \"{method}\",\n          \"url\": {},\n          \"httpVersion\": \"http/2.0\",\n          \"headers\": ", serde_json::to_string(&url).unwrap_or_default()));
        let mut headers: Vec<(&str, String)> = vec![
            (":authority", url.split('/').nth(2).unwrap_or("").to_string()),
            (":method", method.to_string()),
            (":path", format!("/{}", url.splitn(4, '/').nth(3).unwrap_or(""))),
            (":scheme", "https".into()),
            ("accept", "application/json, text/plain, */*".into()),
            ("accept-encoding", "gzip, deflate, br, zstd".into()),
            ("accept-language", "en-US,en;q=0.9".into()),
            ("cookie", format!("session={}; ai_user={}; ai_session={}", r.token(180), r.token(22), r.token(40))),
            ("priority", "u=1, i".into()),
            ("referer", "https://app.contoso.com/".into()),
            ("sec-ch-ua", "\"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"".into()),
            ("sec-ch-ua-mobile", "?0".into()),
            ("sec-ch-ua-platform", "\"Windows\"".into()),
            ("sec-fetch-dest", "empty".into()),
            ("sec-fetch-mode", "cors".into()),
            ("sec-fetch-site", "same-site".into()),
            ("traceparent", format!("00-{}-{}-01", r.token(32), r.token(16))),
            ("user-agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36".into()),
        ];
        if url.contains("api.contoso.com") {
            headers.push(("authorization", format!("Bearer {}", jwt(&mut r))));
        }
        if method == "POST" {
            headers.push(("origin", "https://app.contoso.com".into()));
            headers.push((
                "content-type",
                "application/x-www-form-urlencoded;charset=utf-8".into(),
            ));
        }
        header_block(&mut out, "          ", &headers);
        out.push_str(",\n          \"queryString\": [],\n          \"cookies\": [],\n          \"headersSize\": -1,\n          \"bodySize\": 0");
        if let Some(p) = &post {
            out.push_str(&format!(",\n          \"postData\": {{\n            \"mimeType\": \"application/x-www-form-urlencoded;charset=utf-8\",\n            \"text\": {}\n          }}", serde_json::to_string(p).unwrap_or_default()));
        }
        out.push_str("\n        },\n        \"response\": {\n");
        out.push_str(&format!("          \"status\": {status},\n          \"statusText\": \"\",\n          \"httpVersion\": \"http/2.0\",\n          \"headers\": "));
        let mut rh: Vec<(&str, String)> = vec![
            ("cache-control", "no-store, no-cache".into()),
            ("content-type", format!("{mime}; charset=utf-8")),
            ("date", "Thu, 20 Nov 2026 10:14:03 GMT".into()),
            ("content-security-policy", "default-src 'self'; script-src 'self' 'nonce-6vx9qLr3o8sL4Yq2'; connect-src 'self' https://login.microsoftonline.com https://api.contoso.com; img-src 'self' data:; frame-ancestors 'none'".into()),
            ("strict-transport-security", "max-age=31536000; includeSubDomains".into()),
            ("x-content-type-options", "nosniff".into()),
            ("x-frame-options", "DENY".into()),
            ("report-to", "{\"group\":\"csp-endpoint\",\"max_age\":10886400,\"endpoints\":[{\"url\":\"https://csp.contoso.com/report\"}]}".into()),
            ("x-ms-request-id", r.token(36)),
        ];
        if url.contains("microsoftonline") {
            rh.push(("set-cookie", format!("esctx={}; domain=.login.microsoftonline.com; path=/; secure; HttpOnly; SameSite=None", r.token(200))));
        }
        if let Some(l) = &location {
            rh.push(("location", l.clone()));
        }
        header_block(&mut out, "          ", &rh);
        out.push_str(",\n          \"cookies\": [],\n          \"content\": {\n");
        out.push_str(&format!(
            "            \"size\": {},\n            \"mimeType\": \"{mime}\"",
            body.as_ref().map_or(0, String::len)
        ));
        if let Some(b) = &body {
            out.push_str(&format!(
                ",\n            \"text\": {}",
                serde_json::to_string(b).unwrap_or_default()
            ));
        }
        out.push_str(&format!("\n          }},\n          \"redirectURL\": {},\n          \"headersSize\": -1,\n          \"bodySize\": -1,\n          \"_transferSize\": 2048,\n          \"_error\": null\n        }},\n", serde_json::to_string(location.as_deref().unwrap_or("")).unwrap_or_default()));
        out.push_str("        \"serverIPAddress\": \"20.190.151.7\",\n        \"startedDateTime\": \"2026-11-20T10:14:03.118Z\",\n        \"time\": 121.4,\n        \"timings\": {\n          \"blocked\": 1.2,\n          \"dns\": -1,\n          \"ssl\": -1,\n          \"connect\": -1,\n          \"send\": 0.2,\n          \"wait\": 110.1,\n          \"receive\": 9.9\n        }\n      }");
    }
    out.push_str("\n    ]\n  }\n}\n");
    (out, authorizes)
}

#[test]
fn a_fifty_megabyte_har_is_read() {
    let (text, authorizes) = big_har(50 << 20);
    let entries = text.matches("\"_initiator\"").count();
    let started = Instant::now();
    let e = evidence::read(&text);
    let took = started.elapsed();
    println!("evidence::read on a {:.1} MB HAR ({entries} entries, {authorizes} authorize requests): {took:?}", text.len() as f64 / (1 << 20) as f64);
    assert_eq!(e.kind, Kind::Har);
    let trace = e.trace.as_ref().expect("trace");
    assert_eq!(trace.entries, entries);
    assert_eq!(trace.authorize.len(), authorizes);
    assert!(e.authorize_url.is_some());
    let started = Instant::now();
    let (out, removed) = sanitize::har(&text, &sanitize::Options::default()).expect("sanitised");
    println!(
        "sanitize::har on it: {:?} ({} kinds of values removed)",
        started.elapsed(),
        removed.len()
    );
    assert!(!out.contains("Bearer eyJ"), "bearer tokens removed");
}

/// Every `har.*` and `signin.*` code fires on some fixture and is asserted
/// absent on another (its near miss), like the per-code table of the other codes.
#[test]
fn every_evidence_code_fires_somewhere_and_is_absent_elsewhere() {
    let all = cases();
    let mut problems = Vec::new();
    for d in redirect_doctor::core::codes::CODES {
        if !(d.code.starts_with("har.") || d.code.starts_with("signin.")) {
            continue;
        }
        if !all.iter().any(|c| c.present.contains(&d.code)) {
            problems.push(format!("{}: no fixture where it fires", d.code));
        }
        if !all.iter().any(|c| c.absent.contains(&d.code)) {
            problems.push(format!("{}: no fixture where it must stay silent", d.code));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The page reads the evidence once and analyses every other edit with it
/// (`analyze_with_evidence`): the same report as `analyze` on the whole case.
#[test]
fn evidence_read_once_gives_the_same_report() {
    use redirect_doctor::core::{analyze_with_evidence, read_evidence};
    for c in cases() {
        let whole = input(&c);
        let without = CaseInput {
            evidence: String::new(),
            ..whole.clone()
        };
        let once = analyze_with_evidence(&without, read_evidence(&whole.evidence));
        assert_eq!(once.report, analyze(&whole).report, "{}", c.fixture);
        assert!(once.evidence.is_some(), "{}", c.fixture);
    }
    assert!(read_evidence(" \n").is_none());
}

/// When the pasted list already holds the URI a sign-in log says Entra refused, the log
/// entry's own advice (register it) gives way to the stale-registration finding.
#[test]
fn a_refused_uri_already_listed_is_not_to_be_registered_again() {
    let case: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/cases/signin-50011-while-list-holds-uri.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let field = |k: &str| case[k].as_str().unwrap_or_default().to_string();
    let a = analyze(&CaseInput {
        authorize: field("authorize"),
        registered: field("registered"),
        evidence: field("evidence"),
        ..CaseInput::default()
    });
    let failure = a
        .report
        .findings
        .iter()
        .find(|f| f.code == "signin.failure" && f.aadsts == Some(50011))
        .expect("the 50011 entry is listed");
    assert!(
        failure.fix.contains("already holds") && !failure.fix.starts_with("Register"),
        "{}",
        failure.fix
    );
    assert!(a
        .report
        .findings
        .iter()
        .any(|f| f.code == "redirect.registration_stale"));
}

/// What the new HAR readings say, beyond their codes: the interrupt left unanswered, the
/// cookies that came back (or went to another host) behind "Correlation failed", the personal
/// account's fix, a request still waiting.
#[test]
fn har_stops_and_cookie_stories_are_told() {
    let said = |name: &str, registered: &str, code: &str| {
        let a = analyze(&CaseInput {
            registered: registered.into(),
            evidence: fixture(name),
            ..CaseInput::default()
        });
        a.report
            .findings
            .iter()
            .find(|f| f.code == code)
            .map(|f| {
                (
                    f.severity,
                    format!("{} | {} | {}", f.title, f.detail, f.fix),
                )
            })
            .unwrap_or((Severity::Info, String::new()))
    };
    // A B2C sign-in Google refused: the redirect URI B2C sent Google, fixed at Google; an
    // organisation's Okta keeps the federation's words.
    let (sev, text) = said(
        "flows/b2c-google-redirect-uri-mismatch.har",
        "",
        "har.entra_error_page",
    );
    assert_eq!(sev, Severity::Error, "{text}");
    assert!(
        text.contains("Google refused the redirect URI the B2C tenant sent it (https://fabrikamb2c.b2clogin.com/fabrikamb2c.onmicrosoft.com/oauth2/authresp)"),
        "{text}"
    );
    assert!(text.contains("In the Google Cloud Console"), "{text}");
    assert!(!text.contains("organisation"), "{text}");
    let (_, text) = said(
        "flows/idp-okta-403-not-assigned.har",
        MY_ORG_SIGNIN_OIDC,
        "har.entra_error_page",
    );
    assert!(text.contains("organisation's identity provider"), "{text}");
    let (sev, text) = said(
        "flows/kmsi-50140-in-page.har",
        MY_ORG_SIGNIN_OIDC,
        "har.entra_error_page",
    );
    assert_eq!(sev, Severity::Warning, "{text}");
    assert!(text.contains("Stay signed in?"), "{text}");
    let (_, text) = said(
        "flows/proofup-abandoned.har",
        MY_ORG_SIGNIN_OIDC,
        "har.entra_error_page",
    );
    assert!(text.contains("security info"), "{text}");
    let (_, text) = said(
        "flows/device-check-no-certificate.har",
        MY_ORG_SIGNIN_OIDC,
        "har.entra_error_page",
    );
    assert!(text.contains("device"), "{text}");
    let (_, text) = said(
        "flows/correlation-failed-cookies-sent.har",
        MY_ORG_SIGNIN_OIDC,
        "har.app_error",
    );
    assert!(text.contains("data protection key ring"), "{text}");
    assert!(!text.contains("Serve the app over https"), "{text}");
    let (_, text) = said(
        "flows/correlation-cookie-other-host.har",
        "https://www.contoso.com/signin-oidc",
        "har.app_error",
    );
    assert!(
        text.contains("The sign-in started on contoso.com"),
        "{text}"
    );
    let (_, text) = said(
        "flows/idp-okta-403-not-assigned.har",
        MY_ORG_SIGNIN_OIDC,
        "har.entra_error_page",
    );
    assert!(text.contains("not assigned"), "{text}");
    assert!(!text.contains("MSIS"), "{text}");
    let (_, text) = said(
        "flows/personal-account-50020.har",
        MY_ORG_SIGNIN_OIDC,
        "har.entra_error_page",
    );
    assert!(text.contains("Supported account types"), "{text}");
    let (sev, text) = said(
        "flows/callback-pending.har",
        MY_ORG_SIGNIN_OIDC,
        "har.code_lost",
    );
    assert_eq!(sev, Severity::Warning, "{text}");
    assert!(!text.contains("never received"), "{text}");
}

/// Two CSV downloads pasted one after the other: the second header row is no sign-in entry.
#[test]
fn a_second_csv_header_is_no_entry() {
    let header = "Date (UTC),Request ID,Correlation ID,User,Application,Application ID,Status,Sign-in error code,Failure reason";
    let row = |t: &str, code: &str| {
        format!("{t},1b4c6e0a-7d3f-4a5e-9c21-0f8e2b7a9d00,cd613e30-d8f1-6adf-91b7-584a2265b1f5,adele@contoso.com,Contoso Portal,6731de76-14a6-49ae-97bc-6eba6914391e,Failure,{code},Access has been blocked by Conditional Access policies.")
    };
    let text = format!(
        "{header}\n{}\n\u{FEFF}{header}\n{}\n",
        row("2025-03-11T14:02:07Z", "53003"),
        row("2025-03-11T15:02:07Z", "53003")
    );
    let ev = evidence::read(&text);
    assert_eq!(ev.signins.len(), 2, "{}", ev.summary);
}

#[test]
fn a_null_entry_is_left_out_and_the_others_are_read() {
    // A tool's export with a request it could not write as `null`.
    let mut checked = 0;
    for c in cases().iter().filter(|c| c.fixture.ends_with(".har")) {
        let text = fixture(c.fixture);
        let Some(at) = text
            .find("\"entries\": [")
            .map(|i| i + "\"entries\": [".len())
        else {
            continue;
        };
        let with_null = format!("{}null, {}", &text[..at], &text[at..]);
        let plain = analyze(&input(c));
        let nulled = analyze(&CaseInput {
            evidence: with_null,
            ..input(c)
        });
        assert_eq!(summary(&nulled).0, summary(&plain).0, "{}", c.fixture);
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} HAR fixtures checked");
}

/// A sign-in log alone (no request names the app) with two applications' failures: the
/// redirect URI refusal (AADSTS50011) of one is the primary, even when another app's wrong
/// password comes first; that failure stays, as another application's warning.
#[test]
fn a_log_alone_makes_the_redirect_failure_primary_over_another_apps_failure() {
    let a = analyze(&CaseInput {
        evidence: fixture("signin-portal-50011.csv"),
        ..CaseInput::default()
    });
    let p = a.report.primary().expect("a primary");
    assert_eq!((p.code.as_str(), p.aadsts), ("signin.failure", Some(50011)));
    let other = a
        .report
        .findings
        .iter()
        .find(|f| f.aadsts == Some(50126))
        .expect("the other app's failure stays");
    assert_eq!(other.severity, Severity::Warning, "{}", other.detail);
    assert!(other.detail.contains("Contoso Portal"), "{}", other.detail);
}
