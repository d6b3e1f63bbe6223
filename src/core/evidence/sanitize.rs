//! A redacted copy of a HAR, made by walking the parsed JSON (never by
//! regular expressions over the text): secret query and form values,
//! cookies and credential headers, secrets in response bodies (`/token` JSON,
//! form_post inputs, JSON fields in pages), JWTs anywhere and e-mail
//! addresses. Returns what was removed (names and places, never values).
//!
//! Key order is kept, so the copy reads like the original.

use std::collections::HashMap;
use std::fmt;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

use super::har::{decode_base64_body, decode_base64_text, find_ci, tag_attributes};
use crate::core::MAX_EVIDENCE;

/// What replaces a secret value.
pub const REDACTED: &str = "REDACTED";
/// What replaces a JWT.
pub const REDACTED_JWT: &str = "REDACTED-JWT";
/// What replaces an e-mail address.
pub const REDACTED_EMAIL: &str = "redacted@example.invalid";

/// How the `comment` of a response body the sanitiser removed starts (the analysis of the copy
/// reads it), and why it was removed.
pub(crate) const REMOVED_BODY: &str = "Body removed by the sanitiser:";
const REMOVED_COMPRESSED: &str = "it was still compressed as the server sent it (Brotli or another encoding not read here), so it could not be checked for secrets.";
const REMOVED_ASKED: &str = "every response body was left out, as asked.";

/// Parameter, field and input names whose values are secrets (compared
/// without regard to ASCII case).
pub const SECRET_NAMES: &[&str] = &[
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
    "assertion",
    "login_hint",
    "session_state",
    "client_info",
    "sid",
    "password",
    "passwd",
    "pwd",
    "username",
    "login",
    "loginfmt",
    "flowtoken",
    "ppft",
    "sft",
    "canary",
    "apicanary",
    "ctx",
    "sctx",
    "otc",
    "token",
    "samlresponse",
    "wresult",
    "x-client-data",
    "id_token_hint",
    "device_code",
    "user_code",
    "secrettext",
    // Entra's request context (in a federated sign-in's wctx, GetCredentialType's
    // originalRequest), and the flow token of the Microsoft account page
    // (`"sFTTag":"<input … name=\"PPFT\" value=\"…\"/>"`).
    "estsrequest",
    "sfttag",
    "originalrequest",
    // The Microsoft account page's random session value (`psRNGCSLK` in its ServerData).
    "psrngcslk",
    // A federated identity provider's sign-in transaction and one-time codes.
    "statehandle",
    "passcode",
];

/// A value as the app sent it, not one a sanitiser put in its place for every value alike
/// (`REDACTED`, `[Token Redacted]`, `[hidden]`, `***`): only such a value tells one code or state
/// from another. A marker numbered per value (`REDACTED-3`, as the sanitiser here writes) still
/// does.
pub(crate) fn known_value(v: &str) -> bool {
    let word: String = v
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    // `[Token Redacted]` cut at its space, as in a URL.
    !v.starts_with('[')
        && !matches!(
            word.as_str(),
            "" | "redacted"
                | "tokenredacted"
                | "removed"
                | "hidden"
                | "masked"
                | "omitted"
                | "sanitized"
                | "sanitised"
        )
}

/// A value not to replace: already a marker, or a sanitiser's placeholder (replacing that
/// would make the placeholders of two values differ, as two values do).
fn left_as_is(v: &str) -> bool {
    v.starts_with(REDACTED) || !known_value(&crate::core::uri::form_decode(v).0)
}

/// A name whose value is a secret: one of [`SECRET_NAMES`], or a name ending in `token`,
/// `secret`, `password` or `passcode` (compared without case or separators: `stateToken`,
/// `sessionToken`, `csrf_token`, `adminPassword`), as identity providers and apps name their
/// one-time and session values.
pub(crate) fn is_secret_name(name: &str) -> bool {
    SECRET_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name)) || secret_suffix(name)
}

/// A name longer than its ending `token`, `secret`, `password` or `passcode` (see
/// [`is_secret_name`]); a bare `token` or `secret` is judged by where it stands.
pub(crate) fn secret_suffix(name: &str) -> bool {
    if name.len() > 40 {
        return false;
    }
    let key = crate::core::registered::label_key(name);
    ["token", "secret", "password", "passcode"]
        .iter()
        .any(|end| key.len() > end.len() && key.ends_with(end))
}

/// Headers whose whole value is a credential.
const SECRET_HEADERS: &[&str] = &[
    "cookie",
    "set-cookie",
    "authorization",
    "proxy-authorization",
    "x-ms-refreshtokencredential",
    "x-ms-devicecredential",
];

/// Options for [`har`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Replace e-mail addresses anywhere.
    pub emails: bool,
    /// Drop every response body entirely.
    pub drop_bodies: bool,
    /// More names to treat as secrets.
    pub extra_names: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            emails: true,
            drop_bodies: false,
            extra_names: Vec::new(),
        }
    }
}

/// Where a removed value was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Where {
    /// A URL (request URL, redirect URL, a URL in a header).
    Url,
    /// The `queryString` list.
    Query,
    /// A header.
    Header,
    /// A cookie.
    Cookie,
    /// A request body.
    RequestBody,
    /// A response body.
    ResponseBody,
    /// Anywhere else in the HAR (page titles, initiators, …).
    Other,
}

impl Where {
    /// In words.
    pub fn as_str(self) -> &'static str {
        match self {
            Where::Url => "URL",
            Where::Query => "query string",
            Where::Header => "header",
            Where::Cookie => "cookie",
            Where::RequestBody => "request body",
            Where::ResponseBody => "response body",
            Where::Other => "other field",
        }
    }
}

/// One kind of value that was removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    /// The parameter, header, cookie or field name, or `JWT`, `e-mail address`.
    pub name: String,
    /// Where.
    pub place: Where,
    /// How many values.
    pub count: usize,
    /// The first few entries (0-based) it was removed from.
    pub entries: Vec<usize>,
}

