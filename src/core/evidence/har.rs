//! The HAR trace: from each authorize request to Entra's answer, the request
//! that reached the app, and the token request.
//!
//! The HAR is read into lean structures that borrow from the text: only the
//! fields the trace needs are kept, only a few headers, and response bodies
//! only for Entra's hosts (its sign-in pages, form_post pages, error pages and
//! token responses); every other body is skipped without being copied.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::sanitize::{self, known_value};
use super::{Context, Step, StepKind};
use crate::core::aadsts;
use crate::core::authorize::{is_b2c_policy, is_entra_host};
use crate::core::codes::finding;
use crate::core::report::{Finding, Platform, Severity};
use crate::core::request;
use crate::core::response;
use crate::core::saml::{self, SamlRequest};
use crate::core::uri::{self, Uri};

// ---------------------------------------------------------------------------
// Lean HAR model
// ---------------------------------------------------------------------------

/// A string borrowed from the HAR text when it has no escapes, copied otherwise.
/// Numbers, booleans and null read as their text (null as empty).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Str<'a>(pub Cow<'a, str>);

impl Str<'_> {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Reads a [`Str`]; with `json`, an object or a list too, as its JSON text.
struct StrVisitor {
    json: bool,
}

impl<'de> Visitor<'de> for StrVisitor {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(""))
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(""))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        if !self.json {
            return Err(serde::de::Error::invalid_type(
                serde::de::Unexpected::Map,
                &self,
            ));
        }
        let v = serde_json::Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(Cow::Owned(v.to_string()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        if !self.json {
            return Err(serde::de::Error::invalid_type(
                serde::de::Unexpected::Seq,
                &self,
            ));
        }
        let v = serde_json::Value::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
        Ok(Cow::Owned(v.to_string()))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrVisitor { json: false }).map(Str)
    }
}

/// A body's text as some tools write it: a string, or the JSON itself (an object or a list),
/// read as its JSON text.
struct Loose<'a>(Str<'a>);

impl<'de: 'a, 'a> Deserialize<'de> for Loose<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrVisitor { json: true })
            .map(|c| Loose(Str(c)))
    }
}

fn loose_text<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Option<Str<'a>>, D::Error> {
    Ok(Option::<Loose<'a>>::deserialize(d)?.map(|l| l.0))
}

/// Name/value pairs as a HAR lists them (`[{"name": …, "value": …}]`), or as one object of
/// `"name": value` some tools write instead (a list as its value: the name once per item).
struct Pairs<'a>(Vec<(Str<'a>, Str<'a>)>);

impl<'de: 'a, 'a> Deserialize<'de> for Pairs<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Pairs<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of name/value pairs")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Pairs<'a>, A::Error> {
                let mut out = Vec::new();
                while let Some(p) = seq.next_element::<Option<Param<'de>>>()? {
                    if let Some(p) = p {
                        out.push((p.name, p.value));
                    }
                }
                Ok(Pairs(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs<'a>, A::Error> {
                let mut out = Vec::new();
                while let Some(name) = map.next_key::<Str<'de>>()? {
                    match map.next_value::<serde_json::Value>()? {
                        serde_json::Value::Array(items) => {
                            for v in items {
                                out.push((name.clone(), Str(Cow::Owned(value_text(v)))));
                            }
                        }
                        v => out.push((name, Str(Cow::Owned(value_text(v))))),
                    }
                }
                Ok(Pairs(out))
            }
            fn visit_unit<E>(self) -> Result<Pairs<'a>, E> {
                Ok(Pairs(Vec::new()))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A JSON value as a header or parameter value: a string as it is, null as empty, else its
/// JSON text.
fn value_text(v: serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => String::new(),
        v => v.to_string(),
    }
}

/// An integer that may be written as a number or a string (0 otherwise).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Int(i64);

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = i64;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E>(self, v: i64) -> Result<i64, E> {
                Ok(v)
            }
            fn visit_u64<E>(self, v: u64) -> Result<i64, E> {
                Ok(i64::try_from(v).unwrap_or(0))
            }
            fn visit_f64<E>(self, v: f64) -> Result<i64, E> {
                Ok(if v.is_finite() { v as i64 } else { 0 })
            }
            fn visit_str<E>(self, v: &str) -> Result<i64, E> {
                Ok(v.trim().parse().unwrap_or(0))
            }
            fn visit_unit<E>(self) -> Result<i64, E> {
                Ok(0)
            }
            fn visit_bool<E>(self, _: bool) -> Result<i64, E> {
                Ok(0)
            }
        }
        d.deserialize_any(V).map(Int)
    }
}

/// The number of items of an array, read without keeping them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Count(usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = usize;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(n)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<usize, A::Error> {
                let mut n = 0;
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(n)
            }
            fn visit_unit<E>(self) -> Result<usize, E> {
                Ok(0)
            }
        }
        d.deserialize_any(V).map(Count)
    }
}

/// `log.creator` / `log.browser`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Creator<'a> {
    #[serde(default, borrow)]
    name: Str<'a>,
    #[serde(default, borrow)]
    version: Str<'a>,
}

/// The `log` object of a HAR.
#[derive(Debug, Default, Deserialize)]
pub struct Log<'a> {
    #[serde(default, borrow)]
    creator: Option<Creator<'a>>,
    #[serde(default, borrow)]
    browser: Option<Creator<'a>>,
    #[serde(default, borrow, deserialize_with = "entries_but_nulls")]
    entries: Option<Vec<Entry<'a>>>,
}

/// `log.entries`, leaving out `null` items (a tool's export with a request it could not
/// write): the other requests are still read.
fn entries_but_nulls<'de: 'a, 'a, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<Entry<'a>>>, D::Error> {
    let items: Option<Vec<Option<Entry<'a>>>> = Deserialize::deserialize(d)?;
    Ok(items.map(|v| v.into_iter().flatten().collect()))
}

impl<'a> Log<'a> {
    /// Whether it holds an `entries` list (a HAR's requests; empty when none was recorded).
    pub fn has_entries(&self) -> bool {
        self.entries.is_some()
    }

    /// A log of bare entries: a HAR's `log.entries` array, or one entry as
    /// the browsers' "Copy as HAR" of a single request gives it.
    pub fn of_entries(entries: Vec<Entry<'a>>) -> Log<'a> {
        Log {
            entries: Some(entries),
            ..Log::default()
        }
    }
}

/// The headers of a request or response: only those the trace reads.
#[derive(Clone, Debug, Default)]
pub struct Headers<'a> {
    kept: Vec<(Str<'a>, Str<'a>)>,
    /// A `Cookie` or `Set-Cookie` header was present.
    cookie: bool,
    /// An `Authorization` header was present.
    authorization: bool,
    /// The sign-in cookies of ASP.NET Core and OWIN (correlation, nonce):
    /// for `Set-Cookie`, the name and attributes (`name; path=…; samesite=lax`);
    /// for `Cookie`, the names. Values are never kept.
    auth_cookies: Vec<String>,
    /// Another header than those was recorded (a browser's sanitised
    /// export keeps them).
    others: bool,
}

/// True for the name of an ASP.NET Core / OWIN correlation or nonce cookie.
fn is_auth_cookie(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    n.starts_with(".aspnetcore.correlation")
        || n.starts_with(".aspnetcore.openidconnect.nonce")
        || n.starts_with("openidconnect.nonce")
}

impl Headers<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.kept
            .iter()
            .find(|(n, _)| n.as_str().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    /// Every value of a header kept (`Set-Cookie` comes once per cookie).
    fn all<'h>(&'h self, name: &'h str) -> impl Iterator<Item = &'h str> + 'h {
        self.kept
            .iter()
            .filter(move |(n, _)| n.as_str().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

const KEPT_HEADERS: &[&str] = &["origin", "location", "content-type", "content-encoding"];

impl<'a> Headers<'a> {
    fn add(&mut self, name: Str<'a>, value: Str<'a>) {
        let h = self;
        let n = name.as_str();
        if n.eq_ignore_ascii_case("set-cookie") {
            h.cookie = true;
            // One header may hold several cookies, one per line.
            for line in value.as_str().lines() {
                let (pair, attrs) = line.split_once(';').unwrap_or((line, ""));
                let name = pair.split('=').next().unwrap_or("").trim();
                if is_auth_cookie(name) {
                    h.auth_cookies.push(format!("{name};{attrs}"));
                }
            }
            // Borrowed, not copied: read only when a sign-in loop is explained.
            h.kept.push((name, value));
        } else if n.eq_ignore_ascii_case("cookie") {
            h.cookie = true;
            for pair in value.as_str().split(';') {
                let name = pair.split('=').next().unwrap_or("").trim();
                if is_auth_cookie(name) {
                    h.auth_cookies.push(name.to_string());
                }
            }
            h.kept.push((name, value));
        } else if n.eq_ignore_ascii_case("authorization") {
            h.authorization = true;
        } else {
            h.others = true;
            if KEPT_HEADERS.iter().any(|k| n.eq_ignore_ascii_case(k)) {
                h.kept.push((name, value));
            }
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Headers<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut h = Headers::default();
        for (name, value) in Pairs::deserialize(d)?.0 {
            h.add(name, value);
        }
        Ok(h)
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
struct Param<'a> {
    #[serde(default, borrow)]
    name: Str<'a>,
    #[serde(default, borrow)]
    value: Str<'a>,
}

/// `request.postData`.
#[derive(Clone, Debug, Default, Deserialize)]
struct Post<'a> {
    #[serde(default, rename = "mimeType", borrow)]
    mime: Str<'a>,
    #[serde(default, borrow, deserialize_with = "loose_text")]
    text: Option<Str<'a>>,
    #[serde(default, borrow, deserialize_with = "loose_params")]
    params: Option<Vec<Param<'a>>>,
}

fn loose_params<'de: 'a, 'a, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<Param<'a>>>, D::Error> {
    Ok(Option::<Pairs<'a>>::deserialize(d)?.map(|p| {
        p.0.into_iter()
            .map(|(name, value)| Param { name, value })
            .collect()
    }))
}

#[derive(Clone, Debug, Default, Deserialize)]
struct Request<'a> {
    #[serde(default, borrow)]
    method: Str<'a>,
    #[serde(default, borrow)]
    url: Str<'a>,
    #[serde(default, borrow)]
    headers: Headers<'a>,
    #[serde(default, rename = "postData", borrow)]
    post: Option<Post<'a>>,
    #[serde(default)]
    cookies: Count,
}

/// One HAR entry, as far as the trace reads it.
#[derive(Clone, Debug, Default)]
pub struct Entry<'a> {
    request: Request<'a>,
    status: i64,
    resp_headers: Headers<'a>,
    resp_cookies: usize,
    redirect_url: Str<'a>,
    body: Option<String>,
    /// The body was written to a file beside the HAR (`content._file`: Playwright's recordHar
    /// with content `attach`, the default for a .zip archive), not into it.
    body_file: bool,
    /// The body is in the HAR as base64 bytes that are not text, nor gzip or zlib data: still
    /// compressed as the server sent it (Content-Encoding: br), as some proxies export it.
    packed: bool,
    /// The body was removed by the sanitiser that wrote this copy (its content's `comment` says
    /// so), not left out when it was recorded.
    removed: bool,
    /// `startedDateTime`, as written.
    started: Str<'a>,
    /// Why the browser got no answer (`_error`: `net::ERR_CONNECTION_REFUSED`, …).
    error: Option<String>,
}

impl<'de: 'a, 'a> Deserialize<'de> for Entry<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(field_identifier)]
        enum Field {
            #[serde(rename = "request")]
            Request,
            #[serde(rename = "response")]
            Response,
            #[serde(rename = "startedDateTime")]
            Started,
            #[serde(rename = "_error")]
            Error,
            #[serde(other)]
            Other,
        }
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Entry<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a HAR entry")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry<'a>, A::Error> {
                let mut e = Entry::default();
                let mut have_request = false;
                while let Some(k) = map.next_key::<Field>()? {
                    match k {
                        Field::Request => {
                            e.request = map.next_value()?;
                            have_request = true;
                        }
                        Field::Response => {
                            // Browsers write the request first; keep the body
                            // only for Entra's hosts (or when the order is unusual).
                            let keep = !have_request
                                || is_entra_url(e.request.url.as_str())
                                || is_federation_url(e.request.url.as_str());
                            let r = map.next_value_seed(ResponseSeed { keep })?;
                            e.status = r.status;
                            e.resp_headers = r.headers;
                            e.resp_cookies = r.cookies;
                            e.redirect_url = r.redirect_url;
                            e.body = r.body;
                            e.body_file = r.body_file;
                            e.packed = r.packed;
                            e.removed = r.removed;
                            if r.error.is_some() {
                                e.error = r.error;
                            }
                        }
                        Field::Started => e.started = map.next_value()?,
                        Field::Error => {
                            let err: Str = map.next_value()?;
                            if e.error.is_none() && !err.as_str().trim().is_empty() {
                                e.error = Some(err.as_str().trim().to_string());
                            }
                        }
                        Field::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(e)
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

#[derive(Default)]
struct Response<'a> {
    status: i64,
    headers: Headers<'a>,
    cookies: usize,
    redirect_url: Str<'a>,
    body: Option<String>,
    body_file: bool,
    packed: bool,
    removed: bool,
    error: Option<String>,
}

struct ResponseSeed {
    keep: bool,
}

impl<'de> DeserializeSeed<'de> for ResponseSeed {
    type Value = Response<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Response<'de>, D::Error> {
        #[derive(Deserialize)]
        #[serde(field_identifier)]
        enum Field {
            #[serde(rename = "status")]
            Status,
            #[serde(rename = "headers")]
            Headers,
            #[serde(rename = "cookies")]
            Cookies,
            #[serde(rename = "redirectURL")]
            RedirectUrl,
            #[serde(rename = "content")]
            Content,
            // Playwright's recordHar writes the browser's reason as `_failureText`.
            #[serde(rename = "_error", alias = "_failureText")]
            Error,
            #[serde(other)]
            Other,
        }
        struct V {
            keep: bool,
        }
        impl<'de> Visitor<'de> for V {
            type Value = Response<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a HAR response")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Response<'de>, A::Error> {
                let mut r = Response::default();
                let mut have_status = false;
                let mut html_page = false;
                while let Some(k) = map.next_key::<Field>()? {
                    match k {
                        Field::Status => {
                            r.status = map.next_value::<Int>()?.0;
                            have_status = true;
                        }
                        Field::Headers => r.headers = map.next_value()?,
                        Field::Cookies => r.cookies = map.next_value::<Count>()?.0,
                        Field::RedirectUrl => r.redirect_url = map.next_value()?,
                        Field::Error => {
                            let err: Str = map.next_value()?;
                            let err = err.as_str().trim();
                            if !err.is_empty() {
                                r.error = Some(err.to_string());
                            }
                        }
                        Field::Content => {
                            // The app's error pages too (4xx/5xx): they say why
                            // the callback failed. Browsers write status first;
                            // JSON written back with sorted keys (`content`
                            // before `status`) keeps the page until the status
                            // is read.
                            let app_page = !self.keep && (!have_status || r.status >= 400);
                            let c = map.next_value_seed(ContentSeed {
                                keep: self.keep || app_page,
                                keep_html: !self.keep,
                            })?;
                            (r.body, r.body_file, r.packed) = (c.text, c.file, c.packed);
                            r.removed = c.removed;
                            html_page = c.html;
                            if !self.keep {
                                if let Some(b) = r.body.as_mut() {
                                    cut(b, MAX_APP_BODY);
                                }
                            }
                        }
                        Field::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                // An app's page below 400 is kept only when it is HTML (its text, cut, says a
                // sign-in failure shown on a 200 page: Spring's /login?error, allauth's).
                if !self.keep && r.status < 400 && r.body.is_some() && !html_page {
                    r.body = None;
                }
                Ok(r)
            }
            fn visit_unit<E>(self) -> Result<Response<'de>, E> {
                Ok(Response::default())
            }
        }
        d.deserialize_any(V { keep: self.keep })
    }
}

/// How much of an app's error page is kept (the message is near the top).
const MAX_APP_BODY: usize = 64 * 1024;

/// Cuts `s` to at most `max` bytes at a character boundary.
fn cut(s: &mut String, max: usize) {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
}

/// A response's content as read: its text (when kept), whether the body was written to a
/// file beside the HAR instead (`_file`), and whether it is an HTML page.
#[derive(Default)]
struct Content {
    text: Option<String>,
    file: bool,
    html: bool,
    /// Base64 bytes that could not be read as text (see `Entry::packed`).
    packed: bool,
    /// See `Entry::removed`.
    removed: bool,
}

struct ContentSeed {
    keep: bool,
    /// Keep the text of an HTML page too (an app's page: its sign-in error shows there).
    keep_html: bool,
}

impl<'de> DeserializeSeed<'de> for ContentSeed {
    type Value = Content;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Content, D::Error> {
        #[derive(Deserialize)]
        #[serde(field_identifier)]
        enum Field {
            #[serde(rename = "text")]
            Text,
            #[serde(rename = "encoding")]
            Encoding,
            #[serde(rename = "_file")]
            File,
            #[serde(rename = "mimeType")]
            Mime,
            #[serde(rename = "comment")]
            Comment,
            #[serde(other)]
            Other,
        }
        struct V {
            keep: bool,
            keep_html: bool,
        }
        impl<'de> Visitor<'de> for V {
            type Value = Content;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a HAR content object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Content, A::Error> {
                let mut text: Option<Str<'de>> = None;
                let mut base64 = false;
                let mut file = false;
                let mut removed = false;
                // None until the mimeType is read.
                let mut html: Option<bool> = None;
                while let Some(k) = map.next_key::<Field>()? {
                    match k {
                        Field::Mime => {
                            let m: Str = map.next_value()?;
                            html = Some(
                                m.as_str()
                                    .trim_start()
                                    .to_ascii_lowercase()
                                    .starts_with("text/html"),
                            );
                        }
                        Field::Text if !self.keep && self.keep_html && html != Some(false) => {
                            text = Some(map.next_value::<Loose>()?.0)
                        }
                        Field::File => {
                            let name: Str = map.next_value()?;
                            file = !name.as_str().trim().is_empty();
                        }
                        Field::Comment => {
                            let c: Str = map.next_value()?;
                            removed = c.as_str().starts_with(sanitize::REMOVED_BODY);
                        }
                        Field::Text if self.keep => text = Some(map.next_value::<Loose>()?.0),
                        Field::Encoding => {
                            let enc: Str = map.next_value()?;
                            base64 = enc.as_str().eq_ignore_ascii_case("base64");
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                if !self.keep && html != Some(true) {
                    text = None;
                }
                let mut packed = false;
                let text = text.and_then(|t| {
                    if !base64 {
                        return Some(t.0.into_owned());
                    }
                    let plain = decode_base64_body(t.as_str());
                    packed = plain.is_none() && !t.as_str().trim().is_empty();
                    plain
                });
                Ok(Content {
                    text,
                    file,
                    html: html == Some(true),
                    packed,
                    removed,
                })
            }
            fn visit_unit<E>(self) -> Result<Content, E> {
                Ok(Content::default())
            }
        }
        d.deserialize_any(V {
            keep: self.keep,
            keep_html: self.keep_html,
        })
    }
}

/// A base64 body as text, when it is UTF-8 (the sanitiser and share links write it back as it
/// was, so they read it without inflating).
pub(crate) fn decode_base64_text(s: &str) -> Option<String> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(s.trim())
        .ok()?;
    String::from_utf8(bytes).ok()
}

/// A base64 body for the analysis: as the browser decoded it (UTF-8, or a single-byte page), or still compressed as some
/// proxies export it (Content-Encoding: gzip, or deflate's zlib data), inflated; None when the
/// bytes are no text (Brotli or zstd, which are not read here, or binary).
pub(crate) fn decode_base64_body(s: &str) -> Option<String> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(s.trim())
        .ok()?;
    let max = bytes.len().saturating_mul(32).min(1 << 20);
    let plain = gunzip(&bytes).or_else(|| {
        // zlib: a CMF byte for deflate (low nibble 8) whose header is a multiple of 31.
        crate::core::file::unzlib(&bytes, max).ok()
    });
    let bytes = plain.unwrap_or(bytes);
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        // A page in Latin-1 or Windows-1252 (charset=iso-8859-1): text without control bytes.
        Err(e) => {
            let b = e.as_bytes();
            b.iter()
                .all(|&c| c >= 0x20 || matches!(c, b'\t' | b'\n' | b'\r'))
                .then(|| {
                    b.iter()
                        .map(|&c| crate::core::file::windows_1252(c))
                        .collect()
                })
        }
    }
}

/// The content of gzip data; None when `b` is not gzip, or would inflate past 32 times its size
/// or 1 MB: a page compresses a few times, a bomb of repeated bytes a thousand times, and every
/// body of a HAR may be one.
fn gunzip(b: &[u8]) -> Option<Vec<u8>> {
    crate::core::file::gunzip(b, b.len().saturating_mul(32).min(1 << 20)).ok()
}

// ---------------------------------------------------------------------------
// URL and form helpers
// ---------------------------------------------------------------------------

pub(crate) fn is_entra_url(url: &str) -> bool {
    let u = Uri::new(url);
    u.host().is_some_and(is_entra_host) || is_b2c_endpoint(&u)
}

/// An Azure AD B2C endpoint on a custom domain, read as the authorize box reads a B2C
/// authority on any host: a policy segment with the endpoint after it
/// (`/<tenant>/B2C_1A_…/oauth2/v2.0/authorize`, the policy's sign-in pages), or an
/// `/oauth2/` endpoint with `p=B2C_1_…`. A policy name that ends the path (an app's own
/// callback such as `/signin/B2C_1_susi`) is not one.
fn is_b2c_endpoint(u: &Uri) -> bool {
    let path = u.path();
    let mut segs = path.split('/').filter(|s| !s.is_empty());
    let policy_path = segs.any(is_b2c_policy) && segs.next().is_some();
    policy_path
        || path.to_ascii_lowercase().contains("/oauth2/")
            && u.query()
                .is_some_and(|q| get(&pairs(q), "p").is_some_and(is_b2c_policy))
}

/// The URL without query and fragment.
fn base(url: &str) -> &str {
    Uri::new(url).without_query_fragment()
}

/// `a=b&c=d` decoded (`+` is a space).
pub(crate) fn pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (uri::form_decode(k).0, uri::form_decode(v).0)
        })
        .collect()
}

fn query_pairs(url: &str) -> Vec<(String, String)> {
    Uri::new(url).query().map(pairs).unwrap_or_default()
}

fn fragment_pairs(url: &str) -> Vec<(String, String)> {
    Uri::new(url)
        .fragment()
        .map(|f| pairs(f.trim_start_matches('/').trim_start_matches('?')))
        .unwrap_or_default()
}

fn get<'p>(pairs: &'p [(String, String)], name: &str) -> Option<&'p str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn path_lower(url: &str) -> String {
    Uri::new(url).path().to_ascii_lowercase()
}

fn ends_with_endpoint(url: &str, names: &[&str]) -> bool {
    let p = path_lower(url);
    let p = p.trim_end_matches('/');
    names.iter().any(|n| p.ends_with(n))
}

/// Resolves a `Location` against the URL of the request that got it.
fn resolve(from: &str, loc: &str) -> String {
    let loc = loc.trim();
    let u = Uri::new(loc);
    if u.scheme().is_some() {
        return loc.to_string();
    }
    let f = Uri::new(from);
    let scheme = f.scheme().unwrap_or("https");
    if let Some(rest) = loc.strip_prefix("//") {
        return format!("{scheme}:{}{rest}", "//");
    }
    let origin_end = f.parts.authority.as_ref().map_or(0, |a| a.end);
    let origin = from.get(..origin_end).unwrap_or("");
    if loc.starts_with('/') {
        format!("{origin}{loc}")
    } else if loc.starts_with('?') {
        format!("{}{loc}", f.without_query_fragment())
    } else if loc.starts_with('#') {
        format!("{}{loc}", from.split('#').next().unwrap_or(from))
    } else {
        let path = f.path();
        let dir = path.rfind('/').and_then(|i| path.get(..=i)).unwrap_or("/");
        format!("{origin}{dir}{loc}")
    }
}

/// Decodes the HTML character references Entra and frameworks use in attributes.
pub(crate) fn html_unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(rest.get(..p).unwrap_or(""));
        let tail = rest.get(p..).unwrap_or("");
        let end = tail.find(';').filter(|e| *e <= 10);
        let ent = end.and_then(|e| tail.get(1..e));
        let ch = ent.and_then(|e| match e {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let num = e.strip_prefix('#')?;
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(h) => u32::from_str_radix(h, 16).ok()?,
                    None => num.parse().ok()?,
                };
                char::from_u32(n)
            }
        });
        match (ch, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = tail.get(e + 1..).unwrap_or("");
            }
            _ => {
                out.push('&');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// One HTML tag's attributes: `(name lowercased, raw value, value range in the text)`.
pub(crate) fn tag_attributes(
    text: &str,
    tag_start: usize,
) -> (Vec<(String, String, std::ops::Range<usize>)>, usize) {
    let b = text.as_bytes();
    let mut i = tag_start;
    // Skip "<name".
    while b
        .get(i)
        .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>' && *c != b'/')
    {
        i += 1;
    }
    let mut attrs = Vec::new();
    loop {
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/')
        {
            i += 1;
        }
        match b.get(i) {
            None => return (attrs, i),
            Some(b'>') => return (attrs, i + 1),
            _ => {}
        }
        let ns = i;
        while b
            .get(i)
            .is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'=' | b'>' | b'/'))
        {
            i += 1;
        }
        let name = text.get(ns..i).unwrap_or("").to_ascii_lowercase();
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            attrs.push((name, String::new(), i..i));
            continue;
        }
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let (vs, ve, next) = match b.get(i) {
            Some(q @ (b'"' | b'\'')) => {
                let vs = i + 1;
                let ve = b
                    .get(vs..)
                    .and_then(|r| r.iter().position(|c| c == q))
                    .map_or(b.len(), |p| vs + p);
                (vs, ve, (ve + 1).min(b.len()))
            }
            _ => {
                let vs = i;
                let mut ve = i;
                while b
                    .get(ve)
                    .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>')
                {
                    ve += 1;
                }
                (vs, ve, ve)
            }
        };
        attrs.push((name, text.get(vs..ve).unwrap_or("").to_string(), vs..ve));
        i = next;
        if i <= ns {
            i = ns + 1;
        }
    }
}

/// Finds `needle` (ASCII, lowercase) in `hay` from `from`, ignoring ASCII case.
pub(crate) fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    let first = *n.first()?;
    let mut i = from;
    while i + n.len() <= h.len() {
        let rest = h.get(i..)?;
        let p = rest.iter().position(|c| c.to_ascii_lowercase() == first)?;
        i += p;
        if h.get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Why a body the HAR holds cannot be read, when it is still compressed (`Entry::packed`).
fn packed_body(e: &Entry) -> Option<String> {
    if e.removed {
        return Some(REMOVED_BODY.to_string());
    }
    e.packed.then(|| {
        match e.resp_headers.get("content-encoding").map(str::trim).filter(|c| !c.is_empty()) {
            Some(enc) => format!("its body is still compressed as the server sent it, with Content-Encoding {enc}, which is not read here; the tool that wrote the HAR did not decode it"),
            None => "its body is in the HAR as base64 bytes that are not text".to_string(),
        }
    })
}

/// Why a body the sanitiser removed cannot be read.
const REMOVED_BODY: &str = "its body was removed from this copy of the HAR by the sanitiser, as the copy's comment on it says";
const REMOVED_FIX: &str = "Check the HAR from before it was sanitised here, or paste Entra's error text (the AADSTS line, with the Correlation ID and Timestamp of Troubleshooting details) into the authorize box here; to share a sanitised copy that keeps the page, record the HAR from the browser's developer tools (Network › Export HAR), which write bodies decoded.";

const PACKED_FIX: &str = "Record the HAR again from the browser's developer tools (Network › Export HAR), which write bodies as the page read them, or turn on the proxy's decoding of responses before exporting; or paste Entra's error text (the AADSTS line, with the Correlation ID and Timestamp of Troubleshooting details) into the authorize box here.";

/// An HTML form: its method, action and inputs (decoded).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Form {
    pub method: String,
    pub action: String,
    pub fields: Vec<(String, String)>,
}

/// The first form of a page that carries an OAuth response (code, error,
/// id_token, state), e.g. Entra's form_post page, or a SAML response.
pub(crate) fn response_form(html: &str) -> Option<Form> {
    let mut at = 0;
    while let Some(p) = find_ci(html, at, "<form") {
        let (attrs, after) = tag_attributes(html, p + 1);
        let end = find_ci(html, after, "</form").unwrap_or(html.len());
        let mut form = Form {
            method: String::from("get"),
            ..Form::default()
        };
        for (n, v, _) in &attrs {
            match n.as_str() {
                "method" => form.method = html_unescape(v).to_ascii_lowercase(),
                "action" => form.action = html_unescape(v),
                _ => {}
            }
        }
        let inner = html.get(..end).unwrap_or("");
        let mut i = after;
        while let Some(q) = find_ci(inner, i, "<input") {
            let (ia, next) = tag_attributes(inner, q + 1);
            let name = ia
                .iter()
                .find(|(n, _, _)| n == "name")
                .map(|(_, v, _)| html_unescape(v));
            let value = ia
                .iter()
                .find(|(n, _, _)| n == "value")
                .map(|(_, v, _)| html_unescape(v));
            if let Some(name) = name {
                form.fields.push((name, value.unwrap_or_default()));
            }
            i = next.max(q + 1);
        }
        if form.fields.iter().any(|(n, _)| {
            matches!(
                n.as_str(),
                "code" | "error" | "id_token" | "access_token" | "SAMLResponse"
            )
        }) {
            return Some(form);
        }
        at = end.max(p + 1);
    }
    None
}

/// The string value of `"key":"…"` in a script or JSON text (unescaped).
fn js_string(body: &str, key: &str) -> Option<String> {
    let pat = format!("\"{key}\"");
    let mut from = 0;
    while let Some(p) = body.get(from..).and_then(|s| s.find(&pat)) {
        let at = from + p + pat.len();
        from = at;
        let rest = body.get(at..)?.trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(rest) = rest.strip_prefix('"') else {
            continue;
        };
        let b = rest.as_bytes();
        let mut i = 0;
        while let Some(c) = b.get(i) {
            match c {
                b'\\' => i += 2,
                b'"' => break,
                _ => i += 1,
            }
        }
        let raw = rest.get(..i.min(rest.len()))?;
        return Some(
            serde_json::from_str::<String>(&format!("\"{raw}\""))
                .unwrap_or_else(|_| raw.to_string()),
        );
    }
    None
}

/// The number after `"key":` in a script or JSON text.
fn js_number(body: &str, key: &str) -> Option<u32> {
    let pat = format!("\"{key}\"");
    let p = body.find(&pat)?;
    let rest = body
        .get(p + pat.len()..)?
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let rest = rest.trim_start_matches('"');
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|n| *n != 0)
}

/// An error Entra shows in its own page (or a JSON error body): the codes and
/// the message.
fn page_error(body: &str) -> Option<(Vec<u32>, String)> {
    if let Some(msg) =
        js_string(body, "strServiceExceptionMessage").filter(|m| !m.trim().is_empty())
    {
        let mut codes = aadsts::codes_in(&msg);
        if codes.is_empty() {
            codes.extend(js_number(body, "iErrorCode").or_else(|| js_number(body, "sErrorCode")));
        }
        return Some((codes, msg));
    }
    // A sign-in page whose configuration carries only the error's number.
    if let Some(c) = js_number(body, "sErrorCode")
        .or_else(|| js_number(body, "iErrorCode"))
        // A session hint (50058: no one signed in yet) is a normal sign-in page, and so are the
        // interrupts that carry their number ("Stay signed in?" 50140, the confirmation 50199).
        .filter(|&c| {
            c >= 10_000
                && !matches!(c, 50140 | 50199)
                && aadsts::lookup(c).is_none_or(|i| i.category != aadsts::Category::Session)
        })
    {
        let summary = aadsts::lookup(c).map_or("", |i| i.summary);
        return Some((
            vec![c],
            format!("AADSTS{c}: {summary}").trim_end().to_string(),
        ));
    }
    let t = body.trim_start();
    if t.starts_with('{') {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(t) {
            // The MFA step's answer (…/SAS/EndAuth): {"Success":false,"ResultValue":"PhoneAppDenied"}.
            if let (Some(result), Some(false)) = (
                v.get("ResultValue").and_then(|r| r.as_str()),
                v.get("Success").and_then(serde_json::Value::as_bool),
            ) {
                if let Some(why) = mfa_result(result) {
                    let code = v
                        .get("ErrCode")
                        .and_then(serde_json::Value::as_u64)
                        .and_then(|n| u32::try_from(n).ok())
                        .filter(|&n| n >= 10_000)
                        .unwrap_or(500121);
                    return Some((
                        vec![code],
                        format!(
                            "AADSTS{code}: the second factor failed: {why} (ResultValue {result})"
                        ),
                    ));
                }
            }
            let desc = v.get("error_description").and_then(|d| d.as_str());
            if v.get("error").is_some() || desc.is_some() {
                let mut codes: Vec<u32> = v
                    .get("error_codes")
                    .and_then(|c| c.as_array())
                    .map(|a| {
                        a.iter()
                            .filter_map(|n| n.as_u64())
                            .filter_map(|n| u32::try_from(n).ok())
                            .collect()
                    })
                    .unwrap_or_default();
                if codes.is_empty() {
                    codes = aadsts::codes_in(desc.unwrap_or(""));
                }
                let msg = desc
                    .map(str::to_string)
                    .unwrap_or_else(|| v.get("error").map(|e| e.to_string()).unwrap_or_default());
                return Some((codes, msg));
            }
        }
    }
    // "AADSTS50011: The redirect URI …" anywhere in the page.
    let mut at = 0;
    while let Some(p) = find_ci(body, at, "aadsts") {
        let digits = body
            .get(p + 6..)
            .map_or(0, |r| r.bytes().take_while(u8::is_ascii_digit).count());
        if digits >= 4 && body.as_bytes().get(p + 6 + digits) == Some(&b':') {
            let end = body
                .get(p..)
                .and_then(|r| r.find(['<', '"', '\n', '\r']))
                .map_or(body.len(), |e| p + e);
            // Text in the HTML carries character references (&#39; for the quotes).
            let msg = html_unescape(body.get(p..end).unwrap_or("").trim());
            return Some((aadsts::codes_in(&msg), msg));
        }
        at = p + 6;
    }
    // Azure AD B2C's page: "AADB2C90006: The redirect URI … is not registered …" (its codes
    // are not AADSTS codes).
    let p = find_ci(body, 0, "aadb2c")?;
    let digits = body
        .get(p + 6..)
        .map_or(0, |r| r.bytes().take_while(u8::is_ascii_digit).count());
    (digits >= 4 && body.as_bytes().get(p + 6 + digits) == Some(&b':')).then(|| {
        let end = body
            .get(p..)
            .and_then(|r| r.find(['<', '"', '\n', '\r', '\\']))
            .map_or(body.len(), |e| p + e);
        (
            Vec::new(),
            html_unescape(body.get(p..end).unwrap_or("").trim()),
        )
    })
}

