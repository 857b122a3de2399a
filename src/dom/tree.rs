//! The parsed document: an arena of nodes linked by `u32` indices (parent, first and last
//! child, previous and next sibling), filled by the parser's sink and edited in place with
//! [`Document::detach`], [`Document::append`] and [`Document::insert_before`].
//!
//! Text and attribute values are tendrils: reference-counted slices of the parser's
//! buffers, so building the tree copies no strings.

use std::borrow::Cow;

use tendril::StrTendril;

use super::tag::Tag;

/// A node's index in its [`Document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct NodeId(u32);

impl NodeId {
    /// The document node: the root of every parse.
    pub const ROOT: NodeId = NodeId(0);

    /// The index of the node in the arena.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// No node (end of a sibling list, no parent…).
const NONE: u32 = u32::MAX;

/// The namespace of an element (HTML, or foreign content inside `<svg>` and `<math>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    Html,
    Svg,
    MathMl,
    /// Anything else the parser may produce (never for HTML input in practice).
    Other,
}

/// One attribute that rules or outputs read. Names the rules know are static; others (kept
/// only when user selectors may ask for them) are owned.
#[derive(Debug, Clone)]
pub(crate) struct Attr {
    pub name: Cow<'static, str>,
    pub value: StrTendril,
}

/// An element: its name and the attributes kept from the source.
#[derive(Debug, Clone)]
pub(crate) struct Element {
    pub tag: Tag,
    pub ns: Ns,
    pub attrs: Vec<Attr>,
}

impl Element {
    /// Whether the class attribute holds `class` as one of its words.
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|x| x == class))
    }

    /// Sets an attribute, keeping attributes sorted by name (as the cleaner writes them).
    pub fn set_attr(&mut self, name: &'static str, value: &str) {
        match self.attrs.binary_search_by(|a| (*a.name).cmp(name)) {
            Ok(i) => self.attrs[i].value = StrTendril::from_slice(value),
            Err(i) => self.attrs.insert(
                i,
                Attr {
                    name: Cow::Borrowed(name),
                    value: StrTendril::from_slice(value),
                },
            ),
        }
    }

    /// Removes attribute `name`, if present.
    pub fn remove_attr(&mut self, name: &str) {
        self.attrs.retain(|a| a.name != name);
    }

    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name == name)
            .map(|a| &*a.value)
    }
}

/// What a node holds.
#[derive(Debug, Clone)]
pub(crate) enum Data {
    /// The root.
    Document,
    Element(Element),
    Text(StrTendril),
    Comment(StrTendril),
    /// Never linked into the document: template contents and processing instructions,
    /// which the parser needs a handle for but nothing reads.
    Detached,
}

/// A node and its links.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    parent: u32,
    prev: u32,
    next: u32,
    first: u32,
    last: u32,
    pub data: Data,
}

impl Node {
    /// The element, when this node is one.
    pub fn element(&self) -> Option<&Element> {
        match &self.data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The text, when this node is text.
    pub fn text(&self) -> Option<&StrTendril> {
        match &self.data {
            Data::Text(t) => Some(t),
            _ => None,
        }
    }
}

fn link(i: u32) -> Option<NodeId> {
    (i != NONE).then_some(NodeId(i))
}

/// A parsed HTML document (or fragment) as an arena of linked nodes.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    nodes: Vec<Node>,
}

impl Default for Document {
    fn default() -> Self {
        Document::with_capacity(1)
    }
}

impl Document {
    /// An empty document (only its root), with room for `nodes` nodes.
    pub fn with_capacity(nodes: usize) -> Document {
        let mut doc = Document {
            nodes: Vec::with_capacity(nodes.max(1)),
        };
        doc.push(Data::Document);
        doc
    }

