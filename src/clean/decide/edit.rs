//! The pass's edits of the tree: removing and unwrapping elements, with the text on either
//! side joined as a parser would join it (the tree's own edits, in `dom::edit`), and what
//! the pass knows of the texts joined forgotten.

use super::Pass;
use crate::dom::edit::LineBreak;
use crate::dom::tree::NodeId;

impl Pass<'_> {
    /// Unlinks `node` with its subtree, keeping the words around it apart
    /// ([`Document::remove_keeping_break`](crate::dom::tree::Document::remove_keeping_break)).
    pub(super) fn remove(&mut self, node: NodeId, in_pre: bool) {
        let joined = self
            .doc
            .remove_keeping_break(node, in_pre, LineBreak::BetweenWords);
        if let Some(text) = joined {
            self.text_changed(text);
        }
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
        let joined = self.doc.join_text(a, b)?;
        self.text_changed(joined);
        Some(joined)
    }
}
