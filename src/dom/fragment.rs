//! A subtree carried from one thread to another: a saved page is parsed and its post
//! located on one worker, and the post is cleaned later, perhaps on another. html5ever's
//! strings (tendrils) count their references without atomics, so a [`Document`] may not
//! cross threads; a [`Fragment`] holds the same nodes with plain strings and becomes a
//! document again where it is cleaned, without the post's HTML being parsed a second time.

use std::borrow::Cow;

use tendril::StrTendril;

use super::Tag;
use super::sink::{Attrs, kept_attr};
use super::tree::{Attr, Data, Document, Element, NodeId, Ns};
use super::walk::{Step, Walk};

/// `s` with its carriage returns as the parser reads them in written HTML: a CR LF pair or
/// a lone CR is a line feed (a `&#13;` in the page made a CR the writer writes as is).
fn newlines(s: &str) -> Cow<'_, str> {
    if s.contains('\r') {
        Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(s)
    }
}

/// One node of a [`Fragment`], in document order, with the index of its parent (0 is the
/// fragment's `<html>` element).
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Element {
        parent: u32,
        tag: Tag,
        ns: Ns,
        attrs: Vec<(Cow<'static, str>, String)>,
    },
    Text {
        parent: u32,
        text: String,
    },
}

/// The content of an element as a fragment that may cross threads: see the module's
/// documentation.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Fragment {
    nodes: Vec<Node>,
}

impl Fragment {
    /// The content of `from` in `doc`, as [`parse_fragment`](super::sink::parse_fragment)
    /// would give the HTML the writer makes of it: adjacent text (left apart by a removal)
    /// is joined as a parser joins it, and comments, which the writer leaves out, are not
    /// taken; nor template contents and processing instructions, never linked.
    pub fn of(doc: &Document, from: NodeId) -> Fragment {
        let mut nodes = Vec::new();
        // The fragment index of each open element, the `<html>` element (0) at the bottom.
        let mut open: Vec<u32> = vec![0];
        let mut walk = Walk::nodes(from);
        while let Some(step) = walk.next(doc) {
            let parent = *open.last().expect("the <html> element stays open");
            match step {
                Step::Enter(n) => match &doc.node(n).data {
                    Data::Element(e) => {
                        nodes.push(Node::Element {
                            parent,
                            tag: e.tag.clone(),
                            ns: e.ns,
                            attrs: e
                                .attrs
                                .iter()
                                .map(|a| (a.name.clone(), newlines(&a.value).into_owned()))
                                .collect(),
                        });
                        open.push(u32::try_from(nodes.len()).expect("fewer than u32::MAX nodes"));
                    }
                    Data::Text(t) => match nodes.last_mut() {
                        // Joined to the text just before it in the same parent.
                        Some(Node::Text { parent: p, text }) if *p == parent => {
                            text.push_str(&newlines(t));
                        }
                        _ => nodes.push(Node::Text {
                            parent,
                            text: newlines(t).into_owned(),
                        }),
                    },
                    Data::Comment(_) | Data::Document | Data::Detached => {}
                },
                Step::Leave(_) => {
                    open.pop();
                }
            }
        }
        Fragment { nodes }
    }

    /// The fragment as a document whose root holds one `<html>` element holding the
    /// content, with the attributes a parse keeping `attrs` keeps.
    pub fn into_document(self, attrs: Attrs) -> Document {
        let mut doc = Document::with_capacity(self.nodes.len() + 2);
        let html = doc.push(Data::Element(Element {
            tag: Tag::Html,
            ns: Ns::Html,
            attrs: Vec::new(),
        }));
        doc.append(NodeId::ROOT, html);
        // The document's id of each fragment node (by its index + 1), the `<html>` element
        // first.
        let mut ids: Vec<NodeId> = Vec::with_capacity(self.nodes.len() + 1);
        ids.push(html);
        for node in self.nodes {
            match node {
                Node::Element {
                    parent,
                    tag,
                    ns,
                    attrs: list,
                } => {
                    let mut kept: Vec<Attr> = list
                        .into_iter()
                        .filter_map(|(name, value)| {
                            let name = match name {
                                Cow::Borrowed(n) => kept_attr(n, attrs).map(|_| Cow::Borrowed(n)),
                                Cow::Owned(n) => kept_attr(&n, attrs),
                            }?;
                            Some(Attr {
                                name,
                                value: StrTendril::from_slice(&value),
                            })
                        })
                        .collect();
                    kept.shrink_to_fit();
                    let id = doc.push(Data::Element(Element {
                        tag,
                        ns,
                        attrs: kept,
                    }));
                    doc.append(ids[parent as usize], id);
                    ids.push(id);
                }
                Node::Text { parent, text } => {
                    doc.append_text(ids[parent as usize], StrTendril::from_slice(&text));
                    // Text is never a parent: its place only keeps the indices in step.
                    ids.push(NodeId::ROOT);
                }
            }
        }
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::bounds::Bounds;
    use crate::dom::sink::{parse_document_within, parse_fragment};
    use crate::dom::write::write_html;

    fn written(doc: &Document) -> String {
        let root = doc.first_child(NodeId::ROOT).unwrap();
        let mut s = String::new();
        write_html(doc, root, &mut s);
        s
    }

    fn content(doc: &Document) -> NodeId {
        doc.descendants(NodeId::ROOT)
            .find(|&n| doc.element(n).is_some_and(|e| e.has_class("entry-content")))
            .unwrap()
    }

    #[test]
    fn a_fragment_is_the_parse_of_its_written_html() {
        let page = "<!DOCTYPE html><body><nav>menu</nav><article><div class=\"entry-content\">\
                    <p>One <b data-x=\"1\">two</b> three<!-- note -->&#13;&#13;\n.</p><ul><li>a<li>b</ul>\
                    <table><tr><td>x</td></tr></table><svg><path d=\"M0\"/></svg>\
                    <img src=\"i.png\" alt=\"\" data-src=\"j.png\"></div></article>";
        let doc = parse_document_within(page, Attrs::All, Bounds::NONE).0;
        let mut html = String::new();
        write_html(&doc, content(&doc), &mut html);
        for attrs in [Attrs::Needed, Attrs::All] {
            let parsed = parse_fragment(&html, attrs);
            let carried = Fragment::of(&doc, content(&doc)).into_document(attrs);
            assert_eq!(written(&carried), written(&parsed));
            assert_eq!(carried.outline(NodeId::ROOT), parsed.outline(NodeId::ROOT));
        }
    }

    #[test]
    fn text_left_apart_by_a_removal_is_joined() {
        let mut doc = parse_fragment("<p>left <span>cut</span> right</p>", Attrs::All);
        let p = doc
            .descendants(NodeId::ROOT)
            .find(|&n| doc.element(n).is_some_and(|e| e.tag == Tag::P))
            .unwrap();
        let span = doc.children(p).find(|&c| doc.element(c).is_some()).unwrap();
        doc.detach(span);
        let root = doc.first_child(NodeId::ROOT).unwrap();
        let carried = Fragment::of(&doc, root).into_document(Attrs::All);
        let html = carried.first_child(NodeId::ROOT).unwrap();
        let p = carried.first_child(html).unwrap();
        assert_eq!(carried.children(p).count(), 1);
    }

    #[test]
    fn a_fragment_may_cross_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Fragment>();
    }
}
