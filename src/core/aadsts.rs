//! An offline catalogue of Microsoft Entra `AADSTS` error codes.
//!
//! Built from Microsoft's public error-code reference (descriptions are
//! paraphrased, one sentence each) plus a few codes that only users have
//! reported, which say so in their summary. Microsoft warns that codes and
//! texts change over time; [`error_lookup_url`] points at the live lookup page.
//!
//! `oauth_error` is set only where there is evidence for the OAuth `error`
//! value that comes with a code; a guess from the code's internal name is not
//! evidence, so most entries leave it `None`.
//!
//! Everything here is plain `std` and never panics on any input text.

use std::collections::HashSet;

/// Where an error shows up in the authorization code flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Appears {
    /// On Entra's own page; the browser is not sent back to the app.
    Page,
    /// In the redirect back to the app (`error=` and `error_description=`).
    Redirect,
    /// In the JSON error body of the `/token` endpoint.
    Token,
    /// In more than one of these places.
    Any,
    /// Not documented.
    Unknown,
}

impl Appears {
    /// A stable lower-case name: `page`, `redirect`, `token`, `any`, `unknown`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Appears::Page => "page",
            Appears::Redirect => "redirect",
            Appears::Token => "token",
            Appears::Any => "any",
            Appears::Unknown => "unknown",
        }
    }
}

/// What kind of problem a code points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// The redirect URI: missing, malformed, not registered, or changed between legs.
    RedirectUri,
    /// The app registration or its credentials (client ID, secret, platform type).
    Client,
    /// A malformed or unsupported request parameter.
    Request,
    /// Proof Key for Code Exchange.
    Pkce,
    /// A Conditional Access or security policy block.
    ConditionalAccess,
    /// Multifactor authentication needed, expired or not registered.
    Mfa,
    /// Consent or app permissions.
    Consent,
    /// The user said no.
    UserCancelled,
    /// The user's account: wrong tenant, disabled, locked, wrong password, not assigned.
    UserAccount,
    /// The sign-in session or an interaction needed to continue it.
    Session,
    /// A token, code or assertion that is invalid, expired or already used.
    Token,
    /// A passing service problem; retrying may help.
    Transient,
    /// The tenant, the authority segment or the cloud.
    Tenant,
    /// Anything else (federation, SAML, devices, interrupts).
    Other,
}

impl Category {
    /// A stable snake_case name, e.g. `redirect_uri`, `conditional_access`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Category::RedirectUri => "redirect_uri",
            Category::Client => "client",
            Category::Request => "request",
            Category::Pkce => "pkce",
            Category::ConditionalAccess => "conditional_access",
            Category::Mfa => "mfa",
            Category::Consent => "consent",
            Category::UserCancelled => "user_cancelled",
            Category::UserAccount => "user_account",
            Category::Session => "session",
            Category::Token => "token",
            Category::Transient => "transient",
            Category::Tenant => "tenant",
            Category::Other => "other",
        }
    }
}

/// One catalogued code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AadstsInfo {
    /// The number after `AADSTS`.
    pub code: u32,
    /// Entra's internal name for the code, or `""` when none is published.
    pub name: &'static str,
    /// What the code means, in one sentence.
    pub summary: &'static str,
    /// The OAuth `error` value that comes with it, only where there is evidence.
    pub oauth_error: Option<&'static str>,
    /// Where the error shows up.
    pub appears: Appears,
    /// What kind of problem it is.
    pub category: Category,
    /// What to do, in one sentence, or `""`.
    pub hint: &'static str,
}

/// Looks a code up in the catalogue.
pub fn lookup(code: u32) -> Option<&'static AadstsInfo> {
    let idx = TABLE.binary_search_by_key(&code, |info| info.code).ok()?;
    TABLE.get(idx)
}

/// The whole catalogue, sorted by code.
pub fn all() -> &'static [AadstsInfo] {
    TABLE
}

/// Entra's own lookup page for a code.
pub fn error_lookup_url(code: u32) -> String {
    format!("https://login.microsoftonline.com/error?code={code}")
}

/// The prefix of a documented code mention (`AADSTS50011`).
const PREFIX: &[u8] = b"AADSTS";
/// The key of the code list in a `/token` error body.
const ERROR_CODES_KEY: &[u8] = b"error_codes";
/// Shortest and longest digit runs taken as a code (real codes have 5 to 7
/// digits; 9 digits always fit in a `u32`).
const MIN_DIGITS: usize = 4;
const MAX_DIGITS: usize = 9;

/// Every AADSTS code mentioned in free text, in order of first appearance and
/// without duplicates.
///
/// Recognises the documented form `AADSTSnnnnn` (any letter case, no space,
/// the digits not glued to a following letter or digit) and the JSON array of
/// `/token` error bodies, `"error_codes":[50011,70002]`, also when the JSON is
/// itself escaped inside another JSON string (as in a HAR export). Runs in
/// time linear in the length of `text`.
pub fn codes_in(text: &str) -> Vec<u32> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |code: u32| {
        if code != 0 && seen.insert(code) {
            found.push(code);
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        if starts_with_ci(bytes, i, PREFIX) {
            let start = i + PREFIX.len();
            let end = digit_run_end(bytes, start);
            if !glued_to_word(text, end) {
                if let Some(code) = parse_code(bytes, start, end) {
                    push(code);
                }
            }
            i = end.max(i + 1);
        } else if starts_with_ci(bytes, i, ERROR_CODES_KEY) {
            i = read_error_codes(bytes, i + ERROR_CODES_KEY.len(), &mut push);
        } else {
            i += 1;
        }
    }
    // The personal-account (converged MSA) form of a redirect URI mismatch names no code:
    // it is AADSTS50011's.
    if seen.is_empty() && contains_ci(text, MSA_REDIRECT_MISMATCH) {
        found.push(50011);
    }
    found
}

/// The personal-account sign-in's words for AADSTS50011.
const MSA_REDIRECT_MISMATCH: &str = "value for the input parameter 'redirect_uri' is not valid";

fn contains_ci(hay: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    hay.len() >= n.len()
        && hay
            .as_bytes()
            .windows(n.len())
            .any(|w| w.eq_ignore_ascii_case(n))
}

/// The message a text gives after `AADSTS{code}:`, to the end of its segment (line, quote or
/// Entra's trailer); `None` when the code is not followed by one.
pub fn message_of(text: &str, code: u32) -> Option<&str> {
    let bytes = text.as_bytes();
    let needle = format!("AADSTS{code}");
    let mut from = 0;
    while let Some(at) = find_ci(bytes, from, needle.as_bytes()) {
        let after = at + needle.len();
        from = after;
        // Not a longer code (AADSTS500112 for 50011).
        if bytes.get(after).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let rest = text.get(after..)?;
        let start = after + (rest.len() - rest.trim_start_matches([':', ' ']).len());
        let end = segment_end(bytes, start);
        let m = text.get(start..end)?.trim();
        // The next code's own message starts where another AADSTS code does.
        let m = m
            .get(..find_ci(m.as_bytes(), 0, b"AADSTS").unwrap_or(m.len()))?
            .trim();
        return (m.len() > 3).then_some(m);
    }
    None
}

/// For the AADSTS240004 / AADSTS240003 texts ("Authorization code not
/// received from authorize endpoint call. Error: {errorInfo}."), the wrapped
/// `{errorInfo}` text after `Error:`, trimmed and without the template's
/// final period; `None` when the text has no such part (or only the literal
/// placeholder).
pub fn inner_error_info(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let anchor_end = [
        &b"authorize endpoint call"[..],
        &b"AADSTS240004"[..],
        &b"AADSTS240003"[..],
    ]
    .iter()
    .find_map(|needle| find_ci(bytes, 0, needle).map(|at| at + needle.len()))?;
    let segment_end = segment_end(bytes, anchor_end);
    let segment = bytes.get(..segment_end)?;
    let marker = b"error:";
    let Some(at) = find_ci(segment, anchor_end, marker) else {
        // Entra's text in another language ('… Fehler: AADSTS50011: …') has no English
        // 'Error:': the wrapped error is the next AADSTS code, or OAuth error, after the anchor.
        let at = find_ci(segment, anchor_end, b"AADSTS").or_else(|| {
            WRAPPED_OAUTH
                .iter()
                .filter_map(|w| find_ci(segment, anchor_end, w.as_bytes()))
                .min()
        })?;
        let inner = text.get(at..segment_end)?.trim();
        return Some(inner.strip_suffix('.').unwrap_or(inner).trim_end());
    };
    let at = at + marker.len();
    let starts = at + (bytes.get(at..)?.len() - text.get(at..)?.trim_start().len());
    if bytes.get(starts) == Some(&b'{') {
        return wrapped_json_error(text, starts);
    }
    let inner = text.get(at..segment_end)?.trim();
    let inner = inner.strip_suffix('.').unwrap_or(inner).trim_end();
    if inner.is_empty() || inner.eq_ignore_ascii_case("{errorInfo}") {
        None
    } else {
        Some(inner)
    }
}

/// The wrapped error when it is a JSON object (`Error: {"error":"invalid_request",
/// "error_description":"AADSTS50011: …"}`, its quotes possibly escaped): its
/// `error_description`, else its `error`, up to the value's closing quote.
fn wrapped_json_error(text: &str, from: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    // The object ends at the line's end at most (a wrapped object is on one line).
    let end = bytes
        .get(from..)?
        .iter()
        .position(|b| matches!(b, b'\r' | b'\n'))
        .map_or(bytes.len(), |p| p + from);
    let object = bytes.get(..end)?;
    ["error_description", "error"].iter().find_map(|key| {
        let mut search = from;
        while let Some(k) = find_ci(object, search, key.as_bytes()) {
            search = k + key.len();
            // Only the key itself: `"error"` followed by its quote, then `:`.
            let mut i = search;
            while matches!(object.get(i), Some(b'"' | b'\\' | b' ')) {
                i += 1;
            }
            if object.get(i) != Some(&b':') {
                continue;
            }
            i += 1;
            while matches!(object.get(i), Some(b'"' | b'\\' | b' ')) {
                i += 1;
            }
            let value_end = segment_end(object, i);
            let value = text.get(i..value_end)?.trim();
            let value = value.strip_suffix('.').unwrap_or(value).trim_end();
            if !value.is_empty() {
                return Some(value);
            }
        }
        None
    })
}

/// The OAuth errors an AADSTS240004 / 240003 wraps, as their text names them.
const WRAPPED_OAUTH: [&str; 9] = [
    "access_denied",
    "interaction_required",
    "login_required",
    "consent_required",
    "invalid_request",
    "unauthorized_client",
    "invalid_client",
    "server_error",
    "temporarily_unavailable",
];

