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
    /// `/adminconsent` or `/v2.0/adminconsent`: an admin grants the app's permissions for the
    /// tenant, and Entra sends the answer (`admin_consent=True`, or an error) to redirect_uri.
    AdminConsent,
    /// Not an authorize path, or not known.
    Unknown,
}

/// What the error text said, when the input was Entra's error text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorText {
    /// Every AADSTS code in it.
    pub codes: Vec<u32>,
    /// The redirect URI it quotes (of the authorize request).
    pub redirect_uri: Option<String>,
    /// The redirect URI sent to the token endpoint, when the text is the token leg's
    /// ('The reply address '…' does not match the reply address '…' provided when
    /// requesting Authorization code').
    pub token_redirect_uri: Option<String>,
    /// The application ID it quotes.
    pub app_id: Option<String>,
    /// Its "More details:" hint.
    pub more_details: Option<String>,
    /// Its correlation ID.
    pub correlation_id: Option<String>,
    /// The origin of the page that redeemed the code cross-origin ('Request origin: '…'' in
    /// AADSTS9002326): a redirect URI's scheme, host and port, without its path.
    pub origin: Option<String>,
    /// MSAL Android's own check of its configured redirect URI ('… doesn't match with the one
    /// generated with package name and signature hash'), when that is the text: the URI the
    /// installed app's package name and signing key give, then the configured one ('We
    /// expected '…' and we received '…''); each empty when the message quotes none.
    pub android_check: Option<(String, String)>,
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
    /// The other authorize URLs found in the input, in the order they stood
    /// (decoded when they stood percent-encoded); this one is not among them.
    pub others: Vec<String>,
    /// Where this request stood among all the authorize URLs found (0-based).
    pub position: usize,
    /// True when this request was picked among several because it sent the
    /// redirect URI that Entra's error text quotes.
    pub chosen_by_error_text: bool,
    /// How many layers of percent-encoding were undone around the whole URL
    /// (0: it stood plain in the input).
    pub decoded_layers: u8,
    /// A SAML app's sign-in request, when that was given instead of an OAuth one: its
    /// AssertionConsumerServiceURL stands as the redirect URI sent.
    pub saml: Option<super::saml::SamlRequest>,
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
    /// Entra's authorize path after a tenant in Entra's own form (a tenant GUID or an
    /// `*.onmicrosoft.com` name), whatever the host: on another host, the tenant's External ID
    /// (or B2C) custom URL domain.
    pub fn has_entra_tenant_path(&self) -> bool {
        self.endpoint != Endpoint::Unknown
            && self.tenant.as_deref().is_some_and(|t| {
                t.to_ascii_lowercase().ends_with(".onmicrosoft.com")
                    || first_guid(t).is_some_and(|g| g.len() == t.len())
            })
    }

    /// True for an Azure AD B2C authority (`*.b2clogin.com` or a B2C policy).
    pub fn is_b2c(&self) -> bool {
        let host_b2c = self
            .host
            .as_deref()
            .is_some_and(|h| h.to_ascii_lowercase().ends_with(".b2clogin.com"));
        let policy = self
            .path
            .as_deref()
            .is_some_and(|p| p.split('/').any(is_b2c_policy))
            || self.get("p").is_some_and(is_b2c_policy);
        // Azure AD B2C's own error text (AADB2C90006) names no host.
        let b2c_text = self
            .error_text
            .as_ref()
            .is_some_and(|e| e.text.contains("AADB2C"));
        host_b2c || policy || b2c_text
    }
    /// True when the input carries an authorize request to judge: one of its
    /// parameters, or Entra's error text.
    pub fn carries_request(&self) -> bool {
        // Error text counts when something was read from it: a paste cut inside the code
        // (`AADSTS500`) says nothing to judge.
        let said = self.error_text.as_ref().is_some_and(|e| {
            !e.codes.is_empty()
                || e.redirect_uri.is_some()
                || e.app_id.is_some()
                || e.origin.is_some()
                || e.android_check.is_some()
                || !e.text.to_ascii_uppercase().contains("AADSTS")
        });
        said || self.saml.is_some()
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

/// True for the name of an Azure AD B2C user flow or custom policy (`B2C_1_…`, `B2C_1A_…`):
/// in the path or the `p` parameter it makes any host (a custom domain) a B2C authority.
pub fn is_b2c_policy(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("b2c_1_") || n.starts_with("b2c_1a_")
}

/// Entra's sign-in hosts of every cloud that are the same for all tenants (a tenant's own
/// B2C or External ID host is not among them).
pub const SIGN_IN_HOSTS: &[&str] = &[
    "login.microsoftonline.com",
    "login.microsoftonline.us",
    "login.partner.microsoftonline.cn",
    "login.chinacloudapi.cn",
    "login.microsoftonline.de",
    "login.windows.net",
    "login.microsoft.com",
    "login.live.com",
    "login.windows-ppe.net",
];

/// The cloud (Entra's global service or a national one) a sign-in or Graph host belongs to:
/// the one table the commands, the cloud check and the host checks read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cloud {
    Global,
    UsGovernment,
    China,
}

impl Cloud {
    /// The cloud of an Entra sign-in host.
    pub fn of_sign_in_host(host: &str) -> Option<Cloud> {
        match host.to_ascii_lowercase().as_str() {
            "login.microsoftonline.us" | "login-us.microsoftonline.com" => {
                Some(Cloud::UsGovernment)
            }
            "login.chinacloudapi.cn" | "login.partner.microsoftonline.cn" => Some(Cloud::China),
            "login.microsoftonline.com" | "login.microsoft.com" | "login.windows.net" => {
                Some(Cloud::Global)
            }
            _ => None,
        }
    }

    /// The cloud of a Microsoft Graph host.
    pub fn of_graph_host(host: &str) -> Option<Cloud> {
        match host.to_ascii_lowercase().as_str() {
            "graph.microsoft.us" | "dod-graph.microsoft.us" => Some(Cloud::UsGovernment),
            "microsoftgraph.chinacloudapi.cn" => Some(Cloud::China),
            "graph.microsoft.com" => Some(Cloud::Global),
            _ => None,
        }
    }

    /// Its name in the findings' words.
    pub fn name(self) -> &'static str {
        match self {
            Cloud::Global => "global",
            Cloud::UsGovernment => "US Government",
            Cloud::China => "China (21Vianet)",
        }
    }

    /// Its sign-in host.
    pub fn sign_in_host(self) -> &'static str {
        match self {
            Cloud::Global => "login.microsoftonline.com",
            Cloud::UsGovernment => "login.microsoftonline.us",
            Cloud::China => "login.partner.microsoftonline.cn",
        }
    }

    /// Its Microsoft Graph (with the trailing '/').
    pub fn graph(self) -> &'static str {
        match self {
            Cloud::Global => "https://graph.microsoft.com/",
            Cloud::UsGovernment => "https://graph.microsoft.us/",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn/",
        }
    }

    /// Its name for `az cloud set`.
    pub fn az_name(self) -> &'static str {
        match self {
            Cloud::Global => "AzureCloud",
            Cloud::UsGovernment => "AzureUSGovernment",
            Cloud::China => "AzureChinaCloud",
        }
    }
}

/// The host Entra writes as the issuer of v1 tokens (`https://sts.windows.net/{tenant}/`),
/// which signs no one in.
pub fn is_token_issuer_host(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    h == "sts.windows.net" || h == "sts.chinacloudapi.cn"
}

/// The Entra authority hosts this tool knows (SPEC §1; national clouds).
pub fn is_entra_host(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    SIGN_IN_HOSTS.contains(&h.as_str())
        || h.ends_with(".b2clogin.com")
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

/// Widths at which mail clients (64, 72, 76, 78), terminals and log viewers
/// (79, 80) hard-wrap long lines. A first line exactly this wide was most
/// likely cut by the wrap, not ended by the writer.
const WRAP_WIDTHS: [usize; 6] = [64, 72, 76, 78, 79, 80];

/// One physical line with what copying put around it taken off: indentation,
/// quotes, a shell continuation (`\`) or a string concatenation (`" +`).
/// Returns the text and whether such a continuation mark ended the line.
fn clean_line(l: &str) -> (&str, bool) {
    // A byte order mark or zero-width character a copy left at either end of the line.
    const INVISIBLE: [char; 5] = ['\u{feff}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}'];
    let mut s = l.trim().trim_matches(INVISIBLE).trim();
    let mut marked = false;
    loop {
        let before = s;
        if let Some(x) = s.strip_suffix('\\') {
            s = x.trim_end();
            marked = true;
        }
        // `+` only as an operator: after a closing quote or a space, never
        // the `+` (an encoded space) that a wrap left at the end of a line.
        if let Some(x) = s.strip_suffix('+') {
            if x.ends_with(char::is_whitespace) || x.ends_with(['"', '\'']) {
                s = x.trim_end();
                marked = true;
            }
        }
        if s == before {
            break;
        }
    }
    let s = unwrap_quotes(s)
        .trim_end_matches(['"', '\''])
        .trim_start_matches(['"', '\''])
        .trim();
    (s, marked)
}

/// True when `s` begins with `http://` or `https://` (any case).
fn starts_plain_url(s: &str) -> bool {
    s.get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("http://"))
        || s.get(..8)
            .is_some_and(|p| p.eq_ignore_ascii_case("https://"))
}

