//! Limits that keep one hostile post from costing the whole run. The size of the HTML is a
//! byte cut before parsing; nesting and element counts are the parser's own, checked by our
//! tree sink as it attaches each element, and the parser is stopped where one is exceeded
//! (html5ever slows down quadratically on very deep nesting, so it must never read the rest:
//! see [`crate::dom::sink`]).

use serde::{Deserialize, Serialize};

use crate::dom::bounds::{Bounds, Cut, Over};

/// Size and shape limits. Content over a limit is cut where the limit is reached, and the
/// article says so in `warnings`; nothing panics or hangs.
///
/// ```
/// let mut options = wpclean::Options::default();
/// options.limits.max_depth = 64;
/// let post = wpclean::Post::from_html("<div>".repeat(1000) + "deep", None);
/// let article = wpclean::Extractor::new(&options)?.extract(&post);
/// assert!(article.warnings.iter().any(|w| w.contains("nesting")));
/// # Ok::<(), wpclean::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Limits {
    /// Largest post JSON read from an export, in bytes (default 64 MiB). A larger post is
    /// skipped with an error.
    pub max_post_bytes: usize,
    /// Largest post HTML cleaned, in bytes (default 16 MiB). Longer content is cut.
    pub max_html_bytes: usize,
    /// Deepest element nesting (default 512), as the HTML parser nests them: a list level is
    /// two (`ul`, `li`), a table four (`table`, the implied `tbody`, `tr`, `td`). Content is
    /// cut where it would go deeper.
    pub max_depth: usize,
    /// Most elements in one post (default 250 000), counting those the parser adds (an
    /// implied `tbody`, formatting it reopens). Content is cut at the next one.
    pub max_elements: usize,
    /// Most cells in one table after expanding row and column spans (default 100 000).
    pub max_table_cells: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_post_bytes: 64 << 20,
            max_html_bytes: 16 << 20,
            max_depth: 512,
            max_elements: 250_000,
            max_table_cells: 100_000,
        }
    }
}

/// The shape limits the parser's sink enforces (see [`crate::dom::sink`]).
pub(crate) fn bounds(limits: &Limits) -> Bounds {
    Bounds {
        max_depth: limits.max_depth,
        max_elements: limits.max_elements,
    }
}

/// Cuts `html` to `max_html_bytes` (at a character boundary); returns the part to clean
/// and, when cut, why.
pub(crate) fn cut_to_size<'a>(html: &'a str, limits: &Limits) -> (&'a str, Option<String>) {
    if html.len() <= limits.max_html_bytes {
        return (html, None);
    }
    let mut cut = limits.max_html_bytes;
    while !html.is_char_boundary(cut) {
        cut -= 1;
    }
    let warning = format!(
        "content of {} bytes cut at byte {cut} (limit max_html_bytes)",
        html.len()
    );
    (&html[..cut], Some(warning))
}

