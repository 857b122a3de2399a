//! The canonical form of an output tree: a shape that HTML can say, so that writing it and
//! parsing the result gives the same tree back (property P1, tested below).
//!
//! Three walks, each finishing its decisions before the next:
//! 1. shape, in document order: an element HTML cannot hold where it is (a heading in a
//!    heading, a block or a paragraph in a paragraph, a link in a link, a list item straight
//!    in a list item: a parser closes the outer one first) is unwrapped, its children taking
//!    its place; foreign content (`svg`, `math`, whose parsing rules differ and which no
//!    output keeps) and comments are left out;
//! 2. emptiness, children before parents: a wrapper left with nothing to show (no visible
//!    text, no image or other content element) is left out; a block leaves a line break and
//!    an inline element its white space, so that the words on either side stay apart;
//! 3. text: adjacent text merged, empty text removed, as a parser builds it.

use super::edit::LineBreak;
use super::tag::Tag;
use super::tree::{Data, Document, NodeId};
use super::walk::{Step, Walk};
use super::{has_visible_text, would_not_reparse};

/// Puts the content of `root` (the document's root or a container element) in canonical
/// form.
pub(crate) fn canonicalise(doc: &mut Document, root: NodeId) {
    shape_only(doc, root, Foreign::Drop);
    drop_empty(doc, root);
    merge_text(doc, root);
}

/// What [`shape`] does with foreign content (`svg`, `math`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Foreign {
    /// Leaves it out.
    Drop,
    /// Leaves it where it is, not entered (the cleaner's rules remove it and say so).
    Keep,
}

/// Walk 1 (and the shape the cleaner's rules see): unwraps what HTML cannot nest, leaves
/// out comments and, unless asked to keep it, foreign content; adjacent text is merged.
pub(crate) fn shape(doc: &mut Document, root: NodeId, foreign: Foreign) {
    shape_only(doc, root, foreign);
    merge_text(doc, root);
}

fn shape_only(doc: &mut Document, root: NodeId, foreign: Foreign) {
    // The open elements, outermost first, and their tags.
    let mut open: Vec<NodeId> = Vec::new();
    let mut tags: Vec<Tag> = Vec::new();
    let mut walk = Walk::nodes(root);
    while let Some(step) = walk.next(doc) {
        let node = match step {
            Step::Enter(node) => node,
            Step::Leave(node) => {
                if open.last() == Some(&node) {
                    open.pop();
                    tags.pop();
                }
                continue;
            }
        };
        let Data::Element(el) = &doc.node(node).data else {
            if doc.node(node).text().is_none() {
                walk.skip_children(doc);
                doc.detach(node);
            }
            continue;
        };
        let tag = el.tag.clone();
        if tag == Tag::Table
            && would_not_reparse(&tag, &tags)
            && let Some(k) = tags.iter().rposition(|t| *t == Tag::P)
        {
            // A table in a paragraph (through a button's scope, the button since left out)
            // closes the paragraph: the paragraph is left out instead of the table, its
            // content taking its place, and the table is visited again.
            let p = open[k];
            while let Some(c) = doc.first_child(p) {
                doc.insert_before(p, c);
            }
            doc.detach(p);
            open.remove(k);
            tags.remove(k);
            walk.goto(node);
            continue;
        }
        if matches!(tag, Tag::Svg | Tag::Math) {
            walk.skip_children(doc);
            if foreign == Foreign::Drop {
                doc.detach(node);
            }
        } else if would_not_reparse(&tag, &tags) {
            // Its children are visited next, in the same context.
            match doc.first_child(node) {
                Some(first) => walk.goto(first),
                None => walk.skip_children(doc),
            }
            while let Some(c) = doc.first_child(node) {
                doc.insert_before(node, c);
            }
            doc.detach(node);
        } else if tag.is_void() {
            walk.skip_children(doc);
            while let Some(c) = doc.first_child(node) {
                doc.detach(c);
            }
        } else {
            open.push(node);
            tags.push(tag);
        }
    }
}

