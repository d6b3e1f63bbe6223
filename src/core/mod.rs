//! The analyzer core: pure Rust, no browser or UI crate.
//!
//! Raw input bytes are the truth. `url::Url` is only used to ask whether a
//! string is a valid absolute URI; every comparison and diff runs on the raw
//! (decoded once) strings, never on a normalised URL.

pub mod aadsts;
pub mod authorize;
pub mod callback;
pub mod client;
pub mod codes;
pub mod diff;
pub mod evidence;
pub mod file;
pub mod fix;
pub mod matching;
pub mod order;
pub mod redirect;
pub mod registered;
pub mod report;
pub mod request;
pub mod response;
pub mod saml;
pub mod share;
pub mod uri;

pub use report::{Finding, Platform, RedirectStatus, Report, Severity};

use serde::{Deserialize, Serialize};

/// What the user pasted (SPEC §1 and the CASE format of §5).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseInput {
    /// The authorize URL, its query string, or Entra's error text.
    #[serde(default)]
    pub authorize: String,
    /// The registered redirect URIs, in any supported format.
    #[serde(default)]
    pub registered: String,
    /// The URL the browser landed on, or pasted error text.
    #[serde(default)]
    pub callback: String,
    /// The sign-in audience when the registration does not carry it.
    #[serde(default)]
    pub audience: String,
    /// A HAR export or a sign-in log export.
    #[serde(default)]
    pub evidence: String,
}

/// The largest input (per field) the analyzer reads, in bytes.
pub const MAX_FIELD: usize = 1 << 20;
/// The largest evidence file the analyzer reads, in bytes.
pub const MAX_EVIDENCE: usize = 64 << 20;

/// The one-line verdict the page shows above everything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum VerdictKind {
    /// Nothing to judge yet.
    #[default]
    Empty,
    /// Entra accepts the redirect URI and no error was found.
    Accepted,
    /// Entra accepts the redirect URI but something else fails.
    AcceptedWithErrors,
    /// Entra rejects (or the code will not arrive).
    Rejected,
    /// Not enough input to tell.
    Unknown,
}

impl VerdictKind {
    /// The lowercase name (CSS modifier and data attribute).
    pub fn as_str(self) -> &'static str {
        match self {
            VerdictKind::Empty => "empty",
            VerdictKind::Accepted => "accepted",
            VerdictKind::AcceptedWithErrors => "accepted-with-errors",
            VerdictKind::Rejected => "rejected",
            VerdictKind::Unknown => "unknown",
        }
    }
}

/// Everything the page shows; `report` is what is exported.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// The report of SPEC §3.
    pub report: Report,
    /// The authorize request as read.
    pub request: Option<authorize::AuthorizeRequest>,
    /// The registration as read.
    pub registered: registered::Registered,
    /// The sign-in audience in force.
    pub audience: registered::Audience,
    /// What the request says about the client.
    pub client: client::ClientGuess,
    /// Every registered URI compared with the sent one, nearest first.
    pub comparisons: Vec<matching::Comparison>,
    /// The sent URI against the matched or nearest registered URI.
    pub diff: Option<diff::UriDiff>,
    /// The verdict.
    pub verdict: VerdictKind,
    /// The verdict in one sentence.
    pub headline: String,
    /// The evidence (HAR or sign-in log export) as read, when one was given.
    pub evidence: Option<evidence::Evidence>,
}

fn too_large(field: &str, len: usize, max: usize) -> Finding {
    codes::finding("input.too_large")
        .title(format!("The {field} input is too large ({} KB)", len / 1024))
        .detail(format!(
            "The {field} input has {len} bytes; the analyzer reads at most {max} bytes per field so the page stays responsive. Nothing in it was analysed."
        ))
        .fix(format!("Paste only the relevant part of the {field} input."))
}

/// The single entry point: reads every input and returns the analysis.
/// The fix for MSAL.NET's default redirect URI (`https://replyUrlNotSet`, used when a
/// ConfidentialClientApplicationBuilder has no `.WithRedirectUri(...)`) quoted in Entra's text.
fn reply_url_not_set(text: &str) -> Option<String> {
    let et = authorize::read_error_text(text);
    let default = |u: &str| {
        u.trim_end_matches('/')
            .eq_ignore_ascii_case("https://replyurlnotset")
    };
    let sent = [&et.token_redirect_uri, &et.redirect_uri]
        .into_iter()
        .flatten()
        .any(|u| default(u));
    if !sent {
        return None;
    }
    let registered = et
        .token_redirect_uri
        .as_ref()
        .and(et.redirect_uri.as_deref())
        .filter(|u| !default(u))
        .unwrap_or("<the registered redirect URI>");
    Some(format!("https://replyUrlNotSet is MSAL.NET's default redirect URI, sent when the ConfidentialClientApplicationBuilder is given none: add .WithRedirectUri(\"{registered}\") to the builder (the URI the authorize request sent), or pass that URI where the code is redeemed."))
}

pub fn analyze(input: &CaseInput) -> Analysis {
    analyze_with_evidence(input, read_evidence(&input.evidence))
}

/// Reads the evidence box (a HAR or sign-in log export); `None` when it is
/// empty. The page reads it once per change of that box, as it can be tens of
/// megabytes, and passes it to [`analyze_with_evidence`] for every other edit.
pub fn read_evidence(text: &str) -> Option<evidence::Evidence> {
    if text.trim().is_empty() {
        None
    } else {
        Some(evidence::read(text))
    }
}

