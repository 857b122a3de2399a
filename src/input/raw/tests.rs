//! Unit tests of the raw renderer.

use super::*;

fn render(s: &str) -> String {
    let mut warnings = Vec::new();
    let out = render_raw(s, &mut warnings);
    assert!(warnings.is_empty(), "{warnings:?}");
    out
}

#[test]
fn blank_lines_make_paragraphs_and_newlines_breaks() {
    assert_eq!(
        render("First line\nsecond line\n\nNext paragraph.\n\n\n\nLast."),
        "<p>First line<br />\nsecond line</p>\n<p>Next paragraph.</p>\n<p>Last.</p>\n"
    );
    assert_eq!(render("  \n\n "), "  \n\n ");
    assert_eq!(render("a  \r\nb"), "<p>a<br />\nb</p>\n");
    assert_eq!(render("a<br />\nb"), "<p>a<br />\nb</p>\n");
    assert_eq!(render("a<br><br>b"), "<p>a</p>\n<p>b</p>\n");
}

#[test]
fn block_elements_are_not_wrapped() {
    let html = "<h2>Title</h2>\nIntro text\n<ul>\n\t<li>One</li>\n\t<li>Two\nlines</li>\n</ul>\n<hr />\nAfter";
    assert_eq!(
        render(html),
        "<h2>Title</h2>\n<p>Intro text</p>\n<ul>\n<li>One</li>\n<li>Two<br />\nlines</li>\n</ul>\n<hr />\n<p>After</p>\n"
    );
    // A list item holding a nested list: no paragraph inside the item.
    assert_eq!(
        render("<ul>\n<li>Item\n<ul>\n<li>Sub</li>\n</ul>\n</li>\n</ul>"),
        "<ul>\n<li>Item\n<ul>\n<li>Sub</li>\n</ul>\n</li>\n</ul>\n"
    );
    assert_eq!(
        render("<div class=\"box\">\nInside\n</div>"),
        "<div class=\"box\">\nInside\n</div>\n"
    );
    assert_eq!(
        render("<div>\n\nOne\n\nTwo\n\n</div>"),
        "<div>\n<p>One</p>\n<p>Two</p>\n</div>\n"
    );
    assert_eq!(
        render("<table>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n</table>"),
        "<table>\n<tr>\n<td>a</td>\n<td>b</td>\n</tr>\n</table>\n"
    );
    assert_eq!(render("<p>Already\n\n</p>"), "<p>Already\n</p>\n");
    assert_eq!(render("<!--more-->\n\nText"), "<!--more-->\n<p>Text</p>\n");
    assert_eq!(
        render("<img\nsrc=\"a.jpg\"\nalt=\"x\"> caption"),
        "<p><img\nsrc=\"a.jpg\"\nalt=\"x\"> caption</p>\n"
    );
}

#[test]
fn pre_script_and_style_are_verbatim() {
    let pre = "<pre class=\"code\">line 1\n\nline 3\n  indented\n</pre>";
    assert_eq!(
        render(&format!("Code:\n{pre}\nDone.")),
        format!("<p>Code:</p>\n{pre}\n<p>Done.</p>\n")
    );
    let script = "<script>\nvar a = 1;\n\nvar b = 2;\n</script>";
    // WordPress leaves a script's content alone but wraps it in a paragraph like inline HTML.
    assert_eq!(render(script), format!("<p>{script}</p>\n"));
    let style = "<style>\np { color: red; }\n\nh1 { margin: 0 }\n</style>";
    assert_eq!(render(style), format!("{style}\n"));
}

#[test]
fn gutenberg_markup_only_loses_its_comments() {
    let raw = "<!-- wp:paragraph {\"align\":\"center\"} -->\n<p class=\"has-text-align-center\">One\nline</p>\n<!-- /wp:paragraph -->\n\n\
               <!-- wp:list -->\n<ul><li>a</li>\n<li>b</li></ul>\n<!-- /wp:list -->\n\n\
               <!-- wp:group --><div class=\"wp-block-group\"><!-- wp:core/heading {\"level\":3} -->\n<h3>H</h3>\n<!-- /wp:core/heading --></div><!-- /wp:group -->\n\n\
               <!-- wp:separator /-->\n\n<!-- wp:latest-posts {\"postsToShow\":3} /-->\n\
               <!-- wp:code -->\n<pre class=\"wp-block-code\"><code>x\n\ny</code></pre>\n<!-- /wp:code -->";
    let out = render(raw);
    assert!(
        !out.contains("<!-- wp:") && !out.contains("<!-- /wp:"),
        "{out}"
    );
    let expected = raw
        .split("<!--")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                &part[part.find("-->").unwrap() + 3..]
            }
        })
        .collect::<String>();
    assert_eq!(out, expected);
    assert!(!out.contains("<br"));
    assert!(!out.contains("<p><div"));
}

