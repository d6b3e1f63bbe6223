//! Evidence: a HAR export of the failing sign-in, or an Entra sign-in log
//! export (SPEC §1 item 5). Read locally and auto-detected.
//!
//! - A HAR is traced from each authorize request to what Entra answered, the
//!   request that reached the app, and the token request ([`har`]).
//! - A sign-in log export (Graph `signIn` JSON, Log Analytics rows,
//!   diagnostic-settings records) is read into its entries ([`signin`]); so
//!   are the CSV downloads of the portal and of Log Analytics ([`csv`]).
//! - [`sanitize::har`] writes a redacted copy of a HAR.
//!
//! [`read`] needs nothing but the text; [`Evidence::evaluate`] then judges it
//! against the rest of the analysis (the request's client_id, a correlation
//! ID, the registration's platforms) and returns the `har.*` / `signin.*`
//! findings.

pub mod csv;
pub mod har;
pub mod sanitize;
pub mod signin;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::codes::finding;
use super::registered::Registered;
use super::report::{Finding, Platform, Severity};
use super::MAX_EVIDENCE;

/// What the evidence text turned out to be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Kind {
    /// Nothing was given.
    #[default]
    Empty,
    /// A HAR export (`log.entries`).
    Har,
    /// A sign-in log export.
    SignInLog,
    /// Neither could be read; [`Evidence::problem`] says why.
    Unreadable,
}

impl Kind {
    /// A lowercase name: `empty`, `har`, `signin_log`, `unreadable`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Empty => "empty",
            Kind::Har => "har",
            Kind::SignInLog => "signin_log",
            Kind::Unreadable => "unreadable",
        }
    }
}

/// The role of one HAR entry in the sign-in flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// A request to Entra's authorize endpoint.
    Authorize,
    /// Entra's answer that sends the browser back (redirect, form_post page)
    /// or its error page.
    EntraResponse,
    /// A redirect between Entra and the app that changed the URL.
    Redirect,
    /// The request that reached the redirect URI.
    Callback,
    /// A request to the token endpoint.
    Token,
    /// Another request of the flow (Entra's sign-in pages, ...).
    Other,
}

impl StepKind {
    /// A lowercase name: `authorize`, `entra_response`, `redirect`, `callback`, `token`, `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Authorize => "authorize",
            StepKind::EntraResponse => "entra_response",
            StepKind::Redirect => "redirect",
            StepKind::Callback => "callback",
            StepKind::Token => "token",
            StepKind::Other => "other",
        }
    }
}

/// One request of the HAR in the timeline of the sign-in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The 0-based position in `log.entries` in time order (texts say
    /// `#index+1`); the file order unless the file lists them out of time order.
    pub index: usize,
    /// The HTTP method.
    pub method: String,
    /// The request URL, as recorded.
    pub url: String,
    /// The response status (0 when the request got no answer).
    pub status: i64,
    /// Its role.
    pub kind: StepKind,
    /// What happened there, in a few words.
    pub note: String,
}

/// What the rest of the analysis knows, to judge the evidence against.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// The request's `client_id`.
    pub client_id: Option<&'a str>,
    /// A correlation ID from the authorize error text or the callback text.
    pub correlation_id: Option<&'a str>,
    /// The redirect URI the request sent.
    pub redirect_uri: Option<&'a str>,
    /// The registration, when one was given.
    pub registered: Option<&'a Registered>,
    /// The request sends prompt=none (a silent request: Entra shows no page).
    pub prompt_none: bool,
}

impl Context<'_> {
    /// The platform a URI is registered under, when the registration says.
    pub fn platform_of(&self, uri: &str) -> Option<Platform> {
        self.registered?
            .uris
            .iter()
            .find(|r| r.uri == uri)
            .map(|r| r.platform)
            .filter(|p| *p != Platform::Unknown)
    }
}

/// The evidence as read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    /// What it is.
    pub kind: Kind,
    /// One line: what was read ("HAR from Chrome 131: 214 requests, 2 authorize requests").
    pub summary: String,
    /// Why it could not be read (`input.evidence_unreadable` or `input.too_large`),
    /// or, beside what was read, that the file is cut off.
    pub problem: Option<Finding>,
    /// The URL of the authorize request the HAR trace analysed (a POST's form
    /// body appended as a query), to analyse as if pasted.
    pub authorize_url: Option<String>,
    /// What came back to the app, when the HAR shows it arrived: the landing
    /// URL (query or fragment response) or the form_post body (`code=…&state=…`).
    pub landing: Option<String>,
    /// The requests of the sign-in flow, in order.
    pub timeline: Vec<Step>,
    /// True when the HAR has the shape of a sanitised export: no cookie or
    /// credential header, the other headers kept.
    pub sanitized: bool,
    /// Every sign-in log entry read, in the order of the export.
    pub signins: Vec<signin::SignIn>,
    /// After [`Evidence::evaluate`]: the indices into `signins` of the failed
    /// entries that match the filter, in export order.
    pub shown: Vec<usize>,
    /// After [`Evidence::evaluate`]: the filter applied to the sign-in log, in words.
    pub filter: Option<String>,
    /// The HAR trace (context-free part).
    pub trace: Option<har::Trace>,
}

impl Evidence {
    fn unreadable(problem: Finding) -> Evidence {
        Evidence {
            kind: Kind::Unreadable,
            summary: problem.title.clone(),
            problem: Some(problem),
            ..Evidence::default()
        }
    }

    /// The failed sign-in entries that match the filter (after [`Evidence::evaluate`]).
    pub fn shown_signins(&self) -> impl Iterator<Item = &signin::SignIn> {
        self.shown.iter().filter_map(|&i| self.signins.get(i))
    }