/// What to do about the OAuth error an AADSTS240004 / 240003 wraps (`access_denied`), when it
/// is one; a wrapped AADSTS code is judged as that code.
pub fn wrapped_oauth_fix(inner: &str) -> Option<&'static str> {
    let word = inner
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find(|w| !w.is_empty())?
        .to_ascii_lowercase();
    Some(match word.as_str() {
        "access_denied" => "The wrapped error is access_denied: the user declined or cancelled, consent was refused, or a Conditional Access policy blocked the sign-in. Open the sign-in log entry (by its correlation ID) for the failure reason and the Conditional Access tab.",
        "interaction_required" | "login_required" | "consent_required" => "The wrapped error needs the user: a silent or background sign-in found no usable session, or consent or MFA is due. Sign in interactively (prompt=select_account), then retry.",
        "invalid_request" => "The wrapped error is invalid_request: a parameter of the authorize call was refused. Look the sign-in up by its correlation ID for the AADSTS code, and check redirect_uri, response_type and scope.",
        "unauthorized_client" | "invalid_client" => "The wrapped error says the app may not use this flow or is unknown here: check the client ID, the tenant and the app's platform settings.",
        "server_error" | "temporarily_unavailable" => "The wrapped error is Entra's own: retry after a moment; if it persists, open a support case with the correlation ID.",
        _ => return None,
    })
}

/// Whether `needle` (ASCII) starts at byte `at` of `hay`, ignoring ASCII case.
fn starts_with_ci(hay: &[u8], at: usize, needle: &[u8]) -> bool {
    hay.get(at..at.saturating_add(needle.len()))
        .is_some_and(|window| window.eq_ignore_ascii_case(needle))
}

/// The first position at or after `from` where `needle` (ASCII, non-empty)
/// starts, ignoring ASCII case.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    hay.get(from..)?
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
        .map(|pos| pos + from)
}

/// The end of the run of ASCII digits starting at `start`.
fn digit_run_end(bytes: &[u8], start: usize) -> usize {
    let run = bytes.get(start..).map_or(0, |rest| {
        rest.iter().take_while(|b| b.is_ascii_digit()).count()
    });
    start + run
}

