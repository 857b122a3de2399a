//! The Markdown renders as the text: for every article, what a reader sees when the
//! article's `markdown` is rendered by a CommonMark renderer (pulldown-cmark, with GitHub's
//! tables and strikethrough) is, word for word, the article's `text`.
//!
//! What a reader sees is the rendered text: text and inline code, with a space at every
//! block boundary and line break. The comparison is over white-space separated words and
//! ignores only:
//! - image alt text (a renderer shows the image, not its alt; `text` has neither),
//! - tokens that are a lone `|` (`text` separates table cells with ` | `, a rendered table
//!   separates them with cell borders).
//!
//! List markers, heading `#`s, emphasis markers and the like are syntax: the renderer does
//! not show them, so they are not in the rendered words and need no exception. Raw HTML in
//! the Markdown is counted as seen (as its literal source): our Markdown must not hold any.
//!
//! The corpus tests need `../shared` beside the checkout; the fixture tests below run
//! everywhere.

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag, TagEnd};
use wpclean::{Article, Extractor, InputFormat, Options, Post, Record};

/// The words a reader sees in rendered Markdown.
fn rendered_words(md: &str) -> Vec<String> {
    let mut opts = MdOptions::empty();
    opts.insert(MdOptions::ENABLE_TABLES);
    opts.insert(MdOptions::ENABLE_STRIKETHROUGH);
    let mut seen = String::new();
    let mut in_image = 0u32;
    for event in Parser::new_ext(md, opts) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            Event::Text(t) | Event::Code(t) if in_image == 0 => seen.push_str(&t),
            Event::Html(t) | Event::InlineHtml(t) => seen.push_str(&t),
            Event::SoftBreak | Event::HardBreak => seen.push(' '),
            // Block starts and ends separate words; inline ones (emphasis, links) join the
            // text they mark up.
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::List(_)
                | Tag::Item
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::TableCell,
            )
            | Event::Rule => seen.push(' '),
            _ => {}
        }
    }
    words(&seen)
}

/// The words of `text`.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| *w != "|")
        .map(str::to_string)
        .collect()
}

/// `None` when the article's Markdown renders as its text, else where they part.
fn mismatch(a: &Article) -> Option<String> {
    let seen = rendered_words(&a.markdown);
    let want = words(&a.text);
    if seen == want {
        return None;
    }
    let at = seen
        .iter()
        .zip(&want)
        .position(|(x, y)| x != y)
        .unwrap_or(seen.len().min(want.len()));
    let from = at.saturating_sub(6);
    let show = |w: &[String]| w[from.min(w.len())..(at + 8).min(w.len())].join(" ");
    Some(format!(
        "word {at}:\n    text:     {}\n    rendered: {}",
        show(&want),
        show(&seen)
    ))
}

fn assert_renders_as_text(a: &Article) {
    if let Some(m) = mismatch(a) {
        panic!("{m}\n--- markdown:\n{}\n--- text:\n{}", a.markdown, a.text);
    }
}

fn extract(html: &str) -> Article {
    Extractor::new(&Options::default())
        .unwrap()
        .extract(&Post::from_html(html, Some("https://example.org/post/")))
}

// ---- The known cases, one fixture each. ----

#[test]
fn escapes_inside_code_spans_are_not_shown() {
    let a = extract(
        "<p>Set <code>max_post_bytes</code>, <code>&lt;blockquote&gt;</code> and \
         <code>a`b</code>.</p>",
    );
    assert_renders_as_text(&a);
    assert!(
        a.markdown.contains("`max_post_bytes`") && a.markdown.contains("`<blockquote>`"),
        "{}",
        a.markdown
    );
    assert!(a.markdown.contains("``a`b``"), "{}", a.markdown);
}

