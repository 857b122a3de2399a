//! Whole saved pages (`fixtures/pages/`, hand-written pages that reproduce real theme and
//! builder markup; origins in its README): the post found with WordPress's markers, its
//! metadata and comments read from the page, and the theme left out.

use wpclean::{Article, Extractor, FoundBy, Options, PageKind, Post, SkipReason};

fn page(name: &str) -> Article {
    let path = format!("{}/fixtures/pages/{name}", env!("CARGO_MANIFEST_DIR"));
    let html = std::fs::read_to_string(&path).unwrap();
    let options = Options::default().all_page_kinds(true);
    Extractor::new(&options)
        .unwrap()
        .extract(&Post::from_page(&html, None))
}

/// Each of `present` stands in `text` in this order; none of `absent` does.
fn has_text(a: &Article, present: &[&str], absent: &[&str]) {
    let mut from = 0;
    for p in present {
        let at = a.text[from..]
            .find(p)
            .unwrap_or_else(|| panic!("{p:?} missing (in order) from {:?}", a.text));
        from += at + p.len();
    }
    for x in absent {
        assert!(!a.text.contains(x), "{x:?} leaked into {:?}", a.text);
    }
}

fn comment_tree(a: &Article) -> Vec<(u64, Option<u64>, &str)> {
    a.comments
        .iter()
        .map(|c| (c.id, c.parent, c.author.as_deref().unwrap_or("")))
        .collect()
}

#[test]
fn a_block_theme_post_is_its_post_content_block_not_the_query_loop_item_marked_with_its_id() {
    let a = page("01-block-theme-tt24-single.html");
    assert_eq!(a.id, Some(412));
    assert_eq!(a.title, "Rain Barrels for a Small Yard");
    assert_eq!(
        a.author.as_ref().unwrap().name.as_deref(),
        Some("Mara Okafor")
    );
    assert_eq!(a.date.as_deref(), Some("2024-04-18T08:30:00"));
    assert_eq!(a.date_gmt.as_deref(), Some("2024-04-18T08:30:00Z"));
    assert_eq!(a.categories[0].name.as_deref(), Some("Water"));
    let page = a.page.as_ref().unwrap();
    assert_eq!(page.container, "wp-block-post-content");
    assert_eq!(page.kind, PageKind::Single);
    has_text(
        &a,
        &[
            "Our back yard is eleven metres",
            "The parts that mattered",
            "By July we had used",
        ],
        &["Hanne L.", "Rain Barrels for a Small Yard"],
    );
    assert_eq!(
        comment_tree(&a),
        [
            (88, None, "Hanne L."),
            (90, Some(88), "Mara Okafor"),
            (95, None, "Jorge P.")
        ]
    );
    assert_eq!(a.comments[0].date.as_deref(), Some("2024-04-19T07:02:10"));
}

#[test]
fn a_classic_theme_post_keeps_its_thread_as_data_and_out_of_the_text() {
    let a = page("02-classic-tt21-comment-thread.html");
    assert_eq!(a.id, Some(2087));
    assert_eq!(a.title, "Sourdough on a Schedule");
    assert_eq!(
        a.author.as_ref().unwrap().name.as_deref(),
        Some("Tomasz Wren")
    );
    assert_eq!(a.page.as_ref().unwrap().found_by, FoundBy::Marker);
    has_text(
        &a,
        &[
            "For two years my starter",
            "A weekday schedule",
            "The cold rise makes",
        ],
        &[
            "Starter at peak rise",
            "Tomasz writes about bread",
            "Does the fridge rise",
        ],
    );
    assert_eq!(
        comment_tree(&a),
        [
            (311, None, "Ilse"),
            (312, Some(311), "Tomasz Wren"),
            (315, Some(312), "Ilse"),
            (320, None, "Dev Malhotra")
        ]
    );
    assert_eq!(a.comments[0].date.as_deref(), Some("2023-11-06T09:12:00"));
    assert!(a.comments[0].text.starts_with("Does the fridge rise work"));
    assert!(!a.comments[0].text.contains("Reply"));
}

