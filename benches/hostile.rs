//! The time bound of the hostile-input table: how long `analyze` takes on the
//! largest rows (tests/common/hostile_rows.rs marks them `slow`). The tests
//! check what each row says; this measures how fast it says it.
//! Run with `cargo bench --bench hostile`.

#[path = "../tests/common/hostile_rows.rs"]
mod hostile_rows;

use criterion::{criterion_group, criterion_main, Criterion};
use redirect_doctor::core::{analyze, share, CaseInput};
use std::hint::black_box;
use std::time::Duration;

fn hostile(c: &mut Criterion) {
    let mut g = c.benchmark_group("hostile");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for row in hostile_rows::rows().into_iter().filter(|r| r.slow) {
        g.bench_function(row.name, |b| b.iter(|| analyze(black_box(&row.input))));
    }
    // A share link of a box near its limit holding a long run of name=value pairs with no
    // separator (each pair's value runs to the end of the text): once scanned per pair.
    let pairs = CaseInput {
        registered:
            "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=b4e1c2d3"
                .repeat(10_000),
        ..CaseInput::default()
    };
    g.bench_function("share-link-of-pairs-without-separator", |b| {
        b.iter(|| share::share_fragment(black_box(&pairs), &share::ShareOptions::default()))
    });
    g.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);
