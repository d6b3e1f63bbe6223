//! What the request says about the client: a browser single-page app, a web
//! server (confidential client), or a native app. Entra's platform rules
//! depend on it (auth-code flow: SPA URIs need PKCE and cross-origin
//! redemption; Web URIs redeemed from a browser fail with AADSTS9002326).

use super::authorize::AuthorizeRequest;
use super::report::Platform;
use super::uri::Uri;

/// The kind of client that sent the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ClientKind {
    /// A browser app redeeming the code cross-origin (MSAL.js browser).
    Spa,
    /// A server-side app redeeming the code with a secret (Microsoft.Identity.Web, form_post).
    WebServer,
    /// A mobile or desktop app (custom scheme, nativeclient, MSAL desktop SKUs).
    Native,
    /// Nothing in the request says.
    #[default]
    Unknown,
}

impl ClientKind {
    /// The platform a redirect URI of this client belongs under.
    pub fn platform(self) -> Option<Platform> {
        match self {
            ClientKind::Spa => Some(Platform::Spa),
            ClientKind::WebServer => Some(Platform::Web),
            ClientKind::Native => Some(Platform::PublicClient),
            ClientKind::Unknown => None,
        }
    }
    /// Words for the report.
    pub fn words(self) -> &'static str {
        match self {
            ClientKind::Spa => "a single-page app (browser)",
            ClientKind::WebServer => "a server-side web app",
            ClientKind::Native => "a mobile or desktop app",
            ClientKind::Unknown => "an app of unknown kind",
        }
    }
}

/// The guess and what it rests on.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ClientGuess {
    /// The kind.
    pub kind: ClientKind,
    /// Why, in words ("x-client-SKU=msal.js.browser").
    pub because: String,
    /// The library that built the request, when named.
    pub library: Option<String>,
}

/// The `x-client-SKU` value, whatever its letter case.
pub fn sku(req: &AuthorizeRequest) -> Option<&str> {
    req.params
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case("x-client-sku"))
        .map(|p| p.value.as_str())
}

/// True when the redirect URI is a loopback address without a path (`http://localhost:50321`):
/// an interactive sign-in's local listener on this machine.
fn loopback_listener(req: &AuthorizeRequest) -> bool {
    req.redirect_uri().is_some_and(|r| {
        let u = Uri::new(r);
        u.scheme_lower() == "http"
            && (u.is_localhost() || u.is_loopback_v4())
            && matches!(u.path(), "" | "/")
            && u.query().is_none()
    })
}

/// The interactive sign-in of a public client that `text` names (an exception or a command
/// in the pasted text): these listen at http://localhost:<free port> on this machine.
pub(crate) fn named_public_client(text: &str) -> Option<&'static str> {
    const NAMED: [(&str, &str); 9] = [
        (
            "connect-mggraph",
            "Microsoft Graph PowerShell (Connect-MgGraph)",
        ),
        (
            "interactivebrowsercredential",
            "Azure.Identity's InteractiveBrowserCredential",
        ),
        (
            "acquire_token_interactive",
            "MSAL Python's acquire_token_interactive",
        ),
        ("acquiretokeninteractive", "MSAL's AcquireTokenInteractive"),
        ("publicclientapplication", "MSAL's PublicClientApplication"),
        (
            "interactiverequestparameters",
            "MSAL Java's interactive sign-in",
        ),
        ("connect-pnponline", "PnP PowerShell (Connect-PnPOnline)"),
        ("connect-exchangeonline", "Exchange Online PowerShell"),
        // MSAL.NET's AcquireTokenInteractive, as its stack trace names it.
        (
            "requests.interactiverequest",
            "MSAL.NET's InteractiveRequest (AcquireTokenInteractive)",
        ),
    ];
    let l = text.to_ascii_lowercase();
    NAMED.iter().find(|(n, _)| l.contains(n)).map(|(_, w)| *w)
}

/// Infers the client kind from the request.
pub fn infer(req: &AuthorizeRequest) -> ClientGuess {
    infer_with(req, "")
}