#[test]
fn posts_with_blocks_get_no_paragraphs_as_in_wordpress() {
    // WordPress's do_blocks() turns wpautop off for content that holds blocks: classic text
    // between blocks is shown as written (the classic block saves it with its <p> tags).
    let out = render(
        "<!-- wp:paragraph -->\n<p>Block</p>\n<!-- /wp:paragraph -->\n\nLoose text\nhere\n\n<!-- wp:paragraph -->\n<p>More</p>\n<!-- /wp:paragraph -->",
    );
    assert_eq!(
        out,
        "\n<p>Block</p>\n\n\nLoose text\nhere\n\n\n<p>More</p>\n"
    );
    assert_eq!(
        render("<p>Classic</p>\n<hr />\n<h6>a heading</h6>\n<!-- wp:separator /-->"),
        "<p>Classic</p>\n<hr />\n<h6>a heading</h6>\n"
    );
}

#[test]
fn the_shortcode_block_gets_paragraphs() {
    // render_block_core_shortcode() is wpautop() of the block's content.
    let out = render(
        "<!-- wp:paragraph -->\n<p>Block</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:shortcode -->\nOne\nline\n\nTwo [b x=\"1\"]bold[/b]\n<!-- /wp:shortcode -->",
    );
    assert_eq!(
        out,
        "\n<p>Block</p>\n\n\n<p>One<br />\nline</p>\n<p>Two bold</p>\n"
    );
}

#[test]
fn blockquote_text_gets_paragraphs() {
    assert_eq!(
        render("<blockquote>foo</blockquote>"),
        "<blockquote><p>foo</p></blockquote>\n"
    );
    assert_eq!(
        render("Said:\n<blockquote>Line one\n\nLine two\nand three</blockquote>\nAfter"),
        "<p>Said:</p>\n<blockquote><p>Line one</p>\n<p>Line two<br />\nand three</p></blockquote>\n<p>After</p>\n"
    );
    assert_eq!(
        render("<blockquote><p>already</p></blockquote>"),
        "<blockquote>\n<p>already</p>\n</blockquote>\n"
    );
}

#[test]
fn math_and_cdata_are_verbatim() {
    let math = "<math display=\"block\">\n<mrow>\n<mi>x</mi>\n<mo>=</mo>\n</mrow>\n</math>";
    assert_eq!(
        render(&format!("Formula:\n{math}\nafter")),
        format!("<p>Formula:</p>\n{math}\n<p>after</p>\n")
    );
    assert_eq!(
        render("Hello <![CDATA[ a\nhttps://youtu.be/x\n ]]> end"),
        "<p>Hello <![CDATA[ a\nhttps://youtu.be/x\n ]]> end</p>\n"
    );
}

