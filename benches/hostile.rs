//! The time bound of the hostile-input table: how long `analyze` takes on the
//! largest rows (tests/common/hostile_rows.rs marks them `slow`). The tests
//! check what each row says; this measures how fast it says it.
//! Run with `cargo bench --bench hostile`.

#[path = "../tests/common/hostile_rows.rs"]
mod hostile_rows;

use criterion::{criterion_group, criterion_main, Criterion};
use redirect_doctor::core::analyze;
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
    g.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);
