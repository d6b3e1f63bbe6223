//! Reads the authorize request in whatever form the user has it: a full
//! authorize URL (any Entra authority, wrapped over lines, quoted), only its
//! query string, or the text of an Entra error page that quotes the redirect
//! URI.

use super::aadsts;
use super::uri::{self, Uri};

/// One `name=value` pair of the query, raw and decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    /// The decoded name.
    pub name: String,
    /// The value exactly as it stood in the URL.
    pub raw: String,
    /// The value decoded once (`+` is a space, then percent-decoding).
    pub value: String,
    /// False when the decoded bytes were not valid UTF-8.
    pub utf8: bool,
    /// True when the pair stood after an unencoded `#` of the authorize URL.
    pub in_fragment: bool,
}

/// Where the request came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A URL with scheme and host.
    Url,
    /// Only a query string.
    Query,
    /// Entra's error text, which quotes the redirect URI.
    ErrorText,
}

/// The endpoint version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// `/oauth2/v2.0/authorize`.
    V2,
    /// `/oauth2/authorize`.
    V1,
    /// Not an authorize path, or not known.
    Unknown,
}

/// What the error text said, when the input was Entra's error text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorText {
    /// Every AADSTS code in it.
    pub codes: Vec<u32>,
    /// The redirect URI it quotes.
    pub redirect_uri: Option<String>,
    /// The application ID it quotes.
    pub app_id: Option<String>,
    /// Its "More details:" hint.
    pub more_details: Option<String>,
    /// Its correlation ID.
    pub correlation_id: Option<String>,
    /// The text itself (trimmed).
    pub text: String,
}

/// The authorize request as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorizeRequest {
    /// How it was given.
    pub source: Source,
    /// The URL as reassembled from the input (empty for error text).
    pub url: String,
    /// The authority host, when a URL was given.
    pub host: Option<String>,
    /// The path, when a URL was given.
    pub path: Option<String>,
    /// The tenant segment of the path.
    pub tenant: Option<String>,
    /// v1 or v2.
    pub endpoint: Endpoint,
    /// The parameters in order, duplicates kept.
    pub params: Vec<Param>,
    /// The unencoded fragment of the authorize URL, if any.
    pub fragment: Option<String>,
    /// What Entra's error text said, when that was the input.
    pub error_text: Option<ErrorText>,
    /// True when the input was wrapped over several lines and joined.
    pub joined_lines: bool,
}

impl AuthorizeRequest {
    /// The first value of a parameter (decoded once).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.param(name).map(|p| p.value.as_str())
    }
    /// The first parameter of that name.
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.name == name)
    }
    /// How many times a parameter appears.
    pub fn count(&self, name: &str) -> usize {
        self.params.iter().filter(|p| p.name == name).count()
    }
    /// The redirect URI that was sent (decoded once), from the URL or the error text.
    pub fn redirect_uri(&self) -> Option<&str> {
        self.get("redirect_uri").or_else(|| {
            self.error_text
                .as_ref()
                .and_then(|e| e.redirect_uri.as_deref())
        })
    }
    /// The client ID, from the URL or the error text.
    pub fn client_id(&self) -> Option<&str> {
        self.get("client_id")
            .or_else(|| self.error_text.as_ref().and_then(|e| e.app_id.as_deref()))
    }
    /// The space-separated tokens of `response_type`.
    pub fn response_types(&self) -> Vec<&str> {
        self.get("response_type")
            .map(|v| v.split_whitespace().collect())
            .unwrap_or_default()
    }
    /// The space-separated scopes.
    pub fn scopes(&self) -> Vec<&str> {
        self.get("scope")
            .map(|v| v.split_whitespace().collect())
            .unwrap_or_default()
    }
    /// True for an Azure AD B2C authority (`*.b2clogin.com` or a B2C policy).
    pub fn is_b2c(&self) -> bool {
        let host_b2c = self
            .host
            .as_deref()
            .is_some_and(|h| h.to_ascii_lowercase().ends_with(".b2clogin.com"));
        let policy = self.path.as_deref().is_some_and(|p| {
            let p = p.to_ascii_lowercase();
            p.contains("/b2c_1_") || p.contains("/b2c_1a_")
        }) || self
            .get("p")
            .is_some_and(|p| p.to_ascii_lowercase().starts_with("b2c_1"));
        host_b2c || policy
    }
    /// True when the input carries an authorize request to judge: one of its
    /// parameters, or Entra's error text.
    pub fn carries_request(&self) -> bool {
        self.error_text.is_some()
            || self.params.iter().any(|p| {
                matches!(
                    p.name.as_str(),
                    "client_id" | "redirect_uri" | "response_type" | "scope"
                )
            })
    }
    /// True when the request carries neither a URL nor any parameter.
    pub fn is_empty(&self) -> bool {
        self.params.is_empty() && self.error_text.is_none() && self.host.is_none()
    }
}