#[test]
fn captions() {
    assert_eq!(
        render(
            "[caption id=\"attachment_1\" align=\"alignleft\" width=\"150\"]<img src=\"a.jpg\" alt=\"A\" width=\"150\" /> Caption text[/caption]"
        ),
        "<figure class=\"wp-caption\"><img src=\"a.jpg\" alt=\"A\" width=\"150\" /><figcaption>Caption text</figcaption></figure>\n"
    );
    assert_eq!(
        render(
            "Before\n[caption width=\"3\" caption=\"From <em>attr</em>\"]<a href=\"/x\"><img src=\"b.jpg\" /></a>[/caption]\nAfter"
        ),
        "<p>Before</p>\n<figure class=\"wp-caption\"><a href=\"/x\"><img src=\"b.jpg\" /></a><figcaption>From <em>attr</em></figcaption></figure>\n<p>After</p>\n"
    );
    // No caption text or no width: the bare content, as img_caption_shortcode() returns
    // it; alone in its paragraph it has no <p> (shortcode_unautop).
    assert_eq!(
        render("[caption]<img src=\"c.jpg\" />[/caption]"),
        "<img src=\"c.jpg\" />\n"
    );
    assert_eq!(
        render("[caption id=\"x\"]<img src=\"b.jpg\"> no width[/caption]"),
        "<img src=\"b.jpg\">\n"
    );
    assert_eq!(
        render("[caption width=\"0\" caption=\"C\"]<img src=\"e.jpg\">[/caption]"),
        "<img src=\"e.jpg\">\n"
    );
    assert_eq!(
        render("Before [caption]<img src=\"c.jpg\" />[/caption] after"),
        "<p>Before <img src=\"c.jpg\" /> after</p>\n"
    );
    assert_eq!(
        render("[wp_caption width=\"9\"]<img src=\"d.jpg\" /> Old[/wp_caption]"),
        "<figure class=\"wp-caption\"><img src=\"d.jpg\" /><figcaption>Old</figcaption></figure>\n"
    );
}

#[test]
fn embeds_and_media() {
    assert_eq!(
        render("Watch:\n\n[embed]https://www.youtube.com/watch?v=abc&amp;t=1[/embed]\n\nDone"),
        "<p>Watch:</p>\n<p><a href=\"https://www.youtube.com/watch?v=abc&amp;t=1\">https://www.youtube.com/watch?v=abc&amp;t=1</a></p>\n<p>Done</p>\n"
    );
    assert_eq!(
        render("[embed width=\"500\"] https://vimeo.com/1 [/embed]"),
        "<p><a href=\"https://vimeo.com/1\">https://vimeo.com/1</a></p>\n"
    );
    // A URL alone on its line is an auto-embed.
    assert_eq!(
        render("Intro\n\nhttps://example.com/a?b=1\n\nNot https://example.com/x here"),
        "<p>Intro</p>\n<p><a href=\"https://example.com/a?b=1\">https://example.com/a?b=1</a></p>\n<p>Not https://example.com/x here</p>\n"
    );
    // Audio and video become players, as WordPress's shortcodes write them: alone in their
    // paragraph, with no <p> around them; video in a `wp-video` box.
    assert_eq!(
        render("[audio src=\"https://e.com/a.mp3\"]"),
        "<audio controls src=\"https://e.com/a.mp3\"><a href=\"https://e.com/a.mp3\">https://e.com/a.mp3</a></audio>\n"
    );
    assert_eq!(
        render("a [audio mp3=\"https://e.com/a.mp3\"] b"),
        "<p>a <audio controls src=\"https://e.com/a.mp3\"><a href=\"https://e.com/a.mp3\">https://e.com/a.mp3</a></audio> b</p>\n"
    );
    assert_eq!(
        render("[video mp4=\"https://e.com/v.mp4\" width=\"640\"][/video]"),
        "<div class=\"wp-video\"><video controls src=\"https://e.com/v.mp4\"><a href=\"https://e.com/v.mp4\">https://e.com/v.mp4</a></video></div>\n"
    );
    // The <source> and <track> elements of the shortcode's content are kept.
    assert_eq!(
        render(
            "[video mp4=\"https://e.com/v.mp4\"]\n<!-- x -->\n<source type=\"video/webm\" src=\"v.webm\" />\n<track kind=\"subtitles\" src=\"s.srt\" />\n[/video]"
        ),
        "<div class=\"wp-video\"><video controls src=\"https://e.com/v.mp4\"><source type=\"video/webm\" src=\"v.webm\" /><track kind=\"subtitles\" src=\"s.srt\" /><a href=\"https://e.com/v.mp4\">https://e.com/v.mp4</a></video></div>\n"
    );
    // An [embed] inside a sentence stays in it.
    assert_eq!(
        render("A sentence with [embed]https://e.com/y[/embed] inside."),
        "<p>A sentence with <a href=\"https://e.com/y\">https://e.com/y</a> inside.</p>\n"
    );
}

