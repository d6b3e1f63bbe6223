//! The Entra sign-in log export: Graph `signIn` objects (v1.0 or beta,
//! camelCase), Log Analytics rows (PascalCase, some columns JSON in strings),
//! and diagnostic-settings records (`{time, category, properties: {…}}`).
//! Names are matched without regard to case, so one reader serves all three.

use std::borrow::Cow;

use serde_json::Value;

use super::Context;
use crate::core::aadsts::{self, AadstsInfo, Category};
use crate::core::codes::finding;
use crate::core::report::{Finding, Severity};

/// A Conditional Access policy as applied to one sign-in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// Its id.
    pub id: String,
    /// Its name.
    pub display_name: String,
    /// `success`, `failure`, `notApplied`, `notEnabled`, `reportOnlyFailure`, …
    pub result: String,
    /// Grant controls it enforced (`Mfa`, `Block`, `RequireCompliantDevice`, …).
    pub grant_controls: Vec<String>,
    /// Session controls it enforced.
    pub session_controls: Vec<String>,
}

impl Policy {
    /// True when the policy failed the sign-in (report-only results block nothing).
    pub fn failed(&self) -> bool {
        self.result.eq_ignore_ascii_case("failure")
    }
}

/// One authentication step (`authenticationDetails`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuthStep {
    /// When.
    pub time: String,
    /// The method (Password, Mobile app notification, Previously satisfied, …).
    pub method: String,
    /// More on the method.
    pub method_detail: String,
    /// Primary or secondary authentication.
    pub requirement: String,
    /// What happened ("MFA denied; user declined the authentication", …).
    pub result_detail: String,
    /// Whether the step succeeded, when the log says.
    pub succeeded: Option<bool>,
}

/// One sign-in log entry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SignIn {
    /// Its position in the export (0-based).
    pub index: usize,
    /// The request id.
    pub id: String,
    /// When (createdDateTime, else TimeGenerated or time).
    pub time: String,
    /// The client app's id.
    pub app_id: String,
    /// The client app's name.
    pub app_name: String,
    /// The user (UPN).
    pub user: String,
    /// The correlation ID.
    pub correlation_id: String,
    /// The AADSTS code (0 = success).
    pub error_code: u32,
    /// Why it failed, as the log says.
    pub failure_reason: String,
    /// More detail, as the log says.
    pub additional_details: String,
    /// `success`, `failure`, `notApplied`.
    pub conditional_access_status: String,
    /// `singleFactorAuthentication` or `multiFactorAuthentication`.
    pub authentication_requirement: String,
    /// The resource signed in to.
    pub resource: String,
    /// The client app type (Browser, Mobile Apps and Desktop clients, …).
    pub client_app: String,
    /// The IP address.
    pub ip: String,
    /// Every Conditional Access policy listed.
    pub policies: Vec<Policy>,
    /// The authentication steps.
    pub steps: Vec<AuthStep>,
    /// The catalogue's explanation of the code.
    pub aadsts: Option<&'static AadstsInfo>,
    /// Whether the user was at the browser (interactive) or the app asked on
    /// its own (non-interactive: refresh tokens, silent requests), when the
    /// log says (`isInteractive`, `signInEventTypes`, the log's category).
    pub interactive: Option<bool>,
    /// The portal's Status says Interrupted: Entra paused the sign-in for a
    /// step (a session, MFA, a prompt), it did not fail it.
    pub interrupted: bool,
    /// The record says whether it failed (an error code, a result type or the
    /// portal's Status); without it `error_code` 0 means "not known", not success.
    pub status_known: bool,
    /// Nested values were cut to a type name by PowerShell's `ConvertTo-Json`
    /// depth (`System.Collections.Hashtable`, `Microsoft.Graph.PowerShell.Models.…`).
    pub depth_cut: bool,
    /// How many sign-ins the row counts, when a query summarised them (`summarize count()
    /// by ResultType, AppId`: a `count_` column); 0 for a row that is one sign-in.
    pub count: u32,
}

impl SignIn {
    /// True when the sign-in failed.
    pub fn failed(&self) -> bool {
        self.error_code != 0
    }

    /// True when the record says the sign-in succeeded (not merely that no code was read).
    pub fn succeeded(&self) -> bool {
        self.status_known && self.error_code == 0
    }

    /// The policies with result failure.
    pub fn failed_policies(&self) -> impl Iterator<Item = &Policy> {
        self.policies.iter().filter(|p| p.failed())
    }

    /// Reads one record (Graph, Log Analytics or diagnostic settings).
    pub fn from_value(index: usize, v: &Value) -> SignIn {
        let r = Rec::new(v);
        let status = r.get(&["status"]).map(json_in_string);
        let status = status.as_deref();
        let from_status = |k: &str| status.and_then(|s| field(s, &[k]));
        let code = from_status("errorCode")
            .and_then(as_u32)
            .or_else(|| r.get(&["resultType"]).and_then(as_u32));
        let error_code = code.unwrap_or(0);
        let portal_status = r.str(&["portalStatus"]);
        let policies_value = r.get(&[
            "appliedConditionalAccessPolicies",
            "conditionalAccessPolicies",
            "appliedConditionalAccessPolicy",
        ]);
        let depth_cut = [status, policies_value, r.get(&["authenticationDetails"])]
            .into_iter()
            .flatten()
            .any(type_name);
        let failure_reason = from_status("failureReason")
            .map(text)
            .filter(|s| !s.is_empty())
            .or_else(|| r.str(&["resultDescription"]))
            .unwrap_or_default();
        // AADSTS240004 (no authorization code from the authorize call) names the error it
        // wraps in its reason: that error is the entry's cause.
        let wrapped = (error_code == 240004)
            .then(|| {
                aadsts::codes_in(&failure_reason)
                    .into_iter()
                    .find(|&c| c != 240004)
            })
            .flatten();
        let (error_code, failure_reason) = match wrapped {
            Some(c) => (
                c,
                format!("{failure_reason} (AADSTS240004, 'authorization code not received', wraps AADSTS{c}: that error is the cause)"),
            ),
            None => (error_code, failure_reason),
        };
        let policies = policies_value
            .map(json_in_string)
            .map(|p| match p.as_ref() {
                Value::Array(a) => a.iter().map(policy).collect(),
                o @ Value::Object(_) => vec![policy(o)],
                _ => Vec::new(),
            })
            .unwrap_or_default();
        let steps = r
            .get(&["authenticationDetails"])
            .map(json_in_string)
            .and_then(|d| d.as_array().map(|a| a.iter().map(step).collect()))
            .unwrap_or_default();
        SignIn {
            index,
            id: r.str(&["id", "originalRequestId"]).unwrap_or_default(),
            // An ISO 8601 time first: a locale's `05/06/2025` may be either day first.
            time: ["createdDateTime", "timeGenerated", "time"]
                .iter()
                .filter_map(|k| r.str(&[k]))
                .find(|t| t.as_bytes().get(4) == Some(&b'-'))
                .or_else(|| r.str(&["createdDateTime", "timeGenerated", "time"]))
                .map(|t| ms_date(&t).unwrap_or(t))
                .unwrap_or_default(),
            app_id: r.str(&["appId"]).unwrap_or_default(),
            app_name: r.str(&["appDisplayName"]).unwrap_or_default(),
            user: r
                .str(&["userPrincipalName", "userDisplayName"])
                .unwrap_or_default(),
            correlation_id: r.str(&["correlationId"]).unwrap_or_default(),
            error_code,
            failure_reason,
            additional_details: from_status("additionalDetails")
                .map(text)
                .unwrap_or_default(),
            conditional_access_status: r.str(&["conditionalAccessStatus"]).unwrap_or_default(),
            authentication_requirement: r.str(&["authenticationRequirement"]).unwrap_or_default(),
            resource: r
                .str(&["resourceDisplayName", "resourceId"])
                .unwrap_or_default(),
            client_app: r.str(&["clientAppUsed"]).unwrap_or_default(),
            ip: r.str(&["ipAddress", "callerIpAddress"]).unwrap_or_default(),
            policies,
            steps,
            aadsts: if error_code == 0 {
                None
            } else {
                aadsts::lookup(error_code)
            },
            interactive: interactive(&r),
            count: r.get(&["count_", "count"]).and_then(as_u32).unwrap_or(0),
            status_known: code.is_some() || portal_status.is_some(),
            depth_cut,
            interrupted: portal_status.is_some_and(|w| {
                [
                    "interrupted",
                    "unterbrochen",
                    "interrompu",
                    "interrumpido",
                    "interrotto",
                    "interrompido",
                    "onderbroken",
                    "przerwane",
                    "прервано",
                    "Прервано",
                    "中断",
                    "中断されました",
                    "已中断",
                ]
                .iter()
                .any(|i| w.trim().eq_ignore_ascii_case(i))
            }),
        }
    }

    /// True when the failure happened on the token leg (a non-interactive
    /// sign-in, or a code that only the token endpoint returns): it cannot be
    /// why the browser got no authorization code.
    pub fn token_leg(&self) -> bool {
        self.interactive == Some(false)
            || self
                .aadsts
                .is_some_and(|i| matches!(i.appears, aadsts::Appears::Token))
    }

    /// One line naming the entry for finding texts (no user name: reports get shared).
    fn label(&self) -> String {
        let mut s = String::new();
        if !self.time.is_empty() {
            s.push_str(&self.time);
        }
        if !self.app_name.is_empty() || !self.app_id.is_empty() {
            s.push_str(&format!(
                ", app {}",
                if self.app_name.is_empty() {
                    &self.app_id
                } else {
                    &self.app_name
                }
            ));
        }
        if !self.correlation_id.is_empty() {
            s.push_str(&format!(", correlation ID {}", self.correlation_id));
        }
        if s.is_empty() {
            return "no time, app or correlation ID given".into();
        }
        s.trim_start_matches(", ").to_string()
    }
}

/// Windows PowerShell's `ConvertTo-Json` writes a date as `/Date(1733224448000)/`
/// (milliseconds since 1970, UTC, maybe followed by the local offset): as ISO 8601 UTC.
fn ms_date(t: &str) -> Option<String> {
    let ms = t.trim().strip_prefix("/Date(")?.strip_suffix(")/")?;
    let ms: u64 = ms.split(['+', '-']).next()?.parse().ok()?;
    let (secs, days) = ((ms / 1000) % 86_400, ms / 86_400_000);
    // Days since 1970 to a civil date (H. Hinnant's algorithm), for years 1970 on.
    let z = days + 719_468;
    let (era, doe) = (z / 146_097, z % 146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    ))
}

/// Whether a record is an interactive sign-in, when it says.
fn interactive(r: &Rec) -> Option<bool> {
    if let Some(v) = r.get(&["isInteractive"]) {
        match v {
            Value::Bool(b) => return Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => return Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => return Some(false),
            _ => {}
        }
    }
    let types = strings(r.get(&["signInEventTypes"]));
    if types
        .iter()
        .any(|t| t.eq_ignore_ascii_case("interactiveUser"))
    {
        return Some(true);
    }
    if !types.is_empty() {
        return Some(false);
    }
    // Diagnostic settings and Log Analytics name the log they came from.
    let log = r
        .str(&["category", "type"])
        .unwrap_or_default()
        .to_ascii_lowercase();
    if log.contains("noninteractive")
        || log.contains("serviceprincipal")
        || log.contains("managedidentity")
    {
        Some(false)
    } else if log == "signinlogs" {
        Some(true)
    } else {
        None
    }
}

