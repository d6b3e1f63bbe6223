//! Every finding code, defined once, in the order Entra checks things.
//!
//! The position of a code in [`CODES`] is its priority: the analyzer sorts
//! findings by severity and then by this position, so the first `error` is the
//! primary cause. The order follows SPEC §3: input, then the client
//! (`client_id`, tenant), the form of `redirect_uri`, its match against the
//! registration, the platform and flow rules, then what came back; within one
//! problem the specific code stands before the generic one, and a cause before
//! the evidence that shows its effect.

use super::report::{Finding, Severity};

/// Where the rules come from (quoted in `refs`).
pub mod refs {
    /// Redirect URI (reply URL) best practices and limitations.
    pub const REPLY_URL: &str =
        "https://learn.microsoft.com/en-us/entra/identity-platform/reply-url";
    /// Entra authentication and authorization error codes.
    pub const ERROR_CODES: &str =
        "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes";
    /// OAuth 2.0 authorization code flow (v2).
    pub const AUTH_CODE: &str =
        "https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow";
    /// OpenID Connect on the Microsoft identity platform.
    pub const OIDC: &str =
        "https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc";
    /// Implicit grant flow.
    pub const IMPLICIT: &str =
        "https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-implicit-grant-flow";
    /// How to add a redirect URI.
    pub const ADD_REDIRECT: &str =
        "https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-redirect-uri";
    /// App manifest `replyUrlsWithType`.
    pub const MANIFEST: &str = "https://learn.microsoft.com/en-us/entra/identity-platform/reference-app-manifest#replyurlswithtype-attribute";
    /// Troubleshooting AADSTS50011.
    pub const TROUBLESHOOT_50011: &str = "https://learn.microsoft.com/en-us/troubleshoot/entra/entra-id/app-integration/error-code-aadsts50011-redirect-uri-mismatch";
    /// SAML single sign-on: the AuthnRequest Entra accepts.
    pub const SAML_PROTOCOL: &str =
        "https://learn.microsoft.com/en-us/entra/identity-platform/single-sign-on-saml-protocol";
    /// Troubleshooting AADSTS50011 for SAML apps (the AssertionConsumerServiceURL).
    pub const TROUBLESHOOT_50011_SAML: &str = "https://learn.microsoft.com/en-us/troubleshoot/entra/entra-id/app-integration/error-code-aadsts50011-reply-url-mismatch";
    /// National clouds and authority hosts.
    pub const NATIONAL_CLOUDS: &str =
        "https://learn.microsoft.com/en-us/entra/identity-platform/authentication-national-cloud";
    /// Azure AD B2C authorization code flow.
    pub const B2C: &str =
        "https://learn.microsoft.com/en-us/azure/active-directory-b2c/authorization-code-flow";
    /// Graph `signIn` resource (sign-in logs).
    pub const SIGNIN_LOG: &str =
        "https://learn.microsoft.com/en-us/graph/api/resources/signin?view=graph-rest-beta";
    /// RFC 6749 §3.1.2: redirection endpoint (absolute, no fragment).
    pub const RFC6749_3_1_2: &str = "https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2";
    /// RFC 6749 §4.1.2.1: never redirect to an unverified URI.
    pub const RFC6749_4_1_2_1: &str = "https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1";
    /// RFC 6749 §4.1.3: the token request repeats the same redirect_uri.
    pub const RFC6749_4_1_3: &str = "https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3";
    /// RFC 6749 §10.12: CSRF and `state`.
    pub const RFC6749_10_12: &str = "https://www.rfc-editor.org/rfc/rfc6749#section-10.12";
    /// RFC 3986 §6.2.1: simple string comparison.
    pub const RFC3986_6_2_1: &str = "https://www.rfc-editor.org/rfc/rfc3986#section-6.2.1";
    /// RFC 8252 §7.3: loopback redirection.
    pub const RFC8252_7_3: &str = "https://www.rfc-editor.org/rfc/rfc8252#section-7.3";
    /// RFC 9700 §2.1: exact redirect URI matching.
    pub const RFC9700_2_1: &str = "https://www.rfc-editor.org/rfc/rfc9700#section-2.1";
    /// RFC 9700 §4.7.1: CSRF protection by PKCE, state or nonce.
    pub const RFC9700_4_7_1: &str = "https://www.rfc-editor.org/rfc/rfc9700#section-4.7.1";
    /// RFC 7636 §4.2: the code challenge.
    pub const RFC7636_4_2: &str = "https://www.rfc-editor.org/rfc/rfc7636#section-4.2";
    /// OAuth 2.0 Multiple Response Type Encoding Practices.
    pub const OAUTH_MRT: &str =
        "https://openid.net/specs/oauth-v2-multiple-response-types-1_0.html#Combinations";
    /// OpenID Connect Core §3.1.2.1 (nonce, exact redirect_uri).
    pub const OIDC_CORE: &str = "https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest";
    /// Unicode UTS #39 (confusable characters).
    pub const UTS39: &str = "https://www.unicode.org/reports/tr39/";
    /// ASP.NET Core and SameSite cookies.
    pub const SAMESITE: &str = "https://learn.microsoft.com/en-us/aspnet/core/security/samesite";
    /// MSAL.js browser errors.
    pub const MSAL_JS_ERRORS: &str =
        "https://learn.microsoft.com/en-us/entra/identity-platform/msal-error-handling-js";
    /// Web apps behind proxies (forwarded headers).
    pub const PROXY: &str =
        "https://learn.microsoft.com/en-us/aspnet/core/host-and-deploy/proxy-load-balancer";
}