// ---------------------------------------------------------------------------
// An order-keeping JSON tree
// ---------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
enum J {
    Null,
    Bool(bool),
    Num(serde_json::Number),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl<'de> Deserialize<'de> for J {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<J, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = J;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<J, E> {
                Ok(J::Null)
            }
            fn visit_none<E>(self) -> Result<J, E> {
                Ok(J::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<J, E> {
                Ok(J::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<J, E> {
                Ok(J::Num(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<J, E> {
                Ok(J::Num(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<J, E> {
                Ok(serde_json::Number::from_f64(v).map_or(J::Null, J::Num))
            }
            fn visit_str<E>(self, v: &str) -> Result<J, E> {
                Ok(J::Str(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<J, E> {
                Ok(J::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = seq.next_element()? {
                    v.push(x);
                }
                Ok(J::Arr(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = map.next_entry::<String, J>()? {
                    v.push((k, x));
                }
                Ok(J::Obj(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for J {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            J::Null => s.serialize_unit(),
            J::Bool(b) => s.serialize_bool(*b),
            J::Num(n) => n.serialize(s),
            J::Str(t) => s.serialize_str(t),
            J::Arr(a) => {
                let mut seq = s.serialize_seq(Some(a.len()))?;
                for x in a {
                    seq.serialize_element(x)?;
                }
                seq.end()
            }
            J::Obj(o) => {
                let mut m = s.serialize_map(Some(o.len()))?;
                for (k, v) in o {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
    }
}

fn get_str<'a>(fields: &'a [(String, J)], key: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| match v {
            J::Str(s) => Some(s.as_str()),
            _ => None,
        })
}

// ---------------------------------------------------------------------------
// Text scanners
// ---------------------------------------------------------------------------

/// A planned replacement in a string.
struct Edit {
    start: usize,
    end: usize,
    with: String,
    name: String,
}

fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')
}

fn is_b64url(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-')
}

struct Names {
    extra: Vec<String>,
}

impl Names {
    fn secret(&self, name: &str) -> bool {
        is_secret_name(name) || self.extra.iter().any(|n| n.eq_ignore_ascii_case(name))
    }
}

fn ends_with_ci(b: &[u8], at: usize, pat: &[u8]) -> bool {
    at >= pat.len()
        && b.get(at - pat.len()..at)
            .is_some_and(|w| w.eq_ignore_ascii_case(pat))
}

/// `name=value` pairs in URLs, query strings and form bodies (also inside
/// an encoded URL: `%3Fcode%3D…`).
fn scan_params(s: &str, names: &Names, with: &'static str, out: &mut Vec<Edit>) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // `=`, `%3D` (an encoded URL) or `%253D` (encoded twice: a URL in a URL in a log).
        let (eq_len, encoded) = if b.get(i) == Some(&b'=') {
            (1, false)
        } else if b.get(i) == Some(&b'%')
            && b.get(i + 1) == Some(&b'3')
            && matches!(b.get(i + 2), Some(b'D' | b'd'))
        {
            (3, true)
        } else if b
            .get(i..i + 5)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"%253D"))
        {
            (5, true)
        } else {
            i += 1;
            continue;
        };
        let twice = eq_len == 5;
        let mut ns = i;
        while ns > 0 && b.get(ns - 1).copied().is_some_and(is_name_byte) {
            ns -= 1;
        }
        // In an encoded URL the name follows an escape such as %3F or %26.
        if ns > 0
            && b.get(ns - 1) == Some(&b'%')
            && i > ns + 2
            && b.get(ns..ns + 2)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
        {
            ns += 2;
            // `%2526name`: the escape's own `%25` and then `26`.
            if twice
                && b.get(ns - 2..ns)
                    .is_some_and(|h| h.eq_ignore_ascii_case(b"25"))
                && i > ns + 2
                && b.get(ns..ns + 2)
                    .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
            {
                ns += 2;
            }
        }
        let name = s.get(ns..i).unwrap_or("");
        // A value that is itself an encoded pair (`wctx=estsrequest%3d…`, Entra's request
        // context in a federated sign-in) names its secret like a parameter does.
        let in_value = ns > 0 && b.get(ns - 1) == Some(&b'=');
        let delimited = if twice {
            ends_with_ci(b, ns, b"%253F")
                || ends_with_ci(b, ns, b"%2526")
                || ends_with_ci(b, ns, b"%2523")
                || ends_with_ci(b, ns, b"%3D")
        } else if encoded {
            ends_with_ci(b, ns, b"%3F")
                || ends_with_ci(b, ns, b"%26")
                || ends_with_ci(b, ns, b"%23")
                || in_value
        } else {
            ns == 0
                || matches!(
                    b.get(ns - 1),
                    Some(b'?' | b'&' | b'#' | b';' | b' ' | b'\n' | b'"' | b'\'')
                )
                || ends_with_ci(b, ns, b"%3F")
                || ends_with_ci(b, ns, b"%26")
                || ends_with_ci(b, ns, b"%23")
        };
        let vs = i + eq_len;
        let mut ve = vs;
        // A sanitiser's placeholder in brackets (`[Token Redacted]`) is one value, its space too.
        if b.get(vs) == Some(&b'[') {
            let close = b
                .get(vs..)
                .unwrap_or_default()
                .iter()
                .take(48)
                .position(|&c| matches!(c, b']' | b'&' | b'#' | b'"' | b'<' | b'\r' | b'\n'));
            if let Some(n) = close.filter(|&n| b.get(vs + n) == Some(&b']')) {
                ve = vs + n + 1;
            }
        }
        while let Some(&c) = b.get(ve) {
            if matches!(
                c,
                b'&' | b'#' | b'"' | b'\'' | b'<' | b'>' | b' ' | b'\t' | b'\r' | b'\n' | b'\\'
            ) {
                break;
            }
            // Inside an encoded URL the value ends at an encoded & or # (or one encoded twice).
            if c == b'%'
                && encoded
                && (b.get(ve..ve + 3).is_some_and(|w| {
                    w.eq_ignore_ascii_case(b"%26") || w.eq_ignore_ascii_case(b"%23")
                }) || b.get(ve..ve + 5).is_some_and(|w| {
                    w.eq_ignore_ascii_case(b"%2526") || w.eq_ignore_ascii_case(b"%2523")
                }))
            {
                break;
            }
            ve += 1;
        }
        if delimited && !name.is_empty() && names.secret(name) {
            let v = s.get(vs..ve).unwrap_or("");
            if !v.is_empty() && v != with && !v.starts_with(REDACTED) {
                out.push(Edit {
                    start: vs,
                    end: ve,
                    with: with.to_string(),
                    name: name.to_string(),
                });
            }
            i = ve.max(i + 1);
        } else {
            // Not a secret: its value may hold an encoded URL with secrets.
            i += eq_len;
        }
    }
}

/// `name: "value"` in scripts and JSON-like text: the name in double or single quotes, in
/// escaped quotes (`\"sFT\":\"…\"`, JSON inside a script's string) or bare (an object literal
/// of a script, `sFT:'…'`), the value in the same kinds of quotes. Each secret value's byte
/// range and name; each `:` is looked at once, and the scan goes on after a value it took.
pub(crate) fn script_values(s: &str, secret: impl Fn(&str) -> bool) -> Vec<(usize, usize, String)> {
    let b = s.as_bytes();
    let at = |k: usize| b.get(k).copied();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b':')) {
        let colon = i + p;
        i = colon + 1;
        // Back over blanks, the name's closing quote (escaped or not) and the name.
        let mut ne = colon;
        while ne > 0 && at(ne - 1).is_some_and(|c| c.is_ascii_whitespace()) {
            ne -= 1;
        }
        let quote = match ne.checked_sub(1).and_then(at) {
            Some(q @ (b'"' | b'\'')) => Some(q),
            _ => None,
        };
        if quote.is_some() {
            ne -= 1;
        }
        let escaped = quote.is_some() && ne > 0 && at(ne - 1) == Some(b'\\');
        if escaped {
            ne -= 1;
        }
        let mut ns = ne;
        while ns > 0 && ne - ns <= 64 && at(ns - 1).is_some_and(is_name_byte) {
            ns -= 1;
        }
        if ns == ne || ns.checked_sub(1).and_then(at).is_some_and(is_name_byte) {
            continue;
        }
        let before = ns.checked_sub(1).and_then(at);
        let opened = match quote {
            Some(q) if escaped => {
                before == Some(q) && ns.checked_sub(2).and_then(at) == Some(b'\\')
            }
            Some(q) => before == Some(q) && ns.checked_sub(2).and_then(at) != Some(b'\\'),
            None => before.is_none_or(|c| c.is_ascii_whitespace() || b"{,;(".contains(&c)),
        };
        let name = s.get(ns..ne).unwrap_or("");
        if !opened || !secret(name) {
            continue;
        }
        // The value's opening quote, escaped or not.
        let mut k = colon + 1;
        while at(k).is_some_and(|c| c.is_ascii_whitespace()) {
            k += 1;
        }
        let value_escaped = at(k) == Some(b'\\');
        if value_escaped {
            k += 1;
        }
        let Some(q @ (b'"' | b'\'')) = at(k) else {
            continue;
        };
        let vs = k + 1;
        let mut ve = vs;
        while let Some(c) = at(ve) {
            if value_escaped {
                // Ends at the escaped quote (`\"`); a backslash escaped itself (`\\`) is skipped.
                if c == b'\\' && at(ve + 1) == Some(q) {
                    break;
                }
                ve += if c == b'\\' { 2 } else { 1 };
                continue;
            }
            match c {
                b'\\' => ve += 2,
                b'\n' => break,
                _ if c == q => break,
                _ => ve += 1,
            }
        }
        let ve = ve.min(b.len());
        let v = s.get(vs..ve).unwrap_or("");
        if !v.is_empty() && !v.starts_with(REDACTED) {
            out.push((vs, ve, name.to_string()));
        }
        i = ve.max(i);
    }
    out
}

/// [`script_values`] as edits.
fn scan_props(s: &str, names: &Names, out: &mut Vec<Edit>) {
    for (start, end, name) in script_values(s, |n| names.secret(n)) {
        out.push(Edit {
            start,
            end,
            with: REDACTED.to_string(),
            name,
        });
    }
}

/// `<input name="code" value="…">` in HTML.
fn scan_inputs(s: &str, names: &Names, out: &mut Vec<Edit>) {
    let mut at = 0;
    while let Some(p) = find_ci(s, at, "<input") {
        let (attrs, next) = tag_attributes(s, p + 1);
        let name = attrs
            .iter()
            .find(|(n, _, _)| n == "name")
            .map(|(_, v, _)| v.clone());
        if let Some(name) = name.filter(|n| names.secret(n)) {
            if let Some((_, v, r)) = attrs.iter().find(|(n, _, _)| n == "value") {
                if !v.is_empty() && !v.starts_with(REDACTED) {
                    out.push(Edit {
                        start: r.start,
                        end: r.end,
                        with: REDACTED.to_string(),
                        name,
                    });
                }
            }
        }
        at = next.max(p + 1);
    }
}

/// The parts of a `multipart/form-data` body (or a raw request holding one): each part's
/// field name and the byte range of its value, from after the blank line that ends the
/// part's headers to the line break before the next boundary (`--…`).
pub(crate) fn multipart_values(s: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(p) = find_ci(s, at, "form-data;") {
        at = p + 1;
        let line_end = s[p..].find('\n').map_or(s.len(), |e| p + e);
        let line = &s[p..line_end];
        let Some(n) = find_ci(line, 0, "name=\"") else {
            continue;
        };
        let name = line[n + 6..].split('"').next().unwrap_or_default();
        let rest = &s[line_end..];
        let Some(blank) = rest
            .find("\n\r\n")
            .map(|b| b + 3)
            .or_else(|| rest.find("\n\n").map(|b| b + 2))
        else {
            continue;
        };
        let start = line_end + blank;
        let end = s[start..].find("\n--").map_or(s.len(), |e| start + e);
        let end = if s[..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        if end > start {
            out.push((name.to_string(), start, end));
        }
    }
    out
}

/// JWTs (and JWEs): `eyJ…` base64url segments joined by dots.
fn scan_jwts(s: &str, out: &mut Vec<Edit>) {
    let b = s.as_bytes();
    let mut at = 0;
    while let Some(p) = s.get(at..).and_then(|r| r.find("eyJ")) {
        let st = at + p;
        at = st + 3;
        if st > 0 && b.get(st - 1).copied().is_some_and(is_b64url) {
            continue;
        }
        let mut i = st;
        let mut segments = 0;
        loop {
            while b.get(i).copied().is_some_and(is_b64url) {
                i += 1;
            }
            segments += 1;
            if b.get(i) == Some(&b'.') && segments < 5 {
                i += 1;
            } else {
                break;
            }
        }
        // header.payload.signature (the signature may be empty), or a JWE.
        let end = i;
        if segments >= 3 && end - st >= 30 {
            out.push(Edit {
                start: st,
                end,
                with: REDACTED_JWT.to_string(),
                name: "JWT".into(),
            });
            at = end;
        }
    }
}

/// E-mail addresses.
fn scan_emails(s: &str, out: &mut Vec<Edit>) {
    let b = s.as_bytes();
    let local = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
    let dom = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-');
    let mut at = 0;
    while let Some(p) = b.get(at..).and_then(|r| r.iter().position(|&c| c == b'@')) {
        let m = at + p;
        at = m + 1;
        let mut ls = m;
        while ls > 0 && b.get(ls - 1).copied().is_some_and(local) {
            ls -= 1;
        }
        let mut de = m + 1;
        while b.get(de).copied().is_some_and(dom) {
            de += 1;
        }
        while de > m + 1 && b.get(de - 1) == Some(&b'.') {
            de -= 1;
        }
        let domain = s.get(m + 1..de).unwrap_or("");
        let tld = domain.rsplit('.').next().unwrap_or("");
        if ls < m
            && domain.contains('.')
            && (2..=24).contains(&tld.len())
            && tld.bytes().all(|c| c.is_ascii_alphabetic())
            && s.get(ls..m) != Some(REDACTED_EMAIL.split('@').next().unwrap_or(""))
        {
            out.push(Edit {
                start: ls,
                end: de,
                with: REDACTED_EMAIL.to_string(),
                name: "e-mail address".into(),
            });
            at = de;
        }
    }
}

/// Applies non-overlapping edits (the first, then the longest, wins).
fn apply(s: &str, mut edits: Vec<Edit>) -> (String, Vec<Edit>) {
    // By start, then the longest first.
    crate::core::order::by_key(&mut edits, |e| {
        crate::core::order::pair(e.start, (u32::MAX as usize).saturating_sub(e.end))
    });
    let mut out = String::with_capacity(s.len());
    let mut kept = Vec::new();
    let mut pos = 0;
    for e in edits {
        if e.start < pos || e.end > s.len() || e.start > e.end {
            continue;
        }
        out.push_str(s.get(pos..e.start).unwrap_or(""));
        out.push_str(&e.with);
        pos = e.end;
        kept.push(e);
    }
    out.push_str(s.get(pos..).unwrap_or(""));
    (out, kept)
}

/// A URL with the values of secret parameters replaced by `…`, for texts; a sanitiser's
/// placeholder (`[Token Redacted]`) is shown as it is, whole.
pub fn elide_url(url: &str) -> String {
    let names = Names { extra: Vec::new() };
    let mut edits = Vec::new();
    scan_params(url, &names, "…", &mut edits);
    edits.retain(|e| {
        known_value(&crate::core::uri::form_decode(url.get(e.start..e.end).unwrap_or("")).0)
    });
    apply(url, edits).0
}

// ---------------------------------------------------------------------------
// The walker
// ---------------------------------------------------------------------------

struct Walker {
    names: Names,
    emails: bool,
    drop_bodies: bool,
    entry: Option<usize>,
    removed: Vec<Removed>,
    index: HashMap<(String, Where), usize>,
    /// The marker of each (parameter, decoded value) replaced so far: one value keeps one
    /// marker everywhere, and two values two, so the copy is analysed as the original is (a
    /// state that came back changed still differs, a code is still the one redeemed).
    markers: HashMap<(String, String), String>,
}

impl Walker {
    /// The marker for the secret `value` of parameter `name`: `REDACTED-N`, numbered per
    /// value; a well-formed PKCE value gets a well-formed marker of its own length, and an
    /// ASP.NET Core state keeps its `CfDJ8` prefix (it names the kind of app).
    fn marker(&mut self, name: &str, value: &str) -> String {
        let decoded = crate::core::uri::form_decode(value).0;
        let name = name.to_ascii_lowercase();
        let key = (name.clone(), decoded.clone());
        if let Some(m) = self.markers.get(&key) {
            return m.clone();
        }
        // A failed SAML response keeps its status (Entra's error), not the assertion.
        if name == "samlresponse" {
            let failed = [value, decoded.as_str()]
                .into_iter()
                .find_map(crate::core::saml::response_status)
                .filter(|st| !st.success);
            if let Some(st) = failed {
                let m = crate::core::saml::status_only(&st);
                let m = if value.contains('%') {
                    m.replace('+', "%2B")
                        .replace('/', "%2F")
                        .replace('=', "%3D")
                } else {
                    m
                };
                self.markers.insert(key, m.clone());
                return m;
            }
        }
        let n = self.markers.len() + 1;
        let pkce = matches!(name.as_str(), "code_challenge" | "code_verifier")
            && (43..=128).contains(&decoded.len())
            && decoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
        let m = if pkce {
            format!("{REDACTED}{n:0>w$}", w = decoded.len() - REDACTED.len())
        } else if name == "state" && decoded.starts_with("CfDJ8") {
            format!("CfDJ8{REDACTED}-{n}")
        } else {
            format!("{REDACTED}-{n}")
        };
        self.markers.insert(key, m.clone());
        m
    }

    fn note(&mut self, name: &str, place: Where) {
        let key = (name.to_string(), place);
        let i = match self.index.get(&key) {
            Some(&i) => i,
            None => {
                self.removed.push(Removed {
                    name: name.to_string(),
                    place,
                    count: 0,
                    entries: Vec::new(),
                });
                let i = self.removed.len() - 1;
                self.index.insert(key, i);
                i
            }
        };
        if let Some(r) = self.removed.get_mut(i) {
            r.count += 1;
            if let Some(e) = self.entry {
                if r.entries.len() < 5 && !r.entries.contains(&e) {
                    r.entries.push(e);
                }
            }
        }
    }

    /// Every scanner over free text.
    fn text(&mut self, s: &mut String, place: Where) {
        let mut edits = Vec::new();
        scan_params(s, &self.names, REDACTED, &mut edits);
        scan_props(s, &self.names, &mut edits);
        if s.contains('<') {
            scan_inputs(s, &self.names, &mut edits);
        }
        if find_ci(s, 0, "form-data;").is_some() {
            for (name, start, end) in multipart_values(s) {
                if self.names.secret(&name) {
                    edits.push(Edit {
                        start,
                        end,
                        with: REDACTED.to_string(),
                        name,
                    });
                }
            }
        }
        scan_jwts(s, &mut edits);
        if self.emails {
            scan_emails(s, &mut edits);
        }
        if edits.is_empty() {
            return;
        }
        edits.retain(|e| e.with != REDACTED || !left_as_is(s.get(e.start..e.end).unwrap_or("")));
        for e in edits.iter_mut().filter(|e| e.with == REDACTED) {
            let value = s.get(e.start..e.end).unwrap_or("").to_string();
            e.with = self.marker(&e.name, &value);
        }
        let (new, kept) = apply(s, edits);
        for e in &kept {
            self.note(&e.name, place);
        }
        *s = new;
    }

    /// A value that is secret as a whole when it holds a JWT or an e-mail.
    fn value_leaks(&self, v: &str) -> bool {
        let mut e = Vec::new();
        scan_jwts(v, &mut e);
        if self.emails {
            scan_emails(v, &mut e);
            if v.contains("%40") {
                let d = crate::core::uri::form_decode(v).0;
                scan_emails(&d, &mut e);
            }
        }
        !e.is_empty()
    }

    fn walk(&mut self, j: &mut J, key: &str, place: Where) {
        match j {
            J::Arr(items) => {
                for (i, it) in items.iter_mut().enumerate() {
                    if key == "entries" {
                        self.entry = Some(i);
                    }
                    match key {
                        "headers" | "cookies" | "queryString" | "params" => {
                            self.pair(it, pair_place(key))
                        }
                        _ => self.walk(it, key, place),
                    }
                }
                if key == "entries" {
                    self.entry = None;
                }
            }
            J::Obj(fields) => match key {
                "postData" => self.post_data(fields),
                "content" => self.content(fields),
                // Written by some tools as one object of `"Name": "value"` instead of a list
                // of {name, value}.
                "headers" | "cookies" | "queryString" | "params" => {
                    let place = pair_place(key);
                    for (k, v) in fields.iter_mut() {
                        self.pair_value(k, v, place);
                    }
                }
                _ => {
                    // Secret values taken here, to take out of the other fields too (a device
                    // code answer repeats its user_code in its `message`).
                    let mut taken: Vec<(String, String, String)> = Vec::new();
                    for (k, v) in fields.iter_mut() {
                        let place = match k.as_str() {
                            "url" | "redirectURL" => Where::Url,
                            _ => place,
                        };
                        if self.names.secret(k) {
                            if let J::Str(s) = v {
                                if !left_as_is(s) {
                                    let m = self.marker(k, s);
                                    if s.trim().len() >= 6 && taken.len() < 8 {
                                        taken.push((k.clone(), s.trim().to_string(), m.clone()));
                                    }
                                    *s = m;
                                    self.note(k, place);
                                }
                                continue;
                            }
                        }
                        self.walk(v, k, place);
                    }
                    if !taken.is_empty() {
                        for (_, v) in fields.iter_mut() {
                            if let J::Str(s) = v {
                                for (name, value, m) in &taken {
                                    if let Some(new) = replace_words(s, value, m) {
                                        *s = new;
                                        self.note(name, place);
                                    }
                                }
                            }
                        }
                    }
                }
            },
            J::Str(s) => self.text(s, place),
            _ => {}
        }
    }

    /// A `{name, value}` item of headers, cookies, queryString or params.
    fn pair(&mut self, it: &mut J, place: Where) {
        let fields = match it {
            J::Obj(fields) => fields,
            other => {
                self.walk(other, "", place);
                return;
            }
        };
        let name = get_str(fields, "name").unwrap_or("").to_string();
        for (k, v) in fields.iter_mut() {
            if k == "value" {
                self.pair_value(&name, v, place);
            } else if k != "name" {
                self.walk(v, k, place);
            }
        }
    }

    /// The value of the header, cookie or parameter `name` (several values: each).
    fn pair_value(&mut self, name: &str, v: &mut J, place: Where) {
        let s = match v {
            J::Str(s) => s,
            J::Arr(items) => {
                for it in items {
                    self.pair_value(name, it, place);
                }
                return;
            }
            other => {
                self.walk(other, name, place);
                return;
            }
        };
        if left_as_is(s) {
            return;
        }
        let whole = match place {
            Where::Cookie => true,
            Where::Header => {
                SECRET_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name))
                    || name.to_ascii_lowercase().starts_with("x-ms-token-")
                    || crate::core::share::is_credential_header(name)
            }
            _ => self.names.secret(name),
        };
        if whole || (place != Where::Header && self.value_leaks(s)) {
            // A parameter's value keeps a marker of its own; a cookie or a
            // credential header is gone as a whole.
            *s = match place {
                Where::Query | Where::RequestBody => self.marker(name, s),
                _ => REDACTED.to_string(),
            };
            self.note(if name.is_empty() { "(unnamed)" } else { name }, place);
        } else {
            self.text(s, place);
        }
    }

    /// `request.postData`: form bodies field by field, JSON bodies as JSON.
    fn post_data(&mut self, fields: &mut [(String, J)]) {
        let mime = get_str(fields, "mimeType")
            .unwrap_or("")
            .to_ascii_lowercase();
        for (k, v) in fields.iter_mut() {
            match (k.as_str(), v) {
                ("text", J::Str(s)) => {
                    if mime.contains("x-www-form-urlencoded") {
                        *s = self.form(s);
                    } else {
                        self.body(s, &mime, Where::RequestBody);
                    }
                }
                ("params", v) => self.walk(v, "params", Where::RequestBody),
                (k, v) => {
                    let k = k.to_string();
                    self.walk(v, &k, Where::RequestBody);
                }
            }
        }
    }

    /// A form body: secret names, and values holding a JWT or an e-mail.
    fn form(&mut self, s: &str) -> String {
        let mut parts = Vec::new();
        for p in s.split('&') {
            let (n, v) = p.split_once('=').unwrap_or((p, ""));
            let name = crate::core::uri::form_decode(n).0;
            if !left_as_is(v) && (self.names.secret(&name) || self.value_leaks(v)) {
                self.note(&name, Where::RequestBody);
                let m = self.marker(&name, v);
                parts.push(format!("{n}={m}"));
            } else {
                let mut t = p.to_string();
                self.text(&mut t, Where::RequestBody);
                parts.push(t);
            }
        }
        parts.join("&")
    }

    /// A body: JSON walked as JSON, anything else through the text scanners.
    fn body(&mut self, s: &mut String, mime: &str, place: Where) {
        let t = s.trim_start();
        if mime.contains("json") || t.starts_with('{') || t.starts_with('[') {
            if let Ok(mut j) = serde_json::from_str::<J>(s) {
                self.walk(&mut j, "", place);
                if let Ok(out) = serde_json::to_string(&j) {
                    *s = out;
                    return;
                }
            }
        }
        if mime.contains("x-www-form-urlencoded") {
            *s = self.form(s);
            return;
        }
        self.text(s, place);
    }

    /// `response.content`.
    fn content(&mut self, fields: &mut Vec<(String, J)>) {
        let mut removed: Option<&str> = None;
        let mime = get_str(fields, "mimeType")
            .unwrap_or("")
            .to_ascii_lowercase();
        let base64 = get_str(fields, "encoding").is_some_and(|e| e.eq_ignore_ascii_case("base64"));
        for (k, v) in fields.iter_mut() {
            if k != "text" {
                continue;
            }
            let s = match v {
                J::Str(s) => s,
                // A body some tools write as the JSON itself (an object or a list), not its text.
                J::Arr(_) | J::Obj(_) if self.drop_bodies => {
                    *v = J::Str(String::new());
                    self.note("(body)", Where::ResponseBody);
                    removed = Some(REMOVED_ASKED);
                    continue;
                }
                J::Arr(_) | J::Obj(_) => {
                    self.walk(v, "", Where::ResponseBody);
                    continue;
                }
                _ => continue,
            };
            if s.is_empty() {
                continue;
            }
            if self.drop_bodies {
                s.clear();
                self.note("(body)", Where::ResponseBody);
                removed = Some(REMOVED_ASKED);
                continue;
            }
            if base64 {
                use base64::Engine;
                // Text as the browser decoded it, or still gzip or zlib compressed as a proxy
                // exported it: the copy holds it sanitised, uncompressed.
                if let Some(mut decoded) = decode_base64_text(s).or_else(|| decode_base64_body(s)) {
                    self.body(&mut decoded, &mime, Where::ResponseBody);
                    *s = base64::engine::general_purpose::STANDARD.encode(decoded.as_bytes());
                } else if ["text", "json", "xml", "script", "form"]
                    .iter()
                    .any(|k| mime.contains(k))
                {
                    // A text body compressed otherwise (Brotli) cannot be checked for secrets.
                    s.clear();
                    self.note("(compressed body)", Where::ResponseBody);
                    removed = Some(REMOVED_COMPRESSED);
                }
                continue;
            }
            self.body(s, &mime, Where::ResponseBody);
        }
        // The copy says why its body is empty (HAR's `comment`), and the analysis of the copy
        // reads it: a body removed here was recorded.
        if let Some(why) = removed {
            let note = J::Str(format!("{REMOVED_BODY} {why}"));
            match fields.iter_mut().find(|(k, _)| k == "comment") {
                Some((_, v)) => *v = note,
                None => fields.push(("comment".into(), note)),
            }
        }
    }
}

/// Where the items of a list of name/value pairs are.
fn pair_place(key: &str) -> Where {
    match key {
        "headers" => Where::Header,
        "cookies" => Where::Cookie,
        "queryString" => Where::Query,
        _ => Where::RequestBody,
    }
}

/// `s` with each occurrence of `value` that stands as a word of its own (no letter, digit,
/// `-` or `_` beside it) replaced by `with`; None when there is none.
pub(crate) fn replace_words(s: &str, value: &str, with: &str) -> Option<String> {
    if value.is_empty() {
        return None;
    }
    let b = s.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_');
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut from = 0;
    while let Some(p) = s.get(from..).and_then(|r| r.find(value)) {
        let start = from + p;
        let end = start + value.len();
        let alone = (start == 0 || b.get(start - 1).is_some_and(|&c| !word(c)))
            && b.get(end).is_none_or(|&c| !word(c));
        if alone {
            let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
            o.push_str(s.get(copied..start).unwrap_or(""));
            o.push_str(with);
            copied = end;
        }
        from = if alone {
            end
        } else {
            start + value.chars().next().map_or(1, char::len_utf8)
        };
    }
    let mut o = out?;
    o.push_str(s.get(copied..).unwrap_or(""));
    Some(o)
}

/// Writes a redacted copy of a HAR and lists what was removed.
pub fn har(text: &str, opts: &Options) -> Result<(String, Vec<Removed>), String> {
    if text.len() > MAX_EVIDENCE {
        return Err(format!(
            "The HAR has {} bytes; at most {} MB are read.",
            text.len(),
            MAX_EVIDENCE >> 20
        ));
    }
    let t = text.trim_start_matches('\u{FEFF}');
    let fixed = super::lone_surrogates_replaced(t);
    let t = fixed.as_deref().unwrap_or(t);
    // A file cut off is sanitised up to its last complete entry, as it is analysed; the
    // unfinished rest is left out, and said.
    let mut cut = false;
    let mut j: J = match serde_json::from_str(t) {
        Ok(j) => j,
        Err(e) => {
            let salvaged = e
                .is_eof()
                .then(|| super::salvage_json(t))
                .flatten()
                .and_then(|s| serde_json::from_str(&s.closed).ok());
            match salvaged {
                Some(j) => {
                    cut = true;
                    j
                }
                None => {
                    let s = e.to_string();
                    let msg = s
                        .rfind(" at line ")
                        .and_then(|p| s.get(..p))
                        .unwrap_or(&s)
                        .to_string();
                    return Err(format!("Line {}, column {}: {msg}", e.line(), e.column()));
                }
            }
        }
    };
    // A HAR, or one wrapped in an object of one key as some tools save it ({"har": {"log": …}}).
    let holds_log = |j: &J| matches!(j, J::Obj(f) if f.iter().any(|(k, v)| k == "log" && matches!(v, J::Obj(_))));
    let is_har = holds_log(&j)
        || matches!(&j, J::Obj(f) if f.len() == 1 && f.iter().all(|(_, v)| holds_log(v)));
    if !is_har {
        return Err("This is not a HAR (no top-level \"log\" object).".into());
    }
    let mut w = Walker {
        names: Names {
            extra: opts.extra_names.clone(),
        },
        emails: opts.emails,
        drop_bodies: opts.drop_bodies,
        entry: None,
        removed: Vec::new(),
        index: HashMap::new(),
        markers: HashMap::new(),
    };
    w.walk(&mut j, "", Where::Other);
    if cut {
        w.removed.push(Removed {
            name: "the unfinished end of the file (it was cut off)".into(),
            place: Where::Other,
            count: 1,
            entries: Vec::new(),
        });
    }
    let out = serde_json::to_string_pretty(&j).map_err(|e| e.to_string())?;
    Ok((out, w.removed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names {
            extra: vec!["my+weird^name".into()],
        }
    }

    fn run(s: &str) -> String {
        let mut w = Walker {
            names: names(),
            emails: true,
            drop_bodies: false,
            entry: None,
            removed: Vec::new(),
            index: HashMap::new(),
            markers: HashMap::new(),
        };
        let mut t = s.to_string();
        w.text(&mut t, Where::Other);
        t
    }

    #[test]
    fn params_in_urls_and_encoded_urls() {
        assert_eq!(
            run("https://a.b/cb?code=S3CR3T&state=st1&x=1#id_token=abc"),
            "https://a.b/cb?code=REDACTED-1&state=REDACTED-2&x=1#id_token=REDACTED-3"
        );
        assert_eq!(
            run("returnUrl=https%3A%2F%2Fa.b%2Fcb%3Fcode%3DS3CR3T%26x%3D1"),
            "returnUrl=https%3A%2F%2Fa.b%2Fcb%3Fcode%3DREDACTED-1%26x%3D1"
        );
        // Longer names that end in a secret name are not secrets.
        assert_eq!(
            run("?response_code=1&error_code=2&code_challenge_method=S256"),
            "?response_code=1&error_code=2&code_challenge_method=S256"
        );
    }

    #[test]
    fn props_inputs_jwts_emails() {
        assert_eq!(
            run(r#"{"sFT":"AQAB\"x","n":1,"canary" : "c1"}"#),
            r#"{"sFT":"REDACTED-1","n":1,"canary" : "REDACTED-2"}"#
        );
        assert_eq!(
            run(r#"<input type="hidden" name="code" value="0.AX"/><input name="keep" value="k">"#),
            r#"<input type="hidden" name="code" value="REDACTED-1"/><input name="keep" value="k">"#
        );
        let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl";
        assert_eq!(run(&format!("Bearer {jwt} end")), "Bearer REDACTED-JWT end");
        assert_eq!(
            run("mail alice.smith+x@contoso.co.uk now; icon@2x and @media"),
            "mail redacted@example.invalid now; icon@2x and @media"
        );
    }

    #[test]
    fn script_names_bare_or_in_escaped_quotes_and_pairs_inside_a_value_are_replaced() {
        assert_eq!(
            run(
                r#"ServerData={psRNGCSLK:'RNG1', sFT:'MSA2',urlPost:'https://login.live.com/p'};s="{\"sFT\":\"ESC3\"}";"#
            ),
            r#"ServerData={psRNGCSLK:'REDACTED-1', sFT:'REDACTED-2',urlPost:'https://login.live.com/p'};s="{\"sFT\":\"REDACTED-3\"}";"#
        );
        // A name inside a word, or a URL's scheme, is no name.
        assert_eq!(run("xsFT:'k' https://a.b"), "xsFT:'k' https://a.b");
        // Entra's request in a federated sign-in's wctx, in a URL and encoded again.
        assert_eq!(
            run("https://adfs.contoso.com/adfs/ls/?wa=wsignin1.0&wctx=estsrequest%3drQQIARAA4%26x%3d1 and ru=https%3A%2F%2Fa%2F%3Fwctx%3Destsrequest%253drQQIARAA5"),
            "https://adfs.contoso.com/adfs/ls/?wa=wsignin1.0&wctx=estsrequest%3dREDACTED-1%26x%3d1 and ru=https%3A%2F%2Fa%2F%3Fwctx%3Destsrequest%253dREDACTED-2"
        );
        // A value holding an ordinary pair keeps it.
        assert_eq!(run("?rd=x%3d1&a=b=c"), "?rd=x%3d1&a=b=c");
    }

    #[test]
    fn words_are_replaced_where_they_stand_alone() {
        assert_eq!(
            replace_words(
                "code ABCD-EFGH, xABCD-EFGH ABCD-EFGHI é ABCD-EFGH",
                "ABCD-EFGH",
                "R"
            ),
            Some("code R, xABCD-EFGH ABCD-EFGHI é R".into())
        );
        assert_eq!(replace_words("ééé", "é", "R"), Some("RRR".into()));
        assert_eq!(replace_words("none", "ABCD-EFGH", "R"), None);
    }

    /// A device code answer's user_code, repeated in its message; headers, cookies, a query
    /// and a body written as objects by some tools; a HAR wrapped in one more object.
    #[test]
    fn repeated_secrets_object_shaped_parts_and_wrapped_hars_are_sanitised() {
        let har_text = r#"{"har":{"log":{"entries":[{"request":{"method":"POST","url":"https://login.microsoftonline.com/common/oauth2/v2.0/devicecode","headers":{"Cookie":"esctx=C00KIE","Authorization":["Bearer B3ARER"],"Origin":"https://a.b"},"cookies":{"esctx":"C00KIE2"},"queryString":{"state":"ST4TE","x":"1"}},"response":{"status":200,"content":{"mimeType":"application/json","text":"{\"message\":\"Open the page and enter the code ABCD-EFGH to authenticate.\",\"user_code\":\"ABCD-EFGH\",\"device_code\":\"D3VICE\"}"}}},{"request":{"method":"POST","url":"https://login.microsoftonline.com/t/oauth2/v2.0/token"},"response":{"status":400,"content":{"mimeType":"application/json","text":{"error":"invalid_grant","refresh_token":"R3FRESH"}}}}]}}}"#;
        let (out, removed) = har(har_text, &Options::default()).expect("sanitised");
        for secret in [
            "C00KIE",
            "B3ARER",
            "ST4TE",
            "ABCD-EFGH",
            "D3VICE",
            "R3FRESH",
        ] {
            assert!(!out.contains(secret), "{secret} left in {out}");
        }
        for kept in [
            "https://a.b",
            "enter the code REDACTED-",
            "invalid_grant",
            "\"x\": \"1\"",
        ] {
            assert!(out.contains(kept), "{kept} not in {out}");
        }
        let names: Vec<(&str, Where)> =
            removed.iter().map(|r| (r.name.as_str(), r.place)).collect();
        for want in [
            ("Cookie", Where::Header),
            ("esctx", Where::Cookie),
            ("state", Where::Query),
            ("user_code", Where::ResponseBody),
        ] {
            assert!(names.contains(&want), "{want:?} not in {names:?}");
        }
        // Two wrappers, or a wrapper beside other keys, are no HAR.
        assert!(har(r#"{"a":{"b":{"log":{}}}}"#, &Options::default()).is_err());
        assert!(har(r#"{"a":{"log":{}},"b":1}"#, &Options::default()).is_err());
    }

    #[test]
    fn secret_fields_of_a_multipart_form_are_replaced() {
        let body = "--b\nContent-Disposition: form-data; name=\"grant_type\"\n\nauthorization_code\n--b\nContent-Disposition: form-data; name=\"client_secret\"\n\nQ~8Kx.SecretValue\n--b--\n";
        let out = run(body);
        assert!(!out.contains("SecretValue"), "{out}");
        assert!(
            out.contains("authorization_code") && out.contains("\n--b--"),
            "{out}"
        );
    }

    #[test]
    fn secrets_encoded_twice_are_replaced() {
        let out = run("rd=https%253A%252F%252Flogin.microsoftonline.com%252Fa%253Fclient_id%253Dx%2526state%253Ddeep77%2526login_hint%253Da%252540b.com%2526x%253D1");
        assert!(!out.contains("deep77"), "{out}");
        assert!(out.contains("%2526state%253DREDACTED-"), "{out}");
        assert!(out.ends_with("%2526x%253D1"), "{out}");
    }

    #[test]
    fn one_value_keeps_one_marker_and_pkce_values_keep_their_form() {
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        let out = run(&format!(
            "?state=a1&code_challenge={challenge}&x=1 then ?state=a1 and ?state=b2&code_verifier={}",
            "v".repeat(67)
        ));
        assert_eq!(
            out,
            format!(
                "?state=REDACTED-1&code_challenge=REDACTED{:0>35}&x=1 then ?state=REDACTED-1 and ?state=REDACTED-3&code_verifier=REDACTED{:0>59}",
                2, 4
            )
        );
        // An ASP.NET Core state keeps its prefix; a malformed challenge stays malformed.
        assert_eq!(
            run("state=CfDJ8abc&code_challenge=short"),
            "state=CfDJ8REDACTED-1&code_challenge=REDACTED-2"
        );
    }

    /// The sanitised copy of every example HAR is analysed as the HAR is: the same redirect
    /// status and primary cause, and no error the original has not (cookies are gone, so a
    /// cookie finding may go and the note on missing cookies may come).
    #[test]
    fn a_sanitised_har_keeps_its_diagnosis() {
        use crate::core::{analyze, CaseInput};
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).expect("tests/cases exists") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("readable case");
            let case: CaseInput = serde_json::from_str(&text).expect("case parses");
            if !case.evidence.contains("\"entries\"") {
                continue;
            }
            let Ok((clean, _)) = har(&case.evidence, &Options::default()) else {
                continue;
            };
            checked += 1;
            let sanitised = CaseInput {
                evidence: clean,
                ..case.clone()
            };
            let (a, b) = (analyze(&case).report, analyze(&sanitised).report);
            let name = path.display();
            assert_eq!(a.redirect.status, b.redirect.status, "{name}");
            assert_eq!(
                a.primary().map(|f| &f.code),
                b.primary().map(|f| &f.code),
                "{name}"
            );
            for f in b
                .findings
                .iter()
                .filter(|f| f.severity == crate::core::report::Severity::Error)
            {
                assert!(
                    a.findings
                        .iter()
                        .any(|g| g.code == f.code && g.severity == f.severity),
                    "{name}: {} is new after sanitising",
                    f.code
                );
            }
        }
        assert!(checked >= 20, "only {checked} HAR examples");
    }

    /// The analysis of a copy whose compressed page the sanitiser removed says so, not that the
    /// page was not recorded.
    #[test]
    fn a_removed_compressed_page_is_said_removed_in_the_copy() {
        use crate::core::{analyze, CaseInput};
        let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/cases/har-proxy-brotli-entra-page.json");
        let text = std::fs::read_to_string(path).expect("case");
        let case: CaseInput = serde_json::from_str(&text).expect("case parses");
        let (clean, _) = har(&case.evidence, &Options::default()).expect("sanitised");
        let report = analyze(&CaseInput {
            evidence: clean,
            ..case
        })
        .report;
        let f = report
            .findings
            .iter()
            .find(|f| f.code == "har.entra_error_page")
            .expect("Entra's page");
        assert!(f.title.contains("sanitiser removed"), "{}", f.title);
        assert!(
            f.detail.contains("removed from this copy") && !f.detail.contains("not recorded"),
            "{}",
            f.detail
        );
    }

    #[test]
    fn elides_urls_for_texts() {
        assert_eq!(
            elide_url("https://a.b/cb?code=X&state=Y&foo=1"),
            "https://a.b/cb?code=…&state=…&foo=1"
        );
        // Another sanitiser's placeholders stay whole, with their space.
        assert_eq!(
            elide_url("https://a.b/cb?code=[Token Redacted]&state=%5Bhidden%5D&x=[a b"),
            "https://a.b/cb?code=[Token Redacted]&state=%5Bhidden%5D&x=[a b"
        );
    }

    #[test]
    fn keeps_key_order_and_reports_what_went() {
        let har_text = r#"{"log":{"version":"1.2","entries":[{"request":{"method":"POST","url":"https://login.microsoftonline.com/t/oauth2/v2.0/token","headers":[{"name":"Origin","value":"https://a.b"},{"name":"Cookie","value":"x=1"}],"cookies":[{"name":"esctx","value":"E"},{"name":"a+b^c","value":"M3TA"}],"queryString":[{"name":"my+weird^name","value":"W31RD"}],"postData":{"mimeType":"application/x-www-form-urlencoded","text":"grant_type=authorization_code&code=C0DE&code_verifier=V3R&username=bob%40contoso.com"}},"response":{"status":200,"headers":[],"content":{"mimeType":"application/json","text":"{\"token_type\":\"Bearer\",\"access_token\":\"AT\",\"refresh_token\":\"RT\"}"}}}]}}"#;
        let opts = Options {
            extra_names: vec!["my+weird^name".into()],
            ..Options::default()
        };
        let (out, removed) = har(har_text, &opts).expect("sanitised");
        for secret in [
            "M3TA",
            "W31RD",
            "C0DE",
            "V3R",
            "bob%40contoso.com",
            "\"x=1\"",
            "\"E\"",
            "\\\"AT\\\"",
            "\\\"RT\\\"",
        ] {
            assert!(!out.contains(secret), "{secret} left in {out}");
        }
        assert!(out.contains("https://a.b"), "Origin kept");
        assert!(
            out.find("\"version\"") < out.find("\"entries\""),
            "key order kept"
        );
        let names: Vec<(&str, Where)> =
            removed.iter().map(|r| (r.name.as_str(), r.place)).collect();
        for want in [
            ("Cookie", Where::Header),
            ("esctx", Where::Cookie),
            ("code", Where::RequestBody),
            ("access_token", Where::ResponseBody),
        ] {
            assert!(names.contains(&want), "{want:?} not in {names:?}");
        }
        assert!(removed.iter().all(|r| r.entries == [0]));
        assert!(har("[1]", &Options::default()).is_err());
        assert!(har("{\"log\": ", &Options::default()).is_err_and(|e| e.starts_with("Line 1")));
    }

    /// A body a proxy exported still compressed is sanitised too: gzip is read and written back
    /// sanitised and plain; a text body compressed otherwise (Brotli), which cannot be checked,
    /// goes.
    #[test]
    fn compressed_bodies_are_sanitised_or_removed() {
        use base64::Engine;
        let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
        let json =
            br#"{"token_type":"Bearer","access_token":"AT5ECRET","refresh_token":"RT5ECRET"}"#;
        let mut gz = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
        gz.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(json, 6));
        gz.extend_from_slice(&[0; 8]);
        let brotli = b64(&[0x1b, 0xff, 0x00, 0x90, 0x8f, 0xd4, 0x2c, 0xe1, 0x97, 0x05]);
        let png = b64(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]);
        let entry = |mime: &str, text: &str| {
            format!(
                r#"{{"request":{{"method":"POST","url":"https://login.microsoftonline.com/t/oauth2/v2.0/token"}},"response":{{"status":200,"content":{{"mimeType":"{mime}","text":"{text}","encoding":"base64"}}}}}}"#
            )
        };
        let har_text = format!(
            r#"{{"log":{{"entries":[{},{},{}]}}}}"#,
            entry("application/json; charset=utf-8", &b64(&gz)),
            entry("text/html", &brotli),
            entry("image/png", &png)
        );
        let (out, removed) = har(&har_text, &Options::default()).expect("sanitised");
        let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        let text = |i: usize| {
            v["log"]["entries"][i]["response"]["content"]["text"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        };
        let plain = decode_base64_text(&text(0)).unwrap_or_default();
        assert!(
            plain.contains("token_type") && !plain.contains("5ECRET"),
            "{plain}"
        );
        assert_eq!(text(1), "");
        assert!(v["log"]["entries"][1]["response"]["content"]["comment"]
            .as_str()
            .is_some_and(|c| c.starts_with(REMOVED_BODY)));
        assert_eq!(text(2), png);
        assert!(v["log"]["entries"][2]["response"]["content"]["comment"].is_null());
        assert!(removed
            .iter()
            .any(|r| r.name == "(compressed body)" && r.entries == [1]));
    }
}
