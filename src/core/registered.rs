//! Reads the app registration's redirect URIs: a plain list, a copy of the
//! portal's Authentication page (platform headings), `web:`/`spa:`/`public:`
//! prefixes, or JSON (Graph `application`, the legacy manifest, `az ad app
//! show`, a bare array).

use serde_json::Value;

use super::report::Platform;

/// One registered redirect URI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registration {
    /// The URI exactly as registered.
    pub uri: String,
    /// Its platform.
    pub platform: Platform,
    /// The 1-based line of the input it came from (0 for JSON).
    pub line: usize,
}

/// The sign-in audience (`signInAudience`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Audience {
    /// This organisation only.
    MyOrg,
    /// Any organisation.
    MultipleOrgs,
    /// Any organisation and personal Microsoft accounts.
    OrgsAndPersonal,
    /// Personal Microsoft accounts only.
    PersonalOnly,
    /// Not given.
    #[default]
    Unknown,
}

impl Audience {
    /// Reads a `signInAudience` value or a portal phrase.
    pub fn parse(s: &str) -> Audience {
        let l = s.trim().to_ascii_lowercase();
        match l.as_str() {
            "azureadmyorg" | "myorg" | "single" | "singletenant" => Audience::MyOrg,
            "azureadmultipleorgs" | "multipleorgs" | "multitenant" => Audience::MultipleOrgs,
            "azureadandpersonalmicrosoftaccount" | "orgsandpersonal" => Audience::OrgsAndPersonal,
            "personalmicrosoftaccount" | "personal" => Audience::PersonalOnly,
            _ if l.contains("personal microsoft accounts only") => Audience::PersonalOnly,
            _ if l.contains("organizational directory")
                && l.contains("personal microsoft account") =>
            {
                Audience::OrgsAndPersonal
            }
            _ if l.contains("this organizational directory only")
                || l.contains("single tenant") =>
            {
                Audience::MyOrg
            }
            _ if l.contains("any organizational directory") || l.contains("multitenant") => {
                Audience::MultipleOrgs
            }
            _ => Audience::Unknown,
        }
    }
    /// The `signInAudience` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::MyOrg => "AzureADMyOrg",
            Audience::MultipleOrgs => "AzureADMultipleOrgs",
            Audience::OrgsAndPersonal => "AzureADandPersonalMicrosoftAccount",
            Audience::PersonalOnly => "PersonalMicrosoftAccount",
            Audience::Unknown => "unknown",
        }
    }
    /// True when personal Microsoft accounts can sign in.
    pub fn includes_personal(self) -> bool {
        matches!(self, Audience::OrgsAndPersonal | Audience::PersonalOnly)
    }
    /// The most redirect URIs Entra allows for this audience.
    pub fn max_uris(self) -> usize {
        if self.includes_personal() {
            100
        } else {
            256
        }
    }
}

/// A problem reading the registered box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadProblem {
    /// What went wrong, in words.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// The registration as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Registered {
    /// The redirect URIs in input order.
    pub uris: Vec<Registration>,
    /// The sign-in audience, if the input carried it.
    pub audience: Audience,
    /// The application (client) ID, if the input carried it.
    pub app_id: Option<String>,
    /// `web.implicitGrantSettings.enableIdTokenIssuance`, if given.
    pub id_token_issuance: Option<bool>,
    /// `web.implicitGrantSettings.enableAccessTokenIssuance`, if given.
    pub access_token_issuance: Option<bool>,
    /// `isFallbackPublicClient` / `allowPublicClient`, if given.
    pub public_client_flows: Option<bool>,
    /// True when the input was JSON.
    pub from_json: bool,
    /// True when the format says which platform each URI is on.
    pub has_platforms: bool,
    /// What could not be read.
    pub problems: Vec<ReadProblem>,
}

impl Registered {
    /// The URIs registered under one platform.
    pub fn on(&self, platform: Platform) -> Vec<&str> {
        self.uris
            .iter()
            .filter(|r| r.platform == platform)
            .map(|r| r.uri.as_str())
            .collect()
    }
}

/// Reads the registered box. Empty input gives an empty registration.
pub fn read(input: &str) -> Registered {
    let t = input.trim_start_matches('\u{FEFF}').trim();
    if t.starts_with('{') || t.starts_with('[') {
        return read_json(t);
    }
    read_lines(input)
}

fn platform_of_type(t: &str) -> Platform {
    match t.trim().to_ascii_lowercase().as_str() {
        "web" => Platform::Web,
        "spa" | "singlepageapplication" | "single-page application" => Platform::Spa,
        "installedclient" | "publicclient" | "native" | "public" | "mobile" => {
            Platform::PublicClient
        }
        _ => Platform::Unknown,
    }
}