/// [`analyze`] with the evidence already read by [`read_evidence`];
/// `input.evidence` itself is not looked at.
pub fn analyze_with_evidence(input: &CaseInput, evidence: Option<evidence::Evidence>) -> Analysis {
    let mut evidence = evidence;
    let mut findings: Vec<Finding> = Vec::new();
    let field = |name: &str, text: &'_ str, max: usize, out: &mut Vec<Finding>| -> bool {
        if text.len() > max {
            out.push(too_large(name, text.len(), max));
            false
        } else {
            true
        }
    };
    let auth_text = if field("authorize", &input.authorize, MAX_FIELD, &mut findings) {
        input.authorize.as_str()
    } else {
        ""
    };
    // As pasted, before a sign-in log or HAR stands in for it.
    let auth_pasted = auth_text;
    let reg_text = if field("registered", &input.registered, MAX_FIELD, &mut findings) {
        input.registered.as_str()
    } else {
        ""
    };
    let cb_text = if field("callback", &input.callback, MAX_FIELD, &mut findings) {
        input.callback.as_str()
    } else {
        ""
    };
    let aud_text = if field("audience", &input.audience, 4096, &mut findings) {
        input.audience.as_str()
    } else {
        ""
    };
    // The portal's details of a failed sign-in pasted in the authorize box: read as the
    // sign-in log entry it is (when no evidence was given).
    let mut auth_text = auth_text;
    if evidence
        .as_ref()
        .is_none_or(|e| e.kind == evidence::Kind::Empty)
        && evidence::csv::read_pane(auth_text).is_some()
    {
        evidence = Some(evidence::read(auth_text));
        auth_text = "";
    }
    // A sign-in log whose latest entry is AADSTS50011 quoting the redirect URI Entra received:
    // with no request pasted, its failure reason is read as Entra's error text.
    // The same with only the troubleshooting details pasted: their correlation ID and app ID
    // say which entry; else the registration's app ID does.
    let details_only = {
        let l = auth_text.to_ascii_lowercase();
        !l.contains("aadsts")
            && !l.contains("://")
            && evidence::correlation_id_in(auth_text).is_some()
    };
    let from_signin = evidence
        .as_ref()
        .filter(|e| {
            e.kind == evidence::Kind::SignInLog && (auth_text.trim().is_empty() || details_only)
        })
        .and_then(|e| {
            let reg = registered::read(reg_text);
            let app = authorize::read_error_text(auth_text).app_id.or(reg.app_id);
            signin_error_text(
                e,
                app.as_deref(),
                evidence::correlation_id_in(auth_text).as_deref(),
                Some(!reg.uris.is_empty()),
            )
        });
    // Its refusal a later sign-in of the same user got past (kept to judge the quoted URI with
    // the pasted list).
    let signin_resolved = from_signin.as_ref().is_some_and(|(_, resolved)| *resolved);
    let auth_text = from_signin.as_ref().map_or(auth_text, |(t, _)| t.as_str());
    // Evidence: a HAR's authorize request (and what reached the app) stand in for empty boxes.
    let har_url = evidence.as_ref().and_then(|e| e.authorize_url.clone());
    let har_other_app = har_url.as_deref().and_then(|u| {
        let apps = evidence.as_ref()?.trace.as_ref()?.apps.as_slice();
        har_of_other_app(auth_text, u, apps, &mut findings)
    });
    let har_authorize = har_url.filter(|u| {
        auth_text.trim().is_empty()
            || (har_other_app.is_none() && har_sent_other_uri(auth_text, u, &mut findings))
    });
    let auth_text = har_authorize.as_deref().unwrap_or(auth_text);
    // A bare address pasted as the landing URL (what the address bar showed after a form_post)
    // says less than what the HAR shows reached it.
    let bare_address = {
        let t = cb_text.trim();
        t.contains("://") && !t.contains(['?', '#']) && !t.contains(char::is_whitespace)
    };
    let har_landing = evidence
        .as_ref()
        .and_then(|e| e.landing.clone())
        .filter(|_| har_other_app.is_none() && (cb_text.trim().is_empty() || bare_address));
    let cb_text = har_landing.as_deref().unwrap_or(cb_text);

    // The app's or sign-in library's message, or the address the browser landed on, pasted in
    // the authorize box with the other box empty: read as what came back, and said so.
    let came_back = cb_text.trim().is_empty() && came_back_text(auth_text);
    let (auth_text, cb_text) = match came_back {
        true => ("", auth_text),
        false => (auth_text, cb_text),
    };
    if came_back {
        findings.push(codes::finding("input.authorize_unreadable").severity(Severity::Info).title("The authorize box holds what came back, not the request").detail("It holds no authorize request or Entra error text, but the app's or sign-in library's message (or the address the browser landed on): that belongs in 'What came back', and it is read as such.").fix("Move it to 'What came back'; paste the authorize URL here to have the redirect URI checked."));
    }
    let error_page = callback::entra_error_page(cb_text)
        .map(|(url, code)| format!("AADSTS{code}, the code that Entra's error page {url} names"));
    let cb_text = error_page.as_deref().unwrap_or(cb_text);
    let mut req = authorize::read(auth_text);
    let cb = callback::read(cb_text);
    // Entra's own redirect-URI error text (AADSTS50011, 500113, 500112) pasted as what came back
    // speaks of the request: it is read as error text in the authorize box is, and judged
    // with the registration instead of as an answer to the app.
    // With no request pasted, that text is the request as Entra saw it (its error page quotes
    // the redirect URI and the app), as it is in the authorize box.
    if let (None, Some(c)) = (req.as_ref(), cb.as_ref()) {
        // Pasted text of the token leg (users paste it as what came back) also names the
        // redirect URI or its origin: read as in the authorize box, with the registration.
        let free = c.url.is_none() && c.body.is_empty();
        let token_leg = free && {
            let et = authorize::read_error_text(cb_text);
            et.origin.is_some()
                || et
                    .codes
                    .iter()
                    .any(|code| matches!(*code, 500112 | 9002326 | 9002327 | 7000218))
        };
        if c.codes.iter().any(|code| matches!(*code, 50011 | 500113))
            || token_leg
            || authorize::names_b2c_redirect_error(&c.text)
        {
            let text = match free {
                true => cb_text,
                false => c.text.as_str(),
            };
            req = authorize::read(text).filter(|r| r.error_text.is_some());
        }
    }
    if let (Some(r), Some(c)) = (req.as_mut(), cb.as_ref()) {
        let judged = |code: &u32| matches!(*code, 50011 | 500113 | 500112);
        // A landing URL or form body carrying one is read from its decoded parameters (Entra
        // shows these codes on its own page: one that reached the app was passed on to it).
        // Azure AD B2C's AADB2C90006 / 90007 are read as AADSTS50011 / 500113 are.
        if r.error_text.is_none() && (c.codes.iter().any(judged) || c.text.contains("AADB2C")) {
            let text = match c.url.is_none() && c.body.is_empty() {
                true => cb_text,
                false => c.text.as_str(),
            };
            let mut et = authorize::read_error_text(text);
            et.codes.retain(judged);
            if !et.codes.is_empty() {
                r.error_text = Some(et);
            }
        }
    }
    // The request's own sign-in in the log, refused with AADSTS50011: its failure reason is
    // Entra's text, quoting the URI Entra received.
    // With a correlation ID of the request (what came back, MSAL's client-request-id), its own
    // entry: another sign-in's AADSTS50011 is not this request's.
    if let (Some(r), Some(ev)) = (req.as_mut(), evidence.as_ref()) {
        if r.error_text.is_none() && r.client_id().is_some() {
            let own = request_correlation(r, cb_text, auth_pasted).filter(|c| {
                ev.signins.iter().any(|s| {
                    s.correlation_id.eq_ignore_ascii_case(c)
                        && r.client_id()
                            .is_some_and(|a| s.app_id.eq_ignore_ascii_case(a))
                })
            });
            if let Some((t, _)) = signin_error_text(ev, r.client_id(), own.as_deref(), None) {
                r.error_text = Some(authorize::read_error_text(&t));
            }
        }
    }
    if let Some(r) = req.as_mut() {
        entra_received_other_uri(r, &mut findings);
        space_in_path(r, &mut findings);
    }
    // MSAL Android's own redirect URI check pasted as what came back is read as in the
    // authorize box: it says which URI the app needs, whatever the request sent.
    let android = authorize::read_error_text(cb_text).android_check;
    if let Some(check) = android.filter(|_| cb.as_ref().is_some_and(|c| c.url.is_none())) {
        match req.as_mut() {
            None => req = authorize::read(cb_text),
            Some(r) => {
                let et = r
                    .error_text
                    .get_or_insert_with(authorize::ErrorText::default);
                et.android_check.get_or_insert(check);
            }
        }
    }
    // The sign-out request: said, its post_logout_redirect_uri judged with the registration
    // below, and none of the authorize request's rules applied.
    let logout = req.as_ref().is_some_and(is_logout);
    if logout && req.as_ref().is_some_and(|r| r.carries_request()) {
        findings.push(logout_finding());
    }
    if let Some(r) = &req {
        if !r.carries_request() {
            let saml2 = r.path.as_deref().is_some_and(|p| {
                p.to_ascii_lowercase()
                    .trim_end_matches('/')
                    .ends_with("/saml2")
            });
            let what = match &r.host {
                Some(h) if saml2 => format!("The URL on {h} is Entra's SAML endpoint (/saml2) without a SAMLRequest that can be read: with the HTTP-POST binding the app's SAMLRequest travels in the form body, not the address (or the value is not base64 of a deflated or plain AuthnRequest)."),
                Some(h) if is_sign_in_start(&r.url) => format!("The URL on {h} is the app's own sign-in start, which answers with a redirect to Entra's authorize URL: that next request is the one to paste."),
                Some(h) => format!("The URL on {h} carries no authorize parameters (client_id, redirect_uri, response_type, scope): it is not the authorize request."),
                None if auth_text.to_ascii_uppercase().contains("AADSTS") => "The authorize box names AADSTS without a whole error code (AADSTS and its five to seven digits) or a message to read: the text was cut when it was copied.".to_string(),
                None => "No authorize URL, query string (client_id=…&redirect_uri=…) or Entra error text (AADSTS…) was found in the authorize box.".to_string(),
            };
            let f = codes::finding("input.authorize_unreadable");
            // Only the troubleshooting details of Entra's page (Request Id, Correlation Id,
            // Timestamp): they identify the sign-in, the message line says what failed.
            let lower = auth_text.to_ascii_lowercase();
            let ids_only = r.host.is_none()
                && (lower.contains("correlation id") || lower.contains("request id"))
                && authorize::first_guid(auth_text).is_some();
            // The device code endpoint as read, or standing in a command (curl … /devicecode -d …).
            let device = (r.host.is_some() && uri::is_device_code(&r.url))
                || auth_text.split_whitespace().any(|w| {
                    let w = w.trim_matches(['\'', '"', '<', '>']);
                    w.contains("://") && uri::is_device_code(w)
                });
            let other = request::other_provider_text(auth_text);
            // A bare /token URL is said below, as the token request it is.
            let token = request::token_grant(r).is_some();
            // A link made by this page's Share button: its case is in the part after '#'.
            let shared = r.host.is_some() && share::is_share_link(auth_text);
            findings.extend((!token).then(|| if shared {
                f.title("This is a share link of this page, not the authorize request").detail("The authorize box holds a link made by this page's Share button: the case it carries (the authorize request, the registered URIs and what came back, redacted) is compressed in the part after '#'. It is not a request to Entra, so there is no redirect URI in it to check.").fix("Open the link in the browser's address bar (or press 'Open shared case' on this page): the page then shows the shared case and its diagnosis.")
            } else if saml::is_logout_request(auth_text) {
                f.severity(Severity::Info).title("This is a SAML sign-out request, not a sign-in").detail("The authorize box holds a SAML LogoutRequest: the app asks Entra to sign the user out. It names no reply URL, so there is none to check; Entra answers it at the app's Logout Url.").fix("To check a sign-in, paste its SAMLRequest with an AuthnRequest (the request the app sends when a user signs in), or Entra's error text.")
            } else if let Some(name) = other {
                codes::finding("request.not_entra_authorize").severity(Severity::Error).title(format!("This is {name}'s error page, not Entra's")).detail(format!("The authorize box holds {name}'s own error page: {name}'s sign-in server refused the request, so Entra never saw it, and Entra's app registration plays no part.")).fix(format!("Fix it in {name}'s client settings (its allowed redirect or callback URLs). To check an Entra sign-in, paste its request to login.microsoftonline.com/…/oauth2/v2.0/authorize or Entra's error text (AADSTS…)."))
            } else if device {
                f.severity(Severity::Info).title("The device code flow uses no redirect URI").detail("The authorize box holds an address of the device code flow: the app asks /devicecode for a code, the user enters it on another device's browser, and the app polls /token for the tokens. No authorization code goes to a redirect URI, so there is none to check here.").fix("Nothing to register for this flow. If it fails, paste the answer of the /token polling (authorization_pending while the user has not finished; AADSTS7000218 means public client flows are not allowed on the app registration).")
            } else if is_logout(r) {
                logout_finding()
            } else if r.host.as_deref().is_some_and(uri::is_my_apps_launch) {
                f.severity(Severity::Info).title("This is a My Apps launch link, not the sign-in request").detail(format!("The URL on {} starts an app's sign-in from My Apps. For a SAML app, Entra then posts a SAML response that no request asked for (IdP-initiated) to the app's Default Reply URL; for an OpenID Connect or linked app, the browser goes to the app's Sign on or home page URL and the app sends its own authorize request. Neither is in this link, so there is no redirect URI in it to check.", r.host.as_deref().unwrap_or_default())).fix("Paste the request that followed it (browser developer tools, Network tab with Preserve log): the request to …/oauth2/v2.0/authorize or …/saml2, or Entra's error text. For a SAML app launched from My Apps, the SAML response goes to the Default Reply URL (Basic SAML Configuration): check that the app accepts it there.")
            } else if ids_only {
                f.title("Only the troubleshooting details were pasted, not Entra's error message").detail("The authorize box holds the troubleshooting details of Entra's error page (Request Id, Correlation Id, Timestamp), which identify the sign-in but do not say what failed; the message does: the line starting with AADSTS and a number (shown above the details, or as 'Message:' among them).").fix("Paste the message line with its AADSTS code, or the authorize URL from the browser's address bar. Keep the Request Id and Correlation Id: they find this sign-in in Entra's sign-in logs and belong in a support ticket.")
            } else {
                f.detail(what).fix(if saml2 { "Paste the SAMLRequest itself: in the browser's developer tools, the request to …/saml2 › Payload (Form Data) shows SAMLRequest; copy its value, or the whole form, into this box. Or paste the error text Entra showed." } else { "Paste the full URL of the request to …/oauth2/v2.0/authorize (browser developer tools, Network tab: the first request to the Entra host after you click Sign in), or the error text Entra showed." })
            }));
        }
        request::reading_findings(r, &mut findings);
    }
    // A list of several applications is narrowed to the request's client_id.
    let reg = registered::read_for(
        reg_text,
        req.as_ref().and_then(|r| r.client_id()),
        req.as_ref().and_then(|r| r.redirect_uri()),
    );
    for p in &reg.problems {
        findings.push(codes::finding("input.registered_unreadable").detail(format!("Line {}, column {}: {}", p.line, p.column, p.message)).fix("Paste one URI per line, the portal's Authentication page, or the app's manifest / Graph JSON."));
    }
    // How a part was read (lines joined into one URI, a plan's removed lines): said, so no
    // judgement reaches a command unnoticed.
    for p in &reg.notes {
        findings.push(
            codes::finding(p.code)
                .severity(p.severity)
                .title(p.title)
                .detail(p.message.clone())
                .fix(p.fix),
        );
    }
    // The sign-out request: its post_logout_redirect_uri must be one of the app's registered
    // redirect URIs, or Entra leaves the user on its own signed-out page.
    // (Azure AD B2C redirects there whatever is registered, unless its policy requires an ID
    // token in the sign-out request.)
    if let Some(post) = req
        .as_ref()
        .filter(|r| logout && !r.is_b2c())
        .and_then(|r| r.get("post_logout_redirect_uri"))
        .filter(|_| !reg.uris.is_empty())
    {
        // Compared as the sign-in's redirect URI is (the localhost port rule too).
        let matched = reg.uris.iter().any(|u| {
            matching::compare(post, &u.uri, false)
                .status()
                .is_accepted()
        });
        if !matched {
            findings.push(codes::finding("request.post_logout_redirect_uri_not_registered").title("post_logout_redirect_uri is not a registered redirect URI").detail(format!("The sign-out request sends post_logout_redirect_uri={post}, which the pasted list does not hold: Entra sends the browser there after sign-out only when it is one of the app's registered redirect URIs (compared exactly), so the user stays on Entra's signed-out page. (The front-channel logout URL is another setting: the address Entra calls to end the app's own session.)")).fix(format!("Register {post} as a redirect URI of the app (under the platform of its sign-in), or send one that is registered.")));
        }
    }
    // An authorize URL cut short (a chat app, a log line, a screenshot's width): its last
    // parameter is cut and the ones after it were never pasted, so none is judged missing.
    let cut_off = req.as_mut().and_then(|r| cut_off_param(r, auth_text, &reg));
    if let Some((name, value)) = &cut_off {
        findings.push(codes::finding("input.authorize_unreadable").severity(Severity::Error).title("The authorize URL is cut off").detail(format!("The pasted URL ends inside {name} ({name}={value}): it was cut where it was copied from (a chat message, a log line, a column), so {name} is not the value the app sent and the parameters after it are missing from the paste, not from the request. Neither is judged here.")).fix("Copy the whole URL again: from the browser's address bar or the Network tab (right-click the request › Copy › Copy URL), or from the log with the line unwrapped."));
    }
    let audience = match reg.audience {
        registered::Audience::Unknown => registered::Audience::parse(aud_text),
        a => a,
    };
    // An Azure AD B2C user flow's app is registered for "accounts in any identity provider
    // or organizational directory" (AzureADandPersonalMicrosoftAccount): its rules for
    // wildcards and query strings are the personal accounts'.
    let b2c_audience =
        audience == registered::Audience::Unknown && req.as_ref().is_some_and(|r| r.is_b2c());
    let audience = if b2c_audience {
        registered::Audience::OrgsAndPersonal
    } else {
        audience
    };
    // AADSTS9002326 names only the origin of the page that redeemed the code: when no
    // authorize URL gives the redirect URI, the one registered URI on that origin stands in.
    let origin = req
        .as_ref()
        .filter(|r| r.redirect_uri().is_none())
        .and_then(|r| r.error_text.as_ref()?.origin.as_deref());
    let on = origin.map_or_else(Vec::new, |o| redirect::on_origin(o, &reg));
    let from_origin = origin.and_then(|o| {
        let first = on.first()?;
        on.iter()
            .all(|r| r.uri == first.uri)
            .then(|| (o.to_string(), first.uri.clone()))
    });
    // Several registered URIs on that origin: which one Entra judged is not in the text.
    let several_on_origin: Vec<String> = match (origin, from_origin.is_none()) {
        (Some(_), true) if on.len() > 1 => on
            .iter()
            .map(|r| match r.platform {
                Platform::Unknown => r.uri.clone(),
                p => format!("{} ({})", r.uri, p.portal_name()),
            })
            .collect(),
        _ => Vec::new(),
    };
    // AADSTS7000218 (no client secret) names no redirect URI: when the text names a public
    // client's interactive sign-in, the one registered loopback URI without a path (its local
    // listener's) stands in.
    let listener = req
        .as_ref()
        .filter(|r| r.redirect_uri().is_none() && from_origin.is_none())
        .and_then(|r| r.error_text.as_ref())
        .filter(|e| e.codes.contains(&7000218))
        .and_then(|e| {
            let name = client::named_public_client(&e.text)
                .or_else(|| client::named_public_client(cb_text))?;
            let on: Vec<_> = reg
                .uris
                .iter()
                .filter(|u| {
                    let x = uri::Uri::new(&u.uri);
                    x.scheme_lower() == "http"
                        && (x.is_localhost() || x.is_loopback_v4())
                        && matches!(x.path(), "" | "/")
                        && x.query().is_none()
                })
                .collect();
            // Several (http://localhost, http://localhost:8400, http://127.0.0.1:53124) under
            // one platform: whichever Entra matched, it judged that platform; a localhost one
            // (its port ignored) stands in.
            let first = on
                .iter()
                .find(|u| uri::Uri::new(&u.uri).is_localhost())
                .or(on.first())?;
            if on.iter().all(|u| u.platform == first.platform) {
                return Some((name, first.uri.clone(), on.len()));
            }
            // Under several platforms: the public client's own localhost entry (under Mobile
            // and desktop applications) stands in; its twins elsewhere are judged beside it.
            on.iter()
                .find(|u| {
                    u.platform == Platform::PublicClient && uri::Uri::new(&u.uri).is_localhost()
                })
                .map(|u| (name, u.uri.clone(), 0))
        });
    let mut client = req
        .as_ref()
        .map(|r| client::infer_with(r, cb_text))
        .unwrap_or_default();
    if let (Some((name, u, n)), client::ClientKind::Unknown) = (&listener, client.kind) {
        let which = if *n == 0 {
            "is the one under Mobile and desktop applications among the registered loopback URIs without a path"
        } else if *n > 1 {
            "stands for the registered loopback URIs without a path, all under one platform (Entra ignores a localhost URI's port)"
        } else {
            "is the one registered loopback URI without a path"
        };
        client = client::ClientGuess {
            kind: client::ClientKind::Native,
            because: format!("the pasted text names {name}, a public client's interactive sign-in, which listens on a loopback address; Entra's text gives no redirect URI, and {u} {which}, so it is judged as the redirect URI"),
            library: Some(name.to_string()),
        };
    }
    if let (Some((o, u)), client::ClientKind::Unknown) = (&from_origin, client.kind) {
        client = client::ClientGuess {
            kind: client::ClientKind::Spa,
            because: format!("the pasted text names {o} as the origin of the code redemption (Entra's Request origin, or the browser's CORS block of the token request), so a browser page redeemed the code; the text gives only the origin, not the redirect URI, and {u} is the one registered URI on it, so it is judged as the redirect URI"),
            library: None,
        };
    }
    // Unreadable JSON is not "registered and empty": only a read registration is judged.
    let registered_given = !reg_text.trim().is_empty()
        && (!reg.uris.is_empty()
            || ((reg.from_json || reg.has_platforms) && reg.problems.is_empty()));

    let mut form_ok = true;
    // A request to /token or /devicecode pasted for the authorize request: said, and none of
    // the authorize request's rules applied to it.
    let token_grant = req
        .as_ref()
        .filter(|_| !logout)
        .and_then(request::token_grant);
    let not_authorize = token_grant.is_some() || logout;
    if let Some(g) = &token_grant {
        findings.push(request::token_request_finding(g));
    }
    if let Some(r) = req
        .as_ref()
        .filter(|r| r.carries_request())
        .filter(|_| !not_authorize)
    {
        let ctx = request::Ctx {
            req: r,
            reg: &reg,
            audience,
            client: &client,
            platform: None,
        };
        // A SAML request has none of OAuth's parameters to check, only its reply URL.
        if r.saml.is_none() {
            request::client_checks(&ctx, &mut findings);
        }
        // The listener's registered URI standing in was registered, so its form is valid.
        form_ok = request::redirect_form_checks(&ctx, &mut findings) || listener.is_some();
        request::error_text_findings(r, &mut findings);
    }
    // None on that origin: the page runs where no registered URI is (www against the apex,
    // another host or port).
    if let (Some(o), true, false) = (origin, on.is_empty(), reg.uris.is_empty()) {
        for f in findings.iter_mut().filter(|f| f.aadsts == Some(9002326)) {
            f.detail.push_str(&format!(" The text gives only the origin of the page that redeemed the code ({o}), and the pasted list holds no URI on that origin (scheme, host and port; the port counts except for localhost): the page runs on another origin than the registered URIs (www against the apex domain, another host or port), or the list is another app's."));
            f.fix = format!("Register the redirect URI the app sends (on {o}; its MSAL redirectUri) under Single-page application, or serve the app from the origin of a registered SPA URI.");
        }
    }
    if let (Some(o), false) = (origin, several_on_origin.is_empty()) {
        for f in findings
            .iter_mut()
            .filter(|f| matches!(f.aadsts, Some(9002326 | 9002327)))
        {
            let localhost = if uri::Uri::new(o).is_localhost() {
                " (any port: Entra ignores the port of localhost URIs)"
            } else {
                ""
            };
            f.detail.push_str(&format!(" The text gives only the origin of the page that redeemed the code ({o}), not the redirect URI; the pasted list holds {} URIs on that origin{localhost}: {}. Which one the request sent is not in the text.", several_on_origin.len(), several_on_origin.join(", ")));
            if f.aadsts == Some(9002326) {
                f.fix = format!("Find the redirect URI the app sends (its MSAL redirectUri, or redirect_uri in the authorize URL: paste that URL here to have it checked) among {} and register it under Single-page application, removing it from any other platform.", several_on_origin.join(", "));
            }
        }
    }
    let sent = req
        .as_ref()
        .and_then(|r| r.redirect_uri())
        .or(from_origin.as_ref().map(|(_, u)| u.as_str()))
        .or(listener.as_ref().map(|(_, u, _)| u.as_str()));
    let mut outcome = redirect::check(
        req.as_ref(),
        sent,
        form_ok,
        &reg,
        registered_given,
        audience,
        &client,
        &mut findings,
    );
    if let Some((o, u)) = &from_origin {
        origin_port_ignored(&mut findings, &mut outcome.report, &reg, o, u);
    }
    // The log's refusal of a URI the pasted list holds, which a later sign-in of the same user
    // got past: the registration was changed since (or the change had not applied yet then).
    if signin_resolved {
        for f in findings
            .iter_mut()
            .filter(|f| f.code == "redirect.registration_stale" && f.severity == Severity::Error)
        {
            f.severity = Severity::Info;
            f.title = "Entra refused this redirect URI then, but a later sign-in got past it: the pasted registration holds it now".to_string();
            f.detail.push_str(" The same user's later sign-in of the app succeeded, so the registration in force held the URI by then: the list was changed after the refusal (changes take a few minutes to apply).");
            f.fix = "Nothing to change if sign-in works now; if it still fails, paste the failing attempt's authorize URL or its newest sign-in log entry.".to_string();
        }
    }
    if let Some(m) = &outcome.report.matched {
        also_move_localhost_twins(&mut findings, &reg, m);
    }
    // Beside an https:// registration of the same URI, the app most likely is served over https
    // already and builds its URI behind a proxy that ends TLS: "serve the app over https" misleads.
    if findings
        .iter()
        .any(|f| f.code == "redirect.scheme_mismatch")
    {
        for f in findings
            .iter_mut()
            .filter(|f| f.code == "redirect.http_not_localhost")
        {
            f.fix = "Send the https:// URI that is registered. If the app is already served over https, TLS ends at a proxy or front end before it: the scheme finding says how the app learns the original scheme.".into();
        }
    }
    if let Some(issuer) = req
        .as_ref()
        .and_then(|r| r.saml.as_ref()?.issuer.as_deref())
    {
        saml_issuer(&mut findings, issuer, &reg.identifiers);
    } else if let Some(quoted) = req
        .as_ref()
        .and_then(|r| r.error_text.as_ref())
        .filter(|e| e.codes.contains(&700016) && !reg.identifiers.is_empty())
        .and_then(|_| identifier_in_700016(req.as_ref()?.error_text.as_ref()?.text.as_str()))
    {
        // Entra's AADSTS700016 quotes the Issuer it could not find: compared with the
        // pasted Identifier as a request's Issuer would be.
        if !uri::is_guid(&quoted) {
            findings
                .retain(|f| !(f.code == "request.client_id_invalid" && f.aadsts == Some(700016)));
            saml_issuer(&mut findings, &quoted, &reg.identifiers);
            // The page's record of the error keeps OAuth's words: a SAML app has no client_id.
            for f in findings
                .iter_mut()
                .filter(|f| f.code == "response.error" && f.aadsts == Some(700016))
            {
                f.fix = "A SAML app is found by the request's Issuer, which must equal one of its Identifiers (Entity ID): see request.client_id_invalid.".into();
            }
        }
    } else if let Some(quoted) = req
        .as_ref()
        .and_then(|r| r.error_text.as_ref())
        .filter(|e| e.codes.contains(&700016))
        .and_then(|e| identifier_in_700016(&e.text))
        .filter(|q| q.eq_ignore_ascii_case(PNP_MANAGEMENT_SHELL))
    {
        // The PnP Management Shell's multi-tenant app, which PnP PowerShell and the CLI for
        // Microsoft 365 used by default, was deleted in September 2024: no tenant finds it.
        for f in findings
            .iter_mut()
            .filter(|f| f.aadsts == Some(700016) && f.severity == Severity::Error)
        {
            f.fix = format!("{quoted} is the PnP Management Shell app, which PnP PowerShell used by default until it was deleted in September 2024: no tenant can find it any more. Register an app of your own (Register-PnPEntraIDAppForInteractiveLogin, or an app registration with http://localhost under Mobile and desktop applications) and pass its client ID (Connect-PnPOnline -ClientId <id>).");
        }
    } else if let Some(quoted) = req
        .as_ref()
        .and_then(|r| r.error_text.as_ref())
        .filter(|e| e.codes.contains(&700016))
        .and_then(|e| identifier_in_700016(&e.text))
        .filter(|q| q.contains("://") || q.to_ascii_lowercase().starts_with("urn:"))
    {
        // AADSTS700016 quoting a URL or URN: the identifier of a SAML app (its Entity ID, the
        // request's Issuer), not an OAuth client ID.
        for f in findings
            .iter_mut()
            .filter(|f| f.aadsts == Some(700016) && f.severity == Severity::Error)
        {
            f.fix = format!("{quoted} is a SAML Entity ID (the request's Issuer), not a client ID: make it equal an Identifier of the enterprise application (Enterprise applications › the app › Single sign-on › Basic SAML Configuration › Identifier (Entity ID)), or add it there; and sign in to the tenant that holds the app.");
        }
    }
    if req.as_ref().is_some_and(|r| r.saml.is_some()) {
        saml_reply_urls(&mut findings);
        if har_authorize.is_some() {
            for f in findings
                .iter_mut()
                .filter(|f| f.code == "input.authorize_decoded")
            {
                f.detail = f
                    .detail
                    .replace("The authorize box holds", "The HAR's sign-in request is");
            }
        }
    }
    if registered_given && !reg.uris.is_empty() {
        let error_text = req.as_ref().and_then(|r| r.error_text.as_ref());
        if error_text.is_some_and(|e| e.codes.contains(&500113)) {
            no_reply_address_stale(
                &mut findings,
                reg.uris.len(),
                req.as_ref().and_then(|r| r.client_id()),
            );
        }
    }
    let target = outcome.target.and_then(|i| reg.uris.get(i));
    // The platform of the URI the request matched (not of a merely nearest one).
    let platform_of_target = target
        .filter(|_| outcome.report.status.is_accepted())
        .map(|t| t.platform)
        .filter(|p| *p != Platform::Unknown);
    if let Some(r) = req
        .as_ref()
        .filter(|r| r.carries_request() && r.saml.is_none() && !not_authorize)
    {
        let platform = target
            .map(|t| t.platform)
            .filter(|p| *p != Platform::Unknown);
        let ctx = request::Ctx {
            req: r,
            reg: &reg,
            audience,
            client: &client,
            platform,
        };
        request::flow_checks(&ctx, &mut findings);
    }
    // A server app to be opened at localhost builds the URI itself: a URL that sends localhost
    // from 127.0.0.1 is what the fix warns against.
    for f in findings.iter_mut().filter(|f| {
        f.code == "redirect.localhost_vs_loopback_ip" && f.fix.starts_with("Open the app at")
    }) {
        f.snippets.retain(|s| {
            !s.label
                .starts_with("Authorize URL with the registered redirect URI")
        });
    }
    // A token request's body rebuilt as an authorize URL would be none, and would repeat its
    // secret: only the URI to register stays.
    if token_grant.is_some() {
        for f in &mut findings {
            f.snippets.retain(|s| {
                !(s.label.starts_with("Query string")
                    || s.label.starts_with("Authorize URL")
                    || s.label.starts_with("Corrected"))
            });
        }
    }
    // After a cut, what follows it is not known: no parameter is missing from the request
    // (the findings on a present value stay).
    if cut_off.is_some() {
        findings.retain(|f| {
            let absent = f.code.starts_with("request.")
                && f.code.ends_with("_missing")
                && f.title.starts_with("The request has no");
            !(absent
                || matches!(
                    f.code.as_str(),
                    "request.pkce_missing" | "request.nonce_missing" | "request.openid_missing"
                ))
        });
    }
    // A second '?' put authorize parameters into redirect_uri's value: its query is that
    // mistake, not a query to register.
    if req.as_ref().is_some_and(|r| {
        ["response_type", "scope", "state", "nonce", "response_mode"]
            .iter()
            .any(|n| request::swallowed(r, n).as_deref() == Some("redirect_uri"))
    }) {
        findings.retain(|f| f.code != "redirect.query_mismatch");
    }
    if let Some(cb) = &cb {
        response::checks(
            cb,
            req.as_ref(),
            sent,
            &client,
            platform_of_target,
            &mut findings,
        );
        // The answer arrived at the root with its slash: that the app must serve it is moot.
        let at_root = cb.url.as_deref().is_some_and(|u| {
            let l = uri::Uri::new(u);
            sent.is_some_and(|s| {
                let s = uri::Uri::new(s);
                s.path().is_empty()
                    && l.without_query_fragment().strip_suffix('/')
                        == Some(s.without_query_fragment())
            })
        });
        if at_root && findings.iter().any(|f| f.code == "response.code_received") {
            findings.retain(|f| f.code != "redirect.root_trailing_slash");
        }
        window_stuck_on_refusal(&mut findings, sent);
    }
    answer_confirms(&mut findings);
    if let Some(t) = target.filter(|_| outcome.report.status.is_accepted()) {
        platform_already_registered(&mut findings, &t.uri, t.platform);
    }
    if let Some(ev) = evidence.as_mut() {
        let correlation = match &req {
            Some(r) => request_correlation(r, cb_text, auth_pasted),
            None => evidence::correlation_id_in(cb_text)
                .or_else(|| evidence::correlation_id_in(auth_pasted)),
        };
        let ctx = evidence::Context {
            // With no request, the app the pasted registration names.
            client_id: req
                .as_ref()
                .and_then(|r| r.client_id())
                .or(reg.app_id.as_deref()),
            correlation_id: correlation.as_deref(),
            redirect_uri: sent,
            registered: registered_given.then_some(&reg),
            prompt_none: req
                .as_ref()
                .and_then(|r| r.get("prompt"))
                .is_some_and(|p| p.trim().eq_ignore_ascii_case("none")),
        };
        let judged = ev.evaluate(&ctx);
        match &har_other_app {
            // Another app's sign-in: what went wrong in it is not this request's cause.
            Some(app) => findings.extend(judged.into_iter().map(|mut f| {
                if f.code.starts_with("har.") && f.severity != Severity::Info {
                    f.severity = Severity::Info;
                    f.title = format!("{} (the HAR's sign-in of client_id {app})", f.title);
                }
                f
            })),
            None => findings.extend(judged),
        }
        if outcome.report.status.is_accepted() {
            signin_refused_listed_uri(&mut findings, ev, ctx.client_id, sent);
            har_refused_listed_uri(&mut findings, ev, sent);
            let spa = outcome
                .report
                .matched
                .as_ref()
                .is_some_and(|m| m.platform == report::Platform::Spa);
            if spa {
                har_spa_refused(&mut findings, sent);
            }
        }
    }
    // Entra's own answer "No reply address was provided" (AADSTS900971) confirms that the
    // missing redirect_uri is what failed, not only a risk.
    if findings.iter().any(|f| f.aadsts == Some(900971)) {
        for f in findings
            .iter_mut()
            .filter(|f| f.code == "request.redirect_uri_missing")
        {
            f.severity = Severity::Error;
            if f.fix.is_empty() {
                f.fix = "Send redirect_uri with the URI registered for the app's platform (MSAL: the redirectUri setting).".into();
            }
        }
    }
    authorize_passed(&mut findings);
    // Another identity provider's request (Google, Okta, Auth0, Keycloak…): Entra never sees
    // it, so a comparison with the Entra registration is no finding about it.
    let other_idp = req.as_ref().is_some_and(|r| {
        r.host
            .as_deref()
            .and_then(|h| request::other_provider(h, r.path.as_deref().unwrap_or("")))
            .is_some()
    });
    if other_idp {
        findings.retain(|f| !f.code.starts_with("redirect.") || f.severity == Severity::Info);
    }
    localhost_platform_refused(
        &mut findings,
        outcome.report.matched.as_ref().map(|m| m.platform),
    );
    if outcome.report.status == RedirectStatus::Mismatch {
        // The request's state came back unchanged in the pasted answer.
        let state_returned = req
            .as_ref()
            .and_then(|r| r.get("state"))
            .zip(cb.as_ref().and_then(|cb| cb.get("state").map(|(s, _)| s)))
            .is_some_and(|(a, b)| a == b);
        // An error answer (not one about the redirect URI) that came back to the sent URI with
        // the request's state: Entra or B2C redirected there, so they matched it.
        let error_here = state_returned
            && cb.as_ref().is_some_and(|c| {
                let at_sent = c.url.as_deref().is_some_and(|u| {
                    sent.is_some_and(|s| {
                        uri::Uri::new(u).without_query_fragment()
                            == uri::Uri::new(s).without_query_fragment()
                    })
                });
                let about_redirect = c
                    .codes
                    .iter()
                    .any(|x| matches!(*x, 50011 | 500113 | 500112))
                    || authorize::names_b2c_redirect_error(&c.text)
                    || c.text.contains("redirect_uri");
                at_sent && c.get("error").is_some() && !about_redirect
            });
        let how = accepted_anyway(&findings, evidence.as_ref(), sent, state_returned)
            .or(error_here.then_some("an error answer came back to it with the request's state"));
        if let Some(how) = how {
            // `https://x/` sent, `https://x` registered (or the reverse): the answer shows
            // Entra matched them, which the reply-url page leaves unsaid.
            let root_slash = outcome.report.nearest.as_ref().is_some_and(|n| {
                n.differences == ["trailing_slash"]
                    && [n.uri.as_str(), sent.unwrap_or("")]
                        .iter()
                        .any(|u| matches!(uri::Uri::new(u).path(), "" | "/"))
            });
            registration_stale(&mut findings, how, root_slash);
        } else if let Some(t) = reg
            .templates
            .iter()
            .find(|t| registered::template_may_become(t, sent.unwrap_or_default()))
        {
            template_may_hold(&mut findings, t, sent.unwrap_or_default());
        } else if let Some(left_out) = &reg.left_out {
            let entra_said = req
                .as_ref()
                .and_then(|r| r.error_text.as_ref())
                .is_some_and(|e| e.codes.contains(&50011))
                || findings
                    .iter()
                    .any(|f| f.aadsts == Some(50011) && !f.code.starts_with("redirect."));
            if !entra_said {
                list_cut(&mut findings, left_out, sent.unwrap_or_default());
            }
        }
    }
    // A list without its app ID that holds, exactly, the redirect URI another app of the same
    // HAR sent (and not this request's): it is that app's registration.
    let har_owner = (reg.app_id.is_none() && outcome.report.status == RedirectStatus::Mismatch)
        .then(|| evidence.as_ref()?.trace.as_ref())
        .flatten()
        .zip(req.as_ref().and_then(|r| r.client_id()))
        .and_then(|(t, sent_app)| {
            t.apps
                .iter()
                .find(|(app, uri)| {
                    !app.eq_ignore_ascii_case(sent_app) && reg.uris.iter().any(|r| r.uri == *uri)
                })
                .map(|(app, _)| app.clone())
        });
    if let (Some(pasted), Some(sent_app)) = (
        reg.app_id.as_deref().or(har_owner.as_deref()),
        req.as_ref().and_then(|r| r.client_id()),
    ) {
        other_app_commands(&mut findings, &reg, pasted, sent_app);
    }
    // The Identifier to name: the request's Issuer, unless the pasted Identifiers do not hold
    // it (then it finds no app, or another one): the pasted one.
    let identifier = req
        .as_ref()
        .and_then(|r| r.saml.as_ref()?.issuer.as_deref())
        .map(|i| match reg.identifiers.first() {
            Some(first) if !reg.identifiers.iter().any(|x| x == i) => first.as_str(),
            _ => i,
        });
    placeholder_app_id(&mut findings, identifier);
    // Entra issued the code of a hybrid request: the implicit grant setting it needs is on.
    // Entra answered unsupported_response_type for it (AADSTS700054 for ID tokens, 700051 for
    // access tokens): the setting is off, the cause to fix, before the answer that shows it.
    let issued = findings
        .iter()
        .any(|f| f.code == "har.code_issued" || f.code == "response.code_received");
    let refused = |code: u32| {
        findings
            .iter()
            .any(|f| f.aadsts == Some(code) && f.code != "request.implicit_grant_required")
    };
    // The personal-account endpoint says it without a code: "'id_token' is disabled for this app".
    let said = |what: &str| {
        [auth_text, cb_text]
            .iter()
            .any(|t| t.contains(&format!("'{what}' is disabled for this app")))
    };
    let (refused_id, refused_access) = (
        refused(700054) || said("id_token"),
        refused(700051) || said("token"),
    );
    if issued && !refused_id && !refused_access {
        findings.retain(|f| f.code != "request.implicit_grant_required");
    }
    for f in findings
        .iter_mut()
        .filter(|f| f.code == "request.implicit_grant_required" && f.severity != Severity::Error)
    {
        let setting = match f.aadsts {
            Some(700054) if refused_id => "ID tokens",
            Some(700051) if refused_access => "Access tokens",
            _ => continue,
        };
        let code = f.aadsts.unwrap_or(0);
        *f = f.clone().severity(Severity::Error).title(format!("{setting} are not enabled for implicit grant")).detail(format!("{} Entra's answer says it is off: AADSTS{code}.", f.detail)).fix(format!("Enable '{setting}' under Authentication › Implicit grant and hybrid flows (web.implicitGrantSettings), or use response_type=code."));
    }
    // AADSTS50020 for a personal account (outlook.com, live.com) at an app whose registration
    // takes only its own tenant's users: the app's account types decide, not an invitation.
    // Said in the pasted texts, or in the HAR's or sign-in log's own finding that quotes Entra.
    let personal_in = |t: &str| {
        let l = t.to_ascii_lowercase();
        ["live.com", "outlook.com", "hotmail.", "msn.com", "passport"]
            .iter()
            .any(|d| l.contains(d))
    };
    let personal = personal_in(auth_text) || personal_in(cb_text);
    if audience == registered::Audience::MyOrg {
        for f in findings.iter_mut().filter(|f| {
            matches!(
                f.code.as_str(),
                "response.error" | "har.entra_error_page" | "har.error_returned" | "signin.failure"
            ) && f.aadsts == Some(50020)
                && (personal || personal_in(&f.detail))
        }) {
            f.fix = "A personal Microsoft account tried to sign in, and the app's Supported account types take only its own tenant's users (signInAudience AzureADMyOrg). If personal accounts should sign in, change Supported account types to include them (AzureADandPersonalMicrosoftAccount) and sign in through /common. Otherwise invite the user as a guest and have the app sign in at the tenant's own authority (login.microsoftonline.com/{tenant ID}: /common sends a personal account to Microsoft's consumer tenant, 'Microsoft Services'), or sign in with an account of the tenant.".into();
        }
    }
    // Microsoft's own client apps: their redirect URIs are Microsoft's to set, not the user's.
    if let Some((id, name)) = req
        .as_ref()
        .and_then(|r| r.client_id())
        .and_then(|id| first_party(id).map(|n| (id.to_string(), n)))
    {
        let mut touched = false;
        for f in findings
            .iter_mut()
            .filter(|f| f.code.starts_with("redirect."))
        {
            let before = f.snippets.len();
            f.snippets.retain(|s| !s.text.starts_with("az "));
            touched |= f.snippets.len() != before || f.severity == Severity::Error;
            if f.fix.starts_with("Paste the registered redirect URIs") {
                f.fix = format!("{name} is Microsoft's own app (see request.client_id_invalid): its registered redirect URIs cannot be seen or changed. Send the redirect URI its tool or library uses, or sign in with an application of your own.");
            }
        }
        if touched {
            findings.push(codes::finding("request.client_id_invalid").severity(Severity::Warning).title(format!("client_id is Microsoft's own app: {name}")).detail(format!("The request's client_id {id} is {name}, an application Microsoft registers in its own tenant. Its redirect URIs are Microsoft's to set: no one else can see or change them, so registering a URI for it is not possible.")).fix("Send the redirect URI that client is documented with (its own tool or library sets it), or register an application of your own, with the redirect URI your tool sends, and use its client ID."));
        }
    }
    // AADSTS90002 quoting a tenant that is template text ('{tenant-id}'): never filled in.
    let tenant_quoted = [auth_text, cb_text].iter().find_map(|t| {
        let at = t.find("Tenant '")? + "Tenant '".len();
        let len = t[at..].find('\'')?;
        Some(t[at..at + len].to_string())
    });
    if let Some(t) = tenant_quoted.filter(|t| request::is_placeholder(t)) {
        for f in findings
            .iter_mut()
            .filter(|f| f.aadsts == Some(90002) && f.severity == Severity::Error)
        {
            f.fix = format!("The authority still holds the template text '{t}': put the app's Directory (tenant) ID (the app registration's Overview page) in its place, or organizations or common for a multi-tenant app.");
        }
    }
    // A SAML error response read from a HAR is said by the HAR's finding; the landing the
    // HAR stands in for says it once more.
    let saml_error = |f: &Finding| f.title.starts_with(saml::ERROR_RESPONSE_TITLE);
    if findings
        .iter()
        .any(|f| f.code == "har.error_returned" && saml_error(f))
    {
        findings.retain(|f| !(f.code == "response.error" && saml_error(f)));
    }
    app_lookup_failed_first(&mut findings);
    // The request's Issuer is not the pasted Identifier, yet Entra signed the user in for it:
    // it found an app by that Issuer, so the pasted configuration is another app's or stale.
    if findings
        .iter()
        .any(|f| f.code == "har.code_issued" && f.title.starts_with("Entra issued a SAML response"))
    {
        for f in findings.iter_mut().filter(|f| {
            f.code == "request.client_id_invalid"
                && f.title.starts_with("The SAML request's Issuer")
        }) {
            f.severity = Severity::Warning;
            f.detail.push_str(" The HAR shows Entra issuing a SAML response for this request, so it found an app by this Issuer: the pasted configuration is another app's, another tenant's or out of date.");
            f.fix = "Copy the Basic SAML Configuration again from the enterprise application whose Identifier (Entity ID) is the request's Issuer (Enterprise applications › the app › Single sign-on), and compare again.".to_string();
        }
    }
    // MSAL.NET's ConfidentialClientApplicationBuilder without WithRedirectUri redeems the code
    // with its default https://replyUrlNotSet: the fix is the builder's redirect URI.
    for text in [auth_text, cb_text] {
        if let Some(fix) = reply_url_not_set(text) {
            for f in findings
                .iter_mut()
                .filter(|f| matches!(f.aadsts, Some(500112 | 70002 | 50011)))
            {
                f.fix = fix.clone();
            }
            break;
        }
    }
    codes::sort(&mut findings);
    // An app of a national cloud is changed through that cloud's Microsoft Graph.
    let national = req
        .as_ref()
        .and_then(|r| r.host.as_deref())
        .and_then(authorize::Cloud::of_sign_in_host)
        .filter(|c| *c != authorize::Cloud::Global);
    if let Some(cloud) = national {
        // az talks to the cloud it is set to: the national one, or the command finds no app.
        for s in findings.iter_mut().flat_map(|f| f.snippets.iter_mut()) {
            s.text = s
                .text
                .replace("https://graph.microsoft.com/", cloud.graph());
            if s.text.starts_with("az ") {
                s.label.push_str(&format!(
                    " — run it with az set to the app's cloud: az cloud set --name {}, then az login",
                    cloud.az_name()
                ));
            }
        }
    }
    // An Azure AD B2C or External ID tenant is a directory of its own, usually without an
    // Azure subscription: az must be signed in to it, or the app is not found (or another
    // tenant's app of that ID is changed).
    if let Some(r) = req.as_ref().filter(|r| {
        // A custom URL domain in front of an External ID tenant: another host, with a
        // tenant GUID or onmicrosoft.com name before Entra's authorize path.
        let custom_domain = r.source == authorize::Source::Url
            && r.host
                .as_deref()
                .is_some_and(|h| !authorize::is_entra_host(h))
            && r.has_entra_tenant_path();
        r.is_b2c()
            || custom_domain
            || r.host
                .as_deref()
                .is_some_and(|h| h.to_ascii_lowercase().ends_with(".ciamlogin.com"))
    }) {
        let kind = if r.is_b2c() {
            "Azure AD B2C"
        } else {
            "External ID"
        };
        // Azure AD B2C answers with codes of its own (its error code list): the workforce
        // AADSTS code a rule quotes is said beside B2C's, and not reported as B2C's answer.
        if r.is_b2c() {
            for f in findings
                .iter_mut()
                .filter(|f| f.code.starts_with("request.") || f.code.starts_with("redirect."))
            {
                let b2c = match (f.code.as_str(), f.aadsts) {
                    ("request.client_id_missing", Some(900144)) => 90008,
                    ("request.scope_missing", Some(900144)) => 90010,
                    (_, Some(700054)) => 90057,
                    (_, Some(9002325)) => 99059,
                    (_, Some(9002326)) => 90079,
                    _ => continue,
                };
                let code = f.aadsts.take().unwrap_or_default();
                let from = format!("AADSTS{code}");
                let to = format!("AADSTS{code} in Entra ID; Azure AD B2C answers AADB2C{b2c}");
                for t in [&mut f.title, &mut f.detail, &mut f.fix] {
                    if t.contains(&from) {
                        *t = t.replacen(&from, &to, 1);
                    }
                }
            }
        }
        let tenant = r
            .tenant
            .as_deref()
            .filter(|t| t.contains('.') || authorize::first_guid(t).is_some())
            .unwrap_or("<tenant>.onmicrosoft.com");
        for s in findings
            .iter_mut()
            .flat_map(|f| f.snippets.iter_mut())
            .filter(|s| s.text.starts_with("az "))
        {
            s.label.push_str(&format!(
                " — run it signed in to the {kind} tenant: az login --tenant {tenant} --allow-no-subscriptions"
            ));
        }
    }
    // The audience of a B2C user flow's app was inferred, not pasted: said so, and a registered
    // query string (which B2C's own rules may allow) is not judged by Entra's rule for it.
    if b2c_audience {
        findings.retain(|f| f.code != "redirect.query_not_allowed_for_audience");
        for f in &mut findings {
            for t in [&mut f.title, &mut f.detail, &mut f.fix] {
                if t.contains("the sign-in audience (AzureADandPersonalMicrosoftAccount)") {
                    *t = t.replace(
                        "the sign-in audience (AzureADandPersonalMicrosoftAccount)",
                        "the audience of an Azure AD B2C user flow's app (AzureADandPersonalMicrosoftAccount)",
                    );
                }
            }
        }
    }
    // A code came back: the request was not too long for Entra after all.
    if findings.iter().any(|f| {
        matches!(
            f.code.as_str(),
            "response.code_received" | "har.code_issued" | "har.code_delivered"
        )
    }) {
        findings.retain(|f| f.code != "request.too_long");
    }
    // Texts quote the inputs: a direction override or an invisible character in them would
    // reorder or hide what the reader sees, so each is written as its code point. (Snippets
    // stay exact: they are copied.)
    for f in &mut findings {
        for t in [&mut f.title, &mut f.detail, &mut f.fix] {
            if let Some(shown) = uri::show_hidden(t) {
                *t = shown;
            }
        }
    }
    let diff = match (sent, target) {
        (Some(s), Some(t)) if s != t.uri => Some(diff::diff(s, &t.uri)),
        (Some(s), Some(t)) => Some(diff::diff(s, &t.uri)),
        _ => None,
    };
    let report = Report {
        redirect: outcome.report,
        findings,
    };
    // An input too large to read was still given: its finding is the verdict, not "paste…".
    let too_large = report.findings.iter().any(|f| f.code == "input.too_large");
    let (verdict, headline) = verdict(
        &report,
        req.is_some() || !cb_text.trim().is_empty() || evidence.is_some() || too_large,
        req.as_ref().is_some_and(|r| r.saml.is_some()),
    );
    // The registered list was pasted; what is missing is the URI the app sends.
    // What is missing is the URI the app sends (and maybe the registered list too).
    let no_request = req.as_ref().is_none_or(|r| !r.carries_request());
    let headline = match (headline == PASTE_REGISTERED && no_request, registered_given) {
        (true, true) => "Cannot tell yet: paste the authorize URL (or Entra's error text with its redirect URI) to compare with the registered URIs.".to_string(),
        (true, false) => "Cannot tell yet: paste the authorize URL (or Entra's error text) and the registered redirect URIs to compare them.".to_string(),
        _ => headline,
    };
    let headline = uri::show_hidden(&headline).unwrap_or(headline);
    Analysis {
        report,
        request: req,
        registered: reg,
        audience,
        client,
        comparisons: outcome.comparisons,
        diff,
        verdict,
        headline,
        evidence,
    }
}

