//! Share links: the whole case in the URL fragment, redacted by default.
//!
//! A link is `#v1.` followed by base64url (no padding) of the raw-deflated
//! JSON of the case's non-empty fields. The fragment is never sent to a
//! server. Opening a link ([`decode`]) never panics: a damaged link gets a
//! [`ShareError`] that says what is wrong.
//!
//! Redaction ([`redact`]) replaces secrets with markers that keep the analysis
//! of the shared case unchanged: the same value gets the same marker in every
//! field, different values get different markers (values that differ only in
//! letter case get markers that differ only in letter case), and a marker
//! keeps the form the analyzer checks (a `code_challenge` marker is 43
//! characters of the base64url alphabet, a hidden client ID is a valid,
//! obviously fake GUID). Values are found where they live, not by pattern
//! over the whole text: `name=value` pairs in URLs and query strings (also
//! when the pair is percent-encoded inside another URL, such as a redirect
//! URI's own `?token=`, sent and registered alike), the parsed tree of JSON
//! text (HAR and sign-in log exports, Graph JSON), hidden form inputs in HTML
//! bodies, e-mail addresses and JWTs anywhere.

use std::collections::{HashMap, HashSet};
use std::fmt;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use miniz_oxide::inflate::TINFLStatus;
use percent_encoding::percent_decode_str;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::Value;

use super::evidence::{self, csv, har};
use super::CaseInput;

/// What to hide when sharing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShareOptions {
    /// Replace secrets, tokens, e-mail addresses and JWTs with markers.
    pub redact_secrets: bool,
    /// Also replace tenant and client IDs and `*.onmicrosoft.com` tenant names.
    pub hide_ids: bool,
}

impl Default for ShareOptions {
    fn default() -> Self {
        ShareOptions {
            redact_secrets: true,
            hide_ids: false,
        }
    }
}

/// One value that redaction replaces (the preview shown before sharing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redaction {
    /// The input it was found in: `authorize`, `registered`, `callback`,
    /// `audience` or `evidence`.
    pub field: &'static str,
    /// The parameter it belongs to (`state`, `code`, …) or what it is
    /// (`email`, `jwt`, `client_id`, `tenant`, `cookie`, `authorization`).
    pub name: String,
    /// The text as it stood in the input (a Windows cmd cURL's `^` escapes undone).
    pub original: String,
    /// What replaces it.
    pub marker: String,
}

/// The version prefix of a share fragment.
pub const PREFIX: &str = "v1.";

/// The largest decompressed case a link may hold (1 MiB).
pub const MAX_DECODED: usize = 1 << 20;

/// Why a share link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Nothing after the `#`.
    Empty,
    /// Not a `v1.` link; carries the version it names (`v9`), or "" when it
    /// names none.
    UnknownVersion(String),
    /// Characters that are not base64.
    BadBase64,
    /// The bytes are not a deflate stream (damaged or cut short).
    NotDeflate,
    /// It would decompress to more than [`MAX_DECODED`] bytes.
    TooLarge,
    /// The content is not a JSON object of text fields; says what it is.
    WrongShape(String),
    /// It opened, but a character changed on the way (its checksum, a field's name).
    Damaged(String),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => {
                f.write_str("The share link holds no case: nothing follows its '#v1.'.")
            }
            ShareError::UnknownVersion(v) if v.is_empty() => f.write_str(
                "This is not a share link of this page: the part after '#' should start with 'v1.'.",
            ),
            ShareError::UnknownVersion(v) => write!(
                f,
                "This share link uses format '{v}', which this version of the page cannot open (it reads 'v1')."
            ),
            ShareError::BadBase64 => f.write_str(
                "The share link is damaged: it holds characters a share link never has, or was cut at an odd place.",
            ),
            ShareError::NotDeflate => f.write_str(
                "The share link is damaged or cut short: its content could not be decompressed.",
            ),
            ShareError::TooLarge => f.write_str(
                "The share link expands to more than 1 MB, more than this page opens.",
            ),
            ShareError::WrongShape(what) => write!(
                f,
                "The share link opened, but it does not hold a case this page understands: {what}."
            ),
            ShareError::Damaged(what) => write!(
                f,
                "The share link is damaged: {what}. Ask for the link again and copy it whole."
            ),
        }
    }
}

impl std::error::Error for ShareError {}

// ---------------------------------------------------------------------------
// Codec
// ---------------------------------------------------------------------------

fn is_empty_str(s: &&str) -> bool {
    s.is_empty()
}

/// The JSON written into a link: empty fields are left out.
#[derive(Serialize)]
struct Wire<'a> {
    /// The fields' checksum ([`checksum`]), first: a character changed on the way, or the end
    /// of the link lost, is found.
    sum: String,
    #[serde(skip_serializing_if = "is_empty_str")]
    authorize: &'a str,
    #[serde(skip_serializing_if = "is_empty_str")]
    registered: &'a str,
    #[serde(skip_serializing_if = "is_empty_str")]
    callback: &'a str,
    #[serde(skip_serializing_if = "is_empty_str")]
    audience: &'a str,
    #[serde(skip_serializing_if = "is_empty_str")]
    evidence: &'a str,
}

/// FNV-1a (32 bits) over the five fields, each followed by a unit separator: a link damaged
/// when it was copied (one character changed) decodes to fields of another sum.
fn checksum(fields: [&str; 5]) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for f in fields {
        for b in f.bytes().chain([0x1f]) {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    format!("{h:08x}")
}

/// `"v1."` + base64url(deflate(JSON of the non-empty fields)), without the
/// leading `#`. Redacts nothing: see [`share_fragment`].
pub fn encode(case: &CaseInput) -> String {
    let wire = Wire {
        authorize: &case.authorize,
        registered: &case.registered,
        callback: &case.callback,
        audience: &case.audience,
        evidence: &case.evidence,
        sum: checksum([
            &case.authorize,
            &case.registered,
            &case.callback,
            &case.audience,
            &case.evidence,
        ]),
    };
    // Serialising string fields cannot fail; an empty object is the fallback.
    let json = serde_json::to_vec(&wire).unwrap_or_else(|_| b"{}".to_vec());
    let deflated = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// Redacts `case` as `opts` says, then encodes it. Returns the fragment
/// (without `#`) and the preview of what was replaced.
/// The case without its evidence, keeping what the evidence stood in for: a HAR's authorize
/// request and what reached the app fill the boxes left empty, so a link that leaves a large
/// HAR out still carries the redirect URI's diagnosis. True in the second place when a box
/// was filled.
pub fn without_evidence(case: &CaseInput) -> (CaseInput, bool) {
    let ev = super::evidence::read(&case.evidence);
    let mut c = CaseInput {
        evidence: String::new(),
        ..case.clone()
    };
    let mut filled = false;
    if c.authorize.trim().is_empty() {
        if let Some(u) = ev.authorize_url {
            c.authorize = u;
            filled = true;
        }
    }
    if c.callback.trim().is_empty() {
        if let Some(l) = ev.landing {
            c.callback = l;
            filled = true;
        }
    }
    (c, filled)
}

pub fn share_fragment(case: &CaseInput, opts: &ShareOptions) -> (String, Vec<Redaction>) {
    let (redacted, list) = redact(case, opts);
    (encode(&redacted), list)
}

/// True when `text` is one link (no spaces) whose `#…` part opens as a shared case.
pub fn is_share_link(text: &str) -> bool {
    let t = text.trim();
    !t.contains(char::is_whitespace)
        && t.split_once('#')
            .is_some_and(|(_, frag)| frag.starts_with(PREFIX) && decode(frag).is_ok())
}

/// Opens a share fragment. Accepts it with or without the leading `#` (or a
/// whole link), ignores surrounding whitespace, and tolerates standard
/// base64 (`+`, `/`, `=` padding) and line breaks inside.
pub fn decode(fragment: &str) -> Result<CaseInput, ShareError> {
    let mut s = fragment.trim();
    if let Some(pos) = s.find('#') {
        s = s[pos + 1..].trim();
    }
    if s.is_empty() {
        return Err(ShareError::Empty);
    }
    let (version, payload) = s.split_once('.').unwrap_or((s, ""));
    if version != PREFIX.trim_end_matches('.') {
        return Err(ShareError::UnknownVersion(version_label(version)));
    }
    let cleaned: String = payload
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    if cleaned.is_empty() {
        return Err(ShareError::Empty);
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(cleaned.as_bytes())
        .map_err(|_| ShareError::BadBase64)?;
    let json =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_DECODED).map_err(|e| {
            if e.status == TINFLStatus::HasMoreOutput {
                ShareError::TooLarge
            } else {
                ShareError::NotDeflate
            }
        })?;
    case_from_json(&json)
}

/// `v9` for a version-like prefix, "" for anything else.
fn version_label(version: &str) -> String {
    let digits = version.strip_prefix('v').unwrap_or("");
    if !digits.is_empty() && digits.len() <= 9 && digits.bytes().all(|b| b.is_ascii_digit()) {
        version.to_string()
    } else {
        String::new()
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a true/false value",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn case_from_json(bytes: &[u8]) -> Result<CaseInput, ShareError> {
    // One JSON reader in the wasm: text is checked as UTF-8 here and read like every other input.
    let text = std::str::from_utf8(bytes).map_err(|e| {
        ShareError::WrongShape(format!(
            "its content is not UTF-8 text (byte {})",
            e.valid_up_to()
        ))
    })?;
    let value: Value = serde_json::from_str(text)
        .map_err(|e| ShareError::WrongShape(format!("its content is not valid JSON ({e})")))?;
    let Value::Object(map) = value else {
        return Err(ShareError::WrongShape(format!(
            "it holds {} where an object of text fields was expected",
            json_kind(&value)
        )));
    };
    let mut case = CaseInput::default();
    let slots: [(&str, &mut String); 5] = [
        ("authorize", &mut case.authorize),
        ("registered", &mut case.registered),
        ("callback", &mut case.callback),
        ("audience", &mut case.audience),
        ("evidence", &mut case.evidence),
    ];
    for (key, slot) in slots {
        match map.get(key) {
            None => {}
            Some(Value::String(s)) => *slot = s.clone(),
            Some(other) => {
                return Err(ShareError::WrongShape(format!(
                    "its field \"{key}\" is {}, not text",
                    json_kind(other)
                )))
            }
        }
    }
    // A field of no name this page writes: a name damaged on the way.
    if let Some(k) = map.keys().find(|k| {
        !matches!(
            k.as_str(),
            "authorize" | "registered" | "callback" | "audience" | "evidence" | "sum"
        )
    }) {
        return Err(ShareError::Damaged(format!(
            "it holds a field this page never writes (\"{}\"), a name changed when the link was copied",
            k.chars().take(40).collect::<String>()
        )));
    }
    // Links written before the checksum have none; one that does not fit says the link changed.
    if let Some(sum) = map.get("sum") {
        let want = checksum([
            &case.authorize,
            &case.registered,
            &case.callback,
            &case.audience,
            &case.evidence,
        ]);
        if sum.as_str() != Some(want.as_str()) {
            return Err(ShareError::Damaged(
                "its content does not match its checksum, so a character changed when it was copied".to_string(),
            ));
        }
    }
    Ok(case)
}

// ---------------------------------------------------------------------------
// What is secret
// ---------------------------------------------------------------------------

/// Parameters and JSON keys whose values are redacted (names compared
/// case-insensitively and exactly).
const SECRET_NAMES: &[&str] = &[
    "state",
    "nonce",
    "code_challenge",
    "code_verifier",
    "code",
    "id_token",
    "access_token",
    "refresh_token",
    "client_secret",
    "client_assertion",
    "login_hint",
    "session_state",
    "client_info",
    "sid",
    // Credentials and session values a HAR of a sign-in also carries (the
    // sign-in form's fields, token-request grants, a Graph secret).
    "password",
    "passwd",
    "pwd",
    "login",
    "loginfmt",
    "username",
    "assertion",
    // A SAML response: the signed assertion with the user's identity (the
    // SAMLRequest is kept: the analysis reads its reply URL).
    "samlresponse",
    "id_token_hint",
    "device_code",
    "user_code",
    "flowtoken",
    "canary",
    "secrettext",
    // Entra's sign-in pages: the flow token, request context and anti-forgery
    // values in their $Config script and form fields.
    "sft",
    "ppft",
    "ctx",
    "sctx",
    "apicanary",
    // Who signed in and from where, in sign-in log exports (Graph, Log
    // Analytics, diagnostic settings); the analysis never reads them.
    "userdisplayname",
    "userid",
    "ipaddress",
    "calleripaddress",
    "identity",
];

/// Keys (compared without case, `_`, `-` or spaces) of a sign-in log that say
/// who signed in, from which device and where, under names the list above
/// does not hold: every IP address column (`ipAddressFromResourceProvider`,
/// `globalSecureAccessIpAddress`), the sign-in identifier, session, token and
/// device IDs, and the location. The analysis never reads them. `parent` is
/// the key of the enclosing object: a device's `displayName` is its name.
fn person_key(parent: &str, name: &str) -> Option<&'static str> {
    if name.len() > 40 {
        return None;
    }
    let norm = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let key = norm(name);
    if key.contains("ipaddress") {
        return Some("ipaddress");
    }
    match key.as_str() {
        "signinidentifier" | "alternatesigninname" => Some("signinidentifier"),
        "sessionid" | "uniquetokenidentifier" | "deviceid" => Some("sessionid"),
        "city" | "latitude" | "longitude" => Some("location"),
        "displayname" if parent.len() < 40 && norm(parent) == "devicedetail" => Some("device"),
        _ => None,
    }
}

/// A JSON key an app's own request or answer names a credential with (`apiKey`,
/// `clientSecret`, `adminPassword`, `subscription-key`), compared without case or separators.
fn credential_key(name: &str) -> Option<&'static str> {
    if name.len() > 40 {
        return None;
    }
    let key = super::registered::label_key(name);
    [
        "apikey",
        "secret",
        "password",
        "accesskey",
        "subscriptionkey",
        "privatekey",
    ]
    .iter()
    .any(|end| key.ends_with(end))
    .then_some("secret")
}

/// A secret's name: this list's, the HAR sanitiser's (but a bare `token`: as a JSON key it
/// names other things), or one ending in `token`, `secret`, `password` or `passcode`.
fn secret_name(name: &str) -> Option<&'static str> {
    SECRET_NAMES
        .iter()
        .chain(evidence::sanitize::SECRET_NAMES)
        .copied()
        .find(|s| *s != "token" && s.eq_ignore_ascii_case(name))
        .or_else(|| evidence::sanitize::secret_suffix(name).then_some("token"))
}

/// Query parameters that carry a credential in URLs, a redirect URI's own
/// query included (`?token=`, a storage signature `sig=`, `api_key=`). Read
/// in `name=value` pairs and HAR name/value entries only: as JSON keys the
/// shorter ones name other things.
const URL_SECRET_NAMES: &[&str] = &[
    "token",
    "sig",
    "signature",
    "key",
    "apikey",
    "api_key",
    "api-key",
    "access_key",
    "secret",
    "auth",
    "ticket",
    "otp",
    "x-amz-signature",
    "x-amz-credential",
    "x-amz-security-token",
    "x-goog-signature",
    "x-goog-credential",
];

fn url_secret_name(name: &str) -> Option<&'static str> {
    URL_SECRET_NAMES
        .iter()
        .copied()
        .find(|s| s.eq_ignore_ascii_case(name))
}

/// Request headers that carry a credential besides Authorization and Cookie.
pub(crate) fn is_credential_header(name: &str) -> bool {
    [
        "x-api-key",
        "api-key",
        "ocp-apim-subscription-key",
        "x-csrf-token",
        "x-xsrf-token",
        "x-ms-refreshtokencredential",
        "x-ms-devicecredential",
        "x-ms-token-aad-id-token",
        "x-ms-token-aad-access-token",
        "x-ms-client-principal",
        // Who the user is, as a proxy or App Service authentication passes it on.
        "x-ms-client-principal-name",
        "x-ms-client-principal-id",
        "x-forwarded-user",
        "x-forwarded-email",
        "x-forwarded-preferred-username",
        "remote-user",
        "requestverificationtoken",
        "private-token",
        "authentication",
    ]
    .iter()
    .any(|h| h.eq_ignore_ascii_case(name))
        || {
            // An app's own credential header (`X-Custom-Auth`, `X-Auth-Token`, `X-Client-Secret`,
            // `x-functions-key`).
            let n = name.to_ascii_lowercase();
            n.starts_with("x-")
                && ([
                    "auth",
                    "token",
                    "secret",
                    "apikey",
                    "api-key",
                    "password",
                    "signature",
                ]
                .iter()
                .any(|w| n.contains(w))
                    || n.ends_with("-key"))
        }
}

/// Names that hold a client or tenant ID, compared without case, `_`, `-`
/// or spaces (`client_id`, `appId`, `tenantId`, …).
fn id_kind(name: &str) -> Option<&'static str> {
    if name.len() > 40 {
        return None;
    }
    let norm: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match norm.as_str() {
        "clientid" | "appid" | "applicationid" => Some("client_id"),
        "tenant" | "tenantid" | "tid" | "hometenantid" | "resourcetenantid" => Some("tenant"),
        _ => None,
    }
}

fn is_guid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

fn is_b64url(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_'
}

/// A whole value shaped like a JWS or JWE compact token.
fn looks_like_jwt(s: &str) -> bool {
    if !s.starts_with("eyJ") {
        return false;
    }
    let parts: Vec<&str> = s.split('.').collect();
    (3..=5).contains(&parts.len())
        && parts.iter().all(|p| p.bytes().all(is_b64url))
        && parts.iter().take(2).all(|p| !p.is_empty())
}

fn is_local_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'+' | b'-')
}

fn is_domain_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'.'
}

/// A domain with at least two labels and an alphabetic top-level label.
fn valid_domain(d: &str) -> bool {
    let labels: Vec<&str> = d.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
        && labels
            .last()
            .is_some_and(|t| t.len() >= 2 && t.bytes().all(|c| c.is_ascii_alphabetic()))
}

/// A whole value that is an e-mail address.
fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && local.bytes().all(is_local_char)
                && domain.bytes().all(is_domain_char)
                && valid_domain(domain)
        }
        None => false,
    }
}

fn starts_with_ci(b: &[u8], at: usize, pat: &[u8]) -> bool {
    b.get(at..at + pat.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(pat))
}

fn ends_with_ci(b: &[u8], end: usize, pat: &[u8]) -> bool {
    end >= pat.len() && starts_with_ci(b, end - pat.len(), pat)
}

fn contains_ci(hay: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .any(|w| w.eq_ignore_ascii_case(n))
}

fn find_ci(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    if pat.is_empty() || from >= b.len() {
        return None;
    }
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w.eq_ignore_ascii_case(pat))
        .map(|p| p + from)
}

/// A query value as the analyzer reads it: form-decoded (`+` is a space) once per nesting
/// level (level 0: once), so two spellings get one marker exactly when they are one value.
fn form_decode_level(raw: &str, level: usize) -> String {
    let mut s = raw.to_string();
    for _ in 0..=level {
        if !s.contains(['%', '+']) {
            break;
        }
        s = super::uri::form_decode(&s).0;
    }
    s
}

/// Percent-decodes `raw` once per nesting level (level 0: once).
fn decode_level(raw: &str, level: usize) -> String {
    let mut s = raw.to_string();
    for _ in 0..=level {
        if !s.contains('%') {
            break;
        }
        s = percent_decode_str(&s).decode_utf8_lossy().into_owned();
    }
    s
}

/// Tells whether JSON text has an object with a repeated key (the parsed
/// tree keeps only the last one, so the text would hide the others).
struct NoDupKeys;

struct NoDupVisitor;

impl<'de> Visitor<'de> for NoDupVisitor {
    type Value = NoDupKeys;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<NoDupKeys, E> {
        Ok(NoDupKeys)
    }
    fn visit_i64<E>(self, _: i64) -> Result<NoDupKeys, E> {
        Ok(NoDupKeys)
    }
    fn visit_u64<E>(self, _: u64) -> Result<NoDupKeys, E> {
        Ok(NoDupKeys)
    }
    fn visit_f64<E>(self, _: f64) -> Result<NoDupKeys, E> {
        Ok(NoDupKeys)
    }
    fn visit_str<E>(self, _: &str) -> Result<NoDupKeys, E> {
        Ok(NoDupKeys)
    }
    fn visit_unit<E>(self) -> Result<NoDupKeys, E> {
        Ok(NoDupKeys)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NoDupKeys, A::Error> {
        while seq.next_element::<NoDupKeys>()?.is_some() {}
        Ok(NoDupKeys)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NoDupKeys, A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key) {
                return Err(de::Error::custom("duplicate key"));
            }
            map.next_value::<NoDupKeys>()?;
        }
        Ok(NoDupKeys)
    }
}

impl<'de> Deserialize<'de> for NoDupKeys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NoDupVisitor)
    }
}

fn has_duplicate_keys(json: &str) -> bool {
    serde_json::from_str::<NoDupKeys>(json).is_err()
}

// ---------------------------------------------------------------------------
// Redaction
// ---------------------------------------------------------------------------

/// The form a marker takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Class {
    /// `redacted-N`
    Opaque,
    /// Characters of the base64url alphabet, as many as the value had (a PKCE value keeps its
    /// length: 43 is the only one an S256 challenge may have, a verifier may have 43 to 128).
    Pkce(usize),
    /// A JWT-shaped token that carries nothing.
    Jwt,
    /// `redacted-N@example.invalid`
    Email,
}

const FAKE_GUID_PREFIX: &str = "00000000-0000-4000-8000-";

