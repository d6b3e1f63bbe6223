//! Checks of the authorize request itself: the authority and tenant, the
//! client, the form of `redirect_uri`, and the flow parameters
//! (response_type, response_mode, PKCE, scope, nonce, state, prompt).

use super::aadsts;
use super::authorize::{AuthorizeRequest, Cloud, Endpoint, Source};
use super::client::{ClientGuess, ClientKind};
use super::codes::finding;
use super::fix;
use super::registered::{Audience, Registered};
use super::report::{Finding, Platform, Severity};
use super::uri;

/// True when a value is a template placeholder rather than a real value.
pub fn is_placeholder(v: &str) -> bool {
    let l = v.trim().to_ascii_lowercase();
    if l.is_empty() {
        return false;
    }
    let marks = [
        "enter_",
        "enter-",
        "your_",
        "your-",
        "yourapp",
        "your app",
        "<",
        ">",
        "{",
        "}",
        "${",
        "$(",
        "%(",
        "todo",
        "placeholder",
        "replace_",
        "replace-",
        "changeme",
        "xxxxxxxx",
        "client_id_here",
        "app_id_here",
        "tenant_id_here",
        "insert_",
    ];
    // `[word]` is a template slot; `[::1]`, `[fe80::1%25eth0]` (IPv6) and `\x1b]0;` (a
    // terminal escape) are not.
    let bracketed = l.split('[').skip(1).any(|r| {
        r.split_once(']').is_some_and(|(w, _)| {
            w.len() >= 2
                && w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' '))
                && w.chars().any(|c| c.is_ascii_alphabetic())
        })
    });
    marks.iter().any(|m| l.contains(m))
        || bracketed
        || matches!(
            l.as_str(),
            "undefined"
                | "null"
                | "none"
                | "client_id"
                | "clientid"
                | "client-id"
                | "app_id"
                | "appid"
                | "tenant"
                | "tenant_id"
                | "tenantid"
                | "redirect_uri"
                | "redirecturi"
                | "test"
                | "string"
        )
        || l == "00000000-0000-0000-0000-000000000000"
        || (l.starts_with('%') && l.ends_with('%') && l.len() > 2)
}

/// Context the request checks need.
pub struct Ctx<'a> {
    /// The request.
    pub req: &'a AuthorizeRequest,
    /// The registration.
    pub reg: &'a Registered,
    /// The sign-in audience in force.
    pub audience: Audience,
    /// The client guess.
    pub client: &'a ClientGuess,
    /// The platform of the registered URI that accepts (or is nearest to) the sent one.
    pub platform: Option<Platform>,
}

fn tenant_ok(t: &str) -> bool {
    let l = t.to_ascii_lowercase();
    matches!(l.as_str(), "common" | "organizations" | "consumers")
        || uri::is_guid(t)
        || (l.contains('.')
            && !l.starts_with('.')
            && !l.ends_with('.')
            && l.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            // A domain ends in a name (contoso.com), not a number ('v2.0', the issuer's suffix).
            && l.rsplit('.').next().is_some_and(|tld| {
                tld.starts_with("xn--")
                    || (tld.len() >= 2 && tld.bytes().all(|c| c.is_ascii_alphabetic()))
            }))
}

/// The identity provider other than Entra that `host` (and `path`) belong to, when it is a
/// well-known one.
pub(crate) fn other_provider(host: &str, path: &str) -> Option<&'static str> {
    let h = host.to_ascii_lowercase();
    let is = |d: &str| h == d || h.ends_with(&format!(".{d}"));
    Some(if is("accounts.google.com") {
        "Google"
    } else if is("github.com") {
        "GitHub"
    } else if is("okta.com") || is("oktapreview.com") {
        "Okta"
    } else if is("auth0.com") {
        "Auth0"
    } else if is("amazoncognito.com") {
        "Amazon Cognito"
    } else if is("appleid.apple.com") {
        "Apple"
    } else if is("facebook.com") {
        "Facebook"
    } else if is("linkedin.com") {
        "LinkedIn"
    } else if is("twitter.com") || is("x.com") {
        "X (Twitter)"
    } else if h == "www.amazon.com" || h == "na.account.amazon.com" {
        "Amazon"
    } else if h == "login.yahoo.com" || h == "api.login.yahoo.com" {
        "Yahoo"
    } else if is("login.salesforce.com") || is("my.salesforce.com") {
        "Salesforce"
    } else if is("pingone.com") || is("pingidentity.com") {
        "Ping Identity"
    } else if path.contains("/realms/") && path.contains("/protocol/openid-connect/") {
        "Keycloak"
    } else if path.to_ascii_lowercase().starts_with("/adfs/oauth2/") {
        "AD FS"
    } else {
        return None;
    })
}

/// Where a social identity provider (one B2C, External ID and guest sign-in send users to)
/// keeps the redirect URIs of an OAuth client.
pub(crate) fn provider_console(name: &str) -> Option<&'static str> {
    Some(match name {
        "Google" => "the Google Cloud Console (APIs & Services → Credentials → that OAuth 2.0 client → Authorized redirect URIs)",
        "Facebook" => "the Meta for Developers app (Facebook Login → Settings → Valid OAuth Redirect URIs)",
        "Apple" => "the Apple Developer account (the Services ID → Sign in with Apple → Return URLs)",
        "GitHub" => "the GitHub OAuth app (Authorization callback URL)",
        "LinkedIn" => "the LinkedIn app (Auth → Authorized redirect URLs)",
        "X (Twitter)" => "the X developer portal app (User authentication settings → Callback URI)",
        "Amazon" => "the Login with Amazon security profile (Web Settings → Allowed Return URLs)",
        "Yahoo" => "the Yahoo developer app (Redirect URI(s))",
        _ => return None,
    })
}

/// Whether a provider's page (lowercase text) refuses a redirect URI ("redirect_uri_mismatch",
/// "URL blocked … not whitelisted", "The redirect_uri does not match").
pub(crate) fn refuses_redirect(lower: &str) -> bool {
    [
        "redirect_uri",
        "redirect uri",
        "redirect url",
        "callback url",
        "return url",
    ]
    .iter()
    .any(|w| lower.contains(w))
        && [
            "mismatch",
            "not match",
            "doesn't match",
            "invalid",
            "blocked",
            "whitelisted",
            "not registered",
            "not allowed",
        ]
        .iter()
        .any(|w| lower.contains(w))
}

/// Whom a sign-in started at `authorize_url` sends on to a social identity provider: an
/// External ID tenant (ciamlogin.com), a B2C tenant (b2clogin.com, a B2C policy in the path
/// or `p`), or Entra (a guest's federation).
pub(crate) fn federating_tenant(authorize_url: &str) -> &'static str {
    let host = uri::Uri::new(authorize_url)
        .host()
        .unwrap_or("")
        .to_ascii_lowercase();
    if host.ends_with(".ciamlogin.com") {
        "the External ID tenant"
    } else if super::authorize::read(authorize_url).is_some_and(|r| r.is_b2c()) {
        "the B2C tenant"
    } else {
        "Entra"
    }
}

/// The title and fix of a social provider's refusal of the redirect URI a B2C, External ID
/// or Entra tenant sent it (its `…/oauth2/authresp`, `…/federation/…`): fixed at that
/// provider, for the OAuth client (`client`, " (id)" or "") the tenant uses.
pub(crate) fn provider_refusal(
    name: &str,
    tenant: &str,
    redirect_uri: &str,
    client: &str,
) -> (String, String) {
    let console =
        provider_console(name).unwrap_or("the identity provider's settings for that client");
    (
        format!("{name} refused the redirect URI {tenant} sent it ({redirect_uri}): add it at {name}, not in the app registration"),
        format!("In {console}, add {redirect_uri} exactly as it is here (scheme, host, path, case) to the OAuth client{client} whose client ID {tenant}'s {name} identity provider holds; with a custom domain in front of {tenant}, add that domain's address too. Then sign in again."),
    )
}

/// The identity provider other than Entra whose error page `text` is, by its own words (an
/// AADSTS code in it makes it Entra's).
pub(crate) fn other_provider_text(text: &str) -> Option<&'static str> {
    const PAGES: [(&str, &str); 8] = [
        ("google's oauth 2.0 policy", "Google"),
        ("error 400: redirect_uri_mismatch", "Google"),
        ("flowname=generaloauthflow", "Google"),
        ("accounts.google.com", "Google"),
        (
            "the provided redirect_uri is not in the list of allowed callback urls",
            "Auth0",
        ),
        (".okta.com", "Okta"),
        (".auth0.com", "Auth0"),
        ("invalid parameter: redirect_uri", "Keycloak"),
    ];
    let lower = text.to_ascii_lowercase();
    if lower.contains("aadsts") {
        return None;
    }
    PAGES
        .iter()
        .find(|(words, _)| lower.contains(words))
        .map(|(_, name)| *name)
}

/// The parameter whose value swallowed `name` after a second '?' (`…redirect_uri=…?response_type=code&…`,
/// a URL built by appending `?…` to one that had its query already): Entra reads
/// `?response_type=code` as part of that value and finds no `name`.
pub fn swallowed(req: &AuthorizeRequest, name: &str) -> Option<String> {
    if req.param(name).is_some() {
        return None;
    }
    req.params.iter().find_map(|p| {
        let (_, rest) = p.value.split_once('?')?;
        rest.split('&')
            .any(|pair| pair.split_once('=').is_some_and(|(n, _)| n == name))
            .then(|| p.name.clone())
    })
}

/// The finding for a parameter a second '?' hid inside another's value, with the URL that
/// has '&' there.
fn swallowed_finding(
    req: &AuthorizeRequest,
    code: &'static str,
    name: &str,
    holder: &str,
) -> Finding {
    let mut f = finding(code).aadsts(900144).title(format!("A second '?' hid {name} inside {holder}")).detail(format!("The URL has '?' a second time, after {holder}'s value, where '&' belongs: everything up to the next '&' is part of {holder} (…{holder}=…?{name}=…), so Entra finds no {name} ('The request body must contain the following parameter: '{name}'', AADSTS900144), and {holder} is not what the app meant.")).fix(format!("Join the parameters with '&': the code that builds the URL appends '?{name}=…' to a URL that already has its query; append '&{name}=…' there."));
    // The URL as meant: the '?' inside the holder's value (the one that hid the name) made
    // '&'; an unencoded '?' in another parameter's value stays.
    if let Some((base, query)) = req.url.split_once('?') {
        let mut at = 0;
        let hider = query.split('&').find_map(|pair| {
            let start = at;
            at += pair.len() + 1;
            let value = pair.strip_prefix(holder)?.strip_prefix('=')?;
            let q = value.find('?')?;
            let rest = &value[q + 1..];
            rest.split('&')
                .next()
                .is_some_and(|p| p.split_once('=').is_some_and(|(n, _)| n == name))
                .then_some(start + holder.len() + 1 + q)
        });
        if let Some(q) = hider {
            f = f.snippet(
                "Authorize URL with '&'",
                format!("{base}?{}&{}", &query[..q], &query[q + 1..]),
            );
        }
    }
    f
}

/// The grant of a request to Entra's token or device code endpoint pasted for the authorize
/// request (its `grant_type`, or the endpoint's): `None` for an authorize request.
pub fn token_grant(req: &AuthorizeRequest) -> Option<String> {
    let path = req.path.as_deref().unwrap_or("").to_ascii_lowercase();
    let path = path.trim_end_matches('/');
    // An authorize URL stays one, whatever extra parameters it carries.
    if path.ends_with("/authorize") {
        return None;
    }
    if let Some(g) = req.get("grant_type").filter(|g| !g.trim().is_empty()) {
        return Some(g.trim().to_string());
    }
    if path.ends_with("/oauth2/v2.0/devicecode") || path.ends_with("/oauth2/devicecode") {
        return Some("device_code".to_string());
    }
    // Authorize parameters sent to /token are the authorize request at the wrong path
    // (request.not_entra_authorize says so), not a token request.
    ((path.ends_with("/oauth2/v2.0/token") || path.ends_with("/oauth2/token"))
        && req.param("response_type").is_none())
    .then(|| "(not given)".to_string())
}

