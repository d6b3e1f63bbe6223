//! The hostile-input table (tests/common/hostile_rows.rs) through the
//! analyzer: no row may panic, each must give the finding or the redirect
//! status its row names, and the report must stay valid JSON. How long the
//! largest rows take is measured by benches/hostile.rs, not asserted here.

#[path = "common/hostile_rows.rs"]
mod hostile_rows;

use hostile_rows::{rows, Check};
use redirect_doctor::core::{analyze, CaseInput};

#[test]
fn the_table_has_at_least_fifty_rows_with_distinct_names() {
    let rows = rows();
    assert!(rows.len() >= 50, "only {} rows", rows.len());
    let mut names: Vec<_> = rows.iter().map(|r| r.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), rows.len(), "row names must be unique");
    assert!(
        rows.iter().all(|r| !r.checks.is_empty()),
        "every row asserts something"
    );
}

#[test]
fn every_hostile_row_gets_a_clear_answer() {
    let mut failures = Vec::new();
    for row in rows() {
        let outcome = std::panic::catch_unwind(|| analyze(&row.input));
        let a = match outcome {
            Ok(a) => a,
            Err(_) => {
                failures.push(format!("{}: analyze panicked", row.name));
                continue;
            }
        };
        failures.extend(row.failures(&a));
        let json = a.report.to_json();
        match serde_json::from_str::<serde_json::Value>(&json) {
            Ok(v) => {
                let n = v["findings"].as_array().map_or(0, Vec::len);
                if n != a.report.findings.len() {
                    failures.push(format!(
                        "{}: the JSON has {n} findings, the report {}",
                        row.name,
                        a.report.findings.len()
                    ));
                }
            }
            Err(e) => failures.push(format!("{}: report JSON does not parse: {e}", row.name)),
        }
        // The verdict always has words, even for the worst input.
        if a.headline.trim().is_empty() {
            failures.push(format!("{}: empty headline", row.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing rows:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn too_large_inputs_are_not_analysed_at_all() {
    // A 2 MB authorize paste that would otherwise read as a request.
    let big = format!(
        "{}&x={}",
        hostile_rows::auth_with("https%3A%2F%2Fapp.contoso.com%2Fcb"),
        "y".repeat(2 << 20)
    );
    let a = analyze(&CaseInput {
        authorize: big,
        registered: "https://app.contoso.com/cb".into(),
        ..CaseInput::default()
    });
    assert!(a.report.has("input.too_large"));
    assert!(a.request.is_none(), "an oversized field must not be read");
    let f = a
        .report
        .findings
        .iter()
        .find(|f| f.code == "input.too_large")
        .map(|f| f.title.clone())
        .unwrap_or_default();
    assert!(f.contains("authorize"), "the finding names the field: {f}");
}

#[test]
fn checks_can_fail() {
    // The row checker itself must be able to say no.
    let a = analyze(&CaseInput::default());
    let row = rows()
        .into_iter()
        .find(|r| r.name == "authorize-2mb")
        .map(|mut r| {
            r.checks = vec![Check::Has("input.too_large"), Check::Status("exact")];
            r
        });
    let row = row.expect("row exists");
    assert_eq!(row.failures(&a).len(), 2);
}