struct Redactor<'a> {
    opts: ShareOptions,
    originals: [&'a str; 5],
    /// Markers are numbered above every number that follows marker-like
    /// text in the inputs (a shared case shared again), so a new marker
    /// never equals a value already there. Only when such a number is too
    /// large to count above is each new marker checked against the inputs.
    check_collisions: bool,
    markers: HashMap<(Class, String), String>,
    /// Lowercase value -> (its first marker, spellings so far): a value
    /// spelled again with other letter case gets the same marker in other
    /// letter case, so "differs only in case" survives the link.
    families: HashMap<(Class, String), (String, u32)>,
    issued: HashSet<String>,
    /// Lowercase GUID -> (fake GUID, kind).
    ids: HashMap<String, (String, &'static str)>,
    /// Lowercase tenant name -> marker.
    tenants: HashMap<String, String>,
    counter: u64,
    guid_counter: u64,
    tenant_counter: u64,
    field: &'static str,
    records: Vec<Redaction>,
    seen: HashSet<(&'static str, String)>,
    /// How deep escaped text is being looked into.
    depth: u8,
}

/// Replaces secrets (and, with `hide_ids`, tenant and client IDs) with stable
/// markers. Returns the redacted case and the list of replacements,
/// deduplicated by (field, original).
pub fn redact(case: &CaseInput, opts: &ShareOptions) -> (CaseInput, Vec<Redaction>) {
    if !opts.redact_secrets && !opts.hide_ids {
        return (case.clone(), Vec::new());
    }
    let mut r = Redactor::new(case, *opts);
    // A URL from a mail's source is shared decoded: its quoted-printable line breaks depend on
    // line lengths a marker would change.
    let authorize = crate::core::registered::quoted_printable(&case.authorize)
        .unwrap_or_else(|| case.authorize.clone());
    let mut out = CaseInput {
        authorize: r.field("authorize", &authorize),
        registered: r.field("registered", &case.registered),
        // Entra's error lookup page holds an AADSTS number and nothing else.
        callback: if let Some((url, _)) = super::callback::entra_error_page(&case.callback) {
            url
        } else {
            r.field("callback", &case.callback)
        },
        audience: r.field("audience", &case.audience),
        evidence: r.field("evidence", &case.evidence),
    };
    if opts.hide_ids && !r.ids.is_empty() {
        // An ID found in one place is hidden everywhere, in every field.
        for (name, text) in [
            ("authorize", &mut out.authorize),
            ("registered", &mut out.registered),
            ("callback", &mut out.callback),
            ("audience", &mut out.audience),
            ("evidence", &mut out.evidence),
        ] {
            r.field = name;
            if let Some(new) = r.known_ids(text) {
                *text = new;
            }
        }
    }
    (out, r.records)
}

impl<'a> Redactor<'a> {
    fn new(case: &'a CaseInput, opts: ShareOptions) -> Self {
        let originals = [
            case.authorize.as_str(),
            case.registered.as_str(),
            case.callback.as_str(),
            case.audience.as_str(),
            case.evidence.as_str(),
        ];
        let floors = marker_floors(&originals);
        Redactor {
            opts,
            originals,
            check_collisions: floors.capped,
            markers: HashMap::new(),
            families: HashMap::new(),
            issued: HashSet::new(),
            ids: HashMap::new(),
            tenants: HashMap::new(),
            counter: floors.markers,
            guid_counter: floors.guids,
            tenant_counter: floors.markers,
            field: "authorize",
            records: Vec::new(),
            seen: HashSet::new(),
            depth: 0,
        }
    }

    fn collides(&self, marker: &str) -> bool {
        self.check_collisions && self.originals.iter().any(|t| t.contains(marker))
    }

    fn record(&mut self, name: &str, original: &str, marker: &str) {
        // A field copied as cURL for Windows cmd escapes characters with '^' (`^%`, `^&`): the
        // preview shows the value without them, as the request sent it.
        let text = match self.field {
            "authorize" => self.originals[0],
            "registered" => self.originals[1],
            "callback" => self.originals[2],
            "audience" => self.originals[3],
            _ => self.originals[4],
        };
        let original = if original.contains('^') && (text.contains("^&") || text.contains("^\"")) {
            let mut o = String::with_capacity(original.len());
            let mut chars = original.chars();
            while let Some(c) = chars.next() {
                match c {
                    '^' => o.extend(chars.next()),
                    c => o.push(c),
                }
            }
            o
        } else {
            original.to_string()
        };
        if self.seen.insert((self.field, original.clone())) {
            self.records.push(Redaction {
                field: self.field,
                name: name.to_string(),
                original,
                marker: marker.to_string(),
            });
        }
    }

    fn fresh(&mut self, class: Class) -> String {
        loop {
            self.counter += 1;
            let n = self.counter;
            let m = match class {
                Class::Opaque => format!("redacted-{n}"),
                Class::Pkce(len) => format!("REDACTED{n:0>w$}", w = len.saturating_sub(8)),
                Class::Email => format!("redacted-{n}@example.invalid"),
                Class::Jwt => format!(
                    "{}.{}.redacted-{n}",
                    URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
                    URL_SAFE_NO_PAD.encode(r#"{"redacted":true}"#)
                ),
            };
            if !self.collides(&m) {
                return m;
            }
        }
    }

    /// The marker for a secret `key` (its decoded value) written as `raw`.
    /// None for an empty value, one that is already a marker, or another sanitiser's
    /// placeholder (`[Token Redacted]`: markers would make two of them differ).
    fn secret(&mut self, name: &'static str, raw: &str, key: &str) -> Option<String> {
        if !evidence::sanitize::known_value(key) || self.issued.contains(key) {
            return None;
        }
        // A failed SAML response keeps its status (Entra's error), not the rest.
        if name == "samlresponse" {
            if let Some(st) = super::saml::response_status(key).filter(|s| !s.success) {
                let m = super::saml::status_only(&st);
                self.issued.insert(m.clone());
                self.record(name, raw, &m);
                return Some(m);
            }
        }
        let class = if looks_like_jwt(key) {
            Class::Jwt
        } else if is_email(key) {
            Class::Email
        } else if (name == "code_challenge" || name == "code_verifier")
            && (43..=128).contains(&key.len())
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
        {
            // A well-formed PKCE value gets a well-formed marker of its length; a malformed one
            // an opaque marker, malformed too, so the analysis on the other side says the same.
            Class::Pkce(key.len())
        } else {
            Class::Opaque
        };
        let map_key = (class, key.to_string());
        let marker = match self.markers.get(&map_key) {
            Some(m) => m.clone(),
            None => {
                let m = self
                    .family_marker(class, key)
                    .unwrap_or_else(|| self.fresh(class));
                // ASP.NET Core's state (a data-protection blob) names the kind of app: its
                // `CfDJ8` prefix stays, so the shared case is read as the same app.
                // A state's shape the analysis reads stays too: JSON cut open by an unencoded
                // '&', HTML (which Entra strips).
                let m = if name == "state" && key.starts_with("CfDJ8") {
                    format!("CfDJ8{m}")
                } else if name == "state" && key.starts_with('{') && !key.ends_with('}') {
                    format!("{{{m}")
                } else if name == "state" && key.contains('<') && key.contains('>') {
                    format!("<{m}>")
                } else {
                    m
                };
                self.issued.insert(m.clone());
                self.markers.insert(map_key, m.clone());
                m
            }
        };
        self.record(name, raw, &marker);
        Some(marker)
    }

    /// The marker of an opaque or e-mail value not seen in this spelling:
    /// a fresh one for its first spelling; for one that differs only in
    /// letter case from a value already marked, that marker with other
    /// letters of its `redacted` in upper case (a pattern per spelling).
    /// None for other classes, or when no such variant is left.
    fn family_marker(&mut self, class: Class, key: &str) -> Option<String> {
        if !matches!(class, Class::Opaque | Class::Email) {
            return None;
        }
        // ASCII case only: the standard library's Unicode case tables would add 9 KB to the page.
        let family = (class, key.to_ascii_lowercase());
        let Some((base, used)) = self.families.get(&family).cloned() else {
            let m = self.fresh(class);
            self.families.insert(family, (m.clone(), 0));
            return Some(m);
        };
        let next = used + 1;
        if next >= 1 << 8 {
            return None;
        }
        let variant: String = base
            .char_indices()
            .map(|(i, c)| {
                if i < 8 && next >> i & 1 == 1 {
                    c.to_ascii_uppercase()
                } else {
                    c
                }
            })
            .collect();
        if self.collides(&variant) || self.issued.contains(&variant) {
            return None;
        }
        self.families.insert(family, (base, next));
        Some(variant)
    }

    /// The fake GUID for a client or tenant ID; None when `key` is no GUID.
    fn id_guid(&mut self, kind: &'static str, raw: &str, key: &str) -> Option<String> {
        let key = key.trim();
        if !is_guid(key) || self.issued.contains(key) {
            return None;
        }
        // Microsoft's own apps' client IDs are the same in every tenant and name no one, and
        // neither does the tenant of personal Microsoft accounts.
        if crate::core::first_party(key).is_some()
            || key.eq_ignore_ascii_case(crate::core::request::MSA_TENANT)
        {
            return None;
        }
        // The nil GUID and other one-digit GUIDs are placeholders, no one's ID: they stay,
        // so the shared case shows the same placeholder error.
        let mut hex = key.bytes().filter(|b| *b != b'-');
        let first = hex.next().unwrap_or(b'0');
        if hex.all(|b| b.eq_ignore_ascii_case(&first)) {
            return None;
        }
        let lower = key.to_ascii_lowercase();
        let (marker, kind) = match self.ids.get(&lower) {
            Some((m, k)) => (m.clone(), *k),
            None => {
                let m = loop {
                    self.guid_counter += 1;
                    let m = format!("{FAKE_GUID_PREFIX}{:012}", self.guid_counter);
                    if !self.collides(&m) {
                        break m;
                    }
                };
                self.issued.insert(m.clone());
                self.ids.insert(lower, (m.clone(), kind));
                (m, kind)
            }
        };
        self.record(kind, raw, &marker);
        Some(marker)
    }

    fn tenant_name(&mut self, raw: &str) -> Option<String> {
        let lower = raw.to_ascii_lowercase();
        if self.issued.contains(&lower) {
            return None;
        }
        let marker = match self.tenants.get(&lower) {
            Some(m) => m.clone(),
            None => {
                let m = loop {
                    self.tenant_counter += 1;
                    let m = format!("redacted-tenant-{}", self.tenant_counter);
                    if !self.collides(&m) {
                        break m;
                    }
                };
                self.issued.insert(m.clone());
                self.tenants.insert(lower, m.clone());
                m
            }
        };
        self.record("tenant", raw, &marker);
        Some(marker)
    }

    /// The replacement for the value of a `name=value` pair, if any.
    fn pair_value(&mut self, name: &str, raw: &str, level: usize) -> Option<String> {
        if raw.is_empty() {
            return None;
        }
        if self.opts.redact_secrets {
            if let Some(canon) = secret_name(name).or_else(|| url_secret_name(name)) {
                let key = form_decode_level(raw, level);
                return self.secret(canon, raw, &key);
            }
        }
        if self.opts.hide_ids {
            if let Some(kind) = id_kind(name) {
                let key = decode_level(raw, level);
                return self.id_guid(kind, raw, &key);
            }
        }
        None
    }

    // -- fields ------------------------------------------------------------

    fn field(&mut self, name: &'static str, text: &str) -> String {
        self.field = name;
        if text.is_empty() {
            return String::new();
        }
        if name == "evidence" {
            if let Some(out) = self.csv_text(text) {
                return out;
            }
        }
        self.string_value(text).unwrap_or_else(|| text.to_string())
    }

    /// Redacts JSON text through its parsed tree. Unchanged JSON keeps its
    /// original formatting; changed JSON is written back compactly.
    fn json_text(&mut self, text: &str) -> Json {
        let t = text.trim_start();
        if !(t.starts_with('{') || t.starts_with('[')) {
            // The shell prompt and command above a terminal's JSON: each redacted as it is.
            let Some((head, body)) = evidence::after_prompt(text).map(|at| text.split_at(at))
            else {
                return Json::Not;
            };
            let new_head = self.text(head);
            return match (self.json_text(body), new_head) {
                (Json::Not, _) => Json::Not,
                (Json::Changed(b), h) => Json::Changed(h.unwrap_or_else(|| head.into()) + &b),
                (Json::Unchanged, Some(h)) => Json::Changed(h + body),
                (Json::Unchanged, None) => Json::Unchanged,
            };
        }
        // One object of a list copied with the comma after it (or several objects).
        if let Some(o) = text.trim_end().strip_suffix(',') {
            if serde_json::from_str::<Value>(text).is_err_and(|e| !e.is_eof()) {
                return match self.json_text(o) {
                    Json::Changed(b) => Json::Changed(b + ","),
                    Json::Not => match self.json_text(&format!("[{o}]")) {
                        Json::Changed(b) => Json::Changed(b),
                        Json::Unchanged => Json::Unchanged,
                        Json::Not => Json::Not,
                    },
                    j => j,
                };
            }
        }
        let fixed = evidence::lone_surrogates_replaced(text);
        let text = fixed.as_deref().unwrap_or(text);
        let mut value = match serde_json::from_str::<Value>(text) {
            Ok(v) => v,
            // Cut off (a HAR over an upload limit, a copy cut short): the
            // complete part is redacted through its tree and stays cut off at
            // the same place, so the shared case reads the same; the cut-off
            // rest never reaches the link.
            Err(e) if e.is_eof() => {
                let Some(cut) = evidence::salvage_json(text) else {
                    return Json::Not;
                };
                let Ok(mut v) = serde_json::from_str::<Value>(&cut.closed) else {
                    return Json::Not;
                };
                self.walk(&mut v, "");
                return Json::Changed(open_json(&v, &cut.keys).unwrap_or_else(|| v.to_string()));
            }
            Err(_) => return Json::Not,
        };
        let changed = self.walk(&mut value, "");
        if changed || has_duplicate_keys(text) {
            // Writing a parsed tree back cannot fail; never fall back to the
            // unredacted text.
            Json::Changed(serde_json::to_string(&value).unwrap_or_default())
        } else {
            Json::Unchanged
        }
    }

    /// Text that may be JSON (nested in a JSON string or not): its new
    /// value, or None when nothing in it changes.
    fn string_value(&mut self, s: &str) -> Option<String> {
        match self.json_text(s) {
            Json::Changed(out) => Some(out),
            Json::Unchanged => None,
            Json::Not => self.text(s),
        }
    }

    /// A sign-in log CSV export, cell by cell: the columns of who signed in
    /// and from where get markers (the same person keeps the one the JSON
    /// export's fields get), every other cell is redacted as text (Log
    /// Analytics' JSON cells included). None when `s` is no such export.
    fn csv_text(&mut self, s: &str) -> Option<String> {
        let mut rows = csv::Reader::new(s);
        let header = rows.next()?;
        if !csv::is_signin_header(&header) {
            return None;
        }
        let sep = rows.separator();
        let columns: Vec<String> = header.iter().map(|h| csv::column_key(h)).collect();
        let mut out = String::with_capacity(s.len());
        if let Some(line) = s
            .trim_start_matches('\u{FEFF}')
            .lines()
            .next()
            .filter(|l| l.starts_with("sep="))
        {
            out.push_str(line);
            out.push('\n');
        }
        let mut changed = false;
        let write = |out: &mut String, cells: &[String]| {
            for (i, cell) in cells.iter().enumerate() {
                if i > 0 {
                    out.push(sep);
                }
                if cell.contains([sep, '"', '\n', '\r']) {
                    out.push('"');
                    out.push_str(&cell.replace('"', "\"\""));
                    out.push('"');
                } else {
                    out.push_str(cell);
                }
            }
            out.push('\n');
        };
        let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
        write(&mut out, &header);
        for row in rows {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    let column = columns.get(i).map_or("", String::as_str);
                    let new = self.csv_cell(column, cell);
                    changed |= new.is_some();
                    new.unwrap_or_else(|| cell.to_string())
                })
                .collect();
            write(&mut out, &cells);
        }
        changed.then_some(out)
    }

    fn csv_cell(&mut self, column: &str, cell: &str) -> Option<String> {
        if cell.trim().is_empty() {
            return None;
        }
        if self.opts.redact_secrets {
            let named = csv::record_key(column)
                .and_then(secret_name)
                .or_else(|| secret_name(column));
            // A portal CSV's Location is "city, state, country"; Log
            // Analytics' DeviceDetail and LocationDetails are JSON cells.
            let person = named.or_else(|| person_key("", column)).or_else(|| {
                matches!(column, "location" | "locationdetails" | "devicedetail")
                    .then_some("location")
            });
            if let Some(canon) = person {
                return self.secret(canon, cell, cell.trim());
            }
        }
        if self.opts.hide_ids {
            if let Some(kind) = id_kind(column) {
                if let Some(m) = self.id_guid(kind, cell, cell) {
                    return Some(m);
                }
            }
        }
        self.string_value(cell)
    }

    fn walk(&mut self, v: &mut Value, parent_key: &str) -> bool {
        match v {
            Value::String(s) => match self.string_value(s) {
                Some(new) => {
                    *s = new;
                    true
                }
                None => false,
            },
            Value::Array(items) => {
                let mut changed = false;
                for item in items {
                    changed |= self.walk(item, parent_key);
                }
                changed
            }
            Value::Object(map) => self.object(map, parent_key),
            _ => false,
        }
    }

    fn object(&mut self, map: &mut serde_json::Map<String, Value>, parent_key: &str) -> bool {
        let mut changed = false;
        // A HAR {name, value} entry: query string, form parameter, header, cookie.
        let pair_name = match (map.get("name"), map.get("value")) {
            (Some(Value::String(n)), Some(Value::String(_))) => Some(n.clone()),
            _ => None,
        };
        let base64_body = map.get("encoding").and_then(Value::as_str) == Some("base64");
        // Headers, cookies or parameters some tools write as one object of `"Name": "value"`
        // instead of a list of {name, value}: each read as such a pair.
        let pair_list = ["headers", "cookies", "queryString", "params"]
            .iter()
            .any(|k| k.eq_ignore_ascii_case(parent_key));
        if pair_list && pair_name.is_none() {
            for (key, val) in map.iter_mut() {
                let values: Vec<&mut String> = match val {
                    Value::String(s) => vec![s],
                    Value::Array(items) => items
                        .iter_mut()
                        .filter_map(|v| match v {
                            Value::String(s) => Some(s),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                if values.is_empty() {
                    changed |= self.walk(val, key);
                    continue;
                }
                for s in values {
                    let new = match self.har_pair(parent_key, key, s) {
                        Some(new) => Some(new),
                        None => self.string_value(s),
                    };
                    if let Some(new) = new.filter(|n| n != s) {
                        *s = new;
                        changed = true;
                    }
                }
            }
            return changed;
        }
        if self.opts.redact_secrets {
            changed |= self.app_page(map);
        }
        // Secret values replaced here, to take out of the other fields too (a device code
        // answer repeats its user_code in its `message`).
        let mut taken: Vec<(String, String)> = Vec::new();
        for (key, val) in map.iter_mut() {
            if let (Some(name), "value", Value::String(s)) = (&pair_name, key.as_str(), &mut *val) {
                if let Some(new) = self.har_pair(parent_key, name, s) {
                    if new != *s {
                        *s = new;
                        changed = true;
                    }
                    continue;
                }
            }
            if key.eq_ignore_ascii_case("redirect_uri") {
                if let Value::String(s) = val {
                    if let Some(new) = self.text(s) {
                        *s = new;
                        changed = true;
                    }
                    continue;
                }
            }
            if self.opts.redact_secrets {
                if let Some(canon) = secret_name(key)
                    .or_else(|| person_key(parent_key, key))
                    .or_else(|| credential_key(key))
                {
                    let before = val.as_str().map(|v| v.trim().to_string());
                    changed |= self.secret_json(canon, val);
                    if let (Some(b), Some(m)) = (before, val.as_str()) {
                        if b.len() >= 6 && b != m && taken.len() < 8 {
                            taken.push((b, m.to_string()));
                        }
                    }
                    continue;
                }
                if base64_body && key == "text" {
                    if let Value::String(s) = val {
                        if let Some(new) = self.base64_text(s) {
                            *s = new;
                            changed = true;
                        }
                    }
                    continue;
                }
            }
            if self.opts.hide_ids {
                if let (Some(kind), Value::String(s)) = (id_kind(key), &mut *val) {
                    if let Some(m) = self.id_guid(kind, &s.clone(), s) {
                        *s = m;
                        changed = true;
                        continue;
                    }
                }
            }
            changed |= self.walk(val, key);
        }
        for val in map.values_mut().filter(|_| !taken.is_empty()) {
            if let Value::String(s) = val {
                for (value, m) in &taken {
                    if let Some(new) = evidence::sanitize::replace_words(s, value, m) {
                        *s = new;
                        changed = true;
                    }
                }
            }
        }
        changed
    }

    /// A HAR entry answered by the app (not Entra): the analysis reads its
    /// page only for an error status (`har.app_error`), and there only the
    /// library messages and AADSTS codes. An error page keeps just those; any
    /// other page of the app is left out. Its cookies, stack traces and
    /// personal data never reach the link.
    fn app_page(&mut self, entry: &mut serde_json::Map<String, Value>) -> bool {
        let url = match entry.get("request") {
            Some(Value::Object(req)) => req.get("url").and_then(Value::as_str).unwrap_or(""),
            _ => return false,
        };
        if har::is_entra_url(url) {
            return false;
        }
        let federation_host = har::is_federation_url(url);
        let Some(Value::Object(resp)) = entry.get_mut("response") else {
            return false;
        };
        let status = match resp.get("status") {
            Some(Value::Number(n)) => n.as_i64().unwrap_or(0),
            Some(Value::String(s)) => s.trim().parse().unwrap_or(0),
            _ => 0,
        };
        let Some(Value::Object(content)) = resp.get_mut("content") else {
            return false;
        };
        // The page's text, or the JSON itself where a tool wrote it so.
        let text = match content.get("text") {
            Some(Value::String(text)) => text.clone(),
            Some(v @ (Value::Object(_) | Value::Array(_))) => v.to_string(),
            _ => return false,
        };
        if text.is_empty() {
            return false;
        }
        let base64 = content
            .get("encoding")
            .and_then(Value::as_str)
            .is_some_and(|e| e.eq_ignore_ascii_case("base64"));
        let page = if base64 {
            har::decode_base64_text(&text).unwrap_or_default()
        } else {
            text
        };
        let original: String = page.chars().take(60).collect();
        // A federation server's error page (AD FS, answered 200) is the failure's only text.
        let federation = federation_host
            .then(|| har::federation_digest(&page))
            .flatten();
        if let Some(digest) = federation {
            self.record("app_page", &original, &digest);
            content.insert("text".to_string(), Value::String(digest));
        } else if status >= 400 {
            let digest = har::app_page_digest(&page);
            self.record("app_page", &original, &digest);
            content.insert("text".to_string(), Value::String(digest));
        } else {
            self.record("app_page", &original, "");
            content.remove("text");
        }
        content.remove("encoding");
        true
    }

    /// A value under a secret-named key.
    fn secret_json(&mut self, canon: &'static str, val: &mut Value) -> bool {
        match val {
            Value::String(s) => match self.secret(canon, &s.clone(), s) {
                Some(m) => {
                    *s = m;
                    true
                }
                None => false,
            },
            Value::Number(n) => {
                let raw = n.to_string();
                match self.secret(canon, &raw, &raw) {
                    Some(m) => {
                        *val = Value::String(m);
                        true
                    }
                    None => false,
                }
            }
            Value::Array(items) => {
                let mut changed = false;
                for item in items {
                    changed |= self.secret_json(canon, item);
                }
                changed
            }
            other => self.walk(other, canon),
        }
    }

    /// The new value of a HAR {name, value} entry; None to treat the value
    /// as ordinary text.
    fn har_pair(&mut self, parent_key: &str, name: &str, value: &str) -> Option<String> {
        if name.eq_ignore_ascii_case("redirect_uri") {
            return Some(self.text(value).unwrap_or_else(|| value.to_string()));
        }
        if self.opts.redact_secrets {
            if parent_key.eq_ignore_ascii_case("cookies") {
                return Some(
                    self.secret("cookie", value, value)
                        .unwrap_or_else(|| value.to_string()),
                );
            }
            // Headers by their name, also where the list they are in is not
            // known (text that is not valid JSON).
            if name.eq_ignore_ascii_case("cookie") {
                return Some(self.cookie_header(value, false));
            }
            if name.eq_ignore_ascii_case("set-cookie") {
                // Several cookies of one response, one per line (Firefox).
                let lines: Vec<String> = value
                    .split('\n')
                    .map(|l| self.cookie_header(l, true))
                    .collect();
                return Some(lines.join("\n"));
            }
            if name.eq_ignore_ascii_case("authorization")
                || name.eq_ignore_ascii_case("proxy-authorization")
            {
                return Some(self.authorization(value));
            }
            if is_credential_header(name) {
                return Some(
                    self.secret("header", value, value.trim())
                        .unwrap_or_else(|| value.to_string()),
                );
            }
        }
        self.pair_value(name, value, 0)
    }

    /// `a=1; b=2` (Cookie) or `a=1; Path=/; SameSite=None` (Set-Cookie, only
    /// the first pair is the cookie): the values become markers, names and
    /// attributes stay.
    fn cookie_header(&mut self, value: &str, first_only: bool) -> String {
        let mut parts = Vec::new();
        for (i, part) in value.split(';').enumerate() {
            let replaced = if first_only && i > 0 {
                None
            } else {
                part.split_once('=').and_then(|(name, v)| {
                    let v_trim = v.trim();
                    self.secret("cookie", v_trim, v_trim)
                        .map(|m| format!("{name}={m}"))
                })
            };
            parts.push(replaced.unwrap_or_else(|| part.to_string()));
        }
        parts.join(";")
    }

    /// `Bearer <token>` keeps its scheme; the credentials become a marker.
    fn authorization(&mut self, value: &str) -> String {
        let (scheme, cred) = match value.trim().split_once(' ') {
            Some((s, c)) => (Some(s), c.trim()),
            None => (None, value.trim()),
        };
        match self.secret("authorization", cred, cred) {
            Some(m) => match scheme {
                Some(s) => format!("{s} {m}"),
                None => m,
            },
            None => value.to_string(),
        }
    }

    /// A HAR body stored as base64: decoded (inflated too, when a proxy exported it still gzip
    /// or zlib compressed), redacted, encoded again. Bytes that are no text (a body compressed
    /// otherwise, Brotli; an image) cannot be checked for secrets and are left out.
    fn base64_text(&mut self, s: &str) -> Option<String> {
        let Some(text) = har::decode_base64_text(s).or_else(|| har::decode_base64_body(s)) else {
            return (!s.trim().is_empty()).then(String::new);
        };
        let new = self.string_value(&text)?;
        Some(STANDARD.encode(new))
    }

    // -- free text ---------------------------------------------------------

    /// Free text, pass by pass; None when nothing in it changes.
    fn text(&mut self, text: &str) -> Option<String> {
        // JSON copied from a web page: its quotes are HTML entities.
        let decoded = (text.contains("&quot;:") && !text.contains("\":"))
            .then(|| text.replace("&quot;", "\""));
        let s = decoded.as_deref().unwrap_or(text);
        let mut out: Option<String> = decoded.clone();
        let mut pass = |r: &mut Self, f: fn(&mut Self, &str) -> Option<String>| {
            let cur = out.as_deref().unwrap_or(s);
            if let Some(new) = f(r, cur) {
                out = Some(new);
            }
        };
        let secrets = self.opts.redact_secrets;
        if secrets && contains_ci(s, "<input") {
            pass(self, Self::html_inputs);
        }
        if s.contains('"') || s.contains("':") {
            pass(self, Self::quoted_pairs);
        }
        if secrets && s.contains(':') {
            pass(self, Self::script_props);
        }
        if s.contains('=') || contains_ci(s, "%3D") || contains_ci(s, "%253D") {
            pass(self, Self::query_pairs);
        }
        if secrets
            && (contains_ci(s, "cookie")
                || contains_ci(s, " -b ")
                || contains_ci(s, "-key:")
                || contains_ci(s, "-token:")
                || contains_ci(s, "credential:")
                || contains_ci(s, "authorization:")
                || named_secret_line(s))
        {
            pass(self, Self::header_lines);
        }
        if s.contains('\n') && crate::core::evidence::csv::read_pane(s).is_some() {
            pass(self, Self::pane_lines);
        }
        if secrets && contains_ci(s, "form-data;") {
            pass(self, Self::multipart);
        }
        if secrets && s.contains("eyJ") {
            pass(self, Self::jwts);
        }
        if secrets && (s.contains(".A") || s.contains("AQAB")) {
            pass(self, Self::entra_tokens);
        }
        if secrets && (s.contains('@') || contains_ci(s, "%40")) {
            pass(self, Self::emails);
        }
        if self.opts.hide_ids {
            if s.contains("://") {
                pass(self, Self::url_tenant_guids);
            }
            pass(self, Self::quoted_guids);
            pass(self, Self::tenant_names);
        }
        out
    }

    /// The portal's details pane of one sign-in (`Label<TAB>value` lines, or each label on the
    /// line above its value): who signed in, from where and with which device become markers,
    /// as in a sign-in log export; with IDs hidden, the app's and tenants' IDs too.
    fn pane_lines(&mut self, s: &str) -> Option<String> {
        let mut sp = Splice::new(s);
        let mut at = 0;
        let mut pending: Option<String> = None;
        for line in s.split_inclusive('\n') {
            let start = at;
            at += line.len();
            let body = line.trim_end_matches(['\r', '\n']);
            let person_of = |label: &str| {
                let key: String = label
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .map(|c| c.to_ascii_lowercase())
                    .collect();
                match key.as_str() {
                    "user" | "username" | "userprincipalname" => Some("userdisplayname"),
                    "userid" | "objectid" => Some("userid"),
                    "ipaddress" | "ipaddressseenbyresource" => Some("ipaddress"),
                    "location" | "deviceid" => Some("identity"),
                    _ => None,
                }
            };
            let (label, value, vstart) = match body.split_once('\t') {
                Some((l, v)) => (l.to_string(), v, start + l.len() + 1),
                None => match pending.take() {
                    Some(l) => (l, body, start),
                    None => {
                        let l = body.trim();
                        if person_of(l).is_some() || id_kind(l).is_some() {
                            pending = Some(l.to_string());
                        }
                        continue;
                    }
                },
            };
            let value = value.trim_end();
            if value.is_empty() {
                continue;
            }
            let person = person_of(&label);
            let vend = vstart + value.len();
            if let Some(name) = person.filter(|_| self.opts.redact_secrets) {
                if let Some(m) = self.secret(name, value, value) {
                    sp.put(vstart, vend, &m);
                }
            } else if let Some(kind) = id_kind(&label).filter(|_| self.opts.hide_ids) {
                if let Some(m) = self.id_guid(kind, value, value) {
                    sp.put(vstart, vend, &m);
                }
            }
        }
        sp.finish()
    }

    /// Headers in text: a raw HTTP request or response, a "Copy as cURL" command (`-H 'cookie:
    /// …'`, `-b '…'`): Cookie and Set-Cookie values and credential headers become markers,
    /// as in a HAR. A value runs to the end of its line, or to the quote that opened it.
    fn header_lines(&mut self, s: &str) -> Option<String> {
        let mut sp = Splice::new(s);
        let mut at = 0;
        for line in s.split_inclusive('\n') {
            let start = at;
            at += line.len();
            let lower = line.to_ascii_lowercase();
            // Which header, where its value starts, and the quote the line opened it with.
            let found = ["set-cookie:", "cookie:"]
                .iter()
                .map(|h| (*h, lower.find(h)))
                .chain(std::iter::once((
                    "cookie-flag",
                    lower.find(" -b ").or_else(|| lower.find(" --cookie ")),
                )))
                .find_map(|(h, p)| p.map(|p| (h, p)))
                .or_else(|| {
                    // The word before the line's first colon (`x-api-key:`, `-H 'x-api-key:`).
                    let colon = lower.find(':')?;
                    let name = lower[..colon].rsplit([' ', '\'', '"', '^']).next()?;
                    let at = colon - name.len();
                    if is_credential_header(name) {
                        return Some(("credential", at));
                    }
                    if matches!(name, "authorization" | "proxy-authorization") {
                        return Some(("authorization", at));
                    }
                    // `client_secret: …`, `code: …` as a line of its own (a log, the developer
                    // tools' Form Data view): the value is the parameter's.
                    let alone =
                        lower[..at].trim().is_empty() && !lower[colon + 1..].contains("://");
                    (alone && self.opts.redact_secrets && secret_name(name).is_some())
                        .then_some(("named", at))
                });
            let Some((kind, pos)) = found else { continue };
            // `cookie:` inside `set-cookie:` is the same header.
            let (kind, pos) = if kind == "cookie:" && pos >= 4 && lower[..pos].ends_with("set-") {
                ("set-cookie:", pos - 4)
            } else {
                (kind, pos)
            };
            let after = match kind {
                "cookie-flag" => lower[pos..].find(['\'', '"']),
                _ => lower[pos..].find(':').map(|c| c + 1),
            };
            // A line it cannot read leaves that line, not the rest of the text, unredacted.
            let Some(after) = after.map(|a| pos + a) else {
                continue;
            };
            let quote = match kind {
                "cookie-flag" => line[after..].chars().next(),
                _ => line[..pos].chars().rev().find(|c| matches!(c, '\'' | '"')),
            };
            let vstart = if kind == "cookie-flag" {
                after + 1
            } else {
                after
            };
            let rest = &line[vstart..];
            let vend = vstart
                + match quote {
                    Some(q) => rest.find(q).unwrap_or(rest.trim_end().len()),
                    None => rest.trim_end().trim_end_matches('\\').trim_end().len(),
                };
            let value = &line[vstart..vend];
            if value.trim().is_empty() {
                continue;
            }
            let new = match kind {
                "set-cookie:" => self.cookie_header(value, true),
                "credential" => match self.secret("header", value, value.trim()) {
                    Some(m) => format!(" {m}"),
                    None => continue,
                },
                // `Authorization: Bearer <token>`: the scheme stays, the credential goes (a JWT
                // there is redacted as one wherever it is).
                "authorization" => {
                    let t = value.trim_start();
                    let (scheme, cred) = t.split_once(' ').unwrap_or(("", t));
                    if cred.trim().is_empty() || looks_like_jwt(cred.trim()) {
                        continue;
                    }
                    match self.secret("header", cred, cred.trim()) {
                        Some(m) if scheme.is_empty() => format!(" {m}"),
                        Some(m) => format!(" {scheme} {m}"),
                        None => continue,
                    }
                }
                "named" => {
                    let name = lower[pos..].split(':').next().unwrap_or("");
                    let canon = secret_name(name).unwrap_or("header");
                    match self.secret(canon, value.trim(), value.trim()) {
                        Some(m) => format!(" {m}"),
                        None => continue,
                    }
                }
                _ => self.cookie_header(value, false),
            };
            if new != value {
                sp.put(start + vstart, start + vend, &new);
            }
        }
        sp.finish()
    }

    /// `name=value` pairs of URLs and query strings, also percent-encoded
    /// once (`state%3Dv`) or twice (`state%253Dv`) inside another value.
    fn query_pairs(&mut self, s: &str) -> Option<String> {
        let b = s.as_bytes();
        let mut sp = Splice::new(s);
        let mut i = 0;
        // The last value's level, start and end: a pair found inside it (the search goes on
        // inside values) ends where it ends, as the end depends only on where the separator
        // is. Without it, a long run of pairs with no separator is scanned once per pair.
        let mut last: Option<(usize, usize, usize)> = None;
        while i < b.len() {
            if !is_name_byte(b[i]) || !pair_boundary(b, i) {
                i += 1;
                continue;
            }
            let mut name_end = i;
            loop {
                name_end += b[name_end..]
                    .iter()
                    .take_while(|c| is_name_byte(**c))
                    .count();
                // `client%5Fsecret=`: a '_' or '-' percent-encoded inside the name, which a
                // form decoder reads as the plain name.
                let escaped = matches!(
                    b.get(name_end..name_end + 3),
                    Some([b'%', b'5', b'F' | b'f'] | [b'%', b'2', b'D' | b'd'])
                );
                if escaped && b.get(name_end + 3).is_some_and(|c| is_name_byte(*c)) {
                    name_end += 3;
                } else {
                    break;
                }
            }
            let Some((level, eq_len)) = equals_at(b, name_end) else {
                i = name_end.max(i + 1);
                continue;
            };
            let value_start = name_end + eq_len;
            let value_end = match last {
                Some((l, from, end)) if l == level && (from..=end).contains(&value_start) => end,
                _ => pair_value_end(b, value_start, level),
            };
            last = Some((level, value_start, value_end));
            let plain = s[i..name_end]
                .replace("%5F", "_")
                .replace("%5f", "_")
                .replace("%2D", "-")
                .replace("%2d", "-");
            let name = plain.as_str();
            let raw = &s[value_start..value_end];
            if let Some(marker) = self.pair_value(name, raw, level) {
                sp.put(value_start, value_end, &marker);
                i = value_end.max(i + 1);
                continue;
            }
            // Keep looking inside the value: it may hold an encoded URL.
            i = value_start;
        }
        sp.finish()
    }

    /// Quoted strings in text that is not (valid) JSON: a cut-off or broken
    /// export, a log line, a script in an HTML page. Read the way the JSON
    /// tree is: a value under a secret key, the `value` of a `{"name": …,
    /// "value": …}` pair (HAR query, form, header and cookie entries, judged
    /// by the list they are in), and escaped text inside a string (a page, a
    /// form body, nested JSON). Each pair is found from its own line and
    /// colon, so one damage does not shift the rest: a line break ends a
    /// string (JSON strings hold none), a quote right after a word closes a
    /// key or value whose opening quote is missing, `key: ` inside quotes or
    /// two strings side by side are a key whose quote or colon is missing, a
    /// value whose quotes are missing runs to the next quote or line break,
    /// and text in single quotes (more `':` than `":`) is read by them.
    fn quoted_pairs(&mut self, s: &str) -> Option<String> {
        let b = s.as_bytes();
        let q = if s.matches("':").count() > s.matches("\":").count() {
            b'\''
        } else {
            b'"'
        };
        let mut sp = Splice::new(s);
        let mut frame = Frame {
            key: String::new(),
            name: None,
        };
        let mut key: Option<&str> = None;
        let mut i = self.cut_start(s, q, &mut sp);
        while i < b.len() {
            let c = b[i];
            if c != q {
                match c {
                    b'{' | b'}' => {
                        frame.name = None;
                        key = None;
                    }
                    b'[' => {
                        if let Some(k) = key.take() {
                            frame.key = k.to_string();
                        }
                    }
                    b']' => {
                        frame.key.clear();
                        key = None;
                    }
                    b',' => key = None,
                    _ => {}
                }
                i += 1;
                continue;
            }
            let opens = i == 0
                || b[i - 1] == q
                || b[i - 1].is_ascii_whitespace()
                || b"{[,:(=".contains(&b[i - 1]);
            if !opens {
                // A quote right after a word: the end of a key (`name": `)
                // or value whose opening quote is missing.
                let after = skip_blank(b, i + 1);
                if b.get(after) == Some(&b':') {
                    let from = b[..i]
                        .iter()
                        .rposition(|c| c.is_ascii_whitespace() || b"{[,:'\"".contains(c))
                        .map_or(0, |p| p + 1);
                    key = s.get(from..i).map(|k| k.trim_matches('\\'));
                    i = self.bare_value(s, after + 1, q, &mut key, &mut frame, &mut sp);
                } else {
                    i += 1;
                }
                continue;
            }
            let start = i + 1;
            let end = string_end(b, start, q);
            let closed = b.get(end) == Some(&q);
            // A string cut by a line break lost its closing quote: the
            // comma or bracket that followed it is no part of it.
            let raw = match closed {
                true => &s[start..end],
                false => s[start..end]
                    .trim_end_matches(|c: char| c.is_ascii_whitespace() || ",{}[]".contains(c)),
            };
            let next = if closed { end + 1 } else { end };
            let after = skip_blank(b, next);
            if closed && b.get(after) == Some(&b':') {
                key = Some(raw);
                i = self.bare_value(s, after + 1, q, &mut key, &mut frame, &mut sp);
                continue;
            }
            // Two strings side by side: a key whose colon is missing.
            if closed && key.is_none() && b.get(after) == Some(&q) && is_word(raw) {
                key = Some(raw);
                i = after;
                continue;
            }
            // `"key: "value"`: a key whose closing quote is missing (the
            // quote taken as its end opened the value).
            let head = raw.trim_end_matches(|c: char| c.is_ascii_whitespace() || "[{".contains(c));
            if let Some(k) = head
                .strip_suffix(':')
                .map(|k| k.trim_matches('\\'))
                .filter(|k| is_word(k))
            {
                key = Some(k);
                if s[start + head.len()..end].contains('[') {
                    frame.key = k.to_string();
                    key = None;
                }
                i = self.bare_value(s, next, q, &mut key, &mut frame, &mut sp);
                continue;
            }
            if let Some(new) = self.quoted_value(key.take(), Some(&mut frame), raw) {
                sp.put(start, start + raw.len(), &new);
            }
            i = next;
        }
        sp.finish()
    }

    /// A page script's values under secret names the quoted pairs do not read: a bare name
    /// (`sFT:'…'`, an object literal of the Microsoft account page) or JSON inside a script's
    /// string (`\"sFT\":\"…\"`).
    fn script_props(&mut self, s: &str) -> Option<String> {
        let mut sp = Splice::new(s);
        for (start, end, name) in evidence::sanitize::script_values(s, |n| secret_name(n).is_some())
        {
            let Some(canon) = secret_name(&name) else {
                continue;
            };
            let Some(raw) = s.get(start..end) else {
                continue;
            };
            if let Some(m) = self.secret(canon, raw, &unescape(raw)) {
                sp.put(start, end, &m);
            }
        }
        sp.finish()
    }

    /// Text copied from the middle of an export starts inside a string: the
    /// tail of a value whose key was cut off, up to its closing quote and the
    /// comma or bracket after it. Its key unknown, it is taken as a secret
    /// when it is one word of 8 bytes or more (a token's tail), and looked
    /// into when it is escaped text (a page, a form body). Returns where the
    /// scan goes on (0 when the text does not start inside a string).
    fn cut_start(&mut self, s: &str, q: u8, sp: &mut Splice) -> usize {
        let b = s.as_bytes();
        let from = b
            .iter()
            .position(|c| !c.is_ascii_whitespace())
            .unwrap_or(b.len());
        // A registered list's URIs are never secrets.
        if self.field == "registered" || from >= b.len() || b[from] == q || b"{[".contains(&b[from])
        {
            return 0;
        }
        let end = string_end(b, from, q);
        let after = b
            .get(end + 1..)
            .and_then(|r| r.iter().find(|c| !c.is_ascii_whitespace()));
        if b.get(end) != Some(&q) || !matches!(after, None | Some(b',' | b'}' | b']')) {
            return 0;
        }
        let raw = &s[from..end];
        let text = unescape(raw);
        // One word of token characters: a token's tail. A URL, a query or words are left to
        // the passes that read them (their own secrets are found there).
        // Random characters hold a digit or both cases; a word (invalid_grant) does not.
        let token = text.len() >= 8
            && text
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || b"._~+/=-".contains(&c))
            && (text.bytes().any(|c| c.is_ascii_digit())
                || (text.bytes().any(|c| c.is_ascii_uppercase())
                    && text.bytes().any(|c| c.is_ascii_lowercase())));
        let new = if token && self.opts.redact_secrets {
            self.secret("value", raw, &text)
        } else if text != raw && self.depth < 8 {
            self.nested(&text)
        } else {
            None
        };
        if let Some(new) = new.filter(|n| *n != text) {
            if let Ok(quoted) = serde_json::to_string(&new) {
                if let Some(inner) = quoted.get(1..quoted.len() - 1) {
                    sp.put(from, end, inner);
                }
            }
        }
        end + 1
    }

    /// After a key's colon at `i`: a value written without its opening quote
    /// runs to the next unescaped quote or line break (a closing quote,
    /// commas and brackets after it are left) and is judged under `key`,
    /// which it takes. Returns where to go on: `i` (and the key kept) when
    /// the value is quoted, an object or a list.
    fn bare_value(
        &mut self,
        s: &str,
        i: usize,
        q: u8,
        key: &mut Option<&str>,
        frame: &mut Frame,
        sp: &mut Splice,
    ) -> usize {
        let b = s.as_bytes();
        let from = skip_blank(b, i);
        if from >= b.len() || matches!(b[from], b'{' | b'[' | b'\n' | b'\r') || b[from] == q {
            return i;
        }
        let stop = string_end(b, from, q);
        let end = from
            + s[from..stop]
                .trim_end_matches(|c: char| c.is_ascii_whitespace() || ",{}[]".contains(c))
                .len();
        if end > from {
            if let Some(new) = self.quoted_value(key.take(), Some(frame), &s[from..end]) {
                sp.put(from, end, &new);
            }
        }
        *key = None;
        stop
    }

    fn nested(&mut self, text: &str) -> Option<String> {
        self.depth += 1;
        let out = self.string_value(text);
        self.depth -= 1;
        out
    }

    /// The new text of a quoted value (JSON-escaped), if it changes.
    fn quoted_value(
        &mut self,
        key: Option<&str>,
        frame: Option<&mut Frame>,
        raw: &str,
    ) -> Option<String> {
        let text = unescape(raw);
        // Escaped text is looked into like a JSON string's value; a depth
        // bound keeps hostile nesting from exhausting the stack.
        let escaped = text != raw && self.depth < 8;
        let new = match key {
            Some("name") => {
                if let Some(f) = frame {
                    // A name whose closing quote is missing ran on to the comma.
                    f.name = Some(text.trim_end_matches([',', ' ']).to_string());
                }
                return None;
            }
            Some(k) if k == "value" && frame.as_ref().is_some_and(|f| f.name.is_some()) => {
                let (parent, name) =
                    frame.map(|f| (f.key.clone(), f.name.clone().unwrap_or_default()))?;
                self.har_pair(&parent, &name, &text)
            }
            Some(k) if k.eq_ignore_ascii_case("redirect_uri") => self.text(&text),
            // A HAR body stored as base64 (its `encoding` may not be known here).
            Some("text")
                if text.len() >= 16
                    && text.len().is_multiple_of(4)
                    && text
                        .bytes()
                        .all(|c| c.is_ascii_alphanumeric() || b"+/=".contains(&c)) =>
            {
                self.base64_text(&text)
            }
            Some(k) => match secret_name(k)
                .or_else(|| person_key("", k))
                .filter(|_| self.opts.redact_secrets)
            {
                Some(canon) => self.secret(canon, raw, &text),
                None => match self.quoted_id(k, &text) {
                    Some(m) => Some(m),
                    None if escaped => self.nested(&text),
                    None => None,
                },
            },
            None if escaped => self.nested(&text),
            None => None,
        }?;
        if new == text {
            return None;
        }
        let quoted = serde_json::to_string(&new).ok()?;
        quoted.get(1..quoted.len() - 1).map(str::to_string)
    }

    fn quoted_id(&mut self, name: &str, raw: &str) -> Option<String> {
        if !self.opts.hide_ids {
            return None;
        }
        let kind = id_kind(name)?;
        self.id_guid(kind, raw, raw)
    }

    /// `<input name="code" value="…">` in an HTML body (a `form_post` page).
    fn html_inputs(&mut self, s: &str) -> Option<String> {
        let b = s.as_bytes();
        let mut sp = Splice::new(s);
        let mut from = 0;
        while let Some(start) = find_ci(b, from, b"<input") {
            let end = b[start..]
                .iter()
                .position(|c| *c == b'>')
                .map_or(b.len(), |p| start + p);
            from = end.max(start + 1);
            let (Some((ns, ne)), Some((vs, ve))) = (
                html_attr(b, start, end, b"name"),
                html_attr(b, start, end, b"value"),
            ) else {
                continue;
            };
            if vs < sp.copied {
                continue;
            }
            // A damaged tag (`name=\code\"`): the name up to a quote,
            // backslash or space.
            let name = s[ns..ne]
                .trim_start_matches(['\\', '"', '\''])
                .split(['\\', '"', '\'', ' '])
                .next()
                .unwrap_or("");
            let raw = &s[vs..ve];
            let replacement = match secret_name(name) {
                Some(canon) => self.secret(canon, raw, raw),
                None => None,
            };
            if let Some(marker) = replacement {
                sp.put(vs, ve, &marker);
            }
        }
        sp.finish()
    }

    /// A multipart form's secret fields (`Content-Disposition: form-data; name="client_secret"`,
    /// a blank line, the value).
    fn multipart(&mut self, s: &str) -> Option<String> {
        let mut sp = Splice::new(s);
        for (name, start, end) in evidence::sanitize::multipart_values(s) {
            if start < sp.copied {
                continue;
            }
            let raw = &s[start..end];
            if let Some(m) = secret_name(&name).and_then(|canon| self.secret(canon, raw, raw)) {
                sp.put(start, end, &m);
            }
        }
        sp.finish()
    }

    /// JWTs anywhere (`eyJ….….…`).
    fn jwts(&mut self, s: &str) -> Option<String> {
        let b = s.as_bytes();
        let mut sp = Splice::new(s);
        let mut from = 0;
        while let Some(p) = s.get(from..).and_then(|r| r.find("eyJ")) {
            let start = from + p;
            from = start + 3;
            if start > 0 && is_b64url(b[start - 1]) && !after_escape(b, start) {
                continue;
            }
            let end = jwt_end(b, start);
            let Some(end) = end else { continue };
            let raw = &s[start..end];
            if let Some(marker) = self.secret("jwt", raw, raw) {
                sp.put(start, end, &marker);
            }
            from = end;
        }
        sp.finish()
    }

    /// Entra's opaque tokens anywhere, by their shape, whatever name (if
    /// any) they stand under: codes, refresh tokens and session cookies
    /// (`0.A…`, `1.A…`), flow tokens, canaries and request contexts
    /// (`AQAB…`, `PAQAB…`), 20 characters or more.
    fn entra_tokens(&mut self, s: &str) -> Option<String> {
        let b = s.as_bytes();
        let mut sp = Splice::new(s);
        let mut i = 0;
        while i < b.len() {
            let rest = &b[i..];
            let token = [&b"0.A"[..], b"1.A", b"AQAB", b"PAQAB"]
                .iter()
                .any(|p| rest.starts_with(p))
                && (i == 0 || !(is_b64url(b[i - 1]) || b[i - 1] == b'.') || after_escape(b, i));
            if !token {
                i += 1;
                continue;
            }
            let len = rest
                .iter()
                .take_while(|c| is_b64url(**c) || **c == b'.')
                .count();
            let raw = &s[i..i + len];
            if len >= 20 {
                if let Some(marker) = self.secret("token", raw, raw) {
                    sp.put(i, i + len, &marker);
                }
            }
            i += len.max(1);
        }
        sp.finish()
    }

    /// E-mail addresses anywhere, also with the `@` percent-encoded.
    fn emails(&mut self, s: &str) -> Option<String> {
        let b = s.as_bytes();
        let mut sp = Splice::new(s);
        let mut i = 0;
        while i < b.len() {
            let at_len = if b[i] == b'@' {
                1
            } else if starts_with_ci(b, i, b"%40") {
                3
            } else if starts_with_ci(b, i, b"%2540") {
                5
            } else {
                i += 1;
                continue;
            };
            let start = email_local_start(b, i);
            let mut end = i + at_len;
            while end < b.len() && is_domain_char(b[end]) {
                end += 1;
            }
            while end > i + at_len && matches!(b[end - 1], b'.' | b'-') {
                end -= 1;
            }
            let domain = &s[i + at_len..end];
            // `scheme://user@host`: user information before a host, not an address; the
            // host stays, so the shared case is analysed like the original.
            let before = &b[..start];
            let userinfo = [b"//".as_slice(), b"%2f%2f", b"%252f%252f"]
                .iter()
                .any(|p| {
                    before.len() >= p.len()
                        && before[before.len() - p.len()..].eq_ignore_ascii_case(p)
                });
            // `scheme://user:password@host`: the user and password go, the host stays.
            // (A user name alone stays, as the host does: the shared case reads the same.)
            let with_password = before
                .strip_suffix(b":")
                .map(|user| {
                    user.iter()
                        .rposition(|c| !is_name_byte(*c) && *c != b'%')
                        .map_or(0, |p| p + 1)
                })
                .filter(|&u| u >= 2 && &before[u - 2..u] == b"//");
            if let Some(user_start) = with_password.filter(|_| at_len == 1 && start >= sp.copied) {
                let raw = &s[user_start..i];
                if user_start < i && user_start >= sp.copied {
                    if let Some(marker) = self.secret("userinfo", raw, raw) {
                        sp.put(user_start, i, &marker);
                    }
                }
                i += at_len;
                continue;
            }
            if start == i || start < sp.copied || userinfo || !valid_domain(domain) {
                i += at_len;
                continue;
            }
            let raw = &s[start..end];
            let key = decode_level(raw, if at_len == 5 { 1 } else { 0 });
            if let Some(marker) = self.secret("email", raw, &key) {
                // The at sign keeps its spelling (`%40` in an encoded URI).
                sp.put(start, end, &marker.replacen('@', &s[i..i + at_len], 1));
            }
            i = end.max(i + 1);
        }
        sp.finish()
    }

    /// The tenant segment of `https://host/<guid>/…`.
    fn url_tenant_guids(&mut self, s: &str) -> Option<String> {
        let b = s.as_bytes();
        let mut sp = Splice::new(s);
        let mut from = 0;
        while let Some(p) = s.get(from..).and_then(|r| r.find("://")) {
            let host_start = from + p + 3;
            from = host_start;
            let host_len = b[host_start..]
                .iter()
                .take_while(|c| !is_url_end(**c) && **c != b'/' && **c != b'?')
                .count();
            let seg = host_start + host_len + 1;
            if b.get(seg - 1) != Some(&b'/') {
                continue;
            }
            let Some(cand) = s.get(seg..seg + 36) else {
                continue;
            };
            let after_ok = b
                .get(seg + 36)
                .is_none_or(|c| !c.is_ascii_alphanumeric() && *c != b'-');
            if !after_ok || seg < sp.copied {
                continue;
            }
            if let Some(marker) = self.id_guid("tenant", cand, cand) {
                sp.put(seg, seg + 36, &marker);
                from = sp.copied;
            }
        }
        sp.finish()
    }

    /// `application '<guid>'`, `client id '<guid>'`, `directory '<guid>'`
    /// in error texts.
    fn quoted_guids(&mut self, s: &str) -> Option<String> {
        const CLIENT: &[&[u8]] = &[
            b"application",
            b"application id",
            b"identifier",
            b"client id",
            b"client",
            b"app id",
            b"appid",
            b"app",
        ];
        const TENANT: &[&[u8]] = &[b"tenant", b"tenant id", b"directory"];
        let b = s.as_bytes();
        let mut sp = Splice::new(s);
        let mut i = 0;
        while i + 37 < b.len() {
            let q = b[i];
            if !(q == b'\'' || q == b'"') || b[i + 37] != q {
                i += 1;
                continue;
            }
            let Some(cand) = s.get(i + 1..i + 37).filter(|c| is_guid(c)) else {
                i += 1;
                continue;
            };
            let mut before = i;
            while before > 0 && b[before - 1].is_ascii_whitespace() {
                before -= 1;
            }
            let kind = if CLIENT.iter().any(|p| ends_with_ci(b, before, p)) {
                Some("client_id")
            } else if TENANT.iter().any(|p| ends_with_ci(b, before, p)) {
                Some("tenant")
            } else {
                None
            };
            if let Some(marker) = kind.and_then(|k| self.id_guid(k, cand, cand)) {
                sp.put(i + 1, i + 37, &marker);
            }
            i += 37;
        }
        sp.finish()
    }

    /// `contoso.onmicrosoft.com`, `contoso.b2clogin.com`,
    /// `contoso.ciamlogin.com`: the tenant label becomes a marker.
    fn tenant_names(&mut self, s: &str) -> Option<String> {
        // The tenant's mail routing domain (contoso.mail.onmicrosoft.com) is the same tenant:
        // its label gets the same marker.
        const SUFFIXES: &[&[u8]] = &[
            b".mail.onmicrosoft.com",
            b".onmicrosoft.com",
            b".b2clogin.com",
            b".ciamlogin.com",
        ];
        let b = s.as_bytes();
        let mut sp = Splice::new(s);
        let mut i = 0;
        while i < b.len() {
            let Some(sfx) = SUFFIXES
                .iter()
                .find(|sfx| b[i] == b'.' && starts_with_ci(b, i, sfx))
            else {
                i += 1;
                continue;
            };
            let mut start = i;
            while start > sp.copied
                && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'-')
                // A percent-escape before the label (`https%3A%2F%2Fcontoso…`) is not part of
                // it.
                && !(start >= 3
                    && b[start - 3] == b'%'
                    && b[start - 2].is_ascii_hexdigit()
                    && b[start - 1].is_ascii_hexdigit())
            {
                start -= 1;
            }
            if start < i {
                let raw = &s[start..i];
                if let Some(marker) = self.tenant_name(raw) {
                    sp.put(start, i, &marker);
                }
            }
            i += sfx.len();
        }
        sp.finish()
    }

    /// Every occurrence of an ID already found, in any form of case.
    fn known_ids(&mut self, s: &str) -> Option<String> {
        let b = s.as_bytes();
        let mut sp = Splice::new(s);
        let mut i = 0;
        while i + 36 <= b.len() {
            if b.get(i + 8) != Some(&b'-') {
                i += 1;
                continue;
            }
            let Some(cand) = s.get(i..i + 36).filter(|c| is_guid(c)) else {
                i += 1;
                continue;
            };
            let found = self
                .ids
                .get(&cand.to_ascii_lowercase())
                .map(|(m, k)| (m.clone(), *k));
            match found {
                Some((marker, kind)) => {
                    self.record(kind, cand, &marker);
                    sp.put(i, i + 36, &marker);
                    i += 36;
                }
                None => i += 1,
            }
        }
        sp.finish()
    }
}

/// The text of a JSON string's content; escapes that are not JSON's (or cut
/// off) are kept as they are.
fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    if let Ok(s) = serde_json::from_str::<String>(&format!("\"{raw}\"")) {
        return s;
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(e @ ('"' | '\'' | '\\' | '/')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => {}
        }
    }
    out
}

/// Where a pair stands while reading quoted text.
struct Frame {
    /// The key of the list last opened (`cookies`, `headers`, `params`).
    key: String,
    /// The `name` of a {name, value} pair.
    name: Option<String>,
}

/// Compact JSON of a salvaged tree that stays cut off after the last element
/// of the array at `keys` (written last in its objects, left open).
fn open_json(v: &Value, keys: &[String]) -> Option<String> {
    let mut out = String::new();
    match keys.split_first() {
        None => {
            let items = v.as_array()?;
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                out.push_str(&item.to_string());
            }
        }
        Some((key, rest)) => {
            let map = v.as_object()?;
            out.push('{');
            for (k, item) in map.iter().filter(|(k, _)| *k != key) {
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                out.push_str(&item.to_string());
                out.push(',');
            }
            out.push_str(&Value::String(key.clone()).to_string());
            out.push(':');
            out.push_str(&open_json(map.get(key)?, rest)?);
        }
    }
    Some(out)
}

