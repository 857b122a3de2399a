//! Every real post and page in the shared corpus (`../shared/corpus/wp-rest/`) and every
//! Gutenberg block fixture (`../shared/corpus/blocks/`). The corpus is not shipped with the
//! crate: without `../shared` these tests are listed as ignored, with the reason.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use wpclean::{Article, Extractor, Options, Post};

fn shared() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(p.is_dir(), "{} not found", p.display());
    p
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.to_string_lossy().ends_with(ext) {
            out.push(p);
        }
    }
}

/// The posts of a REST file: a page of them, or one.
fn rest_items(path: &Path) -> Vec<serde_json::Value> {
    let data = std::fs::read_to_string(path).unwrap();
    match serde_json::from_str(&data).unwrap() {
        serde_json::Value::Array(a) => a,
        v => vec![v],
    }
}

/// Properties every article must have, whatever the post.
fn check_invariants(a: &Article, ctx: &str) {
    for bad in ["<script", "<style", "<noscript", "adsbygoogle", "<form"] {
        assert!(!a.html.contains(bad), "{ctx}: {bad} in html");
    }
    assert!(
        !a.title.contains('<') && !a.title.contains("&#"),
        "{ctx}: title {:?}",
        a.title
    );
    assert!(
        !a.text.contains("&nbsp;") && !a.text.contains("&#8217;"),
        "{ctx}: entity in text"
    );
    assert!(!a.text.contains('\u{ad}'), "{ctx}: soft hyphen");
    // Outside code blocks (which keep their indentation), spaces are collapsed.
    if !a.markdown.contains("```") {
        assert!(!a.text.contains("  "), "{ctx}: unnormalised space");
    }
    let mut anchors = HashSet::new();
    for h in &a.headings {
        assert!(
            (1..=6).contains(&h.level) && !h.text.is_empty(),
            "{ctx}: heading {h:?}"
        );
        if let Some(id) = &h.anchor {
            assert!(anchors.insert(id.clone()), "{ctx}: duplicate anchor {id}");
        }
    }
    for l in &a.links {
        let ok = ["http://", "https://", "mailto:", "tel:"]
            .iter()
            .any(|p| l.href.starts_with(p));
        assert!(ok, "{ctx}: link {:?}", l.href);
    }
    for i in &a.images {
        assert!(
            !i.src.is_empty() && !i.src.starts_with("data:"),
            "{ctx}: image {:?}",
            i.src
        );
    }
    for t in &a.tables {
        let w = t.header.len().max(t.rows.first().map_or(0, Vec::len));
        assert!(t.rows.iter().all(|r| r.len() == w), "{ctx}: ragged table");
    }
    // Sections partition the text: every section's text is in the article text.
    for s in &a.sections {
        assert!(a.text.contains(&s.text), "{ctx}: section text not in text");
    }
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn every_rest_post_and_page() {
    let root = shared();
    let mut paths = Vec::new();
    files(&root.join("wp-rest"), ".json", &mut paths);
    let extractor = Extractor::new(&Options::default()).unwrap();
    let (mut posts, mut with_headings, mut with_links) = (0, 0, 0);
    for path in &paths {
        for (i, item) in rest_items(path).into_iter().enumerate() {
            let kind = item
                .get("type")
                .and_then(|t| t.as_str())
                .unwrap_or("")
                .to_string();
            let post = match Post::from_json(&item.to_string()) {
                Ok(p) => p,
                Err(e) => {
                    // Users, terms, media and comments are not posts, and say so.
                    assert!(matches!(e.kind(), wpclean::ErrorKind::NotAPost(_)), "{e}");
                    assert!(
                        !matches!(kind.as_str(), "post" | "page"),
                        "{}: {e}",
                        path.display()
                    );
                    continue;
                }
            };
            let ctx = format!("{} #{i}", path.display());
            let a = extractor.extract(&post);
            check_invariants(&a, &ctx);
            // Moving the metadata instead of copying it changes nothing.
            assert_eq!(
                extractor.extract_owned(post.clone()),
                a,
                "{ctx}: extract_owned"
            );
            posts += 1;
            with_headings += usize::from(!a.headings.is_empty());
            with_links += usize::from(!a.links.is_empty());
            if !post.protected && post.content_html.contains("<p") && a.text.is_empty() {
                // Only when rules removed everything (a contact page that is just a form),
                // and then the article says so.
                assert!(!a.removed.is_empty(), "{ctx}: no text");
                assert!(
                    a.warnings.iter().any(|w| w.contains("no text left")),
                    "{ctx}"
                );
            }
        }
    }
    assert!(posts >= 150, "only {posts} posts found");
    assert!(
        with_headings >= 20 && with_links >= 50,
        "{with_headings} {with_links}"
    );
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn html_in_titles_and_embedded_terms() {
    let root = shared();
    let read = |p: &str| {
        let data = std::fs::read_to_string(root.join("wp-rest").join(p)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&data).unwrap();
        let first = match v {
            serde_json::Value::Array(mut a) => a.remove(0),
            v => v,
        };
        wpclean::extract_json(&first.to_string(), &Options::default()).unwrap()
    };
    let a = read("ghost-migrate/single-post-with-html-in-title.json");
    assert!(
        !a.title.is_empty() && !a.title.contains('<'),
        "{:?}",
        a.title
    );
    // `_embedded` gives names and the author.
    let a = read("frontity/post-60.json");
    assert!(
        a.author.as_ref().and_then(|x| x.name.as_ref()).is_some(),
        "{:?}",
        a.author
    );
    assert!(
        a.categories
            .iter()
            .all(|c| c.name.is_some() && c.id.is_some()),
        "{:?}",
        a.categories
    );
    assert!(a.featured_image.is_some());
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn gutenberg_block_fixtures() {
    let root = shared();
    let mut paths = Vec::new();
    files(&root.join("blocks"), ".html", &mut paths);
    let rendered: Vec<_> = paths
        .iter()
        .filter(|p| {
            let n = p.to_string_lossy();
            n.ends_with(".server.html")
                || n.contains("gutenberg-fixtures") && n.ends_with(".serialized.html")
        })
        .collect();
    assert!(rendered.len() > 60);
    let extractor = Extractor::new(&Options::default()).unwrap();
    let get = |name: &str| -> Article {
        let p = rendered
            .iter()
            .find(|p| p.file_name().unwrap().to_string_lossy() == name)
            .expect(name);
        extractor.extract(&Post::from_html(
            std::fs::read_to_string(p).unwrap(),
            Some("https://example.org/post/"),
        ))
    };
    for p in &rendered {
        let a = extractor.extract(&Post::from_html(
            std::fs::read_to_string(p).unwrap(),
            Some("https://example.org/post/"),
        ));
        check_invariants(&a, &p.display().to_string());
        assert!(!a.text.contains("<!-- wp:"), "{}", p.display());
    }
    let h = get("core__heading__h2.server.html");
    assert_eq!(h.headings.len(), 1);
    assert_eq!(h.headings[0].level, 2);
    let t = get("core__table.server.html");
    assert_eq!(t.tables.len(), 1);
    assert!(!t.tables[0].rows.is_empty());
    let l = get("core__list__ul.server.html");
    assert!(!l.lists.is_empty() && !l.lists[0].items.is_empty());
    let i = get("core__image.server.html");
    assert_eq!(i.images.len(), 1);
    let c = get("core__image__center-caption.server.html");
    assert!(c.images[0].caption.is_some(), "{:?}", c.images);
    let cap = get("core__table__caption.serialized.html");
    assert!(cap.tables[0].caption.is_some(), "{:?}", cap.tables);
    let g = get("core__gallery.server.html");
    assert!(g.images.len() >= 2);
    let toc = get("core__table-of-contents.serialized.html");
    assert!(toc.links.is_empty());
    let q = get("core__quote__style-1.server.html");
    assert!(q.markdown.starts_with("> "), "{}", q.markdown);
}

/// The tokenizer in front of html5ever's tree builder gives the tree html5ever's own gives,
/// on every REST post body of the corpus and every saved WCXB page.
#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn every_corpus_body_and_page_parses_as_html5ever_parses_it() {
    let root = shared();
    let mut paths = Vec::new();
    files(&root.join("wp-rest"), ".json", &mut paths);
    let mut bodies = 0;
    for path in &paths {
        for item in rest_items(path) {
            if let Some(html) = item.pointer("/content/rendered").and_then(|v| v.as_str()) {
                if let Err(e) = wpclean::tokenizers_agree(html, false) {
                    panic!("{}: post {}: {e}", path.display(), item["id"]);
                }
                bodies += 1;
            }
        }
    }
    let mut pages = Vec::new();
    files(
        &root.join("../benchmarks/wcxb-wp/dev/html"),
        ".html.gz",
        &mut pages,
    );
    for path in &pages {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()),
            &mut bytes,
        )
        .unwrap();
        if let Err(e) = wpclean::tokenizers_agree(&String::from_utf8_lossy(&bytes), true) {
            panic!("{}: {e}", path.display());
        }
    }
    assert!(
        bodies > 100 && pages.len() > 400,
        "{bodies} bodies, {} pages",
        pages.len()
    );
}
