//! Sign-in log CSV exports: the Entra portal's "Download › CSV" (readable
//! headers such as `Date (UTC)`, `Sign-in error code`, `Application ID`) and
//! Log Analytics / Sentinel "Export to CSV" of `SigninLogs` (PascalCase
//! columns such as `ResultType`, `AppId`, with `Status` and
//! `ConditionalAccessPolicies` as JSON text).
//!
//! The columns are found by name (case, spaces and punctuation ignored, so
//! `Correlation ID` and `CorrelationId` are one column; unknown columns are
//! skipped), and each row becomes the record shape [`super::signin::SignIn::from_value`]
//! reads, so CSV rows are judged exactly like JSON ones.
//!
//! The parser follows RFC 4180 (quoted fields with `""` for a quote and line
//! breaks inside, CRLF or LF rows), takes `;` or a tab as the separator when
//! the header row has more of them than commas (or an Excel `sep=` line says
//! so), and reads each byte once.

use std::borrow::Cow;

use serde_json::{Map, Value};

/// Columns kept from one row at most: the sign-in exports have under 100.
const MAX_COLUMNS: usize = 1000;

/// How a field ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    Separator,
    Line,
    Text,
}

/// An RFC 4180 reader over a text: an iterator of records (blank lines
/// skipped), each a list of fields borrowed from the text unless a doubled
/// quote had to be undone.
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    sep: u8,
    max_fields: usize,
    /// True once the text ended inside a quoted field (a cut-off file); that
    /// field then runs to the end of the text.
    pub unterminated: bool,
}

impl<'a> Reader<'a> {
    /// A reader of `text` with the separator its first line shows (see
    /// [`separator`]); an Excel `sep=X` line is consumed.
    pub fn new(text: &'a str) -> Reader<'a> {
        let (sep, rest) = separator(text.strip_prefix('\u{FEFF}').unwrap_or(text));
        Reader {
            text: rest,
            pos: 0,
            sep,
            max_fields: MAX_COLUMNS,
            unterminated: false,
        }
    }

    /// The separator in use (`,`, `;` or a tab).
    pub fn separator(&self) -> char {
        char::from(self.sep)
    }

    /// Keeps at most `n` fields of each following record (the rest are read
    /// past, not stored).
    pub fn keep_fields(&mut self, n: usize) {
        self.max_fields = n.min(MAX_COLUMNS);
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.text.get(from..to).unwrap_or("")
    }

    /// An unquoted field (or the rest of a quoted one) from `self.pos` to the
    /// next separator or line break.
    fn unquoted(&mut self) -> (&'a str, End) {
        let b = self.bytes();
        let start = self.pos;
        let sep = self.sep;
        match b
            .get(start..)
            .and_then(|r| r.iter().position(|&c| c == sep || c == b'\n' || c == b'\r'))
        {
            Some(p) => {
                let at = start + p;
                let field = self.slice(start, at);
                let c = b.get(at).copied();
                self.pos = at + 1;
                if c == Some(sep) {
                    (field, End::Separator)
                } else {
                    if c == Some(b'\r') && b.get(at + 1) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    (field, End::Line)
                }
            }
            None => {
                self.pos = b.len();
                (self.slice(start, b.len()), End::Text)
            }
        }
    }

    fn field(&mut self) -> (Cow<'a, str>, End) {
        let b = self.bytes();
        if b.get(self.pos) != Some(&b'"') {
            let (f, end) = self.unquoted();
            return (Cow::Borrowed(f), end);
        }
        let mut seg = self.pos + 1;
        let mut owned: Option<String> = None;
        loop {
            let Some(q) = b
                .get(seg..)
                .and_then(|r| r.iter().position(|&c| c == b'"'))
                .map(|p| seg + p)
            else {
                self.unterminated = true;
                self.pos = b.len();
                let rest = self.slice(seg, b.len());
                return match owned {
                    Some(mut o) => {
                        o.push_str(rest);
                        (Cow::Owned(o), End::Text)
                    }
                    None => (Cow::Borrowed(rest), End::Text),
                };
            };
            if b.get(q + 1) == Some(&b'"') {
                // `""` is one quote.
                owned
                    .get_or_insert_with(String::new)
                    .push_str(self.slice(seg, q + 1));
                seg = q + 2;
                continue;
            }
            let inner = self.slice(seg, q);
            self.pos = q + 1;
            // Text between the closing quote and the separator is not RFC
            // 4180; keep it rather than lose it.
            let (tail, end) = self.unquoted();
            let field = match owned {
                Some(mut o) => {
                    o.push_str(inner);
                    o.push_str(tail);
                    Cow::Owned(o)
                }
                None if tail.is_empty() => Cow::Borrowed(inner),
                None => Cow::Owned(format!("{inner}{tail}")),
            };
            return (field, end);
        }
    }
}

impl<'a> Iterator for Reader<'a> {
    type Item = Vec<Cow<'a, str>>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.pos < self.text.len() {
            let mut fields = Vec::new();
            let mut blank = true;
            loop {
                let (f, end) = self.field();
                blank &= f.is_empty() && end != End::Separator;
                if fields.len() < self.max_fields {
                    fields.push(f);
                }
                if end != End::Separator {
                    break;
                }
            }
            if !blank {
                return Some(fields);
            }
        }
        None
    }
}