    /// Judges the evidence against the rest of the analysis and returns its
    /// findings (unsorted). Also fills [`Evidence::shown`] and [`Evidence::filter`].
    pub fn evaluate(&mut self, ctx: &Context) -> Vec<Finding> {
        match self.kind {
            Kind::Empty => Vec::new(),
            Kind::Unreadable => self.problem.iter().cloned().collect(),
            // A file cut off also says so (`problem`).
            Kind::Har => {
                let mut out: Vec<Finding> = self
                    .trace
                    .as_ref()
                    .map(|t| t.findings_for(ctx))
                    .unwrap_or_default();
                out.extend(self.problem.iter().cloned());
                out
            }
            Kind::SignInLog => {
                let mut judged = signin::judge(&self.signins, ctx);
                self.shown = judged.shown;
                self.filter = judged.filter;
                judged.findings.extend(self.problem.iter().cloned());
                judged.findings
            }
        }
    }
}

fn unreadable(message: impl Into<String>) -> Finding {
    finding("input.evidence_unreadable")
        .detail(message)
        .fix("Give a HAR export of the failing sign-in (browser developer tools › Network › Preserve log, reproduce, then Export HAR) or a download of Entra's sign-in logs (Entra admin center › Sign-in logs › Download, JSON or CSV).")
}

/// Reads a HAR export or a sign-in log export, whichever `text` is.
pub fn read(text: &str) -> Evidence {
    if text.len() > MAX_EVIDENCE {
        return Evidence::unreadable(
            finding("input.too_large")
                .title(format!("The evidence file is too large ({} MB)", text.len() >> 20))
                .detail(format!(
                    "The evidence has {} bytes; the analyzer reads at most {} MB so the page stays responsive. Nothing in it was analysed.",
                    text.len(),
                    MAX_EVIDENCE >> 20
                ))
                .fix("Record only the failing sign-in (clear the Network log, reproduce, export), or filter the sign-in logs (by application, user or time) before downloading."),
        );
    }
    let t = text.trim_start_matches('\u{FEFF}').trim();
    if t.is_empty() {
        return Evidence::default();
    }
    let t = match lone_surrogates_replaced(t) {
        Some(fixed) => std::borrow::Cow::Owned(fixed),
        None => std::borrow::Cow::Borrowed(t),
    };
    let ev = read_json(&t);
    if ev.problem.is_none() {
        return ev;
    }
    // As copied from a terminal or Graph Explorer: the shell prompt and command above the JSON
    // (PS C:\> az rest …), or one object of a list with the comma after it.
    let object = t.strip_suffix(',').filter(|o| o.starts_with('{'));
    let candidates = [
        after_prompt(&t)
            .and_then(|at| t.get(at..))
            .map(str::to_string),
        object.map(str::to_string),
        object.map(|o| format!("[{o}]")),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(|c| read_json(c.trim()))
        .find(|e| e.problem.is_none() && e.kind != Kind::Empty)
        .unwrap_or(ev)
}

/// Where the JSON starts in text copied from a terminal, after the shell prompt and command
/// (at most three lines) above it; None when the text starts with JSON or holds none there.
pub(crate) fn after_prompt(t: &str) -> Option<usize> {
    if t.trim_start().starts_with(['{', '[']) {
        return None;
    }
    let mut at = 0;
    for l in t.split_inclusive('\n').take(4) {
        if at > 0 && l.trim_start().starts_with(['{', '[']) {
            return Some(at);
        }
        at += l.len();
    }
    None
}

/// JSON text with each `\uD800`–`\uDFFF` escape that is not half of a pair written as
/// `\uFFFD`, or `None` when there is none. JSON allows such escapes, and browsers write them
/// (a string cut in the middle of an emoji), but they are no character, so the JSON reader
/// refuses the whole file for one of them.
pub(crate) fn lone_surrogates_replaced(t: &str) -> Option<String> {
    let b = t.as_bytes();
    let unit = |at: usize| -> Option<u16> {
        if b.get(at) != Some(&b'\\') || b.get(at + 1) != Some(&b'u') {
            return None;
        }
        let hex = t.get(at + 2..at + 6)?;
        u16::from_str_radix(hex, 16).ok()
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit(i) {
            Some(0xD800..=0xDBFF)
                if unit(i + 6).is_some_and(|n| (0xDC00..=0xDFFF).contains(&n)) =>
            {
                i += 12;
            }
            Some(0xD800..=0xDFFF) => {
                let o = out.get_or_insert_with(|| String::with_capacity(t.len()));
                o.push_str(t.get(copied..i).unwrap_or_default());
                o.push_str("\\uFFFD");
                i += 6;
                copied = i;
            }
            Some(_) => i += 6,
            // Any other escape is two characters (`\\`, `\"`, `\n` …).
            None => i += 2,
        }
    }
    let mut o = out?;
    o.push_str(t.get(copied..).unwrap_or_default());
    Some(o)
}

/// JSON (or, failing that, CSV and other text).
fn read_json(t: &str) -> Evidence {
    match t.as_bytes().first() {
        Some(b'{') => read_object(t),
        Some(b'[') => match serde_json::from_str::<Vec<Value>>(t) {
            Ok(records)
                if records
                    .first()
                    .and_then(Value::as_object)
                    .is_some_and(is_har_entry) =>
            {
                match serde_json::from_str::<Vec<har::Entry>>(t) {
                    Ok(entries) => har_evidence(&har::Log::of_entries(entries)),
                    Err(e) => json_error(t, &e),
                }
            }
            Ok(records) => records_evidence(records, "a JSON array"),
            Err(e) => json_error(t, &e),
        },
        _ => read_text(t),
    }
}

/// Text that is not JSON: a sign-in log CSV export, or what else it is.
fn read_text(t: &str) -> Evidence {
    let first = t.lines().next().unwrap_or("").to_ascii_lowercase();
    let read = csv::read(t);
    match read {
        csv::Read::SignIns(records, shape, false) => records_evidence(records, &shape),
        csv::Read::SignIns(records, shape, true) => {
            let ev = records_evidence(records, &shape);
            let read = ev.signins.len();
            let problem = finding("input.evidence_unreadable")
                .title("The evidence file is cut off; the part before the cut was read")
                .detail(format!(
                    "The CSV ends in the middle of a row: the download or the copy was cut off. {} before the cut {} analysed; the cut row and whatever came after it are missing, so the failing sign-in may not show.",
                    match read {
                        1 => "The 1 complete row".to_string(),
                        n => format!("The {n} complete rows"),
                    },
                    if read == 1 { "was" } else { "were" }
                ))
                .fix("Download the sign-in logs again and give the whole file (filter by application, user or time to keep it small).");
            Evidence {
                problem: Some(problem),
                ..ev
            }
        }
        // A URL or error text with commas is not a table.
        _ if first.starts_with("http://")
            || first.starts_with("https://")
            || first.contains("aadsts") =>
        {
            Evidence::unreadable(unreadable(not_json_message(t)))
        }
        _ if csv::read_table(t).is_some() => {
            let (records, shape) = csv::read_table(t).unwrap_or_default();
            records_evidence(records, &shape)
        }
        _ if csv::read_pane(t).is_some() => {
            // PowerShell's Format-List of several sign-ins: a block of `Name : value` lines
            // each, between blank lines.
            let blocks: Vec<Value> = t
                .split("\n\n")
                .flat_map(|b| b.split("\r\n\r\n"))
                .filter_map(csv::read_pane)
                .collect();
            if blocks.len() > 1 {
                records_evidence(blocks, "PowerShell's Format-List of several sign-ins")
            } else {
                records_evidence(
                    csv::read_pane(t).into_iter().collect(),
                    "the portal's details of one sign-in",
                )
            }
        }
        csv::Read::OtherColumns(why) => Evidence::unreadable(unreadable(why)),
        csv::Read::NotCsv => Evidence::unreadable(unreadable(not_json_message(t))),
    }
}

/// What a non-JSON text probably is.
fn not_json_message(t: &str) -> String {
    // PowerShell's list view of a sign-in: nested objects show only their type names.
    if t.contains(".PowerShell.Models.") {
        return "This is PowerShell's list view of a sign-in (Format-List), where Status and the other nested objects show only their type names (Microsoft.Graph.PowerShell.Models.…), so the error code is not in it. Paste $s | ConvertTo-Json -Depth 10 instead, or $s.Status | Format-List for the error code and reason.".into();
    }
    let first = t.lines().next().unwrap_or("");
    let lower = first.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        "This is a URL, not a HAR or sign-in log export: paste an authorize URL in the authorize box and the landing URL in the \"what came back\" box.".into()
    } else if lower.contains("aadsts") {
        "This is error text, not a HAR or sign-in log export: paste it in the authorize box (Entra's error page) or the \"what came back\" box.".into()
    } else {
        "The evidence is neither JSON nor a CSV table: not a HAR export (an object with log.entries), nor a sign-in log export (a JSON array, an object with value: [...], or a CSV download with its header row).".into()
    }
}

