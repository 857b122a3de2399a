//! Records and indexing throughput: `cargo bench --bench index`.
//!
//! On the same posts, in the same run (single thread): `extract` alone (the baseline),
//! `extract` + `records`, and `extract` + `records` + adding them to the embedded index
//! (including the final commit). Posts: the 214 WCXB WordPress posts from `../shared` when
//! present (repeated `WPCLEAN_INDEX_ROUNDS` times, default 5, with fresh ids), else the
//! shipped fixtures (see `benches/common`).

use std::path::Path;
use std::time::Instant;

use wpclean::{Extractor, Options, Post, RecordOptions, SearchIndex};

mod common;

fn posts() -> Vec<Post> {
    common::source_posts()
        .1
        .into_iter()
        .map(|v| serde_json::from_value(v).expect("a post"))
        .collect()
}

fn main() {
    let rounds: usize = std::env::var("WPCLEAN_INDEX_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let source = posts();
    let mut all = Vec::new();
    for r in 0..rounds {
        for (i, p) in source.iter().enumerate() {
            let mut p = p.clone();
            p.id = Some((r * source.len() + i + 1) as u64);
            all.push(p);
        }
    }
    let bytes: usize = all.iter().map(|p| p.content_html.len()).sum();
    let mb = bytes as f64 / 1e6;
    let extractor = Extractor::new(&Options::default()).unwrap();
    let options = RecordOptions::default().max_chars(1500).overlap(150);

    let t = Instant::now();
    for p in &all {
        std::hint::black_box(extractor.extract(p));
    }
    let extract_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let mut n_records = 0;
    for p in &all {
        let a = extractor.extract(p);
        n_records += std::hint::black_box(wpclean::records(&a, &options)).len();
    }
    let records_s = t.elapsed().as_secs_f64();

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/index-bench");
    let _ = std::fs::remove_dir_all(&dir);
    let index = SearchIndex::open_or_create(&dir).unwrap();
    let t = Instant::now();
    let mut writer = index.writer().unwrap();
    for p in &all {
        let a = extractor.extract(p);
        let upsert = writer.upsert(&wpclean::records(&a, &options)).unwrap();
        assert_eq!(upsert, wpclean::Upsert::Indexed);
    }
    writer.commit().unwrap();
    let index_s = t.elapsed().as_secs_f64();
    assert_eq!(index.len() as usize, n_records);

    let line = |name: &str, secs: f64| {
        println!(
            "{name:32} {:7.1} MB/s {:7.0} posts/s  ({:.2}x the time of extract alone)",
            mb / secs,
            all.len() as f64 / secs,
            secs / extract_s
        );
    };
    println!(
        "{} posts, {:.1} MB of HTML, {n_records} records",
        all.len(),
        mb
    );
    line("extract (baseline)", extract_s);
    line("extract + records", records_s);
    line("extract + records + index", index_s);
    println!(
        "records + indexing alone: {:.2}x the cost of extraction",
        (index_s - extract_s) / extract_s
    );
    let _ = std::fs::remove_dir_all(&dir);
}
