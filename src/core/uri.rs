//! A raw-preserving URI splitter (RFC 3986 Appendix B) and the character
//! classes the matcher cares about.
//!
//! Components are byte ranges into the original string, so the diff and the
//! UI can point at exact bytes. Nothing is normalised here: `url::Url` is only
//! consulted by [`is_absolute_uri`] to ask whether a string is a valid
//! absolute URI.

use std::ops::Range;

/// The components of a URI as byte ranges into the original string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UriParts {
    /// The scheme, without `:`.
    pub scheme: Option<Range<usize>>,
    /// Everything between `//` and the path.
    pub authority: Option<Range<usize>>,
    /// The host inside the authority (brackets kept for IPv6).
    pub host: Option<Range<usize>>,
    /// The port digits, without `:`.
    pub port: Option<Range<usize>>,
    /// The path (may be empty).
    pub path: Range<usize>,
    /// The query, without `?`.
    pub query: Option<Range<usize>>,
    /// The fragment, without `#`.
    pub fragment: Option<Range<usize>>,
}

/// Splits `s` per RFC 3986 Appendix B. Never fails: any string has a split.
pub fn split(s: &str) -> UriParts {
    let b = s.as_bytes();
    let mut parts = UriParts::default();
    let mut i = 0;
    // scheme: [^:/?#]+ followed by ':'
    if let Some(colon) = b
        .iter()
        .position(|&c| matches!(c, b':' | b'/' | b'?' | b'#'))
    {
        if b[colon] == b':' && colon > 0 {
            parts.scheme = Some(0..colon);
            i = colon + 1;
        }
    }
    // authority: '//' [^/?#]*
    if b.get(i..i + 2) == Some(b"//") {
        let start = i + 2;
        let end = b[start..]
            .iter()
            .position(|&c| matches!(c, b'/' | b'?' | b'#'))
            .map_or(b.len(), |p| start + p);
        parts.authority = Some(start..end);
        let host_start = b[start..end]
            .iter()
            .rposition(|&c| c == b'@')
            .map_or(start, |p| start + p + 1);
        let hostport = &b[host_start..end];
        // The port follows the last ':' unless that ':' sits inside [v6].
        let close = hostport.iter().rposition(|&c| c == b']');
        let colon = hostport.iter().rposition(|&c| c == b':');
        match (colon, close) {
            (Some(c), Some(br)) if c < br => {
                parts.host = Some(host_start..end);
            }
            (Some(c), _) => {
                parts.host = Some(host_start..host_start + c);
                parts.port = Some(host_start + c + 1..end);
            }
            (None, _) => parts.host = Some(host_start..end),
        }
        i = end;
    }
    let path_end = first_of(s.get(i..).unwrap_or(""), '?', '#').map_or(b.len(), |p| i + p);
    parts.path = i..path_end;
    i = path_end;
    if b.get(i) == Some(&b'?') {
        let end = s
            .get(i + 1..)
            .and_then(|q| q.find('#'))
            .map_or(b.len(), |p| i + 1 + p);
        parts.query = Some(i + 1..end);
        i = end;
    }
    if b.get(i) == Some(&b'#') {
        parts.fragment = Some(i + 1..b.len());
    }
    parts
}

/// The index of the first `x` or `y` in `s` (`str::find` scans a word at a
/// time; paths and queries are long and rarely hold either).
fn first_of(s: &str, x: char, y: char) -> Option<usize> {
    let first_x = s.find(x);
    let before = first_x.and_then(|i| s.get(..i)).unwrap_or(s);
    before.find(y).or(first_x)
}

/// A split URI together with its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uri<'a> {
    /// The original string.
    pub raw: &'a str,
    /// Its components.
    pub parts: UriParts,
}