#[test]
fn media_file_urls_become_players() {
    // WordPress's embed handlers for audio and video files: a URL alone on its line, or in
    // [embed], plays.
    assert_eq!(
        render("Intro\n\nhttps://e.com/a.mp3\n\nEnd"),
        "<p>Intro</p>\n<audio controls src=\"https://e.com/a.mp3\"><a href=\"https://e.com/a.mp3\">https://e.com/a.mp3</a></audio>\n<p>End</p>\n"
    );
    assert_eq!(
        render("[embed]https://e.com/v.MP4[/embed]"),
        "<div class=\"wp-video\"><video controls src=\"https://e.com/v.MP4\"><a href=\"https://e.com/v.MP4\">https://e.com/v.MP4</a></video></div>\n"
    );
    assert_eq!(
        render("Line\nhttps://e.com/a.ogg\nline"),
        "<p>Line<br />\n<audio controls src=\"https://e.com/a.ogg\"><a href=\"https://e.com/a.ogg\">https://e.com/a.ogg</a></audio><br />\nline</p>\n"
    );
    // Not a media file (a query string, another extension): a link.
    assert_eq!(
        render("https://e.com/a.mp3?x=1"),
        "<p><a href=\"https://e.com/a.mp3?x=1\">https://e.com/a.mp3?x=1</a></p>\n"
    );
    // In a post with blocks too (WordPress embeds before it renders blocks).
    assert_eq!(
        render("<!-- wp:html -->\nhttps://e.com/a.mp3\n<!-- /wp:html -->"),
        "\n<audio controls src=\"https://e.com/a.mp3\"><a href=\"https://e.com/a.mp3\">https://e.com/a.mp3</a></audio>\n"
    );
}

#[test]
fn media_elements_keep_their_sources_together() {
    // Blank lines inside <video> do not split it into paragraphs (wpautop collapses the
    // space around <source> and <track>).
    let out = render(
        "One.\n\n<video controls>\n\n<source src=\"a.mp4\" />\n\n<track src=\"t.srt\" />\n\n<a href=\"a.mp4\">a.mp4</a>\n\n</video>\n\nTwo.",
    );
    assert_eq!(
        out,
        "<p>One.</p>\n<p><video controls><source src=\"a.mp4\" /><track src=\"t.srt\" /><a href=\"a.mp4\">a.mp4</a></video></p>\n<p>Two.</p>\n"
    );
}

#[test]
fn galleries_are_removed_with_a_warning() {
    let mut warnings = Vec::new();
    let out = render_raw(
        "Photos:\n\n[gallery ids=\"1,2,3\" columns=\"2\"]\n\nEnd",
        &mut warnings,
    );
    assert_eq!(out, "<p>Photos:</p>\n<p>End</p>\n");
    assert_eq!(
        warnings,
        ["gallery shortcode not rendered: [gallery ids=\"1,2,3\" columns=\"2\"]"]
    );
    let mut warnings = Vec::new();
    render_raw("[playlist ids=\"4\"] [audio]", &mut warnings);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
}

#[test]
fn other_shortcodes_keep_their_text() {
    assert_eq!(
        render("[su_note note_color=\"#fff\"]Important [b]bold[/b] note[/su_note]"),
        "Important bold note\n"
    );
    // Alone in its paragraph (shortcode_unautop), even after a block element.
    assert_eq!(
        render("<h2>T</h2>\n[foo x=\"1\"]one\ntwo[/foo]\n\nNext"),
        "<h2>T</h2>\none<br />\ntwo\n<p>Next</p>\n"
    );
    assert_eq!(
        render("A [foo x=\"1\"]one\ntwo[/foo] b"),
        "<p>A one<br />\ntwo b</p>\n"
    );
    // Content of several paragraphs keeps them.
    assert_eq!(
        render("[foo x=\"1\"]one\n\ntwo[/foo]"),
        "<p>one</p>\n<p>two</p>\n"
    );
    assert_eq!(
        render("A [contact-form-7 id=\"5\" title=\"Contact\"] B"),
        "<p>A  B</p>\n"
    );
    assert_eq!(render("A [divider /] B [clear/] C"), "<p>A  B  C</p>\n");
    assert_eq!(render("Text[/caption]"), "<p>Text</p>\n");
    // A name used as a shortcode elsewhere in the post is one where it is written bare too.
    assert_eq!(
        render("[box]inside[/box]\n\nA [box] B"),
        "inside\n<p>A  B</p>\n"
    );
    assert_eq!(render("A [box] B"), "<p>A [box] B</p>\n");
}