/// One finding code: its default severity, a generic title and its sources.
#[derive(Debug)]
pub struct CodeDef {
    /// The stable code.
    pub code: &'static str,
    /// The severity it has unless the analyzer says otherwise.
    pub severity: Severity,
    /// A one-line title used when the analyzer has nothing more specific.
    pub title: &'static str,
    /// Sources of the rule.
    pub refs: &'static [&'static str],
}

use refs::*;
use Severity::{Error as E, Info as I, Warning as W};

macro_rules! codes {
    ($($code:literal, $sev:ident, $title:literal, [$($r:expr),*];)*) => {
        /// Every finding code, most important first.
        pub static CODES: &[CodeDef] = &[
            $(CodeDef { code: $code, severity: $sev, title: $title, refs: &[$($r),*] },)*
        ];
    };
}

codes! {
    // Input: nothing can be judged until it can be read.
    "input.too_large", E, "An input is too large to analyse", [];
    "input.authorize_unreadable", E, "The authorize request could not be read", [AUTH_CODE];
    "input.several_requests", W, "Several authorize requests were pasted; one is analysed", [AUTH_CODE];
    "input.authorize_decoded", I, "The authorize URL was percent-encoded and has been decoded", [AUTH_CODE];
    "input.registered_unreadable", W, "Part of the registered list could not be read", [ADD_REDIRECT];
    "input.evidence_unreadable", W, "The evidence file could not be read", [];
    "input.registered_plan", I, "A Terraform plan was read as the registration it leaves", [ADD_REDIRECT];
    "input.callback_unreadable", W, "The text in the landing box was not recognised", [AUTH_CODE];
    // The client: Entra resolves the tenant and the application first.
    "request.not_entra_authorize", W, "This is not an Entra authorize request", [AUTH_CODE, NATIONAL_CLOUDS];
    "request.tenant_invalid", E, "The tenant segment is not a valid tenant", [AUTH_CODE, ERROR_CODES];
    "request.placeholder_value", E, "A template placeholder was sent instead of a real value", [ERROR_CODES];
    "request.client_id_missing", E, "The request has no client_id", [AUTH_CODE, ERROR_CODES];
    "request.client_id_invalid", E, "client_id is not an application (client) ID", [AUTH_CODE, ERROR_CODES];
    "request.duplicate_parameter", E, "A parameter is sent more than once", [AUTH_CODE];
    "request.too_long", W, "The authorize URL's query is too long for Entra", [ERROR_CODES];
    "request.saml_request_invalid", E, "The SAML request breaks a rule of Entra's SAML protocol", [ERROR_CODES];
    "request.post_logout_redirect_uri_not_registered", W, "The sign-out request's post_logout_redirect_uri is not a registered redirect URI", [OIDC];
    "request.v1_endpoint", I, "The request uses the v1 endpoint", [AUTH_CODE];
    // The form of redirect_uri, before any matching.
    "request.redirect_uri_unencoded", E, "redirect_uri is not URL-encoded and was cut short", [AUTH_CODE, RFC6749_3_1_2];
    "request.redirect_uri_double_encoded", E, "redirect_uri is URL-encoded twice", [AUTH_CODE, ERROR_CODES];
    "request.redirect_uri_invalid", E, "redirect_uri is not a valid absolute URI", [ERROR_CODES, RFC6749_3_1_2];
    "request.redirect_uri_missing", W, "The request has no redirect_uri", [AUTH_CODE, OIDC];
    "redirect.fragment_present", E, "The redirect URI contains a fragment (#)", [RFC6749_3_1_2, REPLY_URL];
    "redirect.loopback_ipv6_unsupported", E, "The IPv6 loopback [::1] is not supported", [REPLY_URL];
    // The match against the registration.
    "redirect.registration_stale", W, "Entra accepted this redirect URI, so the pasted registration is not the one in force", [REPLY_URL, AUTH_CODE];
    "redirect.no_registrations", E, "The application has no redirect URI registered", [REPLY_URL, ERROR_CODES];
    "redirect.invisible_characters", E, "An invisible character makes the URIs differ", [REPLY_URL, RFC3986_6_2_1];
    "redirect.confusable_characters", E, "A look-alike character makes the URIs differ", [REPLY_URL, UTS39];
    "redirect.localhost_vs_loopback_ip", E, "localhost and the loopback IP are different hosts", [REPLY_URL, RFC8252_7_3];
    "redirect.scheme_mismatch", E, "The scheme differs from the registered URI", [REPLY_URL, TROUBLESHOOT_50011, PROXY];
    "redirect.host_case_mismatch", E, "The host differs only in letter case", [REPLY_URL, RFC3986_6_2_1];
    "redirect.host_mismatch", E, "The host differs from the registered URI", [REPLY_URL, TROUBLESHOOT_50011];
    "redirect.default_port_explicit", E, "An explicit default port makes the URIs differ", [REPLY_URL, RFC3986_6_2_1];
    "redirect.port_mismatch", E, "The port differs from the registered URI", [REPLY_URL, RFC8252_7_3];
    "redirect.percent_encoding_mismatch", E, "The URIs differ only in percent-encoding", [REPLY_URL, RFC3986_6_2_1];
    "redirect.trailing_slash_mismatch", E, "The URIs differ by a trailing slash", [REPLY_URL, TROUBLESHOOT_50011];
    "redirect.path_case_mismatch", E, "The path differs only in letter case", [REPLY_URL];
    "redirect.path_mismatch", E, "The path differs from the registered URI", [REPLY_URL, TROUBLESHOOT_50011];
    "redirect.query_mismatch", E, "The query string differs from the registered URI", [REPLY_URL];
    "redirect.not_registered", E, "The redirect URI is not registered", [REPLY_URL, TROUBLESHOOT_50011];
    "redirect.http_not_localhost", W, "http:// is only allowed for localhost", [REPLY_URL];
    "redirect.unsupported_characters", W, "The URI contains characters Entra does not support", [REPLY_URL];
    "redirect.too_long", W, "The URI is longer than 256 characters", [REPLY_URL];
    "redirect.query_not_allowed_for_audience", W, "Query strings cannot be registered for this sign-in audience", [REPLY_URL];
    "redirect.registered_invalid", W, "A registered URI breaks Entra's rules", [REPLY_URL];
    "redirect.too_many_registrations", W, "More redirect URIs than Entra allows", [REPLY_URL];
    "redirect.duplicate_registration", W, "The same redirect URI is registered twice", [REPLY_URL];
    "redirect.root_trailing_slash", I, "A URI with no path is answered at its root with a slash", [REPLY_URL];
    "redirect.wildcard_match", W, "Matched only by a wildcard registration", [REPLY_URL];
    "redirect.loopback_port_ignored", I, "Matched: Entra ignores the port of localhost URIs", [REPLY_URL, RFC8252_7_3];
    "redirect.exact_match", I, "The redirect URI is registered", [REPLY_URL];
    // The platform and flow rules.
    "redirect.platform_mismatch", E, "The redirect URI is registered under the wrong platform", [AUTH_CODE, ADD_REDIRECT];
    "redirect.ambiguous_localhost", W, "localhost URIs that differ only by port sit under different platforms", [REPLY_URL];
    "request.resource_on_v2", E, "The v1 resource parameter is sent to the v2 endpoint", [ERROR_CODES];
    "request.response_type_missing", E, "The request has no response_type", [AUTH_CODE];
    "request.response_type_invalid", E, "response_type has a value Entra does not accept", [AUTH_CODE, OAUTH_MRT];
    "request.response_type_no_code", W, "response_type does not ask for an authorization code", [AUTH_CODE, IMPLICIT];
    "request.implicit_grant_required", W, "Tokens from /authorize need implicit grant enabled", [IMPLICIT, AUTH_CODE];
    "request.response_mode_invalid", E, "response_mode has a value Entra does not accept", [AUTH_CODE];
    "request.response_mode_query_with_tokens", E, "Tokens cannot be returned in the query string", [AUTH_CODE, OAUTH_MRT];
    "request.response_mode_fragment_server", E, "A server-side app asks for the response in the fragment", [AUTH_CODE];
    "request.response_mode_form_post_spa", W, "form_post sends the code to a server, not to a single-page app", [AUTH_CODE];
    "request.pkce_missing", E, "No PKCE code_challenge", [AUTH_CODE, RFC7636_4_2];
    "request.code_challenge_method_invalid", E, "code_challenge_method is not S256 or plain", [ERROR_CODES, RFC7636_4_2];
    "request.code_challenge_invalid", E, "code_challenge has the wrong form", [ERROR_CODES, RFC7636_4_2];
    "request.pkce_plain", W, "PKCE uses the plain method", [AUTH_CODE, RFC7636_4_2];
    "request.scope_missing", E, "The request has no scope", [AUTH_CODE];
    "request.openid_missing", W, "The scope has no openid", [OIDC, ERROR_CODES];
    "request.nonce_missing", E, "An ID token is requested without a nonce", [OIDC, OIDC_CORE];
    "request.prompt_invalid", E, "prompt has a value Entra does not accept", [AUTH_CODE];
    "request.state_missing", W, "The request has no state", [AUTH_CODE, RFC6749_10_12];
    // What came back.
    "response.conditional_access", E, "Conditional Access blocked the sign-in", [ERROR_CODES, SIGNIN_LOG];
    "response.mfa_required", E, "Multi-factor authentication was required", [ERROR_CODES];
    "response.consent_required", E, "Consent is missing", [ERROR_CODES];
    "response.user_cancelled", E, "The user cancelled or declined", [ERROR_CODES, AUTH_CODE];
    "response.error", E, "Entra returned an error instead of a code", [ERROR_CODES, AUTH_CODE];
    "response.state_mismatch", E, "The state that came back differs from the one sent", [AUTH_CODE, RFC6749_10_12];
    "response.code_in_fragment", W, "The code came back in the fragment", [AUTH_CODE];
    "response.landing_differs", W, "The page you landed on is not the redirect URI that was sent", [AUTH_CODE];
    "response.no_code_no_error", E, "The landing URL carries neither a code nor an error", [AUTH_CODE];
    "response.library_error", E, "A sign-in library reported an error", [MSAL_JS_ERRORS, SAMESITE];
    "response.code_received", I, "An authorization code arrived", [AUTH_CODE];
    // HAR evidence: causes first, then effects, then context.
    "har.authorize_blocked", E, "The authorize request never reached Entra", [AUTH_CODE];
    "har.redirect_rewrote", E, "A redirect between Entra and the app changed the URL", [AUTH_CODE, PROXY];
    "har.form_post_not_posted", E, "The form_post response never reached the app as a POST", [AUTH_CODE];
    "har.code_lost", E, "The code was issued but the app never received it", [AUTH_CODE];
    // The token request's failure shows on the app's callback page: the cause first.
    "har.token_redirect_mismatch", E, "The token request's redirect_uri differs from the authorize one", [RFC6749_4_1_3, AUTH_CODE];
    "har.token_missing_verifier", E, "The token request's PKCE code_verifier is missing or does not match", [AUTH_CODE, RFC7636_4_2];
    "har.token_origin_platform", E, "The token request's Origin header contradicts the platform", [AUTH_CODE];
    "har.app_error", E, "The app failed on the callback", [AUTH_CODE, SAMESITE];
    "har.sign_in_loop", E, "The app sent the browser back to sign in after each code", [AUTH_CODE, SAMESITE];
    "har.entra_error_page", E, "Entra showed its own error page", [ERROR_CODES, RFC6749_4_1_2_1];
    "har.error_returned", E, "Entra redirected back with an error", [ERROR_CODES];
    "har.no_authorize", W, "The HAR has no authorize request", [];
    "har.sanitized_export", I, "The HAR was sanitised before export", [];
    "har.authorize_found", I, "Authorize request found in the HAR", [AUTH_CODE];
    "har.code_issued", I, "Entra issued an authorization code", [AUTH_CODE];
    "har.code_delivered", I, "The code reached the redirect URI", [AUTH_CODE];
    // Sign-in log evidence.
    "signin.ca_blocked", E, "The sign-in log shows a Conditional Access block", [SIGNIN_LOG, ERROR_CODES];
    "signin.mfa_required", E, "The sign-in log shows MFA was required", [SIGNIN_LOG, ERROR_CODES];
    "signin.user_cancelled", E, "The sign-in log shows the user cancelled", [SIGNIN_LOG, ERROR_CODES];
    "signin.failure", E, "The sign-in log shows a failed sign-in", [SIGNIN_LOG, ERROR_CODES];
    "signin.app_mismatch", W, "The sign-in log entries are for another application", [SIGNIN_LOG];
    "signin.no_failures", I, "The sign-in log shows no failure", [SIGNIN_LOG];
}