#[test]
fn a_link_around_blocks_links_each_block() {
    // A "blog card" link preview (the Cocoon and SWELL themes' markup, as saved on
    // static-export-ptom76-blog in the shared corpus).
    let a = extract(
        "<p>See:</p><a href=\"https://wasabii.net/\" class=\"blogcard-wrap\">\
         <div class=\"blogcard\"><div class=\"blogcard-title\">Wasabi Lab.</div>\
         <div class=\"blogcard-snippet\">Notes on blogs.</div></div></a><p>After.</p>",
    );
    assert_renders_as_text(&a);
    assert_eq!(a.text, "See:\n\nWasabi Lab.\n\nNotes on blogs.\n\nAfter.");
    assert!(
        a.markdown.contains("[Wasabi Lab.](https://wasabii.net/)")
            && a.markdown
                .contains("[Notes on blogs.](https://wasabii.net/)"),
        "{}",
        a.markdown
    );
}

#[test]
fn an_image_in_a_heading_is_in_the_markdown() {
    let a = extract(
        "<h2><img src=\"https://example.org/a.png\" alt=\"Logo\"></h2><p>Text.</p>\
         <h3><img src=\"https://example.org/b.png\" alt=\"\">Named</h3>",
    );
    assert_renders_as_text(&a);
    assert_eq!(a.images.len(), 2);
    assert!(
        a.markdown.contains("![Logo](https://example.org/a.png)"),
        "{}",
        a.markdown
    );
    assert!(
        a.markdown.contains("![](https://example.org/b.png)"),
        "{}",
        a.markdown
    );
}

#[test]
fn a_line_break_ending_a_paragraph_writes_nothing() {
    let a = extract(
        "<p>One<br></p><p><strong>Two<br></strong>three<br><br></p>\
         <p>Four<br>1. five</p>",
    );
    assert_renders_as_text(&a);
    assert!(!a.markdown.contains("\\\n\n"), "{}", a.markdown);
    assert!(a.markdown.contains("**Two**\\\nthree"), "{}", a.markdown);
}

#[test]
fn dropped_in_page_links_leave_no_brackets() {
    let a = extract(
        "<h2 id=\"a\">Part</h2><p>Text. <a href=\"#top\">[top]</a></p>\
         <p><a href=\"https://example.org/post/#a\">Back</a> to the part.</p>",
    );
    assert_renders_as_text(&a);
    assert!(!a.markdown.contains("\\["), "{}", a.markdown);
    assert_eq!(a.text, "Part\n\nText.\n\nBack to the part.");
    // WP Recipe Maker's jump buttons (as on a WCXB recipe page).
    let r = extract(
        "<div class=\"wprm-recipe-snippet\"><a href=\"#recipe\" class=\"wprm-recipe-jump\">\
         <span class=\"wprm-recipe-icon\"></span> Jump to Recipe</a>\
         <a href=\"#recipe-video\" class=\"wprm-recipe-jump-video\">Jump to Video</a></div>\
         <p>Bread.</p>",
    );
    assert_eq!(r.text, "Bread.");
}

#[test]
fn table_captions_are_in_the_text_once() {
    // Gutenberg's table block puts its caption in a `figcaption` after the table.
    let a = extract(
        "<figure class=\"wp-block-table\"><table><tbody><tr><td>Cell 1</td><td>Cell 2</td>\
         </tr><tr><td>Cell 3</td><td>Cell 4</td></tr></tbody></table>\
         <figcaption>Caption</figcaption></figure>\
         <table><caption>Own caption</caption><tr><th>A</th></tr><tr><td>1</td></tr></table>",
    );
    assert_renders_as_text(&a);
    assert_eq!(a.markdown.matches("Caption").count(), 1, "{}", a.markdown);
    assert_eq!(a.tables[0].caption.as_deref(), Some("Caption"));
}

#[test]
fn struck_out_list_items_are_struck_out() {
    let a = extract("<ul><li><s>item</s></li><li>~~~ not a fence</li></ul>");
    assert_renders_as_text(&a);
    assert!(a.markdown.starts_with("- ~~item~~"), "{}", a.markdown);
}