    /// Adds a node that is not linked anywhere yet.
    pub fn push(&mut self, data: Data) -> NodeId {
        let id = u32::try_from(self.nodes.len())
            .ok()
            .filter(|&i| i != NONE)
            .expect("fewer than u32::MAX nodes (the element limit is far below)");
        self.nodes.push(Node {
            parent: NONE,
            prev: NONE,
            next: NONE,
            first: NONE,
            last: NONE,
            data,
        });
        NodeId(id)
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    pub fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id.index()]
    }

    pub fn element(&self, id: NodeId) -> Option<&Element> {
        self.node(id).element()
    }

    /// The element, when `id` is one, for editing.
    pub fn element_mut(&mut self, id: NodeId) -> Option<&mut Element> {
        match &mut self.node_mut(id).data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The number of nodes ever made (linked or not): one past the largest [`NodeId`].
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        link(self.node(id).parent)
    }

    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        link(self.node(id).first)
    }

    pub fn last_child(&self, id: NodeId) -> Option<NodeId> {
        link(self.node(id).last)
    }

    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        link(self.node(id).next)
    }

    pub fn prev_sibling(&self, id: NodeId) -> Option<NodeId> {
        link(self.node(id).prev)
    }

    /// The children of `id`, first to last.
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.first_child(id), |&c| self.next_sibling(c))
    }

    /// The siblings after `id`, nearest first.
    pub fn next_siblings(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.next_sibling(id), |&c| self.next_sibling(c))
    }

    /// The siblings before `id`, nearest first.
    pub fn prev_siblings(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.prev_sibling(id), |&c| self.prev_sibling(c))
    }

    /// Unlinks `id` (with its subtree) from its parent and siblings.
    pub fn detach(&mut self, id: NodeId) {
        let Node {
            parent, prev, next, ..
        } = *self.node(id);
        if parent == NONE {
            return;
        }
        match link(prev) {
            Some(p) => self.node_mut(p).next = next,
            None => self.nodes[parent as usize].first = next,
        }
        match link(next) {
            Some(n) => self.node_mut(n).prev = prev,
            None => self.nodes[parent as usize].last = prev,
        }
        let node = self.node_mut(id);
        node.parent = NONE;
        node.prev = NONE;
        node.next = NONE;
    }

    /// Makes `child` the last child of `parent` (detaching it from where it was).
    pub fn append(&mut self, parent: NodeId, child: NodeId) {
        self.detach(child);
        let last = self.node(parent).last;
        match link(last) {
            Some(l) => self.node_mut(l).next = child.0,
            None => self.node_mut(parent).first = child.0,
        }
        self.node_mut(parent).last = child.0;
        let node = self.node_mut(child);
        node.parent = parent.0;
        node.prev = last;
    }

    /// Puts `new` right before `sibling` (detaching it from where it was). Does nothing when
    /// `sibling` has no parent.
    pub fn insert_before(&mut self, sibling: NodeId, new: NodeId) {
        self.detach(new);
        let Node { parent, prev, .. } = *self.node(sibling);
        if parent == NONE {
            return;
        }
        match link(prev) {
            Some(p) => self.node_mut(p).next = new.0,
            None => self.nodes[parent as usize].first = new.0,
        }
        self.node_mut(sibling).prev = new.0;
        let node = self.node_mut(new);
        node.parent = parent;
        node.prev = prev;
        node.next = sibling.0;
    }

    /// Appends text to `parent`, joined to its last child when that is text (so that no two
    /// text nodes are ever adjacent).
    pub fn append_text(&mut self, parent: NodeId, text: StrTendril) {
        if let Some(last) = self.last_child(parent)
            && let Data::Text(t) = &mut self.node_mut(last).data
        {
            t.push_tendril(&text);
            return;
        }
        let id = self.push(Data::Text(text));
        self.append(parent, id);
    }

    /// Inserts text before `sibling`, joined to the text before it when there is some.
    pub fn insert_text_before(&mut self, sibling: NodeId, text: StrTendril) {
        if self.parent(sibling).is_none() {
            return;
        }
        if let Some(prev) = self.prev_sibling(sibling)
            && let Data::Text(t) = &mut self.node_mut(prev).data
        {
            t.push_tendril(&text);
            return;
        }
        let id = self.push(Data::Text(text));
        self.insert_before(sibling, id);
    }

    /// Moves every child of `from` to the end of `to`'s children, in order.
    pub fn reparent_children(&mut self, from: NodeId, to: NodeId) {
        while let Some(child) = self.first_child(from) {
            self.append(to, child);
        }
    }

    /// The subtree under `root` as a comparable value (for the tests and the engine's
    /// property checks): one line per node, indented by depth, with tags, attributes and text.
    pub fn outline(&self, root: NodeId) -> String {
        let mut s = String::new();
        for id in self.descendants(root) {
            let depth = std::iter::successors(self.parent(id), |&p| self.parent(p))
                .take_while(|&p| p != root)
                .count();
            s.push_str(&" ".repeat(depth));
            match &self.node(id).data {
                Data::Element(el) => {
                    s.push_str(el.tag.as_str());
                    for a in &el.attrs {
                        s.push_str(&format!(" {}={:?}", a.name, &*a.value));
                    }
                }
                Data::Text(t) => s.push_str(&format!("{:?}", &**t)),
                Data::Comment(c) => s.push_str(&format!("<!--{:?}-->", &**c)),
                other => s.push_str(&format!("{other:?}")),
            }
            s.push('\n');
        }
        s
    }

    /// The nodes under `root` in document order (preorder), `root` excluded; iterative, so
    /// depth costs no stack.
    pub fn descendants(&self, root: NodeId) -> Descendants<'_> {
        Descendants {
            doc: self,
            root,
            next: self.first_child(root),
        }
    }
}