/// The Entra authority hosts this tool knows (SPEC §1; national clouds).
pub fn is_entra_host(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    matches!(
        h.as_str(),
        "login.microsoftonline.com"
            | "login.microsoftonline.us"
            | "login.partner.microsoftonline.cn"
            | "login.chinacloudapi.cn"
            | "login.microsoftonline.de"
            | "login.windows.net"
            | "login.microsoft.com"
            | "login.live.com"
            | "login.windows-ppe.net"
    ) || h.ends_with(".b2clogin.com")
        || h.ends_with(".ciamlogin.com")
        || h.ends_with(".microsoftonline.com")
}

/// Strips quotes, angle brackets and trailing punctuation copied around a value.
fn unwrap_quotes(s: &str) -> &str {
    let mut s = s.trim();
    loop {
        let before = s;
        for (a, b) in [
            ("\"", "\""),
            ("'", "'"),
            ("`", "`"),
            ("<", ">"),
            ("(", ")"),
            ("“", "”"),
            ("‘", "’"),
        ] {
            if let Some(inner) = s.strip_prefix(a).and_then(|x| x.strip_suffix(b)) {
                s = inner.trim();
            }
        }
        if let Some(inner) = s.strip_prefix("URL:").or_else(|| s.strip_prefix("url:")) {
            s = inner.trim();
        }
        if s == before {
            return s;
        }
    }
}

/// Joins a URL that was wrapped over several lines (or indented), keeping
/// a single-line input untouched. Returns the text and whether lines were joined.
fn join_wrapped(s: &str) -> (String, bool) {
    if !s.contains('\n') && !s.contains('\r') {
        return (s.to_string(), false);
    }
    let joined: String = s
        .lines()
        .map(|l| l.trim().trim_end_matches('\\'))
        .map(|l| unwrap_quotes(l).trim_end_matches(['"', '\'', '+']).trim())
        .map(|l| l.trim_start_matches(['"', '\'']))
        .collect();
    (joined, true)
}

/// Undoes the escaping a URL picks up when copied out of HTML or JSON:
/// `&amp;` (HTML source, logs), `\u0026` and `\/` (JSON strings).
fn unescape_copied(s: &str) -> String {
    if s.contains("&amp;") || s.contains("\\u0026") || s.contains("\\/") {
        s.replace("&amp;", "&")
            .replace("\\u0026", "&")
            .replace("\\/", "/")
    } else {
        s.to_string()
    }
}

/// Splits a raw query (or fragment) into parameters.
fn parse_pairs(raw: &str, in_fragment: bool, out: &mut Vec<Param>) {
    for pair in raw.split('&') {
        if pair.is_empty() {
            continue;
        }
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (name, _) = uri::form_decode(name);
        let (decoded, utf8) = uri::form_decode(value);
        out.push(Param {
            name: name.trim().to_string(),
            raw: value.to_string(),
            value: decoded,
            utf8,
            in_fragment,
        });
    }
}