/// What a failed MFA step's `ResultValue` means, for those that end the sign-in (a pending
/// push, `AuthenticationPending`, is not a failure).
fn mfa_result(result: &str) -> Option<&'static str> {
    Some(match result {
        "PhoneAppDenied" => "the user denied the Microsoft Authenticator notification",
        "PhoneAppNoResponse" | "AuthenticationTimeout" => {
            "nobody answered the Authenticator notification in time"
        }
        "PhoneAppFraudReported" | "FraudReported" | "UserReportedFraud" => {
            "the user reported the request as fraud, which blocks further sign-in attempts"
        }
        "UserVoiceAuthFailedCallWentToVoicemail" => "the phone call went to voicemail",
        "UserVoiceAuthFailedPhoneHungUp" | "UserVoiceAuthFailedPhoneUnreachable" => {
            "the phone call was not answered or the phone was unreachable"
        }
        "SMSAuthFailedWrongCodeEntered" | "OathCodeIncorrect" | "PhoneAppOTPCodeIncorrect" => {
            "a wrong verification code was entered"
        }
        "AuthenticationThrottled" | "SMSAuthFailedMaxAllowedCodeRetryReached" => {
            "too many attempts: the method is throttled for now"
        }
        "UserMfaBlocked" | "UserIsBlocked" => "the user is blocked from multifactor authentication",
        r if r.starts_with("PhoneApp") || r.contains("Failed") || r.contains("Denied") => {
            "the second factor did not succeed"
        }
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// The trace
// ---------------------------------------------------------------------------

/// A token request of the traced flow.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenRequest {
    /// The 0-based entry index.
    pub index: usize,
    /// The `redirect_uri` it sent (decoded).
    pub redirect_uri: Option<String>,
    /// Its `Origin` header.
    pub origin: Option<String>,
    /// Whether it sent a `code_verifier`.
    pub has_verifier: bool,
    /// The response status.
    pub status: i64,
    /// The AADSTS codes of an error response.
    pub error_codes: Vec<u32>,
    /// The OAuth `error` of an error response.
    pub error: Option<String>,
    /// The `error_description` of an error response.
    pub description: Option<String>,
}

/// The context-free result of tracing a HAR.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    /// One line on what was read.
    pub summary: String,
    /// The browser or tool that wrote the HAR.
    pub creator: Option<String>,
    /// How many entries the HAR has.
    pub entries: usize,
    /// The entry indices of every authorize request.
    pub authorize: Vec<usize>,
    /// The entry index of the authorize request that was analysed.
    pub chosen: Option<usize>,
    /// The (client_id, redirect_uri) of every authorize request that carries both, in order:
    /// which apps signed in in this recording.
    pub apps: Vec<(String, String)>,
    /// Its URL (a POST's form body appended as a query).
    pub authorize_url: Option<String>,
    /// Its redirect URI.
    pub redirect_uri: Option<String>,
    /// What reached the app, when it arrived (see [`super::Evidence::landing`]).
    pub landing: Option<String>,
    /// True when Entra answered yet no cookie or credential header is in
    /// the HAR.
    pub sanitized: bool,
    /// True when, besides, the requests' other headers were recorded: the
    /// shape of a browser's sanitised export.
    pub sanitized_export: bool,
    /// The flow, request by request.
    pub timeline: Vec<Step>,
    /// The token requests of the analysed flow.
    pub tokens: Vec<TokenRequest>,
    /// The findings that need no other input.
    pub findings: Vec<Finding>,
    /// True when the file lists the entries out of time order: they were
    /// read, and are numbered, in the order the browser started them.
    pub reordered: bool,
}

impl Trace {
    /// The findings, with those that need the registration's platforms.
    pub fn findings_for(&self, ctx: &Context) -> Vec<Finding> {
        let mut out = self.findings.clone();
        // A browser redemption that got no answer: the registration's platform
        // says whether the likely cross-origin refusal is AADSTS9002326.
        for t in self.tokens.iter().filter(|t| t.status <= 0) {
            let uri = t.redirect_uri.as_deref().or(self.redirect_uri.as_deref());
            let Some(platform) = uri.and_then(|u| ctx.platform_of(u)) else {
                continue;
            };
            let at = format!("({})", at(t.index));
            let Some(f) = out.iter_mut().find(|f| {
                f.code == "har.token_origin_platform"
                    && f.aadsts.is_none()
                    && f.detail.contains(&at)
            }) else {
                continue;
            };
            let uri = uri.unwrap_or("");
            *f = if platform == Platform::Spa {
                finding("har.error_returned")
                    .title("The browser's token request got no answer (status 0)")
                    .detail(format!("{} The pasted registration has {uri} under Single-page application, so if it is the registration Entra read, the platform is not the cause: another cross-origin refusal or a network failure stopped the request.", f.detail))
                    .fix("Open the browser console at the failed token request: its CORS or network message, and the token request's Response tab, say what refused it. Check that the registration pasted is the one of the request's client_id.")
            } else {
                f.clone()
                    .aadsts(9002326)
                    .title("The browser redeemed the code, but the redirect URI is not a single-page-application URI")
                    .detail(format!("{} The pasted registration has {uri} under {}: Entra refuses the browser's redemption with AADSTS9002326.", f.detail, platform.portal_name()))
                    .reference(aadsts::error_lookup_url(9002326))
            };
        }
        if out.iter().any(|f| f.code == "har.token_origin_platform") {
            return out;
        }
        for t in &self.tokens {
            let uri = t.redirect_uri.as_deref().or(self.redirect_uri.as_deref());
            let Some(platform) = uri.and_then(|u| ctx.platform_of(u)) else {
                continue;
            };
            let at = format!("#{}", t.index + 1);
            match (&t.origin, platform) {
                (Some(o), Platform::Web | Platform::PublicClient) => {
                    out.push(
                        finding("har.token_origin_platform")
                            .aadsts(9002326)
                            .title("The browser redeemed the code, but the redirect URI is not a single-page-application URI")
                            .detail(format!("The token request ({at}) carries Origin: {o}, so Entra treats it as a cross-origin (browser) redemption, which is allowed only for redirect URIs registered under Single-page application; {} is registered under {}. Entra answers AADSTS9002326.", uri.unwrap_or(""), platform.portal_name()))
                            .fix("Move the redirect URI to the Single-page application platform (manifest type Spa), or redeem the code on a server (no Origin header) if this is a web app with a secret.")
                            .reference(aadsts::error_lookup_url(9002326)),
                    );
                    break;
                }
                (None, Platform::Spa) => {
                    out.push(
                        finding("har.token_origin_platform")
                            .aadsts(9002327)
                            .title("The code of a single-page-application URI was redeemed without an Origin header")
                            .detail(format!("The token request ({at}) has no Origin header, but {} is registered under Single-page application: tokens for SPA URIs may only be redeemed by cross-origin (browser) requests. Entra answers AADSTS9002327.", uri.unwrap_or("")))
                            .fix("Redeem the code from the browser (MSAL.js), or register the redirect URI under Web if a server redeems it.")
                            .reference(aadsts::error_lookup_url(9002327)),
                    );
                    break;
                }
                _ => {}
            }
        }
        out
    }
}

/// What Entra answered to a flow.
#[derive(Clone, Debug, Default)]
enum Answer {
    /// Nothing that sends the browser back.
    #[default]
    None,
    /// A 3xx to the app.
    Redirect { idx: usize, location: String },
    /// A form_post page.
    FormPost { idx: usize, form: Form },
    /// Entra's own error page.
    ErrorPage {
        idx: usize,
        codes: Vec<u32>,
        message: String,
    },
}

/// One authorize request and what followed.
#[derive(Clone, Debug, Default)]
struct Flow {
    idx: usize,
    url: String,
    params: Vec<(String, String)>,
    method: String,
    answer: Answer,
    steps: Vec<(usize, StepKind, String)>,
    findings: Vec<Finding>,
    landing: Option<String>,
    code: Option<String>,
    /// The entry after which this flow's token request is looked for.
    after: usize,
    tokens: Vec<TokenRequest>,
    /// The SAML request, for a sign-in sent to `/saml2` (its fields empty when the
    /// `SAMLRequest` cannot be decoded).
    saml: Option<SamlRequest>,
}

impl Flow {
    fn get(&self, name: &str) -> Option<&str> {
        get(&self.params, name)
    }
    /// The redirect URI asked for: a SAML request's AssertionConsumerServiceURL.
    fn redirect_uri(&self) -> Option<&str> {
        self.get("redirect_uri")
            .or_else(|| self.saml.as_ref().and_then(|s| s.acs_url.as_deref()))
    }
    fn failed(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
    /// A silent request (prompt=none) answered with "interaction needed": an
    /// expected step when the app falls back to an interactive sign-in.
    fn benign_silent_failure(&self) -> bool {
        self.get("prompt") == Some("none")
            && self.failed()
            && self
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .all(|f| {
                    f.code == "har.error_returned"
                        && matches!(
                            f.aadsts,
                            Some(
                                50058
                                    | 50076
                                    | 50079
                                    | 65001
                                    | 16000
                                    | 16001
                                    | 50158
                                    | 50072
                                    | 50074
                            ) | None
                        )
                })
    }
}

fn location(e: &Entry) -> Option<String> {
    let loc = e
        .resp_headers
        .get("location")
        .filter(|l| !l.is_empty())
        .or_else(|| Some(e.redirect_url.as_str()).filter(|l| !l.is_empty()))?;
    Some(resolve(e.request.url.as_str(), loc))
}

/// The browser cancelled the request itself (ERR_ABORTED; WebKit's "cancelled"): the page moved
/// on or was closed.
fn aborted(e: &Entry) -> bool {
    e.error.as_deref().is_some_and(|x| {
        let u = x.to_ascii_uppercase();
        u.contains("ABORTED") || u.contains("CANCELLED") || u.contains("CANCELED")
    })
}

/// The browser gave up following redirects (Chrome's and Edge's ERR_TOO_MANY_REDIRECTS,
/// Firefox's NS_ERROR_REDIRECT_LOOP): the end of a redirect loop, not a network failure.
fn redirect_limit(e: &Entry) -> bool {
    e.status <= 0
        && e.error.as_deref().is_some_and(|x| {
            // WebKit's words: "too many HTTP redirects".
            let u = x.to_ascii_uppercase().replace(' ', "_");
            (u.contains("TOO_MANY") && u.contains("REDIRECTS")) || u.contains("REDIRECT_LOOP")
        })
}

/// The finding for a loop the browser cut at `i`, where `where_` says which request it was.
fn loop_cut(i: usize, url: &str, where_: &str) -> Finding {
    finding("har.sign_in_loop")
        .title("The browser stopped a sign-in loop: too many redirects")
        .detail(format!(
            "The browser gave up at {} ({}, {where_}): it had followed too many redirects in a row (Chrome, Edge and Firefox stop at 20), so the app and Entra kept sending it back and forth. This is the end of a loop, not a network failure: the requests before it in the loop were answered.",
            at(i),
            shown(url)
        ))
        .fix("Find why the app sends the browser back to sign in after the callback: the session cookie the callback sets does not come back (SameSite, Secure over http, over 4 KB, a Domain that does not cover the host), the app does not accept it (instances without a shared data protection key ring), or the page after sign-in needs something the user lacks and answers with a new sign-in instead of 403.")
}

/// Why the browser got no answer to an entry (HAR status 0): its `_error`
/// and what that means, or `None` when it was answered.
fn no_answer(e: &Entry) -> Option<String> {
    if e.status > 0 {
        return None;
    }
    let Some(err) = e.error.as_deref() else {
        return Some(
            "the request got no response (status 0): it failed or was cancelled in the browser"
                .to_string(),
        );
    };
    // Chromium's codes (net::ERR_CONNECTION_REFUSED), Firefox's (NS_ERROR_CONNECTION_REFUSED),
    // and the words of WebKit and of proxies ("Could not connect to the server.", "Connection
    // refused") alike.
    let u = err.to_ascii_uppercase().replace(' ', "_");
    let meaning = if u.contains("BLOCKED_BY_CLIENT") {
        "the browser itself cancelled it: an extension (ad, tracker or privacy blocker) blocked the request"
    } else if u.contains("BLOCKED_BY_ADMINISTRATOR") || u.contains("BLOCKED_BY_POLICY") {
        "a browser policy set by an administrator blocked the request"
    } else if u.contains("BLOCKED_BY_RESPONSE") || u.contains("BLOCKED_BY_CSP") {
        "the browser blocked it for the page's security headers (Content-Security-Policy, Cross-Origin policies, X-Frame-Options in a frame)"
    } else if u.contains("CONNECTION_REFUSED") || u.contains("COULD_NOT_CONNECT") {
        "nothing listens at that address and port: the server, or a desktop app's local listener, was not running"
    } else if u.contains("NAME_NOT_RESOLVED")
        || u.contains("UNKNOWN_HOST")
        || u.contains("HOSTNAME_COULD_NOT_BE_FOUND")
        || u.contains("COULD_NOT_RESOLVE")
    {
        "the host name does not resolve (DNS): a typo, an internal name, or no network"
    } else if u.contains("CERT") || u.contains("SSL") || u.contains("SECURITY") {
        "the TLS connection was refused (an untrusted or wrong certificate, or https to a server that speaks http)"
    } else if u.contains("ABORTED") || u.contains("CANCELLED") || u.contains("CANCELED") {
        "the request was cancelled: the page navigated elsewhere or was closed, or a script stopped it"
    } else if u.contains("INTERNET_DISCONNECTED")
        || u.contains("OFFLINE")
        || u.contains("TIMED_OUT")
        || u.contains("TIMEOUT")
        || u.contains("CONNECTION_RESET")
        || u.contains("CONNECTION_CLOSED")
        || u.contains("NET_RESET")
        || u.contains("PROXY")
        || u.contains("TUNNEL")
        || u.contains("NETWORK")
    {
        "the network failed (no connection, a timeout, a dropped connection, or a proxy)"
    } else {
        GENERIC_FAILURE
    };
    let err = err.trim_end_matches('.');
    Some(format!("the browser reports {err} ({meaning})"))
}

const GENERIC_FAILURE: &str = "the browser reports the request failed before any answer";

/// A browser request that got no answer for no named network reason
/// (`net::ERR_FAILED`, or no `_error` at all): what a cross-origin (CORS)
/// refusal looks like in a HAR.
fn generic_failure(e: &Entry) -> bool {
    e.status <= 0
        && no_answer(e).is_some_and(|w| {
            w.contains(GENERIC_FAILURE) || w.contains("it failed or was cancelled in the browser")
        })
}

fn is_redirect(status: i64) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

fn post_pairs(e: &Entry) -> Vec<(String, String)> {
    let Some(p) = &e.request.post else {
        return Vec::new();
    };
    if let Some(t) = p.text.as_ref().filter(|t| !t.as_str().is_empty()) {
        let mime = p.mime.as_str().to_ascii_lowercase();
        if mime.is_empty() || mime.contains("x-www-form-urlencoded") {
            return pairs(t.as_str());
        }
        return Vec::new();
    }
    p.params
        .iter()
        .flatten()
        .map(|pp| {
            let v = pp.value.as_str();
            let v = if v.contains('%') {
                uri::form_decode(v).0
            } else {
                v.to_string()
            };
            (pp.name.as_str().to_string(), v)
        })
        .collect()
}

fn post_text(e: &Entry) -> Option<String> {
    let p = e.request.post.as_ref()?;
    if let Some(t) = p.text.as_ref().filter(|t| !t.as_str().is_empty()) {
        return Some(t.as_str().to_string());
    }
    let params = p.params.as_ref()?;
    Some(
        params
            .iter()
            .map(|pp| {
                let v = pp.value.as_str();
                let v = if v.contains('%') {
                    v.to_string()
                } else {
                    uri::form_encode(v)
                };
                format!("{}={v}", pp.name.as_str())
            })
            .collect::<Vec<_>>()
            .join("&"),
    )
}

fn is_authorize(e: &Entry) -> bool {
    let url = e.request.url.as_str();
    is_entra_url(url)
        && (ends_with_endpoint(
            url,
            &[
                "/oauth2/v2.0/authorize",
                "/oauth2/authorize",
                "/v2.0/adminconsent",
                "/adminconsent",
            ],
        ) || is_saml_request(e))
}

/// A SAML sign-in request: `SAMLRequest` sent to Entra's `/saml2` endpoint, in the query
/// (redirect binding) or in a POST's form body (POST binding).
fn is_saml_request(e: &Entry) -> bool {
    let url = e.request.url.as_str();
    is_entra_url(url)
        && ends_with_endpoint(url, &["/saml2"])
        && (get(&query_pairs(url), "SAMLRequest").is_some()
            || method_of(e).eq_ignore_ascii_case("POST")
                && get(&post_pairs(e), "SAMLRequest").is_some())
}

fn is_token(e: &Entry) -> bool {
    let url = e.request.url.as_str();
    e.request.method.as_str().eq_ignore_ascii_case("POST")
        && is_entra_url(url)
        && ends_with_endpoint(url, &["/oauth2/v2.0/token", "/oauth2/token"])
}

/// What a redirect from `from` to `to` changed, when both are the same
/// endpoint (same path but for case or a trailing slash); `None` for a
/// redirect to another page.
fn rewrite(
    from: &str,
    to: &str,
    status: i64,
    method: &str,
    at_redirect_uri: bool,
) -> Option<Vec<String>> {
    let (a, b) = (Uri::new(from), Uri::new(to));
    let (pa, pb) = (a.path(), b.path());
    let loose = |p: &str| p.trim_end_matches('/').to_ascii_lowercase();
    if loose(pa) != loose(pb) {
        return None;
    }
    let mut changes = Vec::new();
    let (sa, sb) = (a.scheme_lower(), b.scheme_lower());
    if sa != sb {
        changes.push(format!("scheme {sa} → {sb}"));
    }
    let (ha, hb) = (a.host().unwrap_or(""), b.host().unwrap_or(""));
    if !ha.eq_ignore_ascii_case(hb) {
        changes.push(format!("host {ha} → {hb}"));
    } else if ha != hb {
        changes.push(format!("host case {ha} → {hb}"));
    }
    if a.port() != b.port() {
        changes.push(format!(
            "port {} → {}",
            a.port().unwrap_or("(default)"),
            b.port().unwrap_or("(default)")
        ));
    }
    if pa != pb {
        if pa.trim_end_matches('/') == pb.trim_end_matches('/') {
            changes.push(if pb.ends_with('/') {
                "trailing slash added".to_string()
            } else {
                "trailing slash removed".to_string()
            });
        } else {
            changes.push("path letter case changed".to_string());
        }
    }
    let qa = query_pairs(from);
    let qb = query_pairs(to);
    let carried = ["code", "error", "state"];
    let dropped: Vec<&str> = carried
        .iter()
        .copied()
        .filter(|n| get(&qa, n).is_some() && get(&qb, n).is_none())
        .collect();
    let method_post = method.eq_ignore_ascii_case("POST");
    if !dropped.is_empty() {
        // An app that read the code may redirect to itself without it (302/303).
        if changes.is_empty() && at_redirect_uri && matches!(status, 302 | 303) && !method_post {
            return None;
        }
        changes.push(format!("query dropped ({})", dropped.join(", ")));
    }
    if method_post && matches!(status, 301..=303) {
        if changes.is_empty() && at_redirect_uri {
            // The app answered its own POST with a redirect to itself: it read it.
            return None;
        }
        changes.push(format!(
            "POST turned into GET by the {status} (the form body is not sent again)"
        ));
    }
    if changes.is_empty() {
        None
    } else {
        Some(changes)
    }
}

/// Facts about every entry, worked out once: the flows search forward
/// through the whole HAR many times.
struct Ix<'e, 'a> {
    entries: &'e [Entry<'a>],
    /// Each URL without query and fragment.
    base: Vec<&'e str>,
    /// Whether each request goes to an Entra host.
    entra: Vec<bool>,
    /// Each URL's host (lowercase) and path without a trailing slash.
    key: Vec<String>,
}

impl<'e, 'a> Ix<'e, 'a> {
    fn new(entries: &'e [Entry<'a>]) -> Self {
        let mut ix = Ix {
            entries,
            base: Vec::with_capacity(entries.len()),
            entra: Vec::with_capacity(entries.len()),
            key: Vec::with_capacity(entries.len()),
        };
        for e in entries {
            let url = e.request.url.as_str();
            let u = Uri::new(url);
            ix.base.push(u.without_query_fragment());
            ix.entra
                .push(u.host().is_some_and(is_entra_host) || is_b2c_endpoint(&u));
            ix.key.push(page_key(&u));
        }
        ix
    }
    fn entra(&self, i: usize) -> bool {
        self.entra.get(i).copied().unwrap_or(false)
    }
}

/// Host (lowercase) and path without a trailing slash.
fn page_key(u: &Uri) -> String {
    format!(
        "{}{}",
        u.host().unwrap_or("").to_ascii_lowercase(),
        u.path().trim_end_matches('/')
    )
}

/// Finds the request the browser made for `target` after entry `after`.
fn next_request(ix: &Ix, after: usize, target: &str) -> Option<usize> {
    let want = target.split('#').next().unwrap_or(target);
    let want_base = base(want);
    let from = after + 1;
    ix.entries
        .iter()
        .enumerate()
        .skip(from)
        .find(|(_, e)| e.request.url.as_str() == want)
        .map(|(i, _)| i)
        .or_else(|| {
            ix.base
                .iter()
                .enumerate()
                .skip(from)
                .find(|(_, b)| **b == want_base)
                .map(|(i, _)| i)
        })
}

/// The first later request to the redirect URI's page (scheme, host case and
/// trailing slash aside).
fn later_request_to(ix: &Ix, after: usize, redirect_uri: &str) -> Option<usize> {
    let want = page_key(&Uri::new(redirect_uri));
    ix.key
        .iter()
        .enumerate()
        .skip(after + 1)
        .find(|(_, k)| **k == want)
        .map(|(i, _)| i)
}

fn at(i: usize) -> String {
    format!("#{}", i + 1)
}

/// A URL for a finding's text: secret values elided.
fn shown(url: &str) -> String {
    sanitize::elide_url(url)
}

fn method_of<'e>(e: &'e Entry<'_>) -> &'e str {
    let m = e.request.method.as_str();
    if m.is_empty() {
        "GET"
    } else {
        m
    }
}

/// Text on one line (error descriptions carry CR LF before Trace ID etc.).
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The finding for an error Entra sent back (redirect or form_post).
fn error_returned(error: Option<&str>, desc: Option<&str>, idx: usize, how: &str) -> Finding {
    let desc = desc.map(one_line);
    let desc = desc.as_deref();
    let codes = aadsts::codes_in(desc.unwrap_or(""));
    let first = codes.first().copied();
    let mut f = finding("har.error_returned");
    // Entra's form_post page posts its answer back; the other response modes redirect.
    let sent = if how.starts_with("a form_post") {
        "posted back"
    } else {
        "redirected back"
    };
    let text = format!(
        "Entra's answer ({}, {how}) sends the browser back with error={} error_description={}.",
        at(idx),
        error.unwrap_or("(none)"),
        desc.unwrap_or("(none)")
    );
    match first {
        Some(c) => {
            let specific = response::for_code(c, error);
            let summary = aadsts::lookup(c)
                .map(|i| format!(" AADSTS{c}: {}", i.summary))
                .unwrap_or_default();
            f = f
                .aadsts(c)
                .title(format!(
                    "Entra {sent} with {}AADSTS{c}",
                    error.map(|e| format!("{e} / ")).unwrap_or_default()
                ))
                .detail(format!("{text}{summary}"))
                .fix(specific.fix)
                .reference(aadsts::error_lookup_url(c));
        }
        None => match desc.and_then(response::b2c_error) {
            Some((c, why, fix)) => {
                f = f
                    .title(format!(
                        "Azure AD B2C {sent} with {}AADB2C{c}",
                        error.map(|e| format!("{e} / ")).unwrap_or_default()
                    ))
                    .detail(format!("{text} AADB2C{c}: {why}"))
                    .fix(fix);
            }
            None => {
                f = f
                    .title(format!("Entra {sent} with error={}", error.unwrap_or("?")))
                    .detail(text)
                    .fix("Read error_description for the AADSTS code and look the sign-in up in Entra's sign-in logs.");
            }
        },
    }
    f
}

/// `startedDateTime` (ISO 8601: any number of fraction digits, `Z` or an
/// offset such as `+01:00`) as microseconds since 1970 in UTC.
pub(crate) fn time_key(s: &str) -> Option<u64> {
    let s = s.trim();
    if let Some(iso) = us_date_time(s) {
        return time_key(&iso);
    }
    // Windows PowerShell's ConvertTo-Json: `/Date(1741701727000)/` (milliseconds, maybe an offset).
    if let Some(ms) = s.strip_prefix("/Date(").and_then(|r| r.strip_suffix(")/")) {
        let ms = ms.split(['+', '-']).next().unwrap_or("");
        return ms.parse::<u64>().ok()?.checked_mul(1000);
    }
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        if t.is_empty() || !t.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    };
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 24 || mi > 59 || sec > 60 {
        return None;
    }
    let mut i = 19;
    let mut micros = 0i64;
    let mut digits = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            if digits < 6 {
                micros = micros * 10 + i64::from(c - b'0');
                digits += 1;
            }
            i += 1;
        }
    }
    while digits < 6 {
        micros *= 10;
        digits += 1;
    }
    let offset_min = match b.get(i) {
        None | Some(b'Z' | b'z') => 0,
        Some(sign @ (b'+' | b'-')) => {
            let o: String = s.get(i + 1..)?.chars().filter(|c| *c != ':').collect();
            let oh: i64 = o.get(..2)?.parse().ok()?;
            let om: i64 = o.get(2..4).map_or(Some(0), |m| m.parse().ok())?;
            let m = oh * 60 + om;
            if *sign == b'-' {
                -m
            } else {
                m
            }
        }
        _ => return None,
    };
    // Days since 1970-01-01 of a proleptic Gregorian date.
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((mo + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = ((days * 24 + h) * 60 + mi) * 60 + sec - offset_min * 60;
    u64::try_from(secs.checked_mul(1_000_000)?.checked_add(micros)?).ok()
}

/// The US date and time Log Analytics writes in its CSV export
/// (`11/20/2026, 10:14:02.000 AM` under `TimeGenerated [UTC]`), or the
/// day-first dotted date of a German one (`20.11.2026, 10:14:02.000`), as
/// ISO 8601 UTC; `None` for any other form.
pub(crate) fn us_date_time(s: &str) -> Option<String> {
    let (date, time) = s.split_once(char::is_whitespace)?;
    let date = date.trim_end_matches(',');
    let mut d = date.split(['/', '.']);
    let (first, second, y) = (d.next()?, d.next()?, d.next()?);
    let (mo, day) = if date.contains('.') {
        (second, first)
    } else {
        (first, second)
    };
    let digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&t.len()) && t.bytes().all(|c| c.is_ascii_digit())
    };
    if d.next().is_some() || !digits(mo, 1..=2) || !digits(day, 1..=2) || !digits(y, 4..=4) {
        return None;
    }
    let time = time.trim();
    // The half of the day, with or without a space before it: `10:04 PM`, `10:04PM`, `10:04 p.m.`.
    let half_day = [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)]
        .into_iter()
        .find_map(|(mark, pm)| {
            let at = time.len().checked_sub(mark.len())?;
            let clock = time.get(..at)?;
            time.get(at..)?
                .eq_ignore_ascii_case(mark)
                .then_some((clock.trim_end(), Some(pm)))
        });
    let (clock, half) = half_day.unwrap_or((time, None));
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, ""));
    let mut t = hms.split(':');
    let (h, mi, sec) = (t.next()?, t.next()?, t.next().unwrap_or("0"));
    if t.next().is_some()
        || !digits(h, 1..=2)
        || !digits(mi, 2..=2)
        || !digits(sec, 1..=2)
        || !frac.bytes().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let mut h: u32 = h.parse().ok()?;
    match half {
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(pm) => h = h % 12 + if pm { 12 } else { 0 },
        None => {}
    }
    let frac = if frac.is_empty() {
        String::new()
    } else {
        format!(".{frac}")
    };
    Some(format!(
        "{y}-{mo:0>2}-{day:0>2}T{h:02}:{mi}:{sec:0>2}{frac}Z"
    ))
}

/// The entries in the order the browser started them (HAR 1.2: readers must
/// not rely on the order of the file), when the file lists them otherwise and
/// every entry has a readable `startedDateTime`; `None` when the file order
/// stands. Equal times keep their file order.
fn in_time_order<'a>(entries: &[Entry<'a>]) -> Option<Vec<Entry<'a>>> {
    let keys: Vec<u64> = entries
        .iter()
        .map(|e| time_key(e.started.as_str()))
        .collect::<Option<_>>()?;
    if keys.windows(2).all(|w| w.first() <= w.last()) {
        return None;
    }
    let mut v: Vec<(u64, Entry)> = keys.into_iter().zip(entries.iter().cloned()).collect();
    crate::core::order::by_key(&mut v, |(k, _)| *k);
    Some(v.into_iter().map(|(_, e)| e).collect())
}