fn read_json(t: &str) -> Registered {
    let mut reg = Registered {
        from_json: true,
        ..Registered::default()
    };
    let v: Value = match serde_json::from_str(t) {
        Ok(v) => v,
        Err(e) => {
            reg.problems.push(ReadProblem {
                message: format!("this is not valid JSON: {e}"),
                line: e.line(),
                column: e.column(),
            });
            return reg;
        }
    };
    // A Graph list response wraps applications in `value`.
    let v = match v.get("value").and_then(Value::as_array) {
        Some(arr) if arr.iter().all(Value::is_object) && !arr.is_empty() => arr[0].clone(),
        _ => v,
    };
    match &v {
        Value::Array(items) => {
            for item in items {
                push_json_item(&mut reg, item, Platform::Unknown);
            }
            reg.has_platforms = reg.uris.iter().any(|r| r.platform != Platform::Unknown);
        }
        Value::Object(_) => read_app_object(&mut reg, &v),
        _ => reg.problems.push(ReadProblem {
            message: "expected a JSON object (an application) or an array of URIs".into(),
            line: 1,
            column: 1,
        }),
    }
    if reg.uris.is_empty() && reg.problems.is_empty() && !reg.has_platforms {
        reg.problems.push(ReadProblem {
            message: "no redirect URIs found in this JSON (looked for web.redirectUris, spa.redirectUris, publicClient.redirectUris, replyUrlsWithType, replyUrls)".into(),
            line: 1,
            column: 1,
        });
    }
    reg
}

fn push_json_item(reg: &mut Registered, item: &Value, platform: Platform) {
    match item {
        Value::String(s) => reg.uris.push(Registration {
            uri: s.clone(),
            platform,
            line: 0,
        }),
        Value::Object(o) => {
            let url = o
                .get("url")
                .or_else(|| o.get("uri"))
                .and_then(Value::as_str);
            let ty = o.get("type").and_then(Value::as_str).map(platform_of_type);
            if let Some(url) = url {
                reg.uris.push(Registration {
                    uri: url.to_string(),
                    platform: ty.unwrap_or(platform),
                    line: 0,
                });
            }
        }
        _ => reg.problems.push(ReadProblem {
            message: format!("a redirect URI entry is not a string: {item}"),
            line: 1,
            column: 1,
        }),
    }
}

fn read_app_object(reg: &mut Registered, v: &Value) {
    let str_of = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    reg.app_id = str_of("appId");
    if let Some(a) = str_of("signInAudience") {
        reg.audience = Audience::parse(&a);
    }
    let mut platforms_seen = false;
    for (key, platform) in [
        ("web", Platform::Web),
        ("spa", Platform::Spa),
        ("publicClient", Platform::PublicClient),
    ] {
        if let Some(obj) = v.get(key).filter(|o| o.is_object()) {
            platforms_seen = true;
            if let Some(list) = obj.get("redirectUris").and_then(Value::as_array) {
                for item in list {
                    push_json_item(reg, item, platform);
                }
            }
            if key == "web" {
                let igs = obj.get("implicitGrantSettings");
                reg.id_token_issuance = igs
                    .and_then(|g| g.get("enableIdTokenIssuance"))
                    .and_then(Value::as_bool);
                reg.access_token_issuance = igs
                    .and_then(|g| g.get("enableAccessTokenIssuance"))
                    .and_then(Value::as_bool);
            }
        }
    }
    if let Some(list) = v.get("replyUrlsWithType").and_then(Value::as_array) {
        platforms_seen = true;
        for item in list {
            push_json_item(reg, item, Platform::Unknown);
        }
    } else if let Some(list) = v.get("replyUrls").and_then(Value::as_array) {
        for item in list {
            push_json_item(reg, item, Platform::Unknown);
        }
    }
    // A bare platform object such as {"redirectUris": [...]}.
    if let Some(list) = v.get("redirectUris").and_then(Value::as_array) {
        for item in list {
            push_json_item(reg, item, Platform::Unknown);
        }
    }
    if reg.id_token_issuance.is_none() {
        reg.id_token_issuance = v
            .get("oauth2AllowIdTokenImplicitFlow")
            .and_then(Value::as_bool);
    }
    if reg.access_token_issuance.is_none() {
        reg.access_token_issuance = v.get("oauth2AllowImplicitFlow").and_then(Value::as_bool);
    }
    reg.public_client_flows = v
        .get("isFallbackPublicClient")
        .or_else(|| v.get("allowPublicClient"))
        .and_then(Value::as_bool);
    reg.has_platforms = platforms_seen;
}