/// True for the findings that say an input could not be read (or was too large to read); a
/// note at information level (how a part was read, on firm evidence) is not one.
pub fn is_unreadable_input(f: &Finding) -> bool {
    f.severity != Severity::Info
        && matches!(
            f.code.as_str(),
            "input.authorize_unreadable"
                | "input.registered_unreadable"
                | "input.evidence_unreadable"
                | "input.callback_unreadable"
                | "input.too_large"
        )
}

/// The definition of a code, if it is one.
pub fn def(code: &str) -> Option<&'static CodeDef> {
    CODES.iter().find(|d| d.code == code)
}

/// The priority of a code: its position in [`CODES`] (unknown codes last).
pub fn rank(code: &str) -> usize {
    CODES
        .iter()
        .position(|d| d.code == code)
        .unwrap_or(CODES.len())
}

/// Starts a finding of this code with the table's severity, title and refs.
pub fn finding(code: &'static str) -> Finding {
    let d = def(code);
    debug_assert!(d.is_some(), "unknown finding code {code}");
    Finding {
        code: code.to_string(),
        severity: d.map_or(Severity::Info, |d| d.severity),
        title: d.map_or(code, |d| d.title).to_string(),
        detail: String::new(),
        fix: String::new(),
        refs: d
            .map(|d| d.refs.iter().map(|r| r.to_string()).collect())
            .unwrap_or_default(),
        snippets: Vec::new(),
        aadsts: None,
    }
}