/// Traces a HAR.
pub fn trace(log: &Log) -> Trace {
    let file: &[Entry] = log.entries.as_deref().unwrap_or(&[]);
    let sorted = in_time_order(file);
    let entries: &[Entry] = sorted.as_deref().unwrap_or(file);
    let ix = Ix::new(entries);
    let creator = log
        .browser
        .as_ref()
        .or(log.creator.as_ref())
        .map(|c| {
            format!("{} {}", c.name.as_str(), c.version.as_str())
                .trim()
                .to_string()
        })
        .filter(|s| !s.is_empty());
    let mut t = Trace {
        creator: creator.clone(),
        entries: entries.len(),
        reordered: sorted.is_some(),
        ..Trace::default()
    };
    t.authorize = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| is_authorize(e))
        .map(|(i, _)| i)
        .collect();
    t.apps = t
        .authorize
        .iter()
        .filter_map(|&i| crate::core::authorize::read(entries.get(i)?.request.url.as_str()))
        .filter_map(|r| Some((r.client_id()?.to_string(), r.redirect_uri()?.to_string())))
        .collect();

    // Sanitised export: Entra always sets cookies, so none anywhere means they were stripped.
    let entra_answered = entries
        .iter()
        .enumerate()
        .any(|(i, e)| e.status > 0 && ix.entra(i));
    let any_cookie = entries.iter().any(|e| {
        e.request.headers.cookie
            || e.resp_headers.cookie
            || e.request.headers.authorization
            || e.request.cookies.0 > 0
            || e.resp_cookies > 0
    });
    t.sanitized = entra_answered && !any_cookie;
    // Chrome's and Edge's developer tools (creator WebInspector) export
    // sanitized by default; another browser or tool may not record cookies.
    let others = entries.iter().any(|e| e.request.headers.others);
    let chromium = log
        .creator
        .as_ref()
        .is_some_and(|c| c.name.as_str().eq_ignore_ascii_case("WebInspector"));
    t.sanitized_export = t.sanitized && others && chromium;

    let mut flows: Vec<Flow> = Vec::with_capacity(t.authorize.len());
    for (n, &a) in t.authorize.iter().enumerate() {
        let window_end = t.authorize.get(n + 1).copied().unwrap_or(entries.len());
        flows.push(trace_flow(&ix, a, window_end, t.sanitized));
    }
    let all_tokens: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| is_token(e))
        .map(|(i, _)| i)
        .collect();
    // Code redemptions, each with the code it redeems (read once).
    let redemptions: Vec<(usize, Option<String>)> = all_tokens
        .iter()
        .filter_map(|&i| {
            let pp = entries.get(i).map(post_pairs).unwrap_or_default();
            (get(&pp, "grant_type") == Some("authorization_code")).then(|| {
                (
                    i,
                    get(&pp, "code")
                        .filter(|c| known_value(c))
                        .map(str::to_string),
                )
            })
        })
        .collect();
    for (n, f) in flows.iter_mut().enumerate() {
        let next = t.authorize.get(n + 1).copied().unwrap_or(entries.len());
        let linked: Vec<usize> = redemptions
            .iter()
            .filter(|(i, code)| match (code.as_deref(), f.code.as_deref()) {
                (Some(c), Some(fc)) if known_value(fc) => c == fc,
                _ => *i > f.after && *i < next,
            })
            .map(|(i, _)| *i)
            .collect();
        let code_of = |i: usize| {
            redemptions
                .iter()
                .find(|(r, _)| *r == i)
                .and_then(|(_, c)| c.clone())
        };
        for &i in &linked {
            if let Some(e) = entries.get(i) {
                // Another redemption of the same code that got tokens (of this flow's code both,
                // when a sanitiser left no code to compare).
                let winner = linked.iter().copied().find(|&j| {
                    j != i && code_of(j) == code_of(i) && entries.get(j).is_some_and(got_tokens)
                });
                token_checks_beside(f, e, i, winner);
            }
        }
        // A redemption of this very code shows the app read it, though the HAR cannot show the
        // fragment or custom-scheme answer that carried it.
        let read_by = linked
            .iter()
            .copied()
            .find(|&i| code_of(i).is_some_and(|c| Some(c.as_str()) == f.code.as_deref()));
        let said = |c: &str| f.findings.iter().any(|x| x.code == c);
        if let Some(i) = read_by.filter(|_| said("har.code_issued") && !said("har.code_delivered"))
        {
            // The recording lacks the request to the redirect URI (a proxy capture of the
            // server's side, or one that started late), not the code: the app redeemed it.
            f.findings.retain(|x| {
                x.code != "har.code_lost" || !x.title.starts_with("No request to the redirect URI")
            });
            f.findings.push(finding("har.code_delivered").detail(format!("The app redeemed this authorization code at Entra's token endpoint ({}), so it read the code from Entra's answer; the recording does not show the request that brought it to the app.", at(i))).fix("Nothing to change between Entra and the app."));
        }
    }

    // A redirect URI rejection (AADSTS50011) that a later attempt of the
    // same app got past (it got its code): the registration or the app was
    // fixed in between, as the sign-in log reader judges it. Per flow, the
    // later flow that got its code.
    let resolved_by: Vec<Option<usize>> = flows
        .iter()
        .enumerate()
        .map(|(n, f)| {
            let rejected = f.failed()
                && f.findings
                    .iter()
                    .filter(|x| x.severity == Severity::Error)
                    .all(|x| x.aadsts == Some(50011));
            let app = f.get("client_id")?;
            flows
                .iter()
                .enumerate()
                .skip(n + 1)
                .find(|(_, o)| {
                    o.code.is_some()
                        && !o.failed()
                        && o.get("client_id")
                            .is_some_and(|c| c.eq_ignore_ascii_case(app))
                })
                .map(|(m, _)| m)
                .filter(|_| rejected)
        })
        .collect();
    let resolved = |n: usize| resolved_by.get(n).copied().flatten();

    // The flow to analyse: the last one that failed (an expected silent
    // failure and a resolved rejection aside), else the attempt that got
    // past the last resolved rejection, else the first.
    let last_resolved = (0..flows.len()).rev().find(|&n| resolved(n).is_some());
    // Cancelled because the page went on to another authorize request of the same app (a
    // second click, a redirect): superseded, no failure; the later request is what happened.
    let superseded = |n: usize| {
        flows.get(n).is_some_and(|f| {
            f.findings.iter().any(|x| {
                (x.code == "har.authorize_blocked"
                    && x.detail.contains("the request was cancelled"))
                    || x.code == "har.form_post_not_posted"
            }) && f.get("client_id").is_some_and(|app| {
                flows.iter().skip(n + 1).any(|o| {
                    o.get("client_id")
                        .is_some_and(|x| x.eq_ignore_ascii_case(app))
                })
            })
        })
    };
    let last_failed = flows.iter().enumerate().rposition(|(n, f)| {
        f.failed() && !f.benign_silent_failure() && resolved(n).is_none() && !superseded(n)
    });
    let first_real = flows
        .iter()
        .enumerate()
        .position(|(n, f)| !f.benign_silent_failure() && !superseded(n));
    let chosen = last_failed
        .or_else(|| last_resolved.and_then(resolved))
        .or(first_real)
        .or(if flows.is_empty() { None } else { Some(0) });
    // Why that one, in the same order as the choice.
    let chosen_why = if flows.len() < 2 {
        String::new()
    } else if last_failed.is_some() {
        " (the last that failed)".to_string()
    } else if last_resolved.and_then(resolved).is_some() {
        String::new() // said below, with the attempt it got past
    } else if first_real.is_some_and(|n| n > 0 && (0..n).any(superseded)) {
        " (the first that a later one of the same app did not replace)".to_string()
    } else if first_real.is_some_and(|n| n > 0) {
        " (the first that was not a silent attempt answered 'the user must sign in')".to_string()
    } else if first_real.is_some() {
        " (the first)".to_string()
    } else {
        " (the first; every one was a silent attempt answered 'the user must sign in')".to_string()
    };

    let mut findings = Vec::new();
    findings.extend(sign_in_loop(&ix, &flows, t.sanitized));
    if t.sanitized {
        let mut f = finding("har.sanitized_export").fix("For cookie problems (\"Correlation failed\", sign-in loops), export the HAR from the browser's developer tools again with sensitive data allowed and sanitise the copy here before sharing it.");
        let shape = if t.sanitized_export {
            "The HAR has no Cookie, Set-Cookie or Authorization header anywhere while the requests' other headers are there: the shape of a sanitized export (Export HAR (sanitized)).".to_string()
        } else {
            f = f.title("No cookies were recorded in this HAR").fix("For cookie problems (\"Correlation failed\", sign-in loops), record the HAR again in a browser that exports cookies (Chrome or Edge: Export HAR with sensitive data) and sanitise the copy here before sharing it.");
            if others {
                format!("The HAR has no Cookie, Set-Cookie or Authorization header anywhere, though Entra sets cookies on every sign-in: {} left them out of its export, or they were removed before it was shared.", creator.as_deref().unwrap_or("the browser or tool that wrote it"))
            } else {
                "The HAR has no cookies and no request headers at all, though Entra sets cookies on every sign-in: the tool that wrote it records no headers, or they were cut out (a browser's sanitized export keeps the other headers).".to_string()
            }
        };
        let bodies = if entries
            .iter()
            .any(|e| e.body.as_deref().is_some_and(|b| !b.trim().is_empty()))
        {
            "Query strings, form bodies and response bodies are still there"
        } else {
            "Query strings and form bodies are still there (no response body was recorded)"
        };
        findings.push(
            f.detail(format!("{shape} So this cannot be judged: whether the app's correlation and nonce cookies (.AspNetCore.Correlation.*, OpenIdConnect.nonce.*) came back on the callback (SameSite, http vs https), whether Entra's session cookies were present (single sign-on, Keep me signed in), and which bearer token API calls sent. {bodies}: codes, states and tokens are in the file.")),
        );
    }
    match chosen.and_then(|c| flows.get(c)) {
        None => {
            let entra = entries
                .iter()
                .filter(|e| is_entra_url(e.request.url.as_str()))
                .count();
            // A recording of the app's host only (a proxy in front of the app, a filtered
            // export): the app's redirect to Entra names the authorize request all the same.
            let sent_to_entra = entries.iter().enumerate().find_map(|(j, e)| {
                let loc = location(e)?;
                let path = Uri::new(&loc).path().to_ascii_lowercase();
                (is_entra_url(&loc) && path.ends_with("/authorize")).then_some((j, loc))
            });
            if let Some((j, loc)) = &sent_to_entra {
                t.authorize_url = Some(loc.clone());
                findings.push(finding("har.no_authorize").severity(Severity::Info).title(format!("The HAR holds the app's side only: its redirect to Entra ({}) is analysed as the authorize request", at(*j))).detail(format!(
                    "None of the {} requests goes to Entra ({entra} go to an Entra host), but the app's answer {} sends the browser to Entra's authorize endpoint: that URL is the request the browser made, and it is analysed as the authorize request unless one was pasted. Entra's own answer to it is not in the HAR (a recording of the app's host only: a proxy in front of the app, or an export filtered to it).",
                    entries.len(),
                    at(*j)
                )).fix("For Entra's answer too, record in the browser: open the developer tools on the app's tab, tick Preserve log, sign in, then export the HAR."));
            } else if let Some((j, ru, ok)) = all_tokens.iter().find_map(|&i| {
                let e = entries.get(i)?;
                let pairs = post_pairs(e);
                (get(&pairs, "grant_type") == Some("authorization_code")).then(|| {
                    (
                        i,
                        get(&pairs, "redirect_uri").unwrap_or("(none)").to_string(),
                        e.status == 200,
                    )
                })
            }) {
                // The code's redemption without the sign-in before it: MSAL.js's popup or
                // hidden frame, whose requests the app tab's developer tools do not record.
                let worked = if ok {
                    ", answered 200: the sign-in worked, Entra issued a code and the app redeemed it"
                } else {
                    ""
                };
                findings.push(finding("har.no_authorize").severity(if ok { Severity::Info } else { Severity::Warning }).title("The HAR holds the code's redemption but not the sign-in before it (a popup or hidden frame)").detail(format!(
                    "None of the {} requests goes to an Entra authorize endpoint, but {} redeems an authorization code at /token (redirect_uri {ru}{worked}). MSAL.js's loginPopup, acquireTokenPopup and silent calls sign in in a popup or hidden iframe, whose requests the developer tools of the app's tab do not record.",
                    entries.len(),
                    at(j)
                )).fix("To record the sign-in itself, tick 'Auto-open DevTools for popups' in the developer tools' settings (Chrome, Edge) and export the popup's HAR, or sign in once with loginRedirect; or paste the authorize URL from the popup's address bar into the authorize box."));
            } else {
                findings.push(finding("har.no_authorize").detail(format!(
                "None of the {} requests goes to an Entra authorize endpoint (…/oauth2/v2.0/authorize or …/oauth2/authorize on login.microsoftonline.com, *.b2clogin.com, a B2C policy's custom domain, *.ciamlogin.com or a national cloud) or carries a SAMLRequest to …/saml2; {entra} go to an Entra host. The recording probably started after the redirect to Entra, or the app signs in another way.",
                entries.len()
            )).fix("Open the developer tools on the app's tab, tick Preserve log in the Network panel, start the sign-in from the app, finish or fail it, then export the HAR."));
            }
            // Token requests alone still say something.
            let mut lone = Flow::default();
            // Code redemptions, and any other grant Entra refused (a refresh
            // token that needs MFA or consent again): its error is the story.
            for &i in &all_tokens {
                if let Some(e) = entries.get(i) {
                    if get(&post_pairs(e), "grant_type") == Some("authorization_code")
                        || e.status >= 400
                    {
                        token_checks(&mut lone, e, i);
                    }
                }
            }
            // A redemption refused because the redirect URI is not a single-page app's
            // (AADSTS9002326): Entra's text names the page's origin, which picks the registered
            // URI it stands for; with no authorize request, that text is the request.
            if t.authorize_url.is_none() {
                t.authorize_url = lone
                    .tokens
                    .iter()
                    .find(|tr| tr.error_codes.contains(&9002326))
                    .and_then(|tr| tr.description.clone());
            }
            let device_polls: Vec<usize> = all_tokens
                .iter()
                .copied()
                .filter(|&i| {
                    entries.get(i).is_some_and(|e| {
                        get(&post_pairs(e), "grant_type")
                            .is_some_and(|g| g.ends_with("device_code"))
                    })
                })
                .collect();
            let device = !device_polls.is_empty()
                || entries
                    .iter()
                    .any(|e| uri::is_device_code(e.request.url.as_str()));
            device_polling(&mut lone, entries, &device_polls);
            // Entra's own error page without the authorize request before it: a recording
            // started on the sign-in page, or a flow with no authorize request (device code).
            let page = (0..entries.len()).rev().find_map(|j| {
                let e = &entries[j];
                (ix.entra(j) && !is_token(e))
                    .then(|| e.body.as_deref().and_then(page_error))
                    .flatten()
                    .filter(|(codes, _)| !codes.is_empty())
                    .map(|(codes, message)| (j, codes, message))
            });
            if let Some((j, codes, message)) = page {
                let how = if device {
                    " This is the device code flow (a code entered at microsoft.com/devicelogin): it has no authorize request and no redirect URI, so no redirect URI or its platform plays a part; the app that showed the code gets no tokens when it polls for them."
                } else {
                    " The recording starts on Entra's sign-in page, after the app sent the browser there: the authorize request is not in the HAR, but Entra's answer is."
                };
                let fnd = error_page_finding(j, &codes, &message, false);
                let fnd = Finding {
                    detail: format!("{}{how}", fnd.detail),
                    ..fnd
                };
                lone.steps.push((
                    j,
                    StepKind::EntraResponse,
                    format!("Entra error page: AADSTS{}", codes[0]),
                ));
                lone.findings.push(fnd);
            }
            if device {
                // No authorize request is expected in a device code sign-in.
                for f in findings.iter_mut().filter(|f| f.code == "har.no_authorize") {
                    *f = f
                        .clone()
                        .severity(Severity::Info)
                        .title("The HAR records a device code sign-in, which has no authorize request")
                        .fix("Nothing to record again: the device code flow has no authorize request and no redirect URI; see Entra's answer in the other findings.");
                }
            }
            // A recording that starts at the app's callback (Entra's answer POSTed or sent in
            // the query to the app): what reached the app, and how the app answered.
            if let Some(cb) = lone_callback(&ix) {
                let e = &entries[cb];
                let landing = if method_of(e).eq_ignore_ascii_case("POST") {
                    post_text(e).unwrap_or_default()
                } else {
                    e.request.url.as_str().to_string()
                };
                let carries = if landing.contains("code=") {
                    "the code"
                } else {
                    "Entra's answer"
                };
                lone.steps
                    .push((cb, StepKind::Callback, "the app's callback".to_string()));
                // An error and no code (`?error=access_denied&error_description=AADSTS65004…`):
                // nothing was delivered; the landing's own findings say what came back.
                let error_only = carries != "the code"
                    && landing
                        .split(['?', '&', '#'])
                        .any(|p| p.starts_with("error="));
                if !error_only {
                    let start = match &sent_to_entra {
                        Some((j, _)) if *j < cb => format!("The HAR holds the app's requests only: after its redirect to Entra ({}), the browser sent {carries}", at(*j)),
                        _ => format!("The recording starts at the app's callback: the browser sent {carries}"),
                    };
                    let before = if sent_to_entra.is_some() {
                        "Entra's pages are"
                    } else {
                        "The authorize request and Entra's pages before it are"
                    };
                    lone.findings.push(finding("har.code_delivered").detail(format!("{start} to {} ({} {}), and the app answered {}. {before} not in the HAR.", shown(e.request.url.as_str()), method_of(e), at(cb), e.status)).fix("Nothing to change between Entra and the app."));
                }
                // A SAML response Entra posted with no SAMLRequest before it: a sign-in started
                // at Entra (My Apps, the portal's Test), sent to the app's Default Reply URL.
                let idp_initiated = landing.contains("SAMLResponse")
                    && (0..cb).any(|j| ix.entra(j))
                    && !entries
                        .iter()
                        .any(|x| x.request.url.as_str().contains("SAMLRequest="));
                if idp_initiated {
                    for f in findings.iter_mut().filter(|f| f.code == "har.no_authorize") {
                        *f = f.clone().severity(Severity::Info).title("The sign-in started at Entra: an IdP-initiated SAML sign-in (My Apps or the portal's Test), which has no SAMLRequest").detail(format!("No request of the app is in the HAR, and Entra's page posted a SAML response to {} ({}): Entra sends a sign-in started from My Apps or Test to the app's Default Reply URL.", shown(e.request.url.as_str()), at(cb))).fix("Nothing to record again.");
                    }
                    for f in lone
                        .findings
                        .iter_mut()
                        .filter(|f| f.code == "har.code_delivered")
                    {
                        f.detail = f
                            .detail
                            .replace("The recording starts at the app's callback: ", "");
                    }
                }
                lone.landing = Some(landing);
                if let Some(mut f) = app_error(&ix, &lone, entries.len(), t.sanitized) {
                    if idp_initiated && matches!(e.status, 404 | 405) {
                        f.fix = format!("Entra sent this IdP-initiated SAML response to the app's Default Reply URL, {}, where nothing handles it. If the app's Assertion Consumer Service is another of its Reply URLs, tick Default on that one (Enterprise applications › the app › Single sign-on › Basic SAML Configuration), or remove this one.", shown(e.request.url.as_str()));
                        f.detail = f.detail.replace(
                            "Entra's code reached the app",
                            "Entra's SAML response reached the app",
                        );
                    }
                    lone.findings.push(f);
                }
                t.landing = lone.landing.clone();
            }
            findings.append(&mut lone.findings);
            t.tokens = lone.tokens;
            t.timeline = lone
                .steps
                .iter()
                .filter_map(|(i, k, note)| step(entries, *i, *k, note))
                .collect();
        }
        Some(f) => {
            let fixed = last_resolved.filter(|&n| resolved(n) == chosen);
            let why = match fixed.and_then(|n| flows.get(n)) {
                Some(n) if last_failed.is_none() => format!(
                    " (the later attempt that got its code; {} failed before it)",
                    at(n.idx)
                ),
                _ => chosen_why.clone(),
            };
            let (kind, what) = match &f.saml {
                Some(s) => (
                    "SAML sign-in request",
                    format!(
                        "Issuer {}, AssertionConsumerServiceURL {}",
                        s.issuer.as_deref().unwrap_or("(none)"),
                        s.acs_url
                            .as_deref()
                            .unwrap_or("(none: Entra uses the default Reply URL)")
                    ),
                ),
                None => (
                    "Authorize request",
                    format!(
                        "client_id {}, redirect_uri {}, response_mode {}",
                        f.get("client_id").unwrap_or("(none)"),
                        f.redirect_uri().unwrap_or("(none)"),
                        f.get("response_mode").unwrap_or("(default)")
                    ),
                ),
            };
            findings.push(
                finding("har.authorize_found")
                    .title(format!("{kind} found in the HAR ({} {})", f.method, at(f.idx)))
                    .detail(format!(
                        "{} {} request{} in the HAR; analysed {}{why}: {what}.{} Its URL is analysed as the authorize request unless one was pasted.",
                        flows.len(),
                        if f.saml.is_some() { "sign-in" } else { "authorize" },
                        if flows.len() == 1 { "" } else { "s" },
                        at(f.idx),
                        if f.findings.iter().any(|x| x.code == "har.authorize_blocked") { " It never reached Entra (see the blocked-request finding)." } else if matches!(f.answer, Answer::None) && !f.findings.iter().any(|x| x.code == "har.code_delivered") { " Entra never sent the browser back in this recording: the sign-in page was still open (or the recording stopped) when the HAR was exported." } else { "" }
                    ) + if t.reordered { " Entries are numbered in the order the browser started them (startedDateTime); the file lists them in another order." } else { "" })
                    .fix("Nothing to change here; see the other findings."),
            );
            // A failure no later attempt undoes (a block, an MFA step) that a later attempt of
            // the same app got past all the same: said, the failure stays this attempt's.
            let later_success = chosen.and_then(|c| {
                let app = f.get("client_id")?;
                flows.iter().skip(c + 1).find(|o| {
                    o.code.is_some()
                        && !o.failed()
                        && o.get("client_id")
                            .is_some_and(|x| x.eq_ignore_ascii_case(app))
                })
            });
            let mut own = f.findings.clone();
            if let Some(later) = later_success.filter(|_| last_failed == chosen) {
                for x in own.iter_mut().filter(|x| x.severity == Severity::Error) {
                    x.detail.push_str(&format!(" A later attempt of the same app ({}) got its code, so this did not repeat there (another device, network, account, or a changed policy): it explains this attempt, not the later one.", at(later.idx)));
                }
            }
            findings.extend(own);
            findings.extend(after_sign_in(
                entries,
                &flows,
                chosen,
                &redemptions,
                &all_tokens,
            ));
            // The rejection this attempt got past, as information.
            if let Some(old) = fixed.and_then(|n| flows.get(n)) {
                let sent = |x: &Flow| x.redirect_uri().unwrap_or("(none)").to_string();
                let how = if sent(old) == sent(f) {
                    format!(
                        "with the same redirect URI {}: the registration was fixed in between",
                        sent(f)
                    )
                } else {
                    format!(
                        "sending {} where {} was rejected: the app was fixed in between",
                        sent(f),
                        sent(old)
                    )
                };
                for x in old
                    .findings
                    .iter()
                    .filter(|x| x.severity == Severity::Error)
                {
                    findings.push(
                        x.clone()
                            .severity(Severity::Info)
                            .title(format!("{} (resolved by a later sign-in)", x.title))
                            .detail(format!("{} A later attempt of the same app ({}) got its authorization code, {how}. This failure was resolved by a later sign-in; it is not the cause now. If sign-in still fails, the failing attempt is not in this HAR.", x.detail, at(f.idx)))
                            .fix("Nothing to change for this entry: a later sign-in of the same app got past the redirect URI check. If sign-in fails again, capture a HAR of that attempt and check it here."),
                    );
                }
            }
            // A request whose parameters the HAR did not keep (a POST body Firefox left
            // empty) refused on Entra's redirect-URI error page: that page's text quotes the
            // redirect URI and the app Entra received, and stands in for the request.
            let quoted = match &f.answer {
                Answer::ErrorPage { codes, message, .. }
                    if f.redirect_uri().is_none()
                        && (codes.iter().any(|c| matches!(c, 50011 | 500113))
                            || message.contains("AADB2C90006")) =>
                {
                    Some(message.clone())
                }
                _ => None,
            };
            t.authorize_url = Some(quoted.unwrap_or_else(|| f.url.clone()));
            t.redirect_uri = f.redirect_uri().map(str::to_string);
            t.landing = f.landing.clone();
            t.tokens = f.tokens.clone();
            t.chosen = Some(f.idx);
            // Timeline: the analysed flow in full, other flows by their
            // authorize request and Entra's answer.
            let mut marks: Vec<(usize, StepKind, String)> = Vec::new();
            for (n, other) in flows.iter().enumerate() {
                if Some(n) == chosen {
                    marks.extend(other.steps.iter().cloned());
                } else {
                    marks.extend(
                        other
                            .steps
                            .iter()
                            .filter(|(_, k, _)| {
                                matches!(k, StepKind::Authorize | StepKind::EntraResponse)
                            })
                            .cloned(),
                    );
                }
            }
            crate::core::order::by_key(&mut marks, |(i, _, _)| *i as u64);
            marks.dedup_by_key(|(i, _, _)| *i);
            const MAX_STEPS: usize = 500;
            if marks.len() > MAX_STEPS {
                let keep: Vec<usize> = f.steps.iter().map(|(i, _, _)| *i).collect();
                let mut extra = MAX_STEPS.saturating_sub(keep.len());
                marks.retain(|(i, _, _)| {
                    if keep.contains(i) {
                        true
                    } else if extra > 0 {
                        extra -= 1;
                        true
                    } else {
                        false
                    }
                });
            }
            t.timeline = marks
                .iter()
                .filter_map(|(i, k, note)| step(entries, *i, *k, note))
                .collect();
        }
    }
    // One loop finding: the one that names the cookies, ahead of the browser's cut.
    let mut loops = 0;
    findings.retain(|x| {
        loops += usize::from(x.code == "har.sign_in_loop");
        x.code != "har.sign_in_loop" || loops == 1
    });
    t.findings = findings;
    t.summary = format!(
        "HAR{}: {} requests, {} authorize request{}{}{}",
        creator.map(|c| format!(" from {c}")).unwrap_or_default(),
        entries.len(),
        t.authorize.len(),
        if t.authorize.len() == 1 { "" } else { "s" },
        if t.sanitized_export {
            " (sanitized export)"
        } else if t.sanitized {
            " (no cookies recorded)"
        } else {
            ""
        },
        if t.reordered {
            "; the file lists them out of time order, so they are read and numbered in the order the browser started them (startedDateTime)"
        } else {
            ""
        }
    );
    t
}

fn step(entries: &[Entry], i: usize, kind: StepKind, note: &str) -> Option<Step> {
    let e = entries.get(i)?;
    Some(Step {
        index: i,
        method: method_of(e).to_string(),
        url: e.request.url.as_str().to_string(),
        status: e.status,
        kind,
        note: note.to_string(),
    })
}

fn trace_flow(ix: &Ix, a: usize, window_end: usize, sanitized: bool) -> Flow {
    let entries = ix.entries;
    let e = entries.get(a);
    let url = e.map_or("", |e| e.request.url.as_str());
    let method = e.map_or("GET", method_of).to_ascii_uppercase();
    let mut params = query_pairs(url);
    let mut analysed_url = url.to_string();
    if let Some(e) = e.filter(|_| method == "POST") {
        params.extend(post_pairs(e));
        if let Some(body) = post_text(e).filter(|b| b.contains('=')) {
            let sep = if analysed_url.contains('?') { '&' } else { '?' };
            analysed_url = format!(
                "{}{sep}{body}",
                analysed_url.split('#').next().unwrap_or("")
            );
        }
    }
    let saml = e
        .filter(|e| is_saml_request(e))
        .map(|_| saml::read(&analysed_url).unwrap_or_default());
    let mut f = Flow {
        idx: a,
        url: analysed_url,
        params,
        method: method.clone(),
        answer: Answer::None,
        steps: vec![(
            a,
            StepKind::Authorize,
            format!("{method} authorize request"),
        )],
        findings: Vec::new(),
        landing: None,
        code: None,
        after: a,
        tokens: Vec::new(),
        saml,
    };
    let redirect_uri = f.redirect_uri().map(str::to_string);

    // Entra's answer: the first redirect or form_post back to the app; an
    // error page counts only if nothing follows it.
    let mut last_error: Option<Answer> = None;
    // Entra's last page whose body the HAR does not hold (Chrome keeps no body for a page it
    // left at once; Safari's exports hold none).
    let mut bodiless: Option<usize> = None;
    let mut last_entra = a;
    for j in a..window_end {
        let Some(e) = entries.get(j) else { break };
        if !ix.entra(j) {
            // Safari's export folds a redirect chain into one entry, the final URL with the
            // first request's method and body: Entra's redirect shows only as a request to
            // the redirect URI carrying the answer in its own URL.
            let url = e.request.url.as_str();
            let own: Vec<(String, String)> = query_pairs(url)
                .into_iter()
                .chain(fragment_pairs(url))
                .collect();
            let answers = ["code", "error"].iter().any(|n| get(&own, n).is_some());
            if answers
                && redirect_uri
                    .as_deref()
                    .is_some_and(|r| base(url) == base(r))
            {
                f.answer = Answer::Redirect {
                    idx: last_entra,
                    location: url.to_string(),
                };
                break;
            }
            // That page's form_post shows in the browser's POST of the answer to the
            // redirect URI right after it: the fields are the form's.
            if let Some(prev) = bodiless.filter(|_| method_of(e).eq_ignore_ascii_case("POST")) {
                let fields = post_pairs(e);
                let carries = ["code", "error", "id_token", "SAMLResponse"]
                    .iter()
                    .any(|n| get(&fields, n).is_some());
                let url = e.request.url.as_str();
                let at_redirect = redirect_uri.as_deref().is_none_or(|r| base(url) == base(r));
                if carries && at_redirect {
                    f.answer = Answer::FormPost {
                        idx: prev,
                        form: Form {
                            method: "post".to_string(),
                            action: url.to_string(),
                            fields,
                        },
                    };
                    break;
                }
            }
            continue;
        }
        last_entra = j;
        bodiless = (e.body.as_deref().is_none_or(|b| b.trim().is_empty())
            && (200..300).contains(&e.status))
        .then_some(j);
        if is_redirect(e.status) {
            if let Some(loc) = location(e) {
                let lp: Vec<(String, String)> = query_pairs(&loc)
                    .into_iter()
                    .chain(fragment_pairs(&loc))
                    .collect();
                let carries = ["code", "error", "id_token", "access_token"]
                    .iter()
                    .any(|n| get(&lp, n).is_some());
                let to_redirect = redirect_uri
                    .as_deref()
                    .is_some_and(|r| base(&loc) == base(r));
                if to_redirect || (carries && !is_entra_url(&loc)) {
                    f.answer = Answer::Redirect {
                        idx: j,
                        location: loc,
                    };
                    break;
                }
            }
            if j != a {
                f.steps
                    .push((j, StepKind::Other, format!("Entra redirect ({})", e.status)));
            }
            continue;
        }
        if let Some(body) = e.body.as_deref() {
            if let Some(form) = response_form(body) {
                if !is_entra_url(&form.action)
                    || redirect_uri
                        .as_deref()
                        .is_some_and(|r| base(&form.action) == base(r))
                {
                    f.answer = Answer::FormPost { idx: j, form };
                    break;
                }
            }
            if let Some((codes, message)) = page_error(body) {
                last_error = Some(Answer::ErrorPage {
                    idx: j,
                    codes,
                    message,
                });
                f.steps
                    .push((j, StepKind::EntraResponse, "Entra error page".to_string()));
                continue;
            }
        }
        if j != a {
            f.steps
                .push((j, StepKind::Other, "Entra sign-in page".to_string()));
        }
    }
    if matches!(f.answer, Answer::None) {
        if let Some(err) = last_error {
            f.answer = err;
        }
    }

    match f.answer.clone() {
        Answer::None => {
            // The app's own host (its redirect URI's), which is no identity provider.
            let app_host = f
                .redirect_uri()
                .and_then(|u| Uri::new(u).host().map(str::to_string));
            let reached_entra = (a..window_end)
                .any(|j| ix.entra(j) && entries.get(j).is_some_and(|e| e.status > 0));
            if let Some(cut) = e.filter(|e| redirect_limit(e)) {
                mark(
                    &mut f,
                    a,
                    StepKind::Authorize,
                    "the browser stopped here: too many redirects".to_string(),
                );
                f.findings.push(loop_cut(
                    a,
                    cut.request.url.as_str(),
                    "the authorize request",
                ));
            } else if let Some(why) = e.filter(|_| !reached_entra).and_then(no_answer) {
                mark(
                    &mut f,
                    a,
                    StepKind::Authorize,
                    "no answer: the request never reached Entra".to_string(),
                );
                f.findings.push(
                    finding("har.authorize_blocked")
                        .detail(format!(
                            "The authorize request ({}) got no answer from Entra: {why}. Entra never saw this sign-in, so there is nothing for it to reject or to send back, and nothing in its sign-in logs.",
                            at(a)
                        ))
                        .fix("Let the browser reach the Entra sign-in host (login.microsoftonline.com or the authority the app uses): allow it in the ad, tracker or privacy extension (or try a private window without extensions), in the browser or device policy, and in the proxy or firewall; then sign in again."),
                );
            } else if let Some(fnd) = federated_stop(ix, a, window_end, app_host.as_deref())
                .as_ref()
                .and_then(|stop| social_stop(ix, a, stop))
            {
                f.findings.push(fnd);
            } else if let Some(stop) = federated_stop(ix, a, window_end, app_host.as_deref()) {
                let FederatedStop {
                    idx: j,
                    host,
                    said,
                    status,
                    adfs,
                } = stop;
                let what = said.as_deref().map_or(String::new(), |t| {
                    format!(" Its page says: \"{}\".", one_line(t))
                });
                let answered = if status >= 400 {
                    format!(", which answered {status}")
                } else {
                    String::new()
                };
                let fix = if adfs {
                    "Have the identity provider's administrator look the error up by its Activity ID and time (AD FS: the AD FS/Admin event log; MSIS7012, for example, is an error processing the request there, often the relying party trust for Microsoft Online or a token-signing certificate); or test with a cloud-only account, which Entra signs in itself.".to_string()
                } else if said.is_some() || status >= 400 {
                    format!("Have the administrator of the identity provider at {host} look the sign-in up in its own log by the time: whether the user is assigned to its Microsoft 365 / Entra application there, is active, and passes its policies; or test with a cloud-only account, which Entra signs in itself.")
                } else {
                    format!("Finish signing in at {host} (the organisation's own sign-in page), or, if it cannot be finished, have its administrator look at the attempt in its own log; or test with a cloud-only account, which Entra signs in itself.")
                };
                f.findings.push(
                    finding("har.entra_error_page")
                        .severity(if said.is_some() || status >= 400 { Severity::Error } else { Severity::Warning })
                        .title(format!("The sign-in went on to the organisation's identity provider ({host}) and stopped there: no code was issued"))
                        .detail(format!("Entra sent the browser to {host} ({}{answered}), the identity provider that signs in users of this domain ({}), and nothing came back to Entra or the app after it, so no authorization code was issued in this recording.{what} The app and its redirect URI are not involved: the failure is at that server.", at(j), if adfs { "AD FS" } else { "a federation of the domain with another identity provider" }))
                        .fix(fix),
                );
            } else if let Some(fnd) = stopped_inside_entra(ix, a, window_end) {
                f.findings.push(fnd);
            } else if let Some(j) = mfa_started(ix, a, window_end) {
                f.findings.push(
                    finding("har.entra_error_page")
                        .severity(Severity::Warning)
                        .title("The sign-in stopped at Entra's multifactor step: it was started and never finished, so no code was issued")
                        .detail(format!("Entra started the second factor ({}: …/SAS/BeginAuth) and no answer of it (…/SAS/EndAuth, …/SAS/ProcessAuth) or redirect to the app follows in this recording: the push notification, call or code was not approved (or the HAR was exported before it was). The redirect URI is not involved.", at(j)))
                        .fix("Approve the sign-in in the authenticator app (or answer the call or text) and let the page finish; if no notification arrives, pick another verification method on the page. An admin finds the attempt in the sign-in logs (Authentication Details) by its time."),
                );
            } else if let Some(k) = posted_back(ix, a, window_end, redirect_uri.as_deref()) {
                // Entra's page was not kept, nor the POST's body: the browser's POST to the
                // redirect URI from Entra's origin is its form_post, delivered.
                f.after = k;
                let status = ix.entries.get(k).map_or(0, |e| e.status);
                mark(
                    &mut f,
                    k,
                    StepKind::Callback,
                    "the browser's POST of Entra's answer to the redirect URI (body not recorded)"
                        .to_string(),
                );
                // The POST got no answer (the app not running, a refused connection): the
                // answer never reached the app.
                let unanswered = ix
                    .entries
                    .get(k)
                    .and_then(|e| no_answer(e).map(|why| (e, why)));
                if let Some((e, why)) = unanswered {
                    let issued = (a..k).rev().find(|&j| ix.entra(j)).unwrap_or(a);
                    f.findings.push(unanswered_callback(e, k, issued, &why));
                } else {
                    f.findings.push(
                        finding("har.code_delivered")
                            .title("Entra's answer was posted to the redirect URI (its body is not in the HAR)")
                            .detail(format!("The browser POSTed to the redirect URI ({}) from Entra's page (its Origin is Entra's sign-in host): that is Entra's form_post, so the redirect URI was accepted and the answer reached the app, which answered {status}. The HAR kept neither Entra's page nor the POST's body, so whether it carried a code or an error cannot be read here.", at(k)))
                            .fix("Nothing to change for the redirect URI. If sign-in still fails, look at what the app did with the answer (its log, or the page it showed), or record the HAR again in a browser that keeps request and response bodies."),
                    );
                }
            } else if let Some(last) = silent_page(ix, a, window_end) {
                let in_file = ix.entries.get(last).is_some_and(|e| e.body_file);
                let packed = ix.entries.get(last).and_then(packed_body);
                let removed = ix.entries.get(last).is_some_and(|e| e.removed);
                f.findings.push(
                    finding("har.entra_error_page")
                        .severity(Severity::Warning)
                        .title(if removed { "The sign-in stopped on Entra's page (no code was issued), and the sanitiser removed its text from this copy" } else if packed.is_some() { "The sign-in stopped on Entra's page (no code was issued), and the HAR holds it still compressed" } else { "The sign-in stopped on Entra's page (no code was issued), and the HAR holds no text of it" })
                        .detail(format!(
                            "Entra answered {} with a page of its own and nothing went back to the app after it (no redirect or form_post to the redirect URI), so no authorization code was issued in this recording. The HAR holds no {}text of that page ({}), so what it showed, an AADSTS error or a sign-in step left unfinished, cannot be read here.",
                            at(last),
                            if packed.is_some() && !removed { "readable " } else { "" },
                            if in_file { "the recording wrote its body to a file beside the HAR, named by its content._file" } else { packed.as_deref().unwrap_or("its response body was not recorded") }
                        ))
                        .fix(if removed { REMOVED_FIX } else if packed.is_some() { PACKED_FIX } else if in_file { "Open the body file that entry's content._file names (in the recording's .zip, or the folder beside the .har) and paste Entra's error text (the AADSTS line) into the authorize box here; or record again with the bodies in the HAR (recordHar content: 'embed')." } else { "Sign in again and copy Entra's error text (the AADSTS line, with the Correlation ID and Timestamp of Troubleshooting details) into the authorize box here; or add the sign-in log entry of that attempt (Entra admin center › Sign-in logs, found by its time or correlation ID); or record the HAR again in a browser that keeps response bodies, with the developer tools open before the sign-in starts." }),
                );
            }
        }
        Answer::ErrorPage {
            idx,
            codes,
            message,
        } => {
            f.after = idx;
            let first = codes.first().copied();
            let fnd = error_page_finding(idx, &codes, &message, f.saml.is_some());
            f.findings.push(fnd);
            // Mark the error page as the answer in the timeline.
            f.steps.retain(|s| s.0 != idx || s.1 == StepKind::Authorize);
            mark(
                &mut f,
                idx,
                StepKind::EntraResponse,
                format!(
                    "Entra error page{}",
                    first.map(|c| format!(": AADSTS{c}")).unwrap_or_default()
                ),
            );
        }
        Answer::Redirect { idx, location } => {
            follow_redirect(ix, &mut f, idx, &location, redirect_uri.as_deref())
        }
        Answer::FormPost { idx, form } => {
            follow_form_post(ix, &mut f, idx, &form, redirect_uri.as_deref())
        }
    }
    if let Some(fnd) = app_error(ix, &f, window_end, sanitized) {
        // Entra's SAML response carried an error, not an assertion: the app's failure on it is
        // its effect, said after it and in SAML's words.
        let saml_error = f.findings.iter().any(|x| {
            x.code == "har.error_returned"
                && x.title.starts_with(crate::core::saml::ERROR_RESPONSE_TITLE)
        });
        if saml_error {
            f.findings.push(
                fnd.severity(Severity::Warning)
                    .title("The app failed on Entra's SAML error response")
                    .detail("Entra's SAML response (see the error finding) carried an error status instead of an assertion, and the app failed on it; the app's failure follows from Entra's error.".to_string())
                    .fix("Fix the error in Entra's SAML response first; an app that shows its own page for a SAML error status instead of failing is kinder to its users."),
            );
        } else {
            f.findings.push(fnd);
        }
    }
    crate::core::order::by_key(&mut f.steps, |s| s.0 as u64);
    f.steps.dedup_by_key(|s| s.0);
    f
}

