//! The redirect verdict and its findings: the sent URI against the
//! registration (reply-url rules), what the registration can hold, and the
//! platform rules.

use super::authorize::{AuthorizeRequest, Source};
use super::client::{ClientGuess, ClientKind};
use super::codes::finding;
use super::fix;
use super::matching::{self, Comparison, Difference, Verdict};
use super::registered::{Audience, Registered, Registration};
use super::report::{Finding, Nearest, Platform, RedirectReport, RedirectStatus, Severity, UriRef};
use super::uri::{self, Uri};

/// The verdict plus what the page needs to show the registered list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// The report's `redirect` object.
    pub report: RedirectReport,
    /// Every registered URI compared with the sent one, nearest first.
    pub comparisons: Vec<Comparison>,
    /// Index (into the registration) of the matched or nearest URI.
    pub target: Option<usize>,
}

/// What a registration may hold, per Entra's rules: the reasons it may not.
pub fn registrable_problems(u: &str, audience: Audience) -> Vec<String> {
    let mut why = Vec::new();
    let p = Uri::new(u);
    if !uri::is_absolute(&p) {
        why.push("it is not an absolute URI".to_string());
        return why;
    }
    // A script or inline-content address: no sign-in answer can be sent to one.
    let scheme = p.scheme_lower();
    if matches!(scheme.as_str(), "javascript" | "data" | "vbscript") {
        why.push(format!("a {scheme}: address runs or holds content in the page; it is no address a sign-in answer can be sent to"));
        return why;
    }
    // `%` must start an escape of two hex digits (RFC 3986 §2.1).
    let b = u.as_bytes();
    if b.iter().enumerate().any(|(i, &c)| {
        c == b'%'
            && !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    }) {
        why.push(
            "it has a '%' that is not followed by two hex digits (not valid percent-encoding)"
                .into(),
        );
    }
    let length = if u.is_ascii() {
        u.len()
    } else {
        u.chars().count()
    };
    if length > 256 {
        why.push(format!("it is {length} characters long (the limit is 256)"));
    }
    // Every unsupported character is ASCII, so bytes suffice.
    let bad: Vec<String> = u
        .bytes()
        .map(char::from)
        .filter(|&c| uri::unsupported(c))
        .map(|c| format!("'{c}'"))
        .collect();
    if !bad.is_empty() {
        why.push(format!(
            "it contains {} (not supported: ! $ ' ( ) , ;)",
            bad.join(" ")
        ));
    }
    if u.contains('\\') {
        why.push("it contains a backslash ('\\'), which is no URI character (RFC 3986): a file-path join (Path.Combine, os.path.join on Windows) wrote it where '/' belongs".into());
    }
    if p.host().is_some_and(|h| !h.is_ascii()) {
        why.push("its host is not ASCII (internationalised domain names are not supported)".into());
    }
    // [::1] has a reason of its own below: the scheme is not what stops it.
    if p.scheme_lower() == "http" && !p.is_localhost() && !p.is_loopback_v4() && !p.is_loopback_v6()
    {
        why.push("http:// is only allowed for localhost".into());
    }
    if p.is_loopback_v6() {
        why.push("the IPv6 loopback [::1] is not supported".into());
    }
    if p.fragment().is_some() {
        why.push("it contains a fragment (#)".into());
    }
    if p.query().is_some() && audience.includes_personal() {
        why.push(
            "query strings cannot be registered when personal Microsoft accounts can sign in"
                .into(),
        );
    }
    if p.scheme_lower().starts_with("brk-") && !matches!(p.path(), "" | "/") {
        why.push(
            "a nested app authentication URI (brk-…) names an origin only, with no path".into(),
        );
    }
    if p.host().is_some_and(|h| h.contains('*')) && audience.includes_personal() {
        why.push(
            "wildcards cannot be registered when personal Microsoft accounts can sign in".into(),
        );
    }
    why
}

struct Ctx<'a> {
    req: Option<&'a AuthorizeRequest>,
    reg: &'a Registered,
    audience: Audience,
    client: &'a ClientGuess,
    b2c: bool,
}

impl Ctx<'_> {
    fn app_id(&self) -> Option<&str> {
        self.reg
            .app_id
            .as_deref()
            .or_else(|| self.req.and_then(|r| r.client_id()))
            .filter(|id| uri::is_guid(id))
    }
    /// The platform a new registration of the sent URI belongs under.
    fn platform_for(&self, near: Option<&Registration>) -> Platform {
        let near = near.map(|r| r.platform).filter(|p| *p != Platform::Unknown);
        // MSAL Node serves web servers and desktop apps (Electron) alike, and an http://localhost
        // URI with a path reads as a server's: a registration that holds the nearest URI under
        // Mobile and desktop says it is the desktop app.
        let desktop_node = self.client.kind == ClientKind::WebServer
            && self.client.library.as_deref() == Some("MSAL Node")
            && near == Some(Platform::PublicClient);
        if desktop_node {
            return Platform::PublicClient;
        }
        self.client
            .kind
            .platform()
            .or(near)
            .unwrap_or(Platform::Web)
    }
}

