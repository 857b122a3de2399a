//! `wpclean-versus-pages FOLDER`: runs rs-trafilatura 0.2.2's extraction on every `.html` of a
//! folder (sorted by name, not recursive) and writes one JSON line per page with its title,
//! author, date and text, on one thread: the whole-process counterpart of
//! `wpclean -j 1 -q FOLDER`.
//!
//! A page's address, which rs-trafilatura's page classification reads, is taken from a
//! sidecar `NNNN.url` beside `NNNN.html` when there is one (wpclean's folder walk ignores
//! such files and reads the page's own canonical link).

use std::io::{BufWriter, Write};
use std::path::PathBuf;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: wpclean-versus-pages FOLDER");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("a readable folder")
        .map(|e| e.expect("a readable folder entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("html")))
        .collect();
    pages.sort();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let (mut ok, mut failed) = (0u64, 0u64);
    for path in &pages {
        let html = std::fs::read(path).expect("a readable page");
        let url = std::fs::read_to_string(path.with_extension("url"))
            .ok()
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty());
        let options = rs_trafilatura::Options { url, ..rs_trafilatura::Options::default() };
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned());
        // Bytes in, as wpclean reads them: rs-trafilatura decodes by the page's declared charset.
        let line = match rs_trafilatura::extract_bytes_with_options(&html, &options) {
            Ok(r) => {
                ok += 1;
                serde_json::json!({
                    "file": file,
                    "title": r.metadata.title,
                    "author": r.metadata.author,
                    "date": r.metadata.date.map(|d| d.to_rfc3339()),
                    "text": r.content_text,
                })
            }
            Err(e) => {
                failed += 1;
                serde_json::json!({"file": file, "error": e.to_string()})
            }
        };
        serde_json::to_writer(&mut out, &line).expect("stdout");
        out.write_all(b"\n").expect("stdout");
    }
    out.flush().expect("stdout");
    eprintln!("wpclean-versus-pages: {} pages: {ok} ok, {failed} failed", pages.len());
}