impl<'a> Uri<'a> {
    /// Splits `raw`.
    pub fn new(raw: &'a str) -> Self {
        Uri {
            raw,
            parts: split(raw),
        }
    }
    fn get(&self, r: &Option<Range<usize>>) -> Option<&'a str> {
        r.clone().and_then(|r| self.raw.get(r))
    }
    /// The scheme, as written.
    pub fn scheme(&self) -> Option<&'a str> {
        self.get(&self.parts.scheme)
    }
    /// The user information before `@` in the authority, as written.
    pub fn userinfo(&self) -> Option<&'a str> {
        let (a, h) = (self.parts.authority.as_ref()?, self.parts.host.as_ref()?);
        if h.start > a.start {
            self.raw.get(a.start..h.start - 1)
        } else {
            None
        }
    }
    /// The host, as written (brackets kept for IPv6).
    pub fn host(&self) -> Option<&'a str> {
        self.get(&self.parts.host)
    }
    /// The port digits, as written.
    pub fn port(&self) -> Option<&'a str> {
        self.get(&self.parts.port)
    }
    /// The path, as written.
    pub fn path(&self) -> &'a str {
        self.raw.get(self.parts.path.clone()).unwrap_or("")
    }
    /// The query, as written.
    pub fn query(&self) -> Option<&'a str> {
        self.get(&self.parts.query)
    }
    /// The fragment, as written.
    pub fn fragment(&self) -> Option<&'a str> {
        self.get(&self.parts.fragment)
    }
    /// The lowercase scheme.
    pub fn scheme_lower(&self) -> String {
        self.scheme().unwrap_or("").to_ascii_lowercase()
    }
    /// True when the host is exactly `localhost` (any case).
    pub fn is_localhost(&self) -> bool {
        self.host()
            .is_some_and(|h| h.eq_ignore_ascii_case("localhost"))
    }
    /// True when the host is an IPv4 loopback address (127.0.0.0/8).
    pub fn is_loopback_v4(&self) -> bool {
        self.host().is_some_and(|h| {
            let octets: Vec<&str> = h.split('.').collect();
            octets.len() == 4
                && octets[0] == "127"
                && octets
                    .iter()
                    .all(|o| !o.is_empty() && o.parse::<u8>().is_ok())
        })
    }
    /// True when the host is the IPv6 loopback `[::1]` (any spelling).
    pub fn is_loopback_v6(&self) -> bool {
        self.host().is_some_and(|h| {
            h.strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .and_then(|h| h.parse::<std::net::Ipv6Addr>().ok())
                .is_some_and(|a| a.is_loopback())
        })
    }
    /// The URI with the port (and its colon) removed, for the localhost rule.
    pub fn without_port(&self) -> String {
        match &self.parts.port {
            Some(p) => {
                let mut s = String::with_capacity(self.raw.len());
                s.push_str(self.raw.get(..p.start.saturating_sub(1)).unwrap_or(""));
                s.push_str(self.raw.get(p.end..).unwrap_or(""));
                s
            }
            None => self.raw.to_string(),
        }
    }
    /// The URI with `port` as its port (None: without one); None when it has no host.
    pub fn with_port(&self, port: Option<&str>) -> Option<String> {
        let host = self.parts.host.as_ref()?;
        let (cut, rest) = match &self.parts.port {
            Some(p) => (p.start.saturating_sub(1), p.end),
            None => (host.end, host.end),
        };
        let mut s = String::with_capacity(self.raw.len() + 6);
        s.push_str(self.raw.get(..cut)?);
        if let Some(p) = port {
            s.push(':');
            s.push_str(p);
        }
        s.push_str(self.raw.get(rest..)?);
        Some(s)
    }
    /// Scheme, host and port (`http://127.0.0.1:5000`), as written.
    pub fn origin(&self) -> String {
        let rest = self.without_query_fragment();
        let start = rest.find("://").map_or(0, |i| i + 3);
        let end = rest
            .get(start..)
            .and_then(|r| r.find('/'))
            .map_or(rest.len(), |i| start + i);
        rest.get(..end).unwrap_or(rest).to_string()
    }

    /// Everything before the query and fragment.
    pub fn without_query_fragment(&self) -> &'a str {
        self.raw.get(..self.parts.path.end).unwrap_or(self.raw)
    }
    /// The default port of the scheme (443 for https, 80 for http).
    pub fn default_port(&self) -> Option<&'static str> {
        match self.scheme_lower().as_str() {
            "https" => Some("443"),
            "http" => Some("80"),
            _ => None,
        }
    }
}