/// The last page Entra answered in `a..end` (a 2xx) when no Entra page
/// there has its text recorded: the sign-in stopped on a page the HAR cannot
/// show.
/// Token failures beside the analysed sign-in: a silent request (prompt=none)
/// answered "consent needed" that no interactive request of the same app
/// followed, and a token request of another grant (a refresh token) that Entra
/// refused. They are warnings when the analysed sign-in got its code.
fn after_sign_in(
    entries: &[Entry],
    flows: &[Flow],
    chosen: Option<usize>,
    redemptions: &[(usize, Option<String>)],
    all_tokens: &[usize],
) -> Vec<Finding> {
    let Some(f) = chosen.and_then(|c| flows.get(c)) else {
        return Vec::new();
    };
    let signed_in = f.code.is_some() && !f.failed();
    let severity = if signed_in {
        Severity::Warning
    } else {
        Severity::Error
    };
    let after = if signed_in {
        " The sign-in itself worked (its code was issued); this failure came after it, when the app asked for another token."
    } else {
        ""
    };
    let consent = |x: &Finding| {
        x.severity == Severity::Error
            && x.aadsts.is_some_and(|c| {
                aadsts::lookup(c).is_some_and(|i| i.category == aadsts::Category::Consent)
            })
    };
    let mut out = Vec::new();
    for (n, o) in flows.iter().enumerate() {
        if Some(n) == chosen || !o.benign_silent_failure() {
            continue;
        }
        let app = o.get("client_id");
        let retried = flows
            .iter()
            .skip(n + 1)
            .any(|l| l.get("prompt") != Some("none") && l.get("client_id") == app);
        if retried {
            continue;
        }
        for x in o.findings.iter().filter(|x| consent(x)) {
            out.push(
                x.clone()
                    .severity(severity)
                    .detail(format!(
                        "{} The silent request ({}, prompt=none, scope {}) cannot show a consent prompt, and no interactive request of the app followed it in this recording, so the token it asked for was never obtained.{after}",
                        x.detail,
                        at(o.idx),
                        o.get("scope").unwrap_or("(none)")
                    ))
                    .fix("Consent is missing for the API's scope: have the app send an interactive request for it (MSAL: acquireTokenPopup or acquireTokenRedirect when the silent call fails with consent_required / interaction_required), or have an administrator grant consent for the tenant (Enterprise applications › Permissions › Grant admin consent)."),
            );
        }
    }
    // Token requests of another grant than the code redemptions (a refresh token).
    let mut other = Flow::default();
    for &i in all_tokens {
        let Some(e) = entries.get(i) else { continue };
        if e.status < 400 || redemptions.iter().any(|(r, _)| *r == i) {
            continue;
        }
        let pp = post_pairs(e);
        let grant = get(&pp, "grant_type").unwrap_or("(none)").to_string();
        // The device code flow's polls are said elsewhere.
        if grant.ends_with("device_code") {
            continue;
        }
        let before = other.findings.len();
        token_checks(&mut other, e, i);
        let scope = get(&pp, "scope").unwrap_or("(none)").to_string();
        // Without its body (not recorded), what it asked for is not known.
        let what = if pp.is_empty() {
            "Its request body is not in the HAR, so its grant type and scope cannot be read."
                .to_string()
        } else {
            format!("It is a {grant} request for scope {scope}.")
        };
        for x in other.findings.iter_mut().skip(before) {
            let consent_fix = consent(x);
            *x = x.clone().severity(severity).detail(format!(
                "{}. {what}{after}",
                x.detail.trim_end().trim_end_matches('.')
            ));
            if consent_fix {
                x.fix = "Consent is missing for the API's scope: have the app send an interactive request for it (MSAL: acquireTokenPopup or acquireTokenRedirect when the silent call fails with invalid_grant / interaction_required), or have an administrator grant consent for the tenant (Enterprise applications › Permissions › Grant admin consent).".to_string();
            }
        }
    }
    out.append(&mut other.findings);
    out
}

/// The device code flow's polling of /token (`polls`, the entries of its
/// `device_code` grant): "not yet" answers (authorization_pending AADSTS70016,
/// slow_down) are the flow waiting for the user, not failures. They are said
/// once, as information when tokens came after them, else as a warning.
fn device_polling(f: &mut Flow, entries: &[Entry], polls: &[usize]) {
    let waiting = |t: &TokenRequest| {
        polls.contains(&t.index)
            && (t.error_codes.contains(&70016)
                || matches!(
                    t.error.as_deref(),
                    Some("authorization_pending" | "slow_down")
                ))
    };
    let pending: Vec<usize> = f
        .tokens
        .iter()
        .filter(|t| waiting(t))
        .map(|t| t.index)
        .collect();
    let success = polls
        .iter()
        .copied()
        .find(|&i| entries.get(i).is_some_and(got_tokens));
    if pending.is_empty() && success.is_none() {
        return;
    }
    let said = |x: &Finding| {
        x.code == "har.error_returned"
            && pending
                .iter()
                .any(|i| x.detail.contains(&format!("({})", at(*i))))
    };
    f.findings.retain(|x| !said(x));
    for s in f.steps.iter_mut().filter(|s| pending.contains(&s.0)) {
        s.2 = "device code poll: authorization pending (AADSTS70016)".to_string();
    }
    let n = pending.len();
    let polled = match n {
        0 => String::new(),
        1 => format!("Entra answered 1 poll ({}) with authorization_pending (AADSTS70016): the user had not finished signing in on the other device yet, and the app polls again (RFC 8628 §3.5). ", at(pending[0])),
        _ => format!("Entra answered {n} polls ({} to {}) with authorization_pending (AADSTS70016): the user had not finished signing in on the other device yet, and the app polls again (RFC 8628 §3.5). ", at(pending[0]), at(pending[n - 1])),
    };
    let fnd = match success {
        Some(ok) => finding("har.error_returned")
            .severity(Severity::Info)
            .title("The device code sign-in succeeded: the app got its tokens")
            .detail(format!("{polled}The poll at {} got the tokens: the device code flow worked. It uses no redirect URI.", at(ok)))
            .fix("Nothing to change: 'authorization pending' answers are how the device code flow waits for the user."),
        None => finding("har.error_returned")
            .severity(Severity::Warning)
            .aadsts(70016)
            .title("The device code flow was still waiting for the user when the recording stopped (AADSTS70016)")
            .detail(format!("{polled}No poll in this recording got the tokens."))
            .fix("Have the user enter the code at the address the app showed and finish signing in before the code expires (expires_in); the app must keep polling every interval seconds. If it stops on the first authorization_pending, treat that answer as 'wait'."),
    };
    f.findings.push(fnd);
}

/// Entra's own error page (entry `idx`), read as `codes` and `message`.
fn error_page_finding(idx: usize, codes: &[u32], message: &str, saml: bool) -> Finding {
    let first = codes.first().copied();
    let untrusted = first.is_none_or(|c| {
        aadsts::lookup(c).is_none_or(|i| i.category == aadsts::Category::RedirectUri)
    });
    let mut fnd = finding("har.entra_error_page").detail(format!(
        "Entra answered {} with its own error page instead of sending the browser back to the app{}: \"{}\"",
        at(idx),
        if untrusted { " (it never redirects to a redirect URI it cannot trust)" } else { "" },
        one_line(message)
    ));
    if let Some(c) = first {
        let specific = response::for_code(c, None);
        let fix = if c == 50011 && saml {
            "Add the exact AssertionConsumerServiceURL the SAML request sends as a Reply URL (Basic SAML Configuration), or make the app send a registered one (see the redirect findings for the difference).".to_string()
        } else if c == 50011 {
            "Make the app send a registered redirect URI, or register the one it sends under the right platform where Entra's rules allow it (an http:// address off localhost is refused): the redirect findings give the difference and which to do.".to_string()
        } else {
            specific.fix
        };
        fnd = fnd
            .aadsts(c)
            .title(format!(
                "Entra showed its own error page: AADSTS{c}{}",
                aadsts::lookup(c)
                    .map(|i| format!(" ({})", i.summary.trim_end_matches('.')))
                    .unwrap_or_default()
            ))
            .fix(fix)
            .reference(aadsts::error_lookup_url(c));
    } else if let Some((c, why, fix)) = response::b2c_error(message) {
        fnd = fnd
            .title(format!("Azure AD B2C showed its own error page: AADB2C{c}"))
            .detail(format!("Azure AD B2C answered {} with its own error page instead of sending the browser back to the app: \"{}\" Why: {}.", at(idx), one_line(message).trim_end_matches('.'), why.trim_end_matches('.')))
            .fix(fix);
    } else {
        fnd = fnd.fix("Read the message on Entra's page; look the sign-in up in Entra's sign-in logs by its correlation ID.");
    }
    fnd
}

/// A request to a federation server's sign-in endpoint (AD FS, WS-Federation).
pub(crate) fn is_federation_url(url: &str) -> bool {
    let lower = url
        .get(..url.len().min(2048))
        .unwrap_or(url)
        .to_ascii_lowercase();
    lower.contains("/adfs/ls") || lower.contains("wa=wsignin1.0")
}

/// A sign-in that went no further than one of Entra's own steps after the authorize request:
/// a request of Entra's the browser could not complete (a redirect loop it cut, the device
/// check without a certificate), or an interrupt page never answered ("Stay signed in?", the
/// security-info registration).
fn stopped_inside_entra(ix: &Ix, a: usize, end: usize) -> Option<Finding> {
    // A request the page itself cancelled (a beacon or a poll as the tab moved on) is no step
    // of the sign-in.
    let cancelled = |j: usize| {
        ix.entries
            .get(j)
            .is_some_and(|e| e.status <= 0 && aborted(e))
    };
    let last = (a + 1..end).rev().find(|&j| ix.entra(j) && !cancelled(j))?;
    let e = ix.entries.get(last)?;
    let url = e.request.url.as_str();
    let lower = url.to_ascii_lowercase();
    if e.status <= 0 && e.error.is_some() {
        let err = e.error.as_deref().unwrap_or_default();
        if redirect_limit(e) {
            return Some(finding("har.entra_error_page").title("The sign-in looped inside Entra until the browser stopped it (too many redirects): no code was issued").detail(format!("After the authorize request, Entra's own pages redirected the browser again and again until it gave up at {} ({}, {err}). The app and its redirect URI are not involved: such a loop comes from the browser's state with Entra (its cookies for login.microsoftonline.com, a single sign-on extension or the device's sign-in state) or the device's clock.", at(last), shown(url))).fix("Clear the browser's cookies for login.microsoftonline.com (or try a private window), check the single sign-on extension (Windows Accounts, Microsoft Single Sign On) and the device's sign-in state and clock, then sign in again. An admin finds the attempt in the sign-in logs by its time."));
        }
        if lower.contains("deviceauthtls") || lower.contains("://device.login.") {
            return Some(finding("har.entra_error_page").title("Entra's device check failed in the browser: no code was issued").detail(format!("Entra sent the browser to its device check ({}, {}) to read the device's certificate, for a Conditional Access policy that requires a registered, joined or compliant device; the browser reports {err}: it had no device certificate to offer, or the certificate prompt was cancelled. The app and its redirect URI are not involved.", at(last), shown(url))).fix("Sign in from a device registered with Entra (Entra joined or registered; Company Portal on macOS, iOS and Android) in a browser that can present its certificate (Edge, or Chrome with the Windows Accounts or Microsoft Single Sign On extension), and choose the device's certificate when asked. An admin sees the policy that required the device in the sign-in log."));
        }
        let why = no_answer(e).unwrap_or_default();
        return Some(finding("har.entra_error_page").title("One of Entra's sign-in steps failed in the browser: no code was issued").detail(format!("After the authorize request, the browser's request to {} ({}) got no answer: {why}. The sign-in stopped there, inside Entra; the app and its redirect URI are not involved.", shown(url), at(last))).fix("Let the browser reach Entra's hosts (the proxy, firewall, extensions and network), then sign in again."));
    }
    // The interrupt pages, by the page's own id in its configuration.
    let pgid = e
        .body
        .as_deref()
        .and_then(|b| js_string(b, "pgid"))
        .unwrap_or_default();
    let registering = (last + 1..end).find(|&j| {
        ix.entries.get(j).is_some_and(|x| {
            let u = Uri::new(x.request.url.as_str());
            let (host, path) = (
                u.host().unwrap_or("").to_ascii_lowercase(),
                u.path().to_ascii_lowercase(),
            );
            (host == "mysignins.microsoft.com" && path.starts_with("/register"))
                || path.contains("/proofup")
        })
    });
    let kmsi = pgid == "KmsiInterrupt"
        || e.body
            .as_deref()
            .and_then(|b| js_string(b, "urlPost"))
            .is_some_and(|p| p.to_ascii_lowercase().ends_with("/kmsi"));
    if kmsi {
        return Some(finding("har.entra_error_page").severity(Severity::Warning).title("The sign-in stopped at Entra's \"Stay signed in?\" prompt, which was never answered: no code was issued").detail(format!("Entra's answer {} is its \"Stay signed in?\" page (an interrupt, logged as AADSTS50140, not a failure), and no answer to it (…/kmsi) or redirect to the app follows in this recording. The redirect URI is not involved.", at(last))).fix("Answer the prompt (Yes or No) and let the page finish, or export the HAR after it. If the prompt is not wanted, an admin can hide it (company branding: 'Show option to remain signed in')."));
    }
    if pgid == "ConvergedProofUpRedirect" || registering.is_some() {
        let at_ = registering.unwrap_or(last);
        return Some(finding("har.entra_error_page").severity(Severity::Warning).title("The sign-in stopped at the security info registration (More information required): no code was issued").detail(format!("Entra asked the user to register security info for multifactor authentication ({}) and the sign-in never came back from it in this recording: the registration was left unfinished (logged as an interrupt such as AADSTS50079 or 50072). The redirect URI is not involved.", at(at_))).fix("Finish registering the security info (the authenticator app or a phone number) and let the page return to the sign-in; or skip it if the page offers 'Skip for now'. An admin sees the registration policy in the sign-in log and the user's methods under Authentication methods."));
    }
    None
}

/// The entry of Entra's multifactor step begun (`…/SAS/BeginAuth`) when nothing of Entra
/// after it answers it (`…/SAS/EndAuth`, `…/SAS/ProcessAuth`): the step was never finished.
fn mfa_started(ix: &Ix, a: usize, end: usize) -> Option<usize> {
    let path_of = |j: usize| {
        ix.entries
            .get(j)
            .filter(|_| ix.entra(j))
            .map(|e| Uri::new(e.request.url.as_str()).path().to_ascii_lowercase())
    };
    let begun = (a..end)
        .rev()
        .find(|&j| path_of(j).is_some_and(|p| p.ends_with("/sas/beginauth")))?;
    // The page polls EndAuth while it waits for the approval: only a ProcessAuth, or an
    // EndAuth whose answer is not a plain "not yet" (or was not recorded), finished the step.
    let answered = (begun + 1..end).any(|j| {
        path_of(j).is_some_and(|p| {
            p.ends_with("/sas/processauth")
                || (p.ends_with("/sas/endauth")
                    && ix.entries.get(j).is_none_or(|e| {
                        let body = e.body.as_deref().unwrap_or("").trim();
                        body.is_empty()
                            || serde_json::from_str::<serde_json::Value>(body)
                                .ok()
                                .and_then(|v| v.get("Success")?.as_bool())
                                == Some(true)
                    }))
        })
    });
    (!answered).then_some(begun)
}

/// The federation server (AD FS, a WS-Federation or SAML identity provider of the user's
/// domain) a flow that got no answer went on to and ended at: its entry, its host, and the
/// error its page shows (`MSIS…`, "An error occurred …") when the HAR kept it.
fn federated_stop(ix: &Ix, a: usize, end: usize, app: Option<&str>) -> Option<FederatedStop> {
    let last = (a..end)
        .rev()
        .find(|&j| ix.entries.get(j).is_some_and(|e| e.status > 0))?;
    let e = ix.entries.get(last)?;
    let url = e.request.url.as_str();
    let lower = url.to_ascii_lowercase();
    let host = Uri::new(url).host()?.to_ascii_lowercase();
    // Microsoft's own account and security-info pages (personal accounts' live.com, My
    // Sign-Ins) are steps of Microsoft's sign-in, not the organisation's identity provider.
    let microsoft = [
        ".live.com",
        ".microsoft.com",
        ".windowsazure.com",
        ".msftauth.net",
        ".msauth.net",
    ]
    .iter()
    .any(|d| host.ends_with(d) || host == d.trim_start_matches('.'))
        || host == "aka.ms";
    if ix.entra(last) || microsoft || app.is_some_and(|h| h.eq_ignore_ascii_case(&host)) {
        return None;
    }
    // Entra handed the browser to this host (its redirect names it), and the flow
    // stayed there: the user's domain's identity provider, whatever its URLs look like
    // (Okta's sign-in widget, PingFederate's /idp/SSO.saml2).
    let handed = (a..last).any(|k| {
        ix.entra(k)
            && ix.entries.get(k).is_some_and(|x| {
                location(x).is_some_and(|l| {
                    Uri::new(&l)
                        .host()
                        .is_some_and(|h| h.eq_ignore_ascii_case(&host))
                })
            })
    });
    // Or the federation request itself went to this host, which then moved on inside it
    // (Okta's WS-Federation endpoint redirecting to its own sign-in page).
    let federation_here = (a..last).any(|k| {
        ix.entries.get(k).is_some_and(|x| {
            let u = x.request.url.as_str();
            (is_federation_url(u) || u.to_ascii_lowercase().contains("samlrequest="))
                && Uri::new(u)
                    .host()
                    .is_some_and(|h| h.eq_ignore_ascii_case(&host))
        })
    });
    let adfs = lower.contains("/adfs/");
    if !(is_federation_url(url) || lower.contains("samlrequest=") || handed || federation_here) {
        return None;
    }
    let text = e.body.as_deref().map(visible_text).unwrap_or_default();
    let said = if adfs || text.contains("MSIS") {
        let msis = text.find("MSIS").map(|i| text[i..].to_string());
        msis.or_else(|| text.contains("An error occurred").then(|| text.clone()))
    } else {
        // Another provider's page: its text when it answered an error, or says one.
        let l = text.to_ascii_lowercase();
        (e.status >= 400
            || ["error", "not assigned", "denied", "sorry", "unable"]
                .iter()
                .any(|w| l.contains(w)))
        .then(|| text.clone())
        .filter(|t| !t.is_empty())
    };
    Some(FederatedStop {
        idx: last,
        host,
        said: said.map(|t| t.chars().take(300).collect()),
        status: e.status,
        adfs: adfs || text.contains("MSIS"),
    })
}

/// A sign-in that went on to a social or another OAuth identity provider of a B2C or
/// External ID tenant (Google, Facebook …) and stopped there: named as that provider's,
/// and when its page refuses the redirect URI, the fix is the one B2C sent it
/// (`…/oauth2/authresp`), at that provider, not the app registration's.
fn social_stop(ix: &Ix, a: usize, stop: &FederatedStop) -> Option<Finding> {
    let tenant = request::federating_tenant(ix.entries.get(a)?.request.url.as_str());
    let known = request::other_provider(&stop.host, "")
        .and_then(|n| request::provider_console(n).map(|c| (n, c)));
    if known.is_none() && tenant == "Entra" {
        return None;
    }
    let e = ix.entries.get(stop.idx)?;
    // The provider's own OAuth request (the one B2C sent, before the provider moved on
    // inside its own pages) holds the redirect URI and the client ID B2C gave it.
    let provider_param = |name: &str| {
        (a..=stop.idx).rev().find_map(|k| {
            let url = ix.entries.get(k)?.request.url.as_str();
            let host = Uri::new(url).host()?.to_ascii_lowercase();
            (host == stop.host)
                .then(|| get(&query_pairs(url), name).map(str::to_string))
                .flatten()
        })
    };
    let sent = provider_param("redirect_uri");
    let client = provider_param("client_id").map_or(String::new(), |c| format!(" ({c})"));
    let (name, console) = known.unwrap_or((
        stop.host.as_str(),
        "the identity provider's settings for the client B2C uses",
    ));
    let text = e.body.as_deref().map(visible_text).unwrap_or_default();
    let refused = request::refuses_redirect(&text.to_ascii_lowercase());
    let said = stop.said.as_deref().map_or(String::new(), |t| {
        format!(" Its page says: \"{}\".", one_line(t))
    });
    let answered = if stop.status >= 400 {
        format!(", which answered {}", stop.status)
    } else {
        String::new()
    };
    let f = finding("har.entra_error_page");
    Some(match sent.filter(|_| refused) {
        Some(ru) => {
            let (title, fix) = request::provider_refusal(name, tenant, &ru, &client);
            f.title(title)
            .detail(format!("{tenant_c} sent the browser to {host} ({at}{answered}) to sign the user in with {name}, with redirect_uri={ru}: the address where {name} returns the user to {tenant} (…/oauth2/authresp for B2C), not the app's redirect URI. {name} checks it against the OAuth client {tenant} uses, and refused it.{said} The app registration's redirect URIs are not involved, and no code was issued.", tenant_c = upper_first(tenant), host = stop.host, at = at(stop.idx)))
            .fix(fix)
        }
        None => f
            .severity(if stop.said.is_some() || stop.status >= 400 { Severity::Error } else { Severity::Warning })
            .title(format!("The sign-in went on to {name} ({host}), an identity provider {tenant} offers, and stopped there: no code was issued", host = stop.host))
            .detail(format!("{tenant_c} sent the browser to {host} ({at}{answered}) to sign the user in with {name}, and nothing came back to {tenant} or the app after it, so no authorization code was issued in this recording.{said} The app and its redirect URI are not involved.", tenant_c = upper_first(tenant), host = stop.host, at = at(stop.idx)))
            .fix(if stop.said.is_some() || stop.status >= 400 {
                format!("Read {name}'s error above: its settings are in {console}, and the identity provider's configuration (client ID, secret) in {tenant}'s Identity providers blade. To test the rest of the sign-in, use a local account of {tenant}.")
            } else {
                format!("Finish signing in at {name} (the recording stopped on its page), or, if it cannot be finished, check the {name} identity provider's client ID and secret in {tenant}'s Identity providers blade and {console}; a local account of {tenant} tests the rest of the sign-in.")
            }),
    })
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| {
        std::iter::once(f.to_ascii_uppercase()).chain(c).collect()
    })
}

/// Where a federated sign-in stopped (see [`federated_stop`]).
struct FederatedStop {
    idx: usize,
    host: String,
    /// The error its page shows, when the HAR kept it.
    said: Option<String>,
    status: i64,
    /// The server is AD FS (its paths, its MSIS codes).
    adfs: bool,
}

fn silent_page(ix: &Ix, a: usize, end: usize) -> Option<usize> {
    let pages: Vec<usize> = (a..end)
        .filter(|&j| {
            ix.entra(j)
                && ix
                    .entries
                    .get(j)
                    .is_some_and(|e| (200..300).contains(&e.status))
        })
        .collect();
    let blank = |j: &usize| {
        ix.entries
            .get(*j)
            .is_none_or(|e| e.body.as_deref().is_none_or(|b| b.trim().is_empty()))
    };
    pages
        .iter()
        .all(blank)
        .then(|| pages.last().copied())
        .flatten()
}

/// A POST to the redirect URI sent from Entra's page (its Origin an Entra host)
/// whose body the HAR did not keep: Entra's form_post, when neither its page nor the POST's
/// body was recorded.
fn posted_back(ix: &Ix, a: usize, end: usize, redirect_uri: Option<&str>) -> Option<usize> {
    let r = redirect_uri?;
    (a + 1..end).find(|&k| {
        ix.entries.get(k).is_some_and(|e| {
            let from_entra = e
                .request
                .headers
                .get("origin")
                .and_then(|v| Uri::new(v).host().map(is_entra_host))
                .unwrap_or(false);
            method_of(e).eq_ignore_ascii_case("POST")
                && base(e.request.url.as_str()) == base(r)
                && from_entra
                && post_pairs(e).is_empty()
        })
    })
}

