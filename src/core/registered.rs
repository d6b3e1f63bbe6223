//! Reads the app registration's redirect URIs: a plain list, a copy of the
//! portal's Authentication page (platform headings), `web:`/`spa:`/`public:`
//! prefixes, or JSON (Graph `application`, the legacy manifest, `az ad app
//! show`, a bare array).

use serde_json::Value;

use super::report::{Platform, Severity};
use super::uri;

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
    /// The application object's ID (Graph's `id`, the manifest's `objectId`, the portal's
    /// Object ID), if the input carried it: not what a request's client_id takes.
    pub object_id: Option<String>,
    /// Of several applications pasted, the other one whose list holds the redirect URI the
    /// request sends ('name' (appId)), when the one read by client_id does not.
    pub sent_on_other_app: Option<String>,
    /// `web.implicitGrantSettings.enableIdTokenIssuance`, if given.
    pub id_token_issuance: Option<bool>,
    /// `web.implicitGrantSettings.enableAccessTokenIssuance`, if given.
    pub access_token_issuance: Option<bool>,
    /// When the application was created (`createdDateTime`, as pasted), if given.
    pub created: Option<String>,
    /// `isFallbackPublicClient` / `allowPublicClient`, if given.
    pub public_client_flows: Option<bool>,
    /// True when the input was JSON.
    pub from_json: bool,
    /// True when the format says which platform each URI is on.
    pub has_platforms: bool,
    /// What could not be read.
    pub problems: Vec<ReadProblem>,
    /// How a part was read by a judgement the user should check (lines joined into one URI, a
    /// plan's removed lines left out).
    pub notes: Vec<ReadNote>,
    /// The app's identifiers: `identifierUris`, or a SAML app's Identifier (Entity ID) field.
    pub identifiers: Vec<String>,
    /// The input shows a list cut for display (PowerShell's `...`, a console column): URIs
    /// are known to be left out, so a URI not found may be among them. With the beginning of
    /// an item cut in the middle when that is the start of the sent URI.
    pub left_out: Option<LeftOut>,
    /// Entries holding a template expression (`https://${host}/cb`): not compared, as only a
    /// deployment gives their value, but a URI they may become is not a definite mismatch.
    pub templates: Vec<String>,
    /// The infrastructure code the list was read from (Terraform, Bicep, an ARM template,
    /// Pulumi): it owns the registration, so a change made with a command is undone by its
    /// next deployment.
    pub source: Option<&'static str>,
    /// The portal's public-client cards whose heading the text holds (Android, iOS / macOS,
    /// Mobile and desktop applications): one list to Entra, shown as three cards.
    pub public_cards: Vec<&'static str>,
    /// The platforms whose list the input shows, even empty (a JSON key, a portal heading):
    /// a command may set such a list; another one it must not replace with what it does not see.
    pub shown: Vec<Platform>,
    /// The platforms part of whose list was pasted but could not be read (a portal card whose
    /// redirect URI could not be built): the input does not show their whole list.
    pub unread: Vec<Platform>,
    /// `publisherDomain`, if given: the home tenant's domain (its initial
    /// `*.onmicrosoft.com` one unless a custom domain was verified).
    pub publisher_domain: Option<String>,
    /// The Microsoft Graph host the object was read from (its `@odata.context`), which names
    /// the cloud the app is registered in.
    pub graph_host: Option<String>,
}

/// URIs a cut list leaves out (see [`Registered::left_out`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    /// The beginning of a URI cut in the middle that the sent URI starts with.
    pub cut_item: Option<String>,
}

/// A judgement made while reading the registered box, for the input finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadNote {
    /// Its finding code: `input.registered_unreadable` for how a part was read (a guess),
    /// `input.registered_plan` for a Terraform plan's list.
    pub code: &'static str,
    /// What was judged, as a title.
    pub title: &'static str,
    /// What was read, and why.
    pub message: String,
    /// What to check.
    pub fix: &'static str,
    /// Information when the evidence is firm (joined, the lines are the URI the request
    /// sends), else a warning: a guess must not read as a plain "accepted".
    pub severity: Severity,
}

impl Registered {
    /// Whether the input shows `p`'s whole list: under its own key or heading, or with a URI
    /// on it.
    pub fn shows(&self, p: Platform) -> bool {
        !self.unread.contains(&p)
            && (self.shown.contains(&p) || self.uris.iter().any(|u| u.platform == p))
    }

    /// Whether the application was created after the day `(year, month, day)`: None when the
    /// input does not say, or says only a date that cannot be placed (that very day, or a
    /// day/month order a locale decides).
    pub fn created_after(&self, (year, month, day): (u32, u32, u32)) -> Option<bool> {
        let c = self.created.as_deref()?.trim();
        let num = |r: std::ops::Range<usize>| c.get(r).and_then(|d| d.parse::<u32>().ok());
        // ISO 8601 (Graph, az): 2019-03-12T10:22:31Z.
        if let (Some(y), Some(m), Some(d), Some("-"), Some("-")) =
            (num(0..4), num(5..7), num(8..10), c.get(4..5), c.get(7..8))
        {
            let (a, b) = ((y, m, d), (year, month, day));
            return (a != b).then_some(a > b);
        }
        // A localized date (PowerShell: 3/12/2019 10:22:31 AM): its year alone.
        let y = c
            .split(|ch: char| !ch.is_ascii_digit())
            .find(|w| w.len() == 4)
            .and_then(|w| w.parse::<u32>().ok())?;
        (y != year).then_some(y > year)
    }
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
    read_for(input, None, None)
}

/// Reads the registered box for a request whose `client_id` is given: when
/// the input holds several applications (`az ad app list`, a Graph list
/// response, PowerShell records), only the one whose appId is that client_id
/// is read; with no client_id or no single match none is, and a problem names
/// the applications seen. The request's redirect URI (`sent`) is evidence for joining a URI
/// wrapped over two lines.
pub fn read_for(input: &str, client_id: Option<&str>, sent: Option<&str>) -> Registered {
    // A terminal's colour codes (`az … -o jsonc` captured from a console or a CI log).
    let plain = strip_ansi(input);
    let input = plain.as_deref().unwrap_or(input);
    let decoded = quoted_printable(input);
    // A byte order mark is how the file was saved (PowerShell's `Set-Content -Encoding UTF8`),
    // not part of its first URI.
    let input = decoded
        .as_deref()
        .unwrap_or(input)
        .trim_start_matches('\u{FEFF}');
    let t = input.trim();
    // PowerShell's ConvertTo-Json warns on the line before its JSON when it cut the depth.
    let depth_cut = t
        .split_once('\n')
        .filter(|(first, rest)| {
            first.trim_start().starts_with("WARNING:")
                && first.contains("depth")
                && rest.trim_start().starts_with(['{', '['])
        })
        .map(|(_, rest)| rest.trim());
    if let Some(json) = depth_cut {
        let mut reg = read_json(json, client_id, sent);
        reg.notes.push(ReadNote {
            code: "input.registered_unreadable",
            severity: Severity::Info,
            title: "PowerShell cut the JSON at its depth limit",
            message: "ConvertTo-Json wrote the objects below its depth limit (2 by default) as text: a list of redirect URIs became one string with the URIs separated by spaces, which was split again here (a redirect URI holds no space). The settings written as type names (ImplicitGrantSettings, RedirectUriSettings) were not read.".into(),
            fix: "Pipe the application to ConvertTo-Json -Depth 5 to keep every setting.",
        });
        return reg;
    }
    // JSON pasted from a word processor or chat app, its quotes made typographic.
    if (t.starts_with('{') || t.starts_with('[')) && t.contains(['“', '”']) {
        let straight = t.replace(['“', '”'], "\"");
        if parse_json(&straight).is_ok() {
            let mut reg = read_json(&straight, client_id, sent);
            reg.source = iac_source(&straight);
            reg.notes.push(ReadNote {
                code: "input.registered_unreadable",
                severity: Severity::Info,
                title: "Typographic quotes were read as straight ones",
                message: "The pasted JSON has typographic quotes (“ ”), as a word processor, a chat or a mail app writes them: read with straight quotes (\"), it is valid JSON, and was read so.".into(),
                fix: "Nothing to change for this; copy JSON from the terminal or the portal's manifest editor to keep its quotes.",
            });
            return reg;
        }
    }
    if (t.starts_with('{') || t.starts_with('[')) && !is_text_list(t) {
        let mut reg = read_json(t, client_id, sent);
        // `terraform show -json`, an ARM template: the code owns the registration.
        reg.source = iac_source(t);
        return reg;
    }
    // A section copied out of a manifest: `"replyUrlsWithType": [ … ],`, `"spa": { … }`.
    if t.starts_with('"') {
        let object = format!("{{{}}}", t.trim_end_matches([',', ' ', '\t', '\r', '\n']));
        if parse_json(&object).is_ok() {
            return read_json(&object, client_id, sent);
        }
    }
    // A mail client's plain text writes a link as `text<address>`: the address (a safe-links
    // wrapper, or the URI again) is dropped, the text kept.
    let unlinked = mail_links(input);
    let input = unlinked.as_deref().unwrap_or(input);
    // `/* … */` (Terraform, Bicep, JSONC): what a block comment holds is never deployed.
    let uncommented = block_comments(input);
    let input = uncommented.as_deref().unwrap_or(input);
    // `single_page_application { redirect_uris = ["…"] }` (Terraform), `spa: { redirectUris:
    // ['…'] }` (Bicep) on one line: read as the block it is.
    let blocks = one_line_blocks(input);
    let input = blocks.as_deref().unwrap_or(input);
    // Code that sets them inline: `new azuread.Application("app", { web: { redirectUris: ["…"] } })`,
    // `web=ApplicationWebArgs(redirect_uris=["…"])`.
    let inline = inline_lists(input);
    let input = inline.as_deref().unwrap_or(input);
    // The command that set them: `az ad app update --web-redirect-uris …`,
    // `Update-MgApplication -Web @{ RedirectUris = @(…) }`.
    let commands = command_lists(input);
    let mut reg = read_lines(commands.as_deref().unwrap_or(input), client_id, sent);
    // Text that names nothing this reader knows (`hello world`, `***`): said, so the box does
    // not read as empty.
    let nothing = reg.uris.is_empty()
        && reg.problems.is_empty()
        && reg.notes.is_empty()
        && reg.templates.is_empty()
        && reg.identifiers.is_empty()
        && !reg.has_platforms
        && reg.app_id.is_none()
        && reg.audience == Audience::Unknown;
    reg.source = iac_source(input);
    if nothing && !input.trim().is_empty() {
        reg.problems.push(ReadProblem {
            message: "no redirect URI was found in it: a redirect URI starts with https://, http://localhost or an app's own scheme:// (msal…://auth)".into(),
            line: 1,
            column: 1,
        });
    }
    reg
}

/// The infrastructure code `input` is, when it defines an app registration.
fn iac_source(input: &str) -> Option<&'static str> {
    if input.contains("azuread_application") {
        Some("Terraform")
    } else if input.contains("azuread.Application")
        || input.contains("azuread:index/application")
        || input.contains("azuread:Application")
    {
        Some("Pulumi")
    } else if input.contains("Microsoft.Graph/applications") {
        Some(if input.trim_start().starts_with('{') {
            "ARM template"
        } else {
            "Bicep"
        })
    } else {
        None
    }
}

/// `input` without a terminal's escape sequences: `ESC [ … m` colours and `ESC ] … BEL`
/// titles, the same colours as a console without escape processing shows them (`←[92m`), and
/// what is left of them when the escape character was lost (`[92m`, `[0m`); None when it has
/// none.
fn strip_ansi(input: &str) -> Option<String> {
    // A colour code without its escape: `[`, numbers joined by `;`, `m`.
    fn sgr_len(rest: &str) -> Option<usize> {
        let body = rest.strip_prefix('[')?;
        // Its parameters are short: look no further (to the text's end each time was quadratic).
        let end = body.bytes().take(12).position(|b| b == b'm')?;
        let params = &body[..end];
        (params.len() <= 11
            && params
                .split(';')
                .all(|p| p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit())))
        .then_some(end + 2)
    }
    let has_sgr = |s: &str| {
        s.match_indices('[')
            .any(|(i, _)| sgr_len(&s[i..]).is_some())
    };
    if !input.contains('\u{1b}') && !has_sgr(input) {
        return None;
    }
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        if c == '\u{1b}' || c == '←' {
            if let Some(n) = sgr_len(after) {
                rest = &after[n..];
                continue;
            }
        }
        // Caret notation of ESC (`^[[92m`), as a pager or an editor shows it.
        if c == '^' {
            if let Some(n) = after.strip_prefix('[').and_then(sgr_len) {
                rest = &after[1 + n..];
                continue;
            }
        }
        if c == '\u{1b}' {
            // Another control sequence: CSI up to its final byte, OSC up to BEL or ESC \.
            let mut chars = after.char_indices();
            match chars.next() {
                Some((_, '[')) => {
                    let end = chars
                        .find(|(_, d)| ('@'..='~').contains(d))
                        .map_or(after.len(), |(i, d)| i + d.len_utf8());
                    rest = &after[end..];
                }
                Some((_, ']')) => {
                    let end = after
                        .find('\u{7}')
                        .map(|i| i + 1)
                        .or_else(|| after.find("\u{1b}\\").map(|i| i + 2))
                        .unwrap_or(after.len());
                    rest = &after[end..];
                }
                _ => rest = after,
            }
            continue;
        }
        if c == '[' {
            if let Some(n) = sgr_len(rest) {
                rest = &rest[n..];
                continue;
            }
        }
        out.push(c);
        rest = after;
    }
    Some(out)
}

/// `input` without the `<http…>` a mail client's plain text puts right after a link's text
/// (`https://a/cb<https://eur01.safelinks.protection.outlook.com/?url=…>`); None when there is
/// none.
fn mail_links(input: &str) -> Option<String> {
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    let mut changed = false;
    while let Some(at) = rest.find("<http") {
        let glued = rest[..at]
            .chars()
            .last()
            .is_some_and(|c| !c.is_whitespace());
        // The link ends at its '>'; a line end or the next '<' first means it is none (and
        // keeps each search short: to the end of the text each time was quadratic).
        let end = rest
            .get(at + 1..)
            .and_then(|r| r.find(['>', '\n', '<']))
            .map(|e| at + 1 + e);
        match end.filter(|&e| glued && rest.as_bytes().get(e) == Some(&b'>')) {
            Some(e) => {
                out.push_str(&rest[..at]);
                rest = &rest[e + 1..];
                changed = true;
            }
            None => {
                out.push_str(&rest[..at + 1]);
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// `input` without its `/* … */` block comments (Terraform, Bicep, JSONC), their line breaks
/// kept so that lines keep their numbers; None when it has none. A comment opens outside a
/// quoted string, at a line's start or after a space or `,[{(` (so a wildcard's `://*.` is
/// none), and must close.
fn block_comments(input: &str) -> Option<String> {
    if !input.contains("/*") || !input.contains("*/") {
        return None;
    }
    let mut out = String::with_capacity(input.len());
    let mut quote: Option<char> = None;
    let mut last = '\n';
    let mut rest = input;
    let mut changed = false;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match (quote, c) {
            (_, '\n') => quote = None,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '/')
                if after.starts_with('*') && (last.is_whitespace() || ",[{(".contains(last)) =>
            {
                // No `*/` after this one: none after a later one either (searched once).
                let Some(end) = after.find("*/") else {
                    out.push_str(rest);
                    break;
                };
                let body = &after[..end];
                out.extend(body.chars().filter(|&b| b == '\n'));
                last = ' ';
                rest = &after[end + 2..];
                changed = true;
                continue;
            }
            _ => {}
        }
        out.push(c);
        last = c;
        rest = after;
    }
    changed.then_some(out)
}

/// `input` with each az or Microsoft Graph PowerShell command that sets redirect URIs written
/// as the list it sets, under its platforms' headings; `None` when it has none.
fn command_lists(input: &str) -> Option<String> {
    const HEADING: [(Platform, &str); 3] = [
        (Platform::Web, "Web"),
        (Platform::Spa, "Single-page application"),
        (Platform::PublicClient, "Mobile and desktop applications"),
    ];
    let uri_in = |t: &str| {
        let t = t.trim_matches(|c: char| matches!(c, '"' | '\'' | '(' | ')' | ',' | ';' | '@'));
        t.contains("://").then(|| t.to_string())
    };
    let read_line = |line: &str| -> Option<Vec<(Platform, String)>> {
        let l = line.to_ascii_lowercase();
        let mut out = Vec::new();
        if l.contains("az ad app") && l.contains("redirect-uris") {
            let mut platform = None;
            for t in line.split_whitespace() {
                if let Some(flag) = t.strip_prefix("--") {
                    platform = match flag.to_ascii_lowercase().as_str() {
                        "web-redirect-uris" => Some(Platform::Web),
                        "public-client-redirect-uris" => Some(Platform::PublicClient),
                        _ => None,
                    };
                } else if let (Some(p), Some(u)) = (platform, uri_in(t)) {
                    out.push((p, u));
                }
            }
        } else if l.contains("-mgapplication") && l.contains("redirecturis") {
            for (flag, p) in [
                ("-web", Platform::Web),
                ("-spa", Platform::Spa),
                ("-publicclient", Platform::PublicClient),
            ] {
                let Some(at) = l.find(&format!("{flag} @{{")) else {
                    continue;
                };
                let rest = &line[at..];
                let end = rest.find('}').unwrap_or(rest.len());
                out.extend(
                    rest[..end]
                        .split(['"', '\''])
                        .filter_map(uri_in)
                        .map(|u| (p, u)),
                );
            }
        } else {
            return None;
        }
        Some(out)
    };
    if !input
        .lines()
        .any(|l| read_line(l).is_some_and(|u| !u.is_empty()))
    {
        return None;
    }
    let mut out = String::with_capacity(input.len() + 64);
    for line in input.lines() {
        match read_line(line).filter(|u| !u.is_empty()) {
            Some(uris) => {
                for (platform, heading) in HEADING {
                    let on: Vec<&String> = uris
                        .iter()
                        .filter(|(p, _)| *p == platform)
                        .map(|(_, u)| u)
                        .collect();
                    if !on.is_empty() {
                        out.push_str(heading);
                        out.push('\n');
                        for u in on {
                            out.push_str(u);
                            out.push('\n');
                        }
                    }
                }
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    Some(out)
}

/// `input` with each one-line block that holds a URI (`name { … }`, `name: { … }`) written
/// over three lines, as the line reader reads blocks; `None` when it has none.
fn one_line_blocks(input: &str) -> Option<String> {
    let split = |line: &str| -> Option<(String, String)> {
        let t = line.trim();
        let (head, rest) = t.split_once('{')?;
        let inner = rest
            .trim_end()
            .trim_end_matches(',')
            .trim_end()
            .strip_suffix('}')?;
        let name = head.trim().trim_end_matches([':', '=']).trim();
        // The inner part is a property holding a list (`redirect_uris = [`, `redirectUris: [`),
        // not a list itself (PowerShell's `RedirectUris : {https://…, …}`).
        let property = inner.split_once(['=', ':']).is_some_and(|(k, v)| {
            let k = k.trim();
            !k.is_empty()
                && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && v.trim_start().starts_with('[')
        });
        (!name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            && property
            && inner.contains("://")
            && !inner.contains('{'))
        .then(|| (format!("{name} {{"), inner.trim().to_string()))
    };
    if !input.lines().any(|l| split(l).is_some()) {
        return None;
    }
    let mut out = String::with_capacity(input.len() + 16);
    for line in input.lines() {
        match split(line) {
            Some((open, inner)) => {
                out.push_str(&format!("{open}\n{inner}\n}}\n"));
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    Some(out)
}

/// `input` with every redirect URI list set inside a longer line of code (`{ web: { redirectUris:
/// ["…"] }, spa: { … } }` of Pulumi or the CDK, Python's `web={"redirect_uris": [...]}`) on a
/// line of its own, in a block named after the platform key before it; None when no line has
/// one. A line that is only `redirectUris: [...]` is read as it is.
fn inline_lists(input: &str) -> Option<String> {
    if !input.contains('[') || !input.contains("://") {
        return None;
    }
    let mut changed = false;
    let mut out = String::with_capacity(input.len() + 64);
    for line in input.lines() {
        let lists = line_lists(line);
        if lists.is_empty() {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        changed = true;
        for (platform, key, list) in lists {
            match platform {
                Some(p) => out.push_str(&format!("{p} {{\n{key}: {list}\n}}\n")),
                None => out.push_str(&format!("{key}: {list}\n")),
            }
        }
    }
    changed.then_some(out)
}

/// The redirect URI lists (`key: [...]`, `key = [...]`, `"key": [...]`) inside `line`, each with
/// the platform key (`web`, `spa`, `publicClient`) last seen before it on the line. Empty when
/// there is none, or the line is one list alone.
fn line_lists(line: &str) -> Vec<(Option<&'static str>, &str, &str)> {
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let b = line.as_bytes();
    let skip_space = |mut j: usize| {
        while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
            j += 1;
        }
        j
    };
    // `key` ends at `i`: after an optional closing quote, a `:` or `=`, the index past it.
    let assigned = |i: usize| {
        let mut j = i;
        if j < b.len() && matches!(b[j], b'"' | b'\'') {
            j += 1;
        }
        let j = skip_space(j);
        (j < b.len() && matches!(b[j], b':' | b'=')).then(|| skip_space(j + 1))
    };
    let mut out = Vec::new();
    let mut platform: Option<&'static str> = None;
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() || (i > 0 && ident(b[i - 1])) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && ident(b[i]) {
            i += 1;
        }
        let key = &line[start..i];
        let Some(j) = assigned(i) else { continue };
        let block = |p: Platform| match p {
            Platform::Web => Some("web"),
            Platform::Spa => Some("spa"),
            Platform::PublicClient => Some("publicClient"),
            Platform::Unknown => None,
        };
        if let Some(p) = block(platform_of_type(&key.replace('_', ""))) {
            platform = Some(p);
        }
        let on = match label_kind(key) {
            Label::Redirect(p) if b.get(j) == Some(&b'[') => p.map_or(platform, block),
            _ => continue,
        };
        // The matching `]`, past brackets inside quoted URIs (`http://[::1]:8080`).
        let (mut depth, mut quote, mut end) = (0usize, None::<u8>, None);
        for (k, &c) in b.iter().enumerate().skip(j) {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(c),
                (None, b'[') => depth += 1,
                (None, b']') => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(k + 1);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(end) = end else { break };
        let list = &line[j..end];
        if list.contains("://") {
            out.push((on, key, list));
        }
        i = end;
    }
    // `redirectUris: ["…"],` alone on its line is read as it is.
    let alone = |(_, key, list): &(Option<&str>, &str, &str)| {
        let t = line.trim().trim_end_matches([',', ';']).trim_end();
        t.trim_start_matches(['"', '\'']).starts_with(key) && t.ends_with(list)
    };
    if out.len() == 1 && out.first().is_some_and(alone) {
        out.clear();
    }
    out
}

/// The text of a quoted-printable e-mail body (`=3D` for `=`, a line ending in `=` continued
/// on the next): decoded when every `=` in it is an escape or a soft line break and one is.
pub(crate) fn quoted_printable(input: &str) -> Option<String> {
    // Neither a soft line break nor an escaped '=': no quoted-printable text (the common case,
    // said before the per-'=' checks, which look at each one's line).
    if !input.contains("=\n") && !input.contains("=\r\n") && !input.contains("=3D") {
        return None;
    }
    let b = input.as_bytes();
    let hex = |i: usize| b.get(i).is_some_and(u8::is_ascii_hexdigit);
    // A soft break ends a line an encoder wrapped at its width (76 characters, at least 70
    // when an escape could not be split), and text goes on after it: a shorter line ending in
    // `=`, or one followed by a new URI or nothing, is a value's own `=` (a base64 Android
    // signature hash, `…/ZQrk=`).
    let soft = |i: usize| {
        let next = if matches!(b.get(i + 1..i + 3), Some(b"\r\n")) {
            i + 3
        } else if b.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            return false;
        };
        let line_start = b
            .get(..i)
            .and_then(|h| h.iter().rposition(|&c| c == b'\n'))
            .map_or(0, |p| p + 1);
        let rest = b.get(next..).unwrap_or_default();
        let line_end = rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
        let next_line = String::from_utf8_lossy(rest.get(..line_end).unwrap_or_default());
        let new_uri = starts_uri(&next_line);
        // A line that is a whole Android redirect URI, or a heading after it, ends no wrapped
        // text either.
        let line = String::from_utf8_lossy(b.get(line_start..=i).unwrap_or_default());
        let android = crate::core::redirect::is_android_hash(line.trim());
        let heading = heading_platform(&next_line).is_some();
        i + 1 - line_start >= 70 && !next_line.trim().is_empty() && !new_uri && !android && !heading
    };
    let eqs: Vec<usize> = (0..b.len()).filter(|&i| b[i] == b'=').collect();
    if eqs.is_empty() || !eqs.iter().all(|&i| soft(i) || (hex(i + 1) && hex(i + 2))) {
        return None;
    }
    if !eqs
        .iter()
        .any(|&i| soft(i) || b.get(i + 1..i + 3) == Some(b"3D"))
    {
        return None; // `=20` alone may be a URI's own query
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c != b'=' {
            out.push(c);
            i += 1;
        } else if soft(i) {
            i += if b.get(i + 1) == Some(&b'\r') { 3 } else { 2 };
        } else {
            let v = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            out.extend(v.and_then(|h| u8::from_str_radix(h, 16).ok()));
            i += 3;
        }
    }
    String::from_utf8(out).ok()
}

/// True for a `{a, b}` (PowerShell) or `[a, b]` list of bare URIs, which is
/// text, not JSON: what follows the bracket starts no JSON value.
fn is_text_list(t: &str) -> bool {
    // A checklist: `[ ] https://…`, `[x] https://…`.
    if ["[ ]", "[x]", "[X]"].iter().any(|c| {
        t.strip_prefix(c)
            .is_some_and(|r| r.starts_with(char::is_whitespace))
    }) {
        return true;
    }
    let inner = t.get(1..).unwrap_or("").trim_start();
    !inner.is_empty()
        && !inner.starts_with(['"', '{', '[', '}', ']', '-', '/'])
        && !inner.starts_with(|c: char| c.is_ascii_digit())
        && !["true", "false", "null"]
            .iter()
            .any(|w| inner.starts_with(w))
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

fn read_json(t: &str, client_id: Option<&str>, sent: Option<&str>) -> Registered {
    let mut reg = Registered {
        from_json: true,
        ..Registered::default()
    };
    let v: Value = match parse_json(t).or_else(|e| json_lines(t).ok_or(e)) {
        // Only PowerShell's objects: an app's own settings keep their keys for the message.
        Ok(v)
            if ["\"AppId\"", "\"RedirectUris\""]
                .iter()
                .any(|k| t.contains(k)) =>
        {
            camel_case_keys(v)
        }
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
    // `[]` or `{"value": []}`: a query that found nothing.
    let empty = match &v {
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o
            .get("value")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty),
        _ => false,
    };
    if empty {
        reg.problems.push(ReadProblem {
            message: "this JSON is an empty list: a list of applications the command or query found none in (check the appId or filter, and that az or Graph Explorer is signed in to the tenant of the app registration), or one platform's redirect URIs, which are then none. Paste the whole application: az ad app show --id … or Graph's /applications(appId='…')".into(),
            line: 1,
            column: 1,
        });
        return reg;
    }
    // Terraform's JSON (`terraform show -json`, a .tfstate file): its azuread resources,
    // rewritten in Graph's shape.
    let terraform = terraform_apps(&v);
    // A Graph list response wraps applications in `value`; `az ad app list`
    // prints a bare array of them.
    let apps = match &v {
        _ if terraform.is_some() => terraform.as_ref(),
        Value::Object(o) => o
            .get("value")
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty() && a.iter().all(Value::is_object)),
        // (Not one app's platform objects: `az ad app show --query "[web, spa]"`.)
        Value::Array(a)
            if !a.is_empty()
                && a.iter().all(is_app_object)
                && !a.iter().all(is_platform_object) =>
        {
            Some(a)
        }
        _ => None,
    };
    // An application inside another document (an ARM template's resource properties).
    let mut nested = Vec::new();
    if apps.is_none() && v.is_object() && !is_app_object(&v) && v.get("redirectUris").is_none() {
        find_apps(&v, &mut nested, 0);
    }
    let apps = apps.or(Some(&nested).filter(|n| !n.is_empty()));
    let v = match apps {
        Some(apps) => match pick_app(apps, client_id) {
            Ok(app) => {
                reg.sent_on_other_app = other_app_holding(apps, app, sent);
                app
            }
            Err(message) => {
                reg.problems.push(ReadProblem {
                    message,
                    line: 1,
                    column: 1,
                });
                return reg;
            }
        },
        None => &v,
    };
    match v {
        Value::Array(items) => {
            for item in items {
                match item.get("redirectUris").and_then(Value::as_array) {
                    // A platform object: Graph's web platform alone has these settings.
                    Some(list) => {
                        let web = ["implicitGrantSettings", "homePageUrl", "logoutUrl"]
                            .iter()
                            .any(|k| item.get(k).is_some());
                        let p = if web {
                            Platform::Web
                        } else {
                            Platform::Unknown
                        };
                        for u in list {
                            push_json_item(&mut reg, u, p);
                        }
                    }
                    None => push_json_item(&mut reg, item, Platform::Unknown),
                }
            }
            reg.has_platforms = reg.uris.iter().any(|r| r.platform != Platform::Unknown);
        }
        Value::Object(_) => read_app_object(&mut reg, v),
        _ => reg.problems.push(ReadProblem {
            message: "expected a JSON object (an application) or an array of URIs".into(),
            line: 1,
            column: 1,
        }),
    }
    if reg.uris.is_empty() && reg.problems.is_empty() && !reg.has_platforms {
        reg.problems.push(ReadProblem {
            message: match json_app_setting(v, 0) {
                Some(what) => app_config_message(&what),
                None => "no redirect URIs found in this JSON (looked for web.redirectUris, spa.redirectUris, publicClient.redirectUris, replyUrlsWithType, replyUrls)".into(),
            },
            line: 1,
            column: 1,
        });
    }
    reg
}

/// Parses JSON, also as people annotate it: `//` and `/* */` comments and trailing commas
/// are dropped when the text does not parse as it is.
fn parse_json(t: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(t).or_else(|e| {
        let mut out = String::with_capacity(t.len());
        let mut chars = t.chars().peekable();
        let mut in_string = false;
        while let Some(c) = chars.next() {
            if in_string {
                out.push(c);
                match c {
                    '\\' => out.extend(chars.next()),
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match (c, chars.peek()) {
                ('/', Some('/')) => {
                    while chars.peek().is_some_and(|&n| n != '\n') {
                        chars.next();
                    }
                }
                ('/', Some('*')) => {
                    chars.next();
                    let mut last = ' ';
                    for n in chars.by_ref() {
                        if last == '*' && n == '/' {
                            break;
                        }
                        last = n;
                    }
                }
                ('}' | ']', _) => {
                    let kept = out.trim_end().len();
                    if out[..kept].ends_with(',') {
                        out.truncate(kept - 1);
                    }
                    out.push(c);
                }
                _ => {
                    in_string = c == '"';
                    out.push(c);
                }
            }
        }
        serde_json::from_str(&out).map_err(|_| e)
    })
}

/// The JSON with its keys in Graph's camelCase: PowerShell's `ConvertTo-Json` of a
/// Get-MgApplication object writes them in PascalCase (`Web.RedirectUris`, `AppId`).
fn camel_case_keys(v: Value) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.into_iter()
                .map(|(k, v)| {
                    let mut c = k.chars();
                    let key = match c.next() {
                        Some(f) if f.is_ascii_uppercase() => {
                            format!("{}{}", f.to_ascii_lowercase(), c.as_str())
                        }
                        _ => k,
                    };
                    (key, camel_case_keys(v))
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(camel_case_keys).collect()),
        v => v,
    }
}

/// JSON lines (`jq -c` prints one object a line, `az … | jq -c '.[]'`): several objects one
/// after another are read as the list they came from, so several applications are narrowed to
/// the request's client_id like any list of them.
fn json_lines(t: &str) -> Option<Value> {
    let values = serde_json::Deserializer::from_str(t)
        .into_iter::<Value>()
        .collect::<Result<Vec<Value>, _>>()
        .ok()?;
    (values.len() > 1 && values.iter().all(Value::is_object)).then_some(Value::Array(values))
}

/// The applications inside a document, found by their redirect URI keys (depth-limited).
fn find_apps(v: &Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Object(o) if depth > 0 && is_app_object(v) && !o.contains_key("value") => {
            out.push(v.clone())
        }
        Value::Object(o) => o.values().for_each(|c| find_apps(c, out, depth + 1)),
        Value::Array(a) => a.iter().for_each(|c| find_apps(c, out, depth + 1)),
        _ => {}
    }
}

/// The first setting of an app's own sign-in configuration in a JSON document
/// (appsettings.json `AzureAd.CallbackPath`, an MSAL config's `auth.redirectUri`).
fn json_app_setting(v: &Value, depth: usize) -> Option<String> {
    match v {
        Value::Object(o) if depth < 8 => o.iter().find_map(|(k, c)| {
            let key = k.to_ascii_lowercase();
            match c.as_str() {
                Some(s)
                    if ["callbackpath", "redirecturi", "authority", "instance"]
                        .contains(&key.as_str()) =>
                {
                    Some(format!("{k} {s}"))
                }
                _ => json_app_setting(c, depth + 1),
            }
        }),
        _ => None,
    }
}

/// Why an app's sign-in configuration is not the registration.
fn app_config_message(what: &str) -> String {
    format!("this is the app's own sign-in configuration ({what}): it says what the app sends, which the authorize request shows, not what Entra has registered. Paste the app registration's redirect URIs: the portal's Authentication page, the manifest, or the output of az ad app show --id … --query \"{{web:web.redirectUris,spa:spa.redirectUris,publicClient:publicClient.redirectUris}}\"")
}

/// An application object (not a `{url, type}` manifest entry).
/// The applications of Terraform's JSON output: `terraform show -json`
/// (`values.root_module.resources[].values`, child modules too) or a state file
/// (`resources[].instances[].attributes`). Each `azuread_application` becomes a Graph-shaped
/// application (its blocks are one-element lists); `azuread_application_redirect_uris`
/// resources (`type` Web, SPA or PublicClient) add their lists to the one application, or
/// make one. None when the JSON holds no azuread resource.
fn terraform_apps(v: &Value) -> Option<Vec<Value>> {
    use serde_json::json;
    fn resources<'a>(module: &'a Value, out: &mut Vec<(&'a str, &'a Value)>, depth: usize) {
        if depth > 8 {
            return;
        }
        for r in module
            .get("resources")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(kind) = r.get("type").and_then(Value::as_str) else {
                continue;
            };
            if let Some(values) = r.get("values") {
                out.push((kind, values));
            }
            for i in r
                .get("instances")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(a) = i.get("attributes") {
                    out.push((kind, a));
                }
            }
        }
        for child in module
            .get("child_modules")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            resources(child, out, depth + 1);
        }
    }
    let root = v
        .get("values")
        .and_then(|x| x.get("root_module"))
        .unwrap_or(v);
    let mut found = Vec::new();
    resources(root, &mut found, 0);
    if !found
        .iter()
        .any(|(k, _)| k.starts_with("azuread_application"))
    {
        return None;
    }
    let uris = |block: Option<&Value>| -> Value {
        // `web = [{ redirect_uris = [...] }]`, or an object in older providers.
        let b = block.map(|b| b.get(0).unwrap_or(b));
        json!({ "redirectUris": b.and_then(|b| b.get("redirect_uris")).cloned().unwrap_or(json!([])) })
    };
    let mut apps: Vec<Value> = found
        .iter()
        .filter(|(k, _)| *k == "azuread_application")
        .map(|(_, a)| {
            let id = a.get("client_id").or_else(|| a.get("application_id")).cloned().unwrap_or(Value::Null);
            let mut app = json!({
                "appId": id,
                "displayName": a.get("display_name").cloned().unwrap_or(Value::Null),
                "web": uris(a.get("web")),
                "spa": uris(a.get("single_page_application")),
                "publicClient": uris(a.get("public_client")),
            });
            if let Some(aud) = a.get("sign_in_audience") {
                app["signInAudience"] = aud.clone();
            }
            let web = a.get("web").map(|w| w.get(0).unwrap_or(w));
            if let Some(g) = web.and_then(|w| w.get("implicit_grant")).map(|g| g.get(0).unwrap_or(g)) {
                app["web"]["implicitGrantSettings"] = json!({
                    "enableIdTokenIssuance": g.get("id_token_issuance_enabled").cloned().unwrap_or(Value::Null),
                    "enableAccessTokenIssuance": g.get("access_token_issuance_enabled").cloned().unwrap_or(Value::Null),
                });
            }
            app
        })
        .collect();
    for (_, r) in found
        .iter()
        .filter(|(k, _)| *k == "azuread_application_redirect_uris")
    {
        let key = match r
            .get("type")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("spa") => "spa",
            Some("publicclient") => "publicClient",
            _ => "web",
        };
        if apps.is_empty() {
            apps.push(json!({ "web": { "redirectUris": [] } }));
        }
        if let [app] = apps.as_mut_slice() {
            let list = r
                .get("redirect_uris")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let slot = &mut app[key]["redirectUris"];
            match slot.as_array_mut() {
                Some(a) => a.extend(list),
                None => *slot = Value::Array(list),
            }
        }
    }
    Some(apps)
}

/// One platform's object (`{"redirectUris": […]}`, Graph's web object with its settings), not
/// an application.
fn is_platform_object(v: &Value) -> bool {
    v.as_object().is_some_and(|o| {
        o.contains_key("redirectUris")
            && o.keys().all(|k| {
                matches!(
                    k.as_str(),
                    "redirectUris"
                        | "homePageUrl"
                        | "logoutUrl"
                        | "implicitGrantSettings"
                        | "redirectUriSettings"
                )
            })
    })
}

fn is_app_object(v: &Value) -> bool {
    let Some(o) = v.as_object() else {
        return false;
    };
    !o.contains_key("url")
        && !o.contains_key("uri")
        && [
            "appId",
            "web",
            "spa",
            "publicClient",
            "replyUrlsWithType",
            "replyUrls",
            "redirectUris",
        ]
        .iter()
        .any(|k| o.contains_key(*k))
}

/// The application of a list whose appId is `client_id`; one application is
/// taken as it is. Otherwise the error names the applications seen.
fn pick_app<'a>(apps: &'a [Value], client_id: Option<&str>) -> Result<&'a Value, String> {
    if let [only] = apps {
        return Ok(only);
    }
    fn app_id(a: &Value) -> Option<&str> {
        a.get("appId").and_then(Value::as_str).map(str::trim)
    }
    let wanted = client_id.map(str::trim).filter(|c| !c.is_empty());
    let matching: Vec<&Value> = apps
        .iter()
        .filter(|a| wanted.is_some_and(|w| app_id(a).is_some_and(|id| id.eq_ignore_ascii_case(w))))
        .collect();
    if let [one] = matching.as_slice() {
        return Ok(one);
    }
    let seen: Vec<String> = apps
        .iter()
        .map(|a| {
            let id = app_id(a).map_or("no appId".to_string(), |id| format!("appId {id}"));
            match a.get("displayName").and_then(Value::as_str) {
                Some(name) => format!("'{name}' ({id})"),
                None => id,
            }
        })
        .collect();
    let mut message = several_apps(&seen, wanted, matching.len());
    // A Graph query whose $select left the appId out (`$select=displayName,web`).
    if apps.iter().all(|a| app_id(a).is_none()) {
        message.push_str(" None of them carries its appId: add appId to the query ($select=appId,displayName,web,spa,publicClient).");
    }
    Err(message)
}

