//! What came back: the landing URL (code, error, state) or pasted error text
//! from an app, a log or a sign-in library.

use super::aadsts::{self, Category};
use super::authorize::AuthorizeRequest;
use super::callback::{Callback, Place};
use super::client::{ClientGuess, ClientKind};
use super::codes::finding;
use super::evidence::har;
use super::evidence::sanitize::known_value;
use super::report::{Finding, Platform, Severity};
use super::uri::Uri;

/// A `/.default` scope sent with other permissions (the OpenID Connect scopes aside): the
/// `/.default` scope and the others, for AADSTS70011's fix.
fn default_mixed(req: &AuthorizeRequest) -> Option<(String, String)> {
    let scopes = req.scopes();
    let default = scopes
        .iter()
        .find(|s| s.to_ascii_lowercase().ends_with("/.default"))?;
    let others: Vec<&str> = scopes
        .iter()
        .filter(|s| *s != default)
        .filter(|s| {
            !matches!(
                s.to_ascii_lowercase().as_str(),
                "openid" | "profile" | "email" | "offline_access"
            )
        })
        .map(|s| s.as_ref())
        .collect();
    (!others.is_empty()).then(|| (default.to_string(), others.join(" ")))
}

/// The fix for a SAML response that carries an error status: a passive request refused
/// (`NoPassive`) is the app's `IsPassive`, not a `prompt` parameter SAML does not have.
pub(crate) fn saml_status_fix(st: &super::saml::ResponseStatus, code: Option<u32>) -> String {
    if st.codes.split('/').any(|c| c == "NoPassive") {
        return "The app's AuthnRequest asked for a passive sign-in (IsPassive=\"true\") and Entra could not sign the user in without showing a page (no session, or a prompt was needed). The app should then send the AuthnRequest again without IsPassive (or with IsPassive=\"false\"), so that Entra can show its sign-in page.".to_string();
    }
    match code {
        Some(c) => for_code(c, None).fix,
        None => "Look the sign-in up in Entra's sign-in logs (Enterprise applications › the app › Sign-in logs) by its time: the failure reason names the cause.".to_string(),
    }
}

/// The most specific finding for an AADSTS code (and the OAuth `error`).
pub fn for_code(code: u32, oauth_error: Option<&str>) -> Finding {
    let info = aadsts::lookup(code);
    let cat = info.map(|i| i.category);
    let base = match cat {
        Some(Category::ConditionalAccess) => finding("response.conditional_access"),
        Some(Category::Mfa) => finding("response.mfa_required"),
        Some(Category::UserCancelled) => finding("response.user_cancelled"),
        Some(Category::Consent) => finding("response.consent_required"),
        _ if oauth_error == Some("consent_required") => finding("response.consent_required"),
        _ => finding("response.error"),
    };
    let hint = info.map(|i| i.hint).filter(|h| !h.is_empty());
    let fix = match cat {
        Some(Category::ConditionalAccess) => "Open the failing sign-in in Entra's sign-in logs (filter by the correlation ID), read the Conditional Access tab for the policy with result Failure and its grant controls, and satisfy it (compliant or joined device, approved app, MFA, location) or have an admin adjust it.".to_string(),
        Some(Category::Mfa) if code != 500121 => "Complete (or register for) multi-factor authentication, then sign in again; an admin can see which policy required it in the sign-in log's Authentication Details and Conditional Access tabs.".to_string(),
        Some(Category::UserCancelled) => "Nothing is misconfigured: the user declined or closed the prompt. Sign in again and accept; if consent is not allowed for users, ask an admin to grant tenant-wide consent.".to_string(),
        // Admin consent (90094 and others): the user cannot give it; the catalogue says how.
        Some(Category::Consent) if code != 65001 && hint.is_some() => hint.unwrap_or_default().to_string(),
        Some(Category::Consent) => "Grant consent: sign in interactively (prompt=consent) or have an admin grant consent for the tenant under Enterprise applications › Permissions.".to_string(),
        _ => hint.map_or_else(|| format!("Look the code up at {} and in the sign-in logs.", aadsts::error_lookup_url(code)), str::to_string),
    };
    base.aadsts(code)
        .title(match info {
            Some(i) => format!("AADSTS{code}: {}", i.summary.trim_end_matches('.')),
            None => format!("Entra returned AADSTS{code}"),
        })
        .fix(fix)
        .reference(aadsts::error_lookup_url(code))
}

/// The public-client flow that uses no redirect URI (device code, username/password) a text
/// names: its AADSTS7000218 is fixed by allowing public client flows, not by a platform.
fn flow_without_redirect(text: &str) -> Option<&'static str> {
    let l = text.to_ascii_lowercase();
    let any = |keys: &[&str]| keys.iter().any(|k| l.contains(k));
    if any(&[
        "device code",
        "device_code",
        "devicecode",
        "device flow",
        "device_flow",
        "devicelogin",
    ]) {
        Some("device code")
    } else if any(&[
        "grant_type=password",
        "usernamepassword",
        "username_password",
        "username/password",
        "ropc",
        "resource owner password",
    ]) {
        Some("username/password")
    } else {
        None
    }
}

/// AADSTS7000218 in a flow without a redirect URI: Entra treats the app as a confidential
/// client unless public client flows are allowed (isFallbackPublicClient).
pub(crate) fn public_flows(f: Finding, text: &str, app_id: Option<&str>) -> Finding {
    let Some(flow) = flow_without_redirect(text).filter(|_| f.aadsts == Some(7000218)) else {
        return f;
    };
    let detail = format!("{} The {flow} flow uses no redirect URI, so no platform decides how the app is treated: Entra takes the app for a confidential client, which must send a client secret or certificate, unless the registration allows public client flows (isFallbackPublicClient).", f.detail);
    let f = f.detail(detail).fix("On the app registration's Authentication page, set Allow public client flows (under Advanced settings) to Yes and save; in the manifest or Microsoft Graph it is isFallbackPublicClient: true. No redirect URI needs to change.");
    match app_id.filter(|id| super::uri::is_guid(id)) {
        Some(id) => f.snippet(
            "az CLI",
            format!(
                "az ad app update --id {} --is-fallback-public-client true",
                super::fix::sh_quote(id)
            ),
        ),
        None => f,
    }
}

/// AADSTS70016 (authorization_pending) is the device code flow's normal answer to a poll while
/// the user has not finished on the other device (RFC 8628 §3.5): information. Only when it is
/// the one code of the text and the text shows the app gave up on it (an exception, a failure,
/// a timeout) is it the error: the app stopped polling where it had to keep on.
/// `slow_down` (RFC 8628 §3.5: poll less often) is information the same way.
pub(crate) fn device_pending(f: Finding, text: &str, alone: bool, error: Option<&str>) -> Finding {
    let l = text.to_ascii_lowercase();
    let stopped = alone
        && [
            "exception",
            "traceback",
            "unhandled",
            "throw",
            "failed",
            "timed out",
            "timeout",
            "gave up",
            "stopped",
        ]
        .iter()
        .any(|k| l.contains(k));
    if error == Some("slow_down") && f.aadsts.is_none_or(|c| c == 70016) && stopped {
        return f
            .title("The app stopped polling on slow_down")
            .detail("slow_down is the device code flow's answer to a poll of /token that came sooner than the interval allows (RFC 8628 §3.5): the authorization is still pending, and the client is to wait 5 seconds more between polls. The pasted text shows the app treated it as a failure and stopped, so the user's sign-in can no longer reach it.")
            .fix("Treat slow_down as 'wait longer': add 5 seconds to the polling interval and poll /token again, until the tokens come or expires_in has passed; MSAL's device code methods do this themselves.");
    }
    if error == Some("slow_down") && f.aadsts.is_none_or(|c| c == 70016) {
        return f
            .severity(Severity::Info)
            .title("The device code flow asks the app to poll more slowly (slow_down)")
            .detail("slow_down is the device code flow's answer to a poll of /token that came sooner than the interval allows (RFC 8628 §3.5): the authorization is still pending, and the client waits 5 seconds more between polls from then on. Nothing has failed.")
            .fix("Nothing to change in the registration: poll /token every interval seconds, 5 more after each slow_down, until the user finishes signing in; MSAL's device code methods do this themselves.");
    }
    if f.aadsts != Some(70016) && error != Some("authorization_pending") {
        return f;
    }
    let why = "AADSTS70016 (authorization_pending) is the device code flow's answer to a poll of /token while the user has not yet entered the code and signed in on the other device (RFC 8628 §3.5: the client keeps polling at the given interval).";
    if stopped {
        f.title("The app stopped polling on AADSTS70016 (authorization_pending)")
            .detail(format!("{why} The pasted text shows the app treated it as a failure and stopped, so the user's sign-in can no longer reach it."))
            .fix("Treat authorization_pending as 'wait': poll /token again every interval seconds (5 more after slow_down) until the tokens come or expires_in has passed (then expired_token); MSAL's device code methods do this themselves.")
    } else {
        f.severity(Severity::Info)
            .title("The device code flow is waiting for the user (AADSTS70016)")
            .detail(format!("{why} Nothing has failed: the user has not finished yet."))
            .fix("Nothing to change: keep polling until the user enters the code and signs in. A failure shows another answer: expired_token when the code expired, authorization_declined when the user declined.")
    }
}

/// The app's record of the sign-in it started (a state or PKCE cookie, a server session) did
/// not come back with Entra's answer: how libraries and frameworks say it.
const STATE_LOST: &str = "The app's session or cookie that held this sign-in's state did not come back with Entra's answer: the callback reached another host or scheme than sign-in started on (localhost vs 127.0.0.1, apex vs www, http behind a proxy), the session lives in one instance's memory behind a load balancer, the browser did not send the cookie on Entra's cross-site return (SameSite, Secure on http), or the sign-in finished in another tab or was replayed (the back button, a reloaded callback). Entra accepted the redirect URI: its answer reached the app.";
const STATE_LOST_FIX: &str = "Start sign-in on the same host and scheme as the redirect URI and finish it in one tab; behind a proxy make the app see the public https address (forwarded headers); keep sessions in a store all instances share (or sticky sessions); send the session cookie SameSite=Lax, or SameSite=None; Secure for response_mode=form_post.";
const AUTHJS_CHECK: &str = "Auth.js (NextAuth) did not get back the check cookie (state, PKCE code verifier or nonce) it set when sign-in started: the callback reached another host or scheme than AUTH_URL (NEXTAUTH_URL) names or the browser started on (http behind a proxy, a preview or internal host), or the cookie expired or was blocked. Entra accepted the redirect URI: its answer reached the app.";
const OAUTH2_PROXY_CSRF: &str = "oauth2-proxy did not get its CSRF cookie back on the callback: the cookie's Secure flag or domain does not fit the address the browser came back to (http vs https, another host than sign-in started on), or it expired. Entra accepted the redirect URI: its answer reached oauth2-proxy.";
const OAUTH2_PROXY_CSRF_FIX: &str = "Start sign-in on the host of --redirect-url; set --cookie-secure to match https and --cookie-domain to the public host; behind another proxy, pass X-Forwarded-Proto and -Host (--reverse-proxy).";
const AUTHJS_CHECK_FIX: &str = "Set AUTH_URL (NEXTAUTH_URL) to the public address the browser uses and AUTH_TRUST_HOST=true behind a proxy; start and finish sign-in on that one host, within 15 minutes, in one tab.";
const SIGNATURE: &str = "The ID token's signature did not validate: it is signed with a key the app did not find among the signing keys it loaded. The app reads the keys of another authority than the one that issued the token (another tenant, /common vs the tenant, the v1 vs v2 endpoint, another B2C policy or cloud), or keys cached from before Entra rolled its signing keys over.";
const SIGNATURE_FIX: &str = "Set the app's authority (metadata address) to the tenant and endpoint that issue its tokens, e.g. https://login.microsoftonline.com/<tenant>/v2.0 (for B2C, the policy's metadata), and let the library fetch the signing keys again instead of keeping them.";
const LIFETIME: &str = "The token's lifetime check failed (IDX10222: not yet valid; IDX10223: expired): the server's clock is off from Entra's by more than the allowed skew (5 minutes by default), or an old response was replayed (the back button, a reloaded callback). Not a redirect URI problem.";
const LIFETIME_FIX: &str = "Synchronise the server's clock (NTP; in a container, the host's), and start sign-in again instead of replaying an old callback.";
const LOOP: &str = "The browser went back and forth between the app and Entra until it gave up: Entra answers each time (the redirect URI is accepted), but the app does not keep the signed-in user and sends the browser to sign in again. Its auth cookie is not kept (too large, SameSite, Secure while the app sees http behind a proxy), the callback path itself requires sign-in, or the app bounces between http and https.";
const LOOP_FIX: &str = "Record the loop with the browser's developer tools (Network tab, Preserve log) and see which response fails to set the app's auth cookie or which request arrives without it; behind a proxy make the app see https (forwarded headers); keep the callback path open to anonymous users.";
const TLS_TO_HTTP: &str = "The browser was sent back to an https:// address, but what answers on that host and port speaks plain HTTP (a development server started without TLS) or failed its TLS handshake. Entra accepted the redirect URI and sent the browser there; the app's end does not serve HTTPS.";
const TLS_TO_HTTP_FIX: &str = "Serve the app over HTTPS on that port (its framework's development certificate), or, for a loopback address, send and register the http:// URI instead (Entra allows http only for loopback: localhost, and 127.0.0.1 through the manifest).";
const CERT: &str = "The browser does not trust the certificate of the address it was sent back to (a development certificate that is not trusted, a self-signed one, or one for another name). Entra accepted the redirect URI and sent the browser there; the sign-in stops at the app's certificate.";
const CERT_FIX: &str = "Trust the development certificate on this machine (dotnet dev-certs https --trust, mkcert -install), or give the host a certificate issued for its name; then sign in again.";
const HOST_404: &str = "The web server (IIS or App Service) found nothing at the redirect URI's path (HTTP Error 404): Entra sent the browser there, but no handler answers that path: the app's callback path differs from the registered URI's (CallbackPath in ASP.NET Core, the route of the callback), the app is deployed under another virtual directory or path base, or the OpenID Connect middleware is not configured.";
const HOST_404_FIX: &str = "Make the app answer the registered path: set its callback path (CallbackPath, the redirect route) to the redirect URI's path and its path base to the virtual directory it runs under; or register and send the path the app does answer.";
const GATEWAY: &str = "A gateway or load balancer in front of the app (Application Gateway, a reverse proxy) answered the redirect URI's request with an error (502/503): Entra sent the browser there; the app behind the gateway did not answer it (down, unhealthy in the gateway's probe, or failing on the callback; a response header too large for the gateway, often the sign-in cookies, gives 502 too).";
const GATEWAY_FIX: &str = "Check the backend's health in the gateway and the app's log at the time of the callback; if the app answers other pages, raise the gateway's header size limit or make the sign-in cookies smaller (fewer group claims, a session store).";
const FRAMED: &str = "The browser refused to show Entra's sign-in page inside a frame: Entra's interactive pages forbid framing (X-Frame-Options: deny). Only a silent request (prompt=none) can run in a hidden iframe; a sign-in that needs the user cannot.";
const FRAMED_FIX: &str = "Sign in with a top-level redirect or a popup; in an embedded host (a Teams tab, an Office add-in, another site's iframe) use its authentication dialog or a popup.";