/// The longest title, detail or fix text, in bytes. Texts quote the inputs,
/// and a hostile paste (a 100 KB URI, 50,000 registered URIs) would otherwise
/// make a finding megabytes long, which the page then has to lay out. The exact
/// values to copy are in the snippets, which are not shortened.
pub const MAX_TEXT: usize = 8 * 1024;

/// `t`, cut at a character boundary to at most `MAX_TEXT` bytes, saying how much was left out.
fn capped(t: String) -> String {
    if t.len() <= MAX_TEXT {
        return t;
    }
    let mut end = MAX_TEXT;
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    let left_out = t[end..].chars().count();
    format!("{} … ({left_out} more characters not shown)", &t[..end])
}

impl Finding {
    /// Replaces the title.
    pub fn title(mut self, t: impl Into<String>) -> Self {
        self.title = capped(t.into());
        self
    }
    /// Sets the detail (why).
    pub fn detail(mut self, t: impl Into<String>) -> Self {
        self.detail = capped(t.into());
        self
    }
    /// Sets the fix (what to change).
    pub fn fix(mut self, t: impl Into<String>) -> Self {
        self.fix = capped(t.into());
        self
    }
    /// Sets the severity.
    pub fn severity(mut self, s: Severity) -> Self {
        self.severity = s;
        self
    }
    /// Adds a string to copy.
    pub fn snippet(mut self, label: impl Into<String>, text: impl Into<String>) -> Self {
        self.snippets.push(super::report::Snippet {
            label: label.into(),
            text: text.into(),
        });
        self
    }
    /// Names the AADSTS code involved.
    pub fn aadsts(mut self, code: u32) -> Self {
        self.aadsts = Some(code);
        self
    }
    /// Adds a source.
    pub fn reference(mut self, r: impl Into<String>) -> Self {
        self.refs.push(r.into());
        self
    }
}

