//! Fuzzes the whole analysis. The input is split on 0xFF bytes (never part
//! of UTF-8 text) into the CASE fields: authorize, registered, callback,
//! audience, evidence. The report must also serialise.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redirect_doctor_fuzz::core::{analyze, CaseInput};

fuzz_target!(|data: &[u8]| {
    let mut fields = data
        .split(|&b| b == 0xFF)
        .map(|f| String::from_utf8_lossy(f).into_owned());
    let mut next = || fields.next().unwrap_or_default();
    let input = CaseInput {
        authorize: next(),
        registered: next(),
        callback: next(),
        audience: next(),
        evidence: next(),
    };
    let a = analyze(&input);
    let json = a.report.to_json();
    assert!(!json.is_empty());
});