/// Infers the client kind from the request and the other text pasted with it (what came back).
pub fn infer_with(req: &AuthorizeRequest, other: &str) -> ClientGuess {
    let guess = |kind, because: String, library: Option<&str>| ClientGuess {
        kind,
        because,
        library: library.map(str::to_string),
    };
    if req.saml.is_some() {
        return guess(
            ClientKind::WebServer,
            "a SAML request: Entra posts the SAML response to the reply URL, a Web platform URI"
                .to_string(),
            None,
        );
    }
    // Nested app authentication (brk-multihub://, brk-<app ID>://): the host (Outlook, Teams)
    // signs the app's page in through its broker, whatever SKU it names, and the URI is
    // registered under Single-page application, which the page's redemption needs.
    if let Some(r) = req
        .redirect_uri()
        .filter(|r| Uri::new(r).scheme_lower().starts_with("brk-"))
    {
        return guess(
            ClientKind::Spa,
            format!("the redirect URI {r} is a nested app authentication URI (brk-…), registered as a single-page application"),
            Some("nested app authentication"),
        );
    }
    // A command-line tool's fixed loopback listener (Argo CD's `argocd login --sso`): a public
    // client without a secret, whose URI belongs under Mobile and desktop applications.
    if let Some(r) = req.redirect_uri().filter(|r| {
        let u = Uri::new(r);
        u.scheme_lower() == "http"
            && u.is_localhost()
            && u.port() == Some("8085")
            && u.path() == "/auth/callback"
    }) {
        return guess(
            ClientKind::Native,
            format!("{r} is Argo CD's command-line sign-in (argocd login --sso), a loopback listener with no client secret"),
            Some("the Argo CD CLI"),
        );
    }
    if let Some(sku) = sku(req) {
        let s = sku.to_ascii_lowercase();
        let why = format!("x-client-SKU={sku}");
        if s.starts_with("msal.js.browser")
            || s == "msal.js"
            || s == "msal.javascript"
            || s.starts_with("msal.angular")
            || s.starts_with("msal.react")
        {
            return guess(ClientKind::Spa, why, Some("MSAL.js (browser)"));
        }
        if s.starts_with("id_net") {
            return guess(
                ClientKind::WebServer,
                why,
                Some("Microsoft.Identity.Web / ASP.NET"),
            );
        }
        if s.starts_with("msal.js.node") {
            // MSAL Node in a desktop app (Electron) answers at a custom scheme, or, in its
            // interactive sign-in, at http://localhost:<free port> with no path: not a server.
            let desktop = req.redirect_uri().is_some_and(|r| {
                let u = Uri::new(r);
                let scheme = u.scheme_lower();
                !matches!(scheme.as_str(), "http" | "https" | "")
                    || scheme == "http" && u.is_localhost() && matches!(u.path(), "" | "/")
            });
            let kind = if desktop {
                ClientKind::Native
            } else {
                ClientKind::WebServer
            };
            return guess(kind, why, Some("MSAL Node"));
        }
        // MSAL.NET, MSAL Python, MSAL Java and MSAL Go serve web apps and desktop apps alike;
        // their interactive sign-in listens at http://localhost:<free port> with no path, which
        // only a public client on this machine does.
        let loopback_listener = loopback_listener(req);
        let library = [
            ("msal.netcore", "MSAL.NET"),
            ("msal.net", "MSAL.NET"),
            ("msal.python", "MSAL Python"),
            ("msal.java", "MSAL Java"),
            ("msal.go", "MSAL Go"),
        ]
        .into_iter()
        .find(|(p, _)| s.starts_with(p));
        if let (Some((_, name)), true) = (library, loopback_listener) {
            return guess(
                ClientKind::Native,
                format!("{why} with a loopback redirect URI without a path (the interactive sign-in's local listener)"),
                Some(name),
            );
        }
        if s.starts_with("msal.desktop")
            || s.starts_with("msal.xamarin")
            || s.starts_with("msal.ios")
            || s.starts_with("msal.android")
            || s.starts_with("msal.objective")
            || s.starts_with("msal.maui")
            || s.contains("broker")
        {
            return guess(ClientKind::Native, why, Some("MSAL (mobile/desktop)"));
        }
    }
    // A public client's interactive sign-in named in the pasted text (its exception or command),
    // with a loopback redirect URI without a path: its local listener, as the SKUs above say.
    let named = req
        .error_text
        .as_ref()
        .and_then(|e| named_public_client(&e.text))
        .or_else(|| named_public_client(other));
    if let (Some(name), true) = (named, loopback_listener(req)) {
        return guess(
            ClientKind::Native,
            format!("the pasted text names {name}, a public client's interactive sign-in, and the redirect URI is a loopback address without a path (its local listener)"),
            Some(name),
        );
    }
    // The code redemption carried no client secret (AADSTS7000218) for a loopback listener
    // with a PKCE challenge: a public client's interactive sign-in on this machine.
    let no_secret = req
        .error_text
        .as_ref()
        .is_some_and(|e| e.codes.contains(&7000218))
        || super::aadsts::codes_in(other).contains(&7000218);
    if no_secret && loopback_listener(req) && req.get("code_challenge").is_some() {
        return guess(
            ClientKind::Native,
            "the code redemption sent no client secret (AADSTS7000218) for a loopback redirect URI without a path and a PKCE challenge: a public client's interactive sign-in and its local listener".into(),
            None,
        );
    }
    let mode = req.get("response_mode").map(str::to_ascii_lowercase);
    // A form_post to a loopback address without a path: a desktop app's own listener on a
    // free port (MSAL Java posts there by default), not a web server's callback route.
    // MSAL Java's listener always comes with a PKCE challenge: one without it is a web
    // framework on a development port.
    if mode.as_deref() == Some("form_post")
        && loopback_listener(req)
        && req.get("code_challenge").is_some()
    {
        return guess(
            ClientKind::Native,
            "response_mode=form_post to a loopback address without a path (a desktop app's local listener, as MSAL Java's interactive sign-in posts to)".into(),
            None,
        );
    }
    if mode.as_deref() == Some("form_post") {
        return guess(
            ClientKind::WebServer,
            "response_mode=form_post (only a server can receive a POST)".into(),
            None,
        );
    }
    // A code in the fragment reaches only the page's own script: a browser app (a server
    // never sees a fragment), unless the redirect URI is a native app's.
    let native_uri = req
        .redirect_uri()
        .is_some_and(|r| !matches!(Uri::new(r).scheme_lower().as_str(), "http" | "https" | ""));
    if mode.as_deref() == Some("fragment")
        && req.response_types().contains(&"code")
        && !native_uri
        && req
            .redirect_uri()
            .and_then(|r| server_stack(Uri::new(r).path()))
            .is_none()
    {
        return guess(
            ClientKind::Spa,
            "response_mode=fragment with a code (only the page's script reads a fragment)".into(),
            None,
        );
    }
    if req.get("state").is_some_and(|s| s.starts_with("CfDJ8")) {
        return guess(
            ClientKind::WebServer,
            "state is an ASP.NET Core data-protection blob (CfDJ8…)".into(),
            Some("ASP.NET Core"),
        );
    }
    if let Some(r) = req.redirect_uri() {
        let u = Uri::new(r);
        let scheme = u.scheme_lower();
        let lower = r.to_ascii_lowercase();
        if (!scheme.is_empty() && scheme != "http" && scheme != "https")
            || lower.ends_with("/oauth2/nativeclient")
            || lower == "https://login.live.com/oauth20_desktop.srf"
            || lower.starts_with("urn:ietf:wg:oauth:2.0:oob")
        {
            return guess(
                ClientKind::Native,
                format!("the redirect URI {r} is a native-app form"),
                None,
            );
        }
        // Postman's fixed callback: the Postman app (not a page) redeems the code, with the
        // client secret it is given, and sends no Origin header.
        if u.host()
            .is_some_and(|h| h.eq_ignore_ascii_case("oauth.pstmn.io"))
        {
            return guess(
                ClientKind::WebServer,
                format!("the redirect URI {r} is Postman's callback: the Postman app redeems the code itself (with the client secret it is given, and no Origin header)"),
                Some("Postman"),
            );
        }
        // Microsoft's connector consent service (Power Platform custom connectors, Logic
        // Apps) redeems the code on its servers.
        if u.host()
            .is_some_and(|h| h.to_ascii_lowercase().ends_with(".consent.azure-apim.net"))
        {
            return guess(
                ClientKind::WebServer,
                format!("the redirect URI {r} is Microsoft's connector consent service (Power Platform custom connectors, Logic Apps), which redeems the code on its servers"),
                Some("the connector consent service"),
            );
        }
        // An identity broker's callback (Okta, Auth0, Firebase, …): the broker's server
        // redeems the code with its client secret, whatever else the request says.
        if let Some(broker) = broker(r) {
            return guess(
                ClientKind::WebServer,
                format!("the redirect URI {r} is {broker}'s callback: {broker} redeems the code on its servers with a client secret"),
                Some(broker),
            );
        }
        // Vault's command-line sign-in (vault login -method=oidc) listens on localhost:8250,
        // but Vault's server redeems the code with the role's client secret.
        if u.is_localhost() && u.port() == Some("8250") && u.path() == "/oidc/callback" {
            return guess(
                ClientKind::WebServer,
                format!("{r} is HashiCorp Vault's command-line sign-in (vault login -method=oidc), whose code Vault's server redeems with the role's client secret"),
                Some("HashiCorp Vault"),
            );
        }
        if let Some(stack) = server_stack(u.path()) {
            return guess(
                ClientKind::WebServer,
                format!("the redirect URI's path {} is {stack}'s callback, which redeems the code on the server", u.path()),
                Some(stack),
            );
        }
        // Swagger UI's redirect page hands the code to the page that redeems it in the browser
        // (its implicit flow asks for no code, and redeems nothing).
        if u.path()
            .to_ascii_lowercase()
            .ends_with("/oauth2-redirect.html")
            && req.response_types().contains(&"code")
        {
            return guess(
                ClientKind::Spa,
                format!("the redirect URI {r} is Swagger UI's oauth2-redirect.html, whose page redeems the code in the browser"),
                Some("Swagger UI"),
            );
        }
    }
    ClientGuess::default()
}