/// True when the last word of `s` is part of a URL or a query string.
fn ends_in_url(s: &str) -> bool {
    let tail = s.rsplit(char::is_whitespace).next().unwrap_or("");
    tail.contains("://") || tail.contains(['?', '=', '&']) || has_escape(tail)
}

/// True when `s` holds a `%XX` escape.
fn has_escape(s: &str) -> bool {
    s.as_bytes()
        .windows(3)
        .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

/// True when `s` ends in the middle of URL syntax: after `?`, `&`, `=`, or
/// inside a `%XX` escape.
fn ends_mid_syntax(s: &str) -> bool {
    let b = s.as_bytes();
    match b {
        [.., b'?' | b'&' | b'=' | b'%'] => true,
        [.., b'%', h] => h.is_ascii_hexdigit(),
        _ => false,
    }
}

/// A logical line being built from one or more physical lines.
struct Run {
    /// The first physical line as it stood (trimmed), kept when nothing joins it.
    first: String,
    /// The cleaned text of every physical line joined so far.
    text: String,
    /// The width of its last physical line, in characters.
    width: usize,
    /// The width of the physical line before that, when the run has one.
    width_before: Option<usize>,
    /// The last physical line ended with a continuation mark (`\`, `" +`).
    marked: bool,
    /// More than one physical line was joined.
    joined: bool,
    /// Its last word is part of a URL (worked out once: a joined run only
    /// grows that word, and rescanning it per line would be quadratic).
    in_url: bool,
}

/// The rule for a line break inside pasted text: does `next` (cleaned)
/// continue the URL that `run` ends with, or is it a line of its own?
///
/// A continuation never holds a space, never starts a new URL, and follows a
/// line whose last word is part of a URL. Then one of these must show that
/// the break was made by a wrap and not by the writer:
/// - the break is visibly inside URL syntax: a continuation mark ended the
///   line, the line ends after `?`, `&`, `=` or inside a `%XX` escape, or the
///   next line starts with `&`, `?`, `#`, `%`, `=` or `/`;
/// - the line reaches the wrap width: it is as wide as the wrapped line before
///   it, or exactly a common wrap width ([`WRAP_WIDTHS`]);
/// - the next line itself carries URL syntax (`=`, `&`, `?`, `/`, a `%XX`
///   escape) and is no wider than the line it would continue, or is a piece of a
///   query (`a=b&c=d`) of any width.
///
/// So a word such as `Copied` or a sentence on the line after a URL stays
/// separate, while a URL wrapped at any width keeps its pieces.
fn continues(run: &Run, next: &str, next_width: usize) -> bool {
    if next.is_empty() || next.contains(char::is_whitespace) || starts_plain_url(next) {
        return false;
    }
    if !run.in_url {
        return false;
    }
    let inside_syntax = run.marked
        || ends_mid_syntax(&run.text)
        || next.starts_with(['&', '?', '#', '%', '=', '/']);
    let at_wrap_width = run.width_before == Some(run.width) && run.width >= 40
        || run.width_before.is_none() && WRAP_WIDTHS.contains(&run.width);
    // A piece of a query (`ype=code&redirect_uri=…`) continues the URL at any width: a
    // break made by hand leaves the rest of the URL on one long line.
    let query_piece = next.contains('&') && next.contains('=');
    let url_piece = (next.contains(['=', '&', '?', '/']) || has_escape(next))
        && (next_width <= run.width || query_piece);
    inside_syntax || at_wrap_width || url_piece
}

/// Splits pasted text into logical lines, joining the physical lines of a URL
/// that was wrapped (or indented, or concatenated in code) back into one; see
/// [`continues`] for the rule. Returns the lines and whether any were joined.
fn join_wrapped(s: &str) -> (Vec<String>, bool) {
    let mut out = Vec::new();
    let mut any = false;
    let mut run: Option<Run> = None;
    for raw in s.lines() {
        let width = raw.trim_end().chars().count();
        let (clean, marked) = clean_line(raw);
        if let Some(r) = run.as_mut() {
            if continues(r, clean, width) {
                r.text.push_str(clean);
                r.width_before = Some(r.width);
                r.width = width;
                r.marked = marked;
                r.joined = true;
                any = true;
                continue;
            }
        }
        if let Some(r) = run.take() {
            out.push(if r.joined { r.text } else { r.first });
        }
        run = Some(Run {
            first: raw.trim().to_string(),
            text: clean.to_string(),
            width,
            width_before: None,
            marked,
            joined: false,
            in_url: ends_in_url(clean),
        });
    }
    if let Some(r) = run {
        out.push(if r.joined { r.text } else { r.first });
    }
    (out, any)
}

/// Undoes the escaping a URL picks up when copied out of HTML or JSON:
/// `&amp;` (HTML source, logs), `\u0026` and `\/` (JSON strings).
pub(crate) fn unescape_copied(s: &str) -> String {
    // The ways logs, HTML pages and source code write the URL's `&` (and JSON its `/`):
    // `&amp;` (also escaped twice), `&#38;`, `&#x26;`, `\u0026`, `\x26`, `\/`.
    const ESCAPES: [(&str, &str); 8] = [
        ("&amp;amp;", "&"),
        ("&amp;", "&"),
        ("&#38;", "&"),
        ("&#x26;", "&"),
        ("&#X26;", "&"),
        ("\\u0026", "&"),
        ("\\x26", "&"),
        ("\\/", "/"),
    ];
    // A browser's "Copy as cURL (cmd)" escapes for the Windows shell with '^' (`^&`, `^%`,
    // `^"`); a URL holds no raw '^', so each one escapes the character after it.
    let mut out = if s.contains("^&") || s.contains("^\"") {
        let mut o = String::with_capacity(s.len());
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match c {
                '^' => o.extend(chars.next()),
                c => o.push(c),
            }
        }
        o
    } else {
        s.to_string()
    };
    for (from, to) in ESCAPES {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out
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

/// Every `http://` or `https://` URL in free text, in order, each cut at
/// whitespace or a quote and without the punctuation that ends a sentence.
fn find_urls(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(pos) = text.get(start..).and_then(|t| t.find("http")) {
        let at = start + pos;
        let rest = &text[at..];
        if starts_plain_url(rest) {
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
                .unwrap_or(rest.len());
            out.push(rest[..end].trim_end_matches(['.', ',', ')', ']', ';']));
            start = at + end.max(1);
        } else {
            start = at + 4;
        }
    }
    out
}

/// Finds the most authorize-like URL in free text (the first of the best).
fn find_url(text: &str) -> Option<&str> {
    let mut best: Option<(usize, &str)> = None;
    for cand in find_urls(text) {
        let l = cand.to_ascii_lowercase();
        let score = usize::from(l.contains("/authorize")) * 4
            + usize::from(l.contains("client_id=")) * 2
            + usize::from(l.contains("redirect_uri=")) * 2
            + usize::from(l.contains("?"));
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, cand));
        }
    }
    best.map(|(_, u)| u)
}

/// True when a URL is an authorize request: an authorize endpoint with a
/// client_id or a redirect_uri in it.
fn is_request(url: &str) -> bool {
    let l = url.to_ascii_lowercase();
    l.contains("authorize") && (l.contains("client_id=") || l.contains("redirect_uri="))
}

/// `s` without the ASCII `prefix` (any case), when it starts with it.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    s.get(..prefix.len())
        .filter(|p| p.eq_ignore_ascii_case(prefix))
        .and_then(|_| s.get(prefix.len()..))
}

/// The URL of a raw HTTP request, as `curl -v`, a proxy log or the browser's
/// copied request headers show it: a request line (`GET /tenant/oauth2/v2.0/authorize?… HTTP/1.1`,
/// or HTTP/2's `:path:`) and its `Host:` (or `:authority:`) header. Authority hosts
/// only answer https, so the URL is rebuilt with it.
fn raw_request_url(text: &str) -> Option<String> {
    let mut path = None;
    let mut host = None;
    for line in text.lines() {
        // `curl -v` marks what it sent with `> `.
        let l = line.trim().trim_start_matches('>').trim();
        // Also inside an access log line: `10.0.4.17 - - […] "GET /…/authorize?… HTTP/1.1" 200 …`.
        let words: Vec<&str> = l.split_whitespace().collect();
        for w in words.windows(3) {
            if matches!(w[0].trim_start_matches('"'), "GET" | "POST")
                && w[1].starts_with('/')
                && w[2].starts_with("HTTP/")
            {
                path = path.or(Some(w[1]));
            }
        }
        if let Some(p) = strip_prefix_ci(l, ":path:") {
            path = path.or(Some(p.trim()));
        }
        if let Some(h) = strip_prefix_ci(l, "host:").or_else(|| strip_prefix_ci(l, ":authority:")) {
            host = host.or(Some(h.trim()));
        }
    }
    let path = path?;
    // Without a `Host:` line (an access log's request line) the path alone is returned.
    let url = match host {
        Some(h) if !h.is_empty() && !h.contains(char::is_whitespace) => {
            format!("https://{h}{path}")
        }
        Some(_) => return None,
        None => path.to_string(),
    };
    is_request(&url).then_some(url)
}

