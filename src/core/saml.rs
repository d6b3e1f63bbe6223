//! SAML sign-in requests. A SAML app's AADSTS50011 ('The reply URL specified in the request
//! does not match the reply URLs configured for the application') compares the
//! `AssertionConsumerServiceURL` of the app's `AuthnRequest` with the app's Reply URLs
//! (Basic SAML Configuration; the application's Web redirect URIs). The request reaches
//! Entra's `/saml2` endpoint as `SAMLRequest`: base64 of the raw-deflated XML in a URL (the
//! redirect binding), base64 of the XML itself in a form (the POST binding). Both, the bare
//! base64 value and the decoded XML are read here, so the reply URL can be compared.

use base64::alphabet::STANDARD;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;

use super::uri;

/// The largest XML inflated from a SAMLRequest (real ones are a few KB).
const MAX_XML: usize = 256 * 1024;

/// What a SAML request says about where the response goes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SamlRequest {
    /// The `AssertionConsumerServiceURL` attribute: the reply URL asked for (none: Entra
    /// uses the app's default Reply URL).
    pub acs_url: Option<String>,
    /// The request's `ID` attribute.
    pub id: Option<String>,
    /// The request holds a `Subject` element (Entra refuses one).
    pub has_subject: bool,
    /// `RequestedAuthnContext`'s `Comparison` attribute, when given.
    pub comparison: Option<String>,
    /// The value was in Base64's URL-safe alphabet ('-', '_'), which the SAML bindings do not use.
    pub url_safe: bool,
    /// The `Issuer`: the app's identifier (Entity ID) as the service provider sends it.
    pub issuer: Option<String>,
    /// The `/saml2` URL the request was sent to, when one was pasted.
    pub url: Option<String>,
    /// True when the request was given encoded (a `SAMLRequest` value), not as XML.
    pub encoded: bool,
    /// The XML of the `AuthnRequest` start tag and the issuer, for the reading note.
    pub xml: String,
}

/// The SAML request in `text`: a URL or form body with `SAMLRequest=`, its bare base64
/// value, or the decoded `AuthnRequest` XML.
pub fn read(text: &str) -> Option<SamlRequest> {
    if let Some((at, value)) = saml_value(text) {
        let mut req = decode(value)?;
        req.url = url_before(text, at).or_else(|| form_action(text));
        return Some(req);
    }
    if text.contains("AuthnRequest") && text.contains('<') {
        return from_xml(text);
    }
    // The bare value, as a SAML tracer or a log shows it.
    let t = text.trim();
    let b64 = t.len() >= 40
        && t.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(b, b'+' | b'/' | b'=' | b'%' | b'-' | b'_' | b'\r' | b'\n')
        });
    if b64 {
        return decode(t);
    }
    None
}

/// True when `text` carries a SAML `LogoutRequest` (a sign-out, which names no reply URL)
/// rather than an `AuthnRequest`.
pub fn is_logout_request(text: &str) -> bool {
    let xml = match saml_value(text) {
        Some((_, value)) => decode_xml(value),
        None if text.contains('<') => Some(text.to_string()),
        None => None,
    };
    xml.is_some_and(|x| x.contains("LogoutRequest") && !x.contains("AuthnRequest"))
}

/// Where `SAMLRequest` is named in `text` and its value: `SAMLRequest=…` (a URL, a form body),
/// `SAMLRequest: …` (the developer tools' Form Data view, a log) or `name="SAMLRequest"
/// value="…"` (the auto-posting form of a service provider's page).
fn saml_value(text: &str) -> Option<(usize, &str)> {
    const KEY: &str = "samlrequest";
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower.get(from..)?.find(KEY) {
        let at = from + i;
        from = at + KEY.len();
        let rest = text.get(from..)?;
        let quoted = rest.strip_prefix(['"', '\'']);
        let r = quoted.unwrap_or(rest).trim_start_matches([' ', '\t']);
        let value = r
            .strip_prefix('=')
            .or_else(|| r.strip_prefix(':'))
            .or_else(|| rest.starts_with('\t').then_some(r))
            .or_else(|| quoted.and_then(|_| r.strip_prefix("value=")));
        let Some(v) = value.map(|v| v.trim_start_matches([' ', '\t', '"', '\''])) else {
            continue;
        };
        let end = v
            .find(|c: char| matches!(c, '&' | '"' | '\'' | '<' | '>') || c.is_whitespace())
            .unwrap_or(v.len());
        if end > 0 {
            return Some((at, &v[..end]));
        }
    }
    None
}

