//! Pathological and hostile input: every case must finish with a sane result (no panic, no
//! hang, no unbounded memory). These assert completion and results, never timings.

use wpclean::{Article, Extractor, Options, Post};

fn extract(html: String) -> Article {
    let extractor = Extractor::new(&Options::default()).unwrap();
    extractor.extract(&Post::from_html(html, Some("https://example.com/post/")))
}

#[test]
fn very_deep_nesting_is_cut_not_overflowed() {
    let html = format!(
        "{}deep text{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let a = extract(html);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("nesting deeper than 512")),
        "{:?}",
        a.warnings
    );
    // Nested inline formatting too (html5ever's slowest case).
    let a = extract(format!("{}x", "<b><i>".repeat(50_000)));
    assert!(!a.warnings.is_empty());
}

#[test]
fn nesting_only_the_parser_sees_is_cut() {
    let nesting = |a: &Article| {
        a.warnings
            .iter()
            .any(|w| w.contains("nesting deeper than 512"))
    };
    // Stray end tags close nothing: every div nests (a scan of the tags would count none).
    let a = extract(format!("<p>before</p>{}deep", "<div></i>".repeat(100_000)));
    assert!(nesting(&a), "{:?}", a.warnings);
    assert!(a.text.contains("before") && !a.text.contains("deep"));
    // Foster parenting: the divs go before the table, nested there.
    let a = extract(format!("<table>{}deep", "<div>".repeat(100_000)));
    assert!(nesting(&a), "{:?}", a.warnings);
    // The adoption agency rebuilding misnested formatting, round after round.
    let a = extract("<b><div></b>x".repeat(100_000));
    assert!(nesting(&a), "{:?}", a.warnings);
    // Links close the link before them: many start tags, no nesting, nothing cut.
    let a = extract("<a href=/x>link</a>".repeat(5_000).replace("</a>", ""));
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    assert_eq!(a.links.len(), 5_000);
}

#[test]
fn a_megabyte_of_unclosed_tags() {
    let html = "<p><span><a href='/x'><em>".repeat(40_000);
    assert!(html.len() > 1_000_000);
    let a = extract(html);
    assert!(a.warnings.iter().any(|w| w.contains("cut")));
    // An unclosed ad container must not swallow the rest: the article text is still there.
    let a = extract("<p>before</p><ins class=\"adsbygoogle\"><p>after the ad</p>".into());
    assert!(a.text.contains("before"));
    assert!(a.text.contains("after the ad"), "{}", a.text);
}

#[test]
fn wide_tables_and_huge_spans_are_capped() {
    let row: String = (0..10_000).map(|i| format!("<td>{i}</td>")).collect();
    let a = extract(format!("<table><tr>{row}</tr><tr>{row}</tr></table>"));
    assert_eq!(a.tables[0].rows[0].len(), 10_000);
    let a = extract(
        "<table><tr><td colspan=1000000 rowspan=1000000>x</td></tr><tr><td>y</td></tr></table>"
            .into(),
    );
    let cells: usize = a.tables[0].rows.iter().map(Vec::len).sum();
    assert!(cells <= 100_000, "{cells} cells");
    let many = "<tr><td colspan=1000>x</td></tr>".repeat(500);
    let a = extract(format!("<table>{many}</table>"));
    let cells: usize =
        a.tables[0].rows.iter().map(Vec::len).sum::<usize>() + a.tables[0].header.len();
    assert!(cells <= 100_000);
    assert!(a.warnings.iter().any(|w| w.contains("table truncated")));
}

#[test]
fn a_hundred_thousand_links() {
    let html: String = (0..100_000)
        .map(|i| format!("<a href=\"/p{i}\">l{i}</a> "))
        .collect();
    let a = extract(format!("<p>{html}</p>"));
    assert_eq!(a.links.len(), 100_000);
    assert_eq!(a.links[99_999].href, "https://example.com/p99999");
}

#[test]
fn a_ten_megabyte_text_node() {
    let text = "word ".repeat(2_000_000);
    let a = extract(format!("<p>{text}</p>"));
    assert_eq!(a.text.len(), text.len() - 1);
}

