//! Entra's redirect-URI matching rules (reply-url): exact, case-sensitive
//! comparison of the decoded `redirect_uri`, except that the port of
//! `localhost` URIs (http or https) is ignored (not for 127.0.0.1, not for
//! [::1], not on B2C) and a registered wildcard matches per the manifest rules.
//! Everything else — host case, an explicit default port, percent-encoding
//! variants — is a mismatch, and is named so the user sees what differs.

use super::order;
use super::registered::Registration;
use super::report::RedirectStatus;
use super::uri::{self, Uri};

/// How one registered URI compares with the sent one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Byte-for-byte equal.
    Exact,
    /// Equal but for the port of a localhost URI.
    LoopbackPort,
    /// Matched by a wildcard.
    Wildcard,
    /// Different; the kinds of difference, most specific first.
    Differs(Vec<Difference>),
}

impl Verdict {
    /// The redirect status this verdict gives.
    pub fn status(&self) -> RedirectStatus {
        match self {
            Verdict::Exact => RedirectStatus::Exact,
            Verdict::LoopbackPort => RedirectStatus::LoopbackPort,
            Verdict::Wildcard => RedirectStatus::Wildcard,
            Verdict::Differs(_) => RedirectStatus::Mismatch,
        }
    }
}

/// A kind of difference between the sent and a registered URI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Difference {
    /// Only invisible characters differ.
    InvisibleCharacters,
    /// Only look-alike characters differ.
    ConfusableCharacters,
    /// `localhost` on one side, a loopback IP on the other.
    LocalhostVsLoopbackIp,
    /// The scheme differs.
    Scheme,
    /// The host differs only in letter case.
    HostCase,
    /// The host differs.
    Host,
    /// The user information before `@` in the authority differs.
    Userinfo,
    /// One side states the scheme's default port, the other none.
    DefaultPort,
    /// The port differs.
    Port,
    /// Only percent-encoding differs.
    PercentEncoding,
    /// A trailing slash on one side only.
    TrailingSlash,
    /// The path differs only in letter case.
    PathCase,
    /// The path differs.
    Path,
    /// The query differs.
    Query,
    /// The fragment differs.
    Fragment,
}

impl Difference {
    /// The name used in the report's `differences`.
    pub fn as_str(self) -> &'static str {
        match self {
            Difference::InvisibleCharacters => "invisible_characters",
            Difference::ConfusableCharacters => "confusable_characters",
            Difference::LocalhostVsLoopbackIp => "localhost_vs_loopback_ip",
            Difference::Scheme => "scheme",
            Difference::HostCase => "host_case",
            Difference::Host => "host",
            Difference::Userinfo => "userinfo",
            Difference::DefaultPort => "default_port",
            Difference::Port => "port",
            Difference::PercentEncoding => "percent_encoding",
            Difference::TrailingSlash => "trailing_slash",
            Difference::PathCase => "path_case",
            Difference::Path => "path",
            Difference::Query => "query",
            Difference::Fragment => "fragment",
        }
    }
    /// The finding code for this difference.
    pub fn code(self) -> &'static str {
        match self {
            Difference::InvisibleCharacters => "redirect.invisible_characters",
            Difference::ConfusableCharacters => "redirect.confusable_characters",
            Difference::LocalhostVsLoopbackIp => "redirect.localhost_vs_loopback_ip",
            Difference::Scheme => "redirect.scheme_mismatch",
            Difference::HostCase => "redirect.host_case_mismatch",
            Difference::Host | Difference::Userinfo => "redirect.host_mismatch",
            Difference::DefaultPort => "redirect.default_port_explicit",
            Difference::Port => "redirect.port_mismatch",
            Difference::PercentEncoding => "redirect.percent_encoding_mismatch",
            Difference::TrailingSlash => "redirect.trailing_slash_mismatch",
            Difference::PathCase => "redirect.path_case_mismatch",
            Difference::Path => "redirect.path_mismatch",
            Difference::Query => "redirect.query_mismatch",
            Difference::Fragment => "redirect.fragment_present",
        }
    }
    /// Short words for the registered-list view ("differs in …").
    pub fn words(self) -> &'static str {
        match self {
            Difference::InvisibleCharacters => "an invisible character",
            Difference::ConfusableCharacters => "a look-alike character",
            Difference::LocalhostVsLoopbackIp => "localhost vs loopback IP",
            Difference::Scheme => "scheme",
            Difference::HostCase => "host letter case",
            Difference::Host => "host",
            Difference::Userinfo => "user name before '@'",
            Difference::DefaultPort => "explicit default port",
            Difference::Port => "port",
            Difference::PercentEncoding => "percent-encoding",
            Difference::TrailingSlash => "trailing slash",
            Difference::PathCase => "path letter case",
            Difference::Path => "path",
            Difference::Query => "query",
            Difference::Fragment => "fragment",
        }
    }
}

