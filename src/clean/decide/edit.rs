//! The pass's edits of the tree: removing and unwrapping elements, with the text on either
//! side joined as a parser would join it.

use tendril::StrTendril;

use super::Pass;
use crate::dom::tree::{Data, Document, NodeId};

impl Pass<'_> {
    /// Unlinks `node` with its subtree. The text on either side joins as a parser would
    /// join it; a block or line break between words leaves a line break, an inline spacer
    /// its white space, so that the words around it stay apart.
    pub(super) fn remove(&mut self, node: NodeId, in_pre: bool) {
        let doc = &mut *self.doc;
        let (prev, next) = (doc.prev_sibling(node), doc.next_sibling(node));
        let tag = doc.element(node).map(|e| e.tag.clone());
        let separator = match &tag {
            Some(t) if t.breaks_words() => (!in_pre
                && prev.is_some_and(|p| !ends_in_space(doc, p))
                && next.is_some_and(|n| !starts_with_space(doc, n)))
            .then(|| StrTendril::from_slice("\n")),
            _ => white_space(doc, node).filter(|_| {
                doc.descendants(node)
                    .filter_map(|n| doc.node(n).text())
                    .all(|t| !crate::dom::has_visible_text(t))
            }),
        };
        let parent = doc.parent(node);
        doc.detach(node);
        let mut before = prev;
        if let Some(sep) = separator {
            let text = doc.push(Data::Text(sep));
            match (next, parent) {
                (Some(n), _) => doc.insert_before(n, text),
                (None, Some(p)) => doc.append(p, text),
                (None, None) => {}
            }
            before = self.join(prev, Some(text)).or(Some(text));
        }
        self.join(before, next);
    }

    /// Leaves `node` out, its children taking its place; text joins at both ends.
    pub(super) fn unwrap(&mut self, node: NodeId) {
        let doc = &mut *self.doc;
        let (prev, next) = (doc.prev_sibling(node), doc.next_sibling(node));
        let (first, last) = (doc.first_child(node), doc.last_child(node));
        self.out.reshape |= doc.children(node).any(|c| doc.element(c).is_some());
        while let Some(c) = doc.first_child(node) {
            doc.insert_before(node, c);
        }
        doc.detach(node);
        if first.is_none() {
            self.join(prev, next);
            return;
        }
        let joined = self.join(prev, first);
        // A single text child joined to the text before: that text now ends the run.
        let last = if first == last { joined.or(last) } else { last };
        self.join(last, next);
    }

    /// Joins two adjacent siblings when both are text (the second into the first); returns
    /// the node that now ends the run (`a` when joined).
    fn join(&mut self, a: Option<NodeId>, b: Option<NodeId>) -> Option<NodeId> {
        let (a, b) = (a?, b?);
        let doc = &mut *self.doc;
        let more = doc.node(b).text()?.clone();
        let Data::Text(t) = &mut doc.node_mut(a).data else {
            return None;
        };
        t.push_tendril(&more);
        doc.detach(b);
        self.text_changed(a);
        Some(a)
    }
}

fn ends_in_space(doc: &Document, n: NodeId) -> bool {
    doc.node(n)
        .text()
        .and_then(|t| t.chars().next_back())
        .is_some_and(|c| c.is_whitespace() && c != '\u{a0}')
}

fn starts_with_space(doc: &Document, n: NodeId) -> bool {
    doc.node(n)
        .text()
        .and_then(|t| t.chars().next())
        .is_some_and(|c| c.is_whitespace() && c != '\u{a0}')
}

/// The text under `el`, when it holds white space.
fn white_space(doc: &Document, el: NodeId) -> Option<StrTendril> {
    let mut text = StrTendril::new();
    for n in doc.descendants(el) {
        if let Some(t) = doc.node(n).text() {
            text.push_tendril(t);
        }
    }
    text.chars().any(char::is_whitespace).then_some(text)
}