const NONCE_COOKIE: &str = "ASP.NET's nonce cookie was missing when the response arrived (the same cookie causes as 'Correlation failed'; IDX10311 is the .NET Framework (OWIN) wording).";
const NONCE_COOKIE_FIX: &str = "Serve over https and keep the nonce cookie SameSite=None; Secure (on .NET Framework, OWIN 4.1 or later with its SameSite support, or the SystemWebCookieManager).";

const MULTI_TENANT_ISSUER: &str = "The library rejected the ID token's issuer (iss): it was set up with the issuer of /common or /organizations (https://login.microsoftonline.com/common/v2.0, the metadata's '{tenantid}' template), but a token always names the user's own tenant (https://login.microsoftonline.com/<tenant ID>/v2.0), so no token matches. Entra accepted the redirect URI and signed the user in: the failure is the app's check of the token.";
const MULTI_TENANT_ISSUER_FIX: &str = "Use the tenant's own authority (https://login.microsoftonline.com/<tenant ID>/v2.0) as the issuer for a single-tenant app; for a multi-tenant app, validate iss against the token's tid (the library's issuer validation option) instead of one fixed issuer.";

/// Library and framework messages and what they mean.
pub(crate) const LIBRARY: &[(&str, &str, &str)] = &[
    ("hash_empty_error", "MSAL.js found no response in the URL hash: the redirect page cleared or changed the hash before MSAL read it (often the router).", "Use a redirect page that is not handled by the router (a blank page), and await handleRedirectPromise() before anything else navigates."),
    ("no_state_in_hash", "MSAL.js found no state in the response hash: the hash was changed before MSAL read it.", "Let MSAL read the response first: await handleRedirectPromise() on the redirect page."),
    ("hash_does_not_contain_known_properties", "The hash MSAL.js found is not an Entra response: the redirect page changed the hash.", "Use a dedicated redirect page that the router leaves alone."),
    ("interaction_in_progress", "MSAL.js thinks another sign-in is still running: handleRedirectPromise() was not awaited, or a login call ran twice.", "Await handleRedirectPromise() once at start-up and do not call loginRedirect while it runs."),
    ("state_mismatch", "The library found a different state in the response than it stored: another tab or an old request answered, the app's origin changed (apex vs www), or storage was cleared.", "Start sign-in again from the same origin as the redirect URI, in one tab; keep the state store (session storage or cookie) across the redirect."),
    ("state_not_found", "The library has no stored state for this response: storage was cleared, another origin answered, or the redirect page sits behind the guard that started sign-in.", "Serve the redirect URI from the same origin, and keep it outside route guards."),
    ("nonce_mismatch", "The ID token's nonce is not the one the library stored (an old or replayed response).", "Start a fresh sign-in; keep one sign-in per tab."),
    ("authorization_code_missing_from_server_response", "The response that reached MSAL had no authorization code.", "Compare the landing URL with the request: check response_mode and that nothing between Entra and the app drops the query or fragment."),
    ("post_request_failed", "The token request failed; a CORS error here means the redirect URI is not registered as a single-page application.", "Register the redirect URI under 'Single-page application', not Web."),
    ("monitor_window_timeout", "The popup or iframe never came back with a response: the redirect page navigated away, or Entra's page could not be framed.", "Use a blank redirect page for popups and silent calls."),
    ("redirect_in_iframe", "A redirect sign-in ran inside an iframe.", "Use popup or silent calls in iframes, or call loginRedirect from the top window."),
    ("user_cancelled", "The user closed the sign-in window.", "Sign in again and finish the prompt."),
    ("user_canceled", "The user closed the sign-in window.", "Sign in again and finish the prompt."),
    ("authentication_canceled", "The user closed the sign-in window.", "Sign in again and finish the prompt."),
    ("correlation failed", "ASP.NET Core did not get its correlation cookie back on Entra's cross-site POST: SameSite rules, http instead of https (behind a proxy that ends TLS the app sees http, so the cookie is not marked Secure and SameSite=None is dropped), an expired cookie, or the flow finished in another tab. Entra accepted the redirect URI: its answer reached the app.", "Serve the app over https and, behind a proxy that ends TLS, apply the forwarded headers (UseForwardedHeaders with X-Forwarded-Proto) so the cookie is Secure; keep the correlation cookie SameSite=None, and finish sign-in within 15 minutes in one tab."),
    ("unable to unprotect the message.state", "The state came back to an instance or version of the app that cannot decrypt it (no shared Data Protection key ring behind a load balancer, or keys lost on restart). Entra accepted the redirect URI: its answer reached the app.", "Persist and share the Data Protection keys across instances (PersistKeysTo… with one application name), or keep each sign-in on one instance (session affinity)."),
    ("message.state is null or empty", "The callback was reached without Entra's answer: a refresh, a bookmark or a direct GET of /signin-oidc, or a redirect in front of the app (http to https, a trailing slash) that turned Entra's form_post POST into a GET without its body.", "Start sign-in from the app and do not bookmark or reload /signin-oidc; register and send the exact https address the app serves, so nothing redirects Entra's POST."),
    ("idx21323", NONCE_COOKIE, NONCE_COOKIE_FIX),
    ("idx10311", NONCE_COOKIE, NONCE_COOKIE_FIX),
    ("idx21326", "The ID token's nonce is not the one the app stored in its nonce cookie: an older response answered this sign-in (the back button, a second tab, a reloaded or bookmarked callback).", "Start sign-in again from the app and finish it in one tab; do not go back to or reload the callback page."),
    ("idx10501", SIGNATURE, SIGNATURE_FIX),
    ("idx10500", SIGNATURE, SIGNATURE_FIX),
    ("idx10503", SIGNATURE, SIGNATURE_FIX),
    ("idx10516", SIGNATURE, SIGNATURE_FIX),
    ("idx20803", "The app could not load Entra's OpenID configuration (its metadata and signing keys) from the authority it is set to: the server cannot reach Entra (an outbound proxy or firewall, DNS, TLS inspection), or the authority names a tenant, domain or B2C policy that does not exist. Not a redirect URI problem.", "From the server, open the metadata address the message names: fix the authority (tenant ID or verified domain, B2C policy name, cloud) or let the app reach Entra over HTTPS (its outbound proxy settings)."),
    ("idx10511", SIGNATURE, SIGNATURE_FIX),
    ("idx10222", LIFETIME, LIFETIME_FIX),
    ("idx10223", LIFETIME, LIFETIME_FIX),
    ("idx10205", "The token's issuer (iss) is not the one the app accepts: a token from another tenant (a sign-in through /common or /organizations to an app that validates one tenant), or a v1 issuer (sts.windows.net) where a v2 one is expected, or the reverse.", "Make the app's authority and the token's version agree (the tenant's v2.0 authority, and accessTokenAcceptedVersion 2 for an API), or, for a multi-tenant app, validate the issuer per tenant instead of one fixed value."),
    ("idx10214", "The token's audience (aud) is not one the app accepts: the token was requested for another resource or app, or the app expects its App ID URI (api://…) where the token carries its client ID, or the reverse.", "Set the app's valid audiences to the client ID and the Application ID URI it is called with, or request the token with this API's scope."),
    ("duplicate_query_parameter", "MSAL.NET found a parameter twice in the request.", "Send each parameter once (extra query parameters must not repeat MSAL's)."),
    ("loopback_response_uri_mismatch", "MSAL.NET's loopback listener got a response on another path than it listened on.", "Use the same redirect URI (path included) in the app and the registration."),
    ("no_token_request_cache_error", "MSAL.js found no cached request for the response it read: the answer came back to another origin than sign-in started on (localhost vs 127.0.0.1, apex vs www), to another tab or window, or session storage was cleared in between.", "Start and finish sign-in on the origin of the redirect URI, in one tab, and call handleRedirectPromise() once, on the page MSAL returns to."),
    ("block_nested_popups", "MSAL.js ran inside the popup it had opened: the popup's redirect page loaded the app, which started a sign-in again.", "Give popups a redirectUri that is a blank page which does not start the app (or at least no sign-in), e.g. /redirect.html."),
    ("uninitialized_public_client_application", "MSAL.js (version 3 and later) was called before initialize() had finished. Not a redirect URI problem.", "Call and await initialize() on the PublicClientApplication (or use createStandardPublicClientApplication) before any other MSAL call, handleRedirectPromise() included."),
    ("popup_window_error", "The browser blocked MSAL.js's popup: popups may open only straight from a user's click.", "Call loginPopup / acquireTokenPopup directly in a click handler (not after an await), allow popups for the site, or use loginRedirect."),
    ("authorization_request_not_found", "Spring Security found no saved authorization request for this callback. The session (JSESSIONID) that started sign-in did not come back: the callback reached another host or scheme than sign-in started on (localhost vs 127.0.0.1, http behind a proxy), another instance without a shared session, or the browser did not send the session cookie on Entra's return. Entra accepted the redirect URI: its answer reached the app.", "Start sign-in on the host of the redirect URI; behind a proxy set server.forward-headers-strategy=framework; share sessions across instances (Spring Session) or use sticky sessions."),
    ("[invalid_id_token]", "Spring Security rejected the ID token Entra issued: its issuer (a sign-in through /common or /organizations gives the user's own tenant as iss, while issuer-uri names one tenant or the v1 endpoint) or its signature (keys read from a jwk-set-uri of another tenant or endpoint) is not what the app is set to. Entra accepted the redirect URI: its answer reached the app.", "Set spring.security.oauth2.client.provider.<id>.issuer-uri to https://login.microsoftonline.com/<tenant-id>/v2.0 for the tenant that signs users in (and drop a hand-set jwk-set-uri); for a multi-tenant app, validate the issuer per tenant."),
    ("invalid_state_parameter", STATE_LOST, STATE_LOST_FIX),
    ("unable to find a valid csrf token", OAUTH2_PROXY_CSRF, OAUTH2_PROXY_CSRF_FIX),
    ("unable to obtain csrf cookie", OAUTH2_PROXY_CSRF, OAUTH2_PROXY_CSRF_FIX),
    ("invalid csrf state", OAUTH2_PROXY_CSRF, OAUTH2_PROXY_CSRF_FIX),
    ("[invalid_in_response_to]", "Spring Security's SAML support rejected the response: its InResponseTo names no request this session sent. Either the sign-in started at Entra (My Apps, an IdP-initiated sign-in, which answers no request), or the session that sent the request did not come back on Entra's cross-site POST (its cookie is not SameSite=None; Secure, another host or instance). Entra accepted the reply URL: its answer reached the app.", "Start sign-in from the app (or allow IdP-initiated responses in the relying party's settings), keep the session cookie SameSite=None; Secure, and share sessions across instances."),
    ("[invalid_destination]", "Spring Security's SAML support rejected the response: its Destination (the Reply URL Entra posted to) is not the address the app works out for its ACS endpoint. Behind a proxy the app sees http or an internal host and port. Entra accepted the reply URL: its answer reached the app.", "Set server.forward-headers-strategy=framework and have the proxy send X-Forwarded-Proto and -Host, so the app builds the public ACS URL; keep it equal to the Reply URL in Entra."),
    ("insecure_transport", "oauthlib refused the callback because the address the app sees is http: behind a proxy that ends TLS the app is not told the browser used https, or the app runs on plain http. Entra accepted the redirect URI: its answer reached the app.", "Behind a proxy, apply werkzeug's ProxyFix (x_proto=1, x_host=1) so the app sees https; only for local development on http://localhost, set OAUTHLIB_INSECURE_TRANSPORT=1."),
    ("social network login failure", "django-allauth could not finish the login; its page never says why, its log does: the state lost with the session (another host, http behind a proxy), the code redemption at /token (client secret), or an error Entra returned.", "Turn on logging for allauth (or DEBUG) and paste the exception here; check the social application's secret and that the Sites domain is the public address the browser uses."),
    ("no account or login hint was passed to the acquiretokensilent call", "MSAL found no account in its token cache to get a token silently: the cache lives in memory and the app restarted or runs on several instances, while the user's sign-in cookie survived. Not a redirect URI problem.", "Keep the token cache where every instance finds it after a restart (Microsoft.Identity.Web: AddDistributedTokenCaches), or sign the user in again when MsalUiRequiredException comes ([AuthorizeForScopes])."),
    ("invalid_redirect_uri_parameter", "Spring Security compared the address the callback arrived at with the redirect_uri it sent to Entra, and they differ: behind a proxy the app sees http or an internal host and port where the browser used the public https address. Entra accepted the redirect URI: the mismatch is inside the app.", "Set server.forward-headers-strategy=framework (or native) and have the proxy send X-Forwarded-Proto, -Host and -Port, so the app builds and checks the same public redirect URI."),
    ("pkcecodeverifier", AUTHJS_CHECK, AUTHJS_CHECK_FIX),
    ("state cookie was missing", AUTHJS_CHECK, AUTHJS_CHECK_FIX),
    ("pkce code_verifier cookie was missing", AUTHJS_CHECK, AUTHJS_CHECK_FIX),
    // Auth.js's error class, after the more telling words above.
    ("invalidcheck", AUTHJS_CHECK, AUTHJS_CHECK_FIX),
    ("checks.state argument is missing", STATE_LOST, STATE_LOST_FIX),
    // Laravel Socialite: the state kept in the Laravel session did not come back.
    ("invalidstateexception", STATE_LOST, STATE_LOST_FIX),
    // passport-azure-ad: the nonce kept in the session or cookie was not found.
    ("invalid nonce", "passport-azure-ad did not find the nonce it stored when sign-in started (in the session, or its cookie with useCookieInsteadOfSession): the session cookie did not come back with Entra's answer (another host or scheme than sign-in started on, http behind a proxy, SameSite on the form_post), the session store lost it (memory store with several instances or a restart), or an older answer arrived. Entra accepted the redirect URI: its answer reached the app.", "Start sign-in on the host of the redirect URI over https, set the session cookie SameSite=None; Secure for response_mode=form_post, and use a shared session store (or useCookieInsteadOfSession with cookieEncryptionKeys) behind several instances."),
    // Spring Security: the code redemption at /token was refused.
    ("[invalid_token_response]", "Spring Security's code redemption at Entra's /token failed (the text after it gives Entra's status: 401 is the client's credentials, 400 the code or redirect_uri). Entra accepted the redirect URI and issued the code; the token request is what failed: a wrong or expired client-secret, a secret's ID instead of its value, the wrong client-authentication-method, or a token-uri of another tenant.", "Check spring.security.oauth2.client.registration.<id>.client-secret (the secret's Value, not its ID, and not expired: Certificates & secrets), client-authentication-method (client_secret_basic or client_secret_post) and the provider's token-uri (the app's tenant); the app's log shows Entra's AADSTS code (7000215 invalid secret, 7000222 expired, 700016 wrong tenant)."),
    // Auth.js and go-oidc: the ID token's issuer is not the one the app was configured with.
    ("unexpected jwt \"iss\"", MULTI_TENANT_ISSUER, MULTI_TENANT_ISSUER_FIX),
    ("id token issued by a different provider", MULTI_TENANT_ISSUER, MULTI_TENANT_ISSUER_FIX),
    ("did not find expected authorization request details in session", STATE_LOST, STATE_LOST_FIX),
    ("state not found in session", STATE_LOST, STATE_LOST_FIX),
    // MSAL Python: the auth_code_flow dict kept in the session between the two legs was lost.
    ("state missing from auth_code_flow", STATE_LOST, STATE_LOST_FIX),
    ("mismatching_state", STATE_LOST, STATE_LOST_FIX),
    // python-social-auth (Django, Flask): the state kept in the session did not come back.
    ("authstatemissing", STATE_LOST, STATE_LOST_FIX),
    // ASP.NET Core's OAuth handler (AddMicrosoftAccount, AddOAuth): its state or correlation
    // cookie did not come back or could not be read.
    ("the oauth state was missing or invalid", STATE_LOST, STATE_LOST_FIX),
    ("error while loading csrf cookie", OAUTH2_PROXY_CSRF, OAUTH2_PROXY_CSRF_FIX),
    ("redirect_uri_empty", "MSAL Node had no redirect URI to send: redirectUri is not set in the auth code request (or its configuration), so it stopped before sending anything to Entra.", "Set redirectUri in getAuthCodeUrl's and acquireTokenByCode's request to the URI registered for the app (the same value for both)."),
    ("invalid state received", STATE_LOST, STATE_LOST_FIX),
    ("state mismatch", STATE_LOST, STATE_LOST_FIX),
    ("unexpected error when authenticating with identity provider", "Keycloak's identity provider broker failed on Entra's answer; its page never says why, its server log does (IdentityBrokerException and the text after it): most often redeeming the code at /token failed (a client secret expired, or its ID pasted instead of its value: AADSTS7000215, AADSTS7000222), or the broker's state was lost (Keycloak's hostname is not the address the browser uses).", "Paste the Keycloak server log lines of the failure (IdentityBrokerException and the AADSTS error after it); check the identity provider's client secret and that Keycloak's hostname setting is the public address."),
    ("invalid parameter: redirect_uri", "Keycloak itself refused the redirect_uri of the app that signs in through it: the URI is not among that Keycloak client's Valid redirect URIs. The request never reached Entra, so Entra's app registration is not involved.", "In Keycloak's admin console add the app's redirect URI to the client's Valid redirect URIs (Clients > the client > Settings). Entra's registration needs only Keycloak's broker endpoint, https://<keycloak>/realms/<realm>/broker/<alias>/endpoint."),
    ("oauth login failed", "Grafana could not finish the OAuth login after Entra's answer; its page never says why, its server log does (logger=oauth…): the code redemption at /token (client secret, a token_url of another tenant), an allowed_groups, allowed_domains or role rule that refused the user, or a state cookie lost because root_url is not the address the browser uses.", "Paste Grafana's log lines of the failure; check [auth.azuread] client_secret, token_url and allowed_groups, and that [server] root_url is the public address."),
    ("missing saved oauth state", "Grafana did not find the state cookie it set when sign-in started: the browser came back to another host or scheme than root_url names (http behind a proxy, an internal name), or the cookie was refused (cookie_secure or cookie_samesite). Entra accepted the redirect URI: its answer reached Grafana.", "Set root_url under [server] (GF_SERVER_ROOT_URL) to the public https address, start sign-in on that address, and set cookie_secure = true when served over https."),
    ("csrf detected", "OmniAuth (GitLab, Rails) did not find the state it kept in the session: the session cookie did not come back with Entra's answer (another host or scheme than sign-in started on, http behind a proxy, a session lost between instances). Entra accepted the redirect URI: its answer reached the app.", "Start sign-in on the public address the redirect URI names; in GitLab set external_url to it (https), and behind an outer proxy pass X-Forwarded-Proto; share sessions between instances."),
    ("invalid redirect url: the protocol and host", "Argo CD refused the address to return to after sign-in: its protocol, host and port must match the url in argocd-cm (often a port-forward such as localhost:8080 against the public URL). This is Argo CD's own check, not Entra's.", "Open Argo CD at the address set as url in argocd-cm, or set url to the address users open; the redirect URI registered in Entra is that url with /auth/callback."),
    ("* invalid redirect_uri", "Vault refused the redirect_uri before it contacted Entra: it is not among the OIDC role's allowed_redirect_uris (the CLI listens on http://localhost:8250/oidc/callback, the UI uses …/ui/vault/auth/oidc/oidc/callback). This is Vault's own check, not Entra's.", "Add the URI to the role: vault write auth/oidc/role/<role> allowed_redirect_uris=<uri> (keep the others), and register the same URI in Entra."),
    ("intent filter for: browsertabactivity is missing", "MSAL Android found no BrowserTabActivity intent filter in AndroidManifest.xml that fits the configured redirect URI, so it stopped before sending anything to Entra: the <data> element's scheme msauth, host (the package name) and path (a '/' and the signature hash, not URL-encoded) must match it.", "Add or fix BrowserTabActivity's intent filter: android:scheme=\"msauth\", android:host=\"<package name>\", android:path=\"/<signature hash, decoded>\" (the portal's Android platform shows it), for the key this build is signed with."),
    ("is not registered in the app's info.plist", "MSAL for iOS / macOS found its redirect scheme (msauth.<bundle ID>) missing from the app's Info.plist, so it stopped before sending anything to Entra.", "Add msauth.<bundle ID> (as MSAL's message names it) to CFBundleURLTypes › CFBundleURLSchemes in Info.plist (and msauthv2, msauthv3 to LSApplicationQueriesSchemes for the broker)."),
    ("redirect uri is not setup properly", "MSAL for iOS allows brokered sign-in (Microsoft Authenticator), but the configured redirect URI is not the form the broker needs: msauth.<bundle ID>://auth.", "Set the redirect URI to msauth.<bundle ID>://auth in the app and register it under iOS / macOS (the portal builds it from the bundle ID)."),
    ("only loopback redirect uri is supported", "MSAL.NET's system-browser sign-in needs a loopback redirect URI (http://localhost) to listen on, and the app is configured with another (often urn:ietf:wg:oauth:2.0:oob or the nativeclient URI): it stopped before sending anything to Entra.", "Configure .WithRedirectUri(\"http://localhost\") and register http://localhost under Mobile and desktop applications (Entra ignores its port)."),
    ("untrusted_authority", "MSAL.js refused the authority because it is not in knownAuthorities: an Azure AD B2C (b2clogin.com or custom domain) or External ID authority must be listed there. The request never left the browser.", "Add the authority's host (contoso.b2clogin.com, or the custom domain) to auth.knownAuthorities in the MSAL configuration."),
    ("err_too_many_redirects", LOOP, LOOP_FIX),
    ("redirected you too many times", LOOP, LOOP_FIX),
    ("err_connection_refused", "The browser found nothing answering at the address it was sent back to: Entra sent it there (the redirect URI is accepted), but no app was listening on that host and port (it was not running, listens on another port, or only on 127.0.0.1 or ::1 while the URI says localhost).", "Run the app on the host and port of the redirect URI (or register the address it really listens on); a desktop app's loopback listener must still be running when the browser returns."),
    // Chrome's page in words, copied without its error code line.
    ("refused to connect.", "The browser found nothing answering at the address it was sent back to: Entra sent it there (the redirect URI is accepted), but no app was listening on that host and port (it was not running, listens on another port, or only on 127.0.0.1 or ::1 while the URI says localhost).", "Run the app on the host and port of the redirect URI (or register the address it really listens on); a desktop app's loopback listener must still be running when the browser returns."),
    ("err_name_not_resolved", "The browser found no DNS entry for the host of the address it was sent to: a typo in the host, an internal name this machine cannot resolve (off the company network or VPN), or a site that was deleted. If the redirect URI was accepted, Entra sent the browser to that host.", "Register and send a redirect URI whose host resolves from the user's machine (check the spelling of the host the browser shows), or connect to the network that knows it."),
    ("err_ssl_protocol_error", TLS_TO_HTTP, TLS_TO_HTTP_FIX),
    ("ssl_error_rx_record_too_long", TLS_TO_HTTP, TLS_TO_HTTP_FIX),
    ("err_cert_authority_invalid", CERT, CERT_FIX),
    ("err_cert_common_name_invalid", CERT, CERT_FIX),
    ("err_cert_date_invalid", CERT, CERT_FIX),
    ("sec_error_unknown_issuer", CERT, CERT_FIX),
    ("you do not have permission to view this directory or page", "The web server (App Service or IIS in front of the app) refused the request after sign-in (401 or 403): Entra's answer reached it, but App Service authentication's authorization rules (allowed client applications, identities or groups, the token's audience) or the app's own rules turned the user away.", "Check the App Service Authentication settings (allowed token audiences, allowed client applications and identities) and the app's authorization rules; App Service's authentication logs say which rule refused."),
    // The web host or a gateway in front of the app answered in its place at the redirect URI:
    // Entra sent the browser there; the failure is on the app's side of it.
    ("http error 404.0 - not found", HOST_404, HOST_404_FIX),
    ("404 web site not found", "Azure App Service has no app on the host the browser was sent back to: Entra sent it there, but that host name is not bound to a running app (a deleted or stopped app, a custom domain not added to it, a slot's host).", "Send and register the host the app is really served on (its azurewebsites.net host or a custom domain added to it), or add the domain to the app (Custom domains)."),
    ("http error 500.30", "The ASP.NET Core app failed to start (HTTP Error 500.30), so nothing could handle Entra's answer at the redirect URI: Entra sent the browser there; the app crashed at startup (a missing setting or secret, an exception in Program.cs, a wrong runtime).", "Read the app's startup error (App Service › Diagnose and solve problems, or the stdout log / Log stream) and fix it; then sign in again."),
    ("502 bad gateway", GATEWAY, GATEWAY_FIX),
    ("microsoft-azure-application-gateway", GATEWAY, GATEWAY_FIX),
    ("503 service unavailable", GATEWAY, GATEWAY_FIX),
    ("our services aren't available right now", "Azure Front Door could not reach the app behind it for the redirect URI's request: Entra sent the browser there; the origin is down, refused Front Door, or took too long.", "Check the origin's health in Front Door (origin group health probes, the origin host header) and that the app answers its callback path; then sign in again."),
    ("refused to display", FRAMED, FRAMED_FIX),
    ("in a frame is denied", FRAMED, FRAMED_FIX),
    ("refused to frame", FRAMED, FRAMED_FIX),
];