/// A request read from its path alone (`/tenant/oauth2/v2.0/authorize?client_id=…`): its host
/// is unknown.
fn read_path(path: &str, joined: bool) -> AuthorizeRequest {
    let mut req = read_url(&format!("https://path.invalid{path}"), joined);
    req.host = None;
    req.url = path.to_string();
    req
}

/// How many layers of percent-encoding around a whole URL are undone: one per
/// hop that logged it as a query value (a returnUrl, a proxy target); beyond a
/// few it is noise, not a request.
const MAX_LAYERS: u8 = 4;

/// Authorize URLs that stand percent-encoded in the text as a whole
/// (`https%3A%2F%2Flogin…%2Fauthorize%3Fclient_id%3D…`, or `https%253A…` when
/// encoded twice), decoded as many times as they were encoded (at most
/// [`MAX_LAYERS`]), each with its number of layers.
fn encoded_requests(text: &str) -> Vec<(String, u8)> {
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(pos) = text.get(start..).and_then(|t| t.find(['h', 'H'])) {
        let at = start + pos;
        let rest = &text[at..];
        let encoded = |s: &str| {
            s.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("http%"))
                || s.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("https%"))
        };
        if !encoded(rest) {
            start = at + 1;
            continue;
        }
        // An encoded URL holds no raw `&`: its own are `%26`, so a raw one
        // ends it (the next parameter of the URL or log line it stands in).
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '&'))
            .unwrap_or(rest.len());
        let mut url = rest[..end]
            .trim_end_matches(['.', ',', ')', ']', ';'])
            .to_string();
        let mut layers = 0;
        while layers < MAX_LAYERS && encoded(&url) {
            let decoded = uri::percent_decode(&url);
            if decoded == url {
                break;
            }
            url = decoded;
            layers += 1;
        }
        if layers > 0 && starts_plain_url(&url) && is_request(&url) {
            out.push((url, layers));
        }
        start = at + end.max(1);
    }
    out
}

/// Reads the authorize request in free text. When several are there, the
/// last is analysed: in a log, a before-and-after paste or a redirect chain
/// the last attempt is the latest, so the one that failed (the HAR reader
/// likewise prefers the last flow that failed). When Entra's error text quotes
/// the redirect URI, the last request that sent that URI is taken instead. A
/// plain URL on the text's first line is read to the end of that line, as
/// browsers copy unencoded spaces. Percent-encoded URLs are only looked for
/// when no plain request is there.
fn read_requests(
    text: &str,
    quoted_redirect: Option<&str>,
    joined: bool,
) -> Option<AuthorizeRequest> {
    let mut found: Vec<(String, u8)> = Vec::new();
    let first_line = text.lines().next().unwrap_or("").trim();
    let whole_first = starts_plain_url(first_line) && is_request(first_line);
    if whole_first {
        found.push((first_line.to_string(), 0));
    }
    found.extend(
        find_urls(text)
            .into_iter()
            .skip(usize::from(whole_first))
            .filter(|u| is_request(u))
            .map(|u| (u.to_string(), 0)),
    );
    if found.is_empty() {
        found = encoded_requests(text);
    }
    let last = found.len().checked_sub(1)?;
    let by_error_text = quoted_redirect.and_then(|q| {
        found
            .iter()
            .rposition(|(u, _)| read_url(u, false).redirect_uri() == Some(q))
    });
    let position = by_error_text.unwrap_or(last);
    let (url, layers) = found.remove(position);
    let mut req = read_url(&url, joined);
    req.decoded_layers = layers;
    req.position = position;
    req.chosen_by_error_text = by_error_text.is_some() && found.iter().any(|(u, _)| *u != url);
    req.others = found.into_iter().map(|(u, _)| u).collect();
    Some(req)
}

/// The value of the field `key` (lower case) in a structured log line: logfmt's
/// `redirect_uri=https://…` or `redirect_uri="…"`, JSON's `"redirect_uri":"…"`. A server logs
/// the request's parameters so, outside any URL (a field inside a URL's query is the URL's).
/// A value logged percent-encoded (`https%3A%2F%2F…`) is decoded once.
pub(crate) fn log_field(text: &str, key: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower.get(from..).and_then(|t| t.find(key)) {
        let at = from + p;
        from = at + key.len();
        let quoted = at > 0 && text.as_bytes().get(at - 1) == Some(&b'"');
        let before = text
            .get(..at - usize::from(quoted))
            .and_then(|b| b.chars().next_back());
        if before.is_some_and(|c| !(c.is_whitespace() || matches!(c, ',' | '{' | '(' | '['))) {
            continue;
        }
        let Some(rest) = text.get(from..) else {
            continue;
        };
        let rest = match (quoted, rest.strip_prefix('"')) {
            (true, Some(r)) => r.trim_start().strip_prefix(':').map(str::trim_start),
            (false, None) => rest.strip_prefix('='),
            _ => None,
        };
        let Some(rest) = rest else {
            continue;
        };
        let value = match rest.strip_prefix('"') {
            Some(r) => r.get(..r.find('"')?)?,
            None => rest
                .get(..rest.find(char::is_whitespace).unwrap_or(rest.len()))?
                .trim_end_matches([',', ';', '}', ']', ')']),
        };
        let value = value.replace("\\/", "/");
        if value.is_empty() {
            return None;
        }
        let l = value.to_ascii_lowercase();
        return Some(if l.starts_with("http%3a") || l.starts_with("https%3a") {
            uri::percent_decode(&value)
        } else {
            value
        });
    }
    None
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
            let v = inner.get(..end)?.trim_matches(is_bidi_mark);
            // A JSON key's closing quote (`"redirect_uri":"…"`) quotes no value.
            if !v.contains(|c: char| c.is_alphanumeric()) {
                continue;
            }
            return Some(v);
        }
    }
    None
}

