//! Reads what came back: the URL the browser landed on (`?code=`, `#code=`,
//! `?error=…`), or pasted error text from an app, a log or a sign-in library.

use super::aadsts;
use super::evidence::har;
use super::uri::{self, Uri};

/// The landing URL or error text as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Callback {
    /// The URL, if the input held one.
    pub url: Option<String>,
    /// Parameters from the query, in order.
    pub query: Vec<(String, String)>,
    /// Parameters from the fragment, in order.
    pub fragment: Vec<(String, String)>,
    /// A landing URL read among other lines of free text (its parameters are in `query` and
    /// `fragment`; the text stays free text).
    pub within: Option<String>,
    /// POST body parameters (`code=…&state=…` pasted alone).
    pub body: Vec<(String, String)>,
    /// Every AADSTS code in the text (decoded).
    pub codes: Vec<u32>,
    /// The whole text, decoded once when it was a URL.
    pub text: String,
}

/// Where a response parameter was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The query string.
    Query,
    /// The fragment.
    Fragment,
    /// A form body.
    Body,
}

impl Callback {
    /// A response parameter and where it was.
    pub fn get(&self, name: &str) -> Option<(&str, Place)> {
        fn find<'a>(v: &'a [(String, String)], name: &str) -> Option<&'a str> {
            v.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
        }
        find(&self.query, name)
            .map(|v| (v, Place::Query))
            .or_else(|| find(&self.fragment, name).map(|v| (v, Place::Fragment)))
            .or_else(|| find(&self.body, name).map(|v| (v, Place::Body)))
    }
    /// True when the input carried a URL.
    pub fn is_url(&self) -> bool {
        self.url.is_some()
    }
}

fn pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (uri::form_decode(k).0, uri::form_decode(v).0)
        })
        .collect()
}

/// Entra's error lookup page (`https://login.microsoftonline.com/error?code=50011`, the
/// `error_uri` of every error answer) pasted as the landing URL names an AADSTS code and
/// nothing else: it is read as that code's error text, so a redirect-URI code is judged with
/// the registration and any other code is named with its fix.
/// Returns Entra's address of the page, rebuilt (`https://<host>/error?code=<n>`), and the code.
pub fn entra_error_page(input: &str) -> Option<(String, u32)> {
    let t = input.trim().trim_matches(['"', '\'', '`']).trim();
    if t.contains(char::is_whitespace) {
        return None;
    }
    let u = Uri::new(t);
    // Entra's fixed sign-in hosts only: a tenant's own host (…b2clogin.com) names the tenant.
    let host = u.host()?.to_ascii_lowercase();
    if u.scheme_lower() != "https"
        || u.userinfo().is_some()
        || u.port().is_some()
        || !super::authorize::SIGN_IN_HOSTS.contains(&host.as_str())
        || !u.path().eq_ignore_ascii_case("/error")
    {
        return None;
    }
    // Exactly `?code=<digits>`, as Entra writes it: anything more is not its lookup page.
    let q = pairs(u.query()?);
    let code = match (q.as_slice(), u.fragment()) {
        ([(k, v)], None) if k == "code" && v.bytes().all(|b| b.is_ascii_digit()) => {
            v.parse::<u32>().ok()?
        }
        _ => return None,
    };
    Some((format!("https://{host}/error?code={code}"), code))
}

/// Decoded parameters as text, one `key=value` per line.
fn lines(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The address and form body of a POST pasted as a command or a request: the browser's "Copy
/// as cURL" (bash, or cmd with its `^` escapes) with `--data-raw`/`--data`/`-d`, or a raw
/// request (`POST /signin-oidc HTTP/1.1`, its `Host:`, a blank line, the body). None when the
/// text is neither or the body holds no `name=value`.
fn posted_form(t: &str) -> Option<(Option<String>, String)> {
    let unescaped = t.contains("^\"").then(|| t.replace('^', ""));
    let t = unescaped.as_deref().unwrap_or(t);
    // The quoted (or bare) argument that starts at byte `at`.
    let arg = |at: usize| -> Option<&str> {
        let rest = t.get(at..)?.trim_start().trim_start_matches('$');
        match rest.chars().next()? {
            q @ ('\'' | '"') => rest.get(1..)?.split(q).next(),
            _ => rest.split_whitespace().next(),
        }
    };
    if t.trim_start().to_ascii_lowercase().starts_with("curl ") {
        let body = ["--data-raw", "--data-binary", "--data", "-d"]
            .iter()
            .find_map(|flag| {
                t.match_indices(flag)
                    .find(|(i, _)| t[..*i].ends_with(char::is_whitespace))
                    .and_then(|(i, _)| arg(i + flag.len()))
            })?;
        let url = t
            .split_whitespace()
            .map(|w| w.trim_matches(['\'', '"']))
            .find(|w| w.starts_with("http://") || w.starts_with("https://"))
            .map(str::to_string);
        return body.contains('=').then(|| (url, body.to_string()));
    }
    let (head, body) = t.split_once("\n\n").or_else(|| t.split_once("\r\n\r\n"))?;
    let mut lines = head.lines();
    let mut first = lines.next()?.split_whitespace();
    let (method, target) = (first.next()?, first.next()?);
    if method != "POST" || !target.starts_with('/') || !first.next()?.starts_with("HTTP/") {
        return None;
    }
    let host = lines.find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case("host").then(|| v.trim())
    });
    let body = body.trim();
    (body.contains('=') && !body.contains(char::is_whitespace)).then(|| {
        (
            host.map(|h| format!("https://{h}{target}")),
            body.to_string(),
        )
    })
}