fn json_error(t: &str, e: &serde_json::Error) -> Evidence {
    if json_message(e).starts_with("trailing characters") {
        if let Some(ev) = several_hars(t) {
            return ev;
        }
    }
    // A JSON Lines file (one record per line) fails at the second record.
    let first_line_whole = t
        .lines()
        .next()
        .is_some_and(|l| serde_json::from_str::<Value>(l).is_ok_and(|v| v.is_object()));
    if matches!(e.classify(), serde_json::error::Category::Syntax)
        && e.line() > 1
        && first_line_whole
        && t.lines()
            .filter(|l| !l.trim().is_empty())
            .all(|l| l.trim_start().starts_with('{'))
    {
        let mut records = Vec::new();
        for (n, line) in t.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            match serde_json::from_str::<Value>(line) {
                Ok(v) => records.push(v),
                Err(e2) => {
                    return Evidence::unreadable(unreadable(format!(
                        "Line {}, column {}: {}",
                        n + 1,
                        e2.column(),
                        json_message(&e2)
                    )))
                }
            }
        }
        return records_evidence(records, "JSON lines");
    }
    let msg = json_message(e);
    if matches!(e.classify(), serde_json::error::Category::Data) {
        // Well-formed JSON with a value of the wrong type where the reader
        // expected the export's structure (log.entries an object, …).
        return Evidence::unreadable(unreadable(format!(
            "The evidence is valid JSON, but not the shape of a HAR or sign-in log export: line {}, column {}: {msg}. Expected a HAR (an object with log.entries, an array of requests, each with request and response objects) or a sign-in log export (a JSON array of sign-in records, or an object with value: [...]).",
            e.line(),
            e.column()
        )));
    }
    if e.is_eof() {
        if let Some(ev) = salvage_json(t).map(|s| read_json(&s.closed)) {
            let read = match ev.kind {
                Kind::Har => ev.trace.as_ref().map_or(0, |t| t.entries),
                Kind::SignInLog => ev.signins.len(),
                _ => 0,
            };
            if read > 0 {
                let what = match (ev.kind, read) {
                    (Kind::Har, 1) => "1 complete request before the cut was".to_string(),
                    (Kind::Har, n) => format!("{n} complete requests before the cut were"),
                    (_, 1) => "1 complete sign-in entry before the cut was".to_string(),
                    (_, n) => format!("{n} complete sign-in entries before the cut were"),
                };
                let problem = finding("input.evidence_unreadable")
                    .title("The evidence file is cut off; the part before the cut was read")
                    .detail(format!(
                        "The evidence ends in the middle (line {}, column {}: {}): the download or the copy was cut off. The {what} analysed; whatever came after them is missing, so a later step of the sign-in may not show.",
                        e.line(),
                        e.column(),
                        json_message(e)
                    ))
                    .fix("Export or download the evidence again and give the whole file (a HAR of a long session can be large: clear the Network log, reproduce only the failing sign-in, then Export HAR).");
                let mut ev = ev;
                // "No request follows" is no evidence in a file that stops there.
                for f in ev.trace.iter_mut().flat_map(|t| t.findings.iter_mut()) {
                    if f.code == "har.form_post_not_posted" {
                        *f = f
                            .clone()
                            .severity(Severity::Warning)
                            .title("The file is cut off after Entra's form_post page: whether it reached the app cannot be told")
                            .detail(format!("{} The HAR ends there, so the POST may simply be after the cut.", f.detail))
                            .fix("Export the HAR again, whole, and check it here: the request after the form_post page says whether the code reached the app.");
                    }
                }
                return Evidence {
                    summary: format!("{} (cut off)", ev.summary),
                    problem: Some(problem),
                    ..ev
                };
            }
        }
    }
    let hint = if e.is_eof() {
        " The file ends early: was the download or the copy cut off?"
    } else {
        ""
    };
    // Valid JSON nested deeper than the reader follows (128 levels): no export is.
    if msg.contains("recursion limit") {
        return Evidence::unreadable(unreadable(format!(
            "The evidence is JSON nested more than 128 levels deep (line {}, column {}), deeper than any HAR or sign-in log export, so it is not read.",
            e.line(),
            e.column()
        )));
    }
    Evidence::unreadable(unreadable(format!(
        "The evidence looks like JSON but is not valid: line {}, column {}: {msg}.{hint}",
        e.line(),
        e.column()
    )))
}