/// A record: the Graph-like object itself, or the `properties` of a
/// diagnostic-settings record with the outer record as fallback.
struct Rec<'v> {
    main: &'v Value,
    outer: Option<&'v Value>,
}

impl<'v> Rec<'v> {
    fn new(v: &'v Value) -> Rec<'v> {
        match field(v, &["properties"]).filter(|p| p.is_object()) {
            Some(p) => Rec {
                main: p,
                outer: Some(v),
            },
            None => Rec {
                main: v,
                outer: None,
            },
        }
    }
    fn get(&self, names: &[&str]) -> Option<&'v Value> {
        field(self.main, names).or_else(|| self.outer.and_then(|o| field(o, names)))
    }
    fn str(&self, names: &[&str]) -> Option<String> {
        self.get(names).map(text).filter(|s| !s.is_empty())
    }
}

/// The first of `names` present in an object, matched without regard to case.
fn field<'v>(v: &'v Value, names: &[&str]) -> Option<&'v Value> {
    let o = v.as_object()?;
    names.iter().find_map(|n| {
        o.get(*n)
            .or_else(|| {
                o.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(n))
                    .map(|(_, v)| v)
            })
            .filter(|v| !v.is_null())
    })
}

/// A value PowerShell wrote as the type name of a nested object (`ConvertTo-Json` past its
/// depth, default 2; `Export-Csv`, `Format-Table` and `Format-List` always), or an array of them.
fn type_name(v: &Value) -> bool {
    match v {
        Value::String(s) => is_type_name(s),
        Value::Array(a) => a.first().is_some_and(type_name),
        _ => false,
    }
}

/// A .NET type name standing for a nested object (`Microsoft.Graph.PowerShell.Models.…`,
/// `Microsoft.Graph.Beta.PowerShell.Models.…`, `System.Object[]`), maybe cut with `…`.
pub(crate) fn is_type_name(s: &str) -> bool {
    let s = s.trim();
    !s.contains(char::is_whitespace)
        && (s.starts_with("System.Collections.")
            || s.starts_with("Microsoft.Graph.")
            || s.starts_with("System.Object")
            || s.starts_with("System.String[]"))
}

