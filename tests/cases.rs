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

/// Checks one case; returns the problems found.
fn check(name: &str, v: &Value) -> Vec<String> {
    let a = analyze(&input(v));
    let r = &a.report;
    let codes: Vec<&str> = r.findings.iter().map(|f| f.code.as_str()).collect();
    let mut problems = Vec::new();
    let expect = &v["expect"];
    if let Some(st) = expect.get("redirect_status").and_then(Value::as_str) {
        if r.redirect.status.as_str() != st {
            problems.push(format!(
                "{name}: status {} != {st}",
                r.redirect.status.as_str()
            ));
        }
    }
    for f in expect
        .get("findings")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let f = f.as_str().unwrap_or_default();
        if !codes.contains(&f) {
            problems.push(format!("{name}: missing {f} (got {codes:?})"));
        }
    }
    for f in expect
        .get("absent")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let f = f.as_str().unwrap_or_default();
        if codes.contains(&f) {
            problems.push(format!("{name}: {f} should be absent"));
        }
    }
    if let Some(p) = expect.get("primary").and_then(Value::as_str) {
        let got = r.primary().map(|f| f.code.as_str());
        if got != Some(p) {
            problems.push(format!("{name}: primary {got:?} != {p} (got {codes:?})"));
        }
    }
    for f in &r.findings {
        if f.detail.is_empty() {
            problems.push(format!("{name}: {} has no detail", f.code));
        }
    }
    problems
}

#[test]
fn every_case_gives_its_expected_diagnosis() {
    let all = cases();
    assert!(
        all.len() >= 38,
        "expected the example cases, found {}",
        all.len()
    );
    let problems: Vec<String> = all.iter().flat_map(|(n, v)| check(n, v)).collect();
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
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