/// Several HAR files pasted one after the other: their requests read as one recording, in the
/// order given, and said. None when any piece is not a HAR.
fn several_hars(t: &str) -> Option<Evidence> {
    let mut values = serde_json::Deserializer::from_str(t).into_iter::<Value>();
    let mut first = values.next()?.ok()?;
    let mut files = 1;
    for v in values {
        let mut v = v.ok()?;
        let more = std::mem::take(v.pointer_mut("/log/entries")?.as_array_mut()?);
        first
            .pointer_mut("/log/entries")?
            .as_array_mut()?
            .extend(more);
        files += 1;
    }
    let ev = read_json(&first.to_string());
    if ev.kind != Kind::Har || files < 2 {
        return None;
    }
    let problem = finding("input.evidence_unreadable")
        .severity(Severity::Info)
        .title(format!("{files} HAR files were given one after the other; their requests were read as one recording"))
        .detail("The evidence holds several HAR exports back to back (each its own JSON object with log.entries), which is not one valid JSON file. Their requests were read together, in the order given, as if the browser had recorded them in one session.")
        .fix("If the files are of different sign-ins, check each on its own: the findings of one may hide another's.");
    Some(Evidence {
        summary: format!("{} ({files} files)", ev.summary),
        problem: Some(problem),
        ..ev
    })
}

/// serde_json's message without its " at line L column C" suffix.
fn json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(p) => s.get(..p).unwrap_or(&s).to_string(),
        None => s,
    }
}

/// The top-level object: a HAR (`log`), a Graph page (`value`), a Log
/// Analytics query result (`tables`), or a single record.
enum Top<'a> {
    Har(har::Log<'a>),
    Object(Map<String, Value>),
}

struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = Top<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top<'de>, A::Error> {
        let mut rest = Map::new();
        let mut log: Option<har::Log<'de>> = None;
        while let Some(key) = map.next_key::<har::Str<'de>>()? {
            if key.as_str() == "log" && log.is_none() {
                log = Some(map.next_value()?);
            } else if rest.len() < 10_000 {
                let v: Value = map.next_value()?;
                rest.insert(key.0.into_owned(), v);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(match log {
            Some(l) => Top::Har(l),
            None => Top::Object(rest),
        })
    }
}

