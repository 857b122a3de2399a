//! Batch cleaning end to end: `cargo bench --bench batch`.
//!
//! Builds a large export from real posts (the 214 WCXB WordPress posts from `../shared` when
//! present, else the shipped fixtures), written four ways: one JSON array file, NDJSON, a
//! folder of REST pages of 100 posts, and a folder of one-post files (the most common scrape
//! layout). Then runs the `wpclean` binary on each with `-j 1` and with all cores, and reports
//! MB/s, posts/s and peak memory (VmHWM), beside two in-process baselines over the same posts
//! measured in the same run: a bare `scraper::Html::parse_fragment` of each post's HTML, and
//! the library's single-threaded `Extractor::extract`. Last, whole processes alternately, three
//! rounds: the folder of one-post files against the array file at `-j 1`, and the folder at
//! `-j 2` against `-j 1`, as median wall-time ratios.
//!
//! `WPCLEAN_BATCH_MB` sets the export size (default 200).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use wpclean::{Extractor, Options, Post};

mod common;

fn source_posts() -> Vec<serde_json::Value> {
    common::source_posts().1
}

struct Export {
    array: PathBuf,
    ndjson: PathBuf,
    pages: PathBuf,
    files: PathBuf,
    posts: usize,
    bytes: u64,
}

/// Writes the export three ways, cycling through the source posts with fresh ids.
fn build_export(dir: &Path, target_mb: u64, source: &[serde_json::Value]) -> Export {
    use std::io::Write;
    std::fs::create_dir_all(dir.join("pages")).unwrap();
    std::fs::create_dir_all(dir.join("files")).unwrap();
    let array_path = dir.join("export.json");
    let ndjson_path = dir.join("export.ndjson");
    let mut array = std::io::BufWriter::new(std::fs::File::create(&array_path).unwrap());
    let mut ndjson = std::io::BufWriter::new(std::fs::File::create(&ndjson_path).unwrap());
    array.write_all(b"[").unwrap();
    let (mut bytes, mut n) = (0u64, 0usize);
    let mut page: Vec<String> = Vec::new();
    let mut page_no = 0;
    let flush_page = |page: &mut Vec<String>, page_no: &mut usize| {
        if page.is_empty() {
            return;
        }
        *page_no += 1;
        let path = dir
            .join("pages")
            .join(format!("posts-page-{:05}.json", page_no));
        std::fs::write(path, format!("[{}]", page.join(","))).unwrap();
        page.clear();
    };
    while bytes < target_mb * 1_000_000 {
        let mut post = source[n % source.len()].clone();
        post["id"] = serde_json::json!(n + 1);
        let line = serde_json::to_string(&post).unwrap();
        if n > 0 {
            array.write_all(b",\n").unwrap();
        }
        array.write_all(line.as_bytes()).unwrap();
        ndjson.write_all(line.as_bytes()).unwrap();
        ndjson.write_all(b"\n").unwrap();
        bytes += line.len() as u64 + 1;
        std::fs::write(dir.join("files").join(format!("{:07}.json", n + 1)), &line).unwrap();
        page.push(line);
        if page.len() == 100 {
            flush_page(&mut page, &mut page_no);
        }
        n += 1;
    }
    flush_page(&mut page, &mut page_no);
    array.write_all(b"]\n").unwrap();
    Export {
        array: array_path,
        ndjson: ndjson_path,
        pages: dir.join("pages"),
        files: dir.join("files"),
        posts: n,
        bytes,
    }
}

