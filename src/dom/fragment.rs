//! A subtree carried from one thread to another: a saved page is parsed and its post
//! located on one worker, and the post is cleaned later, perhaps on another. html5ever's
//! strings (tendrils) count their references without atomics, so a [`Document`] may not
//! cross threads; a [`Fragment`] holds the same nodes with plain strings and becomes a
//! document again where it is cleaned, without the post's HTML being parsed a second time.

use std::borrow::Cow;
use std::ops::Range;

use tendril::StrTendril;

use super::Tag;
use super::sink::{Attrs, kept_attr};
use super::tree::{Attr, Data, Document, Element, NodeId, Ns};
use super::walk::{Step, Walk};

/// `s` with its carriage returns as the parser reads them in written HTML (a CR LF pair or
/// a lone CR is a line feed: a `&#13;` in the page made a CR the writer writes as is),
/// appended to `to`; the range of `to` it took.
fn push_newlines(to: &mut String, s: &str) -> Range<u32> {
    let start = to.len();
    if s.contains('\r') {
        to.push_str(&s.replace("\r\n", "\n").replace('\r', "\n"));
    } else {
        to.push_str(s);
    }
    span(start, to.len())
}

fn span(start: usize, end: usize) -> Range<u32> {
    let at = |i| u32::try_from(i).expect("a fragment under 4 GiB");
    at(start)..at(end)
}

/// One node of a [`Fragment`], in document order, with the index of its parent (0 is the
/// fragment's `<html>` element). Strings are ranges of the fragment's one text buffer.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Element {
        parent: u32,
        tag: Tag,
        ns: Ns,
        /// Its attributes, a range of the fragment's list of them.
        attrs: Range<u32>,
    },
    Text {
        parent: u32,
        text: Range<u32>,
    },
}

/// An attribute of a [`Fragment`]'s element.
#[derive(Debug, Clone, PartialEq)]
struct FragmentAttr {
    /// One of the names the tree spells with a `'static` string, or a range of the text.
    name: Result<&'static str, Range<u32>>,
    value: Range<u32>,
}

/// The content of an element as a fragment that may cross threads: see the module's
/// documentation. Its strings are in one buffer, its attributes in one list: carrying a
/// page's post costs a few allocations, not one per string.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Fragment {
    nodes: Vec<Node>,
    attrs: Vec<FragmentAttr>,
    text: String,
}

impl Fragment {
    /// The content of `from` in `doc`, as [`parse_fragment`](super::sink::parse_fragment)
    /// would give the HTML the writer makes of it: adjacent text (left apart by a removal)
    /// is joined as a parser joins it, and comments, which the writer leaves out, are not
    /// taken; nor template contents and processing instructions, never linked. `written` is
    /// the length of that HTML, which its strings never exceed: room is made for them at once.
    pub fn of(doc: &Document, from: NodeId, written: usize) -> Fragment {
        let mut f = Fragment {
            // Room for a node per 50 bytes of HTML and an attribute per 100; more is grown.
            nodes: Vec::with_capacity(written / 50),
            attrs: Vec::with_capacity(written / 100),
            text: String::with_capacity(written),
        };
        // The fragment index of each open element, the `<html>` element (0) at the bottom.
        let mut open: Vec<u32> = vec![0];
        let mut walk = Walk::nodes(from);
        while let Some(step) = walk.next(doc) {
            let parent = *open.last().expect("the <html> element stays open");
            match step {
                Step::Enter(n) => match &doc.node(n).data {
                    Data::Element(e) => {
                        let first = f.attrs.len();
                        for a in &e.attrs {
                            let name = match &a.name {
                                Cow::Borrowed(name) => Ok(*name),
                                Cow::Owned(name) => {
                                    let start = f.text.len();
                                    f.text.push_str(name);
                                    Err(span(start, f.text.len()))
                                }
                            };
                            let value = push_newlines(&mut f.text, &a.value);
                            f.attrs.push(FragmentAttr { name, value });
                        }
                        f.nodes.push(Node::Element {
                            parent,
                            tag: e.tag.clone(),
                            ns: e.ns,
                            attrs: span(first, f.attrs.len()),
                        });
                        open.push(u32::try_from(f.nodes.len()).expect("fewer than u32::MAX nodes"));
                    }
                    Data::Text(t) => {
                        let text = push_newlines(&mut f.text, t);
                        match f.nodes.last_mut() {
                            // Joined to the text just before it in the same parent (whose
                            // range ends where this one starts: nothing came in between).
                            Some(Node::Text {
                                parent: p,
                                text: before,
                            }) if *p == parent => {
                                before.end = text.end;
                            }
                            _ => f.nodes.push(Node::Text { parent, text }),
                        }
                    }
                    Data::Comment(_) | Data::Document | Data::Detached => {}
                },
                Step::Leave(_) => {
                    open.pop();
                }
            }
        }
        f
    }

    /// The fragment as a document whose root holds one `<html>` element holding the
    /// content, with the attributes a parse keeping `attrs` keeps.
    pub fn into_document(self, attrs: Attrs) -> Document {
        let text = |r: &Range<u32>| &self.text[r.start as usize..r.end as usize];
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
        for node in &self.nodes {
            match node {
                Node::Element {
                    parent,
                    tag,
                    ns,
                    attrs: range,
                } => {
                    let list = &self.attrs[range.start as usize..range.end as usize];
                    let mut kept: Vec<Attr> = Vec::with_capacity(list.len());
                    for a in list {
                        let name = match &a.name {
                            Ok(n) => kept_attr(n, attrs).map(|_| Cow::Borrowed(*n)),
                            Err(n) => kept_attr(text(n), attrs),
                        };
                        if let Some(name) = name {
                            let value = StrTendril::from_slice(text(&a.value));
                            kept.push(Attr { name, value });
                        }
                    }
                    let id = doc.push(Data::Element(Element {
                        tag: tag.clone(),
                        ns: *ns,
                        attrs: kept,
                    }));
                    doc.append(ids[*parent as usize], id);
                    ids.push(id);
                }
                Node::Text {
                    parent,
                    text: range,
                } => {
                    doc.append_text(ids[*parent as usize], StrTendril::from_slice(text(range)));
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
            let carried = Fragment::of(&doc, content(&doc), 0).into_document(attrs);
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
        let carried = Fragment::of(&doc, root, 0).into_document(Attrs::All);
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
