//! Details of the article contract not covered by the seed post.

use wpclean::Options;

fn extract(json: serde_json::Value) -> wpclean::Article {
    wpclean::extract_json(&json.to_string(), &Options::default()).unwrap()
}

#[test]
fn faq_from_yoast_head_json_schema() {
    let a = extract(serde_json::json!({
        "id": 9, "link": "https://example.com/faq-post/",
        "title": {"rendered": "Kettles"},
        "content": {"rendered": "<p>All about kettles.</p>"},
        "yoast_head_json": {"schema": {"@context": "https://schema.org", "@graph": [
            {"@type": "WebPage", "@id": "https://example.com/faq-post/", "mainEntity": [{"@id": "#q1"}]},
            {"@type": "Question", "@id": "#q1", "name": "How often should I descale?",
             "acceptedAnswer": {"@type": "Answer", "text": "Once a <strong>month</strong> in hard-water areas."}}
        ]}}
    }));
    assert_eq!(a.faq.len(), 1);
    assert_eq!(a.faq[0].question, "How often should I descale?");
    assert_eq!(a.faq[0].answer, "Once a month in hard-water areas.");
}

/// Yoast writes its FAQ schema into `yoast_head_json` as well as showing the questions: an
/// accordion pane and the schema's Question with the same text are one entry, the pane's
/// (with its anchor); a question only in the schema is added after.
#[test]
fn faq_from_accordion_and_yoast_head_json_is_one_entry() {
    let a = extract(serde_json::json!({
        "id": 10, "link": "https://example.com/ferry/",
        "content": {"rendered": "<div class=\"su-accordion\"><div class=\"su-spoiler\" id=\"bikes\"><div class=\"su-spoiler-title\" role=\"button\"><span class=\"su-spoiler-icon\"></span>Can I take my bike?</div><div class=\"su-spoiler-content\" style=\"display:none\">Yes, free of charge.</div></div></div>"},
        "yoast_head_json": {"schema": {"@context": "https://schema.org", "@graph": [
            {"@type": ["WebPage", "FAQPage"], "@id": "https://example.com/ferry/",
             "mainEntity": [{"@id": "#q1"}, {"@id": "#q2"}]},
            {"@type": "Question", "@id": "#q1", "name": "Can I take my bike?",
             "acceptedAnswer": {"@type": "Answer", "text": "Yes, free of charge."}},
            {"@type": "Question", "@id": "#q2", "name": "Is there a café on board?",
             "acceptedAnswer": {"@type": "Answer", "text": "On the summer crossings."}}
        ]}}
    }));
    let got: Vec<_> = a
        .faq
        .iter()
        .map(|e| (e.question.as_str(), e.anchor.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("Can I take my bike?", Some("bikes")),
            ("Is there a café on board?", None)
        ]
    );
    assert!(a.text.contains("Yes, free of charge."), "{:?}", a.text);
}

#[test]
fn percent_encoded_and_duplicate_anchors() {
    let a = extract(serde_json::json!({
        "id": 3, "link": "https://example.com/p/",
        "content": {"rendered": "<h2 id=\"%e2%80%9cquoted%e2%80%9d\">“Quoted”</h2><p>a</p><h2 id=\"Größe\">Größe</h2><p>b</p><h2 id=\"Größe\">Again</h2><p>c</p>"}
    }));
    assert_eq!(
        a.headings[0].anchor.as_deref(),
        Some("%e2%80%9cquoted%e2%80%9d")
    );
    // An id that is already percent-encoded is used as written (it then matches the element).
    assert_eq!(
        a.sections[0].url.as_deref(),
        Some("https://example.com/p/#%e2%80%9cquoted%e2%80%9d")
    );
    // A raw non-ASCII id is percent-encoded in the URL, which browsers decode to match it.
    assert_eq!(a.headings[1].anchor.as_deref(), Some("Größe"));
    assert_eq!(
        a.sections[1].url.as_deref(),
        Some("https://example.com/p/#Gr%C3%B6%C3%9Fe")
    );
    // A duplicate id links nowhere new: it is dropped, with a warning.
    assert_eq!(a.headings[2].anchor, None);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("duplicate heading anchor"))
    );
}