/// Portal headings that start a platform section.
fn heading_platform(line: &str) -> Option<Option<Platform>> {
    // Every heading is short; a URI line is not one.
    if line.len() > 64 || line.contains("://") {
        return None;
    }
    let l = line
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_ascii_lowercase();
    Some(match l.as_str() {
        "web" => Some(Platform::Web),
        "single-page application" | "single page application" | "spa" => Some(Platform::Spa),
        "mobile and desktop applications"
        | "mobile and desktop application"
        | "ios / macos"
        | "ios/macos"
        | "ios"
        | "macos"
        | "android"
        | "public client/native (mobile & desktop)"
        | "public client"
        | "mobile and desktop" => Some(Platform::PublicClient),
        // Sections whose URIs are not redirect URIs.
        "front-channel logout url" | "logout url" | "front-channel logout urls" => None,
        _ => return None,
    })
}

/// Portal lines that carry no URI.
fn is_noise(line: &str) -> bool {
    let t = line.trim();
    if t.len() > 64 && !t.starts_with('#') && !t.starts_with("//") {
        return false; // longer than any portal label
    }
    let l = t.to_ascii_lowercase();
    l.is_empty()
        || l.starts_with('#')
        || l.starts_with("//")
        || matches!(
            l.as_str(),
            "redirect uris"
                | "platform configurations"
                | "add uri"
                | "add a platform"
                | "save"
                | "discard"
                | "delete"
                | "quickstart"
                | "docs"
                | "ok"
        )
}

/// Strips list bullets, numbering, quotes and trailing commas from a line.
fn clean_line(line: &str) -> &str {
    let mut s = line.trim();
    for bullet in ["- ", "* ", "• ", "· ", "+ ", "– ", "— "] {
        if let Some(r) = s.strip_prefix(bullet) {
            s = r.trim_start();
        }
    }
    // "1. x" / "1) x"
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        if let Some(r) = s[digits..]
            .strip_prefix(". ")
            .or_else(|| s[digits..].strip_prefix(") "))
        {
            s = r.trim_start();
        }
    }
    s = s.trim_end_matches(',').trim_end();
    for q in ['"', '\'', '`'] {
        if let Some(r) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            s = r;
        }
    }
    s
}

/// A `web:` / `spa:` / `public:` prefix.
fn prefixed(line: &str) -> Option<(Platform, &str)> {
    let (p, rest) = line.split_once(':')?;
    if rest.starts_with("//") {
        return None;
    }
    let platform = match p.trim().to_ascii_lowercase().as_str() {
        "web" => Platform::Web,
        "spa" => Platform::Spa,
        "public" | "publicclient" | "native" | "mobile" | "desktop" | "installedclient" => {
            Platform::PublicClient
        }
        _ => return None,
    };
    Some((platform, rest.trim()))
}

/// True when a cleaned line looks like a URI someone meant to register.
fn looks_like_uri(s: &str) -> bool {
    if s.contains("://") {
        return true;
    }
    if s.contains(char::is_whitespace) {
        return false;
    }
    // urn:…, or host/path without a scheme (kept so it can be judged).
    s.to_ascii_lowercase().starts_with("urn:") || (s.contains('.') && s.contains('/'))
}