/// The `action` of an HTML form in `text` (where an auto-posting form sends its SAMLRequest).
fn form_action(text: &str) -> Option<String> {
    let at = find_ci(text, "action=")? + "action=".len();
    let rest = text.get(at..)?.trim_start_matches(['"', '\'']);
    let end = rest.find(['"', '\'', ' ', '>']).unwrap_or(rest.len());
    let url = rest.get(..end)?;
    url.contains("://").then(|| url.replace("&amp;", "&"))
}

/// What a SAML response's `Status` says: Success or not, the status codes (their last
/// segments, outermost first: `Responder/AuthnFailed`) and the `StatusMessage`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseStatus {
    /// True for `urn:oasis:names:tc:SAML:2.0:status:Success`.
    pub success: bool,
    /// The status codes' last segments, joined with '/'.
    pub codes: String,
    /// The `StatusMessage`, when there is one.
    pub message: Option<String>,
}

/// The title of a finding for a SAML response that carries an error status (a landing or a
/// HAR), which later steps recognise it by.
pub(crate) const ERROR_RESPONSE_TITLE: &str = "Entra's SAML response carries an error";

/// The status of a `SAMLResponse` value (base64 of the XML; POST binding). `None` when it does
/// not decode to a response with a status.
pub fn response_status(value: &str) -> Option<ResponseStatus> {
    let xml = decode_xml(value)?;
    let mut codes = Vec::new();
    let mut from = 0;
    while let Some(i) = xml.get(from..)?.find("StatusCode") {
        let at = from + i;
        from = at + "StatusCode".len();
        let tag = start_tag(xml.get(at..)?);
        if let Some(v) = attribute(tag, "Value") {
            codes.push(v.rsplit(':').next().unwrap_or("").to_string());
        }
        if codes.len() == 3 {
            break;
        }
    }
    let first = codes.first()?;
    Some(ResponseStatus {
        success: first == "Success",
        message: element_text(&xml, "StatusMessage"),
        codes: codes.join("/"),
    })
}