#[test]
fn brackets_that_are_not_shortcodes_stay() {
    for text in [
        "A footnote[1] and [2].",
        "Read more […] or [...]",
        "children at play [simple boat] beach",
        "[top] of page",
        "Logged [2005-04-10 00:00:00] ok",
        "[and/or] [x=1] [ spaced ] [Note: this]",
        "An array a[i] and [[unclosed",
    ] {
        assert_eq!(render(text), format!("<p>{text}</p>\n"));
    }
}

#[test]
fn escaped_shortcodes_are_literal() {
    assert_eq!(
        render("Use [[gallery]] here"),
        "<p>Use [gallery] here</p>\n"
    );
    assert_eq!(
        render("[[caption]x[/caption]] and [[myshort attr=\"1\"]]"),
        "<p>[caption]x[/caption] and [myshort attr=\"1\"]</p>\n"
    );
    assert_eq!(render("[[not one]]"), "<p>[[not one]]</p>\n");
}

#[test]
fn placeholders_in_the_input_are_harmless() {
    let out = render("a \u{E000}B0\u{E001} b");
    assert_eq!(out, "<p>a \u{FFFD}B0\u{FFFD} b</p>\n");
}

#[test]
fn deep_nesting_does_not_overflow() {
    let mut s = String::new();
    for i in 0..500 {
        s.push_str(&format!("[s{i} a=\"1\"]"));
    }
    s.push('x');
    for i in (0..500).rev() {
        s.push_str(&format!("[/s{i}]"));
    }
    let out = render(&s);
    assert!(out.contains('x'));
}

#[test]
fn bracket_heavy_text_renders() {
    // Half a megabyte of brackets that look like shortcodes: once quadratic. Speed is for
    // benchmarks (`examples/render_raw.rs` under callgrind), not for a timed test.
    let text = "a[1] [x k=\"v\"] [y] [z [w ".repeat(20_000);
    let out = render(&text);
    assert!(out.contains("a[1]  [y] [z [w a[1]"));
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared/corpus beside the checkout"
)]
fn corpus_posts_render_cleanly() {
    use crate::input::Record;
    use crate::input::wxr::WxrReader;

    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/wxr/");
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).expect("the shared corpus");
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files.extend(std::fs::read_dir(&p).unwrap().flatten().map(|e| e.path()));
        } else {
            files.push(p);
        }
    }
    let mut count = 0;
    for path in files {
        let file = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
        for record in WxrReader::new(file, None) {
            let Record::Post { post, location } = record else {
                continue;
            };
            let mut warnings = Vec::new();
            let html = render_raw(&post.content_html, &mut warnings);
            let ctx = format!("{} {location}", path.display());
            assert!(!html.contains("<!-- wp:"), "{ctx}: {html}");
            assert!(!html.contains("<!-- /wp:"), "{ctx}: {html}");
            for sc in ["[caption", "[gallery", "[embed", "[/caption]"] {
                assert!(!html.contains(sc), "{ctx}: {sc} in {html}");
            }
            assert!(!html.contains(MARK) && !html.contains(END) && !html.contains(TAG_NL));
            assert!(
                !html.contains("<p><div") && !html.contains("</div></p>"),
                "{ctx}: {html}"
            );
            assert!(
                !html.contains("</li><br />") && !html.contains("<p><li"),
                "{ctx}: {html}"
            );
            count += 1;
        }
    }
    assert!(count > 100, "{count} posts");
}

#[test]
fn names_used_as_shortcodes() {
    let used =
        UsedNames::scan("[a x=1] [b /] [c/] [/d] [e] [f: g = h] [i  k = 'v'] [l=1] [m] x [/m ]");
    let mut names: Vec<&str> = ["a", "b", "c", "d", "e", "f", "i", "l", "m"]
        .into_iter()
        .filter(|n| used.contains(n))
        .collect();
    names.sort();
    assert_eq!(names, ["a", "b", "c", "d", "i"]);
}