/// The redirect URIs an application object lists, on every platform (Graph's and the old
/// manifest's names).
fn app_uris(app: &Value) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for p in ["web", "spa", "publicClient"] {
        if let Some(list) = app
            .pointer(&format!("/{p}/redirectUris"))
            .and_then(Value::as_array)
        {
            out.extend(list.iter().filter_map(Value::as_str));
        }
    }
    if let Some(list) = app.get("replyUrlsWithType").and_then(Value::as_array) {
        out.extend(
            list.iter()
                .filter_map(|r| r.get("url").and_then(Value::as_str)),
        );
    }
    if let Some(list) = app.get("replyUrls").and_then(Value::as_array) {
        out.extend(list.iter().filter_map(Value::as_str));
    }
    out
}

/// Of several applications pasted (`az ad app list`), the other one whose list holds the
/// redirect URI the request sends, when the one read by client_id does not: 'name' (appId).
fn other_app_holding(apps: &[Value], app: &Value, sent: Option<&str>) -> Option<String> {
    let s = sent.filter(|s| !app_uris(app).contains(s))?;
    let other = apps
        .iter()
        .find(|a| !std::ptr::eq(*a, app) && app_uris(a).contains(&s))?;
    let id = other.get("appId").and_then(Value::as_str).unwrap_or("?");
    Some(match other.get("displayName").and_then(Value::as_str) {
        Some(n) => format!("'{n}' ({id})"),
        None => id.to_string(),
    })
}

/// Why none of several applications was read, naming them.
fn several_apps(seen: &[String], wanted: Option<&str>, matching: usize) -> String {
    const SHOWN: usize = 10;
    let mut list = seen.get(..SHOWN).unwrap_or(seen).join(", ");
    if seen.len() > SHOWN {
        list.push_str(&format!(" and {} more", seen.len() - SHOWN));
    }
    let why = match wanted {
        None => "the request carries no client_id to choose one by".to_string(),
        Some(w) if matching == 0 => format!("none has the request's client_id {w}"),
        Some(w) => format!("{matching} of them have the request's client_id {w}"),
    };
    format!(
        "this holds {} applications: {list}; {why}, so none of their redirect URIs were compared. Paste only the application whose appId is the request's client_id.",
        seen.len()
    )
}

/// The first template expression in `s`, when it holds one: `${host}` (Terraform, Bicep, a
/// shell or JavaScript template), `$(host)` (a pipeline variable), `{{ host }}` (Helm,
/// Ansible), `#{host}#` (a release's token replacement). A deployment fills them in; Entra
/// holds the result.
pub(crate) fn template_expression(s: &str) -> Option<&str> {
    [("${", "}"), ("$(", ")"), ("{{", "}}"), ("#{", "}#")]
        .iter()
        .find_map(|(open, close)| {
            let start = s.find(open)?;
            let end = s[start + open.len()..].find(close)? + start + open.len() + close.len();
            Some(&s[start..end])
        })
        .or_else(|| spring_placeholder(s))
}

/// Spring Security's `{baseUrl}`, `{registrationId}`, `{baseScheme}` …: a name in single braces.
fn spring_placeholder(s: &str) -> Option<&str> {
    let start = s.find('{')?;
    let len = s[start + 1..].find('}')?;
    let name = &s[start + 1..start + 1 + len];
    let named = name.bytes().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_');
    named.then(|| &s[start..start + len + 2])
}

/// True when `uri` may be what `template` becomes once its expressions are filled in: its
/// literal parts appear in `uri` in order, the first at the start and the last at the end.
pub fn template_may_become(template: &str, uri: &str) -> bool {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(expr) = template_expression(rest) {
        let at = rest.find(expr).unwrap_or(0);
        parts.push(&rest[..at]);
        rest = &rest[at + expr.len()..];
    }
    parts.push(rest);
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return false;
    };
    if parts.len() < 2 || !uri.starts_with(first) || uri.len() < first.len() + last.len() {
        return false;
    }
    let mut pos = first.len();
    for middle in &parts[1..parts.len() - 1] {
        match uri[pos..].find(middle) {
            Some(i) => pos += i + middle.len(),
            None => return false,
        }
    }
    uri.len() - last.len() >= pos && uri.ends_with(last)
}