/// A `SAMLResponse` value that holds only `status` (no assertion, no one's identity): what a
/// share link keeps of a failed response, so the colleague sees the same error. Addresses in
/// the message are replaced.
pub fn status_only(status: &ResponseStatus) -> String {
    use base64::engine::general_purpose::STANDARD as B64;
    let esc = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    // Only what this reader reads, flat: a share link has to fit a chat message.
    let mut xml = String::new();
    for c in status.codes.split('/') {
        xml.push_str(&format!(r#"<StatusCode Value="{}"/>"#, esc(c)));
    }
    // The message's last AADSTS sentence, which says what to change (an unsupported request
    // property, the user not assigned; the ones before it are general), without its trace
    // and correlation IDs, addresses replaced; its codes before it as codes alone.
    if let Some(m) = &status.message {
        let m = m.find(" Trace ID:").and_then(|i| m.get(..i)).unwrap_or(m);
        let codes = super::aadsts::codes_in(m);
        let last = m.rfind("AADSTS").and_then(|i| m.get(i..)).unwrap_or(m);
        let earlier: Vec<String> = codes
            .iter()
            .take(codes.len().saturating_sub(1))
            .map(|c| format!("AADSTS{c}"))
            .collect();
        let last: String = last.chars().take(140).collect();
        let m = if earlier.is_empty() {
            last
        } else {
            format!("{} {last}", earlier.join(" "))
        };
        let kept = m
            .split(' ')
            .map(|w| {
                if w.contains('@') {
                    "user@redacted.invalid"
                } else {
                    w
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        xml.push_str(&format!("<StatusMessage>{}</StatusMessage>", esc(&kept)));
    }
    B64.encode(xml)
}

/// Decodes a `SAMLRequest` value: percent-decoding (up to twice), base64, then raw deflate
/// (redirect binding) or none (POST binding).
fn decode(value: &str) -> Option<SamlRequest> {
    if let Some(xml) = decode_xml(value) {
        let mut req = from_xml(&xml)?;
        req.encoded = true;
        return Some(req);
    }
    // Base64's URL-safe alphabet ('-', '_'): read, and said, as Entra reads the standard one.
    let standard: String = value
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    let mut req = from_xml(&decode_xml(&standard)?)?;
    req.encoded = true;
    req.url_safe = standard != value;
    Some(req)
}

/// The XML of a SAML message value: percent-decoded (up to twice), base64-decoded, then
/// inflated when it was deflated.
fn decode_xml(value: &str) -> Option<String> {
    let mut v = value.to_string();
    for _ in 0..2 {
        if v.contains('%') {
            v = uri::percent_decode(&v);
        }
    }
    // Line breaks wrap base64; a space is a '+' that a form decoding turned into one.
    let v: String = v
        .chars()
        .filter(|c| !matches!(c, '\r' | '\n' | '\t'))
        .map(|c| if c == ' ' { '+' } else { c })
        .collect();
    let engine = GeneralPurpose::new(
        &STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let bytes = engine.decode(v.as_bytes()).ok()?;
    let xml = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_XML)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .or_else(|| {
            miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes, MAX_XML)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
        })
        .or_else(|| String::from_utf8(bytes).ok())?;
    Some(xml)
}

/// The URL that carries `SAMLRequest=` at byte `at` of `text`, from its scheme.
fn url_before(text: &str, at: usize) -> Option<String> {
    let head = text.get(..at)?;
    let start = head.rfind("https://").or_else(|| head.rfind("http://"))?;
    let url = head.get(start..)?;
    if url.contains(char::is_whitespace) {
        return None;
    }
    let end = text
        .get(start..)?
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>'))
        .map_or(text.len(), |e| start + e);
    text.get(start..end).map(str::to_string)
}

/// Reads the `AuthnRequest` start tag and the `Issuer` of a SAML request's XML.
fn from_xml(xml: &str) -> Option<SamlRequest> {
    let tag_at = xml
        .match_indices("AuthnRequest")
        .map(|(i, _)| i)
        .find(|&i| {
            // `<AuthnRequest` or `<samlp:AuthnRequest`, not `</…` or an attribute value.
            let before = name_window(xml, i);
            let open = before.rfind('<');
            open.is_some_and(|o| {
                let name = before.get(o + 1..).unwrap_or("");
                !name.starts_with('/')
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-'))
            })
        })?;
    let tag = start_tag(xml.get(tag_at..)?);
    let issuer = element_text(xml, "Issuer");
    let acs_url = attribute(tag, "AssertionConsumerServiceURL");
    let tag_start = xml
        .get(..tag_at)
        .and_then(|b| b.rfind('<'))
        .unwrap_or(tag_at);
    let mut shown = format!("<{}", xml.get(tag_start + 1..tag_at).unwrap_or(""));
    // A real start tag is a few hundred bytes; a runaway one is shown cut.
    let mut cut = tag.len().min(4096);
    while !tag.is_char_boundary(cut) {
        cut -= 1;
    }
    shown.push_str(tag.get(..cut).unwrap_or(""));
    shown.push_str(if cut < tag.len() { "…" } else { ">" });
    if let Some(i) = &issuer {
        shown.push_str(&format!("\n  <Issuer>{i}</Issuer>"));
    }
    let id = attribute(tag, "ID");
    let has_subject = xml.match_indices("Subject").any(|(i, _)| {
        let before = name_window(xml, i);
        before.rfind('<').is_some_and(|o| {
            let name = before.get(o + 1..).unwrap_or("");
            !name.starts_with('/') && (name.is_empty() || name.ends_with(':'))
        }) && xml
            .get(i + "Subject".len()..)
            .and_then(|r| r.chars().next())
            .is_some_and(|c| c == '>' || c.is_whitespace())
    });
    let comparison = xml
        .find("RequestedAuthnContext")
        .and_then(|i| xml.get(i..))
        .map(start_tag)
        .and_then(|t| attribute(t, "Comparison"));
    Some(SamlRequest {
        acs_url,
        id,
        has_subject,
        comparison,
        url_safe: false,
        issuer,
        url: None,
        encoded: false,
        xml: shown,
    })
}

/// The few bytes before `at` where an element's `<prefix:` stands: looking no further keeps
/// a text of many lookalike names linear.
fn name_window(xml: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(64);
    while !xml.is_char_boundary(from) {
        from += 1;
    }
    xml.get(from..at).unwrap_or("")
}

/// The start tag from its name to (not including) its closing `>`, quotes respected.
fn start_tag(s: &str) -> &str {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return s.get(..i).unwrap_or(s).trim_end_matches('/'),
            _ => {}
        }
    }
    s
}

/// An attribute's value in a start tag, XML entities undone.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = tag.get(from..)?.find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = tag
            .get(..at)
            .and_then(|b| b.chars().next_back())
            .is_some_and(char::is_whitespace);
        let rest = tag.get(from..)?.trim_start();
        let Some(rest) = rest.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let q = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let body = rest.get(1..)?;
        let end = body.find(q)?;
        return Some(unescape(body.get(..end)?).to_string());
    }
    None
}

