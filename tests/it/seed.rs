//! The canonical example post (`fixtures/seed-post.json`): Quick Adsense + AdSense, Easy
//! Table of Contents, a heading-based FAQ and a table.

use wpclean::{Article, Options};

fn seed() -> Article {
    let json = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/seed-post.json"
    ))
    .expect("seed fixture");
    wpclean::extract_json(&json, &Options::default()).expect("seed post extracts")
}

#[test]
fn no_ad_script_or_toc_trace_anywhere() {
    let a = seed();
    let json = serde_json::to_string(&a).unwrap();
    for needle in [
        "adsbygoogle",
        "googlesyndication",
        "Table of Contents",
        "Toggle",
        "ez-toc",
        "<script",
        "data-index",
    ] {
        assert!(!json.contains(needle), "{needle:?} left in the output");
    }
    // No link into the table of contents survives, neither as a link nor in the text.
    assert!(a.links.iter().all(|l| !l.href.contains('#')));
    assert!(!a.text.contains("Key Highlights\nCore Roles"));
}

#[test]
fn metadata() {
    let a = seed();
    assert_eq!(a.id, Some(243651));
    assert_eq!(a.kind.as_deref(), Some("post"));
    assert_eq!(
        a.title,
        "What Does an IT Infrastructure Project Manager Do?"
    );
    assert_eq!(a.slug.as_deref(), Some("it-infrastructure-project-manager"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://logmeonce.com/resources/it-infrastructure-project-manager/")
    );
    assert_eq!(a.date.as_deref(), Some("2025-02-01T08:37:27"));
    assert!(a.excerpt.starts_with("From planning data centers"));
    assert!(!a.excerpt.contains('<'));
    assert_eq!(a.author.as_ref().and_then(|x| x.id), Some(5));
    let cats: Vec<_> = a
        .categories
        .iter()
        .map(|t| (t.id, t.slug.as_deref()))
        .collect();
    assert_eq!(cats, vec![(Some(19737), Some("two-factor-authentication"))]);
    let tags: Vec<_> = a.tags.iter().map(|t| t.slug.as_deref().unwrap()).collect();
    assert_eq!(
        tags,
        vec![
            "cloud-migration",
            "data-center-planning",
            "it-project-management"
        ]
    );
}

#[test]
fn headings_with_easy_toc_anchors() {
    let a = seed();
    assert_eq!(a.headings.len(), 13);
    assert_eq!(a.headings.iter().filter(|h| h.level == 2).count(), 8);
    assert_eq!(a.headings.iter().filter(|h| h.level == 3).count(), 5);
    assert_eq!(a.headings[0].text, "Key Highlights");
    assert_eq!(a.headings[0].anchor.as_deref(), Some("Key_Highlights"));
    assert!(a.headings.iter().all(|h| h.anchor.is_some()));
    // The cleaned HTML carries the anchor on the heading itself, without the marker spans.
    assert!(
        a.html
            .contains(r#"<h2 id="Key_Highlights">Key Highlights</h2>"#)
    );
}

#[test]
fn faq_from_heading_section() {
    let a = seed();
    assert_eq!(a.faq.len(), 5, "{:#?}", a.faq);
    assert_eq!(
        a.faq[0].question,
        "What Is the Average Salary Range for an IT Infrastructure Project Manager?"
    );
    assert!(a.faq[0].answer.contains("$108,385 per year"));
    assert!(
        a.faq[3]
            .answer
            .contains("JPMorgan Chase, AT&T, and General Dynamics")
    );
    assert!(
        a.faq[4]
            .answer
            .ends_with("working with computers and leading teams.")
    );
    // The FAQ stays in the text too.
    assert!(a.text.contains("$108,385 per year"));
}

#[test]
fn the_table() {
    let a = seed();
    assert_eq!(a.tables.len(), 1);
    let t = &a.tables[0];
    assert_eq!(t.header, vec!["Step", "Easy Tasks", "Bigger Tasks"]);
    assert_eq!(t.rows.len(), 3);
    assert_eq!(
        t.rows[2],
        vec!["Last", "Track progress", "Fix problems fast"]
    );
    assert!(a.markdown.contains("| Step | Easy Tasks | Bigger Tasks |\n| --- | --- | --- |\n| First | Make a list | Check what we have |"));
}

#[test]
fn the_six_content_links() {
    let a = seed();
    let hrefs: Vec<_> = a.links.iter().map(|l| l.href.as_str()).collect();
    assert_eq!(
        hrefs,
        vec![
            "https://www.smartsheet.com/content/it-infrastructure-project-management",
            "https://www.zippia.com/infrastructure-project-manager-jobs/skills/",
            "https://whatfix.com/blog/it-strategic-planning/",
            "https://www.projectmanager.com/guides/stakeholder-management",
            "https://sopa.tulane.edu/blog/it-project-management-leadership",
            "https://logmeonce.com/",
        ]
    );
    assert_eq!(a.links[0].rel, vec!["nofollow", "noopener"]);
    assert_eq!(a.links[0].target.as_deref(), Some("_blank"));
    assert_eq!(a.links[0].text, "hardware and software");
    assert!(!a.links[0].internal);
    assert!(a.links[5].internal);
    assert!(a.links[5].rel.is_empty());
}

#[test]
fn text_is_block_aware() {
    let a = seed();
    assert!(a.text.starts_with("I'm like a treasure hunt leader"));
    assert!(
        a.text
            .contains("\n\nKey Highlights\n\nOversees large-scale")
    );
    // List items on consecutive lines.
    assert!(
        a.text
            .contains("across teams.\nCreates detailed project roadmaps")
    );
    // Entities decoded once.
    assert!(
        a.text.contains("mapped out") || a.text.contains("map out what needs to be done – kind of")
    );
    assert!(!a.text.contains("&#"));
    assert!(!a.text.contains("  "));
}

#[test]
fn sections_carry_path_and_anchor_url() {
    let a = seed();
    let s = a
        .sections
        .iter()
        .find(|s| {
            s.anchor.as_deref()
                == Some("What_Is_the_Average_Salary_Range_for_an_IT_Infrastructure_Project_Manager")
        })
        .expect("FAQ question section");
    assert_eq!(
        s.path,
        vec![
            "Frequently Asked Questions",
            "What Is the Average Salary Range for an IT Infrastructure Project Manager?"
        ]
    );
    assert_eq!(
        s.url.as_deref(),
        Some(
            "https://logmeonce.com/resources/it-infrastructure-project-manager/#What_Is_the_Average_Salary_Range_for_an_IT_Infrastructure_Project_Manager"
        )
    );
    assert!(s.text.starts_with("I'll tell you all about"));
    // The intro before the first heading is a section of its own, with no path.
    assert!(a.sections[0].path.is_empty());
    assert!(
        a.sections[0]
            .text
            .starts_with("I'm like a treasure hunt leader")
    );
    assert_eq!(a.sections.len(), 14);
}

#[test]
fn removals_are_reported_by_rule() {
    let a = seed();
    let get = |g: &str, r: &str| {
        a.removed
            .iter()
            .find(|x| x.group == g && x.rule == r)
            .map(|x| x.count)
    };
    // The ad div and the zero-size clearing div.
    assert_eq!(get("ads", "quick-adsense"), Some(2));
    // The TOC box plus 13 start and 13 end markers inside the headings.
    assert_eq!(get("toc", "easy-toc"), Some(27));
}

#[test]
fn switching_a_group_off_keeps_its_elements() {
    let json = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/seed-post.json"
    ))
    .unwrap();
    let a =
        wpclean::extract_json(&json, &Options::default().without(wpclean::RuleGroup::Toc)).unwrap();
    assert!(a.text.contains("Table of Contents"));
    // Anchors still come from the markers the plugin left in the headings.
    assert_eq!(a.headings.iter().filter(|h| h.anchor.is_some()).count(), 13);
}