#[test]
fn deeply_nested_lists_and_tables() {
    // `inner` inside `n` levels of `open`…`close`.
    let nested = |open: &str, close: &str, n: usize, inner: &str| {
        format!("{}{inner}{}", open.repeat(n), close.repeat(n))
    };
    // Depth is the parsed tree's: a nested list is two levels (`ul`, `li`), a nested table
    // four (`table`, `tbody`, `tr`, `td`). Within the default 512 levels all is kept.
    for (html, inner) in [
        (nested("<ul><li>", "</li></ul>", 250, "item"), "item"),
        (
            nested("<table><tr><td>", "</td></tr></table>", 120, "cell"),
            "cell",
        ),
    ] {
        let a = extract(html);
        assert!(a.text.contains(inner));
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    }
    // Deeper, the content is cut where it goes past the limit and says so; what came before
    // stays.
    let lists = format!(
        "<p>before</p>{}",
        nested("<ul><li>", "</li></ul>", 300, "item")
    );
    let a = extract(lists);
    assert!(a.text.contains("before") && !a.text.contains("item"));
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("nesting deeper than 512")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn hostile_json_posts() {
    for (json, what) in [
        (
            r#"{"id":1,"title":null,"content":{"rendered":"<p>x</p>"}}"#,
            "null title",
        ),
        (
            r#"{"id":1,"title":{"rendered":"t"},"content":"<p>x</p>"}"#,
            "string content",
        ),
        (
            r#"{"id":"1","title":7,"content":{"rendered":null}}"#,
            "wrong types",
        ),
        (
            "\u{feff}{\"id\":1,\"content\":{\"rendered\":\"<p>x</p>\"}}",
            "byte-order mark",
        ),
        (
            r#"{"id":1,"content":{"rendered":"a\u0000b"}}"#,
            "NUL in content",
        ),
    ] {
        let a = wpclean::extract_json(json, &Options::default());
        assert!(a.is_ok(), "{what}: {a:?}");
    }
    for json in [
        "",
        "[",
        "{\"id\":1,",
        "{} trailing",
        "[1,2]",
        "null",
        "\"just a string\"",
    ] {
        let e = wpclean::extract_json(json, &Options::default()).unwrap_err();
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn many_guarded_candidates() {
    // Tens of thousands of size-guarded elements, side by side and nested.
    let flat = "<div class=\"share-box\"><p>word</p></div>".repeat(50_000);
    let a = extract(format!("<p>{}</p>{flat}", "real text ".repeat(100_000)));
    assert!(a.text.starts_with("real text"));
    // Each box is a sliver of the post: all go.
    assert!(!a.text.contains("word"));
    // Sidebars, whose removal waits until the post's size is known.
    let asides = "<aside><p>side note</p></aside>".repeat(50_000);
    let a = extract(format!("<p>{}</p>{asides}", "real text ".repeat(100_000)));
    assert!(a.text.starts_with("real text") && !a.text.contains("side note"));
    let nested = format!(
        "{}marker{}",
        "<div class=\"related-box\">".repeat(500),
        "</div>".repeat(500)
    );
    let a = extract(format!(
        "<p>{}</p>{}",
        "real text ".repeat(100),
        nested.repeat(20)
    ));
    assert!(
        a.text.starts_with("real text") && !a.text.contains("marker"),
        "{}",
        a.text
    );
}

/// A saved page made of `body` inside a WordPress single-post page.
fn page(body: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html><html><head><title>T</title></head><body class=\"single postid-1\">\
         <article class=\"post-1\"><div class=\"entry-content\">{body}</div></article></body></html>"
    )
    .into_bytes()
}

#[test]
fn hostile_pages_are_cut_or_read_never_a_panic() {
    let extractor = Extractor::new(&Options::default()).unwrap();
    // Nesting only a page's parse sees: cut at the depth limit, with the warning.
    let deep = page(&"<div>".repeat(100_000));
    let a = extractor.extract(&Post::from_page_bytes(&deep, None, None));
    assert!(
        a.warnings.iter().any(|w| w.contains("max_depth")),
        "{:?}",
        a.warnings
    );
    // A hundred thousand `post-N` elements and comments: linear, bounded work.
    let many = page(&"<li id=\"comment-5\" class=\"post-1\"><p>x</p></li>".repeat(100_000));
    let a = extractor.extract(&Post::from_page_bytes(&many, None, None));
    assert!(a.page.is_some());
    // Random bytes as a page: read (by the scorer), not a panic.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let noise: Vec<u8> = (0..200_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let a = extractor.extract(&Post::from_page_bytes(&noise, None, None));
    assert_eq!(a.page.unwrap().found_by, wpclean::FoundBy::Scorer);
}

#[cfg(feature = "cli")]
#[test]
fn binary_data_in_an_html_file_is_a_named_error_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("image.html");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();
    let good = dir.path().join("good.html");
    std::fs::write(&good, page("<p>Kept.</p>")).unwrap();
    let o = crate::common::wpclean()
        .arg(&png)
        .arg(&good)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("image.html") && err.contains("binary data, not HTML"),
        "{err}"
    );
    assert_eq!(crate::common::lines(&o.stdout)[0]["text"], "Kept.");
}

/// One WARC record.
#[cfg(feature = "cli")]
fn warc_record(kind: &str, uri: &str, declared: Option<u64>, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\n\
         WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n",
        uri.len(),
        declared.unwrap_or(block.len() as u64)
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

#[cfg(feature = "cli")]
#[test]
fn hostile_warc_records_cost_only_themselves() {
    use std::io::Write;
    let ok_page = [
        &b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"[..],
        &page("<p>The good page.</p>"),
    ]
    .concat();
    // A gzip bomb: 200 MB of zeros declared as an HTML page's gzip payload.
    let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..200 {
        bomb.write_all(&zeros).unwrap();
    }
    let bomb_page = [
        &b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"[..],
        &bomb.finish().unwrap(),
    ]
    .concat();
    let member = |rec: Vec<u8>| {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&rec).unwrap();
        gz.finish().unwrap()
    };
    let mut file = Vec::new();
    // A record that declares 10 GB but holds a few bytes, cut by its gzip member.
    file.extend(member(warc_record(
        "response",
        "https://e.x/huge/",
        Some(10 << 30),
        b"x",
    )));
    file.extend(member(warc_record(
        "response",
        "https://e.x/bomb/",
        None,
        &bomb_page,
    )));
    file.extend(member(warc_record(
        "response",
        "https://e.x/ok/",
        None,
        &ok_page,
    )));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.warc.gz");
    std::fs::write(&path, file).unwrap();
    let o = crate::common::wpclean()
        .arg(&path)
        .arg("--max-post-bytes")
        .arg("16000000")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let out = crate::common::lines(&o.stdout);
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(out[0]["text"], "The good page.");
    assert_eq!(out[0]["url"], "https://e.x/ok/");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("hostile.warc.gz"), "{err}");
    assert!(err.matches("wpclean: error").count() >= 2, "{err}");
}