/// True when `s` is a valid absolute URI (has a scheme and parses).
pub fn is_absolute_uri(s: &str) -> bool {
    is_absolute(&Uri::new(s))
}

/// [`is_absolute_uri`] of an already split URI.
pub fn is_absolute(u: &Uri) -> bool {
    let s = u.raw;
    let Some(scheme) = u.scheme() else {
        return false;
    };
    if !scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return false;
    }
    let blank = if is_plain(s) {
        false
    } else if s.is_ascii() {
        s.bytes()
            .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    } else {
        s.chars().any(|c| c.is_whitespace() || c.is_control())
    };
    if blank {
        return false;
    }
    let http = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    if http && u.host().is_none_or(str::is_empty) {
        return false;
    }
    if http && simple_http(u) {
        return true; // what url::Url::parse would accept, decided without it
    }
    // The wasm build carries no Unicode host tables (IDNs are not supported in
    // redirect URIs anyway, and are reported on their own), so a non-ASCII
    // host is checked for syntax with its letters replaced by ASCII ones.
    match u.parts.host.clone() {
        Some(h) if u.host().is_some_and(|x| !x.is_ascii()) => {
            let host: String = s
                .get(h.clone())
                .unwrap_or("")
                .chars()
                .map(|c| if c.is_ascii() { c } else { 'a' })
                .collect();
            let ascii = format!(
                "{}{host}{}",
                s.get(..h.start).unwrap_or(""),
                s.get(h.end..).unwrap_or("")
            );
            url::Url::parse(&ascii).is_ok()
        }
        _ => url::Url::parse(s).is_ok(),
    }
}

/// True when every byte is printable ASCII other than space (no invisible,
/// look-alike or control character can hide in it). Checked 16 bytes at a time
/// without a branch per byte, as most inputs are plain.
pub fn is_plain(s: &str) -> bool {
    s.as_bytes().chunks(16).all(|chunk| {
        chunk
            .iter()
            .fold(true, |ok, &b| ok & (b.wrapping_sub(0x21) < 0x5e))
    })
}

/// The ASCII bytes allowed as they are after the authority of a URL: graphic,
/// except `"` `<` `>` `\\` `^` `` ` `` `{` `|` `}` (one table lookup per byte).
const URL_CODE_POINT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_graphic()
            && !matches!(
                c,
                b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}'
            );
        b += 1;
    }
    t
};

/// An http(s) URI made only of plain ASCII host labels, a port below 65536
/// and URL code points in the rest: valid without a full parse.
fn simple_http(u: &Uri) -> bool {
    let host_ok = u.host().is_some_and(|h| {
        !h.is_empty()
            && h.len() <= 253
            && h.split('.').all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
            && h.bytes().any(|b| b.is_ascii_alphabetic())
    });
    let port_ok = u
        .port()
        .is_none_or(|p| p.is_empty() || (p.len() <= 5 && p.parse::<u16>().is_ok()));
    let userinfo = u
        .parts
        .authority
        .clone()
        .and_then(|a| u.raw.get(a))
        .is_some_and(|a| a.contains('@'));
    let rest_ok = u
        .raw
        .get(u.parts.path.start..)
        .unwrap_or("")
        .bytes()
        .all(|b| URL_CODE_POINT[usize::from(b)]);
    host_ok && port_ok && !userinfo && rest_ok
}

/// Characters Entra does not support in a redirect URI (reply-url, "Restrictions").
pub fn unsupported(c: char) -> bool {
    matches!(c, '!' | '$' | '\'' | '(' | ')' | ',' | ';')
}