/// Preorder walk of a subtree: see [`Document::descendants`].
#[derive(Clone)]
pub(crate) struct Descendants<'a> {
    doc: &'a Document,
    root: NodeId,
    next: Option<NodeId>,
}

impl Descendants<'_> {
    /// Does not enter the children of the node last returned.
    pub fn skip_children(&mut self, of: NodeId) {
        if self.next.is_some_and(|n| self.doc.parent(n) == Some(of)) {
            self.next = self.after(of);
        }
    }

    /// The node after `id`'s subtree, within the root.
    fn after(&self, mut id: NodeId) -> Option<NodeId> {
        loop {
            if id == self.root {
                return None;
            }
            if let Some(s) = self.doc.next_sibling(id) {
                return Some(s);
            }
            id = self.doc.parent(id)?;
        }
    }
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.doc.first_child(id).or_else(|| self.after(id));
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(doc: &mut Document, name: &str) -> NodeId {
        doc.push(Data::Element(Element {
            tag: Tag::from_name(name),
            ns: Ns::Html,
            attrs: Vec::new(),
        }))
    }

    fn names(doc: &Document, of: NodeId) -> Vec<String> {
        doc.children(of)
            .map(|c| match &doc.node(c).data {
                Data::Element(e) => e.tag.to_string(),
                Data::Text(t) => format!("{:?}", &**t),
                _ => "?".into(),
            })
            .collect()
    }

    #[test]
    fn edits_keep_links_consistent() {
        let mut doc = Document::default();
        let [a, b, c] = ["a", "b", "c"].map(|n| el(&mut doc, n));
        for x in [a, b, c] {
            doc.append(NodeId::ROOT, x);
        }
        assert_eq!(names(&doc, NodeId::ROOT), ["a", "b", "c"]);
        doc.detach(b);
        assert_eq!(names(&doc, NodeId::ROOT), ["a", "c"]);
        assert_eq!(doc.prev_sibling(c), Some(a));
        doc.insert_before(a, b);
        assert_eq!(names(&doc, NodeId::ROOT), ["b", "a", "c"]);
        assert_eq!(doc.first_child(NodeId::ROOT), Some(b));
        doc.append(a, c);
        assert_eq!(names(&doc, NodeId::ROOT), ["b", "a"]);
        assert_eq!(doc.last_child(NodeId::ROOT), Some(a));
        assert_eq!(doc.parent(c), Some(a));
        let order: Vec<_> = doc.descendants(NodeId::ROOT).collect();
        assert_eq!(order, [b, a, c]);
        let mut walk = doc.descendants(NodeId::ROOT);
        assert_eq!(walk.next(), Some(b));
        assert_eq!(walk.next(), Some(a));
        walk.skip_children(a);
        assert_eq!(walk.next(), None);
    }

    #[test]
    fn adjacent_text_is_merged() {
        let mut doc = Document::default();
        let p = el(&mut doc, "p");
        doc.append(NodeId::ROOT, p);
        doc.append_text(p, "one ".into());
        doc.append_text(p, "two".into());
        let br = el(&mut doc, "br");
        doc.append(p, br);
        doc.insert_text_before(br, " three".into());
        doc.append_text(p, "four".into());
        assert_eq!(names(&doc, p), ["\"one two three\"", "br", "\"four\""]);
    }
}