/// What a token request pasted for the authorize request is, by its grant.
pub fn token_request_finding(grant: &str) -> Finding {
    let f = finding("input.authorize_unreadable").severity(Severity::Info);
    let redemption = "The authorization code's redemption: its redirect_uri must equal the authorize request's exactly (AADSTS500112 when it does not), and that one must be registered, so it is judged below as the redirect URI sent. None of the authorize request's own rules (response_type, scope, state, PKCE challenge) apply to it.";
    let (title, detail) = match grant {
        "authorization_code" => ("This is the token request (grant_type=authorization_code), not the authorize request", redemption.to_string()),
        "(not given)" => ("This is a request to the token endpoint, not the authorize request", "The URL is a /token endpoint, which redeems a code (or another grant) for tokens: it is not the authorize request, and it holds nothing to check here.".to_string()),
        "device_code" | "urn:ietf:params:oauth:grant-type:device_code" => ("This is the device code flow, which uses no redirect URI", "The app asks /devicecode for a code, the user enters it on another device, and the app polls /token: no authorization code goes to a redirect URI, so there is none to check.".to_string()),
        "client_credentials" => ("This is a client credentials request, which uses no redirect URI", "grant_type=client_credentials: the app gets a token for itself with its secret or certificate, with no user and no browser, so no redirect URI is involved and none is checked.".to_string()),
        "urn:ietf:params:oauth:grant-type:jwt-bearer" => ("This is an on-behalf-of request, which uses no redirect URI", "grant_type=jwt-bearer (on-behalf-of): an API exchanges the token it received for one to call another API, server to server, so no redirect URI is involved and none is checked.".to_string()),
        "refresh_token" => ("This is a refresh token request, which uses no redirect URI", "grant_type=refresh_token: the app renews its tokens at /token without the browser, so no redirect URI is checked (a single-page app's refresh must still come from its SPA redirect URI's origin).".to_string()),
        other => ("This is a token request, not the authorize request", format!("grant_type={other} goes to /token; no authorization code is delivered to a redirect URI in it.")),
    };
    // The bare endpoint holds nothing to check: an authorize request is still needed.
    let f = if grant == "(not given)" {
        f.severity(Severity::Error)
    } else {
        f
    };
    f.title(title).detail(detail).fix("To check why the authorization code did not arrive, paste the request to …/oauth2/v2.0/authorize (browser developer tools, Network tab: the first request to the Entra host after Sign in) or Entra's error text.")
}