/// The name of an invisible or layout-changing character, if `c` is one.
pub fn invisible_name(c: char) -> Option<&'static str> {
    if c.is_ascii_graphic() {
        return None; // the common case, decided without the table below
    }
    Some(match c {
        '\u{00A0}' => "NO-BREAK SPACE",
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{034F}' => "COMBINING GRAPHEME JOINER",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => "HANGUL FILLER",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{2000}'..='\u{200A}' => "SPACE (typographic)",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{202F}' => "NARROW NO-BREAK SPACE",
        '\u{205F}' => "MEDIUM MATHEMATICAL SPACE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}'..='\u{2064}' => "INVISIBLE OPERATOR",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{3000}' => "IDEOGRAPHIC SPACE",
        '\u{FE00}'..='\u{FE0F}' => "VARIATION SELECTOR",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (BOM)",
        '\u{FFFC}' => "OBJECT REPLACEMENT CHARACTER",
        '\u{E0000}'..='\u{E007F}' => "TAG CHARACTER",
        ' ' => "SPACE",
        '\t' => "CHARACTER TABULATION",
        '\n' => "LINE FEED",
        '\r' => "CARRIAGE RETURN",
        c if c.is_control() => "CONTROL CHARACTER",
        _ => return None,
    })
}

/// `text` with each invisible or direction-changing character (as [`invisible_name`] names
/// them, but for the space, tab and line breaks that text holds) written as `⟨U+202E⟩`; `None`
/// when it has none.
pub fn show_hidden(text: &str) -> Option<String> {
    let hidden = |c: char| !matches!(c, ' ' | '\n' | '\t' | '\r') && invisible_name(c).is_some();
    if !text.chars().any(hidden) {
        return None;
    }
    Some(
        text.chars()
            .map(|c| match hidden(c) {
                true => format!("⟨U+{:04X}⟩", u32::from(c)),
                false => c.to_string(),
            })
            .collect(),
    )
}

/// The ASCII letter a look-alike character imitates, if `c` is one
/// (a small table of the Cyrillic, Greek and full-width look-alikes of UTS #39).
pub fn confusable_ascii(c: char) -> Option<char> {
    if c.is_ascii() {
        return None;
    }
    Some(match c {
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'һ' => 'h',
        'ӏ' => 'l',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'ο' => 'o',
        'α' => 'a',
        'ν' => 'v',
        'ι' => 'i',
        'κ' => 'k',
        'ρ' => 'p',
        'τ' => 't',
        'υ' => 'u',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'ɡ' => 'g',
        'ı' => 'i',
        'ℓ' => 'l',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => '-',
        '\u{2044}' | '\u{2215}' => '/',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21)?,
        _ => return None,
    })
}

/// The text with every invisible character removed.
pub fn strip_invisible(s: &str) -> String {
    if is_plain(s) {
        return s.to_string();
    }
    s.chars().filter(|&c| invisible_name(c).is_none()).collect()
}

/// The text with every look-alike replaced by the ASCII it imitates.
pub fn skeleton(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    s.chars()
        .map(|c| confusable_ascii(c).unwrap_or(c))
        .collect()
}

/// Whether `a` and `b` differ only in how accented Latin letters are written: one character
/// (é, U+00E9, Unicode's composed form NFC) or a letter and a combining accent (e + U+0301,
/// NFD). The two look the same and are different characters.
pub fn differ_in_composition(a: &str, b: &str) -> bool {
    let combining = |c: char| ('\u{0300}'..='\u{036F}').contains(&c);
    // Latin-1's accented letters, each as its base letter.
    const BASE: &str = "AAAAAAACEEEEIIIIDNOOOOO×OUUUUYÞsaaaaaaaceeeeiiiidnooooo÷ouuuuyþy";
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|&c| !combining(c))
            .map(|c| match u32::from(c) {
                n @ 0xC0..=0xFF => BASE.chars().nth((n - 0xC0) as usize).unwrap_or(c),
                _ => c,
            })
            .collect()
    };
    a != b && (a.chars().any(combining) || b.chars().any(combining)) && fold(a) == fold(b)
}

/// Percent-decodes `s` once (no `+` handling); invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Decodes a form value: `+` is a space, then percent-decoding.
/// Returns the text and whether the bytes were valid UTF-8.
pub fn form_decode(s: &str) -> (String, bool) {
    let plus = s.replace('+', " ");
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(&plus).collect();
    match String::from_utf8(bytes) {
        Ok(t) => (t, true),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), false),
    }
}