/// The first GUID after `phrase`.
fn guid_after(text: &str, phrase: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let p = lower.find(phrase)?;
    let rest = text.get(p + phrase.len()..)?;
    // On the phrase's line and before any URI: SAML's wording names the application by its
    // identifier (often a URL), and a GUID further on is another thing's (a tenant in a URL).
    let line = rest.lines().next().unwrap_or("");
    first_guid(line.get(..line.find("://").unwrap_or(line.len()))?)
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

/// The first absolute URI standing in quotes of any kind (`'…'`, `"…"`, `“…”`, `„…“`,
/// `«…»`, `「…」`) in text, with where it ends; links to Microsoft's help and error
/// pages are passed over. Entra's pages in other languages quote the redirect URI so,
/// around words this reader does not know.
fn first_quoted_uri(text: &str) -> Option<(&str, usize)> {
    // The quotes of the languages Entra's pages are shown in: English and French, German
    // („…“, »…«), Swedish and Finnish (”…”), Chinese and Japanese (「…」, 『…』, full-width).
    const PAIRS: [(char, &[char]); 14] = [
        ('\'', &['\'']),
        ('"', &['"']),
        ('“', &['”', '“']),
        ('„', &['“', '”']),
        ('‘', &['’']),
        ('‚', &['‘', '’']),
        ('”', &['”']),
        ('«', &['»']),
        ('»', &['«']),
        ('‹', &['›']),
        ('「', &['」']),
        ('『', &['』']),
        ('＂', &['＂']),
        ('＇', &['＇']),
    ];
    for (at, open) in text.char_indices() {
        let Some((_, close)) = PAIRS.iter().find(|(o, _)| *o == open) else {
            continue;
        };
        let start = at + open.len_utf8();
        let Some(rest) = text.get(start..) else {
            continue;
        };
        let Some(len) = rest.find(*close) else {
            continue;
        };
        // A right-to-left page (Hebrew, Arabic) wraps the quoted address in direction marks
        // to show it left to right: marks of the page, not of the URI Entra received.
        let inner = rest
            .get(..len)
            .unwrap_or("")
            .trim()
            .trim_matches(is_bidi_mark)
            .trim();
        let help = ["https://aka.ms/", "https://login.microsoftonline.com/error"]
            .iter()
            .any(|h| inner.to_ascii_lowercase().starts_with(h));
        // Entra's own sign-in pages (a page source's urlLogin, …/reprocess?ctx=…) are no
        // app's redirect URI; the native client page of desktop apps is one.
        let u = uri::Uri::new(inner);
        let entra_page = u
            .host()
            .is_some_and(|h| is_entra_host(h) || h.ends_with("login.live.com"))
            && !u
                .path()
                .to_ascii_lowercase()
                .ends_with("/oauth2/nativeclient");
        let help = help || entra_page;
        if inner.contains("://") && !inner.contains(char::is_whitespace) && !help {
            return Some((inner, start + len));
        }
    }
    None
}

/// A direction mark, embedding or isolate (LRM, RLM, U+202A–U+202E, U+2066–U+2069).
fn is_bidi_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first GUID standing in quotes in `text` ('6731de76-…'): the application a localized
/// AADSTS50011 names, wherever its language puts it in the sentence.
fn first_quoted_guid(text: &str) -> Option<String> {
    let b = text.as_bytes();
    (0..b.len()).find_map(|i| {
        let g = text.get(i..i + 36)?;
        let before = text.get(..i)?.chars().next_back()?;
        let after = text.get(i + 36..)?.chars().next()?;
        let quote = |c: char| "'\"‘’“”„«»「」『』".contains(c);
        (quote(before) && quote(after) && uri::is_guid(g)).then(|| g.to_string())
    })
}

/// True for the SAML wording of AADSTS50011 ('The reply URL specified in the request does
/// not match the reply URLs configured for the application: '<identifier>'', with its
/// aka.ms/urlMismatchError link), which quotes no reply URL.
/// The older wording of the OAuth 2.0 / OpenID Connect form said the same without the link,
/// naming the app by its client ID (a GUID), so that form is not taken for SAML's.
pub fn is_saml_wording(text: &str) -> bool {
    let l = text.to_ascii_lowercase();
    let client_id = l
        .find("for the application")
        .and_then(|p| l.get(p + "for the application".len()..))
        .map(|r| r.trim_start_matches([':', ' ', '\'', '"']))
        .and_then(|r| r.get(..36))
        .is_some_and(uri::is_guid);
    l.contains("urlmismatcherror") || l.contains("reply url specified") && !client_id
}

/// MSAL Android's check of its configured redirect URI against the one built from the app's
/// package name and signing certificate (see [`ErrorText::android_check`]); nothing reached Entra.
fn android_check(text: &str) -> Option<(String, String)> {
    let l = text.to_ascii_lowercase();
    if !(l.contains("signature hash") && l.contains("redirect uri in the configuration file")) {
        return None;
    }
    let quoted = |p: &str| quoted_after(text, &[p]).unwrap_or("").trim().to_string();
    Some((quoted("we expected"), quoted("we received")))
}

/// `text` with the escaping layer of a page's source or a JSON string undone, as the page or
/// log shows it: HTML's character references (`&#39;`, `&quot;`, and with them `&amp;`) when
/// a quote is written so, JSON's escapes (`\u0027`, `\u0026`, `\"`, `\/`, also escaped twice)
/// when any is there; None when it has neither.
pub(crate) fn unescape_quotes(text: &str) -> Option<String> {
    const HTML_QUOTES: [&str; 5] = ["&#39;", "&#x27;", "&apos;", "&quot;", "&#34;"];
    let html = HTML_QUOTES.iter().any(|e| text.contains(e));
    let mut out = if html {
        super::evidence::har::html_unescape(text)
    } else {
        text.to_string()
    };
    // A JSON string inside a JSON string (a logger's message holding a response body).
    for _ in 0..3 {
        match json_unescape(&out) {
            Some(t) => out = t,
            None => break,
        }
    }
    (out != text).then_some(out)
}

/// One layer of JSON string escapes undone (`\uXXXX`, `\"`, `\/`, `\\`); None when `text`
/// holds no `\"` or `\uXXXX`, the escapes that show the layer (a path's `\` does not). Line
/// breaks (`\n`) stay as written: the readers go by lines of the pasted text.
fn json_unescape(text: &str) -> Option<String> {
    let hex4 = |s: &str| {
        s.get(..4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let layer = text.contains("\\\"")
        || text
            .match_indices("\\u")
            .any(|(i, _)| text.get(i + 2..).and_then(hex4).is_some());
    if !layer {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(p) = rest.find('\\') {
        out.push_str(rest.get(..p).unwrap_or(""));
        let tail = rest.get(p + 1..).unwrap_or("");
        let mut chars = tail.chars();
        let (ch, used) = match chars.next() {
            Some(c @ ('"' | '/' | '\\')) => (Some(c), 1),
            Some('u') => {
                let hi = tail.get(1..).and_then(hex4);
                // A character outside the BMP: a surrogate pair, `\ud83d\ude00`.
                let lo = tail
                    .get(5..)
                    .and_then(|t| t.strip_prefix("\\u"))
                    .and_then(hex4);
                match (hi, lo) {
                    (Some(h @ 0xD800..=0xDBFF), Some(l @ 0xDC00..=0xDFFF)) => (
                        char::from_u32(0x10000 + ((h - 0xD800) << 10) + (l - 0xDC00)),
                        11,
                    ),
                    (Some(h), _) => (char::from_u32(h), 5),
                    _ => (None, 0),
                }
            }
            _ => (None, 0),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = tail.get(used..).unwrap_or("");
            }
            None => {
                out.push('\\');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    (out != text).then_some(out)
}

/// Azure AD B2C's redirect URI errors and the AADSTS codes that say the same: AADB2C90006 is
/// AADSTS50011 (not registered for the client), AADB2C90007 is AADSTS500113 (none at all).
const B2C_REDIRECT: [(u32, u32); 2] = [(90006, 50011), (90007, 500113)];

/// Whether `text` names one of Azure AD B2C's redirect URI errors (AADB2C90006, 90007).
pub(crate) fn names_b2c_redirect_error(text: &str) -> bool {
    B2C_REDIRECT
        .iter()
        .any(|(b2c, _)| response_b2c_code(text, *b2c))
}

/// Whether `text` names Azure AD B2C's error `AADB2C{code}` (not followed by another digit).
fn response_b2c_code(text: &str, code: u32) -> bool {
    let needle = format!("AADB2C{code}");
    text.match_indices(&needle).any(|(at, _)| {
        !text
            .as_bytes()
            .get(at + needle.len())
            .is_some_and(u8::is_ascii_digit)
    })
}

/// `text` with the copy wraps inside its quoted values joined: a console or log viewer that
/// wraps at a fixed width breaks Entra's sentence anywhere, also inside the quoted redirect
/// URI (`'http://localhost:60⏎147'`) or application ID. A break is taken for a wrap when the
/// value's pieces hold no space and it falls inside the value (a break just before the closing
/// quote is a character Entra received), and the value is a GUID, which holds no break, or a
/// URI whose broken lines reach the paste's wrap width (as wide as its widest line, or a common
/// wrap width). The indentation a console puts before a continued line goes too.
/// None when nothing was joined.
fn join_quoted_wraps(text: &str) -> Option<String> {
    if !text.contains('\n') {
        return None;
    }
    // Widths without the indentation a log viewer gives each continued line.
    let width = |l: &str| l.trim().chars().count();
    let widest = text.lines().map(width).max().unwrap_or(0);
    let at_wrap = |w: usize| w >= 40 && (w + 1 >= widest || WRAP_WIDTHS.contains(&w));
    // Each logical line with the width of its last physical line.
    let mut lines: Vec<(String, usize)> = text
        .split('\n')
        .map(|l| {
            let l = l.strip_suffix('\r').unwrap_or(l);
            (l.to_string(), width(l))
        })
        .collect();
    let mut any = false;
    let mut i = 0;
    while i + 1 < lines.len() {
        match join_value_at(&lines, i, &at_wrap) {
            Some((last, merged, w)) => {
                lines.splice(i..=last, [(merged, w)]);
                any = true;
            }
            None => i += 1,
        }
    }
    any.then(|| {
        lines
            .into_iter()
            .map(|(l, _)| l)
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// The quoted value that line `i` opens and leaves unclosed, joined with its pieces on the
/// lines after: the index of the line that closes it, the merged line and that line's width.
fn join_value_at(
    lines: &[(String, usize)],
    i: usize,
    at_wrap: &dyn Fn(usize) -> bool,
) -> Option<(usize, String, usize)> {
    let (line, w) = &lines[i];
    let open = line.rfind(['\'', '"'])?;
    let quote = line.get(open..)?.chars().next()?;
    let head = line.get(open + 1..)?;
    let opens = line
        .get(..open)?
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || "(:=[".contains(c));
    if head.is_empty() || head.contains(char::is_whitespace) || !opens {
        return None;
    }
    let mut value = head.to_string();
    let mut merged = line.clone();
    let mut widths = vec![*w];
    for (k, (next, nw)) in lines.iter().enumerate().skip(i + 1) {
        let next = next.trim_start();
        let (piece, closed) = match next.find(quote) {
            Some(c) => (next.get(..c)?, true),
            None => (next, false),
        };
        if piece.is_empty() || piece.contains(char::is_whitespace) {
            return None;
        }
        value.push_str(piece);
        merged.push_str(next);
        if closed {
            let guid = uri::is_guid(&value);
            let wraps = value.contains("://") && widths.iter().all(|w| at_wrap(*w));
            return (guid || wraps).then_some((k, merged, *nw));
        }
        widths.push(*nw);
    }
    None
}

pub fn read_error_text(text: &str) -> ErrorText {
    let unescaped = unescape_quotes(text);
    let text = unescaped.as_deref().unwrap_or(text);
    let unwrapped = join_quoted_wraps(text);
    let text = unwrapped.as_deref().unwrap_or(text);
    let mut codes = aadsts::codes_in(text);
    // Entra's older wording of AADSTS50011 for an app with no redirect URI at all is what it
    // now says with AADSTS500113.
    if codes.contains(&50011)
        && text
            .to_ascii_lowercase()
            .contains("no reply address is registered")
    {
        codes.retain(|c| *c != 50011);
        if !codes.contains(&500113) {
            codes.push(500113);
        }
    }
    // Azure AD B2C says the same with its own codes: AADB2C90006 is AADSTS50011 (the redirect
    // URI is not registered for the client), AADB2C90007 is AADSTS500113 (no redirect URI at
    // all); they are judged as those (the findings use B2C's words where the request is B2C's).
    for (b2c, same) in B2C_REDIRECT {
        if response_b2c_code(text, b2c) && !codes.contains(&same) {
            codes.push(same);
        }
    }
    let mut redirect_uri = quoted_after(
        text,
        &[
            "the redirect uri",
            "the reply address",
            "the reply url",
            "redirect_uri",
            "reply uri",
        ],
    )
    .map(str::to_string)
    // A server's structured log line: `… redirect_uri=https://app/cb client_id=…`.
    .or_else(|| log_field(text, "redirect_uri").filter(|v| v.contains(':')));
    let mut app_id = guid_after(text, "for the application")
        .or_else(|| guid_after(text, "client id"))
        .or_else(|| guid_after(text, "application with identifier"))
        .or_else(|| guid_after(text, "application '"))
        // The troubleshooting details: `App id: 6731de76-…`.
        .or_else(|| guid_after(text, "app id"))
        .or_else(|| log_field(text, "client_id").filter(|v| uri::is_guid(v)));
    // The application's ID cut where the sentence names it (a wrap that was not joined): the
    // client ID the command or configuration beside it names (`-ClientId 3f2a…`).
    if app_id.is_none() && text.to_ascii_lowercase().contains("for the application") {
        app_id = ["clientid", "client_id", "client-id"]
            .iter()
            .find_map(|p| guid_after(text, p));
    }
    // The token leg's wording quotes the URI sent to /token, then the authorize request's.
    let mut token_redirect_uri = None;
    if text
        .to_ascii_lowercase()
        .contains("provided when requesting authorization code")
    {
        if let Some(auth) = quoted_after(text, &["does not match the reply address"]) {
            token_redirect_uri = redirect_uri.replace(auth.to_string());
        }
    }
    // The token leg's text in another language quotes the same two URIs in the same order
    // (French, German, Spanish …: the one sent to /token, then the authorize request's).
    if token_redirect_uri.is_none() && redirect_uri.is_none() && codes.contains(&500112) {
        if let Some((first, end)) = first_quoted_uri(text) {
            let second = text.get(end..).and_then(first_quoted_uri).map(|(u, _)| u);
            if let Some(second) = second.filter(|u| *u != first) {
                token_redirect_uri = Some(first.to_string());
                redirect_uri = Some(second.to_string());
            }
        }
    }
    // AADSTS50011 in another language: the quoted URI, then the application's ID. (SAML's
    // wording quotes no reply URL, only the application's identifier, often a URL.)
    if redirect_uri.is_none() && codes.contains(&50011) && !is_saml_wording(text) {
        if let Some((uri, end)) = first_quoted_uri(text) {
            redirect_uri = Some(uri.to_string());
            // The quoted GUID is the application's, before or after the URI (Japanese, Korean
            // and Turkish name the application first); else the first after the URI.
            app_id = app_id
                .or_else(|| first_quoted_guid(text))
                .or_else(|| text.get(end..).and_then(first_guid));
        }
    }
    let more_details = text
        .to_ascii_lowercase()
        .find("more details:")
        .and_then(|p| text.get(p + "more details:".len()..))
        .map(|r| r.lines().next().unwrap_or("").trim().to_string())
        .filter(|s| !s.is_empty());
    let correlation_id = guid_after(text, "correlation id");
    let origin = quoted_after(text, &["request origin:"])
        .map(str::to_string)
        .or_else(|| cors_blocked_origin(text));
    ErrorText {
        android_check: android_check(text),
        origin,
        codes,
        redirect_uri,
        token_redirect_uri,
        app_id,
        more_details,
        correlation_id,
        text: text.trim().to_string(),
    }
}

/// The origin of the page whose code redemption at Entra's token endpoint the browser blocked
/// for CORS (Chrome: "Access to fetch at '…/oauth2/v2.0/token' from origin '…' has been blocked
/// by CORS policy", beside MSAL.js' post_request_failed): Entra answers a cross-origin
/// redemption for a URI that is not a Single-page application one (AADSTS9002326) without CORS
/// headers, so the browser shows this instead of Entra's text.
pub(crate) fn cors_blocked_origin(text: &str) -> Option<String> {
    if !text.to_ascii_lowercase().contains("blocked by cors policy") {
        return None;
    }
    let at = Uri::new(quoted_after(
        text,
        &["access to fetch at", "access to xmlhttprequest at"],
    )?);
    let token =
        at.host().is_some_and(is_entra_host) && at.path().trim_end_matches('/').ends_with("/token");
    quoted_after(text, &["from origin"])
        .filter(|o| token && o.contains("://"))
        .map(str::to_string)
}

/// Reads the authorize box. `None` when it is empty; otherwise the request as
/// far as it could be read (possibly with no parameters at all).
pub fn read(input: &str) -> Option<AuthorizeRequest> {
    let req = read_oauth(input);
    let oauth = req.as_ref().is_some_and(|r| {
        r.redirect_uri().is_some() || r.params.iter().any(|p| p.name == "client_id")
    });
    if oauth {
        return req;
    }
    let Some(saml) = super::saml::read(input) else {
        return req;
    };
    let mut r = req.unwrap_or_else(|| empty(Source::Query));
    if let (Some(url), None) = (&saml.url, &r.host) {
        // The /saml2 endpoint and tenant; its parameters are the SAML binding's, not OAuth's.
        let u = read_url(url, false);
        r.url = u.url;
        r.host = u.host;
        r.path = u.path;
        r.tenant = u.tenant;
        r.source = Source::Url;
    }
    // The parameters read are the SAML binding's (SAMLRequest, RelayState, Signature).
    r.params.clear();
    if let Some(acs) = &saml.acs_url {
        r.params.push(Param {
            name: "redirect_uri".to_string(),
            raw: uri::form_encode(acs),
            value: acs.clone(),
            utf8: true,
            in_fragment: false,
        });
    }
    r.saml = Some(saml);
    Some(r)
}

/// The code of the troubleshooting details' `Error Code: 53003` line (Entra's blocked-access
/// page shows it under More details, without the AADSTS prefix), when the text names no
/// AADSTS code itself.
pub(crate) fn details_error_code(text: &str) -> Option<u32> {
    let upper = text.to_ascii_uppercase();
    // Only beside the details' other lines: another program's "Error code: 10060" is not Entra's.
    if upper.contains("AADSTS")
        || !(upper.contains("CORRELATION ID") || upper.contains("REQUEST ID"))
    {
        return None;
    }
    text.lines().find_map(|l| {
        let l = l.trim();
        let rest = l
            .get(..10)
            .filter(|p| p.eq_ignore_ascii_case("error code"))?;
        let digits = l
            .get(rest.len()..)?
            .trim_start_matches([' ', ':', '\t'])
            .trim();
        (5..=7)
            .contains(&digits.len())
            .then(|| digits.parse::<u32>().ok())
            .flatten()
            .filter(|&c| c >= 10_000)
    })
}

/// Reads an OAuth authorize request (or Entra's error text) from the authorize box.
fn read_oauth(input: &str) -> Option<AuthorizeRequest> {
    let input = input.trim_start_matches('\u{FEFF}');
    // A URL from a mail's source (quoted-printable: `=3D` for `=`, lines wrapped with `=`).
    let decoded = super::registered::quoted_printable(input);
    let input = decoded.as_deref().unwrap_or(input);
    // The troubleshooting details with an `Error Code:` line are Entra's error text.
    let with_code;
    let input = match details_error_code(input) {
        Some(c) => {
            with_code =
                format!("AADSTS{c} (the Error Code of the troubleshooting details)\n{input}");
            with_code.as_str()
        }
        None => input,
    };
    let trimmed = unwrap_quotes(input);
    if trimmed.is_empty() {
        return None;
    }
    // Entra's error text, also after (or between) pasted URLs; an AADSTS code inside a URL
    // (an error landing URL's error_description) is not error text.
    let looks_error = trimmed.split_whitespace().any(|t| {
        let t = t.trim_start_matches(['"', '\'', '<', '(', '[']);
        !t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("http")) && {
            let u = t.to_ascii_uppercase();
            u.contains("AADSTS") || u.contains("AADB2C")
        }
    }) || android_check(trimmed).is_some()
        || cors_blocked_origin(trimmed).is_some()
        || aadsts::codes_in(trimmed) == [50011];
    let (lines, joined) = join_wrapped(input);
    let text = unescape_copied(unwrap_quotes(lines.join("\n").trim()));
    if looks_error {
        let et = read_error_text(trimmed);
        // Error pages often carry the authorize URL too: read both.
        let mut req = read_requests(&text, et.redirect_uri.as_deref(), joined)
            .or_else(|| {
                find_url(trimmed)
                    .filter(|u| u.contains("client_id=") || u.contains("redirect_uri="))
                    .map(|u| read_url(u, false))
            })
            .unwrap_or_else(|| empty(Source::ErrorText));
        req.error_text = Some(et);
        if req.host.is_none() {
            req.source = Source::ErrorText;
        }
        return Some(req);
    }
    if let Some(req) = read_requests(&text, None, joined) {
        return Some(req);
    }
    if let Some(url) = raw_request_url(&text) {
        return Some(match url.starts_with('/') {
            true => read_path(&url, joined),
            false => read_url(&url, joined),
        });
    }
    // A server's log line that names the redirect URI it sent as a field: read as the text
    // that quotes it (the line names only some of the request's parameters).
    // Another provider's page quoting its own request (Google's 'Request details:
    // redirect_uri=…') is said as that provider's.
    if log_field(&text, "redirect_uri").is_some_and(|v| v.contains(':'))
        && super::request::other_provider_text(&text).is_none()
    {
        let mut req = empty(Source::ErrorText);
        req.error_text = Some(read_error_text(&text));
        return Some(req);
    }
    if starts_plain_url(&text) {
        let first = text.lines().next().unwrap_or("").trim();
        return Some(read_url(first, joined));
    }
    if let Some(u) = find_url(&text) {
        if u.contains('?') || u.to_ascii_lowercase().contains("/authorize") {
            return Some(read_url(u, joined));
        }
    }
    // A bare query string: `client_id=...&redirect_uri=...` or `?client_id=...`,
    // on a line of its own.
    let bare = text
        .lines()
        .map(|l| l.trim().trim_start_matches('?'))
        .find(|q| q.contains('=') && !q.contains(char::is_whitespace));
    if let Some(q) = bare {
        // `login.microsoftonline.com/…/authorize?client_id=…` (an address bar copied without its
        // scheme) or `/…/oauth2/v2.0/authorize?client_id=…` (a path from the developer tools):
        // the part before '?' is no parameter.
        let before = q
            .split_once('?')
            .map(|(b, _)| b)
            .filter(|b| !b.contains('=') && b.contains('/'));
        if let Some(before) = before {
            if before.starts_with('/') {
                return Some(read_path(q, joined));
            }
            if before.split('/').next().is_some_and(|h| h.contains('.')) {
                return Some(read_url(&format!("https://{q}"), joined));
            }
        }
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
        req.url = q.to_string();
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
        others: Vec::new(),
        position: 0,
        chosen_by_error_text: false,
        decoded_layers: 0,
        saml: None,
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
    } else if lower.trim_end_matches('/').ends_with("/adminconsent") {
        Endpoint::AdminConsent
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

    /// The browser's CORS block of Entra's token endpoint names the origin that redeemed the
    /// code; a block of another host, or no block, names none.
    #[test]
    fn a_cors_block_of_the_token_endpoint_names_the_origin() {
        let t = "Access to fetch at 'https://login.microsoftonline.com/x/oauth2/v2.0/token' from origin 'https://contoso.sharepoint.com' has been blocked by CORS policy";
        assert_eq!(
            cors_blocked_origin(t).as_deref(),
            Some("https://contoso.sharepoint.com")
        );
        assert_eq!(
            read_error_text(t).origin.as_deref(),
            Some("https://contoso.sharepoint.com")
        );
        assert_eq!(
            cors_blocked_origin(&t.replace("login.microsoftonline.com", "api.contoso.com")),
            None
        );
        assert_eq!(
            cors_blocked_origin(&t.replace("has been blocked by CORS policy", "failed")),
            None
        );
    }

    const URL: &str = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid%20profile&state=abc";

    #[test]
    fn the_application_id_is_the_one_the_phrase_names() {
        // SAML's wording names an identifier; the GUID on the next line is a tenant in a URL.
        let saml = "AADSTS50011: The reply URL specified in the request does not match the reply URLs configured for the application: 'https://wiki.contoso.com'.\nhttps://login.microsoftonline.com/8f3c2a1e-5b6d-4e7f-9a0b-1c2d3e4f5a6b/saml2?SAMLRequest=x";
        assert_eq!(read_error_text(saml).app_id, None);
        let oidc = "AADSTS50011: The redirect URI 'https://a.b/c' specified in the request does not match the redirect URIs configured for the application '6731de76-14a6-49ae-97bc-6eba6914391e'.";
        assert_eq!(
            read_error_text(oidc).app_id.as_deref(),
            Some("6731de76-14a6-49ae-97bc-6eba6914391e")
        );
    }

    #[test]
    fn an_escaped_error_text_is_read_through_its_whole_escaping_layer() {
        let uri = "https://app.contoso.com/cb?tenant=emea&src=portal";
        for text in [
            // An HTML page's source: the quotes and the query's `&` alike.
            "AADSTS50011: The redirect URI &#39;https://app.contoso.com/cb?tenant=emea&amp;src=portal&#39; specified in the request does not match",
            // A JSON log written by Go or System.Text.Json: `&` as `\u0026`, quotes as they are.
            r#"{"log":"AADSTS50011: The redirect URI 'https://app.contoso.com/cb?tenant=emea\u0026src=portal' specified in the request does not match\n"}"#,
            // A JSON string inside a JSON string.
            r#"{"message":"{\"error_description\":\"AADSTS50011: The redirect URI \\u0027https://app.contoso.com/cb?tenant=emea\\u0026src=portal\\u0027 specified\"}"}"#,
        ] {
            assert_eq!(read_error_text(text).redirect_uri.as_deref(), Some(uri), "{text}");
        }
        // Without a sign of the layer, an `&amp;` is what Entra received and quoted.
        let plain =
            "AADSTS50011: The redirect URI 'https://app.contoso.com/cb?a=1&amp;b=2' specified";
        assert_eq!(
            read_error_text(plain).redirect_uri.as_deref(),
            Some("https://app.contoso.com/cb?a=1&amp;b=2")
        );
        // A path's backslashes are no JSON layer.
        assert_eq!(unescape_quotes(r"at C:\src\App\Startup.cs:line 42"), None);
    }

    #[test]
    fn a_console_wrap_inside_a_quoted_value_is_joined() {
        const APP: &str = "3f2a9c61-5b7e-4d10-8a2c-9e4b1d7f0c35";
        // Wrapped at 120 columns (Windows PowerShell), inside the port and the application ID.
        let ps = "Connect-MgGraph : InteractiveBrowserCredential authentication failed: AADSTS50011: The redirect URI 'http://localhost:60\n147' specified in the request does not match the redirect URIs configured for the application '3f2a9c61-5b7e-4d10-8a2c-9\ne4b1d7f0c35'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. \nNavigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.";
        let et = read_error_text(ps);
        assert_eq!(et.redirect_uri.as_deref(), Some("http://localhost:60147"));
        assert_eq!(et.app_id.as_deref(), Some(APP));
        // At 110 columns inside the host, with the console's indentation on the next line.
        let at110 = "Connect-MgGraph : InteractiveBrowserCredential authentication failed: AADSTS50011: The redirect URI 'http://lo\n    calhost:60147' specified in the request does not match the redirect URIs configured for the application '3f2a9\nc61-5b7e-4d10-8a2c-9e4b1d7f0c35'. Make sure the redirect URI sent in the request matches one added to your app";
        let et = read_error_text(at110);
        assert_eq!(et.redirect_uri.as_deref(), Some("http://localhost:60147"));
        assert_eq!(et.app_id.as_deref(), Some(APP));
        // A line break just before the closing quote is a character Entra received.
        let sent = "AADSTS50011: The redirect URI 'https://app.contoso.com/cb\n' specified in the request does not match the redirect URIs configured for the application '3f2a9c61-5b7e-4d10-8a2c-9e4b1d7f0c35'.";
        assert_eq!(
            read_error_text(sent).redirect_uri.as_deref(),
            Some("https://app.contoso.com/cb\n")
        );
        // A line shorter than the paste's others is no wrap: the URI is not joined.
        let short = "AADSTS50011: The redirect URI 'https://a.b/c\nd' specified in the request does not match the redirect URIs configured.";
        assert_eq!(join_quoted_wraps(short), None);
        // The ID cut where no wrap can be joined: the client ID of the command beside it.
        let cut = "AADSTS50011: The redirect URI 'http://localhost:60147' specified in the request does not match the redirect URIs configured for the application '3f2a9c61-5b7e-4d10-\n    + Connect-MgGraph -ClientId 3f2a9c61-5b7e-4d10-8a2c-9e4b1d7f0c35 -TenantId contoso.onmicrosoft.com";
        assert_eq!(read_error_text(cut).app_id.as_deref(), Some(APP));
    }

    #[test]
    fn reads_a_url_copied_without_its_scheme_or_host() {
        for text in [
            "login.microsoftonline.com/contoso.com/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code",
            "/contoso.com/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code",
        ] {
            let r = read(text).expect("read");
            assert_eq!(r.get("client_id"), Some("6731de76-14a6-49ae-97bc-6eba6914391e"), "{text}");
            assert_eq!(r.endpoint, Endpoint::V2, "{text}");
            assert_eq!(r.tenant.as_deref(), Some("contoso.com"), "{text}");
        }
        // A bare query keeps its first parameter.
        let r = read("client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code")
            .expect("read");
        assert_eq!(
            r.get("client_id"),
            Some("6731de76-14a6-49ae-97bc-6eba6914391e")
        );
    }

    #[test]
    fn an_admin_consent_request_is_its_own_endpoint() {
        for path in ["contoso.com/v2.0/adminconsent", "contoso.com/adminconsent"] {
            let r = read(&format!("https://login.microsoftonline.com/{path}?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri=https%3A%2F%2Fa%2Fcb")).expect("read");
            assert_eq!(r.endpoint, Endpoint::AdminConsent, "{path}");
            assert_eq!(r.tenant.as_deref(), Some("contoso.com"));
            assert_eq!(r.redirect_uri(), Some("https://a/cb"));
        }
    }

    #[test]
    fn reads_azure_ad_b2c_error_text() {
        let r = read("AADB2C90006: The redirect URI 'http://localhost:5000/signin-oidc' provided in the request is not registered for the client id '6731de76-14a6-49ae-97bc-6eba6914391e'.\nCorrelation ID: 5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f").expect("read");
        let e = r.error_text.as_ref().expect("error text");
        assert_eq!(
            e.redirect_uri.as_deref(),
            Some("http://localhost:5000/signin-oidc")
        );
        assert_eq!(
            e.app_id.as_deref(),
            Some("6731de76-14a6-49ae-97bc-6eba6914391e")
        );
        assert!(r.is_b2c());
    }

    #[test]
    fn a_url_broken_by_hand_inside_its_query_is_joined() {
        let url = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb%2F&scope=openid%20profile&response_mode=form_post&nonce=n1&state=CfDJ8Kx2";
        for at in [90, 120, 130] {
            let r = read(&format!("{}\n{}", &url[..at], &url[at..])).expect("read");
            assert_eq!(r.get("response_type"), Some("code"), "{at}");
            assert_eq!(
                r.redirect_uri(),
                Some("https://app.contoso.com/cb/"),
                "{at}"
            );
            assert!(r.joined_lines);
        }
        // A line of words after the URL stays apart.
        let r = read(&format!("{url}\nsee the ticket for details")).expect("read");
        assert_eq!(r.get("state"), Some("CfDJ8Kx2"));
    }

    #[test]
    fn a_log_lines_redirect_uri_field_is_read() {
        for (line, want) in [
            (
                "level=error msg=\"x\" redirect_uri=https://a/cb client_id=1",
                Some("https://a/cb"),
            ),
            (
                "msg=x redirect_uri=\"https://a/cb?x=1\" y=2",
                Some("https://a/cb?x=1"),
            ),
            (
                "{\"msg\":\"x\",\"redirect_uri\": \"https:\\/\\/a\\/cb\"}",
                Some("https://a/cb"),
            ),
            ("redirect_uri=https%3A%2F%2Fa%2Fcb,", Some("https://a/cb")),
            // Inside a URL's query, or a longer name: not the log's field.
            ("https://l/authorize?redirect_uri=https://a/cb", None),
            ("post_logout_redirect_uri=https://a/out", None),
            ("the redirect_uri 'https://a/cb' is wrong", None),
            ("redirect_uri= next=1", None),
        ] {
            assert_eq!(log_field(line, "redirect_uri").as_deref(), want, "{line}");
        }
        let r = read("level=info msg=\"to idp\" redirect_uri=https://a.contoso.com/cb client_id=6731de76-14a6-49ae-97bc-6eba6914391e").unwrap();
        assert_eq!(r.redirect_uri(), Some("https://a.contoso.com/cb"));
        assert_eq!(r.client_id(), Some("6731de76-14a6-49ae-97bc-6eba6914391e"));
        assert!(r.params.is_empty());
    }

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
    fn a_50011_page_in_another_language_gives_its_quoted_uri_and_app() {
        let de = "AADSTS50011: Der in der Anforderung angegebene Umleitungs-URI \"https://app.contoso.de/signin-oidc\" stimmt nicht mit den Umleitungs-URIs überein, die für die Anwendung \"6731de76-14a6-49ae-97bc-6eba6914391e\" konfiguriert sind. Navigieren Sie zu \"https://aka.ms/redirectUriMismatchError\".\nAnforderungs-ID: 1b4c6e0a-7d3f-4a5e-9c21-0f8e2b7a9d00";
        let et = read(de).and_then(|r| r.error_text).expect("error text");
        assert_eq!(
            et.redirect_uri.as_deref(),
            Some("https://app.contoso.de/signin-oidc")
        );
        assert_eq!(
            et.app_id.as_deref(),
            Some("6731de76-14a6-49ae-97bc-6eba6914391e")
        );
        let fr = "AADSTS50011: L’URI de redirection « msauth.com.contoso.app://auth » spécifié dans la demande ne correspond pas.";
        let et = read(fr).and_then(|r| r.error_text).expect("error text");
        assert_eq!(
            et.redirect_uri.as_deref(),
            Some("msauth.com.contoso.app://auth")
        );
        // Only a quoted URI counts, help links do not, and only for AADSTS50011.
        for text in [
            "AADSTS50011: Navigieren Sie zu \"https://aka.ms/redirectUriMismatchError\".",
            "AADSTS50011: siehe https://app.contoso.de/signin-oidc ohne Anführungszeichen",
            "AADSTS50058: 'https://app.contoso.de/signin-oidc'",
            "AADSTS50011: The reply URL specified in the request does not match the reply URLs configured for the application: 'https://sso.contoso.com/saml/metadata'.",
        ] {
            let et = read(text).and_then(|r| r.error_text).expect("error text");
            assert_eq!(et.redirect_uri, None, "{text}");
        }
    }

    #[test]
    fn the_older_oidc_wording_names_a_client_id_where_saml_names_its_identifier() {
        let older = "AADSTS50011: The reply URL specified in the request does not match the reply URLs configured for the application: '6731de76-14a6-49ae-97bc-6eba6914391e'. More details: not specified";
        assert!(!is_saml_wording(older));
        // The current SAML wording names the app by its ID too, with its own link.
        assert!(is_saml_wording(&format!(
            "{older} Navigate to https://aka.ms/urlMismatchError to learn more."
        )));
        assert!(is_saml_wording(
            "AADSTS50011: The reply URL specified in the request does not match the reply URLs configured for the application: 'https://sso.contoso.com/saml/metadata'.\nTrace ID: 0f3d2b8e-0a41-4a0e-9b4f-3c1e5a9b2c00"
        ));
    }

    #[test]
    fn the_token_legs_text_gives_both_redirect_uris() {
        let t = "AADSTS70002: Error validating credentials. AADSTS50011: The reply address 'https://a/cb/' does not match the reply address 'https://a/cb' provided when requesting Authorization code.";
        let et = read(t).and_then(|r| r.error_text).expect("error text");
        assert_eq!(et.redirect_uri.as_deref(), Some("https://a/cb"));
        assert_eq!(et.token_redirect_uri.as_deref(), Some("https://a/cb/"));
        let t = "AADSTS50011: The reply address 'https://a/cb/' does not match the reply addresses configured for the application: 'x'.";
        let et = read(t).and_then(|r| r.error_text).expect("error text");
        assert_eq!(et.redirect_uri.as_deref(), Some("https://a/cb/"));
        assert_eq!(et.token_redirect_uri, None);
        // In another language: the two quoted URIs, the token request's first.
        let t = "AADSTS500112: Die Antwortadresse „https://a/cb/“ stimmt nicht mit der Antwortadresse „https://a/cb“ überein.";
        let et = read(t).and_then(|r| r.error_text).expect("error text");
        assert_eq!(et.redirect_uri.as_deref(), Some("https://a/cb"));
        assert_eq!(et.token_redirect_uri.as_deref(), Some("https://a/cb/"));
        // One quoted URI only: no token leg to tell.
        let t = "AADSTS500112: Die Antwortadresse „https://a/cb/“ stimmt nicht überein.";
        let et = read(t).and_then(|r| r.error_text).expect("error text");
        assert_eq!(et.token_redirect_uri, None);
    }

    #[test]
    fn a_raw_request_line_with_its_host_header_is_read() {
        let curl = "* Connected to login.microsoftonline.us port 443\n> GET /common/oauth2/v2.0/authorize?client_id=x&redirect_uri=https%3A%2F%2Fa%2Fcb HTTP/2\n> Host: login.microsoftonline.us\n> User-Agent: curl/8.5.0\n<\n< HTTP/2 200";
        let r = read(curl).expect("read");
        assert_eq!(r.host.as_deref(), Some("login.microsoftonline.us"));
        assert_eq!(r.endpoint, Endpoint::V2);
        assert_eq!(r.redirect_uri(), Some("https://a/cb"));
        let raw = "GET /t/oauth2/authorize?client_id=x&redirect_uri=https%3A%2F%2Fa%2Fcb HTTP/1.1\r\nhost: login.microsoftonline.com\r\n\r\n";
        assert_eq!(read(raw).expect("read").endpoint, Endpoint::V1);
        let h2 = ":authority: login.microsoftonline.com\n:method: GET\n:path: /common/oauth2/v2.0/authorize?client_id=x&redirect_uri=https%3A%2F%2Fa%2Fcb\n:scheme: https";
        assert_eq!(read(h2).expect("read").redirect_uri(), Some("https://a/cb"));
        // A request line without a Host header, or to another path, is not a request.
        assert!(
            read("GET /common/oauth2/v2.0/authorize?client_id=x HTTP/1.1")
                .expect("read")
                .host
                .is_none()
        );
        assert!(!read("GET /index.html HTTP/1.1\nHost: app.contoso.com")
            .expect("read")
            .carries_request());
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

    /// Cuts `s` into lines of `width` characters, as a mail client or a
    /// terminal does.
    fn hard_wrap(s: &str, width: usize) -> String {
        s.as_bytes()
            .chunks(width)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("\n")
    }

    const PKCE_URL: &str = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid%20profile&state=8f1c2a77d1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

    // Regression: the line after the URL was glued onto its last parameter
    // (code_challenge_method=S256Copied).
    #[test]
    fn a_word_or_a_sentence_after_the_url_stays_on_its_own_line() {
        for after in [
            "\nCopied",
            "\n\nWe're unable to complete your request",
            "\nthis is what chrome shows",
            "\n----------",
        ] {
            let r = read(&format!("{PKCE_URL}{after}")).expect("read");
            assert_eq!(r.get("code_challenge_method"), Some("S256"), "{after:?}");
            assert_eq!(r.url, PKCE_URL, "{after:?}");
            assert!(!r.joined_lines, "{after:?}");
        }
    }

    #[test]
    fn urls_hard_wrapped_at_any_width_are_joined() {
        for width in [64, 76, 80, 97, 150] {
            let wrapped = format!("{}\nCopied", hard_wrap(PKCE_URL, width));
            let r = read(&wrapped).expect("read");
            assert!(r.joined_lines, "width {width}");
            assert_eq!(r.url, PKCE_URL, "width {width}");
            assert_eq!(r.redirect_uri(), Some("https://app.contoso.com/cb"));
        }
    }

    #[test]
    fn a_wrap_that_leaves_no_url_syntax_on_the_last_line_is_joined_by_its_width() {
        // The last line is only "256": a first line exactly 80 wide (a common
        // wrap width) says it was cut there, not ended.
        let split = |url: &str| (url[..url.len() - 3].to_string(), url.len() - 3);
        let (first, w) = split(
            "https://login.microsoftonline.us/x/oauth2/v2.0/authorize?code_challenge_method=S256",
        );
        assert_eq!(w, 80);
        let r = read(&format!("{first}\n256")).expect("read");
        assert_eq!(r.get("code_challenge_method"), Some("S256"));
        // 81 wide is no common width: the line stands on its own.
        let (first, w) = split(
            "https://login.microsoftonline.us/xy/oauth2/v2.0/authorize?code_challenge_method=S256",
        );
        assert_eq!(w, 81);
        let r = read(&format!("{first}\n256")).expect("read");
        assert_eq!(r.get("code_challenge_method"), Some("S"));
        // Lines of one width before it: the wrap width of the run, any width.
        let long = format!("{PKCE_URL}&x=yyyyyyyyyy");
        let width = 57;
        assert_eq!(long.len() % width, 3, "the last line is \"yyy\"");
        let r = read(&hard_wrap(&long, width)).expect("read");
        assert_eq!(r.get("x"), Some("yyyyyyyyyy"));
    }

    #[test]
    fn a_break_inside_url_syntax_is_joined_whatever_the_width() {
        let inside_escape = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=abc&redirect_uri=https%3A%2\nF%2Fapp.contoso.com%2Fcb";
        let r = read(inside_escape).expect("read");
        assert_eq!(r.redirect_uri(), Some("https://app.contoso.com/cb"));
        let before_amp = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=abc\n&state=xyz";
        assert_eq!(read(before_amp).expect("read").get("state"), Some("xyz"));
        let concatenated = "\"https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=abc\" +\n  \"xyz&state=s\"";
        let r = read(concatenated).expect("read");
        assert_eq!(r.client_id(), Some("abcxyz"));
        assert_eq!(r.get("state"), Some("s"));
        // A `+` that is an encoded space at the end of a line stays.
        let plus = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=abc&scope=openid+\nprofile&state=s";
        assert_eq!(read(plus).expect("read").scopes(), ["openid", "profile"]);
    }

    #[test]
    fn a_bare_query_on_its_own_line_is_read_without_the_next_line() {
        let r = read("client_id=abc&redirect_uri=https%3A%2F%2Fa.b%2Fc\nCopied").expect("read");
        assert_eq!(r.source, Source::Query);
        assert_eq!(r.redirect_uri(), Some("https://a.b/c"));
    }

    #[test]
    fn of_several_authorize_urls_the_last_is_read_and_the_others_kept() {
        let before = PKCE_URL.replace("%2Fcb", "%2Fcb%2F");
        let log = format!("10:14:03 redirect {before}\n10:15:40 redirect {PKCE_URL}\n");
        let r = read(&log).expect("read");
        assert_eq!(r.redirect_uri(), Some("https://app.contoso.com/cb"));
        assert_eq!(r.count("client_id"), 1, "not merged");
        assert_eq!(r.others, [before]);
        assert_eq!(r.position, 1);
        assert!(!r.chosen_by_error_text);
        // One URL: nothing else kept.
        assert!(read(PKCE_URL).expect("read").others.is_empty());
        // A link to the docs is not an authorize request.
        let r = read(&format!(
            "{PKCE_URL}\nsee https://aka.ms/redirectUriMismatchError"
        ))
        .expect("read");
        assert!(r.others.is_empty());
    }

    #[test]
    fn with_error_text_the_request_that_sent_the_quoted_uri_is_read() {
        let before = PKCE_URL.replace("%2Fcb", "%2Fcb%2F");
        let text = format!("{before}\n{PKCE_URL}\nAADSTS50011: The redirect URI 'https://app.contoso.com/cb/' specified in the request does not match the redirect URIs configured for the application '6731de76-14a6-49ae-97bc-6eba6914391e'.");
        // The text starts with a URL, so it is not read as error text; put the text first.
        let text = format!("Sign in\n{}", text);
        let r = read(&text).expect("read");
        assert!(r.error_text.is_some());
        assert_eq!(r.redirect_uri(), Some("https://app.contoso.com/cb/"));
        assert_eq!(r.position, 0);
        assert!(r.chosen_by_error_text);
    }

    #[test]
    fn a_whole_url_encoded_once_or_twice_in_a_log_is_decoded() {
        let once = uri::form_encode(PKCE_URL);
        let r = read(&format!("warn: Redirecting to {once} (302)")).expect("read");
        assert_eq!(r.decoded_layers, 1);
        assert_eq!(r.url, PKCE_URL);
        assert_eq!(r.redirect_uri(), Some("https://app.contoso.com/cb"));
        assert_eq!(
            r.param("redirect_uri").map(|p| p.raw.as_str()),
            Some("https%3A%2F%2Fapp.contoso.com%2Fcb"),
            "judged as if pasted plain"
        );
        let twice = uri::form_encode(&once);
        let r = read(&format!("GET /proxy?target={twice}&x=1 HTTP/1.1")).expect("read");
        assert_eq!(r.decoded_layers, 2);
        assert_eq!(r.url, PKCE_URL);
        // Bounded: five layers are not undone.
        let five = (0..5).fold(PKCE_URL.to_string(), |s, _| uri::form_encode(&s));
        let r = read(&five).expect("read");
        assert!(!r.carries_request());
    }

    #[test]
    fn an_encoded_url_is_not_decoded_when_a_plain_request_is_there() {
        let inner = uri::form_encode(&PKCE_URL.replace("%2Fcb", "%2Fother"));
        let r = read(&format!("{PKCE_URL}&returnUrl={inner}")).expect("read");
        assert_eq!(r.decoded_layers, 0);
        assert_eq!(r.redirect_uri(), Some("https://app.contoso.com/cb"));
        assert!(r.others.is_empty());
    }
}