/// True when the HAR's authorize request sent another redirect_uri than the pasted request (a
/// URL, not Entra's error text): the HAR records what the browser really sent, so its request
/// is analysed, and a finding says how the pasted one differs.
/// True when `text` (the authorize box) holds no request or Entra error text, but what the
/// landing box recognises: a library's or app's message, or a landing URL.
fn came_back_text(text: &str) -> bool {
    if text.trim().is_empty() || request::other_provider_text(text).is_some() {
        return false;
    }
    let request = authorize::read(text).is_some_and(|r| {
        r.carries_request() || r.host.as_deref().is_some_and(authorize::is_entra_host)
    });
    let Some(cb) = callback::read(text).filter(|_| !request) else {
        return false;
    };
    let mut out = Vec::new();
    response::checks(&cb, None, None, &Default::default(), None, &mut out);
    out.iter().any(|f| {
        f.code.starts_with("response.")
            && !matches!(
                f.code.as_str(),
                "response.no_code_no_error" | "response.landing_differs"
            )
    })
}

/// The HAR's authorize request is of another client_id than the pasted one, and the HAR holds
/// no sign-in of the pasted app: it recorded another app's sign-in (or the app really sends
/// another client_id than the one pasted). Its request does not stand in for the pasted one;
/// the HAR's client_id is returned, and a warning says which is analysed.
fn har_of_other_app(
    pasted: &str,
    har_url: &str,
    har_apps: &[(String, String)],
    findings: &mut Vec<Finding>,
) -> Option<String> {
    let p = authorize::read(pasted).filter(|r| r.carries_request() && r.error_text.is_none())?;
    let h = authorize::read(har_url)?;
    let (pa, ha) = (p.client_id()?.trim(), h.client_id()?.trim());
    let same = |app: &str| app.trim().eq_ignore_ascii_case(pa);
    if pa.is_empty() || ha.is_empty() || same(ha) || har_apps.iter().any(|(app, _)| same(app)) {
        return None;
    }
    let sent = h
        .redirect_uri()
        .map(|u| format!(", redirect_uri {u}"))
        .unwrap_or_default();
    findings.push(
        codes::finding("input.several_requests")
            .title("The HAR records a sign-in of another client_id; the pasted request is analysed")
            .detail(format!("The pasted authorize request is of client_id {pa}, but the HAR's authorize request is of client_id {ha}{sent}, and the HAR holds no sign-in of {pa}. Either the HAR recorded another app's sign-in (another environment, another tab), or the running app sends client_id {ha}, not the one pasted: then Entra judged that app's registration, not the pasted one. The pasted request is analysed with the pasted list; the HAR's findings are shown as information about that other sign-in."))
            .fix(format!("Check the client_id the failing app is configured with. If it is {ha}, paste that app's redirect URIs (its registration) and the HAR's authorize request; if not, record the HAR of the sign-in that fails (developer tools › Network › Preserve log, then sign in).")),
    );
    Some(ha.to_string())
}

