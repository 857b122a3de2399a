//! Our tree: [`tree::Document`], an arena built by html5ever through [`sink`] (the one
//! module that names the parser's types), put in canonical form by [`canon`] (a shape that
//! reads back as itself), edited in place by cleaning, walked by extraction and written by
//! [`write`](mod@write), which decides nothing.

pub(crate) mod bounds;
pub(crate) mod canon;
pub(crate) mod select;
pub(crate) mod sink;
pub(crate) mod tag;
pub(crate) mod tree;
pub(crate) mod write;

pub(crate) use tag::Tag;

/// HTML elements that start a new block of text.
pub(crate) fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "figcaption"
            | "figure"
            | "footer"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "caption"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "ul"
            | "video"
            | "audio"
            | "iframe"
            | "picture"
            | "object"
            | "embed"
            | "canvas"
    )
}

/// Elements that are content even without text (an image, a video…): a wrapper holding
/// one is not empty.
pub(crate) fn is_content_element(tag: &str) -> bool {
    matches!(tag, "img" | "iframe" | "video" | "audio" | "hr")
}

pub(crate) fn may_drop_when_empty(tag: &str) -> bool {
    !matches!(
        tag,
        "td" | "th"
            | "tr"
            | "thead"
            | "tbody"
            | "tfoot"
            | "col"
            | "colgroup"
            | "caption"
            | "br"
            | "wbr"
            | "img"
            | "hr"
            | "iframe"
            | "video"
            | "audio"
            | "source"
            | "track"
            | "embed"
            | "object"
            | "canvas"
            | "math"
            | "area"
    )
}

/// Elements that have no children (no closing tag when serialised).
pub(crate) fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// The heading level of `h1`…`h6`.
pub(crate) fn heading_level(tag: &str) -> Option<u8> {
    match tag {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Whether writing `<tag>` inside the open elements `written` (outermost first) would not
/// read back as written: HTML cannot say a heading in a heading, a block or paragraph in a
/// paragraph, a link in a link, or a list item directly in a list item, so a parser closes
/// the outer element first. The canonical form ([`canon`]) leaves such an inner element out
/// (unwraps it); a table in a paragraph leaves the paragraph out instead.
pub(crate) fn would_not_reparse(tag: &str, written: &[Tag]) -> bool {
    let open = |t: &str| written.iter().any(|w| &**w == t);
    let in_p = || open("p");
    if heading_level(tag).is_some() {
        return written.iter().any(|w| heading_level(w).is_some()) || in_p();
    }
    // The nearest open element among `among`.
    let nearest = |among: &[&str]| {
        written
            .iter()
            .rev()
            .find(|w| among.contains(&&***w))
            .map(|w| &**w)
    };
    match tag {
        "a" => open("a"),
        "p" => in_p(),
        // A list item directly in a list item (no list between) closes the first.
        "li" => nearest(&["ul", "ol", "menu", "li"]) == Some("li") || in_p(),
        "dt" | "dd" => matches!(nearest(&["dl", "dt", "dd"]), Some("dt" | "dd")) || in_p(),
        // A table in a paragraph closes it too (the fragment parser is in no-quirks mode);
        // one gets there only through a button, whose scope hides the paragraph.
        t if is_block(t)
            && !matches!(
                t,
                "li" | "dd" | "dt" | "tr" | "td" | "th" | "thead" | "tbody" | "tfoot" | "caption"
            ) =>
        {
            in_p()
        }
        _ => false,
    }
}

/// Text that a reader would see (not only spaces, no-break spaces, soft hyphens, zero-width).
pub(crate) fn has_visible_text(s: &str) -> bool {
    s.chars().any(|c| !(c.is_whitespace() || is_invisible(c)))
}

/// Soft hyphens and zero-width characters: never shown, dropped from text.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}'
    )
}