fn read_lines(input: &str) -> Registered {
    let mut reg = Registered::default();
    let mut section: Option<Platform> = Some(Platform::Unknown);
    for (i, raw_line) in input.lines().enumerate() {
        let line_no = i + 1;
        if let Some(h) = heading_platform(raw_line) {
            section = h;
            reg.has_platforms |= h.is_some();
            continue;
        }
        if !raw_line.contains("://") {
            let aud = Audience::parse(raw_line);
            if aud != Audience::Unknown {
                reg.audience = aud;
                continue;
            }
        }
        if is_noise(raw_line) {
            continue;
        }
        let cleaned = clean_line(raw_line);
        let (platform, text) = match prefixed(cleaned) {
            Some((p, rest)) => {
                reg.has_platforms = true;
                (Some(p), clean_line(rest))
            }
            None => (section, cleaned),
        };
        // A table copy: "https://x/cb   Web".
        let spaced = text.as_bytes().contains(&b' ') || text.as_bytes().contains(&b'\t');
        let split = if spaced {
            text.rsplit_once(['\t', ' '])
        } else {
            None
        };
        let (platform, text) = match split {
            Some((uri, ty))
                if platform_of_type(ty) != Platform::Unknown && looks_like_uri(uri.trim()) =>
            {
                reg.has_platforms = true;
                (Some(platform_of_type(ty)), uri.trim())
            }
            _ => (platform, text),
        };
        let Some(platform) = platform else {
            continue; // inside a logout-URL section
        };
        if looks_like_uri(text) {
            reg.uris.push(Registration {
                uri: text.to_string(),
                platform,
                line: line_no,
            });
        } else if text.contains("://") || text.contains(":/") {
            reg.problems.push(ReadProblem {
                message: format!("line {line_no} was not read as a URI: {text}"),
                line: line_no,
                column: 1,
            });
        }
    }
    reg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_plain_list_with_bullets_comments_and_commas() {
        let r = read("# prod\n- https://a.contoso.com/cb,\n\n* 'https://b.contoso.com/cb'\n1. https://c.contoso.com/cb\n");
        let uris: Vec<_> = r.uris.iter().map(|u| u.uri.as_str()).collect();
        assert_eq!(
            uris,
            [
                "https://a.contoso.com/cb",
                "https://b.contoso.com/cb",
                "https://c.contoso.com/cb"
            ]
        );
        assert!(r.uris.iter().all(|u| u.platform == Platform::Unknown));
        assert_eq!(r.uris[0].line, 2);
    }

    #[test]
    fn reads_portal_headings() {
        let r = read("Platform configurations\n\nWeb\nRedirect URIs\nhttps://api.contoso.com/signin-oidc\nFront-channel logout URL\nhttps://api.contoso.com/signout\n\nSingle-page application\nRedirect URIs\nhttps://spa.contoso.com/redirect\n\nMobile and desktop applications\nhttps://login.microsoftonline.com/common/oauth2/nativeclient\n");
        assert!(r.has_platforms);
        assert_eq!(r.on(Platform::Web), ["https://api.contoso.com/signin-oidc"]);
        assert_eq!(r.on(Platform::Spa), ["https://spa.contoso.com/redirect"]);
        assert_eq!(r.on(Platform::PublicClient).len(), 1);
        assert!(!r.uris.iter().any(|u| u.uri.contains("signout")));
    }

    #[test]
    fn reads_prefixes_and_table_rows() {
        let r = read("web: https://a/cb\nspa:https://b/cb\npublic: msal6731de76-14a6-49ae-97bc-6eba6914391e://auth\nhttps://c/cb\tSPA");
        let p: Vec<_> = r.uris.iter().map(|u| u.platform).collect();
        assert_eq!(
            p,
            [
                Platform::Web,
                Platform::Spa,
                Platform::PublicClient,
                Platform::Spa
            ]
        );
        assert_eq!(r.uris[3].uri, "https://c/cb");
    }

    #[test]
    fn reads_graph_application_json() {
        let r = read(
            r#"{"appId":"6731de76-14a6-49ae-97bc-6eba6914391e","signInAudience":"AzureADandPersonalMicrosoftAccount","web":{"redirectUris":["https://a/cb"],"implicitGrantSettings":{"enableIdTokenIssuance":true,"enableAccessTokenIssuance":false}},"spa":{"redirectUris":["https://b/cb"]},"publicClient":{"redirectUris":[]}}"#,
        );
        assert_eq!(r.audience, Audience::OrgsAndPersonal);
        assert_eq!(
            r.app_id.as_deref(),
            Some("6731de76-14a6-49ae-97bc-6eba6914391e")
        );
        assert_eq!(r.on(Platform::Web), ["https://a/cb"]);
        assert_eq!(r.on(Platform::Spa), ["https://b/cb"]);
        assert_eq!(r.id_token_issuance, Some(true));
        assert!(r.has_platforms);
    }

    #[test]
    fn reads_the_legacy_manifest_and_bare_arrays() {
        let r = read(
            r#"{"replyUrlsWithType":[{"url":"https://a/cb","type":"Spa"},{"url":"http://localhost","type":"InstalledClient"}]}"#,
        );
        assert_eq!(r.uris[0].platform, Platform::Spa);
        assert_eq!(r.uris[1].platform, Platform::PublicClient);
        let r = read(r#"["https://a/cb", "https://b/cb"]"#);
        assert_eq!(r.uris.len(), 2);
        assert!(!r.has_platforms);
        let r = read(r#"{"value":[{"web":{"redirectUris":["https://z/cb"]}}]}"#);
        assert_eq!(r.on(Platform::Web), ["https://z/cb"]);
    }

    #[test]
    fn bad_json_reports_line_and_column() {
        let r = read("{\n  \"web\": {\"redirectUris\": [\"https://a/cb\",]}\n}");
        assert!(r.uris.is_empty());
        let p = &r.problems[0];
        assert_eq!(p.line, 2);
        assert!(p.column > 1);
        let r = read(r#"{"web":{"redirectUris":[5]}}"#);
        assert_eq!(r.problems.len(), 1);
    }

    #[test]
    fn keeps_invisible_characters() {
        let r = read("https://app.contoso.com/callback\u{200B}");
        assert_eq!(r.uris[0].uri, "https://app.contoso.com/callback\u{200B}");
    }

    #[test]
    fn reads_the_audience_from_a_portal_copy() {
        let r = read("Supported account types\nAccounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant) and personal Microsoft accounts (e.g. Skype, Xbox)\nhttps://a/cb");
        assert_eq!(r.audience, Audience::OrgsAndPersonal);
        assert_eq!(r.uris.len(), 1);
    }
}