/// Log Analytics keeps dynamic columns as JSON in strings.
fn json_in_string(v: &Value) -> Cow<'_, Value> {
    match v {
        Value::String(s) if s.trim_start().starts_with(['{', '[']) => serde_json::from_str(s)
            .map(Cow::Owned)
            .unwrap_or(Cow::Borrowed(v)),
        _ => Cow::Borrowed(v),
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn as_u32(v: &Value) -> Option<u32> {
    match v {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v.map(json_in_string).as_deref() {
        Some(Value::Array(a)) => a.iter().map(text).filter(|s| !s.is_empty()).collect(),
        // PowerShell's ConvertTo-Json past its depth joins a list with spaces
        // (`Mfa RequireCompliantDevice`): names of one word each, not a sentence.
        Some(Value::String(s))
            if !s.contains(',')
                && s.split_whitespace().nth(1).is_some()
                && s.split_whitespace().all(|w| {
                    w.starts_with(|c: char| c.is_ascii_uppercase())
                        && w.chars().all(|c| c.is_ascii_alphanumeric())
                }) =>
        {
            s.split_whitespace().map(str::to_string).collect()
        }
        Some(Value::String(s)) if !s.is_empty() => s
            .split(',')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

fn policy(v: &Value) -> Policy {
    let s = |names: &[&str]| field(v, names).map(text).unwrap_or_default();
    Policy {
        id: s(&["id"]),
        display_name: s(&["displayName"]),
        result: s(&["result"]),
        grant_controls: strings(field(v, &["enforcedGrantControls"])),
        session_controls: strings(field(v, &["enforcedSessionControls"])),
    }
}

fn step(v: &Value) -> AuthStep {
    let s = |names: &[&str]| field(v, names).map(text).unwrap_or_default();
    AuthStep {
        time: s(&["authenticationStepDateTime"]),
        method: s(&["authenticationMethod"]),
        method_detail: s(&["authenticationMethodDetail"]),
        requirement: s(&["authenticationStepRequirement"]),
        result_detail: s(&["authenticationStepResultDetail"]),
        succeeded: field(v, &["succeeded"]).and_then(|b| match b {
            Value::Bool(b) => Some(*b),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }),
    }
}

/// The entries with the rows of one sign-in that Log Analytics' `mv-expand
/// ConditionalAccessPolicies` split (one row per policy, all else alike) joined into one entry
/// listing all its policies.
pub fn merge_expanded(all: Vec<SignIn>) -> Vec<SignIn> {
    let mut out: Vec<SignIn> = Vec::with_capacity(all.len());
    // The rows kept so far of each sign-in (correlation ID): a row is compared with those only.
    let mut of_sign_in: std::collections::HashMap<String, Vec<usize>> =
        std::collections::HashMap::new();
    for s in all {
        let bare = |x: &SignIn| SignIn {
            index: 0,
            policies: Vec::new(),
            ..x.clone()
        };
        if s.correlation_id.is_empty() {
            out.push(s);
            continue;
        }
        let kept = of_sign_in.entry(s.correlation_id.clone()).or_default();
        let same = (s.policies.len() == 1)
            .then(|| {
                kept.iter().take(LOOK).copied().find(|&i| {
                    out.get(i).is_some_and(|o| {
                        !o.policies.is_empty()
                            && !o.policies.contains(&s.policies[0])
                            && bare(o) == bare(&s)
                    })
                })
            })
            .flatten();
        match same.and_then(|i| out.get_mut(i)) {
            Some(o) => o.policies.extend(s.policies),
            None => {
                kept.push(out.len());
                out.push(s);
            }
        }
    }
    out
}

/// The first two numbers of a date written with slashes (`05/06/2025, 10:00`), whichever
/// of day and month comes first.
fn slash_date(t: &str) -> Option<(u32, u32)> {
    let date = t.split_whitespace().next()?.trim_end_matches(',');
    let mut d = date.split('/');
    let (a, b, y) = (d.next()?, d.next()?, d.next()?);
    (y.len() == 4 && d.next().is_none())
        .then(|| Some((a.parse().ok()?, b.parse().ok()?)))
        .flatten()
}

/// Settles the day and month order of times written with slashes, which Log Analytics' CSV
/// export writes in the browser's locale (`6/5/2025` is 5 June in en-GB, 6 May in en-US): a
/// first number above 12 makes the export's dates day first (rewritten as ISO 8601), a second
/// above 12 month first. When neither tells and the dates differ, the date is not known, but
/// the order may be: when reading every date month first and day first puts the entries in the
/// same order (`12/3/2026, 11:58 PM` before `12/4/2026, 12:01 AM` either way), they are ordered
/// on; otherwise each time says its order is unclear and is not ordered on.
pub fn settle_day_month(all: &mut [SignIn]) {
    let dates: Vec<(u32, u32)> = all.iter().filter_map(|s| slash_date(&s.time)).collect();
    let day_first = dates.iter().any(|d| d.0 > 12);
    let month_first = dates.iter().any(|d| d.1 > 12);
    if month_first || dates.windows(2).all(|w| w[0] == w[1]) {
        return;
    }
    // A slash date read day first, as ISO 8601.
    let as_day_first = |t: &str| {
        let mut parts = t.splitn(3, '/');
        let (d, m, rest) = (parts.next()?, parts.next()?, parts.next()?);
        super::har::us_date_time(&format!("{m}/{d}/{rest}"))
    };
    if !day_first {
        let key = super::har::time_key;
        let both: Option<Vec<(u64, u64)>> = all
            .iter()
            .filter(|s| key(&s.time).is_some() || slash_date(&s.time).is_some())
            .map(|s| {
                let other = match slash_date(&s.time) {
                    Some(_) => as_day_first(&s.time).and_then(|t| key(&t)),
                    None => key(&s.time),
                };
                Some((key(&s.time)?, other?))
            })
            .collect();
        if let Some(mut both) = both {
            both.sort_unstable();
            if both.windows(2).all(|w| w[0].1 <= w[1].1) {
                return;
            }
        }
    }
    for s in all.iter_mut().filter(|s| slash_date(&s.time).is_some()) {
        if day_first {
            if let Some(iso) = as_day_first(&s.time) {
                s.time = iso;
            }
        } else {
            s.time.push_str(" (day/month order unclear)");
        }
    }
}

/// True when a JSON value looks like a sign-in log record.
pub fn is_record(v: &Value) -> bool {
    let r = Rec::new(v);
    v.is_object()
        && r.get(&[
            "status",
            "resultType",
            "appId",
            "correlationId",
            "createdDateTime",
            "userPrincipalName",
        ])
        .is_some()
}

/// Rows of a Log Analytics query result (`{tables: [{columns, rows}]}`) as objects.
pub fn rows_of_tables(tables: &[Value]) -> Vec<Value> {
    let mut out = Vec::new();
    for t in tables {
        let cols: Vec<String> = field(t, &["columns"])
            .and_then(Value::as_array)
            .map(|c| {
                c.iter()
                    .map(|c| {
                        field(c, &["name", "columnName"])
                            .map(text)
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .unwrap_or_default();
        for row in field(t, &["rows"])
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(cells) = row.as_array() {
                let obj: serde_json::Map<String, Value> =
                    cols.iter().cloned().zip(cells.iter().cloned()).collect();
                out.push(Value::Object(obj));
            }
        }
    }
    out
}

/// The findings on a sign-in log, and which failed entries to show.
#[derive(Clone, Debug, Default)]
pub struct Judged {
    /// The `signin.*` findings.
    pub findings: Vec<Finding>,
    /// Indices of the failed entries that match the filter.
    pub shown: Vec<usize>,
    /// The filter, in words.
    pub filter: Option<String>,
}

const MFA_CODES: &[u32] = &[50072, 50074, 50076, 50079];

/// Codes that interrupt a sign-in for a step the user can take (Keep me
/// signed in, MFA, a password reset, an external challenge, choosing an
/// account, the session check of a silent request, a sign-in frequency
/// check asking to sign in again), after which the same
/// sign-in goes on: a later success of the same app and resource means it was
/// resolved. Blocks (53003), redirect URI (50011) and consent (65001) errors
/// are not interrupts: another request succeeding does not undo them.
const INTERRUPT_CODES: &[u32] = &[
    16000, 50058, 50072, 50074, 50076, 50079, 50125, 50140, 50158, 50168, 50199, 70044,
];

/// Prompts Entra shows within an interactive sign-in (choose an account, Keep me signed in,
/// confirm the app): an export holding only that entry stopped before the sign-in went on.
const PROMPT_CODES: &[u32] = &[16000, 50140, 50199];

/// Codes of the authorization code's redemption at /token that say the app's platform (client
/// type) does not fit how it redeems (a SPA's code under Web, a public client's under Web): Entra
/// logs them as non-interactive, yet they are why the app got no tokens, not a renewal.
const REDEMPTION_CODES: &[u32] = &[9002326, 9002327, 7000218, 700025];

/// True for an interrupt code (listed, or named `…Interrupt` by Entra).
fn is_interrupt(code: u32) -> bool {
    INTERRUPT_CODES.contains(&code)
        || aadsts::lookup(code).is_some_and(|i| i.name.ends_with("Interrupt"))
}

/// Codes of a step the user retries within the same sign-in: a mistyped password (50126), a
/// failed or denied MFA prompt (500121), consent the user then gave (65001). A success of the
/// same sign-in (correlation ID, app, resource) afterwards means the retry went through.
const RETRIED_CODES: &[u32] = &[50126, 500121, 65001];

/// True when `ok` (a success) is the same sign-in as `failed` going on: the
/// same correlation ID, app and resource, and not earlier when both times read.
fn resolves(ok: &SignIn, failed: &SignIn) -> bool {
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    ok.succeeded()
        && !failed.correlation_id.is_empty()
        && same(&ok.correlation_id, &failed.correlation_id)
        && same(&ok.app_id, &failed.app_id)
        && same(&ok.resource, &failed.resource)
        && match (
            super::har::time_key(&ok.time),
            super::har::time_key(&failed.time),
        ) {
            (Some(o), Some(f)) => o >= f,
            _ => true,
        }
}

/// True when `later` is a later entry of the same sign-in (correlation ID, app, resource) as
/// the interrupt `s` failing with another code (a success is [`resolves`]): the user got past that step, whatever stopped the
/// sign-in after it (MFA done, then a device compliance block).
fn went_on(later: &SignIn, s: &SignIn) -> bool {
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    is_interrupt(s.error_code)
        && !later.succeeded()
        && later.error_code != s.error_code
        && same(&later.resource, &s.resource)
        && !s.correlation_id.is_empty()
        && same(&later.correlation_id, &s.correlation_id)
        && same(&later.app_id, &s.app_id)
        && matches!(
            (super::har::time_key(&later.time), super::har::time_key(&s.time)),
            (Some(l), Some(e)) if l > e
        )
}

/// True when `ok` is the interactive sign-in that followed a silent request's "no user is
/// signed in" (AADSTS50058): libraries try `prompt=none` first and then sign in interactively,
/// under a new correlation ID. Same app and (when both are known) the same user, not earlier.
fn follows_silent_failure(ok: &SignIn, failed: &SignIn) -> bool {
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    failed.error_code == 50058
        && ok.succeeded()
        && same(&ok.app_id, &failed.app_id)
        && (ok.user.is_empty() || failed.user.is_empty() || same(&ok.user, &failed.user))
        && match (
            super::har::time_key(&ok.time),
            super::har::time_key(&failed.time),
        ) {
            // In the same second too: exports give whole seconds, and a library falls back
            // from the silent request to the interactive one at once.
            (Some(o), Some(f)) => o >= f,
            _ => false,
        }
}

/// True when `ok` is a later interactive sign-in of the same app by the same
/// (known) user that got past the redirect URI check `failed` (AADSTS50011)
/// stopped at: the registration or the app was fixed in between, which takes
/// a new attempt (another correlation ID). Another user's, an earlier, a
/// non-interactive success or one of the same attempt does not show that.
fn fixed_later(ok: &SignIn, failed: &SignIn) -> bool {
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    failed.error_code == 50011
        && ok.succeeded()
        && ok.interactive != Some(false)
        && same(&ok.app_id, &failed.app_id)
        && !failed.user.is_empty()
        && same(&ok.user, &failed.user)
        && !same(&ok.correlation_id, &failed.correlation_id)
        && matches!(
            (super::har::time_key(&ok.time), super::har::time_key(&failed.time)),
            (Some(o), Some(f)) if o > f
        )
}

/// True when a later interactive sign-in of the same app by the same user succeeded after the
/// redirect URI refusal `failed` (AADSTS50011) ([`fixed_later`]): it was resolved then.
pub(crate) fn resolved_later(all: &[SignIn], failed: &SignIn) -> bool {
    all.iter().any(|ok| fixed_later(ok, failed))
}

/// How many related entries a rule reads for one entry, newest first: an export of tens of
/// thousands of one sign-in's rows is judged in linear time, not by comparing every pair.
const LOOK: usize = 64;

/// The entries the rules compare an entry with: the other entries of its sign-in
/// (correlation ID; [`resolves`], [`went_on`], a later entry) and the successes of its app
/// ([`follows_silent_failure`], [`fixed_later`]), each list newest first (no time first).
struct Related<'a> {
    by_sign_in: std::collections::HashMap<String, Vec<&'a SignIn>>,
    ok_by_app: std::collections::HashMap<String, Vec<&'a SignIn>>,
}

impl<'a> Related<'a> {
    fn new(entries: &[&'a SignIn]) -> Self {
        let mut by_sign_in: std::collections::HashMap<String, Vec<&'a SignIn>> =
            std::collections::HashMap::new();
        let mut ok_by_app: std::collections::HashMap<String, Vec<&'a SignIn>> =
            std::collections::HashMap::new();
        for s in entries {
            if !s.correlation_id.is_empty() {
                by_sign_in
                    .entry(s.correlation_id.to_ascii_lowercase())
                    .or_default()
                    .push(s);
            }
            if s.succeeded() {
                ok_by_app
                    .entry(s.app_id.to_ascii_lowercase())
                    .or_default()
                    .push(s);
            }
        }
        let newest_first = |s: &&SignIn| super::har::time_key(&s.time).map_or(0, |t| u64::MAX - t);
        for v in by_sign_in.values_mut().chain(ok_by_app.values_mut()) {
            crate::core::order::by_key(v, newest_first);
        }
        Related {
            by_sign_in,
            ok_by_app,
        }
    }

    /// Whether `rule` holds for one of the entries related to `s`.
    fn any(&self, s: &SignIn, rule: impl Fn(&SignIn, &SignIn) -> bool) -> bool {
        let list = |m: &std::collections::HashMap<String, Vec<&'a SignIn>>, k: &str| {
            m.get(&k.to_ascii_lowercase())
                .into_iter()
                .flatten()
                .take(LOOK)
                .any(|o| rule(o, s))
        };
        (!s.correlation_id.is_empty() && list(&self.by_sign_in, &s.correlation_id))
            || (matches!(s.error_code, 50058 | 50011) && list(&self.ok_by_app, &s.app_id))
    }
}

/// An error of the redirect URI family: Entra refused or lost the redirect (AADSTS50011,
/// 500112, 500113, ...), or the code never came back from the authorize endpoint (240004).
fn redirect_family(code: u32) -> bool {
    code == 240004 || aadsts::lookup(code).is_some_and(|i| i.category == Category::RedirectUri)
}

/// Judges the entries against the request's client_id and a correlation ID.
pub fn judge(all: &[SignIn], ctx: &Context) -> Judged {
    let mut out = Judged::default();
    let mut entries: Vec<&SignIn> = all.iter().collect();
    let mut filters = Vec::new();
    if let Some(cid) = ctx.correlation_id.filter(|c| !c.is_empty()) {
        let m: Vec<&SignIn> = entries
            .iter()
            .copied()
            .filter(|s| s.correlation_id.eq_ignore_ascii_case(cid))
            .collect();
        if m.is_empty() {
            filters.push(format!(
                "no entry has correlation ID {cid}, so all are shown"
            ));
        } else {
            filters.push(format!(
                "correlation ID {cid}: {} of {} entries",
                m.len(),
                entries.len()
            ));
            entries = m;
        }
    }
    // The entries are all for other applications (each names its app id): their failures
    // are not this request's.
    let mut other_app = false;
    if let Some(app) = ctx.client_id.filter(|c| !c.is_empty()) {
        let m: Vec<&SignIn> = entries
            .iter()
            .copied()
            .filter(|s| s.app_id.eq_ignore_ascii_case(app))
            .collect();
        if m.is_empty() && !entries.is_empty() && entries.iter().all(|s| s.app_id.is_empty()) {
            filters.push(format!(
                "the export names no application ID, so whether its entries are for app {app} cannot be told; all are shown"
            ));
        } else if m.is_empty() && !entries.is_empty() {
            let mut apps: Vec<String> = Vec::new();
            for s in &entries {
                let a = match (s.app_name.is_empty(), s.app_id.is_empty()) {
                    (true, _) => s.app_id.clone(),
                    (false, true) => s.app_name.clone(),
                    (false, false) => format!("{} ({})", s.app_name, s.app_id),
                };
                if !a.is_empty() && !apps.contains(&a) {
                    apps.push(a);
                }
            }
            other_app = entries.iter().all(|s| !s.app_id.is_empty());
            out.findings.push(
                finding("signin.app_mismatch")
                    .detail(format!("The request's client_id is {app}, but no entry of the sign-in log is for it; the entries are for {}. These failures may belong to another application.", apps.join(", ")))
                    .fix("Filter the sign-in logs by the application (client) ID of the request before downloading, or check that the request uses the intended app registration."),
            );
            filters.push(format!("no entry is for app {app}, so all are shown"));
        } else if !m.is_empty() {
            filters.push(format!(
                "app {app}: {} of {} entries",
                m.len(),
                entries.len()
            ));
            entries = m;
        }
    }
    out.filter = if filters.is_empty() {
        None
    } else {
        Some(filters.join("; "))
    };
    let filter_note = out
        .filter
        .as_deref()
        .map(|f| format!(" [filter: {f}]"))
        .unwrap_or_default();

    let failed: Vec<&SignIn> = entries.iter().copied().filter(|s| s.failed()).collect();
    out.shown = failed.iter().map(|s| s.index).collect();
    if all.is_empty() {
        out.findings.push(
            finding("signin.no_failures")
                .title("The sign-in log export holds no sign-ins")
                .detail("The export is empty (no entries at all), so it says nothing about the failing sign-in: the download's filters (time range, user, application, status) matched nothing, or the sign-in is in another log (interactive, non-interactive, service principal).")
                .fix("Download the sign-in logs again with a time range that covers the failing attempt and filtered by the application or user, from the log it belongs to (interactive sign-ins for a browser sign-in); or capture a HAR."),
        );
        return out;
    }
    let unknown = entries.iter().filter(|s| !s.status_known).count();
    if unknown > 0 {
        out.findings.push(status_unknown(&entries, unknown));
    }
    let known = entries.len() - unknown;
    if failed.is_empty() && known == 0 {
        return out;
    }
    if failed.is_empty() {
        out.findings.push(
            finding("signin.no_failures")
                .detail(format!("{known} sign-in log entr{}{filter_note}{}, none with an error code: Entra let these sign-ins through. If the app still gets no code, the loss is after Entra (the redirect back, the app's callback, the token request): a HAR of the sign-in shows it.", if known == 1 { "y" } else { "ies" }, if unknown > 0 { " that say how they ended" } else { "" }))
                .fix("Make sure the export covers the failing attempt (time range, user, application, interactive and non-interactive sign-ins), or capture a HAR."),
        );
        return out;
    }

    // One group per error code, in order of first appearance.
    let mut groups: Vec<(u32, Vec<&SignIn>)> = Vec::new();
    for s in &failed {
        match groups.iter_mut().find(|(c, _)| *c == s.error_code) {
            Some((_, g)) => g.push(s),
            None => groups.push((s.error_code, vec![s])),
        }
    }
    // The failures that can explain a missing authorization code (interactive,
    // on the authorize leg) first; token-leg failures (refresh tokens, silent
    // requests) after them, as warnings when such a failure is there.
    let token_leg = |g: &[&SignIn]| {
        g.iter()
            .all(|s| s.token_leg() && !REDEMPTION_CODES.contains(&s.error_code))
    };
    // Entra marked them Interrupted, not failed, in a non-interactive sign-in
    // or asking for a new session (no usable single sign-on session): the
    // expected miss of a silent request, or Entra asking the user to sign in.
    // The request's own prompt=none: Entra redirected with login_required (AADSTS50058), no
    // page, so that is the answer the app got, not a pause.
    let silent_miss = |s: &SignIn| ctx.prompt_none && s.error_code == 50058;
    let paused = |g: &[&SignIn]| {
        g.iter().all(|s| {
            !silent_miss(s)
                && ((s.interrupted
                && (s.interactive == Some(false)
                    || s.aadsts.is_some_and(|i| i.category == Category::Session)))
                || PROMPT_CODES.contains(&s.error_code)
                // No usable session in an interactive sign-in (50058): Entra shows its sign-in
                // page (the portal lists it Interrupted; Graph's export says only the code).
                // The category's other codes are failures.
                || (s.interactive == Some(true) && s.error_code == 50058))
        })
    };
    crate::core::order::by_key(&mut groups, |(_, g)| u64::from(token_leg(g) || paused(g)));
    let related = Related::new(&entries);
    // An interrupt the same sign-in (correlation ID, app, resource) later got past.
    let succeeded_after = |group: &[&SignIn]| {
        group
            .iter()
            .all(|s| related.any(s, |o, s| resolves(o, s) || follows_silent_failure(o, s)))
    };
    // A 50011 whose quoted redirect URI the given registration still lacks: a later success
    // sent another URI (a page without the deep link's ?ReturnUrl=), it did not fix this one.
    let still_refused = |s: &SignIn| {
        s.error_code == 50011
            && ctx.registered.is_some_and(|r| {
                !r.uris.is_empty()
                    && crate::core::authorize::read_error_text(&format!(
                        "AADSTS50011: {}",
                        s.failure_reason
                    ))
                    .redirect_uri
                    .is_some_and(|u| !r.uris.iter().any(|x| x.uri == u))
            })
    };
    let recovered_of = |code: u32, group: &[&SignIn]| {
        ((is_interrupt(code) || RETRIED_CODES.contains(&code))
            && group.iter().all(|s| {
                related.any(s, |o, s| {
                    resolves(o, s) || follows_silent_failure(o, s) || went_on(o, s)
                })
            }))
            || group
                .iter()
                .all(|s| !still_refused(s) && related.any(s, fixed_later))
    };
    // A step the sign-in got past (an interrupt such as Keep me signed in, a
    // retried password) is no failure of the browser's sign-in.
    let authorize_leg_failed = groups
        .iter()
        .any(|(c, g)| !token_leg(g) && !paused(g) && !recovered_of(*c, g));
    // The latest failure of the browser's sign-in (by time): an older failure of another kind
    // is an earlier attempt, not what stops the sign-in now (a Conditional Access block in the
    // morning, the redirect URI refused in the afternoon).
    let time = |s: &SignIn| super::har::time_key(&s.time);
    // With its user and app: another user's later failure is another story.
    let latest: Option<(u64, u32, String, &SignIn)> = groups
        .iter()
        .filter(|(c, g)| !token_leg(g) && !paused(g) && !recovered_of(*c, g))
        .flat_map(|(c, g)| g.iter().map(move |s| (*c, *s)))
        .filter_map(|(c, s)| time(s).map(|t| (t, c, s.time.clone(), s)))
        .max_by_key(|(t, _, _, _)| *t);
    // Nothing names the app (no client_id): the export's redirect-family failure (AADSTS50011
    // and its kin) is the sign-in this check is about, when one application holds all of them.
    // Another application's failures in the same export are then that app's, not this one's.
    let redirect_app: Option<(&SignIn, u32)> = {
        let refused: Vec<(&SignIn, u32)> = groups
            .iter()
            .filter(|(c, g)| {
                ctx.client_id.is_none_or(str::is_empty)
                    && redirect_family(*c)
                    && !token_leg(g)
                    && !paused(g)
                    && !recovered_of(*c, g)
            })
            .flat_map(|(c, g)| g.iter().map(move |s| (*s, *c)))
            .collect();
        refused.first().copied().filter(|(s, _)| {
            !s.app_id.is_empty()
                && refused
                    .iter()
                    .all(|(o, _)| o.app_id.eq_ignore_ascii_case(&s.app_id))
        })
    };
    for (code, group) in &groups {
        let Some(first) = group.first() else { continue };
        let recovered = recovered_of(*code, group);
        // Got past it to a later step that failed, not to a success.
        let past_only = recovered && is_interrupt(*code) && !succeeded_after(group);
        // A later entry of the same sign-in is in the export.
        let has_later = group.iter().any(|s| {
            related.any(s, |o, s| {
                !s.correlation_id.is_empty()
                    && o.correlation_id.eq_ignore_ascii_case(&s.correlation_id)
                    && matches!((time(o), time(s)), (Some(l), Some(e)) if l > e)
            })
        });
        let info = aadsts::lookup(*code);
        let cat = info.map(|i| i.category);
        let n = group.len();
        let counted: u64 = group.iter().map(|s| u64::from(s.count)).sum();
        let times = if counted > 0 {
            // Rows of a summarize: counts, with no time, correlation ID or user of their own.
            format!("{counted} sign-in{} counted by the export's query (a summarize: it gives no time, correlation ID or user, so whether this request's attempt is among them cannot be told)", if counted == 1 { "" } else { "s" })
        } else if n == 1 {
            "1 entry".to_string()
        } else {
            format!("{n} entries, the first")
        };
        let specific_before = out.findings.len();
        let explanation = info
            .map(|i| format!(" AADSTS{code}: {}", i.summary))
            .unwrap_or_default();
        // The code's redemption refused for the app's platform: the origin of 9002326's
        // failure reason is where the SPA runs.
        let redeemed = REDEMPTION_CODES.contains(code);
        let origin = redeemed
            .then(|| {
                crate::core::authorize::read_error_text(&format!(
                    "AADSTS{code}: {}",
                    first.failure_reason
                ))
                .origin
            })
            .flatten();
        let redemption = if redeemed && group.iter().any(|s| s.interactive == Some(false)) {
            " Entra logs the redemption of the authorization code at /token as a non-interactive sign-in: the browser got the code, and this is why the app got no tokens (not a refresh token renewal)."
        } else {
            ""
        };
        let then = if recovered && *code == 50011 {
            " A later interactive sign-in of the same app by the same user succeeded, so the redirect URI was accepted then: the registration or the app was fixed in between (or that sign-in sent a registered URI). This failure was resolved by a later sign-in; it is not the cause now. If sign-in still fails, the failing attempt is not in this export."
        } else if recovered && *code == 50058 {
            " A later sign-in of the same app and user succeeded: a silent request (prompt=none) found no session, and the interactive sign-in that followed went through, as libraries do it. Not the cause."
        } else if recovered && RETRIED_CODES.contains(code) {
            " The same sign-in (correlation ID, app and resource) succeeded afterwards, so the user retried this step and got past it: not the cause."
        } else if past_only {
            " A later entry of the same sign-in (correlation ID and app) went past this step, so this was an interrupt the user got past, not the cause: that entry's own finding says what stopped the sign-in."
        } else if recovered {
            " The same sign-in (correlation ID, app and resource) succeeded afterwards, so this was an interrupt the user got past, not the cause."
        } else {
            ""
        };
        let noise = authorize_leg_failed && token_leg(group);
        // Only the app renewing tokens failed (non-interactive entries with a
        // code of the token endpoint): the browser's sign-in is not in the export.
        let renewal_only = !authorize_leg_failed
            && !REDEMPTION_CODES.contains(code)
            && group.iter().all(|s| {
                s.interactive == Some(false)
                    && s.aadsts
                        .is_some_and(|i| matches!(i.appears, aadsts::Appears::Token))
            });
        let earlier = latest.as_ref().filter(|(t, c, _, last)| {
            c != code
                && !token_leg(group)
                && !paused(group)
                && group.iter().all(|s| {
                    time(s).is_some_and(|x| x < *t)
                        && !s.user.is_empty()
                        && s.user.eq_ignore_ascii_case(&last.user)
                        && s.app_id.eq_ignore_ascii_case(&last.app_id)
                })
        });
        let soften = |f: Finding| {
            if let Some((_, c, when, _)) =
                earlier.filter(|_| f.severity == Severity::Error && !recovered)
            {
                let detail = format!("{} A later attempt ({when}) failed with AADSTS{c} instead, listed with its own finding: that is what stops the sign-in now; this earlier failure may show again once it is fixed.", f.detail);
                return f.severity(Severity::Warning).detail(detail);
            }
            if let Some((app, c)) = redirect_app.filter(|(app, _)| {
                f.severity == Severity::Error
                    && !recovered
                    && group.iter().all(|s| {
                        !s.app_id.is_empty() && !s.app_id.eq_ignore_ascii_case(&app.app_id)
                    })
            }) {
                let name = if app.app_name.is_empty() {
                    app.app_id.clone()
                } else {
                    format!("{} ({})", app.app_name, app.app_id)
                };
                let detail = format!("{} This entry is for another application than {name}, whose sign-in Entra refused for its redirect URI (AADSTS{c}, listed with its own finding). Nothing names the app being checked (no client_id was given), so that redirect failure is taken as the one to fix, and this as another application's.", f.detail);
                let fix = format!("For that application only: {}", f.fix);
                return f.severity(Severity::Warning).detail(detail).fix(fix);
            }
            if other_app && f.severity == Severity::Error && !recovered {
                let detail = format!("{} This entry is for another application than the request's client_id (see signin.app_mismatch), so it is not why this request got no code.", f.detail);
                let fix = format!("For that application only: {}", f.fix);
                return f.severity(Severity::Warning).detail(detail).fix(fix);
            }
            if recovered {
                if *code == 50011 {
                    let title = format!("{} (resolved by a later sign-in)", f.title);
                    return f.severity(Severity::Info).title(title).fix("Nothing to change for this entry: a later sign-in of the same app and user got past the redirect URI check. If sign-in fails again, download the sign-in logs of that attempt (or capture a HAR) and check it here.");
                }
                // Not a failure after all: the title says what it was.
                let what = if RETRIED_CODES.contains(code) {
                    "Sign-in step retried after"
                } else {
                    "Sign-in interrupted by"
                };
                let t = match f.title.strip_prefix("Sign-in failed with") {
                    Some(rest) => format!("{what}{rest}"),
                    None => f.title.clone(),
                };
                let title = format!(
                    "{t} (then {})",
                    if past_only { "went on" } else { "succeeded" }
                );
                f.severity(Severity::Info).title(title)
            } else if f.severity == Severity::Error
                && group
                    .iter()
                    .all(|s| s.interactive == Some(false) && MFA_CODES.contains(&s.error_code))
            {
                // MFA asked of a silent request (a refresh token, acquireTokenSilent): Entra
                // answers interaction_required, and only an interactive sign-in can do MFA.
                let fix = "Make the app fall back to an interactive sign-in when a silent request answers interaction_required (MSAL: catch InteractionRequiredAuthError or MsalUiRequiredException and call loginRedirect, acquireTokenRedirect, the popup or AcquireTokenInteractive, passing the claims the error carries); the user then completes MFA there.";
                if ctx.prompt_none {
                    let detail = format!("{} This is a non-interactive sign-in and the request sends prompt=none, so Entra showed no page: needing MFA, it redirected to the app with error=interaction_required instead of a code.", f.detail);
                    f.detail(detail).fix(fix)
                } else {
                    let detail = format!("{} This is a non-interactive sign-in (a silent request or a refresh token renewal): MFA cannot be done there, so Entra answered interaction_required. It is not why the browser got no authorization code; the interactive sign-in that should follow is.", f.detail);
                    f.severity(Severity::Warning).detail(detail).fix(fix)
                }
            } else if group.iter().all(|s| silent_miss(s)) && f.severity == Severity::Error {
                let detail = format!("{} The request sends prompt=none, so Entra showed no page: finding no usable session, it redirected to the app with error=login_required instead of a code.", f.detail);
                f.detail(detail).fix("Make the app fall back to an interactive sign-in when the silent one answers login_required (MSAL: catch InteractionRequiredAuthError and call loginRedirect, acquireTokenRedirect or the popup), or send the request without prompt=none.")
            } else if paused(group) && f.severity == Severity::Error {
                let step = if cat == Some(Category::Session) {
                    "no single sign-on session could be used, so the user must sign in"
                } else {
                    "a step the user takes in an interactive sign-in"
                };
                let detail = format!("{} Entra marks this sign-in Interrupted, not Failure: it paused it to ask for a step ({step}; a silent request, prompt=none, gets this as its answer and the app then signs in interactively). So it is not why the browser got no authorization code{}.", f.detail, if has_later { "" } else { "; the export holds no later entry of that sign-in" });
                let interactive_session =
                    *code == 50058 && group.iter().all(|s| s.interactive == Some(true));
                let fix = if interactive_session {
                    "Nothing to change for this entry: in an interactive sign-in Entra answers this when it finds no session and shows its sign-in page, so the user did not finish signing in there (or the export lacks the entries after it). If sign-in still fails, download the interactive sign-ins of the minutes after it (Entra admin center › Sign-in logs › User sign-ins (interactive)), or capture a HAR.".to_string()
                } else {
                    format!("{} If sign-in still fails, download the interactive sign-ins of the minutes after it (Entra admin center › Sign-in logs › User sign-ins (interactive)), or capture a HAR.", f.fix)
                };
                let title = f.title.replacen("Sign-in failed", "Sign-in interrupted", 1);
                f.severity(Severity::Warning)
                    .title(title)
                    .detail(detail)
                    .fix(fix)
            } else if noise && f.severity == Severity::Error {
                let detail = format!("{} This failed on the token leg (a non-interactive or refresh-token request), so it is not why the browser got no authorization code; the interactive failure listed first is.", f.detail);
                f.severity(Severity::Warning).detail(detail)
            } else if renewal_only && f.severity == Severity::Error {
                let detail = format!("{} This is a non-interactive sign-in (the app renewing its tokens with a refresh token), not the browser's sign-in, so it is not why the browser got no authorization code; the export holds no interactive sign-in that failed.", f.detail);
                let fix = format!("{} To see why the browser got no code, download the interactive sign-ins of the same time (Entra admin center › Sign-in logs › User sign-ins (interactive)), or capture a HAR.", f.fix);
                f.severity(Severity::Warning).detail(detail).fix(fix)
            } else {
                f
            }
        };

        // Conditional Access.
        let failing: Vec<&Policy> = group.iter().flat_map(|s| s.failed_policies()).collect();
        let ca_status_failed = group
            .iter()
            .any(|s| s.conditional_access_status.eq_ignore_ascii_case("failure"));
        if cat == Some(Category::ConditionalAccess) || !failing.is_empty() || ca_status_failed {
            let mut names: Vec<String> = Vec::new();
            let mut controls: Vec<String> = Vec::new();
            for p in &failing {
                let g = if p.grant_controls.is_empty() {
                    String::new()
                } else {
                    format!(" (grant controls: {})", p.grant_controls.join(", "))
                };
                let line = format!(
                    "'{}'{g}",
                    if p.display_name.is_empty() {
                        &p.id
                    } else {
                        &p.display_name
                    }
                );
                if !names.contains(&line) {
                    names.push(line);
                }
                for c in &p.grant_controls {
                    if !controls.contains(c) {
                        controls.push(c.clone());
                    }
                }
            }
            let which = if names.is_empty() && group.iter().any(|s| s.depth_cut) {
                " The export's policies were cut to a type name by PowerShell's ConvertTo-Json (its default depth is 2), so which policy failed cannot be read: export again with ConvertTo-Json -Depth 10, or open the sign-in in the portal and read its Conditional Access tab.".to_string()
            } else if names.is_empty() {
                " The export lists no policy with result failure (the Conditional Access details need a licence and the right role), so open the sign-in in the portal and read its Conditional Access tab.".to_string()
            } else {
                format!(
                    " Failing polic{}: {}.",
                    if names.len() == 1 { "y" } else { "ies" },
                    names.join("; ")
                )
            };
            out.findings.push(soften(
                finding("signin.ca_blocked")
                    .aadsts(*code)
                    .title(match names.first() {
                        Some(p) if names.len() == 1 => format!("Conditional Access policy {p} failed the sign-in (AADSTS{code})"),
                        _ => format!("Conditional Access failed the sign-in (AADSTS{code})"),
                    })
                    .detail(format!("{times}: {}{filter_note}; conditionalAccessStatus {}.{which}{explanation}{then}", first.label(), if first.conditional_access_status.is_empty() { "not given" } else { &first.conditional_access_status }))
                    .fix(ca_fix(&controls))
                    .reference(aadsts::error_lookup_url(*code)),
            ));
        }

        // MFA.
        let mfa_step_failed = first
            .authentication_requirement
            .to_ascii_lowercase()
            .contains("multifactor")
            && group
                .iter()
                .any(|s| s.steps.iter().any(|st| st.succeeded == Some(false)));
        if cat == Some(Category::Mfa) || MFA_CODES.contains(code) || mfa_step_failed {
            let steps: Vec<String> = first
                .steps
                .iter()
                .map(|st| {
                    let ok = match st.succeeded {
                        Some(true) => "succeeded",
                        Some(false) => "failed",
                        None => "result not given",
                    };
                    let detail = if st.result_detail.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", st.result_detail)
                    };
                    format!(
                        "{} ({ok}{detail})",
                        if st.method.is_empty() {
                            "unknown method"
                        } else {
                            &st.method
                        }
                    )
                })
                .collect();
            out.findings.push(soften(
                finding("signin.mfa_required")
                    .aadsts(*code)
                    .detail(format!("{times}: {}{filter_note}; authentication requirement {}.{explanation}{}{then}", first.label(), if first.authentication_requirement.is_empty() { "not given" } else { &first.authentication_requirement }, if steps.is_empty() { String::new() } else { format!(" Steps: {}.", steps.join("; ")) }))
                    .fix("Have the user complete (or register) multi-factor authentication and sign in again; if a step was denied or timed out, retry it. An interactive request (not prompt=none) is needed for the user to answer MFA.")
                    .reference(aadsts::error_lookup_url(*code)),
            ));
        }

        // The user said no.
        if cat == Some(Category::UserCancelled) {
            out.findings.push(soften(
                finding("signin.user_cancelled")
                    .aadsts(*code)
                    .detail(format!("{times}: {}{filter_note}.{explanation} Nothing is misconfigured: the user declined or cancelled.{then}", first.label()))
                    .fix(info.map(|i| i.hint).filter(|h| !h.is_empty()).unwrap_or("Sign in again and accept the prompt; if users may not consent, ask an administrator to grant consent for the tenant.").to_string())
                    .reference(aadsts::error_lookup_url(*code)),
            ));
        }

        // Every failure, generic; its fix is the specific one when there is one.
        let specific_fix = out
            .findings
            .get(specific_before..)
            .and_then(|s| s.first())
            .map(|f| f.fix.clone());
        let reason = if first.failure_reason.is_empty() {
            String::new()
        } else {
            format!(" failureReason: \"{}\".", first.failure_reason)
        };
        let more = if first.additional_details.is_empty() {
            String::new()
        } else {
            format!(" Additional details: \"{}\".", first.additional_details)
        };
        out.findings.push(soften(
            finding("signin.failure")
                .aadsts(*code)
                .title(match info {
                    Some(i) => format!(
                        "Sign-in failed with AADSTS{code}: {}",
                        i.summary.trim_end_matches('.')
                    ),
                    None => format!(
                        "Sign-in failed with AADSTS{code}{}",
                        if first.failure_reason.is_empty() {
                            String::new()
                        } else {
                            format!(": {}", first.failure_reason.trim_end_matches('.'))
                        }
                    ),
                })
                .detail(format!(
                    "{times}: {}{filter_note}.{reason}{more}{explanation}{redemption}{then}",
                    first.label()
                ))
                .fix(specific_fix.or_else(|| origin.as_ref().map(|o| {
                    let uri = match ctx.redirect_uri.filter(|u| u.starts_with(o.as_str())) {
                        Some(u) => u.to_string(),
                        None => format!("the redirect URI on {o} (the SPA's origin the failure reason names, with the path the app sends)"),
                    };
                    format!("Register {uri} under Single-page application (type Spa in the manifest) and remove it from Web: the page that redeemed the code runs in the browser.")
                })).or_else(|| {
                    // Consent missing in an interactive sign-in: Entra could not ask there (user
                    // consent is off, or the permission needs an administrator).
                    (*code == 65001 && group.iter().any(|s| s.interactive == Some(true))).then(|| {
                        let api = if first.resource.is_empty() { "the API".to_string() } else { first.resource.clone() };
                        format!("The sign-in was already interactive, so asking again does not help: in the app registration's API permissions, add the scope of {api} the request asks for and grant admin consent for the tenant (or let users consent to it).")
                    })
                }).unwrap_or_else(|| {
                    info.map(|i| i.hint).filter(|h| !h.is_empty()).map_or_else(
                        || format!("Look the code up at {}.", aadsts::error_lookup_url(*code)),
                        str::to_string,
                    )
                }))
                .reference(aadsts::error_lookup_url(*code)),
        ));
    }
    out
}

/// The entries that do not say how they ended (`unknown` of `entries`): no error code, result
/// type or portal Status, or a status PowerShell cut to its type name.
fn status_unknown(entries: &[&SignIn], unknown: usize) -> Finding {
    let of = if unknown == entries.len() {
        if unknown == 1 {
            "The entry".to_string()
        } else {
            format!("All {unknown} entries")
        }
    } else {
        format!("{unknown} of the {} entries", entries.len())
    };
    let f = finding("input.evidence_unreadable")
        .title("The sign-in log does not say whether its sign-ins failed")
        .severity(Severity::Warning);
    let (hold, have, they, their) = if unknown == 1 {
        ("holds", "has", "It is", "its")
    } else {
        ("hold", "have", "They are", "their")
    };
    if entries.iter().any(|s| !s.status_known && s.depth_cut) {
        f.detail(format!("{of} {hold} a type name (such as Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignInStatus or System.Collections.Hashtable) where the status should be: PowerShell writes a nested object as its type name (Export-Csv, Format-Table and Format-List always, ConvertTo-Json past its depth, 2 unless -Depth is given), so {their} error code is lost. {they} not counted as failures or as successes."))
            .fix("Spell the status out before exporting: … | Select-Object CreatedDateTime, AppId, CorrelationId, @{n='ErrorCode';e={$_.Status.ErrorCode}}, @{n='FailureReason';e={$_.Status.FailureReason}} | Export-Csv … (or Format-Table); for one sign-in, $s.Status | Format-List; or … | ConvertTo-Json -Depth 10; or download the sign-in logs from the Entra admin center (Sign-in logs › Download, JSON or CSV).")
    } else {
        f.detail(format!("{of} {have} no error code (no status.errorCode, ResultType or Status column), so whether {} failed cannot be told. {they} not counted as failures or as successes.", if unknown == 1 { "it" } else { "they" }))
            .fix("Include the status in the export (status in a Graph $select, ResultType in a Log Analytics query; in PowerShell, whose default table shows only the columns that fit the console: … | Select-Object CreatedDateTime, AppId, CorrelationId, @{n='ErrorCode';e={$_.Status.ErrorCode}}, @{n='FailureReason';e={$_.Status.FailureReason}} | Format-Table -Wrap), or download the sign-in logs from the Entra admin center (Sign-in logs › Download, JSON or CSV).")
    }
}

/// What to do about failing grant controls.
fn ca_fix(controls: &[String]) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for c in controls {
        let l = c.to_ascii_lowercase();
        let p = if l == "block" {
            "the policy blocks this sign-in outright: an administrator must change its conditions (users, app, location, platform) or exclude this case"
        } else if l == "mfa" || l.contains("authenticationstrength") {
            "complete multi-factor authentication (with a method of the required strength)"
        } else if l.contains("compliantdevice") {
            "sign in from a device that Intune marks compliant"
        } else if l.contains("domainjoined") {
            "sign in from a Microsoft Entra hybrid joined device"
        } else if l.contains("approvedapp")
            || l.contains("approvedapplication")
            || l.contains("compliantapp")
            || l.contains("compliantapplication")
        {
            "use an approved or app-protection-policy client app"
        } else if l.contains("passwordchange") {
            "change the password"
        } else if l.contains("termsofuse") || l.contains("terms") {
            "accept the terms of use"
        } else {
            continue;
        };
        if !parts.contains(&p) {
            parts.push(p);
        }
    }
    if parts.is_empty() {
        "Open the sign-in in Entra's sign-in logs, read the Conditional Access tab for the policy with result Failure, and satisfy its grant controls or have an administrator adjust it.".to_string()
    } else {
        let mut s = parts.join("; ");
        if let Some(c) = s.get(..1) {
            s = format!("{}{}", c.to_ascii_uppercase(), s.get(1..).unwrap_or(""));
        }
        // The log lists the controls a policy enforced, not its operator: a policy may ask
        // for all of them or for one of them (its Grant setting).
        let either = if parts.len() > 1 {
            " The sign-in log lists the grant controls but not whether the policy requires all of them or one of them (its Grant setting, 'Require all the selected controls' or 'Require one of the selected controls'): with one of them, any one is enough."
        } else {
            ""
        };
        format!("{s}.{either} An administrator can test the policy with the What If tool.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(json: &str) -> SignIn {
        let v: Value = serde_json::from_str(json).expect("test JSON");
        assert!(is_record(&v));
        SignIn::from_value(0, &v)
    }

    #[test]
    fn rows_of_one_sign_in_split_per_policy_are_one_entry() {
        let row = |name: &str, result: &str| {
            one(&format!(
                r#"{{"CorrelationId":"c1","TimeGenerated":"2025-06-05T18:02:11Z","AppId":"A","ResultType":"53003","ConditionalAccessPolicies":[{{"displayName":"{name}","result":"{result}"}}]}}"#
            ))
        };
        let merged = merge_expanded(vec![
            row("CA001", "success"),
            row("CA050", "failure"),
            row("CA030", "notApplied"),
        ]);
        assert_eq!(merged.len(), 1);
        assert_eq!(
            merged[0]
                .failed_policies()
                .map(|p| p.display_name.as_str())
                .collect::<Vec<_>>(),
            ["CA050"]
        );
        // Another time is another sign-in; rows without a correlation ID are kept apart.
        let mut later = row("CA050", "failure");
        later.time = "2025-06-05T18:05:00Z".into();
        assert_eq!(
            merge_expanded(vec![row("CA001", "success"), later]).len(),
            2
        );
        let mut a = row("CA001", "success");
        let mut b = row("CA050", "failure");
        a.correlation_id.clear();
        b.correlation_id.clear();
        assert_eq!(merge_expanded(vec![a, b]).len(), 2);
    }

    #[test]
    fn reads_graph_log_analytics_and_diagnostic_shapes() {
        let g = one(
            r#"{"appId":"A","status":{"errorCode":53003,"failureReason":"Blocked"},"appliedConditionalAccessPolicies":[{"displayName":"P","result":"failure","enforcedGrantControls":["Block"]}]}"#,
        );
        assert_eq!(
            (g.error_code, g.failure_reason.as_str()),
            (53003, "Blocked")
        );
        assert_eq!(
            g.failed_policies()
                .map(|p| p.display_name.as_str())
                .collect::<Vec<_>>(),
            ["P"]
        );
        let la = one(
            r#"{"AppId":"A","ResultType":"50074","ResultDescription":"Strong auth","Status":"{\"errorCode\":50074}","ConditionalAccessPolicies":"[{\"displayName\":\"Q\",\"result\":\"notApplied\"}]","AuthenticationDetails":"[{\"authenticationMethod\":\"Password\",\"succeeded\":true}]"}"#,
        );
        assert_eq!(la.error_code, 50074);
        assert_eq!(la.failure_reason, "Strong auth");
        assert_eq!(la.policies.len(), 1);
        assert_eq!(la.steps.first().and_then(|s| s.succeeded), Some(true));
        let d = one(
            r#"{"time":"t","category":"SignInLogs","resultType":"65004","properties":{"appId":"A","correlationId":"c"}}"#,
        );
        assert_eq!(
            (d.error_code, d.app_id.as_str(), d.correlation_id.as_str()),
            (65004, "A", "c")
        );
        let v1 = one(
            r#"{"appId":"A","status":{"errorCode":"0"},"appliedConditionalAccessPolicy":{"displayName":"R","result":"success"}}"#,
        );
        assert!(!v1.failed());
        assert_eq!(v1.policies.len(), 1);
    }

    #[test]
    fn tables_become_rows() {
        let t: Value = serde_json::from_str(r#"[{"name":"PrimaryResult","columns":[{"name":"AppId","type":"string"},{"name":"ResultType","type":"string"}],"rows":[["A","53003"],["B","0"]]}]"#).expect("json");
        let rows = rows_of_tables(t.as_array().map(Vec::as_slice).unwrap_or(&[]));
        assert_eq!(rows.len(), 2);
        assert_eq!(
            SignIn::from_value(0, rows.first().expect("row")).error_code,
            53003
        );
    }

    fn codes(j: &Judged) -> Vec<&str> {
        j.findings.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn a_later_success_does_not_resolve_a_uri_the_registration_still_lacks() {
        let csv = "TimeGenerated,ResultType,ResultDescription,CorrelationId,AppId,UserPrincipalName,IsInteractive\n\
2025-06-06T07:56:21Z,50011,\"The redirect URI 'https://a.contoso.com/cb?ReturnUrl=%2Fx' specified in the request does not match.\",c1,A,u@contoso.com,true\n\
2025-06-06T08:36:41Z,0,,c2,A,u@contoso.com,true\n";
        let severity = |registered: &str| {
            let reg = crate::core::registered::read(registered);
            let ctx = Context {
                registered: Some(&reg),
                ..Context::default()
            };
            let f = crate::core::evidence::read(csv).evaluate(&ctx);
            f.iter()
                .find(|f| f.aadsts == Some(50011))
                .expect("50011")
                .severity
        };
        assert_eq!(severity("https://a.contoso.com/cb"), Severity::Error);
        assert_eq!(
            severity("https://a.contoso.com/cb\nhttps://a.contoso.com/cb?ReturnUrl=%2Fx"),
            Severity::Info
        );
    }

    #[test]
    fn an_interactive_consent_failure_points_at_the_api_permission() {
        let fix = |interactive: bool| {
            let json = format!(
                r#"[{{"appId":"A","correlationId":"c1","isInteractive":{interactive},"resourceDisplayName":"HR API","status":{{"errorCode":65001}}}}]"#
            );
            let f = crate::core::evidence::read(&json).evaluate(&Context::default());
            f.iter()
                .find(|f| f.aadsts == Some(65001))
                .expect("65001")
                .fix
                .clone()
        };
        assert!(fix(true).contains("API permissions"), "{}", fix(true));
        assert!(!fix(true).contains("Send an interactive"));
        assert!(!fix(false).contains("API permissions"), "{}", fix(false));
    }

    #[test]
    fn slash_dates_are_ordered_only_when_day_and_month_are_told_apart() {
        let at = |times: &[&str]| {
            let mut all: Vec<SignIn> = times
                .iter()
                .map(|t| SignIn {
                    time: (*t).to_string(),
                    ..SignIn::default()
                })
                .collect();
            settle_day_month(&mut all);
            all.into_iter().map(|s| s.time).collect::<Vec<_>>()
        };
        // A day above 12: day first, as ISO 8601.
        assert_eq!(
            at(&["05/06/2025, 10:00:03.120", "13/05/2025, 16:40:11"]),
            ["2025-06-05T10:00:03.120Z", "2025-05-13T16:40:11Z"]
        );
        // Month first, or one date only: as given.
        assert_eq!(
            at(&["6/5/2025, 1:00 PM", "6/13/2025, 2:00 PM"])[0],
            "6/5/2025, 1:00 PM"
        );
        assert_eq!(
            at(&["6/4/2025, 1:00 PM", "6/4/2025, 2:00 PM"])[1],
            "6/4/2025, 2:00 PM"
        );
        // Neither tells, but both readings give one order (across midnight, 12 AM being 00):
        // ordered, the dates kept as given.
        let either = at(&[
            "12/3/2026, 11:58:10 PM",
            "12/4/2026, 12:01 AM",
            "12/3/2026 12:04 PM",
        ]);
        assert_eq!(either[1], "12/4/2026, 12:01 AM");
        let keys: Vec<_> = either
            .iter()
            .map(|t| super::super::har::time_key(t))
            .collect();
        assert!(keys.iter().all(Option::is_some), "{either:?}");
        assert!(keys[2] < keys[0] && keys[0] < keys[1], "{either:?}");
        // Neither tells, and the dates differ: not ordered on.
        let unclear = at(&["05/06/2025, 10:00:03.120", "12/05/2025, 16:40:11"]);
        assert!(
            unclear
                .iter()
                .all(|t| super::super::har::time_key(t).is_none()),
            "{unclear:?}"
        );
    }

    #[test]
    fn a_log_analytics_csv_with_us_times_resolves_a_rejection_fixed_later() {
        let csv = "TenantId,\"TimeGenerated [UTC]\",ResultType,ResultDescription,CorrelationId,AppId,\"CreatedDateTime [UTC]\",UserPrincipalName,IsInteractive\n\
t,\"11/20/2026, 10:15:12.000 AM\",50011,\"The reply URL does not match.\",c1,A,\"11/20/2026, 10:14:02.000 AM\",u@contoso.com,true\n\
t,\"11/20/2026, 10:16:40.000 AM\",0,,c2,A,\"11/20/2026, 10:16:39.000 AM\",u@contoso.com,true\n";
        let mut ev = crate::core::evidence::read(csv);
        assert_eq!(ev.signins.len(), 2, "{}", ev.summary);
        let f = ev.evaluate(&Context::default());
        let rejected = f.iter().find(|f| f.aadsts == Some(50011)).expect("50011");
        assert_eq!(rejected.severity, Severity::Info, "{}", rejected.title);
    }

    #[test]
    fn an_interrupt_the_sign_in_got_past_is_no_failure_to_blame_a_token_error_on() {
        let mk = |i: usize, code: u32, time: &str| SignIn {
            index: i,
            app_id: "A".into(),
            user: "u@contoso.com".into(),
            correlation_id: "c1".into(),
            resource: "Graph".into(),
            time: time.into(),
            interactive: Some(true),
            error_code: code,
            aadsts: aadsts::lookup(code),
            status_known: true,
            ..SignIn::default()
        };
        let pkce = |all: &[SignIn]| {
            judge(all, &Context::default())
                .findings
                .into_iter()
                .find(|f| f.aadsts == Some(50148))
                .map(|f| (f.severity, f.detail.contains("listed first")))
        };
        // Keep me signed in (50140), then success, then the PKCE error at /token.
        let all = [
            mk(0, 50148, "2026-11-20T10:14:07Z"),
            mk(1, 0, "2026-11-20T10:14:05Z"),
            mk(2, 50140, "2026-11-20T10:14:04Z"),
        ];
        assert_eq!(pkce(&all), Some((Severity::Error, false)));
        // Near miss: a real interactive failure beside it still takes the blame.
        let all = [
            mk(0, 50148, "2026-11-20T10:14:07Z"),
            SignIn {
                correlation_id: "c2".into(),
                ..mk(1, 53003, "2026-11-20T10:14:05Z")
            },
        ];
        assert_eq!(pkce(&all), Some((Severity::Warning, true)));
    }

    #[test]
    fn judges_failures_and_filters() {
        let mk = |i: usize, app: &str, code: u32, corr: &str| SignIn {
            index: i,
            app_id: app.into(),
            error_code: code,
            correlation_id: corr.into(),
            aadsts: aadsts::lookup(code),
            status_known: true,
            ..SignIn::default()
        };
        let all = vec![
            mk(0, "A", 65004, "c1"),
            mk(1, "B", 53003, "c2"),
            mk(2, "A", 0, "c3"),
        ];
        let j = judge(
            &all,
            &Context {
                client_id: Some("A"),
                ..Context::default()
            },
        );
        assert_eq!(codes(&j), ["signin.user_cancelled", "signin.failure"]);
        assert_eq!(j.shown, [0]);
        let j = judge(
            &all,
            &Context {
                client_id: Some("Z"),
                ..Context::default()
            },
        );
        assert!(codes(&j).contains(&"signin.app_mismatch"));
        assert!(codes(&j).contains(&"signin.ca_blocked"));
        let j = judge(
            &all,
            &Context {
                correlation_id: Some("c3"),
                ..Context::default()
            },
        );
        assert_eq!(codes(&j), ["signin.no_failures"]);
    }

    #[test]
    fn an_empty_export_says_it_holds_no_sign_ins() {
        let j = judge(&[], &Context::default());
        assert_eq!(codes(&j), ["signin.no_failures"]);
        let f = j.findings.first().expect("finding");
        assert!(f.title.contains("no sign-ins"), "{}", f.title);
        assert!(
            !f.detail.contains("let these sign-ins through"),
            "{}",
            f.detail
        );
    }

    #[test]
    fn interrupts_that_later_succeeded_are_info() {
        let mk = |code: u32| SignIn {
            app_id: "A".into(),
            error_code: code,
            correlation_id: "c".into(),
            aadsts: aadsts::lookup(code),
            status_known: true,
            ..SignIn::default()
        };
        let j = judge(&[mk(50074), mk(0)], &Context::default());
        assert!(
            j.findings.iter().all(|f| f.severity == Severity::Info),
            "{:?}",
            j.findings
        );
        assert!(codes(&j).contains(&"signin.mfa_required"));
        // A sign-in frequency check (AADSTS70044) the same sign-in got past,
        // logged at the same second as its success: explained, information.
        let t = "2025-06-03T09:14:07.9Z";
        let j = judge(
            &[entry(0, "Graph", t), entry(70044, "Graph", t)],
            &Context::default(),
        );
        assert!(
            j.findings
                .iter()
                .all(|f| f.severity == Severity::Info && f.detail.contains("sign-in frequency")),
            "{:?}",
            j.findings
        );
        // Near miss: the success belongs to another sign-in (correlation ID).
        let other = SignIn {
            correlation_id: "d".into(),
            ..entry(0, "Graph", t)
        };
        let j = judge(&[other, entry(70044, "Graph", t)], &Context::default());
        assert_eq!(
            j.findings.first().map(|f| f.severity),
            Some(Severity::Error)
        );
    }

    fn entry(code: u32, resource: &str, time: &str) -> SignIn {
        SignIn {
            app_id: "A".into(),
            error_code: code,
            correlation_id: "c".into(),
            resource: resource.into(),
            time: time.into(),
            aadsts: aadsts::lookup(code),
            status_known: true,
            ..SignIn::default()
        }
    }

    /// An interrupt followed by a later entry of the same sign-in (another code) was got past:
    /// info, and the later failure is the one blamed.
    #[test]
    fn an_interrupt_the_same_sign_in_went_past_is_not_blamed() {
        let all = [
            entry(50140, "Graph", "2026-11-20T10:00:01Z"),
            entry(50074, "Graph", "2026-11-20T10:00:09Z"),
            entry(53000, "Graph", "2026-11-20T10:00:40Z"),
        ];
        let j = judge(&all, &Context::default());
        for f in &j.findings {
            let want = match f.aadsts {
                Some(53000) => Severity::Error,
                _ => Severity::Info,
            };
            assert_eq!(f.severity, want, "{} {:?}", f.title, f.aadsts);
            assert!(!f.detail.contains("no later entry"), "{}", f.detail);
        }
        // Near miss: another sign-in's later failure (another correlation ID) is not it.
        let mut other = entry(53000, "Graph", "2026-11-20T10:00:40Z");
        other.correlation_id = "d".into();
        let j = judge(&[all[1].clone(), other], &Context::default());
        assert!(j
            .findings
            .iter()
            .any(|f| f.aadsts == Some(50074) && f.severity != Severity::Info));
    }

    /// A code redemption refused for the app's platform, logged as non-interactive, is an error
    /// with the platform fix; a refresh token's expiry keeps the renewal wording.
    #[test]
    fn a_non_interactive_redemption_failure_is_the_error() {
        let mut ok = entry(0, "Graph", "2026-11-20T10:00:01Z");
        ok.interactive = Some(true);
        let mut spa = entry(9002326, "Graph", "2026-11-20T10:00:03Z");
        spa.interactive = Some(false);
        spa.failure_reason = "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: 'http://localhost:5173'.".into();
        let j = judge(&[spa, ok.clone()], &Context::default());
        let f = j.findings.iter().find(|f| f.aadsts == Some(9002326));
        let f = f.expect("9002326");
        assert_eq!(f.severity, Severity::Error);
        assert!(f.fix.contains("http://localhost:5173"), "{}", f.fix);
        assert!(!f.detail.contains("renewing"), "{}", f.detail);
        let mut rt = entry(700082, "Graph", "2026-11-20T10:00:03Z");
        rt.interactive = Some(false);
        let j = judge(&[rt, ok], &Context::default());
        assert!(j
            .findings
            .iter()
            .all(|f| f.severity == Severity::Warning && f.detail.contains("refresh token")));
    }

    /// AADSTS50058 answers a prompt=none request with login_required: an error the app must
    /// handle; without prompt=none it stays the pause of an interactive sign-in.
    #[test]
    fn no_session_for_a_silent_request_is_an_error() {
        let mut s = entry(50058, "Graph", "2026-11-20T10:00:01Z");
        s.interactive = Some(true);
        let silent = Context {
            prompt_none: true,
            ..Context::default()
        };
        let j = judge(std::slice::from_ref(&s), &silent);
        assert!(j.findings.iter().any(
            |f| f.severity == Severity::Error && f.fix.contains("InteractionRequiredAuthError")
        ));
        let j = judge(&[s], &Context::default());
        assert!(j.findings.iter().all(|f| f.severity != Severity::Error));
    }

    fn severities(j: &Judged) -> Vec<(String, Option<u32>, Severity)> {
        j.findings
            .iter()
            .map(|f| (f.code.clone(), f.aadsts, f.severity))
            .collect()
    }

    #[test]
    fn an_interrupted_session_row_of_the_portal_csv_is_a_warning() {
        let run = |status: &str, code: u32| {
            let text = format!("Date (UTC),Correlation ID,Application ID,Status,Sign-in error code,Failure reason\n2025-06-03T09:14:08Z,c1,A,{status},{code},x\n");
            let super::super::csv::Read::SignIns(rows, _, _) = super::super::csv::read(&text)
            else {
                panic!("not read")
            };
            let all: Vec<SignIn> = rows
                .iter()
                .enumerate()
                .map(|(i, r)| SignIn::from_value(i, r))
                .collect();
            let j = judge(&all, &Context::default());
            j.findings
                .first()
                .map(|f| (f.severity, f.title.starts_with("Sign-in interrupted")))
        };
        // 50058 marked Interrupted: Entra asking for a session, not the cause.
        assert_eq!(run("Interrupted", 50058), Some((Severity::Warning, true)));
        // Near misses: the same code marked Failure, and an interrupted row
        // whose code is no session step (not known to be non-interactive).
        assert_eq!(run("Failure", 50058), Some((Severity::Error, false)));
        assert_eq!(run("Interrupted", 50011), Some((Severity::Error, false)));
    }

    #[test]
    fn a_silent_no_session_then_an_interactive_success_is_info() {
        let t0 = "2025-03-11T14:02:07Z";
        let t1 = "2025-03-11T14:02:27Z";
        let with = |code: u32, user: &str, corr: &str, time: &str| SignIn {
            user: user.into(),
            correlation_id: corr.into(),
            ..entry(code, "Graph", time)
        };
        let severity = |entries: &[SignIn]| {
            judge(entries, &Context::default())
                .findings
                .first()
                .map(|f| f.severity)
        };
        // prompt=none found no session; the interactive sign-in (new correlation ID) worked.
        assert_eq!(
            severity(&[with(50058, "ann", "c1", t0), with(0, "ann", "c2", t1)]),
            Some(Severity::Info)
        );
        // Another user's success, or one before the failure, does not resolve it.
        assert_eq!(
            severity(&[with(50058, "ann", "c1", t0), with(0, "bob", "c2", t1)]),
            Some(Severity::Error)
        );
        assert_eq!(
            severity(&[with(0, "ann", "c2", t0), with(50058, "ann", "c1", t1)]),
            Some(Severity::Error)
        );
    }

    #[test]
    fn a_mistyped_password_then_success_is_a_retried_step() {
        let (t0, t1) = ("2025-03-11T14:02:07Z", "2025-03-11T14:02:27Z");
        let j = judge(
            &[entry(50126, "Graph", t0), entry(0, "Graph", t1)],
            &Context::default(),
        );
        let f = j.findings.first().expect("finding");
        assert_eq!(f.severity, Severity::Info);
        assert!(
            f.title.starts_with("Sign-in step retried after"),
            "{}",
            f.title
        );
        // Near miss: without the success it stays the failure.
        let j = judge(&[entry(50126, "Graph", t0)], &Context::default());
        assert_eq!(
            j.findings.first().map(|f| f.severity),
            Some(Severity::Error)
        );
    }

    #[test]
    fn only_interrupts_resolved_for_the_same_app_and_resource_are_info() {
        let t0 = "2025-03-11T14:02:07Z";
        let t1 = "2025-03-11T14:02:27Z";
        // A block on one resource is not undone by a success on another.
        let j = judge(
            &[
                entry(0, "Graph", t0),
                entry(53003, "Orders API", t1),
                entry(0, "Graph", t1),
            ],
            &Context::default(),
        );
        assert!(
            j.findings.iter().all(|f| f.severity == Severity::Error),
            "{:?}",
            severities(&j)
        );
        assert!(j
            .findings
            .iter()
            .all(|f| !f.title.contains("then succeeded")));
        // Nor a redirect URI error by a later success of the same sign-in.
        let j = judge(
            &[entry(50011, "Graph", t0), entry(0, "Graph", t1)],
            &Context::default(),
        );
        assert_eq!(
            j.findings.first().map(|f| f.severity),
            Some(Severity::Error)
        );
        // A redirect URI error, then the same app and user signing in later
        // (the registration fixed): resolved, information.
        let by = |code: u32, user: &str, time: &str, interactive: bool| SignIn {
            user: user.into(),
            interactive: Some(interactive),
            correlation_id: time.into(),
            ..entry(code, "Graph", time)
        };
        let j = judge(
            &[by(50011, "ann", t0, true), by(0, "ann", t1, true)],
            &Context::default(),
        );
        assert_eq!(
            j.findings
                .first()
                .map(|f| (f.severity, f.title.contains("resolved by a later sign-in"))),
            Some((Severity::Info, true)),
            "{:?}",
            severities(&j)
        );
        // Near misses: another user, an earlier success, a non-interactive
        // success (a refresh token passes no redirect URI check), a success
        // of the same attempt (correlation ID), a 50011 after the success.
        let same_attempt = SignIn {
            correlation_id: "c1".into(),
            ..by(0, "ann", t1, true)
        };
        let j = judge(
            &[
                SignIn {
                    correlation_id: "c1".into(),
                    ..by(50011, "ann", t0, true)
                },
                same_attempt,
            ],
            &Context::default(),
        );
        assert_eq!(
            j.findings.first().map(|f| f.severity),
            Some(Severity::Error)
        );
        for entries in [
            [by(50011, "ann", t0, true), by(0, "bob", t1, true)],
            [by(0, "ann", t0, true), by(50011, "ann", t1, true)],
            [by(50011, "ann", t0, true), by(0, "ann", t1, false)],
        ] {
            let j = judge(&entries, &Context::default());
            assert_eq!(
                j.findings.first().map(|f| f.severity),
                Some(Severity::Error),
                "{:?}",
                severities(&j)
            );
        }
        let j = judge(
            &[
                by(50011, "ann", t0, true),
                by(0, "ann", t1, true),
                by(50011, "ann", "2025-03-11T14:05:00Z", true),
            ],
            &Context::default(),
        );
        assert_eq!(
            j.findings.first().map(|f| f.severity),
            Some(Severity::Error)
        );
        // An MFA interrupt then the same app and resource succeeding: info.
        let j = judge(
            &[entry(50074, "Graph", t0), entry(0, "Graph", t1)],
            &Context::default(),
        );
        assert!(
            j.findings.iter().all(|f| f.severity == Severity::Info),
            "{:?}",
            severities(&j)
        );
        // ... but not for another resource, nor when the success came first.
        let j = judge(
            &[entry(50074, "Graph", t0), entry(0, "Orders API", t1)],
            &Context::default(),
        );
        assert!(j.findings.iter().any(|f| f.severity == Severity::Error));
        let j = judge(
            &[entry(0, "Graph", t0), entry(50074, "Graph", t1)],
            &Context::default(),
        );
        assert!(j.findings.iter().any(|f| f.severity == Severity::Error));
    }

    #[test]
    fn interactive_failures_come_before_token_leg_noise() {
        let v: Value = serde_json::from_str(
            r#"[{"appId":"A","isInteractive":false,"signInEventTypes":["nonInteractiveUser"],"status":{"errorCode":70044}},
                {"appId":"A","signInEventTypes":["nonInteractiveUser"],"status":{"errorCode":50173}},
                {"appId":"A","isInteractive":true,"status":{"errorCode":50011}}]"#,
        )
        .expect("json");
        let all: Vec<SignIn> = v
            .as_array()
            .expect("array")
            .iter()
            .enumerate()
            .map(|(i, r)| SignIn::from_value(i, r))
            .collect();
        assert_eq!(
            all.iter().map(|s| s.interactive).collect::<Vec<_>>(),
            [Some(false), Some(false), Some(true)]
        );
        let j = judge(&all, &Context::default());
        let got = severities(&j);
        assert_eq!(
            got.first(),
            Some(&("signin.failure".to_string(), Some(50011), Severity::Error)),
            "{got:?}"
        );
        assert!(
            got.iter().skip(1).all(|(_, _, s)| *s == Severity::Warning),
            "{got:?}"
        );
        // Refresh-token failures alone cannot explain a missing code either:
        // warnings that ask for the interactive sign-ins.
        let j = judge(all.get(1..2).unwrap_or(&[]), &Context::default());
        assert_eq!(j.findings.len(), 1);
        assert!(j.findings.iter().all(|f| f.severity == Severity::Warning
            && f.detail.contains("not the browser's sign-in")
            && f.fix.contains("User sign-ins (interactive)")));
        // Not so for an interactive entry with a token-endpoint code, nor a
        // non-interactive entry with an authorize-leg code or an unknown one.
        let v: Value = serde_json::from_str(
            r#"[{"appId":"A","isInteractive":true,"status":{"errorCode":50173}},
                {"appId":"B","isInteractive":false,"status":{"errorCode":50011}},
                {"appId":"C","isInteractive":false,"status":{"errorCode":70099}}]"#,
        )
        .expect("json");
        let all: Vec<SignIn> = v
            .as_array()
            .expect("array")
            .iter()
            .enumerate()
            .map(|(i, r)| SignIn::from_value(i, r))
            .collect();
        for one in all.chunks(1) {
            let j = judge(one, &Context::default());
            assert!(
                j.findings.iter().all(|f| f.severity == Severity::Error),
                "{:?}",
                severities(&j)
            );
        }
    }

    #[test]
    fn several_grant_controls_may_be_one_of_them() {
        let two = ca_fix(&[
            "RequireCompliantDevice".into(),
            "RequireDomainJoinedDevice".into(),
        ]);
        assert!(two.contains("all of them or one of them"), "{two}");
        let one = ca_fix(&["Mfa".into()]);
        assert!(!one.contains("one of them"), "{one}");
    }

    #[test]
    fn windows_powershell_dates_read_as_iso() {
        assert_eq!(
            ms_date("/Date(1733224448000)/").as_deref(),
            Some("2024-12-03T11:14:08Z")
        );
        assert_eq!(
            ms_date("/Date(951782400000+0100)/").as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(
            ms_date("/Date(0)/").as_deref(),
            Some("1970-01-01T00:00:00Z")
        );
        assert_eq!(ms_date("/Date(x)/"), None);
        assert_eq!(ms_date("2024-12-03T11:14:08Z"), None);
        let s = one(
            r#"{"appId":"A","createdDateTime":"/Date(1733224448000)/","status":{"errorCode":50011}}"#,
        );
        assert!(
            s.label().starts_with("2024-12-03T11:14:08Z"),
            "{}",
            s.label()
        );
    }

    #[test]
    fn a_status_cut_by_powershell_or_missing_is_no_success() {
        let cut =
            one(r#"{"appId":"A","correlationId":"c","status":"System.Collections.Hashtable"}"#);
        assert!(!cut.status_known && cut.depth_cut && !cut.succeeded());
        let none =
            one(r#"{"appId":"A","correlationId":"c","createdDateTime":"2026-11-20T10:00:00Z"}"#);
        assert!(!none.status_known && !none.depth_cut);
        let ok = one(r#"{"appId":"A","status":{"errorCode":0}}"#);
        assert!(ok.succeeded());
        let j = judge(std::slice::from_ref(&cut), &Context::default());
        assert_eq!(codes(&j), ["input.evidence_unreadable"]);
        assert!(
            j.findings[0].fix.contains("-Depth"),
            "{}",
            j.findings[0].fix
        );
        // One readable success beside it: no failure among those that say, and the note.
        let j = judge(&[cut, ok], &Context::default());
        assert_eq!(
            codes(&j),
            ["input.evidence_unreadable", "signin.no_failures"]
        );
        assert!(
            j.findings[1].detail.starts_with("1 sign-in log entry"),
            "{}",
            j.findings[1].detail
        );
    }

    #[test]
    fn another_apps_failures_are_warnings_and_entries_without_an_app_id_are_no_mismatch() {
        let mut other = entry(50011, "Graph", "2026-11-20T10:00:00Z");
        other.app_id = "B".into();
        let ctx = Context {
            client_id: Some("A"),
            ..Context::default()
        };
        let j = judge(&[other.clone()], &ctx);
        assert_eq!(codes(&j), ["signin.app_mismatch", "signin.failure"]);
        assert!(j.findings.iter().all(|f| f.severity == Severity::Warning));
        let mut nameless = entry(53003, "Graph", "2026-11-20T10:00:00Z");
        nameless.app_id = String::new();
        nameless.app_name = "Contoso Portal".into();
        let j = judge(&[nameless], &ctx);
        assert!(
            !codes(&j).contains(&"signin.app_mismatch"),
            "{:?}",
            codes(&j)
        );
        assert_eq!(j.findings.last().map(|f| f.severity), Some(Severity::Error));
        assert!(j
            .filter
            .as_deref()
            .is_some_and(|f| f.contains("names no application ID")));
    }

    #[test]
    fn a_prompt_alone_is_an_interrupted_step_not_the_failure() {
        for code in [50140, 50199] {
            let j = judge(
                &[entry(code, "Graph", "2026-11-20T10:00:00Z")],
                &Context::default(),
            );
            assert_eq!(
                severities(&j),
                [("signin.failure".to_string(), Some(code), Severity::Warning)]
            );
            assert!(
                j.findings[0].title.starts_with("Sign-in interrupted"),
                "{}",
                j.findings[0].title
            );
        }
        // A failure that is no prompt stays the error.
        let j = judge(
            &[entry(50011, "Graph", "2026-11-20T10:00:00Z")],
            &Context::default(),
        );
        assert_eq!(j.findings[0].severity, Severity::Error);
    }
}