/// Encodes a value for a query string (everything but unreserved characters).
pub fn form_encode(s: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(s, SET).to_string()
}

/// True when `s` is a GUID in 8-4-4-4-12 hex form.
/// True for an address of the device code flow (the endpoint that issues the code, or the page
/// where the user enters it): that flow uses no redirect URI.
pub fn is_device_code(url: &str) -> bool {
    let u = Uri::new(url);
    let path = u.path().trim_end_matches('/').to_ascii_lowercase();
    let host = u.host().unwrap_or("").to_ascii_lowercase();
    // A body line wrapped onto the endpoint (`…/devicecodeclient_id=…`) keeps its prefix.
    path.contains("/oauth2/v2.0/devicecode")
        || path.contains("/oauth2/devicecode")
        || path.ends_with("/deviceauth")
        || path == "/devicelogin"
        || (host == "login.microsoft.com" && path == "/device")
}

/// A launch link of My Apps (the user's app portal): it starts an app's sign-in, SAML
/// IdP-initiated or the app's own sign-on URL, and is not a sign-in request itself.
pub fn is_my_apps_launch(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    matches!(
        host.as_str(),
        "launcher.myapps.microsoft.com"
            | "myapps.microsoft.com"
            | "myapplications.microsoft.com"
            | "account.activedirectory.windowsazure.com"
    )
}

