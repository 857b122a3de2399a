//! wpclean's rendering of raw WordPress post content (what WXR exports hold), for the
//! comparison with WordPress itself (`scripts/wp-diff.py`).
//!
//! `cargo run --example render_raw < raw.html` prints the rendering of one post's raw
//! content (warnings on stderr).
//!
//! `cargo run --example render_raw -- --json < inputs.json` reads a JSON array of raw
//! contents and prints the JSON array of their renderings.
//!
//! `cargo run --example render_raw -- --posts EXPORT.xml...` lists the posts of WXR exports,
//! one JSON object a line: `file`, `index`, `id`, `content` (raw).

use std::io::{Read, Write};
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.first().map(String::as_str) {
        Some("--posts") => {
            for file in &args[1..] {
                list_posts(Path::new(file), &mut out);
            }
        }
        Some("--json") => {
            let inputs: Vec<String> =
                serde_json::from_str(&stdin()).expect("stdin: a JSON array of strings");
            let rendered: Vec<String> = inputs
                .iter()
                .map(|raw| wpclean::render_raw(raw, &mut Vec::new()))
                .collect();
            serde_json::to_writer(&mut out, &rendered).expect("write stdout");
        }
        None => {
            let mut warnings = Vec::new();
            let html = wpclean::render_raw(&stdin(), &mut warnings);
            out.write_all(html.as_bytes()).expect("write stdout");
            for w in warnings {
                eprintln!("warning: {w}");
            }
        }
        Some(other) => {
            eprintln!("usage: render_raw [--json | --posts EXPORT.xml...] (got {other:?})");
            std::process::exit(2);
        }
    }
}

fn stdin() -> String {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .expect("stdin: UTF-8 text");
    s
}

/// Writes one JSON line for each post of the WXR export `path`.
fn list_posts(path: &Path, out: &mut impl Write) {
    let reader = wpclean::open_path(path, wpclean::InputFormat::Wxr, usize::MAX)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for record in reader {
        match record {
            wpclean::Record::Post { post, location } => {
                let line = serde_json::json!({
                    "file": path.display().to_string(),
                    "index": location.index,
                    "id": location.id,
                    "content": post.content_html,
                });
                writeln!(out, "{line}").expect("write stdout");
            }
            wpclean::Record::Failed(e) => eprintln!("{}: {e}", path.display()),
            _ => {}
        }
    }
}
