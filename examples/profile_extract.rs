//! Runs `extract` over a post file many times: a target for profilers
//! (`valgrind --tool=callgrind`, `perf record`).
//!
//! `cargo run --profile profiling --example profile_extract -- POSTS.json [ROUNDS] [extract|parse|parse-text|parse-html]`
//!
//! (The `profiling` profile is the release build with line tables; a `--release` binary
//! carries no debug info.)
//!
//! `parse` runs only the bare `scraper::Html::parse_fragment` of each post's content, the
//! baseline of the `extract` benchmark: the instruction counts of the modes under callgrind
//! give ratios that do not depend on the machine's load. `parse-text` and `parse-html` add
//! the least work any extractor does after parsing: collecting the text, or writing the HTML
//! back out with scraper's serializer.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: profile_extract POSTS.json [ROUNDS] [MODE]");
    let rounds: usize = args.next().map_or(1, |r| r.parse().expect("rounds"));
    let mode = args.next().unwrap_or_else(|| "extract".into());
    let data = std::fs::read_to_string(path).expect("read posts");
    let posts: Vec<wpclean::Post> = serde_json::from_str(&data).expect("posts");
    let extractor = wpclean::Extractor::new(&wpclean::Options::default()).unwrap();
    let mut chars = 0;
    for _ in 0..rounds {
        for p in &posts {
            chars += match mode.as_str() {
                "extract" => extractor.extract(p).text.len(),
                "parse" => scraper::Html::parse_fragment(&p.content_html)
                    .tree
                    .values()
                    .count(),
                // Floors: the least any extractor that outputs text or HTML does after the parse.
                "parse-text" => scraper::Html::parse_fragment(&p.content_html)
                    .root_element()
                    .text()
                    .collect::<String>()
                    .len(),
                "parse-html" => scraper::Html::parse_fragment(&p.content_html)
                    .root_element()
                    .html()
                    .len(),
                other => panic!("unknown mode {other:?}: extract, parse, parse-text, parse-html"),
            };
        }
    }
    println!("{chars}");
}