/// The text a page shows: tags dropped with the content of its scripts and styles (inline
/// code names error words it only handles), character references decoded, whitespace
/// collapsed.
fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len().min(MAX_APP_BODY));
    let mut in_tag = false;
    let mut skip_to = 0;
    for (i, c) in html.char_indices() {
        if i < skip_to {
            continue;
        }
        if c == '<' {
            let rest = html.as_bytes().get(i + 1..i + 9).unwrap_or_default();
            let close = ["script", "style", "noscript"].iter().find_map(|t| {
                let n = t.len();
                (rest.len() > n
                    && rest[..n].eq_ignore_ascii_case(t.as_bytes())
                    && matches!(rest[n], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/'))
                .then(|| format!("</{t}"))
            });
            if let Some(end_tag) = close {
                // To the end of the closing tag, or of the text when there is none.
                skip_to = find_ci(html, i + 1, &end_tag)
                    .and_then(|e| html.get(e..)?.find('>').map(|g| e + g + 1))
                    .unwrap_or(html.len());
                out.push(' ');
                continue;
            }
        }
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    one_line(&html_unescape(&out))
}

/// What `har.app_error` reads from an app's page, and nothing else: the
/// library messages it names and its AADSTS codes, in the order the finding
/// picks them. A share link carries this in place of the page, which may hold
/// cookies, stack traces and personal data.
/// What servers and proxies answer when a request's headers (its cookies) are too large:
/// nginx, IIS and HTTP.sys, Apache, and the 431 status text.
const HEADERS_TOO_LARGE: [&str; 5] = [
    "request header or cookie too large",
    "request too long",
    "size of the request headers is too long",
    "size of a request header field exceeds",
    "request header fields too large",
];

pub(crate) fn app_page_digest(body: &str) -> String {
    let text = visible_text(body);
    let lower = text.to_ascii_lowercase();
    let mut kept: Vec<String> = response::LIBRARY
        .iter()
        .filter_map(|(k, _, _)| lower.find(k).and_then(|p| text.get(p..p + k.len())))
        .map(str::to_string)
        .collect();
    kept.extend(
        HEADERS_TOO_LARGE
            .iter()
            .filter_map(|k| lower.find(k).and_then(|p| text.get(p..p + k.len())))
            .map(str::to_string),
    );
    kept.dedup();
    if let Some(p) = find_ci(&text, 0, "aadsts") {
        let codes = aadsts::codes_in(text.get(p..).unwrap_or(""));
        kept.extend(codes.iter().map(|c| format!("AADSTS{c}")));
    }
    named_digest(&kept).unwrap_or_else(|| "(page text left out of the share link)".to_string())
}

/// What a page left out of a share link still says: the words it named, if any.
fn named_digest(kept: &[String]) -> Option<String> {
    (!kept.is_empty()).then(|| {
        format!(
            "(page text left out of the share link; it named:) {}",
            kept.join(". ")
        )
    })
}

/// What a federation server's page (AD FS …) says of its failure, for a share link: its
/// MSIS codes and "An error occurred", nothing of the user; `None` when it says neither.
pub(crate) fn federation_digest(body: &str) -> Option<String> {
    let text = visible_text(body);
    let mut kept: Vec<String> = Vec::new();
    if text.contains("An error occurred") {
        kept.push("An error occurred".to_string());
    }
    let mut at = 0;
    while let Some(p) = text.get(at..).and_then(|r| r.find("MSIS")).map(|p| p + at) {
        let digits: String = text
            .get(p + 4..)
            .unwrap_or("")
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if !digits.is_empty() && !kept.contains(&format!("MSIS{digits}")) {
            kept.push(format!("MSIS{digits}"));
            if kept.len() >= 6 {
                break;
            }
        }
        at = p + 4;
    }
    named_digest(&kept)
}

/// Up to about 240 characters of `text` around the byte range `at`.
fn excerpt(text: &str, at: std::ops::Range<usize>) -> String {
    let mut start = at.start.saturating_sub(80);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at.end + 160).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    // Cut at word boundaries: from the next space after the start, to the last before the end.
    if start > 0 {
        if let Some(sp) = text.get(start..at.start).and_then(|t| t.find(' ')) {
            start += sp + 1;
        }
    }
    if end < text.len() {
        if let Some(sp) = text.get(at.end..end).and_then(|t| t.rfind(' ')) {
            end = at.end + sp;
        }
    }
    format!(
        "{}{}{}",
        if start > 0 { "…" } else { "" },
        text.get(start..end).unwrap_or("").trim(),
        if end < text.len() { "…" } else { "" }
    )
}

/// The app's own failure on the callback: the request that delivered the
/// code (or a repeat of it, a reload) got a 4xx/5xx whose page names a
/// library or framework message or an AADSTS code (`har.app_error`).
fn app_error(ix: &Ix, f: &Flow, window_end: usize, sanitized: bool) -> Option<Finding> {
    if !f.findings.iter().any(|x| x.code == "har.code_delivered") {
        return None;
    }
    let reached = f.steps.iter().find(|s| s.1 == StepKind::Callback)?.0;
    let key = ix.key.get(reached)?;
    let failed = (reached..window_end.max(reached + 1))
        .filter(|&i| i == reached || ix.key.get(i) == Some(key))
        .filter_map(|i| ix.entries.get(i).map(|e| (i, e)))
        .find(|(_, e)| e.status >= 400);
    let (i, e, text) = match failed {
        Some((i, e)) => (
            i,
            e,
            e.body.as_deref().map(visible_text).unwrap_or_default(),
        ),
        // The app caught the failure and redirected to its error page
        // (/Home/Error?message=Correlation failed.): the page, or its address, says why.
        None => {
            let e = ix.entries.get(reached)?;
            let loc = location(e).filter(|_| is_redirect(e.status))?;
            let page_at = (reached + 1..ix.entries.len().min(reached + 4))
                .find(|&n| ix.entries[n].request.url.as_str().ends_with(loc.as_str()));
            let page = page_at.and_then(|n| ix.entries.get(n));
            // The page the callback sent the browser to failed: the first request that carries
            // the new session.
            if let (Some(n), Some(p)) = (page_at, page.filter(|p| p.status >= 400)) {
                return Some(next_page_failed(ix, reached, n, p));
            }
            let said = format!(
                "{} {}",
                uri::form_decode(&loc).0,
                page.and_then(|p| p.body.as_deref())
                    .map(visible_text)
                    .unwrap_or_default()
            );
            let l = said.to_ascii_lowercase();
            let error_page = Uri::new(&loc)
                .path()
                .to_ascii_lowercase()
                .split('/')
                .any(|s| {
                    matches!(
                        s,
                        "error" | "errors" | "autherror" | "signin-error" | "login-error"
                    )
                });
            if !response::LIBRARY.iter().any(|(k, _, _)| l.contains(k))
                && !l.contains("aadsts")
                && !error_page
            {
                return None;
            }
            (reached, e, said)
        }
    };
    let lower = text.to_ascii_lowercase();
    let library = response::LIBRARY
        .iter()
        .find_map(|(k, why, fix)| lower.find(k).map(|p| (p..p + k.len(), *why, *fix)));
    let aadsts_at = find_ci(&text, 0, "aadsts");
    let code = aadsts_at.and_then(|p| {
        aadsts::codes_in(text.get(p..).unwrap_or(""))
            .first()
            .copied()
    });
    let url = e.request.url.as_str();
    let again = if i == reached {
        String::new()
    } else {
        format!(
            ", again after {} had delivered it: the page was reloaded or the request sent twice",
            at(reached)
        )
    };
    let said = match (&library, aadsts_at) {
        (Some((r, _, _)), _) => format!(" Its page says: \"{}\".", excerpt(&text, r.clone())),
        (None, Some(p)) => format!(" Its page says: \"{}\".", excerpt(&text, p..p + 6)),
        (None, None) if !text.is_empty() => {
            format!(" Its page says: \"{}\".", excerpt(&text, 0..0))
        }
        _ => match packed_body(e) {
            Some(p) => format!(" The HAR holds no readable text of its answer: {p}."),
            None => " The HAR holds no text of its answer.".to_string(),
        },
    };
    let mut fnd = finding("har.app_error");
    let said = if is_redirect(e.status) {
        said.replacen(
            " Its page says:",
            " It sent the browser to its error page, which says:",
            1,
        )
    } else {
        said
    };
    let mut detail = format!(
        "Entra's code reached the app at {} ({}{again}), and the app answered {}.{said}",
        shown(url),
        at(i),
        e.status
    );
    // 404 / 405: nothing in the app answers that path or method, so no sign-in handler ran.
    let mut fix = if matches!(e.status, 404 | 405) {
        format!("Nothing in the app handles {} {}: the sign-in middleware's callback path is not the registered one (CallbackPath, redirect-uri, the route), the app runs under a virtual directory or path base the callback leaves out, or a static host refuses the form_post POST. Make the app serve the redirect URI's path{}; Entra and the redirect URI did their part.", e.request.method.0, shown(url), if e.request.method.0.eq_ignore_ascii_case("POST") { " for POST (response_mode=form_post), or ask for query when a page handles it" } else { "" })
    } else {
        "Read the app's log for the exception at this time (hook the authentication-failed event of the sign-in middleware to see it); Entra and the redirect URI did their part.".to_string()
    };
    let mut title = format!("The app failed on the callback (HTTP {})", e.status);
    if let Some(c) = code {
        let summary = aadsts::lookup(c).map(|x| x.summary).unwrap_or("");
        detail.push_str(&format!(" AADSTS{c}: {summary}"));
        if c == 54005 && !again.is_empty() {
            detail.push_str(" The reload sent the same single-use code again.");
        }
        fix = response::for_code(c, None).fix;
        title = format!(
            "The app failed on the callback: AADSTS{c} (HTTP {})",
            e.status
        );
        fnd = fnd.aadsts(c).reference(aadsts::error_lookup_url(c));
    }
    if let Some((r, why, lfix)) = &library {
        let name = text.get(r.clone()).unwrap_or("");
        title = format!("The app failed on the callback: {name} (HTTP {})", e.status);
        detail.push_str(&format!(" {why}"));
        fix = (*lfix).to_string();
        let l = name.to_ascii_lowercase();
        if l == "correlation failed" || l == "idx21323" {
            let (story, verdict) = cookie_verdict(ix, i, e, sanitized);
            detail.push_str(&story);
            if let Some(better) = correlation_fix(&verdict) {
                fix = better;
                // The library's general reasons are not this case's.
                if let Some(general) = detail.find(&format!(" {why}")) {
                    detail.replace_range(general..general + why.len() + 1, "");
                }
            }
        }
    }
    Some(fnd.title(title).detail(detail).fix(fix))
}

/// The finding for the page a callback redirected to failing (`n`, answered `p`): most often
/// the server refusing the new session's large cookie header.
fn next_page_failed(ix: &Ix, reached: usize, n: usize, p: &Entry) -> Finding {
    let text = p.body.as_deref().map(visible_text).unwrap_or_default();
    let l = text.to_ascii_lowercase();
    let too_large =
        p.status == 431 || (p.status == 400 && HEADERS_TOO_LARGE.iter().any(|k| l.contains(k)));
    let said = if text.is_empty() {
        String::new()
    } else {
        format!(" Its page says: \"{}\".", excerpt(&text, 0..0))
    };
    let cb = &ix.entries[reached];
    let detail = format!(
        "Entra's code reached the app at {} ({}), which answered {} and sent the browser to {} ({}): that page answered {}.{said}",
        shown(cb.request.url.as_str()),
        at(reached),
        cb.status,
        shown(p.request.url.as_str()),
        at(n),
        p.status
    );
    if too_large {
        let cookies = set_cookies(cb);
        let bytes: usize = cookies.iter().map(|c| c.size).sum();
        let set = if cookies.is_empty() {
            String::new()
        } else {
            format!(
                " The callback set {} cookie{} ({} bytes of names and values).",
                cookies.len(),
                if cookies.len() == 1 { "" } else { "s" },
                bytes
            )
        };
        finding("har.app_error")
            .title(format!("The app's server refused the signed-in request: its cookies are too large (HTTP {})", p.status))
            .detail(format!("{detail}{set} Sign-in worked; the session cookie made the request headers larger than the server (or a proxy in front of it) accepts."))
            .fix("Make the session smaller: keep tokens in a server-side cache instead of the cookie (do not save tokens in it), and leave out claims the app does not need (groups: use the groups overage or app roles). Or raise the header limit of the server and every proxy in front of it (nginx large_client_header_buffers, IIS MaxFieldLength and MaxRequestBytes, Kestrel MaxRequestHeadersTotalSize).")
    } else {
        finding("har.app_error")
            .title(format!("The app failed on the first page after the callback (HTTP {})", p.status))
            .detail(format!("{detail} Entra and the redirect URI did their part; the app failed once the user was signed in."))
            .fix("Read the app's log for this request: an exception in the signed-in page, or an authorization rule (a role or policy) the user does not meet.")
    }
}

/// Which correlation or nonce cookie the callback request lacked and why
/// (SameSite, Secure), from the Set-Cookie headers before it.
fn cookie_story(ix: &Ix, i: usize, e: &Entry, sanitized: bool) -> String {
    cookie_verdict(ix, i, e, sanitized).0
}

/// What the correlation and nonce cookies before a callback show.
#[derive(Clone, Debug, PartialEq, Eq)]
enum CookieVerdict {
    /// Not known (no cookies recorded, none set before the callback).
    Unknown,
    /// Every one came back on the callback.
    AllSent,
    /// One was held back for its SameSite or Secure attribute.
    Blocked,
    /// One was set by another host than the callback's (`set by`, `callback`).
    OtherHost(String, String),
    /// One did not come back for a reason the HAR does not show.
    Missing,
}

/// The cookie story's text and its verdict.
fn cookie_verdict(ix: &Ix, i: usize, e: &Entry, sanitized: bool) -> (String, CookieVerdict) {
    if sanitized {
        return (
            " The HAR holds no cookies, so which cookie was missing cannot be read from it."
                .to_string(),
            CookieVerdict::Unknown,
        );
    }
    let cb_host = Uri::new(e.request.url.as_str())
        .host()
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut other_host: Option<String> = None;
    let mut missing = false;
    let post = method_of(e).eq_ignore_ascii_case("POST");
    let sent = &e.request.headers.auth_cookies;
    let mut lines: Vec<String> = Vec::new();
    let mut blocked = false;
    // The latest six cookies set before the callback (walking back from it: from the start
    // of the HAR for each callback was quadratic in a capture of many sign-ins).
    let mut found: Vec<(usize, &String)> = Vec::new();
    for j in (0..i).rev() {
        let Some(prev) = ix.entries.get(j) else {
            continue;
        };
        for c in prev.resp_headers.auth_cookies.iter().rev() {
            found.push((j, c));
        }
        if found.len() >= 6 {
            break;
        }
    }
    found.truncate(6);
    found.reverse();
    for (j, c) in found {
        {
            let (name, attrs) = c.split_once(';').unwrap_or((c.as_str(), ""));
            let attrs_l = attrs.to_ascii_lowercase();
            let samesite = cookie_attr(&attrs_l, "samesite").unwrap_or("");
            let secure = attrs_l.split(';').any(|a| a.trim() == "secure");
            let was_sent = sent.iter().any(|s| s == name);
            let mut how = if samesite.is_empty() {
                "no SameSite attribute (Lax by default)".to_string()
            } else {
                format!("SameSite={samesite}")
            };
            if !secure {
                how.push_str(", without Secure");
            }
            let set_host = ix
                .entries
                .get(j)
                .and_then(|x| {
                    Uri::new(x.request.url.as_str())
                        .host()
                        .map(str::to_ascii_lowercase)
                })
                .unwrap_or_default();
            let domain = cookie_attr(&attrs_l, "domain").map(|d| d.trim_start_matches('.'));
            let covers = match domain {
                Some(d) => cb_host == d || cb_host.ends_with(&format!(".{d}")),
                None => cb_host == set_host,
            };
            if !was_sent && !covers && !set_host.is_empty() {
                other_host.get_or_insert(set_host);
            } else if post && !was_sent && (samesite != "none" || !secure) {
                blocked = true;
            } else if !was_sent {
                missing = true;
            }
            lines.push(format!(
                "{name} was set at {} with {how} and {} on the callback request",
                at(j),
                if was_sent { "was sent" } else { "was NOT sent" }
            ));
        }
    }
    if lines.is_empty() {
        let text = if sent.is_empty() {
            " The callback request carried no correlation or nonce cookie (.AspNetCore.Correlation.*, .AspNetCore.OpenIdConnect.Nonce.*), and no earlier response in the HAR sets one (the recording may have started after the app set it).".to_string()
        } else {
            String::new()
        };
        return (text, CookieVerdict::Unknown);
    }
    lines.truncate(6);
    let verdict = match other_host {
        Some(h) => CookieVerdict::OtherHost(h, cb_host.clone()),
        None if blocked => CookieVerdict::Blocked,
        None if missing => CookieVerdict::Missing,
        None => CookieVerdict::AllSent,
    };
    let why = match &verdict {
        CookieVerdict::OtherHost(h, cb) => format!(" The sign-in started on {h}, which set the cookie, and Entra sent the browser back to {cb}: a cookie goes only to the host that set it (or the hosts its Domain names), so the callback did not carry it."),
        CookieVerdict::Blocked => " Entra's form_post is a cross-site POST: browsers send a cookie on it only when it is SameSite=None; Secure, so the app could not find its correlation and nonce cookies.".to_string(),
        CookieVerdict::AllSent => " The cookies came back, so SameSite and https are not the cause here: the app could not use them. Either they belong to another sign-in attempt than this answer's state (a second tab, a sign-in started twice, the back button, a bookmarked sign-in page), or the app cannot decrypt its own cookie (instances, slots or containers that do not share the data protection key ring, or keys lost on a restart).".to_string(),
        _ => String::new(),
    };
    (format!(" Cookies: {}.{why}", lines.join("; ")), verdict)
}

/// The fix for "Correlation failed" (or a nonce error) when the cookies tell more than the
/// library's message does.
fn correlation_fix(v: &CookieVerdict) -> Option<String> {
    match v {
        CookieVerdict::OtherHost(h, cb) => Some(format!("Start the sign-in on the redirect URI's host: make {h} redirect to {cb} (or the reverse) before any sign-in starts, and build the redirect URI from one canonical host, so the cookie the sign-in sets comes back on the callback. Or register and send the redirect URI on the host users browse.")),
        CookieVerdict::AllSent => Some("Share the data protection key ring between every instance of the app and keep it across restarts and slot swaps (ASP.NET Core: PersistKeysTo… with the same application name); start one sign-in at a time per browser, and do not bookmark or go back into Entra's sign-in page.".to_string()),
        _ => None,
    }
}

/// The first request to an app (not Entra) that carries Entra's answer: a code with its state
/// (or session_state, client_info), an id_token, or an error with its description, in the
/// POSTed form or the query.
fn lone_callback(ix: &Ix) -> Option<usize> {
    ix.entries.iter().enumerate().find_map(|(i, e)| {
        if ix.entra(i) {
            return None;
        }
        let mut p = post_pairs(e);
        if p.is_empty() {
            p = query_pairs(e.request.url.as_str());
        }
        let has = |k: &str| get(&p, k).is_some_and(|v| !v.is_empty());
        let answer = (has("code") && (has("state") || has("session_state") || has("client_info")))
            || has("id_token")
            || (has("error") && has("error_description"))
            || has("SAMLResponse");
        answer.then_some(i)
    })
}

/// A cookie an app response set: its name, attributes (lowercase) and the size of its
/// name and value.
struct SetCookie {
    name: String,
    attrs: String,
    size: usize,
}

/// The cookies a response sets, deletions (`max-age=0`, an expiry in 1970) left out.
fn set_cookies(e: &Entry) -> Vec<SetCookie> {
    e.resp_headers
        .all("set-cookie")
        .flat_map(str::lines)
        .filter_map(|line| {
            let (pair, attrs) = line.split_once(';').unwrap_or((line, ""));
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let attrs = attrs.to_ascii_lowercase();
            let deleted =
                attrs.contains("max-age=0") || attrs.contains("1970") || value.trim().is_empty();
            (!deleted && !name.trim().is_empty()).then(|| SetCookie {
                name: name.trim().to_string(),
                attrs,
                size: pair.trim().len(),
            })
        })
        .collect()
}

/// The cookie names a request sent.
fn sent_cookies<'e>(e: &'e Entry) -> Vec<&'e str> {
    e.request
        .headers
        .all("cookie")
        .flat_map(|v| v.split(';'))
        .map(|p| p.split('=').next().unwrap_or("").trim())
        .filter(|n| !n.is_empty())
        .collect()
}

/// One attribute's value (`samesite`, `domain`) of a cookie's lowercase attributes.
fn cookie_attr<'c>(attrs: &'c str, name: &str) -> Option<&'c str> {
    attrs.split(';').find_map(|a| {
        let (k, v) = a.split_once('=')?;
        (k.trim() == name).then(|| v.trim())
    })
}

/// A sign-in loop: one app's sign-ins, one after the other, where each delivered its code
/// to the app and the app sent the browser back to Entra within a minute. Entra did its
/// part every time; the finding says what the app did with the code, from the cookies its
/// callback set and the next request sent.
fn sign_in_loop(ix: &Ix, flows: &[Flow], sanitized: bool) -> Option<Finding> {
    const WITHIN_US: u64 = 60_000_000;
    let callback_of = |f: &Flow| {
        f.steps
            .iter()
            .filter(|(_, k, _)| *k == StepKind::Callback)
            .map(|(i, _, _)| *i)
            .next_back()
    };
    // Delivered: the app answered the request with the code, or (a code in the fragment, which
    // no HAR shows) the redirect URI's page loaded.
    let delivered = |f: &Flow| {
        !f.failed()
            && f.get("prompt") != Some("none")
            && (f.findings.iter().any(|x| x.code == "har.code_delivered")
                || (f.code.is_some() && callback_of(f).is_some()))
    };
    let same = |a: &Flow, b: &Flow| {
        ["client_id", "redirect_uri", "scope"]
            .iter()
            .all(|k| a.get(k) == b.get(k))
    };
    let time = |i: usize| ix.entries.get(i).and_then(|e| time_key(e.started.as_str()));
    // The longest run of returns: flow n delivered its code and flow n + 1 of the same app
    // started soon after its callback.
    let mut best: Option<(usize, usize)> = None;
    let mut start = 0;
    for n in 0..flows.len() {
        let back = flows.get(n + 1).is_some_and(|next| {
            let f = &flows[n];
            delivered(f)
                && same(f, next)
                && callback_of(f).is_some_and(|c| {
                    c < next.idx
                        && match (time(c), time(next.idx)) {
                            (Some(a), Some(b)) => b.saturating_sub(a) <= WITHIN_US,
                            _ => true,
                        }
                })
        });
        if !back {
            let returns = n - start;
            if returns >= 2 && best.is_none_or(|(_, r)| returns > r) {
                best = Some((start, returns));
            }
            start = n + 1;
        }
    }
    let (first, returns) = best?;
    let f = &flows[first];
    let last = &flows[first + returns];
    let callback = callback_of(f)?;
    let cb = ix.entries.get(callback)?;
    let redirect_uri = f.redirect_uri().unwrap_or("the redirect URI");
    let origin = Uri::new(cb.request.url.as_str());
    let host = origin.host().unwrap_or("").to_ascii_lowercase();
    let https = cb
        .request
        .url
        .as_str()
        .get(..8)
        .is_some_and(|p| p.eq_ignore_ascii_case("https://"));
    let spa =
        f.get("response_mode") == Some("fragment") || f.tokens.iter().any(|t| t.origin.is_some());
    let span = match (time(f.idx), time(last.idx)) {
        (Some(a), Some(b)) if b > a => format!(" in {} s", (b - a).div_ceil(1_000_000)),
        _ => String::new(),
    };
    let mut what = format!(
        "{} sign-ins of the same app (client_id {}) followed each other from {} to {}{span}: each time Entra issued a code, the browser delivered it to {} (first at {}, which the app answered {}), and the app sent the browser back to Entra to sign in again.",
        returns + 1,
        f.get("client_id").unwrap_or("(none)"),
        at(f.idx),
        at(last.idx),
        shown(redirect_uri),
        at(callback),
        cb.status
    );
    let fix: &str;
    let fix_owned: String;
    if spa {
        what.push_str(if f.tokens.is_empty() {
            " The answer came back in the fragment, to a single-page app that starts a new redirect sign-in before it has read the answer of the last one (no token request follows)."
        } else {
            " The code was redeemed in the browser, so the app is a single-page app that has its tokens and still starts a new redirect sign-in: it does not read the answer of the last one before signing in again."
        });
        fix = "Handle the redirect before signing in again: await handleRedirectPromise() (or use MsalRedirectComponent / MsalProvider) on every page load, and call loginRedirect only when it returns no result and getAllAccounts() is empty. Do not guard the redirect URI's page itself with a sign-in (MsalGuard, a route guard).";
    } else if sanitized {
        what.push_str(" The HAR holds no cookies, so whether the app's session cookie was set and came back cannot be read from it.");
        fix = "Record the HAR again with cookies (Export HAR with sensitive data) and check it here; meanwhile check the app's session cookie: set after the callback, SameSite Lax or None with Secure, under 4 KB, and accepted by every instance of the app (a shared data protection key ring).";
    } else {
        let set = set_cookies(cb);
        // What the app's own next request sent: the first request to its host after the callback.
        let next = (callback + 1..last.idx.max(callback + 1)).find(|&i| {
            !ix.entra(i)
                && Uri::new(ix.entries[i].request.url.as_str())
                    .host()
                    .is_some_and(|h| h.eq_ignore_ascii_case(&host))
        });
        let session: Vec<&SetCookie> = set.iter().filter(|c| !is_auth_cookie(&c.name)).collect();
        let story = cookie_story(ix, callback, cb, false);
        if session.is_empty() && story.contains("was NOT sent") {
            what.push_str(&format!(" The callback's response ({}) sets no session cookie: the callback request lacked the app's own sign-in cookie, so the app rejected Entra's answer (Correlation failed, or a nonce error) and started over.{story}", at(callback)));
            fix = "Keep the correlation and nonce cookies SameSite=None; Secure, and serve the app over https (behind a proxy that ends TLS, apply the forwarded headers so the app knows it is https): Entra's form_post is a cross-site POST, which carries only SameSite=None; Secure cookies.";
        } else if session.is_empty() {
            what.push_str(&format!(" The callback's response ({}) sets no session cookie, so the app accepted the code but did not sign the user in: its token validation or sign-in handler failed without an error page, or the session is kept somewhere this HAR does not show.", at(callback)));
            fix = "Look at the app's log for the callback request: the token validation, the sign-in handler (OnTokenValidated, the cookie scheme that signs in) and any exception swallowed there. The app must set its session cookie on the callback's response.";
        } else {
            let names: Vec<String> = session.iter().map(|c| c.name.clone()).collect();
            let sent = next
                .and_then(|i| ix.entries.get(i))
                .map(sent_cookies)
                .unwrap_or_default();
            let missing: Vec<&&SetCookie> = session
                .iter()
                .filter(|c| !sent.contains(&c.name.as_str()))
                .collect();
            let listing = names.join(", ");
            match (next, missing.first()) {
                (Some(n), Some(c)) => {
                    let samesite = cookie_attr(&c.attrs, "samesite").unwrap_or("");
                    let domain = cookie_attr(&c.attrs, "domain")
                        .map(|d| d.trim_start_matches('.').to_string());
                    let secure = c.attrs.split(';').any(|a| a.trim() == "secure");
                    let chunks = session
                        .iter()
                        .filter(|s| s.name.starts_with(&format!("{}C", names[0])))
                        .count();
                    let (why, first) = if secure && !https {
                        (format!("{} is Secure but the app is served over http, so the browser does not keep it or send it back", c.name), "Serve the app over https (behind a TLS-terminating proxy, pass X-Forwarded-Proto and have the app use the forwarded headers).")
                    } else if c.size > 4096 {
                        (format!("{} is {} bytes, over the 4,096 bytes a browser keeps for one cookie, so it is dropped", c.name, c.size), "Make the session cookie smaller than 4 KB: keep tokens in a server-side cache instead of the cookie, and drop claims the app does not need (groups).")
                    } else if samesite == "strict" {
                        (format!("{} is SameSite=Strict: the sign-in arrived from Entra, another site, so the browser holds it back on the navigation that follows", c.name), "Set the session cookie to SameSite=Lax (ASP.NET Core: Cookie.SameSite = SameSiteMode.Lax); Strict cookies are not sent on the navigations that follow a sign-in from another site.")
                    } else if let Some(d) =
                        domain.filter(|d| host != *d && !host.ends_with(&format!(".{d}")))
                    {
                        (format!("{} is set for Domain={d}, which does not cover {host}, so the browser refuses it", c.name), "Set the cookie's Domain to the app's host or a parent of it, or leave Domain out.")
                    } else if samesite == "none" && !secure {
                        (format!("{} is SameSite=None without Secure, which browsers refuse", c.name), "Mark the session cookie Secure (SameSite=None requires it), or use SameSite=Lax.")
                    } else {
                        (format!("{} did not come back (check its Path, Domain and size in the browser's Application panel)", c.name), "Find why the browser drops the session cookie (its Path, Domain and size, in the browser's Application panel).")
                    };
                    what.push_str(&format!(" The callback's response ({}) sets {listing}{}, but the next request to the app ({}) did not send {}: {why}.", at(callback), if chunks > 0 { " (a cookie split in chunks: the session is large)" } else { "" }, at(n), c.name));
                    fix_owned = format!("{first} The session cookie must come back on the requests after the callback: https, SameSite Lax (or None with Secure), under 4 KB, Domain covering the app's host.");
                    fix = &fix_owned;
                }
                (Some(n), None) => {
                    what.push_str(&format!(" The callback's response ({}) sets {listing}, and the next request to the app ({}) sent it back, yet the app asked to sign in again: it does not accept its own session cookie, or the page needs something the user lacks.", at(callback), at(n)));
                    fix = "Check why the app rejects its own session: instances that do not share the data protection key ring (several servers, slots or containers), a cookie scheme that differs from the one the pages require, a page that requires a role or policy the user lacks and answers with a new sign-in instead of 403, or a server that refuses the large cookie header.";
                }
                (None, _) => {
                    what.push_str(&format!(" The callback's response ({}) sets {listing}; no later request to {host} is in the HAR before the next sign-in.", at(callback)));
                    fix = "Check that the session cookie the callback sets comes back on the next request (the browser's Application panel), and why the app then asks to sign in again.";
                }
            }
        }
    }
    Some(
        finding("har.sign_in_loop")
            .detail(format!(
                "{what} Sign-in works at Entra; the loop is in the app."
            ))
            .fix(fix),
    )
}

/// Sets the role of an entry in the flow's timeline; the authorize request
/// keeps its role and gets the note appended (Entra often answers it directly).
fn mark(f: &mut Flow, idx: usize, kind: StepKind, note: String) {
    if let Some(s) = f.steps.iter_mut().find(|s| s.0 == idx) {
        if s.1 == StepKind::Authorize {
            s.2 = format!("{}; {note}", s.2);
        } else {
            s.1 = kind;
            s.2 = note;
        }
    } else {
        f.steps.push((idx, kind, note));
    }
}

/// A redirect between Entra and the app that changed the URL.
struct Rewrite {
    idx: usize,
    status: i64,
    from: String,
    to: String,
    changes: Vec<String>,
}

/// Follows the browser from `first` through redirects that only rewrote the
/// URL; returns the entry that reached the app (or `None` when the last
/// rewritten URL was never requested) and the rewrites.
fn follow_hops(
    ix: &Ix,
    f: &mut Flow,
    first: usize,
    redirect_uri: Option<&str>,
) -> (Option<usize>, Vec<Rewrite>) {
    let entries = ix.entries;
    let mut cur = first;
    let mut rewrites = Vec::new();
    for _ in 0..12 {
        let Some(e) = entries.get(cur) else {
            return (None, rewrites);
        };
        let url = e.request.url.as_str();
        let at_ru = redirect_uri.is_some_and(|r| base(url) == base(r));
        let next = if is_redirect(e.status) {
            location(e)
        } else {
            None
        };
        let Some(next) = next else {
            return (Some(cur), rewrites);
        };
        let Some(changes) = rewrite(url, &next, e.status, method_of(e), at_ru) else {
            return (Some(cur), rewrites);
        };
        mark(
            f,
            cur,
            StepKind::Redirect,
            format!("{} rewrote the URL: {}", e.status, changes.join(", ")),
        );
        rewrites.push(Rewrite {
            idx: cur,
            status: e.status,
            from: url.to_string(),
            to: next.clone(),
            changes,
        });
        match next_request(ix, cur, &next) {
            Some(n) => cur = n,
            None => return (None, rewrites),
        }
    }
    (Some(cur), rewrites)
}

fn rewrote_finding(rewrites: &[Rewrite], form_post: bool) -> Option<Finding> {
    let first = rewrites.first()?;
    let lines: Vec<String> = rewrites
        .iter()
        .map(|r| {
            format!(
                "{} answered {}: {} → {} ({})",
                at(r.idx),
                r.status,
                shown(&r.from),
                shown(&r.to),
                r.changes.join(", ")
            )
        })
        .collect();
    let all: Vec<&String> = rewrites.iter().flat_map(|r| r.changes.iter()).collect();
    let scheme = all.iter().any(|c| c.starts_with("scheme"));
    let host = all.iter().any(|c| c.starts_with("host "));
    let slash = all.iter().any(|c| c.starts_with("trailing slash"));
    let query = all.iter().any(|c| c.starts_with("query dropped"));
    let post = all.iter().any(|c| c.starts_with("POST turned"));
    let mut fix = String::new();
    if host {
        let last = rewrites.last().map_or("", |r| base(&r.to));
        fix.push_str(&format!("A proxy or server rule moves the request to another host (a canonical-host rule): register and send the final address ({last}), so nothing redirects. "));
    }
    if query {
        fix.push_str("The redirect also loses the query with the code: a rule must keep it (in nginx, $uri drops it and $request_uri keeps it). ");
    }
    // https sent and registered, then moved to http: the downgrade is the fault, and the app,
    // now seeing http, redeems the code with another redirect_uri (AADSTS500112).
    let downgrade = all.iter().any(|c| c.as_str() == "scheme https → http");
    if downgrade {
        fix.push_str("A proxy or server rule sends the https callback on to http: remove that redirect (or have it keep https), so the app receives the callback at the https address it sent; otherwise it redeems the code with the http address, which Entra refuses (AADSTS500112). ");
    } else if scheme {
        fix.push_str("The app (behind a TLS-terminating proxy) builds its redirect URI with the wrong scheme: make it honour X-Forwarded-Proto (forwarded headers) so it sends the https URI, and register that; then nothing needs to redirect. ");
    }
    if slash {
        fix.push_str("Register and send the exact path the server serves (with or without the trailing slash), so it does not redirect. ");
    }
    // A 307/308 keeps the POST and its body; a 301/302/303 turns it into a GET without it.
    let kept_post = rewrites.iter().all(|r| matches!(r.status, 307 | 308));
    let lost = query || post || (form_post && !kept_post);
    if post || (form_post && !kept_post) {
        fix.push_str("A 301/302/303 turns the browser's POST into a GET and drops the form body with the code; answer the redirect URI directly (no redirect), or use 307/308 which keep the POST. ");
    } else if form_post {
        fix.push_str("The 307/308 kept the POST with the code, so it still arrives; answering the redirect URI directly saves the hop. ");
    }
    if fix.is_empty() {
        fix.push_str("Make the registered redirect URI the exact address the app serves, so nothing between Entra and the app redirects (proxies, rewrites, canonical-host rules).");
    }
    Some(
        finding("har.redirect_rewrote")
            .title(if rewrites.len() == 1 {
                format!(
                    "A {} redirect between Entra and the app changed the URL ({})",
                    first.status,
                    first.changes.join(", ")
                )
            } else {
                format!(
                    "{} redirects between Entra and the app changed the URL",
                    rewrites.len()
                )
            })
            .detail(format!(
                "After Entra sent the browser back, {}.{}",
                lines.join("; then "),
                if lost { "" } else if downgrade { " Nothing Entra sent was lost on the way, but the app now sees http: a library that builds the token request's redirect_uri from the address it was reached at sends the http one, which Entra refuses (AADSTS500112)." } else { " Nothing Entra sent was lost on the way, so this does not stop the sign-in by itself." }
            ))
            .fix(fix.trim_end().to_string())
            .severity(if lost { Severity::Error } else { Severity::Warning }),
    )
}

/// `har.code_lost` for a request to the redirect URI that carried the code
/// but got no answer (HAR status 0, `_error`).
fn unanswered_callback(e: &Entry, reached: usize, issued: usize, why: &str) -> Finding {
    let url = e.request.url.as_str();
    let loopback = Uri::new(url).host().is_some_and(|h| {
        let h = h.to_ascii_lowercase();
        h == "localhost" || h.starts_with("127.") || h == "[::1]"
    });
    let fix = if loopback {
        "The app's local listener must be running on the port the request's redirect_uri names, from the authorize request until Entra redirects back (MSAL's system-browser flow opens it itself); check that nothing else holds the port and that a firewall does not block it."
    } else {
        "Make the redirect URI reachable from the browser (the server running, the host resolvable, a valid certificate, no extension or policy blocking it), then sign in again: the code Entra issued here is single-use and expires within minutes."
    };
    if redirect_limit(e) {
        return loop_cut(reached, url, "the request to the redirect URI");
    }
    // No error named: still waiting for its answer when the HAR was exported (an app whose
    // server hangs on its own token request), or cancelled; it may well have reached the app.
    // No error named (Firefox and Safari name none; Chrome leaves a request still waiting so):
    // failed, cancelled or still waiting. A desktop app's loopback listener not answering is
    // told below, as before.
    if e.error.is_none() && !loopback {
        return finding("har.code_lost")
            .severity(Severity::Warning)
            .title("The request that carried the code to the app has no answer in the recording")
            .detail(format!(
                "Entra issued a code ({}), and the browser went to {} ({}) with it, but the HAR holds no answer and names no error for that request (status 0): it failed in the browser (Firefox and Safari exports name no reason), was cancelled, or was still waiting when the HAR was exported. A request still waiting has reached the app, which did not answer; an app commonly hangs there on its own token request to Entra from the server.",
                at(issued),
                shown(url),
                at(reached)
            ))
            .fix("Look for this request in the app's log at this time: if it never arrived, make the redirect URI reachable from the browser (the server running, the host resolvable, a valid certificate); if it hangs, check that the app's server reaches Entra's token endpoint (outbound firewall, the server process's proxy settings, DNS) and its time-outs. Then sign in again and let the page finish before exporting the HAR.");
    }
    // Cancelled in the browser (ERR_ABORTED): the request may well have reached the server, the
    // page just did not wait for its answer.
    if aborted(e) {
        return finding("har.code_lost")
            .severity(Severity::Warning)
            .title("The request that carried the code to the app was cancelled in the browser")
            .detail(format!(
                "Entra issued a code ({}), and the browser went to {} ({}) with it, but {why}. A cancelled request may still have reached the app; the browser just did not wait for its answer (the page moved on, or the recording stopped).",
                at(issued),
                shown(url),
                at(reached)
            ))
            .fix("Look for this request in the app's log at this time: if it arrived, the app's handling of it is the story. Otherwise record the sign-in again and let the app's page load before exporting the HAR.");
    }
    finding("har.code_lost")
        .title("Entra issued the code, but nothing answered at the redirect URI")
        .detail(format!(
            "Entra issued a code ({}), and the browser went to {} ({}) with it, but {why}. The app never received the code.",
            at(issued),
            shown(url),
            at(reached)
        ))
        .fix(fix)
}