/// When pasted text (an app's log) shows a request to the redirect URI's path at another
/// scheme, host or port than the redirect URI (`Request starting HTTP/1.1 POST
/// http://10.0.1.4:8080/signin-oidc` for https://app.contoso.com/signin-oidc): a sentence that
/// says so. That is the address the app is reached at behind a proxy, and the one it builds its
/// cookies and addresses from unless the forwarded headers are applied.
fn seen_at_another_address(text: &str, sent: &str) -> Option<String> {
    let s = Uri::new(sent);
    if s.path().len() < 2 {
        return None;
    }
    let seen = text.split_whitespace().find_map(|w| {
        let w = w.trim_matches(|c: char| "'\"<>()[],;".contains(c));
        let u = Uri::new(w);
        let web = matches!(u.scheme_lower().as_str(), "http" | "https");
        (web && u.path() == s.path()
            && (u.scheme_lower() != s.scheme_lower()
                || !u
                    .host()
                    .unwrap_or_default()
                    .eq_ignore_ascii_case(s.host().unwrap_or_default())
                || u.port() != s.port()))
        .then_some(w)
    })?;
    let u = Uri::new(seen);
    let mut what = Vec::new();
    if u.scheme_lower() != s.scheme_lower() {
        what.push(format!(
            "{} instead of {}",
            u.scheme_lower(),
            s.scheme_lower()
        ));
    }
    if !u
        .host()
        .unwrap_or_default()
        .eq_ignore_ascii_case(s.host().unwrap_or_default())
        || u.port() != s.port()
    {
        let at = |x: &Uri| match x.port() {
            Some(p) => format!("{}:{p}", x.host().unwrap_or_default()),
            None => x.host().unwrap_or_default().to_string(),
        };
        what.push(format!("{} instead of {}", at(&u), at(&s)));
    }
    let loopback = |x: &Uri| x.is_localhost() || x.is_loopback_v4() || x.is_loopback_v6();
    if loopback(&u) && loopback(&s) {
        return Some(format!("The pasted log shows the callback reaching the app as {} ({}), while the redirect URI is {sent}: both name this machine, but to the browser they are two sites, so the cookie the app set on the one where sign-in started is not sent to the other. Open the app at the redirect URI's host and port.", u.without_query_fragment(), what.join(", ")));
    }
    Some(format!("The pasted log shows the callback reaching the app as {} ({}), while the browser was sent to {sent}: that is the address behind the proxy or load balancer in front of the app. Unless the app applies the forwarded headers (X-Forwarded-Proto, X-Forwarded-Host) before sign-in runs, it takes that address for its own, so the cookie it set when sign-in started (its Secure flag, SameSite=None, its host) does not fit the browser's return to the public address.", u.without_query_fragment(), what.join(", ")))
}

/// The host a browser's network error names, when it is an Entra sign-in host: on the error's
/// own line (a console's `GET https://login.microsoftonline.com/… net::ERR_…`) or in the error
/// page's sentence ('login.microsoftonline.com refused to connect'). None when a host that is
/// not Entra's is named there: the error is about that one.
fn entra_host_in(text: &str, at: usize) -> Option<String> {
    let host_of = |w: &str| -> Option<String> {
        let w = w.trim_matches(|c: char| "'\"<>()[],;.:\u{2019}".contains(c));
        let w = w.split_once("://").map_or(w, |(_, r)| r);
        let h = w.split(['/', ':', '?', '#']).next().unwrap_or_default();
        (h.contains('.') || h.eq_ignore_ascii_case("localhost")).then(|| h.to_ascii_lowercase())
    };
    let line_start = text
        .get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_end = text
        .get(at..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| at + i);
    let mut named: Vec<String> = text
        .get(line_start..line_end)
        .unwrap_or_default()
        .split_whitespace()
        .filter(|w| w.contains("://"))
        .filter_map(host_of)
        .collect();
    let l = text.to_ascii_lowercase();
    for phrase in [
        " refused to connect",
        " sent an invalid response",
        " took too long to respond",
        "\u{2019}s server ip address could not be found",
        "'s server ip address could not be found",
        " unexpectedly closed the connection",
    ] {
        for (i, _) in l.match_indices(phrase) {
            let before = text.get(..i).unwrap_or_default();
            if let Some(h) = before.split_whitespace().last().and_then(host_of) {
                named.push(h);
            }
        }
    }
    if let Some(i) = l.find("typo in ") {
        if let Some(h) = text
            .get(i + 8..)
            .and_then(|t| t.split_whitespace().next())
            .and_then(host_of)
        {
            named.push(h);
        }
    }
    let first = named.first()?.clone();
    named
        .iter()
        .all(|h| super::authorize::is_entra_host(h))
        .then_some(first)
}