fn har_sent_other_uri(pasted: &str, har_url: &str, findings: &mut Vec<Finding>) -> bool {
    let Some(p) = authorize::read(pasted).filter(|r| r.carries_request() && r.error_text.is_none())
    else {
        return false;
    };
    let Some(h) = authorize::read(har_url) else {
        return false;
    };
    let (Some(ps), Some(hs)) = (p.redirect_uri(), h.redirect_uri()) else {
        return false;
    };
    if ps == hs {
        return false;
    }
    findings.push(
        codes::finding("input.several_requests")
            .title("The HAR's authorize request sent another redirect_uri; it is analysed")
            .detail(format!("The pasted authorize request sends redirect_uri={ps}, but the authorize request in the HAR sent redirect_uri={hs}. The HAR records what the browser really sent to Entra, so its request is analysed, not the pasted one (taken from the app's settings, its code or another attempt)."))
            .fix("Find where the app builds the redirect URI it really sends (its setting, or a proxy in front of it: forwarded scheme and host, a path base). To analyse the pasted request instead, clear the evidence."),
    );
    true
}

/// A space inside the redirect URI's path, sent encoded (`Azure+AD`, `Azure%20AD`): a URI
/// with a space is registered with it written %20 (the form a registration holds, as for
/// OpenShift's `…/oauth2callback/Azure%20AD`), so that form is what is compared, and said.
fn space_in_path(r: &mut authorize::AuthorizeRequest, findings: &mut Vec<Finding>) {
    let Some(p) = r.params.iter_mut().find(|p| p.name == "redirect_uri") else {
        return;
    };
    let v = p.value.as_str();
    // Written encoded (`https%3A%2F%2F…Azure+AD`): its '+' stands for a space. An unencoded
    // value's '+' is a '+' Entra misreads (request.redirect_uri_unencoded says so).
    let raw = p.raw.to_ascii_lowercase();
    let encoded = (p.raw.contains('+') && !raw.contains("://")) || raw.contains("%20");
    let inner = v.trim() == v && v.contains(' ') && !v.contains(['\t', '\r', '\n']);
    let path_start = v.find("://").map_or(0, |i| i + 3);
    let path_at = v[path_start..].find('/').map(|i| i + path_start);
    let in_path = path_at.is_some_and(|at| !v[..at].contains(' '));
    let written = v.replace(' ', "%20");
    if !(encoded && inner && in_path && uri::is_absolute_uri(&written)) {
        return;
    }
    findings.push(
        codes::finding("input.authorize_decoded")
            .title("The redirect URI's path holds a space; it is compared as %20")
            .detail(format!("redirect_uri decodes to '{v}': a space the app encoded as '+' or %20. A registered URI holds a space written %20, the form Microsoft documents for such paths (an OpenShift identity provider named 'Azure AD' answers at …/oauth2callback/Azure%20AD), so {written} is what is compared."))
            .fix("If the space belongs in the path (a name such as an identity provider's), register the URI with it written %20; if it does not, remove it from the app's redirect URI setting."),
    );
    p.value = written;
}

/// The name of a Microsoft first-party client app (its client ID is the same in every tenant).
pub(crate) fn first_party(client_id: &str) -> Option<&'static str> {
    const APPS: [(&str, &str); 11] = [
        (
            "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
            "Microsoft Azure CLI",
        ),
        (
            "1950a258-227b-4e31-a9cf-717495945fc2",
            "Microsoft Azure PowerShell",
        ),
        (
            "14d82eec-204b-4c2f-b7e8-296a70dab67e",
            "Microsoft Graph Command Line Tools (Microsoft Graph PowerShell)",
        ),
        ("de8bc8b5-d9f9-48b1-a8ad-b748da725064", "Graph Explorer"),
        ("872cd9fa-d31f-45e0-9eab-6e460a02d1f1", "Visual Studio"),
        ("aebc6443-996d-45c2-90f0-388ff96faa56", "Visual Studio Code"),
        ("d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office"),
        ("1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams"),
        (
            "fb78d390-0c51-40cd-8e17-fdbfab77341b",
            "Exchange Online PowerShell",
        ),
        (
            "1b730954-1685-4b74-9bfd-dac224a7b894",
            "Azure Active Directory PowerShell",
        ),
        (
            "51f81489-12ee-4a9e-aaae-a2591f45987d",
            "Dynamics 365 Example Client Application",
        ),
    ];
    let id = client_id.trim();
    APPS.iter()
        .find(|(g, _)| g.eq_ignore_ascii_case(id))
        .map(|(_, n)| *n)
}

/// Entra finds the tenant and the app in it before it reads redirect_uri: when it answered
/// with one of those failures (the app not in the tenant, the tenant not found, no client_id,
/// the app disabled), a redirect URI difference was never reached and comes second.
fn app_lookup_failed_first(findings: &mut [Finding]) {
    const BEFORE_REDIRECT: [u32; 6] = [700016, 90002, 900023, 900144, 90019, 7000112];
    // Azure AD B2C's: the client ID not in the tenant, not the policy's, not a B2C app.
    const B2C_BEFORE_REDIRECT: [&str; 3] = ["AADB2C90018", "AADB2C90011", "AADB2C90068"];
    let Some(code) = findings
        .iter()
        .filter(|f| f.severity == Severity::Error && !f.code.starts_with("redirect."))
        .filter(|f| {
            f.code.starts_with("har.")
                || f.code.starts_with("response.")
                || f.code.starts_with("request.")
        })
        .find_map(|f| {
            f.aadsts
                .filter(|c| BEFORE_REDIRECT.contains(c))
                .map(|c| format!("AADSTS{c}"))
                .or_else(|| {
                    B2C_BEFORE_REDIRECT
                        .iter()
                        .find(|b| f.title.contains(*b))
                        .map(|b| b.to_string())
                })
        })
    else {
        return;
    };
    for f in findings
        .iter_mut()
        .filter(|f| f.code.starts_with("redirect.") && f.severity == Severity::Error)
    {
        f.severity = Severity::Warning;
        f.detail.push_str(&format!(" This request did not get that far: Entra stopped at {code} before it compared the redirect URI (it finds the tenant and the app in it first), so this difference is the next failure once that one is fixed, not this one."));
    }
}