/// The numbers already taken by marker-like text in the inputs.
struct Floors {
    /// Above every `redacted-N`, `REDACTED000…N`, `redacted-tenant-N`.
    markers: u64,
    /// Above every `00000000-0000-4000-8000-N`.
    guids: u64,
    /// A number was too large to count above.
    capped: bool,
}

fn marker_floors(texts: &[&str]) -> Floors {
    const CAP: u64 = 1 << 60;
    let mut floors = Floors {
        markers: 0,
        guids: 0,
        capped: false,
    };
    let mut take = |b: &[u8], j: usize, slot: &mut u64| {
        let digits = b.get(j..).map_or(&[][..], |r| {
            &r[..r.iter().take_while(|c| c.is_ascii_digit()).count()]
        });
        let value = digits.iter().try_fold(0u64, |acc, d| {
            acc.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        });
        match value {
            Some(v) if v < CAP => *slot = (*slot).max(v),
            _ => {
                floors.capped = true;
                *slot = (*slot).max(CAP);
            }
        }
    };
    let (mut markers, mut guids) = (0, 0);
    for t in texts {
        let b = t.as_bytes();
        let mut from = 0;
        while let Some(p) = find_ci(b, from, b"redacted") {
            let mut j = p + 8;
            if b.get(j) == Some(&b'-') {
                j += 1;
            }
            if starts_with_ci(b, j, b"tenant-") {
                j += 7;
            }
            take(b, j, &mut markers);
            from = p + 1;
        }
        let mut from = 0;
        while let Some(p) = t.get(from..).and_then(|r| r.find(FAKE_GUID_PREFIX)) {
            let j = from + p + FAKE_GUID_PREFIX.len();
            take(b, j, &mut guids);
            from = j;
        }
    }
    floors.markers = markers;
    floors.guids = guids;
    floors
}

