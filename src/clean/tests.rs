//! Properties P1 (the cleaned tree, written and parsed again, is the same tree) and P2 (the
//! decision pass, run on its own result, changes nothing): over tag soup made of the pieces
//! the rules look for, and over every real post in `../shared`.

use proptest::prelude::*;
use url::Url;

use super::Cleaner;
use super::check::{second_pass_changes, write_parse_changes};
use crate::Options;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<span>".to_string()),
        Just("</span>".to_string()),
        Just("<b>".to_string()),
        Just("</b>".to_string()),
        Just("<h2 id=\"h\">".to_string()),
        Just("</h2>".to_string()),
        Just("<ul><li>".to_string()),
        Just("</li></ul>".to_string()),
        Just("<li>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("</td></tr></table>".to_string()),
        Just("<figure><figcaption>".to_string()),
        Just("</figcaption></figure>".to_string()),
        Just("Image credit: example.com".to_string()),
        Just("<aside>".to_string()),
        Just("</aside>".to_string()),
        Just("<div class=\"share-buttons\">".to_string()),
        Just("<div class=\"author-bio\">".to_string()),
        Just("<div style=\"display:none\">".to_string()),
        Just("<div class=\"wp-block-button\"><a href=\"/x\">".to_string()),
        Just("<span class=\"ez-toc-section\" id=\"x\"></span>".to_string()),
        Just("<span> </span>".to_string()),
        Just("<span class=\"fa fa-x\"></span>".to_string()),
        // Accordion parts, on a known and on an unknown element (which the output leaves
        // out), and a wrapper named like a button, which is kept only inside an accordion.
        Just("<div class=\"wp-block-accordion-item\">".to_string()),
        Just("<x-panel class=\"wp-block-accordion-item\">".to_string()),
        Just("</x-panel>".to_string()),
        Just("<h3 class=\"my-button\">+</h3>".to_string()),
        Just("<details><summary>".to_string()),
        Just("</summary>".to_string()),
        Just("<button>".to_string()),
        Just("</button>".to_string()),
        Just("<font>".to_string()),
        Just("</font>".to_string()),
        Just("<strike>".to_string()),
        Just("<ins class=\"adsbygoogle\">".to_string()),
        Just("<!-- Quick Adsense WordPress Plugin -->".to_string()),
        Just("Subscribe to our newsletter".to_string()),
        Just("Related posts".to_string()),
        Just("Also read: ".to_string()),
        Just("Advertisements".to_string()),
        Just("<a href=\"https://example.com/other/\">".to_string()),
        Just("</a>".to_string()),
        Just("<a href=\"#top\">top</a>".to_string()),
        Just("<img src=\"/i.png\" alt=\"i\">".to_string()),
        Just("<img data-src=\"/j.png\">".to_string()),
        Just("<br>".to_string()),
        Just("<pre>".to_string()),
        Just("</pre>".to_string()),
        Just("<math><mi>x</mi></math>".to_string()),
        Just("&nbsp;".to_string()),
        "[a-z]{0,8}( [a-z]{1,8}){0,12}",
    ]
}

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..48).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_decision_pass_changes_nothing_on_its_own_result(html in soup()) {
        let cleaner = Cleaner::new(&Options::default()).unwrap();
        let base = Url::parse("https://example.com/post/").unwrap();
        let cleaned = cleaner.clean(&html, Some(&base));
        if let Some(diff) = second_pass_changes(&cleaner, &cleaned, Some(&base)) {
            prop_assert!(false, "P2: {html:?}\n{diff}");
        }
        if let Some(diff) = write_parse_changes(&cleaned) {
            prop_assert!(false, "P1: {html:?}\n{diff}");
        }
    }
}

/// The shared corpus and the benchmark's posts: every input file under them.
fn shared_inputs() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    assert!(root.join("corpus").is_dir(), "{} not found", root.display());
    let mut out = vec![root.join("benchmarks/wcxb-wp/dev-rest-posts.json")];
    let mut dirs = vec![root.join("corpus")];
    while let Some(d) = dirs.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                dirs.push(p);
            } else if p
                .extension()
                .is_some_and(|e| e == "json" || e == "xml" || e == "ndjson")
            {
                out.push(p);
            }
        }
    }
    out
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn p2_and_idempotence_on_every_real_post() {
    let options = Options::default().any_status().include_protected(true);
    let cleaner = Cleaner::new(&options).unwrap();
    let extractor = crate::Extractor::new(&options).unwrap();
    let (mut posts, mut failures) = (0, Vec::new());
    for path in shared_inputs() {
        // Files that are not post exports (users, terms, block fixtures' JSON) are skipped.
        let Ok(reader) = crate::open_path(&path, crate::InputFormat::Auto, 64 << 20) else {
            continue;
        };
        for (i, record) in reader.enumerate() {
            let crate::Record::Post { post, .. } = record else {
                continue;
            };
            posts += 1;
            let ctx = format!("{} #{i} (id {:?})", path.display(), post.id);
            let base = post.link.as_deref().and_then(|l| Url::parse(l).ok());
            let a = extractor.extract(&post);
            let rendered = match post.format {
                crate::ContentFormat::Rendered => post.content_html.clone(),
                crate::ContentFormat::Raw => crate::render_raw(&post.content_html, &mut Vec::new()),
            };
            let cleaned = cleaner.clean(&rendered, base.as_ref());
            if let Some(diff) = second_pass_changes(&cleaner, &cleaned, base.as_ref()) {
                failures.push(format!("{ctx}: P2\n{}", &diff[..diff.len().min(3000)]));
            }
            if let Some(diff) = write_parse_changes(&cleaned) {
                failures.push(format!("{ctx}: P1\n{}", &diff[..diff.len().min(3000)]));
            }
            let again = extractor.extract(&crate::Post::from_html(
                a.html.clone(),
                post.link.as_deref(),
            ));
            for (what, x, y) in [
                ("html", &a.html, &again.html),
                ("text", &a.text, &again.text),
                ("markdown", &a.markdown, &again.markdown),
            ] {
                if x != y {
                    failures.push(format!("{ctx}: {what} changes when cleaned again"));
                }
            }
        }
    }
    assert!(posts > 500, "only {posts} posts read");
    assert!(
        failures.is_empty(),
        "{} of {posts} posts:\n{}",
        failures.len(),
        failures[..failures.len().min(8)].join("\n")
    );
}