/// Walk 2: leaves out wrappers with nothing to show, innermost first.
fn drop_empty(doc: &mut Document, root: NodeId) {
    // Open elements and whether something visible is inside each.
    let mut open: Vec<(NodeId, Tag, bool)> = Vec::new();
    let mut walk = Walk::nodes(root);
    while let Some(step) = walk.next(doc) {
        let node = match step {
            Step::Enter(node) => node,
            Step::Leave(node) => {
                if open.last().is_some_and(|o| o.0 == node) {
                    leave_element(doc, &mut open);
                }
                continue;
            }
        };
        let shows = match &doc.node(node).data {
            Data::Text(t) => has_visible_text(t),
            Data::Element(el) if !el.tag.is_void() => {
                // An iframe, a video… shows even with nothing inside.
                open.push((node, el.tag.clone(), el.tag.shows_when_empty()));
                continue;
            }
            Data::Element(el) => {
                walk.skip_children(doc);
                el.tag.shows_when_empty()
            }
            _ => false,
        };
        if shows && let Some(outer) = open.last_mut() {
            outer.2 = true;
        }
    }
}

/// Closes the innermost open element of [`drop_empty`]: what shows inside it shows in the
/// element around it; if nothing does, it is left out (when it may be).
fn leave_element(doc: &mut Document, open: &mut Vec<(NodeId, Tag, bool)>) {
    let Some((done, tag, shows)) = open.pop() else {
        return;
    };
    if shows {
        if let Some(outer) = open.last_mut() {
            outer.2 = true;
        }
    } else if tag.may_drop_when_empty() {
        let in_pre = open.iter().any(|o| o.1 == Tag::Pre);
        doc.remove_keeping_break(done, in_pre, LineBreak::UnlessSpaceBefore);
    }
}