/// The error text's "More details:" hint, in lowercase (empty when none).
fn more_details(req: Option<&AuthorizeRequest>) -> String {
    req.and_then(|r| r.error_text.as_ref())
        .and_then(|e| e.more_details.as_deref())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The first 20 of `items` joined by `sep`, then how many more there are.
fn listed(items: &[String], sep: &str) -> String {
    const SHOWN: usize = 20;
    let shown = items.get(..SHOWN).unwrap_or(items).join(sep);
    match items.len().saturating_sub(SHOWN) {
        0 => shown,
        more => format!("{shown}{sep}and {more} more"),
    }
}

/// Registration lint: what the registered list itself breaks.
fn registration_checks(c: &Ctx, out: &mut Vec<Finding>) {
    let reg = c.reg;
    let mut invalid: Vec<String> = Vec::new();
    for r in &reg.uris {
        let mut why = registrable_problems(&r.uri, c.audience);
        let query_rule = why.iter().position(|w| w.starts_with("query strings"));
        if let Some(i) = query_rule {
            why.remove(i);
            out.push(finding("redirect.query_not_allowed_for_audience").detail(format!("{} is registered with a query string, but the sign-in audience ({}) includes personal Microsoft accounts, for which Entra does not allow query strings in redirect URIs (the portal refuses them: 'URL may not contain a query string').", r.uri, c.audience.as_str())).fix("Register the URI without the query and carry the value in state, or restrict the audience to work or school accounts."));
        }
        if let Some(i) = why.iter().position(|w| w.starts_with("http:// is only")) {
            // http is a property of the sent URI's findings when they are equal
            if Uri::new(&r.uri).is_loopback_v4() {
                why.remove(i);
            }
        }
        if !why.is_empty() {
            invalid.push(format!("{} — {}", r.uri, why.join("; ")));
        }
    }
    if !invalid.is_empty() {
        out.push(
            finding("redirect.registered_invalid")
                .title(format!(
                    "{} registered URI{} break{} Entra's rules",
                    invalid.len(),
                    if invalid.len() == 1 { "" } else { "s" },
                    if invalid.len() == 1 { "s" } else { "" }
                ))
                .detail(format!(
                    "Entra (reply-url, Restrictions) does not accept: {}.",
                    listed(&invalid, ". ")
                ))
                .fix("Fix or remove these entries; Entra refuses to save or to match them."),
        );
    }
    // One pass with a map (a pasted list can hold tens of thousands of URIs):
    // each URI's platforms, listed in the order the URIs were first repeated.
    let mut platforms: std::collections::HashMap<&str, Vec<&str>> =
        std::collections::HashMap::with_capacity(reg.uris.len());
    let mut repeated: Vec<&str> = Vec::new();
    for r in &reg.uris {
        let p = platforms.entry(r.uri.as_str()).or_default();
        p.push(r.platform.portal_name());
        if p.len() == 2 {
            repeated.push(&r.uri);
        }
    }
    let dups: Vec<String> = repeated
        .iter()
        .map(|u| {
            format!(
                "{u} ({})",
                platforms.get(u).map(|p| p.join(", ")).unwrap_or_default()
            )
        })
        .collect();
    if !dups.is_empty() {
        out.push(finding("redirect.duplicate_registration").detail(format!("Registered more than once: {}. A redirect URI must be unique across platforms; Entra picks one entry and its platform behaviour.", listed(&dups, "; "))).fix("Keep each URI once, under the platform the app really is."));
    }
    let max = c.audience.max_uris();
    if reg.uris.len() > max {
        out.push(finding("redirect.too_many_registrations").detail(format!("{} URIs are registered; Entra allows at most {max} for this sign-in audience ({}), and the limit cannot be raised.", reg.uris.len(), c.audience.as_str())).fix("Use one redirect URI and carry the context (tenant, return path) in state, as the reply-url page recommends."));
    }
}

/// Localhost URIs that differ only by port, under different platforms.
fn ambiguous_localhost(c: &Ctx, sent: Option<&str>, out: &mut Vec<Finding>) {
    if c.b2c {
        return;
    }
    // URIs grouped by everything but the port, in the order each group first appears.
    let mut groups: Vec<(String, Vec<&Registration>)> = Vec::new();
    let mut group_of: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for r in c.reg.uris.iter().filter(|r| r.uri.contains("localhost")) {
        let u = Uri::new(&r.uri);
        // The port exception is documented for localhost URIs (http or https).
        if u.host() != Some("localhost") || !matches!(u.scheme(), Some("http" | "https")) {
            continue;
        }
        let key = u.without_port();
        let i = *group_of.entry(key.clone()).or_insert_with(|| {
            groups.push((key, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(r);
    }
    for (key, members) in &groups {
        // The first two members on other platforms with other URIs: per platform, the first
        // two distinct URIs seen are enough to find one (comparing every pair was quadratic
        // in a list of many localhost entries).
        let mut seen: Vec<(Platform, Vec<&Registration>)> = Vec::new();
        let mut pair = None;
        for b in members {
            pair = seen
                .iter()
                .filter(|(p, _)| *p != b.platform)
                .flat_map(|(_, firsts)| firsts.iter())
                .find(|a| a.uri != b.uri)
                .map(|a| (*a, *b));
            if pair.is_some() {
                break;
            }
            match seen.iter_mut().find(|(p, _)| *p == b.platform) {
                Some((_, firsts)) if firsts.len() < 2 && firsts.iter().all(|a| a.uri != b.uri) => {
                    firsts.push(b)
                }
                Some(_) => {}
                None => seen.push((b.platform, vec![*b])),
            }
        }
        let Some((a, b)) = pair else {
            continue;
        };
        let relevant = sent.is_some_and(|s| Uri::new(s).without_port() == *key);
        out.push(finding("redirect.ambiguous_localhost").detail(format!("{} ({}) and {} ({}) differ only by port, and Entra ignores the port of localhost URIs: it picks one of them arbitrarily and applies that platform's rules{}. A browser app can then fail at token redemption (AADSTS9002326) or a server app with AADSTS9002327/7000218, seemingly at random.", a.uri, a.platform.portal_name(), b.uri, b.platform.portal_name(), if relevant { ", including for the redirect URI this request sends" } else { "" })).fix("Tell them apart by path, not port (e.g. http://localhost:3000/web-callback and http://localhost:5173/spa-callback), or remove the one the app does not use."));
    }
}

/// True for a host browsers outside cannot reach: a private or unspecified IPv4 address, or
/// a name without a dot (a container or service name) other than localhost.
fn internal_host(u: &Uri) -> bool {
    let Some(h) = u.host() else { return false };
    let ip: Vec<u8> = h.split('.').filter_map(|o| o.parse().ok()).collect();
    if let [a, b, _, _] = ip[..] {
        return h.split('.').count() == 4
            && (a == 10 || a == 0 || a == 172 && (16..32).contains(&b) || a == 192 && b == 168);
    }
    let h = h.to_ascii_lowercase();
    !h.is_empty()
        && !h.starts_with('[')
        && h != "localhost"
        && (!h.contains('.') || h.ends_with(".internal") || h.ends_with(".cluster.local"))
}

/// Where a known stack takes the scheme and host of its redirect URI from, recognised by the
/// callback path it answers at (its default route).
fn base_url_hint(path: &str) -> Option<&'static str> {
    let p = path.to_ascii_lowercase();
    let has = |x: &str| p.contains(x);
    Some(if p.ends_with("/signin-oidc") {
        "in ASP.NET Core, the Forwarded Headers middleware (ForwardedHeaders.XForwardedProto | XForwardedHost; clear KnownNetworks/KnownProxies when the proxy is not on loopback) before authentication"
    } else if has("/.auth/login/") {
        "for App Service, Functions or Container Apps authentication behind Front Door or Application Gateway, keep the original Host header and an https backend, or set the authentication's forward proxy convention to Standard (App Service: authsettingsV2 httpSettings.forwardProxy; Container Apps: az containerapp auth update --proxy-convention Standard), which reads X-Forwarded-Host and X-Forwarded-Proto"
    } else if has("/login/oauth2/code/") {
        "in Spring Boot, server.forward-headers-strategy=native (or framework); a fixed redirect-uri in the client registration replaces {baseUrl}"
    } else if has("/api/auth/callback/") {
        "in Auth.js / NextAuth, AUTH_URL (NEXTAUTH_URL) set to the public URL, or AUTH_TRUST_HOST=true behind a proxy that sends X-Forwarded-Host"
    } else if p.ends_with("/getatoken") {
        "in Flask, werkzeug's ProxyFix (x_proto=1, x_host=1); in Django, SECURE_PROXY_SSL_HEADER and USE_X_FORWARDED_HOST"
    } else if p.ends_with("/login/azuread") || p.ends_with("/login/generic_oauth") {
        "in Grafana, root_url under [server] (GF_SERVER_ROOT_URL) set to the public URL"
    } else if has("/realms/") && has("/broker/") && p.ends_with("/endpoint") {
        "in Keycloak, its hostname option (KC_HOSTNAME) set to the public URL, with the proxy's headers trusted (KC_PROXY_HEADERS)"
    } else if p.ends_with("/securityrealm/finishlogin") {
        "in Jenkins, the Jenkins URL under Manage Jenkins › System"
    } else if p.ends_with("/apps/user_oidc/code") {
        "in Nextcloud, overwriteprotocol, overwritehost and overwrite.cli.url in config.php"
    } else if has("/users/auth/") && p.ends_with("/callback") {
        "in GitLab, external_url 'https://…' in gitlab.rb (behind an outer proxy, pass X-Forwarded-Proto: nginx['proxy_set_headers']); in Rails, config.force_ssl or the proxy's X-Forwarded-Proto"
    } else if has("/accounts/microsoft/login/callback") {
        "in django-allauth, ACCOUNT_DEFAULT_HTTP_PROTOCOL = \"https\" (and SECURE_PROXY_SSL_HEADER, USE_X_FORWARDED_HOST for the proxy's headers)"
    } else if p.ends_with("/oauth2/callback") {
        "in oauth2-proxy, --redirect-url set to the public https URL (or --reverse-proxy to trust X-Forwarded-Proto and X-Forwarded-Host); in Pomerium, authenticate_service_url; in Django with django-auth-adfs (the same route), SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https') and USE_X_FORWARDED_HOST = True"
    } else if has("/oauth-authorized/") {
        "in Superset or Airflow (Flask-AppBuilder), ENABLE_PROXY_FIX = True (with PROXY_FIX_CONFIG for the proxy's headers)"
    } else {
        return None;
    })
}

/// A sent URI that equals the registered one once a fault of how it was built is removed: a
/// doubled slash (a base URL ending in '/' joined to a path starting with '/'), dot-segments
/// ('/../', '/./'), or a trailing dot after the host. Its short and long description.
fn malformed(s: &Uri, r: &Uri) -> Option<(String, String)> {
    let rest_equal = s.scheme() == r.scheme() && s.port() == r.port() && s.query() == r.query();
    if !rest_equal {
        return None;
    }
    let (sp, rp) = (s.path(), r.path());
    if s.host() == r.host() && sp != rp {
        let mut collapsed = String::with_capacity(sp.len());
        for c in sp.chars() {
            if !(c == '/' && collapsed.ends_with('/')) {
                collapsed.push(c);
            }
        }
        if sp.contains("//") && collapsed == rp {
            return Some(("a doubled slash in its path".into(), format!("Its path {sp} has '//' where {rp} has '/': the usual cause is a base URL that ends with '/' joined to a callback path that starts with '/'.")));
        }
        let segs: Vec<&str> = sp.split('/').collect();
        if segs.iter().any(|g| *g == ".." || *g == ".") {
            let mut out: Vec<&str> = Vec::new();
            for (i, g) in segs.iter().enumerate() {
                match *g {
                    "." => {}
                    ".." => {
                        if out.len() > 1 {
                            out.pop();
                        }
                    }
                    _ => out.push(g),
                }
                // A path that ends in a dot-segment keeps its last slash.
                if i + 1 == segs.len() && matches!(*g, "." | "..") {
                    out.push("");
                }
            }
            if out.join("/") == rp {
                return Some(("dot-segments in its path".into(), format!("Its path {sp} holds '.' or '..' segments, which a browser resolves to {rp} but Entra compares as written.")));
            }
        }
        return None;
    }
    let (sh, rh) = (s.host()?, r.host()?);
    if sp == rp && sh.strip_suffix('.') == Some(rh) {
        return Some(("a trailing dot after its host".into(), format!("Its host {sh} ends with '.', the fully qualified form of {rh}: a browser reaches the same site, but Entra compares the host as written.")));
    }
    None
}

/// True when `sent` is a public client's loopback listener: http://localhost:<free port>
/// without a path, from a client judged a mobile or desktop app.
fn public_listener(c: &Ctx, sent: &str) -> bool {
    let su = Uri::new(sent);
    c.client.kind == ClientKind::Native
        && su.scheme_lower() == "http"
        && su.is_localhost()
        && matches!(su.path(), "" | "/")
        && su.query().is_none()
}

/// The form of the sent URI to register under `platform`, and why it differs from the sent
/// one: a mobile or desktop app's `http://localhost:<port>` is registered without the port,
/// as Entra ignores the port of localhost URIs and the app's loopback listener takes a free
/// port on each run.
fn to_register(sent: &str, platform: Platform) -> (String, &'static str) {
    let s = Uri::new(sent);
    if platform == Platform::PublicClient
        && s.scheme_lower() == "http"
        && s.host() == Some("localhost")
        && s.port().is_some()
    {
        (s.without_port(), " (without the port: the app's loopback listener takes a free port on each run, and Entra ignores the port of localhost URIs (reply-url; RFC 8252 §7.3), so the port-less entry matches every run)")
    } else if platform == Platform::PublicClient
        && s.scheme_lower() == "http"
        && s.is_loopback_v4()
        && s.port().is_some()
        && matches!(s.path(), "" | "/")
        && s.query().is_none()
    {
        // A loopback listener's port changes on each run: an entry with this run's port fails
        // on the next one.
        (s.without_port(), " (without the port: the app's loopback listener takes a free port on each run, so an entry with this run's port fails on the next one; Entra documents ignoring the port only for localhost URIs, so that a port-less 127.0.0.1 entry matches every port is not documented)")
    } else {
        (sent.to_string(), "")
    }
}

fn mismatch_findings(
    c: &Ctx,
    sent: &str,
    near: &Registration,
    diffs: &[Difference],
    out: &mut Vec<Finding>,
) {
    let platform = c.platform_for(Some(near));
    let registrable = registrable_problems(sent, c.audience);
    // Why the nearest registered URI could not be registered today (an old http:// entry).
    let near_refused = registrable_problems(&near.uri, c.audience);
    let (new_uri, why_form) = to_register(sent, platform);
    // HTTPS:// beside another difference: the URI to register has the scheme as registered
    // ones have it, and the app is told to send it so (the scheme finding below).
    let new_uri = match (Uri::new(&new_uri).scheme(), Uri::new(&near.uri).scheme()) {
        (Some(ns), Some(rs))
            if diffs.len() > 1
                && ns != rs
                && ns.eq_ignore_ascii_case(rs)
                && matches!(rs, "http" | "https") =>
        {
            format!("{rs}{}", new_uri.get(ns.len()..).unwrap_or_default())
        }
        _ => new_uri,
    };
    // http://localhost: Entra ignores the port, and the app listens on the one it sends.
    let send_to =
        matching::on_sent_port(sent, &near.uri, c.b2c).unwrap_or_else(|| near.uri.clone());
    // A URI with an invisible character or user information is no URI to register, whatever
    // Entra's rules on saving it: the fix is to send the clean one.
    let clean = |u: &str| uri::show_hidden(u).is_none() && Uri::new(u).userinfo().is_none();
    let register_snippets = |f: Finding| -> Finding {
        if registrable.is_empty() && clean(&new_uri) {
            f.snippet(
                format!("URI to register under {}", platform.portal_name()),
                new_uri.as_str(),
            )
            .snippet(
                "az CLI (keeps the URIs already registered)",
                fix::register_command(c.reg, c.app_id(), platform, &new_uri),
            )
        } else {
            f
        }
    };
    let send_snippet = |f: Finding| -> Finding {
        // A wildcard entry is a pattern: there is no URI of it to send; an entry with an
        // invisible character is to be typed again, not sent.
        if near.uri.contains('*') || !clean(&near.uri) {
            return f;
        }
        // An identity broker or a platform feature builds the authorize request itself: a
        // corrected URL is nothing its admin can send.
        let path = Uri::new(sent).path().to_string();
        if super::client::broker(sent).is_some()
            || fixed_route(&path).is_some()
            || super::client::server_stack(&path) == Some("HashiCorp Vault")
        {
            return f;
        }
        match c
            .req
            .and_then(|r| fix::corrected_url(r, &send_to).map(|u| (r.source, u)))
        {
            // A query string pasted alone is answered with the query string alone.
            Some((Source::Query, u)) => {
                f.snippet("Query string with the registered redirect URI", u)
            }
            Some((_, u)) => f.snippet("Authorize URL with the registered redirect URI", u),
            None => f.snippet("Registered redirect URI to send", send_to.clone()),
        }
    };
    let personal = c.audience.includes_personal()
        || c.req
            .and_then(|r| r.tenant.as_deref())
            .is_some_and(|t| t.eq_ignore_ascii_case("consumers"));
    let answer = if c.b2c {
        "Azure AD B2C answers AADB2C90006 ('The redirect URI … provided in the request is not registered for the client id', error=redirect_uri_mismatch)"
    } else if personal {
        "it shows AADSTS50011 on its own page and never redirects to the app (a personal Microsoft account's sign-in instead comes back with error=invalid_request, 'The provided value for the input parameter 'redirect_uri' is not valid')"
    } else {
        "it shows AADSTS50011 on its own page and never redirects to the app"
    };
    let ctx = format!("Entra compares the decoded redirect_uri with each registered URI exactly, character by character (reply-url; RFC 3986 §6.2.1 simple string comparison), so {answer}. Sent: {sent} — nearest registered: {}{}.{}", near.uri, if near.platform == Platform::Unknown { String::new() } else { format!(" ({})", near.platform.portal_name()) }, if send_to == near.uri { String::new() } else { " The ports differ too, which Entra ignores for localhost URIs (reply-url): the response goes to the port sent, so the app keeps its own.".to_string() });
    // The app's Application ID URI sent as its redirect URI: a name of the app, never an address
    // Entra sends the response to.
    let ctx = if c.reg.identifiers.iter().any(|i| i == sent) {
        format!("{ctx} {sent} is one of the app's identifiers (its Application ID URI, identifierUris), which names the app as the audience of tokens: Entra matches redirect_uri only against the redirect URIs, never against the identifiers.")
    } else {
        ctx
    };
    // Only characters text recognition confuses differ: the pasted list may be misread (a
    // screenshot), so no mismatch is claimed and no command built from it.
    if let Some(pairs) = matching::misread(sent, &near.uri) {
        let which: Vec<String> = pairs
            .iter()
            .map(|(s, r)| format!("'{r}' where the request has '{s}'"))
            .collect();
        let code = diffs
            .first()
            .map_or("redirect.not_registered", |d| d.code());
        out.push(finding(code).title("The sent URI differs from the registered one only in look-alike characters").detail(format!("{ctx} They differ only in characters that text recognition of a screenshot, or a font, confuses ({}), so either the app sends a look-alike of the registered URI (the cause), or the pasted list was misread from a screenshot and the registration holds something else. Check the registration as text before changing it.", which.join(", "))).fix(format!("Copy the redirect URIs as text (the portal's Authentication page, the manifest, or az ad app show --id … --query \"{{web:web.redirectUris,spa:spa.redirectUris,publicClient:publicClient.redirectUris}}\") and paste them again; a command built from a misread list would register the misread URIs. If it really holds {}, register {sent}.", near.uri)));
        return;
    }
    let keep = fix::keep_note(c.reg, platform);
    let reg_fix = if !clean(&new_uri) {
        format!(" Do not register {sent} as it is: send the URI without the invisible character or user information.")
    } else if registrable.is_empty() {
        format!(
            " Or register {new_uri}{why_form} under {}. {keep}",
            platform.portal_name()
        )
    } else {
        format!(
            " Registering {sent} is not possible: {}.",
            registrable.join("; ")
        )
    };
    // `scheme:/path` against `scheme://path` (AppAuth's private-use form, RFC 8252 §7.1,
    // against one typed with an authority): one slash apart, read as another host and path.
    let one_slash = |a: &str, b: &str| {
        a.split_once(":/")
            .zip(b.split_once("://"))
            .is_some_and(|((sa, ra), (sb, rb))| sa == sb && !ra.starts_with('/') && ra == rb)
    };
    if !matches!(Uri::new(sent).scheme_lower().as_str(), "http" | "https")
        && (one_slash(sent, &near.uri) || one_slash(&near.uri, sent))
    {
        let f = finding("redirect.path_mismatch").aadsts(50011).title(format!("The sent URI has {} slash after its scheme where the registered one has {}", if one_slash(sent, &near.uri) { "one" } else { "two" }, if one_slash(sent, &near.uri) { "two" } else { "one" })).detail(format!("{ctx} {sent} and {} differ only by one '/': with '//' what follows is a host, with ':/' it is a path (the private-use form AppAuth and its Flutter and React Native wrappers use, RFC 8252 §7.1). Entra compares the string as written.", near.uri));
        let f = if registrable.is_empty() && clean(&new_uri) {
            f.fix(format!("Change the app's redirect URL to {} (the registered form). Or register {sent} exactly as the app sends it under {} (if the portal refuses the one-slash form, add it in the manifest) — {keep}", near.uri, platform.portal_name()))
        } else {
            f.fix(format!("Change the app's redirect URL to {}.", near.uri))
        };
        out.push(register_snippets(f));
        return;
    }
    // An iOS / macOS or Android app whose platform has no entry at all: the nearest entry is
    // another platform's URI, which this build cannot send.
    let apple_sent = is_apple_broker(sent);
    let android_sent = is_android_hash(sent);
    let none_of_kind = !c.reg.uris.iter().any(|r| {
        (apple_sent && is_apple_broker(&r.uri))
            || (android_sent && r.uri.to_ascii_lowercase().starts_with("msauth://"))
    });
    if (apple_sent || android_sent) && none_of_kind && registrable.is_empty() && clean(&new_uri) {
        let (card, how) = if apple_sent {
            (
                "iOS / macOS",
                format!(
                    "with bundle ID {} (the portal builds {sent} from it)",
                    bundle_of(sent)
                ),
            )
        } else {
            let s = Uri::new(sent);
            ("Android", format!("with package name {} and signature hash {} (the portal builds {sent} from them)", s.host().unwrap_or(""), uri::percent_decode(s.path().strip_prefix('/').unwrap_or(""))))
        };
        let f = finding("redirect.not_registered").aadsts(50011).title(format!("The app registration has no {card} redirect URI for this app")).detail(format!("{ctx} The request comes from an {card} build, and no {card} redirect URI is registered: the nearest entry is another platform's URI, which this build cannot send.")).fix(format!("Add the {card} platform (Authentication › Add a platform › {card}) {how}, keeping the other platforms' entries — {keep}"));
        out.push(register_snippets(f));
        return;
    }
    // The sent URI embeds the request's client ID where the nearest embeds another one.
    let lower = |x: &str| x.to_ascii_lowercase();
    let own_id = c
        .app_id()
        .filter(|id| lower(sent).contains(&lower(id)) && !lower(&near.uri).contains(&lower(id)));
    // An Android redirect URI (msauth://<package>/<signature hash>) on both sides.
    let android = is_android_hash(sent) && is_android_hash(&near.uri);
    // The host of a native URI is built for the app (the broker from the client ID, Windows
    // from the package SID, Android's applicationId, iOS's bundle ID): no setting writes it in
    // another case, so no URL that sends the registered case is offered.
    // The loopback address on the side that is not localhost (127.0.0.1, [::1]).
    let loopback_ip = {
        let (s, r) = (Uri::new(sent), Uri::new(&near.uri));
        if s.is_localhost() { r.host() } else { s.host() }
            .unwrap_or("127.0.0.1")
            .to_string()
    };
    let built_host = sent.to_ascii_lowercase().starts_with("ms-appx-web://")
        || Uri::new(sent).scheme_lower() == "ms-app"
        || android
        || Uri::new(sent).scheme_lower() == "msauth";
    // MSAL.js sends the page the user signed in from when its redirectUri is not set: a deeper
    // path on the origin of a registered URI.
    // MSAL's page for popup and silent requests (blank.html, redirect.html): a dedicated
    // redirect page the app means to send, not the page sign-in started from.
    let msal_page = {
        let p = Uri::new(sent).path().to_ascii_lowercase();
        [
            "/blank.html",
            "/redirect.html",
            "/redirect",
            "/auth-redirect.html",
        ]
        .iter()
        .any(|x| p.ends_with(x))
            // A page made for silent renewals (silent-refresh.html, silent-renew.html).
            || p.rsplit('/').next().is_some_and(|last| last.contains("silent") || last.contains("blank"))
    };
    let current_page = c.client.library.as_deref() == Some("MSAL.js (browser)") && !msal_page && {
        let (su, nu) = (Uri::new(sent), Uri::new(&near.uri));
        su.scheme_lower() == nu.scheme_lower()
            && su.host() == nu.host()
            && su.port() == nu.port()
            && su.path().len() > nu.path().len()
            && su.path().starts_with(nu.path().trim_end_matches('/'))
    };
    // Postman's two callbacks: /v1/browser-callback when it authorizes in the system browser
    // (or runs on the web), /v1/callback from the desktop app's own sign-in window.
    let postman_toggle = {
        let on_postman = |u: &str| {
            Uri::new(u)
                .host()
                .is_some_and(|h| h.eq_ignore_ascii_case("oauth.pstmn.io"))
        };
        let browser = |u: &str| {
            Uri::new(u)
                .path()
                .eq_ignore_ascii_case("/v1/browser-callback")
        };
        let window = |u: &str| Uri::new(u).path().eq_ignore_ascii_case("/v1/callback");
        if !(on_postman(sent) && on_postman(&near.uri)) {
            None
        } else if browser(sent) && window(&near.uri) {
            Some("clear 'Authorize using browser' in Postman's OAuth 2.0 settings (the desktop app then signs in in its own window and sends")
        } else if window(sent) && browser(&near.uri) {
            Some("check 'Authorize using browser' in Postman's OAuth 2.0 settings (Postman then signs in in the system browser and sends")
        } else {
            None
        }
    };
    // Microsoft's connector consent service: the connector, not the app, picks the URI.
    let connector = Uri::new(sent)
        .host()
        .is_some_and(|h| h.to_ascii_lowercase().ends_with(".consent.azure-apim.net"));
    // The app sends localhost or an internal address where a public host is registered with
    // the same path: it builds its redirect URI from the address it sees, not the public one.
    let su = Uri::new(sent);
    let here = su.is_localhost() || su.is_loopback_v4();
    // A desktop or command-line app's loopback listener is its own address, not a server's.
    let public = ((here && c.client.kind != ClientKind::Native) || internal_host(&su))
        .then(|| {
            c.reg.uris.iter().find(|r| {
                let u = Uri::new(&r.uri);
                u.path() == su.path()
                    && u.query() == su.query()
                    && u.scheme_lower() == "https"
                    && !internal_host(&u)
                    && !u.is_localhost()
                    && !u.is_loopback_v4()
            })
        })
        .flatten();
    let hint = base_url_hint(su.path());
    let how = hint.map_or(
        "set its public base URL, or have it trust the proxy's X-Forwarded-Proto and X-Forwarded-Host".to_string(),
        |h| h.to_string(),
    );
    let public_finding = |f: Finding, public: &Registration| -> Finding {
        let (what, fix) = if here {
            ("localhost", format!("If this is the deployed app, make it send {}: {how}. If it is a development run on this machine, register {new_uri} under {}. {keep}", public.uri, platform.portal_name()))
        } else {
            ("an internal address a browser outside cannot reach", format!("Make the app send {}: {how}. Registering the internal address is no fix: the browser must reach it.", public.uri))
        };
        let f = f.title("The app sends the address it sees, not its public URL").detail(format!("{ctx} The path is the one registered at {}, but the host is {what}: the app builds its redirect URI from the address it is reached at behind a reverse proxy, load balancer or container platform, or from a base URL setting left at its default.", public.uri)).fix(fix);
        if here && registrable.is_empty() {
            register_snippets(f)
        } else {
            f
        }
    };
    let android_encoded = android && sent.contains('%') && !near.uri.contains('%');
    let mut without_near = c.reg.clone();
    if android_encoded {
        without_near.uris.retain(|u| u.uri != near.uri);
    }
    // A public client's loopback listener (http://localhost:<free port>, no path) answers only
    // there, over http: a registered https address or a web app's route cannot serve it, and
    // under Web the redemption would need a secret (AADSTS7000218). Its one registration is
    // http://localhost under Mobile and desktop applications.
    // (An http loopback entry beside it has its own, more precise findings: 127.0.0.1 against
    // localhost, a path.)
    let nu = Uri::new(&near.uri);
    let listener = public_listener(c, sent)
        && platform == Platform::PublicClient
        && !(nu.scheme_lower() == "http" && (nu.is_localhost() || nu.is_loopback_v4()));
    if listener && !c.b2c && registrable.is_empty() && clean(&new_uri) {
        let only_scheme = diffs.iter().all(|d| *d == Difference::Scheme);
        let f = finding(if only_scheme { "redirect.scheme_mismatch" } else { "redirect.not_registered" })
            .aadsts(50011)
            .title(format!("The app's loopback listener {sent} is not registered"))
            .detail(format!("{ctx} The request comes from a public client ({}): its listener takes a free port on each run and answers only there, over http, so {} cannot serve it.", c.client.because, near.uri))
            .fix(format!("Register {new_uri}{why_form} under {} — {keep}", platform.portal_name()));
        out.push(register_snippets(f));
        return;
    }
    if !matching::is_close(diffs) {
        let f = finding("redirect.not_registered");
        let f = if c.b2c { f } else { f.aadsts(50011) };
        if let Some(p) = public {
            out.push(public_finding(f, p));
            return;
        }
        // The Windows broker (WAM) builds its redirect URI from the client ID itself: the app
        // has no setting to send another while it signs in through the broker.
        if sent
            .to_ascii_lowercase()
            .starts_with("ms-appx-web://microsoft.aad.brokerplugin/")
            && registrable.is_empty()
            && clean(&new_uri)
        {
            let f = f.detail(format!("{ctx} {sent} is the Windows broker's (WAM) redirect URI: MSAL builds it from the client ID when the app signs in through the broker, so the app has no setting that sends another one.")).fix(format!("Register {sent} under {} — {keep}", platform.portal_name()));
            out.push(register_snippets(f));
            return;
        }
        // An identity broker's callback, and a pasted list that holds none of the broker's: the
        // list is the broker's allowed return URLs (the app's own addresses), not Entra's.
        if let Some(broker) = super::client::broker(sent).filter(|_| {
            registrable.is_empty()
                && clean(&new_uri)
                && c.reg
                    .uris
                    .iter()
                    .all(|u| super::client::broker(&u.uri).is_none())
        }) {
            if c.reg.has_platforms {
                let f = f.detail(format!("{ctx} {sent} is {broker}'s callback: {broker} sends it for every app that signs in through it, and this registration holds none of its callbacks (the app's own addresses, where {broker} sends the browser on after sign-in, are listed in {broker}'s settings, not checked by Entra).")).fix(format!("Register {sent} under Web — {keep}"));
                out.push(register_snippets(f));
                return;
            }
            let f = f.detail(format!("{ctx} {sent} is {broker}'s callback: {broker} sends it for every app that signs in through it, and the pasted URIs are none of its callbacks. If they are {broker}'s allowed callback (return) URLs, the app's own addresses, they stay in {broker} and do not belong in Entra; if they are this app registration's list, it lacks {broker}'s callback.")).fix(format!("Register {sent} under Web in the app registration whose client ID {broker} uses. The command adds it to the Web list registered now (it reads it first) instead of replacing that list with the pasted URIs."));
            out.push(f.snippet("URI to register under Web", sent).snippet(
                "az CLI (keeps the URIs already registered)",
                fix::add_to_live_list(c.app_id(), Platform::Web, sent),
            ));
            return;
        }
        let f = f.detail(format!("{ctx} They differ in {}, so this looks like another app, environment or host rather than a typo.", diffs.iter().map(|d| d.words()).collect::<Vec<_>>().join(", "))).fix(format!("Send a URI that is registered (check the app's redirect URI / base URL setting for this environment).{reg_fix}"));
        out.push(register_snippets(f));
        return;
    }
    if let Some(p) = public.filter(|_| diffs.contains(&Difference::Host)) {
        let f = finding(diffs.first().map_or("redirect.host_mismatch", |d| d.code()));
        out.push(public_finding(if c.b2c { f } else { f.aadsts(50011) }, p));
        return;
    }
    // A public host sent with a port the registered URI does not have: the port the app is
    // served on inside (a load balancer, a container), not one a browser uses.
    let inner_port = {
        let (s, r) = (Uri::new(sent), Uri::new(&near.uri));
        s.port().is_some()
            && r.port().is_none()
            && !s.is_localhost()
            && !s.is_loopback_v4()
            && !internal_host(&s)
            && s.host()
                .is_some_and(|h| r.host().is_some_and(|rh| h.eq_ignore_ascii_case(rh)))
            && (hint.is_some() || diffs.contains(&Difference::Scheme))
    };
    for d in diffs {
        let (s, r) = (Uri::new(sent), Uri::new(&near.uri));
        if *d == Difference::Fragment && s.fragment().is_some() {
            continue; // reported once, as a property of the sent URI
        }
        // 127.0.0.1:8400 against localhost: once the app sends localhost, its port is ignored;
        // the loopback finding says so, with the port kept.
        if *d == Difference::Port
            && diffs.contains(&Difference::LocalhostVsLoopbackIp)
            && (r.is_localhost() || s.is_localhost())
            && !c.b2c
        {
            continue;
        }
        // http and an inner port: one cause, said once by the scheme finding.
        if *d == Difference::Port && inner_port && diffs.contains(&Difference::Scheme) {
            continue;
        }
        if *d == Difference::Port && inner_port {
            let f = finding(d.code()).aadsts(50011).detail(format!("{ctx} The sent URI carries port {}, which the registered one does not: the port the app is served on behind a load balancer or proxy, which builds its redirect URI from the address it sees instead of the one the browser used.", s.port().unwrap_or(""))).fix(format!("Make the app build its redirect URI from the public address: {how}{}. Registering the inner port is no fix: the browser cannot reach it.", if fixed_route(s.path()).is_some() { String::new() } else { format!("; or set the redirect URI explicitly to {}", near.uri) }));
            out.push(send_snippet(f));
            continue;
        }
        let f = finding(d.code());
        let f = if c.b2c { f } else { f.aadsts(50011) };
        // A product that builds its callback route itself, with no setting that writes it
        // another way (App Service authentication, Jenkins): when the registered entry differs
        // from that route in its path, case or final slash, the registration is what to correct.
        let fixed = fixed_route(s.path()).filter(|_| {
            matches!(
                d,
                Difference::Path | Difference::PathCase | Difference::TrailingSlash
            ) && registrable.is_empty()
                && clean(&new_uri)
        });
        let f = match d {
            _ if fixed.is_some() => {
                let (product, route) = fixed.unwrap_or_default();
                f.detail(format!("{ctx} {sent} is {product}'s own callback route ({route}): {product} builds it itself, from its own address, and has no setting that sends another path, case or final slash, so the registered entry is the one to correct.")).fix(format!("Register {new_uri} exactly under {} — {keep} Then remove {} if nothing else sends it.", platform.portal_name(), near.uri))
            }
            // iOS / macOS: msauth.<bundle ID>://auth carries the build's bundle ID in its scheme.
            Difference::Scheme if is_apple_broker(sent) && is_apple_broker(&near.uri) => {
                let (sb, rb) = (bundle_of(sent), bundle_of(&near.uri));
                let case = if sb.eq_ignore_ascii_case(rb) { " They differ only in letter case: the bundle ID must be written as the app's Info.plist has it." } else { "" };
                f.title(format!("The iOS / macOS bundle ID differs: {sb} is sent, {rb} is registered"))
                    .detail(format!("{ctx} The scheme of an iOS or macOS redirect URI is msauth. followed by the app's bundle ID, so each bundle ID (a debug or beta build with its own, another target, a template's default such as org.reactjs.native.example.*) sends its own URI and needs its own registration.{case}"))
                    .fix(format!("If this build (bundle ID {sb}) is meant to sign in, register {sent} under {} (the portal's iOS / macOS platform builds it from the bundle ID) — {keep} Otherwise give the app the bundle ID {rb}, as registered.", platform.portal_name()))
            }
            // msal{client ID}://auth (MSAL.NET on Android, iOS, MAUI) with another app's ID in
            // its scheme: copied from a sample or another app.
            Difference::Scheme if msal_scheme_id(sent).is_some_and(|id| c.app_id().is_some_and(|a| !a.eq_ignore_ascii_case(id))) && msal_scheme_id(&near.uri).is_some() => {
                let app = c.app_id().unwrap_or_default();
                f.title("The msal{client ID} scheme carries another app's client ID").detail(format!("{ctx} MSAL.NET's redirect URI for Android, iOS and MAUI is msal{{client ID}}://auth, built from the app registration's client ID; the sent scheme carries {}, not the request's client_id {app}: the scheme was copied from a sample or another app (the Android manifest's android:scheme, Info.plist's URL scheme, the app's redirect URI setting).", msal_scheme_id(sent).unwrap_or_default())).fix(format!("Set the scheme to msal{app} in the app (redirect URI msal{app}://auth, the Android manifest's android:scheme and Info.plist's CFBundleURLSchemes); {} is registered.", near.uri))
            }
            // A local run on the app's http address (a development profile without TLS): http
            // is allowed for localhost, so registering it is a fix, and no proxy is involved.
            Difference::Scheme if s.scheme_lower() == "http" && r.scheme_lower() == "https" && s.is_localhost() && registrable.is_empty() && clean(&new_uri) => {
                f.title("The app sends http://localhost but https:// is registered")
                    .detail(format!("{ctx} The app runs on its http address on this machine (a development profile without TLS, such as Kestrel's http one)."))
                    .fix(format!("Register {new_uri}{why_form} under {} (http is allowed for localhost, and Entra ignores the port of localhost URIs) — {keep} Or run the app on its https address so it sends {}.", platform.portal_name(), near.uri))
            }
            // HTTPS:// against https:// beside a real difference (another host or path): the
            // letter case is the smaller part, said after the one that decides.
            Difference::Scheme if diffs.len() > 1 && s.scheme_lower() == r.scheme_lower() && matches!(r.scheme(), Some("http" | "https")) => {
                f.severity(Severity::Warning)
                    .title(format!("The scheme is also written in another letter case ({}:// sent, {}:// registered)", s.scheme().unwrap_or(""), r.scheme().unwrap_or("")))
                    .detail(format!("{ctx} Entra documents no case-insensitive scheme comparison, so the letter case of the scheme counts too, besides the other differences."))
                    .fix(format!("Write the scheme in the app's configuration in lower case, as registered ({}://).", r.scheme().unwrap_or("")))
            }
            Difference::Scheme => {
                let proxy = s.scheme_lower() == "http" && r.scheme_lower() == "https";
                f.title(format!("The app sends {}:// but {}:// is registered", s.scheme().unwrap_or(""), r.scheme().unwrap_or("")))
                    .detail(format!("{ctx}{}", if proxy { " The usual cause: TLS ends at a proxy, load balancer or App Service front end, and the app builds its redirect URI from the http request it sees." } else { "" }))
                    .fix(if proxy { format!("Make the app see the original scheme: {}{}. http:// cannot be registered except for localhost.", hint.unwrap_or("in ASP.NET Core use the Forwarded Headers middleware (ForwardedHeaders.XForwardedProto, and clear KnownNetworks/KnownProxies when the proxy is not on loopback) before authentication; in other stacks trust X-Forwarded-Proto"), if fixed_route(s.path()).is_some() { String::new() } else { format!(", or set the redirect URI explicitly to {}", near.uri) }) } else if registrable.is_empty() && !near_refused.is_empty() {
                        // The registered http:// URI is one Entra no longer accepts: register the
                        // https one the app sends instead of going back to http.
                        format!("Register {new_uri}{why_form} under {}. {keep} The registered {} is one Entra's rules refuse ({}): do not send it; remove it once the https one works.", platform.portal_name(), near.uri, near_refused.join("; "))
                    } else { format!("Send {} exactly.{reg_fix}", send_to) })
            }
            Difference::TrailingSlash => {
                let who = if sent.ends_with('/') { "The sent URI ends with '/' and the registered one does not" } else { "The registered URI ends with '/' and the sent one does not" };
                // Root URIs: `https://x` and `https://x/` are the same resource to RFC 3986, but
                // Entra documents no such normalisation of the request (only that a response to
                // a root URI is sent with '/'), so the exact form is the safe fix.
                let root = if s.path().is_empty() || r.path().is_empty() {
                    " Both name the site's root, which RFC 3986 §6.2.3 treats as one resource, but Entra documents no such normalisation of the request (only that a response to a root URI is sent to it with '/'); send the registered form exactly, or register both."
                } else {
                    ""
                };
                f.title(who.to_string()).detail(format!("{ctx} A trailing slash is part of the path (Entra: 'requested address did not have a trailing slash').{root}")).fix(format!("Make the app send {} exactly (check its redirect URI setting and any framework that adds or strips '/').{reg_fix}", send_to))
            }
            // The host of a native URI is built for the app (the broker from the client ID,
            // Windows from the package SID, Android's applicationId): no setting writes it in
            // another case, so the string sent is the one to register.
            Difference::HostCase if built_host && registrable.is_empty() && clean(&new_uri) => {
                let who = if sent.to_ascii_lowercase().starts_with("ms-appx-web://") { "the Windows broker (WAM) builds it from the client ID" } else if s.scheme_lower() == "ms-app" { "Windows builds it from the app package's SID (WebAuthenticationBroker.GetCurrentApplicationCallbackUri)" } else if android { "it is the build's applicationId (package name)" } else { "the app's platform builds it" };
                f.detail(format!("{ctx} Entra documents no case-insensitive host comparison, so {} and {} are different; {who}, so the app has no setting that writes it another way.", s.host().unwrap_or(""), r.host().unwrap_or(""))).fix(format!("Register {new_uri} exactly as the app sends it, under {} — {keep} Then remove {} if nothing else sends it.", platform.portal_name(), near.uri))
            }
            Difference::HostCase => f.detail(format!("{ctx} Entra documents no case-insensitive host comparison, so {} and {} are different.", s.host().unwrap_or(""), r.host().unwrap_or(""))).fix(format!("Send the host exactly as registered ({}), and configure the app's public URL with the host written that way.{reg_fix}", r.host().unwrap_or(""))),
            // Keycloak's broker endpoint carries the realm's own name, whose case is the realm's.
            Difference::PathCase if super::client::server_stack(s.path()) == Some("Keycloak") && super::client::server_stack(r.path()) == Some("Keycloak") => {
                f.detail(format!("{ctx} Keycloak builds the broker endpoint from the realm's name as it was created (…/realms/<realm>/broker/<alias>/endpoint, shown as the Redirect URI on the identity provider's page); realm names are case-sensitive, so the registered URI names the realm in another case than Keycloak sends.")).fix(format!("Register {new_uri}, the Redirect URI Keycloak shows, under {} — {keep} Remove {} once nothing sends it.", platform.portal_name(), near.uri))
            }
            // The case differs before the app's own route (an IIS application, a path base): that
            // part is the case of the address the user typed, not a setting of the app.
            Difference::PathCase if {
                let (sp, rp) = (s.path(), r.path());
                let (sl, rl) = (sp.rsplit_once('/'), rp.rsplit_once('/'));
                matches!((sl, rl), (Some((sd, sn)), Some((rd, rn))) if sn == rn && sd != rd && !sd.is_empty())
            } => f.detail(format!("{ctx} Redirect URIs are case-sensitive and must match the case of the app's URL path (Entra: 'Reply address did not match because of case sensitivity'). The case differs in the part before the callback route: under IIS (an application in a virtual directory) or a path base, that part takes the case of the address the user typed, so the app sends whatever case each user used.")).fix(format!("Make the case one: have the app send the registered URI as a fixed value (its redirect URI setting; in ASP.NET Core, set RedirectUri in OnRedirectToIdentityProvider), or add a rewrite rule that redirects other casings of {} to it before sign-in. Registering each casing fixes only the users who type it.{reg_fix}", r.path())),
            Difference::PathCase => f.detail(format!("{ctx} Redirect URIs are case-sensitive and must match the case of the app's URL path (Entra: 'Reply address did not match because of case sensitivity').")).fix(format!("Send the path exactly as registered ({}).{reg_fix}", r.path())),
            Difference::Path | Difference::Host if malformed(&s, &r).is_some() => {
                let (short, long) = malformed(&s, &r).unwrap_or_default();
                f.title(format!("The sent redirect URI has {short}"))
                    .detail(format!("{ctx} {long} Without it the sent URI is {}, the registered one; Entra compares the form as written and does not clean it up.", near.uri))
                    .fix(format!("Fix the app's base URL or callback path setting so it sends {} exactly. Registering the malformed form would only hide the fault.", near.uri))
            }
            Difference::Path | Difference::Host if connector => {
                let global = "https://global.consent.azure-apim.net/redirect";
                let why = format!("{ctx} {sent} is an address of Microsoft's connector consent service (Power Platform custom connectors, Logic Apps), and the connector picks which one it sends: a custom connector set to a unique redirect URI sends its own (shown on its Security tab), and only one still set to the global redirect URI sends {global}.");
                if sent == global {
                    f.detail(why).fix(format!("This connector is set to the global redirect URI. If {} is its own unique redirect URI, set the connector to use it (Security tab: update to unique redirect URI); otherwise register {sent} under {}, for as long as the connector uses it — {keep}", near.uri, platform.portal_name()))
                } else {
                    f.detail(why).fix(format!("Register {sent}, the redirect URI this connector sends, under {} — {keep} The registered {} serves only connectors set to use it.", platform.portal_name(), near.uri))
                }
            }
            // A product's own callback route on both sides, another one sent: the product builds
            // it from its version, its settings and the provider's name (product_route says which).
            Difference::Path if registrable.is_empty() && clean(&new_uri) && super::client::server_stack(s.path()).is_some_and(|p| super::client::server_stack(r.path()) == Some(p) && matches!(p, "Keycloak" | "Auth.js (NextAuth)" | "OmniAuth (GitLab, Rails)")) => {
                let product = super::client::server_stack(s.path()).unwrap_or_default();
                f.detail(format!("{ctx} Both are {product}'s own callback routes. {}", product_route(product, s.path(), r.path()))).fix(format!("Register {new_uri} under {} — {keep} Remove {} once nothing sends it.", platform.portal_name(), near.uri))
            }
            // The nativeclient URI is one fixed value for every cloud (MSAL intercepts it): an
            // app that builds it from a national cloud's host sends another string.
            Difference::Host if s.path().eq_ignore_ascii_case("/common/oauth2/nativeclient") && r.path().eq_ignore_ascii_case("/common/oauth2/nativeclient") => f.title("The nativeclient URI is sent on another host").detail(format!("{ctx} https://login.microsoftonline.com/common/oauth2/nativeclient is a fixed redirect URI for desktop apps with an embedded browser, which MSAL intercepts, and it can be used in any cloud; the app built it from its authority's host ({}) instead.", s.host().unwrap_or(""))).fix(format!("Set the app's redirect URI to {} explicitly (MSAL: WithRedirectUri), whatever cloud it signs in to; or register {sent} under {} — {keep}", near.uri, platform.portal_name())),
            // The host of msauth://<package>/<hash> is the build's applicationId, not a site.
            Difference::Host if android => f.title("The Android package name (applicationId) differs from the registered URI").detail(format!("{ctx} The package name differs ({} vs {}): the host of an Android redirect URI is the applicationId of the build that signs in, and each build variant with its own applicationId (an applicationIdSuffix such as .debug, another flavour) sends its own URI, so each needs its own registered one.", s.host().unwrap_or(""), r.host().unwrap_or(""))).fix(format!("If this build ({}) is meant to sign in, register {sent} under {} (the portal's Android platform builds it from the package name and signature hash) — {keep} Otherwise sign in with the build whose package name is {}.", s.host().unwrap_or(""), platform.portal_name(), r.host().unwrap_or(""))),
            // The same identity broker's callback on another of its hosts (a region, a tenant, an
            // admin or team domain, a custom domain): the broker sends the one it is set up with.
            Difference::Host if registrable.is_empty() && clean(&new_uri) && super::client::broker(sent).is_some_and(|b| super::client::broker(&near.uri) == Some(b)) => {
                let broker = super::client::broker(sent).unwrap_or_default();
                f.detail(format!("{ctx} Both are {broker}'s callback, which {broker} builds itself on the domain it signs in through (its tenant's or region's, or the custom domain it is set to use), so the registered host is not the one it sends; no app setting changes it.")).fix(format!("Register {new_uri} exactly, the callback (redirect URI) {broker}'s identity provider settings show, under {} — {keep} Remove {} once nothing sends it.", platform.portal_name(), near.uri))
            }
            Difference::Host => {
                let (sh, rh) = (s.host().unwrap_or(""), r.host().unwrap_or(""));
                let register = if registrable.is_empty() {
                    format!("If {sh} is where the app now lives, register {new_uri}{why_form} under {}. {keep}", platform.portal_name())
                } else {
                    reg_fix.trim_start().to_string()
                };
                // A platform's default host where another is registered with the same path: the
                // host a front end (Front Door, Application Gateway) forwarded to the app.
                let default_host = |h: &str| {
                    let h = h.to_ascii_lowercase();
                    // The public cloud's, Azure Government's and Azure operated by 21Vianet's.
                    [
                        ".azurewebsites.net",
                        ".azurecontainerapps.io",
                        ".cloudapp.azure.com",
                        ".azurewebsites.us",
                        ".cloudapp.usgovcloudapi.net",
                        ".chinacloudsites.cn",
                        ".cloudapp.chinacloudapi.cn",
                    ]
                        .iter()
                        .any(|d| h.ends_with(d))
                };
                let behind_front = s.path() == r.path() && default_host(sh) && !default_host(rh);
                let front = match hint.filter(|_| behind_front) {
                    Some(h) => format!(" If users reach it at {rh} through a front end that forwards another host, make the app see the original one: {h}."),
                    None => String::new(),
                };
                // A wildcard is a pattern to register, never a host to send.
                if rh.contains('*') {
                    let covers = if rh.starts_with("*.") && sh.eq_ignore_ascii_case(&rh[2..]) {
                        format!(" The '*' stands for at least one character before '.{}', so the wildcard covers subdomains such as www.{sh}, never {sh} itself.", &rh[2..])
                    } else {
                        String::new()
                    };
                    f.detail(format!("{ctx} Host {sh} does not fit the wildcard {rh}.{covers}")).fix(register)
                } else if behind_front {
                    // The front end first: registering the backend host sends the browser around
                    // it, to a host whose cookies the sign-in did not set.
                    let only = if registrable.is_empty() {
                        format!("Only if users open the app at {sh} itself, register {new_uri}{why_form} under {}. {keep}", platform.portal_name())
                    } else {
                        format!("Only if users open the app at {sh} itself: {}", reg_fix.trim_start())
                    };
                    let keep_host = hint.unwrap_or("have it trust the front end's X-Forwarded-Host and X-Forwarded-Proto, or set its public base URL");
                    f.detail(format!("{ctx} Host {sh} is not {rh}: {sh} is the platform's own host, which a front end (Front Door, Application Gateway) forwarded to the app in place of the one the browser used.")).fix(format!("If users reach the app at {rh}, make the app see that host: keep the original Host header in the front end (Front Door: an empty origin host header; Application Gateway: no host name override), or {keep_host}. Registering {sh} instead would send the browser around the front end (past its firewall, often into the app's access restrictions) to a host whose cookies the sign-in did not set (Correlation failed). {only}"))
                } else {
                    f.detail(format!("{ctx} Host {sh} is not {rh}.")).fix(format!("{register} Otherwise configure the app to use {rh}.{front}"))
                }
            }
            Difference::Userinfo => f.title("The user information before '@' differs from the registered URI").detail(format!("{ctx} The part before '@' differs ({} vs {}); user information is part of the string Entra compares, and a redirect URI has no use for it.", s.userinfo().map_or("none".to_string(), |u| format!("'{u}'")), r.userinfo().map_or("none".to_string(), |u| format!("'{u}'")))).fix(format!("Send {} exactly, without user information.", near.uri)),
            Difference::Port => f.detail(format!("{ctx} The port is part of the comparison{}.", if s.is_localhost() && r.is_localhost() && ![s.scheme_lower(), r.scheme_lower()].iter().all(|x| x == "http" || x == "https") { "; Entra documents the localhost port exception for web addresses (http and https, reply-url; RFC 8252 §7.3), so this scheme's port is compared as written" } else if s.is_localhost() && r.is_localhost() { if r.port().is_none() { " on Azure AD B2C for https://localhost: B2C takes any port only for an http://localhost URI registered without one (documented for desktop apps), and refuses a port-less https://localhost for any port (AADB2C90006)" } else { " on Azure AD B2C, which takes only the registered port when a localhost URI is registered with one (it takes any port for an http://localhost URI registered without a port)" } } else if s.is_localhost() { "; the localhost port exception applies only when the registered URI is localhost too" } else if s.is_loopback_v4() { "; Entra documents the port exception for localhost only, not for 127.0.0.1" } else { "; only localhost URIs have their port ignored" })).fix(format!("Run the app on the registered port, or register the port it uses.{reg_fix}{}", if s.is_loopback_v4() { " For a desktop app with a random port, use http://localhost (port ignored) instead of 127.0.0.1." } else { "" })),
            Difference::DefaultPort => f.detail(format!("{ctx} An explicit :443 or :80 is not removed before comparing (RFC 3986 §6.2.3 normalisation is not applied).")).fix(format!("Drop the default port from the app's configured URL and send {}.", near.uri)),
            // MSAL Android sends its configured URI with the hash URL-encoded, as the portal's
            // Android platform generates it; a registration holding it decoded is the one to fix.
            Difference::PercentEncoding if android_encoded => f.detail(format!("{ctx} After Entra decodes the request once, the two differ only in percent-encoding ({sent} vs {}); Entra documents no normalisation of encodings. The app sends the Android signature hash URL-encoded, the form the portal's Android platform generates and MSAL Android's configuration must hold (its own check refuses the hash decoded); the registered entry holds it decoded.", near.uri)).fix(format!("Register {sent} under {} in place of {} (the Android platform generates it from the package name and signature hash). {}", platform.portal_name(), near.uri, fix::keep_note(&without_near, platform))),
            Difference::PercentEncoding => f.detail(format!("{ctx} After Entra decodes the request once, the two differ only in percent-encoding ({} vs {}); Entra documents no normalisation of encodings.", sent, near.uri)).fix(format!("Send the URI with the same characters as registered ({}), encoded once as a whole.", near.uri)),
            Difference::InvisibleCharacters => {
                let in_registered = uri::strip_invisible(sent) == sent;
                let side = if in_registered { format!("The registered URI {} ", near.uri.escape_unicode_invisible()) } else { format!("The sent URI {} ", sent.escape_unicode_invisible()) };
                let fix = if in_registered {
                    format!("Delete the registered entry and type it again by hand: {}.", uri::strip_invisible(&near.uri))
                } else if diffs.len() > 1 {
                    // Retyped alone it would still differ: the registered URI is what to type.
                    format!("Retype the redirect URI in the app's configuration by hand, as registered: {}.", uri::strip_invisible(&near.uri))
                } else {
                    format!("Retype the redirect URI in the app's configuration by hand: {}.", uri::strip_invisible(sent))
                };
                let besides = if diffs.len() > 1 { " besides the other differences" } else { " although the text looks the same" };
                f.detail(format!("{ctx} {side}contains an invisible character (usually pasted from a document or chat), which makes the bytes differ{besides}.")).fix(fix)
            }
            Difference::ConfusableCharacters if uri::differ_in_composition(&uri::percent_decode(sent), &uri::percent_decode(&near.uri)) => {
                f.title("An accented letter is written differently in the sent and the registered URI")
                    .detail(format!("{ctx} One writes an accented letter as one character (é, U+00E9: Unicode's composed form, NFC), the other as the letter followed by a combining accent (e and U+0301: the decomposed form, NFD, which macOS file names and some editors produce). They look the same, but they are different characters (%C3%A9 against e%CC%81 in the URL), and Entra compares characters."))
                    .fix(format!("Write the redirect URI in the app's configuration in the registered form, {} (or use a plain ASCII path and register that).", near.uri))
            }
            Difference::ConfusableCharacters => {
                let odd: Vec<String> = sent.chars().chain(near.uri.chars()).filter_map(|ch| uri::confusable_ascii(ch).map(|a| format!("'{ch}' (U+{:04X}) looks like '{a}'", ch as u32))).collect();
                f.detail(format!("{ctx} A look-alike character makes them differ: {}. Internationalised domain names are not supported in redirect URIs.", odd.join(", "))).fix(format!("Retype the URI in plain ASCII: {}.", uri::skeleton(&near.uri)))
            }
            // The app sends localhost (MSAL Java rewrites 127.0.0.1 to it): registering
            // localhost, whose port Entra ignores, is the fix that holds for every run.
            Difference::LocalhostVsLoopbackIp if s.is_localhost() && registrable.is_empty() && clean(&new_uri) => f.detail(format!("{ctx} localhost and {loopback_ip} are different hosts to Entra; nothing documents them as equivalent. Some libraries send localhost even when configured with 127.0.0.1 (MSAL Java rewrites it).")).fix(format!("Register {new_uri}{why_form} under {} — {keep} Or make the app send {send_to}.", platform.portal_name())),
            // A server app builds redirect_uri from the address the browser used, and its session
            // cookie belongs to that host: made to send localhost while the user stays on
            // 127.0.0.1, its callback arrives without the session (state missing).
            // An identity broker run on this machine (Supabase's local stack, a Keycloak container)
            // builds its callback from its own configured address, not from the app's.
            Difference::LocalhostVsLoopbackIp if super::client::broker(sent).is_some() => {
                let broker = super::client::broker(sent).unwrap_or_default();
                f.detail(format!("{ctx} localhost and {loopback_ip} are different hosts to Entra; nothing documents them as equivalent. {sent} is {broker}'s callback, which {broker} builds from its own configured address (its external or API URL), not from the address the app was opened at.")).fix(format!("Register {sent} (the portal refuses http://127.0.0.1, so add it in the manifest (replyUrlsWithType) or with the command below), or set {broker}'s callback or external URL to {} so it sends the registered one.", near.uri))
            }
            Difference::LocalhostVsLoopbackIp if c.client.kind == super::client::ClientKind::WebServer && !s.is_localhost() && r.is_localhost() => f.detail(format!("{ctx} localhost and {loopback_ip} are different hosts to Entra; nothing documents them as equivalent. A server-side app builds redirect_uri from the address the browser used, so it was opened at {}.", s.origin())).fix(format!("Open the app at {} (not {}), so it builds the registered redirect URI and its session cookie is for the host the callback comes back to; making it send localhost while the browser stays on 127.0.0.1 loses the session on the callback (state missing). Or register {sent}: the portal refuses http://127.0.0.1, so add it in the manifest (replyUrlsWithType) or with the command below.", Uri::new(&send_to).origin(), s.origin())),
            // A loopback listener on 127.0.0.1 and a registered localhost: the port sent is this
            // run's, so sending localhost (port ignored) is the fix that holds on the next run.
            Difference::LocalhostVsLoopbackIp if new_uri != sent && r.is_localhost() && registrable.is_empty() && clean(&new_uri) => f.detail(format!("{ctx} localhost and {loopback_ip} are different hosts to Entra; nothing documents them as equivalent.")).fix(format!("Make the app send {} on any port (http://localhost:<port>: Entra ignores the port of localhost URIs (reply-url; RFC 8252 §7.3), so the registered entry matches whatever free port its loopback listener takes) — or register {new_uri}{why_form}; the portal refuses http://127.0.0.1, so add it in the manifest (replyUrlsWithType) or with the command below. {keep}", near.uri)),
            Difference::LocalhostVsLoopbackIp => f.detail(format!("{ctx} localhost and {loopback_ip} are different hosts to Entra; nothing documents them as equivalent.")).fix(if registrable.is_empty() { format!("Send {send_to} — or register {sent}; the portal refuses http://127.0.0.1, so add it in the manifest (replyUrlsWithType) or with the command below.") } else { format!("Send {send_to}: {sent} cannot be registered ({}).", registrable.join("; ")) }),
            // A SAML service provider's ACS URL carries its own query (Atlassian's connection,
            // Tableau's site alias, Salesforce's org): set by the product, with no state to
            // carry it in: the Reply URL is to hold it exactly.
            // Vault Enterprise adds the namespace to its callback as a query; the role lists the
            // same URIs.
            Difference::Query if super::client::server_stack(s.path()) == Some("HashiCorp Vault") && registrable.is_empty() && clean(&new_uri) => {
                f.detail(format!("{ctx} {sent} is HashiCorp Vault's OIDC callback: Vault Enterprise adds the auth method's namespace as a query (?namespace=…) itself, so no setting sends it without.")).fix(format!("Register {new_uri}{why_form} under {} — {keep} Add the same URI to the Vault role's allowed_redirect_uris (vault write auth/<mount>/role/<role> allowed_redirect_uris=…), which Vault checks too.", platform.portal_name()))
            }
            Difference::Query if c.req.is_some_and(|r| r.saml.is_some()) && s.query().is_some() => f.detail(format!("{ctx} The query string is part of the comparison. A SAML service provider's Assertion Consumer Service URL may carry a query of its own (a connection, site or organisation ID) that the product sets and needs to route the assertion; a SAML request has no state to carry it instead.")).fix(format!("Copy the ACS URL exactly as the service provider's SSO settings show it, query included, into Basic SAML Configuration › Reply URL (Assertion Consumer Service URL): {sent}.")),
            Difference::Query => {
                // A query the app needs for its own routing (a plugin's ?action=…) can be
                // registered, except for audiences with personal accounts.
                let register = match (s.query().is_some(), c.audience.includes_personal()) {
                    (false, _) => String::new(),
                    (true, false) => format!(" If the app needs its query to route the response, register {sent} instead: a query string in a redirect URI is allowed for apps that sign in only work or school accounts."),
                    (true, true) => format!(" Registering {sent} is not possible here: the sign-in audience ({}) includes personal Microsoft accounts, whose redirect URIs may not carry a query string; an app that needs one to route the response needs a callback path without it.", c.audience.as_str()),
                };
                let fix = if s.query().is_some() {
                    format!("Send {} without the query and carry the return path in state.{register}", r.without_query_fragment())
                } else {
                    format!("Send {} exactly, its query included.{reg_fix}", send_to)
                };
                f.detail(format!("{ctx} The query string is part of the comparison; apps that send their current URL (with ?returnUrl=…) as redirect_uri get {}.", if c.b2c { "AADB2C90006" } else { "AADSTS50011" })).fix(fix)
            }
            Difference::Fragment => f.detail(format!("{ctx} The fragment differs; redirect URIs must not contain one (RFC 6749 §3.1.2).")).fix(format!("Send {} without '#'.", r.without_query_fragment())),
            Difference::Path if own_id.is_some() && registrable.is_empty() => f.detail(format!("{ctx} The sent path carries this app's client ID ({}), as a broker redirect URI does (ms-appx-web://microsoft.aad.brokerplugin/<client ID>); the registered one carries another ID, so it is another app's URI.", own_id.unwrap_or_default())).fix(format!("Register {sent} under {} — {keep} Sending the other app's URI cannot work.", platform.portal_name())),
            Difference::Path if msal_page && c.client.kind == ClientKind::Spa && registrable.is_empty() && clean(&new_uri) => f.detail(format!("{ctx} {sent} is the page an MSAL.js app answers popup and silent requests at (a blank page, so the app's router does not take the response away), a redirect URI of its own.")).fix(format!("Register {new_uri} under {} — {keep} Or set the request's redirectUri back to {}.", platform.portal_name(), near.uri)),
            Difference::Path if postman_toggle.is_some() => f.detail(format!("{ctx} Both are Postman's callbacks: Postman sends https://oauth.pstmn.io/v1/browser-callback when it authorizes in the system browser ('Authorize using browser', and always on Postman for the web), and https://oauth.pstmn.io/v1/callback when the desktop app signs in in its own window.")).fix(format!("To send the registered one, {} {}).{reg_fix}", postman_toggle.unwrap_or_default(), near.uri)),
            Difference::Path if current_page => f.detail(format!("{ctx} When its configuration sets no redirectUri, MSAL.js sends the URL of the page the sign-in started from, so every page a user signs in from sends another URI.")).fix(format!("Set redirectUri to {} in the MSAL configuration (auth.redirectUri, or per request); MSAL returns the user to the page they started from afterwards (navigateToLoginRequestUrl).{reg_fix}", send_to)),
            // The same key's hash in another form: URL-safe Base64, or keytool's hex fingerprint.
            Difference::Path if is_android_hash(&near.uri) && android_hash_form(s.path()).is_some() => {
                let (std, what) = android_hash_form(s.path()).unwrap_or_default();
                let meant = format!("msauth://{}/{}", s.host().unwrap_or(""), uri::form_encode(&std));
                let same = uri::percent_decode(&meant) == uri::percent_decode(&near.uri);
                let detail = format!("{ctx} The sent path holds {what} instead of the signature hash as MSAL Android and the portal write it: the SHA-1 in standard Base64 ({std}), URL-encoded. {ANDROID_HASH}");
                if same {
                    f.title("The Android signature hash is written in another form than the registered one").detail(format!("{detail} Written that way it is the registered hash: the same key.")).fix(format!("Put {} in the MSAL configuration's redirect_uri (auth_config.json); it is registered.", near.uri))
                } else {
                    f.title("The Android signature hash is written in another form").detail(detail).fix(format!("Put {meant} in the MSAL configuration's redirect_uri and register it under {} (the portal's Android platform builds it from the package name and this hash) — {keep}", platform.portal_name()))
                }
            }
            Difference::Path if android => f.detail(format!("{ctx} Only the signature hash differs ({} vs {}). {ANDROID_HASH}", s.path(), r.path())).fix(format!("If this build (signed with the key whose hash {sent} holds) is meant to sign in, register {sent} under {} — {keep} Otherwise sign the app with the key whose hash is registered, and put {} in its MSAL configuration.", platform.portal_name(), near.uri)),
            Difference::Path => f.detail(format!("{ctx} Path {} is not {}.", if s.path().is_empty() { "(empty)" } else { s.path() }, if r.path().is_empty() { "(empty)" } else { r.path() })).fix(format!("Send {} (check the callback path in the app's settings).{reg_fix}", send_to)),
        };
        let f = if *d == Difference::Scheme && inner_port {
            let mut f = f;
            f.detail.push_str(&format!(" Its port {} is the inner one too (the registered URI has none): the same setting gives the app the browser's scheme and port.", s.port().unwrap_or("")));
            f
        } else {
            f
        };
        let f = if android_encoded && *d == Difference::PercentEncoding {
            f.snippet(
                format!("URI to register under {}", platform.portal_name()),
                sent,
            )
            .snippet(
                format!("az CLI (replaces {}, keeps the others)", near.uri),
                fix::register_command(&without_near, c.app_id(), platform, sent),
            )
        } else if fixed.is_some()
            || (*d == Difference::Query
                && c.req.is_some_and(|r| r.saml.is_some())
                && s.query().is_some())
            || android && matches!(d, Difference::Path | Difference::Host)
            || connector && matches!(d, Difference::Path | Difference::Host)
            || (*d == Difference::Scheme && registrable.is_empty() && !near_refused.is_empty())
        {
            register_snippets(f)
        } else if *d == Difference::Scheme && s.scheme_lower() == "http" && s.is_localhost() {
            // http://localhost against https: registering it (allowed) or sending the https one.
            register_snippets(send_snippet(f))
        } else if matches!(d, Difference::Path | Difference::Host) && malformed(&s, &r).is_some()
            || matches!(
                d,
                Difference::Scheme
                    | Difference::DefaultPort
                    | Difference::PercentEncoding
                    | Difference::InvisibleCharacters
                    | Difference::ConfusableCharacters
                    | Difference::Query
                    | Difference::Fragment
            )
        {
            send_snippet(f)
        } else if own_id.is_some() && *d == Difference::Path
            || built_host && *d == Difference::HostCase && registrable.is_empty() && clean(&new_uri)
        {
            register_snippets(f)
        } else {
            register_snippets(send_snippet(f))
        };
        out.push(f);
    }
}

/// The callback routes products build themselves, with no setting that writes them another
/// way: the product and the route as it sends it.
fn fixed_route(path: &str) -> Option<(&'static str, &'static str)> {
    const ROUTES: &[(&str, &str)] = &[
        (
            "/.auth/login/aad/callback",
            "App Service, Functions, Static Web Apps or Container Apps authentication",
        ),
        (
            "/securityRealm/finishLogin",
            "Jenkins (its Entra ID plugin)",
        ),
        ("/oauth2/idpresponse", "Amazon Cognito"),
        ("/oauth2/v1/authorize/callback", "Okta"),
        ("/__/auth/handler", "Firebase Authentication"),
        ("/cdn-cgi/access/callback", "Cloudflare Access"),
        ("/auth/v1/callback", "Supabase Auth"),
    ];
    ROUTES
        .iter()
        .find(|(route, _)| path.ends_with(route))
        .map(|(route, product)| (*product, *route))
}

trait EscapeInvisible {
    fn escape_unicode_invisible(&self) -> String;
}

impl EscapeInvisible for str {
    fn escape_unicode_invisible(&self) -> String {
        self.chars()
            .map(|c| {
                if uri::invisible_name(c).is_some() {
                    format!("⟨U+{:04X}⟩", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect()
    }
}

/// The command that moves `uri` from one platform's list to another's, keeping the other URIs
/// of both (each once): one Microsoft Graph PATCH that sets both lists.
fn move_command(
    reg: &Registered,
    app_id: Option<&str>,
    uri: &str,
    from: Platform,
    to: Platform,
) -> String {
    let key = |p: Platform| match p {
        Platform::Spa => "spa",
        Platform::PublicClient => "publicClient",
        Platform::Web | Platform::Unknown => "web",
    };
    let list = |p: Platform, with: bool| {
        let mut seen = std::collections::HashSet::new();
        let mut v: Vec<&str> = reg
            .on(p)
            .into_iter()
            .filter(|u| *u != uri && seen.insert(*u))
            .collect();
        if with {
            v.push(uri);
        }
        v
    };
    // A destination list the paste does not show is read from Entra, not replaced by the one
    // URI (a paste of one platform's section, one infrastructure resource).
    let known = reg.shows(to);
    let id = app_id
        .unwrap_or(fix::APP_ID_PLACEHOLDER)
        .replace(['\'', '"', '\\', '$', '`'], "");
    let mut body = serde_json::Map::new();
    for (p, with) in [(from, false), (to, true)] {
        if p == to && !known {
            continue;
        }
        body.insert(
            key(p).to_string(),
            serde_json::json!({ "redirectUris": list(p, with) }),
        );
    }
    let patch = format!(
        "az rest --method PATCH --uri \"https://graph.microsoft.com/v1.0/applications(appId='{id}')\" --headers 'Content-Type=application/json' --body {}",
        fix::sh_quote(&serde_json::Value::Object(body).to_string())
    );
    let flag = match to {
        _ if known => return patch,
        Platform::Web | Platform::Unknown => "--web-redirect-uris",
        Platform::PublicClient => "--public-client-redirect-uris",
        // No az flag sets the single-page list: the portal adds it there.
        Platform::Spa => return patch,
    };
    format!(
        "{patch} && az ad app update --id '{id}' {flag} $(az ad app show --id '{id}' --query '{}.redirectUris[]' -o tsv) {}",
        key(to),
        fix::sh_quote(uri)
    )
}

fn platform_checks(c: &Ctx, m: &Registration, out: &mut Vec<Finding>) {
    let kind = c.client.kind;
    let why = if c.client.because.is_empty() {
        String::new()
    } else {
        format!(" ({})", c.client.because)
    };
    let (from, uri) = (m.platform.portal_name(), m.uri.as_str());
    let change = |to: Platform| {
        let text = if c.reg.on(to).contains(&uri) {
            format!("Remove {uri} from {from}: it is registered under {} too, and a redirect URI must be unique across platforms (Entra uses one of the entries). Keep only the {} entry.", to.portal_name(), to.portal_name())
        } else {
            format!("Move {uri} from {from} to {}: remove it there and add it under {} (Authentication › Add a platform), or set its type in the manifest.", to.portal_name(), to.portal_name())
        };
        // URIs the pasted list names under no platform: the command's lists cannot hold them.
        let mut seen = std::collections::HashSet::new();
        let unplaced: Vec<&str> = c
            .reg
            .uris
            .iter()
            .filter(|r| c.reg.has_platforms && r.platform == Platform::Unknown)
            .map(|r| r.uri.as_str())
            .filter(|u| *u != uri && seen.insert(*u))
            .collect();
        let text = match unplaced.as_slice() {
            [] => text,
            [one] => format!("{text} The command leaves out {one}, which the pasted list names under no platform: add it to the {from} list of the command if it is registered there, or the command removes it."),
            [first, rest @ ..] => format!("{text} The command leaves out {} URIs the pasted list names under no platform ({first}, …): add those registered under {from} to the command, or it removes them.", rest.len() + 1),
        };
        let text = match c.reg.source {
            Some(code) => format!("{text} The pasted list is {code} code, which owns the registration: change the URI's type there (and deploy it), or its next deployment undoes the command."),
            None => text,
        };
        if c.reg.problems.is_empty() {
            text
        } else {
            format!("{text} Part of the pasted list could not be read (see the input finding): add the URIs it holds to the command, or it removes them.")
        }
    };
    let snippets = |f: Finding, to: Platform| {
        let f = if c.reg.on(to).contains(&uri) {
            f
        } else {
            f.snippet(format!("URI to register under {}", to.portal_name()), uri)
        };
        let label = if c.reg.shows(to) {
            format!("az CLI (removes it from {from}, keeps the other URIs)")
        } else if to == Platform::Spa {
            format!("az CLI (removes it from {from}; the paste does not show the Single-page application list, so add it there in the portal)")
        } else {
            format!("az CLI (removes it from {from}, adds it to the {} URIs registered now, which the paste does not show)", to.portal_name())
        };
        f.snippet(label, move_command(c.reg, c.app_id(), uri, m.platform, to))
    };
    match (m.platform, kind) {
        (Platform::Web, ClientKind::Spa) | (Platform::PublicClient, ClientKind::Spa) => out.push(snippets(finding("redirect.platform_mismatch").aadsts(9002326).title(format!("A browser app's redirect URI is registered under {}", m.platform.portal_name())).detail(format!("The request comes from a single-page app{why}, which redeems the code from the browser (cross-origin, with an Origin header). Entra only allows that for URIs of type Single-page application: 'Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type' (AADSTS9002326); MSAL.js reports a CORS error / post_request_failed.")).fix(change(Platform::Spa)), Platform::Spa)),
        (Platform::Spa, ClientKind::WebServer) => out.push(snippets(finding("redirect.platform_mismatch").aadsts(9002327).title("A server app's redirect URI is registered as a single-page application").detail(format!("The request comes from a server-side app{why}, which redeems the code from the server without an Origin header. Codes issued for a SPA redirect URI 'may only be redeemed via cross-origin requests' (AADSTS9002327), and SPA codes require PKCE (AADSTS9002325).")).fix(change(Platform::Web)), Platform::Web)),
        (Platform::Spa, ClientKind::Native) => out.push(snippets(finding("redirect.platform_mismatch").aadsts(9002327).title("A mobile or desktop app's redirect URI is registered as a single-page application").detail(format!("The request comes from a public client{why}, which redeems the code from the app, without a browser's Origin header. Codes issued for a SPA redirect URI 'may only be redeemed via cross-origin requests' (AADSTS9002327).")).fix(change(Platform::PublicClient)), Platform::PublicClient)),
        (Platform::Web, ClientKind::Native) => out.push(snippets(finding("redirect.platform_mismatch").aadsts(7000218).title("A mobile or desktop app's redirect URI is registered under Web").detail(format!("The request comes from a public client{why}. A Web redirect URI makes the app a confidential client, so the token request needs a client secret: 'The request body must contain … client_assertion or client_secret' (AADSTS7000218).")).fix(change(Platform::PublicClient)), Platform::PublicClient)),
        (Platform::PublicClient, ClientKind::WebServer) => out.push(snippets(finding("redirect.platform_mismatch").severity(Severity::Warning).aadsts(700025).title("A server app's redirect URI is registered as a public client").detail(format!("The request comes from a server-side app{why}; a public-client redirect URI makes Entra refuse its client secret (AADSTS700025: public clients must not send a client_secret).")).fix(change(Platform::Web)), Platform::Web)),
        _ => return,
    }
    // Registered under the app's platform too: which entry Entra takes is not documented, so
    // the wrong one is a risk to remove, not the certain cause.
    let fits = match kind {
        ClientKind::Spa => Platform::Spa,
        ClientKind::WebServer => Platform::Web,
        _ => Platform::PublicClient,
    };
    if let Some(f) = out.last_mut().filter(|_| c.reg.on(fits).contains(&uri)) {
        f.severity = Severity::Warning;
        f.title = format!(
            "The redirect URI is registered under both {from} and {}",
            fits.portal_name()
        );
        f.detail = format!("{uri} is registered under {from} and under {}. Which of the two entries Entra takes for a request is not documented. If it takes the {from} entry: {}", fits.portal_name(), f.detail);
    }
}

/// What the path of an Android redirect URI is, and how to get it (Entra's Android platform).
/// True for MSAL's iOS / macOS redirect URI form, `msauth.<bundle ID>://auth`.
fn is_apple_broker(uri: &str) -> bool {
    let scheme = uri.split_once("://").map_or("", |(s, _)| s);
    scheme.len() > "msauth.".len()
        && scheme
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("msauth."))
}

/// The bundle ID in an `msauth.<bundle ID>://…` URI.
fn bundle_of(uri: &str) -> &str {
    uri.split_once("://")
        .and_then(|(s, _)| s.get(7..))
        .unwrap_or("")
}

const ANDROID_HASH: &str = "The path of an Android redirect URI (msauth://<package>/<hash>) is the Base64 SHA-1 hash of the certificate that signed the app, URL-encoded (as the portal's Android platform shows it). Each signing key gives its own hash: the debug keystore, the release (upload) key and Google Play App Signing's key differ, so each build that signs in needs its own registered URI. keytool -list -v -keystore <keystore> -alias <alias> prints a key's SHA-1 fingerprint, and the Play Console (Setup › App integrity › App signing) shows the Play App Signing key's; the hash is those 20 bytes in Base64.";

/// A path holding a signing key's SHA-1 in a form other than MSAL's standard Base64: in
/// URL-safe Base64 (`-`, `_`), or as keytool's hex fingerprint (`DA:99:…`). The standard
/// Base64 and what the form was.
fn android_hash_form(path: &str) -> Option<(String, &'static str)> {
    use base64::Engine as _;
    let p = uri::percent_decode(path.strip_prefix('/').unwrap_or(path));
    if p.len() == 28
        && p.ends_with('=')
        && p.contains(['-', '_'])
        && p.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'='))
    {
        return Some((
            p.replace('-', "+").replace('_', "/"),
            "the hash in URL-safe Base64 ('-' and '_' for '+' and '/')",
        ));
    }
    let pairs: Vec<&str> = p.split(':').collect();
    if pairs.len() == 20 && pairs.iter().all(|h| h.len() == 2) {
        let bytes: Option<Vec<u8>> = pairs
            .iter()
            .map(|h| u8::from_str_radix(h, 16).ok())
            .collect();
        return bytes.map(|b| {
            (
                base64::engine::general_purpose::STANDARD.encode(b),
                "the key's SHA-1 fingerprint as keytool prints it (hex, with colons)",
            )
        });
    }
    None
}

/// The client ID in an `msal{client ID}://…` scheme, if the URI has one.
fn msal_scheme_id(u: &str) -> Option<&str> {
    let scheme = u.split_once("://")?.0;
    let id = scheme.get(4..)?;
    (scheme.get(..4)?.eq_ignore_ascii_case("msal")
        && id.len() == 36
        && super::authorize::first_guid(id).is_some())
    .then_some(id)
}

/// True for an Android redirect URI: `msauth://<package>/<Base64 SHA-1>` (28 characters once
/// decoded, ending in '=').
pub fn is_android_hash(u: &str) -> bool {
    let u = Uri::new(u);
    let hash = uri::percent_decode(u.path().strip_prefix('/').unwrap_or(""));
    u.scheme_lower() == "msauth"
        && u.host().is_some_and(|h| h.contains('.'))
        && hash.len() == 28
        && hash.ends_with('=')
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// MSAL Android refused its configured redirect URI (`configured`) because the installed app's
/// package name and signing key give another one (`built`): nothing reached Entra. Says how the
/// two differ and whether the pasted registration holds the one the app needs.
fn android_check(c: &Ctx, built: &str, configured: &str, out: &mut Vec<Finding>) {
    let f = finding("response.library_error").title("MSAL Android refused its configured redirect URI: it is not the one the app's package name and signing key give");
    if built.is_empty() || configured.is_empty() {
        out.push(f.detail(format!("MSAL Android builds msauth://<package name>/<signature hash> from the installed app and compares it with the redirect_uri of its configuration file; they differ, so it stopped before any request reached Entra (there is no AADSTS code). {ANDROID_HASH}")).fix("Put the URI of this build (package name and the hash of the key that signed it) in the configuration file's redirect_uri and register it under Android; newer MSAL versions quote both URIs in this message ('We expected … and we received …'), which shows which part differs."));
        return;
    }
    let (b, r) = (Uri::new(built), Uri::new(configured));
    let how = if b.host() != r.host() {
        format!("They differ in the package name: the installed app is {}, the configuration names {} (a build variant's applicationIdSuffix, or another app's configuration).", b.host().unwrap_or(""), r.host().unwrap_or(""))
    } else if uri::percent_decode(built) == uri::percent_decode(configured) {
        "They differ only in percent-encoding: the configuration holds the hash decoded, MSAL Android expects it URL-encoded (%2F, %2B, %3D), as the portal's Android platform shows it.".to_string()
    } else {
        format!("They differ in the signature hash: this build is signed with another key than the one whose hash the configuration holds. {ANDROID_HASH}")
    };
    let held = c.reg.uris.iter().find(|x| x.uri == built);
    let reg = match held {
        Some(x) => format!(
            " The pasted registration holds {built}{}: only the app's configuration must change.",
            if x.platform == Platform::Unknown {
                String::new()
            } else {
                format!(" under {}", x.platform.portal_name())
            }
        ),
        None if !c.reg.uris.is_empty() => format!(
            " The pasted registration does not hold {built}: register it under Android too."
        ),
        None => String::new(),
    };
    let mut f = f.detail(format!("MSAL Android builds the redirect URI from the installed app (package name and signing certificate) and compares it with the redirect_uri of its configuration file; they differ, so it stopped before any request reached Entra (there is no AADSTS code). Built from the app: {built} — configured: {configured}. {how}{reg}")).fix(format!("Put {built} in the redirect_uri of the app's MSAL configuration file (the manifest's BrowserTabActivity intent filter takes the hash decoded, as android:path=\"/<hash>\"){} — or sign the app with the key whose hash {configured} holds.", if held.is_some() { "" } else { " and register it under Android" }))
        .snippet("Redirect URI for the MSAL configuration file", built);
    if held.is_none() && !c.reg.uris.is_empty() {
        f = f
            .snippet(
                format!(
                    "URI to register under {}",
                    Platform::PublicClient.portal_name()
                ),
                built,
            )
            .snippet(
                "az CLI (keeps the URIs already registered)",
                fix::register_command(c.reg, c.app_id(), Platform::PublicClient, built),
            );
    }
    out.push(f);
}

/// The registered URIs on `origin` (scheme, host and port; a default port written or not; any
/// port for localhost, whose port Entra ignores), in the order they stand.
pub fn on_origin<'a>(origin: &str, reg: &'a Registered) -> Vec<&'a Registration> {
    let key = |u: &Uri| {
        let port = u
            .port()
            .filter(|p| Some(*p) != u.default_port() && !u.is_localhost());
        (
            u.scheme_lower(),
            u.host().map(str::to_ascii_lowercase),
            port.map(str::to_string),
        )
    };
    let o = key(&Uri::new(origin));
    if o.1.is_none() {
        return Vec::new();
    }
    reg.uris
        .iter()
        .filter(|r| key(&Uri::new(&r.uri)) == o)
        .collect()
}

/// The report's nearest entry: `entry` and how the sent URI differs from it.
fn nearest(entry: &Registration, d: &[Difference]) -> Nearest {
    Nearest {
        uri: entry.uri.clone(),
        platform: entry.platform,
        differences: d.iter().map(|x| x.as_str().to_string()).collect(),
    }
}

/// A warning for an invisible character that the sent URI and the registered entry it matches
/// both hold: the bytes are equal, so the match holds, but no one can see or retype it.
fn shared_invisible(sent: &str) -> Option<Finding> {
    let names: Vec<String> = sent
        .chars()
        .filter(|&c| !c.is_ascii_graphic())
        .filter_map(|c| {
            let name = uri::invisible_name(c).or(c.is_control().then_some("CONTROL CHARACTER"))?;
            Some(format!("U+{:04X} {name}", c as u32))
        })
        .collect();
    let first = names.first()?;
    let clean: String = sent
        .chars()
        .filter(|&c| c.is_ascii_graphic() || (uri::invisible_name(c).is_none() && !c.is_control()))
        .collect();
    let mut f = finding("redirect.invisible_characters")
        .title(format!("The sent and the registered URI hold the same invisible character: {first}"))
        .detail(format!("Both hold {}: the bytes are equal, so the comparison with the registration holds, but the character cannot be seen in the portal, a log or a chat, and any copy retyped or cleaned by an editor ({clean}) no longer matches. It usually came from one copy-paste into both the app's configuration and the registration.", names.join(", ")))
        .fix(format!("Register {clean} and send it, then remove the entry with the hidden character."));
    f.severity = Severity::Warning;
    Some(f)
}

/// Judges the sent redirect URI against the registration.
#[allow(clippy::too_many_arguments)]
pub fn check(
    req: Option<&AuthorizeRequest>,
    sent: Option<&str>,
    form_ok: bool,
    reg: &Registered,
    registered_given: bool,
    audience: Audience,
    client: &ClientGuess,
    out: &mut Vec<Finding>,
) -> Outcome {
    let c = Ctx {
        req,
        reg,
        audience,
        client,
        b2c: req.is_some_and(AuthorizeRequest::is_b2c),
    };
    let mut o = Outcome::default();
    o.report.sent = sent.map(str::to_string);
    registration_checks(&c, out);
    ambiguous_localhost(&c, sent, out);
    // The token leg's AADSTS50011 says nothing of the authorize request's match.
    let quoted = |code: u32| {
        req.and_then(|r| r.error_text.as_ref()).is_some_and(|e| {
            e.codes.contains(&code) && !(code == 50011 && e.token_redirect_uri.is_some())
        })
    };
    if let Some((built, configured)) = req
        .and_then(|r| r.error_text.as_ref())
        .and_then(|e| e.android_check.as_ref())
    {
        android_check(&c, built, configured, out);
    }
    let Some(sent) = sent else {
        o.report.status = if req.is_some_and(|r| !r.params.is_empty()) {
            RedirectStatus::Missing
        } else {
            RedirectStatus::Unchecked
        };
        // AADSTS50011 whose text quotes no redirect URI: SAML's wording quotes none.
        let saml = req
            .and_then(|r| r.error_text.as_ref())
            .is_some_and(|e| super::authorize::is_saml_wording(&e.text));
        let older = req
            .and_then(|r| r.error_text.as_ref())
            .is_some_and(|e| e.text.to_ascii_lowercase().contains("reply url specified"));
        if quoted(50011) && saml {
            out.push(finding("redirect.not_registered").aadsts(50011).title("The SAML request's reply URL is not registered").detail("This is the SAML form of AADSTS50011 ('The reply URL specified in the request does not match the reply URLs configured for the application'): the reply URL the service provider sent (AssertionConsumerServiceURL in its SAMLRequest) is not among the application's reply URLs. The text does not quote that URL, so nothing can be compared here.").fix("Find the AssertionConsumerServiceURL in the SAMLRequest (base64 of a deflated XML document, sent to Entra's /saml2 endpoint) and add it, exactly, as a Reply URL under Enterprise applications › Single sign-on › Basic SAML Configuration; or make the service provider send a reply URL that is listed there."));
        } else if quoted(50011) && more_details(req).contains("trailing slash") {
            // Entra's matcher says what differed; the registered URIs ending in '/' are the candidates.
            let slashed: Vec<String> = reg
                .uris
                .iter()
                .filter(|r| r.uri.ends_with('/') && Uri::new(&r.uri).path().len() > 1)
                .map(|r| r.uri.clone())
                .collect();
            let which = if slashed.is_empty() {
                String::new()
            } else {
                format!(" Registered with '/': {}.", listed(&slashed, ", "))
            };
            out.push(finding("redirect.trailing_slash_mismatch").aadsts(50011).title("The app sends a registered URI without its trailing slash").detail(format!("The text quotes no redirect URI, but its More details says the reply address did not match because 'requested address did not have a trailing slash': a registered URI ends with '/' and the app sends it without.{which}")).fix("Make the app send the registered URI exactly, with its final '/' (check its redirect URI setting and any framework that strips '/'), or register the form without the slash. Paste the authorize URL to see the exact difference."));
        } else if quoted(50011) {
            out.push(finding("redirect.not_registered").aadsts(50011).title("Entra refused the redirect URI, but the pasted text does not quote it").detail(format!("The text says AADSTS50011 (the redirect URI sent does not match the application's redirect URIs) but the redirect URI it names could not be read from it, so nothing can be compared.{}", if older { " This older wording ('The reply URL specified in the request…') quotes none; SAML apps show it too, where the reply URL is the AssertionConsumerServiceURL of the SAMLRequest, listed under Enterprise applications › Single sign-on." } else { "" })).fix("Paste the authorize URL (the browser's address bar on Entra's error page, or the Network tab) to compare its redirect_uri with the registered URIs."));
        }
        // Entra's AADSTS500113 page names no redirect URI, but it says enough.
        if quoted(500113) && reg.uris.is_empty() {
            out.push(finding("redirect.no_registrations").aadsts(500113).detail("Entra says the app registration has no redirect URI at all: 'No reply address is registered for the application' (AADSTS500113), so it has nowhere to send the code. Its page does not say which redirect URI the app sent; the app's sign-in settings (or the authorize URL in the browser's address bar) do.").fix("Register the redirect URI the app sends under the app's platform (Authentication › Add a platform: Web for a server app, Single-page application for a browser app, Mobile and desktop for a native app). Paste the authorize URL here to have it checked."));
        }
        return o;
    };
    if form_ok {
        let s = Uri::new(sent);
        if s.is_loopback_v6() {
            out.push(finding("redirect.loopback_ipv6_unsupported").detail(format!("{sent} uses the IPv6 loopback; Entra does not support [::1] in redirect URIs (reply-url).")).fix("Use http://localhost (its port is ignored) or http://127.0.0.1."));
        }
        if s.fragment().is_some() {
            out.push(finding("redirect.fragment_present").detail(format!("{sent} contains '#{}'. A redirect URI must not include a fragment (RFC 6749 §3.1.2); the response parameters are added to the URI and a fragment breaks them (hash routers lose the code).", s.fragment().unwrap_or(""))).fix(format!("Register and send {} and route to the hash path after sign-in.", s.without_query_fragment())));
        }
        if s.scheme_lower() == "http"
            && !s.is_localhost()
            && !s.is_loopback_v4()
            && !s.is_loopback_v6()
        {
            out.push(finding("redirect.http_not_localhost").detail(format!("{sent} uses http:// on a host other than localhost; Entra only allows https:// (http is for localhost during development), so this URI cannot be registered.")).fix("Serve the app over https and send an https:// redirect URI."));
        }
        if sent.chars().count() > 256 {
            out.push(finding("redirect.too_long").detail(format!("The redirect URI is {} characters; Entra allows at most 256, so it cannot be registered.", sent.chars().count())).fix("Use a shorter callback path and carry data in state."));
        }
        let bad: Vec<char> = sent.chars().filter(|&ch| uri::unsupported(ch)).collect();
        let idn = s.host().is_some_and(|h| !h.is_ascii());
        if !bad.is_empty() || idn {
            out.push(
                finding("redirect.unsupported_characters")
                    .detail(format!(
                        "Entra does not support {}{}in redirect URIs (reply-url, Restrictions).",
                        if bad.is_empty() {
                            String::new()
                        } else {
                            format!(
                                "the characters {} ",
                                bad.iter()
                                    .map(|ch| format!("'{ch}'"))
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            )
                        },
                        if idn {
                            "internationalised (non-ASCII) host names "
                        } else {
                            ""
                        }
                    ))
                    .fix("Use a URI made of plain ASCII without ! $ ' ( ) , ;"),
            );
        }
    }
    if !registered_given && quoted(500113) {
        o.report.status = RedirectStatus::Mismatch;
        let refused = registrable_problems(sent, audience);
        let platform = c.platform_for(None);
        let under = match c.client.kind {
            ClientKind::Unknown => "the app's platform".to_string(),
            _ => platform.portal_name().to_string(),
        };
        let fix = if refused.is_empty() {
            format!("Register {sent} under {under} (Authentication › Add a platform).")
        } else {
            format!("Register the redirect URI the app should send under the app's platform (Authentication › Add a platform): {sent} itself cannot be registered ({}), so make the app send one that can.", refused.join("; "))
        };
        out.push(finding("redirect.no_registrations").aadsts(500113).detail("Entra says the app registration has no redirect URI at all: 'No reply address is registered for the application' (AADSTS500113).").fix(fix));
        return o;
    }
    if !registered_given {
        o.report.status = RedirectStatus::Unchecked;
        let details = more_details(req);
        if quoted(50011) && details.contains("case sensitivity") {
            out.push(finding("redirect.path_case_mismatch").aadsts(50011).detail(format!("Entra says {sent} did not match 'because of case sensitivity': a registered URI differs from it only in letter case (usually the path). Redirect URIs are compared case-sensitively.")).fix("Send the URI with exactly the registered letter case (paste the registered URIs to see which one)."));
        } else if quoted(50011) && details.contains("trailing slash") {
            out.push(finding("redirect.trailing_slash_mismatch").aadsts(50011).detail(format!("Entra says {sent} did not match because 'requested address did not have a trailing slash': the registered URI ends with '/'.")).fix(format!("Send {sent}/ (or register {sent} without the slash).")));
        } else if quoted(50011) && public_listener(&c, sent) && !c.b2c {
            // The answer does not depend on the list: the listener's one registration.
            let (new_uri, why_form) = to_register(sent, Platform::PublicClient);
            // No list pasted: the command reads the registered ones when it runs.
            let mut live = reg.clone();
            live.has_platforms = true;
            out.push(finding("redirect.not_registered").aadsts(50011).title(format!("The app's loopback listener {sent} is not registered")).detail(format!("Entra says (AADSTS50011) that {sent} is not among the application's redirect URIs. The request comes from a public client ({}): its listener takes a free port on each run, over http.", c.client.because)).fix(format!("Register {new_uri}{why_form} under Mobile and desktop applications.")).snippet("URI to register under Mobile and desktop applications", new_uri.as_str()).snippet("az CLI (keeps the URIs already registered)", fix::register_command(&live, c.app_id(), Platform::PublicClient, &new_uri)));
        } else if quoted(50011) {
            out.push(finding("redirect.not_registered").aadsts(50011).detail(format!("Entra says (AADSTS50011) that {sent} is not among the application's redirect URIs. Paste the registered redirect URIs (the app registration's Authentication page, or its manifest) to see which one it should be.")).fix("Paste the registered redirect URIs to get the exact difference."));
        }
        return o;
    }
    if reg.uris.is_empty() {
        o.report.status = RedirectStatus::Mismatch;
        let platform = c.platform_for(None);
        let (new_uri, why_form) = to_register(sent, platform);
        let refused = registrable_problems(sent, audience);
        let fix = if form_ok && !refused.is_empty() {
            format!("Register the redirect URI the app should send under {} (Authentication › Add a platform): {sent} itself cannot be registered ({}), so make the app send one that can.", platform.portal_name(), refused.join("; "))
        } else if form_ok {
            format!(
                "Register {new_uri}{why_form} under {} (Authentication › Add a platform).",
                platform.portal_name()
            )
        } else {
            format!("Once the app sends its real redirect URI (see the request finding), register that one under {} (Authentication › Add a platform).", platform.portal_name())
        };
        let f = finding("redirect.no_registrations").aadsts(500113).detail("The app registration has no redirect URI at all, so Entra has nowhere to send the code: 'No reply address is registered for the application' (AADSTS500113).").fix(fix);
        let f = if form_ok && registrable_problems(sent, audience).is_empty() {
            f.snippet(
                format!("URI to register under {}", platform.portal_name()),
                new_uri.as_str(),
            )
            .snippet(
                "az CLI",
                fix::register_command(reg, c.app_id(), platform, &new_uri),
            )
        } else {
            f
        };
        out.push(f);
        return o;
    }
    o.comparisons = matching::compare_all(sent, &reg.uris, c.b2c);
    // Equally near entries (localhost URIs on several ports): the one under the client's own
    // platform is the one to judge by, as it is the one that works when Entra picks it.
    if let (Some(first), Some(own)) = (o.comparisons.first(), c.client.kind.platform()) {
        let (score, verdict) = (first.score, first.verdict.clone());
        // Two matches of one kind are alike to Entra (it picks one); near misses are alike
        // when they tie, or differ from the sent URI in the same parts.
        let alike = |x: &&matching::Comparison| match &verdict {
            Verdict::Differs(d) => {
                x.score == score || matches!(&x.verdict, Verdict::Differs(e) if e == d)
            }
            _ => x.verdict == verdict,
        };
        let on_own =
            |x: &matching::Comparison| reg.uris.get(x.index).is_some_and(|r| r.platform == own);
        // (The same URI under two platforms is judged as it is: its own finding says so.)
        let first_uri = reg.uris.get(first.index).map(|r| r.uri.as_str());
        let other_uri =
            |x: &matching::Comparison| reg.uris.get(x.index).map(|r| r.uri.as_str()) != first_uri;
        if !on_own(first) {
            if let Some(k) = o
                .comparisons
                .iter()
                .take_while(alike)
                .position(|x| on_own(x) && other_uri(x))
            {
                let chosen = o.comparisons.remove(k);
                o.comparisons.insert(0, chosen);
            }
        }
    }
    let Some(best) = o.comparisons.first().cloned() else {
        return o;
    };
    let Some(entry) = reg.uris.get(best.index) else {
        return o;
    };
    o.target = Some(best.index);
    o.report.status = if form_ok {
        best.verdict.status()
    } else {
        RedirectStatus::Mismatch
    };
    // Wildcards are unsupported where personal accounts can sign in (reply-url, Restrictions):
    // a wildcard entry does not make the URI registered for such an app.
    if best.verdict == Verdict::Wildcard && audience.includes_personal() {
        o.report.status = RedirectStatus::Mismatch;
        let d = matching::differences(&Uri::new(sent), &Uri::new(&entry.uri), c.b2c);
        o.report.nearest = Some(nearest(entry, &d));
        let platform = c.platform_for(Some(entry));
        let f = finding("redirect.not_registered").aadsts(50011).title("Only a wildcard covers this URI, and the app's audience includes personal accounts").detail(format!("{sent} matches only the wildcard {}, but wildcards are unsupported when personal Microsoft accounts can sign in ({}; reply-url, Restrictions), so it does not count as registered.", entry.uri, audience.as_str())).fix(format!("Register {} explicitly under {} and remove the wildcard.", Uri::new(sent).without_query_fragment(), platform.portal_name()));
        // The command registers the URI and drops the wildcard, as the fix says.
        let mut without_wildcard = reg.clone();
        without_wildcard.uris.retain(|u| u.uri != entry.uri);
        let f = if registrable_problems(sent, audience).is_empty() {
            f.snippet(
                format!("URI to register under {}", platform.portal_name()),
                sent,
            )
            .snippet(
                "az CLI (removes the wildcard, keeps the others)",
                fix::register_command(&without_wildcard, c.app_id(), platform, sent),
            )
        } else {
            f
        };
        out.push(f);
        return o;
    }
    match &best.verdict {
        Verdict::Differs(d) => {
            o.report.nearest = Some(nearest(entry, d));
            if form_ok {
                let before = out.len();
                mismatch_findings(&c, sent, entry, d, out);
                // The nearest entry itself breaks Entra's rules (a character it does not support,
                // a fragment): sending it is no fix. (An old http:// entry may still work.)
                let broken: Vec<String> = registrable_problems(&entry.uri, audience)
                    .into_iter()
                    .filter(|w| !w.starts_with("http:// is only"))
                    .collect();
                if !broken.is_empty() {
                    let platform = c.platform_for(Some(entry));
                    let (new_uri, why_form) = to_register(sent, platform);
                    let sent_ok = registrable_problems(sent, audience).is_empty()
                        && uri::show_hidden(sent).is_none()
                        && Uri::new(sent).userinfo().is_none();
                    let fix = if sent_ok {
                        format!("Register {new_uri}{why_form}, the URI the app sends, under {}, and remove the registered {}: it breaks Entra's rules ({}), so sending it is no fix.", platform.portal_name(), entry.uri, broken.join("; "))
                    } else {
                        format!("Choose a redirect URI Entra accepts, register it under {} and make the app send it: the registered {} breaks Entra's rules ({}), so sending it is no fix, and the sent URI cannot be registered either.", platform.portal_name(), entry.uri, broken.join("; "))
                    };
                    for f in out
                        .iter_mut()
                        .skip(before)
                        .filter(|f| f.severity == Severity::Error)
                    {
                        f.snippets.retain(|s| {
                            !s.label.ends_with("with the registered redirect URI")
                                && s.label != "Registered redirect URI to send"
                        });
                        f.fix.clone_from(&fix);
                    }
                }
                // Sending the nearest entry only moves the failure when it sits under another
                // platform than the client's: the fix says so.
                let own = c.client.kind.platform();
                if let Some(own) =
                    own.filter(|p| entry.platform != Platform::Unknown && entry.platform != *p)
                {
                    let code = match (own, entry.platform) {
                        (Platform::Spa, _) => " (AADSTS9002326)",
                        (_, Platform::Spa) => " (AADSTS9002327)",
                        (Platform::PublicClient, Platform::Web) => " (AADSTS7000218)",
                        _ => "",
                    };
                    let note = format!(" {} is registered under {}, not {}: sent as it is, the code redemption then fails for its platform{code}, so registering the URI under {} is the fix that works.", entry.uri, entry.platform.portal_name(), own.portal_name(), own.portal_name());
                    for f in out.iter_mut().skip(before).filter(|f| {
                        f.severity == Severity::Error && f.code.starts_with("redirect.")
                    }) {
                        f.fix.push_str(&note);
                    }
                }
            }
        }
        // The same bytes on both sides, but the sent value is refused before any comparison
        // (its form finding says why): no match to report.
        _ if !form_ok => {
            let d = matching::differences(&Uri::new(sent), &Uri::new(&entry.uri), true);
            o.report.nearest = Some(nearest(entry, &d));
        }
        v => {
            o.report.matched = Some(UriRef {
                uri: entry.uri.clone(),
                platform: entry.platform,
            });
            if *v != Verdict::Exact {
                let mut d = matching::differences(&Uri::new(sent), &Uri::new(&entry.uri), true);
                // Matched under the localhost rule: the port is what differs (a registered URI
                // without one is no exception to name otherwise).
                if *v == Verdict::LoopbackPort && d.is_empty() {
                    d.push(matching::Difference::Port);
                }
                o.report.nearest = Some(nearest(entry, &d));
            }
            // Every platform it stands under (Entra documents no choice between entries).
            let mut names: Vec<&str> = Vec::new();
            for r in reg.uris.iter().filter(|r| r.uri == entry.uri) {
                let n = r.platform.portal_name();
                if r.platform != Platform::Unknown && !names.contains(&n) {
                    names.push(n);
                }
            }
            let platform = if names.is_empty() {
                String::new()
            } else {
                format!(" under {}", names.join(" and "))
            };
            if let Some(f) = shared_invisible(sent) {
                out.push(f);
            }
            match v {
                Verdict::Exact => out.push(finding("redirect.exact_match").detail(format!("{sent} is registered{platform}, byte for byte. If sign-in still fails, the cause is elsewhere: see the other findings, or paste what came back."))),
                // B2C documents the any-port rule for desktop apps only: under Web or SPA it
                // is a likely match, not a documented one.
                Verdict::LoopbackPort if c.b2c && reg.uris.iter().any(|r| r.uri == entry.uri && matches!(r.platform, Platform::Web | Platform::Spa)) => {
                    let on_port = Uri::new(&entry.uri).with_port(Uri::new(sent).port()).unwrap_or_else(|| sent.to_string());
                    out.push(finding("redirect.loopback_port_ignored").severity(Severity::Warning).title("Azure AD B2C documents any port for a port-less localhost URI only for desktop apps").detail(format!("{sent} would match {}{platform} if Azure AD B2C ignored the port here: B2C accepts any port in the request when the registered http://localhost URI has none only 'for development use in desktop apps' (B2C: add a native client application), and otherwise compares the port too (AADB2C90006 when it differs).", entry.uri)).fix(format!("If B2C answers AADB2C90006, register the URI with the port the app runs on ({on_port}), or run the app on a registered port.")));
                }
                Verdict::LoopbackPort if c.b2c => out.push(finding("redirect.loopback_port_ignored").title("Matched: Azure AD B2C takes any port for a localhost URI registered without one").detail(format!("{sent} matches {}{platform}: Azure AD B2C accepts any port in the request when the registered http://localhost URI has none, and only its port when it has one (B2C: add a native client application, for desktop apps).", entry.uri))),
                Verdict::LoopbackPort => out.push(finding("redirect.loopback_port_ignored").detail(format!("{sent} matches {}{platform}: for localhost URIs Entra ignores the port (reply-url; RFC 8252 §7.3), so any port works.", entry.uri))),
                // Entra strips the query on a wildcard match (reply-url): the answer arrives
                // without the query the app sends, so an app that routes on it never sees it.
                _ if Uri::new(sent).query().is_some_and(|q| !q.is_empty()) => {
                    let s = Uri::new(sent);
                    out.push(finding("redirect.wildcard_match").title("Matched only by a wildcard, which drops the query the app sends").detail(format!("{sent} matches the wildcard {}{platform}, and on a wildcard match Entra strips the query and fragment of the redirect URI (reply-url): the answer goes to {}?code=… without ?{}, so an app that routes on its query (a plugin's ?action=…) never gets the code. Wildcards can only be set in the manifest, only for work-or-school audiences, and Microsoft strongly discourages them.", entry.uri, s.without_query_fragment(), s.query().unwrap_or_default())).fix(format!("Register {sent} explicitly, its query included (a query may be registered for work-or-school audiences), and remove the wildcard.")));
                }
                _ => out.push(finding("redirect.wildcard_match").detail(format!("{sent} matches the wildcard {}{platform}. Wildcards can only be set in the manifest, only for work-or-school audiences, and Microsoft strongly discourages them; on a wildcard match Entra strips the query and fragment of the redirect URI.", entry.uri)).fix(format!("Register {} explicitly and remove the wildcard.", Uri::new(sent).without_query_fragment()))),
            }
            // Entra's own AADSTS50011 for a URI the pasted list holds: Entra checked another
            // registration than the one pasted.
            if quoted(50011) {
                let et = req.and_then(|r| r.error_text.as_ref());
                let quoted_uri = et.and_then(|e| e.redirect_uri.as_deref());
                let error_app = et.and_then(|e| e.app_id.as_deref());
                let pasted_app = reg.app_id.as_deref();
                // The error's app is not the request's client_id: the failing sign-in was another
                // request than the one pasted (another environment's settings, an older build).
                let request_app = req
                    .and_then(|r| r.get("client_id"))
                    .filter(|r| uri::is_guid(r))
                    .zip(error_app.filter(|e| uri::is_guid(e)))
                    .filter(|(r, e)| !r.eq_ignore_ascii_case(e));
                let other_app = match (error_app, pasted_app) {
                    _ if request_app.is_some() => {
                        let (r, e) = request_app.unwrap_or_default();
                        format!(" The error names application {e}, but the pasted request sends client_id {r}: the sign-in that failed sent another client_id than the pasted request (another environment's settings, a deployment not yet updated), and application {e}'s list lacks the URI.")
                    }
                    (Some(e), Some(p)) if !e.eq_ignore_ascii_case(p) => format!(" The error names application {e}, the pasted registration is {p}: they are different apps."),
                    (Some(e), _) => format!(" Check that the pasted list is the registration of application {e}, the one the error names, in the tenant the request signed in to."),
                    _ => String::new(),
                };
                if quoted_uri.is_none_or(|q| q == sent) {
                    let exact = if *v == Verdict::Exact {
                        " byte for byte"
                    } else {
                        ""
                    };
                    out.push(if c.b2c {
                        finding("redirect.registration_stale").severity(Severity::Error).title("Azure AD B2C refused this redirect URI, yet the pasted registration holds it").detail(format!("Azure AD B2C's error (AADB2C90006) says that {sent} is not registered for the client ID, but the pasted list holds it{exact}. So B2C compared it with another list: the app registration of the same name in the organisation's own (workforce) tenant instead of the B2C tenant's, another app registration (a client_id from another environment), or a list changed after the error (changes take a few minutes to apply).{other_app}")).fix("Switch to the B2C tenant (Directories + subscriptions), open Azure AD B2C › App registrations, find the app whose Application (client) ID is the request's client_id, and copy its redirect URIs again; if they hold the URI, try again after a few minutes.")
                    } else {
                        finding("redirect.registration_stale").severity(Severity::Error).aadsts(50011).title("Entra refused this redirect URI, yet the pasted registration holds it").detail(format!("Entra's error text says (AADSTS50011) that {sent} does not match the application's redirect URIs, but the pasted list holds it{exact}. So Entra compared it with another list: another app registration (a client_id from another environment), the registration in another tenant, or a list changed after the error (changes take a few minutes to apply).{other_app}")).fix("Open the app registration whose Application (client) ID is the request's client_id, in the tenant of the sign-in, and copy its redirect URIs again; if they hold the URI, try again after a few minutes.")
                    });
                    if let (Some((r, e)), Some(f)) = (request_app, out.last_mut()) {
                        f.fix = format!("Find where the failing app takes its client ID (its settings or environment variables in the environment that failed) and make it send {r}, the app whose registration holds {sent}; or register {sent} on application {e} too.");
                    }
                }
            }
            let mode = req.and_then(|r| r.get("response_mode")).unwrap_or("query");
            // Documented for web addresses; a custom scheme's "host" (msauth.…://auth) is no site root.
            let web = matches!(
                Uri::new(&entry.uri).scheme_lower().as_str(),
                "http" | "https"
            );
            if web && Uri::new(&entry.uri).path().is_empty() && matches!(mode, "query" | "fragment")
            {
                // The response goes to the URI sent (a localhost port the entry leaves out).
                let to = if *v == Verdict::LoopbackPort {
                    sent
                } else {
                    entry.uri.as_str()
                };
                out.push(finding("redirect.root_trailing_slash").detail(format!("{} has no path, so Entra sends the response to {to}/ (with a slash) in query and fragment modes; the app must answer there.", entry.uri)).fix("Nothing to change if the app serves its root; otherwise register a URI with an explicit callback path."));
            }
            // A request that asks for no code (the implicit flow's id_token or token) is
            // redeemed nowhere: the platform's redemption rules do not apply to it.
            let no_code = req.is_some_and(|r| {
                let types = r.response_types();
                !types.is_empty() && !types.contains(&"code")
            });
            if form_ok && !no_code {
                platform_checks(&c, entry, out);
            }
        }
    }
    o
}

/// Why a product's own callback route changed (`sent` and `registered` are both its routes).
fn product_route(product: &str, sent: &str, registered: &str) -> String {
    let (sp, rp) = (sent.to_ascii_lowercase(), registered.to_ascii_lowercase());
    // One path is the other behind a prefix: the product's base path (a relative URL root).
    let prefix = |long: &str, short: &str| {
        long.strip_suffix(short)
            .filter(|p| p.starts_with('/') && !p.ends_with('/'))
            .map(str::to_string)
    };
    let root = prefix(&sp, &rp)
        .map(|p| (p, "is sent but not registered"))
        .or_else(|| prefix(&rp, &sp).map(|p| (p, "is registered but not sent")));
    match (product, root) {
        ("Keycloak", Some((p, how))) if p == "/auth" => format!("Keycloak serves its routes under /auth before version 17 and without it since, unless its HTTP relative path is set (--http-relative-path=/auth, KC_HTTP_RELATIVE_PATH): /auth {how}, so an upgrade or that setting moved it."),
        ("Keycloak", _) => "Keycloak builds it from the realm's name and the identity provider's alias (…/realms/<realm>/broker/<alias>/endpoint, shown as the Redirect URI on the identity provider's page): the realm or the alias is not the one registered.".to_string(),
        ("OmniAuth (GitLab, Rails)", Some((p, how))) => format!("GitLab (and a Rails app) puts its relative URL root before the route (external_url with a path, RAILS_RELATIVE_URL_ROOT): {p} {how}, so the root was set or changed."),
        ("OmniAuth (GitLab, Rails)", None) => "OmniAuth builds it from the provider's strategy name (…/users/auth/<strategy>/callback), and GitLab's Azure provider moved from azure_oauth2 to azure_activedirectory_v2: an upgrade or a provider change moved it.".to_string(),
        _ => "Auth.js builds it from the provider's id (…/api/auth/callback/<id>), and Auth.js 5 names the Microsoft provider microsoft-entra-id instead of azure-ad: an upgrade or a provider change moved it.".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::core::{analyze, CaseInput, Finding};

    /// The finding `code` of a request sending `redirect_uri` (encoded) against `registered`,
    /// with what came back.
    fn finding_for(redirect_uri: &str, registered: &str, callback: &str, code: &str) -> Finding {
        analyze(&CaseInput {
            authorize: format!("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=3f2a9c61-5b7e-4d10-8a2c-9e4b1d7f0c35&redirect_uri={redirect_uri}&response_type=code&scope=openid&state=s1"),
            registered: registered.into(),
            callback: callback.into(),
            ..CaseInput::default()
        })
        .report
        .findings
        .into_iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("{code}"))
    }

    #[test]
    fn a_brokers_callback_on_another_of_its_hosts_is_corrected_in_the_registration() {
        let f = finding_for(
            "https%3A%2F%2Fhr.auth.eu-west-1.amazoncognito.com%2Foauth2%2Fidpresponse",
            "Web\nhttps://hr.auth.us-east-1.amazoncognito.com/oauth2/idpresponse",
            "",
            "redirect.host_mismatch",
        );
        assert!(
            f.detail.contains("Amazon Cognito's callback"),
            "{}",
            f.detail
        );
        assert!(
            f.fix.starts_with(
                "Register https://hr.auth.eu-west-1.amazoncognito.com/oauth2/idpresponse"
            ),
            "{}",
            f.fix
        );
        assert!(!f.fix.contains("configure the app"), "{}", f.fix);
        // Cognito builds the authorize request: no corrected URL to send.
        assert!(
            f.snippets
                .iter()
                .all(|s| !s.label.starts_with("Authorize URL")),
            "{:?}",
            f.snippets
        );
    }

    #[test]
    fn a_local_brokers_loopback_callback_is_not_fixed_by_opening_the_app_elsewhere() {
        let f = finding_for(
            "http%3A%2F%2F127.0.0.1%3A54321%2Fauth%2Fv1%2Fcallback",
            "Web\nhttp://localhost:54321/auth/v1/callback",
            "",
            "redirect.localhost_vs_loopback_ip",
        );
        assert!(
            f.fix
                .starts_with("Register http://127.0.0.1:54321/auth/v1/callback"),
            "{}",
            f.fix
        );
        assert!(!f.fix.contains("Open the app at"), "{}", f.fix);
    }

    #[test]
    fn a_brokers_allowed_return_urls_pasted_are_not_replaced_into_entra() {
        let f = finding_for(
            "https%3A%2F%2Fcontoso.us.auth0.com%2Flogin%2Fcallback",
            "https://app.contoso.com/callback, https://staging.contoso.com/callback",
            "",
            "redirect.not_registered",
        );
        assert!(f.detail.contains("Auth0's callback"), "{}", f.detail);
        let az = f
            .snippets
            .iter()
            .find(|s| s.label.starts_with("az CLI"))
            .expect("command");
        assert!(az.text.contains("$(az ad app show"), "{}", az.text);
        assert!(!az.text.contains("staging.contoso.com"), "{}", az.text);
    }

    #[test]
    fn an_error_naming_another_app_than_the_request_says_the_failing_sign_in_sent_it() {
        let f = finding_for(
            "https%3A%2F%2Fintranet.contoso.com%2Fsignin-oidc",
            "https://intranet.contoso.com/signin-oidc",
            "AADSTS50011: The reply URL specified in the request does not match the reply URLs configured for the application: 'a9c8b7d6-e5f4-4321-9abc-def012345678'.",
            "redirect.registration_stale",
        );
        assert!(
            f.fix
                .contains("make it send 3f2a9c61-5b7e-4d10-8a2c-9e4b1d7f0c35"),
            "{}",
            f.fix
        );
        assert!(
            !f.fix.contains("try again after a few minutes"),
            "{}",
            f.fix
        );
    }

    #[test]
    fn vaults_namespace_query_is_registered_with_it_and_in_the_role() {
        let f = finding_for(
            "https%3A%2F%2Fvault.contoso.com%2Fui%2Fvault%2Fauth%2Foidc%2Foidc%2Fcallback%3Fnamespace%3Dadmin",
            "Web\nhttps://vault.contoso.com/ui/vault/auth/oidc/oidc/callback",
            "",
            "redirect.query_mismatch",
        );
        assert!(f.fix.starts_with("Register https://vault.contoso.com/ui/vault/auth/oidc/oidc/callback?namespace=admin"), "{}", f.fix);
        assert!(f.fix.contains("allowed_redirect_uris"), "{}", f.fix);
    }

    #[test]
    fn a_products_route_change_is_explained_by_what_changed_it() {
        use super::product_route;
        let kc = product_route(
            "Keycloak",
            "/auth/realms/corp/broker/entra/endpoint",
            "/realms/corp/broker/entra/endpoint",
        );
        assert!(
            kc.contains("KC_HTTP_RELATIVE_PATH") && kc.contains("/auth is sent but not registered"),
            "{kc}"
        );
        let alias = product_route(
            "Keycloak",
            "/realms/corp/broker/azure-ad/endpoint",
            "/realms/corp/broker/entra/endpoint",
        );
        assert!(
            alias.contains("alias") && !alias.contains("/auth"),
            "{alias}"
        );
        let root = product_route(
            "OmniAuth (GitLab, Rails)",
            "/gitlab/users/auth/azure_activedirectory_v2/callback",
            "/users/auth/azure_activedirectory_v2/callback",
        );
        assert!(
            root.contains("/gitlab is sent but not registered"),
            "{root}"
        );
        let renamed = product_route(
            "OmniAuth (GitLab, Rails)",
            "/users/auth/azure_activedirectory_v2/callback",
            "/users/auth/azure_oauth2/callback",
        );
        assert!(
            renamed.contains("strategy") && !renamed.contains("root"),
            "{renamed}"
        );
    }

    #[test]
    fn the_ipv6_loopback_is_refused_for_itself_not_for_its_scheme() {
        let why = super::registrable_problems(
            "http://[::1]:5000/cb",
            crate::core::registered::Audience::default(),
        );
        assert_eq!(why, ["the IPv6 loopback [::1] is not supported"], "{why:?}");
    }

    /// The scheme finding for `redirect_uri` (encoded) sent against `registered`.
    fn scheme_finding(redirect_uri: &str, registered: &str) -> crate::core::Finding {
        let a = analyze(&CaseInput {
            authorize: format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri={redirect_uri}&response_type=code&scope=openid&state=2"),
            registered: registered.into(),
            ..CaseInput::default()
        });
        a.report
            .findings
            .into_iter()
            .find(|f| f.code == "redirect.scheme_mismatch")
            .expect("scheme")
    }

    #[test]
    fn a_refused_http_registration_is_not_the_uri_to_send() {
        let f = scheme_finding(
            "https%3A%2F%2Fapp.contoso.com%2Fcb",
            "Web\nhttp://app.contoso.com/cb",
        );
        assert!(
            f.fix
                .starts_with("Register https://app.contoso.com/cb under Web."),
            "{}",
            f.fix
        );
        assert!(
            f.snippets
                .iter()
                .all(|s| !s.text.contains("redirect_uri=http%3A")),
            "{:?}",
            f.snippets
        );
        // Near miss: a localhost http registration is fine to send.
        let f = scheme_finding(
            "https%3A%2F%2Flocalhost%3A5001%2Fcb",
            "Web\nhttp://localhost:5001/cb",
        );
        assert!(
            f.fix.starts_with("Send http://localhost:5001/cb exactly."),
            "{}",
            f.fix
        );
    }

    #[test]
    fn script_addresses_and_broken_percent_escapes_cannot_be_registered() {
        use super::{registrable_problems, Audience};
        let why = registrable_problems("JaVaScRiPt:alert(1)", Audience::Unknown);
        assert!(why.iter().any(|w| w.contains("javascript:")), "{why:?}");
        let why = registrable_problems("https://a.contoso.com/signin%ZZoidc%", Audience::Unknown);
        assert!(
            why.iter().any(|w| w.contains("percent-encoding")),
            "{why:?}"
        );
        // Near misses: a proper escape, and a custom scheme of a native app.
        assert!(registrable_problems("https://a.contoso.com/a%2Fb", Audience::Unknown).is_empty());
        assert!(
            registrable_problems("msauth.com.contoso.app://auth", Audience::Unknown).is_empty()
        );
    }

    /// MSAL.js without a redirectUri sends the current page: a deeper path on a registered
    /// origin is told to set redirectUri; another client or origin is not.
    /// A doubled slash, dot-segments or a host's trailing dot is named as the fault, and the
    /// fix never offers to register the malformed form.
    #[test]
    fn a_malformed_form_of_the_registered_uri_is_named() {
        let run = |sent: &str| {
            crate::core::analyze(&crate::core::CaseInput {
                authorize: format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&scope=openid&redirect_uri={}", crate::core::uri::form_encode(sent)),
                registered: "Web\nhttps://app.contoso.com/auth/signin-oidc".into(),
                ..crate::core::CaseInput::default()
            })
            .report
        };
        for (sent, what) in [
            ("https://app.contoso.com//auth/signin-oidc", "doubled slash"),
            ("https://app.contoso.com/auth//signin-oidc", "doubled slash"),
            (
                "https://app.contoso.com/auth/x/../signin-oidc",
                "dot-segments",
            ),
            ("https://app.contoso.com/./auth/signin-oidc", "dot-segments"),
            ("https://app.contoso.com./auth/signin-oidc", "trailing dot"),
        ] {
            let r = run(sent);
            let p = r.primary().expect(sent);
            assert!(p.title.contains(what), "{sent}: {}", p.title);
            assert!(
                p.snippets
                    .iter()
                    .all(|s| !s.text.contains(sent) || s.label.starts_with("Authorize")),
                "{sent}: {:?}",
                p.snippets
            );
            assert!(!p.fix.contains(&format!("register {sent}")), "{}", p.fix);
        }
        // Near misses: another path or host is an ordinary mismatch.
        for sent in [
            "https://app.contoso.com//auth/callback",
            "https://app.contoso.co/auth/signin-oidc",
            "https://app.contoso.com/auth/../signin-oidc",
        ] {
            let r = run(sent);
            let p = r.primary().expect(sent);
            assert!(
                !p.title.contains("The sent redirect URI has"),
                "{sent}: {}",
                p.title
            );
        }
    }

    #[test]
    fn msal_js_sending_the_current_page_is_told_to_set_redirect_uri() {
        let fix = |sku: &str, sent: &str| {
            analyze(&CaseInput {
                authorize: format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri={}&response_type=code&scope=openid&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&x-client-SKU={sku}", super::uri::form_encode(sent)),
                registered: r#"{"spa":{"redirectUris":["https://app.contoso.com/"]}}"#.into(),
                ..CaseInput::default()
            })
            .report
            .findings
            .into_iter()
            .find(|f| f.code == "redirect.path_mismatch")
            .map(|f| f.fix)
            .unwrap_or_default()
        };
        assert!(fix("msal.js.browser", "https://app.contoso.com/orders/42")
            .starts_with("Set redirectUri to https://app.contoso.com/ in the MSAL configuration"));
        assert!(!fix("msal.js.node", "https://app.contoso.com/orders/42")
            .contains("MSAL configuration"));
        assert!(!fix("msal.js.browser", "https://www.contoso.com/orders/42")
            .contains("MSAL configuration"));
    }

    /// A desktop app on 127.0.0.1 is judged by the Mobile and desktop localhost entry, not a
    /// browser app's entry that differs from it in the same parts; the port is not a finding
    /// of its own, as sending localhost makes it ignored.
    #[test]
    fn a_loopback_ip_is_judged_by_the_entry_of_its_own_platform() {
        let r = analyze(&CaseInput {
            authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A51234%2F&scope=openid&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&x-client-SKU=MSAL.NetCore".into(),
            registered: r#"{"spa":{"redirectUris":["http://localhost:3000"]},"publicClient":{"redirectUris":["http://localhost"]}}"#.into(),
            ..CaseInput::default()
        })
        .report;
        let near = r.redirect.nearest.as_ref().expect("nearest");
        assert_eq!(
            (near.uri.as_str(), near.platform),
            ("http://localhost", crate::core::Platform::PublicClient)
        );
        assert!(r
            .findings
            .iter()
            .any(|f| f.code == "redirect.localhost_vs_loopback_ip"));
        assert!(!r
            .findings
            .iter()
            .any(|f| f.code == "redirect.port_mismatch"));
    }

    /// Sending a nearest entry of another platform than the client's is said to move the
    /// failure to the code redemption.
    #[test]
    fn sending_an_entry_of_another_platform_is_said_to_fail_later() {
        let fix = analyze(&CaseInput {
            authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fspa.contoso.com%2Fnew%2F&scope=openid&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&x-client-SKU=msal.js.browser".into(),
            registered: r#"{"web":{"redirectUris":["https://spa.contoso.com/new"]}}"#.into(),
            ..CaseInput::default()
        })
        .report
        .findings
        .into_iter()
        .find(|f| f.code == "redirect.trailing_slash_mismatch")
        .map(|f| f.fix)
        .unwrap_or_default();
        assert!(
            fix.contains("is registered under Web, not Single-page application"),
            "{fix}"
        );
        assert!(fix.contains("AADSTS9002326"), "{fix}");
    }

    /// A nearest entry that breaks Entra's rules is never the URI to send.
    #[test]
    fn an_entry_entra_refuses_is_not_offered_to_send() {
        let f = analyze(&CaseInput {
            authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fobrien%2Fcb%2F&scope=openid&response_mode=form_post".into(),
            registered: "https://app.contoso.com/o'brien/cb".into(),
            ..CaseInput::default()
        })
        .report
        .findings
        .into_iter()
        .find(|f| f.code == "redirect.path_mismatch")
        .expect("a path mismatch");
        assert!(
            f.fix
                .starts_with("Register https://app.contoso.com/obrien/cb/, the URI the app sends"),
            "{}",
            f.fix
        );
        assert!(!f
            .snippets
            .iter()
            .any(|s| s.label.ends_with("with the registered redirect URI")));
    }

    /// A sent URI with an invisible character or user information is never offered for
    /// registration, and an entry with an invisible character is never offered to send.
    #[test]
    fn no_fix_registers_or_sends_a_uri_with_hidden_parts() {
        let labels = |sent: &str, registered: &str| -> Vec<String> {
            analyze(&CaseInput {
                authorize: format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri={}&response_type=code&scope=openid&response_mode=form_post", super::uri::form_encode(sent)),
                registered: registered.into(),
                ..CaseInput::default()
            })
            .report
            .findings
            .into_iter()
            .flat_map(|f| f.snippets.into_iter().map(|s| format!("{}: {}", s.label, s.text)))
            .collect()
        };
        for (sent, registered) in [
            (
                "https://app.contoso.com/cb\u{202E}",
                "https://app.contoso.com/callback",
            ),
            (
                "https://user@app.contoso.com/signin-oidc",
                "https://app.contoso.com/signin-oidc",
            ),
        ] {
            let l = labels(sent, registered);
            assert!(
                !l.iter()
                    .any(|s| s.starts_with("URI to register") || s.starts_with("az CLI")),
                "{sent}: {l:?}"
            );
        }
        let l = labels(
            "https://app.contoso.com/callback",
            "https://app.contoso.com/callback\u{200B}",
        );
        assert!(!l.iter().any(|s| s.contains("%E2%80%8B")), "{l:?}");
    }

    /// MSAL Node serves servers and desktop apps: the registration's platform decides where the
    /// fix registers a localhost URI with a path.
    #[test]
    fn msal_node_registered_as_a_desktop_app_is_fixed_under_mobile_and_desktop() {
        let register = |registered: &str| {
            analyze(&CaseInput {
                authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri=http%3A%2F%2Flocalhost%3A53127%2Fredirect&response_type=code&scope=openid&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&x-client-SKU=msal.js.node".into(),
                registered: registered.into(),
                ..CaseInput::default()
            })
            .report
            .findings
            .into_iter()
            .find(|f| f.code == "redirect.path_mismatch")
            .and_then(|f| f.snippets.into_iter().find(|s| s.label.starts_with("URI to register")))
            .map(|s| (s.label, s.text))
        };
        let (label, uri) = register(r#"{"publicClient":{"redirectUris":["http://localhost"]}}"#)
            .expect("a URI to register");
        assert_eq!(
            label,
            "URI to register under Mobile and desktop applications"
        );
        assert_eq!(uri, "http://localhost/redirect");
        let (label, _) =
            register(r#"{"web":{"redirectUris":["http://localhost:3000/auth/redirect"]}}"#)
                .expect("a URI to register");
        assert_eq!(label, "URI to register under Web");
    }

    /// A query the app sends may be registered instead, unless the audience has personal
    /// accounts; a query only the registration has adds nothing.
    #[test]
    fn a_query_mismatch_says_whether_the_query_can_be_registered() {
        let fix = |sent: &str, reg: &str, aud: &str| {
            analyze(&CaseInput {
                authorize: format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri={}&response_type=code&scope=openid&response_mode=form_post", super::uri::form_encode(sent)),
                registered: format!(r#"{{"signInAudience":"{aud}","web":{{"redirectUris":["{reg}"]}}}}"#),
                ..CaseInput::default()
            })
            .report
            .findings
            .into_iter()
            .find(|f| f.code == "redirect.query_mismatch")
            .map(|f| f.fix)
            .unwrap_or_default()
        };
        let (q, plain) = (
            "https://blog.contoso.com/cb?action=login",
            "https://blog.contoso.com/cb",
        );
        assert!(fix(q, plain, "AzureADMyOrg")
            .contains("register https://blog.contoso.com/cb?action=login instead"));
        assert!(
            fix(q, plain, "AzureADandPersonalMicrosoftAccount").contains("is not possible here")
        );
        let f = fix(plain, q, "AzureADMyOrg");
        assert!(
            f.starts_with(
                "Send https://blog.contoso.com/cb?action=login exactly, its query included."
            ),
            "{f}"
        );
    }

    /// An Android signature hash in URL-safe Base64 or as keytool's hex fingerprint is read
    /// as the standard Base64 MSAL writes; other paths are not.
    /// A desktop app's loopback listener on 127.0.0.1 takes a free port on each run: the URI
    /// to register has no port. A path, or another platform, keeps the URI as sent.
    #[test]
    fn a_loopback_ip_listener_is_registered_without_its_port() {
        let (u, why) = super::to_register("http://127.0.0.1:53127", super::Platform::PublicClient);
        assert_eq!(u, "http://127.0.0.1");
        assert!(why.contains("not documented"), "{why}");
        assert_eq!(
            super::to_register("http://127.0.0.1:53127/", super::Platform::PublicClient).0,
            "http://127.0.0.1/"
        );
        for (sent, p) in [
            (
                "http://127.0.0.1:5000/signin-oidc",
                super::Platform::PublicClient,
            ),
            ("http://127.0.0.1:53127", super::Platform::Web),
            ("http://127.0.0.1", super::Platform::PublicClient),
        ] {
            assert_eq!(
                super::to_register(sent, p),
                (sent.to_string(), ""),
                "{sent}"
            );
        }
    }

    #[test]
    fn android_hash_forms_are_read_as_the_key() {
        let std = "2pmj9i4rSx0yEb/viWBYkE/ZQrk=";
        assert_eq!(
            super::android_hash_form("/2pmj9i4rSx0yEb_viWBYkE_ZQrk=").map(|f| f.0),
            Some(std.to_string())
        );
        let hex = "/DA:99:A3:F6:2E:2B:4B:1D:32:11:BF:EF:89:60:58:90:4F:D9:42:B9";
        assert_eq!(
            super::android_hash_form(hex).map(|f| f.0),
            Some(std.to_string())
        );
        assert_eq!(
            super::android_hash_form("/2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D"),
            None
        );
        assert_eq!(super::android_hash_form("/DA:99:ZZ"), None);
        assert_eq!(
            super::uri::form_encode(std),
            "2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D"
        );
    }

    /// HTTPS:// on another host: the host decides, the scheme's case is said after it, and
    /// the URI to register is written with the scheme as registered.
    #[test]
    fn an_upper_case_scheme_beside_another_host_is_the_lesser_difference() {
        let r = analyze(&CaseInput {
            authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=11111111-2222-3333-4444-555555555555&response_type=code&redirect_uri=HTTPS%3A%2F%2Fother.example.com%2Fcb&scope=openid&state=1".into(),
            registered: "https://app.example.com/cb".into(),
            ..CaseInput::default()
        })
        .report;
        let first = r.findings.first().expect("a finding");
        assert_eq!(first.code, "redirect.host_mismatch");
        assert!(
            first.fix.contains("register https://other.example.com/cb"),
            "{}",
            first.fix
        );
        let scheme = r
            .findings
            .iter()
            .find(|f| f.code == "redirect.scheme_mismatch")
            .expect("scheme");
        assert_eq!(scheme.severity, super::Severity::Warning);
        // Alone, the scheme's case is the cause.
        let r = analyze(&CaseInput {
            authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=11111111-2222-3333-4444-555555555555&response_type=code&redirect_uri=HTTPS%3A%2F%2Fapp.example.com%2Fcb&scope=openid&state=1".into(),
            registered: "https://app.example.com/cb".into(),
            ..CaseInput::default()
        })
        .report;
        let first = r.findings.first().expect("a finding");
        assert_eq!(
            (first.code.as_str(), first.severity),
            ("redirect.scheme_mismatch", super::Severity::Error)
        );
    }

    /// msauth.<bundle ID>://auth: a scheme mismatch between two such URIs is the bundle ID.
    #[test]
    fn an_ios_scheme_mismatch_names_the_bundle_id() {
        let title = |sent: &str, registered: &str| {
            analyze(&CaseInput {
                authorize: format!("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri={}&response_type=code&scope=openid&x-client-SKU=MSAL.iOS", super::uri::form_encode(sent)),
                registered: registered.into(),
                ..CaseInput::default()
            })
            .report
            .findings
            .into_iter()
            .find(|f| f.code == "redirect.scheme_mismatch")
            .map(|f| f.title)
        };
        let t = title(
            "msauth.com.contoso.FieldApp://auth",
            "msauth.com.contoso.fieldapp://auth",
        );
        assert_eq!(t.as_deref(), Some("The iOS / macOS bundle ID differs: com.contoso.FieldApp is sent, com.contoso.fieldapp is registered"));
        // Another custom scheme is a scheme mismatch as before.
        let t = title("fieldapp://auth", "msauth.com.contoso.fieldapp://auth").unwrap_or_default();
        assert!(t.starts_with("The app sends fieldapp://"), "{t}");
    }

    fn mismatch_fix(registered: &str) -> (String, String) {
        let a = analyze(&CaseInput {
            authorize: "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri=https%3A%2F%2Fspa.contoso.com%2F&response_type=code&scope=openid&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&x-client-SKU=msal.js.browser".into(),
            registered: registered.into(),
            ..CaseInput::default()
        });
        let f = a
            .report
            .findings
            .iter()
            .find(|f| f.code == "redirect.platform_mismatch")
            .cloned()
            .unwrap_or_else(|| panic!("no platform_mismatch: {:?}", a.report.findings));
        let cmd = f
            .snippets
            .iter()
            .find(|s| s.label.starts_with("az CLI"))
            .map(|s| s.text.clone())
            .unwrap_or_default();
        (f.fix, cmd)
    }

    fn redirect_finding(redirect_uri: &str, registered: &str) -> crate::core::report::Finding {
        let a = analyze(&CaseInput {
            authorize: format!("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&scope=openid&redirect_uri={}", redirect_uri.replace(':', "%3A").replace('/', "%2F")),
            registered: registered.into(),
            ..CaseInput::default()
        });
        a.report
            .primary()
            .cloned()
            .unwrap_or_else(|| panic!("no error: {:?}", a.report.findings))
    }

    /// An internal address or localhost sent where a public host is registered with the same
    /// path is the app's view of itself behind a proxy (or a default base URL), with the
    /// stack's setting when its callback path names it.
    #[test]
    fn an_internal_address_with_the_registered_path_is_the_apps_own_view() {
        for (sent, registered, says) in [
            ("http://10.244.1.17:8080/login/oauth2/code/azure", "https://orders.contoso.com/login/oauth2/code/azure\nhttp://localhost:8080/login/oauth2/code/azure", "server.forward-headers-strategy"),
            ("http://0.0.0.0:8080/signin-oidc", "https://portal.contoso.com/signin-oidc", "XForwardedHost"),
            ("http://keycloak:8080/realms/c/broker/entra/endpoint", "https://sso.contoso.com/realms/c/broker/entra/endpoint", "KC_HOSTNAME"),
            ("http://localhost:3000/login/azuread", "https://grafana.contoso.com/login/azuread", "root_url"),
            ("http://orders-api:8080/cb", "https://orders.contoso.com/cb", "X-Forwarded-Host"),
        ] {
            let f = redirect_finding(sent, registered);
            assert_eq!(f.title, "The app sends the address it sees, not its public URL", "{sent}");
            assert!(f.fix.contains(says), "{sent}: {}", f.fix);
            assert!(!f.fix.contains("configure the app to use localhost"), "{}", f.fix);
        }
        // Near misses: a public host sent, or no registered URI with the same path.
        for (sent, registered) in [
            (
                "https://staging.contoso.com/cb",
                "https://orders.contoso.com/cb",
            ),
            (
                "http://10.0.0.4:8080/other",
                "https://orders.contoso.com/cb",
            ),
            ("http://localhost:3000/cb", "http://localhost:3000/auth/cb"),
        ] {
            let f = redirect_finding(sent, registered);
            assert_ne!(
                f.title, "The app sends the address it sees, not its public URL",
                "{sent}"
            );
        }
    }

    /// The host fix names the host once, and the front-end setting only for a platform's
    /// default host sent where a custom domain with the same path is registered.
    #[test]
    fn a_host_fix_names_the_front_end_setting_for_a_platform_default_host() {
        let f = redirect_finding(
            "https://contoso-web.azurewebsites.net/.auth/login/aad/callback",
            "https://www.contoso.com/.auth/login/aad/callback",
        );
        assert!(
            f.fix.starts_with(
                "If users reach the app at www.contoso.com, make the app see that host"
            ),
            "{}",
            f.fix
        );
        assert!(f.fix.contains("forwardProxy"), "{}", f.fix);
        assert!(f.fix.contains("Only if users open the app at contoso-web.azurewebsites.net itself, register https://contoso-web.azurewebsites.net/.auth/login/aad/callback under Web."), "{}", f.fix);
        let f = redirect_finding(
            "https://www.contoso.com/.auth/login/aad/callback",
            "https://contoso-web.azurewebsites.net/.auth/login/aad/callback",
        );
        assert!(!f.fix.contains("forwardProxy"), "{}", f.fix);
    }

    /// The platform fix's command does what its text says: it removes the URI from the wrong
    /// platform and adds it to the right one, keeping the other URIs of both.
    #[test]
    fn a_platform_move_removes_the_uri_where_it_was() {
        let (fix, cmd) = mismatch_fix(
            r#"{"web":{"redirectUris":["https://app.contoso.com/cb","https://spa.contoso.com/"]},"spa":{"redirectUris":["https://spa.contoso.com/old"]}}"#,
        );
        assert!(
            fix.starts_with("Move https://spa.contoso.com/ from Web to Single-page application"),
            "{fix}"
        );
        assert!(cmd.contains(r#"'{"web":{"redirectUris":["https://app.contoso.com/cb"]},"spa":{"redirectUris":["https://spa.contoso.com/old","https://spa.contoso.com/"]}}'"#) || cmd.contains(r#"'{"spa":{"redirectUris":["https://spa.contoso.com/old","https://spa.contoso.com/"]},"web":{"redirectUris":["https://app.contoso.com/cb"]}}'"#), "{cmd}");
        // Near miss: already under SPA too (twice): only removed from Web, SPA keeps it once.
        let (fix, cmd) = mismatch_fix(
            r#"{"web":{"redirectUris":["https://spa.contoso.com/"]},"spa":{"redirectUris":["https://spa.contoso.com/","https://spa.contoso.com/"]}}"#,
        );
        assert!(fix.starts_with("Remove https://spa.contoso.com/ from Web: it is registered under Single-page application too"), "{fix}");
        assert!(
            cmd.contains(r#""spa":{"redirectUris":["https://spa.contoso.com/"]}"#),
            "{cmd}"
        );
        assert!(cmd.contains(r#""web":{"redirectUris":[]}"#), "{cmd}");
    }

    /// A registered URI that differs from the sent one only in characters text recognition
    /// confuses is a mismatch that says the list may be misread, with no command built from it
    /// (it would register the misread URIs). Near miss: another letter gets its command.
    #[test]
    fn a_look_alike_difference_says_the_list_may_be_misread() {
        let run = |registered: &str| {
            let a = analyze(&CaseInput {
                authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri=https%3A%2F%2Flocalhost%3A5001%2Fsignin-oidc&response_type=code&scope=openid&response_mode=form_post".into(),
                registered: registered.into(),
                ..CaseInput::default()
            });
            a.report
                .findings
                .iter()
                .find(|f| f.code == "redirect.host_mismatch")
                .cloned()
                .unwrap_or_else(|| panic!("no host_mismatch: {:?}", a.report.findings))
        };
        let f = run("https://1ocalhost:5001/signin-oidc");
        assert_eq!(f.severity, crate::core::report::Severity::Error);
        assert!(f.detail.contains("misread"), "{}", f.detail);
        assert!(
            f.detail.contains("'1' where the request has 'l'"),
            "{}",
            f.detail
        );
        assert!(f.snippets.is_empty(), "{:?}", f.snippets);
        let f = run("https://iocalhost:5001/signin-oidc");
        assert_eq!(f.severity, crate::core::report::Severity::Error);
        assert!(!f.snippets.is_empty());
    }

    /// A URI registered under the app's platform and another: Entra documents no choice between
    /// the entries, so the wrong one is a warning to remove, not an error. Near miss: under the
    /// wrong platform alone it is the error.
    #[test]
    fn a_uri_under_both_platforms_is_a_risk_not_the_cause() {
        let find = |registered: &str| {
            let a = analyze(&CaseInput {
                authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri=https%3A%2F%2Fspa.contoso.com%2F&response_type=code&scope=openid&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&x-client-SKU=msal.js.browser".into(),
                registered: registered.into(),
                ..CaseInput::default()
            });
            let f = a
                .report
                .findings
                .iter()
                .find(|f| f.code == "redirect.platform_mismatch")
                .cloned();
            let exact = a
                .report
                .findings
                .iter()
                .find(|f| f.code == "redirect.exact_match")
                .map(|f| f.detail.clone());
            (f, exact.unwrap_or_default())
        };
        let (f, exact) = find(
            r#"{"web":{"redirectUris":["https://spa.contoso.com/"]},"spa":{"redirectUris":["https://spa.contoso.com/"]}}"#,
        );
        let f = f.unwrap_or_else(|| panic!("no platform finding"));
        assert_eq!(f.severity, crate::core::report::Severity::Warning);
        assert!(f.detail.contains("not documented"), "{}", f.detail);
        assert!(
            exact.contains("under Web and Single-page application"),
            "{exact}"
        );
        let (f, _) = find(r#"{"web":{"redirectUris":["https://spa.contoso.com/"]}}"#);
        assert_eq!(
            f.map(|f| f.severity),
            Some(crate::core::report::Severity::Error)
        );
    }

    fn android(text: &str, registered: &str) -> Vec<crate::core::Finding> {
        analyze(&CaseInput {
            authorize: text.into(),
            registered: registered.into(),
            ..CaseInput::default()
        })
        .report
        .findings
    }

    /// MSAL Android's own check of its configured redirect URI (no AADSTS code) is read: the
    /// URI built from the app against the configured one, and whether the registration holds it.
    #[test]
    fn msal_android_signature_check_compares_its_two_uris() {
        let msg = |built: &str, configured: &str| {
            format!("com.microsoft.identity.client.exception.MsalClientException: The redirect URI in the configuration file doesn't match with the one generated with package name and signature hash. Please verify the uri in the config file and your app registration in Azure portal.We expected '{built}' and we received '{configured}'.\n\tat com.microsoft.identity.client.PublicClientApplicationConfiguration.verifyRedirectUriWithAppSignature(PublicClientApplicationConfiguration.java:770)")
        };
        let release = "msauth://com.contoso.app/2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D";
        let debug = "msauth://com.contoso.app/Xo8WBi6jzSxKDVR4drqm84yr9iU%3D";
        let found = |f: &[crate::core::Finding]| {
            f.iter()
                .find(|f| f.code == "response.library_error")
                .cloned()
                .unwrap_or_else(|| panic!("no library_error: {f:?}"))
        };
        let fs = android(&msg(debug, release), &format!("Android\n{release}"));
        assert!(
            !fs.iter().any(|f| f.code == "input.authorize_unreadable"),
            "{fs:?}"
        );
        let f = found(&fs);
        assert!(
            f.detail.contains("differ in the signature hash"),
            "{}",
            f.detail
        );
        assert!(f.detail.contains("does not hold"), "{}", f.detail);
        assert!(f
            .snippets
            .iter()
            .any(|s| s.label.starts_with("URI to register") && s.text == debug));
        // Registered already: only the configuration changes, no command.
        let f = found(&android(&msg(debug, release), &format!("Android\n{debug}")));
        assert!(
            f.detail
                .contains("only the app's configuration must change"),
            "{}",
            f.detail
        );
        assert!(!f.snippets.iter().any(|s| s.label.starts_with("az CLI")));
        // The hash decoded in the configuration; another package name.
        let f = found(&android(
            &msg(
                debug,
                "msauth://com.contoso.app/Xo8WBi6jzSxKDVR4drqm84yr9iU=",
            ),
            "",
        ));
        assert!(
            f.detail.contains("only in percent-encoding"),
            "{}",
            f.detail
        );
        let f = found(&android(
            &msg(
                debug,
                "msauth://com.contoso.app.debug/Xo8WBi6jzSxKDVR4drqm84yr9iU%3D",
            ),
            "",
        ));
        assert!(
            f.detail.contains("differ in the package name"),
            "{}",
            f.detail
        );
        // Pasted as what came back, beside the request or alone: read the same way.
        let landing = |authorize: &str, callback: &str| {
            analyze(&CaseInput {
                authorize: authorize.into(),
                registered: format!("Android\n{release}"),
                callback: callback.into(),
                ..CaseInput::default()
            })
            .report
            .findings
        };
        let url = format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri={}&scope=openid", crate::core::uri::form_encode(release));
        let f = found(&landing(&url, &msg(debug, release)));
        assert!(f.detail.contains("does not hold"), "{}", f.detail);
        found(&landing("", &msg(debug, release)));
        assert!(!landing(&url, "MsalClientException: state_mismatch")
            .iter()
            .any(|f| f.title.starts_with("MSAL Android")));
        // Near miss: Entra's 50011 for an Android URI is Entra's refusal, not the local check.
        let fs = android(&format!("AADSTS50011: The redirect URI '{debug}' specified in the request does not match the redirect URIs configured for the application '6731de76-14a6-49ae-97bc-6eba6914391e'."), &format!("Android\n{release}"));
        assert!(
            !fs.iter().any(|f| f.code == "response.library_error"),
            "{fs:?}"
        );
    }

    /// The first `redirect.*_mismatch` finding for a request and a registered list.
    fn first_mismatch(authorize: String, registered: String) -> crate::core::Finding {
        let a = analyze(&CaseInput {
            authorize,
            registered,
            ..CaseInput::default()
        });
        a.report
            .findings
            .iter()
            .find(|f| f.code.starts_with("redirect.") && f.code.ends_with("_mismatch"))
            .cloned()
            .unwrap_or_else(|| panic!("no mismatch: {:?}", a.report.findings))
    }

    fn mismatch(sent: &str, registered: &str) -> crate::core::Finding {
        first_mismatch(
            format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri={}&scope=openid&x-client-SKU=MSAL.Android", crate::core::uri::form_encode(sent)),
            format!("Android\n{registered}"),
        )
    }

    /// msauth://<package>/<hash>: the path is the signing certificate's hash, so a path
    /// mismatch is another signing key, and the fix says so and registers it.
    #[test]
    fn an_android_hash_path_mismatch_names_the_signing_key() {
        let f = mismatch(
            "msauth://com.contoso.app/Xo8WBi6jzSxKDVR4drqm84yr9iU%3D",
            "msauth://com.contoso.app/2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D",
        );
        assert!(
            f.detail.contains("Base64 SHA-1 hash of the certificate"),
            "{}",
            f.detail
        );
        assert!(f.detail.contains("Play App Signing"), "{}", f.detail);
        assert!(f.fix.starts_with("If this build"), "{}", f.fix);
        assert!(!f
            .snippets
            .iter()
            .any(|s| s.label.starts_with("Authorize URL")));
        // Near miss: a custom-scheme path that is no hash keeps the callback-path advice.
        let f = mismatch(
            "msauth://com.contoso.app/callback",
            "msauth://com.contoso.app/cb",
        );
        assert!(f.fix.contains("check the callback path"), "{}", f.fix);
        assert!(!f.detail.contains("SHA-1"), "{}", f.detail);
    }

    /// localhost against a loopback address names the address sent, not always 127.0.0.1.
    #[test]
    fn the_loopback_host_named_is_the_one_sent() {
        let detail = |sent: &str, registered: &str| {
            let r = crate::core::analyze(&crate::core::CaseInput {
                authorize: format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri={}&scope=openid", crate::core::uri::form_encode(sent)),
                registered: registered.into(),
                ..Default::default()
            })
            .report;
            r.findings
                .iter()
                .find(|f| f.code == "redirect.localhost_vs_loopback_ip")
                .map(|f| f.detail.clone())
                .unwrap_or_default()
        };
        let d = detail("http://[::1]:53000", "http://localhost");
        assert!(d.contains("localhost and [::1] are different hosts"), "{d}");
        let d = detail("http://127.0.0.1:5000/cb", "http://localhost:5000/cb");
        assert!(
            d.contains("localhost and 127.0.0.1 are different hosts"),
            "{d}"
        );
    }

    /// A host the app cannot write another way (the broker's, an Android applicationId) differs
    /// in case: the URI is registered as sent, and no "send the registered URI" is offered.
    #[test]
    fn a_built_host_in_another_case_offers_no_uri_to_send() {
        let sends = |f: &super::Finding| {
            f.snippets.iter().any(|s| {
                s.label.starts_with("Registered redirect URI to send")
                    || s.label.starts_with("Authorize URL")
            })
        };
        for (sent, registered) in [
            (
                "ms-appx-web://Microsoft.AAD.BrokerPlugin/6731de76-14a6-49ae-97bc-6eba6914391e",
                "ms-appx-web://microsoft.aad.brokerplugin/6731de76-14a6-49ae-97bc-6eba6914391e",
            ),
            (
                "msauth://com.Contoso.App/2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D",
                "msauth://com.contoso.app/2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D",
            ),
        ] {
            let f = mismatch(sent, registered);
            assert_eq!(f.code, "redirect.host_case_mismatch");
            assert!(!sends(&f), "{sent}: {:?}", f.snippets);
            assert!(f.snippets.iter().any(|s| s.text == sent), "{sent}");
        }
        // Near miss: a web host in another case is the app's setting: sending it is offered.
        let f = mismatch("https://App.contoso.com/cb", "https://app.contoso.com/cb");
        assert!(sends(&f), "{:?}", f.snippets);
    }

    /// msauth://<package>/<hash>: the host is the build's applicationId, so a host mismatch is
    /// another build variant: register its URI, never "send the registered URI".
    #[test]
    fn an_android_package_mismatch_registers_the_build_s_uri() {
        let debug = "msauth://com.contoso.app.debug/Xo8WBi6jzSxKDVR4drqm84yr9iU%3D";
        let f = mismatch(
            debug,
            "msauth://com.contoso.app/Xo8WBi6jzSxKDVR4drqm84yr9iU%3D",
        );
        assert_eq!(f.code, "redirect.host_mismatch");
        assert!(f.detail.contains("applicationId"), "{}", f.detail);
        assert!(
            f.fix.starts_with("If this build (com.contoso.app.debug)"),
            "{}",
            f.fix
        );
        assert!(!f.fix.contains("where the app now lives"), "{}", f.fix);
        assert!(!f
            .snippets
            .iter()
            .any(|s| s.label.starts_with("Registered redirect URI to send")));
        assert!(f.snippets.iter().any(|s| s.text == debug));
        // Near miss: a custom scheme whose path is no hash keeps the host advice.
        let f = mismatch(
            "myapp://com.contoso.app.debug/cb",
            "myapp://com.contoso.app/cb",
        );
        assert!(f.fix.contains("where the app now lives"), "{}", f.fix);
    }

    /// MSAL Android sends the hash URL-encoded (the portal's form): a registration holding it
    /// decoded is replaced; the reverse keeps the advice to send the registered form.
    #[test]
    fn an_android_hash_registered_decoded_is_replaced_by_the_encoded_form() {
        let (enc, dec) = (
            "msauth://com.contoso.app/Xo8WBi6jzSxKDVR4drqm84yr9iU%3D",
            "msauth://com.contoso.app/Xo8WBi6jzSxKDVR4drqm84yr9iU=",
        );
        let f = mismatch(enc, dec);
        assert!(f.fix.starts_with(&format!("Register {enc}")), "{}", f.fix);
        let cmd = f
            .snippets
            .iter()
            .find(|s| s.label.starts_with("az CLI"))
            .map(|s| s.text.clone())
            .unwrap_or_default();
        assert!(cmd.contains(enc) && !cmd.contains(dec), "{cmd}");
        let f = mismatch(dec, enc);
        assert!(
            f.fix
                .starts_with("Send the URI with the same characters as registered"),
            "{}",
            f.fix
        );
    }

    fn web_fix(sent: &str, registered: &str) -> crate::core::Finding {
        first_mismatch(
            format!("AADSTS50011: The redirect URI '{sent}' specified in the request does not match the redirect URIs configured for the application '6731de76-14a6-49ae-97bc-6eba6914391e'."),
            format!("Web\n{registered}"),
        )
    }

    /// A connector consent URI is picked by the connector: its own (unique) redirect URI is
    /// registered first; the global one only serves connectors set to use it.
    #[test]
    fn a_connector_sends_its_own_redirect_uri_which_is_registered() {
        let global = "https://global.consent.azure-apim.net/redirect";
        let own =
            "https://global.consent.azure-apim.net/redirect/cr5f3-5fcontoso-20api-5f8d0c1e2f3a";
        let f = web_fix(own, global);
        assert!(f.fix.starts_with(&format!("Register {own}")), "{}", f.fix);
        assert!(
            !f.snippets.iter().any(|s| s.label.contains("to send")),
            "{:?}",
            f.snippets
        );
        let f = web_fix(global, own);
        assert!(
            f.fix
                .starts_with("This connector is set to the global redirect URI"),
            "{}",
            f.fix
        );
        let f = web_fix(
            "https://logic-apis-westeurope.consent.azure-apim.net/redirect",
            global,
        );
        assert!(
            f.fix.starts_with("Register https://logic-apis-westeurope"),
            "{}",
            f.fix
        );
        // Near miss: the same shape on the app's own host is the app's callback path.
        let f = web_fix(
            "https://app.contoso.com/redirect/x1",
            "https://app.contoso.com/redirect",
        );
        assert!(f.fix.contains("check the callback path"), "{}", f.fix);
    }
}