/// The tenant of personal Microsoft accounts, which /consumers stands for.
pub const MSA_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// The client and tenant checks (the first things Entra resolves).
pub fn client_checks(c: &Ctx, out: &mut Vec<Finding>) {
    let req = c.req;
    if req.source == Source::Url {
        let host = req.host.clone().unwrap_or_default();
        // Azure AD B2C on a custom domain: any host, with a B2C policy in the path or `p`.
        // A path copied without its host (`/contoso.com/oauth2/v2.0/authorize?…`) names none.
        // An External ID (or B2C) custom URL domain in front of Entra: any host, with a tenant
        // GUID or *.onmicrosoft.com tenant before Entra's own /oauth2/v2.0/authorize path.
        let custom_domain = req.has_entra_tenant_path();
        let entra_host = req.host.is_none()
            || super::authorize::is_entra_host(&host)
            || (req.is_b2c() && req.endpoint != Endpoint::Unknown);
        if !entra_host || req.endpoint == Endpoint::Unknown {
            let what = if entra_host {
                format!(
                    "The path {} is not /oauth2/v2.0/authorize or /oauth2/authorize.",
                    req.path.as_deref().unwrap_or("")
                )
            } else if custom_domain {
                format!("{host} is not one of Entra's hosts, though the path has Entra's form (a tenant, then /oauth2/v2.0/authorize): if it is the tenant's External ID (or B2C) custom URL domain, this is Entra's request and the rules below apply; otherwise check the host for a typo.")
            } else {
                format!("{host} is not an Entra authority host (login.microsoftonline.com, login.microsoftonline.us, login.partner.microsoftonline.cn, *.b2clogin.com, *.ciamlogin.com).")
            };
            if other_provider(&host, req.path.as_deref().unwrap_or("")) == Some("AD FS") {
                // An on-premises AD FS farm: its own clients and redirect URIs, its own errors.
                out.push(finding("request.not_entra_authorize").severity(Severity::Error).title("This authorize request goes to AD FS, not to Microsoft Entra ID").detail(format!("{host} serves Active Directory Federation Services (/adfs/oauth2/authorize): AD FS checks the redirect URI against the client in its own application group, with its own rules and errors (MSIS… codes in its event log and error page), so Entra never sees this request and an Entra app registration or az command changes nothing here.")).fix("On the AD FS server, list the client's redirect URIs (Get-AdfsNativeClientApplication or Get-AdfsServerApplication, RedirectUri) and add the one the app sends (Set-AdfsNativeClientApplication or Set-AdfsServerApplication with -RedirectUri listing every URI to keep and the new one). If the app should sign in with Entra, point its authority to login.microsoftonline.com/<tenant>/v2.0."));
                return;
            }
            if let Some(name) = other_provider(&host, req.path.as_deref().unwrap_or("")) {
                // Another identity provider's request: Entra's rules say nothing about it.
                out.push(finding("request.not_entra_authorize").severity(Severity::Error).title(format!("This authorize request goes to {name}, not to Microsoft Entra ID")).detail(format!("{host} is {name}'s sign-in server, so Entra never sees this request: its redirect URI is checked against the client registered at {name}, with {name}'s rules and errors, and Entra's app registration plays no part.")).fix(format!("Check the redirect URI in {name}'s client settings; or, if the app should sign in with Entra, paste the request to login.microsoftonline.com/…/oauth2/v2.0/authorize (the first request to it in the browser's Network tab after clicking Sign in).")));
                return;
            }
            let h = host.to_ascii_lowercase();
            let path = req.path.as_deref().unwrap_or("").trim_end_matches('/');
            let lower_path = path.to_ascii_lowercase();
            let at_token = lower_path.ends_with("/token") && lower_path.contains("/oauth2/");
            if entra_host && at_token && req.param("response_type").is_some() {
                // The app's authorization URL set to the token endpoint: the browser's GET there
                // is refused (AADSTS900561) before any sign-in page, so no code is issued.
                let authorize = format!("{}authorize", &path[..path.len() - "token".len()]);
                let origin = req
                    .host
                    .as_ref()
                    .map(|h| format!("https://{h}"))
                    .unwrap_or_default();
                out.push(finding("request.not_entra_authorize").severity(Severity::Error).title("The browser was sent to the token endpoint, not the authorize endpoint").detail(format!("This request carries the authorize request's parameters (response_type, redirect_uri) but goes to {path}. The token endpoint only takes the app's POST that redeems a code; a browser's GET there is refused with AADSTS900561 (the endpoint only accepts POST requests), so no sign-in page is shown and no code is issued. The app's authorization URL is set to the token URL.")).fix(format!("Set the app's authorization URL (authorization endpoint, auth URL) to {origin}{authorize} and keep {origin}{path} as its token URL.")));
                return;
            }
            if super::authorize::is_token_issuer_host(&h) {
                out.push(finding("request.not_entra_authorize").severity(Severity::Error).title(format!("{host} is Entra's token issuer, not its sign-in host")).detail(format!("{host} is the issuer Entra writes in v1 tokens (iss: https://{host}/<tenant>/), not an address that signs users in: an authority taken from a token's iss claim or from the SAML page's Microsoft Entra Identifier. The browser gets no sign-in page there.")).fix(format!("Use https://{}/<tenant>/oauth2/v2.0/authorize as the authority (the app's Instance and TenantId settings).", if h.ends_with(".cn") { "login.partner.microsoftonline.cn" } else { "login.microsoftonline.com" })));
                return;
            }
            if h.ends_with('.') && super::authorize::is_entra_host(h.trim_end_matches('.')) {
                out.push(finding("request.not_entra_authorize").title(format!("{host} ends with a dot")).detail(format!("The host is {}, written with a final dot (the DNS root): browsers reach the same server, but the name differs from the one the app is configured for, so an authority check in the app or a TLS name check may fail.", h.trim_end_matches('.'))).fix(format!("Write the host without the final dot: {}.", h.trim_end_matches('.'))));
            } else if custom_domain {
                out.push(finding("request.not_entra_authorize").title(format!("{host} is not one of Entra's hosts: a custom URL domain, or a typo")).detail(what).fix("Nothing to change if this is the tenant's custom URL domain; otherwise send the request to login.microsoftonline.com (or the tenant's ciamlogin.com or b2clogin.com host)."));
            } else {
                out.push(finding("request.not_entra_authorize").detail(format!("{what} The rules below are Entra's; they may not apply to this server.")).fix("Paste the URL of the request to …/oauth2/v2.0/authorize: in the browser's developer tools (Network tab) it is the first request to the Entra host after you click Sign in."));
            }
        }
        // The registration read from one cloud's Graph, the request sent to another cloud's
        // sign-in host: the app is not in that cloud.
        if let (Some(reg_c), Some(req_c)) = (
            c.reg.graph_host.as_deref().and_then(Cloud::of_graph_host),
            Cloud::of_sign_in_host(&host),
        ) {
            if reg_c != req_c {
                let (reg_cloud, req_cloud, to) = (reg_c.name(), req_c.name(), reg_c.sign_in_host());
                out.push(finding("request.tenant_invalid").aadsts(700016).severity(Severity::Error).title(format!("The app is registered in the {reg_cloud} cloud, the request goes to the {req_cloud} cloud")).detail(format!("The pasted registration was read from {} (its @odata.context), the {reg_cloud} cloud's Microsoft Graph, but the request goes to {host}, the {req_cloud} cloud's sign-in host. The clouds are separate: the tenant and the app are not found there (AADSTS90002 or AADSTS700016), before any redirect URI is compared.", c.reg.graph_host.as_deref().unwrap_or(""))).fix(format!("Send the request to {to} (the app's Instance or authority setting), the host of the cloud the app is registered in.")));
            }
        }
        if req.endpoint == Endpoint::V1 {
            out.push(finding("request.v1_endpoint").detail("The v1 endpoint (/oauth2/authorize) ignores scope and takes resource instead; the redirect URI rules are the same.").fix("Prefer the v2 endpoint (/oauth2/v2.0/authorize) with scope, as current MSAL libraries do."));
        }
        // Azure AD B2C's old authority on login.microsoftonline.com (/tfp/…, /te/…, or the
        // tenant's path with ?p=<policy>): B2C serves its user flows on b2clogin.com or a
        // custom domain only.
        let path = req.path.as_deref().unwrap_or("");
        if req.is_b2c() && host.eq_ignore_ascii_case("login.microsoftonline.com") {
            let lower = path.to_ascii_lowercase();
            let rest = if lower.starts_with("/tfp/") || lower.starts_with("/te/") {
                path.splitn(3, '/').nth(2).unwrap_or("")
            } else {
                path.trim_start_matches('/')
            };
            let form = path
                .split('/')
                .nth(1)
                .filter(|f| matches!(f.to_ascii_lowercase().as_str(), "tfp" | "te"))
                .map_or(String::new(), |f| format!("{f}/"));
            let tenant = rest.split('/').next().unwrap_or("");
            // The b2clogin.com name is the tenant's initial onmicrosoft.com name; a verified
            // domain does not give it.
            let name = tenant
                .to_ascii_lowercase()
                .strip_suffix(".onmicrosoft.com")
                .filter(|n| !n.is_empty() && !n.contains('.'))
                .map_or("<tenant-name>".to_string(), str::to_string);
            // The ?p= form keeps its policy in the query.
            let query = req
                .get("p")
                .filter(|_| !rest.split('/').any(super::authorize::is_b2c_policy))
                .map_or(String::new(), |p| format!("?p={p}"));
            out.push(finding("request.tenant_invalid").severity(Severity::Error).title("Azure AD B2C no longer answers on login.microsoftonline.com").detail(format!("The request goes to login.microsoftonline.com/{form}…, Azure AD B2C's authority before b2clogin.com; B2C has retired it ('You should no longer reference login.microsoftonline.com in your applications and APIs for authenticating users with Azure AD B2C').")).fix(format!("Use https://{name}.b2clogin.com/{rest}{query} (or the tenant's custom domain) as the authority, and register nothing new for it: the redirect URIs stay the same.")));
        }
        if host.eq_ignore_ascii_case("login.microsoftonline.de") {
            out.push(finding("request.not_entra_authorize").severity(Severity::Error).title("Microsoft Cloud Deutschland is closed").detail("login.microsoftonline.de was the authority of Microsoft Cloud Deutschland, which closed on 29 October 2021; apps and tenants moved to the global cloud.").fix("Use https://login.microsoftonline.com/<tenant>/oauth2/v2.0/authorize (the tenant moved to the global cloud)."));
        }
        let entra_path = entra_host && req.endpoint != Endpoint::Unknown;
        if let Some(t) = req.tenant.as_ref().filter(|_| entra_path) {
            if !req.is_b2c() && req.client_id().is_some_and(|id| id.eq_ignore_ascii_case(t)) {
                out.push(finding("request.tenant_invalid").aadsts(90002).title("The tenant segment is the app's client ID").detail(format!("The authority names {t}, which is the request's client_id (the Application ID of the app), not a Directory (tenant) ID: Entra looks for a tenant with that ID, finds none and stops with AADSTS90002 before it looks at the redirect URI.")).fix("Put the Directory (tenant) ID from the app registration's Overview page in the authority (…/<tenant ID>/oauth2/v2.0/authorize), or organizations or common for a multi-tenant app."));
            } else if !req.is_b2c() && (is_placeholder(t) || !tenant_ok(t)) {
                out.push(finding("request.tenant_invalid").aadsts(90002).detail(format!("The tenant segment '{t}' is not common, organizations, consumers, a tenant GUID or a verified domain, so Entra cannot find the tenant (AADSTS90002).")).fix("Use your Directory (tenant) ID from the app registration's Overview page, or organizations/common for multi-tenant apps."));
            } else if (t.eq_ignore_ascii_case("common") || t.eq_ignore_ascii_case("organizations"))
                && c.audience == Audience::MyOrg
            {
                // AADSTS50194 holds for single-tenant apps created after 15 October 2018.
                let f = finding("request.tenant_invalid")
                    .aadsts(50194)
                    .title(format!("A single-tenant app signs in through /{t}"))
                    .fix("Use the tenant ID (or domain) in the authority. If users of other organisations or personal Microsoft accounts (outlook.com) must sign in, keep /common and change the app's Supported account types to include them instead (signInAudience AzureADMultipleOrgs or AzureADandPersonalMicrosoftAccount).");
                let created = c.reg.created.as_deref().unwrap_or("").trim();
                out.push(match c.reg.created_after((2018, 10, 15)) {
                    Some(true) => f.detail(format!("The registration's signInAudience is AzureADMyOrg and the app was created on {created} (createdDateTime), after 15 October 2018: Entra does not support /common or /organizations for a single-tenant app created after that date (AADSTS50194), so it refuses the request before it looks at the redirect URI.")),
                    Some(false) => f.severity(Severity::Info).title(format!("A single-tenant app created before 15 October 2018 signs in through /{t}")).detail(format!("The registration's signInAudience is AzureADMyOrg, but the app was created on {created} (createdDateTime), before 15 October 2018: Entra still lets a single-tenant app that old use /common and /organizations (AADSTS50194 is for apps created after that date). Only users of its own tenant can sign in.")).fix("Nothing to change for the sign-in; the tenant ID in the authority is still the safer form."),
                    None => f.severity(Severity::Warning).detail("The registration's signInAudience is AzureADMyOrg, and apps created after 15 October 2018 that are not multi-tenant cannot use /common or /organizations (AADSTS50194). The pasted registration does not say when the app was created: its createdDateTime (Graph JSON, az ad app show) decides."),
                });
            } else if t.eq_ignore_ascii_case("consumers")
                && matches!(c.audience, Audience::MyOrg | Audience::MultipleOrgs)
            {
                out.push(finding("request.tenant_invalid").aadsts(9002332).title("An Entra-only app signs in through /consumers").detail("The registration only accepts work or school accounts, but /consumers is for personal Microsoft accounts (AADSTS9002332).").fix("Use organizations, or the tenant ID, in the authority."));
            } else if let Some(home) = c.reg.publisher_domain.as_deref().filter(|home| {
                // Two initial domains name two tenants; a single-tenant app is only in its own.
                let l = t.to_ascii_lowercase();
                c.audience == Audience::MyOrg
                    && l.ends_with(".onmicrosoft.com")
                    && home.to_ascii_lowercase().ends_with(".onmicrosoft.com")
                    && !home.eq_ignore_ascii_case(t)
                    // The tenant's routing domain (contoso.mail.onmicrosoft.com) is its own.
                    && home
                        .split('.')
                        .next()
                        .is_none_or(|h| l.split('.').next() != Some(&h.to_ascii_lowercase()))
            }) {
                out.push(finding("request.tenant_invalid").aadsts(700016).severity(Severity::Error).title(format!("A single-tenant app of {home} signs in at {t}")).detail(format!("The registration's publisherDomain is {home}, its home tenant, and its signInAudience is AzureADMyOrg: the app exists only there. The request goes to the tenant {t}, another tenant, where Entra finds no such app: 'Application with identifier … was not found in the directory' (AADSTS700016), before it looks at the redirect URI.")).fix(format!("Use the app's own tenant in the authority (login.microsoftonline.com/{home}, or its Directory (tenant) ID), or register the app in {t} and use that registration's client ID; if users of other tenants must sign in, make the app multi-tenant (AzureADMultipleOrgs) and use /organizations.")));
            } else if t.eq_ignore_ascii_case(MSA_TENANT)
                && matches!(c.audience, Audience::MyOrg | Audience::MultipleOrgs)
            {
                // The personal-account tenant by its ID: /consumers under another name.
                out.push(finding("request.tenant_invalid").aadsts(9002332).title("An Entra-only app signs in through the personal-account tenant").detail(format!("The tenant {MSA_TENANT} is Microsoft's tenant of personal Microsoft accounts (what /consumers stands for), but the registration only accepts work or school accounts: Entra refuses it (AADSTS9002332), or finds no such app in that tenant (AADSTS700016).")).fix("Use organizations, or your Directory (tenant) ID, in the authority."));
            } else if c.audience == Audience::PersonalOnly
                && !t.eq_ignore_ascii_case("consumers")
                && !t.eq_ignore_ascii_case(MSA_TENANT)
            {
                out.push(finding("request.tenant_invalid").aadsts(9002331).title(format!("A personal-accounts-only app signs in through /{t}")).detail(format!("The registration's signInAudience is PersonalMicrosoftAccount: only personal Microsoft accounts sign in to it, and only /consumers serves it. Through /{t} Entra answers that the application is configured for Microsoft Account users only and that /consumers must be used (AADSTS9002331).")).fix("Use /consumers in the authority (…/consumers/oauth2/v2.0/authorize), or change the app's Supported account types if work or school accounts should sign in too."));
            }
        }
    }
    if req.error_text.is_some() && req.params.is_empty() {
        return; // error text: only the redirect URI and app id are known
    }
    // The request's parameters after '#' instead of '?': the browser never sends a fragment,
    // so Entra gets /authorize with none of them.
    if req.param("client_id").is_some_and(|p| p.in_fragment)
        && !req
            .params
            .iter()
            .any(|p| p.name == "client_id" && !p.in_fragment)
    {
        let mut f = finding("request.client_id_missing").aadsts(900144).title("The request's parameters are after '#', which the browser never sends").detail("The authorize URL carries client_id (and the parameters around it) after '#' instead of '?': a fragment stays in the browser (RFC 3986 §3.5), so Entra receives /authorize without client_id, redirect_uri or any other of them and answers 'The request body must contain the following parameter: client_id' (AADSTS900144). The redirect URI below is what the app means to send, not what Entra receives.").fix("Build the URL with '?' before the parameters (…/oauth2/v2.0/authorize?client_id=…), not '#'.");
        if let Some(frag) = req.fragment.as_deref() {
            let base = req.url.split('#').next().unwrap_or(&req.url);
            let base = base.trim_end_matches('?');
            f = f.snippet("Authorize URL with '?'", format!("{base}?{frag}"));
        }
        out.push(f);
    }
    match req.param("client_id") {
        None => out.push(finding("request.client_id_missing").aadsts(900144).detail("Without client_id Entra cannot tell which app is signing in: 'The request body must contain the following parameter: client_id' (AADSTS900144).").fix("Send client_id=<Application (client) ID from the app registration's Overview page>.")),
        Some(p) if p.value.trim().is_empty() => out.push(finding("request.client_id_missing").aadsts(900144).title("client_id is empty").detail("client_id is present but empty (AADSTS900144).").fix("Set client_id to the Application (client) ID from the app registration's Overview page.")),
        Some(p) if is_placeholder(&p.value) => {
            out.push(finding("request.placeholder_value").aadsts(700016).title(format!("client_id is a placeholder: {}", p.value)).detail(format!("client_id '{}' is template text that was never filled in; Entra finds no application with that identifier (AADSTS700016).", p.value)).fix("Fill in the app's settings (client ID, redirect URI, tenant) from the app registration's Overview page and redeploy."));
            out.push(finding("request.client_id_invalid").aadsts(700016).detail(format!("'{}' is not an application (client) ID, which is a GUID.", p.value)).fix("Use the Application (client) ID GUID from the app registration's Overview page."));
        }
        Some(p) if !uri::is_guid(p.value.trim()) => out.push(finding("request.client_id_invalid").aadsts(700016).detail(format!("'{}' is not a GUID; Entra answers 'Application with identifier … was not found in the directory' (AADSTS700016). A common mix-up is the client secret's ID or the object ID instead of the Application (client) ID.", p.value)).fix("Use the Application (client) ID GUID from the app registration's Overview page.")),
        Some(p) => {
            // Of several applications pasted, another one holds the URI sent: the app sends
            // one environment's client_id with another's redirect URI.
            if let (Some(other), Some(sent)) = (&c.reg.sent_on_other_app, req.redirect_uri()) {
                out.push(finding("request.client_id_invalid").severity(Severity::Warning).title("The redirect URI sent is registered on another application of the paste").detail(format!("The paste holds several applications; the one read is the request's client_id ({}), and the redirect URI it sends, {sent}, is registered on {other} instead: the app sends one app registration's client ID with another's redirect URI (often one environment's client ID with another environment's URL).", p.value.trim())).fix(format!("Make the client ID and the redirect URI the app sends belong to the same app registration: set the client ID of {other} if {sent} is right for this deployment, or send a URI registered on {}.", p.value.trim())));
            }
            if let Some(app) = &c.reg.app_id {
                let object = c.reg.object_id.as_deref();
                if object.is_some_and(|o| o.eq_ignore_ascii_case(p.value.trim())) {
                    out.push(finding("request.client_id_invalid").aadsts(700016).title("client_id is the app's Object ID, not its Application (client) ID").detail(format!("The request's client_id {} is the pasted registration's Object ID (the directory object's id). Entra finds the app by its Application (client) ID, {app}, so it finds no application with this identifier: 'Application with identifier … was not found in the directory' (AADSTS700016).", p.value.trim())).fix(format!("Set the app's client ID to {app} (Application (client) ID on the app registration's Overview page), not the Object ID.")));
                } else if !app.eq_ignore_ascii_case(p.value.trim()) {
                    out.push(finding("request.client_id_invalid").title("client_id is not the app whose registration you pasted").detail(format!("The request's client_id is {} but the pasted registration is for appId {app}. Entra checks the redirect URI against the registration of the client_id the request sends, so the comparison below is with another app's list and says nothing about whether Entra accepts it: either the pasted registration is the wrong one (another environment's app), or the app sends the wrong client_id.", p.value)).fix(format!("If {app} is the app that should sign in, set the app's client ID to it; otherwise paste the registration of {} (App registrations › All applications, search by Application (client) ID).", p.value.trim())));
                }
            }
        }
    }
    // One pass with a map: counting per parameter is quadratic, and a pasted
    // query can hold hundreds of thousands of parameters.
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for p in &req.params {
        let n = counts.entry(p.name.as_str()).or_insert(0);
        if *n == 0 {
            order.push(&p.name);
        }
        *n += 1;
    }
    for d in order {
        let n = counts.get(d).copied().unwrap_or(0);
        // Empty pairs (`&&`, a trailing `&`) name no parameter.
        if n < 2 || d.trim().is_empty() {
            continue;
        }
        out.push(finding("request.duplicate_parameter").title(format!("{d} is sent {n} times")).detail(format!("The query carries {d} more than once; Entra rejects or picks one, and libraries raise duplicate_query_parameter. Usually the app adds it and a library adds it again.")).fix(format!("Send {d} once.")));
    }
    // A query of tens of kilobytes: Entra answers QueryStringTooLong (AADSTS90015), and
    // servers on the way refuse request lines over 16 KB (their common default) first.
    let query = req.url.split_once('?').map_or(0, |(_, q)| q.len());
    if query > TOO_LONG_QUERY {
        let largest = req
            .params
            .iter()
            .max_by_key(|p| p.raw.len())
            .filter(|p| p.raw.len() * 4 > query);
        let named = largest.map_or(
            format!(" It carries {} parameters.", req.params.len()),
            |p| {
                format!(
                    " Its largest parameter is {} ({} bytes).",
                    p.name,
                    p.raw.len()
                )
            },
        );
        out.push(finding("request.too_long").aadsts(90015).detail(format!("The authorize URL's query is {query} bytes: Entra refuses a query string over its limit ('The query string is too long', AADSTS90015), which it does not document, and web servers commonly refuse request lines over 16 KB, so a request this long may never get an answer.{named}")).fix("Shorten the request: keep state a short random key (with the app's data in its session under it), and ask for fewer scopes or send fewer custom parameters; with response_mode=form_post only the answer gets longer, not the request."));
    }
}

