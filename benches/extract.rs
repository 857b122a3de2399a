//! `extract` on real posts, beside a bare `scraper::Html::parse_fragment` of the same HTML
//! (the baseline: one parse is the least any extractor must do). Both report MB/s of
//! `content.rendered`; the ratio of the two is the figure to quote.
//!
//! Posts: the 214 real WordPress post bodies of `../shared/benchmarks/wcxb-wp` when present,
//! else the shipped fixtures.

use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use wpclean::{Extractor, Options, Post};

fn posts() -> (String, Vec<Post>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let wcxb = root.join("../shared/benchmarks/wcxb-wp/dev-rest-posts.json");
    if let Ok(data) = std::fs::read_to_string(&wcxb) {
        let posts: Vec<Post> = serde_json::from_str(&data).expect("benchmark posts");
        return ("wcxb-214".into(), posts);
    }
    eprintln!(
        "{} not found: benchmarking the shipped fixtures",
        wcxb.display()
    );
    let mut posts = vec![
        Post::from_json(&std::fs::read_to_string(root.join("fixtures/seed-post.json")).unwrap())
            .unwrap(),
    ];
    for group in ["ads", "toc", "social", "related", "forms", "faq"] {
        let dir = root.join("fixtures/plugins").join(group);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "html"))
        {
            posts.push(Post::from_html(
                std::fs::read_to_string(f).unwrap(),
                Some("https://example.com/p/"),
            ));
        }
    }
    ("fixtures".into(), posts)
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