/// The separator of a CSV text and the text after an Excel `sep=X` line, if
/// any: otherwise whichever of `,`, `;` and tab its first line has most of
/// outside quotes (a comma on a tie).
pub fn separator(text: &str) -> (u8, &str) {
    // Windows PowerShell's Export-Csv writes `#TYPE <.NET type>` above the header row.
    let text = match text.strip_prefix("#TYPE ") {
        Some(rest) => rest.split_once('\n').map_or("", |(_, r)| r),
        None => text,
    };
    let first = text.lines().next().unwrap_or("");
    if let Some(s) = first.trim().strip_prefix("sep=") {
        if let [c @ (b',' | b';' | b'\t' | b'|')] = s.as_bytes() {
            let rest = text.get(first.len()..).unwrap_or("");
            return (
                *c,
                rest.strip_prefix('\r')
                    .unwrap_or(rest)
                    .trim_start_matches('\n'),
            );
        }
    }
    let (mut commas, mut semis, mut tabs, mut quoted) = (0usize, 0usize, 0usize, false);
    for c in first.bytes() {
        match c {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semis += 1,
            b'\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    let sep = if semis > commas && semis >= tabs {
        b';'
    } else if tabs > commas && tabs > semis {
        b'\t'
    } else {
        b','
    };
    (sep, text)
}

/// A header name reduced to lowercase ASCII letters and digits and the
/// letters of scripts beyond Latin (accented Latin letters are dropped, so an
/// export whose accents were garbled by another code page gives the same key):
/// `Date (UTC)` → `dateutc`, `CorrelationId` and `Correlation ID` → `correlationid`.
fn raw_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || (*c > '\u{24F}' && c.is_alphanumeric()))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The portal's download in other languages than English: the names of the
/// columns the reader needs (German, French, Spanish, Portuguese, Italian, Japanese), each with
/// the English column it is. Portuguese and Italian names are read too.
const LOCALIZED: &[(&str, &[&str])] = &[
    (
        "dateutc",
        &["Datum (UTC)", "Fecha (UTC)", "Data (UTC)", "日付 (UTC)"],
    ),
    (
        "requestid",
        &[
            "Anforderungs-ID",
            "ID de demande",
            "ID de la demande",
            "Id. de solicitud",
            "ID da solicitação",
            "ID do pedido",
            "ID richiesta",
            "要求 ID",
        ],
    ),
    (
        "correlationid",
        &[
            "Korrelations-ID",
            "ID de corrélation",
            "Id. de correlación",
            "ID de correlação",
            "ID correlazione",
            "相関 ID",
        ],
    ),
    (
        "application",
        &[
            "Anwendung",
            "Aplicación",
            "Aplicativo",
            "Aplicação",
            "Applicazione",
            "アプリケーション",
        ],
    ),
    (
        "applicationid",
        &[
            "Anwendungs-ID",
            "ID d’application",
            "Id. de aplicación",
            "ID do aplicativo",
            "ID da aplicação",
            "ID applicazione",
            "アプリケーション ID",
        ],
    ),
    ("status", &["Statut", "État", "Estado", "Stato", "状態"]),
    (
        "signinerrorcode",
        &[
            "Anmeldefehlercode",
            "Code d’erreur de connexion",
            "Código de error de inicio de sesión",
            "Código de erro de entrada",
            "Código de erro de início de sessão",
            "Codice errore di accesso",
            "サインイン エラー コード",
        ],
    ),
    (
        "failurereason",
        &[
            "Fehlerursache",
            "Raison de l’échec",
            "Motivo del error",
            "Motivo da falha",
            "Motivo dell'errore",
            "失敗の理由",
        ],
    ),
    (
        "user",
        &[
            "Benutzer",
            "Utilisateur",
            "Usuario",
            "Usuário",
            "Utilizador",
            "Utente",
            "ユーザー",
        ],
    ),
    (
        "username",
        &[
            "Benutzername",
            "Nom d’utilisateur",
            "Nombre de usuario",
            "Nome de usuário",
            "Nome de utilizador",
            "Nome utente",
            "ユーザー名",
        ],
    ),
    (
        "userid",
        &[
            "Benutzer-ID",
            "ID d’utilisateur",
            "Id. de usuario",
            "ID do usuário",
            "ID de usuário",
            "ID do utilizador",
            "ID utente",
            "ユーザー ID",
        ],
    ),
    (
        "ipaddress",
        &[
            "IP-Adresse",
            "Adresse IP",
            "Dirección IP",
            "Endereço IP",
            "Indirizzo IP",
            "IP アドレス",
        ],
    ),
];

/// A header name as the key of its column: [`raw_key`], with a localized
/// portal column name read as the English one (`Korrelations-ID` →
/// `correlationid`).
pub fn column_key(name: &str) -> String {
    let key = raw_key(name);
    LOCALIZED
        .iter()
        .find(|(_, names)| names.iter().any(|n| raw_key(n) == key))
        .map_or(key, |(english, _)| (*english).to_string())
}

/// The record key each column feeds, with the column names (as
/// [`column_key`]s) that can hold it, the preferred first.
const COLUMNS: &[(&str, &[&str])] = &[
    ("id", &["requestid", "id"]),
    ("originalRequestId", &["originalrequestid"]),
    (
        "createdDateTime",
        &["createddatetime", "createddatetimeutc", "dateutc", "date"],
    ),
    ("timeGenerated", &["timegenerated", "timegeneratedutc"]),
    ("appId", &["appid", "applicationid"]),
    ("appDisplayName", &["appdisplayname", "application"]),
    ("userPrincipalName", &["userprincipalname", "username"]),
    ("userDisplayName", &["userdisplayname", "user"]),
    ("correlationId", &["correlationid"]),
    // Log Analytics: JSON text; the portal: Success, Failure or Interrupted.
    ("status", &["status"]),
    (
        "errorCode",
        &["signinerrorcode", "errorcode", "statuserrorcode"],
    ),
    ("failureReason", &["failurereason", "statusfailurereason"]),
    (
        "additionalDetails",
        &["additionaldetails", "statusadditionaldetails"],
    ),
    ("resultType", &["resulttype"]),
    ("resultDescription", &["resultdescription"]),
    (
        "conditionalAccessStatus",
        &["conditionalaccessstatus", "conditionalaccess"],
    ),
    (
        "appliedConditionalAccessPolicies",
        &[
            "conditionalaccesspolicies",
            "appliedconditionalaccesspolicies",
        ],
    ),
    ("authenticationRequirement", &["authenticationrequirement"]),
    ("authenticationDetails", &["authenticationdetails"]),
    ("resourceDisplayName", &["resourcedisplayname", "resource"]),
    // Log Analytics' ResourceId is the Azure path of the log; ResourceIdentity
    // is the resource's app id.
    ("resourceId", &["resourceidentity", "resourceid"]),
    ("clientAppUsed", &["clientappused", "clientapp"]),
    ("ipAddress", &["ipaddress"]),
    // `mv-expand ConditionalAccessPolicies` in Log Analytics: one row per policy, its fields
    // in columns of their own.
    ("caName", &["conditionalaccesspoliciesdisplayname"]),
    ("caResult", &["conditionalaccesspoliciesresult"]),
    (
        "caGrant",
        &["conditionalaccesspoliciesenforcedgrantcontrols"],
    ),
    (
        "caSession",
        &["conditionalaccesspoliciesenforcedsessioncontrols"],
    ),
    ("isInteractive", &["isinteractive"]),
    // `summarize count() by …` in Log Analytics: how many sign-ins the row stands for.
    ("count_", &["count", "count_"]),
    ("signInEventTypes", &["signineventtypes"]),
    // Log Analytics names the table a row came from.
    ("category", &["category"]),
    ("type", &["type"]),
    // The portal's MFA columns, read as one authentication step.
    ("mfaResult", &["multifactorauthenticationresult"]),
    ("mfaMethod", &["multifactorauthenticationauthmethod"]),
    ("mfaDetail", &["multifactorauthenticationauthdetail"]),
];