/// The query length over which an authorize request is said to be too long.
const TOO_LONG_QUERY: usize = 16 * 1024;

/// The form of `redirect_uri`, before any matching.
pub fn redirect_form_checks(c: &Ctx, out: &mut Vec<Finding>) -> bool {
    let req = c.req;
    let Some(p) = req.param("redirect_uri") else {
        if let Some(e) = req
            .error_text
            .as_ref()
            .filter(|e| e.redirect_uri.is_some() || e.origin.is_some())
        {
            // Entra's error quotes template text as the redirect URI (`'redirect_uri'`,
            // `'{redirect_uri}'`): the app's setting was never filled in, and no registration
            // can hold such a value.
            if let Some(v) = e
                .redirect_uri
                .as_deref()
                .filter(|v| is_placeholder(v) && !uri::is_absolute_uri(v))
            {
                out.push(
                    finding("request.placeholder_value")
                        .aadsts(50011)
                        .title(format!("redirect_uri is a placeholder: {v}"))
                        .detail(format!("Entra's error quotes the redirect URI the request sent: '{v}', template text that was never filled in (the app's setting holds a name or a slot, not the URI). It is not an absolute URI, so no registered URI can match it, and registering it is not possible."))
                        .fix("Set the redirect URI in the app's settings to the URI registered for it (or the variable it names, where the app is deployed)."),
                );
                return false;
            }
            return true;
        }
        // The URI under a name Entra does not read (redirect_url, redirectUri, Redirect_Uri,
        // reply_url): Entra sees no redirect_uri at all.
        let near = req.params.iter().find(|x| {
            let n: String = x
                .name
                .to_ascii_lowercase()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect();
            // A misspelling of the name, or an app's own parameter (its return page) only
            // when it holds a registered redirect URI.
            (matches!(
                n.as_str(),
                "redirecturi" | "redirecturl" | "replyurl" | "replyuri"
            ) || (matches!(n.as_str(), "redirect" | "returnurl" | "callbackurl")
                && c.reg.uris.iter().any(|u| u.uri == x.value)))
                && x.value.contains("://")
        });
        if let Some(x) = near {
            let mut f = finding("request.redirect_uri_missing").severity(Severity::Error).title(format!("The redirect URI is sent as '{}', which Entra does not read", x.name)).detail(format!("The request sends {} under the name '{}'; Entra reads only redirect_uri (lower case, with an underscore), so for it the request has no redirect URI: it picks one of the registered URIs itself, and the response may go to an address the app does not listen on (or, with none that fits, Entra refuses the request).", x.value, x.name)).fix(format!("Send it as redirect_uri={} (the library's setting for the redirect URI, not a parameter of the app's own).", uri::form_encode(&x.value)));
            if let Some(u) = fix::corrected_url(req, &x.value) {
                let bad = format!("{}={}&", x.name, x.raw);
                let u = u
                    .replacen(&bad, "", 1)
                    .replacen(&format!("&{}={}", x.name, x.raw), "", 1);
                f = f.snippet("Corrected authorize URL", u);
            }
            out.push(f);
        } else if !req.params.is_empty() {
            let mut f = finding("request.redirect_uri_missing").detail("With no redirect_uri, Entra picks one of the registered URIs at random (OpenID Connect on the Microsoft identity platform), so the response may go to an address the app does not listen on. The token request then must not send one either.").fix("Always send redirect_uri, equal to a registered URI.");
            if let Some(first) = c.reg.uris.first() {
                f = f.snippet(
                    "Corrected authorize URL",
                    fix::corrected_url(req, &first.uri).unwrap_or_default(),
                );
            }
            out.push(f);
        }
        return false;
    };
    let v = p.value.as_str();
    // An unencoded '#' cut the URI (and the rest of the request) short.
    let raw_unencoded = p.raw.contains("://");
    if raw_unencoded && req.fragment.is_some() {
        let cut: Vec<&str> = req
            .params
            .iter()
            .filter(|x| x.in_fragment && !x.name.starts_with('/'))
            .map(|x| x.name.as_str())
            .collect();
        let intended = format!(
            "{v}#{}",
            req.fragment
                .as_deref()
                .unwrap_or("")
                .split('&')
                .next()
                .unwrap_or("")
        );
        let mut f = finding("request.redirect_uri_unencoded").detail(format!("redirect_uri was put in the URL without URL-encoding, and it contains '#'. The browser treats everything after '#' as the authorize URL's own fragment and never sends it: Entra receives redirect_uri={v}{} Redirect URIs must be URL-encoded in the request (auth-code flow) and must not contain a fragment (RFC 6749 §3.1.2).", if cut.is_empty() { String::from(".") } else { format!(" and loses {}.", cut.join(", ")) })).fix(format!("URL-encode redirect_uri (encodeURIComponent) and use a redirect URI without '#': register and send {v} and let the app route to '{intended}' after sign-in."));
        if let Some(u) = fix::corrected_url(req, v) {
            f = f.snippet("Corrected authorize URL", u);
        }
        out.push(f);
    } else if raw_unencoded && p.raw.contains('?') {
        let strays: Vec<&str> = req
            .params
            .iter()
            .map(|x| x.name.as_str())
            .filter(|n| {
                !KNOWN_PARAMS.contains(n) && !n.to_ascii_lowercase().starts_with("x-client")
            })
            .collect();
        if !strays.is_empty() {
            // The URI the app meant: the value with the pairs its '&' split off.
            let split_off: Vec<String> = req
                .params
                .iter()
                .filter(|x| strays.contains(&x.name.as_str()))
                .map(|x| format!("{}={}", x.name, x.value))
                .collect();
            let meant = format!("{v}&{}", split_off.join("&"));
            let mut f = finding("request.redirect_uri_unencoded").detail(format!("redirect_uri was not URL-encoded and carries its own query: the '&' inside it split it, so Entra received redirect_uri={v} and stray parameters ({}); the app meant {meant}.", strays.join(", "))).fix(format!("URL-encode the whole redirect_uri value (encodeURIComponent), so Entra receives {meant}."));
            if let Some(u) = fix::corrected_url(req, &meant) {
                // The split-off pairs travel inside redirect_uri now, not beside it.
                let (base, query) = u.split_once('?').unwrap_or(("", u.as_str()));
                let kept: Vec<&str> = query
                    .split('&')
                    .filter(|pair| {
                        !strays.contains(&pair.split_once('=').map_or(*pair, |(n, _)| n))
                    })
                    .collect();
                let fixed = if base.is_empty() {
                    kept.join("&")
                } else {
                    format!("{base}?{}", kept.join("&"))
                };
                f = f.snippet("Corrected authorize URL", fixed);
            }
            out.push(f);
            // What Entra compares is the cut value, not what the app meant: no mismatch to list.
            return false;
        }
    }
    let lower = v.to_ascii_lowercase();
    let double = !v.contains("://")
        && (lower.contains("%3a%2f%2f")
            || lower.starts_with("http%3a")
            || lower.starts_with("https%3a"));
    if double {
        let once = uri::percent_decode(v);
        let mut f = finding("request.redirect_uri_double_encoded").aadsts(90102).detail(format!("After Entra decodes the request once, redirect_uri is still '{v}', which is not an absolute URI ('redirect_uri' value must be a valid absolute URI, AADSTS90102), and matches no registration. The app (or a library) encoded an already-encoded value.")).fix(format!("Encode the redirect URI once: configure the plain value {once} and let the library encode it."));
        if let Some(u) = fix::corrected_url(req, &once) {
            f = f.snippet("Corrected authorize URL", u);
        }
        out.push(f);
        return false;
    }
    if is_placeholder(v) && !uri::is_absolute_uri(v) {
        out.push(
            finding("request.placeholder_value")
                .aadsts(90102)
                .title(format!("redirect_uri is a placeholder: {v}"))
                .detail(format!(
                    "redirect_uri '{v}' is template text that was never filled in."
                ))
                .fix("Set the redirect URI in the app's settings to the URI registered for it."),
        );
    }
    // An absolute URI that still holds a template's slot (`https://${APP_HOST}/cb`,
    // `https://{host}/cb`) or a registration's wildcard pattern as its host: the app's setting
    // was never filled in, or holds the pattern instead of its address. No registration and
    // no proxy setting fixes that, so the comparison below is left out.
    if uri::is_absolute_uri(v) {
        let host = uri::Uri::new(v).host().unwrap_or("").to_string();
        let slot = super::registered::template_expression(v).map(str::to_string);
        let (title, why) = match (&slot, host.contains('*')) {
            (Some(t), _) => (
                format!("redirect_uri holds an unfilled template: {t}"),
                format!("redirect_uri '{v}' still holds {t}, a slot of a template or an environment variable that was never expanded when the app was configured or deployed, so the app sends it as written."),
            ),
            (None, true) => (
                format!("redirect_uri holds a wildcard pattern: {host}"),
                format!("redirect_uri '{v}' has the host {host}: a wildcard is a pattern for registered URIs, never an address a browser can be sent to, so the app's setting holds the pattern instead of its own address."),
            ),
            (None, false) => (String::new(), String::new()),
        };
        if !title.is_empty() {
            out.push(
                finding("request.placeholder_value")
                    .title(title)
                    .detail(why)
                    .fix("Set the app's redirect URI (or the base URL it builds it from) to its real address, the one registered for it; for a template, set the variable it names where the app is deployed."),
            );
            return false;
        }
    }
    // A '+' left unencoded (an Android signature hash, `ab+cd`) in a value sent without any
    // encoding: the query is form-decoded, so Entra reads a space where the app meant '+'. (An
    // encoded value's '+' is how its encoder wrote a space.)
    let meant = uri::percent_decode(&p.raw);
    if raw_unencoded
        && p.raw.contains('+')
        && v.contains(' ')
        && !meant.contains(char::is_whitespace)
        && uri::is_absolute_uri(&meant)
    {
        let mut f = finding("request.redirect_uri_unencoded")
            .aadsts(90102)
            .title("A '+' in redirect_uri was not encoded, so Entra reads it as a space")
            .detail(format!("redirect_uri arrives as '{v}': in a query string '+' stands for a space, so the '+' of {meant} (an Android signature hash often holds one) became a space. The value is then not a valid absolute URI ('redirect_uri' value must be a valid absolute URI, AADSTS90102) and does not equal the registered URI."))
            .fix(format!("URL-encode the whole redirect_uri value (encodeURIComponent, Uri.EscapeDataString), so '+' travels as %2B: Entra then receives {meant}."));
        if let Some(u) = fix::corrected_url(req, &meant) {
            f = f.snippet("Corrected authorize URL", u);
        }
        out.push(f);
        return false;
    }
    if !p.utf8 {
        out.push(
            finding("request.redirect_uri_invalid")
                .aadsts(90102)
                .title("redirect_uri decodes to invalid UTF-8")
                .detail(format!(
                    "The percent-encoded bytes of redirect_uri ('{}') are not valid UTF-8.",
                    p.raw
                ))
                .fix("Percent-encode the UTF-8 bytes of the URI (encodeURIComponent)."),
        );
        return false;
    }
    // White space, control or invisible characters (a newline at the end of a config value, a
    // no-break space from a document) in a value that is a valid URI without them.
    let hidden = |c: char| c.is_whitespace() || c.is_control() || uri::invisible_name(c).is_some();
    let clean: String = v.chars().filter(|&c| !hidden(c)).collect();
    // (Only on a value that decodes to UTF-8: a fix built from a lossy decoding would send
    // U+FFFD; the invalid UTF-8 is said below.)
    if p.utf8
        && !v.trim().is_empty()
        && clean.len() != v.len()
        && !uri::is_absolute_uri(v)
        && uri::is_absolute_uri(&clean)
    {
        // Where the run of hidden characters at the end starts (once: per character it made
        // a long run quadratic).
        let tail = v
            .char_indices()
            .rev()
            .take_while(|&(_, c)| hidden(c))
            .last()
            .map_or(v.len(), |(i, _)| i);
        let mut names: Vec<String> = v
            .char_indices()
            .filter(|&(_, c)| hidden(c))
            .map(|(i, c)| {
                let name = match c {
                    '\r' => "CARRIAGE RETURN",
                    '\n' => "LINE FEED",
                    '\t' => "TAB",
                    ' ' => "SPACE",
                    _ => uri::invisible_name(c).unwrap_or("CONTROL CHARACTER"),
                };
                let place = if i == 0 {
                    "at the start"
                } else if i >= tail {
                    "at the end"
                } else {
                    "inside"
                };
                format!("U+{:04X} {name} {place}", c as u32)
            })
            .collect();
        // The same character in the same place is said once, with its count.
        let mut counted: Vec<(String, usize)> = Vec::new();
        for n in names.drain(..) {
            match counted.last_mut() {
                Some((last, k)) if *last == n => *k += 1,
                _ => counted.push((n, 1)),
            }
        }
        let more = counted.len().saturating_sub(8);
        counted.truncate(8);
        names = counted
            .into_iter()
            .map(|(n, k)| if k > 1 { format!("{n} ({k} times)") } else { n })
            .collect();
        if more > 0 {
            names.push(format!("{more} more"));
        }
        // A SAML request's reply URL is compared as written with the Reply URLs; an OAuth
        // redirect_uri is refused before any comparison.
        let f = if req.saml.is_some() {
            finding("request.redirect_uri_invalid").title(format!("AssertionConsumerServiceURL holds a hidden character: {}", names.first().map_or("", String::as_str))).detail(format!("The SAML request's AssertionConsumerServiceURL is '{clean}' plus {}: Entra compares it as written with the app's Reply URLs, so it matches none of them.", names.join(", "))).fix(format!("Remove the character from the app's configured Assertion Consumer Service URL (its SAML settings or metadata) so it sends {clean}."))
        } else {
            let f = finding("request.redirect_uri_invalid").aadsts(90102).title(format!("redirect_uri holds a hidden character: {}", names.first().map_or("", String::as_str))).detail(format!("redirect_uri is '{clean}' plus {}: the value as sent is not a valid absolute URI ('redirect_uri' value must be a valid absolute URI, AADSTS90102), so Entra refuses it before comparing it with the registered URIs.", names.join(", "))).fix(format!("Remove the character from the app's configured redirect URI (often a newline at the end of a configuration value, secret or environment variable, or a space copied from a document) and send {clean}."));
            match fix::corrected_url(req, &clean) {
                Some(u) => f.snippet("Corrected authorize URL", u),
                None => f,
            }
        };
        out.push(f);
        return false;
    }
    if v.trim().is_empty() || !uri::is_absolute_uri(v) {
        let why = if v.trim().is_empty() {
            "it is empty".to_string()
        } else if v.starts_with('/') {
            format!("'{v}' is a relative path; the app must build the full URI (scheme and host) — often a base-URL setting is missing")
        } else if !v.contains(':') {
            format!("'{v}' has no scheme")
        } else {
            format!("'{v}' is not a valid absolute URI")
        };
        let fix = match likely_registered(v, c.reg) {
            Some(r) => format!("Send the full registered URI, {r}, URL-encoded once (set the app's base URL or redirect URI setting so it builds it)."),
            None => "Send the full registered URI, e.g. https://app.contoso.com/signin-oidc, URL-encoded once.".to_string(),
        };
        // An empty value is no reply address at all: Entra's page says so (AADSTS900971).
        let f = if v.trim().is_empty() {
            finding("request.redirect_uri_invalid").aadsts(900971).detail("Entra refuses redirect_uri before any matching because it is empty: it has no reply address to send the answer to ('No reply address provided.', AADSTS900971; a value that is not an absolute URI gets ''redirect_uri' value must be a valid absolute URI', AADSTS90102).".to_string())
        } else {
            finding("request.redirect_uri_invalid").aadsts(90102).detail(format!("Entra refuses redirect_uri before any matching because {why} ('redirect_uri' value must be a valid absolute URI, AADSTS90102)."))
        };
        out.push(f.fix(fix));
        return false;
    }
    // A backslash where '/' belongs (a file-path join on Windows): browsers read it as '/',
    // Entra receives it as written and compares it so.
    let u = uri::Uri::new(v);
    if matches!(u.scheme_lower().as_str(), "http" | "https") && v.contains('\\') {
        let meant = v.replace('\\', "/");
        let registered = c.reg.uris.iter().any(|r| r.uri == meant);
        let f = finding("request.redirect_uri_invalid").aadsts(50011).title("redirect_uri holds a backslash where '/' belongs").detail(format!("redirect_uri is {v}: a backslash ('\\') is no URI character (RFC 3986), written by a file-path join (Path.Combine, os.path.join on Windows) where '/' belongs. Entra compares the value as sent, so it matches no registered URI{} (AADSTS50011), and no URI with a backslash can be registered.", if registered { format!(", though {meant} is registered") } else { String::new() })).fix(format!("Build the redirect URI with '/' (string concatenation or a URI builder, not a file-path join) and send {meant}."));
        out.push(match fix::corrected_url(req, &meant) {
            Some(u) => f.snippet("Corrected authorize URL", u),
            None => f,
        });
    }
    // Azure AD B2C: a custom-scheme redirect URI needs a path with a '/' after its host
    // (B2C's native-app guide: "//oauth/ works while //oauth fails").
    let u = uri::Uri::new(v);
    if c.req.is_b2c()
        && !matches!(u.scheme_lower().as_str(), "http" | "https" | "")
        && !u.scheme_lower().starts_with("msauth")
        && !u.scheme_lower().starts_with("msal")
        && u.host().is_some_and(|h| !h.is_empty())
        && u.path().is_empty()
    {
        out.push(
            finding("request.redirect_uri_invalid")
                .severity(Severity::Warning)
                .title("Azure AD B2C needs a '/' after the host of a custom-scheme redirect URI")
                .detail(format!("{v} has no path: Azure AD B2C's rules for a native app's redirect URI ask for a scheme and a path with at least one '/' after the host ('//oauth/ works while //oauth fails')."))
                .fix(format!("Send and register {v}/ (or a path such as {v}/redirect) in the app and the B2C app registration.")),
        );
    }
    true
}