fn push_json_item(reg: &mut Registered, item: &Value, platform: Platform) {
    match item {
        // An ARM template expression (`[format('https://{0}/cb', parameters('host'))]`): its
        // value exists only once deployed.
        Value::String(s) if s.starts_with('[') && s.ends_with(']') && s.contains('(') => {
            reg.problems.push(ReadProblem {
                message: format!("{s} is a template expression, whose URI exists only once it is deployed, so it was not compared. Paste the deployed application's redirect URIs (az ad app show --id …)"),
                line: 1,
                column: 1,
            })
        }
        Value::String(s) if template_expression(s).is_some() => {
            reg.templates.push(s.clone());
            reg.problems.push(ReadProblem {
                message: format!("{s} holds a template expression, whose value exists only once it is deployed, so it was not compared. Paste the deployed application's redirect URIs (az ad app show --id …)"),
                line: 1,
                column: 1,
            });
        }
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
        // A list of lists: `az … --query "[web.redirectUris, spa.redirectUris]"`.
        Value::Array(items) => {
            for item in items {
                push_json_item(reg, item, platform);
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
    reg.object_id = str_of("id")
        .or_else(|| str_of("objectId"))
        .filter(|id| uri::is_guid(id));
    reg.created = str_of("createdDateTime");
    reg.publisher_domain = str_of("publisherDomain");
    // Graph's `@odata.context` names the cloud the object was read from.
    reg.graph_host = str_of("@odata.context")
        .and_then(|c| uri::Uri::new(&c).host().map(str::to_ascii_lowercase));
    if let Some(ids) = v.get("identifierUris").and_then(Value::as_array) {
        reg.identifiers = ids
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
    } else if let Some(names) = v.get("servicePrincipalNames").and_then(Value::as_array) {
        // A service principal (an enterprise application): its names are the app ID and the
        // Identifiers a SAML request's Issuer must be one of.
        reg.identifiers = names
            .iter()
            .filter_map(Value::as_str)
            .filter(|n| n.contains(':'))
            .map(str::to_string)
            .collect();
    }
    if let Some(a) = str_of("signInAudience") {
        reg.audience = Audience::parse(&a);
    }
    let mut platforms_seen = false;
    // ConvertTo-Json below its depth limit writes a platform object as its .NET type name:
    // its URIs are unknown, not absent, so a command built on it would wipe them.
    let cut: Vec<&str> = ["web", "spa", "publicClient"]
        .into_iter()
        .filter(|k| {
            v.get(*k)
                .and_then(Value::as_str)
                .is_some_and(|t| is_type_name(t.trim()))
        })
        .collect();
    if let Some(first) = cut.first() {
        let what = match cut.as_slice() {
            [_] => format!("{first} shows only its type name, not its URIs"),
            _ => format!(
                "{} show only their type names, not their URIs",
                cut.join(", ")
            ),
        };
        reg.problems.push(ReadProblem {
            message: format!("{what}: ConvertTo-Json cut {} at its depth limit (2 by default). Pipe the application to ConvertTo-Json -Depth 5", if cut.len() == 1 { "it" } else { "them" }),
            line: 1,
            column: 1,
        });
    }
    for (key, platform) in [
        ("web", Platform::Web),
        ("spa", Platform::Spa),
        ("publicClient", Platform::PublicClient),
    ] {
        // `az ad app show --query "{web:web.redirectUris, spa:spa.redirectUris}"`
        if v.get(key).is_some_and(|x| x.is_array() || x.is_object()) {
            reg.shown.push(platform);
        }
        if let Some(list) = v.get(key).and_then(Value::as_array) {
            platforms_seen = true;
            for item in list {
                push_json_item(reg, item, platform);
            }
        }
        if let Some(obj) = v.get(key).filter(|o| o.is_object()) {
            platforms_seen = true;
            let listed = obj.get("redirectUris").and_then(Value::as_array);
            if let Some(list) = listed {
                for item in list {
                    push_json_item(reg, item, platform);
                }
            }
            // ConvertTo-Json below its depth limit writes a list as one space-joined string.
            if let Some(joined) = obj.get("redirectUris").and_then(Value::as_str) {
                for uri in joined.split_whitespace() {
                    push_json_item(reg, &Value::String(uri.to_string()), platform);
                }
            }
            // Graph beta's `web.redirectUriSettings: [{uri, index}]`, when it alone holds them.
            if listed.is_none_or(Vec::is_empty) {
                let settings = obj.get("redirectUriSettings").and_then(Value::as_array);
                for uri in settings.into_iter().flatten().filter_map(|s| s.get("uri")) {
                    push_json_item(reg, uri, platform);
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
        // The manifest's one list of every platform's URIs.
        reg.shown
            .extend([Platform::Web, Platform::Spa, Platform::PublicClient]);
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

/// Words of the portal's platform headings in its other languages (German, French, Spanish,
/// Italian, Portuguese, Dutch, Polish, Japanese, Chinese, Korean, Russian, Turkish): the
/// single-page, mobile/desktop and front-channel logout sections.
const SPA_WORDS: &[&str] = &[
    "single-page-",
    "einzelseiten",
    "monopage",
    "página única",
    "pagina singola",
    "pagina unica",
    "één pagina",
    "jednostronicow",
    "jednostránkov",
    "egyoldalas",
    "ensides",
    "シングルページ",
    "シングル ページ",
    "单页",
    "單頁",
    "단일 페이지",
    "одностранич",
    "tek sayfa",
];
const PUBLIC_WORDS: &[&str] = &[
    "mobil",
    "móvil",
    "móve",
    "desktop",
    "bureau",
    "escritorio",
    "área de trabalho",
    "モバイル",
    "デスクトップ",
    "移动",
    "桌面",
    "行動",
    "모바일",
    "데스크톱",
    "мобильн",
    "настольн",
    "masaüstü",
];
const LOGOUT_WORDS: &[&str] = &[
    "logout",
    "logoff",
    "sign-out",
    "abmelde",
    "déconnexion",
    "cierre de sesión",
    "disconnessione",
    "afmeld",
    "wylogow",
    "ログアウト",
    "注销",
    "登出",
    "로그아웃",
    "выход",
    "oturum kapatma",
];

/// Lowercase for the portal's headings and messages in the languages read (English, German,
/// French, Spanish, …): ASCII and Latin-1's capitals (À–Þ). The standard library's full
/// Unicode case tables would add 24 KB to the page for letters no heading starts with.
fn latin_lowercase(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            // Cyrillic (the portal in Russian, Ukrainian, Bulgarian, Serbian) and Greek.
            'А'..='Я' | 'Α'..='Ω' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            'Ѐ'..='Џ' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// The fields of a SAML app's Set up card: Entra's own addresses, which the app is given.
const ENTRA_OWN: &str = "Entra's own address";

/// Entra's sign-in host or its SAML issuer (`https://sts.windows.net/{tenant}/`).
fn entra_endpoint(value: &str) -> bool {
    let u = uri::Uri::new(value);
    u.host().is_some_and(|h| {
        crate::core::authorize::is_entra_host(h) || crate::core::authorize::is_token_issuer_host(h)
    })
}

/// The Basic SAML Configuration's field that names the app (the request's Issuer).
const SAML_IDENTIFIER: &str = "Identifier (Entity ID)";

/// The column headings of the Basic SAML Configuration's edit pane (Index, Default), in the
/// portal's languages.
const SAML_COLUMNS: &[&str] = &[
    "default",
    "index",
    "standard",
    "standaard",
    "par défaut",
    "predeterminado",
    "predefinito",
    "padrão",
    "índice",
    "indice",
    "indeks",
    "domyślny",
];

/// The field headings of a SAML app's Basic SAML Configuration (as the portal shows or edits
/// it): `Some(None)` for the Reply URL (Assertion Consumer Service URL), `Some(Some(field))`
/// for the fields whose URLs are not reply URLs. Logout URLs are the logout heading's.
fn saml_heading(line: &str) -> Option<Option<&'static str>> {
    if line.len() > 80 || line.contains("://") {
        return None;
    }
    let l = latin_lowercase(line.trim().trim_end_matches(['*', ':', ' ']));
    if is_prose(&l) {
        return None;
    }
    // The card's labels in English and in the portal's other languages.
    let starts = |words: &[&str]| words.iter().any(|w| l.starts_with(w));
    if starts(&[
        "reply url",
        "応答 url",
        "dirección url de respuesta",
        "direccion url de respuesta",
        "url de respuesta",
        "antwort-url",
        "url de réponse",
        "url de resposta",
        "回复 url",
        "回覆 url",
        "회신 url",
        "url di risposta",
    ]) || l.contains("assertion consumer service")
    {
        return Some(None);
    }
    let field = if starts(&[
        "identifier (entity id)",
        "識別子",
        "identificador",
        "bezeichner",
        "identificateur",
        "标识符",
        "識別碼",
        "식별자",
        "identificatore",
    ]) || l == "identifier"
        || l == "entity id"
    {
        SAML_IDENTIFIER
    } else if starts(&[
        "sign on url",
        "sign-on url",
        "サインオン url",
        "dirección url de inicio de sesión",
        "direccion url de inicio de sesion",
        "url de inicio de sesión",
        "anmelde-url",
        "url de connexion",
        "url de logon",
        "url de entrada",
        "登录 url",
        "登入 url",
        "로그온 url",
        "url di accesso",
    ]) {
        "Sign on URL"
    } else if starts(&[
        "app federation metadata url",
        "login url",
        "microsoft entra identifier",
        "azure ad identifier",
    ]) {
        ENTRA_OWN
    } else if starts(&[
        "relay state",
        "リレー状態",
        "estado de la retransmisión",
        "estado de retransmisión",
        "relayzustand",
        "état de relais",
        "中继状态",
        "stato dell'inoltro",
    ]) {
        "Relay State"
    } else {
        return None;
    };
    Some(Some(field))
}

/// The platform whose object a pasted PowerShell command line prints
/// (`Get-MgApplication … | Select-Object -ExpandProperty Spa`, `select -exp publicClient`,
/// `(Get-MgApplication …).Spa.RedirectUris`, `$app.Web`): the output under it holds that
/// platform's redirect URIs, though it names no platform itself.
fn expanded_platform(line: &str) -> Option<Platform> {
    let l = line.trim().to_ascii_lowercase();
    let command = l.contains("get-mgapplication")
        || l.contains("get-mgbetaapplication")
        || l.starts_with("ps ")
        || l.starts_with("ps>")
        || l.starts_with(['$', '(', '>']);
    if !command || l.len() > 2048 || l.contains("://") {
        return None;
    }
    let platform = |name: &str| match name.trim_matches(['"', '\'', ' ']) {
        "spa" => Some(Platform::Spa),
        "web" => Some(Platform::Web),
        "publicclient" => Some(Platform::PublicClient),
        _ => None,
    };
    // Select-Object's -ExpandProperty, by any unambiguous prefix (-exp), `-ExpandProperty:Spa`.
    let mut words = l.split_whitespace();
    while let Some(w) = words.next() {
        let (name, value) = match w.split_once(':') {
            Some((n, v)) => (n, Some(v)),
            None => (w, None),
        };
        let Some(name) = name.strip_prefix('-') else {
            continue;
        };
        if name.len() >= 3 && "expandproperty".starts_with(name) {
            return value.or_else(|| words.next()).and_then(platform);
        }
    }
    // A member of the application object: `).Spa`, `$app.Spa.RedirectUris`.
    l.match_indices('.').find_map(|(i, _)| {
        let before = l.get(..i)?;
        let object = before.ends_with(')')
            || before
                .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
                .next()
                .is_some_and(|w| w.starts_with('$') && w.len() > 1);
        let rest = l.get(i + 1..)?;
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let after = rest.get(name.len()..)?;
        let ends = after.is_empty()
            || after.starts_with(['.', ' ', '|', ')'])
                && !after.starts_with(".redirecturisettings");
        (object && ends).then(|| platform(&name)).flatten()
    })
}

/// Portal headings that start a platform section (the portal's words in English, or in its
/// other languages by the words above), the platform keys of YAML (`publicClient:`) and the
/// platform blocks of Terraform and Bicep (`single_page_application {`, `spa: {`).
fn heading_platform(line: &str) -> Option<Option<Platform>> {
    // Every heading is short; a URI line is not one.
    if line.chars().count() > 64 || line.contains("://") {
        return None;
    }
    let t = line.trim();
    let block = t.strip_suffix('{').map(str::trim_end);
    let l = block
        .unwrap_or(t)
        .trim_end_matches(['=', ':'])
        .trim()
        .trim_matches(['"', '\''])
        .replace('_', " ");
    let l = latin_lowercase(&l);
    if block.is_some() || !t.contains(char::is_whitespace) {
        // A key or block names its platform in one word: `publicClient:`, `installedClient`
        // (a `PublicClient :` property line of PowerShell is no heading).
        if let p @ (Platform::Spa | Platform::PublicClient) = platform_of_type(&l) {
            return Some(Some(p));
        }
    }
    let has = |words: &[&str]| words.iter().any(|w| l.contains(w));
    // A heading is words alone: not a property (`name = "mobile-app"`, `LogoutUrl :`), nor a
    // sentence of a chat or ticket ("Hi team, logout is broken too", "Desktop users hit this").
    if !t.contains(['=', '"', '\'', ':']) && !is_prose(&l) {
        if has(LOGOUT_WORDS) {
            return Some(None);
        }
        if has(SPA_WORDS) {
            return Some(Some(Platform::Spa));
        }
        if has(PUBLIC_WORDS) && !l.contains("flow") {
            return Some(Some(Platform::PublicClient));
        }
    }
    Some(match l.as_str() {
        "web" | "web applications" | "webanwendungen" | "applications web" | "aplicaciones web"
        | "웹" | "веб" | "webb" | "sieć web" | "webové aplikace" => {
            Some(Platform::Web)
        }
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
        | "mobile and desktop"
        // Azure AD B2C's Applications (Legacy) blade: its native client's field.
        | "custom redirect uri"
        | "custom redirect uris"
        | "native client" => Some(Platform::PublicClient),
        // Sections whose URIs are not redirect URIs.
        "front-channel logout url" | "logout url" | "front-channel logout urls" => None,
        _ => return None,
    })
}

/// A sentence rather than a heading: sentence punctuation, or a word headings never hold.
fn is_prose(lower: &str) -> bool {
    const WORDS: &[&str] = &[
        "is", "are", "was", "were", "this", "these", "those", "it", "we", "our", "i", "you",
        "they", "too", "also", "users", "hit", "broken", "works", "fails", "please", "hi", "hey",
        "thanks", "not", "see", "only", "still",
    ];
    // The full-width punctuation of Chinese and Japanese sentences too. "I" only opens an
    // English sentence: inside a heading it is Polish or Czech "and" ("Aplikacje mobilne i
    // klasyczne").
    lower.contains([',', '.', '!', '?', ';', '，', '。', '！', '？', '；', '、'])
        || lower.split_whitespace().enumerate().any(|(n, w)| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            WORDS.contains(&w) && (w != "i" || n == 0)
        })
}

/// The portal's heading of the snippet it shows under an iOS / macOS or Android redirect URI
/// for copying into the app (`MSAL Configuration`, then JSON or plist lines): that snippet
/// repeats the URI above it and the app's settings, so it is no part of the registered list.
fn is_snippet_heading(line: &str) -> bool {
    let l = line
        .trim()
        .trim_end_matches(':')
        .trim_end()
        .to_ascii_lowercase();
    matches!(l.as_str(), "msal configuration" | "msal config")
}

/// The `{` / `[` nesting depth after a line of such a snippet, from `depth` before it (a JSON
/// snippet opens with `{`, a plist one is lines of `<key>` tags): `None` when the line is no
/// snippet line (the snippet has ended).
fn snippet_depth(line: &str, depth: usize) -> Option<usize> {
    let t = line.trim();
    if t.is_empty() {
        return Some(depth);
    }
    if depth == 0 && !t.starts_with(['{', '[', '<']) {
        return None;
    }
    let count = |cs: [char; 2]| t.matches(cs).count();
    Some((depth + count(['{', '['])).saturating_sub(count(['}', ']'])))
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

/// Words of the portal's validation messages (English and its other languages) that stand
/// under a redirect URI it will not save: `Must be a valid URL.`, `Duplicate values are not
/// allowed.`, `URL may not contain a query string`.
const REFUSAL_WORDS: &[&str] = &[
    "valid url",
    "valid uri",
    "duplicate value",
    "may not contain a query",
    "gültige url",
    "url valide",
    "url válida",
    "url valida",
    "geldige url",
];

/// A validation message of the portal, which it shows under an entry it refuses to save. The
/// scheme rule is known in any language by what it names (`The URI must use HTTPS or
/// http://localhost.`).
fn portal_refusal(line: &str) -> bool {
    let l = latin_lowercase(line.trim());
    let words = l.split_whitespace().count();
    if words < 3 || l.chars().count() > 120 {
        return false;
    }
    let uris = l.matches("://").count();
    (uris == 1 && l.contains("https") && l.contains("http://localhost") && words >= 5)
        || (uris == 0 && REFUSAL_WORDS.iter().any(|w| l.contains(w)))
}

/// A URI broken by spaces, as a screenshot's text recognition or a typo leaves it
/// (`https://app.contoso. com/cb`, `https://app.contoso .com/cb`, `https: //localhost/cb`):
/// the URI the text makes without them, when each space stands next to a URI delimiter.
fn broken_uri(text: &str) -> Option<String> {
    // A tab separates a table's cells (`https://x/\tWeb`), and a URI followed by a platform
    // name is a row of a table (`https://x/   Single-page application`), not a broken URI.
    let t = text.trim();
    if t.contains('\t')
        || t.split_once(char::is_whitespace)
            .is_some_and(|(_, rest)| platform_word(rest.trim()).is_some())
    {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    // Not before a note (`# old`, `// prod`, `(old)`): the next word goes on with the URI.
    let delimiter = ['.', '/', ':'];
    let at_delimiter = words.windows(2).all(|w| match w {
        [a, b] => {
            let goes_on = b.starts_with(|c: char| c.is_alphanumeric() || delimiter.contains(&c))
                && (!b.starts_with("//") || a.ends_with(':'));
            goes_on && (a.ends_with(delimiter) || b.starts_with(delimiter))
        }
        _ => false,
    });
    let joined = words.concat();
    (words.len() > 1 && at_delimiter && is_uri_token(&joined) && joined.matches("://").count() == 1)
        .then_some(joined)
}

/// Why a URI broken by spaces is not read.
fn broken_message(line: usize, text: &str, joined: &str) -> String {
    format!("line {line} looks like one URI broken by a space ({joined} without it), so it was not read: a URI holds no space (RFC 3986). If the list was copied from a screenshot, copy it as text (the portal's Authentication page, or the manifest) and paste again: {}", text.trim())
}

/// Strips list bullets and numbering from the start of a line.
fn strip_bullet(line: &str) -> &str {
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
    s
}

/// Strips list bullets, numbering and trailing commas from a line (quotes
/// stay: they may delimit CSV cells).
fn clean_line(line: &str) -> &str {
    // The full-width comma, semicolon and ideographic full stop of a CJK list too.
    strip_marker(strip_bullet(line))
        .trim_end_matches([',', ';', '，', '；', '、', '。'])
        .trim_end()
        // Direction marks a right-to-left document or chat puts around a left-to-right URI:
        // Entra cannot hold them, so they are the paste's.
        .trim_matches([
            '\u{200E}', '\u{200F}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ])
}

/// Strips the list markers people put before a URI: a checkbox (`[x]`,
/// `[ ]`), a letter or number (`a)`, `2)`, `1.`), and any run of symbols
/// (emoji, `→`, `::`) that ends where a URI, a quoted or bracketed URI, or a
/// link starts. A run followed by anything else stays.
fn strip_marker(line: &str) -> &str {
    let mut s = line.trim_start();
    loop {
        let before = s.len();
        for checkbox in ["[x] ", "[X] ", "[ ] "] {
            if let Some(r) = s.strip_prefix(checkbox) {
                s = r.trim_start();
            }
        }
        let b = s.as_bytes();
        let marker = b.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        let enumerator = marker == 1 || (marker < 4 && b[..marker].iter().all(u8::is_ascii_digit));
        if enumerator
            && matches!(b.get(marker), Some(b'.' | b')'))
            && b.get(marker + 1).is_some_and(u8::is_ascii_whitespace)
        {
            s = s[marker + 1..].trim_start();
        }
        let lead = s
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric() || "<[{\"'`(".contains(*c))
            .map_or(s.len(), |(i, _)| i);
        if lead > 0 && lead < s.len() && !s[..lead].contains(is_invisible) {
            let rest = &s[lead..];
            if starts_uri(rest) || (rest.starts_with('[') && rest.contains("](")) {
                s = rest;
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// An invisible character (byte order mark, zero-width or direction mark):
/// never taken for a marker or a note, so the URI keeps it and it is judged.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
}

/// Replaces link markup by the URI it links to: markdown `[text](uri)` and
/// Slack `<uri|label>` / `<uri>`.
fn unlink(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("](") && !text.contains('<') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // Markdown: [text](uri)
        if rest.starts_with('[') {
            if let Some(close) = rest.find("](") {
                let after = &rest[close + 2..];
                if let Some(end) = after.find(')') {
                    let target = after[..end].trim();
                    if is_uri_token(target) && !rest[1..close].contains('\n') {
                        out.push_str(target);
                        rest = &after[end + 1..];
                        continue;
                    }
                }
            }
        }
        // Slack: <uri|label> or <uri>
        if let Some(inner) = rest.strip_prefix('<') {
            if scheme_len(inner).is_some() {
                if let Some(end) = inner.find('>') {
                    let target = inner[..end].split('|').next().unwrap_or("").trim();
                    if is_uri_token(target) {
                        out.push_str(target);
                        rest = &inner[end + 1..];
                        continue;
                    }
                }
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
}

/// Cuts a note written after a URI: a comment (`# x`, `// x`, `-- x`,
/// `<- x`, `← x`, `=> x`, `-> x`), a parenthesised or bracketed note
/// (`(old)`, `[dev]`), a dash note (` - x`, ` – x`) or symbols (emoji). The
/// note must follow whitespace after a URI; words without such a marker stay
/// and are judged by the reader.
fn cut_note(text: &str) -> &str {
    let mut seen_uri = false;
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let start = at;
        at += word.len();
        let w = word.trim();
        if w.is_empty() {
            continue;
        }
        if seen_uri && start > 0 && text[..start].ends_with(char::is_whitespace) {
            let first = w.chars().next().unwrap_or(' ');
            let note = [
                "#", "//", "--", "<-", "<=", "=>", "->", "(", "[", "-", "\u{2013}", "\u{2014}",
            ]
            .iter()
            .any(|m| w.starts_with(m))
                || (!first.is_alphanumeric() && !"<{\"'`,".contains(first) && !is_invisible(first));
            if note {
                return text[..start].trim_end();
            }
        }
        if w.contains("://") || starts_uri(w) {
            seen_uri = true;
        }
    }
    text
}

/// Strips the quotes, backticks or angle brackets around one cell or token.
fn unquote(s: &str) -> &str {
    let mut s = s
        .trim()
        .trim_end_matches([',', ';', '，', '；', '、', '。'])
        .trim_end();
    // Straight and typographic quotes, angle brackets, parentheses: what prose and chat
    // apps put around a URI.
    for (open, close) in [
        ('"', '"'),
        ('\'', '\''),
        ('`', '`'),
        ('<', '>'),
        ('“', '”'),
        ('‘', '’'),
        ('„', '“'),
        ('«', '»'),
        ('(', ')'),
    ] {
        if let Some(r) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            s = r.trim();
        }
    }
    // A typographic quote is never part of a URI (it would be percent-encoded), and a full stop
    // after a URI's path is the sentence's: `https://x/cb.`, `https://x/cb”`.
    s = s
        .trim_start_matches(['“', '‘', '„', '«'])
        .trim_end_matches(['”', '’', '“', '»']);
    let has_path = s
        .split_once("://")
        .is_some_and(|(_, rest)| rest.trim_end_matches('.').contains('/'));
    if has_path && s.ends_with('.') && !s.ends_with("..") {
        s = &s[..s.len() - 1];
    }
    s
}

/// A `web:` / `spa:` / `public:` prefix (its colon full-width too, as a CJK keyboard types it).
fn prefixed(line: &str) -> Option<(Platform, &str)> {
    let (p, rest) = line.split_once([':', '\u{ff1a}'])?;
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
    if s.contains(char::is_whitespace) {
        return false;
    }
    if s.contains("://") {
        return true;
    }
    let lower = s.to_ascii_lowercase();
    // urn:…, or host/path without a scheme (kept so it can be judged), a URI percent-encoded
    // whole (copied from a log or a query), or one built from a template (`{baseUrl}/cb`).
    lower.starts_with("urn:")
        || (s.contains('.') && s.contains('/'))
        || lower.starts_with("http%3a%2f%2f")
        || lower.starts_with("https%3a%2f%2f")
        || (s.contains('/') && template_expression(s).is_some_and(|e| s.starts_with(e)))
}

/// The scheme of `s` when it is an address with no `//` after its scheme (`javascript:…`,
/// `data:text/html,…`, `mailto:a@b`): not a host and port (`localhost:5001/cb`), not a label
/// (`Note:`), not `urn:`.
fn opaque_scheme(s: &str) -> Option<&str> {
    let (scheme, rest) = s.split_once(':')?;
    let first = rest.bytes().next()?;
    (scheme.len() > 1
        && scheme.as_bytes()[0].is_ascii_alphabetic()
        && scheme
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        && !scheme.contains('.')
        && !first.is_ascii_digit()
        && first != b'/'
        && !scheme.eq_ignore_ascii_case("urn"))
    .then_some(scheme)
}

/// The length of a URI scheme and its `:` at the start of `s` (`https:`,
/// `msal<guid>:`, `ms-appx-web:`), when `//` follows it or it is `urn:`.
fn scheme_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if !b.first()?.is_ascii_alphabetic() {
        return None;
    }
    let n = b
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        .count();
    let rest = &s[n..];
    if rest.starts_with("://")
        || (n == 3 && s[..n].eq_ignore_ascii_case("urn") && rest.starts_with(':'))
    {
        Some(n + 1)
    } else {
        None
    }
}

/// An absolute or custom-scheme URI with nothing around it: what a cell of a
/// table or an item of a list must be to be read as a registration.
fn is_uri_token(s: &str) -> bool {
    !s.is_empty() && !s.contains(char::is_whitespace) && scheme_len(s).is_some_and(|n| s.len() > n)
}

/// True when what follows a separator starts a new URI (after spaces and an
/// opening quote): commas split URIs only there, so a comma inside a URI's
/// query stays.
fn starts_uri(s: &str) -> bool {
    let s = s.trim_start().trim_start_matches(['"', '\'', '`', '<']);
    scheme_len(s).is_some()
}

/// Splits `s` at the commas and semicolons that are followed by the start of a URI (Entra
/// allows neither in a redirect URI, so there they separate two).
fn split_before_uris(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, _) in s.match_indices([',', ';']) {
        if starts_uri(&s[i + 1..]) {
            out.push(&s[from..i]);
            from = i + 1;
        }
    }
    out.push(&s[from..]);
    out
}

/// The cells of one CSV row: `sep`-separated, `"` quotes with `""` escapes.
fn csv_cells(line: &str, sep: char) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            c if c == sep && !quoted => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

/// A platform named in a cell or a word run: `Web`, `SPA`, `Single-page
/// application`, `InstalledClient`, `Mobile and desktop applications`, …
fn platform_word(s: &str) -> Option<Platform> {
    match platform_of_type(s) {
        Platform::Unknown => heading_platform(s).flatten(),
        p => Some(p),
    }
}

/// A .NET type name, which PowerShell prints for an object it does not
/// expand (`Microsoft.Graph.PowerShell.Models.MicrosoftGraphWebApplication`).
fn is_type_name(s: &str) -> bool {
    s.contains('.')
        && !s.contains('/')
        && s.split('.').all(|part| {
            part.starts_with(|c: char| c.is_ascii_alphabetic())
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '`' | '[' | ']'))
        })
}

/// A `Label : value` property line (PowerShell `Format-List`, or `Redirect
/// URI: https://…` notes): the label, the value, and the byte column where
/// the value starts (continuation lines of a wrapped value start there).
fn property_line(raw: &str) -> Option<(&str, &str, usize)> {
    let raw = raw.trim_end();
    let body = strip_bullet(raw);
    // `redirect_uris = [...]` (Terraform), `RedirectUri=https://…` (settings files).
    let eq = body.find('=').filter(|&i| {
        let key = body[..i].trim_end();
        !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
    });
    let colon = match eq {
        Some(i) => i,
        None => body.find(':')?,
    };
    let rest = &body[colon + 1..];
    if eq.is_none() && !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None; // `https://…`, `urn:…`, `spa:https://…`
    }
    let label = body[..colon].trim_end();
    // A label of words is short; a configuration key (one word of dotted segments, Spring's
    // `spring.security.oauth2.client.registration.azure-dev.redirect-uri`) may be long.
    let ok = (label.len() <= 48 || (label.len() <= 256 && !label.contains(' ')))
        && label.starts_with(|c: char| c.is_ascii_alphabetic())
        && label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " _.-()/&".contains(c));
    if !ok {
        return None;
    }
    let value = rest.trim_start();
    let column = raw.len() - value.len();
    Some((label, value.trim_end(), column))
}

/// True when `line` continues the wrapped value of a property whose value
/// starts at `column`: `Format-List` indents the rest of a long value to it.
pub(crate) fn is_continuation(line: &str, column: usize) -> bool {
    column > 0
        && line.len() > column
        && line.as_bytes()[..column].iter().all(|b| *b == b' ')
        && line.as_bytes()[column] != b' '
}

/// What a property's label says its value is.
#[derive(Clone, Copy)]
enum Label {
    /// Redirect URIs, on a platform when the label names one.
    Redirect(Option<Platform>),
    /// The application (client) ID.
    AppId,
    /// The application object's ID.
    ObjectId,
    /// When the application was created.
    Created,
    /// The sign-in audience.
    Audience,
    /// The application's display name.
    Name,
    /// URIs that are not redirect URIs (logout, home page, identifier URIs).
    NotRedirect,
    /// A setting of the app's own sign-in configuration (authority, callback path).
    AppSetting,
    /// The URI of an item of a list (`uri:` of redirectUriSettings, `Uri` of its table).
    Entry,
    /// A key that says the items are redirect URI settings (`redirectUriSettings:`, `Index`).
    Settings,
    /// Anything else.
    Other,
}

/// The portal Overview's count of redirect URIs per platform (`2 web, 1 spa, 1 public
/// client`), after the colon it may be copied with.
fn portal_counts(text: &str) -> Option<&str> {
    let t = text.trim().trim_start_matches(':').trim();
    let counted = |part: &str| {
        let (n, what) = part.trim().split_once(' ')?;
        let what = what.trim().to_ascii_lowercase();
        (!n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
            && matches!(what.as_str(), "web" | "spa" | "public client"))
        .then_some(())
    };
    (!t.is_empty() && t.split(',').all(|p| counted(p).is_some())).then_some(t)
}

/// A note or status that says an entry is gone: `removed`, `deleted` (`(removed)`, `# deleted
/// 2024-03-01`, a status cell); not `(old)` or `(prod)`, nor `not removed`.
fn says_removed(note: &str) -> bool {
    let l = note.to_ascii_lowercase();
    let words: Vec<&str> = l
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // The note is that word, with a date at most: a note that says more ("removed trailing
    // slash", "the duplicate was deleted") speaks of something else.
    matches!(words.first(), Some(&("removed" | "deleted")))
        && words[1..].iter().all(|w| {
            matches!(*w, "on" | "at" | "since" | "in")
                || w.bytes().all(|b| b.is_ascii_digit())
                || [
                    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                    "dec",
                ]
                .iter()
                .any(|m| w.starts_with(m))
        })
}

/// A label's letters and digits in lower case (`Application ID URI` → `applicationiduri`),
/// how every label is compared.
pub(crate) fn label_key(label: &str) -> String {
    label
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A label whose value is the app's identifiers (`identifierUris`, `Application ID URI`).
fn is_identifier_label(label: &str) -> bool {
    let k = label_key(label);
    ["identifier", "applicationiduri", "appiduri"]
        .iter()
        .any(|w| k.contains(w))
}

/// A label copied on a line of its own (`Application ID URI`, the portal's Overview), its
/// value on the next line.
fn bare_label(line: &str) -> Option<&str> {
    let t = line.trim();
    (t.len() <= 48
        && t.starts_with(|c: char| c.is_ascii_alphabetic())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || " _.-()/&".contains(c)))
    .then_some(t)
}

/// A label the portal shows over a URL that is no redirect URI (Overview, Branding &
/// properties): `Application ID URI`, `Home page URL`, `Front-channel logout URL` …
fn is_portal_url_label(label: &str) -> bool {
    let k = label_key(label);
    matches!(
        k.as_str(),
        "applicationiduri"
            | "applicationiduris"
            | "appiduri"
            | "appiduris"
            | "appidurioptional"
            | "identifieruris"
            | "homepageurl"
            | "homepage"
            | "logouturl"
            | "frontchannellogouturl"
            | "termsofserviceurl"
            | "privacystatementurl"
            | "marketingurl"
            | "supporturl"
            | "logourl"
    )
}

fn label_kind(label: &str) -> Label {
    // A key of an app's properties file (Spring's
    // `spring.security.oauth2.client.registration.azure.redirect-uri`): a path of three or more
    // segments ending in the redirect URI is the app's own setting, what it sends.
    let segments: Vec<&str> = label.split('.').collect();
    if segments.len() >= 3 && !label.contains(' ') {
        if let Some(Label::Redirect(None)) = segments.last().map(|s| label_kind(s)) {
            return Label::AppSetting;
        }
    }
    let k = label_key(label);
    let strip = |suffix: &str| k.strip_suffix(suffix).unwrap_or(&k).to_string();
    // `WebRedirectUris`, and Az.Resources' flattened `WebRedirectUri` / `SpaRedirectUri`.
    let platform = match k.strip_suffix("redirecturis") {
        Some(p) => p.to_string(),
        None => strip("redirecturi"),
    };
    match k.as_str() {
        "redirecturis" | "redirecturi" | "redirecturls" | "redirecturl" | "replyurls"
        | "replyurl" | "replyaddresses" | "replyaddress" => Label::Redirect(None),
        "appid" | "applicationid" | "applicationclientid" | "clientid" => Label::AppId,
        "objectid" | "id" => Label::ObjectId,
        "uri" | "url" => Label::Entry,
        "redirecturisettings" | "index" | "replyurlswithtype" => Label::Settings,
        "signinaudience" | "supportedaccounttypes" => Label::Audience,
        "createddatetime" => Label::Created,
        "displayname" => Label::Name,
        "authority" | "instance" | "callbackpath" => Label::AppSetting,
        // `CLIENT_SECRET=…` of a .env or properties file: a registration holds no secret.
        _ if k.ends_with("secret") => Label::AppSetting,
        _ if [
            "logout",
            "homepage",
            "identifier",
            "applicationiduri",
            "appiduri",
            "privacy",
            "termsofservice",
            "marketing",
            "support",
            "logo",
            "informational",
        ]
        .iter()
        .any(|w| k.contains(w)) =>
        {
            Label::NotRedirect
        }
        _ => match platform.as_str() {
            "web" => Label::Redirect(Some(Platform::Web)),
            "spa" | "singlepageapplication" => Label::Redirect(Some(Platform::Spa)),
            "publicclient"
            | "public"
            | "native"
            | "mobile"
            | "desktop"
            | "installedclient"
            | "mobileanddesktopapplications" => Label::Redirect(Some(Platform::PublicClient)),
            _ => Label::Other,
        },
    }
}

/// One PowerShell object (records are separated by blank lines).
#[derive(Default)]
struct Record {
    app_id: Option<String>,
    name: Option<String>,
    audience: Option<Audience>,
    created: Option<String>,
}

struct LineReader {
    reg: Registered,
    section: Option<Platform>,
    /// A CSV header naming a URI column was seen: later lines are CSV rows.
    csv: bool,
    /// The CSV's separator: ',' or ';' (spreadsheets in locales with a decimal comma).
    csv_sep: char,
    /// The CSV header's column names and what each holds.
    csv_columns: Vec<(String, Label)>,
    records: Vec<Record>,
    /// The record each of `reg.uris` came from.
    record_of: Vec<usize>,
    /// The current record has a property line.
    in_record: bool,
    /// Properties that show only a .NET type name, and their lines.
    type_names: Vec<(String, usize)>,
    /// The first setting of an app's sign-in configuration seen (`authority : https://…`).
    app_setting: Option<(String, usize)>,
    /// The URIs read from a single `redirectUri` setting (not a list of registrations).
    from_setting: Vec<usize>,
    /// Redirect URI settings were seen (`redirectUriSettings:`, an `Index` property).
    settings: bool,
    /// A Spring Boot `application.yml` mapping (`spring:`, `registration:`) was opened.
    spring_yaml: bool,
    /// The `uri:` items: their label, value, platform, line and record.
    entries: Vec<(String, String, Platform, usize, usize)>,
    /// Lines under a logout-URL heading, read as logout URLs (not redirect URIs).
    logout: Vec<String>,
    /// The SAML field (Identifier, Sign on URL, Relay State) whose lines follow, when one does.
    saml_field: Option<&'static str>,
    /// The lines follow the SAML configuration's Reply URL heading.
    saml_reply: bool,
    /// Lines under such a field, with the field: not Reply URLs.
    saml_other: Vec<(String, &'static str)>,
    /// A heading of the Basic SAML Configuration was read: the paste is a SAML app's page.
    saml_card: bool,
    /// The redirect URI the request sends, when known.
    sent: Option<String>,
    /// The line of the last `type: Web` property that set the platform of the lines after it.
    type_line: Option<usize>,
    /// The record (index) that showed a property only Microsoft Graph's web platform object
    /// has (`ImplicitGrantSettings`, `RedirectUriSettings`, `HomePageUrl`): its `RedirectUris`
    /// are the Web platform's (`Get-MgApplication | Select -ExpandProperty Web`).
    web_object: Option<usize>,
    /// The items that follow a property whose URIs are not redirect URIs, when they do.
    not_list: Option<NotList>,
    /// The indent of the line being read.
    indent: usize,
    /// The records that showed a property only Graph's web platform object has: one each is
    /// one application's Web object.
    web_objects: Vec<usize>,
    /// URIs the paste marks as removed (struck through, `(removed)`, a `deleted` status), left
    /// out of the list read.
    struck: Vec<String>,
    /// The portal's Android or iOS / macOS card being read.
    card: Option<Card>,
}

/// The items of a list under a property whose URIs are not redirect URIs: `identifierUris:`
/// then `- api://…` lines (YAML), `identifier_uris = [` to `]` (Terraform, Bicep), or the
/// value on the line under a label copied alone (`Application ID URI`, the portal's Overview).
#[derive(Clone, Copy)]
struct NotList {
    /// The items are the app's identifiers (Application ID URIs).
    identifiers: bool,
    /// How the list goes on.
    shape: ListShape,
}

/// How the lines of a [`NotList`] are told from those after it.
#[derive(Clone, Copy)]
enum ListShape {
    /// YAML's `- item` lines, indented at least as far as the key (its indent).
    Dashes(usize),
    /// Every line up to the one holding the closing `]`.
    Bracket,
    /// The next line alone, when it is one URI.
    One,
}

/// A portal card of the Android or iOS / macOS platform: the fields the portal builds the
/// card's redirect URI from, for a copy that leaves out the card's Redirect URI line.
struct Card {
    /// Android (package name and signature hash), else iOS / macOS (bundle ID).
    android: bool,
    /// The number of URIs read before the card: more after it means its URI line was read.
    before: usize,
    /// The field whose value the next line holds (the portal shows a label over its value).
    awaiting: Option<CardField>,
    /// Values read, with their lines.
    package: Option<(String, usize)>,
    hash: Option<(String, usize)>,
    bundle: Option<(String, usize)>,
}

/// A field of a portal platform card.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CardField {
    Package,
    Hash,
    Bundle,
}

/// The card field a label names (`Package name`, `Signature hash`, `Bundle ID`).
fn card_field(label: &str) -> Option<CardField> {
    let l = label
        .trim()
        .trim_end_matches(':')
        .trim_end()
        .to_ascii_lowercase();
    match l.as_str() {
        "package name" => Some(CardField::Package),
        "signature hash" => Some(CardField::Hash),
        "bundle id" | "bundle identifier" => Some(CardField::Bundle),
        _ => None,
    }
}

/// A card field's label and value on one line (`Package name\tcom.contoso.app`,
/// `Bundle ID: com.contoso.app`), or the label alone (its value on the next line).
fn card_line(line: &str) -> Option<(CardField, &str)> {
    let t = line.trim();
    if let Some(f) = card_field(t) {
        return Some((f, ""));
    }
    let (label, value) = t.split_once(['\t', ':'])?;
    Some((card_field(label)?, value.trim()))
}

/// An Android package name (applicationId): dot-separated names of letters, digits and `_`.
fn is_package_name(s: &str) -> bool {
    s.contains('.')
        && s.split('.').all(|p| {
            p.starts_with(|c: char| c.is_ascii_alphabetic())
                && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
}

/// A signature hash as the portal's Android platform takes it: the certificate's SHA-1 in
/// standard Base64 (28 characters, ending in `=`).
fn is_signature_hash(s: &str) -> bool {
    s.len() == 28
        && s.ends_with('=')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// An iOS / macOS bundle ID: dot-separated names of letters, digits and `-`.
fn is_bundle_id(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

impl LineReader {
    /// A line of an Android or iOS / macOS card: true when it was one of its fields.
    fn card_line(&mut self, line: &str, line_no: usize) -> bool {
        let Some(card) = self.card.as_mut() else {
            return false;
        };
        let (field, value) = match card_line(line) {
            Some((f, "")) => {
                card.awaiting = Some(f);
                return true;
            }
            Some(fv) => fv,
            None => match card.awaiting.take() {
                Some(f) if !line.trim().contains(char::is_whitespace) && !line.contains("://") => {
                    (f, line.trim())
                }
                _ => return false,
            },
        };
        card.awaiting = None;
        let value = Some((value.to_string(), line_no));
        match field {
            CardField::Package => card.package = value,
            CardField::Hash => card.hash = value,
            CardField::Bundle => card.bundle = value,
        }
        true
    }

    /// The end of an Android or iOS / macOS card: when the copy left out its Redirect URI
    /// line, the URI the portal builds from the card's fields is registered (the portal shows
    /// nothing else: that URI is the card). Fields that give no URI are said.
    fn end_card(&mut self) {
        let Some(card) = self.card.take() else {
            return;
        };
        if self.reg.uris.len() > card.before {
            return;
        }
        let again = "so its redirect URI was not built: paste the card with its Redirect URI line";
        let problems = self.reg.problems.len();
        if card.android {
            match (card.package, card.hash) {
                (Some((p, _)), Some((h, line))) if is_package_name(&p) && is_signature_hash(&h) => {
                    let built = format!("msauth://{p}/{}", uri::form_encode(&h));
                    self.push(&built, Platform::PublicClient, line);
                }
                (Some((p, line)), Some(_)) if !is_package_name(&p) => self.problem(line, format!("the Android card's package name '{p}' is not an applicationId (names of letters, digits and '_' joined by dots), {again}")),
                (Some(_), Some((h, line))) => self.problem(line, format!("the Android card's signature hash '{h}' is not one the portal takes (the signing certificate's SHA-1 in standard Base64: 28 characters ending in '='), {again}")),
                (Some((p, line)), None) => self.problem(line, format!("the Android card shows the package name {p} but no signature hash, {again}")),
                (None, Some((h, line))) => self.problem(line, format!("the Android card shows the signature hash {h} but no package name, {again}")),
                (None, None) => {}
            }
        } else if let Some((b, line)) = card.bundle {
            if is_bundle_id(&b) {
                self.push(&format!("msauth.{b}://auth"), Platform::PublicClient, line);
            } else {
                self.problem(line, format!("the iOS / macOS card's bundle ID '{b}' is not one (names of letters, digits and '-' joined by dots), {again}"));
            }
        }
        if self.reg.problems.len() > problems && !self.reg.unread.contains(&Platform::PublicClient)
        {
            self.reg.unread.push(Platform::PublicClient);
        }
    }

    fn problem(&mut self, line: usize, message: String) {
        self.reg.problems.push(ReadProblem {
            message,
            line,
            column: 1,
        });
    }

    /// The portal's validation message on line `line` under the entry on line `entry`: the
    /// portal did not save that entry, so what was read from it is taken back, and said.
    fn refused(&mut self, entry: usize, line: usize, message: &str) {
        let mut gone: Vec<String> = Vec::new();
        let mut k = 0;
        while let Some(u) = self.reg.uris.get(k) {
            if u.line == entry && entry > 0 {
                gone.push(self.reg.uris.remove(k).uri);
                if k < self.record_of.len() {
                    self.record_of.remove(k);
                }
            } else {
                k += 1;
            }
        }
        let said = format!("the portal's validation message ('{}') for the entry above it, which the portal does not save", message.trim());
        // A duplicate the portal refuses leaves the first entry registered.
        let (kept, gone): (Vec<String>, Vec<String>) = gone
            .into_iter()
            .partition(|g| self.reg.uris.iter().any(|u| u.uri == *g));
        if !kept.is_empty() {
            return self.reg.notes.push(ReadNote {
                code: "input.registered_unreadable",
                title: "A repeated entry the portal refused was left out",
                message: format!(
                    "Line {line} is {said}: {} stays registered once, by its first entry.",
                    kept.join(", ")
                ),
                fix: "Nothing to change for this entry.",
                severity: Severity::Info,
            });
        }
        if !gone.is_empty() {
            return self.problem(line, format!("this is {said}: {} is not registered, so it was not compared. If the registration holds it all the same (added through the manifest), paste the manifest", gone.join(", ")));
        }
        match self.reg.problems.last_mut().filter(|p| p.line == entry) {
            Some(p) => p.message.push_str(&format!(" (line {line} is {said})")),
            None => self.problem(line, format!("this is {said}: it is not registered")),
        }
    }

    fn push(&mut self, uri: &str, platform: Platform, line: usize) {
        if let Some(expr) = template_expression(uri) {
            self.reg.templates.push(uri.to_string());
            return self.problem(line, format!("{uri} holds the template expression {expr}, whose value exists only once it is deployed, so it was not compared. Paste the deployed application's redirect URIs (az ad app show --id …)"));
        }
        self.reg.uris.push(Registration {
            uri: uri.to_string(),
            platform,
            line,
        });
        self.record_of.push(self.records.len().saturating_sub(1));
    }

    /// The identifiers in a value (`api://a`, `['api://a', 'api://b']`, `{api://a, api://b}`).
    fn identifiers_in(&mut self, value: &str) {
        for item in value.split([',', ' ', '\t', '[', ']', '{', '}', '(', ')']) {
            let item = unquote(item);
            if is_uri_token(item) && !self.reg.identifiers.iter().any(|i| i == item) {
                self.reg.identifiers.push(item.to_string());
            }
        }
    }

    /// A line of the list a [`NotList`] opened: true when it is one (read, as an identifier
    /// or not at all), false when the list has ended before it.
    fn not_list_line(&mut self, list: NotList, raw_line: &str) -> bool {
        let t = raw_line.trim();
        let indent = raw_line.len() - raw_line.trim_start().len();
        let (value, ends) = match list.shape {
            ListShape::Dashes(at) => match t.strip_prefix('-') {
                Some(v) if indent >= at && (v.is_empty() || v.starts_with([' ', '\t'])) => {
                    (v, false)
                }
                _ => return false,
            },
            ListShape::Bracket => (
                t,
                t.starts_with(']') || t.trim_end_matches([',', ';', ')']).ends_with(']'),
            ),
            // `:` then the value on the next line, `: value`, or the value alone.
            ListShape::One => match t.strip_prefix(':') {
                Some(v) => (v, !v.trim().is_empty()),
                None if is_uri_token(unquote(t)) => (t, true),
                None => return false,
            },
        };
        if list.identifiers {
            self.identifiers_in(value);
        }
        if ends {
            self.not_list = None;
        }
        true
    }

    fn record(&mut self) -> &mut Record {
        if self.records.is_empty() {
            self.records.push(Record::default());
        }
        let last = self.records.len() - 1;
        &mut self.records[last]
    }

    /// A property line and its value (continuations already joined).
    fn property(&mut self, label: &str, value: &str, line: usize) {
        self.in_record = true;
        self.record();
        // Terraform's `azuread_application_redirect_uris` names its platform in `type = "SPA"`.
        if label.trim().eq_ignore_ascii_case("type") {
            let platform = match unquote(value).to_ascii_lowercase().as_str() {
                "web" => Some(Platform::Web),
                "spa" => Some(Platform::Spa),
                "publicclient" | "installedclient" => Some(Platform::PublicClient),
                _ => None,
            };
            if let Some(p) = platform {
                self.reg.has_platforms = true;
                // `- url: …` then `type: Spa` (replyUrlsWithType as YAML): the item's own type.
                // An item whose type came first (`- type: Web` then `url: …`) has its type.
                let typed_before =
                    |entry_line: usize| self.type_line.is_some_and(|t| t + 1 == entry_line);
                match self.entries.last().map(|e| e.3) {
                    Some(l) if l + 1 == line && !typed_before(l) => {
                        if let Some(e) = self.entries.last_mut() {
                            e.2 = p;
                        }
                    }
                    _ => {
                        self.section = Some(p);
                        self.type_line = Some(line);
                    }
                }
                return;
            }
        }
        let key = label_key(label);
        if matches!(
            key.as_str(),
            "implicitgrantsettings" | "redirecturisettings" | "homepageurl"
        ) {
            self.web_object = Some(self.records.len());
            // Records come in order: the last one pushed is the only one to look at.
            let record = self.records.len() - 1;
            if self.web_objects.last() != Some(&record) {
                self.web_objects.push(record);
            }
        }
        // Spring Boot's application.yml (`spring:` … `registration:` … `azure:` …
        // `redirect-uri: …`): the app's own setting, as the same key in a properties file is.
        if value.trim().is_empty() && matches!(key.as_str(), "spring" | "registration") {
            self.spring_yaml = true;
        }
        let kind = match label_kind(label) {
            Label::Redirect(None) if self.spring_yaml => Label::AppSetting,
            kind => kind,
        };
        // `"AzureADMyOrg",` as a config file writes it.
        let value = match kind {
            Label::Redirect(_) | Label::Other => value,
            _ => unquote(value),
        };
        match kind {
            Label::Name => {
                self.record().name = Some(value.to_string());
            }
            Label::AppId => {
                if uri::is_guid(value) {
                    self.record().app_id = Some(value.to_string());
                }
            }
            Label::ObjectId => {
                if uri::is_guid(value) {
                    self.reg.object_id = Some(value.to_string());
                }
            }
            Label::Created => {
                self.reg.created = Some(value.to_string());
                self.record().created = Some(value.to_string());
            }
            Label::Audience => {
                let a = Audience::parse(value);
                if a != Audience::Unknown {
                    self.reg.audience = a;
                    self.record().audience = Some(a);
                }
            }
            Label::NotRedirect => {
                let identifiers = is_identifier_label(label);
                let v = value.trim();
                // `identifierUris:` over `- api://…` lines, `identifier_uris = [` over lines.
                if v.is_empty() || v == "[" {
                    let shape = if v.is_empty() {
                        ListShape::Dashes(self.indent)
                    } else {
                        ListShape::Bracket
                    };
                    self.not_list = Some(NotList { identifiers, shape });
                } else if identifiers {
                    self.identifiers_in(v);
                }
            }
            Label::AppSetting => {
                if self.app_setting.is_none() {
                    // A secret's value is never repeated.
                    let what = match label_key(label).ends_with("secret") {
                        true => label.to_string(),
                        false => format!("{label} {value}"),
                    };
                    self.app_setting = Some((what, line));
                }
            }
            Label::Settings => self.settings = true,
            Label::Entry => {
                if let (Some(platform), true) = (self.section, value.contains("://")) {
                    let record = self.records.len().saturating_sub(1);
                    self.entries.push((
                        label.to_string(),
                        value.to_string(),
                        platform,
                        line,
                        record,
                    ));
                }
            }
            Label::Other => {
                let text = format!("{label}: {value}");
                if let Some(joined) = broken_uri(&text) {
                    self.problem(line, broken_message(line, &text, &joined));
                } else if value.contains("://") {
                    self.problem(line, format!("'{label}' is not a redirect URI property, so this line was not read: {label} : {value}"));
                }
            }
            Label::Redirect(p) => {
                let web = (p.is_none()
                    && self.section == Some(Platform::Unknown)
                    && self.web_object == Some(self.records.len())
                    && key == "redirecturis")
                    .then_some(Platform::Web);
                let p = p.or(web);
                let Some(platform) = p.or(self.section) else {
                    return; // inside a logout-URL section
                };
                if is_type_name(value) {
                    // `Web : Microsoft.Graph…WebApplication` names a platform but reads no URI:
                    // the list does not say where its other URIs are.
                    self.type_names.push((label.to_string(), line));
                } else {
                    self.reg.has_platforms |= p.is_some();
                    let before = self.reg.uris.len();
                    self.text(value, platform, line);
                    if !label.to_ascii_lowercase().ends_with('s') {
                        self.from_setting.extend(before..self.reg.uris.len());
                    }
                }
            }
        }
    }

    /// The URIs in a piece of text: a `{a, b}` / `[a, b]` list, tab- or
    /// comma-separated cells, a word row (`https://x/cb   SPA`), or one URI.
    /// Nothing that is not a URI is registered; a part holding a URI that
    /// cannot be read is reported.
    fn text(&mut self, text: &str, platform: Platform, line: usize) {
        if let Some(counts) = portal_counts(text) {
            return self.problem(line, format!("this is the portal's Overview, which shows only how many redirect URIs each platform has ({counts}), not the URIs, so none was read. Open the app's Authentication page and copy its lists, or paste the output of az ad app show --id … --query \"{{web:web.redirectUris,spa:spa.redirectUris,publicClient:publicClient.redirectUris}}\""));
        }
        let unlinked = unlink(text.trim());
        if let Some(joined) = broken_uri(&unlinked) {
            return self.problem(line, broken_message(line, &unlinked, &joined));
        }
        // A trailing note: `https://x/cb   # prod`, `https://x/cb (old)`.
        let text = cut_note(unlinked.trim());
        if text.is_empty() {
            return;
        }
        // A note that says the entry is gone (`(removed)`, `# deleted 2024-03-01`).
        let note = unlinked.trim().get(text.len()..).unwrap_or_default();
        if says_removed(note) && is_uri_token(unquote(text)) {
            self.struck.push(unquote(text).to_string());
            return;
        }
        // `["…", "…"],` as a list item of code.
        let text = match text.strip_suffix([',', ';']) {
            Some(t) if t.trim_end().ends_with([']', '}']) => t.trim_end(),
            _ => text,
        };
        if let Some(inner) = text
            .strip_prefix('{')
            .and_then(|r| r.strip_suffix('}'))
            .or_else(|| text.strip_prefix('[').and_then(|r| r.strip_suffix(']')))
            // PowerShell's array literal: `@('https://a/cb', 'https://b/cb')`.
            .or_else(|| text.strip_prefix("@(").and_then(|r| r.strip_suffix(')')))
        {
            return self.list(inner, platform, line);
        }
        if text.contains('\t') {
            let cells: Vec<String> = text.split('\t').map(str::to_string).collect();
            return self.cells(&cells, platform, line);
        }
        if self.csv || (text.contains('"') && text.contains(',')) {
            let sep = if self.csv { self.csv_sep } else { ',' };
            return self.cells(&csv_cells(text, sep), platform, line);
        }
        let pieces = split_before_uris(text);
        if let [one] = pieces.as_slice() {
            let one = unquote(one);
            if !one.contains(char::is_whitespace) {
                if looks_like_uri(one) {
                    self.push(one, platform, line);
                } else if one.contains(":/") {
                    self.problem(line, format!("line {line} was not read as a URI: {one}"));
                } else if let Some(scheme) = opaque_scheme(one) {
                    // `javascript:…`, `data:…`, `mailto:…`: no `//` after the scheme, so not
                    // a redirect URI Entra takes; said, so no line vanishes unseen.
                    self.problem(line, format!("'{one}' is not a redirect URI: a {scheme}: address has no '//' after its scheme, and Entra sends the response only to https://…, http://localhost… or an app's own scheme://… address. It was not read"));
                }
                return;
            }
        }
        self.words(&pieces, platform, line);
    }

    /// A `{a, b, c...}` list: every item must be a URI. PowerShell cuts long
    /// lists at `$FormatEnumerationLimit` and ends them with `...`.
    fn list(&mut self, inner: &str, platform: Platform, line: usize) {
        let trimmed = inner.trim_end();
        let cut = trimmed
            .strip_suffix("...")
            .or_else(|| trimmed.strip_suffix('…'));
        let mut items = split_before_uris(cut.unwrap_or(trimmed));
        // `…, https://app.contoso.com/sig…}`: a column too narrow cut the last item itself, so
        // it is no URI when the URI sent starts with it. (`{a, b, c...}` of the enumeration
        // limit keeps its last item whole.)
        let partial = match (cut, items.last(), self.sent.as_deref()) {
            (Some(_), Some(last), Some(sent))
                if sent.len() > unquote(last).len() && sent.starts_with(unquote(last)) =>
            {
                items.pop().map(|p| unquote(p).to_string())
            }
            _ => None,
        };
        for item in items {
            let item = unquote(item);
            if item.is_empty() {
                continue;
            }
            // `"${local.origin}/cb"` of Terraform: a template entry (push says so).
            if is_uri_token(item) || template_expression(item).is_some() {
                self.push(item, platform, line);
            } else {
                self.problem(
                    line,
                    format!("the list item '{item}' is not a URI, so it was not read"),
                );
            }
        }
        if cut.is_some() {
            self.reg.left_out = Some(LeftOut {
                cut_item: partial.clone().filter(|p| !p.is_empty()),
            });
            let part = partial
                .filter(|p| !p.is_empty())
                .map(|p| format!(" Its last item, '{p}…', was cut in the middle and is left out: the URI the request sends may be that one."))
                .unwrap_or_default();
            self.problem(line, format!("the list ends with '...': PowerShell showed only its first items, so the URIs after them are unknown and a command built from this list would drop them.{part} Set $FormatEnumerationLimit = -1, or pipe the application to ConvertTo-Json -Depth 5, and paste again"));
        }
    }

    /// The cells of a table row (tab-separated, CSV or markdown): cells that
    /// are URIs are registered, a cell naming a platform sets the row's, other
    /// columns are skipped, and a cell with a URI among other text is reported.
    fn cells(&mut self, cells: &[String], platform: Platform, line: usize) {
        let cells: Vec<&str> = cells.iter().map(|c| unquote(c)).collect();
        // A CSV whose header names its redirect URI columns: only those are read (its other
        // columns hold the home page, logout URL, identifier URIs, …).
        let named = self.csv
            && self
                .csv_columns
                .iter()
                .any(|(_, k)| matches!(k, Label::Redirect(_)));
        let column = |k: usize| self.csv_columns.get(k).map(|(_, kind)| *kind);
        let row_platform = cells
            .iter()
            .enumerate()
            .filter(|(k, _)| !named || matches!(column(*k), Some(Label::Other)))
            .find_map(|(_, c)| platform_word(c));
        if row_platform.is_some() {
            self.reg.has_platforms = true;
        }
        let platform = row_platform.unwrap_or(platform);
        // A row of an app inventory names its application: one GUID cell starts a record, so
        // that only the request's application is read (two GUIDs, say an object ID too, are
        // ambiguous: no record).
        if let [id] = cells
            .iter()
            .filter(|c| uri::is_guid(c))
            .collect::<Vec<_>>()
            .as_slice()
        {
            self.records.push(Record {
                app_id: Some(id.to_string()),
                ..Record::default()
            });
            self.in_record = true;
        }
        if named {
            return self.named_cells(&cells, platform, line);
        }
        // A row whose status cell says the entry is gone (`| Web | https://… | removed |`).
        if cells.iter().any(|c| !c.contains("://") && says_removed(c)) {
            for c in cells.iter().filter(|c| is_uri_token(c)) {
                self.struck.push(c.to_string());
            }
            return;
        }
        for c in cells {
            // `https://a/cb;https://b/cb`: several URIs in one cell.
            let parts = split_before_uris(c);
            if parts.len() > 1 && parts.iter().all(|p| is_uri_token(unquote(p))) {
                for p in parts {
                    self.push(unquote(p), platform, line);
                }
            } else if is_uri_token(c) {
                self.push(c, platform, line);
            } else if c.contains("://") || (looks_like_uri(c) && platform_word(c).is_none()) {
                self.problem(
                    line,
                    format!("the cell '{c}' is not an absolute URI, so it was not read"),
                );
            }
        }
    }

    /// The cells of a CSV row whose header names its redirect URI columns: those columns'
    /// URIs are read, on the platform a column names (`WebRedirectUris`, `SpaRedirectUris`) or
    /// the row's; an identifier column gives the app's identifiers; the other columns are not
    /// read.
    fn named_cells(&mut self, cells: &[&str], platform: Platform, line: usize) {
        for (k, c) in cells.iter().enumerate() {
            let Some((name, kind)) = self.csv_columns.get(k).cloned() else {
                break;
            };
            match kind {
                Label::Redirect(p) if !c.is_empty() => {
                    self.reg.has_platforms |= p.is_some();
                    let platform = p.unwrap_or(platform);
                    // Several URIs in one cell: `a;b`, `a, b`, or `a b` (a redirect URI holds
                    // no space).
                    let parts: Vec<&str> = split_before_uris(c)
                        .into_iter()
                        .flat_map(str::split_whitespace)
                        .map(unquote)
                        .filter(|p| !p.is_empty())
                        .collect();
                    if is_type_name(c) {
                        // Export-Csv writes a platform object as its .NET type name.
                        self.type_names.push((name, line));
                    } else if !parts.is_empty() && parts.iter().all(|p| is_uri_token(p)) {
                        for p in parts {
                            self.push(p, platform, line);
                        }
                    } else if c.contains("://") || looks_like_uri(c) {
                        self.problem(
                            line,
                            format!(
                                "the {name} cell '{c}' is not an absolute URI, so it was not read"
                            ),
                        );
                    }
                }
                Label::NotRedirect if is_identifier_label(&name) => self.identifiers_in(c),
                _ => {}
            }
        }
    }

    /// Space-separated words: URIs, and runs of words that name a platform
    /// (`https://x/cb   Single-page application`). Any other words make the
    /// line unreadable: it is reported and nothing in it registered.
    fn words(&mut self, pieces: &[&str], platform: Platform, line: usize) {
        let mut uris: Vec<&str> = Vec::new();
        let mut row_platform = None;
        let mut unknown: Vec<String> = Vec::new();
        // `and` / `or` between URIs: `https://a/cb and https://b/cb`.
        let mut joiners: Vec<String> = Vec::new();
        for piece in pieces {
            let mut run: Vec<&str> = Vec::new();
            let mut flush = |run: &mut Vec<&str>| {
                if run.is_empty() {
                    return;
                }
                let phrase = run.join(" ");
                match platform_word(&phrase) {
                    Some(p) => row_platform = Some(p),
                    None if matches!(phrase.to_ascii_lowercase().as_str(), "and" | "or" | "&") => {
                        joiners.push(phrase)
                    }
                    None => unknown.push(phrase),
                }
                run.clear();
            };
            for w in piece.split_whitespace() {
                let w = unquote(w);
                if w.is_empty() {
                    continue;
                }
                if looks_like_uri(w) {
                    flush(&mut run);
                    uris.push(w);
                } else {
                    run.push(w);
                }
            }
            flush(&mut run);
        }
        if uris.len() < 2 {
            unknown.append(&mut joiners);
        }
        let whole = pieces.join(",");
        if uris.is_empty() {
            if whole.contains("://") {
                self.problem(
                    line,
                    format!("line {line} was not read as a URI: {}", whole.trim()),
                );
            }
            return;
        }
        // A Reply URL row of the SAML edit pane: its Index and Default columns (`… 1 ✓`).
        if self.saml_reply && uris.len() == 1 {
            unknown.retain(|w| {
                !w.split_whitespace().all(|t| {
                    (t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()))
                        || matches!(t, "✓" | "✔" | "☑")
                        || SAML_COLUMNS.contains(&latin_lowercase(t).as_str())
                })
            });
        }
        if !unknown.is_empty() {
            self.problem(line, format!("this line was not read: besides a URI it holds other text ({}), so what is registered is unclear: {}", unknown.join(", "), whole.trim()));
            return;
        }
        if row_platform.is_some() {
            self.reg.has_platforms = true;
        }
        let platform = row_platform.unwrap_or(platform);
        for u in uris {
            self.push(u, platform, line);
        }
    }

    /// A console table: its header row, the column starts of its dashes row,
    /// and its rows (the header is on line `line`). Each row is one record;
    /// the cells of columns named for redirect URIs are read, and a cell the
    /// console cut (`...`, `…`) is reported, not read.
    /// A one-column table that names no redirect URIs is no table (false).
    fn table(&mut self, header: &str, starts: &[usize], rows: &[&str], line: usize) -> bool {
        let names = table_cells(header, starts);
        let mut kinds: Vec<Label> = names.iter().map(|n| label_kind(n)).collect();
        // The table of redirect URI settings (`Index  Uri`): its Uri column is the redirect URIs.
        if kinds.iter().any(|k| matches!(k, Label::Settings)) {
            for k in kinds.iter_mut().filter(|k| matches!(k, Label::Entry)) {
                *k = Label::Redirect(None);
            }
        }
        if !kinds.iter().any(|k| matches!(k, Label::Redirect(_))) {
            if starts.len() < 2 {
                return false;
            }
            self.problem(line, format!("this table has no redirect URI column (its columns are {}), so nothing in it was read. Use az ad app show --id … --query \"{{web:web.redirectUris,spa:spa.redirectUris,publicClient:publicClient.redirectUris}}\" and paste its output", names.join(", ")));
            return true;
        }
        for (k, row) in rows.iter().enumerate() {
            let row_no = line + 2 + k;
            self.records.push(Record::default());
            self.in_record = true;
            let cells = table_cells(row, starts);
            for (cell, (kind, name)) in cells.iter().zip(kinds.iter().zip(&names)) {
                if cell.is_empty() {
                    continue;
                }
                match kind {
                    Label::Redirect(p) => {
                        let Some(platform) = p.or(self.section) else {
                            continue;
                        };
                        self.reg.has_platforms |= p.is_some();
                        let cut = cell.trim_end_matches('}');
                        if !cell.ends_with('}')
                            && (cut.ends_with("...") || cut.ends_with('\u{2026}'))
                        {
                            self.reg.left_out.get_or_insert(LeftOut { cut_item: None });
                            self.problem(row_no, format!("the {name} cell '{cell}' was cut by the table to fit the console, so the URIs in it were not read. Use -o json (az) or Format-List / ConvertTo-Json -Depth 5 (PowerShell) and paste again"));
                        } else {
                            self.text(cell, platform, row_no);
                        }
                    }
                    _ => self.property(name, cell, row_no),
                }
            }
        }
        self.records.push(Record::default());
        self.in_record = false;
        true
    }

    /// A line that may continue the URI `k`, which ended the line before (a terminal or a mail
    /// wrapped it): joined when the evidence says so (joined, it is the URI the request sends; or
    /// the line holds no space, is no URI or setting by itself and goes on with a path, query or
    /// escape), and said. A piece of a URI that is not joined is reported, not dropped. False
    /// when the line is for the general reader.
    fn wrapped(&mut self, k: usize, line: &str, line_no: usize, sent: Option<&str>) -> bool {
        // A quoted mail (`> `) quotes the wrapped line too.
        let tail = line
            .trim_start_matches(['>', ' ', '\t'])
            .trim_end_matches([',', ';']);
        let Some(head) = self.reg.uris.get(k).map(|u| u.uri.clone()) else {
            return false;
        };
        if tail.is_empty() || tail.contains("://") || !tail.bytes().all(is_uri_byte) {
            return false;
        }
        let joined = format!("{head}{tail}");
        let is_sent = sent.is_some_and(|s| s == joined);
        let other = heading_platform(tail).is_some()
            || is_noise(tail)
            || property_line(tail).is_some()
            || looks_like_uri(tail);
        let why = if is_sent {
            "joined, they are the redirect URI the request sends".to_string()
        } else if !other && tail.contains(['/', '?', '#', '&', '%']) {
            format!("line {line_no} ('{tail}') is no URI by itself and goes on with the URI's path or query, without a space")
        } else {
            if !other && tail.contains(|c: char| !c.is_ascii_alphanumeric()) {
                self.problem(line_no, format!("line {line_no} ('{tail}') stands alone after the URI on line {}, so it was not read: if it is the end of that URI, wrapped, paste the URI on one line", line_no.saturating_sub(1)));
                return true;
            }
            return false;
        };
        if let Some(u) = self.reg.uris.get_mut(k) {
            u.uri = joined.clone();
        }
        self.reg.notes.push(ReadNote {
            code: "input.registered_unreadable",
            title: "A registered URI was read from two lines",
            message: format!("Lines {} and {line_no} were read as one URI wrapped over two lines, {joined} ({why}).", line_no.saturating_sub(1)),
            fix: "Check the joined URI against the app registration; if it does not hold it whole, paste its list again with one URI per line.",
            severity: if is_sent { Severity::Info } else { Severity::Warning },
        });
        true
    }

    /// The lines read as front-channel logout URLs, when that is not the portal's one logout
    /// URL: information, or a warning when the sent redirect URI is among them (then it is not
    /// in the list read).
    fn logout_note(&mut self, sent: Option<&str>) {
        // The sent URI itself, not a URI it is the start of (a site root sent, a logout page on
        // that site).
        let sent_there = sent.is_some_and(|s| {
            self.logout
                .iter()
                .any(|l| l.split_whitespace().any(|w| unquote(w) == s))
        });
        // The portal has one logout URL per app: that one alone is what a portal copy holds.
        if self.logout.len() < 2 && !sent_there {
            return;
        }
        self.reg.notes.push(ReadNote {
            code: "input.registered_unreadable",
            title: "Lines under a logout URL heading were read as logout URLs",
            message: format!(
                "After the front-channel logout URL heading, {}{}.",
                match self.logout.as_slice() {
                    [one] => format!("{one} was read as the logout URL, not as a redirect URI"),
                    many => format!("{} were read as logout URLs, not as redirect URIs", many.join(", ")),
                },
                if sent_there { "; the redirect URI the request sends is among them, so it is not in the list read" } else { "" }
            ),
            fix: "If a line there is a redirect URI, paste it under its platform's heading (or one URI per line without headings).",
            severity: if sent_there { Severity::Warning } else { Severity::Info },
        });
    }

    /// The entries the paste marks as removed, which were left out: said, as a warning when
    /// the sent URI is among them.
    fn struck_note(&mut self, sent: Option<&str>) {
        let mut seen = std::collections::HashSet::new();
        let struck: Vec<&str> = self
            .struck
            .iter()
            .map(String::as_str)
            .filter(|u| seen.insert(*u))
            .collect();
        let Some(first) = struck.first() else {
            return;
        };
        let sent_there = sent.is_some_and(|s| struck.contains(&s));
        let message = format!(
            "{} {} struck through or marked removed or deleted in the pasted text, so {} left out of the list read{}.",
            if struck.len() == 1 { first.to_string() } else { struck.join(", ") },
            if struck.len() == 1 { "is" } else { "are" },
            if struck.len() == 1 { "it was" } else { "they were" },
            match (sent_there, struck.len()) {
                (false, _) => "",
                (true, 1) => "; it is the redirect URI the request sends",
                (true, _) => "; the redirect URI the request sends is among them",
            }
        );
        self.reg.notes.push(ReadNote {
            code: "input.registered_unreadable",
            title: "Entries marked as removed were left out",
            message,
            fix: "If the registration still holds one of them, paste its list as it is now (the portal's Authentication page, or az ad app show --id …): a command built from this list leaves them out.",
            severity: if sent_there { Severity::Warning } else { Severity::Info },
        });
    }

    /// The URLs of a Basic SAML Configuration's other fields (Identifier, Sign on URL, Relay
    /// State), which are not Reply URLs: said, as a warning when the sent URI is among them.
    fn saml_note(&mut self, sent: Option<&str>) {
        if self.saml_other.is_empty() {
            return;
        }
        // (An Identifier that is also a Reply URL, as many apps use their ACS URL as their
        // Entity ID, is registered all the same.)
        let sent_there = sent.is_some_and(|s| {
            self.saml_other.iter().any(|(l, _)| l == s) && !self.reg.uris.iter().any(|r| r.uri == s)
        });
        let other: Vec<_> = self
            .saml_other
            .iter()
            .filter(|(_, f)| *f != ENTRA_OWN)
            .collect();
        if other.len() < self.saml_other.len() {
            let mut own: Vec<&str> = Vec::new();
            for (l, _) in self.saml_other.iter().filter(|(_, f)| *f == ENTRA_OWN) {
                if !own.contains(&l.as_str()) {
                    own.push(l);
                }
            }
            self.reg.notes.push(ReadNote {
                code: "input.registered_unreadable",
                title: "Entra's own addresses on the SAML page are not the app's",
                message: format!(
                    "The paste holds the SAML page's Set up card too: {} {} Entra's own endpoints (its federation metadata, Login URL, Identifier and Logout URL), which the app is configured with. They are not Reply URLs or the app's logout URL, so they are not in the list read.",
                    own.join(", "),
                    if own.len() == 1 { "is one of" } else { "are" }
                ),
                fix: "Nothing to change for them in Entra; in the app, they are the IdP's sign-in URL, entity ID and sign-out URL.",
                severity: Severity::Info,
            });
        }
        if other.is_empty() {
            return;
        }
        let read: Vec<String> = other
            .iter()
            .map(|(l, field)| format!("{l} ({field})"))
            .collect();
        self.reg.notes.push(ReadNote {
            code: "input.registered_unreadable",
            title: "URLs of the SAML configuration's other fields are not Reply URLs",
            message: format!(
                "The pasted Basic SAML Configuration names {}: Entra does not send the SAML response to them, only to a Reply URL (Assertion Consumer Service URL), so they are not in the list read{}.",
                read.join(", "),
                if sent_there { "; the reply URL the request asks for is among them, so it is not registered as a Reply URL" } else { "" }
            ),
            fix: "Add the app's Assertion Consumer Service URL under Reply URL; the Identifier is the app's Entity ID (the request's Issuer), and the Sign on URL is where a sign-in from My Apps starts.",
            severity: if sent_there { Severity::Warning } else { Severity::Info },
        });
    }

    /// The portal's Mobile and desktop card lists three suggested redirect URIs (the nativeclient
    /// page, `oauth20_desktop.srf (LiveSDK)`, `msal{client}://auth (MSAL only)`) with a tick box
    /// each, ticked or not: a copy of the card holds them either way. Said as a warning when the
    /// URI the request sends is one of them.
    fn suggestion_note(&mut self, input: &str, sent: Option<&str>) {
        let card = input.lines().any(|l| {
            let t = l.trim_end();
            t.ends_with("(LiveSDK)") || t.ends_with("(MSAL only)")
        });
        let suggested = |u: &str| {
            let l = u.to_ascii_lowercase();
            l == "https://login.microsoftonline.com/common/oauth2/nativeclient"
                || l == "https://login.live.com/oauth20_desktop.srf"
                || l.strip_prefix("msal")
                    .and_then(|r| r.strip_suffix("://auth"))
                    .is_some_and(uri::is_guid)
        };
        let Some(sent) = sent.filter(|s| card && suggested(s)) else {
            return;
        };
        if !self.reg.uris.iter().any(|u| u.uri == sent) {
            return;
        }
        self.reg.notes.push(ReadNote {
            code: "input.registered_unreadable",
            title: "The portal lists this URI as a suggestion, ticked or not",
            message: format!("The pasted Mobile and desktop applications card holds the portal's suggested redirect URIs (the lines marked LiveSDK and MSAL only, and the nativeclient page), each with a tick box. A copy of the card holds them whether they are ticked or not, so {sent}, which the request sends, may not be registered."),
            fix: "In the portal (Authentication › Mobile and desktop applications), check that its box is ticked and saved, or paste the manifest's publicClient.redirectUris.",
            severity: Severity::Warning,
        });
    }

    /// What a Terraform plan's URIs were read as.
    fn plan_note(&mut self, removed: &[String], added: &[String], sent: Option<&str>) {
        // The list read is the one the plan leaves; what Entra has now differs from it only in
        // the URIs the plan adds or removes. The request's URI among them is a warning: Entra
        // judges it otherwise until the plan is applied. Otherwise the note says how the list
        // was read (the input was read whole: no unreadable part).
        let sent_removed = sent.is_some_and(|s| removed.iter().any(|u| u == s));
        let sent_added = sent.is_some_and(|s| added.iter().any(|u| u == s));
        let pending = if sent_added {
            " The redirect URI the request sends is on a line marked '+': the plan adds it, so Entra refuses it (AADSTS50011) until the plan is applied."
        } else {
            ""
        };
        let gone = if removed.is_empty() {
            String::new()
        } else {
            let sent_gone = sent.is_some_and(|s| removed.iter().any(|u| u == s));
            let one = removed.len() == 1;
            format!(
                " {} removed by the plan and not read: {}{}.",
                if one {
                    "The URI on the line marked '-' is"
                } else {
                    "The URIs on lines marked '-' are"
                },
                removed.join(", "),
                match (sent_gone, one) {
                    (false, _) => "",
                    (true, true) => ", the redirect URI the request sends",
                    (true, false) => ", among them the redirect URI the request sends",
                }
            )
        };
        self.reg.notes.push(ReadNote {
            code: "input.registered_plan",
            title: match (sent_added, sent_removed) {
                (true, _) => "The Terraform plan adds the redirect URI the request sends: Entra refuses it until the plan is applied",
                (_, true) => "The Terraform plan removes the redirect URI the request sends",
                _ => "A Terraform plan was read as the registration it leaves",
            },
            message: format!("This is a Terraform plan: the redirect URIs read are those it leaves registered once applied (lines marked '+' and unchanged ones).{gone} Until the plan is applied, Entra still has the URIs it removes and not those it adds.{pending}"),
            fix: "To judge the registration in force now, paste it (az ad app show --id … --query \"{web:web.redirectUris,spa:spa.redirectUris,publicClient:publicClient.redirectUris}\"); to keep a URI the plan removes, put it back in the Terraform configuration.",
            // Entra has what the plan adds once it is applied, not before: the request's URI is
            // refused now. One the plan removes still works until then, and stops after.
            severity: match (sent_added, sent_removed) {
                (true, _) => Severity::Error,
                (_, true) => Severity::Warning,
                _ => Severity::Info,
            },
        });
    }

    /// The `uri:` items of redirect URI settings: each is a redirect URI, the same one as in
    /// the redirectUris list when that is there too (read once). Outside such settings a `uri:`
    /// holding a URI is reported, not read.
    fn settings_entries(&mut self) {
        for (label, value, platform, line, record) in std::mem::take(&mut self.entries) {
            let uri = unquote(&value);
            if self.reg.uris.iter().any(|u| u.uri == uri) {
                continue;
            }
            if self.settings && is_uri_token(uri) {
                self.reg.uris.push(Registration {
                    uri: uri.to_string(),
                    platform,
                    line,
                });
                self.record_of.push(record);
            } else {
                self.problem(line, format!("'{label}' is not a redirect URI property, so this line was not read: {label} : {value}"));
            }
        }
    }

    /// One problem for all the properties that show only a type name.
    fn type_names_problem(&mut self) {
        let Some((first, line)) = self.type_names.first().cloned() else {
            return;
        };
        let n = self.type_names.len();
        let labels: Vec<&str> = self.type_names.iter().map(|(l, _)| l.as_str()).collect();
        let mut lines: Vec<String> = self.type_names.iter().map(|(_, l)| l.to_string()).collect();
        lines.dedup();
        let (what, them) = if n == 1 {
            (
                format!("{first} (line {line}) shows only its type name, not its URIs"),
                "it",
            )
        } else {
            let (last, rest) = labels.split_last().unwrap_or((&"", &[]));
            // One row of a CSV export holds them all.
            let at = match lines.as_slice() {
                [one] => format!("line {one}"),
                _ => format!("{n} lines: {}", lines.join(", ")),
            };
            (
                format!(
                    "{} and {last} ({at}) show only their type names, not their URIs",
                    rest.join(", "),
                ),
                "them",
            )
        };
        self.problem(line, format!("{what}. Expand {them}, e.g. (Get-MgApplication -Filter \"appId eq '…'\").{first} | Format-List, or pipe the application to ConvertTo-Json -Depth 5"));
    }

    /// Several Web platform objects with redirect URIs and no AppId (`Get-MgApplication | Select
    /// -ExpandProperty Web` over several applications): one application has one, so they are
    /// several applications, and none is named.
    fn several_web_objects(&mut self) {
        // A set, not a scan per object: an export can hold thousands.
        let read: std::collections::HashSet<&usize> = self.record_of.iter().collect();
        let with_uris = self.web_objects.iter().filter(|w| read.contains(w)).count();
        if with_uris < 2 {
            return;
        }
        self.reg.uris.clear();
        self.record_of.clear();
        self.problem(1, format!("this holds {with_uris} Web platform objects (HomePageUrl, ImplicitGrantSettings, RedirectUris), one per application, as Select -ExpandProperty Web prints them for several applications; none names its application (no AppId), so none of their redirect URIs were compared. Expand only the request's application: (Get-MgApplication -Filter \"appId eq '…'\").Web | Format-List"));
    }

    /// Several PowerShell records with different AppIds: keep the one whose
    /// AppId is the request's client_id, or none.
    fn pick_record(&mut self, client_id: Option<&str>) {
        // A set, not a scan of the list: a pasted export can hold thousands of records.
        let mut distinct: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut ids: Vec<&str> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for r in &self.records {
            if let Some(id) = r.app_id.as_deref() {
                if distinct.insert(id.to_ascii_lowercase()) {
                    ids.push(id);
                    seen.push(match &r.name {
                        Some(name) => format!("'{name}' (appId {id})"),
                        None => format!("appId {id}"),
                    });
                }
            }
        }
        if let [one] = ids.as_slice() {
            self.reg.app_id = Some(one.to_string());
            return;
        }
        if ids.len() < 2 {
            return self.several_web_objects();
        }
        let wanted = client_id.map(str::trim).filter(|c| !c.is_empty());
        let chosen: Option<usize> = wanted.and_then(|w| {
            self.records.iter().position(|r| {
                r.app_id
                    .as_deref()
                    .is_some_and(|id| id.eq_ignore_ascii_case(w))
            })
        });
        match chosen {
            Some(i) => {
                let chosen_id = self.records[i].app_id.clone();
                let keep: Vec<bool> = self
                    .records
                    .iter()
                    .map(|r| {
                        r.app_id.as_deref().map(str::to_ascii_lowercase)
                            == chosen_id.as_deref().map(str::to_ascii_lowercase)
                    })
                    .collect();
                let mut n = 0;
                let record_of = &self.record_of;
                self.reg.uris.retain(|_| {
                    let k = record_of
                        .get(n)
                        .and_then(|r| keep.get(*r))
                        .copied()
                        .unwrap_or(false);
                    n += 1;
                    k
                });
                self.reg.created = self.records[i].created.clone();
                if let Some(a) = self.records[i].audience {
                    self.reg.audience = a;
                }
                self.reg.app_id = chosen_id;
            }
            None => {
                let message = several_apps(&seen, wanted, 0);
                self.reg.uris.clear();
                self.problem(1, message);
            }
        }
    }
}

/// The start (in chars) of each column of a console table's dashes row
/// (`-----------  -----  ------------`), or None for any other line.
fn dash_columns(line: &str) -> Option<Vec<usize>> {
    let t = line.trim_end();
    if !t.contains("---") || !t.chars().all(|c| c == '-' || c == ' ') {
        return None;
    }
    let chars: Vec<char> = t.chars().collect();
    let starts: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i] == '-' && (i == 0 || chars[i - 1] == ' '))
        .collect();
    Some(starts)
}

/// The cells of a console table row split at the column starts. A cell that
/// overflows its column pushes the next one to the next word start.
fn table_cells(row: &str, starts: &[usize]) -> Vec<String> {
    let chars: Vec<char> = row.chars().collect();
    let mut bounds: Vec<usize> = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let mut b = s.min(chars.len());
        if k > 0 {
            b = b.max(bounds[k - 1]);
            while b < chars.len() && b > 0 && !chars[b - 1].is_whitespace() {
                b += 1;
            }
        }
        bounds.push(b);
    }
    (0..bounds.len())
        .map(|k| {
            let end = bounds.get(k + 1).copied().unwrap_or(chars.len());
            chars[bounds[k]..end.max(bounds[k])]
                .iter()
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect()
}

fn read_lines(input: &str, client_id: Option<&str>, sent: Option<&str>) -> Registered {
    let mut r = LineReader {
        reg: Registered::default(),
        section: Some(Platform::Unknown),
        csv: false,
        csv_sep: ',',
        csv_columns: Vec::new(),
        records: Vec::new(),
        record_of: Vec::new(),
        in_record: false,
        type_names: Vec::new(),
        app_setting: None,
        from_setting: Vec::new(),
        settings: false,
        spring_yaml: false,
        entries: Vec::new(),
        logout: Vec::new(),
        saml_field: None,
        saml_reply: false,
        saml_other: Vec::new(),
        saml_card: false,
        sent: sent.map(str::to_string),
        type_line: None,
        web_object: None,
        not_list: None,
        indent: 0,
        struck: Vec::new(),
        web_objects: Vec::new(),
        card: None,
    };
    let mut lines: Vec<&str> = input.lines().collect();
    // A Terraform plan: what it removes (`- "https://…",`) is not what it leaves registered, so
    // those lines are read as blank; the other change markers (`+`, `~`, `-/+`) become spaces.
    let plan = is_terraform_plan(&lines);
    let mut removed: Vec<String> = Vec::new();
    // The URIs on lines the plan marks as added or changed.
    let mut added: Vec<String> = Vec::new();
    let mut changed = false;
    let unmarked: Vec<String>;
    if plan {
        unmarked = lines
            .iter()
            .map(|l| match plan_change(l) {
                (true, rest) => {
                    let uri = unquote(clean_line(rest));
                    if uri.contains("://") && !uri.contains(char::is_whitespace) {
                        removed.push(uri.to_string());
                    }
                    String::new()
                }
                (false, rest) => {
                    if rest.len() != l.len() && rest.contains("://") {
                        changed = true;
                        added.extend(
                            rest.split(|c: char| {
                                c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '[' | ']')
                            })
                            .filter(|t| t.contains("://"))
                            .map(str::to_string),
                        );
                    }
                    format!("{}{rest}", " ".repeat(l.len() - rest.len()))
                }
            })
            .collect();
        lines = unmarked.iter().map(String::as_str).collect();
    }
    let mut i = 0;
    let mut block_end: Option<usize> = None;
    // The number of URIs before the previous line, and that line: a URI it ended with may
    // continue on this one.
    let mut prev: (usize, &str) = (0, "");
    // The last line that is not blank: a validation message of the portal speaks of it.
    let mut last_line = 0;
    // Inside the portal's MSAL configuration snippet: its nesting depth.
    let mut snippet: Option<usize> = None;
    while let Some(raw_line) = lines.get(i).copied() {
        i += 1;
        let line_no = i;
        if let Some(depth) = snippet {
            // A platform heading ends it, whatever its brackets left open.
            snippet =
                snippet_depth(raw_line, depth).filter(|_| heading_platform(raw_line).is_none());
            if snippet.is_some() {
                continue;
            }
        }
        if is_snippet_heading(raw_line) {
            snippet = Some(0);
            continue;
        }
        if raw_line.trim().is_empty() {
            if r.in_record {
                r.records.push(Record::default());
                r.in_record = false;
            }
            prev = (r.reg.uris.len(), "");
            continue;
        }
        r.indent = raw_line.len() - raw_line.trim_start().len();
        if let Some(list) = r.not_list {
            if r.not_list_line(list, raw_line) {
                prev = (r.reg.uris.len(), "");
                continue;
            }
            r.not_list = None;
        }
        let ended = r.reg.uris.len().checked_sub(1).filter(|&k| {
            k >= prev.0
                && r.reg
                    .uris
                    .get(k)
                    .is_some_and(|u| prev.1.trim_end().ends_with(u.uri.as_str()))
        });
        let entry = last_line;
        last_line = line_no;
        prev = (r.reg.uris.len(), raw_line);
        if portal_refusal(raw_line) {
            r.refused(entry, line_no, raw_line);
            continue;
        }
        if let Some(k) = ended {
            if r.wrapped(k, raw_line.trim(), line_no, sent) {
                prev.0 = k;
                continue;
            }
        }
        if r.card_line(raw_line, line_no) {
            continue;
        }
        // The common line, one bare URI (`https://app.contoso.com/cb`), is registered at once:
        // none of the forms below (headings, tables, properties, bullets, notes, links, quotes,
        // lists, cells) can start with a scheme and hold only these characters.
        if !r.csv
            && r.section.is_some()
            && is_bare_uri(raw_line.trim())
            && !raw_line.trim_end().ends_with('.')
        {
            let platform = r.section.unwrap_or(Platform::Unknown);
            r.push(raw_line.trim(), platform, line_no);
            continue;
        }
        if let Some(starts) = lines.get(i).and_then(|l| dash_columns(l)) {
            if !raw_line.contains("://") {
                // A console table: `az … -o table`, PowerShell Format-Table.
                // The end of the block of lines after it; lines of one block share it, so it
                // is looked for once per block (per line was quadratic in a block of rules).
                let mut end = block_end.filter(|&e| e > i).unwrap_or(i + 1);
                while lines.get(end).is_some_and(|l| !l.trim().is_empty()) {
                    end += 1;
                }
                block_end = Some(end);
                if r.table(raw_line, &starts, &lines[i + 1..end], line_no) {
                    i = end;
                    continue;
                }
            }
        }
        if let Some(field) = saml_heading(raw_line) {
            // Basic SAML Configuration: its Reply URLs are the app's Web redirect URIs; its
            // other fields hold URLs that are not.
            r.section = field.is_none().then_some(Platform::Web);
            r.saml_field = field;
            r.saml_reply = field.is_none();
            r.saml_card = true;
            r.reg.has_platforms |= field.is_none();
            continue;
        }
        if let Some(p) = expanded_platform(raw_line) {
            r.end_card();
            r.card = None;
            r.section = Some(p);
            r.reg.has_platforms = true;
            r.reg.shown.push(p);
            continue;
        }
        if let Some(h) = heading_platform(raw_line) {
            let card = match raw_line.trim().to_ascii_lowercase().as_str() {
                "android" => Some("Android"),
                "ios / macos" | "ios/macos" | "ios" | "macos" => Some("iOS / macOS"),
                "mobile and desktop applications" | "mobile and desktop application" => {
                    Some("Mobile and desktop applications")
                }
                _ => None,
            };
            if let Some(c) = card.filter(|c| !r.reg.public_cards.contains(c)) {
                r.reg.public_cards.push(c);
            }
            r.end_card();
            r.card = card
                .filter(|c| *c != "Mobile and desktop applications")
                .map(|c| Card {
                    android: c == "Android",
                    before: r.reg.uris.len(),
                    awaiting: None,
                    package: None,
                    hash: None,
                    bundle: None,
                });
            r.section = h;
            r.saml_field = None;
            r.saml_reply = false;
            r.reg.has_platforms |= h.is_some();
            r.reg.shown.extend(h);
            continue;
        }
        let trimmed = raw_line.trim();
        if let Some(row) = trimmed.strip_prefix('|') {
            // A markdown table row: | Web | https://x/cb |
            let cells: Vec<String> = row
                .trim_end_matches('|')
                .split('|')
                .map(str::to_string)
                .collect();
            if let Some(platform) = r.section {
                r.cells(&cells, platform, line_no);
            }
            continue;
        }
        // The portal's Overview (Essentials) copies each label on a line of its own, its value
        // on the next after a colon (`Application ID URI` / `: api://…`), or on the one after.
        if let Some(label) = bare_label(raw_line) {
            let colon = lines.get(i).and_then(|n| {
                n.trim()
                    .strip_prefix(':')
                    .filter(|v| v.is_empty() || v.starts_with([' ', '\t']))
            });
            if let Some(rest) = colon {
                i += 1;
                let mut value = rest.trim();
                if value.is_empty() {
                    value = lines.get(i).map_or("", |v| v.trim());
                    i += 1;
                }
                r.property(label, value, line_no);
                continue;
            }
            // An ID's label then the GUID alone on the next line.
            let id = lines.get(i).map(|n| n.trim()).filter(|n| uri::is_guid(n));
            if let (Some(id), Label::AppId | Label::ObjectId) = (id, label_kind(label)) {
                i += 1;
                r.property(label, id, line_no);
                continue;
            }
            // `Application ID URI` then its value alone: the portal's own labels only, not a
            // heading of the user's that holds one of their words ("Support portal").
            if is_portal_url_label(label) {
                r.not_list = Some(NotList {
                    identifiers: is_identifier_label(label),
                    shape: ListShape::One,
                });
                continue;
            }
        }
        if let Some((label, value, column)) = property_line(raw_line) {
            let mut value = value.to_string();
            while let Some(next) = lines.get(i).filter(|l| is_continuation(l, column)) {
                let cont = next[column..].trim_end();
                if value.ends_with(',') {
                    value.push(' ');
                }
                value.push_str(cont);
                i += 1;
            }
            r.property(label, &value, line_no);
            continue;
        }
        if !raw_line.contains("://") {
            let aud = Audience::parse(raw_line);
            if aud != Audience::Unknown {
                r.reg.audience = aud;
                continue;
            }
            // A CSV header naming a URI column: Type,Redirect URI,Enabled (or `;` between them,
            // as spreadsheets in locales with a decimal comma save it).
            let l = raw_line.to_ascii_lowercase();
            // (Two `;` cells, a platform and a URI, are read as words already: a `;` is no
            // URI character, so `SPA;https://…` splits there.)
            // A quoted header (Export-Csv) may name its columns by platform alone (`"Web"`).
            let quoted = trimmed.starts_with('"');
            let sep = [',', ';'].into_iter().find(|&sep| {
                let cells = csv_cells(&l, sep);
                (sep == ',' || cells.len() > 2)
                    && l.contains(sep)
                    && cells.iter().any(|c| {
                        c.contains("uri")
                            || c.contains("url")
                            || (quoted && matches!(label_kind(c), Label::Redirect(_)))
                    })
            });
            if let Some(sep) = sep {
                r.csv = true;
                r.csv_sep = sep;
                r.csv_columns = csv_cells(trimmed, sep)
                    .iter()
                    .map(|c| {
                        let name = unquote(c).to_string();
                        let kind = label_kind(&name);
                        (name, kind)
                    })
                    .collect();
                continue;
            }
        }
        // A block's opening line (`resource app '…@v1.0' = {`, `web {`) holds no URI.
        if is_noise(raw_line) || (trimmed.ends_with('{') && !trimmed.contains("://")) {
            continue;
        }
        // Markdown's strikethrough (`- ~~https://old/cb~~`): an entry struck out as removed.
        let struck = strip_bullet(raw_line)
            .trim_end_matches([',', ';'])
            .strip_prefix("~~")
            .and_then(|r| r.strip_suffix("~~"))
            .map(unquote)
            .filter(|u| is_uri_token(u));
        if let Some(u) = struck {
            r.struck.push(u.to_string());
            continue;
        }
        let cleaned = clean_line(raw_line);
        let (platform, text) = match prefixed(cleaned) {
            Some((p, rest)) => {
                r.reg.has_platforms = true;
                (Some(p), rest)
            }
            None => (r.section, cleaned),
        };
        let Some(platform) = platform else {
            // Inside a logout-URL section: said, so a redirect URI under a stray heading is
            // never dropped unseen.
            let value = text.trim();
            // An Identifier need not be a URL (urn:…, a bare name). The edit pane's table adds
            // its Index and Default columns after a tab: the value is the first cell, and the
            // heading row's first cell is empty.
            let first_cell = text.split('\t').next().unwrap_or("").trim();
            // Copied with its columns padded by spaces (`https://…      ✓`).
            let first_cell = match first_cell.split_once("  ") {
                Some((cell, _)) => cell.trim(),
                None => first_cell,
            };
            let column_heading = text
                .split('\t')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .all(|c| SAML_COLUMNS.contains(&latin_lowercase(c).as_str()));
            if r.saml_field == Some(SAML_IDENTIFIER)
                && !first_cell.is_empty()
                && !first_cell.contains(char::is_whitespace)
                && !column_heading
            {
                r.reg.identifiers.push(first_cell.to_string());
            }
            if text.contains("://") {
                match r.saml_field {
                    Some(field) if first_cell.contains("://") => {
                        r.saml_other.push((first_cell.to_string(), field))
                    }
                    Some(field) => r.saml_other.push((value.to_string(), field)),
                    // A copy of the whole SAML page: its Set up card lists Entra's own
                    // addresses (Login URL, Microsoft Entra Identifier, Logout URL), which are
                    // neither the app's logout URL nor a Reply URL.
                    None if r.saml_card && entra_endpoint(value) => {
                        r.saml_other.push((value.to_string(), ENTRA_OWN))
                    }
                    None => r.logout.push(value.to_string()),
                }
            }
            continue;
        };
        r.text(text, platform, line_no);
    }
    r.end_card();
    r.logout_note(sent);
    r.struck_note(sent);
    r.saml_note(sent);
    r.suggestion_note(input, sent);
    if plan && (changed || !removed.is_empty()) {
        r.plan_note(&removed, &added, sent);
    }
    r.settings_entries();
    r.type_names_problem();
    // An app's sign-in configuration (msalConfig, appsettings): its redirectUri is what the app
    // sends, not a registration.
    if let Some((what, line)) = r.app_setting.take() {
        if r.reg.uris.len() == r.from_setting.len() {
            r.reg.uris.clear();
            r.record_of.clear();
            r.problem(line, app_config_message(&what));
        }
    }
    merge_problems(&mut r.reg.problems);
    r.pick_record(client_id);
    r.reg
}

/// True for `terraform plan` output: its summary lines (`# x will be updated in-place`,
/// `Terraform will perform the following actions:`, `Plan: 0 to add, 1 to change, …`) or a
/// resource with a change marker (`~ resource "azuread_application" "x" {`).
fn is_terraform_plan(lines: &[&str]) -> bool {
    lines.iter().any(|l| {
        let t = l.trim();
        (t.starts_with("# ")
            && [" will be ", " must be replaced"]
                .iter()
                .any(|w| t.contains(w)))
            || t.starts_with("Terraform will perform")
            || (t.starts_with("Plan: ") && t.contains(" to add"))
            || ["~ ", "-/+ ", "+/- "].iter().any(|m| {
                t.strip_prefix(m)
                    .is_some_and(|r| r.starts_with("resource \""))
            })
    })
}

/// A line of a Terraform plan without its change marker, and whether the plan removes it (`-`).
fn plan_change(line: &str) -> (bool, &str) {
    let t = line.trim_start();
    for marker in ["-/+ ", "+/- ", "+ ", "~ "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return (false, rest);
        }
    }
    match t.strip_prefix("- ") {
        Some(rest) => (true, rest),
        None => (false, line),
    }
}

/// A line that is one URI and nothing else: a scheme, `://`, then only unreserved, percent,
/// and the delimiters `/ ? # @ : & = + ~ . - _` (nothing a list, note, link, quote or cell uses;
/// and a `web:`/`spa:` prefix is not followed by `//`).
fn is_bare_uri(t: &str) -> bool {
    let Some(n) = scheme_len(t) else {
        return false;
    };
    t.get(n..).is_some_and(|rest| rest.starts_with("//")) && t.bytes().all(is_uri_byte)
}

/// A byte of a bare URI line (see [`is_bare_uri`]).
fn is_uri_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'/' | b'?'
                | b'#'
                | b'@'
                | b':'
                | b'&'
                | b'='
                | b'+'
                | b'~'
                | b'.'
                | b'-'
                | b'_'
                | b'%'
        )
}

/// Problems with the same message become one, at the first line, that
/// names the other lines.
fn merge_problems(problems: &mut Vec<ReadProblem>) {
    let mut merged: Vec<(ReadProblem, Vec<usize>)> = Vec::new();
    // Indexed by message: a list of 40,000 distinct problems is merged in linear time.
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for p in problems.drain(..) {
        match index.get(&p.message) {
            Some(&k) => {
                if let Some((_, lines)) = merged.get_mut(k) {
                    lines.push(p.line);
                }
            }
            None => {
                index.insert(p.message.clone(), merged.len());
                merged.push((p, Vec::new()));
            }
        }
    }
    problems.extend(merged.into_iter().map(|(mut p, more)| {
        if !more.is_empty() {
            let all: Vec<String> = std::iter::once(p.line)
                .chain(more.iter().copied())
                .map(|l| l.to_string())
                .collect();
            p.message = format!(
                "{} (the same on {} lines: {})",
                p.message,
                all.len(),
                all.join(", ")
            );
        }
        p
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the whole SAML page: the Set up card's Entra addresses (metadata, Login URL,
    /// Identifier, its Logout URL under the same heading as the app's) are said as Entra's,
    /// not as the app's logout URLs; the app's own logout URL still is.
    #[test]
    fn the_saml_pages_entra_addresses_are_not_the_apps() {
        let tid = "8f3c2a1e-5b6d-4e7f-9a0b-1c2d3e4f5a6b";
        let page = format!("Basic SAML Configuration\nIdentifier (Entity ID)\nhttps://wiki.contoso.com\nReply URL (Assertion Consumer Service URL)\nhttps://wiki.contoso.com/acs\nLogout Url (Optional)\nhttps://wiki.contoso.com/logout\n3\nSAML Certificates\nApp Federation Metadata Url\nhttps://login.microsoftonline.com/{tid}/federationmetadata/2007-06/federationmetadata.xml\n4\nSet up Contoso Wiki\nLogin URL\nhttps://login.microsoftonline.com/{tid}/saml2\nMicrosoft Entra Identifier\nhttps://sts.windows.net/{tid}/\nLogout URL\nhttps://login.microsoftonline.com/{tid}/saml2\n");
        let r = read_for(&page, None, Some("https://wiki.contoso.com/acs"));
        assert_eq!(uris(&r), ["https://wiki.contoso.com/acs"]);
        assert_eq!(r.identifiers, ["https://wiki.contoso.com"]);
        let own = r
            .notes
            .iter()
            .find(|n| n.title.starts_with("Entra's own"))
            .expect("Entra's addresses said");
        assert_eq!(
            own.message.matches("/saml2").count(),
            1,
            "one address once: {}",
            own.message
        );
        assert!(own.message.contains("https://sts.windows.net/"));
        let logout = r
            .notes
            .iter()
            .find(|n| n.title.contains("logout"))
            .map(|n| n.message.as_str())
            .unwrap_or_default();
        assert!(!logout.contains("login.microsoftonline.com"), "{logout}");
    }

    /// A SAML app's Basic SAML Configuration: only its Reply URLs are registered redirect URIs;
    /// the Identifier and Sign on URL are said, not read. A sentence naming the field is no
    /// heading.
    #[test]
    fn basic_saml_configuration_reads_only_its_reply_urls() {
        let card = "Basic SAML Configuration\nIdentifier (Entity ID)\nhttps://wiki.contoso.com\nReply URL (Assertion Consumer Service URL)\nhttps://wiki.contoso.com/acs\nSign on URL\nhttps://wiki.contoso.com/login.jsp\nRelay State (Optional)\nOptional\nLogout Url (Optional)\nhttps://wiki.contoso.com/logout\n";
        let r = read_for(card, None, Some("https://wiki.contoso.com/login.jsp"));
        assert_eq!(uris(&r), ["https://wiki.contoso.com/acs"]);
        assert_eq!(r.on(Platform::Web), ["https://wiki.contoso.com/acs"]);
        assert_eq!(r.identifiers, ["https://wiki.contoso.com"]);
        let note = r
            .notes
            .iter()
            .find(|n| n.title.contains("SAML"))
            .expect("a note");
        assert_eq!(note.severity, Severity::Warning);
        assert!(
            note.message
                .contains("https://wiki.contoso.com/login.jsp (Sign on URL)"),
            "{}",
            note.message
        );
        let prose = read(
            "Reply URL is broken on staging\nhttps://a.contoso.com/acs\nhttps://b.contoso.com/acs",
        );
        assert_eq!(
            uris(&prose),
            ["https://a.contoso.com/acs", "https://b.contoso.com/acs"]
        );
    }

    #[test]
    fn latin_lowercase_covers_the_letters_of_the_portal_s_languages() {
        assert_eq!(
            latin_lowercase("ÉCRAN Öffentliche ÀÞ×÷ Ω"),
            "écran öffentliche àþ×÷ ω"
        );
        assert_eq!(
            latin_lowercase("Одностраничное приложение Ёж"),
            "одностраничное приложение ёж"
        );
        assert_eq!(
            latin_lowercase("Single-page Application"),
            "single-page application"
        );
    }

    /// The one-URI-per-line fast path reads what the general path would: platform from the
    /// heading, line numbers, and lines with a prefix, a comma or a note still go the long way.
    #[test]
    fn bare_uri_lines_keep_their_section_and_line() {
        let reg = read("Web\nhttps://a.contoso.com/cb\nhttps://b.contoso.com/cb?x=1&y=2\nSingle-page application\nhttps://c.contoso.com/\nspa:https://d.contoso.com/\nhttps://e.contoso.com/cb,\nhttps://f.contoso.com/cb  # old");
        let got: Vec<(&str, Platform, usize)> = reg
            .uris
            .iter()
            .map(|r| (r.uri.as_str(), r.platform, r.line))
            .collect();
        assert_eq!(
            got,
            [
                ("https://a.contoso.com/cb", Platform::Web, 2),
                ("https://b.contoso.com/cb?x=1&y=2", Platform::Web, 3),
                ("https://c.contoso.com/", Platform::Spa, 5),
                ("https://d.contoso.com/", Platform::Spa, 6),
                ("https://e.contoso.com/cb", Platform::Spa, 7),
                ("https://f.contoso.com/cb", Platform::Spa, 8),
            ]
        );
        assert!(reg.problems.is_empty(), "{:?}", reg.problems);
    }

    /// A URI wrapped over two lines is joined when the evidence says so (joined it is the sent
    /// URI; or the next line is no URI or setting and goes on with a path), and the join is
    /// said; a label, a heading, a setting, a URI ended by a comma or a blank line is no wrap.
    #[test]
    fn a_uri_wrapped_over_two_lines_is_joined_and_said() {
        const LONG: &str = "https://contoso-portal-prod-westeurope-001.azurewebsites.net/authentication/signin-oidc";
        let wrapped = "https://contoso-portal-prod-westeurope-001.azurewebsites.net/authenticati\non/signin-oidc\nhttps://localhost:5001/signin-oidc";
        for sent in [Some(LONG), None] {
            let r = read_for(wrapped, None, sent);
            assert_eq!(uris(&r), [LONG, "https://localhost:5001/signin-oidc"]);
            assert!(r.problems.is_empty(), "{:?}", r.problems);
            assert_eq!(r.notes.len(), 1);
            assert!(r.notes[0]
                .message
                .contains("Lines 1 and 2 were read as one URI"));
        }
        let r = read(
            "> https://a.contoso.com/authenticati\n> on/signin-oidc\n> https://b.contoso.com/",
        );
        assert_eq!(
            uris(&r),
            [
                "https://a.contoso.com/authentication/signin-oidc",
                "https://b.contoso.com/"
            ]
        );
        // A bare word continues a URI only when, joined, it is the sent one.
        let r = read_for(
            "https://a.contoso.com/\ncb",
            None,
            Some("https://a.contoso.com/cb"),
        );
        assert_eq!(uris(&r), ["https://a.contoso.com/cb"]);
        assert!(r.notes[0]
            .message
            .contains("the redirect URI the request sends"));
        // Near misses: a label, a heading, a setting, a scheme-less URI, a comma, a blank line.
        for (text, want) in [
            ("https://a.contoso.com/cb\nstaging\nhttps://b.contoso.com/cb", vec!["https://a.contoso.com/cb", "https://b.contoso.com/cb"]),
            ("https://a.contoso.com/cb\nSPA\nhttps://b.contoso.com/", vec!["https://a.contoso.com/cb", "https://b.contoso.com/"]),
            ("RedirectUri=https://a.contoso.com/cb\nTenantId=72f988bf-86f1-41af-91ab-2d7cd011db47", vec!["https://a.contoso.com/cb"]),
            ("https://a.contoso.com/cb\nb.contoso.com/cb", vec!["https://a.contoso.com/cb", "b.contoso.com/cb"]),
            ("https://a.contoso.com/x,\non/cb", vec!["https://a.contoso.com/x"]),
            ("https://a.contoso.com/x\n\non/cb", vec!["https://a.contoso.com/x"]),
        ] {
            let r = read_for(text, None, Some("https://a.contoso.com/xon/cb"));
            assert_eq!(uris(&r), want, "{text}");
            assert!(r.notes.is_empty(), "{text}: {:?}", r.notes);
        }
        assert_eq!(
            read("https://a.contoso.com/cb\nSPA\nhttps://b.contoso.com/").on(Platform::Spa),
            ["https://b.contoso.com/"]
        );
        // A piece of a URI left alone after one is reported, not dropped.
        let r = read("https://a.contoso.com/\nsignin-oidc");
        assert_eq!(uris(&r), ["https://a.contoso.com/"]);
        assert!(
            r.problems[0]
                .message
                .contains("line 2 ('signin-oidc') stands alone after the URI on line 1"),
            "{:?}",
            r.problems
        );
    }

    /// A Terraform plan is read as the registration it leaves: its '-' lines are removed, its
    /// '+' and unchanged ones kept, and a note says so; '-' and '+' bullets of a list are no plan.
    #[test]
    fn a_terraform_plan_is_read_as_what_it_leaves() {
        let plan = "  # azuread_application.portal will be updated in-place\n  ~ resource \"azuread_application\" \"portal\" {\n        id = \"/applications/3b5e2d0c-1f2a-4b3c-8d9e-0a1b2c3d4e5f\"\n\n      ~ web {\n          ~ redirect_uris = [\n                \"https://app.contoso.com/signin-oidc\",\n              - \"https://staging.contoso.com/signin-oidc\",\n              + \"https://staging2.contoso.com/signin-oidc\",\n            ]\n        }\n    }\n\nPlan: 0 to add, 1 to change, 0 to destroy.\n";
        let r = read_for(plan, None, Some("https://staging.contoso.com/signin-oidc"));
        assert_eq!(
            r.on(Platform::Web),
            [
                "https://app.contoso.com/signin-oidc",
                "https://staging2.contoso.com/signin-oidc"
            ]
        );
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.notes.len(), 1);
        let m = &r.notes[0].message;
        assert!(m.contains("removed by the plan and not read: https://staging.contoso.com/signin-oidc, the redirect URI the request sends"), "{m}");
        assert_eq!(r.notes[0].severity, Severity::Warning);
        // The request's URI left as it is: the note only says how the list was read (no
        // unreadable part, so an exact match is accepted); one the plan adds is not in force yet.
        let unchanged = read_for(plan, None, Some("https://app.contoso.com/signin-oidc"));
        assert_eq!(unchanged.notes[0].severity, Severity::Info);
        let added = read_for(plan, None, Some("https://staging2.contoso.com/signin-oidc"));
        assert_eq!(added.notes[0].severity, Severity::Error);
        assert_eq!(added.notes[0].code, "input.registered_plan");
        assert!(
            added.notes[0].message.contains("the plan adds it"),
            "{}",
            added.notes[0].message
        );
        // A list with '-' and '+' bullets is read whole.
        let r = read(
            "- https://a.contoso.com/cb\n+ https://b.contoso.com/cb\n~ https://c.contoso.com/cb",
        );
        assert_eq!(
            uris(&r),
            [
                "https://a.contoso.com/cb",
                "https://b.contoso.com/cb",
                "https://c.contoso.com/cb"
            ]
        );
        assert!(r.notes.is_empty());
    }

    /// Redirect URI settings (`uri:` items under redirectUriSettings in YAML, PowerShell's
    /// Index/Uri table or list) are redirect URIs, read once when redirectUris holds them too; a
    /// `Url` without such settings (a home page) is not.
    #[test]
    fn reads_redirect_uri_settings() {
        let yaml = "appId: 6731de76-14a6-49ae-97bc-6eba6914391e\nspa:\n  redirectUris:\n  - https://spa.contoso.com/\nweb:\n  logoutUrl: https://app.contoso.com/logout\n  redirectUriSettings:\n  - index: null\n    uri: https://app.contoso.com/signin-oidc\n  redirectUris:\n  - https://app.contoso.com/signin-oidc\n";
        let r = read(yaml);
        assert_eq!(r.on(Platform::Web), ["https://app.contoso.com/signin-oidc"]);
        assert_eq!(r.on(Platform::Spa), ["https://spa.contoso.com/"]);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        for text in [
            "\nIndex Uri\n----- ---\n      https://app.contoso.com/signin-oidc\n      https://localhost:5001/signin-oidc\n",
            "Index :\nUri   : https://app.contoso.com/signin-oidc\n\nIndex :\nUri   : https://localhost:5001/signin-oidc\n",
        ] {
            let r = read(text);
            assert_eq!(uris(&r), ["https://app.contoso.com/signin-oidc", "https://localhost:5001/signin-oidc"], "{text}");
            assert!(r.problems.is_empty(), "{:?}", r.problems);
        }
        // Near misses: a URL that is no redirect URI setting.
        let r = read("Name   : Contoso Portal\nUrl    : https://app.contoso.com/\n");
        assert!(r.uris.is_empty());
        assert!(r.problems[0]
            .message
            .contains("'Url' is not a redirect URI property"));
        let r = read("Name            Url\n--------------  -----------------------\nContoso Portal  https://app.contoso.com/\n");
        assert!(r.uris.is_empty());
        assert!(r.problems[0].message.contains("no redirect URI column"));
    }

    /// An app inventory (Excel cells, CSV): each row's application ID makes it a record, so only
    /// the request's application is read, and URIs joined by ';' in one cell are each read.
    #[test]
    fn an_app_inventory_is_narrowed_to_the_client_id() {
        const ID: &str = "6731de76-14a6-49ae-97bc-6eba6914391e";
        let tsv = format!("Name\tApplication ID\tPlatform\tRedirect URI\nContoso Portal\t{ID}\tWeb\thttps://app.contoso.com/signin-oidc\nHR Tool\t11111111-2222-3333-4444-555555555555\tWeb\thttps://hr.contoso.com/signin-oidc\n");
        let r = read_for(&tsv, Some(ID), None);
        assert_eq!(uris(&r), ["https://app.contoso.com/signin-oidc"]);
        let csv = format!("DisplayName,AppId,RedirectUris\r\nHR Tool,11111111-2222-3333-4444-555555555555,https://hr.contoso.com/signin-oidc\r\nContoso Portal,{ID},\"https://app.contoso.com/signin-oidc;https://localhost:5001/signin-oidc\"\r\n");
        let r = read_for(&csv, Some(ID), None);
        assert_eq!(
            uris(&r),
            [
                "https://app.contoso.com/signin-oidc",
                "https://localhost:5001/signin-oidc"
            ]
        );
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        // Near miss: rows with two GUIDs (object and application ID) are not narrowed.
        let two = format!("x\t3b5e2d0c-1f2a-4b3c-8d9e-0a1b2c3d4e5f\t{ID}\thttps://app.contoso.com/cb\ny\t4b5e2d0c-1f2a-4b3c-8d9e-0a1b2c3d4e5f\t11111111-2222-3333-4444-555555555555\thttps://hr.contoso.com/cb\n");
        assert_eq!(read_for(&two, Some(ID), None).uris.len(), 2);
    }

    /// A chat sentence that names a platform or logout is no heading; URIs under a real logout
    /// heading other than the portal's one logout URL are said, never dropped unseen.
    #[test]
    fn sentences_are_no_headings_and_logout_lines_are_said() {
        let cb = "https://app.contoso.com/signin-oidc";
        for chat in [
            "Hi team, logout is broken too",
            "Desktop users hit this too",
        ] {
            let r = read_for(&format!("{chat}\n{cb}"), None, Some(cb));
            assert_eq!(uris(&r), [cb], "{chat}");
            assert_eq!(r.uris[0].platform, Platform::Unknown, "{chat}");
        }
        // Near miss: the headings themselves still start their sections.
        let r = read_for(
            &format!("Mobile and desktop applications\n{cb}"),
            None,
            Some(cb),
        );
        assert_eq!(r.uris[0].platform, Platform::PublicClient);
        let portal = format!("Web\nRedirect URIs\n{cb}\nFront-channel logout URL\nhttps://app.contoso.com/signout-oidc\n");
        let r = read_for(&portal, None, Some(cb));
        assert_eq!(uris(&r), [cb]);
        assert!(r.notes.is_empty(), "{:?}", r.notes);
        let stray = read_for(&format!("Front-channel logout URL\n{cb}"), None, Some(cb));
        assert!(stray.uris.is_empty());
        let note = stray.notes.first().expect("the logout line is said");
        assert_eq!(note.severity, Severity::Warning);
        assert!(note.message.contains(cb), "{}", note.message);
    }

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

    /// The portal's Authentication page copied in German, French, Spanish or Japanese: each
    /// platform heading starts its section and the logout heading ends it; a property whose
    /// value holds such a word (`name = "contoso-mobile"`) or a flows setting is no heading.
    #[test]
    fn reads_portal_headings_in_other_languages() {
        let r = read("Plattformkonfigurationen\nWeb\nUmleitungs-URIs\nhttps://a.contoso.com/cb\nFront-Channel-Abmelde-URL\nhttps://a.contoso.com/out\nSingle-Page-Anwendung\nUmleitungs-URIs\nhttps://b.contoso.com/\nApplications mobiles et de bureau\nhttp://localhost\nURL de déconnexion du canal frontal\nhttps://c.contoso.com/out\nAplicación de página única\nhttps://d.contoso.com/\nシングルページ アプリケーション\nhttps://e.contoso.com/\nモバイル アプリケーションとデスクトップ アプリケーション\nmsal6731de76-14a6-49ae-97bc-6eba6914391e://auth");
        assert_eq!(r.on(Platform::Web), ["https://a.contoso.com/cb"]);
        assert_eq!(
            r.on(Platform::Spa),
            [
                "https://b.contoso.com/",
                "https://d.contoso.com/",
                "https://e.contoso.com/"
            ]
        );
        assert_eq!(
            r.on(Platform::PublicClient),
            [
                "http://localhost",
                "msal6731de76-14a6-49ae-97bc-6eba6914391e://auth"
            ]
        );
        assert!(!r.uris.iter().any(|u| u.uri.contains("out")));
        // Near misses: values and settings that hold a platform word are not headings.
        let r = read("Web\nname = contoso-mobile\nDisplayName : Contoso Desktop\nEnable the following mobile and desktop flows:\nPublicClient   :\nhttps://a.contoso.com/cb");
        assert_eq!(r.on(Platform::Web), ["https://a.contoso.com/cb"]);
    }

    /// YAML keys and Terraform / Bicep blocks name the platform of the URIs inside them.
    #[test]
    fn terminal_colour_codes_are_not_part_of_the_uris() {
        let r = read("{\n  \u{1b}[94m\"spa\"\u{1b}[0m: [\n    \u{1b}[92m\"https://spa.contoso.com/\"\u{1b}[0m\n  ]\n}");
        assert_eq!(r.uris.len(), 1, "{r:?}");
        assert_eq!(r.uris[0].uri, "https://spa.contoso.com/");
        assert_eq!(r.uris[0].platform, Platform::Spa);
        // A console without escape processing shows ESC as '←'; a copy may lose it.
        for list in [
            "←[94m[←[0m\n  ←[92m\"https://app.contoso.com/cb\"←[0m\n←[94m]←[0m",
            "[94m[[0m\n  [92m\"https://app.contoso.com/cb\"[0m\n[94m][0m",
        ] {
            let r = read(list);
            assert_eq!(uris(&r), ["https://app.contoso.com/cb"], "{list}");
        }
        assert_eq!(strip_ansi("https://a/cb[1]"), None);
    }

    #[test]
    fn platform_keys_and_blocks_start_a_section() {
        let r = read("spa:\n- https://s.contoso.com/\npublicClient:\n- http://localhost\nweb {\n  \"https://w.contoso.com/cb\",\n  implicit_grant {\n  }\n}\nsingle_page_application {\n  \"https://t.contoso.com/\"\n}\n  public_client: {\n  'https://login.microsoftonline.com/common/oauth2/nativeclient'\n");
        assert_eq!(
            r.on(Platform::Spa),
            ["https://s.contoso.com/", "https://t.contoso.com/"]
        );
        assert_eq!(r.on(Platform::Web), ["https://w.contoso.com/cb"]);
        assert_eq!(r.on(Platform::PublicClient).len(), 2);
    }

    /// Entra allows no ';' in a redirect URI: one after a URI or before the next separates
    /// them (a config string, a semicolon CSV), one inside a URI stays and is judged.
    #[test]
    fn semicolons_separate_uris() {
        let r = read("https://a.contoso.com/cb;https://b.contoso.com/cb;\nhttps://c.contoso.com/cb;\nPlatform;Redirect URI\nSPA;https://d.contoso.com/\nhttps://e.contoso.com/cb;jsessionid=1");
        assert_eq!(
            uris(&r),
            [
                "https://a.contoso.com/cb",
                "https://b.contoso.com/cb",
                "https://c.contoso.com/cb",
                "https://d.contoso.com/",
                "https://e.contoso.com/cb;jsessionid=1"
            ]
        );
        assert_eq!(r.on(Platform::Spa), ["https://d.contoso.com/"]);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    /// `key = value` settings (Terraform) are read by their key like `Key : value` lines:
    /// An ARM template's expression is no URI to compare.
    #[test]
    fn an_arm_expression_is_not_a_uri() {
        let r = read(
            r#"{"resources":[{"type":"Microsoft.Graph/applications@v1.0","properties":{"web":{"redirectUris":["[format('https://{0}/signin-oidc', parameters('hostName'))]","https://a.contoso.com/cb"]}}}]}"#,
        );
        assert_eq!(uris(&r), ["https://a.contoso.com/cb"]);
        assert!(
            r.problems
                .iter()
                .any(|p| p.message.contains("template expression")),
            "{:?}",
            r.problems
        );
    }

    /// The Basic SAML Configuration's edit pane: its Index and Default columns are no values.
    #[test]
    fn reads_the_saml_edit_pane_without_its_columns() {
        let r = read("Basic SAML Configuration\nIdentifier (Entity ID) *\n\tDefault\t\nhttps://sp.contoso.com/saml/metadata\tDefault\t\nAdd identifier\nReply URL (Assertion Consumer Service URL) *\n\tIndex\tDefault\t\nhttps://sp.contoso.com/saml/acs\t1\tDefault\t\nAdd reply URL\n");
        assert_eq!(r.identifiers, ["https://sp.contoso.com/saml/metadata"]);
        assert_eq!(uris(&r), ["https://sp.contoso.com/saml/acs"]);
    }

    /// A CSV saved with ';' between the cells (a decimal-comma locale): the URI column is read.
    #[test]
    fn reads_a_semicolon_separated_csv() {
        let r = read("Plattform;Umleitungs-URI;Kommentar\r\nWeb;https://a.contoso.com/cb;Prod\r\nSPA;https://s.contoso.com/r;Frontend\r\n");
        let got = uris_on(&r);
        assert_eq!(
            got,
            [
                ("https://a.contoso.com/cb", Platform::Web),
                ("https://s.contoso.com/r", Platform::Spa)
            ]
        );
    }

    /// A mail's plain text: a link's address in `<…>` right after its text is not another URI.
    #[test]
    fn reads_links_of_a_mail_without_their_addresses() {
        let r = read("  *   https://app.contoso.com/signin-oidc<https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fapp.contoso.com%2Fsignin-oidc&data=05%7C02>\n  *   https://b.contoso.com/cb<https://b.contoso.com/cb>\n  *   <https://c.contoso.com/cb>");
        let got: Vec<&str> = r.uris.iter().map(|u| u.uri.as_str()).collect();
        assert_eq!(
            got,
            [
                "https://app.contoso.com/signin-oidc",
                "https://b.contoso.com/cb",
                "https://c.contoso.com/cb"
            ]
        );
    }

    /// ConvertTo-Json at its default depth writes each list as one space-joined string, with or
    /// without its WARNING line before the JSON.
    #[test]
    fn reads_powershell_json_cut_at_its_depth() {
        let json = r#"{"AppId": "6731de76-14a6-49ae-97bc-6eba6914391e", "Spa": {"RedirectUris": "https://s.contoso.com/r"}, "Web": {"ImplicitGrantSettings": "Microsoft.Graph.PowerShell.Models.MicrosoftGraphImplicitGrantSettings", "RedirectUris": "https://a.contoso.com/cb https://localhost:5001/cb"}}"#;
        for text in [json.to_string(), format!("WARNING: Resulting JSON is truncated as serialization has exceeded the set depth of 2.\n{json}")] {
            let r = read(&text);
            let got: Vec<&str> = r.uris.iter().map(|u| u.uri.as_str()).collect();
            assert_eq!(got, ["https://a.contoso.com/cb", "https://localhost:5001/cb", "https://s.contoso.com/r"], "{text}");
            assert!(r.problems.is_empty(), "{:?}", r.problems);
        }
        assert_eq!(read(&format!("WARNING: Resulting JSON is truncated as serialization has exceeded the set depth of 2.\n{json}")).notes.len(), 1);
    }

    /// `terraform show -json` and a state file: the applications' blocks as Graph's platforms,
    /// homepage and logout URLs left out; `azuread_application_redirect_uris` resources by type.
    #[test]
    fn reads_terraform_json_output_and_state() {
        let show = r#"{"format_version":"1.0","values":{"root_module":{"resources":[{"type":"azuread_application","values":{"client_id":"6731de76-14a6-49ae-97bc-6eba6914391e","sign_in_audience":"AzureADMyOrg","web":[{"homepage_url":"https://a.contoso.com","logout_url":"https://a.contoso.com/out","redirect_uris":["https://a.contoso.com/cb"],"implicit_grant":[{"id_token_issuance_enabled":true,"access_token_issuance_enabled":false}]}],"single_page_application":[{"redirect_uris":["https://s.contoso.com/"]}],"public_client":[{"redirect_uris":[]}]}}]}}}"#;
        let r = read(show);
        let got = uris_on(&r);
        assert_eq!(
            got,
            [
                ("https://a.contoso.com/cb", Platform::Web),
                ("https://s.contoso.com/", Platform::Spa)
            ]
        );
        assert_eq!(
            r.app_id.as_deref(),
            Some("6731de76-14a6-49ae-97bc-6eba6914391e")
        );
        assert_eq!(r.audience, Audience::MyOrg);
        assert_eq!(r.id_token_issuance, Some(true));
        let state = r#"{"version":4,"resources":[{"type":"azuread_application_redirect_uris","instances":[{"attributes":{"application_id":"/applications/3b5e","type":"SPA","redirect_uris":["https://s.contoso.com/"]}}]}]}"#;
        let r = read(state);
        assert_eq!(r.uris.len(), 1);
        assert_eq!(r.uris[0].platform, Platform::Spa);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    /// redirect_uris lists are read, homepage and logout URLs are not redirect URIs, and a
    /// quoted audience is understood. A `=` inside a URI's query is no key.
    #[test]
    fn reads_lists_set_inline_in_code() {
        // Pulumi TypeScript, a list item of an object literal with its trailing comma.
        let r = read("const app = new azuread.Application(\"app\", {\n  web: {\n    redirectUris: [\"https://a.contoso.com/cb/\", \"https://a.contoso.com/out\"],\n  },\n});");
        assert_eq!(
            uris(&r),
            ["https://a.contoso.com/cb/", "https://a.contoso.com/out"]
        );
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        // One line of code with a list per platform, and a bracket inside a quoted URI.
        let r = read("app = azuread.Application(\"a\", spa=azuread.ApplicationSpaArgs(redirect_uris=[\"https://a.contoso.com/spa\", \"http://[::1]:8080/x\"]), web=azuread.ApplicationWebArgs(homepage_url=\"https://a.contoso.com\", redirect_uris=[\"https://a.contoso.com/cb\"]))");
        assert_eq!(
            uris_on(&r),
            [
                ("https://a.contoso.com/spa", Platform::Spa),
                ("http://[::1]:8080/x", Platform::Spa),
                ("https://a.contoso.com/cb", Platform::Web)
            ]
        );
        let r = read("new Application(this, 'a', { web: { redirectUris: ['https://a/cb'] }, publicClient: { redirectUris: ['msal1://auth'] } });");
        assert_eq!(
            uris_on(&r),
            [
                ("https://a/cb", Platform::Web),
                ("msal1://auth", Platform::PublicClient)
            ]
        );
    }

    #[test]
    fn the_portal_s_suggested_public_client_uris_may_be_unticked() {
        let card = "Mobile and desktop applications\nRedirect URIs\nhttps://login.microsoftonline.com/common/oauth2/nativeclient\nhttps://login.live.com/oauth20_desktop.srf (LiveSDK)\nmsal6731de76-14a6-49ae-97bc-6eba6914391e://auth (MSAL only)\nhttps://app.contoso.com/cb";
        let sent = "https://login.microsoftonline.com/common/oauth2/nativeclient";
        let r = read_for(card, None, Some(sent));
        assert_eq!(r.on(Platform::PublicClient).len(), 4);
        assert_eq!(r.notes.len(), 1);
        assert_eq!(r.notes[0].severity, Severity::Warning);
        assert!(r.notes[0].message.contains(sent));
        // A URI of the app's own is no suggestion; a plain list is no card.
        assert!(read_for(card, None, Some("https://app.contoso.com/cb"))
            .notes
            .is_empty());
        assert!(read_for(
            &card.replace(" (LiveSDK)", "").replace(" (MSAL only)", ""),
            None,
            Some(sent)
        )
        .notes
        .is_empty());
    }

    #[test]
    fn a_byte_order_mark_is_no_part_of_the_first_uri() {
        let r = read("\u{FEFF}https://a.contoso.com/cb\r\nhttps://b.contoso.com/cb\r\n");
        assert_eq!(
            uris(&r),
            ["https://a.contoso.com/cb", "https://b.contoso.com/cb"]
        );
        // Inside a line it is kept, and said by the comparison.
        assert_eq!(
            uris(&read("https://a.contoso.com/cb\u{FEFF}")),
            ["https://a.contoso.com/cb\u{FEFF}"]
        );
    }

    #[test]
    fn a_template_entry_is_kept_apart_and_matched_by_its_fixed_parts() {
        let r = read("web {\n  redirect_uris = [\"https://${azurerm_linux_web_app.web.default_hostname}/signin-oidc\", \"https://localhost:5001/signin-oidc\"]\n}");
        assert_eq!(uris(&r), ["https://localhost:5001/signin-oidc"]);
        assert_eq!(
            r.templates,
            ["https://${azurerm_linux_web_app.web.default_hostname}/signin-oidc"]
        );
        assert!(r.problems[0]
            .message
            .contains("template expression ${azurerm_linux_web_app.web.default_hostname}"));
        let t = "https://${appName}.azurewebsites.net/signin-oidc";
        assert!(template_may_become(
            t,
            "https://contoso.azurewebsites.net/signin-oidc"
        ));
        assert!(!template_may_become(
            t,
            "https://contoso.azurewebsites.net/signin-oidc/"
        ));
        assert!(!template_may_become(
            t,
            "https://contoso.example.com/signin-oidc"
        ));
        assert!(template_may_become(
            "https://$(host)/$(path)",
            "https://a.contoso.com/cb"
        ));
        assert!(!template_may_become(
            "https://a.contoso.com/cb",
            "https://a.contoso.com/cb"
        ));
        // JSON strings too.
        let r = read(r#"{"web":{"redirectUris":["https://{{ .Values.host }}/cb"]}}"#);
        assert_eq!(r.templates.len(), 1);
        assert!(r.uris.is_empty());
    }

    #[test]
    fn a_reply_url_row_keeps_its_url_without_its_index_and_default_mark() {
        let r = read("Reply URL (Assertion Consumer Service URL)\nReply URL    Index   Default\nhttps://a.contoso.com/acs    0    ✓\nhttps://eu.contoso.com/acs   1\nSign on URL\nhttps://a.contoso.com/login 2");
        assert_eq!(
            uris(&r),
            ["https://a.contoso.com/acs", "https://eu.contoso.com/acs"]
        );
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        // Outside a SAML configuration a number beside a URI is still unclear.
        assert!(!read("https://a.contoso.com/cb 1").problems.is_empty());
    }

    #[test]
    fn text_without_any_uri_is_said() {
        for t in ["hello world", "***", "%%%%", "?"] {
            let r = read(t);
            assert!(r.uris.is_empty());
            assert!(
                r.problems[0]
                    .message
                    .starts_with("no redirect URI was found"),
                "{t}"
            );
        }
        assert!(read("  \n ").problems.is_empty());
        assert!(read("Web\nRedirect URIs").problems.is_empty());
    }

    #[test]
    fn reads_terraform_settings() {
        let r = read("resource \"azuread_application\" \"a\" {\n  sign_in_audience = \"AzureADMyOrg\"\n  web {\n    homepage_url  = \"https://a.contoso.com\"\n    logout_url    = \"https://a.contoso.com/out\"\n    redirect_uris = [\"https://a.contoso.com/cb\", \"https://b.contoso.com/cb\"]\n  }\n}\nhttps://c.contoso.com/cb?x=1&y=2");
        assert_eq!(
            uris(&r),
            [
                "https://a.contoso.com/cb",
                "https://b.contoso.com/cb",
                "https://c.contoso.com/cb?x=1&y=2"
            ]
        );
        assert_eq!(r.on(Platform::Web).len(), 3);
        assert_eq!(r.audience, Audience::MyOrg);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
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
        // A full-width colon after the platform, as typed with a CJK input method.
        let r = read("SPA\u{ff1a}http://localhost:3000/\nWeb\u{ff1a} https://a/cb");
        let p: Vec<_> = r
            .uris
            .iter()
            .map(|u| (u.platform, u.uri.as_str()))
            .collect();
        assert_eq!(
            p,
            [
                (Platform::Spa, "http://localhost:3000/"),
                (Platform::Web, "https://a/cb")
            ]
        );
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

    /// The shapes `az … --query` gives (an object of platform arrays, lists of lists), JSON
    /// with comments and trailing commas, a section copied out of a manifest without its
    /// braces, and an application inside another document (an ARM template) are all read.
    #[test]
    fn reads_query_shapes_annotated_json_fragments_and_nested_apps() {
        let r = read(
            r#"{"publicClient":[],"spa":["https://s.contoso.com/"],"web":["https://w.contoso.com/cb"]}"#,
        );
        assert_eq!(r.on(Platform::Spa), ["https://s.contoso.com/"]);
        assert_eq!(r.on(Platform::Web), ["https://w.contoso.com/cb"]);
        assert!(r.has_platforms && r.problems.is_empty());
        let r = read(
            r#"[["https://w.contoso.com/cb"],["https://s.contoso.com/","http://localhost:3000"]]"#,
        );
        assert_eq!(uris(&r).len(), 3);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let r = read("{\n  // prod\n  \"web\": {\"redirectUris\": [\n    \"https://w.contoso.com/cb\", /* old */\n    \"https://w.contoso.com/a//b\",\n  ]},\n}");
        assert_eq!(
            r.on(Platform::Web),
            ["https://w.contoso.com/cb", "https://w.contoso.com/a//b"]
        );
        let r = read("\"replyUrlsWithType\": [\n  {\"url\": \"https://w.contoso.com/cb\", \"type\": \"Spa\"}\n],");
        assert_eq!(r.on(Platform::Spa), ["https://w.contoso.com/cb"]);
        let r = read(
            r#"{"resources":{"app":{"type":"Microsoft.Graph/applications@v1.0","properties":{"spa":{"redirectUris":["https://s.contoso.com/"]}}}}}"#,
        );
        assert_eq!(r.on(Platform::Spa), ["https://s.contoso.com/"]);
        // Near misses: broken JSON stays an error at its place; a quoted URI line is a list.
        let r = read("{\"web\": {\"redirectUris\": [\"https://w.contoso.com/cb\" \"x\"]}}");
        assert!(r.uris.is_empty() && r.problems.len() == 1);
        let r = read("\"https://w.contoso.com/cb\",\n\"https://x.contoso.com/cb\"");
        assert_eq!(uris(&r).len(), 2);
    }

    /// The portal's validation message under an entry (it does not save it): the entry is not
    /// registered, and the problem says so; under an entry that could not be read, that
    /// entry's problem says it. Near miss: the same words in a line with a URI of its own, and
    /// a message that stands under no URI.
    #[test]
    fn an_entry_the_portal_refuses_is_not_registered() {
        let r = read("Web\nRedirect URIs\nhttps://app.contoso.com/cb\nhttp://app.contoso.com/cb\nThe URI must use HTTPS or http://localhost.\nAdd URI\n");
        assert_eq!(uris(&r), ["https://app.contoso.com/cb"]);
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0]
            .message
            .contains("http://app.contoso.com/cb is not registered"));
        let r = read(
            "https://a.contoso.com/cb\nhttps://a.contoso.com/cb\nDuplicate values are not allowed.",
        );
        assert_eq!(uris(&r), ["https://a.contoso.com/cb"]);
        assert!(r.problems.is_empty() && r.notes[0].message.contains("stays registered once"));
        let r = read("Redirect URIs\nhttps://a.contoso.com/cb\nhttps://app.contoso .com/callback\nMust be a valid URL.\n");
        assert_eq!(uris(&r), ["https://a.contoso.com/cb"]);
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert!(r.problems[0].message.contains("broken by a space"));
        assert!(r.problems[0].message.contains("Must be a valid URL."));
        // Near misses.
        let r =
            read("https://a.contoso.com/cb\nhttps://b.contoso.com/cb   # a valid URL since May");
        assert_eq!(uris(&r).len(), 2);
        let r = read("Must be a valid URL.\nhttps://a.contoso.com/cb");
        assert_eq!(uris(&r), ["https://a.contoso.com/cb"]);
        assert!(r.problems[0].message.contains("it is not registered"));
    }

    /// A URI broken by spaces is reported, never read in parts nor dropped. Near miss: a URI
    /// and a platform word, or two URIs, on one line.
    #[test]
    fn a_uri_broken_by_spaces_is_reported() {
        for line in [
            "https: //localhost:5001/signin-oidc",
            "https://app.contoso. com/signin-oidc",
            "https://app.contoso .com/callback",
            "- https://app. contoso.com/cb",
        ] {
            let r = read(&format!("Redirect URIs\n{line}\n"));
            assert!(r.uris.is_empty(), "{line}: {:?}", r.uris);
            assert!(
                r.problems.len() == 1 && r.problems[0].message.contains("broken by a space"),
                "{line}: {:?}",
                r.problems
            );
        }
        let r = read("https://a.contoso.com/cb   Single-page application\nhttps://b.contoso.com/cb https://c.contoso.com/cb");
        assert_eq!(uris(&r).len(), 3);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    /// An empty list (a query that found no application) is said to be one, not taken for an
    /// application without redirect URIs. Near miss: an application with empty lists is read.
    #[test]
    fn an_empty_json_list_is_said() {
        for t in ["[]", "{\"@odata.context\": \"x\", \"value\": []}"] {
            let r = read(t);
            assert!(r.problems[0].message.contains("empty list"), "{t}");
        }
        let r = read(r#"{"web":{"redirectUris":[]},"spa":{"redirectUris":[]}}"#);
        assert!(r.problems.is_empty() && r.has_platforms);
    }

    /// The command line pasted above PowerShell's output names the platform object it prints.
    #[test]
    fn a_pasted_command_line_names_the_platform_it_expands() {
        let platform = |text: &str| {
            read(text)
                .uris
                .iter()
                .map(|u| u.platform)
                .collect::<Vec<_>>()
        };
        let spa = "PS C:\\> Get-MgApplication -ApplicationId 1f2e3d4c | Select-Object -ExpandProperty Spa\n\nRedirectUris\n------------\n{https://app.contoso.com/, http://localhost:3000/}\n";
        assert_eq!(platform(spa), [Platform::Spa, Platform::Spa]);
        let list = "PS C:\\> Get-MgBetaApplication -ApplicationId 1f2e3d4c | select -exp:'publicClient' | Format-List\nRedirectUris         : {http://localhost}\nAdditionalProperties : {}\n";
        assert_eq!(platform(list), [Platform::PublicClient]);
        let member = "PS> (Get-MgApplication -ApplicationId 1f2e3d4c).Spa.RedirectUris\nhttps://app.contoso.com/\nPS> $app.Web.RedirectUris\nhttps://app.contoso.com/signin-oidc\n";
        assert_eq!(platform(member), [Platform::Spa, Platform::Web]);
        // Other properties name no platform.
        for other in [
            "PS> (Get-MgApplication -ApplicationId 1f2e3d4c).IdentifierUris\nhttps://app.contoso.com/\n",
            "PS> Get-MgApplication | Select-Object -ExpandProperty Website\nhttps://app.contoso.com/\n",
            "(removed) https://app.web/cb\n",
        ] {
            assert!(!platform(other).contains(&Platform::Spa), "{other}");
            assert!(!platform(other).contains(&Platform::Web), "{other}");
        }
    }

    /// PowerShell's ConvertTo-Json of Get-MgApplication (PascalCase keys) reads as Graph JSON:
    /// one application, a list of them, the Web object alone.
    #[test]
    fn reads_powershell_json_in_pascal_case() {
        let app = r#"{"AppId":"6731de76-14a6-49ae-97bc-6eba6914391e","SignInAudience":"AzureADMyOrg","Spa":{"RedirectUris":["https://s.contoso.com/"]},"Web":{"ImplicitGrantSettings":{"EnableIdTokenIssuance":true},"RedirectUriSettings":[{"Index":null,"Uri":"https://w.contoso.com/cb"}],"RedirectUris":["https://w.contoso.com/cb"]},"AdditionalProperties":{}}"#;
        let r = read(app);
        assert_eq!(r.on(Platform::Spa), ["https://s.contoso.com/"]);
        assert_eq!(r.on(Platform::Web), ["https://w.contoso.com/cb"]);
        assert_eq!(r.audience, Audience::MyOrg);
        assert_eq!(r.id_token_issuance, Some(true));
        let other = app
            .replace("6731de76", "11111111")
            .replace("w.contoso", "x.contoso");
        let r = read_for(
            &format!("[{other},{app}]"),
            Some("6731de76-14a6-49ae-97bc-6eba6914391e"),
            None,
        );
        assert_eq!(r.on(Platform::Web), ["https://w.contoso.com/cb"]);
        let r = read(
            r#"{"HomePageUrl":null,"LogoutUrl":"https://w.contoso.com/out","RedirectUris":["https://w.contoso.com/cb"]}"#,
        );
        assert_eq!(uris(&r), ["https://w.contoso.com/cb"]);
    }

    /// JSON lines (`jq -c`, one application a line) are several applications: the request's
    /// is read. Near miss: a second value that is no object is still an error at its place.
    #[test]
    fn json_lines_are_a_list_of_applications() {
        let lines = "{\"appId\":\"11111111-2222-3333-4444-555555555555\",\"web\":[\"https://hr.contoso.com/cb\"]}\n{\"appId\":\"6731de76-14a6-49ae-97bc-6eba6914391e\",\"web\":[\"https://app.contoso.com/cb\"]}\n";
        let r = read_for(lines, Some("6731de76-14a6-49ae-97bc-6eba6914391e"), None);
        assert_eq!(r.on(Platform::Web), ["https://app.contoso.com/cb"]);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let r = read(lines);
        assert!(r.uris.is_empty() && r.problems[0].message.contains("2 applications"));
        let r = read("{\"web\":[\"https://app.contoso.com/cb\"]}\n[\"https://x.contoso.com/cb\"]");
        assert!(r.uris.is_empty());
        assert!(
            r.problems[0].message.contains("not valid JSON"),
            "{:?}",
            r.problems
        );
    }

    /// An app's own sign-in configuration (msalConfig, appsettings.json) is not the
    /// registration: its redirectUri is not registered and the problem says what it is. A note
    /// `Redirect URI: …` alone, or a registered list next to an authority, is still read.
    #[test]
    fn an_app_configuration_is_not_the_registration() {
        let r = read("auth: {\n  clientId: \"6731de76-14a6-49ae-97bc-6eba6914391e\",\n  authority: \"https://login.microsoftonline.com/common\",\n  redirectUri: \"https://s.contoso.com/\",\n}");
        assert!(r.uris.is_empty());
        assert!(
            r.problems[0]
                .message
                .contains("app's own sign-in configuration (authority"),
            "{:?}",
            r.problems
        );
        let r = read(
            r#"{"AzureAd": {"Instance": "https://login.microsoftonline.com/", "CallbackPath": "/signin-oidc"}}"#,
        );
        assert!(
            r.problems[0]
                .message
                .contains("(CallbackPath /signin-oidc)"),
            "{:?}",
            r.problems
        );
        let r = read("Redirect URI: https://s.contoso.com/");
        assert_eq!(uris(&r), ["https://s.contoso.com/"]);
        let r = read("Authority: https://login.microsoftonline.com/common\nRedirect URIs: {https://a.contoso.com/cb, https://b.contoso.com/cb}");
        assert_eq!(uris(&r).len(), 2);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    /// A Spring property, however long its key, is read as a property: the app's own redirect
    /// URI setting, not a registered URI (nor a URI beginning with the key).
    #[test]
    fn a_long_spring_property_is_the_apps_setting() {
        for key in [
            "spring.security.oauth2.client.registration.azure-dev.redirect-uri",
            "spring.security.oauth2.client.registration.azure.redirect-uri",
        ] {
            let r = read(&format!(
                "{key}=https://app.contoso.com/login/oauth2/code/azure\n"
            ));
            assert!(r.uris.is_empty(), "{:?}", uris(&r));
            assert!(
                r.problems[0]
                    .message
                    .contains("app's own sign-in configuration (spring."),
                "{:?}",
                r.problems
            );
        }
        // A platform's key (`web.redirectUris`) is still the registration's.
        let r = read("web.redirectUris: https://app.contoso.com/cb");
        assert_eq!(uris(&r), ["https://app.contoso.com/cb"]);
        // The same setting in application.yml, nested under `spring:` … `registration:`.
        let r = read("spring:\n  security:\n    oauth2:\n      client:\n        registration:\n          azure:\n            redirect-uri: https://app.contoso.com/login/oauth2/code/azure\n");
        assert!(r.uris.is_empty(), "{:?}", uris(&r));
        assert!(
            r.problems[0]
                .message
                .contains("app's own sign-in configuration (redirect-uri"),
            "{:?}",
            r.problems
        );
        // A YAML list of redirect URIs under another key is still read.
        let r = read("redirectUris:\n  - https://app.contoso.com/cb\n");
        assert_eq!(uris(&r), ["https://app.contoso.com/cb"]);
    }

    /// A quoted-printable e-mail body is decoded (`=3D`, soft line breaks); a URI whose own
    /// query holds `=` is left as it is.
    #[test]
    fn reads_a_quoted_printable_mail_body() {
        // An encoder wraps at 76 characters, the `=` included.
        let r = read("Hi,\n\nhttps://a.contoso.com/cb?tenant=3Dcontoso\nhttps://b.contoso.com/authentication/tenants/northwind-traders-europe/o=\nidc/signin\n");
        assert_eq!(
            uris(&r),
            [
                "https://a.contoso.com/cb?tenant=contoso",
                "https://b.contoso.com/authentication/tenants/northwind-traders-europe/oidc/signin"
            ]
        );
        // A base64 value's own `=` at a line's end (an Android signature hash) joins nothing.
        let r = read("msauth://com.contoso.app/2pmj9i4rSx0yEb/viWBYkE/ZQrk=\nhttp://localhost\n");
        assert_eq!(
            uris(&r),
            [
                "msauth://com.contoso.app/2pmj9i4rSx0yEb/viWBYkE/ZQrk=",
                "http://localhost"
            ]
        );
        let r = read("msauth://com.contoso.app/2pmj9i4rSx0yEb/viWBYkE/ZQrk=\n");
        assert_eq!(
            uris(&r),
            ["msauth://com.contoso.app/2pmj9i4rSx0yEb/viWBYkE/ZQrk="]
        );
        let r = read("https://a.contoso.com/cb?x=3D1&y=2");
        assert_eq!(uris(&r), ["https://a.contoso.com/cb?x=3D1&y=2"]);
        let r = read("https://a.contoso.com/cb?x=20");
        assert_eq!(uris(&r), ["https://a.contoso.com/cb?x=20"]);
    }

    #[test]
    fn bad_json_reports_line_and_column() {
        let r = read("{\n  \"web\": {\"redirectUris\": [\"https://a/cb\" \"https://b/cb\"]}\n}");
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

    #[test]
    fn the_portals_msal_configuration_snippet_is_no_registration() {
        let ios = "iOS / macOS\nBundle ID\ncom.contoso.app\nRedirect URI\nmsauth.com.contoso.app://auth\nMSAL Configuration\n{\n  \"clientId\": \"6731de76-14a6-49ae-97bc-6eba6914391e\",\n  \"redirectUri\": \"msauth.com.contoso.app://auth\",\n  \"authority\": \"https://login.microsoftonline.com/common\"\n}\n";
        let r = read(ios);
        assert_eq!(uris(&r), ["msauth.com.contoso.app://auth"]);
        assert_eq!(r.on(Platform::PublicClient).len(), 1);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        // Android: nested JSON, a blank line, then another platform whose URIs are read.
        let android = "Android\nPackage name\tcom.contoso.app\nSignature hash\t2pmj9i4rSx0yEb/viWBYkE/ZQrk=\nRedirect URI\tmsauth://com.contoso.app/2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D\nMSAL Configuration:\n\n{\n  \"client_id\" : \"6731de76-14a6-49ae-97bc-6eba6914391e\",\n  \"redirect_uri\" : \"msauth://com.contoso.app/2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D\",\n  \"authorities\" : [\n    {\n      \"type\": \"AAD\",\n      \"audience\": { \"type\": \"AzureADMyOrg\" }\n    }\n  ]\n}\nWeb\nhttps://app.contoso.com/cb\n";
        let r = read(android);
        assert_eq!(
            r.on(Platform::PublicClient),
            ["msauth://com.contoso.app/2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D"]
        );
        assert_eq!(r.on(Platform::Web), ["https://app.contoso.com/cb"]);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        // Near misses: a URI line after the snippet is read; the same JSON without the
        // portal's heading is still the app's configuration, not the registration.
        let r = read("MSAL Configuration\n<array>\n  <string>msauth.com.contoso.app</string>\n</array>\nmsauth.com.contoso.app://auth\n");
        assert_eq!(uris(&r), ["msauth.com.contoso.app://auth"]);
        let r = read("{\n  \"redirectUri\": \"msauth.com.contoso.app://auth\",\n  \"authority\": \"https://login.microsoftonline.com/common\"\n}\n");
        assert!(r.uris.is_empty());
        assert!(!r.problems.is_empty());
    }

    /// An Android or iOS / macOS card copied without its Redirect URI line is the URI the
    /// portal builds from its fields (the hash URL-encoded as the portal shows it).
    #[test]
    fn a_platform_card_without_its_uri_line_is_the_uri_the_portal_builds() {
        let r = read("Android\nPackage name\ncom.contoso.app\nSignature hash\nXo8W+i6jzSxKDVR4drqm84yr9iU=\n");
        assert_eq!(
            uris_on(&r),
            [(
                "msauth://com.contoso.app/Xo8W%2Bi6jzSxKDVR4drqm84yr9iU%3D",
                Platform::PublicClient
            )]
        );
        assert!(
            r.problems.is_empty() && r.unread.is_empty(),
            "{:?}",
            r.problems
        );
        let r = read("iOS / macOS\nBundle ID\tcom.contoso.App-1\nAndroid\nPackage name: com.contoso.app\nSignature hash: 2pmj9i4rSx0yEb/viWBYkE/ZQrk=\nWeb\nhttps://app.contoso.com/cb\n");
        assert_eq!(
            uris(&r),
            [
                "msauth.com.contoso.App-1://auth",
                "msauth://com.contoso.app/2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D",
                "https://app.contoso.com/cb"
            ]
        );
        // Near misses: a card with its Redirect URI line gives that URI alone; a card whose
        // fields give no URI is said, and its list is not taken as read in full.
        let r = read("Android\nPackage name\ncom.contoso.app\nSignature hash\n2pmj9i4rSx0yEb/viWBYkE/ZQrk=\nRedirect URI\nmsauth://com.contoso.app/2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D\n");
        assert_eq!(
            uris(&r),
            ["msauth://com.contoso.app/2pmj9i4rSx0yEb%2FviWBYkE%2FZQrk%3D"]
        );
        for card in [
            "Android\nPackage name\ncom.contoso.app\n",
            "Android\nPackage name\ncom.contoso.app\nSignature hash\nDA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09\n",
            "iOS / macOS\nBundle ID\ncom.contoso!app\n",
        ] {
            let r = read(card);
            assert!(r.uris.is_empty(), "{card}");
            assert_eq!(r.problems.len(), 1, "{card}");
            assert!(!r.shows(Platform::PublicClient), "{card}");
        }
        // The words outside a card are no card field.
        let r = read("Web\nPackage name\ncom.contoso.app\nhttps://app.contoso.com/cb\n");
        assert_eq!(uris(&r), ["https://app.contoso.com/cb"]);
        assert!(r.problems.is_empty());
    }

    fn uris(r: &Registered) -> Vec<&str> {
        r.uris.iter().map(|u| u.uri.as_str()).collect()
    }

    fn uris_on(r: &Registered) -> Vec<(&str, Platform)> {
        r.uris
            .iter()
            .map(|u| (u.uri.as_str(), u.platform))
            .collect()
    }

    const WEB_FL: &str = "\nHomePageUrl           :\nImplicitGrantSettings : Microsoft.Graph.PowerShell.Models.MicrosoftGraphImplicitGrantSettings\nLogoutUrl             : https://localhost:5001/signout-oidc\nRedirectUriSettings   : {Microsoft.Graph.PowerShell.Models.MicrosoftGraphRedirectUriSettings, Microsoft.Graph.PowerShell.Models.MicrosoftGraphRedirectUriSettings}\nRedirectUris          : {https://app.contoso.com/signin-oidc, https://localhost:5001/signin-oidc/}\nAdditionalProperties  : {}\n";

    #[test]
    fn reads_a_powershell_format_list_of_the_web_object() {
        let r = read(WEB_FL);
        assert_eq!(
            uris(&r),
            [
                "https://app.contoso.com/signin-oidc",
                "https://localhost:5001/signin-oidc/"
            ]
        );
        // ImplicitGrantSettings and RedirectUriSettings exist on the web platform object only.
        assert!(r.uris.iter().all(|u| u.platform == Platform::Web));
        assert_eq!(r.uris[0].line, 6);
        // The logout URL and the type names are understood, not reported.
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert!(r.has_platforms);
    }

    #[test]
    fn reads_powershell_platform_properties_app_id_and_audience() {
        let r = read("\nAppId          : 6731de76-14a6-49ae-97bc-6eba6914391e\nDisplayName    : Contoso SPA\nSignInAudience : AzureADandPersonalMicrosoftAccount\nSpa            : {https://spa.contoso.com}\nWeb            : {https://spa.contoso.com/}\nPublicClient   : {}\n");
        assert_eq!(r.on(Platform::Spa), ["https://spa.contoso.com"]);
        assert_eq!(r.on(Platform::Web), ["https://spa.contoso.com/"]);
        assert!(r.on(Platform::PublicClient).is_empty());
        assert!(r.has_platforms);
        assert_eq!(r.audience, Audience::OrgsAndPersonal);
        assert_eq!(
            r.app_id.as_deref(),
            Some("6731de76-14a6-49ae-97bc-6eba6914391e")
        );
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn reads_the_app_and_object_ids_of_a_pasted_overview() {
        let with_colons = "Display name\n: Claims portal\nApplication (client) ID\n: 7d9e3c1a-2b4f-4a6e-8c0d-1e2f3a4b5c6d\nObject ID\n: 4f1e2d3c-aaaa-bbbb-cccc-1234567890ab\n";
        let bare = with_colons.replace(": ", "");
        for text in [with_colons, bare.as_str()] {
            let r = read(text);
            assert_eq!(
                r.app_id.as_deref(),
                Some("7d9e3c1a-2b4f-4a6e-8c0d-1e2f3a4b5c6d"),
                "{text}"
            );
            assert_eq!(
                r.object_id.as_deref(),
                Some("4f1e2d3c-aaaa-bbbb-cccc-1234567890ab"),
                "{text}"
            );
        }
        let graph = r#"{"id": "4f1e2d3c-aaaa-bbbb-cccc-1234567890ab", "appId": "7d9e3c1a-2b4f-4a6e-8c0d-1e2f3a4b5c6d", "web": {"redirectUris": ["https://a/cb"]}}"#;
        assert_eq!(
            read(graph).object_id.as_deref(),
            Some("4f1e2d3c-aaaa-bbbb-cccc-1234567890ab")
        );
    }

    #[test]
    fn joins_format_list_continuation_lines() {
        // Cut mid-URI at the console width, the rest indented to the value column.
        let r = read("LogoutUrl    :\nRedirectUris : {https://app.contoso.com/signin-oidc, https://staging-westeurope.contoso.com/sig\n               nin-oidc, https://localhost:5001/signin-oidc}\n");
        assert_eq!(
            uris(&r),
            [
                "https://app.contoso.com/signin-oidc",
                "https://staging-westeurope.contoso.com/signin-oidc",
                "https://localhost:5001/signin-oidc"
            ]
        );
        // Cut at a list separator: the space after the comma was eaten (and
        // the console padded the line with spaces).
        let r = read(
            "RedirectUris : {https://a.contoso.com/cb,   \n               https://b.contoso.com/cb}\n",
        );
        assert_eq!(
            uris(&r),
            ["https://a.contoso.com/cb", "https://b.contoso.com/cb"]
        );
        // A line indented elsewhere is not a continuation.
        let r = read("RedirectUris : {https://a.contoso.com/cb}\n  https://b.contoso.com/cb\n");
        assert_eq!(
            uris(&r),
            ["https://a.contoso.com/cb", "https://b.contoso.com/cb"]
        );
    }

    #[test]
    fn an_unexpanded_powershell_object_is_reported_not_read() {
        let r = read("AppId : 6731de76-14a6-49ae-97bc-6eba6914391e\nSpa   : Microsoft.Graph.PowerShell.Models.MicrosoftGraphSpaApplication\nWeb   : Microsoft.Graph.PowerShell.Models.MicrosoftGraphWebApplication\n");
        assert!(r.uris.is_empty());
        // One problem for both properties, at the first, counting the lines.
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].line, 2);
        let m = &r.problems[0].message;
        assert!(
            m.contains("Spa and Web (2 lines: 2, 3) show only their type names"),
            "{m}"
        );
        let r = read("Web : Microsoft.Graph.PowerShell.Models.MicrosoftGraphWebApplication\n");
        assert!(
            r.problems[0]
                .message
                .starts_with("Web (line 1) shows only its type name, not its URIs. Expand it"),
            "{:?}",
            r.problems
        );
    }

    #[test]
    fn identical_problems_are_merged_counting_their_lines() {
        let mut p: Vec<ReadProblem> = [(2, "a"), (5, "b"), (7, "a"), (9, "a")]
            .iter()
            .map(|(line, m)| ReadProblem {
                message: m.to_string(),
                line: *line,
                column: 1,
            })
            .collect();
        merge_problems(&mut p);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].line, 2);
        assert_eq!(p[0].message, "a (the same on 3 lines: 2, 7, 9)");
        assert_eq!(p[1].message, "b");
    }

    #[test]
    fn a_truncated_powershell_list_is_read_and_reported() {
        let r = read("RedirectUris : {https://a/cb, https://b/cb, https://c/cb, https://d/cb...}");
        assert_eq!(
            uris(&r),
            [
                "https://a/cb",
                "https://b/cb",
                "https://c/cb",
                "https://d/cb"
            ]
        );
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0].message.contains("FormatEnumerationLimit"));
    }

    #[test]
    fn labelled_lines_are_read_by_their_label() {
        let r = read("Redirect URI: https://a/cb\nLogout URL: https://a/signout\nCallback: https://b/cb\nweb : https://w/cb\n");
        assert_eq!(uris(&r), ["https://a/cb", "https://w/cb"]);
        assert_eq!(r.uris[1].platform, Platform::Web);
        // An unknown label with a URI is not guessed at: it is reported.
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].line, 3);
    }

    #[test]
    fn splits_tab_and_space_separated_uris() {
        let r = read("https://app.contoso.com/a\thttps://app.contoso.com/b\n");
        assert_eq!(
            uris(&r),
            ["https://app.contoso.com/a", "https://app.contoso.com/b"]
        );
        assert_eq!(r.uris[1].line, 1);
        let r = read("https://app.contoso.com/a    https://app.contoso.com/b");
        assert_eq!(r.uris.len(), 2);
        let r = read("https://c/cb   Single-page application\nhttps://d/cb   # staging");
        assert_eq!(r.on(Platform::Spa), ["https://c/cb"]);
        assert_eq!(r.uris[1].uri, "https://d/cb");
    }

    #[test]
    fn a_line_with_a_uri_among_other_words_is_reported() {
        for line in [
            "https://b/cb is the old one",
            "staging https://b/cb",
            "https://b/cb remove me",
        ] {
            let r = read(&format!("https://a/cb\n{line}\n"));
            assert_eq!(uris(&r), ["https://a/cb"], "{line}");
            assert_eq!(r.problems.len(), 1, "{line}");
            assert_eq!(r.problems[0].line, 2);
        }
        // One URI and a joining word is no list.
        assert_eq!(read("https://a/cb and").problems.len(), 1);
    }

    #[test]
    fn one_line_terraform_and_bicep_blocks_are_read_by_platform() {
        let tf = "resource \"azuread_application\" \"app\" {\n  display_name = \"x\"\n  single_page_application { redirect_uris = [\"https://a.contoso.com/\"] }\n  web { redirect_uris = [\"https://a.contoso.com/cb\"] }\n}";
        let r = read(tf);
        assert_eq!(r.on(Platform::Spa), ["https://a.contoso.com/"]);
        assert_eq!(r.on(Platform::Web), ["https://a.contoso.com/cb"]);
        let bicep = "resource app 'Microsoft.Graph/applications@v1.0' = {\n  spa: { redirectUris: ['https://a.contoso.com/'] }\n}";
        assert_eq!(read(bicep).on(Platform::Spa), ["https://a.contoso.com/"]);
        // Near miss: PowerShell's list in braces is a list, not a block.
        assert_eq!(
            one_line_blocks("RedirectUris : {https://a/cb, https://b/cb}"),
            None
        );
    }

    #[test]
    fn the_command_that_set_the_uris_is_read_as_its_list() {
        let az = "az ad app update --id 6731de76-14a6-49ae-97bc-6eba6914391e --web-redirect-uris https://a.contoso.com/cb 'https://b.contoso.com/cb' --public-client-redirect-uris http://localhost";
        let r = read(az);
        assert_eq!(
            r.on(Platform::Web),
            ["https://a.contoso.com/cb", "https://b.contoso.com/cb"]
        );
        assert_eq!(r.on(Platform::PublicClient), ["http://localhost"]);
        let ps = "Update-MgApplication -ApplicationId $app.Id -Web @{ RedirectUris = @(\"https://a.contoso.com/cb\") } -Spa @{ RedirectUris = @(\"https://a.contoso.com/\", \"http://localhost:3000\") }";
        let r = read(ps);
        assert_eq!(r.on(Platform::Web), ["https://a.contoso.com/cb"]);
        assert_eq!(
            r.on(Platform::Spa),
            ["https://a.contoso.com/", "http://localhost:3000"]
        );
        // Near miss: another az command is no list.
        assert_eq!(
            command_lists("az login --tenant contoso.onmicrosoft.com"),
            None
        );
    }

    #[test]
    fn a_type_property_names_the_platform_of_its_uris() {
        // Terraform's azuread_application_redirect_uris resources.
        let tf = "resource \"azuread_application_redirect_uris\" \"web\" {\n  type = \"Web\"\n  redirect_uris = [\n    \"https://a.contoso.com/cb\",\n  ]\n}\nresource \"azuread_application_redirect_uris\" \"spa\" {\n  type = \"SPA\"\n  redirect_uris = [\n    \"https://a.contoso.com/\",\n  ]\n}";
        let r = read(tf);
        assert_eq!(r.on(Platform::Web), ["https://a.contoso.com/cb"]);
        assert_eq!(r.on(Platform::Spa), ["https://a.contoso.com/"]);
        // replyUrlsWithType as YAML, the type after or before the url.
        for yaml in [
            "replyUrlsWithType:\n- url: https://a.contoso.com/cb\n  type: Web\n- url: https://b.contoso.com/\n  type: Spa\n",
            "replyUrlsWithType:\n- type: Web\n  url: https://a.contoso.com/cb\n- type: Spa\n  url: https://b.contoso.com/\n",
        ] {
            let r = read(yaml);
            assert_eq!(r.on(Platform::Web), ["https://a.contoso.com/cb"], "{yaml}");
            assert_eq!(r.on(Platform::Spa), ["https://b.contoso.com/"], "{yaml}");
            assert!(r.problems.is_empty(), "{:?}", r.problems);
        }
    }

    #[test]
    fn graph_beta_redirect_uri_settings_alone_are_read() {
        let r = read(
            r#"{"web": {"redirectUriSettings": [{"uri": "https://app.contoso.com/signin-oidc", "index": null}]}, "spa": {"redirectUris": ["https://spa.contoso.com/"]}}"#,
        );
        assert_eq!(r.on(Platform::Web), ["https://app.contoso.com/signin-oidc"]);
        // With redirectUris there too, each URI is read once.
        let r = read(
            r#"{"web": {"redirectUris": ["https://a/cb"], "redirectUriSettings": [{"uri": "https://a/cb", "index": null}]}}"#,
        );
        assert_eq!(uris(&r), ["https://a/cb"]);
    }

    #[test]
    fn quotes_brackets_and_a_full_stop_around_a_uri_are_not_part_of_it() {
        let cb = "https://app.contoso.com/signin-oidc";
        for text in [
            "“https://app.contoso.com/signin-oidc”",
            "‘https://app.contoso.com/signin-oidc’",
            "(https://app.contoso.com/signin-oidc)",
            "https://app.contoso.com/signin-oidc.",
            "1) https://app.contoso.com/signin-oidc.",
            "«https://app.contoso.com/signin-oidc»",
        ] {
            assert_eq!(uris(&read(text)), [cb], "{text}");
        }
        // Near misses: a host's trailing dot and a path's dot-segment stay as written.
        assert_eq!(
            uris(&read("https://app.contoso.com.")),
            ["https://app.contoso.com."]
        );
        assert_eq!(
            uris(&read("https://a.contoso.com/x/..")),
            ["https://a.contoso.com/x/.."]
        );
    }

    #[test]
    fn a_site_root_sent_is_not_taken_for_a_logout_url_on_that_site() {
        let copy = "Web\nRedirect URIs\nhttps://app.contoso.com/\nFront-channel logout URL\nhttps://app.contoso.com/signout-oidc\nhttps://app.contoso.com/signout-callback";
        let r = read_for(copy, None, Some("https://app.contoso.com/"));
        assert!(
            r.notes.iter().all(|n| n.severity == Severity::Info),
            "{:?}",
            r.notes
        );
        let r = read_for(copy, None, Some("https://app.contoso.com/signout-oidc"));
        assert!(
            r.notes.iter().any(|n| n.severity == Severity::Warning),
            "{:?}",
            r.notes
        );
    }

    #[test]
    fn addresses_without_slashes_after_the_scheme_are_said_not_dropped() {
        let r = read("https://a.contoso.com/cb\njavascript:alert(1)\ndata:text/html,<b>x</b>\nmailto:a@contoso.com\nhttps://b.contoso.com/cb");
        assert_eq!(
            uris(&r),
            ["https://a.contoso.com/cb", "https://b.contoso.com/cb"]
        );
        let lines: Vec<usize> = r.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4]);
        assert!(r.problems[0]
            .message
            .contains("'javascript:alert(1)' is not a redirect URI"));
        assert!(r.problems[1].message.contains("a data: address"));
        // Host and port, a label, a URN and a dotted host are not such addresses.
        for fine in [
            "localhost:5001/cb",
            "Note:",
            "urn:ietf:wg:oauth:2.0:oob",
            "app.contoso.com:x",
        ] {
            assert_eq!(opaque_scheme(fine), None, "{fine}");
        }
    }

    #[test]
    fn notes_after_a_uri_are_ignored() {
        for line in [
            "https://a/cb   // prod",
            "https://a/cb  -- local dev",
            "https://a/cb  <- dev",
            "https://a/cb \u{2190} QA",
            "https://a/cb => prod",
            "https://a/cb # staging",
            "https://a/cb (old)",
            "https://a/cb (old, remove after go-live)",
            "https://a/cb [dev]",
            "https://a/cb - the old one",
            "https://a/cb \u{2013} the old one",
            "https://a/cb \u{2705}",
            "https://a/cb \u{274C} (remove this one)",
            "`https://a/cb` (new)",
        ] {
            let r = read(line);
            assert_eq!(uris(&r), ["https://a/cb"], "{line}");
            assert!(r.problems.is_empty(), "{line}: {:?}", r.problems);
        }
        // A note's own URI is not registered.
        assert_eq!(
            uris(&read("https://a/cb  // was https://b/cb")),
            ["https://a/cb"]
        );
        // A URI holding `--` or `(` is kept whole.
        assert_eq!(uris(&read("https://a/c--b(1)")), ["https://a/c--b(1)"]);
        // Two URIs joined by a word are both read.
        assert_eq!(
            uris(&read("https://a/cb and https://b/cb")),
            ["https://a/cb", "https://b/cb"]
        );
    }

    #[test]
    fn list_markers_before_a_uri_are_ignored() {
        for line in [
            "- https://a/cb",
            "* https://a/cb",
            "+ https://a/cb",
            "\u{2022} https://a/cb",
            "1. https://a/cb",
            "2) https://a/cb",
            "a) https://a/cb",
            "[x] https://a/cb",
            "[ ] https://a/cb",
            "- [x] https://a/cb",
            "\u{1F539} `https://a/cb`",
            "\u{2705} https://a/cb",
            "\u{27A1}\u{FE0F} https://a/cb",
            "-> https://a/cb",
        ] {
            let r = read(line);
            assert_eq!(uris(&r), ["https://a/cb"], "{line}");
            assert!(r.problems.is_empty(), "{line}: {:?}", r.problems);
        }
        // An invisible character before a URI is kept, to be judged.
        assert_eq!(
            uris(&read("\u{200B}https://a/cb")),
            ["\u{200B}https://a/cb"]
        );
        // Words before a URI are no marker.
        assert!(read("prod https://a/cb").uris.is_empty());
        // A symbol run before something that is not a URI is left alone: the text only reads
        // as holding no URI.
        let r = read("\u{1F539} see the wiki");
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0]
            .message
            .starts_with("no redirect URI was found"));
    }

    #[test]
    fn link_markup_gives_the_linked_uri() {
        for (text, want) in [
            ("[https://a/cb](https://a/cb)", "https://a/cb"),
            ("- [prod callback](https://a/cb)", "https://a/cb"),
            ("[shown](https://a/cb/)", "https://a/cb/"),
            ("<https://a/cb|https://a/cb>", "https://a/cb"),
            ("<https://a/cb|prod>", "https://a/cb"),
            ("<https://a/cb>", "https://a/cb"),
        ] {
            let r = read(text);
            assert_eq!(uris(&r), [want], "{text}");
            assert!(r.problems.is_empty(), "{text}: {:?}", r.problems);
        }
    }

    const FT: &str = "\nDisplayName    AppId                                RedirectUris\n-----------    -----                                ------------\nOther App      11111111-2222-3333-4444-555555555555 {https://localhost:5001/signin-oidc/}\nContoso Portal 6731de76-14a6-49ae-97bc-6eba6914391e {https://app.contoso.com/signin-oidc, https://localhost:5001/signin-oidc}\n";

    #[test]
    fn reads_a_format_table_row_by_client_id() {
        let r = read_for(FT, Some("6731de76-14a6-49ae-97bc-6eba6914391e"), None);
        assert_eq!(
            uris(&r),
            [
                "https://app.contoso.com/signin-oidc",
                "https://localhost:5001/signin-oidc"
            ]
        );
        assert_eq!(r.uris[0].line, 5);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let r = read_for(FT, None, None);
        assert!(r.uris.is_empty());
        assert!(
            r.problems[0].message.contains("'Contoso Portal'"),
            "{:?}",
            r.problems
        );
    }

    #[test]
    fn reads_format_table_platform_columns_that_overflow() {
        let r = read("AppId                                Web                          Spa\n-----                                ---                          ---\n6731de76-14a6-49ae-97bc-6eba6914391e {https://app.contoso.com/signin-oidc}  {https://spa.contoso.com/redirect}\n");
        assert_eq!(r.on(Platform::Web), ["https://app.contoso.com/signin-oidc"]);
        assert_eq!(r.on(Platform::Spa), ["https://spa.contoso.com/redirect"]);
        assert!(r.has_platforms);
        assert_eq!(
            r.app_id.as_deref(),
            Some("6731de76-14a6-49ae-97bc-6eba6914391e")
        );
    }

    #[test]
    fn a_table_cell_cut_by_the_console_is_reported_not_read() {
        for cut in ["https://loc\u{2026}", "https://loc..."] {
            let text = format!("DisplayName  ReplyUrls\n-----------  ---------\nPortal       https://a/cb\nOther        {cut}\n");
            let r = read(&text);
            assert_eq!(uris(&r), ["https://a/cb"], "{cut}");
            assert_eq!(r.problems.len(), 1);
            assert_eq!(r.problems[0].line, 4);
            assert!(
                r.problems[0].message.contains("was cut by the table"),
                "{:?}",
                r.problems
            );
        }
    }

    #[test]
    fn a_table_without_a_redirect_uri_column_is_reported() {
        let r = read("DisplayName     AppId                                 CreatedDateTime\n--------------  ------------------------------------  --------------------\nContoso Portal  6731de76-14a6-49ae-97bc-6eba6914391e  2024-05-02T09:13:44Z\n");
        assert!(r.uris.is_empty());
        assert_eq!(r.problems.len(), 1);
        let m = &r.problems[0].message;
        assert!(
            m.contains(
                "no redirect URI column (its columns are DisplayName, AppId, CreatedDateTime)"
            ),
            "{m}"
        );
        assert!(m.contains("az ad app show --id"), "{m}");
        // A heading underlined with dashes is not a table.
        let r = read("Prod\n----\nhttps://a/cb\n");
        assert_eq!(uris(&r), ["https://a/cb"]);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn reads_a_csv_export() {
        let r = read("Type,Redirect URI,Enabled\r\n\"Web\",\"https://app.contoso.com/signin-oidc\",true\r\n\"Spa\",\"https://spa.contoso.com/redirect\",true\r\n");
        assert_eq!(r.on(Platform::Web), ["https://app.contoso.com/signin-oidc"]);
        assert_eq!(r.on(Platform::Spa), ["https://spa.contoso.com/redirect"]);
        assert_eq!(r.uris.len(), 2);
        assert!(r.has_platforms);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        // Quoted cells without a header; a quoted cell keeps its comma.
        let r = read("\"https://a/cb\", \"https://b/cb?x=1,2\"");
        assert_eq!(uris(&r), ["https://a/cb", "https://b/cb?x=1,2"]);
        // Unquoted: a comma splits only before another URI.
        let r = read("https://a/cb?x=1,2\nhttps://b/cb,https://c/cb");
        assert_eq!(
            uris(&r),
            ["https://a/cb?x=1,2", "https://b/cb", "https://c/cb"]
        );
    }

    #[test]
    fn a_csv_cell_that_is_not_a_uri_is_never_registered() {
        let r =
            read("Name,Redirect URI\nprod,app.contoso.com/cb\nlocal,http://localhost:3000/cb\n");
        assert_eq!(uris(&r), ["http://localhost:3000/cb"]);
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].line, 2);
    }

    #[test]
    fn reads_a_markdown_table() {
        let r = read("| Platform | Redirect URI |\n|---|:---|\n| Web | https://app.contoso.com/a |\n| SPA | `https://spa.contoso.com/` |\n| Notes | see the wiki |\n");
        assert_eq!(r.on(Platform::Web), ["https://app.contoso.com/a"]);
        assert_eq!(r.on(Platform::Spa), ["https://spa.contoso.com/"]);
        assert_eq!(r.uris.len(), 2);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn bracketed_lists_of_bare_uris_are_text_not_json() {
        let r = read("{https://a/cb, https://b/cb}");
        assert!(!r.from_json);
        assert_eq!(uris(&r), ["https://a/cb", "https://b/cb"]);
        let r = read("['https://a/cb', 'https://b/cb']");
        assert_eq!(uris(&r), ["https://a/cb", "https://b/cb"]);
        // Broken JSON is still reported as JSON.
        let r = read("{\"web\": {\"redirectUris\": [\"https://a/cb\"]}");
        assert!(r.uris.is_empty());
        assert!(r.problems[0].message.contains("JSON"));
    }

    const TWO_APPS: &str = r#"[{"appId":"11111111-2222-3333-4444-555555555555","displayName":"Other app","web":{"redirectUris":["https://app.contoso.com/cb"]}},{"appId":"6731de76-14a6-49ae-97bc-6eba6914391e","displayName":"Contoso Portal","signInAudience":"AzureADMyOrg","web":{"redirectUris":["https://app.contoso.com/callback"]}}]"#;

    #[test]
    fn several_applications_are_narrowed_to_the_client_id() {
        let r = read_for(TWO_APPS, Some("6731DE76-14a6-49ae-97bc-6eba6914391e"), None);
        assert_eq!(uris(&r), ["https://app.contoso.com/callback"]);
        assert_eq!(r.audience, Audience::MyOrg);
        assert_eq!(
            r.app_id.as_deref(),
            Some("6731de76-14a6-49ae-97bc-6eba6914391e")
        );
        let wrapped = format!(r#"{{"value":{TWO_APPS}}}"#);
        let r = read_for(&wrapped, Some("11111111-2222-3333-4444-555555555555"), None);
        assert_eq!(uris(&r), ["https://app.contoso.com/cb"]);
    }

    #[test]
    fn several_applications_and_no_match_read_none_and_name_them() {
        for client in [None, Some("00000000-0000-0000-0000-000000000000")] {
            let r = read_for(TWO_APPS, client, None);
            assert!(r.uris.is_empty());
            assert_eq!(r.problems.len(), 1);
            let m = &r.problems[0].message;
            assert!(
                m.contains("'Other app' (appId 11111111-2222-3333-4444-555555555555)"),
                "{m}"
            );
            assert!(m.contains("'Contoso Portal'"), "{m}");
        }
        assert!(read_for(TWO_APPS, None, None).problems[0]
            .message
            .contains("no client_id"));
    }

    #[test]
    fn several_powershell_records_are_narrowed_to_the_client_id() {
        let text = "\nDisplayName : Other app\nAppId       : 11111111-2222-3333-4444-555555555555\nWeb         : {https://app.contoso.com/cb}   \n\nDisplayName : Contoso Portal\nAppId       : 6731de76-14a6-49ae-97bc-6eba6914391e\nWeb         : {https://app.contoso.com/callback}\n";
        let r = read_for(text, Some("6731de76-14a6-49ae-97bc-6eba6914391e"), None);
        assert_eq!(uris(&r), ["https://app.contoso.com/callback"]);
        assert_eq!(
            r.app_id.as_deref(),
            Some("6731de76-14a6-49ae-97bc-6eba6914391e")
        );
        let r = read_for(text, None, None);
        assert!(r.uris.is_empty());
        assert_eq!(r.problems.len(), 1);
        assert!(
            r.problems[0].message.contains(
                "'Other app' (appId 11111111-2222-3333-4444-555555555555), 'Contoso Portal'"
            ),
            "{:?}",
            r.problems
        );
    }

    /// Identifier URIs written as a block list (az `-o yaml`, Bicep, Terraform) are the app's
    /// identifiers, not redirect URIs; a redirect URI list written the same way still is.
    #[test]
    fn identifier_uris_in_a_block_list_are_identifiers() {
        let yaml = "identifierUris:\n- api://6731de76-14a6-49ae-97bc-6eba6914391e\nweb:\n  redirectUris:\n  - https://portal.contoso.com/signin-oidc\n";
        let r = read(yaml);
        assert_eq!(uris(&r), ["https://portal.contoso.com/signin-oidc"]);
        assert_eq!(
            r.identifiers,
            ["api://6731de76-14a6-49ae-97bc-6eba6914391e"]
        );
        let bicep = "resource app 'Microsoft.Graph/applications@v1.0' = {\n  displayName: 'Contoso Portal'\n  identifierUris: [\n    'api://contoso-portal'\n  ]\n  web: {\n    redirectUris: [\n      'https://portal.contoso.com/signin-oidc'\n    ]\n  }\n}\n";
        let r = read(bicep);
        assert_eq!(uris(&r), ["https://portal.contoso.com/signin-oidc"]);
        assert_eq!(r.identifiers, ["api://contoso-portal"]);
        let tf = "resource \"azuread_application\" \"portal\" {\n  identifier_uris = [\n    \"https://contoso.onmicrosoft.com/portal\",\n  ]\n  web {\n    homepage_url  = \"https://portal.contoso.com/\"\n    redirect_uris = [\n      \"https://portal.contoso.com/signin-oidc\",\n    ]\n  }\n}\n";
        let r = read(tf);
        assert_eq!(uris(&r), ["https://portal.contoso.com/signin-oidc"]);
        assert_eq!(r.identifiers, ["https://contoso.onmicrosoft.com/portal"]);
        // Near miss: the list ends where the YAML key's items end.
        let r = read(
            "identifierUris:\n- api://contoso-portal\nhttps://portal.contoso.com/signin-oidc\n",
        );
        assert_eq!(uris(&r), ["https://portal.contoso.com/signin-oidc"]);
        assert_eq!(r.identifiers, ["api://contoso-portal"]);
    }

    /// The portal's Overview shows counts of redirect URIs and the Application ID URI, in any
    /// of the shapes a copy gives: none is read as a redirect URI, and the counts are said.
    #[test]
    fn the_portals_overview_gives_counts_not_uris() {
        let id = "api://6731de76-14a6-49ae-97bc-6eba6914391e";
        for shape in [
            format!("Application (client) ID\n: 6731de76-14a6-49ae-97bc-6eba6914391e\nRedirect URIs\n: 2 web, 1 spa, 1 public client\nApplication ID URI\n: {id}\n"),
            format!("Redirect URIs\n:\n2 web, 1 spa, 1 public client\nApplication ID URI\n:\n{id}\n"),
            format!("Redirect URIs\n2 web, 1 spa, 1 public client\nApplication ID URI\n{id}\n"),
        ] {
            let r = read(&shape);
            assert!(r.uris.is_empty(), "{shape}: {:?}", r.uris);
            assert_eq!(r.identifiers, [id], "{shape}");
            assert_eq!(r.problems.len(), 1, "{shape}: {:?}", r.problems);
            assert!(r.problems[0].message.contains("(2 web, 1 spa, 1 public client)"));
        }
        // Near miss: a URI under a heading that names no property is still read.
        let r = read("Production\nhttps://portal.contoso.com/signin-oidc\n");
        assert_eq!(uris(&r), ["https://portal.contoso.com/signin-oidc"]);
        assert!(portal_counts("2 web apps").is_none());
    }

    /// A CSV whose header names its redirect URI columns: only those are read, on the platform
    /// a column names; the identifier column gives identifiers; the home page and logout
    /// columns are not read. A cell of type names is said; URIs separated by spaces are split.
    #[test]
    fn a_csv_reads_only_its_redirect_uri_columns() {
        let csv = "\"DisplayName\",\"AppId\",\"IdentifierUris\",\"HomePage\",\"LogoutUrl\",\"RedirectUris\"\n\"Contoso Portal\",\"6731de76-14a6-49ae-97bc-6eba6914391e\",\"api://contoso\",\"https://portal.contoso.com/\",\"https://portal.contoso.com/signout-oidc\",\"https://portal.contoso.com/signin-oidc;https://localhost:5001/signin-oidc\"\n";
        let r = read(csv);
        assert_eq!(
            uris(&r),
            [
                "https://portal.contoso.com/signin-oidc",
                "https://localhost:5001/signin-oidc"
            ]
        );
        assert_eq!(r.identifiers, ["api://contoso"]);
        let csv = "\"DisplayName\",\"AppId\",\"WebRedirectUris\",\"SpaRedirectUris\"\n\"Contoso Mobile\",\"6731de76-14a6-49ae-97bc-6eba6914391e\",\"https://portal.contoso.com/signin-oidc https://localhost:5001/signin-oidc\",\"https://spa.contoso.com/\"\n";
        let r = read(csv);
        assert!(r.has_platforms);
        assert_eq!(
            uris_on(&r),
            [
                ("https://portal.contoso.com/signin-oidc", Platform::Web),
                ("https://localhost:5001/signin-oidc", Platform::Web),
                ("https://spa.contoso.com/", Platform::Spa)
            ]
        );
        let csv = "\"DisplayName\",\"AppId\",\"Web\",\"Spa\"\n\"Contoso Portal\",\"6731de76-14a6-49ae-97bc-6eba6914391e\",\"Microsoft.Graph.PowerShell.Models.MicrosoftGraphWebApplication\",\"Microsoft.Graph.PowerShell.Models.MicrosoftGraphSpaApplication\"\n";
        let r = read(csv);
        assert!(r.uris.is_empty());
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert!(r.problems[0]
            .message
            .starts_with("Web and Spa (line 2) show only their type names"));
        // Near miss: a header with no redirect URI column reads every URI cell, as before.
        let r = read("Platform,Uri\nWeb,https://portal.contoso.com/signin-oidc\n");
        assert_eq!(
            uris_on(&r),
            [("https://portal.contoso.com/signin-oidc", Platform::Web)]
        );
    }

    /// What a `/* … */` block comment holds is not registered (Terraform, Bicep); a wildcard
    /// URI's `/*` opens no comment.
    #[test]
    fn block_comments_are_not_read() {
        let tf = "resource \"azuread_application\" \"portal\" {\n  web {\n    redirect_uris = [\n      \"https://portal.contoso.com/signin-oidc\",\n      /* \"https://portal.contoso.com/signin-oidc/\", */\n    ]\n  }\n  /*\n  single_page_application {\n    redirect_uris = [\"https://spa.contoso.com/\"]\n  }\n  */\n}\n";
        let r = read(tf);
        assert_eq!(uris(&r), ["https://portal.contoso.com/signin-oidc"]);
        let r = read("https://*.contoso.com/cb\nhttps://a.contoso.com/*/x */\n");
        assert_eq!(
            uris(&r),
            ["https://*.contoso.com/cb", "https://a.contoso.com/*/x"]
        );
        assert!(block_comments("a /* b").is_none());
    }

    /// PowerShell's array literal `@(…)` is a list of its quoted items; a URI that ends in `)`
    /// outside one stays as it is.
    #[test]
    fn a_powershell_array_literal_is_a_list() {
        for text in [
            "@('https://portal.contoso.com/signin-oidc','https://localhost:5001/signin-oidc')",
            "@(\"https://portal.contoso.com/signin-oidc\", \"https://localhost:5001/signin-oidc\")",
        ] {
            let r = read(text);
            assert_eq!(
                uris(&r),
                [
                    "https://portal.contoso.com/signin-oidc",
                    "https://localhost:5001/signin-oidc"
                ],
                "{text}"
            );
            assert!(r.problems.is_empty(), "{:?}", r.problems);
        }
        let r = read("https://portal.contoso.com/page(1)\n");
        assert_eq!(uris(&r), ["https://portal.contoso.com/page(1)"]);
    }

    /// Entries marked as removed (struck through, `(removed)`, a `removed` status cell) are left
    /// out and said; `(old)` and `to be removed` are no such mark.
    #[test]
    fn entries_marked_removed_are_left_out() {
        for text in [
            "- https://portal.contoso.com/signin-oidc\n- ~~https://old.contoso.com/signin-oidc~~\n",
            "https://portal.contoso.com/signin-oidc\nhttps://old.contoso.com/signin-oidc (removed)\n",
            "https://portal.contoso.com/signin-oidc\nhttps://old.contoso.com/signin-oidc   # deleted 2024-03-01\n",
            "| Platform | Redirect URI | Status |\n|---|---|---|\n| Web | https://portal.contoso.com/signin-oidc | active |\n| Web | https://old.contoso.com/signin-oidc | removed |\n",
        ] {
            let r = read_for(text, None, Some("https://old.contoso.com/signin-oidc"));
            assert_eq!(uris(&r), ["https://portal.contoso.com/signin-oidc"], "{text}");
            let note = r.notes.iter().find(|n| n.title.contains("removed")).expect(text);
            assert_eq!(note.severity, Severity::Warning);
            assert!(note.message.contains("https://old.contoso.com/signin-oidc is struck"));
            assert!(note.message.ends_with("it is the redirect URI the request sends."));
        }
        for text in [
            "https://portal.contoso.com/signin-oidc\nhttps://old.contoso.com/signin-oidc (old)\n",
            "https://portal.contoso.com/signin-oidc\nhttps://old.contoso.com/signin-oidc (to be removed)\n",
        ] {
            let r = read(text);
            assert_eq!(uris(&r).len(), 2, "{text}");
            assert!(r.notes.is_empty(), "{text}");
        }
    }

    /// JSON whose quotes a word processor made typographic is read as the JSON it is, with
    /// its platforms and identifiers.
    #[test]
    fn json_with_typographic_quotes_is_read_as_json() {
        let r = read("{\n  “web”: {“redirectUris”: [“https://portal.contoso.com/signin-oidc”]},\n  “spa”: {“redirectUris”: [“https://spa.contoso.com/”]},\n  “identifierUris”: [“api://contoso”]\n}");
        assert_eq!(
            uris_on(&r),
            [
                ("https://portal.contoso.com/signin-oidc", Platform::Web),
                ("https://spa.contoso.com/", Platform::Spa)
            ]
        );
        assert_eq!(r.identifiers, ["api://contoso"]);
        let r = read(
            "[“https://portal.contoso.com/signin-oidc”, “https://localhost:5001/signin-oidc”]",
        );
        assert_eq!(uris(&r).len(), 2);
        assert!(r.problems.is_empty());
    }

    /// Select -ExpandProperty Web over two applications prints two Web objects without AppIds:
    /// several applications, not one; a single Web object is read as before.
    #[test]
    fn several_web_objects_without_app_ids_are_several_applications() {
        let one = "HomePageUrl           : https://portal.contoso.com/\nImplicitGrantSettings : Microsoft.Graph.PowerShell.Models.MicrosoftGraphImplicitGrantSettings\nLogoutUrl             :\nRedirectUriSettings   : {Microsoft.Graph.PowerShell.Models.MicrosoftGraphRedirectUriSettings}\nRedirectUris          : {https://portal.contoso.com/signin-oidc}\nAdditionalProperties  : {}\n";
        let r = read(one);
        assert_eq!(
            uris_on(&r),
            [("https://portal.contoso.com/signin-oidc", Platform::Web)]
        );
        let two = format!("\n{}\n{one}\n", one.replace("portal.", "staging.portal."));
        let r = read(&two);
        assert!(r.uris.is_empty(), "{:?}", r.uris);
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0]
            .message
            .starts_with("this holds 2 Web platform objects"));
    }

    /// JSON of infrastructure code (an ARM template, `terraform show -json`) names the code
    /// that owns the registration, as its text form does; az's JSON names none.
    #[test]
    fn infrastructure_json_names_its_source() {
        let arm = r#"{"resources": [{"type": "Microsoft.Graph/applications@v1.0", "name": "portal", "properties": {"web": {"redirectUris": ["https://portal.contoso.com/signin-oidc"]}}}]}"#;
        let r = read(arm);
        assert_eq!(uris(&r), ["https://portal.contoso.com/signin-oidc"]);
        assert_eq!(r.source, Some("ARM template"));
        let tf = r#"{"values": {"root_module": {"resources": [{"type": "azuread_application", "values": {"web": [{"redirect_uris": ["https://portal.contoso.com/signin-oidc"]}]}}]}}}"#;
        assert_eq!(read(tf).source, Some("Terraform"));
        let az = r#"{"appId": "6731de76-14a6-49ae-97bc-6eba6914391e", "web": {"redirectUris": ["https://portal.contoso.com/signin-oidc"]}}"#;
        assert_eq!(read(az).source, None);
    }

    /// One app's platform objects in an array are its lists, not applications; applications
    /// without their appIds are named without a garbled one, and the query's fix is said.
    #[test]
    fn platform_objects_and_apps_without_app_ids() {
        let r = read(
            r#"[{"homePageUrl": null, "implicitGrantSettings": {"enableIdTokenIssuance": false}, "logoutUrl": null, "redirectUris": ["https://portal.contoso.com/signin-oidc"]}, {"redirectUris": ["https://spa.contoso.com/"]}]"#,
        );
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(
            uris_on(&r),
            [
                ("https://portal.contoso.com/signin-oidc", Platform::Web),
                ("https://spa.contoso.com/", Platform::Unknown)
            ]
        );
        let r = read(
            r#"{"value": [{"displayName": "A", "web": {"redirectUris": ["https://a/cb"]}}, {"displayName": "B", "web": {"redirectUris": ["https://b/cb"]}}]}"#,
        );
        let m = &r.problems[0].message;
        assert!(m.contains("'A' (no appId), 'B' (no appId)"), "{m}");
        assert!(m.contains("add appId to the query"), "{m}");
    }
}
