//! Properties over arbitrary input: no panic on any tag soup or JSON, cleaning is idempotent,
//! script and ad text never reaches `text`, links are always absolute and safe.

use proptest::prelude::*;
use wpclean::{Extractor, Options, Post};

const MARK: &str = "SECRETMARK";

/// Tag soup from real-world pieces: block and inline tags (closed or not), plugin classes,
/// scripts and ads carrying a marker, links of every scheme, entities, stray brackets.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<h2 id=\"h\">".to_string()),
        Just("</h2>".to_string()),
        Just("<ul><li>".to_string()),
        Just("</li></ul>".to_string()),
        Just("<table><tr><td colspan=3>".to_string()),
        Just("</td></tr></table>".to_string()),
        Just("<span class=\"ez-toc-section\" id=\"x\"></span>".to_string()),
        Just("<div class=\"sharedaddy\">Share this</div>".to_string()),
        Just(format!("<script>var s = '{MARK}';</script>")),
        Just(format!("<ins class=\"adsbygoogle\">{MARK}</ins>")),
        Just(format!(
            "<div class=\"code-block code-block-2\">{MARK}</div>"
        )),
        Just(format!("<style>.x{{content:'{MARK}'}}</style>")),
        Just(format!("<noscript>{MARK}</noscript>")),
        Just("<a href=\"/rel\">rel</a>".to_string()),
        Just("<a href=\"javascript:alert(1)\">js</a>".to_string()),
        Just("<a href=\"#top\">top</a>".to_string()),
        Just("<a href=\"mailto:a@b.example\">mail</a>".to_string()),
        Just("<img src=\"/i.png\" alt=\"i\">".to_string()),
        Just("<br>".to_string()),
        Just("&amp; &nbsp; &#8217; &hellip;".to_string()),
        Just("< > & \" '".to_string()),
        Just("<!-- c -->".to_string()),
        Just("<b><i>".to_string()),
        Just("</i></b>".to_string()),
        "[a-zA-Z0-9 .,!?]{0,12}",
    ]
}

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

fn extractor() -> Extractor {
    Extractor::new(&Options::default()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn tag_soup_never_panics_and_hides_scripts_and_ads(html in soup()) {
        let a = extractor().extract(&Post::from_html(html, Some("https://example.com/a/b/")));
        prop_assert!(!a.text.contains(MARK), "marker in text: {}", a.text);
        prop_assert!(!a.markdown.contains(MARK));
        prop_assert!(!a.html.contains(MARK));
        for l in &a.links {
            prop_assert!(
                ["http://", "https://", "mailto:", "tel:"].iter().any(|p| l.href.starts_with(p)),
                "bad link {:?}", l.href
            );
        }
    }

    #[test]
    fn cleaning_is_idempotent(html in soup()) {
        let x = extractor();
        let once = x.extract(&Post::from_html(html, Some("https://example.com/a/b/")));
        let twice = x.extract(&Post::from_html(once.html.clone(), Some("https://example.com/a/b/")));
        prop_assert_eq!(&once.html, &twice.html);
    }

    #[test]
    fn arbitrary_bytes_as_html_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let html = String::from_utf8_lossy(&bytes).into_owned();
        let _ = extractor().extract(&Post::from_html(html, None));
    }

    #[test]
    fn arbitrary_json_never_panics(json in json_value(3)) {
        let _ = wpclean::extract_json(&json.to_string(), &Options::default());
        let s = json.to_string();
        let _ = wpclean::extract_json(&s[..s.len() / 2], &Options::default());
    }
}

fn json_value(depth: u32) -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        "[<>a-z &;#0-9\"]{0,20}".prop_map(serde_json::Value::String),
    ];
    let keys = prop_oneof![
        Just("id".to_string()),
        Just("title".to_string()),
        Just("content".to_string()),
        Just("rendered".to_string()),
        Just("link".to_string()),
        Just("class_list".to_string()),
        Just("_embedded".to_string()),
        Just("yoast_head_json".to_string()),
        Just("categories".to_string()),
        "[a-z_]{1,8}",
    ];
    leaf.prop_recursive(depth, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn fuzz_regressions_stay_fixed() {
    let x = extractor();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz-regressions");
    let mut n = 0;
    for f in std::fs::read_dir(&dir).unwrap() {
        let f = f.unwrap().path();
        if f.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned();
        if let Err(failure) = wpclean::engine_properties(&html, &Options::default()).unwrap() {
            panic!("{}: {failure}", f.display());
        }
        let once = x.extract(&Post::from_html(html, Some("https://example.com/post/")));
        let twice = x.extract(&Post::from_html(
            once.html.clone(),
            Some("https://example.com/post/"),
        ));
        assert_eq!(once.html, twice.html, "{}", f.display());
        // The fuzz target's other property: every link is a plain web, mail or phone link.
        for link in &once.links {
            assert!(
                ["http://", "https://", "mailto:", "tel:"]
                    .iter()
                    .any(|p| link.href.starts_with(p)),
                "{}: link {:?}",
                f.display(),
                link.href
            );
        }
        n += 1;
    }
    assert!(n > 0);
}

#[test]
fn idempotent_on_every_fixture() {
    let x = extractor();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/plugins");
    for group in std::fs::read_dir(&dir).unwrap() {
        let group = group.unwrap().path();
        if !group.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&group).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let once = x.extract(&Post::from_html(
                std::fs::read_to_string(&f).unwrap(),
                Some("https://example.com/p/"),
            ));
            let twice = x.extract(&Post::from_html(
                once.html.clone(),
                Some("https://example.com/p/"),
            ));
            assert_eq!(once.html, twice.html, "{}", f.display());
        }
    }
}