/// What JSON redaction did to a text.
enum Json {
    Not,
    Unchanged,
    Changed(String),
}

/// Builds a text from a source and replacements, allocating only on the
/// first replacement.
struct Splice<'s> {
    src: &'s str,
    out: String,
    copied: usize,
}

impl<'s> Splice<'s> {
    fn new(src: &'s str) -> Self {
        Splice {
            src,
            out: String::new(),
            copied: 0,
        }
    }

    /// Replaces `src[start..end]` (`start` >= what was copied) by `marker`.
    fn put(&mut self, start: usize, end: usize, marker: &str) {
        if self.out.capacity() == 0 {
            self.out.reserve(self.src.len() + 64);
        }
        self.out.push_str(&self.src[self.copied..start]);
        self.out.push_str(marker);
        self.copied = end;
    }

    /// The new text, or None when nothing was replaced.
    fn finish(mut self) -> Option<String> {
        if self.out.is_empty() {
            return None;
        }
        self.out.push_str(&self.src[self.copied..]);
        Some(self.out)
    }
}

fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')
}

/// Where a string opened before `start` ends: its next unescaped `q`, or
/// the line break or end of text that cut it.
fn string_end(b: &[u8], start: usize, q: u8) -> usize {
    let mut k = start;
    while k < b.len() && b[k] != q && b[k] != b'\n' && b[k] != b'\r' {
        k += if b[k] == b'\\' { 2 } else { 1 };
    }
    k.min(b.len())
}