/// One registered URI compared with the sent one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// Index into the registration list.
    pub index: usize,
    /// The verdict.
    pub verdict: Verdict,
    /// Closeness (higher is nearer); used to order the list.
    pub score: u64,
}

/// True when the localhost port exception applies to this pair.
fn localhost_rule(s: &Uri, r: &Uri, b2c: bool) -> bool {
    // reply-url's "Localhost exceptions": the port (its examples are :5001 and :443) is
    // ignored for localhost redirect URIs, whichever of http and https they use. Azure AD B2C
    // takes any port only for a registered localhost URI without one (B2C's
    // add-native-application: "If the registered URI contains a port, Azure AD B2C will use
    // that port only"), and documents that only for http://localhost in desktop apps: a
    // port-less https://localhost is refused (AADB2C90006) for any port.
    (!b2c || (r.port().is_none() && r.scheme_lower() == "http"))
        && s.host() == Some("localhost")
        && r.host() == Some("localhost")
        && s.scheme() == r.scheme()
        && web_scheme(s)
}

fn web_scheme(u: &Uri) -> bool {
    matches!(u.scheme_lower().as_str(), "http" | "https")
}

/// The URI to send instead of `sent` when it differs from the `registered` http://localhost
/// URI in more than the port: the registered one on the sent port, since Entra ignores the port
/// there and the response goes to the port sent (where the app listens). None otherwise.
pub fn on_sent_port(sent: &str, registered: &str, b2c: bool) -> Option<String> {
    let (s, r) = (Uri::new(sent), Uri::new(registered));
    // An app at `http://127.0.0.1:8400` told to send the registered `http://localhost` keeps
    // its port too: the port of the localhost URI it then sends is ignored.
    let loopback_ip = !b2c && (s.is_loopback_v4() || s.is_loopback_v6()) && r.is_localhost();
    if !(localhost_rule(&s, &r, b2c) || loopback_ip) || s.port() == r.port() {
        return None;
    }
    r.with_port(s.port())
}

/// Matches a wildcard host pattern (`*.contoso.com`) against a host: `*`
/// stands for one or more characters that are not `/`.
fn wildcard_host_matches(pattern: &str, host: &str) -> bool {
    let Some((pre, post)) = pattern.split_once('*') else {
        return false;
    };
    if post.contains('*') {
        return false;
    }
    host.len() > pre.len() + post.len()
        && host.starts_with(pre)
        && host.ends_with(post)
        && host
            .get(pre.len()..host.len() - post.len())
            .is_some_and(|mid| !mid.contains('/'))
}

/// Compares the sent URI with one registered URI.
pub fn compare(sent: &str, registered: &str, b2c: bool) -> Verdict {
    compare_split(&Uri::new(sent), &Uri::new(registered), b2c)
}

/// [`compare`] of two already split URIs.
pub fn compare_split(s: &Uri, r: &Uri, b2c: bool) -> Verdict {
    let (sent, registered) = (s.raw, r.raw);
    if sent == registered {
        return Verdict::Exact;
    }
    if localhost_rule(s, r, b2c) && s.without_port() == r.without_port() {
        return Verdict::LoopbackPort;
    }
    if let (Some(rh), Some(sh)) = (r.host(), s.host()) {
        if rh.contains('*') && wildcard_host_matches(rh, sh) {
            // On a wildcard match Entra strips the query and fragment of the
            // sent URI; the rest must be equal.
            let strip = |u: &Uri, raw: &str| {
                let h = u.parts.host.clone().unwrap_or(0..0);
                format!(
                    "{}{}",
                    raw.get(..h.start).unwrap_or(""),
                    raw.get(h.end..u.parts.path.end).unwrap_or("")
                )
            };
            if strip(s, sent) == strip(r, registered) {
                return Verdict::Wildcard;
            }
        }
    }
    Verdict::Differs(differences(s, r, b2c))
}