fn follow_redirect(ix: &Ix, f: &mut Flow, idx: usize, location: &str, redirect_uri: Option<&str>) {
    let entries = ix.entries;
    f.after = idx;
    let qp = query_pairs(location);
    let fp = fragment_pairs(location);
    let in_fragment =
        get(&fp, "code").is_some() || get(&fp, "error").is_some() || get(&fp, "id_token").is_some();
    let all: Vec<(String, String)> = qp.iter().chain(fp.iter()).cloned().collect();
    let code = get(&all, "code").map(str::to_string);
    let error = get(&all, "error").map(str::to_string);
    let where_ = if in_fragment { "fragment" } else { "query" };
    mark(
        f,
        idx,
        StepKind::EntraResponse,
        format!(
            "Entra redirected back ({}) with {} in the {where_}",
            entries.get(idx).map_or(0, |e| e.status),
            if code.is_some() {
                "a code"
            } else if error.is_some() {
                "an error"
            } else {
                "neither code nor error"
            }
        ),
    );
    if let Some(err) = &error {
        f.findings.push(error_returned(
            Some(err.as_str()),
            get(&all, "error_description"),
            idx,
            &format!("a redirect to {}", base(location)),
        ));
        f.landing = Some(location.to_string());
    }
    if let Some(c) = &code {
        f.code = Some(c.clone());
    }
    let custom_scheme = !matches!(Uri::new(location).scheme_lower().as_str(), "http" | "https");
    let first = next_request(ix, idx, location);
    if in_fragment || custom_scheme {
        let why = if custom_scheme {
            "The redirect URI uses a custom scheme, which the app (not the browser's network stack) receives, so the HAR cannot show whether it arrived."
        } else {
            "The response is in the fragment (#…), which the browser never sends over the network, so a HAR cannot show whether the page read it; a server-side app never sees it."
        };
        if let Some(n) = first {
            mark(
                f,
                n,
                StepKind::Callback,
                "the browser loaded the redirect URI (the fragment is not recorded)".to_string(),
            );
        }
        if code.is_some() {
            f.findings.push(finding("har.code_issued").detail(format!("Entra's answer ({}) carries an authorization code in the {where_} of {}. {why}", at(idx), shown(location))).fix("Nothing to change here; if the app still reports no code, look at what reads the fragment (MSAL.js hash handling, the router)."));
            f.landing = Some(location.to_string());
        }
        return;
    }
    if code.is_some() {
        f.findings.push(
            finding("har.code_issued")
                .detail(format!(
                    "Entra's answer ({}) redirects to {} with an authorization code in the query.",
                    at(idx),
                    shown(location)
                ))
                .fix("Nothing to change here."),
        );
    }
    let first = first.or_else(|| redirect_uri.and_then(|r| later_request_to(ix, idx, r)));
    let Some(first) = first else {
        if code.is_some() {
            f.findings.push(
                finding("har.code_lost")
                    .severity(Severity::Warning)
                    .title("No request to the redirect URI follows in the HAR")
                    .detail(format!("Entra redirected to {} ({}), but the HAR has no request to it afterwards: the recording stopped, the page was closed, or something (an extension, a blocked host) stopped the navigation.", shown(location), at(idx)))
                    .fix("Record again with Preserve log until the app's page has loaded."),
            );
        }
        return;
    };
    let (reached, rewrites) = follow_hops(ix, f, first, redirect_uri);
    if let Some(rf) = rewrote_finding(&rewrites, false) {
        f.findings.push(rf);
    }
    let Some(reached) = reached else {
        if code.is_some() {
            f.findings.push(finding("har.code_lost").detail("The last redirect pointed to a URL the browser never requested in this recording; the code did not reach the app.".to_string()).fix("See the redirect finding: remove the redirect between Entra and the app."));
        }
        return;
    };
    let Some(e) = entries.get(reached) else {
        return;
    };
    let got = query_pairs(e.request.url.as_str());
    f.after = f.after.max(reached);
    if let (Some(why), true) = (no_answer(e), code.is_some()) {
        mark(
            f,
            reached,
            StepKind::Callback,
            "the browser's request with the code got no answer".to_string(),
        );
        f.findings.push(unanswered_callback(e, reached, idx, &why));
    } else if code.is_some() {
        if get(&got, "code").is_some() {
            mark(
                f,
                reached,
                StepKind::Callback,
                "reached the app with the code".to_string(),
            );
            f.findings.push(finding("har.code_delivered").detail(format!("The browser requested {} ({}) with the code in the query; the app answered {}. If sign-in still fails, look at the app's own handling (state, cookies, the token request).", shown(e.request.url.as_str()), at(reached), e.status)).fix("Nothing to change between Entra and the app."));
            f.landing = Some(e.request.url.as_str().to_string());
        } else {
            mark(
                f,
                reached,
                StepKind::Callback,
                "reached the app WITHOUT the code".to_string(),
            );
            let because = if rewrites.is_empty() {
                if base(e.request.url.as_str()) == base(location) {
                    "The browser requested the same URL without its query: something in the browser (an extension, a service worker) or a script on an earlier page dropped it."
                } else {
                    "The request that reached the redirect URI's page does not carry the query Entra sent."
                }
            } else {
                "A redirect on the way (see the redirect finding) dropped the query."
            };
            f.findings.push(
                finding("har.code_lost")
                    .detail(format!("Entra issued a code ({} → {}), but the request that reached the app ({} {}) has no code. {because}", at(idx), shown(location), at(reached), shown(e.request.url.as_str())))
                    .fix("Make the registered redirect URI the exact address the app serves (scheme, host, path, trailing slash), so the browser goes there directly with the query intact."),
            );
        }
    } else if error.is_some() {
        mark(
            f,
            reached,
            StepKind::Callback,
            if get(&got, "error").is_some() {
                "reached the app with the error".to_string()
            } else {
                "reached the app without the error".to_string()
            },
        );
    }
}

fn follow_form_post(ix: &Ix, f: &mut Flow, idx: usize, form: &Form, redirect_uri: Option<&str>) {
    let entries = ix.entries;
    f.after = idx;
    let code = get(&form.fields, "code").map(str::to_string);
    let error = get(&form.fields, "error").map(str::to_string);
    // A SAML response (signed assertion) is delivered as a code is: by the browser's POST.
    let saml_response = code.is_none() && get(&form.fields, "SAMLResponse").is_some();
    let (delivered, what) = if saml_response {
        ("SAMLResponse", "SAML response")
    } else {
        ("code", "code")
    };
    mark(
        f,
        idx,
        StepKind::EntraResponse,
        format!(
            "Entra's form_post page ({}) with {}",
            form.method.to_ascii_uppercase(),
            if code.is_some() {
                "a code"
            } else if error.is_some() {
                "an error"
            } else if saml_response {
                "a SAML response"
            } else {
                "tokens"
            }
        ),
    );
    let body: String = form
        .fields
        .iter()
        .map(|(k, v)| format!("{}={}", uri::form_encode(k), uri::form_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    if let Some(err) = &error {
        f.findings.push(error_returned(
            Some(err.as_str()),
            get(&form.fields, "error_description"),
            idx,
            &format!("a form_post to {}", base(&form.action)),
        ));
        f.landing = Some(body.clone());
    }
    if let Some(c) = &code {
        f.code = Some(c.clone());
        f.findings.push(finding("har.code_issued").detail(format!("Entra's answer ({}) is a form_post page that makes the browser POST the code to {}.", at(idx), form.action)).fix("Nothing to change here."));
    }
    // A SAML response may carry Entra's error instead of an assertion: its Status says.
    let saml_failed = get(&form.fields, "SAMLResponse")
        .and_then(crate::core::saml::response_status)
        .filter(|s| !s.success);
    if let Some(st) = saml_failed.as_ref().filter(|_| saml_response) {
        let message = st.message.as_deref().map(one_line);
        let code = aadsts::codes_in(message.as_deref().unwrap_or(""))
            .first()
            .copied();
        let summary = code
            .and_then(aadsts::lookup)
            .map(|i| format!(" AADSTS{}: {}", i.code, i.summary))
            .unwrap_or_default();
        let mut e = finding("har.error_returned")
            .title(format!(
                "{}: {}",
                crate::core::saml::ERROR_RESPONSE_TITLE,
                code.map_or(st.codes.clone(), |c| format!("AADSTS{c}"))
            ))
            .detail(format!(
                "Entra's answer ({}, a SAML response POSTed to {}) holds status {} instead of an assertion{}.{summary}",
                at(idx),
                base(&form.action),
                st.codes,
                message
                    .as_deref()
                    .map(|m| format!(", with the StatusMessage '{}'", m.trim().trim_end_matches('.')))
                    .unwrap_or_default()
            ))
            .fix(response::saml_status_fix(st, code));
        if let Some(c) = code {
            e = e.aadsts(c).reference(aadsts::error_lookup_url(c));
        }
        f.findings.push(e);
    }
    if saml_response && saml_failed.is_none() {
        f.findings.push(finding("har.code_issued").title("Entra issued a SAML response").detail(format!("Entra's answer ({}) is a page that makes the browser POST the SAML response (SAMLResponse, the signed assertion) to {}: Entra accepted the reply URL (AssertionConsumerServiceURL) and signed the user in.", at(idx), form.action)).fix("Nothing to change here."));
    }
    let action = form.action.as_str();
    let action_base = base(action);
    let to_action: Vec<usize> = entries
        .iter()
        .enumerate()
        .skip(idx + 1)
        .filter(|(i, e)| {
            method_of(e).eq_ignore_ascii_case("POST")
                && (e.request.url.as_str() == action
                    || ix.base.get(*i).is_some_and(|b| *b == action_base))
        })
        .map(|(i, _)| i)
        // The next few POSTs there: a capture of thousands of sign-ins made each page search
        // and parse them all (quadratic); its own POST follows it closely.
        .take(32)
        .collect();
    // Two sign-ins in one capture (two tabs, a double click): the POST of this page carries
    // its own code or state, which may come after the other page's. A sanitiser's placeholder
    // for every value (`[Token Redacted]`) tells neither.
    let own = |i: &usize| {
        let fields = entries.get(*i).map(post_pairs).unwrap_or_default();
        ["code", "state"].iter().any(|n| {
            get(&form.fields, n).is_some_and(|v| known_value(v) && get(&fields, n) == Some(v))
        })
    };
    let other = |i: &usize| {
        let fields = entries.get(*i).map(post_pairs).unwrap_or_default();
        ["code", "state"].iter().any(|n| {
            get(&form.fields, n).is_some_and(|v| {
                known_value(v) && get(&fields, n).is_some_and(|x| known_value(x) && x != v)
            })
        })
    };
    let posted = to_action
        .iter()
        .copied()
        .find(own)
        .or_else(|| to_action.iter().copied().find(|i| !other(i)));
    let carries = code.is_some()
        || error.is_some()
        || saml_response
        || get(&form.fields, "id_token").is_some();
    let Some(first) = posted else {
        if carries {
            let got = next_request(ix, idx, action);
            let detail = match got {
                Some(g) => format!("Entra's form_post page ({}) should make the browser POST to {action}, but the next request there ({} {}) is not a POST: the page's script did not submit the form.", at(idx), at(g), entries.get(g).map_or("GET", method_of)),
                None => format!("Entra's form_post page ({}) should make the browser POST to {action}, but no request to it follows in the HAR: the form was not submitted (scripts blocked, a Content-Security-Policy form-action rule) or the recording stopped.", at(idx)),
            };
            // A secure page posting to http:// on another host than the loopback: Chromium
            // stops and asks ("The information you're about to submit is not secure").
            let u = Uri::new(action);
            let insecure = u.scheme_lower() == "http" && !u.is_localhost() && !u.is_loopback_v4();
            let mut fnd = finding("har.form_post_not_posted").detail(detail).fix("Let the form_post page run (no script or form-action blocking), and record until the app's page has loaded.");
            if insecure && got.is_none() {
                fnd = fnd
                    .detail(format!("Entra's form_post page ({}) should make the browser POST to {action}, but no request to it follows in the HAR. The address is http:// on a host that is not the loopback: Chrome and Edge stop a form sent from a secure page to an insecure address and ask first ('The information you're about to submit is not secure'), so the code waits on that prompt, and other browsers warn too.", at(idx)))
                    .fix(format!("Serve the app over https and register and send https://{}{} (http:// is allowed only for localhost); behind a proxy that ends TLS, make the app see https (forwarded headers).", u.host().unwrap_or(""), u.path()));
            }
            f.findings.push(fnd);
        }
        return;
    };
    let (reached, rewrites) = follow_hops(ix, f, first, redirect_uri.or(Some(action)));
    if let Some(rf) = rewrote_finding(&rewrites, true) {
        f.findings.push(rf);
    }
    let reached_e = reached.and_then(|r| entries.get(r).map(|e| (r, e)));
    match reached_e {
        Some((r, e)) if method_of(e).eq_ignore_ascii_case("POST") => {
            f.after = f.after.max(r);
            let pp = post_pairs(e);
            // Firefox writes a navigation POST whose body it did not keep as an empty
            // postData (text "", no params): not recorded, rather than an empty body.
            let recorded = e.request.post.as_ref().is_some_and(|p| {
                p.text
                    .as_ref()
                    .is_some_and(|t| !t.as_str().trim().is_empty())
                    || p.params.as_ref().is_some_and(|v| !v.is_empty())
            });
            let issued = code.is_some() || saml_response;
            if let (Some(why), true) = (no_answer(e), issued) {
                mark(
                    f,
                    r,
                    StepKind::Callback,
                    format!("the browser's POST with the {what} got no answer"),
                );
                let mut fnd = unanswered_callback(e, r, idx, &why);
                if saml_response {
                    fnd = fnd.title("Entra issued the SAML response, but nothing answered at the reply URL").detail(format!("Entra issued a SAML response ({}), and the browser went to {} ({}) with it, but {why}. The app never received it.", at(idx), shown(e.request.url.as_str()), at(r)));
                }
                f.findings.push(fnd);
            } else if issued {
                if get(&pp, delivered).is_some() || !recorded {
                    mark(
                        f,
                        r,
                        StepKind::Callback,
                        format!("the app received the POST with the {what}"),
                    );
                    let mut fnd = finding("har.code_delivered").detail(format!("The browser POSTed Entra's response to {} ({}){}; the app answered {}. If sign-in still fails, look at the app's own handling ({}).", shown(e.request.url.as_str()), at(r), if recorded { format!(" with the {what} in the body") } else { " (its body is not in the HAR)".to_string() }, e.status, if saml_response { "its SAML settings: the Identifier (Entity ID), the signing certificate, the clock and the claims it expects" } else { "correlation and nonce cookies, state, the token request" })).fix("Nothing to change between Entra and the app.");
                    if saml_response {
                        fnd = fnd.title("The SAML response reached the reply URL");
                    }
                    f.findings.push(fnd);
                    // What Entra's page carried, when a sanitiser left a placeholder in the POST.
                    let placeholder = get(&pp, delivered).is_some_and(|v| !known_value(v));
                    f.landing = Some(post_text(e).filter(|_| !placeholder).unwrap_or(body));
                    // The app redirected without signing the user in, its correlation or
                    // nonce cookie (SameSite Lax or Strict) left out of Entra's cross-site
                    // POST: it rejected the answer quietly (a remote failure handled by a
                    // redirect home).
                    let (story, verdict) = cookie_verdict(ix, r, e, false);
                    let session = set_cookies(e).iter().any(|c| !is_auth_cookie(&c.name));
                    if !saml_response
                        && is_redirect(e.status)
                        && !session
                        && matches!(verdict, CookieVerdict::Blocked)
                    {
                        f.findings.push(finding("har.app_error").severity(Severity::Warning).title("The app redirected without signing the user in: its correlation cookie did not come back on Entra's form_post").detail(format!("The app answered the callback ({}) with a redirect ({}) and set no session cookie, so it did not sign the user in with this code.{story} Such an app rejects the answer (Correlation failed, or a nonce error) and sends the user on without an error page, often to the home page, signed out.", at(r), e.status)).fix("Make the correlation and nonce cookies SameSite=None; Secure and serve the app over https (behind a proxy that ends TLS, apply the forwarded headers): Entra's form_post is a cross-site POST, which carries only SameSite=None; Secure cookies. Or use response_mode=query, where the answer comes back in a top-level GET that carries SameSite=Lax cookies."));
                    }
                } else {
                    mark(f, r, StepKind::Callback, format!("POST without the {what}"));
                    f.findings.push(finding("har.code_lost").detail(format!("Entra's form_post page ({}) carried a {what}, but the POST that reached the app ({}) has no {delivered} in its body.", at(idx), at(r))).fix("Check what rewrites the POST body between the browser and the app."));
                }
            } else if error.is_some() {
                mark(
                    f,
                    r,
                    StepKind::Callback,
                    "the app received the POST with the error".to_string(),
                );
            }
        }
        other => {
            if let Some((r, e)) = other {
                mark(
                    f,
                    r,
                    StepKind::Callback,
                    format!(
                        "reached the app as a {} without the form body",
                        method_of(e)
                    ),
                );
            }
            // The browser did POST to the redirect URI; a redirect there then
            // lost the body: that is the rewrite's finding, not this one.
            if carries && rewrites.is_empty() {
                let detail = match other {
                    Some((r, e)) => format!("The browser POSTed Entra's response towards {action} ({}), but a redirect turned it into a {} to {} ({}): the body with the code never reached the app.", at(first), method_of(e), shown(e.request.url.as_str()), at(r)),
                    None => format!("The browser POSTed Entra's response towards {action} ({}), but the redirect that followed was never completed in this recording: the code never reached the app.", at(first)),
                };
                f.findings.push(finding("har.form_post_not_posted").detail(detail).fix("Serve the redirect URI itself (exact scheme, host, path and trailing slash) so the POST lands without a redirect; a 301/302/303 turns a POST into a GET and drops the body, 307/308 keep it."));
            }
        }
    }
}

fn token_checks(f: &mut Flow, e: &Entry, i: usize) {
    token_checks_beside(f, e, i, None);
}

/// A 2xx answer with no OAuth error: the redemption got its tokens.
fn got_tokens(e: &Entry) -> bool {
    (200..300).contains(&e.status) && !e.body.as_deref().is_some_and(|b| b.contains("\"error\""))
}

/// [`token_checks`], knowing `winner`: another redemption of the same code
/// that got tokens, whenever it started (two redemptions sent together can
/// finish in either order).
fn token_checks_beside(f: &mut Flow, e: &Entry, i: usize, winner: Option<usize>) {
    let pp = post_pairs(e);
    let mut tr = TokenRequest {
        index: i,
        redirect_uri: get(&pp, "redirect_uri").map(str::to_string),
        origin: e
            .request
            .headers
            .get("origin")
            .map(str::to_string)
            .filter(|o| !o.is_empty() && o != "null"),
        has_verifier: get(&pp, "code_verifier").is_some_and(|v| !v.is_empty()),
        status: e.status,
        ..TokenRequest::default()
    };
    if let Some(body) = e.body.as_deref() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(body.trim()) {
            tr.error = v.get("error").and_then(|x| x.as_str()).map(str::to_string);
            tr.description = v
                .get("error_description")
                .and_then(|x| x.as_str())
                .map(str::to_string);
            tr.error_codes = v
                .get("error_codes")
                .and_then(|c| c.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|n| n.as_u64())
                        .filter_map(|n| u32::try_from(n).ok())
                        .collect()
                })
                .unwrap_or_default();
            if tr.error_codes.is_empty() {
                tr.error_codes = aadsts::codes_in(tr.description.as_deref().unwrap_or(""));
            }
        }
    }
    let failed =
        tr.error.is_some() || !tr.error_codes.is_empty() || e.status >= 400 || e.status <= 0;
    f.steps.push((
        i,
        StepKind::Token,
        if failed {
            format!(
                "token request failed{}",
                tr.error_codes
                    .first()
                    .map(|c| format!(": AADSTS{c}"))
                    .unwrap_or_default()
            )
        } else {
            format!("token request ({})", e.status)
        },
    ));
    let auth_ru = f.redirect_uri().map(str::to_string);
    let has_challenge = f.get("code_challenge").is_some_and(|c| !c.is_empty());
    let codes = tr.error_codes.clone();
    let answered = |c: &[u32]| codes.iter().find(|x| c.contains(x)).copied();
    let said = tr
        .description
        .as_deref()
        .map(|d| format!(" Entra answered: {}", one_line(d)))
        .unwrap_or_default();
    // AADSTS500112 quotes both: "The reply address 'X' does not match the reply address 'Y'
    // provided when requesting Authorization code."
    let auth_ru = auth_ru.or_else(|| {
        let d = tr.description.as_deref()?;
        let second = d.split("reply address '").nth(2)?;
        second.split('\'').next().map(str::to_string)
    });

    // redirect_uri must repeat the authorize one exactly.
    let auth_at = if f.url.is_empty() {
        "not in this HAR; Entra's answer quotes it".to_string()
    } else {
        at(f.idx)
    };
    let mismatch = match (&auth_ru, &tr.redirect_uri) {
        (Some(a), Some(t)) if a != t => Some(format!("The authorize request ({auth_at}) sent redirect_uri={a}, the token request ({}) sends redirect_uri={t}{}.", at(i), rewrite(a, t, 0, "GET", false).map(|c| format!(" ({})", c.join(", "))).unwrap_or_default())),
        (Some(a), None) => Some(format!("The authorize request ({}) sent redirect_uri={a}, but the token request ({}) sends none.", at(f.idx), at(i))),
        _ => None,
    };
    let mismatch_code = answered(&[500112, 50011, 70002]);
    // No authorize request in the HAR (a popup flow records it in the popup's own window):
    // AADSTS50011 at /token says the token request's redirect_uri is not registered.
    if auth_ru.is_none() && mismatch_code == Some(50011) && answered(&[500112, 70002]).is_none() {
        let sent = tr.redirect_uri.clone().unwrap_or_default();
        f.findings.push(
            finding("har.token_redirect_mismatch")
                .aadsts(50011)
                .title("The token request's redirect_uri is not registered (AADSTS50011)")
                .detail(format!("The token request ({}) sends redirect_uri={sent} and Entra refused it as not registered for the app. The authorize request that issued the code is not in this HAR (a popup sign-in records it in the popup's own developer tools), so whether it sent the same URI cannot be read here: at /token the redirect_uri must be the authorize request's, and registered.{said}", at(i)))
                .fix("Redeem the code with the redirect_uri the authorize request sent, and register that URI (under Single-page application for a browser app). For a popup sign-in, record the HAR in the popup window too (open its developer tools before it navigates) to see the authorize request.")
                .reference(aadsts::error_lookup_url(50011)),
        );
    } else if mismatch.is_some() || mismatch_code.is_some() {
        let c = mismatch_code.unwrap_or(500112);
        let mut fnd = finding("har.token_redirect_mismatch")
            .aadsts(c)
            .detail(format!("{} Entra redeems a code only with the same redirect_uri it was issued for (RFC 6749 §4.1.3): the v2 endpoint answers AADSTS500112, the v1 endpoint AADSTS70002 with AADSTS50011.{said}", mismatch.unwrap_or_else(|| format!("The token request ({}) was refused for its redirect_uri.", at(i)))))
            .fix(format!("Send exactly the authorize request's redirect_uri{} when redeeming the code.", auth_ru.as_deref().map(|a| format!(" ({a})")).unwrap_or_default()))
            .reference(aadsts::error_lookup_url(c));
        if let Some(a) = &auth_ru {
            fnd = fnd.snippet("redirect_uri for the token request", a.clone());
        }
        f.findings.push(fnd);
    }
    let pkce_code = answered(&[50148, 501481, 9002325]);
    if (has_challenge && !tr.has_verifier) || pkce_code.is_some() {
        let c = pkce_code.unwrap_or(if tr.origin.is_some() { 9002325 } else { 50148 });
        let (title, detail) = if has_challenge && !tr.has_verifier {
            ("The token request has no code_verifier".to_string(), format!("The authorize request ({}) sent a code_challenge, so the code can only be redeemed with its code_verifier; the token request ({}) sends none. Entra refuses it (AADSTS{c}).{said}", at(f.idx), at(i)))
        } else {
            (format!("The token request's code_verifier was refused (AADSTS{c})"), format!("The token request ({}) sent a code_verifier that does not match the code_challenge of the authorize request.{said}", at(i)))
        };
        f.findings.push(
            finding("har.token_missing_verifier")
                .aadsts(c)
                .title(title)
                .detail(detail)
                .fix("Redeem the code with the code_verifier whose S256 hash was sent as code_challenge, kept from the same sign-in (session storage must survive the redirect; one sign-in per tab).")
                .reference(aadsts::error_lookup_url(c)),
        );
    }
    if let Some(c) = answered(&[9002326, 9002327]) {
        let text = if c == 9002326 {
            "the redirect URI is not registered as a single-page application, but the code was redeemed cross-origin (from the browser, with an Origin header)"
        } else {
            "the redirect URI is registered as a single-page application, but the code was redeemed without an Origin header (by a server)"
        };
        f.findings.push(
            finding("har.token_origin_platform")
                .aadsts(c)
                .detail(format!("Entra refused the token request ({}) with AADSTS{c}: {text}.{said}", at(i)))
                .fix(if c == 9002326 { "Register the redirect URI under Single-page application (manifest type Spa), or redeem the code on the server." } else { "Redeem the code from the browser, or register the redirect URI under Web if a server redeems it." })
                .reference(aadsts::error_lookup_url(c)),
        );
    }
    let handled = [
        500112, 50011, 70002, 50148, 501481, 9002325, 9002326, 9002327,
    ];
    if let Some(c) = codes.iter().copied().find(|c| !handled.contains(c)) {
        let specific = response::for_code(c, tr.error.as_deref());
        // A code is single-use: a second redemption after one that got tokens
        // is refused (AADSTS54005), but the sign-in had already worked.
        let redeemed = f
            .tokens
            .iter()
            .find(|t| {
                (200..300).contains(&t.status) && t.error.is_none() && t.error_codes.is_empty()
            })
            .map(|t| t.index)
            .or(winner)
            .filter(|_| c == 54005);
        let again = redeemed.map_or(String::new(), |w| if w < i {
            format!(" The same code had already been redeemed successfully at {}: the app redeemed it twice (a handler or effect that runs twice, e.g. React StrictMode in development, or two tabs), and only the second attempt failed; sign-in itself worked.", at(w))
        } else {
            format!(" The same code was redeemed successfully by the token request at {}, sent at about the same time: the app redeemed it twice (a handler or effect that runs twice, e.g. React StrictMode in development, or two tabs); Entra answered that one first and refused this one. Sign-in itself worked.", at(w))
        });
        f.findings.push(
            finding("har.error_returned")
                .severity(if redeemed.is_some() { Severity::Warning } else { Severity::Error })
                .aadsts(c)
                .title(format!(
                    "The token request failed: {}AADSTS{c}",
                    tr.error
                        .as_deref()
                        .map(|e| format!("{e} / "))
                        .unwrap_or_default()
                ))
                .detail(format!(
                    "Entra answered the token request ({}) with status {}: {}{again}",
                    at(i),
                    e.status,
                    tr.description.as_deref().unwrap_or("(no description)")
                ))
                .fix(if redeemed.is_some() { "Redeem each code once: make the code that handles the redirect run once (await handleRedirectPromise() once at start-up; guard effects that React StrictMode runs twice).".to_string() } else { specific.fix })
                .reference(aadsts::error_lookup_url(c)),
        );
    }
    if tr.error.is_none() && tr.error_codes.is_empty() && (e.status <= 0 || e.status >= 400) {
        f.findings
            .push(unread_token_failure(e, i, &tr, auth_ru.as_deref()));
    }
    f.tokens.push(tr);
}

/// Where a body written beside the HAR is, said instead of "no body".
const ATTACHED_BODY: &str = "no response body of its own: the recording wrote bodies to files beside the HAR (its content._file names one, as Playwright's recordHar does with content 'attach', the default for a .zip archive)";
const ATTACHED_BODY_FIX: &str = "Open the body file the entry's content._file names (in the recording's .zip, or the folder beside the .har), or record again with the bodies in the HAR (recordHar content: 'embed') and check it here: the error_description names the AADSTS code (AADSTS9002326 platform, AADSTS500112 redirect_uri mismatch, AADSTS54005 code already redeemed, AADSTS70008 code expired, AADSTS7000218 no client secret).";

