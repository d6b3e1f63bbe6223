//! One test per finding code (the `har.*` and `signin.*` codes have their own
//! file): a realistic input on which the code fires, and a near miss on which
//! it does not. Everything goes through the public entry point
//! `core::analyze`. The base request is a complete, quiet v2 request (client
//! GUID, tenant domain, state, PKCE S256) so unrelated findings stay silent;
//! each row changes only what its rule is about.

use redirect_doctor::core::codes::CODES;
use redirect_doctor::core::{analyze, Analysis, CaseInput, Severity};

const CLIENT_ID: &str = "6731de76-14a6-49ae-97bc-6eba6914391e";
const V2: &str = "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize";
const V1: &str = "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/authorize";
/// RFC 7636 Appendix B: BASE64URL(SHA256(verifier)), 43 characters.
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
/// The callback most rows send and register.
const CB: &str = "https://app.contoso.com/signin-oidc";

/// Percent-encodes everything but the unreserved characters (what
/// `encodeURIComponent` and the libraries do), written here so the tests do
/// not lean on the crate's own encoder.
fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An authorize request under construction; values are kept as sent (raw).
#[derive(Clone)]
struct Auth {
    endpoint: String,
    params: Vec<(String, String)>,
}

/// A complete, quiet code-flow request to the v2 endpoint for `redirect`.
fn auth(redirect: &str) -> Auth {
    Auth {
        endpoint: V2.to_string(),
        params: vec![
            ("client_id".into(), CLIENT_ID.into()),
            ("response_type".into(), "code".into()),
            ("redirect_uri".into(), enc(redirect)),
            ("response_mode".into(), "query".into()),
            ("scope".into(), enc("openid profile offline_access")),
            ("state".into(), "s7Fq2mX9".into()),
            ("code_challenge".into(), CHALLENGE.into()),
            ("code_challenge_method".into(), "S256".into()),
        ],
    }
}

impl Auth {
    /// Sets a parameter (encoded), replacing its first occurrence or appending it.
    fn set(self, name: &str, value: &str) -> Self {
        self.raw(name, &enc(value))
    }
    /// Sets a parameter to a value exactly as it would stand in the URL.
    fn raw(mut self, name: &str, value: &str) -> Self {
        match self.params.iter_mut().find(|(n, _)| n == name) {
            Some(p) => p.1 = value.to_string(),
            None => self.params.push((name.to_string(), value.to_string())),
        }
        self
    }
    /// Appends a parameter even when it is already there.
    fn add(mut self, name: &str, value: &str) -> Self {
        self.params.push((name.to_string(), enc(value)));
        self
    }
    /// Drops a parameter.
    fn without(mut self, name: &str) -> Self {
        self.params.retain(|(n, _)| n != name);
        self
    }
    /// Sends the request to another endpoint URL.
    fn at(mut self, endpoint: &str) -> Self {
        self.endpoint = endpoint.to_string();
        self
    }
    /// The authorize URL.
    fn url(&self) -> String {
        let q: Vec<String> = self
            .params
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        format!("{}?{}", self.endpoint, q.join("&"))
    }
    /// The request together with the registered box.
    fn reg(&self, registered: &str) -> CaseInput {
        CaseInput {
            authorize: self.url(),
            registered: registered.to_string(),
            ..CaseInput::default()
        }
    }
    /// A browser single-page app (MSAL.js) sending this request.
    fn spa(self) -> Self {
        self.raw("x-client-SKU", "msal.js.browser")
            .raw("x-client-VER", "3.27.0")
    }
    /// A server-side ASP.NET Core app (Microsoft.Identity.Web) sending it.
    fn server(self) -> Self {
        self.raw("x-client-SKU", "ID_NET8_0")
            .raw("x-client-ver", "7.5.0.0")
    }
}

/// Adds the other inputs to a case.
trait With {
    fn callback(self, landing: &str) -> Self;
    fn audience(self, audience: &str) -> Self;
}

impl With for CaseInput {
    fn callback(mut self, landing: &str) -> Self {
        self.callback = landing.to_string();
        self
    }
    fn audience(mut self, audience: &str) -> Self {
        self.audience = audience.to_string();
        self
    }
}

/// A Graph `application` object with web redirect URIs and implicit-grant settings.
fn graph_app(audience: &str, web: &[&str], id_tokens: bool) -> String {
    format!(
        r#"{{"appId": "{CLIENT_ID}", "signInAudience": "{audience}",
            "web": {{"redirectUris": {:?},
                     "implicitGrantSettings": {{"enableIdTokenIssuance": {id_tokens}, "enableAccessTokenIssuance": false}}}},
            "spa": {{"redirectUris": []}}, "publicClient": {{"redirectUris": []}}}}"#,
        web
    )
}

/// An https URI of exactly `len` characters.
fn uri_of_len(len: usize) -> String {
    let head = "https://app.contoso.com/auth/";
    let mut u = format!("{head}{}", "c".repeat(len.saturating_sub(head.len())));
    u.truncate(len);
    u
}