fn strip_slash(p: &str) -> &str {
    p.strip_suffix('/').unwrap_or(p)
}

/// Lists how two URIs differ, component by component, most specific first.
/// A difference that explains the whole mismatch (invisible characters,
/// look-alikes, percent-encoding) is reported alone.
pub fn differences(s: &Uri, r: &Uri, b2c: bool) -> Vec<Difference> {
    let (sent, reg) = (s.raw, r.raw);
    let plain = uri::is_plain;
    if !plain(sent) || !plain(reg) {
        if uri::strip_invisible(sent) == uri::strip_invisible(reg) {
            return vec![Difference::InvisibleCharacters];
        }
        let fold = |x: &str| uri::skeleton(&uri::strip_invisible(x));
        if fold(sent) == fold(reg)
            || uri::differ_in_composition(&uri::percent_decode(sent), &uri::percent_decode(reg))
        {
            return vec![Difference::ConfusableCharacters];
        }
    }
    if (sent.contains('%') || reg.contains('%'))
        && uri::percent_decode(sent) == uri::percent_decode(reg)
    {
        return vec![Difference::PercentEncoding];
    }
    let mut out = Vec::new();
    if s.scheme() != r.scheme() {
        out.push(Difference::Scheme);
    }
    let (sh, rh) = (s.host().unwrap_or(""), r.host().unwrap_or(""));
    if sh != rh {
        let loopback = |u: &Uri| u.is_loopback_v4() || u.is_loopback_v6();
        if (s.is_localhost() && loopback(r)) || (r.is_localhost() && loopback(s)) {
            out.push(Difference::LocalhostVsLoopbackIp);
        } else if sh.eq_ignore_ascii_case(rh) {
            out.push(Difference::HostCase);
        } else if uri::skeleton(sh) == uri::skeleton(rh) {
            out.push(Difference::ConfusableCharacters);
        } else if uri::strip_invisible(sh) == uri::strip_invisible(rh) {
            out.push(Difference::InvisibleCharacters);
        } else {
            out.push(Difference::Host);
        }
    }
    if sh == rh && s.userinfo() != r.userinfo() {
        out.push(Difference::Userinfo);
    }
    // `LOCALHOST` against `localhost`: the host case is the one difference to fix; once it is
    // fixed the localhost port rule applies, so the port is not listed as a second cause.
    let ignore_port = localhost_rule(s, r, b2c)
        || (!b2c && s.is_localhost() && r.is_localhost() && web_scheme(s) && web_scheme(r));
    if !ignore_port && s.port() != r.port() {
        let default = s.default_port();
        let is_default = |p: Option<&str>| p.is_some() && p == default;
        if (is_default(s.port()) && r.port().is_none())
            || (is_default(r.port()) && s.port().is_none())
        {
            out.push(Difference::DefaultPort);
        } else {
            out.push(Difference::Port);
        }
    }
    let (sp, rp) = (s.path(), r.path());
    if sp != rp {
        if strip_slash(sp) == strip_slash(rp) {
            out.push(Difference::TrailingSlash);
        } else if sp.eq_ignore_ascii_case(rp) {
            out.push(Difference::PathCase);
        } else if uri::percent_decode(sp) == uri::percent_decode(rp) {
            out.push(Difference::PercentEncoding);
        } else if uri::strip_invisible(sp) == uri::strip_invisible(rp) {
            out.push(Difference::InvisibleCharacters);
        } else if uri::skeleton(sp) == uri::skeleton(rp) {
            out.push(Difference::ConfusableCharacters);
        } else {
            out.push(Difference::Path);
        }
    }
    if s.query() != r.query() {
        out.push(Difference::Query);
    }
    if s.fragment() != r.fragment() {
        out.push(Difference::Fragment);
    }
    // An invisible or direction-changing character beside other differences is one more to
    // remove (it would still break the match once the others are fixed).
    let hidden = |x: &str| uri::strip_invisible(x) != x;
    if (!plain(sent) || !plain(reg))
        && (hidden(sent) || hidden(reg))
        && !out.contains(&Difference::InvisibleCharacters)
    {
        out.push(Difference::InvisibleCharacters);
    }
    order::by_key(&mut out, |d| *d as u64);
    out.dedup();
    out
}

