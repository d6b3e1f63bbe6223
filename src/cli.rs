//! The command-line twin (SPEC §5): `redirect-doctor check CASE.json [--json]`.
//! Exit 1 when a finding about the sign-in has severity error, otherwise 2 when the
//! case file or one of its inputs cannot be read or it holds nothing to check, else 0.

use std::io::Write;

use clap::{Parser, Subcommand};
use serde_json::Value;

use crate::core::{analyze, codes, Analysis, CaseInput, Severity, VerdictKind};

#[derive(Parser)]
#[command(
    name = "redirect-doctor",
    version,
    about = "Why Entra ID never delivered the authorization code, and what to change"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse a case file: {"authorize", "registered", "callback", "audience", "evidence"}.
    #[command(
        after_help = "Exit status: 1 a finding about the sign-in has severity error (the first is the primary cause); 2 otherwise, when the case file or one of its inputs could not be read or it holds nothing to check; 0 when neither."
    )]
    Check {
        /// The case file (JSON); `-` reads standard input.
        case: String,
        /// Print the report of SPEC §3 as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Reads a CASE file's text into the inputs; other fields are ignored.
pub fn read_case(text: &str) -> Result<CaseInput, String> {
    let v: Value =
        serde_json::from_str(text).map_err(|e| format!("the case file is not valid JSON: {e}"))?;
    let obj = v.as_object().ok_or("the case file must be a JSON object")?;
    let field = |k: &str| -> Result<String, String> {
        match obj.get(k) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(other) => Err(format!(
                "field \"{k}\" must be a string, not {}",
                kind(other)
            )),
        }
    };
    if !obj.contains_key("authorize") && !obj.contains_key("evidence") {
        return Err("the case file needs an \"authorize\" field (it may be empty when \"evidence\" holds the request)".into());
    }
    Ok(CaseInput {
        authorize: field("authorize")?,
        registered: field("registered")?,
        callback: field("callback")?,
        audience: field("audience")?,
        evidence: field("evidence")?,
    })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The exit code of SPEC §5 for an analysis: 1 when a finding about the sign-in has severity
/// error (a diagnosis, even if another input could not be read), else 2 when an input could
/// not be read or nothing was given to check (a script cannot trust "accepted" then), else 0.
pub fn exit_code(a: &Analysis) -> i32 {
    let findings = &a.report.findings;
    let unreadable = findings.iter().any(codes::is_unreadable_input);
    let diagnosis = findings
        .iter()
        .any(|f| f.severity == Severity::Error && !f.code.starts_with("input."));
    if diagnosis {
        1
    } else if unreadable || a.verdict == VerdictKind::Empty {
        2
    } else {
        i32::from(findings.iter().any(|f| f.severity == Severity::Error))
    }
}

/// The readable report.
pub fn text_report(a: &Analysis) -> String {
    let mut s = String::new();
    let r = &a.report;
    // URIs as the finding texts show them: an invisible character written as its code point.
    // A URI is one line: its line ends and other control characters are written as code points.
    let shown = |u: &str| {
        let u = crate::core::uri::show_hidden(u).unwrap_or_else(|| u.to_string());
        u.chars()
            .map(|c| match c.is_control() {
                true => format!("⟨U+{:04X}⟩", u32::from(c)),
                false => c.to_string(),
            })
            .collect::<String>()
    };
    s.push_str(&format!("Verdict: {}\n", a.headline));
    s.push_str(&format!("Redirect URI: {}", r.redirect.status.as_str()));
    if let Some(sent) = &r.redirect.sent {
        s.push_str(&format!("  sent {}", shown(sent)));
    }
    s.push('\n');
    if let Some(m) = &r.redirect.matched {
        s.push_str(&format!(
            "  matched {} ({})\n",
            shown(&m.uri),
            m.platform.as_str()
        ));
    }
    if let Some(n) = &r.redirect.nearest {
        s.push_str(&format!(
            "  nearest {} ({}) differs in: {}\n",
            shown(&n.uri),
            n.platform.as_str(),
            n.differences.join(", ")
        ));
    }
    for f in &r.findings {
        s.push_str(&format!(
            "\n[{}] {} — {}\n",
            f.severity.as_str(),
            f.code,
            f.title
        ));
        if !f.detail.is_empty() {
            s.push_str(&format!("  Why: {}\n", f.detail));
        }
        if !f.fix.is_empty() {
            s.push_str(&format!("  Fix: {}\n", f.fix));
        }
        for sn in &f.snippets {
            s.push_str(&format!("    {}: {}\n", sn.label, sn.text));
        }
    }
    terminal_safe(&s)
}

/// `s` with each character `escaped` picks written by `write` (from its code point).
fn escape_chars(s: &str, escaped: impl Fn(char) -> bool, write: fn(u32) -> String) -> String {
    if !s.chars().any(&escaped) {
        return s.to_string();
    }
    s.chars()
        .map(|c| match escaped(c) {
            true => write(u32::from(c)),
            false => c.to_string(),
        })
        .collect()
}

/// The JSON report with the characters that reorder or hide text in a terminal written as
/// JSON escapes (`\u202e`): the same JSON value, safe to print. They only occur inside strings.
fn json_safe(json: &str) -> String {
    let risky = |c: char| matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
    escape_chars(json, risky, |n| format!("\\u{n:04x}"))
}

/// The report as a terminal or a CI log may show it: control characters from the input
/// (an escape sequence that retitles or clears the terminal, a carriage return that hides a
/// line, NUL) and the bidirectional overrides that reorder text are written as `<U+001B>`.
/// Line breaks and tabs stay.
fn terminal_safe(s: &str) -> String {
    let hidden = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    escape_chars(s, hidden, |n| format!("<U+{n:04X}>"))
}

/// Runs the CLI; returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let Command::Check { case, json } = cli.command;
    let bytes = if case == "-" {
        let mut buf = Vec::new();
        match std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf) {
            Ok(_) => buf,
            Err(e) => {
                eprintln!("redirect-doctor: cannot read standard input: {e}");
                return 2;
            }
        }
    } else {
        match std::fs::read(&case) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("redirect-doctor: cannot read {case}: {e}");
                return 2;
            }
        }
    };
    // A case saved by Windows PowerShell is UTF-16; an archive or image is said as such.
    let name = if case == "-" { "standard input" } else { &case };
    let text = match crate::core::file::decode(name, bytes) {
        // JSON is UTF-8 (RFC 8259 §8.1): a byte that is not is a broken file, not a code page.
        Ok(d) if d.encoding.is_some_and(|e| e.ends_with("Windows-1252")) => {
            eprintln!("redirect-doctor: {} is not UTF-8 text", terminal_safe(name));
            return 2;
        }
        Ok(d) => d.text,
        Err(e) => {
            eprintln!("redirect-doctor: {}", terminal_safe(&e));
            return 2;
        }
    };
    let input = match read_case(&text) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("redirect-doctor: {case}: {e}");
            return 2;
        }
    };
    let a = analyze(&input);
    if a.verdict == VerdictKind::Empty {
        eprintln!(
            "redirect-doctor: {}: nothing to check: authorize, registered, callback and evidence are all empty",
            terminal_safe(name)
        );
    }
    let out = if json {
        json_safe(&a.report.to_json()) + "\n"
    } else {
        text_report(&a)
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A reader that stopped early (`| head`) is no error worth a word; a full disk is.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("redirect-doctor: cannot write the report: {e}");
        }
        return 2;
    }
    exit_code(&a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readable_report_never_writes_control_characters() {
        let a = analyze(&CaseInput {
            authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb%1B%5D0%3Bpwned%07&scope=openid".into(),
            registered: "https://app.contoso.com/cb\u{1b}[2J\r\u{202E}x\0".into(),
            ..CaseInput::default()
        });
        let out = text_report(&a);
        assert!(
            !out.chars()
                .any(|c| (c.is_control() && c != '\n' && c != '\t') || c == '\u{202E}'),
            "{out:?}"
        );
        assert!(out.contains("U+001B"), "{out}");
        // The JSON report: the same value, with the reordering characters escaped.
        let json = json_safe(&a.report.to_json());
        assert!(!json.contains('\u{202E}'), "{json}");
        assert_eq!(
            serde_json::from_str::<Value>(&json).expect("still JSON"),
            serde_json::from_str::<Value>(&a.report.to_json()).expect("JSON")
        );
        // Near miss: plain text is left as it is.
        assert_eq!(terminal_safe("a\tb\nc — é"), "a\tb\nc — é");
    }

    #[test]
    fn case_fields_must_be_strings() {
        assert!(read_case(r#"{"authorize": "x", "expect": {"a": 1}}"#).is_ok());
        assert!(read_case(r#"{"authorize": 5}"#)
            .unwrap_err()
            .contains("must be a string"));
        assert!(read_case("[1]").is_err());
        assert!(read_case("{").is_err());
        assert!(read_case(r#"{"registered": "x"}"#).is_err());
    }
}