/// The record key → column index of a header row.
struct Columns(Vec<(&'static str, usize)>);

impl Columns {
    fn of(header: &[Cow<str>]) -> Columns {
        let keys: Vec<String> = header.iter().map(|h| column_key(h)).collect();
        Columns(
            COLUMNS
                .iter()
                .filter_map(|(key, names)| {
                    names
                        .iter()
                        .find_map(|n| keys.iter().position(|k| k == n))
                        .map(|i| (*key, i))
                })
                .collect(),
        )
    }
    fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| *k == key)
    }
    /// A sign-in export has an error code and an app or correlation ID.
    fn is_signin_log(&self) -> bool {
        (self.has("errorCode") || self.has("resultType"))
            && (self.has("appId") || self.has("correlationId"))
    }
    /// A Status column beside an app or correlation ID, without an error code: the shape of
    /// PowerShell's Export-Csv or Format-Table of whole sign-in objects.
    fn status_cut_possible(&self) -> bool {
        self.has("status") && (self.has("appId") || self.has("correlationId"))
    }
    /// ... whose Status cells are the type name of the status object PowerShell did not expand.
    fn status_cut(&self, rows: &[Vec<Cow<str>>]) -> bool {
        let at = self.0.iter().find(|(k, _)| *k == "status").map(|(_, i)| *i);
        self.status_cut_possible()
            && at.is_some_and(|i| {
                rows.iter()
                    .any(|r| r.get(i).is_some_and(|v| super::signin::is_type_name(v)))
            })
    }
    /// Whole sign-in objects in PowerShell's default table (`Get-MgAuditLogSignIn` with no
    /// Select-Object: Id, AppDisplayName, AppId, … as many columns as the console is wide), which
    /// often shows no status at all: an app or correlation ID among at least three columns only
    /// a sign-in has (an application's or service principal's table has AppId alone).
    fn sign_in_objects(&self) -> bool {
        const SIGN_IN: &[&str] = &[
            "appId",
            "appDisplayName",
            "correlationId",
            "createdDateTime",
            "userPrincipalName",
            "userDisplayName",
            "conditionalAccessStatus",
            "appliedConditionalAccessPolicies",
            "clientAppUsed",
            "ipAddress",
            "resourceDisplayName",
            "isInteractive",
        ];
        (self.has("appId") || self.has("correlationId"))
            && SIGN_IN.iter().filter(|k| self.has(k)).count() >= 3
    }
    fn widest(&self) -> usize {
        self.0.iter().map(|(_, i)| i + 1).max().unwrap_or(0)
    }
}

/// Whether a header row is a sign-in log export's.
pub fn is_signin_header(header: &[Cow<str>]) -> bool {
    Columns::of(header).is_signin_log()
}

/// The record key a column (a [`column_key`]) feeds, if any.
pub fn record_key(column: &str) -> Option<&'static str> {
    COLUMNS
        .iter()
        .find(|(_, names)| names.contains(&column))
        .map(|(key, _)| *key)
}

/// A portal value in Graph's spelling (`Not Applied` → `notApplied`,
/// `Multifactor authentication` → `multiFactorAuthentication`); others as given.
fn graph_value(v: &str) -> Cow<'_, str> {
    let words: &[&str] = match column_key(v).as_str() {
        "notapplied" => &["not", "Applied"],
        "success" => &["success"],
        "failure" => &["failure"],
        "singlefactorauthentication" => &["single", "Factor", "Authentication"],
        "multifactorauthentication" => &["multi", "Factor", "Authentication"],
        _ => return Cow::Borrowed(v),
    };
    Cow::Owned(words.concat())
}

/// One row as a sign-in record (Graph-like keys; nested `status`).
fn record(cols: &Columns, row: &[Cow<str>]) -> Value {
    let mut rec = Map::new();
    let mut status = Map::new();
    let mut mfa = Map::new();
    let mut policy = Map::new();
    for (key, i) in &cols.0 {
        let v = row.get(*i).map(|v| v.trim()).unwrap_or("");
        if v.is_empty() {
            continue;
        }
        let s = |v: &str| Value::String(v.to_string());
        match *key {
            "errorCode" | "failureReason" | "additionalDetails" => {
                status.insert((*key).to_string(), s(v));
            }
            // PowerShell's Export-Csv or Format-Table wrote the status object as its type name:
            // kept as it is, read as a status cut off.
            "status" if super::signin::is_type_name(v) => {
                rec.insert("status".into(), s(v));
            }
            "status" if !v.starts_with('{') => {
                rec.insert("portalStatus".into(), s(v));
            }
            "resourceDisplayName" if v.eq_ignore_ascii_case("microsoft.aadiam") => {}
            "resourceId" if v.starts_with('/') => {}
            "conditionalAccessStatus" | "authenticationRequirement" => {
                rec.insert((*key).to_string(), s(&graph_value(v)));
            }
            "mfaResult" => {
                mfa.insert("authenticationStepResultDetail".into(), s(v));
            }
            "mfaMethod" => {
                mfa.insert("authenticationMethod".into(), s(v));
            }
            "mfaDetail" => {
                mfa.insert("authenticationMethodDetail".into(), s(v));
            }
            "caName" => {
                policy.insert("displayName".into(), s(v));
            }
            "caResult" => {
                policy.insert("result".into(), s(v));
            }
            "caGrant" => {
                policy.insert("enforcedGrantControls".into(), s(v));
            }
            "caSession" => {
                policy.insert("enforcedSessionControls".into(), s(v));
            }
            _ => {
                rec.insert((*key).to_string(), s(v));
            }
        }
    }
    if !status.is_empty() {
        rec.insert("status".into(), Value::Object(status));
    }
    if !policy.is_empty() && !rec.contains_key("appliedConditionalAccessPolicies") {
        rec.insert(
            "appliedConditionalAccessPolicies".into(),
            Value::Array(vec![Value::Object(policy)]),
        );
    }
    if !mfa.is_empty() && !rec.contains_key("authenticationDetails") {
        rec.insert(
            "authenticationDetails".into(),
            Value::Array(vec![Value::Object(mfa)]),
        );
    }
    Value::Object(rec)
}

/// The portal's details of one sign-in (Sign-in logs › a sign-in › Basic info) as copied:
/// `Label<TAB>value` lines, or each label on its own line above its value. One record when
/// it names an error code and an application or correlation ID.
pub fn read_pane(text: &str) -> Option<Value> {
    // A pane is a few dozen short lines; anything much longer is something else, and reading
    // each of its lines as a label would cost a large paste dearly.
    if text.len() > 16 * 1024 || text.lines().nth(200).is_some() {
        return None;
    }
    let known = |l: &str| l.len() <= 64 && record_key(&column_key(l)).is_some();
    // The pane's tab strip, copied above the fields: none of its words is a field's value.
    let tab = |l: &str| {
        [
            "basicinfo",
            "location",
            "deviceinfo",
            "authenticationdetails",
            "conditionalaccess",
            "reportonly",
            "additionaldetails",
        ]
        .contains(&column_key(l).as_str())
    };
    let joined = list_lines(text);
    let lines: Vec<&str> = joined
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let mut pairs: Vec<(Cow<str>, Cow<str>)> = Vec::new();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        // Tab-separated (the portal's pane), or PowerShell's Format-List (`ErrorCode   : 53003`).
        let split = line
            .split_once('\t')
            .or_else(|| line.split_once(" : "))
            .or_else(|| line.strip_suffix(" :").map(|l| (l, "")))
            .filter(|(l, _)| known(l.trim()));
        if let Some((label, value)) = split {
            pairs.push((Cow::Borrowed(label.trim()), Cow::Borrowed(value.trim())));
            i += 1;
        } else if known(line) && lines.get(i + 1).is_some_and(|v| !known(v) && !tab(v)) {
            pairs.push((Cow::Borrowed(*line), Cow::Borrowed(lines[i + 1])));
            i += 2;
        } else {
            i += 1;
        }
    }
    // A pane names many fields; a line or two that happen to be labels are no pane. A
    // sign-in's status alone (`$s.Status | Format-List`) names its code and reason.
    let (header, row): (Vec<Cow<str>>, Vec<Cow<str>>) = pairs.into_iter().unzip();
    let cols = Columns::of(&header);
    let status_only = cols.has("errorCode") && cols.has("failureReason");
    if header.len() < 4 && !status_only {
        return None;
    }
    // PowerShell's list of a whole sign-in (`Get-MgAuditLogSignIn … | Format-List`, or the
    // Beta module's) shows the status as its type name: read as a status cut off.
    let status_cut = !cols.has("errorCode") && cols.status_cut(std::slice::from_ref(&row));
    // A list shows a collection as `{interactiveUser}`.
    let row: Vec<Cow<str>> = row
        .into_iter()
        .map(
            |v| match v.strip_prefix('{').and_then(|v| v.strip_suffix('}')) {
                Some(inner) if !inner.contains(['"', ':']) => Cow::Owned(inner.to_string()),
                _ => v,
            },
        )
        .collect();
    let mut rec = (((cols.is_signin_log() || status_only) && cols.has("errorCode")) || status_cut)
        .then(|| record(&cols, &row))?;
    let policies = policies_in(&lines);
    if let Some(o) = rec.as_object_mut().filter(|_| !policies.is_empty()) {
        o.insert(
            "appliedConditionalAccessPolicies".into(),
            Value::Array(policies),
        );
    }
    Some(rec)
}

