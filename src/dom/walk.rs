//! One cursor for the walks over a subtree that need to know when an element ends: the
//! writer, the canonical form's walks, the decision pass and the block model's walk.
//!
//! [`Walk`] yields [`Step::Enter`] for each node in document order and, for an element,
//! [`Step::Leave`] once everything inside it has been walked. It keeps no stack: where to go
//! next is read from the tree's links, so walks are iterative (deep nesting costs no stack)
//! and the tree may be edited between steps, within these rules:
//! - after `Enter(n)`, n's content may be edited freely: its children are looked up only
//!   when the walk goes on;
//! - to remove n (or replace it) after `Enter(n)`, call [`Walk::skip_children`] first: the
//!   walk then goes on after n as it stood then (and still yields `Leave(n)`, for an
//!   element);
//! - after `Leave(n)`, n may be removed and text inserted before it: where to go next was
//!   read as `Leave(n)` was yielded;
//! - [`Walk::goto`] makes the walk go on at another node (one an edit put in place of n).

use super::tree::{Document, NodeId};

/// What the walk meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// A node, before its children.
    Enter(NodeId),
    /// An element, after its children (or after [`Walk::skip_children`]); text and comments
    /// have none.
    Leave(NodeId),
}

#[derive(Debug, Clone, Copy)]
enum Next {
    /// The root's first child.
    Start,
    Enter(NodeId),
    /// The children of the node last entered.
    Children(NodeId),
    /// Leave this node, whose children are done (where to go after it is read then).
    Up(NodeId),
    /// Leave the node last entered, its children skipped, then go on as read when skipped.
    Skipped(NodeId, Then),
    Done,
}

/// Where the walk goes after leaving a node, read from the tree before the node may change.
#[derive(Debug, Clone, Copy)]
enum Then {
    /// Enter the next sibling.
    Sibling(NodeId),
    /// Leave the parent.
    Up(NodeId),
    /// The parent is the root: the walk is over.
    Done,
}

/// A cursor over the nodes under a root (the root excluded): see the module's documentation.
#[derive(Debug, Clone)]
pub(crate) struct Walk {
    root: NodeId,
    elements_only: bool,
    next: Next,
}

impl Walk {
    /// Walks every node under `root`.
    pub fn nodes(root: NodeId) -> Walk {
        Walk {
            root,
            elements_only: false,
            next: Next::Start,
        }
    }

    /// Walks only the elements under `root` (text and comments are passed over).
    pub fn elements(root: NodeId) -> Walk {
        Walk {
            elements_only: true,
            ..Walk::nodes(root)
        }
    }

    /// The next step, read from the tree as it is now. Inlined into each walk: a step is a
    /// few loads, cheaper than a call.
    #[inline(always)]
    pub fn next(&mut self, doc: &Document) -> Option<Step> {
        let (step, next) = match self.next {
            Next::Start => match self.first(doc, self.root) {
                Some(c) => (Step::Enter(c), Next::Children(c)),
                None => {
                    self.next = Next::Done;
                    return None;
                }
            },
            Next::Enter(n) => (Step::Enter(n), Next::Children(n)),
            // Text and comments have no content, and no `Leave`.
            Next::Children(n) if !self.elements_only && doc.element(n).is_none() => {
                match self.then(doc, n) {
                    Then::Sibling(s) => (Step::Enter(s), Next::Children(s)),
                    Then::Up(p) => (Step::Leave(p), self.go(self.then(doc, p))),
                    Then::Done => {
                        self.next = Next::Done;
                        return None;
                    }
                }
            }
            Next::Children(n) => match self.first(doc, n) {
                Some(c) => (Step::Enter(c), Next::Children(c)),
                None => (Step::Leave(n), self.go(self.then(doc, n))),
            },
            Next::Up(n) => (Step::Leave(n), self.go(self.then(doc, n))),
            Next::Skipped(n, then) => (Step::Leave(n), self.go(then)),
            Next::Done => return None,
        };
        self.next = next;
        Some(step)
    }

    /// Does not walk the children of the node just entered: `Leave` comes next for it (an
    /// element), and the walk goes on after it as it stands now (so it may be removed after
    /// this call).
    pub fn skip_children(&mut self, doc: &Document) {
        if let Next::Children(n) = self.next {
            let then = self.then(doc, n);
            self.next = if doc.element(n).is_some() {
                Next::Skipped(n, then)
            } else {
                self.go(then)
            };
        }
    }