#[test]
fn comments_join_the_text_and_markdown_only_when_asked_for() {
    let path = format!(
        "{}/fixtures/pages/02-classic-tt21-comment-thread.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = std::fs::read_to_string(&path).unwrap();
    let with = Extractor::new(&Options::default().include_comments(true))
        .unwrap()
        .extract(&Post::from_page(&html, None));
    let without = page("02-classic-tt21-comment-thread.html");
    assert!(with.text.starts_with(&without.text), "{}", with.text);
    assert!(
        with.text[without.text.len()..]
            .starts_with("\n\nComments\n\nIlse (2023-11-06): Does the fridge rise"),
        "{}",
        with.text
    );
    assert!(
        with.markdown
            .contains("\n\n> Tomasz Wren (2023-11-06): It does, but shorten it"),
        "{}",
        with.markdown
    );
    assert!(
        with.markdown
            .contains("\n\n> > Ilse (2023-11-07): Eight hours it is.")
    );
    let last = with.sections.last().unwrap();
    assert_eq!(last.path.last().map(String::as_str), Some("Comments"));
    assert_eq!(last.anchor.as_deref(), Some("comments"));
    assert_eq!(with.comments, without.comments);
}

#[test]
fn generatepress_gives_the_published_date_not_the_updated_one() {
    let a = page("03-generatepress-single.html");
    assert_eq!(a.id, Some(5540));
    assert_eq!(
        a.author.as_ref().unwrap().name.as_deref(),
        Some("Priya Natarajan")
    );
    assert_eq!(a.date.as_deref(), Some("2025-02-11T09:15:00"));
    assert_eq!(a.date_gmt.as_deref(), Some("2025-02-11T14:15:00Z"));
    has_text(
        &a,
        &[
            "A laptop that sounds like a hair dryer",
            "Swapping the fan",
            "Put the bottom panel back",
        ],
        &["Oskar B."],
    );
    assert_eq!(comment_tree(&a), [(7001, None, "Oskar B.")]);
}

#[test]
fn astra_replies_nest_under_their_list_items() {
    let a = page("04-astra-single.html");
    assert_eq!(a.id, Some(901));
    assert_eq!(a.title, "Five Quiet Changes to Shorter Meetings");
    assert_eq!(a.date.as_deref().map(|d| &d[..10]), Some("2024-09-03"));
    has_text(
        &a,
        &[
            "Our weekly meeting used to run ninety minutes",
            "Decide who is only listening",
        ],
        &["One-on-Ones That People Look Forward To"],
    );
    assert_eq!(
        comment_tree(&a),
        [(4410, None, "Ruth K."), (4412, Some(4410), "Lena Forsberg")]
    );
}

#[test]
fn an_elementor_template_gives_its_post_content_widget_not_the_boxes_around_it() {
    let a = page("05-elementor-pro-single-post.html");
    assert_eq!(a.id, Some(3318));
    assert_eq!(
        a.page.as_ref().unwrap().container,
        "elementor-widget-theme-post-content"
    );
    has_text(
        &a,
        &[
            "Ten days, four countries",
            "What I would leave behind next time",
        ],
        &["Ada plans long trips", "Night Trains Worth the Bunk"],
    );
}

#[test]
fn divi_and_tagdiv_builders_are_found_by_their_content_modules() {
    let divi = page("06-divi-theme-builder.html");
    assert_eq!(divi.id, Some(7721));
    assert_eq!(divi.page.as_ref().unwrap().container, "et_pb_post_content");
    has_text(
        &divi,
        &["Most ovens need a proper clean", "Signs it cannot wait"],
        &[],
    );

    // tagDiv's template is an `article` marked with the template's id, not the post's.
    let td = page("07-tagdiv-newspaper-tdb.html");
    assert_eq!(td.id, Some(15502));
    assert_eq!(td.page.as_ref().unwrap().container, "tdb_single_content");
    assert_eq!(
        td.author.as_ref().unwrap().name.as_deref(),
        Some("Owen Castell")
    );
    has_text(
        &td,
        &[
            "Passengers between the old quay",
            "The authority said it would publish",
        ],
        &["Owen covers the port", "Advertisement"],
    );
    assert_eq!(td.comments.len(), 1);
    assert_eq!(td.comments[0].id, 660);
}

#[test]
fn listings_404s_and_attachments_are_skipped_by_default_with_their_kind() {
    let extractor = Extractor::new(&Options::default()).unwrap();
    for (name, reason) in [
        ("08-category-archive.html", "page kind: category archive"),
        ("09-search-results.html", "page kind: search results"),
        ("10-not-found-404.html", "page kind: not found"),
        ("11-attachment-page.html", "page kind: attachment page"),
    ] {
        let path = format!("{}/fixtures/pages/{name}", env!("CARGO_MANIFEST_DIR"));
        let post = Post::from_page(&std::fs::read_to_string(path).unwrap(), None);
        let skip = extractor.skip_reason(&post);
        assert!(matches!(skip, Some(SkipReason::PageKind(_))), "{name}");
        assert_eq!(
            skip.map(|r| r.to_string()).as_deref(),
            Some(reason),
            "{name}"
        );
    }
    // Cleaned anyway when asked, with the kind reported.
    let archive = page("08-category-archive.html");
    assert_eq!(archive.page.as_ref().unwrap().kind, PageKind::Category);
    assert_eq!(archive.title, "Bread Archives");
}

#[test]
fn a_custom_theme_is_found_by_the_scorer_with_a_warning_and_its_faq_from_json_ld() {
    let a = page("12-custom-theme-plain-article-faq.html");
    assert_eq!(a.id, Some(1187));
    assert_eq!(a.title, "Why Cheap Mechanical Watches Run Fast in Winter");
    assert_eq!(a.author.as_ref().unwrap().name.as_deref(), Some("Jun Ito"));
    assert_eq!(a.page.as_ref().unwrap().found_by, FoundBy::Scorer);
    assert!(
        a.warnings.iter().any(|w| w.contains("scorer")),
        "{:?}",
        a.warnings
    );
    has_text(
        &a,
        &[
            "A mechanical watch is a spring",
            "What you can do about it",
            "It can. A magnetised hairspring",
        ],
        &["By Jun Ito", "Popular"],
    );
    assert!(
        a.faq
            .iter()
            .any(|f| f.question == "Should I wind the watch every day?")
    );
}

#[test]
fn a_post_a_react_server_streamed_hidden_is_read_as_the_reader_sees_it() {
    let a = page("14-nextjs-streamed-headless.html");
    assert_eq!(a.title, "Why Sourdough Needs a Cold Proof");
    assert_eq!(a.page.as_ref().unwrap().found_by, FoundBy::Scorer);
    has_text(
        &a,
        &[
            "A cold proof slows the yeast",
            "How long to leave the dough",
            "Twelve to sixteen hours",
            "Bake straight from the fridge",
        ],
        &[
            "Free shipping",
            "Loading...",
            "All rights reserved",
            "Recipes",
        ],
    );
}

#[test]
fn paragraphs_outside_the_posts_own_element_do_not_outweigh_its_container() {
    let a = page("15-pro-theme-testimonials-outside-post.html");
    assert_eq!(a.id, Some(966));
    assert_eq!(a.page.as_ref().unwrap().found_by, FoundBy::Marker);
    has_text(
        &a,
        &[
            "By age two many parents",
            "Keep the routine short",
            "When your child wakes",
        ],
        &[
            "Great doctors and staff",
            "Mallory R.",
            "What parents say",
            "Patients",
        ],
    );
}

#[test]
fn a_page_carries_the_id_and_url_of_the_rest_copy_of_its_post() {
    let a = page("02-classic-tt21-comment-thread.html");
    let page = a.page.as_ref().unwrap();
    assert!(
        page.rest_url
            .as_deref()
            .unwrap()
            .ends_with("/wp-json/wp/v2/posts/2087")
    );
    assert_eq!(a.url.as_deref(), page.canonical.as_deref());
    assert_eq!(page.theme.as_deref(), Some("twentytwentyone"));
}

#[test]
fn a_page_in_windows_1251_declared_only_by_its_meta_is_decoded() {
    let path = format!(
        "{}/fixtures/pages/13-windows-1251-meta-charset.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture is not UTF-8"
    );
    let post = Post::from_page_bytes(&bytes, None, None);
    let a = Extractor::new(&Options::default()).unwrap().extract(&post);
    assert_eq!(
        a.page.as_ref().unwrap().encoding.as_deref(),
        Some("windows-1251")
    );
    assert_eq!(a.title, "Как утеплить теплицу к октябрю");
    assert!(a.text.starts_with("Поликарбонатная теплица"), "{}", a.text);
    assert!(!a.text.contains('\u{FFFD}'));
}

#[test]
fn page_fuzz_regressions_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz-regressions");
    let extractor = Extractor::new(&Options::default().all_page_kinds(true)).unwrap();
    let mut n = 0;
    for f in std::fs::read_dir(&dir).unwrap() {
        let f = f.unwrap().path();
        if !f
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("page-"))
        {
            continue;
        }
        let bytes = std::fs::read(&f).unwrap();
        let post = Post::from_page_bytes(&bytes, Some("https://example.com/p/"), None);
        let article = extractor.extract(&post);
        assert!(article.page.is_some(), "{}", f.display());
        n += 1;
    }
    assert!(n > 0);
}

#[test]
fn a_pages_body_is_cleaned_from_the_pages_parse_until_its_html_is_edited() {
    let path = format!(
        "{}/fixtures/pages/03-generatepress-single.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = std::fs::read_to_string(&path).unwrap();
    let extractor = Extractor::new(&Options::default()).unwrap();
    let post = Post::from_page(&html, None);
    // The body carried from the page's parse cleans as its written HTML does.
    let from_html = extractor.extract(&Post::from_html(post.content_html.clone(), None));
    let carried = extractor.extract(&post);
    assert_eq!(carried.html, from_html.html);
    assert_eq!(carried.text, from_html.text);
    assert_eq!(extractor.extract_owned(post.clone()), carried);
    // A caller who edits the body gets the edit, not the page's parse.
    let mut edited = post;
    edited.content_html = "<p>Rewritten by the caller.</p>".to_string();
    assert_eq!(extractor.extract(&edited).text, "Rewritten by the caller.");
}
