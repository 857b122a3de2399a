//! `extract` on real posts, beside a bare `scraper::Html::parse_fragment` of the same HTML
//! (the baseline: one parse is the least any extractor must do). Both report MB/s of
//! `content.rendered`; then the ratio of the two is printed, from rounds of each run one
//! after the other (so that load on the machine falls on both alike): the figure to quote.
//! For instruction counts, which load does not change, see `examples/profile_extract.rs`.
//!
//! Posts: the 214 real WordPress post bodies of `../shared/benchmarks/wcxb-wp` when present,
//! else the shipped fixtures.

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
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

/// Extraction's throughput as a share of the bare parse's: the median over alternating rounds
/// of the time of each, one round being every post once.
fn alternating_ratio() {
    let (name, posts) = posts();
    let extractor = Extractor::new(&Options::default()).unwrap();
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        f();
        start.elapsed().as_secs_f64()
    };
    let parse = || {
        for p in &posts {
            std::hint::black_box(scraper::Html::parse_fragment(&p.content_html));
        }
    };
    let extract = || {
        for p in &posts {
            std::hint::black_box(extractor.extract(p));
        }
    };
    let mut ratios: Vec<f64> = (0..15)
        .map(|_| {
            let a = time(&parse);
            let b = time(&extract);
            a / b
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    println!(
        "extract/{name}: {:.2} of the bare parse's throughput (median of {} alternating rounds)",
        ratios[ratios.len() / 2],
        ratios.len()
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    alternating_ratio();
    Criterion::default().configure_from_args().final_summary();
}