/// Parameters of the authorize endpoint (v1 and v2) and common extras.
pub const KNOWN_PARAMS: &[&str] = &[
    "client_id",
    "response_type",
    "redirect_uri",
    "scope",
    "response_mode",
    "state",
    "nonce",
    "prompt",
    "login_hint",
    "domain_hint",
    "code_challenge",
    "code_challenge_method",
    "resource",
    "client_info",
    "claims",
    "sso_reload",
    "max_age",
    "ui_locales",
    "p",
    "instance_aware",
    "amr_values",
    "acr_values",
    "id_token_hint",
    "haschrome",
    "msafed",
    "sid",
    "brk_client_id",
    "brk_redirect_uri",
    "slice",
    "dc",
    "safe_rollout",
    "site_id",
    "lc",
    "mkt",
    "msproxy",
    "client-request-id",
    "login_req",
    "domain_req",
    "token_type",
    "req_cnf",
    "x-app-name",
    "x-app-ver",
    "client_request_id",
    "response_types",
    "code",
    "error",
    "appid",
    "whr",
];

/// The flow rules: response_type and mode, PKCE, scope, nonce, state, prompt.
pub fn flow_checks(c: &Ctx, out: &mut Vec<Finding>) {
    let req = c.req;
    // An admin consent request asks for no code or token: none of the flow rules apply, only
    // its own (v2-admin-consent: a tenant, not common; scope required).
    if req.endpoint == Endpoint::AdminConsent && !req.params.is_empty() {
        let v2 = req
            .path
            .as_deref()
            .is_some_and(|p| p.to_ascii_lowercase().contains("/v2.0/adminconsent"));
        if v2 {
            if req.tenant.as_deref().is_some_and(|t| {
                t.eq_ignore_ascii_case("common") || t.eq_ignore_ascii_case("consumers")
            }) {
                out.push(finding("request.tenant_invalid").title("Admin consent needs the organisation's tenant, not /common").detail("The v2 admin consent endpoint grants the app's permissions for one organisation: its tenant segment must name it (its ID or a domain) or be organizations, never common or consumers, as a personal account cannot consent for an organisation.").fix("Send the admin consent request to login.microsoftonline.com/<tenant ID or domain>/v2.0/adminconsent (or /organizations/v2.0/adminconsent)."));
            }
            if req.get("scope").is_none_or(|s| s.trim().is_empty()) {
                out.push(finding("request.scope_missing").aadsts(900144).title("The v2 admin consent request has no scope").detail("The v2 admin consent endpoint requires scope: the permissions the admin is asked to grant, as space-separated scopes (https://graph.microsoft.com/.default for those set on the app registration).").fix("Add scope=https://graph.microsoft.com/.default (or the API's <App ID URI>/.default, or the permissions it needs) to the request."));
            }
        }
        return;
    }
    if req.params.is_empty() {
        return;
    }
    let v2 = req.endpoint != Endpoint::V1;
    if v2 && req.endpoint == Endpoint::V2 && req.param("resource").is_some() {
        out.push(finding("request.resource_on_v2").aadsts(901002).detail(format!("The v2 endpoint refuses the v1 'resource' parameter: 'The 'resource' request parameter isn't supported' (AADSTS901002). resource={}.", req.get("resource").unwrap_or(""))).fix("Drop resource and ask for the API's scopes instead, e.g. https://graph.microsoft.com/User.Read (or <App ID URI>/.default)."));
    }
    let types = req.response_types();
    let types_l: Vec<String> = types.iter().map(|t| t.to_ascii_lowercase()).collect();
    let has = |t: &str| types_l.iter().any(|x| x == t);
    let rt_param = req.param("response_type");
    match rt_param {
        None => {
            if let Some(holder) = swallowed(req, "response_type") {
                out.push(swallowed_finding(
                    req,
                    "request.response_type_missing",
                    "response_type",
                    &holder,
                ));
            } else if !req
                .params
                .iter()
                .any(|p| p.name == "response_type" && p.in_fragment)
            {
                out.push(finding("request.response_type_missing").aadsts(900144).detail("The request body must contain the following parameter: 'response_type' (AADSTS900144).").fix("Send response_type=code for the authorization code flow."));
            }
        }
        Some(p) if p.in_fragment => {}
        Some(_) => {
            let bad: Vec<&str> = types
                .iter()
                .copied()
                .filter(|t| {
                    !matches!(
                        t.to_ascii_lowercase().as_str(),
                        "code" | "id_token" | "token"
                    )
                })
                .collect();
            if types.is_empty() || !bad.is_empty() {
                out.push(finding("request.response_type_invalid").aadsts(70005).detail(format!("response_type '{}' is not a combination of code, id_token and token (space-separated). Entra answers unsupported_response_type (AADSTS70005).", req.get("response_type").unwrap_or(""))).fix("Send response_type=code (a code for the app to redeem), or 'code id_token' for the hybrid flow."));
            } else if !has("code") {
                out.push(finding("request.response_type_no_code").detail(format!("response_type={} asks for tokens in the response, not an authorization code, so no code will arrive.", types.join(" "))).fix("Send response_type=code and redeem the code at /token (implicit grant is discouraged)."));
            }
        }
    }
    let tokens = has("id_token") || has("token");
    if tokens {
        // Each token asked for needs its own setting: `id_token token` needs both.
        let mut needed = Vec::new();
        if has("token") {
            needed.push(("Access tokens", c.reg.access_token_issuance, 700051));
        }
        if has("id_token") {
            needed.push(("ID tokens", c.reg.id_token_issuance, 700054));
        }
        let unknown: Vec<&(&str, Option<bool>, u32)> =
            needed.iter().filter(|(_, f, _)| f.is_none()).collect();
        // App Service authentication always asks for code id_token: its admin has no other
        // response_type to choose.
        let or_code = if req.redirect_uri().is_some_and(|u| {
            uri::Uri::new(u)
                .path()
                .ends_with("/.auth/login/aad/callback")
        }) {
            " (App Service authentication always asks for code id_token)"
        } else {
            ", or use response_type=code"
        };
        for (setting, flag, code) in &needed {
            let f = finding("request.implicit_grant_required").detail(format!("Tokens from /authorize need '{setting}' enabled under Authentication › Implicit grant and hybrid flows; otherwise Entra answers unsupported_response_type (AADSTS{code})."));
            match flag {
                Some(false) => out.push(f.severity(Severity::Error).aadsts(*code).title(format!("{setting} are not enabled for implicit grant")).fix(format!("Enable '{setting}' under Implicit grant and hybrid flows (web.implicitGrantSettings){or_code}."))),
                // Not known: said once, for the first setting not known.
                None if unknown.first().is_some_and(|(s, _, _)| s == setting) => {
                    let names: Vec<&str> = unknown.iter().map(|(s, _, _)| *s).collect();
                    out.push(f.aadsts(*code).fix(format!("Check that '{}' {} enabled under Implicit grant and hybrid flows{or_code}.", names.join("' and '"), if names.len() == 1 { "is" } else { "are" })));
                }
                _ => {}
            }
        }
        if has("id_token") && req.get("nonce").is_none_or(|n| n.trim().is_empty()) {
            out.push(finding("request.nonce_missing").aadsts(90014).detail("An ID token is requested from /authorize but the request has no nonce: 'The required field 'nonce' is missing' (AADSTS90014). OpenID Connect requires nonce in the implicit and hybrid flows.").fix("Send a fresh random nonce with every request and check it in the ID token."));
        }
        if has("id_token")
            && !c
                .req
                .scopes()
                .iter()
                .any(|s| s.eq_ignore_ascii_case("openid"))
            && v2
        {
            out.push(finding("request.openid_missing").severity(Severity::Error).aadsts(70005).detail("response_type includes id_token, which requires the openid scope (AADSTS70005: response type 'id_token' requires the 'OpenID' scope).").fix("Add openid to scope."));
        }
    }
    let mode = req.get("response_mode").map(|m| m.to_ascii_lowercase());
    match mode.as_deref() {
        Some("query") | Some("fragment") | Some("form_post") | None => {}
        Some(m) => out.push(finding("request.response_mode_invalid").aadsts(70007).detail(format!("response_mode '{m}' is not query, fragment or form_post (AADSTS70007: unsupported response mode).")).fix("Use query (code only), fragment, or form_post.")),
    }
    if mode.as_deref() == Some("query") && tokens {
        out.push(finding("request.response_mode_query_with_tokens").detail("Tokens must not be returned in the query string: Entra does not support response_mode=query when an ID or access token is requested, and OAuth Multiple Response Type Encoding says query MUST NOT be used for these response types.").fix("Use response_mode=form_post (server apps) or fragment (single-page apps), or ask only for a code."));
    }
    let effective_fragment = mode.as_deref() == Some("fragment") || (mode.is_none() && tokens);
    // A Web registration without PKCE hints at a server only when a code is asked for: the
    // implicit flow (tokens only, fragment by default) runs in the browser, and its settings
    // (`web.implicitGrantSettings`) live on the Web platform.
    let server_side = c.client.kind == ClientKind::WebServer
        || (c.client.kind == ClientKind::Unknown
            && c.platform == Some(Platform::Web)
            && req.get("code_challenge").is_none()
            && has("code"));
    if effective_fragment && server_side {
        let default = if mode.is_none() {
            " (the default when an ID token is requested)"
        } else {
            ""
        };
        out.push(finding("request.response_mode_fragment_server").detail(format!("The response is sent in the URL fragment{default}, which browsers never send to a server; {} never sees the {}{}.", c.client.kind.words(), if has("code") { "code" } else { "tokens" }, if c.client.because.is_empty() { String::new() } else { format!(" ({})", c.client.because) })).fix("Use response_mode=form_post for server-side web apps (Microsoft.Identity.Web's default), or query for a code-only request."));
    }
    let spa_side = c.client.kind == ClientKind::Spa || c.platform == Some(Platform::Spa);
    if mode.as_deref() == Some("form_post") && c.client.kind == ClientKind::Spa {
        out.push(finding("request.response_mode_form_post_spa").detail("form_post makes the browser POST the code to the redirect URI, i.e. to the web server that hosts the page; a single-page app reads the response from the URL in the browser and never sees a POST body.").fix("Use response_mode=fragment (MSAL.js default) or query for single-page apps."));
    }
    // PKCE.
    let challenge = req.get("code_challenge");
    let method = req.get("code_challenge_method");
    if has("code") || rt_param.is_none() {
        match challenge {
            None | Some("") => {
                if spa_side
                    && c.platform != Some(Platform::Web)
                    && !(c.client.kind == ClientKind::WebServer
                        && c.platform == Some(Platform::Spa))
                {
                    // A browser library asking for a code always sends PKCE (MSAL.js 2+,
                    // oidc-client-ts): a request without it, from an unknown client, is more
                    // often a server app whose URI landed under SPA.
                    let fix = if c.client.kind == ClientKind::Unknown {
                        "If the app redeems the code on its server (a product or framework that keeps a client secret; browser libraries always send PKCE), move the redirect URI from Single-page application to Web: a SPA URI's code can be redeemed only from a browser, so PKCE alone would not help (AADSTS9002327). If it is a browser app, send code_challenge (BASE64URL(SHA256(code_verifier))) with code_challenge_method=S256, and code_verifier at /token (MSAL.js 2+ does this for you)."
                    } else {
                        "Send code_challenge (BASE64URL(SHA256(code_verifier))) with code_challenge_method=S256, and code_verifier at /token. MSAL.js 2+ does this for you."
                    };
                    out.push(finding("request.pkce_missing").aadsts(9002325).detail("The redirect URI is a single-page-application URI (or the client is a browser app), and Entra requires PKCE for SPA codes: without code_challenge the code cannot be redeemed ('Proof Key for Code Exchange is required for cross-origin authorization code redemption', AADSTS9002325).").fix(fix));
                } else if c.client.kind == ClientKind::Native {
                    out.push(finding("request.pkce_missing").severity(Severity::Warning).detail("Public (mobile and desktop) clients should use PKCE (RFC 8252; the auth-code flow recommends it for every client).").fix("Send code_challenge with code_challenge_method=S256."));
                }
            }
            Some(ch) => {
                let m = method.unwrap_or("plain");
                if method.is_some() && m != "S256" && m != "plain" {
                    out.push(finding("request.code_challenge_method_invalid").aadsts(50149).detail(format!("code_challenge_method '{m}' is not S256 or plain (AADSTS50149: Invalid code_challenge_method).")).fix("Send code_challenge_method=S256 (exactly that case)."));
                } else {
                    let unreserved = |s: &str| {
                        s.bytes().all(|b| {
                            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
                        })
                    };
                    let ok = if m == "S256" {
                        ch.len() == 43
                            && ch
                                .bytes()
                                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                    } else {
                        (43..=128).contains(&ch.len()) && unreserved(ch)
                    };
                    if !ok {
                        out.push(finding("request.code_challenge_invalid").aadsts(501491).detail(format!("code_challenge has {} characters; with {m} it must be {} (RFC 7636 §4.2; Entra answers AADSTS501491 for a wrong size).", ch.chars().count(), if m == "S256" { "exactly 43 base64url characters (no padding '=')" } else { "43 to 128 unreserved characters" })).fix("Compute code_challenge = BASE64URL-no-padding(SHA256(code_verifier)) and send code_challenge_method=S256."));
                    }
                    if m == "plain" && method.is_none() {
                        out.push(finding("request.pkce_plain").detail("code_challenge is sent without code_challenge_method, so Entra assumes plain: the verifier must then equal the challenge, which defeats PKCE and often fails at /token (AADSTS50148) when the app hashed it.").fix("Send code_challenge_method=S256."));
                    } else if m == "plain" {
                        out.push(finding("request.pkce_plain").detail("PKCE with the plain method sends the verifier itself; S256 is what Entra and RFC 7636 recommend.").fix("Send code_challenge_method=S256 with a SHA-256 challenge."));
                    }
                }
            }
        }
    }
    if v2
        && req.param("scope").is_none_or(|p| p.value.trim().is_empty())
        && !req
            .params
            .iter()
            .any(|p| p.name == "scope" && p.in_fragment)
    {
        match swallowed(req, "scope") {
            Some(holder) => out.push(swallowed_finding(req, "request.scope_missing", "scope", &holder)),
            None => out.push(finding("request.scope_missing").aadsts(900144).detail("The v2 endpoint requires scope: 'The request body must contain the following parameter: 'scope'' (AADSTS900144).").fix("Send scope=openid profile offline_access plus the API scopes you need.")),
        }
    } else if v2 && !tokens {
        let oidc_like = req.get("nonce").is_some();
        // Scopes joined by ',' or with their separator encoded twice (%2520): Entra reads one
        // scope by that whole name and knows none (AADSTS70011).
        let scope = req.get("scope").unwrap_or("");
        let joined = !scope.contains(' ')
            && (scope.contains(',') || scope.contains("%20") || scope.contains("%2B"))
            && scope.to_ascii_lowercase().contains("openid");
        if joined {
            let fixed = scope
                .replace(',', " ")
                .replace("%20", " ")
                .replace("%2B", " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            out.push(finding("request.scope_missing").severity(Severity::Error).aadsts(70011).title("scope is one word: its scopes are joined by ',' or encoded twice").detail(format!("scope='{scope}' after decoding: Entra separates scopes by spaces only (sent as %20 or +), so it reads this as one scope of that name, which no API has: 'The provided value for the input parameter 'scope' is not valid' (AADSTS70011).")).fix(format!("Send the scopes separated by spaces and encoded once: scope={}", uri::form_encode(&fixed))));
        } else if oidc_like
            && !req
                .scopes()
                .iter()
                .any(|s| s.eq_ignore_ascii_case("openid"))
            && req.param("scope").is_some()
        {
            out.push(finding("request.openid_missing").detail("The request carries a nonce, as an OpenID Connect sign-in does, but scope has no openid, so no ID token is issued and the library's sign-in check fails.").fix("Add openid (and profile) to scope."));
        }
    }
    if req.get("state").is_none_or(|s| s.is_empty())
        && !req
            .params
            .iter()
            .any(|p| p.name == "state" && p.in_fragment)
    {
        // With PKCE (S256) the code is bound to the verifier the app kept, which protects the
        // flow against CSRF: the OAuth 2.0 Security BCP lets such clients omit state (RFC 9700
        // §2.1, §4.7.1). Then the missing state is a note, not a problem.
        let pkce = req
            .get("code_challenge")
            .is_some_and(|c| !c.trim().is_empty())
            && req.get("code_challenge_method") == Some("S256");
        if pkce {
            out.push(finding("request.state_missing").severity(Severity::Info).title("No state, but PKCE protects the request against CSRF").detail("The request has no state, and it sends PKCE (code_challenge with S256): a code injected into the app's callback cannot be redeemed without the app's own code_verifier, so PKCE already gives the CSRF protection state would give (OAuth 2.0 Security Best Current Practice, RFC 9700 §2.1 and §4.7.1). Sign-in works without state; only an app or library that itself expects state back would object.").fix("Nothing to change for the redirect. Send a random state as well if the app needs to carry data (a return URL) through the sign-in or its library expects one.").reference(super::codes::refs::RFC9700_4_7_1));
        } else {
            out.push(finding("request.state_missing").detail("Without state the app cannot tie the response to its request (CSRF protection, RFC 6749 §10.12), and libraries that expect it reject the response.").fix("Send a random state with each request and compare it when the response comes back, or send PKCE (code_challenge with code_challenge_method=S256), which protects the flow as well (RFC 9700 §2.1)."));
        }
    }
    // A state the app did not URL-encode: JSON with '&' in it is cut there, and Entra returns
    // only the part before it; HTML in state Entra removes (reply-url). Either way the state
    // that comes back is not the one the app stored.
    if let Some(st) = req.get("state") {
        let t = st.trim();
        let open_json =
            (t.starts_with('{') && !t.ends_with('}')) || (t.starts_with('[') && !t.ends_with(']'));
        // The JSON's other pieces, split off as parameters of their own: names with its quotes
        // or braces (another parameter's own JSON value, such as claims, is none).
        let rest_of_it = req.params.iter().any(|p| {
            !KNOWN_PARAMS.contains(&p.name.as_str())
                && p.name != "claims"
                && (p.name.contains(['"', '}', ']']) || p.value.contains(['"', '}', ']']))
        });
        // A tag: '<', a letter or '/', then '>' before any other '<'.
        let html = t.match_indices('<').any(|(i, _)| {
            let rest = t.get(i + 1..).unwrap_or("");
            rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
                && rest
                    .find('>')
                    .is_some_and(|g| !rest[..g].contains('<') && g <= 60)
        });
        if open_json && rest_of_it {
            out.push(finding("request.state_missing").title("state holds JSON that was not URL-encoded: its '&' cut it").detail(format!("state begins '{t}' and the rest of the JSON follows as other parameters: the app put JSON with '&' into the URL without encoding it, so Entra takes state only up to the first '&' and returns that. The app's check of the state that comes back then fails (a state mismatch, 'Unable to unprotect the message.State', a JSON error).")).fix("URL-encode state (encodeURIComponent), or better, send an opaque random key and keep the JSON in the app's session under it."));
        } else if html {
            out.push(finding("request.state_missing").title("state holds HTML, which Entra removes").detail(format!("state='{t}' holds HTML markup: Entra strips HTML from state (reply-url), so the state that comes back differs from the one sent and the app's check of it fails.")).fix("Send an opaque random value as state (letters, digits, '-', '_'), and keep any data the app needs in its session under it."));
        }
    }
    if let Some(pr) = req.get("prompt") {
        let ok = pr.split_whitespace().all(|x| {
            matches!(
                x,
                "login"
                    | "none"
                    | "consent"
                    | "select_account"
                    | "create"
                    | "admin_consent"
                    | "no_session"
            )
        });
        if !ok || pr.trim().is_empty() {
            out.push(finding("request.prompt_invalid").detail(format!("prompt '{pr}' is not one of login, none, consent, select_account, create; Entra answers invalid_request.")).fix("Use one of login, none, consent, select_account (values are lowercase)."));
        } else if pr == "select_account" && req.get("login_hint").is_some() {
            out.push(finding("request.prompt_invalid").severity(Severity::Warning).title("login_hint cannot be combined with prompt=select_account").detail("OpenID Connect on the Microsoft identity platform: login_hint can't be used together with prompt=select_account.").fix("Drop login_hint or use another prompt."));
        }
    }
}

/// What Entra's error text (pasted in the authorize box) says beyond the redirect URI.
pub fn error_text_findings(req: &AuthorizeRequest, out: &mut Vec<Finding>) {
    let Some(et) = &req.error_text else { return };
    if let (Some(token), Some(auth)) = (&et.token_redirect_uri, &et.redirect_uri) {
        let d = super::matching::differences(&uri::Uri::new(token), &uri::Uri::new(auth), false);
        let names: Vec<String> = d.iter().map(|x| x.as_str().replace('_', " ")).collect();
        // The title quotes the code the text gives (older texts wrap it in 70002 / 50011).
        let code = [500112, 70002, 50011]
            .into_iter()
            .find(|c| et.codes.contains(c))
            .unwrap_or(500112);
        let mut f = super::response::for_code(500112, None);
        if code != 500112 {
            f = f.aadsts(code).title(format!("AADSTS{code}: the redirect_uri sent to the token endpoint differs from the one used at the authorize endpoint"));
        }
        out.push(f.detail(format!(
            "Entra's token endpoint refused the code: the redirect_uri sent with it ({token}) is not the one of the authorize request that issued it ({auth}); they differ in {}. At /token, redirect_uri must be the same value as in the authorize request (RFC 6749 §4.1.3), so this is not about the registered list: the authorize request's URI was accepted, since a code was issued.",
            names.join(", ")
        )).fix(format!("Redeem the code with redirect_uri={auth}, exactly as in the authorize request: build the redirect URI once and use it for both legs (a proxy changing the scheme or host, or a framework adding a trailing slash, makes them differ).")));
    }
    for code in &et.codes {
        if *code == 50011 || *code == 500113 {
            continue; // judged by the matcher against the registration
        }
        if matches!(*code, 500112 | 70002) && et.token_redirect_uri.is_some() {
            continue; // said above with both URIs (70002 wraps it in older texts)
        }
        let info = aadsts::lookup(*code);
        let summary = info.map_or("This code is not in the offline catalogue.", |i| i.summary);
        let said = match info.map(|i| i.appears) {
            Some(aadsts::Appears::Page) => "Entra's page shows",
            Some(aadsts::Appears::Token) => "Entra's token endpoint answered",
            Some(aadsts::Appears::Redirect) => "Entra answered the app with",
            _ => "Entra's error text says",
        };
        // Entra's own words, when they say more than the catalogue's summary.
        let own = aadsts::message_of(&et.text, *code).filter(|m| {
            let m = m.trim_end_matches('.').to_ascii_lowercase();
            !summary.to_ascii_lowercase().contains(&m)
        });
        let quoted = own.map_or_else(String::new, |m| format!(" Its message: '{m}'"));
        let mut f = super::response::device_pending(
            super::response::public_flows(
                super::response::for_code(*code, None)
                    .detail(format!("{said} AADSTS{code}: {summary}{quoted}")),
                &et.text,
                req.client_id(),
            ),
            &et.text,
            et.codes.len() == 1,
            None,
        );
        // A secret sent for a redirect URI of a public client platform (AADSTS90023's message).
        if own.is_some_and(|m| {
            m.to_ascii_lowercase()
                .contains("public clients can't send a client secret")
        }) {
            f = f.fix("The token request sends a client secret, but Entra takes the app as a public client there: the redirect URI of the request is registered under Single-page application or Mobile and desktop applications. A server app that holds a secret registers its redirect URI under Web (remove it from the other platform); a browser or native app sends no secret.");
        }
        if *code == 240004 || *code == 240003 {
            if let Some(inner) = aadsts::inner_error_info(&et.text) {
                f = f.detail(format!(
                    "AADSTS{code}: {summary} The wrapped error is: {inner}"
                ));
                if let Some(fix) = aadsts::wrapped_oauth_fix(inner) {
                    f = f.fix(fix);
                }
            }
        }
        out.push(f);
    }
}

/// The words for a count of encoding layers.
fn times(n: u8) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// The registered URI a relative or template redirect URI stands for: the one sharing most
/// of its literal path segments (`{baseUrl}/login/oauth2/code/{registrationId}` against
/// `…/login/oauth2/code/azure`), or the only one registered.
fn likely_registered<'r>(sent: &str, reg: &'r Registered) -> Option<&'r str> {
    let literal: Vec<&str> = sent
        .split('/')
        .filter(|s| !s.is_empty() && !s.contains(['{', '}', '$', '<', '>', ':']))
        .collect();
    let shared = |uri: &str| {
        uri::Uri::new(uri)
            .path()
            .split('/')
            .filter(|s| literal.contains(s))
            .count()
    };
    let best = reg
        .uris
        .iter()
        .map(|r| (shared(&r.uri), r.uri.as_str()))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, u)| u);
    let only = match reg.uris.as_slice() {
        [only] => Some(only.uri.as_str()),
        _ => None,
    };
    best.or(only)
}