fn read_object(t: &str) -> Evidence {
    let mut d = serde_json::Deserializer::from_str(t);
    let top = match (&mut d)
        .deserialize_map(TopVisitor)
        .and_then(|top| d.end().map(|()| top))
    {
        Ok(top) => top,
        Err(e) => return json_error(t, &e),
    };
    match top {
        Top::Har(log) if !log.has_entries() => Evidence::unreadable(unreadable("The JSON has a \"log\" but no \"log.entries\" list, which every HAR export holds (the browser's requests), so it is not a HAR. Export it again from the Network tab (Save all as HAR), or paste the sign-in log export instead.")),
        Top::Har(log) => har_evidence(&log),
        Top::Object(mut obj) => {
            // A HAR some tools save inside one more object ({"har": {"log": …}}, {"data": …}).
            if let Some(inner) = obj
                .values()
                .next()
                .filter(|v| obj.len() == 1 && v.get("log").is_some_and(Value::is_object))
            {
                return read_object(&inner.to_string());
            }
            if is_har_entry(&obj) {
                return match serde_json::from_str::<har::Entry>(t) {
                    Ok(entry) => har_evidence(&har::Log::of_entries(vec![entry])),
                    Err(e) => json_error(t, &e),
                };
            }
            if let Some(Value::Array(records)) = obj.remove("value") {
                let mut ev = records_evidence(records, "a Graph response (value: [...])");
                // One page of a longer result: the failing sign-in may be on a later one.
                if obj.contains_key("@odata.nextLink") && ev.kind == Kind::SignInLog {
                    ev.problem = Some(finding("input.evidence_unreadable")
                        .severity(Severity::Warning)
                        .title("The export is one page of a longer result")
                        .detail(format!("The Graph response carries @odata.nextLink: it is the first page ({} entries) of more sign-ins, and the failing one may be on a later page, so what this page does not show is not known.", ev.signins.len()))
                        .fix("Follow @odata.nextLink (az rest --url '<nextLink>', Graph Explorer's next page), fetch all pages (Get-MgAuditLogSignIn -All), or filter the request to the failing sign-in ($filter=correlationId eq '…' or appId eq '…' and a time range)."));
                }
                return ev;
            }
            // Diagnostic settings write {"records": [...]} to Event Hubs and storage.
            if let Some(Value::Array(records)) = obj.remove("records") {
                return records_evidence(records, "a diagnostic-settings export (records: [...])");
            }
            if let Some(tables) = obj.get("tables").and_then(Value::as_array) {
                return records_evidence(
                    signin::rows_of_tables(tables),
                    "a Log Analytics query result",
                );
            }
            if is_app_registration(&obj) {
                return Evidence::unreadable(unreadable("This JSON is an app registration (its manifest or Microsoft Graph application object: web, spa, publicClient or replyUrlsWithType), not a HAR or a sign-in log. Paste it in Registered redirect URIs, where its redirect URIs and platforms are read."));
            }
            let v = Value::Object(obj);
            if signin::is_record(&v) {
                records_evidence(vec![v], "a single sign-in record")
            } else {
                Evidence::unreadable(unreadable("This JSON object is neither a HAR export (it has no \"log\" with \"entries\") nor a sign-in log export (no \"value\" array, no sign-in fields such as appId, status or correlationId)."))
            }
        }
    }
}

/// An app registration's JSON (the manifest, a Graph application, `az ad app show`): its
/// platform fields, and none of a sign-in's.
fn is_app_registration(o: &Map<String, Value>) -> bool {
    const APP: [&str; 7] = [
        "web",
        "spa",
        "publicClient",
        "replyUrlsWithType",
        "replyUrls",
        "identifierUris",
        "requiredResourceAccess",
    ];
    const SIGN_IN: [&str; 5] = [
        "status",
        "correlationId",
        "userPrincipalName",
        "ResultType",
        "errorCode",
    ];
    APP.iter().any(|k| o.contains_key(*k)) && !SIGN_IN.iter().any(|k| o.contains_key(*k))
}

/// A HAR entry outside its log: an object with `request` and `response` objects.
fn is_har_entry(o: &Map<String, Value>) -> bool {
    o.get("request").is_some_and(Value::is_object)
        && o.get("response").is_some_and(Value::is_object)
}

fn har_evidence(log: &har::Log) -> Evidence {
    let trace = har::trace(log);
    Evidence {
        kind: Kind::Har,
        summary: trace.summary.clone(),
        authorize_url: trace.authorize_url.clone(),
        landing: trace.landing.clone(),
        timeline: trace.timeline.clone(),
        sanitized: trace.sanitized_export,
        trace: Some(trace),
        ..Evidence::default()
    }
}

fn records_evidence(records: Vec<Value>, shape: &str) -> Evidence {
    let total = records.len();
    let mut signins = signin::merge_expanded(
        records
            .iter()
            .enumerate()
            .filter(|(_, r)| signin::is_record(r))
            .map(|(i, r)| signin::SignIn::from_value(i, r))
            .collect(),
    );
    signin::settle_day_month(&mut signins);
    if signins.is_empty() && total > 0 {
        return Evidence::unreadable(unreadable(format!(
            "The evidence is {shape} of {total} items, but none is a sign-in log entry (no appId, status, correlationId or createdDateTime)."
        )));
    }
    let failed = signins.iter().filter(|s| s.error_code != 0).count();
    Evidence {
        kind: Kind::SignInLog,
        summary: format!(
            "Sign-in log ({shape}): {} {}, {failed} failed",
            signins.len(),
            if signins.len() == 1 {
                "entry"
            } else {
                "entries"
            }
        ),
        signins,
        ..Evidence::default()
    }
}

/// JSON cut off before its end, closed after the last complete element of
/// its outermost open array (a HAR's `log.entries`, a sign-in log's array).
#[derive(Debug, PartialEq, Eq)]
pub struct Salvage {
    /// The text up to that element, with the open containers closed.
    pub closed: String,
    /// The keys leading to the cut array (`["log", "entries"]`; empty for a
    /// top-level array).
    pub keys: Vec<String>,
}