#[test]
fn emphasis_is_written_only_where_it_renders() {
    for html in [
        "<p>your <strong>Hit KEY.</strong>After this</p>",
        "<p>Email<strong><em>: info@example.org</em></strong> us</p>",
        "<p>your KEY<strong>.</strong> After</p>",
        "<p>trend<strong></strong>s and <strong>trend</strong><strong>s</strong></p>",
        "<p><strong><strong>10</strong></strong>LUOA</p>",
        "<p>taste <em>astringent</em><strong><em>sweet</em></strong><em>. Now</em></p>",
        "<p><strong>Bold across<br></strong></p><p>and <em>a</em><em>b</em></p>",
        "<p><b><i>?</i></b><a href=\"https://example.org/\">rel</a> and <b>x.</b><code>y</code></p>",
    ] {
        assert_renders_as_text(&extract(html));
    }
    let a = extract("<p><strong>a</strong><strong>b</strong> <em>c</em></p>");
    assert_eq!(a.markdown, "**ab** *c*");
}

#[test]
fn emphasis_around_blocks_is_closed_in_each() {
    let a = extract("<strong><p>One</p><ul><li>two</li></ul></strong>");
    assert_renders_as_text(&a);
    assert_eq!(a.markdown, "**One**\n\n- **two**");
}

#[test]
fn embeds_are_one_line_each() {
    // As WordPress's oEmbed writes them: Instagram's blockquote (mannschaft.com in the shared
    // corpus), a tweet (teslamag.de), TikTok's, and players in iframes.
    let a = extract(concat!(
        "<p>Before.</p>",
        r#"<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/CU-W6L2IdxU/?utm_source=ig_embed" data-instgrm-version="14"><div><a href="https://www.instagram.com/p/CU-W6L2IdxU/?utm_source=ig_embed&amp;utm_campaign=loading" target="_blank">View this post on Instagram</a><p>#love #instagood #photooftheday #fashion #beautiful</p><p><a href="https://www.instagram.com/p/CU-W6L2IdxU/?utm_source=ig_embed&amp;utm_campaign=loading">A post shared by Ben (@3ensta)</a></p></div></blockquote>"#,
        r#"<figure class="wp-block-embed is-type-rich is-provider-twitter"><div class="wp-block-embed__wrapper"><blockquote class="twitter-tweet" data-width="550"><p lang="en" dir="ltr">Even in a robotaxi future <a href="https://twitter.com/hashtag/AI?src=hash">#AI</a></p>&mdash; Elon Musk (@elonmusk) <a href="https://twitter.com/elonmusk/status/1720918522082078752?ref_src=twsrc%5Etfw">November 4, 2023</a></blockquote></div></figure>"#,
        r#"<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@scout2015/video/6718335390845095173" data-video-id="6718335390845095173"><section><a target="_blank" href="https://www.tiktok.com/@scout2015">@scout2015</a> #dog #fyp <a href="https://www.tiktok.com/music/original-sound">♬ original sound</a></section></blockquote>"#,
        r#"<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper"><iframe src="https://www.youtube.com/embed/ex8fMxXJDJw?feature=oembed" width="640" height="360"></iframe></div><figcaption>The talk</figcaption></figure>"#,
        r#"<ul><li><iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e"></iframe></li></ul>"#,
        "<p>After.</p>",
    ));
    assert_renders_as_text(&a);
    assert_eq!(
        a.text,
        "Before.\n\n\
         Instagram: https://www.instagram.com/p/CU-W6L2IdxU/\n\n\
         X: https://twitter.com/elonmusk/status/1720918522082078752\n\n\
         TikTok: https://www.tiktok.com/@scout2015/video/6718335390845095173\n\n\
         YouTube: https://youtu.be/ex8fMxXJDJw\n\nThe talk\n\n\
         Vimeo: https://vimeo.com/76979871\n\nAfter."
    );
    assert!(
        a.markdown
            .contains("X: <https://twitter.com/elonmusk/status/1720918522082078752>"),
        "{}",
        a.markdown
    );
    assert!(a.markdown.contains("- Vimeo: <https://vimeo.com/76979871>"));
    assert!(
        a.links
            .iter()
            .any(|l| l.href == "https://youtu.be/ex8fMxXJDJw")
    );
}