/// The warning for content the parse cut at a shape limit.
pub(crate) fn cut_warning(cut: &Cut, limits: &Limits) -> String {
    let why = match cut.over {
        Over::Depth => format!(
            "nesting deeper than {} elements (limit max_depth)",
            limits.max_depth
        ),
        Over::Elements => format!(
            "more than {} elements (limit max_elements)",
            limits.max_elements
        ),
    };
    let (from, to) = cut.bytes;
    format!(
        "content cut in bytes {from}..{to} (line {}): {why}",
        cut.line
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::sink::{Attrs, parse_fragment_within};
    use crate::dom::tree::{Document, NodeId};

    /// What the parse kept: the deepest element's depth, the number of elements, and the
    /// warning when it was cut.
    fn parse(html: &str, limits: Limits) -> (usize, usize, Option<String>) {
        let (doc, cut) = parse_fragment_within(html, Attrs::Needed, bounds(&limits));
        let content = doc.first_child(NodeId::ROOT).expect("the <html> element");
        let (mut deepest, mut elements) = (0, 0);
        for id in doc.descendants(content) {
            if doc.element(id).is_some() {
                elements += 1;
                deepest = deepest.max(depth(&doc, content, id));
            }
        }
        (deepest, elements, cut.map(|c| cut_warning(&c, &limits)))
    }

    fn depth(doc: &Document, content: NodeId, id: NodeId) -> usize {
        std::iter::successors(Some(id), |&p| doc.parent(p))
            .take_while(|&p| p != content)
            .count()
    }

    #[test]
    fn ordinary_content_passes() {
        let html =
            "<div><p>a<p>b<ul><li>x<li>y</ul><img src=x><br/><script>if (a<b) {}</script></div>";
        assert_eq!(parse(html, Limits::default()), (3, 9, None));
        // Unclosed paragraphs and list items do not nest.
        let html = "<p>x".repeat(10_000);
        assert_eq!(parse(&html, Limits::default()), (1, 10_000, None));
    }

    #[test]
    fn deep_nesting_is_cut_where_it_goes_too_deep() {
        let html = "<div>".repeat(600);
        let (deepest, elements, warning) = parse(&html, Limits::default());
        assert_eq!((deepest, elements), (512, 512));
        let warning = warning.expect("a warning");
        // The 513th div.
        assert_eq!(
            warning,
            "content cut in bytes 2560..2565 (line 1): nesting deeper than 512 elements \
             (limit max_depth)"
        );
        // The tree builder's slowest case: nothing past the cut is parsed.
        let html = "<b>".repeat(100_000);
        assert_eq!(parse(&html, Limits::default()).0, 512);
        // One div a line: the line break before the 513th is left out, on line 512.
        let html = "<div>\n".repeat(1000);
        let (_, _, warning) = parse(&html, Limits::default());
        assert_eq!(
            warning.as_deref(),
            Some(
                "content cut in bytes 3072..3077 (line 513): nesting deeper than 512 elements \
                 (limit max_depth)"
            )
        );
    }

    #[test]
    fn nesting_is_the_parser_s_not_the_tags() {
        // End tags of elements that are not open close nothing: the parser nests every div
        // (a count of tags would see no nesting at all).
        let html = "<div></i>".repeat(2_000);
        let (deepest, _, warning) = parse(&html, Limits::default());
        assert_eq!(deepest, 512);
        assert!(warning.unwrap().contains("nesting deeper than 512"));
        // Links close the link before them: a thousand start tags, no nesting.
        let html = "<a href=x>link ".repeat(1_000);
        assert_eq!(parse(&html, Limits::default()), (1, 1_000, None));
        // Foster parenting: content misplaced in a table is put before it, and nests there.
        let html = format!("<table>{}", "<div>".repeat(1_000));
        let (deepest, _, warning) = parse(&html, Limits::default());
        assert_eq!(deepest, 512);
        assert!(warning.is_some());
        // The adoption agency rebuilds misnested formatting: each round nests deeper.
        let html = "<b><div></b>x".repeat(2_000);
        let (deepest, _, warning) = parse(&html, Limits::default());
        assert!(deepest <= 513, "{deepest}");
        assert!(warning.is_some());
        // Inside a template (whose contents are never attached) just the same.
        let html = format!("<template>{}", "<div>".repeat(1_000));
        let (_, _, warning) = parse(&html, Limits::default());
        assert!(warning.unwrap().contains("limit max_depth"));
    }

    #[test]
    fn element_and_size_limits() {
        let limits = Limits {
            max_elements: 10,
            ..Limits::default()
        };
        let html = "<br>".repeat(20);
        let (_, elements, warning) = parse(&html, limits);
        assert_eq!(elements, 10);
        assert!(
            warning
                .unwrap()
                .contains("more than 10 elements (limit max_elements)")
        );
        let limits = Limits {
            max_html_bytes: 5,
            ..Limits::default()
        };
        let (kept, warning) = cut_to_size("héllo world", &limits);
        assert_eq!(kept, "héll");
        assert_eq!(
            warning.as_deref(),
            Some("content of 12 bytes cut at byte 5 (limit max_html_bytes)")
        );
    }

    #[test]
    fn comments_and_raw_text_hide_tags() {
        let html = format!(
            "<!--{}--><style>{}</style><textarea>{}</textarea><p>ok",
            "<div>".repeat(1000),
            "<div>".repeat(1000),
            "<div>".repeat(1000)
        );
        assert_eq!(parse(&html, Limits::default()), (1, 3, None));
    }
}