/// A string folded for "looks the same to a human": invisible characters
/// dropped, look-alikes mapped to ASCII, lowercase.
fn loose(x: &str) -> String {
    uri::skeleton(&uri::strip_invisible(x)).to_ascii_lowercase()
}

/// `loose(x) == folded`, without building `loose(x)` when `x` is plain ASCII
/// (then stripping and folding change nothing but the case).
fn loose_eq(folded: &str, x: &str) -> bool {
    if uri::is_plain(x) {
        folded.eq_ignore_ascii_case(x)
    } else {
        folded == loose(x)
    }
}

/// The sent URI's folded pieces, computed once for the whole list.
struct Folded {
    whole: String,
    decoded: String,
    host: String,
    path: String,
}

impl Folded {
    fn new(u: &Uri) -> Self {
        Folded {
            whole: loose(u.raw),
            decoded: uri::percent_decode(u.raw),
            host: loose(u.host().unwrap_or("")),
            path: loose(strip_slash(u.path())),
        }
    }
}

/// How close a registered URI is to the sent one, in linear time. Component
/// agreement weighs most (a human compares the same host and path first),
/// then the common prefix and suffix.
fn closeness(s: &Uri, f: &Folded, r: &Uri, b2c: bool) -> u64 {
    let (sent, registered) = (s.raw, r.raw);
    let mut points = 0u64;
    let decoded_eq = if registered.contains('%') {
        f.decoded == uri::percent_decode(registered)
    } else {
        f.decoded == registered
    };
    if loose_eq(&f.whole, registered) || decoded_eq {
        points += 100;
    }
    // `a` is a subdomain of `b` (ASCII case ignored).
    let sub = |a: &str, b: &str| {
        a.len() > b.len() + 1
            && a.as_bytes()[a.len() - b.len() - 1] == b'.'
            && a.get(a.len() - b.len()..)
                .is_some_and(|t| t.eq_ignore_ascii_case(b))
    };
    if loose_eq(&f.host, r.host().unwrap_or("")) {
        points += 40;
    } else if s
        .host()
        .zip(r.host())
        .is_some_and(|(a, b)| sub(a, b) || sub(b, a))
    {
        points += 20;
    }
    if loose_eq(&f.path, strip_slash(r.path())) {
        points += 30;
    }
    if s.scheme()
        .unwrap_or("")
        .eq_ignore_ascii_case(r.scheme().unwrap_or(""))
    {
        points += 10;
    }
    if s.port() == r.port() || localhost_rule(s, r, b2c) {
        points += 10;
    }
    if s.query() == r.query() {
        points += 5;
    }
    let pre = sent
        .bytes()
        .zip(registered.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let suf = sent
        .bytes()
        .rev()
        .zip(registered.bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let common = (pre + suf).min(sent.len().max(registered.len())) as u64;
    let len_gap = sent.len().abs_diff(registered.len()) as u64;
    points * 1_000_000 + common * 1000 + 999u64.saturating_sub(len_gap.min(999))
}

/// Compares the sent URI with every registered URI, nearest first
/// (accepted matches before mismatches; input order breaks ties).
pub fn compare_all(sent: &str, list: &[Registration], b2c: bool) -> Vec<Comparison> {
    let su = Uri::new(sent);
    let folded = Folded::new(&su);
    let mut out: Vec<Comparison> = list
        .iter()
        .enumerate()
        .map(|(index, r)| {
            let ru = Uri::new(&r.uri);
            let verdict = compare_split(&su, &ru, b2c);
            let bonus = match verdict {
                Verdict::Exact => 4,
                Verdict::LoopbackPort => 3,
                Verdict::Wildcard => 2,
                Verdict::Differs(_) => 0,
            };
            let score = bonus * 1_000_000_000_000 + closeness(&su, &folded, &ru, b2c);
            Comparison {
                index,
                verdict,
                score,
            }
        })
        .collect();
    // Nearest first; `order::by_key` is stable, so input order breaks ties.
    order::by_key(&mut out, |c| u64::MAX - c.score);
    out
}

/// The pieces (sent, registered) in which two URIs differ when each is one that text
/// recognition of a screenshot, or a font, confuses (l/1/I, O/0, rn/m, cl/d); None when they
/// differ otherwise, or not at all.
pub fn misread(sent: &str, registered: &str) -> Option<Vec<(&'static str, &'static str)>> {
    const PAIRS: &[(&str, &str)] = &[
        ("l", "1"),
        ("l", "I"),
        ("1", "I"),
        ("o", "0"),
        ("O", "0"),
        ("rn", "m"),
        ("cl", "d"),
    ];
    let (mut x, mut y) = (sent, registered);
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    while !x.is_empty() || !y.is_empty() {
        let (a, b) = (x.chars().next(), y.chars().next());
        if let (Some(a), true) = (a, a == b) {
            (x, y) = (&x[a.len_utf8()..], &y[a.len_utf8()..]);
            continue;
        }
        let (p, q) = PAIRS
            .iter()
            .flat_map(|&(p, q)| [(p, q), (q, p)])
            .find(|(p, q)| x.starts_with(p) && y.starts_with(q))?;
        if !out.contains(&(p, q)) {
            out.push((p, q));
        }
        (x, y) = (&x[p.len()..], &y[q.len()..]);
    }
    (!out.is_empty()).then_some(out)
}

/// True when the differences are few and specific enough to name; otherwise
/// the URI is simply "not registered".
pub fn is_close(d: &[Difference]) -> bool {
    let major = d
        .iter()
        .filter(|x| {
            matches!(
                x,
                Difference::Host
                    | Difference::Userinfo
                    | Difference::Path
                    | Difference::Scheme
                    | Difference::Port
                    | Difference::Query
            )
        })
        .count();
    // `http://127.0.0.1:8400/` against `http://localhost`: one loopback address written
    // another way (the port and the root's slash come with it), not another app.
    let loopback_variant = d.contains(&Difference::LocalhostVsLoopbackIp)
        && d.iter().all(|x| {
            matches!(
                x,
                Difference::LocalhostVsLoopbackIp | Difference::Port | Difference::TrailingSlash
            )
        });
    loopback_variant
        || !d.is_empty()
            && d.len() <= 2
            && !(d.contains(&Difference::Host) && d.contains(&Difference::Path))
            && major <= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::report::Platform;

    fn diffs(a: &str, b: &str) -> Vec<&'static str> {
        match compare(a, b, false) {
            Verdict::Differs(d) => d.iter().map(|d| d.as_str()).collect(),
            v => panic!("expected a mismatch, got {v:?}"),
        }
    }

    /// Characters a screenshot's text recognition confuses are found; any other difference,
    /// or none, is no misreading.
    #[test]
    fn a_loopback_ip_with_a_port_is_close_to_localhost() {
        use Difference::*;
        assert!(is_close(&[LocalhostVsLoopbackIp, Port, TrailingSlash]));
        assert!(!is_close(&[LocalhostVsLoopbackIp, Port, Path]));
        // The app keeps its port when told to send the registered localhost URI.
        assert_eq!(
            on_sent_port("http://127.0.0.1:8400/", "http://localhost", false).as_deref(),
            Some("http://localhost:8400")
        );
        assert_eq!(
            on_sent_port("http://127.0.0.1:8400/", "http://localhost", true),
            None
        );
    }

    #[test]
    fn finds_differences_text_recognition_makes() {
        assert_eq!(
            misread("https://localhost/cb", "https://1ocalhost/cb"),
            Some(vec![("l", "1")])
        );
        assert_eq!(
            misread(
                "https://app.contoso.com/signin-oidc",
                "https://app.contoso.corn/signin-0idc"
            ),
            Some(vec![("m", "rn"), ("o", "0")])
        );
        assert_eq!(misread("https://a/cb", "https://a/cb"), None);
        assert_eq!(misread("https://a/cb", "https://b/cb"), None);
        assert_eq!(misread("https://a/Cb", "https://a/cb"), None);
        assert_eq!(
            misread("https://localhost/cb", "https://1ocalhost/cb/"),
            None
        );
    }

    #[test]
    fn exact_is_byte_equality() {
        assert_eq!(
            compare("https://a.b/cb", "https://a.b/cb", false),
            Verdict::Exact
        );
    }

    #[test]
    fn localhost_port_is_ignored_but_not_elsewhere() {
        assert_eq!(
            compare(
                "http://localhost:49686/MyApp",
                "http://localhost:1234/MyApp",
                false
            ),
            Verdict::LoopbackPort
        );
        assert_eq!(
            compare(
                "http://localhost/MyApp",
                "http://localhost:1234/MyApp",
                false
            ),
            Verdict::LoopbackPort
        );
        assert_eq!(
            diffs("http://127.0.0.1:5000/cb", "http://127.0.0.1:5001/cb"),
            ["port"]
        );
        // The exception names localhost, not a scheme (its examples include :443).
        assert_eq!(
            compare(
                "https://localhost:7071/signin-oidc",
                "https://localhost:44321/signin-oidc",
                false
            ),
            Verdict::LoopbackPort
        );
        // http against https: the scheme is the one difference, not the port.
        assert_eq!(
            diffs(
                "http://localhost:5000/signin-oidc",
                "https://localhost:5001/signin-oidc"
            ),
            ["scheme"]
        );
    }

    #[test]
    fn b2c_does_not_ignore_the_localhost_port() {
        assert!(
            matches!(compare("http://localhost:5001/signin-oidc", "http://localhost:5000/signin-oidc", true), Verdict::Differs(d) if d == [Difference::Port])
        );
    }

    #[test]
    fn names_each_kind_of_difference() {
        assert_eq!(
            diffs("https://a.b/cb/", "https://a.b/cb"),
            ["trailing_slash"]
        );
        assert_eq!(diffs("https://a.b", "https://a.b/"), ["trailing_slash"]);
        assert_eq!(diffs("http://a.b/cb", "https://a.b/cb"), ["scheme"]);
        assert_eq!(diffs("https://A.b/cb", "https://a.b/cb"), ["host_case"]);
        assert_eq!(diffs("https://www.a.b/cb", "https://a.b/cb"), ["host"]);
        assert_eq!(
            diffs("https://a.b:443/cb", "https://a.b/cb"),
            ["default_port"]
        );
        assert_eq!(diffs("https://a.b:8443/cb", "https://a.b/cb"), ["port"]);
        assert_eq!(
            diffs("https://a.b/a%7Eb", "https://a.b/a~b"),
            ["percent_encoding"]
        );
        assert_eq!(diffs("https://a.b/Cb", "https://a.b/cb"), ["path_case"]);
        assert_eq!(diffs("https://a.b/cb?x=1", "https://a.b/cb"), ["query"]);
        assert_eq!(
            diffs("https://a.b/cb", "https://a.b/cb\u{200B}"),
            ["invisible_characters"]
        );
        assert_eq!(
            diffs("https://a.cоm/cb", "https://a.com/cb"),
            ["confusable_characters"]
        );
        assert_eq!(
            diffs("http://127.0.0.1:3000/auth", "http://localhost:3000/auth"),
            ["localhost_vs_loopback_ip"]
        );
        assert_eq!(
            diffs("http://localhost:49686", "http://localhost:1234/MyApp"),
            ["path"]
        );
    }

    #[test]
    fn wildcards_match_one_host_part_and_ignore_the_query() {
        assert_eq!(
            compare(
                "https://team1.contoso.com/cb",
                "https://*.contoso.com/cb",
                false
            ),
            Verdict::Wildcard
        );
        assert_eq!(
            compare(
                "https://team1.contoso.com/cb?x=1",
                "https://*.contoso.com/cb",
                false
            ),
            Verdict::Wildcard
        );
        assert!(matches!(
            compare("https://contoso.com/cb", "https://*.contoso.com/cb", false),
            Verdict::Differs(_)
        ));
        assert!(matches!(
            compare(
                "https://team1.contoso.com/other",
                "https://*.contoso.com/cb",
                false
            ),
            Verdict::Differs(_)
        ));
    }

    #[test]
    fn nearest_prefers_the_same_host_and_path() {
        let reg = |u: &str| Registration {
            uri: u.to_string(),
            platform: Platform::Unknown,
            line: 0,
        };
        let list = [
            reg("https://app.contoso.com/logout"),
            reg("https://app.contoso.com/auth/callback"),
            reg("https://other.fabrikam.com/auth/callback/"),
        ];
        let c = compare_all("https://app.contoso.com/auth/callback/", &list, false);
        assert_eq!(c[0].index, 1);
    }

    #[test]
    fn closeness_decides_what_is_nameable() {
        assert!(is_close(&[Difference::TrailingSlash]));
        assert!(is_close(&[Difference::Scheme]));
        assert!(!is_close(&[Difference::Host, Difference::Path]));
        assert!(!is_close(&[
            Difference::Scheme,
            Difference::Port,
            Difference::Path
        ]));
    }
}