#[test]
fn lenient_metadata_and_entities() {
    let a = extract(serde_json::json!({
        "id": 4, "type": "page", "link": "https://example.com/about/",
        "title": {"rendered": "Tom &#038; Jerry&#8217;s <em>page</em>"},
        "excerpt": {"rendered": "<p>An intro&nbsp;text [&hellip;]</p> <a class=\"more-link\" href=\"#\">Read more</a>"},
        "content": {"rendered": "<p>Soft&shy;hyphen and&nbsp;nbsp.</p>", "protected": false},
        "meta": [], "categories": [], "tags": [],
        "class_list": {"0": "page", "1": "type-page"},
        "_embedded": {"author": [{"id": 2, "name": "Ann &amp; Bo", "slug": "ann"}]}
    }));
    assert_eq!(a.title, "Tom & Jerry\u{2019}s page");
    assert_eq!(a.excerpt, "An intro text");
    assert_eq!(a.text, "Softhyphen and nbsp.");
    assert_eq!(a.author.as_ref().unwrap().name.as_deref(), Some("Ann & Bo"));
    assert!(a.categories.is_empty());
}

#[test]
fn protected_posts_say_so() {
    let a = extract(serde_json::json!({
        "id": 5, "content": {"rendered": "", "protected": true}, "title": {"rendered": "Secret"}
    }));
    assert!(a.text.is_empty());
    assert!(a.warnings.iter().any(|w| w.contains("password-protected")));
}

#[test]
fn images_links_and_lists() {
    let a = extract(serde_json::json!({
        "id": 6, "link": "https://www.example.com/blog/post/",
        "content": {"rendered": concat!(
            "<figure><img src=\"data:image/gif;base64,R0lGOD\" data-lazy-src=\"/img/a.jpg\" alt=\"A\" width=\"640\" height=\"480\"><figcaption>Caption A</figcaption></figure>",
            "<p><img srcset=\"/b-300.jpg 300w, /b-1024.jpg 1024w\" alt=\"B\"></p>",
            "<p><a href=\"//cdn.example.org/x\" rel=\"Sponsored nofollow\">proto</a> <a href=\"/local\">local</a> <a href=\"https://example.com/other\">other host</a> <a href=\"#frag\">frag</a> <a href=\"https://www.example.com/blog/post/#sec\">self</a></p>",
            "<ol start=\"3\"><li>three<ul><li>nested</li></ul></li><li>four</li></ol>"
        )}
    }));
    assert_eq!(a.images[0].src, "https://www.example.com/img/a.jpg");
    assert_eq!(a.images[0].caption.as_deref(), Some("Caption A"));
    assert_eq!(
        (a.images[0].width, a.images[0].height),
        (Some(640), Some(480))
    );
    assert_eq!(a.images[1].src, "https://www.example.com/b-1024.jpg");
    let links: Vec<(&str, bool)> = a
        .links
        .iter()
        .map(|l| (l.href.as_str(), l.internal))
        .collect();
    assert_eq!(
        links,
        vec![
            ("https://cdn.example.org/x", false),
            ("https://www.example.com/local", true),
            ("https://example.com/other", true),
        ]
    );
    assert_eq!(a.links[0].rel, vec!["sponsored", "nofollow"]);
    assert!(a.lists[0].ordered);
    assert_eq!(a.lists[0].items, vec!["three", "nested", "four"]);
    assert!(
        a.markdown.contains("3. three\n   - nested\n4. four"),
        "{}",
        a.markdown
    );
}

#[test]
fn jetpack_carousel_images_are_the_original_file() {
    // Jetpack's carousel attributes as it writes them (thebigbone.wordpress.com and
    // wptavern.com in the shared corpus); when it knows no size, its "large" URL asks Photon
    // for a 1×1 copy.
    let a = extract(serde_json::json!({
        "id": 7, "link": "https://example.com/post/",
        "content": {"rendered": concat!(
            r#"<p><img data-attachment-id="3242" data-orig-file="https://example.files.wordpress.com/2017/04/photo.jpg" data-orig-size="960,640" data-medium-file="https://example.files.wordpress.com/2017/04/photo.jpg?w=300" data-large-file="https://example.files.wordpress.com/2017/04/photo.jpg?w=616" src="https://example.files.wordpress.com/2017/04/photo.jpg?w=616" alt="A"></p>"#,
            r#"<p><img data-large-file="https://i0.wp.com/example.com/b.png?fit=1%2C1&amp;ssl=1" src="https://i0.wp.com/example.com/b.png?resize=640%2C360&amp;ssl=1" alt="B"></p>"#,
            r#"<p><img srcset="https://i0.wp.com/example.com/c.png?resize=1%2C1 2000w, https://example.com/c-800.png 800w" alt="C"></p>"#,
        )}
    }));
    let srcs: Vec<&str> = a.images.iter().map(|i| i.src.as_str()).collect();
    assert_eq!(
        srcs,
        [
            "https://example.files.wordpress.com/2017/04/photo.jpg",
            "https://i0.wp.com/example.com/b.png?resize=640%2C360&ssl=1",
            "https://example.com/c-800.png",
        ]
    );
}