/// What a SAML request says: how it was read, and its missing reply URL.
fn saml_findings(s: &super::saml::SamlRequest, out: &mut Vec<Finding>) {
    saml_rules(s, out);
    let how = if s.encoded {
        " (its SAMLRequest value decoded: base64, then inflated when it was deflated)"
    } else {
        ""
    };
    let issuer = s.issuer.as_deref().map_or_else(String::new, |i| format!(" Its Issuer, {i}, must equal the app's Identifier (Entity ID) exactly, or Entra answers AADSTS700016 (application not found in the directory)."));
    let judged = match &s.acs_url {
        Some(a) => format!("Entra compares its AssertionConsumerServiceURL, {a}, with the app's Reply URLs (Basic SAML Configuration, stored as the application's Web redirect URIs) and shows AADSTS50011 ('The reply URL specified in the request does not match the reply URLs configured for the application') when none matches; it is judged below as the redirect URI sent."),
        None => "It names no AssertionConsumerServiceURL (the attribute is optional), so Entra does not compare a reply URL from the request: it posts the response to a Reply URL of the app's own configuration.".to_string(),
    };
    out.push(finding("input.authorize_decoded").title("Read as a SAML sign-in request").detail(format!("The authorize box holds a SAML app's AuthnRequest{how}, not an OAuth authorize request. {judged}{issuer}")).fix("Nothing to change for this reading.").snippet("SAML request as read", s.xml.clone()));
    if s.acs_url.is_none() {
        out.push(finding("request.redirect_uri_missing").severity(Severity::Info).title("The SAML request names no reply URL").detail("The AuthnRequest carries no AssertionConsumerServiceURL, so AADSTS50011 cannot come from a reply URL in this request: Entra uses one configured for the app.").fix("If the response goes to the wrong address, set the default Reply URL under Enterprise applications › the app › Single sign-on › Basic SAML Configuration, or have the app send its AssertionConsumerServiceURL."));
    }
}