/// The lines of `text`, with PowerShell `Format-List`'s wrapped values put back on one line:
/// it continues a long value (a failure reason quoting a redirect URI) on the next lines,
/// indented to the value's column. Word-wrapped prose lost a space at the break; a URI longer
/// than the console was cut inside, so its pieces join without one.
fn list_lines(text: &str) -> Vec<Cow<'_, str>> {
    let mut out: Vec<Cow<str>> = Vec::new();
    let mut column = 0;
    for raw in text.lines() {
        match out.last_mut() {
            Some(last) if crate::core::registered::is_continuation(raw, column) => {
                let head = last.trim_end();
                let word = head.rsplit(' ').next().unwrap_or_default();
                let word = word.trim_start_matches(['\'', '"', '(', '{']);
                let in_uri = (word.contains("://") || word.starts_with("http") && word.len() <= 6)
                    && !word.ends_with(['\'', '"', ',', ')', '}']);
                let gap = if in_uri { "" } else { " " };
                *last = Cow::Owned(format!("{head}{gap}{}", raw.trim()));
            }
            _ => {
                column = raw.find(" : ").map_or(0, |at| at + 3);
                out.push(Cow::Borrowed(raw));
            }
        }
    }
    out
}

/// The Conditional Access policies a pane paste lists: the portal's Conditional Access tab
/// (`Policy Name⇥Grant Controls⇥Session Controls⇥Result` and a row per policy), or PowerShell's
/// `AppliedConditionalAccessPolicies | Format-List` (`DisplayName : …`, `Result : …` blocks).
fn policies_in(lines: &[&str]) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cur = Map::new();
    let mut header: Option<Vec<String>> = None;
    let push = |cur: &mut Map<String, Value>, out: &mut Vec<Value>| {
        let named = cur.contains_key("displayName") && cur.contains_key("result");
        let p = std::mem::take(cur);
        if named {
            out.push(Value::Object(p));
        }
    };
    for line in lines {
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cells.len() > 1 {
            let keys: Vec<String> = cells.iter().map(|c| column_key(c)).collect();
            if keys.iter().any(|k| k == "policyname") && keys.iter().any(|k| k == "result") {
                header = Some(keys);
                continue;
            }
            if let Some(h) = &header {
                let mut p = Map::new();
                for (k, v) in h.iter().zip(&cells).filter(|(_, v)| !v.is_empty()) {
                    let key = match k.as_str() {
                        "policyname" => "displayName",
                        "result" => "result",
                        "grantcontrols" => "enforcedGrantControls",
                        "sessioncontrols" => "enforcedSessionControls",
                        _ => continue,
                    };
                    let v = match key {
                        "result" => Value::String(graph_value(v).into_owned()),
                        "enforcedGrantControls" => Value::Array(
                            v.split([',', ';'])
                                .map(|c| Value::String(grant_control(c.trim()).to_string()))
                                .collect(),
                        ),
                        _ => Value::String(v.to_string()),
                    };
                    p.insert(key.into(), v);
                }
                push(&mut p, &mut out);
                continue;
            }
        }
        header = None;
        let Some((k, v)) = line
            .split_once(" : ")
            .or_else(|| line.strip_suffix(" :").map(|k| (k, "")))
        else {
            push(&mut cur, &mut out);
            continue;
        };
        let key = match column_key(k).as_str() {
            "displayname" => "displayName",
            "result" => "result",
            "enforcedgrantcontrols" => "enforcedGrantControls",
            "enforcedsessioncontrols" => "enforcedSessionControls",
            "id" => "id",
            _ => {
                push(&mut cur, &mut out);
                continue;
            }
        };
        if cur.contains_key(key) {
            push(&mut cur, &mut out);
        }
        // PowerShell shows a list as `{RequireCompliantDevice, Mfa}`.
        let v = v
            .trim()
            .trim_start_matches('{')
            .trim_end_matches('}')
            .trim();
        cur.insert(key.into(), Value::String(v.to_string()));
    }
    push(&mut cur, &mut out);
    out
}

/// A grant control as the portal's Conditional Access tab words it, in Graph's name
/// (`Require device to be marked as compliant` → `RequireCompliantDevice`); others as given.
fn grant_control(c: &str) -> &str {
    let k = column_key(c);
    let has = |w: &str| k.contains(w);
    if k == "block" || k == "blockaccess" {
        "Block"
    } else if has("multifactor") {
        "Mfa"
    } else if has("authenticationstrength") {
        "authenticationStrength"
    } else if has("compliant") && has("device") {
        "RequireCompliantDevice"
    } else if has("hybrid") || has("domainjoined") {
        "RequireDomainJoinedDevice"
    } else if has("approvedclientapp") {
        "RequireApprovedApp"
    } else if has("appprotection") {
        "RequireCompliantApp"
    } else if has("passwordchange") {
        "PasswordChange"
    } else {
        c
    }
}

