//! `wpclean-versus EXPORT.json`: runs dom_smoothie's readability pass on every post of a REST
//! export (a JSON array of posts, or NDJSON) and writes one JSON line per post with its
//! text, on one thread: the whole-process counterpart of `wpclean -j 1 -q EXPORT.json`.

use std::io::{BufWriter, Write};

fn main() {
    let path = std::env::args().nth(1).expect("usage: wpclean-versus EXPORT.json");
    let data = std::fs::read_to_string(&path).expect("readable export");
    let posts: Vec<serde_json::Value> = if data.trim_start().starts_with('[') {
        serde_json::from_str(&data).expect("a JSON array of posts")
    } else {
        data.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).expect("one post per line"))
            .collect()
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let (mut ok, mut failed) = (0u64, 0u64);
    for post in &posts {
        let html = post["content"]["rendered"].as_str().unwrap_or("");
        let link = post["link"].as_str();
        let text = dom_smoothie::Readability::new(html, link, None)
            .and_then(|mut r| r.parse())
            .map(|a| a.text_content.to_string());
        let line = match text {
            Ok(t) => {
                ok += 1;
                serde_json::json!({"id": post["id"], "text": t})
            }
            Err(e) => {
                failed += 1;
                serde_json::json!({"id": post["id"], "error": e.to_string()})
            }
        };
        serde_json::to_writer(&mut out, &line).expect("stdout");
        out.write_all(b"\n").expect("stdout");
    }
    out.flush().expect("stdout");
    eprintln!("wpclean-versus: {} posts: {ok} ok, {failed} failed", posts.len());
}