/// The rules of Entra's SAML protocol page an AuthnRequest can break before any reply URL is
/// compared: an Issuer to find the app by, an ID that does not begin with a digit, no Subject,
/// and an exact RequestedAuthnContext comparison.
fn saml_rules(s: &super::saml::SamlRequest, out: &mut Vec<Finding>) {
    let rule = || finding("request.saml_request_invalid");
    if s.url_safe {
        out.push(rule().title("The SAMLRequest is written in URL-safe Base64 ('-' and '_')").detail("The SAML bindings encode the request with standard Base64 ('+' and '/'), then URL-encode it; this SAMLRequest uses the URL-safe alphabet, which Entra does not decode, so it cannot read the request (AADSTS750054 or 75005, 'not a valid SAML 2.0 protocol message'). It was read here with the standard alphabet to check the rest.").fix("Make the app encode the (deflated) AuthnRequest with standard Base64, then URL-encode the result for the redirect binding."));
    }
    if s.issuer.as_deref().is_none_or(|i| i.trim().is_empty()) {
        out.push(finding("request.client_id_missing").title("The SAML request has no Issuer").detail("Entra finds the enterprise application by the AuthnRequest's Issuer (its Identifier, Entity ID); a request without one names no app, so Entra cannot answer it with a SAML response.").fix("Have the app send <Issuer> with its Entity ID, the value of Identifier (Entity ID) under Enterprise applications › the app › Single sign-on › Basic SAML Configuration."));
    }
    if let Some(id) =
        s.id.as_deref()
            .filter(|i| i.starts_with(|c: char| c.is_ascii_digit()))
    {
        out.push(rule().aadsts(7500529).title("The SAML request's ID begins with a digit").detail(format!("The AuthnRequest's ID is {id}: Entra's SAML protocol requires an ID that does not begin with a number (an xs:ID), and answers AADSTS7500529 ('… is not a valid SAML ID').")).fix("Make the app generate request IDs that start with a letter or '_' (for example '_' or 'id' followed by a GUID)."));
    }
    if s.has_subject {
        out.push(rule().title("The SAML request has a Subject element").detail("Entra's SAML protocol page: do not include a Subject element in the AuthnRequest; Entra signs in whoever authenticates and returns an error if one is provided.").fix("Remove <Subject> from the app's AuthnRequest (a login hint goes in the request's query as login_hint instead)."));
    }
    if let Some(c) = s
        .comparison
        .as_deref()
        .filter(|c| !c.eq_ignore_ascii_case("exact"))
    {
        out.push(rule().severity(Severity::Warning).title(format!("RequestedAuthnContext asks for Comparison=\"{c}\"")).detail("Entra's SAML protocol page: the Comparison of RequestedAuthnContext must be exact (or left out, which means exact); Entra refuses other comparisons.").fix("Send Comparison=\"exact\" or leave RequestedAuthnContext out (most apps need none)."));
    }
}