/// The OAuth `error` values Entra answers with (RFC 6749 §4.1.2.1, §5.2; OpenID Connect;
/// Azure AD B2C's redirect_uri_mismatch; the device code flow's RFC 8628 answers).
const OAUTH_ERRORS: [&str; 19] = [
    "invalid_request",
    "unauthorized_client",
    "access_denied",
    "unsupported_response_type",
    "invalid_scope",
    "server_error",
    "temporarily_unavailable",
    "invalid_client",
    "invalid_grant",
    "unsupported_grant_type",
    "invalid_resource",
    "interaction_required",
    "login_required",
    "consent_required",
    "redirect_uri_mismatch",
    "account_selection_required",
    // The device code flow's answers to a poll of /token (RFC 8628 §3.5).
    "authorization_pending",
    "slow_down",
    "expired_token",
];

/// The OAuth `error` in pasted text (a library's exception, a log line, a printed
/// dictionary): the first of [`OAUTH_ERRORS`] standing as a word of its own.
fn oauth_error_in(text: &str) -> Option<&'static str> {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = text.as_bytes();
    OAUTH_ERRORS
        .iter()
        .filter_map(|e| {
            text.match_indices(e)
                .find(|(at, _)| {
                    let before = at.checked_sub(1).and_then(|i| bytes.get(i));
                    !before.is_some_and(|b| word(*b))
                        && !bytes.get(at + e.len()).is_some_and(|b| word(*b))
                })
                .map(|(at, _)| (at, *e))
        })
        .min()
        .map(|(_, e)| e)
}

/// Entra's error description in pasted text: from its first `AADSTS`/`AADB2C` code to the
/// end of that message, without the trace lines after it and whatever wraps it (quotes, a
/// JSON string's escaped line break, the exception around it).
fn description_in(text: &str) -> Option<&str> {
    let upper = text.to_ascii_uppercase();
    let start = ["AADSTS", "AADB2C"]
        .iter()
        .filter_map(|p| upper.find(p))
        .min()?;
    let rest = text.get(start..)?;
    // The one-line message as the catalogue reads it, and not the exception's next argument.
    let end = aadsts::segment_end(rest.as_bytes(), 0)
        .min(rest.find("', error_uri").unwrap_or(rest.len()));
    // A message inside a log's quoted value ends at its escaped quote (`\"`): not its backslash.
    let d = rest
        .get(..end)?
        .trim_end_matches([' ', '\'', ')', ',', '\\']);
    (!d.is_empty()).then_some(d)
}

/// Azure AD B2C's own codes (`AADB2C90118`) that an app must handle, with what they mean and
/// the fix; any other B2C code gets the way to look it up.
const B2C: &[(u32, &str, &str)] = &[
    (90118, "the user clicked 'Forgot your password?'. A B2C sign-in user flow returns this error to the app, which must start the password-reset user flow itself (or use a sign-in flow with self-service password reset built in).", "Handle error_description AADB2C90118 in the app by redirecting to the password-reset user flow (B2C_1_…reset…), or enable self-service password reset in the sign-up/sign-in flow."),
    (90091, "the user cancelled the B2C user flow (Cancel on its page).", "Nothing is broken: handle AADB2C90091 in the app by showing the start page again (or starting sign-in again)."),
    (90006, "the redirect URI in the request is not registered for the client ID in this B2C tenant (B2C compares the whole URI, and the localhost port when the registered localhost URI has one).", "Register the exact redirect_uri the request sends on the app registration in the B2C tenant, or make the app send a registered one."),
    (90007, "the application has no redirect URI registered in this B2C tenant.", "Register the redirect URI the app sends on the app registration in the B2C tenant (Azure AD B2C › App registrations › the app › Authentication), under the app's platform."),
    (90057, "the app registration does not allow tokens from the authorize endpoint (the implicit flow), which this request's response_type asks for.", "Ask for a code (response_type=code) and redeem it, or tick ID tokens (and Access tokens, if the app asks for one) under Authentication › Implicit grant and hybrid flows of the app registration in the B2C tenant."),
    (99059, "the request has no code_challenge, and Azure AD B2C requires PKCE for a redirect URI registered as a single-page application.", "Send code_challenge and code_challenge_method=S256 (MSAL.js 2 and later do), or, for a server app that keeps a secret, register the redirect URI under Web instead."),
    (90079, "the token request of a confidential client has no client_secret.", "Send the client secret (or certificate) with the token request, or, for a browser or native app, register its redirect URI under Single-page application or Mobile and desktop applications."),
    (90018, "the client ID in the request is not an application of this B2C tenant: the app is registered in another tenant (often the organisation's own workforce tenant) or the client_id is another app's, so the redirect URIs B2C would compare are not the pasted ones.", "Register the app in the B2C tenant (switch to it under Directories + subscriptions, then Azure AD B2C › App registrations) and send its Application (client) ID, or send the client_id of the app registered there; the authority must name that B2C tenant."),
    (90011, "the client ID in the request does not match the client ID the custom policy expects.", "Send the client ID the policy names, or fix the application IDs in the custom policy (TrustFrameworkExtensions) and upload it again."),
    (90068, "the application is not valid for this B2C tenant: it was not registered through the B2C tenant's App registrations.", "Register the app in the B2C tenant (Azure AD B2C › App registrations) and send its Application (client) ID."),
    (90117, "the scope in the request is not one Azure AD B2C supports.", "Send openid, offline_access and the app's own API scopes (https://{tenant}.onmicrosoft.com/{api}/{scope}); Microsoft Graph scopes cannot be asked for through a B2C user flow."),
];

/// The first `AADB2Cnnnnn` code in a text: the code, its meaning and its fix.
pub(crate) fn b2c_error(text: &str) -> Option<(u32, &'static str, &'static str)> {
    let p = text.find("AADB2C")?;
    let digits: String = text
        .get(p + 6..)?
        .chars()
        .take_while(char::is_ascii_digit)
        .take(6)
        .collect();
    let code: u32 = digits.parse().ok()?;
    Some(match B2C.iter().find(|b| b.0 == code) {
        Some((c, why, fix)) => (*c, *why, *fix),
        None => (code, "an Azure AD B2C error of the user flow or custom policy (not an Entra ID AADSTS code).", "Look the AADB2C code up in Azure AD B2C's error code list, and follow the request by its correlation ID in the user flow's or custom policy's logs (Application Insights)."),
    })
}

/// Entra's message in an error_description, without the Trace ID, Correlation ID and
/// Timestamp it appends (on lines of their own or run together): they identify the sign-in,
/// not the cause.
fn message_of(desc: &str) -> &str {
    let lower = desc.to_ascii_lowercase();
    let cut = ["trace id:", "correlation id:", "timestamp:"]
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
        .unwrap_or(desc.len());
    let d = desc.get(..cut).unwrap_or(desc).trim_end();
    if d.is_empty() {
        desc
    } else {
        d
    }
}

/// The landing URL is the app's own error page, reached after it failed on Entra's answer.
fn app_error_page(url: &str, error: &str) -> Finding {
    let u = Uri::new(url);
    let path = u.path().to_ascii_lowercase();
    // Auth.js's error page (v5), its sign-in page (v4) or a custom page under /auth/.
    let authjs = path.contains("/auth/");
    let meaning = match error {
        "OAuthCallback" | "OAuthCallbackError" | "CallbackRouteError" =>  " Auth.js failed while handling the answer at its callback: a check cookie (state, PKCE code verifier, nonce) did not come back (AUTH_URL is not the address the browser uses, http behind a proxy), or redeeming the code at /token failed (client secret, the issuer's tenant), or Entra answered with an error.",
        "Configuration" if authjs => " Auth.js reports its own server configuration: AUTH_SECRET missing, the provider's issuer (tenant), client ID or secret wrong or missing, or the host not trusted behind a proxy (AUTH_TRUST_HOST).",
        "AccessDenied" if authjs => " Auth.js's signIn callback (the app's own code) refused the user Entra had signed in.",
        "OAuthSignin" => " Auth.js failed to build the authorize request, before the browser reached Entra.",
        "" if path.ends_with("/login") => " This is Spring Security's login page after a failed OAuth 2.0 login (its default failure URL, /login?error); the log names the exception (OAuth2AuthenticationException: [authorization_request_not_found], [invalid_token_response] …).",
        _ => "",
    };
    finding("response.library_error")
        .title(format!(
            "The app's own error page: {}?error{}{error}",
            u.path(),
            if error.is_empty() { "" } else { "=" }
        ))
        .detail(format!("You landed on {} with error={error} and no error_description: that is not Entra's answer, which carries an OAuth error code (access_denied, invalid_request, …), an error_description with the AADSTS code, and the request's state. Entra's answer (a code or an error) reached the app at the redirect URI; the app failed on it and sent the browser to its error page.{meaning}", u.without_query_fragment()))
        .fix("Read the app's server log at the time of the failure and paste the error it names here (an exception, or Entra's AADSTS code); the address bar cannot say more.")
}

/// Findings for the callback box.
pub fn checks(
    cb: &Callback,
    req: Option<&AuthorizeRequest>,
    sent: Option<&str>,
    client: &ClientGuess,
    platform: Option<Platform>,
    out: &mut Vec<Finding>,
) {
    let before = out.len();
    checks_inner(cb, req, sent, client, platform, out);
    relayed_by_broker(cb, sent, before, out);
    // Text that says nothing this page reads is said to be unread, not passed over silently.
    let free = cb.url.is_none() && cb.body.is_empty() && cb.within.is_none();
    // MSAL Android's own check of its redirect URI is read with the request (its finding says it).
    let android_check = || {
        super::authorize::read_error_text(&cb.text)
            .android_check
            .is_some()
    };
    if free
        && out.len() == before
        && cb.codes.is_empty()
        && !cb.text.trim().is_empty()
        && !android_check()
    {
        let shown: String = har::one_line(&cb.text).chars().take(120).collect();
        out.push(
            finding("input.callback_unreadable")
                .detail(format!("It holds no landing URL, form body or AADSTS code, and no message of a sign-in library or browser this page knows, so it adds nothing to the diagnosis: \"{shown}\"."))
                .fix("Paste the address the browser showed after sign-in (with its ?code= or ?error=), the app's exception with its message, or a HAR of the sign-in in Evidence."),
        );
    }
}

/// A landing on the app after an identity broker (Supabase Auth, Cognito, Auth0 …) took
/// Entra's answer at the redirect URI: what the app got is the broker's result, with the
/// broker's own state (or none), so no state or landing difference is Entra's, and an error
/// without an AADSTS code is the broker's.
fn relayed_by_broker(cb: &Callback, sent: Option<&str>, before: usize, out: &mut Vec<Finding>) {
    let (Some(sent), Some(url)) = (sent, cb.url.as_deref()) else {
        return;
    };
    let Some(name) = super::client::broker(sent) else {
        return;
    };
    let (s, l) = (Uri::new(sent), Uri::new(url));
    if s.without_query_fragment() == l.without_query_fragment() {
        return;
    }
    let mine = out.split_off(before.min(out.len()));
    let mut relayed = false;
    for f in mine {
        match f.code.as_str() {
            "response.state_mismatch" => {}
            "response.landing_differs" => relayed = true,
            "response.error" if f.aadsts.is_none() => {
                let said = cb
                    .get("error_description")
                    .map(|(d, _)| d.to_string())
                    .unwrap_or_default();
                let lower = said.to_ascii_lowercase();
                let (why, fix) = if lower.contains("email") && name == "Supabase Auth" {
                    (" Supabase asks Entra's ID token for the user's e-mail address and got none: the email claim is optional in Entra.", "Add the email optional claim to the ID token (Token configuration › Add optional claim › ID › email) and send the email scope; users need a mail address (or set xms_edov for unverified domains).")
                } else if lower.contains("issuer") {
                    (" The broker's configured issuer URL is not the iss of Entra's ID token: a v1 issuer (https://sts.windows.net/{tenant}/) against v2 tokens (https://login.microsoftonline.com/{tenant}/v2.0), or a tenant-specific issuer for a multi-tenant sign-in.", "Set the broker's issuer URL to the iss of Entra's ID tokens from the endpoint it signs in with: https://login.microsoftonline.com/{tenant}/v2.0 for /oauth2/v2.0/authorize, https://sts.windows.net/{tenant}/ for the v1 endpoint (its metadata URL, …/.well-known/openid-configuration, names it); a sign-in through /common or /organizations issues each user's own tenant.")
                } else {
                    ("", "Read the broker's logs for this sign-in: Entra answered the broker at the redirect URI, and the error came from the broker afterwards.")
                };
                out.push(f.title(format!("{name} returned error={} to the app: its own error, not Entra's", cb.get("error").map(|(e, _)| e).unwrap_or("?"))).detail(format!("{sent} is {name}'s callback: {name} took Entra's answer there, and then sent the browser to the app at {} with its own result. The error carries no AADSTS code, so it is {name}'s: \"{said}\".{why}", l.without_query_fragment())).fix(fix));
            }
            _ => out.push(f),
        }
    }
    if relayed {
        out.push(finding("response.landing_differs").severity(Severity::Info).title(format!("{name} sent the browser on to the app")).detail(format!("{sent} is {name}'s callback, so Entra's answer went to {name}, which then sent the browser to {} with its own result and state. That is how a broker works: no proxy redirected anything.", l.without_query_fragment())).fix("Nothing to change for the redirect URI."));
    }
}

/// The identity provider other than Entra whose page or answer the landing box holds: by the
/// landing URL's host, or by the words of its error page.
fn other_provider_landing(cb: &Callback) -> Option<&'static str> {
    if let Some(url) = cb.url.as_deref() {
        let u = super::uri::Uri::new(url);
        return super::request::other_provider(u.host().unwrap_or(""), u.path());
    }
    // Keycloak's page is read with the library messages, which say more.
    super::request::other_provider_text(&cb.text)
        .filter(|name| cb.codes.is_empty() && *name != "Keycloak")
}

