//! Runs `extract` over a post file many times: a target for profilers
//! (`valgrind --tool=callgrind`, `perf record`).
//!
//! `cargo run --release --example profile_extract -- POSTS.json [ROUNDS]`

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: profile_extract POSTS.json [ROUNDS]");
    let rounds: usize = args.next().map_or(1, |r| r.parse().expect("rounds"));
    let data = std::fs::read_to_string(path).expect("read posts");
    let posts: Vec<wpclean::Post> = serde_json::from_str(&data).expect("posts");
    let extractor = wpclean::Extractor::new(&wpclean::Options::default()).unwrap();
    let mut chars = 0;
    for _ in 0..rounds {
        for p in &posts {
            chars += extractor.extract(p).text.len();
        }
    }
    println!("{chars}");
}