/// Finds the span of the most authorize-like URL in free text.
fn find_url(text: &str) -> Option<&str> {
    let mut best: Option<(usize, &str)> = None;
    let mut start = 0;
    while let Some(pos) = text[start..].find("http") {
        let at = start + pos;
        let rest = &text[at..];
        let lower_ok = rest
            .get(..8)
            .is_some_and(|p| p.eq_ignore_ascii_case("https://"))
            || rest
                .get(..7)
                .is_some_and(|p| p.eq_ignore_ascii_case("http://"));
        if lower_ok {
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
                .unwrap_or(rest.len());
            let cand = rest[..end].trim_end_matches(['.', ',', ')', ']', ';']);
            let l = cand.to_ascii_lowercase();
            let score = usize::from(l.contains("/authorize")) * 4
                + usize::from(l.contains("client_id=")) * 2
                + usize::from(l.contains("redirect_uri=")) * 2
                + usize::from(l.contains("?"));
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, cand));
            }
            start = at + end.max(1);
        } else {
            start = at + 4;
        }
        if start >= text.len() {
            break;
        }
    }
    best.map(|(_, u)| u)
}

/// The value quoted after a phrase, e.g. `The redirect URI 'X'`.
fn quoted_after<'a>(text: &'a str, phrases: &[&str]) -> Option<&'a str> {
    let lower = text.to_ascii_lowercase();
    for phrase in phrases {
        if let Some(p) = lower.find(phrase) {
            let rest = text.get(p + phrase.len()..)?;
            let rest = rest.trim_start();
            let mut chars = rest.chars();
            let q = chars.next()?;
            let close = match q {
                '\'' => '\'',
                '"' => '"',
                '‘' => '’',
                '“' => '”',
                _ => continue,
            };
            let inner = chars.as_str();
            let end = inner.find(close)?;
            return inner.get(..end);
        }
    }
    None
}

/// The first GUID after `phrase`.
fn guid_after(text: &str, phrase: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let p = lower.find(phrase)?;
    let rest = text.get(p + phrase.len()..)?;
    first_guid(rest)
}

/// The first GUID in `text`.
pub fn first_guid(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 36 <= b.len() {
        if let Some(cand) = text.get(i..i + 36) {
            if uri::is_guid(cand)
                && (i == 0 || !b[i - 1].is_ascii_hexdigit())
                && b.get(i + 36).is_none_or(|c| !c.is_ascii_hexdigit())
            {
                return Some(cand.to_string());
            }
        }
        i += 1;
    }
    None
}

fn read_error_text(text: &str) -> ErrorText {
    let redirect_uri = quoted_after(
        text,
        &[
            "the redirect uri",
            "the reply address",
            "the reply url",
            "redirect_uri",
            "reply uri",
        ],
    )
    .map(str::to_string);
    let app_id = guid_after(text, "for the application")
        .or_else(|| guid_after(text, "client id"))
        .or_else(|| guid_after(text, "application with identifier"))
        .or_else(|| guid_after(text, "application '"));
    let more_details = text
        .to_ascii_lowercase()
        .find("more details:")
        .and_then(|p| text.get(p + "more details:".len()..))
        .map(|r| r.lines().next().unwrap_or("").trim().to_string())
        .filter(|s| !s.is_empty());
    let correlation_id = guid_after(text, "correlation id");
    ErrorText {
        codes: aadsts::codes_in(text),
        redirect_uri,
        app_id,
        more_details,
        correlation_id,
        text: text.trim().to_string(),
    }
}

/// Reads the authorize box. `None` when it is empty; otherwise the request as
/// far as it could be read (possibly with no parameters at all).
pub fn read(input: &str) -> Option<AuthorizeRequest> {
    let trimmed = unwrap_quotes(input.trim_start_matches('\u{FEFF}'));
    if trimmed.is_empty() {
        return None;
    }
    let looks_error = trimmed.to_ascii_uppercase().contains("AADSTS")
        && !trimmed
            .get(..8)
            .is_some_and(|p| p.eq_ignore_ascii_case("https://"));
    if looks_error {
        let et = read_error_text(trimmed);
        // Error pages often carry the authorize URL too: read both.
        let mut req = find_url(trimmed)
            .filter(|u| u.contains("client_id=") || u.contains("redirect_uri="))
            .map(|u| read_url(u, false))
            .unwrap_or_else(|| empty(Source::ErrorText));
        req.error_text = Some(et);
        if req.host.is_none() {
            req.source = Source::ErrorText;
        }
        return Some(req);
    }
    let (text, joined) = join_wrapped(trimmed);
    let text = unescape_copied(unwrap_quotes(&text));
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some(read_url(&text, joined));
    }
    if let Some(u) = find_url(&text) {
        if u.contains('?') || u.to_ascii_lowercase().contains("/authorize") {
            return Some(read_url(u, joined));
        }
    }
    // A bare query string: `client_id=...&redirect_uri=...` or `?client_id=...`.
    let q = text.trim_start_matches('?');
    if q.contains('=') && !q.contains(char::is_whitespace) {
        let mut req = empty(Source::Query);
        let (query, fragment) = match q.split_once('#') {
            Some((a, b)) => (a, Some(b)),
            None => (q, None),
        };
        parse_pairs(query, false, &mut req.params);
        if let Some(f) = fragment {
            parse_pairs(f, true, &mut req.params);
            req.fragment = Some(f.to_string());
        }
        req.url = text.clone();
        req.joined_lines = joined;
        req.endpoint = Endpoint::Unknown;
        return Some(req);
    }
    Some(empty(Source::Query))
}