/// What the sign-out request is, said in place of the authorize request's findings.
fn logout_finding() -> Finding {
    codes::finding("input.authorize_unreadable").severity(Severity::Info).title("This is the sign-out request, not the sign-in").detail("The URL is Entra's sign-out endpoint (…/oauth2/v2.0/logout): it ends the user's session and, when post_logout_redirect_uri is a registered redirect URI of the app, sends the browser there afterwards. It asks for no code, so no redirect URI of a sign-in is in it.").fix("To check a sign-in, paste the request to …/oauth2/v2.0/authorize (the first request to the Entra host after Sign in) or Entra's error text.")
}

/// An app's own sign-in start, which redirects to the authorize URL: Spring Security's
/// `/oauth2/authorization/{id}`, Auth.js's `/api/auth/signin`, Microsoft.Identity.Web's
/// `/MicrosoftIdentity/Account/SignIn`, App Service's `/.auth/login/aad`.
fn is_sign_in_start(url: &str) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let path = path.trim_end_matches('/');
    [
        "/oauth2/authorization/",
        "/api/auth/signin",
        "/microsoftidentity/account/signin",
    ]
    .iter()
    .any(|p| path.contains(p))
        || path.ends_with("/.auth/login/aad")
}

/// A request to Entra's sign-out endpoint (`…/oauth2/v2.0/logout`, `…/oauth2/logout`).
fn is_logout(r: &authorize::AuthorizeRequest) -> bool {
    r.host.as_deref().is_some_and(authorize::is_entra_host)
        && r.path.as_deref().is_some_and(|p| {
            let p = p.to_ascii_lowercase();
            let p = p.trim_end_matches('/');
            p.ends_with("/oauth2/v2.0/logout") || p.ends_with("/oauth2/logout")
        })
}

/// The last parameter of an authorize URL cut short, removed from the request (its name and
/// the cut value): the text ends with an ellipsis, inside a percent-escape, inside client_id's
/// GUID, or inside redirect_uri where a registered URI goes on (with response_type or scope
/// missing after it).
fn cut_off_param(
    r: &mut authorize::AuthorizeRequest,
    text: &str,
    reg: &registered::Registered,
) -> Option<(String, String)> {
    if r.source != authorize::Source::Url || r.fragment.is_some() || r.saml.is_some() {
        return None;
    }
    let last = r.params.last()?;
    let t = text.trim_end();
    // The URL ends the paste: its last parameter's raw value is where the text stops (a
    // sentence after the URL ending in "..." is no cut).
    if !t.ends_with(&last.raw) {
        return None;
    }
    // An ellipsis the cut left on the value itself (not on a free-form state or nonce).
    let ellipsis = (last.raw.ends_with('…') || last.raw.ends_with("..."))
        && !matches!(last.name.as_str(), "state" | "nonce");
    let raw_end = last.raw.trim_end_matches(['…', '.']);
    if raw_end.is_empty() && !ellipsis {
        return None;
    }
    let v = last.value.trim_end_matches('…').trim_end_matches("...");
    let escape_cut = {
        let tail = raw_end.rsplit('%').next().unwrap_or("");
        raw_end.contains('%')
            && tail.len() < 2
            && raw_end.ends_with(|c: char| c == '%' || c.is_ascii_hexdigit())
    };
    let guid_cut = last.name == "client_id"
        && v.len() < 36
        && v.len() >= 4
        && v.chars().enumerate().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
        // The registration's application ID, when pasted, must go on from it: a client_id that
        // differs is the app's configured ID (a typo, another app), not a cut one.
        && reg
            .app_id
            .as_deref()
            .is_none_or(|id| {
                id.len() > v.len() && id.get(..v.len()).is_some_and(|h| h.eq_ignore_ascii_case(v))
            });
    let later_missing = r.param("response_type").is_none()
        || (r.endpoint == authorize::Endpoint::V2 && r.param("scope").is_none());
    // Cut inside a word of a registered URI that goes on: a host without its domain
    // (https://app), a path segment cut short.
    let uri_cut = last.name == "redirect_uri"
        && later_missing
        && !v.is_empty()
        && !reg.uris.iter().any(|u| u.uri == v)
        && reg.uris.iter().any(|u| {
            let Some(rest) = u.uri.strip_prefix(v).filter(|r| !r.is_empty()) else {
                return false;
            };
            let host = uri::Uri::new(v).host().map(str::to_ascii_lowercase);
            let bare_host = host
                .as_deref()
                .is_some_and(|h| !h.contains('.') && h != "localhost" && !h.starts_with('['));
            bare_host
                || (!v.ends_with('/') && rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
        });
    if !(ellipsis || escape_cut || guid_cut || uri_cut) {
        return None;
    }
    let p = r.params.pop()?;
    Some((p.name, p.value))
}

/// The correlation ID of the request's sign-in: from Entra's error text, what came back, the
/// request's `client-request-id` (MSAL sends it; Entra logs it as the sign-in's correlation ID)
/// or the troubleshooting details pasted in the authorize box.
fn request_correlation(
    r: &authorize::AuthorizeRequest,
    cb_text: &str,
    auth_pasted: &str,
) -> Option<String> {
    r.error_text
        .as_ref()
        .and_then(|e| e.correlation_id.clone())
        .or_else(|| evidence::correlation_id_in(cb_text))
        .or_else(|| {
            ["client-request-id", "x-client-request-id"]
                .iter()
                .find_map(|n| r.get(n))
                .map(str::trim)
                .filter(|c| uri::is_guid(c))
                .map(str::to_string)
        })
        .or_else(|| evidence::correlation_id_in(auth_pasted))
}

/// The AADSTS50011 error text of a sign-in log's latest entry (by time, else the export's
/// order), when it is that failure and its reason quotes the redirect URI Entra received: of
/// `client_id`'s entries, of the one sign-in `correlation` names; with `no_request`, the
/// latest entry with that failure (the export holds other users' and apps' sign-ins too). With
/// no registration to compare its URI with (`no_request` is `Some(false)`), a refusal a later
/// sign-in got past is left out: it is not the failure to judge, and nothing would show it
/// resolved.
fn signin_error_text(
    ev: &evidence::Evidence,
    client_id: Option<&str>,
    correlation: Option<&str>,
    no_request: Option<bool>,
) -> Option<(String, bool)> {
    let key = |s: &evidence::signin::SignIn| evidence::har::time_key(&s.time);
    let mut of_app: Vec<&evidence::signin::SignIn> = ev
        .signins
        .iter()
        .filter(|s| client_id.is_none_or(|c| s.app_id.eq_ignore_ascii_case(c)))
        .collect();
    // The sign-in the troubleshooting details name; none when the export does not hold it
    // (another sign-in's failure is not this one's).
    if let Some(c) = correlation {
        of_app.retain(|s| s.correlation_id.eq_ignore_ascii_case(c));
    }
    // With no request to say which app, an export of several apps' sign-ins: the latest that
    // Entra refused for its redirect URI, not the latest of any app (another user's success,
    // another app's Conditional Access block).
    // With the app known (the registration names it), its latest failure, which must be
    // that one: a newer failure of another kind is the cause now.
    if let (Some(registered), None) = (no_request, correlation) {
        if client_id.is_some() {
            of_app.retain(|s| s.error_code != 0);
        } else {
            of_app.retain(|s| s.error_code == 50011);
        }
        if !registered {
            of_app.retain(|s| {
                s.error_code != 50011 || !evidence::signin::resolved_later(&ev.signins, s)
            });
        }
    }
    let latest = if of_app.iter().all(|s| key(s).is_some()) {
        of_app.iter().max_by_key(|s| (key(s), s.index)).copied()
    } else {
        of_app.last().copied()
    }?;
    let text = format!("AADSTS{}: {}", latest.error_code, latest.failure_reason);
    let resolved = evidence::signin::resolved_later(&ev.signins, latest);
    (latest.error_code == 50011 && authorize::read_error_text(&text).redirect_uri.is_some())
        .then_some((text, resolved))
}

/// Entra's AADSTS50011 text quotes the redirect URI Entra received. When the pasted request
/// sends another, the request that failed was not the pasted one (a setting of another
/// environment, or a proxy in front of the app changing the scheme, host or path the app builds
/// the URI from): the quoted URI is judged instead, and a finding says so.
fn entra_received_other_uri(r: &mut authorize::AuthorizeRequest, findings: &mut Vec<Finding>) {
    let Some(quoted) = r
        .error_text
        .as_ref()
        .filter(|e| e.codes.contains(&50011))
        .and_then(|e| e.redirect_uri.clone())
    else {
        return;
    };
    let Some(p) = r.params.iter_mut().find(|p| p.name == "redirect_uri") else {
        return;
    };
    if p.value == quoted || quoted.trim().is_empty() {
        return;
    }
    let pasted = std::mem::replace(&mut p.value, quoted.clone());
    p.raw = percent_encoding::utf8_percent_encode(&quoted, percent_encoding::NON_ALPHANUMERIC)
        .to_string();
    p.utf8 = true;
    findings.push(
        codes::finding("input.several_requests")
            .title("Entra's error quotes another redirect_uri than the pasted request sends; the quoted one is judged")
            .detail(format!("The pasted authorize request sends redirect_uri={pasted}, but Entra's AADSTS50011 text (its error page, or the failure reason in its sign-in log) quotes {quoted}: that is the URI Entra received, so the request that failed sent it, not the pasted one. The pasted URL comes from the app's settings, its code or another attempt; the app built another URI when it ran (another environment's setting, or a proxy in front of the app: forwarded scheme, host or path base)."))
            .fix("Judge the quoted URI below. Then find where the running app builds the redirect URI it sends (its setting in that environment, the forwarded headers a proxy passes) and make it send a registered one."),
    );
}

/// How the inputs show that Entra redirected to the sent URI although the pasted registration
/// does not hold it: a code (or an error answer) arrived at the app, from the callback box or a
/// HAR of this very request. Entra never redirects to a URI it has not matched (it shows
/// AADSTS50011 on its own page instead: reply-url; RFC 6749 §4.1.2.1).
fn accepted_anyway(
    findings: &[Finding],
    evidence: Option<&evidence::Evidence>,
    sent: Option<&str>,
    state_returned: bool,
) -> Option<&'static str> {
    let has = |code: &str| findings.iter().any(|f| f.code == code);
    if has("response.state_mismatch") {
        return None; // the answer belongs to another request
    }
    // After a redirect in front of the app (the landing URL differs from the sent one), only
    // the state returned unchanged ties the code to this request.
    if has("response.landing_differs") && !state_returned {
        return None;
    }
    if has("response.code_received") || has("response.code_in_fragment") {
        return Some("the landing URL carries an authorization code");
    }
    let har_request = evidence
        .and_then(|e| e.authorize_url.as_deref())
        .and_then(authorize::read);
    let same_request = har_request
        .as_ref()
        .is_some_and(|r| r.redirect_uri() == sent);
    let what = if har_request.is_some_and(|r| r.saml.is_some()) {
        "the HAR shows Entra issuing a SAML response for this very request"
    } else {
        "the HAR shows Entra issuing a code for this very request"
    };
    (same_request && (has("har.code_issued") || has("har.code_delivered"))).then_some(what)
}

/// A sign-in log entry of the request's app refused with AADSTS50011 although the pasted list
/// holds the sent URI: Entra checked another registration than the one pasted (as for its
/// error text in the authorize box), or the request that failed sent another URI.
fn signin_refused_listed_uri(
    findings: &mut Vec<Finding>,
    ev: &evidence::Evidence,
    client_id: Option<&str>,
    sent: Option<&str>,
) {
    let (Some(app), Some(sent)) = (client_id, sent) else {
        return;
    };
    if findings
        .iter()
        .any(|f| f.code == "redirect.registration_stale")
    {
        return;
    }
    let Some(entry) = ev
        .shown_signins()
        .find(|s| matches!(s.error_code, 50011 | 500113) && s.app_id.eq_ignore_ascii_case(app))
    else {
        return;
    };
    let code = entry.error_code;
    // A later sign-in of the app got past the redirect URI check (a success, or a failure
    // Entra checks later, such as Conditional Access): the registration in force holds the URI
    // by now, or the refused request was another one.
    if ev.signins.iter().any(|s| {
        s.status_known
            && !matches!(s.error_code, 50011 | 500113)
            && s.app_id.eq_ignore_ascii_case(app)
            && match (
                evidence::har::time_key(&s.time),
                evidence::har::time_key(&entry.time),
            ) {
                (Some(later), Some(refused)) => later >= refused,
                // Times in no form read: whether it came later cannot be told, so no claim.
                _ => true,
            }
    }) {
        return;
    }
    let when = if entry.time.is_empty() {
        String::new()
    } else {
        format!(" at {}", entry.time)
    };
    // The log entry's own advice (register the URI) does not hold: the list already has it.
    let (title, what) = if code == 500113 {
        ("The sign-in log shows Entra finding no redirect URI on the app, yet the pasted registration holds some", "the application had no redirect URI registered at all")
    } else {
        ("The sign-in log shows Entra refusing the redirect URI, yet the pasted registration holds it", "the redirect URI did not match the application's redirect URIs")
    };
    point_to_stale(
        findings,
        |f| f.code.starts_with("signin.") && f.aadsts == Some(code),
        sent,
        codes::finding("redirect.registration_stale")
            .severity(Severity::Error)
            .aadsts(code)
            .title(title)
            .detail(format!("The sign-in log shows AADSTS{code} for application {app} (the request's client_id){when}: {what}. The pasted list holds {sent}, the URI this request sends. So either Entra compared it with another list (the registration in the sign-in's tenant, another app object, or a list changed after the sign-in: changes take a few minutes to apply), or the request that failed sent another redirect URI than the pasted one (a sign-in log does not record it)."))
            .fix("Open the app registration whose Application (client) ID is the request's client_id, in the tenant of the sign-in, and copy its redirect URIs again; if they hold the URI, try again after a few minutes. To see the redirect_uri the failing request sent, capture a HAR of it (or paste Entra's error page text, which quotes it)."),
    );
}

/// The findings `refused` picks advise registering what the pasted list already `holds`: their
/// fix points to `stale`, the stale-registration finding, which is added.
fn point_to_stale(
    findings: &mut Vec<Finding>,
    refused: impl Fn(&Finding) -> bool,
    holds: &str,
    stale: Finding,
) {
    for f in findings.iter_mut().filter(|f| refused(f)) {
        f.fix = format!("The pasted registration already holds {holds}: compare with the registration Entra checked (see redirect.registration_stale).");
    }
    findings.push(stale);
}

/// MSAL.js' popup or hidden iframe that never came back (monitor_window_timeout) for a
/// redirect URI Entra refuses: Entra showed AADSTS50011 on its own page inside the window,
/// which never redirects, so MSAL waited until it timed out. The refusal is the cause.
fn window_stuck_on_refusal(findings: &mut [Finding], sent: Option<&str>) {
    let Some(cause) = findings
        .iter()
        .find(|f| {
            f.code.starts_with("redirect.")
                && f.severity == Severity::Error
                && f.aadsts == Some(50011)
        })
        .map(|f| f.title.clone())
    else {
        return;
    };
    let sent = sent.unwrap_or("the redirect URI");
    for f in findings.iter_mut().filter(|f| {
        f.code == "response.library_error"
            && f.title
                .to_ascii_lowercase()
                .contains("'monitor_window_timeout'")
    }) {
        f.detail = format!("MSAL.js waited for its popup or hidden iframe to come back to {sent}, but Entra refuses that redirect URI ('{cause}' above): it shows AADSTS50011 on its own page inside the window, which never redirects back, so MSAL timed out. A silent renewal (acquireTokenSilent, ssoSilent) sends the redirectUri of its request or configuration, often a blank page such as /silent-refresh.html, and that URI must be registered too.");
        f.fix = format!("Follow the fix of '{cause}' above (register {sent} under Single-page application, or set the request's redirectUri to a registered blank page); the window then comes back with Entra's answer.");
    }
}

