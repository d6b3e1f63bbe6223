//! The hostile-input table through the command-line binary: each row is
//! written as a CASE file and checked with `redirect-doctor check FILE --json`.
//! Exit 1 when the report has an error finding, 0 otherwise, and valid JSON on
//! stdout that says what the row expects; exit 2 and a message on stderr for a
//! CASE file that cannot be read.

#![cfg(feature = "cli")]

#[path = "common/hostile_rows.rs"]
mod hostile_rows;

use std::path::PathBuf;
use std::process::{Command, Output};

use hostile_rows::{rows, Check};
use redirect_doctor::core::{analyze, Severity, VerdictKind};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_redirect-doctor");

/// A fresh directory for this test's CASE files.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "redirect-doctor-cli-hostile-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create the temp dir");
    d
}

fn check(file: &std::path::Path, json: bool) -> Output {
    let mut c = Command::new(BIN);
    c.arg("check").arg(file);
    if json {
        c.arg("--json");
    }
    c.output().expect("run the binary")
}

#[test]
fn every_hostile_row_through_the_cli() {
    let d = dir("rows");
    let mut failures = Vec::new();
    for row in rows() {
        let file = d.join(format!("{}.json", row.name));
        let case = serde_json::json!({
            "authorize": row.input.authorize,
            "registered": row.input.registered,
            "callback": row.input.callback,
            "audience": row.input.audience,
            "evidence": row.input.evidence,
        });
        std::fs::write(&file, case.to_string()).expect("write the case");
        let out = check(&file, true);
        let a = analyze(&row.input);
        let has_error = a
            .report
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error);
        // SPEC §5: 1 for a diagnosis; else 2 when an input could not be read or nothing was given.
        let unreadable = a.report.findings.iter().any(|f| {
            f.code == "input.too_large"
                || (f.code.ends_with("_unreadable") && f.code.starts_with("input."))
        });
        let diagnosis = a
            .report
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error && !f.code.starts_with("input."));
        let want = if diagnosis {
            1
        } else if unreadable || a.verdict == VerdictKind::Empty {
            2
        } else {
            i32::from(has_error)
        };
        let code = out.status.code();
        if code != Some(want) {
            failures.push(format!(
                "{}: exit {code:?}, expected {want}; stderr: {}",
                row.name,
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        let v: Value = match serde_json::from_slice(&out.stdout) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{}: stdout is not JSON: {e}", row.name));
                continue;
            }
        };
        let codes: Vec<&str> = v["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["code"].as_str())
            .collect();
        let status = v["redirect"]["status"].as_str().unwrap_or("");
        for c in &row.checks {
            let ok = match *c {
                Check::Has(code) => codes.contains(&code),
                Check::Lacks(code) => !codes.contains(&code),
                Check::Status(s) => status == s,
                Check::NoFindings => codes.is_empty(),
            };
            if !ok {
                failures.push(format!(
                    "{}: {c:?} does not hold on the CLI's JSON ({codes:?}, status {status})",
                    row.name
                ));
            }
        }
        // The exit code agrees with the severities the JSON reports.
        let json_error = v["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|f| f["severity"] == "error");
        if code != Some(2) && json_error != (code == Some(1)) {
            failures.push(format!(
                "{}: exit {code:?} but error findings in JSON: {json_error}",
                row.name
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&d);
    assert!(
        failures.is_empty(),
        "{} failing rows:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_readable_report_has_the_same_exit_codes() {
    let d = dir("text");
    for row in rows().into_iter().filter(|r| !r.slow).take(20) {
        let file = d.join(format!("{}.json", row.name));
        std::fs::write(&file, serde_json::json!({"authorize": row.input.authorize, "registered": row.input.registered, "callback": row.input.callback, "audience": row.input.audience}).to_string()).expect("write");
        let out = check(&file, false);
        let json = check(&file, true);
        assert_eq!(out.status.code(), json.status.code(), "{}", row.name);
        assert!(matches!(out.status.code(), Some(0..=2)), "{}", row.name);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.starts_with("Verdict: "), "{}: {text}", row.name);
    }
    let _ = std::fs::remove_dir_all(&d);
}

/// CASE files the CLI cannot read: exit 2, nothing on stdout, a message on stderr.
#[test]
fn unreadable_case_files_exit_2_with_a_message() {
    let d = dir("bad");
    let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "not-json",
            b"authorize: https://x".to_vec(),
            "not valid JSON",
        ),
        ("empty-file", Vec::new(), "not valid JSON"),
        (
            "truncated",
            br#"{"authorize": "https://x"#.to_vec(),
            "not valid JSON",
        ),
        ("array", br#"["https://x"]"#.to_vec(), "JSON object"),
        ("string", br#""https://x""#.to_vec(), "JSON object"),
        ("number", b"5".to_vec(), "JSON object"),
        ("null", b"null".to_vec(), "JSON object"),
        ("nested-10k", nested.into_bytes(), "not valid JSON"),
        (
            "authorize-number",
            br#"{"authorize": 5}"#.to_vec(),
            "must be a string",
        ),
        (
            "authorize-object",
            br#"{"authorize": {"url": "x"}}"#.to_vec(),
            "must be a string",
        ),
        (
            "registered-array",
            br#"{"authorize": "", "registered": ["https://a/cb"]}"#.to_vec(),
            "must be a string",
        ),
        (
            "callback-bool",
            br#"{"authorize": "", "callback": true}"#.to_vec(),
            "must be a string",
        ),
        (
            "missing-authorize",
            br#"{"registered": "https://a/cb"}"#.to_vec(),
            "authorize",
        ),
        ("empty-object", b"{}".to_vec(), "authorize"),
        (
            "invalid-utf8",
            b"{\"authorize\": \"\xff\xfe\"}".to_vec(),
            "UTF-8",
        ),
        (
            "bom-prefixed",
            b"\xef\xbb\xbf{\"authorize\": \"\"}".to_vec(),
            "",
        ),
        (
            "utf16-powershell",
            [0xff, 0xfe]
                .into_iter()
                .chain(
                    r#"{"authorize": "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid&state=1", "registered": "https://app.contoso.com/cb"}"#
                        .encode_utf16()
                        .flat_map(u16::to_le_bytes),
                )
                .collect(),
            "",
        ),
        ("zipped", b"PK\x03\x04\x14\x00\x00\x00".to_vec(), ""),
    ];
    for (name, bytes, message) in cases {
        let file = d.join(format!("{name}.json"));
        std::fs::write(&file, &bytes).expect("write");
        let out = check(&file, true);
        if name == "utf16-powershell" {
            // What Windows PowerShell 5's `>` writes: read as the text it is.
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{name}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
            assert_eq!(report["redirect"]["status"], "exact", "{report}");
            continue;
        }
        if name == "zipped" {
            assert_eq!(out.status.code(), Some(2), "{name}");
            assert!(
                String::from_utf8_lossy(&out.stderr).contains("zip archive"),
                "{name}"
            );
            continue;
        }
        if name == "bom-prefixed" {
            // A BOM is not JSON: either read (exit 0/1 with JSON) or refused with exit 2.
            match out.status.code() {
                Some(2) => assert!(!out.stderr.is_empty(), "{name}: exit 2 without a message"),
                Some(0 | 1) => assert!(
                    serde_json::from_slice::<Value>(&out.stdout).is_ok(),
                    "{name}"
                ),
                other => panic!("{name}: exit {other:?}"),
            }
            continue;
        }
        assert_eq!(
            out.status.code(),
            Some(2),
            "{name}: stdout {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(
            out.stdout.is_empty(),
            "{name}: nothing on stdout for an unreadable case"
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(message),
            "{name}: stderr {err:?} should say {message:?}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    // A file that does not exist.
    let out = check(&d.join("missing.json"), true);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
    let _ = std::fs::remove_dir_all(&d);
}

/// A report that cannot be written (a full disk) exits 2 and says why.
#[test]
fn a_report_that_cannot_be_written_is_said() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // no such device on this system
    };
    let d = dir("full");
    let file = d.join("case.json");
    std::fs::write(&file, br#"{"authorize": "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid&state=1", "registered": "https://app.contoso.com/cb"}"#).expect("write");
    let out = Command::new(BIN)
        .arg("check")
        .arg(&file)
        .arg("--json")
        .stdout(full)
        .output()
        .expect("run the binary");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot write the report"), "{err}");
    let _ = std::fs::remove_dir_all(&d);
}