/// Walk 3: merges adjacent text and removes empty text, everywhere under `root`. The order
/// of the parents does not matter, so this is a work list rather than a [`Walk`]: it reads
/// each child once (a walk passing over text to the next element reads it again).
fn merge_text(doc: &mut Document, root: NodeId) {
    let mut parents = vec![root];
    while let Some(parent) = parents.pop() {
        let mut child = doc.first_child(parent);
        while let Some(c) = child {
            if doc.element(c).is_some() {
                parents.push(c);
                child = doc.next_sibling(c);
                continue;
            }
            // A text node: take in the text nodes after it.
            while let Some(n) = doc
                .next_sibling(c)
                .filter(|&n| doc.node(n).text().is_some())
            {
                let more = doc.node(n).text().cloned().unwrap_or_default();
                doc.detach(n);
                if let Data::Text(t) = &mut doc.node_mut(c).data {
                    t.push_tendril(&more);
                }
            }
            child = doc.next_sibling(c);
            if doc.node(c).text().is_some_and(|t| t.is_empty()) {
                doc.detach(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::sink::{Attrs, parse_fragment};
    use crate::dom::write::write_html;
    use proptest::prelude::*;

    /// The container of a parsed fragment's content (the `<html>` element).
    fn content(doc: &Document) -> NodeId {
        doc.first_child(NodeId::ROOT)
            .expect("a fragment parse has an <html> root")
    }

    /// Parses and canonicalises; returns the tree and its HTML.
    fn canon(html: &str) -> (Document, String) {
        let mut doc = parse_fragment(html, Attrs::Needed);
        let root = content(&doc);
        canonicalise(&mut doc, root);
        let mut out = String::new();
        write_html(&doc, root, &mut out);
        (doc, out)
    }

    #[test]
    fn unwraps_what_html_cannot_nest() {
        let (_, html) = canon("<h2>a<span><h3>b</h3></span></h2><p>c</p>");
        assert_eq!(html, "<h2>a<span>b</span></h2><p>c</p>");
        let (_, html) = canon("<a href=\"/x\">1<span><a href=\"/y\">2</a></span></a>");
        // The parser already splits nested links; what it builds is kept.
        assert!(!html.contains("<a href=\"/x\">1<span><a"), "{html}");
    }

    #[test]
    fn empty_wrappers_leave_a_line_break_where_they_parted_words() {
        let (_, html) = canon("one<div> </div>two <div><span></span></div>three");
        assert_eq!(html, "one\ntwo three");
        let (_, html) = canon("<p>x<span></span>y</p><p>&nbsp;</p><pre>a<div></div>b</pre>");
        let (_, spaced) = canon("<p>x<span> </span>y<b><i>\u{a0}</i></b>z</p>");
        assert_eq!(spaced, "<p>x y&nbsp;z</p>");
        // A no-break space shows nothing either.
        assert_eq!(html, "<p>xy</p>\n<pre>ab</pre>");
        let (_, html) = canon("<table><tr><td></td></tr></table><p><img src=\"i.png\"></p>");
        // Cells are kept empty, but a table with nothing to show goes.
        assert_eq!(html, "\n<p><img src=\"i.png\"></p>");
        let (_, html) =
            canon("<div><div><iframe src=\"https://v.example/e\"></iframe></div></div>");
        assert_eq!(
            html,
            "<div><div><iframe src=\"https://v.example/e\"></iframe></div></div>"
        );
        let (_, html) = canon("<table><tr><td></td><td>x</td></tr></table>");
        assert_eq!(
            html,
            "<table><tbody><tr><td></td><td>x</td></tr></tbody></table>"
        );
    }

    #[test]
    fn foreign_content_and_comments_are_left_out() {
        let (_, html) = canon("a<svg><text>t</text></svg><!-- c -->b<math><mi>x</mi></math>");
        assert_eq!(html, "ab");
    }

    /// Tag soup: fragments of markup the cleaner meets, in any order and nesting.
    fn soup() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("<div class=\"c\">".to_string()),
            Just("</div>".to_string()),
            Just("<h2>".to_string()),
            Just("<h3 id=\"h\">".to_string()),
            Just("</h2>".to_string()),
            Just("<span>".to_string()),
            Just("</span>".to_string()),
            Just("<a href=\"/x\">".to_string()),
            Just("</a>".to_string()),
            Just("<ul><li>".to_string()),
            Just("<li>".to_string()),
            Just("</ul>".to_string()),
            Just("<dl><dt>".to_string()),
            Just("<dd>".to_string()),
            Just("<table><tr><td>".to_string()),
            Just("<td>".to_string()),
            Just("</table>".to_string()),
            Just("<pre>\n".to_string()),
            Just("</pre>".to_string()),
            Just("<b>".to_string()),
            Just("</b>".to_string()),
            Just("<em>".to_string()),
            Just("<br>".to_string()),
            Just("<img src=\"i.png\">".to_string()),
            Just("<blockquote>".to_string()),
            Just("<svg><text>".to_string()),
            Just("<math>".to_string()),
            Just("<!--x-->".to_string()),
            Just("<my-widget>".to_string()),
            Just("<script>if (a<b) {}</script>".to_string()),
            Just("&nbsp;".to_string()),
            Just("&amp;<".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            "[a-z]{1,6}",
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// P1: for a canonical tree T, canon(parse(write(T))) == T; and T written is the
        /// HTML that the second round writes.
        #[test]
        fn canonical_trees_reparse_to_themselves(html in soup()) {
            let (doc, written) = canon(&html);
            let (again, rewritten) = canon(&written);
            prop_assert_eq!(
                doc.outline(content(&doc)),
                again.outline(content(&again)),
                "{}", written
            );
            prop_assert_eq!(&written, &rewritten);
            // Canonical already: parsing what was written builds that tree with no change.
            let reparsed = parse_fragment(&written, Attrs::Needed);
            prop_assert_eq!(
                doc.outline(content(&doc)),
                reparsed.outline(content(&reparsed)),
                "{}", written
            );
        }
    }
}