/// Whether the character at byte `end` (just after a digit run) is a letter
/// or digit, which makes the run part of a longer word.
fn glued_to_word(text: &str, end: usize) -> bool {
    text.get(end..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// The digits `bytes[start..end]` as a code, if their count is plausible.
fn parse_code(bytes: &[u8], start: usize, end: usize) -> Option<u32> {
    let len = end.checked_sub(start)?;
    if !(MIN_DIGITS..=MAX_DIGITS).contains(&len) {
        return None;
    }
    bytes.get(start..end)?.iter().try_fold(0u32, |acc, b| {
        acc.checked_mul(10)?
            .checked_add(u32::from(b.wrapping_sub(b'0')))
    })
}

/// Reads `":[50011, 70002]` after an `error_codes` key (quotes possibly
/// backslash-escaped), passing each code on; returns where scanning resumes.
fn read_error_codes(bytes: &[u8], mut i: usize, push: &mut impl FnMut(u32)) -> usize {
    let at = |i: usize| bytes.get(i).copied();
    let skip = |mut i: usize, set: &[u8]| {
        while at(i).is_some_and(|b| set.contains(&b)) {
            i += 1;
        }
        i
    };
    const SPACE: &[u8] = b" \t\r\n";
    const QUOTE: &[u8] = b"\"'\\";
    i = skip(skip(i, QUOTE), SPACE);
    if at(i) != Some(b':') {
        return i;
    }
    i = skip(i + 1, SPACE);
    if at(i) != Some(b'[') {
        return i;
    }
    i += 1;
    loop {
        i = skip(skip(i, SPACE), QUOTE);
        let end = digit_run_end(bytes, i);
        if end == i {
            return i;
        }
        if let Some(code) = parse_code(bytes, i, end) {
            push(code);
        }
        i = skip(skip(end, QUOTE), SPACE);
        match at(i) {
            Some(b',') => i += 1,
            Some(b']') => return i + 1,
            _ => return i,
        }
    }
}

/// Where the one-line error text starting at `from` ends: a line break (real
/// or JSON-escaped), a double quote, or Entra's `Trace ID:` /
/// `Correlation ID:` / `Timestamp:` trailer.
pub(crate) fn segment_end(bytes: &[u8], from: usize) -> usize {
    const TRAILERS: [&[u8]; 6] = [
        b"\\r",
        b"\\n",
        b"\\\"",
        b"Trace ID:",
        b"Correlation ID:",
        b"Timestamp:",
    ];
    let mut i = from;
    while i < bytes.len() {
        if bytes
            .get(i)
            .is_some_and(|b| matches!(b, b'\r' | b'\n' | b'"'))
            || TRAILERS.iter().any(|t| starts_with_ci(bytes, i, t))
        {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

/// Builds one table entry.
const fn e(
    code: u32,
    name: &'static str,
    summary: &'static str,
    oauth_error: Option<&'static str>,
    appears: Appears,
    category: Category,
    hint: &'static str,
) -> AadstsInfo {
    AadstsInfo {
        code,
        name,
        summary,
        oauth_error,
        appears,
        category,
        hint,
    }
}

use Appears as A;
use Category as C;

/// The catalogue, sorted by code (binary search relies on it; a test checks).
static TABLE: &[AadstsInfo] = &[
    e(16000, "InteractionRequired", "The account from this identity provider does not exist in the tenant and cannot use the app there; common when a personal Microsoft account without a directory signs in.", None, A::Any, C::UserAccount, "Add the account to the tenant as an external user, or sign in with an account that belongs to the tenant."),
    e(16001, "UserAccountSelectionInvalid", "The account tile the user picked was rejected by session selection; a refreshed list of accounts is offered.", None, A::Page, C::Session, "Have the user pick the account again or choose another account."),
    e(16002, "AppSessionSelectionInvalid", "The session requirement (sid) specified by the app was not met.", None, A::Page, C::Session, "Start a new sign-in without pinning a session."),
    e(16003, "SsoUserAccountNotFoundInResourceTenant", "The user has not been explicitly added to the tenant.", None, A::Page, C::UserAccount, "Add or invite the user to the resource tenant."),
    e(17003, "CredentialKeyProvisioningFailed", "Entra could not provision the user's key.", None, A::Unknown, C::Other, ""),
    e(20001, "WsFedSignInResponseError", "The federated identity provider returned a sign-in response Entra could not use.", None, A::Page, C::Other, "Ask the administrator of the federated identity provider to look into its response."),
    e(20012, "WsFedMessageInvalid", "The WS-Federation message from the federated identity provider is invalid.", None, A::Page, C::Other, "Ask the administrator of the federated identity provider to look into its response."),
    e(20033, "FedMetadataInvalidTenantName", "The federation metadata names an invalid tenant.", None, A::Page, C::Other, "Ask the administrator of the federated identity provider to look into its response."),
    e(28002, "", "The scope given when requesting an access token is not valid.", None, A::Token, C::Request, "Send a valid scope in the token request."),
    e(28003, "", "The scope was empty when redeeming an authorization code for an access token.", None, A::Token, C::Request, "Send a non-empty scope when redeeming the code."),
    e(40008, "OAuth2IdPUnretryableServerError", "The federated OAuth identity provider reported a non-retryable server error.", None, A::Page, C::Other, "Ask the administrator of the federated identity provider to look into its response."),
    e(40009, "OAuth2IdPRefreshTokenRedemptionUserError", "Redeeming a refresh token at the federated identity provider failed.", None, A::Unknown, C::Other, "Ask the administrator of the federated identity provider to look into its response."),
    e(40010, "OAuth2IdPRetryableServerError", "The federated OAuth identity provider reported a retryable server error.", None, A::Page, C::Transient, "Retry; if it persists, contact the federated identity provider's administrator."),
    e(40015, "OAuth2IdPAuthCodeRedemptionUserError", "Redeeming an authorization code at the federated identity provider failed.", None, A::Unknown, C::Other, "Ask the administrator of the federated identity provider to look into its response."),
    e(50000, "TokenIssuanceError", "The sign-in service had an internal problem issuing the token.", None, A::Any, C::Transient, "Retry after a short pause; if it keeps failing, open a support request with the correlation ID."),
    e(50001, "InvalidResource", "The requested resource is disabled or does not exist.", None, A::Page, C::Request, "Check that the resource URI or scope in the request is exactly right."),
    e(50002, "NotAllowedTenant", "Sign-in failed because the tenant restricts access through a proxy.", None, A::Page, C::Tenant, "If it is your own tenant's restriction, change the restricted tenant settings."),
    e(50003, "MissingSigningKey", "No signing key or certificate is configured for the app.", None, A::Page, C::Client, "Configure a signing certificate for the app (for SAML apps, in its single sign-on settings)."),
    e(50005, "DevicePolicyError", "The user signed in from a device platform that Conditional Access does not support.", None, A::Page, C::ConditionalAccess, "Check the Conditional Access policy's device platform conditions in the sign-in log."),
    e(50006, "InvalidSignature", "Signature verification failed because the signature is invalid.", None, A::Unknown, C::Other, ""),
    e(50007, "PartnerEncryptionCertificateMissing", "The partner encryption certificate for the app was not found.", None, A::Unknown, C::Client, "Open a support request; the certificate must be restored on the service side."),
    e(50008, "InvalidSamlToken", "The SAML assertion in the token is missing or misconfigured.", None, A::Page, C::Other, "Ask the administrator of the federated identity provider to look into its response."),
    e(50010, "AudienceUriValidationFailed", "Audience validation for the app failed because no token audiences are configured.", None, A::Unknown, C::Client, "Configure the app's identifier (audience)."),
    e(50011, "InvalidReplyTo", "The redirect URI (reply address) in the request is missing or does not exactly match any redirect URI registered for the app.", None, A::Page, C::RedirectUri, "Register the exact redirect_uri the request sends (character for character, under the right platform), or make the app send one that is registered."),
    e(50012, "AuthenticationFailed", "Client or certificate authentication failed, for example an untrusted certificate chain or an invalid client assertion signature.", None, A::Token, C::Client, "Check the certificate or client assertion the app presents."),
    e(50013, "InvalidAssertion", "The assertion is invalid: wrong issuer, expired, malformed, or not a primary refresh token.", None, A::Token, C::Token, "Send a fresh, valid assertion."),
    e(50014, "GuestUserInPendingState", "The account does not exist in this directory; the app probably sent the user to the wrong tenant.", None, A::Page, C::UserAccount, "Use the right tenant in the authority, or add the user to this tenant as a guest."),
    e(50015, "ViralUserLegalAgeConsentRequiredState", "The user needs legal age group consent.", None, A::Page, C::UserAccount, ""),
    e(50017, "CertificateValidationFailed", "Certificate validation failed, for example an untrusted issuer or an unavailable revocation list.", None, A::Page, C::Other, "Ask the tenant administrator to check the certificate authorities and revocation list settings."),
    e(50020, "UserUnauthorized", "The user's account from this identity provider does not exist in the tenant and cannot access the app there.", None, A::Page, C::UserAccount, "Invite the user as an external (B2B) user, or sign in with an account of the tenant."),
    e(50027, "InvalidJwtToken", "The JWT is invalid: a missing nonce or sub claim, an unexpected issuer or audience, outside its time range, or a bad format.", None, A::Token, C::Token, "Check the token's claims, issuer, audience and lifetime."),
    e(50029, "", "Invalid URI: the domain name contains invalid characters.", None, A::Unknown, C::Other, "Contact the tenant administrator."),
    e(50032, "WeakRsaKey", "An attempt was made to use a weak RSA key.", None, A::Unknown, C::Other, ""),
    e(50033, "RetryableError", "A transient error unrelated to database operations occurred.", None, A::Any, C::Transient, "Retry after a short pause; if it keeps failing, open a support request with the correlation ID."),
    e(50034, "UserAccountNotFound", "The account is not in the directory: the username is mistyped, or the app chose the wrong tenant.", None, A::Page, C::UserAccount, "Check the username and the tenant; add the user as a guest if they should have access."),
    e(50042, "UnableToGeneratePairwiseIdentifierWithMissingSalt", "The salt needed to generate a pairwise identifier is missing.", None, A::Unknown, C::Other, "Contact the tenant administrator."),
    e(50048, "SubjectMismatchesIssuer", "The subject does not match the issuer claim in the client assertion.", None, A::Token, C::Client, "Make the client assertion's sub and iss both the app's client ID."),
    e(50049, "NoSuchInstanceForDiscovery", "The instance named in the request is unknown or invalid.", None, A::Unknown, C::Request, "Check the authority host in the request."),
    e(50050, "MalformedDiscoveryRequest", "The discovery request is malformed.", None, A::Unknown, C::Request, ""),
    e(50053, "IdsLocked", "The account is locked after too many failed attempts, or the sign-in came from an IP address with malicious activity.", None, A::Page, C::UserAccount, "Check the failure reason of this sign-in in the sign-in logs."),
    e(50055, "InvalidPasswordExpiredPassword", "The user's password has expired.", None, A::Page, C::UserAccount, "Have the user reset the password."),
    e(50056, "", "The password is invalid or empty: none exists in the directory for this user.", None, A::Page, C::UserAccount, "Have the user enter the password again."),
    e(50057, "UserDisabled", "The user account is disabled.", None, A::Page, C::UserAccount, "An administrator must re-enable the account."),
    e(50058, "UserInformationNotProvided", "No user is signed in (no usable single sign-on session); expected when prompt=none is sent and there is no session.", Some("login_required"), A::Redirect, C::Session, "Retry the sign-in interactively, without prompt=none."),
    e(50059, "MissingTenantRealmAndNoUserInformationProvided", "No tenant could be found in the request or from the credentials.", None, A::Page, C::Tenant, "Use a tenant-specific authority or a login hint."),
    e(50061, "SignoutInvalidRequest", "Sign-out could not complete because the request was invalid.", None, A::Page, C::Other, ""),
    e(50064, "CredentialAuthenticationError", "Validation of the username or password failed.", None, A::Page, C::UserAccount, ""),
    e(50068, "SignoutInitiatorNotParticipant", "Sign-out failed: the app that started it is not part of the current session.", None, A::Page, C::Other, ""),
    e(50070, "SignoutUnknownSessionIdentifier", "Sign-out failed: the name identifier does not match any existing session.", None, A::Page, C::Other, ""),
    e(50071, "SignoutMessageExpired", "The logout request has expired.", None, A::Page, C::Other, ""),
    e(50072, "UserStrongAuthEnrollmentRequiredInterrupt", "The user must enroll a second authentication factor (interactive).", None, A::Page, C::Mfa, "Let the user complete MFA registration, then sign in again."),
    e(50074, "UserStrongAuthClientAuthNRequiredInterrupt", "Strong authentication is required and the user did not pass the MFA challenge.", None, A::Page, C::Mfa, "Have the user complete the MFA challenge."),
    e(50076, "UserStrongAuthClientAuthNRequired", "Multifactor authentication is required for the resource (Conditional Access, per-user MFA, or a new location).", None, A::Any, C::Mfa, "Send a new interactive authorize request for the resource so the user can complete MFA."),
    e(50078, "UserStrongAuthExpired", "The multifactor authentication presented has expired under the administrator's policies.", None, A::Token, C::Mfa, "Sign in interactively again to refresh MFA."),
    e(50079, "UserStrongAuthEnrollmentRequired", "The user must register for multifactor authentication (or a federated user needs the MFA claim from the identity provider).", None, A::Page, C::Mfa, "Have the user register security info, then sign in again."),
    e(50085, "", "The refresh token needs a sign-in at the social identity provider.", None, A::Token, C::Token, "Have the user sign in again interactively."),
    e(50086, "SasNonRetryableError", "The strong authentication service returned a non-retryable error.", None, A::Page, C::Mfa, "Find the entry in the sign-in logs by its correlation ID for the detailed reason."),
    e(50087, "SasRetryableError", "A transient error occurred during strong authentication.", None, A::Page, C::Transient, "Have the user try again."),
    e(50088, "", "The limit on telephone MFA calls was reached.", None, A::Page, C::Mfa, "Try again in a few minutes or use another MFA method."),
    e(50089, "", "The flow token expired; codes, refresh tokens and sessions expire or get revoked over time.", None, A::Page, C::Session, "Start a new sign-in."),
    e(50097, "DeviceAuthenticationRequired", "Device authentication is required.", None, A::Page, C::Other, "Sign in from a registered device."),
    e(50098, "", "A required field is missing from the JWT body.", None, A::Token, C::Request, ""),
    e(50099, "PKeyAuthInvalidJwtUnauthorized", "The JWT signature is invalid.", None, A::Unknown, C::Other, ""),
    e(50100, "", "Transforming the claims for the token failed.", None, A::Unknown, C::Client, "Check the app's claims mapping configuration."),
    e(50105, "EntitlementGrantsNotFound", "The signed-in user is not assigned to the app, which requires assignment.", None, A::Page, C::UserAccount, "Assign the user (or a group containing them) to the enterprise application."),
    e(50107, "", "The requested federation realm does not exist; the sign-in request did not match any authentication endpoint.", None, A::Page, C::Request, "For SAML or WS-Federation: make the app send, as its Issuer or wtrealm, an Identifier (Entity ID) configured on the Enterprise application, letter for letter, and send it to the tenant that holds the app (its tenant ID in the sign-in URL, not /common)."),
    e(50120, "", "Unknown credential type: there is a problem with the JWT header.", None, A::Token, C::Token, "Contact the tenant administrator."),
    e(50124, "", "The app's claims transformation uses an invalid regular expression.", None, A::Unknown, C::Client, "Fix the claims mapping configuration."),
    e(50125, "PasswordResetRegistrationRequiredInterrupt", "Sign-in was interrupted for a password reset or password reset registration.", None, A::Page, C::UserAccount, "Let the user finish the password reset step."),
    e(50126, "InvalidUserNameOrPassword", "The username or password is wrong.", None, A::Page, C::UserAccount, "Have the user enter the right credentials."),
    e(50127, "BrokerAppNotInstalled", "The user must install a broker app to get access.", None, A::Page, C::Other, "Install the required broker app (for example the authenticator or company portal)."),
    e(50128, "", "Invalid domain name: no tenant information in the request or the credentials.", None, A::Page, C::Tenant, "Check the tenant in the authority and the user's domain."),
    e(50129, "DeviceIsNotWorkplaceJoined", "Workplace join is required to register the device.", None, A::Page, C::Other, ""),
    e(50131, "ConditionalAccessFailed", "A Conditional Access check failed, for example device state, suspicious activity, or a security policy decision.", None, A::Page, C::ConditionalAccess, "Check the Conditional Access result of this sign-in in the sign-in logs."),
    e(50132, "SsoArtifactInvalidOrExpired", "The session is no longer valid because the password expired or was recently changed.", None, A::Any, C::Session, "Sign in again interactively."),
    e(50133, "SsoArtifactRevoked", "The session was revoked after a password expiry or change.", None, A::Any, C::Session, "Sign in again interactively."),
    e(50134, "DeviceFlowAuthorizeWrongDatacenter", "The device code flow was authorized in a different data center than the one holding the request.", None, A::Page, C::Other, ""),
    e(50135, "PasswordChangeCompromisedPassword", "A password change is required because the account is at risk.", None, A::Page, C::UserAccount, "Have the user change the password."),
    e(50136, "RedirectMsaSessionToApp", "A single personal Microsoft account session was detected.", None, A::Page, C::Session, ""),
    e(50137, "", "The password must be changed because of a security policy rule.", None, A::Page, C::UserAccount, "Have the user change the password."),
    e(50139, "SessionMissingMsaOAuth2RefreshToken", "The session is invalid because an external refresh token is missing.", None, A::Unknown, C::Session, "Sign in again interactively."),
    e(50140, "KmsiInterrupt", "The \"Keep me signed in\" prompt interrupted the sign-in; this is an expected step, not a failure.", None, A::Page, C::Other, "No action needed unless the flow stops here."),
    e(50142, "", "A password change is required by a Conditional Access policy.", None, A::Page, C::ConditionalAccess, "Have the user change the password."),
    e(50143, "", "Session mismatch: the user's tenant does not match the domain hint.", None, A::Page, C::Session, "Remove or correct the domain_hint."),
    e(50144, "InvalidPasswordExpiredOnPremPassword", "The user's on-premises Active Directory password has expired.", None, A::Page, C::UserAccount, "Reset the password or use self-service password reset."),
    e(50146, "MissingCustomSigningKey", "The app must have an app-specific signing key, and it has none or the key is expired or not yet valid.", None, A::Unknown, C::Client, "Configure a valid signing key for the app."),
    e(50147, "MissingCodeChallenge", "The code_challenge parameter has an invalid size.", None, A::Unknown, C::Pkce, "Send a code_challenge of 43 base64url characters (S256 of the verifier)."),
    e(50148, "", "The code_verifier does not match the code_challenge sent in the authorization request.", Some("invalid_grant"), A::Token, C::Pkce, "Redeem the code with the same code_verifier whose challenge was sent to the authorize endpoint."),
    e(50149, "", "The code_challenge_method parameter is invalid.", None, A::Unknown, C::Pkce, "Use code_challenge_method=S256."),
    e(50150, "", "The credentials do not carry valid user consent approval information.", None, A::Unknown, C::Other, ""),
    e(50155, "DeviceAuthenticationFailed", "Device authentication failed for this user.", None, A::Page, C::Other, ""),
    e(50156, "", "Device tokens are not supported for a v2 resource.", None, A::Unknown, C::Other, ""),
    e(50157, "", "The user must be redirected for routing.", None, A::Unknown, C::Other, ""),
    e(50158, "", "An external security challenge (such as terms of use or third-party MFA) must be satisfied first; this alone does not mean the sign-in failed.", Some("interaction_required"), A::Any, C::Mfa, "Let the user complete the extra challenge; the sign-in logs show whether it passed."),
    e(50159, "", "The claims sent by the external provider are not sufficient.", None, A::Unknown, C::Other, ""),
    e(50161, "", "The authorization URL of the external claims provider could not be validated.", None, A::Unknown, C::Other, ""),
    e(50162, "", "The claims transformation timed out; a retry may succeed.", None, A::Unknown, C::Client, "Simplify the app's claims transformations."),
    e(50164, "", "The access token was not issued for the purpose it is being used for.", None, A::Token, C::Token, ""),
    e(50165, "", "The token encryption algorithm the app requested is not supported for this token type.", None, A::Unknown, C::Client, "Fix the app's token encryption settings."),
    e(50166, "", "A request to the external OpenID Connect endpoint failed.", None, A::Unknown, C::Other, "Ask the administrator of the federated identity provider to look into its response."),
    e(50168, "", "The client could use the Windows accounts extension for single sign-on but sent no valid SSO token, so sign-in was interrupted to fetch one.", None, A::Page, C::Session, ""),
    e(50169, "InvalidRequestBadRealm", "The realm is not configured in the current service namespace.", None, A::Unknown, C::Request, ""),
    e(50170, "MissingExternalClaimsProviderMapping", "The mapping for external controls is missing.", None, A::Unknown, C::Other, ""),
    e(50172, "", "The external claims provider is not approved.", None, A::Unknown, C::Other, ""),
    e(50173, "", "The grant has expired or been revoked, for example after a password change or reset; a new sign-in is needed.", None, A::Token, C::Token, "Start a new interactive sign-in to get fresh tokens."),
    e(50176, "", "The definition of an external control is missing.", None, A::Unknown, C::Other, ""),
    e(50177, "ExternalChallengeNotSupportedForPassthroughUsers", "External challenges are not supported for passthrough users.", None, A::Page, C::Other, ""),
    e(50178, "SessionControlNotSupportedForPassthroughUsers", "Session controls are not supported for passthrough users.", None, A::Page, C::Other, ""),
    e(50180, "WindowsIntegratedAuthMissing", "Integrated Windows authentication is needed; the tenant must be enabled for Seamless SSO.", None, A::Page, C::Other, ""),
    e(50187, "DeviceInformationNotProvided", "The service could not perform device authentication.", None, A::Page, C::Other, ""),
    e(50192, "RawCredentialExpectedNotFound", "No credential was included in the sign-in request, for example a client certificate removed by a proxy.", None, A::Page, C::Other, "Check whether a proxy strips the client certificate."),
    e(50194, "", "The app is not multitenant, so the /common endpoint is not supported for it.", None, A::Page, C::Tenant, "Use a tenant-specific authority (or /organizations for multitenant apps), or make the app multitenant."),
    e(50196, "LoopDetected", "A client loop was detected: the app made too many identical requests in a short time.", None, A::Page, C::Client, "Fix the app's token caching and error handling so it stops repeating the same request."),
    e(50197, "ConflictingIdentities", "The user could not be found.", None, A::Page, C::UserAccount, "Have the user try signing in again."),
    e(50199, "CmsiInterrupt", "A security confirmation asked the user whether this is the app they meant to sign in to; it is shown for custom-scheme redirects in mobile browsers and is not an error.", None, A::Page, C::Other, "Redirect URIs with http, https (or chrome-extension on desktop Chrome) schemes avoid the prompt."),
    e(51000, "RequiredFeatureNotEnabled", "The feature is disabled.", None, A::Unknown, C::Other, ""),
    e(51001, "DomainHintMustbePresent", "A domain hint is required with an on-premises security identifier or UPN.", None, A::Unknown, C::Request, "Add a domain_hint to the request."),
    e(51004, "UserAccountNotInDirectory", "The account does not exist in the directory; the app probably chose the wrong tenant.", None, A::Page, C::UserAccount, "Use the right tenant, or add the user as a guest."),
    e(51005, "TemporaryRedirect", "Like an HTTP 307: the information is at the URI in the Location header.", None, A::Unknown, C::Other, "Follow the Location header, keeping the original method."),
    e(51006, "ForceReauthDueToInsufficientAuth", "The session token lacks the integrated Windows authentication claim, so the user must sign in again.", None, A::Page, C::Session, "Have the user sign in again."),
    e(52004, "DelegationDoesNotExistForLinkedIn", "The user has not consented to access LinkedIn resources.", None, A::Unknown, C::Consent, ""),
    e(53000, "DeviceNotCompliant", "A Conditional Access policy requires a compliant device, and this device is not compliant.", None, A::Page, C::ConditionalAccess, "Enroll the device in the organization's device management, or sign in from a compliant device."),
    e(53001, "DeviceNotDomainJoined", "A Conditional Access policy requires a domain-joined device, and this device is not.", None, A::Page, C::ConditionalAccess, "Sign in from a domain-joined device."),
    e(53002, "ApplicationUsedIsNotAnApprovedApp", "A Conditional Access policy requires an approved client app, and this one is not.", None, A::Page, C::ConditionalAccess, "Use one of the approved client apps."),
    e(53003, "BlockedByConditionalAccess", "Conditional Access policies blocked the sign-in; no token may be issued.", None, A::Any, C::ConditionalAccess, "Look up which Conditional Access policy applied to this sign-in in the sign-in logs (by correlation ID), or ask the administrator."),
    e(53004, "ProofUpBlockedDueToRisk", "The user must finish multifactor authentication registration before accessing this content.", None, A::Page, C::Mfa, "Have the user register for MFA."),
    e(53010, "ProofUpBlockedDueToSecurityInfoAcr", "MFA methods cannot be set up here because the organization requires it from specific locations or devices.", None, A::Page, C::Mfa, "Register security info from an allowed location or device."),
    e(53011, "", "The user is blocked because of risk in their home tenant.", None, A::Page, C::ConditionalAccess, "Find the entry in the sign-in logs by its correlation ID for the detailed reason."),
    e(54000, "MinorUserBlockedLegalAgeGroupRule", "The user is a minor and is blocked by the legal age group rule.", None, A::Page, C::UserAccount, ""),
    e(54005, "", "The authorization code was already redeemed.", Some("invalid_grant"), A::Token, C::Token, "Codes are single-use: the callback was reached twice (a reload, the back button, a second tab, a retry by the app or a proxy) or the app redeemed the code twice. Start sign-in again from the app and redeem each code once; for new tokens later, use the refresh token."),
    e(65001, "DelegationDoesNotExist", "The user or an administrator has not consented to the app for this resource.", None, A::Any, C::Consent, "Send an interactive authorize request so the user (or an administrator) can consent."),
    e(65002, "", "Consent between a first-party (Microsoft) app and a first-party resource must be set up through preauthorization; often someone reuses a Microsoft app ID.", None, A::Unknown, C::Client, "Register and use your own app ID."),
    e(65004, "UserDeclinedConsent", "The user declined to consent to the app.", Some("access_denied"), A::Redirect, C::UserCancelled, "Have the user sign in again and accept the consent prompt, or ask an administrator to consent for the tenant."),
    e(65005, "MisconfiguredApplication", "The app's required resource access list is wrong, or the app asked for a resource not in that list (for SAML, possibly a wrong identifier).", None, A::Page, C::Consent, "Add the resource and its permissions to the app registration, then consent again."),
    e(67003, "ActorNotValidServiceIdentity", "The actor is not a valid service identity.", None, A::Unknown, C::Other, ""),
    e(70000, "InvalidGrant", "The grant is invalid, for example a refresh token with an empty or mismatched token binding.", None, A::Token, C::Token, "Start a new sign-in to get a fresh code and tokens."),
    e(70001, "UnauthorizedClient", "The application is disabled.", None, A::Page, C::Client, "Check that the app (and its enterprise application) is enabled for sign-in."),
    e(70002, "InvalidClient", "Validating the credentials of the token request failed; older answers wrap the cause as a second code, such as an invalid client secret or a redirect_uri that differs from the authorize request's (AADSTS50011).", None, A::Token, C::Client, "Fix what the wrapped code or message names: the client secret value, or the same redirect_uri at /token as in the authorize request."),
    e(70003, "UnsupportedGrantType", "The app used a grant type that is not supported.", None, A::Token, C::Request, "Use a supported grant_type."),
    e(70004, "InvalidRedirectUri", "The app used a redirect URI that is neither registered nor on the OpenID Connect approved list.", None, A::Unknown, C::RedirectUri, "Register the exact redirect URI the app sends."),
    e(70005, "UnsupportedResponseType", "The response type is not supported: response_type token is not enabled for the app, or id_token requires the openid scope.", None, A::Redirect, C::Request, "Use response_type=code, or enable the implicit grant setting and add the openid scope."),
    e(70007, "UnsupportedResponseMode", "The app used an unsupported response_mode value.", None, A::Unknown, C::Request, "Use response_mode query, fragment or form_post as the flow allows."),
    e(70008, "ExpiredOrRevokedGrant", "The authorization code or refresh token has expired or was revoked (a code lives about a minute; a refresh token expires through inactivity).", None, A::Token, C::Token, "For an authorization code: redeem it at /token as soon as it arrives (within about a minute), and do not replay an old callback; for a refresh token: have the user sign in again."),
    e(70011, "InvalidScope", "The scope requested by the app is invalid.", Some("invalid_scope"), A::Any, C::Request, "Check the scope parameter for typos and resources that do not exist."),
    e(70012, "MsaServerError", "A server error occurred while authenticating a personal Microsoft account.", None, A::Any, C::Transient, "Retry after a short pause; if it keeps failing, open a support request with the correlation ID."),
    e(70016, "AuthorizationPending", "Device code flow: the user has not finished authorizing yet; the device keeps polling.", None, A::Token, C::Other, "Keep polling at the given interval."),
    e(70018, "BadVerificationCode", "Device code flow: the user typed a wrong user code.", None, A::Page, C::Other, "Have the user enter the code again."),
    e(70019, "CodeExpired", "Device code flow: the verification code has expired.", None, A::Any, C::Other, "Have the user start the sign-in again."),
    e(70020, "", "Device code flow: the device code has expired (error expired_token) before the user finished signing in (reported by users; not in Microsoft's reference table).", None, A::Token, C::Other, "Start the device code flow again and have the user enter the new code promptly."),
    e(70043, "BadTokenDueToSignInFrequency", "The refresh token expired or is invalid because of a Conditional Access sign-in frequency check.", None, A::Token, C::Session, "Send an interactive sign-in request."),
    e(70044, "", "The session expired or is invalid because of a Conditional Access sign-in frequency check: the user must sign in again (error interaction_required).", Some("interaction_required"), A::Any, C::Session, "Send an interactive sign-in request (MSAL: on interaction_required, call the interactive method)."),
    e(75001, "BindingSerializationError", "An error occurred during SAML message binding.", None, A::Page, C::Other, ""),
    e(75003, "UnsupportedBindingError", "The SAML response can only be sent with the HTTP POST binding.", None, A::Page, C::Other, ""),
    e(75005, "Saml2MessageInvalid", "Entra does not support the SAML request the app sent.", None, A::Page, C::Other, ""),
    e(75008, "RequestDeniedError", "The SAML request was denied because its destination was unexpected.", None, A::Page, C::Other, ""),
    e(75011, "NoMatchedAuthnContextInOutputClaims", "The user authenticated with a method other than the one the request asked for.", None, A::Page, C::Other, "The app's SAML request asks for an authentication method (RequestedAuthnContext, often PasswordProtectedTransport) other than the one the user's session used (a certificate, multi-factor or passwordless sign-in): have the app send no RequestedAuthnContext, or one that allows the methods its users sign in with."),
    e(75016, "Saml2AuthenticationRequestInvalidNameIDPolicy", "The SAML2 authentication request has an invalid NameIDPolicy.", None, A::Page, C::Other, ""),
    e(76021, "ApplicationRequiresSignedRequests", "The app requires signed requests, but the request was not signed.", None, A::Page, C::Other, "Have the app sign its SAML requests with the certificate uploaded under Enterprise applications › the app › Single sign-on › SAML Certificates › Verification certificates, or untick Require verification certificates there if the app cannot sign."),
    e(76026, "RequestIssueTimeExpired", "The IssueTime of the SAML2 authentication request has expired.", None, A::Page, C::Other, ""),
    e(80001, "OnPremiseStoreIsNotAvailable", "The pass-through authentication agent cannot connect to Active Directory.", None, A::Page, C::Other, ""),
    e(80002, "OnPremisePasswordValidatorRequestTimedout", "The password validation request timed out.", None, A::Page, C::Transient, "Check that Active Directory responds to the authentication agents."),
    e(80005, "OnPremisePasswordValidatorUnpredictableWebException", "An unknown error occurred while processing the authentication agent's response.", None, A::Page, C::Transient, "Retry after a short pause; if it keeps failing, open a support request with the correlation ID."),
    e(80007, "OnPremisePasswordValidatorErrorOccurredOnPrem", "The authentication agent could not validate the user's password.", None, A::Page, C::Other, "Check the agent logs."),
    e(80010, "OnPremisePasswordValidationEncryptionException", "The authentication agent could not decrypt the password.", None, A::Page, C::Other, ""),
    e(80012, "OnPremisePasswordValidationAccountLogonInvalidHours", "The user tried to sign in outside the logon hours allowed in Active Directory.", None, A::Page, C::UserAccount, ""),
    e(80013, "OnPremisePasswordValidationTimeSkew", "Time skew between the authentication agent's machine and Active Directory stopped the sign-in.", None, A::Page, C::Other, "Fix time synchronization."),
    e(80014, "OnPremisePasswordValidationAuthenticationAgentTimeout", "The validation response arrived after the maximum allowed time.", None, A::Page, C::Transient, "Retry after a short pause; if it keeps failing, open a support request with the correlation ID."),
    e(81004, "DesktopSsoIdentityInTicketIsNotAuthenticated", "Kerberos authentication failed.", None, A::Page, C::Other, ""),
    e(81005, "DesktopSsoAuthenticationPackageNotSupported", "The authentication package is not supported.", None, A::Page, C::Other, ""),
    e(81006, "DesktopSsoNoAuthorizationHeader", "No authorization header was found.", None, A::Page, C::Other, ""),
    e(81007, "DesktopSsoTenantIsNotOptIn", "The tenant is not enabled for Seamless SSO.", None, A::Page, C::Other, ""),
    e(81009, "DesktopSsoAuthorizationHeaderValueWithBadFormat", "The user's Kerberos ticket could not be validated.", None, A::Page, C::Other, ""),
    e(81010, "DesktopSsoAuthTokenInvalid", "Seamless SSO failed because the user's Kerberos ticket has expired or is invalid.", None, A::Page, C::Other, ""),
    e(81011, "DesktopSsoLookupUserBySidFailed", "No user object matches the information in the Kerberos ticket.", None, A::Page, C::Other, ""),
    e(81012, "DesktopSsoMismatchBetweenTokenUpnAndChosenUpn", "The user signing in is not the user signed in to the device.", None, A::Page, C::Other, ""),
    e(90002, "InvalidTenantName", "The tenant was not found: a wrong tenant ID, an app used against the wrong cloud, or a domain that is not registered.", None, A::Page, C::Tenant, "Check the tenant segment of the authority and the cloud's login host."),
    e(90004, "InvalidRequestFormat", "The request is not properly formatted.", None, A::Any, C::Request, ""),
    e(90005, "InvalidRequestWithMultipleRequirements", "The identifier and the login hint cannot be used together.", None, A::Page, C::Request, ""),
    e(90006, "ExternalServerRetryableError", "The service is temporarily unavailable.", None, A::Any, C::Transient, "Retry after a short pause; if it keeps failing, open a support request with the correlation ID."),
    e(90007, "InvalidSessionId", "The session ID passed could not be parsed.", None, A::Unknown, C::Session, ""),
    e(90008, "TokenForItselfRequiresGraphPermission", "The app has not been consented; at minimum it needs the sign-in and read user profile permission.", None, A::Unknown, C::Consent, "Add the User.Read (sign in and read user profile) permission and consent to it."),
    e(90009, "TokenForItselfMissingIdenticalAppIdentifier", "An app requesting a token for itself must name itself by its GUID application ID.", None, A::Unknown, C::Request, "Use the app's GUID client ID as the resource."),
    e(90010, "NotSupported", "The algorithm could not be created.", None, A::Unknown, C::Other, ""),
    e(90012, "RequestTimeout", "The request timed out.", None, A::Any, C::Transient, "Retry after a short pause; if it keeps failing, open a support request with the correlation ID."),
    e(90013, "InvalidUserInput", "The input from the user is not valid.", None, A::Unknown, C::Request, ""),
    e(90014, "MissingRequiredField", "An expected field is missing from the request or credential, for example the nonce.", None, A::Any, C::Request, "Add the missing parameter the message names."),
    e(90015, "QueryStringTooLong", "The query string is too long.", None, A::Page, C::Request, "Shorten the request, for example the state value or the list of scopes."),
    e(90016, "MissingRequiredClaim", "The access token is invalid because a required claim is missing.", None, A::Token, C::Token, ""),
    e(90019, "MissingTenantRealm", "Entra could not determine the tenant from the request.", None, A::Page, C::Tenant, "Use a tenant-specific authority."),
    e(90020, "", "The SAML 1.1 assertion lacks the user's ImmutableID.", None, A::Page, C::Other, ""),
    e(90022, "AuthenticatedInvalidPrincipalNameFormat", "The principal name does not have the expected name[/host][@realm] format.", None, A::Unknown, C::Request, ""),
    e(90023, "InvalidRequest", "The authentication service request is not valid.", None, A::Any, C::Request, ""),
    e(90024, "RequestBudgetExceededError", "A transient error occurred.", None, A::Any, C::Transient, "Retry after a short pause; if it keeps failing, open a support request with the correlation ID."),
    e(90027, "", "Tokens cannot be issued from this protocol version for the personal Microsoft account tenant.", None, A::Unknown, C::Request, "Use the v2.0 endpoints."),
    e(90033, "MsodsServiceUnavailable", "The directory service is unavailable.", None, A::Any, C::Transient, "Retry after a short pause; if it keeps failing, open a support request with the correlation ID."),
    e(90036, "MsodsServiceUnretryableFailure", "The directory service returned an unexpected, non-retryable error.", None, A::Any, C::Other, "Open a support request with the correlation ID."),
    e(90038, "NationalCloudTenantRedirection", "The tenant belongs to a national cloud that the current cloud does not federate with.", None, A::Page, C::Tenant, "Use the login host of the tenant's cloud."),
    e(90043, "NationalCloudAuthCodeRedirection", "The feature is disabled.", None, A::Unknown, C::Tenant, ""),
    e(90051, "InvalidNationalCloudId", "The national cloud identifier is invalid.", None, A::Unknown, C::Tenant, ""),
    e(90055, "TenantThrottlingError", "Too many requests are coming in; also returned for blocked tenants.", None, A::Any, C::Transient, "Slow down and retry later."),
    e(90056, "BadResourceRequest", "The token endpoint only redeems codes through a POST request.", None, A::Page, C::Request, "Send the code to the /token endpoint in a POST body."),
    e(90072, "PassThroughUserMfaError", "The external account does not exist in the tenant, so it cannot satisfy the tenant's MFA (or the synced ImmutableID does not match).", None, A::Page, C::UserAccount, "Add the account as an external user of the tenant, or sign in with another account."),
    e(90081, "OrgIdWsFederationMessageInvalid", "The WS-Federation message is not valid.", None, A::Page, C::Other, ""),
    e(90082, "OrgIdWsFederationNotSupported", "The selected authentication policy is not supported.", None, A::Page, C::Other, ""),
    e(90084, "OrgIdWsFederationGuestNotAllowed", "Guest accounts are not allowed on this site.", None, A::Page, C::UserAccount, ""),
    e(90090, "GraphRetryableError", "The service is temporarily unavailable.", None, A::Any, C::Transient, "Retry after a short pause; if it keeps failing, open a support request with the correlation ID."),
    e(90093, "GraphUserUnauthorized", "The directory graph refused the request as forbidden.", None, A::Unknown, C::Other, ""),
    e(90094, "AdminConsentRequired", "Administrator consent is required.", None, A::Page, C::Consent, "Ask an administrator to grant consent for the tenant, or request only permissions users may consent to."),
    e(90095, "AdminConsentRequiredRequestAccess", "The admin consent workflow is asking the user to request approval from an administrator.", None, A::Page, C::Consent, "Have the user request approval, or have an administrator grant consent."),
    e(90099, "", "The app is not authorized in the customer tenant for partner delegated administrators.", None, A::Page, C::Consent, "Pre-consent the app in the customer tenant."),
    e(90100, "InvalidRequestParameter", "A parameter is empty or not valid.", None, A::Any, C::Request, ""),
    e(90101, "InvalidEmailAddress", "The value is not a valid email address.", None, A::Unknown, C::Request, ""),
    e(90102, "InvalidUriParameter", "A value that must be an absolute URI is not one, such as a malformed redirect_uri.", None, A::Page, C::RedirectUri, "Send an absolute, properly encoded redirect_uri (scheme and host included)."),
    e(90107, "InvalidXml", "The request is not valid: the data contains invalid characters.", None, A::Unknown, C::Request, ""),
    e(90112, "", "The application identifier must be a GUID.", None, A::Unknown, C::Client, "Send the app's GUID client ID."),
    e(90117, "InvalidRequestInput", "The request input is invalid.", None, A::Unknown, C::Request, ""),
    e(90119, "InvalidUserCode", "Device code flow: the user code is empty.", None, A::Page, C::Other, ""),
    e(90120, "InvalidDeviceFlowRequest", "Device code flow: the request was already authorized or declined.", None, A::Page, C::Other, ""),
    e(90121, "InvalidEmptyRequest", "The request is empty.", None, A::Any, C::Request, ""),
    e(90123, "IdentityProviderAccessDenied", "The identity or claims provider denied the request, so no token can be issued.", None, A::Unknown, C::Other, ""),
    e(90124, "V1ResourceV2GlobalEndpointNotSupported", "The resource is not supported on the /common or /consumers endpoints.", None, A::Page, C::Tenant, "Use /organizations or a tenant-specific authority."),
    e(90130, "NonConvergedAppV2GlobalEndpointNotSupported", "The application is not supported on the /common or /consumers endpoints.", None, A::Page, C::Tenant, "Use /organizations or a tenant-specific authority."),
    e(100007, "", "Regional authentication only supports managed identities or specific first-party requests.", None, A::Unknown, C::Other, ""),
    e(130004, "NgcKeyNotFound", "The user has no Windows Hello for Business (NGC) key configured.", None, A::Page, C::Other, ""),
    e(130005, "NgcInvalidSignature", "Verifying the Windows Hello for Business (NGC) key signature failed.", None, A::Page, C::Other, ""),
    e(130006, "NgcTransportKeyNotFound", "The device has no NGC transport key configured.", None, A::Page, C::Other, ""),
    e(130007, "NgcDeviceIsDisabled", "The device is disabled.", None, A::Page, C::Other, ""),
    e(130008, "NgcDeviceIsNotFound", "The device referenced by the NGC key was not found.", None, A::Page, C::Other, ""),
    e(135010, "KeyNotFound", "A key was not found.", None, A::Unknown, C::Other, ""),
    e(135011, "", "The device used for authentication is disabled.", None, A::Page, C::Other, ""),
    e(140000, "InvalidRequestNonce", "The request nonce was not provided.", None, A::Unknown, C::Other, ""),
    e(140001, "InvalidSessionKey", "The session key is not valid.", None, A::Unknown, C::Session, ""),
    e(160021, "AppSessionSelectionInvalidSessionNotExist", "The app asked for a user session that does not exist.", None, A::Page, C::Session, "Start a new sign-in without pinning a session."),
    e(165900, "InvalidApiRequest", "The request is invalid.", None, A::Unknown, C::Request, ""),
    e(220450, "UnsupportedAndroidWebViewVersion", "The Chrome WebView version is not supported.", None, A::Page, C::Other, "Update the Android System WebView."),
    e(221000, "DeviceOnlyTokensNotSupportedByResource", "The resource does not accept device-only tokens.", None, A::Unknown, C::Other, ""),
    e(230109, "CachedCredentialNonGWAuthNRequestsNotSupported", "The backup authentication service was called directly instead of through the gateway.", None, A::Unknown, C::Other, ""),
    e(240001, "BulkAADJTokenUnauthorized", "The user is not allowed to register devices in Microsoft Entra ID.", None, A::Unknown, C::Other, ""),
    e(240002, "RequiredClaimIsMissing", "The id_token cannot be used as a jwt-bearer grant.", None, A::Token, C::Token, ""),
    e(240003, "", "Unexpected result from authorize endpoint call.", None, A::Unknown, C::Other, "Microsoft documents no cause for this code; look for a wrapped error in the message and look up the sign-in log entry by its correlation ID."),
    e(240004, "", "Authorization code not received from authorize endpoint call.", None, A::Unknown, C::Other, "Microsoft documents no cause for this code: the real cause is the error it wraps (the text after 'Error:', often another AADSTS code or an OAuth error) and the sign-in log entry found by its correlation ID."),
    e(399284, "InboundIdTokenIssuerInvalid", "The ID token received through federation has an empty issuer or one that does not match the realm.", None, A::Page, C::Other, "Ask the administrator of the federated identity provider to look into its response."),
    e(500011, "InvalidResourceServicePrincipalNotFound", "The requested resource has no service principal in the tenant: it was never installed or consented there, or the request went to the wrong tenant.", None, A::Any, C::Request, "Compare the resource in the scope (the part before the permission, e.g. api://…) with the Application ID URI on the API's Expose an API page, letter for letter, and the tenant in the authority with the API's tenant; for a multi-tenant API, an administrator of this tenant must add it first (its admin consent URL) before users can consent."),
    e(500014, "InvalidResourceServicePrincipalDisabled", "The service principal of the requested resource is disabled in the tenant.", None, A::Page, C::Other, "Ask an administrator to re-enable the resource's service principal (or renew the lapsed subscription)."),
    e(500021, "", "Access to the tenant is denied because tenant restrictions (the Restrict-Access-To-Tenant header) do not allow it.", None, A::Page, C::Tenant, "Ask the network administrator to allow the tenant in the tenant restrictions header."),
    e(500022, "", "Access to the tenant is denied by tenant restrictions (the Restrict-Access-To-Tenant header).", None, A::Page, C::Tenant, "Ask the network administrator to allow the tenant in the tenant restrictions header."),
    e(500112, "", "The redirect_uri sent to the token endpoint differs from the one used at the authorize endpoint (reported by users; not in Microsoft's reference table).", None, A::Token, C::RedirectUri, "Send exactly the same redirect_uri when redeeming the code as in the authorize request; watch for proxies changing the scheme or host and for an added trailing slash."),
    e(500113, "", "The app has no redirect URI registered at all (reported by users; not in Microsoft's reference table).", None, A::Page, C::RedirectUri, "Register the redirect URI the app sends, under the right platform."),
    e(500116, "", "The redirect URI in the request is not a valid URL (reported by users; not in Microsoft's reference table).", None, A::Page, C::RedirectUri, "Send an absolute, well-formed redirect_uri that is registered for the app."),
    e(500117, "", "The reply URI in the request does not use a secure scheme: only https, or http for localhost, is accepted (reported by users; not in Microsoft's reference table).", None, A::Page, C::RedirectUri, "Send an https:// redirect URI. Behind a proxy or tunnel that ends TLS, make the app build it from the public https address (forwarded headers; Grafana's root_url, GF_SERVER_ROOT_URL) and register that one."),
    e(500121, "", "The second factor (MFA) failed: denied, not answered, or wrong.", None, A::Page, C::Mfa, "Sign in again and complete the second factor (approve the notification, answer the call, enter the current code); if the user did not start this sign-in, they should deny it and report it. An admin sees the method and its result in the sign-in log's Authentication Details."),
    e(500133, "", "The assertion is outside its valid time range, for example an expired access token used as a user assertion.", None, A::Token, C::Token, "Request a new token before using it as an assertion."),
    e(500141, "", "The user's invitation redemption finished, but the request was not started by the target application.", None, A::Unknown, C::Other, ""),
    e(500200, "", "A personal Microsoft account signed in to an app or authority that accepts only work or school accounts (reported by users; not in Microsoft's reference table).", None, A::Page, C::UserAccount, "Sign in with a work or school account, invite the person as a guest, or allow personal accounts in the app's supported account types and use /common."),
    e(500207, "", "This type of account cannot be used for the requested resource.", None, A::Page, C::UserAccount, "Sign in with an account type the resource accepts."),
    e(500208, "", "The domain is not a valid sign-in domain for this account type, for example a personal account in a tenant that allows only work or school accounts.", None, A::Page, C::UserAccount, "Sign in with an account type the app's sign-in audience allows."),
    e(500212, "NotAllowedByOutboundPolicyTenant", "The user's home tenant has an outbound cross-tenant access policy that does not allow the resource tenant.", None, A::Page, C::Tenant, "Ask the administrator of the user's home tenant to review the outbound cross-tenant access settings."),
    e(500213, "NotAllowedByInboundPolicyTenant", "The resource tenant's inbound cross-tenant access policy does not allow this user.", None, A::Page, C::Tenant, "Ask the administrator of the resource tenant to review the inbound cross-tenant access settings."),
    e(501241, "", "A mandatory input (such as the NameID source attribute) is missing from a claims transformation.", None, A::Page, C::Client, "Add the missing claim rule (for SAML, the unique user identifier)."),
    e(501461, "", "AcceptMappedClaims only works when the token audience is the app's GUID or in the tenant's verified domains.", None, A::Unknown, C::Client, "Change the resource identifier, or use an app-specific signing key."),
    e(501481, "", "The code_verifier does not match the code_challenge sent in the authorization request.", Some("invalid_grant"), A::Token, C::Pkce, "Redeem the code with the same code_verifier whose challenge was sent to the authorize endpoint."),
    e(501491, "InvalidCodeChallengeMethodInvalidSize", "The code_challenge parameter has an invalid size.", None, A::Unknown, C::Pkce, "Send a code_challenge of 43 base64url characters (S256 of the verifier)."),
    e(501621, "ClaimsTransformationTimeoutRegularExpressionTimeout", "A regular expression in the claims transformation timed out.", None, A::Unknown, C::Client, "Simplify the regular expression in the app's claims configuration."),
    e(530032, "BlockedByConditionalAccessOnSecurityPolicy", "A tenant-level security policy blocks this request.", None, A::Page, C::ConditionalAccess, "Check the tenant's security policies against this request."),
    e(530034, "DelegatedAdminBlockedDueToSuspiciousActivity", "A delegated administrator was blocked because of account risk in their home tenant.", None, A::Page, C::ConditionalAccess, "Find the entry in the sign-in logs by its correlation ID for the detailed reason."),
    e(530035, "BlockedBySecurityDefaults", "Security defaults blocked the request, for example legacy authentication or a request judged unsafe.", None, A::Page, C::ConditionalAccess, "Use modern authentication, or review the tenant's security defaults."),
    e(650052, "", "The app needs a service the organization has not subscribed to or enabled.", None, A::Page, C::Tenant, "Ask the administrator to review the organization's service subscriptions."),
    e(650053, "", "The app asked for a scope that the resource does not expose; a bare scope name (access_as_user) is read as a Microsoft Graph scope (reported by users; not in Microsoft's reference table).", None, A::Any, C::Request, "Request the scope with its resource prefix (api://<app-id>/access_as_user), or expose the scope on the API's app registration."),
    e(650054, "", "The app asked for permissions on a resource that has been removed or is no longer available.", None, A::Page, C::Client, "Remove or fix the permissions for the missing resource in the app registration."),
    e(650056, "", "Misconfigured app: no permissions are listed for the resource, an administrator has not consented, the client ID is wrong, or the certificate is invalid.", None, A::Page, C::Consent, "Add the resource permissions to the app registration and have an administrator grant consent; check the client ID."),
    e(650057, "", "The app requested a resource that is not among the permissions in its registration.", None, A::Page, C::Consent, "Add the resource's permissions to the app registration (or fix the scope) and consent again."),
    e(650059, "", "The app is not configured for use in this tenant: signInAudience AzureADMyOrg limits it to its home tenant.", None, A::Page, C::Tenant, "Sign in through the app's home tenant, or change signInAudience to allow other tenants."),
    e(700005, "InvalidGrantRedeemAgainstWrongTenant", "The authorization code was redeemed against a different tenant than the one it was issued for.", None, A::Token, C::Token, "Redeem the code at the same tenant authority used for the authorize request."),
    e(700011, "UnauthorizedClientAppNotFoundInOrgIdTenant", "No application with this identifier exists in the directory.", None, A::Page, C::Client, "Check the client_id and that the app exists in (or is consented to in) this tenant."),
    e(700016, "UnauthorizedClient_DoesNotMatchRequest", "The app was not found in the directory: wrong client_id, wrong tenant, or not installed or consented there.", None, A::Page, C::Client, "Check the client_id against the app registration and the tenant in the authority."),
    e(700020, "InteractionRequired", "The access grant requires user interaction.", None, A::Token, C::Session, "Send an interactive authorize request."),
    e(700022, "InvalidMultipleResourcesScope", "The scope is invalid because it names more than one resource.", None, A::Token, C::Request, "Request scopes of one resource per token request."),
    e(700023, "InvalidResourcelessScope", "The scope is invalid for requesting an access token.", None, A::Token, C::Request, "Include a resource scope in the token request."),
    e(700024, "", "The client assertion is not within its valid time range: it expired (a federated token, such as a CI job's OIDC token, lives only minutes) or the clock is skewed.", None, A::Token, C::Client, "Get a fresh assertion right before the token request, and check the machine's clock."),
    e(700025, "InvalidClientPublicClientWithCredential", "The client is public, so it must not send a client_secret or client_assertion.", None, A::Token, C::Client, "Remove the secret from the request, or use a web (confidential) redirect URI if the app is really confidential."),
    e(700027, "", "The client assertion failed signature validation.", None, A::Token, C::Client, "Sign the client assertion with a certificate registered on the app."),
    e(700030, "", "Invalid certificate: its subject name is not authorized.", None, A::Token, C::Client, ""),
    e(700051, "", "The response_type token is not enabled for the application (reported by users; not in Microsoft's reference table).", None, A::Redirect, C::Request, "Use response_type=code, or enable access tokens under implicit grant for the app."),
    e(700054, "", "The response_type id_token is not enabled for the application.", None, A::Redirect, C::Request, "Enable ID tokens under implicit grant and hybrid flows, or stop requesting id_token from the authorize endpoint."),
    e(700082, "ExpiredOrRevokedGrantInactiveToken", "The refresh token expired because it was not used for too long.", None, A::Token, C::Token, "Have the user sign in again; this is a normal part of the token lifecycle."),
    e(700084, "", "The refresh token was issued to a single-page app and its fixed lifetime has ended.", None, A::Token, C::Token, "Send a new sign-in request from the SPA."),
    e(700229, "ForbiddenTokenType", "Only app-only tokens can be used as federated identity credentials for the Entra issuer.", None, A::Token, C::Client, "Use an app-only access token from a client credentials flow."),
    e(750054, "", "SAMLRequest or SAMLResponse must be in the query string for the SAML redirect binding.", None, A::Page, C::Other, "Start sign-in from the app (or from My Apps), not from a bookmark of Entra's /saml2 address; an app using the POST binding must POST its SAMLRequest as a form field, and one using the redirect binding must send it in the query string, deflated and base64-encoded."),
    e(900023, "", "The tenant segment of the authority is neither a tenant GUID nor a valid domain, often a placeholder left in the configuration (reported by users; not in Microsoft's reference table).", None, A::Page, C::Tenant, "Put the Directory (tenant) ID from the app registration's Overview page, a verified domain, or organizations / common in the authority."),
    e(900144, "", "The request body is missing a required parameter.", None, A::Any, C::Request, "Add the parameter the message names."),
    e(900236, "InvalidRequestSamlPropertyUnsupported", "The SAML authentication request sets a property that is not supported.", None, A::Page, C::Request, ""),
    e(900382, "", "Confidential clients are not supported in cross-cloud requests.", None, A::Unknown, C::Client, ""),
    e(900384, "", "A JWT failed signature validation.", None, A::Token, C::Token, ""),
    e(900432, "", "Confidential clients are not supported in cross-cloud requests.", None, A::Unknown, C::Client, ""),
    e(900561, "BadResourceRequestInvalidRequest", "The endpoint received an HTTP method it does not accept; often caused by the browser's back button, and then it can be ignored.", None, A::Page, C::Request, "After the back button or a reload of Entra's page, start sign-in again from the app. Otherwise a GET reached an endpoint that takes only POST: the browser was sent to the token endpoint (…/oauth2/v2.0/token), whose URL is configured where the authorization URL belongs (…/oauth2/v2.0/authorize)."),
    e(900612, "", "The signing keys from the provider's JWKS endpoint could not be parsed.", None, A::Unknown, C::Other, ""),
    e(900971, "", "No reply address was provided.", None, A::Page, C::RedirectUri, "Send a redirect_uri in the request."),
    e(901002, "", "The resource parameter is not supported (on the v2.0 endpoints).", None, A::Page, C::Request, "Remove resource and request resource scopes, such as https://graph.microsoft.com/.default."),
    e(901011, "NoEmailAddressCollectedFromExternalOidcIDP", "No email address came from the external OpenID Connect identity provider.", None, A::Page, C::UserAccount, ""),
    e(1000000, "UserNotBoundError", "The bind API needs the user to also authenticate with an external identity provider, which has not happened yet.", None, A::Unknown, C::Other, ""),
    e(1000002, "BindCompleteInterruptError", "The bind completed and the user must be told.", None, A::Page, C::Other, ""),
    e(1000031, "", "The application cannot be accessed at this time.", None, A::Page, C::Other, "Contact the administrator."),
    e(1000104, "XCB2BResourceCloudNotAllowedOnIdentityTenant", "The resource's cloud is not allowed for the tenant the identity comes from.", None, A::Page, C::Tenant, ""),
    e(1002016, "", "The client used TLS 1.0 or 1.1 or a 3DES cipher, which are deprecated (reported by users; not in Microsoft's reference table).", None, A::Any, C::Other, "Use TLS 1.2 or later."),
    e(5000224, "NotAllowedTenantBlockedTenantFraud", "The resource is not available because the tenant has been blocked.", None, A::Page, C::Tenant, "Contact Microsoft support if this is unexpected."),
    e(5000819, "InvalidSamlTokenEmailMissingOrInvalid", "The SAML assertion lacks an email claim, or its domain does not match the external realm.", None, A::Page, C::Other, "Ask the administrator of the federated identity provider to look into its response."),
    e(5001256, "", "Authentication with the external identity provider failed because its id_token was invalid.", None, A::Unknown, C::Other, "Ask the administrator of the federated identity provider to look into its response."),
    e(7000112, "UnauthorizedClientApplicationDisabled", "The application is disabled.", None, A::Page, C::Client, "Check that the app (and its enterprise application) is enabled for sign-in."),
    e(7000114, "", "The application is not allowed to make app-only on-behalf-of calls.", None, A::Token, C::Client, ""),
    e(7000215, "", "An invalid client secret was sent.", None, A::Token, C::Client, "Send the secret's value, not its ID, and check that it has not been replaced."),
    e(7000218, "", "The token request must contain a client_assertion or client_secret: a confidential client is redeeming without credentials.", None, A::Token, C::Client, "Send the client credential; for a public client, register its redirect URI under Mobile and desktop applications or Single-page application, and for the device code or username/password flow (no redirect URI) set Allow public client flows to Yes on the app registration's Authentication page (isFallbackPublicClient)."),
    e(7000222, "InvalidClientSecretExpiredKeysProvided", "The client secret has expired.", None, A::Token, C::Client, "Create a new client secret (or use a certificate) and update the app."),
    e(7500514, "", "No supported type of SAML response was found.", None, A::Page, C::Other, ""),
    e(7500529, "", "The value is not a valid SAML ID: it must not begin with a digit.", None, A::Page, C::Other, "Prefix the SAML request ID with letters, for example \"ID\" before a GUID."),
    e(9001023, "", "The grant type is not supported on the /common or /consumers endpoints.", None, A::Token, C::Tenant, "Use /organizations or a tenant-specific authority."),
    e(9002313, "InvalidRequest", "The request is malformed or invalid.", None, A::Any, C::Request, "Capture the failing request and check its parameters and format."),
    e(9002325, "", "PKCE is required for cross-origin authorization code redemption: a code for a single-page-application redirect URI was redeemed without a code_verifier, or by a server.", None, A::Token, C::Pkce, "Send code_challenge at the authorize endpoint and the matching code_verifier from the browser, or register the redirect URI under Web if a server redeems the code."),
    e(9002326, "", "Cross-origin token redemption is only allowed for the single-page-application client type: the redirect URI is not registered as spa.", Some("invalid_request"), A::Token, C::Client, "Register the redirect URI under the Single-page application platform (type Spa in the manifest)."),
    e(9002327, "", "Tokens issued for the single-page-application client type may only be redeemed through cross-origin requests: the code or refresh token was redeemed without an Origin header.", Some("invalid_request"), A::Token, C::Client, "Redeem from the browser, or register the redirect URI under Web if a server redeems the code."),
    e(9002331, "", "The app is for personal Microsoft accounts only (signInAudience PersonalMicrosoftAccount), so only the /consumers endpoint can serve the request (reported by users; not in Microsoft's reference table).", None, A::Any, C::Tenant, "Use /consumers as the authority, or change the app's supported account types."),
    e(9002332, "", "The app is for Microsoft Entra users only, so the /consumers endpoint cannot serve the request.", None, A::Page, C::Tenant, "Use /organizations, /common or a tenant-specific authority instead of /consumers."),
    e(9002341, "", "The user must allow single sign-on (a Windows SSO consent requirement).", Some("invalid_grant"), A::Token, C::Consent, "Send the user to an interactive prompt so they can allow single sign-on."),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for pair in all().windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} must come before {}",
                pair[0].code,
                pair[1].code
            );
        }
    }

    #[test]
    fn table_has_at_least_150_codes() {
        assert!(all().len() >= 150, "only {} codes", all().len());
    }

    #[test]
    fn every_entry_is_well_formed() {
        const OAUTH: [&str; 14] = [
            "invalid_request",
            "unauthorized_client",
            "access_denied",
            "unsupported_response_type",
            "server_error",
            "temporarily_unavailable",
            "invalid_resource",
            "login_required",
            "interaction_required",
            "consent_required",
            "invalid_grant",
            "invalid_client",
            "unsupported_grant_type",
            "invalid_scope",
        ];
        for info in all() {
            assert!(info.code >= 10_000, "{}", info.code);
            assert!(info.summary.ends_with('.'), "{}: summary", info.code);
            assert!(!info.summary.contains('\n'), "{}: summary", info.code);
            assert!(
                info.hint.is_empty() || info.hint.ends_with('.'),
                "{}: hint",
                info.code
            );
            assert!(
                !info.name.contains(char::is_whitespace),
                "{}: name",
                info.code
            );
            if let Some(err) = info.oauth_error {
                assert!(OAUTH.contains(&err), "{}: {err}", info.code);
            }
            assert_eq!(lookup(info.code), Some(info));
        }
    }

    #[test]
    fn lookup_known_codes() {
        let i = lookup(50011).expect("50011");
        assert_eq!(i.name, "InvalidReplyTo");
        assert_eq!(i.category, Category::RedirectUri);
        assert_eq!(i.appears, Appears::Page);
        assert_eq!(i.oauth_error, None);

        let i = lookup(65004).expect("65004");
        assert_eq!(i.category, Category::UserCancelled);
        assert_eq!(i.oauth_error, Some("access_denied"));
        assert_eq!(i.appears, Appears::Redirect);

        let i = lookup(53003).expect("53003");
        assert_eq!(i.category, Category::ConditionalAccess);
        assert_eq!(i.oauth_error, None);

        let i = lookup(240004).expect("240004");
        // Entra's text ends "Error: {errorInfo}.": no template placeholder reaches a reader.
        assert!(i
            .summary
            .starts_with("Authorization code not received from authorize endpoint call"));
        assert!(!i.summary.contains('{') && !i.hint.contains('{'));
        assert_eq!(i.oauth_error, None);
        assert!(i.hint.contains("the error it wraps"));
        assert!(i.hint.contains("correlation ID"));
        assert!(i.hint.contains("documents no cause"));
        assert_eq!(
            lookup(240003).map(|i| i.summary),
            Some("Unexpected result from authorize endpoint call.")
        );

        assert_eq!(lookup(0), None);
        assert_eq!(lookup(12345), None);
        assert_eq!(lookup(u32::MAX), None);
    }

    #[test]
    fn categories_the_analyzer_relies_on() {
        let expect: &[(&[u32], Category)] = &[
            (
                &[53000, 53001, 53002, 53003, 530032, 530035, 50131],
                Category::ConditionalAccess,
            ),
            (
                &[53004, 50074, 50076, 50079, 50072, 50078, 50158],
                Category::Mfa,
            ),
            (&[65001, 90094, 90095, 650056, 650057], Category::Consent),
            (&[65004], Category::UserCancelled),
            (
                &[50011, 500113, 500112, 900971, 90102, 70004, 500116, 500117],
                Category::RedirectUri,
            ),
            (&[50199], Category::Other),
            (
                &[9002325, 50147, 50148, 50149, 501481, 501491],
                Category::Pkce,
            ),
            (
                &[
                    9002326, 9002327, 7000218, 700016, 70001, 700011, 7000215, 700025,
                ],
                Category::Client,
            ),
            (
                &[90002, 50194, 90038, 9002332, 90124, 90130],
                Category::Tenant,
            ),
            (
                &[50000, 50033, 90006, 90024, 90033, 90090],
                Category::Transient,
            ),
        ];
        for (codes, category) in expect {
            for code in *codes {
                let info = lookup(*code).unwrap_or_else(|| panic!("{code} missing"));
                assert_eq!(info.category, *category, "{code}");
            }
        }
    }

    #[test]
    fn codes_met_around_the_code_flow_are_catalogued() {
        let expect: &[(u32, Category)] = &[
            (70020, Category::Other),
            (700024, Category::Client),
            (9002331, Category::Tenant),
            (900023, Category::Tenant),
            (500200, Category::UserAccount),
            (650053, Category::Request),
        ];
        for (code, category) in expect {
            let info = lookup(*code).unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!(info.category, *category, "{code}");
            assert!(!info.hint.is_empty(), "{code}: hint");
        }
        // 70002 wraps other causes; its fix must not send everyone to the secret alone.
        let wrapper = lookup(70002).map(|i| i.hint).unwrap_or_default();
        assert!(wrapper.contains("redirect_uri"), "{wrapper}");
        // Near misses stay unknown.
        assert_eq!(lookup(70021), None);
        assert_eq!(lookup(900022), None);
    }

    #[test]
    fn as_str_names_are_distinct_snake_case() {
        let cats = [
            Category::RedirectUri,
            Category::Client,
            Category::Request,
            Category::Pkce,
            Category::ConditionalAccess,
            Category::Mfa,
            Category::Consent,
            Category::UserCancelled,
            Category::UserAccount,
            Category::Session,
            Category::Token,
            Category::Transient,
            Category::Tenant,
            Category::Other,
        ];
        let names: HashSet<_> = cats.iter().map(Category::as_str).collect();
        assert_eq!(names.len(), cats.len());
        assert_eq!(Category::ConditionalAccess.as_str(), "conditional_access");
        assert_eq!(Category::RedirectUri.as_str(), "redirect_uri");
        let appears = [
            Appears::Page,
            Appears::Redirect,
            Appears::Token,
            Appears::Any,
            Appears::Unknown,
        ];
        let names: Vec<_> = appears.iter().map(Appears::as_str).collect();
        assert_eq!(names, ["page", "redirect", "token", "any", "unknown"]);
    }

    #[test]
    fn lookup_url() {
        assert_eq!(
            error_lookup_url(50011),
            "https://login.microsoftonline.com/error?code=50011"
        );
    }

    #[test]
    fn codes_in_error_description() {
        let text = "AADSTS65004: User declined to consent to access the app.\r\n\
                    Trace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333\r\n\
                    Correlation ID: aaaa0000-bb11-2222-33cc-444444dddddd\r\n\
                    Timestamp: 2024-01-09 02:02:12Z (see also aadsts50011 and AADSTS65004)";
        assert_eq!(codes_in(text), vec![65004, 50011]);

        let landing = "https://app.contoso.com/cb?error=access_denied&error_description=\
                       AADSTS65004%3a+User+declined+to+consent.%0d%0aTrace+ID%3a+x&state=abc";
        assert_eq!(codes_in(landing), vec![65004]);

        let nested = "AADSTS240004: Authorization code not received from authorize endpoint \
                      call. Error: AADSTS50011: The redirect URI 'https://x/cb' specified in \
                      the request does not match.";
        assert_eq!(codes_in(nested), vec![240004, 50011]);

        let encoded_space = "error_description=Sign-in%20failed%20AADSTS53003%3A%20Blocked";
        assert_eq!(codes_in(encoded_space), vec![53003]);
    }

    #[test]
    fn codes_in_token_error_body() {
        let body = r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[50011,70002],"timestamp":"2024-01-09 02:02:12Z"}"#;
        assert_eq!(codes_in(body), vec![7000215, 50011, 70002]);

        let pretty = "{\n  \"error\": \"invalid_scope\",\n  \"error_codes\": [\n    70011\n  ]\n}";
        assert_eq!(codes_in(pretty), vec![70011]);

        // The same body as a HAR stores it: JSON escaped inside a JSON string.
        let har = r#"{"content":{"text":"{\"error\":\"invalid_grant\",\"error_codes\": [ 54005 , 70000 ]}"}}"#;
        assert_eq!(codes_in(har), vec![54005, 70000]);

        // The key without an array, and an unterminated array, stay harmless.
        assert_eq!(
            codes_in(r#""error_codes": null, "x": [50011]"#),
            Vec::<u32>::new()
        );
        assert_eq!(codes_in(r#""error_codes":[50011,"#), vec![50011]);
    }

    #[test]
    fn codes_in_ignores_what_is_not_a_code() {
        assert!(codes_in("AADSTSX AADSTS: AADSTS-50011 AADSTS 50011").is_empty());
        assert!(codes_in("AADSTS50011abc AADSTS50011_").len() == 1);
        assert!(codes_in("AADSTS50011x").is_empty());
        assert!(codes_in("AADSTS50011é").is_empty());
        assert!(codes_in("AADSTS123").is_empty());
        assert!(codes_in("AADSTS0000").is_empty());
        assert!(codes_in("50011 error_codes 70002").is_empty());
        assert_eq!(codes_in("AADSTSAADSTS50011"), vec![50011]);
        assert_eq!(codes_in("(AADSTS50011)."), vec![50011]);
    }

    #[test]
    fn a_wrapped_oauth_error_gets_its_own_fix() {
        assert!(
            wrapped_oauth_fix("access_denied").is_some_and(|f| f.contains("Conditional Access"))
        );
        assert!(
            wrapped_oauth_fix("interaction_required.").is_some_and(|f| f.contains("interactively"))
        );
        // A wrapped AADSTS code is judged as that code, not here.
        assert_eq!(wrapped_oauth_fix("AADSTS50011: The redirect URI"), None);
        assert_eq!(wrapped_oauth_fix(""), None);
    }

    #[test]
    fn inner_error_info_extracts_the_wrapped_error() {
        let text = "AADSTS240004: Authorization code not received from authorize endpoint call. \
                    Error: AADSTS50011: The redirect URI 'https://x/cb' does not match..\r\n\
                    Trace ID: 1\r\nCorrelation ID: 2";
        assert_eq!(
            inner_error_info(text),
            Some("AADSTS50011: The redirect URI 'https://x/cb' does not match.")
        );

        let json = r#"{"error_description":"AADSTS240004: Authorization code not received from authorize endpoint call. Error: access_denied.\r\nTrace ID: 1"}"#;
        assert_eq!(inner_error_info(json), Some("access_denied"));

        let no_trailer = "authorize endpoint call. error: interaction_required";
        assert_eq!(inner_error_info(no_trailer), Some("interaction_required"));

        let template =
            "Authorization code not received from authorize endpoint call. Error: {errorInfo}.";
        assert_eq!(inner_error_info(template), None);
        assert_eq!(
            inner_error_info("AADSTS240003: Unexpected result from authorize endpoint call."),
            None
        );
        // An `Error:` after the message's own line does not belong to it.
        assert_eq!(
            inner_error_info(
                "AADSTS240003: Unexpected result from authorize endpoint call.\nError: other"
            ),
            None
        );
        assert_eq!(inner_error_info("AADSTS50011: Error: x"), None);
        // In another language: the next AADSTS code or OAuth error after the wrapper's code.
        let german = "AADSTS240004: Der Autorisierungscode wurde nicht empfangen. Innerer Fehler: AADSTS50011: Der Umleitungs-URI stimmt nicht überein.\r\nTrace ID: 1";
        assert_eq!(
            inner_error_info(german),
            Some("AADSTS50011: Der Umleitungs-URI stimmt nicht überein")
        );
        let french = "AADSTS240004 : Code d'autorisation non reçu. Erreur : access_denied.";
        assert_eq!(inner_error_info(french), Some("access_denied"));
        assert_eq!(
            inner_error_info("AADSTS240004: Code nicht empfangen."),
            None
        );

        // A wrapped JSON object gives its description, its quotes plain or escaped.
        let object = r#"AADSTS240004: Authorization code not received from authorize endpoint call. Error: {"error":"invalid_request","error_description":"AADSTS50011: The redirect URI 'https://x/cb' does not match."}"#;
        assert_eq!(
            inner_error_info(object),
            Some("AADSTS50011: The redirect URI 'https://x/cb' does not match")
        );
        let escaped = r#"{"error_description":"AADSTS240004: Authorization code not received from authorize endpoint call. Error: {\"error\":\"access_denied\"}\r\nTrace ID: 1"}"#;
        assert_eq!(inner_error_info(escaped), Some("access_denied"));
        // Cut inside the object: nothing readable is no wrapped error.
        assert_eq!(
            inner_error_info("authorize endpoint call. Error: {\"error_descr"),
            None
        );
    }

    #[test]
    fn odd_inputs_never_panic() {
        let long_number = format!("AADSTS{} AADSTS50011", "9".repeat(25));
        let inputs = [
            "",
            "AADSTS",
            "aadsts",
            "error_codes",
            "error_codes\"",
            "error_codes\":",
            "error_codes\":[",
            "error_codes\":[99999999999999999999999]",
            "ééAADSTS50011ü",
            "🙂AADSTS🙂50011",
            "AADSTS４２００４",
            "authorize endpoint call",
            "authorize endpoint call. Error:",
            "authorize endpoint call. Error: é",
            "AADSTS240004 Error:🙂.",
            "\\",
            "\"",
            long_number.as_str(),
        ];
        for input in inputs {
            let codes = codes_in(input);
            for code in &codes {
                assert!(*code > 0);
            }
            let _ = inner_error_info(input);
        }
        assert_eq!(codes_in(&long_number), vec![50011]);
        assert_eq!(codes_in("ü AADSTS50011 ü"), vec![50011]);
        assert_eq!(
            inner_error_info("authorize endpoint call. Error: é"),
            Some("é")
        );
    }

    #[test]
    fn codes_in_is_linear_on_a_megabyte() {
        let started = std::time::Instant::now();
        // Many distinct codes: deduplication must not be quadratic.
        let mut text = String::new();
        for n in 100_000..190_000u32 {
            text.push_str("AADSTS");
            text.push_str(&n.to_string());
            text.push(' ');
        }
        assert!(text.len() > 1_000_000);
        let codes = codes_in(&text);
        assert_eq!(codes.len(), 90_000);
        assert_eq!(codes.first(), Some(&100_000));
        assert_eq!(codes.last(), Some(&189_999));

        // One megabyte of prefixes, of digits, and of open arrays.
        assert!(codes_in(&"AADSTS".repeat(200_000)).is_empty());
        assert!(codes_in(&format!("AADSTS{}", "1".repeat(1_000_000))).is_empty());
        assert!(codes_in(&"\"error_codes\":[".repeat(80_000)).is_empty());
        assert_eq!(
            inner_error_info(&"authorize endpoint call".repeat(50_000)),
            None
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "took {:?}",
            started.elapsed()
        );
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
            for code in codes_in(&s) {
                proptest::prop_assert!(code > 0);
            }
            if let Some(inner) = inner_error_info(&s) {
                proptest::prop_assert!(!inner.is_empty());
            }
        }
    }
}