/// Runs the CLI, sampling the child's peak resident memory (VmHWM) while it runs.
fn run_cli(input: &Path, jobs: Option<usize>) -> (Duration, u64) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wpclean"));
    cmd.arg(input)
        .arg("-q")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    if let Some(j) = jobs {
        cmd.arg("-j").arg(j.to_string());
    }
    let start = Instant::now();
    let mut child = cmd.spawn().expect("run wpclean");
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            assert!(
                status.code().is_some_and(|c| c <= 1),
                "wpclean failed: {status}"
            );
            break;
        }
        if let Ok(s) = std::fs::read_to_string(&status_path)
            && let Some(kb) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak_kb = peak_kb.max(kb);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    (start.elapsed(), peak_kb)
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument is a filter we do not use.
    let target_mb: u64 = std::env::var("WPCLEAN_BATCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let source = source_posts();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/batch-bench");
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("building a {target_mb} MB export in {} …", dir.display());
    let export = build_export(&dir, target_mb, &source);
    let mb = export.bytes as f64 / 1e6;
    println!(
        "export: {} posts, {:.1} MB of JSON ({} source posts)",
        export.posts,
        mb,
        source.len()
    );

    // In-process baselines over the source posts, single thread, same run.
    let posts: Vec<Post> = source
        .iter()
        .map(|v| serde_json::from_value(v.clone()).unwrap())
        .collect();
    let html_bytes: usize = posts.iter().map(|p| p.content_html.len()).sum();
    let json_bytes: usize = source.iter().map(|v| v.to_string().len()).sum();
    let extractor = Extractor::new(&Options::default()).unwrap();
    let rounds = 5;
    let t = Instant::now();
    for _ in 0..rounds {
        for p in &posts {
            std::hint::black_box(scraper::Html::parse_fragment(&p.content_html));
        }
    }
    let parse_s = t.elapsed().as_secs_f64() / rounds as f64;
    let t = Instant::now();
    for _ in 0..rounds {
        for p in &posts {
            std::hint::black_box(extractor.extract(p));
        }
    }
    let extract_s = t.elapsed().as_secs_f64() / rounds as f64;
    // Throughputs in MB of post JSON per second, so they compare with the CLI's.
    let per_json = |secs: f64| json_bytes as f64 / 1e6 / secs;
    println!(
        "baseline, 1 thread: bare parse_fragment {:.1} MB/s of JSON ({:.1} MB/s of HTML); library extract {:.1} MB/s of JSON ({:.0} posts/s)",
        per_json(parse_s),
        html_bytes as f64 / 1e6 / parse_s,
        per_json(extract_s),
        posts.len() as f64 / extract_s
    );
    let library = per_json(extract_s);

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut single = 0.0;
    for (name, input) in [
        ("array", &export.array),
        ("ndjson", &export.ndjson),
        ("pages", &export.pages),
        ("files", &export.files),
    ] {
        for jobs in [Some(1), None] {
            let (elapsed, peak_kb) = run_cli(input, jobs);
            let secs = elapsed.as_secs_f64();
            let rate = mb / secs;
            if name == "array" && jobs == Some(1) {
                single = rate;
            }
            println!(
                "cli {name:6} -j {:<3} {:7.1} MB/s {:8.0} posts/s  peak RSS {:6.1} MB  ({:.2}x library 1-thread{})",
                jobs.map_or(cores.to_string(), |j| j.to_string()),
                rate,
                export.posts as f64 / secs,
                peak_kb as f64 / 1024.0,
                rate / library,
                if jobs.is_none() && single > 0.0 {
                    format!(", {:.2}x -j 1", rate / single)
                } else {
                    String::new()
                }
            );
        }
    }
    // Whole processes, alternately, so that load on the machine falls on both sides alike.
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (mut files_vs_array, mut two_vs_one) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        let array_1 = run_cli(&export.array, Some(1)).0.as_secs_f64();
        let files_1 = run_cli(&export.files, Some(1)).0.as_secs_f64();
        let files_2 = run_cli(&export.files, Some(2)).0.as_secs_f64();
        files_vs_array.push(files_1 / array_1);
        two_vs_one.push(files_2 / files_1);
    }
    println!(
        "alternating, median of 3: one-post files / array file at -j 1: {:.2}x wall time; one-post files -j 2 / -j 1: {:.2}x wall time",
        median(files_vs_array),
        median(two_vs_one)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