fn empty(source: Source) -> AuthorizeRequest {
    AuthorizeRequest {
        source,
        url: String::new(),
        host: None,
        path: None,
        tenant: None,
        endpoint: Endpoint::Unknown,
        params: Vec::new(),
        fragment: None,
        error_text: None,
        joined_lines: false,
    }
}

fn read_url(text: &str, joined: bool) -> AuthorizeRequest {
    let u = Uri::new(text);
    let mut req = empty(Source::Url);
    req.url = text.to_string();
    req.joined_lines = joined;
    req.host = u.host().map(str::to_string);
    let path = u.path();
    req.path = Some(path.to_string());
    let lower = path.to_ascii_lowercase();
    req.endpoint = if lower.ends_with("/oauth2/v2.0/authorize")
        || lower.ends_with("/oauth2/v2.0/authorize/")
    {
        Endpoint::V2
    } else if lower.ends_with("/oauth2/authorize") || lower.ends_with("/oauth2/authorize/") {
        Endpoint::V1
    } else {
        Endpoint::Unknown
    };
    // The tenant is the first path segment (B2C: the first, before the policy).
    req.tenant = path
        .split('/')
        .find(|s| !s.is_empty())
        .filter(|s| !s.eq_ignore_ascii_case("oauth2"))
        .map(uri::percent_decode);
    if let Some(q) = u.query() {
        parse_pairs(q, false, &mut req.params);
    }
    if let Some(f) = u.fragment() {
        parse_pairs(f, true, &mut req.params);
        req.fragment = Some(f.to_string());
    }
    req
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid%20profile&state=abc";

    #[test]
    fn reads_a_full_v2_url() {
        let r = read(URL).expect("read");
        assert_eq!(r.source, Source::Url);
        assert_eq!(r.endpoint, Endpoint::V2);
        assert_eq!(r.tenant.as_deref(), Some("common"));
        assert_eq!(r.redirect_uri(), Some("https://app.contoso.com/cb"));
        assert_eq!(r.scopes(), ["openid", "profile"]);
        assert_eq!(
            r.param("redirect_uri").map(|p| p.raw.as_str()),
            Some("https%3A%2F%2Fapp.contoso.com%2Fcb")
        );
    }

    #[test]
    fn reads_wrapped_and_quoted_urls() {
        let wrapped = "  \"https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e\n   &redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb\n   &response_type=code\"  ";
        let r = read(wrapped).expect("read");
        assert!(r.joined_lines);
        assert_eq!(r.redirect_uri(), Some("https://app.contoso.com/cb"));
        assert_eq!(r.get("response_type"), Some("code"));
    }

    #[test]
    fn reads_a_url_inside_a_log_line() {
        let line = "2026-11-20 10:14:03 INFO Redirecting to https://login.microsoftonline.com/x/oauth2/v2.0/authorize?client_id=a&redirect_uri=https%3A%2F%2Fa.b%2Fc. done";
        let r = read(line).expect("read");
        assert_eq!(r.redirect_uri(), Some("https://a.b/c"));
    }

    #[test]
    fn undoes_html_and_json_escaping() {
        let r = read("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=a&amp;redirect_uri=https%3A%2F%2Fa.b%2Fc&amp;state=s").expect("read");
        assert_eq!(r.redirect_uri(), Some("https://a.b/c"));
        assert_eq!(r.get("state"), Some("s"));
        let r = read(r"https:\/\/login.microsoftonline.com\/common\/oauth2\/v2.0\/authorize?client_id=a\u0026redirect_uri=https%3A%2F%2Fa.b%2Fc").expect("read");
        assert_eq!(r.redirect_uri(), Some("https://a.b/c"));
    }

    #[test]
    fn reads_a_bare_query_string() {
        let r = read("?client_id=abc&redirect_uri=https%3A%2F%2Fa.b%2Fc").expect("read");
        assert_eq!(r.source, Source::Query);
        assert_eq!(r.client_id(), Some("abc"));
        assert_eq!(r.redirect_uri(), Some("https://a.b/c"));
    }

    #[test]
    fn reads_the_current_50011_text() {
        let t = "AADSTS50011: The redirect URI 'http://portal.contoso.com/signin-oidc' specified in the request does not match the redirect URIs configured for the application '6731de76-14a6-49ae-97bc-6eba6914391e'. Make sure...\nCorrelation ID: 5b7c9e1a-2d4f-4b8a-9c3e-1f2a3b4c5d6e";
        let r = read(t).expect("read");
        assert_eq!(r.source, Source::ErrorText);
        assert_eq!(
            r.redirect_uri(),
            Some("http://portal.contoso.com/signin-oidc")
        );
        assert_eq!(r.client_id(), Some("6731de76-14a6-49ae-97bc-6eba6914391e"));
        let et = r.error_text.as_ref().expect("error text");
        assert_eq!(et.codes, [50011]);
        assert_eq!(
            et.correlation_id.as_deref(),
            Some("5b7c9e1a-2d4f-4b8a-9c3e-1f2a3b4c5d6e")
        );
    }

    #[test]
    fn reads_the_older_reply_address_text() {
        let t = "AADSTS50011: The reply address 'https://app.contoso.com/ABC/' does not match the reply addresses configured for the application: '6731de76-14a6-49ae-97bc-6eba6914391e'. More details: Reply address did not match because of case sensitivity.";
        let r = read(t).expect("read");
        assert_eq!(r.redirect_uri(), Some("https://app.contoso.com/ABC/"));
        assert_eq!(r.client_id(), Some("6731de76-14a6-49ae-97bc-6eba6914391e"));
        let et = r.error_text.expect("error text");
        assert_eq!(
            et.more_details.as_deref(),
            Some("Reply address did not match because of case sensitivity.")
        );
    }

    #[test]
    fn unencoded_hash_moves_the_rest_into_the_fragment() {
        let r = read("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&redirect_uri=https://app.contoso.com/#/auth&response_type=code").expect("read");
        assert_eq!(r.redirect_uri(), Some("https://app.contoso.com/"));
        assert_eq!(r.fragment.as_deref(), Some("/auth&response_type=code"));
        assert!(r.param("response_type").is_some_and(|p| p.in_fragment));
    }

    #[test]
    fn free_text_without_a_request_reads_as_empty() {
        let r = read("hello, my sign-in is broken").expect("read");
        assert!(r.params.is_empty());
        assert!(read("   ").is_none());
    }

    #[test]
    fn b2c_is_recognised() {
        let r = read("https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_susi/oauth2/v2.0/authorize?client_id=x").expect("read");
        assert!(r.is_b2c());
        assert_eq!(r.tenant.as_deref(), Some("contoso.onmicrosoft.com"));
        assert!(!read(URL).expect("read").is_b2c());
    }

    #[test]
    fn guid_finder_respects_boundaries() {
        assert_eq!(
            first_guid("app 'a6731de76-14a6-49ae-97bc-6eba6914391e'"),
            None
        );
        assert_eq!(
            first_guid("'6731de76-14a6-49ae-97bc-6eba6914391e'").as_deref(),
            Some("6731de76-14a6-49ae-97bc-6eba6914391e")
        );
    }
}