/// A social provider's page refusing the redirect URI a B2C, External ID or Entra tenant sent
/// it (Google's "Error 400: redirect_uri_mismatch … redirect_uri=https://….b2clogin.com/…/
/// oauth2/authresp"): the failure is at that provider, for the tenant's own address.
fn federation_refused(
    cb: &Callback,
    req: Option<&AuthorizeRequest>,
    sent: Option<&str>,
    name: &str,
) -> Option<Finding> {
    let lower = cb.text.to_ascii_lowercase();
    if !super::request::refuses_redirect(&lower) {
        return None;
    }
    let at = lower.find("redirect_uri=")? + "redirect_uri=".len();
    let raw = cb.text.get(at..)?.split_whitespace().next()?;
    let raw = raw.split('&').next().unwrap_or(raw);
    let ru = percent_encoding::percent_decode_str(raw)
        .decode_utf8_lossy()
        .into_owned();
    let u = super::uri::Uri::new(&ru);
    let host = u.host()?.to_ascii_lowercase();
    let path = u.path().to_ascii_lowercase();
    let authority = req.and_then(|r| {
        super::uri::Uri::new(&r.url)
            .host()
            .map(str::to_ascii_lowercase)
    });
    let tenants =
        super::authorize::is_entra_host(&host) || authority.as_deref() == Some(host.as_str());
    if !tenants || !(path.contains("/oauth2/authresp") || path.contains("/federation/")) {
        return None;
    }
    let tenant = req.map_or("the B2C tenant", |r| {
        super::request::federating_tenant(&r.url)
    });
    let (title, fix) = super::request::provider_refusal(name, tenant, &ru, "");
    let app = sent.map_or(String::new(), |s| format!(" ({s})"));
    Some(finding("response.error").title(title).detail(format!("The pasted page is {name}'s: {tenant} sent the user on to {name} to sign in with it, with redirect_uri={ru}, the address where {name} returns the user to {tenant}, not the app's redirect URI{app}. {name} checks it against the OAuth client {tenant} uses, and refused it. The app registration's redirect URIs are not involved, and no code was issued.")).fix(fix))
}