/// A localhost URI to move to another platform, beside other localhost URIs under the same
/// platform (http://localhost and http://localhost:8400 under Web): Entra ignores a localhost
/// URI's port, so one left there can still be the entry it judges. The fix names them too.
fn also_move_localhost_twins(
    findings: &mut [Finding],
    reg: &registered::Registered,
    m: &report::UriRef,
) {
    if !uri::Uri::new(&m.uri).is_localhost() {
        return;
    }
    let twins: Vec<&str> = reg
        .uris
        .iter()
        .filter(|u| u.platform == m.platform && u.uri != m.uri)
        .filter(|u| {
            let x = uri::Uri::new(&u.uri);
            x.is_localhost() && x.scheme_lower() == "http"
        })
        .map(|u| u.uri.as_str())
        .collect();
    if twins.is_empty() {
        return;
    }
    for f in findings
        .iter_mut()
        .filter(|f| f.code == "redirect.platform_mismatch")
    {
        f.fix.push_str(&format!(" Move {} as well, or remove it: Entra ignores the port of localhost URIs, so a localhost URI left under {} can still be the one it matches.", twins.join(", "), m.platform.portal_name()));
    }
}

/// Entra refused the code redemption for the platform (AADSTS9002326: not a single-page app;
/// 9002327 or 7000218: a browser or a public client redeeming a Web URI's code) while the
/// sent localhost URI has a twin on another platform that differs only by port: Entra picked
/// the twin's platform (reply-url), which is the cause to fix.
fn localhost_platform_refused(findings: &mut [Finding], matched: Option<Platform>) {
    // The codes that fit the sent URI's own platform being swapped for the twin's.
    let fits = |code: u32| match matched {
        Some(Platform::Spa) => matches!(code, 9002326 | 9002327 | 7000218),
        Some(Platform::PublicClient) => matches!(code, 9002327 | 7000218),
        _ => false,
    };
    let refused = |f: &Finding| {
        f.severity == Severity::Error
            && !f.code.starts_with("redirect.")
            && f.aadsts.is_some_and(fits)
    };
    let Some(code) = findings.iter().find(|f| refused(f)).and_then(|f| f.aadsts) else {
        return;
    };
    let Some(twin) = findings.iter_mut().find(|f| {
        f.code == "redirect.ambiguous_localhost"
            && f.detail
                .contains("including for the redirect URI this request sends")
    }) else {
        return;
    };
    twin.severity = Severity::Error;
    twin.aadsts = Some(code);
    twin.title = format!("AADSTS{code}: Entra applied the platform of the other localhost URI");
    twin.detail = format!(
        "{} The token request failed with AADSTS{code}, which is what that looks like here.",
        twin.detail
    );
    for f in findings.iter_mut().filter(|f| refused(f)) {
        // Not another registration: the other localhost entry of this one.
        if let Some(i) = f.detail.find(" The pasted list already holds ") {
            f.detail.truncate(i);
            f.detail.push_str(" The pasted list holds the sent URI under the platform that would accept it, but Entra judged the other localhost URI, which differs from it only by port, under its own platform.");
        }
        f.fix = "Entra picked the platform of the other localhost URI that differs only by port: see redirect.ambiguous_localhost.".into();
    }
}

/// Entra's own error page in a HAR says AADSTS50011 for the very request whose redirect URI
/// the pasted list holds: Entra checked another registration than the one pasted.
fn har_refused_listed_uri(
    findings: &mut Vec<Finding>,
    ev: &evidence::Evidence,
    sent: Option<&str>,
) {
    let Some(sent) = sent else { return };
    if findings
        .iter()
        .any(|f| f.code == "redirect.registration_stale")
    {
        return;
    }
    let same_request = ev
        .authorize_url
        .as_deref()
        .and_then(authorize::read)
        .is_some_and(|r| r.redirect_uri() == Some(sent));
    // A failure a later attempt got past (said as information) is not this request's.
    let refused = |f: &Finding| {
        f.code == "har.entra_error_page" && f.aadsts == Some(50011) && f.severity != Severity::Info
    };
    if !same_request || !findings.iter().any(&refused) {
        return;
    }
    point_to_stale(
        findings,
        refused,
        sent,
        codes::finding("redirect.registration_stale")
            .severity(Severity::Error)
            .aadsts(50011)
            .title("Entra's page refused this redirect URI, yet the pasted registration holds it")
            .detail(format!("The HAR shows Entra's own error page answering this request with AADSTS50011: {sent} did not match the application's redirect URIs. The pasted list holds it. So Entra compared it with another list: the registration of another client_id (another environment's app), the app in another tenant, or a list changed after the sign-in (changes take a few minutes to apply)."))
            .fix("Open the app registration whose Application (client) ID is the request's client_id, in the tenant the request signs in to, and copy its redirect URIs again; if they hold the URI, try again after a few minutes."),
    );
}

/// Entra refused the browser's redemption (AADSTS9002326: not a single-page application)
/// although the pasted list holds the URI under Single-page application: Entra checked
/// another registration, or the list changed after the sign-in.
fn har_spa_refused(findings: &mut Vec<Finding>, sent: Option<&str>) {
    let Some(sent) = sent else { return };
    // Only AADSTS9002326 (a browser's redemption refused: not a SPA) contradicts a SPA entry;
    // 9002327 (a SPA code redeemed without an Origin header) is what a SPA entry gives a server.
    let refused = |f: &Finding| f.code == "har.token_origin_platform" && f.aadsts == Some(9002326);
    if !findings.iter().any(&refused)
        || findings
            .iter()
            .any(|f| f.code == "redirect.registration_stale")
    {
        return;
    }
    point_to_stale(
        findings,
        refused,
        &format!("{sent} under Single-page application"),
        codes::finding("redirect.registration_stale")
            .severity(Severity::Error)
            .aadsts(9002326)
            .title("Entra refused the browser's token request as not a single-page app, yet the pasted registration has the URI under Single-page application")
            .detail(format!("The HAR shows Entra answering the code redemption with AADSTS9002326 (cross-origin redemption is allowed only for the Single-page application platform), but the pasted list holds {sent} under Single-page application. So Entra looked at another registration: another client_id, the app in another tenant, or a list saved after the sign-in (changes take a few minutes to apply)."))
            .fix("Open the app registration whose Application (client) ID is the request's client_id, in the tenant the request signs in to, and check the platform of the URI there; if it is under Single-page application, try again after a few minutes."),
    );
}

/// The pasted registration is another app than the request's client_id (the app Entra
/// checked): a command built from the pasted list would change the wrong app, or replace the
/// right app's URIs with another app's list. It is left out, and the fix says which app to change.
fn other_app_commands(
    findings: &mut [Finding],
    reg: &registered::Registered,
    pasted: &str,
    sent_app: &str,
) {
    if !uri::is_guid(pasted) || !uri::is_guid(sent_app) || pasted.eq_ignore_ascii_case(sent_app) {
        return;
    }
    for f in findings.iter_mut() {
        let before = f.snippets.len();
        f.snippets.retain(|s| !s.label.starts_with("az CLI"));
        if f.snippets.len() < before {
            // What the command would have kept is said no more.
            for p in [Platform::Web, Platform::Spa, Platform::PublicClient] {
                let note = fix::keep_note(reg, p);
                f.fix = f.fix.replace(&format!(". {note}"), ".").replace(&note, "");
            }
            f.fix.push_str(&format!(" Make this change in app {sent_app}, the request's client_id (the app Entra checked), not in the pasted registration of app {pasted}: paste app {sent_app}'s redirect URIs to get the command that keeps them, or add the URI on its Authentication page."));
        }
    }
}

/// A command written without the app's ID (neither the request nor the pasted registration gave
/// one) carries a placeholder: its label says where the real ID is.
/// A SAML request sends no client_id: its Issuer is the app's Identifier, which `az ad app`
/// takes as `--id` too.
fn placeholder_app_id(findings: &mut [Finding], saml_issuer: Option<&str>) {
    let whose = match saml_issuer {
        Some(i) => format!(", or with the app's Identifier ({i})"),
        None => " (the client_id the app sends)".to_string(),
    };
    for s in findings.iter_mut().flat_map(|f| f.snippets.iter_mut()) {
        if s.text.contains(fix::APP_ID_PLACEHOLDER) {
            s.label.push_str(&format!(" — replace {} with the Application (client) ID from the app registration's Overview page{whose}", fix::APP_ID_PLACEHOLDER));
        }
    }
}

/// A risk that Entra's answer bears out is the cause: a platform risk (the URI under two
/// platforms, which Entra chooses between undocumented), or a single-tenant app on /common whose
/// creation date the paste did not give, answered with the very code predicted. The answer's
/// own finding then points at it.
fn answer_confirms(findings: &mut [Finding]) {
    let answered: Vec<u32> = findings
        .iter()
        .filter(|f| f.code == "response.error")
        .filter_map(|f| f.aadsts)
        .collect();
    let mut confirmed = Vec::new();
    for f in findings.iter_mut().filter(|f| {
        matches!(
            f.code.as_str(),
            "redirect.platform_mismatch" | "request.tenant_invalid"
        ) && f.severity == Severity::Warning
            && f.aadsts.is_some_and(|c| answered.contains(&c))
    }) {
        f.severity = Severity::Error;
        let code = f.aadsts.unwrap_or_default();
        f.detail.push_str(&format!(
            " Entra's answer (AADSTS{code}) shows that it did."
        ));
        confirmed.push((code, f.title.clone()));
    }
    for f in findings.iter_mut().filter(|f| f.code == "response.error") {
        if let Some((_, t)) = confirmed.iter().find(|(c, _)| Some(*c) == f.aadsts) {
            f.fix = format!("Follow the fix of '{t}' above; this finding records Entra's answer.");
        }
    }
}

/// Entra's answer about a redirect URI's platform (AADSTS9002326: cross-origin redemption needs
/// a Single-page application URI; AADSTS9002327: a redemption without an Origin needs a Web
/// one) for a URI the pasted list already holds under that platform: the fix does not ask to
/// add it there, it says what else makes Entra judge another entry. A `redirect.*` finding
/// that explains the same code (a platform mismatch) takes the fix; the answer points at it.
fn platform_already_registered(findings: &mut [Finding], uri: &str, platform: Platform) {
    let explained: Vec<(u32, String)> = findings
        .iter()
        .filter(|f| f.code.starts_with("redirect.") && f.severity == Severity::Error)
        .filter_map(|f| Some((f.aadsts?, f.title.clone())))
        .collect();
    let p = platform.portal_name();
    for f in findings.iter_mut().filter(|f| f.code == "response.error") {
        if let Some((_, t)) = explained.iter().find(|(c, _)| Some(*c) == f.aadsts) {
            f.fix = format!("Follow the fix of '{t}' above; this finding records Entra's answer.");
            continue;
        }
        let asked = match f.aadsts {
            Some(9002326) => Platform::Spa,
            Some(9002327) => Platform::Web,
            // A public client's redemption without a credential, refused: the URI Entra
            // judged is not a Mobile and desktop one in the registration in force.
            Some(7000218) => Platform::PublicClient,
            _ => continue,
        };
        if asked != platform {
            continue;
        }
        f.detail.push_str(&format!(" The pasted list already holds {uri} under {p}, so Entra judged another entry: the registration in force is not the pasted one (another app's client_id, another tenant, a change made minutes ago, or the URI under another platform there too), or the request that redeemed the code sent another redirect_uri or client_id than the authorize request."));
        f.fix = format!("Nothing to add under {p}. Make the code redemption send the client_id and redirect_uri={uri} of the authorize request; copy the redirect URIs again from the app registration whose Application (client) ID is that client_id, in the tenant of the sign-in, and remove {uri} from any other platform there; if it stands only under {p}, try again after a few minutes.");
    }
}

/// The PnP Management Shell's client ID (deleted in September 2024).
const PNP_MANAGEMENT_SHELL: &str = "31359c7f-bd7e-475c-86db-fdb8c937548e";

/// The identifier AADSTS700016 quotes: `Application with identifier 'X' was not found`.
fn identifier_in_700016(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find("with identifier '")? + "with identifier '".len();
    let rest = text.get(at..)?;
    let end = rest.find('\'')?;
    Some(rest[..end].trim().to_string()).filter(|s| !s.is_empty())
}

/// A SAML request's Issuer names the app by one of its identifiers (Identifier (Entity ID),
/// identifierUris): when the pasted configuration names others, Entra finds no such app
/// (AADSTS700016) or another app than the one pasted.
fn saml_issuer(findings: &mut Vec<Finding>, issuer: &str, identifiers: &[String]) {
    if identifiers.is_empty() || identifiers.iter().any(|i| i == issuer) {
        return;
    }
    let case_only = identifiers.iter().any(|i| i.eq_ignore_ascii_case(issuer));
    let listed = identifiers.join(", ");
    let f = codes::finding("request.client_id_invalid")
        .aadsts(700016)
        .title("The SAML request's Issuer is not the app's Identifier")
        .detail(format!("The request's Issuer is {issuer}; the pasted configuration's Identifier (Entity ID) is {listed}. Entra finds the app by the Issuer, which must equal one of its identifiers exactly{}: otherwise it answers AADSTS700016 ('Application with identifier … was not found in the directory'), or it judges another app that has this identifier, whose Reply URLs are not the ones pasted.", if case_only { " (they differ only in letter case)" } else { "" }))
        .fix(format!("Make the app send its Entity ID as configured ({listed}), or add {issuer} as an Identifier under Enterprise applications › the app › Single sign-on › Basic SAML Configuration."));
    findings.push(if case_only {
        f.severity(Severity::Warning)
    } else {
        f
    });
}

/// A SAML app's Reply URLs are edited in its single sign-on settings, and what it sends is
/// its own ACS URL setting: said in each fix about the redirect URI.
fn saml_reply_urls(findings: &mut [Finding]) {
    // The SAML documents stand where the OAuth ones would.
    for r in findings.iter_mut().flat_map(|f| f.refs.iter_mut()) {
        if r == codes::refs::AUTH_CODE {
            *r = codes::refs::SAML_PROTOCOL.to_string();
        } else if r == codes::refs::TROUBLESHOOT_50011 {
            *r = codes::refs::TROUBLESHOOT_50011_SAML.to_string();
        }
    }
    for f in findings
        .iter_mut()
        .filter(|f| f.code.starts_with("redirect.") && f.severity != Severity::Info)
    {
        if !f.fix.is_empty() {
            f.fix.push_str(" For this SAML app the Reply URLs are under Enterprise applications › the app › Single sign-on › Basic SAML Configuration (Reply URL, Assertion Consumer Service URL), and what the app sends is its own ACS URL setting.");
        }
    }
}

/// The registered URI standing in for a request origin's redirect URI on another localhost port
/// than the origin's matches under Entra's localhost rule, not byte for byte: said as that rule.
fn origin_port_ignored(
    findings: &mut [Finding],
    report: &mut report::RedirectReport,
    reg: &registered::Registered,
    origin: &str,
    stand_in: &str,
) {
    let (o, u) = (uri::Uri::new(origin), uri::Uri::new(stand_in));
    fn port<'a>(x: &uri::Uri<'a>) -> Option<&'a str> {
        x.port().or(x.default_port())
    }
    if report.status != RedirectStatus::Exact || !o.is_localhost() || port(&o) == port(&u) {
        return;
    }
    report.status = RedirectStatus::LoopbackPort;
    report.nearest = report.matched.as_ref().map(|m| report::Nearest {
        uri: m.uri.clone(),
        platform: m.platform,
        differences: vec!["port".into()],
    });
    let mut names: Vec<&str> = Vec::new();
    for r in reg.uris.iter().filter(|r| r.uri == stand_in) {
        let n = r.platform.portal_name();
        if r.platform != Platform::Unknown && !names.contains(&n) {
            names.push(n);
        }
    }
    let under = if names.is_empty() {
        String::new()
    } else {
        format!(" under {}", names.join(" and "))
    };
    for f in findings
        .iter_mut()
        .filter(|f| f.code == "redirect.exact_match")
    {
        *f = codes::finding("redirect.loopback_port_ignored").detail(format!("The text gives only the origin of the page that redeemed the code ({origin}); {stand_in}{under} is the one registered URI on it and matches with the port ignored: for localhost URIs Entra ignores the port (reply-url; RFC 8252 §7.3), so any port works."));
    }
}

/// A code arrived, or the token request failed (only a request Entra accepted gets that far):
/// the warning that a single-tenant app of unknown age may not use /common or /organizations
/// (AADSTS50194) is then disproved for this app, and becomes information.
fn authorize_passed(findings: &mut [Finding]) {
    // Only what came back (the landing, a HAR, the sign-in log, Entra's text) shows it: a rule
    // finding's code is the tool's prediction of the token leg, not Entra's answer.
    let token_leg = |f: &Finding| {
        f.severity == Severity::Error
            && ["response.", "har.", "signin."]
                .iter()
                .any(|p| f.code.starts_with(p))
            && f.aadsts
                .and_then(aadsts::lookup)
                .is_some_and(|i| i.appears == aadsts::Appears::Token)
    };
    let passed = findings.iter().any(|f| {
        matches!(
            f.code.as_str(),
            "response.code_received"
                | "response.code_in_fragment"
                | "har.code_issued"
                | "har.code_delivered"
        ) || token_leg(f)
    });
    if !passed {
        return;
    }
    for f in findings.iter_mut().filter(|f| {
        f.code == "request.tenant_invalid"
            && f.aadsts == Some(50194)
            && f.severity == Severity::Warning
    }) {
        f.severity = Severity::Info;
        f.detail.push_str(" Entra accepted this request (the answer shows a code, or a failure after the code was issued), so it is not refused for this app: it was created before that date, or its audience is not what the pasted registration says.");
        f.fix = "Nothing to change for this sign-in; the tenant ID in the authority is still the safer form.".into();
    }
}