/// PowerShell's `Format-Table` as pasted from a console: a row of column names, a row of
/// dashes under each name, then a row per sign-in, values cut to their column with `…` (or
/// `...`), a wrapped (`-Wrap`) row going on in lines whose first column is blank. Lines above
/// it (the prompt and command, a warning) are skipped. One record per row, when the columns
/// are a sign-in log's; `None` for anything else.
pub fn read_table(text: &str) -> Option<(Vec<Value>, String)> {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end()).collect();
    // The dashes row: groups of `-` separated by spaces, at least two, under a header row.
    let dashes = |l: &str| {
        let t = l.trim();
        !t.is_empty() && t.contains(' ') && t.bytes().all(|b| b == b'-' || b == b' ')
    };
    let at = (1..lines.len()).find(|&i| dashes(lines[i]) && !lines[i - 1].trim().is_empty())?;
    // Each column's dashes as (first, last + 1) in characters.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for (i, c) in lines[at].chars().enumerate() {
        match (c, groups.last_mut()) {
            ('-', Some(g)) if g.1 == i => g.1 = i + 1,
            ('-', _) => groups.push((i, i + 1)),
            _ => {}
        }
    }
    if groups.len() < 2 || groups.len() > MAX_COLUMNS {
        return None;
    }
    // A left-aligned value starts under its dashes and may run to the next column; a
    // right-aligned one (a number) ends under them and may start before them. A cell starts
    // at its dashes, or earlier while the characters before are not the blank between columns.
    let cut = |line: &str| -> Vec<String> {
        let c: Vec<char> = line.chars().collect();
        let mut starts: Vec<usize> = groups.iter().map(|g| g.0).collect();
        for k in 1..starts.len() {
            let floor = groups[k - 1].1;
            while starts[k] > floor + 1
                && c.get(starts[k] - 1).is_some_and(|x| *x != ' ')
                && c.get(starts[k] - 2)
                    .is_some_and(|x| *x != ' ' || starts[k] - 2 > floor)
                && c.get(starts[k]).is_some_and(|x| *x != ' ')
            {
                starts[k] -= 1;
            }
        }
        (0..starts.len())
            .map(|k| {
                let end = starts.get(k + 1).copied().unwrap_or(c.len()).min(c.len());
                c.get(starts[k].min(end)..end)
                    .map(|s| s.iter().collect::<String>().trim().to_string())
                    .unwrap_or_default()
            })
            .collect()
    };
    let header: Vec<Cow<str>> = cut(lines[at - 1]).into_iter().map(Cow::Owned).collect();
    let cols = Columns::of(&header);
    if !cols.is_signin_log() && !cols.status_cut_possible() && !cols.sign_in_objects() {
        return None;
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in lines.iter().skip(at + 1) {
        if line.trim().is_empty() {
            break;
        }
        let cells = cut(line);
        match rows.last_mut() {
            // -Wrap: the rest of the row above.
            Some(prev) if cells.first().is_some_and(String::is_empty) => {
                for (p, c) in prev.iter_mut().zip(cells).filter(|(_, c)| !c.is_empty()) {
                    if !p.is_empty() {
                        p.push(' ');
                    }
                    p.push_str(&c);
                }
            }
            _ => rows.push(cells),
        }
    }
    let rows: Vec<Vec<Cow<str>>> = rows
        .into_iter()
        .map(|r| r.into_iter().map(Cow::Owned).collect())
        .collect();
    let no_status = !cols.is_signin_log() && !cols.status_cut(&rows);
    if rows.is_empty() || (no_status && !cols.sign_in_objects()) {
        return None;
    }
    let mut partial = false;
    let records = rows
        .into_iter()
        .map(|mut row| {
            // An ID or code cut to its column (`6731de76-14a6-49ae-97bc-6e…`, `5001...`) is
            // not the value: it would match nothing, or the wrong thing. Left out.
            for (k, i) in &cols.0 {
                let untrusted = matches!(
                    *k,
                    "appId"
                        | "correlationId"
                        | "id"
                        | "originalRequestId"
                        | "errorCode"
                        | "resultType"
                        | "resourceId"
                        | "userPrincipalName"
                        | "status"
                );
                if let Some(v) = row.get_mut(*i).filter(|v| {
                    untrusted && (v.ends_with('…') || v.ends_with("..."))
                        // A status object's type name cut short is still one.
                        && !(*k == "status" && super::signin::is_type_name(v))
                }) {
                    *v = Cow::Borrowed("");
                    partial = true;
                }
            }
            record(&cols, &row)
        })
        .collect();
    let mut shape = "PowerShell's Format-Table".to_string();
    if no_status {
        shape = "PowerShell's default table of sign-ins (the columns that fit the console, no status or error code)".to_string();
    }
    if partial {
        shape.push_str(", IDs and codes cut short with … left out");
    }
    Some((records, shape))
}

/// What a CSV text turned out to be.
pub enum Read {
    /// A sign-in log export: one record per row (blank lines skipped), and
    /// the export's shape in words.
    SignIns(Vec<Value>, String, bool),
    /// A CSV of other columns: why it is not read, naming the columns.
    OtherColumns(String),
    /// Not a table of at least three columns.
    NotCsv,
}

/// Reads `text` as a sign-in log CSV export.
pub fn read(text: &str) -> Read {
    let mut rows = Reader::new(text);
    let Some(header) = rows.next() else {
        return Read::NotCsv;
    };
    if header.len() < 3 {
        return Read::NotCsv;
    }
    let cols = Columns::of(&header);
    if !cols.is_signin_log() && !cols.status_cut_possible() {
        return Read::OtherColumns(other_columns(&header, &cols, rows.separator()));
    }
    rows.keep_fields(cols.widest());
    let mut all: Vec<Vec<Cow<str>>> = rows.by_ref().collect();
    if !cols.is_signin_log() && !cols.status_cut(&all) {
        return Read::OtherColumns(other_columns(&header, &cols, rows.separator()));
    }
    // A copy or download cut off ends inside a quoted field or a row short of its columns:
    // that last row is not read (its error code may be what was cut).
    let cut =
        rows.unterminated || (all.len() > 1 && all.last().is_some_and(|r| r.len() < cols.widest()));
    if cut {
        all.pop();
    }
    // Two downloads pasted one after the other: the second one's header row is no sign-in.
    let cell = |c: &str| c.trim_start_matches('\u{FEFF}').trim().to_string();
    all.retain(|r| r.len() < 2 || !r.iter().zip(header.iter()).all(|(a, b)| cell(a) == cell(b)));
    let records: Vec<Value> = all.iter().map(|r| record(&cols, r)).collect();
    let mut shape = if cols.has("resultType") || cols.has("timeGenerated") {
        "a Log Analytics CSV export".to_string()
    } else {
        "a CSV download".to_string()
    };
    match rows.separator() {
        ';' => shape.push_str(", semicolon-separated"),
        '\t' => shape.push_str(", tab-separated"),
        _ => {}
    }
    if cut {
        shape.push_str(", cut off");
    }
    Read::SignIns(records, shape, cut)
}