    /// Goes on at `node` (entered next, then what follows it in the tree): a node an edit
    /// put in place of the one just entered.
    pub fn goto(&mut self, node: NodeId) {
        self.next = Next::Enter(node);
    }

    #[inline(always)]
    fn go(&self, then: Then) -> Next {
        match then {
            Then::Sibling(s) => Next::Enter(s),
            Then::Up(p) => Next::Up(p),
            Then::Done => Next::Done,
        }
    }

    #[inline(always)]
    fn first(&self, doc: &Document, of: NodeId) -> Option<NodeId> {
        let first = doc.first_child(of);
        if self.elements_only {
            element_from(doc, first)
        } else {
            first
        }
    }

    /// Where to go after `n`: its next sibling, else up to its parent (the parent is read
    /// only then).
    #[inline(always)]
    fn then(&self, doc: &Document, n: NodeId) -> Then {
        let next = doc.next_sibling(n);
        let sibling = if self.elements_only {
            element_from(doc, next)
        } else {
            next
        };
        if let Some(s) = sibling {
            return Then::Sibling(s);
        }
        match doc.parent(n) {
            Some(p) if p != self.root => Then::Up(p),
            _ => Then::Done,
        }
    }
}

/// `from` or the first element among its next siblings.
#[inline]
fn element_from(doc: &Document, from: Option<NodeId>) -> Option<NodeId> {
    std::iter::successors(from, |&n| doc.next_sibling(n)).find(|&n| doc.element(n).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::sink::{Attrs, parse_fragment};

    fn steps(doc: &Document, mut walk: Walk, skip: &str) -> Vec<String> {
        let mut out = Vec::new();
        while let Some(step) = walk.next(doc) {
            let (sign, n) = match step {
                Step::Enter(n) => ("+", n),
                Step::Leave(n) => ("-", n),
            };
            let name = match doc.element(n) {
                Some(e) => e.tag.to_string(),
                None => format!("{:?}", doc.node(n).text().map(|t| &**t).unwrap_or("")),
            };
            if step == Step::Enter(n) && name == skip {
                walk.skip_children(doc);
            }
            out.push(format!("{sign}{name}"));
        }
        out
    }

    #[test]
    fn enters_and_leaves_in_document_order() {
        let doc = parse_fragment("<p>a<b>b</b></p><ul><li>c</li></ul>d", Attrs::Needed);
        let root = doc.first_child(NodeId::ROOT).unwrap();
        assert_eq!(
            steps(&doc, Walk::nodes(root), ""),
            [
                "+p", "+\"a\"", "+b", "+\"b\"", "-b", "-p", "+ul", "+li", "+\"c\"", "-li", "-ul",
                "+\"d\""
            ]
        );
        assert_eq!(
            steps(&doc, Walk::elements(root), "ul"),
            ["+p", "+b", "-b", "-p", "+ul", "-ul"]
        );
        let empty = parse_fragment("", Attrs::Needed);
        let root = empty.first_child(NodeId::ROOT).unwrap();
        assert!(steps(&empty, Walk::nodes(root), "").is_empty());
    }

    #[test]
    fn a_node_removed_after_skip_children_is_walked_past() {
        let mut doc = parse_fragment("<div><p>x</p><p>y</p></div><hr>", Attrs::Needed);
        let root = doc.first_child(NodeId::ROOT).unwrap();
        let mut walk = Walk::elements(root);
        let mut seen = Vec::new();
        while let Some(step) = walk.next(&doc) {
            if let Step::Enter(n) = step {
                seen.push(doc.element(n).unwrap().tag.to_string());
                if doc.element(n).unwrap().tag == crate::dom::Tag::P {
                    walk.skip_children(&doc);
                    doc.detach(n);
                }
            }
        }
        assert_eq!(seen, ["div", "p", "p", "hr"]);
    }

    #[test]
    fn deep_nesting_costs_no_stack() {
        let mut doc = Document::default();
        let mut parent = NodeId::ROOT;
        for _ in 0..200_000 {
            let el = doc.push(crate::dom::tree::Data::Element(crate::dom::tree::Element {
                tag: crate::dom::Tag::Div,
                ns: crate::dom::tree::Ns::Html,
                attrs: Vec::new(),
            }));
            doc.append(parent, el);
            parent = el;
        }
        let mut walk = Walk::nodes(NodeId::ROOT);
        let mut steps = 0;
        while walk.next(&doc).is_some() {
            steps += 1;
        }
        assert_eq!(steps, 400_000);
        assert!(walk.next(&doc).is_none());
    }
}