/// The text of the first element named `local` (any namespace prefix).
fn element_text(xml: &str, local: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = xml.get(from..)?.find(local) {
        let at = from + i;
        from = at + local.len();
        let before = name_window(xml, at);
        let Some(open) = before.rfind('<') else {
            continue;
        };
        let prefix = before.get(open + 1..)?;
        let is_open = !prefix.starts_with('/')
            && prefix
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-'))
            && (prefix.is_empty() || prefix.ends_with(':'));
        let after = xml.get(from..)?;
        if !is_open || !after.starts_with([' ', '>', '\t', '\n', '\r']) {
            continue;
        }
        let body = after.get(after.find('>')? + 1..)?;
        let text = body.get(..body.find('<')?)?;
        let text = unescape(text).trim().to_string();
        return (!text.is_empty()).then_some(text);
    }
    None
}

/// Undoes XML's predefined entities and character references.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i + 1..).unwrap_or("");
        let end = after.find(';').filter(|&e| e <= 8);
        let entity = end.and_then(|e| after.get(..e)).unwrap_or("");
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e => e.strip_prefix('#').and_then(|n| {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(h) => u32::from_str_radix(h, 16).ok(),
                    None => n.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match (ch, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = after.get(e + 1..).unwrap_or("");
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD as B64;

    const XML: &str = r#"<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_8e8dc5f69a98cc4c1ff3427e5ce34606fd672f91e6" Version="2.0" IssueInstant="2026-12-01T10:00:00Z" Destination="https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/saml2" AssertionConsumerServiceURL="https://sso.contoso.com/saml/acs?tenant=a&amp;x=1" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://sso.contoso.com/saml/metadata</saml:Issuer></samlp:AuthnRequest>"#;

    fn redirect_binding(xml: &str) -> String {
        let deflated = miniz_oxide::deflate::compress_to_vec(xml.as_bytes(), 9);
        let b64 = B64.encode(deflated);
        format!(
            "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/saml2?SAMLRequest={}&RelayState=%2Fhome",
            uri::form_encode(&b64)
        )
    }

    #[test]
    fn reads_the_redirect_binding_url() {
        let url = redirect_binding(XML);
        let r = read(&format!("Redirecting to {url} now")).expect("saml");
        assert_eq!(
            r.acs_url.as_deref(),
            Some("https://sso.contoso.com/saml/acs?tenant=a&x=1")
        );
        assert_eq!(
            r.issuer.as_deref(),
            Some("https://sso.contoso.com/saml/metadata")
        );
        assert!(r.encoded);
        assert_eq!(r.url.as_deref(), Some(url.as_str()));
        assert!(r.xml.starts_with("<samlp:AuthnRequest "), "{}", r.xml);
    }

    #[test]
    fn reads_the_form_data_view_and_an_auto_posting_form() {
        let b64 = B64.encode(XML);
        let view = format!("SAMLRequest: {b64}\nRelayState: /home");
        let form = format!("<form method=\"post\" action=\"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/saml2\"><input type=\"hidden\" name=\"SAMLRequest\" value=\"{b64}\"/></form>");
        for text in [view.as_str(), form.as_str()] {
            let r = read(text).expect("saml");
            assert_eq!(
                r.acs_url.as_deref(),
                Some("https://sso.contoso.com/saml/acs?tenant=a&x=1"),
                "{text}"
            );
        }
        assert_eq!(
            read(&form).and_then(|r| r.url).as_deref(),
            Some("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/saml2")
        );
        // The word alone is no request.
        assert!(read("The SAMLRequest was missing from the query").is_none());
    }

    #[test]
    fn a_logout_request_is_told_apart() {
        let logout = r#"<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1" Version="2.0"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://sso.contoso.com</saml:Issuer></samlp:LogoutRequest>"#;
        assert!(read(&redirect_binding(logout)).is_none());
        assert!(is_logout_request(&redirect_binding(logout)));
        assert!(!is_logout_request(&redirect_binding(XML)));
    }

    #[test]
    fn reads_the_post_binding_the_bare_value_and_the_xml() {
        let post = format!(
            "SAMLRequest={}&RelayState=abc",
            uri::form_encode(&B64.encode(XML))
        );
        let bare = B64.encode(XML);
        for text in [post.as_str(), bare.as_str(), XML] {
            let r = read(text).expect("saml");
            assert_eq!(
                r.acs_url.as_deref(),
                Some("https://sso.contoso.com/saml/acs?tenant=a&x=1"),
                "{text}"
            );
        }
    }

    #[test]
    fn a_request_without_a_reply_url_and_near_misses() {
        let no_acs = XML.replace(
            " AssertionConsumerServiceURL=\"https://sso.contoso.com/saml/acs?tenant=a&amp;x=1\"",
            "",
        );
        let r = read(&no_acs).expect("saml");
        assert_eq!(r.acs_url, None);
        assert_eq!(
            r.issuer.as_deref(),
            Some("https://sso.contoso.com/saml/metadata")
        );
        // Not SAML: an OAuth URL, prose naming the element, broken base64.
        assert_eq!(
            read("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=a"),
            None
        );
        assert_eq!(read("the AuthnRequest has no reply URL"), None);
        assert_eq!(read("SAMLRequest=%%%notbase64"), None);
        assert_eq!(read(&"A".repeat(64)), None);
    }

    fn failed_with_address() -> ResponseStatus {
        ResponseStatus {
            success: false,
            codes: "Responder/AuthnFailed".into(),
            message: Some("AADSTS50105: user adele@contoso.com is not assigned & <x>".into()),
        }
    }

    #[test]
    fn reads_a_response_s_status() {
        let resp = |status: &str| {
            B64.encode(format!(r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1" Version="2.0"><samlp:Status>{status}</samlp:Status></samlp:Response>"#))
        };
        let ok = response_status(&resp(
            r#"<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>"#,
        ))
        .expect("status");
        assert!(ok.success);
        let failed = response_status(&resp(r#"<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/></samlp:StatusCode><samlp:StatusMessage>AADSTS75011: Authentication method 'X509, MultiFactor' by which the user authenticated with the service doesn't match requested authentication method 'Password, ProtectedTransport'.</samlp:StatusMessage>"#)).expect("status");
        assert!(!failed.success);
        assert_eq!(failed.codes, "Responder/AuthnFailed");
        assert!(failed
            .message
            .is_some_and(|m| m.starts_with("AADSTS75011:")));
        // A share keeps the status alone, addresses replaced.
        let kept = status_only(&failed_with_address());
        let back = response_status(&kept).expect("status");
        assert_eq!(back.codes, "Responder/AuthnFailed");
        assert_eq!(
            back.message.as_deref(),
            Some("AADSTS50105: user user@redacted.invalid is not assigned & <x>")
        );
        let mut plain = failed_with_address();
        plain.message = Some("Denied for adele@contoso.com & <x>".into());
        let back = response_status(&status_only(&plain)).expect("status");
        assert_eq!(
            back.message.as_deref(),
            Some("Denied for user@redacted.invalid & <x>")
        );
        // Not a response with a status.
        assert_eq!(response_status(&B64.encode(XML)), None);
        assert_eq!(response_status("not base64 at all!"), None);
    }

    #[test]
    fn reading_hostile_text_never_panics() {
        for t in [
            "<AuthnRequest",
            "<x:AuthnRequest AssertionConsumerServiceURL=\"",
            "<AuthnRequest a='>",
            "SAMLRequest=",
            "&#xFFFFFFFF;<AuthnRequest AssertionConsumerServiceURL=\"&#1114112;&amp\">",
            "<Issuer>",
        ] {
            let _ = read(t);
            let _ = unescape(t);
        }
        assert_eq!(
            unescape("a&amp;b&#x41;&#66;&bogus;&"),
            "a&bA B&bogus;&".replace(' ', "")
        );
    }
}