fn other_columns(header: &[Cow<str>], cols: &Columns, sep: char) -> String {
    let shown: Vec<String> = header
        .iter()
        .take(10)
        .map(|h| format!("\"{}\"", h.trim()))
        .collect();
    let more = if header.len() > 10 {
        format!(" and {} more", header.len() - 10)
    } else {
        String::new()
    };
    let sep = match sep {
        ';' => "semicolon",
        '\t' => "tab",
        _ => "comma",
    };
    let mut msg = format!(
        "This is a CSV table ({} {sep}-separated columns), but not a sign-in log export: one needs an error code column (\"Sign-in error code\" in the portal's download, \"ResultType\" or \"Status.errorCode\" in Log Analytics) and an application or correlation ID column (\"Application ID\" or \"AppId\", \"Correlation ID\" or \"CorrelationId\"). Its columns: {}{more}.",
        header.len(),
        shown.join(", ")
    );
    let keys: Vec<String> = header.iter().map(|h| column_key(h)).collect();
    if !cols.has("errorCode")
        && !cols.has("resultType")
        && keys.iter().any(|k| k == "authenticationmethod")
    {
        msg.push_str(" It looks like the authentication-details file of the portal's download; the sign-ins file downloaded with it holds the error codes.");
    } else if header.iter().any(|h| !h.is_ascii()) {
        msg.push_str(" If these are the portal's column names in another language: the English, German, French, Spanish, Portuguese, Italian and Japanese downloads are read; switch the portal to English (Settings › Language + region) and download again.");
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        Reader::new(text)
            .map(|r| r.into_iter().map(Cow::into_owned).collect())
            .collect()
    }

    #[test]
    fn quotes_doubled_quotes_and_line_breaks_inside_fields() {
        assert_eq!(
            rows("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"line1\nline2\r\nline3\",,x\r\n"),
            [
                vec!["a", "b,c", "say \"hi\""],
                vec!["line1\nline2\r\nline3", "", "x"],
            ]
        );
        // An empty quoted field, a quote alone, a field that is only `""`.
        assert_eq!(rows("\"\",\"\"\"\",z"), [vec!["", "\"", "z"]]);
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_column() {
        assert_eq!(
            rows("\u{FEFF}\"Date (UTC)\",b\n1,2"),
            [vec!["Date (UTC)", "b"], vec!["1", "2"]]
        );
    }

    #[test]
    fn lf_crlf_blank_lines_and_no_final_line_break() {
        let want = [vec!["a", "b"], vec!["c", "d"]];
        assert_eq!(rows("a,b\nc,d"), want);
        assert_eq!(rows("a,b\r\nc,d\r\n"), want);
        assert_eq!(rows("a,b\r\n\r\nc,d\r\n\r\n"), want);
        assert_eq!(rows("a,b\rc,d\r"), want);
        // A row of empty fields is not a blank line.
        assert_eq!(rows("a,b\n,\n").len(), 2);
    }

    #[test]
    fn unquoted_quotes_and_text_after_a_closing_quote_are_kept() {
        assert_eq!(rows("ab\"c,\"d\"e,f"), [vec!["ab\"c", "de", "f"]]);
    }

    #[test]
    fn a_cut_off_quoted_field_runs_to_the_end_and_is_flagged() {
        let mut r = Reader::new("a,b\n1,\"never closed\n2,3");
        assert_eq!(r.next().map(|v| v.len()), Some(2));
        assert_eq!(
            r.next()
                .map(|v| v.into_iter().map(Cow::into_owned).collect::<Vec<_>>()),
            Some(vec!["1".to_string(), "never closed\n2,3".to_string()])
        );
        assert!(r.unterminated);
        assert!(r.next().is_none());
        // A quoted field closed at the very end is not cut off.
        let mut r = Reader::new("a,\"b\"");
        assert_eq!(r.next().map(|v| v.len()), Some(2));
        assert!(!r.unterminated);
    }

    #[test]
    fn separator_from_the_header_or_an_excel_sep_line() {
        assert_eq!(separator("a;b;c\n1,5;2,5;3").0, b';');
        assert_eq!(separator("a,b;c\n").0, b',');
        assert_eq!(separator("a\tb\tc").0, b'\t');
        // Separators inside a quoted header name do not count.
        assert_eq!(separator("\"x;y;z\",b,c").0, b',');
        assert_eq!(separator("sep=;\r\na,b;c").1, "a,b;c");
        assert_eq!(rows("sep=;\na;\"b;c\";1,5\n"), [vec!["a", "b;c", "1,5"]]);
    }

    #[test]
    fn fields_beyond_the_kept_ones_are_read_past() {
        let mut r = Reader::new("a,b,c,d\n1,2,3,4\n5,6,7,8\n");
        assert_eq!(r.next().map(|h| h.len()), Some(4));
        r.keep_fields(2);
        let rest: Vec<_> = r.collect();
        assert_eq!(rest.len(), 2);
        assert!(rest.iter().all(|f| f.len() == 2));
        assert_eq!(
            rest.get(1).and_then(|f| f.first()).map(|f| f.as_ref()),
            Some("5")
        );
    }

    #[test]
    fn column_names_in_both_styles_map_to_one_key() {
        assert_eq!(column_key(" Correlation ID "), "correlationid");
        assert_eq!(column_key("CorrelationId"), "correlationid");
        assert_eq!(column_key("TimeGenerated [UTC]"), "timegeneratedutc");
        assert_eq!(column_key("Status.errorCode"), "statuserrorcode");
        let h: Vec<Cow<str>> = [
            "Date (UTC)",
            "Application ID",
            "sign-in ERROR code",
            "Resource",
            "Resource ID",
            "Unknown",
        ]
        .into_iter()
        .map(Cow::Borrowed)
        .collect();
        let c = Columns::of(&h);
        assert!(c.is_signin_log());
        assert_eq!(
            c.0,
            [
                ("createdDateTime", 0),
                ("appId", 1),
                ("errorCode", 2),
                ("resourceDisplayName", 3),
                ("resourceId", 4)
            ]
        );
        // Log Analytics: ResourceDisplayName wins over Resource, ResourceIdentity over ResourceId.
        let h: Vec<Cow<str>> = [
            "Resource",
            "ResourceId",
            "ResultType",
            "CorrelationId",
            "ResourceDisplayName",
            "ResourceIdentity",
        ]
        .into_iter()
        .map(Cow::Borrowed)
        .collect();
        let c = Columns::of(&h);
        assert!(c.is_signin_log());
        assert!(c.0.contains(&("resourceDisplayName", 4)));
        assert!(c.0.contains(&("resourceId", 5)));
    }

    #[test]
    fn the_portal_download_in_other_languages_is_read_by_its_column_names() {
        let keys = |h: &str| h.split(';').map(column_key).collect::<Vec<_>>();
        let en = keys("Date (UTC);Request ID;Correlation ID;Application;Application ID;Status;Sign-in error code;Failure reason;User;Username;User ID;IP address");
        assert_eq!(keys("Datum (UTC);Anforderungs-ID;Korrelations-ID;Anwendung;Anwendungs-ID;Status;Anmeldefehlercode;Fehlerursache;Benutzer;Benutzername;Benutzer-ID;IP-Adresse"), en);
        // Typographic or plain apostrophes, accents garbled by another code page.
        assert_eq!(keys("Date (UTC);ID de la demande;ID de corrÃ©lation;Application;ID d'application;État;Code d’erreur de connexion;Raison de l'Ã©chec;Utilisateur;Nom d’utilisateur;ID d’utilisateur;Adresse IP"), en);
        assert_eq!(keys("Fecha (UTC);Id. de solicitud;Id. de correlación;Aplicación;Id. de aplicación;Estado;Código de error de inicio de sesión;Motivo del error;Usuario;Nombre de usuario;Id. de usuario;Dirección IP"), en);
        assert_eq!(keys("日付 (UTC);要求 ID;相関 ID;アプリケーション;アプリケーション ID;状態;サインイン エラー コード;失敗の理由;ユーザー;ユーザー名;ユーザー ID;IP アドレス"), en);
        assert_eq!(keys("Data (UTC);ID da solicitação;ID de correlação;Aplicativo;ID do aplicativo;Status;Código de erro de entrada;Motivo da falha;Usuário;Nome de usuário;ID do usuário;Endereço IP"), en);
        assert_eq!(keys("Data (UTC);ID richiesta;ID correlazione;Applicazione;ID applicazione;Stato;Codice errore di accesso;Motivo dell'errore;Utente;Nome utente;ID utente;Indirizzo IP"), en);
        // Near misses: a Japanese name is not reduced to its Latin letters
        // (「リソース ID」 is no request ID), another column keeps its own name.
        assert_eq!(column_key("リソース ID"), "リソースid");
        assert_eq!(column_key("Ressourcen-ID"), "ressourcenid");
        let Read::SignIns(rows, _, _) = read("\u{FEFF}Datum (UTC);Korrelations-ID;Benutzer;Anwendungs-ID;Status;Anmeldefehlercode;Fehlerursache\r\n2025-03-11T14:02:07Z;c;Adele Vance;a;Fehler;50011;Reply URL\r\n") else {
            panic!("not read")
        };
        assert_eq!(
            rows.first().map(|r| (
                r["appId"].clone(),
                r["status"]["errorCode"].clone(),
                r["userDisplayName"].clone()
            )),
            Some(("a".into(), "50011".into(), "Adele Vance".into()))
        );
    }

    #[test]
    fn a_csv_of_columns_in_an_unread_language_says_so() {
        let Read::OtherColumns(m) = read(
            "Data (UTC);Identyfikator żądania;Identyfikator korelacji;Kod błędu logowania\n1;2;3;4",
        ) else {
            panic!("not refused")
        };
        assert!(m.contains("in another language"), "{m}");
        let Read::OtherColumns(m) = read("Date,Request,Name\n1,2,3") else {
            panic!("not refused")
        };
        assert!(!m.contains("in another language"), "{m}");
    }

    #[test]
    fn a_sign_in_csv_needs_an_error_code_and_an_app_or_correlation_id() {
        let is = |h: &[&'static str]| {
            Columns::of(&h.iter().map(|s| Cow::Borrowed(*s)).collect::<Vec<_>>()).is_signin_log()
        };
        assert!(is(&["Correlation ID", "Sign-in error code"]));
        assert!(is(&["AppId", "ResultType"]));
        assert!(!is(&[
            "Date (UTC)",
            "Request ID",
            "Correlation ID",
            "Status"
        ]));
        assert!(!is(&["Sign-in error code", "Application", "User"]));
    }

    #[test]
    fn a_portal_row_becomes_the_graph_shape() {
        let h: Vec<Cow<str>> = [
            "Application ID",
            "Sign-in error code",
            "Failure reason",
            "Status",
            "Conditional Access",
            "Authentication requirement",
            "Multifactor authentication result",
        ]
        .into_iter()
        .map(Cow::Borrowed)
        .collect();
        let row: Vec<Cow<str>> = [
            " A ",
            "50074",
            "Strong auth, please",
            "Interrupted",
            "Not Applied",
            "Multifactor authentication",
            "MFA required",
        ]
        .into_iter()
        .map(Cow::Borrowed)
        .collect();
        let v = record(&Columns::of(&h), &row);
        assert_eq!(v["appId"], "A");
        assert_eq!(v["status"]["errorCode"], "50074");
        assert_eq!(v["status"]["failureReason"], "Strong auth, please");
        assert_eq!(v["conditionalAccessStatus"], "notApplied");
        assert_eq!(v["authenticationRequirement"], "multiFactorAuthentication");
        assert_eq!(
            v["authenticationDetails"][0]["authenticationStepResultDetail"],
            "MFA required"
        );
        // Empty cells add nothing.
        let empty: Vec<Cow<str>> = vec![Cow::Borrowed(""); 7];
        assert_eq!(record(&Columns::of(&h), &empty), Value::Object(Map::new()));
    }

    fn policies(rec: &Value) -> Vec<(String, String, Value)> {
        rec["appliedConditionalAccessPolicies"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| {
                (
                    p["displayName"].as_str().unwrap_or("").to_string(),
                    p["result"].as_str().unwrap_or("").to_string(),
                    p["enforcedGrantControls"].clone(),
                )
            })
            .collect()
    }

    #[test]
    fn a_pane_reads_its_conditional_access_tab_and_skips_the_tab_strip() {
        let pane = "Basic info\nLocation\nAuthentication Details\nConditional Access\nReport-only\n\nRequest ID\nr1\nCorrelation ID\nc1\nStatus\nFailure\nSign-in error code\n53003\nApplication ID\na1\n\nPolicy Name\tGrant Controls\tSession Controls\tResult\nCA001 - MFA\tRequire multifactor authentication\t\tNot Applied\nCA022 - Device\tRequire device to be marked as compliant\t\tFailure\n";
        let rec = read_pane(pane).expect("a pane");
        assert!(rec.get("conditionalAccessStatus").is_none(), "{rec}");
        assert_eq!(
            policies(&rec),
            [
                (
                    "CA001 - MFA".into(),
                    "notApplied".into(),
                    serde_json::json!(["Mfa"])
                ),
                (
                    "CA022 - Device".into(),
                    "failure".into(),
                    serde_json::json!(["RequireCompliantDevice"])
                ),
            ]
        );
    }

    #[test]
    fn a_wrapped_format_list_value_is_read_whole() {
        // Word-wrapped prose, then a URI cut inside at the console width.
        let text = "ErrorCode     : 50011\nFailureReason : The redirect URI 'https://portal.contoso.com/very/long/path/si\n                gnin-oidc' specified in the request does not match the redirect\n                URIs configured for the application.\nAppId         : 7d9e3c1a-2b4f-4a6e-8c0d-1e2f3a4b5c6d\nCorrelationId : 5e0f3c1a-2b4f-4a6e-8c0d-1e2f3a4b5c6d\n";
        let rec = read_pane(text).expect("a status");
        assert_eq!(
            rec["status"]["failureReason"],
            "The redirect URI 'https://portal.contoso.com/very/long/path/signin-oidc' specified in the request does not match the redirect URIs configured for the application."
        );
        // A line indented elsewhere is no continuation.
        let rec = read_pane("ErrorCode     : 53003\nFailureReason : Blocked.\n  by policy\n")
            .expect("a status");
        assert_eq!(rec["status"]["failureReason"], "Blocked.");
    }

    #[test]
    fn powershell_policy_blocks_above_the_status_are_read() {
        let text = "PS C:\\> $s.AppliedConditionalAccessPolicies | Format-List DisplayName, EnforcedGrantControls, Result\n\nDisplayName           : CA022 - Device\nEnforcedGrantControls : {RequireCompliantDevice, Mfa}\nResult                : failure\n\nDisplayName           : CA005 - App\nEnforcedGrantControls : {}\nResult                : reportOnlyFailure\n\nPS C:\\> $s.Status | Format-List\n\nErrorCode            : 53003\nFailureReason        : Blocked.\n";
        let rec = read_pane(text).expect("a status");
        assert_eq!(
            policies(&rec),
            [
                (
                    "CA022 - Device".into(),
                    "failure".into(),
                    serde_json::json!("RequireCompliantDevice, Mfa")
                ),
                (
                    "CA005 - App".into(),
                    "reportOnlyFailure".into(),
                    serde_json::json!("")
                ),
            ]
        );
        // A status alone lists no policy.
        let rec = read_pane("ErrorCode     : 53003\nFailureReason : Blocked.\n").expect("a status");
        assert!(rec.get("appliedConditionalAccessPolicies").is_none());
    }

    #[test]
    fn mv_expanded_policy_columns_become_one_policy_per_row() {
        let Read::SignIns(recs, _, _) = read(
            "CorrelationId,ResultType,AppId,ConditionalAccessPolicies_displayName,ConditionalAccessPolicies_result,ConditionalAccessPolicies_enforcedGrantControls\nc1,53003,a1,CA050,failure,\"[\"\"Block\"\"]\"\n",
        ) else {
            panic!("a sign-in CSV");
        };
        assert_eq!(
            policies(&recs[0]),
            [(
                "CA050".into(),
                "failure".into(),
                serde_json::json!("[\"Block\"]")
            )]
        );
    }

    /// `Get-MgAuditLogSignIn` pasted with its default table: whole sign-ins as wide as the
    /// console, no status; read as entries whose status is unknown, with a cut ID or code left
    /// out. An application's default table (AppId alone) is not a sign-in log.
    #[test]
    fn the_default_table_of_sign_ins_is_read_without_trusting_cut_values() {
        let text = "PS C:\\> Get-MgBetaAuditLogSignIn -Top 2\n\nId                                   AppDisplayName   AppId                                CorrelationId          ErrorCode CreatedDateTime\n--                                   --------------   -----                                -------------          --------- ---------------\n0b6f2d8e-41c7-5a3e-9d12-7c8e4f1a2b3c Contoso Portal   6731de76-14a6-49ae-97bc-6eba6914391e 5e1c9a44-7d0b-4b61-...   5001... 12/3/2026 10:04:05 PM\nc2572fde-8068-5130-b523-3d33f46c70f7 Contoso \"Lega... 2b1f6c44-0d9e-4e8a-b7c3-5a6f7e8d...  a3d2e1f0-9b8c-4d7e...      50126 12/3/2026 9:58:44 PM\n";
        let (recs, shape) = read_table(text).expect("a table");
        assert_eq!(recs.len(), 2, "{recs:?}");
        assert_eq!(recs[0]["appId"], "6731de76-14a6-49ae-97bc-6eba6914391e");
        assert!(recs[0].get("correlationId").is_none(), "{}", recs[0]);
        assert!(recs[0].get("status").is_none(), "{}", recs[0]);
        assert!(recs[1].get("appId").is_none(), "{}", recs[1]);
        assert_eq!(recs[1]["appDisplayName"], "Contoso \"Lega...");
        assert_eq!(recs[1]["status"]["errorCode"], "50126");
        assert!(shape.contains("cut short"), "{shape}");
        let no_status = "Id                                   AppDisplayName AppId                                ClientAppUsed ConditionalAccessStatus\n--                                   -------------- -----                                ------------- -----------------------\n0b6f2d8e-41c7-5a3e-9d12-7c8e4f1a2b3c Contoso Portal 6731de76-14a6-49ae-97bc-6eba6914391e Browser       notApplied\n";
        let (recs, shape) = read_table(no_status).expect("a table");
        assert_eq!(recs[0]["clientAppUsed"], "Browser");
        assert!(shape.contains("no status"), "{shape}");
        let application = "DisplayName    Id                                   AppId                                SignInAudience PublisherDomain\n-----------    --                                   -----                                -------------- ---------------\nContoso Portal 1f2e3d4c-5b6a-4789-9abc-def012345678 6731de76-14a6-49ae-97bc-6eba6914391e AzureADMyOrg   contoso.com\n";
        assert!(read_table(application).is_none());
    }

    #[test]
    fn a_powershell_table_is_read_by_its_dashes() {
        // A right-aligned number, an ID cut short with …, a wrapped row, the prompt above.
        let text = "PS C:\\> $s | Format-Table CreatedDateTime, AppId, CorrelationId, @{n='ErrorCode';e={$_.Status.ErrorCode}}, @{n='FailureReason';e={$_.Status.FailureReason}} -Wrap\n\nCreatedDateTime      AppId       CorrelationId ErrorCode FailureReason\n---------------      -----       ------------- --------- -------------\n2024-12-03T11:14:08Z a1          c1                50011 The redirect URI does\n                                                         not match\n2024-12-03T11:12:51Z 6731de76-1… c2                    0\n\nPS C:\\>\n";
        let (recs, shape) = read_table(text).expect("a table");
        assert_eq!(recs.len(), 2, "{recs:?}");
        assert_eq!(recs[0]["status"]["errorCode"], "50011");
        assert_eq!(
            recs[0]["status"]["failureReason"],
            "The redirect URI does not match"
        );
        assert_eq!(recs[0]["correlationId"], "c1");
        assert_eq!(recs[1]["status"]["errorCode"], "0");
        assert!(recs[1].get("appId").is_none(), "{}", recs[1]);
        assert!(shape.contains("cut short"), "{shape}");
        // The status object's type name: a status cut off, not a portal Status.
        let text = "AppId CorrelationId Status\n----- ------------- ------\na1    c1            Microsoft.Graph.Beta.PowerShell.Models.MicrosoftGraph…\n";
        let (recs, _) = read_table(text).expect("a table");
        assert!(recs[0]["status"].is_string() && recs[0].get("portalStatus").is_none());
        // Near misses: a table of other columns, dashes with no header, a markdown rule.
        assert!(read_table("Name Count\n---- -----\nTeams 7006\n").is_none());
        assert!(read_table("---- ----\nAppId ResultType\n").is_none());
        assert!(read_table("AppId ResultType\n\n---\n").is_none());
    }

    #[test]
    fn an_export_csv_with_its_type_line_and_a_cut_status_is_read() {
        let Read::SignIns(recs, _, _) = read("#TYPE Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignIn\r\n\"AppId\",\"CorrelationId\",\"Status\"\r\n\"a1\",\"c1\",\"Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignInStatus\"\r\n") else {
            panic!("not read")
        };
        assert!(recs[0]["status"].is_string(), "{}", recs[0]);
        // With the status spelled out, the type line is skipped all the same.
        let Read::SignIns(recs, _, _) = read("#TYPE Selected.Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignIn\n\"AppId\",\"ErrorCode\",\"FailureReason\"\n\"a1\",\"50011\",\"x\"\n") else {
            panic!("not read")
        };
        assert_eq!(recs[0]["status"]["errorCode"], "50011");
        // A portal Status column without an error code stays unread.
        assert!(matches!(
            read("Date (UTC),Correlation ID,Status\n1,c1,Failure\n"),
            Read::OtherColumns(_)
        ));
    }

    #[test]
    fn other_columns_are_named() {
        let Read::OtherColumns(m) = read("a,b,c,d,e,f,g,h,i,j,k,l\n1,2,3,4,5,6,7,8,9,10,11,12")
        else {
            panic!("not refused")
        };
        assert!(m.contains("12 comma-separated columns"), "{m}");
        assert!(
            m.contains("\"j\"") && !m.contains("\"k\"") && m.contains("and 2 more"),
            "{m}"
        );
        assert!(
            m.contains("Sign-in error code") && m.contains("ResultType"),
            "{m}"
        );
        let Read::OtherColumns(m) = read("Date (UTC);Request ID;Authentication method;Succeeded\n")
        else {
            panic!("not refused")
        };
        assert!(
            m.contains("semicolon") && m.contains("authentication-details"),
            "{m}"
        );
        assert!(matches!(read("a,b\n1,2"), Read::NotCsv));
    }
}