/// The identity broker whose callback `redirect_uri` is (Supabase Auth, Amazon Cognito,
/// Auth0, Okta, Keycloak, Firebase, Cloudflare Access): it redeems Entra's code itself and then
/// sends the browser on to the app with its own result.
pub fn broker(redirect_uri: &str) -> Option<&'static str> {
    let u = Uri::new(redirect_uri);
    let host = u.host().unwrap_or("").to_ascii_lowercase();
    let path = u.path().to_ascii_lowercase();
    Some(
        if host.ends_with(".auth0.com") && path == "/login/callback" {
            "Auth0"
        } else if host.ends_with(".okta.com") || path.ends_with("/oauth2/v1/authorize/callback") {
            "Okta"
        } else if path.ends_with("/__/auth/handler") {
            "Firebase Authentication"
        } else {
            match server_stack(&path)? {
                s @ ("Supabase Auth"
                | "Amazon Cognito"
                | "Keycloak"
                | "Cloudflare Access"
                | "Salesforce (Auth. Provider)") => s,
                _ => return None,
            }
        },
    )
}

/// The server-side stack whose default callback route `path` is: these redeem the code on the
/// server (a confidential client), whatever the request's other parameters say.
pub fn server_stack(path: &str) -> Option<&'static str> {
    let p = path.to_ascii_lowercase();
    let has = |x: &str| p.contains(x);
    Some(if p.ends_with("/signin-oidc") {
        "ASP.NET Core"
    } else if has("/.auth/login/") && p.ends_with("/callback") {
        "App Service authentication"
    } else if has("/login/oauth2/code/") {
        "Spring Security"
    } else if has("/api/auth/callback/") {
        "Auth.js (NextAuth)"
    } else if has("/realms/") && has("/broker/") && p.ends_with("/endpoint") {
        "Keycloak"
    } else if p.ends_with("/getatoken") {
        "the MSAL Python web app (Flask, Django)"
    } else if p.ends_with("/oauth2/callback") {
        "a sign-in proxy (oauth2-proxy, Pomerium) or django-auth-adfs"
    } else if p.ends_with("/login/azuread") || p.ends_with("/login/generic_oauth") {
        "Grafana"
    } else if p.ends_with("/securityrealm/finishlogin") {
        "Jenkins"
    } else if p.ends_with("/hub/oauth_callback") {
        "JupyterHub"
    } else if p.ends_with("/oauth2/idpresponse") {
        "Amazon Cognito"
    } else if has("/accounts/microsoft/login/callback") {
        "django-allauth"
    } else if has("/users/auth/") && p.ends_with("/callback") {
        "OmniAuth (GitLab, Rails)"
    } else if p.ends_with("/auth/microsoft_office365/callback") {
        "Zammad (OmniAuth)"
    } else if p.ends_with("/signup/office365/complete") || p.ends_with("/login/office365/complete")
    {
        "Mattermost"
    } else if has("/oauth-authorized/") {
        "Flask-AppBuilder (Superset, Airflow)"
    } else if p.ends_with("/auth/v1/callback") {
        "Supabase Auth"
    } else if p.ends_with("/cdn-cgi/access/callback") {
        "Cloudflare Access"
    } else if p.ends_with("/vizportal/api/web/v1/auth/openidlogin") {
        "Tableau Server"
    } else if p.ends_with("/dex/callback") {
        "Dex"
    } else if p.ends_with("/apps/user_oidc/code") {
        "Nextcloud (user_oidc)"
    } else if has("/services/authcallback/") {
        "Salesforce (Auth. Provider)"
    } else if p.starts_with("/ui/vault/auth/") && p.ends_with("/oidc/callback") {
        "HashiCorp Vault"
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::authorize;

    fn kind(q: &str) -> ClientKind {
        infer(&authorize::read(q).expect("read")).kind
    }

    #[test]
    fn a_server_stacks_callback_path_is_a_server_app() {
        for path in [
            "/signin-oidc",
            "/realms/corp/broker/entra/endpoint",
            "/login/oauth2/code/azure",
            "/api/auth/callback/azure-ad",
            "/oauth2/callback",
            "/.auth/login/aad/callback",
            "/getAToken",
            "/services/authcallback/Entra_ID",
            "/ui/vault/auth/oidc/oidc/callback",
            "/vizportal/api/web/v1/auth/openIdLogin",
            "/dex/callback",
        ] {
            let q = format!(
                "client_id=a&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com{}",
                path.replace('/', "%2F")
            );
            assert_eq!(kind(&q), ClientKind::WebServer, "{path}");
        }
        // Near miss: a path of the app's own choosing says nothing.
        assert_eq!(
            kind("client_id=a&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fauth%2Fcallback"),
            ClientKind::Unknown
        );
        // The library named in the request wins over the path.
        assert_eq!(
            kind("client_id=a&x-client-SKU=msal.js.browser&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fsignin-oidc"),
            ClientKind::Spa
        );
    }

    #[test]
    fn an_identity_brokers_callback_is_a_server_app() {
        for uri in [
            "https://contoso.okta.com/oauth2/v1/authorize/callback",
            "https://contoso.eu.auth0.com/login/callback",
            "https://contoso-hr.firebaseapp.com/__/auth/handler",
            "http://localhost:8250/oidc/callback",
        ] {
            let q = format!(
                "client_id=a&response_type=code&response_mode=query&redirect_uri={}",
                uri.replace(':', "%3A").replace('/', "%2F")
            );
            assert_eq!(kind(&q), ClientKind::WebServer, "{uri}");
        }
        // Near miss: the same path on another loopback port is an app's own listener.
        assert_eq!(
            kind("client_id=a&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A8251%2Foidc%2Fcallback"),
            ClientKind::Unknown
        );
    }

    #[test]
    fn a_code_in_the_fragment_is_for_a_browser_app() {
        assert_eq!(
            kind("client_id=a&response_type=code&response_mode=fragment&code_challenge=x&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2F"),
            ClientKind::Spa
        );
        // A native app's own scheme, or a server's callback path, says otherwise.
        assert_eq!(
            kind("client_id=a&response_type=code&response_mode=fragment&redirect_uri=myapp%3A%2F%2Fauth"),
            ClientKind::Native
        );
        assert_ne!(
            kind("client_id=a&response_type=code&response_mode=fragment&redirect_uri=https%3A%2F%2Fa%2Fsignin-oidc"),
            ClientKind::Spa
        );
    }

    #[test]
    fn a_named_public_clients_loopback_listener_is_a_desktop_app() {
        let listener = authorize::read("client_id=a&redirect_uri=http%3A%2F%2Flocalhost%3A51873")
            .expect("read");
        let traceback = "result = app.acquire_token_interactive(scopes=[\"User.Read\"])";
        assert_eq!(infer_with(&listener, traceback).kind, ClientKind::Native);
        assert_eq!(infer_with(&listener, "").kind, ClientKind::Unknown);
        // In Entra's text in the authorize box.
        assert_eq!(
            kind("Connect-MgGraph : InteractiveBrowserCredential authentication failed: AADSTS50011: The redirect URI 'http://localhost:60147' specified in the request does not match"),
            ClientKind::Native
        );
        // A web app's route on localhost is no listener, whatever the text names.
        let route =
            authorize::read("client_id=a&redirect_uri=http%3A%2F%2Flocalhost%3A5000%2Fsignin-oidc")
                .expect("read");
        assert_ne!(infer_with(&route, traceback).kind, ClientKind::Native);
    }

    #[test]
    fn msal_node_at_a_custom_scheme_is_a_desktop_app() {
        assert_eq!(
            kind("client_id=a&x-client-SKU=msal.js.node&redirect_uri=myapp%3A%2F%2Fauth"),
            ClientKind::Native
        );
        assert_eq!(
            kind("client_id=a&x-client-SKU=msal.js.node&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb"),
            ClientKind::WebServer
        );
        // Its interactive sign-in listens on http://localhost:<free port>, without a path.
        assert_eq!(
            kind(
                "client_id=a&x-client-SKU=msal.js.node&redirect_uri=http%3A%2F%2Flocalhost%3A53127"
            ),
            ClientKind::Native
        );
        assert_eq!(
            kind("client_id=a&x-client-SKU=msal.js.node&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fauth%2Fredirect"),
            ClientKind::WebServer
        );
    }

    #[test]
    fn msal_net_python_java_and_go_at_a_loopback_listener_are_desktop_apps() {
        for sku in ["MSAL.NetCore", "MSAL.Python", "MSAL.Java", "MSAL.Go"] {
            for uri in [
                "http%3A%2F%2Flocalhost%3A53211",
                "http%3A%2F%2F127.0.0.1%3A8400%2F",
            ] {
                assert_eq!(
                    kind(&format!(
                        "client_id=a&x-client-SKU={sku}&redirect_uri={uri}"
                    )),
                    ClientKind::Native,
                    "{sku} {uri}"
                );
            }
            // Near misses: their web apps answer at a path, or on a server's host.
            for uri in [
                "http%3A%2F%2Flocalhost%3A5000%2FgetAToken",
                "https%3A%2F%2Fapp.contoso.com%2F",
            ] {
                assert_ne!(
                    kind(&format!(
                        "client_id=a&x-client-SKU={sku}&redirect_uri={uri}"
                    )),
                    ClientKind::Native,
                    "{sku} {uri}"
                );
            }
        }
    }

    #[test]
    fn a_nested_app_authentication_uri_is_a_single_page_app() {
        assert_eq!(
            kind(
                "client_id=a&response_type=code&redirect_uri=brk-multihub%3A%2F%2Fwww.contoso.com"
            ),
            ClientKind::Spa
        );
    }

    #[test]
    fn postmans_callback_is_redeemed_by_the_app_not_a_page() {
        assert_eq!(
            kind("client_id=a&response_type=code&redirect_uri=https%3A%2F%2Foauth.pstmn.io%2Fv1%2Fcallback"),
            ClientKind::WebServer
        );
    }

    #[test]
    fn reads_the_client_from_sku_mode_state_and_scheme() {
        assert_eq!(
            kind("client_id=a&x-client-SKU=msal.js.browser"),
            ClientKind::Spa
        );
        assert_eq!(
            kind("client_id=a&x-client-SKU=ID_NET8_0"),
            ClientKind::WebServer
        );
        assert_eq!(
            kind("client_id=a&response_mode=form_post"),
            ClientKind::WebServer
        );
        // A form_post to a loopback listener without a path is a desktop app's (MSAL Java);
        // one to a callback route on localhost is a web server in development.
        assert_eq!(
            kind("client_id=a&response_mode=form_post&code_challenge=abc&redirect_uri=http%3A%2F%2Flocalhost%3A50321"),
            ClientKind::Native
        );
        // Without PKCE it is no MSAL listener: a web framework on a development port.
        assert_eq!(
            kind("client_id=a&response_mode=form_post&nonce=n&redirect_uri=http%3A%2F%2Flocalhost%3A5000%2F"),
            ClientKind::WebServer
        );
        assert_eq!(
            kind("client_id=a&response_mode=form_post&redirect_uri=http%3A%2F%2Flocalhost%3A5000%2Fsignin-oidc"),
            ClientKind::WebServer
        );
        assert_eq!(kind("client_id=a&state=CfDJ8Kx2"), ClientKind::WebServer);
        assert_eq!(
            kind("client_id=a&x-client-SKU=MSAL.Desktop"),
            ClientKind::Native
        );
        assert_eq!(
            kind("client_id=a&redirect_uri=msauth.com.x%3A%2F%2Fauth"),
            ClientKind::Native
        );
        assert_eq!(
            kind("client_id=a&redirect_uri=http%3A%2F%2Flocalhost"),
            ClientKind::Unknown
        );
        assert_eq!(
            kind("client_id=a&response_type=code&redirect_uri=https%3A%2F%2Fapi.contoso.com%2Fswagger%2Foauth2-redirect.html"),
            ClientKind::Spa
        );
        assert_eq!(
            kind("client_id=a&response_type=token&redirect_uri=https%3A%2F%2Fapi.contoso.com%2Fswagger%2Foauth2-redirect.html"),
            ClientKind::Unknown
        );
        assert_eq!(
            kind("client_id=a&response_type=code&redirect_uri=https%3A%2F%2Fapi.contoso.com%2Fswagger%2Foauth2-redirect"),
            ClientKind::Unknown
        );
    }
}