/// Reads the callback box; `None` when it is empty.
pub fn read(input: &str) -> Option<Callback> {
    let t = input
        .trim_start_matches('\u{FEFF}')
        .trim()
        .trim_matches(['"', '\'', '`'])
        .trim();
    if t.is_empty() {
        return None;
    }
    let mut cb = Callback::default();
    let single_line = !t.contains('\n');
    // A landing URL copied out of a log or an HTML page (`&amp;`), as the authorize URL is read.
    let unescaped = single_line.then(|| super::authorize::unescape_copied(t));
    let t = unescaped.as_deref().unwrap_or(t);
    let lower = t.to_ascii_lowercase();
    // An out-of-band redirect URI (`urn:ietf:wg:oauth:2.0:oob`) has no `//`: the address a
    // native library intercepts carries its answer as a query all the same.
    let oob = lower
        .strip_prefix("urn:ietf:wg:oauth:2.0:oob")
        .map(|rest| rest.strip_prefix(":auto").unwrap_or(rest))
        .is_some_and(|rest| rest.starts_with(['?', '#']));
    let is_url = single_line
        && !t.contains(' ')
        && (lower.starts_with("http://")
            || lower.starts_with("https://")
            || t.contains("://")
            || oob);
    if is_url {
        let u = Uri::new(t);
        cb.url = Some(t.to_string());
        if let Some(q) = u.query() {
            cb.query = pairs(q);
        }
        if let Some(f) = u.fragment() {
            cb.fragment = pairs(f.trim_start_matches('/').trim_start_matches('?'));
        }
        cb.text = lines(&[cb.query.as_slice(), cb.fragment.as_slice()].concat());
    } else if single_line && !t.contains(' ') && t.contains('=') {
        // A form_post body or a bare query: code=…&state=…
        cb.body = pairs(t.trim_start_matches('?').trim_start_matches('#'));
        cb.text = lines(&cb.body);
    } else if let Some((url, body)) = posted_form(t) {
        // The browser's "Copy as cURL" or a raw request of the form_post to the app.
        cb.url = url;
        cb.body = pairs(&body);
        cb.text = lines(&cb.body);
    } else if let Some(fields) = form_data_view(t) {
        // The developer tools' Payload view of the form_post (`code: 1.AXo…` per line).
        cb.body = fields;
        cb.text = lines(&cb.body);
    } else if let Some(form) = har::response_form(t) {
        // Entra's form_post page, saved as HTML or copied from the developer tools.
        cb.body = form.fields;
        cb.text = lines(&cb.body);
    } else {
        cb.text = t.to_string();
        // The landing URL among other lines (the browser's error page, a log line): its
        // answer is read; the text stays free text.
        let landing = t
            .split_whitespace()
            .map(|w| w.trim_matches(['"', '\'', '<', '>', '(', ')', ',']))
            // A URL inside a word (`"error_uri":"https://…`) starts at its scheme.
            .map(|w| match w.find("://") {
                Some(at) => {
                    let start = w[..at]
                        .char_indices()
                        .rev()
                        .find(|&(_, c)| {
                            !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                        })
                        .map_or(0, |(i, c)| i + c.len_utf8());
                    w[start..].trim_end_matches(['"', '\'', '}', ']', ','])
                }
                None => w,
            })
            .filter(|w| {
                // Entra's own pages are no landing, but its desktop redirect URI is.
                w.contains("://")
                    && (!har::is_entra_url(w)
                        || Uri::new(w)
                            .without_query_fragment()
                            .ends_with("/oauth2/nativeclient"))
            })
            .map(|w| {
                let u = Uri::new(w);
                let q = u.query().map(pairs).unwrap_or_default();
                let f = u
                    .fragment()
                    .map(|f| pairs(f.trim_start_matches('/').trim_start_matches('?')))
                    .unwrap_or_default();
                (w, q, f)
            })
            .find(|(_, q, f)| {
                q.iter()
                    .chain(f.iter())
                    .any(|(k, _)| k == "code" || k == "error")
            });
        if let Some((w, q, f)) = landing {
            cb.within = Some(w.to_string());
            cb.query = q;
            cb.fragment = f;
        }
    }
    cb.codes = aadsts::codes_in(&cb.text);
    // Entra's error_uri (…/error?code=90014) names the code too, which matters when the
    // error_description was dropped on the way.
    let linked = cb
        .get("error_uri")
        .and_then(|(u, _)| u.split(['?', '&']).find_map(|p| p.strip_prefix("code=")))
        .and_then(|d| d.parse::<u32>().ok());
    if let Some(c) = linked.filter(|c| !cb.codes.contains(c)) {
        cb.codes.push(c);
    }
    // Entra's blocked-access page pasted ("You cannot access this right now"): its More
    // details name the code without the AADSTS prefix (`Error Code: 53003`).
    if cb.codes.is_empty() && cb.url.is_none() {
        cb.codes
            .extend(super::authorize::details_error_code(&cb.text));
    }
    Some(cb)
}