/// A token request that failed with no error Entra's answer lets us read: no
/// answer at all (status 0), or an error status without a readable body.
fn unread_token_failure(e: &Entry, i: usize, tr: &TokenRequest, auth_ru: Option<&str>) -> Finding {
    let uri = tr
        .redirect_uri
        .as_deref()
        .or(auth_ru)
        .unwrap_or("the redirect URI");
    if e.status <= 0 {
        let why = no_answer(e).unwrap_or_default();
        if let (Some(o), true) = (&tr.origin, generic_failure(e)) {
            return finding("har.token_origin_platform")
                .title("The browser's token request got no answer: most likely refused as cross-origin, the redirect URI not being a single-page-application URI")
                .detail(format!("The code redemption ({}) was sent from the browser (Origin: {o}) and {why}. That is how a refused cross-origin (CORS) request shows in a HAR: when {uri} is registered under Web (or Mobile and desktop applications) instead of Single-page application, Entra answers AADSTS9002326 ('Cross-origin token redemption is permitted only for the Single-Page Application client-type') without the headers that let the page read it, and MSAL.js reports post_request_failed or a network error. The answer itself is not in the HAR, so its AADSTS code cannot be read here; the code was not redeemed and the app got no tokens.", at(i)))
                .fix(format!("Register {uri} under Single-page application (Authentication › Add a platform › Single-page application, or type Spa in the manifest) and remove it from Web. If it is already there, the browser console's CORS message and the token request's Response tab say what else refused it."));
        }
        return finding("har.error_returned")
            .title("The token request got no answer (status 0)")
            .detail(format!("The code redemption ({}) got no answer: {why}. The code was not redeemed in this recording, so the app got no tokens.", at(i)))
            .fix("Look at what stopped the request (the browser console, an extension, the network or proxy), then sign in again and redeem the new code.");
    }
    let body = if e.body.as_deref().is_some_and(|b| !b.trim().is_empty()) {
        "a response body with no OAuth error in it"
    } else if e.body_file {
        ATTACHED_BODY
    } else if e.removed {
        "no response body: the sanitiser removed it from this copy of the HAR, as the copy's comment on it says"
    } else if e.packed {
        "a response body still compressed as the server sent it"
    } else {
        "no response body (Safari, and exports without content, leave bodies out)"
    };
    finding("har.error_returned")
        .title(format!(
            "The token request failed (status {}); {}",
            e.status,
            if e.removed {
                "the sanitiser removed the reason from this copy"
            } else {
                "the reason was not recorded"
            }
        ))
        .detail(format!("Entra answered the code redemption ({}) with status {}, but the HAR holds {body}, so its error and AADSTS code cannot be read. The code was not redeemed: the sign-in itself went through, and it failed when the app asked for tokens.", at(i), e.status))
        .fix(if e.body_file { ATTACHED_BODY_FIX } else if e.removed { "Check the HAR from before it was sanitised here, or open the token request's Response tab in the developer tools or the app's log: the error_description names the AADSTS code (AADSTS9002326 platform, AADSTS500112 redirect_uri mismatch, AADSTS54005 code already redeemed, AADSTS70008 code expired, AADSTS7000218 no client secret), then check it here." } else { "Export the HAR again with its content (Chrome or Edge: Export HAR with sensitive data; Firefox: Save All As HAR), or open the token request's Response tab in the developer tools or the app's log: the error_description names the AADSTS code (AADSTS9002326 platform, AADSTS500112 redirect_uri mismatch, AADSTS54005 code already redeemed, AADSTS70008 code expired, AADSTS7000218 no client secret), then check it here." })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Headers, cookies and form fields some tools write as one object of `"name": value` (a
    /// list as the value of a repeated one), and a body written as the JSON itself, are read as
    /// a HAR's lists and text; a URL written as an object is still no HAR.
    #[test]
    fn pairs_and_bodies_written_as_objects_are_read() {
        let e: Entry = serde_json::from_str(r#"{"request":{"method":"POST","url":"https://login.microsoftonline.com/t/oauth2/v2.0/token","headers":{"Cookie":".AspNetCore.Correlation.x=1","Origin":"https://a.contoso.com"},"cookies":{"a":"1","b":"2"},"postData":{"mimeType":"","params":{"code":"0.AX","scope":["openid"]}}},"response":{"status":400,"headers":{"Set-Cookie":["a=1","b=2"],"Content-Type":"application/json"},"cookies":{},"content":{"mimeType":"application/json","text":{"error":"invalid_grant"}}}}"#).expect("read");
        assert_eq!(
            e.request.headers.get("origin"),
            Some("https://a.contoso.com")
        );
        assert_eq!(
            e.request.headers.auth_cookies,
            [".AspNetCore.Correlation.x"]
        );
        assert_eq!(e.request.cookies.0, 2);
        assert_eq!(
            post_pairs(&e),
            [
                ("code".to_string(), "0.AX".to_string()),
                ("scope".to_string(), "openid".to_string())
            ]
        );
        assert_eq!(e.resp_headers.all("set-cookie").count(), 2);
        assert_eq!(e.body.as_deref(), Some(r#"{"error":"invalid_grant"}"#));
        assert!(serde_json::from_str::<Entry>(r#"{"request":{"url":{"a":1}}}"#).is_err());
    }

    /// A page in Latin-1 (charset=iso-8859-1) exported as base64 is read as text; binary is not.
    #[test]
    fn a_latin_1_body_is_text_and_binary_is_not() {
        use base64::Engine;
        let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
        let page = b"<p>Erreur de connexion \xe0 l'application : AADSTS50011</p>\r\n";
        let text = decode_base64_body(&b64(page)).expect("text");
        assert!(
            text.contains("connexion à l'application : AADSTS50011"),
            "{text}"
        );
        let png = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff];
        assert_eq!(decode_base64_body(&b64(&png)), None);
    }

    #[test]
    fn numbers_in_text_fields_read_as_their_json_text() {
        let read = |json: &str| {
            serde_json::from_str::<Str>(json)
                .map(|s| s.0.into_owned())
                .ok()
        };
        assert_eq!(read("1.5").as_deref(), Some("1.5"));
        assert_eq!(read("302").as_deref(), Some("302"));
        assert_eq!(read("-4").as_deref(), Some("-4"));
        assert_eq!(read("null").as_deref(), Some(""));
    }

    fn log(json: &str) -> Log<'_> {
        serde_json::from_str::<serde_json::Value>(json).expect("test JSON");
        #[derive(Deserialize)]
        struct Doc<'a> {
            #[serde(borrow)]
            log: Log<'a>,
        }
        serde_json::from_str::<Doc>(json)
            .map(|d| d.log)
            .expect("HAR")
    }

    fn entry(method: &str, url: &str, status: i64, extra_resp: &str, extra_req: &str) -> String {
        format!(
            r#"{{"request":{{"method":"{method}","url":"{url}","headers":[]{extra_req}}},"response":{{"status":{status},"headers":[{{"name":"Set-Cookie","value":"x=1"}}]{extra_resp}}}}}"#
        )
    }

    fn har(entries: &[String]) -> String {
        format!(
            r#"{{"log":{{"version":"1.2","creator":{{"name":"WebInspector","version":"537.36"}},"entries":[{}]}}}}"#,
            entries.join(",")
        )
    }

    const AUTH: &str = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&response_type=code&scope=openid&state=s1";

    fn codes(t: &Trace) -> Vec<&str> {
        t.findings.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn a_block_a_later_attempt_got_past_says_so_and_stays_an_error() {
        let ok = "https://app.contoso.com/cb?code=0.AX&state=s2";
        let page = r#","content":{"mimeType":"text/html","text":"<html><body>AADSTS53003: Access has been blocked by Conditional Access policies.</body></html>"}"#;
        let run = |second_app: &str| {
            let second = AUTH
                .replace("&state=s1", "&state=s2")
                .replace("6731de76-14a6-49ae-97bc-6eba6914391e", second_app);
            trace(&log(&har(&[
                entry("GET", AUTH, 200, page, ""),
                entry(
                    "GET",
                    &second,
                    302,
                    &format!(r#","redirectURL":"{ok}""#),
                    "",
                ),
                entry("GET", ok, 200, "", ""),
            ])))
        };
        let t = run("6731de76-14a6-49ae-97bc-6eba6914391e");
        let f = t
            .findings
            .iter()
            .find(|f| f.aadsts == Some(53003))
            .expect("block");
        assert_eq!(f.severity, Severity::Error);
        assert!(
            f.detail.contains("A later attempt of the same app"),
            "{}",
            f.detail
        );
        // Near miss: another app's success says nothing about this one.
        let t = run("11111111-2222-3333-4444-555555555555");
        let f = t
            .findings
            .iter()
            .find(|f| f.aadsts == Some(53003))
            .expect("block");
        assert!(!f.detail.contains("A later attempt"), "{}", f.detail);
    }

    #[test]
    fn a_sign_in_that_stopped_at_the_federation_server_is_named() {
        let adfs = "https://sts.contoso.com/adfs/ls/?wa=wsignin1.0&wtrealm=urn%3afederation%3aMicrosoftOnline";
        let page = |text: &str| {
            format!(
                r#","content":{{"mimeType":"text/html","text":"<html><body><div id=\"errorMessage\">{text}</div></body></html>"}}"#
            )
        };
        let run = |text: &str| {
            trace(&log(&har(&[
                entry("GET", AUTH, 200, &page("Sign in"), ""),
                entry("GET", adfs, 200, &page("Sign in to Contoso"), ""),
                entry("POST", adfs, 200, &page(text), ""),
            ])))
        };
        let t = run("MSIS7012: An error occurred while processing the request.");
        let f = t
            .findings
            .iter()
            .find(|f| f.title.contains("sts.contoso.com"))
            .expect("named");
        assert_eq!(f.severity, Severity::Error);
        assert!(f.detail.contains("MSIS7012"), "{}", f.detail);
        // Still on its sign-in form: a warning, with nothing to quote.
        let t = run("Sign in with your organizational account");
        let f = t
            .findings
            .iter()
            .find(|f| f.title.contains("sts.contoso.com"))
            .expect("named");
        assert_eq!(f.severity, Severity::Warning);
        // Near miss: back on Entra after the federation server, it did not stop there.
        let t = trace(&log(&har(&[
            entry("GET", AUTH, 200, &page("Sign in"), ""),
            entry("POST", adfs, 200, &page("Working"), ""),
            entry(
                "POST",
                "https://login.microsoftonline.com/login.srf",
                200,
                &page("Sign in"),
                "",
            ),
        ])));
        assert!(
            !t.findings
                .iter()
                .any(|f| f.title.contains("sts.contoso.com")),
            "{:?}",
            codes(&t)
        );
    }

    #[test]
    fn the_analysed_attempt_is_named_for_why_it_was_chosen() {
        let silent = AUTH.replace("&state=s1", "&prompt=none&state=s0");
        let err = "https://app.contoso.com/cb?error=login_required&error_description=AADSTS50058&state=s0";
        let ok = "https://app.contoso.com/cb?code=0.AX&state=s1";
        let redirect = |to: &str| format!(r#","redirectURL":"{to}""#);
        let detail = |entries: &[String]| {
            trace(&log(&har(entries)))
                .findings
                .into_iter()
                .find(|f| f.code == "har.authorize_found")
                .expect("found")
                .detail
        };
        let d = detail(&[
            entry("GET", &silent, 302, &redirect(err), ""),
            entry("GET", err, 200, "", ""),
            entry("GET", AUTH, 302, &redirect(ok), ""),
            entry("GET", ok, 200, "", ""),
        ]);
        assert!(
            d.contains("analysed #3 (the first that was not a silent attempt"),
            "{d}"
        );
        let d = detail(&[
            entry("GET", &silent, 302, &redirect(err), ""),
            entry("GET", err, 200, "", ""),
            entry("GET", &silent, 302, &redirect(err), ""),
            entry("GET", err, 200, "", ""),
        ]);
        assert!(
            d.contains("analysed #1 (the first; every one was a silent attempt"),
            "{d}"
        );
    }

    #[test]
    fn a_form_post_to_an_insecure_host_names_the_browser_prompt() {
        let run = |action: &str| {
            let auth = AUTH.replace("&state=s1", "&response_mode=form_post&state=s1");
            let page = format!(
                r#","content":{{"mimeType":"text/html","text":"<form method=\"POST\" name=\"hiddenform\" action=\"{action}\"><input type=\"hidden\" name=\"code\" value=\"0.AX\" /><input type=\"hidden\" name=\"state\" value=\"s1\" /></form>"}}"#
            );
            let t = trace(&log(&har(&[entry("GET", &auth, 200, &page, "")])));
            t.findings
                .into_iter()
                .find(|f| f.code == "har.form_post_not_posted")
                .expect("not posted")
        };
        let f = run("http://intranet.contoso.com/cb");
        assert!(f.detail.contains("not secure"), "{}", f.detail);
        assert!(
            f.fix.contains("https://intranet.contoso.com/cb"),
            "{}",
            f.fix
        );
        // Near miss: http://localhost is no insecure address to the browser.
        assert!(!run("http://localhost:5000/cb")
            .detail
            .contains("not secure"));
    }

    /// A HAR of `n` sign-ins of one app, each delivering its code by form_post at
    /// `origin/signin-oidc`, `gap` seconds apart; the callback sets `session` and the next
    /// request to the app sends `sent`.
    fn loop_har(n: usize, gap: u64, origin: &str, session: &str, sent: &str) -> String {
        use serde_json::{json, Value};
        let mut entries = Vec::new();
        let t = std::cell::Cell::new(0u64);
        let mut push = |method: &str,
                        url: &str,
                        status: i64,
                        req: Value,
                        resp: Value,
                        post: Option<String>,
                        body: &str| {
            t.set(t.get() + 1);
            let t = t.get();
            let mut e = json!({
                "startedDateTime": format!("2026-12-01T10:{:02}:{:02}.000Z", t / 60, t % 60),
                "request": {"method": method, "url": url, "headers": req},
                "response": {"status": status, "headers": resp, "content": {"mimeType": "text/html", "text": body}},
            });
            if let Some(p) = post {
                e["request"]["postData"] =
                    json!({"mimeType": "application/x-www-form-urlencoded", "text": p});
            }
            entries.push(e);
        };
        for i in 0..n {
            let auth = format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri={}%2Fsignin-oidc&response_mode=form_post&scope=openid&state=S{i}", origin.replace(':', "%3A").replace('/', "%2F"));
            let cookie = |v: &str| json!([{"name": "Cookie", "value": v}]);
            push(
                "GET",
                &format!("{origin}/"),
                302,
                cookie(sent),
                json!([{"name": "Location", "value": auth}, {"name": "Set-Cookie", "value": ".AspNetCore.Correlation.x=N; path=/signin-oidc; secure; samesite=none"}]),
                None,
                "",
            );
            let form = format!(
                r#"<form method="POST" name="hiddenform" action="{origin}/signin-oidc"><input type="hidden" name="code" value="0.AX{i}" /><input type="hidden" name="state" value="S{i}" /></form>"#
            );
            push(
                "GET",
                &auth,
                200,
                cookie("esctx=a"),
                json!([{"name": "Set-Cookie", "value": "esctx=a; secure"}]),
                None,
                &form,
            );
            let set: Vec<Value> = session
                .split('|')
                .filter(|c| !c.is_empty())
                .map(|c| json!({"name": "Set-Cookie", "value": c}))
                .chain([json!({"name": "Location", "value": "/"})])
                .collect();
            push(
                "POST",
                &format!("{origin}/signin-oidc"),
                302,
                cookie(".AspNetCore.Correlation.x=N"),
                Value::Array(set),
                Some(format!("code=0.AX{i}&state=S{i}")),
                "",
            );
            t.set(t.get() + gap);
        }
        json!({"log": {"creator": {"name": "WebInspector", "version": "537.36"}, "entries": entries}}).to_string()
    }

    fn loop_finding(text: &str) -> Option<Finding> {
        trace(&log(text))
            .findings
            .into_iter()
            .find(|f| f.code == "har.sign_in_loop")
    }

    #[test]
    fn a_sign_in_loop_is_named_with_what_the_session_cookie_did() {
        let https = "https://app.contoso.com";
        let lax = ".AspNetCore.Cookies=abc; path=/; secure; samesite=lax; httponly";
        // The cookie came back: the app rejects its own session.
        let f =
            loop_finding(&loop_har(4, 0, https, lax, ".AspNetCore.Cookies=abc")).expect("a loop");
        assert_eq!(f.severity, Severity::Error);
        assert!(
            f.detail.starts_with("4 sign-ins of the same app"),
            "{}",
            f.detail
        );
        assert!(
            f.detail
                .contains("sent it back, yet the app asked to sign in again"),
            "{}",
            f.detail
        );
        assert!(f.fix.contains("data protection key ring"), "{}", f.fix);
        // Not sent back: each attribute that explains it.
        let strict = ".AspNetCore.Cookies=abc; path=/; secure; samesite=strict";
        let said = loop_finding(&loop_har(3, 0, https, strict, ""))
            .expect("a loop")
            .detail;
        assert!(said.contains("is SameSite=Strict"), "{said}");
        let http = "http://app.contoso.com";
        let said = loop_finding(&loop_har(3, 0, http, lax, ""))
            .expect("a loop")
            .detail;
        assert!(
            said.contains("is Secure but the app is served over http"),
            "{said}"
        );
        let other = ".AspNetCore.Cookies=abc; path=/; domain=.fabrikam.com; secure; samesite=lax";
        let said = loop_finding(&loop_har(3, 0, https, other, ""))
            .expect("a loop")
            .detail;
        assert!(
            said.contains("Domain=fabrikam.com, which does not cover app.contoso.com"),
            "{said}"
        );
        let big = format!(".AspNetCore.Cookies={}; path=/; secure", "a".repeat(5000));
        let said = loop_finding(&loop_har(3, 0, https, &big, ""))
            .expect("a loop")
            .detail;
        assert!(said.contains("over the 4,096 bytes"), "{said}");
        // No session cookie at all: the app never signed the user in.
        let said = loop_finding(&loop_har(3, 0, https, "", ""))
            .expect("a loop")
            .detail;
        assert!(said.contains("sets no session cookie"), "{said}");
        assert!(!said.contains("Correlation failed"), "{said}");
        // Nor the correlation cookie on the callback (SameSite=Lax): the app rejected the answer.
        let lax_correlation = loop_har(3, 0, https, "", "")
            .replace("samesite=none", "samesite=lax")
            .replace(
                r#""value":".AspNetCore.Correlation.x=N""#,
                r#""value":"other=1""#,
            );
        let f = loop_finding(&lax_correlation).expect("a loop");
        assert!(
            f.detail.contains("was NOT sent on the callback request"),
            "{}",
            f.detail
        );
        assert!(f.fix.contains("SameSite=None; Secure"), "{}", f.fix);
    }

    #[test]
    fn sign_ins_that_are_not_a_loop_are_not_called_one() {
        let lax = ".AspNetCore.Cookies=abc; path=/; secure; samesite=lax";
        let https = "https://app.contoso.com";
        // Two sign-ins: one return is a second attempt, not a loop.
        assert_eq!(
            loop_finding(&loop_har(2, 0, https, lax, ".AspNetCore.Cookies=abc")),
            None
        );
        // Sign-ins ten minutes apart: renewals, not a loop.
        assert_eq!(
            loop_finding(&loop_har(4, 600, https, lax, ".AspNetCore.Cookies=abc")),
            None
        );
        assert!(loop_finding(&loop_har(4, 20, https, lax, ".AspNetCore.Cookies=abc")).is_some());
    }

    /// Entra's form_post page without its body (Chrome keeps none for a page it left at once,
    /// Safari's exports have none) is read from the browser's POST of the answer after it.
    #[test]
    fn a_form_post_page_without_its_body_is_read_from_the_post_after_it() {
        let auth = AUTH.replace("&state=s1", "&response_mode=form_post&state=s1");
        let post = |body: &str| {
            format!(
                r#","postData":{{"mimeType":"application/x-www-form-urlencoded","text":"{body}"}}"#
            )
        };
        let run = |body: &str, to: &str| {
            let text = har(&[
                entry("GET", &auth, 200, "", ""),
                entry(
                    "POST",
                    "https://login.microsoftonline.com/common/login",
                    200,
                    "",
                    "",
                ),
                entry(
                    "POST",
                    to,
                    500,
                    r#","content":{"mimeType":"text/html","text":"An unhandled exception occurred. AuthenticationFailureException: Correlation failed."}"#,
                    &post(body),
                ),
            ]);
            trace(&log(&text))
        };
        let t = run(
            "code=0.AXwA1b2&state=s1&session_state=x",
            "https://app.contoso.com/cb",
        );
        let c = codes(&t);
        assert!(
            c.contains(&"har.code_issued") && c.contains(&"har.code_delivered"),
            "{c:?}"
        );
        assert!(c.contains(&"har.app_error"), "{c:?}");
        // Near misses: a POST without an answer in it, or to another address, is no form_post.
        for (body, to) in [
            ("username=a&password=b", "https://app.contoso.com/cb"),
            (
                "code=0.AXwA1b2&state=s1",
                "https://other.contoso.com/collect",
            ),
        ] {
            let c = codes(&run(body, to))
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>();
            assert!(
                !c.iter().any(|x| x == "har.code_issued"),
                "{body} {to}: {c:?}"
            );
        }
    }

    #[test]
    fn no_cookies_is_called_a_sanitised_export_only_when_the_other_headers_are_kept() {
        let one = |req_headers: &str| {
            har(&[format!(
                r#"{{"request":{{"method":"GET","url":"{AUTH}","headers":[{req_headers}]}},"response":{{"status":200,"headers":[]}}}}"#
            )])
        };
        let title = |text: &str| {
            let t = trace(&log(text));
            let f = t
                .findings
                .iter()
                .find(|f| f.code == "har.sanitized_export")
                .map(|f| f.title.clone());
            (f, t.sanitized_export, t.summary)
        };
        // The browser's sanitised export: cookies and Authorization dropped,
        // the other headers kept.
        let (f, export, summary) = title(&one(
            r#"{"name":"User-Agent","value":"Mozilla/5.0"},{"name":"Accept","value":"text/html"}"#,
        ));
        assert_eq!(f.as_deref(), Some("The HAR was sanitised before export"));
        assert!(
            export && summary.contains("(sanitized export)"),
            "{summary}"
        );
        // Near miss: no header at all is no sign of that export.
        let (f, export, summary) = title(&one(""));
        assert_eq!(f.as_deref(), Some("No cookies were recorded in this HAR"));
        assert!(
            !export && summary.contains("(no cookies recorded)"),
            "{summary}"
        );
        // A cookie anywhere: nothing to say.
        let (f, ..) = title(&one(r#"{"name":"Cookie","value":"fpc=1"}"#));
        assert_eq!(f, None);
        // Another browser's export with its headers but no cookies: not
        // called sanitised, and no response body is claimed when none is there.
        let text = one(r#"{"name":"User-Agent","value":"Mozilla/5.0"}"#).replace(
            r#""name":"WebInspector""#,
            r#""name":"WebKit Web Inspector""#,
        );
        let t = trace(&log(&text));
        let f = t.findings.iter().find(|f| f.code == "har.sanitized_export");
        assert!(!t.sanitized_export);
        assert!(
            f.is_some_and(|f| f.title.starts_with("No cookies")
                && f.detail.contains("WebKit Web Inspector")
                && f.detail.contains("no response body was recorded")),
            "{f:?}"
        );
    }

    /// Of other hosts, only HTML pages are kept (an app's sign-in failure may show on a 200
    /// page); scripts, JSON and images are not.
    #[test]
    fn lean_reader_skips_bodies_of_other_hosts() {
        let text = har(&[
            entry(
                "GET",
                "https://app.contoso.com/app.js",
                200,
                r#","content":{"mimeType":"application/javascript","text":"var a=1;"}"#,
                "",
            ),
            entry(
                "GET",
                AUTH,
                200,
                r#","content":{"mimeType":"text/html","text":"<html>login</html>"}"#,
                "",
            ),
            entry(
                "GET",
                "https://app.contoso.com/login?error",
                200,
                r#","content":{"mimeType":"text/html; charset=utf-8","text":"<html>[authorization_request_not_found]</html>"}"#,
                "",
            ),
        ]);
        let l = log(&text);
        let e = l.entries.as_deref().unwrap_or(&[]);
        assert_eq!(e.len(), 3);
        assert_eq!(e.first().and_then(|e| e.body.as_deref()), None);
        assert_eq!(
            e.get(1).and_then(|e| e.body.as_deref()),
            Some("<html>login</html>")
        );
        assert_eq!(
            e.get(2).and_then(|e| e.body.as_deref()),
            Some("<html>[authorization_request_not_found]</html>")
        );
    }

    #[test]
    fn a_b2c_error_sent_back_gets_its_own_fix() {
        let f = error_returned(
            Some("access_denied"),
            Some("AADB2C90118: The user has forgotten their password.\r\nCorrelation ID: x"),
            1,
            "a redirect",
        );
        assert!(f.title.contains("AADB2C90118"), "{}", f.title);
        assert!(f.fix.contains("password-reset user flow"), "{}", f.fix);
        let f = error_returned(
            Some("server_error"),
            Some("AADB2C99002: odd."),
            1,
            "a redirect",
        );
        assert!(f.fix.contains("B2C's error code list"), "{}", f.fix);
        // No code at all: the generic fix.
        let f = error_returned(Some("server_error"), Some("AADB2C: odd."), 1, "a redirect");
        assert!(f.fix.starts_with("Read error_description"), "{}", f.fix);
        // Entra's form_post page posts its answer back; it does not redirect.
        let f = error_returned(
            Some("access_denied"),
            Some("AADSTS50105: not assigned."),
            1,
            "a form_post to https://app.contoso.com/signin-oidc",
        );
        assert_eq!(
            f.title,
            "Entra posted back with access_denied / AADSTS50105"
        );
    }

    #[test]
    fn token_validation_errors_of_the_app_are_named_with_their_fix() {
        let page = |text: &str| {
            har(&[
                entry(
                    "GET",
                    AUTH,
                    302,
                    r#","redirectURL":"https://app.contoso.com/cb?code=0.AXcode&state=s1""#,
                    "",
                ),
                format!(
                    r#"{{"request":{{"method":"GET","url":"https://app.contoso.com/cb?code=0.AXcode&state=s1"}},"response":{{"status":500,"headers":[],"content":{{"mimeType":"text/html","text":"{text}"}}}}}}"#
                ),
            ])
        };
        for (text, key, fix) in [
            ("SecurityTokenSignatureKeyNotFoundException: IDX10501: Signature validation failed. Unable to match key: kid", "IDX10501", "metadata address"),
            ("SecurityTokenInvalidIssuerException: IDX10205: Issuer validation failed.", "IDX10205", "validate the issuer per tenant"),
            ("SecurityTokenInvalidAudienceException: IDX10214: Audience validation failed.", "IDX10214", "valid audiences"),
            ("SecurityTokenSignatureKeyNotFoundException: IDX10503: Signature validation failed. Token does not have a kid. Keys tried: '[PII is hidden]'.", "IDX10503", "metadata address"),
        ] {
            let t = trace(&log(&page(text)));
            let f = t
                .findings
                .iter()
                .find(|f| f.code == "har.app_error")
                .expect("app_error");
            assert!(f.title.contains(key), "{}", f.title);
            assert!(f.fix.contains(fix), "{}", f.fix);
            // The share link's digest of the page keeps the name.
            assert!(app_page_digest(text).contains(key), "{}", app_page_digest(text));
        }
        // Another IDX message keeps the generic fix.
        let t = trace(&log(&page(
            "IDX10000: The parameter 'x' cannot be a 'null' or an empty object.",
        )));
        let f = t
            .findings
            .iter()
            .find(|f| f.code == "har.app_error")
            .expect("app_error");
        assert!(f.fix.starts_with("Read the app's log"), "{}", f.fix);
        assert!(!app_page_digest(
            "IDX10000: The parameter 'x' cannot be a 'null' or an empty object."
        )
        .contains("IDX"));
    }

    #[test]
    fn an_app_error_page_is_read_whatever_the_key_order() {
        // JSON written back with sorted keys puts `content` before `status`.
        let app = |status: i64, mime: &str, text: &str| {
            format!(
                r#"{{"request":{{"method":"GET","url":"https://app.contoso.com/cb?code=c1"}},"response":{{"content":{{"mimeType":"{mime}","text":"{text}"}},"headers":[],"status":{status}}}}}"#
            )
        };
        let text = har(&[
            app(
                500,
                "text/html",
                "invalid_grant: AADSTS54005: code was already redeemed.",
            ),
            app(200, "application/json", "{}"),
        ]);
        let l = log(&text);
        let e = l.entries.as_deref().unwrap_or(&[]);
        assert_eq!(
            e.first().and_then(|e| e.body.as_deref()),
            Some("invalid_grant: AADSTS54005: code was already redeemed.")
        );
        // A 200 answer that is no page (JSON here) is not kept, in either order.
        assert_eq!(e.get(1).and_then(|e| e.body.as_deref()), None);
    }

    #[test]
    fn base64_bodies_are_decoded() {
        let text = har(&[entry(
            "GET",
            AUTH,
            200,
            r#","content":{"mimeType":"text/html","encoding":"base64","text":"PGh0bWw+aGk8L2h0bWw+"}"#,
            "",
        )]);
        let l = log(&text);
        assert_eq!(
            l.entries
                .as_deref()
                .and_then(|e| e.first())
                .and_then(|e| e.body.as_deref()),
            Some("<html>hi</html>")
        );
    }

    /// A body exported still gzip-compressed (base64 of the gzip bytes) is read.
    #[test]
    fn gzip_bodies_in_base64_are_inflated() {
        use base64::Engine;
        let page =
            "<html>AADSTS53003: Access has been blocked by Conditional Access policies.</html>";
        let raw = miniz_oxide::deflate::compress_to_vec(page.as_bytes(), 6);
        let mut gz = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
        gz.extend_from_slice(&raw);
        gz.extend_from_slice(&[0; 8]);
        let b64 = base64::engine::general_purpose::STANDARD.encode(&gz);
        assert_eq!(decode_base64_body(&b64).as_deref(), Some(page));
        // What the sanitiser writes back stays as it was.
        assert_eq!(decode_base64_text(&b64), None);
        // A bomb of repeated bytes is not inflated.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 4 << 20], 9);
        let mut gz = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
        gz.extend_from_slice(&bomb);
        gz.extend_from_slice(&[0; 8]);
        assert_eq!(gunzip(&gz), None);
        assert_eq!(gunzip(b"not gzip at all, not at all"), None);
    }

    /// Deflate's zlib data is inflated too; bytes still compressed otherwise (Brotli) are said
    /// to be so, not taken for a page that was not recorded.
    #[test]
    fn zlib_bodies_are_inflated_and_brotli_ones_said_compressed() {
        use base64::Engine;
        let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
        let page = "<html>AADSTS50011: The redirect URI does not match.</html>";
        let z = miniz_oxide::deflate::compress_to_vec_zlib(page.as_bytes(), 6);
        assert_eq!(decode_base64_body(&b64(&z)).as_deref(), Some(page));
        // Not text, not gzip, not zlib (a Brotli stream starts with no magic number).
        let br = b64(&[
            0x1b, 0xff, 0x00, 0x90, 0x8f, 0xd4, 0x2c, 0xe1, 0x97, 0x05, 0x80, 0xc3,
        ]);
        assert_eq!(decode_base64_body(&br), None);
        let content = format!(
            r#","headers":[{{"name":"content-encoding","value":"br"}}],"content":{{"mimeType":"text/html","text":"{br}","encoding":"base64"}}"#
        );
        let t = trace(&log(&har(&[entry("GET", AUTH, 200, &content, "")])));
        let f = t.findings.iter().find(|f| f.code == "har.entra_error_page");
        assert!(
            f.is_some_and(|f| f.detail.contains("still compressed")
                && f.detail.contains("Content-Encoding br")
                && f.fix.contains("decoding of responses")),
            "{f:?}"
        );
    }

    /// The reason a request got no answer reads alike in Chromium's codes, Firefox's, and the
    /// words of WebKit and proxies.
    #[test]
    fn no_answer_reads_webkit_and_proxy_words() {
        let why = |err: &str| {
            let e = Entry {
                error: Some(err.to_string()),
                ..Entry::default()
            };
            (no_answer(&e).unwrap_or_default(), aborted(&e))
        };
        for err in [
            "net::ERR_CONNECTION_REFUSED",
            "NS_ERROR_CONNECTION_REFUSED",
            "Could not connect to the server.",
            "Connection refused",
        ] {
            assert!(why(err).0.contains("nothing listens"), "{err}");
        }
        for err in [
            "net::ERR_NAME_NOT_RESOLVED",
            "A server with the specified hostname could not be found.",
        ] {
            assert!(why(err).0.contains("does not resolve"), "{err}");
        }
        assert!(why("The Internet connection appears to be offline.")
            .0
            .contains("the network failed"));
        assert!(why("cancelled").1 && why("net::ERR_ABORTED").1);
        let limit = |err: &str| {
            redirect_limit(&Entry {
                error: Some(err.to_string()),
                ..Entry::default()
            })
        };
        assert!(limit("net::ERR_TOO_MANY_REDIRECTS") && limit("NS_ERROR_REDIRECT_LOOP"));
        assert!(limit("too many HTTP redirects") && !limit("net::ERR_FAILED"));
        assert!(why("net::ERR_FAILED").0.contains(GENERIC_FAILURE));
    }

    /// A body written beside the HAR (`content._file`) is known as such, not as missing.
    #[test]
    fn bodies_in_files_beside_the_har_are_known() {
        let text = har(&[
            entry(
                "GET",
                AUTH,
                200,
                r#","content":{"size":1500,"mimeType":"text/html","_file":"4f1c0a.html"}"#,
                "",
            ),
            entry(
                "GET",
                AUTH,
                200,
                r#","content":{"mimeType":"text/html","text":"<html>hi</html>"}"#,
                "",
            ),
        ]);
        let l = log(&text);
        let e = l.entries.as_deref().unwrap_or(&[]);
        assert!(e.first().is_some_and(|e| e.body_file && e.body.is_none()));
        assert!(e.get(1).is_some_and(|e| !e.body_file));
    }

    #[test]
    fn delivered_code_in_query() {
        let loc = "https://app.contoso.com/cb?code=0.AXcode&state=s1";
        let text = har(&[
            entry("GET", AUTH, 302, &format!(r#","redirectURL":"{loc}""#), ""),
            entry("GET", loc, 302, r#","redirectURL":"/home""#, ""),
            entry("GET", "https://app.contoso.com/home", 200, "", ""),
        ]);
        let t = trace(&log(&text));
        assert_eq!(
            codes(&t),
            [
                "har.authorize_found",
                "har.code_issued",
                "har.code_delivered"
            ]
        );
        assert_eq!(t.landing.as_deref(), Some(loc));
        assert_eq!(
            t.timeline.iter().map(|s| s.kind).collect::<Vec<_>>(),
            [StepKind::Authorize, StepKind::Callback]
        );
    }

    #[test]
    fn a_redirect_uri_rejection_a_later_attempt_got_past_is_information() {
        let page = |code: u32| {
            format!(
                r#","content":{{"mimeType":"text/html","text":"<script>$Config={{\"iErrorCode\":{code},\"strServiceExceptionMessage\":\"AADSTS{code}: rejected.\"}};</script>"}}"#
            )
        };
        let loc = "https://app.contoso.com/cb?code=0.AXcode&state=s1";
        let ok = |auth: &str| entry("GET", auth, 302, &format!(r#","redirectURL":"{loc}""#), "");
        let run = |failed: u32, first_app: &str, ok_first: bool| {
            let bad = entry(
                "GET",
                &AUTH.replace("6731de76", first_app),
                200,
                &page(failed),
                "",
            );
            let good = ok(AUTH);
            let text = if ok_first {
                har(&[good, bad])
            } else {
                har(&[bad, good])
            };
            let t = trace(&log(&text));
            let page = t
                .findings
                .iter()
                .find(|f| f.code == "har.entra_error_page")
                .map(|f| (f.severity, f.title.contains("resolved by a later sign-in")));
            (t.chosen, page)
        };
        // AADSTS50011, then the same app got its code: the later attempt is
        // analysed, the rejection is information.
        assert_eq!(
            run(50011, "6731de76", false),
            (Some(1), Some((Severity::Info, true)))
        );
        // Near misses: another app's success, a block (53003) another
        // request does not undo, a success before the rejection.
        assert_eq!(
            run(50011, "11111111", false),
            (Some(0), Some((Severity::Error, false)))
        );
        assert_eq!(
            run(53003, "6731de76", false),
            (Some(0), Some((Severity::Error, false)))
        );
        assert_eq!(
            run(50011, "6731de76", true),
            (Some(1), Some((Severity::Error, false)))
        );
    }

    #[test]
    fn a_sign_in_that_stopped_on_an_entra_page_with_no_text_says_so() {
        let run = |content: &str| {
            let t = trace(&log(&har(&[
                entry("GET", AUTH, 200, content, ""),
                entry(
                    "GET",
                    "https://aadcdn.msftauth.net/shared/1.0/content/js/x.js",
                    200,
                    "",
                    "",
                ),
            ])));
            t.findings
                .iter()
                .find(|f| f.code == "har.entra_error_page")
                .map(|f| (f.severity, f.title.contains("no text")))
        };
        // No body recorded (or an empty one): the page cannot be read.
        assert_eq!(run(""), Some((Severity::Warning, true)));
        assert_eq!(
            run(r#","content":{"size":0,"mimeType":"text/html","text":""}"#),
            Some((Severity::Warning, true))
        );
        // Near misses: the sign-in page's text is there (the user had not
        // finished), or it holds Entra's error.
        assert_eq!(
            run(
                r#","content":{"mimeType":"text/html","text":"<html><title>Sign in to your account</title></html>"}"#
            ),
            None
        );
        assert_eq!(
            run(
                r#","content":{"mimeType":"text/html","text":"<script>$Config={\"iErrorCode\":700016,\"strServiceExceptionMessage\":\"AADSTS700016: x\"};</script>"}"#
            ),
            Some((Severity::Error, false))
        );
    }

    /// The app that catches the failure and redirects to its error page names it there.
    #[test]
    fn an_app_error_page_after_a_redirect_is_read() {
        let auth = AUTH.replace("&state=s1", "&response_mode=form_post&state=s1");
        let form = r#","content":{"mimeType":"text/html","text":"<form method=\"POST\" action=\"https://app.contoso.com/cb\"><input type=\"hidden\" name=\"code\" value=\"0.AXcode\"/><input type=\"hidden\" name=\"state\" value=\"s1\"/></form>"}"#;
        let body = r#","postData":{"mimeType":"application/x-www-form-urlencoded","text":"code=0.AXcode&state=s1"}"#;
        let run = |to: &str| {
            let text = har(&[
                entry("GET", &auth, 200, form, ""),
                entry(
                    "POST",
                    "https://app.contoso.com/cb",
                    302,
                    &format!(r#","redirectURL":"{to}""#),
                    body,
                ),
                entry(
                    "GET",
                    &format!("https://app.contoso.com{to}"),
                    200,
                    r#","content":{"mimeType":"text/html","text":"<h1>Error.</h1>"}"#,
                    "",
                ),
            ]);
            trace(&log(&text))
        };
        let t = run("/Home/Error?message=Correlation%20failed.");
        let f = t
            .findings
            .iter()
            .find(|f| f.code == "har.app_error")
            .expect("app_error");
        assert!(f.title.contains("Correlation failed"), "{}", f.title);
        // Near miss: the app's home page after the callback is no failure.
        assert!(!codes(&run("/")).contains(&"har.app_error"));
    }

    /// A redirect that keeps everything Entra sent (a 307 with the form_post body, a 301 that
    /// keeps the query) is a warning; one that loses the code is the error.
    #[test]
    fn a_redirect_that_keeps_the_answer_is_a_warning() {
        let auth = AUTH.replace("&state=s1", "&response_mode=form_post&state=s1");
        let form = r#","content":{"mimeType":"text/html","text":"<form method=\"POST\" action=\"http://app.contoso.com/cb\"><input type=\"hidden\" name=\"code\" value=\"0.AXcode\"/><input type=\"hidden\" name=\"state\" value=\"s1\"/></form>"}"#;
        let body = r#","postData":{"mimeType":"application/x-www-form-urlencoded","text":"code=0.AXcode&state=s1"}"#;
        let run = |status: i64, then: &str, then_body: &str| {
            let text = har(&[
                entry("GET", &auth, 200, form, ""),
                entry(
                    "POST",
                    "http://app.contoso.com/cb",
                    status,
                    r#","redirectURL":"https://app.contoso.com/cb""#,
                    body,
                ),
                entry(
                    then,
                    "https://app.contoso.com/cb",
                    302,
                    r#","redirectURL":"/""#,
                    then_body,
                ),
            ]);
            let t = trace(&log(&text));
            t.findings
                .iter()
                .find(|f| f.code == "har.redirect_rewrote")
                .map(|f| f.severity)
        };
        assert_eq!(run(307, "POST", body), Some(Severity::Warning));
        assert_eq!(run(302, "GET", ""), Some(Severity::Error));
    }

    #[test]
    fn trailing_slash_301_that_drops_the_query() {
        let loc = "https://app.contoso.com/cb?code=0.AXcode&state=s1";
        let text = har(&[
            entry("GET", AUTH, 302, &format!(r#","redirectURL":"{loc}""#), ""),
            entry(
                "GET",
                loc,
                301,
                r#","redirectURL":"https://app.contoso.com/cb/""#,
                "",
            ),
            entry("GET", "https://app.contoso.com/cb/", 200, "", ""),
        ]);
        let t = trace(&log(&text));
        let c = codes(&t);
        assert!(
            c.contains(&"har.redirect_rewrote") && c.contains(&"har.code_lost"),
            "{c:?}"
        );
        let rw = t
            .findings
            .iter()
            .find(|f| f.code == "har.redirect_rewrote")
            .expect("rewrote");
        assert!(
            rw.title.contains("trailing slash added") && rw.title.contains("query dropped"),
            "{}",
            rw.title
        );
        assert!(
            !rw.detail.contains("0.AXcode"),
            "secret code in the finding text"
        );
        assert_eq!(t.landing, None);
    }

    #[test]
    fn a_callback_moved_from_https_to_http_is_the_fault_not_the_apps_scheme() {
        let r = |from: &str, to: &str, change: &str| Rewrite {
            idx: 3,
            status: 301,
            from: from.into(),
            to: to.into(),
            changes: vec![change.into()],
        };
        let down = rewrote_finding(
            &[r(
                "https://a.b/cb?code=x",
                "http://a.b/cb?code=x",
                "scheme https → http",
            )],
            false,
        )
        .expect("finding");
        assert!(down.fix.contains("remove that redirect"), "{}", down.fix);
        assert!(down.detail.contains("AADSTS500112"), "{}", down.detail);
        let up = rewrote_finding(
            &[r(
                "http://a.b/cb?code=x",
                "https://a.b/cb?code=x",
                "scheme http → https",
            )],
            false,
        )
        .expect("finding");
        assert!(up.fix.contains("X-Forwarded-Proto"), "{}", up.fix);
    }

    #[test]
    fn app_redirecting_to_itself_after_reading_the_code_is_not_a_rewrite() {
        assert_eq!(
            rewrite("https://a.b/cb?code=x", "https://a.b/cb", 302, "GET", true),
            None
        );
        assert!(rewrite("https://a.b/cb?code=x", "https://a.b/cb", 301, "GET", true).is_some());
        assert!(rewrite(
            "http://a.b/cb?code=x",
            "https://a.b/cb?code=x",
            302,
            "GET",
            true
        )
        .is_some_and(|c| c == ["scheme http → https"]));
        assert_eq!(
            rewrite("https://a.b/cb", "https://a.b/home", 302, "POST", true),
            None
        );
    }

    #[test]
    fn form_parser_reads_entra_form_post() {
        let html = r#"<html><head><title>Working...</title></head><body><form method="POST" name="hiddenform" action="https://app.contoso.com/signin-oidc"><input type="hidden" name="code" value="0.AX&amp;y" /><input type="hidden" name="state" value='s1'/><noscript><p>Script is disabled.</p><input type="submit" value="Submit" /></noscript></form></body></html>"#;
        let f = response_form(html).expect("form");
        assert_eq!(f.method, "post");
        assert_eq!(f.action, "https://app.contoso.com/signin-oidc");
        assert_eq!(get(&f.fields, "code"), Some("0.AX&y"));
        assert_eq!(get(&f.fields, "state"), Some("s1"));
        assert_eq!(
            response_form("<form action=x><input name=q value=1></form>"),
            None
        );
    }

    #[test]
    fn page_errors_from_config_json_and_text() {
        let page = r#"<script>$Config={"iErrorCode":50011,"strServiceExceptionMessage":"AADSTS50011: The redirect URI \u0027https://a.b/cb\u0027 specified in the request does not match","x":1};</script>"#;
        let (codes, msg) = page_error(page).expect("error");
        assert_eq!(codes, [50011]);
        assert!(msg.contains("'https://a.b/cb'"));
        let (codes, _) = page_error(r#"{"error":"invalid_request","error_description":"AADSTS90014: x","error_codes":[90014]}"#).expect("json");
        assert_eq!(codes, [90014]);
        assert_eq!(
            page_error("<p>AADSTS700016: Application not found</p>").map(|e| e.0),
            Some(vec![700016])
        );
        assert_eq!(page_error("<html>Sign in to your account</html>"), None);
        // Only the error's number in the page's configuration, or the MFA step's JSON answer.
        let (codes, _) =
            page_error(r#"<script>$Config={"sErrorCode":"500121","iErrorCode":0};</script>"#)
                .expect("code");
        assert_eq!(codes, [500121]);
        let (codes, msg) = page_error(
            r#"{"Success":false,"ResultValue":"PhoneAppDenied","Message":null,"ErrCode":500121}"#,
        )
        .expect("denied");
        assert_eq!(codes, [500121]);
        assert!(
            msg.contains("denied the Microsoft Authenticator notification"),
            "{msg}"
        );
        // Azure AD B2C's page (its settings in `var CONTENT`).
        let (codes, msg) = page_error(r#"<script>var CONTENT = {"error_detail_message":"AADB2C90006: The redirect URI 'https://a/cb' provided in the request is not registered for the client id 'x'.\r\nCorrelation ID: 1"};</script>"#).expect("b2c");
        assert!(codes.is_empty());
        assert!(
            msg.starts_with("AADB2C90006: The redirect URI 'https://a/cb'")
                && !msg.contains("Correlation"),
            "{msg}"
        );
        // Near misses: a push still pending, and a page whose error number is 0.
        assert_eq!(
            page_error(r#"{"Success":false,"ResultValue":"AuthenticationPending"}"#),
            None
        );
        assert_eq!(
            page_error(r#"<script>$Config={"iErrorCode":0};</script>"#),
            None
        );
    }

    #[test]
    fn relative_locations_resolve() {
        assert_eq!(
            resolve("https://a.b/x/y?q", "/cb?code=1"),
            "https://a.b/cb?code=1"
        );
        assert_eq!(resolve("https://a.b/x/y", "z"), "https://a.b/x/z");
        assert_eq!(resolve("https://a.b/x", "//c.d/e"), "https://c.d/e");
        assert_eq!(resolve("https://a.b/x", "https://c.d/"), "https://c.d/");
    }

    #[test]
    fn html_entities() {
        assert_eq!(
            html_unescape("a&amp;b&#x2F;c&#47;&quot;&bogus;"),
            "a&b/c/\"&bogus;"
        );
    }

    fn started(t: &str, e: String) -> String {
        format!(r#"{{"startedDateTime":"{t}",{}"#, e.get(1..).unwrap_or(""))
    }

    #[test]
    fn log_analytics_us_date_times_are_read() {
        let iso = time_key("2026-11-20T10:14:02Z");
        assert!(iso.is_some());
        assert_eq!(time_key("11/20/2026, 10:14:02.000 AM"), iso);
        assert_eq!(time_key("11/20/2026 10:14:02 AM"), iso);
        assert_eq!(
            time_key("11/20/2026, 10:14:02.000 PM"),
            time_key("2026-11-20T22:14:02Z")
        );
        assert_eq!(
            time_key("11/20/2026, 12:00:00.000 AM"),
            time_key("2026-11-20T00:00:00Z")
        );
        assert_eq!(
            time_key("1/2/2026, 12:30:00 PM"),
            time_key("2026-01-02T12:30:00Z")
        );
        // The half of the day written without a space, or with dots (p.m.).
        assert_eq!(
            time_key("11/20/2026 10:14:02PM"),
            time_key("2026-11-20T22:14:02Z")
        );
        assert_eq!(time_key("11/20/2026 10:14:02 a.m."), iso);
        assert_eq!(time_key("11/20/2026 10:14:02am"), iso);
        // Near misses: not a date, or an hour past 12 with AM.
        assert_eq!(time_key("11/20, 10:14:02 AM"), None);
        assert_eq!(time_key("11/20/2026, 13:14:02 AM"), None);
        // A German export's day-first dotted date, and Windows PowerShell's /Date(ms)/.
        assert_eq!(time_key("20.11.2026, 10:14:02.000"), iso);
        assert_eq!(time_key("20.11.2026 10:14:02"), iso);
        assert_eq!(time_key("/Date(1795169642000)/"), iso);
        assert_eq!(time_key("/Date(1795169642000+0000)/"), iso);
        assert_eq!(time_key("/Date(x)/"), None);
    }

    #[test]
    fn started_date_times_compare_across_offsets_and_precisions() {
        let k = |s: &str| time_key(s);
        assert_eq!(
            k("2025-03-11T14:02:07.118Z"),
            k("2025-03-11T15:02:07.118+01:00")
        );
        assert_eq!(
            k("2025-03-11T14:02:07.118Z"),
            k("2025-03-11T14:02:07.118000Z")
        );
        assert_eq!(
            k("2025-03-11T14:02:07.118Z"),
            k("2025-03-11T09:02:07.118-0500")
        );
        assert!(k("2025-03-11T14:02:07.1181Z") > k("2025-03-11T14:02:07.118Z"));
        assert!(k("2025-03-01T00:00:00Z") > k("2025-02-28T23:59:59.999Z"));
        assert_eq!(k("1970-01-01T00:00:01Z"), Some(1_000_000));
        assert_eq!(k(""), None);
        assert_eq!(k("yesterday"), None);
        assert_eq!(k("2025-13-11T14:02:07Z"), None);
        assert_eq!(k("2025-03-11T14:02:07.118Q"), None);
    }

    #[test]
    fn entries_are_read_in_time_order_not_file_order() {
        let loc = "https://app.contoso.com/cb?code=0.AXcode&state=s1";
        let text = har(&[
            started(
                "2025-03-11T14:02:07.618Z",
                entry("GET", "https://app.contoso.com/home", 200, "", ""),
            ),
            started(
                "2025-03-11T15:02:07.418+01:00",
                entry("GET", loc, 302, r#","redirectURL":"/home""#, ""),
            ),
            started(
                "2025-03-11T14:02:07.118Z",
                entry("GET", AUTH, 302, &format!(r#","redirectURL":"{loc}""#), ""),
            ),
        ]);
        let t = trace(&log(&text));
        assert!(t.reordered);
        assert_eq!(
            codes(&t),
            [
                "har.authorize_found",
                "har.code_issued",
                "har.code_delivered"
            ]
        );
        assert_eq!(t.chosen, Some(0));
        assert!(t.summary.contains("time order"), "{}", t.summary);
        // Without readable times the file order stands.
        let text = har(&[
            entry("GET", loc, 302, r#","redirectURL":"/home""#, ""),
            entry("GET", AUTH, 302, &format!(r#","redirectURL":"{loc}""#), ""),
        ]);
        let t = trace(&log(&text));
        assert!(!t.reordered);
        assert!(codes(&t).contains(&"har.code_lost"), "{:?}", codes(&t));
    }

    #[test]
    fn a_b2c_policy_on_a_custom_domain_is_read_as_entra() {
        let b2c = "https://login.contoso.com/contosob2c.onmicrosoft.com/B2C_1A_SIGNUP_SIGNIN/oauth2/v2.0/authorize?client_id=3f1e9a42-8c6d-4b7a-b2e5-91d0c4a7f613&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fsignin%2FB2C_1_susi&response_type=code&scope=openid";
        let loc = "https://app.contoso.com/signin/B2C_1_susi?code=0.AXcode";
        let text = har(&[
            entry("GET", b2c, 302, &format!(r#","redirectURL":"{loc}""#), ""),
            entry("GET", loc, 200, "", ""),
        ]);
        let t = trace(&log(&text));
        assert_eq!(t.chosen, Some(0), "{:?}", codes(&t));
        assert!(codes(&t).contains(&"har.code_issued"), "{:?}", codes(&t));
        // The older form, the policy in `p`, and a policy's sign-in page.
        assert!(is_entra_url("https://login.contoso.com/contosob2c.onmicrosoft.com/oauth2/v2.0/authorize?p=B2C_1_susi&client_id=x"));
        assert!(is_entra_url("https://login.contoso.com/contosob2c.onmicrosoft.com/B2C_1A_signup_signin/api/CombinedSigninAndSignup/confirmed"));
        // Near misses: an app's callback named after the policy, a `p` on
        // an app's own page, and a lookalike policy name.
        assert!(!is_entra_url(loc));
        assert!(!is_entra_url(
            "https://app.contoso.com/account/signin?p=B2C_1_susi"
        ));
        assert!(!is_entra_url(
            "https://login.contoso.com/contoso/B2C_1X/oauth2/v2.0/authorize"
        ));
    }

    #[test]
    fn a_saml_request_to_saml2_is_the_sign_in_request() {
        // <AuthnRequest AssertionConsumerServiceURL="https://sp.contoso.com/acs">, base64.
        let xml = r#"<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1" Version="2.0" AssertionConsumerServiceURL="https://sp.contoso.com/acs"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://sp.contoso.com</saml:Issuer></samlp:AuthnRequest>"#;
        let value = {
            use base64::Engine;
            uri::form_encode(&base64::engine::general_purpose::STANDARD.encode(xml))
        };
        let saml2 = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/saml2";
        let body = format!(
            r#","postData":{{"mimeType":"application/x-www-form-urlencoded","text":"SAMLRequest={value}&RelayState=x"}}"#
        );
        let page = r#","content":{"mimeType":"text/html","text":"<form method=\"POST\" action=\"https://sp.contoso.com/acs\"><input type=\"hidden\" name=\"SAMLResponse\" value=\"PHNhbWxwOlJlc3BvbnNlLz4=\" /></form>"}"#;
        let text = har(&[
            entry("POST", saml2, 200, page, &body),
            entry(
                "POST",
                "https://sp.contoso.com/acs",
                302,
                "",
                r#","postData":{"mimeType":"application/x-www-form-urlencoded","text":"SAMLResponse=PHNhbWxwOlJlc3BvbnNlLz4%3D"}"#,
            ),
        ]);
        let t = trace(&log(&text));
        assert_eq!(t.chosen, Some(0), "{:?}", codes(&t));
        assert_eq!(
            t.redirect_uri.as_deref(),
            Some("https://sp.contoso.com/acs")
        );
        let url = t.authorize_url.clone().unwrap_or_default();
        let read = saml::read(&url).and_then(|s| s.acs_url);
        assert_eq!(read.as_deref(), Some("https://sp.contoso.com/acs"));
        assert!(codes(&t).contains(&"har.code_delivered"), "{:?}", codes(&t));
        assert!(t.landing.is_some_and(|l| l.starts_with("SAMLResponse=")));
        // The redirect binding: SAMLRequest in the query.
        let get_url = format!("{saml2}?SAMLRequest={value}");
        let t = trace(&log(&har(&[entry("GET", &get_url, 200, "", "")])));
        assert_eq!(t.chosen, Some(0), "{:?}", codes(&t));
        // Near misses: /saml2 without a SAMLRequest (a sign-out, a bookmark),
        // and a SAMLRequest to a host that is not Entra (the app's own proxy).
        for (m, u, b) in [
            ("GET", saml2.to_string(), String::new()),
            ("POST", saml2.to_string(), r#","postData":{"mimeType":"application/x-www-form-urlencoded","text":"SAMLResponse=x"}"#.to_string()),
            ("GET", format!("https://idp.contoso.com/saml2?SAMLRequest={value}"), String::new()),
        ] {
            let t = trace(&log(&har(&[entry(m, &u, 200, "", &b)])));
            assert!(codes(&t).contains(&"har.no_authorize"), "{u}: {:?}", codes(&t));
        }
    }

    #[test]
    fn a_refused_refresh_token_request_alone_is_reported_as_its_error() {
        let token = "https://login.microsoftonline.com/common/oauth2/v2.0/token";
        let post = r#","postData":{"mimeType":"application/x-www-form-urlencoded","text":"client_id=6731de76-14a6-49ae-97bc-6eba6914391e&grant_type=refresh_token&refresh_token=0.AXrt&scope=User.Read"}"#;
        let mfa = r#","content":{"mimeType":"application/json","text":"{\"error\":\"interaction_required\",\"error_description\":\"AADSTS50076: you must use multi-factor authentication.\",\"error_codes\":[50076]}"}"#;
        let tokens = r#","content":{"mimeType":"application/json","text":"{\"token_type\":\"Bearer\",\"access_token\":\"x\"}"}"#;
        let t = trace(&log(&har(&[entry("POST", token, 400, mfa, post)])));
        let f = t.findings.iter().find(|f| f.code == "har.error_returned");
        assert!(
            f.is_some_and(|f| f.aadsts == Some(50076) && f.severity == Severity::Error),
            "{:?}",
            codes(&t)
        );
        assert!(codes(&t).contains(&"har.no_authorize"));
        assert!(!codes(&t).contains(&"har.token_redirect_mismatch"));
        // Near miss: a refresh that got its tokens says nothing of its own.
        let t = trace(&log(&har(&[entry("POST", token, 200, tokens, post)])));
        assert!(
            t.tokens.is_empty() && t.timeline.is_empty(),
            "{:?}",
            codes(&t)
        );
    }

    #[test]
    fn a_token_request_that_failed_without_a_readable_answer_is_reported() {
        let loc = "https://app.contoso.com/cb#code=0.AXcode&state=s1";
        let token = "https://login.microsoftonline.com/common/oauth2/v2.0/token";
        let post = r#","postData":{"mimeType":"application/x-www-form-urlencoded","text":"grant_type=authorization_code&code=0.AXcode&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb"}"#;
        let origin = r#","headers":[{"name":"Origin","value":"https://app.contoso.com"}]"#;
        let run = |redemption: String| {
            trace(&log(&har(&[
                entry("GET", AUTH, 302, &format!(r#","redirectURL":"{loc}""#), ""),
                entry("GET", "https://app.contoso.com/cb", 200, "", ""),
                redemption,
            ])))
        };
        let redemption = |status: i64, resp: &str, req: &str| {
            format!(
                r#"{{"request":{{"method":"POST","url":"{token}"{req}{post}}},"response":{{"status":{status}{resp}}}}}"#
            )
        };
        let of = |t: &Trace, code: &str| t.findings.iter().find(|f| f.code == code).cloned();
        // A browser redemption that got no answer (net::ERR_FAILED): the CORS refusal of a
        // redirect URI that is not under Single-page application.
        let cors = run(redemption(0, r#","_error":"net::ERR_FAILED""#, origin));
        let f = of(&cors, "har.token_origin_platform").expect("platform");
        assert_eq!(f.severity, Severity::Error);
        assert!(f.detail.contains("AADSTS9002326") && f.fix.contains("Single-page application"));
        // The registration says Web: AADSTS9002326 it is.
        let reg = crate::core::registered::read("Web\nhttps://app.contoso.com/cb");
        let ctx = Context {
            registered: Some(&reg),
            ..Context::default()
        };
        let f = cors.findings_for(&ctx);
        assert!(f
            .iter()
            .any(|f| f.code == "har.token_origin_platform" && f.aadsts == Some(9002326)));
        // It says Single-page application: not the platform.
        let reg = crate::core::registered::read("spa: https://app.contoso.com/cb");
        let ctx = Context {
            registered: Some(&reg),
            ..Context::default()
        };
        let f = cors.findings_for(&ctx);
        assert!(
            !f.iter().any(|f| f.code == "har.token_origin_platform")
                && f.iter().any(|f| f.code == "har.error_returned"),
            "{f:?}"
        );
        // A 400 without a body: failed, reason not recorded.
        let t = run(redemption(400, "", origin));
        let f = of(&t, "har.error_returned").expect("failed");
        assert!(f.title.contains("not recorded") && f.fix.contains("with its content"));
        // Near miss: a redemption that got tokens says nothing.
        let tokens = r#","content":{"mimeType":"application/json","text":"{\"token_type\":\"Bearer\",\"access_token\":\"x\"}"}"#;
        let t = run(redemption(200, tokens, origin));
        assert!(
            of(&t, "har.error_returned").is_none() && of(&t, "har.token_origin_platform").is_none(),
            "{:?}",
            codes(&t)
        );
    }

    #[test]
    fn an_entra_error_page_without_an_authorize_request_is_reported() {
        let page = |code: u32| {
            format!(
                r#","content":{{"mimeType":"text/html","text":"<html><script>$Config={{\"strServiceExceptionMessage\":\"AADSTS{code}: Access has been blocked.\"}};</script></html>"}}"#
            )
        };
        let login = "https://login.microsoftonline.com/common/login";
        let of = |t: &Trace| {
            t.findings
                .iter()
                .find(|f| f.code == "har.entra_error_page")
                .cloned()
        };
        // Recording started on the sign-in page.
        let t = trace(&log(&har(&[entry("POST", login, 200, &page(50105), "")])));
        let f = of(&t).expect("error page");
        assert_eq!((f.aadsts, f.severity), (Some(50105), Severity::Error));
        assert!(
            f.detail.contains("starts on Entra's sign-in page"),
            "{}",
            f.detail
        );
        // Device code flow: no redirect URI in it, and no authorize request to miss.
        let device = "https://login.microsoftonline.com/common/oauth2/deviceauth";
        let t = trace(&log(&har(&[
            entry("GET", device, 200, "", ""),
            entry("POST", login, 200, &page(53003), ""),
        ])));
        let f = of(&t).expect("error page");
        assert_eq!(f.aadsts, Some(53003));
        assert!(f.detail.contains("no redirect URI"), "{}", f.detail);
        assert!(t
            .findings
            .iter()
            .any(|f| f.code == "har.no_authorize" && f.severity == Severity::Info));
        // Near miss: a plain sign-in page is no error.
        let plain =
            r#","content":{"mimeType":"text/html","text":"<html>Sign in to your account</html>"}"#;
        let t = trace(&log(&har(&[entry("POST", login, 200, plain, "")])));
        assert!(of(&t).is_none(), "{:?}", codes(&t));
    }

    #[test]
    fn device_code_polling_before_its_tokens_is_no_failure() {
        let token = "https://login.microsoftonline.com/organizations/oauth2/v2.0/token";
        let post = r#","postData":{"mimeType":"application/x-www-form-urlencoded","text":"client_id=6731de76-14a6-49ae-97bc-6eba6914391e&grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=GAQAB"}"#;
        let pending = r#","content":{"mimeType":"application/json","text":"{\"error\":\"authorization_pending\",\"error_description\":\"AADSTS70016: Authorization is pending. Continue polling.\",\"error_codes\":[70016]}"}"#;
        let tokens = r#","content":{"mimeType":"application/json","text":"{\"token_type\":\"Bearer\",\"access_token\":\"x\"}"}"#;
        let poll = |status: i64, body: &str| entry("POST", token, status, body, post);
        let t = trace(&log(&har(&[
            poll(400, pending),
            poll(400, pending),
            poll(400, pending),
            poll(200, tokens),
        ])));
        assert!(
            t.findings.iter().all(|f| f.severity == Severity::Info),
            "{:?}",
            t.findings
        );
        assert!(t
            .findings
            .iter()
            .any(|f| f.title.contains("device code sign-in succeeded")));
        // Near miss: still pending when the recording stopped is a warning, said once.
        let t = trace(&log(&har(&[poll(400, pending), poll(400, pending)])));
        let said: Vec<_> = t
            .findings
            .iter()
            .filter(|f| f.code == "har.error_returned")
            .collect();
        assert_eq!(said.len(), 1, "{:?}", codes(&t));
        assert_eq!(said[0].severity, Severity::Warning);
    }

    #[test]
    fn consent_refused_after_a_sign_in_that_worked_is_a_warning() {
        let ok = "https://app.contoso.com/cb#code=0.AXcode&state=s1";
        let token = "https://login.microsoftonline.com/common/oauth2/v2.0/token";
        let redeem = r#","postData":{"mimeType":"application/x-www-form-urlencoded","text":"grant_type=authorization_code&code=0.AXcode&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb"}"#;
        let tokens = r#","content":{"mimeType":"application/json","text":"{\"token_type\":\"Bearer\",\"access_token\":\"x\"}"}"#;
        let signed_in = || {
            vec![
                entry("GET", AUTH, 302, &format!(r#","redirectURL":"{ok}""#), ""),
                entry("GET", "https://app.contoso.com/cb", 200, "", ""),
                entry("POST", token, 200, tokens, redeem),
            ]
        };
        let consent = |t: &Trace| {
            t.findings
                .iter()
                .find(|f| f.aadsts == Some(65001))
                .map(|f| (f.severity, f.fix.contains("admin consent")))
        };
        // A refresh token refused for consent.
        let refresh = r#","postData":{"mimeType":"application/x-www-form-urlencoded","text":"grant_type=refresh_token&refresh_token=0.AXrt&scope=api%3A%2F%2Fx%2F.default"}"#;
        let refused = r#","content":{"mimeType":"application/json","text":"{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS65001: The user or administrator has not consented.\",\"error_codes\":[65001]}"}"#;
        let mut e = signed_in();
        e.push(entry("POST", token, 400, refused, refresh));
        let t = trace(&log(&har(&e)));
        assert_eq!(
            consent(&t),
            Some((Severity::Warning, true)),
            "{:?}",
            codes(&t)
        );
        // A silent request answered consent_required, no interactive request after it.
        let silent = AUTH
            .replace("&state=s1", "&prompt=none&state=s2")
            .replace("scope=openid", "scope=api%3A%2F%2Fx%2F.default");
        let err = "https://app.contoso.com/blank.html#error=consent_required&error_description=AADSTS65001%3A+consent&state=s2";
        let mut e = signed_in();
        e.push(entry(
            "GET",
            &silent,
            302,
            &format!(r#","redirectURL":"{err}""#),
            "",
        ));
        let t = trace(&log(&har(&e)));
        assert_eq!(
            consent(&t),
            Some((Severity::Warning, true)),
            "{:?}",
            codes(&t)
        );
        // Near miss: the app asked interactively after it: nothing left to say.
        e.push(entry(
            "GET",
            &AUTH.replace("state=s1", "state=s3"),
            302,
            &format!(r#","redirectURL":"{ok}""#),
            "",
        ));
        let t = trace(&log(&har(&e)));
        assert_eq!(consent(&t), None, "{:?}", codes(&t));
    }

    /// A failed token request whose body was not recorded does not say it asked for "(none)".
    #[test]
    fn a_token_request_without_its_body_is_not_said_to_ask_for_none() {
        let token = "https://login.microsoftonline.com/common/oauth2/v2.0/token";
        let refused = r#","content":{"mimeType":"application/json","text":"{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS54005: OAuth2 Authorization code was already redeemed.\"}"}"#;
        let signed_in = |token_entry: String| {
            let loc = "https://app.contoso.com/cb?code=0.AXcode&state=s1";
            har(&[
                entry("GET", AUTH, 302, &format!(r#","redirectURL":"{loc}""#), ""),
                entry("GET", loc, 200, "", ""),
                token_entry,
            ])
        };
        let t = trace(&log(&signed_in(entry("POST", token, 400, refused, ""))));
        let f = t
            .findings
            .iter()
            .find(|f| f.code == "har.error_returned")
            .expect("the failure");
        assert!(
            !f.detail.contains("(none)") && f.detail.contains("request body is not in the HAR"),
            "{}",
            f.detail
        );
        // With its body, what it asked for is said.
        let post = r#","postData":{"mimeType":"application/x-www-form-urlencoded","text":"grant_type=refresh_token&scope=openid"}"#;
        let t = trace(&log(&signed_in(entry("POST", token, 400, refused, post))));
        assert!(t.findings.iter().any(|f| f
            .detail
            .contains("It is a refresh_token request for scope openid")));
    }

    #[test]
    fn a_second_redemption_of_a_redeemed_code_is_a_warning() {
        let loc = "https://app.contoso.com/cb#code=0.AXcode&state=s1";
        let token = "https://login.microsoftonline.com/common/oauth2/v2.0/token";
        let post = r#","postData":{"mimeType":"application/x-www-form-urlencoded","text":"grant_type=authorization_code&code=0.AXcode&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb"}"#;
        let refused = r#","content":{"mimeType":"application/json","text":"{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS54005: OAuth2 Authorization code was already redeemed.\",\"error_codes\":[54005]}"}"#;
        let tokens = r#","content":{"mimeType":"application/json","text":"{\"token_type\":\"Bearer\",\"access_token\":\"x\"}"}"#;
        let first = |status: i64, body: &str| entry("POST", token, status, body, post);
        let text = |redemptions: Vec<String>| {
            let mut e = vec![
                entry("GET", AUTH, 302, &format!(r#","redirectURL":"{loc}""#), ""),
                entry("GET", "https://app.contoso.com/cb", 200, "", ""),
            ];
            e.extend(redemptions);
            har(&e)
        };
        let severity = |t: &Trace| {
            t.findings
                .iter()
                .find(|f| f.code == "har.error_returned")
                .map(|f| {
                    (
                        f.severity,
                        f.detail.contains("already been redeemed successfully"),
                    )
                })
        };
        // Tokens first, then the same code again: the sign-in worked.
        let t = trace(&log(&text(vec![first(200, tokens), first(400, refused)])));
        assert_eq!(severity(&t), Some((Severity::Warning, true)));
        // Refused without an earlier success: the error stands.
        let t = trace(&log(&text(vec![first(400, refused)])));
        assert_eq!(severity(&t), Some((Severity::Error, false)));
        // Sent together, the refused one started first: the sign-in worked all the same.
        let t = trace(&log(&text(vec![first(400, refused), first(200, tokens)])));
        let f = t
            .findings
            .iter()
            .find(|f| f.code == "har.error_returned")
            .expect("refused");
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.detail.contains("Sign-in itself worked"), "{}", f.detail);
    }

    #[test]
    fn a_callback_that_failed_in_the_browser_did_not_deliver_the_code() {
        let loc = "http://localhost:51234/?code=0.AXcode&state=s1";
        let text = har(&[
            entry("GET", AUTH, 302, &format!(r#","redirectURL":"{loc}""#), ""),
            entry(
                "GET",
                loc,
                0,
                r#","_error":"net::ERR_CONNECTION_REFUSED""#,
                "",
            ),
        ]);
        let t = trace(&log(&text));
        assert_eq!(
            codes(&t),
            ["har.authorize_found", "har.code_issued", "har.code_lost"]
        );
        let lost = t.findings.last().expect("code_lost");
        assert_eq!(lost.severity, Severity::Error);
        assert!(
            lost.detail.contains("net::ERR_CONNECTION_REFUSED"),
            "{}",
            lost.detail
        );
        assert!(lost.fix.contains("listener"), "{}", lost.fix);
        assert_eq!(t.landing, None);
        // The same request answered by the app delivers it.
        let text = har(&[
            entry("GET", AUTH, 302, &format!(r#","redirectURL":"{loc}""#), ""),
            entry("GET", loc, 200, "", ""),
        ]);
        assert!(codes(&trace(&log(&text))).contains(&"har.code_delivered"));
        // Cancelled (ERR_ABORTED): it may have reached the app, so a warning, not a loss.
        let text = har(&[
            entry("GET", AUTH, 302, &format!(r#","redirectURL":"{loc}""#), ""),
            entry("GET", loc, 0, r#","_error":"net::ERR_ABORTED""#, ""),
        ]);
        let t = trace(&log(&text));
        let lost = t.findings.last().expect("code_lost");
        assert_eq!(
            (lost.code.as_str(), lost.severity),
            ("har.code_lost", Severity::Warning)
        );
        assert!(lost.title.contains("cancelled"), "{}", lost.title);
    }

    #[test]
    fn an_authorize_request_blocked_in_the_browser_never_reached_entra() {
        // Chrome writes _error on the entry in some versions, on the response in others.
        let blocked = format!(
            r#"{{"_error":"net::ERR_BLOCKED_BY_CLIENT",{}"#,
            entry("GET", AUTH, 0, "", "").get(1..).unwrap_or("")
        );
        let t = trace(&log(&har(&[blocked])));
        assert_eq!(codes(&t), ["har.authorize_found", "har.authorize_blocked"]);
        let b = t.findings.last().expect("blocked");
        assert!(b.detail.contains("ERR_BLOCKED_BY_CLIENT") && b.detail.contains("extension"));
        let found = t.findings.first().expect("found");
        assert!(!found.detail.contains("still open"), "{}", found.detail);
        // Waiting on the sign-in page is not a block.
        let page = r#","content":{"mimeType":"text/html","text":"<title>Sign in</title>"}"#;
        let t = trace(&log(&har(&[entry("GET", AUTH, 200, page, "")])));
        assert_eq!(codes(&t), ["har.authorize_found"]);
    }

    #[test]
    fn the_apps_own_failure_on_the_callback_is_reported() {
        let form = r#"<form method=\"POST\" action=\"https://app.contoso.com/signin-oidc\"><input type=\"hidden\" name=\"code\" value=\"0.AXcode\"/></form>"#;
        let set = |name: &str, attrs: &str| {
            format!(r#"{{"name":"Set-Cookie","value":"{name}=v; path=/signin-oidc; {attrs}"}}"#)
        };
        let text = |status: i64, cookie: &str, attrs: &str| {
            har(&[
                format!(
                    r#"{{"request":{{"method":"GET","url":"https://app.contoso.com/signin","headers":[]}},"response":{{"status":302,"headers":[{},{}]}}}}"#,
                    set(".AspNetCore.Correlation.abc", attrs),
                    set(".AspNetCore.OpenIdConnect.Nonce.def", attrs)
                ),
                entry(
                    "GET",
                    AUTH,
                    200,
                    &format!(r#","content":{{"mimeType":"text/html","text":"{form}"}}"#),
                    "",
                ),
                format!(
                    r#"{{"request":{{"method":"POST","url":"https://app.contoso.com/signin-oidc","headers":[{{"name":"Cookie","value":"{cookie}"}}],"postData":{{"mimeType":"application/x-www-form-urlencoded","text":"code=0.AXcode"}}}},"response":{{"status":{status},"headers":[],"content":{{"mimeType":"text/html","encoding":"base64","text":"PGgxPkFuIHVuaGFuZGxlZCBleGNlcHRpb248L2gxPjxwPkF1dGhlbnRpY2F0aW9uRmFpbHVyZUV4Y2VwdGlvbjogQ29ycmVsYXRpb24gZmFpbGVkLjwvcD4="}}}}}}"#
                ),
            ])
        };
        let t = trace(&log(&text(500, "ai_user=1", "samesite=lax; httponly")));
        assert!(codes(&t).contains(&"har.code_delivered"), "{:?}", codes(&t));
        let f = t
            .findings
            .iter()
            .find(|f| f.code == "har.app_error")
            .expect("app_error");
        assert_eq!(f.severity, Severity::Error);
        assert!(f.title.contains("Correlation failed"), "{}", f.title);
        assert!(
            f.detail.contains(".AspNetCore.Correlation.abc was set at #1 with SameSite=lax, without Secure and was NOT sent"),
            "{}",
            f.detail
        );
        assert!(f.detail.contains("SameSite=None; Secure"), "{}", f.detail);
        // Cookies that were sent are not blamed.
        let t = trace(&log(&text(
            500,
            ".AspNetCore.Correlation.abc=v; .AspNetCore.OpenIdConnect.Nonce.def=v",
            "secure; samesite=none",
        )));
        let f = t
            .findings
            .iter()
            .find(|f| f.code == "har.app_error")
            .expect("app_error");
        assert!(!f.detail.contains("NOT sent"), "{}", f.detail);
        // An app that answered 302 showed no error, but without its correlation cookie it
        // cannot have signed the user in: a warning.
        let t = trace(&log(&text(302, "ai_user=1", "samesite=lax")));
        let f = t
            .findings
            .iter()
            .find(|f| f.code == "har.app_error")
            .expect("app_error");
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.detail.contains("was NOT sent"), "{}", f.detail);
        // Nor with the cookies sent.
        let t = trace(&log(&text(
            302,
            ".AspNetCore.Correlation.abc=v; .AspNetCore.OpenIdConnect.Nonce.def=v",
            "secure; samesite=none",
        )));
        assert!(!codes(&t).contains(&"har.app_error"), "{:?}", codes(&t));
    }

    #[test]
    fn tolerates_odd_shapes() {
        let text = r#"{"log":{"entries":[{"request":{"url":"https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x","headers":null,"method":null},"response":{"status":"302","headers":[{"name":"Location","value":"https://a.b/cb?error=access_denied"}],"content":null}},{}]}}"#;
        let t = trace(&log(text));
        assert!(codes(&t).contains(&"har.error_returned"), "{:?}", codes(&t));
    }
}