/// Salvages JSON that ends early; None when nothing is open at the end, or
/// the outermost open array has no complete element.
pub fn salvage_json(t: &str) -> Option<Salvage> {
    struct Frame {
        array: bool,
        /// The key this container is the value of (a quoted range).
        key: Option<(usize, usize)>,
        /// The end of its last complete element (arrays).
        complete: Option<usize>,
    }
    let b = t.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut last_string: Option<(usize, usize)> = None;
    let mut key: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                if i >= b.len() {
                    break;
                }
                last_string = Some((start, i + 1));
            }
            b':' => key = last_string.take(),
            b'{' | b'[' => stack.push(Frame {
                array: b[i] == b'[',
                key: key.take(),
                complete: None,
            }),
            b'}' | b']' => {
                stack.pop()?;
                if let Some(top) = stack.last_mut().filter(|f| f.array) {
                    top.complete = Some(i + 1);
                }
            }
            b',' => {
                key = None;
                if let Some(top) = stack.last_mut().filter(|f| f.array) {
                    top.complete = Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    let at = stack.iter().position(|f| f.array)?;
    let end = stack.get(at)?.complete?;
    let mut closed = t.get(..end)?.to_string();
    for f in stack.iter().take(at + 1).rev() {
        closed.push(if f.array { ']' } else { '}' });
    }
    let keys = stack
        .iter()
        .take(at + 1)
        .skip(1)
        .filter_map(|f| f.key)
        .map(|(s, e)| {
            serde_json::from_str::<String>(t.get(s..e).unwrap_or("\"\"")).unwrap_or_default()
        })
        .collect();
    Some(Salvage { closed, keys })
}

/// The correlation ID quoted in free text (`Correlation ID: <guid>`,
/// `correlation_id=<guid>`, `"correlationId":"<guid>"`), if any.
pub fn correlation_id_in(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower.get(from..).and_then(|s| s.find("correlation")) {
        let at = from + p + "correlation".len();
        from = at;
        let rest = lower.get(at..).unwrap_or("");
        // "Correlation ID: ", "correlation_id=", "correlationId":", and as a landing URL's
        // error_description carries it: "Correlation+ID%3a+", "Correlation%20ID%3A%20".
        let rest = skip_separators(rest, &['_', '-', ' ', '+'], &["%20"]);
        let rest = rest.strip_prefix("id").unwrap_or(rest);
        let rest = skip_separators(
            rest,
            &[' ', '\t', ':', '=', '"', '\'', '+'],
            &["%20", "%3a", "%3d", "%22", "%27"],
        );
        let start = text.len() - rest.len();
        if let Some(id) = text
            .get(start..start + 36)
            .filter(|c| super::uri::is_guid(c))
        {
            return Some(id.to_string());
        }
    }
    None
}

/// `text` (lower case) after the leading separators: the characters and the percent-encoded
/// ones given, in any order.
fn skip_separators<'a>(mut text: &'a str, chars: &[char], encoded: &[&str]) -> &'a str {
    loop {
        let rest = text.trim_start_matches(chars);
        let rest = encoded
            .iter()
            .find_map(|e| rest.strip_prefix(e))
            .unwrap_or(rest);
        if rest.len() == text.len() {
            return rest;
        }
        text = rest;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A terminal's prompt and command above the JSON, or one object of a list copied with its
    /// comma, are read; text that is no JSON after them stays unreadable.
    #[test]
    fn a_prompt_line_or_a_trailing_comma_is_read_past() {
        let one = r#"{"appId":"A","correlationId":"c","createdDateTime":"2026-11-20T10:00:00Z","status":{"errorCode":50011,"failureReason":"x"}}"#;
        for t in [
            format!("PS C:\\> az rest --url \"https://graph.microsoft.com/v1.0/auditLogs/signIns\"\n{{\"value\":[{one}]}}"),
            format!("  {one},\n"),
            format!("{one},\n{one},"),
        ] {
            let e = read(&t);
            assert_eq!(e.kind, Kind::SignInLog, "{t}: {:?}", e.problem);
            assert!(e.problem.is_none());
        }
        // Near miss: a prompt line above text that is not JSON.
        assert_eq!(
            read("PS C:\\> Get-MgAuditLogSignIn\nId : 1").kind,
            Kind::Unreadable
        );
    }

    /// Two HAR files back to back are read as one recording, said; a HAR followed by other
    /// JSON stays unreadable.
    #[test]
    fn har_files_back_to_back_are_read_together() {
        let har = |url: &str| {
            format!(
                r#"{{"log":{{"entries":[{{"request":{{"method":"GET","url":"{url}","headers":[]}},"response":{{"status":200,"headers":[],"content":{{"size":0}}}}}}]}}}}"#
            )
        };
        let a = har("https://app.contoso.com/");
        let b = har("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=c&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb");
        let e = read(&format!("{a}\n{b}\n"));
        assert_eq!(e.kind, Kind::Har, "{:?}", e.problem);
        assert_eq!(e.trace.as_ref().map(|t| t.entries), Some(2));
        assert!(e.authorize_url.is_some());
        let p = e.problem.expect("said");
        assert_eq!(p.severity, Severity::Info);
        assert!(p.title.starts_with("2 HAR files"), "{}", p.title);
        // Near miss: a HAR and then something else.
        assert_eq!(read(&format!("{a}\n{{\"x\": 1}}")).kind, Kind::Unreadable);
    }

    /// The correlation ID is found as typed and as a landing URL's error_description
    /// carries it (form-encoded or percent-encoded).
    #[test]
    fn correlation_id_is_found_url_encoded() {
        let id = "e4d3c2b1-a098-4f7e-8d6c-5b4a39281706";
        for t in [
            format!("Correlation ID: {id}"),
            format!("...%0d%0aCorrelation+ID%3a+{id}%0d%0aTimestamp"),
            format!("Correlation%20ID%3A%20{id}"),
            format!(r#""correlationId":"{id}""#),
        ] {
            assert_eq!(correlation_id_in(&t).as_deref(), Some(id), "{t}");
        }
        // Near miss: another GUID further on is not it.
        assert_eq!(
            correlation_id_in(&format!("Correlation ID%3a+x Trace ID: {id}")),
            None
        );
    }

    /// A lone surrogate escape is read as U+FFFD; pairs and escaped backslashes are kept.
    #[test]
    fn lone_surrogate_escapes_are_replaced() {
        assert_eq!(lone_surrogates_replaced(r#"{"a":"x\ud83d\ude00"}"#), None);
        assert_eq!(lone_surrogates_replaced(r#"{"a":"\\ud83d"}"#), None);
        assert_eq!(
            lone_surrogates_replaced(r#"{"a":"x\ud83d","b":"\udc00y"}"#).as_deref(),
            Some(r#"{"a":"x\uFFFD","b":"\uFFFDy"}"#)
        );
        assert_eq!(
            lone_surrogates_replaced(r#"["\ud83d\u0041"]"#).as_deref(),
            Some(r#"["\uFFFD\u0041"]"#)
        );
    }

    #[test]
    fn a_log_without_entries_is_no_har() {
        for t in [
            r#"{"log": {"foo": 1}}"#.to_string(),
            format!("{}{{}}{}", r#"{"log":"#.repeat(300), "}".repeat(300)),
        ] {
            let e = read(&t);
            assert_eq!(
                e.problem.as_ref().map(|p| p.code.as_str()),
                Some("input.evidence_unreadable"),
                "{}",
                &t[..20]
            );
        }
        // Near miss: a HAR that recorded nothing is a HAR.
        let e = read(r#"{"log": {"version": "1.2", "entries": []}}"#);
        assert!(e.problem.is_none(), "{:?}", e.problem);
    }

    #[test]
    fn empty_and_non_json_text() {
        assert_eq!(read("  \n").kind, Kind::Empty);
        let e = read("hello");
        assert_eq!(e.kind, Kind::Unreadable);
        assert_eq!(
            e.problem.as_ref().map(|f| f.code.as_str()),
            Some("input.evidence_unreadable")
        );
        let e = read("Date (UTC),Request ID,User agent,Correlation ID\n2026-01-01,x,y,z");
        assert!(e.problem.as_ref().is_some_and(|f| f.detail.contains("CSV")));
    }

    #[test]
    fn bad_json_names_line_and_column() {
        let e = read("{\n  \"log\": {\n    \"entries\": [ }\n}");
        let p = e.problem.expect("problem");
        assert_eq!(p.code, "input.evidence_unreadable");
        assert!(p.detail.contains("line 3, column"), "{}", p.detail);
        let e = read("[{\"appId\": \"x\"");
        assert!(e.problem.expect("problem").detail.contains("ends early"));
    }

    #[test]
    fn json_cut_off_is_closed_after_its_last_complete_element() {
        let s = salvage_json(
            r#"{"log": {"version": "1.2", "entries": [{"a": 1}, {"b": [1, 2]}, {"c": "x"#,
        )
        .expect("salvaged");
        assert_eq!(
            s.closed,
            r#"{"log": {"version": "1.2", "entries": [{"a": 1}, {"b": [1, 2]}]}}"#
        );
        assert_eq!(s.keys, ["log", "entries"]);
        let s = salvage_json(r#"[{"appId": "x", "k": "}]"}, {"appId"#).expect("salvaged");
        assert_eq!(s.closed, r#"[{"appId": "x", "k": "}]"}]"#);
        assert!(s.keys.is_empty());
        // Nothing to salvage: complete, cut inside the first element, no array.
        assert_eq!(salvage_json(r#"[{"a": 1}]"#), None);
        assert_eq!(salvage_json(r#"[{"a": 1"#), None);
        assert_eq!(salvage_json(r#"{"a": "b"#), None);
        assert_eq!(salvage_json(r#"{"a": 1}]"#), None);
    }

    #[test]
    fn a_cut_off_export_reads_its_complete_part_and_says_so() {
        let entry = r#"{"request": {"method": "GET", "url": "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb"}, "response": {"status": 200, "content": {"text": ""}}}"#;
        let har = format!(
            r#"{{"log": {{"entries": [{entry}, {entry}, {{"request": {{"method": "GET", "url": "https://app.con"#
        );
        let e = read(&har);
        assert_eq!(e.kind, Kind::Har);
        assert_eq!(e.trace.as_ref().map(|t| t.entries), Some(2));
        assert!(e.summary.ends_with("(cut off)"), "{}", e.summary);
        let p = e.problem.as_ref().expect("says it is cut off");
        assert_eq!(p.code, "input.evidence_unreadable");
        assert!(p.detail.contains("2 complete requests"), "{}", p.detail);
        let log = r#"[{"appId": "a", "status": {"errorCode": 50011}}, {"appId": "a", "stat"#;
        let e = read(log);
        assert_eq!(e.kind, Kind::SignInLog);
        assert!(e
            .problem
            .is_some_and(|p| p.detail.contains("1 complete sign-in entry")));
        // A CSV cut inside a quoted field or short of its columns: its last row is not read.
        let csv = "Date (UTC),Request ID,Application ID,Status,Sign-in error code,Failure reason,User agent\n2026-11-20T10:00:00Z,r1,a,Success,0,,\"Mozilla/5.0\"\n2026-11-20T10:01:00Z,r2,a,Failure,50011,The redirect URI,\"Mozilla";
        for text in [csv, &csv[..csv.rfind(",The").unwrap_or(0)]] {
            let e = read(text);
            assert_eq!(e.kind, Kind::SignInLog, "{text}");
            assert_eq!(e.signins.len(), 1, "{text}");
            assert!(
                e.problem
                    .is_some_and(|p| p.detail.contains("The 1 complete row")),
                "{text}"
            );
        }
        // Broken (not cut off) is not salvaged.
        let e = read(&har.replace("[{", "[{{"));
        assert_eq!(e.kind, Kind::Unreadable);
        // Cut off right after Entra's form_post page: "never posted" is no more than a warning.
        let page = r#"{"request": {"method": "GET", "url": "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&response_mode=form_post&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&state=s"}, "response": {"status": 200, "content": {"text": "<form method=\"POST\" name=\"hiddenform\" action=\"https://app.contoso.com/cb\"><input type=\"hidden\" name=\"code\" value=\"0.AX\" /><input type=\"hidden\" name=\"state\" value=\"s\" /></form>"}}}"#;
        let whole = format!(r#"{{"log": {{"entries": [{page}]}}}}"#);
        let cut = format!(
            r#"{{"log": {{"entries": [{page}, {{"request": {{"method": "POST", "url": "https://app.con"#
        );
        let severity = |text: &str| {
            read(text).trace.and_then(|t| {
                t.findings
                    .into_iter()
                    .find(|f| f.code == "har.form_post_not_posted")
                    .map(|f| f.severity)
            })
        };
        assert_eq!(severity(&whole), Some(Severity::Error));
        assert_eq!(severity(&cut), Some(Severity::Warning));
    }

    #[test]
    fn valid_json_of_the_wrong_shape_is_not_called_invalid() {
        let e = read("{\"log\": {\"entries\": {\"request\": {}}}}");
        let p = e.problem.expect("problem");
        assert!(p.detail.contains("is valid JSON"), "{}", p.detail);
        assert!(!p.detail.contains("not valid"), "{}", p.detail);
        assert!(p.detail.contains("log.entries"), "{}", p.detail);
        // Broken JSON is still called so.
        let e = read("{\"log\": {\"entries\": [}}");
        assert!(e.problem.expect("problem").detail.contains("not valid"));
    }

    #[test]
    fn too_large_is_refused_before_parsing() {
        let big = " ".repeat(MAX_EVIDENCE + 1);
        let e = read(&big);
        assert_eq!(
            e.problem.map(|f| f.code),
            Some("input.too_large".to_string())
        );
    }

    #[test]
    fn json_that_is_neither() {
        let e = read("{\"name\": \"x\"}");
        assert_eq!(e.kind, Kind::Unreadable);
        let e = read("[1, 2]");
        assert!(e
            .problem
            .expect("problem")
            .detail
            .contains("none is a sign-in"));
    }

    #[test]
    fn json_lines_of_records() {
        let t = "{\"time\":\"t\",\"category\":\"SignInLogs\",\"resultType\":\"53003\",\"properties\":{\"appId\":\"a\",\"status\":{\"errorCode\":53003}}}\n{\"time\":\"t\",\"category\":\"SignInLogs\",\"resultType\":\"0\",\"properties\":{\"appId\":\"a\",\"status\":{\"errorCode\":0}}}\n";
        let e = read(t);
        assert_eq!(e.kind, Kind::SignInLog);
        assert_eq!(e.signins.len(), 2);
        assert_eq!(e.signins.first().map(|s| s.error_code), Some(53003));
    }

    #[test]
    fn a_har_wrapped_in_one_object_is_read() {
        let har = r#"{"log": {"version": "1.2", "entries": []}}"#;
        for t in [
            format!(r#"{{"har": {har}}}"#),
            format!(r#"{{"data":{har}}}"#),
        ] {
            assert_eq!(read(&t).kind, Kind::Har, "{t}");
        }
        // Near misses: two wrappers, or a wrapper beside other keys, are not taken for one.
        for t in [
            format!(r#"{{"a": {{"b": {har}}}}}"#),
            format!(r#"{{"har": {har}, "b": 1}}"#),
        ] {
            assert_ne!(read(&t).kind, Kind::Har, "{t}");
        }
    }

    #[test]
    fn har_entries_without_their_log() {
        let entry = "{\"request\":{\"method\":\"GET\",\"url\":\"https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&response_type=code&scope=openid\"},\"response\":{\"status\":200,\"content\":{\"text\":\"AADSTS50011: The redirect URI\"}}}";
        // "Copy as HAR" of one request, and a pasted log.entries array.
        for t in [entry.to_string(), format!("[{entry}, {entry}]")] {
            let e = read(&t);
            assert_eq!(e.kind, Kind::Har, "{t}");
            assert!(e
                .authorize_url
                .as_deref()
                .is_some_and(|u| u.contains("app.contoso.com%2Fcb")));
        }
        // Sign-in records stay sign-in records; an object without both parts is no entry.
        assert_eq!(
            read("[{\"appId\":\"a\",\"status\":{\"errorCode\":50011}}]").kind,
            Kind::SignInLog
        );
        assert_eq!(read("{\"request\": {}}").kind, Kind::Unreadable);
    }

    #[test]
    fn diagnostic_settings_records_wrapper() {
        let t = "{\"records\": [{\"time\":\"t\",\"category\":\"SignInLogs\",\"resultType\":\"50011\",\"properties\":{\"appId\":\"a\",\"status\":{\"errorCode\":50011}}}]}";
        let e = read(t);
        assert_eq!(e.kind, Kind::SignInLog);
        assert_eq!(e.signins.first().map(|s| s.error_code), Some(50011));
        // Other arrays under "records" are no sign-in log.
        assert_eq!(
            read("{\"records\": [{\"name\": \"x\"}]}").kind,
            Kind::Unreadable
        );
    }

    #[test]
    fn finds_correlation_ids() {
        let g = "5b7c9e1a-2d4f-4b8a-9c3e-1f2a3b4c5d6e";
        assert_eq!(
            correlation_id_in(&format!("Trace ID: x\nCorrelation ID: {g}\n")).as_deref(),
            Some(g)
        );
        assert_eq!(
            correlation_id_in(&format!("?correlation_id={g}&x")).as_deref(),
            Some(g)
        );
        assert_eq!(
            correlation_id_in(&format!("\"correlationId\":\"{g}\"")).as_deref(),
            Some(g)
        );
        assert_eq!(correlation_id_in("correlation failed."), None);
    }
}