#[test]
fn layout_tables_are_paragraphs() {
    // One column, one row, and a table that places blocks (a heading and a list in cells);
    // none has a header.
    let a = extract(concat!(
        "<table><tr><td><strong>Note:</strong> first</td></tr><tr><td>second</td></tr></table>",
        r#"<table><tr><td><img src="https://example.org/a.png" alt="A"></td><td>Beside <a href="https://example.org/">it</a></td></tr></table>"#,
        "<table><tr><td><h3>Left</h3><ul><li>one</li></ul></td><td>Right</td></tr>",
        "<tr><td>x</td><td>y</td></tr></table>",
    ));
    assert_renders_as_text(&a);
    assert!(a.tables.is_empty(), "{:?}", a.tables);
    assert!(!a.markdown.contains('|'), "{}", a.markdown);
    assert_eq!(
        a.markdown,
        "**Note:** first\n\nsecond\n\n![A](https://example.org/a.png)\n\n\
         Beside [it](https://example.org/)\n\n### Left\n\n- one\n\nRight\n\nx\n\ny"
    );
    assert_eq!(a.headings.len(), 1);
    // Data tables stay tables: a header, or several rows and columns of plain cells.
    let d = extract(concat!(
        "<table><tr><th>Name</th></tr><tr><td>Ann</td></tr></table>",
        "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
    ));
    assert_renders_as_text(&d);
    assert_eq!(d.tables.len(), 2);
}

#[test]
fn nested_lists_indent_to_their_parent() {
    // A menu whose inner lists sit in wrappers, so depths skip a level (careelite.de in the
    // shared corpus), and an item numbered 10 whose marker is wider than three columns.
    let a = extract(
        "<ul><li>Start<ul><li><ul><li>One</li><li>Two</li></ul></li></ul></li></ul>\
         <ol start=\"10\"><li>Ten<ul><li>inner</li></ul></li></ol>",
    );
    assert_renders_as_text(&a);
    assert_eq!(
        a.markdown,
        "- Start\n  - One\n  - Two\n10. Ten\n    - inner"
    );
}

#[test]
fn text_that_reads_as_an_entity_is_escaped() {
    let a = extract("<p>&amp;lt;span&amp;gt; and AT&amp;T &amp;#38;</p>");
    assert_renders_as_text(&a);
    assert_eq!(a.text, "&lt;span&gt; and AT&T &#38;");
}

// ---- The whole shared corpus. ----

fn shared() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    assert!(
        p.join("corpus").is_dir(),
        "{} not found",
        p.join("corpus").display()
    );
    p
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Every post of every export (REST JSON, NDJSON, WXR) under `dir`, and every saved post
/// body (`.html`: plugin markup, block fixtures), cleaned; with where each came from.
fn articles(dir: &Path, extractor: &Extractor, out: &mut Vec<(String, Article)>) {
    let mut paths = Vec::new();
    files(dir, &mut paths);
    for path in paths {
        let name = path.to_string_lossy().to_string();
        if name.ends_with(".html") {
            let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            let post = Post::from_html(html, Some("https://example.org/post/"));
            out.push((name, extractor.extract(&post)));
            continue;
        }
        if !(name.ends_with(".json") || name.ends_with(".ndjson") || name.ends_with(".xml")) {
            continue;
        }
        let reader = wpclean::open_path(&path, InputFormat::Auto, usize::MAX)
            .unwrap_or_else(|e| panic!("{e}"));
        for record in reader {
            if let Record::Post { post, location } = record {
                out.push((location.to_string(), extractor.extract(&post)));
            }
        }
    }
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn every_article_of_the_shared_corpus_renders_as_its_text() {
    let root = shared();
    let extractor = Extractor::new(&Options::default()).unwrap();
    let mut all = Vec::new();
    articles(&root.join("corpus"), &extractor, &mut all);
    let corpus = all.len();
    articles(&root.join("benchmarks/wcxb-wp"), &extractor, &mut all);
    assert!(corpus > 300, "only {corpus} articles in the corpus");
    assert!(all.len() - corpus >= 214, "WCXB posts missing");
    let bad: Vec<String> = all
        .iter()
        .filter_map(|(at, a)| mismatch(a).map(|m| format!("{at}: {m}")))
        .collect();
    assert!(
        bad.is_empty(),
        "{} of {} articles do not render as their text:\n{}",
        bad.len(),
        all.len(),
        bad.join("\n")
    );
}