/// The pasted list was cut for display and nothing from Entra says the sent URI was refused:
/// the mismatch findings become warnings (the sent URI may be among the URIs not shown), and
/// the first input finding says so, so the verdict is not a rejection.
fn list_cut(findings: &mut Vec<Finding>, left_out: &registered::LeftOut, sent: &str) {
    let why = match &left_out.cut_item {
        Some(item) => format!("Its last URI was cut in the middle as '{item}…', and {sent} starts with it: most likely the sent URI is registered."),
        None => "The URIs it does not show may hold the sent one.".to_string(),
    };
    let f = codes::finding("input.registered_unreadable")
        .title("The pasted list was cut, so the sent URI may be registered among the URIs not shown")
        .detail(format!("The registered list was shown cut to fit the console, so the comparison below is with the URIs it shows only. {why} The differences below hold for the URIs shown; they are warnings until the whole list is compared."))
        .fix("Paste the whole list: Set $FormatEnumerationLimit = -1 or pipe the application to ConvertTo-Json -Depth 5 (PowerShell), or -o json (az), and compare again.");
    mismatch_uncertain(findings, f);
}

/// The pasted list may not be what Entra holds in full: the redirect mismatch errors become
/// warnings and, when there were any, `why` (an input finding) is said before the other input
/// findings.
fn mismatch_uncertain(findings: &mut Vec<Finding>, why: Finding) {
    let mut demoted = false;
    for f in findings.iter_mut() {
        if f.code.starts_with("redirect.") && f.severity == Severity::Error {
            f.severity = Severity::Warning;
            demoted = true;
        }
    }
    if !demoted {
        return;
    }
    let at = findings
        .iter()
        .position(|f| f.code == "input.registered_unreadable")
        .unwrap_or(findings.len());
    findings.insert(at, why);
}

/// The pasted list holds a template entry (`https://${host}/signin-oidc`) that the sent URI
/// may be once deployed: the mismatches with the other entries become warnings, and that is
/// said first.
fn template_may_hold(findings: &mut Vec<Finding>, template: &str, sent: &str) {
    let f = codes::finding("input.registered_unreadable")
        .title("A template entry of the pasted list may be the sent URI once deployed")
        .detail(format!("The pasted list holds {template}, a template whose expressions a deployment fills in; {sent} has its fixed parts in the same places, so it may be what Entra holds. The differences below are with the other entries; they are warnings until the deployed registration is compared."))
        .fix("Paste the deployed application's redirect URIs (az ad app show --id <client_id> --query \"{web:web.redirectUris,spa:spa.redirectUris,publicClient:publicClient.redirectUris}\"), or check the value the template's variables had when it was deployed.");
    mismatch_uncertain(findings, f);
}

/// Demotes the mismatch findings to warnings and says why: the comparison with the pasted
/// list stands, but it is not what Entra checked.
fn registration_stale(findings: &mut Vec<Finding>, how: &str, root_slash: bool) {
    let mut demoted = Vec::new();
    for f in findings.iter_mut() {
        if f.code.starts_with("redirect.") && f.severity == Severity::Error {
            f.severity = Severity::Warning;
            demoted.push(f.code.clone());
        }
    }
    if demoted.is_empty() {
        return;
    }
    if root_slash {
        findings.push(
            codes::finding("redirect.registration_stale")
                .title("Entra accepted the root URI with and without its trailing slash")
                .detail(format!("The sent redirect URI and the registered one differ only by the '/' of the site's root, yet {how}: Entra matched them (RFC 3986 §6.2.3 treats them as one resource; the reply-url page only says a root URI is answered with '/'). The slash is not why sign-in fails."))
                .fix("Nothing to change for the redirect URI; look at the other findings for the failure."),
        );
        return;
    }
    findings.push(
        codes::finding("redirect.registration_stale")
            .detail(format!("The pasted registration does not hold the sent redirect URI ({}), yet {how}. Entra redirects only to a registered URI (on a mismatch it shows AADSTS50011 on its own page), so the registration in force holds it: the pasted list is out of date, from another environment, or another app's.", demoted.join(", ")))
            .fix("Copy the redirect URIs again from the app registration whose Application (client) ID is the request's client_id (Authentication page or manifest), and compare again."),
    );
}

/// The headline of an accepted redirect URI: a warning may still stop the code in some set-ups
/// (an app created before a date, the platform Entra picks), so it is not promised then.
fn accepted_headline(report: &Report, saml: bool) -> String {
    let (uri, answer) = if saml {
        ("reply URL", "the SAML response")
    } else {
        ("redirect URI", "the code")
    };
    // A pasted failure this page does not know is no sign that nothing failed.
    if report.has("input.callback_unreadable") {
        return format!("Entra accepts this {uri}, but the failure text pasted was not recognised; see the warning below.");
    }
    match report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count()
    {
        0 => format!("Entra accepts this {uri} and nothing in the request stops {answer}."),
        1 => format!("Entra accepts this {uri} and no error was found; see the warning below."),
        n => {
            format!("Entra accepts this {uri} and no error was found; see the {n} warnings below.")
        }
    }
}

/// Entra's AADSTS500113 says the registration it checked holds no redirect URI at all, yet a
/// list was pasted: Entra looked at another registration, so how the sent URI compares with
/// the pasted list is not why it failed.
fn no_reply_address_stale(findings: &mut Vec<Finding>, held: usize, client_id: Option<&str>) {
    for f in findings
        .iter_mut()
        .filter(|f| f.code.starts_with("redirect.") && f.severity == Severity::Error)
    {
        f.severity = Severity::Warning;
    }
    let app = client_id.unwrap_or("the request's client_id");
    let checked = client_id.map_or_else(
        || "the registration it checked".to_string(),
        |id| format!("the registration it checked (Application ID {id})"),
    );
    findings.push(
        codes::finding("redirect.registration_stale")
            .severity(Severity::Error)
            .aadsts(500113)
            .title("Entra found no redirect URI on the app, yet the pasted registration holds some")
            .detail(format!("Entra's error text says 'No reply address is registered for the application' (AADSTS500113): {checked} has no redirect URI at all, but the pasted list holds {held}. So Entra looked at another registration: the client_id of another app or environment, the app in another tenant, or a list saved after the error (changes take a few minutes to apply)."))
            .fix(format!("Open the app registration whose Application (client) ID is {app}, in the tenant of the sign-in, and add the redirect URI there (Authentication › Add a platform); if it is already there, try again after a few minutes.")),
    );
}

const PASTE_REGISTERED: &str = "Cannot tell yet: paste the registered redirect URIs to compare.";