pub fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_and_decomposed_accents_are_told_apart() {
        assert!(differ_in_composition("/caf\u{e9}", "/cafe\u{301}"));
        assert!(differ_in_composition(
            "/\u{c9}t\u{e9}",
            "/E\u{301}te\u{301}"
        ));
        // Near misses: the same form, another letter, and no combining mark at all.
        assert!(!differ_in_composition("/cafe\u{301}", "/cafe\u{301}"));
        assert!(!differ_in_composition("/caf\u{e9}", "/cafa\u{301}"));
        assert!(!differ_in_composition("/caf\u{e9}", "/cafe"));
    }

    #[test]
    fn is_plain_rejects_any_space_control_or_non_ascii_byte_at_any_offset() {
        let base = "https://app.contoso.com/auth/callback/".repeat(3);
        assert!(is_plain(&base));
        assert!(is_plain(""));
        for i in 0..base.len() {
            for bad in [" ", "\t", "\u{7f}", "\u{200b}", "é"] {
                let mut s = base.clone();
                s.insert_str(i, bad);
                assert!(!is_plain(&s), "{bad:?} at {i}");
            }
        }
    }

    #[test]
    fn split_finds_query_and_fragment_at_any_offset() {
        for n in 0..40 {
            let path = "p".repeat(n);
            let raw = format!("https://h/{path}?q=1#f");
            let u = Uri::new(&raw);
            assert_eq!(u.path(), format!("/{path}"));
            assert_eq!(u.query(), Some("q=1"));
            assert_eq!(u.fragment(), Some("f"));
            let raw = format!("https://h/{path}#a?b");
            let u = Uri::new(&raw);
            assert_eq!(u.query(), None);
            assert_eq!(u.fragment(), Some("a?b"));
        }
    }

    #[test]
    fn splits_a_full_uri_into_raw_components() {
        let u = Uri::new("https://user@App.Contoso.com:8443/a/b/?x=1&y#frag");
        assert_eq!(u.scheme(), Some("https"));
        assert_eq!(u.host(), Some("App.Contoso.com"));
        assert_eq!(u.port(), Some("8443"));
        assert_eq!(u.path(), "/a/b/");
        assert_eq!(u.query(), Some("x=1&y"));
        assert_eq!(u.fragment(), Some("frag"));
    }

    #[test]
    fn splits_ipv6_hosts_and_custom_schemes() {
        let u = Uri::new("http://[::1]:5000/cb");
        assert_eq!(u.host(), Some("[::1]"));
        assert_eq!(u.port(), Some("5000"));
        assert!(u.is_loopback_v6());
        let u = Uri::new("http://[::1]/cb");
        assert_eq!(u.port(), None);
        let u = Uri::new("msauth.com.contoso.app://auth");
        assert_eq!(u.scheme(), Some("msauth.com.contoso.app"));
        assert_eq!(u.host(), Some("auth"));
        let u = Uri::new("urn:ietf:wg:oauth:2.0:oob");
        assert_eq!(u.scheme(), Some("urn"));
        assert_eq!(u.host(), None);
    }

    #[test]
    fn splits_strings_that_are_not_uris_without_failing() {
        for s in [
            "",
            ":",
            "//",
            "?#",
            "app.contoso.com/cb",
            "héllo wörld",
            "::::",
            "a:b:c",
        ] {
            let u = Uri::new(s);
            let _ = (u.scheme(), u.host(), u.path(), u.query(), u.fragment());
        }
        assert_eq!(Uri::new("app.contoso.com/cb").scheme(), None);
    }

    #[test]
    fn localhost_port_can_be_removed() {
        assert_eq!(
            Uri::new("http://localhost:1234/MyApp").without_port(),
            "http://localhost/MyApp"
        );
        assert_eq!(
            Uri::new("http://localhost/x").without_port(),
            "http://localhost/x"
        );
    }

    #[test]
    fn loopback_v4_is_the_whole_127_block_only() {
        assert!(Uri::new("http://127.0.0.1:5000/").is_loopback_v4());
        assert!(Uri::new("http://127.1.2.3/").is_loopback_v4());
        assert!(!Uri::new("http://127.0.0.1.nip.io/").is_loopback_v4());
        assert!(!Uri::new("http://128.0.0.1/").is_loopback_v4());
    }

    #[test]
    fn absolute_uri_check() {
        assert!(is_absolute_uri("https://app.contoso.com/cb"));
        assert!(is_absolute_uri(
            "msal6731de76-14a6-49ae-97bc-6eba6914391e://auth"
        ));
        assert!(is_absolute_uri("urn:ietf:wg:oauth:2.0:oob"));
        assert!(is_absolute_uri("https://app.cоntoso.com/cb"));
        assert!(is_absolute_uri("https://bücher.example/cb"));
        assert!(!is_absolute_uri("Enter_Your_URL"));
        assert!(!is_absolute_uri("/signin-oidc"));
        assert!(!is_absolute_uri("https%3A%2F%2Fapp.contoso.com"));
        assert!(!is_absolute_uri("https:///cb"));
        assert!(!is_absolute_uri("https://app.contoso.com/a b"));
        assert!(!is_absolute_uri(""));
    }

    #[test]
    fn invisible_and_confusable_tables() {
        assert_eq!(invisible_name('\u{200B}'), Some("ZERO WIDTH SPACE"));
        assert_eq!(invisible_name('a'), None);
        assert_eq!(confusable_ascii('о'), Some('o'));
        assert_eq!(confusable_ascii('o'), None);
        assert_eq!(skeleton("app.cоntoso.com"), "app.contoso.com");
        assert_eq!(strip_invisible("a\u{200B}b"), "ab");
        assert_eq!(confusable_ascii('Ａ'), Some('A'));
    }

    #[test]
    fn form_decoding_handles_plus_and_bad_utf8() {
        assert_eq!(form_decode("a+b%20c"), ("a b c".to_string(), true));
        let (t, ok) = form_decode("%FF%FE");
        assert!(!ok);
        assert!(t.contains('\u{FFFD}'));
        assert_eq!(form_decode("%"), ("%".to_string(), true));
        assert_eq!(
            form_encode("https://a.b/c?d=e f"),
            "https%3A%2F%2Fa.b%2Fc%3Fd%3De%20f"
        );
    }

    #[test]
    fn guid_check() {
        assert!(is_guid("6731de76-14a6-49ae-97bc-6eba6914391e"));
        assert!(!is_guid("6731de76-14a6-49ae-97bc-6eba6914391"));
        assert!(!is_guid("Enter_Your_Appid"));
        assert!(!is_guid("6731de7614a649ae97bc6eba6914391e"));
    }
}
