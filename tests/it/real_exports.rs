//! Shapes of markup seen in real WordPress exports that came out wrong: each test cleans the
//! markup, and cleans the resulting HTML again, and checks both.

use wpclean::{Article, Extractor, Options, Post};

const LINK: &str = "https://example.com/post/";

fn extract(html: &str) -> Article {
    let extractor = Extractor::new(&Options::default()).unwrap();
    extractor.extract(&Post::from_html(html, Some(LINK)))
}

/// The article, and the article of its own cleaned HTML.
fn twice(html: &str) -> (Article, Article) {
    let first = extract(html);
    let second = extract(&first.html);
    (first, second)
}

#[test]
fn a_space_only_inline_spacer_keeps_the_words_apart() {
    // Text pasted from Word: a span holding only a space between two words.
    let (a, again) = twice("<p>Es mi opinión<span> </span>es buena.</p>");
    assert_eq!(a.text, "Es mi opinión es buena.");
    assert_eq!(a.html, "<p>Es mi opinión es buena.</p>");
    assert_eq!(again.text, a.text);
    // No-break spaces are spaces too.
    let a = extract("<p>uno<span>&nbsp;</span>dos <em> </em>tres</p>");
    assert_eq!(a.text, "uno dos tres");
}

#[test]
fn a_pre_in_a_table_cell_stays_in_the_cell() {
    let (a, again) = twice(
        "<table><tr><th>Command</th></tr><tr><td><pre>wp plugin list</pre></td></tr></table>",
    );
    assert_eq!(a.tables.len(), 1);
    assert_eq!(a.tables[0].rows, [["wp plugin list"]]);
    assert_eq!(again.tables[0].rows, a.tables[0].rows);
    assert!(!a.markdown.contains("```"), "{}", a.markdown);
}

#[test]
fn strike_through_survives_a_second_pass() {
    let (a, again) = twice("<p>Price: <strike>$20</strike> $15</p>");
    assert_eq!(a.markdown, "Price: ~~$20~~ $15");
    assert_eq!(again.markdown, a.markdown);
    assert_eq!(again.html, a.html);
}

#[test]
fn a_formula_split_by_line_breaks_does_not_leak_into_the_text() {
    // wpautop turns the newlines inside a formula into `<br>`, which ends MathML for an HTML
    // parser: the rest of the formula is parsed as unknown HTML elements.
    let (a, again) = twice(
        "<p>The area is <math><mi>A</mi><br />\n<mo>=</mo><mi>r</mi><msup><mi>π</mi><mn>2</mn></msup></math> in all cases.</p>",
    );
    for t in [&a.text, &again.text] {
        assert!(!t.contains('='), "{t:?}");
        assert!(!t.contains('π'), "{t:?}");
        assert!(t.starts_with("The area is"), "{t:?}");
        assert!(t.ends_with("in all cases."), "{t:?}");
    }
}

#[test]
fn a_table_in_a_button_in_a_paragraph_reads_back_as_written() {
    // A button's scope hides the paragraph from the table; unwrapping the button (a question
    // in a heading) must not leave a table in a paragraph, which HTML cannot say.
    let (a, again) = twice("<h2 id=\"h\"><p><button><table><tr><td>cell</td></tr></table>");
    assert_eq!(again.html, a.html);
    assert_eq!(again.text, a.text);
}
