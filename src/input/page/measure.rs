//! How much of a saved page's text each element holds, with the page's furniture (scripts,
//! navigation, sidebars, comment threads, footers…) left out: what the post's container is
//! checked against, and what the fallback scorer ranks.

use crate::dom::Tag;
use crate::dom::tree::{Data, Document, NodeId};

/// Per-node sizes, in characters that are not white space.
pub(crate) struct PageMeasure {
    /// All text in the subtree.
    pub text: Vec<u32>,
    /// Text inside links.
    pub links: Vec<u32>,
    /// Text in paragraph-like blocks (`p`, `li`, `td`, `blockquote`, subheadings…), links
    /// excluded: what an article is made of.
    pub paras: Vec<u32>,
    /// Whether the node is page furniture (or inside it): never the article.
    pub furniture: Vec<bool>,
}

impl PageMeasure {
    /// Measures every node of `doc`.
    pub(crate) fn of(doc: &Document) -> PageMeasure {
        let n = doc.len();
        let mut m = PageMeasure {
            text: vec![0; n],
            links: vec![0; n],
            paras: vec![0; n],
            furniture: vec![false; n],
        };
        let mut order = Vec::with_capacity(n);
        let mut walk = doc.descendants(NodeId::ROOT);
        while let Some(id) = walk.next() {
            if let Some(el) = doc.element(id)
                && is_furniture(el)
            {
                m.furniture[id.index()] = true;
                walk.skip_children(id);
                continue;
            }
            order.push(id);
        }
        for &id in order.iter().rev() {
            let i = id.index();
            match &doc.node(id).data {
                Data::Text(t) => {
                    m.text[i] = visible_chars(t);
                    // A long run of text outside any paragraph (`div` and `<br>` layouts)
                    // is article text too; inside a paragraph, the paragraph counts it.
                    if m.text[i] >= LONG_TEXT {
                        m.paras[i] = m.text[i];
                    }
                }
                Data::Element(el) => {
                    if el.tag == Tag::A {
                        m.links[i] = m.text[i];
                    }
                    if is_paragraph(&el.tag) {
                        m.paras[i] = m.text[i].saturating_sub(m.links[i]);
                    }
                }
                _ => {}
            }
            if let Some(p) = doc.parent(id) {
                let p = p.index();
                m.text[p] += m.text[i];
                m.links[p] += m.links[i];
                m.paras[p] += m.paras[i];
            }
        }
        m
    }
}

/// The characters of `text` that are not white space. ASCII text, most of a page's, is
/// counted a byte at a time without decoding characters.
fn visible_chars(text: &str) -> u32 {
    let count = if text.is_ascii() {
        text.bytes()
            .filter(|b| !b.is_ascii_whitespace() && *b != 0x0B)
            .count()
    } else {
        text.chars().filter(|c| !c.is_whitespace()).count()
    };
    count as u32
}

/// Characters that make a text node article text wherever it stands.
const LONG_TEXT: u32 = 80;

/// Elements whose text is what articles are made of.
pub(crate) fn is_paragraph(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::P
            | Tag::Pre
            | Tag::Blockquote
            | Tag::Li
            | Tag::Td
            | Tag::Dd
            | Tag::H2
            | Tag::H3
            | Tag::H4
            | Tag::H5
            | Tag::H6
            | Tag::Figcaption
    )
}

/// Whether `name` (a class word or an id) names the page's furniture around the post, as a
/// whole word (a class that merely contains one of these words, `has-sidebar` on a layout
/// wrapper, is not furniture); the [page parts](is_page_part) are furniture too. A `match`,
/// which the compiler dispatches on the length first: this runs for every class word of
/// every element of a page.
fn furniture_name(name: &str) -> bool {
    matches!(
        name,
        "sidebar"
            | "widget-area"
            | "footer-widgets"
            | "secondary"
            | "site-header"
            | "site-footer"
            | "masthead"
            | "colophon"
            | "breadcrumbs"
            | "breadcrumb"
            | "yoast-breadcrumbs"
            | "rank-math-breadcrumb"
            | "navigation"
            | "cookie-notice"
            | "cookie-law-info-bar"
            | "cmplz-cookiebanner",
    )
}

/// Whether an element inside a post's content is one of the parts only pages hold (a
/// comment thread, post navigation, share and related-post boxes, a skip link), by a whole
/// class or id.
pub(crate) fn is_page_part(el: &crate::dom::tree::Element) -> bool {
    names(el).any(page_part_name)
}

/// Whether `name` names one of the [page parts](is_page_part).
fn page_part_name(name: &str) -> bool {
    matches!(
        name,
        "comments"
            | "comments-area"
            | "comment-list"
            | "commentlist"
            | "comment-respond"
            | "respond"
            | "wpdiscuz_top_clearing"
            | "wpd-thread-wrapper"
            | "wp-block-comments"
            | "post-navigation"
            | "nav-links"
            | "related-posts"
            | "jp-relatedposts"
            | "yarpp-related"
            | "sharedaddy"
            | "skip-link",
    )
}

/// An element's class words and the words of its id.
fn names(el: &crate::dom::tree::Element) -> impl Iterator<Item = &str> {
    let words = |name| el.attr(name).unwrap_or("").split_ascii_whitespace();
    words("class").chain(words("id"))
}

/// Whether an element is page furniture, by its tag, role or a whole class or id.
fn is_furniture(el: &crate::dom::tree::Element) -> bool {
    let by_tag = matches!(
        el.tag,
        Tag::Script
            | Tag::Style
            | Tag::Noscript
            | Tag::Template
            | Tag::Head
            | Tag::Nav
            | Tag::Aside
            | Tag::Footer
            | Tag::Header
            | Tag::Form
            | Tag::Iframe
            | Tag::Select
            | Tag::Textarea
            | Tag::Button
            | Tag::Svg
    );
    if by_tag {
        return true;
    }
    if let Some(role) = el.attr("role")
        && matches!(
            role,
            "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "dialog"
        )
    {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    names(el).any(|name| page_part_name(name) || furniture_name(name))
}

#[cfg(test)]
mod tests {
    #[test]
    fn visible_characters_are_counted_as_char_is_whitespace_counts_them() {
        for text in [
            "",
            " a\tb\nc\x0Bd\x0Ce\rf \x1C",
            "caf\u{e9} \u{a0}x\u{3000}y\u{2028}",
            "\u{85}z",
        ] {
            let expected = text.chars().filter(|c| !c.is_whitespace()).count() as u32;
            assert_eq!(super::visible_chars(text), expected, "{text:?}");
        }
    }
}