fn verdict(report: &Report, any_input: bool, saml: bool) -> (VerdictKind, String) {
    let status = report.redirect.status;
    let stale = report
        .findings
        .iter()
        .find(|f| f.code == "redirect.registration_stale");
    // A HAR whose sign-in stopped on Entra's page with no text of it: no
    // code, and no cause to name.
    let stopped = report
        .findings
        .iter()
        .find(|f| f.code == "har.entra_error_page" && f.severity == Severity::Warning);
    if let (None, Some(f)) = (report.primary(), stale.or(stopped)) {
        return (VerdictKind::Unknown, f.title.clone());
    }
    // An input that could not be read is the first thing to say when nothing failed, unless
    // what was read already shows the sent URI registered (the unread part cannot undo that).
    let unreadable = report
        .findings
        .iter()
        .find(|f| codes::is_unreadable_input(f));
    if let (None, Some(f), true, false) = (
        report.primary(),
        unreadable,
        any_input,
        status.is_accepted(),
    ) {
        return (VerdictKind::Unknown, f.title.clone());
    }
    match report.primary() {
        _ if !any_input => (
            VerdictKind::Empty,
            "Paste the authorize URL (or Entra's error text) to start.".into(),
        ),
        // Another app's list holds it: that says nothing of the request's app.
        Some(p)
            if status.is_accepted()
                && ((p.code == "request.client_id_invalid"
                    && p.title.starts_with("client_id is not the app"))
                    || p.code == "request.not_entra_authorize") =>
        {
            (VerdictKind::AcceptedWithErrors, p.title.clone())
        }
        Some(p) if status.is_accepted() => (
            VerdictKind::AcceptedWithErrors,
            format!(
                "The {} is registered, but: {}",
                if saml { "reply URL" } else { "redirect URI" },
                p.title
            ),
        ),
        // Only an input that could not be read: nothing was refused yet.
        Some(p)
            if codes::is_unreadable_input(p)
                && report
                    .findings
                    .iter()
                    .all(|f| f.severity != Severity::Error || codes::is_unreadable_input(f)) =>
        {
            (VerdictKind::Unknown, p.title.clone())
        }
        Some(p) => (VerdictKind::Rejected, p.title.clone()),
        None if status.is_accepted() => (VerdictKind::Accepted, accepted_headline(report, saml)),
        // A flow that uses no redirect URI (the device code flow) has nothing to compare...
        None if status == RedirectStatus::Unchecked => (
            VerdictKind::Unknown,
            report
                .findings
                .iter()
                .find(|f| {
                    // ...or an answer that is information (the device code flow still waiting).
                    matches!(
                        f.code.as_str(),
                        "input.authorize_unreadable"
                            | "response.error"
                            | "har.error_returned"
                            | "request.redirect_uri_missing"
                    ) && f.severity == Severity::Info
                })
                .map_or_else(|| PASTE_REGISTERED.into(), |f| f.title.clone()),
        ),
        None => (
            VerdictKind::Unknown,
            "No error found, but the redirect URI could not be confirmed.".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An app's sign-in start URL (Spring's /oauth2/authorization/azure, App Service's
    /// /.auth/login/aad) is said as what it is: the authorize request is the redirect after it.
    #[test]
    fn a_sign_in_start_url_is_said_as_such() {
        for url in [
            "http://localhost:8080/oauth2/authorization/azure",
            "https://contoso-web.azurewebsites.net/.auth/login/aad?post_login_redirect_uri=/",
            "https://app.contoso.com/MicrosoftIdentity/Account/SignIn",
        ] {
            let a = analyze(&CaseInput {
                authorize: url.into(),
                ..CaseInput::default()
            });
            let f = a
                .report
                .findings
                .iter()
                .find(|f| f.code == "input.authorize_unreadable");
            assert!(
                f.is_some_and(|f| f.detail.contains("sign-in start")),
                "{url}: {f:?}"
            );
        }
    }

    /// A pasted failure this page does not know is not "no error was found".
    #[test]
    fn an_unrecognised_failure_text_is_not_called_no_error() {
        let a = analyze(&CaseInput {
            authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid&state=s1&nonce=n1&response_mode=form_post".into(),
            registered: "Web\nhttps://app.contoso.com/cb".into(),
            callback: "Contoso.Auth.SignInException: the frobnicator refused the widget".into(),
            ..CaseInput::default()
        });
        assert!(a.report.has("input.callback_unreadable"));
        assert!(!a.headline.contains("no error was found"), "{}", a.headline);
    }

    /// MSAL.NET's default redirect URI in AADSTS500112, in either box: the fix is the builder's.
    #[test]
    fn msal_nets_reply_url_not_set_is_fixed_on_the_builder() {
        let text = "Microsoft.Identity.Client.MsalServiceException: AADSTS500112: The reply address 'https://replyurlnotset/' does not match the reply address 'https://hr.contoso.com/signin-oidc' provided when requesting Authorization code.";
        for (authorize, callback) in [(text, ""), ("", text)] {
            let a = analyze(&CaseInput {
                authorize: authorize.into(),
                callback: callback.into(),
                registered: "Web\nhttps://hr.contoso.com/signin-oidc".into(),
                ..CaseInput::default()
            });
            let f = a.report.findings.iter().find(|f| f.aadsts == Some(500112));
            assert!(
                f.is_some_and(|f| f
                    .fix
                    .contains(".WithRedirectUri(\"https://hr.contoso.com/signin-oidc\")")),
                "{:?}",
                a.report.findings
            );
        }
        // Another token-leg mismatch keeps its fix.
        assert_eq!(reply_url_not_set("AADSTS500112: The reply address 'http://a.b/c' does not match the reply address 'https://a.b/c' provided when requesting Authorization code."), None);
    }

    /// The token-leg code a rule finding predicts (platform_mismatch's AADSTS7000218) is no
    /// answer from Entra: the /common warning stays; a code that came back disproves it.
    #[test]
    fn a_predicted_token_error_does_not_disprove_the_common_warning() {
        let tenant = |callback: &str| {
            let a = analyze(&CaseInput {
                authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A53127&scope=openid&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&x-client-SKU=MSAL.Python".into(),
                registered: r#"{"signInAudience":"AzureADMyOrg","web":{"redirectUris":["http://localhost"]},"publicClient":{"redirectUris":[]}}"#.into(),
                callback: callback.into(),
                ..CaseInput::default()
            });
            assert!(a.report.has("redirect.platform_mismatch"));
            let f = a
                .report
                .findings
                .iter()
                .find(|f| f.code == "request.tenant_invalid")
                .cloned()
                .expect("tenant finding");
            f.severity
        };
        assert_eq!(tenant(""), Severity::Warning);
        assert_eq!(
            tenant("http://localhost:53127/?code=0.AXoA&state=s1"),
            Severity::Info
        );
    }

    /// A SAML request's accepted verdict speaks of its reply URL and the SAML response.
    #[test]
    fn an_accepted_saml_request_says_reply_url_and_saml_response() {
        let headline = |authorize: &str| {
            analyze(&CaseInput {
                authorize: authorize.into(),
                registered: "https://sp.contoso.com/acs".into(),
                ..CaseInput::default()
            })
            .headline
        };
        let saml = r#"<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="id1" Version="2.0" AssertionConsumerServiceURL="https://sp.contoso.com/acs"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">urn:sp</saml:Issuer></samlp:AuthnRequest>"#;
        assert_eq!(
            headline(saml),
            "Entra accepts this reply URL and nothing in the request stops the SAML response."
        );
        // Its reading note cites the SAML protocol, not the OAuth code flow.
        let a = analyze(&CaseInput {
            authorize: saml.into(),
            ..CaseInput::default()
        });
        let note = a
            .report
            .findings
            .iter()
            .find(|f| f.code == "input.authorize_decoded");
        assert_eq!(
            note.map(|f| f.refs.clone()),
            Some(vec![codes::refs::SAML_PROTOCOL.to_string()])
        );
        let oauth = "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri=https%3A%2F%2Fsp.contoso.com%2Facs&response_type=code&scope=openid&response_mode=form_post&nonce=1&state=2";
        assert_eq!(
            headline(oauth),
            "Entra accepts this redirect URI and nothing in the request stops the code."
        );
    }

    /// Two apps in one HAR: the one that failed is compared with a pasted list that holds, exactly,
    /// the other app's redirect URI. That list is the other app's: no command is built from it.
    #[test]
    fn a_list_of_another_app_in_the_har_builds_no_command() {
        let auth = |app: &str, cb: &str| {
            format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id={app}&response_type=code&redirect_uri={}&scope=openid&state=s1", uri::form_encode(cb))
        };
        let main_app = "c2a8f0e1-7d4b-4b39-9e61-2f5d8a3c9b70";
        let widget = "5e9c1f3a-2b7d-4c8e-9f01-a2b3c4d5e6f7";
        let entry = |url: &str, status: u16, location: &str, body: &str| {
            format!(
                r#"{{"request":{{"method":"GET","url":"{url}","headers":[]}},"response":{{"status":{status},"headers":[{{"name":"Location","value":"{location}"}}],"redirectURL":"{location}","content":{{"size":{},"mimeType":"text/html","text":"{body}"}}}}}}"#,
                body.len()
            )
        };
        let har = format!(
            r#"{{"log":{{"entries":[{},{}]}}}}"#,
            entry(&auth(main_app, "https://portal.fabrikam.com/signin-oidc"), 302, "https://portal.fabrikam.com/signin-oidc?code=0.AXo&state=s1", ""),
            entry(&auth(widget, "https://chat.vendor.example/auth/silent"), 200, "", "AADSTS50011: The redirect URI 'https://chat.vendor.example/auth/silent' specified in the request does not match the redirect URIs configured for the application."),
        );
        let run = |registered: &str| {
            analyze(&CaseInput {
                registered: registered.into(),
                evidence: har.clone(),
                ..CaseInput::default()
            })
        };
        let labels = |a: &Analysis| -> Vec<String> {
            let all = a.report.findings.iter().flat_map(|f| f.snippets.iter());
            all.map(|s| s.label.clone()).collect()
        };
        let a = run("https://portal.fabrikam.com/signin-oidc");
        assert_eq!(a.request.as_ref().and_then(|r| r.client_id()), Some(widget));
        let snippets = labels(&a);
        assert!(
            !snippets.iter().any(|l| l.starts_with("az CLI")),
            "{snippets:?}"
        );
        assert!(a.report.findings.iter().any(|f| f
            .fix
            .contains(&format!("not in the pasted registration of app {main_app}"))));
        // Near miss: a list that holds neither app's URI still gets its command.
        let a = run("https://portal.fabrikam.com/other");
        let snippets = labels(&a);
        assert!(
            snippets.iter().any(|l| l.starts_with("az CLI")),
            "{snippets:?}"
        );
    }

    #[test]
    fn a_har_stopped_on_an_entra_page_with_no_text_is_the_verdict() {
        let auth = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid";
        let run = |redirect: &str| {
            analyze(&CaseInput {
                registered: format!("web: {redirect}"),
                evidence: format!(
                    r#"{{"log":{{"entries":[{{"request":{{"method":"GET","url":"{auth}","headers":[]}},"response":{{"status":200,"headers":[],"content":{{"size":0}}}}}}]}}}}"#
                ),
                ..CaseInput::default()
            })
        };
        let a = run("https://app.contoso.com/cb");
        assert_eq!(a.verdict, VerdictKind::Unknown);
        assert!(
            a.headline.contains("stopped on Entra's page"),
            "{}",
            a.headline
        );
        // Near miss: a mismatch stays the verdict.
        let a = run("https://app.contoso.com/cb/");
        assert_eq!(a.verdict, VerdictKind::Rejected);
    }

    /// An input that could not be read is "cannot tell yet", not a refusal; a refusal read
    /// from another input still is one.
    #[test]
    fn an_unreadable_input_alone_is_not_a_rejection() {
        let a = analyze(&CaseInput {
            authorize: "the sign-in does not work".into(),
            registered: "https://app.contoso.com/cb".into(),
            ..CaseInput::default()
        });
        assert!(a.report.primary().is_some_and(codes::is_unreadable_input));
        assert_eq!(a.verdict, VerdictKind::Unknown);
        let a = analyze(&CaseInput {
            authorize: "the sign-in does not work".into(),
            callback: "https://app.contoso.com/cb?error=access_denied&error_description=AADSTS53003%3A+Access+has+been+blocked+by+Conditional+Access+policies.".into(),
            ..CaseInput::default()
        });
        assert_eq!(a.verdict, VerdictKind::Rejected, "{:?}", a.report.findings);
    }

    /// A command for an app of a national cloud goes to that cloud's Microsoft Graph.
    #[test]
    fn commands_use_the_national_clouds_graph() {
        for (host, graph) in [
            (
                "login.microsoftonline.us",
                "https://graph.microsoft.us/v1.0/",
            ),
            (
                "login.chinacloudapi.cn",
                "https://microsoftgraph.chinacloudapi.cn/v1.0/",
            ),
            (
                "login.microsoftonline.com",
                "https://graph.microsoft.com/v1.0/",
            ),
        ] {
            let a = analyze(&CaseInput {
                authorize: format!("https://{host}/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fspa.contoso.us%2Fauth%2F&scope=openid&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&x-client-SKU=msal.js.browser"),
                registered: r#"{"spa":{"redirectUris":["https://spa.contoso.us/auth"]}}"#.into(),
                ..CaseInput::default()
            });
            let commands: Vec<&str> = a
                .report
                .findings
                .iter()
                .flat_map(|f| f.snippets.iter())
                .map(|s| s.text.as_str())
                .filter(|t| t.starts_with("az rest"))
                .collect();
            assert!(!commands.is_empty(), "{host}");
            assert!(
                commands.iter().all(|c| c.contains(graph)),
                "{host}: {commands:?}"
            );
        }
    }

    /// An input too large to read is the verdict, not the empty page's "paste…".
    #[test]
    fn a_too_large_input_is_the_verdict() {
        let a = analyze(&CaseInput {
            authorize: "x".repeat(MAX_FIELD + 1),
            ..CaseInput::default()
        });
        assert_ne!(a.verdict, VerdictKind::Empty);
        assert!(a.headline.contains("too large"), "{}", a.headline);
    }

    /// A direction override or invisible character quoted from the inputs never reaches a
    /// finding's text or the headline as itself; snippets, which are copied, stay exact.
    #[test]
    fn finding_texts_show_hidden_characters_as_code_points() {
        let a = analyze(&CaseInput {
            authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fa.contoso.com%2F%E2%80%AEbc%2Ftneilc".into(),
            registered: "Web\nhttps://a.contoso.com/client/cb\nhttps://\u{202E}moc.osotnoc.ppa/cb\u{200B}".into(),
            ..CaseInput::default()
        });
        let hidden = |t: &str| t.chars().any(|c| matches!(c, '\u{202E}' | '\u{200B}'));
        assert!(!hidden(&a.headline), "{}", a.headline);
        for f in &a.report.findings {
            assert!(
                !hidden(&f.title) && !hidden(&f.detail) && !hidden(&f.fix),
                "{f:?}"
            );
        }
        assert!(a
            .report
            .findings
            .iter()
            .any(|f| f.detail.contains("⟨U+202E⟩")));
        assert_eq!(uri::show_hidden("plain text, with spaces\n"), None);
    }

    /// Entra's page in a HAR refusing the very redirect URI the pasted list holds (AADSTS50011),
    /// or the browser's redemption of a URI it holds under SPA (AADSTS9002326): Entra checked
    /// another registration.
    #[test]
    fn a_har_refusal_of_a_listed_uri_is_a_stale_registration() {
        let auth = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid&state=s1";
        let page = serde_json::json!({"log": {"entries": [{
            "request": {"method": "GET", "url": auth, "headers": []},
            "response": {"status": 200, "headers": [], "content": {"mimeType": "text/html", "text": "<script>$Config={\"iErrorCode\":50011,\"strServiceExceptionMessage\":\"AADSTS50011: The redirect URI does not match\"};</script>"}}
        }]}})
        .to_string();
        let run = |registered: &str| {
            analyze(&CaseInput {
                registered: registered.into(),
                evidence: page.clone(),
                ..CaseInput::default()
            })
            .report
        };
        let r = run("Web\nhttps://app.contoso.com/cb");
        assert_eq!(
            r.primary().map(|p| p.code.as_str()),
            Some("redirect.registration_stale")
        );
        // Near miss: the list does not hold it, so the mismatch is the cause.
        let r = run("Web\nhttps://app.contoso.com/cb/");
        assert!(!r.has("redirect.registration_stale"), "{:?}", r.findings);
    }

    #[test]
    fn a_command_never_changes_the_pasted_app_when_the_request_is_for_another() {
        let case = |client: &str| {
            CaseInput {
            authorize: format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id={client}&response_type=code&redirect_uri=https%3A%2F%2Fadmin.contoso.com%2Fcb&scope=openid"),
            registered: r#"{"appId": "6731de76-14a6-49ae-97bc-6eba6914391e", "web": {"redirectUris": ["https://app.contoso.com/cb"]}}"#.into(),
            ..CaseInput::default()
        }
        };
        let commands = |a: &Analysis| -> Vec<String> {
            a.report
                .findings
                .iter()
                .flat_map(|f| &f.snippets)
                .filter(|s| s.label.starts_with("az CLI"))
                .map(|s| s.text.clone())
                .collect()
        };
        let other = analyze(&case("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"));
        assert!(commands(&other).is_empty(), "{:?}", commands(&other));
        // The other app's list is said first; the mismatch with it follows, with its fix.
        assert_eq!(
            other.report.primary().map(|p| p.code.as_str()),
            Some("request.client_id_invalid")
        );
        let primary = other
            .report
            .findings
            .iter()
            .find(|f| f.code.starts_with("redirect.") && f.severity == Severity::Error)
            .expect("a mismatch");
        assert!(
            primary
                .fix
                .contains("in app 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d, the request's client_id"),
            "{}",
            primary.fix
        );
        assert!(
            !primary.fix.contains("The command keeps"),
            "{}",
            primary.fix
        );
        // The same app: the command is there, for that app.
        let same = analyze(&case("6731de76-14a6-49ae-97bc-6eba6914391e"));
        let c = commands(&same);
        assert!(
            c.first()
                .is_some_and(|c| c.contains("--id '6731de76-14a6-49ae-97bc-6eba6914391e'")),
            "{c:?}"
        );
    }

    /// Every command written without the app's ID says where the real one is: the register,
    /// move, wildcard and no-registration commands and MSAL Android's.
    #[test]
    fn a_command_with_a_placeholder_app_id_says_where_to_get_it() {
        let q = |redirect: &str, sku: &str| {
            format!(
                "client_id=YOUR_CLIENT_ID&response_type=code&redirect_uri={}&scope=openid{sku}",
                uri::form_encode(redirect)
            )
        };
        let cases = [
            (q("https://app.contoso.com/cb2", ""), "Web\nhttps://app.contoso.com/cb"),
            (q("https://spa.contoso.com/", "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&x-client-SKU=msal.js.browser"), "Web\nhttps://spa.contoso.com/"),
            (q("https://a.contoso.com/cb", ""), r#"{"signInAudience":"AzureADandPersonalMicrosoftAccount","web":{"redirectUris":["https://*.contoso.com/cb"]}}"#),
            (q("https://app.contoso.com/cb", ""), r#"{"web":{"redirectUris":[]}}"#),
            ("The redirect URI in the configuration file doesn't match with the one generated with package name and signature hash. We expected 'msauth://a.b/Xo8WBi6jzSxKDVR4drqm84yr9iU%3D' and we received 'msauth://a.b/2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D'.".to_string(), "Android\nmsauth://a.b/2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D"),
        ];
        for (authorize, registered) in cases {
            let a = analyze(&CaseInput {
                authorize: authorize.clone(),
                registered: registered.into(),
                ..CaseInput::default()
            });
            let with: Vec<_> = a
                .report
                .findings
                .iter()
                .flat_map(|f| &f.snippets)
                .filter(|s| s.text.contains(fix::APP_ID_PLACEHOLDER))
                .collect();
            assert!(!with.is_empty(), "no command for {authorize}");
            for s in with {
                assert!(s.label.contains("Overview page"), "{}", s.label);
            }
            // Near miss: with the app's ID, no placeholder and no note.
            let a = analyze(&CaseInput {
                authorize: authorize
                    .replace("YOUR_CLIENT_ID", "6731de76-14a6-49ae-97bc-6eba6914391e"),
                registered: registered
                    .replace("Web\n", "6731de76-14a6-49ae-97bc-6eba6914391e\nWeb\n"),
                ..CaseInput::default()
            });
            if authorize.starts_with("client_id") {
                assert!(
                    a.report
                        .findings
                        .iter()
                        .flat_map(|f| &f.snippets)
                        .all(|s| !s.label.contains("Overview page")
                            && !s.text.contains(fix::APP_ID_PLACEHOLDER)),
                    "{authorize}"
                );
            }
        }
    }

    /// AADSTS9002326's Request origin: localhost's port is ignored as Entra ignores it; with
    /// several registered URIs on the origin, the finding names them and that the text gives
    /// only the origin.
    #[test]
    fn a_request_origin_matches_localhost_at_any_port_and_names_several_candidates() {
        let text = |o: &str| {
            format!("ServerError: invalid_request: AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '{o}'.")
        };
        let run = |o: &str, reg: &str| {
            analyze(&CaseInput {
                authorize: text(o),
                registered: reg.into(),
                ..CaseInput::default()
            })
        };
        // One localhost URI on another port: it is the one Entra matched.
        let a = run("http://localhost:3000", "Web\nhttp://localhost:5173/auth");
        assert_eq!(
            a.report.redirect.sent.as_deref(),
            Some("http://localhost:5173/auth")
        );
        assert!(a
            .report
            .findings
            .iter()
            .any(|f| f.code == "redirect.platform_mismatch"));
        // Near miss: 127.0.0.1 keeps its port (the exception is for localhost only).
        let a = run("http://127.0.0.1:3000", "Web\nhttp://127.0.0.1:5173/auth");
        assert_eq!(a.report.redirect.sent, None);
        // Several on the origin: named, and the text gives only the origin.
        let a = run("https://app.contoso.com", "Web\nhttps://app.contoso.com/auth\nhttps://app.contoso.com/\nSingle-page application\nhttps://other.contoso.com/");
        let f = a
            .report
            .findings
            .iter()
            .find(|f| f.aadsts == Some(9002326))
            .expect("9002326");
        assert!(f.detail.contains("gives only the origin"), "{}", f.detail);
        assert!(
            f.detail
                .contains("https://app.contoso.com/auth (Web), https://app.contoso.com/ (Web)"),
            "{}",
            f.detail
        );
        assert!(!f.detail.contains("other.contoso.com"), "{}", f.detail);
        assert!(
            f.fix.starts_with("Find the redirect URI the app sends"),
            "{}",
            f.fix
        );
    }

    /// AADSTS9002326 whose Request origin has no registered URI says so (www against apex).
    #[test]
    fn a_request_origin_without_a_registered_uri_is_named() {
        let a = analyze(&CaseInput {
            authorize: "AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: 'https://www.contoso.com'.".into(),
            registered: "Single-page application\nhttps://contoso.com/".into(),
            ..CaseInput::default()
        });
        let f = a
            .report
            .findings
            .iter()
            .find(|f| f.aadsts == Some(9002326))
            .expect("9002326");
        assert!(
            f.detail.contains("holds no URI on that origin"),
            "{}",
            f.detail
        );
        assert!(
            f.fix
                .starts_with("Register the redirect URI the app sends (on https://www.contoso.com"),
            "{}",
            f.fix
        );
        // Near miss: no list pasted, nothing said about it.
        let a = analyze(&CaseInput {
            authorize: "AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: 'https://www.contoso.com'.".into(),
            ..CaseInput::default()
        });
        let f = a
            .report
            .findings
            .iter()
            .find(|f| f.aadsts == Some(9002326))
            .expect("9002326");
        assert!(!f.detail.contains("holds no URI"), "{}", f.detail);
    }

    /// The registered URI standing in for AADSTS9002326's localhost origin on another port
    /// matches under the localhost port rule and is said so, not "byte for byte".
    /// MSAL.js' monitor_window_timeout for a redirect URI Entra refuses names the refusal as
    /// its cause; with a registered URI it keeps the library's own words.
    #[test]
    fn a_window_timeout_on_a_refused_redirect_uri_names_the_refusal() {
        let run = |registered: &str| {
            analyze(&CaseInput {
                authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fblank.html&scope=openid&state=s1&prompt=none&response_mode=fragment&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&x-client-SKU=msal.js.browser".into(),
                registered: registered.into(),
                callback: "BrowserAuthError: monitor_window_timeout: Token acquisition in iframe failed due to timeout.".into(),
                ..CaseInput::default()
            })
            .report
        };
        let stuck = |r: &Report| {
            r.findings
                .iter()
                .find(|f| f.code == "response.library_error")
                .is_some_and(|f| {
                    f.detail
                        .contains("AADSTS50011 on its own page inside the window")
                })
        };
        assert!(stuck(&run(
            "Single-page application\nhttps://app.contoso.com/"
        )));
        assert!(!stuck(&run(
            "Single-page application\nhttps://app.contoso.com/blank.html"
        )));
    }

    #[test]
    fn a_stand_in_on_another_localhost_port_is_a_port_ignored_match() {
        let run = |o: &str| {
            analyze(&CaseInput {
                authorize: format!("ServerError: invalid_request: AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '{o}'."),
                registered: "Single-page application\nhttp://localhost:3000/auth".into(),
                ..CaseInput::default()
            })
        };
        let a = run("http://localhost:4200");
        assert_eq!(a.report.redirect.status, RedirectStatus::LoopbackPort);
        let f = a
            .report
            .findings
            .iter()
            .find(|f| f.code == "redirect.loopback_port_ignored")
            .expect("the port rule");
        assert!(f.detail.contains("(http://localhost:4200)"), "{}", f.detail);
        assert!(!a.report.has("redirect.exact_match"));
        // Near miss: the origin on the registered port is an exact match.
        let a = run("http://localhost:3000");
        assert_eq!(a.report.redirect.status, RedirectStatus::Exact);
        assert!(a.report.has("redirect.exact_match"));
    }

    #[test]
    fn the_deleted_pnp_management_shell_app_is_named_in_its_700016() {
        let fix_of = |id: &str| {
            analyze(&CaseInput {
                authorize: format!("AADSTS700016: Application with identifier '{id}' was not found in the directory 'Contoso'."),
                ..CaseInput::default()
            })
            .report
            .findings
            .into_iter()
            .find(|f| f.aadsts == Some(700016) && f.severity == Severity::Error)
            .map(|f| f.fix)
            .unwrap_or_default()
        };
        assert!(fix_of("31359c7f-bd7e-475c-86db-fdb8c937548e").contains("PnP Management Shell"));
        assert!(!fix_of("6731de76-14a6-49ae-97bc-6eba6914391e").contains("PnP"));
    }
}