/// The fields of a form as the developer tools' Payload view (Form Data) shows it, one
/// `name: value` per line, when every line is one and one of them is an answer's field.
fn form_data_view(t: &str) -> Option<Vec<(String, String)>> {
    const ANSWER: [&str; 5] = ["code", "error", "id_token", "SAMLResponse", "access_token"];
    let mut fields = Vec::new();
    for line in t.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').or_else(|| line.split_once('\t'))?;
        let name = name.trim();
        if name.is_empty()
            || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            || value.trim().is_empty()
            || value.starts_with("//")
        {
            return None;
        }
        fields.push((name.to_string(), value.trim().to_string()));
    }
    fields
        .iter()
        .any(|(n, _)| ANSWER.contains(&n.as_str()))
        .then_some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The out-of-band redirect URI with its answer (`urn:ietf:wg:oauth:2.0:oob?code=…`) is a
    /// landing URL, though it has no `//`.
    #[test]
    fn an_oob_landing_is_read_as_a_url() {
        let cb = read("urn:ietf:wg:oauth:2.0:oob?code=0.AXoAdR7B&state=s1").expect("read");
        assert_eq!(
            cb.url.as_deref(),
            Some("urn:ietf:wg:oauth:2.0:oob?code=0.AXoAdR7B&state=s1")
        );
        assert_eq!(cb.get("code"), Some(("0.AXoAdR7B", Place::Query)));
        let cb = read("urn:ietf:wg:oauth:2.0:oob:auto?error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent.").expect("read");
        assert_eq!(cb.get("error"), Some(("access_denied", Place::Query)));
        assert_eq!(cb.codes, [65004]);
        // Near misses: another URN, or the oob words run on, is no landing URL.
        for t in [
            "urn:ietf:wg:oauth:2.0:oobx?code=1",
            "urn:example:app?code=1",
        ] {
            assert!(read(t).expect("read").url.is_none(), "{t}");
        }
    }

    #[test]
    fn reads_the_form_data_view_of_the_developer_tools() {
        let cb =
            read("code: 1.AXoAv4j5\nstate: st_8f1c2a77\nsession_state: 00aa11bb").expect("read");
        assert_eq!(cb.get("code"), Some(("1.AXoAv4j5", Place::Body)));
        assert_eq!(cb.get("state"), Some(("st_8f1c2a77", Place::Body)));
        let cb = read("error: access_denied\nerror_description: AADSTS53003: Access has been blocked by Conditional Access policies.").expect("read");
        assert_eq!(cb.codes, [53003]);
        // A URL among the lines is no field: the text is read as free text.
        let cb = read("error: invalid_request\nhttps://app.contoso.com/cb?error=invalid_request")
            .expect("read");
        assert!(cb.body.is_empty());
    }

    #[test]
    fn reads_a_form_post_copied_as_a_command_or_a_request() {
        for text in [
            "curl 'https://app.contoso.com/signin-oidc' \\\n  -H 'content-type: application/x-www-form-urlencoded' \\\n  --data-raw 'code=0.AXo&state=CfDJ8Kx&session_state=1'",
            "curl ^\"https://app.contoso.com/signin-oidc^\" ^\n  -H ^\"origin: https://login.microsoftonline.com^\" ^\n  --data-raw ^\"code=0.AXo^&state=CfDJ8Kx^\"",
            "POST /signin-oidc HTTP/1.1\nHost: app.contoso.com\nContent-Type: application/x-www-form-urlencoded\n\ncode=0.AXo&state=CfDJ8Kx",
        ] {
            let cb = read(text).expect("read");
            assert_eq!(cb.url.as_deref(), Some("https://app.contoso.com/signin-oidc"), "{text}");
            assert_eq!(cb.get("code"), Some(("0.AXo", Place::Body)), "{text}");
            assert_eq!(cb.get("state"), Some(("CfDJ8Kx", Place::Body)), "{text}");
        }
        // Near miss: a GET copied as cURL carries no form.
        assert!(
            read("curl 'https://app.contoso.com/?x=1' -H 'accept: text/html'")
                .is_some_and(|cb| cb.body.is_empty())
        );
    }

    #[test]
    fn reads_an_error_redirect() {
        let cb = read("https://app.contoso.com/cb?error=access_denied&error_description=AADSTS65004%3a+User+declined+to+consent.%0d%0aTrace+ID%3a+1d2e&state=8f1c").expect("read");
        assert_eq!(cb.get("error"), Some(("access_denied", Place::Query)));
        assert_eq!(cb.codes, [65004]);
        assert!(cb
            .get("error_description")
            .is_some_and(|(d, _)| d.starts_with("AADSTS65004: User declined")));
        // Copied out of a log or an HTML page: `&amp;` between the parameters.
        let cb = read("https://app.contoso.com/cb?error=access_denied&amp;error_description=AADSTS65004&amp;state=8f1c").expect("read");
        assert_eq!(cb.get("state"), Some(("8f1c", Place::Query)));
        assert_eq!(cb.get("error"), Some(("access_denied", Place::Query)));
    }

    #[test]
    fn reads_a_fragment_response() {
        let cb = read("http://localhost:3000/#code=0.AX&client_info=eyJ&state=abc&session_state=x")
            .expect("read");
        assert_eq!(cb.get("code"), Some(("0.AX", Place::Fragment)));
        assert_eq!(cb.get("state"), Some(("abc", Place::Fragment)));
    }

    #[test]
    fn reads_a_form_body_and_free_text() {
        let cb = read("code=0.AX&state=s1").expect("read");
        assert_eq!(cb.get("code"), Some(("0.AX", Place::Body)));
        let cb = read("BrowserAuthError: hash_empty_error: Hash value cannot be processed because it is empty.").expect("read");
        assert!(cb.url.is_none());
        assert!(cb.text.contains("hash_empty_error"));
        assert!(read("  ").is_none());
    }

    #[test]
    fn a_form_post_page_and_a_landing_url_among_lines_are_read() {
        let cb = read(r#"<html><body><form method="POST" name="hiddenform" action="https://app.contoso.com/signin-oidc"><input type="hidden" name="error" value="access_denied" /><input type="hidden" name="error_description" value="AADSTS50105: The signed in user &#39;bob&#39; is not assigned." /><input type="hidden" name="state" value="s1" /></form></body></html>"#).expect("read");
        assert_eq!(cb.get("error"), Some(("access_denied", Place::Body)));
        assert_eq!(cb.codes, [50105]);
        assert!(cb.url.is_none());
        let cb = read("This site can't be reached\nlocalhost refused to connect.\nhttp://localhost:3000/auth/callback?code=0.AX&state=s1\nERR_CONNECTION_REFUSED").expect("read");
        assert_eq!(cb.get("code"), Some(("0.AX", Place::Query)));
        assert!(cb.url.is_none() && cb.text.contains("ERR_CONNECTION_REFUSED"));
        assert_eq!(
            cb.within.as_deref(),
            Some("http://localhost:3000/auth/callback?code=0.AX&state=s1")
        );
        // Near misses: Entra's own links and a URL without an answer are not a landing URL.
        let cb = read("AADSTS50011: The redirect URI does not match.\nMore: https://login.microsoftonline.com/error?code=50011 and https://aka.ms/redirectUriMismatchError").expect("read");
        assert!(cb.get("code").is_none() && cb.query.is_empty());
        let cb = read("Landed on:\nhttps://login.microsoftonline.com/common/oauth2/nativeclient?code=0.AX&state=s1").expect("read");
        assert_eq!(cb.get("code"), Some(("0.AX", Place::Query)));
    }

    #[test]
    fn the_code_in_error_uri_is_read() {
        let cb = read("https://app.contoso.com/cb?error=invalid_request&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d90014&state=s").expect("read");
        assert_eq!(cb.codes, [90014]);
        // Named once when error_description gives it too; a code= elsewhere is not read.
        let cb = read("https://app.contoso.com/cb?error=invalid_request&error_description=AADSTS90014%3a+x&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d90014").expect("read");
        assert_eq!(cb.codes, [90014]);
        let cb = read("https://app.contoso.com/cb?code=12345&state=s").expect("read");
        assert!(cb.codes.is_empty());
    }
}
