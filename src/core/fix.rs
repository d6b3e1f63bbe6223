//! Concrete fixes: the command that registers a URI while keeping the ones
//! already registered, and the authorize URL with a corrected redirect_uri.

use super::authorize::{AuthorizeRequest, Source};
use super::registered::Registered;
use super::report::Platform;
use super::uri;

/// What a command carries in place of the app's ID when none was given.
pub const APP_ID_PLACEHOLDER: &str = "<application-client-id>";

/// Quotes a word for a POSIX shell.
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The URIs to keep when registering `new` under `platform`: those known to
/// be on that platform, or, when the pasted list carried no platforms, every
/// pasted URI (the fix text says so).
fn keep<'a>(reg: &'a Registered, platform: Platform, new: &str) -> Vec<&'a str> {
    // Each URI once: Microsoft Graph refuses a list with a value twice (DuplicateValue).
    let mut seen = std::collections::HashSet::new();
    reg.uris
        .iter()
        .filter(|r| {
            r.platform == platform || (!reg.has_platforms && r.platform == Platform::Unknown)
        })
        .map(|r| r.uri.as_str())
        .filter(|u| *u != new && seen.insert(*u))
        .collect()
}

/// The command that adds `new` under `platform` and keeps what is there.
/// Web and public-client lists can be set with `az ad app update`; the SPA list
/// only through Microsoft Graph, so that one is an `az rest` PATCH.
pub fn register_command(
    reg: &Registered,
    app_id: Option<&str>,
    platform: Platform,
    new: &str,
) -> String {
    let id = app_id.unwrap_or(APP_ID_PLACEHOLDER);
    let platform = if platform == Platform::Unknown {
        Platform::Web
    } else {
        platform
    };
    let mut list = keep(reg, platform, new);
    list.push(new);
    // A list the paste does not show (one platform's section, one infrastructure resource) is
    // read from Entra when the command runs, not replaced by the URI alone.
    if reads_live(reg, platform) {
        return add_to_live_list(app_id, platform, new);
    }
    match platform {
        Platform::Web | Platform::Unknown => format!(
            "az ad app update --id {} --web-redirect-uris {}",
            sh_quote(id),
            list.iter()
                .map(|u| sh_quote(u))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        Platform::Spa | Platform::PublicClient => {
            let key = if platform == Platform::Spa {
                "spa"
            } else {
                "publicClient"
            };
            let body = serde_json::json!({ key: { "redirectUris": list } }).to_string();
            format!(
                "az rest --method PATCH --uri \"https://graph.microsoft.com/v1.0/applications(appId='{}')\" --headers 'Content-Type=application/json' --body {}",
                id.replace(['\'', '"', '\\', '$', '`'], ""),
                sh_quote(&body)
            )
        }
    }
}

/// The command that adds `new` to the Web or Mobile and desktop list registered in Entra now
/// (read when it runs): for a pasted list that is not the registration's.
pub fn add_to_live_list(app_id: Option<&str>, platform: Platform, new: &str) -> String {
    let (flag, key) = match platform {
        Platform::PublicClient => ("--public-client-redirect-uris", "publicClient"),
        _ => ("--web-redirect-uris", "web"),
    };
    format!(
        "az ad app update --id {q} {flag} $(az ad app show --id {q} --query '{key}.redirectUris[]' -o tsv) {}",
        sh_quote(new),
        q = sh_quote(app_id.unwrap_or(APP_ID_PLACEHOLDER))
    )
}

/// Whether the command for `platform` reads that platform's list from Entra when it runs (the
/// paste does not show it): then it keeps every URI registered there, pasted or not.
fn reads_live(reg: &Registered, platform: Platform) -> bool {
    let platform = if platform == Platform::Unknown {
        Platform::Web
    } else {
        platform
    };
    reg.has_platforms && !reg.shows(platform) && platform != Platform::Spa
}

/// A note on what the command keeps, for the fix text.
pub fn keep_note(reg: &Registered, platform: Platform) -> String {
    let mut note = keep_note_read(reg, platform);
    if let Some(code) = reg.source {
        note.push_str(&format!(" The pasted list is {code} code, which owns the registration: make the change there too (and deploy it), or its next deployment undoes the command."));
    }
    // Entra's limit on the app's redirect URIs (reply-url): one more may be one too many.
    let distinct: std::collections::HashSet<&str> =
        reg.uris.iter().map(|u| u.uri.as_str()).collect();
    let limit = reg.audience.max_uris();
    if distinct.len() >= limit {
        // The command adds one: what to remove so the list ends at the limit.
        let over = distinct.len() + 1 - limit;
        let remove = if over == 1 {
            "one it no longer uses".to_string()
        } else {
            format!("{over} it no longer uses")
        };
        note.push_str(&format!(
            " The app already has {} redirect URIs, Entra's limit for its audience is {limit} (reply-url): remove {remove} from the command, or Entra refuses the update.",
            distinct.len()
        ));
    }
    // Kept entries Entra would refuse to save make the whole update fail: say which, so the
    // user decides (deleting them silently could remove a URI an app still relies on).
    let refused: Vec<&str> = keep(reg, platform, "")
        .into_iter()
        .filter(|u| !super::redirect::registrable_problems(u, reg.audience).is_empty())
        .collect();
    if let Some(first) = refused.first() {
        note.push_str(&format!(
            " It keeps {} that Entra's rules refuse ({first}{}): if the command is refused, remove {} from it.",
            if refused.len() == 1 { "one entry".to_string() } else { format!("{} entries", refused.len()) },
            if refused.len() > 1 { ", …" } else { "" },
            if refused.len() == 1 { "it" } else { "them" }
        ));
    }
    // The portal's Android, iOS / macOS and Mobile and desktop cards are one list: a paste of
    // some of them leaves the others' URIs out of a command that replaces it.
    // A list not read in full is read from Entra by the command: nothing of it is removed.
    let reads_first = reg.unread.contains(&platform) && platform != Platform::Spa;
    if platform == Platform::PublicClient
        && (1..3).contains(&reg.public_cards.len())
        && !reads_first
    {
        note.push_str(&format!(
            " The Android, iOS / macOS and Mobile and desktop applications cards are one list to Entra (publicClient.redirectUris), and the pasted text holds only the {} card{}: if the app has the other{}, add their URIs to the command, or it removes them.",
            reg.public_cards.join(" and "),
            if reg.public_cards.len() == 1 { "" } else { "s" },
            if reg.public_cards.len() == 1 { "s" } else { "" },
        ));
    }
    match reg.problems.len() {
        // The command reads the registered list itself: nothing pasted needs adding.
        _ if reads_live(reg, platform) => note,
        0 => note,
        _ if reads_first => note,
        n => format!(
            "{note} {n} part{} of the pasted list could not be read (see the input finding): add the URIs {} to the command, or it removes them.",
            if n == 1 { "" } else { "s" },
            if n == 1 { "it holds" } else { "they hold" }
        ),
    }
}

fn keep_note_read(reg: &Registered, platform: Platform) -> String {
    if reg.has_platforms {
        let n = keep(reg, platform, "").len();
        // URIs read outside any platform's part of the list: the command cannot tell whether
        // they are on this platform, so it leaves them out and says so.
        let mut unplaced: Vec<&str> = reg
            .uris
            .iter()
            .filter(|r| r.platform == Platform::Unknown)
            .map(|r| r.uri.as_str())
            .collect();
        let mut seen = std::collections::HashSet::new();
        unplaced.retain(|u| seen.insert(*u));
        let unplaced = match unplaced.as_slice() {
            [] => String::new(),
            [one] => format!(" It leaves out {one}, which the pasted list names under no platform: add it if it is registered under {}.", platform.portal_name()),
            [first, rest @ ..] => format!(" It leaves out {} URIs the pasted list names under no platform ({first}, …): add those registered under {}.", rest.len() + 1, platform.portal_name()),
        };
        // A list read only in part: the command reads it from Entra, so nothing pasted needs
        // adding to it.
        if reg.unread.contains(&platform) && platform != Platform::Spa {
            return format!(
                "Part of the {} list could not be read (see the input finding), so the command adds this one to the URIs registered there now (it reads them first).",
                platform.portal_name()
            );
        }
        if n == 0 && reads_live(reg, platform) {
            // Those it reads: the URIs the paste names under no platform are among them when
            // they are on this one.
            return format!(
                "The pasted list does not show the {} list, so the command adds this one to the URIs registered there now (it reads them first).",
                platform.portal_name()
            );
        }
        if n == 0 {
            return format!(
                "The pasted list holds no other URI under {}, so the command sets this one alone there.{unplaced}",
                platform.portal_name()
            );
        }
        format!(
            "The command keeps the {n} URI{} already registered under {}.{unplaced}",
            if n == 1 { "" } else { "s" },
            platform.portal_name()
        )
    } else if reg.uris.is_empty() {
        "No registered list was pasted: add the URIs that are already registered to the command, or it replaces them.".into()
    } else {
        format!(
            "The pasted list did not say which platform each URI is on, so the command keeps {} under {}: check that first.",
            match reg.uris.len() {
                1 => "the one it holds".to_string(),
                n => format!("all {n} of them"),
            },
            platform.portal_name()
        )
    }
}

/// The authorize URL with `redirect_uri` set to `target` (encoded once),
/// everything else as sent.
pub fn corrected_url(req: &AuthorizeRequest, target: &str) -> Option<String> {
    // A SAML request carries its reply URL inside the signed, encoded SAMLRequest.
    if req.url.is_empty() || req.saml.is_some() {
        return None;
    }
    let enc = uri::form_encode(target);
    // A pasted query string alone is answered with the query string alone.
    let (base, query) = match req.url.split_once('?') {
        _ if req.source == Source::Query => ("", req.url.as_str()),
        Some((b, q)) => (b, q),
        None => (req.url.as_str(), ""),
    };
    // Pairs of the query and of an unencoded fragment, rebuilt in order.
    let all = match query.split_once('#') {
        Some((q, f)) => format!("{q}&{f}"),
        None => query.to_string(),
    };
    let mut seen = false;
    let mut pairs: Vec<String> = Vec::new();
    for pair in all.split('&').filter(|p| !p.is_empty()) {
        let name = pair.split_once('=').map_or(pair, |(n, _)| n);
        if name == "redirect_uri" {
            if !seen {
                pairs.push(format!("redirect_uri={enc}"));
                seen = true;
            }
        } else if pair.starts_with('/') && !pair.contains('=') {
            // the rest of an unencoded redirect URI, cut off at '#'
            continue;
        } else {
            pairs.push(pair.to_string());
        }
    }
    if !seen {
        pairs.push(format!("redirect_uri={enc}"));
    }
    if base.is_empty() {
        return Some(pairs.join("&"));
    }
    Some(format!("{base}?{}", pairs.join("&")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{authorize, registered};

    #[test]
    fn web_command_keeps_existing_uris() {
        let reg = registered::read(
            r#"{"web":{"redirectUris":["https://a/cb"]},"spa":{"redirectUris":["https://s/cb"]}}"#,
        );
        let c = register_command(&reg, Some("id1"), Platform::Web, "https://a/cb/");
        assert_eq!(
            c,
            "az ad app update --id 'id1' --web-redirect-uris 'https://a/cb' 'https://a/cb/'"
        );
    }

    #[test]
    fn spa_command_is_a_graph_patch_with_the_full_list() {
        let reg = registered::read(r#"{"spa":{"redirectUris":["https://s/cb"]}}"#);
        let c = register_command(&reg, Some("id1"), Platform::Spa, "https://s/new");
        assert!(c.starts_with("az rest --method PATCH --uri \"https://graph.microsoft.com/v1.0/applications(appId='id1')\""));
        assert!(c.ends_with(r#"'{"spa":{"redirectUris":["https://s/cb","https://s/new"]}}'"#));
    }

    #[test]
    fn keep_note_warns_when_part_of_the_list_was_not_read() {
        let reg = registered::read("https://a/cb\nRedirectUris : {https://b/cb, https://c/cb...}");
        assert_eq!(reg.problems.len(), 1);
        let n = keep_note(&reg, Platform::Web);
        assert!(n.contains("keeps all 3 of them"), "{n}");
        assert!(n.ends_with("1 part of the pasted list could not be read (see the input finding): add the URIs it holds to the command, or it removes them."), "{n}");
        let reg = registered::read("https://a/cb");
        assert!(!keep_note(&reg, Platform::Web).contains("could not be read"));
        assert!(keep_note(&reg, Platform::Web).contains("keeps the one it holds under Web"));
        let reg = registered::read("Web\nhttps://a/cb");
        assert!(keep_note(&reg, Platform::Web).starts_with("The command keeps the 1 URI already"));
        // A URI before any platform heading is not put in the command, and that is said.
        let reg = registered::read("https://x/cb\nWeb\nhttps://a/cb");
        let n = keep_note(&reg, Platform::Web);
        assert!(
            n.contains("It leaves out https://x/cb, which the pasted list names under no platform"),
            "{n}"
        );
        // A PowerShell type name names a platform, but places no URI.
        let reg = registered::read("Web            : Microsoft.Graph.PowerShell.Models.MicrosoftGraphWebApplication\nRedirectUris : {https://a/cb, https://b/cb}");
        assert!(!reg.has_platforms);
        assert!(keep_note(&reg, Platform::Web).contains("keeps all 2 of them"));
    }

    /// A portal card whose URI could not be built leaves the list unread: the command reads
    /// the list from Entra, so the card's URI is not removed; a card that was read is kept.
    #[test]
    fn a_list_with_an_unread_card_is_read_from_entra_by_the_command() {
        let new = "msauth://com.contoso.app/2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D";
        let reg = registered::read("Android\nPackage name\ncom.contoso.app\n");
        let c = register_command(&reg, Some("id1"), Platform::PublicClient, new);
        assert!(
            c.contains("$(az ad app show --id 'id1' --query 'publicClient.redirectUris[]' -o tsv)"),
            "{c}"
        );
        let n = keep_note(&reg, Platform::PublicClient);
        assert!(
            n.starts_with("Part of the Mobile and desktop applications list could not be read"),
            "{n}"
        );
        assert!(!n.contains("or it removes them"), "{n}");
        let reg = registered::read("Android\nPackage name\ncom.contoso.app\nSignature hash\nXo8WBi6jzSxKDVR4drqm84yr9iU=\n");
        let c = register_command(&reg, Some("id1"), Platform::PublicClient, new);
        assert!(
            c.contains(r#"["msauth://com.contoso.app/Xo8WBi6jzSxKDVR4drqm84yr9iU%3D","msauth://"#),
            "{c}"
        );
    }

    #[test]
    fn a_uri_listed_twice_is_in_the_command_once() {
        let reg =
            registered::read("https://a.example/cb\nhttps://a.example/other\nhttps://a.example/cb");
        let c = register_command(&reg, Some("id1"), Platform::Web, "https://a.example/cb/");
        assert_eq!(c.matches("'https://a.example/cb'").count(), 1, "{c}");
        assert!(c.ends_with("'https://a.example/cb/'"), "{c}");
    }

    #[test]
    fn quoting_survives_quotes() {
        assert_eq!(sh_quote("a'b"), r"'a'\''b'");
    }

    #[test]
    fn corrected_url_replaces_only_redirect_uri() {
        let req = authorize::read("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&redirect_uri=https%3A%2F%2Fa%2Fcb%2F&state=s").expect("read");
        assert_eq!(
            corrected_url(&req, "https://a/cb").as_deref(),
            Some("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&redirect_uri=https%3A%2F%2Fa%2Fcb&state=s")
        );
        let req = authorize::read("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&redirect_uri=https://a/#/auth&response_type=code").expect("read");
        assert_eq!(
            corrected_url(&req, "https://a/").as_deref(),
            Some("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&redirect_uri=https%3A%2F%2Fa%2F&response_type=code")
        );
        // A query string pasted alone stays a query string; a URL whose query holds
        // no '?' of its own keeps its base.
        let req = authorize::read("?client_id=x&redirect_uri=https%3A%2F%2Fa%2Fcb%3Fr%3D1&state=s")
            .expect("read");
        assert_eq!(
            corrected_url(&req, "https://a/cb").as_deref(),
            Some("client_id=x&redirect_uri=https%3A%2F%2Fa%2Fcb&state=s")
        );
    }

    /// A command that reads the registered list itself asks for nothing pasted to be added to
    /// it; one built from the paste still does.
    #[test]
    fn a_command_reading_the_live_list_asks_for_nothing_to_be_added() {
        let reg = crate::core::registered::read(
            "ReplyUrls    : {https://a.contoso.com/cb, https://b.contoso.com/cb...}\nPublicClient :\n",
        );
        assert!(reg.has_platforms && !reg.problems.is_empty());
        let c = register_command(&reg, Some("id1"), Platform::Web, "https://c.contoso.com/cb");
        assert!(c.contains("az ad app show"), "{c}");
        let n = keep_note(&reg, Platform::Web);
        assert!(!n.contains("add "), "{n}");
        let reg = crate::core::registered::read("https://a.contoso.com/cb\nhttps://x/ y z\n");
        assert!(keep_note(&reg, Platform::Web).contains("add the URIs it holds"));
    }
}
