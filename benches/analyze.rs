//! Criterion benchmarks of `analyze`: a typical case, and Entra's limits
//! (256 registered URIs of 256 characters, an 8 KB authorize URL).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use redirect_doctor::core::{analyze, CaseInput};

const TYPICAL: &str = include_str!("../tests/cases/scheme-behind-proxy.json");

fn case(text: &str) -> CaseInput {
    let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
    CaseInput {
        authorize: s("authorize"),
        registered: s("registered"),
        callback: s("callback"),
        audience: s("audience"),
        evidence: s("evidence"),
    }
}

/// 256 registered URIs of 256 characters, none equal to the sent one, and an
/// authorize URL padded to 8 KB with a long state.
fn at_limits() -> CaseInput {
    let uri = |i: usize| {
        let head = format!("https://app{i:03}.contoso.com/auth/callback/");
        format!("{head}{}", "x".repeat(256 - head.len()))
    };
    let registered: Vec<String> = (0..256).map(uri).collect();
    let sent = format!("{}/", uri(128));
    let base = format!(
        "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri={}&scope=openid%20profile&response_mode=query&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=",
        redirect_doctor::core::uri::form_encode(&sent)
    );
    let authorize = format!("{base}{}", "s".repeat(8192 - base.len()));
    CaseInput {
        authorize,
        registered: registered.join("\n"),
        ..CaseInput::default()
    }
}

fn bench(c: &mut Criterion) {
    let typical = case(TYPICAL);
    c.bench_function("analyze/typical", |b| {
        b.iter(|| analyze(black_box(&typical)))
    });
    let limits = at_limits();
    assert_eq!(limits.authorize.len(), 8192);
    c.bench_function("analyze/limits_256x256_8KB", |b| {
        b.iter(|| analyze(black_box(&limits)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
