//! Every example case in tests/cases/ through `analyze`: the expected redirect
//! status, findings, absent findings and primary cause (SPEC §6).

use redirect_doctor::core::{analyze, CaseInput};
use serde_json::Value;

fn cases() -> Vec<(String, Value)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases");
    let mut out: Vec<(String, Value)> = std::fs::read_dir(dir)
        .expect("tests/cases exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable case");
            let v: Value = serde_json::from_str(&text).expect("case is JSON");
            (
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                v,
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn input(v: &Value) -> CaseInput {
    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    CaseInput {
        authorize: s("authorize"),
        registered: s("registered"),
        callback: s("callback"),
        audience: s("audience"),
        evidence: s("evidence"),
    }
}

/// The codes of a report in JSON (SPEC §4), in order.
fn codes(report: &Value) -> Vec<&str> {
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["code"].as_str())
        .collect()
}

/// Checks one case's report (SPEC §4 JSON, from `analyze` or from the CLI);
/// returns the problems found. The primary cause is the first `error` finding.
fn check(name: &str, case: &Value, report: &Value) -> Vec<String> {
    let codes = codes(report);
    let mut problems = Vec::new();
    let expect = &case["expect"];
    let status = report["redirect"]["status"].as_str();
    if let Some(st) = expect.get("redirect_status").and_then(Value::as_str) {
        if status != Some(st) {
            problems.push(format!("{name}: status {status:?} != {st}"));
        }
    }
    let listed = |key: &str| -> Vec<&str> {
        expect
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect()
    };
    for f in listed("findings") {
        if !codes.contains(&f) {
            problems.push(format!("{name}: missing {f} (got {codes:?})"));
        }
    }
    for f in listed("absent") {
        if codes.contains(&f) {
            problems.push(format!("{name}: {f} should be absent"));
        }
    }
    // `"primary": "code"`: the first error finding; `"primary": null`: no error at all.
    if let Some(want) = expect.get("primary") {
        let got = report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["severity"] == "error")
            .and_then(|f| f["code"].as_str());
        if got != want.as_str() {
            problems.push(format!("{name}: primary {got:?} != {want} (got {codes:?})"));
        }
    }
    for f in report["findings"].as_array().into_iter().flatten() {
        if f["detail"].as_str().unwrap_or_default().is_empty() {
            problems.push(format!("{name}: {} has no detail", f["code"]));
        }
    }
    problems
}

fn assert_no_problems(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_case_gives_its_expected_diagnosis() {
    let all = cases();
    assert!(
        all.len() >= 38,
        "expected the example cases, found {}",
        all.len()
    );
    let problems = all.iter().flat_map(|(n, v)| {
        let a = analyze(&input(v));
        // The primary cause in JSON is the report's own notion of it.
        let mut p = Vec::new();
        if let Some(want) = v["expect"].get("primary").and_then(Value::as_str) {
            if a.report.primary().map(|f| f.code.as_str()) != Some(want) {
                p.push(format!("{n}: Report::primary is not {want}"));
            }
        }
        let report = serde_json::to_value(&a.report).expect("the report serializes");
        p.extend(check(n, v, &report));
        p
    });
    assert_no_problems(problems.collect());
}

/// `redirect-doctor check CASE.json --json` on the case file itself: the same
/// expectations, read from the binary's stdout, and exit 1 exactly when the
/// report has an error finding (SPEC §7).
#[cfg(feature = "cli")]
#[test]
fn every_case_through_the_cli() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases");
    let mut problems = Vec::new();
    for (name, case) in cases() {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_redirect-doctor"))
            .args(["check", &format!("{dir}/{name}"), "--json"])
            .output()
            .expect("run the binary");
        let report: Value = match serde_json::from_slice(&out.stdout) {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("{name}: stdout is not JSON ({e})"));
                continue;
            }
        };
        // A diagnosis: an error about the sign-in, not about reading an input.
        let has_error = report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|f| {
                f["severity"] == "error"
                    && !f["code"].as_str().is_some_and(|c| c.starts_with("input."))
            });
        // An input that could not be read; a note at information level (how a part was read,
        // on firm evidence) is not one.
        let unreadable = report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["severity"] != "info")
            .filter_map(|f| f["code"].as_str())
            .any(|c| {
                c == "input.too_large" || (c.starts_with("input.") && c.ends_with("_unreadable"))
            });
        // An error of an input's own (a plan that adds the URI) is a diagnosis when nothing
        // was unreadable.
        let input_error = report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|f| f["severity"] == "error");
        let want = if has_error {
            1
        } else if unreadable {
            2
        } else {
            i32::from(input_error)
        };
        if out.status.code() != Some(want) {
            problems.push(format!("{name}: exit {:?}, want {want}", out.status.code()));
        }
        problems.extend(check(&name, &case, &report));
    }
    assert_no_problems(problems);
}

#[test]
fn every_error_finding_says_how_to_fix_it() {
    for (name, v) in cases() {
        let a = analyze(&input(&v));
        for f in &a.report.findings {
            if f.severity == redirect_doctor::core::Severity::Error {
                assert!(!f.fix.is_empty(), "{name}: {} has no fix", f.code);
            }
        }
    }
}