/// Orders findings: errors, then warnings, then info; each by table rank.
/// The sort is stable, so findings of one code keep the order they were made.
pub fn sort(findings: &mut Vec<Finding>) {
    super::order::by_key(findings, |f| {
        super::order::pair(f.severity as usize, rank(&f.code))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code SPEC §3.1 names (the minimum set).
    const SPEC_CODES: &str =
        "request.not_entra_authorize request.v1_endpoint request.tenant_invalid
        request.client_id_missing request.client_id_invalid request.placeholder_value
        request.duplicate_parameter request.redirect_uri_missing request.redirect_uri_invalid
        request.redirect_uri_double_encoded request.redirect_uri_unencoded
        request.response_type_missing request.response_type_invalid request.response_type_no_code
        request.implicit_grant_required request.response_mode_invalid
        request.response_mode_query_with_tokens request.response_mode_fragment_server
        request.response_mode_form_post_spa request.scope_missing request.openid_missing
        request.resource_on_v2 request.nonce_missing request.state_missing request.pkce_missing
        request.pkce_plain request.code_challenge_invalid request.code_challenge_method_invalid
        request.prompt_invalid redirect.exact_match redirect.loopback_port_ignored
        redirect.wildcard_match redirect.not_registered redirect.no_registrations
        redirect.scheme_mismatch redirect.host_mismatch redirect.host_case_mismatch
        redirect.port_mismatch redirect.default_port_explicit redirect.path_mismatch
        redirect.path_case_mismatch redirect.trailing_slash_mismatch redirect.query_mismatch
        redirect.fragment_present redirect.percent_encoding_mismatch redirect.invisible_characters
        redirect.confusable_characters redirect.localhost_vs_loopback_ip
        redirect.loopback_ipv6_unsupported redirect.http_not_localhost redirect.too_long
        redirect.unsupported_characters redirect.platform_mismatch redirect.duplicate_registration
        redirect.ambiguous_localhost redirect.registered_invalid redirect.too_many_registrations
        redirect.query_not_allowed_for_audience redirect.root_trailing_slash response.code_received
        response.error response.user_cancelled response.conditional_access response.mfa_required
        response.consent_required response.no_code_no_error response.code_in_fragment
        response.state_mismatch response.landing_differs response.library_error
        input.authorize_unreadable input.registered_unreadable input.too_large
        input.evidence_unreadable har.no_authorize har.authorize_found har.code_issued
        har.code_delivered har.code_lost har.redirect_rewrote har.form_post_not_posted
        har.error_returned har.entra_error_page har.token_redirect_mismatch
        har.token_missing_verifier har.token_origin_platform har.sanitized_export
        signin.no_failures signin.failure signin.ca_blocked signin.mfa_required
        signin.user_cancelled signin.app_mismatch";

    #[test]
    fn every_spec_code_is_defined_once() {
        for code in SPEC_CODES.split_whitespace() {
            let n = CODES.iter().filter(|d| d.code == code).count();
            assert_eq!(n, 1, "{code} defined {n} times");
        }
        let mut all: Vec<_> = CODES.iter().map(|d| d.code).collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), CODES.len(), "a code is defined twice");
    }

    #[test]
    fn specific_codes_outrank_generic_ones() {
        assert!(rank("redirect.trailing_slash_mismatch") < rank("redirect.path_mismatch"));
        assert!(rank("response.user_cancelled") < rank("response.error"));
        assert!(rank("redirect.scheme_mismatch") < rank("har.entra_error_page"));
        assert!(rank("request.client_id_invalid") < rank("request.redirect_uri_invalid"));
        assert!(rank("request.redirect_uri_double_encoded") < rank("request.redirect_uri_invalid"));
    }

    #[test]
    fn long_texts_are_cut_at_a_character_boundary_and_say_so() {
        let long = "é".repeat(MAX_TEXT); // 2 bytes each
        let f = finding("redirect.path_mismatch")
            .detail(long.clone())
            .fix("short");
        assert!(f.detail.len() < MAX_TEXT + 64, "{}", f.detail.len());
        assert!(f.detail.starts_with(&long[..MAX_TEXT]));
        assert!(f
            .detail
            .ends_with(&format!("({} more characters not shown)", MAX_TEXT / 2)));
        assert_eq!(f.fix, "short");
        let odd = format!("a{}", "é".repeat(MAX_TEXT));
        let f = finding("redirect.path_mismatch").detail(odd);
        assert!(f.detail.starts_with('a') && f.detail.contains(" … ("));
    }

    #[test]
    fn sort_puts_errors_first_by_rank() {
        let mut f = vec![
            finding("redirect.exact_match"),
            finding("response.error"),
            finding("request.state_missing"),
            finding("response.user_cancelled"),
        ];
        sort(&mut f);
        let codes: Vec<_> = f.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "response.user_cancelled",
                "response.error",
                "request.state_missing",
                "redirect.exact_match"
            ]
        );
    }

    #[test]
    fn finding_takes_table_defaults() {
        let f = finding("redirect.http_not_localhost");
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.refs.iter().any(|r| r.contains("reply-url")));
    }
}
