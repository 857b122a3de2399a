//! Runs `extract` over a post file many times: a target for profilers
//! (`valgrind --tool=callgrind`, `perf record`).
//!
//! `cargo run --release --example profile_extract -- POSTS.json [ROUNDS] [extract|parse]`
//!
//! `parse` runs only the bare `scraper::Html::parse_fragment` of each post's content, the
//! baseline of the `extract` benchmark: the instruction counts of the two modes under
//! callgrind give a ratio that does not depend on the machine's load.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: profile_extract POSTS.json [ROUNDS] [extract|parse]");
    let rounds: usize = args.next().map_or(1, |r| r.parse().expect("rounds"));
    let parse_only = match args.next().as_deref() {
        None | Some("extract") => false,
        Some("parse") => true,
        Some(other) => panic!("unknown mode {other:?}: extract or parse"),
    };
    let data = std::fs::read_to_string(path).expect("read posts");
    let posts: Vec<wpclean::Post> = serde_json::from_str(&data).expect("posts");
    let extractor = wpclean::Extractor::new(&wpclean::Options::default()).unwrap();
    let mut chars = 0;
    for _ in 0..rounds {
        for p in &posts {
            if parse_only {
                let doc = scraper::Html::parse_fragment(&p.content_html);
                chars += doc.tree.values().count();
            } else {
                chars += extractor.extract(p).text.len();
            }
        }
    }
    println!("{chars}");
}