/// Spaces and tabs, not line breaks.
fn skip_blank(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

/// A key's name: letters, digits and `_ - . $ @ :` only, at most 64 bytes.
fn is_word(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"_-.$@:".contains(&c))
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// Whether a parameter name may start at `i`.
fn pair_boundary(b: &[u8], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let prev = b[i - 1];
    // `=`: a value that is itself a pair (`wctx=estsrequest%3d…`, Entra's request context in a
    // federated sign-in).
    if prev.is_ascii_whitespace()
        || matches!(
            prev,
            b'&' | b'?'
                | b'='
                | b'#'
                | b';'
                | b'"'
                | b'\''
                | b'('
                | b'<'
                | b'>'
                | b','
                | b'|'
                | b'{'
                | b'['
        )
    {
        return true;
    }
    // Encoded once (`%26state%3D…`) or twice (`%2526state%253D…`, a URL in a URL in a log).
    [
        &b"%26"[..],
        b"%3F",
        b"%23",
        b"%20",
        b"%2526",
        b"%253F",
        b"%2523",
        b"%2520",
    ]
    .iter()
    .any(|p| ends_with_ci(b, i, p))
}

/// `=` (level 0), `%3D` (level 1) or `%253D` (level 2) at `i`.
fn equals_at(b: &[u8], i: usize) -> Option<(usize, usize)> {
    match b.get(i) {
        Some(b'=') => Some((0, 1)),
        _ if starts_with_ci(b, i, b"%3D") => Some((1, 3)),
        _ if starts_with_ci(b, i, b"%253D") => Some((2, 5)),
        _ => None,
    }
}

fn is_url_end(c: u8) -> bool {
    c.is_ascii_whitespace() || matches!(c, b'&' | b'#' | b'"' | b'\'' | b'<' | b'>' | b'`' | b'\\')
}

/// Where a pair's value ends: at a separator of its own or an outer level.
fn pair_value_end(b: &[u8], start: usize, level: usize) -> usize {
    let mut j = start;
    while j < b.len() {
        if is_url_end(b[j]) {
            break;
        }
        if b[j] == b'%' {
            let outer = level >= 1
                && [&b"%26"[..], b"%23", b"%20"]
                    .iter()
                    .any(|p| starts_with_ci(b, j, p));
            let outer2 = level >= 2
                && [&b"%2526"[..], b"%2523", b"%2520"]
                    .iter()
                    .any(|p| starts_with_ci(b, j, p));
            if outer || outer2 {
                break;
            }
        }
        j += 1;
    }
    j
}

/// True when a line of `s` is `name: value` with a secret parameter's name (`client_secret:
/// …`, `code: …`): a log's or the developer tools' Form Data view.
fn named_secret_line(s: &str) -> bool {
    s.lines().any(|l| {
        l.trim_start()
            .split_once(':')
            .is_some_and(|(name, _)| name.len() <= 40 && secret_name(name).is_some())
    })
}

/// True when a `%XX` escape ends right before `at` (`%20eyJ…`, `%2FeyJ…`): what follows starts
/// a value of its own, though the escape's last character is a letter or digit.
fn after_escape(b: &[u8], at: usize) -> bool {
    at >= 3 && b[at - 3] == b'%' && b[at - 2].is_ascii_hexdigit() && b[at - 1].is_ascii_hexdigit()
}

/// The end of a JWT starting at `start` (which holds `eyJ`), if it is one:
/// header and payload, a signature that may be empty, and for a JWE two
/// more segments.
fn jwt_end(b: &[u8], start: usize) -> Option<usize> {
    let run = |from: usize| {
        from + b
            .get(from..)
            .map_or(0, |r| r.iter().take_while(|c| is_b64url(**c)).count())
    };
    let header = run(start);
    if header - start < 10 || b.get(header) != Some(&b'.') {
        return None;
    }
    let payload = run(header + 1);
    if payload == header + 1 || b.get(payload) != Some(&b'.') {
        return None;
    }
    let mut end = run(payload + 1);
    let mut extra = 0;
    while extra < 2 && b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(|c| is_b64url(*c)) {
        end = run(end + 1);
        extra += 1;
    }
    (end - start >= 20).then_some(end)
}

/// Where the local part of an e-mail address before `at` begins (`at` when
/// there is none). `%XX` escapes of local-part characters are part of it.
fn email_local_start(b: &[u8], at: usize) -> usize {
    let mut start = at;
    loop {
        if start >= 3 && b[start - 3] == b'%' {
            let hex = std::str::from_utf8(&b[start - 2..start])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(c) = hex {
                if is_local_char(c) {
                    start -= 3;
                    continue;
                }
                break;
            }
        }
        // An apostrophe written as an HTML entity in a page (`o&#39;neil@…`).
        if let Some(entity) = [&b"&#39;"[..], b"&#x27;", b"&apos;"]
            .iter()
            .find(|e| start >= e.len() && b[start - e.len()..start].eq_ignore_ascii_case(e))
        {
            if start > entity.len() && is_local_char(b[start - entity.len() - 1]) {
                start -= entity.len();
                continue;
            }
        }
        if start > 0 && is_local_char(b[start - 1]) {
            start -= 1;
        } else {
            break;
        }
    }
    start
}

/// The byte range of a quoted (or bare) attribute value in an HTML tag.
fn html_attr(b: &[u8], start: usize, end: usize, attr: &[u8]) -> Option<(usize, usize)> {
    let mut from = start;
    while let Some(p) = find_ci(&b[..end], from, attr) {
        from = p + 1;
        if p == 0 || !b[p - 1].is_ascii_whitespace() {
            continue;
        }
        let mut j = skip_ws(&b[..end], p + attr.len());
        if b.get(j) != Some(&b'=') || j >= end {
            continue;
        }
        j = skip_ws(&b[..end], j + 1);
        // A page inside a JSON string: `value=\"…\"`.
        if b.get(j) == Some(&b'\\') && matches!(b.get(j + 1), Some(b'"' | b'\'')) {
            j += 1;
        }
        return match b.get(j) {
            Some(q @ (b'"' | b'\'')) if j < end => {
                let vs = j + 1;
                let mut ve = b[vs..end]
                    .iter()
                    .position(|c| c == q)
                    .map_or(end, |x| vs + x);
                if ve > vs && b[ve - 1] == b'\\' {
                    ve -= 1;
                }
                Some((vs, ve))
            }
            Some(_) if j < end => {
                let ve = b[j..end]
                    .iter()
                    .position(|c| c.is_ascii_whitespace() || *c == b'/')
                    .map_or(end, |x| j + x);
                Some((j, ve))
            }
            _ => None,
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::PathBuf;

    const CLIENT: &str = "6731de76-14a6-49ae-97bc-6eba6914391e";
    const TENANT: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    fn cases() -> Vec<(String, CaseInput)> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("tests/cases exists") {
            let path = entry.expect("readable entry").path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable case");
            let case: CaseInput = serde_json::from_str(&text).expect("case parses");
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, case));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        assert!(
            out.len() >= 10,
            "expected the example cases, found {}",
            out.len()
        );
        out
    }

    fn all_text(c: &CaseInput) -> String {
        [
            &c.authorize,
            &c.registered,
            &c.callback,
            &c.audience,
            &c.evidence,
        ]
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join("\n")
    }

    /// The test's own reading of `name=value` pairs (independent of the
    /// redactor's scanner): split at `?`, `&`, `#` and whitespace.
    fn params(text: &str, name: &str) -> Vec<String> {
        // "Copy as cURL (cmd)": '^' escapes the character after it.
        let text = match text.contains("^&") {
            true => text.replace("^^", "\0").replace('^', "").replace('\0', "^"),
            false => text.to_string(),
        };
        text.split(|c: char| c == '?' || c == '&' || c == '#' || c == '"' || c.is_whitespace())
            .filter_map(|p| p.split_once('='))
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.to_string())
            .collect()
    }

    fn case(authorize: &str, callback: &str) -> CaseInput {
        CaseInput {
            authorize: authorize.to_string(),
            callback: callback.to_string(),
            ..CaseInput::default()
        }
    }

    fn authorize_url(query: &str) -> String {
        format!(
            "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id={CLIENT}&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid&{query}"
        )
    }

    fn deflate_b64(bytes: &[u8]) -> String {
        format!(
            "v1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(bytes, 6))
        )
    }

    #[test]
    fn every_example_case_round_trips() {
        for (name, c) in cases() {
            let link = encode(&c);
            assert!(link.starts_with(PREFIX), "{name}");
            assert_eq!(decode(&link), Ok(c.clone()), "{name}");
            assert_eq!(decode(&format!("#{link}")), Ok(c.clone()), "{name}");
            let (frag, _) = share_fragment(&c, &ShareOptions::default());
            assert!(decode(&frag).is_ok(), "{name}");
        }
    }

    #[test]
    fn a_share_link_is_told_from_an_authorize_url_with_an_anchor() {
        let c = CaseInput {
            authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x"
                .into(),
            ..CaseInput::default()
        };
        let link = format!("https://pages.example/doctor/#{}", encode(&c));
        assert!(is_share_link(&link));
        assert!(is_share_link(&format!("\n {link} \n")));
        assert!(!is_share_link(&format!("{link} and more")));
        assert!(!is_share_link(&link.replace("#v1.", "#v2.")));
        assert!(!is_share_link(&format!("{}#v1.abc", c.authorize)));
        let report = crate::core::analyze(&CaseInput {
            authorize: link,
            ..CaseInput::default()
        });
        assert!(report.report.findings[0].title.contains("share link"));
    }

    #[test]
    fn example_links_stay_under_2000_characters() {
        let mut max = (0, String::new());
        let mut max_plain = 0;
        let mut lens = Vec::new();
        for (name, c) in cases() {
            let plain = encode(&c).len() + 1;
            max_plain = max_plain.max(plain);
            for opts in [
                ShareOptions::default(),
                ShareOptions {
                    redact_secrets: true,
                    hide_ids: true,
                },
            ] {
                let (frag, _) = share_fragment(&c, &opts);
                let len = frag.len() + 1; // the '#'
                assert!(len < 2000, "{name}: {len} characters");
                if opts == ShareOptions::default() {
                    lens.push(len);
                }
                if len > max.0 {
                    max = (len, name.clone());
                }
            }
        }
        lens.sort_unstable();
        println!(
            "share fragments of {} examples (default options): median {} characters, longest {} ({}); unredacted at most {max_plain}",
            lens.len(),
            lens[lens.len() / 2],
            max.0,
            max.1
        );
    }

    /// A HAR copied from the middle of a value starts with that value's tail,
    /// its key cut off: a token's tail or escaped page text in it is redacted.
    #[test]
    fn a_text_cut_inside_a_value_keeps_no_secret_of_it() {
        let tail = "Xt7Q9k2LmN0pQrStUvWxYz";
        for ev in [
            format!("{tail}\", \"expires\": null}}, {{\"name\": \"state\", \"value\": \"abc123456\"}}]"),
            format!("\n  {tail}\"\n      }},\n      {{ \"name\": \"x\", \"value\": \"1\" }}"),
            format!("type=\\\"hidden\\\" name=\\\"code\\\" value=\\\"0.AXwA{tail}\\\"/>\", \"size\": 10}}"),
            // Escaped as System.Text.Json writes '+', and cut at the end of the text.
            "Xt7Q9k2L\\u002BmN0pQrStUvWxYz\", \"x\": 1".to_string(),
            format!("{tail}\""),
        ] {
            let c = CaseInput {
                evidence: ev.clone(),
                ..CaseInput::default()
            };
            let (out, list) = redact(&c, &ShareOptions::default());
            assert!(
                !out.evidence.contains(tail) && !out.evidence.contains("mN0pQrStUvWxYz"),
                "{ev}\n-> {}",
                out.evidence
            );
            assert!(!out.evidence.contains("abc123456"), "{}", out.evidence);
            assert!(!list.is_empty());
        }
        // Near misses: text that starts with words, a short tail, a URL or an error value is
        // left as written, and a registered list copied from inside its first quote too.
        for ev in [
            "Sign-in failed: \"AADSTS50011\", see the log",
            "abc\", \"size\": 10}",
            "invalid_grant\", \"error_description\": \"AADSTS54005: OAuth2 Authorization code was already redeemed.\"}",
            "https://app.contoso.com/signin-oidc\", \"status\": 302}",
        ] {
            let c = CaseInput {
                evidence: ev.to_string(),
                ..CaseInput::default()
            };
            assert_eq!(redact(&c, &ShareOptions::default()).0.evidence, ev);
        }
        let list = "https://app.contoso.com/signin-oidc\",\n\"https://localhost:5001/signin-oidc\"";
        let c = CaseInput {
            registered: list.to_string(),
            ..CaseInput::default()
        };
        assert_eq!(redact(&c, &ShareOptions::default()).0.registered, list);
    }

    /// Entra's error lookup page keeps its AADSTS number; a URL like it with anything more is
    /// redacted as any landing URL.
    #[test]
    fn entras_error_page_keeps_its_code_in_a_share() {
        let page = "https://login.microsoftonline.com/error?code=50011";
        let (out, _) = redact(&case("", page), &ShareOptions::default());
        assert_eq!(out.callback, page);
        for near in [
            "https://login.microsoftonline.com/error?code=50011&state=s3cr3tvalue",
            "https://login.microsoftonline.com/error?code=0.AXwA1b2c3d",
            "https://app.contoso.com/error?code=50011",
            "https://alice:S3cr3tPass@login.microsoftonline.com/error?code=50011",
            "https://contoso.b2clogin.com/error?code=50011",
        ] {
            let (out, _) = redact(&case("", near), &ShareOptions::default());
            assert_ne!(out.callback, near);
        }
    }

    /// A value in a cURL copied for Windows cmd is previewed without its '^' escapes, as it
    /// was sent; the same '^' in a field that is no cmd cURL stays.
    #[test]
    fn a_cmd_curl_secret_is_previewed_without_its_escapes() {
        let cmd = "curl ^\"https://app.contoso.com/signin-oidc^\" ^\n  -H ^\"origin: https://login.microsoftonline.com^\" ^\n  --data-raw ^\"code=0.AXoAbc^%^3D^%^3D^&state=CfDJ8^%^2Fxyz^&session_state=s1^\"";
        let (_, list) = redact(&case("", cmd), &ShareOptions::default());
        let shown = |name: &str| {
            list.iter()
                .filter(|r| r.name == name)
                .map(|r| r.original.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(shown("code"), ["0.AXoAbc%3D%3D"], "{list:?}");
        assert_eq!(shown("state"), ["CfDJ8%2Fxyz"], "{list:?}");
        assert!(list.iter().all(|r| !r.original.contains('^')), "{list:?}");
    }

    #[test]
    fn example_secrets_do_not_survive_a_share() {
        let mut checked = 0;
        for (name, c) in cases() {
            let (frag, list) = share_fragment(&c, &ShareOptions::default());
            let opened = decode(&frag).expect("opens");
            let text = all_text(&opened);
            // The authorize box as it is shared: a mail's quoted-printable text decoded.
            let authorize = crate::core::registered::quoted_printable(&c.authorize)
                .unwrap_or_else(|| c.authorize.clone());
            for p in ["state", "nonce", "code_challenge", "code"] {
                for field in [&authorize, &c.callback] {
                    // Entra's error lookup page: its code= is an AADSTS number, kept.
                    if crate::core::callback::entra_error_page(field).is_some() {
                        continue;
                    }
                    for v in params(field, p) {
                        // An error_uri inside a /token answer (…/error?code=54005): an AADSTS
                        // number, kept as the lookup page's is.
                        if v.is_empty()
                            || (p == "code" && field.contains(&format!("/error?code={v}")))
                        {
                            continue;
                        }
                        checked += 1;
                        assert!(
                            // (a value copied as cURL for cmd is shown without its '^' escapes)
                            list.iter().any(|r| r.original == v && r.name == p),
                            "{name}: {p}={v} missing from the preview"
                        );
                        if v.len() >= 4 {
                            assert!(!text.contains(&v), "{name}: {p}={v} survived");
                        } else {
                            for field in [&opened.authorize, &opened.callback] {
                                assert!(!params(field, p).contains(&v), "{name}: {p}={v}");
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 20, "only {checked} values checked");
    }

    #[test]
    fn a_saml_response_does_not_survive_a_share_and_the_saml_request_stays() {
        let (name, c) = cases()
            .into_iter()
            .find(|(n, _)| n == "har-saml-post-binding-response-delivered.json")
            .expect("the SAML HAR example");
        let har: Value = serde_json::from_str(&c.evidence).expect("HAR");
        let entries = har["log"]["entries"].as_array().expect("entries");
        let form = entries[1]["response"]["content"]["text"]
            .as_str()
            .expect("page");
        let posted = entries[2]["request"]["postData"]["text"]
            .as_str()
            .expect("POST");
        let response = params(posted, "SAMLResponse")[0].clone();
        let request = params(
            entries[0]["request"]["postData"]["text"]
                .as_str()
                .expect("body"),
            "SAMLRequest",
        )[0]
        .clone();
        assert!(
            form.contains(&crate::core::uri::form_decode(&response).0),
            "{name}"
        );
        let (frag, list) = share_fragment(&c, &ShareOptions::default());
        let text = all_text(&decode(&frag).expect("opens"));
        // The signed assertion (with the user's identity) is gone, from the
        // page's form and from the POST to the reply URL.
        assert!(
            !text.contains(&response)
                && !text.contains(&crate::core::uri::form_decode(&response).0)
        );
        assert!(list.iter().any(|r| r.name == "samlresponse"), "{list:?}");
        // Near miss: the SAMLRequest, whose reply URL the analysis reads, stays.
        assert!(text.contains(&request), "{name}");
    }

    /// What must not change when a case is shared: the verdict, the redirect
    /// status and URIs, and every finding's code, severity and AADSTS code.
    /// `s` with every GUID written as `<id>`.
    fn mask_guids(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while !rest.is_empty() {
            match rest.get(..36).filter(|g| crate::core::uri::is_guid(g)) {
                Some(_) => {
                    out.push_str("<id>");
                    rest = &rest[36..];
                }
                None => {
                    let ch = rest.chars().next().unwrap_or(' ');
                    out.push(ch);
                    rest = &rest[ch.len_utf8()..];
                }
            }
        }
        out
    }

    /// Tenant names (`contoso.onmicrosoft.com`, a marker in their place) as one name.
    fn mask_tenants(s: &str) -> String {
        let parts: Vec<&str> = s.split(".onmicrosoft.com").collect();
        let mut out = String::new();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.push_str("<tenant>.onmicrosoft.com");
            }
            // Every part but the last ends with a tenant label.
            out.push_str(if i + 1 < parts.len() {
                part.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '-')
            } else {
                part
            });
        }
        out
    }

    fn outcome(c: &CaseInput) -> String {
        let a = super::super::analyze(c);
        let mut out = format!(
            "{} {:?} sent={:?} matched={:?}\n",
            a.verdict.as_str(),
            a.report.redirect.status,
            a.report.redirect.sent,
            a.report.redirect.matched
        );
        for f in &a.report.findings {
            out.push_str(&format!(
                "{} {} {:?}\n",
                f.code,
                f.severity.as_str(),
                f.aadsts
            ));
            // The app's failure is named by what its page said (the library
            // message or the AADSTS code).
            if f.code == "har.app_error" {
                out.push_str(&format!("  {}\n", f.title));
            }
        }
        out
    }

    /// Every HAR fixture as the evidence of a case.
    fn fixture_cases() -> Vec<(String, CaseInput)> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("tests/fixtures/evidence exists") {
            let path = entry.expect("readable entry").path();
            if path.extension().and_then(|e| e.to_str()) != Some("har") {
                continue;
            }
            let evidence = std::fs::read_to_string(&path).expect("readable fixture");
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.push((
                name,
                CaseInput {
                    evidence,
                    ..CaseInput::default()
                },
            ));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        assert!(
            out.len() >= 8,
            "expected the HAR fixtures, found {}",
            out.len()
        );
        out
    }

    #[test]
    fn a_malformed_pkce_value_stays_malformed_in_a_share() {
        for challenge in [
            "abc",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            &"x".repeat(200),
        ] {
            let c = CaseInput {
                authorize: format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid&state=s1&code_challenge={challenge}&code_challenge_method=S256"),
                registered: "https://app.contoso.com/cb".into(),
                ..CaseInput::default()
            };
            let (redacted, _) = redact(&c, &ShareOptions::default());
            assert!(
                !redacted.authorize.contains(challenge),
                "{}",
                redacted.authorize
            );
            assert_eq!(outcome(&redacted), outcome(&c), "{challenge}");
        }
    }

    #[test]
    fn redaction_keeps_the_analysis_of_every_har_fixture() {
        for (name, c) in fixture_cases() {
            let before = outcome(&c);
            for opts in [
                ShareOptions::default(),
                ShareOptions {
                    redact_secrets: true,
                    hide_ids: true,
                },
            ] {
                let (frag, _) = share_fragment(&c, &opts);
                let opened = decode(&frag).expect("opens");
                assert_eq!(outcome(&opened), before, "{name} with {opts:?}");
            }
        }
    }

    #[test]
    fn an_app_error_page_keeps_only_what_the_diagnosis_reads() {
        let page = |status: u16, text: &str| {
            serde_json::json!({
                "request": {"method": "GET", "url": "https://app.contoso.com/cb?code=0.AXcode1&state=s1"},
                "response": {"status": status, "headers": [],
                    "content": {"mimeType": "text/html", "text": text}}
            })
        };
        let error_page = "<h1>An unhandled exception occurred</h1><p>AuthenticationFailureException: Correlation failed.</p><table><tr><td>.AspNetCore.Cookies</td><td>CfDJ8secretcookievalue</td></tr><tr><td>user</td><td>Jane Doe, C:\\Users\\jdoe\\app</td></tr></table><p>invalid_grant: AADSTS54005: OAuth2 Authorization code was already redeemed. Trace ID: 0f3d</p>";
        let har = serde_json::json!({"log": {"version": "1.2", "entries": [
            {"request": {"method": "GET",
                "url": "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&state=s1"},
             "response": {"status": 302, "headers": [], "redirectURL": "https://app.contoso.com/cb?code=0.AXcode1&state=s1",
                "content": {"mimeType": "text/html", "text": "<html>Entra's page stays</html>"}}},
            page(500, error_page),
            page(200, "<html>Hello Jane Doe, welcome back</html>"),
        ]}})
        .to_string();
        let c = CaseInput {
            evidence: har,
            ..CaseInput::default()
        };
        let (r, list) = redact(&c, &ShareOptions::default());
        for gone in [
            "CfDJ8secretcookievalue",
            "Jane Doe",
            "jdoe",
            "already redeemed",
            "0.AXcode1",
        ] {
            assert!(!r.evidence.contains(gone), "{gone} left: {}", r.evidence);
        }
        let v: Value = serde_json::from_str(&r.evidence).expect("still JSON");
        let entries = v["log"]["entries"].as_array().expect("entries");
        assert_eq!(
            entries[0]["response"]["content"]["text"],
            "<html>Entra's page stays</html>"
        );
        assert_eq!(
            entries[1]["response"]["content"]["text"],
            "(page text left out of the share link; it named:) Correlation failed. AADSTS54005"
        );
        assert_eq!(entries[1]["response"]["status"], 500);
        assert!(entries[2]["response"]["content"].get("text").is_none());
        assert!(list.iter().any(|x| x.name == "app_page"));
        // The analysis reads the same failure from what is left.
        assert_eq!(outcome(&r), outcome(&c));
        assert!(
            outcome(&r).contains("Correlation failed"),
            "{}",
            outcome(&r)
        );
    }

    #[test]
    fn redaction_keeps_the_analysis_of_every_example() {
        let mut changed = 0;
        for (name, c) in cases() {
            let before = outcome(&c);
            for opts in [
                ShareOptions::default(),
                ShareOptions {
                    redact_secrets: true,
                    hide_ids: true,
                },
            ] {
                let (frag, list) = share_fragment(&c, &opts);
                let opened = decode(&frag).expect("opens");
                changed += usize::from(!list.is_empty());
                // Hidden IDs stand in for the app's own inside a URI (a broker's redirect URI
                // carries its client ID): the same analysis, with another ID in the text.
                // Hidden tenant names likewise, in a URI on the tenant's own host.
                let ids = |s: String| {
                    if opts.hide_ids {
                        mask_tenants(&mask_guids(&s))
                    } else {
                        s
                    }
                };
                assert_eq!(
                    ids(outcome(&opened)),
                    ids(before.clone()),
                    "{name} with {opts:?}"
                );
            }
        }
        assert!(changed > 30, "only {changed} shares redacted anything");
    }

    #[test]
    fn markers_are_stable_and_distinct() {
        // state-mismatch: different values stay different.
        let c = case(
            &authorize_url("state=8f1c2a77d1&nonce=8f1c2a77d1"),
            "https://app.contoso.com/cb?code=1.AQ4AzPq&state=77aa01&session_state=9b2e",
        );
        let (r, _) = redact(&c, &ShareOptions::default());
        let sent = params(&r.authorize, "state");
        let back = params(&r.callback, "state");
        assert_eq!(sent.len(), 1);
        assert_eq!(back.len(), 1);
        assert_ne!(sent, back);
        assert!(sent[0].starts_with("redacted-"));
        // The same value under another name keeps its marker.
        assert_eq!(params(&r.authorize, "nonce"), sent);

        // Same value in authorize and callback: same marker.
        let c = case(
            &authorize_url("state=8f1c2a77d1"),
            "https://app.contoso.com/cb?code=1.AQ4AzPq&state=8f1c2a77d1",
        );
        let (r, list) = redact(&c, &ShareOptions::default());
        assert_eq!(params(&r.authorize, "state"), params(&r.callback, "state"));
        assert_ne!(params(&r.callback, "state"), params(&r.callback, "code"));
        // The preview lists it once per field.
        let states: Vec<_> = list.iter().filter(|x| x.name == "state").collect();
        assert_eq!(states.len(), 2);
        assert_ne!(states[0].field, states[1].field);
    }

    #[test]
    fn pkce_markers_keep_their_form() {
        let c = case(
            &authorize_url(
                "state=a&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
            ),
            "",
        );
        let (r, _) = redact(&c, &ShareOptions::default());
        let ch = params(&r.authorize, "code_challenge");
        assert_eq!(ch.len(), 1);
        assert_ne!(ch[0], "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assert_eq!(ch[0].len(), 43);
        assert!(ch[0].bytes().all(is_b64url));
        assert_eq!(params(&r.authorize, "code_challenge_method"), ["S256"]);
        // A verifier sent as the S256 challenge (67 characters) stays 67 characters long, so
        // the shared case shows the same error.
        let verifier = "a".repeat(67);
        let c = case(
            &authorize_url(&format!(
                "state=a&code_challenge={verifier}&code_challenge_method=S256"
            )),
            "",
        );
        let (r, _) = redact(&c, &ShareOptions::default());
        let ch = params(&r.authorize, "code_challenge");
        assert_eq!(ch[0].len(), 67, "{ch:?}");
        assert_ne!(ch[0], verifier);
    }

    #[test]
    fn names_match_exactly_and_kept_parameters_stay() {
        let q = "state=abcdef123&codex=keepme1&x-client-SKU=ID_NET8_0&prompt=login&response_mode=query&code_challenge_method=S256&Code=upper-case-code";
        let c = case(
            &authorize_url(q).replace(
                "%2Fcb&",
                "%2Fcb%3Fstate%3Dkeepthis&post_logout_redirect_uri=x&",
            ),
            "",
        );
        let (r, _) = redact(&c, &ShareOptions::default());
        for kept in [
            "codex=keepme1",
            "x-client-SKU=ID_NET8_0",
            "prompt=login",
            "response_mode=query",
            "scope=openid",
            "response_type=code",
            // A redirect URI keeps its form; only its own secrets change.
            "redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb%3Fstate%3Dredacted-",
            &format!("client_id={CLIENT}"),
        ] {
            assert!(r.authorize.contains(kept), "{kept} lost: {}", r.authorize);
        }
        assert!(!r.authorize.contains("keepthis"));
        assert!(!r.authorize.contains("abcdef123"));
        assert!(!r.authorize.contains("upper-case-code"));
    }

    /// Verdict, redirect status and finding codes: what a colleague reads.
    fn diagnosis(c: &CaseInput) -> (String, String, Vec<String>) {
        let a = super::super::analyze(c);
        (
            a.verdict.as_str().to_string(),
            format!("{:?}", a.report.redirect.status),
            a.report
                .findings
                .iter()
                .map(|f| f.code.to_string())
                .collect(),
        )
    }

    #[test]
    fn a_redirect_uris_own_secret_gets_one_marker_on_both_sides() {
        for (sent, registered, status) in [
            // Registered with its token: the same marker keeps the exact match.
            (
                "cb%3Ftoken%3DS3cr3tValue9",
                "https://app.contoso.com/cb?token=S3cr3tValue9",
                "Exact",
            ),
            // A storage signature in an unencoded redirect_uri.
            (
                "cb?sig=S3cr3tValue9",
                "https://app.contoso.com/cb?sig=S3cr3tValue9",
                "Exact",
            ),
            // Another value on each side: two markers, still a mismatch.
            (
                "cb%3Fapi_key%3DS3cr3tValue9",
                "https://app.contoso.com/cb?api_key=0therValue8",
                "Mismatch",
            ),
        ] {
            let c = CaseInput {
                authorize: authorize_url("state=s1").replace("cb&", &format!("{sent}&")),
                registered: registered.to_string(),
                ..CaseInput::default()
            };
            let (r, list) = redact(&c, &ShareOptions::default());
            let all = format!("{}\n{}", r.authorize, r.registered);
            assert!(
                !all.contains("S3cr3tValue9") && !all.contains("0therValue8"),
                "{all}"
            );
            assert!(list.iter().any(|x| x.field == "registered"), "{list:?}");
            let (before, after) = (diagnosis(&c), diagnosis(&r));
            assert_eq!(before.1, status, "{sent}");
            assert_eq!(before, after, "{sent}\n{all}");
        }
    }

    #[test]
    fn every_cookie_of_a_multi_line_set_cookie_and_api_keys_in_a_har_are_redacted() {
        let har = r#"{"log":{"entries":[{"request":{"method":"GET","url":"https://app.contoso.com/","headers":[{"name":"x-api-key","value":"XApiKeyValue777"},{"name":"x-ms-RefreshTokenCredential","value":"PrtValue888"}]},"response":{"status":200,"headers":[{"name":"Set-Cookie","value":".AspNetCore.Cookies=CookieOne111; path=/\nAppServiceAuthSession=CookieTwo222; path=/"}]}},{"request":{"method":"POST","url":"https://app.contoso.com/api/login","postData":{"mimeType":"application/json","text":"{\"apiKey\":\"JsonApiKey999\",\"clientSecret\":\"JsonSecret000\",\"region\":\"eu\"}"}},"response":{"status":200}}]}}"#;
        let (r, _) = redact(
            &CaseInput {
                evidence: har.into(),
                ..CaseInput::default()
            },
            &ShareOptions::default(),
        );
        for secret in [
            "XApiKeyValue777",
            "PrtValue888",
            "JsonApiKey999",
            "JsonSecret000",
            "CookieOne111",
            "CookieTwo222",
        ] {
            assert!(!r.evidence.contains(secret), "{secret} in {}", r.evidence);
        }
        assert!(
            r.evidence.contains("AppServiceAuthSession=redacted-"),
            "{}",
            r.evidence
        );
    }

    #[test]
    fn pairs_inside_one_long_value_are_all_judged() {
        // No separator between the pairs: each value runs to the end of the text, and the
        // secret of the last pair is still found.
        let text = format!(
            "{}?client_secret=Q~8Kx.SecretValue",
            "a=b/c?d=e/".repeat(2_000)
        );
        let c = CaseInput {
            callback: text,
            ..CaseInput::default()
        };
        let (r, _) = redact(&c, &ShareOptions::default());
        assert!(!r.callback.contains("SecretValue"), "the secret stayed");
        assert!(r.callback.starts_with("a=b/c?d=e/a=b/c?d=e/"));
    }

    #[test]
    fn secret_fields_of_a_multipart_form_are_redacted() {
        let body = "POST /t/oauth2/v2.0/token HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n\r\n--XyZ\r\nContent-Disposition: form-data; name=\"client_id\"\r\n\r\n7d9e3c1a-2b4f-4a6e-8c0d-1e2f3a4b5c6d\r\n--XyZ\r\nContent-Disposition: form-data; name=\"client_secret\"\r\n\r\nQ~8Kx.SecretValue_abc123\r\n--XyZ--\r\n";
        let c = CaseInput {
            callback: body.into(),
            ..CaseInput::default()
        };
        let (r, _) = redact(&c, &ShareOptions::default());
        assert!(!r.callback.contains("SecretValue"), "{}", r.callback);
        assert!(r.callback.contains("7d9e3c1a-2b4f-4a6e-8c0d-1e2f3a4b5c6d"));
        assert!(r.callback.contains("\r\n--XyZ--"), "{}", r.callback);
    }

    #[test]
    fn cookies_and_credential_headers_in_pasted_requests_are_redacted() {
        let raw = "POST /signin-oidc HTTP/1.1\nHost: app.contoso.com\nCookie: .AspNetCore.Correlation.abc=CorrSecret111; ARRAffinity=AffSecret222\nx-csrf-token: CsrfSecret333\n\ncode=0.AXo&state=s1";
        let curl = "curl 'https://app.contoso.com/signin-oidc' \\\n  -H 'cookie: .AspNetCore.Nonce=NonceSecret444; x=1' \\\n  -b 'ARRAffinity=AffSecret555' \\\n  -H 'x-api-key: ApiKeySecret666' \\\n  --data-raw 'code=0.AXo&state=s1'";
        let resp = "HTTP/1.1 302 Found\nSet-Cookie: .AspNetCore.Cookies=SessionSecret777; path=/; secure\nLocation: https://app.contoso.com/";
        for text in [raw, curl, resp] {
            let c = CaseInput {
                callback: text.into(),
                ..CaseInput::default()
            };
            let (r, _) = redact(&c, &ShareOptions::default());
            for secret in [
                "CorrSecret111",
                "AffSecret222",
                "CsrfSecret333",
                "NonceSecret444",
                "AffSecret555",
                "ApiKeySecret666",
                "SessionSecret777",
            ] {
                assert!(!r.callback.contains(secret), "{secret} in {}", r.callback);
            }
            // Names, attributes and the rest of the text stay.
            assert!(
                r.callback.contains("signin-oidc") || r.callback.contains("path=/"),
                "{}",
                r.callback
            );
        }
        let (r, _) = redact(
            &CaseInput {
                callback: curl.into(),
                ..CaseInput::default()
            },
            &ShareOptions::default(),
        );
        assert!(
            r.callback
                .contains("-H 'cookie: .AspNetCore.Nonce=redacted-"),
            "{}",
            r.callback
        );
        assert!(
            r.callback.contains("-H 'x-api-key: redacted-"),
            "{}",
            r.callback
        );
    }

    #[test]
    fn state_spellings_share_a_marker_exactly_when_the_analysis_reads_one_value() {
        let cb = |state: &str| format!("https://app.contoso.com/cb?code=0.AXo&state={state}");
        for (sent, back) in [
            // '+' unencoded in the request, %20 on the way back: one value.
            (
                "eyJyIjoiL2hvbWUifQ+abc/xyz==",
                "eyJyIjoiL2hvbWUifQ%20abc%2Fxyz%3D%3D",
            ),
            // %2B sent, '+' (a space) back: two values, a mismatch.
            ("a%2Bb%3D%3D", "a+b%3D%3D"),
        ] {
            let c = case(&authorize_url(&format!("state={sent}")), &cb(back));
            let (r, _) = redact(&c, &ShareOptions::default());
            assert_eq!(diagnosis(&c), diagnosis(&r), "{sent} / {back}\n{r:?}");
        }
    }

    #[test]
    fn an_aspnet_core_state_keeps_its_prefix() {
        let c = CaseInput {
            authorize: authorize_url(
                "state=CfDJ8Kx2aQ9mZWx0ZXIBAAAAq7Rz-xYz_0123456789&response_mode=query",
            ),
            registered: r#"{"spa": {"redirectUris": ["https://app.contoso.com/cb"]}}"#.into(),
            ..CaseInput::default()
        };
        let (r, _) = redact(&c, &ShareOptions::default());
        assert!(!r.authorize.contains("Kx2aQ9m"), "{}", r.authorize);
        assert!(
            params(&r.authorize, "state")[0].starts_with("CfDJ8redacted-"),
            "{}",
            r.authorize
        );
        let before = diagnosis(&c);
        assert!(
            before.2.iter().any(|c| c == "redirect.platform_mismatch"),
            "{before:?}"
        );
        assert_eq!(before, diagnosis(&r));
    }

    #[test]
    fn values_that_differ_only_in_case_get_markers_that_differ_only_in_case() {
        let c = CaseInput {
            authorize: authorize_url("state=s1")
                .replace("%2Fcb&", "%2Fusers%2FJohn.Doe%40contoso.com%2Fcb&"),
            registered: "https://app.contoso.com/users/john.doe@contoso.com/cb".into(),
            ..CaseInput::default()
        };
        let (r, _) = redact(&c, &ShareOptions::default());
        assert!(
            !r.authorize.contains("Doe") && !r.registered.contains("doe"),
            "{r:?}"
        );
        let sent = params(&r.authorize, "redirect_uri")
            .pop()
            .unwrap_or_default();
        // The at sign keeps its encoded spelling inside the encoded URI.
        assert!(sent.contains("%40example.invalid"), "{sent}");
        let marker = |t: &str| {
            let at = t
                .find("redacted-")
                .or_else(|| t.to_ascii_lowercase().find("redacted-"));
            at.map(|i| t[i..i + 10].to_string()).unwrap_or_default()
        };
        let (a, b) = (marker(&sent), marker(&r.registered));
        assert_ne!(a, b);
        assert!(a.eq_ignore_ascii_case(&b), "{a} / {b}");
        let (before, after) = (diagnosis(&c), diagnosis(&r));
        assert!(
            before.2.iter().any(|c| c == "redirect.path_case_mismatch"),
            "{before:?}"
        );
        assert_eq!(before, after);
    }

    #[test]
    fn user_information_in_a_uri_is_not_an_address() {
        let c = case(
            &authorize_url("redirect_uri=https%3A%2F%2Fops%40app.contoso.com%2Fcb&login_hint=ops%40app.contoso.com"),
            "",
        );
        let (r, _) = redact(&c, &ShareOptions::default());
        assert!(
            r.authorize
                .contains("https%3A%2F%2Fops%40app.contoso.com%2Fcb"),
            "{}",
            r.authorize
        );
        assert!(!r.authorize.contains("login_hint=ops"), "{}", r.authorize);
        // A password in the user information goes with its user; the host stays.
        let c = case("", "https://dave:S3cretPw@app.contoso.com/cb");
        let (r, _) = redact(&c, &ShareOptions::default());
        assert!(
            r.callback.ends_with("@app.contoso.com/cb"),
            "{}",
            r.callback
        );
        assert!(!r.callback.contains("S3cretPw") && !r.callback.contains("dave"));
    }

    #[test]
    fn email_in_error_description_is_redacted() {
        let callback = "https://app.contoso.com/cb?error=access_denied&error_description=AADSTS50020%3a+User+account+%27jane.doe%40fabrikam.com%27+from+identity+provider+does+not+exist.&state=8f1c2a77d1";
        let text = "AADSTS50020: User account 'john.smith@fabrikam.com' from identity provider 'live.com' does not exist in tenant 'Contoso'.";
        let c = CaseInput {
            callback: callback.to_string(),
            authorize: text.to_string(),
            ..CaseInput::default()
        };
        let (r, list) = redact(&c, &ShareOptions::default());
        assert!(!r.callback.contains("jane.doe"), "{}", r.callback);
        assert!(!r.authorize.contains("john.smith"), "{}", r.authorize);
        assert!(!r.authorize.contains("fabrikam"), "{}", r.authorize);
        assert!(r
            .callback
            .contains("error_description=AADSTS50020%3a+User+account+%27"));
        assert!(r.callback.contains("error=access_denied"));
        assert!(list.iter().filter(|x| x.name == "email").count() == 2);
        // An apostrophe escaped for HTML in a page's text is part of the address.
        let c = CaseInput {
            evidence: "<p>Signed in as carol.o&#39;neil@fabrikam.com</p>".into(),
            ..CaseInput::default()
        };
        let (r, _) = redact(&c, &ShareOptions::default());
        assert!(!r.evidence.contains("carol"), "{}", r.evidence);
        assert!(r.evidence.starts_with("<p>Signed in as "), "{}", r.evidence);
    }

    #[test]
    fn secrets_after_an_escape_or_on_a_line_of_their_own_are_redacted() {
        let jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4In0.ZXJyZGVzYw";
        let c = CaseInput {
            authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri=https%3A%2F%2Fa%2Fcb&client%5Fsecret=Pl41nS3cretValue".into(),
            callback: format!("https://app.contoso.com/cb?error=invalid_request&error_description=Token%20{jwt}%20rejected"),
            evidence: "POST /token HTTP/1.1\nAuthorization: Bearer 0paqueT0kenValue123456\nclient_secret: An0therS3cretValue\ncode: 1.AXoAv4j5cvGGr0GRqy180BHbR3\n".into(),
            ..CaseInput::default()
        };
        let (r, _) = redact(&c, &ShareOptions::default());
        let text = all_text(&r);
        for secret in [
            jwt,
            "Pl41nS3cretValue",
            "0paqueT0kenValue123456",
            "An0therS3cretValue",
            "1.AXoAv4j5cvGGr0GRqy180BHbR3",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(
            r.evidence.contains("Authorization: Bearer "),
            "{}",
            r.evidence
        );
        assert!(r.callback.contains("Token%20"), "{}", r.callback);
        assert!(is_credential_header("X-Custom-Auth") && is_credential_header("x-auth-token"));
        assert!(!is_credential_header("x-ms-request-id") && !is_credential_header("accept"));
        // A URL's own line is no `name: value` secret.
        let c = CaseInput {
            callback: "code: https://app.contoso.com/cb".into(),
            ..CaseInput::default()
        };
        assert!(all_text(&redact(&c, &ShareOptions::default()).0)
            .contains("https://app.contoso.com/cb"));
    }

    #[test]
    fn jwts_are_redacted_wherever_they_are() {
        let jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhYmMiLCJub25jZSI6Im4ifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        let c = CaseInput {
            callback: format!("https://app.contoso.com/cb#id_token={jwt}&state=s1"),
            evidence: format!("GET /api HTTP/1.1\nAuthorization: Bearer {jwt}\n"),
            ..CaseInput::default()
        };
        let (r, list) = redact(&c, &ShareOptions::default());
        assert!(!all_text(&r).contains(jwt));
        assert!(!all_text(&r).contains("c2lnbmF0dXJlLXNpZ25hdHVyZQ"));
        // Same token, same marker in both fields; the marker still looks like a JWT.
        let marker = &params(&r.callback, "id_token")[0];
        assert!(looks_like_jwt(marker), "{marker}");
        assert!(r.evidence.contains(&format!("Bearer {marker}")));
        assert!(list
            .iter()
            .any(|x| x.name == "jwt" && x.field == "evidence"));
    }

    const ACCESS: &str =
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzY3AiOiJVc2VyLlJlYWQifQ.YWNjZXNzLXNpZ25hdHVyZQ";

    fn har() -> String {
        let token_body = serde_json::json!({
            "token_type": "Bearer",
            "access_token": ACCESS,
            "refresh_token": "0.AXYAzPqrefreshTOKENvalue",
            "id_token": "eyJ0eXAiOiJKV1QifQ.eyJub25jZSI6Im5vbmNlLXZhbHVlIn0.aWQtc2lnbmF0dXJl",
            "expires_in": 3599
        })
        .to_string();
        let form_post = "<html><body><form method=\"POST\" action=\"https://app.contoso.com/signin-oidc\"><input type=\"hidden\" name=\"code\" value=\"1.AQ4AformPostCode\" /><input type=\"hidden\" name=\"state\" value=\"statefromform\" /></form></body></html>";
        serde_json::json!({"log": {"version": "1.2", "entries": [
            {"request": {"method": "GET",
                "url": "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&state=harstate123&nonce=harnonce456&x-client-SKU=ID_NET8_0",
                "headers": [{"name": "Cookie", "value": "ESTSAUTH=sessionsecret1; buid=browserid2"}],
                "cookies": [{"name": "ESTSAUTH", "value": "sessionsecret1"}],
                "queryString": [
                    {"name": "state", "value": "harstate123"},
                    {"name": "nonce", "value": "harnonce456"},
                    {"name": "x-client-SKU", "value": "ID_NET8_0"}]},
             "response": {"status": 200, "headers": [{"name": "Set-Cookie", "value": "ESTSAUTH=sessionsecret1; path=/; secure; SameSite=None"}],
                "content": {"mimeType": "text/html", "text": form_post}}},
            {"request": {"method": "POST", "url": "https://login.microsoftonline.com/common/oauth2/v2.0/token",
                "headers": [{"name": "Origin", "value": "https://app.contoso.com"}],
                "postData": {"mimeType": "application/x-www-form-urlencoded",
                    "text": "grant_type=authorization_code&code=1.AQ4AformPostCode&code_verifier=verifierSECRETvalue0123456789abcdefghijklmn&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fsignin-oidc",
                    "params": [
                        {"name": "code", "value": "1.AQ4AformPostCode"},
                        {"name": "code_verifier", "value": "verifierSECRETvalue0123456789abcdefghijklmn"},
                        {"name": "redirect_uri", "value": "https%3A%2F%2Fapp.contoso.com%2Fsignin-oidc"}]}},
             "response": {"status": 200, "content": {"mimeType": "application/json", "text": token_body}}},
            {"request": {"method": "POST", "url": "https://login.microsoftonline.com/common/oauth2/v2.0/token",
                "headers": [{"name": "Authorization", "value": "Basic Y2xpZW50OnNlY3JldA=="}]},
             "response": {"status": 200, "content": {"mimeType": "application/json", "encoding": "base64",
                "text": STANDARD.encode("{\"mail\":\"jane@fabrikam.com\",\"refresh_token\":\"b64hiddenRT\"}")}}}
        ]}})
        .to_string()
    }

    /// A token response a proxy exported still gzip-compressed is redacted like a plain one; a
    /// body compressed otherwise (Brotli), which cannot be read, is left out.
    #[test]
    fn compressed_har_bodies_are_redacted_or_left_out() {
        let json = br#"{"token_type":"Bearer","refresh_token":"gzRT5ECRETvalue"}"#;
        let mut gz = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
        gz.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(json, 6));
        gz.extend_from_slice(&[0; 8]);
        let brotli = STANDARD.encode([0x1b, 0xff, 0x00, 0x90, 0x8f, 0xd4, 0x2c, 0xe1, 0x97]);
        let token = "https://login.microsoftonline.com/common/oauth2/v2.0/token";
        let evidence = serde_json::json!({"log": {"version": "1.2", "entries": [
            {"request": {"method": "POST", "url": token},
             "response": {"status": 200, "content": {"mimeType": "application/json", "encoding": "base64", "text": STANDARD.encode(&gz)}}},
            {"request": {"method": "POST", "url": token},
             "response": {"status": 200, "content": {"mimeType": "application/json", "encoding": "base64", "text": brotli}}}
        ]}})
        .to_string();
        let c = CaseInput {
            evidence,
            ..CaseInput::default()
        };
        let (frag, _) = share_fragment(&c, &ShareOptions::default());
        let r = decode(&frag).expect("opens");
        let v: Value = serde_json::from_str(&r.evidence).expect("still valid JSON");
        let text = |i: usize| {
            v["log"]["entries"][i]["response"]["content"]["text"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        };
        let plain = har::decode_base64_body(&text(0)).unwrap_or_default();
        assert!(
            plain.contains("refresh_token") && !plain.contains("gzRT5ECRET"),
            "{plain}"
        );
        assert_eq!(text(1), "");
    }

    #[test]
    fn har_secrets_are_gone_and_the_json_stays_valid() {
        let c = CaseInput {
            evidence: har(),
            ..CaseInput::default()
        };
        let (frag, list) = share_fragment(&c, &ShareOptions::default());
        let r = decode(&frag).expect("opens");
        for secret in [
            ACCESS,
            "YWNjZXNzLXNpZ25hdHVyZQ",
            "0.AXYAzPqrefreshTOKENvalue",
            "aWQtc2lnbmF0dXJl",
            "verifierSECRETvalue",
            "1.AQ4AformPostCode",
            "statefromform",
            "harstate123",
            "harnonce456",
            "sessionsecret1",
            "browserid2",
            "Y2xpZW50OnNlY3JldA",
        ] {
            assert!(!r.evidence.contains(secret), "{secret} survived");
        }
        let v: Value = serde_json::from_str(&r.evidence).expect("still valid JSON");
        let entries = &v["log"]["entries"];
        // The token response body is still JSON with its keys.
        let body: Value = serde_json::from_str(
            entries[1]["response"]["content"]["text"]
                .as_str()
                .expect("text"),
        )
        .expect("body still JSON");
        assert!(body["access_token"].as_str().is_some_and(looks_like_jwt));
        assert_eq!(body["expires_in"], 3599);
        // Kept: what the analysis reads.
        let params = &entries[1]["request"]["postData"]["params"];
        assert_eq!(
            params[2]["value"],
            "https%3A%2F%2Fapp.contoso.com%2Fsignin-oidc"
        );
        assert_eq!(
            entries[0]["request"]["queryString"][2]["value"],
            "ID_NET8_0"
        );
        assert_eq!(
            entries[1]["request"]["headers"][0]["value"],
            "https://app.contoso.com"
        );
        let set_cookie = entries[0]["response"]["headers"][0]["value"]
            .as_str()
            .unwrap();
        assert!(set_cookie.starts_with("ESTSAUTH=redacted-"), "{set_cookie}");
        assert!(set_cookie.ends_with("; path=/; secure; SameSite=None"));
        assert!(entries[2]["request"]["headers"][0]["value"]
            .as_str()
            .unwrap()
            .starts_with("Basic redacted-"));
        // The base64 body was opened, redacted and closed again.
        let b64 = entries[2]["response"]["content"]["text"].as_str().unwrap();
        let inner = String::from_utf8(STANDARD.decode(b64).unwrap()).unwrap();
        assert!(
            !inner.contains("b64hiddenRT") && !inner.contains("jane@"),
            "{inner}"
        );
        // The verifier marker keeps a verifier's form; the same code has one marker.
        let verifier = params[1]["value"].as_str().unwrap();
        assert_eq!(verifier.len(), 43);
        let code_in_text = entries[1]["request"]["postData"]["text"].as_str().unwrap();
        assert!(code_in_text.contains(&format!("code={}", params[0]["value"].as_str().unwrap())));
        assert!(list.iter().any(|x| x.name == "refresh_token"));
    }

    /// A HAR with every place a secret lives, pretty-printed as exported.
    fn har_with_login() -> String {
        let mut v: Value = serde_json::from_str(&har()).unwrap();
        let page = r#"<script>$Config={"sFT":"AQABflowTOKENsecret","canary":"PAQABcanarySECRET"};</script>"#;
        let login = serde_json::json!({
            "request": {"method": "POST", "url": "https://login.microsoftonline.com/common/login",
                "headers": [{"name": "cookie", "value": "buid=buidSECRET; esctx=esctxSECRET; fpc=fpcSECRET"},
                            {"name": "authorization", "value": "Bearer opaqueBEARERsecret"}],
                "cookies": [{"name": "fpc", "value": "fpcSECRET"}, {"name": "esctx", "value": "esctxSECRET"}],
                "postData": {"mimeType": "application/x-www-form-urlencoded",
                    "text": "login=jane%40fabrikam.com&passwd=pwSECRET%21&flowToken=ftSECRET&canary=canSECRET",
                    "params": [{"name": "passwd", "value": "pwSECRET!"},
                               {"name": "flowToken", "value": "ftSECRET"},
                               {"name": "canary", "value": "canSECRET"}]}},
            "response": {"status": 200, "headers": [{"name": "set-cookie", "value": "ESTSAUTH=estsSECRET; path=/; secure"}],
                "content": {"mimeType": "text/html", "text": page}}
        });
        if let Some(entries) = v["log"]["entries"].as_array_mut() {
            entries.insert(1, login);
        }
        serde_json::to_string_pretty(&v).unwrap()
    }

    const LOGIN_SECRETS: &[&str] = &[
        "sessionsecret1",
        "browserid2",
        "harstate123",
        "harnonce456",
        "1.AQ4AformPostCode",
        "verifierSECRETvalue",
        "Y2xpZW50OnNlY3JldA",
        "YWNjZXNzLXNpZ25hdHVyZQ",
        "0.AXYAzPqrefreshTOKENvalue",
        "buidSECRET",
        "esctxSECRET",
        "fpcSECRET",
        "opaqueBEARERsecret",
        "pwSECRET",
        "ftSECRET",
        "canSECRET",
        "estsSECRET",
        "AQABflowTOKENsecret",
        "PAQABcanarySECRET",
        "jane",
    ];

    #[test]
    fn a_cut_off_export_keeps_no_secret_and_is_read_the_same() {
        let full = har_with_login();
        let mut cuts = 0;
        for end in (40..full.len()).step_by(23) {
            let c = CaseInput {
                evidence: full[..end].to_string(),
                ..CaseInput::default()
            };
            let (r, _) = redact(&c, &ShareOptions::default());
            for secret in LOGIN_SECRETS {
                assert!(
                    !r.evidence.contains(secret),
                    "{secret} survived a cut at {end}: {}",
                    r.evidence
                );
            }
            // Cut after complete entries: those entries are kept, cut off
            // at the same place, so the shared case is read the same.
            if evidence::salvage_json(&c.evidence).is_some() {
                cuts += 1;
                assert_eq!(outcome(&r), outcome(&c), "cut at {end}");
                assert!(outcome(&r).contains("input.evidence_unreadable"));
            }
        }
        assert!(cuts > 50, "only {cuts} cuts after a complete entry");
    }

    /// The shapes a HAR reaches the page in besides a clean file: each
    /// quote, colon or comma deleted in turn (a hand edit, a chat client),
    /// single quotes, CRLF, a Markdown code block, a chat line, prose around
    /// it, compact.
    fn mangled(full: &str) -> Vec<(String, String)> {
        let compact = serde_json::from_str::<Value>(full).unwrap().to_string();
        let mut out = vec![
            ("crlf".into(), full.replace('\n', "\r\n")),
            ("single quotes".into(), full.replace('"', "'")),
            ("compact single quotes".into(), compact.replace('"', "'")),
            (
                "markdown".into(),
                format!("Here is the HAR, it fails after the password:\n\n```json\n{full}\n```\nAny idea?"),
            ),
            (
                "chat".into(),
                format!("[10:32] Jane: here you go\n[10:32] Jane: {compact}\n[10:33] Jane: that's all"),
            ),
            ("quoted mail".into(), format!("> {}", full.replace('\n', "\n> "))),
            ("prose".into(), format!("HAR from Edge:\n{full}\n-- \nSent from my phone")),
            ("html entities".into(), full.replace('"', "&quot;")),
        ];
        for text in [full, compact.as_str()] {
            for (i, (at, c)) in text
                .char_indices()
                .filter(|(_, c)| matches!(c, '"' | ':' | ',' | '{' | '['))
                .enumerate()
            {
                if i % 3 == 0 || c == '"' {
                    let mut t = text.to_string();
                    t.remove(at);
                    out.push((format!("{c} at {at} deleted"), t));
                }
            }
        }
        out
    }

    #[test]
    fn a_mangled_export_keeps_no_secret() {
        let full = har_with_login();
        let mut failures = Vec::new();
        for (how, text) in mangled(&full) {
            let c = CaseInput {
                evidence: text,
                ..CaseInput::default()
            };
            let (r, _) = redact(&c, &ShareOptions::default());
            for secret in LOGIN_SECRETS {
                if r.evidence.contains(secret) {
                    failures.push(format!("{how}: {secret}"));
                }
            }
            // Near miss: a whole export in another shape keeps what the
            // analysis reads.
            if !how.contains("deleted") && !r.evidence.contains("ID_NET8_0") {
                failures.push(format!("{how}: lost x-client-SKU's value"));
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
        // A pair with a deleted quote, single-quoted pairs, a missing colon.
        for (text, gone, kept) in [
            (
                r#""cookies": [{"name":"ESTSAUTH", value": "x1secret"}], "queryString": [{"name":"x-client-SKU", value": "ID_NET8_0"}]"#,
                "x1secret",
                "ID_NET8_0",
            ),
            // Out of its list, an Entra session cookie is known by its shape.
            (
                r#"{"name":"ESTSAUTH", value": "1.AXEAv4j5cvGGr0GRqy180BHbR3bed"}, {"name":"x-client-SKU", value": "ID_NET8_0"}"#,
                "AXEAv4j5",
                "ID_NET8_0",
            ),
            (
                r#"{'name': 'passwd', 'value': 'hunter2!'}, {'name': 'scope', 'value': 'openid profile'}"#,
                "hunter2",
                "openid profile",
            ),
            (
                r#""cookies": [{"name" "fpc", "value" "fpcVALUE"}], "headers": [{"name" "Host", "value" "keep.example"}]"#,
                "fpcVALUE",
                "keep.example",
            ),
            (
                "log line: refresh=0.AXYAzPq1234567890abcdefgh (and 0.A5 kept)",
                "0.AXYAzPq",
                "0.A5",
            ),
        ] {
            let (r, _) = redact(
                &CaseInput {
                    evidence: text.into(),
                    ..CaseInput::default()
                },
                &ShareOptions::default(),
            );
            assert!(
                !r.evidence.contains(gone) && r.evidence.contains(kept),
                "{}",
                r.evidence
            );
        }
    }

    #[test]
    fn a_broken_export_keeps_no_secret() {
        let full = har_with_login();
        let between = full.find("\n      },\n      {").expect("two entries") + 8;
        let broken = [
            // A missing comma between two entries.
            format!("{}{}", &full[..between], &full[between + 1..]),
            // A trailing comma, and text pasted around the export.
            format!(
                "HAR follows:\n{},\n(end)",
                full.replacen("\"version\"", "// comment\n\"version\"", 1)
            ),
            // Two exports pasted one after the other, the second cut off.
            format!("{full}\n{}", &full[..full.len() / 2]),
            // Compact, cut inside an escaped page.
            {
                let compact = serde_json::from_str::<Value>(&full).unwrap().to_string();
                let at = compact.find("flowTOKENsecret").unwrap() + 4;
                compact[..at].to_string()
            },
        ];
        for text in broken {
            assert!(serde_json::from_str::<Value>(&text).is_err());
            let c = CaseInput {
                evidence: text,
                ..CaseInput::default()
            };
            let (r, _) = redact(&c, &ShareOptions::default());
            for secret in LOGIN_SECRETS {
                assert!(
                    !r.evidence.contains(secret),
                    "{secret} survived: {}",
                    r.evidence
                );
            }
            // Names and harmless values stay.
            assert!(r.evidence.contains("x-client-SKU") && r.evidence.contains("ID_NET8_0"));
        }
        // The cut inside the escaped page: its value is gone as a whole.
        let compact = serde_json::from_str::<Value>(&full).unwrap().to_string();
        let at = compact.find("flowTOKENsecret").unwrap() + 4;
        let (r, _) = redact(
            &CaseInput {
                evidence: compact[..at].to_string(),
                ..CaseInput::default()
            },
            &ShareOptions::default(),
        );
        assert!(
            !r.evidence.contains("flow"),
            "{}",
            &r.evidence[r.evidence.len() - 80..]
        );
    }

    #[test]
    fn quoted_pairs_outside_json_follow_the_har_rules() {
        let (r, _) = redact(
            &CaseInput {
                evidence: r#"log: {"name": "Cookie", "value": "ESTSAUTH=s1"} {"name": "x-client-SKU", "value": "ID_NET8_0"} "cookies": [{"name": "a", "value": "c1"}] {"name": "Set-Cookie", "value": "b=c2; path=/"} "headers": [{"name": "Host", "value": "keep.example"}"#.into(),
                ..CaseInput::default()
            },
            &ShareOptions::default(),
        );
        for gone in ["s1", "c1", "c2"] {
            assert!(!r.evidence.contains(gone), "{gone}: {}", r.evidence);
        }
        // Other pairs keep their values.
        assert!(r.evidence.contains("ID_NET8_0") && r.evidence.contains("keep.example"));
        assert!(r.evidence.contains("b=redacted-") && r.evidence.contains("; path=/"));
    }

    #[test]
    fn entra_page_session_values_are_redacted() {
        // Entra's sign-in page keeps its flow token, context and canaries in
        // $Config; the login POST sends them back as form fields.
        let page = r#"<html><script>//<![CDATA[\n$Config={\"urlPost\":\"/common/login\",\"sFT\":\"AQABflowTOKENsecret\",\"sCtx\":\"rQQIARctxSECRET\",\"apiCanary\":\"PAQABapiCANARY\",\"canary\":\"PAQABcanary2\",\"iErrorCode\":50011,\"sErrorCode\":\"50011\"};//]]></script></html>"#;
        let evidence = format!(
            r#"{{"log":{{"entries":[{{"request":{{"method":"POST","url":"https://login.microsoftonline.com/common/login","postData":{{"mimeType":"application/x-www-form-urlencoded","text":"login=a&ctx=rQQIARpostCTX&PPFT=ppftSECRET&flowToken=ft"}}}},"response":{{"status":200,"content":{{"mimeType":"text/html","text":"{page}"}}}}}}]}}}}"#
        );
        let c = CaseInput {
            evidence,
            ..CaseInput::default()
        };
        let r = decode(&share_fragment(&c, &ShareOptions::default()).0).expect("opens");
        for secret in [
            "AQABflowTOKENsecret",
            "rQQIARctxSECRET",
            "PAQABapiCANARY",
            "rQQIARpostCTX",
            "ppftSECRET",
        ] {
            assert!(!r.evidence.contains(secret), "{secret} survived");
        }
        // What the analysis reads stays.
        assert!(r.evidence.contains("50011") && r.evidence.contains("urlPost"));
    }

    /// Secrets the quoted pairs and query pairs did not find: the Microsoft account page's
    /// bare script names (`psRNGCSLK:'…'`, `sFT:'…'`), a `wctx` holding Entra's encoded request
    /// (`estsrequest%3d…`), a device code answer's user_code repeated in its `message`, and
    /// headers, cookies and bodies a tool wrote as objects; a wrapped HAR too. The link opens.
    #[test]
    fn script_names_request_contexts_and_object_shaped_har_parts_are_redacted() {
        let page = r#"<html><script>var ServerData={psRNGCSLK:'RNGcslkSECRET1',sFT:'MSAflowSECRET2',urlPost:'https://login.live.com/ppsecure/post.srf'};</script></html>"#;
        let device = r#"{\"user_code\":\"ABCD-EFGH\",\"device_code\":\"DAQABdevSECRET3\",\"message\":\"To sign in, open https://microsoft.com/devicelogin and enter the code ABCD-EFGH to authenticate.\"}"#;
        let har = format!(
            r#"{{"log":{{"entries":[{{"request":{{"method":"GET","url":"https://login.live.com/oauth20_authorize.srf","headers":{{"Cookie":"MSPRequ=COOKIEsecret4","User-Agent":"UA"}},"cookies":{{"esctx":"COOKIEsecret5"}}}},"response":{{"status":200,"content":{{"mimeType":"text/html","text":"{page}"}}}}}},{{"request":{{"method":"POST","url":"https://login.microsoftonline.com/common/oauth2/v2.0/devicecode"}},"response":{{"status":200,"content":{{"mimeType":"application/json","text":"{device}"}}}}}},{{"request":{{"method":"GET","url":"https://adfs.contoso.com/adfs/ls/?wa=wsignin1.0&wctx=estsrequest%3drQQIARAAhVLwctxSECRET6"}},"response":{{"status":400,"content":{{"mimeType":"application/json","text":{{"error":"invalid_grant","refresh_token":"RTobjSECRET7"}}}}}}}}]}}}}"#
        );
        for evidence in [har.clone(), format!(r#"{{"har":{har}}}"#)] {
            let c = CaseInput {
                evidence,
                ..CaseInput::default()
            };
            let r = decode(&share_fragment(&c, &ShareOptions::default()).0).expect("opens");
            for secret in [
                "RNGcslkSECRET1",
                "MSAflowSECRET2",
                "DAQABdevSECRET3",
                "ABCD-EFGH",
                "COOKIEsecret4",
                "COOKIEsecret5",
                "wctxSECRET6",
                "RTobjSECRET7",
            ] {
                assert!(!r.evidence.contains(secret), "{secret}: {}", r.evidence);
            }
            // What is no secret stays.
            for kept in ["urlPost", "devicelogin", "wctx=estsrequest%3d", "UA"] {
                assert!(r.evidence.contains(kept), "{kept}: {}", r.evidence);
            }
        }
    }

    #[test]
    fn sign_in_log_personal_data_is_redacted() {
        let c = CaseInput {
            evidence: format!(
                r#"{{"value":[{{"appId":"{CLIENT}","userDisplayName":"Adele Vance","userId":"9f4b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e","ipAddress":"203.0.113.24","status":{{"errorCode":50011}}}},{{"Identity":"Adele Vance","IPAddress":"203.0.113.24","AppId":"{CLIENT}","ResultType":"0"}}]}}"#
            ),
            ..CaseInput::default()
        };
        let r = decode(&share_fragment(&c, &ShareOptions::default()).0).expect("opens");
        for secret in ["Adele", "203.0.113.24", "9f4b7c1e"] {
            assert!(
                !r.evidence.contains(secret),
                "{secret} survived: {}",
                r.evidence
            );
        }
        // The same person has the same marker in both records; the app and code stay.
        let v: Value = serde_json::from_str(&r.evidence).expect("JSON");
        assert_eq!(v["value"][0]["userDisplayName"], v["value"][1]["Identity"]);
        assert!(r.evidence.contains(CLIENT) && r.evidence.contains("50011"));
    }

    #[test]
    fn sign_in_log_device_session_and_location_are_redacted() {
        let graph = format!(
            r#"{{"value":[{{"appId":"{CLIENT}","correlationId":"c1","status":{{"errorCode":53003}},"ipAddressFromResourceProvider":"2001:db8::58","globalSecureAccessIpAddress":"198.51.100.9","sessionId":"00b3f5e1-sessionSECRET","uniqueTokenIdentifier":"tokenIDSECRET","signInIdentifier":"+1 555 0100","deviceDetail":{{"deviceId":"deviceIDSECRET","displayName":"ADELE-LAPTOP","operatingSystem":"Windows10"}},"location":{{"city":"Berlin","countryOrRegion":"DE","geoCoordinates":{{"latitude":52.52,"longitude":13.4}}}},"appDisplayName":"Contoso Portal"}}]}}"#
        );
        let portal = format!(
            "Date (UTC),Request ID,Correlation ID,Application ID,Location,Status,Sign-in error code,Device ID,Session ID,Unique token identifier,Global Secure Access IP address\n\
             2025-03-11T14:02:07Z,r1,c1,{CLIENT},\"Berlin, Berlin, DE\",Failure,53003,deviceIDSECRET,00b3f5e1-sessionSECRET,tokenIDSECRET,198.51.100.9\n"
        );
        let la = format!(
            "TimeGenerated [UTC],ResultType,CorrelationId,AppId,DeviceDetail,LocationDetails\n\
             2025-03-11T14:02:07Z,53003,c1,{CLIENT},\"{{\"\"deviceId\"\":\"\"deviceIDSECRET\"\",\"\"displayName\"\":\"\"ADELE-LAPTOP\"\"}}\",\"{{\"\"city\"\":\"\"Berlin\"\"}}\"\n"
        );
        // Log Analytics rows as JSON lines: no one JSON document.
        let lines = format!(
            "{{\"AppId\":\"{CLIENT}\",\"ResultType\":\"53003\",\"SessionId\":\"00b3f5e1-sessionSECRET\",\"DeviceDetail\":{{\"deviceId\":\"deviceIDSECRET\"}},\"LocationDetails\":{{\"city\":\"Berlin\"}}}}\n{{\"AppId\":\"{CLIENT}\",\"ResultType\":\"0\",\"IPAddress\":\"198.51.100.9\"}}\n"
        );
        for text in [graph, portal, la, lines] {
            let c = CaseInput {
                evidence: text.clone(),
                ..CaseInput::default()
            };
            let r = decode(&share_fragment(&c, &ShareOptions::default()).0).expect("opens");
            for secret in [
                "2001:db8::58",
                "198.51.100.9",
                "sessionSECRET",
                "tokenIDSECRET",
                "555 0100",
                "deviceIDSECRET",
                "ADELE-LAPTOP",
                "Berlin",
                "52.52",
            ] {
                assert!(
                    !r.evidence.contains(secret),
                    "{secret} survived: {}",
                    r.evidence
                );
            }
            // What the analysis reads stays, and it reads the same.
            assert!(r.evidence.contains(CLIENT) && r.evidence.contains("53003"));
            assert_eq!(outcome(&r), outcome(&c));
        }
        // Near misses: an app's display name, the country and the correlation ID stay.
        let (r, _) = redact(
            &CaseInput {
                evidence: r#"[{"appDisplayName":"Contoso Portal","displayName":"Contoso","countryOrRegion":"DE","correlationId":"c1","status":{"errorCode":50011}}]"#.into(),
                ..CaseInput::default()
            },
            &ShareOptions::default(),
        );
        for kept in ["Contoso Portal", "\"Contoso\"", "DE", "c1"] {
            assert!(r.evidence.contains(kept), "{kept}: {}", r.evidence);
        }
    }

    #[test]
    fn sign_in_csv_personal_columns_are_redacted() {
        let portal = format!(
            "Date (UTC),Request ID,Correlation ID,User ID,User,Username,Application,Application ID,IP address,Status,Sign-in error code,Failure reason,Sign-in identifier,IP address (seen by resource)\n\
             2025-03-11T14:02:07Z,r1,c1,9f4b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e,\"Vance, Adele\",adelev@contoso.com,Contoso,{CLIENT},203.0.113.24,Failure,50011,Reply URL mismatch,adelev@contoso.com,198.51.100.7\n\
             2025-03-11T14:03:07Z,r2,c2,9f4b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e,\"Vance, Adele\",adelev@contoso.com,Contoso,{CLIENT},203.0.113.24,Success,0,,,\n"
        );
        let la = format!("TimeGenerated [UTC],ResultType,CorrelationId,AppId,Identity,UserId,IPAddress,Status\n\
             \"3/11/2025, 2:02:07.123 PM\",50011,c1,{CLIENT},\"Vance, Adele\",9f4b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e,203.0.113.24,\"{{\"\"errorCode\"\": 50011, \"\"state\"\": \"\"stateSECRET\"\"}}\"\n");
        let json = format!(
            r#"[{{"appId":"{CLIENT}","userDisplayName":"Vance, Adele","status":{{"errorCode":50011}}}}]"#
        );
        // The German download: localized column names, semicolons.
        let german = format!(
            "Datum (UTC);Anforderungs-ID;Korrelations-ID;Benutzer-ID;Benutzer;Benutzername;Anwendungs-ID;IP-Adresse;Status;Anmeldefehlercode;Fehlerursache\n\
             2025-03-11T14:02:07Z;r1;c1;9f4b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e;Vance, Adele;adelev@contoso.com;{CLIENT};203.0.113.24;Fehler;50011;Reply URL mismatch\n"
        );
        for text in [portal, la, german] {
            let c = CaseInput {
                evidence: text.clone(),
                ..CaseInput::default()
            };
            let r = decode(&share_fragment(&c, &ShareOptions::default()).0).expect("opens");
            for secret in [
                "Adele",
                "adelev",
                "203.0.113.24",
                "198.51.100.7",
                "9f4b7c1e",
                "stateSECRET",
            ] {
                assert!(
                    !r.evidence.contains(secret),
                    "{secret} survived: {}",
                    r.evidence
                );
            }
            // The app, the codes and the columns stay; the analysis is the same.
            assert!(r.evidence.contains(CLIENT) && r.evidence.contains("50011"));
            assert!(r.evidence.starts_with(text.lines().next().unwrap()));
            assert_eq!(outcome(&r), outcome(&c));
            // One person keeps one marker, as in a JSON export shared with it.
            let (both, _) = redact(
                &CaseInput {
                    evidence: text,
                    callback: json.clone(),
                    ..CaseInput::default()
                },
                &ShareOptions::default(),
            );
            let json_marker: Value = serde_json::from_str(&both.callback).expect("JSON");
            let m = json_marker[0]["userDisplayName"]
                .as_str()
                .unwrap()
                .to_string();
            assert!(both.evidence.contains(&m), "{m}: {}", both.evidence);
        }
        // A CSV of other columns is left to the text rules.
        let other = "Name,Role,Team\nAdele Vance,Dev,Core\n";
        let (r, _) = redact(
            &CaseInput {
                evidence: other.into(),
                ..CaseInput::default()
            },
            &ShareOptions::default(),
        );
        assert_eq!(r.evidence, other);
    }

    #[test]
    fn unchanged_json_keeps_its_formatting() {
        let registered = format!(
            "{{\n  \"appId\": \"{CLIENT}\",\n  \"web\": {{\n    \"redirectUris\": [\n      \"https://app.contoso.com/cb?tenant=a\"\n    ]\n  }}\n}}"
        );
        let c = CaseInput {
            registered: registered.clone(),
            ..CaseInput::default()
        };
        let (r, list) = redact(&c, &ShareOptions::default());
        assert_eq!(r.registered, registered);
        assert!(list.is_empty());
        // A repeated key could hide a value the parsed tree drops: rewritten.
        let dup = CaseInput {
            evidence: r#"{"nonce":"hiddenfirst1","nonce":""}"#.to_string(),
            ..CaseInput::default()
        };
        let (r, _) = redact(&dup, &ShareOptions::default());
        assert!(!r.evidence.contains("hiddenfirst1"), "{}", r.evidence);
    }

    #[test]
    fn hide_ids_replaces_the_client_id_everywhere_with_a_fake_guid() {
        let upper = CLIENT.to_ascii_uppercase();
        let c = CaseInput {
            authorize: format!(
                "https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/authorize?client_id={CLIENT}&state=abc123&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb"
            ),
            // The broker redirect URI holds the client ID in a place no
            // context names (any text field will do); it must still be hidden,
            // alike everywhere.
            audience: format!(
                "redirect_uri=ms-appx-web%3A%2F%2FMicrosoft.AAD.BrokerPlugin%2F{CLIENT}"
            ),
            registered: format!(
                "{{\"appId\": \"{upper}\", \"publisherDomain\": \"contoso.onmicrosoft.com\", \"web\": {{\"redirectUris\": [\"https://app.contoso.com/cb\"]}}}}"
            ),
            callback: format!(
                "AADSTS50011: The redirect URI 'https://app.contoso.com/x' specified in the request does not match the redirect URIs configured for the application '{CLIENT}'.\nTrace ID: 0f3d2b8e-0a41-4a0e-9b4f-3c1e5a9b2c00"
            ),
            evidence: format!(
                "[{{\"appId\": \"{CLIENT}\", \"tenantId\": \"{TENANT}\", \"userPrincipalName\": \"jane@contoso.onmicrosoft.com\"}}]"
            ),
        };
        let opts = ShareOptions {
            redact_secrets: true,
            hide_ids: true,
        };
        let (r, list) = redact(&c, &opts);
        let text = all_text(&r).to_ascii_lowercase();
        assert!(!text.contains(CLIENT), "{text}");
        assert!(!text.contains(TENANT), "{text}");
        assert!(!text.contains("contoso.onmicrosoft.com"), "{text}");
        // The trace ID is not an ID of the tenant or app.
        assert!(text.contains("0f3d2b8e-0a41-4a0e-9b4f-3c1e5a9b2c00"));
        let fake = params(&r.authorize, "client_id");
        assert_eq!(fake.len(), 1);
        let fake = &fake[0];
        assert!(is_guid(fake), "{fake}");
        assert_eq!(&fake[14..15], "4", "version-4 form");
        assert!(fake.starts_with("00000000-"), "obviously fake: {fake}");
        for field in [&r.registered, &r.callback, &r.evidence, &r.audience] {
            assert!(field.contains(fake.as_str()), "{field}");
        }
        let fake_tenant = list
            .iter()
            .find(|x| x.original == TENANT)
            .map(|x| x.marker.clone())
            .expect("tenant listed");
        assert!(is_guid(&fake_tenant));
        assert_ne!(&fake_tenant, fake);
        assert!(r.evidence.contains(&fake_tenant));
        assert!(list
            .iter()
            .any(|x| x.name == "client_id" && x.field == "callback"));
        // Without hide_ids the IDs stay.
        let (plain, _) = redact(&c, &ShareOptions::default());
        assert!(plain.authorize.contains(CLIENT));
        assert!(plain.authorize.contains(TENANT));
    }

    #[test]
    fn the_portals_sign_in_details_pane_keeps_no_one_s_identity() {
        let pane = "Date\t3/11/2025, 2:02:07 PM\nRequest ID\tc2572fde-8068-5130-b523-3d33f46c70f7\nCorrelation ID\t5e1c9a44-7d0b-4b61-9f0e-2b7c4a0b6f31\nStatus\tFailure\nSign-in error code\t50011\nFailure reason\tThe redirect URI 'https://app.contoso.com/cb/' specified in the request does not match the redirect URIs configured for the application '6731de76-14a6-49ae-97bc-6eba6914391e'.\nUser\tAdele Vance\nUsername\tadelev@contoso.com\nUser ID\t0a1b2c3d-1111-2222-3333-444455556666\nIP address\t203.0.113.7\nLocation\tRedmond, Washington, US\nApplication\tContoso Portal\nApplication ID\t6731de76-14a6-49ae-97bc-6eba6914391e\nHome tenant ID\t72f988bf-86f1-41af-91ab-2d7cd011db47\n";
        let c = CaseInput {
            authorize: pane.into(),
            registered: "https://app.contoso.com/cb".into(),
            ..CaseInput::default()
        };
        let opts = ShareOptions {
            redact_secrets: true,
            hide_ids: true,
        };
        let (r, _) = redact(&c, &opts);
        for gone in [
            "Adele",
            "adelev",
            "0a1b2c3d-1111",
            "203.0.113.7",
            "Redmond",
            "6731de76",
            "72f988bf",
        ] {
            assert!(!r.authorize.contains(gone), "{gone}: {}", r.authorize);
        }
        assert_eq!(outcome(&r), outcome(&c));
    }

    /// A link with one character changed never opens as another case: it is refused as
    /// damaged, or (a change the decoding does not see) opens as the same case.
    #[test]
    fn a_link_damaged_in_one_character_never_opens_another_case() {
        let c = case(
            "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb%2F&scope=openid&state=s1",
            "https://app.contoso.com/cb",
        );
        let frag = encode(&c);
        let mut opened_other = Vec::new();
        for (i, ch) in frag.char_indices().skip(PREFIX.len()) {
            for repl in ['z', 'A', '0', '_'] {
                if repl == ch {
                    continue;
                }
                let mut damaged = frag.clone();
                damaged.replace_range(i..i + 1, &repl.to_string());
                if let Ok(got) = decode(&damaged) {
                    if got != c {
                        opened_other.push(i);
                    }
                }
            }
        }
        assert!(opened_other.is_empty(), "positions {opened_other:?}");
        // A link written before the checksum still opens.
        let old = format!(
            "{PREFIX}{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(
                br#"{"authorize":"https://a.b/authorize?client_id=x","registered":"https://a.b/cb"}"#,
                9
            ))
        );
        assert_eq!(
            decode(&old).map(|c| c.registered).ok().as_deref(),
            Some("https://a.b/cb")
        );
    }

    #[test]
    fn hide_ids_keeps_a_placeholder_guid() {
        let nil = "00000000-0000-0000-0000-000000000000";
        let c = case(
            &format!("https://login.microsoftonline.com/{nil}/oauth2/v2.0/authorize?client_id={nil}&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid&state=s1"),
            "",
        );
        let opts = ShareOptions {
            redact_secrets: true,
            hide_ids: true,
        };
        let (r, _) = redact(&c, &opts);
        assert_eq!(r.authorize.matches(nil).count(), 2, "{}", r.authorize);
        assert_eq!(outcome(&r), outcome(&c));
    }

    #[test]
    fn hide_ids_keeps_b2c_tenant_names_consistent() {
        let c = case(
            "https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signupsignin/oauth2/v2.0/authorize?client_id=Enter_Your_Appid&state=s",
            "",
        );
        let opts = ShareOptions {
            redact_secrets: false,
            hide_ids: true,
        };
        let (r, _) = redact(&c, &opts);
        assert!(!r.authorize.contains("contoso"), "{}", r.authorize);
        assert!(r.authorize.starts_with(
            "https://redacted-tenant-1.b2clogin.com/redacted-tenant-1.onmicrosoft.com/B2C_1_signupsignin/"
        ));
        // Not a GUID: a placeholder client_id is left for the analyzer to judge.
        assert!(r.authorize.contains("client_id=Enter_Your_Appid"));
        // Secrets were not asked for.
        assert!(r.authorize.ends_with("state=s"));
    }

    #[test]
    fn nothing_changes_when_nothing_is_asked() {
        let c = case(&authorize_url("state=abc123"), "x@y.com");
        let opts = ShareOptions {
            redact_secrets: false,
            hide_ids: false,
        };
        assert_eq!(redact(&c, &opts), (c.clone(), Vec::new()));
        assert_eq!(share_fragment(&c, &opts).0, encode(&c));
    }

    #[test]
    fn encoded_pairs_inside_another_url_are_redacted() {
        let c = case(
            "https://login.microsoftonline.com/common/login?ru=%2Fcommon%2Foauth2%2Fauthorize%3Fclient_id%3Dx%26state%3Dnestedstate1%26nonce%3Dnestednonce2&x=1",
            "",
        );
        let (r, _) = redact(&c, &ShareOptions::default());
        assert!(!r.authorize.contains("nestedstate1"), "{}", r.authorize);
        assert!(!r.authorize.contains("nestednonce2"), "{}", r.authorize);
        assert!(r.authorize.contains("%26nonce%3Dredacted-"));
        assert!(r.authorize.ends_with("&x=1"));
        // Twice encoded: an authorize URL in a proxy's `rd=` in a log line.
        let c = case(
            "GET /oauth2/start?rd=https%253A%252F%252Flogin.microsoftonline.com%252Fcommon%252Foauth2%252Fv2.0%252Fauthorize%253Fclient_id%253Dx%2526state%253Ddeepstate77%2526login_hint%253Dalice%252540contoso.com%2526code_challenge%253DE9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM HTTP/1.1",
            "",
        );
        let (r, list) = redact(&c, &ShareOptions::default());
        for gone in ["deepstate77", "alice", "E9Melhoa2Owv"] {
            assert!(!r.authorize.contains(gone), "{gone}: {}", r.authorize);
        }
        assert!(!list.is_empty());
    }

    #[test]
    fn a_reshared_case_keeps_markers_apart() {
        // Opening a shared case and sharing it again: the old markers are
        // values now, and a new marker must not equal one of them.
        let c = case(
            &authorize_url("state=other1"),
            "https://app.contoso.com/cb?code=redacted-2&state=redacted-1",
        );
        let (r, _) = redact(&c, &ShareOptions::default());
        let sent = params(&r.authorize, "state");
        let back = params(&r.callback, "state");
        assert_eq!(sent.len(), 1);
        assert_ne!(sent, back, "a mismatch must stay a mismatch");
        assert_ne!(params(&r.callback, "code"), sent);
    }

    #[test]
    fn every_bad_link_gets_its_error() {
        assert_eq!(decode(""), Err(ShareError::Empty));
        assert_eq!(decode("  # "), Err(ShareError::Empty));
        assert_eq!(decode("#v1."), Err(ShareError::Empty));
        assert_eq!(
            decode("v9.xxx"),
            Err(ShareError::UnknownVersion("v9".to_string()))
        );
        assert_eq!(
            decode("#hello"),
            Err(ShareError::UnknownVersion(String::new()))
        );
        assert_eq!(decode("v1.!!!"), Err(ShareError::BadBase64));
        let not_deflate = format!("v1.{}", URL_SAFE_NO_PAD.encode([0xffu8; 16]));
        assert_eq!(decode(&not_deflate), Err(ShareError::NotDeflate));
        let zeros = deflate_b64(&vec![0u8; MAX_DECODED + 1]);
        assert!(zeros.len() < 5000, "a small link that expands hugely");
        assert_eq!(decode(&zeros), Err(ShareError::TooLarge));
        assert!(matches!(
            decode(&deflate_b64(b"[1,2]")),
            Err(ShareError::WrongShape(_))
        ));
        assert!(matches!(
            decode(&deflate_b64(br#"{"authorize":5}"#)),
            Err(ShareError::WrongShape(w)) if w.contains("authorize")
        ));
        assert!(matches!(
            decode(&deflate_b64(b"{\"a\":")),
            Err(ShareError::WrongShape(_))
        ));
        assert!(matches!(
            decode(&deflate_b64(b"{\"authorize\":\"\xff\"}")),
            Err(ShareError::WrongShape(w)) if w.contains("not UTF-8 text (byte 14)")
        ));
        // A truncated link.
        let (_, c) = cases().swap_remove(0);
        let link = encode(&c);
        let cut = &link[..link.len() / 2];
        assert!(matches!(
            decode(cut),
            Err(ShareError::NotDeflate | ShareError::BadBase64)
        ));
        // Every error says something.
        for e in [
            ShareError::Empty,
            ShareError::UnknownVersion("v9".into()),
            ShareError::UnknownVersion(String::new()),
            ShareError::BadBase64,
            ShareError::NotDeflate,
            ShareError::TooLarge,
            ShareError::WrongShape("x".into()),
        ] {
            assert!(
                e.to_string().ends_with('.') && e.to_string().len() > 30,
                "{e}"
            );
        }
    }

    #[test]
    fn decode_is_lenient_about_form() {
        // Missing fields are empty.
        assert_eq!(
            decode(&deflate_b64(br#"{"callback":"x"}"#)),
            Ok(CaseInput {
                callback: "x".into(),
                ..CaseInput::default()
            })
        );
        // Standard base64 with padding, a whole link, whitespace and line breaks.
        let mut tried = 0;
        for (_, c) in cases() {
            let link = encode(&c);
            let bytes = URL_SAFE_NO_PAD.decode(&link[3..]).unwrap();
            let standard = STANDARD.encode(bytes);
            if !(standard.contains('+') || standard.contains('/')) || !standard.ends_with('=') {
                continue;
            }
            tried += 1;
            assert_eq!(decode(&format!("v1.{standard}")), Ok(c.clone()));
            let (a, b) = link.split_at(link.len() / 2);
            let pasted = format!("  https://example.org/doctor/#{a}\n{b} \n");
            assert_eq!(decode(&pasted), Ok(c.clone()));
        }
        assert!(tried > 0);
    }

    #[test]
    fn empty_fields_are_left_out_of_the_link() {
        let c = case("a", "");
        let bytes = URL_SAFE_NO_PAD.decode(&encode(&c)[3..]).unwrap();
        let json = miniz_oxide::inflate::decompress_to_vec(&bytes).unwrap();
        let sum = checksum(["a", "", "", "", ""]);
        assert_eq!(
            json,
            format!(r#"{{"sum":"{sum}","authorize":"a"}}"#).into_bytes()
        );
    }

    fn arb_case() -> impl Strategy<Value = CaseInput> {
        (".*", ".*", ".*", ".*", ".*").prop_map(|(a, r, c, au, e)| CaseInput {
            authorize: a,
            registered: r,
            callback: c,
            audience: au,
            evidence: e,
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn decode_never_panics_on_any_text(s in ".*") {
            let _ = decode(&s);
        }

        #[test]
        fn decode_never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = decode(&format!("v1.{}", URL_SAFE_NO_PAD.encode(&bytes)));
            let _ = decode(&deflate_b64(&bytes));
        }

        #[test]
        fn any_case_round_trips(c in arb_case()) {
            prop_assert_eq!(decode(&encode(&c)), Ok(c));
        }

        #[test]
        fn redaction_never_panics_and_still_encodes(c in arb_case(), hide in any::<bool>()) {
            let opts = ShareOptions { redact_secrets: true, hide_ids: hide };
            let (frag, _) = share_fragment(&c, &opts);
            prop_assert!(decode(&frag).is_ok());
        }

        #[test]
        fn redaction_never_leaks(
            state in "[A-Za-z0-9]{6,24}",
            nonce in "[A-Za-z0-9]{6,24}",
            challenge in "[A-Za-z0-9]{6,24}",
            hide in any::<bool>(),
        ) {
            let c = CaseInput {
                authorize: authorize_url(&format!("state={state}&code_challenge={challenge}")),
                callback: format!("https://app.contoso.com/cb?code=xyz&state={state}"),
                evidence: format!("{{\"nonce\": \"{nonce}\", \"x\": [\"state={state}\"]}}"),
                audience: format!("log: \"nonce\": \"{nonce}\" code_challenge={challenge}"),
                ..CaseInput::default()
            };
            let skeleton = all_text(&case(&authorize_url("state=&code_challenge="), "https://app.contoso.com/cb?code=xyz&state="));
            for v in [&state, &nonce, &challenge] {
                prop_assume!(!skeleton.contains(v.as_str()));
                prop_assume!(!"{\"nonce\": \"\", \"x\": [\"state=\"]}log: \"nonce\": \"\" code_challenge=".contains(v.as_str()));
            }
            let opts = ShareOptions { redact_secrets: true, hide_ids: hide };
            let (frag, list) = share_fragment(&c, &opts);
            let opened = decode(&frag).expect("opens");
            // Markers are our own text; blank them before looking for leaks.
            let mut text = all_text(&opened);
            for r in &list {
                text = text.replace(&r.marker, "\u{1}");
            }
            for v in [&state, &nonce, &challenge] {
                prop_assert!(!text.contains(v.as_str()), "{} leaked in {}", v, text);
            }
            // Stable: the state has one marker in both fields.
            prop_assert_eq!(params(&opened.authorize, "state"), params(&opened.callback, "state"));
        }
    }

    /// A link that leaves a HAR out carries its authorize request and landing in the empty
    /// boxes, so the redirect URI's diagnosis survives; boxes the user filled stay as they are.
    #[test]
    fn a_case_without_its_evidence_keeps_what_the_evidence_stood_in_for() {
        let har = serde_json::json!({"log": {"version": "1.2", "entries": [
            {"request": {"method": "GET",
                "url": "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb%2F&state=s1"},
             "response": {"status": 200, "headers": [], "content": {"mimeType": "text/html", "text": "<html>AADSTS50011</html>"}}},
        ]}})
        .to_string();
        let case = CaseInput {
            registered: "https://app.contoso.com/cb".into(),
            evidence: har,
            ..CaseInput::default()
        };
        let (lighter, carried) = without_evidence(&case);
        assert!(carried);
        assert!(lighter.evidence.is_empty());
        assert!(lighter
            .authorize
            .contains("redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb%2F"));
        let a = crate::core::analyze(&lighter);
        assert_eq!(
            a.report.primary().map(|f| f.code.as_str()),
            Some("redirect.trailing_slash_mismatch")
        );
        // A filled authorize box is not replaced.
        let own = CaseInput {
            authorize: "client_id=x&redirect_uri=https%3A%2F%2Fother%2Fcb".into(),
            ..case
        };
        let (lighter, _) = without_evidence(&own);
        assert_eq!(lighter.authorize, own.authorize);
    }

    /// A federation server's error page (AD FS answers 200) keeps its MSIS code in a share
    /// link, so the shared case says the same failure; the user's details on it do not.
    #[test]
    fn a_federation_error_page_keeps_its_code_in_a_link() {
        let har = serde_json::json!({"log": {"version": "1.2", "entries": [
            {"request": {"method": "GET",
                "url": "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fsignin-oidc&state=s1"},
             "response": {"status": 302, "headers": [{"name": "Location", "value": "https://sts.contoso.com/adfs/ls/?SAMLRequest=fZJBT8Mw"}], "redirectURL": "https://sts.contoso.com/adfs/ls/?SAMLRequest=fZJBT8Mw", "content": {"mimeType": "text/html", "text": ""}}},
            {"request": {"method": "GET", "url": "https://sts.contoso.com/adfs/ls/?SAMLRequest=fZJBT8Mw"},
             "response": {"status": 200, "headers": [], "content": {"mimeType": "text/html",
                "text": "<html><body><h1>An error occurred</h1><p>Contact your administrator. jane.doe@contoso.com</p><p>MSIS7012: An error occurred while processing the request.</p></body></html>"}}},
        ]}})
        .to_string();
        let case = CaseInput {
            registered: "https://app.contoso.com/signin-oidc".into(),
            evidence: har,
            ..CaseInput::default()
        };
        let severity = |c: &CaseInput| {
            crate::core::analyze(c)
                .report
                .findings
                .iter()
                .find(|f| f.code == "har.entra_error_page")
                .map(|f| f.severity)
        };
        assert_eq!(severity(&case), Some(crate::core::Severity::Error));
        let (shared, _) = redact(&case, &ShareOptions::default());
        assert!(!shared.evidence.contains("jane.doe"), "{}", shared.evidence);
        assert!(shared.evidence.contains("MSIS7012"));
        assert_eq!(severity(&shared), Some(crate::core::Severity::Error));
    }
}
