//! `extract` on real posts, beside a bare `scraper::Html::parse_fragment` of the same HTML
//! (the baseline: one parse is the least any extractor must do). Both report MB/s of
//! `content.rendered`; the ratio of the two is the figure to quote.
//!
//! Posts: the 214 real WordPress post bodies of `../shared/benchmarks/wcxb-wp` when present,
//! else the shipped fixtures.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use wpclean::{Extractor, Options, Post};

mod common;

fn posts() -> (String, Vec<Post>) {
    let (name, values) = common::source_posts();
    let posts = values
        .into_iter()
        .map(|v| serde_json::from_value(v).expect("a post"))
        .collect();
    (name, posts)
}

fn bench(c: &mut Criterion) {
    let (name, posts) = posts();
    let bytes: usize = posts.iter().map(|p| p.content_html.len()).sum();
    let extractor = Extractor::new(&Options::default()).unwrap();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20).measurement_time(Duration::from_secs(8));
    g.bench_function(BenchmarkId::new("bare_parse_fragment", &name), |b| {
        b.iter(|| {
            for p in &posts {
                std::hint::black_box(scraper::Html::parse_fragment(&p.content_html));
            }
        })
    });
    g.bench_function(BenchmarkId::new("wpclean_extract", &name), |b| {
        b.iter(|| {
            for p in &posts {
                std::hint::black_box(extractor.extract(p));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