/// `n` distinct registered URIs, one per line.
fn many_uris(n: usize) -> String {
    (0..n)
        .map(|i| format!("https://app.contoso.com/tenant-{i}/signin-oidc"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Entra's redirect with an error, as the browser landed on it.
fn error_landing(error: &str, aadsts: u32, text: &str) -> String {
    format!(
        "{CB}?error={error}&error_description={}&state=s7Fq2mX9",
        enc(&format!(
            "AADSTS{aadsts}: {text}\r\nTrace ID: 1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f\r\nCorrelation ID: 5b7c9e1a-2d4f-4b8a-9c3e-1f2a3b4c5d6e\r\nTimestamp: 2026-11-20 10:14:03Z"
        ))
    )
}

/// The case for a failure message, each field cut short.
fn show(c: &CaseInput) -> String {
    let cut = |s: &str| match s.char_indices().nth(300) {
        Some((i, _)) => format!("{}… ({} bytes)", &s[..i], s.len()),
        None => s.to_string(),
    };
    format!(
        "authorize: {}\nregistered: {}\ncallback: {}\naudience: {}\nevidence: {}",
        cut(&c.authorize),
        cut(&c.registered),
        cut(&c.callback),
        cut(&c.audience),
        cut(&c.evidence)
    )
}

/// The first finding with `code`; the test fails naming the codes found when there is none.
fn finding<'a>(a: &'a Analysis, code: &str) -> &'a redirect_doctor::core::Finding {
    let found = a.report.findings.iter().find(|f| f.code == code);
    found.unwrap_or_else(|| panic!("no {code}: {:?}", codes(a)))
}

fn codes(a: &Analysis) -> Vec<&str> {
    a.report.findings.iter().map(|f| f.code.as_str()).collect()
}

/// The firing case must carry `code` (with words, and a fix when it is an
/// error) and lack `fires_without`; the near miss must lack `code` and carry
/// `near_with` (what the rule hands over to instead).
fn check(
    code: &str,
    fires: CaseInput,
    near: CaseInput,
    fires_without: &[&str],
    near_with: &[&str],
) {
    let a = analyze(&fires);
    let got = codes(&a);
    let hits: Vec<_> = a
        .report
        .findings
        .iter()
        .filter(|f| f.code == code)
        .collect();
    assert!(
        !hits.is_empty(),
        "{code} should fire; got {got:?}\ninput: {}",
        show(&fires)
    );
    for f in hits {
        assert!(!f.title.trim().is_empty(), "{code}: empty title");
        assert!(!f.detail.trim().is_empty(), "{code}: empty detail");
        if f.severity == Severity::Error {
            assert!(!f.fix.trim().is_empty(), "{code}: an error without a fix");
        }
    }
    for c in fires_without {
        assert!(
            !got.contains(c),
            "{c} should not fire alongside {code}; got {got:?}"
        );
    }
    let b = analyze(&near);
    let got = codes(&b);
    assert!(
        !got.contains(&code),
        "{code} should not fire on the near miss; got {got:?}\ninput: {}",
        show(&near)
    );
    for c in near_with {
        assert!(
            got.contains(c),
            "the near miss of {code} should give {c}; got {got:?}"
        );
    }
}

macro_rules! findings {
    ($(
        $(#[$meta:meta])*
        $name:ident: $code:literal,
            fires: $fires:expr,
            near: $near:expr
            $(, fires_without: [$($fw:literal),* $(,)?])?
            $(, near_with: [$($nw:literal),* $(,)?])?
        ;
    )*) => {
        $(
            $(#[$meta])*
            #[test]
            fn $name() {
                check($code, $fires, $near, &[$($($fw),*)?], &[$($($nw),*)?]);
            }
        )*
        /// Every code the table tests.
        const COVERED: &[&str] = &[$($code),*];
    };
}

findings! {
    // Input.
    input_too_large: "input.too_large",
        fires: auth(CB).set("login_hint", &"a".repeat(1 << 20)).reg(CB),
        near: {
            let mut c = auth(CB).reg(CB);
            let pad = (1 << 20) - c.authorize.len() - "&login_hint=".len();
            c.authorize = format!("{}&login_hint={}", c.authorize, "a".repeat(pad));
            assert_eq!(c.authorize.len(), 1 << 20, "exactly at the limit");
            c
        },
        near_with: ["redirect.exact_match"];
    input_authorize_unreadable: "input.authorize_unreadable",
        fires: CaseInput { authorize: "hello, my sign-in is broken since this morning".into(), registered: CB.into(), ..CaseInput::default() },
        near: CaseInput { authorize: format!("hello, my sign-in is broken since this morning: {}", auth(CB).url()), registered: CB.into(), ..CaseInput::default() },
        near_with: ["redirect.exact_match"];
    input_several_requests: "input.several_requests",
        fires: CaseInput { authorize: format!("{}\n\n{}", auth("https://app.contoso.com/signin-oidc/").url(), auth(CB).url()), registered: CB.into(), ..CaseInput::default() },
        near: CaseInput { authorize: format!("{}\nCopied", auth(CB).url()), registered: CB.into(), ..CaseInput::default() },
        fires_without: ["request.duplicate_parameter", "redirect.trailing_slash_mismatch"],
        near_with: ["redirect.exact_match"];
    input_authorize_decoded: "input.authorize_decoded",
        fires: CaseInput { authorize: format!("warn: Redirecting to {}", enc(&auth(CB).url())), registered: CB.into(), ..CaseInput::default() },
        near: CaseInput { authorize: format!("warn: Redirecting to {}", auth(CB).url()), registered: CB.into(), ..CaseInput::default() },
        fires_without: ["input.authorize_unreadable", "request.redirect_uri_double_encoded"],
        near_with: ["redirect.exact_match"];
    input_registered_unreadable: "input.registered_unreadable",
        fires: auth(CB).reg(&format!(r#"{{"web": {{"redirectUris": ["{CB}" "{CB}"]}}}}"#)),
        near: auth(CB).reg(&format!(r#"{{"web": {{"redirectUris": ["{CB}"]}}}}"#)),
        near_with: ["redirect.exact_match"];
    input_registered_plan: "input.registered_plan",
        fires: auth(CB).reg(&format!("  # azuread_application.portal will be updated in-place\n  ~ resource \"azuread_application\" \"portal\" {{\n      ~ web {{\n          ~ redirect_uris = [\n                \"{CB}\",\n              + \"https://staging.contoso.com/cb\",\n            ]\n        }}\n    }}\n\nPlan: 0 to add, 1 to change, 0 to destroy.\n")),
        near: auth(CB).reg(&format!("{CB}\nhttps://staging.contoso.com/cb")),
        near_with: ["redirect.exact_match"];
    input_callback_unreadable: "input.callback_unreadable",
        fires: auth(CB).reg(CB).callback("Something went wrong. Please try again later."),
        near: auth(CB).reg(CB).callback("Something went wrong. Correlation failed."),
        near_with: ["response.library_error"];
    input_evidence_unreadable: "input.evidence_unreadable",
        fires: CaseInput { evidence: r#"{"log": {"version": "1.2", "entries": [ {"request": "#.into(), ..auth(CB).reg(CB) },
        near: CaseInput { evidence: r#"{"log": {"version": "1.2", "creator": {"name": "browser", "version": "1"}, "entries": []}}"#.into(), ..auth(CB).reg(CB) };

    // The client and tenant.
    request_not_entra_authorize: "request.not_entra_authorize",
        fires: auth(CB).at("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token").reg(CB),
        near: auth(CB).at("https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/authorize").reg(CB);
    request_tenant_invalid: "request.tenant_invalid",
        fires: auth(CB).at("https://login.microsoftonline.com/Enter_the_Tenant_Info_Here/oauth2/v2.0/authorize").reg(CB),
        near: auth(CB).at("https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/oauth2/v2.0/authorize").reg(CB);
    request_tenant_invalid_single_tenant_on_common: "request.tenant_invalid",
        fires: auth(CB).at("https://login.microsoftonline.com/common/oauth2/v2.0/authorize").reg(&graph_app("AzureADMyOrg", &[CB], false)),
        near: auth(CB).at("https://login.microsoftonline.com/common/oauth2/v2.0/authorize").reg(&graph_app("AzureADMultipleOrgs", &[CB], false));
    request_placeholder_value: "request.placeholder_value",
        fires: auth(CB).set("client_id", "Enter_the_Application_Id_Here").reg(CB),
        near: auth(CB).reg(CB);
    request_client_id_missing: "request.client_id_missing",
        fires: auth(CB).without("client_id").reg(CB),
        near: auth(CB).reg(CB);
    request_client_id_invalid: "request.client_id_invalid",
        // Copied one character short.
        fires: auth(CB).set("client_id", &CLIENT_ID[..35]).reg(CB),
        near: auth(CB).reg(CB);
    request_duplicate_parameter: "request.duplicate_parameter",
        fires: auth(CB).add("response_type", "code").reg(CB),
        // code_challenge and code_challenge_method share a prefix, not a name.
        near: auth(CB).reg(CB);
    /// SAML: an AuthnRequest ID that begins with a digit (AADSTS7500529).
    request_saml_request_invalid: "request.saml_request_invalid",
        fires: CaseInput { authorize: r#"<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="7c1f5e2a" Version="2.0" AssertionConsumerServiceURL="https://sp.contoso.com/acs"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://sp.contoso.com</saml:Issuer></samlp:AuthnRequest>"#.into(), registered: "https://sp.contoso.com/acs".into(), ..CaseInput::default() },
        near: CaseInput { authorize: r#"<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_7c1f5e2a" Version="2.0" AssertionConsumerServiceURL="https://sp.contoso.com/acs"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://sp.contoso.com</saml:Issuer></samlp:AuthnRequest>"#.into(), registered: "https://sp.contoso.com/acs".into(), ..CaseInput::default() };
    /// The sign-out request's post_logout_redirect_uri, compared as a redirect URI is.
    request_post_logout_redirect_uri_not_registered: "request.post_logout_redirect_uri_not_registered",
        fires: CaseInput { authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/logout?post_logout_redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fsignout-callback-oidc".into(), registered: "https://app.contoso.com/signin-oidc".into(), ..CaseInput::default() },
        // The localhost port rule holds for it too.
        near: CaseInput { authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/logout?post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A5001%2Fsignout-callback-oidc".into(), registered: "http://localhost:5000/signout-callback-oidc".into(), ..CaseInput::default() };
    request_v1_endpoint: "request.v1_endpoint",
        fires: auth(CB).at(V1).without("scope").set("resource", "https://graph.microsoft.com").reg(CB),
        near: auth(CB).reg(CB);

    // The form of redirect_uri.
    request_redirect_uri_unencoded: "request.redirect_uri_unencoded",
        fires: auth("x").raw("redirect_uri", "https://app.contoso.com/#/auth").reg("https://app.contoso.com/"),
        near: auth("https://app.contoso.com/#/auth").reg("https://app.contoso.com/"),
        near_with: ["redirect.fragment_present"];
    request_redirect_uri_double_encoded: "request.redirect_uri_double_encoded",
        fires: auth("x").raw("redirect_uri", &enc(&enc(CB))).reg(CB),
        near: auth(CB).reg(CB),
        fires_without: ["redirect.exact_match"];
    request_redirect_uri_invalid: "request.redirect_uri_invalid",
        fires: auth("/signin-oidc").reg(CB),
        near: auth(CB).reg(CB);
    /// A newline at the end of a configured value: named, not just "invalid".
    request_redirect_uri_invalid_hidden_newline: "request.redirect_uri_invalid",
        fires: auth(CB).raw("redirect_uri", &format!("{}%0D%0A", enc(CB))).reg(CB),
        near: auth(CB).reg(CB),
        near_with: ["redirect.exact_match"];
    request_redirect_uri_missing: "request.redirect_uri_missing",
        fires: auth(CB).without("redirect_uri").reg(CB),
        near: auth(CB).reg(CB);
    redirect_fragment_present: "redirect.fragment_present",
        fires: auth("https://app.contoso.com/#/callback").reg("https://app.contoso.com/callback"),
        near: auth("https://app.contoso.com/callback").reg("https://app.contoso.com/callback");
    redirect_loopback_ipv6_unsupported: "redirect.loopback_ipv6_unsupported",
        fires: auth("http://[::1]:5000/callback").reg("http://127.0.0.1:5000/callback"),
        near: auth("http://127.0.0.1:5000/callback").reg("http://127.0.0.1:5000/callback");

    // The match against the registration.
    redirect_no_registrations: "redirect.no_registrations",
        fires: auth(CB).reg(r#"{"web": {"redirectUris": []}, "spa": {"redirectUris": []}, "publicClient": {"redirectUris": []}}"#),
        near: auth(CB).reg(&format!(r#"{{"web": {{"redirectUris": ["{CB}"]}}, "spa": {{"redirectUris": []}}, "publicClient": {{"redirectUris": []}}}}"#));
    redirect_no_registrations_not_from_unreadable_json: "redirect.no_registrations",
        fires: auth(CB).reg(r#"{"web": {"redirectUris": []}}"#),
        near: auth(CB).reg(&format!(r#"{{"web": {{"redirectUris": ["{CB}" "{CB}"]}}}}"#)),
        near_with: ["input.registered_unreadable"];
    redirect_no_registrations_from_error_text_alone: "redirect.no_registrations",
        fires: CaseInput { authorize: "AADSTS500113: No reply address is registered for the application.\nTrace ID: 0f8e2a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b".into(), ..CaseInput::default() },
        near: CaseInput { authorize: "AADSTS700016: Application with identifier 'x' was not found in the directory 'contoso'.".into(), ..CaseInput::default() };
    redirect_invisible_characters: "redirect.invisible_characters",
        fires: auth(CB).reg("https://app.contoso.com/signin\u{200B}-oidc"),
        near: auth(CB).reg("https://app.contoso.com/signin_-oidc"),
        near_with: ["redirect.path_mismatch"];
    redirect_confusable_characters: "redirect.confusable_characters",
        // Cyrillic о (U+043E) in the registered host.
        fires: auth(CB).reg("https://app.cont\u{043E}so.com/signin-oidc"),
        near: auth(CB).reg("https://app.contaso.com/signin-oidc"),
        near_with: ["redirect.host_mismatch"];
    redirect_localhost_vs_loopback_ip: "redirect.localhost_vs_loopback_ip",
        fires: auth("http://127.0.0.1:3000/auth").reg("http://localhost:3000/auth"),
        near: auth("http://localhost:3000/auth").reg("http://localhost:3000/auth");
    redirect_scheme_mismatch: "redirect.scheme_mismatch",
        fires: auth("http://app.contoso.com/signin-oidc").reg(CB),
        near: auth(CB).reg(CB);
    redirect_host_case_mismatch: "redirect.host_case_mismatch",
        fires: auth("https://App.Contoso.com/signin-oidc").reg(CB),
        near: auth("https://Apps.Contoso.com/signin-oidc").reg(CB),
        near_with: ["redirect.host_mismatch"];
    redirect_host_mismatch: "redirect.host_mismatch",
        fires: auth("https://staging.contoso.com/signin-oidc").reg(CB),
        near: auth("https://APP.contoso.com/signin-oidc").reg(CB),
        near_with: ["redirect.host_case_mismatch"];
    redirect_host_mismatch_userinfo: "redirect.host_mismatch",
        fires: auth("https://orders@app.contoso.com/signin-oidc").reg(CB),
        near: auth(CB).reg(CB),
        near_with: ["redirect.exact_match"];
    redirect_default_port_explicit: "redirect.default_port_explicit",
        fires: auth("https://app.contoso.com:443/signin-oidc").reg(CB),
        near: auth("https://app.contoso.com:8443/signin-oidc").reg(CB),
        near_with: ["redirect.port_mismatch"];
    redirect_port_mismatch: "redirect.port_mismatch",
        fires: auth("http://127.0.0.1:5001/callback").reg("http://127.0.0.1:5000/callback"),
        near: auth("http://localhost:5001/callback").reg("http://localhost:5000/callback"),
        near_with: ["redirect.loopback_port_ignored"];
    redirect_percent_encoding_mismatch: "redirect.percent_encoding_mismatch",
        fires: auth("https://app.contoso.com/%7Ejane/callback").reg("https://app.contoso.com/~jane/callback"),
        near: auth("https://app.contoso.com/%7Ejohn/callback").reg("https://app.contoso.com/~jane/callback"),
        near_with: ["redirect.path_mismatch"];
    redirect_trailing_slash_mismatch: "redirect.trailing_slash_mismatch",
        fires: auth("https://app.contoso.com/auth/callback/").reg("https://app.contoso.com/auth/callback"),
        near: auth("https://app.contoso.com/auth/callback").reg("https://app.contoso.com/auth/callback"),
        fires_without: ["redirect.path_mismatch"];
    redirect_path_case_mismatch: "redirect.path_case_mismatch",
        fires: auth("https://app.contoso.com/Auth/Callback").reg("https://app.contoso.com/auth/callback"),
        near: auth("https://app.contoso.com/Auth/Callbacks").reg("https://app.contoso.com/auth/callback"),
        near_with: ["redirect.path_mismatch"];
    redirect_path_mismatch: "redirect.path_mismatch",
        fires: auth("https://app.contoso.com/auth/complete").reg("https://app.contoso.com/auth/callback"),
        near: auth("https://app.contoso.com/auth/callback/").reg("https://app.contoso.com/auth/callback"),
        near_with: ["redirect.trailing_slash_mismatch"];
    redirect_query_mismatch: "redirect.query_mismatch",
        fires: auth("https://app.contoso.com/signin-oidc?returnUrl=/orders").reg(CB),
        near: auth(CB).reg(CB);
    redirect_not_registered: "redirect.not_registered",
        fires: auth("https://orders.fabrikam.com/auth/complete").reg(CB),
        near: auth("https://app.contoso.com/auth/complete").reg(CB),
        near_with: ["redirect.path_mismatch"];
    /// Wildcards are unsupported where personal accounts can sign in (reply-url).
    redirect_not_registered_wildcard_for_personal_accounts: "redirect.not_registered",
        fires: auth("https://team1.contoso.com/signin-oidc").reg("https://*.contoso.com/signin-oidc").audience("AzureADandPersonalMicrosoftAccount"),
        near: auth("https://team1.contoso.com/signin-oidc").reg("https://*.contoso.com/signin-oidc").audience("AzureADMyOrg"),
        fires_without: ["redirect.wildcard_match"],
        near_with: ["redirect.wildcard_match"];
    /// A code arrived at the sent URI: Entra matched it, whatever the pasted list says.
    redirect_registration_stale: "redirect.registration_stale",
        fires: auth("https://app.contoso.com/auth/complete").reg(CB).callback("https://app.contoso.com/auth/complete?code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9"),
        near: auth("https://app.contoso.com/auth/complete").reg(CB).callback("https://app.contoso.com/auth/complete?code=0.AXoAMQ-s7Fq2mX9&state=Qw3rTy81"),
        near_with: ["redirect.path_mismatch", "response.state_mismatch"];
    redirect_not_registered_from_error_text: "redirect.not_registered",
        fires: CaseInput { authorize: format!("AADSTS50011: The redirect URI '{CB}' specified in the request does not match the redirect URIs configured for the application '{CLIENT_ID}'."), ..CaseInput::default() },
        near: CaseInput { authorize: format!("AADSTS50011: The redirect URI '{CB}' specified in the request does not match the redirect URIs configured for the application '{CLIENT_ID}'."), registered: CB.into(), ..CaseInput::default() },
        near_with: ["redirect.exact_match"];
    redirect_http_not_localhost: "redirect.http_not_localhost",
        fires: auth("http://app.contoso.com/signin-oidc").reg(CB),
        near: auth("http://localhost:5000/signin-oidc").reg("http://localhost:5000/signin-oidc");
    redirect_unsupported_characters: "redirect.unsupported_characters",
        fires: auth("https://app.contoso.com/auth/callback;jsessionid=8F2A1C").reg("https://app.contoso.com/auth/callback"),
        near: auth("https://app.contoso.com/auth/callback?jsessionid=8F2A1C").reg("https://app.contoso.com/auth/callback"),
        near_with: ["redirect.query_mismatch"];
    redirect_too_long: "redirect.too_long",
        fires: auth(&uri_of_len(257)).reg(&uri_of_len(257)),
        near: auth(&uri_of_len(256)).reg(&uri_of_len(256)),
        near_with: ["redirect.exact_match"];
    redirect_query_not_allowed_for_audience: "redirect.query_not_allowed_for_audience",
        fires: auth(CB).reg(&graph_app("AzureADandPersonalMicrosoftAccount", &[CB, "https://app.contoso.com/signin-oidc?tenant=fabrikam"], false)),
        near: auth(CB).reg(&graph_app("AzureADMultipleOrgs", &[CB, "https://app.contoso.com/signin-oidc?tenant=fabrikam"], false));
    redirect_registered_invalid: "redirect.registered_invalid",
        fires: auth(CB).reg(&format!("{CB}\nhttp://app.contoso.com/signin-oidc")),
        near: auth(CB).reg(&format!("{CB}\nhttp://localhost:5000/signin-oidc"));
    redirect_too_many_registrations: "redirect.too_many_registrations",
        fires: auth("https://app.contoso.com/tenant-7/signin-oidc").reg(&many_uris(101)).audience("AzureADandPersonalMicrosoftAccount"),
        near: auth("https://app.contoso.com/tenant-7/signin-oidc").reg(&many_uris(100)).audience("AzureADandPersonalMicrosoftAccount"),
        near_with: ["redirect.exact_match"];
    redirect_duplicate_registration: "redirect.duplicate_registration",
        fires: auth("https://app.contoso.com/callback").reg("Web\nhttps://app.contoso.com/callback\nSingle-page application\nhttps://app.contoso.com/callback"),
        near: auth("https://app.contoso.com/callback").reg("Web\nhttps://app.contoso.com/callback\nSingle-page application\nhttps://app.contoso.com/callback/");
    redirect_root_trailing_slash: "redirect.root_trailing_slash",
        fires: auth("https://app.contoso.com").reg("https://app.contoso.com"),
        near: auth("https://app.contoso.com/").reg("https://app.contoso.com/"),
        near_with: ["redirect.exact_match"];
    redirect_wildcard_match: "redirect.wildcard_match",
        fires: auth("https://team1.contoso.com/signin-oidc").reg("https://*.contoso.com/signin-oidc").audience("AzureADMyOrg"),
        near: auth("https://contoso.com/signin-oidc").reg("https://*.contoso.com/signin-oidc").audience("AzureADMyOrg");
    redirect_loopback_port_ignored: "redirect.loopback_port_ignored",
        fires: auth("http://localhost:5173/auth").reg("http://localhost:3000/auth"),
        near: auth("http://127.0.0.1:5173/auth").reg("http://127.0.0.1:3000/auth"),
        near_with: ["redirect.port_mismatch"];
    redirect_exact_match: "redirect.exact_match",
        fires: auth(CB).reg(CB),
        near: auth(CB).reg("https://app.contoso.com/signin-oidc/"),
        near_with: ["redirect.trailing_slash_mismatch"];

    // The platform and flow rules.
    redirect_platform_mismatch: "redirect.platform_mismatch",
        fires: auth("https://app.contoso.com/").spa().reg("Web\nhttps://app.contoso.com/"),
        near: auth("https://app.contoso.com/").spa().reg("Single-page application\nhttps://app.contoso.com/");
    redirect_ambiguous_localhost: "redirect.ambiguous_localhost",
        fires: auth("http://localhost:5173/auth").spa().reg("web: http://localhost:3000/auth\nspa: http://localhost:5173/auth"),
        near: auth("http://localhost:5173/spa-callback").spa().reg("web: http://localhost:3000/web-callback\nspa: http://localhost:5173/spa-callback");
    request_resource_on_v2: "request.resource_on_v2",
        fires: auth(CB).set("resource", "https://graph.microsoft.com").reg(CB),
        near: auth(CB).at(V1).set("resource", "https://graph.microsoft.com").reg(CB),
        near_with: ["request.v1_endpoint"];
    request_response_type_missing: "request.response_type_missing",
        fires: auth(CB).without("response_type").reg(CB),
        near: auth(CB).reg(CB);
    request_response_type_invalid: "request.response_type_invalid",
        fires: auth(CB).set("response_type", "authorization_code").reg(CB),
        near: auth(CB).reg(CB);
    request_response_type_no_code: "request.response_type_no_code",
        fires: auth(CB).set("response_type", "id_token").set("response_mode", "form_post").set("nonce", "n-0S6_WzA2Mj").reg(&graph_app("AzureADMyOrg", &[CB], true)),
        near: auth(CB).set("response_type", "code id_token").set("response_mode", "form_post").set("nonce", "n-0S6_WzA2Mj").reg(&graph_app("AzureADMyOrg", &[CB], true));
    request_implicit_grant_required: "request.implicit_grant_required",
        fires: auth(CB).set("response_type", "code id_token").set("response_mode", "form_post").set("nonce", "n-0S6_WzA2Mj").reg(&graph_app("AzureADMyOrg", &[CB], false)),
        near: auth(CB).set("response_type", "code id_token").set("response_mode", "form_post").set("nonce", "n-0S6_WzA2Mj").reg(&graph_app("AzureADMyOrg", &[CB], true));
    request_response_mode_invalid: "request.response_mode_invalid",
        fires: auth(CB).set("response_mode", "form-post").reg(CB),
        near: auth(CB).set("response_mode", "form_post").reg(CB);
    request_response_mode_query_with_tokens: "request.response_mode_query_with_tokens",
        fires: auth(CB).set("response_type", "code id_token").set("response_mode", "query").set("nonce", "n-0S6_WzA2Mj").reg(&graph_app("AzureADMyOrg", &[CB], true)),
        near: auth(CB).set("response_type", "code id_token").set("response_mode", "form_post").set("nonce", "n-0S6_WzA2Mj").reg(&graph_app("AzureADMyOrg", &[CB], true));
    request_response_mode_fragment_server: "request.response_mode_fragment_server",
        fires: auth(CB).server().set("response_mode", "fragment").reg("Web\nhttps://app.contoso.com/signin-oidc"),
        near: auth(CB).server().set("response_mode", "form_post").reg("Web\nhttps://app.contoso.com/signin-oidc");
    /// The implicit flow (tokens only) on a Web registration runs in the browser.
    request_response_mode_fragment_server_not_for_implicit: "request.response_mode_fragment_server",
        fires: auth(CB).without("code_challenge").without("code_challenge_method").set("response_type", "code id_token").set("nonce", "n0nc3").without("response_mode").reg(&graph_app("AzureADMyOrg", &[CB], true)),
        // A callback path of no known server stack (/signin-oidc is ASP.NET Core's).
        near: auth("https://app.contoso.com/auth").without("code_challenge").without("code_challenge_method").set("response_type", "id_token").set("nonce", "n0nc3").without("response_mode").reg(&graph_app("AzureADMyOrg", &["https://app.contoso.com/auth"], true)),
        near_with: ["request.response_type_no_code"];
    request_response_mode_form_post_spa: "request.response_mode_form_post_spa",
        fires: auth("https://app.contoso.com/").spa().set("response_mode", "form_post").reg("Single-page application\nhttps://app.contoso.com/"),
        near: auth("https://app.contoso.com/").spa().set("response_mode", "fragment").reg("Single-page application\nhttps://app.contoso.com/");
    request_pkce_missing: "request.pkce_missing",
        fires: auth("https://app.contoso.com/").spa().without("code_challenge").without("code_challenge_method").reg("Single-page application\nhttps://app.contoso.com/"),
        near: auth("https://app.contoso.com/").spa().reg("Single-page application\nhttps://app.contoso.com/");
    request_code_challenge_method_invalid: "request.code_challenge_method_invalid",
        fires: auth(CB).set("code_challenge_method", "SHA256").reg(CB),
        near: auth(CB).reg(CB);
    request_code_challenge_invalid: "request.code_challenge_invalid",
        // Standard base64 with its '=' padding instead of base64url without it.
        fires: auth(CB).set("code_challenge", &format!("{CHALLENGE}=")).reg(CB),
        near: auth(CB).reg(CB);
    request_pkce_plain: "request.pkce_plain",
        fires: auth(CB).set("code_challenge_method", "plain").reg(CB),
        near: auth(CB).reg(CB);
    request_scope_missing: "request.scope_missing",
        fires: auth(CB).without("scope").reg(CB),
        near: auth(CB).set("scope", "openid").reg(CB);
    request_openid_missing: "request.openid_missing",
        fires: auth(CB).set("scope", "User.Read offline_access").set("nonce", "n-0S6_WzA2Mj").reg(CB),
        near: auth(CB).set("scope", "openid User.Read offline_access").set("nonce", "n-0S6_WzA2Mj").reg(CB);
    request_nonce_missing: "request.nonce_missing",
        fires: auth(CB).set("response_type", "code id_token").set("response_mode", "form_post").reg(&graph_app("AzureADMyOrg", &[CB], true)),
        near: auth(CB).set("response_type", "code id_token").set("response_mode", "form_post").set("nonce", "n-0S6_WzA2Mj").reg(&graph_app("AzureADMyOrg", &[CB], true));
    request_too_long: "request.too_long",
        fires: auth(CB).set("state", &"s".repeat(17 * 1024)).reg(CB),
        near: auth(CB).set("state", &"s".repeat(8 * 1024)).reg(CB);
    request_prompt_invalid: "request.prompt_invalid",
        fires: auth(CB).set("prompt", "select-account").reg(CB),
        near: auth(CB).set("prompt", "select_account").reg(CB);
    request_state_missing: "request.state_missing",
        fires: auth(CB).without("state").reg(CB),
        near: auth(CB).reg(CB);

    // What came back.
    response_conditional_access: "response.conditional_access",
        fires: auth(CB).reg(CB).callback(&error_landing("access_denied", 53003, "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.")),
        near: auth(CB).reg(CB).callback(&error_landing("interaction_required", 50076, "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.")),
        near_with: ["response.mfa_required"];
    response_mfa_required: "response.mfa_required",
        fires: auth(CB).reg(CB).callback(&error_landing("interaction_required", 50076, "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.")),
        near: auth(CB).reg(CB).callback(&error_landing("access_denied", 53003, "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.")),
        near_with: ["response.conditional_access"];
    response_consent_required: "response.consent_required",
        fires: auth(CB).reg(CB).callback(&error_landing("consent_required", 65001, "The user or administrator has not consented to use the application with ID '6731de76-14a6-49ae-97bc-6eba6914391e' named 'Contoso Orders'.")),
        near: auth(CB).reg(CB).callback(&error_landing("access_denied", 65004, "User declined to consent to access the app.")),
        near_with: ["response.user_cancelled"];
    response_user_cancelled: "response.user_cancelled",
        fires: auth(CB).reg(CB).callback(&error_landing("access_denied", 65004, "User declined to consent to access the app.")),
        near: auth(CB).reg(CB).callback(&error_landing("consent_required", 65001, "The user or administrator has not consented to use the application with ID '6731de76-14a6-49ae-97bc-6eba6914391e' named 'Contoso Orders'.")),
        near_with: ["response.consent_required"];
    response_error: "response.error",
        fires: auth(CB).reg(CB).callback(&error_landing("invalid_request", 90014, "The required field 'nonce' is missing.")),
        near: auth(CB).reg(CB).callback(&format!("{CB}?code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9&session_state=3b4c5d6e-7f80-4a1b-9c2d-3e4f5a6b7c8d")),
        near_with: ["response.code_received"];
    response_state_mismatch: "response.state_mismatch",
        fires: auth(CB).reg(CB).callback(&format!("{CB}?code=0.AXoAMQ-s7Fq2mX9&state=Qw3rTy81")),
        near: auth(CB).reg(CB).callback(&format!("{CB}?code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9"));
    /// Entra returns the state with every answer (RFC 6749 §4.1.2); a landing URL without it
    /// was rebuilt on the way or answers another request.
    response_state_mismatch_state_dropped: "response.state_mismatch",
        fires: auth(CB).reg(CB).callback(&format!("{CB}?code=0.AXoAMQ-s7Fq2mX9")),
        near: auth(CB).without("state").reg(CB).callback(&format!("{CB}?code=0.AXoAMQ-s7Fq2mX9")),
        near_with: ["response.code_received"];
    response_code_in_fragment: "response.code_in_fragment",
        fires: auth(CB).server().reg(CB).callback(&format!("{CB}#code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9")),
        near: auth(CB).server().reg(CB).callback(&format!("{CB}?code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9")),
        near_with: ["response.code_received"];
    /// A Web registration and no PKCE: a confidential (server) client, whatever its library.
    response_code_in_fragment_web_platform: "response.code_in_fragment",
        fires: auth(CB).without("code_challenge").without("code_challenge_method").reg(&format!("Web\n{CB}")).callback(&format!("{CB}#code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9")),
        near: auth("https://app.contoso.com/").spa().reg("Single-page application\nhttps://app.contoso.com/").callback("https://app.contoso.com/#code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9"),
        near_with: ["response.code_received"];
    response_landing_differs: "response.landing_differs",
        // The app redirected the callback to its home page before reading it.
        fires: auth(CB).reg(CB).callback("https://app.contoso.com/?code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9"),
        // A root URI is answered at its root with a slash (reply-url).
        near: auth("https://app.contoso.com").reg("https://app.contoso.com").callback("https://app.contoso.com/?code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9");
    response_landing_differs_after_trailing_slash_redirect: "response.landing_differs",
        fires: auth(CB).reg(CB).callback(&format!("{CB}/?code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9")),
        near: auth(CB).reg(CB).callback(&format!("{CB}?code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9"));
    response_no_code_no_error: "response.no_code_no_error",
        fires: auth(CB).reg(CB).callback(&format!("{CB}?state=s7Fq2mX9&session_state=3b4c5d6e-7f80-4a1b-9c2d-3e4f5a6b7c8d")),
        near: auth(CB).reg(CB).callback(&format!("{CB}?code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9&session_state=3b4c5d6e-7f80-4a1b-9c2d-3e4f5a6b7c8d"));
    response_library_error: "response.library_error",
        fires: auth("https://app.contoso.com/").spa().reg("Single-page application\nhttps://app.contoso.com/").callback("BrowserAuthError: hash_empty_error: Hash value cannot be processed because it is empty. Please verify that your redirectUri is not clearing the hash."),
        near: auth("https://app.contoso.com/").spa().reg("Single-page application\nhttps://app.contoso.com/").callback("InteractionRequiredAuthError: interaction_required: AADSTS50058: A silent sign-in request was sent but no user is signed in."),
        near_with: ["response.error"];
    response_code_received: "response.code_received",
        fires: auth(CB).reg(CB).callback(&format!("{CB}?code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9&session_state=3b4c5d6e-7f80-4a1b-9c2d-3e4f5a6b7c8d")),
        near: auth(CB).reg(CB).callback(&format!("{CB}?state=s7Fq2mX9&session_state=3b4c5d6e-7f80-4a1b-9c2d-3e4f5a6b7c8d")),
        near_with: ["response.no_code_no_error"];
}

/// The base request is quiet: registered exactly, nothing else to say.
#[test]
fn the_base_request_is_quiet() {
    let a = analyze(&auth(CB).reg(CB));
    assert_eq!(codes(&a), ["redirect.exact_match"]);
    let a = analyze(
        &auth(CB)
            .spa()
            .reg(&format!("Single-page application\n{CB}")),
    );
    assert_eq!(codes(&a), ["redirect.exact_match"]);
    let a = analyze(
        &auth(CB)
            .server()
            .set("response_mode", "form_post")
            .reg(&format!("Web\n{CB}")),
    );
    assert_eq!(codes(&a), ["redirect.exact_match"]);
}

/// A new code without a test here fails this (the evidence codes have their own file).
#[test]
fn every_code_has_a_row() {
    let missing: Vec<&str> = CODES
        .iter()
        .map(|d| d.code)
        .filter(|c| !c.starts_with("har.") && !c.starts_with("signin."))
        .filter(|c| !COVERED.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a fires/near-miss test: {missing:?}"
    );
    let unknown: Vec<&str> = COVERED
        .iter()
        .copied()
        .filter(|c| !CODES.iter().any(|d| d.code == *c))
        .collect();
    assert!(
        unknown.is_empty(),
        "rows for codes that are not in CODES: {unknown:?}"
    );
}

/// A root URI with and without its slash: still a mismatch (Entra documents no
/// normalisation of the request), but the finding says what RFC 3986 would make
/// of it and offers registering both; a slash on a path gets no such words.
#[test]
fn a_root_slash_difference_says_what_is_and_is_not_documented() {
    let detail = |sent: &str, registered: &str| {
        analyze(&auth(sent).reg(registered))
            .report
            .findings
            .into_iter()
            .find(|f| f.code == "redirect.trailing_slash_mismatch")
            .map(|f| f.detail)
            .unwrap_or_else(|| panic!("{sent} against {registered}: no trailing-slash mismatch"))
    };
    let root = detail("https://app.contoso.com", "https://app.contoso.com/");
    assert!(root.contains("RFC 3986 §6.2.3"), "{root}");
    assert!(root.contains("register both"), "{root}");
    let path = detail("https://app.contoso.com/cb", "https://app.contoso.com/cb/");
    assert!(!path.contains("RFC 3986 §6.2.3"), "{path}");
}

/// The finding names the hidden characters and where they sit.
#[test]
fn a_hidden_newline_in_redirect_uri_is_named() {
    let a = analyze(
        &auth(CB)
            .raw("redirect_uri", &format!("{}%0D%0A", enc(CB)))
            .reg(CB),
    );
    let f = &a.report.findings[0];
    assert_eq!(f.code, "request.redirect_uri_invalid");
    assert!(
        f.detail.contains("U+000D CARRIAGE RETURN at the end"),
        "{}",
        f.detail
    );
    assert!(
        f.detail.contains("U+000A LINE FEED at the end"),
        "{}",
        f.detail
    );
    assert!(f.fix.ends_with(&format!("send {CB}.")), "{}", f.fix);
}

/// A NUL on both sides: the sent value is refused before any comparison, so nothing says the
/// URI is registered and the report names no match.
#[test]
fn a_control_character_on_both_sides_is_no_match() {
    let bad = "https://app.contoso.com/signin\u{0}-oidc";
    let a = analyze(&auth(bad).reg(bad));
    assert_eq!(a.report.findings[0].code, "request.redirect_uri_invalid");
    assert!(!a.report.has("redirect.exact_match"), "{:?}", codes(&a));
    assert!(a.report.redirect.matched.is_none());
    assert!(a.report.redirect.nearest.is_some());
}

/// An invisible character both sides hold: the match stands, with a warning that names it.
#[test]
fn an_invisible_character_on_both_sides_is_a_warning() {
    for c in ['\u{200B}', '\u{202E}', '\u{00AD}'] {
        let uri = format!("https://app.contoso.com/signin{c}-oidc");
        let a = analyze(&auth(&uri).reg(&uri));
        assert!(a.report.has("redirect.exact_match"));
        let f = a
            .report
            .findings
            .iter()
            .find(|f| f.code == "redirect.invisible_characters");
        let f = f.unwrap_or_else(|| panic!("{:?} not named", c));
        assert_eq!(f.severity, Severity::Warning);
        assert!(
            f.title.contains(&format!("U+{:04X}", c as u32)),
            "{}",
            f.title
        );
        assert!(f.fix.contains(CB), "{}", f.fix);
    }
    // Near miss: a plain URI on both sides.
    assert!(!analyze(&auth(CB).reg(CB))
        .report
        .has("redirect.invisible_characters"));
}

/// A browser app's silent request answered AADSTS50058: the hidden iframe's missing session
/// cookie (third-party cookies blocked) is named, with the MSAL.js fallback; a server app's
/// prompt=none is not a browser iframe.
#[test]
fn a_silent_browser_sign_in_names_blocked_third_party_cookies() {
    let landing = error_landing(
        "login_required",
        50058,
        "A silent sign-in request was sent but no user is signed in.",
    );
    let browser = CaseInput {
        callback: landing.clone(),
        ..auth(CB).spa().set("prompt", "none").reg(CB)
    };
    let f = analyze(&browser)
        .report
        .findings
        .into_iter()
        .find(|f| f.code == "response.error");
    let f = f.expect("response.error");
    assert!(f.detail.contains("third-party cookies"), "{}", f.detail);
    assert!(f.fix.contains("InteractionRequiredAuthError"), "{}", f.fix);
    let server = CaseInput {
        callback: landing,
        ..auth(CB).set("prompt", "none").reg(CB)
    };
    let f = analyze(&server)
        .report
        .findings
        .into_iter()
        .find(|f| f.code == "response.error");
    let f = f.expect("response.error");
    assert!(!f.detail.contains("third-party"), "{}", f.detail);
}

/// http://localhost on another port and with another path: the port is ignored, so the URI to
/// send keeps the app's own port (the response goes to the port sent).
#[test]
fn a_localhost_fix_keeps_the_port_the_app_listens_on() {
    for (sent, registered, expect) in [
        (
            "http://localhost:3000",
            "http://localhost:5000/",
            "http://localhost:3000/",
        ),
        (
            "http://localhost:3000/auth/callback",
            "http://localhost:5000/auth/Callback",
            "http://localhost:3000/auth/Callback",
        ),
        (
            "http://localhost/cb",
            "http://localhost:8080/cb/",
            "http://localhost/cb/",
        ),
    ] {
        let a = analyze(&auth(sent).reg(registered));
        let f = &a.report.findings[0];
        assert!(
            !f.fix.contains(":5000") && !f.fix.contains(":8080"),
            "{sent}: {}",
            f.fix
        );
        assert!(
            f.detail.contains("Entra ignores for localhost URIs"),
            "{}",
            f.detail
        );
        let to_send = f
            .snippets
            .iter()
            .find(|s| s.label.starts_with("Authorize URL"));
        assert!(
            to_send.is_some_and(|s| s.text.contains(&enc(expect))),
            "{:?}",
            f.snippets
        );
    }
    // Near miss: the same port, so the registered URI is the one to send.
    let a = analyze(&auth("http://localhost:5000").reg("http://localhost:5000/"));
    assert!(a.report.findings[0].fix.contains("http://localhost:5000/"));
    assert!(!a.report.findings[0].detail.contains("ports differ"));
}

/// What came back decides the fix: a resource missing from the tenant is not a consent prompt,
/// a silent request cannot show the MFA prompt, and text from an app has no `error=` to quote.
#[test]
fn the_fix_fits_what_came_back() {
    let landing = |error: &str, code: u32, text: &str| CaseInput {
        callback: error_landing(error, code, text),
        ..auth(CB).reg(CB)
    };
    let a = analyze(&landing(
        "invalid_resource",
        500011,
        "The resource principal named api://orders was not found in the tenant named Contoso.",
    ));
    assert!(
        !a.report.has("response.consent_required"),
        "{:?}",
        codes(&a)
    );
    let f = a
        .report
        .findings
        .iter()
        .find(|f| f.aadsts == Some(500011))
        .expect("500011");
    assert!(f.fix.contains("Expose an API"), "{}", f.fix);

    let mfa = "Due to a configuration change made by your administrator, you must use multi-factor authentication.";
    let silent = CaseInput {
        callback: error_landing("interaction_required", 50076, mfa),
        ..auth(CB).set("prompt", "none").reg(CB)
    };
    let a = analyze(&silent);
    let f = finding(&a, "response.mfa_required");
    assert!(f.fix.contains("interactive request"), "{}", f.fix);
    let a = analyze(&landing("interaction_required", 50076, mfa));
    let f = finding(&a, "response.mfa_required");
    assert!(!f.fix.contains("prompt=none"), "{}", f.fix);

    let text = CaseInput {
        callback:
            "MsalServiceException: AADSTS7000215: Invalid client secret provided. Trace ID: 0e1f"
                .into(),
        ..auth(CB).reg(CB)
    };
    let a = analyze(&text);
    assert!(
        a.report
            .findings
            .iter()
            .all(|f| !f.detail.contains("error=(none)")),
        "{:?}",
        codes(&a)
    );
}

/// A wildcard entry is a pattern: never offered as the URI to send, and the apex it does not
/// cover is said.
#[test]
fn a_wildcard_is_never_the_uri_to_send() {
    let a = analyze(&auth("https://contoso.com/signin-oidc").reg(r#"{"signInAudience": "AzureADMyOrg", "replyUrlsWithType": [{"url": "https://*.contoso.com/signin-oidc", "type": "Web"}]}"#));
    let f = &a.report.findings[0];
    assert_eq!(f.code, "redirect.host_mismatch");
    assert!(!f.fix.contains('*'), "{}", f.fix);
    assert!(
        f.snippets
            .iter()
            .all(|s| !s.text.contains("%2A") && !s.label.starts_with("Authorize URL")),
        "{:?}",
        f.snippets
    );
    assert!(
        f.detail.contains("never contoso.com itself"),
        "{}",
        f.detail
    );
}

/// An unencoded redirect_uri whose '&' split it: one finding, with the URI the app meant and a
/// corrected URL that no longer carries the split-off pair beside it.
#[test]
fn an_unencoded_ampersand_gives_one_fix_with_the_meant_uri() {
    let meant = "https://app.contoso.com/callback?client=web&tenant=emea";
    let a = analyze(&auth(CB).raw("redirect_uri", meant).reg(meant));
    assert_eq!(a.report.findings[0].code, "request.redirect_uri_unencoded");
    assert!(!a.report.has("redirect.query_mismatch"), "{:?}", codes(&a));
    let f = &a.report.findings[0];
    assert!(f.fix.contains(meant), "{}", f.fix);
    let url = &f.snippets.first().expect("snippet").text;
    assert!(
        url.contains(&format!("redirect_uri={}", enc(meant))),
        "{url}"
    );
    assert!(!url.contains("&tenant=emea"), "{url}");
}

/// A single-tenant app of unknown age through /common: a warning, until a code arrives, which
/// shows Entra accepted the request.
#[test]
fn a_code_that_arrived_disproves_the_common_endpoint_warning() {
    let common = Auth {
        endpoint: V2.replace("contoso.onmicrosoft.com", "common"),
        ..auth(CB)
    };
    let reg = graph_app("AzureADMyOrg", &[CB], false);
    let before = analyze(&common.reg(&reg));
    let f = finding(&before, "request.tenant_invalid");
    assert_eq!(f.severity, Severity::Warning);
    let after = analyze(&CaseInput {
        callback: format!("{CB}?code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9"),
        ..common.reg(&reg)
    });
    let f = finding(&after, "request.tenant_invalid");
    assert_eq!(f.severity, Severity::Info, "{}", f.detail);
}

/// A server stack behind a load balancer sends its inner port: the fix is the public address,
/// never registering the port; with http too, one finding says both.
#[test]
fn an_inner_port_behind_a_proxy_is_not_to_be_registered() {
    let reg = "https://app.contoso.com/login/oauth2/code/azure";
    let a = analyze(&auth("https://app.contoso.com:8443/login/oauth2/code/azure").reg(reg));
    let f = &a.report.findings[0];
    assert_eq!(f.code, "redirect.port_mismatch");
    assert!(f.fix.contains("forward-headers-strategy"), "{}", f.fix);
    assert!(
        !f.snippets.iter().any(|s| s.text.contains(":8443")),
        "{:?}",
        f.snippets
    );
    let a = analyze(&auth("http://app.contoso.com:8080/login/oauth2/code/azure").reg(reg));
    assert_eq!(a.report.findings[0].code, "redirect.scheme_mismatch");
    assert!(!a.report.has("redirect.port_mismatch"), "{:?}", codes(&a));
    // Near miss: a host of the app's own with another registered port stays a port mismatch
    // whose fix may register it.
    let a =
        analyze(&auth("https://app.contoso.com:8443/cb").reg("https://app.contoso.com:9443/cb"));
    assert!(
        a.report.findings[0].fix.contains("register"),
        "{}",
        a.report.findings[0].fix
    );
}

/// The personal-account form of a redirect URI mismatch names no code: it is read as
/// AADSTS50011, so the mismatch is the one cause, not a second "invalid_request" error.
#[test]
fn the_personal_account_mismatch_text_is_aadsts50011() {
    let text = "We're unable to complete your request\ninvalid_request: The provided value for the input parameter 'redirect_uri' is not valid. The expected value is a URI which matches a redirect URI registered for this client application.";
    let sent = "https://app.contoso.com/callback/";
    let a = analyze(&CaseInput {
        callback: text.into(),
        ..auth(sent).reg("https://app.contoso.com/callback")
    });
    assert_eq!(
        a.report.findings[0].code,
        "redirect.trailing_slash_mismatch"
    );
    assert!(!a.report.has("response.error"), "{:?}", codes(&a));
    let a = analyze(&CaseInput {
        authorize: text.into(),
        ..CaseInput::default()
    });
    assert!(
        a.report.findings.iter().any(|f| f.aadsts == Some(50011)),
        "{:?}",
        codes(&a)
    );
}

/// AADSTS70011 on a request that mixes /.default with other permissions: the fix names them.
#[test]
fn a_default_scope_mixed_with_others_is_named() {
    let text = "The provided value for the input parameter 'scope' is not valid. static scope limit exceeded.";
    let mixed = CaseInput {
        callback: error_landing("invalid_scope", 70011, text),
        ..auth(CB)
            .set(
                "scope",
                "https://graph.microsoft.com/.default User.Read openid",
            )
            .reg(CB)
    };
    let f = analyze(&mixed)
        .report
        .findings
        .into_iter()
        .find(|f| f.aadsts == Some(70011))
        .expect("70011");
    assert!(f.fix.contains("with User.Read"), "{}", f.fix);
    let alone = CaseInput {
        callback: error_landing("invalid_scope", 70011, text),
        ..auth(CB)
            .set(
                "scope",
                "https://graph.microsoft.com/.default openid offline_access",
            )
            .reg(CB)
    };
    let f = analyze(&alone)
        .report
        .findings
        .into_iter()
        .find(|f| f.aadsts == Some(70011))
        .expect("70011");
    assert!(!f.fix.contains("mixes"), "{}", f.fix);
}

/// Without the authorize URL the verdict asks for what is missing, not for a list already given.
#[test]
fn the_verdict_asks_for_what_is_missing() {
    let landing = format!("{CB}?code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9");
    let with_list = analyze(&CaseInput {
        registered: CB.into(),
        callback: landing.clone(),
        ..CaseInput::default()
    });
    assert!(
        with_list.headline.contains("paste the authorize URL"),
        "{}",
        with_list.headline
    );
    assert!(
        !with_list.headline.contains("paste the registered"),
        "{}",
        with_list.headline
    );
    let without = analyze(&CaseInput {
        callback: landing,
        ..CaseInput::default()
    });
    assert!(
        without
            .headline
            .contains("and the registered redirect URIs"),
        "{}",
        without.headline
    );
}

/// localhost entries under several platforms all match a desktop app's port: the one under
/// its own platform is judged, the others are the ambiguity warning, not a platform error.
#[test]
fn the_matching_entry_under_the_clients_own_platform_is_judged() {
    let reg = r#"{"signInAudience": "AzureADMyOrg", "web": {"redirectUris": ["http://localhost:3000"]}, "publicClient": {"redirectUris": ["http://localhost"]}}"#;
    let desktop = auth("http://localhost:51000")
        .raw("x-client-SKU", "MSAL.Desktop")
        .without("code_challenge")
        .without("code_challenge_method");
    let a = analyze(&desktop.reg(reg));
    assert_eq!(
        a.report.redirect.matched.as_ref().map(|m| m.uri.as_str()),
        Some("http://localhost")
    );
    assert!(
        !a.report.has("redirect.platform_mismatch"),
        "{:?}",
        codes(&a)
    );
    assert!(
        a.report.has("redirect.ambiguous_localhost"),
        "{:?}",
        codes(&a)
    );
}

/// AADSTS700016 for a SAML app quotes the Issuer Entra could not find: compared with the pasted
/// Identifier, the difference (a trailing slash) is named.
#[test]
fn a_saml_700016_is_compared_with_the_pasted_identifier() {
    let a = analyze(&CaseInput {
        authorize: "AADSTS700016: Application with identifier 'https://sp.contoso.com/saml/metadata/' was not found in the directory 'Contoso'.".into(),
        registered: "Basic SAML Configuration\nIdentifier (Entity ID)\nhttps://sp.contoso.com/saml/metadata\nReply URL (Assertion Consumer Service URL)\nhttps://sp.contoso.com/saml/acs\n".into(),
        ..CaseInput::default()
    });
    let f = a
        .report
        .findings
        .iter()
        .find(|f| f.title.contains("Issuer is not the app's Identifier"))
        .expect("named");
    assert!(
        f.detail.contains("https://sp.contoso.com/saml/metadata/"),
        "{}",
        f.detail
    );
}

/// A fix that adds a URI to a list already at Entra's limit says the command would be refused.
#[test]
fn a_command_over_the_uri_limit_says_so() {
    let full: Vec<String> = (0..100)
        .map(|i| format!("https://app{i}.contoso.com/cb"))
        .collect();
    let reg = format!(
        r#"{{"signInAudience": "AzureADandPersonalMicrosoftAccount", "web": {{"redirectUris": {}}}}}"#,
        serde_json::to_string(&full).unwrap_or_default()
    );
    let a = analyze(&auth("https://new.contoso.com/cb").reg(&reg));
    assert!(
        a.report.findings[0]
            .fix
            .contains("limit for its audience is 100"),
        "{}",
        a.report.findings[0].fix
    );
    let a = analyze(&auth("https://new.contoso.com/cb").reg(&format!(
        r#"{{"web": {{"redirectUris": ["{}"]}}}}"#,
        full[0]
    )));
    assert!(
        !a.report.findings[0].fix.contains("limit"),
        "{}",
        a.report.findings[0].fix
    );
}

/// `LOCALHOST:3000` against `localhost`: the host case is the one cause, the port is not.
#[test]
fn localhost_in_capitals_is_one_difference() {
    let a = analyze(&auth("http://LOCALHOST:3000/cb").reg("http://localhost/cb"));
    assert_eq!(
        a.report
            .redirect
            .nearest
            .as_ref()
            .map(|n| n.differences.clone()),
        Some(vec!["host_case".to_string()])
    );
    assert!(
        !codes(&a).contains(&"redirect.port_mismatch"),
        "{:?}",
        codes(&a)
    );
}

/// login_required is one error, not two findings for the same answer.
#[test]
fn a_silent_request_error_is_reported_once() {
    let a = analyze(&auth(CB).reg(CB).callback(&format!(
        "{CB}#error=login_required&error_description=AADSTS50058%3a+A+silent+sign-in+request+was+sent+but+no+user+is+signed+in.&state=s7Fq2mX9"
    )));
    let errors: Vec<_> = a
        .report
        .findings
        .iter()
        .filter(|f| f.code == "response.error")
        .collect();
    assert_eq!(errors.len(), 1, "{:?}", codes(&a));
    assert!(
        errors[0].detail.starts_with("A silent request"),
        "{}",
        errors[0].detail
    );
    assert!(errors[0].fix.contains("interactive"), "{}", errors[0].fix);
}

/// With form_post the landing URL never shows the code: that alone is not a failure.
#[test]
fn a_form_post_landing_without_parameters_is_information() {
    let a = analyze(
        &auth(CB)
            .server()
            .set("response_mode", "form_post")
            .reg(&format!("Web\n{CB}"))
            .callback(CB),
    );
    let f = a
        .report
        .findings
        .iter()
        .find(|f| f.code == "response.no_code_no_error");
    assert_eq!(
        f.map(|f| f.severity),
        Some(Severity::Info),
        "{:?}",
        codes(&a)
    );
    assert!(a.report.primary().is_none(), "{:?}", codes(&a));
}

/// Entra's "No reply address was provided" makes the missing redirect_uri the failure.
#[test]
fn a_missing_redirect_uri_that_entra_refused_is_an_error() {
    let quiet = analyze(&auth(CB).without("redirect_uri").reg(CB));
    let missing = |a: &Analysis| {
        a.report
            .findings
            .iter()
            .find(|f| f.code == "request.redirect_uri_missing")
            .map(|f| f.severity)
    };
    assert_eq!(missing(&quiet), Some(Severity::Warning));
    let refused = analyze(&auth(CB).without("redirect_uri").reg(CB).callback(
        "https://app.contoso.com/?error=invalid_request&error_description=AADSTS900971%3a+No+reply+address+provided.",
    ));
    assert_eq!(missing(&refused), Some(Severity::Error));
    assert_eq!(
        refused.report.primary().map(|f| f.code.as_str()),
        Some("request.redirect_uri_missing")
    );
}

/// An unreadable input is the headline when nothing else failed.
#[test]
fn an_unreadable_input_is_the_headline() {
    let a = analyze(&CaseInput {
        authorize: auth(CB).url(),
        registered: r#"{"web": {"redirectUris": ["https://app.contoso.com/signin-oidc" "https://app.contoso.com/"]}}"#.into(),
        ..CaseInput::default()
    });
    assert!(a.report.primary().is_none(), "{:?}", codes(&a));
    assert_eq!(a.headline, "Part of the registered list could not be read");
}

/// A fix command that keeps an entry Entra refuses to save says so, naming it.
#[test]
fn a_kept_entry_that_entra_refuses_is_named_in_the_fix() {
    let a = analyze(
        &auth("https://app.contoso.com/auth/complete")
            .reg("Web\nhttp://legacy.contoso.com/cb\nhttps://app.contoso.com/auth/callback"),
    );
    let f = &a.report.findings[0];
    assert_eq!(f.code, "redirect.path_mismatch");
    assert!(
        f.fix.contains(
            "It keeps one entry that Entra's rules refuse (http://legacy.contoso.com/cb)"
        ),
        "{}",
        f.fix
    );
    let quiet = analyze(
        &auth("https://app.contoso.com/auth/complete")
            .reg("Web\nhttps://app.contoso.com/auth/callback"),
    );
    assert!(
        !quiet.report.findings[0].fix.contains("refuse"),
        "{}",
        quiet.report.findings[0].fix
    );
}

/// A note on how the input was read is not the verdict: the match decides it.
#[test]
fn several_pasted_requests_do_not_replace_the_verdict() {
    let two = format!(
        "{}\n{}",
        auth("https://app.contoso.com/auth/callback/").url(),
        auth(CB).url()
    );
    let a = analyze(&CaseInput {
        authorize: two,
        registered: CB.into(),
        ..CaseInput::default()
    });
    assert!(
        codes(&a).contains(&"input.several_requests"),
        "{:?}",
        codes(&a)
    );
    assert_eq!(
        a.verdict,
        redirect_doctor::core::VerdictKind::Accepted,
        "{}",
        a.headline
    );
}

/// The `&` of a URL as logs, HTML and source code write it reads as `&`.
#[test]
fn escaped_ampersands_read_as_separators() {
    let url = auth("https://app.contoso.com/auth/callback/").url();
    for (name, amp) in [
        ("decimal entity", "&#38;"),
        ("hex entity", "&#x26;"),
        ("entity escaped twice", "&amp;amp;"),
        ("source escape", "\\x26"),
    ] {
        let a = analyze(&CaseInput {
            authorize: url.replace('&', amp),
            registered: "https://app.contoso.com/auth/callback".into(),
            ..CaseInput::default()
        });
        assert_eq!(
            a.report.primary().map(|f| f.code.as_str()),
            Some("redirect.trailing_slash_mismatch"),
            "{name}: {:?}",
            codes(&a)
        );
    }
}

/// AADSTS50011 for a URI the pasted list holds: Entra checked another list.
#[test]
fn entra_refusing_a_uri_the_pasted_list_holds_is_an_error() {
    let error = format!("AADSTS50011: The redirect URI '{CB}' specified in the request does not match the redirect URIs configured for the application '{CLIENT_ID}'.");
    let a = analyze(&CaseInput {
        authorize: format!("{}\n\n{error}", auth(CB).url()),
        registered: CB.into(),
        ..CaseInput::default()
    });
    let f = a.report.primary();
    assert_eq!(
        f.map(|f| f.code.as_str()),
        Some("redirect.registration_stale"),
        "{:?}",
        codes(&a)
    );
    assert_eq!(f.and_then(|f| f.aadsts), Some(50011));
    // Without Entra's words the same match is quiet.
    let quiet = analyze(&auth(CB).reg(CB));
    assert!(quiet.report.primary().is_none(), "{:?}", codes(&quiet));
}

/// AADSTS500113 (no redirect URI on the app) with a pasted list that holds some: Entra checked
/// another registration, whether or not the list holds the sent URI.
#[test]
fn no_reply_address_with_a_pasted_list_is_another_registration() {
    let error = "AADSTS500113: No reply address is registered for the application.";
    for registered in [CB, "https://app.contoso.com/other"] {
        let a = analyze(&CaseInput {
            authorize: format!("{}\n\n{error}", auth(CB).url()),
            registered: registered.into(),
            ..CaseInput::default()
        });
        let f = a.report.primary();
        assert_eq!(
            f.map(|f| f.code.as_str()),
            Some("redirect.registration_stale"),
            "{registered}: {:?}",
            codes(&a)
        );
        assert_eq!(f.and_then(|f| f.aadsts), Some(500113));
    }
    // With no list pasted, the same text says the app has none.
    let a = analyze(&CaseInput {
        authorize: format!("{}\n\n{error}", auth(CB).url()),
        ..CaseInput::default()
    });
    assert_eq!(
        a.report.primary().map(|f| f.code.as_str()),
        Some("redirect.no_registrations"),
        "{:?}",
        codes(&a)
    );
}

/// AADSTS50011 whose text quotes no redirect URI (SAML's wording) is still the primary cause,
/// whatever the registered list holds.
#[test]
fn a_50011_text_without_a_redirect_uri_is_still_a_rejection() {
    let saml = "AADSTS50011: The reply URL specified in the request does not match the reply URLs configured for the application: '6731de76-14a6-49ae-97bc-6eba6914391e'. Make sure the reply URL sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/urlMismatchError to learn more about how to fix this.";
    let cut = "AADSTS50011: The redirect URI specified in the request does not match.";
    let entity = saml.replace(CLIENT_ID, "https://sso.contoso.com/saml/metadata");
    for (text, title) in [
        (saml, "SAML"),
        (entity.as_str(), "SAML"),
        (cut, "does not quote it"),
    ] {
        for registered in ["", CB] {
            let a = analyze(&CaseInput {
                authorize: text.into(),
                registered: registered.into(),
                ..CaseInput::default()
            });
            let f = a.report.primary();
            assert_eq!(
                f.map(|f| f.code.as_str()),
                Some("redirect.not_registered"),
                "{title}: {:?}",
                codes(&a)
            );
            assert!(
                f.is_some_and(|f| f.title.contains(title)),
                "{:?}",
                f.map(|f| &f.title)
            );
        }
    }
    // Another code that quotes nothing adds no redirect finding.
    let a = analyze(&CaseInput {
        authorize: "AADSTS50058: A silent sign-in request was sent but no user is signed in."
            .into(),
        registered: CB.into(),
        ..CaseInput::default()
    });
    assert!(
        !codes(&a).contains(&"redirect.not_registered"),
        "{:?}",
        codes(&a)
    );
}

/// The token leg's redirect mismatch (AADSTS500112, or 70002 wrapping 50011 in older texts)
/// compares the two legs, not the registered list, and says it came from /token.
#[test]
fn the_token_legs_redirect_mismatch_compares_the_two_legs() {
    let reg = format!("{CB}/");
    for text in [
        format!("AADSTS500112: The reply address '{CB}' does not match the reply address '{CB}/' provided when requesting Authorization code."),
        format!("AADSTS70002: Error validating credentials. AADSTS50011: The reply address '{CB}' does not match the reply address '{CB}/' provided when requesting Authorization code."),
    ] {
        let a = analyze(&CaseInput {
            authorize: text.clone(),
            registered: reg.clone(),
            ..CaseInput::default()
        });
        let errors: Vec<_> = a
            .report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert_eq!(errors.len(), 1, "{text}: {:?}", codes(&a));
        let f = errors[0];
        // Titled with the code the text gives: the older wording wraps it in AADSTS70002.
        let code = if text.starts_with("AADSTS500112") { 500112 } else { 70002 };
        assert_eq!((f.code.as_str(), f.aadsts), ("response.error", Some(code)));
        assert!(f.detail.contains("token endpoint") && f.detail.contains("differ in trailing slash"), "{}", f.detail);
        assert_eq!(a.report.redirect.status, redirect_doctor::core::RedirectStatus::Exact);
    }
    // A token-endpoint code pasted alone is not said to be on Entra's page.
    let a = analyze(&CaseInput {
        authorize: "AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type.".into(),
        ..CaseInput::default()
    });
    let f = a.report.primary().expect("primary");
    assert!(
        f.detail.starts_with("Entra's token endpoint answered"),
        "{}",
        f.detail
    );
}

/// Azure AD B2C behind a custom domain is an Entra authority; the same path on an unknown host
/// without a policy is not.
#[test]
fn b2c_on_a_custom_domain_is_an_entra_authority() {
    let q = format!("client_id={CLIENT_ID}&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid&response_type=code&state=s&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
    let b2c = analyze(&CaseInput {
        authorize: format!("https://login.contoso.com/contoso.onmicrosoft.com/B2C_1_susi/oauth2/v2.0/authorize?{q}"),
        registered: "https://app.contoso.com/cb".into(),
        ..CaseInput::default()
    });
    assert!(
        !codes(&b2c).contains(&"request.not_entra_authorize"),
        "{:?}",
        codes(&b2c)
    );
    let other = analyze(&CaseInput {
        authorize: format!(
            "https://login.contoso.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?{q}"
        ),
        registered: "https://app.contoso.com/cb".into(),
        ..CaseInput::default()
    });
    assert!(
        codes(&other).contains(&"request.not_entra_authorize"),
        "{:?}",
        codes(&other)
    );
}

/// Error text pasted in the landing box gives its OAuth error and Entra's message, not the
/// whole exception with its stack and trace lines.
#[test]
fn pasted_error_text_gives_its_error_and_message() {
    let message = "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.";
    for text in [
        format!("OpenIdConnectProtocolException: Message contains error: 'invalid_client', error_description: '{message} Trace ID: 9d8c7b6a Correlation ID: 1e2d3c4b Timestamp: 2026-11-20 12:00:01Z', error_uri: 'https://login.microsoftonline.com/error?code=7000218'.\n   at Microsoft.AspNetCore.Authentication.RemoteAuthenticationHandler`1.HandleRequestAsync()"),
        format!("ServerError: invalid_client: {message}\nTrace ID: 2a7b\nCorrelation ID: 7c6b\n    at ResponseHandler.validateTokenResponse (ResponseHandler.ts:123:23)"),
        format!("{{'error': 'invalid_client', 'error_description': \"{message}\\r\\nTrace ID: 4c1d\", 'error_codes': [7000218]}}"),
    ] {
        let a = analyze(&auth(CB).reg(CB).callback(&text));
        let f = finding(&a, "response.error");
        assert!(
            f.detail.ends_with(&format!("error=invalid_client error_description={message}")),
            "{}",
            f.detail
        );
        assert!(f.title.contains("invalid_client / AADSTS7000218"), "{}", f.title);
    }
    // A landing URL's own parameters are read as they are.
    let a = analyze(&auth(CB).reg(CB).callback(&format!(
        "{CB}?error=invalid_request&error_description=AADSTS90014%3a+access_denied+nonce"
    )));
    let f = finding(&a, "response.error");
    assert!(
        f.detail
            .contains("error=invalid_request error_description=AADSTS90014: access_denied nonce"),
        "{}",
        f.detail
    );
}

/// Entra's AADSTS50011 text pasted as what came back is judged with the registration, as in
/// the authorize box: it is not an answer the app received.
#[test]
fn a_50011_text_in_the_landing_box_is_judged_with_the_registration() {
    let page = format!("Sorry, but we're having trouble signing you in.\n\nAADSTS50011: The redirect URI '{CB}' specified in the request does not match the redirect URIs configured for the application '{CLIENT_ID}'.\nRequest Id: 1b4c6e0a-7d3f-4a5e-9c21-0f8e2b7a9d00");
    for (registered, primary) in [
        (CB.to_string(), "redirect.registration_stale"),
        (format!("{CB}/"), "redirect.trailing_slash_mismatch"),
    ] {
        let a = analyze(&auth(CB).reg(&registered).callback(&page));
        assert_eq!(
            a.report.primary().map(|f| f.code.as_str()),
            Some(primary),
            "{:?}",
            codes(&a)
        );
        assert!(!codes(&a).contains(&"response.error"), "{:?}", codes(&a));
    }
    // Another code in the landing box is still an answer.
    let a = analyze(&auth(CB).reg(CB).callback("AADSTS50105: Your administrator has configured the application to block users unless they are specifically granted access."));
    assert!(codes(&a).contains(&"response.error"), "{:?}", codes(&a));
    assert!(
        !codes(&a).contains(&"redirect.registration_stale"),
        "{:?}",
        codes(&a)
    );
}

/// Azure AD B2C's 'Forgot your password?' answer is named in the title, which showed only
/// access_denied.
#[test]
fn b2c_forgot_password_is_named() {
    let a = analyze(&auth(CB).reg(CB).callback(&format!(
        "{CB}?error=access_denied&error_description=AADB2C90118%3a+The+user+has+forgotten+their+password.&state=s7Fq2mX9"
    )));
    let f = a.report.primary().expect("primary");
    assert!(f.title.contains("Forgot your password"), "{}", f.title);
    let a = analyze(&auth(CB).reg(CB).callback(&format!(
        "{CB}?error=access_denied&error_description=AADB2C90091%3a+The+user+has+cancelled.&state=s7Fq2mX9"
    )));
    assert!(
        a.report
            .findings
            .iter()
            .all(|f| !f.title.contains("Forgot")),
        "{:?}",
        codes(&a)
    );
}

/// A form_post body without the state the request sent is a state problem.
#[test]
fn a_form_post_body_without_state_is_a_state_mismatch() {
    let a = analyze(
        &auth(CB)
            .server()
            .set("response_mode", "form_post")
            .reg(&format!("Web\n{CB}"))
            .callback("code=0.AXoAMQ-s7Fq2mX9&session_state=3b4c5d6e-7f80-4a1b-9c2d-3e4f5a6b7c8d"),
    );
    assert!(
        codes(&a).contains(&"response.state_mismatch"),
        "{:?}",
        codes(&a)
    );
}

/// A code that came back with this request's state shows Entra accepted the sent URI, also
/// when a redirect in front of the app moved it to another page.
#[test]
fn a_code_with_the_state_after_a_redirect_marks_the_list_stale() {
    let sent = "https://app.contoso.com/auth/complete";
    let with_state = analyze(
        &auth(sent)
            .reg(CB)
            .callback("https://app.contoso.com/home?code=0.AXoAMQ-s7Fq2mX9&state=s7Fq2mX9"),
    );
    assert!(
        codes(&with_state).contains(&"redirect.registration_stale"),
        "{:?}",
        codes(&with_state)
    );
    let without = analyze(
        &auth(sent)
            .without("state")
            .reg(CB)
            .callback("https://app.contoso.com/home?code=0.AXoAMQ-s7Fq2mX9"),
    );
    assert!(
        !codes(&without).contains(&"redirect.registration_stale"),
        "{:?}",
        codes(&without)
    );
}

/// An accepted URI with a warning does not promise that nothing stops the code.
#[test]
fn the_accepted_headline_points_at_warnings() {
    let quiet = analyze(&auth(CB).reg(CB));
    assert_eq!(
        quiet.headline,
        "Entra accepts this redirect URI and nothing in the request stops the code."
    );
    let warned = analyze(&auth(CB).reg(&format!("{CB}\n{CB}")));
    assert!(
        codes(&warned).contains(&"redirect.duplicate_registration"),
        "{:?}",
        codes(&warned)
    );
    assert_eq!(warned.verdict, redirect_doctor::core::VerdictKind::Accepted);
    assert_eq!(
        warned.headline,
        "Entra accepts this redirect URI and no error was found; see the warning below."
    );
}

/// Two lines joined into the URI the request sends are a note, not an unreadable input: the
/// verdict is the match. A join made on weaker evidence stays a warning that heads the verdict.
#[test]
fn a_wrap_joined_into_the_sent_uri_does_not_hold_the_verdict() {
    let sent = "https://app.contoso.com/authentication/signin-oidc";
    let firm = analyze(&auth(sent).reg("https://app.contoso.com/authenti\ncation/signin-oidc"));
    let note = finding(&firm, "input.registered_unreadable");
    assert_eq!(note.severity, Severity::Info);
    assert_eq!(firm.verdict, redirect_doctor::core::VerdictKind::Accepted);
    let guess = analyze(&auth(sent).reg("https://app.contoso.com/auth\n/other-callback"));
    let note = finding(&guess, "input.registered_unreadable");
    assert_eq!(note.severity, Severity::Warning, "{}", note.detail);
}

/// A query string pasted alone gets a corrected query string, labelled as one; a whole
/// authorize URL keeps its label.
#[test]
fn a_pasted_query_string_is_answered_as_a_query_string() {
    let sent = "https://app.contoso.com/signin?returnUrl=%2Fdashboard";
    let labels = |authorize: String| {
        let a = analyze(&CaseInput {
            authorize,
            registered: "https://app.contoso.com/signin".into(),
            ..CaseInput::default()
        });
        a.report
            .findings
            .iter()
            .find(|f| f.code == "redirect.query_mismatch")
            .map(|f| {
                f.snippets
                    .iter()
                    .map(|s| s.label.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let url = auth(sent).url();
    let query = format!("?{}", url.split_once('?').map_or("", |(_, q)| q));
    let q = labels(query);
    assert!(
        q.iter()
            .any(|l| l == "Query string with the registered redirect URI"),
        "{q:?}"
    );
    assert!(!q.iter().any(|l| l.starts_with("Authorize URL")), "{q:?}");
    let u = labels(url);
    assert!(
        u.iter()
            .any(|l| l == "Authorize URL with the registered redirect URI"),
        "{u:?}"
    );
}

/// A landing URL's error_description is shown as Entra's message, without the Trace ID and
/// Timestamp lines Entra appends; the correlation ID is named once, for the sign-in logs.
#[test]
fn a_landing_error_shows_the_message_without_its_trace_lines() {
    let detail = |landing: String| {
        analyze(&auth(CB).reg(CB).callback(&landing))
            .report
            .findings
            .into_iter()
            .find(|f| f.code == "response.error")
            .map(|f| f.detail)
            .unwrap_or_default()
    };
    let d = detail(error_landing(
        "invalid_request",
        90014,
        "The required field 'nonce' is missing from the credential.",
    ));
    assert!(
        d.ends_with("error_description=AADSTS90014: The required field 'nonce' is missing from the credential. (Correlation ID 5b7c9e1a-2d4f-4b8a-9c3e-1f2a3b4c5d6e: it finds this sign-in in Entra's sign-in logs.)"),
        "{d}"
    );
    assert!(!d.contains("Trace ID") && !d.contains("Timestamp"), "{d}");
    // A message that speaks of a timestamp (no 'Timestamp:' line) is kept whole.
    let d = detail(format!(
        "{CB}?error=invalid_grant&error_description={}&state=s7Fq2mX9",
        enc("AADSTS700024: Client assertion is not within its valid time range. Current timestamp 1700000000.")
    ));
    assert!(d.ends_with("Current timestamp 1700000000."), "{d}");
}

/// A landing URL without error_description still names the code its error_uri links to; its
/// other parameters are not shown as a description.
#[test]
fn a_landing_error_without_description_reads_the_code_of_error_uri() {
    let landing = |extra: &str| {
        analyze(
            &auth(CB)
                .reg(CB)
                .callback(&format!("{CB}?error=invalid_request{extra}&state=s7Fq2mX9")),
        )
        .report
        .findings
        .into_iter()
        .find(|f| f.code == "response.error")
        .expect("response.error")
    };
    let f = landing("&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d90014");
    assert_eq!(f.aadsts, Some(90014));
    assert!(
        f.title.ends_with("invalid_request / AADSTS90014"),
        "{}",
        f.title
    );
    assert!(
        f.detail.contains("error_uri names AADSTS90014"),
        "{}",
        f.detail
    );
    assert!(!f.detail.contains("state="), "{}", f.detail);
    let f = landing("");
    assert_eq!(f.aadsts, None);
    assert!(!f.detail.contains("state="), "{}", f.detail);
}

/// When a specific finding says what to do about Entra's answer, the generic response.error
/// that records the answer points at it instead of repeating its fix.
#[test]
fn the_generic_error_does_not_repeat_the_specific_fix() {
    let fixes = |landing: String| {
        analyze(&auth(CB).reg(CB).callback(&landing))
            .report
            .findings
            .into_iter()
            .filter(|f| f.code.starts_with("response."))
            .map(|f| (f.code, f.fix))
            .collect::<Vec<_>>()
    };
    let f = fixes(error_landing(
        "access_denied",
        65004,
        "User declined to consent to access the app.",
    ));
    let specific = f.iter().find(|(c, _)| c == "response.user_cancelled");
    let generic = f.iter().find(|(c, _)| c == "response.error");
    let (Some((_, s)), Some((_, g))) = (specific, generic) else {
        panic!("{f:?}");
    };
    assert_ne!(s, g);
    assert!(g.starts_with("Follow the fix of 'AADSTS65004"), "{g}");
    // Alone, the generic finding keeps its own fix.
    let f = fixes(error_landing(
        "invalid_request",
        90014,
        "The required field 'nonce' is missing.",
    ));
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(!f[0].1.starts_with("Follow the fix"), "{f:?}");
}

/// Entra's troubleshooting details alone (Request Id, Correlation Id, Timestamp) are named as
/// such: the message line is what is missing, the IDs are worth keeping.
#[test]
fn troubleshooting_details_alone_ask_for_the_message_line() {
    let unreadable = |text: &str| {
        analyze(&CaseInput {
            authorize: text.into(),
            registered: CB.into(),
            ..CaseInput::default()
        })
        .report
        .findings
        .into_iter()
        .find(|f| f.code == "input.authorize_unreadable")
        .expect("input.authorize_unreadable")
    };
    let f = unreadable("Troubleshooting details\nIf you contact your administrator, send this info to them.\nRequest Id: 1b4c6e0a-7d3f-4a5e-9c21-0f8e2b7a9d00\nCorrelation Id: 3f2a9c1e-5b7d-4e8a-8c6f-2d1e0a9b8c7d\nTimestamp: 2026-11-20T10:14:03.312Z");
    assert!(
        f.title.starts_with("Only the troubleshooting details"),
        "{}",
        f.title
    );
    assert!(
        f.fix.contains("AADSTS") && f.fix.contains("Correlation Id"),
        "{}",
        f.fix
    );
    let f = unreadable("app id 1b4c6e0a-7d3f-4a5e-9c21-0f8e2b7a9d00 fails to sign in");
    assert_eq!(f.title, "The authorize request could not be read");
}

/// A mobile or desktop app's http://localhost:<port> is offered for registration without the
/// port (the listener's port changes on each run and Entra ignores it); a Web app's is kept.
#[test]
fn a_desktop_apps_loopback_uri_is_registered_without_its_port() {
    let register = |registered: &str| {
        analyze(&auth("http://localhost:51724").reg(registered))
            .report
            .findings
            .into_iter()
            .find(|f| f.code == "redirect.not_registered")
            .map(|f| (f.fix, f.snippets))
            .expect("redirect.not_registered")
    };
    let (fix, snippets) = register(
        "Mobile and desktop applications\nhttps://login.microsoftonline.com/common/oauth2/nativeclient",
    );
    assert!(
        fix.contains("register http://localhost (without the port"),
        "{fix}"
    );
    assert_eq!(
        snippets.first().map(|s| s.text.as_str()),
        Some("http://localhost")
    );
    assert!(
        snippets.iter().all(|s| !s.text.contains("51724")),
        "{snippets:?}"
    );
    let (fix, snippets) = register("Web\nhttps://app.contoso.com/signin-oidc");
    assert!(
        fix.contains("register http://localhost:51724 under Web"),
        "{fix}"
    );
    assert_eq!(
        snippets.first().map(|s| s.text.as_str()),
        Some("http://localhost:51724")
    );
}

/// AADSTS9002326 for a URI the pasted list already holds under Single-page application: the
/// fix does not ask to register it there, it names what else makes Entra judge another entry.
#[test]
fn a_platform_error_for_a_uri_already_under_that_platform_asks_for_nothing_to_add() {
    let text = "ServerError: invalid_request: AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: 'https://app.contoso.com'.";
    let fixes = |registered: &str| {
        analyze(&auth(CB).spa().reg(registered).callback(text))
            .report
            .findings
            .into_iter()
            .filter(|f| f.aadsts == Some(9002326))
            .map(|f| (f.code, f.fix))
            .collect::<Vec<_>>()
    };
    let f = fixes(&format!("Single-page application\n{CB}"));
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].1
            .starts_with("Nothing to add under Single-page application"),
        "{f:?}"
    );
    assert!(!f[0].1.contains("Register the redirect URI"), "{f:?}");
    // Under Web, the platform is what is wrong: the move is the fix, the answer points at it.
    let f = fixes(&format!("Web\n{CB}"));
    assert!(
        f.iter()
            .any(|(c, x)| c == "redirect.platform_mismatch" && x.starts_with("Move")),
        "{f:?}"
    );
    assert!(
        f.iter().all(|(_, x)| !x.starts_with("Nothing to add")),
        "{f:?}"
    );
}

/// AADSTS9002326 pasted alone names only the origin: the one registered URI on it is judged
/// as the redirect URI (and said to be), so a Web entry gives the platform mismatch.
#[test]
fn the_request_origin_of_9002326_finds_the_registered_uri() {
    let text = "ServerError: invalid_request: AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: 'http://localhost:3000'.\nTrace ID: 2a7b0c1d-9e8f-4a6b-b5c4-d3e2f1a0b9c8";
    let run = |registered: &str| {
        analyze(&CaseInput {
            authorize: text.into(),
            registered: registered.into(),
            ..CaseInput::default()
        })
    };
    let a = run("Web\nhttp://localhost:3000\nWeb\nhttps://app.contoso.com/signin-oidc");
    assert_eq!(
        a.report.redirect.sent.as_deref(),
        Some("http://localhost:3000")
    );
    let p = a.report.primary().expect("an error");
    assert_eq!(p.code, "redirect.platform_mismatch", "{:?}", codes(&a));
    assert!(p.detail.contains("gives only the origin"), "{}", p.detail);
    // Two registered URIs on that origin: which one was sent is not known.
    let a = run("Web\nhttp://localhost:3000/a\nWeb\nhttp://localhost:3000/b");
    assert_eq!(a.report.redirect.sent, None);
    assert!(
        !codes(&a).contains(&"redirect.platform_mismatch"),
        "{:?}",
        codes(&a)
    );
}

/// The root-slash answer is documented for web addresses: a mobile app's custom scheme URI
/// (msauth.<bundle id>://auth) gets no such note.
#[test]
fn a_custom_scheme_uri_gets_no_root_slash_note() {
    let has = |sent: &str| {
        let a = analyze(&auth(sent).reg(sent));
        codes(&a).contains(&"redirect.root_trailing_slash")
    };
    assert!(!has("msauth.com.contoso.fieldapp://auth"));
    assert!(has("https://app.contoso.com"));
}

/// A redirect URI that carries the app's own client ID (WAM's broker URI) against another
/// app's: the fix registers it and never offers sending the other app's URI.
#[test]
fn a_broker_uri_of_another_app_is_not_offered_to_send() {
    let path = |sent: &str, registered: &str| {
        analyze(&auth(sent).reg(&format!("Mobile and desktop applications\n{registered}")))
            .report
            .findings
            .into_iter()
            .find(|f| f.code == "redirect.path_mismatch")
            .expect("redirect.path_mismatch")
    };
    let broker = "ms-appx-web://microsoft.aad.brokerplugin/";
    let f = path(
        &format!("{broker}{CLIENT_ID}"),
        &format!("{broker}0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"),
    );
    assert!(
        f.fix.starts_with(&format!("Register {broker}{CLIENT_ID}")),
        "{}",
        f.fix
    );
    assert!(
        f.snippets
            .iter()
            .all(|s| !s.text.ends_with("a5b4c3d2e1f0") && !s.label.starts_with("Authorize URL")),
        "{:?}",
        f.snippets
    );
    let f = path("http://localhost/callback", "http://localhost/signin");
    assert!(
        f.fix.starts_with("Send http://localhost/signin"),
        "{}",
        f.fix
    );
}

/// A My Apps launch link in the authorize box is named as such: it starts a sign-in and holds
/// no redirect URI, so the reader is sent to the request that followed it.
#[test]
fn a_my_apps_launch_link_is_named() {
    let a = analyze(&CaseInput {
        authorize: "https://launcher.myapps.microsoft.com/api/signin/b8d3c2a1-4e5f-6a7b-8c9d-0e1f2a3b4c5d?tenantId=8f3c2a1e-5b6d-4e7f-9a0b-1c2d3e4f5a6b".into(),
        registered: "https://wiki.contoso.com/acs".into(),
        ..CaseInput::default()
    });
    let f = a
        .report
        .findings
        .iter()
        .find(|f| f.code == "input.authorize_unreadable")
        .expect("said");
    assert!(f.title.contains("My Apps"), "{}", f.title);
    assert!(f.fix.contains("Default Reply URL"), "{}", f.fix);
}

/// A SAML response with status NoPassive answers the app's IsPassive request: its fix speaks
/// of IsPassive, not of OAuth's prompt=none, and its text of StatusMessage.
#[test]
fn a_no_passive_saml_response_is_fixed_in_the_request() {
    use base64::Engine;
    let xml = r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Version="2.0"><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:NoPassive"/></samlp:StatusCode><samlp:StatusMessage>AADSTS50058: A silent sign-in request was sent but no user is signed in.</samlp:StatusMessage></samlp:Status></samlp:Response>"#;
    let value = base64::engine::general_purpose::STANDARD.encode(xml);
    let a = analyze(&CaseInput {
        callback: format!("SAMLResponse: {value}\nRelayState: /home"),
        registered: "https://sp.contoso.com/saml/acs".into(),
        ..CaseInput::default()
    });
    let f = a
        .report
        .findings
        .iter()
        .find(|f| f.code == "response.error")
        .expect("the SAML error");
    assert!(f.fix.contains("IsPassive"), "{}", f.fix);
    assert!(!f.fix.contains("prompt=none"), "{}", f.fix);
}

/// A paste of one platform's section does not show the other lists: the command that moves
/// the URI reads the destination list from Entra instead of replacing it with the URI alone,
/// and one with the whole object sets both lists.
#[test]
fn a_move_command_never_replaces_a_list_the_paste_does_not_show() {
    let authorize = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/authorize?client_id=4b2c1d5e-8f7a-4c3b-9e1d-2a3b4c5d6e7f&scope=openid%20profile&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fsignin-oidc&response_mode=form_post&state=abc&nonce=n";
    let command = |registered: &str| {
        let a = analyze(&CaseInput {
            authorize: authorize.into(),
            registered: registered.into(),
            ..CaseInput::default()
        });
        a.report
            .findings
            .iter()
            .find(|f| f.code == "redirect.platform_mismatch")
            .and_then(|f| f.snippets.iter().find(|s| s.label.starts_with("az CLI")))
            .map(|s| s.text.clone())
            .unwrap_or_default()
    };
    let section =
        command("Single-page application\nRedirect URIs\nhttps://app.contoso.com/signin-oidc");
    assert!(
        section.contains(r#"{"spa":{"redirectUris":[]}}"#),
        "{section}"
    );
    assert!(!section.contains(r#""web":"#), "{section}");
    assert!(section.contains("az ad app show"), "{section}");
    let whole = command(
        r#"{"spa":{"redirectUris":["https://app.contoso.com/signin-oidc"]},"web":{"redirectUris":["https://localhost:5001/signin-oidc"]}}"#,
    );
    assert!(
        whole.contains(r#""web":{"redirectUris":["https://localhost:5001/signin-oidc","https://app.contoso.com/signin-oidc"]}"#),
        "{whole}"
    );
    assert!(!whole.contains("az ad app show"), "{whole}");
}

/// JSON in state sent without URL-encoding is cut at its '&': said, since the state that comes
/// back is not the one the app stored. (A share link redacts state, so this is no example case.)
#[test]
fn unencoded_json_state_is_named() {
    let a = analyze(&CaseInput {
        authorize: r#"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fsignin-oidc&response_mode=form_post&scope=openid%20profile&nonce=n&state={"returnUrl":"/home?x=1&y=2","csrf":"abc"}"#.into(),
        registered: "https://app.contoso.com/signin-oidc".into(),
        ..CaseInput::default()
    });
    assert!(
        a.report
            .findings
            .iter()
            .any(|f| f.code == "request.state_missing" && f.title.contains("JSON")),
        "{:?}",
        codes(&a)
    );
}

/// A server app browsed at 127.0.0.1 builds its redirect URI from that host: the fix opens it
/// at the registered localhost origin (its session cookie must be for the callback's host),
/// rather than making it send localhost.
#[test]
fn a_server_app_at_the_loopback_ip_is_opened_at_localhost() {
    let a = analyze(&CaseInput {
        authorize: "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/authorize?client_id=4b2c1d5e-8f7a-4c3b-9e1d-2a3b4c5d6e7f&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2FgetAToken&response_type=code&scope=openid%20profile%20offline_access&response_mode=form_post&nonce=abc&state=CfDJ8x".into(),
        registered: "http://localhost:5000/getAToken".into(),
        ..CaseInput::default()
    });
    let f = a
        .report
        .findings
        .iter()
        .find(|f| f.code == "redirect.localhost_vs_loopback_ip")
        .expect("named");
    assert!(
        f.fix.starts_with("Open the app at http://localhost:5000"),
        "{}",
        f.fix
    );
}

/// A match under the localhost rule with a registered URI that has no port names the port as
/// the difference, in the report as on the page.
#[test]
fn a_localhost_match_without_a_registered_port_names_the_port() {
    let a = analyze(
        &auth("http://localhost:8000/auth/azure/callback")
            .reg("http://localhost/auth/azure/callback"),
    );
    let near = a.report.redirect.nearest.as_ref().expect("nearest");
    assert_eq!(near.differences, ["port"]);
}

/// A path that differs in case before the app's own route (an IIS application, a path base)
/// takes the case the user typed: the fix makes one case, not "send it as registered".
#[test]
fn a_virtual_directory_in_another_case_gets_a_canonical_case_fix() {
    let a = analyze(
        &auth("https://intranet.contoso.com/myapp/signin-oidc")
            .reg("https://intranet.contoso.com/MyApp/signin-oidc"),
    );
    let f = a
        .report
        .findings
        .iter()
        .find(|f| f.code == "redirect.path_case_mismatch")
        .expect("named");
    assert!(f.fix.contains("rewrite rule"), "{}", f.fix);
    let plain = analyze(
        &auth("https://intranet.contoso.com/signin-OIDC")
            .reg("https://intranet.contoso.com/signin-oidc"),
    );
    assert!(plain
        .report
        .findings
        .iter()
        .any(|f| f.fix.starts_with("Send the path exactly as registered")));
}

/// A second '?' that hid response_type inside redirect_uri, after an unencoded state that holds
/// a '?' of its own: the corrected URL turns the '?' that hid it into '&' and leaves state's.
#[test]
fn the_second_question_mark_fixed_is_the_one_that_hid_the_parameter() {
    let url = format!(
        "{V2}?client_id={CLIENT_ID}&state=/orders?page=2&redirect_uri={}?response_type=code&scope=openid&code_challenge={CHALLENGE}&code_challenge_method=S256",
        enc(CB)
    );
    let a = analyze(&CaseInput {
        authorize: url.clone(),
        registered: CB.to_string(),
        ..CaseInput::default()
    });
    let f = finding(&a, "request.response_type_missing");
    let fixed = &f
        .snippets
        .iter()
        .find(|s| s.label.contains("'&'"))
        .expect("snippet")
        .text;
    assert!(fixed.contains("state=/orders?page=2&"), "{fixed}");
    assert!(
        fixed.contains(&format!("redirect_uri={}&response_type=code", enc(CB))),
        "{fixed}"
    );
}

/// A client_id one digit short at the end of the URL: cut when the pasted registration's
/// application ID goes on from it, the app's own (wrong) ID when that ID differs.
#[test]
fn a_short_client_id_at_the_end_is_cut_only_when_the_app_id_goes_on_from_it() {
    let short = &CLIENT_ID[..35];
    let url = format!(
        "{V2}?response_type=code&redirect_uri={}&scope=openid&state=s7Fq2mX9&code_challenge={CHALLENGE}&code_challenge_method=S256&client_id={short}",
        enc(CB)
    );
    let reg = |app_id: &str| CaseInput {
        authorize: url.clone(),
        registered: format!(r#"{{"appId":"{app_id}","web":{{"redirectUris":["{CB}"]}}}}"#),
        ..CaseInput::default()
    };
    let cut = analyze(&reg(CLIENT_ID));
    assert!(
        cut.report.has("input.authorize_unreadable"),
        "{:?}",
        codes(&cut)
    );
    let other = analyze(&reg("0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"));
    assert!(
        !other.report.has("input.authorize_unreadable"),
        "{:?}",
        codes(&other)
    );
    assert!(
        other.report.has("request.client_id_invalid"),
        "{:?}",
        codes(&other)
    );
}