/// What reading the authorize box had to decide: which of several requests
/// is analysed (`input.several_requests`), and that the request stood
/// percent-encoded and was decoded (`input.authorize_decoded`).
pub fn reading_findings(req: &AuthorizeRequest, out: &mut Vec<Finding>) {
    if let Some(s) = &req.saml {
        saml_findings(s, out);
    }
    if req.decoded_layers > 0 {
        let n = req.decoded_layers;
        out.push(finding("input.authorize_decoded").detail(format!(
            "No plain authorize URL is in the text, but one stands in it percent-encoded {} (as a logged returnUrl or proxy target is). It was decoded {} and is analysed exactly as if it had been pasted plain, so its redirect_uri is judged as Entra receives it from that URL: {}",
            times(n), times(n), req.url
        )).fix("Nothing to change for this: paste the decoded URL above to see the same analysis.").snippet("Decoded authorize URL", req.url.clone()));
    }
    if req.others.is_empty() {
        return;
    }
    let total = req.others.len() + 1;
    let ordinal = |i: usize| match i + 1 {
        1 => "1st".to_string(),
        2 => "2nd".to_string(),
        3 => "3rd".to_string(),
        n => format!("{n}th"),
    };
    let why = if req.chosen_by_error_text {
        "because it sent the redirect URI that Entra's error text quotes"
    } else {
        "the last one, because the latest attempt in a log, a before-and-after paste or a redirect chain is the one most likely to have failed"
    };
    let mut diffs = Vec::new();
    let mut identical = true;
    for (i, other) in req.others.iter().enumerate() {
        let at = if i < req.position { i } else { i + 1 };
        let o = super::authorize::read(other);
        let Some(o) = o else { continue };
        let mut names: Vec<&str> = Vec::new();
        for p in req.params.iter().chain(o.params.iter()) {
            if !names.contains(&p.name.as_str()) && req.get(&p.name) != o.get(&p.name) {
                names.push(&p.name);
            }
        }
        if o.host != req.host || o.path != req.path {
            names.insert(0, "the endpoint");
        }
        if names.is_empty() && *other == req.url {
            diffs.push(format!("the {} is the same URL", ordinal(at)));
            continue;
        }
        identical = false;
        let redirect = match (o.redirect_uri(), req.redirect_uri()) {
            (a, b) if a != b => format!(
                " (its redirect_uri: {}; analysed: {})",
                a.unwrap_or("none"),
                b.unwrap_or("none")
            ),
            _ => String::new(),
        };
        if names.is_empty() {
            diffs.push(format!(
                "the {} differs only in how it is written",
                ordinal(at)
            ));
        } else {
            diffs.push(format!(
                "the {} differs in {}{redirect}",
                ordinal(at),
                names.join(", ")
            ));
        }
        if diffs.len() >= 8 {
            break;
        }
    }
    let mut f = finding("input.several_requests")
        .title(format!("{total} authorize requests were pasted; the {} is analysed", ordinal(req.position)))
        .detail(format!(
            "The authorize box holds {total} authorize URLs. They are not merged into one request: the {} is analysed, {why}. Of the others, {}{}.",
            ordinal(req.position),
            diffs.join("; "),
            if diffs.len() < req.others.len() { format!("; and {} more", req.others.len() - diffs.len()) } else { String::new() }
        ))
        .fix("To analyse another request, paste it alone.");
    if identical {
        f = f.severity(Severity::Info);
    }
    out.push(f);
}

#[cfg(test)]
mod tests {
    use crate::core::{analyze, CaseInput, Finding, Severity};

    #[test]
    fn brackets_make_a_placeholder_only_around_a_word() {
        for p in [
            "https://[YOUR-APP]/cb",
            "[tenant]",
            "https://app/[redirect path]",
        ] {
            assert!(super::is_placeholder(p), "{p}");
        }
        for not in [
            "http://[::1]:5000/cb",
            "http://[fe80::1%25eth0]/cb",
            "https://a.b/cb\u{1b}]0;x\u{7}",
        ] {
            assert!(!super::is_placeholder(not), "{not}");
        }
    }

    /// Without state, a request with S256 PKCE gets a note (PKCE protects it against CSRF,
    /// RFC 9700 §2.1); one without PKCE, or with plain PKCE, keeps the warning.
    #[test]
    fn a_missing_state_is_a_note_when_pkce_s256_is_sent() {
        let state = |extra: &str| {
            analyze(&CaseInput {
                authorize: format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&response_type=code&scope=openid{extra}"),
                registered: "https://app.contoso.com/cb".into(),
                ..CaseInput::default()
            })
            .report
            .findings
            .into_iter()
            .find(|f| f.code == "request.state_missing")
            .map(|f| f.severity)
        };
        let challenge = "abcabcabcabcabcabcabcabcabcabcabcabcabcabca";
        assert_eq!(
            state(&format!(
                "&code_challenge={challenge}&code_challenge_method=S256"
            )),
            Some(Severity::Info)
        );
        assert_eq!(state(""), Some(Severity::Warning));
        assert_eq!(
            state(&format!(
                "&code_challenge={challenge}&code_challenge_method=plain"
            )),
            Some(Severity::Warning)
        );
        assert_eq!(
            state("&code_challenge=&code_challenge_method=S256"),
            Some(Severity::Warning)
        );
        assert_eq!(
            state(&format!(
                "&code_challenge={challenge}&code_challenge_method=S256&state=x"
            )),
            None
        );
    }

    fn tenant_finding(tenant: &str, registered: &str) -> Option<Finding> {
        let a = analyze(&CaseInput {
            authorize: format!("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fsignin-oidc&response_type=code&scope=openid&response_mode=form_post&nonce=1&state=2"),
            registered: registered.into(),
            ..CaseInput::default()
        });
        a.report
            .findings
            .into_iter()
            .find(|f| f.code == "request.tenant_invalid")
    }

    /// A template or relative redirect_uri is told which registered URI it stands for.
    #[test]
    fn an_invalid_redirect_uri_is_told_the_registered_uri_it_stands_for() {
        let fix = |sent: &str, registered: &str| {
            analyze(&CaseInput {
                authorize: format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri={}&response_type=code&scope=openid", crate::core::uri::form_encode(sent)),
                registered: registered.into(),
                ..CaseInput::default()
            })
            .report
            .findings
            .into_iter()
            .find(|f| f.code == "request.redirect_uri_invalid")
            .map(|f| f.fix)
            .unwrap_or_default()
        };
        let reg = "https://orders.contoso.com/\nhttps://orders.contoso.com/login/oauth2/code/azure";
        assert!(
            fix("{baseUrl}/login/oauth2/code/{registrationId}", reg).starts_with(
                "Send the full registered URI, https://orders.contoso.com/login/oauth2/code/azure,"
            )
        );
        assert!(
            fix("/signin-oidc", "https://a.contoso.com/cb").contains("https://a.contoso.com/cb")
        );
        assert!(fix(
            "/signin-oidc",
            "https://a.contoso.com/x\nhttps://b.contoso.com/y"
        )
        .contains("e.g."));
    }

    /// Entra's own message for a code is quoted when the catalogue's summary does not say it.
    #[test]
    fn entra_s_own_message_is_quoted_when_it_says_more() {
        let detail = |text: &str| {
            analyze(&CaseInput {
                authorize: text.into(),
                ..CaseInput::default()
            })
            .report
            .findings
            .into_iter()
            .find(|f| f.aadsts == Some(90023))
            .map(|f| (f.detail, f.fix))
        };
        let (d, fix) = detail("AADSTS90023: Public clients can't send a client secret.\nTrace ID: 1a2b3c4d-aaaa-bbbb-cccc-ddddeeeeffff").expect("90023");
        assert!(
            d.ends_with("Its message: 'Public clients can't send a client secret.'"),
            "{d}"
        );
        assert!(fix.contains("under Web"), "{fix}");
        // The catalogue's own words are not repeated; no message, nothing quoted.
        let (d, fix) =
            detail("AADSTS90023: The authentication service request is not valid.").expect("90023");
        assert!(!d.contains("Its message"), "{d}");
        assert!(!fix.contains("under Web"), "{fix}");
        assert_eq!(
            crate::core::aadsts::message_of("AADSTS500112: x y z", 50011),
            None
        );
    }

    /// Beside an https:// registration of the same URI, http:// is a proxy's doing: the fix does
    /// not ask to serve the app over https; without one it still does.
    #[test]
    fn http_beside_its_https_registration_is_not_told_to_serve_https() {
        let fix = |registered: &str| {
            analyze(&CaseInput {
                authorize: "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri=http%3A%2F%2Fapp.contoso.com%2Fsignin-oidc&response_type=code&scope=openid&response_mode=form_post&nonce=1&state=2".into(),
                registered: registered.into(),
                ..CaseInput::default()
            })
            .report
            .findings
            .into_iter()
            .find(|f| f.code == "redirect.http_not_localhost")
            .map(|f| f.fix)
        };
        let proxied = fix("https://app.contoso.com/signin-oidc").expect("http on a public host");
        assert!(proxied.contains("TLS ends at a proxy"), "{proxied}");
        let other = fix("https://other.contoso.com/cb").expect("http on a public host");
        assert!(other.starts_with("Serve the app over https"), "{other}");
    }

    /// The token leg's reply mismatch is titled with the code the text gives: older texts wrap
    /// it in AADSTS70002 / AADSTS50011, newer ones say AADSTS500112.
    #[test]
    fn the_token_leg_mismatch_quotes_the_code_of_the_text() {
        let title = |text: &str| {
            analyze(&CaseInput {
                authorize: text.into(),
                registered: "https://a.contoso.com/cb".into(),
                ..CaseInput::default()
            })
            .report
            .findings
            .into_iter()
            .find(|f| f.detail.contains("Entra's token endpoint refused the code"))
            .map(|f| (f.title, f.aadsts))
        };
        let older = "AADSTS70002: Error validating credentials. AADSTS50011: The reply address 'https://a.contoso.com/cb/' does not match the reply address 'https://a.contoso.com/cb' provided when requesting Authorization code.";
        let (t, code) = title(older).expect("the token leg");
        assert!(t.starts_with("AADSTS70002:"), "{t}");
        assert_eq!(code, Some(70002));
        let newer = older.replace(
            "AADSTS70002: Error validating credentials. AADSTS50011",
            "AADSTS500112",
        );
        let (t, code) = title(&newer).expect("the token leg");
        assert!(t.starts_with("AADSTS500112"), "{t}");
        assert_eq!(code, Some(500112));
    }

    /// A single-tenant app through /common: its createdDateTime decides AADSTS50194 (after 15
    /// October 2018: the error; before: allowed); without it, a warning.
    #[test]
    fn the_creation_date_decides_a_single_tenant_app_on_common() {
        let graph = |aud: &str, created: &str| {
            format!(
                r#"{{"appId":"6731de76-14a6-49ae-97bc-6eba6914391e","createdDateTime":"{created}","signInAudience":"{aud}","web":{{"redirectUris":["https://app.contoso.com/signin-oidc"]}}}}"#
            )
        };
        let f = tenant_finding("common", &graph("AzureADMyOrg", "2021-06-01T08:00:00Z"));
        let f = f.expect("50194 for a recent app");
        assert_eq!((f.severity, f.aadsts), (Severity::Error, Some(50194)));
        assert!(
            f.detail.contains("created on 2021-06-01T08:00:00Z"),
            "{}",
            f.detail
        );
        let f = tenant_finding(
            "organizations",
            &graph("AzureADMyOrg", "2017-02-03T08:00:00Z"),
        );
        let f = f.expect("a note for an old app");
        assert_eq!(f.severity, Severity::Info);
        assert!(
            f.title.contains("created before 15 October 2018"),
            "{}",
            f.title
        );
        // PowerShell's localized date: the year places it, unless it is 2018.
        let ps = |created: &str| {
            format!("AppId          : 6731de76-14a6-49ae-97bc-6eba6914391e\nCreatedDateTime : {created}\nSignInAudience : AzureADMyOrg\nWeb            : https://app.contoso.com/signin-oidc\n")
        };
        let sev = |reg: &str| tenant_finding("common", reg).map(|f| f.severity);
        assert_eq!(sev(&ps("3/12/2019 10:22:31 AM")), Some(Severity::Error));
        assert_eq!(sev(&ps("10/20/2018 10:22:31 AM")), Some(Severity::Warning));
        assert_eq!(
            sev(&graph("AzureADMyOrg", "2018-10-15T12:00:00Z")),
            Some(Severity::Warning)
        );
        assert_eq!(sev(&graph("AzureADMyOrg", "")), Some(Severity::Warning));
        // Near misses: a multi-tenant app, or a tenant in the authority.
        assert!(tenant_finding(
            "common",
            &graph("AzureADMultipleOrgs", "2021-06-01T08:00:00Z")
        )
        .is_none());
        assert!(tenant_finding(
            "contoso.onmicrosoft.com",
            &graph("AzureADMyOrg", "2021-06-01T08:00:00Z")
        )
        .is_none());
    }

    /// A tenant segment Entra cannot find for certain: the app's own client ID, or the
    /// issuer's 'v2.0' taken for the authority.
    #[test]
    fn the_client_id_or_v2_0_as_the_tenant_is_invalid() {
        let reg = "Web\nhttps://app.contoso.com/signin-oidc";
        let f = tenant_finding("6731de76-14a6-49ae-97bc-6eba6914391e", reg).expect("client id");
        assert_eq!((f.severity, f.aadsts), (Severity::Error, Some(90002)));
        assert!(f.title.contains("client ID"), "{}", f.title);
        for t in ["v2.0", "contoso.123", "10.0.0.1"] {
            assert!(tenant_finding(t, reg).is_some(), "{t}");
        }
        // Near misses: another GUID, a domain, a two-letter top-level domain.
        for t in [
            "72f988bf-86f1-41af-91ab-2d7cd011db47",
            "contoso.onmicrosoft.com",
            "contoso.de",
            "login-test.contoso-corp.co.uk",
        ] {
            assert!(tenant_finding(t, reg).is_none(), "{t}");
        }
    }
}