fn checks_inner(
    cb: &Callback,
    req: Option<&AuthorizeRequest>,
    sent: Option<&str>,
    client: &ClientGuess,
    platform: Option<Platform>,
    out: &mut Vec<Finding>,
) {
    // Another identity provider's page or answer (a Google, Okta or Auth0 sign-in of the same
    // app): its error is about that provider's client settings, not Entra's.
    if let Some(name) = other_provider_landing(cb) {
        if let Some(f) = federation_refused(cb, req, sent, name) {
            out.push(f);
            return;
        }
        let to = sent.map_or(String::new(), |s| format!(" goes to {s}; it"));
        out.push(finding("response.landing_differs").severity(Severity::Warning).title(format!("The landing box holds {name}'s answer, not Entra's")).detail(format!("What was pasted as the landing comes from {name}'s sign-in server, so its error is {name}'s, about the client registered at {name}. Entra's answer to the pasted authorize request{to} never passes through {name}.")).fix(format!("If the app signs in with {name} here, fix it in {name}'s client settings (its allowed redirect or callback URLs, user assignment). To check the Entra sign-in, paste the address the browser showed after signing in with Entra.")));
        return;
    }
    // A SAML response that came back (its form body, or the Form Data view): its status says
    // whether Entra sent an assertion or an error.
    if let Some(st) = cb
        .get("SAMLResponse")
        .and_then(|(v, _)| super::saml::response_status(v))
    {
        if !st.success {
            let message = st.message.clone().unwrap_or_default();
            let code = aadsts::codes_in(&message).first().copied();
            let mut f = finding("response.error")
                .title(format!(
                    "{}: {}",
                    super::saml::ERROR_RESPONSE_TITLE,
                    code.map_or(st.codes.clone(), |c| format!("AADSTS{c}"))
                ))
                .detail(format!("The SAML response that came back holds status {} instead of an assertion{}: Entra accepted the reply URL (it posted there) but did not sign the user in to the app.", st.codes, if message.is_empty() { String::new() } else { format!(", with the message '{}'", message.trim()) }));
            f = f.fix(saml_status_fix(&st, code));
            if let Some(c) = code {
                f = f.aadsts(c).reference(aadsts::error_lookup_url(c));
            }
            out.push(f);
        }
        return;
    }
    // Pasted text (not a URL or a form body) says its error in a library's words.
    let free = cb.url.is_none() && cb.body.is_empty();
    // Entra's redirect-URI codes that the request carries as error text are judged with the
    // registration: Entra shows them on its own page and never returns them to the app.
    // This very text read as the request (none was pasted): all its codes are said with it.
    let judged: Vec<u32> = req
        .and_then(|r| r.error_text.as_ref())
        .map_or_else(Vec::new, |e| {
            let same = free && e.text == super::authorize::read_error_text(&cb.text).text;
            e.codes
                .iter()
                .copied()
                .filter(|c| same || matches!(c, 50011 | 500113 | 500112))
                .collect()
        });
    let only_judged = free && !cb.codes.is_empty() && cb.codes.iter().all(|c| judged.contains(c));
    let error = cb
        .get("error")
        .map(|(e, _)| e.to_string())
        // An app's own error code in its landing URL (Auth.js' ?error=OAuthCallback) is not
        // Entra's: the OAuth error of the log pasted with it is.
        .filter(|e| {
            OAUTH_ERRORS.contains(&e.as_str()) || !free || oauth_error_in(&cb.text).is_none()
        })
        .or_else(|| {
            free.then(|| oauth_error_in(&cb.text))
                .flatten()
                .map(str::to_string)
        })
        .filter(|_| !only_judged);
    let desc = cb
        .get("error_description")
        .map(|(d, _)| message_of(d).to_string())
        .or_else(|| {
            free.then(|| description_in(&cb.text))
                .flatten()
                .map(str::to_string)
        })
        // Quotes escaped in a page's source (`\u0027`, `&#39;`) read as the page shows them.
        .map(|d| super::authorize::unescape_quotes(&d).unwrap_or(d));
    // A landing URL still on Entra (the request itself, its sign-in or error pages): the
    // browser was never sent back, and its `code=` is no authorization code.
    // Entra's own redirect URI for desktop apps (…/oauth2/nativeclient) is an answer, though.
    let on_entra = cb.url.as_deref().is_some_and(|u| {
        let base = Uri::new(u).without_query_fragment();
        har::is_entra_url(u)
            && !super::uri::is_device_code(u)
            && !base.ends_with("/oauth2/nativeclient")
            && sent.is_none_or(|s| Uri::new(s).without_query_fragment() != base)
    });
    // App Service authentication's page after it finished the sign-in at its callback.
    let done = cb
        .url
        .as_deref()
        .is_some_and(|u| Uri::new(u).path().ends_with("/.auth/login/done"));
    let code = cb.get("code").filter(|_| !on_entra);
    // The app's own error page (Auth.js /api/auth/error?error=OAuthCallback, Spring's
    // /login?error): its error is no OAuth code, and Entra's answers carry an error_description.
    if let Some((url, e)) = cb
        .url
        .as_deref()
        .or(cb.within.as_deref())
        .filter(|_| code.is_none() && cb.codes.is_empty())
        .filter(|_| cb.get("error_description").is_none())
        .zip(cb.get("error").map(|(e, _)| e))
        .filter(|(_, e)| !OAUTH_ERRORS.contains(e))
    {
        // The error the app's log names, pasted with its error page's address, says more.
        let rest = cb.text.replace(url, " ");
        if rest.trim().len() > 3 {
            if let Some(more) = super::callback::read(rest.trim()).filter(|r| r.url.is_none()) {
                let before = out.len();
                checks_inner(&more, req, sent, client, platform, out);
                let named = out.get(before..).unwrap_or(&[]);
                if !named.is_empty() && named.iter().all(|f| f.code == "response.library_error") {
                    return;
                }
                out.truncate(before);
            }
        }
        out.push(app_error_page(url, e));
        return;
    }
    let mut codes = cb.codes.clone();
    if let Some(inner) = aadsts::inner_error_info(&cb.text) {
        for c in aadsts::codes_in(inner) {
            if !codes.contains(&c) {
                codes.push(c);
            }
        }
    }
    if free {
        codes.retain(|c| !judged.contains(c));
    }
    // The specific code findings, then the generic response.error.
    let mut specific_done = false;
    let first_specific = out.len();
    let user_cancel_text = |t: &str| {
        let l = t.to_ascii_lowercase();
        l.contains("user canceled")
            || l.contains("user cancelled")
            || l.contains("user has cancelled")
            || l.contains("user has canceled")
            || l.contains("aadb2c90091")
            || l.contains("the user canceled the authentication")
            || l.contains("declined to consent")
    };
    for c in codes
        .iter()
        .copied()
        .filter(|c| *c != 240004 && *c != 240003)
    {
        let mut f = for_code(c, error.as_deref());
        if f.code != "response.error" {
            // A silent request cannot show the prompt MFA or consent needs.
            let silent = req.is_some_and(|r| {
                r.get("prompt")
                    .is_some_and(|p| p.eq_ignore_ascii_case("none"))
            });
            if silent
                && matches!(
                    f.code.as_str(),
                    "response.mfa_required" | "response.consent_required"
                )
            {
                f.fix = format!("The request was silent (prompt=none), so Entra could not show the prompt this needs: fall back to an interactive request for the same scopes (MSAL: catch InteractionRequiredAuthError / MsalUiRequiredException and call the interactive method). There: {}", f.fix);
            }
            out.push(f.detail(desc.clone().unwrap_or_else(|| cb.text.clone())));
            specific_done = true;
        }
    }
    if !specific_done
        && error.as_deref() == Some("access_denied")
        && (desc.as_deref().is_some_and(user_cancel_text)
            || cb.get("error_subcode").is_some_and(|(s, _)| s == "cancel"))
    {
        out.push(finding("response.user_cancelled").detail(desc.clone().unwrap_or_default()).fix("Nothing is misconfigured: the user cancelled. Sign in again and finish the prompt."));
        specific_done = true;
    }
    if !specific_done {
        if let Some(e) = error.as_deref() {
            let f = match e {
                "consent_required" => Some(finding("response.consent_required").detail(format!("Entra answered error=consent_required: a permission needs consent that was not given. {}", desc.clone().unwrap_or_default())).fix("Sign in interactively with prompt=consent, or have an admin grant consent.")),
                _ => None,
            };
            if let Some(f) = f {
                out.push(f);
                specific_done = true;
            }
        }
    }
    // Azure AD B2C's own code in pasted text (its hosted page, an app's log) is its answer too.
    let b2c_text = free && desc.as_deref().is_some_and(|d| b2c_error(d).is_some());
    if error.is_some() || !codes.is_empty() || b2c_text {
        let first = codes.first().copied();
        let mut f = finding("response.error");
        f = match first {
            Some(c) => {
                let s = public_flows(
                    for_code(c, error.as_deref()),
                    &cb.text,
                    req.and_then(|r| r.client_id()),
                );
                let fix = match (c, req.and_then(default_mixed)) {
                    (70011, Some((default, others))) => format!("The scope mixes {default} with {others}: a resource's /.default (all its consented permissions) cannot be combined with other permissions, which is what 'static scope limit exceeded' means. Send {default} alone (with openid profile offline_access if needed), or the individual permissions without it."),
                    _ => s.fix.clone(),
                };
                f.aadsts(c).fix(fix).reference(aadsts::error_lookup_url(c)).title(format!("Entra returned {}AADSTS{c}", error.as_deref().map(|e| format!("{e} / ")).unwrap_or_default()))
            }
            None => f.title(format!("Entra returned error={}", error.as_deref().unwrap_or("?"))).fix("Read error_description for the AADSTS code and look it up in the sign-in logs."),
        };
        let mut detail = String::new();
        let b2c = desc
            .as_deref()
            .or(Some(cb.text.as_str()))
            .and_then(b2c_error)
            .filter(|_| first.is_none());
        if let Some((c, why, fix)) = b2c {
            detail.push_str(&format!("AADB2C{c}: {why} "));
            f = if c == 90118 {
                // Azure AD B2C: the user chose "Forgot your password?" in a sign-in user flow.
                f.title("Azure AD B2C: the user chose 'Forgot your password?' (AADB2C90118)")
            } else {
                f.title(format!(
                    "Azure AD B2C returned {}AADB2C{c}",
                    error
                        .as_deref()
                        .map(|e| format!("{e} / "))
                        .unwrap_or_default()
                ))
            }
            .fix(fix);
        }
        if let Some(c) = codes.iter().find(|c| **c == 240004 || **c == 240003) {
            let inner = aadsts::inner_error_info(&cb.text);
            detail.push_str(&format!("AADSTS{c}: 'Authorization code not received from authorize endpoint call.' Microsoft documents no cause for it; the wrapped error says what went wrong{}. ", inner.map(|i| format!(": {i}")).unwrap_or_default()));
            if let Some(fix) = inner
                .and_then(aadsts::wrapped_oauth_fix)
                .filter(|_| codes.len() == 1)
            {
                f = f.fix(fix);
            }
        }
        // A landing URL without error_description: its parameters are not a description.
        let none = match (cb.is_url(), first) {
            (true, Some(c)) => format!("(none, though Entra sends one with every error: it was dropped on the way; error_uri names AADSTS{c}, and the sign-in logs or a HAR give the full message)"),
            (true, None) => "(none, though Entra sends one with every error: it was dropped on the way)".to_string(),
            _ => cb.text.clone(),
        };
        match error.as_deref() {
            Some(e) => detail.push_str(&format!(
                "error={e} error_description={}",
                desc.as_deref().unwrap_or(&none)
            )),
            // Text from an app or a log, not an OAuth answer: its words alone.
            None => detail.push_str(desc.as_deref().unwrap_or(&none)),
        }
        if let Some(id) = super::evidence::correlation_id_in(&cb.text) {
            detail.push_str(&if b2c.is_some() {
                format!(" (Correlation ID {id}: it finds this request in the user flow's or custom policy's logs (Application Insights) and in a support case.)")
            } else {
                format!(" (Correlation ID {id}: it finds this sign-in in Entra's sign-in logs.)")
            });
        }
        if matches!(
            error.as_deref(),
            Some("interaction_required" | "login_required")
        ) {
            // One finding for the one error: what a silent request needs, then Entra's words.
            detail.insert_str(
                0,
                "A silent request (prompt=none or an iframe) needs the user. ",
            );
            f = f.fix(
                "Fall back to an interactive sign-in (loginRedirect / acquireTokenInteractive).",
            );
            // A browser app's hidden iframe: the session cookie is third-party there.
            let browser_silent = req.is_some_and(|r| {
                r.get("prompt")
                    .is_some_and(|p| p.eq_ignore_ascii_case("none"))
                    && (r
                        .get("x-client-SKU")
                        .is_some_and(|k| k.to_ascii_lowercase().starts_with("msal.js"))
                        || matches!(r.get("response_mode"), Some("fragment" | "web_message")))
            });
            if browser_silent && first == Some(50058) {
                detail.push_str(" If the user is signed in to Entra in this browser, the session cookie did not reach the hidden iframe of the silent request: a browser that blocks third-party cookies (Safari's Intelligent Tracking Prevention, Firefox's strict tracking protection, Chrome with third-party cookies blocked, private windows) sends no login.microsoftonline.com cookie to an iframe inside another site, so every silent sign-in there answers AADSTS50058.");
                f = f.fix("Fall back to an interactive sign-in when the silent one fails (MSAL.js: catch InteractionRequiredAuthError and call acquireTokenRedirect or acquireTokenPopup); after one interactive sign-in MSAL.js renews tokens with its refresh token, which needs no iframe. Do not rely on ssoSilent or a hidden iframe where third-party cookies are blocked.");
            }
        }
        f = f.detail(detail);
        // The device code flow's polling answers: still waiting, not a failure.
        f = device_pending(f, &cb.text, codes.len() <= 1, error.as_deref());
        if specific_done {
            f = f.severity(Severity::Error);
            // The specific finding above already says what to do: not said twice.
            let titles: Vec<String> = out
                .get(first_specific..)
                .unwrap_or_default()
                .iter()
                .map(|s| format!("'{}'", s.title))
                .collect();
            if !titles.is_empty() {
                f = f.fix(format!("Follow the fix of {} above; this finding records Entra's answer as it came back.", titles.join(" and ")));
            }
        }
        out.push(f);
    }
    // State.
    let sent_state = req.and_then(|r| r.get("state"));
    let got_state = cb.get("state").map(|(s, _)| s).filter(|_| !on_entra);
    let answered = code.is_some() || error.is_some();
    let whole_answer = cb.is_url() || matches!(code, Some((_, Place::Body)));
    if let (Some(a), None, true, true) = (sent_state, got_state, answered, whole_answer) {
        out.push(finding("response.state_mismatch").title("The response carries no state, though the request sent one").detail(format!("The request sent state={a}, and Entra returns it unchanged with every answer (RFC 6749 §4.1.2: REQUIRED when the request had one), but the answer pasted has none: something between Entra and the app dropped it (a redirect that rebuilt the URL), or this URL is not the answer to that request. Libraries reject a response without its state.")).fix("Paste the full landing URL as the browser showed it, or capture a HAR; make sure no redirect in front of the app drops query or fragment parameters."));
    }
    // A sanitiser's placeholder (`[Token Redacted]`) on one side only says nothing of the state.
    if let (Some(a), Some(b)) = (sent_state, got_state) {
        if a != b && known_value(a) && known_value(b) {
            out.push(finding("response.state_mismatch").detail(format!("The request sent state={a} but the response carries state={b}. The app (or MSAL) rejects it: the response belongs to another request (another tab, an older attempt, another origin such as apex vs www, or storage that was cleared).")).fix("Sign in again from the same origin as the redirect URI, in one tab; make sure the state store survives the redirect."));
        }
    }
    // Library and framework messages in pasted text.
    if cb.url.is_none() {
        let l = cb.text.to_ascii_lowercase();
        for (key, why, fix) in LIBRARY {
            if let Some(at) = l.find(key) {
                // Quoted as pasted; a browser's own error is not a library's.
                let said = cb.text.get(at..at + key.len()).unwrap_or(key);
                let who = [
                    ("The browser", "The browser"),
                    ("The web server", "The web server"),
                    ("The ASP.NET Core app failed to start", "The web server"),
                    ("Azure App Service", "Azure App Service"),
                    ("A gateway", "The gateway in front of the app"),
                    ("Azure Front Door", "Azure Front Door"),
                    ("Grafana", "Grafana"),
                    ("OmniAuth", "OmniAuth"),
                    ("Argo CD", "Argo CD"),
                    ("Vault", "Vault"),
                ]
                .into_iter()
                .find(|(w, _)| why.starts_with(w))
                .map_or("The sign-in library", |(_, who)| who);
                // A network error on Entra's own host: the browser never reached sign-in.
                let network = key.starts_with("err_") && *key != "err_too_many_redirects"
                    || *key == "refused to connect."
                    || key.starts_with("ssl_")
                    || key.starts_with("sec_");
                if let Some(host) = network.then(|| entra_host_in(&cb.text, at)).flatten() {
                    out.push(
                        finding("response.library_error")
                            .title(format!("{who} could not reach Entra ('{said}' on {host})"))
                            .detail(format!("The browser reported {said} for {host}, Entra's sign-in host, so it never showed the sign-in page: nothing was compared with the redirect URIs and no answer came back. A firewall, proxy or TLS inspection between this machine and Entra, a DNS filter, or a browser extension blocks it."))
                            .fix(format!("Open https://{host}/ from the same machine and network; if it fails too, allow {host} (and Entra's other sign-in hosts) through the proxy or firewall, or trust the proxy's TLS inspection certificate.")),
                    );
                    break;
                }
                // A state mismatch or a cancel is said once, as itself, in the library's words.
                let code = if *key == "state_mismatch"
                    || *key == "state mismatch"
                    || l.contains("returned state(")
                {
                    "response.state_mismatch"
                } else if key.starts_with("user_cancel") || *key == "authentication_canceled" {
                    "response.user_cancelled"
                } else {
                    "response.library_error"
                };
                let mut detail = (*why).to_string();
                // The app's log beside the message shows the callback at another address than
                // the redirect URI: the one the app sees behind its proxy.
                if let Some(more) = sent.and_then(|s| seen_at_another_address(&cb.text, s)) {
                    detail.push(' ');
                    detail.push_str(&more);
                }
                out.push(
                    finding(code)
                        .title(format!("{who} reported '{said}'"))
                        .detail(detail)
                        .fix((*fix).to_string()),
                );
                break;
            }
        }
    }
    // Code or nothing.
    if let Some((_, place)) = code {
        // A Web registration and no PKCE: a confidential client, i.e. a server, redeems the code.
        let server = client.kind == ClientKind::WebServer
            || (client.kind == ClientKind::Unknown
                && platform == Some(Platform::Web)
                && req.is_some_and(|r| r.get("code_challenge").is_none()));
        if place == Place::Fragment && server {
            out.push(finding("response.code_in_fragment").severity(Severity::Error).detail("The code came back after '#', which the browser never sends to a server: a server-side app will not see it.").fix("Use response_mode=form_post (or query) for server-side apps."));
        } else {
            out.push(finding("response.code_received").detail(format!("Entra issued an authorization code and it is in the landing URL ({}). If the app still fails, the problem is after this point: the token request (same redirect_uri, code_verifier, client secret) or the app's own state check.", match place { Place::Query => "query", Place::Fragment => "fragment", Place::Body => "form body" })).fix("Redeem it once, within about a minute, at /token with the same redirect_uri."));
        }
    } else if cb.is_url()
        && error.is_none()
        && cb.get("id_token").is_none()
        && cb.get("access_token").is_none()
    {
        let form_post = req
            .and_then(|r| r.get("response_mode"))
            .is_some_and(|m| m.eq_ignore_ascii_case("form_post"));
        let device_page = cb.url.as_deref().is_some_and(super::uri::is_device_code);
        if let (true, Some(sent)) = (device_page, sent) {
            // An authorization code request's answer goes to its redirect URI, never to the
            // page of another flow: said once, instead of "landed elsewhere".
            out.push(finding("response.no_code_no_error").severity(Severity::Warning).title("The landing URL is the device code page, not this request's answer").detail(format!("This is the page where a user enters a device code. The device code flow uses no redirect URI (the app polls /token for the tokens), while the pasted authorize request asks for a code sent to {sent}: that answer never goes to this page. The landing box holds a page of another flow, or another sign-in than this request's.")).fix(format!("Paste the URL the browser showed at {sent} after signing in with this authorize URL. If the app uses the device code flow instead, paste its /token polling answer (authorization_pending while the user has not finished; AADSTS7000218 means public client flows are not allowed).")));
        } else if device_page {
            out.push(finding("response.no_code_no_error").severity(Severity::Info).title("The device code flow has no landing URL").detail("This is the page where the user enters the device code. That flow uses no redirect URI: the app polls /token for the tokens, so no code or error comes back to a landing URL.").fix("Nothing to register for this flow. If sign-in fails, paste the answer of the app's /token polling (authorization_pending while the user has not finished; AADSTS7000218 means public client flows are not allowed)."));
        } else if on_entra {
            let request = cb.get("client_id").is_some() || cb.get("redirect_uri").is_some();
            out.push(finding("response.no_code_no_error").severity(Severity::Warning).title("The landing URL is still on Entra, not the app's").detail(format!("This address is Entra's own{}: the browser had not been sent back to the app when it was copied. Entra sends its answer (a code or an error) to {}; when sign-in stops on Entra's page instead, that page shows the error (AADSTS…) and nothing reaches the app.", if request { " (it is the authorize request itself, not its answer)" } else { " sign-in page" }, sent.unwrap_or("the redirect URI"))).fix("Paste the text Entra's page shows (the AADSTS line and the troubleshooting details) in the authorize box, or, if sign-in went on, the address the browser showed after it left Entra."));
        } else if done {
            out.push(finding("response.no_code_no_error").severity(Severity::Info).title("App Service authentication finished the sign-in").detail("This is App Service authentication's page after a successful sign-in (/.auth/login/done): it received Entra's code at its callback (/.auth/login/aad/callback), redeemed it and set its session cookie. The redirect URI worked.").fix("Nothing to change for the redirect. If the app still asks for sign-in, check that it reads App Service's session (the X-MS-CLIENT-PRINCIPAL headers or /.auth/me) and that the browser keeps the AppServiceAuthSession cookie."));
        } else if cb
            .get("admin_consent")
            .is_some_and(|(v, _)| v.eq_ignore_ascii_case("true"))
        {
            out.push(finding("response.no_code_no_error").severity(Severity::Info).title("Admin consent was granted").detail(format!("The landing URL carries admin_consent=True{}: an admin granted the app's permissions for the tenant, and Entra sent the answer to the redirect URI, so it matched. Admin consent returns no code; the app signs in with its own authorize request.", cb.get("tenant").map(|(t, _)| format!(" for tenant {t}")).unwrap_or_default())).fix("Nothing to change for the redirect URI. Sign in to the app now; if that fails, paste its authorize request."));
        } else if form_post {
            out.push(finding("response.no_code_no_error").severity(Severity::Info).title("With form_post the code never shows in the landing URL").detail("The request asked for response_mode=form_post, so Entra sends the code in the body of a POST to the redirect URI; the address bar never shows it, and this URL cannot tell whether it arrived.").fix("Paste the POST's form body (code=…&state=…) from the browser's developer tools, or the HAR of the sign-in in Evidence."));
        } else {
            out.push(finding("response.no_code_no_error").detail("The landing URL has neither code nor error. Either the response went somewhere else (the fragment a server never sees, a redirect that dropped the query, a form_post the app did not accept), or this is not the response at all.").fix("Capture the sign-in with the browser's developer tools (Network tab, Preserve log) and paste the HAR in Evidence: it shows where the code went."));
        }
    }
    // The landing page versus the redirect URI that was sent.
    // (The device code page is said above: it is no redirect.)
    if let (Some(url), Some(sent)) = (
        cb.url
            .as_ref()
            .filter(|u| !super::uri::is_device_code(u) && !on_entra && !done),
        sent,
    ) {
        let (l, s) = (Uri::new(url), Uri::new(sent));
        // Entra answers at the redirect URI as sent, port included; only a URI
        // with no path is answered at its root with a slash (reply-url).
        let (lb, sb) = (l.without_query_fragment(), s.without_query_fragment());
        // An app's own scheme (msauth://…) has no proxy or route between Entra and the app:
        // a landing whose path differs only in percent-decoding (a log, Uri.getPath()) is
        // the same URI written decoded.
        let app_scheme = s.scheme_lower() != "http" && s.scheme_lower() != "https";
        let same = lb == sb
            || (s.path().is_empty() && l.path() == "/" && lb.strip_suffix('/') == Some(sb))
            || (app_scheme
                && l.scheme_lower() == s.scheme_lower()
                && l.host() == s.host()
                && l.port() == s.port()
                && super::uri::percent_decode(l.path()) == super::uri::percent_decode(s.path()));
        // localhost and a loopback address name the same machine but are two sites to the
        // browser: what the app stored on one is not there on the other.
        let loopback = |u: &Uri| {
            u.host()
                .is_some_and(|h| h.eq_ignore_ascii_case("localhost"))
                || u.is_loopback_v4()
                || u.is_loopback_v6()
        };
        let host_only = !same
            && loopback(&l)
            && loopback(&s)
            && !l
                .host()
                .unwrap_or_default()
                .eq_ignore_ascii_case(s.host().unwrap_or_default())
            && l.scheme_lower() == s.scheme_lower()
            && l.port() == s.port()
            && l.path() == s.path();
        if host_only {
            let (sh, lh) = (s.host().unwrap_or_default(), l.host().unwrap_or_default());
            out.push(finding("response.landing_differs").reference(super::codes::refs::REPLY_URL).title(format!("The answer was sent to {sh} but the browser is on {lh}")).detail(format!("The response was meant for {} but you landed on {}. Both name this machine, but to the browser they are two sites: the cookies and storage the app set on one (its state, nonce or PKCE verifier, a correlation cookie, MSAL's cache) are not seen on the other, so the app can reject an answer that Entra delivered correctly. Something moved the browser from one host to the other: the app opened at one while its redirect URI names the other, or a route of the app redirected.", s.without_query_fragment(), l.without_query_fragment())).fix(if l.is_loopback_v4() {
                format!("Use one host throughout: open the app at {sh} (the redirect URI's host), or send and register the redirect URI with {lh} (Microsoft recommends 127.0.0.1 for loopback redirect URIs; the portal's box refuses http://127.0.0.1, so it goes in through the manifest's replyUrlsWithType).")
            } else if l.is_loopback_v6() {
                format!("Open the app at {sh}, the redirect URI's host, so the browser stays on one site ([::1] is no host to register instead).")
            } else {
                format!("Use one host throughout: open the app at {sh} (the redirect URI's host), or send and register the redirect URI with {lh}.")
            }));
        } else if !same {
            out.push(finding("response.landing_differs").detail(format!("The response was meant for {} but you landed on {}. Something between Entra and the app redirected (a proxy rewriting scheme or host, an app route, a trailing-slash redirect) — such redirects can drop a form_post body or the fragment.", s.without_query_fragment(), l.without_query_fragment())).fix("Make the registered redirect URI the exact address the app serves, so nothing needs to redirect."));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::core::{analyze, CaseInput};

    fn fix_for(authorize: &str, callback: &str) -> String {
        analyze(&CaseInput {
            authorize: authorize.into(),
            callback: callback.into(),
            ..CaseInput::default()
        })
        .report
        .findings
        .into_iter()
        .find(|f| f.aadsts == Some(7000218))
        .map(|f| f.fix)
        .unwrap_or_default()
    }

    /// The messages of the stacks people run (ASP.NET Core, MSAL.js, Spring Security, Auth.js,
    /// openid-client, Python libraries, Keycloak, Grafana, the browser) are read: each names
    /// its cause instead of leaving 'the redirect URI is registered' as the whole answer.
    #[test]
    fn stack_messages_after_the_redirect_are_read() {
        let run = |text: &str| {
            analyze(&CaseInput {
                authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid&state=s1".into(),
                registered: "Web\nhttps://app.contoso.com/cb".into(),
                callback: text.into(),
                ..CaseInput::default()
            })
            .report
        };
        for (text, title, why) in [
            ("OpenIdConnectProtocolInvalidNonceException: IDX21326: The 'nonce' found in the jwt token did not match the expected nonce.", "The sign-in library reported 'IDX21326'", "older response"),
            ("SecurityTokenSignatureKeyNotFoundException: IDX10500: Signature validation failed. No security keys were provided to validate the signature.", "The sign-in library reported 'IDX10500'", "signing keys"),
            ("SecurityTokenNotYetValidException: IDX10222: Lifetime validation failed. The token is not yet valid.", "The sign-in library reported 'IDX10222'", "clock"),
            ("BrowserAuthError: no_token_request_cache_error: No token request found in cache.", "The sign-in library reported 'no_token_request_cache_error'", "another origin"),
            ("OAuth2AuthenticationException: [authorization_request_not_found] ", "The sign-in library reported 'authorization_request_not_found'", "JSESSIONID"),
            ("Laravel\\Socialite\\Two\\InvalidStateException in AbstractProvider.php line 209", "The sign-in library reported 'InvalidStateException'", "session"),
            ("authentication failed due to: In _validateResponse: invalid nonce", "The sign-in library reported 'invalid nonce'", "session store"),
            ("[invalid_token_response] An error occurred while attempting to retrieve the OAuth 2.0 Access Token Response: 401 Unauthorized: [no body]", "The sign-in library reported '[invalid_token_response]'", "client-secret"),
            ("[auth][cause]: OperationProcessingError: unexpected JWT \"iss\" (issuer) claim value", "The sign-in library reported 'unexpected JWT \"iss\"'", "tid"),
            ("oidc: id token issued by a different provider, expected \"https://login.microsoftonline.com/common/v2.0\" got \"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0\"", "The sign-in library reported 'id token issued by a different provider'", "tid"),
            ("[auth][error] InvalidCheck: pkceCodeVerifier value could not be parsed.", "The sign-in library reported 'pkceCodeVerifier'", "AUTH_URL"),
            ("RPError: state mismatch, expected s1, got: s0", "The sign-in library reported 'state mismatch'", "another tab"),
            ("403 Forbidden\nLogin Failed: Unable to find a valid CSRF token. Please try again.", "The sign-in library reported 'Unable to find a valid CSRF token'", "Secure flag"),
            ("Saml2AuthenticationException: [invalid_in_response_to] The InResponseTo attribute [_a1] does not match", "The sign-in library reported '[invalid_in_response_to]'", "IdP-initiated"),
            ("Saml2AuthenticationException: [invalid_destination] Invalid destination [https://a/acs]", "The sign-in library reported '[invalid_destination]'", "ACS endpoint"),
            ("AuthenticationFailureException: Correlation failed.", "The sign-in library reported 'Correlation failed'", "proxy that ends TLS"),
            ("System.Exception: OpenIdConnectAuthenticationHandler: message.State is null or empty.", "The sign-in library reported 'message.State is null or empty'", "form_post POST into a GET"),
            ("Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectProtocolInvalidNonceException: IDX10311: RequireNonce is 'true' (default) but validationContext.Nonce is null.", "The sign-in library reported 'IDX10311'", "OWIN"),
            ("oauthlib.oauth2.rfc6749.errors.InsecureTransportError: (insecure_transport) OAuth 2 MUST utilize https.", "The sign-in library reported 'insecure_transport'", "proxy that ends TLS"),
            ("MsalUiRequiredException: No account or login hint was passed to the AcquireTokenSilent call.", "The sign-in library reported 'No account or login hint was passed to the AcquireTokenSilent call'", "token cache"),
            ("System.InvalidOperationException: IDX20803: Unable to obtain configuration from: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration'.", "The sign-in library reported 'IDX20803'", "cannot reach Entra"),
            ("OAuth2AuthenticationException: [invalid_id_token] The ID Token contains invalid claims: {iss=https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0}", "The sign-in library reported '[invalid_id_token]'", "issuer-uri"),
            ("403 - Forbidden: Access is denied.\nYou do not have permission to view this directory or page using the credentials that you supplied.", "The web server reported 'You do not have permission to view this directory or page'", "App Service authentication"),
            ("We are sorry...\nUnexpected error when authenticating with identity provider", "The sign-in library reported 'Unexpected error when authenticating with identity provider'", "server log"),
            ("We are sorry...\nInvalid parameter: redirect_uri", "The sign-in library reported 'Invalid parameter: redirect_uri'", "never reached Entra"),
            ("app.contoso.com redirected you too many times.\nERR_TOO_MANY_REDIRECTS", "The browser reported 'ERR_TOO_MANY_REDIRECTS'", "auth cookie"),
            ("Refused to display 'https://login.microsoftonline.com/' in a frame because it set 'X-Frame-Options' to 'deny'.", "The browser reported 'Refused to display'", "framing"),
            ("This site can't provide a secure connection\nlocalhost sent an invalid response.\nERR_SSL_PROTOCOL_ERROR", "The browser reported 'ERR_SSL_PROTOCOL_ERROR'", "plain HTTP"),
            ("Your connection is not private\nNET::ERR_CERT_AUTHORITY_INVALID", "The browser reported 'ERR_CERT_AUTHORITY_INVALID'", "certificate"),
            ("This site can't be reached\nCheck if there is a typo in app.contoso.internal.\nDNS_PROBE_FINISHED_NXDOMAIN ERR_NAME_NOT_RESOLVED", "The browser reported 'ERR_NAME_NOT_RESOLVED'", "DNS"),
            ("This site can't be reached\nlogin.microsoftonline.com refused to connect.\nERR_CONNECTION_REFUSED", "The browser could not reach Entra ('ERR_CONNECTION_REFUSED' on login.microsoftonline.com)", "firewall"),
            ("This site can't be reached\nlocalhost refused to connect.\nERR_CONNECTION_REFUSED", "The browser reported 'ERR_CONNECTION_REFUSED'", "no app was listening"),
            ("Navigated to https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x\nGET http://localhost:5000/signin-oidc net::ERR_CONNECTION_REFUSED", "The browser reported 'ERR_CONNECTION_REFUSED'", "no app was listening"),
            ("GET https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x net::ERR_CONNECTION_RESET net::ERR_NAME_NOT_RESOLVED", "The browser could not reach Entra ('ERR_NAME_NOT_RESOLVED' on login.microsoftonline.com)", "firewall"),
        ] {
            let r = run(text);
            assert!(r.primary().is_some_and(|p| p.code.starts_with("response.")), "{text}");
            let f = r
                .findings
                .iter()
                .find(|f| f.title == title)
                .expect(text);
            assert!(f.detail.contains(why), "{}", f.detail);
        }
        // A state mismatch or a cancel is said as one, once.
        for (text, code) in [
            (
                "ValueError: state mismatch: s1 vs None",
                "response.state_mismatch",
            ),
            (
                "BrowserAuthError: user_cancelled: User cancelled the flow.",
                "response.user_cancelled",
            ),
        ] {
            let r = run(text);
            assert_eq!(r.primary().map(|p| p.code.as_str()), Some(code), "{text}");
            assert!(!r.has("response.library_error"), "{text}");
            assert_eq!(
                r.findings
                    .iter()
                    .filter(|f| f.severity == crate::core::Severity::Error)
                    .count(),
                1,
                "{text}"
            );
        }
        // Near misses: words around the keys do not fire.
        for text in [
            "The state machine mismatched two frames",
            "Login succeeded; the page redirected once.",
            "HTTP/1.1 200 OK\nx-frame-options: DENY\ncontent-security-policy: frame-ancestors 'self'",
        ] {
            assert!(!run(text).has("response.library_error"), "{text}");
        }
    }

    /// Entra's message inside a log's quoted value (`err="oauth2: \"invalid_client\" \"AADSTS…\""`)
    /// ends at its escaped quote, without the backslash.
    #[test]
    fn a_message_in_a_logs_quoted_value_ends_at_its_escaped_quote() {
        let log = r#"level=error err="oauth2: \"invalid_client\" \"AADSTS7000215: Invalid client secret provided.\"""#;
        assert_eq!(
            super::description_in(log),
            Some("AADSTS7000215: Invalid client secret provided.")
        );
    }

    /// A library's cookie or state message beside the app's log that shows the callback at the
    /// address behind the proxy (http, an internal host) says so; the same address does not.
    #[test]
    fn the_callback_seen_at_another_address_is_named() {
        use super::seen_at_another_address as seen;
        let sent = "https://app.contoso.com/signin-oidc";
        let log = "Request starting HTTP/1.1 POST http://10.0.1.4:8080/signin-oidc application/x-www-form-urlencoded 1520\nCorrelation failed.";
        let said = seen(log, sent).expect("named");
        assert!(
            said.contains("http instead of https, 10.0.1.4:8080 instead of app.contoso.com"),
            "{said}"
        );
        assert!(said.contains("X-Forwarded-Proto"), "{said}");
        let local = seen(
            "POST http://127.0.0.1:5000/signin-oidc",
            "http://localhost:5000/signin-oidc",
        )
        .expect("loopback");
        assert!(local.contains("two sites"), "{local}");
        for text in [
            "Request starting HTTP/1.1 POST https://app.contoso.com/signin-oidc",
            "GET http://10.0.1.4:8080/ 200",
            "POST http://10.0.1.4:8080/signin-oidc-other",
        ] {
            assert_eq!(seen(text, sent), None, "{text}");
        }
        assert_eq!(
            seen("GET http://10.0.1.4/", "https://app.contoso.com/"),
            None
        );
    }

    /// A landing URL whose error is no OAuth code and that has no error_description is the
    /// app's own error page (Auth.js, Spring Security), not Entra's answer missing its state.
    #[test]
    fn the_apps_own_error_page_is_not_read_as_entras_answer() {
        let run = |landing: &str| {
            analyze(&CaseInput {
                authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fapi%2Fauth%2Fcallback%2Fazure-ad&scope=openid&state=s1".into(),
                registered: "Web\nhttps://app.contoso.com/api/auth/callback/azure-ad".into(),
                callback: landing.into(),
                ..CaseInput::default()
            })
            .report
        };
        for (landing, title, says) in [
            (
                "https://app.contoso.com/api/auth/error?error=Configuration",
                "The app's own error page: /api/auth/error?error=Configuration",
                "AUTH_SECRET",
            ),
            (
                "https://app.contoso.com/login?error",
                "The app's own error page: /login?error",
                "Spring Security",
            ),
            (
                "https://app.contoso.com/api/auth/signin?error=OAuthCallback",
                "The app's own error page: /api/auth/signin?error=OAuthCallback",
                "check cookie",
            ),
            (
                "GET /api/auth/callback/azure-ad 302\nRedirecting to https://app.contoso.com/api/auth/error?error=Configuration",
                "The app's own error page: /api/auth/error?error=Configuration",
                "AUTH_SECRET",
            ),
        ] {
            let r = run(landing);
            let p = r.primary().expect(landing);
            assert_eq!(
                (p.code.as_str(), p.title.as_str()),
                ("response.library_error", title)
            );
            assert!(p.detail.contains(says), "{}", p.detail);
            assert!(!r.has("response.state_mismatch") && !r.has("response.landing_differs"));
        }
        // Near miss: Entra's error without its description is still Entra's answer.
        let r =
            run("https://app.contoso.com/api/auth/callback/azure-ad?error=access_denied&state=s1");
        assert_eq!(r.primary().map(|p| p.code.as_str()), Some("response.error"));
    }

    /// A landing URL on Entra (the authorize request pasted again, Entra's own pages) is the
    /// browser never sent back, and App Service's /.auth/login/done is its sign-in finished:
    /// neither is 'landed elsewhere', and Entra's /error?code=50011 holds no authorization code.
    #[test]
    fn landing_on_entra_or_on_app_services_done_page() {
        let auth = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid&state=s1";
        let run = |landing: &str| {
            analyze(&CaseInput {
                authorize: auth.into(),
                registered: "Web\nhttps://app.contoso.com/cb".into(),
                callback: landing.into(),
                ..CaseInput::default()
            })
            .report
        };
        let other = auth.replace("state=s1", "state=s2");
        for landing in [
            other.as_str(),
            "https://login.microsoftonline.com/common/reprocess?ctx=rQQIARAA",
        ] {
            let r = run(landing);
            let f: Vec<_> = r
                .findings
                .iter()
                .filter(|f| f.code.starts_with("response."))
                .collect();
            assert_eq!(f.len(), 1, "{landing}: {f:?}");
            assert_eq!(
                f[0].title,
                "The landing URL is still on Entra, not the app's"
            );
        }
        let r = run("https://app.contoso.com/.auth/login/done#token=%7B%7D");
        assert!(r.primary().is_none(), "{:?}", r.findings);
        assert!(!r.has("response.landing_differs"));
        // Near miss: Entra's redirect URI for desktop apps is an answer.
        let r = analyze(&CaseInput {
            authorize: auth.replace("https%3A%2F%2Fapp.contoso.com%2Fcb", "https%3A%2F%2Flogin.microsoftonline.com%2Fcommon%2Foauth2%2Fnativeclient"),
            registered: "Mobile and desktop applications\nhttps://login.microsoftonline.com/common/oauth2/nativeclient".into(),
            callback: "https://login.microsoftonline.com/common/oauth2/nativeclient?code=0.AX&state=s1".into(),
            ..CaseInput::default()
        })
        .report;
        assert!(r.has("response.code_received"), "{:?}", r.findings);
        // Near miss: another page of the app is still 'landed elsewhere'.
        assert!(run("https://app.contoso.com/.auth/login/aad").has("response.landing_differs"));
    }

    /// An Android landing whose signature hash is written percent-decoded (a log, Uri.getPath())
    /// is the redirect URI sent: no proxy or route stands between Entra and an app's own scheme.
    #[test]
    fn an_app_scheme_landing_written_decoded_is_the_uri_sent() {
        let landing = |callback: &str| {
            analyze(&CaseInput {
                authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=msauth%3A%2F%2Fcom.contoso.app%2F2pmj9i4rSx0yEb%252FviWBYkE%252FZQrk%253D&scope=openid&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&x-client-SKU=MSAL.Android".into(),
                registered: "Android\nmsauth://com.contoso.app/2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D".into(),
                callback: callback.into(),
                ..CaseInput::default()
            })
            .report
        };
        let r =
            landing("msauth://com.contoso.app/2pmj9i4rSx0yEb/viWBYkE/ZQrk=?code=0.AXoA&state=s1");
        assert!(r.has("response.code_received"), "{:?}", r.findings);
        assert!(!r.has("response.landing_differs"), "{:?}", r.findings);
        // Near miss: another hash (another signing key) is another URI.
        let r =
            landing("msauth://com.contoso.app/Xo8WBi6jzSxKDVR4drqm84yr9iU=?code=0.AXoA&state=s1");
        assert!(r.has("response.landing_differs"), "{:?}", r.findings);
    }

    /// Entra's error lookup page (the error_uri of an answer) pasted as the landing URL names its
    /// code: a redirect-URI code is judged with the registration, another code is named.
    #[test]
    fn entras_error_page_as_the_landing_is_read_as_its_code() {
        let auth = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid&state=s1";
        let run = |registered: &str, landing: &str| {
            analyze(&CaseInput {
                authorize: auth.into(),
                registered: registered.into(),
                callback: landing.into(),
                ..CaseInput::default()
            })
            .report
        };
        let primary = |r: &crate::core::report::Report| r.primary().map(|p| p.code.clone());
        let page = "https://login.microsoftonline.com/error?code=50011";
        // The registration holds the URI: Entra checked another one.
        let r = run("Web\nhttps://app.contoso.com/cb", page);
        assert_eq!(primary(&r).as_deref(), Some("redirect.registration_stale"));
        assert!(!r.has("response.no_code_no_error"), "{:?}", r.findings);
        // It does not: the mismatch itself is the cause.
        let r = run("Web\nhttps://app.contoso.com/cb/", page);
        assert_eq!(
            primary(&r).as_deref(),
            Some("redirect.trailing_slash_mismatch")
        );
        // Another code is named with its fix.
        let r = run(
            "Web\nhttps://app.contoso.com/cb",
            "https://login.microsoftonline.com/error?code=700016",
        );
        let p = r.primary().expect("primary");
        assert_eq!(
            (p.code.as_str(), p.aadsts),
            ("response.error", Some(700016))
        );
        // Near misses: an Entra page without a numeric code, or another path, is still Entra's.
        for landing in [
            "https://login.microsoftonline.com/error?code=abc",
            "https://login.microsoftonline.com/common/error?x=50011",
        ] {
            assert!(
                run("Web\nhttps://app.contoso.com/cb", landing).has("response.no_code_no_error"),
                "{landing}"
            );
        }
    }

    /// localhost and 127.0.0.1 are one machine but two sites to the browser: the landing that
    /// swapped them is named as such, not as a proxy.
    #[test]
    fn a_landing_on_the_other_loopback_host_is_named() {
        let run = |sent: &str, landing: &str| {
            analyze(&CaseInput {
                authorize: format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri={}&scope=openid&state=s1", crate::core::uri::form_encode(sent)),
                registered: format!("Web\n{sent}"),
                callback: landing.into(),
                ..CaseInput::default()
            })
            .report
        };
        let r = run(
            "http://localhost:5000/signin-oidc",
            "http://127.0.0.1:5000/signin-oidc?code=0.AX&state=s1",
        );
        let f = r
            .findings
            .iter()
            .find(|f| f.code == "response.landing_differs")
            .expect("landing_differs");
        assert!(
            f.title.contains("localhost") && f.title.contains("127.0.0.1"),
            "{}",
            f.title
        );
        assert!(f.detail.contains("two sites"), "{}", f.detail);
        // [::1] is no host to register; a case-only difference is the same site.
        let r = run(
            "http://localhost:5000/signin-oidc",
            "http://[::1]:5000/signin-oidc?code=0.AX&state=s1",
        );
        let f = r
            .findings
            .iter()
            .find(|f| f.code == "response.landing_differs")
            .expect("landing_differs");
        assert!(
            !f.fix.contains("register the redirect URI with [::1]"),
            "{}",
            f.fix
        );
        let r = run(
            "http://localhost:5000/signin-oidc",
            "http://LOCALHOST:5000/signin-oidc?code=0.AX&state=s1",
        );
        assert!(r.findings.iter().all(|f| !f.detail.contains("two sites")));
        // Near miss: another port is another redirect, said as one.
        let r = run(
            "http://localhost:5000/signin-oidc",
            "http://127.0.0.1:5001/signin-oidc?code=0.AX&state=s1",
        );
        let f = r
            .findings
            .iter()
            .find(|f| f.code == "response.landing_differs")
            .expect("landing_differs");
        assert!(!f.detail.contains("two sites"), "{}", f.detail);
    }

    /// An answer that arrived at the root with its slash needs no note that the app must serve it.
    #[test]
    fn the_root_slash_note_goes_once_the_answer_arrived_there() {
        let run = |landing: &str| {
            analyze(&CaseInput {
                authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A3000&scope=openid&state=s1".into(),
                registered: "Web\nhttp://localhost:3000".into(),
                callback: landing.into(),
                ..CaseInput::default()
            })
            .report
        };
        assert!(
            !run("http://localhost:3000/?code=0.AX&state=s1").has("redirect.root_trailing_slash")
        );
        assert!(run("").has("redirect.root_trailing_slash"));
        assert!(run(
            "http://localhost:3000/?error=access_denied&error_description=AADSTS65004&state=s1"
        )
        .has("redirect.root_trailing_slash"));
    }

    /// AADSTS500112 from the token leg pasted as what came back is read as in the authorize box:
    /// both URIs and how they differ, once, instead of the catalogue's generic line.
    #[test]
    fn the_token_legs_reply_mismatch_in_the_landing_box_names_both_uris() {
        let r = analyze(&CaseInput {
            authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid&state=s1".into(),
            registered: "Web\nhttps://app.contoso.com/cb".into(),
            callback: "com.microsoft.aad.msal4j.MsalServiceException: AADSTS500112: The reply address 'http://app.contoso.com/cb' does not match the reply address 'https://app.contoso.com/cb' provided when requesting Authorization code.".into(),
            ..CaseInput::default()
        })
        .report;
        let f: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.aadsts == Some(500112))
            .collect();
        assert_eq!(f.len(), 1, "{:?}", r.findings);
        assert!(
            f[0].detail.contains("they differ in scheme"),
            "{}",
            f[0].detail
        );
        assert!(
            f[0].fix
                .starts_with("Redeem the code with redirect_uri=https://app.contoso.com/cb,"),
            "{}",
            f[0].fix
        );
    }

    /// AADSTS7000218 in the device code or username/password flow (no redirect URI) is fixed
    /// by allowing public client flows, not by a redirect URI's platform.
    #[test]
    fn aadsts7000218_without_a_redirect_uri_allows_public_client_flows() {
        let err = "MsalServiceException: AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.";
        let device = format!("{err}\n   at Microsoft.Identity.Client.Internal.Requests.DeviceCodeRequest.ExecuteAsync()");
        let f = fix_for(&device, "");
        assert!(
            f.starts_with(
                "On the app registration's Authentication page, set Allow public client flows"
            ),
            "{f}"
        );
        let ropc = "POST /contoso.onmicrosoft.com/oauth2/v2.0/token grant_type=password&username=a%40contoso.com";
        let f = fix_for(
            "",
            &format!("{ropc}\n{{\"error\":\"invalid_client\",\"error_description\":\"{err}\"}}"),
        );
        assert!(
            f.starts_with("On the app registration's Authentication page"),
            "{f}"
        );
        // Near miss: the authorization code flow keeps the credential / platform advice.
        let f = fix_for(&format!("{err}\n   at Microsoft.Identity.Client.Internal.Requests.InteractiveRequest.ExecuteAsync()"), "");
        assert!(f.starts_with("Send the client credential"), "{f}");
    }

    /// The device code flow uses no redirect URI: its endpoint in the authorize box and the
    /// page where the user enters the code in the landing box are information, not errors.
    #[test]
    fn the_device_code_flow_is_not_judged_as_a_redirect() {
        let a = analyze(&CaseInput {
            authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/devicecode\nclient_id=6731de76-14a6-49ae-97bc-6eba6914391e&scope=User.Read".into(),
            callback: "https://microsoft.com/devicelogin".into(),
            ..CaseInput::default()
        });
        assert!(a.report.primary().is_none(), "{:?}", a.report.findings);
        assert_eq!(a.headline, "The device code flow uses no redirect URI");
        assert!(a
            .report
            .findings
            .iter()
            .any(|f| f.title == "The device code flow has no landing URL"));
        // The endpoint inside a command: the same; a command to /token is still unreadable.
        let curl = |path: &str| {
            analyze(&CaseInput {
            authorize: format!("curl -s -X POST https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/{path} -d 'client_id=6731de76-14a6-49ae-97bc-6eba6914391e' -d 'scope=User.Read'"),
            ..CaseInput::default()
        })
        };
        assert_eq!(
            curl("devicecode").headline,
            "The device code flow uses no redirect URI"
        );
        assert!(curl("token")
            .report
            .primary()
            .is_some_and(|f| f.code == "input.authorize_unreadable"));
        // Near miss: another page on the same host without code or error is still suspicious.
        let a = analyze(&CaseInput {
            authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/token".into(),
            callback: "https://microsoft.com/login".into(),
            ..CaseInput::default()
        });
        let f = a
            .report
            .findings
            .iter()
            .find(|f| f.code == "response.no_code_no_error")
            .expect("no code");
        assert_eq!(f.severity, crate::core::Severity::Error);
        assert!(a
            .report
            .findings
            .iter()
            .any(|f| f.code == "input.authorize_unreadable"
                && f.severity == crate::core::Severity::Error));
    }

    /// AADSTS70016 (authorization_pending) is the device code flow still waiting for the user:
    /// information with a verdict that says so, unless it is the only code and the app gave up.
    #[test]
    fn authorization_pending_is_information_unless_the_app_stopped_on_it() {
        let pending =
            "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.";
        let a = analyze(&CaseInput {
            authorize: format!("{{\"error\":\"authorization_pending\",\"error_description\":\"{pending}\",\"error_codes\":[70016]}}"),
            ..CaseInput::default()
        });
        assert!(a.report.primary().is_none(), "{:?}", a.report.findings);
        assert_eq!(
            a.headline,
            "The device code flow is waiting for the user (AADSTS70016)"
        );
        // Beside another code it stays information; that code is the cause.
        let a = analyze(&CaseInput {
            authorize: format!("{pending}\nAADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'. device code"),
            ..CaseInput::default()
        });
        assert_eq!(a.report.primary().and_then(|f| f.aadsts), Some(7000218));
        // Near miss: alone, thrown as a failure: the app stopped polling, an error.
        let a = analyze(&CaseInput {
            authorize: format!("Unhandled exception. MsalServiceException: {pending}"),
            ..CaseInput::default()
        });
        let p = a.report.primary().expect("an error");
        assert_eq!(p.aadsts, Some(70016));
        assert!(
            p.title.starts_with("The app stopped polling"),
            "{}",
            p.title
        );
        // The same polling answers pasted as what came back: information too.
        let came_back = |callback: String| {
            analyze(&CaseInput {
                callback,
                ..CaseInput::default()
            })
        };
        let a = came_back(format!("{{\"error\":\"authorization_pending\",\"error_description\":\"{pending}\",\"error_codes\":[70016]}}"));
        assert!(a.report.primary().is_none(), "{:?}", a.report.findings);
        assert_eq!(
            a.headline,
            "The device code flow is waiting for the user (AADSTS70016)"
        );
        let a = came_back(
            "{\"error\":\"slow_down\",\"error_description\":\"Polling too often.\"}".into(),
        );
        assert!(a.report.primary().is_none(), "{:?}", a.report.findings);
        assert!(a.headline.contains("slow_down"), "{}", a.headline);
        // The app raised on it: it stopped polling, an error.
        let a = came_back("Traceback (most recent call last):\n  File \"app.py\", line 40, in poll\n    raise RuntimeError(result)\nRuntimeError: {'error': 'slow_down', 'error_description': 'Polling too frequently'}".into());
        assert_eq!(
            a.report.primary().map(|f| f.title.as_str()),
            Some("The app stopped polling on slow_down")
        );
        // Near miss: the code expired, a failure.
        let a = came_back("{\"error\":\"expired_token\",\"error_description\":\"AADSTS70020: The provided value for the input parameter 'device_code' is not valid. This device code has expired.\",\"error_codes\":[70020]}".into());
        assert_eq!(a.report.primary().and_then(|f| f.aadsts), Some(70020));
    }

    /// An app's own error code in its landing URL gives way to the OAuth error of the log
    /// pasted with it; alone, or with no OAuth error beside it, it is kept.
    #[test]
    fn an_apps_own_error_code_gives_way_to_the_oauth_error_in_its_log() {
        let error_of = |text: &str| {
            analyze(&CaseInput {
                authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fportal.contoso.com%2Fapi%2Fauth%2Fcallback%2Fazure-ad&scope=openid&state=s1".into(),
                callback: text.into(),
                ..CaseInput::default()
            })
            .report
                .findings
                .into_iter()
                .find(|f| f.code == "response.error")
                .map(|f| f.title)
        };
        let both = "https://portal.contoso.com/api/auth/signin?error=OAuthCallback\n[next-auth][error][OAUTH_CALLBACK_ERROR] invalid_client (AADSTS7000222: The provided client secret keys for app 'x' are expired.)";
        assert!(
            error_of(both).is_some_and(|t| t.contains("invalid_client")),
            "{:?}",
            error_of(both)
        );
        let alone = "https://portal.contoso.com/cb?error=access_denied&error_description=AADSTS65004%3a+declined";
        assert!(error_of(alone).is_none_or(|t| !t.contains("invalid_client")));
    }

    /// The device code page pasted as the landing URL of an authorization code request is one
    /// finding (another flow's page, not this request's answer), not also "landed elsewhere".
    #[test]
    fn the_device_code_page_as_an_auth_code_landing_is_one_finding() {
        let run = |landing: &str| {
            analyze(&CaseInput {
                authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=http%3A%2F%2Flocalhost&scope=openid&state=s1".into(),
                registered: "Mobile and desktop applications\nhttp://localhost".into(),
                callback: landing.into(),
                ..CaseInput::default()
            })
            .report
        };
        for page in [
            "https://microsoft.com/devicelogin",
            "https://login.microsoftonline.com/common/oauth2/deviceauth",
        ] {
            let r = run(page);
            assert!(!r.has("response.landing_differs"), "{:?}", r.findings);
            let f: Vec<_> = r
                .findings
                .iter()
                .filter(|f| f.code == "response.no_code_no_error")
                .collect();
            assert_eq!(f.len(), 1);
            assert!(f[0].title.contains("device code page"), "{}", f[0].title);
            assert!(
                f[0].detail.contains("sent to http://localhost"),
                "{}",
                f[0].detail
            );
        }
        // Near miss: another page than the redirect URI is still "landed elsewhere".
        assert!(run("http://localhost:8080/login").has("response.landing_differs"));
    }
}
